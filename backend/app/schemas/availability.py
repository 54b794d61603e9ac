"""An admin's availability: online, or away (working, but not counted as online support)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Availability = Literal["online", "away"]


class AvailabilityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Availability


class AvailabilityOut(BaseModel):
    status: Availability
