"""SQL of attachments (metadata) and attachment_chunks (their bytes, in 256 KiB rows)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.db import Connection, Row
from app.repositories.placeholders import in_list


def attachments_json(message: str) -> str:
    """A message's attachments as one JSON array in order (null when it has none), for the JSON
    row of that message: a page of messages gets every attachment it shows in its one
    statement, each message's by ix_attachments_message (message_id, position)."""
    return f"""(SELECT JSON_ARRAYAGG(JSON_OBJECT(
        'id', a.id, 'name', a.name, 'size', a.size, 'content_type', a.content_type,
        'kind', a.kind, 'width', a.width, 'height', a.height) ORDER BY a.position)
     FROM attachments a WHERE a.message_id = {message}.id)"""  # noqa: S608 (an alias, no input)


INSERT_SQL = """
INSERT INTO attachments (id, uploader_id, name, size, stored_size, content_type, kind, width,
    height, sha256, thumb_size, thumb_content_type, created_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
"""


async def insert(
    conn: Connection,
    *,
    attachment_id: str,
    uploader_id: int,
    name: str,
    size: int,
    stored_size: int,
    content_type: str,
    kind: str,
    width: int | None,
    height: int | None,
    sha256: str,
    thumb_size: int | None,
    thumb_content_type: str | None,
    created_at: datetime,
) -> None:
    await conn.execute(
        INSERT_SQL,
        (
            attachment_id,
            uploader_id,
            name,
            size,
            stored_size,
            content_type,
            kind,
            width,
            height,
            sha256,
            thumb_size,
            thumb_content_type,
            created_at,
        ),
    )


# The bytes travel as hex (UNHEX): aiomysql 0.3.2 cannot escape a bytes parameter with the
# pymysql 1.2 it runs on (pymysql#1274), and hex is what pymysql sends for bytes anyway.
INSERT_CHUNK_SQL = (
    "INSERT INTO attachment_chunks (attachment_id, variant, seq, data) "
    "VALUES (%s, %s, %s, UNHEX(%s))"
)


async def insert_chunk(
    conn: Connection, *, attachment_id: str, variant: int, seq: int, data: bytes
) -> None:
    """One chunk per statement: each stays a few hundred KiB, far from max_allowed_packet."""
    await conn.execute(INSERT_CHUNK_SQL, (attachment_id, variant, seq, data.hex()))


# PRIMARY (attachment_id, variant, seq): a range of the file's chunks, in order.
CHUNKS_SQL = """
SELECT seq, data FROM attachment_chunks
WHERE attachment_id = %s AND variant = %s AND seq BETWEEN %s AND %s
ORDER BY seq
"""


async def chunks(
    conn: Connection, *, attachment_id: str, variant: int, first: int, last: int
) -> list[Row]:
    return await conn.fetch_all(CHUNKS_SQL, (attachment_id, variant, first, last))


DELETE_CHUNKS_SQL = "DELETE FROM attachment_chunks WHERE attachment_id IN "


async def delete_chunks(conn: Connection, *, attachment_ids: Sequence[str]) -> None:
    if attachment_ids:
        await conn.execute(DELETE_CHUNKS_SQL + in_list(len(attachment_ids)), list(attachment_ids))


# PRIMARY: the ids named by a send. Only the sender's own uploads that no message holds yet
# change; the caller compares the count with the ids it named. FIELD() gives each its place
# in the order of the ids.
def link_sql(count: int) -> str:
    # Only the number of placeholders varies; every value is a parameter.
    places = in_list(count)
    sql = "UPDATE attachments SET message_id = %s, position = FIELD(id, {}) - 1 WHERE id IN {}"
    return sql.format(places[1:-1], places) + " AND uploader_id = %s AND message_id IS NULL"


async def link(
    conn: Connection, *, message_id: int, uploader_id: int, attachment_ids: Sequence[str]
) -> int:
    """Attach the uploads to the message, in the order given; returns how many were linked."""
    ids = list(attachment_ids)
    changed, _ = await conn.execute(link_sql(len(ids)), [message_id, *ids, *ids, uploader_id])
    return changed


# PRIMARY, with the message and its chat (for who may read it).
GET_FOR_SERVING_SQL = """
SELECT a.id, a.uploader_id, a.message_id, a.name, a.stored_size, a.content_type, a.kind,
       a.sha256, a.thumb_size, a.thumb_content_type,
       m.kind AS message_kind, c.customer_id AS chat_customer_id, c.admin_id AS chat_admin_id,
       c.status AS chat_status
FROM attachments a
LEFT JOIN messages m ON m.id = a.message_id
LEFT JOIN chats c ON c.id = m.chat_id
WHERE a.id = %s
"""


async def get_for_serving(conn: Connection, *, attachment_id: str) -> Row | None:
    return await conn.fetch_one(GET_FOR_SERVING_SQL, (attachment_id,))


# ix_attachments_unsent (message_id, created_at): uploads no message took, oldest first.
# SKIP LOCKED: processes cleaning at once take disjoint batches, and an upload that a send is
# linking right now (its row locked by the send's UPDATE) is left alone.
STALE_SQL = """
SELECT id FROM attachments
WHERE message_id IS NULL AND created_at < %s
ORDER BY created_at
LIMIT %s
FOR UPDATE SKIP LOCKED
"""


async def lock_stale(conn: Connection, *, before: datetime, limit: int) -> list[str]:
    rows = await conn.fetch_all(STALE_SQL, (before, limit))
    return [r["id"] for r in rows]


DELETE_SQL = "DELETE FROM attachments WHERE message_id IS NULL AND id IN "


async def delete_unsent(conn: Connection, *, attachment_ids: Sequence[str]) -> int:
    if not attachment_ids:
        return 0
    changed, _ = await conn.execute(DELETE_SQL + in_list(len(attachment_ids)), list(attachment_ids))
    return changed


# ix_attachments_message (message_id, position).
FOR_MESSAGE_SQL = """
SELECT id, name, size, content_type, kind, width, height FROM attachments
WHERE message_id = %s ORDER BY position
"""


async def for_message(conn: Connection, *, message_id: int) -> list[Row]:
    return await conn.fetch_all(FOR_MESSAGE_SQL, (message_id,))
