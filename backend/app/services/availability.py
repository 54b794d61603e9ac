"""An admin's availability: online or away. Away admins work as usual, but customers are not
told that support is there (admins_online and presence count only online admins)."""

from __future__ import annotations

from app import errors
from app.db import Connection, Row
from app.realtime.hub import Hub
from app.repositories import users
from app.services.chats import is_customer

AWAY = "away"


def _admin_only(user: Row) -> None:
    if is_customer(user):
        raise errors.Forbidden("availability is for admins only")


async def get(*, admin: Row) -> dict[str, str]:
    """The admin's availability, as last set (it outlives sockets and restarts)."""
    _admin_only(admin)
    return {"status": admin["availability"]}


async def set_status(conn: Connection, hub: Hub, *, admin: Row, status: str) -> dict[str, str]:
    """Stored first, then every process recounts the admin's open sockets."""
    _admin_only(admin)
    await users.set_availability(conn, user_id=admin["id"], availability=status)
    await hub.set_away(admin["id"], status == AWAY)
    return {"status": status}
