"""Chat states, in one place: which act moves a chat from which state to which, and who may.

    waiting (no admin) --open--> active (its admin) --resolve--> resolved (still its admin's)
    resolved --its customer writes--> waiting      resolved --its admin writes--> active
    resolved --another admin opens--> active (with them)

Resolving or blocking a waiting chat binds it to the admin who does it. Notes change nothing.
Every act reads the chat under its row lock and writes the new state in the same transaction,
so acts that race are applied one after the other; each change bumps the chat's
state_version, which orders the events about it (realtime.hub drops a stale one), so every
socket's last word on a chat is the state it ended in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import errors
from app.db import Connection, Row, transaction
from app.realtime.events import Events
from app.repositories import chat_events, chats
from app.repositories.chat_events import NewEvent
from app.services import outbox_events
from app.services.auth import utcnow
from app.services.pool import Db, connection
from app.views import View, admin_may_read, chat_view

WAITING = "waiting"
ACTIVE = "active"
RESOLVED = "resolved"
NOTE = "note"


@dataclass(frozen=True, slots=True)
class State:
    status: str
    admin_id: int | None


def state_of(chat: Row) -> State:
    return State(chat["status"], chat["admin_id"])


def _is_customer(user: Row) -> bool:
    return bool(user["role"] == "customer")


def after_send(chat: Row, sender: Row, kind: str) -> State:
    """A customer writes to their own chat unless blocked, and a resolved chat then waits for
    support again; an admin writes text only to a chat they hold, and a resolved one is active
    again; a note, by any admin who may read the chat, leaves it as it is."""
    state = state_of(chat)
    if _is_customer(sender):
        if kind == NOTE:
            raise errors.Forbidden("notes are for admins only")
        if chat["blocked"]:
            raise errors.Forbidden("you can no longer send messages here")
        return State(WAITING, None) if state.status == RESOLVED else state
    if kind == NOTE:
        if not admin_may_read(chat, sender["id"]):
            raise errors.Forbidden("this chat belongs to another admin; open it to take it over")
        return state
    if state.admin_id != sender["id"]:
        raise errors.Forbidden("only the chat's admin may write; open the chat first")
    return State(ACTIVE, state.admin_id) if state.status == RESOLVED else state


def after_open(chat: Row, admin: Row) -> State:
    """An admin who opens a chat becomes its admin, whoever held it; a resolved chat opened
    by its own admin stays resolved (looking at it is not taking it up again)."""
    state = state_of(chat)
    if state.admin_id == admin["id"]:
        return state
    return State(ACTIVE, admin["id"])


def after_resolve(chat: Row, admin: Row) -> State:
    """Its admin, or any admin while it waits, resolves a chat; resolving it again is a no-op."""
    if not admin_may_read(chat, admin["id"]):
        raise errors.Forbidden("only the chat's admin may resolve it")
    return State(RESOLVED, admin["id"])


def after_block(chat: Row, admin: Row) -> State:
    """Blocking resolves the chat, binding a waiting one to the admin who blocks."""
    return after_resolve(chat, admin)


async def announce(events: Events, before: State, chat: Row) -> None:
    """The events of a change from `before` to the state `chat` (a row read in the changing
    transaction) holds; nothing when nothing changed."""
    after = state_of(chat)
    if after == before:
        return
    if before.status == RESOLVED and after.status != RESOLVED:
        await events.chat_state("chat.reopened", chat)
    if after.status == WAITING:
        await events.chat_waiting(chat)
    elif after.status == ACTIVE and after.admin_id != before.admin_id:
        await events.chat_assigned(chat, previous_admin_id=before.admin_id)
    elif after.status == RESOLVED and before.status != RESOLVED:
        await events.chat_state("chat.resolved", chat)


async def resolve(db: Db, events: Events, *, admin: Row, chat_id: int) -> View:
    """Its admin, or any admin while it waits, marks a chat done; again, it changes nothing
    and tells no one."""
    if _is_customer(admin):
        raise errors.Forbidden("only admins resolve chats")
    async with connection(db) as conn:
        async with transaction(conn):
            locked = await chats.lock(conn, chat_id=chat_id)
            if locked is None:
                raise errors.NotFound("no such chat")
            before = state_of(locked)
            after = after_resolve(locked, admin)
            if after != before:
                await store(conn, chat_id=chat_id, before=before, state=after)
            row = await chats.get(conn, chat_id=chat_id)
            assert row is not None
            await outbox_events.chat_changed(conn, before=before, row=row)
    await announce(events, before, row)
    return chat_view(row, for_customer=False, can_read=True)


async def store(conn: Connection, *, chat_id: int, before: State, state: State) -> None:
    """Write a state the rules above decided, under the chat's lock, with the chat events that
    record the change (reports read them): a resolution (and how long its cycle took), a
    reopening, an admin taking the chat."""
    at = utcnow()
    await chats.set_state(
        conn, chat_id=chat_id, admin_id=state.admin_id, status=state.status, at=at
    )
    await chat_events.insert_events(conn, await transition_events(conn, chat_id, before, state, at))
    if state.status == RESOLVED and before.status != RESOLVED and state.admin_id is not None:
        bucket = chat_events.bucket_of(at)
        await chat_events.add_counts(conn, [(bucket, state.admin_id, 0, 0, 1)])


async def transition_events(
    conn: Connection, chat_id: int, before: State, after: State, at: datetime
) -> list[NewEvent]:
    """The chat events of one change of state, in the changing transaction."""
    rows: list[NewEvent] = []
    if before.status == RESOLVED and after.status != RESOLVED:
        rows.append((chat_id, "reopened", after.admin_id, at, None))
    if after.admin_id is not None and after.admin_id != before.admin_id:
        rows.append((chat_id, "assigned", after.admin_id, at, None))
    if after.status == RESOLVED and before.status != RESOLVED:
        started = await chat_events.cycle_start(conn, chat_id=chat_id)
        seconds = None if started is None else max(0.0, (at - started).total_seconds())
        rows.append((chat_id, "resolved", after.admin_id, at, seconds))
    return rows
