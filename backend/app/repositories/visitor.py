"""SQL of visitors and their page trails (one row per customer, at most 20 pages each)."""

from __future__ import annotations

from datetime import datetime

from app.db import Connection, Row
from app.repositories.placeholders import flat, in_list, value_rows
from app.repositories.wire import wire_time

# PRIMARY KEY. A sign-in or socket of a customer: made on first sight, then its user agent
# (when one was sent) and last-seen time move; an email, once known, is kept.
SEEN_SQL = """
INSERT INTO visitors (customer_id, email, user_agent, browser, os, first_seen_at, last_seen_at)
VALUES (%(customer_id)s, %(email)s, %(user_agent)s, %(browser)s, %(os)s, %(at)s, %(at)s)
ON DUPLICATE KEY UPDATE
    email = COALESCE(VALUES(email), email),
    browser = IF(VALUES(user_agent) IS NULL, browser, VALUES(browser)),
    os = IF(VALUES(user_agent) IS NULL, os, VALUES(os)),
    user_agent = COALESCE(VALUES(user_agent), user_agent),
    last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))
"""


async def seen(
    conn: Connection,
    *,
    customer_id: int,
    user_agent: str | None,
    browser: str | None,
    os: str | None,
    email: str | None,
    at: datetime,
) -> None:
    await conn.execute(
        SEEN_SQL,
        {
            "customer_id": customer_id,
            "email": email,
            "user_agent": user_agent,
            "browser": browser,
            "os": os,
            "at": at,
        },
    )


# PRIMARY KEY.
TOUCH_SQL = "UPDATE visitors SET last_seen_at = GREATEST(last_seen_at, %s) WHERE customer_id = %s"


async def touch(conn: Connection, *, customer_id: int, at: datetime) -> None:
    await conn.execute(TOUCH_SQL, (at, customer_id))


# PRIMARY KEY. Inside an attributes change's transaction: makes the row if need be and locks
# it, so that two tabs setting attributes at once write one after the other.
LOCK_FOR_PAGE_SQL = """
INSERT INTO visitors (customer_id, language, timezone, first_seen_at, last_seen_at)
VALUES (%(customer_id)s, %(language)s, %(timezone)s, %(at)s, %(at)s)
ON DUPLICATE KEY UPDATE
    language = COALESCE(VALUES(language), language),
    timezone = COALESCE(VALUES(timezone), timezone),
    last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))
"""


async def lock_for_page(
    conn: Connection,
    *,
    customer_id: int,
    language: str | None,
    timezone: str | None,
    at: datetime,
) -> None:
    await conn.execute(
        LOCK_FOR_PAGE_SQL,
        {"customer_id": customer_id, "language": language, "timezone": timezone, "at": at},
    )


# --- a batch of page reports (services.page_writer), one visitor each ----------------------
# Only the number of rows or placeholders varies in these; every value is a parameter.


# PRIMARY KEY, row after row in the order given (customer order): makes the visitors that are
# missing and locks them all, so that two batches, or a batch and an attributes change, that
# touch one visitor write one after the other and never lock in a cycle.
def lock_for_pages_sql(count: int) -> str:
    return (
        "INSERT INTO visitors (customer_id, language, timezone, first_seen_at, last_seen_at) "  # noqa: S608
        f"VALUES {value_rows(count, 5)} ON DUPLICATE KEY UPDATE "
        "language = COALESCE(VALUES(language), language), "
        "timezone = COALESCE(VALUES(timezone), timezone), "
        "last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))"
    )


async def lock_for_pages(
    conn: Connection, *, rows: list[tuple[int, str | None, str | None, datetime, datetime]]
) -> None:
    """Rows of (customer_id, language, timezone, at, at), in customer order."""
    await conn.execute(lock_for_pages_sql(len(rows)), flat(rows))


# PRIMARY KEY (customer_id, id): each visitor's trail is one short range (20 pages at most),
# numbered newest first; the newest page and the nth are kept, the rest stay in the server.
def trail_ends_sql(count: int) -> str:
    return (
        "SELECT customer_id, id, url, referrer, rn FROM ("  # noqa: S608
        " SELECT customer_id, id, url, referrer,"
        " ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY id DESC) AS rn"
        f" FROM visitor_pages WHERE customer_id IN {in_list(count)}"
        ") t WHERE rn = 1 OR rn = %s"
    )


async def trail_ends(conn: Connection, *, customer_ids: list[int], nth: int) -> list[Row]:
    """Each visitor's newest page (rn 1) and their nth newest (rn nth), if they have them."""
    return await conn.fetch_all(trail_ends_sql(len(customer_ids)), [*customer_ids, nth])


# PRIMARY KEY (customer_id, id): every row names a page that exists (its visitor is locked),
# so each is an update of its title and time.
def refresh_pages_sql(count: int) -> str:
    return (
        "INSERT INTO visitor_pages (customer_id, id, url, title, referrer, at) "  # noqa: S608
        f"VALUES {value_rows(count, 6)} ON DUPLICATE KEY UPDATE "
        "title = VALUES(title), at = VALUES(at)"
    )


async def refresh_pages(
    conn: Connection,
    *,
    rows: list[tuple[int, int, str, str | None, str | None, datetime]],
) -> None:
    """Rows of (customer_id, page_id, url, title, referrer, at)."""
    if rows:
        await conn.execute(refresh_pages_sql(len(rows)), flat(rows))


def insert_pages_sql(count: int) -> str:
    return (
        "INSERT INTO visitor_pages (customer_id, url, title, referrer, at) "  # noqa: S608
        f"VALUES {value_rows(count, 5)}"
    )


async def insert_pages(
    conn: Connection, *, rows: list[tuple[int, str, str | None, str | None, datetime]]
) -> None:
    """Rows of (customer_id, url, title, referrer, at)."""
    if rows:
        await conn.execute(insert_pages_sql(len(rows)), flat(rows))


# PRIMARY KEY (customer_id, id): the oldest pages of each visitor, a range at the start of theirs.
def prune_pages_many_sql(count: int) -> str:
    ranges = " OR ".join(["(customer_id = %s AND id <= %s)"] * count)
    return f"DELETE FROM visitor_pages WHERE {ranges}"  # noqa: S608


async def prune_pages_many(conn: Connection, *, through: list[tuple[int, int]]) -> None:
    """Pairs of (customer_id, through_id)."""
    if through:
        await conn.execute(prune_pages_many_sql(len(through)), flat(through))


# uq_chats_customer: the visitors' chats, for who hears of their pages.
def chats_of_sql(count: int) -> str:
    return f"SELECT customer_id, id, admin_id FROM chats WHERE customer_id IN {in_list(count)}"  # noqa: S608


async def chats_of(conn: Connection, *, customer_ids: list[int]) -> list[Row]:
    return await conn.fetch_all(chats_of_sql(len(customer_ids)), customer_ids)


# PRIMARY KEY, after lock_for_page has locked the row.
ATTRIBUTES_SQL = "SELECT attributes FROM visitors WHERE customer_id = %s"


async def attributes(conn: Connection, *, customer_id: int) -> str:
    row = await conn.fetch_one(ATTRIBUTES_SQL, (customer_id,))
    return str(row["attributes"]) if row else "{}"


# PRIMARY KEY.
SET_ATTRIBUTES_SQL = "UPDATE visitors SET attributes = %s WHERE customer_id = %s"


async def set_attributes(conn: Connection, *, customer_id: int, attributes: str) -> None:
    await conn.execute(SET_ATTRIBUTES_SQL, (attributes, customer_id))


# The chat (PRIMARY KEY), its customer (PRIMARY KEY), their visitor row (PRIMARY KEY) and their
# newest pages (a range of visitor_pages' PRIMARY KEY), in one round trip. Attributes and pages
# come as JSON text, parsed by the service. A customer seen before this table existed has no
# visitor row: the LEFT JOIN gives them nulls, and their account's creation as first seen.
VISITOR_OF_CHAT_SQL = f"""
SELECT JSON_OBJECT(
    'chat_admin_id', c.admin_id,
    'id', u.id, 'username', u.username, 'display_name', u.display_name, 'role', u.role,
    'is_guest', u.is_guest,
    'email', v.email, 'user_agent', v.user_agent, 'browser', v.browser, 'os', v.os,
    'language', v.language, 'timezone', v.timezone, 'attributes', v.attributes,
    'first_seen_at', {wire_time("COALESCE(v.first_seen_at, u.created_at)")},
    'last_seen_at', {wire_time("COALESCE(v.last_seen_at, u.created_at)")},
    'pages', (
        SELECT JSON_ARRAYAGG(
            JSON_OBJECT('url', p.url, 'title', p.title, 'referrer', p.referrer,
                        'at', {wire_time("p.at")})
            ORDER BY p.id DESC LIMIT %s)
        FROM visitor_pages p WHERE p.customer_id = c.customer_id))
FROM chats c
JOIN users u ON u.id = c.customer_id
LEFT JOIN visitors v ON v.customer_id = c.customer_id
WHERE c.id = %s
"""  # noqa: S608 (constants only: no input is formatted into SQL)


async def visitor_of_chat(conn: Connection, *, chat_id: int, pages: int) -> Row | None:
    return await conn.fetch_json_one(VISITOR_OF_CHAT_SQL, (pages, chat_id))


# The same Visitor of a customer whether or not they have a chat (the export): PRIMARY KEY of
# users, visitors and chats (uq_chats_customer), a range of visitor_pages' PRIMARY KEY.
VISITOR_OF_CUSTOMER_SQL = (
    VISITOR_OF_CHAT_SQL.replace(
        "FROM chats c\nJOIN users u ON u.id = c.customer_id",
        "FROM users u\nLEFT JOIN chats c ON c.customer_id = u.id",
    )
    .replace("WHERE p.customer_id = c.customer_id", "WHERE p.customer_id = u.id")
    .replace(
        "LEFT JOIN visitors v ON v.customer_id = c.customer_id",
        "LEFT JOIN visitors v ON v.customer_id = u.id",
    )
    .replace("WHERE c.id = %s", "WHERE u.id = %s")
)


async def visitor_of_customer(conn: Connection, *, customer_id: int, pages: int) -> Row | None:
    return await conn.fetch_json_one(VISITOR_OF_CUSTOMER_SQL, (pages, customer_id))
