"""SQL of reports: sums over indexed time ranges of report buckets, chat events and ratings.
Every range is [start, end) in naive UTC; a report's size follows the range, never the history."""

from __future__ import annotations

from datetime import datetime

from app.db import Connection, Row
from app.repositories.wire import wire_time

# PRIMARY KEY (bucket, admin_id): per bucket, text messages from customers and from admins,
# chats started and resolutions.
BUCKETS_SQL = """
SELECT bucket, SUM(IF(admin_id = 0, messages, 0)) AS customers,
       SUM(IF(admin_id = 0, 0, messages)) AS admins,
       SUM(chats_started) AS started, SUM(chats_resolved) AS resolved
FROM report_buckets
WHERE bucket >= %s AND bucket < %s
GROUP BY bucket
"""


async def buckets(conn: Connection, *, start: datetime, end: datetime) -> list[Row]:
    return await conn.fetch_all(BUCKETS_SQL, (start, end))


# PRIMARY KEY (bucket, admin_id): each admin's text messages and resolutions over the range.
ADMIN_COUNTS_SQL = """
SELECT admin_id, SUM(messages) AS messages, SUM(chats_resolved) AS resolved
FROM report_buckets
WHERE bucket >= %s AND bucket < %s AND admin_id <> 0
GROUP BY admin_id
"""


async def admin_counts(conn: Connection, *, start: datetime, end: datetime) -> list[Row]:
    return await conn.fetch_all(ADMIN_COUNTS_SQL, (start, end))


# ix_chat_events_kind_at. Nearest-rank percentiles: PERCENTILE_DISC gives the first value whose
# cumulative share reaches p, i.e. the ceil(p * n)-th smallest. One row per admin (admin_id
# NULL: everyone), with that admin's count.
PERCENTILES_SQL = """
SELECT DISTINCT NULL AS admin_id,
       PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY seconds) OVER () AS p50,
       PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY seconds) OVER () AS p90,
       COUNT(*) OVER () AS n
FROM chat_events
WHERE kind = %s AND at >= %s AND at < %s AND seconds IS NOT NULL
"""
ADMIN_PERCENTILES_SQL = """
SELECT DISTINCT admin_id,
       PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY seconds) OVER (PARTITION BY admin_id) AS p50,
       NULL AS p90,
       COUNT(*) OVER (PARTITION BY admin_id) AS n
FROM chat_events
WHERE kind = %s AND at >= %s AND at < %s AND seconds IS NOT NULL
"""


async def percentiles(
    conn: Connection, *, kind: str, start: datetime, end: datetime, per_admin: bool
) -> list[Row]:
    sql = ADMIN_PERCENTILES_SQL if per_admin else PERCENTILES_SQL
    return await conn.fetch_all(sql, (kind, start, end))


# ix_chat_ratings_created.
SCORES_SQL = """
SELECT score, COUNT(*) AS n FROM chat_ratings
WHERE created_at >= %s AND created_at < %s
GROUP BY score
"""


async def scores(conn: Connection, *, start: datetime, end: datetime) -> list[Row]:
    return await conn.fetch_all(SCORES_SQL, (start, end))


def users_sql(count: int) -> str:
    return (
        "SELECT id, username, display_name, role, is_guest FROM users WHERE id IN ("  # noqa: S608
        + ", ".join(["%s"] * count)
        + ")"
    )


async def users(conn: Connection, *, user_ids: list[int]) -> list[Row]:
    """PRIMARY KEY: the admins a report names."""
    if not user_ids:
        return []
    return await conn.fetch_all(users_sql(len(user_ids)), tuple(user_ids))


# ix_chat_events_kind_at (kind, at, id), keyset by (at, id): the chats started in the range, a
# page at a time, with what the CSV shows of each (its first response from ix_chat_events_chat,
# its latest resolution's duration likewise, its latest resolution's rating).
CHATS_PAGE_SQL = f"""
SELECT JSON_OBJECT(
    'event_id', e.id, 'started', {wire_time("e.at")}, 'chat_id', c.id,
    'customer_id', c.customer_id, 'customer_name', cu.display_name, 'status', c.status,
    'admin_id', c.admin_id, 'admin_name', au.display_name,
    'first_response_seconds', fr.seconds, 'resolutions', c.resolutions,
    'resolved_at', {wire_time("c.resolved_at")},
    'resolution_seconds', (
        SELECT r.seconds FROM chat_events r
        WHERE r.chat_id = c.id AND r.kind = 'resolved' ORDER BY r.at DESC LIMIT 1),
    'rating', rt.score, 'rating_comment', rt.comment,
    'blocked', c.blocked_at IS NOT NULL)
FROM chat_events e
JOIN chats c ON c.id = e.chat_id
JOIN users cu ON cu.id = c.customer_id
LEFT JOIN users au ON au.id = c.admin_id
LEFT JOIN chat_events fr ON fr.chat_id = c.id AND fr.kind = 'first_response'
LEFT JOIN chat_ratings rt ON rt.chat_id = c.id AND rt.resolution = c.resolutions
WHERE e.kind = 'first_customer_message' AND e.at < %s
  AND (e.at > %s OR (e.at = %s AND e.id > %s))
ORDER BY e.at, e.id
LIMIT %s
"""  # noqa: S608 (constants only: no input is formatted into SQL)


async def chats_page(
    conn: Connection,
    *,
    end: datetime,
    after_at: datetime,
    after_id: int,
    limit: int,
) -> list[Row]:
    return await conn.fetch_json(CHATS_PAGE_SQL, (end, after_at, after_at, after_id, limit))
