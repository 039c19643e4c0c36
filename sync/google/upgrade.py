"""`upgrade-workspace` on Google: an `UpgradePlan` as one ``spreadsheets.batchUpdate`` and one
``values.batchUpdate`` (RAW), as ``init --google`` run again adds missing tabs
(`sync.google.create.tab_requests`, reused here).

Requests (Sheets): one ``spreadsheets.get`` for the tabs' properties (ids, sizes, order); when
a choice list grew, one more ``spreadsheets.get`` of row 2 of every other tab with its cells'
``dataValidation`` (how each column's dropdown is set now); then the batchUpdate — new tabs
(sheet, widths, bold frozen header, dropdowns, warning-only protection), columns appended where
a tab's grid is too narrow for a new header, rows where «Списки» is too short, dropdowns of new
columns, dropdowns of grown lists re-set with the same rule and the longer range (over the rows
the tab has from row 2), protection of a new column nastavnik writes — and the values: new
tabs' headers and starting rows, new header cells, list values. Nothing else is sent.
"""
from __future__ import annotations

import copy
from typing import Any

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sheets_schema.tables import SERVICE
from sheets_schema.upgrade import UpgradePlan, grown_formula
from sync.google.create import _row_values, column_protection, dropdown_request, tab_requests, tabs_landed
from sync.google.errors import GoogleApiError
from sync.google.workspace import GoogleWorkspace, quote_title, write_ranges
from sync.workspace import CellWrite

SAMPLED_ROW = 2  # the row whose dropdowns stand for their column's (a new workspace's start there)
VALIDATION_FIELDS = "sheets(properties(sheetId,title),data(rowData(values(dataValidation))))"


def apply_upgrade(workspace: GoogleWorkspace, plan: UpgradePlan) -> None:
    """Write `plan` into the spreadsheet (see the module docstring)."""
    client, spreadsheet_id = workspace.client, workspace.spreadsheet_id
    props = sorted(workspace.sheet_properties(), key=lambda p: int(p.get("index", 0)))
    by_title = {normalise_header(p.get("title", "")): p for p in props}
    order = [normalise_header(p.get("title", "")) for p in props]
    size = {k: [int(p.get("gridProperties", {}).get("rowCount", 0)),
                int(p.get("gridProperties", {}).get("columnCount", 0))] for k, p in by_title.items()}
    requests: list[dict[str, Any]] = []
    data: list[dict[str, Any]] = []
    writes: list[CellWrite] = []
    next_id = max([int(p.get("sheetId", 0)) for p in props] + [0]) + 1
    with workspace.google_errors():
        if plan.growth:
            requests += _grown_dropdowns(workspace, plan, by_title, size)
    for new in plan.tabs:
        after = normalise_header(new.after) if new.after else None
        index = order.index(after) + 1 if after in order else len(order)
        requests += tab_requests(new.table, next_id, index, new.rows, ranges=plan.list_ranges)
        order.insert(index, normalise_header(new.table.title))
        next_id += 1
        data.append({"range": f"{quote_title(new.table.title)}!A1", "majorDimension": "ROWS",
                     "values": [new.table.headers] + [_row_values(new.table, r) for r in new.rows]})
    for c in plan.columns:
        key = normalise_header(c.tab)
        sheet_id = int(by_title[key]["sheetId"])
        requests += _grow(sheet_id, size[key], rows=0, cols=c.col + 1)
        writes.append(CellWrite(c.tab, c.header_row, c.col, c.column.header))
        if c.dropdown:
            requests.append(dropdown_request(sheet_id, c.col, c.column, c.dropdown, c.header_row,
                                             max(size[key][0], c.header_row + 1)))
        if c.column.owner == SERVICE and not c.table.service:
            requests.append(column_protection(sheet_id, c.col, c.column))
    for v in plan.lists:
        key = normalise_header(v.tab)
        sheet_id = int(by_title[key]["sheetId"])
        requests += _grow(sheet_id, size[key], rows=v.first_row + len(v.values) - 1, cols=v.col + 1)
        if v.new_column:
            writes.append(CellWrite(v.tab, 1, v.col, ru.HEADERS[f"list_{v.key}"]))
        writes += [CellWrite(v.tab, v.first_row + i, v.col, value) for i, value in enumerate(v.values)]
    data += write_ranges(writes, lambda t: by_title.get(normalise_header(t), {}).get("title", t))
    with workspace.google_errors():
        if requests:
            try:
                client.spreadsheets_batch_update(spreadsheet_id, requests)
            except GoogleApiError as exc:  # a repeat after a lost answer: did the first land?
                if not tabs_landed(workspace, exc, [new.table for new in plan.tabs]):
                    raise
        if data:
            client.values_batch_update(spreadsheet_id, data, value_input_option="RAW")
    workspace.forget_tabs()


def _grow(sheet_id: int, size: list[int], *, rows: int, cols: int) -> list[dict[str, Any]]:
    """``appendDimension`` for a tab too small for a write at 1-based `rows`, `cols`; `size`
    (rows, columns) is kept up to date for the next write."""
    out = []
    for i, (dimension, needed) in enumerate((("ROWS", rows), ("COLUMNS", cols))):
        if needed > size[i]:
            out.append({"appendDimension": {"sheetId": sheet_id, "dimension": dimension, "length": needed - size[i]}})
            size[i] = needed
    return out


def _grown_dropdowns(workspace: GoogleWorkspace, plan: UpgradePlan, by_title: dict[str, dict],
                     size: dict[str, list[int]]) -> list[dict[str, Any]]:
    """Each column whose row-2 dropdown refers to a grown list, set again with the longer range."""
    lists_key = normalise_header(plan.lists_tab)
    titles = [p["title"] for k, p in by_title.items() if k != lists_key]
    if not titles:
        return []
    meta = workspace.client.spreadsheets_get(
        workspace.spreadsheet_id, fields=VALIDATION_FIELDS,
        ranges=[f"{quote_title(t)}!A{SAMPLED_ROW}:ZZ{SAMPLED_ROW}" for t in titles])
    requests = []
    for sheet in meta.get("sheets", []):
        title = sheet.get("properties", {}).get("title", "")
        sheet_id = int(sheet.get("properties", {}).get("sheetId", 0))
        rows = size.get(normalise_header(title), [0, 0])[0]
        for block in sheet.get("data", []):
            for row in block.get("rowData", [])[:1]:
                for col, cell in enumerate(row.get("values", [])):
                    rule = cell.get("dataValidation")
                    values = (rule or {}).get("condition", {}).get("values", [])
                    if not rule or rule.get("condition", {}).get("type") != "ONE_OF_RANGE" or not values:
                        continue
                    grown = grown_formula(values[0].get("userEnteredValue", ""), plan.lists_tab, plan.growth)
                    if grown is None:
                        continue
                    new_rule = copy.deepcopy(rule)
                    new_rule["condition"]["values"][0]["userEnteredValue"] = grown
                    requests.append({"setDataValidation": {
                        "range": {"sheetId": sheet_id, "startRowIndex": SAMPLED_ROW - 1, "endRowIndex": max(rows, SAMPLED_ROW),
                                  "startColumnIndex": col, "endColumnIndex": col + 1},
                        "rule": new_rule}})
    return requests
