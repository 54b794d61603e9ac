"""create_app(): the pool, the hub and the routers, with domain errors mapped to HTTP once."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from app import collector, errors, security
from app.collector import Collector
from app.config import Settings, get_settings
from app.headers import SecurityHeaders
from app.routes import (
    admin,
    attachments,
    auth,
    canned,
    chats,
    health,
    hot_reads,
    integrations,
    me,
    me_email,
    pages,
    reports,
    search,
    visitor,
    widget,
    ws,
)
from app.runtime import Runtime
from app.services.auth import seed_demo_users
from app.services.retention import Retention

log = logging.getLogger("parley")
CLOSE_SERVICE_RESTART = 1012
# FastAPI's answer to a body it cannot decode at all (bytes that are not UTF-8, a broken form).
UNPARSEABLE_BODY = "There was an error parsing the body"


def _encodable(value: object) -> object:
    """`value` with every string made encodable as UTF-8 (lone surrogates become "?")."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_encodable(item) for item in value]
    if isinstance(value, dict):
        return {_encodable(k): _encodable(v) for k, v in value.items()}
    return value


def _documented_methods(app: FastAPI, path: str) -> set[str]:
    """The methods /openapi.json declares for the path template that `path` matches."""
    for template, operations in app.openapi()["paths"].items():
        pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{[^/}]+\}", template))
        if re.fullmatch(pattern, path):
            return {method.upper() for method in operations}
    return set()


class ParleyApp(FastAPI):
    """FastAPI, with the WebSocket and the two hottest reads (routes/hot_reads.py) served ahead
    of the HTTP middleware stack.

    A socket lives for hours; routed through the stack it keeps a frame of every middleware and
    of the router alive for its whole life (measured: ~9 KiB of each idle socket's ~38 KiB).
    Nothing in that stack applies to the socket: it checks its own Origin and maps its own errors.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope["path"] == ws.PATH:
            scope["app"] = self
            await ws.serve(scope, receive, send, self.state.runtime)
            return
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].startswith(hot_reads.PREFIX)
            and await hot_reads.serve(scope, send, self.state.runtime)
        ):
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    security.configure_hashing(
        memory_kib=settings.argon2_memory_kib, time_cost=settings.argon2_time_cost
    )
    runtime = Runtime.build(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime.db.open()
        await runtime.hub.start()
        collector.tune()
        full_collections = Collector()
        full_collections.start()
        if settings.seed_demo:
            try:
                async with runtime.db.acquire() as conn:
                    await seed_demo_users(conn)
            except errors.DatabaseUnavailable:
                log.warning("database unavailable: demo users not seeded")
        await runtime.outbox.start()
        await runtime.cleanup.start()
        retention = Retention(
            runtime.db, settings.retention_days, settings.retention_first_delay_seconds
        )
        retention.start()
        yield
        await full_collections.stop()
        await retention.stop()
        await runtime.cleanup.stop()
        await runtime.writer.drain()
        await runtime.pages.drain()
        await runtime.outbox.stop()
        await runtime.hub.close(CLOSE_SERVICE_RESTART, "server restarting")
        await runtime.db.close()

    app = ParleyApp(
        title="Parley",
        version="1.0.0",
        summary="Live chat between site visitors and support admins.",
        lifespan=lifespan,
    )
    app.state.runtime = runtime

    @app.exception_handler(errors.ParleyError)
    async def domain_error(request: Request, exc: errors.ParleyError) -> JSONResponse:
        headers: dict[str, str] = {}
        if isinstance(exc, errors.RateLimited):
            headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, errors.Unauthorized):
            headers["WWW-Authenticate"] = "Bearer"
        if isinstance(exc, errors.RangeNotSatisfiable):
            headers["Content-Range"] = f"bytes */{exc.size}"
        if isinstance(exc, errors.BadRequest):
            # Shaped like FastAPI's own 422, the one shape /openapi.json declares for it.
            invalid: list[dict[str, object]] = [
                {"type": "value_error", "loc": [], "msg": exc.detail, "input": None}
            ]
            return JSONResponse({"detail": invalid}, status_code=exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        """A bug or an unmapped database error: the contract's error shape, not plain text (the
        traceback is logged by the server)."""
        return JSONResponse({"detail": "internal error"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        """FastAPI's 422, except that echoed input which cannot be written as UTF-8 (JSON's
        "\\ud800", half a surrogate pair) no longer turns the 422 into a 500."""
        detail = _encodable(jsonable_encoder(exc.errors()))
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """A bad body is a 422 whatever is wrong with it (the contract), not FastAPI's 400."""
        if exc.status_code == 400 and exc.detail == UNPARSEABLE_BODY:
            detail = [{"type": "json_invalid", "loc": ["body"], "msg": exc.detail, "input": None}]
            return JSONResponse({"detail": detail}, status_code=422)
        if exc.status_code == 405 and (methods := _documented_methods(app, request.url.path)):
            # Starlette names only the first route that matched the path; `Allow` lists every
            # method of the path (GET and POST /chats/{id}/messages are two routes).
            headers = {"Allow": ", ".join(sorted(methods))}
            return JSONResponse({"detail": exc.detail}, status_code=405, headers=headers)
        return await http_exception_handler(request, exc)

    for router in (auth.router, me.router, chats.router, admin.router, health.router):
        app.include_router(router, prefix="/api/v1")
    app.include_router(widget.router, prefix="/api/v1")
    for router in (
        canned.router,
        visitor.router,
        search.router,
        integrations.router,
        me_email.router,
        attachments.router,
        reports.router,
    ):
        app.include_router(router, prefix="/api/v1")
    app.include_router(pages.router)

    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_credentials=False,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(SecurityHeaders)
    return app
