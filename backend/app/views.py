"""Database rows as the contract's User, Message and Chat objects (plain dicts, encoded once).

Message and chat rows arrive with their times already in wire form (repositories.wire)."""

from __future__ import annotations

from typing import Any

from app import attachment_links
from app.db import Row

View = dict[str, Any]


def attachment_view(row: Row) -> View:
    """An attachment's metadata (repositories.attachments) with its signed links."""
    url, thumbnail_url = attachment_links.links(row["id"], image=row["kind"] == "image")
    return {
        "id": row["id"],
        "name": row["name"],
        "size": row["size"],
        "content_type": row["content_type"],
        "kind": row["kind"],
        "width": row["width"],
        "height": row["height"],
        "url": url,
        "thumbnail_url": thumbnail_url,
    }


def attachment_views(rows: list[Row] | None) -> list[View]:
    """A message's attachments, selected with it as one JSON array (null when it has none)."""
    return [attachment_view(r) for r in rows] if rows else []


def user_view(row: Row) -> View:
    return {
        "id": row["id"],
        "username": row["username"],
        "display_name": row["display_name"],
        "role": row["role"],
        "is_guest": bool(row["is_guest"]),
    }


def _prefixed_user(row: Row, user_id: int, prefix: str) -> View:
    return {
        "id": user_id,
        "username": row[prefix + "username"],
        "display_name": row[prefix + "display_name"],
        "role": row[prefix + "role"],
        "is_guest": bool(row[prefix + "is_guest"]),
    }


def message_view(row: Row) -> View:
    """A row of repositories.messages (message joined with its sender). The one shape of a
    Message: every path (REST, events, catch-up, search) builds it here or in `_last`."""
    return {
        "id": row["id"],
        "chat_id": row["chat_id"],
        "sender": _prefixed_user(row, row["sender_id"], "u_"),
        "body": row["body"],
        "kind": row["kind"],
        "client_msg_id": row["client_msg_id"],
        "created_at": row["created_at"],
        "attachments": attachment_views(row.get("attachments")),
    }


def _last(row: Row, p: str) -> View | None:
    """The chat row's newest message under prefix `p` (repositories.chats), as a Message."""
    if row[p + "_id"] is None:
        return None
    return {
        "id": row[p + "_id"],
        "chat_id": row["id"],
        "sender": _prefixed_user(row, row[p + "_sender_id"], p + "u_"),
        "body": row[p + "_body"],
        "kind": row[p + "_kind"],
        "client_msg_id": row[p + "_client_msg_id"],
        "created_at": row[p + "_created_at"],
        "attachments": attachment_views(row.get(p + "_attachments")),
    }


def chat_view(row: Row, *, for_customer: bool, can_read: bool) -> View:
    """A row of repositories.chats, as seen by one side of the chat. A customer's last message
    is their chat's newest text message (`t_`): the row must carry it, or this fails loudly
    rather than show a note."""
    last: View | None = None
    if can_read:
        last = _last(row, "t" if for_customer else "m")
    admin_id = row["admin_id"]
    return {
        "id": row["id"],
        "customer": _prefixed_user(row, row["customer_id"], "cu_"),
        "admin": _prefixed_user(row, admin_id, "au_") if admin_id is not None else None,
        "status": row["status"],
        "last_message": last,
        "unread_count": row["customer_unread"] if for_customer else row["admin_unread"],
        "rating": rating_view(row),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "customer_last_read_id": row["customer_last_read_id"],
        "admin_last_read_id": row["admin_last_read_id"],
        "blocked": bool(row["blocked"]),
    }


def rating_view(row: Row) -> View | None:
    """The rating of the chat row's latest resolution (repositories.chats' `r_`), or None."""
    if row.get("r_score") is None:
        return None
    return {
        "score": row["r_score"],
        "comment": row["r_comment"],
        "created_at": row["r_created_at"],
    }


def admin_may_read(row: Row, admin_id: int) -> bool:
    """Any admin may read a waiting chat; otherwise (active or resolved) only its admin."""
    return row["admin_id"] is None or row["admin_id"] == admin_id
