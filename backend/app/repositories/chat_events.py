"""SQL of what reports read: chat events (written with the change they record) and the
15-minute report buckets (written with what they count)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from app.db import Connection

# (chat_id, kind, admin_id, at, seconds)
NewEvent = tuple[int, str, int | None, datetime, float | None]
# (bucket, admin_id or 0 for customers, messages, chats started, chats resolved)
BucketCount = tuple[datetime, int, int, int, int]

BUCKET = timedelta(minutes=15)
_EPOCH = datetime(2000, 1, 1)


def bucket_of(at: datetime) -> datetime:
    """The start of the 15-minute UTC bucket holding `at` (naive UTC), as the migration's
    TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', at) DIV 15) * 15, '2000-01-01')."""
    return _EPOCH + ((at - _EPOCH) // BUCKET) * BUCKET


INSERT_EVENTS_SQL = "INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds) VALUES "


async def insert_events(conn: Connection, rows: Sequence[NewEvent]) -> None:
    if not rows:
        return
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    await conn.execute(INSERT_EVENTS_SQL + values, tuple(v for row in rows for v in row))


# ix_chat_events_chat, then the chat's PRIMARY KEY: where the cycle a resolution ends began.
CYCLE_START_SQL = """
SELECT COALESCE(
    (SELECT MAX(at) FROM chat_events WHERE chat_id = %s AND kind = 'reopened'),
    (SELECT created_at FROM chats WHERE id = %s)) AS started_at
"""


async def cycle_start(conn: Connection, *, chat_id: int) -> datetime | None:
    row = await conn.fetch_one(CYCLE_START_SQL, (chat_id, chat_id))
    return None if row is None else row["started_at"]


# PRIMARY KEY of chats, ix_chat_events_chat: the chats' first response times, from the events
# the same transaction just wrote.
def set_first_response_sql(count: int) -> str:
    return (
        "UPDATE chats c JOIN chat_events e ON e.chat_id = c.id AND e.kind = 'first_response' "
        "SET c.first_response_at = e.at "
        "WHERE c.first_response_at IS NULL AND c.id IN (" + ", ".join(["%s"] * count) + ")"
    )


async def set_first_response(conn: Connection, *, chat_ids: Sequence[int]) -> None:
    if chat_ids:
        await conn.execute(set_first_response_sql(len(chat_ids)), tuple(chat_ids))


# PRIMARY KEY (bucket, admin_id). Rows are written in key order, so two transactions lock them
# in the same order; callers run this last in their transaction, so a bucket row (every send of
# a quarter hour writes the same one) stays locked only for the commit.
ADD_COUNTS_SQL = (
    "INSERT INTO report_buckets (bucket, admin_id, messages, chats_started, chats_resolved) VALUES "
)
ADD_COUNTS_TAIL = (
    " ON DUPLICATE KEY UPDATE messages = messages + VALUES(messages),"
    " chats_started = chats_started + VALUES(chats_started),"
    " chats_resolved = chats_resolved + VALUES(chats_resolved)"
)


async def add_counts(conn: Connection, counts: Sequence[BucketCount]) -> None:
    """Add (or, with negative numbers, take away) counts; rows of the same key are summed."""
    summed: dict[tuple[datetime, int], list[int]] = {}
    for bucket, who, messages, started, resolved in counts:
        row = summed.setdefault((bucket, who), [0, 0, 0])
        row[0] += messages
        row[1] += started
        row[2] += resolved
    rows = sorted((key, row) for key, row in summed.items() if any(row))
    if not rows:
        return
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    params = tuple(v for (bucket, who), row in rows for v in (bucket, who, *row))
    await conn.execute(ADD_COUNTS_SQL + values + ADD_COUNTS_TAIL, params)
