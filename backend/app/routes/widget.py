"""The widget's start-up calls: its settings for the page's origin, and the visitor's session."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.deps import AppHub, AppSettings, Conn, CurrentUser
from app.schemas.errors import error_responses
from app.schemas.widget import WidgetConfigOut, WidgetSessionOut
from app.services import widget

router = APIRouter(prefix="/widget", tags=["widget"])

# Every page view of a host site asks this: a browser keeps the answer for a minute, per origin.
# `offline` is in it, so not longer: the socket's `presence` events keep an open widget current.
CONFIG_CACHE = "public, max-age=60"


@router.get("/config", response_model=WidgetConfigOut)
async def read_widget_config(request: Request, settings: AppSettings, hub: AppHub) -> JSONResponse:
    """Whether the widget may run on the calling page's origin (`ALLOWED_ORIGINS`, or this
    server's own), and its settings. Readable from any origin, so that a refused page learns it
    without a CORS error in its console."""
    own_origin = f"{request.url.scheme}://{request.headers.get('host', '')}"
    body = await widget.config(
        request.headers.get("origin"), own_origin=own_origin, settings=settings, hub=hub
    )
    # `Vary: Origin` comes from the CORS middleware, on every response (it names an allowed
    # origin in place of the `*`).
    headers = {"Cache-Control": CONFIG_CACHE, "Access-Control-Allow-Origin": "*"}
    return JSONResponse(body, headers=headers)


@router.get("/session", response_model=WidgetSessionOut, responses=error_responses(401))
async def read_widget_session(user: CurrentUser, conn: Conn) -> dict[str, object]:
    """The signed-in visitor and their chat (`null` before the first message), in one call."""
    return await widget.session(conn, user=user)
