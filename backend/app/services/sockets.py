"""A socket's sign-in: the token of its first frame, checked again once it is registered, and
what it missed while away. Each step takes a pooled connection for just its own reads."""

from __future__ import annotations

from app.config import Settings
from app.db import Database, Row
from app.services import auth, messages
from app.views import View


async def sign_in(db: Database, settings: Settings, *, token: str) -> Row:
    """A socket is signed in by the same token check as every request."""
    async with db.acquire() as conn:
        return await auth.authenticate(conn, settings, token)


async def greet(
    db: Database, settings: Settings, *, token: str, user: Row, since: int | dict[str, int] | None
) -> tuple[Row, list[View], bool]:
    """The user as they are now (a revocation that ran between sign-in and the socket's
    registration found no socket to close, so the token is checked again) and, with `since`,
    the messages they missed: (user, missed, complete)."""
    async with db.acquire() as conn:
        fresh = await auth.authenticate(conn, settings, token)
        if since is None:
            return fresh, [], True
        missed, complete = await messages.catch_up(conn, user=user, since=since)
    return fresh, missed, complete
