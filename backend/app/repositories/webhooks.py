"""SQL of webhook endpoints (a handful of rows: every read of them is a scan of a tiny table)."""

from __future__ import annotations

from datetime import datetime

from app.db import Connection, Row
from app.repositories.wire import wire_time

_FIELDS = f"""
    'id', id, 'url', url, 'events', events, 'enabled', enabled IS TRUE, 'secret', secret,
    'created_at', {wire_time("created_at")}"""

INSERT_SQL = """
INSERT INTO webhook_endpoints (url, events, enabled, secret, created_at)
VALUES (%s, %s, TRUE, %s, %s)
"""


async def insert(conn: Connection, *, url: str, events: str, secret: str, at: datetime) -> int:
    _, endpoint_id = await conn.execute(INSERT_SQL, (url, events, secret, at))
    return endpoint_id


# PRIMARY KEY (the whole table, in id order: an admin's list of a few endpoints).
LIST_SQL = f"SELECT JSON_OBJECT({_FIELDS}) FROM webhook_endpoints WHERE id > %s ORDER BY id"  # noqa: S608 (constants only)


async def list_all(conn: Connection) -> list[Row]:
    return await conn.fetch_json(LIST_SQL, (0,))


# PRIMARY KEY.
GET_SQL = f"SELECT JSON_OBJECT({_FIELDS}) FROM webhook_endpoints WHERE id = %s"  # noqa: S608 (constants only)


async def get(conn: Connection, *, endpoint_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_SQL, (endpoint_id,))


# PRIMARY KEY.
UPDATE_SQL = """
UPDATE webhook_endpoints
SET url = COALESCE(%s, url), events = COALESCE(%s, events), enabled = COALESCE(%s, enabled)
WHERE id = %s
"""


async def update(
    conn: Connection,
    *,
    endpoint_id: int,
    url: str | None,
    events: str | None,
    enabled: bool | None,
) -> None:
    await conn.execute(UPDATE_SQL, (url, events, enabled, endpoint_id))


# PRIMARY KEY. Its deliveries go with it (fk_outbox_endpoint ON DELETE CASCADE).
DELETE_SQL = "DELETE FROM webhook_endpoints WHERE id = %s"


async def delete(conn: Connection, *, endpoint_id: int) -> bool:
    affected, _ = await conn.execute(DELETE_SQL, (endpoint_id,))
    return affected == 1


# A scan of the few endpoints, inside the transaction of the event: an endpoint saved or
# switched off commits before or after the event, never half-way through it.
ENABLED_SQL = "SELECT id, events FROM webhook_endpoints WHERE enabled = TRUE"


async def enabled(conn: Connection) -> list[Row]:
    return await conn.fetch_all(ENABLED_SQL)
