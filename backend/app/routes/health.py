"""Liveness of the service and its database (and Redis, when configured)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.deps import Rt
from app.schemas.errors import HealthOut

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "The database is unreachable"}},
)
async def health(rt: Rt) -> JSONResponse:
    """200 with `database: ok`, or 503 with `database: down` when MariaDB is unreachable."""
    db_ok = await rt.db.ping()
    body = {"status": "ok" if db_ok else "degraded", "database": "ok" if db_ok else "down"}
    if rt.settings.redis_url:
        body["redis"] = rt.hub.status()
    return JSONResponse(body, status_code=200 if db_ok else 503)
