"""Webhook endpoints, managed by admins: the URL is judged when saved, the secret shown once."""

from __future__ import annotations

from app import errors
from app.config import Settings
from app.db import Connection, Row, transaction
from app.repositories import outbox, webhooks
from app.services import outbox_events, ssrf
from app.services.auth import utcnow
from app.services.outbox_events import event_names
from app.services.webhook_signing import new_secret
from app.views import View

DELIVERY_LOG = 50


def endpoint_view(row: Row, *, with_secret: bool = False) -> View:
    view: View = {
        "id": row["id"],
        "url": row["url"],
        "events": sorted(event_names(row["events"])),
        "enabled": bool(row["enabled"]),
        "created_at": row["created_at"],
    }
    if with_secret:
        view["secret"] = row["secret"]
    return view


def shown_status(row: Row) -> str:
    """A pending row that has been tried and failed is "failed" (another try will come)."""
    if row["status"] == "pending" and row["last_error"] is not None:
        return "failed"
    return str(row["status"])


def delivery_view(row: Row) -> View:
    return {
        "id": row["public_id"],
        "type": row["topic"],
        "status": shown_status(row),
        "attempts": row["attempts"],
        "response_status": row["response_status"],
        "last_error": row["last_error"],
        "created_at": row["created_at"],
        "delivered_at": row["delivered_at"],
    }


async def _check_url(url: str, settings: Settings) -> str:
    url = url.strip()
    await ssrf.allowed_address(url, ssrf.networks(settings.webhook_allowed_networks))
    return url


async def _endpoint(conn: Connection, endpoint_id: int) -> Row:
    row = await webhooks.get(conn, endpoint_id=endpoint_id)
    if row is None:
        raise errors.NotFound("no such webhook endpoint")
    return row


async def create(conn: Connection, settings: Settings, *, url: str, events: list[str]) -> View:
    """A new endpoint, on, with a fresh secret (shown in this answer and by GET of it)."""
    url = await _check_url(url, settings)
    endpoint_id = await webhooks.insert(
        conn, url=url, events=",".join(sorted(set(events))), secret=new_secret(), at=utcnow()
    )
    return endpoint_view(await _endpoint(conn, endpoint_id), with_secret=True)


async def list_all(conn: Connection) -> View:
    return {"items": [endpoint_view(r) for r in await webhooks.list_all(conn)]}


async def get(conn: Connection, *, endpoint_id: int) -> View:
    return endpoint_view(await _endpoint(conn, endpoint_id), with_secret=True)


async def update(
    conn: Connection,
    settings: Settings,
    *,
    endpoint_id: int,
    url: str | None,
    events: list[str] | None,
    enabled: bool | None,
) -> View:
    await _endpoint(conn, endpoint_id)
    if url is not None:
        url = await _check_url(url, settings)
    await webhooks.update(
        conn,
        endpoint_id=endpoint_id,
        url=url,
        events=None if events is None else ",".join(sorted(set(events))),
        enabled=enabled,
    )
    return endpoint_view(await _endpoint(conn, endpoint_id))


async def delete(conn: Connection, *, endpoint_id: int) -> None:
    """The endpoint and its delivery log are gone; nothing more is sent to it."""
    if not await webhooks.delete(conn, endpoint_id=endpoint_id):
        raise errors.NotFound("no such webhook endpoint")


async def test(conn: Connection, *, endpoint_id: int) -> View:
    """A ping goes to the endpoint, whatever its event list."""
    async with transaction(conn):
        await _endpoint(conn, endpoint_id)
        public_id = await outbox_events.ping(conn, endpoint_id)
    return {"id": public_id}


async def deliveries(conn: Connection, *, endpoint_id: int) -> View:
    await _endpoint(conn, endpoint_id)
    rows = await outbox.list_for_endpoint(conn, endpoint_id=endpoint_id, limit=DELIVERY_LOG)
    return {"items": [delivery_view(r) for r in rows]}


async def retry_delivery(conn: Connection, *, endpoint_id: int, delivery_id: str) -> View:
    """A failed or dead delivery goes back in the queue, due now, with the same webhook-id."""
    row = await outbox.get_by_public_id(conn, public_id=delivery_id)
    if row is None or row["endpoint_id"] != endpoint_id:
        raise errors.NotFound("no such delivery")
    await retry_row(conn, row)
    return {"id": delivery_id}


async def retry_row(conn: Connection, row: Row) -> None:
    status = shown_status(row)
    if status not in ("failed", "dead"):
        raise errors.Conflict(f"this delivery is {status}: only failed or dead ones are retried")
    if not await outbox.retry(conn, outbox_id=row["id"], at=utcnow()):
        raise errors.Conflict("this delivery is being tried right now")
    outbox_events.wake()
