"""The fake's Sheets answers in the shape real Google gives them (gspread's recorded traffic):
fields at their proto default are omitted, colours come back as float32, and formulas are
read as Sheets reads them (spaces, ``^``, unary minus, decimals)."""
from __future__ import annotations

import pytest
from googleapiclient.errors import HttpError

from tests.fake_google.sheets_fixtures import TEACHER, api, gc  # noqa: F401 - fixtures


def test_defaults_are_omitted_from_sheet_properties(fake_google, gc, api):
    sh = gc.create("Оформление")
    reply = sh.batch_update({"requests": [{"addSheet": {"properties": {
        "title": "Скрытый", "hidden": False, "rightToLeft": False,
        "gridProperties": {"rowCount": 5, "columnCount": 3, "frozenRowCount": 0,
                           "hideGridlines": False}}}}]})
    props = reply["replies"][0]["addSheet"]["properties"]
    assert props == {"sheetId": props["sheetId"], "title": "Скрытый", "index": 1,
                     "sheetType": "GRID", "gridProperties": {"rowCount": 5, "columnCount": 3}}

    ws = sh.sheet1
    ws.freeze(rows=2, cols=1)
    ws.freeze(rows=0, cols=0)
    ws.update_tab_color("#FF007F")
    got = api.get(spreadsheetId=sh.id, fields="sheets.properties").execute()
    first = got["sheets"][0]["properties"]
    assert first["gridProperties"] == {"rowCount": 1000, "columnCount": 26}
    assert first["tabColorStyle"] == {"rgbColor": {"red": 1, "blue": 0.49803922}}
    assert first["sheetId"] == 0 and first["index"] == 0  # these have presence: 0 is shown

    ws.clear_tab_color()
    got = api.get(spreadsheetId=sh.id, fields="sheets.properties.tabColorStyle").execute()
    assert got == {"sheets": [{"properties": {}}, {"properties": {}}]}


def test_protected_range_reply_and_listing_match_google(fake_google, gc, api):
    sh = gc.create("Защита")
    ws = sh.sheet1
    reply = ws.add_protected_range("A1:B2")  # gspread sends warningOnly false, empty editors
    protected = reply["replies"][0]["addProtectedRange"]["protectedRange"]
    assert protected == {"protectedRangeId": protected["protectedRangeId"],
                         "range": {"startRowIndex": 0, "endRowIndex": 2,
                                   "startColumnIndex": 0, "endColumnIndex": 2},
                         "requestingUserCanEdit": True, "editors": {}}
    ws.add_protected_range("C1", warning_only=True)
    listed = api.get(spreadsheetId=sh.id, fields="sheets.protectedRanges").execute()
    ranges = listed["sheets"][0]["protectedRanges"]
    assert [p.get("warningOnly") for p in ranges] == [None, True]
    assert [p["editors"] for p in ranges] == [{"users": [TEACHER]}, {"users": [TEACHER]}]


@pytest.mark.parametrize("formula, en_us, ru_ru, unformatted", [
    ("= 1 / 1024", "0.0009765625", "0,0009765625", 0.0009765625),
    ("=2026-1998", "28", "28", 28),
    ("= ( 2 + 3 ) * -2", "-10", "-10", -10),
    ("=-2^2", "4", "4", 4),
    ("=2^3^2", "64", "64", 64),
    ("=1.5*2.25", "3.375", "3,375", 3.375),
    ("=1/3", "0.3333333333", "0,3333333333", 1 / 3),
    ("=SUM( 1 , 2 )", "3", "3", 3),
    ("=50%", "0.5", "0,5", 0.5),
    ("=1/0", "#DIV/0!", "#DIV/0!", "#DIV/0!"),
    ("=A1+1", "#NAME?", "#NAME?", "#NAME?"),
    ("=VLOOKUP(1, A:B, 2)", "#NAME?", "#NAME?", "#NAME?"),
    ("=1+", "#ERROR!", "#ERROR!", "#ERROR!"),
])
def test_formulas_evaluate_like_sheets(fake_google, api, formula, en_us, ru_ru, unformatted):
    for locale, shown in (("en_US", en_us), ("ru_RU", ru_ru)):
        ss = fake_google.state.sheets.seed(TEACHER, f"Формулы {locale}", {"Лист1": []},
                                           locale=locale)
        api.values().update(spreadsheetId=ss.id, range="Лист1!A2", valueInputOption="USER_ENTERED",
                            body={"values": [[formula]]}).execute()
        read = api.values().get
        assert read(spreadsheetId=ss.id, range="Лист1!A2").execute()["values"] == [[shown]]
        assert read(spreadsheetId=ss.id, range="Лист1!A2",
                    valueRenderOption="UNFORMATTED_VALUE").execute()["values"] == [[unformatted]]
        assert read(spreadsheetId=ss.id, range="Лист1!A2",
                    valueRenderOption="FORMULA").execute()["values"] == [[formula]]


def test_filters_notes_and_cell_colours_answer_as_recorded(fake_google, gc, api):
    sh = gc.create("Фильтр")
    ws = sh.sheet1
    ws.resize(rows=20, cols=20)
    ws.set_basic_filter()
    got = api.get(spreadsheetId=sh.id, fields="sheets.basicFilter").execute()
    assert got["sheets"][0]["basicFilter"] == {"range": {
        "startRowIndex": 0, "endRowIndex": 20, "startColumnIndex": 0, "endColumnIndex": 20}}
    ws.clear_basic_filter()
    assert api.get(spreadsheetId=sh.id, fields="sheets.basicFilter").execute() == \
        {"sheets": [{}]}

    ws.update_note("A1", "проверить")
    ws.clear_note("A1")
    got = api.get(spreadsheetId=sh.id, ranges=["Sheet1!A1"],
                  fields="sheets/data/rowData/values/note").execute()
    assert got == {"sheets": [{"data": [{}]}]}

    ws.format("A1", {"backgroundColor": {"red": 0.5, "green": 0, "blue": 1}})
    got = api.get(spreadsheetId=sh.id, ranges=["Sheet1!A1"],
                  fields="sheets/data/rowData/values/userEnteredFormat").execute()
    assert got["sheets"][0]["data"][0]["rowData"][0]["values"][0]["userEnteredFormat"] == {
        "backgroundColor": {"red": 0.49803922, "blue": 1},
        "backgroundColorStyle": {"rgbColor": {"red": 0.49803922, "blue": 1}}}


def test_create_takes_a_decorated_body(fake_google, api):
    title_row = {"startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0,
                 "endColumnIndex": 4}
    made = api.create(body={
        "properties": {"title": "Журнал", "locale": "ru_RU"},
        "sheets": [{"properties": {"title": "Журнал", "gridProperties": {"frozenRowCount": 1}},
                    "data": [{"rowData": [{"values": [
                        {"userEnteredValue": {"stringValue": "Журнал 2026"},
                         "userEnteredFormat": {"textFormat": {"bold": True}}}]}]}],
                    "merges": [title_row],
                    "rowGroups": [{"range": {"dimension": "ROWS", "startIndex": 2,
                                             "endIndex": 5}, "depth": 1}]}],
        "namedRanges": [{"name": "Шапка", "range": title_row}]}).execute()
    sheet = made["sheets"][0]
    assert sheet["merges"] == [title_row]
    assert sheet["rowGroups"][0]["depth"] == 1
    assert made["namedRanges"][0]["name"] == "Шапка"
    assert api.values().get(spreadsheetId=made["spreadsheetId"], range="Шапка"
                            ).execute()["values"] == [["Журнал 2026"]]

    before = set(fake_google.state.sheets.spreadsheets)
    with pytest.raises(HttpError) as caught:
        api.create(body={"sheets": [{"properties": {"title": "A"},
                                     "merges": [title_row, {**title_row, "endColumnIndex": 2}]}]}
                   ).execute()
    assert caught.value.resp.status == 400
    assert "Invalid sheets[0].merges[1]: " in caught.value.reason
    assert set(fake_google.state.sheets.spreadsheets) == before
