"""Races that real traffic produces: many first messages at once, two admins taking one chat."""

from __future__ import annotations

import asyncio

import httpx

from tests.factories import Factory


async def test_twenty_concurrent_first_messages_create_exactly_one_chat(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.customer()
    results = await asyncio.gather(
        *(
            api.post("/me/chat/messages", json={"body": f"first {i}"}, headers=guest.auth)
            for i in range(20)
        )
    )
    assert [r.status_code for r in results] == [201] * 20
    assert len({r.json()["chat_id"] for r in results}) == 1
    chat_id = results[0].json()["chat_id"]
    history = (
        await api.get(f"/chats/{chat_id}/messages", params={"limit": 100}, headers=guest.auth)
    ).json()["items"]
    assert sorted(m["body"] for m in history) == sorted(f"first {i}" for i in range(20))
    ids = [m["id"] for m in history]
    assert ids == sorted(ids) and len(set(ids)) == 20


async def test_two_admins_opening_one_chat_at_once_leave_one_owner_both_agree_on(
    api: httpx.AsyncClient, make: Factory
) -> None:
    for _ in range(5):
        a, b = await make.admin(), await make.admin()
        guest = await make.guest()
        chat_id = (await make.message(guest, "who takes me?"))["chat_id"]
        ws_a, ws_b = await make.socket(a), await make.socket(b)
        ra, rb = await asyncio.gather(
            ws_a.call("chat.open", {"chat_id": chat_id}),
            ws_b.call("chat.open", {"chat_id": chat_id}),
        )
        assert "result" in ra and "result" in rb
        final = (await api.get(f"/chats/{chat_id}", headers=guest.auth)).json()["admin"]["id"]
        assert final in (a.id, b.id)
        # Each admin's panel ends on the same owner: the last chat.assigned each one hears.
        for ws in (ws_a, ws_b):
            seen = [await ws.event("chat.assigned") for _ in range(2)]
            assert seen[-1]["chat"]["admin"]["id"] == final
        loser = b if final == a.id else a
        r = await api.post(f"/chats/{chat_id}/messages", json={"body": "x"}, headers=loser.auth)
        assert r.status_code == 403
