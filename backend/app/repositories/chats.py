"""SQL of the chats table. A chat row comes joined with its customer, admin and last message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.db import Connection, Row
from app.repositories.wire import wire_time

# One row per chat with everything a Chat needs, so a list page is one query, never one per chat.
# One JSON object per row (Connection.fetch_json), times in wire form.
CHAT_SELECT = f"""
SELECT JSON_OBJECT(
    'id', c.id, 'customer_id', c.customer_id, 'admin_id', c.admin_id,
    'last_message_id', c.last_message_id, 'customer_last_read_id', c.customer_last_read_id,
    'admin_last_read_id', c.admin_last_read_id, 'customer_unread', c.customer_unread,
    'admin_unread', c.admin_unread, 'created_at', {wire_time("c.created_at")},
    'updated_at', {wire_time("c.updated_at")},
    'cu_username', cu.username, 'cu_display_name', cu.display_name, 'cu_role', cu.role,
    'cu_is_guest', cu.is_guest,
    'au_username', au.username, 'au_display_name', au.display_name, 'au_role', au.role,
    'au_is_guest', au.is_guest,
    'm_id', m.id, 'm_sender_id', m.sender_id, 'm_body', m.body,
    'm_client_msg_id', m.client_msg_id, 'm_created_at', {wire_time("m.created_at")},
    'mu_username', mu.username, 'mu_display_name', mu.display_name, 'mu_role', mu.role,
    'mu_is_guest', mu.is_guest)
FROM chats c
JOIN users cu ON cu.id = c.customer_id
LEFT JOIN users au ON au.id = c.admin_id
LEFT JOIN messages m ON m.chat_id = c.id AND m.id = c.last_message_id
LEFT JOIN users mu ON mu.id = m.sender_id
"""  # noqa: S608 (constants only: no input is formatted into SQL)

# PRIMARY KEY.
GET_SQL = CHAT_SELECT + "WHERE c.id = %s"


async def get(conn: Connection, *, chat_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_SQL, (chat_id,))


# uq_chats_customer.
GET_FOR_CUSTOMER_SQL = CHAT_SELECT + "WHERE c.customer_id = %s"


async def get_for_customer(conn: Connection, *, customer_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_FOR_CUSTOMER_SQL, (customer_id,))


# PRIMARY KEY. The parties of a chat, for access checks on typing and reads.
GET_PARTIES_SQL = "SELECT id, customer_id, admin_id, last_message_id FROM chats WHERE id = %s"


async def get_parties(conn: Connection, *, chat_id: int) -> Row | None:
    return await conn.fetch_one(GET_PARTIES_SQL, (chat_id,))


# Keyset pages, newest activity first. The index is named because with LIMIT the optimizer may
# otherwise walk ix_chats_activity backwards and filter, which degrades as chats pile up.


def _list_sql(index: str, where: str) -> str:
    return (
        CHAT_SELECT.replace("FROM chats c", "FROM chats c FORCE INDEX (" + index + ")")
        + where
        + " ORDER BY c.last_message_id DESC LIMIT %s"
    )


# ix_chats_admin_activity: admin_id IS NULL is an equality on its first column.
LIST_WAITING_SQL = _list_sql(
    "ix_chats_admin_activity", "WHERE c.admin_id IS NULL AND c.last_message_id < %s"
)
# ix_chats_admin_activity.
LIST_MINE_SQL = _list_sql(
    "ix_chats_admin_activity", "WHERE c.admin_id = %s AND c.last_message_id < %s"
)
# ix_chats_activity.
LIST_ALL_SQL = _list_sql("ix_chats_activity", "WHERE c.last_message_id < %s")


async def list_page(
    conn: Connection, *, scope: str, admin_id: int, before: int, limit: int
) -> list[Row]:
    """A page of chats, newest activity first, strictly before the `before` cursor."""
    if scope == "waiting":
        return await conn.fetch_json(LIST_WAITING_SQL, (before, limit))
    if scope == "mine":
        return await conn.fetch_json(LIST_MINE_SQL, (admin_id, before, limit))
    return await conn.fetch_json(LIST_ALL_SQL, (before, limit))


# uq_chats_customer. Locks the chat so that sends into it commit in id order.
LOCK_FOR_CUSTOMER_SQL = (
    "SELECT id, customer_id, admin_id FROM chats WHERE customer_id = %s FOR UPDATE"
)


async def lock_for_customer(conn: Connection, *, customer_id: int) -> Row | None:
    return await conn.fetch_one(LOCK_FOR_CUSTOMER_SQL, (customer_id,))


# PRIMARY KEY.
LOCK_SQL = "SELECT id, customer_id, admin_id FROM chats WHERE id = %s FOR UPDATE"


async def lock(conn: Connection, *, chat_id: int) -> Row | None:
    return await conn.fetch_one(LOCK_SQL, (chat_id,))


# A batch of sends locks every chat it writes to in one statement: PRIMARY KEY for the chats
# named by id, uq_chats_customer for the customers' own (an index merge when both are given).
# Rows are locked in index order, so two batches locking the same way queue rather than
# cycle; a mixed batch (ids and customers, an index merge) may still deadlock another, and the
# writer then retries its sends one transaction each.
def lock_many_sql(by_id: int, by_customer: int) -> str:
    where = []
    if by_id:
        where.append("id IN (" + ", ".join(["%s"] * by_id) + ")")
    if by_customer:
        where.append("customer_id IN (" + ", ".join(["%s"] * by_customer) + ")")
    # Only the number of placeholders varies; every value is a parameter.
    return "SELECT id, customer_id, admin_id FROM chats WHERE " + " OR ".join(where) + " FOR UPDATE"  # noqa: S608


async def lock_many(
    conn: Connection, *, chat_ids: Sequence[int], customer_ids: Sequence[int]
) -> list[Row]:
    """Lock the chats with these ids and the chats of these customers; missing ones are absent."""
    if not chat_ids and not customer_ids:
        return []
    sql = lock_many_sql(len(chat_ids), len(customer_ids))
    return await conn.fetch_all(sql, (*chat_ids, *customer_ids))


INSERT_SQL = """
INSERT INTO chats (customer_id, created_at, updated_at) VALUES (%s, %s, %s)
"""


async def insert(conn: Connection, *, customer_id: int, at: datetime) -> int:
    """Create the customer's chat; a second one raises errors.Conflict (uq_chats_customer)."""
    _, chat_id = await conn.execute(INSERT_SQL, (customer_id, at, at))
    return chat_id


ASSIGN_SQL = "UPDATE chats SET admin_id = %s, updated_at = %s WHERE id = %s"


async def assign(conn: Connection, *, chat_id: int, admin_id: int, at: datetime) -> None:
    await conn.execute(ASSIGN_SQL, (admin_id, at, chat_id))


# The unread counter is recounted from the read mark: PRIMARY (chat_id, id) ranges over the
# unread rows only. The mark never moves back and never past the newest message. The count is
# assigned first so that it reads the same mark expression as the assignment after it.
MARK_READ_BY_CUSTOMER_SQL = """
UPDATE chats c
SET c.customer_unread = (
        SELECT COUNT(*) FROM messages m
        WHERE m.chat_id = c.id AND m.sender_id <> c.customer_id
          AND m.id > GREATEST(c.customer_last_read_id, LEAST(%(last)s, c.last_message_id))
    ),
    c.customer_last_read_id = GREATEST(c.customer_last_read_id, LEAST(%(last)s, c.last_message_id))
WHERE c.id = %(chat_id)s
"""
MARK_READ_BY_ADMIN_SQL = """
UPDATE chats c
SET c.admin_unread = (
        SELECT COUNT(*) FROM messages m
        WHERE m.chat_id = c.id AND m.sender_id = c.customer_id
          AND m.id > GREATEST(c.admin_last_read_id, LEAST(%(last)s, c.last_message_id))
    ),
    c.admin_last_read_id = GREATEST(c.admin_last_read_id, LEAST(%(last)s, c.last_message_id))
WHERE c.id = %(chat_id)s
"""
READ_MARKS_SQL = "SELECT customer_last_read_id, admin_last_read_id FROM chats WHERE id = %s"


async def mark_read(
    conn: Connection, *, chat_id: int, last_read_id: int, by_customer: bool
) -> Row | None:
    """Move one side's read mark forward and recount its unread; returns both marks."""
    sql = MARK_READ_BY_CUSTOMER_SQL if by_customer else MARK_READ_BY_ADMIN_SQL
    await conn.execute(sql, {"last": last_read_id, "chat_id": chat_id})
    return await conn.fetch_one(READ_MARKS_SQL, (chat_id,))
