"""Health, the database going away, and the pages the server hosts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.servers import Server


@pytest.fixture(scope="module")
def server_without_database() -> Iterator[Server]:
    # Port 9 (discard) on loopback: nothing answers there.
    srv = Server("mysql://root@127.0.0.1:9/parley", DB_TIMEOUT_SECONDS="1").start()
    yield srv
    srv.stop()


async def test_health_reports_the_database(api: httpx.AsyncClient) -> None:
    r = await api.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok"}


async def test_a_database_url_with_a_unix_socket_reaches_mariadb_through_it(
    database_url: str, sql: Any
) -> None:
    """`?unix_socket=` in DATABASE_URL: the same-host deployment skips TCP loopback (cheaper per
    query, bench/README.md). The host and port in the URL point nowhere, so only the socket can
    have answered."""
    with sql.cursor() as cur:
        cur.execute("SELECT @@socket AS socket")
        socket_path = cur.fetchone()["socket"]
    database = database_url.rsplit("/", 1)[1]
    url = f"mysql://root@127.0.0.1:9/{database}?unix_socket={socket_path}"
    srv = Server(url).start()
    try:
        async with httpx.AsyncClient(base_url=srv.url + "/api/v1") as client:
            assert (await client.get("/health")).json() == {"status": "ok", "database": "ok"}
            guest = await client.post("/auth/guest", json={})
            assert guest.status_code == 201
            token = guest.json()["access_token"]
            sent = await client.post(
                "/me/chat/messages",
                json={"body": "over the socket"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert sent.status_code == 201 and sent.json()["body"] == "over the socket"
    finally:
        srv.stop()


async def test_unreachable_database_gives_503_not_500(server_without_database: Server) -> None:
    async with httpx.AsyncClient(base_url=server_without_database.url + "/api/v1") as client:
        health = await client.get("/health")
        assert health.status_code == 503 and health.json()["database"] == "down"
        guest = await client.post("/auth/guest", json={})
        assert guest.status_code == 503 and guest.json()["detail"]
        login = await client.post("/auth/login", json={"username": "a", "password": "b"})
        assert login.status_code == 503


async def test_pages_and_widget_are_served(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url) as client:
        shop = await client.get("/")
        assert shop.status_code == 200 and "/widget.js" in shop.text
        widget = await client.get("/widget.js")
        assert widget.status_code == 200
        assert widget.headers["content-type"].startswith("text/javascript")
        for path in ("/admin", "/admin/chats/123"):
            admin = await client.get(path)
            assert admin.status_code == 200 and "<html" in admin.text.lower()
            assert "frame-ancestors 'none'" in admin.headers["content-security-policy"]
        assert (await client.get("/admin/../../etc/passwd")).status_code in (200, 404)
        assert "root:" not in (await client.get("/assets/..%2f..%2f..%2fetc/passwd")).text
        docs = await client.get("/openapi.json")
        assert docs.status_code == 200 and "/api/v1/chats" in docs.json()["paths"]
        assert shop.headers["x-content-type-options"] == "nosniff"
