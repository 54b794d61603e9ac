"""SQL of search: InnoDB FULLTEXT indexes over message bodies, in tables of consecutive id blocks.

Migration 0029 puts message `id` in table message_search_NNN, NNN = (id DIV BLOCK) mod TABLES:
until ids pass TABLES * BLOCK each table holds one block of BLOCK consecutive messages. InnoDB
computes every match of a query's words in the table it searches before it can return the
newest few, so a page is read one block at a time, newest first, and the walk stops as soon as
the page is full: a common word fills it in the first block that has it (a dense block costs
~10 ms), a rare word costs each block a fraction of a millisecond. No step is a union of
blocks: a block in which the word is common would make the union cost that block whatever the
others hold (bench/README.md, finding 13).
"""

from __future__ import annotations

from app.db import Connection, Row
from app.repositories.messages import MESSAGE_JSON
from app.repositories.placeholders import in_list

TABLES = 128
BLOCK = 16384


def _block_page_sql(table: int) -> str:
    # The table number comes from range(TABLES), never from input; every value is a parameter.
    return f"""
SELECT s.message_id
FROM message_search_{table:03d} s
JOIN chats c ON c.id = s.chat_id
WHERE MATCH (s.body) AGAINST (%(terms)s IN BOOLEAN MODE)
  AND s.message_id >= %(low)s AND s.message_id < %(high)s
  AND (c.admin_id = %(admin_id)s OR c.admin_id IS NULL)
ORDER BY s.message_id DESC
LIMIT %(limit)s"""  # noqa: S608


# Each: ft_message_search_NNN finds the matches, chats' PRIMARY KEY keeps those of chats the
# admin may read (theirs, or waiting), and the newest `limit` in the block's id range are kept.
BLOCK_PAGE_SQL = tuple(_block_page_sql(table) for table in range(TABLES))
# uq_messages_id: the newest message id, read from the index's end.
NEWEST_ID_SQL = "SELECT COALESCE(MAX(id), 0) AS id FROM messages"


async def matching_ids(
    conn: Connection, *, terms: str, admin_id: int, before: int | None, limit: int
) -> list[int]:
    """Up to `limit` ids of messages below `before` whose bodies match the boolean-mode `terms`,
    in chats the admin may read, newest first."""
    row = await conn.fetch_one(NEWEST_ID_SQL)
    # No block above the newest message is read, whatever `before` a client sends.
    newest = int(row["id"]) if row else 0
    before = newest + 1 if before is None else min(before, newest + 1)
    ids: list[int] = []
    block = (before - 1) // BLOCK
    # A statement per block, not one over many: see the module's docstring.
    while block >= 0 and len(ids) < limit:
        rows = await conn.fetch_all(
            BLOCK_PAGE_SQL[block % TABLES],
            {
                "terms": terms,
                "admin_id": admin_id,
                "low": block * BLOCK,
                "high": min(before, (block + 1) * BLOCK),
                "limit": limit - len(ids),
            },
        )
        ids.extend(int(r["message_id"]) for r in rows)
        block -= 1
    return ids


def messages_sql(count: int) -> str:
    # Only the number of placeholders varies. uq_messages_id finds each message.
    return (
        f"SELECT {MESSAGE_JSON} FROM messages m JOIN users u ON u.id = m.sender_id "  # noqa: S608
        f"WHERE m.id IN {in_list(count)} ORDER BY m.id DESC"
    )


async def messages_by_id(conn: Connection, *, ids: list[int]) -> list[Row]:
    """The messages with these ids, each with its sender, newest first."""
    if not ids:
        return []
    return await conn.fetch_json(messages_sql(len(ids)), ids)
