"""Where a service gets its connection: the caller's own, or one from the pool for this call.

A REST request holds one connection for its whole life (deps.get_conn) and hands it down. A
socket holds none between frames, so its requests hand down the pool, and the service acquires
a connection for just as long as the call needs one: no route reaches past the services.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from app.db import Connection, Database

Db = Connection | Database


@asynccontextmanager
async def connection(db: Db) -> AsyncIterator[Connection]:
    if isinstance(db, Connection):
        yield db
        return
    async with db.acquire() as conn:
        yield conn
