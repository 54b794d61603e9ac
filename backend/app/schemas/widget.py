"""Response bodies of the widget's own calls."""

from __future__ import annotations

from pydantic import BaseModel

from app.schemas.chats import ChatOut
from app.schemas.users import UserOut


class WidgetConfigOut(BaseModel):
    allowed: bool
    origin: str | None
    identity_verification: bool


class WidgetSessionOut(BaseModel):
    user: UserOut
    chat: ChatOut | None
