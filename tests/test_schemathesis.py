"""Property-based tests of the REST API against its own OpenAPI schema (schemathesis).

Every operation is called with generated valid and invalid input, as an admin and as a customer:
no response may be a 5xx, every status, header and body must match what /openapi.json declares,
and invalid input must be refused with a 4xx.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pymysql
import pytest
import schemathesis
from app.config import Settings
from app.main import create_app
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.conftest import random_ip
from tests.factories import _PASSWORD_HASH, PASSWORD
from tests.servers import TEST_ENV, Server

pytestmark = pytest.mark.slow

# Enough to reach every validation branch of every operation, small enough for a quick suite;
# PARLEY_FUZZ_EXAMPLES=200 PARLEY_FUZZ_SEED=random digs deeper (a nightly or a manual run).
MAX_EXAMPLES = int(os.environ.get("PARLEY_FUZZ_EXAMPLES", "8"))
DERANDOMIZE = os.environ.get("PARLEY_FUZZ_SEED", "fixed") == "fixed"


class Identities:
    """An admin and a customer who owns a chat, with fresh tokens for each generated case:
    a case may call /auth/logout-all or /me/password and so revoke the token it was given."""

    def __init__(self, server: Server, sql: pymysql.Connection) -> None:  # type: ignore[type-arg]
        self.base_url = server.url
        self.http = httpx.Client(base_url=server.url + "/api/v1", timeout=10)
        stamp = datetime.now(UTC).strftime("%H%M%S%f")
        self.admin_name, self.customer_name = f"fuzzadmin{stamp}", f"fuzzcust{stamp}"
        with sql.cursor() as cur:
            cur.execute(
                "INSERT INTO users (username, password_hash, display_name, role, created_at) "
                "VALUES (%s, %s, 'Fuzz Admin', 'admin', %s)",
                (self.admin_name, _PASSWORD_HASH, datetime.now(UTC)),
            )
        r = self.http.post(
            "/auth/register",
            json={"username": self.customer_name, "password": PASSWORD},
            headers={"X-Forwarded-For": random_ip()},
        )
        assert r.status_code == 201, r.text
        self.own_ids = {self.login(self.admin_name)[1], self.login(self.customer_name)[1]}
        customer_token = self.login(self.customer_name)[0]
        sent = self.http.post(
            "/me/chat/messages",
            json={"body": "a chat to aim at"},
            headers={"Authorization": f"Bearer {customer_token}"},
        )
        assert sent.status_code == 201, sent.text

    def login(self, username: str) -> tuple[str, int]:
        r = self.http.post(
            "/auth/login",
            json={"username": username, "password": PASSWORD},
            headers={"X-Forwarded-For": random_ip()},
        )
        assert r.status_code == 200, r.text
        return r.json()["access_token"], r.json()["user"]["id"]

    def headers(self, role: str) -> dict[str, str]:
        token, _ = self.login(self.admin_name if role == "admin" else self.customer_name)
        # A new client address per case: the per-address sign-up limits are tested elsewhere.
        return {"Authorization": f"Bearer {token}", "X-Forwarded-For": random_ip()}


@pytest.fixture
def identities(server: Server, sql: pymysql.Connection) -> Iterator[Identities]:  # type: ignore[type-arg]
    ids = Identities(server, sql)
    yield ids
    ids.http.close()


def _spec() -> dict[str, Any]:
    """The schema the app serves at /openapi.json (checked below to be the served one).
    Built at import, because a pytest-lazy schema cannot follow the session's server fixture."""
    app = create_app(Settings(_env_file=None, jwt_secret=TEST_ENV["JWT_SECRET"]))
    return app.openapi()


SPEC = _spec()
schema = schemathesis.openapi.from_dict(SPEC)
# The Authorization header is ours (a fresh token per case), not a generated parameter: a
# negative case that "drops" it would still be sent signed in. The `ignored_auth` check
# still sends every secured operation without it and expects 401.
schema.config.generation.update(max_examples=MAX_EXAMPLES, with_security_parameters=False)

FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=DERANDOMIZE,
    database=None,
)


# A webhook URL that is well formed can still be refused with a 422 because its host is private
# or does not resolve: a rule about the network, which no schema can state.
NETWORK_JUDGED = {
    ("POST", "/api/v1/admin/webhooks"),
    ("PATCH", "/api/v1/admin/webhooks/{endpoint_id}"),
}

# A report's range has rules across its parameters (from <= to, at most 366 days, a real
# date, a known zone) that OpenAPI cannot state: a well-formed request may still be a 422.
CROSS_FIELD_RULES = {"/api/v1/admin/reports", "/api/v1/admin/reports/chats.csv"}


def _call(case: Any, ids: Identities, role: str) -> None:
    if case.path_parameters and case.path_parameters.get("user_id") in ids.own_ids:
        # Disabling the fuzzing identities themselves would only end the run early.
        case.path_parameters["user_id"] = 2**62
    excluded = [positive_data_acceptance] if (case.method, case.path) in NETWORK_JUDGED else []
    if case.path == "/api/v1/uploads":
        # A raw upload's validity is its bytes' type (JPEG, PDF, ...), which no JSON schema
        # can say: most generated bodies are rightly a 415 or 422.
        excluded.append(positive_data_acceptance)
    if isinstance(case.body, dict) and case.body.get("attachment_ids"):
        # Well-formed ids are still a 422 unless they name the caller's own unsent uploads: a
        # fact of the database, not of the schema (tests/test_attachments.py covers it).
        excluded.append(positive_data_acceptance)
    if case.path in CROSS_FIELD_RULES:
        excluded.append(positive_data_acceptance)
    case.call_and_validate(
        base_url=ids.base_url, headers=ids.headers(role), excluded_checks=excluded
    )


@schema.parametrize()
@FUZZ
def test_api_conforms_to_its_schema_as_an_admin(case: Any, identities: Identities) -> None:
    _call(case, identities, "admin")


@schema.parametrize()
@FUZZ
def test_api_conforms_to_its_schema_as_a_customer(case: Any, identities: Identities) -> None:
    _call(case, identities, "customer")


def test_schema_declares_bearer_auth_on_every_signed_in_operation(server: Server) -> None:
    spec = httpx.get(server.url + "/openapi.json").json()
    assert spec == SPEC
    schemes = spec["components"]["securitySchemes"]
    assert schemes["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["HTTPBearer"]["description"],
    }
    public = {
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/token",
        "/api/v1/auth/guest",
        "/api/v1/auth/identify",
        "/api/v1/health",
        # Asked by the widget's loader on every page view, before anyone signs in.
        "/api/v1/widget/config",
        # Signed links (`<img src>`, downloads): a bearer is optional, and every refusal is 404.
        "/api/v1/attachments/{attachment_id}",
        "/api/v1/attachments/{attachment_id}/thumbnail",
    }
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            secured = bool(operation.get("security"))
            assert secured == (path not in public), (method, path)
            if secured:
                assert "401" in operation["responses"], (method, path)
                # ... and the server enforces what the schema declares.
                url = server.url + path.replace("{chat_id}", "1").replace("{user_id}", "1")
                r = httpx.request(method, url, json={})
                assert r.status_code == 401, (method, path)
                assert r.headers["www-authenticate"] == "Bearer"
