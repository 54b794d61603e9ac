"""SQL of search: InnoDB FULLTEXT indexes over message bodies, in tables of consecutive id blocks.

Migration 0029 puts message `id` in table message_search_NNN, NNN = (id DIV BLOCK) mod TABLES:
until ids pass TABLES * BLOCK each table holds one block of BLOCK consecutive messages. InnoDB
computes every match of a query's words in the table it searches before it can return the
newest few, so a page reads the blocks newest first and stops as soon as it is full:

- the newest block alone: a word in common use fills the page there;
- then GROUP blocks at a time in one UNION ALL, under a MariaDB statement time limit: a word
  that is rare in them costs each block a tenth of a millisecond, so the group answers well
  within the limit, and one round trip replaces GROUP;
- a group that overruns the limit holds a block where the word is common (such a block costs
  ~15 ms, a union of eight of them 120 ms): it is read again one block at a time, and the
  first block that has the word fills the page.

The limit only decides how the blocks are read, never what is found (bench/README.md,
finding 13).
"""

from __future__ import annotations

from functools import lru_cache

import pymysql

from app.db import Connection, Row
from app.repositories.messages import MESSAGE_JSON
from app.repositories.placeholders import in_list

TABLES = 128
BLOCK = 16384
GROUP = 8
GROUP_SECONDS = 0.005
# max_statement_time exceeded (1969); InnoDB's FULLTEXT query interrupted by it (188, 1317).
INTERRUPTED = {1969, 1317, 188}


def _block_sql(table: int) -> str:
    # The table number comes from range(TABLES), never from input; every value is a parameter:
    # terms, low, high, admin id, limit.
    return f"""SELECT s.message_id
FROM message_search_{table:03d} s
JOIN chats c ON c.id = s.chat_id
WHERE MATCH (s.body) AGAINST (%s IN BOOLEAN MODE)
  AND s.message_id >= %s AND s.message_id < %s
  AND (c.admin_id = %s OR c.admin_id IS NULL)
ORDER BY s.message_id DESC
LIMIT %s"""  # noqa: S608


# Each: ft_message_search_NNN finds the matches, chats' PRIMARY KEY keeps those of chats the
# admin may read (theirs, or waiting), and the newest `limit` in the block's id range are kept.
BLOCK_PAGE_SQL = tuple(_block_sql(table) for table in range(TABLES))
# uq_messages_id: the newest message id, read from the index's end.
NEWEST_ID_SQL = "SELECT COALESCE(MAX(id), 0) AS id FROM messages"


@lru_cache(maxsize=TABLES)
def group_sql(first_table: int, count: int) -> str:
    """Blocks in `count` consecutive tables, downwards from `first_table`, in one statement
    under a time limit (a parameter): each branch as BLOCK_PAGE_SQL, newest first overall."""
    branches = (f"({BLOCK_PAGE_SQL[(first_table - i) % TABLES]})" for i in range(count))
    return (
        "SET STATEMENT max_statement_time = %s FOR "
        + " UNION ALL ".join(branches)
        + " ORDER BY message_id DESC LIMIT %s"
    )


def _params(terms: str, admin_id: int, block: int, before: int, limit: int) -> tuple[object, ...]:
    return (terms, block * BLOCK, min(before, (block + 1) * BLOCK), admin_id, limit)


async def _one_block(
    conn: Connection, terms: str, admin_id: int, block: int, before: int, limit: int
) -> list[int]:
    rows = await conn.fetch_all(
        BLOCK_PAGE_SQL[block % TABLES], _params(terms, admin_id, block, before, limit)
    )
    return [int(r["message_id"]) for r in rows]


async def _group(
    conn: Connection, terms: str, admin_id: int, top: int, count: int, before: int, limit: int
) -> list[int] | None:
    """Blocks top, top - 1, ... (count of them) in one statement; None if it ran out of time."""
    params: list[object] = [GROUP_SECONDS]
    for block in range(top, top - count, -1):
        params.extend(_params(terms, admin_id, block, before, limit))
    params.append(limit)
    try:
        rows = await conn.fetch_all(group_sql(top % TABLES, count), params)
    except (pymysql.err.OperationalError, pymysql.err.InternalError) as exc:
        if exc.args and exc.args[0] in INTERRUPTED:
            return None
        raise
    return [int(r["message_id"]) for r in rows]


async def matching_ids(
    conn: Connection, *, terms: str, admin_id: int, before: int | None, limit: int
) -> list[int]:
    """Up to `limit` ids of messages below `before` whose bodies match the boolean-mode `terms`,
    in chats the admin may read, newest first."""
    row = await conn.fetch_one(NEWEST_ID_SQL)
    # No block above the newest message is read, whatever `before` a client sends.
    newest = int(row["id"]) if row else 0
    before = newest + 1 if before is None else min(before, newest + 1)
    top = (before - 1) // BLOCK
    if top < 0:
        return []
    ids = await _one_block(conn, terms, admin_id, top, before, limit)
    top -= 1
    while top >= 0 and len(ids) < limit:
        count = min(GROUP, top + 1)
        found = await _group(conn, terms, admin_id, top, count, before, limit - len(ids))
        if found is None:
            # A block of the group has the word in quantity: one block at a time.
            for block in range(top, top - count, -1):
                ids += await _one_block(conn, terms, admin_id, block, before, limit - len(ids))
                if len(ids) >= limit:
                    break
        else:
            ids += found
        top -= count
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
