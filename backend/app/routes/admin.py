"""User management for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from app.deps import AdminUser, AppHub, Conn
from app.schemas.chats import MAX_ID
from app.schemas.errors import error_responses
from app.schemas.users import AdminCreateUserIn, UserOut
from app.services import auth
from app.views import user_view

router = APIRouter(prefix="/admin", tags=["admin"])


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses=error_responses(401, 403, 409),
)
async def create_user(body: AdminCreateUserIn, admin: AdminUser, conn: Conn) -> dict[str, object]:
    """Create an admin or customer account."""
    user = await auth.create_user(
        conn,
        username=body.username,
        password=body.password,
        display_name=body.display_name,
        role=body.role,
    )
    return user_view(user)


@router.post(
    "/users/{user_id}/disable",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def disable_user(
    user_id: Annotated[int, Path(ge=1, le=MAX_ID)], admin: AdminUser, conn: Conn, hub: AppHub
) -> None:
    """The user can no longer sign in; their tokens stop working and their sockets close."""
    await auth.disable_user(conn, hub, user_id=user_id)
