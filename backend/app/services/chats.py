"""Chats: reading them, listing them, opening (rebinding) them, read marks and typing."""

from __future__ import annotations

from app import errors
from app.db import Connection, Row, transaction
from app.realtime.events import Events
from app.repositories import chats
from app.services import lifecycle, outbox_events
from app.services.pool import Db, connection
from app.views import View, admin_may_read, chat_view

MAX_CURSOR = 2**63 - 1


def is_customer(user: Row) -> bool:
    return bool(user["role"] == "customer")


def ensure_reader(user: Row, chat: Row | None) -> Row:
    """A customer reads only their own chat (and cannot tell others' chats from missing ones);
    an admin reads waiting chats and their own."""
    if chat is None:
        raise errors.NotFound("no such chat")
    if is_customer(user):
        if chat["customer_id"] != user["id"]:
            raise errors.NotFound("no such chat")
    elif not admin_may_read(chat, user["id"]):
        raise errors.Forbidden("this chat belongs to another admin; open it to take it over")
    return chat


async def my_chat(conn: Connection, *, customer: Row) -> View:
    if not is_customer(customer):
        raise errors.Forbidden("only customers have a chat of their own")
    row = await chats.get_for_customer(conn, customer_id=customer["id"])
    if row is None:
        raise errors.NotFound("no chat yet: it starts with your first message")
    return chat_view(row, for_customer=True, can_read=True)


async def get_chat(conn: Connection, *, user: Row, chat_id: int) -> View:
    row = ensure_reader(user, await chats.get(conn, chat_id=chat_id))
    return chat_view(row, for_customer=is_customer(user), can_read=True)


def parse_cursor(before: str | None) -> int:
    if before is None or before == "":
        return MAX_CURSOR
    if not before.isdigit() or len(before) > 19:
        raise errors.BadRequest("before must be a next_before value from a previous page")
    return int(before)


async def list_chats(
    conn: Connection, *, admin: Row, scope: str, limit: int, before: str | None
) -> dict[str, object]:
    """Admins list chats newest activity first, a keyset page at a time."""
    if is_customer(admin):
        raise errors.Forbidden("only admins list chats")
    rows = await chats.list_page(
        conn, scope=scope, admin_id=admin["id"], before=parse_cursor(before), limit=limit + 1
    )
    page = rows[:limit]
    items = [
        chat_view(r, for_customer=False, can_read=admin_may_read(r, admin["id"])) for r in page
    ]
    next_before = str(page[-1]["last_message_id"]) if len(rows) > limit else None
    return {"items": items, "next_before": next_before}


async def open_chat(db: Db, events: Events, *, admin: Row, chat_id: int) -> View:
    """An admin who opens a chat becomes its admin, whoever held it before."""
    if is_customer(admin):
        raise errors.Forbidden("only admins open chats")
    async with connection(db) as conn:
        return await _open_chat(conn, events, admin=admin, chat_id=chat_id)


async def _open_chat(conn: Connection, events: Events, *, admin: Row, chat_id: int) -> View:
    async with transaction(conn):
        locked = await chats.lock(conn, chat_id=chat_id)
        if locked is None:
            raise errors.NotFound("no such chat")
        before = lifecycle.state_of(locked)
        after = lifecycle.after_open(locked, admin)
        if after != before:
            await lifecycle.store(conn, chat_id=chat_id, before=before, state=after)
        row = await chats.get(conn, chat_id=chat_id)
        assert row is not None
        await outbox_events.chat_changed(conn, before=before, row=row)
    await lifecycle.announce(events, before, row)
    return chat_view(row, for_customer=False, can_read=True)


async def mark_read(db: Db, events: Events, *, user: Row, chat_id: int, last_read_id: int) -> int:
    """Move the caller's side's read mark and tell the other side; returns the mark."""
    by_customer = is_customer(user)
    async with connection(db) as conn:
        chat = ensure_reader(user, await chats.get_parties(conn, chat_id=chat_id))
        marks = await chats.mark_read(
            conn, chat_id=chat_id, last_read_id=last_read_id, by_customer=by_customer
        )
    assert marks is not None
    mark = int(marks["customer_last_read_id" if by_customer else "admin_last_read_id"])
    await events.to_other_side(
        "chat.read",
        {"chat_id": chat_id, "user_id": user["id"], "last_read_id": mark},
        chat=chat,
        from_customer=by_customer,
    )
    return mark


async def typing(db: Db, events: Events, *, user: Row, chat_id: int) -> None:
    """Typing reaches the other side of a chat the caller may read."""
    async with connection(db) as conn:
        chat = ensure_reader(user, await chats.get_parties(conn, chat_id=chat_id))
    await events.to_other_side(
        "typing",
        {"chat_id": chat_id, "user_id": user["id"]},
        chat=chat,
        from_customer=is_customer(user),
    )
