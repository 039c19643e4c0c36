"""The Google backend's part of ``nastavnik doctor``: can tonight's run use Google at all?

Cheap checks, in order, each one line of the checklist with its fix (texts in
``sheets_schema.ru.DOCTOR``); `nightly`'s preflight runs them, so they cost a few requests:

1. credentials — the token is refreshed now (one ``/token`` call) and Drive ``about.get`` says
   who they act as; a key or token file other users can read is pointed out on the line, and
   so is a refreshed token that could not be cached (its folder read-only or not ours: the
   line `token_cache_checks` gives doctor says how to fix it);
2. scopes — every scope nastavnik needs was granted;
3. the spreadsheet — Sheets ``spreadsheets.get`` tells an unknown id (404) from one not shared
   with the identity (403); Drive ``files.get`` then gives ``capabilities/canEdit``;
4. the folder (``[google] folder_id``) — exists, is a folder, new files may be added to it;
5. who will own new files — a service account owns no storage: outside a shared drive (the
   folder has no ``driveId``) it cannot create the spreadsheet or the orders. Nothing is
   created to find this out.

Extension point: each check is a `Step` — a function of the `Probe` (what earlier steps
learned: the client, the identity, the folder's metadata) returning checklist lines. The forms
and templates-folder checks of later issues are new steps added to `STEPS` (after `folder`), and
any new fact they need goes on `Probe`. A step that returns a failed line with ``blocking`` set
ends the list: nothing after it could be checked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from sheets_schema import ru
from sync.file_errors import writable_check
from sync.google.credentials import (
    CredentialSource,
    describe_identity,
    exposed_secrets,
    granted_scopes,
    refresh,
    scope_reasons,
    sees_only_own_files,
    source_of,
)
from sync.google.client import GoogleClient
from sync.google.errors import GoogleApiError, TransportError
from sync.google.retry import RetriesExhausted
from sync.google.token_record import refresh_record, refresh_warning
from sync.google.workspace import GoogleWorkspace
from sync.workspace import Check, WorkspaceError

FOLDER_MIME = "application/vnd.google-apps.folder"
SERVICE_ACCOUNT_SUFFIX = ".gserviceaccount.com"
SPREADSHEET_FIELDS = "id,name,trashed,capabilities/canEdit"
FOLDER_FIELDS = "id,name,mimeType,trashed,driveId,capabilities/canAddChildren"


@dataclass
class Probe:
    """What the checks know so far; each step reads it and adds what it learns."""

    client: GoogleClient
    spreadsheet_id: str
    folder_id: str = ""
    source: CredentialSource | None = None
    identity: str = ""  # the e-mail Google acts as (the subject under delegation)
    folder: dict[str, Any] | None = None  # Drive files.get of folder_id, when reachable
    blocked: bool = field(default=False)

    @property
    def kind(self) -> str:
        return self.source.kind if self.source else "oauth"

    @property
    def is_service_account(self) -> bool:
        """Acting as a service account itself (not as a user by delegation)."""
        return self.identity.endswith(SERVICE_ACCOUNT_SUFFIX)

    @property
    def spreadsheet_url(self) -> str:
        return f"https://docs.google.com/spreadsheets/d/{self.spreadsheet_id}"


Step = Callable[[Probe], list[Check]]


def _call(operation: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any] | None, GoogleApiError | None, str]:
    """(answer, Google's error, or a no-answer reason) of one request."""
    try:
        return operation(), None, ""
    except GoogleApiError as exc:
        return None, exc, ""
    except (TransportError, RetriesExhausted) as exc:
        return None, None, str(exc)


def _fix_login(probe: Probe) -> str:
    return ru.DOCTOR["google_login_fix_" + ("oauth" if probe.kind == "oauth" else "key")]


def credentials(probe: Probe) -> list[Check]:
    """The token refreshes now and Google says who it is."""
    d = ru.DOCTOR
    creds = probe.client.credentials
    try:
        not_saved = refresh(creds)  # "" or why the refreshed token could not be cached
    except WorkspaceError as exc:
        probe.blocked = True
        return [Check(d["google_login"], False, str(exc), _fix_login(probe))]
    about, error, no_answer = _call(lambda: probe.client.about_get("user"))
    if about is None:
        probe.blocked = True
        detail = no_answer or f"{error.code} {error.status or error.reason} — {error.message}"  # type: ignore[union-attr]
        return [Check(d["google_login"], False, detail, _fix_login(probe))]
    probe.identity = str(about.get("user", {}).get("emailAddress", "")).lower()
    source = probe.source or CredentialSource(probe.kind)
    title = d["google_login_ok"].format(
        who=describe_identity(source, probe.identity, getattr(creds, "service_account_email", "") or ""),
        time=creds.expiry.strftime("%d.%m.%Y %H:%M") if creds.expiry else "—")
    warning = " ".join([ru.GOOGLE["secret_exposed"].format(path=path) for path in exposed_secrets(probe.source)]
                       + ([not_saved] if not_saved else []))
    return [Check(title, True, warning=warning)] + _refresh_token_line(probe)


def _refresh_token_line(probe: Probe) -> list[Check]:
    """oauth: when the refresh token was issued, warning when it will (or, for an app in
    Testing, may) stop working within 7 days — before the nightly run finds out."""
    if probe.source is None or probe.source.kind != "oauth":
        return []
    record = refresh_record(probe.source.token_cache)
    when = record.issued or record.expires
    if when is None:  # neither is known
        return []
    return [Check(ru.DOCTOR["google_refresh_token"].format(date=when.strftime("%d.%m.%Y %H:%M")), True,
                  warning=refresh_warning(record))]


def token_cache_checks(source: CredentialSource | None) -> list[Check]:
    """oauth: the token cache's folder is writable by this user — every refresh replaces the file
    through a temporary file in that folder. Not one of `STEPS`: ``nightly``'s preflight shares
    them, and a run whose refresh cannot be saved goes on with the token in memory
    (`sync.google.credentials.save_refreshed`); ``doctor`` adds this line to say how to fix it for good
    (the login line carries the warning meanwhile)."""
    if source is None or source.kind != "oauth" or source.token_cache is None:
        return []
    return [writable_check(ru.DOCTOR["where_token"], source.token_cache.parent)]


def scopes(probe: Probe) -> list[Check]:
    """Every scope nastavnik needs was granted."""
    d = ru.DOCTOR
    granted = set(granted_scopes(probe.client.credentials))
    source = probe.source or CredentialSource(probe.kind)
    reasons = scope_reasons(source.kind, source.subject)
    missing = [s for s in reasons if s not in granted]
    if not missing:
        return [Check(d["google_scopes_ok"].format(count=len(reasons)), True)]
    detail = d["google_scopes_missing"].format(
        missing="; ".join(f"{s} ({reasons[s]})" for s in missing))
    fix = d["google_scopes_fix_" + ("oauth" if probe.kind == "oauth" else "key")]
    return [Check(d["google_scopes"], False, detail, fix)]


def spreadsheet(probe: Probe) -> list[Check]:
    """The spreadsheet exists, the identity can open it and edit it."""
    d = ru.DOCTOR
    title = d["google_spreadsheet"].format(url=probe.spreadsheet_url)
    sheets, error, no_answer = _call(lambda: probe.client.spreadsheets_get(
        probe.spreadsheet_id, fields="spreadsheetId,properties.title"))
    if sheets is None:
        if error is not None and error.code == 404:
            return [Check(title, False, d["google_spreadsheet_unknown"].format(id=probe.spreadsheet_id),
                          d["google_spreadsheet_unknown_fix"])]
        if error is not None and error.code == 403:
            return [Check(title, False, d["google_spreadsheet_not_shared"].format(who=probe.identity),
                          d["google_share_fix"].format(what=probe.spreadsheet_url, who=probe.identity))]
        return [Check(title, False, no_answer or str(error), d["google_retry_fix"])]
    name = sheets.get("properties", {}).get("title", "")
    title = d["google_spreadsheet_ok"].format(name=name, url=probe.spreadsheet_url)
    meta, error, no_answer = _call(lambda: probe.client.files_get(probe.spreadsheet_id, fields=SPREADSHEET_FIELDS))
    if meta is None:
        if error is not None and error.code == 404:
            # Sheets opens it but Drive does not show it: with the drive.file scope Drive sees
            # only files nastavnik created or opened; edit access shows at the first write.
            return [Check(d["google_spreadsheet_unverified"].format(name=name, url=probe.spreadsheet_url), True)]
        return [Check(title, False, no_answer or str(error), d["google_retry_fix"])]
    if meta.get("trashed"):
        return [Check(title, False, d["google_trashed"].format(name=name), d["google_trashed_fix"])]
    if not meta.get("capabilities", {}).get("canEdit"):
        return [Check(title, False, d["google_read_only"].format(who=probe.identity),
                      d["google_share_fix"].format(what=probe.spreadsheet_url, who=probe.identity))]
    return [Check(title, True)]


def folder(probe: Probe) -> list[Check]:
    """The output folder exists, is a folder, and files may be added to it."""
    if not probe.folder_id:
        return []
    d = ru.DOCTOR
    url = f"https://drive.google.com/drive/folders/{probe.folder_id}"
    title = d["google_folder"].format(url=url)
    meta, error, no_answer = _call(lambda: probe.client.files_get(probe.folder_id, fields=FOLDER_FIELDS))
    if meta is None:
        if error is not None and error.code == 404 and sees_only_own_files(probe.client.credentials):
            # drive.file: a folder made by hand is invisible to the app however it is shared
            return [Check(title, False, ru.GOOGLE["folder_invisible"].format(folder=probe.folder_id),
                          ru.GOOGLE["folder_invisible_fix"].format(name=ru.GOOGLE["workspace_folder_name"]))]
        if error is not None and error.code == 404:
            return [Check(title, False, d["google_folder_unknown"].format(id=probe.folder_id, who=probe.identity),
                          d["google_share_fix"].format(what=url, who=probe.identity))]
        return [Check(title, False, no_answer or str(error), d["google_retry_fix"])]
    name = meta.get("name", "")
    if meta.get("mimeType") != FOLDER_MIME:
        return [Check(title, False, d["google_not_a_folder"].format(name=name, id=probe.folder_id),
                      d["google_folder_id_fix"])]
    if meta.get("trashed"):
        return [Check(title, False, d["google_trashed"].format(name=name), d["google_trashed_fix"])]
    if not meta.get("capabilities", {}).get("canAddChildren"):
        return [Check(title, False, d["google_read_only"].format(who=probe.identity),
                      d["google_share_fix"].format(what=url, who=probe.identity))]
    probe.folder = meta
    return [Check(d["google_folder_ok"].format(name=name, url=url), True)]


def ownership(probe: Probe) -> list[Check]:
    """Whoever creates files must be able to own them (a service account only in a shared drive)."""
    d = ru.DOCTOR
    if probe.folder_id and probe.folder is None:
        return []  # the folder line already failed: nothing to judge
    if probe.folder is not None and probe.folder.get("driveId"):
        return [Check(d["google_owner_shared_drive"].format(name=probe.folder.get("name", "")), True)]
    if not probe.is_service_account:
        return [Check(d["google_owner_user"].format(email=probe.identity), True)]
    where = probe.folder.get("name", probe.folder_id) if probe.folder else d["google_my_drive"]
    return [Check(d["google_owner"].format(where=where), False,
                  ru.GOOGLE["service_account_storage"].format(folder=probe.folder_id or "—"),
                  d["google_owner_fix"].format(who=probe.identity))]


def localisation(probe: Probe) -> list[Check]:
    """Not a failure, a warning shown once: on Google the staff's personal data is recorded and
    stored abroad (152-ФЗ art. 18 part 5, art. 12 — the README's section «152-ФЗ»)."""
    return [Check(ru.DOCTOR["pd_place"], True, warning=ru.DOCTOR["pd_localisation"])]


#: The checks in order; later issues add forms and the templates folder after `folder`.
STEPS: list[Step] = [credentials, scopes, spreadsheet, folder, ownership, localisation]


def google_health_checks(client: GoogleClient, spreadsheet_id: str, folder_id: str = "",
                         steps: Sequence[Step] | None = None) -> list[Check]:
    """The checklist lines of the Google backend (see the module docstring)."""
    probe = Probe(client, spreadsheet_id, folder_id, source_of(client.credentials))
    checks: list[Check] = []
    for step in steps if steps is not None else STEPS:
        checks.extend(step(probe))
        if probe.blocked:
            break
    return checks


def health_checks(workspace: GoogleWorkspace) -> list[Check]:
    """`Workspace.health_checks` of a Google workspace: credentials, scopes, the spreadsheet, the
    folder, who owns new files (`google_health_checks`)."""
    return google_health_checks(workspace.client, workspace.spreadsheet_id, workspace.folder_id)


def can_own_files_check(client: GoogleClient, folder_id: str) -> Check:
    """Before creating anything: the ownership line alone (credentials, folder, owner)."""
    probe = Probe(client, "", folder_id, source_of(client.credentials))
    for step in (credentials, folder, ownership):
        lines = step(probe)
        failed = [c for c in lines if not c.ok]
        if failed:
            return failed[0]
        if probe.blocked:
            break
    return Check(ru.DOCTOR["google_owner"].format(where=folder_id or ru.DOCTOR["google_my_drive"]), True)
