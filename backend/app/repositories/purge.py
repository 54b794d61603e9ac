"""SQL that deletes chats and customers for good (erase, retention). The children go first:
messages and chats reference users without cascading. A deleted message takes its search rows
(and attachments) with it; a deleted chat its events, ratings and email marks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.db import Connection, Row
from app.repositories.chat_events import BucketCount
from app.repositories.placeholders import in_list

# PRIMARY KEY (chat_id, id) and ix_chat_events_chat: what the chats put in the report buckets
# (their text messages, their start, their resolutions), to take it off again.
_MESSAGE_COUNTS_SQL = """
SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', m.created_at) DIV 15) * 15,
                    TIMESTAMP'2000-01-01 00:00:00') AS bucket,
       IF(m.sender_id = c.customer_id, 0, m.sender_id) AS who, COUNT(*) AS n
FROM messages m JOIN chats c ON c.id = m.chat_id
WHERE m.kind = 'text' AND m.chat_id IN {ids}
GROUP BY bucket, who
"""
_EVENT_COUNTS_SQL = """
SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', e.at) DIV 15) * 15,
                    TIMESTAMP'2000-01-01 00:00:00') AS bucket,
       IF(e.kind = 'resolved', COALESCE(e.admin_id, 0), 0) AS who,
       SUM(e.kind = 'first_customer_message') AS started, SUM(e.kind = 'resolved') AS resolved
FROM chat_events e
WHERE e.kind IN ('first_customer_message', 'resolved') AND e.chat_id IN {ids}
GROUP BY bucket, who
"""


def message_counts_sql(count: int) -> str:
    return _MESSAGE_COUNTS_SQL.replace("{ids}", in_list(count))


def event_counts_sql(count: int) -> str:
    return _EVENT_COUNTS_SQL.replace("{ids}", in_list(count))


async def bucket_counts(conn: Connection, *, chat_ids: Sequence[int]) -> list[BucketCount]:
    params = tuple(chat_ids)
    texts = await conn.fetch_all(message_counts_sql(len(params)), params)
    events = await conn.fetch_all(event_counts_sql(len(params)), params)
    return [(r["bucket"], int(r["who"]), int(r["n"]), 0, 0) for r in texts] + [
        (r["bucket"], int(r["who"]), 0, int(r["started"]), int(r["resolved"])) for r in events
    ]


# ix_outbox_chat: every outbox row about the chats (reply and team emails, webhooks), whatever
# its state: pending ones would still mail or post, settled ones keep the payload.
DELETE_OUTBOX_SQL = "DELETE FROM outbox WHERE chat_id IN "
# PRIMARY KEY (chat_id, id).
DELETE_MESSAGES_SQL = "DELETE FROM messages WHERE chat_id IN "
# PRIMARY KEY.
DELETE_CHATS_SQL = "DELETE FROM chats WHERE id IN "


async def delete_chats(conn: Connection, *, chat_ids: Sequence[int]) -> None:
    params = tuple(chat_ids)
    await conn.execute(DELETE_OUTBOX_SQL + in_list(len(params)), params)
    await conn.execute(DELETE_MESSAGES_SQL + in_list(len(params)), params)
    await conn.execute(DELETE_CHATS_SQL + in_list(len(params)), params)


# PRIMARY KEY: the user, locked for the erase (visitors and their pages cascade).
LOCK_USER_SQL = "SELECT id, role FROM users WHERE id = %s FOR UPDATE"
DELETE_USER_SQL = "DELETE FROM users WHERE id = %s"


async def lock_user(conn: Connection, *, user_id: int) -> Row | None:
    return await conn.fetch_one(LOCK_USER_SQL, (user_id,))


async def delete_user(conn: Connection, *, user_id: int) -> None:
    await conn.execute(DELETE_USER_SQL, (user_id,))


# ix_chats_status_resolved: resolved chats whose resolution (their last activity: writing into
# a resolved chat reopens it) is older than the cutoff, oldest first. Rows another process holds
# are skipped, so any number of processes sweep side by side.
EXPIRED_SQL = """
SELECT id FROM chats
WHERE status = 'resolved' AND resolved_at < %s
ORDER BY resolved_at
LIMIT %s
FOR UPDATE SKIP LOCKED
"""


async def claim_expired(conn: Connection, *, cutoff: datetime, limit: int) -> list[int]:
    return [int(r["id"]) for r in await conn.fetch_all(EXPIRED_SQL, (cutoff, limit))]


GET_LOCK_SQL = "SELECT GET_LOCK(%s, 0) AS got"
RELEASE_LOCK_SQL = "SELECT RELEASE_LOCK(%s) AS released"


async def try_lock(conn: Connection, *, name: str) -> bool:
    row = await conn.fetch_one(GET_LOCK_SQL, (name,))
    return bool(row and row["got"] == 1)


async def unlock(conn: Connection, *, name: str) -> None:
    await conn.fetch_one(RELEASE_LOCK_SQL, (name,))
