"""SQL of the messages table. Rows come back joined with their sender."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from app.db import Connection, Row
from app.repositories.attachments import attachments_json
from app.repositories.chats import CUSTOMER_CHAT_FIELDS, CUSTOMER_CHAT_JOINS
from app.repositories.wire import wire_time

# One JSON object per row (Connection.fetch_json): the message and its sender, times in wire form.
MESSAGE_FIELDS = f"""
    'id', m.id, 'chat_id', m.chat_id, 'sender_id', m.sender_id, 'body', m.body, 'kind', m.kind,
    'client_msg_id', m.client_msg_id, 'created_at', {wire_time("m.created_at")},
    'u_username', u.username, 'u_display_name', u.display_name, 'u_role', u.role,
    'u_is_guest', u.is_guest, 'attachments', {attachments_json("m")}"""
MESSAGE_JSON = f"JSON_OBJECT({MESSAGE_FIELDS})"

MESSAGE_SELECT = f"""
SELECT {MESSAGE_JSON}
FROM messages m
JOIN users u ON u.id = m.sender_id
"""  # noqa: S608 (constants only: no input is formatted into SQL)

INSERT_SQL = """
INSERT INTO messages (chat_id, sender_id, body, kind, client_msg_id, created_at)
VALUES (%s, %s, %s, %s, %s, %s)
"""


async def insert(
    conn: Connection,
    *,
    chat_id: int,
    sender_id: int,
    body: str,
    kind: str,
    client_msg_id: str | None,
    created_at: datetime,
) -> int:
    """Insert a message; a repeated (chat, sender, client_msg_id) raises errors.Conflict."""
    _, message_id = await conn.execute(
        INSERT_SQL, (chat_id, sender_id, body, kind, client_msg_id, created_at)
    )
    return message_id


INSERT_MANY_SQL = (
    "INSERT INTO messages (chat_id, sender_id, body, kind, client_msg_id, created_at) VALUES "
)
NewMessage = tuple[int, int, str, str, str | None, datetime]


async def insert_many(conn: Connection, rows: Sequence[NewMessage]) -> list[int]:
    """Insert (chat_id, sender_id, body, kind, client_msg_id, created_at) rows in one statement and
    return their ids in the same order (RETURNING; auto-increment ids grow in VALUES order).
    A repeated (chat, sender, client_msg_id) raises errors.Conflict and inserts none of them."""
    if not rows:
        return []
    # Only the number of placeholders varies; every value is a parameter.
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    sql = INSERT_MANY_SQL + values + " RETURNING id"
    params = [value for row in rows for value in row]
    return [r["id"] for r in await conn.fetch_all(sql, params)]


# uq_messages_client_msg.
GET_BY_CLIENT_ID_SQL = (
    MESSAGE_SELECT + "WHERE m.chat_id = %s AND m.sender_id = %s AND m.client_msg_id = %s"
)


async def get_by_client_id(
    conn: Connection, *, chat_id: int, sender_id: int, client_msg_id: str
) -> Row | None:
    return await conn.fetch_json_one(GET_BY_CLIENT_ID_SQL, (chat_id, sender_id, client_msg_id))


# A message with its chat as the customer reads it, one JSON object: what a message.created
# webhook's body is rendered from (repositories.outbox embeds it, correlated on the message's id
# through uq_messages_id, then PRIMARY KEY of chats).
MESSAGE_WITH_CHAT_SELECT = f"""
SELECT JSON_OBJECT({MESSAGE_FIELDS}, 'chat', JSON_OBJECT({CUSTOMER_CHAT_FIELDS}))
FROM messages m
JOIN users u ON u.id = m.sender_id
JOIN chats c ON c.id = m.chat_id{CUSTOMER_CHAT_JOINS}
"""  # noqa: S608 (constants only)


# A history page carries its chat's parties in every row, so that the reader's right to the chat
# is checked on the same round trip (services.messages.history); an empty page has none, and the
# service then reads the parties alone. The chat is a constant (PRIMARY); the messages are a
# range of PRIMARY (chat_id, id) from the cursor (keyset, never OFFSET), adjacent rows since
# messages are stored in chat order.
PAGE_SELECT = f"""
SELECT JSON_OBJECT({MESSAGE_FIELDS},
    'chat_customer_id', c.customer_id, 'chat_admin_id', c.admin_id)
FROM messages m
JOIN chats c ON c.id = m.chat_id
JOIN users u ON u.id = m.sender_id
"""  # noqa: S608 (constants only)
PAGE_BEFORE_SQL = PAGE_SELECT + "WHERE m.chat_id = %s AND m.id < %s ORDER BY m.id DESC LIMIT %s"
PAGE_AFTER_SQL = PAGE_SELECT + "WHERE m.chat_id = %s AND m.id > %s ORDER BY m.id ASC LIMIT %s"
PAGE_BETWEEN_SQL = (
    PAGE_SELECT + "WHERE m.chat_id = %s AND m.id > %s AND m.id < %s ORDER BY m.id ASC LIMIT %s"
)
# The same ranges of PRIMARY (chat_id, id) for a customer: text only, a note never leaves here.
_TEXT = "m.kind = 'text' AND "
TEXT_PAGE_BEFORE_SQL = PAGE_BEFORE_SQL.replace("WHERE ", "WHERE " + _TEXT)
TEXT_PAGE_AFTER_SQL = PAGE_AFTER_SQL.replace("WHERE ", "WHERE " + _TEXT)
TEXT_PAGE_BETWEEN_SQL = PAGE_BETWEEN_SQL.replace("WHERE ", "WHERE " + _TEXT)


async def page_before(
    conn: Connection, *, chat_id: int, before_id: int, limit: int, text_only: bool
) -> list[Row]:
    """Up to `limit` messages older than `before_id`, newest first, with their chat's parties."""
    sql = TEXT_PAGE_BEFORE_SQL if text_only else PAGE_BEFORE_SQL
    return await conn.fetch_json(sql, (chat_id, before_id, limit))


async def page_after(
    conn: Connection, *, chat_id: int, after_id: int, limit: int, text_only: bool
) -> list[Row]:
    """Up to `limit` messages newer than `after_id`, oldest first, with their chat's parties."""
    sql = TEXT_PAGE_AFTER_SQL if text_only else PAGE_AFTER_SQL
    return await conn.fetch_json(sql, (chat_id, after_id, limit))


async def page_between(
    conn: Connection,
    *,
    chat_id: int,
    after_id: int,
    before_id: int,
    limit: int,
    text_only: bool,
) -> list[Row]:
    """Up to `limit` messages between the two ids, oldest first, with their chat's parties."""
    sql = TEXT_PAGE_BETWEEN_SQL if text_only else PAGE_BETWEEN_SQL
    return await conn.fetch_json(sql, (chat_id, after_id, before_id, limit))


# Catch-up for many chats in one statement: the cursors arrive as one JSON parameter and
# JSON_TABLE turns them into rows, so each chat is a range on PRIMARY (chat_id, id).
# Only chats the reader may read are joined in (their own, or waiting ones for an admin).
CATCH_UP_ADMIN_SQL = f"""
SELECT {MESSAGE_JSON}
FROM JSON_TABLE(%s, '$[*]' COLUMNS (
         chat_id BIGINT UNSIGNED PATH '$[0]',
         after_id BIGINT UNSIGNED PATH '$[1]')) AS s
JOIN chats c ON c.id = s.chat_id AND (c.admin_id = %s OR c.admin_id IS NULL)
JOIN messages m ON m.chat_id = s.chat_id AND m.id > s.after_id
JOIN users u ON u.id = m.sender_id
ORDER BY m.chat_id, m.id
LIMIT %s
"""  # noqa: S608 (constants only)


async def catch_up_admin(
    conn: Connection, *, admin_id: int, cursors: dict[int, int], limit: int
) -> list[Row]:
    pairs = json.dumps([[chat_id, after] for chat_id, after in cursors.items()])
    return await conn.fetch_json(CATCH_UP_ADMIN_SQL, (pairs, admin_id, limit))


# ix_chats_admin_status_activity finds the readable chats active since the cursor (admin_id =
# me or waiting, in any state: the status list turns it into ranges of the index rather than a
# walk of every chat the admin ever had), then PRIMARY (chat_id, id) ranges over each one's new
# rows.
CATCH_UP_ADMIN_SINCE_SQL = (
    MESSAGE_SELECT.replace("FROM messages m", "FROM chats c\nJOIN messages m ON m.chat_id = c.id")
    + "WHERE (c.admin_id = %s OR c.admin_id IS NULL) "
    + "AND c.status IN ('waiting', 'active', 'resolved') AND c.last_message_id > %s AND m.id > %s "
    + "ORDER BY m.chat_id, m.id LIMIT %s"
)


async def catch_up_admin_since(
    conn: Connection, *, admin_id: int, since: int, limit: int
) -> list[Row]:
    return await conn.fetch_json(CATCH_UP_ADMIN_SINCE_SQL, (admin_id, since, since, limit))


# PRIMARY KEY (chat_id, id): every text message of a chat, oldest first (the export; no notes).
ALL_TEXT_SQL = MESSAGE_SELECT + "WHERE m.chat_id = %s AND m.kind = 'text' ORDER BY m.id"


async def all_text(conn: Connection, *, chat_id: int) -> list[Row]:
    return await conn.fetch_json(ALL_TEXT_SQL, (chat_id,))
