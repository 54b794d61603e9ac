"""Uploads, who may download them, and the cleanup of uploads that no message took."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from app import attachment_links, errors
from app.config import Settings
from app.db import Database, Row, transaction
from app.ratelimit import Limiter
from app.repositories import attachments, chats
from app.services import attachment_files
from app.services.attachment_store import ORIGINAL, THUMBNAIL, AttachmentStore
from app.services.auth import utcnow
from app.services.chats import is_customer
from app.views import View, admin_may_read

log = logging.getLogger(__name__)

MAX_NAME = 255
CLEANUP_BATCH = 100
# Files classified and images re-encoded at once: one per core. More threads would only fight
# the event loop for the GIL between their C calls; a burst of uploads queues here instead.
_workers = asyncio.Semaphore(os.cpu_count() or 1)


def new_id() -> str:
    """22 url-safe characters from 16 random bytes: unguessable, never sequential."""
    return secrets.token_urlsafe(16)


def clean_name(name: str) -> str:
    """The file name as a label: its last path segment, without control characters, at most
    255 characters. 422 when nothing is left."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name or name in (".", ".."):
        raise errors.BadRequest("name must be a file name")
    return name[:MAX_NAME]


async def read_limited(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    """The body as it streams in, refused with 413 as soon as it passes `limit` bytes."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise errors.PayloadTooLarge(f"files may be at most {limit} bytes")
    return bytes(body)


async def check_uploader(db: Database, limiter: Limiter, settings: Settings, *, user: Row) -> None:
    """Before a byte is read: a blocked customer gets 403, a user over the limit 429."""
    if is_customer(user):
        async with db.acquire() as conn:
            if await chats.customer_blocked(conn, customer_id=user["id"]):
                raise errors.Forbidden("you can no longer send files to this chat")
    retry = await limiter.hit(
        f"upload:{user['id']}",
        limit=settings.uploads_per_user,
        window=settings.upload_window_seconds,
    )
    if retry is not None:
        raise errors.RateLimited(f"you are uploading too fast; try again in {retry} s", retry)


async def store_upload(
    db: Database, store: AttachmentStore, *, user: Row, name: str, data: bytes
) -> View:
    """Classify and (for images) re-encode in a worker thread, then write the metadata and the
    bytes in one transaction of their own. The upload waits for a send to link it."""
    async with _workers:
        processed = await asyncio.to_thread(attachment_files.process, data)
    attachment_id = new_id()
    async with db.acquire() as conn, transaction(conn):
        await attachments.insert(
            conn,
            attachment_id=attachment_id,
            uploader_id=user["id"],
            name=name,
            size=len(data),
            stored_size=len(processed.data),
            content_type=processed.content_type,
            kind=processed.kind,
            width=processed.width,
            height=processed.height,
            sha256=processed.sha256,
            thumb_size=len(processed.thumbnail) if processed.thumbnail is not None else None,
            thumb_content_type=processed.thumbnail_type,
            created_at=utcnow(),
        )
        await store.put(conn, attachment_id, ORIGINAL, processed.data)
        if processed.thumbnail is not None:
            await store.put(conn, attachment_id, THUMBNAIL, processed.thumbnail)
    return {
        "id": attachment_id,
        "name": name,
        "size": len(data),
        "content_type": processed.content_type,
        "kind": processed.kind,
        "width": processed.width,
        "height": processed.height,
    }


@dataclass(frozen=True, slots=True)
class Served:
    """One variant of an attachment, as the serving route needs it."""

    attachment_id: str
    variant: int
    name: str
    size: int
    content_type: str
    etag: str


async def find_servable(
    db: Database,
    *,
    attachment_id: str,
    thumbnail: bool,
    sig: str | None,
    exp: int | None,
    user: Row | None,
) -> Served:
    """A valid link opens a sent attachment; so does a reader of its chat (a note's only for
    admins who may read the chat, never for a customer even with a link), and its uploader
    before it is sent. Everyone else gets the same 404."""
    missing = errors.NotFound("no such attachment")
    async with db.acquire() as conn:
        row = await attachments.get_for_serving(conn, attachment_id=attachment_id)
    if row is None or not _may_read(row, user, attachment_links.valid(attachment_id, exp, sig)):
        raise missing
    if thumbnail:
        if row["thumb_size"] is None:
            raise missing
        return Served(
            attachment_id,
            THUMBNAIL,
            row["name"],
            row["thumb_size"],
            row["thumb_content_type"],
            row["sha256"] + "-thumb",
        )
    return Served(
        attachment_id, ORIGINAL, row["name"], row["stored_size"], row["content_type"], row["sha256"]
    )


def _may_read(row: Row, user: Row | None, signed: bool) -> bool:
    if row["message_id"] is None:
        return user is not None and user["id"] == row["uploader_id"]
    note = row["message_kind"] == "note"
    if user is not None and is_customer(user):
        if note:
            return False
        return signed or user["id"] == row["chat_customer_id"]
    if signed:
        return True
    if user is None:
        return False
    chat = {"admin_id": row["chat_admin_id"]}
    return admin_may_read(chat, user["id"])


async def purge_unsent(
    db: Database, store: AttachmentStore, *, now: datetime, older_than: float
) -> int:
    """Delete uploads that no message took within `older_than` seconds, in batches. Safe in
    many processes at once: each batch is locked with SKIP LOCKED."""
    cutoff = now - timedelta(seconds=older_than)
    removed = 0
    while True:
        async with db.acquire() as conn, transaction(conn):
            ids = await attachments.lock_stale(conn, before=cutoff, limit=CLEANUP_BATCH)
            await store.delete(conn, ids)
            removed += await attachments.delete_unsent(conn, attachment_ids=ids)
        if len(ids) < CLEANUP_BATCH:
            return removed


class Cleanup:
    """This process's periodic purge of unsent uploads (every process runs one)."""

    def __init__(self, settings: Settings, db: Database, store: AttachmentStore) -> None:
        self.settings = settings
        self.db = db
        self.store = store
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.attachment_cleanup_seconds)
            try:
                removed = await purge_unsent(
                    self.db,
                    self.store,
                    now=utcnow(),
                    older_than=self.settings.attachment_unsent_seconds,
                )
                if removed:
                    log.info("removed %d uploads that were never sent", removed)
            except errors.ParleyError as exc:
                log.warning("attachment cleanup skipped: %s", exc.detail)
            except Exception:
                log.exception("attachment cleanup failed")
