"""How the widget reaches host pages: the loader and the chat bundle's caching, the config call
that says whether a page's origin may run the widget, and the visitor's session in one call."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import httpx
import pytest

from tests.factories import Factory
from tests.servers import Server

ALLOWED = "http://shop.example"  # in the test servers' ALLOWED_ORIGINS
REFUSED = "http://elsewhere.example"
CHUNK = "chat-Ab12Cd34.js"


@pytest.fixture(scope="module")
def built_server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server over a build folder of its own, so the test knows the chat bundle's hashed name."""
    dist = tmp_path_factory.mktemp("dist")
    (dist / "widget.js").write_text("/* loader */")
    assets = dist / "widget" / "assets"
    assets.mkdir(parents=True)
    (assets / CHUNK).write_text("export function mount() {}\n")
    (assets / (CHUNK + ".gz")).write_bytes(gzip.compress(b"export function mount() {}\n"))
    srv = Server(database_url, FRONTEND_DIST=str(dist)).start()
    yield srv
    srv.stop()


async def test_the_loader_keeps_a_short_cache_and_is_readable_from_any_origin(
    built_server: Server,
) -> None:
    async with httpx.AsyncClient(base_url=built_server.url) as client:
        r = await client.get("/widget.js", headers={"Origin": REFUSED})
    assert r.status_code == 200 and r.text == "/* loader */"
    assert r.headers["cache-control"] == "public, max-age=300"
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["content-type"].startswith("text/javascript")


async def test_the_chat_bundle_is_immutable_gzipped_and_cross_origin(built_server: Server) -> None:
    async with httpx.AsyncClient(base_url=built_server.url) as client:
        r = await client.get(f"/widget/assets/{CHUNK}", headers={"Origin": ALLOWED})
        head = await client.head(f"/widget/assets/{CHUNK}")
    assert r.status_code == 200 and r.text == "export function mount() {}\n"
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    # A module script from another origin is a CORS fetch: without this the import fails.
    assert r.headers["access-control-allow-origin"] in ("*", ALLOWED)
    assert r.headers["content-type"].startswith("text/javascript")
    assert head.status_code == 200


async def test_a_missing_chunk_is_a_404_that_is_never_cached(built_server: Server) -> None:
    async with httpx.AsyncClient(base_url=built_server.url) as client:
        gone = await client.get("/widget/assets/chat-old.js")
        outside = await client.get("/widget/assets/..%2f..%2fwidget.js")
    assert gone.status_code == 404 and "immutable" not in gone.headers.get("cache-control", "")
    assert outside.status_code == 404


async def test_config_allows_an_origin_of_allowed_origins(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url + "/api/v1") as client:
        r = await client.get("/widget/config", headers={"Origin": ALLOWED})
    assert r.status_code == 200
    # v1.1: nobody is online here, no schedule is set, and this server sends no email.
    assert r.json() == {
        "allowed": True,
        "origin": ALLOWED,
        "identity_verification": True,
        "offline": True,
        "business_hours": None,
        "email_enabled": False,
    }
    assert r.headers["access-control-allow-origin"] == ALLOWED
    assert r.headers["cache-control"].startswith("public, max-age=")
    assert "Origin" in r.headers["vary"]


async def test_config_refuses_another_origin_yet_lets_the_page_read_why(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url + "/api/v1") as client:
        r = await client.get("/widget/config", headers={"Origin": REFUSED})
    assert r.status_code == 200
    assert r.json()["allowed"] is False and r.json()["origin"] == REFUSED
    # Readable, so the loader can warn once instead of the browser logging a CORS error.
    assert r.headers["access-control-allow-origin"] == "*"
    assert "Origin" in r.headers["vary"]


async def test_config_allows_the_servers_own_origin_and_same_origin_calls(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url + "/api/v1") as client:
        own = await client.get("/widget/config", headers={"Origin": server.url})
        same = await client.get("/widget/config")  # a browser sends no Origin on a same-origin GET
    assert own.json()["allowed"] is True
    assert same.json()["allowed"] is True and same.json()["origin"] is None
    assert same.headers["vary"] == "Origin"


async def test_a_null_origin_is_refused(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url + "/api/v1") as client:
        r = await client.get("/widget/config", headers={"Origin": "null"})
    assert r.json()["allowed"] is False


async def test_session_of_a_new_visitor_has_no_chat_and_no_404(
    make: Factory, api: httpx.AsyncClient
) -> None:
    guest = await make.guest("Ann")
    r = await api.get("/widget/session", headers=guest.auth)
    assert r.status_code == 200
    assert r.json() == {"user": guest.user, "chat": None, "email": None}


async def test_session_carries_the_email_the_visitor_left(
    make: Factory, api: httpx.AsyncClient
) -> None:
    guest = await make.guest()
    r = await api.post("/me/email", json={"email": "ann@example.com"}, headers=guest.auth)
    assert r.status_code == 204
    r = await api.get("/widget/session", headers=guest.auth)
    assert r.json()["email"] == "ann@example.com"
    bad = await api.post("/me/email", json={"email": "not an address"}, headers=guest.auth)
    assert bad.status_code == 422
    r = await api.get("/widget/session", headers=guest.auth)
    assert r.json()["email"] == "ann@example.com"


async def test_session_of_a_returning_visitor_carries_their_chat(
    make: Factory, api: httpx.AsyncClient
) -> None:
    guest = await make.guest()
    sent = await make.message(guest, "where is my parcel?")
    r = await api.get("/widget/session", headers=guest.auth)
    assert r.status_code == 200
    chat = r.json()["chat"]
    assert chat["id"] == sent["chat_id"] and chat["customer"]["id"] == guest.id
    assert chat["last_message"]["body"] == "where is my parcel?"


async def test_session_of_an_admin_has_no_chat(make: Factory, api: httpx.AsyncClient) -> None:
    admin = await make.admin()
    r = await api.get("/widget/session", headers=admin.auth)
    assert r.status_code == 200 and r.json()["chat"] is None


async def test_session_needs_a_valid_token(api: httpx.AsyncClient) -> None:
    assert (await api.get("/widget/session")).status_code == 401
    bad = await api.get("/widget/session", headers={"Authorization": "Bearer nonsense"})
    assert bad.status_code == 401
