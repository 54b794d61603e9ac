"""Sign-up, sign-in, guests, tokens and sign-in limits."""

from __future__ import annotations

import base64
import json
import time

import httpx
from jose import jwt

from tests.factories import PASSWORD, Factory
from tests.servers import TEST_ENV


async def test_register_creates_a_customer(api: httpx.AsyncClient) -> None:
    r = await api.post(
        "/auth/register",
        json={"username": "ann.k-1_x", "password": "long enough", "display_name": "Ann"},
    )
    assert r.status_code == 201
    assert r.json() == {
        "id": r.json()["id"],
        "username": "ann.k-1_x",
        "display_name": "Ann",
        "role": "customer",
        "is_guest": False,
    }


async def test_register_refuses_a_taken_username_whatever_its_case(api: httpx.AsyncClient) -> None:
    assert (
        await api.post("/auth/register", json={"username": "Bob", "password": PASSWORD})
    ).status_code == 201
    r = await api.post("/auth/register", json={"username": "bOB", "password": PASSWORD})
    assert r.status_code == 409
    assert "taken" in r.json()["detail"]


async def test_register_validates_username_and_password(api: httpx.AsyncClient) -> None:
    for body in (
        {"username": "ab", "password": PASSWORD},
        {"username": "has space", "password": PASSWORD},
        {"username": "x" * 33, "password": PASSWORD},
        {"username": "valid", "password": "short"},
        {"username": "valid", "password": "p" * 129},
        {"username": "valid", "password": PASSWORD, "role": "admin"},
    ):
        r = await api.post("/auth/register", json=body)
        assert r.status_code == 422, body
        assert r.json()["detail"]


async def test_login_returns_a_bearer_token_for_me(api: httpx.AsyncClient, make: Factory) -> None:
    await make.customer("carol")
    r = await api.post("/auth/login", json={"username": "CAROL", "password": PASSWORD})
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0
    assert body["user"]["username"] == "carol"
    me = await api.get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.json() == body["user"]


async def test_login_gives_the_same_401_for_unknown_user_and_wrong_password(
    api: httpx.AsyncClient, make: Factory
) -> None:
    await make.customer("dave")
    wrong = await api.post("/auth/login", json={"username": "dave", "password": "wrong password"})
    unknown = await api.post(
        "/auth/login", json={"username": "nobody", "password": "wrong password"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


async def test_oauth2_form_login_works_for_the_docs_authorize_button(
    api: httpx.AsyncClient, make: Factory
) -> None:
    await make.customer("erin")
    r = await api.post("/auth/token", data={"username": "erin", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["user"]["username"] == "erin"
    bad = await api.post("/auth/token", data={"username": "erin", "password": "nope nope"})
    assert bad.status_code == 401


async def test_guest_is_an_anonymous_customer(api: httpx.AsyncClient) -> None:
    r = await api.post("/auth/guest", json={"display_name": "  Visitor from Oslo "})
    assert r.status_code == 201
    user = r.json()["user"]
    assert user["is_guest"] is True and user["role"] == "customer" and user["username"] is None
    assert user["display_name"] == "Visitor from Oslo"
    no_body = await api.post("/auth/guest")
    assert no_body.status_code == 201


async def test_me_requires_a_valid_token(api: httpx.AsyncClient) -> None:
    assert (await api.get("/me")).status_code == 401
    assert (await api.get("/me", headers={"Authorization": "Bearer nonsense"})).status_code == 401


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def test_forged_alg_none_token_is_refused(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    now = int(time.time())
    forged = ".".join(
        [
            _b64({"alg": "none", "typ": "JWT"}),
            _b64({"sub": str(admin.id), "ver": 0, "iat": now, "exp": now + 60}),
            "",
        ]
    )
    r = await api.get("/me", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401


async def test_token_signed_with_another_secret_or_expired_is_refused(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    now = int(time.time())
    claims = {"sub": str(admin.id), "ver": 0, "iat": now, "exp": now + 60}
    other = jwt.encode(claims, "another-secret-another-secret-another", algorithm="HS256")
    assert (await api.get("/me", headers={"Authorization": f"Bearer {other}"})).status_code == 401
    expired = jwt.encode(
        {**claims, "iat": now - 120, "exp": now - 60}, TEST_ENV["JWT_SECRET"], algorithm="HS256"
    )
    assert (await api.get("/me", headers={"Authorization": f"Bearer {expired}"})).status_code == 401
    no_exp = jwt.encode(
        {"sub": str(admin.id), "ver": 0, "iat": now}, TEST_ENV["JWT_SECRET"], algorithm="HS256"
    )
    assert (await api.get("/me", headers={"Authorization": f"Bearer {no_exp}"})).status_code == 401
    good = jwt.encode(claims, TEST_ENV["JWT_SECRET"], algorithm="HS256")
    assert (await api.get("/me", headers={"Authorization": f"Bearer {good}"})).status_code == 200


async def test_repeated_failed_logins_are_limited_with_retry_after(
    api: httpx.AsyncClient, make: Factory
) -> None:
    await make.customer("frank")
    for _ in range(5):
        r = await api.post("/auth/login", json={"username": "frank", "password": "guess guess"})
        assert r.status_code == 401
    limited = await api.post("/auth/login", json={"username": "frank", "password": PASSWORD})
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1


async def test_someone_elses_failed_logins_do_not_lock_the_real_user_out(
    api: httpx.AsyncClient, server: object, make: Factory
) -> None:
    await make.customer("grace")
    for _ in range(8):
        await api.post("/auth/login", json={"username": "grace", "password": "guess guess"})
    async with httpx.AsyncClient(
        base_url=str(api.base_url), headers={"X-Forwarded-For": "2001:db8::1:1"}
    ) as own_device:
        r = await own_device.post("/auth/login", json={"username": "grace", "password": PASSWORD})
    assert r.status_code == 200


async def test_guest_creation_is_limited_per_address(api: httpx.AsyncClient) -> None:
    statuses = [(await api.post("/auth/guest", json={})).status_code for _ in range(21)]
    assert statuses[:20] == [201] * 20
    assert statuses[20] == 429
