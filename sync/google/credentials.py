"""Google credentials for the three ways a school runs nastavnik.

- ``service_account``: a key file (the cron case); with ``subject`` set, the account acts for
  that user through domain-wide delegation (needed to own files outside a shared drive).
- ``oauth``: a coordinator's own Google account. The token is cached in ``token_cache``; the
  first run in a terminal opens the browser (installed-app flow of google-auth-oauthlib, client
  secrets from ``credentials``); a run without a terminal never waits for a browser.
- ``adc``: application default credentials (``gcloud auth application-default login``, or
  ``GOOGLE_APPLICATION_CREDENTIALS``).

With ``endpoint`` set (a test server), token refreshes go to ``endpoint + "/token"`` and the
installed-app flow's consent step to ``endpoint + "/o/oauth2/auth"``.

`login` (``nastavnik auth login``) runs the installed-app flow: a loopback redirect when a
browser can be opened, else (or with ``console``) the authorization URL is printed and the
address the browser was sent to (or just its code) is pasted back; `logout` removes the cached
token. Every `load_credentials` result remembers where it came from (`source_of`), for the
doctor's checks.

This module sends no request but the token's own (no Google API client): the client
(`sync.google.client`) is built on it, and ``auth status``, which asks Drive who the credentials
are, sits above both (`sync.google.auth`).
"""
from __future__ import annotations

import json
import logging
import os
import stat
import sys
import weakref
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import google.auth
from google.auth import exceptions as auth_exceptions
from google.auth.credentials import Credentials
from google.auth.transport.requests import Request
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account

from sheets_schema import ru
from sync.google.token_record import RefreshRecord, login_record, with_record
from sync.file_errors import FileAccessError, access_error, file_access
from sync.safe_files import DIR_MODE, SECRET_MODE, private_dir, write_text
from sync.workspace import WorkspaceError

log = logging.getLogger("nastavnik.google")

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

DRIVE_FILE = "https://www.googleapis.com/auth/drive.file"
DRIVE = "https://www.googleapis.com/auth/drive"
#: A service account acting as itself (no ``subject``) asks for ``drive`` instead of
#: ``drive.file``. It has no consent screen and reaches only what is shared with it — the shared
#: drive where it is «Менеджер контента» — so ``drive`` does not widen what it reaches; while
#: ``drive.file`` would hide the folder a person made on that shared drive (Drive answers 404 for
#: any file the app did not create). People (oauth, adc, delegation) keep ``drive.file``: under
#: it the app reaches only what it created, so `init --google` creates the workspace folder.
SERVICE_ACCOUNT_DRIVE_REASON = ("папка на общем диске, созданная человеком (сервисный аккаунт видит "
                                "только то, чем с ним поделились)")


def acts_as_itself(kind: str, subject: str = "") -> bool:
    """A service account without delegation: no person behind it, no consent screen."""
    return kind == "service_account" and not subject


def scope_reasons(kind: str = "oauth", subject: str = "") -> dict[str, str]:
    """The scopes requested by this way of signing in, each with its reason (in order)."""
    if not acts_as_itself(kind, subject):
        return dict(SCOPE_REASONS)
    return {(DRIVE if s == DRIVE_FILE else s): (SERVICE_ACCOUNT_DRIVE_REASON if s == DRIVE_FILE else r)
            for s, r in SCOPE_REASONS.items()}


def scopes_for(kind: str = "oauth", subject: str = "") -> tuple[str, ...]:
    """The scopes requested by this way of signing in (`scope_reasons`)."""
    return tuple(scope_reasons(kind, subject))

#: Where the browser is sent after consent in the console flow: nothing listens there, the
#: browser shows an error page and the person copies the address (with the code) from it. The
#: code is useless without this run's PKCE verifier.
CONSOLE_REDIRECT = "http://localhost:8976/"
LOGIN_TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class CredentialSource:
    """Where credentials came from: the ``[google] auth`` mode and its files."""

    kind: str  # "oauth" | "service_account" | "adc"
    path: Path | None = None  # the service-account key or the OAuth client file
    token_cache: Path | None = None  # oauth only
    subject: str = ""  # service_account with domain-wide delegation


_SOURCES: "weakref.WeakKeyDictionary[Credentials, CredentialSource]" = weakref.WeakKeyDictionary()


def source_of(credentials: Credentials) -> CredentialSource | None:
    """The source recorded by `load_credentials` (None for credentials made elsewhere)."""
    try:
        return _SOURCES.get(credentials)
    except TypeError:  # not weak-referenceable
        return None


def _remember(credentials: Credentials, source: CredentialSource) -> Credentials:
    try:
        _SOURCES[credentials] = source
    except TypeError:
        pass
    return credentials


def token_uri(endpoint: str) -> str | None:
    """Where tokens are refreshed: the test server's ``/token`` when an endpoint is set."""
    return endpoint.rstrip("/") + "/token" if endpoint else None


def load_credentials(settings: Mapping[str, Any], *, interactive: bool | None = None) -> Credentials:
    """Credentials for the ``[google]`` settings (see the module docstring)."""
    kind = settings.get("auth", "oauth")
    endpoint = settings.get("endpoint", "") or ""
    if kind == "service_account":
        creds = _service_account(settings, endpoint)
        return _remember(creds, CredentialSource(kind, _path(settings, "credentials"),
                                                 subject=settings.get("subject", "") or ""))
    if kind == "adc":
        return _remember(_application_default(endpoint), CredentialSource(kind))
    creds = _installed_app(settings, endpoint, sys.stdin.isatty() if interactive is None else interactive)
    return _remember(creds, CredentialSource(kind, _path(settings, "credentials"), _path(settings, "token_cache")))


def _path(settings: Mapping[str, Any], key: str) -> Path | None:
    value = settings.get(key, "") or ""
    return Path(value).expanduser() if value else None


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
        subject = settings.get("subject", "") or ""
        with file_access(path):
            creds = service_account.Credentials.from_service_account_file(
                str(path), scopes=list(scopes_for("service_account", subject)))
    except (ValueError, KeyError, json.JSONDecodeError) as exc:
        raise WorkspaceError(ru.GOOGLE["credentials_bad"].format(path=path, reason=exc)) from exc
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
            with file_access(cache_path):
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
                raise _refresh_refused(exc, cache_path) from exc
            except auth_exceptions.TransportError as exc:
                raise WorkspaceError(ru.GOOGLE["token_unreachable"].format(reason=exc)) from exc
            save_refreshed(creds, cache_path)
        return creds
    if creds is not None and creds.valid:
        return creds
    if not interactive:
        raise WorkspaceError(ru.GOOGLE["login_needed"].format(path=cache_path))
    return authorize_user(settings)


def authorize_user(settings: Mapping[str, Any]) -> Credentials:
    """Run the installed-app flow in the browser and cache the token in ``token_cache``."""
    return login(settings, ask=lambda prompt: input(prompt + ": "))


def save_token(creds: user_credentials.Credentials, path: Path, record: RefreshRecord | None = None) -> None:
    """Write the user's token where only its owner can read it (0600 in a 0700 folder it makes,
    whatever ``[files] group`` says). FileAccessError (the path, the user, the fix) when it
    cannot be written.

    ``record`` (at login) says when the refresh token was issued; a refresh keeps the record of
    the file it rewrites as long as the refresh token is the same one."""
    data = with_record(json.loads(creds.to_json()), path, record)
    private_dir(path.parent, DIR_MODE)
    # a fresh temporary file of the same folder (never a planted one), renamed over
    write_text(path, json.dumps(data), SECRET_MODE)


def save_refreshed(creds: user_credentials.Credentials, path: Path) -> str:
    """Cache a token just refreshed. When the cache cannot be written (a read-only folder under
    the systemd sandbox, no permission) the run does not stop: the refreshed token stays in
    memory, a warning with the path and the fix is logged and returned ("" when saved);
    ``doctor`` shows the token folder as a failed line."""
    try:
        save_token(creds, path)
    except FileAccessError as exc:
        warning = ru.FILES["token_not_saved"].format(reason=exc)
        log.warning(warning)
        return warning
    return ""


def _refresh_refused(exc: auth_exceptions.RefreshError, where: Any) -> WorkspaceError:
    """Google refused the refresh: an expired/revoked sign-in gets its own explanation."""
    text = str(exc)
    if "invalid_grant" in text and "expired or revoked" in text:
        return WorkspaceError(ru.GOOGLE["refresh_expired"].format(reason="Token has been expired or revoked."))
    return WorkspaceError(ru.GOOGLE["refresh_failed"].format(reason=exc, path=where or ""))


def readable_by_others(path: Path) -> bool:
    """True when a secret file (key, token) can be read by the group or other users."""
    try:
        return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))
    except OSError:
        return False


# --- nastavnik auth login -------------------------------------------------------------------------

def installed_app_flow(settings: Mapping[str, Any]):
    """The installed-app flow of the OAuth client in ``[google] credentials`` (a Desktop app)."""
    # Imported here, not at the top: only a sign-in needs oauthlib, and a nightly run never signs in.
    from google_auth_oauthlib.flow import InstalledAppFlow

    path = _existing_file(settings, "credentials")
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:  # no permission: a file error with the fix, not a bad client file
        raise access_error(exc, path) from exc
    except ValueError as exc:
        raise WorkspaceError(ru.GOOGLE["client_secrets_bad"].format(path=path, reason=exc)) from exc
    if isinstance(config, dict) and config.get("type") == "service_account":
        raise WorkspaceError(ru.GOOGLE["client_secrets_is_key"].format(path=path))
    if not isinstance(config, dict) or "installed" not in config:
        kind = next(iter(config), "?") if isinstance(config, dict) and config else "?"
        raise WorkspaceError(ru.GOOGLE["client_secrets_bad"].format(path=path, reason=kind))
    endpoint = (settings.get("endpoint", "") or "").rstrip("/")
    if endpoint:
        config["installed"] = {**config["installed"], "auth_uri": endpoint + "/o/oauth2/auth",
                               "token_uri": token_uri(endpoint)}
    return InstalledAppFlow.from_client_config(config, scopes=list(SCOPES))


def browser_available() -> bool:
    """Whether a graphical browser can be opened here (a text browser in the terminal is not one)."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    return type(browser) is not webbrowser.GenericBrowser


def login(settings: Mapping[str, Any], *, ask: Callable[[str], str], console: bool = False,
          flow: Any = None) -> Credentials:
    """Run the installed-app flow and cache the token (with its refresh token) in ``token_cache``.

    With a browser: a loopback redirect (`InstalledAppFlow.run_local_server`). With ``console``
    or without a browser: `ask` — with a prompt that carries the authorization URL — for the
    address the browser was sent to (or the code alone) and exchange it (`flow.fetch_token`).
    Partial consent is not an error here: `status` and `doctor` name the scopes left out.
    """
    # Imported here for the reason `installed_app_flow` gives (oauthlib only for a sign-in).
    from google_auth_oauthlib.flow import WSGITimeoutError
    from oauthlib.oauth2.rfc6749.errors import OAuth2Error

    if settings.get("auth", "oauth") != "oauth":
        raise WorkspaceError(ru.GOOGLE["login_not_oauth"].format(auth=settings.get("auth")))
    cache = _path(settings, "token_cache")
    if cache is None:
        raise WorkspaceError(ru.GOOGLE["setting_missing"].format(key="token_cache", auth="oauth"))
    flow = flow or installed_app_flow(settings)
    # Google answers fewer scopes than asked when boxes are left unticked; oauthlib would raise.
    os.environ.setdefault("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")
    extra = {"access_type": "offline", "prompt": "consent"}  # always a refresh token
    try:
        if not console and browser_available():
            creds = flow.run_local_server(
                host="localhost", port=0, open_browser=True, timeout_seconds=LOGIN_TIMEOUT_SECONDS,
                authorization_prompt_message=ru.GOOGLE["login_browser"],
                success_message=ru.GOOGLE["login_success_page"], **extra)
        else:
            flow.redirect_uri = CONSOLE_REDIRECT
            url, _state = flow.authorization_url(**extra)
            prompt = ru.GOOGLE["login_console"].format(url=url, redirect=CONSOLE_REDIRECT)
            _fetch_pasted(flow, ask(prompt + "\n\n" + ru.GOOGLE["login_paste"]))
            creds = flow.credentials
    except WSGITimeoutError as exc:  # nobody came back to the loopback page
        raise WorkspaceError(ru.GOOGLE["login_timeout"].format(seconds=LOGIN_TIMEOUT_SECONDS)) from exc
    except OAuth2Error as exc:
        raise WorkspaceError(ru.GOOGLE["login_failed"].format(reason=exc.description or exc.error)) from exc
    except (auth_exceptions.GoogleAuthError, ValueError) as exc:
        raise WorkspaceError(ru.GOOGLE["login_failed"].format(reason=exc)) from exc
    if not creds.refresh_token:
        raise WorkspaceError(ru.GOOGLE["login_failed"].format(reason="Google не выдал refresh token"))
    save_token(creds, cache, login_record(flow))
    return _remember(creds, CredentialSource("oauth", _path(settings, "credentials"), cache))


def _fetch_pasted(flow: Any, pasted: str) -> None:
    text = pasted.strip()
    if not text:
        raise ValueError(ru.GOOGLE["login_nothing_pasted"])
    if "://" in text:
        # oauthlib accepts only https here; the loopback address never leaves this machine
        flow.fetch_token(authorization_response="https://" + text.split("://", 1)[1])
    else:
        flow.fetch_token(code=text)


# --- what the credentials may do, and who they are -------------------------------------------

def refresh(creds: Credentials) -> str:
    """Get a fresh access token now (and cache it for OAuth), explaining a refusal in Russian.
    Returns the warning of a token cache that could not be written (`save_refreshed`), or ""."""
    source = source_of(creds)
    try:
        creds.refresh(Request())
    except auth_exceptions.RefreshError as exc:
        if source and source.subject and "unauthorized_client" in str(exc):
            raise WorkspaceError(ru.GOOGLE["delegation_refused"].format(
                client_id=getattr(creds, "_client_id", None) or "?", subject=source.subject,
                scopes=",".join(SCOPES))) from exc
        where = (source.token_cache or source.path) if source else None
        raise _refresh_refused(exc, where) from exc
    except auth_exceptions.TransportError as exc:
        raise WorkspaceError(ru.GOOGLE["token_unreachable"].format(reason=exc)) from exc
    if source and source.kind == "oauth" and source.token_cache and isinstance(creds, user_credentials.Credentials):
        return save_refreshed(creds, source.token_cache)
    return ""


def granted_scopes(creds: Credentials) -> tuple[str, ...]:
    """Scopes the last token answer granted (user credentials) — else those requested."""
    granted = getattr(creds, "granted_scopes", None)
    if granted is None:
        granted = getattr(creds, "scopes", None) or ()
    return tuple(granted)


def sees_only_own_files(creds: Credentials) -> bool:
    """The credentials hold ``drive.file`` and not ``drive``: Drive shows them only the files
    this app created (or a user opened with it) and answers 404 for any other."""
    granted = set(granted_scopes(creds))
    return DRIVE_FILE in granted and DRIVE not in granted


def exposed_secrets(source: CredentialSource | None) -> tuple[Path, ...]:
    """The key or token files of `source` that other users of the computer can read."""
    if source is None:
        return ()
    files = [source.token_cache] if source.kind == "oauth" else [source.path]
    return tuple(p for p in files if p is not None and readable_by_others(p))


def describe_identity(source: CredentialSource, identity: str, key_email: str = "") -> str:
    """«аккаунт Google x@…» / «сервисный аккаунт r@…» / «… от имени x@… (делегирование)»."""
    g = ru.GOOGLE
    if source.kind == "service_account":
        if source.subject:
            return g["who_delegated"].format(email=key_email or "?", subject=source.subject)
        return g["who_service_account"].format(email=key_email or identity)
    if source.kind == "adc":
        return g["who_adc"].format(email=identity)
    return g["who_user"].format(email=identity)


# --- nastavnik auth logout ----------------------------------------------------------------------

def logout(settings: Mapping[str, Any]) -> Path | None:
    """Remove the cached OAuth token; the removed path, or None when there was nothing to remove."""
    if settings.get("auth", "oauth") != "oauth":
        return None
    cache = _path(settings, "token_cache")
    if cache is None or not cache.exists():
        return None
    with file_access(cache):
        cache.unlink()
    return cache
