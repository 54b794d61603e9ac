"""Search: an admin finds messages (notes too) by their words, in the chats they may read."""

from __future__ import annotations

import re
import unicodedata

from app import errors
from app.db import Row
from app.repositories import search
from app.services.pool import Db, connection
from app.views import View, message_view

MIN_WORD = 3
# InnoDB indexes no word longer than innodb_ft_max_token_size (84): a longer query word would be
# dropped from the query, so it is cut to that length and matches as a prefix.
MAX_WORD = 84
# A word is a run of letters and digits, in any script (\w less the underscore).
WORD = re.compile(r"[^\W_]+")


def boolean_terms(q: str) -> str:
    """The user's words as a boolean-mode query: every word of 3+ characters must be there as
    a prefix ("+word*"). Built from the words alone, so that none of + - < > ( ) ~ * " @ the
    user typed reaches MATCH as an operator."""
    words = [w[:MAX_WORD] for w in WORD.findall(unicodedata.normalize("NFC", q))]
    kept = list(dict.fromkeys(w.lower() for w in words if len(w) >= MIN_WORD))
    if not kept:
        raise errors.BadRequest(f"search for at least one word of {MIN_WORD} or more letters")
    return " ".join(f"+{w}*" for w in kept)


async def search_messages(
    db: Db, *, admin: Row, q: str, before: int | None, limit: int
) -> dict[str, object]:
    """Newest first, a keyset page at a time (`before` = a message id): messages of the chats
    the admin may read (theirs and waiting ones), notes included."""
    if admin["role"] != "admin":
        raise errors.Forbidden("only admins search")
    terms = boolean_terms(q)
    async with connection(db) as conn:
        ids = await search.matching_ids(
            conn, terms=terms, admin_id=admin["id"], before=before, limit=limit + 1
        )
        rows = await search.messages_by_id(conn, ids=ids[:limit])
    items: list[View] = [{"chat_id": r["chat_id"], "message": message_view(r)} for r in rows]
    next_before = ids[limit - 1] if len(ids) > limit else None
    return {"items": items, "next_before": next_before}
