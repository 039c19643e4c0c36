"""Typed errors of the fake, serialised in Google's JSON error envelope.

Google answers every failure with ``{"error": {"code", "message", "status", ...}}``, in two
dialects (as gspread's recorded real traffic shows):

* Drive v3 keeps the older ``errors: [{message, domain, reason, location?}]`` list; its
  ``reason`` (``notFound``, ``storageQuotaExceeded``...) is what
  ``googleapiclient.errors.HttpError.reason`` and gspread's ``APIError`` read.
* Sheets, Docs and Forms have no ``errors`` list. A request field Google could not read adds
  ``details: [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations":
  [{field, description}]}]`` (the description repeats the message); a quota error adds a
  ``google.rpc.ErrorInfo`` with reason ``RATE_LIMIT_EXCEEDED``. Other errors (404, 403, a rule
  of batchUpdate broken) carry code, message and status only.
"""
from __future__ import annotations

from typing import Any


class GoogleError(Exception):
    """An error answer: HTTP code, canonical status, message and Drive-style reason."""

    code = 500
    status = "INTERNAL"
    reason = "backendError"
    domain = "global"

    def __init__(self, message: str, *, reason: str | None = None, domain: str | None = None,
                 location: str | None = None, headers: dict[str, str] | None = None,
                 field: str | None = None):
        super().__init__(message)
        self.message = message
        if reason is not None:
            self.reason = reason
        if domain is not None:
            self.domain = domain
        self.location = location
        self.headers = headers or {}
        self.field = field  # the request field at fault ("" = the request as a whole)

    def envelope(self, api: str | None = None) -> dict[str, Any]:
        """The JSON body of the answer; ``api`` picks the dialect (None: Drive's)."""
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if api in (None, "drive"):
            item: dict[str, Any] = {"message": self.message, "domain": self.domain,
                                    "reason": self.reason}
            if self.location:
                item["location"] = self.location
                item["locationType"] = "parameter"
            error["errors"] = [item]
        else:
            details = self.details(api)
            if details:
                error["details"] = details
        return {"error": error}

    def details(self, api: str) -> list[dict[str, Any]]:
        """``details`` of the Sheets/Docs/Forms dialect."""
        if self.field is None:
            return []
        violation = {"field": self.field, "description": self.message} if self.field \
            else {"description": self.message}
        return [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                 "fieldViolations": [violation]}]


class InvalidArgument(GoogleError):
    code, status, reason = 400, "INVALID_ARGUMENT", "badRequest"


class Unauthenticated(GoogleError):
    code, status, reason = 401, "UNAUTHENTICATED", "authError"

    def __init__(self, message: str = "Request had invalid authentication credentials. Expected "
                 "OAuth 2 access token, login cookie or other valid authentication credential. "
                 "See https://developers.google.com/identity/sign-in/web/devconsole-project.", **kw):
        super().__init__(message, **kw)


class PermissionDenied(GoogleError):
    code, status, reason = 403, "PERMISSION_DENIED", "forbidden"

    def __init__(self, message: str = "The caller does not have permission", **kw):
        super().__init__(message, **kw)


class NotFound(GoogleError):
    code, status, reason = 404, "NOT_FOUND", "notFound"

    def __init__(self, message: str = "Requested entity was not found.", **kw):
        super().__init__(message, **kw)


class Conflict(GoogleError):
    code, status, reason = 409, "ALREADY_EXISTS", "conflict"


class FailedPrecondition(GoogleError):
    code, status, reason = 400, "FAILED_PRECONDITION", "failedPrecondition"


class ResourceExhausted(GoogleError):
    code, status, reason, domain = 429, "RESOURCE_EXHAUSTED", "rateLimitExceeded", "usageLimits"

    def details(self, api: str) -> list[dict[str, Any]]:
        return [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                 "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
                 "metadata": {"service": f"{api}.googleapis.com"}}]


class Unimplemented(GoogleError):
    code, status, reason = 501, "UNIMPLEMENTED", "notImplemented"


class Internal(GoogleError):
    code, status, reason = 500, "INTERNAL", "backendError"


class Unavailable(GoogleError):
    code, status, reason = 503, "UNAVAILABLE", "backendError"


def drive_not_found(file_id: str) -> NotFound:
    """Drive's answer for a file that does not exist or that the caller cannot see."""
    return NotFound(f"File not found: {file_id}.", location="fileId")


def drive_insufficient_permissions(file_id: str) -> PermissionDenied:
    return PermissionDenied(f"The user does not have sufficient permissions for file {file_id}.",
                            reason="insufficientFilePermissions")


SA_NO_QUOTA_MESSAGE = (
    "Service Accounts do not have storage quota. Leverage shared drives "
    "(https://developers.google.com/workspace/drive/api/guides/about-shareddrives), or use "
    "OAuth delegation (http://support.google.com/a/answer/7281227) instead.")


def storage_quota_exceeded() -> PermissionDenied:
    return PermissionDenied(SA_NO_QUOTA_MESSAGE, reason="storageQuotaExceeded", domain="usageLimits")


def error_for_status(code: int, message: str | None = None) -> GoogleError:
    """An injected fault answer for an HTTP status (used by fault injection)."""
    cls = {400: InvalidArgument, 401: Unauthenticated, 403: PermissionDenied, 404: NotFound,
           429: ResourceExhausted, 500: Internal, 501: Unimplemented, 503: Unavailable}.get(code)
    if cls is None:
        err = GoogleError(message or f"Injected fault {code}")
        err.code = code
        return err
    defaults = {429: "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute "
                     "per user' (injected by fake_google).",
                500: "Internal error encountered.",
                503: "The service is currently unavailable."}
    msg = message or defaults.get(code)
    return cls(msg) if msg else cls()
