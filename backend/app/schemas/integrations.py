"""Webhook endpoints and their deliveries, outbox rows, mail status, a visitor's email."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

WebhookEvent = Literal[
    "chat.created", "message.created", "chat.assigned", "chat.resolved", "chat.rated"
]
# Deliberately plain: one @, no spaces, a dot in the domain. The mail server is the real judge.
# No spaces or control characters, as explicit ranges: \s differs between pydantic's regex
# engine and Python's.
EMAIL = re.compile(
    r"^[^@\x00-\x20\x7f-\x9f]{1,64}@[^@\x00-\x20\x7f-\x9f]+\.[^@.\x00-\x20\x7f-\x9f]{2,}$"
)


WEBHOOK_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"


class WebhookIn(BaseModel):
    url: str = Field(max_length=2048, pattern=WEBHOOK_URL)
    events: list[WebhookEvent] = Field(max_length=5)


class WebhookPatchIn(BaseModel):
    url: str | None = Field(default=None, max_length=2048, pattern=WEBHOOK_URL)
    events: list[WebhookEvent] | None = Field(default=None, max_length=5)
    enabled: bool | None = None


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    enabled: bool
    created_at: str


class WebhookWithSecretOut(WebhookOut):
    secret: str


class WebhooksOut(BaseModel):
    items: list[WebhookOut]


class DeliveryOut(BaseModel):
    id: str
    type: str
    status: str
    attempts: int
    response_status: int | None
    last_error: str | None
    created_at: str
    delivered_at: str | None


class DeliveriesOut(BaseModel):
    items: list[DeliveryOut]


class QueuedOut(BaseModel):
    id: str


class OutboxRowOut(BaseModel):
    id: int
    kind: Literal["email", "webhook"]
    status: str
    attempts: int
    last_error: str | None
    created_at: str
    next_attempt_at: str | None
    summary: str


class OutboxPageOut(BaseModel):
    items: list[OutboxRowOut]
    next_before: int | None


class MailStatusOut(BaseModel):
    enabled: bool
    mail_from: str | None
    team_email: str | None
    dev_inbox: str | None


class EmailIn(BaseModel):
    # The rule is the schema's pattern, so what the OpenAPI document allows is what is accepted.
    email: str = Field(min_length=6, max_length=254, pattern=EMAIL.pattern)
