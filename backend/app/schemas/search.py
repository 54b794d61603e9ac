"""The search page."""

from __future__ import annotations

from pydantic import BaseModel

from app.schemas.chats import MessageOut


class SearchHit(BaseModel):
    chat_id: int
    message: MessageOut


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_before: int | None
