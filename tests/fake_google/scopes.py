"""OAuth scopes as Google enforces them: per method, and ``drive.file``'s narrow view of Drive.

* Every API call is checked against its method's ``scopes`` in the discovery document: one of
  them suffices; none → 403 ``PERMISSION_DENIED`` "Request had insufficient authentication
  scopes." with the ``google.rpc.ErrorInfo`` reason ``ACCESS_TOKEN_SCOPE_INSUFFICIENT`` Google
  sends (Drive adds its ``errors[]`` item ``insufficientPermissions``; the ``metadata.method``
  name is built from the discovery id, Google's own gRPC names differ in places).
* ``drive.file`` reaches only the files the app created or that a user opened with it
  (:attr:`~tests.fake_google.models.drive.File.app_created`, ``app_users``). A broad Drive
  scope (``drive``, ``drive.readonly``, ``drive.metadata[.readonly]``) reaches every file the
  user can; so do the Sheets/Docs/Forms scopes (``spreadsheets``, ``documents``,
  ``forms.body``…, "all your spreadsheets/documents/forms") for their own API only — as Google's
  scope pages describe them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from . import discovery
from .errors import PermissionDenied

AUTH = "https://www.googleapis.com/auth/"
DRIVE_FILE = AUTH + "drive.file"
#: Drive scopes that reach every file the user can reach.
BROAD_DRIVE = frozenset(AUTH + s for s in ("drive", "drive.readonly", "drive.metadata",
                                            "drive.metadata.readonly"))
#: Scopes of an editor API that reach every file of its kind ("all your spreadsheets").
KIND_WIDE = {
    "sheets": frozenset(AUTH + s for s in ("spreadsheets", "spreadsheets.readonly")),
    "docs": frozenset(AUTH + s for s in ("documents", "documents.readonly")),
    "forms": frozenset(AUTH + s for s in ("forms.body", "forms.body.readonly",
                                          "forms.responses.readonly")),
    "drive": frozenset(),
}
SERVICE = {"sheets": "sheets.googleapis.com", "drive": "drive.googleapis.com",
           "docs": "docs.googleapis.com", "forms": "forms.googleapis.com"}


@dataclass(frozen=True)
class Caller:
    """Who makes the API call in progress and what its token was granted (None: every scope)."""

    email: str
    scopes: frozenset[str] | None
    api: str

    def sees_all(self) -> bool:
        """False when only ``drive.file`` (or another per-file scope) lets this call through."""
        if self.scopes is None:
            return True
        return bool(self.scopes & (BROAD_DRIVE | KIND_WIDE.get(self.api, frozenset())))


class ScopeInsufficient(PermissionDenied):
    """Google's answer to a token without any scope the method accepts."""

    reason = "insufficientPermissions"

    def __init__(self, api: str, method_id: str):
        super().__init__("Request had insufficient authentication scopes.")
        self.api = api
        self.method_id = method_id

    def envelope(self, api: str | None = None) -> dict[str, Any]:  # noqa: ARG002 - own api
        info = {"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "domain": "googleapis.com",
                "metadata": {"method": grpc_method(self.api, self.method_id),
                             "service": SERVICE[self.api]}}
        error: dict[str, Any] = {"code": 403, "message": self.message}
        if self.api == "drive":  # Drive keeps its legacy errors[] list; the others do not
            error["errors"] = [{"message": "Insufficient Permission", "domain": "global",
                                "reason": "insufficientPermissions"}]
        error.update(status="PERMISSION_DENIED", details=[info])
        return {"error": error}


def grpc_method(api: str, method_id: str) -> str:
    """``drive.files.create`` → ``google.apps.drive.v3.DriveFiles.Create`` (Google's shape)."""
    parts = method_id.split(".")[1:]
    resource, verb = parts[-2] if len(parts) > 1 else parts[0], parts[-1]
    service = ("Drive" + resource[:1].upper() + resource[1:] if api == "drive"
               else resource[:1].upper() + resource[1:] + "Service")
    return f"{discovery.PROTO_PACKAGE[api]}.{service}.{verb[:1].upper()}{verb[1:]}"


def method_scopes(api: str, method_id: str) -> list[str]:
    return list(discovery.methods(api)[method_id].get("scopes", []))


def require(api: str, method_id: str, granted: Iterable[str] | None) -> None:
    """Raise Google's 403 when the token holds none of the scopes the method accepts."""
    if granted is None:
        return
    accepted = method_scopes(api, method_id)
    if accepted and not set(accepted) & set(granted):
        raise ScopeInsufficient(api, method_id)
