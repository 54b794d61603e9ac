"""A customer's own email address, and the transcript of their chat sent to it."""

from __future__ import annotations

from app import errors
from app.config import Settings
from app.db import Connection, Row, transaction
from app.repositories import chats, mail
from app.services import outbox_events
from app.services.auth import utcnow


async def set_email(conn: Connection, *, customer: Row, email: str) -> None:
    """Kept on the visitor: replies by email and transcripts go there."""
    await mail.set_email(conn, customer_id=customer["id"], email=email, at=utcnow())


async def email_of(conn: Connection, *, customer_id: int) -> str | None:
    row = await mail.get_email(conn, customer_id=customer_id)
    return None if row is None or row["email"] is None else str(row["email"])


async def request_transcript(conn: Connection, settings: Settings, *, customer: Row) -> None:
    """The whole chat, without notes, is emailed to the customer's address."""
    chat = await chats.get_for_customer(conn, customer_id=customer["id"])
    if chat is None:
        raise errors.NotFound("no chat yet: it starts with your first message")
    if not settings.mail_enabled:
        raise errors.Conflict("this server sends no email")
    if await email_of(conn, customer_id=customer["id"]) is None:
        raise errors.Conflict("no email address yet: POST /me/email first")
    async with transaction(conn):
        await outbox_events.transcript(conn, chat["id"])
