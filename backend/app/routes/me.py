"""The signed-in user, their password, a customer's own chat, an admin's availability."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.deps import (
    AdminUser,
    AppEvents,
    AppHub,
    AppLimiter,
    AppSettings,
    AppWriter,
    Conn,
    CurrentUser,
    CustomerUser,
    SendingCustomer,
)
from app.schemas.availability import AvailabilityIn, AvailabilityOut
from app.schemas.chats import ChatOut, MessageOut, RatingOut, SendMessageIn
from app.schemas.errors import error_responses
from app.schemas.reports import RatingIn
from app.schemas.users import PasswordChangeIn, UserOut
from app.services import auth, availability, chats, messages, ratings
from app.views import user_view

router = APIRouter(prefix="/me", tags=["me"])


@router.get("", response_model=UserOut, responses=error_responses(401))
async def read_me(user: CurrentUser) -> dict[str, object]:
    """The signed-in user."""
    return user_view(user)


@router.post(
    "/password", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 429)
)
async def change_password(
    body: PasswordChangeIn,
    user: CurrentUser,
    conn: Conn,
    hub: AppHub,
    settings: AppSettings,
    limiter: AppLimiter,
) -> None:
    """Change the password; every older token stops working and open sockets close."""
    await auth.change_password(
        conn,
        hub,
        settings,
        limiter,
        user=user,
        current_password=body.current_password,
        new_password=body.new_password,
    )


@router.get("/chat", response_model=ChatOut, responses=error_responses(401, 403, 404))
async def read_my_chat(user: CustomerUser, conn: Conn) -> dict[str, object]:
    """The customer's chat (404 until their first message)."""
    return await chats.my_chat(conn, customer=user)


@router.post(
    "/chat/messages",
    status_code=status.HTTP_201_CREATED,
    response_model=MessageOut,
    responses={
        200: {"model": MessageOut, "description": "a repeated client_msg_id"},
        **error_responses(401, 403, 429),
    },
)
async def send_my_message(
    body: SendMessageIn,
    user: SendingCustomer,
    writer: AppWriter,
    limiter: AppLimiter,
    settings: AppSettings,
    response: Response,
) -> dict[str, object]:
    """Write to support; the first message creates the chat."""
    message, created = await messages.send(
        writer,
        limiter,
        settings,
        sender=user,
        chat_id=None,
        body=body.body,
        client_msg_id=body.client_msg_id,
        attachment_ids=tuple(body.attachment_ids),
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return message


@router.post(
    "/chat/rating",
    status_code=status.HTTP_201_CREATED,
    response_model=RatingOut,
    responses=error_responses(401, 403, 404, 409),
)
async def rate_my_chat(
    body: RatingIn, user: CustomerUser, conn: Conn, events: AppEvents
) -> dict[str, object]:
    """Rate the conversation once it is resolved: a score of 1 to 5 and an optional comment,
    once per resolution. Every admin gets `chat.rated`."""
    return await ratings.rate(conn, events, customer=user, score=body.score, comment=body.comment)


@router.get("/availability", response_model=AvailabilityOut, responses=error_responses(401, 403))
async def read_availability(user: AdminUser) -> dict[str, str]:
    """The admin's availability: `online`, or `away` (not counted in `admins_online`)."""
    return await availability.get(admin=user)


@router.post("/availability", response_model=AvailabilityOut, responses=error_responses(401, 403))
async def set_availability(
    body: AvailabilityIn, user: AdminUser, conn: Conn, hub: AppHub
) -> dict[str, str]:
    """Step away or come back; kept across reconnects and restarts."""
    return await availability.set_status(conn, hub, admin=user, status=body.status)
