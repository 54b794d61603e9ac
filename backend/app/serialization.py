"""JSON encoding and the wire form of times."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from starlette.responses import Response


def iso(dt: datetime) -> str:
    """A naive UTC datetime as ISO 8601 with a Z suffix: the form MariaDB writes for rows
    selected as JSON (repositories.wire), and what a freshly sent message carries.
    `isoformat`, not `strftime`: the format string's parsing costs twice as much."""
    return dt.isoformat(timespec="microseconds") + "Z"


class JSONBody(Response):
    """A response body encoded once with orjson.

    For the hot read routes (chat list, history): FastAPI would otherwise validate the returned
    dicts against the response model and encode them again, 11 % of a chat-list page's CPU. The
    views are built to the contract's shapes, and the schema tests check every route's answers
    against /openapi.json."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def dumps(data: Any) -> str:
    return orjson.dumps(data).decode()


def loads(text: str | bytes) -> Any:
    return orjson.loads(text)
