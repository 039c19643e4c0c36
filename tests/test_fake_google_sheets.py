"""The fake's Sheets v4, reached only through gspread and googleapiclient."""
from __future__ import annotations

from types import SimpleNamespace

import gspread
import pytest
from googleapiclient.errors import HttpError

from tests.fake_google import FakeGoogle, token_for
from tests.fake_google.clients import (api_service, gspread_client, service_account_credentials,
                                       user_credentials)

TEACHER = "metodist@school.example"
OTHER = "stranger@school.example"
ROBOT = "robot@nastavnik-test.iam.gserviceaccount.com"


def _resources(service):
    """googleapiclient rebuilds a resource (and its docstrings) on every call: build once."""
    ss = service.spreadsheets()
    return SimpleNamespace(ss=ss, values=ss.values(), metadata=ss.developerMetadata())


@pytest.fixture
def sheets(fake_google: FakeGoogle):
    return _resources(api_service(fake_google.url, "sheets", "v4",
                                  user_credentials(fake_google.url, TEACHER)))


@pytest.fixture
def workbook(fake_google: FakeGoogle):
    """A spreadsheet of the teacher with two Cyrillic tabs, one with a quote in its title."""
    return fake_google.state.sheets.seed(TEACHER, "Наставничество 2026", {
        "Наставники": [["ФИО", "Предмет", "Стаж"], ["Иванова А. А.", "математика", 12]],
        "Пары 'черновик'": [["Наставник", "Наставляемый"]],
    })


def _error(exc: HttpError) -> dict:
    import json
    return json.loads(exc.content)["error"]


def test_raw_formula_text_round_trips_as_text(fake_google, sheets, workbook):
    payload = '=IMPORTXML("https://evil.example", "//a")'
    sheets.values.update(
        spreadsheetId=workbook.id, range="'Наставники'!D2", valueInputOption="RAW",
        body={"values": [[payload]]}).execute()

    for option in ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"):
        got = sheets.values.get(
            spreadsheetId=workbook.id, range="'Наставники'!D2", valueRenderOption=option
        ).execute()
        assert got["values"] == [[payload]], option


def test_user_entered_parses_formulas_numbers_and_booleans(fake_google, sheets, workbook):
    sheets.values.update(
        spreadsheetId=workbook.id, range="'Наставники'!A5", valueInputOption="USER_ENTERED",
        body={"values": [["=IMPORTXML(A1)", "007", "TRUE", "=2*3", "'=1+1"]]}).execute()
    read = sheets.values.get

    assert read(spreadsheetId=workbook.id, range="'Наставники'!A5:E5").execute()["values"] == \
        [["#NAME?", "7", "TRUE", "6", "=1+1"]]
    assert read(spreadsheetId=workbook.id, range="'Наставники'!A5:E5",
                valueRenderOption="UNFORMATTED_VALUE").execute()["values"] == \
        [["#NAME?", 7, True, 6, "=1+1"]]
    assert read(spreadsheetId=workbook.id, range="'Наставники'!A5:E5",
                valueRenderOption="FORMULA").execute()["values"] == \
        [["=IMPORTXML(A1)", 7, True, "=2*3", "=1+1"]]


def test_reads_omit_trailing_empties_and_echo_the_clipped_range(fake_google, sheets, workbook):
    sheets.values.update(
        spreadsheetId=workbook.id, range="'Наставники'!A4:C4", valueInputOption="RAW",
        body={"values": [["", "хвост", ""]]}).execute()

    got = sheets.values.get(spreadsheetId=workbook.id,
                                             range="'Наставники'!A1:Z").execute()
    assert got["range"] == "'Наставники'!A1:Z1000"
    assert got["values"] == [["ФИО", "Предмет", "Стаж"], ["Иванова А. А.", "математика", "12"],
                             [], ["", "хвост"]]

    empty = sheets.values.get(spreadsheetId=workbook.id,
                                               range="'Наставники'!F10:G12").execute()
    assert empty == {"range": "'Наставники'!F10:G12", "majorDimension": "ROWS"}

    columns = sheets.values.get(
        spreadsheetId=workbook.id, range="'Наставники'!A1:B2", majorDimension="COLUMNS",
        valueRenderOption="UNFORMATTED_VALUE").execute()
    assert columns["values"] == [["ФИО", "Иванова А. А."], ["Предмет", "математика"]]


def test_batch_get_of_tabs_with_cyrillic_quoted_titles(fake_google, workbook):
    gc = gspread_client(fake_google.url, user_credentials(fake_google.url, TEACHER))
    got = gc.open_by_key(workbook.id).values_batch_get(
        ["'Наставники'!A1:B", "'Пары ''черновик'''!A:B", "Наставники!C2"])

    assert [r["range"] for r in got["valueRanges"]] == [
        "'Наставники'!A1:B1000", "'Пары ''черновик'''!A1:B1000", "'Наставники'!C2"]
    assert [r.get("values") for r in got["valueRanges"]] == [
        [["ФИО", "Предмет"], ["Иванова А. А.", "математика"]],
        [["Наставник", "Наставляемый"]], [["12"]]]


def test_unknown_field_in_batch_update_is_rejected_like_google(fake_google, sheets, workbook):
    with pytest.raises(HttpError) as caught:
        sheets.ss.batchUpdate(spreadsheetId=workbook.id, body={"requests": [
            {"addSheet": {"properties": {"title": "X"}, "foo": 1}}]}).execute()

    assert caught.value.resp.status == 400
    error = _error(caught.value)
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == ('Invalid JSON payload received. Unknown name "foo" at '
                                "'requests[0].add_sheet': Cannot find field.")


def test_bad_enum_and_unknown_query_parameter_are_400(fake_google, sheets, workbook):
    with pytest.raises(HttpError) as caught:
        sheets.ss.batchUpdate(spreadsheetId=workbook.id, body={"requests": [
            {"insertDimension": {"range": {"sheetId": 0, "dimension": "DIAGONAL",
                                           "startIndex": 0, "endIndex": 1}}}]}).execute()
    assert _error(caught.value)["message"] == (
        "Invalid value at 'requests[0].insert_dimension.range.dimension' "
        '(type.googleapis.com/google.apps.sheets.v4.Dimension), "DIAGONAL"')

    gc = gspread_client(fake_google.url, user_credentials(fake_google.url, TEACHER))
    with pytest.raises(gspread.exceptions.APIError) as api_error:
        gc.http_client.values_get(workbook.id, "A1", params={"valueRenderOption": "PRETTY"})
    assert api_error.value.response.status_code == 400
    with pytest.raises(gspread.exceptions.APIError) as api_error:
        gc.http_client.values_get(workbook.id, "A1", params={"colour": "red"})
    assert 'Unknown name "colour"' in api_error.value.response.json()["error"]["message"]


def test_missing_value_input_option_is_400(fake_google, sheets, workbook):
    with pytest.raises(HttpError) as caught:
        sheets.values.update(spreadsheetId=workbook.id, range="A1",
                                              body={"values": [["x"]]}).execute()
    assert _error(caught.value)["message"] == "'valueInputOption' is required but not specified"


def test_unknown_id_is_404_and_unshared_is_403(fake_google, workbook):
    stranger = _resources(api_service(fake_google.url, "sheets", "v4",
                                      user_credentials(fake_google.url, OTHER)))
    with pytest.raises(HttpError) as caught:
        stranger.ss.get(spreadsheetId="no-such-spreadsheet").execute()
    assert (caught.value.resp.status, _error(caught.value)["status"],
            _error(caught.value)["message"]) == (404, "NOT_FOUND",
                                                 "Requested entity was not found.")

    with pytest.raises(HttpError) as caught:
        stranger.ss.get(spreadsheetId=workbook.id).execute()
    assert (caught.value.resp.status, _error(caught.value)["status"],
            _error(caught.value)["message"]) == (403, "PERMISSION_DENIED",
                                                 "The caller does not have permission")

    fake_google.share(workbook.id, OTHER, "reader")
    got = stranger.values.get(spreadsheetId=workbook.id,
                                               range="'Наставники'!A1").execute()
    assert got["values"] == [["ФИО"]]
    with pytest.raises(HttpError) as caught:
        stranger.values.update(
            spreadsheetId=workbook.id, range="'Наставники'!A1", valueInputOption="RAW",
            body={"values": [["взлом"]]}).execute()
    assert caught.value.resp.status == 403
    assert workbook.sheets[0].cells[(0, 0)]["userEnteredValue"] == {"stringValue": "ФИО"}


def test_missing_or_foreign_token_is_401(fake_google, workbook):
    import requests
    url = f"{fake_google.url}/v4/spreadsheets/{workbook.id}"
    for headers in ({}, {"Authorization": "Bearer ya29.real-looking-token"}):
        answer = requests.get(url, headers=headers, timeout=5)
        assert answer.status_code == 401
        assert answer.json()["error"]["status"] == "UNAUTHENTICATED"
        assert answer.json()["error"]["message"].startswith(
            "Request had invalid authentication credentials.")
    ok = requests.get(url, headers={"Authorization": "Bearer " + token_for(TEACHER)}, timeout=5)
    assert ok.json()["properties"]["title"] == "Наставничество 2026"


def test_update_beyond_grid_is_400_but_append_grows_the_grid(fake_google, sheets, workbook):
    sheets.ss.batchUpdate(spreadsheetId=workbook.id, body={"requests": [
        {"updateSheetProperties": {"properties": {"sheetId": 0, "gridProperties": {
            "rowCount": 3, "columnCount": 3, "frozenRowCount": 1}},
            "fields": "gridProperties(rowCount,columnCount,frozenRowCount)"}}]}).execute()

    with pytest.raises(HttpError) as caught:
        sheets.values.update(
            spreadsheetId=workbook.id, range="'Наставники'!A3", valueInputOption="RAW",
            body={"values": [["a"], ["b"]]}).execute()
    assert _error(caught.value)["message"] == (
        "Range ('Наставники'!A3:A4) exceeds grid limits. Max rows: 3, max columns: 3")

    answer = sheets.values.append(
        spreadsheetId=workbook.id, range="'Наставники'!A1:C", valueInputOption="RAW",
        body={"values": [["Петров П. П.", "физика", 3], ["Сидорова", "химия", 7]]}).execute()
    assert answer["tableRange"] == "'Наставники'!A1:C2"
    assert answer["updates"]["updatedRange"] == "'Наставники'!A3:C4"
    meta = sheets.ss.get(spreadsheetId=workbook.id,
                                     fields="sheets.properties").execute()
    grid = meta["sheets"][0]["properties"]["gridProperties"]
    assert (grid["rowCount"], grid["frozenRowCount"]) == (4, 1)
    assert list(meta) == ["sheets"]


def test_batch_update_is_all_or_nothing(fake_google, sheets, workbook):
    with pytest.raises(HttpError) as caught:
        sheets.ss.batchUpdate(spreadsheetId=workbook.id, body={"requests": [
            {"addSheet": {"properties": {"title": "Новый лист"}}},
            {"addSheet": {"properties": {"title": "Наставники"}}}]}).execute()
    assert _error(caught.value)["message"] == (
        'Invalid requests[1].addSheet: A sheet with the name "Наставники" already exists. '
        "Please enter another name.")
    titles = [s.title for s in fake_google.state.sheets.spreadsheets[workbook.id].sheets]
    assert titles == ["Наставники", "Пары 'черновик'"]


def _row_metadata(sheets, spreadsheet_id):
    found = sheets.metadata.search(
        spreadsheetId=spreadsheet_id, body={"dataFilters": [{"developerMetadataLookup": {
            "metadataKey": "mentee_id"}}]}).execute()
    return {m["developerMetadata"]["metadataValue"]:
            m["developerMetadata"]["location"]["dimensionRange"]["startIndex"]
            for m in found.get("matchedDeveloperMetadata", [])}


def test_row_metadata_moves_with_inserts_deletes_and_sorts(fake_google, sheets):
    ss = fake_google.state.sheets.seed(TEACHER, "Банк", {"Наставляемые": [
        ["ФИО"], ["Яковлев"], ["Абрамова"], ["Морозов"]]})
    requests = [{"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": "mentee_id", "metadataValue": name, "visibility": "DOCUMENT",
        "location": {"dimensionRange": {"sheetId": 0, "dimension": "ROWS",
                                        "startIndex": row, "endIndex": row + 1}}}}}
        for row, name in ((1, "yak"), (2, "abr"), (3, "mor"))]
    replies = sheets.ss.batchUpdate(spreadsheetId=ss.id,
                                                body={"requests": requests}).execute()["replies"]
    assert replies[0]["createDeveloperMetadata"]["developerMetadata"]["location"][
        "locationType"] == "ROW"
    assert _row_metadata(sheets, ss.id) == {"yak": 1, "abr": 2, "mor": 3}

    sheets.ss.batchUpdate(spreadsheetId=ss.id, body={"requests": [
        {"insertDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1,
                                       "endIndex": 3}, "inheritFromBefore": True}}]}).execute()
    assert _row_metadata(sheets, ss.id) == {"yak": 3, "abr": 4, "mor": 5}

    sheets.ss.batchUpdate(spreadsheetId=ss.id, body={"requests": [
        {"deleteDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1,
                                       "endIndex": 4}}}]}).execute()
    assert _row_metadata(sheets, ss.id) == {"abr": 1, "mor": 2}

    sheets.ss.batchUpdate(spreadsheetId=ss.id, body={"requests": [
        {"sortRange": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 3},
                       "sortSpecs": [{"dimensionIndex": 0, "sortOrder": "DESCENDING"}]}}]}
    ).execute()
    values = sheets.values.get(spreadsheetId=ss.id, range="A1:A").execute()
    assert values["values"] == [["ФИО"], ["Морозов"], ["Абрамова"]]
    assert _row_metadata(sheets, ss.id) == {"mor": 1, "abr": 2}

    by_range = sheets.metadata.search(
        spreadsheetId=ss.id, body={"dataFilters": [{"a1Range": "Наставляемые!A2"}]}).execute()
    assert [m["developerMetadata"]["metadataValue"]
            for m in by_range["matchedDeveloperMetadata"]] == ["mor"]

    deleted = sheets.ss.batchUpdate(spreadsheetId=ss.id, body={"requests": [
        {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {
            "metadataValue": "abr"}}}}]}).execute()["replies"][0]
    assert [m["metadataValue"] for m in
            deleted["deleteDeveloperMetadata"]["deletedDeveloperMetadata"]] == ["abr"]
    assert _row_metadata(sheets, ss.id) == {"mor": 1}


def test_grid_data_cells_validation_protection_and_charts(fake_google, sheets, workbook):
    rule = {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "да"},
                                                            {"userEnteredValue": "нет"}]},
            "strict": True, "showCustomUi": True}
    replies = sheets.ss.batchUpdate(spreadsheetId=workbook.id, body={"requests": [
        {"setDataValidation": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 3,
                                         "startColumnIndex": 3, "endColumnIndex": 4},
                               "rule": rule}},
        {"repeatCell": {"range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
                        "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                        "fields": "userEnteredFormat.textFormat.bold"}},
        {"updateCells": {"start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 3},
                         "rows": [{"values": [{"userEnteredValue": {"stringValue": "да"}}]}],
                         "fields": "userEnteredValue"}},
        {"addProtectedRange": {"protectedRange": {"range": {"sheetId": 0, "startRowIndex": 0,
                                                            "endRowIndex": 1},
                                                  "description": "шапка",
                                                  "warningOnly": True}}},
        {"addChart": {"chart": {"spec": {"title": "Стаж", "basicChart": {"chartType": "BAR"}},
                                "position": {"overlayPosition": {"anchorCell": {
                                    "sheetId": 0, "rowIndex": 5, "columnIndex": 5}}}}}},
        {"autoResizeDimensions": {"dimensions": {"sheetId": 0, "dimension": "COLUMNS",
                                                 "startIndex": 0, "endIndex": 3}}},
    ]}).execute()["replies"]
    assert replies[0] == {} and replies[3]["addProtectedRange"]["protectedRange"][
        "warningOnly"] is True
    assert "chartId" in replies[4]["addChart"]["chart"]

    got = sheets.ss.get(spreadsheetId=workbook.id, ranges=["'Наставники'!A1:D2"],
                                    includeGridData=True).execute()
    assert len(got["sheets"]) == 1
    sheet = got["sheets"][0]
    assert sheet["protectedRanges"][0]["description"] == "шапка"
    assert sheet["charts"][0]["spec"]["title"] == "Стаж"
    rows = sheet["data"][0]["rowData"]
    assert rows[0]["values"][0]["userEnteredFormat"]["textFormat"]["bold"] is True
    assert rows[0]["values"][0]["formattedValue"] == "ФИО"
    assert rows[1]["values"][3]["dataValidation"] == rule
    assert rows[1]["values"][3]["formattedValue"] == "да"
    assert rows[1]["values"][2]["effectiveValue"] == {"numberValue": 12}


def test_service_account_token_flow_and_create_rules(fake_google, workbook):
    creds = service_account_credentials(fake_google.url, ROBOT)
    robot = _resources(api_service(fake_google.url, "sheets", "v4", creds))
    fake_google.share(workbook.id, ROBOT, "writer")
    robot.values.append(
        spreadsheetId=workbook.id, range="'Наставники'!A:C", valueInputOption="RAW",
        insertDataOption="INSERT_ROWS", body={"values": [["Робот", "информатика", 1]]}
    ).execute()
    assert workbook.sheets[0].cells[(2, 0)]["userEnteredValue"] == {"stringValue": "Робот"}
    identities = {r["identity"] for r in fake_google.requests(api="sheets")}
    assert identities == {ROBOT}
    token_calls = fake_google.requests(api="oauth")
    assert [c["identity"] for c in token_calls] == [ROBOT]

    with pytest.raises(HttpError) as caught:
        robot.ss.create(body={"properties": {"title": "Своя таблица"}}).execute()
    assert caught.value.resp.status == 403

    delegated = service_account_credentials(fake_google.url, ROBOT, subject=TEACHER)
    mine = api_service(fake_google.url, "sheets", "v4", delegated).spreadsheets().create(
        body={"properties": {"title": "Своя таблица", "locale": "ru_RU"},
              "sheets": [{"properties": {"title": "Лист1"}}]}).execute()
    assert mine["sheets"][0]["properties"]["gridProperties"] == {"rowCount": 1000,
                                                                 "columnCount": 26}
    assert fake_google.state.drive.files[mine["spreadsheetId"]].owner == TEACHER


def test_gspread_worksheet_flow(fake_google):
    gc = gspread_client(fake_google.url, user_credentials(fake_google.url, TEACHER))
    sh = gc.create("Новая таблица")
    ws = sh.add_worksheet("Пары", rows=20, cols=4)
    ws.update([["Наставник", "Наставляемый"], ["А", "Б"]], "A1")
    ws.append_rows([["В", "Г"]], value_input_option="RAW")
    ws.batch_clear(["A2:B2"])
    assert ws.get_all_values() == [["Наставник", "Наставляемый"], ["", ""], ["В", "Г"]]
    ws.freeze(rows=1)
    assert sh.worksheet("Пары").frozen_row_count == 1
    sh.del_worksheet(sh.sheet1)
    assert [w.title for w in sh.worksheets()] == ["Пары"]
    assert gc.open("Новая таблица").id == sh.id
