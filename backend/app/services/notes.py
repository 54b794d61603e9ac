"""Notes: admins' messages for admins, in the chat's timeline, never seen by its customer."""

from __future__ import annotations

from app import errors
from app.config import Settings
from app.db import Row
from app.ratelimit import Limiter
from app.services import messages
from app.services.chats import is_customer
from app.services.message_writer import MessageWriter
from app.views import View


async def write_note(
    writer: MessageWriter,
    limiter: Limiter,
    settings: Settings,
    *,
    admin: Row,
    chat_id: int,
    body: str,
    client_msg_id: str | None,
    attachment_ids: tuple[str, ...] = (),
) -> tuple[View, bool]:
    """Any admin who may read the chat leaves a note in it; it changes nothing of the chat's
    state and shares the ids and client_msg_ids of its messages. Returns (note, created)."""
    if is_customer(admin):
        raise errors.Forbidden("notes are for admins only")
    return await messages.send(
        writer,
        limiter,
        settings,
        sender=admin,
        chat_id=chat_id,
        body=body,
        client_msg_id=client_msg_id,
        kind="note",
        attachment_ids=attachment_ids,
    )
