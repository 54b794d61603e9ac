"""Sign-up, sign-in, guests and identified visitors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Header, status

from app.deps import AppHub, AppLimiter, AppSettings, ClientIp, Conn, CurrentUser
from app.schemas.errors import error_responses
from app.schemas.users import GuestIn, IdentifyIn, LoginIn, RegisterIn, TokenOut, UserOut
from app.services import auth

router = APIRouter(prefix="/auth", tags=["auth"])

# The browser's User-Agent at sign-in: the visitor context shows its browser and OS.
UserAgent = Annotated[str | None, Header(include_in_schema=False)]


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses=error_responses(409, 429),
)
async def register(
    body: RegisterIn, conn: Conn, settings: AppSettings, limiter: AppLimiter, ip: ClientIp
) -> dict[str, object]:
    """Create a customer account. Usernames are unique regardless of case (409)."""
    return await auth.register(
        conn,
        settings,
        limiter,
        username=body.username,
        password=body.password,
        display_name=body.display_name,
        client_ip=ip,
    )


@router.post("/login", response_model=TokenOut, responses=error_responses(401, 429))
async def login(
    body: LoginIn,
    conn: Conn,
    settings: AppSettings,
    limiter: AppLimiter,
    ip: ClientIp,
    user_agent: UserAgent = None,
) -> dict[str, object]:
    """Exchange a username and password for an access token (401 for any mismatch)."""
    session = await auth.login(
        conn,
        settings,
        limiter,
        username=body.username,
        password=body.password,
        client_ip=ip,
        user_agent=user_agent,
    )
    return session.as_dict()


# The OAuth2 password form, with the same bounds as LoginIn (an empty field is a 422).
FormField = Annotated[str, Form(min_length=1, max_length=128)]


@router.post("/token", response_model=TokenOut, responses=error_responses(401, 429))
async def login_form(
    username: FormField,
    password: FormField,
    conn: Conn,
    settings: AppSettings,
    limiter: AppLimiter,
    ip: ClientIp,
) -> dict[str, object]:
    """The same as /auth/login, as an OAuth2 password form (the Authorize button in /docs)."""
    session = await auth.login(
        conn, settings, limiter, username=username, password=password, client_ip=ip
    )
    return session.as_dict()


@router.post(
    "/guest",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenOut,
    responses=error_responses(429),
)
async def create_guest(
    conn: Conn,
    settings: AppSettings,
    limiter: AppLimiter,
    ip: ClientIp,
    body: GuestIn | None = None,
    user_agent: UserAgent = None,
) -> dict[str, object]:
    """Start an anonymous visitor (a guest customer) and return its token."""
    session = await auth.guest(
        conn,
        settings,
        limiter,
        display_name=body.display_name if body else None,
        client_ip=ip,
        user_agent=user_agent,
    )
    return session.as_dict()


@router.post("/identify", response_model=TokenOut, responses=error_responses(401, 404, 429))
async def identify(
    body: IdentifyIn,
    conn: Conn,
    settings: AppSettings,
    limiter: AppLimiter,
    ip: ClientIp,
    user_agent: UserAgent = None,
) -> dict[str, object]:
    """A host site's signed-in user: `hash` is hex HMAC-SHA256 of `external_id` with
    IDENTITY_SECRET. The same external id is always the same customer."""
    session = await auth.identify(
        conn,
        settings,
        limiter,
        external_id=body.external_id,
        display_name=body.display_name,
        given_hash=body.hash,
        client_ip=ip,
        user_agent=user_agent,
        email=body.email,
    )
    return session.as_dict()


@router.post("/logout-all", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401))
async def logout_all(user: CurrentUser, conn: Conn, hub: AppHub) -> None:
    """Revoke every token of the caller issued so far and close their sockets."""
    await auth.logout_all(conn, hub, user=user)
