"""SQL fragments shared by the repositories for rows selected as JSON (Connection.fetch_json)."""

from __future__ import annotations


def wire_time(column: str) -> str:
    """A DATETIME(6) column as the contract's time string, as serialization.iso writes it
    ("2026-01-01T10:00:00.000000Z"). The %% are pymysql's: it %-formats every statement that
    has parameters, and each statement using this has some."""
    return f"DATE_FORMAT({column}, '%%Y-%%m-%%dT%%H:%%i:%%s.%%fZ')"
