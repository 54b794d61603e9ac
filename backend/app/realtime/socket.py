"""One connected WebSocket: a bounded send queue drained by its own writer task."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from typing import TYPE_CHECKING

from starlette.types import Send

if TYPE_CHECKING:
    from app.realtime.hub import Delivery

log = logging.getLogger(__name__)

CLOSE_TOO_SLOW = 1013


# Shared by every socket that caught up on nothing; replaced, never mutated.
NOTHING_CAUGHT_UP: dict[int, int] = {}


class ClientSocket:
    """Per-socket state is kept lean: an idle socket should cost a few KiB, so the queue, the
    writer task and the close waiter exist only once something needs them."""

    __slots__ = (
        "send",
        "user_id",
        "is_admin",
        "away",
        "pending",
        "queue_size",
        "close_grace",
        "caught_up",
        "started",
        "writer",
        "wake",
        "closing",
        "reading",
        "dropped",
        "_closed",
        "_close_waiter",
    )

    def __init__(
        self,
        send: Send,
        *,
        user_id: int,
        is_admin: bool,
        queue_size: int,
        away: bool = False,
        close_grace: float = 20.0,
    ) -> None:
        # The connection's ASGI send itself: a frame is written for every event a socket gets,
        # and Starlette's WebSocket wrapper added two calls and a state check to each.
        self.send = send
        self.user_id = user_id
        self.is_admin = is_admin
        # An away admin's sockets get every event but do not count as online support.
        self.away = away
        # The bounded send queue (made by the first event) and one wake-up future for its writer.
        self.pending: deque[Delivery] | None = None
        self.queue_size = queue_size
        # How long a close frame may wait for the peer to read what was queued before it.
        self.close_grace = close_grace
        # chat_id -> newest message id already sent by catch-up; live copies of those are skipped.
        self.caught_up = NOTHING_CAUGHT_UP
        self.started = False
        # The writer task starts with the first event after start_writer().
        self.writer: asyncio.Task[None] | None = None
        self.wake: asyncio.Future[None] | None = None
        self.closing: tuple[int, str] | None = None
        # The session's task while it waits for the client's next frame, so that a close the
        # peer never takes can end the session too (see _send_close).
        self.reading: asyncio.Task[None] | None = None
        self.dropped = False
        self._closed = False
        self._close_waiter: asyncio.Future[None] | None = None

    def offer(self, delivery: Delivery) -> None:
        """Queue an event without waiting; a full queue means the client fell behind: close it."""
        if self.closing is not None:
            return
        pending = self.pending
        if pending is None:
            pending = self.pending = deque()
        elif len(pending) >= self.queue_size:
            log.info("closing socket of user %s: send queue full", self.user_id)
            self.close(CLOSE_TOO_SLOW, "too slow: send queue full")
            return
        pending.append(delivery)
        if self.writer is None:
            if self.started:
                self.writer = asyncio.create_task(self._write_loop())
        elif self.wake is not None and not self.wake.done():
            self.wake.set_result(None)

    def start_writer(self) -> None:
        """From now on queued events are written (after the auth reply and catch-up)."""
        self.started = True
        if self.pending and self.writer is None and self.closing is None:
            self.writer = asyncio.create_task(self._write_loop())

    async def _write_loop(self) -> None:
        pending = self.pending
        assert pending is not None
        try:
            while True:
                if not pending:
                    self.wake = asyncio.get_running_loop().create_future()
                    await self.wake
                    self.wake = None
                    continue
                item = pending.popleft()
                if item.message_id and item.message_id <= self.caught_up.get(item.chat_id, 0):
                    continue
                await self.send({"type": "websocket.send", "text": item.text})
        except asyncio.CancelledError:
            # close() stops the writer this way. Ending normally, not cancelled, matters: a
            # cancelled task keeps its CancelledError, whose traceback holds this frame, which
            # holds the socket, which holds the task, a cycle that kept every closed
            # connection's objects until a full collection (bench/README.md, issue 16).
            pass
        except Exception:  # the peer went away; the reader notices and cleans up
            pass
        finally:
            await self._send_close()

    async def _send_close(self) -> None:
        code, reason = self.closing or (1000, "")
        try:
            async with asyncio.timeout(self.close_grace):
                await self.send({"type": "websocket.close", "code": code, "reason": reason})
        except TimeoutError:
            # The peer reads nothing, so the close frame waits behind its unread events. A peer
            # that neither reads nor writes would otherwise hold its session (and its slot in
            # the hub) for as long as the TCP connection lives: end the session's wait for its
            # next frame; the server then closes the connection.
            self.dropped = True
            if self.reading is not None:
                self.reading.cancel()
        except Exception:  # the peer went away already
            pass
        self._closed = True
        if self._close_waiter is not None and not self._close_waiter.done():
            self._close_waiter.set_result(None)

    async def wait_closed(self) -> None:
        if self._closed:
            return
        if self._close_waiter is None:
            self._close_waiter = asyncio.get_running_loop().create_future()
        await asyncio.shield(self._close_waiter)

    def close(self, code: int, reason: str) -> None:
        """Close from any task: flush nothing more, send the close frame, end the writer."""
        if self.closing is not None:
            return
        self.closing = (code, reason)
        if self.writer is None:
            asyncio.get_running_loop().create_task(self._send_close())
            return
        # A stalled writer (peer not reading) is cancelled; its finally block sends the close.
        self.writer.cancel()
