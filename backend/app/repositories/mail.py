"""SQL that email reads: the messages to send, the visitor's email and last page."""

from __future__ import annotations

from datetime import datetime

from app.db import Connection, Row
from app.repositories.messages import MESSAGE_SELECT

# PRIMARY KEY (chat_id, id): a chat's text messages after a mark, from its admins (anyone but
# its customer). Notes never: kind = 'text'.
REPLIES_AFTER_SQL = (
    MESSAGE_SELECT
    + "WHERE m.chat_id = %s AND m.id > %s AND m.kind = 'text' AND m.sender_id <> %s "
    + "ORDER BY m.id LIMIT %s"
)


async def replies_after(
    conn: Connection, *, chat_id: int, customer_id: int, after_id: int, limit: int
) -> list[Row]:
    return await conn.fetch_json(REPLIES_AFTER_SQL, (chat_id, after_id, customer_id, limit))


# PRIMARY KEY (chat_id, id): the customer's own text messages after a mark.
FROM_CUSTOMER_AFTER_SQL = (
    MESSAGE_SELECT
    + "WHERE m.chat_id = %s AND m.id > %s AND m.kind = 'text' AND m.sender_id = %s "
    + "ORDER BY m.id LIMIT %s"
)


async def from_customer_after(
    conn: Connection, *, chat_id: int, customer_id: int, after_id: int, limit: int
) -> list[Row]:
    return await conn.fetch_json(FROM_CUSTOMER_AFTER_SQL, (chat_id, after_id, customer_id, limit))


# PRIMARY KEY (chat_id, id): the newest text messages of a chat (a transcript), newest first.
TRANSCRIPT_SQL = (
    MESSAGE_SELECT + "WHERE m.chat_id = %s AND m.kind = 'text' ORDER BY m.id DESC LIMIT %s"
)


async def transcript(conn: Connection, *, chat_id: int, limit: int) -> list[Row]:
    rows = await conn.fetch_json(TRANSCRIPT_SQL, (chat_id, limit))
    return rows[::-1]


# PRIMARY KEY (customer_id, id) of visitor_pages: the page the visitor was on last.
LAST_PAGE_SQL = "SELECT url FROM visitor_pages WHERE customer_id = %s ORDER BY id DESC LIMIT 1"


async def last_page(conn: Connection, *, customer_id: int) -> str | None:
    row = await conn.fetch_one(LAST_PAGE_SQL, (customer_id,))
    return None if row is None else str(row["url"])


# PRIMARY KEY. The visitor row may not exist yet (a customer who never opened a socket).
SET_EMAIL_SQL = """
INSERT INTO visitors (customer_id, email, first_seen_at, last_seen_at) VALUES (%s, %s, %s, %s)
ON DUPLICATE KEY UPDATE email = VALUES(email)
"""


async def set_email(conn: Connection, *, customer_id: int, email: str, at: datetime) -> None:
    await conn.execute(SET_EMAIL_SQL, (customer_id, email, at, at))


# PRIMARY KEY.
GET_EMAIL_SQL = "SELECT email, language FROM visitors WHERE customer_id = %s"


async def get_email(conn: Connection, *, customer_id: int) -> Row | None:
    return await conn.fetch_one(GET_EMAIL_SQL, (customer_id,))
