"""Response bodies of the widget's own calls."""

from __future__ import annotations

from pydantic import BaseModel

from app.schemas.chats import ChatOut
from app.schemas.users import UserOut


class WidgetConfigOut(BaseModel):
    allowed: bool
    origin: str | None
    identity_verification: bool
    # No admin online, or outside BUSINESS_HOURS.
    offline: bool
    # {"timezone", "open", "days": {"mon": [["09:00", "18:00"]], ...}} or null (no schedule).
    business_hours: dict[str, object] | None
    # Whether this server sends email at all (an email prompt is pointless otherwise).
    email_enabled: bool


class WidgetSessionOut(BaseModel):
    user: UserOut
    chat: ChatOut | None
    email: str | None
