"""Request and response bodies of chats and messages."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.schemas.users import NOT_BLANK, UserOut

MAX_BODY = 4000
Body = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_BODY, pattern=NOT_BLANK),
]
ClientMsgId = Annotated[str, Field(min_length=1, max_length=64)]
Scope = Literal["waiting", "mine", "resolved", "all"]
Kind = Literal["text", "note"]
Status = Literal["waiting", "active", "resolved"]
SCOPES = frozenset(Scope.__args__)  # type: ignore[attr-defined]
# Ids are BIGINT: the largest a path or cursor may name. A page holds at most MAX_PAGE items.
MAX_ID = 2**63 - 1
MAX_PAGE = 100


class AttachmentOut(BaseModel):
    id: str
    name: str
    size: int
    content_type: str
    kind: Literal["image", "file"]
    width: int | None
    height: int | None
    url: str
    thumbnail_url: str | None


class MessageOut(BaseModel):
    id: int
    chat_id: int
    sender: UserOut
    body: str
    kind: Kind
    client_msg_id: str | None
    created_at: str
    attachments: list[AttachmentOut]


class RatingOut(BaseModel):
    score: Annotated[int, Field(ge=1, le=5)]
    comment: str | None
    created_at: str


class ChatOut(BaseModel):
    id: int
    customer: UserOut
    admin: UserOut | None
    status: Status
    last_message: MessageOut | None
    unread_count: int
    rating: RatingOut | None
    created_at: str
    updated_at: str
    # Extensions to the contract: each side's read mark, so that read ticks survive a reload.
    customer_last_read_id: int
    admin_last_read_id: int
    # Extension: the chat's customer may no longer write (POST /chats/{id}/block).
    blocked: bool


class ChatPage(BaseModel):
    items: list[ChatOut]
    next_before: str | None


class MessagePage(BaseModel):
    items: list[MessageOut]
    has_more: bool


class SendMessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: Body
    client_msg_id: ClientMsgId | None = None


class ReadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    last_read_id: Annotated[int, Field(ge=0)]
