"""The suite's own MariaDB database and a real server; tables are emptied between tests."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Iterator

import httpx
import pymysql
import pytest
from app.config import DatabaseParams
from app.manage import connect, create_database, drop_database, migrate

from tests.factories import Factory
from tests.servers import Server, new_database_url


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    url = new_database_url()
    params = DatabaseParams(url)
    create_database(params)
    migrate(url)
    yield url
    drop_database(params)


@pytest.fixture(scope="session")
def server(database_url: str) -> Iterator[Server]:
    srv = Server(database_url).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def sql(database_url: str) -> Iterator[pymysql.Connection]:  # type: ignore[type-arg]
    p = DatabaseParams(database_url)
    conn = connect(p, autocommit=True, cursorclass=pymysql.cursors.DictCursor)
    yield conn
    conn.close()


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "sql" in request.fixturenames:
        conn = request.getfixturevalue("sql")
        with conn.cursor() as cur:
            # DELETE, not TRUNCATE: ids keep growing, so no test inherits another's rate counters.
            cur.execute("DELETE FROM outbox")
            cur.execute("DELETE FROM webhook_endpoints")
            cur.execute("DELETE FROM messages")
            cur.execute("DELETE FROM chats")  # chat events and ratings go with their chats
            cur.execute("DELETE FROM report_buckets")
            cur.execute("DELETE FROM users")  # visitors and their pages go with their users
            cur.execute("DELETE FROM canned_replies")


def random_ip() -> str:
    """A client address from the IPv6 documentation range: only ever a header value."""
    return f"2001:db8::{random.randint(1, 0xFFFF):x}:{random.randint(1, 0xFFFF):x}"


@pytest.fixture
async def api(server: Server, sql: pymysql.Connection) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[type-arg]
    """An HTTP client of the running server, seen as coming from its own client address."""
    async with httpx.AsyncClient(
        base_url=server.url + "/api/v1",
        headers={"X-Forwarded-For": random_ip()},
        timeout=10,
    ) as client:
        yield client


@pytest.fixture
async def make(
    api: httpx.AsyncClient,
    server: Server,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> AsyncIterator[Factory]:
    factory = Factory(api, server, sql)
    yield factory
    for ws in factory.sockets:
        await ws.close()
