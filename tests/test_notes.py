"""Notes: admins' messages for admins, which reach a customer by no path at all."""

from __future__ import annotations

from typing import Any

import httpx

from tests.factories import Actor, Factory


async def _conversation(make: Factory) -> tuple[Actor, Actor, int, dict[str, Any]]:
    """An admin and a customer in an active chat; returns (admin, customer, chat_id, the
    customer's last message)."""
    admin = await make.admin()
    guest = await make.guest()
    question = await make.message(guest, "where is my parcel?")
    await make.open(admin, question["chat_id"])
    return admin, guest, int(question["chat_id"]), question


def _rows(sql: Any, chat_id: int) -> list[dict[str, Any]]:
    with sql.cursor() as cur:
        cur.execute(
            "SELECT id, kind, body FROM messages WHERE chat_id = %s ORDER BY id", (chat_id,)
        )
        return list(cur.fetchall())


async def test_an_admin_leaves_a_note_in_the_timeline(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, guest, chat_id, question = await _conversation(make)
    r = await api.post(
        f"/chats/{chat_id}/notes",
        json={"body": "VIP, be nice", "client_msg_id": "n1"},
        headers=admin.auth,
    )
    assert r.status_code == 201, r.text
    note = r.json()
    assert note["kind"] == "note" and note["body"] == "VIP, be nice"
    assert note["sender"]["id"] == admin.id and note["chat_id"] == chat_id
    assert note["attachments"] == []
    reply = await make.reply(admin, chat_id, "it left today")
    assert reply["kind"] == "text"
    # One id sequence for both kinds.
    assert question["id"] < note["id"] < reply["id"]
    history = (await api.get(f"/chats/{chat_id}/messages", headers=admin.auth)).json()["items"]
    assert [(m["kind"], m["body"]) for m in history] == [
        ("text", "where is my parcel?"),
        ("note", "VIP, be nice"),
        ("text", "it left today"),
    ]


async def test_notes_and_messages_share_the_client_msg_id_space(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, _, chat_id, _ = await _conversation(make)
    first = await api.post(
        f"/chats/{chat_id}/notes", json={"body": "once", "client_msg_id": "k"}, headers=admin.auth
    )
    again = await api.post(
        f"/chats/{chat_id}/notes", json={"body": "once", "client_msg_id": "k"}, headers=admin.auth
    )
    as_text = await api.post(
        f"/chats/{chat_id}/messages",
        json={"body": "once", "client_msg_id": "k"},
        headers=admin.auth,
    )
    assert first.status_code == 201
    assert again.status_code == 200 and again.json() == first.json()
    assert as_text.status_code == 200 and as_text.json() == first.json()


async def test_a_customer_cannot_write_a_note_by_any_path(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    _, guest, chat_id, _ = await _conversation(make)
    before = _rows(sql, chat_id)
    r = await api.post(f"/chats/{chat_id}/notes", json={"body": "sneaky"}, headers=guest.auth)
    assert r.status_code == 403 and r.json()["detail"]
    ws = await make.socket(guest)
    refused = await ws.call("message.send", {"body": "sneaky", "kind": "note"})
    assert refused["error"]["code"] == 4003
    refused = await ws.call("message.send", {"chat_id": chat_id, "body": "x", "kind": "note"})
    assert refused["error"]["code"] == 4003
    assert _rows(sql, chat_id) == before


async def test_who_may_not_read_the_chat_cannot_note_it(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    _, _, chat_id, _ = await _conversation(make)
    other = await make.admin()
    before = _rows(sql, chat_id)
    r = await api.post(f"/chats/{chat_id}/notes", json={"body": "mine now"}, headers=other.auth)
    assert r.status_code == 403
    missing = await api.post("/chats/999999999/notes", json={"body": "x"}, headers=other.auth)
    assert missing.status_code == 404
    bad = await api.post(f"/chats/{chat_id}/notes", json={"body": "  "}, headers=other.auth)
    assert bad.status_code == 422
    ws = await make.socket(other)
    reply = await ws.call("message.send", {"chat_id": chat_id, "body": "x", "kind": "note"})
    assert reply["error"]["code"] == 4003
    bad_kind = await ws.call("message.send", {"chat_id": chat_id, "body": "x", "kind": "memo"})
    assert bad_kind["error"]["code"] == -32602
    assert _rows(sql, chat_id) == before


async def test_a_note_reaches_no_customer_history_chat_or_unread_count(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, guest, chat_id, question = await _conversation(make)
    reply = await make.reply(admin, chat_id, "on its way")
    await make.note(admin, chat_id, "refund if late")
    customer_chat = (await api.get("/me/chat", headers=guest.auth)).json()
    assert customer_chat["last_message"]["id"] == reply["id"]
    assert customer_chat["unread_count"] == 1
    by_id = (await api.get(f"/chats/{chat_id}", headers=guest.auth)).json()
    assert by_id["last_message"]["id"] == reply["id"] and by_id["unread_count"] == 1

    for params in ({}, {"after": 0}, {"before": 10**15}, {"after": 0, "before": 10**15}):
        page = await api.get(f"/chats/{chat_id}/messages", params=params, headers=guest.auth)
        assert [m["id"] for m in page.json()["items"]] == [question["id"], reply["id"]], params
    # The full stack (an Origin) answers the same.
    slow = await api.get(
        f"/chats/{chat_id}/messages", headers={**guest.auth, "Origin": "https://x.example"}
    )
    assert [m["kind"] for m in slow.json()["items"]] == ["text", "text"]

    admin_view = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert admin_view["last_message"]["kind"] == "note"
    # The customer's question only: an admin's own notes are no one's unread.
    assert admin_view["unread_count"] == 1
    listed = (await api.get("/chats?scope=mine", headers=admin.auth)).json()["items"]
    assert listed[0]["last_message"]["kind"] == "note"

    # Reading up to the note leaves the customer nothing unread, and counts no note.
    await api.post(f"/chats/{chat_id}/read", json={"last_read_id": 10**15}, headers=guest.auth)
    assert (await api.get("/me/chat", headers=guest.auth)).json()["unread_count"] == 0
    await make.note(admin, chat_id, "second note")
    assert (await api.get("/me/chat", headers=guest.auth)).json()["unread_count"] == 0


async def test_a_note_is_an_event_for_admins_who_may_read_the_chat_only(make: Factory) -> None:
    admin, guest, chat_id, _ = await _conversation(make)
    other = await make.admin()
    admin_ws, other_ws, guest_ws = (
        await make.socket(admin),
        await make.socket(other),
        await make.socket(guest),
    )
    tab = await make.socket(admin)
    sent = await tab.call("message.send", {"chat_id": chat_id, "body": "psst", "kind": "note"})
    note = sent["result"]["message"]
    assert note["kind"] == "note"
    assert (await admin_ws.event("message.new"))["message"] == note
    await guest_ws.no_event("message.new")
    await other_ws.no_event("message.new")

    # While a chat waits, every admin may read it, and every admin gets its notes.
    waiting_guest = await make.guest()
    waiting_chat = (await make.message(waiting_guest, "hi"))["chat_id"]
    waiting_ws = await make.socket(waiting_guest)
    for ws in (admin_ws, other_ws):
        await ws.settle(0.2)
        ws.events.clear()
    await make.note(other, waiting_chat, "first seen by other")
    for ws in (admin_ws, other_ws):
        assert (await ws.event("message.new"))["message"]["kind"] == "note"
    await waiting_ws.no_event("message.new")


async def test_catch_up_gives_customers_no_notes_and_admins_all(make: Factory) -> None:
    admin, guest, chat_id, question = await _conversation(make)
    note = await make.note(admin, chat_id, "hidden")
    reply = await make.reply(admin, chat_id, "visible")
    customer = await make.socket()
    result = (await customer.auth(guest.token, since=question["id"]))["result"]
    assert result["catch_up"]["delivered"] == 1
    assert (await customer.event("message.new"))["message"]["id"] == reply["id"]
    per_chat = await make.socket()
    await per_chat.auth(guest.token, since={str(chat_id): 0})
    got = [e["params"]["message"]["kind"] for e in await per_chat.settle(0.3)]
    assert got == ["text", "text"]

    staff = await make.socket()
    staff_result = (await staff.auth(admin.token, since={str(chat_id): question["id"]}))["result"]
    assert staff_result["catch_up"]["delivered"] == 2
    ids = [e["params"]["message"]["id"] for e in await staff.settle(0.3)]
    assert ids == [note["id"], reply["id"]]
    since_id = await make.socket()
    await since_id.auth(admin.token, since=question["id"])
    assert [e["params"]["message"]["id"] for e in await since_id.settle(0.3)] == ids


async def test_chat_events_show_the_customer_no_note(api: httpx.AsyncClient, make: Factory) -> None:
    admin, guest, chat_id, question = await _conversation(make)
    guest_ws = await make.socket(guest)
    await make.note(admin, chat_id, "closing, nothing more to do")
    resolved = (await api.post(f"/chats/{chat_id}/resolve", headers=admin.auth)).json()
    assert resolved["last_message"]["kind"] == "note"
    told = await guest_ws.event("chat.resolved")
    assert told["chat"]["last_message"]["id"] == question["id"]
    other = await make.admin()
    await make.note(admin, chat_id, "handing over")
    await make.open(other, chat_id)
    assigned = await guest_ws.event("chat.assigned")
    assert assigned["chat"]["last_message"]["id"] == question["id"]
    assert "closing" not in str(guest_ws.events) and "handing" not in str(guest_ws.events)


async def test_notes_change_no_chat_state(api: httpx.AsyncClient, make: Factory) -> None:
    admin, guest, chat_id, _ = await _conversation(make)
    await make.resolve(admin, chat_id)
    guest_ws = await make.socket(guest)
    await make.note(admin, chat_id, "follow up next week")
    assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()["status"] == "resolved"
    await guest_ws.no_event("chat.reopened")

    waiting_guest = await make.guest()
    waiting_chat = (await make.message(waiting_guest, "hello"))["chat_id"]
    await make.note(admin, waiting_chat, "looks like spam")
    chat = (await api.get(f"/chats/{waiting_chat}", headers=admin.auth)).json()
    assert chat["status"] == "waiting" and chat["admin"] is None
