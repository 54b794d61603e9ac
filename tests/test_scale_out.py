"""Two server processes on one MariaDB and one Redis behave as one service."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from tests.factories import Factory, WsClient
from tests.servers import RedisServer, Server


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    srv = RedisServer().start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def pair(database_url: str, redis_server: RedisServer) -> Iterator[tuple[Server, Server]]:
    a = Server(database_url, REDIS_URL=redis_server.url).start()
    b = Server(database_url, REDIS_URL=redis_server.url).start()
    yield a, b
    a.stop()
    b.stop()


async def _socket(server: Server, make: Factory, token: str) -> WsClient:
    ws = await WsClient.connect(server.ws_url)
    make.sockets.append(ws)
    assert "result" in await ws.auth(token)
    return ws


async def test_customer_and_admin_on_different_processes_talk_both_ways(
    pair: tuple[Server, Server], make: Factory
) -> None:
    a, b = pair
    admin = await make.admin()
    guest = await make.guest()
    guest_ws = await _socket(a, make, guest.token)
    # Support comes online on the other process: the visitor is told.
    admin_ws = await _socket(b, make, admin.token)
    assert await guest_ws.event("presence", timeout=8) == {"admins_online": 1}
    late = await WsClient.connect(a.ws_url)
    make.sockets.append(late)
    assert (await late.auth(guest.token))["result"]["admins_online"] == 1

    sent = (await guest_ws.call("message.send", {"body": "hello from A"}))["result"]["message"]
    assert (await admin_ws.event("chat.waiting"))["chat"]["id"] == sent["chat_id"]
    assert (await admin_ws.event("message.new"))["message"] == sent

    opened = await admin_ws.call("chat.open", {"chat_id": sent["chat_id"]})
    assert opened["result"]["chat"]["admin"]["id"] == admin.id
    assigned = await guest_ws.event("chat.assigned")
    assert assigned["chat"]["admin"]["id"] == admin.id

    reply = await admin_ws.call("message.send", {"chat_id": sent["chat_id"], "body": "hi from B"})
    got = await guest_ws.event("message.new", timeout=5)
    if got["message"]["id"] == sent["id"]:  # the customer's own echo came first
        got = await guest_ws.event("message.new", timeout=5)
    assert got["message"] == reply["result"]["message"]


async def test_rebinding_on_one_process_is_seen_on_the_other(
    pair: tuple[Server, Server], make: Factory
) -> None:
    a, b = pair
    first, second = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "help"))["chat_id"]
    first_ws = await _socket(a, make, first.token)
    await first_ws.call("chat.open", {"chat_id": chat_id})
    await first_ws.event("chat.assigned")
    async with httpx.AsyncClient(base_url=b.url + "/api/v1") as client:
        r = await client.post(f"/chats/{chat_id}/open", headers=second.auth)
        assert r.status_code == 200
    taken = await first_ws.event("chat.assigned", previous_admin_id=first.id)
    assert taken["chat"]["admin"]["id"] == second.id


async def test_rate_limits_and_health_span_processes(
    pair: tuple[Server, Server], make: Factory
) -> None:
    a, b = pair
    await make.customer("shared")
    headers = {"X-Forwarded-For": "2001:db8::77"}
    statuses = []
    for i in range(6):
        server = (a, b)[i % 2]
        async with httpx.AsyncClient(base_url=server.url + "/api/v1", headers=headers) as client:
            r = await client.post(
                "/auth/login", json={"username": "shared", "password": "wrong one"}
            )
            statuses.append(r.status_code)
    assert statuses == [401] * 5 + [429]
    async with httpx.AsyncClient(base_url=a.url + "/api/v1") as client:
        health = (await client.get("/health")).json()
    assert health == {"status": "ok", "database": "ok", "redis": "ok"}


async def test_losing_redis_keeps_each_process_serving_and_it_recovers_by_itself(
    database_url: str, make: Factory
) -> None:
    redis = RedisServer().start()
    a = Server(database_url, REDIS_URL=redis.url).start()
    b = Server(database_url, REDIS_URL=redis.url).start()
    try:
        admin = await make.admin()
        guest = await make.guest()
        first = await make.message(guest, "before the outage")
        chat_id = first["chat_id"]
        await make.open(admin, chat_id)
        admin_on_a = await _socket(a, make, admin.token)
        guest_on_a = await _socket(a, make, guest.token)

        redis.stop()
        async with httpx.AsyncClient(base_url=a.url + "/api/v1") as client:
            for _ in range(50):
                health = (await client.get("/health")).json()
                if health.get("redis") == "down":
                    break
                await asyncio.sleep(0.1)
            assert health == {"status": "ok", "database": "ok", "redis": "down"}
            # Still accepting messages, and local sockets still hear them at once.
            sent = await guest_on_a.call("message.send", {"body": "during the outage"})
            assert "result" in sent
            got = await admin_on_a.event("message.new")
            assert got["message"]["body"] == "during the outage"

            # A panel on the other process missed it; catch-up by id recovers it.
            late = await WsClient.connect(b.ws_url)
            make.sockets.append(late)
            reply = await late.auth(admin.token, since={str(chat_id): first["id"]})
            assert reply["result"]["catch_up"]["delivered"] == 1
            assert (await late.event("message.new"))["message"]["body"] == "during the outage"

            redis.start()  # the same port: processes reconnect by themselves
            for _ in range(100):
                if (await client.get("/health")).json().get("redis") == "ok":
                    break
                await asyncio.sleep(0.1)
            assert (await client.get("/health")).json()["redis"] == "ok"
        # Relaying works again: a message sent on B reaches the admin's socket on A.
        on_b = await _socket(b, make, guest.token)
        await asyncio.sleep(0.5)
        await on_b.call("message.send", {"body": "after the outage"})
        got = await admin_on_a.event("message.new", timeout=8)
        assert got["message"]["body"] == "after the outage"
    finally:
        a.stop()
        b.stop()
        redis.stop()
