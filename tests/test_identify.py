"""Identified visitors: a host site vouches for its signed-in user with an HMAC of their id."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import httpx
import pymysql
import pytest

from tests.conftest import random_ip
from tests.factories import Factory
from tests.servers import TEST_ENV, Server

SECRET = TEST_ENV["IDENTITY_SECRET"]


def sign(external_id: str, secret: str = SECRET) -> str:
    """What the site owner's server computes (the README shows it in Python and JavaScript)."""
    return hmac.new(secret.encode(), external_id.encode(), hashlib.sha256).hexdigest()


def device(api: httpx.AsyncClient) -> httpx.AsyncClient:
    """Another browser of the same person: its own client address, no shared state."""
    return httpx.AsyncClient(base_url=str(api.base_url), headers={"X-Forwarded-For": random_ip()})


def users_with(sql: pymysql.Connection, external_id: str) -> int:  # type: ignore[type-arg]
    with sql.cursor() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM users WHERE external_id = %s", (external_id,))
        return int(cur.fetchone()["n"])


@pytest.fixture(scope="module")
def server_without_identity(database_url: str) -> Iterator[Server]:
    srv = Server(database_url, IDENTITY_SECRET="").start()
    yield srv
    srv.stop()


async def test_same_person_gets_the_same_customer_and_chat_on_every_device(
    api: httpx.AsyncClient,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    body = {"external_id": "42", "display_name": "Ann", "hash": sign("42")}
    async with device(api) as laptop, device(api) as phone:
        first = await laptop.post("/auth/identify", json=body)
        assert first.status_code == 200
        user = first.json()["user"]
        assert user["role"] == "customer" and user["display_name"] == "Ann"
        assert user["is_guest"] is False and user["username"] is None
        laptop_auth = {"Authorization": f"Bearer {first.json()['access_token']}"}
        sent = await laptop.post(
            "/me/chat/messages", json={"body": "from my laptop"}, headers=laptop_auth
        )
        assert sent.status_code == 201

        second = await phone.post("/auth/identify", json=body)
        assert second.status_code == 200
        assert second.json()["user"] == user
        phone_auth = {"Authorization": f"Bearer {second.json()['access_token']}"}
        chat = (await phone.get("/me/chat", headers=phone_auth)).json()
        assert chat["id"] == sent.json()["chat_id"]
        history = (await phone.get(f"/chats/{chat['id']}/messages", headers=phone_auth)).json()
        assert [m["body"] for m in history["items"]] == ["from my laptop"]
    assert users_with(sql, "42") == 1


async def test_a_new_display_name_from_the_site_is_taken_over(api: httpx.AsyncClient) -> None:
    first = await api.post("/auth/identify", json={"external_id": "u-7", "hash": sign("u-7")})
    assert first.status_code == 200 and first.json()["user"]["display_name"] == "Customer"
    renamed = await api.post(
        "/auth/identify", json={"external_id": "u-7", "display_name": "Boris", "hash": sign("u-7")}
    )
    assert renamed.json()["user"]["id"] == first.json()["user"]["id"]
    assert renamed.json()["user"]["display_name"] == "Boris"


async def test_wrong_hash_is_refused_and_creates_nobody(
    api: httpx.AsyncClient,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    # The hash of someone else's id, a hash made with another secret, and junk.
    for given in (sign("43"), sign("42", "another-secret"), "0" * 64, "not hex at all", "Я" * 64):
        r = await api.post("/auth/identify", json={"external_id": "42", "hash": given})
        assert r.status_code == 401, given
        assert r.json() == {"detail": "identity hash does not match"}
        assert r.headers["content-type"] == "application/json"
    assert users_with(sql, "42") == 0


async def test_hash_is_hex_in_either_case(api: httpx.AsyncClient) -> None:
    r = await api.post("/auth/identify", json={"external_id": "case", "hash": sign("case").upper()})
    assert r.status_code == 200


async def test_a_valid_hash_never_reaches_another_external_id(
    api: httpx.AsyncClient, make: Factory
) -> None:
    """External ids are compared byte for byte: `042` or `４２` is somebody else, and an id
    ending in a space (which MariaDB would compare equal to `42`) is refused outright."""
    ann = (await api.post("/auth/identify", json={"external_id": "42", "hash": sign("42")})).json()
    for other in ("042", "４２", " 42", "42\t"):
        r = await api.post("/auth/identify", json={"external_id": other, "hash": sign(other)})
        assert r.status_code == 200
        assert r.json()["user"]["id"] != ann["user"]["id"], other
    r = await api.post("/auth/identify", json={"external_id": "42 ", "hash": sign("42 ")})
    assert r.status_code == 422
    # A registered user's username is no external id either.
    carol = await make.customer("carol42")
    r = await api.post("/auth/identify", json={"external_id": "carol42", "hash": sign("carol42")})
    assert r.json()["user"]["id"] != carol.id


async def test_identify_refuses_fields_that_could_carry_privilege(api: httpx.AsyncClient) -> None:
    good = {"external_id": "9", "hash": sign("9")}
    for extra in ({"role": "admin"}, {"user_id": 1}, {"is_guest": False}, {"username": "admin"}):
        r = await api.post("/auth/identify", json={**good, **extra})
        assert r.status_code == 422, extra
    for bad in ({"external_id": "", "hash": sign("")}, {"external_id": "9"}, {"hash": sign("9")}):
        assert (await api.post("/auth/identify", json=bad)).status_code == 422


async def test_identify_is_limited_per_address_even_with_wrong_hashes(
    api: httpx.AsyncClient,
) -> None:
    """A hash cannot be brute-forced: every attempt counts, right or wrong."""
    statuses = [
        (
            await api.post("/auth/identify", json={"external_id": "7", "hash": f"{i:064x}"})
        ).status_code
        for i in range(20)
    ]
    assert statuses == [401] * 20
    limited = await api.post("/auth/identify", json={"external_id": "7", "hash": sign("7")})
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1


async def test_a_disabled_identified_customer_cannot_identify_again(
    api: httpx.AsyncClient, make: Factory
) -> None:
    body = {"external_id": "banned", "hash": sign("banned")}
    customer = (await api.post("/auth/identify", json=body)).json()
    admin = await make.admin()
    r = await api.post(f"/admin/users/{customer['user']['id']}/disable", headers=admin.auth)
    assert r.status_code == 204
    token = {"Authorization": f"Bearer {customer['access_token']}"}
    assert (await api.get("/me", headers=token)).status_code == 401
    assert (await api.post("/auth/identify", json=body)).status_code == 401


async def test_without_identity_secret_identify_is_not_found(
    server_without_identity: Server,
) -> None:
    async with httpx.AsyncClient(
        base_url=server_without_identity.url + "/api/v1", headers={"X-Forwarded-For": random_ip()}
    ) as client:
        # Whatever the hash: with no secret there is nothing to check it against.
        for given in (sign("42"), sign("42", ""), ""):
            r = await client.post(
                "/auth/identify", json={"external_id": "42", "hash": given or "x"}
            )
            assert r.status_code == 404
            assert "not enabled" in r.json()["detail"]
        # The widget then falls back to a guest, which still works.
        assert (await client.post("/auth/guest", json={})).status_code == 201
