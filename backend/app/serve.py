"""Run Parley under uvicorn with the production settings (`make run`)."""

from __future__ import annotations

import os

import uvicorn

from app.config import get_settings


def main() -> None:
    settings = get_settings()
    inbox = None
    if settings.mail_dev:
        from app import maildev

        inbox = maildev.start(settings.mail_dev_path, settings.host, settings.port)
        get_settings.cache_clear()
        settings = get_settings()
    workers = int(os.environ.get("WORKERS", "1"))
    if workers > 1 and not settings.redis_url:
        raise SystemExit(
            "WORKERS > 1 needs REDIS_URL: without the Redis backplane a message sent to one "
            "process would never reach sockets held by another."
        )
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        # wsproto holds an idle socket in 20.8 KiB against websockets' 30.4 KiB, and its send
        # path is as fast (bench/README.md, "The WebSocket implementation"); DirectFrames is
        # wsproto writing Parley's data frames itself. PARLEY_WS=wsproto or websockets measures
        # the others.
        ws=os.environ.get("PARLEY_WS", "app.realtime.ws_protocol:DirectFrames"),
        # Compression costs ~300 KiB per socket at zlib's defaults; chat frames are small.
        ws_per_message_deflate=False,
        ws_max_size=1024 * 1024,
        proxy_headers=True,
        timeout_graceful_shutdown=10,
        log_level=os.environ.get("LOG_LEVEL", "info"),
    )
    if inbox is not None:
        inbox.stop()


if __name__ == "__main__":
    main()
