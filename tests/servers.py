"""Real servers for the tests: Parley as uvicorn subprocesses, private MariaDB and Redis."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
ROOT_DB_URL = os.environ.get("TEST_DATABASE_SERVER", "mysql://root@127.0.0.1:3306")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def new_database_url(prefix: str = "parley_test") -> str:
    return f"{ROOT_DB_URL}/{prefix}_{uuid.uuid4().hex[:10]}"


# Fast password hashing and short timeouts keep the suite quick; the rest is as in production.
TEST_ENV = {
    "PARLEY_ENV": "local",
    "SEED_DEMO_USERS": "false",
    "ARGON2_MEMORY_KIB": "1024",
    "ARGON2_TIME_COST": "1",
    "WS_AUTH_TIMEOUT_SECONDS": "1.5",
    "ALLOWED_ORIGINS": "http://shop.example",
    "IDENTITY_SECRET": "test-identity-secret",
    "JWT_SECRET": "test-jwt-secret-that-is-long-enough-0123456789",
    "RATE_LIMITS": "on",
    "DB_TIMEOUT_SECONDS": "3",
}


class Server:
    """One uvicorn process serving Parley."""

    def __init__(self, database_url: str, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/api/v1/ws"
        self.env = {
            **os.environ,
            **TEST_ENV,
            "DATABASE_URL": database_url,
            "FRONTEND_DIST": str(ROOT / "frontend" / "dist"),
            **env,
        }
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"parley-test-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, wait: bool = True) -> Server:
        with open(self.log_path, "wb") as log:
            self._spawn(log)
        if wait:
            self.wait_ready()
        return self

    def _spawn(self, log: IO[bytes]) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "app.main:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--loop",
                "uvloop",
                "--http",
                "httptools",
                # The WebSocket protocol and limits app.serve runs in production.
                "--ws",
                "app.realtime.ws_protocol:DirectFrames",
                "--ws-max-size",
                "1048576",
                "--ws-per-message-deflate",
                "false",
                "--proxy-headers",
                "--forwarded-allow-ips",
                "*",
                "--timeout-graceful-shutdown",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=BACKEND,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-3000:]}")
            try:
                httpx.get(self.url + "/api/v1/health", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class RedisServer:
    """A private redis-server for one test module: its own port, nothing on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> RedisServer:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class MariaDBServer:
    """A private MariaDB for fault tests: its own data folder and port, so that stopping or
    pausing it never touches the machine's shared server."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.datadir = base / "data"
        self.url = f"mysql://root@127.0.0.1:{self.port}/parley_faults"
        self.proc: subprocess.Popen[bytes] | None = None

    def install(self) -> MariaDBServer:
        self.datadir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "mariadb-install-db",
                "--no-defaults",
                f"--datadir={self.datadir}",
                "--user=root",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self

    def start(self) -> MariaDBServer:
        with open(self.base / "mariadb.log", "ab") as log:
            self.proc = subprocess.Popen(
                [
                    "/usr/sbin/mariadbd",
                    "--no-defaults",
                    f"--datadir={self.datadir}",
                    f"--port={self.port}",
                    "--bind-address=127.0.0.1",
                    f"--socket={self.base / 'mariadb.sock'}",
                    f"--pid-file={self.base / 'mariadb.pid'}",
                    "--user=root",
                    "--skip-name-resolve",
                    "--innodb-buffer-pool-size=64M",
                    "--max-connections=200",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("private MariaDB did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            self.proc.wait(30)

    def pause(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)
