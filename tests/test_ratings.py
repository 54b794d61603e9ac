"""Ratings: a customer scores a resolved chat once per resolution; every admin sees it live, the
chat carries it in every view, and a chat.rated webhook goes out through the outbox."""

from __future__ import annotations

import httpx
import pytest

from tests.factories import Actor, Factory
from tests.receivers import WebhookReceiver, verify, wait_for
from tests.test_webhooks import _endpoint, hook_db, hook_server, hook_sql, hooks, receiver

__all__ = ["hook_db", "hook_server", "hook_sql", "hooks", "receiver"]


async def _resolved_chat(make: Factory) -> tuple[Actor, Actor, int]:
    admin = await make.admin()
    guest = await make.guest("Rina")
    chat_id = (await make.message(guest, "where is my parcel"))["chat_id"]
    await make.open(admin, chat_id)
    await make.reply(admin, chat_id, "it left today")
    await make.resolve(admin, chat_id)
    return admin, guest, chat_id


async def _rate(api: httpx.AsyncClient, who: Actor, body: object) -> httpx.Response:
    return await api.post("/me/chat/rating", json=body, headers=who.auth)


async def test_a_rating_reaches_every_admin_and_shows_on_the_chat_everywhere(
    make: Factory, api: httpx.AsyncClient
) -> None:
    admin, guest, chat_id = await _resolved_chat(make)
    other = await make.admin()
    sockets = [await make.socket(admin), await make.socket(other)]
    r = await _rate(api, guest, {"score": 4, "comment": "  quick and kind  "})
    assert r.status_code == 201, r.text
    rating = r.json()
    assert rating["score"] == 4 and rating["comment"] == "quick and kind"
    assert rating["created_at"].endswith("Z")
    for ws in sockets:
        event = await ws.event("chat.rated", chat_id=chat_id)
        assert event["rating"] == rating
    # The same rating in the chat as its admin, its customer, the lists and the socket see it.
    mine = (await api.get("/me/chat", headers=guest.auth)).json()
    assert mine["rating"] == rating
    theirs = (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()
    assert theirs["rating"] == rating
    listed = (await api.get("/chats?scope=resolved", headers=admin.auth)).json()["items"]
    assert [c["rating"] for c in listed if c["id"] == chat_id] == [rating]
    everything = (await api.get("/chats?scope=all", headers=other.auth)).json()["items"]
    assert [c["rating"] for c in everything if c["id"] == chat_id] == [rating]


async def test_one_rating_per_resolution_and_a_new_resolution_may_be_rated_again(
    make: Factory, api: httpx.AsyncClient
) -> None:
    admin, guest, chat_id = await _resolved_chat(make)
    assert (await _rate(api, guest, {"score": 2})).status_code == 201
    again = await _rate(api, guest, {"score": 5})
    assert again.status_code == 409 and "rated already" in again.json()["detail"]
    assert (await api.get("/me/chat", headers=guest.auth)).json()["rating"]["score"] == 2
    # Writing again reopens the chat: the old rating is still the latest resolution's.
    await make.message(guest, "one more thing")
    reopened = (await api.get("/me/chat", headers=guest.auth)).json()
    assert reopened["status"] == "waiting" and reopened["rating"]["score"] == 2
    waiting = await _rate(api, guest, {"score": 5})
    assert waiting.status_code == 409 and "not resolved" in waiting.json()["detail"]
    await make.open(admin, chat_id)
    await make.resolve(admin, chat_id)
    # A new resolution, not rated yet.
    assert (await api.get("/me/chat", headers=guest.auth)).json()["rating"] is None
    r = await _rate(api, guest, {"score": 5, "comment": None})
    assert r.status_code == 201 and r.json()["comment"] is None
    assert (await api.get(f"/chats/{chat_id}", headers=admin.auth)).json()["rating"]["score"] == 5


@pytest.mark.parametrize(
    "body",
    [
        {"score": 0},
        {"score": 6},
        {"score": "5"},
        {"score": 4.5},
        {"score": 5.0000001},
        {"score": True},
        {},
        {"score": 3, "comment": "x" * 1001},
        {"score": 3, "extra": 1},
    ],
)
async def test_bad_ratings_are_422_and_write_nothing(
    make: Factory, api: httpx.AsyncClient, body: object
) -> None:
    _, guest, _ = await _resolved_chat(make)
    r = await _rate(api, guest, body)
    assert r.status_code == 422, r.text
    assert (await api.get("/me/chat", headers=guest.auth)).json()["rating"] is None


async def test_who_may_rate(make: Factory, api: httpx.AsyncClient) -> None:
    admin, guest, chat_id = await _resolved_chat(make)
    assert (await _rate(api, admin, {"score": 5})).status_code == 403
    newcomer = await make.guest()
    assert (await _rate(api, newcomer, {"score": 5})).status_code == 404
    ok = await _rate(api, guest, {"score": 3.0, "comment": "x" * 1000})
    assert ok.status_code == 201
    # A blocked customer may not rate (their chat is resolved by the block).
    blocked_guest = await make.guest()
    other_chat = (await make.message(blocked_guest, "spam"))["chat_id"]
    assert (await api.post(f"/chats/{other_chat}/block", headers=admin.auth)).status_code == 204
    assert (await _rate(api, blocked_guest, {"score": 1})).status_code == 403
    assert (await api.get("/me/chat", headers=blocked_guest.auth)).json()["rating"] is None
    assert chat_id != other_chat


async def test_a_rating_fires_a_signed_chat_rated_webhook(
    hooks: Factory, receiver: WebhookReceiver
) -> None:
    admin = await hooks.admin()
    hook = await _endpoint(hooks, admin, receiver.url("/rated"), ["chat.rated"])
    admin_, guest, chat_id = await _resolved_chat(hooks)
    r = await _rate(hooks.api, guest, {"score": 5, "comment": "great"})
    assert r.status_code == 201
    hits = await wait_for(lambda: receiver.on("/rated"))
    assert len(hits) == 1 and verify(hook["secret"], hits[0])
    doc = hits[0].json
    assert doc["type"] == "chat.rated"
    assert doc["data"]["chat"]["id"] == chat_id
    assert doc["data"]["chat"]["rating"] == r.json()
    assert admin_.id != admin.id
