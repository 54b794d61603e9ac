"""The chat list and history pages answer the same whichever path serves them.

The server answers well-formed reads of these two routes ahead of its FastAPI stack
(app/routes/hot_reads.py) and hands everything else to that stack. A request carrying an
`Origin` always goes the full way, so asking each question with and without one compares the
two paths from the outside: same status, same bytes, same headers but CORS's own.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.factories import Actor, Factory

# Allowed by the suite's server (tests/servers.py), so the full path adds its CORS headers.
ORIGIN = "http://shop.example"
CORS_HEADERS = {"access-control-allow-origin", "access-control-expose-headers", "vary"}
# Set per response by the server, not by the app.
VOLATILE = {"date"}


def _comparable(headers: httpx.Headers) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k not in CORS_HEADERS | VOLATILE}


async def _same_both_ways(
    api: httpx.AsyncClient, path: str, actor: Actor | None, **params: Any
) -> httpx.Response:
    headers = actor.auth if actor else {}
    fast = await api.get(path, params=params, headers=headers)
    full = await api.get(path, params=params, headers={**headers, "Origin": ORIGIN})
    assert full.headers["access-control-allow-origin"] == ORIGIN, "not the full path"
    assert (fast.status_code, fast.content) == (full.status_code, full.content), (path, params)
    assert _comparable(fast.headers) == _comparable(full.headers), (path, params)
    return fast


async def test_history_pages_and_their_errors_are_the_same_on_both_paths(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, other_admin = await make.admin(), await make.admin()
    customer, stranger = await make.guest(), await make.guest()
    sent = [await make.message(customer, f"message {n}") for n in range(7)]
    chat_id = sent[0]["chat_id"]
    await make.message(stranger, "not yours")
    path = f"/chats/{chat_id}/messages"
    ids = [m["id"] for m in sent]

    page = await _same_both_ways(api, path, admin, limit=3)
    assert [m["id"] for m in page.json()["items"]] == ids[-3:]
    assert page.json()["has_more"] is True
    older = await _same_both_ways(api, path, admin, limit=3, before=ids[-3])
    assert [m["id"] for m in older.json()["items"]] == ids[1:4]
    newer = await _same_both_ways(api, path, customer, after=ids[1])
    assert [m["id"] for m in newer.json()["items"]] == ids[2:]
    between = await _same_both_ways(api, path, customer, after=ids[0], before=ids[3])
    assert [m["id"] for m in between.json()["items"]] == ids[1:3]
    empty = await _same_both_ways(api, path, customer, before=ids[0])
    assert empty.json() == {"items": [], "has_more": False}

    await make.open(other_admin, chat_id)
    for actor, params, status in (
        (admin, {}, 403),  # another admin's chat
        (stranger, {}, 404),  # a customer cannot tell others' chats from missing ones
        (stranger, {"before": ids[0]}, 404),  # nor by an empty page
        (None, {}, 401),
        (customer, {"limit": 0}, 422),
        (customer, {"limit": 101}, 422),
        (customer, {"limit": "ten"}, 422),
        (customer, {"before": -1}, 422),
        (customer, {"after": ""}, 422),
        (customer, {"before": 2**63}, 422),
    ):
        r = await _same_both_ways(api, path, actor, **params)
        assert r.status_code == status, (params, r.text)
    for bad_path in ("/chats/0/messages", f"/chats/{2**63}/messages", "/chats/x/messages"):
        assert (await _same_both_ways(api, bad_path, customer)).status_code == 422
    missing = await _same_both_ways(api, f"/chats/{chat_id + 1000}/messages", other_admin)
    assert missing.status_code == 404


async def test_chat_list_pages_and_their_errors_are_the_same_on_both_paths(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    customers = [await make.guest() for _ in range(4)]
    chat_ids = [(await make.message(c, "hello"))["chat_id"] for c in customers]
    await make.open(admin, chat_ids[0])

    everything = await _same_both_ways(api, "/chats", admin)
    assert [c["id"] for c in everything.json()["items"]] == chat_ids[::-1]
    first = await _same_both_ways(api, "/chats", admin, scope="waiting", limit=2)
    assert [c["id"] for c in first.json()["items"]] == chat_ids[:0:-1][:2]
    cursor = first.json()["next_before"]
    rest = await _same_both_ways(api, "/chats", admin, scope="waiting", limit=2, before=cursor)
    assert [c["id"] for c in rest.json()["items"]] == [chat_ids[1]]
    mine = await _same_both_ways(api, "/chats", admin, scope="mine", before="")
    assert [c["id"] for c in mine.json()["items"]] == [chat_ids[0]]

    for actor, params, status in (
        (customers[0], {}, 403),
        (None, {}, 401),
        (admin, {"scope": "theirs"}, 422),
        (admin, {"limit": 0}, 422),
        (admin, {"before": "12a"}, 422),
        (admin, {"before": "1" * 20}, 422),
    ):
        r = await _same_both_ways(api, "/chats", actor, **params)
        assert r.status_code == status, (params, r.text)
    bad_token = httpx.Headers({"Authorization": "Bearer not-a-token"})
    fast = await api.get("/chats", headers=bad_token)
    full = await api.get("/chats", headers={**bad_token, "Origin": ORIGIN})
    assert fast.status_code == full.status_code == 401
    assert fast.content == full.content
