"""Retention: with RETENTION_DAYS set, resolved chats whose resolution is older than that many
days are deleted with everything that hangs off them (messages and their search rows, notes,
events, ratings, email marks, outbox rows), in small batches. The customer's account and visitor
data stay (a returning visitor starts a new chat). Every process runs the daily sweep; a named
lock lets one sweep at a time, and the batches skip chats another transaction holds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from app.db import Database, transaction
from app.repositories import purge
from app.services.auth import utcnow
from app.services.customer_data import delete_chats

log = logging.getLogger(__name__)

LOCK_NAME = "parley.retention"
BATCH = 50
DAY = 24 * 3600.0


async def sweep(db: Database, *, days: int, now: datetime, batch: int = BATCH) -> int:
    """Delete resolved chats resolved before `now - days`; returns how many. A no-op while
    another process sweeps."""
    cutoff = now - timedelta(days=days)
    deleted = 0
    async with db.acquire() as conn:
        if not await purge.try_lock(conn, name=LOCK_NAME):
            return 0
        try:
            while True:
                async with transaction(conn):
                    ids = await purge.claim_expired(conn, cutoff=cutoff, limit=batch)
                    await delete_chats(conn, ids)
                deleted += len(ids)
                if len(ids) < batch:
                    break
        finally:
            await purge.unlock(conn, name=LOCK_NAME)
    if deleted:
        log.info("retention: %s resolved chats older than %s days deleted", deleted, days)
    return deleted


async def _daily(db: Database, days: int, first_delay: float) -> None:
    await asyncio.sleep(first_delay)
    while True:
        try:
            await sweep(db, days=days, now=utcnow())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("retention sweep failed; the next one comes in a day")
        await asyncio.sleep(DAY)


class Retention:
    """The daily sweep of one process (nothing when RETENTION_DAYS is unset)."""

    def __init__(self, db: Database, days: int | None, first_delay: float = 60.0) -> None:
        self.db = db
        self.days = days
        self.first_delay = first_delay
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.days:
            log.info("retention: resolved chats are deleted %s days after resolution", self.days)
            self._task = asyncio.create_task(_daily(self.db, self.days, self.first_delay))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
