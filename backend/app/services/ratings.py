"""Ratings: a customer scores the latest resolution of their chat, once."""

from __future__ import annotations

from app import errors
from app.db import Row, transaction
from app.realtime.events import Events
from app.repositories import chats, ratings
from app.serialization import iso
from app.services import outbox_events
from app.services.auth import utcnow
from app.services.chats import is_customer
from app.services.pool import Db, connection
from app.views import View


async def rate(db: Db, events: Events, *, customer: Row, score: int, comment: str | None) -> View:
    """A customer rates their chat while it is resolved, once per resolution (a chat resolved
    again may be rated again); a blocked customer may not. Every admin hears of it, and a
    `chat.rated` webhook goes out with the same commit."""
    if not is_customer(customer):
        raise errors.Forbidden("only customers rate their chat")
    comment = (comment or "").strip() or None
    async with connection(db) as conn:
        async with transaction(conn):
            locked = await chats.lock_for_customer(conn, customer_id=customer["id"])
            if locked is None:
                raise errors.NotFound("no chat yet: it starts with your first message")
            if locked["blocked"]:
                raise errors.Forbidden("you can no longer rate this conversation")
            if locked["status"] != "resolved":
                raise errors.Conflict("the conversation is not resolved: rate it once it is")
            at = utcnow()
            try:
                await ratings.insert(
                    conn,
                    chat_id=locked["id"],
                    resolution=locked["resolutions"],
                    admin_id=locked["admin_id"],
                    score=score,
                    comment=comment,
                    at=at,
                )
            except errors.Conflict:
                raise errors.Conflict("this conversation is rated already") from None
            rating: View = {"score": score, "comment": comment, "created_at": iso(at)}
            row = await chats.get(conn, chat_id=locked["id"])
            assert row is not None
            await outbox_events.chat_rated(conn, row, rating)
    await events.chat_rated(chat_id=row["id"], rating=rating)
    return rating
