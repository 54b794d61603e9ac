"""Where attachments' bytes live, behind a small interface.

`DbStore` (the default) keeps them in MariaDB, in 256 KiB rows of attachment_chunks: every
process on every host serves every file with nothing but the database, and no statement comes
near max_allowed_packet. An S3-compatible store (aiobotocore) can be a second implementation of
`AttachmentStore`: `put` an object under the attachment's id and variant, `open_range` a ranged
GET, `delete` the objects.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Protocol

from app.db import Connection, Database
from app.repositories import attachments

CHUNK_SIZE = 256 * 1024
# Chunks read per statement while serving: 1 MiB, then the connection goes back to the pool.
CHUNKS_PER_READ = 4
ORIGINAL = 0
THUMBNAIL = 1


class AttachmentStore(Protocol):
    async def put(self, conn: Connection, attachment_id: str, variant: int, data: bytes) -> None:
        """Store the bytes; `conn` is inside the upload's own transaction (a store that lives
        elsewhere writes its object before that transaction commits the metadata)."""

    def open_range(
        self, attachment_id: str, variant: int, start: int, end: int
    ) -> AsyncIterator[bytes]:
        """The bytes from `start` to `end` inclusive, in pieces, as they are read."""

    async def delete(self, conn: Connection, attachment_ids: Sequence[str]) -> None:
        """Drop the bytes of these attachments (their rows go in the same transaction)."""


class DbStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def put(self, conn: Connection, attachment_id: str, variant: int, data: bytes) -> None:
        view = memoryview(data)
        for seq, offset in enumerate(range(0, len(data), CHUNK_SIZE)):
            await attachments.insert_chunk(
                conn,
                attachment_id=attachment_id,
                variant=variant,
                seq=seq,
                data=bytes(view[offset : offset + CHUNK_SIZE]),
            )

    async def open_range(
        self, attachment_id: str, variant: int, start: int, end: int
    ) -> AsyncIterator[bytes]:
        """A few chunks per statement, each read on a connection held only for that read: a
        slow download never keeps one from the pool."""
        first, last = start // CHUNK_SIZE, end // CHUNK_SIZE
        seq = first
        while seq <= last:
            upto = min(last, seq + CHUNKS_PER_READ - 1)
            async with self.db.acquire() as conn:
                rows = await attachments.chunks(
                    conn, attachment_id=attachment_id, variant=variant, first=seq, last=upto
                )
            if len(rows) != upto - seq + 1:
                raise RuntimeError(f"attachment {attachment_id} lost chunks {seq}..{upto}")
            for row in rows:
                data: bytes = row["data"]
                base = row["seq"] * CHUNK_SIZE
                lo = max(start - base, 0)
                hi = min(end - base + 1, len(data))
                yield data[lo:hi] if (lo, hi) != (0, len(data)) else data
            seq = upto + 1

    async def delete(self, conn: Connection, attachment_ids: Sequence[str]) -> None:
        await attachments.delete_chunks(conn, attachment_ids=attachment_ids)
