"""Sending and reading messages over REST: idempotency, limits, history paging."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.factories import Factory


async def test_same_client_msg_id_returns_the_first_message_and_no_second_row(
    api: httpx.AsyncClient, make: Factory, sql: object
) -> None:
    guest = await make.guest()
    body = {"body": "only once", "client_msg_id": "c-1"}
    first = await api.post("/me/chat/messages", json=body, headers=guest.auth)
    again = await api.post(
        "/me/chat/messages", json={**body, "body": "changed"}, headers=guest.auth
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == first.json()
    via_chat = await api.post(
        f"/chats/{first.json()['chat_id']}/messages", json=body, headers=guest.auth
    )
    assert via_chat.status_code == 200 and via_chat.json()["id"] == first.json()["id"]
    history = (
        await api.get(f"/chats/{first.json()['chat_id']}/messages", headers=guest.auth)
    ).json()
    assert [m["body"] for m in history["items"]] == ["only once"]


async def test_concurrent_retries_of_one_send_store_one_row(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    results = await asyncio.gather(
        *(
            api.post(
                "/me/chat/messages", json={"body": "x", "client_msg_id": "same"}, headers=guest.auth
            )
            for _ in range(5)
        )
    )
    assert sorted(r.status_code for r in results) == [200, 200, 200, 200, 201]
    assert len({r.json()["id"] for r in results}) == 1


async def test_client_msg_id_is_per_sender(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    guest = await make.guest()
    mine = await make.message(guest, "hi", client_msg_id="k")
    await make.open(admin, mine["chat_id"])
    r = await api.post(
        f"/chats/{mine['chat_id']}/messages",
        json={"body": "hello", "client_msg_id": "k"},
        headers=admin.auth,
    )
    assert r.status_code == 201 and r.json()["id"] != mine["id"]


async def test_emoji_cyrillic_and_4000_character_bodies_round_trip(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    texts = ["Привет 👋🏽 — 你好 ✅", "я" * 4000, "🙂" * 4000]
    for text in texts:
        assert (await make.message(guest, text))["body"] == text
    chat_id = (await api.get("/me/chat", headers=guest.auth)).json()["id"]
    history = (await api.get(f"/chats/{chat_id}/messages", headers=guest.auth)).json()
    assert [m["body"] for m in history["items"]] == texts


async def test_bodies_are_trimmed_and_bounded(api: httpx.AsyncClient, make: Factory) -> None:
    guest = await make.guest()
    assert (await make.message(guest, "  padded \n"))["body"] == "padded"
    for bad in ("", "   \n\t ", "x" * 4001):
        r = await api.post("/me/chat/messages", json={"body": bad}, headers=guest.auth)
        assert r.status_code == 422
    r = await api.post(
        "/me/chat/messages", json={"body": "x", "client_msg_id": "c" * 65}, headers=guest.auth
    )
    assert r.status_code == 422
    r = await api.post("/me/chat/messages", json={"body": "x", "sender_id": 1}, headers=guest.auth)
    assert r.status_code == 422
    r = await api.post(
        "/me/chat/messages",
        content=b"{not json",
        headers={**guest.auth, "content-type": "application/json"},
    )
    assert r.status_code == 422


async def test_message_text_is_stored_as_plain_text(api: httpx.AsyncClient, make: Factory) -> None:
    guest = await make.guest()
    payload = "<script>alert(1)</script> ' OR 1=1; DROP TABLE messages; --"
    assert (await make.message(guest, payload))["body"] == payload


async def test_history_pages_back_without_gaps_or_repeats(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    sent = [(await make.message(guest, f"m{i}"))["id"] for i in range(12)]
    chat_id = (await api.get("/me/chat", headers=guest.auth)).json()["id"]
    url = f"/chats/{chat_id}/messages"

    latest = (await api.get(url, params={"limit": 5}, headers=guest.auth)).json()
    assert [m["id"] for m in latest["items"]] == sent[-5:] and latest["has_more"] is True
    seen = [m["id"] for m in latest["items"]]
    before = seen[0]
    while True:
        page = (
            await api.get(url, params={"limit": 5, "before": before}, headers=guest.auth)
        ).json()
        seen = [m["id"] for m in page["items"]] + seen
        if not page["has_more"]:
            break
        before = page["items"][0]["id"]
    assert seen == sent

    after = (await api.get(url, params={"after": sent[3], "limit": 4}, headers=guest.auth)).json()
    assert [m["id"] for m in after["items"]] == sent[4:8] and after["has_more"] is True
    window = (
        await api.get(url, params={"after": sent[3], "before": sent[6]}, headers=guest.auth)
    ).json()
    assert [m["id"] for m in window["items"]] == sent[4:6] and window["has_more"] is False
    for bad in ({"limit": 0}, {"limit": 101}, {"before": -1}, {"after": "x"}):
        assert (await api.get(url, params=bad, headers=guest.auth)).status_code == 422


async def test_sending_too_fast_is_refused_with_retry_after(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    statuses = []
    for i in range(21):
        r = await api.post("/me/chat/messages", json={"body": f"spam {i}"}, headers=guest.auth)
        statuses.append(r.status_code)
    assert statuses[:20] == [201] * 20 and statuses[20] == 429
    assert int(r.headers["Retry-After"]) >= 1
    assert "too fast" in r.json()["detail"]


async def test_client_msg_ids_differing_only_in_trailing_space_are_different_sends(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    a = await api.post(
        "/me/chat/messages", json={"body": "one", "client_msg_id": "k"}, headers=guest.auth
    )
    b = await api.post(
        "/me/chat/messages", json={"body": "two", "client_msg_id": "k "}, headers=guest.auth
    )
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"] and b.json()["client_msg_id"] == "k "


async def test_a_full_page_of_the_longest_bodies_arrives_whole(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    """100 messages of 4,000 emoji: ~1.6 MB of JSON in one answer, each row built by MariaDB
    (JSON_OBJECT) and none of them cut short."""
    guest = await make.guest()
    chat_id = (await make.message(guest, "start"))["chat_id"]
    body = "😀" * 4000
    with sql.cursor() as cur:
        cur.executemany(
            "INSERT INTO messages (chat_id, sender_id, body, created_at) "
            "VALUES (%s, %s, %s, UTC_TIMESTAMP(6))",
            [(chat_id, guest.id, body)] * 100,
        )
    r = await api.get(f"/chats/{chat_id}/messages", params={"limit": 100}, headers=guest.auth)
    assert r.status_code == 200, r.text[:300]
    page = r.json()
    assert len(page["items"]) == 100 and page["has_more"] is True
    assert all(m["body"] == body for m in page["items"])
