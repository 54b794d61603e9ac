"""The queries behind the history page and the admin chat list are served by their indexes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from app.repositories import chats, messages, outbox, search, visitor


def _explain(sql: Any, query: str, params: tuple[object, ...]) -> list[dict[str, Any]]:
    with sql.cursor() as cur:
        cur.execute("EXPLAIN " + query, params)
        return list(cur.fetchall())


@pytest.fixture
def populated(sql: Any) -> Any:
    """Enough rows (200 chats, 10,000 messages) for the optimizer to choose as it would in use."""
    now = datetime(2026, 1, 1)
    with sql.cursor() as cur:
        cur.executemany(
            "INSERT INTO users (display_name, role, is_guest, created_at) VALUES (%s, %s, 1, %s)",
            [(f"u{i}", "admin" if i < 5 else "customer", now) for i in range(205)],
        )
        cur.execute("SELECT id, role FROM users ORDER BY id")
        users = cur.fetchall()
        admins = [u["id"] for u in users if u["role"] == "admin"]
        customers = [u["id"] for u in users if u["role"] == "customer"]
        # A third waiting, a third active and a third resolved.
        cur.executemany(
            "INSERT INTO chats (customer_id, admin_id, status, created_at, updated_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(c, *_state(i, admins), now, now) for i, c in enumerate(customers)],
        )
        cur.execute("SELECT id, customer_id FROM chats ORDER BY id")
        chat_rows = cur.fetchall()
        rows = [
            (chat["id"], chat["customer_id"], f"message {n}", now)
            for n in range(50)
            for chat in chat_rows
        ]
        cur.executemany(
            "INSERT INTO messages (chat_id, sender_id, body, created_at) VALUES (%s, %s, %s, %s)",
            rows,
        )
        cur.execute(
            "UPDATE chats c SET last_message_id = "
            "(SELECT MAX(id) FROM messages m WHERE m.chat_id = c.id)"
        )
        for table in ("users", "chats", "messages"):
            cur.execute("ANALYZE TABLE " + table)
            cur.fetchall()
    return sql


def _state(i: int, admins: list[int]) -> tuple[int | None, str]:
    if i % 3 == 0:
        return None, "waiting"
    return admins[i % 5], "active" if i % 3 == 1 else "resolved"


def _driving(plan: list[dict[str, Any]], table: str) -> dict[str, Any]:
    return next(row for row in plan if row["table"] == table)


def test_history_page_is_a_range_of_the_chat_ordered_primary_key(populated: Any) -> None:
    sql = populated
    with sql.cursor() as cur:
        cur.execute("SELECT id, last_message_id FROM chats ORDER BY id LIMIT 1")
        chat = cur.fetchone()
    for query, params in (
        (messages.PAGE_BEFORE_SQL, (chat["id"], chat["last_message_id"], 51)),
        (messages.PAGE_AFTER_SQL, (chat["id"], 0, 51)),
    ):
        row = _driving(_explain(sql, query, params), "m")
        assert row["key"] == "PRIMARY" and row["type"] == "range", row
        assert "filesort" not in (row["Extra"] or "")


def test_admin_chat_list_uses_the_activity_indexes(populated: Any) -> None:
    sql = populated
    cases = (
        (chats.LIST_WAITING_SQL, (2**63 - 1, 51), "ix_chats_admin_status_activity"),
        (chats.LIST_MINE_SQL, (1, 2**63 - 1, 51), "ix_chats_admin_status_activity"),
        (chats.LIST_RESOLVED_SQL, (1, 2**63 - 1, 51), "ix_chats_admin_status_activity"),
        (chats.LIST_ALL_SQL, (2**63 - 1, 51), "ix_chats_activity"),
    )
    for query, params, index in cases:
        plan = _explain(sql, query, params)
        assert plan[0]["table"] == "c", plan
        assert plan[0]["key"] == index, plan
        assert "filesort" not in (plan[0]["Extra"] or ""), plan
        last = _driving(plan, "m")
        assert last["type"] == "eq_ref" and last["key"] == "PRIMARY", last


def test_history_and_catch_up_of_a_customer_skip_notes_on_the_same_range(populated: Any) -> None:
    sql = populated
    with sql.cursor() as cur:
        cur.execute("SELECT id, last_message_id FROM chats ORDER BY id LIMIT 1")
        chat = cur.fetchone()
    for query, params in (
        (messages.TEXT_PAGE_BEFORE_SQL, (chat["id"], chat["last_message_id"], 51)),
        (messages.TEXT_PAGE_AFTER_SQL, (chat["id"], 0, 51)),
    ):
        row = _driving(_explain(sql, query, params), "m")
        assert row["key"] == "PRIMARY" and row["type"] == "range", row
        assert "filesort" not in (row["Extra"] or "")


def test_admin_catch_up_since_an_id_ranges_over_recently_active_chats(populated: Any) -> None:
    sql = populated
    with sql.cursor() as cur:
        cur.execute("SELECT MAX(last_message_id) - 100 AS since FROM chats")
        since = cur.fetchone()["since"]
        cur.execute("SELECT MIN(id) AS id FROM users WHERE role = 'admin'")
        admin = cur.fetchone()["id"]
    plan = _explain(sql, messages.CATCH_UP_ADMIN_SINCE_SQL, (admin, since, since, 1001))
    chats_row = _driving(plan, "c")
    assert chats_row["key"] == "ix_chats_admin_status_activity", plan
    assert chats_row["type"] == "range", plan
    assert _driving(plan, "m")["key"] == "PRIMARY", plan


def test_a_batch_of_sends_locks_its_chats_by_key(populated: Any) -> None:
    """The group-commit lock reaches each chat through the primary key or the customer's unique
    key, never by scanning chats (a scan would lock and wait on rows it does not need)."""
    sql = populated
    with sql.cursor() as cur:
        cur.execute("SELECT id, customer_id FROM chats ORDER BY id LIMIT 6")
        rows = cur.fetchall()
    ids = tuple(r["id"] for r in rows[:3])
    customers = tuple(r["customer_id"] for r in rows[3:])
    for query, params, keys in (
        (chats.lock_many_sql(3, 0), ids, {"PRIMARY"}),
        (chats.lock_many_sql(0, 3), customers, {"uq_chats_customer"}),
        (chats.lock_many_sql(3, 3), ids + customers, {"PRIMARY", "uq_chats_customer"}),
    ):
        (row,) = _explain(sql, query, params)
        assert row["type"] in {"range", "index_merge"}, row
        assert set(row["key"].split(",")) == keys, row
        assert int(row["rows"]) <= 6, row


def test_search_reads_each_block_table_through_its_fulltext_index(populated: Any) -> None:
    """Every block query starts from its table's FULLTEXT index and reaches each match's chat by
    key; the newest id is read from the end of uq_messages_id."""
    sql = populated
    params = ("+message*", 0, 2**63 - 1, 1, 21)
    for table, query in enumerate(search.BLOCK_PAGE_SQL):
        plan = _explain(sql, query, params)  # type: ignore[arg-type]
        # The FULLTEXT index, or (the optimizer's choice for a narrow id range) a range of the
        # table's primary key checked against the same index's matches: never a scan.
        assert plan[0]["table"] == "s", plan
        assert (plan[0]["type"], plan[0]["key"]) in {
            ("fulltext", f"ft_message_search_{table:03d}"),
            ("range", "PRIMARY"),
        }, plan
        assert _driving(plan, "c")["key"] == "PRIMARY", plan
    # A group of blocks: the same plan in each branch (EXPLAIN takes the statement without its
    # time limit).
    group = search.group_sql(search.GROUP - 1, search.GROUP).split(" FOR ", 1)[1]
    block = ("+message*", 0, 2**63 - 1, 1, 21)
    plan = _explain(sql, group, block * search.GROUP + (21,))
    branches = [row for row in plan if row["table"] == "s"]
    assert len(branches) == search.GROUP, plan
    assert {r["type"] for r in branches} <= {"fulltext", "range"}, plan
    (row,) = _explain(sql, search.NEWEST_ID_SQL, ())
    assert row["Extra"] == "Select tables optimized away", row
    with sql.cursor() as cur:
        cur.execute("SELECT id FROM messages ORDER BY id DESC LIMIT 3")
        ids = tuple(r["id"] for r in cur.fetchall())
    with sql.cursor() as cur:
        # Some messages with files, so that the optimizer sees the table as it is in use.
        cur.execute(
            "INSERT INTO attachments (id, uploader_id, message_id, name, size, stored_size, "
            "content_type, kind, sha256, created_at) "
            "SELECT LPAD(id, 22, '0'), sender_id, id, 'f.pdf', 1, 1, 'application/pdf', 'file', "
            "REPEAT('0', 64), created_at FROM messages ORDER BY id LIMIT 2000"
        )
        cur.execute("ANALYZE TABLE attachments")
        cur.fetchall()
    plan = _explain(sql, search.messages_sql(3), ids)
    (m, u) = plan[:2]
    assert m["key"] == "uq_messages_id" and m["type"] == "range", m
    assert u["key"] == "PRIMARY", u
    # Each message's files come from the message's end of ix_attachments_message.
    files = [row for row in plan[2:] if row["table"] == "a"]
    assert files and all(row["type"] == "ref" for row in files), plan
    assert all(row["key"].startswith("ix_attachments_") for row in files), plan


def test_a_batch_of_page_reports_reads_and_prunes_each_visitor_s_range(populated: Any) -> None:
    sql = populated
    with sql.cursor() as cur:
        cur.execute(
            "INSERT INTO visitors (customer_id, first_seen_at, last_seen_at) "
            "SELECT id, NOW(6), NOW(6) FROM users WHERE role = 'customer'"
        )
        cur.execute(
            "INSERT INTO visitor_pages (customer_id, url, at) "
            "SELECT v.customer_id, CONCAT('https://shop.example/', s.seq), NOW(6) "
            "FROM visitors v JOIN seq_1_to_20 s"
        )
        cur.execute("ANALYZE TABLE visitors, visitor_pages")
        cur.fetchall()
        cur.execute("SELECT customer_id FROM visitors LIMIT 1")
        customer = cur.fetchone()["customer_id"]
        cur.execute("SELECT id FROM chats WHERE customer_id = %s", (customer,))
        chat_id = cur.fetchone()["id"]
    cur_ids = (customer, customer + 1)
    plan = _explain(sql, visitor.trail_ends_sql(2), (*cur_ids, 20))
    trail = _driving(plan, "visitor_pages")
    assert trail["key"] == "PRIMARY" and trail["type"] == "range", plan
    (row,) = _explain(sql, visitor.prune_pages_many_sql(2), (customer, 5, customer + 1, 5))
    assert row["key"] == "PRIMARY" and row["type"] == "range", row
    (row,) = _explain(sql, visitor.chats_of_sql(2), cur_ids)
    assert row["key"] == "uq_chats_customer", row
    plan = _explain(sql, visitor.VISITOR_OF_CHAT_SQL, (20, chat_id))
    assert {r["table"]: r["key"] for r in plan if r["table"] in {"c", "u", "v"}} == {
        "c": "PRIMARY",
        "u": "PRIMARY",
        "v": "PRIMARY",
    }, plan
    pages = _driving(plan, "p")
    assert pages["key"] == "PRIMARY" and pages["type"] == "ref", pages


def test_a_claimed_webhook_reads_its_message_and_chat_by_key(populated: Any) -> None:
    """A message.created delivery's first claim renders its body from its message and chat,
    read in the claim's own statement (repositories.outbox.claimed_sql): by unique keys, never
    a scan, however many messages there are."""
    sql = populated
    with sql.cursor() as cur:
        cur.execute("SELECT id, chat_id FROM messages ORDER BY id DESC LIMIT 4")
        recent = cur.fetchall()
        cur.executemany(
            "INSERT INTO outbox (kind, topic, chat_id, message_id, public_id, payload, "
            "next_attempt_at, created_at) VALUES ('webhook', 'message.created', %s, %s, %s, '', "
            "NOW(), NOW())",
            [(m["chat_id"], m["id"], f"msg_ix{m['id']}") for m in recent],
        )
        cur.execute("SELECT id FROM outbox WHERE public_id LIKE 'msg_ix%%'")
        ids = tuple(r["id"] for r in cur.fetchall())
    plan = _explain(sql, outbox.claimed_sql(len(ids)), ids)
    m, c = _driving(plan, "m"), _driving(plan, "c")
    assert m["select_type"] == "DEPENDENT SUBQUERY", plan
    assert m["key"] == "uq_messages_id" and m["type"] in {"const", "eq_ref"}, plan
    assert c["key"] == "PRIMARY" and c["type"] in {"const", "eq_ref"}, plan
    # The four claimed rows themselves (`o`) and their endpoint are a handful in this table.
    assert all(row["type"] != "ALL" for row in plan if row["table"] not in {"o", "e"}), plan
