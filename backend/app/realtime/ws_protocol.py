"""uvicorn's wsproto protocol, with the frames Parley sends written directly.

Every event a socket gets is one complete text frame. wsproto builds each through its frame
protocol in Python (a bytearray copy of the payload, the extension loop, the bit fiddling),
which was about a sixth of the server's samples at saturation (bench/README.md). A server's
complete data frame is only a header and the payload, so with compression off and the
connection open it is written here; everything else (the handshake, close, a connection that is
closing or whose transport pushes back) goes through wsproto as before. wsproto keeps no state
for a complete outgoing data frame, so skipping it for one leaves it none the wiser.
"""

from __future__ import annotations

import struct
from typing import Any

from uvicorn.protocols.websockets.wsproto_impl import WSProtocol
from wsproto.connection import ConnectionState

TEXT = 0x81  # FIN and the text opcode
BINARY = 0x82


def frame(first: int, payload: bytes) -> bytes:
    """A server's unmasked frame (RFC 6455 section 5.2): a 7-bit, 16-bit or 64-bit length."""
    n = len(payload)
    if n <= 125:
        return bytes((first, n)) + payload
    if n <= 0xFFFF:
        return struct.pack("!BBH", first, 126, n) + payload
    return struct.pack("!BBQ", first, 127, n) + payload


class DirectFrames(WSProtocol):
    """uvicorn's `--ws app.realtime.ws_protocol:DirectFrames` (app.serve and the tests)."""

    async def send(self, message: Any) -> None:
        if (
            message["type"] == "websocket.send"
            and self.handshake_complete
            and not self.close_sent
            and not self.response_started
            and not self.disconnected
            and self.writable.is_set()
            and not self.config.ws_per_message_deflate
            and self.conn.state is ConnectionState.OPEN
        ):
            data = message.get("bytes")
            out = frame(TEXT, message["text"].encode()) if data is None else frame(BINARY, data)
            if not self.transport.is_closing():
                self.transport.write(out)
            return
        await super().send(message)
