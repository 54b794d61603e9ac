"""A fast webhook receiver for `make bench`: HTTP/1.1 keep-alive on a loopback port, answers 204,
and notes for each delivery its arrival and the lag from the message's commit (the message's
created_at, stamped just before its transaction commits). GET /stats returns the counts and
lags so far as JSON; GET /reset forgets them.

    python bench/webhook_receiver.py PORT
"""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import UTC, datetime

import orjson

OK = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"


class State:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.count = 0
        self.ids: set[str] = set()
        self.first = 0.0
        self.last = 0.0
        self.lags_ms: list[float] = []


state = State()


def _lag(body: bytes, now: float) -> float | None:
    try:
        doc = orjson.loads(body)
        at = doc["data"]["message"]["created_at"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return None
    sent = datetime.strptime(at[:26], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC).timestamp()
    return (now - sent) * 1000


class Http(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.t = transport
        self.buf = b""

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buf[:end].decode("latin-1")
            length = 0
            msg_id = ""
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                key = name.strip().lower()
                if key == "content-length":
                    length = int(value.strip())
                elif key == "webhook-id":
                    msg_id = value.strip()
            if len(self.buf) < end + 4 + length:
                return
            body = self.buf[end + 4 : end + 4 + length]
            self.buf = self.buf[end + 4 + length :]
            self.handle(head.split(" ", 2)[:2], msg_id, body)

    def handle(self, start: list[str], msg_id: str, body: bytes) -> None:
        now = time.time()
        if start[0] == "GET":
            if start[1] == "/reset":
                state.reset()
            stats = orjson.dumps(
                {
                    "count": state.count,
                    "unique": len(state.ids),
                    "first": state.first,
                    "last": state.last,
                    "lags_ms": state.lags_ms,
                }
            )
            self.t.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(stats)).encode()
                + b"\r\n\r\n"
                + stats
            )
            return
        state.count += 1
        state.ids.add(msg_id)
        state.first = state.first or now
        state.last = now
        lag = _lag(body, now)
        if lag is not None:
            state.lags_ms.append(lag)
        self.t.write(OK)


async def main(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Http, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
