"""Away admins: availability is kept, and only online admins count as support being there."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.factories import Actor, Factory, WsClient
from tests.servers import RedisServer, Server


async def _set(api: httpx.AsyncClient, admin: Actor, status: str) -> None:
    r = await api.post("/me/availability", json={"status": status}, headers=admin.auth)
    assert r.status_code == 200, r.text
    assert r.json() == {"status": status}


async def test_availability_is_kept_across_sign_ins_and_sockets(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    assert (await api.get("/me/availability", headers=admin.auth)).json() == {"status": "online"}
    await _set(api, admin, "away")
    again = await make.login(admin.user["username"])
    assert (await api.get("/me/availability", headers=again.auth)).json() == {"status": "away"}
    guest = await make.guest()
    await make.socket(again)
    watcher = await make.socket()
    assert (await watcher.auth(guest.token))["result"]["admins_online"] == 0
    await _set(api, again, "online")
    late = await make.socket()
    assert (await late.auth(guest.token))["result"]["admins_online"] == 1


async def test_only_admins_have_an_availability(api: httpx.AsyncClient, make: Factory) -> None:
    guest = await make.guest()
    assert (await api.get("/me/availability", headers=guest.auth)).status_code == 403
    r = await api.post("/me/availability", json={"status": "away"}, headers=guest.auth)
    assert r.status_code == 403
    admin = await make.admin()
    for body in ({"status": "busy"}, {}, {"status": "away", "role": "admin"}):
        bad = await api.post("/me/availability", json=body, headers=admin.auth)
        assert bad.status_code == 422, body
    assert (await api.get("/me/availability", headers=admin.auth)).json() == {"status": "online"}
    assert (await api.get("/me/availability")).status_code == 401


async def test_customers_are_told_when_the_last_online_admin_steps_away_and_back(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, colleague = await make.admin(), await make.admin()
    guest = await make.guest()
    guest_ws = await make.socket(guest)
    await make.socket(admin)
    await make.socket(admin)  # a second tab: away covers every socket of the admin
    assert await guest_ws.event("presence") == {"admins_online": 1}
    await _set(api, colleague, "away")
    await make.socket(colleague)  # an away admin coming online changes nothing
    await guest_ws.no_event("presence")

    await _set(api, admin, "away")
    assert await guest_ws.event("presence") == {"admins_online": 0}
    watcher = await make.socket()
    assert (await watcher.auth(guest.token))["result"]["admins_online"] == 0
    await _set(api, colleague, "online")
    assert await guest_ws.event("presence") == {"admins_online": 1}


async def test_an_away_admin_still_works_their_chats(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    await _set(api, admin, "away")
    guest = await make.guest()
    admin_ws = await make.socket(admin)
    sent = await make.message(guest, "anyone?")
    assert (await admin_ws.event("message.new"))["message"]["id"] == sent["id"]
    await make.open(admin, sent["chat_id"])
    assert (await make.reply(admin, sent["chat_id"], "here"))["kind"] == "text"


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


async def test_away_counts_across_processes(pair: tuple[Server, Server], make: Factory) -> None:
    a, b = pair
    admin = await make.admin()
    guest = await make.guest()

    async def socket(server: Server, actor: Actor) -> WsClient:
        ws = await WsClient.connect(server.ws_url)
        make.sockets.append(ws)
        assert "result" in await ws.auth(actor.token)
        return ws

    guest_ws = await socket(a, guest)
    await socket(b, admin)
    assert await guest_ws.event("presence", timeout=8) == {"admins_online": 1}
    async with httpx.AsyncClient(base_url=b.url + "/api/v1") as on_b:
        r = await on_b.post("/me/availability", json={"status": "away"}, headers=admin.auth)
        assert r.status_code == 200
        assert await guest_ws.event("presence", timeout=8) == {"admins_online": 0}
        late = await WsClient.connect(a.ws_url)
        make.sockets.append(late)
        assert (await late.auth(guest.token))["result"]["admins_online"] == 0
    # Set on the customer's process, heard by the admin's.
    async with httpx.AsyncClient(base_url=a.url + "/api/v1") as on_a:
        r = await on_a.post("/me/availability", json={"status": "online"}, headers=admin.auth)
        assert r.status_code == 200
    assert await guest_ws.event("presence", timeout=8) == {"admins_online": 1}
