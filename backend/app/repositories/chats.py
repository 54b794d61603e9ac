"""SQL of the chats table. A chat row comes joined with its customer, admin and last message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.db import Connection, Row
from app.repositories.attachments import attachments_json
from app.repositories.placeholders import in_list
from app.repositories.wire import wire_time

# One row per chat with everything a Chat needs, so a list page is one query, never one per chat.
# Its rating (`r_`) is that of its latest resolution (uq_chat_ratings_resolution).
# One JSON object per row (Connection.fetch_json), times in wire form. A chat has two newest
# messages: `m_` is its newest of any kind (what admins see), `t_` its newest text message (what
# its customer sees: never a note). A row carries the ones its readers need.
_CHAT_FIELDS = f"""
    'id', c.id, 'customer_id', c.customer_id, 'admin_id', c.admin_id, 'status', c.status,
    'state_version', c.state_version, 'blocked', c.blocked_at IS NOT NULL,
    'last_message_id', c.last_message_id, 'customer_last_read_id', c.customer_last_read_id,
    'admin_last_read_id', c.admin_last_read_id, 'customer_unread', c.customer_unread,
    'admin_unread', c.admin_unread, 'created_at', {wire_time("c.created_at")},
    'updated_at', {wire_time("c.updated_at")},
    'cu_username', cu.username, 'cu_display_name', cu.display_name, 'cu_role', cu.role,
    'cu_is_guest', cu.is_guest,
    'au_username', au.username, 'au_display_name', au.display_name, 'au_role', au.role,
    'au_is_guest', au.is_guest,
    'r_score', r.score, 'r_comment', r.comment, 'r_created_at', {wire_time("r.created_at")}"""


def _last_fields(p: str) -> str:
    return f"""
    '{p}_id', {p}.id, '{p}_sender_id', {p}.sender_id, '{p}_body', {p}.body, '{p}_kind', {p}.kind,
    '{p}_client_msg_id', {p}.client_msg_id, '{p}_created_at', {wire_time(p + ".created_at")},
    '{p}u_username', {p}u.username, '{p}u_display_name', {p}u.display_name,
    '{p}u_role', {p}u.role, '{p}u_is_guest', {p}u.is_guest,
    '{p}_attachments', {attachments_json(p)}"""


def _last_join(p: str, pointer: str) -> str:
    return f"""
LEFT JOIN messages {p} ON {p}.chat_id = c.id AND {p}.id = c.{pointer}
LEFT JOIN users {p}u ON {p}u.id = {p}.sender_id"""


_PARTY_JOINS = """
JOIN users cu ON cu.id = c.customer_id
LEFT JOIN users au ON au.id = c.admin_id
LEFT JOIN chat_ratings r ON r.chat_id = c.id AND r.resolution = c.resolutions"""

# A chat as its customer reads it (fields, joins after `chats c`), for a statement that selects
# it beside something else (repositories.messages.MESSAGE_WITH_CHAT_SELECT).
CUSTOMER_CHAT_FIELDS = _CHAT_FIELDS + "," + _last_fields("t")
CUSTOMER_CHAT_JOINS = _PARTY_JOINS + _last_join("t", "last_text_id")


def _chat_select(*, newest: bool, newest_text: bool) -> str:
    fields = _CHAT_FIELDS
    joins = "\nFROM chats c" + _PARTY_JOINS
    if newest:
        fields += "," + _last_fields("m")
        joins += _last_join("m", "last_message_id")
    if newest_text:
        fields += "," + _last_fields("t")
        joins += _last_join("t", "last_text_id")
    return f"SELECT JSON_OBJECT({fields}){joins}\n"


# Admins' rows (the lists), customers' rows (their own chat), and rows for both (events and
# GET /chats/{id}, which either side may call).
ADMIN_CHAT_SELECT = _chat_select(newest=True, newest_text=False)
CUSTOMER_CHAT_SELECT = _chat_select(newest=False, newest_text=True)
CHAT_SELECT = _chat_select(newest=True, newest_text=True)

# PRIMARY KEY.
GET_SQL = CHAT_SELECT + "WHERE c.id = %s"


async def get(conn: Connection, *, chat_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_SQL, (chat_id,))


# PRIMARY KEY. Read inside the transaction that changed the chats, so that the events after
# its commit describe the state it committed, not a later one.
def get_many_sql(count: int) -> str:
    return CHAT_SELECT + "WHERE c.id IN " + in_list(count)


async def get_many(conn: Connection, *, chat_ids: Sequence[int]) -> list[Row]:
    if not chat_ids:
        return []
    return await conn.fetch_json(get_many_sql(len(chat_ids)), tuple(chat_ids))


# uq_chats_customer.
GET_FOR_CUSTOMER_SQL = CUSTOMER_CHAT_SELECT + "WHERE c.customer_id = %s"


async def get_for_customer(conn: Connection, *, customer_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_FOR_CUSTOMER_SQL, (customer_id,))


# PRIMARY KEY. The parties of a chat, for access checks on typing and reads.
GET_PARTIES_SQL = (
    "SELECT id, customer_id, admin_id, status, last_message_id FROM chats WHERE id = %s"
)


async def get_parties(conn: Connection, *, chat_id: int) -> Row | None:
    return await conn.fetch_one(GET_PARTIES_SQL, (chat_id,))


# Keyset pages, newest activity first. The index is named because with LIMIT the optimizer may
# otherwise walk ix_chats_activity backwards and filter, which degrades as chats pile up.


def _list_sql(index: str, where: str) -> str:
    return (
        ADMIN_CHAT_SELECT.replace("FROM chats c", "FROM chats c FORCE INDEX (" + index + ")")
        + where
        + " ORDER BY c.last_message_id DESC LIMIT %s"
    )


# ix_chats_admin_status_activity: equalities on (admin_id, status), a range on the activity.
# A waiting chat is exactly one with no admin; the status is named for the index's sake.
LIST_WAITING_SQL = _list_sql(
    "ix_chats_admin_status_activity",
    "WHERE c.admin_id IS NULL AND c.status = 'waiting' AND c.last_message_id < %s",
)
# ix_chats_admin_status_activity.
LIST_MINE_SQL = _list_sql(
    "ix_chats_admin_status_activity",
    "WHERE c.admin_id = %s AND c.status = 'active' AND c.last_message_id < %s",
)
# ix_chats_admin_status_activity.
LIST_RESOLVED_SQL = _list_sql(
    "ix_chats_admin_status_activity",
    "WHERE c.admin_id = %s AND c.status = 'resolved' AND c.last_message_id < %s",
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
    if scope == "resolved":
        return await conn.fetch_json(LIST_RESOLVED_SQL, (admin_id, before, limit))
    return await conn.fetch_json(LIST_ALL_SQL, (before, limit))


# What the lifecycle rules look at (services.lifecycle), read under the lock that holds them.
# A send also reads whether it may be the chat's first response, and since when it waited.
_LOCKED_COLUMNS = (
    "id, customer_id, admin_id, status, blocked_at IS NOT NULL AS blocked, created_at, "
    "resolutions, first_response_at IS NULL AS awaiting_response"
)

# uq_chats_customer. Locks the chat so that sends into it commit in id order.
LOCK_FOR_CUSTOMER_SQL = (
    "SELECT " + _LOCKED_COLUMNS + " FROM chats WHERE customer_id = %s FOR UPDATE"  # noqa: S608
)


async def lock_for_customer(conn: Connection, *, customer_id: int) -> Row | None:
    return await conn.fetch_one(LOCK_FOR_CUSTOMER_SQL, (customer_id,))


# PRIMARY KEY.
LOCK_SQL = "SELECT " + _LOCKED_COLUMNS + " FROM chats WHERE id = %s FOR UPDATE"  # noqa: S608


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
    return (
        "SELECT " + _LOCKED_COLUMNS + " FROM chats WHERE " + " OR ".join(where) + " FOR UPDATE"  # noqa: S608
    )


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


# PRIMARY KEY. Every change of state or admin goes through here (services.lifecycle decides it).
# A change into resolved counts a resolution (assigned before `status`, which MariaDB's UPDATE
# assigns left to right, so it still compares the old status).
SET_STATE_SQL = """
UPDATE chats
SET resolutions = resolutions + IF(%(status)s = 'resolved' AND status <> 'resolved', 1, 0),
    admin_id = %(admin_id)s, status = %(status)s, state_version = state_version + 1,
    updated_at = %(at)s, resolved_at = IF(%(status)s = 'resolved', %(at)s, resolved_at)
WHERE id = %(chat_id)s
"""


async def set_state(
    conn: Connection, *, chat_id: int, admin_id: int | None, status: str, at: datetime
) -> None:
    await conn.execute(
        SET_STATE_SQL, {"chat_id": chat_id, "admin_id": admin_id, "status": status, "at": at}
    )


# PRIMARY KEY. The chats a batch of sends reopened, one statement per new state: a customer's
# message makes a chat waiting (no admin), its admin's makes it active (same admin).
REOPEN_WAITING_SQL = (
    "UPDATE chats SET status = 'waiting', admin_id = NULL, state_version = state_version + 1 "
    "WHERE id IN "
)
REOPEN_ACTIVE_SQL = (
    "UPDATE chats SET status = 'active', state_version = state_version + 1 WHERE id IN "
)


async def reopen_many(
    conn: Connection, *, waiting_ids: Sequence[int], active_ids: Sequence[int]
) -> None:
    if waiting_ids:
        await conn.execute(REOPEN_WAITING_SQL + in_list(len(waiting_ids)), tuple(waiting_ids))
    if active_ids:
        await conn.execute(REOPEN_ACTIVE_SQL + in_list(len(active_ids)), tuple(active_ids))


# PRIMARY KEY.
SET_BLOCKED_SQL = "UPDATE chats SET blocked_at = %s WHERE id = %s"


async def set_blocked(conn: Connection, *, chat_id: int, at: datetime | None) -> None:
    """Block the chat's customer at `at`, or unblock them (None)."""
    await conn.execute(SET_BLOCKED_SQL, (at, chat_id))


# The unread counter is recounted from the read mark: PRIMARY (chat_id, id) ranges over the
# unread rows only; notes count for no one. The mark never moves back and never past the
# newest message. The count is assigned first so that it reads the same mark expression as
# the assignment after it.
MARK_READ_BY_CUSTOMER_SQL = """
UPDATE chats c
SET c.customer_unread = (
        SELECT COUNT(*) FROM messages m
        WHERE m.chat_id = c.id AND m.sender_id <> c.customer_id AND m.kind = 'text'
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


# uq_chats_customer.
CUSTOMER_BLOCKED_SQL = "SELECT blocked_at IS NOT NULL AS blocked FROM chats WHERE customer_id = %s"


async def customer_blocked(conn: Connection, *, customer_id: int) -> bool:
    row = await conn.fetch_one(CUSTOMER_BLOCKED_SQL, (customer_id,))
    return bool(row and row["blocked"])
