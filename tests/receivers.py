"""Real receivers on loopback ports for the outbox tests: an HTTP server that records webhook
POSTs, and an SMTP server (aiosmtpd) that records mail."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

from tests.servers import free_port


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class WebhookReceiver:
    """Answers each POST with `status_for(path)` (204 unless told otherwise)."""

    hits: list[Hit] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    port: int = 0

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.hits.append(Hit(self.path, headers, body))
                if self.path in receiver.redirects:
                    self.send_response(302)
                    self.send_header("Location", receiver.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = receiver.answers.get(self.path, 204)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            # The default listen backlog (5) refuses connections under a burst of deliveries.
            request_queue_size = 256

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def on(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def verify(secret: str, hit: Hit, tolerance: int = 300) -> bool:
    """Standard Webhooks verification, written apart from the server's signing code."""
    msg_id = hit.headers["webhook-id"]
    stamp = hit.headers["webhook-timestamp"]
    if abs(time.time() - int(stamp)) > tolerance:
        return False
    key = base64.b64decode(secret.split("_", 1)[1])
    to_sign = msg_id.encode() + b"." + stamp.encode() + b"." + hit.body
    expected = base64.b64encode(hmac.new(key, to_sign, hashlib.sha256).digest()).decode()
    offered = [s.split(",", 1)[1] for s in hit.headers["webhook-signature"].split() if "," in s]
    return any(hmac.compare_digest(expected, s) for s in offered)


class _Collect:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        msg = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        if self.sink.refuse_next > 0:
            self.sink.refuse_next -= 1
            with self.sink.lock:
                self.sink.refused.append(msg)
            return "451 4.3.0 try again later"
        with self.sink.lock:
            self.sink.mails.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


class SmtpSink:
    """A real SMTP server on a loopback port; `refuse_next` answers that many DATA with 451."""

    def __init__(self) -> None:
        self.port = free_port()
        self.mails: list[tuple[list[str], EmailMessage]] = []
        self.refused: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.refuse_next = 0
        self.controller = Controller(_Collect(self), hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for rcpt, m in self.mails if address in rcpt]


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


async def wait_for(check: Callable[[], Any], timeout: float = 10.0, every: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(every)
