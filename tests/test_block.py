"""Blocking a customer: their chat is resolved and their sends are refused; unblocking."""

from __future__ import annotations

from typing import Any

import httpx

from tests.factories import Factory


def _count(sql: Any, chat_id: int) -> int:
    with sql.cursor() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM messages WHERE chat_id = %s", (chat_id,))
        return int(cur.fetchone()["n"])


async def test_blocking_a_waiting_chat_binds_and_resolves_it(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, colleague = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "spam spam spam"))["chat_id"]
    guest_ws, colleague_ws = await make.socket(guest), await make.socket(colleague)

    r = await api.post(f"/chats/{chat_id}/block", headers=admin.auth)
    assert r.status_code == 204 and r.content == b""
    chat = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert chat["status"] == "resolved" and chat["admin"]["id"] == admin.id
    assert chat["blocked"] is True
    told = await guest_ws.event("chat.resolved")
    assert told["chat"]["blocked"] is True
    assert (await colleague_ws.event("chat.resolved"))["chat"]["id"] == chat_id
    assert (await api.get("/me/chat", headers=guest.auth)).json()["blocked"] is True


async def test_a_blocked_customer_cannot_send_but_keeps_socket_and_history(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    first = await make.message(guest, "hello")
    chat_id = first["chat_id"]
    await make.open(admin, chat_id)
    guest_ws = await make.socket(guest)
    await api.post(f"/chats/{chat_id}/block", headers=admin.auth)
    rows = _count(sql, chat_id)

    r = await api.post("/me/chat/messages", json={"body": "let me in"}, headers=guest.auth)
    assert r.status_code == 403
    assert r.json()["detail"] == "you can no longer send messages here"
    by_id = await api.post(f"/chats/{chat_id}/messages", json={"body": "x"}, headers=guest.auth)
    assert by_id.status_code == 403
    refused = await guest_ws.call("message.send", {"body": "over the socket"})
    assert refused["error"]["code"] == 4003
    assert _count(sql, chat_id) == rows
    # Refused sends reopen nothing.
    chat = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert chat["status"] == "resolved"

    assert (await guest_ws.call("ping", {}))["result"] == {}
    history = (await api.get(f"/chats/{chat_id}/messages", headers=guest.auth)).json()["items"]
    assert [m["id"] for m in history] == [first["id"]]
    # The admin may still write to them.
    await make.reply(admin, chat_id, "we are closing this chat")
    assert (await guest_ws.event("message.new"))["message"]["body"] == "we are closing this chat"


async def test_unblocked_customer_writes_again_and_the_chat_waits(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "hi"))["chat_id"]
    await api.post(f"/chats/{chat_id}/block", headers=admin.auth)
    r = await api.post(f"/chats/{chat_id}/unblock", headers=admin.auth)
    assert r.status_code == 204
    chat = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert chat["blocked"] is False and chat["status"] == "resolved"
    await make.message(guest, "sorry about that")
    chat = (await api.get("/me/chat", headers=guest.auth)).json()
    assert chat["status"] == "waiting" and chat["blocked"] is False


async def test_blocking_twice_or_unblocking_an_unblocked_chat_changes_nothing(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "hi"))["chat_id"]
    assert (await api.post(f"/chats/{chat_id}/unblock", headers=admin.auth)).status_code == 204
    await api.post(f"/chats/{chat_id}/block", headers=admin.auth)
    guest_ws = await make.socket(guest)
    assert (await api.post(f"/chats/{chat_id}/block", headers=admin.auth)).status_code == 204
    await guest_ws.no_event("chat.resolved")
    assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()["blocked"] is True


async def test_who_may_not_read_the_chat_may_not_block_it(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, other = await make.admin(), await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "hi"))["chat_id"]
    await make.open(admin, chat_id)
    for action in ("block", "unblock"):
        r = await api.post(f"/chats/{chat_id}/{action}", headers=other.auth)
        assert r.status_code == 403 and r.json()["detail"]
        assert (await api.post(f"/chats/{chat_id}/{action}", headers=guest.auth)).status_code == 403
        missing = await api.post(f"/chats/999999999/{action}", headers=admin.auth)
        assert missing.status_code == 404
    chat = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert chat["blocked"] is False and chat["status"] == "active"
    # A blocked chat held by another admin cannot be unblocked without taking it first.
    await api.post(f"/chats/{chat_id}/block", headers=admin.auth)
    assert (await api.post(f"/chats/{chat_id}/unblock", headers=other.auth)).status_code == 403
    assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()["blocked"] is True
