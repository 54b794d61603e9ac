"""Visitor context: pages, browser, language, attributes and presence of the visitor behind a
chat, reported over the socket and read by the admins who may read the chat."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.factories import Actor, Factory, WsClient
from tests.servers import TEST_ENV, RedisServer, Server

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


async def _visitor(api: httpx.AsyncClient, admin: Actor, chat_id: int) -> dict[str, Any]:
    r = await api.get(f"/chats/{chat_id}/visitor", headers=admin.auth)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _page(ws: WsClient, url: str, **extra: Any) -> dict[str, Any]:
    return await ws.call("visitor.page", {"url": url, **extra})


async def _guest_with_socket(
    make: Factory, user_agent: str | None = None
) -> tuple[Actor, WsClient]:
    guest = await make.guest()
    kw = {"user_agent_header": user_agent} if user_agent else {}
    return guest, await make.socket(guest, **kw)


async def test_pages_before_the_chat_are_kept_and_shown_newest_first(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest, ws = await _guest_with_socket(make)
    reply = await _page(
        ws, "https://shop.example/", title="Shop", referrer="https://search.example/?q=x"
    )
    assert reply["result"] == {}
    assert "result" in await _page(
        ws, "https://shop.example/boots", title="Boots", language="ru-RU", timezone="Europe/Moscow"
    )
    message = await make.message(guest, "hello")
    v = await _visitor(api, admin, message["chat_id"])
    assert v["customer"]["id"] == guest.id
    assert [p["url"] for p in v["pages"]] == ["https://shop.example/boots", "https://shop.example/"]
    assert v["current_page"] == v["pages"][0]
    assert v["current_page"]["title"] == "Boots" and v["current_page"]["referrer"] is None
    assert v["pages"][1]["referrer"] == "https://search.example/?q=x"
    assert v["current_page"]["at"].endswith("Z")
    assert v["language"] == "ru-RU" and v["timezone"] == "Europe/Moscow"
    assert v["online"] is True and v["attributes"] == {} and v["email"] is None


async def test_the_same_url_again_refreshes_the_current_page(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest, ws = await _guest_with_socket(make)
    chat_id = (await make.message(guest))["chat_id"]
    await _page(ws, "https://shop.example/a", title="A", referrer="https://ref.example/")
    first = (await _visitor(api, admin, chat_id))["current_page"]
    await _page(ws, "https://shop.example/a", title="A, updated")
    v = await _visitor(api, admin, chat_id)
    assert len(v["pages"]) == 1
    assert v["current_page"]["title"] == "A, updated"
    assert v["current_page"]["referrer"] == "https://ref.example/"
    assert v["current_page"]["at"] > first["at"]
    # A different URL is a new entry, and the earlier URL again is newer still.
    await _page(ws, "https://shop.example/b")
    await _page(ws, "https://shop.example/a")
    v = await _visitor(api, admin, chat_id)
    assert [p["url"] for p in v["pages"]] == [
        "https://shop.example/a",
        "https://shop.example/b",
        "https://shop.example/a",
    ]


async def test_the_trail_keeps_the_newest_20_pages(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    admin = await make.admin()
    guest, ws = await _guest_with_socket(make)
    chat_id = (await make.message(guest))["chat_id"]
    for n in range(25):
        reply = await _page(ws, f"https://shop.example/p{n}")
        if "error" in reply:  # the socket's allowance: wait for it, as a widget would
            assert reply["error"]["code"] == 4029
            await asyncio.sleep(reply["error"]["data"]["retry_after"])
            assert "result" in await _page(ws, f"https://shop.example/p{n}")
    v = await _visitor(api, admin, chat_id)
    assert [p["url"] for p in v["pages"]] == [
        f"https://shop.example/p{n}" for n in range(24, 4, -1)
    ]
    with sql.cursor() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM visitor_pages WHERE customer_id = %s", (guest.id,))
        assert cur.fetchone()["n"] == 20


async def test_a_page_report_never_holds_up_the_visitor_s_next_request(make: Factory) -> None:
    """A report waits for its batch to commit; the socket's next frames are answered meanwhile,
    each reply carrying its request's id. (A ping, not a send: a visitor's first message opens
    a chat in a transaction of its own, which on a busy machine can outlast the batch window.)"""
    guest, ws = await _guest_with_socket(make)
    page = {"url": "https://shop.example/"}
    await ws.send_raw(json.dumps({"id": "page", "method": "visitor.page", "params": page}))
    await ws.send_raw(json.dumps({"id": "next", "method": "ping"}))
    replies = []
    while len(replies) < 2:
        frame = await ws._read_one(5)
        if "id" in frame:
            replies.append(frame)
    assert [r["id"] for r in replies] == ["next", "page"]
    assert replies[0]["result"] == {} and replies[1]["result"] == {}


async def test_reports_that_arrive_together_each_land_in_their_visitor_s_own_trail(
    api: httpx.AsyncClient, make: Factory, sql: Any
) -> None:
    """Reports of many visitors at once share a transaction (services.page_writer): each visitor
    still gets exactly their own pages, in order, a visitor's three tabs all count, the trail
    keeps the newest 20, and the admins hear of every page."""
    admin = await make.admin()
    admin_ws = await make.socket(admin)
    visitors = [await _guest_with_socket(make) for _ in range(6)]
    chats = [(await make.message(guest))["chat_id"] for guest, _ in visitors]
    tabs_guest = await make.guest()
    tabs = [await make.socket(tabs_guest) for _ in range(3)]
    tabs_chat = (await make.message(tabs_guest))["chat_id"]

    async def tab_pages(k: int, ws: WsClient) -> list[str]:
        urls = []
        for n in range(8):
            url = f"https://shop.example/tab{k}/{n}"
            assert "result" in await _page(ws, url)
            urls.append(url)
        return urls

    async def visitor_pages(i: int, ws: WsClient) -> list[str]:
        urls = [f"https://shop.example/v{i}/{n}" for n in range(3)]
        for url in urls:
            assert "result" in await _page(ws, url, language="de-DE")
        return urls

    sent = await asyncio.gather(
        *(visitor_pages(i, ws) for i, (_, ws) in enumerate(visitors)),
        *(tab_pages(k, ws) for k, ws in enumerate(tabs)),
    )
    for (guest, _), chat_id, urls in zip(visitors, chats, sent, strict=False):
        v = await _visitor(api, admin, chat_id)
        assert [p["url"] for p in v["pages"]] == urls[::-1], guest.id
        assert v["language"] == "de-DE"
    # 24 pages from three tabs: the newest 20 stay, each tab's in the order it sent them.
    trail = [p["url"] for p in (await _visitor(api, admin, tabs_chat))["pages"]]
    assert len(trail) == 20 and len(set(trail)) == 20
    for urls in sent[-3:]:
        kept = [u for u in trail[::-1] if u in urls]
        assert kept == urls[-len(kept) :]
    with sql.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*) AS n FROM visitor_pages WHERE customer_id = %s", (tabs_guest.id,)
        )
        assert cur.fetchone()["n"] == 20
    # Every chat waits, so the admin hears of all 42 pages.
    heard = [(await admin_ws.event("visitor.page"))["page"]["url"] for _ in range(42)]
    assert sorted(heard) == sorted(u for urls in sent for u in urls)
    await admin_ws.no_event("visitor.page")


@pytest.mark.parametrize(
    "params",
    [
        {"url": "javascript:alert(1)"},
        {"url": "JAVASCRIPT:alert(1)"},
        {"url": "data:text/html,<b>x</b>"},
        {"url": "ftp://shop.example/"},
        {"url": "//shop.example/"},
        {"url": "https://"},
        {"url": "https://shop.example/" + "x" * 2030},
        {"url": "https://shop.example/", "title": "t" * 301},
        {"url": "https://shop.example/", "referrer": "javascript:alert(1)"},
        {"url": "https://shop.example/", "language": "not a tag"},
        {"url": "https://shop.example/", "timezone": "../etc/passwd"},
        {"url": "https://shop.example/", "extra": 1},
        {"title": "no url"},
        {"url": 5},
    ],
)
async def test_bad_pages_are_refused_with_32602_and_nothing_is_kept(
    make: Factory, sql: Any, params: dict[str, Any]
) -> None:
    guest, ws = await _guest_with_socket(make)
    reply = await ws.call("visitor.page", params)
    assert reply["error"]["code"] == -32602, reply
    with sql.cursor() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM visitor_pages WHERE customer_id = %s", (guest.id,))
        assert cur.fetchone()["n"] == 0


async def test_the_longest_page_is_kept_whole(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    guest, ws = await _guest_with_socket(make)
    url = "http://shop.example/" + "x" * (2048 - 20)
    assert "result" in await _page(ws, url, title="т" * 300)
    v = await _visitor(api, admin, (await make.message(guest))["chat_id"])
    assert v["current_page"]["url"] == url and v["current_page"]["title"] == "т" * 300


async def test_admins_cannot_report_pages(make: Factory) -> None:
    admin = await make.admin()
    ws = await make.socket(admin)
    assert (await _page(ws, "https://shop.example/"))["error"]["code"] == 4003
    reply = await ws.call("visitor.attributes", {"attributes": {"a": 1}})
    assert reply["error"]["code"] == 4003


async def test_a_page_reaches_the_admins_who_may_read_the_chat(make: Factory) -> None:
    ann, bob = await make.admin(), await make.admin()
    ann_ws, bob_ws = await make.socket(ann), await make.socket(bob)
    guest, ws = await _guest_with_socket(make)
    # No chat yet: nobody hears of it.
    await _page(ws, "https://shop.example/before")
    await ann_ws.no_event("visitor.page")
    chat_id = (await make.message(guest))["chat_id"]
    # Waiting: every admin.
    await _page(ws, "https://shop.example/waiting", title="W")
    for admin_ws in (ann_ws, bob_ws):
        event = await admin_ws.event("visitor.page")
        assert event["chat_id"] == chat_id and event["customer_id"] == guest.id
        assert event["page"]["url"] == "https://shop.example/waiting"
        assert event["page"]["title"] == "W" and event["page"]["at"].endswith("Z")
    # Active: its admin only.
    await make.open(ann, chat_id)
    await _page(ws, "https://shop.example/active")
    assert (await ann_ws.event("visitor.page"))["page"]["url"] == "https://shop.example/active"
    await bob_ws.no_event("visitor.page")
    # The customer's own sockets hear nothing of it.
    await ws.no_event("visitor.page", within=0.1)


async def test_a_socket_that_floods_pages_is_told_to_wait_and_nothing_is_kept(
    make: Factory, sql: Any
) -> None:
    guest, ws = await _guest_with_socket(make)
    replies = [await _page(ws, f"https://shop.example/{n}") for n in range(14)]
    refused = [r for r in replies if "error" in r]
    assert refused and all(r["error"]["code"] == 4029 for r in refused)
    assert all(r["error"]["data"]["retry_after"] >= 1 for r in refused)
    with sql.cursor() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM visitor_pages WHERE customer_id = %s", (guest.id,))
        assert cur.fetchone()["n"] == len(replies) - len(refused)
    # Another socket of the same visitor has its own allowance.
    other = await make.socket(guest)
    assert "result" in await _page(other, "https://shop.example/other")


async def test_attributes_merge_and_null_removes_a_key(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest, ws = await _guest_with_socket(make)
    chat_id = (await make.message(guest))["chat_id"]
    first = {"plan": "pro", "seats": 5, "trial": False, "score": 1.5}
    assert "result" in await ws.call("visitor.attributes", {"attributes": first})
    assert (await _visitor(api, admin, chat_id))["attributes"] == first
    await ws.call(
        "visitor.attributes", {"attributes": {"plan": None, "city": "Казань", "seats": 6}}
    )
    assert (await _visitor(api, admin, chat_id))["attributes"] == {
        "seats": 6,
        "trial": False,
        "score": 1.5,
        "city": "Казань",
    }


@pytest.mark.parametrize(
    "attributes",
    [
        {f"k{n}": n for n in range(51)},
        {"k" * 65: 1},
        {"": 1},
        {"long": "v" * 1001},
        {"nested": {"a": 1}},
        {"list": [1, 2]},
    ],
)
async def test_bad_attributes_are_refused_and_nothing_changes(
    api: httpx.AsyncClient, make: Factory, attributes: dict[str, Any]
) -> None:
    admin = await make.admin()
    guest, ws = await _guest_with_socket(make)
    chat_id = (await make.message(guest))["chat_id"]
    await ws.call("visitor.attributes", {"attributes": {"kept": "yes"}})
    reply = await ws.call("visitor.attributes", {"attributes": attributes})
    assert reply["error"]["code"] == -32602, reply
    assert (await _visitor(api, admin, chat_id))["attributes"] == {"kept": "yes"}


async def test_at_most_50_attributes_in_all(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    guest, ws = await _guest_with_socket(make)
    chat_id = (await make.message(guest))["chat_id"]
    assert "result" in await ws.call(
        "visitor.attributes", {"attributes": {f"a{n}": n for n in range(50)}}
    )
    reply = await ws.call("visitor.attributes", {"attributes": {"one_more": 1}})
    assert reply["error"]["code"] == -32602
    # Removing one makes room.
    assert "result" in await ws.call(
        "visitor.attributes", {"attributes": {"a0": None, "one_more": 1}}
    )
    assert len((await _visitor(api, admin, chat_id))["attributes"]) == 50


async def test_browser_and_os_come_from_the_latest_sign_in_or_socket(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    r = await api.post("/auth/guest", json={}, headers={"User-Agent": CHROME_WINDOWS})
    guest = Actor(r.json()["access_token"], r.json()["user"])
    chat_id = (await make.message(guest))["chat_id"]
    v = await _visitor(api, admin, chat_id)
    assert v["user_agent"] == CHROME_WINDOWS
    assert v["browser"] == "Chrome 156" and v["os"] == "Windows 10"
    await make.socket(guest, user_agent_header=SAFARI_IPHONE)
    # The socket's sighting is written beside it, not before its auth reply: soon, not at once.
    for _ in range(50):
        v = await _visitor(api, admin, chat_id)
        if v["user_agent"] == SAFARI_IPHONE:
            break
        await asyncio.sleep(0.05)
    assert v["user_agent"] == SAFARI_IPHONE
    assert v["browser"] == "Mobile Safari 18" and v["os"] == "iOS 18"


async def test_a_registered_customer_s_login_keeps_their_user_agent(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin, customer = await make.admin(), await make.customer()
    chat_id = (await make.message(customer))["chat_id"]
    r = await api.post(
        "/auth/login",
        json={"username": customer.user["username"], "password": "correct horse battery"},
        headers={"User-Agent": FIREFOX_LINUX},
    )
    assert r.status_code == 200
    v = await _visitor(api, admin, chat_id)
    assert v["browser"] == "Firefox 128" and v["os"] == "Linux"


def _hash(external_id: str) -> str:
    secret = TEST_ENV["IDENTITY_SECRET"].encode()
    return hmac.new(secret, external_id.encode(), hashlib.sha256).hexdigest()


async def test_identify_keeps_the_email_on_the_visitor(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    body = {"external_id": "u-77", "hash": _hash("u-77"), "email": "ann@shop.example"}
    r = await api.post("/auth/identify", json=body)
    assert r.status_code == 200, r.text
    customer = Actor(r.json()["access_token"], r.json()["user"])
    chat_id = (await make.message(customer))["chat_id"]
    assert (await _visitor(api, admin, chat_id))["email"] == "ann@shop.example"
    # A later identify without an email keeps the one known.
    body.pop("email")
    assert (await api.post("/auth/identify", json=body)).status_code == 200
    assert (await _visitor(api, admin, chat_id))["email"] == "ann@shop.example"
    bad = {"external_id": "u-78", "hash": _hash("u-78"), "email": "not an email"}
    assert (await api.post("/auth/identify", json=bad)).status_code == 422


async def test_online_while_a_socket_is_open_and_last_seen_when_it_closes(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    guest = await make.guest()
    chat_id = (await make.message(guest))["chat_id"]
    before = await _visitor(api, admin, chat_id)
    assert before["online"] is False
    one, two = await make.socket(guest), await make.socket(guest)
    assert (await _visitor(api, admin, chat_id))["online"] is True
    await one.close()
    await asyncio.sleep(0.2)
    assert (await _visitor(api, admin, chat_id))["online"] is True
    await two.close()
    deadline = asyncio.get_running_loop().time() + 5
    while (v := await _visitor(api, admin, chat_id))["online"]:
        assert asyncio.get_running_loop().time() < deadline, "still online 5 s after leaving"
        await asyncio.sleep(0.1)
    assert v["last_seen_at"] > before["last_seen_at"]
    assert v["first_seen_at"] == before["first_seen_at"] <= before["last_seen_at"]


async def test_who_may_read_the_visitor(api: httpx.AsyncClient, make: Factory) -> None:
    ann, bob = await make.admin(), await make.admin()
    guest, other = await make.guest(), await make.guest()
    chat_id = (await make.message(guest))["chat_id"]
    assert (await api.get(f"/chats/{chat_id}/visitor", headers=bob.auth)).status_code == 200
    await make.open(ann, chat_id)
    assert (await api.get(f"/chats/{chat_id}/visitor", headers=bob.auth)).status_code == 403
    assert (await api.get(f"/chats/{chat_id}/visitor", headers=ann.auth)).status_code == 200
    for customer in (guest, other):
        r = await api.get(f"/chats/{chat_id}/visitor", headers=customer.auth)
        assert r.status_code == 403
    assert (await api.get("/chats/999999999/visitor", headers=ann.auth)).status_code == 404
    assert (await api.get(f"/chats/{chat_id}/visitor")).status_code == 401


@pytest.fixture(scope="module")
def two_processes(database_url: str) -> Iterator[tuple[Server, Server]]:
    redis = RedisServer().start()
    a = Server(database_url, REDIS_URL=redis.url).start()
    b = Server(database_url, REDIS_URL=redis.url).start()
    yield a, b
    a.stop()
    b.stop()
    redis.stop()


async def test_online_is_seen_from_another_process(
    two_processes: tuple[Server, Server], make: Factory
) -> None:
    a, b = two_processes
    admin, guest = await make.admin(), await make.guest()
    chat_id = (await make.message(guest))["chat_id"]
    ws = await WsClient.connect(a.ws_url)
    make.sockets.append(ws)
    assert "result" in await ws.auth(guest.token)
    async with httpx.AsyncClient(base_url=b.url + "/api/v1") as other:
        assert (await _visitor(other, admin, chat_id))["online"] is True
        await ws.close()
        deadline = asyncio.get_running_loop().time() + 5
        while (await _visitor(other, admin, chat_id))["online"]:
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.1)
