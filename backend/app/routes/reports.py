"""Reports, and a customer's data: its export and its erasure (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status
from fastapi.responses import StreamingResponse

from app.deps import AdminUser, AppDb, AppHub, Conn
from app.schemas.chats import MAX_ID
from app.schemas.errors import error_responses
from app.schemas.reports import DATE_PATTERN, CustomerExportOut, ReportOut
from app.services import customer_data, reports

router = APIRouter(prefix="/admin", tags=["reports"])

DateParam = Annotated[str, Query(pattern=DATE_PATTERN, description="A date, YYYY-MM-DD")]
FromParam = Annotated[
    str, Query(alias="from", pattern=DATE_PATTERN, description="The first date, YYYY-MM-DD")
]
TzParam = Annotated[str, Query(min_length=1, max_length=64, description="An IANA time zone")]
CustomerId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("/reports", response_model=ReportOut, responses=error_responses(401, 403))
async def read_report(
    admin: AdminUser, db: AppDb, from_: FromParam, to: DateParam, tz: TzParam = "UTC"
) -> dict[str, object]:
    """The team's numbers for the local dates `from`..`to` (inclusive, at most 366 days) in `tz`:
    chats started and resolved, messages, first response and resolution times (nearest-rank
    p50/p90, in seconds), ratings, one entry per day, customer messages by weekday and hour,
    and a row per admin."""
    return await reports.report(db, first=from_, last=to, tz=tz)


@router.get(
    "/reports/chats.csv",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "A header row, then one row per chat started in the range",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **error_responses(401, 403),
    },
)
async def download_chats_csv(
    admin: AdminUser, db: AppDb, from_: FromParam, to: DateParam, tz: TzParam = "UTC"
) -> StreamingResponse:
    """The chats started in the range, as CSV (times in `tz`). Cells that a spreadsheet would
    run as a formula start with a quote."""
    rng = reports.check_range(from_, to, tz)
    name = f"parley-chats-{rng.first.isoformat()}-{rng.last.isoformat()}.csv"
    return StreamingResponse(
        reports.chats_csv(db, rng),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/customers/{customer_id}/export",
    response_model=CustomerExportOut,
    responses=error_responses(401, 403, 404),
)
async def export_customer(
    customer_id: CustomerId, admin: AdminUser, conn: Conn, hub: AppHub
) -> dict[str, object]:
    """Everything Parley holds about one customer: their account, email, chat, its text
    messages (no notes), visitor data and ratings."""
    return await customer_data.export(conn, hub, admin=admin, customer_id=customer_id)


@router.delete(
    "/customers/{customer_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def erase_customer(
    customer_id: CustomerId, admin: AdminUser, conn: Conn, hub: AppHub
) -> None:
    """Erase a customer and everything of theirs: messages, notes, chat, ratings, visitor data,
    the mail and webhooks still to go out about them. Their tokens stop working and their
    sockets close. Admins cannot be erased this way (404)."""
    await customer_data.erase(conn, hub, admin=admin, customer_id=customer_id)
