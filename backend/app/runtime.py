"""What lives for the whole process: settings, the pool, the hub, the event publisher, limits."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app import attachment_links
from app.config import Settings
from app.db import Database
from app.ratelimit import Limiter, MemoryLimiter, NoLimiter, RedisLimiter
from app.realtime.events import Events
from app.realtime.hub import Hub, LocalHub
from app.services import outbox_events
from app.services.attachment_store import AttachmentStore, DbStore
from app.services.attachments import Cleanup
from app.services.message_writer import MessageWriter
from app.services.outbox import Outbox
from app.services.page_writer import PageWriter

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    hub: Hub
    events: Events
    limiter: Limiter
    writer: MessageWriter
    pages: PageWriter
    outbox: Outbox
    store: AttachmentStore
    cleanup: Cleanup

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        hub: Hub
        limiter: Limiter
        if settings.redis_url:
            from redis.asyncio import Redis

            from app.realtime.redis_hub import RedisHub

            redis = Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
            hub = RedisHub(redis)
            limiter = RedisLimiter(redis)
        else:
            hub = LocalHub()
            limiter = MemoryLimiter()
        if not settings.limits_on:
            limiter = NoLimiter()
        events = Events(hub)
        hub.on_presence(events.presence)
        db = Database(settings)
        writer = MessageWriter(db, events)
        box = Outbox(settings, db, hub, yield_to=writer.busy)
        outbox_events.configure(settings, hub, box.wake)
        attachment_links.configure(settings.jwt_secret)
        store = DbStore(db)
        cleanup = Cleanup(settings, db, store)
        pages = PageWriter(db, hub)
        return cls(settings, db, hub, events, limiter, writer, pages, box, store, cleanup)
