"""The outbox workers of one process: claim due rows, do their network call outside any
transaction, settle each with an update fenced on its claim token.

    claim   BEGIN; SELECT due rows FOR UPDATE SKIP LOCKED; read them, a message.created
            delivery claimed for the first time with its message and chat, rendered into its
            body here (services.outbox_events); lease them (token, attempts+1, due again when
            the lease runs out) and store those bodies, in one UPDATE; COMMIT
    attempt the HTTP POST or the SMTP session, with no transaction open
    settle  UPDATE ... WHERE id = %s AND claim_token = %s: 0 rows means the lease was lost
            (another worker has the row now), and this attempt's result is dropped

A process killed anywhere in between leaves a leased row, due again when its lease ends. Workers
of every process share the table; with Redis a publish wakes the idle ones at once, without it
they look every OUTBOX_POLL_SECONDS. Handlers are by kind: webhooks here, email in
services.outbox_mail.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from app import errors, failpoints
from app.config import Settings
from app.db import Database, Row, transaction
from app.realtime.hub import Hub
from app.repositories import outbox
from app.services import outbox_events, outbox_mail
from app.services.auth import utcnow
from app.services.outbox_outcomes import Outcome, delivered, failed, skipped
from app.services.webhook_sender import WebhookSender

log = logging.getLogger(__name__)

CLAIM_BATCH = 64
# At most as many attempts in flight as one host's connection pool holds (webhook_sender), so
# that none waits in a pool's queue while holding a lease.
MAX_IN_FLIGHT = 64
# Claim again only once this many slots are free: one claim transaction per finished attempt
# cost more than the attempts.
CLAIM_AT_LEAST = 16
# While the send path is saturated (`yield_to`, the message writer's `busy`) the workers take a
# trickle, BUSY_CLAIM rows every BUSY_PAUSE_SECONDS, and leave the rest for when it is not: an
# attempt costs this process about as much CPU as a send, and a chat's message waits on it where
# a webhook's lag does not. The trickle keeps rows moving under a load that never lets up.
BUSY_CLAIM = 16
BUSY_PAUSE_SECONDS = 0.25
PRUNE_EVERY_SECONDS = 60.0
PRUNE_BATCH = 500
DEAD_RETENTION_DAYS = 30.0
WAKE_CHANNEL = "parley:outbox"


class Outbox:
    """Owns this process's claim loop, its attempts in flight, the batched settle and the prune."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        hub: Hub,
        yield_to: Callable[[], bool] = lambda: False,
    ) -> None:
        self.settings = settings
        self.db = db
        self.hub = hub
        self._yield_to = yield_to
        self.sender = WebhookSender(settings.webhook_allowed_networks)
        self._wake = asyncio.Event()
        self._settle_wake = asyncio.Event()
        self._to_settle: list[Outcome] = []
        self._inflight: set[asyncio.Task[None]] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self._redis: Any = None
        self._stopping = False
        self._aux: set[asyncio.Task[None]] = set()

    # -- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        if not self.settings.mail_enabled:
            log.warning(
                "email is off: set SMTP_URL, MAIL_FROM and PUBLIC_URL to send replies by "
                "email, team mail and transcripts"
            )
        else:
            log.info(
                "email goes out through %s as %s", self.settings.smtp.host, self.settings.mail_from
            )
        loops = [self._claim_loop(), self._settle_loop(), self._prune_loop()]
        if self.settings.redis_url:
            from redis.asyncio import Redis

            self._redis = Redis.from_url(
                self.settings.redis_url, socket_timeout=2, socket_connect_timeout=2
            )
            loops.append(self._listen_loop())
        self._tasks = [asyncio.create_task(loop) for loop in loops]

    async def stop(self, grace: float = 5.0) -> None:
        """Stop claiming, give attempts in flight a moment and settle what they finished; a
        row still out is due again when its lease ends."""
        self._stopping = True
        claim = self._tasks[0] if self._tasks else None
        if claim is not None:
            claim.cancel()
        if self._inflight:
            await asyncio.wait(list(self._inflight), timeout=grace)
        for task in list(self._inflight):
            task.cancel()
        with contextlib.suppress(Exception):
            await self._settle_now()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.sender.close()
        if self._redis is not None:
            with contextlib.suppress(Exception):
                await self._redis.aclose()

    def wake(self) -> None:
        """New rows committed here: look now, and tell the other processes."""
        self._wake.set()
        if self._redis is not None:
            task = asyncio.get_running_loop().create_task(self._publish_wake())
            self._aux.add(task)
            task.add_done_callback(self._aux.discard)

    async def _publish_wake(self) -> None:
        with contextlib.suppress(Exception):
            await self._redis.publish(WAKE_CHANNEL, b"1")

    async def _listen_loop(self) -> None:
        """Redis is a hint only: when it is down, the poll still finds every row."""
        while True:
            try:
                pubsub = self._redis.pubsub()
                await pubsub.subscribe(WAKE_CHANNEL)
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        self._wake.set()
            except asyncio.CancelledError:
                raise
            except Exception:
                await asyncio.sleep(1.0)

    # -- claiming -------------------------------------------------------------------------

    async def _claim(self, limit: int) -> list[Row]:
        token = secrets.token_hex(16)
        now = utcnow()
        lease = now + timedelta(seconds=self.settings.outbox_lease_seconds)
        for _ in range(3):
            try:
                async with self.db.acquire() as conn:
                    # Read outside the transaction: nothing due costs one statement.
                    due = await outbox.due_ids(conn, now=now, limit=limit)
                    if not due:
                        return []
                    async with transaction(conn):
                        ids = await outbox.lock_due(conn, ids=due, now=now)
                        if not ids:
                            return []
                        rows = await outbox.read_claimed(conn, ids)
                        rows, gone, bodies = outbox_events.render_claimed(rows)
                        await outbox.lease(
                            conn, ids=ids, token=token, lease_until=lease, bodies=bodies
                        )
            except errors.Deadlock:
                continue
            for row in rows + gone:
                row["attempts"] += 1
                row["claim_token"] = token
            if gone:
                why = "the message no longer exists"
                self._to_settle += [skipped(r, utcnow(), why) for r in gone]
                self._settle_wake.set()
            return rows
        return []

    async def _claim_loop(self) -> None:
        poll = self.settings.outbox_poll_seconds
        while not self._stopping:
            self._wake.clear()
            free = MAX_IN_FLIGHT - len(self._inflight)
            busy = self._yield_to()
            limit = min(free, BUSY_CLAIM if busy else CLAIM_BATCH)
            rows: list[Row] = []
            if free >= CLAIM_AT_LEAST or not self._inflight:
                try:
                    rows = await self._claim(limit)
                except errors.DatabaseUnavailable:
                    await asyncio.sleep(poll)
                    continue
                except Exception:
                    log.exception("outbox claim failed")
                    await asyncio.sleep(poll)
                    continue
            if rows:
                failpoints.crash_if("outbox-after-claim")
            for row in rows:
                task = asyncio.create_task(self._attempt(row))
                self._inflight.add(task)
                task.add_done_callback(self._done)
            if rows and busy:
                await asyncio.sleep(BUSY_PAUSE_SECONDS)
                continue
            if rows and len(rows) == limit:
                continue  # a full batch: more may be due right now
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(poll):
                    await self._wake.wait()

    def _done(self, task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        if MAX_IN_FLIGHT - len(self._inflight) == CLAIM_AT_LEAST:
            self._wake.set()

    # -- attempts -------------------------------------------------------------------------

    async def _attempt(self, row: Row) -> None:
        try:
            if row["kind"] == "webhook":
                outcome = await self._webhook(row)
            else:
                # Email settles in a transaction of its own: it moves the chat's marks too.
                await outbox_mail.attempt(self, row)
                return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("outbox row %s failed", row["id"])
            outcome = failed(self.settings, row, utcnow(), f"{type(exc).__name__}: {exc}")
        failpoints.crash_if("outbox-before-settle")
        self._to_settle.append(outcome)
        self._settle_wake.set()

    async def _webhook(self, row: Row) -> Outcome:
        if row["endpoint_url"] is None:
            return skipped(row, utcnow(), "the endpoint was deleted")
        result = await self.sender.send(
            url=row["endpoint_url"],
            secret=row["endpoint_secret"],
            message_id=row["public_id"],
            body=row["payload"].encode(),
        )
        now = utcnow()
        if result.ok:
            return delivered(row, now, result.status)
        return failed(self.settings, row, now, result.error or "failed", result.status)

    # -- settling -------------------------------------------------------------------------

    async def _settle_now(self) -> None:
        batch, self._to_settle = self._to_settle, []
        if not batch:
            return
        try:
            async with self.db.acquire() as conn:
                ours = await outbox.settle_many(conn, batch)
        except Exception:
            # Kept for the next round; rows whose lease runs out meanwhile are tried again.
            self._to_settle = batch + self._to_settle
            raise
        if ours < len(batch):
            log.warning(
                "outbox: %d of %d attempts had lost their lease", len(batch) - ours, len(batch)
            )

    async def _settle_loop(self) -> None:
        while True:
            await self._settle_wake.wait()
            self._settle_wake.clear()
            try:
                await self._settle_now()
            except errors.DatabaseUnavailable:
                await asyncio.sleep(self.settings.outbox_poll_seconds)
                self._settle_wake.set()
            except Exception:
                log.exception("outbox settle failed")
                await asyncio.sleep(self.settings.outbox_poll_seconds)
                self._settle_wake.set()

    # -- pruning --------------------------------------------------------------------------

    async def prune(self, now: datetime) -> int:
        """Settled rows older than OUTBOX_RETENTION_DAYS (dead ones after 30 days), a batch at
        a time."""
        removed = 0
        keep = timedelta(days=self.settings.outbox_retention_days)
        cutoffs = {
            "delivered": now - keep,
            "skipped": now - keep,
            "dead": now - timedelta(days=DEAD_RETENTION_DAYS),
        }
        async with self.db.acquire() as conn:
            for status, before in cutoffs.items():
                while True:
                    n = await outbox.prune(conn, status=status, before=before, limit=PRUNE_BATCH)
                    removed += n
                    if n < PRUNE_BATCH:
                        break
        return removed

    async def _prune_loop(self) -> None:
        while True:
            await asyncio.sleep(PRUNE_EVERY_SECONDS * random.uniform(0.5, 1.5))
            try:
                await self.prune(utcnow())
            except Exception:
                log.warning("outbox prune failed", exc_info=True)
