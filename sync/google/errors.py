"""The two ways a Google API call fails, whatever client made it.

`GoogleApiError` is Google's answer ``{"error": {"code", "message", "status", "errors": [...]}}``
parsed once, for requests (gspread) and httplib2 (google-api-python-client) alike;
`TransportError` is a call that got no answer (connection refused or dropped, timeout);
`explain` says in Russian what an error answer means for staff. The bottom of the Google
backend: every other module of it may import this one, and it imports none of them.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import json
from typing import Any, Mapping

from sheets_schema import ru


class GoogleApiError(Exception):
    """An error answer of a Google API: HTTP code, canonical status, first reason, message."""

    def __init__(self, operation: str, code: int, status: str = "", reason: str = "", message: str = "",
                 retry_after: float | None = None):
        super().__init__(f"{operation}: {code} {status} {reason}: {message}".replace("  ", " "))
        self.operation = operation
        self.code = code
        self.status = status
        self.reason = reason
        self.message = message
        self.retry_after = retry_after

    @classmethod
    def from_response(cls, operation: str, code: int, headers: Mapping[str, str], body: bytes | str) -> "GoogleApiError":
        """Parse an error answer; a body that is not Google's envelope keeps its text as message."""
        status = reason = ""
        message = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        try:
            error: Any = json.loads(message)["error"]
        except (ValueError, KeyError, TypeError):
            error = None
        if isinstance(error, dict):
            status = str(error.get("status", ""))
            message = str(error.get("message", message))
            items = error.get("errors") or []
            if items and isinstance(items[0], dict):
                reason = str(items[0].get("reason", ""))
            for detail in error.get("details") or []:
                if isinstance(detail, dict) and detail.get("reason") and not reason:
                    reason = str(detail["reason"])
        elif isinstance(error, str):  # OAuth-style {"error": "invalid_grant", ...}
            reason = error
        lowered = {k.lower(): v for k, v in headers.items()}
        return cls(operation, int(code), status, reason, message.strip(), parse_retry_after(lowered.get("retry-after")))


class TransportError(Exception):
    """A call that got no HTTP answer: connection refused or reset, DNS failure, timeout."""

    def __init__(self, operation: str, cause: BaseException):
        super().__init__(f"{operation}: {cause.__class__.__name__}: {cause}")
        self.operation = operation
        self.cause = cause


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def explain(exc: GoogleApiError, location: str) -> str:
    """A Russian sentence for an error answer: what happened and what to do."""
    key = {401: "unauthenticated", 403: "permission", 404: "not_found"}.get(exc.code, "api_error")
    return ru.GOOGLE[key].format(location=location, code=exc.code, status=exc.status or exc.reason,
                                 message=exc.message, operation=exc.operation)
