"""Chats and their messages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from app.deps import (
    AdminUser,
    AppEvents,
    AppLimiter,
    AppSettings,
    AppWriter,
    Conn,
    CurrentUser,
    SendingUser,
)
from app.schemas.chats import (
    MAX_ID,
    MAX_PAGE,
    ChatOut,
    ChatPage,
    MessageOut,
    MessagePage,
    ReadIn,
    Scope,
    SendMessageIn,
)
from app.schemas.errors import error_responses
from app.serialization import JSONBody
from app.services import blocking, chats, lifecycle, messages, notes

router = APIRouter(prefix="/chats", tags=["chats"])

ChatId = Annotated[int, Path(ge=1, le=MAX_ID)]
MessageCursor = Annotated[int | None, Query(ge=0, le=MAX_ID)]


@router.get("", response_model=ChatPage, responses=error_responses(401, 403))
async def list_chats(
    user: AdminUser,
    conn: Conn,
    scope: Scope = "all",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    # A `next_before` from a previous page: a message id, in digits.
    before: Annotated[str | None, Query(pattern=r"^[0-9]{0,19}$")] = None,
) -> JSONBody:
    """Chats newest activity first: `waiting` (no admin yet), `mine` (active with the caller),
    `resolved` (the caller's resolved chats) or `all`. Page on with `before=next_before`."""
    return JSONBody(
        await chats.list_chats(conn, admin=user, scope=scope, limit=limit, before=before)
    )


@router.get("/{chat_id}", response_model=ChatOut, responses=error_responses(401, 403, 404))
async def read_chat(chat_id: ChatId, user: CurrentUser, conn: Conn) -> dict[str, object]:
    """One chat, for its customer, its admin, or any admin while it waits."""
    return await chats.get_chat(conn, user=user, chat_id=chat_id)


@router.post("/{chat_id}/open", response_model=ChatOut, responses=error_responses(401, 403, 404))
async def open_chat(
    chat_id: ChatId, user: AdminUser, conn: Conn, events: AppEvents
) -> dict[str, object]:
    """Take the chat: it is rebound to the caller, whoever held it, and everyone is told."""
    return await chats.open_chat(conn, events, admin=user, chat_id=chat_id)


@router.get(
    "/{chat_id}/messages", response_model=MessagePage, responses=error_responses(401, 403, 404)
)
async def list_messages(
    chat_id: ChatId,
    user: CurrentUser,
    conn: Conn,
    before: MessageCursor = None,
    after: MessageCursor = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> JSONBody:
    """History oldest first; `before`/`after` are message ids (keyset paging)."""
    return JSONBody(
        await messages.history(
            conn, user=user, chat_id=chat_id, before=before, after=after, limit=limit
        )
    )


@router.post(
    "/{chat_id}/messages",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageOut,
    responses={
        200: {"model": MessageOut, "description": "a repeated client_msg_id"},
        **error_responses(401, 403, 404, 429),
    },
)
async def send_message(
    chat_id: ChatId,
    body: SendMessageIn,
    user: SendingUser,
    writer: AppWriter,
    limiter: AppLimiter,
    settings: AppSettings,
    response: Response,
) -> dict[str, object]:
    """Write into the chat: its customer or its current admin (others get 403)."""
    message, created = await messages.send(
        writer,
        limiter,
        settings,
        sender=user,
        chat_id=chat_id,
        body=body.body,
        client_msg_id=body.client_msg_id,
        attachment_ids=tuple(body.attachment_ids),
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return message


@router.post(
    "/{chat_id}/read",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def mark_read(
    chat_id: ChatId, body: ReadIn, user: CurrentUser, conn: Conn, events: AppEvents
) -> None:
    """Move the caller's read mark; the other side gets a `chat.read` event."""
    await chats.mark_read(conn, events, user=user, chat_id=chat_id, last_read_id=body.last_read_id)


@router.post("/{chat_id}/resolve", response_model=ChatOut, responses=error_responses(401, 403, 404))
async def resolve_chat(
    chat_id: ChatId, user: AdminUser, conn: Conn, events: AppEvents
) -> dict[str, object]:
    """Mark the chat done: its admin, or any admin while it waits (who then holds it). Every
    admin and the customer get `chat.resolved`; resolving it again changes nothing."""
    return await lifecycle.resolve(conn, events, admin=user, chat_id=chat_id)


@router.post(
    "/{chat_id}/notes",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageOut,
    responses={
        200: {"model": MessageOut, "description": "a repeated client_msg_id"},
        **error_responses(401, 403, 404, 429),
    },
)
async def write_note(
    chat_id: ChatId,
    body: SendMessageIn,
    user: SendingUser,
    writer: AppWriter,
    limiter: AppLimiter,
    settings: AppSettings,
    response: Response,
) -> dict[str, object]:
    """Leave a note for admins (`kind: "note"`): any admin who may read the chat; its customer
    never sees it."""
    note, created = await notes.write_note(
        writer,
        limiter,
        settings,
        admin=user,
        chat_id=chat_id,
        body=body.body,
        client_msg_id=body.client_msg_id,
        attachment_ids=tuple(body.attachment_ids),
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return note


@router.post(
    "/{chat_id}/block",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def block_customer(chat_id: ChatId, user: AdminUser, conn: Conn, events: AppEvents) -> None:
    """Stop the chat's customer from writing; the chat is resolved (and bound to the caller if
    it was waiting). The customer keeps their socket and history."""
    await blocking.block(conn, events, admin=user, chat_id=chat_id)


@router.post(
    "/{chat_id}/unblock",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def unblock_customer(chat_id: ChatId, user: AdminUser, conn: Conn) -> None:
    """Let the chat's customer write again."""
    await blocking.unblock(conn, admin=user, chat_id=chat_id)
