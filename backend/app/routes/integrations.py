"""Admins' webhooks, the outbox's delivery problems, and whether email is on."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, status

from app.deps import AdminUser, AppSettings, Conn
from app.schemas.chats import MAX_ID
from app.schemas.errors import error_responses
from app.schemas.integrations import (
    DeliveriesOut,
    MailStatusOut,
    OutboxPageOut,
    QueuedOut,
    WebhookIn,
    WebhookOut,
    WebhookPatchIn,
    WebhooksOut,
    WebhookWithSecretOut,
)
from app.services import outbox_admin, webhooks

router = APIRouter(prefix="/admin", tags=["integrations"])

EndpointId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("/webhooks", response_model=WebhooksOut, responses=error_responses(401, 403))
async def list_webhooks(admin: AdminUser, conn: Conn) -> dict[str, object]:
    """Every endpoint, without its secret."""
    return await webhooks.list_all(conn)


@router.post(
    "/webhooks",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookWithSecretOut,
    responses=error_responses(401, 403),
)
async def create_webhook(
    body: WebhookIn, admin: AdminUser, conn: Conn, settings: AppSettings
) -> dict[str, object]:
    """A new endpoint and its signing secret. A URL that is not http(s), or whose host is (or
    resolves to) a loopback, private, link-local or otherwise non-public address, is a 422
    with the reason, unless it lies inside WEBHOOK_ALLOWED_NETWORKS."""
    return await webhooks.create(conn, settings, url=body.url, events=list(body.events))


@router.get(
    "/webhooks/{endpoint_id}",
    response_model=WebhookWithSecretOut,
    responses=error_responses(401, 403, 404),
)
async def read_webhook(endpoint_id: EndpointId, admin: AdminUser, conn: Conn) -> dict[str, object]:
    """One endpoint, with its secret."""
    return await webhooks.get(conn, endpoint_id=endpoint_id)


@router.patch(
    "/webhooks/{endpoint_id}",
    response_model=WebhookOut,
    responses=error_responses(401, 403, 404),
)
async def update_webhook(
    endpoint_id: EndpointId,
    body: WebhookPatchIn,
    admin: AdminUser,
    conn: Conn,
    settings: AppSettings,
) -> dict[str, object]:
    """Change the URL (judged as on create), the events, or switch it on or off."""
    return await webhooks.update(
        conn,
        settings,
        endpoint_id=endpoint_id,
        url=body.url,
        events=None if body.events is None else list(body.events),
        enabled=body.enabled,
    )


@router.delete(
    "/webhooks/{endpoint_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def delete_webhook(endpoint_id: EndpointId, admin: AdminUser, conn: Conn) -> None:
    """The endpoint and its delivery log."""
    await webhooks.delete(conn, endpoint_id=endpoint_id)


@router.post(
    "/webhooks/{endpoint_id}/test",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=QueuedOut,
    responses=error_responses(401, 403, 404),
)
async def test_webhook(endpoint_id: EndpointId, admin: AdminUser, conn: Conn) -> dict[str, object]:
    """A `ping` event is delivered to the endpoint, whatever its event list."""
    return await webhooks.test(conn, endpoint_id=endpoint_id)


@router.get(
    "/webhooks/{endpoint_id}/deliveries",
    response_model=DeliveriesOut,
    responses=error_responses(401, 403, 404),
)
async def list_deliveries(
    endpoint_id: EndpointId, admin: AdminUser, conn: Conn
) -> dict[str, object]:
    """The endpoint's latest 50 deliveries, newest first; `id` is the `webhook-id`."""
    return await webhooks.deliveries(conn, endpoint_id=endpoint_id)


@router.post(
    "/webhooks/{endpoint_id}/deliveries/{delivery_id}/retry",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=QueuedOut,
    responses=error_responses(401, 403, 404, 409),
)
async def retry_delivery(
    endpoint_id: EndpointId,
    delivery_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_]{1,40}$")],
    admin: AdminUser,
    conn: Conn,
) -> dict[str, object]:
    """A failed or dead delivery goes back to pending, due now (409 when it is delivered or
    still pending)."""
    return await webhooks.retry_delivery(conn, endpoint_id=endpoint_id, delivery_id=delivery_id)


@router.get("/outbox", response_model=OutboxPageOut, responses=error_responses(401, 403))
async def list_outbox(
    admin: AdminUser,
    conn: Conn,
    settings: AppSettings,
    status: Literal["dead", "failed", "pending"] = "dead",
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> dict[str, object]:
    """Emails and webhook deliveries by status, newest first (keyset: `before` is an id)."""
    return await outbox_admin.list_page(conn, settings, status=status, limit=limit, before=before)


@router.post(
    "/outbox/{outbox_id}/retry",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(401, 403, 404, 409),
)
async def retry_outbox(outbox_id: EndpointId, admin: AdminUser, conn: Conn) -> dict[str, object]:
    """A dead or failed row goes back in the queue, due now (409 otherwise)."""
    await outbox_admin.retry(conn, outbox_id=outbox_id)
    return {}


@router.get("/mail", response_model=MailStatusOut, responses=error_responses(401, 403))
async def read_mail_status(admin: AdminUser, settings: AppSettings) -> dict[str, object]:
    """Whether Parley sends email (SMTP_URL, MAIL_FROM and PUBLIC_URL all set), from which
    address, the team address, and with MAIL_DEV where the local inbox is."""
    return outbox_admin.mail_status(settings)
