"""What an attacker sees: forged and revoked tokens, IDOR, mass assignment, cross-site sockets,
brute force, floods, injection and script payloads. Every case goes through the public API and
real sockets of a running server; cases already in test_auth/test_chats/test_ws are not repeated.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
import time
from typing import Any
from urllib.parse import quote

import httpx
import pymysql
import pytest
import websockets
from jose import jwt

from tests.conftest import random_ip
from tests.factories import PASSWORD, Actor, Factory, WsClient
from tests.servers import BACKEND, TEST_ENV, Server

JWT_SECRET = TEST_ENV["JWT_SECRET"]


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def claims_for(user_id: int, **over: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"sub": str(user_id), "ver": 0, "iat": now, "exp": now + 600, **over}


def row(sql: pymysql.Connection, query: str, *args: Any) -> dict[str, Any] | None:  # type: ignore[type-arg]
    with sql.cursor() as cur:
        cur.execute(query, args)
        return cur.fetchone()  # type: ignore[no-any-return]


async def still_open(ws: WsClient) -> bool:
    return "result" in await ws.call("ping", {})


# --- forged and expired tokens -------------------------------------------------------------


async def test_tampered_or_mis_signed_tokens_are_refused(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer = await make.customer()
    admin = await make.admin()
    head, _, signature = customer.token.split(".")
    # The customer's own signature over a payload that names the admin instead.
    tampered = f"{head}.{_b64(claims_for(admin.id))}.{signature}"
    forged = {
        "tampered payload": tampered,
        "HS512 with the right secret": jwt.encode(
            claims_for(admin.id), JWT_SECRET, algorithm="HS512"
        ),
        "HS384 with the right secret": jwt.encode(
            claims_for(admin.id), JWT_SECRET, algorithm="HS384"
        ),
        "no iat": jwt.encode(
            {"sub": str(admin.id), "ver": 0, "exp": int(time.time()) + 60}, JWT_SECRET
        ),
        "no ver": jwt.encode(
            {k: v for k, v in claims_for(admin.id).items() if k != "ver"}, JWT_SECRET
        ),
        "sub not a number": jwt.encode(claims_for(admin.id, sub="admin"), JWT_SECRET),
        "unknown user": jwt.encode(claims_for(10**12), JWT_SECRET),
        "empty secret": jwt.encode(claims_for(admin.id), "", algorithm="HS256"),
        "unsigned": f"{_b64({'alg': 'none'})}.{_b64(claims_for(admin.id))}.",
    }
    for name, token in forged.items():
        r = await api.get("/me", headers=bearer(token))
        assert r.status_code == 401, name
        assert r.headers["www-authenticate"] == "Bearer"
    for scheme in ("Basic", "Token", ""):
        r = await api.get("/me", headers={"Authorization": f"{scheme} {customer.token}".strip()})
        assert r.status_code == 401, scheme
    # The customer's genuine token still works and still names the customer.
    assert (await api.get("/me", headers=customer.auth)).json()["id"] == customer.id


async def test_forged_and_expired_tokens_cannot_open_a_socket(make: Factory) -> None:
    admin = await make.admin()
    now = int(time.time())
    for token in (
        jwt.encode(claims_for(admin.id, iat=now - 120, exp=now - 60), JWT_SECRET),
        jwt.encode(claims_for(admin.id), "another-secret-another-secret-another"),
        f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims_for(admin.id))}.",
        "",
    ):
        ws = await make.socket()
        await ws.send_raw(json.dumps({"id": 1, "method": "auth", "params": {"token": token}}))
        assert await ws.closed_with() == 4401, token


# --- revocation: password change, sign-out everywhere, disabling --------------------------


async def test_password_change_revokes_old_tokens_and_closes_open_sockets(
    api: httpx.AsyncClient, make: Factory
) -> None:
    ann = await make.customer("ann")
    other_tab = await make.login("ann")
    bystander = await make.guest()
    ws_ann, ws_tab, ws_other = (
        await make.socket(ann),
        await make.socket(other_tab),
        await make.socket(bystander),
    )

    wrong = await api.post(
        "/me/password",
        json={"current_password": "not it at all", "new_password": "brand new pass"},
        headers=ann.auth,
    )
    assert wrong.status_code == 401
    assert await still_open(ws_ann)

    r = await api.post(
        "/me/password",
        json={"current_password": PASSWORD, "new_password": "brand new pass"},
        headers=ann.auth,
    )
    assert r.status_code == 204
    assert await ws_ann.closed_with() == 4401
    assert await ws_tab.closed_with() == 4401
    assert await still_open(ws_other)
    for token in (ann.token, other_tab.token):
        assert (await api.get("/me", headers=bearer(token))).status_code == 401
        again = await make.socket()
        await again.send_raw(json.dumps({"id": 1, "method": "auth", "params": {"token": token}}))
        assert await again.closed_with() == 4401

    old = await api.post("/auth/login", json={"username": "ann", "password": PASSWORD})
    assert old.status_code == 401
    fresh = await make.login("ann", "brand new pass")
    assert (await api.get("/me", headers=fresh.auth)).status_code == 200


async def test_password_change_needs_the_current_password_and_is_not_for_guests(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    r = await api.post(
        "/me/password",
        json={"current_password": "anything", "new_password": "whatever123"},
        headers=guest.auth,
    )
    assert r.status_code == 401
    assert (await api.get("/me", headers=guest.auth)).status_code == 200
    customer = await make.customer()
    for body in (
        {"current_password": PASSWORD, "new_password": "short"},
        {"current_password": PASSWORD, "new_password": "long enough", "user_id": guest.id},
        {"new_password": "long enough"},
    ):
        assert (await api.post("/me/password", json=body, headers=customer.auth)).status_code == 422


async def test_logout_all_revokes_every_token_and_closes_every_socket(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    laptop = await make.login(admin.user["username"])
    ws_phone, ws_laptop = await make.socket(admin), await make.socket(laptop)
    colleague = await make.admin()
    ws_colleague = await make.socket(colleague)

    assert (await api.post("/auth/logout-all", headers=admin.auth)).status_code == 204
    assert await ws_phone.closed_with() == 4401
    assert await ws_laptop.closed_with() == 4401
    for actor in (admin, laptop):
        assert (await api.get("/chats", headers=actor.auth)).status_code == 401
        assert (await api.post("/auth/logout-all", headers=actor.auth)).status_code == 401
    assert await still_open(ws_colleague)
    assert (await api.get("/me", headers=colleague.auth)).status_code == 200
    # Signing in again gives a token that works.
    again = await make.login(admin.user["username"])
    assert (await api.get("/me", headers=again.auth)).status_code == 200
    assert (await api.post("/auth/logout-all")).status_code == 401


async def test_disabled_user_is_signed_out_everywhere_and_cannot_sign_in(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    mallory = await make.customer("mallory")
    ws = await make.socket(mallory)
    await make.message(mallory, "before the ban")

    assert (
        await api.post(f"/admin/users/{mallory.id}/disable", headers=mallory.auth)
    ).status_code == 403
    assert (await api.post("/admin/users/999999999/disable", headers=admin.auth)).status_code == 404
    r = await api.post(f"/admin/users/{mallory.id}/disable", headers=admin.auth)
    assert r.status_code == 204
    assert await ws.closed_with() == 4401
    assert (await api.get("/me", headers=mallory.auth)).status_code == 401
    r = await api.post("/me/chat/messages", json={"body": "after the ban"}, headers=mallory.auth)
    assert r.status_code == 401

    # The right password gets the same answer as a wrong one.
    right = await api.post("/auth/login", json={"username": "mallory", "password": PASSWORD})
    wrong = await api.post(
        "/auth/login", json={"username": "mallory", "password": "wrong password"}
    )
    assert right.status_code == wrong.status_code == 401
    assert right.json() == wrong.json()
    form = await api.post("/auth/token", data={"username": "mallory", "password": PASSWORD})
    assert form.status_code == 401
    # An admin can be disabled too, by another admin.
    other = await make.admin()
    assert (
        await api.post(f"/admin/users/{other.id}/disable", headers=admin.auth)
    ).status_code == 204
    assert (await api.get("/chats", headers=other.auth)).status_code == 401


# --- configuration: secrets, CORS, headers ------------------------------------------------


def _settings_in_subprocess(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("JWT_SECRET", "PARLEY_ENV")}
    return subprocess.run(
        [sys.executable, "-c", "from app.config import Settings; Settings(_env_file=None)"],
        cwd=BACKEND,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_production_refuses_a_missing_or_weak_jwt_secret() -> None:
    for secret in (None, "", "secret", "changeme", "password", "short-but-random-7f3a"):
        env = {"PARLEY_ENV": "production"}
        if secret is not None:
            env["JWT_SECRET"] = secret
        done = _settings_in_subprocess(**env)
        assert done.returncode != 0, secret
        assert "JWT_SECRET" in done.stderr, secret
    assert _settings_in_subprocess(PARLEY_ENV="production", JWT_SECRET="k" * 48).returncode == 0
    # Local development runs with its built-in secret.
    assert _settings_in_subprocess(PARLEY_ENV="local").returncode == 0


@pytest.mark.slow
def test_a_production_server_with_a_weak_secret_does_not_start(database_url: str) -> None:
    srv = Server(database_url, PARLEY_ENV="production", JWT_SECRET="changeme")
    try:
        with pytest.raises(RuntimeError, match="JWT_SECRET"):
            srv.start()
    finally:
        srv.stop()


async def test_cors_answers_allowed_origins_only_and_never_with_a_wildcard(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    ok = await api.options(
        "/me/chat/messages", headers={"Origin": "http://shop.example", **preflight}
    )
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == "http://shop.example"
    assert "access-control-allow-credentials" not in ok.headers
    assert "authorization" in ok.headers["access-control-allow-headers"].lower()

    for origin in (
        "https://evil.example",
        "http://shop.example.evil.example",
        "null",
        "https://shop.example",
    ):
        refused = await api.options("/me/chat/messages", headers={"Origin": origin, **preflight})
        assert refused.status_code == 400, origin
        assert "access-control-allow-origin" not in refused.headers, origin
        simple = await api.get("/me", headers={"Origin": origin, **guest.auth})
        assert "access-control-allow-origin" not in simple.headers, origin

    allowed = await api.get("/me", headers={"Origin": "http://shop.example", **guest.auth})
    assert allowed.headers["access-control-allow-origin"] == "http://shop.example"
    for path in ("/health", "/me", "/chats/1", "/auth/login"):
        r = await api.get(path, headers={"Origin": "http://shop.example"})
        assert r.headers.get("access-control-allow-origin") != "*", path


async def test_security_headers_on_the_api_and_the_admin_panel(
    server: Server, make: Factory
) -> None:
    guest = await make.guest()
    async with httpx.AsyncClient(base_url=server.url) as client:
        responses = {
            "api ok": await client.get("/api/v1/me", headers=guest.auth),
            "api 401": await client.get("/api/v1/me"),
            "api 404": await client.get("/api/v1/nope"),
            "api 422": await client.post("/api/v1/auth/login", json={}),
            "widget": await client.get("/widget.js"),
            "shop": await client.get("/"),
            "admin": await client.get("/admin"),
            "admin deep link": await client.get("/admin/chats/42"),
        }
        for name, r in responses.items():
            assert r.headers["x-content-type-options"] == "nosniff", name
            assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin", name
        for name in ("admin", "admin deep link"):
            r = responses[name]
            csp = r.headers["content-security-policy"]
            directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
            assert directives["frame-ancestors"] == "'none'"
            assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
            assert directives["object-src"] == "'none'"
            assert "unsafe-eval" not in csp and "unsafe-inline" not in directives["script-src"]
            assert r.headers["x-frame-options"] == "DENY"
        for name in ("api ok", "api 401", "api 404", "api 422"):
            assert responses[name].headers["content-type"] == "application/json", name


# --- WebSocket origin (CSWSH) ---------------------------------------------------------------


async def test_sockets_from_look_alike_and_opaque_origins_are_refused(
    server: Server, make: Factory
) -> None:
    host = server.url.removeprefix("http://")
    for origin in (
        "null",  # a sandboxed iframe or a file:// page
        "http://shop.example.evil.example",
        "https://shop.example",  # right host, wrong scheme
        "http://shop.example:8080",
        f"https://{host}",
        f"http://{host}.evil.example",
        "http://127.0.0.1",
    ):
        with pytest.raises(websockets.InvalidStatus) as refused:
            await websockets.connect(server.ws_url, origin=websockets.Origin(origin))
        assert refused.value.response.status_code == 403, origin
    # A token stolen by a foreign page is of no use to it: the upgrade never happens.
    guest = await make.guest()
    ws = await WsClient.connect(server.ws_url, origin=websockets.Origin("http://shop.example/"))
    make.sockets.append(ws)
    assert "result" in await ws.auth(guest.token)


# --- IDOR: chat ids guessed over REST and the socket ---------------------------------------


async def test_customer_walking_chat_ids_learns_nothing_over_rest(
    api: httpx.AsyncClient, make: Factory
) -> None:
    victims = [await make.guest() for _ in range(3)]
    ids = [(await make.message(v, f"secret {i}"))["chat_id"] for i, v in enumerate(victims)]
    mallory = await make.guest()
    own = (await make.message(mallory, "mine"))["chat_id"]
    admin = await make.admin()
    await make.open(admin, ids[0])  # an active chat and waiting ones

    answers: dict[str, set[str]] = {}
    for chat_id in range(max(1, min(ids) - 2), max(own, *ids) + 3):
        for method, path, body in (
            ("GET", f"/chats/{chat_id}", None),
            ("GET", f"/chats/{chat_id}/messages", None),
            ("POST", f"/chats/{chat_id}/messages", {"body": "hi"}),
            ("POST", f"/chats/{chat_id}/read", {"last_read_id": 1}),
            ("POST", f"/chats/{chat_id}/open", None),
        ):
            r = await api.request(method, path, json=body, headers=mallory.auth)
            if chat_id == own and method == "GET":
                assert r.status_code == 200
                continue
            if chat_id == own:
                continue
            answers.setdefault(f"{method} {path.replace(str(chat_id), '{id}')}", set()).add(
                f"{r.status_code} {r.text}"
            )
    for operation, seen in answers.items():
        assert len(seen) == 1, (operation, seen)  # the same answer for every id not hers
        assert seen.pop().split(" ")[0] in ("404", "403"), operation
    for victim, chat_id in zip(victims, ids, strict=True):
        history = (await api.get(f"/chats/{chat_id}/messages", headers=victim.auth)).json()["items"]
        assert all(m["sender"]["id"] == victim.id for m in history)


async def test_customer_walking_chat_ids_learns_nothing_over_the_socket(make: Factory) -> None:
    alice = await make.guest()
    hers = (await make.message(alice, "private"))["chat_id"]
    mallory = await make.guest()
    ws = await make.socket(mallory)
    missing = hers + 10_000
    for method, params in (
        ("message.send", {"body": "hi"}),
        ("chat.read", {"last_read_id": 1}),
        ("typing", {}),
        ("chat.open", {}),
    ):
        exists = await ws.call(method, {"chat_id": hers, **params})
        absent = await ws.call(method, {"chat_id": missing, **params})
        assert "error" in exists and exists["error"] == absent["error"], method
    alice_ws = await make.socket(alice)
    await ws.call("typing", {"chat_id": hers})
    await alice_ws.no_event("typing")


async def test_a_customer_cannot_reach_admin_operations(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    assert (await api.get("/chats", headers=guest.auth)).status_code == 403
    r = await api.post(
        "/admin/users",
        json={"username": "sneaky", "password": PASSWORD, "role": "admin"},
        headers=guest.auth,
    )
    assert r.status_code == 403
    assert (
        await api.post("/auth/login", json={"username": "sneaky", "password": PASSWORD})
    ).status_code == 401


# --- mass assignment --------------------------------------------------------------------------


async def test_fields_that_could_carry_privilege_are_refused_everywhere(
    api: httpx.AsyncClient,
    make: Factory,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    guest = await make.guest()
    admin = await make.admin()
    chat_id = (await make.message(guest, "hello"))["chat_id"]
    cases: list[tuple[str, dict[str, Any], Actor | None]] = [
        ("/auth/register", {"username": "eve1", "password": PASSWORD, "is_guest": True}, None),
        ("/auth/register", {"username": "eve2", "password": PASSWORD, "id": 1}, None),
        ("/auth/register", {"username": "eve3", "password": PASSWORD, "token_version": 9}, None),
        ("/auth/register", {"username": "eve4", "password": PASSWORD, "external_id": "42"}, None),
        ("/auth/guest", {"role": "admin"}, None),
        ("/auth/guest", {"display_name": "x", "username": "admin"}, None),
        ("/auth/login", {"username": "eve", "password": PASSWORD, "role": "admin"}, None),
        ("/me/chat/messages", {"body": "x", "chat_id": chat_id + 1}, guest),
        ("/me/chat/messages", {"body": "x", "created_at": "2000-01-01T00:00:00Z"}, guest),
        ("/me/chat/messages", {"body": "x", "id": 1}, guest),
        (f"/chats/{chat_id}/messages", {"body": "x", "sender_id": admin.id}, guest),
        (f"/chats/{chat_id}/messages", {"body": "x", "chat_id": chat_id + 1}, guest),
        (f"/chats/{chat_id}/read", {"last_read_id": 1, "user_id": admin.id}, guest),
        (
            "/admin/users",
            {"username": "eve5", "password": PASSWORD, "role": "admin", "token_version": 3},
            admin,
        ),
        ("/admin/users", {"username": "eve6", "password": PASSWORD, "role": "root"}, admin),
        (
            "/admin/users",
            {"username": "eve7", "password": PASSWORD, "role": "admin", "disabled_at": None},
            admin,
        ),
    ]
    for path, body, actor in cases:
        r = await api.post(path, json=body, headers=actor.auth if actor else {})
        assert r.status_code == 422, (path, body)
    assert row(sql, "SELECT id FROM users WHERE username LIKE 'eve%%'") is None
    history = (await api.get(f"/chats/{chat_id}/messages", headers=guest.auth)).json()["items"]
    assert [m["body"] for m in history] == ["hello"]
    # A query string is no way in either.
    r = await api.post(
        f"/me/chat/messages?sender_id={admin.id}&chat_id={chat_id + 1}",
        json={"body": "q"},
        headers=guest.auth,
    )
    assert r.status_code == 201
    assert r.json()["sender"]["id"] == guest.id and r.json()["chat_id"] == chat_id


# --- brute force --------------------------------------------------------------------------------


async def test_password_spraying_from_one_address_is_limited(
    api: httpx.AsyncClient, make: Factory
) -> None:
    """Thirty failures across any usernames, then even a right password waits."""
    real = await make.customer()
    for i in range(30):
        r = await api.post(
            "/auth/login", json={"username": f"victim{i}", "password": "Winter2026!"}
        )
        assert r.status_code == 401
    r = await api.post(
        "/auth/login", json={"username": real.user["username"], "password": PASSWORD}
    )
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


async def test_other_spellings_of_a_username_share_its_failure_limit(
    api: httpx.AsyncClient, make: Factory
) -> None:
    await make.customer("frank")
    for _ in range(5):
        assert (
            await api.post("/auth/login", json={"username": "frank", "password": "guess guess"})
        ).status_code == 401
    for spelling in ("frank", "FRANK", "frank ", "fränk"):
        r = await api.post("/auth/login", json={"username": spelling, "password": "guess again"})
        assert r.status_code == 429, spelling


async def test_guessing_the_current_password_with_a_stolen_token_is_limited(
    api: httpx.AsyncClient, make: Factory
) -> None:
    victim = await make.customer()
    for i in range(5):
        r = await api.post(
            "/me/password",
            json={"current_password": f"guess {i} guess", "new_password": "taken over!"},
            headers=victim.auth,
        )
        assert r.status_code == 401
    r = await api.post(
        "/me/password",
        json={"current_password": PASSWORD, "new_password": "taken over!"},
        headers=victim.auth,
    )
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert (await api.get("/me", headers=victim.auth)).status_code == 200


async def test_sign_up_is_limited_per_address(api: httpx.AsyncClient) -> None:
    statuses = [
        (
            await api.post("/auth/register", json={"username": f"bulk{i}", "password": PASSWORD})
        ).status_code
        for i in range(21)
    ]
    assert statuses[:20] == [201] * 20 and statuses[20] == 429
    async with httpx.AsyncClient(
        base_url=str(api.base_url), headers={"X-Forwarded-For": random_ip()}
    ) as other:
        assert (
            await other.post("/auth/register", json={"username": "bulk99", "password": PASSWORD})
        ).status_code == 201


# --- floods, oversized and malformed frames -------------------------------------------------


async def _next_second() -> None:
    """Frames are counted per whole second of the (machine-wide) monotonic clock."""
    await asyncio.sleep(1.02 - time.monotonic() % 1)


async def test_frame_flood_gets_4029_then_the_socket_is_closed_with_1008(make: Factory) -> None:
    guest = await make.guest()
    ws = await make.socket(guest)
    await _next_second()
    for i in range(40):  # twice the 20 frames a second allowed
        await ws.send_raw(json.dumps({"id": i, "method": "ping", "params": {}}))
    replies = [await ws.reply_to(i) for i in range(40)]
    limited = [r for r in replies if "error" in r]
    assert [r["error"]["code"] for r in limited] == [4029] * 20
    assert all(r["error"]["data"]["retry_after"] >= 1 for r in limited)
    assert all("result" in r for r in replies[:20])

    await _next_second()
    for i in range(250):  # far over: the socket is dropped
        await ws.send_raw(json.dumps({"id": 100 + i, "method": "ping", "params": {}}))
    assert await ws.closed_with() == 1008
    # The flood cost the visitor their socket, not their account.
    again = await make.socket(guest)
    assert await still_open(again)


async def test_oversized_frames_are_refused_without_harm(make: Factory) -> None:
    guest = await make.guest()
    ws = await make.socket(guest)
    big = json.dumps({"id": 1, "method": "message.send", "params": {"body": "x" * (64 * 1024)}})
    await ws.send_raw(big)
    reply = json.loads(await asyncio.wait_for(ws.conn.recv(), 5))
    assert reply["error"]["code"] == 4013
    assert await still_open(ws)
    assert (await ws.call("message.send", {"body": "y" * 4001}))["error"]["code"] == -32602

    first = await make.socket()
    await first.send_raw(
        json.dumps({"id": 1, "method": "auth", "params": {"token": "t" * (65 * 1024)}})
    )
    assert await first.closed_with() == 4401


async def test_malformed_frames_get_error_replies_and_the_socket_lives_on(make: Factory) -> None:
    guest = await make.guest()
    ws = await make.socket(guest)
    cases: list[tuple[str | bytes, int]] = [
        (b"\xff\xfe\x00garbage", -32700),  # a binary frame that is not UTF-8
        ("[" * 50_000, -32700),  # nesting bomb, under the size limit
        ('{"id": 1, "method": "ping", "params": {}', -32700),
        ("null", -32600),
        ('{"id": true, "method": "ping"}', -32600),
        ('{"id": {"x": 1}, "method": "ping"}', -32600),
        ('{"id": 1, "method": 7}', -32600),
        ('{"id": 1, "method": "ping", "params": [1, 2]}', -32602),
        ('{"id": 1, "method": "message.send", "params": {"body": 12}}', -32602),
        (
            '{"id": 1, "method": "message.send", "params": {"body": "x", "chat_id": "1 OR 1=1"}}',
            -32602,
        ),
        ('{"id": 1, "method": "chat.read", "params": {"chat_id": 1, "last_read_id": -5}}', -32602),
        ('{"id": 1, "method": "auth", "params": {"token": "again"}}', -32600),
        ('{"id": 1, "method": "__init__"}', -32601),
    ]
    for text, code in cases:
        await ws.send_raw(text)
        frame = json.loads(await asyncio.wait_for(ws.conn.recv(), 5))
        assert frame["error"]["code"] == code, text[:40]
        assert isinstance(frame["error"]["message"], str)
    assert await still_open(ws)


# --- SQL metacharacters and script payloads ------------------------------------------------

SQL_PAYLOADS = [
    "' OR '1'='1",
    '"; DROP TABLE users; --',
    "1; SELECT SLEEP(3)",
    "' OR SLEEP(3)-- ",
    "\\' OR 1=1 #",
    "%_% LIKE '%'",
    "admin'/*",
    "`users`",
    "nul\x00byte",
    "💥' UNION SELECT password_hash FROM users -- ",
]
SCRIPT_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(document.cookie)">',
    "</textarea><svg/onload=alert(1)>",
    "javascript:alert(1)",
    "{{constructor.constructor('alert(1)')()}}",
    "&lt;b&gt; &amp; \u202eevil",
]


async def test_sql_metacharacters_are_stored_literally_and_cost_no_time(
    api: httpx.AsyncClient,
    make: Factory,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    users_before = row(sql, "SELECT COUNT(*) AS n FROM users")
    for i, payload in enumerate(SQL_PAYLOADS):
        started = time.monotonic()
        name = payload[:64]
        guest = await api.post("/auth/guest", json={"display_name": name})
        assert guest.status_code == 201 and guest.json()["user"]["display_name"] == name.strip()
        token = bearer(guest.json()["access_token"])
        sent = await api.post(
            "/me/chat/messages",
            json={"body": payload, "client_msg_id": payload[:64]},
            headers=token,
        )
        assert sent.status_code == 201, payload
        assert (
            sent.json()["body"] == payload.strip() and sent.json()["client_msg_id"] == payload[:64]
        )
        stored = row(
            sql, "SELECT body, client_msg_id FROM messages WHERE id = %s", sent.json()["id"]
        )
        assert stored == {"body": payload.strip(), "client_msg_id": payload[:64]}
        again = await api.post(
            "/me/chat/messages", json={"body": "dup", "client_msg_id": payload[:64]}, headers=token
        )
        assert again.status_code == 200 and again.json()["id"] == sent.json()["id"]

        reg = await api.post(
            "/auth/register",
            json={"username": f"sqli{i}", "password": f"{payload}-pw-{i}", "display_name": name},
        )
        assert reg.status_code == 201 and reg.json()["display_name"] == name.strip()
        ok = await api.post(
            "/auth/login", json={"username": f"sqli{i}", "password": f"{payload}-pw-{i}"}
        )
        assert ok.status_code == 200
        # As a username, every payload is just an unknown name (and an invalid one to register).
        assert (
            await api.post("/auth/login", json={"username": payload, "password": payload})
        ).status_code == 401
        assert (
            await api.post("/auth/register", json={"username": payload, "password": PASSWORD})
        ).status_code == 422
        assert (await api.get(f"/chats/{quote(payload, safe='')}", headers=token)).status_code in (
            404,
            422,
        )
        assert time.monotonic() - started < 2.5, f"{payload!r} took too long: injected SLEEP?"
    # Nothing was dropped, and every row is where it should be.
    assert row(sql, "SELECT COUNT(*) AS n FROM users")["n"] == users_before["n"] + 2 * len(
        SQL_PAYLOADS
    )  # type: ignore[index]
    admin = await make.admin()
    listed = await api.get("/chats", params={"before": "1 OR 1=1"}, headers=admin.auth)
    assert listed.status_code == 422


async def test_script_payloads_come_back_verbatim_as_json_strings(
    api: httpx.AsyncClient, make: Factory, server: Server
) -> None:
    admin = await make.admin()
    admin_ws = await make.socket(admin)
    for payload in SCRIPT_PAYLOADS:
        guest = await make.guest(payload)
        assert guest.user["display_name"] == payload.strip()
        r = await api.post("/me/chat/messages", json={"body": payload}, headers=guest.auth)
        assert r.headers["content-type"] == "application/json"
        assert r.json()["body"] == payload and r.json()["sender"]["display_name"] == payload.strip()
        # The raw bytes are a JSON string, not markup: no "<" unescaped into HTML context.
        assert r.headers["content-type"] != "text/html"
        event = await admin_ws.event("message.new")
        assert event["message"]["body"] == payload
        assert event["message"]["sender"]["display_name"] == payload.strip()
        waiting = (await api.get("/chats", params={"scope": "waiting"}, headers=admin.auth)).json()
        assert waiting["items"][0]["customer"]["display_name"] == payload.strip()

    named = await api.post(
        "/admin/users",
        json={
            "username": "xss_admin",
            "password": PASSWORD,
            "role": "admin",
            "display_name": SCRIPT_PAYLOADS[1],
        },
        headers=admin.auth,
    )
    assert named.status_code == 201 and named.json()["display_name"] == SCRIPT_PAYLOADS[1]
    # Errors that echo input are JSON too, and the panel never reflects a path into its page.
    r = await api.get("/chats/<script>alert(1)</script>", headers=admin.auth)
    assert r.headers["content-type"] == "application/json"
    async with httpx.AsyncClient(base_url=server.url) as client:
        page = await client.get("/admin/%3Cscript%3Ealert(1)%3C/script%3E")
        assert "<script>alert(1)</script>" not in page.text
        assert page.headers["content-type"].startswith("text/html")
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_bodies_that_are_not_json_or_not_utf8_are_422(
    api: httpx.AsyncClient, make: Factory
) -> None:
    guest = await make.guest()
    json_type = {"content-type": "application/json"}
    for path, auth in (("/auth/guest", {}), ("/auth/login", {}), ("/me/chat/messages", guest.auth)):
        for raw in (b"\xff\xfe\xfd", b"{not json", b'{"body": "x"' + b" " * 10, b"[]", b'"str"'):
            r = await api.post(path, content=raw, headers={**json_type, **auth})
            assert r.status_code == 422, (path, raw)
            assert r.headers["content-type"] == "application/json"
            assert isinstance(r.json()["detail"], list)


async def test_lone_surrogates_are_refused_not_a_server_error(
    api: httpx.AsyncClient, make: Factory
) -> None:
    """JSON may escape half of a UTF-16 pair; such text cannot be stored as utf8mb4."""
    guest = await make.guest()
    json_type = {"content-type": "application/json"}
    for path, raw, auth in (
        ("/me/chat/messages", b'{"body": "a\\ud800b"}', guest.auth),
        ("/me/chat/messages", b'{"body": "x", "client_msg_id": "\\udfff"}', guest.auth),
        ("/auth/guest", b'{"display_name": "\\ud83d"}', {}),
        ("/auth/login", b'{"username": "\\ud800", "password": "\\ud800"}', {}),
        ("/auth/identify", b'{"external_id": "\\ud800", "hash": "00"}', {}),
    ):
        r = await api.post(path, content=raw, headers={**json_type, **auth})
        assert r.status_code in (401, 422), (path, r.status_code, r.text)
    ws = await make.socket(guest)
    await ws.send_raw('{"id": 1, "method": "message.send", "params": {"body": "a\\ud800b"}}')
    frame = json.loads(await asyncio.wait_for(ws.conn.recv(), 5))
    assert frame["error"]["code"] in (-32700, -32602)
    assert await still_open(ws)
