"""Chat states: resolve, reopen by writing or opening, the resolved list, and races."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.factories import Actor, Factory, WsClient
from tests.servers import RedisServer, Server

STATE_EVENTS = ("chat.waiting", "chat.assigned", "chat.resolved", "chat.reopened")


async def _active_chat(make: Factory, admin: Actor, customer: Actor | None = None) -> int:
    customer = customer or await make.guest()
    chat_id = int((await make.message(customer, "help"))["chat_id"])
    await make.open(admin, chat_id)
    return chat_id


def _last_state(events: list[dict[str, Any]], chat_id: int) -> dict[str, Any] | None:
    """The chat as the last state event about it described it."""
    last = None
    for ev in events:
        if ev.get("method") in STATE_EVENTS and ev["params"]["chat"]["id"] == chat_id:
            last = ev["params"]["chat"]
    return last


async def test_its_admin_resolves_a_chat_and_everyone_is_told(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, colleague = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    admin_ws, colleague_ws, guest_ws = (
        await make.socket(admin),
        await make.socket(colleague),
        await make.socket(guest),
    )

    r = await api.post(f"/chats/{chat_id}/resolve", headers=admin.auth)
    assert r.status_code == 200
    chat = r.json()
    assert chat["status"] == "resolved" and chat["admin"]["id"] == admin.id
    for ws in (admin_ws, colleague_ws, guest_ws):
        event = await ws.event("chat.resolved")
        assert event["chat"]["id"] == chat_id and event["chat"]["status"] == "resolved"
    # Other admins are told, but read no message text of a chat that is not theirs.
    assert (await colleague_ws.settle(0.1)) == []
    mine = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert mine["status"] == "resolved"
    own = (await api.get("/me/chat", headers=guest.auth)).json()
    assert own["status"] == "resolved"


async def test_resolving_again_is_a_no_op_that_tells_no_one(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    first = await make.resolve(admin, chat_id)
    admin_ws, guest_ws = await make.socket(admin), await make.socket(guest)
    again = await api.post(f"/chats/{chat_id}/resolve", headers=admin.auth)
    assert again.status_code == 200
    assert again.json()["status"] == "resolved"
    assert again.json()["updated_at"] == first["updated_at"]
    await admin_ws.no_event("chat.resolved")
    await guest_ws.no_event("chat.resolved")


async def test_resolving_a_waiting_chat_binds_it_to_the_resolver(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "hi"))["chat_id"]
    chat = await make.resolve(admin, chat_id)
    assert chat["status"] == "resolved" and chat["admin"]["id"] == admin.id
    assert chat["last_message"]["body"] == "hi"


async def test_who_may_not_resolve_gets_a_reason_and_nothing_changes(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, other = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    r = await api.post(f"/chats/{chat_id}/resolve", headers=other.auth)
    assert r.status_code == 403 and r.json()["detail"]
    assert (await api.post(f"/chats/{chat_id}/resolve", headers=guest.auth)).status_code == 403
    assert (await api.post("/chats/999999999/resolve", headers=admin.auth)).status_code == 404
    assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()["status"] == "active"

    ws_other, ws_guest = await make.socket(other), await make.socket(guest)
    assert (await ws_other.call("chat.resolve", {"chat_id": chat_id}))["error"]["code"] == 4003
    assert (await ws_guest.call("chat.resolve", {"chat_id": chat_id}))["error"]["code"] == 4003
    missing = await ws_other.call("chat.resolve", {"chat_id": 999999999})
    assert missing["error"]["code"] == 4004
    assert (await ws_other.call("chat.resolve", {}))["error"]["code"] == -32602
    assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()["status"] == "active"


async def test_chat_resolve_over_the_socket(make: Factory) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    ws, guest_ws = await make.socket(admin), await make.socket(guest)
    reply = await ws.call("chat.resolve", {"chat_id": chat_id})
    assert reply["result"]["chat"]["status"] == "resolved"
    assert (await guest_ws.event("chat.resolved"))["chat"]["status"] == "resolved"


async def test_customer_writing_to_a_resolved_chat_makes_it_wait_for_any_admin(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, colleague = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    await make.resolve(admin, chat_id)
    admin_ws, colleague_ws, guest_ws = (
        await make.socket(admin),
        await make.socket(colleague),
        await make.socket(guest),
    )

    sent = (await guest_ws.call("message.send", {"body": "one more thing"}))["result"]["message"]
    for ws in (admin_ws, colleague_ws, guest_ws):
        reopened = await ws.event("chat.reopened")
        assert reopened["chat"]["status"] == "waiting" and reopened["chat"]["admin"] is None
    for ws in (admin_ws, colleague_ws):
        waiting = await ws.event("chat.waiting")
        assert waiting["chat"]["id"] == chat_id
        assert waiting["chat"]["last_message"]["id"] == sent["id"]
        assert (await ws.event("message.new"))["message"]["id"] == sent["id"]
    await guest_ws.no_event("chat.waiting")
    chat = (await api.get("/me/chat", headers=guest.auth)).json()
    assert chat["status"] == "waiting" and chat["admin"] is None
    waiting_ids = [
        c["id"]
        for c in (await api.get("/chats?scope=waiting", headers=colleague.auth)).json()["items"]
    ]
    assert chat_id in waiting_ids


async def test_its_admin_writing_to_a_resolved_chat_makes_it_active_again(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    await make.resolve(admin, chat_id)
    guest_ws = await make.socket(guest)
    await make.reply(admin, chat_id, "also, your parcel left today")
    reopened = await guest_ws.event("chat.reopened")
    assert reopened["chat"]["status"] == "active"
    assert reopened["chat"]["admin"]["id"] == admin.id
    chat = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert chat["status"] == "active" and chat["admin"]["id"] == admin.id


async def test_another_admin_opening_a_resolved_chat_takes_it_up(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, colleague = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    await make.resolve(admin, chat_id)
    admin_ws, guest_ws = await make.socket(admin), await make.socket(guest)
    chat = await make.open(colleague, chat_id)
    assert chat["status"] == "active" and chat["admin"]["id"] == colleague.id
    for ws in (admin_ws, guest_ws):
        assert (await ws.event("chat.reopened"))["chat"]["status"] == "active"
        assigned = await ws.event("chat.assigned")
        assert assigned["chat"]["admin"]["id"] == colleague.id
        assert assigned["previous_admin_id"] == admin.id


async def test_its_own_admin_opening_a_resolved_chat_leaves_it_resolved(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    await make.resolve(admin, chat_id)
    guest_ws = await make.socket(guest)
    assert (await make.open(admin, chat_id))["status"] == "resolved"
    await guest_ws.no_event("chat.reopened")


async def test_resolved_list_holds_the_callers_resolved_chats_only(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, colleague = await make.admin(), await make.admin()
    done = await _active_chat(make, admin)
    done_later = await _active_chat(make, admin)
    ongoing = await _active_chat(make, admin)
    theirs = await _active_chat(make, colleague)
    waiting = (await make.message(await make.guest(), "anyone?"))["chat_id"]
    await make.resolve(admin, done)
    await make.resolve(admin, done_later)
    await make.resolve(colleague, theirs)

    async def ids(scope: str, **headers: str) -> list[int]:
        r = await api.get("/chats", params={"scope": scope}, headers={**admin.auth, **headers})
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["items"]]

    # Both the fast path and the full stack (an Origin sends a request the long way round).
    for headers in ({}, {"Origin": "https://elsewhere.example"}):
        assert await ids("resolved", **headers) == [done_later, done]
        assert await ids("mine", **headers) == [ongoing]
        assert await ids("waiting", **headers) == [waiting]
        assert await ids("all", **headers) == [waiting, theirs, ongoing, done_later, done]
    page = (await api.get("/chats?scope=resolved&limit=1", headers=admin.auth)).json()
    assert [c["id"] for c in page["items"]] == [done_later]
    rest = await api.get(
        "/chats", params={"scope": "resolved", "before": page["next_before"]}, headers=admin.auth
    )
    assert [c["id"] for c in rest.json()["items"]] == [done]
    assert rest.json()["next_before"] is None
    everything = (await api.get("/chats?scope=all", headers=admin.auth)).json()["items"]
    statuses = {c["id"]: c["status"] for c in everything}
    assert statuses[theirs] == "resolved" and statuses[waiting] == "waiting"
    # Another admin's resolved chat is listed without its text.
    assert next(c for c in everything if c["id"] == theirs)["last_message"] is None


async def test_a_resolved_chat_is_read_by_its_customer_and_its_admin_only(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, colleague = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = await _active_chat(make, admin, guest)
    await make.resolve(admin, chat_id)
    for who in (admin, guest):
        assert (await api.get(f"/chats/{chat_id}/messages", headers=who.auth)).status_code == 200
        assert (await api.get(f"/chats/{chat_id}", headers=who.auth)).status_code == 200
    for path in (f"/chats/{chat_id}", f"/chats/{chat_id}/messages"):
        assert (await api.get(path, headers=colleague.auth)).status_code == 403
    stranger = await make.guest()
    assert (await api.get(f"/chats/{chat_id}", headers=stranger.auth)).status_code == 404


async def test_racing_resolves_and_a_customer_message_end_in_one_state_everyone_was_told(
    api: httpx.AsyncClient, make: Factory
) -> None:
    first, second = await make.admin(), await make.admin()
    first_ws, second_ws = await make.socket(first), await make.socket(second)
    outcomes = set()
    for round_no in range(6):
        guest = await make.guest()
        chat_id = (await make.message(guest, "hello"))["chat_id"]
        guest_ws = await make.socket(guest)
        if round_no % 2:
            await make.open(first, chat_id)
        replies = await asyncio.gather(
            api.post(f"/chats/{chat_id}/resolve", headers=first.auth),
            api.post(f"/chats/{chat_id}/resolve", headers=second.auth),
            api.post("/me/chat/messages", json={"body": "still there?"}, headers=guest.auth),
        )
        assert all(r.status_code in (200, 201, 403) for r in replies), [r.text for r in replies]
        assert replies[2].status_code == 201
        final = (await api.get("/me/chat", headers=guest.auth)).json()
        outcomes.add(final["status"])
        sockets: list[WsClient] = [first_ws, second_ws, guest_ws]
        for ws in sockets:
            told = _last_state(await ws.settle(0.3), chat_id)
            assert told is not None
            assert (told["status"], (told["admin"] or {}).get("id")) == (
                final["status"],
                (final["admin"] or {}).get("id"),
            )
            ws.events.clear()
    assert outcomes <= {"waiting", "resolved", "active"}


@pytest.fixture(scope="module")
def pair(database_url: str) -> Iterator[tuple[Server, Server]]:
    redis = RedisServer().start()
    a = Server(database_url, REDIS_URL=redis.url).start()
    b = Server(database_url, REDIS_URL=redis.url).start()
    yield a, b
    a.stop()
    b.stop()
    redis.stop()


async def test_acts_racing_on_two_processes_leave_every_socket_told_the_final_state(
    pair: tuple[Server, Server], make: Factory
) -> None:
    """Events relayed between processes may arrive in either order; the state is one."""
    a, b = pair
    first, second = await make.admin(), await make.admin()

    async def socket(server: Server, actor: Actor) -> WsClient:
        ws = await WsClient.connect(server.ws_url)
        make.sockets.append(ws)
        assert "result" in await ws.auth(actor.token)
        return ws

    watchers = [await socket(a, first), await socket(b, first), await socket(b, second)]
    async with (
        httpx.AsyncClient(base_url=a.url + "/api/v1") as on_a,
        httpx.AsyncClient(base_url=b.url + "/api/v1") as on_b,
    ):
        for _ in range(4):
            guest = await make.guest()
            chat_id = (await make.message(guest, "hello"))["chat_id"]
            guest_sockets = [await socket(a, guest), await socket(b, guest)]
            replies = await asyncio.gather(
                on_a.post(f"/chats/{chat_id}/resolve", headers=first.auth),
                on_b.post(f"/chats/{chat_id}/resolve", headers=second.auth),
                on_b.post("/me/chat/messages", json={"body": "hi?"}, headers=guest.auth),
                on_a.post(f"/chats/{chat_id}/open", headers=second.auth),
            )
            assert all(r.status_code in (200, 201, 403) for r in replies), [r.text for r in replies]
            final = (await on_a.get("/me/chat", headers=guest.auth)).json()
            for ws in (*watchers, *guest_sockets):
                told = _last_state(await ws.settle(0.4), chat_id)
                assert told is not None
                assert (told["status"], (told["admin"] or {}).get("id")) == (
                    final["status"],
                    (final["admin"] or {}).get("id"),
                )
                ws.events.clear()
