"""The statements Parley sends carry their parameters exactly: the literals that app.db makes
are the ones the driver would make, and what a user writes comes back as written."""

from __future__ import annotations

from datetime import datetime

import httpx
import pymysql
from app import db
from hypothesis import given, settings
from hypothesis import strategies as st
from pymysql.converters import escape_item

from tests.factories import Factory

# Every character the escaper treats specially, among ordinary, Cyrillic and astral ones.
SPECIAL = "\\\0\n\r\x1a'\"%"
TEXT = st.text(alphabet=st.sampled_from(SPECIAL + "aZ 9бЖ€😀\t{}:,"), max_size=40) | st.text()


class _Raw:
    """What literal() reads of a connection: its server status, and its own escape."""

    server_status = 0

    @staticmethod
    def escape(value: object) -> str:
        return str(escape_item(value, "utf8mb4"))


def _driver(value: object) -> str:
    return str(escape_item(value, "utf8mb4"))


@settings(max_examples=2000, deadline=None)
@given(TEXT)
def test_a_string_literal_is_the_drivers(value: str) -> None:
    assert db.literal(_Raw(), value) == _driver(value)  # type: ignore[arg-type]


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=datetime(1000, 1, 1)), st.integers(-(2**63), 2**64 - 1))
def test_a_time_and_a_number_are_the_drivers(at: datetime, number: int) -> None:
    assert db.literal(_Raw(), at) == _driver(at)  # type: ignore[arg-type]
    assert db.literal(_Raw(), number) == _driver(number)  # type: ignore[arg-type]


def test_other_values_are_left_to_the_driver() -> None:
    for value in (None, True, False, 1.5, b"\x00'x"):
        assert db.literal(_Raw(), value) == _driver(value)  # type: ignore[arg-type]


def test_a_percent_sign_in_a_value_is_not_a_placeholder() -> None:
    statement = db.render(_Raw(), "SELECT %s, %s", ("100%s", 5))  # type: ignore[arg-type]
    assert statement == "SELECT '100%s', 5"


async def test_a_message_with_every_special_character_comes_back_as_written(
    api: httpx.AsyncClient,
    make: Factory,
    sql: pymysql.Connection,  # type: ignore[type-arg]
) -> None:
    guest = await make.guest()
    body = "It's \"quoted\", C:\\path\\n, 100% \x1a done; '); DROP TABLE messages; -- Привет 😀"
    sent = await api.post("/me/chat/messages", json={"body": body}, headers=guest.auth)
    assert sent.status_code == 201, sent.text
    history = await api.get(f"/chats/{sent.json()['chat_id']}/messages", headers=guest.auth)
    assert [m["body"] for m in history.json()["items"]] == [body]
    with sql.cursor() as cur:
        cur.execute("SELECT body FROM messages WHERE id = %s", (sent.json()["id"],))
        assert cur.fetchone()["body"] == body
