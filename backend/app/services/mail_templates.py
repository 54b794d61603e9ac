"""The text of every email, in English and Russian: plain text and HTML from the same values.

Values are message bodies and names typed by people: every one is HTML-escaped before it goes
into the HTML part (string.Template substitutes, it never evaluates).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from string import Template

from app.db import Row

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "reply_subject": "New reply to your conversation",
        "reply_intro": "You have a new reply to your conversation:",
        "team_subject": "New message from $name while nobody was online",
        "team_intro": "$name wrote while nobody was online:",
        "transcript_subject": "Your conversation transcript",
        "transcript_intro": "Here is your whole conversation:",
        "link": "Continue the conversation",
        "team_link": "Open the chat",
        "footer": "You get this email because you left your address in the chat.",
        "team_footer": "Sent by Parley to the team address.",
    },
    "ru": {
        "reply_subject": "Новый ответ в вашем разговоре",
        "reply_intro": "В вашем разговоре новый ответ:",
        "team_subject": "Новое сообщение от $name, пока никого не было в сети",
        "team_intro": "$name написал(а), пока никого не было в сети:",
        "transcript_subject": "Запись вашего разговора",
        "transcript_intro": "Весь ваш разговор:",
        "link": "Продолжить разговор",
        "team_link": "Открыть чат",
        "footer": "Вы получили это письмо, потому что оставили адрес в чате.",
        "team_footer": "Отправлено Parley на адрес команды.",
    },
}

TEXT = Template("$intro\n\n$messages\n\n$link_label: $link\n\n-- \n$footer\n")
TEXT_MESSAGE = Template("$name ($at):\n$body\n")
HTML = Template(
    """<!doctype html>
<html lang="$lang"><head><meta charset="utf-8"><title>$subject</title></head>
<body style="font-family: sans-serif; color: #1a1a1a; max-width: 40em">
<p>$intro</p>
$messages
<p><a href="$link" style="color: #1f5fbf">$link_label</a></p>
<p style="color: #666; font-size: 0.85em">$footer</p>
</body></html>
"""
)
HTML_MESSAGE = Template(
    '<div style="margin: 0 0 1em; padding: 0.5em 0.75em; border-left: 3px solid #ccd">'
    '<div style="color: #555; font-size: 0.85em">$name &middot; $at</div>'
    '<div style="white-space: pre-wrap">$body</div></div>'
)


@dataclass(frozen=True, slots=True)
class Mail:
    subject: str
    text: str
    html: str


def language(tag: str | None) -> str:
    return "ru" if tag and tag.lower().startswith("ru") else "en"


def _when(at: str) -> str:
    # Wire form "2026-01-01T10:00:00.000000Z": the minute is enough, and it says UTC.
    return at[:16].replace("T", " ") + " UTC"


def render(kind: str, *, lang: str, messages: list[Row], link: str, name: str = "") -> Mail:
    """kind: reply | team | transcript; messages are repositories.messages rows (text only)."""
    s = STRINGS[language(lang)]
    names = {"name": name}
    subject = Template(s[f"{kind}_subject"]).substitute(names)
    intro = Template(s[f"{kind}_intro"]).substitute(names)
    link_label = s["team_link" if kind == "team" else "link"]
    footer = s["team_footer" if kind == "team" else "footer"]
    text_messages = "\n".join(
        TEXT_MESSAGE.substitute(name=m["u_display_name"], at=_when(m["created_at"]), body=m["body"])
        for m in messages
    )
    html_messages = "\n".join(
        HTML_MESSAGE.substitute(
            name=html.escape(m["u_display_name"]),
            at=html.escape(_when(m["created_at"])),
            body=html.escape(m["body"]),
        )
        for m in messages
    )
    text = TEXT.substitute(
        intro=intro, messages=text_messages, link_label=link_label, link=link, footer=footer
    )
    body = HTML.substitute(
        lang=language(lang),
        subject=html.escape(subject),
        intro=html.escape(intro),
        messages=html_messages,
        link=html.escape(link, quote=True),
        link_label=html.escape(link_label),
        footer=html.escape(footer),
    )
    return Mail(subject, text, body)
