"""Creating (or, run again, re-using) the school's spreadsheet on Google Drive.

The workspace folder: ``folder_id`` from the settings; left empty, a person (``oauth``, ``adc``,
a service account with ``subject``) gets a folder nastavnik creates itself — «Наставничество
(nastavnik)» in the root of «Мой диск», marked ``nastavnik=workspace_folder`` (found again by
that mark when a run stopped before the config was written). Under the ``drive.file`` scope the
app sees only files it created, so a folder made by hand answers 404; one the app created stays
reachable after the coordinator renames, moves or shares it. A service account without
``subject`` needs ``folder_id``: the folder a person made on the shared drive.

The spreadsheet is found, in this order: by ``spreadsheet_id`` from the settings; by the app
property ``nastavnik=workspace`` among the spreadsheets of the Drive folder; else it is created
in that folder (Drive ``files.create``; a service account needs a shared drive or delegation for
that). Then, in ONE ``spreadsheets.batchUpdate``, every missing tab is added with
its frozen header row, dropdowns (``ONE_OF_RANGE`` on the hidden «Списки» tab; multi-choice
columns accept other text) and warning-only protection of the columns nastavnik writes; and in
ONE ``values.batchUpdate`` (RAW) the headers and starting rows of those tabs are written. Tabs
that already exist are left as they are, so running it again changes nothing.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sheets_schema.tables import ALL_TABLES, BOOL, CHOICE, LISTS_TABLE, MULTI, SERVICE, Column, Table
from sync.google.credentials import acts_as_itself, sees_only_own_files
from sync.google.client import SPREADSHEET_MIME, GoogleClient, client_from_settings
from sync.google.errors import GoogleApiError, explain
from sync.google.health import can_own_files_check
from sync.google.workspace import GoogleWorkspace, quote_title
from sheets_schema.dropdowns import VALIDATED_ROWS, list_range, lists_rows
from sync.workspace import WorkspaceError

APP_PROPERTY = ("nastavnik", "workspace")
FOLDER_PROPERTY = ("nastavnik", "workspace_folder")
FOLDER_MIME = "application/vnd.google-apps.folder"
PIXELS_PER_CHAR = 7


def find_in_folder(client: GoogleClient, folder_id: str) -> str | None:
    """The id of nastavnik's spreadsheet in the folder (by its app property), if there is one."""
    key, value = APP_PROPERTY
    q = (f"'{folder_id}' in parents and mimeType = '{SPREADSHEET_MIME}' and trashed = false "
         f"and appProperties has {{ key='{key}' and value='{value}' }}")
    files = client.files_list(q, fields="files(id,name,createdTime)").get("files", [])
    files.sort(key=lambda f: f.get("createdTime", ""))
    return files[0]["id"] if files else None


def workspace_folder(client: GoogleClient) -> str:
    """The folder nastavnik created for the workspace (found by its mark), else a new one in the
    root of «Мой диск»; returns its id."""
    key, value = FOLDER_PROPERTY
    q = (f"mimeType = '{FOLDER_MIME}' and trashed = false "
         f"and appProperties has {{ key='{key}' and value='{value}' }}")
    files = client.files_list(q, fields="files(id,name,createdTime)").get("files", [])
    if files:
        return sorted(files, key=lambda f: f.get("createdTime", ""))[0]["id"]
    body = {"name": ru.GOOGLE["workspace_folder_name"], "mimeType": FOLDER_MIME, "appProperties": {key: value}}
    return client.files_create(body, fields="id")["id"]


def create_in_folder(client: GoogleClient, folder_id: str, name: str) -> str:
    """Create an empty spreadsheet in the Drive folder; returns its id."""
    key, value = APP_PROPERTY
    body = {"name": name, "mimeType": SPREADSHEET_MIME, "parents": [folder_id], "appProperties": {key: value}}
    return client.files_create(body, fields="id")["id"]


def _row_values(table: Table, row: Mapping[str, Any]) -> list[str]:
    return [str(row.get(c.key, "") if row.get(c.key) is not None else "") for c in table.columns]


def _grid_rows(table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    return max(VALIDATED_ROWS, len(rows) + 1000)


def tab_requests(table: Table, sheet_id: int, index: int, rows: Sequence[Mapping[str, Any]],
                 ranges: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The batchUpdate requests that add one tab: sheet, widths, header format, dropdowns, protection.
    `ranges` gives the choice lists' A1 ranges where a workspace holds them (an upgraded one may
    hold them elsewhere than a new one, `list_range`)."""
    last = _grid_rows(table, rows)
    reqs: list[dict[str, Any]] = [{"addSheet": {"properties": {
        "sheetId": sheet_id, "title": table.title, "index": index, "hidden": table.hidden,
        "gridProperties": {"rowCount": last, "columnCount": len(table.columns), "frozenRowCount": 1},
    }}}]
    for i, column in enumerate(table.columns):
        reqs.append({"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": i, "endIndex": i + 1},
            "properties": {"pixelSize": column.width * PIXELS_PER_CHAR}, "fields": "pixelSize"}})
    reqs.append({"repeatCell": {
        "range": {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1},
        "cell": {"userEnteredFormat": {"textFormat": {"bold": True}, "wrapStrategy": "WRAP",
                                       "verticalAlignment": "TOP"}},
        "fields": "userEnteredFormat(textFormat.bold,wrapStrategy,verticalAlignment)"}})
    if table is not LISTS_TABLE:
        for i, column in enumerate(table.columns):
            if column.kind not in (CHOICE, BOOL, MULTI) or not column.choices:
                continue
            rng = (ranges or {}).get(column.choices) or list_range(column.choices)
            reqs.append(dropdown_request(sheet_id, i, column, rng, 1, last))
    if table.service:
        reqs.append({"addProtectedRange": {"protectedRange": {
            "range": {"sheetId": sheet_id}, "description": ru.GOOGLE["protected_tab"], "warningOnly": True}}})
    else:
        for i, column in enumerate(table.columns):
            if column.owner == SERVICE:
                reqs.append(column_protection(sheet_id, i, column))
    return reqs


def dropdown_request(sheet_id: int, col: int, column: Column, rng: str, first_row: int, end_row: int) -> dict[str, Any]:
    """``setDataValidation`` of a choice column (0-based `col`, rows `first_row`..`end_row` - 1,
    0-based): a single choice is strict, a multi-choice column accepts other text and says how."""
    single = column.kind != MULTI
    rule: dict[str, Any] = {
        "condition": {"type": "ONE_OF_RANGE", "values": [{"userEnteredValue": "=" + rng}]},
        "strict": single, "showCustomUi": True}
    if not single:
        assert column.choices is not None, column.key  # a choice column names its list
        rule["inputMessage"] = ru.FIXES["multichoice"].format(list=ru.LIST_TITLES[column.choices])
    return {"setDataValidation": {
        "range": {"sheetId": sheet_id, "startRowIndex": first_row, "endRowIndex": end_row,
                  "startColumnIndex": col, "endColumnIndex": col + 1},
        "rule": rule}}


def column_protection(sheet_id: int, col: int, column: Column) -> dict[str, Any]:
    """Warning-only protection of a column nastavnik writes."""
    return {"addProtectedRange": {"protectedRange": {
        "range": {"sheetId": sheet_id, "startColumnIndex": col, "endColumnIndex": col + 1},
        "description": ru.GOOGLE["protected_column"].format(column=column.header),
        "warningOnly": True}}}


def create_google_workspace(
    settings: Mapping[str, Any],
    rows: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    client: GoogleClient | None = None,
) -> GoogleWorkspace:
    """Create or re-use the spreadsheet (see the module docstring) and return its workspace.

    The returned workspace carries `spreadsheet_id`, `folder_id` and `created`, for the caller to
    write into the config.
    """
    client = client or client_from_settings(settings)
    folder_id = settings.get("folder_id", "") or ""
    spreadsheet_id = settings.get("spreadsheet_id", "") or ""
    created = False
    try:
        if not folder_id and not acts_as_itself(settings.get("auth", "oauth"), settings.get("subject", "") or ""):
            folder_id = workspace_folder(client)
        if not spreadsheet_id and folder_id:
            spreadsheet_id = find_in_folder(client, folder_id) or ""
        if not spreadsheet_id:
            _ensure_can_own_files(client, folder_id)
            if folder_id:
                spreadsheet_id = create_in_folder(client, folder_id, ru.GOOGLE["spreadsheet_name"])
            else:
                answer = client.spreadsheets_create({"properties": {"title": ru.GOOGLE["spreadsheet_name"]}})
                spreadsheet_id = answer["spreadsheetId"]
            created = True
    except GoogleApiError as exc:
        raise WorkspaceError(_explain_create(exc, folder_id, sees_only_own_files(client.credentials))) from exc
    workspace = GoogleWorkspace(client, spreadsheet_id, folder_id, created=created)
    existing = workspace.sheet_properties()
    titles = {normalise_header(p.get("title", "")) for p in existing}
    missing = [t for t in ALL_TABLES if normalise_header(t.title) not in titles]
    workspace.added_tabs = [] if created else [t.title for t in missing]
    if not missing:
        return workspace
    next_id = max([int(p.get("sheetId", 0)) for p in existing] + [0]) + 1
    requests: list[dict[str, Any]] = []
    if created:
        requests.append({"updateSpreadsheetProperties": {
            "properties": {"locale": "ru_RU", "timeZone": "Europe/Moscow"}, "fields": "locale,timeZone"}})
    data: list[dict[str, Any]] = []
    for table in missing:
        table_rows = lists_rows() if table is LISTS_TABLE else rows.get(table.key, [])
        index = ALL_TABLES.index(table)
        requests += tab_requests(table, next_id, index, table_rows)
        next_id += 1
        data.append({"range": f"{quote_title(table.title)}!A1", "majorDimension": "ROWS",
                     "values": [table.headers] + [_row_values(table, r) for r in table_rows]})
    if created:  # the empty first sheet Drive made ("Sheet1"/«Лист1»)
        ours = {normalise_header(t.title) for t in ALL_TABLES}
        requests += [{"deleteSheet": {"sheetId": p["sheetId"]}} for p in existing
                     if normalise_header(p.get("title", "")) not in ours]
    with workspace.google_errors():
        try:
            client.spreadsheets_batch_update(spreadsheet_id, requests)
        except GoogleApiError as exc:
            if not tabs_landed(workspace, exc, missing):
                raise
        client.values_batch_update(spreadsheet_id, data, value_input_option="RAW")
    workspace.forget_tabs()
    return workspace


def tabs_landed(workspace: GoogleWorkspace, exc: GoogleApiError, missing: Sequence[Table]) -> bool:
    """Whether a repeat refused «already exists» follows a first attempt that landed: its answer
    was lost and the retry policy sent the same ``addSheet`` requests again (a batchUpdate is all
    or nothing, so the tabs it was to add are there exactly when it landed)."""
    if exc.code != 400 or "already exists" not in str(exc):
        return False
    workspace.forget_tabs()
    titles = {normalise_header(p.get("title", "")) for p in workspace.sheet_properties()}
    return bool(missing) and all(normalise_header(t.title) in titles for t in missing)


def _ensure_can_own_files(client: GoogleClient, folder_id: str) -> None:
    """Stop before creating anything when this identity cannot own files there (doctor's line)."""
    owner = can_own_files_check(client, folder_id)
    if not owner.ok:  # e.g. a service account and a My Drive folder
        raise WorkspaceError(ru.GOOGLE["cannot_create"].format(detail=owner.detail, fix=owner.fix))


def _explain_create(exc: GoogleApiError, folder_id: str, own_files_only: bool = False) -> str:
    if exc.reason == "storageQuotaExceeded":
        return ru.GOOGLE["service_account_storage"].format(folder=folder_id)
    if exc.code == 404 and folder_id and own_files_only:
        return ru.GOOGLE["cannot_create"].format(
            detail=ru.GOOGLE["folder_invisible"].format(folder=folder_id),
            fix=ru.GOOGLE["folder_invisible_fix"].format(name=ru.GOOGLE["workspace_folder_name"]))
    if exc.code == 404 and folder_id:
        return ru.GOOGLE["folder_not_found"].format(folder=folder_id, message=exc.message)
    return explain(exc, f"https://drive.google.com/drive/folders/{folder_id}" if folder_id else "Google Drive")
