"""Domain errors. Services and repositories raise these; main.py maps them to HTTP once."""

from __future__ import annotations


class ParleyError(Exception):
    status_code = 400
    ws_code = 4000

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BadRequest(ParleyError):
    status_code = 422
    ws_code = -32602


class Unauthorized(ParleyError):
    status_code = 401
    ws_code = 4001


class Forbidden(ParleyError):
    status_code = 403
    ws_code = 4003


class NotFound(ParleyError):
    status_code = 404
    ws_code = 4004


class Conflict(ParleyError):
    status_code = 409
    ws_code = 4009


class RateLimited(ParleyError):
    status_code = 429
    ws_code = 4029

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)


class DatabaseUnavailable(ParleyError):
    status_code = 503
    ws_code = 4503


class Deadlock(ParleyError):
    """The database rolled this transaction back to break a lock cycle; a retry will do."""

    status_code = 503
    ws_code = 4503


class PayloadTooLarge(ParleyError):
    status_code = 413
    ws_code = 4013


class UnsupportedMediaType(ParleyError):
    status_code = 415
    ws_code = 4015


class RangeNotSatisfiable(ParleyError):
    status_code = 416
    ws_code = 4016

    def __init__(self, detail: str, size: int) -> None:
        super().__init__(detail)
        self.size = size
