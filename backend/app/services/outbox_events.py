"""What a change writes into the outbox, inside the change's own transaction: webhook deliveries
for the endpoints that want the event, reply and team emails. A rolled-back change leaves none;
a committed one wakes the workers (after the commit, when its rows are visible).

Configured once per process (`configure`, from the runtime); unconfigured it writes nothing,
so scripts that use the services alone need no workers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.config import Settings
from app.db import Connection, Row
from app.realtime.hub import Hub
from app.repositories import chats, outbox, webhooks
from app.serialization import dumps, iso, loads
from app.services.auth import utcnow
from app.services.webhook_signing import new_message_id
from app.views import View, chat_view, message_view


@dataclass
class _Config:
    settings: Settings
    hub: Hub
    wake: Callable[[], None]


_config: _Config | None = None


def configure(settings: Settings, hub: Hub, wake: Callable[[], None]) -> None:
    global _config
    _config = _Config(settings, hub, wake)


def wake() -> None:
    """Rows were made due outside a transaction (a retry): look now."""
    if _config is not None:
        _config.wake()


def webhook_chat(row: Row) -> View:
    """A Chat as its customer sees it: never a note, not even as the last message."""
    return chat_view(row, for_customer=True, can_read=True)


def _body(event: str, at: datetime, data: dict[str, object]) -> str:
    return dumps({"type": event, "timestamp": iso(at), "data": data})


async def _subscribers(conn: Connection, event: str) -> list[int]:
    return [r["id"] for r in await webhooks.enabled(conn) if event in event_names(r["events"])]


def event_names(value: object) -> set[str]:
    """A SET column as pymysql hands it over (a set, or the string "a,b")."""
    if isinstance(value, set):
        return {str(v) for v in value}
    return {v for v in str(value or "").split(",") if v}


async def messages_committed(conn: Connection, messages: Sequence[View]) -> None:
    """Inside a send's transaction, after its messages are inserted: message.created for each
    text message, a reply email pending for chats an admin wrote to, team mail for chats a
    customer wrote to while no admin was online. Notes: nothing at all."""
    if _config is None:
        return
    texts = [m for m in messages if m["kind"] == "text"]
    if not texts:
        return
    cfg = _config
    at = utcnow()
    wrote = False
    endpoints = await _subscribers(conn, "message.created")
    if endpoints:
        # The body is rendered at the delivery's first claim (render_claimed): building and
        # writing 1 KiB per message here cost the saturated send path a quarter of its rate.
        deliveries = [
            ("message.created", m["chat_id"], endpoint, m["id"], new_message_id(), "", at)
            for m in texts
            for endpoint in endpoints
        ]
        await outbox.insert_webhooks(conn, deliveries)
        wrote = True
    if cfg.settings.mail_enabled:
        due = at + timedelta(seconds=cfg.settings.email_followup_seconds)
        replied = sorted({m["chat_id"] for m in texts if m["sender"]["role"] != "customer"})
        if replied:
            await outbox.enqueue_replies(conn, chat_ids=replied, due=due, at=at)
        asked = sorted({m["chat_id"] for m in texts if m["sender"]["role"] == "customer"})
        if asked and cfg.settings.team_email and await cfg.hub.admins_online() == 0:
            await outbox.enqueue_emails(conn, topic="team", chat_ids=asked, due=due, at=at)
    if wrote:
        conn.after_commit(cfg.wake)


def render_claimed(rows: list[Row]) -> tuple[list[Row], list[Row], dict[int, str]]:
    """For the claim: the body of each message.created delivery claimed for the first time,
    from the `source` its claim read (repositories.outbox.read_claimed). Its `timestamp` is the
    commit's, its message the committed one, its chat the chat as it is now (milliseconds after
    the commit, unless the workers gave way to a saturated send path). Returns (rows to attempt,
    rows whose message is gone: erased or expired before a first attempt, and the bodies to
    store by row id)."""
    ready: list[Row] = []
    gone: list[Row] = []
    bodies: dict[int, str] = {}
    for row in rows:
        if row["message_id"] is None or row["payload"] != "":
            ready.append(row)
        elif row["source"] is None:
            gone.append(row)
        else:
            source = loads(row["source"])
            data: dict[str, object] = {
                "chat": webhook_chat(source["chat"]),
                "message": message_view(source),
            }
            row["payload"] = bodies[row["id"]] = _body(row["topic"], row["created_at"], data)
            ready.append(row)
    return ready, gone, bodies


async def chat_event(conn: Connection, event: str, chat_id: int) -> None:
    """Inside the transaction of a chat.created, chat.assigned or chat.resolved change."""
    if _config is None:
        return
    endpoints = await _subscribers(conn, event)
    if not endpoints:
        return
    row = await chats.get(conn, chat_id=chat_id)
    if row is None:
        return
    await _deliver(conn, event, chat_id, endpoints, {"chat": webhook_chat(row)})


async def chat_changed(conn: Connection, *, before: Any, row: Row) -> None:
    """A chat row read back in its changing transaction: chat.assigned when an admin took it,
    chat.resolved when it was resolved (the same rules as services.lifecycle.announce)."""
    status, admin = row["status"], row["admin_id"]
    if status == "active" and admin != before.admin_id:
        await chat_event(conn, "chat.assigned", row["id"])
    elif status == "resolved" and before.status != "resolved":
        await chat_event(conn, "chat.resolved", row["id"])


async def chat_rated(conn: Connection, chat: Row, rating: View) -> None:
    """For the ratings change: call inside its transaction, with the chat row (repositories.chats)
    and the rating as the contract shows it."""
    if _config is None:
        return
    endpoints = await _subscribers(conn, "chat.rated")
    if endpoints:
        data: dict[str, object] = {"chat": {**webhook_chat(chat), "rating": rating}}
        await _deliver(conn, "chat.rated", chat["id"], endpoints, data)


async def ping(conn: Connection, endpoint_id: int) -> str:
    """A ping to one endpoint, whatever its event list; returns its webhook-id."""
    at = utcnow()
    public_id = new_message_id()
    body = _body("ping", at, {"endpoint_id": endpoint_id})
    await outbox.insert_webhooks(conn, [("ping", None, endpoint_id, None, public_id, body, at)])
    if _config is not None:
        conn.after_commit(_config.wake)
    return public_id


async def transcript(conn: Connection, chat_id: int) -> None:
    at = utcnow()
    await outbox.enqueue_emails(conn, topic="transcript", chat_ids=[chat_id], due=at, at=at)
    if _config is not None:
        conn.after_commit(_config.wake)


async def _deliver(
    conn: Connection, event: str, chat_id: int, endpoints: list[int], data: dict[str, object]
) -> None:
    at = utcnow()
    body = _body(event, at, data)
    await outbox.insert_webhooks(
        conn, [(event, chat_id, e, None, new_message_id(), body, at) for e in endpoints]
    )
    assert _config is not None
    conn.after_commit(_config.wake)
