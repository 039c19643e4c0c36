"""The fake's Sheets batchUpdate requests beyond values: merges, named ranges, groups,
conditional formats, banding, borders, find/replace, duplicate and copy/cut-paste — set up
through gspread and googleapiclient as staff's decorated school sheets are, and read back in
``spreadsheets.get`` where Google shows them."""
from __future__ import annotations

import json

import gspread
import pytest
from googleapiclient.errors import HttpError

from tests.fake_google import FakeGoogle
from tests.fake_google.sheets_fixtures import TEACHER, api, gc  # noqa: F401 - fixtures


@pytest.fixture
def journal(fake_google: FakeGoogle):
    """«Журнал» as staff decorate it: a title row over four columns, subjects under it."""
    return fake_google.state.sheets.seed(TEACHER, "Журнал наставничества", {
        "Журнал": [["Журнал наставничества 2026", "лишнее"],
                   ["Предмет", "Наставник", "Наставляемый", "Часы"],
                   ["математика", "Иванова", "Петров", 12],
                   ["", "Иванова", "Сидорова", 4],
                   ["", "Смирнов", "Козлов", 6]],
        "Итоги": [["Итого"]],
    })


def _sheet(api, spreadsheet_id, title, fields="sheets"):
    got = api.get(spreadsheetId=spreadsheet_id, fields=fields).execute()
    return next(s for s in got["sheets"] if s["properties"]["title"] == title)


def _error(caught) -> dict:
    return json.loads(caught.value.content)["error"]


def test_staff_merges_title_row_and_subject_down_three_rows(fake_google, gc, api, journal):
    ws = gc.open_by_key(journal.id).worksheet("Журнал")
    ws.merge_cells("A1:D1")
    ws.merge_cells("A3:A5")

    sheet = _sheet(api, journal.id, "Журнал")
    assert sheet["merges"] == [
        {"startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": 4},
        {"startRowIndex": 2, "endRowIndex": 5, "startColumnIndex": 0, "endColumnIndex": 1}]
    # only the top-left value of a merge survives
    assert ws.get_values("A1:D1") == [["Журнал наставничества 2026"]]
    assert ws.get_values("A3:B5", combine_merged_cells=True) == \
        [["математика", "Иванова"], ["математика", "Иванова"], ["математика", "Смирнов"]]

    # a row inserted above moves both merges, one inserted inside the subject block grows it
    ws.insert_rows([["Подзаголовок"]], row=2)
    ws.insert_rows([["", "Иванова", "Орлова", 2]], row=5)
    assert [(m["startRowIndex"], m["endRowIndex"]) for m in
            _sheet(api, journal.id, "Журнал")["merges"]] == [(0, 1), (3, 7)]


def test_merge_types_replacement_overlap_and_unmerge(fake_google, api, journal):
    other = journal.sheets[1].id

    def merge(rng, kind="MERGE_ALL"):
        return api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
            {"mergeCells": {"range": rng, "mergeType": kind}}]}).execute()

    box = {"sheetId": other, "startRowIndex": 0, "endRowIndex": 2, "startColumnIndex": 0,
           "endColumnIndex": 2}
    assert merge(box, "MERGE_ROWS")["replies"] == [{}]
    assert _sheet(api, journal.id, "Итоги")["merges"] == [
        {"sheetId": other, "startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0,
         "endColumnIndex": 2},
        {"sheetId": other, "startRowIndex": 1, "endRowIndex": 2, "startColumnIndex": 0,
         "endColumnIndex": 2}]
    merge(box)  # covers both: replaces them
    assert len(_sheet(api, journal.id, "Итоги")["merges"]) == 1

    with pytest.raises(HttpError) as caught:
        merge({**box, "startRowIndex": 1, "endRowIndex": 3})
    assert caught.value.resp.status == 400
    assert _error(caught)["message"] == (
        "Invalid requests[0].mergeCells: You must select all cells in a merged range to "
        "merge or unmerge them.")

    merge({**box, "startColumnIndex": 2, "endColumnIndex": 4}, "MERGE_COLUMNS")
    assert len(_sheet(api, journal.id, "Итоги")["merges"]) == 3
    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
        {"unmergeCells": {"range": {"sheetId": other}}}]}).execute()
    assert "merges" not in _sheet(api, journal.id, "Итоги")

    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [{"updateSheetProperties": {
        "properties": {"sheetId": other, "gridProperties": {"frozenRowCount": 1}},
        "fields": "gridProperties.frozenRowCount"}}]}).execute()
    with pytest.raises(HttpError) as caught:
        merge({**box, "startRowIndex": 0, "endRowIndex": 3, "startColumnIndex": 5,
               "endColumnIndex": 6})
    assert _error(caught)["message"] == (
        "Invalid requests[0].mergeCells: You can't merge frozen and non-frozen rows.")


def test_named_ranges_are_listed_read_by_name_updated_and_follow_rows(fake_google, gc, api,
                                                                       journal):
    sh = gc.open_by_key(journal.id)
    reply = sh.batch_update({"requests": [{"addNamedRange": {"namedRange": {
        "name": "Наставники", "range": {"sheetId": 0, "startRowIndex": 2, "endRowIndex": 5,
                                        "startColumnIndex": 1, "endColumnIndex": 2}}}}]})
    named = reply["replies"][0]["addNamedRange"]["namedRange"]
    assert named["namedRangeId"].isdigit()
    assert named == {"namedRangeId": named["namedRangeId"], "name": "Наставники",
                     "range": {"startRowIndex": 2, "endRowIndex": 5, "startColumnIndex": 1,
                               "endColumnIndex": 2}}
    assert api.get(spreadsheetId=journal.id, fields="namedRanges").execute() == \
        {"namedRanges": [named]}

    for text in ("Наставники", "'Журнал'!Наставники"):
        got = api.values().get(spreadsheetId=journal.id, range=text).execute()
        assert got == {"range": "'Журнал'!B3:B5", "majorDimension": "ROWS",
                       "values": [["Иванова"], ["Иванова"], ["Смирнов"]]}

    sh.worksheet("Журнал").insert_rows([["вставка"]], row=1)
    assert sh.list_named_ranges()[0]["range"]["startRowIndex"] == 3

    with pytest.raises(gspread.exceptions.APIError) as caught:
        sh.batch_update({"requests": [{"addNamedRange": {"namedRange": {
            "name": "наставники", "range": {"sheetId": 0}}}}]})
    assert caught.value.response.status_code == 400

    sh.batch_update({"requests": [{"updateNamedRange": {
        "namedRange": {"namedRangeId": named["namedRangeId"], "name": "Кураторы"},
        "fields": "name"}}]})
    assert [n["name"] for n in sh.list_named_ranges()] == ["Кураторы"]
    sh.worksheet("Журнал").delete_named_range(named["namedRangeId"])
    assert api.get(spreadsheetId=journal.id, fields="namedRanges").execute() == {}


def test_dimension_groups_nest_by_depth(fake_google, gc, api, journal):
    ws = gc.open_by_key(journal.id).worksheet("Журнал")
    reply = ws.add_dimension_group_rows(2, 4)
    assert reply["replies"][0]["addDimensionGroup"]["dimensionGroups"] == [
        {"range": {"dimension": "ROWS", "startIndex": 2, "endIndex": 4}, "depth": 1}]
    ws.add_dimension_group_rows(1, 5)
    sheet = _sheet(api, journal.id, "Журнал")
    assert sheet["rowGroups"] == [
        {"range": {"dimension": "ROWS", "startIndex": 1, "endIndex": 5}, "depth": 1},
        {"range": {"dimension": "ROWS", "startIndex": 2, "endIndex": 4}, "depth": 2}]
    assert sheet["properties"]["gridProperties"]["rowGroupControlAfter"] is True

    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [{"updateDimensionGroup": {
        "dimensionGroup": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 2,
                                     "endIndex": 4}, "depth": 2, "collapsed": True},
        "fields": "collapsed"}}]}).execute()
    assert ws.list_dimension_group_rows()[1]["collapsed"] is True

    reply = ws.delete_dimension_group_rows(3, 5)
    assert reply["replies"][0]["deleteDimensionGroup"]["dimensionGroups"] == [
        {"range": {"dimension": "ROWS", "startIndex": 1, "endIndex": 4}, "depth": 1},
        {"range": {"dimension": "ROWS", "startIndex": 2, "endIndex": 3}, "depth": 2}]
    ws.delete_dimension_group_rows(1, 3)
    assert ws.list_dimension_group_rows() == [
        {"range": {"dimension": "ROWS", "startIndex": 2, "endIndex": 4}, "depth": 1}]
    reply = ws.delete_dimension_group_rows(2, 4)
    assert reply["replies"] == [{"deleteDimensionGroup": {}}]
    assert "rowGroups" not in _sheet(api, journal.id, "Журнал")


def test_conditional_formats_and_banding(fake_google, api, journal):
    hours = {"sheetId": 0, "startRowIndex": 2, "endRowIndex": 5, "startColumnIndex": 3,
             "endColumnIndex": 4}
    red = {"backgroundColor": {"red": 1}}
    rule = {"ranges": [hours], "booleanRule": {
        "condition": {"type": "NUMBER_LESS", "values": [{"userEnteredValue": "5"}]},
        "format": red}}
    gradient = {"ranges": [hours], "gradientRule": {
        "minpoint": {"color": {"green": 1}, "type": "MIN"},
        "maxpoint": {"color": {"red": 1}, "type": "MAX"}}}
    replies = api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
        {"addConditionalFormatRule": {"rule": rule, "index": 0}},
        {"addConditionalFormatRule": {"rule": gradient, "index": 1}},
        {"addBanding": {"bandedRange": {"range": {"sheetId": 0, "startRowIndex": 1,
                                                  "endRowIndex": 5, "startColumnIndex": 0,
                                                  "endColumnIndex": 4},
                                        "rowProperties": {"firstBandColor": {"blue": 1},
                                                          "secondBandColor": {"green": 1}}}}},
    ]}).execute()["replies"]
    assert replies[:2] == [{}, {}]
    banded = replies[2]["addBanding"]["bandedRange"]
    assert isinstance(banded["bandedRangeId"], int)
    assert banded["range"] == {"startRowIndex": 1, "endRowIndex": 5, "startColumnIndex": 0,
                               "endColumnIndex": 4}

    sheet = _sheet(api, journal.id, "Журнал")
    shown_range = {k: v for k, v in hours.items() if k != "sheetId"}
    assert [r["ranges"] for r in sheet["conditionalFormats"]] == [[shown_range], [shown_range]]
    assert sheet["bandedRanges"] == [banded]

    with pytest.raises(HttpError) as caught:
        api.batchUpdate(spreadsheetId=journal.id, body={"requests": [{"addBanding": {
            "bandedRange": {"range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 2},
                            "rowProperties": {"firstBandColor": {"blue": 1}}}}}]}).execute()
    assert caught.value.resp.status == 400

    replies = api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
        {"updateConditionalFormatRule": {"sheetId": 0, "index": 1, "newIndex": 0}},
        {"deleteConditionalFormatRule": {"sheetId": 0, "index": 1}},
        {"updateBanding": {"bandedRange": {"bandedRangeId": banded["bandedRangeId"],
                                           "rowProperties": {"firstBandColor": {"red": 1}}},
                           "fields": "rowProperties"}},
    ]}).execute()["replies"]
    assert replies[0]["updateConditionalFormatRule"]["oldIndex"] == 1
    assert "newIndex" not in replies[0]["updateConditionalFormatRule"]  # 0 is omitted
    assert replies[1]["deleteConditionalFormatRule"]["rule"]["booleanRule"]["format"] == {
        **red, "backgroundColorStyle": {"rgbColor": {"red": 1}}}  # Google adds the twin
    sheet = _sheet(api, journal.id, "Журнал")
    assert [list(r)[-1] for r in sheet["conditionalFormats"]] == ["gradientRule"]
    assert sheet["bandedRanges"][0]["rowProperties"] == {
        "firstBandColor": {"red": 1}, "firstBandColorStyle": {"rgbColor": {"red": 1}}}

    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
        {"deleteBanding": {"bandedRangeId": banded["bandedRangeId"]}}]}).execute()
    assert "bandedRanges" not in _sheet(api, journal.id, "Журнал")


def test_update_borders_are_stored_in_the_cells_format(fake_google, api, journal):
    solid = {"style": "SOLID_MEDIUM", "color": {"red": 1}}
    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [{"updateBorders": {
        "range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 3, "startColumnIndex": 0,
                  "endColumnIndex": 2},
        "top": solid, "bottom": solid, "innerHorizontal": {"style": "DOTTED"}}}]}).execute()
    got = api.get(spreadsheetId=journal.id, ranges=["'Журнал'!A2:B3"],
                  includeGridData=True).execute()
    rows = got["sheets"][0]["data"][0]["rowData"]
    first = rows[0]["values"][0]["userEnteredFormat"]["borders"]
    second = rows[1]["values"][1]["userEnteredFormat"]["borders"]
    red = {"style": "SOLID_MEDIUM", "width": 2, "color": {"red": 1},
           "colorStyle": {"rgbColor": {"red": 1}}}
    assert first == {"top": red, "bottom": {"style": "DOTTED", "width": 1}}
    assert second == {"top": {"style": "DOTTED", "width": 1}, "bottom": red}

    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [{"updateBorders": {
        "range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 2, "startColumnIndex": 0,
                  "endColumnIndex": 1},
        "top": {"style": "NONE"}}}]}).execute()
    got = api.get(spreadsheetId=journal.id, ranges=["'Журнал'!A2"],
                  includeGridData=True).execute()
    assert got["sheets"][0]["data"][0]["rowData"][0]["values"][0]["userEnteredFormat"] == \
        {"borders": {"bottom": {"style": "DOTTED", "width": 1}}}


def test_find_replace_counts_like_google(fake_google, gc, api, journal):
    ws = gc.open_by_key(journal.id).worksheet("Журнал")
    ws.update([["=2*6"]], "E3", value_input_option="USER_ENTERED")

    def find_replace(**body):
        return api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
            {"findReplace": body}]}).execute()["replies"][0]["findReplace"]

    assert find_replace(find="иванова", replacement="Иванова-Петрова", allSheets=True) == {
        "valuesChanged": 2, "rowsChanged": 2, "sheetsChanged": 1, "occurrencesChanged": 2}
    assert find_replace(find="иванова", replacement="x", sheetId=0, matchCase=True) == {}
    assert find_replace(find="2", replacement="3", sheetId=0, matchEntireCell=True) == {}
    assert find_replace(find="12", replacement="13", range={"sheetId": 0}) == {
        "valuesChanged": 1, "rowsChanged": 1, "sheetsChanged": 1, "occurrencesChanged": 1}
    assert find_replace(find=r"(\w+)-(\w+)", replacement="$2", searchByRegex=True,
                        sheetId=0)["valuesChanged"] == 2
    assert find_replace(find="6", replacement="7", range={"sheetId": 0, "startRowIndex": 2},
                        includeFormulas=True) == {
        "valuesChanged": 1, "formulasChanged": 1, "rowsChanged": 2, "sheetsChanged": 1,
        "occurrencesChanged": 2}
    values = ws.get_values("B3:E5", value_render_option="UNFORMATTED_VALUE")
    assert values == [["Петрова", "Петров", 13, 14], ["Петрова", "Сидорова", 4, ""],
                      ["Смирнов", "Козлов", 7, ""]]
    assert ws.get_values("E3", value_render_option="FORMULA") == [["=2*7"]]


def test_duplicate_sheet_copies_values_formats_and_merges(fake_google, gc, api, journal):
    sh = gc.open_by_key(journal.id)
    ws = sh.worksheet("Журнал")
    ws.merge_cells("A1:D1")
    ws.format("A2:D2", {"textFormat": {"bold": True}})
    reply = sh.batch_update({"requests": [{"duplicateSheet": {
        "sourceSheetId": 0, "newSheetName": "Журнал 2027", "insertSheetIndex": 2}}]})
    props = reply["replies"][0]["duplicateSheet"]["properties"]
    assert (props["title"], props["index"]) == ("Журнал 2027", 2)
    assert props["sheetId"] != 0

    copy = _sheet(api, journal.id, "Журнал 2027")
    assert copy["merges"] == [{"sheetId": props["sheetId"], "startRowIndex": 0, "endRowIndex": 1,
                               "startColumnIndex": 0, "endColumnIndex": 4}]
    copied = sh.worksheet("Журнал 2027")
    assert copied.get_values("A2:D3") == ws.get_values("A2:D3")
    cell = api.get(spreadsheetId=journal.id, ranges=["'Журнал 2027'!A2"],
                   includeGridData=True).execute()["sheets"][0]["data"][0]["rowData"][0]
    assert cell["values"][0]["userEnteredFormat"]["textFormat"]["bold"] is True

    default = ws.duplicate()
    assert (default.title, default.index) == ("Copy of Журнал", 0)


def test_copy_paste_and_cut_paste(fake_google, gc, journal):
    ws = gc.open_by_key(journal.id).worksheet("Журнал")
    ws.copy_range("B3:B4", "F3:F6")  # twice the source's height: pasted twice
    assert ws.get_values("F3:F6") == [["Иванова"], ["Иванова"], ["Иванова"], ["Иванова"]]
    ws.copy_range("C3:D3", "G1", paste_orientation="TRANSPOSE")
    assert ws.get_values("G1:G2") == [["Петров"], ["12"]]

    ws.cut_range("C3:C5", "H3")
    assert ws.get_values("C3:C5") == [[]]
    assert ws.get_values("H3:H5") == [["Петров"], ["Сидорова"], ["Козлов"]]

    ws.merge_cells("A3:A5")  # «Предмет» down three rows: copied and cut with its merge
    ws.copy_range("A3:B5", "J3")
    ws.cut_range("A3:A5", "L3")
    merges = gc.open_by_key(journal.id).fetch_sheet_metadata()["sheets"][0]["merges"]
    assert [(m["startRowIndex"], m["endRowIndex"], m["startColumnIndex"]) for m in merges] == \
        [(2, 5, 9), (2, 5, 11)]
    assert ws.get_values("J3:L3") == [["математика", "Иванова", "математика"]]

    ws.update([["= 1 / 1024"]], "A10", value_input_option="USER_ENTERED")
    ws.copy_range("A10", "B10", paste_type="PASTE_VALUES")
    assert ws.get_values("A10:B10", value_render_option="FORMULA") == \
        [["= 1 / 1024", 0.0009765625]]
    assert ws.get_values("A10:B10") == [["0,0009765625", "0,0009765625"]]


def test_deleted_rows_shrink_or_remove_what_lies_on_them(fake_google, api, journal):
    def rows(start, end):
        return {"sheetId": 0, "startRowIndex": start, "endRowIndex": end,
                "startColumnIndex": 0, "endColumnIndex": 4}

    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
        {"mergeCells": {"range": rows(0, 1), "mergeType": "MERGE_ALL"}},
        {"mergeCells": {"range": {**rows(2, 5), "endColumnIndex": 1},
                        "mergeType": "MERGE_ALL"}},
        {"addDimensionGroup": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 2,
                                         "endIndex": 5}}},
        {"addConditionalFormatRule": {"rule": {"ranges": [rows(2, 5)], "booleanRule": {
            "condition": {"type": "NOT_BLANK"}, "format": {"textFormat": {"bold": True}}}}}},
        {"addBanding": {"bandedRange": {"range": rows(1, 5), "rowProperties": {
            "firstBandColor": {"blue": 1}}}}},
        {"deleteDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 0,
                                       "endIndex": 3}}},
    ]}).execute()

    sheet = _sheet(api, journal.id, "Журнал")
    assert sheet["merges"] == [{"startRowIndex": 0, "endRowIndex": 2, "startColumnIndex": 0,
                                "endColumnIndex": 1}]  # the title row's merge went with it
    assert sheet["rowGroups"] == [
        {"range": {"dimension": "ROWS", "startIndex": 0, "endIndex": 2}, "depth": 1}]
    assert sheet["conditionalFormats"][0]["ranges"] == [
        {"startRowIndex": 0, "endRowIndex": 2, "startColumnIndex": 0, "endColumnIndex": 4}]
    assert sheet["bandedRanges"][0]["range"]["startRowIndex"] == 0
    assert sheet["bandedRanges"][0]["range"]["endRowIndex"] == 2

    api.batchUpdate(spreadsheetId=journal.id, body={"requests": [
        {"addNamedRange": {"namedRange": {"name": "Итог", "range": {
            "sheetId": journal.sheets[1].id, "startRowIndex": 0, "endRowIndex": 1}}}},
        {"deleteSheet": {"sheetId": journal.sheets[1].id}}]}).execute()
    assert api.get(spreadsheetId=journal.id, fields="namedRanges").execute() == {}
