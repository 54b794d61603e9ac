"""Writing messages, with group commit: sends that arrive together share one transaction.

One transaction per send cost four round trips through a pure-Python driver plus a commit:
about 0.9 ms of this process's CPU per message, which capped a worker near 1,000 msg/s (see
bench/README.md). Now a send into an existing chat joins the next batch; up to MAX_IN_FLIGHT
batches are written at a time, and the sends that arrive meanwhile form the next one. At rest
a batch holds one send and costs what a send always did; under load one BEGIN, one lock
statement, one multi-row INSERT and one COMMIT carry up to MAX_BATCH messages. Every message
is still acknowledged only after the commit that holds its row, and a failed batch
acknowledges none.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime

from app import errors, failpoints
from app.db import Connection, Database, Row, transaction
from app.realtime.events import Events
from app.repositories import attachments, chat_events, chats, messages
from app.repositories.chat_events import BucketCount, NewEvent
from app.serialization import iso
from app.services import lifecycle, outbox_events
from app.services.auth import utcnow
from app.services.chats import is_customer
from app.services.lifecycle import State, state_of
from app.views import View, attachment_views, message_view, user_view

log = logging.getLogger(__name__)

# 128 bodies of at most 4,000 characters stay far below max_allowed_packet (16 MiB).
MAX_BATCH = 128
# Two batches in flight: while one waits on MariaDB (its commit's flush to disk), the next is
# written, and this process publishes the first one's events meanwhile. With one, the server sat
# idle during every commit (80 % of a core at saturation); more add lock waits, not throughput.
MAX_IN_FLIGHT = 2

# Batches this full mean sends are queueing for the database: `busy` says so for a moment after,
# and background work (the outbox's deliveries) gives way. At 200 msg/s a batch holds a few sends
# (up to ten when a slow disk makes each commit 15 ms); at saturation with 200 senders, a hundred.
BUSY_BATCH = 32
BUSY_FOR_SECONDS = 0.25

Written = tuple[View, bool]
# A chat whose state the sends changed: its state before them, and its row after them.
Changed = tuple[State, Row]


@dataclass(slots=True)
class _Send:
    sender: Row
    chat_id: int | None
    body: str
    kind: str
    client_msg_id: str | None
    at: datetime
    # Uploads of the sender to link to the message, in this order.
    attachment_ids: tuple[str, ...]
    # (message, created), or None when a customer has no chat yet: their first message
    # creates it in a transaction of its own.
    done: asyncio.Future[Written | None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )

    def settle(self, result: Written | None) -> None:
        if not self.done.done():
            self.done.set_result(result)

    def fail(self, exc: BaseException) -> None:
        if not self.done.done():
            self.done.set_exception(exc)


class MessageWriter:
    """Owns the batch queue of one process; `write` is what a send route awaits."""

    def __init__(self, db: Database, events: Events) -> None:
        self.db = db
        self.events = events
        self._queue: list[_Send] = []
        # Flushers started and not yet past their last look at the queue. Counted in _flush's
        # own finally, with no await after that look: a done-callback would run a loop turn
        # later, and a send queued in between would find every slot taken and wait forever.
        self._running = 0
        self._flushers: set[asyncio.Task[None]] = set()
        self._last_full = float("-inf")

    async def write(
        self,
        *,
        sender: Row,
        chat_id: int | None,
        body: str,
        client_msg_id: str | None,
        kind: str = "text",
        attachment_ids: tuple[str, ...] = (),
    ) -> Written:
        """Returns (message, created); a repeated client_msg_id returns the first message and
        created=False. Who may write what where is services.lifecycle's to say.

        A send with attachments takes a transaction of its own (write_one), which links them
        or writes nothing: the batches stay plain multi-row INSERTs of text."""
        if not is_customer(sender) and chat_id is None:
            raise errors.BadRequest("chat_id is required")
        send = _Send(sender, chat_id, body, kind, client_msg_id, utcnow(), attachment_ids)
        if attachment_ids:
            async with self.db.acquire() as conn:
                return await write_one(conn, self.events, send)
        self._queue.append(send)
        if self._running < MAX_IN_FLIGHT:
            self._running += 1
            flusher = asyncio.create_task(self._flush())
            self._flushers.add(flusher)
            flusher.add_done_callback(self._flushers.discard)
        result = await send.done
        if result is not None:
            return result
        async with self.db.acquire() as conn:
            return await write_one(conn, self.events, send)

    def busy(self) -> bool:
        """Whether a batch of BUSY_BATCH sends or more went out in the last BUSY_FOR_SECONDS."""
        return asyncio.get_running_loop().time() - self._last_full < BUSY_FOR_SECONDS

    async def drain(self) -> None:
        """Wait for the batches in hand (shutdown: the pool must outlive them)."""
        while self._flushers:
            await asyncio.shield(asyncio.gather(*self._flushers))

    async def _flush(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
                if len(batch) >= BUSY_BATCH:
                    self._last_full = asyncio.get_running_loop().time()
                await self._write_batch(batch)
        finally:
            self._running -= 1

    async def _write_batch(self, batch: list[_Send]) -> None:
        try:
            async with self.db.acquire() as conn:
                try:
                    written, changed = await _commit(conn, batch)
                except (errors.Conflict, errors.Deadlock):
                    # A repeated client_msg_id (a client's retry) or a lock cycle rolled the
                    # whole batch back: one transaction each gives every send its own answer.
                    for send in batch:
                        if not send.done.done():
                            await _write_alone(conn, self.events, send)
                    return
                failpoints.crash_if("after-commit-before-publish")
                for before, row in changed:
                    await lifecycle.announce(self.events, before, row)
                for send, chat, message in written:
                    await self.events.message_new(
                        customer_id=chat["customer_id"], admin_id=chat["admin_id"], message=message
                    )
                    send.settle((message, True))
        except asyncio.CancelledError:
            for send in batch:
                send.fail(errors.DatabaseUnavailable("the server is shutting down"))
            raise
        except Exception as exc:
            if not isinstance(exc, errors.ParleyError):
                log.exception("a batch of messages failed")
            for send in batch:
                send.fail(exc)


async def _commit(
    conn: Connection, batch: list[_Send]
) -> tuple[list[tuple[_Send, Row, View]], list[Changed]]:
    """One transaction for the batch. Sends that may not write are answered at once; the rest
    are inserted in arrival order, so ids grow with arrival within a chat. Each accepted send
    moves its chat's state in memory (a resolved chat reopens), so that the next send into the
    same chat is judged by the state the earlier one left; the chats that changed are written
    after the messages, which a rolled-back batch then never reopens."""
    async with transaction(conn):
        chat_ids = sorted({s.chat_id for s in batch if s.chat_id is not None and not _cust(s)})
        customer_ids = sorted({s.sender["id"] for s in batch if _cust(s)})
        locked = await chats.lock_many(conn, chat_ids=chat_ids, customer_ids=customer_ids)
        by_id = {row["id"]: dict(row) for row in locked}
        by_customer = {row["customer_id"]: by_id[row["id"]] for row in locked}
        before: dict[int, State] = {}
        accepted: list[tuple[_Send, Row]] = []
        for send in batch:
            if send.done.done():
                continue  # the sender went away before its turn: nothing was promised
            try:
                chat = _target(send, by_id, by_customer)
                after = None if chat is None else lifecycle.after_send(chat, send.sender, send.kind)
            except errors.ParleyError as exc:
                send.fail(exc)
                continue
            if chat is None or after is None:
                send.settle(None)
                continue
            if after != state_of(chat):
                before.setdefault(chat["id"], state_of(chat))
                chat["status"], chat["admin_id"] = after.status, after.admin_id
            accepted.append((send, chat))
        ids = await messages.insert_many(
            conn,
            [(c["id"], s.sender["id"], s.body, s.kind, s.client_msg_id, s.at) for s, c in accepted],
        )
        # The chats' last_message_id and unread counters follow in the same statement
        # (trigger trg_messages_touch_chat, db/migrations/0008).
        changed = await _store_states(conn, before, by_id)
        written = [(s, c, _message(s, c["id"], i)) for (s, c), i in zip(accepted, ids, strict=True)]
        await outbox_events.messages_committed(conn, [m for _, _, m in written])
        await _record(conn, accepted)
    return written, changed


async def _store_states(
    conn: Connection, before: dict[int, State], by_id: dict[int, Row]
) -> list[Changed]:
    """Write the states that sends moved chats to (only ever out of resolved), and read the
    chats back inside the transaction: their events describe what it committed."""
    if not before:
        return []
    await chats.reopen_many(
        conn,
        waiting_ids=[i for i in before if by_id[i]["status"] == lifecycle.WAITING],
        active_ids=[i for i in before if by_id[i]["status"] == lifecycle.ACTIVE],
    )
    at = utcnow()
    await chat_events.insert_events(
        conn, [(i, "reopened", by_id[i]["admin_id"], at, None) for i in sorted(before)]
    )
    rows = await chats.get_many(conn, chat_ids=sorted(before))
    return [(before[row["id"]], row) for row in rows]


async def _record(conn: Connection, accepted: list[tuple[_Send, Row]]) -> None:
    """What reports read of the sends a transaction wrote: a chat's first admin text message
    is its first response (an event, timed from the chat's first customer message); text
    messages (and a new chat) are counted per quarter hour and sender. Notes count nowhere.
    Runs last in the transaction: the quarter hour's bucket row is every send's, and stays
    locked only for the commit."""
    events: list[NewEvent] = []
    responded: list[int] = []
    counts: list[BucketCount] = []
    for send, chat in accepted:
        if send.kind != "text":
            continue
        customer = _cust(send)
        bucket = chat_events.bucket_of(send.at)
        counts.append((bucket, 0 if customer else send.sender["id"], 1, 0, 0))
        if chat.get("new"):
            counts.append((bucket, 0, 0, 1, 0))
        if not customer and chat.get("awaiting_response"):
            chat["awaiting_response"] = False
            seconds = max(0.0, (send.at - chat["created_at"]).total_seconds())
            events.append((chat["id"], "first_response", send.sender["id"], send.at, seconds))
            responded.append(chat["id"])
    await chat_events.insert_events(conn, events)
    await chat_events.set_first_response(conn, chat_ids=sorted(responded))
    await chat_events.add_counts(conn, counts)


def _cust(send: _Send) -> bool:
    return is_customer(send.sender)


def _target(send: _Send, by_id: dict[int, Row], by_customer: dict[int, Row]) -> Row | None:
    """The chat this send names (a customer's own); None for a customer who has no chat yet."""
    if _cust(send):
        chat = by_customer.get(send.sender["id"])
        if chat is None and send.chat_id is None:
            return None
        if chat is None or (send.chat_id is not None and chat["id"] != send.chat_id):
            raise errors.NotFound("no such chat")
        return chat
    assert send.chat_id is not None
    chat = by_id.get(send.chat_id)
    if chat is None:
        raise errors.NotFound("no such chat")
    return chat


def _message(send: _Send, chat_id: int, message_id: int, files: list[Row] | None = None) -> View:
    return {
        "id": message_id,
        "chat_id": chat_id,
        "sender": user_view(send.sender),
        "body": send.body,
        "kind": send.kind,
        "client_msg_id": send.client_msg_id,
        "created_at": iso(send.at),
        "attachments": attachment_views(files),
    }


async def _write_alone(conn: Connection, events: Events, send: _Send) -> None:
    try:
        send.settle(await write_one(conn, events, send))
    except errors.ParleyError as exc:
        send.fail(exc)


class _ChatCreatedMeanwhile(Exception):
    """A concurrent first message of the same customer created the chat first."""


async def write_one(conn: Connection, events: Events, send: _Send) -> Written:
    """One send in a transaction of its own: a customer's first message, which creates the
    chat, and the sends of a batch that was rolled back.

    A deadlock victim is retried: when many first messages of one customer race, those whose
    INSERT of the chat hit the duplicate key each hold a shared lock on it, and their next
    step, locking the chat, can form a cycle. A send that lost the race also starts over in a
    new transaction, which releases that shared lock before it locks the chat."""
    deadlocks = 0
    while True:
        try:
            return await _write_one(conn, events, send)
        except _ChatCreatedMeanwhile:
            continue  # the chat exists now, committed: the next attempt finds it
        except errors.Deadlock:
            deadlocks += 1
            if deadlocks == 3:
                raise


async def _write_one(conn: Connection, events: Events, send: _Send) -> Written:
    sender = send.sender
    new_chat = False
    changed: list[Changed] = []
    async with transaction(conn):
        if _cust(send):
            locked = await chats.lock_for_customer(conn, customer_id=sender["id"])
        else:
            assert send.chat_id is not None
            locked = await chats.lock(conn, chat_id=send.chat_id)
        found = {} if locked is None else {locked["id"]: dict(locked)}
        by_customer = {row["customer_id"]: row for row in found.values()}
        chat = _target(send, found, by_customer)
        if chat is None:
            try:
                new_id = await chats.insert(conn, customer_id=sender["id"], at=send.at)
            except errors.Conflict:
                raise _ChatCreatedMeanwhile from None
            chat = {"id": new_id, "customer_id": sender["id"], "admin_id": None}
            chat.update(status=lifecycle.WAITING, blocked=False)
            chat.update(created_at=send.at, awaiting_response=True, new=True)
            new_chat = True
        before = state_of(chat)
        after = lifecycle.after_send(chat, sender, send.kind)
        try:
            message_id = await messages.insert(
                conn,
                chat_id=chat["id"],
                sender_id=sender["id"],
                body=send.body,
                kind=send.kind,
                client_msg_id=send.client_msg_id,
                created_at=send.at,
            )
        except errors.Conflict:
            if send.client_msg_id is None:
                raise
            first = await messages.get_by_client_id(
                conn, chat_id=chat["id"], sender_id=sender["id"], client_msg_id=send.client_msg_id
            )
            assert first is not None
            return message_view(first), False
        files: list[Row] = []
        if send.attachment_ids:
            linked = await attachments.link(
                conn,
                message_id=message_id,
                uploader_id=sender["id"],
                attachment_ids=send.attachment_ids,
            )
            if linked != len(send.attachment_ids):
                # Rolls back the message, and the chat if this send was creating it.
                raise errors.BadRequest(
                    "attachment_ids must name your own uploads that are not in a message yet"
                )
            files = await attachments.for_message(conn, message_id=message_id)
        if after != before:
            chat["status"], chat["admin_id"] = after.status, after.admin_id
            changed = await _store_states(conn, {chat["id"]: before}, {chat["id"]: chat})
        message = _message(send, chat["id"], message_id, files)
        if new_chat:
            await chat_events.insert_events(
                conn, [(chat["id"], "first_customer_message", None, send.at, None)]
            )
            await outbox_events.chat_event(conn, "chat.created", chat["id"])
        await outbox_events.messages_committed(conn, [message])
        await _record(conn, [(send, chat)])
    failpoints.crash_if("after-commit-before-publish")
    if new_chat:
        row = await chats.get(conn, chat_id=chat["id"])
        if row is not None:
            await events.chat_waiting(row)
    for was, row in changed:
        await lifecycle.announce(events, was, row)
    await events.message_new(
        customer_id=chat["customer_id"], admin_id=chat["admin_id"], message=message
    )
    return message, True
