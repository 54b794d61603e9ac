"""Uploads (raw bodies) and attachments' bytes, served so that nothing uploaded runs as a page."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, status
from fastapi.responses import Response, StreamingResponse

from app import errors
from app.db import Row
from app.deps import Rt, SendingUser
from app.schemas.chats import UploadOut
from app.schemas.errors import error_responses
from app.services import attachments, auth
from app.services.attachment_files import IMAGE_TYPES

router = APIRouter(tags=["attachments"])

AttachmentId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_RAW_BODY = {
    "requestBody": {
        "required": True,
        "description": "The file's bytes, as they are (not multipart).",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post(
    "/uploads",
    status_code=status.HTTP_201_CREATED,
    response_model=UploadOut,
    responses=error_responses(401, 403, 413, 415, 429),
    openapi_extra=_RAW_BODY,
)
async def upload_file(
    request: Request,
    user: SendingUser,
    rt: Rt,
    name: Annotated[str, Query(min_length=1, max_length=1000)],
) -> dict[str, object]:
    """Upload a file to attach to a message (`attachment_ids`). Its type is decided from its
    bytes: JPEG, PNG, GIF and WebP images (re-encoded without metadata, with a thumbnail), PDF,
    office documents, ZIP, plain text and CSV; anything else is a 415. An upload no message
    takes within an hour is deleted."""
    clean = attachments.clean_name(name)
    limit = rt.settings.attachment_max_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise errors.PayloadTooLarge(f"files may be at most {limit} bytes")
    await attachments.check_uploader(rt.db, rt.limiter, rt.settings, user=user)
    data = await attachments.read_limited(request.stream(), limit)
    return await attachments.store_upload(rt.db, rt.store, user=user, name=clean, data=data)


_SERVE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/octet-stream": {}}, "description": "The bytes"},
    206: {"content": {"application/octet-stream": {}}, "description": "A range of the bytes"},
    304: {"description": "Not modified (If-None-Match)"},
    **error_responses(404, 416),
}


async def _optional_user(rt: Rt, request: Request) -> Row | None:
    """The bearer's user, or None: a bad token is treated as no token (and gets the same 404).
    Read from the header itself, not declared as security: these links work signed out."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        async with rt.db.acquire() as conn:
            return await auth.authenticate(conn, rt.settings, token.strip())
    except errors.Unauthorized:
        return None


async def _serve(
    request: Request,
    rt: Rt,
    attachment_id: str,
    *,
    thumbnail: bool,
    sig: str | None,
    exp: int | None,
) -> Response:
    user = await _optional_user(rt, request)
    served = await attachments.find_servable(
        rt.db, attachment_id=attachment_id, thumbnail=thumbnail, sig=sig, exp=exp, user=user
    )
    headers = serving_headers(served)
    if _matches(request.headers.get("if-none-match"), headers["ETag"]):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    start, end, code = 0, served.size - 1, status.HTTP_200_OK
    wanted = _range(request.headers.get("range"), served.size)
    if wanted is not None:
        start, end = wanted
        code = status.HTTP_206_PARTIAL_CONTENT
        headers["Content-Range"] = f"bytes {start}-{end}/{served.size}"
    headers["Content-Length"] = str(end - start + 1)
    if served.size == 0:
        return Response(b"", status_code=code, headers=headers)
    body = rt.store.open_range(served.attachment_id, served.variant, start, end)
    return StreamingResponse(body, status_code=code, headers=headers)


def serving_headers(served: attachments.Served) -> dict[str, str]:
    """Every header an attachment is served with. Inline only for the four image types, with
    their own type; everything else is a download of application/octet-stream. No served file
    may run script or be sniffed into something else (the `nosniff` header itself is added to
    every response by app.headers)."""
    inline = served.content_type in IMAGE_TYPES
    return {
        "Content-Type": served.content_type if inline else "application/octet-stream",
        "Content-Disposition": content_disposition(served.name, inline=inline),
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "ETag": f'"{served.etag}"',
        "Cache-Control": "private, max-age=3600",
        "Accept-Ranges": "bytes",
    }


def content_disposition(name: str, *, inline: bool) -> str:
    """RFC 6266: an ASCII fallback `filename` and the exact name as RFC 5987 `filename*`."""
    fallback = (
        "".join(ch if " " <= ch <= "~" and ch not in '"\\%' else "_" for ch in name).strip()
        or "download"
    )
    exact = quote(name, safe="!#$&+-.^_`|~")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{exact}"


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def _range(header: str | None, size: int) -> tuple[int, int] | None:
    """One `bytes=` range as (start, end) inclusive; None to send the whole file (no header, a
    malformed one or several ranges); 416 when it lies outside the file."""
    if not header:
        return None
    found = _RANGE.match(header.strip())
    if found is None:
        return None
    first, last = found.groups()
    if not first and not last:
        return None
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise errors.RangeNotSatisfiable("the range is empty", size)
        return max(size - suffix, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None
    if start >= size:
        raise errors.RangeNotSatisfiable(f"the file has {size} bytes", size)
    return start, end


Sig = Annotated[str | None, Query(max_length=128)]
Exp = Annotated[int | None, Query(ge=0, le=2**62)]


@router.get("/attachments/{attachment_id}", response_class=Response, responses=_SERVE_RESPONSES)
async def download_attachment(
    attachment_id: AttachmentId,
    request: Request,
    rt: Rt,
    sig: Sig = None,
    exp: Exp = None,
) -> Response:
    """The attachment's bytes: with the `url` of a message (signed), or as a reader of its chat,
    or as its uploader before it is sent. Everyone else gets 404."""
    return await _serve(request, rt, attachment_id, thumbnail=False, sig=sig, exp=exp)


@router.get(
    "/attachments/{attachment_id}/thumbnail", response_class=Response, responses=_SERVE_RESPONSES
)
async def download_thumbnail(
    attachment_id: AttachmentId,
    request: Request,
    rt: Rt,
    sig: Sig = None,
    exp: Exp = None,
) -> Response:
    """An image's thumbnail (at most 400 px on the long side), on the same terms."""
    return await _serve(request, rt, attachment_id, thumbnail=True, sig=sig, exp=exp)
