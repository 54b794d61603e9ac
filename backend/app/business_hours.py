"""BUSINESS_HOURS: a weekly schedule in a time zone, e.g.

    Europe/Berlin mon-fri 09:00-18:00, sat 10:00-14:00

A day may have several ranges ("mon 09:00-12:00, mon 13:00-17:00"); a day not named is closed;
"24:00" ends a range at midnight. Outside the schedule the widget is offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\w{3})(?:-(\w{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class Schedule:
    timezone: str
    # minutes since midnight, [start, end), per weekday
    days: dict[str, list[tuple[int, int]]]

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(ZoneInfo(self.timezone))
        minute = local.hour * 60 + local.minute
        return any(a <= minute < b for a, b in self.days[DAYS[local.weekday()]])

    def view(self, now: datetime) -> dict[str, object]:
        def hhmm(m: int) -> str:
            return f"{m // 60:02d}:{m % 60:02d}"

        return {
            "timezone": self.timezone,
            "open": self.is_open(now),
            "days": {d: [[hhmm(a), hhmm(b)] for a, b in self.days[d]] for d in DAYS},
        }


def parse(text: str) -> Schedule:
    """Raises ValueError saying what is wrong."""
    zone, _, rest = text.strip().partition(" ")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"BUSINESS_HOURS: unknown time zone {zone!r}") from None
    days: dict[str, list[tuple[int, int]]] = {d: [] for d in DAYS}
    for part in (p.strip() for p in rest.split(",")):
        if not part:
            continue
        m = _RANGE.match(part.lower())
        if m is None:
            raise ValueError(f"BUSINESS_HOURS: {part!r} is not like 'mon-fri 09:00-18:00'")
        first, last = m.group(1), m.group(2) or m.group(1)
        if first not in DAYS or last not in DAYS:
            raise ValueError(f"BUSINESS_HOURS: days are {', '.join(DAYS)}")
        start = int(m.group(3)) * 60 + int(m.group(4))
        end = int(m.group(5)) * 60 + int(m.group(6))
        if not 0 <= start < end <= 24 * 60:
            raise ValueError(f"BUSINESS_HOURS: {part!r} does not run forward within a day")
        i, j = DAYS.index(first), DAYS.index(last)
        for k in range(i, j + 1) if i <= j else [*range(i, 7), *range(0, j + 1)]:
            days[DAYS[k]].append((start, end))
    return Schedule(zone, days)
