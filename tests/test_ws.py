"""The WebSocket: first-frame auth, requests and replies, events both ways, catch-up."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets

from tests.factories import Factory, WsClient
from tests.servers import Server


async def test_auth_reply_names_the_user_and_admins_online(make: Factory) -> None:
    admin = await make.admin()
    await make.socket(admin)
    guest = await make.guest()
    ws = await make.socket()
    reply = await ws.auth(guest.token)
    assert reply["result"]["user"] == guest.user
    assert reply["result"]["admins_online"] == 1


async def test_bad_token_closes_with_4401(make: Factory) -> None:
    ws = await make.socket()
    await ws.send_raw(json.dumps({"id": 1, "method": "auth", "params": {"token": "forged"}}))
    assert await ws.closed_with() == 4401


async def test_first_frame_that_is_not_auth_closes_with_4401(make: Factory) -> None:
    ws = await make.socket()
    await ws.send_raw(json.dumps({"id": 1, "method": "ping", "params": {}}))
    assert await ws.closed_with() == 4401


async def test_socket_that_never_authenticates_is_closed_with_4401(make: Factory) -> None:
    ws = await make.socket()
    # The suite's server allows 1.5 s (WS_AUTH_TIMEOUT_SECONDS); the default is 10 s.
    assert await ws.closed_with(timeout=5) == 4401


async def test_foreign_origin_is_refused_and_allowed_origins_pass(
    server: Server, make: Factory
) -> None:
    with pytest.raises(websockets.InvalidStatus) as refused:
        await websockets.connect(server.ws_url, origin=websockets.Origin("https://evil.example"))
    assert refused.value.response.status_code == 403
    guest = await make.guest()
    for origin in ("http://shop.example", server.url):
        ws = await WsClient.connect(server.ws_url, origin=websockets.Origin(origin))
        make.sockets.append(ws)
        assert "result" in await ws.auth(guest.token)


async def test_customer_message_reaches_every_admin_while_waiting_then_only_its_admin(
    make: Factory,
) -> None:
    a1, a2 = await make.admin(), await make.admin()
    guest = await make.guest()
    ws1, ws2, wsg = await make.socket(a1), await make.socket(a2), await make.socket(guest)
    other_tab = await make.socket(guest)

    reply = await wsg.call("message.send", {"body": "hello", "client_msg_id": "w1"})
    message = reply["result"]["message"]
    assert message["body"] == "hello" and message["client_msg_id"] == "w1"
    waiting = await ws1.event("chat.waiting")
    assert waiting["chat"]["id"] == message["chat_id"] and waiting["chat"]["status"] == "waiting"
    for ws in (ws1, ws2, other_tab):
        assert (await ws.event("message.new"))["message"] == message

    await make.open(a1, message["chat_id"])
    await wsg.call("message.send", {"body": "second"})
    assert (await ws1.event("message.new"))["message"]["body"] == "second"
    await ws2.no_event("message.new")


async def test_rest_and_socket_deliver_to_each_other(make: Factory, api: httpx.AsyncClient) -> None:
    admin = await make.admin()
    guest = await make.guest()
    admin_ws = await make.socket(admin)
    guest_ws = await make.socket(guest)
    sent = await make.message(guest, "via REST")
    assert (await admin_ws.event("message.new"))["message"] == sent
    # The sender's own open sockets (their other tabs) get it too.
    assert (await guest_ws.event("message.new"))["message"] == sent
    chat_id = sent["chat_id"]

    opened = await admin_ws.call("chat.open", {"chat_id": chat_id})
    assert opened["result"]["chat"]["admin"]["id"] == admin.id
    await guest_ws.event("chat.assigned")
    reply = await admin_ws.call("message.send", {"chat_id": chat_id, "body": "via socket"})
    got = await guest_ws.event("message.new")
    assert got["message"] == reply["result"]["message"]
    history = (await api.get(f"/chats/{chat_id}/messages", headers=guest.auth)).json()["items"]
    assert [m["body"] for m in history] == ["via REST", "via socket"]


async def test_socket_send_is_idempotent_by_client_msg_id(make: Factory) -> None:
    guest = await make.guest()
    ws = await make.socket(guest)
    first = await ws.call("message.send", {"body": "once", "client_msg_id": "dup"})
    again = await ws.call("message.send", {"body": "once", "client_msg_id": "dup"})
    assert again["result"]["message"] == first["result"]["message"]


async def test_typing_and_read_reach_the_other_side_only(make: Factory) -> None:
    admin = await make.admin()
    guest = await make.guest()
    message = await make.message(guest, "hi")
    chat_id = message["chat_id"]
    await make.open(admin, chat_id)
    admin_ws, guest_ws = await make.socket(admin), await make.socket(guest)

    assert (await guest_ws.call("typing", {"chat_id": chat_id}))["result"] == {}
    assert await admin_ws.event("typing") == {"chat_id": chat_id, "user_id": guest.id}
    await guest_ws.no_event("typing")
    await admin_ws.call("typing", {"chat_id": chat_id})
    assert await guest_ws.event("typing") == {"chat_id": chat_id, "user_id": admin.id}

    await admin_ws.call("chat.read", {"chat_id": chat_id, "last_read_id": message["id"]})
    read = await guest_ws.event("chat.read")
    assert read == {"chat_id": chat_id, "user_id": admin.id, "last_read_id": message["id"]}


async def test_presence_tells_customers_when_support_comes_and_goes(make: Factory) -> None:
    guest = await make.guest()
    guest_ws = await make.socket(guest)
    admin = await make.admin()
    admin_ws = await make.socket(admin)
    assert await guest_ws.event("presence") == {"admins_online": 1}
    await admin_ws.close()
    assert await guest_ws.event("presence") == {"admins_online": 0}


async def test_catch_up_delivers_missed_messages_in_order_before_live_events(make: Factory) -> None:
    admin = await make.admin()
    guest = await make.guest()
    first = await make.message(guest, "before")
    chat_id = first["chat_id"]
    await make.open(admin, chat_id)
    missed = [await make.reply(admin, chat_id, f"missed {i}") for i in range(3)]

    ws = await make.socket()
    reply = await ws.auth(guest.token, since=first["id"])
    assert reply["result"]["catch_up"] == {"delivered": 3, "complete": True}
    await make.reply(admin, chat_id, "live")
    got = [(await ws.event("message.new"))["message"]["body"] for _ in range(4)]
    assert got == [m["body"] for m in missed] + ["live"]


async def test_admin_catch_up_is_exact_per_chat(make: Factory) -> None:
    admin = await make.admin()
    g1, g2 = await make.guest(), await make.guest()
    c1 = await make.message(g1, "c1 seen")
    c2 = await make.message(g2, "c2 seen")
    await make.open(admin, c1["chat_id"])
    c1_new = await make.message(g1, "c1 new")
    c2_new = await make.message(g2, "c2 new")  # still waiting: any admin may read it

    stranger = await make.guest()
    hidden = await make.message(stranger, "someone else's")
    other_admin = await make.admin()
    await make.open(other_admin, hidden["chat_id"])

    ws = await make.socket()
    since = {str(c1["chat_id"]): c1["id"], str(c2["chat_id"]): c2["id"], str(hidden["chat_id"]): 0}
    reply = await ws.auth(admin.token, since=since)
    assert reply["result"]["catch_up"]["delivered"] == 2
    got = [(await ws.event("message.new"))["message"]["id"] for _ in range(2)]
    assert sorted(got) == sorted([c1_new["id"], c2_new["id"]])
    await ws.no_event("message.new")


async def test_protocol_errors_get_a_reply_and_keep_the_socket_open(make: Factory) -> None:
    guest = await make.guest()
    ws = await make.socket(guest)

    async def raw_error(text: str) -> dict[str, object]:
        await ws.send_raw(text)
        frame = json.loads(await asyncio.wait_for(ws.conn.recv(), 5))
        return dict(frame["error"])

    assert (await raw_error("{nope"))["code"] == -32700
    assert (await raw_error("[1, 2]"))["code"] == -32600
    assert (await raw_error(json.dumps({"method": "ping"})))["code"] == -32600
    assert (await ws.call("no.such"))["error"]["code"] == -32601
    assert (await ws.call("message.send", {"body": ""}))["error"]["code"] == -32602
    assert (await ws.call("message.send", {"body": "x", "sender_id": 3}))["error"]["code"] == -32602
    assert (await ws.call("chat.open", {"chat_id": 1}))["error"]["code"] == 4003
    assert (await ws.call("typing", {"chat_id": 10**12}))["error"]["code"] == 4004
    assert (await ws.call("auth", {"token": guest.token}))["error"]["code"] == -32600
    assert (await raw_error(json.dumps({"id": 9, "method": "ping", "pad": "x" * 70_000})))[
        "code"
    ] == 4013
    assert (await ws.call("ping", {}))["result"] == {}


async def test_customer_cannot_reach_another_chat_over_the_socket(make: Factory) -> None:
    alice, mallory = await make.guest(), await make.guest()
    chat_id = (await make.message(alice, "private"))["chat_id"]
    ws = await make.socket(mallory)
    for method, params in (
        ("message.send", {"chat_id": chat_id, "body": "hi"}),
        ("chat.read", {"chat_id": chat_id, "last_read_id": 1}),
        ("typing", {"chat_id": chat_id}),
    ):
        assert (await ws.call(method, params))["error"]["code"] == 4004
    spy = await make.socket()
    result = await spy.auth(mallory.token, since={str(chat_id): 0})
    assert result["result"]["catch_up"]["delivered"] == 0
    await spy.no_event("message.new")


async def test_admin_must_open_a_chat_before_writing_over_the_socket(make: Factory) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "hi"))["chat_id"]
    ws = await make.socket(admin)
    assert (await ws.call("message.send", {"body": "no chat"}))["error"]["code"] == -32602
    assert (await ws.call("message.send", {"chat_id": chat_id, "body": "x"}))["error"][
        "code"
    ] == 4003
    await ws.call("chat.open", {"chat_id": chat_id})
    assert "result" in await ws.call("message.send", {"chat_id": chat_id, "body": "now"})


async def test_sending_too_fast_over_the_socket_gets_4029(make: Factory) -> None:
    guest = await make.guest()
    ws = await make.socket(guest)
    replies = [await ws.call("message.send", {"body": f"m{i}"}) for i in range(21)]
    assert all("result" in r for r in replies[:20])
    assert replies[20]["error"]["code"] == 4029
    assert replies[20]["error"]["data"]["retry_after"] >= 1
