"""Every setting of Parley, read from the environment (and `.env` when present)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]
DEV_JWT_SECRET = "parley-local-development-secret-do-not-use-in-production"
WEAK_SECRETS = {"", "secret", "changeme", "change-me", "password", DEV_JWT_SECRET}


class DatabaseParams:
    """The parts of `DATABASE_URL` (`mysql://user:pass@host:port/db`, optionally
    `?unix_socket=/run/mysqld/mysqld.sock` to reach a MariaDB on the same host through its socket
    instead of TCP loopback)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("mysql", "mariadb", "mysql+pymysql"):
            raise ValueError(f"DATABASE_URL must start with mysql://, got {parts.scheme!r}")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 3306
        self.user = unquote(parts.username or "root")
        self.password = unquote(parts.password or "")
        self.database = parts.path.lstrip("/") or "parley"
        self.unix_socket = parse_qs(parts.query).get("unix_socket", [None])[0]


class SmtpParams:
    """The parts of `SMTP_URL`: `smtp://user:pass@host:port` (plain, or `?starttls=1` to
    upgrade), `smtps://...` (TLS from the first byte, usually port 465)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError(f"SMTP_URL must start with smtp:// or smtps://, got {parts.scheme!r}")
        query = parse_qs(parts.query)
        self.use_tls = parts.scheme == "smtps"
        self.start_tls = query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or (465 if self.use_tls else 587 if self.start_tls else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=ROOT / ".env", extra="ignore")

    environment: Literal["local", "production"] = Field("local", alias="PARLEY_ENV")
    host: str = "127.0.0.1"
    port: int = 8000

    database_url: str = "mysql://root@127.0.0.1:3306/parley"
    db_pool_max: int = 20
    # A paused or unreachable MariaDB fails a request after this many seconds instead of hanging it.
    db_timeout_seconds: float = 5.0
    # How long a request may queue for one of the pool's connections under load.
    db_queue_timeout_seconds: float = 15.0

    redis_url: str | None = None

    # argon2 cost of new password hashes (passlib's defaults: 64 MiB, 3 passes).
    argon2_memory_kib: int = 65536
    argon2_time_cost: int = 3

    jwt_secret: str = DEV_JWT_SECRET
    access_token_ttl_seconds: int = 7 * 24 * 3600
    identity_secret: str | None = None

    allowed_origins: Annotated[list[str], NoDecode] = []
    seed_demo_users: bool | None = None

    rate_limits: Literal["on", "off"] = "on"
    login_failures_per_user_ip: int = 5
    login_failures_per_ip: int = 30
    login_window_seconds: int = 300
    signups_per_ip: int = 20
    signup_window_seconds: int = 600
    messages_per_user: int = 20
    message_window_seconds: int = 10
    ws_frames_per_second: int = 20

    ws_auth_timeout_seconds: float = 10.0
    ws_send_queue_size: int = 512
    # How long the close frame of a socket that fell behind waits for its peer to read.
    ws_close_grace_seconds: float = 20.0
    # Relative paths are taken from the project root.
    frontend_dist: str = "frontend/dist"

    # Email: all three of SMTP_URL, MAIL_FROM and PUBLIC_URL, or no email at all.
    smtp_url: str | None = None
    mail_from: str | None = None
    public_url: str | None = None
    team_email: str | None = None
    email_followup_seconds: float = 120.0
    # `make run` with MAIL_DEV=1 starts a local SMTP server that writes mail into this folder.
    mail_dev: bool = False
    mail_dev_dir: str = ".data/mail"
    # A weekly schedule in a time zone, e.g. "Europe/Berlin mon-fri 09:00-18:00, sat 10:00-14:00".
    business_hours: str | None = None

    # Webhooks: CIDRs that may be reached although they are not public (tests, a laptop).
    webhook_allowed_networks: Annotated[list[str], NoDecode] = []
    # The outbox: seconds between attempts (the last one failing makes a row dead), how long a
    # claim holds a row, how often idle workers look, how long settled rows are kept.
    outbox_retry_schedule: Annotated[list[float], NoDecode] = [
        30,
        120,
        300,
        900,
        1800,
        3600,
        7200,
        14400,
        28800,
        29000,
    ]
    outbox_lease_seconds: float = 60.0
    outbox_poll_seconds: float = 0.5
    outbox_retention_days: float = 7.0
    # Resolved chats are deleted this many days after their resolution (unset: kept for ever),
    # by a daily sweep whose first run comes this many seconds after start-up.
    retention_days: Annotated[int, Field(ge=1)] | None = None
    retention_first_delay_seconds: float = 60.0

    # Attachments: the largest upload, uploads per user per window, how long an upload may wait
    # for a message before the cleanup (every attachment_cleanup_seconds) deletes it.
    attachment_max_bytes: int = Field(10 * 1024 * 1024, ge=1)
    uploads_per_user: int = 30
    upload_window_seconds: int = 60
    attachment_unsent_seconds: float = 3600.0
    attachment_cleanup_seconds: float = 300.0

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]
        return value

    @field_validator("webhook_allowed_networks", mode="before")
    @classmethod
    def _split_networks(cls, value: object) -> object:
        if isinstance(value, str):
            return [n.strip() for n in value.split(",") if n.strip()]
        return value

    @field_validator("outbox_retry_schedule", mode="before")
    @classmethod
    def _split_schedule(cls, value: object) -> object:
        if isinstance(value, str):
            return [float(n) for n in value.split(",") if n.strip()]
        return value

    @field_validator(
        "redis_url",
        "identity_secret",
        "smtp_url",
        "mail_from",
        "public_url",
        "team_email",
        "business_hours",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("jwt_secret", mode="before")
    @classmethod
    def _blank_secret_is_dev_secret(cls, value: object) -> object:
        # An empty JWT_SECRET= line means "not set"; outside local the check below refuses it.
        return DEV_JWT_SECRET if value in ("", None) else value

    @model_validator(mode="after")
    def _refuse_weak_secret_outside_local(self) -> Settings:
        if self.environment != "local" and (
            self.jwt_secret in WEAK_SECRETS or len(self.jwt_secret) < 32
        ):
            raise ValueError(
                "JWT_SECRET must be set to a random string of at least 32 characters "
                "outside local development (PARLEY_ENV=production)"
            )
        DatabaseParams(self.database_url)
        if self.smtp_url:
            SmtpParams(self.smtp_url)
        for net in self.webhook_allowed_networks:
            ipaddress.ip_network(net, strict=False)
        if self.business_hours:
            from app.business_hours import parse

            parse(self.business_hours)
        if not self.outbox_retry_schedule:
            raise ValueError("OUTBOX_RETRY_SCHEDULE needs at least one delay")
        return self

    @property
    def mail_enabled(self) -> bool:
        return bool(self.smtp_url and self.mail_from and self.public_url)

    @property
    def smtp(self) -> SmtpParams:
        assert self.smtp_url
        return SmtpParams(self.smtp_url)

    @property
    def mail_dev_path(self) -> Path:
        return ROOT / self.mail_dev_dir

    @property
    def dist_path(self) -> Path:
        return ROOT / self.frontend_dist

    @property
    def db(self) -> DatabaseParams:
        return DatabaseParams(self.database_url)

    @property
    def seed_demo(self) -> bool:
        if self.seed_demo_users is None:
            return self.environment == "local"
        return self.seed_demo_users

    @property
    def limits_on(self) -> bool:
        return self.rate_limits == "on"


@lru_cache
def get_settings() -> Settings:
    return Settings()
