"""Ratings, reports and a customer's exported data."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field

from app.schemas.chats import ChatOut, MessageOut, RatingOut
from app.schemas.users import StrictIn, UserOut
from app.schemas.visitor import VisitorOut

MAX_COMMENT = 1000
# `from` and `to` as the query takes them; the service checks they are real dates.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# The longest range a report covers, in days (both ends included).
MAX_RANGE_DAYS = 366


def _whole_number(value: object) -> object:
    """A JSON integer, which may be written 4.0; never a string or a boolean."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("score must be a whole number from 1 to 5")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("score must be a whole number from 1 to 5")
        return int(value)
    return value


class RatingIn(StrictIn):
    score: Annotated[int, Field(ge=1, le=5), BeforeValidator(_whole_number)]
    comment: Annotated[str, Field(max_length=MAX_COMMENT)] | None = None


class Percentiles(BaseModel):
    p50: float
    p90: float


class Csat(BaseModel):
    average: float | None
    count: int
    by_score: dict[str, int]


class ReportDay(BaseModel):
    date: str
    chats_started: int
    chats_resolved: int
    messages: int


class ReportAdmin(BaseModel):
    admin: UserOut
    chats_resolved: int
    messages: int
    first_response_p50: float | None


class ReportOut(BaseModel):
    model_config = {"populate_by_name": True}

    from_: str = Field(alias="from")
    to: str
    tz: str
    chats_started: int
    chats_resolved: int
    messages_from_customers: int
    messages_from_admins: int
    first_response_seconds: Percentiles | None
    resolution_seconds: Percentiles | None
    csat: Csat
    days: list[ReportDay]
    admins: list[ReportAdmin]
    hours: list[list[int]]


class CustomerExportOut(BaseModel):
    customer: UserOut
    email: str | None
    chat: ChatOut | None
    messages: list[MessageOut]
    visitor: VisitorOut
    ratings: list[RatingOut]
