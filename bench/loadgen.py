"""Parley's load generator: one scenario per run, in its own process, JSON result on stdout.

    python bench/loadgen.py '<json config>'

It drives real customer and admin sockets (the `websockets` client, compression off) and plain
HTTP/1.1 keep-alive requests against a running server, and measures its own CPU, the server's
and MariaDB's over each measured window so that the figures can be read fairly on a shared
two-core machine.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import resource
import sys
import time
import urllib.parse
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import psutil
import uvloop
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from app.security import create_access_token  # noqa: E402

perf = time.perf_counter


def raise_nofile(n: int = 100_000) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(n, soft), max(n, hard)))
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    i = min(len(s) - 1, max(0, int(round(q / 100 * (len(s) - 1)))))
    return s[i]


def summary_ms(values: list[float]) -> dict[str, Any]:
    return {
        "count": len(values),
        "p50_ms": round(pct(values, 50) * 1000, 3),
        "p90_ms": round(pct(values, 90) * 1000, 3),
        "p99_ms": round(pct(values, 99) * 1000, 3),
        "max_ms": round(max(values) * 1000, 3) if values else float("nan"),
    }


class CpuProbe:
    """CPU seconds of this process, the server and MariaDB over a window, as % of one core."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        self.procs: dict[str, psutil.Process] = {"loadgen": psutil.Process()}
        for name, key in (
            ("server", "server_pid"),
            ("server2", "server2_pid"),
            ("redis", "redis_pid"),
            ("mariadb", "mariadb_pid"),
        ):
            if cfg.get(key):
                try:
                    self.procs[name] = psutil.Process(cfg[key])
                except psutil.Error:
                    pass

    def _read(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, p in self.procs.items():
            try:
                t = p.cpu_times()
                out[name] = t.user + t.system
            except psutil.Error:
                out[name] = float("nan")
        return out

    def start(self) -> None:
        self.t0, self.c0 = perf(), self._read()

    def stop(self) -> dict[str, float]:
        dt = perf() - self.t0
        c1 = self._read()
        res = {f"{k}_cpu_pct": round(100 * (c1[k] - self.c0[k]) / dt, 1) for k in c1}
        res["host_cpu_pct_of_2_cores"] = round(psutil.cpu_percent(interval=None), 1)
        return res


def token(cfg: dict[str, Any], user_id: int) -> str:
    return str(
        create_access_token(
            user_id=user_id, token_version=0, secret=cfg["jwt_secret"], ttl_seconds=3600
        )
    )


# --- sockets -------------------------------------------------------------------------------


async def open_socket(
    cfg: dict[str, Any], user_id: int, local_ip: str | None = None, url: str | None = None
) -> ClientConnection:
    kwargs: dict[str, Any] = {}
    if local_ip:
        kwargs["local_addr"] = (local_ip, 0)
    ws = await connect(
        url or cfg["ws_url"],
        compression=None,
        ping_interval=None,
        open_timeout=60,
        close_timeout=2,
        max_size=2**20,
        max_queue=None,
        **kwargs,
    )
    await ws.send(
        orjson.dumps({"id": 0, "method": "auth", "params": {"token": token(cfg, user_id)}}).decode()
    )
    reply = orjson.loads(await ws.recv())
    if "result" not in reply:
        raise RuntimeError(f"auth failed for user {user_id}: {reply}")
    return ws


async def open_many(
    cfg: dict[str, Any],
    user_ids: list[int],
    ips: list[str] | None = None,
    concurrency: int = 100,
    url: str | None = None,
) -> list[ClientConnection]:
    sem = asyncio.Semaphore(concurrency)

    async def one(i: int, uid: int) -> ClientConnection:
        async with sem:
            return await open_socket(cfg, uid, ips[i % len(ips)] if ips else None, url)

    return list(await asyncio.gather(*(one(i, u) for i, u in enumerate(user_ids))))


class Chats:
    """The 1,000 live chats: customer sockets (chat k is owned by user ADMINS + k) and the
    admin sockets, with delivery bookkeeping keyed by client_msg_id."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        self.cfg = cfg
        self.admins = cfg["admins"]
        self.live = cfg["live"]
        self.sent: dict[str, float] = {}
        self.latencies: list[float] = []
        self.delivered_at: list[float] = []
        self.acked_at: list[float] = []
        self.acks: dict[int, asyncio.Future[None]] = {}
        self.recording = False
        self.closing = False
        self.nonce = os.urandom(4).hex()  # client_msg_ids never repeat an earlier run's
        self.customers: list[ClientConnection] = []
        self.admin_socks: list[ClientConnection] = []
        self.tasks: list[asyncio.Task[None]] = []
        self.seqs: dict[int, int] = defaultdict(int)

    async def send_nth(self, i: int) -> None:
        """The i-th message of a steady load, spread over the chats and their admins."""
        k = 1 + (i * 7919) % self.live
        self.seqs[k] += 1
        await self.send(k, self.seqs[k], wait_ack=False)

    async def open(self) -> None:
        # With two processes (run.py's `workers`), the admins are on the second one, so that
        # every event reaches them through the Redis backplane.
        self.admin_socks = await open_many(
            self.cfg, list(range(1, self.admins + 1)), url=self.cfg.get("admin_ws_url")
        )
        cust_ids = [self.admins + k for k in range(1, self.live + 1)]
        self.customers = await open_many(self.cfg, cust_ids)
        for ws in self.admin_socks:
            self.tasks.append(asyncio.create_task(self._admin_reader(ws)))
        for k, ws in enumerate(self.customers, start=1):
            self.tasks.append(asyncio.create_task(self._customer_reader(k, ws)))

    async def _admin_reader(self, ws: ClientConnection) -> None:
        sent = self.sent
        try:
            async for text in ws:
                now = perf()
                frame = orjson.loads(text)
                if frame.get("method") != "message.new":
                    continue
                cmid = frame["params"]["message"]["client_msg_id"]
                t = sent.pop(cmid, None)
                if t is not None and self.recording:
                    self.latencies.append(now - t)
                    self.delivered_at.append(now)
        except Exception as exc:
            if not self.closing:
                print(f"admin socket ended: {exc!r}", file=sys.stderr)
        if not self.closing:
            print(
                f"admin socket closed by the server: {ws.close_code} {ws.close_reason}",
                file=sys.stderr,
            )

    async def _customer_reader(self, k: int, ws: ClientConnection) -> None:
        try:
            async for text in ws:
                # Replies carry an id; the echo of the customer's own message.new does not.
                frame = orjson.loads(text)
                if "id" in frame:
                    if True:
                        if "error" in frame:
                            print("send error:", frame["error"], file=sys.stderr)
                        if self.recording:
                            self.acked_at.append(perf())
                        fut = self.acks.pop(k, None)
                        if fut is not None and not fut.done():
                            fut.set_result(None)
        except Exception as exc:
            if not self.closing:
                print(f"customer socket {k} ended: {exc!r}", file=sys.stderr)

    async def send(self, k: int, seq: int, wait_ack: bool) -> None:
        cmid = f"{self.nonce}-{k}-{seq}"
        frame = orjson.dumps(
            {
                "id": seq,
                "method": "message.send",
                "params": {"body": f"benchmark message {seq} from chat {k}", "client_msg_id": cmid},
            }
        ).decode()
        fut: asyncio.Future[None] | None = None
        if wait_ack:
            fut = asyncio.get_running_loop().create_future()
            self.acks[k] = fut
        self.sent[cmid] = perf()
        await self.customers[k - 1].send(frame)
        if fut is not None:
            await fut

    async def close(self) -> None:
        self.closing = True
        for t in self.tasks:
            t.cancel()
        await asyncio.gather(
            *(ws.close() for ws in self.customers + self.admin_socks), return_exceptions=True
        )


def per_second(times: list[float], t0: float, seconds: float) -> list[int]:
    buckets = [0] * max(1, int(seconds))  # whole seconds only: a partial last one would dip
    for t in times:
        i = int(t - t0)
        if 0 <= i < len(buckets):
            buckets[i] += 1
    return buckets


# --- scenarios ----------------------------------------------------------------------------------


class SteadySends:
    """Messages at `send_rate` over the 1,000 live chats while a read scenario runs, so that its
    reads are measured under the send load (issue 16: "while the 200 msg/s load runs")."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        self.rate = cfg.get("send_rate", 0)
        self.chats = Chats(cfg)

    async def open(self) -> None:
        if self.rate:
            await self.chats.open()

    async def run(self, seconds: float) -> None:
        if self.rate:
            await open_loop(self.rate, seconds, self.chats.send_nth)

    def record(self) -> None:
        self.chats.recording = True

    async def close(self) -> dict[str, Any]:
        if not self.rate:
            return {}
        await asyncio.sleep(0.5)  # let the last deliveries land
        self.chats.recording = False
        await self.chats.close()
        return {
            "rate": self.rate,
            "delivered": len(self.chats.latencies),
            "lost": len(self.chats.sent),
            "latency": summary_ms(self.chats.latencies),
        }


async def scenario_limit(cfg: dict[str, Any]) -> dict[str, Any]:
    """The same single-row INSERT + COMMIT as a send (its trigger updating the chat included),
    through aiomysql, 16 tasks, no HTTP; then the whole send transaction (lock, insert, commit)."""
    import aiomysql
    from app.repositories.chats import LOCK_FOR_CUSTOMER_SQL
    from app.repositories.messages import INSERT_SQL

    db = cfg["db"]
    tasks_n = 16
    pool = await aiomysql.create_pool(
        minsize=tasks_n,
        maxsize=tasks_n,
        host=db["host"],
        port=db["port"],
        unix_socket=db.get("unix_socket"),
        user=db["user"],
        password=db["password"],
        db=db["database"],
        charset="utf8mb4",
        autocommit=True,
        init_command="SET time_zone = '+00:00', SESSION tx_isolation = 'READ-COMMITTED'",
    )
    duration, warmup = cfg["duration"], cfg["warmup"]
    done: list[float] = []
    nonce = os.urandom(4).hex()
    stop = False
    probe = CpuProbe(cfg)

    async def worker(i: int, whole_send: bool) -> None:
        chat_id = 1 + i  # each task writes its own live chat, as 16 senders in 16 chats would
        sender = cfg["admins"] + chat_id
        n = 0
        async with pool.acquire() as conn:
            while not stop:
                n += 1
                now = datetime.now(UTC).replace(tzinfo=None)
                await conn.begin()
                async with conn.cursor() as cur:
                    if whole_send:
                        await cur.execute(LOCK_FOR_CUSTOMER_SQL, (sender,))
                        await cur.fetchall()
                    await cur.execute(
                        INSERT_SQL,
                        (
                            chat_id,
                            sender,
                            f"limit {n}",
                            "text",
                            f"limit-{nonce}-{whole_send:d}-{i}-{n}",
                            now,
                        ),
                    )
                await conn.commit()
                done.append(perf())

    async def phase(whole_send: bool) -> tuple[float, int, float, dict[str, float]]:
        nonlocal stop
        stop = False
        done.clear()
        workers = [asyncio.create_task(worker(i, whole_send)) for i in range(tasks_n)]
        await asyncio.sleep(warmup)
        probe.start()
        t0 = perf()
        await asyncio.sleep(duration)
        t1 = perf()
        cpu = probe.stop()
        stop = True
        await asyncio.gather(*workers)
        return t0, sum(1 for t in done if t0 <= t < t1), t1 - t0, cpu

    t0, n, seconds, cpu = await phase(False)
    series = per_second([t for t in done if t0 <= t < t0 + seconds], t0, seconds)
    # For context, not a target: Parley's whole send transaction (BEGIN, SELECT ... FOR UPDATE,
    # INSERT, UPDATE chats, COMMIT: five round trips) through the same driver and 16 tasks.
    _, n_txn, s_txn, cpu_txn = await phase(True)
    pool.close()
    await pool.wait_closed()
    return {
        "rate": round(n / seconds, 1),
        "count": n,
        "seconds": round(seconds, 2),
        **cpu,
        "per_second": series,
        "send_txn_rate": round(n_txn / s_txn, 1),
        "send_txn_loadgen_cpu_pct": cpu_txn["loadgen_cpu_pct"],
        "send_txn_mariadb_cpu_pct": cpu_txn.get("mariadb_cpu_pct"),
    }


async def scenario_throughput(cfg: dict[str, Any]) -> dict[str, Any]:
    """1,000 customers each send as soon as their previous message is acknowledged."""
    chats = Chats(cfg)
    await chats.open()
    stop = False
    probe = CpuProbe(cfg)

    async def customer(k: int) -> None:
        seq = 0
        while not stop:
            seq += 1
            try:
                await asyncio.wait_for(chats.send(k, seq, wait_ack=True), 30)
            except TimeoutError:
                print(f"chat {k}: no ack in 30 s", file=sys.stderr)

    loops = [asyncio.create_task(customer(k)) for k in range(1, chats.live + 1)]
    await asyncio.sleep(cfg["warmup"])
    chats.recording = True
    probe.start()
    t0 = perf()
    await asyncio.sleep(cfg["duration"])
    t1 = perf()
    chats.recording = False
    cpu = probe.stop()
    stop = True
    await asyncio.wait(loops, timeout=10)
    await chats.close()
    seconds = t1 - t0
    acked = sum(1 for t in chats.acked_at if t < t1)
    delivered = sum(1 for t in chats.delivered_at if t < t1)
    return {
        "rate": round(min(acked, delivered) / seconds, 1),
        "acked_per_s": round(acked / seconds, 1),
        "delivered_per_s": round(delivered / seconds, 1),
        "seconds": round(seconds, 2),
        "latency": summary_ms(chats.latencies),
        "per_second": per_second(chats.delivered_at, t0, seconds),
        "latency_sample": random.sample(chats.latencies, min(5000, len(chats.latencies))),
        **cpu,
    }


class Http:
    """A minimal HTTP/1.1 keep-alive client: the measurement should cost the client little."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.pool: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = (
            asyncio.Queue()
        )

    async def open(self, n: int) -> None:
        for _ in range(n):
            self.pool.put_nowait(await asyncio.open_connection(self.host, self.port))

    async def get(self, path: str, tok: str) -> tuple[int, bytes]:
        reader, writer = await self.pool.get()
        try:
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Authorization: Bearer {tok}\r\n\r\n".encode()
            )
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            body = await reader.readexactly(length)
            return status, body
        finally:
            self.pool.put_nowait((reader, writer))

    def close(self) -> None:
        while not self.pool.empty():
            self.pool.get_nowait()[1].close()


async def open_loop(rate: float, seconds: float, fire: Any) -> None:
    """Start `fire(i)` at a steady rate, never waiting for the previous one (no coordinated
    omission: a stall shows up as latency instead of as fewer requests)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    n = int(rate * seconds)
    pending: set[asyncio.Task[None]] = set()
    for i in range(n):
        delay = start + i / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        t = asyncio.create_task(fire(i))
        pending.add(t)
        t.add_done_callback(pending.discard)
    if pending:
        await asyncio.wait(pending, timeout=30)


async def scenario_latency(cfg: dict[str, Any]) -> dict[str, Any]:
    """The same 1,000 chats at a steady rate; with `history_rate`, history pages meanwhile."""
    chats = Chats(cfg)
    await chats.open()
    rate = cfg["rate"]
    http_lat: list[float] = []
    http_errors = 0
    history_rate = cfg.get("history_rate", 0)
    http = Http(cfg["host"], cfg["port"])
    admin_tokens = {a: token(cfg, a) for a in range(1, chats.admins + 1)}
    if history_rate:
        await http.open(16)

    async def history(i: int) -> None:
        nonlocal http_errors
        k = random.randint(1, chats.live)
        admin = 1 + (k - 1) // (chats.live // chats.admins)
        before = random.randint(chats.live * 2, cfg["max_message_id"])
        t = perf()
        status, _ = await http.get(
            f"/api/v1/chats/{k}/messages?limit=50&before={before}", admin_tokens[admin]
        )
        if status != 200:
            http_errors += 1
        if chats.recording:
            http_lat.append(perf() - t)

    probe = CpuProbe(cfg)
    warm = asyncio.create_task(open_loop(rate, cfg["warmup"], chats.send_nth))
    await warm
    chats.recording = True
    probe.start()
    t0 = perf()
    jobs = [open_loop(rate, cfg["duration"], chats.send_nth)]
    if history_rate:
        jobs.append(open_loop(history_rate, cfg["duration"], history))
    await asyncio.gather(*jobs)
    await asyncio.sleep(0.5)  # let the last deliveries land
    t1 = perf()
    chats.recording = False
    cpu = probe.stop()
    await chats.close()
    http.close()
    res: dict[str, Any] = {
        "rate_target": rate,
        "delivered": len(chats.latencies),
        "lost": len(chats.sent),
        "latency": summary_ms(chats.latencies),
        "latency_sample": chats.latencies[:20000],
        "per_second": per_second(chats.delivered_at, t0, t1 - t0),
        **cpu,
    }
    if history_rate:
        res["history"] = {**summary_ms(http_lat), "errors": http_errors, "rate": history_rate}
        res["history_sample"] = http_lat
    return res


async def scenario_chatlist(cfg: dict[str, Any]) -> dict[str, Any]:
    """GET /chats?scope=... pages (first pages and random keyset cursors) at a steady rate, with
    `send_rate` messages a second meanwhile."""
    http = Http(cfg["host"], cfg["port"])
    await http.open(8)
    tokens = {a: token(cfg, a) for a in range(1, cfg["admins"] + 1)}
    lat: dict[str, list[float]] = defaultdict(list)
    errors = 0
    recording = False

    async def one(i: int) -> None:
        nonlocal errors
        scope = ("waiting", "mine", "all", "resolved")[i % 4]
        admin = 1 + random.randrange(cfg["admins"])
        path = f"/api/v1/chats?scope={scope}&limit=50"
        if i % 2:
            path += f"&before={random.randint(cfg['live'] * 2, cfg['max_message_id'])}"
        t = perf()
        status, body = await http.get(path, tokens[admin])
        if status != 200:
            errors += 1
        if recording:
            lat[scope].append(perf() - t)

    load = SteadySends(cfg)
    await load.open()
    await asyncio.gather(open_loop(cfg["rate"], cfg["warmup"], one), load.run(cfg["warmup"]))
    probe = CpuProbe(cfg)
    probe.start()
    recording = True
    load.record()
    await asyncio.gather(open_loop(cfg["rate"], cfg["duration"], one), load.run(cfg["duration"]))
    cpu = probe.stop()
    meanwhile = await load.close()
    http.close()
    every = [x for v in lat.values() for x in v]
    return {
        **summary_ms(every),
        "by_scope": {s: summary_ms(v) for s, v in lat.items()},
        "sends_meanwhile": meanwhile,
        "errors": errors,
        "rate": cfg["rate"],
        "sample": every,
        **cpu,
    }


# Common words (in about half, a fifth, a twentieth of the messages), a two-word query, a
# Cyrillic one, and rare words (about 50 messages each in FULL): see bench/seed.py.
SEARCHES = {
    "common": ["the", "order", "refund", "delivery", "заказ", "order refund"],
    "rare": ["zirconia", "quokkaex", "fjordik", "sphinxum", "waltzesk", "glyphoid"],
}


async def scenario_search(cfg: dict[str, Any]) -> dict[str, Any]:
    """GET /search first pages (20 hits) for common and rare words, at a steady rate, with
    `send_rate` messages a second meanwhile."""
    http = Http(cfg["host"], cfg["port"])
    await http.open(8)
    tokens = {a: token(cfg, a) for a in range(1, cfg["admins"] + 1)}
    lat: dict[str, list[float]] = defaultdict(list)
    errors = 0
    recording = False

    async def one(i: int) -> None:
        nonlocal errors
        kind = ("common", "rare")[i % 2]
        words = SEARCHES[kind][(i // 2) % len(SEARCHES[kind])]
        admin = 1 + random.randrange(cfg["admins"])
        path = "/api/v1/search?limit=20&q=" + urllib.parse.quote(words)
        t = perf()
        status, _ = await http.get(path, tokens[admin])
        if status != 200:
            errors += 1
        if recording:
            lat[kind].append(perf() - t)

    load = SteadySends(cfg)
    await load.open()
    await asyncio.gather(open_loop(cfg["rate"], cfg["warmup"], one), load.run(cfg["warmup"]))
    probe = CpuProbe(cfg)
    probe.start()
    recording = True
    load.record()
    await asyncio.gather(open_loop(cfg["rate"], cfg["duration"], one), load.run(cfg["duration"]))
    cpu = probe.stop()
    meanwhile = await load.close()
    http.close()
    every = [x for v in lat.values() for x in v]
    return {
        **summary_ms(every),
        "by_kind": {k: summary_ms(v) for k, v in lat.items()},
        "sends_meanwhile": meanwhile,
        "errors": errors,
        "rate": cfg["rate"],
        **cpu,
    }


async def scenario_pages(cfg: dict[str, Any]) -> dict[str, Any]:
    """The throughput scenario while other visitors report `page_rate` pages a second."""
    visitors = [cfg["admins"] + cfg["live"] + 1 + k for k in range(cfg["page_sockets"])]
    sockets = await open_many(cfg, visitors)
    stop = False
    pages = 0
    errors = 0

    async def reporter(k: int, ws: ClientConnection) -> None:
        nonlocal pages, errors
        n = 0
        # Each visitor a page a few seconds apart, spread so that the sum is page_rate. On a
        # fixed schedule: waiting for each reply before sleeping a whole period would report
        # fewer pages the slower the server answers.
        next_at = started + offset[k]
        while not stop:
            await asyncio.sleep(max(0.0, next_at - perf()))
            next_at += period
            if stop:
                break
            n += 1
            frame = {
                "id": n,
                "method": "visitor.page",
                "params": {
                    "url": f"https://shop.example/p/{k}/{n % 30}",
                    "title": "A product page",
                    "language": "en-GB",
                    "timezone": "Europe/London",
                },
            }
            await ws.send(orjson.dumps(frame).decode())
            reply = orjson.loads(await ws.recv())
            while "id" not in reply:  # an event (presence, when the admins come online)
                reply = orjson.loads(await ws.recv())
            if counting:
                if "result" in reply:
                    pages += 1
                else:
                    errors += 1

    period = len(sockets) / cfg["page_rate"]
    offset = [random.random() * period for _ in sockets]
    started = perf()
    counting = False
    tasks = [asyncio.create_task(reporter(k, ws)) for k, ws in enumerate(sockets)]
    # Every visitor reporting before the sends start: the whole run sees the full page rate.
    await asyncio.sleep(period)
    counting = True
    t0 = perf()
    result = await scenario_throughput(cfg)
    seconds = perf() - t0
    counting = False
    stop = True
    await asyncio.wait(tasks, timeout=10)
    for ws in sockets:
        await ws.close()
    return {**result, "pages_per_s": round(pages / seconds, 1), "page_errors": errors}


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def scenario_idle(cfg: dict[str, Any]) -> dict[str, Any]:
    """Authenticated idle customer sockets on one worker: how many, and RSS per socket."""
    n = cfg["sockets"]
    pid = cfg["server_pid"]
    ips = [f"127.0.0.{i}" for i in range(2, 2 + max(1, n // 10000 + 1))]
    warm = await open_many(cfg, [cfg["admins"] + 1], ips)
    await asyncio.sleep(1)
    gc.collect()
    before = rss_kib(pid)
    t0 = perf()
    users = [cfg["admins"] + 1 + (i % cfg["chats"]) for i in range(n)]
    sem = asyncio.Semaphore(64)
    failures: list[str] = []
    retries = 0

    async def one(i: int, uid: int) -> ClientConnection | None:
        # A browser whose connection attempt fails tries again; so does this one, 3 times.
        nonlocal retries
        for attempt in range(4):
            async with sem:
                try:
                    return await open_socket(cfg, uid, ips[i % len(ips)])
                except Exception as exc:
                    if attempt == 3:
                        failures.append(repr(exc))
                        return None
                    retries += 1
            await asyncio.sleep(0.5 * (attempt + 1))
        return None

    opened = await asyncio.gather(*(one(i, u) for i, u in enumerate(users)))
    socks = [s for s in opened if s is not None]
    open_s = perf() - t0
    await asyncio.sleep(3)
    # Every socket is still open and answers: a ping on a sample of them.
    sample = random.sample(socks, min(200, len(socks)))
    alive = 0
    for ws in sample:
        try:
            await ws.send('{"id":1,"method":"ping","params":{}}')
            reply = orjson.loads(await asyncio.wait_for(ws.recv(), 10))
            alive += "result" in reply
        except Exception:
            pass
    after = rss_kib(pid)
    held = len(socks)
    await asyncio.gather(*(ws.close() for ws in socks + warm), return_exceptions=True)
    return {
        "sockets_target": n,
        "sockets_held": held,
        "sample_alive": f"{alive}/{len(sample)}",
        "rss_before_kib": before,
        "rss_after_kib": after,
        "rss_per_socket_kib": round((after - before) / max(1, held), 2),
        "open_seconds": round(open_s, 1),
        "retries": retries,
        "failed": len(failures),
        "failures": sorted(set(failures))[:3],
    }


SCENARIOS = {
    "limit": scenario_limit,
    "throughput": scenario_throughput,
    "latency": scenario_latency,
    "chatlist": scenario_chatlist,
    "search": scenario_search,
    "pages": scenario_pages,
    "idle": scenario_idle,
}


def main() -> None:
    cfg = json.loads(sys.argv[1])
    raise_nofile()
    psutil.cpu_percent(interval=None)
    result = uvloop.run(SCENARIOS[cfg["scenario"]](cfg))
    # The event loop may leave stdout non-blocking: a result over the pipe's 64 KiB was cut.
    os.set_blocking(sys.stdout.fileno(), True)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
