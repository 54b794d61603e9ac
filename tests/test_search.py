"""Search: admins find messages by their words, newest first, in the chats they may read."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from app.repositories import search

from tests.factories import Actor, Factory


async def _search(api: httpx.AsyncClient, admin: Actor, q: str, **params: Any) -> dict[str, Any]:
    r = await api.get("/search", params={"q": q, **params}, headers=admin.auth)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _bodies(api: httpx.AsyncClient, admin: Actor, q: str) -> list[str]:
    return [hit["message"]["body"] for hit in (await _search(api, admin, q))["items"]]


async def _chat_with(make: Factory, *bodies: str) -> int:
    customer = await make.guest()
    chat_id = 0
    for body in bodies:
        chat_id = (await make.message(customer, body))["chat_id"]
    return chat_id


async def test_words_match_as_prefixes_case_insensitively_newest_first(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    chat_id = await _chat_with(
        make, "Where is my ORDER?", "The refund for order 1042", "Thanks, bye", "Ordering again"
    )
    page = await _search(api, admin, "order")
    assert [h["message"]["body"] for h in page["items"]] == [
        "Ordering again",
        "The refund for order 1042",
        "Where is my ORDER?",
    ]
    assert all(h["chat_id"] == chat_id == h["message"]["chat_id"] for h in page["items"])
    hit = page["items"][0]["message"]
    assert (
        hit["kind"] == "text" and hit["attachments"] == [] and hit["sender"]["role"] == "customer"
    )
    assert page["next_before"] is None
    assert await _bodies(api, admin, "REFUND") == ["The refund for order 1042"]
    assert await _bodies(api, admin, "104") == ["The refund for order 1042"]


async def test_every_word_must_match_and_short_words_are_ignored(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    await _chat_with(make, "my parcel is late", "a late reply", "parcel arrived")
    assert await _bodies(api, admin, "parcel late") == ["my parcel is late"]
    assert await _bodies(api, admin, "is my late parcel ok") == ["my parcel is late"]
    assert await _bodies(api, admin, "parcel missing") == []


async def test_cyrillic_words_match_as_prefixes_in_any_case(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    await _chat_with(make, "Где мой заказ?", "Заказа нет уже неделю", "Спасибо")
    assert await _bodies(api, admin, "заказ") == ["Заказа нет уже неделю", "Где мой заказ?"]
    assert await _bodies(api, admin, "ЗАКАЗ неделю") == ["Заказа нет уже неделю"]
    assert await _bodies(api, admin, "спас") == ["Спасибо"]


async def test_common_english_words_are_searchable(api: httpx.AsyncClient, make: Factory) -> None:
    """InnoDB's stopword list would drop "about", "the", "what" and "with": it is off."""
    admin = await make.admin()
    await _chat_with(make, "A question about the delivery", "What is up with it")
    assert await _bodies(api, admin, "about") == ["A question about the delivery"]
    assert await _bodies(api, admin, "the") == ["A question about the delivery"]
    assert await _bodies(api, admin, "what with") == ["What is up with it"]


async def test_operators_typed_by_the_user_are_only_separators(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    await _chat_with(make, "refund policy", "refund only", 'say "hello" (world)')
    assert await _bodies(api, admin, "refund -policy") == ["refund policy"]
    assert await _bodies(api, admin, "+refund* ~only") == ["refund only"]
    assert await _bodies(api, admin, '"hello" (world) <> @3') == ['say "hello" (world)']
    assert await _bodies(api, admin, "refund*policy") == ["refund policy"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "ab"},
        {"q": "a b cd"},
        {"q": '+-*~"()<>@'},
        {"q": "   "},
        {"q": "x" * 201},
        {"q": "order", "limit": 0},
        {"q": "order", "limit": 51},
        {"q": "order", "before": 0},
        {"q": "order", "before": "abc"},
        {},
    ],
)
async def test_bad_searches_are_422(
    api: httpx.AsyncClient, make: Factory, params: dict[str, Any]
) -> None:
    admin = await make.admin()
    r = await api.get("/search", params=params, headers=admin.auth)
    assert r.status_code == 422, r.text


async def test_a_word_longer_than_the_index_keeps_matches_by_its_first_84_letters(
    api: httpx.AsyncClient, make: Factory
) -> None:
    """InnoDB indexes words of up to 84 characters; a longer query word is not dropped (which
    would widen the search) but cut to that length."""
    admin = await make.admin()
    word = "a" * 84
    await _chat_with(make, f"code {word}", "code only")
    assert await _bodies(api, admin, "code " + word + "bbb") == [f"code {word}"]
    assert await _bodies(api, admin, word) == [f"code {word}"]


async def test_pages_follow_by_before_with_no_gaps(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    customer = await make.guest()
    ids = [(await make.message(customer, f"invoice number {n}"))["id"] for n in range(7)]
    seen: list[int] = []
    before = None
    for _ in range(3):
        params: dict[str, Any] = {"limit": 3}
        if before is not None:
            params["before"] = before
        page = await _search(api, admin, "invoice", **params)
        seen += [h["message"]["id"] for h in page["items"]]
        before = page["next_before"]
        if before is None:
            break
        assert before == seen[-1]
    assert seen == ids[::-1] and before is None
    assert len((await _search(api, admin, "invoice"))["items"]) == 7
    assert len((await _search(api, admin, "invoice", limit=50))["items"]) == 7


async def test_only_chats_the_admin_may_read_are_searched(
    api: httpx.AsyncClient, make: Factory
) -> None:
    ann, bob = await make.admin(), await make.admin()
    waiting = await _chat_with(make, "kiwi waiting")
    anns = await _chat_with(make, "kiwi for ann")
    await make.open(ann, anns)
    resolved = await _chat_with(make, "kiwi resolved by ann")
    await make.open(ann, resolved)
    r = await api.post(f"/chats/{resolved}/resolve", headers=ann.auth)
    assert r.status_code == 200 and r.json()["status"] == "resolved"
    assert {h["chat_id"] for h in (await _search(api, ann, "kiwi"))["items"]} == {
        waiting,
        anns,
        resolved,
    }
    assert {h["chat_id"] for h in (await _search(api, bob, "kiwi"))["items"]} == {waiting}


async def test_admins_find_notes(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    chat_id = await _chat_with(make, "my toaster broke")
    await make.open(admin, chat_id)
    r = await api.post(
        f"/chats/{chat_id}/notes", json={"body": "toaster warranty expired"}, headers=admin.auth
    )
    assert r.status_code == 201, r.text
    page = await _search(api, admin, "toaster")
    assert [(h["message"]["body"], h["message"]["kind"]) for h in page["items"]] == [
        ("toaster warranty expired", "note"),
        ("my toaster broke", "text"),
    ]


async def test_customers_get_403(api: httpx.AsyncClient, make: Factory) -> None:
    customer = await make.guest()
    await make.message(customer, "searchable words")
    r = await api.get("/search", params={"q": "searchable"}, headers=customer.auth)
    assert r.status_code == 403
    assert (await api.get("/search", params={"q": "searchable"})).status_code == 401


async def test_results_span_every_block_table_newest_first(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    """Messages far apart in id live in different block tables (and, past the ring, in the same
    table as an older block); a search walks the blocks newest first and pages on across them."""
    admin = await make.admin()
    customer = await make.guest()
    chat_id = (await make.message(customer, "quince first"))["chat_id"]
    block, tables = search.BLOCK, search.TABLES
    with sql.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) AS id FROM messages")
        base = (cur.fetchone()["id"] // block + 1) * block
        # Blocks base/BLOCK + 0, 1, 3, TABLES + 1 (the same table as +1) and TABLES + 2.
        ids = [
            base + 5,
            base + block + 7,
            base + 3 * block,
            base + (tables + 1) * block + 1,
            base + (tables + 2) * block + 2,
        ]
        now = datetime.now(UTC).replace(tzinfo=None)
        cur.executemany(
            "INSERT INTO messages (id, chat_id, sender_id, body, created_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(i, chat_id, customer.id, f"quince {i}", now) for i in ids],
        )
    expected = ids[::-1]
    page = await _search(api, admin, "quince", limit=2)
    got = [h["message"]["id"] for h in page["items"]]
    while page["next_before"] is not None:
        page = await _search(api, admin, "quince", limit=2, before=page["next_before"])
        got += [h["message"]["id"] for h in page["items"]]
    assert got[:5] == expected and len(got) == 6
    assert [
        h["message"]["id"] for h in (await _search(api, admin, "quince", before=ids[2]))["items"]
    ] == [
        ids[1],
        ids[0],
        got[5],
    ]


async def test_a_group_of_blocks_that_runs_out_of_time_is_read_block_by_block(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    """A group of blocks is one statement under a time limit; when it overruns (here: one of
    its tables is locked for longer than the limit), its blocks are read one at a time and the
    page holds the same messages."""
    admin = await make.admin()
    customer = await make.guest()
    chat_id = (await make.message(customer, "medlar first"))["chat_id"]
    block = search.BLOCK
    with sql.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) AS id FROM messages")
        base = (cur.fetchone()["id"] // block + 1) * block
        # The newest block is read alone; the other two in the group below it.
        ids = [base + 2 * block + 1, base + block + 3, base + 9]
        now = datetime.now(UTC).replace(tzinfo=None)
        cur.executemany(
            "INSERT INTO messages (id, chat_id, sender_id, body, created_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(i, chat_id, customer.id, f"medlar {i}", now) for i in ids],
        )
    expected = [h["message"]["id"] for h in (await _search(api, admin, "medlar"))["items"]]
    assert expected[:3] == ids
    table = int(ids[1] // block) % search.TABLES
    locked = f"message_search_{table:03d}"
    with sql.cursor() as cur:
        cur.execute(f"LOCK TABLES {locked} WRITE")  # the name is built from constants above
    try:
        pending = asyncio.create_task(_search(api, admin, "medlar"))
        await asyncio.sleep(0.5)  # a hundred times the group's time limit
        assert not pending.done()  # the block-by-block read waits for the table
    finally:
        with sql.cursor() as cur:
            cur.execute("UNLOCK TABLES")
    page = await pending
    assert [h["message"]["id"] for h in page["items"]] == expected
