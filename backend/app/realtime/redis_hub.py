"""The Redis backplane: every process delivers locally at once and relays through Redis pub/sub.

Redis carries events, never data: messages are committed to MariaDB before they are published, so
when Redis is away each process still serves its own sockets, and clients on other processes
recover what they missed through `since` when they reconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Coroutine
from typing import Any

from redis.asyncio import Redis

from app.realtime.hub import Audience, Delivery, LocalHub, PresenceListener
from app.realtime.socket import ClientSocket
from app.serialization import dumps, loads

log = logging.getLogger(__name__)

CHANNEL = "parley:events"
PROCS_KEY = "parley:procs"
PRESENCE_PREFIX = "parley:presence:"
# The customers with a socket open in one process (visitor context's `online`).
CUSTOMERS_PREFIX = "parley:customers:"
HEARTBEAT_SECONDS = 5
# A process that has not refreshed its presence for this long is taken as gone (killed, say).
PROCESS_TTL_SECONDS = 15


class RedisHub:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.local = LocalHub()
        self.origin = uuid.uuid4().hex
        self._outbox: asyncio.Queue[str] = asyncio.Queue(10_000)
        self._tasks: list[asyncio.Task[None]] = []
        self._up = False
        self._listeners: list[PresenceListener] = []
        self._last_global = -1
        self._background: set[asyncio.Task[None]] = set()

    # --- Hub -------------------------------------------------------------------------------

    async def publish_local(self, audience: Audience, delivery: Delivery) -> None:
        self.local.deliver(audience, delivery)

    async def publish(self, audience: Audience, delivery: Delivery) -> None:
        self.local.deliver(audience, delivery)
        self._relay(
            {
                "o": self.origin,
                "k": "event",
                "a": audience.to_json(),
                "t": delivery.text,
                "c": delivery.chat_id,
                "m": delivery.message_id,
                "v": delivery.version,
            }
        )

    async def disconnect_user(self, user_id: int, code: int, reason: str) -> None:
        self.local.close_user_local(user_id, code, reason)
        self._relay({"o": self.origin, "k": "close", "u": user_id, "code": code, "r": reason})

    async def admins_online(self) -> int:
        if not self._up:
            return await self.local.admins_online()
        try:
            return await self._global_admins()
        except Exception:
            return await self.local.admins_online()

    async def set_away(self, user_id: int, away: bool) -> None:
        self.local.set_away_local(user_id, away)
        self._relay({"o": self.origin, "k": "away", "u": user_id, "a": away})
        await self._presence_changed()

    async def register(self, sock: ClientSocket) -> None:
        await self.local.register(sock)
        if sock.is_admin:
            await self._presence_changed()
        elif len(self.local.by_user.get(sock.user_id, ())) == 1:
            await self._customer_presence(sock.user_id, online=True)

    async def unregister(self, sock: ClientSocket) -> None:
        await self.local.unregister(sock)
        if sock.is_admin:
            await self._presence_changed()
        elif sock.user_id not in self.local.by_user:
            await self._customer_presence(sock.user_id, online=False)

    async def is_online(self, user_id: int) -> bool:
        if user_id in self.local.by_user:
            return True
        if not self._up:
            return False
        try:
            procs = await self.redis.zrangebyscore(
                PROCS_KEY, time.time() - PROCESS_TTL_SECONDS, "+inf"
            )
            pipe = self.redis.pipeline(transaction=False)
            for proc in procs:
                name = proc.decode() if isinstance(proc, bytes) else str(proc)
                pipe.sismember(CUSTOMERS_PREFIX + name, str(user_id))
            return any(await pipe.execute())
        except Exception as exc:
            self._mark_down(exc)
            return False

    async def _customer_presence(self, user_id: int, *, online: bool) -> None:
        """A customer's first socket here opened, or their last one closed: at once, so that
        `online` turns false as soon as they leave; the heartbeat rewrites the whole set."""
        key = CUSTOMERS_PREFIX + self.origin
        try:
            pipe = self.redis.pipeline(transaction=True)
            if online:
                pipe.sadd(key, user_id)
                pipe.expire(key, PROCESS_TTL_SECONDS)
            else:
                pipe.srem(key, user_id)
            await pipe.execute()
        except Exception as exc:
            self._mark_down(exc)

    def on_presence(self, listener: PresenceListener) -> None:
        self._listeners.append(listener)

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._subscribe_loop()),
            asyncio.create_task(self._publish_loop()),
            asyncio.create_task(self._heartbeat_loop()),
        ]

    async def close(self, code: int, reason: str) -> None:
        await self.local.close(code, reason)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(BaseException):
                await task
        with contextlib.suppress(Exception):
            await self.redis.zrem(PROCS_KEY, self.origin)
            await self.redis.delete(PRESENCE_PREFIX + self.origin)
            await self.redis.delete(CUSTOMERS_PREFIX + self.origin)
        with contextlib.suppress(Exception):
            await self.redis.aclose()

    def status(self) -> str:
        return "ok" if self._up else "down"

    # --- relay -----------------------------------------------------------------------------

    def _relay(self, envelope: dict[str, Any]) -> None:
        try:
            self._outbox.put_nowait(dumps(envelope))
        except asyncio.QueueFull:
            log.warning("redis outbox full: event dropped (clients catch up with since)")

    async def _publish_loop(self) -> None:
        while True:
            first = await self._outbox.get()
            batch = [first]
            while not self._outbox.empty() and len(batch) < 500:
                batch.append(self._outbox.get_nowait())
            try:
                pipe = self.redis.pipeline(transaction=False)
                for text in batch:
                    pipe.publish(CHANNEL, text)
                await pipe.execute()
            except Exception as exc:
                self._mark_down(exc)

    async def _subscribe_loop(self) -> None:
        delay = 0.2
        while True:
            pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(CHANNEL)
                self._mark_up()
                delay = 0.2
                while True:
                    message = await pubsub.get_message(timeout=1.0)
                    if message is not None:
                        self._on_envelope(message["data"])
            except asyncio.CancelledError:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
                raise
            except Exception as exc:
                self._mark_down(exc)
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    def _on_envelope(self, raw: bytes | str) -> None:
        try:
            envelope = loads(raw)
        except ValueError:
            return
        if envelope.get("o") == self.origin:
            return
        if envelope.get("k") == "event":
            version = envelope.get("v")
            delivery = Delivery(
                envelope["t"],
                int(envelope["c"]),
                int(envelope["m"]),
                None if version is None else int(version),
            )
            self.local.deliver(Audience.from_json(envelope["a"]), delivery)
        elif envelope.get("k") == "close":
            self.local.close_user_local(int(envelope["u"]), int(envelope["code"]), envelope["r"])
        elif envelope.get("k") == "away":
            self.local.set_away_local(int(envelope["u"]), bool(envelope["a"]))
            # This process's presence set changes too; it is rewritten, then everyone recounts.
            self._spawn(self._presence_changed())
        elif envelope.get("k") == "presence":
            self._spawn(self._refresh_presence())

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        # Held until done: the loop keeps only a weak reference to a task.
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _mark_up(self) -> None:
        if not self._up:
            log.info("redis backplane connected")
        self._up = True

    def _mark_down(self, exc: BaseException) -> None:
        if self._up:
            log.warning("redis backplane down: %s", exc)
        self._up = False

    # --- presence across processes ---------------------------------------------------------

    async def _write_presence(self) -> None:
        key = PRESENCE_PREFIX + self.origin
        admins = self.local.local_admin_ids()
        pipe = self.redis.pipeline(transaction=True)
        pipe.delete(key)
        if admins:
            pipe.sadd(key, *admins)
            pipe.expire(key, PROCESS_TTL_SECONDS)
        customers_key = CUSTOMERS_PREFIX + self.origin
        customers = [s.user_id for s in self.local.customer_sockets]
        pipe.delete(customers_key)
        if customers:
            pipe.sadd(customers_key, *customers)
            pipe.expire(customers_key, PROCESS_TTL_SECONDS)
        pipe.zadd(PROCS_KEY, {self.origin: time.time()})
        await pipe.execute()

    async def _global_admins(self) -> int:
        now = time.time()
        await self.redis.zremrangebyscore(PROCS_KEY, 0, now - PROCESS_TTL_SECONDS)
        procs = await self.redis.zrange(PROCS_KEY, 0, -1)
        if not procs:
            return 0
        keys = [PRESENCE_PREFIX + (p.decode() if isinstance(p, bytes) else str(p)) for p in procs]
        return len(await self.redis.sunion(keys))

    async def _presence_changed(self) -> None:
        try:
            await self._write_presence()
            count = await self._global_admins()
        except Exception as exc:
            self._mark_down(exc)
            count = len(self.local.local_admin_ids())
        # Other processes re-count now rather than at their next heartbeat.
        self._relay({"o": self.origin, "k": "presence"})
        await self._announce(count)

    async def _refresh_presence(self) -> None:
        try:
            count = await self._global_admins()
        except Exception as exc:
            self._mark_down(exc)
            return
        await self._announce(count)

    async def _announce(self, count: int) -> None:
        """Customers hear of presence only when support goes from none to some, or back."""
        if self._last_global != -1 and (count > 0) == (self._last_global > 0):
            self._last_global = count
            return
        first = self._last_global == -1
        self._last_global = count
        if first and count == 0:
            return
        for listener in self._listeners:
            await listener(count)

    async def _heartbeat_loop(self) -> None:
        while True:
            try:
                await self._write_presence()
                count = await self._global_admins()
                self._mark_up()
                await self._announce(count)
            except Exception as exc:
                self._mark_down(exc)
            await asyncio.sleep(HEARTBEAT_SECONDS)
