"""Webhooks through the outbox: endpoints managed by admins, events POSTed signed (Standard
Webhooks) to real HTTP receivers on loopback ports, retries, dead rows, Retry, SSRF refusals."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pymysql
import pytest
from app.config import DatabaseParams
from app.manage import connect, create_database, drop_database, migrate

from tests.conftest import random_ip
from tests.factories import Actor, Factory
from tests.receivers import WebhookReceiver, verify, wait_for
from tests.servers import Server, new_database_url

ALL_EVENTS = ["chat.created", "message.created", "chat.assigned", "chat.resolved", "chat.rated"]
# Three attempts a few tenths of a second apart, then dead.
HOOK_ENV = {
    "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
    "OUTBOX_RETRY_SCHEDULE": "0.3,0.3",
    "OUTBOX_POLL_SECONDS": "0.2",
    "RATE_LIMITS": "off",
}


@pytest.fixture(scope="module")
def hook_db() -> Iterator[str]:
    url = new_database_url("parley_hooks")
    create_database(DatabaseParams(url))
    migrate(url)
    yield url
    drop_database(DatabaseParams(url))


@pytest.fixture(scope="module")
def hook_server(hook_db: str) -> Iterator[Server]:
    srv = Server(hook_db, **HOOK_ENV).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def hook_sql(hook_db: str) -> Iterator[pymysql.Connection]:  # type: ignore[type-arg]
    conn = connect(DatabaseParams(hook_db), autocommit=True, cursorclass=pymysql.cursors.DictCursor)
    yield conn
    conn.close()


@pytest.fixture
async def hooks(
    hook_server: Server,
    hook_sql: pymysql.Connection,  # type: ignore[type-arg]
) -> AsyncIterator[Factory]:
    async with httpx.AsyncClient(
        base_url=hook_server.url + "/api/v1", headers={"X-Forwarded-For": random_ip()}, timeout=15
    ) as client:
        factory = Factory(client, hook_server, hook_sql)
        yield factory
        for ws in factory.sockets:
            await ws.close()
    with hook_sql.cursor() as cur:
        for table in ("outbox", "webhook_endpoints", "messages", "chats", "users"):
            cur.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    rx = WebhookReceiver().start()
    yield rx
    rx.stop()


async def _endpoint(
    f: Factory, admin: Actor, url: str, events: list[str] | None = None
) -> dict[str, Any]:
    r = await f.api.post(
        "/admin/webhooks", json={"url": url, "events": events or ALL_EVENTS}, headers=admin.auth
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _deliveries(f: Factory, admin: Actor, endpoint_id: int) -> list[dict[str, Any]]:
    r = await f.api.get(f"/admin/webhooks/{endpoint_id}/deliveries", headers=admin.auth)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def _settled(f: Factory, admin: Actor, endpoint_id: int, count: int) -> list[dict[str, Any]]:
    """The delivery log once `count` deliveries are no longer pending (10 s at most)."""
    deadline = asyncio.get_running_loop().time() + 10
    while True:
        log = await _deliveries(f, admin, endpoint_id)
        done = [d for d in log if d["status"] != "pending"]
        if len(done) >= count or asyncio.get_running_loop().time() > deadline:
            return log
        await asyncio.sleep(0.05)


async def test_chat_events_arrive_signed_in_order_and_a_note_never_leaves(
    hooks: Factory, receiver: WebhookReceiver
) -> None:
    admin = await hooks.admin()
    hook = await _endpoint(hooks, admin, receiver.url("/all"))
    assert hook["secret"].startswith("whsec_") and hook["enabled"] is True
    guest = await hooks.guest("Mina")
    first = await hooks.message(guest, "my parcel is late")
    chat_id = first["chat_id"]
    await hooks.open(admin, chat_id)
    await hooks.note(admin, chat_id, "internal: VIP customer, refund quietly")
    await hooks.reply(admin, chat_id, "sorry, on it")
    await hooks.resolve(admin, chat_id)

    hits = await wait_for(lambda: len(receiver.on("/all")) >= 5 and receiver.on("/all"))
    await hooks.api.get("/health")  # a moment for anything that should not come
    types = [h.json["type"] for h in receiver.on("/all")]
    assert sorted(types) == sorted(
        ["chat.created", "message.created", "chat.assigned", "message.created", "chat.resolved"]
    )
    for hit in hits:
        assert verify(hook["secret"], hit), hit.headers
        assert hit.headers["content-type"] == "application/json"
        assert hit.json["data"]["chat"]["id"] == chat_id
        assert "internal" not in hit.body.decode()
    messages = [h.json["data"]["message"] for h in hits if h.json["type"] == "message.created"]
    bodies = [m["body"] for m in messages]
    assert sorted(bodies) == ["my parcel is late", "sorry, on it"]
    resolved = next(h for h in hits if h.json["type"] == "chat.resolved")
    assert resolved.json["data"]["chat"]["status"] == "resolved"
    # A tampered body does not verify.
    forged = type(hits[0])(hits[0].path, hits[0].headers, hits[0].body + b" ")
    assert not verify(hook["secret"], forged)

    # An attempt is settled just after its receiver answered: the log catches up a moment later.
    log = await _settled(hooks, admin, hook["id"], count=5)
    assert len(log) == 5 and all(d["status"] == "delivered" for d in log)
    assert all(d["response_status"] == 204 and d["attempts"] == 1 for d in log)
    assert {d["id"] for d in log} == {h.headers["webhook-id"] for h in hits}


async def test_only_the_events_an_endpoint_lists_reach_it(
    hooks: Factory, receiver: WebhookReceiver
) -> None:
    admin = await hooks.admin()
    await _endpoint(hooks, admin, receiver.url("/msgs"), ["message.created"])
    await _endpoint(hooks, admin, receiver.url("/resolved"), ["chat.resolved"])
    guest = await hooks.guest()
    chat_id = (await hooks.message(guest, "hello"))["chat_id"]
    await hooks.resolve(admin, chat_id)
    await wait_for(lambda: receiver.on("/msgs") and receiver.on("/resolved"))
    assert [h.json["type"] for h in receiver.on("/msgs")] == ["message.created"]
    assert [h.json["type"] for h in receiver.on("/resolved")] == ["chat.resolved"]


async def test_a_burst_that_saturates_the_send_path_delivers_every_message_once(
    hooks: Factory, receiver: WebhookReceiver
) -> None:
    """While sends queue up the workers take only a trickle (services/outbox.py); none is
    lost, none is sent twice, and the rest follow once the burst is over. 80 sockets sending
    at once fill the writer's batches past BUSY_BATCH."""
    admin = await hooks.admin()
    await _endpoint(hooks, admin, receiver.url("/burst"), ["message.created"])
    customers = [await hooks.guest(f"visitor {i}") for i in range(80)]
    for c in customers:
        await hooks.message(c, "hello")
    sockets = [await hooks.socket(c) for c in customers]

    async def burst(ws: Any, n: int) -> list[int]:
        ids = []
        for k in range(5):
            reply = await ws.call("message.send", {"body": f"{n}/{k}"}, timeout=10)
            assert "result" in reply, reply
            ids.append(reply["result"]["message"]["id"])
        return ids

    sent = {
        i
        for ids in await asyncio.gather(*(burst(ws, n) for n, ws in enumerate(sockets)))
        for i in ids
    }
    assert len(sent) == 400
    expected = 480  # the 80 first messages and the burst
    await wait_for(lambda: len(receiver.on("/burst")) >= expected, timeout=30)
    await asyncio.sleep(0.5)  # a moment for a duplicate that should not come
    hits = receiver.on("/burst")
    assert len(hits) == expected
    assert len({h.headers["webhook-id"] for h in hits}) == expected
    assert sent <= {h.json["data"]["message"]["id"] for h in hits}


async def test_a_failing_endpoint_is_retried_with_the_same_id_then_dead_then_retried(
    hooks: Factory, receiver: WebhookReceiver
) -> None:
    admin = await hooks.admin()
    receiver.answers["/down"] = 500
    hook = await _endpoint(hooks, admin, receiver.url("/down"), ["message.created"])
    guest = await hooks.guest()
    # The body is rendered at the first claim and stored for the retries: characters that SQL,
    # JSON and the store's round trip each treat specially come back byte for byte.
    text = "anyone there? \"quoted\" \\ back\\slash ' it's ☕ 🚀 \u2028 \\u0041 </script>"
    sent = await hooks.message(guest, text)

    async def dead() -> list[dict[str, Any]] | None:
        log = await _deliveries(hooks, admin, hook["id"])
        return log if log and log[0]["status"] == "dead" else None

    log = None
    # Two retries 0.3 s apart (with jitter): a deadline in seconds, not a number of polls.
    deadline = asyncio.get_running_loop().time() + 15
    while asyncio.get_running_loop().time() < deadline:
        if log := await dead():
            break
        await asyncio.sleep(0.1)
    assert log is not None, "the delivery never went dead"
    hits = receiver.on("/down")
    # The schedule has two delays: three attempts, one webhook-id, a fresh signature each.
    assert len(hits) == 3
    assert len({h.headers["webhook-id"] for h in hits}) == 1
    assert all(verify(hook["secret"], h) for h in hits)
    assert len({h.body for h in hits}) == 1, "every attempt sends the first one's body"
    data = hits[0].json["data"]
    assert data["message"] == sent and data["message"]["body"] == text
    assert data["chat"]["id"] == sent["chat_id"] and data["chat"]["last_message"] == sent
    assert log[0]["attempts"] == 3 and log[0]["response_status"] == 500
    assert log[0]["last_error"] == "HTTP 500" and log[0]["delivered_at"] is None

    problems = await hooks.api.get("/admin/outbox?status=dead", headers=admin.auth)
    row = next(r for r in problems.json()["items"] if r["kind"] == "webhook")
    assert row["status"] == "dead" and row["attempts"] == 3 and "message.created" in row["summary"]

    receiver.answers["/down"] = 200
    delivery_id = log[0]["id"]
    retry = await hooks.api.post(
        f"/admin/webhooks/{hook['id']}/deliveries/{delivery_id}/retry", headers=admin.auth
    )
    assert retry.status_code == 202, retry.text
    await wait_for(lambda: len(receiver.on("/down")) == 4)
    assert receiver.on("/down")[-1].headers["webhook-id"] == delivery_id

    async def delivered() -> bool:
        return (await _deliveries(hooks, admin, hook["id"]))[0]["status"] == "delivered"

    for _ in range(100):
        if await delivered():
            break
        await hooks.api.get("/health")
    again = await hooks.api.post(
        f"/admin/webhooks/{hook['id']}/deliveries/{delivery_id}/retry", headers=admin.auth
    )
    assert again.status_code == 409
    again = await hooks.api.post(f"/admin/outbox/{row['id']}/retry", headers=admin.auth)
    assert again.status_code == 409
    missing = await hooks.api.post(
        f"/admin/webhooks/{hook['id']}/deliveries/msg_nope/retry", headers=admin.auth
    )
    assert missing.status_code == 404


async def test_a_ping_reaches_an_endpoint_whatever_its_events(
    hooks: Factory, receiver: WebhookReceiver
) -> None:
    admin = await hooks.admin()
    hook = await _endpoint(hooks, admin, receiver.url("/ping"), ["chat.rated"])
    r = await hooks.api.post(f"/admin/webhooks/{hook['id']}/test", headers=admin.auth)
    assert r.status_code == 202
    hit = (await wait_for(lambda: receiver.on("/ping")))[0]
    assert hit.json["type"] == "ping" and verify(hook["secret"], hit)
    assert hit.headers["webhook-id"] == r.json()["id"]
    gone = await hooks.api.post("/admin/webhooks/999999/test", headers=admin.auth)
    assert gone.status_code == 404


async def test_redirects_are_not_followed(hooks: Factory, receiver: WebhookReceiver) -> None:
    admin = await hooks.admin()
    receiver.redirects["/moved"] = receiver.url("/elsewhere")
    hook = await _endpoint(hooks, admin, receiver.url("/moved"), ["message.created"])
    await hooks.message(await hooks.guest(), "hi")
    await wait_for(lambda: receiver.on("/moved"))
    for _ in range(20):
        log = await _deliveries(hooks, admin, hook["id"])
        if log and log[0]["response_status"] == 302:
            break
    assert log[0]["status"] in ("failed", "dead") and log[0]["response_status"] == 302
    assert "redirect" in log[0]["last_error"]
    assert receiver.on("/elsewhere") == []


async def test_the_address_is_checked_again_when_a_delivery_connects(
    hooks: Factory,
    receiver: WebhookReceiver,
    hook_sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    """A URL that was fine when saved but points somewhere refused by the time it is sent
    (what DNS rebinding does) is not reached."""
    admin = await hooks.admin()
    hook = await _endpoint(hooks, admin, receiver.url("/rebind"), ["message.created"])
    with hook_sql.cursor() as cur:
        cur.execute(
            "UPDATE webhook_endpoints SET url = %s WHERE id = %s",
            ("http://10.0.0.1:9/rebind", hook["id"]),
        )
    await hooks.message(await hooks.guest(), "hi")
    for _ in range(50):
        log = await _deliveries(hooks, admin, hook["id"])
        if log and log[0]["last_error"]:
            break
        await hooks.api.get("/health")
    assert log[0]["last_error"].startswith("refused:") and "private" in log[0]["last_error"]


async def test_endpoints_are_listed_without_secret_changed_switched_off_and_deleted(
    hooks: Factory, receiver: WebhookReceiver
) -> None:
    admin = await hooks.admin()
    hook = await _endpoint(hooks, admin, receiver.url("/crud"), ["chat.created"])
    listed = await hooks.api.get("/admin/webhooks", headers=admin.auth)
    assert [h["id"] for h in listed.json()["items"]] == [hook["id"]]
    assert "secret" not in listed.json()["items"][0]
    one = await hooks.api.get(f"/admin/webhooks/{hook['id']}", headers=admin.auth)
    assert one.json()["secret"] == hook["secret"]

    r = await hooks.api.patch(
        f"/admin/webhooks/{hook['id']}",
        json={"enabled": False, "events": ["message.created", "chat.resolved"]},
        headers=admin.auth,
    )
    assert r.status_code == 200, r.text
    assert r.json()["enabled"] is False
    assert r.json()["events"] == ["chat.resolved", "message.created"]
    assert "secret" not in r.json()
    await hooks.message(await hooks.guest(), "nobody should hear this")
    bad = await hooks.api.patch(
        f"/admin/webhooks/{hook['id']}", json={"url": "http://10.1.2.3/"}, headers=admin.auth
    )
    assert bad.status_code == 422
    gone = await hooks.api.patch("/admin/webhooks/999999", json={}, headers=admin.auth)
    assert gone.status_code == 404

    r = await hooks.api.delete(f"/admin/webhooks/{hook['id']}", headers=admin.auth)
    assert r.status_code == 204
    path = f"/admin/webhooks/{hook['id']}"
    assert (await hooks.api.get(path, headers=admin.auth)).status_code == 404
    assert (await hooks.api.delete(path, headers=admin.auth)).status_code == 404
    assert receiver.on("/crud") == []

    customer = await hooks.guest()
    for method, path in (
        ("GET", "/admin/webhooks"),
        ("POST", "/admin/webhooks"),
        ("GET", "/admin/outbox"),
        ("GET", "/admin/mail"),
    ):
        r = await hooks.api.request(
            method, path, json={"url": receiver.url("/x"), "events": []}, headers=customer.auth
        )
        assert r.status_code == 403, (method, path)


REFUSED = {
    "http://10.0.0.1/": "private",
    "http://172.16.5.4/": "private",
    "http://192.168.1.1/": "private",
    "http://169.254.169.254/latest/meta-data/": "link-local",
    "http://100.64.0.1/": "carrier-grade NAT",
    "http://224.0.0.1/": "multicast",
    "http://0.0.0.0/": "unspecified",
    "http://240.0.0.1/": "reserved",
    "http://[fc00::1]/": "private",
    "http://[fe80::1]/": "link-local",
    "http://[::ffff:10.0.0.1]/": "private",
    "http://[::ffff:169.254.169.254]/": "link-local",
    "http://[::]/": "unspecified",
}


async def test_every_non_public_address_class_is_refused_at_save_with_a_reason(
    hooks: Factory,
) -> None:
    admin = await hooks.admin()
    for url, reason in REFUSED.items():
        r = await hooks.api.post(
            "/admin/webhooks", json={"url": url, "events": ["chat.created"]}, headers=admin.auth
        )
        assert r.status_code == 422, url
        assert reason in r.text, (url, r.text)
    long_label = "http://" + "a" * 300 + "/hook"  # the IDNA codec refuses it before any lookup
    for url in (
        "ftp://example.com/",
        "javascript:alert(1)",
        "http://user:pw@127.0.0.1/",
        "x",
        long_label,
    ):
        r = await hooks.api.post(
            "/admin/webhooks", json={"url": url, "events": []}, headers=admin.auth
        )
        assert r.status_code == 422, url
    body = {"url": "http://127.0.0.1:1/", "events": ["nope"]}
    r = await hooks.api.post("/admin/webhooks", json=body, headers=admin.auth)
    assert r.status_code == 422
    assert (await hooks.api.get("/admin/webhooks", headers=admin.auth)).json()["items"] == []


async def test_loopback_and_names_resolving_to_it_are_refused_without_an_allowlist(
    make: Factory,
) -> None:
    """The suite's main server has no WEBHOOK_ALLOWED_NETWORKS."""
    admin = await make.admin()
    for url, reason in (
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://[::1]/hook", "loopback"),
        ("http://[::ffff:127.0.0.1]/hook", "loopback"),
        ("http://localhost/hook", "resolves to"),
    ):
        r = await make.api.post(
            "/admin/webhooks", json={"url": url, "events": ["chat.created"]}, headers=admin.auth
        )
        assert r.status_code == 422, url
        assert reason in r.text, (url, r.text)
