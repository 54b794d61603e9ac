"""Request and response bodies of users and auth."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Username = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]{3,32}$")]
Password = Annotated[str, Field(min_length=8, max_length=128)]
# At least one character that trimming keeps (not Unicode White_Space), so that /openapi.json
# refuses the all-blank text that the server refuses after trimming.
NOT_BLANK = r"[^\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=NOT_BLANK)
]
Role = Literal["admin", "customer"]


class StrictIn(BaseModel):
    # An unknown field is refused, so that nobody can slip in `role` or `sender_id`.
    model_config = ConfigDict(extra="forbid")


class UserOut(BaseModel):
    id: int
    username: str | None
    display_name: str
    role: Role
    is_guest: bool


class RegisterIn(StrictIn):
    username: Username
    password: Password
    display_name: DisplayName | None = None


class LoginIn(StrictIn):
    username: Annotated[str, Field(min_length=1, max_length=128)]
    password: Annotated[str, Field(min_length=1, max_length=128)]


class GuestIn(StrictIn):
    display_name: DisplayName | None = None


# Ids are compared byte for byte (utf8mb4_nopad_bin, migration 0004); one that ends in a space is
# still refused, since a site that pads its ids would otherwise split one person into two.
ExternalId = Annotated[str, Field(min_length=1, max_length=128, pattern=r"(?s)^.*[^ ]$")]


# Only a plausibility check: the host site vouches for its user's address.
# Explicit ranges (no spaces or control characters) rather than \s, which pydantic's regex
# engine and the schema's readers (Python's re) do not define alike.
_NOT_AT_OR_SPACE = r"[^@\x00-\x20\x7f-\x9f]"
Email = Annotated[
    str,
    StringConstraints(
        max_length=254,
        pattern=rf"^{_NOT_AT_OR_SPACE}+@{_NOT_AT_OR_SPACE}+\.{_NOT_AT_OR_SPACE}+$",
    ),
]


class IdentifyIn(StrictIn):
    external_id: ExternalId
    display_name: DisplayName | None = None
    hash: Annotated[str, Field(min_length=1, max_length=128)]
    # Kept on the visitor (Visitor.email) for the panel and for replies by email.
    email: Email | None = None


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserOut


class PasswordChangeIn(StrictIn):
    current_password: Annotated[str, Field(min_length=1, max_length=128)]
    new_password: Password


class AdminCreateUserIn(StrictIn):
    username: Username
    password: Password
    display_name: DisplayName | None = None
    role: Role
