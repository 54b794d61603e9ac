"""What an attempt of an outbox row came to, as the settle writes it (repositories.outbox)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from app.config import Settings
from app.db import Row

Outcome = dict[str, Any]


def backoff(settings: Settings, attempts: int, now: datetime) -> tuple[str, datetime]:
    """After failed attempt number `attempts`: (pending, when to try next) with ±10 % jitter,
    or (dead, now) when the schedule is used up."""
    schedule = settings.outbox_retry_schedule
    if attempts > len(schedule):
        return "dead", now
    delay = schedule[attempts - 1] * random.uniform(0.9, 1.1)
    return "pending", now + timedelta(seconds=delay)


def delivered(row: Row, now: datetime, status: int | None = None) -> Outcome:
    return {
        "id": row["id"],
        "token": row["claim_token"],
        "status": "delivered",
        "next_at": now,
        "response_status": status,
        "last_error": None,
        "delivered_at": now,
    }


def skipped(row: Row, now: datetime, why: str) -> Outcome:
    return {**delivered(row, now), "status": "skipped", "last_error": why, "delivered_at": None}


def failed(
    settings: Settings, row: Row, now: datetime, error: str, status: int | None = None
) -> Outcome:
    state, next_at = backoff(settings, int(row["attempts"]), now)
    return {
        "id": row["id"],
        "token": row["claim_token"],
        "status": state,
        "next_at": next_at,
        "response_status": status,
        "last_error": error[:500],
        "delivered_at": None,
    }


def postponed(row: Row, until: datetime) -> Outcome:
    """Not an attempt: the row waits (its attempt count put back)."""
    return {
        "id": row["id"],
        "token": row["claim_token"],
        "status": "pending",
        "next_at": until,
        "response_status": None,
        "last_error": None,
        "delivered_at": None,
        "undo_attempt": True,
    }
