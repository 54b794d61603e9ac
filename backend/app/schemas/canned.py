"""Request and response bodies of canned replies."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from app.schemas.chats import Body
from app.schemas.users import StrictIn

MAX_TITLE = 100
Shortcut = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,32}$")]
# A blank title is no title (null), like an omitted one.
Title = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TITLE)]


class CannedOut(BaseModel):
    id: int
    shortcut: str
    title: str | None
    body: str
    updated_at: str


class CannedList(BaseModel):
    items: list[CannedOut]


class CannedIn(StrictIn):
    shortcut: Shortcut
    title: Title | None = None
    body: Body


class CannedPatch(StrictIn):
    """Any of the fields; those left out keep their value, and `"title": null` clears it."""

    shortcut: Shortcut | None = None
    title: Title | None = None
    body: Body | None = None


CannedQuery = Annotated[str, Field(max_length=100)]
