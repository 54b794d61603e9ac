"""SQL of the users table."""

from __future__ import annotations

from datetime import datetime

from app.db import Connection, Row
from app.repositories.wire import wire_time

INSERT_SQL = """
INSERT INTO users (username, password_hash, display_name, role, is_guest, external_id, created_at)
VALUES (%(username)s, %(password_hash)s, %(display_name)s, %(role)s, %(is_guest)s,
        %(external_id)s, %(created_at)s)
"""


async def insert(
    conn: Connection,
    *,
    username: str | None,
    password_hash: str | None,
    display_name: str,
    role: str,
    is_guest: bool,
    external_id: str | None,
    created_at: datetime,
) -> int:
    """Insert a user; a taken username or external id raises errors.Conflict."""
    _, user_id = await conn.execute(
        INSERT_SQL,
        {
            "username": username,
            "password_hash": password_hash,
            "display_name": display_name,
            "role": role,
            "is_guest": int(is_guest),
            "external_id": external_id,
            "created_at": created_at,
        },
    )
    return user_id


# One JSON object per row (Connection.fetch_json): every request's token check reads its user,
# and pymysql describes and parses each of ten columns in Python, where orjson parses one.
# Times are in wire form (strings); only `disabled_at`'s NULL-ness is ever looked at.
USER_SELECT = f"""
SELECT JSON_OBJECT(
    'id', id, 'username', username, 'password_hash', password_hash,
    'display_name', display_name, 'role', role, 'availability', availability,
    'is_guest', is_guest, 'external_id', external_id,
    'token_version', token_version, 'disabled_at', {wire_time("disabled_at")},
    'created_at', {wire_time("created_at")})
FROM users
"""  # noqa: S608 (constants only: no input is formatted into SQL)

# PRIMARY KEY.
GET_BY_ID_SQL = USER_SELECT + "WHERE id = %s"


async def get_by_id(conn: Connection, *, user_id: int) -> Row | None:
    return await conn.fetch_json_one(GET_BY_ID_SQL, (user_id,))


# uq_users_username (case-insensitive collation).
GET_BY_USERNAME_SQL = USER_SELECT + "WHERE username = %s"


async def get_by_username(conn: Connection, *, username: str) -> Row | None:
    return await conn.fetch_json_one(GET_BY_USERNAME_SQL, (username,))


# uq_users_external_id.
GET_BY_EXTERNAL_ID_SQL = USER_SELECT + "WHERE external_id = %s"


async def get_by_external_id(conn: Connection, *, external_id: str) -> Row | None:
    return await conn.fetch_json_one(GET_BY_EXTERNAL_ID_SQL, (external_id,))


UPDATE_DISPLAY_NAME_SQL = "UPDATE users SET display_name = %s WHERE id = %s"


async def update_display_name(conn: Connection, *, user_id: int, display_name: str) -> None:
    await conn.execute(UPDATE_DISPLAY_NAME_SQL, (display_name, user_id))


SET_PASSWORD_SQL = """
UPDATE users SET password_hash = %s, token_version = token_version + 1 WHERE id = %s
"""


async def set_password_and_revoke(conn: Connection, *, user_id: int, password_hash: str) -> None:
    await conn.execute(SET_PASSWORD_SQL, (password_hash, user_id))


REVOKE_TOKENS_SQL = "UPDATE users SET token_version = token_version + 1 WHERE id = %s"


async def revoke_tokens(conn: Connection, *, user_id: int) -> int:
    affected, _ = await conn.execute(REVOKE_TOKENS_SQL, (user_id,))
    return affected


DISABLE_SQL = """
UPDATE users SET disabled_at = COALESCE(disabled_at, %s), token_version = token_version + 1
WHERE id = %s
"""


async def disable(conn: Connection, *, user_id: int, at: datetime) -> int:
    affected, _ = await conn.execute(DISABLE_SQL, (at, user_id))
    return affected


# PRIMARY KEY.
SET_AVAILABILITY_SQL = "UPDATE users SET availability = %s WHERE id = %s"


async def set_availability(conn: Connection, *, user_id: int, availability: str) -> None:
    await conn.execute(SET_AVAILABILITY_SQL, (availability, user_id))
