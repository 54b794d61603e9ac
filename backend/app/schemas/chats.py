"""Request and response bodies of chats and messages."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.schemas.users import NOT_BLANK, UserOut

MAX_BODY = 4000
Body = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_BODY, pattern=NOT_BLANK),
]
ClientMsgId = Annotated[str, Field(min_length=1, max_length=64)]
# With attachments a message may have an empty body.
MaybeBody = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_BODY)]
MAX_ATTACHMENTS = 10
AttachmentId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
AttachmentIds = Annotated[list[AttachmentId], Field(max_length=MAX_ATTACHMENTS)]
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


class WithAttachments(BaseModel):
    """A body of 1 to 4,000 characters, or files and a body that may be empty."""

    # The validator's rule, stated in the schema so that what it documents is what is accepted.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {
                    "required": ["body"],
                    "properties": {"body": {"minLength": 1, "pattern": NOT_BLANK}},
                },
                {"required": ["attachment_ids"], "properties": {"attachment_ids": {"minItems": 1}}},
            ]
        }
    )

    body: MaybeBody = ""
    attachment_ids: AttachmentIds = []

    @model_validator(mode="after")
    def _body_or_files(self) -> WithAttachments:
        if not self.body and not self.attachment_ids:
            raise ValueError("body must not be empty unless attachment_ids are given")
        return self


class SendMessageIn(WithAttachments):
    model_config = ConfigDict(extra="forbid")
    client_msg_id: ClientMsgId | None = None


class UploadOut(BaseModel):
    id: str
    name: str
    size: int
    content_type: str
    kind: Literal["image", "file"]
    width: int | None
    height: int | None


class ReadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    last_read_id: Annotated[int, Field(ge=0)]
