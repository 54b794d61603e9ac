"""A customer's data in the site owner's hands: everything Parley holds about them as JSON, and
erasing it all."""

from __future__ import annotations

import logging

from app import errors
from app.db import Connection, Row, transaction
from app.realtime.hub import Hub
from app.repositories import chat_events, chats, messages, purge, ratings
from app.services import visitor
from app.services.auth import CLOSE_REVOKED
from app.services.chats import is_customer
from app.services.pool import Db, connection
from app.views import View, chat_view, message_view

log = logging.getLogger(__name__)


async def export(conn: Connection, hub: Hub, *, admin: Row, customer_id: int) -> View:
    """The customer, their email, their chat as they see it, its text messages (never a
    note), their visitor data and their ratings."""
    if is_customer(admin):
        raise errors.Forbidden("only admins export customers' data")
    found = await visitor.get_customer_visitor(conn, hub, customer_id=customer_id)
    if found is None or found["customer"]["role"] != "customer":
        raise errors.NotFound("no such customer")
    row = await chats.get_for_customer(conn, customer_id=customer_id)
    chat = None if row is None else chat_view(row, for_customer=True, can_read=True)
    texts = [] if row is None else await messages.all_text(conn, chat_id=row["id"])
    given = [] if row is None else await ratings.for_chat(conn, chat_id=row["id"])
    return {
        "customer": found["customer"],
        "email": found["email"],
        "chat": chat,
        "messages": [message_view(m) for m in texts],
        "visitor": found,
        "ratings": [dict(r) for r in given],
    }


async def delete_chats(conn: Connection, chat_ids: list[int]) -> None:
    """Inside a transaction holding the chats' locks: the chats and all that hangs off them,
    and their messages off the report counts (last: the bucket rows are every send's)."""
    if not chat_ids:
        return
    counts = await purge.bucket_counts(conn, chat_ids=chat_ids)
    await purge.delete_chats(conn, chat_ids=chat_ids)
    await chat_events.add_counts(conn, [(b, who, -n, -s, -r) for b, who, n, s, r in counts])


async def erase(db: Db, hub: Hub, *, admin: Row, customer_id: int) -> None:
    """An admin erases a customer: in one transaction their messages (with search rows), notes
    in their chat, the chat with its events, ratings and email marks, the outbox rows about it,
    their visitor data and the account itself; then their sockets close, in every process, and
    their tokens name no user any more. Logged by ids only. Admins are not erased this way."""
    if is_customer(admin):
        raise errors.Forbidden("only admins erase customers")
    async with connection(db) as conn:
        async with transaction(conn):
            # The chat first, then the user: the order a send takes them in (its chat's lock,
            # then its message's foreign key on the user), so the two queue, never cycle.
            chat = await chats.lock_for_customer(conn, customer_id=customer_id)
            user = await purge.lock_user(conn, user_id=customer_id)
            if user is None or user["role"] != "customer":
                raise errors.NotFound("no such customer")
            await delete_chats(conn, [] if chat is None else [int(chat["id"])])
            await purge.delete_user(conn, user_id=customer_id)
    log.info(
        "customer %s erased by admin %s (chat %s)",
        customer_id,
        admin["id"],
        None if chat is None else chat["id"],
    )
    await hub.disconnect_user(customer_id, CLOSE_REVOKED, "account erased")
