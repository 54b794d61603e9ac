"""Error bodies, documented per operation so that /openapi.json lists every status it can answer."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorOut(BaseModel):
    detail: str


class HealthOut(BaseModel):
    status: str
    database: str
    # Only when REDIS_URL is set: "ok" or "down".
    redis: str | None = None


_WHY = {
    401: "Not signed in, or the token is invalid, expired or revoked",
    403: "Signed in, but not allowed to do this",
    404: "No such resource, or not one the caller may see",
    409: "Conflicts with an existing resource",
    413: "The body is larger than allowed",
    415: "The file's type (judged from its bytes) is not accepted",
    416: "The requested byte range lies outside the file",
    429: "Too many requests; retry after `Retry-After` seconds",
    503: "The database is unreachable",
}

_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    429: {
        "Retry-After": {
            "description": "Seconds to wait before trying again",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each code with its `{"detail": str}` body (and headers)."""
    documented: dict[int | str, dict[str, Any]] = {}
    for code in (*codes, 503):
        entry: dict[str, Any] = {"model": ErrorOut, "description": _WHY[code]}
        if code in _HEADERS:
            entry["headers"] = _HEADERS[code]
        documented[code] = entry
    return documented
