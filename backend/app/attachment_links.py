"""Signed links to attachments: `/api/v1/attachments/{id}?sig=…&exp=…`.

A link works without an Authorization header (an `<img src>`, a download link) until `exp`. The
signature is an HMAC-SHA256 over the attachment id and the expiry, with a key derived from the
app secret, so a link opens that one attachment only and cannot be stretched. Expiries are
rounded to the next 12-hour boundary plus 12 hours: a link lives 12 to 24 hours, and the same
attachment gets the same URL for hours, so browsers cache it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from app.config import DEV_JWT_SECRET

PREFIX = "/api/v1/attachments/"
STEP_SECONDS = 12 * 3600
MAX_LIFETIME_SECONDS = 2 * STEP_SECONDS

_key = b""


def configure(secret: str) -> None:
    """Derive the signing key from the app secret (a key of its own: a leaked link says nothing
    about the tokens' key)."""
    global _key
    _key = hmac.new(secret.encode(), b"parley attachment links v1", hashlib.sha256).digest()


configure(DEV_JWT_SECRET)


def expiry(now: float | None = None) -> int:
    now = time.time() if now is None else now
    return (int(now) // STEP_SECONDS + 2) * STEP_SECONDS


def sign(attachment_id: str, exp: int) -> str:
    mac = hmac.new(_key, f"{attachment_id}.{exp}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def valid(attachment_id: str, exp: int | None, sig: str | None, now: float | None = None) -> bool:
    """The signature is ours for this id and expiry, and the expiry has not passed (nor lies
    further ahead than any link we make)."""
    if exp is None or not sig:
        return False
    now = time.time() if now is None else now
    if not now < exp <= now + MAX_LIFETIME_SECONDS:
        return False
    return hmac.compare_digest(sign(attachment_id, exp), sig)


def links(attachment_id: str, *, image: bool, now: float | None = None) -> tuple[str, str | None]:
    """(url, thumbnail_url): the thumbnail's only for images."""
    exp = expiry(now)
    query = f"?sig={sign(attachment_id, exp)}&exp={exp}"
    url = PREFIX + attachment_id + query
    return url, (PREFIX + attachment_id + "/thumbnail" + query) if image else None
