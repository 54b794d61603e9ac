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


# Tokens whose signature has been checked, by their text: python-jose spends ~90 µs on a check,
# and a client sends the same token with every request. Only the signature check is remembered:
# expiry is checked on every use, and the revocation check (the user's row) still runs each time.
# Bounded, oldest out first, so that a worker with many sockets spends no memory on it.
_VERIFIED_MAX = 1024
_verified: dict[tuple[str, str], tuple[TokenClaims, int]] = {}


def decode_access_token(token: str, *, secret: str) -> TokenClaims:
    """Decode and check signature and expiry; only HS256 is accepted (no `alg: none`)."""
    key = (secret, token)
    known = _verified.get(key)
    if known is not None:
        checked, expires = known
        # python-jose's rule: a token is good through the second of its `exp`.
        if int(time.time()) <= expires:
            return checked
        del _verified[key]
        raise errors.Unauthorized("invalid or expired token")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
        checked = TokenClaims(user_id=int(claims["sub"]), token_version=int(claims["ver"]))
        expires = int(claims["exp"])
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise errors.Unauthorized("invalid or expired token") from exc
    if len(_verified) >= _VERIFIED_MAX:
        del _verified[next(iter(_verified))]
    _verified[key] = (checked, expires)
    return checked


def identity_hash(external_id: str, secret: str) -> str:
    return hmac.new(secret.encode(), external_id.encode(), hashlib.sha256).hexdigest()


def identity_hash_matches(external_id: str, given: str, secret: str) -> bool:
    """Constant-time. Compared as bytes: `compare_digest` raises on non-ASCII str, and the
    given hash is whatever a visitor sent."""
    expected = identity_hash(external_id, secret).encode()
    return hmac.compare_digest(expected, given.strip().lower().encode("utf-8", "surrogatepass"))
