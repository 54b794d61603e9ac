"""Search across the messages an admin may read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import AdminUser, Conn
from app.schemas.chats import MAX_ID
from app.schemas.errors import error_responses
from app.schemas.search import SearchPage
from app.serialization import JSONBody
from app.services import search

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", response_model=SearchPage, responses=error_responses(401, 403))
async def search_messages(
    user: AdminUser,
    conn: Conn,
    # Documents what services.search enforces: a word (letters and digits) of 3 or more.
    q: Annotated[str, Query(min_length=1, max_length=200, pattern=r"[^\W_]{3}")],
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> JSONBody:
    """Messages (notes too) of the chats the caller may read whose text has every word of `q`
    of 3+ letters as a word's start, case-insensitive, Cyrillic too; newest first. Page on with
    `before=next_before`. A `q` with no such word is a 422."""
    return JSONBody(await search.search_messages(conn, admin=user, q=q, before=before, limit=limit))
