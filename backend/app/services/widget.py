"""What the embeddable widget asks before it draws anything: may it run on this page, and is there
a conversation to pick up."""

from __future__ import annotations

from datetime import UTC, datetime

from app import business_hours, errors
from app.config import Settings
from app.db import Connection, Row
from app.realtime.hub import Hub
from app.services import chats, transcripts
from app.views import View, user_view


def origin_allowed(origin: str | None, *, own_origin: str, settings: Settings) -> bool:
    """No Origin (a same-origin GET or a non-browser client), an allowed one, or the server's own
    origin: the same rule as the WebSocket's Origin check."""
    if origin is None:
        return True
    origin = origin.rstrip("/")
    return origin in settings.allowed_origins or origin == own_origin


async def config(origin: str | None, *, own_origin: str, settings: Settings, hub: Hub) -> View:
    """The widget's settings for a page of `origin`; `allowed: false` tells it to draw nothing.
    `offline`: no admin is online, or it is outside BUSINESS_HOURS (the widget then asks for an
    email and says the answer will come by email)."""
    schedule = business_hours.parse(settings.business_hours) if settings.business_hours else None
    now = datetime.now(UTC)
    hours = schedule.view(now) if schedule else None
    closed = schedule is not None and not schedule.is_open(now)
    return {
        "allowed": origin_allowed(origin, own_origin=own_origin, settings=settings),
        "origin": origin,
        "identity_verification": settings.identity_secret is not None,
        "offline": closed or await hub.admins_online() == 0,
        "business_hours": hours,
        "email_enabled": settings.mail_enabled,
    }


async def session(conn: Connection, *, user: Row) -> View:
    """The signed-in visitor and their chat, null until their first message (GET /me/chat says
    the same with a 404, which a browser logs as an error on the host page)."""
    chat: View | None = None
    if chats.is_customer(user):
        try:
            chat = await chats.my_chat(conn, customer=user)
        except errors.NotFound:
            chat = None
        email = await transcripts.email_of(conn, customer_id=user["id"])
    else:
        email = None
    return {"user": user_view(user), "chat": chat, "email": email}
