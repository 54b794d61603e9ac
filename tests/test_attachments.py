"""Attachments through the public API: uploads typed from their bytes, images stripped of their
metadata, safe serving, signed links, and attachment_ids on every send path."""

from __future__ import annotations

import asyncio
import io
import time
import zipfile
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pymysql
import pytest
from PIL import Image

from tests.factories import Actor, Factory
from tests.receivers import wait_for
from tests.servers import Server

Sql = pymysql.Connection  # type: ignore[type-arg]


# -- files made in the test -------------------------------------------------------------------


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), **save: Any) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt in ("PNG", "WEBP") else "RGB"
    Image.new(mode, size, (200, 30, 30, 255) if mode == "RGBA" else (200, 30, 30)).save(
        out, format=fmt, **save
    )
    return out.getvalue()


def jpeg_with_gps(size: tuple[int, int] = (60, 40), orientation: int = 1) -> bytes:
    """A JPEG carrying a camera model, a GPS position and an orientation in its EXIF."""
    image = Image.new("RGB", size, (10, 120, 200))
    # The left half red, so that a rotation is visible in the pixels.
    for x in range(size[0] // 2):
        for y in range(size[1]):
            image.putpixel((x, y), (255, 0, 0))
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 9000"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 31.0, 12.0)
    gps[3] = "E"
    gps[4] = (13.0, 24.0, 36.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DOCX = zip_bytes(
    {
        "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
)
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


async def upload(
    api: httpx.AsyncClient, actor: Actor, data: bytes, name: str = "file.bin", **kw: Any
) -> httpx.Response:
    headers = {**actor.auth, **kw.pop("headers", {})}
    return await api.post("/uploads", params={"name": name}, content=data, headers=headers, **kw)


async def uploaded(api: httpx.AsyncClient, actor: Actor, data: bytes, name: str) -> dict[str, Any]:
    r = await upload(api, actor, data, name)
    assert r.status_code == 201, r.text
    return dict(r.json())


def path_of(url: str) -> str:
    """A contract `url` (a path under /api/v1 with its query) for the suite's api client."""
    assert url.startswith("/api/v1/")
    return url[len("/api/v1") :]


async def send_with(
    api: httpx.AsyncClient, customer: Actor, ids: list[str], body: str = ""
) -> httpx.Response:
    return await api.post(
        "/me/chat/messages",
        json={"body": body, "attachment_ids": ids},
        headers=customer.auth,
    )


def count(sql: Sql, query: str, *args: Any) -> int:
    with sql.cursor() as cur:
        cur.execute(query, args)
        row = cur.fetchone()
    return int(next(iter(row.values())))


# -- upload: types from the bytes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "content_type", "kind"),
    [
        (image_bytes("JPEG"), "photo.jpg", "image/jpeg", "image"),
        (image_bytes("PNG"), "shot.png", "image/png", "image"),
        (image_bytes("GIF"), "anim.gif", "image/gif", "image"),
        (image_bytes("WEBP"), "pic.webp", "image/webp", "image"),
        (PDF, "invoice.pdf", "application/pdf", "file"),
        (zip_bytes({"a.txt": b"hello"}), "bundle.zip", "application/zip", "file"),
        (
            DOCX,
            "letter.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "file",
        ),
        (
            XLSX,
            "sheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "file",
        ),
        ("Привет, plain text\nline two\n".encode(), "notes.txt", "text/plain", "file"),
        (b"a,b,c\n1,2,3\n4,5,6\n", "table.csv", "text/csv", "file"),
    ],
)
async def test_each_allowed_type_is_recognised_from_its_bytes(
    api: httpx.AsyncClient, make: Factory, data: bytes, name: str, content_type: str, kind: str
) -> None:
    customer = await make.guest()
    # The client's Content-Type is ignored whatever it says.
    r = await upload(api, customer, data, name, headers={"Content-Type": "x/y"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == {"id", "name", "size", "content_type", "kind", "width", "height"}
    assert body["content_type"] == content_type
    assert body["kind"] == kind
    assert body["name"] == name
    assert body["size"] == len(data)
    assert len(body["id"]) >= 22
    if kind == "image":
        assert (body["width"], body["height"]) == (64, 48)
    else:
        assert body["width"] is None and body["height"] is None


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (SVG, "logo.svg"),
        (SVG, "logo.png"),
        (HTML, "page.html"),
        (HTML, "innocent.png"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "tool.pdf"),
        (b"MZ\x90\x00" + bytes(200), "setup.txt"),
        (b"\x00\x01\x02binary", "data.csv"),
        (b"\xff\xfe\xfd not utf-8", "text.txt"),
    ],
)
async def test_other_types_are_refused_with_415_whatever_their_name(
    api: httpx.AsyncClient, make: Factory, data: bytes, name: str
) -> None:
    customer = await make.guest()
    r = await upload(
        api, customer, data, name, headers={**customer.auth, "Content-Type": "image/png"}
    )
    assert r.status_code == 415, r.text
    assert r.json()["detail"]


async def test_upload_failures(api: httpx.AsyncClient, make: Factory) -> None:
    customer = await make.guest()
    assert (await api.post("/uploads", params={"name": "a.txt"}, content=b"hi")).status_code == 401
    assert (await upload(api, customer, b"", "empty.txt")).status_code == 422
    r = await api.post("/uploads", content=b"hello", headers=customer.auth)
    assert r.status_code == 422  # no name
    assert (await upload(api, customer, b"hello", "dir/")).status_code == 422
    # A corrupt image of an allowed format is not an image.
    png = image_bytes("PNG")
    assert (await upload(api, customer, png[:60], "cut.png")).status_code == 422
    # A path in the name is only a label: its last part is kept.
    r = await upload(api, customer, b"hello", "../../etc/pass\x00wd.txt")
    assert r.status_code == 201 and r.json()["name"] == "passwd.txt"


async def test_an_image_bomb_is_refused(api: httpx.AsyncClient, make: Factory) -> None:
    customer = await make.guest()
    # 10,000 x 10,000 pixels of one color: a few hundred KiB of PNG, 100 MP decoded.
    bomb = image_bytes("PNG", size=(10_000, 10_000), optimize=True)
    assert len(bomb) < 2_000_000
    r = await upload(api, customer, bomb, "bomb.png")
    assert r.status_code == 422, r.text
    assert "pixels" in r.text


async def test_too_big_is_413_with_and_without_content_length(
    api: httpx.AsyncClient, make: Factory, server: Server
) -> None:
    customer = await make.guest()
    big = 10 * 1024 * 1024 + 1
    r = await upload(api, customer, b"a" * big, "big.txt")
    assert r.status_code == 413

    # Chunked, without Content-Length: the 413 comes while the body is still streaming in
    # (the request is never finished here).
    host, port = server.url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(
        (
            "POST /api/v1/uploads?name=big.txt HTTP/1.1\r\n"
            f"Host: {host}\r\nAuthorization: Bearer {customer.token}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        ).encode()
    )
    piece = b"b" * 65536
    for _ in range(11 * 16):  # 11 MiB
        writer.write(b"10000\r\n" + piece + b"\r\n")
        await writer.drain()
    status = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    assert status.startswith(b"HTTP/1.1 413"), status
    # Exactly the limit is fine.
    ok = await upload(api, customer, b"c" * (10 * 1024 * 1024), "limit.txt")
    assert ok.status_code == 201, ok.text


async def test_blocked_customer_gets_403_on_upload(api: httpx.AsyncClient, make: Factory) -> None:
    customer, admin = await make.guest(), await make.admin()
    message = await make.message(customer)
    r = await api.post(f"/chats/{message['chat_id']}/block", headers=admin.auth)
    assert r.status_code == 204
    assert (await upload(api, customer, b"hello", "a.txt")).status_code == 403


# -- images: metadata stripped, orientation applied, thumbnail ----------------------------------


async def test_gps_exif_is_stripped_and_orientation_applied(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer, admin = await make.guest(), await make.admin()
    original = jpeg_with_gps((60, 40), orientation=6)  # "rotate 90 CW to display"
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    info = await uploaded(api, customer, original, "holiday.jpg")
    # Width and height as shown: the orientation applied.
    assert (info["width"], info["height"]) == (40, 60)
    message = (await send_with(api, customer, [info["id"]])).json()
    attachment = message["attachments"][0]

    r = await api.get(path_of(attachment["url"]))
    assert r.status_code == 200
    served = Image.open(io.BytesIO(r.content))
    assert served.format == "JPEG"
    assert served.size == (40, 60)
    exif = served.getexif()
    assert len(exif) == 0 and not exif.get_ifd(0x8825)
    assert b"Secret Camera" not in r.content
    assert "exif" not in served.info
    # Rotated 90° clockwise: the red left half is now the top.
    top = served.convert("RGB").getpixel((20, 5))
    bottom = served.convert("RGB").getpixel((20, 55))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 and top[2] < 80
    assert bottom[2] > 150

    thumb = await api.get(path_of(attachment["thumbnail_url"]))
    assert thumb.status_code == 200
    assert len(Image.open(io.BytesIO(thumb.content)).getexif()) == 0
    # The admin's copy is the same stripped file.
    r2 = await api.get(f"/attachments/{info['id']}", headers=admin.auth)
    assert r2.status_code == 200 and r2.content == r.content


async def test_thumbnail_is_at_most_400_px_on_the_long_side(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer = await make.guest()
    info = await uploaded(api, customer, image_bytes("PNG", size=(1600, 900)), "wide.png")
    assert (info["width"], info["height"]) == (1600, 900)
    message = (await send_with(api, customer, [info["id"]])).json()
    attachment = message["attachments"][0]
    assert attachment["kind"] == "image"
    thumb = await api.get(path_of(attachment["thumbnail_url"]))
    assert thumb.status_code == 200
    assert thumb.headers["content-type"] in ("image/png", "image/jpeg")
    assert Image.open(io.BytesIO(thumb.content)).size == (400, 225)
    full = await api.get(path_of(attachment["url"]))
    assert Image.open(io.BytesIO(full.content)).size == (1600, 900)


# -- serving -----------------------------------------------------------------------------------


async def test_images_are_inline_and_everything_else_a_download(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer = await make.guest()
    image = await uploaded(api, customer, image_bytes("WEBP"), "pic.webp")
    pdf = await uploaded(api, customer, PDF, 'Счёт №1 "final".pdf')
    text = await uploaded(api, customer, b"just words", "notes.txt")
    message = (await send_with(api, customer, [image["id"], pdf["id"], text["id"]], "files")).json()
    by_id = {a["id"]: a for a in message["attachments"]}

    r = await api.get(path_of(by_id[image["id"]]["url"]))
    assert r.headers["content-type"] == "image/webp"
    assert r.headers["content-disposition"].startswith("inline;")

    r = await api.get(path_of(by_id[pdf["id"]]["url"]))
    assert r.status_code == 200 and r.content == PDF
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"] == (
        'attachment; filename="____ _1 _final_.pdf"; '
        "filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%961%20%22final%22.pdf"
    )
    for att in message["attachments"]:
        r = await api.get(path_of(att["url"]))
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-security-policy"] == "default-src 'none'; sandbox"
        assert r.headers["accept-ranges"] == "bytes"
        assert r.headers["cache-control"].startswith("private")
        assert r.headers["etag"].startswith('"')
        assert r.headers.get_list("x-content-type-options") == ["nosniff"]
    assert by_id[pdf["id"]]["thumbnail_url"] is None
    assert (
        await api.get(f"/attachments/{pdf['id']}/thumbnail", headers=customer.auth)
    ).status_code == 404


async def test_range_etag_and_304(api: httpx.AsyncClient, make: Factory) -> None:
    customer = await make.guest()
    # Over 256 KiB, so ranges cross chunk boundaries.
    data = bytes(range(256)) * 4096 + b"tail"
    data = b"%PDF-1.7\n" + data
    info = await uploaded(api, customer, data, "big.pdf")
    message = (await send_with(api, customer, [info["id"]])).json()
    url = path_of(message["attachments"][0]["url"])

    full = await api.get(url)
    assert full.status_code == 200 and full.content == data
    assert full.headers["content-length"] == str(len(data))
    etag = full.headers["etag"]

    part = await api.get(url, headers={"Range": "bytes=262140-262150"})
    assert part.status_code == 206
    assert part.content == data[262140:262151]
    assert part.headers["content-range"] == f"bytes 262140-262150/{len(data)}"

    tail = await api.get(url, headers={"Range": "bytes=-4"})
    assert tail.status_code == 206 and tail.content == b"tail"
    rest = await api.get(url, headers={"Range": f"bytes={len(data) - 10}-"})
    assert rest.status_code == 206 and rest.content == data[-10:]

    beyond = await api.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(data)}"

    same = await api.get(url, headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b""
    assert same.headers["etag"] == etag
    other = await api.get(url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


# -- who may read ------------------------------------------------------------------------------


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(changes)
    return path_of(parts.path) + "?" + "&".join(f"{k}={v}" for k, v in query.items())


async def test_bad_tampered_expired_or_foreign_sigs_and_strangers_get_404(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer, stranger = await make.guest(), await make.customer()
    admin, other_admin = await make.admin(), await make.admin()
    mine = await uploaded(api, customer, PDF, "a.pdf")
    message = (await send_with(api, customer, [mine["id"]])).json()
    url = message["attachments"][0]["url"]
    other = await uploaded(api, stranger, PDF, "b.pdf")
    other_url = (await send_with(api, stranger, [other["id"]])).json()["attachments"][0]["url"]
    sig, exp = (parse_qs(urlsplit(url).query)[k][0] for k in ("sig", "exp"))

    assert (await api.get(path_of(url))).status_code == 200
    missing = (await api.get("/attachments/" + "x" * 22)).json()
    refused = [
        with_query(url, sig=sig[:-2] + ("AA" if not sig.endswith("AA") else "BB")),
        with_query(url, exp=str(int(exp) + 3600)),  # stretched
        with_query(url, exp=str(int(time.time()) - 10)),  # expired
        path_of(urlsplit(url).path),  # no sig at all
        # Another attachment's sig.
        path_of(urlsplit(url).path) + "?" + urlsplit(other_url).query,
    ]
    for bad in refused:
        r = await api.get(bad)
        assert r.status_code == 404, bad
        assert r.json() == missing
    # Without a sig: another customer, a bad token, and an admin who may not read the chat.
    await make.open(admin, message["chat_id"])
    plain = f"/attachments/{mine['id']}"
    for headers in (stranger.auth, {"Authorization": "Bearer nonsense"}, other_admin.auth):
        r = await api.get(plain, headers=headers)
        assert r.status_code == 404 and r.json() == missing
    # The chat's own parties read it without a sig.
    assert (await api.get(plain, headers=customer.auth)).status_code == 200
    assert (await api.get(plain, headers=admin.auth)).status_code == 200


async def test_an_unsent_upload_is_only_for_its_uploader(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer, stranger, admin = await make.guest(), await make.guest(), await make.admin()
    info = await uploaded(api, customer, b"draft", "draft.txt")
    path = f"/attachments/{info['id']}"
    assert (await api.get(path, headers=customer.auth)).content == b"draft"
    assert (await api.get(path, headers=stranger.auth)).status_code == 404
    assert (await api.get(path, headers=admin.auth)).status_code == 404
    assert (await api.get(path)).status_code == 404


async def test_a_note_attachment_is_invisible_to_the_customer(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer, admin = await make.guest(), await make.admin()
    chat_id = (await make.message(customer))["chat_id"]
    await make.open(admin, chat_id)
    info = await uploaded(api, admin, image_bytes("PNG"), "internal.png")
    note = await make.note(admin, chat_id, body="", attachment_ids=[info["id"]])
    assert note["kind"] == "note"
    attachment = note["attachments"][0]
    # The admin's panel loads it by its link, without a header.
    assert (await api.get(path_of(attachment["url"]))).status_code == 200
    # The customer gets 404 even with the link, for the file and its thumbnail.
    for url in (attachment["url"], attachment["thumbnail_url"]):
        r = await api.get(path_of(url), headers=customer.auth)
        assert r.status_code == 404
    assert (await api.get(f"/attachments/{info['id']}", headers=customer.auth)).status_code == 404
    # And never sees the note in history.
    page = (await api.get(f"/chats/{chat_id}/messages", headers=customer.auth)).json()
    assert all(m["kind"] == "text" for m in page["items"])


# -- attachment_ids on the send paths -----------------------------------------------------------


async def test_attachments_keep_the_order_of_attachment_ids_everywhere(
    api: httpx.AsyncClient, make: Factory
) -> None:
    customer, admin = await make.guest(), await make.admin()
    files = [await uploaded(api, customer, f"file {i}".encode(), f"f{i}.txt") for i in range(5)]
    order = [files[i]["id"] for i in (3, 0, 4, 1, 2)]
    admin_ws = await make.socket(admin)
    r = await send_with(api, customer, order, "five files")
    assert r.status_code == 201, r.text
    message = r.json()
    assert [a["id"] for a in message["attachments"]] == order
    assert [a["name"] for a in message["attachments"]] == [
        "f3.txt",
        "f0.txt",
        "f4.txt",
        "f1.txt",
        "f2.txt",
    ]
    event = await admin_ws.event("message.new")
    assert [a["id"] for a in event["message"]["attachments"]] == order
    history = (await api.get(f"/chats/{message['chat_id']}/messages", headers=admin.auth)).json()
    assert [a["id"] for a in history["items"][-1]["attachments"]] == order
    mine = (await api.get("/me/chat", headers=customer.auth)).json()
    assert [a["id"] for a in mine["last_message"]["attachments"]] == order
    listed = (await api.get("/chats", params={"scope": "all"}, headers=admin.auth)).json()
    row = next(c for c in listed["items"] if c["id"] == message["chat_id"])
    assert [a["id"] for a in row["last_message"]["attachments"]] == order
    found = (await api.get("/search", params={"q": "five files"}, headers=admin.auth)).json()
    assert [a["id"] for a in found["items"][0]["message"]["attachments"]] == order
    for a in message["attachments"]:
        assert a["url"].startswith(f"/api/v1/attachments/{a['id']}?sig=")
        assert a["thumbnail_url"] is None and a["kind"] == "file"
        exp = int(parse_qs(urlsplit(a["url"]).query)["exp"][0])
        assert 3600 <= exp - time.time() <= 24 * 3600
    # A socket's catch-up carries them too.
    ws = await make.socket(customer, since=0)
    caught = await ws.event("message.new")
    assert [a["id"] for a in caught["message"]["attachments"]] == order


async def test_bad_attachment_ids_are_422_and_write_nothing_not_even_a_chat(
    api: httpx.AsyncClient, make: Factory, sql: Sql
) -> None:
    customer, other = await make.guest(), await make.guest()
    theirs = await uploaded(api, other, b"theirs", "t.txt")
    mine = await uploaded(api, customer, b"mine", "m.txt")
    for ids in (
        [theirs["id"]],
        ["A" * 22],
        [mine["id"], theirs["id"]],
        [mine["id"], mine["id"]],
        [mine["id"]] * 11,
        ["not/an id"],
    ):
        r = await send_with(api, customer, ids, "with files")
        assert r.status_code == 422, (ids, r.text)
    assert (await api.get("/me/chat", headers=customer.auth)).status_code == 404
    assert count(sql, "SELECT COUNT(*) n FROM chats WHERE customer_id = %s", customer.id) == 0
    assert count(sql, "SELECT COUNT(*) n FROM attachments WHERE message_id IS NOT NULL") == 0
    # An empty body needs files.
    assert (await send_with(api, customer, [], "")).status_code == 422
    # Now it works, once.
    r = await send_with(api, customer, [mine["id"]])
    assert r.status_code == 201 and r.json()["body"] == ""
    again = await send_with(api, customer, [mine["id"]], "again")
    assert again.status_code == 422
    assert count(sql, "SELECT COUNT(*) n FROM messages WHERE sender_id = %s", customer.id) == 1


async def test_a_retry_with_the_same_client_msg_id_attaches_once(
    api: httpx.AsyncClient, make: Factory, sql: Sql
) -> None:
    customer = await make.guest()
    info = await uploaded(api, customer, b"once", "once.txt")
    body = {"body": "", "attachment_ids": [info["id"]], "client_msg_id": "retry-1"}
    first = await api.post("/me/chat/messages", json=body, headers=customer.auth)
    second = await api.post("/me/chat/messages", json=body, headers=customer.auth)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert [a["id"] for a in second.json()["attachments"]] == [info["id"]]
    assert count(sql, "SELECT COUNT(*) n FROM messages WHERE sender_id = %s", customer.id) == 1


async def test_admin_replies_and_notes_over_rest_and_the_socket(
    api: httpx.AsyncClient, make: Factory, sql: Sql
) -> None:
    customer, admin = await make.guest(), await make.admin()
    chat_id = (await make.message(customer))["chat_id"]
    await make.open(admin, chat_id)
    reply_file = await uploaded(api, admin, PDF, "invoice.pdf")
    r = await api.post(
        f"/chats/{chat_id}/messages",
        json={"body": "your invoice", "attachment_ids": [reply_file["id"]]},
        headers=admin.auth,
    )
    assert r.status_code == 201 and r.json()["attachments"][0]["name"] == "invoice.pdf"
    # The customer downloads it by the link in their history.
    page = (await api.get(f"/chats/{chat_id}/messages", headers=customer.auth)).json()
    link = page["items"][-1]["attachments"][0]["url"]
    assert (await api.get(path_of(link))).content == PDF

    ws = await make.socket(admin)
    customer_ws = await make.socket(customer)
    note_file = await uploaded(api, admin, b"internal", "n.txt")
    reply = await ws.call(
        "message.send",
        {"chat_id": chat_id, "body": "", "kind": "note", "attachment_ids": [note_file["id"]]},
    )
    assert reply["result"]["message"]["attachments"][0]["id"] == note_file["id"]
    await customer_ws.no_event("message.new")

    # Bad ids over the socket: -32602, nothing written.
    before = count(sql, "SELECT COUNT(*) n FROM messages WHERE chat_id = %s", chat_id)
    theirs = await uploaded(api, customer, b"x", "x.txt")
    for ids in ([theirs["id"]], [note_file["id"]], ["B" * 22]):
        bad = await ws.call("message.send", {"chat_id": chat_id, "body": "", "attachment_ids": ids})
        assert bad["error"]["code"] == -32602, bad
    assert count(sql, "SELECT COUNT(*) n FROM messages WHERE chat_id = %s", chat_id) == before
    # A customer's socket send with files.
    own = await uploaded(api, customer, image_bytes("GIF"), "g.gif")
    sent = await customer_ws.call("message.send", {"body": "", "attachment_ids": [own["id"]]})
    attachment = sent["result"]["message"]["attachments"][0]
    assert attachment["kind"] == "image" and attachment["thumbnail_url"]
    assert (attachment["width"], attachment["height"]) == (64, 48)


async def test_webhook_payload_carries_attachments(
    api: httpx.AsyncClient, make: Factory, sql: Sql
) -> None:
    customer = await make.guest()
    await make.message(customer)
    info = await uploaded(api, customer, b"hooked", "h.txt")
    with sql.cursor() as cur:
        cur.execute(
            "INSERT INTO webhook_endpoints (url, secret, events, enabled, created_at) "
            "VALUES ('http://127.0.0.1:9/hook', 'whsec_c2VjcmV0', %s, 1, NOW(6))",
            ("message.created",),
        )
    await send_with(api, customer, [info["id"]], "with a file")

    # The body is rendered by the delivery's first claim, moments after the commit.
    def rendered() -> dict[str, Any] | None:
        with sql.cursor() as cur:
            cur.execute("SELECT payload FROM outbox WHERE payload LIKE %s", ("%h.txt%",))
            return cur.fetchone()

    row = await wait_for(rendered)
    assert row is not None
    assert info["id"] in str(row["payload"]) and "sig=" in str(row["payload"])


# -- cleanup -----------------------------------------------------------------------------------


async def test_uploads_never_sent_are_cleaned_up_after_an_hour(
    api: httpx.AsyncClient, make: Factory, server: Server, sql: Sql, database_url: str
) -> None:
    customer = await make.guest()
    stale = await uploaded(api, customer, b"stale" * 100000, "stale.txt")
    fresh = await uploaded(api, customer, b"fresh", "fresh.txt")
    sent = await uploaded(api, customer, b"sent", "sent.txt")
    await send_with(api, customer, [sent["id"]])
    with sql.cursor() as cur:
        cur.execute(
            "UPDATE attachments SET created_at = NOW(6) - INTERVAL 61 MINUTE WHERE id IN (%s, %s)",
            (stale["id"], sent["id"]),
        )
    # Two servers clean at once, every 0.2 s: each stale row goes exactly once.
    from tests.servers import Server as Srv

    cleaners = [
        Srv(database_url, ATTACHMENT_CLEANUP_SECONDS="0.2").start(wait=False) for _ in range(2)
    ]
    try:
        for c in cleaners:
            await asyncio.to_thread(c.wait_ready)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if count(sql, "SELECT COUNT(*) n FROM attachments WHERE id = %s", stale["id"]) == 0:
                break
            await asyncio.sleep(0.1)
    finally:
        for c in cleaners:
            c.stop()
    left = {
        r["id"]
        for r in _rows(sql, "SELECT id FROM attachments WHERE uploader_id = %s", customer.id)
    }
    assert left == {fresh["id"], sent["id"]}
    assert (
        count(sql, "SELECT COUNT(*) n FROM attachment_chunks WHERE attachment_id = %s", stale["id"])
        == 0
    )
    assert (await api.get(f"/attachments/{stale['id']}", headers=customer.auth)).status_code == 404


def _rows(sql: Sql, query: str, *args: Any) -> list[dict[str, Any]]:
    with sql.cursor() as cur:
        cur.execute(query, args)
        return list(cur.fetchall())


# -- two processes, and the event loop during an upload burst ----------------------------------


async def test_another_process_serves_the_same_file(
    api: httpx.AsyncClient, make: Factory, database_url: str
) -> None:
    customer = await make.guest()
    data = b"%PDF-1.5\n" + bytes(range(256)) * 3000
    info = await uploaded(api, customer, data, "shared.pdf")
    url = (await send_with(api, customer, [info["id"]])).json()["attachments"][0]["url"]
    other = Server(database_url).start(wait=False)
    try:
        await asyncio.to_thread(other.wait_ready)
        async with httpx.AsyncClient(base_url=other.url) as client:
            r = await client.get(url)
        assert r.status_code == 200 and r.content == data
    finally:
        other.stop()


async def test_sockets_keep_flowing_during_an_upload_burst(
    api: httpx.AsyncClient, make: Factory
) -> None:
    """Decoding and re-encoding big images runs off the event loop: pings are answered at once
    while eight 12 MP photos are processed."""
    customer, watcher = await make.guest(), await make.guest()
    photo = image_bytes("JPEG", size=(4000, 3000), quality=95)
    ws = await make.socket(watcher)

    async def burst() -> list[int]:
        results = await asyncio.gather(
            *(upload(api, customer, photo, f"p{i}.jpg", timeout=60) for i in range(8))
        )
        return [r.status_code for r in results]

    task = asyncio.create_task(burst())
    await asyncio.sleep(0.05)
    waits: list[float] = []
    while not task.done():
        started = time.perf_counter()
        reply = await ws.call("ping", {}, timeout=5)
        assert "result" in reply
        waits.append(time.perf_counter() - started)
        await asyncio.sleep(0.1)  # within the socket's frame limit
    assert await task == [201] * 8
    waits.sort()
    assert len(waits) >= 5
    # On a busy 2-core machine: the typical ping is answered at once, none waits for an image.
    assert waits[len(waits) // 2] < 0.05, waits
    assert waits[-1] < 0.5, waits
