"""Reports: what the team did over a range of local dates, and the chats it started, as CSV.

A range is whole days in a time zone: from `from` 00:00 to the midnight after `to`, converted to
UTC once (zoneinfo, so a DST day is 23 or 25 hours long). Counts come from SQL sums over indexed
time ranges: 15-minute UTC report buckets (written with the messages, chats and resolutions
they count), chat events for durations, ratings. Every zone's offset today is a whole number
of quarter hours, so each bucket falls within one local hour of the zone and the per-day and
per-hour numbers are exact. Percentiles are nearest-rank: the ceil(p * n)-th smallest value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from app import errors
from app.db import Connection, Database, Row
from app.repositories import reports
from app.schemas.reports import MAX_RANGE_DAYS
from app.views import View, user_view

CSV_PAGE = 1000
CSV_COLUMNS = [
    "chat_id",
    "started_at",
    "customer_id",
    "customer_name",
    "status",
    "admin_id",
    "admin_name",
    "first_response_seconds",
    "resolutions",
    "resolved_at",
    "resolution_seconds",
    "rating",
    "rating_comment",
    "blocked",
]
# A cell a spreadsheet would run as a formula gets a leading quote (OWASP's CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


_zones()  # read the zone list at import (start-up), not inside a request


class Range:
    """Local dates [first, last] in `tz`, and the UTC instants [start, end) they cover."""

    def __init__(self, first: str, last: str, tz: str) -> None:
        if tz not in _zones():
            raise errors.BadRequest(
                f"tz must be an IANA time zone name such as Europe/Berlin, got {tz!r}"
            )
        self.zone = ZoneInfo(tz)
        self.tz = tz
        self.first = _date(first, "from")
        self.last = _date(last, "to")
        if self.first > self.last:
            raise errors.BadRequest("from must not be after to")
        if (self.last - self.first).days + 1 > MAX_RANGE_DAYS:
            raise errors.BadRequest(f"a report covers at most {MAX_RANGE_DAYS} days")
        self.start = self._utc(self.first)
        self.end = self._utc(self.last + timedelta(days=1))

    def _utc(self, day: date) -> datetime:
        local = datetime(day.year, day.month, day.day, tzinfo=self.zone)
        return local.astimezone(UTC).replace(tzinfo=None)

    def local(self, at: datetime) -> datetime:
        return at.replace(tzinfo=UTC).astimezone(self.zone)

    def dates(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def _date(text: str, name: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise errors.BadRequest(f"{name} must be a date YYYY-MM-DD, got {text!r}") from None
    if not date(1970, 1, 2) <= day <= date(9998, 12, 30):
        raise errors.BadRequest(f"{name} must be a date between 1970 and 9998")
    return day


def _percentiles(row: Row | None) -> dict[str, float] | None:
    if row is None or not row["n"]:
        return None
    return {"p50": round(float(row["p50"]), 3), "p90": round(float(row["p90"]), 3)}


async def report(db: Database, *, first: str, last: str, tz: str) -> View:
    """The Report of the contract for local dates first..last in tz."""
    rng = Range(first, last, tz)
    span = {"start": rng.start, "end": rng.end}
    async with db.acquire() as conn:
        bucket_rows = await reports.buckets(conn, **span)
        first_response = await reports.percentiles(
            conn, kind="first_response", per_admin=False, **span
        )
        resolution = await reports.percentiles(conn, kind="resolved", per_admin=False, **span)
        score_rows = await reports.scores(conn, **span)
        admins = await _admins(
            conn,
            await reports.admin_counts(conn, **span),
            await reports.percentiles(conn, kind="first_response", per_admin=True, **span),
        )
    days: dict[date, dict[str, Any]] = {
        d: {"date": d.isoformat(), "chats_started": 0, "chats_resolved": 0, "messages": 0}
        for d in rng.dates()
    }
    hours = [[0] * 24 for _ in range(7)]
    totals = {"started": 0, "resolved": 0, "customers": 0, "admins": 0}
    for row in bucket_rows:
        at = rng.local(row["bucket"])
        # Only a zone whose offset is not in quarter hours (none today) could put a bucket's
        # start outside the range: it counts on the range's nearest day.
        day = days[min(max(at.date(), rng.first), rng.last)]
        counts = {key: int(row[key]) for key in totals}
        for key, n in counts.items():
            totals[key] += n
        day["chats_started"] += counts["started"]
        day["chats_resolved"] += counts["resolved"]
        day["messages"] += counts["customers"] + counts["admins"]
        hours[at.weekday()][at.hour] += counts["customers"]
    scores = {str(s): 0 for s in range(1, 6)}
    for row in score_rows:
        scores[str(row["score"])] = int(row["n"])
    count = sum(scores.values())
    average = sum(int(s) * n for s, n in scores.items()) / count if count else None
    return {
        "from": rng.first.isoformat(),
        "to": rng.last.isoformat(),
        "tz": rng.tz,
        "chats_started": totals["started"],
        "chats_resolved": totals["resolved"],
        "messages_from_customers": totals["customers"],
        "messages_from_admins": totals["admins"],
        "first_response_seconds": _percentiles(first_response[0] if first_response else None),
        "resolution_seconds": _percentiles(resolution[0] if resolution else None),
        "csat": {
            "average": None if average is None else round(average, 2),
            "count": count,
            "by_score": scores,
        },
        "days": list(days.values()),
        "admins": admins,
        "hours": hours,
    }


async def _admins(conn: Connection, count_rows: list[Row], first_rows: list[Row]) -> list[View]:
    """Every admin who resolved a chat, wrote, or first-answered one in the range."""
    resolved = {r["admin_id"]: int(r["resolved"]) for r in count_rows if r["resolved"]}
    wrote = {r["admin_id"]: int(r["messages"]) for r in count_rows if r["messages"]}
    firsts = {
        r["admin_id"]: round(float(r["p50"]), 3) for r in first_rows if r["admin_id"] is not None
    }
    ids = sorted({*resolved, *wrote, *firsts} - {None})
    rows = await reports.users(conn, user_ids=ids)
    items: list[dict[str, Any]] = [
        {
            "admin": user_view(u),
            "chats_resolved": resolved.get(u["id"], 0),
            "messages": wrote.get(u["id"], 0),
            "first_response_p50": firsts.get(u["id"]),
        }
        for u in rows
        if u["role"] == "admin"
    ]
    items.sort(key=lambda a: (-a["chats_resolved"], -a["messages"], a["admin"]["id"]))
    return items


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _local_time(rng: Range, wire: str | None) -> str | None:
    if wire is None:
        return None
    return rng.local(_parse_wire(wire)).isoformat(timespec="seconds")


def _parse_wire(wire: str) -> datetime:
    return datetime.fromisoformat(wire.rstrip("Z"))


def check_range(first: str, last: str, tz: str) -> Range:
    """Refuse a bad range before a CSV response starts (its status is sent first)."""
    return Range(first, last, tz)


async def chats_csv(db: Database, rng: Range) -> AsyncIterator[str]:
    """The CSV of the chats started in the range, a header row first; times in the range's
    zone. Read a page at a time on a connection of its own, held only per page."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    yield out.getvalue()
    after_at, after_id = rng.start, 0
    while True:
        async with db.acquire() as conn:
            rows = await reports.chats_page(
                conn, end=rng.end, after_at=after_at, after_id=after_id, limit=CSV_PAGE
            )
        out.seek(0)
        out.truncate()
        for r in rows:
            writer.writerow(
                _cell(v)
                for v in (
                    r["chat_id"],
                    _local_time(rng, r["started"]),
                    r["customer_id"],
                    r["customer_name"],
                    r["status"],
                    r["admin_id"],
                    r["admin_name"],
                    _seconds(r["first_response_seconds"]),
                    r["resolutions"],
                    _local_time(rng, r["resolved_at"]),
                    _seconds(r["resolution_seconds"]),
                    r["rating"],
                    r["rating_comment"],
                    bool(r["blocked"]),
                )
            )
        if rows:
            yield out.getvalue()
        if len(rows) < CSV_PAGE:
            return
        after_at, after_id = _parse_wire(rows[-1]["started"]), rows[-1]["event_id"]


def _seconds(value: object) -> str | None:
    return None if value is None else f"{float(str(value)):.3f}"
