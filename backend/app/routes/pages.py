"""The demo shop page, the widget bundle and the admin SPA, from the frontend build folder."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

router = APIRouter(include_in_schema=False)

PLACEHOLDER_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Parley</title></head>
<body><h1>Parley</h1><p>The frontend is not built yet: run <code>make run</code>.</p>
<script src="/widget.js" async></script></body></html>"""
PLACEHOLDER_WIDGET = "/* Parley widget: the frontend is not built yet (make run builds it). */\n"

# The admin panel only talks to its own origin; nothing may frame it.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self' ws: wss:; font-src 'self' data:; "
    "media-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def _dist(request: Request) -> Path:
    return Path(request.app.state.runtime.settings.dist_path).resolve()


def _send(request: Request, path: Path, headers: dict[str, str]) -> Response:
    """The file, or the gzip copy the build made of it when the browser accepts gzip."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {**headers, "Vary": "Accept-Encoding"}
    compressed = path.with_name(path.name + ".gz")
    if "gzip" in request.headers.get("accept-encoding", "") and compressed.is_file():
        headers["Content-Encoding"] = "gzip"
        return FileResponse(compressed, media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)


def _file_in(root: Path, relative: str) -> Path | None:
    """The file at `relative` under `root`, never outside it."""
    candidate = (root / relative).resolve()
    if candidate.is_file() and candidate.is_relative_to(root):
        return candidate
    return None


@router.api_route("/", methods=["GET", "HEAD"])
async def shop_page(request: Request) -> Response:
    page = _file_in(_dist(request), "index.html")
    return FileResponse(page) if page else HTMLResponse(PLACEHOLDER_PAGE)


# Host pages load the widget from another origin, as a module script (a CORS fetch) for the chat.
CROSS_ORIGIN = {"Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin"}


@router.api_route("/widget.js", methods=["GET", "HEAD"])
async def widget_loader(request: Request) -> Response:
    """The loader: a fixed name, so a short cache lets an upgrade reach visitors within minutes."""
    bundle = _file_in(_dist(request), "widget.js")
    headers = {"Cache-Control": "public, max-age=300", **CROSS_ORIGIN}
    if bundle:
        return _send(request, bundle, headers)
    return Response(PLACEHOLDER_WIDGET, media_type="text/javascript", headers=headers)


@router.api_route("/widget/assets/{path:path}", methods=["GET", "HEAD"])
async def widget_chunk(request: Request, path: str) -> Response:
    """The chat bundle the loader imports: its name has its content hash, so it never changes."""
    chunk = _file_in(_dist(request) / "widget" / "assets", path)
    if chunk is None:
        return Response("not found", status_code=404, media_type="text/plain", headers=CROSS_ORIGIN)
    headers = {"Cache-Control": "public, max-age=31536000, immutable", **CROSS_ORIGIN}
    return _send(request, chunk, headers)


@router.api_route("/admin", methods=["GET", "HEAD"])
@router.api_route("/admin/{path:path}", methods=["GET", "HEAD"])
async def admin_app(request: Request, path: str = "") -> Response:
    """Files of the admin build, and index.html for every deep link (/admin/chats/123)."""
    root = _dist(request) / "admin"
    headers = {"Content-Security-Policy": ADMIN_CSP, "X-Frame-Options": "DENY"}
    asset = _file_in(root.resolve(), path) if path else None
    if asset:
        if path.startswith("assets/"):
            # Hashed file names: such a file never changes, so browsers may keep it.
            headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return _send(request, asset, headers)
    index = _file_in(root.resolve(), "index.html")
    if index:
        return FileResponse(index, headers={**headers, "Cache-Control": "no-cache"})
    return HTMLResponse(PLACEHOLDER_PAGE, headers=headers)


@router.api_route("/assets/{path:path}", methods=["GET", "HEAD"])
async def shop_assets(request: Request, path: str) -> Response:
    asset = _file_in(_dist(request) / "assets", path)
    if asset is None:
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(asset)
