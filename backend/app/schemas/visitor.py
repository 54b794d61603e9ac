"""The Visitor (REST) and the params of the socket's visitor methods."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, field_validator

from app.schemas.users import UserOut
from app.schemas.ws import WsParams

MAX_URL = 2048
MAX_TITLE = 300
MAX_ATTRIBUTES = 50
MAX_ATTRIBUTE_KEY = 64
MAX_ATTRIBUTE_VALUE = 1000

# http(s) only: a javascript: or data: URL would become a link in the admin's panel.
Url = Annotated[
    str, StringConstraints(max_length=MAX_URL, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$")
]
# A BCP 47 tag ("en", "ru-RU", "zh-Hant-TW") and an IANA zone name ("Europe/Berlin", "UTC").
Language = Annotated[
    str, StringConstraints(max_length=35, pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
]
Timezone = Annotated[
    str, StringConstraints(max_length=64, pattern=r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")
]
AttributeValue = str | int | float | bool


class PageOut(BaseModel):
    url: str
    title: str | None
    referrer: str | None
    at: str


class VisitorOut(BaseModel):
    customer: UserOut
    email: str | None
    online: bool
    current_page: PageOut | None
    pages: list[PageOut]
    user_agent: str | None
    browser: str | None
    os: str | None
    language: str | None
    timezone: str | None
    attributes: dict[str, AttributeValue]
    first_seen_at: str
    last_seen_at: str


class PageParams(WsParams):
    url: Url
    title: Annotated[str, Field(max_length=MAX_TITLE)] | None = None
    referrer: Url | None = None
    language: Language | None = None
    timezone: Timezone | None = None


class AttributesParams(WsParams):
    attributes: dict[str, AttributeValue | None]

    @field_validator("attributes")
    @classmethod
    def _bounded(cls, value: dict[str, AttributeValue | None]) -> dict[str, AttributeValue | None]:
        if len(value) > MAX_ATTRIBUTES:
            raise ValueError(f"at most {MAX_ATTRIBUTES} attributes")
        for key, item in value.items():
            if not 1 <= len(key) <= MAX_ATTRIBUTE_KEY:
                raise ValueError(f"attribute names are 1-{MAX_ATTRIBUTE_KEY} characters")
            if isinstance(item, str) and len(item) > MAX_ATTRIBUTE_VALUE:
                raise ValueError(f"attribute values are at most {MAX_ATTRIBUTE_VALUE} characters")
        return value
