"""A customer's email address and the transcript of their chat."""

from __future__ import annotations

from fastapi import APIRouter, status

from app.deps import AppSettings, Conn, CustomerUser
from app.schemas.errors import error_responses
from app.schemas.integrations import EmailIn
from app.services import transcripts

router = APIRouter(prefix="/me", tags=["me"])


@router.post("/email", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 403))
async def set_my_email(body: EmailIn, customer: CustomerUser, conn: Conn) -> None:
    """Where replies by email and transcripts go."""
    await transcripts.set_email(conn, customer=customer, email=body.email)


@router.post(
    "/chat/transcript",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(401, 403, 404, 409),
)
async def email_my_transcript(
    customer: CustomerUser, conn: Conn, settings: AppSettings
) -> dict[str, object]:
    """The whole chat (no notes) is emailed to the customer: 404 without a chat, 409 without
    an email address (or when this server sends no email)."""
    await transcripts.request_transcript(conn, settings, customer=customer)
    return {}
