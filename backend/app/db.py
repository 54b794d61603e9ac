"""The aiomysql pool, explicit transactions, and where driver errors become domain errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import aiomysql
import orjson
import pymysql
from pymysql.constants.SERVER_STATUS import SERVER_STATUS_NO_BACKSLASH_ESCAPES

from app import errors
from app.config import Settings

Row = dict[str, Any]
Params = Sequence[Any] | dict[str, Any] | None

DUPLICATE_KEY = 1062
DEADLOCK = 1213
# Client-side errors (2xxx) and server shutdown / lost connection mean "the database is not there".
UNAVAILABLE_CODES = {1053, 1077, 1152, 1158, 1159, 1160, 1161, 2002, 2003, 2006, 2013, 2055}
# Disk full, table full: nothing can be stored until an operator acts; the row was not written.
STORAGE_FULL_CODES = {1021, 1114}

_timeout: float = 5.0


def _escape_str(value: str) -> str:
    """pymysql's escape_string, byte for byte. Its str.translate goes through a 128-entry table
    once per character (26 us for a 700-character webhook body, 11 % of the server's CPU with
    one endpoint, bench/README.md); these replace() calls each scan in C."""
    return (
        value.replace("\\", "\\\\")
        .replace("\0", "\\0")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\032", "\\Z")
        .replace("'", "\\'")
        .replace('"', '\\"')
    )


def literal(raw: aiomysql.Connection, value: Any) -> str:
    """A parameter as the SQL literal aiomysql would make of it, faster for the common types."""
    kind = type(value)
    if kind is str and not raw.server_status & SERVER_STATUS_NO_BACKSLASH_ESCAPES:
        return "'" + _escape_str(value) + "'"
    if kind is int:
        return str(value)
    if kind is datetime and value.tzinfo is None:
        at: datetime = value
        return "'" + at.isoformat(" ") + "'"
    return str(raw.escape(value))


def render(raw: aiomysql.Connection, sql: str, params: Params) -> str:
    """The statement with its %s placeholders filled, as cursor.execute(sql, params) does."""
    if params is None:
        return sql
    if isinstance(params, dict):
        return sql % {key: literal(raw, value) for key, value in params.items()}
    return sql % tuple([literal(raw, value) for value in params])


class Connection:
    """A pooled connection with a time limit on every statement, or on the whole transaction.

    A statement that overruns the limit leaves the socket in an unknown state, so the
    connection is closed rather than returned to the pool.
    """

    __slots__ = ("raw", "in_transaction", "_after_commit")

    def __init__(self, raw: aiomysql.Connection) -> None:
        self.raw = raw
        # Inside transaction() one deadline covers every statement: a timer per statement
        # measurably cost the send path (about 5% of its CPU).
        self.in_transaction = False
        self._after_commit: list[Callable[[], None]] = []

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the open transaction commits (never if it rolls back): how a
        write tells others about rows they can only see after the commit."""
        if callback not in self._after_commit:
            self._after_commit.append(callback)

    async def _run(
        self, sql: str, params: Params, cursor: type[aiomysql.Cursor] = aiomysql.DictCursor
    ) -> aiomysql.Cursor:
        cur = await self.raw.cursor(cursor)
        try:
            statement = render(self.raw, sql, params)
            if self.in_transaction:
                await cur.execute(statement)
            else:
                async with asyncio.timeout(_timeout):
                    await cur.execute(statement)
        except BaseException as exc:
            await cur.close()
            raise _translate(exc, self.raw) from exc
        return cur

    async def fetch_one(self, sql: str, params: Params = None) -> Row | None:
        cur = await self._run(sql, params)
        row: Row | None = await cur.fetchone()
        await cur.close()
        return row

    async def fetch_all(self, sql: str, params: Params = None) -> list[Row]:
        cur = await self._run(sql, params)
        rows: list[Row] = list(await cur.fetchall())
        await cur.close()
        return rows

    async def fetch_json(self, sql: str, params: Params = None) -> list[Row]:
        """Rows selected as one JSON_OBJECT each. pymysql reads every column of every row in
        Python (3-4 ms for a 50-chat page of 28 columns); one JSON column per row, parsed by
        orjson, costs a tenth of that."""
        cur = await self._run(sql, params, aiomysql.Cursor)
        rows = await cur.fetchall()
        await cur.close()
        return [orjson.loads(row[0]) for row in rows]

    async def fetch_json_one(self, sql: str, params: Params = None) -> Row | None:
        rows = await self.fetch_json(sql, params)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Params = None) -> tuple[int, int]:
        """Run a write; returns (rows affected, last insert id)."""
        cur = await self._run(sql, params)
        result = (cur.rowcount, cur.lastrowid)
        await cur.close()
        return result


def _translate(exc: BaseException, raw: aiomysql.Connection) -> BaseException:
    if isinstance(exc, TimeoutError | asyncio.CancelledError):
        raw.close()
        if isinstance(exc, TimeoutError):
            return errors.DatabaseUnavailable("the database did not answer in time")
        return exc
    if isinstance(exc, pymysql.err.IntegrityError) and exc.args and exc.args[0] == DUPLICATE_KEY:
        return errors.Conflict(str(exc.args[1]) if len(exc.args) > 1 else "duplicate key")
    if isinstance(exc, pymysql.err.OperationalError) and exc.args and exc.args[0] == DEADLOCK:
        return errors.Deadlock("the database broke a lock cycle; try again")
    if isinstance(exc, pymysql.err.OperationalError | pymysql.err.InterfaceError):
        code = exc.args[0] if exc.args else 0
        if code in STORAGE_FULL_CODES:
            return errors.DatabaseUnavailable("the database cannot store anything right now")
        if code in UNAVAILABLE_CODES or isinstance(exc, pymysql.err.InterfaceError):
            raw.close()
            return errors.DatabaseUnavailable("the database is unavailable")
    return exc


@asynccontextmanager
async def transaction(conn: Connection) -> AsyncIterator[Connection]:
    """BEGIN ... COMMIT within one deadline; any exception rolls back. The pool runs in
    autocommit otherwise."""
    raw = conn.raw
    conn.in_transaction = True
    try:
        async with asyncio.timeout(_timeout):
            try:
                await raw.begin()
                yield conn
            except BaseException as exc:
                if isinstance(exc, asyncio.CancelledError):
                    # The deadline passed (or the request was dropped) mid-statement: the
                    # socket's state is unknown, and closing it rolls the transaction back.
                    raw.close()
                elif not raw.closed:
                    try:
                        async with asyncio.timeout(_timeout):
                            await raw.rollback()
                    except BaseException:
                        raw.close()
                if isinstance(exc, pymysql.err.Error):
                    raise _translate(exc, raw) from exc
                raise
            try:
                await raw.commit()
            except pymysql.err.Error as exc:
                raise _translate(exc, raw) from exc
        callbacks, conn._after_commit = conn._after_commit, []
        for callback in callbacks:
            callback()
    except TimeoutError as exc:
        raw.close()
        raise errors.DatabaseUnavailable("the database did not answer in time") from exc
    finally:
        conn.in_transaction = False
        conn._after_commit = []


class Database:
    """Owns the pool. `acquire()` hands out a `Connection` and maps connect failures to 503."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool: aiomysql.Pool | None = None
        # At most pool-size tasks ever wait inside aiomysql's pool: its Condition wakes waiters
        # one lock hand-off at a time, so a thousand waiters there starve each other (measured:
        # 245 msg/s and acquire timeouts with 1,000 senders). A semaphore queues them in O(1).
        self._gate = asyncio.Semaphore(settings.db_pool_max)

    async def open(self) -> None:
        global _timeout
        _timeout = self.settings.db_timeout_seconds
        p = self.settings.db
        self.pool = await aiomysql.create_pool(
            minsize=0,
            maxsize=self.settings.db_pool_max,
            pool_recycle=3600,
            host=p.host,
            port=p.port,
            unix_socket=p.unix_socket,
            user=p.user,
            password=p.password,
            db=p.database,
            charset="utf8mb4",
            autocommit=True,
            connect_timeout=max(1, int(self.settings.db_timeout_seconds)),
            # READ COMMITTED: no gap locks, so concurrent first messages of one customer queue on
            # the chat's unique key instead of deadlocking. UTC so DATETIME(6) means UTC everywhere.
            init_command="SET time_zone = '+00:00', SESSION tx_isolation = 'READ-COMMITTED'",
        )

    async def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            await self.pool.wait_closed()
            self.pool = None

    @asynccontextmanager
    async def acquire(self) -> AsyncIterator[Connection]:
        if self.pool is None:
            raise errors.DatabaseUnavailable("the database pool is not open")
        gate = self._gate
        # Waiting for a turn is load, not a fault: it gets the longer queue limit. Once a turn
        # is ours, any wait for a connection is the database itself, bounded by db_timeout.
        try:
            async with asyncio.timeout(self.settings.db_queue_timeout_seconds):
                await gate.acquire()
        except TimeoutError as exc:
            raise errors.DatabaseUnavailable("the database is overloaded; try again") from exc
        try:
            async with asyncio.timeout(self.settings.db_timeout_seconds):
                raw = await self.pool.acquire()
        except BaseException as exc:
            gate.release()
            if isinstance(exc, TimeoutError):
                raise errors.DatabaseUnavailable("no database connection in time") from exc
            if isinstance(exc, pymysql.err.OperationalError | pymysql.err.InterfaceError | OSError):
                raise errors.DatabaseUnavailable("the database is unavailable") from exc
            raise
        try:
            yield Connection(raw)
        finally:
            self.pool.release(raw)
            gate.release()

    async def ping(self) -> bool:
        try:
            async with self.acquire() as conn:
                await conn.fetch_one("SELECT 1 AS ok")
            return True
        except errors.DatabaseUnavailable:
            return False
