"""The garbage collector's schedule for a long-running server.

Start-up objects are frozen and young collections run seldom, because full collections that
walked every socket's objects were the tail of request latency under load (bench/README.md).
With those thresholds a full collection almost never came on its own, and what only a full
collection frees piled up: the server's RSS grew by ~0.8 MiB a minute in `make soak` while
every live count stayed flat. The largest cycle was Parley's own (a cancelled writer task's
traceback holding its socket, realtime/socket.py) and is gone; what is left is uvicorn's, its
HTTP protocol and httptools parser referring to each other, about 27 objects for every
connection that has closed. So one full collection runs on a timer, at a known cost (about
15 ms with a thousand sockets, 70 ms with 600,000 objects) once a minute, rather than at an
unknown moment or never.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time

log = logging.getLogger(__name__)

FULL_COLLECTION_SECONDS = 60.0


def tune() -> None:
    """Freeze what start-up made, and collect young generations less often."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


class Collector:
    """A full collection every `interval` seconds, in the background of one event loop."""

    def __init__(self, interval: float = FULL_COLLECTION_SECONDS) -> None:
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            started = time.perf_counter()
            freed = gc.collect()
            log.debug(
                "full collection: %d objects in %.1f ms",
                freed,
                (time.perf_counter() - started) * 1000,
            )
