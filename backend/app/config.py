"""Every setting of Parley, read from the environment (and `.env` when present)."""

from __future__ import annotations

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
    # Relative paths are taken from the project root.
    frontend_dist: str = "frontend/dist"

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]
        return value

    @field_validator("redis_url", "identity_secret", mode="before")
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
        return self

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
