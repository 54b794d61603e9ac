"""Sending messages, reading history, and catching up after a reconnect."""

from __future__ import annotations

from app import errors
from app.config import Settings
from app.db import Connection, Row
from app.ratelimit import Limiter
from app.repositories import chats, messages
from app.services.chats import MAX_CURSOR, ensure_reader, is_customer
from app.services.message_writer import MessageWriter
from app.views import View, message_view

CATCH_UP_LIMIT = 1000
CATCH_UP_MAX_CHATS = 500


async def send(
    writer: MessageWriter,
    limiter: Limiter,
    settings: Settings,
    *,
    sender: Row,
    chat_id: int | None,
    body: str,
    client_msg_id: str | None,
    kind: str = "text",
    attachment_ids: tuple[str, ...] = (),
) -> tuple[View, bool]:
    """The customer's first message creates their chat; after that only the customer and the
    chat's current admin may write (services.lifecycle), and notes only admins. Returns
    (message, created); a repeated client_msg_id returns the first message and created=False."""
    if kind == "note" and is_customer(sender):
        raise errors.Forbidden("notes are for admins only")
    if not body and not attachment_ids:
        raise errors.BadRequest("body must not be empty unless files are attached")
    retry = await limiter.hit(
        f"msg:{sender['id']}",
        limit=settings.messages_per_user,
        window=settings.message_window_seconds,
    )
    if retry is not None:
        raise errors.RateLimited(f"you are sending too fast; try again in {retry} s", retry)
    return await writer.write(
        sender=sender,
        chat_id=chat_id,
        body=body,
        client_msg_id=client_msg_id,
        kind=kind,
        attachment_ids=attachment_ids,
    )


async def history(
    conn: Connection,
    *,
    user: Row,
    chat_id: int,
    before: int | None,
    after: int | None,
    limit: int,
) -> dict[str, object]:
    """A keyset page of a chat's messages, oldest first: before an id (scrolling back) or after
    one (catching up).

    The page is read first and carries its chat's parties, so that the common case is one round
    trip; nothing of it leaves this function unless the reader may read the chat. An empty page
    says nothing about the chat, whose parties are then read alone. A customer's page holds
    text messages only: notes are never read for them."""
    text_only = is_customer(user)
    if after is not None:
        if before is not None:
            rows = await messages.page_between(
                conn,
                chat_id=chat_id,
                after_id=after,
                before_id=before,
                limit=limit + 1,
                text_only=text_only,
            )
        else:
            rows = await messages.page_after(
                conn, chat_id=chat_id, after_id=after, limit=limit + 1, text_only=text_only
            )
    else:
        rows = await messages.page_before(
            conn,
            chat_id=chat_id,
            before_id=before or MAX_CURSOR,
            limit=limit + 1,
            text_only=text_only,
        )
    if rows:
        parties = {"customer_id": rows[0]["chat_customer_id"], "admin_id": rows[0]["chat_admin_id"]}
        ensure_reader(user, parties)
    else:
        ensure_reader(user, await chats.get_parties(conn, chat_id=chat_id))
    has_more = len(rows) > limit
    rows = rows[:limit] if after is not None else rows[:limit][::-1]
    return {"items": [message_view(r) for r in rows], "has_more": has_more}


async def catch_up(
    conn: Connection, *, user: Row, since: int | dict[str, int]
) -> tuple[list[View], bool]:
    """What a reconnecting client missed, in id order per chat. Returns (messages, complete)."""
    limit = CATCH_UP_LIMIT + 1
    if is_customer(user):
        chat = await chats.get_for_customer(conn, customer_id=user["id"])
        if chat is None:
            return [], True
        after = since if isinstance(since, int) else since.get(str(chat["id"]), None)
        if after is None:
            return [], True
        rows = await messages.page_after(
            conn, chat_id=chat["id"], after_id=after, limit=limit, text_only=True
        )
    elif isinstance(since, int):
        rows = await messages.catch_up_admin_since(
            conn, admin_id=user["id"], since=since, limit=limit
        )
    else:
        cursors: dict[int, int] = {}
        for key, after in since.items():
            if not key.isdigit():
                raise errors.BadRequest("since keys must be chat ids")
            cursors[int(key)] = after
        if len(cursors) > CATCH_UP_MAX_CHATS:
            raise errors.BadRequest(f"since may name at most {CATCH_UP_MAX_CHATS} chats")
        if not cursors:
            return [], True
        rows = await messages.catch_up_admin(
            conn, admin_id=user["id"], cursors=cursors, limit=limit
        )
    complete = len(rows) <= CATCH_UP_LIMIT
    return [message_view(r) for r in rows[:CATCH_UP_LIMIT]], complete
