"""The outbox under faults, each injected for real on a private MariaDB: a process SIGKILLed
between claim and settle, two processes draining one table, MariaDB restarting under the workers.
"""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pymysql
import pytest
from app.config import DatabaseParams
from app.manage import connect, create_database, migrate

from tests.conftest import random_ip
from tests.factories import Actor
from tests.receivers import WebhookReceiver, wait_for
from tests.servers import MariaDBServer, Server

ENV = {
    "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
    "OUTBOX_LEASE_SECONDS": "2",
    "OUTBOX_POLL_SECONDS": "0.2",
    "OUTBOX_RETRY_SCHEDULE": "0.5,0.5,1,1,2,2,2,2",
    "RATE_LIMITS": "off",
    "DB_TIMEOUT_SECONDS": "2",
}


@pytest.fixture(scope="module")
def private_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MariaDBServer]:
    db = MariaDBServer(tmp_path_factory.mktemp("mariadb-outbox")).install().start()
    create_database(DatabaseParams(db.url))
    migrate(db.url)
    yield db
    db.stop()


@pytest.fixture
def db(private_db: MariaDBServer) -> Iterator[MariaDBServer]:
    """The private MariaDB, up again and emptied after the test whatever it did to it."""
    yield private_db
    if private_db.proc is None or private_db.proc.poll() is not None:
        private_db.start()
    conn = _sql(private_db.url)
    with conn.cursor() as cur:
        for table in ("outbox", "webhook_endpoints", "messages", "chats", "users"):
            cur.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
    conn.close()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    rx = WebhookReceiver().start()
    yield rx
    rx.stop()


@pytest.fixture
async def servers() -> AsyncIterator[list[Server]]:
    started: list[Server] = []
    yield started
    for srv in started:
        srv.stop()


def _sql(url: str) -> pymysql.Connection:  # type: ignore[type-arg]
    return connect(DatabaseParams(url), autocommit=True, cursorclass=pymysql.cursors.DictCursor)


def _client(srv: Server) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=srv.url + "/api/v1", headers={"X-Forwarded-For": random_ip()}, timeout=15
    )


async def _admin_and_endpoint(srv: Server, db_url: str, url: str) -> tuple[Actor, int]:
    conn = _sql(db_url)
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO users (username, password_hash, display_name, role, created_at) "
            "VALUES ('boss', %s, 'Boss', 'admin', UTC_TIMESTAMP(6))",
            (_hash(),),
        )
    conn.close()
    async with _client(srv) as c:
        r = await c.post("/auth/login", json={"username": "boss", "password": "pw-for-boss-1"})
        assert r.status_code == 200, r.text
        admin = Actor(r.json()["access_token"], r.json()["user"])
        r = await c.post(
            "/admin/webhooks", json={"url": url, "events": ["message.created"]}, headers=admin.auth
        )
        assert r.status_code == 201, r.text
        return admin, int(r.json()["id"])


def _hash() -> str:
    from tests.factories import _hasher

    return str(_hasher.hash("pw-for-boss-1"))


async def _send(srv: Server, bodies: list[str]) -> list[int]:
    """Each body from a guest of its own; returns the message ids (all committed: 201)."""
    async with _client(srv) as c:

        async def one(body: str) -> int:
            g = await c.post("/auth/guest", json={})
            token = g.json()["access_token"]
            r = await c.post(
                "/me/chat/messages",
                json={"body": body},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert r.status_code == 201, r.text
            return int(r.json()["id"])

        return list(await asyncio.gather(*(one(b) for b in bodies)))


def _message_ids(db_url: str) -> list[int]:
    conn = _sql(db_url)
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM messages ORDER BY id")
        ids = [int(r["id"]) for r in cur.fetchall()]
    conn.close()
    return ids


def _rows(db_url: str) -> list[dict[str, Any]]:
    conn = _sql(db_url)
    with conn.cursor() as cur:
        cur.execute("SELECT id, status, attempts, public_id FROM outbox ORDER BY id")
        rows = list(cur.fetchall())
    conn.close()
    return rows


@pytest.mark.parametrize(
    ("failpoint", "sent_before_crash"),
    [("outbox-after-claim", 0), ("outbox-before-settle", 1)],
)
async def test_a_process_killed_between_claim_and_settle_leaves_the_row_to_be_sent_once_more(
    db: MariaDBServer,
    receiver: WebhookReceiver,
    servers: list[Server],
    failpoint: str,
    sent_before_crash: int,
) -> None:
    doomed = Server(db.url, **ENV, PARLEY_FAILPOINTS=failpoint).start()
    servers.append(doomed)
    await _admin_and_endpoint(doomed, db.url, receiver.url("/crash"))
    try:
        [message_id] = await _send(doomed, ["deliver me exactly once more"])
    except (httpx.RemoteProtocolError, httpx.ReadError):
        # The claim that kills the process can beat the 201 to the socket (a closed or reset
        # connection): the message was committed all the same, its outbox row with it, and its
        # id is in the table.
        [message_id] = _message_ids(db.url)
    assert doomed.proc is not None
    await wait_for(lambda: doomed.proc is not None and doomed.proc.poll() is not None)
    assert doomed.proc.returncode == -signal.SIGKILL
    assert len(receiver.on("/crash")) == sent_before_crash
    [row] = _rows(db.url)
    assert row["status"] == "pending" and row["attempts"] == 1  # claimed, never settled

    heir = Server(db.url, **ENV).start()
    servers.append(heir)
    hits = await wait_for(lambda: len(receiver.on("/crash")) == sent_before_crash + 1, timeout=15)
    assert hits
    await asyncio.sleep(3)  # past another lease: nothing more comes
    hits = receiver.on("/crash")
    assert len(hits) == sent_before_crash + 1
    assert {h.headers["webhook-id"] for h in hits} == {row["public_id"]}
    assert hits[-1].json["data"]["message"]["id"] == message_id
    [row] = _rows(db.url)
    assert row["status"] == "delivered" and row["attempts"] == 2


async def test_two_processes_draining_one_table_never_send_an_attempt_twice(
    db: MariaDBServer, receiver: WebhookReceiver, servers: list[Server]
) -> None:
    # A lease longer than any attempt (10 s at most): here only SKIP LOCKED and the fence
    # keep the two apart.
    env = {**ENV, "OUTBOX_LEASE_SECONDS": "15"}
    a = Server(db.url, **env).start()
    b = Server(db.url, **env).start()
    servers += [a, b]
    await _admin_and_endpoint(a, db.url, receiver.url("/both"))
    count = 300
    ids_a, ids_b = await asyncio.gather(
        _send(a, [f"a{i}" for i in range(count // 2)]),
        _send(b, [f"b{i}" for i in range(count // 2)]),
    )
    await wait_for(lambda: len(receiver.on("/both")) >= count, timeout=60)
    await asyncio.sleep(1)
    hits = receiver.on("/both")
    attempts = [(h.headers["webhook-id"], h.headers["webhook-timestamp"]) for h in hits]
    assert len(attempts) == len(set(attempts)) == count
    assert len({h.headers["webhook-id"] for h in hits}) == count
    assert sorted(json.loads(h.body)["data"]["message"]["id"] for h in hits) == sorted(
        ids_a + ids_b
    )
    rows = _rows(db.url)
    assert all(r["status"] == "delivered" and r["attempts"] == 1 for r in rows), [
        r for r in rows if r["attempts"] != 1
    ]


async def test_mariadb_restarting_under_the_workers_loses_nothing(
    db: MariaDBServer, receiver: WebhookReceiver, servers: list[Server]
) -> None:
    srv = Server(db.url, **ENV).start()
    servers.append(srv)
    await _admin_and_endpoint(srv, db.url, receiver.url("/restart"))
    receiver.answers["/restart"] = 503  # nothing settles as delivered before the restart
    sent = await _send(srv, [f"m{i}" for i in range(40)])
    await wait_for(lambda: len(receiver.on("/restart")) >= 40, timeout=20)
    db.stop()
    receiver.answers["/restart"] = 204
    flipped = len(receiver.hits)
    await asyncio.sleep(3)
    db.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        rows = _safe_rows(db.url)
        if len(rows) == 40 and all(r["status"] == "delivered" for r in rows):
            break
        await asyncio.sleep(0.5)
    rows = _rows(db.url)
    assert len(rows) == 40, "every delivery row survived the restart"
    assert all(r["status"] == "delivered" for r in rows), rows
    answered = {h.json["data"]["message"]["id"] for h in receiver.hits[flipped:]}
    assert set(sent) <= answered


def _safe_rows(db_url: str) -> list[dict[str, Any]]:
    try:
        return _rows(db_url)
    except pymysql.err.Error:
        return [{"status": "unknown"}]
