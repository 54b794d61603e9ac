"""The visitor behind a chat: pages, browser, language, attributes, online or not."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.deps import AdminUser, AppHub, Conn
from app.schemas.chats import MAX_ID
from app.schemas.errors import error_responses
from app.schemas.visitor import VisitorOut
from app.services import visitor

router = APIRouter(prefix="/chats", tags=["visitors"])

ChatId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get(
    "/{chat_id}/visitor", response_model=VisitorOut, responses=error_responses(401, 403, 404)
)
async def read_visitor(
    chat_id: ChatId, user: AdminUser, conn: Conn, hub: AppHub
) -> dict[str, object]:
    """Who is behind the chat: their current page and trail (newest first, 20 at most),
    browser, OS, language, time zone, the host site's attributes, and whether they are online.
    For an admin who may read the chat."""
    return await visitor.get_visitor(conn, hub, admin=user, chat_id=chat_id)
