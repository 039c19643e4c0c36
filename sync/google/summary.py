"""`Workspace.write_summary` on Google: the tab rewritten whole and a native chart, in ONE
``spreadsheets.batchUpdate`` after ONE ``spreadsheets.get``.

- ``spreadsheets.get`` (``fields`` limited to the tabs' properties and their charts' titles)
  tells whether the tab exists, how big its grid is and whether our chart is already there;
- the batchUpdate adds the tab if missing (after ``sheet.after``, warning-only protection, as
  every service tab), grows the grid if the rows do not fit, sets column widths, writes every
  cell with ``updateCells`` over the whole grid (so what the rows do not cover is cleared; text
  as ``stringValue`` — never parsed as a formula — and numbers as ``numberValue``) and, only if
  the tab has no chart of that title yet, adds the chart. The chart reads a fixed block of
  cells, so an existing chart simply shows the new numbers.
"""
from __future__ import annotations

from typing import Any

from sheets_schema.grid import normalise_header
from sync.google.workspace import GoogleWorkspace
from sync.workspace import SummaryChart, SummarySheet

FIELDS = "sheets(properties(sheetId,title,index,gridProperties),charts(chartId,spec(title)))"
MIN_ROWS, MIN_COLS = 200, 20
PIXELS_PER_CHAR = 7


def write_summary(workspace: GoogleWorkspace, sheet: SummarySheet) -> None:
    """Replace (or create) the tab `sheet.title` with `sheet`: one get, one batchUpdate."""
    client, spreadsheet_id = workspace.client, workspace.spreadsheet_id
    with workspace.google_errors():
        meta = client.spreadsheets_get(spreadsheet_id, fields=FIELDS)
    tabs = {normalise_header(s.get("properties", {}).get("title", "")): s for s in meta.get("sheets", [])}
    found = tabs.get(normalise_header(sheet.title))
    need_rows = max(MIN_ROWS, len(sheet.rows) + 50)
    need_cols = max([MIN_COLS, *(len(r) for r in sheet.rows)])
    if sheet.chart is not None:
        need_cols = max(need_cols, sheet.chart.anchor_col + 10)
    requests: list[dict[str, Any]] = []
    if found is None:
        ids = [int(s.get("properties", {}).get("sheetId", 0)) for s in meta.get("sheets", [])]
        sheet_id = max(ids + [0]) + 1
        after = tabs.get(normalise_header(sheet.after))
        index = int(after["properties"].get("index", 0)) + 1 if after else len(ids)
        rows, cols = need_rows, need_cols
        requests.append({"addSheet": {"properties": {
            "sheetId": sheet_id, "title": sheet.title, "index": index,
            "gridProperties": {"rowCount": rows, "columnCount": cols}}}})
        if sheet.note:
            requests.append({"addProtectedRange": {"protectedRange": {
                "range": {"sheetId": sheet_id}, "description": sheet.note, "warningOnly": True}}})
        charts: list[dict[str, Any]] = []
    else:
        props = found["properties"]
        sheet_id = int(props["sheetId"])
        grid = props.get("gridProperties", {})
        rows, cols = int(grid.get("rowCount", 0)), int(grid.get("columnCount", 0))
        for dimension, have, need in (("ROWS", rows, need_rows), ("COLUMNS", cols, need_cols)):
            if have < need:
                requests.append({"appendDimension": {"sheetId": sheet_id, "dimension": dimension,
                                                     "length": need - have}})
        rows, cols = max(rows, need_rows), max(cols, need_cols)
        charts = found.get("charts", [])
    for i, width in enumerate(sheet.widths):
        requests.append({"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": i, "endIndex": i + 1},
            "properties": {"pixelSize": width * PIXELS_PER_CHAR}, "fields": "pixelSize"}})
    requests.append({"updateCells": {
        "range": {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": rows, "startColumnIndex": 0,
                  "endColumnIndex": cols},
        "rows": [{"values": [_cell(v, r in sheet.bold) for v in values]} for r, values in enumerate(sheet.rows)],
        "fields": "userEnteredValue,userEnteredFormat.textFormat.bold,userEnteredFormat.wrapStrategy",
    }})
    spec = sheet.chart
    if spec is not None and not any(c.get("spec", {}).get("title") == spec.title for c in charts):
        requests.append({"addChart": {"chart": _chart(sheet_id, spec)}})
    with workspace.google_errors():
        client.spreadsheets_batch_update(spreadsheet_id, requests)
    workspace.forget_tabs()


def _cell(value: Any, bold: bool) -> dict[str, Any]:
    cell: dict[str, Any] = {}
    if isinstance(value, bool) or isinstance(value, str):
        if value != "":
            cell["userEnteredValue"] = {"stringValue": str(value)}
    elif value is not None:
        cell["userEnteredValue"] = {"numberValue": float(value)}
    fmt: dict[str, Any] = {"wrapStrategy": "WRAP"}
    if bold:
        fmt["textFormat"] = {"bold": True}
    cell["userEnteredFormat"] = fmt
    return cell


def _chart(sheet_id: int, spec: SummaryChart) -> dict[str, Any]:
    def column(col: int) -> dict[str, Any]:
        return {"sourceRange": {"sources": [{
            "sheetId": sheet_id, "startRowIndex": spec.first_row, "endRowIndex": spec.first_row + spec.rows,
            "startColumnIndex": col, "endColumnIndex": col + 1}]}}

    return {
        "spec": {
            "title": spec.title,
            "basicChart": {
                "chartType": "COLUMN",
                "legendPosition": "NO_LEGEND",
                "axis": [{"position": "LEFT_AXIS", "title": spec.series}],
                "domains": [{"domain": column(spec.label_col)}],
                "series": [{"series": column(spec.value_col), "targetAxis": "LEFT_AXIS"}],
                "headerCount": 0,
            },
        },
        "position": {"overlayPosition": {
            "anchorCell": {"sheetId": sheet_id, "rowIndex": spec.anchor_row, "columnIndex": spec.anchor_col},
            "widthPixels": 640, "heightPixels": 320}},
    }
