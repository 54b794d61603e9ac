"""Password hashing (passlib API, argon2) and JWT access tokens (python-jose, HS256 pinned)."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from jose import JWTError, jwt
from passlib.context import CryptContext

from app import errors

ALGORITHM = "HS256"

_passwords = CryptContext(schemes=["argon2"], deprecated="auto")
# Verified when the username is unknown, so that a miss costs as much time as a wrong password.
_DUMMY_HASH = _passwords.hash("parley-timing-equaliser")


def configure_hashing(*, memory_kib: int, time_cost: int) -> None:
    """Set argon2's cost. Tests lower it; hashes made at any cost still verify."""
    global _passwords, _DUMMY_HASH
    _passwords = CryptContext(
        schemes=["argon2"],
        deprecated="auto",
        argon2__memory_cost=memory_kib,
        argon2__time_cost=time_cost,
    )
    _DUMMY_HASH = _passwords.hash("parley-timing-equaliser")


def hash_password(password: str) -> str:
    return str(_passwords.hash(password))


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    return bool(_passwords.verify(password, password_hash))


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: int
    token_version: int


def create_access_token(*, user_id: int, token_version: int, secret: str, ttl_seconds: int) -> str:
    now = int(time.time())
    claims = {"sub": str(user_id), "ver": token_version, "iat": now, "exp": now + ttl_seconds}
    return str(jwt.encode(claims, secret, algorithm=ALGORITHM))


def decode_access_token(token: str, *, secret: str) -> TokenClaims:
    """Decode and check signature and expiry; only HS256 is accepted (no `alg: none`)."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
        return TokenClaims(user_id=int(claims["sub"]), token_version=int(claims["ver"]))
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise errors.Unauthorized("invalid or expired token") from exc


def identity_hash(external_id: str, secret: str) -> str:
    return hmac.new(secret.encode(), external_id.encode(), hashlib.sha256).hexdigest()


def identity_hash_matches(external_id: str, given: str, secret: str) -> bool:
    """Constant-time. Compared as bytes: `compare_digest` raises on non-ASCII str, and the
    given hash is whatever a visitor sent."""
    expected = identity_hash(external_id, secret).encode()
    return hmac.compare_digest(expected, given.strip().lower().encode("utf-8", "surrogatepass"))
