"""The two hottest reads, an admin's chat list and a chat's history, answered ahead of FastAPI.

An admin panel asks for these all day, and FastAPI's stack (seven middlewares, route matching
across every router, dependency solving, parameter validation) cost more CPU than the reads
themselves: about 0.8 ms of the ~3 ms of a page (bench/README.md, finding 10). Here a
well-formed request by a signed-in reader runs the same token check and the same services, and
gets the same body and headers. Everything else falls through, untouched, to the FastAPI routes
in routes/chats.py, which answer it as they always have: no or a malformed token, a parameter
that is absent from this fast path's narrow grammar or out of range, an `Origin` (CORS), and
every error (a chat the reader may not read, a database that is down), which the full stack
then meets again and answers in the contract's shape. Only reads come here, so doing such a
request's work twice is harmless. tests/test_hot_reads.py holds the two paths to the same
answers.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import orjson
from starlette.types import Scope, Send

from app.headers import SECURITY_HEADERS
from app.runtime import Runtime
from app.schemas.chats import MAX_ID, MAX_PAGE, SCOPES
from app.services import auth, chats, messages

PREFIX = "/api/v1/chats"
_MESSAGES = "/messages"
# What the full stack sends with these pages: their content type and what SecurityHeaders adds.
_HEADERS = [(b"content-type", b"application/json"), *SECURITY_HEADERS]
# 19 digits hold every id below 2**63: longer is out of range (the full stack says so).
_MAX_DIGITS = len(str(MAX_ID))


def _number(text: str | None, low: int, high: int) -> int | None:
    """Plain decimal digits within [low, high]; None for anything the full stack should judge."""
    if text is None or not text.isascii() or not text.isdigit() or len(text) > _MAX_DIGITS:
        return None
    value = int(text)
    return value if low <= value <= high else None


def _token(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The bearer token, if the request carries exactly one and no `Origin`."""
    token = None
    for name, value in headers:
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if token is not None or scheme.lower() != "bearer" or not credentials.strip():
                return None
            token = credentials.strip()
        elif name == b"origin":
            return None
    return token


async def serve(scope: Scope, send: Send, rt: Runtime) -> bool:
    """Answer a GET of the chat list or of a history page; False if the full stack should."""
    path: str = scope["path"]
    token = _token(scope["headers"])
    if token is None:
        return False
    query = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
    limit = _number(query.pop("limit", "50"), 1, MAX_PAGE)
    if limit is None:
        return False
    try:
        if path == PREFIX:
            scope_name = query.pop("scope", "all")
            before = query.pop("before", None)
            if scope_name not in SCOPES or (before and _number(before, 0, MAX_ID) is None):
                return False
            async with rt.db.acquire() as conn:
                user = await auth.authenticate(conn, rt.settings, token)
                if user["role"] != "admin":
                    return False
                page = await chats.list_chats(
                    conn, admin=user, scope=scope_name, limit=limit, before=before
                )
        elif path.startswith(PREFIX + "/") and path.endswith(_MESSAGES):
            chat_id = _number(path[len(PREFIX) + 1 : -len(_MESSAGES)], 1, MAX_ID)
            cursors = {key: _number(query.get(key), 0, MAX_ID) for key in ("before", "after")}
            if chat_id is None or any(
                key in query and cursors[key] is None for key in ("before", "after")
            ):
                return False
            async with rt.db.acquire() as conn:
                user = await auth.authenticate(conn, rt.settings, token)
                page = await messages.history(
                    conn,
                    user=user,
                    chat_id=chat_id,
                    before=cursors["before"],
                    after=cursors["after"],
                    limit=limit,
                )
        else:
            return False
    except Exception:  # noqa: BLE001 (the full stack meets it again, and answers or logs it)
        return False
    body = orjson.dumps(page)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-length", str(len(body)).encode()), *_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})
    return True
