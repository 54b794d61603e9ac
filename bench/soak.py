"""`make soak`: Parley held under a steady, mixed load for SOAK_MINUTES (default 30).

    .venv/bin/python bench/soak.py [--minutes N]

1,000 customer sockets and 10 admin sockets (the live chats of bench/seed.py) at 200 msg/s
(open loop: sends are scheduled, not paced by replies), with 5 % of the sockets reconnecting
every minute (catching up with `since`, as the widget and the panel do), admins typing and
marking chats read, customers reporting pages, an image uploaded and sent every few seconds, and
one webhook endpoint subscribed to `message.created` on a receiver in this process.

Each minute it prints send->admin latency p50/p99, the server's RSS and open file descriptors,
MariaDB's connections and the outbox lag (commit -> webhook received). At the end every
acknowledged message must have reached its admin exactly once and be stored exactly once. It
fails (exit 1) if RSS grows more than 10 % after the first 5 minutes, if any message is lost or
duplicated, or if a minute's p99 is over 25 ms. Writes bench/results/soak-<date>-<commit>.json
and a PNG chart of the series beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import secrets
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
import orjson  # noqa: E402
import psutil  # noqa: E402
import pymysql  # noqa: E402
import run as bench  # noqa: E402
from loadgen import open_socket, pct, raise_nofile, token  # noqa: E402
from seed import ADMINS, CHATS_PER_ADMIN, LIVE  # noqa: E402
from websockets.asyncio.client import ClientConnection  # noqa: E402

perf = time.perf_counter

RATE = 200  # messages per second, all customers together
RECONNECT_SHARE = 0.05  # of every socket, per minute
PAGE_RATE = 20  # visitor.page reports per second
TYPING_RATE = 10  # admin typing frames per second
READ_RATE = 5  # admin read marks per second
UPLOAD_EVERY = 3.0  # seconds between image uploads
P99_LIMIT_MS = 25.0
RSS_GROWTH_LIMIT = 0.10
WARM_MINUTES = 5


def chat_of_customer(uid: int) -> int:
    return uid - ADMINS


def admin_of_chat(chat_id: int) -> int:
    return 1 + (chat_id - 1) // CHATS_PER_ADMIN


def small_png() -> bytes:
    from PIL import Image

    img = Image.effect_noise((320, 200), 64).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


class Receiver:
    """A webhook endpoint on a loopback port: counts deliveries and their commit->arrival lag."""

    def __init__(self) -> None:
        self.ids: Counter[str] = Counter()
        self.lags: list[tuple[float, float]] = []  # (arrival perf time, lag seconds)
        self.server: asyncio.base_events.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                headers = {}
                for line in head.decode("latin-1").split("\r\n")[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                self._record(headers, body)
                writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            # The run is over and the server closes its keep-alive connections: not an error
            # (asyncio would print the cancelled handler's traceback otherwise).
            pass
        finally:
            writer.close()

    def _record(self, headers: dict[str, str], body: bytes) -> None:
        self.ids[headers.get("webhook-id", "")] += 1
        try:
            event = orjson.loads(body)
            created = event["data"]["message"]["created_at"].replace("Z", "+00:00")
            lag = time.time() - datetime.fromisoformat(created).timestamp()
            self.lags.append((perf(), lag))
        except (ValueError, KeyError, TypeError):
            pass


class Soak:
    def __init__(self, cfg: dict[str, Any], minutes: float) -> None:
        self.cfg = cfg
        self.minutes = minutes
        self.nonce = secrets.token_hex(4)
        self.seq = 0
        self.customers: dict[int, ClientConnection] = {}
        self.admins: dict[int, ClientConnection] = {}
        self.busy: set[int] = set()  # users reconnecting or with a send in flight
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}  # request id -> reply
        self.sent: dict[str, float] = {}  # client_msg_id -> send time
        self.acked: set[str] = set()
        self.delivered: Counter[str] = Counter()
        self.latencies: list[tuple[float, float]] = []  # (arrival, latency)
        self.last_seen: dict[int, int] = {}  # chat id -> newest message id an admin has
        self.errors: Counter[str] = Counter()
        self.reconnects = 0
        self.uploads = 0
        self.tasks: list[asyncio.Task[None]] = []
        self.stopping = False
        self.http = httpx.AsyncClient(base_url=cfg["base_url"], timeout=30)
        self.png = small_png()

    # --- sockets -------------------------------------------------------------------------

    def next_id(self) -> int:
        self.seq += 1
        return self.seq

    async def connect(self, uid: int, since: Any = None) -> ClientConnection:
        ws = await open_socket(self.cfg, uid) if since is None else await self._auth(uid, since)
        reader = self._admin_reader if uid <= ADMINS else self._customer_reader
        self.tasks.append(asyncio.create_task(reader(uid, ws)))
        (self.admins if uid <= ADMINS else self.customers)[uid] = ws
        return ws

    async def _auth(self, uid: int, since: Any) -> ClientConnection:
        from websockets.asyncio.client import connect

        ws = await connect(self.cfg["ws_url"], compression=None, ping_interval=None, max_size=2**22)
        params = {"token": token(self.cfg, uid), "since": since}
        await ws.send(orjson.dumps({"id": 0, "method": "auth", "params": params}).decode())
        # Catch-up events may come before the reply; the reader sees those that follow it.
        while True:
            frame = orjson.loads(await ws.recv())
            if frame.get("id") == 0:
                if "result" not in frame:
                    raise RuntimeError(f"auth failed for {uid}: {frame}")
                return ws
            self._on_event(uid, frame)

    def _on_event(self, uid: int, frame: dict[str, Any]) -> None:
        if uid > ADMINS or frame.get("method") != "message.new":
            return
        msg = frame["params"]["message"]
        self.last_seen[msg["chat_id"]] = max(self.last_seen.get(msg["chat_id"], 0), msg["id"])
        cmid = msg.get("client_msg_id")
        if cmid is None or not cmid.startswith(self.nonce):
            return
        self.delivered[cmid] += 1
        t = self.sent.get(cmid)
        if t is not None and self.delivered[cmid] == 1:
            now = perf()
            self.latencies.append((now, now - t))

    async def _admin_reader(self, uid: int, ws: ClientConnection) -> None:
        try:
            async for text in ws:
                frame = orjson.loads(text)
                if "id" in frame:
                    self._settle(frame)
                else:
                    self._on_event(uid, frame)
        except Exception as exc:  # a reconnect closes it on purpose
            if not self.stopping and self.admins.get(uid) is ws:
                self.errors[f"admin socket ended: {exc!r}"[:120]] += 1

    async def _customer_reader(self, uid: int, ws: ClientConnection) -> None:
        try:
            async for text in ws:
                frame = orjson.loads(text)
                if "id" in frame:
                    self._settle(frame)
        except Exception as exc:
            if not self.stopping and self.customers.get(uid) is ws:
                self.errors[f"customer socket ended: {exc!r}"[:120]] += 1

    def _settle(self, frame: dict[str, Any]) -> None:
        fut = self.pending.pop(frame["id"], None)
        if fut is not None and not fut.done():
            fut.set_result(frame)
        if "error" in frame:
            self.errors[f"error {frame['error'].get('code')}: {frame['error'].get('message')}"] += 1

    async def request(self, ws: ClientConnection, method: str, params: dict[str, Any]) -> Any:
        rid = self.next_id()
        fut: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[rid] = fut
        await ws.send(orjson.dumps({"id": rid, "method": method, "params": params}).decode())
        return await asyncio.wait_for(fut, 30)

    # --- the load ------------------------------------------------------------------------

    async def send(self, uid: int, attachment_ids: list[str] | None = None) -> None:
        ws = self.customers.get(uid)
        if ws is None:
            return
        self.busy.add(uid)
        cmid = f"{self.nonce}-{uid}-{self.next_id()}"
        params: dict[str, Any] = {"body": f"soak message from {uid}", "client_msg_id": cmid}
        if attachment_ids:
            params["attachment_ids"] = attachment_ids
        self.sent[cmid] = perf()
        try:
            reply = await self.request(ws, "message.send", params)
            if "result" in reply:
                self.acked.add(cmid)
        except (TimeoutError, ConnectionError, Exception) as exc:
            self.errors[f"send failed: {type(exc).__name__}"] += 1
            self.sent.pop(cmid, None)
        finally:
            self.busy.discard(uid)

    def idle_customer(self) -> int | None:
        for _ in range(20):
            uid = ADMINS + random.randint(1, LIVE)
            if uid not in self.busy and uid in self.customers:
                return uid
        return None

    async def every(self, rate: float, fire: Any) -> None:
        start = perf()
        n = 0
        while not self.stopping:
            n += 1
            delay = start + n / rate - perf()
            if delay > 0:
                await asyncio.sleep(delay)
            fire()

    def fire_send(self) -> None:
        uid = self.idle_customer()
        if uid is not None:
            asyncio.create_task(self.send(uid))

    def fire_page(self) -> None:
        uid = self.idle_customer()
        ws = self.customers.get(uid) if uid else None
        if ws is None:
            return
        url = f"https://shop.example/p/{random.randint(1, 50)}"
        params = {"url": url, "title": "Soak page", "language": "en", "timezone": "UTC"}
        asyncio.create_task(self._quiet(self.request(ws, "visitor.page", params)))

    def fire_typing(self) -> None:
        aid = random.randint(1, ADMINS)
        ws = self.admins.get(aid)
        if ws is not None:
            chat_id = (aid - 1) * CHATS_PER_ADMIN + random.randint(1, CHATS_PER_ADMIN)
            asyncio.create_task(self._quiet(self.request(ws, "typing", {"chat_id": chat_id})))

    def fire_read(self) -> None:
        aid = random.randint(1, ADMINS)
        ws = self.admins.get(aid)
        chat_id = (aid - 1) * CHATS_PER_ADMIN + random.randint(1, CHATS_PER_ADMIN)
        last = self.last_seen.get(chat_id)
        if ws is not None and last:
            params = {"chat_id": chat_id, "last_read_id": last}
            asyncio.create_task(self._quiet(self.request(ws, "chat.read", params)))

    async def _quiet(self, coro: Any) -> None:
        try:
            await coro
        except Exception as exc:
            self.errors[f"request failed: {type(exc).__name__}"] += 1

    async def uploads_loop(self) -> None:
        while not self.stopping:
            await asyncio.sleep(UPLOAD_EVERY)
            uid = self.idle_customer()
            if uid is None:
                continue
            try:
                res = await self.http.post(
                    "/api/v1/uploads",
                    params={"name": "screenshot.png"},
                    content=self.png,
                    headers={"Authorization": f"Bearer {token(self.cfg, uid)}"},
                )
                if res.status_code != 201:
                    self.errors[f"upload {res.status_code}"] += 1
                    continue
                self.uploads += 1
                await self.send(uid, [res.json()["id"]])
            except httpx.HTTPError as exc:
                self.errors[f"upload failed: {type(exc).__name__}"] += 1

    async def reconnect_loop(self) -> None:
        """5 % of every socket per minute, spread evenly: close, reconnect, catch up."""
        total = LIVE + ADMINS
        interval = 60.0 / (total * RECONNECT_SHARE)
        while not self.stopping:
            await asyncio.sleep(interval)
            uid = random.randint(1, total)
            if uid in self.busy:
                continue
            self.busy.add(uid)
            try:
                old = (self.admins if uid <= ADMINS else self.customers).pop(uid, None)
                if old is not None:
                    await old.close()
                if uid <= ADMINS:
                    first = (uid - 1) * CHATS_PER_ADMIN + 1
                    since = {
                        str(c): self.last_seen.get(c, 0)
                        for c in range(first, first + CHATS_PER_ADMIN)
                    }
                    await self.connect(uid, since)
                else:
                    await self.connect(uid)
                self.reconnects += 1
            except Exception as exc:
                self.errors[f"reconnect failed: {type(exc).__name__}"] += 1
            finally:
                self.busy.discard(uid)

    async def start(self) -> None:
        for uid in range(1, ADMINS + 1):
            await self.connect(uid)
        sem = asyncio.Semaphore(100)

        async def one(uid: int) -> None:
            async with sem:
                await self.connect(uid)

        await asyncio.gather(*(one(ADMINS + k) for k in range(1, LIVE + 1)))
        self.loops = [
            asyncio.create_task(self.every(RATE, self.fire_send)),
            asyncio.create_task(self.every(PAGE_RATE, self.fire_page)),
            asyncio.create_task(self.every(TYPING_RATE, self.fire_typing)),
            asyncio.create_task(self.every(READ_RATE, self.fire_read)),
            asyncio.create_task(self.uploads_loop()),
            asyncio.create_task(self.reconnect_loop()),
        ]

    async def stop(self) -> None:
        self.stopping = True
        for t in self.loops:
            t.cancel()
        await asyncio.sleep(0)

    async def close(self) -> None:
        for t in self.tasks:
            t.cancel()
        await asyncio.gather(
            *(ws.close() for ws in [*self.customers.values(), *self.admins.values()]),
            return_exceptions=True,
        )
        await self.http.aclose()


def db_connections(cfg: dict[str, Any]) -> int:
    conn = pymysql.connect(**{k: v for k, v in cfg["db"].items() if v is not None})
    try:
        with conn.cursor() as cur:
            cur.execute("SHOW GLOBAL STATUS LIKE 'Threads_connected'")
            return int(cur.fetchone()[1])
    finally:
        conn.close()


def stored_once(cfg: dict[str, Any], nonce: str) -> tuple[int, int]:
    """(rows, distinct client_msg_ids) of this run's messages in the database."""
    conn = pymysql.connect(**{k: v for k, v in cfg["db"].items() if v is not None})
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT COUNT(*), COUNT(DISTINCT client_msg_id) FROM messages"
                " WHERE client_msg_id LIKE %s",
                (nonce + "-%",),
            )
            rows, distinct = cur.fetchone()
            return int(rows), int(distinct)
    finally:
        conn.close()


async def soak(cfg: dict[str, Any], minutes: float, receiver: Receiver) -> dict[str, Any]:
    s = Soak(cfg, minutes)
    admin = {"Authorization": f"Bearer {token(cfg, 1)}"}
    hook = await s.http.post(
        "/api/v1/admin/webhooks",
        json={"url": f"http://127.0.0.1:{receiver.port}/hook", "events": ["message.created"]},
        headers=admin,
    )
    if hook.status_code != 201:
        raise SystemExit(f"could not add the webhook endpoint: {hook.status_code} {hook.text}")
    server = psutil.Process(cfg["server_pid"])
    await s.start()
    print(
        f"{'min':>4} {'sent':>6} {'p50 ms':>7} {'p99 ms':>7} {'RSS MiB':>8} {'fds':>5} "
        f"{'db conns':>8} {'lag p50':>8} {'lag p99':>8} {'reconn':>6} {'uploads':>7}",
        flush=True,
    )
    series: list[dict[str, Any]] = []
    t0 = perf()
    minute = 0
    while minute < minutes:
        minute += 1
        await asyncio.sleep(max(0.0, t0 + 60 * minute - perf()))
        lo, hi = t0 + 60 * (minute - 1), t0 + 60 * minute
        lat = [x for t, x in s.latencies if lo <= t < hi]
        lag = [x for t, x in receiver.lags if lo <= t < hi]
        row = {
            "minute": minute,
            "delivered": len(lat),
            "p50_ms": round(pct(lat, 50) * 1000, 2),
            "p99_ms": round(pct(lat, 99) * 1000, 2),
            "rss_mib": round(server.memory_info().rss / 2**20, 1),
            "fds": server.num_fds(),
            "db_connections": await asyncio.to_thread(db_connections, cfg),
            "outbox_lag_p50_ms": round(pct(lag, 50) * 1000, 1),
            "outbox_lag_p99_ms": round(pct(lag, 99) * 1000, 1),
            "reconnects": s.reconnects,
            "uploads": s.uploads,
        }
        series.append(row)
        print(
            f"{minute:>4} {row['delivered']:>6} {row['p50_ms']:>7} {row['p99_ms']:>7} "
            f"{row['rss_mib']:>8} {row['fds']:>5} {row['db_connections']:>8} "
            f"{row['outbox_lag_p50_ms']:>8} {row['outbox_lag_p99_ms']:>8} "
            f"{row['reconnects']:>6} {row['uploads']:>7}",
            flush=True,
        )
    await s.stop()
    await asyncio.sleep(10)  # in-flight sends settle, catch-ups and webhooks arrive
    acked = s.acked
    lost = sorted(c for c in acked if s.delivered[c] == 0)
    duplicated = sorted(c for c, n in s.delivered.items() if n > 1)
    rows, distinct = await asyncio.to_thread(stored_once, cfg, s.nonce)
    await s.close()
    return {
        "series": series,
        "acked": len(acked),
        "lost": len(lost),
        "lost_sample": lost[:10],
        "duplicated": len(duplicated),
        "duplicated_sample": duplicated[:10],
        "stored_rows": rows,
        "stored_distinct": distinct,
        "webhook_deliveries": sum(receiver.ids.values()),
        "webhook_ids": len(receiver.ids),
        "errors": dict(s.errors.most_common(20)),
    }


def verdict(res: dict[str, Any]) -> list[str]:
    fails = []
    series = res["series"]
    if res["lost"]:
        fails.append(f"{res['lost']} acknowledged messages never reached their admin")
    if res["duplicated"]:
        fails.append(f"{res['duplicated']} messages reached their admin more than once")
    if res["stored_rows"] != res["stored_distinct"] or res["stored_distinct"] < res["acked"]:
        fails.append(
            f"stored {res['stored_rows']} rows / {res['stored_distinct']} distinct for "
            f"{res['acked']} acknowledged sends"
        )
    for row in series:
        if row["p99_ms"] > P99_LIMIT_MS:
            fails.append(f"minute {row['minute']}: p99 {row['p99_ms']} ms > {P99_LIMIT_MS} ms")
    if len(series) > WARM_MINUTES:
        base = series[WARM_MINUTES - 1]["rss_mib"]
        peak = max(r["rss_mib"] for r in series[WARM_MINUTES:])
        if peak > base * (1 + RSS_GROWTH_LIMIT):
            fails.append(f"RSS grew from {base} MiB (minute {WARM_MINUTES}) to {peak} MiB")
    return fails


def chart(doc: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = doc["results"]["series"]
    m = [r["minute"] for r in series]
    fig, axes = plt.subplots(2, 2, figsize=(12, 7), sharex=True)
    panels = [
        ("send -> admin latency (ms)", [("p50", "p50_ms"), ("p99", "p99_ms")], P99_LIMIT_MS),
        ("server RSS (MiB)", [("RSS", "rss_mib")], None),
        ("descriptors and connections", [("open fds", "fds"), ("MariaDB", "db_connections")], None),
        (
            "outbox lag, commit -> webhook (ms)",
            [("p50", "outbox_lag_p50_ms"), ("p99", "outbox_lag_p99_ms")],
            None,
        ),
    ]
    for ax, (title, lines, limit) in zip(axes.flat, panels, strict=True):
        for label, key in lines:
            ax.plot(m, [r[key] for r in series], marker=".", label=label)
        if limit:
            ax.axhline(limit, color="red", linestyle="--", linewidth=1, label="limit")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    for ax in axes[1]:
        ax.set_xlabel("minute")
    fig.suptitle(f"Parley soak {doc['commit']} {doc['started_at']} ({doc['minutes']} min)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--minutes", type=float, default=float(os.environ.get("SOAK_MINUTES", 30)))
    args = ap.parse_args()
    bench.exit_on_sigterm()
    with bench.database():
        _soak(args)


def _soak(args: argparse.Namespace) -> None:
    raise_nofile()
    bench.WORK.mkdir(parents=True, exist_ok=True)
    bench.RESULTS.mkdir(parents=True, exist_ok=True)
    mariadb, transport = bench.connect_locally()
    print(f"MariaDB {mariadb} ({bench.DATABASE_KIND}) over {transport}", flush=True)
    print("seeding parley_bench (the 1,000 live chats, short histories) ...", flush=True)
    seeded = bench.prepare_database({"chats": LIVE, "per_live": 20})
    print(f"  {seeded['messages']:,} messages in {seeded['seconds']} s", flush=True)

    async def go() -> dict[str, Any]:
        receiver = Receiver()
        await receiver.start()
        os.environ["WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.0/8"
        jwt_secret = secrets.token_urlsafe(32)
        server = bench.Server(jwt_secret).start()
        try:
            p = bench.DatabaseParams(bench.DB_URL)
            cfg = {
                "jwt_secret": jwt_secret,
                "ws_url": f"ws://127.0.0.1:{server.port}/api/v1/ws",
                "base_url": f"http://127.0.0.1:{server.port}",
                "server_pid": server.proc.pid if server.proc else None,
                "db": {
                    "host": p.host,
                    "port": p.port,
                    "user": p.user,
                    "password": p.password or "",
                    "database": p.database,
                    "unix_socket": p.unix_socket,
                },
            }
            return await soak(cfg, args.minutes, receiver)
        finally:
            server.stop()

    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    res = asyncio.run(go())
    commit = bench.sh("git", "rev-parse", "--short", "HEAD") or "unknown"
    doc = {
        "kind": "soak",
        "commit": commit,
        "started_at": started,
        "minutes": args.minutes,
        "machine": bench.machine(),
        "mariadb": mariadb,
        "database_transport": transport,
        "database": bench.DATABASE_KIND,
        "results": res,
    }
    fails = verdict(res)
    doc["failures"] = fails
    stem = f"soak-{started[:10]}-{commit}"
    out = bench.RESULTS / f"{stem}.json"
    out.write_text(json.dumps(doc, indent=2))
    chart(doc, bench.RESULTS / f"{stem}.png")
    print(
        f"\nacknowledged {res['acked']:,}, lost {res['lost']}, duplicated {res['duplicated']}, "
        f"stored {res['stored_rows']:,} ({res['stored_distinct']:,} distinct); webhook deliveries "
        f"{res['webhook_deliveries']:,} for {res['webhook_ids']:,} ids"
    )
    if res["errors"]:
        print("errors seen:", json.dumps(res["errors"], indent=1))
    print(f"results: {out.relative_to(ROOT)} and {stem}.png")
    if fails:
        print("FAILED:\n  " + "\n  ".join(fails))
        raise SystemExit(1)
    print("passed: no loss, no duplicates, p99 and RSS within limits")


if __name__ == "__main__":
    main()
