"""Params of the WebSocket methods (JSON-RPC-shaped frames)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.chats import ClientMsgId, Kind, WithAttachments

ChatId = Annotated[int, Field(ge=1)]


class WsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AuthParams(WsParams):
    token: Annotated[str, Field(min_length=1, max_length=4096)]
    since: int | dict[str, Annotated[int, Field(ge=0)]] | None = None


class SendParams(WsParams, WithAttachments):
    chat_id: ChatId | None = None
    client_msg_id: ClientMsgId | None = None
    kind: Kind = "text"


class ChatParams(WsParams):
    chat_id: ChatId


class ReadParams(WsParams):
    chat_id: ChatId
    last_read_id: Annotated[int, Field(ge=0)]


class EmptyParams(WsParams):
    pass
