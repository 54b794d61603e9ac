"""Small builders of users, chats and sockets, through the public API wherever there is one."""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pymysql
import websockets
from passlib.context import CryptContext

from tests.servers import Server

_names = itertools.count(1)
# The suite's server hashes with these low argon2 costs too (tests/servers.py).
_hasher = CryptContext(schemes=["argon2"], argon2__memory_cost=1024, argon2__time_cost=1)
PASSWORD = "correct horse battery"
_PASSWORD_HASH = _hasher.hash(PASSWORD)


@dataclass
class Actor:
    token: str
    user: dict[str, Any]

    @property
    def id(self) -> int:
        return int(self.user["id"])

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Factory:
    def __init__(self, api: httpx.AsyncClient, server: Server, sql: pymysql.Connection) -> None:  # type: ignore[type-arg]
        self.api = api
        self.server = server
        self.sql = sql
        self.sockets: list[WsClient] = []

    async def guest(self, display_name: str | None = None) -> Actor:
        body = {"display_name": display_name} if display_name else {}
        r = await self.api.post("/auth/guest", json=body)
        assert r.status_code == 201, r.text
        return Actor(r.json()["access_token"], r.json()["user"])

    async def customer(self, username: str | None = None) -> Actor:
        username = username or f"customer{next(_names)}"
        r = await self.api.post("/auth/register", json={"username": username, "password": PASSWORD})
        assert r.status_code == 201, r.text
        return await self.login(username)

    async def admin(self, username: str | None = None, display_name: str | None = None) -> Actor:
        """Admins are made by admins; the first one is written straight into the table."""
        username = username or f"admin{next(_names)}"
        with self.sql.cursor() as cur:
            cur.execute(
                "INSERT INTO users (username, password_hash, display_name, role, created_at) "
                "VALUES (%s, %s, %s, 'admin', %s)",
                (username, _PASSWORD_HASH, display_name or username.title(), datetime.now(UTC)),
            )
        return await self.login(username)

    async def login(self, username: str, password: str = PASSWORD) -> Actor:
        r = await self.api.post("/auth/login", json={"username": username, "password": password})
        assert r.status_code == 200, r.text
        return Actor(r.json()["access_token"], r.json()["user"])

    async def message(self, customer: Actor, body: str = "hello", **extra: Any) -> dict[str, Any]:
        r = await self.api.post(
            "/me/chat/messages", json={"body": body, **extra}, headers=customer.auth
        )
        assert r.status_code in (200, 201), r.text
        return dict(r.json())

    async def reply(self, admin: Actor, chat_id: int, body: str = "hi") -> dict[str, Any]:
        r = await self.api.post(
            f"/chats/{chat_id}/messages", json={"body": body}, headers=admin.auth
        )
        assert r.status_code == 201, r.text
        return dict(r.json())

    async def note(
        self, admin: Actor, chat_id: int, body: str = "note", **extra: Any
    ) -> dict[str, Any]:
        r = await self.api.post(
            f"/chats/{chat_id}/notes", json={"body": body, **extra}, headers=admin.auth
        )
        assert r.status_code in (200, 201), r.text
        return dict(r.json())

    async def resolve(self, admin: Actor, chat_id: int) -> dict[str, Any]:
        r = await self.api.post(f"/chats/{chat_id}/resolve", headers=admin.auth)
        assert r.status_code == 200, r.text
        return dict(r.json())

    async def open(self, admin: Actor, chat_id: int) -> dict[str, Any]:
        r = await self.api.post(f"/chats/{chat_id}/open", headers=admin.auth)
        assert r.status_code == 200, r.text
        return dict(r.json())

    async def socket(self, actor: Actor | None = None, since: Any = None, **kw: Any) -> WsClient:
        ws = await WsClient.connect(self.server.ws_url, **kw)
        self.sockets.append(ws)
        if actor is not None:
            reply = await ws.auth(actor.token, since)
            assert "result" in reply, reply
        return ws


@dataclass
class WsClient:
    """A real WebSocket client: requests get their reply; events are kept in arrival order."""

    conn: websockets.ClientConnection
    events: list[dict[str, Any]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _replies: dict[Any, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    async def connect(cls, url: str, **kw: Any) -> WsClient:
        return cls(await websockets.connect(url, compression=None, **kw))

    async def send_raw(self, text: str | bytes) -> None:
        await self.conn.send(text)

    async def _read_one(self, timeout: float) -> dict[str, Any]:
        frame = json.loads(await asyncio.wait_for(self.conn.recv(), timeout))
        if "id" in frame and ("result" in frame or "error" in frame):
            self._replies[frame["id"]] = frame
        else:
            self.events.append(frame)
        return dict(frame)

    async def reply_to(self, request_id: Any, timeout: float = 5) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while request_id not in self._replies:
            await self._read_one(max(0.01, deadline - loop.time()))
        return self._replies.pop(request_id)

    async def call(self, method: str, params: Any = None, timeout: float = 5) -> dict[str, Any]:
        request_id = next(self._ids)
        frame: dict[str, Any] = {"id": request_id, "method": method}
        if params is not None:
            frame["params"] = params
        await self.conn.send(json.dumps(frame))
        return await self.reply_to(request_id, timeout)

    async def auth(self, token: str, since: Any = None) -> dict[str, Any]:
        params: dict[str, Any] = {"token": token}
        if since is not None:
            params["since"] = since
        return await self.call("auth", params)

    async def event(self, method: str, timeout: float = 5, **match: Any) -> dict[str, Any]:
        """The first unconsumed event named `method` whose params contain `match`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == method and all(
                    ev["params"].get(k) == v for k, v in match.items()
                ):
                    return dict(self.events.pop(i)["params"])
            await self._read_one(max(0.01, deadline - loop.time()))

    async def no_event(self, method: str, within: float = 0.4) -> None:
        """Assert that no event named `method` arrives within `within` seconds."""
        try:
            await self.event(method, timeout=within)
        except TimeoutError:
            return
        raise AssertionError(f"unexpected {method} event")

    async def settle(self, quiet: float = 0.5) -> list[dict[str, Any]]:
        """Read until nothing arrives for `quiet` seconds; every unconsumed event, in order."""
        try:
            while True:
                await self._read_one(quiet)
        except TimeoutError:
            return list(self.events)

    async def closed_with(self, timeout: float = 5) -> int | None:
        try:
            while True:
                await self._read_one(timeout)
        except websockets.ConnectionClosed as exc:
            return exc.rcvd.code if exc.rcvd else None

    async def close(self) -> None:
        await self.conn.close()
