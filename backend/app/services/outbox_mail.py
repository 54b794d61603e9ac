"""The email handler of the outbox: replies by email, team mail, transcripts.

What a reply or team mail holds is decided when it is sent, from the chat's email marks: the
text messages after the mark that the reader has not read yet. Sending moves the mark in the
settle transaction, fenced on the claim, so a message is emailed at most once; a crash between
the SMTP server's 250 and that commit sends the same mail again with the same Message-ID (SMTP
has no way to close that window), which mail clients show once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import aiosmtplib

from app import failpoints
from app.db import Row, transaction
from app.repositories import mail, outbox
from app.services import mailer
from app.services.auth import utcnow
from app.services.mail_templates import render
from app.services.outbox_outcomes import Outcome, delivered, failed, postponed, skipped

if TYPE_CHECKING:
    from app.services.outbox import Outbox

log = logging.getLogger(__name__)

MAX_MESSAGES = 50
MAX_TRANSCRIPT = 1000


def _wire(at: str) -> datetime:
    return datetime.strptime(at[:26], "%Y-%m-%dT%H:%M:%S.%f")


async def attempt(ob: Outbox, row: Row) -> None:
    settings = ob.settings
    topic = row["topic"]
    now = utcnow()
    if not settings.mail_enabled:
        await _settle(ob, skipped(row, now, "email is off"))
        return
    assert settings.public_url
    async with ob.db.acquire() as conn:
        marks = await outbox.get_marks(conn, chat_id=row["chat_id"])
        if marks is None:
            await outbox.settle_one(conn, skipped(row, now, "the chat is gone"))
            return
        customer = marks["customer_id"]
        reply_to: str | None = None
        name = ""
        lang = marks["language"]
        if topic == "team":
            if not settings.team_email:
                await outbox.settle_one(conn, skipped(row, now, "TEAM_EMAIL is not set"))
                return
            after = max(marks["team_upto_id"], marks["admin_last_read_id"])
            messages = await mail.from_customer_after(
                conn,
                chat_id=row["chat_id"],
                customer_id=customer,
                after_id=after,
                limit=MAX_MESSAGES,
            )
            to = settings.team_email
            reply_to = marks["email"]
            name = messages[0]["u_display_name"] if messages else ""
            link = settings.public_url.rstrip("/") + f"/admin/chats/{row['chat_id']}"
            lang = "en"
        else:
            if not marks["email"]:
                await outbox.settle_one(conn, skipped(row, now, "the customer has no email"))
                return
            if topic == "reply":
                if await ob.hub.is_online(customer):
                    # They are in the chat: it shows there. Look again after another wait.
                    wait = timedelta(seconds=settings.email_followup_seconds)
                    await outbox.settle_one(conn, postponed(row, now + wait))
                    return
                after = max(marks["customer_upto_id"], marks["customer_last_read_id"])
                messages = await mail.replies_after(
                    conn,
                    chat_id=row["chat_id"],
                    customer_id=customer,
                    after_id=after,
                    limit=MAX_MESSAGES,
                )
            else:
                messages = await mail.transcript(conn, chat_id=row["chat_id"], limit=MAX_TRANSCRIPT)
            to = marks["email"]
            page = await mail.last_page(conn, customer_id=customer)
            link = mailer.link_back(page, settings.public_url)
        if not messages:
            await outbox.settle_one(conn, skipped(row, now, "nothing left to send"))
            return
    content = render(topic, lang=lang, messages=messages, link=link, name=name)
    msg = mailer.build(settings, outbox_id=row["id"], to=to, mail=content, reply_to=reply_to)
    try:
        await mailer.send(settings, msg)
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        await _settle(ob, failed(settings, row, utcnow(), f"{type(exc).__name__}: {exc}"))
        return
    failpoints.crash_if("outbox-before-settle")
    upto = messages[-1]["id"]
    async with ob.db.acquire() as conn:
        async with transaction(conn):
            if not await outbox.lock_claimed(conn, outbox_id=row["id"], token=row["claim_token"]):
                log.warning("outbox email %s was sent after its lease ran out", row["id"])
                return
            if topic == "reply":
                await outbox.move_marks(
                    conn, chat_id=row["chat_id"], customer_upto_id=upto, team_upto_id=0
                )
            elif topic == "team":
                await outbox.move_marks(
                    conn, chat_id=row["chat_id"], customer_upto_id=0, team_upto_id=upto
                )
            await outbox.settle_one(conn, _delivered(row))
            if topic in ("reply", "team"):
                # Messages committed while this one was out joined it (one pending row per
                # chat): what it did not carry gets a row of its own, due after its wait.
                if topic == "reply":
                    more = await mail.replies_after(
                        conn, chat_id=row["chat_id"], customer_id=customer, after_id=upto, limit=1
                    )
                else:
                    more = await mail.from_customer_after(
                        conn, chat_id=row["chat_id"], customer_id=customer, after_id=upto, limit=1
                    )
                if more:
                    due = _wire(more[0]["created_at"]) + timedelta(
                        seconds=settings.email_followup_seconds
                    )
                    await outbox.enqueue_emails(
                        conn, topic=topic, chat_ids=[row["chat_id"]], due=due, at=utcnow()
                    )


def _delivered(row: Row) -> Outcome:
    return delivered(row, utcnow(), 250)


async def _settle(ob: Outbox, outcome: Outcome) -> None:
    async with ob.db.acquire() as conn:
        await outbox.settle_one(conn, outcome)
