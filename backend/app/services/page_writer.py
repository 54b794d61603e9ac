"""Writing page reports: the reports of many visitors that arrive together share one transaction.

A report of its own cost a transaction of six statements and a commit, competing for the
pool and for MariaDB's log flush with the sends: at 200 pages/s that took about half of the
send throughput (bench/README.md, scenario 9). A page report is not a message: no one waits
on it but the widget's acknowledgement and the side panel's live page, and a few tens of
milliseconds there go unseen. So reports wait up to WINDOW for others, then one transaction
locks their visitors in customer order, reads the ends of their trails in one statement, and
refreshes, inserts and prunes with one multi-row statement each. A visitor reporting twice
within a batch (two tabs) has the later report wait for the next batch, so that each batch
judges "the same page again" against what the one before it wrote. Every report is
acknowledged only after the commit that holds it, and a failed batch acknowledges none.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime

from app import errors
from app.db import Connection, Database, Row, transaction
from app.realtime.hub import Audience, Delivery, Hub
from app.repositories import visitor
from app.serialization import dumps, iso
from app.views import View

log = logging.getLogger(__name__)

MAX_PAGES = 20
# Long enough for a batch to form at a few hundred reports a second, short enough that
# neither the widget's acknowledgement nor the admin's live page feels it.
WINDOW = 0.025
MAX_BATCH = 200


@dataclass(slots=True)
class PageReport:
    customer_id: int
    url: str
    title: str | None
    referrer: str | None
    language: str | None
    timezone: str | None
    at: datetime
    done: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class PageWriter:
    """Owns the page reports of one process; `write` is what a report awaits."""

    def __init__(self, db: Database, hub: Hub) -> None:
        self.db = db
        self.hub = hub
        self._queue: list[PageReport] = []
        # Set and cleared by the flusher itself, with no await between its last look at the
        # queue and the clearing, so that a report queued meanwhile always finds a flusher.
        self._flushing = False
        self._flusher: asyncio.Task[None] | None = None

    async def write(self, report: PageReport) -> None:
        """Returns once the report is committed (its admins hear of it then)."""
        self._queue.append(report)
        if not self._flushing:
            self._flushing = True
            self._flusher = asyncio.create_task(self._flush())
        await report.done

    async def drain(self) -> None:
        """Wait for the reports in hand (shutdown: the pool must outlive them)."""
        if self._flusher is not None:
            await asyncio.shield(self._flusher)

    async def _flush(self) -> None:
        try:
            await asyncio.sleep(WINDOW)
            while self._queue:
                batch, self._queue = _one_per_visitor(self._queue)
                await self._write_batch(batch)
        finally:
            self._flushing = False

    async def _write_batch(self, batch: list[PageReport]) -> None:
        try:
            async with self.db.acquire() as conn:
                try:
                    chats = await _commit(conn, batch)
                except errors.Deadlock:
                    # Another process's batch or an attributes change crossed this one; the
                    # rollback left nothing, so the same reports go again.
                    chats = await _commit(conn, batch)
        except asyncio.CancelledError:
            for report in batch:
                _fail(report, errors.DatabaseUnavailable("the server is shutting down"))
            raise
        except Exception as exc:
            if not isinstance(exc, errors.ParleyError):
                log.exception("a batch of page reports failed")
            for report in batch:
                _fail(report, exc)
            return
        for report in batch:
            if not report.done.done():
                report.done.set_result(None)
            chat = chats.get(report.customer_id)
            if chat is not None:
                frame = page_frame(chat["id"], report.customer_id, page_view(report))
                await self.hub.publish(chat_admins(chat), Delivery(frame))


def _fail(report: PageReport, exc: BaseException) -> None:
    if not report.done.done():
        report.done.set_exception(exc)


def _one_per_visitor(queue: list[PageReport]) -> tuple[list[PageReport], list[PageReport]]:
    """The next batch (each visitor's earliest report, up to MAX_BATCH) and what waits, in order."""
    batch: list[PageReport] = []
    rest: list[PageReport] = []
    taken: set[int] = set()
    for report in queue:
        if len(batch) < MAX_BATCH and report.customer_id not in taken:
            taken.add(report.customer_id)
            batch.append(report)
        else:
            rest.append(report)
    return batch, rest


async def _commit(conn: Connection, batch: list[PageReport]) -> dict[int, Row]:
    """One transaction for the batch; returns each visitor's chat (id, admin_id) if they have one.
    The current page's URL again refreshes its time and title and keeps the referrer it came
    with; any other URL is a new page, and the trail keeps the newest MAX_PAGES."""
    ordered = sorted(batch, key=lambda r: r.customer_id)
    ids = [r.customer_id for r in ordered]
    async with transaction(conn):
        await visitor.lock_for_pages(
            conn, rows=[(r.customer_id, r.language, r.timezone, r.at, r.at) for r in ordered]
        )
        ends = await visitor.trail_ends(conn, customer_ids=ids, nth=MAX_PAGES)
        newest = {row["customer_id"]: row for row in ends if row["rn"] == 1}
        oldest_kept = {row["customer_id"]: row["id"] for row in ends if row["rn"] == MAX_PAGES}
        refreshed = []
        inserted = []
        pruned = []
        for r in ordered:
            current = newest.get(r.customer_id)
            if current is not None and current["url"] == r.url:
                r.referrer = current["referrer"]
                refreshed.append((r.customer_id, current["id"], r.url, r.title, r.referrer, r.at))
            else:
                inserted.append((r.customer_id, r.url, r.title, r.referrer, r.at))
                if r.customer_id in oldest_kept:
                    # The new page and the MAX_PAGES - 1 newest before it stay.
                    pruned.append((r.customer_id, oldest_kept[r.customer_id]))
        await visitor.refresh_pages(conn, rows=refreshed)
        await visitor.insert_pages(conn, rows=inserted)
        await visitor.prune_pages_many(conn, through=pruned)
        chats = await visitor.chats_of(conn, customer_ids=ids)
    return {row["customer_id"]: row for row in chats}


def page_view(report: PageReport) -> View:
    return {
        "url": report.url,
        "title": report.title,
        "referrer": report.referrer,
        "at": iso(report.at),
    }


def page_frame(chat_id: int, customer_id: int, page: View) -> str:
    params = {"chat_id": chat_id, "customer_id": customer_id, "page": page}
    return dumps({"jsonrpc": "2.0", "method": "visitor.page", "params": params})


def chat_admins(chat: Row) -> Audience:
    """The admins who may read the chat: its admin, or all of them while it waits."""
    if chat["admin_id"] is None:
        return Audience(admins=True)
    return Audience(user_ids=frozenset({chat["admin_id"]}))
