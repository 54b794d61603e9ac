"""SQL of chat ratings: one per resolution of a chat."""

from __future__ import annotations

from datetime import datetime

from app.db import Connection, Row
from app.repositories.wire import wire_time

INSERT_SQL = """
INSERT INTO chat_ratings (chat_id, resolution, admin_id, score, comment, created_at)
VALUES (%s, %s, %s, %s, %s, %s)
"""


async def insert(
    conn: Connection,
    *,
    chat_id: int,
    resolution: int,
    admin_id: int | None,
    score: int,
    comment: str | None,
    at: datetime,
) -> None:
    """A second rating of one resolution raises errors.Conflict (uq_chat_ratings_resolution)."""
    await conn.execute(INSERT_SQL, (chat_id, resolution, admin_id, score, comment, at))


# uq_chat_ratings_resolution (its chat_id prefix), oldest first.
FOR_CHAT_SQL = f"""
SELECT JSON_OBJECT('score', score, 'comment', comment, 'created_at', {wire_time("created_at")})
FROM chat_ratings WHERE chat_id = %s ORDER BY resolution
"""  # noqa: S608 (constants only: no input is formatted into SQL)


async def for_chat(conn: Connection, *, chat_id: int) -> list[Row]:
    return await conn.fetch_json(FOR_CHAT_SQL, (chat_id,))
