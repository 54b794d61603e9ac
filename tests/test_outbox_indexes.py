"""The outbox's queries are served by their indexes: the claim, the panel's lists, the prune."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pymysql
import pytest
from app.config import DatabaseParams
from app.manage import connect
from app.repositories import outbox


def _explain(sql: Any, query: str, params: tuple[object, ...]) -> list[dict[str, Any]]:
    with sql.cursor() as cur:
        cur.execute("EXPLAIN " + query, params)
        return list(cur.fetchall())


@pytest.fixture
def filled(sql: Any) -> Any:
    """3,000 rows, mostly settled, as a busy outbox holds them."""
    now = datetime(2026, 1, 1)
    with sql.cursor() as cur:
        cur.execute(
            "INSERT INTO webhook_endpoints (url, events, enabled, secret, created_at) "
            "VALUES ('http://127.0.0.1/', 'message.created', TRUE, 'whsec_x', %s)",
            (now,),
        )
        endpoint = cur.lastrowid
        statuses = ["delivered"] * 8 + ["pending", "dead"]
        cur.executemany(
            "INSERT INTO outbox (kind, topic, endpoint_id, public_id, payload, status, "
            "next_attempt_at, created_at) VALUES ('webhook', 'message.created', %s, %s, '{}', "
            "%s, %s, %s)",
            [
                (endpoint, f"msg_{i}", statuses[i % 10], now + timedelta(seconds=i), now)
                for i in range(3000)
            ],
        )
        cur.execute("ANALYZE TABLE outbox")
        cur.fetchall()
    yield sql, endpoint


def test_the_claim_reads_due_pending_rows_in_order_of_the_due_index(filled: Any) -> None:
    sql, _ = filled
    [plan] = _explain(sql, outbox.DUE_SQL, (datetime(2026, 1, 2), 100))
    assert plan["key"] == "ix_outbox_due" and "filesort" not in (plan["Extra"] or "")


def test_the_claim_locks_its_rows_by_primary_key(filled: Any) -> None:
    sql, _ = filled
    [plan] = _explain(sql, outbox.lock_due_sql(3), (5, 15, 25, datetime(2026, 1, 2)))
    assert plan["key"] == "PRIMARY" and plan["type"] == "range", plan


def test_a_claim_in_progress_holds_up_neither_a_leased_rows_settle_nor_another_claim(
    filled: Any, database_url: str
) -> None:
    """A locking read of the due range would also lock the first row past it: the earliest
    leased delivery, whose settle then waited for the claim's commit."""
    sql, endpoint = filled
    now = datetime(2026, 6, 1)
    with sql.cursor() as cur:
        cur.execute("UPDATE outbox SET status = 'delivered' WHERE status = 'pending'")
        cur.executemany(
            "INSERT INTO outbox (kind, topic, endpoint_id, public_id, payload, status, "
            "next_attempt_at, created_at) VALUES ('webhook', 'message.created', %s, %s, '{}', "
            "'pending', %s, %s)",
            [
                (endpoint, "due_1", now - timedelta(seconds=2), now),
                (endpoint, "due_2", now - timedelta(seconds=1), now),
                (endpoint, "leased", now + timedelta(seconds=30), now),
            ],
        )
        cur.execute(
            "SELECT id, public_id FROM outbox WHERE public_id IN ('due_1', 'due_2', 'leased')"
        )
        ids = {r["public_id"]: r["id"] for r in cur.fetchall()}
    p = DatabaseParams(database_url)
    first = connect(p, autocommit=True, cursorclass=pymysql.cursors.DictCursor)
    second = connect(p, autocommit=True, cursorclass=pymysql.cursors.DictCursor)
    try:
        for conn in (first, second):
            with conn.cursor() as cur:
                cur.execute("SET SESSION tx_isolation = 'READ-COMMITTED'")
                cur.execute("SET SESSION innodb_lock_wait_timeout = 1")

        def claim(conn: Any, limit: int) -> list[int]:
            with conn.cursor() as cur:
                cur.execute("BEGIN")
                cur.execute(outbox.DUE_SQL, (now, limit))
                due = [r["id"] for r in cur.fetchall()]
                cur.execute(outbox.lock_due_sql(len(due)), (*due, now))
                return sorted(r["id"] for r in cur.fetchall())

        assert claim(first, 1) == [ids["due_1"]]
        # The settle of the leased row goes through at once (a wait would time out in 1 s).
        with sql.cursor() as cur:
            cur.execute("SET SESSION innodb_lock_wait_timeout = 1")
            cur.execute(
                "UPDATE outbox SET status = 'delivered', next_attempt_at = %s WHERE id = %s",
                (now, ids["leased"]),
            )
        # A second worker skips the row being claimed and takes the next one.
        assert claim(second, 2) == [ids["due_2"]]
    finally:
        for conn in (first, second):
            with conn.cursor() as cur:
                cur.execute("ROLLBACK")
            conn.close()


@pytest.mark.parametrize("query", ["LIST_DEAD_SQL", "LIST_FAILED_SQL", "LIST_PENDING_SQL"])
def test_the_panel_lists_walk_the_status_index_newest_first(filled: Any, query: str) -> None:
    sql, _ = filled
    plan = _explain(sql, getattr(outbox, query), (2**63 - 1, 51))
    assert plan[0]["table"] == "o" and plan[0]["key"] == "ix_outbox_status_id", plan
    assert "filesort" not in (plan[0]["Extra"] or "")


def test_an_endpoints_delivery_log_is_a_range_of_its_index(filled: Any) -> None:
    sql, endpoint = filled
    plan = _explain(sql, outbox.LIST_FOR_ENDPOINT_SQL, (endpoint, 50))
    assert plan[0]["key"] == "ix_outbox_endpoint", plan
    assert "filesort" not in (plan[0]["Extra"] or "")


def test_the_prune_walks_settled_rows_oldest_first(filled: Any) -> None:
    sql, _ = filled
    # The retention cutoff passes only the oldest rows, as it does in a running outbox: a cutoff
    # past every row let the optimizer pick a full scan on some runs (seen once in CI).
    cutoff = datetime(2026, 1, 1) + timedelta(seconds=300)
    [plan] = _explain(sql, outbox.PRUNE_SQL, ("delivered", cutoff, 500))
    assert plan["key"] == "ix_outbox_due", plan
