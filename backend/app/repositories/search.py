"""SQL of search: InnoDB FULLTEXT indexes over message bodies, in shard tables by id block.

Migration 0015 puts message `id` in table message_search_NN, NN = (id DIV BLOCK) mod SHARDS,
so each table holds every SHARDS-th block of 65,536 consecutive messages. InnoDB computes every
match of a query's words in the table it searches before it can return the newest few, so a
page is read newest block first: the newest block's shard alone (a common word fills the page
there), then the block before it, and only then every older block at once (by then the words
are rare among recent messages, and so cheap to match everywhere).
"""

from __future__ import annotations

from app.db import Connection, Row
from app.repositories.messages import MESSAGE_JSON

SHARDS = 16
BLOCK = 65536


def _shard_page_sql(shard: int) -> str:
    # The shard number comes from range(SHARDS), never from input; every value is a parameter.
    return f"""
SELECT s.message_id
FROM message_search_{shard:02d} s
JOIN chats c ON c.id = s.chat_id
WHERE MATCH (s.body) AGAINST (%(terms)s IN BOOLEAN MODE)
  AND s.message_id >= %(low)s AND s.message_id < %(high)s
  AND (c.admin_id = %(admin_id)s OR c.admin_id IS NULL)
ORDER BY s.message_id DESC
LIMIT %(limit)s"""  # noqa: S608


# Each: ft_message_search_NN finds the matches, chats' PRIMARY KEY keeps those of chats the
# admin may read (theirs, or waiting), and the newest `limit` in the id range are kept.
SHARD_PAGE_SQL = tuple(_shard_page_sql(shard) for shard in range(SHARDS))
# Every shard at once (each through its own FULLTEXT index, as above), newest first overall.
ALL_SHARDS_PAGE_SQL = (
    " UNION ALL ".join(f"({sql})" for sql in SHARD_PAGE_SQL)
    + " ORDER BY message_id DESC LIMIT %(limit)s"
)
# uq_messages_id: the newest message id, read from the index's end.
NEWEST_ID_SQL = "SELECT COALESCE(MAX(id), 0) AS id FROM messages"


def _block(message_id: int) -> int:
    return message_id // BLOCK


async def matching_ids(
    conn: Connection, *, terms: str, admin_id: int, before: int | None, limit: int
) -> list[int]:
    """Up to `limit` ids of messages below `before` whose bodies match the boolean-mode `terms`,
    in chats the admin may read, newest first."""
    if before is None:
        row = await conn.fetch_one(NEWEST_ID_SQL)
        before = int(row["id"]) + 1 if row else 1
    if before <= 1:
        return []
    params = {"terms": terms, "admin_id": admin_id, "limit": limit}
    newest = _block(before - 1)
    ids: list[int] = []
    # The newest block, then the one before it, each through its own shard's index.
    for block in (newest, newest - 1):
        if block < 0 or len(ids) >= limit:
            break
        high = min(before, (block + 1) * BLOCK)
        rows = await conn.fetch_all(
            SHARD_PAGE_SQL[block % SHARDS],
            {**params, "low": block * BLOCK, "high": high, "limit": limit - len(ids)},
        )
        ids.extend(int(r["message_id"]) for r in rows)
    older = (newest - 1) * BLOCK
    if len(ids) < limit and older > 0:
        rows = await conn.fetch_all(
            ALL_SHARDS_PAGE_SQL, {**params, "low": 0, "high": older, "limit": limit - len(ids)}
        )
        ids.extend(int(r["message_id"]) for r in rows)
    return ids


def messages_sql(count: int) -> str:
    # Only the number of placeholders varies. uq_messages_id finds each message.
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT {MESSAGE_JSON} FROM messages m JOIN users u ON u.id = m.sender_id "  # noqa: S608
        f"WHERE m.id IN ({marks}) ORDER BY m.id DESC"
    )


async def messages_by_id(conn: Connection, *, ids: list[int]) -> list[Row]:
    """The messages with these ids, each with its sender, newest first."""
    if not ids:
        return []
    return await conn.fetch_json(messages_sql(len(ids)), ids)
