"""The hub: which sockets are connected, and fan-out of encoded events to them.

Events are encoded once by the publisher and the same text is offered to every recipient's
queue; a recipient that cannot keep up is closed instead of slowing the others down.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.realtime.socket import ClientSocket


@dataclass(frozen=True, slots=True)
class Audience:
    """Who receives an event: some users, and/or every admin or every customer, less some users."""

    user_ids: frozenset[int] = frozenset()
    admins: bool = False
    customers: bool = False
    exclude: frozenset[int] = frozenset()

    def to_json(self) -> dict[str, object]:
        return {
            "u": sorted(self.user_ids),
            "a": self.admins,
            "c": self.customers,
            "x": sorted(self.exclude),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Audience:
        return cls(
            user_ids=frozenset(int(u) for u in data.get("u") or ()),
            admins=bool(data.get("a")),
            customers=bool(data.get("c")),
            exclude=frozenset(int(u) for u in data.get("x") or ()),
        )


@dataclass(frozen=True, slots=True)
class Delivery:
    """An encoded event; for `message.new`, its (chat_id, id), to skip what catch-up sent; for
    a change of a chat's state, (chat_id, version), to drop it behind a newer one."""

    text: str
    chat_id: int = 0
    message_id: int = 0
    version: int | None = None


# Chats whose newest delivered state this process remembers. A chat forgotten this way is one
# nobody has acted on for a long while: no stale event of it is still in flight.
MAX_REMEMBERED_CHATS = 50_000


class StateVersions:
    """The newest state version delivered per chat. Two acts on one chat commit in turn (its
    row lock), but their publishers may reach the hub in either order; the older is dropped,
    so the last state event every socket gets is the state the chat is in."""

    __slots__ = ("_newest",)

    def __init__(self) -> None:
        self._newest: OrderedDict[int, int] = OrderedDict()

    def admit(self, chat_id: int, version: int) -> bool:
        newest = self._newest.get(chat_id)
        if newest is not None and version < newest:
            return False
        self._newest[chat_id] = version
        self._newest.move_to_end(chat_id)
        if len(self._newest) > MAX_REMEMBERED_CHATS:
            self._newest.popitem(last=False)
        return True


PresenceListener = Callable[[int], Awaitable[None]]


class Hub(Protocol):
    async def publish(self, audience: Audience, delivery: Delivery) -> None:
        """Deliver to the audience's sockets in every process."""

    async def publish_local(self, audience: Audience, delivery: Delivery) -> None:
        """Deliver to the audience's sockets in this process only."""

    async def disconnect_user(self, user_id: int, code: int, reason: str) -> None: ...
    async def admins_online(self) -> int:
        """Admins with a socket open who are not away, in every process."""

    async def is_online(self, user_id: int) -> bool:
        """The user has a socket open, in any process (visitor context's `online`)."""

    async def set_away(self, user_id: int, away: bool) -> None:
        """The admin's availability changed: their sockets, in every process, count or not."""

    async def register(self, sock: ClientSocket) -> None: ...
    async def unregister(self, sock: ClientSocket) -> None: ...
    def on_presence(self, listener: PresenceListener) -> None: ...
    async def start(self) -> None: ...
    async def close(self, code: int, reason: str) -> None: ...
    def status(self) -> str: ...


@dataclass
class LocalHub:
    """The sockets of this process. The default hub, and the local half of the Redis hub."""

    # A user's sockets as a tuple, replaced on change: most users have one socket, and a set per
    # user cost ~200 bytes of every idle socket where a one-item tuple costs ~50.
    by_user: dict[int, tuple[ClientSocket, ...]] = field(default_factory=dict)
    admin_sockets: set[ClientSocket] = field(default_factory=set)
    customer_sockets: set[ClientSocket] = field(default_factory=set)
    versions: StateVersions = field(default_factory=StateVersions)
    _listeners: list[PresenceListener] = field(default_factory=list)

    def deliver(self, audience: Audience, delivery: Delivery) -> int:
        if delivery.version is not None and not self.versions.admit(
            delivery.chat_id, delivery.version
        ):
            return 0
        targets: set[ClientSocket] = set()
        if audience.admins:
            targets.update(self.admin_sockets)
        if audience.customers:
            targets.update(self.customer_sockets)
        for user_id in audience.user_ids:
            targets.update(self.by_user.get(user_id, ()))
        for sock in targets:
            if sock.user_id not in audience.exclude:
                sock.offer(delivery)
        return len(targets)

    async def publish(self, audience: Audience, delivery: Delivery) -> None:
        self.deliver(audience, delivery)

    async def publish_local(self, audience: Audience, delivery: Delivery) -> None:
        self.deliver(audience, delivery)

    def local_admin_ids(self) -> set[int]:
        """The admins online here: a socket open and not away."""
        return {s.user_id for s in self.admin_sockets if not s.away}

    async def admins_online(self) -> int:
        return len(self.local_admin_ids())

    async def is_online(self, user_id: int) -> bool:
        return user_id in self.by_user

    async def register(self, sock: ClientSocket) -> None:
        before = len(self.local_admin_ids())
        self.by_user[sock.user_id] = (*self.by_user.get(sock.user_id, ()), sock)
        (self.admin_sockets if sock.is_admin else self.customer_sockets).add(sock)
        if sock.is_admin:
            await self._crossed(before)

    async def unregister(self, sock: ClientSocket) -> None:
        before = len(self.local_admin_ids())
        others = tuple(s for s in self.by_user.get(sock.user_id, ()) if s is not sock)
        if others:
            self.by_user[sock.user_id] = others
        else:
            self.by_user.pop(sock.user_id, None)
        self.admin_sockets.discard(sock)
        self.customer_sockets.discard(sock)
        if sock.is_admin:
            await self._crossed(before)

    def set_away_local(self, user_id: int, away: bool) -> None:
        for sock in self.by_user.get(user_id, ()):
            sock.away = away

    async def set_away(self, user_id: int, away: bool) -> None:
        before = len(self.local_admin_ids())
        self.set_away_local(user_id, away)
        await self._crossed(before)

    async def _crossed(self, before: int) -> None:
        """Customers hear of presence when support goes from none to some, or back."""
        after = len(self.local_admin_ids())
        if (before > 0) != (after > 0):
            await self._notify(after)

    def close_user_local(self, user_id: int, code: int, reason: str) -> None:
        for sock in self.by_user.get(user_id, ()):
            sock.close(code, reason)

    async def disconnect_user(self, user_id: int, code: int, reason: str) -> None:
        self.close_user_local(user_id, code, reason)

    def on_presence(self, listener: PresenceListener) -> None:
        self._listeners.append(listener)

    async def _notify(self, count: int) -> None:
        for listener in self._listeners:
            await listener(count)

    async def start(self) -> None:
        return None

    async def close(self, code: int, reason: str) -> None:
        socks = [s for group in self.by_user.values() for s in group]
        for sock in socks:
            sock.close(code, reason)
        if socks:
            await asyncio.wait([asyncio.ensure_future(s.wait_closed()) for s in socks], timeout=5)

    def status(self) -> str:
        return "local"
