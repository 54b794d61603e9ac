"""Every migration applies, rolls back, and applies again."""

from __future__ import annotations

from pathlib import Path

from app.config import DatabaseParams
from app.manage import connect, create_database, drop_database, migrate, rollback
from app.repositories import search

from tests.servers import new_database_url


def _tables(params: DatabaseParams) -> set[str]:
    conn = connect(params)
    try:
        with conn.cursor() as cur:
            cur.execute("SHOW TABLES")
            return {row[0] for row in cur.fetchall()} - {
                "_yoyo_log",
                "_yoyo_migration",
                "_yoyo_version",
                "yoyo_lock",
            }
    finally:
        conn.close()


# Every migration in the folder, however many the features add.
MIGRATIONS = len(
    [
        p
        for p in (Path(__file__).parents[1] / "db" / "migrations").glob("*.sql")
        if not p.name.endswith(".rollback.sql")
    ]
)


TABLES = {
    "users",
    "chats",
    "messages",
    "canned_replies",
    "canned_reply_guard",
    "visitors",
    "visitor_pages",
    "webhook_endpoints",
    "outbox",
    "chat_email_marks",
    "attachments",
    "attachment_chunks",
    "chat_events",
    "chat_ratings",
    "report_buckets",
    *(f"message_search_{table:03d}" for table in range(search.TABLES)),
}


def test_apply_all_rollback_all_apply_again() -> None:
    url = new_database_url("parley_migrations")
    params = DatabaseParams(url)
    create_database(params)
    try:
        assert migrate(url) == MIGRATIONS
        assert _tables(params) == TABLES
        assert migrate(url) == 0
        assert rollback(url, everything=True) == MIGRATIONS
        assert _tables(params) == set()
        assert migrate(url) == MIGRATIONS
        assert _tables(params) == TABLES
    finally:
        drop_database(params)
