"""FastAPI dependencies: the runtime, a pooled connection, and the signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app import errors
from app.config import Settings
from app.db import Connection, Database, Row
from app.ratelimit import Limiter
from app.realtime.events import Events
from app.realtime.hub import Hub
from app.runtime import Runtime
from app.services import auth
from app.services.message_writer import MessageWriter

# Every dependency is `async def`: FastAPI runs a plain `def` one in its thread pool, which costs
# a thread hop per dependency per request (measured: history p99 from 2.8 s to 0.56 s under load).
_bearer = HTTPBearer(auto_error=False, description="The access_token from /auth/login")


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_runtime(request: Request) -> Runtime:
    return runtime_of(request)


Rt = Annotated[Runtime, Depends(get_runtime)]


async def get_settings(rt: Rt) -> Settings:
    return rt.settings


async def get_events(rt: Rt) -> Events:
    return rt.events


async def get_hub(rt: Rt) -> Hub:
    return rt.hub


async def get_limiter(rt: Rt) -> Limiter:
    return rt.limiter


# The dependencies on every authenticated request read the runtime off the request themselves
# rather than through `Rt`: FastAPI solves each dependency anew per request, and two fewer of
# them cost measurably less on the hot reads (bench/README.md, finding 10).
async def get_conn(request: Request) -> AsyncIterator[Connection]:
    async with runtime_of(request).db.acquire() as conn:
        yield conn


async def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def get_db(rt: Rt) -> Database:
    return rt.db


Conn = Annotated[Connection, Depends(get_conn)]
AppDb = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]
AppEvents = Annotated[Events, Depends(get_events)]
AppHub = Annotated[Hub, Depends(get_hub)]
AppLimiter = Annotated[Limiter, Depends(get_limiter)]
ClientIp = Annotated[str, Depends(client_ip)]


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise errors.Unauthorized("sign in first: Authorization: Bearer <token>")
    return credentials.credentials


async def current_user(request: Request, conn: Conn, credentials: Credentials) -> Row:
    return await auth.authenticate(conn, runtime_of(request).settings, _bearer_token(credentials))


CurrentUser = Annotated[Row, Depends(current_user)]


async def sending_user(rt: Rt, credentials: Credentials) -> Row:
    """The signed-in user, looked up on a connection that goes back to the pool at once: a send
    waits for the message writer's batch, which needs a connection of its own, and a send route
    holding one while it waits could starve the writer."""
    token = _bearer_token(credentials)
    async with rt.db.acquire() as conn:
        return await auth.authenticate(conn, rt.settings, token)


SendingUser = Annotated[Row, Depends(sending_user)]


async def get_writer(rt: Rt) -> MessageWriter:
    return rt.writer


AppWriter = Annotated[MessageWriter, Depends(get_writer)]


async def admin_user(user: CurrentUser) -> Row:
    if user["role"] != "admin":
        raise errors.Forbidden("admins only")
    return user


async def customer_user(user: CurrentUser) -> Row:
    if user["role"] != "customer":
        raise errors.Forbidden("customers only")
    return user


async def sending_customer(user: SendingUser) -> Row:
    if user["role"] != "customer":
        raise errors.Forbidden("customers only")
    return user


AdminUser = Annotated[Row, Depends(admin_user)]
CustomerUser = Annotated[Row, Depends(customer_user)]
SendingCustomer = Annotated[Row, Depends(sending_customer)]
