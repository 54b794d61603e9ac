"""Chats: created by the first message, listed by scope, rebound by opening, read marks."""

from __future__ import annotations

import httpx

from tests.factories import Factory


async def test_customer_has_no_chat_until_their_first_message(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    assert (await api.get("/me/chat", headers=guest.auth)).status_code == 404
    message = await make.message(guest, "Where is my order?")
    chat = (await api.get("/me/chat", headers=guest.auth)).json()
    assert chat["id"] == message["chat_id"]
    assert chat["status"] == "waiting" and chat["admin"] is None
    assert chat["customer"]["id"] == guest.id
    assert chat["last_message"]["body"] == "Where is my order?"
    assert chat["unread_count"] == 0


async def test_a_customer_has_one_chat_whatever_they_send(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    first = await make.message(guest, "one")
    second = await make.message(guest, "two")
    assert first["chat_id"] == second["chat_id"]
    assert second["id"] > first["id"]


async def test_admins_list_waiting_mine_and_all_newest_activity_first(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    a, b, c = await make.guest(), await make.guest(), await make.guest()
    chat_a = (await make.message(a, "a"))["chat_id"]
    chat_b = (await make.message(b, "b"))["chat_id"]
    chat_c = (await make.message(c, "c"))["chat_id"]
    await make.open(admin, chat_b)

    async def ids(scope: str) -> list[int]:
        r = await api.get("/chats", params={"scope": scope}, headers=admin.auth)
        assert r.status_code == 200
        return [chat["id"] for chat in r.json()["items"]]

    assert await ids("waiting") == [chat_c, chat_a]
    assert await ids("mine") == [chat_b]
    assert await ids("all") == [chat_c, chat_b, chat_a]
    await make.message(a, "a again")
    assert await ids("all") == [chat_a, chat_c, chat_b]


async def test_chat_list_pages_by_keyset_without_gaps_or_repeats(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    made = []
    for _ in range(7):
        made.append((await make.message(await make.guest(), "hi"))["chat_id"])
    seen: list[int] = []
    before = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"scope": "waiting", "limit": 3}
        if before:
            params["before"] = before
        body = (await api.get("/chats", params=params, headers=admin.auth)).json()
        seen += [chat["id"] for chat in body["items"]]
        pages += 1
        before = body["next_before"]
        if before is None:
            break
    assert pages == 3
    assert seen == list(reversed(made))


async def test_chat_list_is_for_admins_and_validates_its_query(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    assert (await api.get("/chats", headers=guest.auth)).status_code == 403
    admin = await make.admin()
    assert (
        await api.get("/chats", params={"scope": "nope"}, headers=admin.auth)
    ).status_code == 422
    assert (await api.get("/chats", params={"limit": 0}, headers=admin.auth)).status_code == 422
    assert (await api.get("/chats", params={"limit": 101}, headers=admin.auth)).status_code == 422
    assert (await api.get("/chats", params={"before": "x1"}, headers=admin.auth)).status_code == 422


async def test_second_admin_opening_chat_rebinds_it_and_everyone_is_told(
    api: httpx.AsyncClient, make: Factory
) -> None:
    first = await make.admin("first", "First Admin")
    second = await make.admin("second", "Second Admin")
    guest = await make.guest()
    chat_id = (await make.message(guest, "help"))["chat_id"]
    guest_ws = await make.socket(guest)
    first_ws = await make.socket(first)
    second_ws = await make.socket(second)

    opened = await make.open(first, chat_id)
    assert opened["status"] == "active" and opened["admin"]["id"] == first.id
    event = await guest_ws.event("chat.assigned")
    assert event["chat"]["admin"]["display_name"] == "First Admin"
    assert event["previous_admin_id"] is None
    await second_ws.event("chat.assigned")
    await first_ws.event("chat.assigned")

    await make.reply(first, chat_id, "I am on it")
    # The second admin may not write until they take the chat.
    r = await api.post(f"/chats/{chat_id}/messages", json={"body": "me too"}, headers=second.auth)
    assert r.status_code == 403

    taken = await make.open(second, chat_id)
    assert taken["admin"]["id"] == second.id
    for ws in (guest_ws, first_ws, second_ws):
        event = await ws.event("chat.assigned", previous_admin_id=first.id)
        assert event["chat"]["admin"]["id"] == second.id
        # The first admin now sees the chat as someone else's: no message text.
        has_text = event["chat"]["last_message"] is not None
        assert has_text == (ws is not first_ws)
    r = await api.post(f"/chats/{chat_id}/messages", json={"body": "still me"}, headers=first.auth)
    assert r.status_code == 403
    assert (await api.get(f"/chats/{chat_id}/messages", headers=first.auth)).status_code == 403
    listed = (await api.get("/chats", params={"scope": "all"}, headers=first.auth)).json()["items"]
    assert listed[0]["id"] == chat_id and listed[0]["last_message"] is None
    assert (await make.reply(second, chat_id, "Taking over"))["sender"]["id"] == second.id
    mine = (await api.get("/chats", params={"scope": "mine"}, headers=first.auth)).json()
    assert mine["items"] == []


async def test_admin_cannot_start_a_chat_or_open_a_missing_one(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    assert (
        await api.post("/me/chat/messages", json={"body": "hi"}, headers=admin.auth)
    ).status_code == 403
    assert (await api.post("/chats/999999/open", headers=admin.auth)).status_code == 404
    assert (
        await api.post("/chats/999999/messages", json={"body": "x"}, headers=admin.auth)
    ).status_code == 404
    guest = await make.guest()
    chat_id = (await make.message(guest, "hello"))["chat_id"]
    assert (await api.post(f"/chats/{chat_id}/open", headers=guest.auth)).status_code == 403


async def test_customer_cannot_see_or_write_another_customers_chat(
    api: httpx.AsyncClient, make: Factory
) -> None:
    alice, mallory = await make.guest(), await make.guest()
    chat_id = (await make.message(alice, "my secret address"))["chat_id"]
    await make.message(mallory, "hi")
    missing = 10**12
    for path in (f"/chats/{chat_id}", f"/chats/{chat_id}/messages"):
        mine_not = await api.get(path, headers=mallory.auth)
        absent = await api.get(path.replace(str(chat_id), str(missing)), headers=mallory.auth)
        assert mine_not.status_code == absent.status_code == 404
        assert mine_not.json() == absent.json()
    r = await api.post(
        f"/chats/{chat_id}/messages", json={"body": "injected"}, headers=mallory.auth
    )
    assert r.status_code == 404
    r = await api.post(f"/chats/{chat_id}/read", json={"last_read_id": 1}, headers=mallory.auth)
    assert r.status_code == 404
    history = (await api.get(f"/chats/{chat_id}/messages", headers=alice.auth)).json()["items"]
    assert [m["body"] for m in history] == ["my secret address"]


async def test_read_marks_clear_unread_counts_and_tell_the_other_side(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    m1 = await make.message(guest, "one")
    m2 = await make.message(guest, "two")
    chat_id = m1["chat_id"]
    listed = (await api.get("/chats", params={"scope": "waiting"}, headers=admin.auth)).json()
    assert listed["items"][0]["unread_count"] == 2
    await make.open(admin, chat_id)
    guest_ws = await make.socket(guest)

    r = await api.post(
        f"/chats/{chat_id}/read", json={"last_read_id": m1["id"]}, headers=admin.auth
    )
    assert r.status_code == 204
    event = await guest_ws.event("chat.read")
    assert event == {"chat_id": chat_id, "user_id": admin.id, "last_read_id": m1["id"]}
    chat = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert chat["unread_count"] == 1 and chat["admin_last_read_id"] == m1["id"]

    # A mark past the newest message stops at it; a mark never moves back.
    await api.post(f"/chats/{chat_id}/read", json={"last_read_id": 10**12}, headers=admin.auth)
    await api.post(f"/chats/{chat_id}/read", json={"last_read_id": 0}, headers=admin.auth)
    chat = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert chat["unread_count"] == 0 and chat["admin_last_read_id"] == m2["id"]

    reply = await make.reply(admin, chat_id, "hello")
    assert (await api.get("/me/chat", headers=guest.auth)).json()["unread_count"] == 1
    r = await api.post(
        f"/chats/{chat_id}/read", json={"last_read_id": reply["id"]}, headers=guest.auth
    )
    assert r.status_code == 204
    assert (await api.get("/me/chat", headers=guest.auth)).json()["unread_count"] == 0
    assert (
        await api.post(f"/chats/{chat_id}/read", json={}, headers=guest.auth)
    ).status_code == 422


async def test_waiting_chat_is_readable_by_any_admin(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "anyone there?"))["chat_id"]
    r = await api.get(f"/chats/{chat_id}", headers=admin.auth)
    assert r.status_code == 200 and r.json()["last_message"]["body"] == "anyone there?"
    history = (await api.get(f"/chats/{chat_id}/messages", headers=admin.auth)).json()
    assert [m["body"] for m in history["items"]] == ["anyone there?"]
    # ... but nobody may write into it before opening it.
    r = await api.post(f"/chats/{chat_id}/messages", json={"body": "hi"}, headers=admin.auth)
    assert r.status_code == 403
