"""The WebSocket `/api/v1/ws`: first-frame auth, catch-up, then JSON-RPC-shaped requests."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import WebSocket
from pydantic import BaseModel, ValidationError
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocketState

from app import errors
from app.config import Settings
from app.db import Row
from app.realtime.hub import Delivery
from app.realtime.socket import ClientSocket
from app.runtime import Runtime
from app.schemas.visitor import AttributesParams, PageParams
from app.schemas.ws import AuthParams, ChatParams, EmptyParams, ReadParams, SendParams
from app.serialization import dumps, loads
from app.services import chats, lifecycle, messages, sockets, visitor
from app.services import widget as widget_service
from app.views import user_view

log = logging.getLogger(__name__)
PATH = "/api/v1/ws"
SESSION_USER_FIELDS = ("id", "username", "display_name", "role", "is_guest", "availability")

MAX_FRAME = 64 * 1024
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN_ORIGIN = 4403
CLOSE_POLICY = 1008
CLOSE_TRY_AGAIN = 1013

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
FRAME_TOO_LARGE = 4013
RATE_LIMITED = 4029

RequestId = int | str | None
P = TypeVar("P", bound=BaseModel)


class WsError(Exception):
    def __init__(self, code: int, message: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data


def origin_allowed(ws: WebSocket, settings: Settings) -> bool:
    """The widget config call's rule, with this upgrade's own origin (scheme and Host)."""
    scheme = "https" if ws.url.scheme == "wss" else "http"
    own_origin = f"{scheme}://{ws.headers.get('host', '')}"
    return widget_service.origin_allowed(
        ws.headers.get("origin"), own_origin=own_origin, settings=settings
    )


def _reply(request_id: RequestId, result: dict[str, Any]) -> str:
    return dumps({"jsonrpc": "2.0", "id": request_id, "result": result})


def _error(request_id: RequestId, code: int, message: str, data: Any = None) -> str:
    error: dict[str, Any] = {"code": code, "message": message}
    if data is not None:
        error["data"] = data
    return dumps({"jsonrpc": "2.0", "id": request_id, "error": error})


def _parse(text: str) -> tuple[RequestId, str, Any]:
    try:
        frame = loads(text)
    except ValueError as exc:
        raise WsError(PARSE_ERROR, "frame is not valid JSON") from exc
    if not isinstance(frame, dict):
        raise WsError(INVALID_REQUEST, "a request is a JSON object")
    request_id = frame.get("id")
    if not isinstance(request_id, int | str) or isinstance(request_id, bool):
        raise WsError(INVALID_REQUEST, "a request needs an id (integer or string)")
    method = frame.get("method")
    if not isinstance(method, str):
        raise WsError(INVALID_REQUEST, "a request needs a method (string)")
    return request_id, method, frame.get("params", {})


def _frame_text(message: Message) -> str:
    """A received frame as text; a binary frame that is not UTF-8 becomes "" (a parse error)."""
    text = message.get("text")
    if text is not None:
        return str(text)
    data = message.get("bytes") or b""
    try:
        return str(data.decode())
    except UnicodeDecodeError:
        return ""


def _params(model: type[P], raw: Any) -> P:
    try:
        return model.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "params"
        raise WsError(INVALID_PARAMS, f"{where}: {first['msg']}") from exc


# Visitor sightings in flight (a task must be referenced until it ends).
_sightings: set[asyncio.Task[None]] = set()
# Requests answered alongside their socket's next frames (Method.alongside), in flight.
_alongside: set[asyncio.Task[None]] = set()


class WsSession:
    """One signed-in socket: reads requests in order and answers each exactly once, in order
    except for the methods answered alongside the next frames (Method.alongside)."""

    __slots__ = ("ws", "rt", "user", "sock", "_window", "_frames", "pages")

    def __init__(self, ws: WebSocket, rt: Runtime) -> None:
        self.ws = ws
        self.rt = rt
        self.user: Row = {}
        self.sock: ClientSocket | None = None
        self._window = 0
        self._frames = 0
        # This socket's allowance of visitor.page reports (None: limits are off).
        self.pages = visitor.PageThrottle() if rt.settings.limits_on else None

    async def run(self, receive: Receive, send: Send) -> None:
        ws = self.ws
        if not origin_allowed(ws, self.rt.settings):
            # Closing before accept refuses the upgrade with 403.
            await ws.close(CLOSE_FORBIDDEN_ORIGIN)
            return
        await ws.accept()
        signed_in = await self._authenticate()
        if signed_in is None:
            return
        request_id, params = signed_in
        settings = self.rt.settings
        sock = ClientSocket(
            send,
            user_id=self.user["id"],
            is_admin=self.user["role"] == "admin",
            queue_size=settings.ws_send_queue_size,
            close_grace=settings.ws_close_grace_seconds,
            away=self.user["availability"] == "away",
        )
        self.sock = sock
        # Registered before catch-up is read: live events that race it wait in the queue, and
        # the writer skips the ones catch-up already sent.
        await self.rt.hub.register(sock)
        try:
            if not await self._greet(request_id, params):
                return
            del signed_in, params  # the token is not needed for the socket's life
            sock.start_writer()
            # In the background: the socket's requests must not wait on a side note.
            sighting = asyncio.create_task(self._visitor_seen(leaving=False))
            _sightings.add(sighting)
            sighting.add_done_callback(_sightings.discard)
            await self._serve(receive)
        finally:
            await self.rt.hub.unregister(sock)
            await self._visitor_seen(leaving=True)
            sock.close(1000, "")
            await sock.wait_closed()

    async def _visitor_seen(self, *, leaving: bool) -> None:
        """A customer's socket is a sighting: its User-Agent on opening, the time on closing.
        The visitor context is a side note of the socket: failing it never closes the socket."""
        if self.user["role"] != "customer":
            return
        try:
            if leaving:
                await visitor.record_leaving(self.rt.db, customer=self.user)
            else:
                user_agent = self.ws.headers.get("user-agent")
                await visitor.record_sign_in(self.rt.db, customer=self.user, user_agent=user_agent)
        except errors.ParleyError as exc:
            log.info("visitor context not kept: %s", exc.detail)

    async def _close(self, code: int, reason: str) -> None:
        if self.ws.client_state != WebSocketState.DISCONNECTED:
            try:
                await self.ws.close(code, reason)
            except Exception:
                pass

    async def _receive_text(self) -> str | None:
        message = await self.ws.receive()
        if message["type"] == "websocket.disconnect":
            return None
        return _frame_text(message)

    async def _authenticate(self) -> tuple[RequestId, AuthParams] | None:
        settings = self.rt.settings
        try:
            async with asyncio.timeout(settings.ws_auth_timeout_seconds):
                text = await self._receive_text()
        except TimeoutError:
            await self._close(CLOSE_UNAUTHENTICATED, "authenticate within the first frame")
            return None
        if text is None:
            return None
        try:
            if len(text) > MAX_FRAME:
                raise WsError(FRAME_TOO_LARGE, "frame too large")
            request_id, method, raw = _parse(text)
            if method != "auth":
                raise WsError(INVALID_REQUEST, "the first frame must be auth")
            params = _params(AuthParams, raw)
            user = await sockets.sign_in(self.rt.db, settings, token=params.token)
            # Only what the socket's requests need: it is held for the socket's whole life.
            self.user = {k: user[k] for k in SESSION_USER_FIELDS}
        except (WsError, errors.Unauthorized) as exc:
            await self._close(CLOSE_UNAUTHENTICATED, str(exc)[:120])
            return None
        except errors.DatabaseUnavailable:
            await self._close(CLOSE_TRY_AGAIN, "database unavailable")
            return None
        return request_id, params

    async def _greet(self, request_id: RequestId, params: AuthParams) -> bool:
        """The auth reply, then what the client missed, before any live event."""
        assert self.sock is not None
        try:
            fresh, missed, complete = await sockets.greet(
                self.rt.db, self.rt.settings, token=params.token, user=self.user, since=params.since
            )
        except errors.Unauthorized as exc:
            await self._close(CLOSE_UNAUTHENTICATED, exc.detail[:120])
            return False
        except errors.ParleyError as exc:
            await self.ws.send_text(_error(request_id, exc.ws_code, exc.detail))
            await self._close(CLOSE_TRY_AGAIN, "catch-up failed")
            return False
        away = fresh["availability"] == "away"
        if self.sock.is_admin and away != self.sock.away:
            # Availability changed between the two reads, with this socket not yet registered
            # to hear of it.
            await self.rt.hub.set_away(self.user["id"], away)
        result = {
            "user": user_view(self.user),
            "admins_online": await self.rt.hub.admins_online(),
            "catch_up": {"delivered": len(missed), "complete": complete},
        }
        await self.ws.send_text(_reply(request_id, result))
        caught_up: dict[int, int] = {}
        for message in missed:
            await self.ws.send_text(
                dumps({"jsonrpc": "2.0", "method": "message.new", "params": {"message": message}})
            )
            chat_id = message["chat_id"]
            caught_up[chat_id] = max(caught_up.get(chat_id, 0), message["id"])
        if caught_up:
            self.sock.caught_up = caught_up
        return True

    def _flooding(self) -> int:
        """0 if within the frame rate, 1 if over it, 2 if far over it (close the socket)."""
        now = int(time.monotonic())
        if now != self._window:
            self._window, self._frames = now, 0
        self._frames += 1
        limit = self.rt.settings.ws_frames_per_second
        if not self.rt.settings.limits_on or self._frames <= limit:
            return 0
        return 2 if self._frames > 5 * limit else 1

    def _send(self, text: str) -> None:
        assert self.sock is not None
        self.sock.offer(Delivery(text))

    async def _serve(self, receive: Receive) -> None:
        sock = self.sock
        assert sock is not None
        task = asyncio.current_task()
        while sock.closing is None:
            # The ASGI receive itself rather than WebSocket.receive() through _receive_text: an
            # idle socket waits here for hours, and each coroutine frame in between is held all
            # that time (bench/README.md, finding 2).
            sock.reading = task
            try:
                message = await receive()
            except asyncio.CancelledError:
                if not sock.dropped or task is None:
                    raise
                # The socket's close frame found no reader in time (ClientSocket._send_close).
                task.uncancel()
                return
            finally:
                sock.reading = None
            if message["type"] == "websocket.disconnect":
                return
            text = _frame_text(message)
            flood = self._flooding()
            if flood == 2:
                sock.close(CLOSE_POLICY, "too many frames")
                return
            if len(text) > MAX_FRAME:
                self._send(_error(None, FRAME_TOO_LARGE, "frame too large (64 KiB at most)"))
                continue
            request_id: RequestId = None
            try:
                request_id, method, raw = _parse(text)
                if flood:
                    raise WsError(RATE_LIMITED, "too many frames; slow down", {"retry_after": 1})
                if method == "auth":
                    raise WsError(INVALID_REQUEST, "already signed in")
                handler = METHODS.get(method)
                if handler is None:
                    raise WsError(METHOD_NOT_FOUND, f"unknown method {method!r}")
            except WsError as exc:
                self._send(_error(request_id, exc.code, exc.message, exc.data))
                continue
            if handler.alongside:
                answer = asyncio.create_task(self._answer(request_id, handler, raw))
                _alongside.add(answer)
                answer.add_done_callback(_alongside.discard)
            else:
                await self._answer(request_id, handler, raw)

    async def _answer(self, request_id: RequestId, handler: Method[Any], raw: Any) -> None:
        """Run one request and send its reply or its error, exactly once."""
        try:
            result = await handler(self, raw)
            self._send(_reply(request_id, result))
        except WsError as exc:
            self._send(_error(request_id, exc.code, exc.message, exc.data))
        except errors.RateLimited as exc:
            self._send(
                _error(request_id, RATE_LIMITED, exc.detail, {"retry_after": exc.retry_after})
            )
        except errors.ParleyError as exc:
            self._send(_error(request_id, exc.ws_code, exc.detail))
        except Exception:
            log.exception("websocket request failed")
            self._send(_error(request_id, -32603, "internal error"))


# --- methods -------------------------------------------------------------------------------
# Each method validates its params with its model and makes one service call; the services
# acquire whatever connection they need, so no request here holds one. A new method is a
# function below and one line in METHODS.

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Method(Generic[M]):
    params: type[M]
    call: Callable[[WsSession, M], Awaitable[dict[str, Any]]]
    # Answered beside the socket's next frames rather than before them: a page report waits
    # for its batch (services.page_writer), and the visitor's next message must not wait on it.
    # Replies carry their request's id, so a client matches them in any order.
    alongside: bool = False

    async def __call__(self, session: WsSession, raw: Any) -> dict[str, Any]:
        return await self.call(session, _params(self.params, raw))


async def ping(s: WsSession, p: EmptyParams) -> dict[str, Any]:
    return {}


async def send_message(s: WsSession, p: SendParams) -> dict[str, Any]:
    message, _ = await messages.send(
        s.rt.writer,
        s.rt.limiter,
        s.rt.settings,
        sender=s.user,
        chat_id=p.chat_id,
        body=p.body,
        client_msg_id=p.client_msg_id,
        kind=p.kind,
        attachment_ids=tuple(p.attachment_ids),
    )
    return {"message": message}


async def open_chat(s: WsSession, p: ChatParams) -> dict[str, Any]:
    return {"chat": await chats.open_chat(s.rt.db, s.rt.events, admin=s.user, chat_id=p.chat_id)}


async def resolve_chat(s: WsSession, p: ChatParams) -> dict[str, Any]:
    return {"chat": await lifecycle.resolve(s.rt.db, s.rt.events, admin=s.user, chat_id=p.chat_id)}


async def mark_read(s: WsSession, p: ReadParams) -> dict[str, Any]:
    await chats.mark_read(
        s.rt.db, s.rt.events, user=s.user, chat_id=p.chat_id, last_read_id=p.last_read_id
    )
    return {}


async def typing(s: WsSession, p: ChatParams) -> dict[str, Any]:
    await chats.typing(s.rt.db, s.rt.events, user=s.user, chat_id=p.chat_id)
    return {}


async def report_page(s: WsSession, p: PageParams) -> dict[str, Any]:
    await visitor.report_page(
        s.rt.pages,
        s.pages,
        customer=s.user,
        url=p.url,
        title=p.title,
        referrer=p.referrer,
        language=p.language,
        timezone=p.timezone,
    )
    return {}


async def set_attributes(s: WsSession, p: AttributesParams) -> dict[str, Any]:
    await visitor.set_attributes(s.rt.db, customer=s.user, attributes=p.attributes)
    return {}


METHODS: dict[str, Method[Any]] = {
    "ping": Method(EmptyParams, ping),
    "message.send": Method(SendParams, send_message),
    "chat.open": Method(ChatParams, open_chat),
    "chat.resolve": Method(ChatParams, resolve_chat),
    "chat.read": Method(ReadParams, mark_read),
    "typing": Method(ChatParams, typing),
    "visitor.page": Method(PageParams, report_page, alongside=True),
    "visitor.attributes": Method(AttributesParams, set_attributes),
}


def serve(scope: Scope, receive: Receive, send: Send, rt: Runtime) -> Coroutine[Any, Any, None]:
    """One WebSocket connection, from the Origin check to the close.

    Returns the session's coroutine instead of awaiting it, so that no frame of this function
    stays alive under every idle socket."""
    return WsSession(WebSocket(scope, receive, send), rt).run(receive, send)
