"""A customer's data in the owner's hands: the export holds everything about them but notes;
the erase leaves no trace (rows, search, outbox, report counts), ends their tokens and closes
their sockets, and touches nobody else."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pymysql
from app.repositories import search

from tests.factories import Actor, Factory
from tests.test_reports import _buckets


def _count(sql: pymysql.Connection, query: str, *params: object) -> int:  # type: ignore[type-arg]
    with sql.cursor() as cur:
        cur.execute(query, params)
        return int(cur.fetchone()["n"])


def _hook(sql: pymysql.Connection) -> None:  # type: ignore[type-arg]
    """An endpoint for every event, so that the chat's changes leave outbox rows (it is a
    closed port: the rows stay until they are erased)."""
    with sql.cursor() as cur:
        cur.execute(
            "INSERT INTO webhook_endpoints (url, events, enabled, secret, created_at) VALUES "
            "('http://127.0.0.1:9/hook', 'chat.created,message.created,chat.assigned,"
            "chat.resolved,chat.rated', 1, %s, %s)",
            ("whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=", datetime.now(UTC)),
        )


async def _story(
    make: Factory, api: httpx.AsyncClient, name: str, word: str
) -> tuple[Actor, Actor, int]:
    """A customer with an email, a visitor page, a chat with text, a note and a rating."""
    admin = await make.admin()
    guest = await make.guest(name)
    assert (
        await api.post(
            "/me/email", json={"email": f"{name.lower()}@example.com"}, headers=guest.auth
        )
    ).status_code == 204
    ws = await make.socket(guest)
    assert "result" in await ws.call(
        "visitor.page", {"url": "https://shop.example/cart", "title": "Cart"}
    )
    chat_id = (await make.message(guest, f"my {word} order is late"))["chat_id"]
    await make.open(admin, chat_id)
    await make.note(admin, chat_id, f"internal {word} remark")
    await make.reply(admin, chat_id, f"your {word} order ships today")
    await make.resolve(admin, chat_id)
    r = await api.post(
        "/me/chat/rating", json={"score": 4, "comment": "thanks"}, headers=guest.auth
    )
    assert r.status_code == 201
    return admin, guest, chat_id


async def test_the_export_holds_everything_but_notes(make: Factory, api: httpx.AsyncClient) -> None:
    admin, guest, chat_id = await _story(make, api, "Mira", "zebrafish")
    r = await api.get(f"/admin/customers/{guest.id}/export", headers=admin.auth)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    assert set(data) == {"customer", "email", "chat", "messages", "visitor", "ratings"}
    assert data["customer"] == guest.user
    assert data["email"] == "mira@example.com"
    assert data["chat"]["id"] == chat_id and data["chat"]["status"] == "resolved"
    assert data["chat"]["rating"]["score"] == 4
    bodies = [m["body"] for m in data["messages"]]
    assert bodies == ["my zebrafish order is late", "your zebrafish order ships today"]
    assert all(m["kind"] == "text" for m in data["messages"])
    assert "internal" not in r.text
    assert data["visitor"]["customer"]["id"] == guest.id
    assert data["visitor"]["current_page"]["url"] == "https://shop.example/cart"
    assert data["visitor"]["email"] == "mira@example.com"
    assert [(x["score"], x["comment"]) for x in data["ratings"]] == [(4, "thanks")]
    # A customer without a chat exports too: no chat, no messages.
    newcomer = await make.guest("New")
    fresh = (await api.get(f"/admin/customers/{newcomer.id}/export", headers=admin.auth)).json()
    assert fresh["chat"] is None and fresh["messages"] == [] and fresh["ratings"] == []
    # Admins, unknown ids: 404; customers may not export anyone.
    assert (
        await api.get(f"/admin/customers/{admin.id}/export", headers=admin.auth)
    ).status_code == 404
    assert (
        await api.get("/admin/customers/999999999/export", headers=admin.auth)
    ).status_code == 404
    assert (
        await api.get(f"/admin/customers/{guest.id}/export", headers=guest.auth)
    ).status_code == 403


async def test_erase_leaves_no_trace_and_touches_nobody_else(
    make: Factory,
    api: httpx.AsyncClient,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    _hook(sql)
    admin, guest, chat_id = await _story(make, api, "Vera", "quokkafish")
    _, other, other_chat = await _story(make, api, "Olga", "quokkafish")
    assert _count(sql, "SELECT COUNT(*) AS n FROM outbox WHERE chat_id = %s", chat_id) > 0
    found = (await api.get("/search", params={"q": "quokkafish"}, headers=admin.auth)).json()
    assert {i["chat_id"] for i in found["items"]} == {chat_id}
    sock = await make.socket(guest)

    r = await api.delete(f"/admin/customers/{guest.id}", headers=admin.auth)
    assert r.status_code == 204, r.text

    # Their open sockets close, their tokens name nobody.
    assert await sock.closed_with() == 4401
    assert (await api.get("/me", headers=guest.auth)).status_code == 401
    assert (await api.get("/me/chat", headers=guest.auth)).status_code == 401
    retry = await make.socket()
    await retry.send_raw(json.dumps({"id": 1, "method": "auth", "params": {"token": guest.token}}))
    assert await retry.closed_with() == 4401
    # Nothing of theirs is left to read, search or send.
    assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).status_code == 404
    assert (await api.get(f"/chats/{chat_id}/messages", headers=admin.auth)).status_code == 404
    assert (
        await api.get(f"/admin/customers/{guest.id}/export", headers=admin.auth)
    ).status_code == 404
    found = (await api.get("/search", params={"q": "quokkafish"}, headers=admin.auth)).json()
    assert found["items"] == []
    listed = (await api.get("/chats?scope=all", headers=admin.auth)).json()["items"]
    assert chat_id not in {c["id"] for c in listed}
    for query in (
        "SELECT COUNT(*) AS n FROM users WHERE id = %s",
        "SELECT COUNT(*) AS n FROM visitors WHERE customer_id = %s",
        "SELECT COUNT(*) AS n FROM visitor_pages WHERE customer_id = %s",
        "SELECT COUNT(*) AS n FROM messages WHERE sender_id = %s",
        "SELECT COUNT(*) AS n FROM chats WHERE customer_id = %s",
    ):
        assert _count(sql, query, guest.id) == 0, query
    for query in (
        "SELECT COUNT(*) AS n FROM messages WHERE chat_id = %s",
        "SELECT COUNT(*) AS n FROM chat_events WHERE chat_id = %s",
        "SELECT COUNT(*) AS n FROM chat_ratings WHERE chat_id = %s",
        "SELECT COUNT(*) AS n FROM chat_email_marks WHERE chat_id = %s",
        "SELECT COUNT(*) AS n FROM outbox WHERE chat_id = %s",
    ):
        assert _count(sql, query, chat_id) == 0, query
    # Their words are out of every search table, not only hidden by the missing messages.
    for table in range(search.TABLES):
        query = f"SELECT COUNT(*) AS n FROM message_search_{table:03d} WHERE chat_id = %s"  # noqa: S608
        assert _count(sql, query, chat_id) == 0, query
    # The report counts lose exactly their messages.
    stored, recount = _buckets(sql)
    assert stored == recount
    # The other customer keeps everything, and their chat still works.
    assert (await api.get("/me/chat", headers=other.auth)).json()["id"] == other_chat
    kept = (await api.get(f"/admin/customers/{other.id}/export", headers=admin.auth)).json()
    assert len(kept["messages"]) == 2 and kept["ratings"][0]["score"] == 4
    assert _count(sql, "SELECT COUNT(*) AS n FROM outbox WHERE chat_id = %s", other_chat) > 0

    # Once is enough; admins cannot be erased this way; customers may not erase.
    assert (await api.delete(f"/admin/customers/{guest.id}", headers=admin.auth)).status_code == 404
    assert (await api.delete(f"/admin/customers/{admin.id}", headers=admin.auth)).status_code == 404
    assert (await api.get("/me", headers=admin.auth)).status_code == 200
    assert (await api.delete(f"/admin/customers/{other.id}", headers=other.auth)).status_code == 403


async def test_a_customer_without_a_chat_is_erased_too(
    make: Factory,
    api: httpx.AsyncClient,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    admin = await make.admin()
    guest = await make.guest("Quiet")
    assert (await api.delete(f"/admin/customers/{guest.id}", headers=admin.auth)).status_code == 204
    assert (await api.get("/me", headers=guest.auth)).status_code == 401
    assert _count(sql, "SELECT COUNT(*) AS n FROM users WHERE id = %s", guest.id) == 0


async def test_their_files_are_in_the_export_and_gone_after_the_erase(
    make: Factory,
    api: httpx.AsyncClient,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    from tests.test_attachments import PDF, path_of, uploaded

    admin = await make.admin()
    guest = await make.guest("Fedor")
    mine = await uploaded(api, guest, PDF, "invoice.pdf")
    sent = await api.post(
        "/me/chat/messages",
        json={"body": "my invoice", "attachment_ids": [mine["id"]]},
        headers=guest.auth,
    )
    assert sent.status_code == 201, sent.text
    chat_id = sent.json()["chat_id"]
    await make.open(admin, chat_id)
    theirs = await uploaded(api, admin, PDF, "refund.pdf")
    reply = await api.post(
        f"/chats/{chat_id}/messages",
        json={"body": "your refund", "attachment_ids": [theirs["id"]]},
        headers=admin.auth,
    )
    assert reply.status_code == 201, reply.text
    unsent = await uploaded(api, guest, PDF, "draft.pdf")

    export = (await api.get(f"/admin/customers/{guest.id}/export", headers=admin.auth)).json()
    files = [(a["id"], a["name"], a["size"]) for m in export["messages"] for a in m["attachments"]]
    assert files == [(mine["id"], "invoice.pdf", len(PDF)), (theirs["id"], "refund.pdf", len(PDF))]
    links = [a["url"] for m in export["messages"] for a in m["attachments"]]
    for url in links:
        assert (await api.get(path_of(url))).status_code == 200

    assert (await api.delete(f"/admin/customers/{guest.id}", headers=admin.auth)).status_code == 204

    # The signed links now lead nowhere, and no byte of the files is left.
    for url in links:
        assert (await api.get(path_of(url))).status_code == 404
    ids = (mine["id"], theirs["id"], unsent["id"])
    for attachment_id in ids:
        q = "SELECT COUNT(*) AS n FROM attachments WHERE id = %s"
        assert _count(sql, q, attachment_id) == 0
        q = "SELECT COUNT(*) AS n FROM attachment_chunks WHERE attachment_id = %s"
        assert _count(sql, q, attachment_id) == 0
