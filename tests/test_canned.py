"""Canned replies: the team's shared answers, managed and found by admins only."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.factories import Actor, Factory


async def _create(api: httpx.AsyncClient, admin: Actor, **body: Any) -> httpx.Response:
    return await api.post("/canned", json=body, headers=admin.auth)


async def _shortcuts(api: httpx.AsyncClient, admin: Actor, q: str | None = None) -> list[str]:
    params = {"q": q} if q is not None else {}
    r = await api.get("/canned", params=params, headers=admin.auth)
    assert r.status_code == 200, r.text
    return [item["shortcut"] for item in r.json()["items"]]


async def test_an_admin_creates_a_reply_every_admin_sees(
    api: httpx.AsyncClient, make: Factory
) -> None:
    ann, bob = await make.admin(), await make.admin()
    r = await _create(
        api, ann, shortcut="refund", title="Refunds", body="We refund within 14 days."
    )
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["shortcut"] == "refund" and item["title"] == "Refunds"
    assert item["body"] == "We refund within 14 days." and item["updated_at"].endswith("Z")
    listed = (await api.get("/canned", headers=bob.auth)).json()["items"]
    assert listed == [item]


async def test_an_omitted_or_blank_title_is_null(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    assert (await _create(api, admin, shortcut="a", body="x")).json()["title"] is None
    assert (await _create(api, admin, shortcut="b", title="  ", body="x")).json()["title"] is None


async def test_replies_are_listed_by_shortcut_in_byte_order(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    for shortcut in ("b", "a-z", "a_z", "a1", "a", "_x", "-y"):
        assert (await _create(api, admin, shortcut=shortcut, body="text")).status_code == 201
    assert await _shortcuts(api, admin) == sorted(["b", "a-z", "a_z", "a1", "a", "_x", "-y"])
    assert await _shortcuts(api, admin) == ["-y", "_x", "a", "a-z", "a1", "a_z", "b"]


async def test_q_matches_a_shortcut_prefix_or_a_word_start_case_insensitively(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    await _create(api, admin, shortcut="ship", title="Shipping times", body="Parcels leave daily.")
    await _create(api, admin, shortcut="hello", body="Hi {customer}, I am {admin}.")
    await _create(
        api, admin, shortcut="ret", title=None, body="Возврат товара: (refund) in 14 days"
    )
    await _create(api, admin, shortcut="x_y", body="nothing to see")
    await _create(api, admin, shortcut="xay", body="nothing at all")
    assert await _shortcuts(api, admin, "SH") == ["ship"]
    assert await _shortcuts(api, admin, "parc") == ["ship"]
    assert await _shortcuts(api, admin, "times") == ["ship"]
    assert await _shortcuts(api, admin, "возв") == ["ret"]
    assert await _shortcuts(api, admin, "REFUND") == ["ret"]
    assert await _shortcuts(api, admin, "custom") == ["hello"]
    assert await _shortcuts(api, admin, "14 da") == ["ret"]
    # Inside a word is not a word's start; "_" is a shortcut character, not a wildcard.
    assert await _shortcuts(api, admin, "hipping") == []
    assert await _shortcuts(api, admin, "x_") == ["x_y"]
    assert await _shortcuts(api, admin, "%") == []
    assert await _shortcuts(api, admin, "") == ["hello", "ret", "ship", "x_y", "xay"]


@pytest.mark.parametrize(
    "body",
    [
        {"shortcut": "", "body": "x"},
        {"shortcut": "A", "body": "x"},
        {"shortcut": "with space", "body": "x"},
        {"shortcut": "x" * 33, "body": "x"},
        {"shortcut": "ok", "body": ""},
        {"shortcut": "ok", "body": "   "},
        {"shortcut": "ok", "body": "x" * 4001},
        {"shortcut": "ok", "title": "t" * 101, "body": "x"},
        {"shortcut": "ok"},
        {"shortcut": "ok", "body": "x", "id": 5},
    ],
)
async def test_bad_replies_are_refused_and_nothing_is_written(
    api: httpx.AsyncClient, make: Factory, body: dict[str, Any]
) -> None:
    admin = await make.admin()
    r = await api.post("/canned", json=body, headers=admin.auth)
    assert r.status_code == 422, r.text
    assert await _shortcuts(api, admin) == []


async def test_the_longest_fields_are_kept_whole(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    r = await _create(api, admin, shortcut="s" * 32, title="t" * 100, body="b" * 4000)
    assert r.status_code == 201, r.text
    assert r.json()["body"] == "b" * 4000 and r.json()["title"] == "t" * 100


async def test_a_taken_shortcut_is_409_and_a_deleted_one_can_be_taken_again(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    first = (await _create(api, admin, shortcut="hi", body="one")).json()
    r = await _create(api, admin, shortcut="hi", body="two")
    assert r.status_code == 409 and "taken" in r.json()["detail"]
    assert (await api.delete(f"/canned/{first['id']}", headers=admin.auth)).status_code == 204
    again = await _create(api, admin, shortcut="hi", body="two")
    assert again.status_code == 201
    listed = (await api.get("/canned", headers=admin.auth)).json()["items"]
    assert [i["body"] for i in listed] == ["two"]


async def test_patch_changes_only_the_fields_given(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    item = (await _create(api, admin, shortcut="a", title="T", body="old")).json()
    r = await api.patch(f"/canned/{item['id']}", json={"body": "new words"}, headers=admin.auth)
    assert r.status_code == 200, r.text
    assert r.json()["shortcut"] == "a" and r.json()["title"] == "T"
    assert r.json()["body"] == "new words"
    assert await _shortcuts(api, admin, "new") == ["a"]
    assert await _shortcuts(api, admin, "old") == []
    r = await api.patch(
        f"/canned/{item['id']}", json={"title": None, "shortcut": "b"}, headers=admin.auth
    )
    assert r.status_code == 200 and r.json()["title"] is None and r.json()["shortcut"] == "b"


async def test_patch_refuses_a_taken_shortcut_and_bad_fields(
    api: httpx.AsyncClient, make: Factory
) -> None:
    admin = await make.admin()
    await _create(api, admin, shortcut="a", body="one")
    b = (await _create(api, admin, shortcut="b", body="two")).json()
    r = await api.patch(f"/canned/{b['id']}", json={"shortcut": "a"}, headers=admin.auth)
    assert r.status_code == 409
    for bad in ({"shortcut": "B"}, {"body": ""}, {"body": None}, {"title": "t" * 101}, {"x": 1}):
        r = await api.patch(f"/canned/{b['id']}", json=bad, headers=admin.auth)
        assert r.status_code == 422, (bad, r.text)
    listed = (await api.get("/canned", headers=admin.auth)).json()["items"]
    assert [(i["shortcut"], i["body"]) for i in listed] == [("a", "one"), ("b", "two")]


async def test_unknown_replies_are_404(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    assert (
        await api.patch("/canned/999999", json={"body": "x"}, headers=admin.auth)
    ).status_code == 404
    assert (await api.delete("/canned/999999", headers=admin.auth)).status_code == 404


async def test_customers_get_403_from_every_call(api: httpx.AsyncClient, make: Factory) -> None:
    admin, customer = await make.admin(), await make.guest()
    item = (await _create(api, admin, shortcut="a", body="x")).json()
    calls = [
        api.get("/canned", headers=customer.auth),
        api.get("/canned", params={"q": "a"}, headers=customer.auth),
        api.post("/canned", json={"shortcut": "c", "body": "x"}, headers=customer.auth),
        api.patch(f"/canned/{item['id']}", json={"body": "y"}, headers=customer.auth),
        api.delete(f"/canned/{item['id']}", headers=customer.auth),
    ]
    for call in calls:
        assert (await call).status_code == 403
    assert (await api.get("/canned")).status_code == 401
    listed = (await api.get("/canned", headers=admin.auth)).json()["items"]
    assert [i["body"] for i in listed] == ["x"]


async def test_the_team_has_at_most_1000_replies(api: httpx.AsyncClient, make: Factory) -> None:
    admin = await make.admin()
    with make.sql.cursor() as cur:
        cur.execute(
            "INSERT INTO canned_replies (shortcut, body, words, created_at, updated_at) "
            "SELECT CONCAT('s', seq), 'body', ' body', NOW(6), NOW(6) FROM seq_1_to_999"
        )
    assert (await _create(api, admin, shortcut="last", body="x")).status_code == 201
    r = await _create(api, admin, shortcut="one-more", body="x")
    assert r.status_code == 409 and "1000" in r.json()["detail"]
    assert len(await _shortcuts(api, admin)) == 1000
