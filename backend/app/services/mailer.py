"""Sending one email over SMTP (aiosmtplib), with a Message-ID fixed by the outbox row, so that a
resend after a crash between the server's 250 and the settle is recognisably the same mail."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import aiosmtplib

from app.config import Settings
from app.services.mail_templates import Mail

SMTP_TIMEOUT_SECONDS = 30.0


def message_id(settings: Settings, outbox_id: int) -> str:
    domain = urlsplit(settings.public_url or "").hostname or "parley.invalid"
    return f"<parley.outbox.{outbox_id}@{domain}>"


def link_back(page: str | None, public_url: str) -> str:
    """The visitor's last page (or the site) with parley=open, which makes the widget open the
    chat there."""
    url = page if page and page.startswith(("http://", "https://")) else public_url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "parley"]
    query.append(("parley", "open"))
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), parts.fragment))


def build(
    settings: Settings, *, outbox_id: int, to: str, mail: Mail, reply_to: str | None = None
) -> EmailMessage:
    msg = EmailMessage()
    assert settings.mail_from
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = mail.subject
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = message_id(settings, outbox_id)
    if reply_to:
        msg["Reply-To"] = reply_to
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(mail.text)
    msg.add_alternative(mail.html, subtype="html")
    return msg


async def send(settings: Settings, msg: EmailMessage) -> None:
    """Raises aiosmtplib.SMTPException (or OSError) when the server does not take it."""
    smtp = settings.smtp
    await aiosmtplib.send(
        msg,
        hostname=smtp.host,
        port=smtp.port,
        username=smtp.username,
        password=smtp.password,
        use_tls=smtp.use_tls,
        start_tls=smtp.start_tls,
        timeout=SMTP_TIMEOUT_SECONDS,
    )
