"""Visitor context: who the customer is, where they are on the site, from what browser.

A visitor is per customer and exists before their chat: pages reported before the first
message are kept, and the chat's admin sees them once there is a chat. A page report is the
hot write here (every navigation of every open widget): reports that arrive together share a
transaction (services.page_writer), and each socket may report only so often.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from ua_parser import parse as parse_user_agent

from app import errors
from app.db import Connection, Row, transaction
from app.realtime.hub import Hub
from app.repositories import visitor
from app.serialization import iso, loads
from app.services.page_writer import MAX_PAGES, PageReport, PageWriter
from app.services.pool import Db, connection
from app.views import View, admin_may_read, user_view

MAX_ATTRIBUTES = 50
MAX_USER_AGENT = 1024
# A socket may report a burst of this many pages, then one a second: a widget reports on load
# and on navigation, so a faster stream is a loop or an attack, and it must not crowd out sends.
PAGE_BURST = 10
PAGES_PER_SECOND = 1.0
USER_AGENT_CACHE = 2048


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# --- user agents ---------------------------------------------------------------------------

_agents: OrderedDict[str, tuple[str | None, str | None]] = OrderedDict()


def _short(family: str | None, major: str | None) -> str | None:
    if not family or family == "Other":
        return None
    return f"{family} {major}" if major else family


def _parse(user_agent: str) -> tuple[str | None, str | None]:
    result = parse_user_agent(user_agent)
    ua, os = result.user_agent, result.os
    return (
        _short(ua.family, ua.major) if ua else None,
        _short(os.family, os.major) if os else None,
    )


# ua-parser compiles its rules on first use (~0.2 s holding the GIL): at import, not while
# serving, so that the first visitor does not stall the event loop.
_parse("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")


async def browser_and_os(user_agent: str) -> tuple[str | None, str | None]:
    """("Chrome 156", "Windows 10") by ua-parser's maintained rules. A first sight of a user
    agent is matched in a thread (a thousand regexes; the first call loads them all), and the
    answer is remembered, so a returning browser costs a dictionary lookup."""
    known = _agents.get(user_agent)
    if known is not None:
        _agents.move_to_end(user_agent)
        return known
    parsed = await asyncio.to_thread(_parse, user_agent)
    _agents[user_agent] = parsed
    if len(_agents) > USER_AGENT_CACHE:
        _agents.popitem(last=False)
    return parsed


def _clean_user_agent(user_agent: str | None) -> str | None:
    return user_agent[:MAX_USER_AGENT] if user_agent else None


async def record_sign_in(
    db: Db, *, customer: Row, user_agent: str | None, email: str | None = None
) -> None:
    """A customer's sign-in or socket: their user agent is the latest one's; an email, when the
    host site vouched for one, is kept."""
    if customer["role"] != "customer":
        return
    user_agent = _clean_user_agent(user_agent)
    browser, os = await browser_and_os(user_agent) if user_agent else (None, None)
    async with connection(db) as conn:
        await visitor.seen(
            conn,
            customer_id=customer["id"],
            user_agent=user_agent,
            browser=browser,
            os=os,
            email=email,
            at=_now(),
        )


async def record_leaving(db: Db, *, customer: Row) -> None:
    """A customer's socket closed: they were last seen now."""
    if customer["role"] != "customer":
        return
    async with connection(db) as conn:
        await visitor.touch(conn, customer_id=customer["id"], at=_now())


# --- pages -----------------------------------------------------------------------------------


@dataclass(slots=True)
class PageThrottle:
    """One socket's allowance of page reports (a token bucket)."""

    tokens: float = PAGE_BURST
    at: float = field(default_factory=time.monotonic)

    def take(self) -> int:
        """0 if a report may go ahead, else the seconds to wait."""
        now = time.monotonic()
        self.tokens = min(PAGE_BURST, self.tokens + (now - self.at) * PAGES_PER_SECOND)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0
        return max(1, int((1 - self.tokens) / PAGES_PER_SECOND + 0.999))


async def report_page(
    pages: PageWriter,
    throttle: PageThrottle | None,
    *,
    customer: Row,
    url: str,
    title: str | None,
    referrer: str | None,
    language: str | None,
    timezone: str | None,
) -> None:
    """The customer is on this page now; the admins who may read their chat hear of it once it
    is written (services.page_writer, which batches reports that arrive together)."""
    if customer["role"] != "customer":
        raise errors.Forbidden("only visitors report their pages")
    if throttle is not None and (wait := throttle.take()):
        raise errors.RateLimited(f"too many page reports; try again in {wait} s", wait)
    await pages.write(PageReport(customer["id"], url, title, referrer, language, timezone, _now()))


# --- attributes ------------------------------------------------------------------------------


async def set_attributes(db: Db, *, customer: Row, attributes: dict[str, Any]) -> None:
    """Merge what the host site set: a null removes a key; at most 50 keys in all."""
    if customer["role"] != "customer":
        raise errors.Forbidden("only visitors have attributes")
    customer_id = customer["id"]
    async with connection(db) as conn:
        async with transaction(conn):
            await visitor.lock_for_page(
                conn, customer_id=customer_id, language=None, timezone=None, at=_now()
            )
            merged = loads(await visitor.attributes(conn, customer_id=customer_id))
            for key, value in attributes.items():
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            if len(merged) > MAX_ATTRIBUTES:
                raise errors.BadRequest(
                    f"a visitor has at most {MAX_ATTRIBUTES} attributes ({len(merged)} after this)"
                )
            await visitor.set_attributes(
                conn, customer_id=customer_id, attributes=orjson.dumps(merged).decode()
            )


# --- reading ---------------------------------------------------------------------------------


def _json(value: Any, default: Any) -> Any:
    if value is None:
        return default
    return loads(value) if isinstance(value, str | bytes) else value


async def get_visitor(db: Db, hub: Hub, *, admin: Row, chat_id: int) -> View:
    """The visitor behind a chat, for an admin who may read the chat."""
    if admin["role"] != "admin":
        raise errors.Forbidden("only admins see visitors")
    async with connection(db) as conn:
        row = await visitor.visitor_of_chat(conn, chat_id=chat_id, pages=MAX_PAGES)
    if row is None:
        raise errors.NotFound("no such chat")
    if not admin_may_read({"admin_id": row["chat_admin_id"]}, admin["id"]):
        raise errors.Forbidden("this chat belongs to another admin")
    return await visitor_view(hub, row)


async def get_customer_visitor(conn: Connection, hub: Hub, *, customer_id: int) -> View | None:
    """The Visitor of a customer, with or without a chat (the export); None for no such user."""
    row = await visitor.visitor_of_customer(conn, customer_id=customer_id, pages=MAX_PAGES)
    return None if row is None else await visitor_view(hub, row)


async def visitor_view(hub: Hub, row: Row) -> View:
    pages = _json(row["pages"], [])
    online = await hub.is_online(row["id"])
    return {
        "customer": user_view(row),
        "email": row["email"],
        "online": online,
        "current_page": pages[0] if pages else None,
        "pages": pages,
        "user_agent": row["user_agent"],
        "browser": row["browser"],
        "os": row["os"],
        "language": row["language"],
        "timezone": row["timezone"],
        "attributes": _json(row["attributes"], {}),
        "first_seen_at": row["first_seen_at"],
        "last_seen_at": iso(_now()) if online else row["last_seen_at"],
    }
