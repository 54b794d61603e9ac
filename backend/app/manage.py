"""Operator commands over pymysql and yoyo: create the database, migrate, roll back, ping.

python -m app.manage ping | create-db | migrate | rollback [--all]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pymysql
from yoyo import get_backend, read_migrations

from app.config import DatabaseParams, get_settings

MIGRATIONS = Path(__file__).resolve().parents[2] / "db" / "migrations"


def connect(params: DatabaseParams, *, database: bool = True, **options: Any) -> pymysql.Connection:
    """A pymysql connection for scripts and tests: to the database, or (database=False) to the
    server alone, e.g. to create the database."""
    return pymysql.connect(
        host=params.host,
        port=params.port,
        unix_socket=params.unix_socket,
        user=params.user,
        password=params.password,
        database=params.database if database else None,
        connect_timeout=3,
        charset="utf8mb4",
        **options,
    )


def _server(params: DatabaseParams) -> pymysql.Connection:
    return connect(params, database=False)


def ping(params: DatabaseParams) -> bool:
    try:
        _server(params).close()
        return True
    except pymysql.err.OperationalError:
        return False


def create_database(params: DatabaseParams) -> None:
    # An identifier cannot be a query parameter: allow only a plain name, then quote it.
    if not re.fullmatch(r"[A-Za-z0-9_]{1,64}", params.database):
        raise SystemExit(f"database name must be letters, digits and _, got {params.database!r}")
    conn = _server(params)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "CREATE DATABASE IF NOT EXISTS `" + params.database + "` "
                "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
    finally:
        conn.close()


def drop_database(params: DatabaseParams) -> None:
    if not re.fullmatch(r"[A-Za-z0-9_]{1,64}", params.database):
        raise SystemExit(f"database name must be letters, digits and _, got {params.database!r}")
    conn = _server(params)
    try:
        with conn.cursor() as cur:
            cur.execute("DROP DATABASE IF EXISTS `" + params.database + "`")
    finally:
        conn.close()


def _yoyo_url(url: str) -> str:
    return "mysql://" + url.split("://", 1)[1]


def migrate(url: str) -> int:
    backend = get_backend(_yoyo_url(url))
    migrations = read_migrations(str(MIGRATIONS))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return len(pending)


def rollback(url: str, *, everything: bool) -> int:
    backend = get_backend(_yoyo_url(url))
    migrations = read_migrations(str(MIGRATIONS))
    with backend.lock():
        applied = backend.to_rollback(migrations)
        chosen = applied if everything else applied[:1]
        backend.rollback_migrations(chosen)
    return len(chosen)


def main(argv: list[str]) -> int:
    settings = get_settings()
    params = settings.db
    command = argv[0] if argv else ""
    if command == "ping":
        return 0 if ping(params) else 1
    if command == "create-db":
        create_database(params)
        print(f"database {params.database} ready on {params.host}:{params.port}")
        return 0
    if command == "migrate":
        count = migrate(settings.database_url)
        print(f"applied {count} migration(s) to {params.database}")
        return 0
    if command == "rollback":
        count = rollback(settings.database_url, everything="--all" in argv)
        print(f"rolled back {count} migration(s) in {params.database}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
