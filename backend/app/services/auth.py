"""Sign-up, sign-in, guests, identified visitors, tokens and their revocation."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

from app import errors, security
from app.config import Settings
from app.db import Connection, Row, transaction
from app.ratelimit import Limiter
from app.realtime.hub import Hub
from app.repositories import users
from app.services import visitor
from app.views import View, user_view

CLOSE_REVOKED = 4401


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    expires_in: int
    user: View

    def as_dict(self) -> dict[str, object]:
        return {
            "access_token": self.token,
            "token_type": "bearer",
            "expires_in": self.expires_in,
            "user": self.user,
        }


def issue(settings: Settings, user: Row) -> Session:
    token = security.create_access_token(
        user_id=user["id"],
        token_version=user["token_version"],
        secret=settings.jwt_secret,
        ttl_seconds=settings.access_token_ttl_seconds,
    )
    return Session(token, settings.access_token_ttl_seconds, user_view(user))


async def authenticate(conn: Connection, settings: Settings, token: str) -> Row:
    """A token is good while its user exists, is enabled, and has not revoked it since."""
    claims = security.decode_access_token(token, secret=settings.jwt_secret)
    user = await users.get_by_id(conn, user_id=claims.user_id)
    if user is None or user["disabled_at"] is not None:
        raise errors.Unauthorized("invalid or expired token")
    if user["token_version"] != claims.token_version:
        raise errors.Unauthorized("token revoked")
    return user


async def _limit(limiter: Limiter, key: str, *, limit: int, window: int, what: str) -> None:
    retry = await limiter.hit(key, limit=limit, window=window)
    if retry is not None:
        raise errors.RateLimited(f"too many {what}; try again in {retry} s", retry)


async def register(
    conn: Connection,
    settings: Settings,
    limiter: Limiter,
    *,
    username: str,
    password: str,
    display_name: str | None,
    client_ip: str,
) -> View:
    """Anyone may sign up as a customer; usernames are unique regardless of case."""
    await _limit(
        limiter,
        f"signup:{client_ip}",
        limit=settings.signups_per_ip,
        window=settings.signup_window_seconds,
        what="sign-ups from this address",
    )
    user = await create_user(
        conn, username=username, password=password, display_name=display_name, role="customer"
    )
    return user_view(user)


async def create_user(
    conn: Connection, *, username: str, password: str, display_name: str | None, role: str
) -> Row:
    password_hash = await asyncio.to_thread(security.hash_password, password)
    try:
        user_id = await users.insert(
            conn,
            username=username,
            password_hash=password_hash,
            display_name=display_name or username,
            role=role,
            is_guest=False,
            external_id=None,
            created_at=utcnow(),
        )
    except errors.Conflict as exc:
        raise errors.Conflict("username is taken") from exc
    user = await users.get_by_id(conn, user_id=user_id)
    assert user is not None
    return user


async def login(
    conn: Connection,
    settings: Settings,
    limiter: Limiter,
    *,
    username: str,
    password: str,
    client_ip: str,
    user_agent: str | None = None,
) -> Session:
    """Failed attempts are limited per (username, address) and per address, so a stranger
    guessing passwords cannot lock the real user out. Unknown user and wrong password are
    the same 401, after the same argon2 work."""
    # Keyed on the account the name resolves to, not on the text typed: the username collation
    # lets "Frank", "frank " and "fränk" all name frank, and each spelling must not bring
    # its own allowance of guesses.
    user = await users.get_by_username(conn, username=username)
    who = f"user-{user['id']}" if user is not None else f"name-{username.lower()}"
    pair_key = f"login:{who}:{client_ip}"
    ip_key = f"login-ip:{client_ip}"
    window = settings.login_window_seconds
    for key, limit in (
        (pair_key, settings.login_failures_per_user_ip),
        (ip_key, settings.login_failures_per_ip),
    ):
        retry = await limiter.exceeded(key, limit=limit, window=window)
        if retry is not None:
            raise errors.RateLimited(f"too many failed sign-ins; try again in {retry} s", retry)
    stored = user["password_hash"] if user is not None else None
    ok = await asyncio.to_thread(security.verify_password, password, stored)
    if not ok or user is None or user["disabled_at"] is not None:
        await limiter.hit(pair_key, limit=settings.login_failures_per_user_ip, window=window)
        await limiter.hit(ip_key, limit=settings.login_failures_per_ip, window=window)
        raise errors.Unauthorized("wrong username or password")
    await visitor.record_sign_in(conn, customer=user, user_agent=user_agent)
    return issue(settings, user)


async def guest(
    conn: Connection,
    settings: Settings,
    limiter: Limiter,
    *,
    display_name: str | None,
    client_ip: str,
    user_agent: str | None = None,
) -> Session:
    """A site visitor gets an anonymous customer account on their first message."""
    await _limit(
        limiter,
        f"guest:{client_ip}",
        limit=settings.signups_per_ip,
        window=settings.signup_window_seconds,
        what="new visitors from this address",
    )
    user_id = await users.insert(
        conn,
        username=None,
        password_hash=None,
        display_name=display_name or "Visitor",
        role="customer",
        is_guest=True,
        external_id=None,
        created_at=utcnow(),
    )
    user = await users.get_by_id(conn, user_id=user_id)
    assert user is not None
    await visitor.record_sign_in(conn, customer=user, user_agent=user_agent)
    return issue(settings, user)


async def identify(
    conn: Connection,
    settings: Settings,
    limiter: Limiter,
    *,
    external_id: str,
    display_name: str | None,
    given_hash: str,
    client_ip: str,
    user_agent: str | None = None,
    email: str | None = None,
) -> Session:
    """A host site vouches for its user with an HMAC of their id; one customer per external id."""
    if not settings.identity_secret:
        raise errors.NotFound("identity verification is not enabled on this server")
    await _limit(
        limiter,
        f"identify:{client_ip}",
        limit=settings.signups_per_ip,
        window=settings.signup_window_seconds,
        what="identifications from this address",
    )
    if not security.identity_hash_matches(external_id, given_hash, settings.identity_secret):
        raise errors.Unauthorized("identity hash does not match")
    user = await users.get_by_external_id(conn, external_id=external_id)
    if user is None:
        try:
            await users.insert(
                conn,
                username=None,
                password_hash=None,
                display_name=display_name or "Customer",
                role="customer",
                is_guest=False,
                external_id=external_id,
                created_at=utcnow(),
            )
        except errors.Conflict:
            pass  # made by a concurrent first use: the row below is that one
        user = await users.get_by_external_id(conn, external_id=external_id)
        assert user is not None
    if display_name and display_name != user["display_name"]:
        await users.update_display_name(conn, user_id=user["id"], display_name=display_name)
        user = {**user, "display_name": display_name}
    if user["disabled_at"] is not None:
        raise errors.Unauthorized("this account is disabled")
    await visitor.record_sign_in(conn, customer=user, user_agent=user_agent, email=email)
    return issue(settings, user)


async def change_password(
    conn: Connection,
    hub: Hub,
    settings: Settings,
    limiter: Limiter,
    *,
    user: Row,
    current_password: str,
    new_password: str,
) -> None:
    """A new password revokes every older token and closes the user's open sockets. Wrong
    current passwords are limited like failed sign-ins, so a stolen token cannot be used to
    guess the password (and take the account over for good)."""
    key = f"password:{user['id']}"
    limit, window = settings.login_failures_per_user_ip, settings.login_window_seconds
    retry = await limiter.exceeded(key, limit=limit, window=window)
    if retry is not None:
        raise errors.RateLimited(f"too many wrong passwords; try again in {retry} s", retry)
    ok = await asyncio.to_thread(security.verify_password, current_password, user["password_hash"])
    if not ok or user["password_hash"] is None:
        await limiter.hit(key, limit=limit, window=window)
        raise errors.Unauthorized("current password is wrong")
    new_hash = await asyncio.to_thread(security.hash_password, new_password)
    await users.set_password_and_revoke(conn, user_id=user["id"], password_hash=new_hash)
    await hub.disconnect_user(user["id"], CLOSE_REVOKED, "password changed")


async def logout_all(conn: Connection, hub: Hub, *, user: Row) -> None:
    """Every token of the user issued so far stops working."""
    await users.revoke_tokens(conn, user_id=user["id"])
    await hub.disconnect_user(user["id"], CLOSE_REVOKED, "signed out everywhere")


async def disable_user(conn: Connection, hub: Hub, *, user_id: int) -> None:
    """A disabled user can no longer sign in; their tokens and sockets end now."""
    async with transaction(conn):
        if await users.disable(conn, user_id=user_id, at=utcnow()) == 0:
            raise errors.NotFound("no such user")
    await hub.disconnect_user(user_id, CLOSE_REVOKED, "account disabled")


async def seed_demo_users(conn: Connection) -> None:
    """admin/password and user/password, for local development only."""
    for username, role, name in (("admin", "admin", "Support"), ("user", "customer", "Demo User")):
        if await users.get_by_username(conn, username=username) is None:
            try:
                await create_user(
                    conn, username=username, password="password", display_name=name, role=role
                )
            except errors.Conflict:
                pass
