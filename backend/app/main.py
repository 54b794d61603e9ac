"""create_app(): the pool, the hub and the routers, with domain errors mapped to HTTP once."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import errors, security
from app.config import Settings, get_settings
from app.routes import admin, auth, chats, health, me, pages, ws
from app.runtime import Runtime
from app.services.auth import seed_demo_users

log = logging.getLogger("parley")
CLOSE_SERVICE_RESTART = 1012


class SecurityHeaders:
    """`nosniff` and a referrer policy on every HTTP response (pure ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"strict-origin-when-cross-origin"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
        if settings.seed_demo:
            try:
                async with runtime.db.acquire() as conn:
                    await seed_demo_users(conn)
            except errors.DatabaseUnavailable:
                log.warning("database unavailable: demo users not seeded")
        yield
        await runtime.hub.close(CLOSE_SERVICE_RESTART, "server restarting")
        await runtime.db.close()

    app = FastAPI(
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
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    for router in (auth.router, me.router, chats.router, admin.router, health.router, ws.router):
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
