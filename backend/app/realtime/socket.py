"""One connected WebSocket: a bounded send queue drained by its own writer task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from starlette.websockets import WebSocket

if TYPE_CHECKING:
    from app.realtime.hub import Delivery

log = logging.getLogger(__name__)

CLOSE_TOO_SLOW = 1013


class ClientSocket:
    __slots__ = (
        "ws",
        "user_id",
        "is_admin",
        "queue",
        "caught_up",
        "writer",
        "closing",
        "closed",
    )

    def __init__(self, ws: WebSocket, *, user_id: int, is_admin: bool, queue_size: int) -> None:
        self.ws = ws
        self.user_id = user_id
        self.is_admin = is_admin
        self.queue: asyncio.Queue[Delivery | None] = asyncio.Queue(queue_size)
        # chat_id -> newest message id already sent by catch-up; live copies of those are skipped.
        self.caught_up: dict[int, int] = {}
        self.writer: asyncio.Task[None] | None = None
        self.closing: tuple[int, str] | None = None
        self.closed = asyncio.Event()

    def offer(self, delivery: Delivery) -> None:
        """Queue an event without waiting; a full queue means the client fell behind: close it."""
        if self.closing is not None:
            return
        try:
            self.queue.put_nowait(delivery)
        except asyncio.QueueFull:
            log.info("closing socket of user %s: send queue full", self.user_id)
            self.close(CLOSE_TOO_SLOW, "too slow: send queue full")

    def start_writer(self) -> None:
        self.writer = asyncio.create_task(self._write_loop())

    async def _write_loop(self) -> None:
        try:
            while True:
                item = await self.queue.get()
                if item is None:
                    break
                if item.message_id and item.message_id <= self.caught_up.get(item.chat_id, 0):
                    continue
                await self.ws.send_text(item.text)
        except Exception:  # the peer went away; the reader notices and cleans up
            pass
        finally:
            await self._send_close()

    async def _send_close(self) -> None:
        code, reason = self.closing or (1000, "")
        with contextlib.suppress(Exception):
            async with asyncio.timeout(5):
                await self.ws.close(code, reason)
        self.closed.set()

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
