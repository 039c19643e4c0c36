"""``nastavnik auth status``: who the Google credentials act as, what they may do, until when.

`auth_status` loads and refreshes the credentials and asks Drive who they are (``about.get``);
`status_lines` says it in Russian. Signing in and out and everything about credentials — scopes,
the token cache, the login flow — is `sync.google.credentials`, below the client; this module
is above both, so it may build a client (`client_from_settings`) and neither needs it. The
names of `sync.google.credentials` the ``auth`` commands use (`login`, `logout`, the scopes…)
are re-exported here: ``sync.google.auth`` is the one module the ``auth`` commands import.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from sheets_schema import ru
from sync.google.client import client_from_settings
from sync.google.credentials import (
    CONSOLE_REDIRECT,
    DRIVE,
    DRIVE_FILE,
    SCOPE_REASONS,
    SCOPES,
    CredentialSource,
    describe_identity,
    exposed_secrets,
    granted_scopes,
    load_credentials,
    login,
    logout,
    refresh,
    save_refreshed,
    save_token,
    scope_reasons,
    scopes_for,
    source_of,
)
from sync.google.errors import GoogleApiError, TransportError, explain
from sync.google.token_record import RefreshRecord, refresh_record, refresh_warning
from sync.workspace import WorkspaceError


@dataclass
class AuthStatus:
    """Who the credentials act as, what they may do and until when (for ``auth status``)."""

    source: CredentialSource
    identity: str  # the e-mail Google answers about.get with
    key_email: str = ""  # the service account's own e-mail
    expiry: dt.datetime | None = None  # UTC, naive (as google-auth keeps it)
    granted: tuple[str, ...] = ()
    exposed_files: tuple[Path, ...] = ()  # secrets readable by other users
    refresh: RefreshRecord = RefreshRecord()  # oauth: when the refresh token was issued

    @property
    def missing(self) -> tuple[str, ...]:
        wanted = scopes_for(self.source.kind, self.source.subject)
        return tuple(s for s in wanted if s not in self.granted)


def auth_status(settings: Mapping[str, Any]) -> AuthStatus:
    """Load the credentials, refresh them, and ask Drive who they are (`about.get`)."""
    creds = load_credentials(settings, interactive=False)
    source = source_of(creds) or CredentialSource(settings.get("auth", "oauth"))
    refresh(creds)
    client = client_from_settings(settings, creds)
    try:
        user = client.about_get("user").get("user", {})
    except GoogleApiError as exc:
        raise WorkspaceError(explain(exc, "Google Drive")) from exc
    except TransportError as exc:
        raise WorkspaceError(ru.GOOGLE["token_unreachable"].format(reason=exc)) from exc
    return AuthStatus(source, user.get("emailAddress", ""), getattr(creds, "service_account_email", "") or "",
                      creds.expiry, granted_scopes(creds), exposed_secrets(source),
                      refresh_record(source.token_cache) if source.kind == "oauth" else RefreshRecord())


def status_lines(status: AuthStatus, now: dt.datetime | None = None) -> list[str]:
    """``auth status`` as Russian lines."""
    g = ru.GOOGLE
    source = status.source
    lines = [g["status_mode_" + source.kind].format(
        token=source.token_cache, key=source.path, subject=source.subject)]
    lines.append(g["status_identity"].format(who=describe_identity(source, status.identity, status.key_email)))
    if status.expiry is not None:
        now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        minutes = max(0, int((status.expiry - now).total_seconds() // 60))
        renew = g["status_renew_" + ("oauth" if source.kind == "oauth" else "key")]
        lines.append(g["status_expiry"].format(time=status.expiry.strftime("%d.%m.%Y %H:%M"),
                                               minutes=minutes, renew=renew))
    lines.append(g["status_scopes"])
    for scope, reason in scope_reasons(source.kind, source.subject).items():
        key = "status_scope_ok" if scope in status.granted else "status_scope_missing"
        lines.append(g[key].format(scope=scope, reason=reason))
    for path in status.exposed_files:
        lines.append(g["secret_exposed"].format(path=path))
    if status.missing:
        lines.append(g["scopes_missing"].format(count=len(status.missing)))
    if status.refresh.issued is not None:
        lines.append(g["status_refresh_issued"].format(date=status.refresh.issued.strftime("%d.%m.%Y %H:%M")))
    if status.refresh.expires is not None:
        lines.append(g["status_refresh_expires"].format(date=status.refresh.expires.strftime("%d.%m.%Y %H:%M")))
    warning = refresh_warning(status.refresh, now)
    if warning:
        lines.append(warning)
    return lines


__all__ = [
    "AuthStatus",
    "CONSOLE_REDIRECT",
    "CredentialSource",
    "DRIVE",
    "DRIVE_FILE",
    "SCOPES",
    "SCOPE_REASONS",
    "auth_status",
    "exposed_secrets",
    "load_credentials",
    "login",
    "logout",
    "refresh",
    "save_refreshed",
    "save_token",
    "scope_reasons",
    "scopes_for",
    "status_lines",
]
