"""Canned replies: the team's shared answers, at most 1,000, found by shortcut or by word."""

from __future__ import annotations

import re

from app import errors
from app.db import Row, transaction
from app.repositories import canned
from app.services.auth import utcnow
from app.services.pool import Db, connection
from app.views import View

MAX_REPLIES = 1000
# A word is a run of letters and digits, in any script (\w less the underscore).
WORD = re.compile(r"[^\W_]+")
SHORTCUT_TEXT = re.compile(r"[a-z0-9_-]+")


def words_of(*texts: str | None) -> str:
    """The lower-cased words of the texts, each after a space: " refund policy ..."."""
    return "".join(" " + w for text in texts if text for w in WORD.findall(text.lower()))


def _admin_only(user: Row) -> None:
    if user["role"] != "admin":
        raise errors.Forbidden("canned replies are for admins")


def _view(row: Row) -> View:
    return {
        "id": row["id"],
        "shortcut": row["shortcut"],
        "title": row["title"],
        "body": row["body"],
        "updated_at": row["updated_at"],
    }


def _like_prefix(text: str) -> str:
    """`text` as a LIKE prefix pattern; shortcuts may hold "_", LIKE's one-character wildcard."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


async def list_replies(db: Db, *, admin: Row, q: str | None) -> dict[str, object]:
    """Every reply by shortcut (byte order); `q` keeps those whose shortcut starts with it, or
    a word of whose title or body does (case-insensitive)."""
    _admin_only(admin)
    async with connection(db) as conn:
        query = (q or "").strip().lower()
        if not query:
            rows = await canned.list_all(conn)
        else:
            phrase = words_of(query)
            rows = await canned.search(
                conn,
                # No shortcut holds any other character (and the column is ASCII): "" matches
                # no shortcut.
                shortcut_prefix=_like_prefix(query) if SHORTCUT_TEXT.fullmatch(query) else "",
                words_phrase=phrase,
                # phrase starts with a space and holds letters, digits and spaces only.
                words_pattern="%" + phrase + "%",
            )
    return {"items": [_view(r) for r in rows]}


def _title(title: str | None) -> str | None:
    return title or None


async def create_reply(db: Db, *, admin: Row, shortcut: str, title: str | None, body: str) -> View:
    """A new reply for the whole team; shortcuts are unique, and the team has at most 1,000."""
    _admin_only(admin)
    title = _title(title)
    async with connection(db) as conn:
        async with transaction(conn):
            await canned.lock_for_create(conn)
            if await canned.count(conn) >= MAX_REPLIES:
                raise errors.Conflict(
                    f"the team has {MAX_REPLIES} canned replies already; delete one first"
                )
            try:
                reply_id = await canned.insert(
                    conn,
                    shortcut=shortcut,
                    title=title,
                    body=body,
                    words=words_of(title, body),
                    at=utcnow(),
                )
            except errors.Conflict as exc:
                raise errors.Conflict(f"the shortcut /{shortcut} is taken") from exc
        row = await canned.get(conn, reply_id=reply_id)
    assert row is not None
    return _view(row)


async def update_reply(db: Db, *, admin: Row, reply_id: int, changes: dict[str, object]) -> View:
    """Change any of shortcut, title (null clears it) and body; the rest stay."""
    _admin_only(admin)
    async with connection(db) as conn:
        async with transaction(conn):
            current = await canned.lock(conn, reply_id=reply_id)
            if current is None:
                raise errors.NotFound("no such canned reply")
            for field in ("shortcut", "body"):
                if field in changes and changes[field] is None:
                    raise errors.BadRequest(f"{field} cannot be null")
            shortcut = str(changes.get("shortcut") or current["shortcut"])
            title = current["title"]
            if "title" in changes:
                title = _title(str(changes["title"]) if changes["title"] is not None else None)
            body = str(changes.get("body") or current["body"])
            try:
                await canned.update(
                    conn,
                    reply_id=reply_id,
                    shortcut=shortcut,
                    title=title,
                    body=body,
                    words=words_of(title, body),
                    at=utcnow(),
                )
            except errors.Conflict as exc:
                raise errors.Conflict(f"the shortcut /{shortcut} is taken") from exc
        row = await canned.get(conn, reply_id=reply_id)
    assert row is not None
    return _view(row)


async def delete_reply(db: Db, *, admin: Row, reply_id: int) -> None:
    """A deleted reply's shortcut is free to be taken again."""
    _admin_only(admin)
    async with connection(db) as conn:
        if await canned.delete(conn, reply_id=reply_id) == 0:
            raise errors.NotFound("no such canned reply")
