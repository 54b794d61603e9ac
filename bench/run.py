"""`make bench`: Parley against its physical limit on this machine.

    .venv/bin/python bench/run.py [--full] [--only limit,throughput,...]

Creates its own database (parley_bench), seeds it in bulk, starts the real server the way
`make run` does (`python -m app.serve`: uvicorn, uvloop, httptools, per-message compression off),
runs each scenario in a separate load-generator process (bench/loadgen.py), prints a table,
writes bench/results/<date>-<commit>.json and a PNG chart, and compares with the newest
earlier result in bench/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
# BENCH_BACKEND=<dir> serves another checkout's backend (an A/B run against `git archive HEAD`).
BACKEND = Path(os.environ.get("BENCH_BACKEND", ROOT / "backend")).resolve()
RESULTS = BENCH / "results"
WORK = BENCH / ".work"
sys.path.insert(0, str(BACKEND))
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))  # tests.servers: the private Redis of `workers`

try:
    import psutil
    import pymysql
except ImportError as exc:  # pragma: no cover - a hint for a fresh clone
    raise SystemExit(
        f"{exc}: install the benchmark's requirements first:\n"
        f"  {sys.executable} -m pip install -r bench/requirements.txt"
    ) from exc

import desk  # noqa: E402
import private_mariadb  # noqa: E402
from app.config import DatabaseParams  # noqa: E402
from app.manage import connect, create_database, drop_database, migrate  # noqa: E402
from loadgen import raise_nofile  # noqa: E402
from seed import ADMINS, LIVE, seed  # noqa: E402

# BENCH_DATABASE_URL: a server of your own (mysql://user:password@host:port, optionally with a
# database name); unset, the run starts the private server of bench/private_mariadb.py.
# BENCH_DATABASE_SERVER is the older name of the same setting.
OTHER_SERVER = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("BENCH_DATABASE_SERVER")
# BENCH_DATABASE: another name, so that two checkouts can bench on one server without sharing it.
DB_NAME = os.environ.get("BENCH_DATABASE", "parley_bench")
SERVER_URL = OTHER_SERVER or private_mariadb.PrivateMariaDB().url
DB_URL = f"{SERVER_URL}/{DB_NAME}"
# Which MariaDB ran, for the table, and its process for the CPU figures.
DATABASE_KIND = "BENCH_DATABASE_URL"
PRIVATE: private_mariadb.PrivateMariaDB | None = None


def _split_server(url: str) -> tuple[str, str]:
    """mysql://u@h:p/db -> (mysql://u@h:p, db or the default name)."""
    head, sep, tail = url.partition("://")
    authority, _, path = tail.partition("/")
    return f"{head}{sep}{authority}", (path.split("?")[0] or DB_NAME)


@contextlib.contextmanager
def database() -> Iterator[None]:
    """The MariaDB of this run: BENCH_DATABASE_URL's, or a private one started for it."""
    global SERVER_URL, DB_URL, DATABASE_KIND, PRIVATE
    if OTHER_SERVER:
        SERVER_URL, name = _split_server(OTHER_SERVER)
        DB_URL, DATABASE_KIND = f"{SERVER_URL}/{name}", "BENCH_DATABASE_URL"
        yield
        return
    PRIVATE = private_mariadb.PrivateMariaDB().start()
    SERVER_URL = PRIVATE.url
    DB_URL = f"{SERVER_URL}/{DB_NAME}"
    DATABASE_KIND = "private, bench/mariadb.cnf (buffer pool 2G, redo log 512M, flush at commit)"
    try:
        yield
    finally:
        PRIVATE.stop()
        PRIVATE = None


# A MariaDB on this host is reached through its Unix socket, as a same-host deployment would
# (DATABASE_URL's ?unix_socket=): the server, the seed and scenario 1 alike. BENCH_DB_TRANSPORT=tcp
# measures over TCP loopback instead (finding 8 in bench/README.md compares the two).
DB_TRANSPORT = os.environ.get("BENCH_DB_TRANSPORT", "socket")

PROFILES: dict[str, dict[str, Any]] = {
    "quick": {
        "chats": 20_000,
        "per_live": 200,  # 200,000 live-history messages
        "idle_sockets": 5_000,
        "warmup": 2,
        "duration": 8,
        "limit_duration": 5,
    },
    "full": {
        "chats": 100_000,
        "per_live": 1_000,  # 1,000,000 live-history messages
        "idle_sockets": 20_000,
        "warmup": 3,
        "duration": 20,
        "limit_duration": 10,
    },
}
LATENCY_RATE = 200
SEARCH_RATE = 20
PAGE_RATE = 200
PAGE_SOCKETS = 600
HISTORY_RATE = 100
CHATLIST_RATE = 100

TARGETS = {
    "throughput": "≥ 2,500 msg/s and ≥ 0.5 × limit",
    "latency": "p50 < 5 ms, p99 < 25 ms",
    "idle": "20,000 sockets, < 20 KiB each",
    "history": "p99 < 10 ms",
    "chatlist": "p99 < 10 ms (< 8 ms FULL)",
    "search": "p99 < 50 ms (FULL)",
    "pages": "200 pages/s cost sends ≤ 10 % of throughput",
    "webhooks": "1 endpoint: ≥ 0.9 × throughput, p99 < 25 ms @200, drain ≥ 500/s",
    "files": "send p99 < 25 ms @200 while 5 MiB files upload",
    "reports": "30 days p99 < 300 ms (FULL)",
    "erase": "10k messages < 2 s, send p99 < 25 ms meanwhile",
}


def sh(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def machine() -> dict[str, Any]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "hostname": platform.node(),
    }


def mariadb_pid() -> int | None:
    if PRIVATE is not None:
        return PRIVATE.pid
    for p in psutil.process_iter(["name"]):
        if p.info["name"] in ("mariadbd", "mysqld"):
            return int(p.pid)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """Parley as `make run` serves it (app.serve), with rate limits off for load."""

    def __init__(self, jwt_secret: str, **extra_env: str) -> None:
        self.port = free_port()
        self.jwt_secret = jwt_secret
        self.extra_env = extra_env
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = WORK / "server.log"

    def start(self) -> Server:
        env = {
            **os.environ,
            "PARLEY_ENV": "local",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WORKERS": "1",
            "DATABASE_URL": DB_URL,
            "RATE_LIMITS": "off",
            "SEED_DEMO_USERS": "false",
            "JWT_SECRET": self.jwt_secret,
            "REDIS_URL": "",
            "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "info"),
            **self.extra_env,
        }
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "app.serve"],
                cwd=BACKEND,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=raise_nofile,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited; see {self.log}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/api/v1/health", timeout=1
                ):
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()  # else it outlives the run, holding its port and the database
        raise SystemExit(f"the server did not become healthy; see {self.log}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def loadgen(cfg: dict[str, Any]) -> dict[str, Any]:
    print(f"  running {cfg['scenario']} ...", flush=True)
    out = subprocess.run(
        [sys.executable, str(BENCH / "loadgen.py"), json.dumps(cfg)],
        capture_output=True,
        text=True,
        preexec_fn=raise_nofile,
    )
    if out.returncode != 0 or not out.stdout.strip():
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"load generator failed in scenario {cfg['scenario']}")
    if out.stderr.strip():
        (WORK / f"loadgen-{cfg['scenario']}.err").write_text(out.stderr)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def prepare_database(profile: dict[str, Any]) -> dict[str, Any]:
    params = DatabaseParams(DB_URL)
    drop_database(params)
    create_database(params)
    migrate(DB_URL)
    conn = connect(params)
    try:
        result = seed(conn, chats=profile["chats"], per_live=profile["per_live"])
    finally:
        conn.close()
    return {
        "users": result.users,
        "chats": result.chats,
        "messages": result.messages,
        "seconds": round(result.seconds, 1),
        "max_message_id": result.messages,
    }


def run(profile_name: str, only: set[str] | None) -> dict[str, Any]:
    profile = PROFILES[profile_name]
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)

    def want(scenario: str) -> bool:
        return only is None or scenario in only

    print(f"seeding parley_bench ({profile['chats']:,} chats) ...", flush=True)
    seeded = prepare_database(profile)
    print(
        f"  {seeded['messages']:,} messages, {seeded['chats']:,} chats, "
        f"{seeded['users']:,} users in {seeded['seconds']} s",
        flush=True,
    )
    p = DatabaseParams(DB_URL)
    jwt_secret = secrets.token_urlsafe(32)
    base = {
        "db": {
            "host": p.host,
            "port": p.port,
            "user": p.user,
            "password": p.password,
            "database": p.database,
            "unix_socket": p.unix_socket,
        },
        "jwt_secret": jwt_secret,
        "admins": ADMINS,
        "live": LIVE,
        "chats": seeded["chats"],
        "max_message_id": seeded["max_message_id"],
        "mariadb_pid": mariadb_pid(),
        "warmup": profile["warmup"],
        "duration": profile["duration"],
    }
    out: dict[str, Any] = {"seed": seeded}
    if want("limit"):
        out["limit"] = loadgen({**base, "scenario": "limit", "duration": profile["limit_duration"]})
    server = Server(jwt_secret).start()
    try:
        net = {
            **base,
            "server_pid": server.proc.pid if server.proc else None,
            "host": "127.0.0.1",
            "port": server.port,
            "ws_url": f"ws://127.0.0.1:{server.port}/api/v1/ws",
        }
        if want("throughput"):
            out["throughput"] = loadgen({**net, "scenario": "throughput"})
        if want("latency"):
            out["latency"] = loadgen({**net, "scenario": "latency", "rate": LATENCY_RATE})
        if want("history"):
            out["history_run"] = loadgen(
                {**net, "scenario": "latency", "rate": LATENCY_RATE, "history_rate": HISTORY_RATE}
            )
        if want("chatlist"):
            out["chatlist"] = loadgen(
                {**net, "scenario": "chatlist", "rate": CHATLIST_RATE, "send_rate": LATENCY_RATE}
            )
        if want("search"):
            out["search"] = loadgen(
                {**net, "scenario": "search", "rate": SEARCH_RATE, "send_rate": LATENCY_RATE}
            )
        if want("pages"):
            # Between two runs of scenario 2 alone (see paired_rate).
            before = loadgen({**net, "scenario": "throughput"})
            out["pages"] = loadgen(
                {
                    **net,
                    "scenario": "pages",
                    "page_rate": PAGE_RATE,
                    "page_sockets": PAGE_SOCKETS,
                }
            )
            out["pages"]["alone_before"] = before
            out["pages"]["alone_after"] = loadgen({**net, "scenario": "throughput"})
        # The support desk's (bench/desk.py); the erase last: it deletes a customer.
        if want("files"):
            out["files"] = desk.files(net)
        if want("reports"):
            out["reports"] = desk.reports(net)
        if want("erase"):
            out["erase"] = desk.erase(net)
    finally:
        server.stop()
    if want("webhooks"):
        out["webhooks"] = webhooks(base, jwt_secret)
    if want("workers"):
        out["workers"] = two_workers(base, jwt_secret)
    if want("idle"):
        # A fresh worker, so that the RSS growth is the sockets' and nothing else's.
        server = Server(jwt_secret).start()
        try:
            out["idle"] = loadgen(
                {
                    **base,
                    "scenario": "idle",
                    "server_pid": server.proc.pid if server.proc else None,
                    "host": "127.0.0.1",
                    "port": server.port,
                    "ws_url": f"ws://127.0.0.1:{server.port}/api/v1/ws",
                    "sockets": profile["idle_sockets"],
                }
            )
        finally:
            server.stop()
    return out


def two_workers(base: dict[str, Any], jwt_secret: str) -> dict[str, Any]:
    """Issue 16: scenarios 2 and 3 across two processes joined by a Redis backplane, the
    customers on one and the admins on the other, so that every event crosses Redis."""
    from tests.servers import RedisServer

    redis = RedisServer().start()
    servers = [Server(jwt_secret, REDIS_URL=redis.url).start() for _ in range(2)]
    try:
        customers, admins = servers
        net = {
            **base,
            "server_pid": customers.proc.pid if customers.proc else None,
            "server2_pid": admins.proc.pid if admins.proc else None,
            "redis_pid": redis.proc.pid if redis.proc else None,
            "host": "127.0.0.1",
            "port": customers.port,
            "ws_url": f"ws://127.0.0.1:{customers.port}/api/v1/ws",
            "admin_ws_url": f"ws://127.0.0.1:{admins.port}/api/v1/ws",
        }
        return {
            "throughput": loadgen({**net, "scenario": "throughput"}),
            "latency": loadgen({**net, "scenario": "latency", "rate": LATENCY_RATE}),
        }
    finally:
        for server in servers:
            server.stop()
        redis.stop()


def _cpu_ms_per_message(r: dict[str, Any], *names: str) -> float | None:
    """Milliseconds of CPU the named processes spent per persisted and delivered message."""
    if not r.get("rate"):
        return None
    cpu = sum(r.get(f"{name}_cpu_pct") or 0.0 for name in names)
    return round(10 * cpu / r["rate"], 4)


def _receiver_stats(port: int, path: str = "/stats") -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
        return dict(json.loads(r.read()))


def _outbox_pending() -> int:
    conn = connect(DatabaseParams(DB_URL))
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
            return int(cur.fetchone()[0])
    finally:
        conn.close()


def _endpoints_enabled(on: bool) -> None:
    conn = connect(DatabaseParams(DB_URL))
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE webhook_endpoints SET enabled = %s", (on,))
        conn.commit()
    finally:
        conn.close()


def paired_rate(r: dict[str, Any]) -> float | None:
    """Scenario 2 alone, the mean of the runs just before and just after a variant of it."""
    rates = [r[k]["rate"] for k in ("alone_before", "alone_after") if r.get(k, {}).get("rate")]
    return sum(rates) / len(rates) if len(rates) == 2 else None


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


def webhooks(base: dict[str, Any], jwt_secret: str) -> dict[str, Any]:
    """Issue 14: one endpoint subscribed to message.created. The send path with it (throughput
    and latency at 200 msg/s), the lag from commit to delivery, and how fast the outbox drains
    a backlog to a local receiver."""
    port = free_port()
    rx = subprocess.Popen([sys.executable, str(BENCH / "webhook_receiver.py"), str(port)])
    out: dict[str, Any] = {}
    try:
        time.sleep(0.5)
        conn = connect(DatabaseParams(DB_URL))
        try:
            with conn.cursor() as cur:
                cur.execute("DELETE FROM outbox")
                cur.execute("DELETE FROM webhook_endpoints")
                cur.execute(
                    "INSERT INTO webhook_endpoints (url, events, enabled, secret, created_at) "
                    "VALUES (%s, 'message.created', TRUE, %s, UTC_TIMESTAMP(6))",
                    (f"http://127.0.0.1:{port}/hook", "whsec_" + "A" * 44),
                )
            conn.commit()
        finally:
            conn.close()
        server = Server(jwt_secret, WEBHOOK_ALLOWED_NETWORKS="127.0.0.0/8").start()
        try:
            net = {
                **base,
                "server_pid": server.proc.pid if server.proc else None,
                "host": "127.0.0.1",
                "port": server.port,
                "ws_url": f"ws://127.0.0.1:{server.port}/api/v1/ws",
            }
            _receiver_stats(port, "/reset")
            out["latency"] = loadgen({**net, "scenario": "latency", "rate": LATENCY_RATE})
            time.sleep(2)
            lags = _receiver_stats(port)["lags_ms"]
            out["lag_at_200"] = {"p50_ms": _pct(lags, 0.5), "p99_ms": _pct(lags, 0.99)}
            _receiver_stats(port, "/reset")
            # Scenario 2 alone on this server, just before and (below) just after: the host's
            # speed drifts by a quarter within minutes, and scenario 2 at the start of the run
            # is too far away to divide by.
            _endpoints_enabled(False)
            out["alone_before"] = loadgen({**net, "scenario": "throughput"})
            _endpoints_enabled(True)
            out["throughput"] = loadgen({**net, "scenario": "throughput"})
            # The backlog the saturated run left behind drains now, with no sends competing.
            backlog_start = time.monotonic()
            before = _receiver_stats(port)["count"]
            backlog = _outbox_pending()
            while _outbox_pending() > 0 and time.monotonic() - backlog_start < 120:
                time.sleep(0.25)
            seconds = time.monotonic() - backlog_start
            drained = _receiver_stats(port)["count"] - before
            stats = _receiver_stats(port)
            out["drain"] = {
                "backlog": backlog,
                "delivered": drained,
                "seconds": round(seconds, 2),
                "rate": round(drained / seconds, 1) if seconds > 0 else None,
                "unique_ids": stats["unique"],
                "deliveries": stats["count"],
            }
            out["lag_saturated"] = {
                "p50_ms": _pct(stats["lags_ms"], 0.5),
                "p99_ms": _pct(stats["lags_ms"], 0.99),
            }
            _endpoints_enabled(False)
            out["alone_after"] = loadgen({**net, "scenario": "throughput"})
        finally:
            server.stop()
    finally:
        rx.terminate()
        rx.wait(10)
    return out


# --- the table ----------------------------------------------------------------------------------


def _meanwhile(
    out: list[tuple[str, str, float | None, str, str]], name: str, r: dict[str, Any]
) -> None:
    """The sends that ran beside a read scenario: their p99 and anything lost."""
    sends = r.get("sends_meanwhile")
    if sends:
        out.append(
            (name, f"msg p99 meanwhile ({sends['rate']}/s)", sends["latency"]["p99_ms"], "ms", "")
        )
        out.append((name, "msgs lost meanwhile", sends["lost"], "msgs", ""))


def rows(res: dict[str, Any], profile: str) -> list[tuple[str, str, float | None, str, str]]:
    """(scenario, metric, value, unit, verdict) for each headline figure."""
    out: list[tuple[str, str, float | None, str, str]] = []

    def verdict(ok: bool | None) -> str:
        return "" if ok is None else ("met" if ok else "MISSED")

    limit = res.get("limit", {}).get("rate")
    if limit is not None:
        out.append(("1 limit", "INSERT+COMMIT/s (16 tasks)", limit, "msg/s", ""))
        txn = res["limit"].get("send_txn_rate")
        if txn is not None:
            out.append(("1 limit", "whole send txn/s (context)", txn, "msg/s", ""))
    t = res.get("throughput")
    if t:
        ratio = t["rate"] / limit if limit else None
        ok = t["rate"] >= 2500 and (ratio is None or ratio >= 0.5)
        out.append(("2 throughput", "persisted+delivered", t["rate"], "msg/s", verdict(ok)))
        if ratio is not None:
            out.append(
                ("2 throughput", "ratio to limit", round(ratio, 3), "×", verdict(ratio >= 0.5))
            )
        out.append(("2 throughput", "send→admin p50 (saturated)", t["latency"]["p50_ms"], "ms", ""))
    lat = res.get("latency")
    if lat:
        L = lat["latency"]
        out.append(("3 latency", "p50 @200 msg/s", L["p50_ms"], "ms", verdict(L["p50_ms"] < 5)))
        out.append(("3 latency", "p99 @200 msg/s", L["p99_ms"], "ms", verdict(L["p99_ms"] < 25)))
        out.append(("3 latency", "max @200 msg/s", L["max_ms"], "ms", ""))
    idle = res.get("idle")
    if idle:
        held = idle["sockets_held"]
        per = idle["rss_per_socket_kib"]
        out.append(("4 idle", "sockets held by 1 worker", held, "sockets", verdict(held >= 20000)))
        out.append(("4 idle", "RSS per socket", per, "KiB", verdict(per < 20)))
    h = res.get("history_run", {}).get("history")
    if h:
        out.append(("5 history", "p50 (50/page, random pages)", h["p50_ms"], "ms", ""))
        out.append(
            (
                "5 history",
                "p99 (50/page, random pages)",
                h["p99_ms"],
                "ms",
                verdict(h["p99_ms"] < 10),
            )
        )
        hl = res["history_run"]["latency"]
        out.append(("5 history", "msg p99 meanwhile", hl["p99_ms"], "ms", ""))
    c = res.get("chatlist")
    if c:
        # Issue 12's 10 ms everywhere; issue 16's 8 ms on the FULL tables.
        bound = 8 if profile == "full" else 10
        out.append(("6 chat list", "p50 (50/page)", c["p50_ms"], "ms", ""))
        out.append(
            ("6 chat list", "p99 (50/page)", c["p99_ms"], "ms", verdict(c["p99_ms"] < bound))
        )
        r = c.get("by_scope", {}).get("resolved")
        if r:
            out.append(
                (
                    "6 chat list",
                    "p99 scope=resolved",
                    r["p99_ms"],
                    "ms",
                    verdict(r["p99_ms"] < bound),
                )
            )
        _meanwhile(out, "6 chat list", c)
    s = res.get("search")
    if s:
        for kind in ("common", "rare"):
            k = s["by_kind"].get(kind)
            if k:
                out.append(("8 search", f"p50 {kind} words", k["p50_ms"], "ms", ""))
                out.append(
                    ("8 search", f"p99 {kind} words", k["p99_ms"], "ms", verdict(k["p99_ms"] < 50))
                )
        _meanwhile(out, "8 search", s)
    f = res.get("files")
    if f:
        out.append(("11 files", "upload 5 MiB", f["upload_mbps"], "MB/s", ""))
        out.append(("11 files", "download 5 MiB", f["download_mbps"], "MB/s", ""))
        out.append(("11 files", "plain INSERT", f["insert_mbps"], "MB/s", ""))
        out.append(("11 files", "plain SELECT", f["select_mbps"], "MB/s", ""))
        fl = f["latency_while_uploading"]["latency"]
        ok = fl["p99_ms"] < 25
        out.append(("11 files", "send p99 @200 while uploading", fl["p99_ms"], "ms", verdict(ok)))
        out.append(("11 files", "uploads meanwhile", f["uploads_meanwhile"], "files", ""))
    rp = res.get("reports")
    if rp:
        out.append(("12 reports", "30 days p50", rp["p50_ms"], "ms", ""))
        out.append(("12 reports", "30 days p99", rp["p99_ms"], "ms", verdict(rp["p99_ms"] < 300)))
        out.append(("12 reports", "chats.csv, 30 days", rp["csv_ms"], "ms", ""))
    er = res.get("erase")
    if er:
        ok = er["erase_seconds"] < 2
        out.append(("13 erase", "10k messages", er["erase_seconds"], "s", verdict(ok)))
        el = er["latency_meanwhile"]["latency"]
        ok = el["p99_ms"] < 25
        out.append(("13 erase", "send p99 @200 meanwhile", el["p99_ms"], "ms", verdict(ok)))
        out.append(("13 erase", "send max @200 meanwhile", el["max_ms"], "ms", ""))
    w = res.get("webhooks")
    t = res.get("throughput")
    if w:
        wt = w.get("throughput", {}).get("rate")
        out.append(("10 webhooks", "msg/s with 1 endpoint", wt, "msg/s", ""))
        alone = paired_rate(w)
        if alone:
            out.append(("10 webhooks", "msg/s alone, runs around it", round(alone), "msg/s", ""))
        if wt and alone:
            kept = round(wt / alone, 3)
            out.append(("10 webhooks", "throughput kept", kept, "×", verdict(kept >= 0.9)))
        wl = w.get("latency", {}).get("latency")
        if wl:
            ok = wl["p99_ms"] < 25
            out.append(("10 webhooks", "send p99 @200 msg/s", wl["p99_ms"], "ms", verdict(ok)))
        lag = w.get("lag_at_200", {})
        out.append(("10 webhooks", "commit→delivery p50 @200", lag.get("p50_ms"), "ms", ""))
        out.append(("10 webhooks", "commit→delivery p99 @200", lag.get("p99_ms"), "ms", ""))
        d = w.get("drain", {})
        if d.get("rate") is not None:
            ok = d["rate"] >= 500
            out.append(("10 webhooks", "outbox drain", d["rate"], "deliveries/s", verdict(ok)))
            out.append(("10 webhooks", "backlog drained", d["backlog"], "rows", ""))
    wk = res.get("workers")
    if wk:
        wt, wl = wk["throughput"], wk["latency"]["latency"]
        out.append(("14 2 workers", "persisted+delivered", wt["rate"], "msg/s", ""))
        out.append(("14 2 workers", "send→admin p50 @200 msg/s", wl["p50_ms"], "ms", ""))
        out.append(("14 2 workers", "send→admin p99 @200 msg/s", wl["p99_ms"], "ms", ""))
        two = _cpu_ms_per_message(wt, "server", "server2", "redis")
        out.append(("14 2 workers", "CPU per message, 2 + Redis", two, "ms", ""))
        one = _cpu_ms_per_message(t, "server") if t else None
        if one is not None and two is not None:
            out.append(("14 2 workers", "CPU per message, 1 process", one, "ms", ""))
            cost = round(two - one, 4)
            out.append(("14 2 workers", "backplane cost per message", cost, "ms", ""))
    pg = res.get("pages")
    if pg:
        out.append(("9 pages", "msg/s with 200 pages/s", pg["rate"], "msg/s", ""))
        out.append(("9 pages", "pages/s reported", pg["pages_per_s"], "pages/s", ""))
        alone = paired_rate(pg)
        if alone:
            out.append(("9 pages", "msg/s alone, runs around it", round(alone), "msg/s", ""))
            cost = round(100 * (1 - pg["rate"] / alone), 1)
            out.append(("9 pages", "send throughput lost", cost, "%", verdict(cost <= 10)))
    return out


def cpu_line(name: str, r: dict[str, Any] | None) -> str | None:
    if not r or "loadgen_cpu_pct" not in r:
        return None
    return (
        f"  {name:<12} CPU % of one core: load generator {r['loadgen_cpu_pct']:>5}  "
        f"server {r.get('server_cpu_pct', '-'):>5}  mariadb {r.get('mariadb_cpu_pct', '-'):>5}"
        + (
            f"  server 2 {r['server2_cpu_pct']:>5}  redis {r.get('redis_cpu_pct', '-'):>5}"
            if "server2_cpu_pct" in r
            else ""
        )
    )


def fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float) and v != v:
        return "nan"
    if isinstance(v, int) or (isinstance(v, float) and v >= 100):
        return f"{v:,.0f}"
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def previous_result(current: Path, profile: str) -> tuple[Path, dict[str, Any]] | None:
    """The newest result of the same profile committed to git (else on disk), not this run's."""
    tracked = [ROOT / f for f in sh("git", "ls-files", "bench/results/*.json").splitlines() if f]
    candidates = [f for f in tracked if f.exists() and f != current]
    if not candidates:
        candidates = [f for f in RESULTS.glob("*.json") if f != current]
    if not candidates:
        return None
    docs = [(f, json.loads(f.read_text())) for f in candidates]
    same = [d for d in docs if d[1].get("profile") == profile]
    if not same:
        return None
    return max(same, key=lambda d: (d[1].get("started_at", ""), d[0].name))


def print_table(doc: dict[str, Any], prev: tuple[Path, dict[str, Any]] | None) -> str:
    cur = rows(doc["results"], doc["profile"])
    before = (
        {(s, m): v for s, m, v, _, _ in rows(prev[1]["results"], prev[1]["profile"])}
        if prev
        else {}
    )
    lines = []
    m = doc["machine"]
    lines.append(
        f"Parley benchmark, {doc['profile']} profile, commit {doc['commit']}"
        f"{' (dirty)' if doc['dirty'] else ''}, {doc['started_at']}"
    )
    lines.append(
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, "
        f"Linux {m['kernel']}, Python {m['python']}, MariaDB {doc.get('mariadb', '?')} "
        f"over {doc.get('database_transport', 'TCP')}; {doc.get('database', 'shared server')}"
    )
    s = doc["results"]["seed"]
    lines.append(
        f"tables: {s['messages']:,} messages, {s['chats']:,} chats, {s['users']:,} users "
        f"(seeded in {s['seconds']} s)"
    )
    prev_name = prev[0].name if prev else "none"
    header = (
        f"| {'scenario':<13}| {'metric':<29}| {'value':>10} | {'unit':<8}| {'previous':>10} "
        f"| {'change':>7} | {'target':<34}| {'':<6}|"
    )
    lines.append(f"previous result: {prev_name}")
    lines.append(header)
    lines.append("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for scen, metric, value, unit, verdict in cur:
        old = before.get((scen, metric))
        change = ""
        if isinstance(old, int | float) and isinstance(value, int | float) and old:
            change = f"{(value - old) / old * 100:+.0f}%"
        key = scen.split(" ", 1)[1].replace(" ", "")
        target = TARGETS.get(key, "") if verdict else ""
        lines.append(
            f"| {scen:<13}| {metric:<29}| {fmt(value):>10} | {unit:<8}| {fmt(old):>10} | "
            f"{change:>7} | {target:<34}| {verdict:<6}|"
        )
    r = doc["results"]
    for name, key in (
        ("limit", "limit"),
        ("throughput", "throughput"),
        ("latency", "latency"),
        ("history", "history_run"),
        ("chat list", "chatlist"),
    ):
        line = cpu_line(name, r.get(key))
        if line:
            lines.append(line)
    line = cpu_line("2 workers", r.get("workers", {}).get("throughput"))
    if line:
        lines.append(line)
    if "idle" in r:
        i = r["idle"]
        lines.append(
            f"  idle: {i['sockets_held']:,}/{i['sockets_target']:,} sockets in "
            f"{i['open_seconds']} s ({i.get('retries', 0)} retried, {i.get('failed', 0)} "
            f"failed), ping sample alive {i['sample_alive']}, RSS "
            f"{i['rss_before_kib'] / 1024:.0f} → {i['rss_after_kib'] / 1024:.0f} MiB"
        )
    if doc["profile"] == "quick":
        lines.append(
            "  (quick profile: smaller tables and fewer idle sockets than the targets "
            "name; `make bench FULL=1` for the real sizes)"
        )
    text = "\n".join(lines)
    print(text)
    return text


def chart(doc: dict[str, Any], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is missing: no chart (pip install -r bench/requirements.txt)")
        return
    r = doc["results"]
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
    ax = axes[0]
    for label, sample in (
        ("throughput (saturated) send→admin", r.get("throughput", {}).get("latency_sample")),
        ("latency @200 msg/s send→admin", r.get("latency", {}).get("latency_sample")),
        ("history GET", r.get("history_run", {}).get("history_sample")),
        ("chat list GET", r.get("chatlist", {}).get("sample")),
    ):
        if sample:
            ms = sorted(x * 1000 for x in sample)
            ax.plot(ms, [i / len(ms) for i in range(len(ms))], label=label)
    ax.set_xscale("log")
    ax.set_xlabel("latency (ms, log)")
    ax.set_ylabel("fraction of requests ≤ x")
    ax.set_title("latency distribution (CDF)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    ax = axes[1]
    for label, key in (
        ("limit (INSERT+COMMIT)", "limit"),
        ("throughput (delivered)", "throughput"),
        ("latency run (delivered)", "latency"),
    ):
        series = r.get(key, {}).get("per_second")
        if series:
            ax.plot(range(1, len(series) + 1), series, marker=".", label=label)
    ax.set_xlabel("second of the measured window")
    ax.set_ylabel("messages / s")
    ax.set_title("throughput over time")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.suptitle(f"Parley bench {doc['profile']} {doc['commit']} {doc['started_at']}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def exit_on_sigterm() -> None:
    """A run stopped with SIGTERM (kill, a CI timeout) still stops its servers and its MariaDB:
    the finally blocks run only if the signal becomes an exception."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--full", action="store_true", help="the full sizes of the issue")
    ap.add_argument(
        "--only",
        help="comma-separated: limit,throughput,latency,history,chatlist,search,pages,idle,"
        "webhooks,workers,files,reports,erase",
    )
    args = ap.parse_args()
    exit_on_sigterm()
    raise_nofile()
    profile = "full" if args.full else "quick"
    only = set(args.only.split(",")) if args.only else None
    if os.environ.get("WORKERS", "1") == "2" and only is None:
        # `make bench WORKERS=2`: scenarios 2 and 3 in one process, then across two.
        only = {"throughput", "latency", "workers"}
    started = datetime.now(UTC).replace(microsecond=0)
    with database():
        measure(profile, only, started)


def connect_locally() -> tuple[str, str]:
    """The server's version, and the transport this run's connections take: a MariaDB on this
    host through its Unix socket (DB_URL gains `?unix_socket=`), unless BENCH_DB_TRANSPORT=tcp.
    `make bench` and `make soak` alike, so that both measure the same deployment."""
    global DB_URL
    try:
        p = DatabaseParams(DB_URL)
        c = connect(p, database=False)
        with c.cursor() as cur:
            cur.execute("SELECT VERSION(), @@socket")
            mariadb, socket_path = (str(v) for v in cur.fetchone())
        c.close()
    except pymysql.err.Error as exc:
        raise SystemExit(
            f"MariaDB is not reachable at {SERVER_URL}: {exc} (try `make db`)"
        ) from exc
    local = p.host in ("127.0.0.1", "localhost", "::1")
    if DB_TRANSPORT == "socket" and local and p.unix_socket is None and Path(socket_path).exists():
        DB_URL = f"{DB_URL}?unix_socket={socket_path}"
        return mariadb, f"Unix socket {socket_path}"
    if p.unix_socket is not None:
        return mariadb, f"Unix socket {p.unix_socket}"
    return mariadb, "TCP"


def measure(profile: str, only: set[str] | None, started: datetime) -> None:
    commit = sh("git", "rev-parse", "--short", "HEAD") or "nogit"
    dirty = bool(sh("git", "status", "--porcelain", "--", "backend", "bench", "db"))
    mariadb, transport = connect_locally()
    t0 = time.monotonic()
    results = run(profile, only)
    doc = {
        "started_at": started.isoformat().replace("+00:00", "Z"),
        "backend": str(BACKEND.relative_to(ROOT)) if BACKEND.is_relative_to(ROOT) else str(BACKEND),
        "profile": profile,
        "commit": commit,
        "dirty": dirty,
        "machine": machine(),
        "mariadb": mariadb,
        "database_transport": transport,
        "database": DATABASE_KIND,
        "wall_seconds": round(time.monotonic() - t0, 1),
        "results": results,
    }
    suffix = "" if profile == "full" else "-quick"
    if os.environ.get("BENCH_LABEL"):
        suffix += "-" + "".join(
            ch for ch in os.environ["BENCH_LABEL"] if ch.isalnum() or ch in "-_"
        )
    path = RESULTS / f"{started.date().isoformat()}-{commit}{suffix}.json"
    prev = previous_result(path, profile)
    doc["table"] = print_table(doc, prev)
    png = path.with_suffix(".png")
    chart(doc, png)
    # Raw samples feed the chart only; the committed JSON keeps the summaries.
    for r in results.values():
        _drop_samples(r)
    path.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {path.relative_to(ROOT)} and {png.relative_to(ROOT)} ({doc['wall_seconds']} s)")


def _drop_samples(r: dict[str, Any]) -> None:
    for k in list(r):
        if k.endswith("sample"):
            del r[k]
        elif isinstance(r[k], dict):
            _drop_samples(r[k])


if __name__ == "__main__":
    main()
