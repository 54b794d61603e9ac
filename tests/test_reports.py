"""Reports: numbers from recorded chat events and exact 15-minute message counts, checked on a
constructed history with known answers (a chat across midnight on Berlin's DST day, empty
days, nearest-rank percentiles), on live traffic through the API, and the CSV parsed back."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pymysql
import pytest

from tests.factories import Actor, Factory

# The migration's backfill: text messages per quarter hour and sender, chats started and
# resolutions from the chat events.
RECOUNT_SQL = """
SELECT bucket, who, SUM(messages) AS messages, SUM(started) AS started, SUM(resolved) AS resolved
FROM (
    SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', m.created_at) DIV 15) * 15,
                        TIMESTAMP'2000-01-01 00:00:00') AS bucket,
           IF(m.sender_id = c.customer_id, 0, m.sender_id) AS who,
           1 AS messages, 0 AS started, 0 AS resolved
    FROM messages m JOIN chats c ON c.id = m.chat_id
    WHERE m.kind = 'text'
    UNION ALL
    SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', e.at) DIV 15) * 15,
                        TIMESTAMP'2000-01-01 00:00:00'),
           IF(e.kind = 'resolved', COALESCE(e.admin_id, 0), 0),
           0, e.kind = 'first_customer_message', e.kind = 'resolved'
    FROM chat_events e WHERE e.kind IN ('first_customer_message', 'resolved')
) x
GROUP BY bucket, who
"""


def _buckets(sql: pymysql.Connection) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:  # type: ignore[type-arg]
    """(the stored counts, a recount from the messages and events), empty rows left out."""
    with sql.cursor() as cur:
        cur.execute(
            "SELECT bucket, admin_id AS who, messages, chats_started AS started, "
            "chats_resolved AS resolved FROM report_buckets"
        )
        stored = {_key(r) for r in cur.fetchall()} - {None}
        cur.execute(RECOUNT_SQL)
        recount = {_key(r) for r in cur.fetchall()} - {None}
    return stored, recount


def _key(r: dict[str, Any]) -> tuple[Any, ...] | None:
    counts = (int(r["messages"]), int(r["started"]), int(r["resolved"]))
    return (str(r["bucket"]), int(r["who"]), *counts) if any(counts) else None


class History:
    """Chats written straight into the tables at chosen UTC times, as the send and resolve
    transactions write them (messages, chat events, message buckets)."""

    def __init__(self, sql: pymysql.Connection) -> None:  # type: ignore[type-arg]
        self.sql = sql

    def chat(
        self,
        customer: Actor,
        admin: Actor,
        start: datetime,
        *,
        reply_after: float | None = None,
        resolve_after: float | None = None,
        extra_customer_at: list[datetime] | None = None,
        score: int | None = None,
    ) -> int:
        with self.sql.cursor() as cur:
            resolved = start + timedelta(seconds=resolve_after) if resolve_after else None
            cur.execute(
                "INSERT INTO chats (customer_id, admin_id, status, created_at, updated_at, "
                "resolved_at, resolutions) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (
                    customer.id,
                    admin.id,
                    "resolved" if resolved else "active",
                    start,
                    resolved or start,
                    resolved,
                    1 if resolved else 0,
                ),
            )
            chat_id = cur.lastrowid
            texts = [(customer.id, "text", start)]
            texts += [(customer.id, "text", at) for at in extra_customer_at or []]
            # A note a second in: it is never a response and counts nowhere.
            texts.append((admin.id, "note", start + timedelta(seconds=1)))
            events = [(chat_id, "first_customer_message", None, start, None)]
            if reply_after is not None:
                at = start + timedelta(seconds=reply_after)
                texts.append((admin.id, "text", at))
                events.append((chat_id, "first_response", admin.id, at, reply_after))
            if resolved:
                events.append((chat_id, "resolved", admin.id, resolved, resolve_after))
            for sender, kind, at in texts:
                cur.execute(
                    "INSERT INTO messages (chat_id, sender_id, body, kind, created_at) "
                    "VALUES (%s, %s, 'x', %s, %s)",
                    (chat_id, sender, kind, at),
                )
            cur.executemany(
                "INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds) "
                "VALUES (%s, %s, %s, %s, %s)",
                events,
            )
            if score is not None:
                cur.execute(
                    "INSERT INTO chat_ratings (chat_id, resolution, admin_id, score, created_at) "
                    "VALUES (%s, 1, %s, %s, %s)",
                    (chat_id, admin.id, score, resolved),
                )
            cur.execute("DELETE FROM report_buckets")
            cur.execute(
                "INSERT INTO report_buckets "  # noqa: S608
                "(bucket, admin_id, messages, chats_started, chats_resolved) " + RECOUNT_SQL
            )
        return int(chat_id)


@pytest.fixture
def history(sql: pymysql.Connection) -> History:  # type: ignore[type-arg]
    return History(sql)


async def _report(api: httpx.AsyncClient, admin: Actor, **params: str) -> dict[str, Any]:
    r = await api.get("/admin/reports", params=params, headers=admin.auth)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _day(report: dict[str, Any], date: str) -> dict[str, Any]:
    return next(d for d in report["days"] if d["date"] == date)


def utc(*args: int) -> datetime:
    return datetime(*args)  # naive UTC, as the tables hold it


async def test_a_chat_across_midnight_on_berlins_dst_day(
    make: Factory, api: httpx.AsyncClient, history: History
) -> None:
    admin = await make.admin("ana", "Ana")
    customer = await make.guest("Dora")
    # Saturday 2024-03-30 23:30 in Berlin (CET, UTC+1): the customer writes. The answer comes at
    # 00:10 on Sunday, the day clocks jump from 02:00 to 03:00; resolved at 03:30 (CEST, UTC+2).
    start = utc(2024, 3, 30, 22, 30)
    history.chat(
        customer,
        admin,
        start,
        reply_after=40 * 60,
        resolve_after=3 * 3600,  # 22:30 UTC + 3 h = 01:30 UTC = 03:30 CEST
        extra_customer_at=[utc(2024, 3, 31, 21, 30), utc(2024, 3, 31, 22, 30)],
        score=5,
    )
    berlin = await _report(
        api, admin, **{"from": "2024-03-28", "to": "2024-04-02", "tz": "Europe/Berlin"}
    )
    assert [d["date"] for d in berlin["days"]] == [
        "2024-03-28", "2024-03-29", "2024-03-30", "2024-03-31", "2024-04-01", "2024-04-02",
    ]  # fmt: skip
    assert _day(berlin, "2024-03-28") == {
        "date": "2024-03-28", "chats_started": 0, "chats_resolved": 0, "messages": 0,
    }  # fmt: skip
    assert _day(berlin, "2024-03-30") == {
        "date": "2024-03-30", "chats_started": 1, "chats_resolved": 0, "messages": 1,
    }  # fmt: skip
    # 00:10 (the answer), 23:30 CEST (21:30 UTC); 22:30 UTC is already Monday 00:30.
    assert _day(berlin, "2024-03-31") == {
        "date": "2024-03-31", "chats_started": 0, "chats_resolved": 1, "messages": 2,
    }  # fmt: skip
    assert _day(berlin, "2024-04-01")["messages"] == 1
    assert berlin["chats_started"] == 1 and berlin["chats_resolved"] == 1
    assert berlin["messages_from_customers"] == 3 and berlin["messages_from_admins"] == 1
    assert berlin["first_response_seconds"] == {"p50": 2400.0, "p90": 2400.0}
    assert berlin["resolution_seconds"] == {"p50": 10800.0, "p90": 10800.0}
    assert berlin["csat"] == {
        "average": 5.0, "count": 1, "by_score": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 1},
    }  # fmt: skip
    # Customer messages by weekday (Monday first) and local hour.
    hours = berlin["hours"]
    assert len(hours) == 7 and all(len(row) == 24 for row in hours)
    assert hours[5][23] == 1  # Saturday 23:30 CET
    assert hours[6][23] == 1  # Sunday 23:30 CEST
    assert hours[0][0] == 1  # Monday 00:30 CEST
    assert sum(map(sum, hours)) == 3
    [row] = berlin["admins"]
    assert row["admin"]["display_name"] == "Ana"
    assert row == {**row, "chats_resolved": 1, "messages": 1, "first_response_p50": 2400.0}

    # The same history in UTC: everything but the late customer message falls on the 30th.
    plain = await _report(api, admin, **{"from": "2024-03-30", "to": "2024-03-31"})
    assert plain["tz"] == "UTC"
    assert _day(plain, "2024-03-30") == {
        "date": "2024-03-30", "chats_started": 1, "chats_resolved": 0, "messages": 2,
    }  # fmt: skip
    assert _day(plain, "2024-03-31")["chats_resolved"] == 1
    assert _day(plain, "2024-03-31")["messages"] == 2
    assert plain["hours"][5][22] == 1 and plain["hours"][5][23] == 0

    # Sunday alone in Berlin is 23 hours: 23:00 UTC on the 30th to 22:00 UTC on the 31st.
    sunday = await _report(
        api, admin, **{"from": "2024-03-31", "to": "2024-03-31", "tz": "Europe/Berlin"}
    )
    assert sunday["chats_started"] == 0 and sunday["chats_resolved"] == 1
    assert sunday["messages_from_customers"] == 1 and sunday["messages_from_admins"] == 1
    # A half-hour zone sums the same quarter-hour buckets exactly.
    india = await _report(
        api, admin, **{"from": "2024-03-31", "to": "2024-03-31", "tz": "Asia/Kolkata"}
    )
    # 22:30 UTC on the 30th is 04:00 on the 31st in India; 21:30 and 22:30 UTC on the 31st are
    # 03:00 and 04:00 on April 1st.
    assert india["messages_from_customers"] == 1 and india["hours"][6][4] == 1


async def test_nearest_rank_percentiles_and_the_team_table(
    make: Factory, api: httpx.AsyncClient, history: History
) -> None:
    ana = await make.admin("ana2", "Ana")
    ben = await make.admin("ben2", "Ben")
    day = utc(2025, 6, 2, 9)
    for i, (admin, reply, resolve, score) in enumerate(
        [(ana, 10, 100, 5), (ana, 20, 200, 4), (ben, 30, 300, 2), (ben, 40, None, None)]
    ):
        customer = await make.guest(f"C{i}")
        history.chat(
            customer,
            admin,
            day + timedelta(hours=i),
            reply_after=reply,
            resolve_after=resolve,
            score=score,
        )
    report = await _report(api, ana, **{"from": "2025-06-02", "to": "2025-06-02"})
    # Nearest rank of 10, 20, 30, 40: p50 the 2nd, p90 the 4th; of 100, 200, 300: 2nd and 3rd.
    assert report["first_response_seconds"] == {"p50": 20.0, "p90": 40.0}
    assert report["resolution_seconds"] == {"p50": 200.0, "p90": 300.0}
    assert report["csat"]["count"] == 3 and report["csat"]["average"] == pytest.approx(3.67)
    assert report["csat"]["by_score"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    team = {row["admin"]["display_name"]: row for row in report["admins"]}
    assert team["Ana"]["chats_resolved"] == 2 and team["Ana"]["messages"] == 2
    assert team["Ana"]["first_response_p50"] == 10.0
    assert team["Ben"]["chats_resolved"] == 1 and team["Ben"]["first_response_p50"] == 30.0
    # A day with nothing: zeros, and nulls where there is no data.
    empty = await _report(api, ana, **{"from": "2025-06-03", "to": "2025-06-04"})
    assert empty["days"] == [
        {"date": "2025-06-03", "chats_started": 0, "chats_resolved": 0, "messages": 0},
        {"date": "2025-06-04", "chats_started": 0, "chats_resolved": 0, "messages": 0},
    ]
    assert empty["first_response_seconds"] is None and empty["resolution_seconds"] is None
    assert empty["csat"]["average"] is None and empty["csat"]["count"] == 0
    assert empty["admins"] == [] and sum(map(sum, empty["hours"])) == 0


async def test_live_traffic_is_counted_as_it_commits_and_notes_count_nowhere(
    make: Factory,
    api: httpx.AsyncClient,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    first = await make.message(guest, "hello?")
    chat_id = first["chat_id"]
    await make.open(admin, chat_id)
    await make.note(admin, chat_id, "a note is no answer")
    reply = await make.reply(admin, chat_id, "hi, how can I help")
    await make.reply(admin, chat_id, "still there?")
    await make.message(guest, "yes")
    await make.resolve(admin, chat_id)
    await make.resolve(admin, chat_id)  # a repeated resolve is no second resolution
    await make.message(guest, "one more question")  # reopens: not a new chat
    await make.open(admin, chat_id)
    await make.resolve(admin, chat_id)
    today = datetime.now(UTC).date().isoformat()
    report = await _report(api, admin, **{"from": today, "to": today})
    assert report["chats_started"] == 1
    assert report["chats_resolved"] == 2
    assert report["messages_from_customers"] == 3 and report["messages_from_admins"] == 2
    gap = (
        datetime.fromisoformat(reply["created_at"].rstrip("Z"))
        - datetime.fromisoformat(first["created_at"].rstrip("Z"))
    ).total_seconds()
    assert report["first_response_seconds"]["p50"] == pytest.approx(gap, abs=0.002)
    [row] = report["admins"]
    assert row["admin"]["id"] == admin.id and row["messages"] == 2 and row["chats_resolved"] == 2
    assert sum(map(sum, report["hours"])) == 3
    stored, recount = _buckets(sql)
    assert stored == recount


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2025-01-02", "to": "2025-01-01"},
        {"from": "2024-01-01", "to": "2025-01-01"},  # 367 days
        {"from": "2025-02-30", "to": "2025-03-01"},
        {"from": "2025-01-01", "to": "2025-01-01", "tz": "Mars/Olympus"},
        {"from": "2025-01-01", "to": "2025-01-01", "tz": "../../etc/passwd"},
        {"from": "0000-01-01", "to": "0000-01-02"},
        {"from": "2025-1-1", "to": "2025-01-02"},
        {"to": "2025-01-02"},
    ],
)
async def test_bad_ranges_are_422(
    make: Factory, api: httpx.AsyncClient, params: dict[str, str]
) -> None:
    admin = await make.admin()
    for path in ("/admin/reports", "/admin/reports/chats.csv"):
        r = await api.get(path, params=params, headers=admin.auth)
        assert r.status_code == 422, (path, r.text)


async def test_customers_get_403(make: Factory, api: httpx.AsyncClient) -> None:
    guest = await make.guest()
    q = {"from": "2025-01-01", "to": "2025-01-01"}
    for path in ("/admin/reports", "/admin/reports/chats.csv"):
        assert (await api.get(path, params=q, headers=guest.auth)).status_code == 403


async def test_the_csv_parses_back_one_row_per_chat_started_and_defuses_formulas(
    make: Factory, api: httpx.AsyncClient, history: History
) -> None:
    admin = await make.admin("carla", "Carla")
    sneaky = await make.guest('=HYPERLINK("http://evil")')
    plain = await make.guest('Plain, "quoted" name')
    late = await make.guest("Late")
    a = history.chat(
        sneaky, admin, utc(2024, 3, 30, 22, 30), reply_after=60, resolve_after=600, score=4
    )
    b = history.chat(plain, admin, utc(2024, 3, 31, 8), reply_after=None)
    history.chat(late, admin, utc(2024, 3, 31, 22, 30))  # April 1st in Berlin: not in range
    r = await api.get(
        "/admin/reports/chats.csv",
        params={"from": "2024-03-30", "to": "2024-03-31", "tz": "Europe/Berlin"},
        headers=admin.auth,
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith("attachment;")
    assert ".csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.text.startswith("chat_id,")
    assert [int(row["chat_id"]) for row in rows] == [a, b]
    first, second = rows
    assert first["customer_name"] == '\'=HYPERLINK("http://evil")'
    assert first["started_at"] == "2024-03-30T23:30:00+01:00"
    assert first["resolved_at"] == "2024-03-30T23:40:00+01:00"
    assert first["first_response_seconds"] == "60.000"
    assert first["resolution_seconds"] == "600.000"
    assert first["rating"] == "4" and first["status"] == "resolved"
    assert first["admin_name"] == "Carla"
    assert second["customer_name"] == 'Plain, "quoted" name'
    assert second["started_at"] == "2024-03-31T10:00:00+02:00"
    assert second["first_response_seconds"] == "" and second["rating"] == ""
    report = await _report(
        api, admin, **{"from": "2024-03-30", "to": "2024-03-31", "tz": "Europe/Berlin"}
    )
    assert report["chats_started"] == len(rows)
    empty = await api.get(
        "/admin/reports/chats.csv",
        params={"from": "2020-01-01", "to": "2020-01-01"},
        headers=admin.auth,
    )
    assert empty.status_code == 200 and empty.text.strip() == ",".join(
        next(csv.reader(io.StringIO(r.text)))
    )
