"""Sliding-window rate limits: in process by default, in Redis when REDIS_URL is set.

A sliding log (the times of the last `limit` events) rather than fixed windows, so that a burst
that straddles a window boundary cannot pass twice the limit.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections import deque
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)


class Limiter(Protocol):
    async def hit(self, key: str, *, limit: int, window: int) -> int | None:
        """Count one event; if it is over `limit` in the last `window` seconds it is not counted
        and the seconds to wait are returned, else None."""

    async def exceeded(self, key: str, *, limit: int, window: int) -> int | None:
        """Without counting, the seconds to wait if `limit` is already reached, else None."""


def _retry(oldest: float, window: int, now: float) -> int:
    return max(1, math.ceil(oldest + window - now))


class MemoryLimiter:
    def __init__(self) -> None:
        self._logs: dict[str, deque[float]] = {}
        self._swept = time.monotonic()

    def _log(self, key: str, window: int, now: float) -> deque[float]:
        if now - self._swept > 60:
            # Drop keys whose events are all older than any window we use (an hour at most).
            self._swept = now
            self._logs = {k: v for k, v in self._logs.items() if v and now - v[-1] < 3600}
        events = self._logs.setdefault(key, deque())
        while events and events[0] <= now - window:
            events.popleft()
        return events

    async def hit(self, key: str, *, limit: int, window: int) -> int | None:
        now = time.monotonic()
        events = self._log(key, window, now)
        if len(events) >= limit:
            return _retry(events[0], window, now)
        events.append(now)
        return None

    async def exceeded(self, key: str, *, limit: int, window: int) -> int | None:
        now = time.monotonic()
        events = self._log(key, window, now)
        return _retry(events[0], window, now) if len(events) >= limit else None


class RedisLimiter:
    """The same sliding log as a Redis sorted set, so limits hold across processes.
    If Redis fails, limits fall back to this process's memory instead of failing requests."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._fallback = MemoryLimiter()

    async def hit(self, key: str, *, limit: int, window: int) -> int | None:
        full = f"parley:rl:{key}"
        now = time.time()
        member = f"{now}:{uuid.uuid4().hex[:8]}"
        try:
            pipe = self._redis.pipeline(transaction=True)
            pipe.zremrangebyscore(full, 0, now - window)
            pipe.zadd(full, {member: now})
            pipe.zcard(full)
            pipe.zrange(full, 0, 0, withscores=True)
            pipe.expire(full, window + 1)
            _, _, count, oldest, _ = await pipe.execute()
            if int(count) > limit:
                await self._redis.zrem(full, member)
                return _retry(float(oldest[0][1]) if oldest else now, window, now)
            return None
        except Exception as exc:  # Redis is a helper, not a dependency of sending
            log.warning("rate limiter falling back to memory: %s", exc)
            return await self._fallback.hit(key, limit=limit, window=window)

    async def exceeded(self, key: str, *, limit: int, window: int) -> int | None:
        full = f"parley:rl:{key}"
        now = time.time()
        try:
            pipe = self._redis.pipeline(transaction=True)
            pipe.zremrangebyscore(full, 0, now - window)
            pipe.zcard(full)
            pipe.zrange(full, 0, 0, withscores=True)
            _, count, oldest = await pipe.execute()
        except Exception:
            return await self._fallback.exceeded(key, limit=limit, window=window)
        if int(count) >= limit:
            return _retry(float(oldest[0][1]) if oldest else now, window, now)
        return None


class NoLimiter:
    """RATE_LIMITS=off: for load tests and benchmarks."""

    async def hit(self, key: str, *, limit: int, window: int) -> int | None:
        return None

    async def exceeded(self, key: str, *, limit: int, window: int) -> int | None:
        return None
