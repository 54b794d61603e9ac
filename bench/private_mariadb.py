"""The benchmark's own MariaDB: installed once under .data/bench-mariadb, started for a run with
bench/mariadb.cnf (the production settings the README recommends), stopped after it. The shared
server of a development machine runs MariaDB's defaults (a 128 MiB buffer pool), which measures
the disk more than Parley; BENCH_DATABASE_URL points a run at any other server instead."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / ".data"
DATADIR = BASE / "bench-mariadb"
SOCKET = BASE / "bench-mariadb.sock"
CONFIG = ROOT / "bench" / "mariadb.cnf"
PORT = int(os.environ.get("BENCH_MARIADB_PORT", "3307"))
MARIADBD = "/usr/sbin/mariadbd"


class PrivateMariaDB:
    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = f"mysql://root@127.0.0.1:{PORT}"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=0.2):
                return True
        except OSError:
            return False

    def start(self) -> PrivateMariaDB:
        if not Path(MARIADBD).exists():
            raise SystemExit(
                f"{MARIADBD} is not installed: install mariadb-server, or set BENCH_DATABASE_URL "
                "to a server the benchmark may use"
            )
        if self._answers():
            raise SystemExit(
                f"port {PORT} is taken: stop what listens there, or set BENCH_MARIADB_PORT"
            )
        user = getpass.getuser()
        if not (DATADIR / "mysql").is_dir():
            print(f"installing the benchmark's MariaDB in {DATADIR.relative_to(ROOT)} ...")
            DATADIR.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    "mariadb-install-db",
                    "--no-defaults",
                    f"--datadir={DATADIR}",
                    f"--user={user}",
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        log = open(BASE / "bench-mariadb.log", "ab")  # noqa: SIM115 - lives as long as the server
        self.proc = subprocess.Popen(
            [
                MARIADBD,
                # The settings file first: MariaDB reads --defaults-file only in that place.
                f"--defaults-file={CONFIG}",
                f"--datadir={DATADIR}",
                f"--port={PORT}",
                "--bind-address=127.0.0.1",
                f"--socket={SOCKET}",
                f"--pid-file={BASE / 'bench-mariadb.pid'}",
                f"--user={user}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("the benchmark's MariaDB exited; see .data/bench-mariadb.log")
            if self._answers():
                return self
            time.sleep(0.2)
        self.stop()
        raise SystemExit("the benchmark's MariaDB did not start; see .data/bench-mariadb.log")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
