"""JSON encoding and the wire form of times."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from starlette.responses import Response


def iso(dt: datetime) -> str:
    """A naive UTC DATETIME from MariaDB as ISO 8601 with a Z suffix.

    `isoformat` rather than `strftime`: a chat-list page formats 150 times, and strftime's
    format parsing was 8 % of the page's CPU."""
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
