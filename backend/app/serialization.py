"""JSON encoding and the wire form of times."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson


def iso(dt: datetime) -> str:
    """A naive UTC DATETIME from MariaDB as ISO 8601 with a Z suffix."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def dumps(data: Any) -> str:
    return orjson.dumps(data).decode()


def loads(text: str | bytes) -> Any:
    return orjson.loads(text)
