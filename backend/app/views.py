"""Database rows as the contract's User, Message and Chat objects (plain dicts, encoded once).

Message and chat rows arrive with their times already in wire form (repositories.wire)."""

from __future__ import annotations

from typing import Any

from app.db import Row

View = dict[str, Any]


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
    """A row of repositories.messages (message joined with its sender)."""
    return {
        "id": row["id"],
        "chat_id": row["chat_id"],
        "sender": _prefixed_user(row, row["sender_id"], "u_"),
        "body": row["body"],
        "client_msg_id": row["client_msg_id"],
        "created_at": row["created_at"],
    }


def chat_view(row: Row, *, for_customer: bool, can_read: bool) -> View:
    """A row of repositories.chats, as seen by one side of the chat."""
    last: View | None = None
    if can_read and row["m_id"] is not None:
        last = {
            "id": row["m_id"],
            "chat_id": row["id"],
            "sender": _prefixed_user(row, row["m_sender_id"], "mu_"),
            "body": row["m_body"],
            "client_msg_id": row["m_client_msg_id"],
            "created_at": row["m_created_at"],
        }
    admin_id = row["admin_id"]
    return {
        "id": row["id"],
        "customer": _prefixed_user(row, row["customer_id"], "cu_"),
        "admin": _prefixed_user(row, admin_id, "au_") if admin_id is not None else None,
        "status": "waiting" if admin_id is None else "active",
        "last_message": last,
        "unread_count": row["customer_unread"] if for_customer else row["admin_unread"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "customer_last_read_id": row["customer_last_read_id"],
        "admin_last_read_id": row["admin_last_read_id"],
    }


def admin_may_read(row: Row, admin_id: int) -> bool:
    """Any admin may read a waiting chat; otherwise only its admin."""
    return row["admin_id"] is None or row["admin_id"] == admin_id
