"""Google credentials for the three ways a school runs nastavnik.

- ``service_account``: a key file (the cron case); with ``subject`` set, the account acts for
  that user through domain-wide delegation (needed to own files outside a shared drive).
- ``oauth``: a coordinator's own Google account. The token is cached in ``token_cache``; the
  first run in a terminal opens the browser (installed-app flow of google-auth-oauthlib, client
  secrets from ``credentials``); a run without a terminal never waits for a browser.
- ``adc``: application default credentials (``gcloud auth application-default login``, or
  ``GOOGLE_APPLICATION_CREDENTIALS``).

With ``endpoint`` set (a test server), token refreshes go to ``endpoint + "/token"``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Mapping

import google.auth
from google.auth import exceptions as auth_exceptions
from google.auth.credentials import Credentials
from google.auth.transport.requests import Request
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account

from sheets_schema import ru
from sync.workspace import WorkspaceError

#: The scopes requested, each with the reason it is needed (kept minimal).
SCOPE_REASONS: dict[str, str] = {
    # Read the banks and write «Статус»/«Сообщение», create tabs, dropdowns and protection.
    "https://www.googleapis.com/auth/spreadsheets": "чтение банков и запись статусов в таблицу",
    # drive.file, not drive: create the spreadsheet and documents in the configured folder and
    # find them again; it reaches only files this app created (or was given), never the rest of
    # the school's Drive, and it is not a "restricted" scope needing Google's security review.
    "https://www.googleapis.com/auth/drive.file": "создание таблицы и документов в папке и их поиск",
    # Fill orders and mentoring programmes from templates.
    "https://www.googleapis.com/auth/documents": "заполнение приказов и программ по шаблонам",
    # Create the questionnaires (forms) of the programme.
    "https://www.googleapis.com/auth/forms.body": "создание анкет",
    # Read questionnaire answers; never change them.
    "https://www.googleapis.com/auth/forms.responses.readonly": "чтение ответов на анкеты",
}
SCOPES: tuple[str, ...] = tuple(SCOPE_REASONS)


def token_uri(endpoint: str) -> str | None:
    """Where tokens are refreshed: the test server's ``/token`` when an endpoint is set."""
    return endpoint.rstrip("/") + "/token" if endpoint else None


def load_credentials(settings: Mapping[str, Any], *, interactive: bool | None = None) -> Credentials:
    """Credentials for the ``[google]`` settings (see the module docstring)."""
    kind = settings.get("auth", "oauth")
    endpoint = settings.get("endpoint", "") or ""
    if kind == "service_account":
        return _service_account(settings, endpoint)
    if kind == "adc":
        return _application_default(endpoint)
    return _installed_app(settings, endpoint, sys.stdin.isatty() if interactive is None else interactive)


def _existing_file(settings: Mapping[str, Any], key: str) -> Path:
    value = settings.get(key, "") or ""
    if not value:
        raise WorkspaceError(ru.GOOGLE["setting_missing"].format(key=key, auth=settings.get("auth", "")))
    path = Path(value).expanduser()
    if not path.is_file():
        raise WorkspaceError(ru.GOOGLE["file_missing"].format(path=path, key=key))
    return path


def _service_account(settings: Mapping[str, Any], endpoint: str) -> Credentials:
    path = _existing_file(settings, "credentials")
    try:
        creds = service_account.Credentials.from_service_account_file(str(path), scopes=list(SCOPES))
    except (ValueError, KeyError, json.JSONDecodeError) as exc:
        raise WorkspaceError(ru.GOOGLE["credentials_bad"].format(path=path, reason=exc)) from exc
    subject = settings.get("subject", "") or ""
    if subject:
        creds = creds.with_subject(subject)
    if endpoint:
        creds = creds.with_token_uri(token_uri(endpoint))
    return creds


def _application_default(endpoint: str) -> Credentials:
    try:
        creds, _project = google.auth.default(scopes=list(SCOPES))
    except auth_exceptions.DefaultCredentialsError as exc:
        raise WorkspaceError(ru.GOOGLE["adc_missing"].format(reason=exc)) from exc
    if endpoint and hasattr(creds, "with_token_uri"):
        creds = creds.with_token_uri(token_uri(endpoint))
    return creds


def _installed_app(settings: Mapping[str, Any], endpoint: str, interactive: bool) -> Credentials:
    cache = settings.get("token_cache", "") or ""
    if not cache:
        raise WorkspaceError(ru.GOOGLE["setting_missing"].format(key="token_cache", auth="oauth"))
    cache_path = Path(cache).expanduser()
    creds: user_credentials.Credentials | None = None
    if cache_path.is_file():
        try:
            creds = user_credentials.Credentials.from_authorized_user_file(str(cache_path), list(SCOPES))
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            raise WorkspaceError(ru.GOOGLE["token_bad"].format(path=cache_path, reason=exc)) from exc
        if endpoint:
            creds = creds.with_token_uri(token_uri(endpoint))
    if creds is not None and creds.refresh_token:
        if not creds.valid:
            try:
                creds.refresh(Request())
            except auth_exceptions.RefreshError as exc:
                raise WorkspaceError(ru.GOOGLE["refresh_failed"].format(reason=exc, path=cache_path)) from exc
            except auth_exceptions.TransportError as exc:
                raise WorkspaceError(ru.GOOGLE["token_unreachable"].format(reason=exc)) from exc
            save_token(creds, cache_path)
        return creds
    if creds is not None and creds.valid:
        return creds
    if not interactive:
        raise WorkspaceError(ru.GOOGLE["login_needed"].format(path=cache_path))
    return authorize_user(settings)


def authorize_user(settings: Mapping[str, Any]) -> Credentials:
    """Run the installed-app flow in the browser and cache the token in ``token_cache``."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    secrets = _existing_file(settings, "credentials")
    flow = InstalledAppFlow.from_client_secrets_file(str(secrets), scopes=list(SCOPES))
    creds = flow.run_local_server(port=0, open_browser=True)
    save_token(creds, Path(settings["token_cache"]).expanduser())
    return creds


def save_token(creds: user_credentials.Credentials, path: Path) -> None:
    """Write the user's token where only its owner can read it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(creds.to_json())
    os.replace(tmp, path)
