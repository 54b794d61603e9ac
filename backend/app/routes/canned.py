"""Canned replies: the team's shared answers (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from app.deps import AdminUser, Conn
from app.schemas.canned import CannedIn, CannedList, CannedOut, CannedPatch, CannedQuery
from app.schemas.chats import MAX_ID
from app.schemas.errors import error_responses
from app.services import canned

router = APIRouter(prefix="/canned", tags=["canned replies"])

ReplyId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("", response_model=CannedList, responses=error_responses(401, 403))
async def list_canned(
    user: AdminUser, conn: Conn, q: Annotated[CannedQuery | None, Query()] = None
) -> dict[str, object]:
    """Every canned reply, by shortcut. `q` keeps those whose shortcut starts with it or that
    have a word (of title or body) starting with it, case-insensitive."""
    return await canned.list_replies(conn, admin=user, q=q)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CannedOut,
    responses=error_responses(401, 403, 409),
)
async def create_canned(body: CannedIn, user: AdminUser, conn: Conn) -> dict[str, object]:
    """Add a reply for the whole team (409: the shortcut is taken, or the team has 1,000)."""
    return await canned.create_reply(
        conn, admin=user, shortcut=body.shortcut, title=body.title, body=body.body
    )


@router.patch(
    "/{reply_id}", response_model=CannedOut, responses=error_responses(401, 403, 404, 409)
)
async def update_canned(
    reply_id: ReplyId, body: CannedPatch, user: AdminUser, conn: Conn
) -> dict[str, object]:
    """Change any of its fields; `"title": null` removes the title."""
    return await canned.update_reply(
        conn, admin=user, reply_id=reply_id, changes=body.model_dump(exclude_unset=True)
    )


@router.delete(
    "/{reply_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def delete_canned(reply_id: ReplyId, user: AdminUser, conn: Conn) -> None:
    """Delete the reply; its shortcut can be taken again."""
    await canned.delete_reply(conn, admin=user, reply_id=reply_id)
