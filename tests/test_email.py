"""Email through the outbox, to a real SMTP server (aiosmtpd) on a loopback port: replies by
email after the wait, batched and sent once; none when the customer read them or is online;
team mail while nobody is online; transcripts; Russian; notes in no mail; a stable Message-ID."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from email.message import EmailMessage
from typing import Any

import httpx
import pymysql
import pytest
from app.config import DatabaseParams
from app.manage import connect, create_database, drop_database, migrate

from tests.conftest import random_ip
from tests.factories import Actor, Factory
from tests.receivers import SmtpSink, html_of, text_of, wait_for
from tests.servers import Server, new_database_url

WAIT = 1.0
TEAM = "team@shop.example"


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def mail_db() -> Iterator[str]:
    url = new_database_url("parley_mail")
    create_database(DatabaseParams(url))
    migrate(url)
    yield url
    drop_database(DatabaseParams(url))


@pytest.fixture(scope="module")
def mail_server(mail_db: str, smtp: SmtpSink) -> Iterator[Server]:
    srv = Server(
        mail_db,
        SMTP_URL=smtp.url,
        MAIL_FROM="Shop support <support@shop.example>",
        PUBLIC_URL="https://shop.example",
        TEAM_EMAIL=TEAM,
        EMAIL_FOLLOWUP_SECONDS=str(WAIT),
        OUTBOX_RETRY_SCHEDULE="0.3,0.3",
        OUTBOX_POLL_SECONDS="0.1",
        RATE_LIMITS="off",
    ).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def mail_sql(mail_db: str) -> Iterator[pymysql.Connection]:  # type: ignore[type-arg]
    conn = connect(DatabaseParams(mail_db), autocommit=True, cursorclass=pymysql.cursors.DictCursor)
    yield conn
    conn.close()


@pytest.fixture
async def m(
    mail_server: Server,
    mail_sql: pymysql.Connection,  # type: ignore[type-arg]
    smtp: SmtpSink,
) -> AsyncIterator[Factory]:
    async with httpx.AsyncClient(
        base_url=mail_server.url + "/api/v1", headers={"X-Forwarded-For": random_ip()}, timeout=15
    ) as client:
        factory = Factory(client, mail_server, mail_sql)
        yield factory
        for ws in factory.sockets:
            await ws.close()
    with mail_sql.cursor() as cur:
        for table in ("outbox", "messages", "chats", "users"):
            cur.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
    with smtp.lock:
        smtp.mails.clear()
        smtp.refused.clear()


async def _visitor(
    m: Factory, email: str, *, page: str | None = None, language: str | None = None
) -> Actor:
    """A guest who left an email and (through a socket since closed) reported a page."""
    guest = await m.guest("Mina")
    r = await m.api.post("/me/email", json={"email": email}, headers=guest.auth)
    assert r.status_code == 204, r.text
    if page or language:
        ws = await m.socket(guest)
        params: dict[str, Any] = {"url": page or "https://shop.example/"}
        if language:
            params["language"] = language
        assert "result" in await ws.call("visitor.page", params)
        await ws.close()
        await asyncio.sleep(0.2)
    return guest


async def _quiet(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def test_admin_replies_are_emailed_once_after_the_wait_together_with_a_link_back(
    m: Factory, smtp: SmtpSink
) -> None:
    guest = await _visitor(m, "mina@example.com", page="https://shop.example/cart?step=2#pay")
    admin = await m.admin(display_name="Oleg")
    chat_id = (await m.message(guest, "is my order shipped?"))["chat_id"]
    await m.open(admin, chat_id)
    await m.reply(admin, chat_id, "Let me check.")
    await m.note(admin, chat_id, "internal: customer is grumpy")
    await m.reply(admin, chat_id, "It left today <b>with DHL</b> & arrives Friday.")
    await _quiet(WAIT / 2)
    assert smtp.to("mina@example.com") == []  # still inside the wait

    mails = await wait_for(lambda: smtp.to("mina@example.com"), timeout=10)
    await _quiet(WAIT * 2)
    assert len(smtp.to("mina@example.com")) == 1, "the two replies go out in one email, once"
    mail = mails[0]
    assert mail["From"] == "Shop support <support@shop.example>"
    assert mail["Subject"] == "New reply to your conversation"
    text, html = text_of(mail), html_of(mail)
    assert "Let me check." in text and "with DHL</b> & arrives Friday." in text
    assert "Oleg" in text
    assert "&lt;b&gt;with DHL&lt;/b&gt; &amp; arrives Friday." in html and "<b>with" not in html
    assert "https://shop.example/cart?step=2&parley=open#pay" in text
    assert "is my order shipped?" not in text  # the customer's own message is not a reply
    assert "grumpy" not in mail.as_string()

    await m.reply(admin, chat_id, "Tracking number: 42.")
    second = await wait_for(lambda: len(smtp.to("mina@example.com")) == 2, timeout=10)
    assert second
    latest = text_of(smtp.to("mina@example.com")[1])
    assert "Tracking number: 42." in latest and "Let me check." not in latest
    assert smtp.to("mina@example.com")[1]["Message-ID"] != mail["Message-ID"]
    assert smtp.to(TEAM) == [] or all("Mina" in t["Subject"] for t in smtp.to(TEAM))


async def test_no_reply_email_when_the_customer_read_it_or_is_online(
    m: Factory, smtp: SmtpSink
) -> None:
    reader = await _visitor(m, "reader@example.com")
    watcher = await _visitor(m, "watcher@example.com")
    admin = await m.admin()
    read_chat = (await m.message(reader, "hello"))["chat_id"]
    watch_chat = (await m.message(watcher, "hello"))["chat_id"]
    ws = await m.socket(watcher)  # stays open: the reply shows in the widget
    await m.open(admin, read_chat)
    await m.open(admin, watch_chat)
    reply = await m.reply(admin, read_chat, "read me in the widget")
    await m.reply(admin, watch_chat, "you are here anyway")
    r = await m.api.post(
        f"/chats/{read_chat}/read", json={"last_read_id": reply["id"]}, headers=reader.auth
    )
    assert r.status_code == 204
    await _quiet(WAIT * 3)
    assert smtp.to("reader@example.com") == []
    assert smtp.to("watcher@example.com") == []
    await ws.close()


async def test_no_email_without_an_address_and_never_for_a_note(m: Factory, smtp: SmtpSink) -> None:
    anonymous = await m.guest()
    admin = await m.admin()
    chat_id = (await m.message(anonymous, "hi"))["chat_id"]
    await m.open(admin, chat_id)
    await m.reply(admin, chat_id, "hello there")
    noted = await _visitor(m, "noted@example.com")
    noted_chat = (await m.message(noted, "hi"))["chat_id"]
    await m.open(admin, noted_chat)
    await m.note(admin, noted_chat, "only a note")
    await _quiet(WAIT * 3)
    assert [rcpt for rcpt, _ in smtp.mails if rcpt != [TEAM]] == []


async def test_team_mail_goes_out_while_nobody_is_online_batched_per_chat(
    m: Factory, smtp: SmtpSink
) -> None:
    guest = await _visitor(m, "night@example.com")
    await m.message(guest, "anyone awake?")
    await m.message(guest, "I need help with my order #77")
    mails = await wait_for(lambda: smtp.to(TEAM), timeout=10)
    await _quiet(WAIT * 2)
    assert len(smtp.to(TEAM)) == 1
    team = mails[0]
    assert team["Subject"] == "New message from Mina while nobody was online"
    assert team["Reply-To"] == "night@example.com"
    text = text_of(team)
    assert "anyone awake?" in text and "order #77" in text
    assert "https://shop.example/admin/chats/" in text

    # With an admin online, nothing goes to the team.
    admin = await m.admin()
    await m.socket(admin)
    day = await _visitor(m, "day@example.com")
    await m.message(day, "hello during the day")
    await _quiet(WAIT * 3)
    assert all("hello during the day" not in text_of(t) for t in smtp.to(TEAM))


async def test_a_transcript_holds_the_whole_chat_and_no_notes(m: Factory, smtp: SmtpSink) -> None:
    nobody = await m.guest()
    r = await m.api.post("/me/chat/transcript", headers=nobody.auth)
    assert r.status_code == 404
    await m.message(nobody, "hi")
    r = await m.api.post("/me/chat/transcript", headers=nobody.auth)
    assert r.status_code == 409

    guest = await _visitor(m, "copy@example.com")
    admin = await m.admin()
    chat_id = (await m.message(guest, "first question"))["chat_id"]
    await m.open(admin, chat_id)
    await m.reply(admin, chat_id, "first answer")
    await m.note(admin, chat_id, "secret note about this customer")
    await m.message(guest, "thanks!")
    r = await m.api.post("/me/chat/transcript", headers=guest.auth)
    assert r.status_code == 202
    mail = (await wait_for(lambda: smtp.to("copy@example.com"), timeout=10))[0]
    assert mail["Subject"] == "Your conversation transcript"
    text = text_of(mail)
    for line in ("first question", "first answer", "thanks!"):
        assert line in text
    assert text.index("first question") < text.index("first answer") < text.index("thanks!")
    assert "secret note" not in mail.as_string()
    admin_call = await m.api.post("/me/chat/transcript", headers=admin.auth)
    assert admin_call.status_code == 403


async def test_a_russian_visitor_gets_russian_mail(m: Factory, smtp: SmtpSink) -> None:
    guest = await _visitor(m, "ivan@example.com", language="ru-RU")
    admin = await m.admin()
    chat_id = (await m.message(guest, "Здравствуйте"))["chat_id"]
    await m.open(admin, chat_id)
    await m.reply(admin, chat_id, "Добрый день! Заказ уже в пути.")
    mail = (await wait_for(lambda: smtp.to("ivan@example.com"), timeout=10))[0]
    assert mail["Subject"] == "Новый ответ в вашем разговоре"
    text = text_of(mail)
    assert "Добрый день! Заказ уже в пути." in text and "Продолжить разговор" in text
    assert 'lang="ru"' in html_of(mail)


async def test_a_refused_mail_is_retried_with_the_same_message_id(
    m: Factory, smtp: SmtpSink
) -> None:
    guest = await _visitor(m, "retry@example.com")
    smtp.refuse_next = 1
    r = await m.api.post("/me/chat/transcript", headers=guest.auth)
    assert r.status_code == 404
    await m.message(guest, "please send me a copy")
    smtp.refuse_next = 1
    assert (await m.api.post("/me/chat/transcript", headers=guest.auth)).status_code == 202
    mail = (await wait_for(lambda: smtp.to("retry@example.com"), timeout=10))[0]
    refused: list[EmailMessage] = [r for r in smtp.refused if "retry@example.com" in r["To"]]
    assert len(refused) == 1
    assert refused[0]["Message-ID"] == mail["Message-ID"]
    assert mail["Message-ID"].endswith("@shop.example>")


async def test_the_panel_sees_mail_on_here_and_off_on_a_server_without_smtp(
    m: Factory, make: Factory
) -> None:
    admin = await m.admin()
    r = await m.api.get("/admin/mail", headers=admin.auth)
    assert r.json() == {
        "enabled": True,
        "mail_from": "Shop support <support@shop.example>",
        "team_email": TEAM,
        "dev_inbox": None,
    }
    other = await make.admin()
    r = await make.api.get("/admin/mail", headers=other.auth)
    assert r.json() == {"enabled": False, "mail_from": None, "team_email": None, "dev_inbox": None}
    guest = await make.guest()
    await make.message(guest, "hi")
    await make.api.post("/me/email", json={"email": "x@example.com"}, headers=guest.auth)
    r = await make.api.post("/me/chat/transcript", headers=guest.auth)
    assert r.status_code == 409 and "no email" in r.text
