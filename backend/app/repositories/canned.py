"""SQL of canned replies. The table holds at most 1,000 rows (services.canned)."""

from __future__ import annotations

from datetime import datetime

from app.db import Connection, Row
from app.repositories.wire import wire_time

ITEM_SELECT = f"""
SELECT JSON_OBJECT('id', id, 'shortcut', shortcut, 'title', title, 'body', body,
                   'updated_at', {wire_time("updated_at")})
FROM canned_replies
"""  # noqa: S608 (constants only: no input is formatted into SQL)

# No index is worth it: the table holds at most 1,000 rows, read whole and sorted in memory by
# shortcut (ascii_bin: byte order).
# Both patterns are built by services.canned from letters, digits, "_" and "-" only, with LIKE's
# own "_" escaped, so no user text reaches LIKE as a wildcard.
LIST_SQL = ITEM_SELECT + "ORDER BY shortcut"
SEARCH_SQL = ITEM_SELECT + (
    "WHERE shortcut LIKE %s OR (%s <> '' AND words LIKE %s) ORDER BY shortcut"
)


async def list_all(conn: Connection) -> list[Row]:
    # No parameters, but an empty tuple: pymysql then reads wire_time's %% as %.
    return await conn.fetch_json(LIST_SQL, ())


async def search(
    conn: Connection, *, shortcut_prefix: str, words_phrase: str, words_pattern: str
) -> list[Row]:
    """Replies whose shortcut starts with the prefix, or whose words contain the phrase at a
    word's start (`words_pattern` is LIKE '% phrase%'; an empty phrase matches no words)."""
    return await conn.fetch_json(SEARCH_SQL, (shortcut_prefix, words_phrase, words_pattern))


# PRIMARY KEY.
GET_SQL = ITEM_SELECT + "WHERE id = %s"


async def get(conn: Connection, *, reply_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_SQL, (reply_id,))


# PRIMARY KEY of the one guard row; queues concurrent creates (see migration 0013).
LOCK_GUARD_SQL = "SELECT id FROM canned_reply_guard WHERE id = 1 FOR UPDATE"


async def lock_for_create(conn: Connection) -> None:
    await conn.fetch_one(LOCK_GUARD_SQL)


# uq_canned_replies_shortcut (an index-only count).
COUNT_SQL = "SELECT COUNT(*) AS n FROM canned_replies"


async def count(conn: Connection) -> int:
    row = await conn.fetch_one(COUNT_SQL)
    return int(row["n"]) if row else 0


INSERT_SQL = """
INSERT INTO canned_replies (shortcut, title, body, words, created_at, updated_at)
VALUES (%s, %s, %s, %s, %s, %s)
"""


async def insert(
    conn: Connection, *, shortcut: str, title: str | None, body: str, words: str, at: datetime
) -> int:
    """A taken shortcut raises errors.Conflict (uq_canned_replies_shortcut)."""
    _, reply_id = await conn.execute(INSERT_SQL, (shortcut, title, body, words, at, at))
    return reply_id


# PRIMARY KEY. A taken shortcut raises errors.Conflict (uq_canned_replies_shortcut).
UPDATE_SQL = """
UPDATE canned_replies SET shortcut = %s, title = %s, body = %s, words = %s, updated_at = %s
WHERE id = %s
"""


async def update(
    conn: Connection,
    *,
    reply_id: int,
    shortcut: str,
    title: str | None,
    body: str,
    words: str,
    at: datetime,
) -> None:
    await conn.execute(UPDATE_SQL, (shortcut, title, body, words, at, reply_id))


# PRIMARY KEY. Locks the row that a PATCH reads and rewrites.
LOCK_SQL = "SELECT id, shortcut, title, body FROM canned_replies WHERE id = %s FOR UPDATE"


async def lock(conn: Connection, *, reply_id: int) -> Row | None:
    return await conn.fetch_one(LOCK_SQL, (reply_id,))


# PRIMARY KEY.
DELETE_SQL = "DELETE FROM canned_replies WHERE id = %s"


async def delete(conn: Connection, *, reply_id: int) -> int:
    affected, _ = await conn.execute(DELETE_SQL, (reply_id,))
    return affected
