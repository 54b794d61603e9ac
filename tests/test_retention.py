"""Retention: with RETENTION_DAYS, resolved chats are deleted that many days after their
resolution, in small batches, safely from many processes at once; active chats and the
customers themselves stay. The clock is a parameter."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pymysql
import pytest
from app.config import Settings
from app.db import Database
from app.services.retention import sweep

from tests.factories import Actor, Factory
from tests.servers import Server
from tests.test_reports import _buckets


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(Settings(database_url=database_url))
    await database.open()
    yield database
    await database.close()


async def _chat(make: Factory, admin: Actor, *, resolve: bool) -> tuple[Actor, int]:
    guest = await make.guest()
    chat_id = (await make.message(guest, "hello there"))["chat_id"]
    await make.open(admin, chat_id)
    await make.reply(admin, chat_id, "hi")
    if resolve:
        await make.resolve(admin, chat_id)
    return guest, chat_id


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


async def test_resolved_chats_go_after_the_retention_period_in_batches(
    make: Factory,
    api: httpx.AsyncClient,
    db: Database,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    admin = await make.admin()
    resolved = [await _chat(make, admin, resolve=True) for _ in range(3)]
    active_guest, active_chat = await _chat(make, admin, resolve=False)
    # 29 days on, nothing is old enough.
    assert await sweep(db, days=30, now=_now() + timedelta(days=29)) == 0
    # 31 days on, every resolved chat goes, one per batch; the active one stays.
    assert await sweep(db, days=30, now=_now() + timedelta(days=31), batch=1) == 3
    for guest, chat_id in resolved:
        assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).status_code == 404
        # The customer stays, and a new message starts a new chat.
        assert (await api.get("/me/chat", headers=guest.auth)).status_code == 404
        fresh = await make.message(guest, "back again")
        assert fresh["chat_id"] != chat_id
    assert (await api.get(f"/chats/{active_chat}", headers=admin.auth)).status_code == 200
    with sql.cursor() as cur:
        ids = [chat_id for _, chat_id in resolved]
        cur.execute(
            "SELECT COUNT(*) AS n FROM chat_events WHERE chat_id IN (%s, %s, %s)", tuple(ids)
        )
        assert cur.fetchone()["n"] == 0
    stored, recount = _buckets(sql)
    assert stored == recount


async def test_many_sweepers_at_once_delete_each_chat_once(
    make: Factory, db: Database, database_url: str
) -> None:
    admin = await make.admin()
    for _ in range(6):
        await _chat(make, admin, resolve=True)
    others = [Database(Settings(database_url=database_url)) for _ in range(2)]
    for other in others:
        await other.open()
    try:
        later = _now() + timedelta(days=2)
        counts = await asyncio.gather(
            sweep(db, days=1, now=later, batch=2),
            *(sweep(o, days=1, now=later, batch=2) for o in others),
        )
    finally:
        for other in others:
            await other.close()
    assert sum(counts) == 6
    assert await sweep(db, days=1, now=later) == 0


@pytest.mark.slow
async def test_a_server_with_retention_days_sweeps_on_its_own(
    make: Factory,
    database_url: str,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    admin = await make.admin()
    _, old_chat = await _chat(make, admin, resolve=True)
    _, new_chat = await _chat(make, admin, resolve=True)
    with sql.cursor() as cur:
        cur.execute(
            "UPDATE chats SET resolved_at = %s WHERE id = %s",
            (_now() - timedelta(days=3), old_chat),
        )
    srv = Server(database_url, RETENTION_DAYS="2", RETENTION_FIRST_DELAY_SECONDS="0").start()
    try:
        for _ in range(50):
            with sql.cursor() as cur:
                cur.execute("SELECT id FROM chats WHERE id IN (%s, %s)", (old_chat, new_chat))
                left = {r["id"] for r in cur.fetchall()}
            if left == {new_chat}:
                break
            await asyncio.sleep(0.1)
        assert left == {new_chat}
    finally:
        srv.stop()
