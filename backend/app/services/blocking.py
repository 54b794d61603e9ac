"""Blocking a customer: their chat is resolved and they may no longer write into it."""

from __future__ import annotations

from app import errors
from app.db import Row, transaction
from app.realtime.events import Events
from app.repositories import chats
from app.services import lifecycle, outbox_events
from app.services.auth import utcnow
from app.services.chats import is_customer
from app.services.pool import Db, connection
from app.views import admin_may_read


async def block(db: Db, events: Events, *, admin: Row, chat_id: int) -> None:
    """An admin who may read the chat blocks its customer: the chat is resolved (bound to the
    blocker if it was waiting); the customer keeps their socket and their history."""
    if is_customer(admin):
        raise errors.Forbidden("only admins block customers")
    async with connection(db) as conn:
        async with transaction(conn):
            locked = await chats.lock(conn, chat_id=chat_id)
            if locked is None:
                raise errors.NotFound("no such chat")
            before = lifecycle.state_of(locked)
            after = lifecycle.after_block(locked, admin)
            if after != before:
                await lifecycle.store(conn, chat_id=chat_id, before=before, state=after)
            if not locked["blocked"]:
                await chats.set_blocked(conn, chat_id=chat_id, at=utcnow())
            row = await chats.get(conn, chat_id=chat_id)
            assert row is not None
            await outbox_events.chat_changed(conn, before=before, row=row)
    await lifecycle.announce(events, before, row)


async def unblock(db: Db, *, admin: Row, chat_id: int) -> None:
    """An admin who may read the chat lets its customer write again; the chat stays as it is
    until they do."""
    if is_customer(admin):
        raise errors.Forbidden("only admins unblock customers")
    async with connection(db) as conn:
        async with transaction(conn):
            locked = await chats.lock(conn, chat_id=chat_id)
            if locked is None:
                raise errors.NotFound("no such chat")
            if not admin_may_read(locked, admin["id"]):
                raise errors.Forbidden("this chat belongs to another admin")
            if locked["blocked"]:
                await chats.set_blocked(conn, chat_id=chat_id, at=None)
