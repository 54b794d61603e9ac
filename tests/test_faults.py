"""Faults a production chat meets, each injected for real: MariaDB stopped or paused, a process
killed between commit and publish, SIGTERM, a client that stops reading, a reconnect storm.

Each test uses a private MariaDB (and Redis) started here, never the machine's shared servers.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import socket
import struct
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pymysql
import pytest
import websockets
from app.config import DatabaseParams
from app.manage import connect, create_database, migrate
from app.security import create_access_token

from tests.conftest import random_ip
from tests.factories import Actor, WsClient
from tests.servers import TEST_ENV, MariaDBServer, RedisServer, Server

FAST_FAIL = {"DB_TIMEOUT_SECONDS": "1", "RATE_LIMITS": "off"}


@pytest.fixture(scope="module")
def private_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MariaDBServer]:
    db = MariaDBServer(tmp_path_factory.mktemp("mariadb")).install().start()
    create_database(DatabaseParams(db.url))
    migrate(db.url)
    yield db
    db.stop()


@pytest.fixture
def running_db(private_db: MariaDBServer) -> Iterator[MariaDBServer]:
    """The private MariaDB, guaranteed up again after the test whatever it did to it."""
    yield private_db
    private_db.resume()
    if private_db.proc is None or private_db.proc.poll() is not None:
        private_db.start()


@pytest.fixture
def app_server(running_db: MariaDBServer) -> Iterator[Server]:
    srv = Server(running_db.url, **FAST_FAIL).start()
    yield srv
    srv.stop()


@pytest.fixture
async def client(app_server: Server) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=app_server.url + "/api/v1", headers={"X-Forwarded-For": random_ip()}, timeout=15
    ) as c:
        yield c


def _sql(url: str) -> pymysql.Connection:  # type: ignore[type-arg]
    p = DatabaseParams(url)
    return connect(p, autocommit=True, cursorclass=pymysql.cursors.DictCursor)


async def _guest(client: httpx.AsyncClient) -> Actor:
    r = await client.post("/auth/guest", json={})
    assert r.status_code == 201, r.text
    return Actor(r.json()["access_token"], r.json()["user"])


async def _wait_healthy(client: httpx.AsyncClient, within: float = 20) -> float:
    start = time.monotonic()
    while time.monotonic() - start < within:
        try:
            if (await client.get("/health")).status_code == 200:
                return time.monotonic() - start
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError("service did not become healthy again")


async def test_mariadb_stopped_mid_traffic_acknowledges_nothing_falsely_and_loses_nothing(
    running_db: MariaDBServer, app_server: Server, client: httpx.AsyncClient
) -> None:
    guest = await _guest(client)
    ws = await WsClient.connect(app_server.ws_url)
    assert "result" in await ws.auth(guest.token)
    acked: dict[str, int] = {}

    async def send(key: str) -> int:
        r = await client.post(
            "/me/chat/messages", json={"body": key, "client_msg_id": key}, headers=guest.auth
        )
        if r.status_code in (200, 201):
            acked[key] = r.json()["id"]
        return r.status_code

    assert [await send(f"k{i}") for i in range(10)] == [201] * 10

    running_db.stop()
    during = [await send(f"k{i}") for i in range(10, 20)]
    assert during == [503] * 10, during
    health = await client.get("/health")
    assert health.status_code == 503 and health.json()["database"] == "down"
    reply = await ws.call("message.send", {"body": "while down", "client_msg_id": "ws-down"})
    assert "error" in reply and "result" not in reply

    running_db.start()
    recovered_in = await _wait_healthy(client)
    assert recovered_in < 20
    # The client retries what was not acknowledged, with the same ids, then carries on.
    retried = [await send(f"k{i}") for i in range(10, 20)]
    assert set(retried) <= {200, 201}
    assert [await send(f"k{i}") for i in range(20, 30)] == [201] * 10
    reply = await ws.call("message.send", {"body": "while down", "client_msg_id": "ws-down"})
    assert "result" in reply  # the same socket works again: no restart needed
    await ws.close()

    conn = _sql(running_db.url)
    with conn.cursor() as cur:
        cur.execute(
            "SELECT client_msg_id, COUNT(*) AS n, MIN(id) AS id FROM messages "
            "WHERE sender_id = %s GROUP BY client_msg_id",
            (guest.id,),
        )
        rows = {r["client_msg_id"]: r for r in cur.fetchall()}
    conn.close()
    assert set(rows) == {f"k{i}" for i in range(30)} | {"ws-down"}
    assert all(r["n"] == 1 for r in rows.values())
    assert all(rows[k]["id"] == acked[k] for k in acked)


async def test_paused_mariadb_fails_requests_in_bounded_time_and_the_loop_keeps_serving(
    running_db: MariaDBServer, app_server: Server, client: httpx.AsyncClient
) -> None:
    guest = await _guest(client)
    await client.post("/me/chat/messages", json={"body": "warm the pool"}, headers=guest.auth)
    ws = await WsClient.connect(app_server.ws_url)
    assert "result" in await ws.auth(guest.token)

    running_db.pause()
    try:
        started = time.monotonic()
        send = asyncio.create_task(
            client.post("/me/chat/messages", json={"body": "stuck?"}, headers=guest.auth)
        )
        await asyncio.sleep(0.2)
        ping_started = time.monotonic()
        assert (await ws.call("ping", {}))["result"] == {}
        ping_time = time.monotonic() - ping_started
        r = await send
        elapsed = time.monotonic() - started
    finally:
        running_db.resume()
    assert r.status_code == 503
    assert elapsed < 4, f"a request hung for {elapsed:.1f} s with DB_TIMEOUT_SECONDS=1"
    assert ping_time < 0.5, f"the event loop stalled for {ping_time:.2f} s"
    await _wait_healthy(client)
    r = await client.post("/me/chat/messages", json={"body": "after"}, headers=guest.auth)
    assert r.status_code == 201
    await ws.close()


async def test_process_killed_between_commit_and_publish_loses_nothing(
    running_db: MariaDBServer,
) -> None:
    redis = RedisServer().start()
    doomed = Server(
        running_db.url,
        REDIS_URL=redis.url,
        PARLEY_FAILPOINTS="after-commit-before-publish",
        **FAST_FAIL,
    ).start()
    survivor = Server(running_db.url, REDIS_URL=redis.url, **FAST_FAIL).start()
    try:
        async with (
            httpx.AsyncClient(base_url=survivor.url + "/api/v1", timeout=10) as ok,
            httpx.AsyncClient(base_url=doomed.url + "/api/v1", timeout=10) as bad,
        ):
            guest = await _guest(ok)
            first = (
                await ok.post("/me/chat/messages", json={"body": "hi"}, headers=guest.auth)
            ).json()
            chat_id = first["chat_id"]
            admin = await _make_admin(running_db.url, ok)
            await ok.post(f"/chats/{chat_id}/open", headers=admin.auth)
            admin_ws = await WsClient.connect(survivor.ws_url)
            assert "result" in await admin_ws.auth(admin.token)

            with pytest.raises(httpx.TransportError):
                await bad.post(
                    "/me/chat/messages",
                    json={"body": "committed, never published", "client_msg_id": "lost?"},
                    headers=guest.auth,
                )
            assert doomed.proc is not None and doomed.proc.wait(10) == -signal.SIGKILL
            await admin_ws.no_event("message.new", within=0.8)
            await admin_ws.close()

            # The panel reconnects (to the survivor) and catches up from what it last had.
            again = await WsClient.connect(survivor.ws_url)
            reply = await again.auth(admin.token, since={str(chat_id): first["id"]})
            assert reply["result"]["catch_up"]["delivered"] == 1
            caught = (await again.event("message.new"))["message"]
            assert caught["body"] == "committed, never published"
            await again.close()
            # The visitor's retry with the same id finds the committed message: no duplicate.
            retry = await ok.post(
                "/me/chat/messages",
                json={"body": "committed, never published", "client_msg_id": "lost?"},
                headers=guest.auth,
            )
            assert retry.status_code == 200 and retry.json()["id"] == caught["id"]
    finally:
        doomed.stop()
        survivor.stop()
        redis.stop()


async def _make_admin(url: str, client: httpx.AsyncClient) -> Actor:
    from tests.factories import _PASSWORD_HASH, PASSWORD

    name = f"admin_{os.urandom(4).hex()}"
    conn = _sql(url)
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO users (username, password_hash, display_name, role, created_at) "
            "VALUES (%s, %s, %s, 'admin', %s)",
            (name, _PASSWORD_HASH, name, datetime.now(UTC)),
        )
    conn.close()
    r = await client.post("/auth/login", json={"username": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return Actor(r.json()["access_token"], r.json()["user"])


async def test_sigterm_closes_sockets_with_1012_and_finishes_in_flight_requests(
    running_db: MariaDBServer,
) -> None:
    srv = Server(running_db.url, **FAST_FAIL).start()
    try:
        async with httpx.AsyncClient(base_url=srv.url + "/api/v1", timeout=10) as c:
            guest = await _guest(c)
            ws = await WsClient.connect(srv.ws_url)
            assert "result" in await ws.auth(guest.token)
            # Hold the database for a moment so that the sends are surely in flight at SIGTERM.
            running_db.pause()
            sends = [
                asyncio.create_task(
                    c.post(
                        "/me/chat/messages",
                        json={"body": f"in flight {i}", "client_msg_id": f"f{i}"},
                        headers=guest.auth,
                    )
                )
                for i in range(10)
            ]
            await asyncio.sleep(0.3)
            assert srv.proc is not None
            srv.proc.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.2)
            running_db.resume()
            assert await ws.closed_with(timeout=10) == 1012
            results = await asyncio.gather(*sends, return_exceptions=True)
            # uvicorn re-raises the signal once its graceful shutdown is done.
            assert srv.proc.wait(15) in (0, -signal.SIGTERM)
        assert all(isinstance(r, httpx.Response) and r.status_code == 201 for r in results), [
            (r.status_code, r.text) if isinstance(r, httpx.Response) else r for r in results
        ]
        acked = {r.json()["id"] for r in results if isinstance(r, httpx.Response)}
        conn = _sql(running_db.url)
        with conn.cursor() as cur:
            cur.execute("SELECT id FROM messages WHERE sender_id = %s", (guest.id,))
            stored = {r["id"] for r in cur.fetchall()}
        conn.close()
        assert stored == acked and len(acked) == 10
        with pytest.raises((OSError, websockets.InvalidHandshake)):
            await websockets.connect(srv.ws_url, open_timeout=2)
    finally:
        srv.stop()


def _raw_ws(port: int, token: str) -> socket.socket:
    """A WebSocket client that authenticates and then never reads again, with a tiny buffer."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    response = b""
    while b"\r\n\r\n" not in response:
        response += sock.recv(1)
    assert b" 101 " in response.split(b"\r\n")[0]
    payload = json.dumps({"id": 1, "method": "auth", "params": {"token": token}}).encode()
    mask = os.urandom(4)
    header = (
        bytes([0x81, 0x80 | 126]) + struct.pack("!H", len(payload))
        if len(payload) > 125
        else bytes([0x81, 0x80 | len(payload)])
    )
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    return sock


def _read_close_code(sock: socket.socket, timeout: float = 15) -> int | None:
    """Drain what the server sent until its close frame; its code, or None on a bare EOF."""
    sock.settimeout(timeout)
    buf = b""

    def need(n: int) -> bool:
        nonlocal buf
        while len(buf) < n:
            chunk = sock.recv(65536)
            if not chunk:
                return False
            buf += chunk
        return True

    while True:
        if not need(2):
            return None
        opcode, length = buf[0] & 0x0F, buf[1] & 0x7F
        offset = 2
        if length == 126:
            if not need(4):
                return None
            length, offset = struct.unpack("!H", buf[2:4])[0], 4
        elif length == 127:
            if not need(10):
                return None
            length, offset = struct.unpack("!Q", buf[2:10])[0], 10
        if not need(offset + length):
            return None
        body, buf = buf[offset : offset + length], buf[offset + length :]
        if opcode == 0x8:
            return int(struct.unpack("!H", body[:2])[0]) if len(body) >= 2 else None


async def test_a_client_that_stops_reading_is_closed_without_slowing_the_others(
    running_db: MariaDBServer,
) -> None:
    # The close frame waits for the stalled client to read: it reads once the 1,500 are through,
    # however long a busy machine takes for them.
    srv = Server(
        running_db.url, WS_SEND_QUEUE_SIZE="16", WS_CLOSE_GRACE_SECONDS="300", **FAST_FAIL
    ).start()
    try:
        async with httpx.AsyncClient(base_url=srv.url + "/api/v1", timeout=10) as c:
            slow_admin = await _make_admin(running_db.url, c)
            fast_admin = await _make_admin(running_db.url, c)
            guest = await _guest(c)
            stalled = await asyncio.to_thread(_raw_ws, srv.port, slow_admin.token)
            fast = await WsClient.connect(srv.ws_url)
            assert "result" in await fast.auth(fast_admin.token)
            sender = await WsClient.connect(srv.ws_url)
            assert "result" in await sender.auth(guest.token)

            body = "x" * 3990
            latencies = []
            for i in range(1500):
                started = time.monotonic()
                reply = await sender.call("message.send", {"body": f"{i} {body}"})
                assert "result" in reply
                mid = reply["result"]["message"]["id"]
                while True:
                    event = await fast.event("message.new", timeout=5)
                    if event["message"]["id"] == mid:
                        break
                latencies.append(time.monotonic() - started)
                sender.events.clear()
            latencies.sort()
            p99 = latencies[int(len(latencies) * 0.99)]
            assert p99 < 0.25, f"p99 of the healthy admin {p99 * 1000:.0f} ms"
            try:
                code = await asyncio.to_thread(_read_close_code, stalled)
            finally:
                stalled.close()
            assert code in (1008, 1013), code
            # Behind the events the kernel had buffered, the stalled client finds a 1013 close.
            assert (await c.get("/health")).status_code == 200
            await fast.close()
            await sender.close()
    finally:
        srv.stop()


async def test_a_client_that_neither_reads_nor_writes_is_dropped_after_the_close_grace(
    running_db: MariaDBServer,
) -> None:
    srv = Server(
        running_db.url, WS_SEND_QUEUE_SIZE="16", WS_CLOSE_GRACE_SECONDS="1", **FAST_FAIL
    ).start()
    try:
        async with httpx.AsyncClient(base_url=srv.url + "/api/v1", timeout=10) as c:
            only_admin = await _make_admin(running_db.url, c)
            guest = await _guest(c)
            stalled = await asyncio.to_thread(_raw_ws, srv.port, only_admin.token)
            sender = await WsClient.connect(srv.ws_url)
            assert (await sender.auth(guest.token))["result"]["admins_online"] == 1
            body = "x" * 3990
            for i in range(1500):
                assert "result" in await sender.call("message.send", {"body": f"{i} {body}"})
                sender.events[:] = [e for e in sender.events if e.get("method") == "presence"]
            # The admin's session ended although its TCP connection is still open: support is
            # no longer counted as online, and the visitor is told.
            assert await sender.event("presence", timeout=15) == {"admins_online": 0}
            stalled.close()
            await sender.close()
    finally:
        srv.stop()


async def test_reconnect_storm_of_1000_clients_catches_everyone_up_exactly(
    running_db: MariaDBServer,
) -> None:
    pool_cap = 20
    # Default database timeouts: a storm is load, and load must queue, not fail.
    srv = Server(
        running_db.url,
        DB_POOL_MAX=str(pool_cap),
        RATE_LIMITS="off",
        DB_TIMEOUT_SECONDS="5",
        WS_AUTH_TIMEOUT_SECONDS="10",
    ).start()
    conn = _sql(running_db.url)
    clients = 1000
    try:
        now = datetime.now(UTC).replace(tzinfo=None)
        with conn.cursor() as cur:
            cur.execute("SELECT COALESCE(MAX(id), 0) AS m FROM users")
            base = cur.fetchone()["m"]
            cur.executemany(
                "INSERT INTO users (id, display_name, role, is_guest, created_at) "
                "VALUES (%s, %s, 'customer', 1, %s)",
                [(base + i + 1, f"storm {i}", now) for i in range(clients)],
            )
            cur.executemany(
                "INSERT INTO chats (customer_id, created_at, updated_at) VALUES (%s, %s, %s)",
                [(base + i + 1, now, now) for i in range(clients)],
            )
            cur.execute(
                "SELECT id, customer_id FROM chats WHERE customer_id > %s ORDER BY customer_id",
                (base,),
            )
            chats = cur.fetchall()
            rows = [(c["id"], c["customer_id"], f"msg {n}", now) for n in range(4) for c in chats]
            cur.executemany(
                "INSERT INTO messages (chat_id, sender_id, body, created_at) "
                "VALUES (%s, %s, %s, %s)",
                rows,
            )
            cur.execute(
                "SELECT chat_id, id FROM messages WHERE chat_id >= %s ORDER BY chat_id, id",
                (chats[0]["id"],),
            )
            by_chat: dict[int, list[int]] = {}
            for r in cur.fetchall():
                by_chat.setdefault(r["chat_id"], []).append(r["id"])
            cur.execute("FLUSH STATUS")

        secret = TEST_ENV["JWT_SECRET"]

        async def reconnect(chat: dict[str, Any]) -> list[int]:
            token = create_access_token(
                user_id=chat["customer_id"], token_version=0, secret=secret, ttl_seconds=600
            )
            ids = by_chat[chat["id"]]
            ws = await WsClient.connect(srv.ws_url, open_timeout=60)
            try:
                reply = await ws.call("auth", {"token": token, "since": ids[0]}, timeout=60)
                assert reply["result"]["catch_up"] == {"delivered": 3, "complete": True}, reply
                return [
                    (await ws.event("message.new", timeout=30))["message"]["id"] for _ in range(3)
                ]
            finally:
                await ws.close()

        results = await asyncio.gather(*(reconnect(c) for c in chats))
        for chat, got in zip(chats, results, strict=True):
            assert got == by_chat[chat["id"]][1:]
        with conn.cursor() as cur:
            cur.execute("SHOW GLOBAL STATUS LIKE 'Max_used_connections'")
            used = int(cur.fetchone()["Value"])
        # The pool's cap, plus this test's own connection.
        assert used <= pool_cap + 1, used
        log = srv.log_path.read_text()
        assert " 500 " not in log and "Traceback" not in log
    finally:
        conn.close()
        srv.stop()
