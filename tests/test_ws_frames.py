"""The frames Parley writes itself are the ones wsproto would write, and clients read them."""

from __future__ import annotations

import pytest
from app.realtime.ws_protocol import BINARY, TEXT, frame
from wsproto.frame_protocol import FrameProtocol

from tests.factories import Factory

# Each side of the 7-bit, 16-bit and 64-bit length forms.
LENGTHS = [0, 1, 125, 126, 127, 65535, 65536, 200_000]


@pytest.mark.parametrize("n", LENGTHS)
def test_a_text_frame_is_wsprotos(n: int) -> None:
    text = ("ж" * n)[: n // 2] + "x" * (n - 2 * (n // 2))  # n bytes of UTF-8
    payload = text.encode()
    reference = FrameProtocol(client=False, extensions=[]).send_data(text, fin=True)
    assert frame(TEXT, payload) == bytes(reference)


@pytest.mark.parametrize("n", LENGTHS)
def test_a_binary_frame_is_wsprotos(n: int) -> None:
    payload = bytes(range(256)) * (n // 256) + bytes(n % 256)
    reference = FrameProtocol(client=False, extensions=[]).send_data(payload, fin=True)
    assert frame(BINARY, payload) == bytes(reference)


async def test_events_of_every_size_reach_a_strict_client(make: Factory) -> None:
    """The websockets client checks every frame it reads (RFC 6455); events of a few bytes
    and of several KiB arrive whole."""
    admin = await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest, "hi"))["chat_id"]
    await make.open(admin, chat_id)
    panel = await make.socket(admin)
    ws = await make.socket(guest)
    for body in ["x", "ж" * 60, "ж" * 2000, "ы" * 4000]:
        reply = await ws.call("message.send", {"body": body})
        assert reply["result"]["message"]["body"] == body
        event = await panel.event("message.new")
        assert event["message"]["body"] == body
