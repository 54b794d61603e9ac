"""The panel's view of the outbox: rows that need an eye (dead, failed, pending), Retry, and
whether email is on."""

from __future__ import annotations

from app import errors
from app.config import Settings
from app.db import Connection, Row
from app.repositories import outbox
from app.services.chats import MAX_CURSOR
from app.services.webhooks import retry_row, shown_status
from app.views import View

SUMMARIES = {
    "reply": "Reply to {email}",
    "team": "Team mail to {team}",
    "transcript": "Transcript to {email}",
}


def row_view(row: Row, settings: Settings) -> View:
    if row["kind"] == "email":
        summary = SUMMARIES.get(row["topic"], str(row["topic"])).format(
            email=row["email"] or "the customer", team=settings.team_email or "the team"
        )
        summary += f" (chat {row['chat_id']})"
    else:
        summary = f"{row['topic']} to {row['url'] or 'a deleted endpoint'}"
    return {
        "id": row["id"],
        "kind": row["kind"],
        "status": shown_status(row),
        "attempts": row["attempts"],
        "last_error": row["last_error"],
        "created_at": row["created_at"],
        "next_attempt_at": row["next_attempt_at"] if row["status"] == "pending" else None,
        "summary": summary,
    }


async def list_page(
    conn: Connection, settings: Settings, *, status: str, limit: int, before: int | None
) -> View:
    rows = await outbox.list_page(conn, status=status, before=before or MAX_CURSOR, limit=limit + 1)
    page = rows[:limit]
    return {
        "items": [row_view(r, settings) for r in page],
        "next_before": page[-1]["id"] if len(rows) > limit else None,
    }


async def retry(conn: Connection, *, outbox_id: int) -> None:
    row = await outbox.get(conn, outbox_id=outbox_id)
    if row is None:
        raise errors.NotFound("no such outbox row")
    await retry_row(conn, row)


def mail_status(settings: Settings) -> View:
    return {
        "enabled": settings.mail_enabled,
        "mail_from": settings.mail_from if settings.mail_enabled else None,
        "team_email": settings.team_email if settings.mail_enabled else None,
        "dev_inbox": str(settings.mail_dev_path)
        if settings.mail_dev and settings.mail_enabled
        else None,
    }
