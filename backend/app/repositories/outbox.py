"""SQL of the outbox: enqueue (inside the transaction of the change), claim, settle, list, prune."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.db import Connection, Row
from app.repositories.messages import MESSAGE_WITH_CHAT_SELECT
from app.repositories.placeholders import in_list
from app.repositories.wire import wire_time
from app.serialization import dumps

# (topic, chat_id, endpoint_id, message_id, public_id, payload, at). A message.created delivery
# has its message's id and an empty payload: its first claim renders the body (`lease`).
NewDelivery = tuple[str, int | None, int, int | None, str, str, datetime]

INSERT_WEBHOOKS_SQL = (
    "INSERT INTO outbox (kind, topic, chat_id, endpoint_id, message_id, public_id, payload, "
    "next_attempt_at, created_at) VALUES "
)


async def insert_webhooks(conn: Connection, rows: Sequence[NewDelivery]) -> None:
    """One row per (event, endpoint), due at once."""
    if not rows:
        return
    values = ", ".join(["('webhook', %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = []
    for topic, chat_id, endpoint_id, message_id, public_id, payload, at in rows:
        params += [topic, chat_id, endpoint_id, message_id, public_id, payload, at, at]
    await conn.execute(INSERT_WEBHOOKS_SQL + values, params)


# PRIMARY KEY of chats and visitors; uq_outbox_pending_key. One pending reply email per chat
# whose customer has an email: a later batch of replies joins it (the due time stays that of the
# first), so the wait runs from the first unread admin message.
def enqueue_replies_sql(count: int) -> str:
    return (
        "INSERT INTO outbox (kind, topic, chat_id, dedupe_key, payload, next_attempt_at, "
        "created_at) "
        "SELECT 'email', 'reply', c.id, CONCAT('reply:', c.id), '{}', %s, %s "
        "FROM chats c JOIN visitors v ON v.customer_id = c.customer_id "
        "WHERE c.id IN " + in_list(count) + " AND v.email IS NOT NULL "
        "ON DUPLICATE KEY UPDATE outbox.id = outbox.id"
    )


async def enqueue_replies(
    conn: Connection, *, chat_ids: Sequence[int], due: datetime, at: datetime
) -> None:
    if chat_ids:
        await conn.execute(enqueue_replies_sql(len(chat_ids)), (due, at, *chat_ids))


# uq_outbox_pending_key: one pending email per (topic, chat).
ENQUEUE_EMAILS_SQL = (
    "INSERT INTO outbox (kind, topic, chat_id, dedupe_key, payload, next_attempt_at, created_at) "
    "VALUES "
)


async def enqueue_emails(
    conn: Connection, *, topic: str, chat_ids: Sequence[int], due: datetime, at: datetime
) -> None:
    if not chat_ids:
        return
    values = ", ".join(["('email', %s, %s, %s, '{}', %s, %s)"] * len(chat_ids))
    params: list[Any] = []
    for chat_id in chat_ids:
        params += [topic, chat_id, f"{topic}:{chat_id}", due, at]
    await conn.execute(ENQUEUE_EMAILS_SQL + values + " ON DUPLICATE KEY UPDATE id = id", params)


# ix_outbox_due: pending rows due first, in the order they came due. A plain read, no locks: a
# locking read of this range would also lock the first entry past its end, the earliest leased
# row (a lease moves a row's next_attempt_at just past the due ones), and that row's settle
# would wait for this claim's commit (bench/README.md, issue 16, the soak's lock waits).
DUE_SQL = """
SELECT id FROM outbox FORCE INDEX (ix_outbox_due)
WHERE status = 'pending' AND next_attempt_at <= %s
ORDER BY next_attempt_at, id
LIMIT %s
"""


async def due_ids(conn: Connection, *, now: datetime, limit: int) -> list[int]:
    """Up to `limit` ids due at `now`, in due order; another worker may be claiming them."""
    return [r["id"] for r in await conn.fetch_all(DUE_SQL, (now, limit))]


def lock_due_sql(count: int) -> str:
    # PRIMARY KEY, one point per id: only these rows are locked. The condition is checked again
    # on each row's newest version, so a row another claim leased meanwhile is left out, and
    # SKIP LOCKED leaves the rows another worker is claiming right now to that worker.
    ids = in_list(count)
    return f"""
SELECT id FROM outbox FORCE INDEX (PRIMARY) WHERE id IN {ids}
AND status = 'pending' AND next_attempt_at <= %s FOR UPDATE SKIP LOCKED
"""  # noqa: S608 (placeholders only: every value is a parameter)


async def lock_due(conn: Connection, *, ids: Sequence[int], now: datetime) -> list[int]:
    """Inside the claim's transaction: lock those of `ids` still due that no one else is
    claiming, in the order of `ids`."""
    rows = await conn.fetch_all(lock_due_sql(len(ids)), (*ids, now))
    locked = {r["id"] for r in rows}
    return [i for i in ids if i in locked]


def claimed_sql(count: int) -> str:
    # PRIMARY KEY. A message.created delivery not yet rendered (an empty payload) comes with
    # `source`, its message and chat as one JSON object, or NULL when the message is gone.
    return (
        "SELECT o.id, o.kind, o.topic, o.chat_id, o.endpoint_id, o.message_id, o.public_id, "
        "o.payload, o.attempts, o.claim_token, o.created_at, e.url AS endpoint_url, "
        "e.secret AS endpoint_secret, "
        "IF(o.message_id IS NOT NULL AND o.payload = '', "
        "(" + MESSAGE_WITH_CHAT_SELECT + " WHERE m.id = o.message_id), NULL) AS source "
        "FROM outbox o LEFT JOIN webhook_endpoints e ON e.id = o.endpoint_id "
        "WHERE o.id IN " + in_list(count)
    )


async def read_claimed(conn: Connection, ids: Sequence[int]) -> list[Row]:
    """The rows `lock_due` locked, as the workers attempt them."""
    return await conn.fetch_all(claimed_sql(len(ids)), tuple(ids))


# PRIMARY KEY. The lease: due again when it runs out, settled only by this token; and the body
# a delivery's first claim rendered, stored for every later attempt (rows without `body` keep
# theirs).
LEASE_SQL = """
UPDATE outbox o
JOIN JSON_TABLE(%s, '$[*]' COLUMNS (
    id BIGINT UNSIGNED PATH '$.id',
    body MEDIUMTEXT CHARACTER SET utf8mb4 PATH '$.body'
)) s ON s.id = o.id
SET o.attempts = o.attempts + 1, o.claim_token = %s, o.locked_until = %s,
    o.next_attempt_at = %s, o.payload = COALESCE(s.body, o.payload)
"""


async def lease(
    conn: Connection,
    *,
    ids: Sequence[int],
    token: str,
    lease_until: datetime,
    bodies: dict[int, str],
) -> None:
    """Inside the claim's transaction, for rows `lock_due` locked."""
    doc = [{"id": i, "body": bodies[i]} if i in bodies else {"id": i} for i in ids]
    await conn.execute(LEASE_SQL, (dumps(doc), token, lease_until, lease_until))


# PRIMARY KEY, fenced on each row's claim token: a row whose lease ran out and was claimed
# again is left to its new claimer. One statement settles a whole batch of attempts.
SETTLE_MANY_SQL = """
UPDATE outbox o
JOIN JSON_TABLE(%s, '$[*]' COLUMNS (
    id BIGINT UNSIGNED PATH '$.id',
    token CHAR(32) PATH '$.token',
    status VARCHAR(16) PATH '$.status',
    next_at DATETIME(6) PATH '$.next_at',
    response_status SMALLINT UNSIGNED PATH '$.response_status',
    last_error VARCHAR(500) PATH '$.last_error',
    delivered_at DATETIME(6) PATH '$.delivered_at',
    undo_attempt TINYINT PATH '$.undo_attempt'
)) s ON s.id = o.id AND s.token = o.claim_token
SET o.status = s.status,
    o.next_attempt_at = s.next_at,
    o.response_status = s.response_status,
    o.last_error = s.last_error,
    o.delivered_at = s.delivered_at,
    o.attempts = o.attempts - s.undo_attempt,
    o.claim_token = NULL,
    o.locked_until = NULL
"""


def _sql_time(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat(sep=" ", timespec="microseconds")


async def settle_many(conn: Connection, outcomes: Sequence[dict[str, Any]]) -> int:
    """Settle attempts: each outcome has id, token, status, next_at, response_status,
    last_error, delivered_at, undo_attempt. Returns how many rows were still ours."""
    if not outcomes:
        return 0
    doc = [
        {
            **o,
            "next_at": _sql_time(o["next_at"]),
            "delivered_at": _sql_time(o["delivered_at"]),
            "undo_attempt": 1 if o.get("undo_attempt") else 0,
        }
        for o in outcomes
    ]
    affected, _ = await conn.execute(SETTLE_MANY_SQL, (dumps(doc),))
    return affected


# PRIMARY KEY. Locks the row for a settle that must write more in the same transaction.
LOCK_CLAIMED_SQL = "SELECT id FROM outbox WHERE id = %s AND claim_token = %s FOR UPDATE"


async def lock_claimed(conn: Connection, *, outbox_id: int, token: str) -> bool:
    return await conn.fetch_one(LOCK_CLAIMED_SQL, (outbox_id, token)) is not None


_ROW_FIELDS = f"""
    'id', o.id, 'kind', o.kind, 'topic', o.topic, 'chat_id', o.chat_id,
    'endpoint_id', o.endpoint_id, 'public_id', o.public_id, 'status', o.status,
    'attempts', o.attempts, 'response_status', o.response_status, 'last_error', o.last_error,
    'created_at', {wire_time("o.created_at")},
    'next_attempt_at', {wire_time("o.next_attempt_at")},
    'delivered_at', {wire_time("o.delivered_at")},
    'email', v.email, 'url', e.url"""
_ROW_SELECT = f"""
SELECT JSON_OBJECT({_ROW_FIELDS})
FROM outbox o
LEFT JOIN chats c ON c.id = o.chat_id
LEFT JOIN visitors v ON v.customer_id = c.customer_id
LEFT JOIN webhook_endpoints e ON e.id = o.endpoint_id
"""  # noqa: S608 (constants only)

# ix_outbox_status_id: a keyset page newest first. "failed" is a pending row that was tried.
LIST_PENDING_SQL = (
    _ROW_SELECT
    + "WHERE o.status = 'pending' AND o.last_error IS NULL AND o.id < %s "
    + "ORDER BY o.id DESC LIMIT %s"
)
# ix_outbox_status_id.
LIST_FAILED_SQL = (
    _ROW_SELECT
    + "WHERE o.status = 'pending' AND o.last_error IS NOT NULL AND o.id < %s "
    + "ORDER BY o.id DESC LIMIT %s"
)
# ix_outbox_status_id.
LIST_DEAD_SQL = _ROW_SELECT + "WHERE o.status = 'dead' AND o.id < %s ORDER BY o.id DESC LIMIT %s"


async def list_page(conn: Connection, *, status: str, before: int, limit: int) -> list[Row]:
    sql = {"pending": LIST_PENDING_SQL, "failed": LIST_FAILED_SQL, "dead": LIST_DEAD_SQL}[status]
    return await conn.fetch_json(sql, (before, limit))


# ix_outbox_endpoint: an endpoint's deliveries, newest first. Named, because when one endpoint
# holds most rows the optimizer would walk the whole primary key backwards instead.
LIST_FOR_ENDPOINT_SQL = (
    _ROW_SELECT.replace("FROM outbox o", "FROM outbox o FORCE INDEX (ix_outbox_endpoint)")
    + "WHERE o.endpoint_id = %s ORDER BY o.id DESC LIMIT %s"
)


async def list_for_endpoint(conn: Connection, *, endpoint_id: int, limit: int) -> list[Row]:
    return await conn.fetch_json(LIST_FOR_ENDPOINT_SQL, (endpoint_id, limit))


# PRIMARY KEY.
GET_SQL = _ROW_SELECT + "WHERE o.id = %s"


async def get(conn: Connection, *, outbox_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_SQL, (outbox_id,))


# uq_outbox_public_id.
GET_BY_PUBLIC_ID_SQL = _ROW_SELECT + "WHERE o.public_id = %s"


async def get_by_public_id(conn: Connection, *, public_id: str) -> Row | None:
    return await conn.fetch_json_one(GET_BY_PUBLIC_ID_SQL, (public_id,))


# PRIMARY KEY. Back in the queue, due now, with a fresh set of attempts; only a dead row or a
# failed one waiting for its next try (a claimed one is left to its claimer).
RETRY_SQL = """
UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = %s, last_error = NULL
WHERE id = %s AND claim_token IS NULL
    AND (status = 'dead' OR (status = 'pending' AND last_error IS NOT NULL))
"""


async def retry(conn: Connection, *, outbox_id: int, at: datetime) -> bool:
    affected, _ = await conn.execute(RETRY_SQL, (at, outbox_id))
    return affected == 1


# ix_outbox_due: settled rows whose settle time (next_attempt_at) is older than the cutoff,
# a bounded batch at a time so the prune never holds many locks.
PRUNE_SQL = """
DELETE FROM outbox WHERE status = %s AND next_attempt_at < %s ORDER BY next_attempt_at LIMIT %s
"""


async def prune(conn: Connection, *, status: str, before: datetime, limit: int) -> int:
    affected, _ = await conn.execute(PRUNE_SQL, (status, before, limit))
    return affected


# PRIMARY KEY of chat_email_marks; made on first use.
GET_MARKS_SQL = """
SELECT c.id AS chat_id, c.customer_id, c.customer_last_read_id, c.admin_last_read_id,
    COALESCE(k.customer_upto_id, 0) AS customer_upto_id,
    COALESCE(k.team_upto_id, 0) AS team_upto_id,
    v.email, v.language
FROM chats c
LEFT JOIN chat_email_marks k ON k.chat_id = c.id
LEFT JOIN visitors v ON v.customer_id = c.customer_id
WHERE c.id = %s
"""


async def get_marks(conn: Connection, *, chat_id: int) -> Row | None:
    return await conn.fetch_one(GET_MARKS_SQL, (chat_id,))


# PRIMARY KEY. The marks only move forward.
MOVE_MARKS_SQL = """
INSERT INTO chat_email_marks (chat_id, customer_upto_id, team_upto_id) VALUES (%s, %s, %s)
ON DUPLICATE KEY UPDATE
    customer_upto_id = GREATEST(customer_upto_id, VALUES(customer_upto_id)),
    team_upto_id = GREATEST(team_upto_id, VALUES(team_upto_id))
"""


async def move_marks(
    conn: Connection, *, chat_id: int, customer_upto_id: int, team_upto_id: int
) -> None:
    await conn.execute(MOVE_MARKS_SQL, (chat_id, customer_upto_id, team_upto_id))


# PRIMARY KEY. A settle for one row, fenced on its claim token.
SETTLE_ONE_SQL = """
UPDATE outbox SET status = %s, next_attempt_at = %s, response_status = %s, last_error = %s,
    delivered_at = %s, attempts = attempts - %s, claim_token = NULL, locked_until = NULL
WHERE id = %s AND claim_token = %s
"""


async def settle_one(conn: Connection, outcome: dict[str, Any]) -> bool:
    affected, _ = await conn.execute(
        SETTLE_ONE_SQL,
        (
            outcome["status"],
            outcome["next_at"],
            outcome["response_status"],
            outcome["last_error"],
            outcome["delivered_at"],
            1 if outcome.get("undo_attempt") else 0,
            outcome["id"],
            outcome["token"],
        ),
    )
    return affected == 1
