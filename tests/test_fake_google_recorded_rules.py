"""Rules of the fake that gspread's recorded real traffic fixed (tests/contract replays the
record itself; these pin each rule through the real clients, with cases the record lacks)."""
from __future__ import annotations

import json

import pytest
from googleapiclient.errors import HttpError

from sync.google.errors import GoogleApiError
from tests.fake_google import FakeGoogle
from tests.fake_google.clients import api_service, user_credentials

TEACHER = "metodist@school.example"


@pytest.fixture
def google(fake_google: FakeGoogle):
    credentials = user_credentials(fake_google.url, TEACHER)
    sheets = api_service(fake_google.url, "sheets", "v4", credentials)
    drive = api_service(fake_google.url, "drive", "v3", credentials)
    return sheets.spreadsheets(), sheets.spreadsheets().values(), drive.files()


def _error(exc: HttpError) -> dict:
    return json.loads(exc.content)["error"]


def _sheet(fake: FakeGoogle, rows: list[list]) -> str:
    return fake.state.sheets.seed(TEACHER, "Журнал", {"Лист1": rows}, locale="en_US").id


# ---- error envelope -------------------------------------------------------------------------
def test_a_sheets_type_error_names_googles_field_and_has_no_errors_list(fake_google, google):
    _, values, _ = google
    sid = _sheet(fake_google, [["a"]])
    with pytest.raises(HttpError) as info:
        values.update(spreadsheetId=sid, range="'Лист1'!A1", valueInputOption="RAW",
                      body={"values": ["ФИО", "Предмет"]}).execute()
    message = ("Invalid value at 'data.values[0]' (type.googleapis.com/google.protobuf.ListValue), "
               '"ФИО"')
    assert _error(info.value) == {
        "code": 400, "message": message, "status": "INVALID_ARGUMENT",
        "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                     "fieldViolations": [{"field": "data.values[0]", "description": message}]}]}


def test_a_sheets_404_is_code_message_status_only(fake_google, google):
    spreadsheets, _, _ = google
    with pytest.raises(HttpError) as info:
        spreadsheets.get(spreadsheetId="no-such-spreadsheet").execute()
    assert _error(info.value) == {"code": 404, "message": "Requested entity was not found.",
                                  "status": "NOT_FOUND"}


def test_a_drive_404_keeps_the_errors_list_with_its_reason(fake_google, google):
    _, _, files = google
    with pytest.raises(HttpError) as info:
        files.get(fileId="no-such-file", supportsAllDrives=True).execute()
    error = _error(info.value)
    assert error["errors"][0]["reason"] == "notFound"
    assert info.value.reason == "File not found: no-such-file."


def test_the_product_reads_a_sheets_quota_error_from_its_error_info(fake_google, google):
    _, values, _ = google
    sid = _sheet(fake_google, [["a"]])
    fake_google.set_faults(rate=1.0, statuses=[429], retry_after=2)
    with pytest.raises(HttpError) as info:
        values.get(spreadsheetId=sid, range="A1").execute()
    fake_google.clear_faults()
    parsed = GoogleApiError.from_response("values.get", 429, {"Retry-After": "2"},
                                          info.value.content)
    assert (parsed.code, parsed.status, parsed.reason, parsed.retry_after) == \
        (429, "RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED", 2.0)


# ---- Drive parameters -----------------------------------------------------------------------
def test_files_get_ignores_a_parameter_of_another_drive_method_as_google_does(fake_google, google):
    _, _, files = google
    sid = _sheet(fake_google, [["a"]])
    got = files.get(fileId=sid, supportsAllDrives=True, fields="id,name")
    got.uri += "&includeItemsFromAllDrives=true"  # gspread sends it; the discovery has no such name
    assert got.execute() == {"id": sid, "name": "Журнал"}
    unknown = files.get(fileId=sid, fields="id")
    unknown.uri += "&includeEverything=true"
    with pytest.raises(HttpError) as info:
        unknown.execute()
    assert info.value.status_code == 400


# ---- values.append: the table and where the rows go -----------------------------------------
APPEND_CASES = [
    # name, sheet rows, range, tableRange (None: absent), updatedRange
    ("empty_sheet", [], "'Лист1'", None, "'Лист1'!A1:C1"),
    ("header_and_rows", [["ФИО", "Класс", "Телефон"], ["Иванова", "7А", "1"]], "'Лист1'",
     "'Лист1'!A1:C2", "'Лист1'!A3:C3"),
    ("single_cell_range_grows_to_its_table", [["ФИО", "Класс"], ["Иванова", "7А"]],
     "'Лист1'!A1", "'Лист1'!A1:B2", "'Лист1'!A3:C3"),
    ("hole_in_first_row", [["a", "", "c"]], "'Лист1'", "'Лист1'!C1", "'Лист1'!C2:E2"),
    ("hole_in_first_row_range_a1", [["a", "", "c"]], "'Лист1'!A1", "'Лист1'!A1", "'Лист1'!A2:C2"),
    ("empty_range_above_data", [["x"], [], ["y"]], "'Лист1'!A2", None, "'Лист1'!A2:C2"),
    ("two_tables_whole_sheet", [["a", "b"], ["c", "d"], [], ["", "", "", "e", "f"]], "'Лист1'",
     "'Лист1'!D4:E4", "'Лист1'!D5:F5"),
    ("two_tables_first_range", [["a", "b"], ["c", "d"], [], ["", "", "", "e", "f"]],
     "'Лист1'!A1:B2", "'Лист1'!A1:B2", "'Лист1'!A3:C3"),
    ("diagonal_touch_is_one_table", [["a"], ["", "b"]], "'Лист1'!A1", "'Лист1'!A1:B2",
     "'Лист1'!A3:C3"),
]


@pytest.mark.parametrize("name, rows, where, table, updated", APPEND_CASES,
                         ids=[c[0] for c in APPEND_CASES])
def test_append_finds_the_table_as_recorded(fake_google, google, name, rows, where, table, updated):
    _, values, _ = google
    sid = _sheet(fake_google, rows)
    answer = values.append(spreadsheetId=sid, range=where, valueInputOption="RAW",
                           body={"values": [["1", "", "3"]]}).execute()
    assert answer.get("tableRange") == table
    assert answer["updates"]["updatedRange"] == updated
    assert (answer["updates"]["updatedRows"], answer["updates"]["updatedColumns"],
            answer["updates"]["updatedCells"]) == (1, 3, 3)


# ---- counters ------------------------------------------------------------------------------
def test_update_counts_the_cells_given_a_value_and_their_rows_and_columns(fake_google, google):
    _, values, _ = google
    sid = _sheet(fake_google, [])
    grid = [[None] * 4 for _ in range(6)]
    grid[0][0], grid[5][3] = "top left", "bottom right"
    answer = values.update(spreadsheetId=sid, range="'Лист1'!A1:D6", valueInputOption="RAW",
                           body={"values": grid}).execute()
    assert {k: answer[k] for k in ("updatedRange", "updatedRows", "updatedColumns",
                                   "updatedCells")} == {
        "updatedRange": "'Лист1'!A1:D6", "updatedRows": 2, "updatedColumns": 2, "updatedCells": 2}


def test_batch_update_totals_count_distinct_rows_and_columns(fake_google, google):
    _, values, _ = google
    sid = _sheet(fake_google, [])
    answer = values.batchUpdate(spreadsheetId=sid, body={"valueInputOption": "RAW", "data": [
        {"range": "'Лист1'!A1:D1", "values": [["a", "b", "c", "d"]]},
        {"range": "'Лист1'!A4:D4", "values": [["e", "f", "g", "h"]]}]}).execute()
    assert {k: v for k, v in answer.items() if k.startswith("total")} == {
        "totalUpdatedRows": 2, "totalUpdatedColumns": 4, "totalUpdatedCells": 8,
        "totalUpdatedSheets": 1}


# ---- spreadsheets.get ------------------------------------------------------------------------
def test_a_field_mask_asking_for_data_returns_grid_data_without_include_grid_data(fake_google,
                                                                                 google):
    spreadsheets, _, _ = google
    sid = _sheet(fake_google, [["ФИО"]])
    got = spreadsheets.get(spreadsheetId=sid, ranges=["'Лист1'!A1"],
                           fields="sheets.data.rowData.values.formattedValue").execute()
    assert got == {"sheets": [{"data": [{"rowData": [{"values": [{"formattedValue": "ФИО"}]}]}]}]}


def test_a_new_spreadsheet_has_googles_default_format_and_theme(fake_google, google):
    spreadsheets, _, _ = google
    made = spreadsheets.create(body={"properties": {"title": "Новая"}}).execute()
    props = made["properties"]
    assert props["defaultFormat"]["textFormat"]["fontFamily"] == "arial,sans,sans-serif"
    assert props["defaultFormat"]["padding"] == {"top": 2, "right": 3, "bottom": 2, "left": 3}
    assert [c["colorType"] for c in props["spreadsheetTheme"]["themeColors"]] == [
        "TEXT", "BACKGROUND", "ACCENT1", "ACCENT2", "ACCENT3", "ACCENT4", "ACCENT5", "ACCENT6",
        "LINK"]
    assert props["timeZone"] == "Europe/Moscow"  # a person's spreadsheet; a service account's: Etc/GMT
