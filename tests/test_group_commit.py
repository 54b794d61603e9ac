"""Sends that arrive together share one transaction (group commit); each still gets its own
answer, is stored once, counted once and delivered once."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import httpx

from tests.factories import Actor, Factory


async def _history(api: httpx.AsyncClient, who: Actor, chat_id: int) -> list[dict[str, Any]]:
    r = await api.get(f"/chats/{chat_id}/messages", params={"limit": 100}, headers=who.auth)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_a_burst_from_many_sockets_is_acknowledged_stored_counted_and_delivered_once(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    customers = [await make.guest(f"visitor {i}") for i in range(15)]
    chat_ids = [(await make.message(c, "hello"))["chat_id"] for c in customers]
    for chat_id in chat_ids:
        await make.open(admin, chat_id)
    panel = await make.socket(admin)
    sockets = [await make.socket(c) for c in customers]

    async def burst(ws: Any, n: int) -> list[dict[str, Any]]:
        replies = []
        for k in range(6):
            reply = await ws.call(
                "message.send", {"body": f"{n}/{k}", "client_msg_id": f"c{n}-{k}"}
            )
            assert "result" in reply, reply
            replies.append(reply["result"]["message"])
        return replies

    sent = await asyncio.gather(*(burst(ws, n) for n, ws in enumerate(sockets)))

    delivered = [await panel.event("message.new") for _ in range(15 * 6)]
    await panel.no_event("message.new", within=0.3)
    by_id = {m["message"]["id"]: m["message"] for m in delivered}
    acked = [m for replies in sent for m in replies]
    assert len(by_id) == len(acked) == 90
    for message in acked:
        assert by_id[message["id"]] == message
    for n, (customer, chat_id) in enumerate(zip(customers, chat_ids, strict=True)):
        history = await _history(api, customer, chat_id)
        assert [m["body"] for m in history] == ["hello"] + [f"{n}/{k}" for k in range(6)]
        assert [m["id"] for m in history] == sorted(m["id"] for m in history)
    page = (await api.get("/chats", params={"scope": "mine"}, headers=admin.auth)).json()
    assert {c["id"]: c["unread_count"] for c in page["items"]} == {c: 7 for c in chat_ids}
    assert {c["last_message"]["body"] for c in page["items"]} == {f"{n}/5" for n in range(15)}


async def test_sends_arriving_together_each_get_their_own_answer(
    api: httpx.AsyncClient, make: Factory
) -> None:
    """A retry, a send by an admin who does not own the chat, a send into a missing chat and a
    visitor's very first message, all at once beside ordinary sends: one bad send fails alone,
    and a retry answers with the first message instead of failing its neighbours."""
    owner, other = await make.admin(), await make.admin()
    regular = await make.guest()
    first = await make.message(regular, "first", client_msg_id="retry-me")
    chat_id = first["chat_id"]
    await make.open(owner, chat_id)
    newcomer = await make.guest()
    others = [await make.guest() for _ in range(5)]
    for guest in others:
        await make.message(guest, "earlier")

    def post(who: Actor, path: str, body: dict[str, Any]) -> Any:
        return api.post(path, json=body, headers=who.auth)

    calls = [
        post(regular, "/me/chat/messages", {"body": "again", "client_msg_id": "retry-me"}),
        post(other, f"/chats/{chat_id}/messages", {"body": "not mine"}),
        post(owner, f"/chats/{chat_id + 10_000}/messages", {"body": "nowhere"}),
        post(newcomer, "/me/chat/messages", {"body": "hi, first time here"}),
        post(owner, f"/chats/{chat_id}/messages", {"body": "owner's reply"}),
        *(post(g, "/me/chat/messages", {"body": f"more {i}"}) for i, g in enumerate(others)),
    ]
    results = await asyncio.gather(*calls)
    statuses = [r.status_code for r in results]
    assert statuses == [200, 403, 404, 201, 201] + [201] * 5, [r.text for r in results]
    assert results[0].json() == first
    assert results[3].json()["chat_id"] not in (chat_id, None)
    history = await _history(api, regular, chat_id)
    assert [m["body"] for m in history] == ["first", "owner's reply"]
    for i, guest in enumerate(others):
        mine = (await api.get("/me/chat", headers=guest.auth)).json()
        assert mine["last_message"]["body"] == f"more {i}"
        assert [m["body"] for m in await _history(api, guest, mine["id"])] == [
            "earlier",
            f"more {i}",
        ]


async def test_a_batch_that_fails_acknowledges_none_of_its_sends(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    """The database refuses every message row (a trigger stands in for a full disk): every send
    in the burst gets an error, none gets an id, and no row appears."""
    guests = [await make.guest() for _ in range(8)]
    chat_ids = [(await make.message(g, "before"))["chat_id"] for g in guests]
    with sql.cursor() as cur:
        cur.execute(
            "CREATE TRIGGER test_refuse_messages BEFORE INSERT ON messages FOR EACH ROW "
            "SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1021, MESSAGE_TEXT = 'Disk full'"
        )
    try:
        results = await asyncio.gather(
            *(api.post("/me/chat/messages", json={"body": "lost?"}, headers=g.auth) for g in guests)
        )
    finally:
        with sql.cursor() as cur:
            cur.execute("DROP TRIGGER test_refuse_messages")
    assert [r.status_code for r in results] == [503] * len(guests)
    assert all("id" not in r.json() and r.json()["detail"] for r in results)
    for guest, chat_id in zip(guests, chat_ids, strict=True):
        assert [m["body"] for m in await _history(api, guest, chat_id)] == ["before"]


async def test_every_send_of_many_small_bursts_is_answered(
    api: httpx.AsyncClient, make: Factory
) -> None:
    """Bursts of one to four sends, one after another: each burst finds the writer idle or
    finishing its batches, and every send is still answered without waiting for the next."""
    guests = [await make.guest() for _ in range(12)]
    for guest in guests:
        await make.message(guest, "hello")
    sockets = [await make.socket(g) for g in guests]
    # 60 bursts of 1 to 4 sends, taking the visitors in turn so that none of them passes the
    # per-visitor send limit (20 in 10 s).
    turn = itertools.count()
    for burst in range(60):
        senders = [sockets[next(turn) % len(sockets)] for _ in range(1 + burst % 4)]
        replies = await asyncio.gather(
            *(ws.call("message.send", {"body": f"burst {burst}"}, timeout=3) for ws in senders)
        )
        assert all("result" in r for r in replies), replies
