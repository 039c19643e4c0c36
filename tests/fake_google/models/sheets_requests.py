"""spreadsheets.batchUpdate: one function per request type, each returning its reply.

Developer metadata located on rows/columns (``dimensionRange``) behaves as Google documents
for insert/delete: it shifts when dimensions are inserted or deleted before it, grows when
dimensions are inserted strictly inside it, shrinks with deletions and is deleted with its
last row. Google does not document sorting; the fake's choice: metadata on exactly one row
inside the sorted range moves with that row (as a row's own cells do), wider ranges stay.
"""
from __future__ import annotations

import copy
from typing import Any, Callable

from .. import errors
from ..a1 import index_to_col
from ..fields import apply_mask
from . import sheets_cells as cells
from . import sheets_copy, sheets_format_requests, sheets_groups, sheets_merges
from . import sheets_json as out_json
from .sheets import Sheet, SheetsModel, Spreadsheet
from .sheets_ranges import bad as _bad
from .sheets_ranges import follow_dimension_change
from .sheets_ranges import grid_bounds as _grid_bounds
from .sheets_ranges import sheet_of as _sheet


# ---- dimension moves (shared with values.append INSERT_ROWS) --------------------------
def insert_dimension(ss: Spreadsheet, sheet: Sheet, dimension: str, start: int, end: int
                     ) -> None:
    n = end - start
    rows = dimension == "ROWS"
    moved = {}
    for (r, c), cell in sheet.cells.items():
        pos = r if rows else c
        if pos >= start:
            moved[(r + n, c) if rows else (r, c + n)] = cell
        else:
            moved[(r, c)] = cell
    sheet.cells = moved
    key = "rowCount" if rows else "columnCount"
    sheet.grid[key] = (sheet.row_count if rows else sheet.col_count) + n
    follow_dimension_change(ss, sheet, dimension, start, end, inserted=True)
    for meta in ss.developer_metadata:
        dr = meta["location"].get("dimensionRange")
        if dr and dr.get("sheetId") == sheet.id and dr.get("dimension") == dimension:
            if dr["startIndex"] >= start:
                dr["startIndex"] += n
                dr["endIndex"] += n
            elif dr["endIndex"] > start:
                dr["endIndex"] += n


def delete_dimension(ss: Spreadsheet, sheet: Sheet, dimension: str, start: int, end: int
                     ) -> None:
    n = end - start
    rows = dimension == "ROWS"
    moved = {}
    for (r, c), cell in sheet.cells.items():
        pos = r if rows else c
        if start <= pos < end:
            continue
        if pos >= end:
            moved[(r - n, c) if rows else (r, c - n)] = cell
        else:
            moved[(r, c)] = cell
    sheet.cells = moved
    key = "rowCount" if rows else "columnCount"
    sheet.grid[key] = (sheet.row_count if rows else sheet.col_count) - n
    follow_dimension_change(ss, sheet, dimension, start, end, inserted=False)

    def shift(i: int) -> int:
        return i if i <= start else (start if i <= end else i - n)

    kept = []
    for meta in ss.developer_metadata:
        dr = meta["location"].get("dimensionRange")
        if dr and dr.get("sheetId") == sheet.id and dr.get("dimension") == dimension:
            dr["startIndex"], dr["endIndex"] = shift(dr["startIndex"]), shift(dr["endIndex"])
            if dr["startIndex"] >= dr["endIndex"]:
                continue
        kept.append(meta)
    ss.developer_metadata = kept


# ---- request handlers -----------------------------------------------------------------
def add_sheet(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    props = copy.deepcopy(req.get("properties") or {})
    title = props.get("title") or f"Sheet{len(ss.sheets) + 1}"
    if ss.sheet_by_title(title):
        raise _bad(i, "addSheet", f'A sheet with the name "{title}" already exists. Please '
                                  "enter another name.")
    if "sheetId" in props and ss.sheet_by_id(int(props["sheetId"])):
        raise _bad(i, "addSheet", f"Sheet with id {props['sheetId']} already exists.")
    props["title"] = title
    props.setdefault("sheetId", m.ids.int31())
    index = int(props.pop("index", len(ss.sheets)))
    sheet = m.new_sheet(props, index)
    ss.sheets.insert(min(index, len(ss.sheets)), sheet)
    ss.reindex()
    return {"addSheet": {"properties": out_json.sheet_properties_out(sheet.properties)}}


def delete_sheet(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    sheet = _sheet(ss, req.get("sheetId"), i, "deleteSheet")
    if len([s for s in ss.sheets if not s.properties.get("hidden")]) <= 1 and \
            not sheet.properties.get("hidden"):
        raise _bad(i, "deleteSheet", "You can't remove all the visible sheets in a document.")
    ss.sheets.remove(sheet)
    ss.developer_metadata = [md for md in ss.developer_metadata
                             if md["location"].get("sheetId") != sheet.id and
                             (md["location"].get("dimensionRange") or {}).get("sheetId")
                             != sheet.id]
    ss.named_ranges = [nr for nr in ss.named_ranges if nr["range"].get("sheetId") != sheet.id]
    ss.reindex()
    return {}


def update_sheet_properties(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                            ) -> dict[str, Any]:
    props = req.get("properties") or {}
    mask = req.get("fields")
    if not mask:
        raise _bad(i, "updateSheetProperties", "At least one field must be updated, but none "
                                               "were specified in 'fields'.")
    sheet = _sheet(ss, props.get("sheetId"), i, "updateSheetProperties")
    new = copy.deepcopy(sheet.properties)
    apply_mask(new, props, mask)
    new["sheetId"] = sheet.id
    new.setdefault("sheetType", "GRID")
    title = new.get("title") or sheet.title
    other = ss.sheet_by_title(title)
    if other is not None and other is not sheet:
        raise _bad(i, "updateSheetProperties", f'A sheet with the name "{title}" already exists.'
                                               " Please enter another name.")
    grid = new.setdefault("gridProperties", {})
    grid.setdefault("rowCount", sheet.row_count)
    grid.setdefault("columnCount", sheet.col_count)
    if grid.get("frozenRowCount", 0) >= grid["rowCount"]:
        raise _bad(i, "updateSheetProperties", "You can't freeze all visible rows on the sheet.")
    visible = [s for s in ss.sheets if not s.properties.get("hidden") and s is not sheet]
    if new.get("hidden") and not visible:
        raise _bad(i, "updateSheetProperties", "You can't hide all the sheets in a document.")
    for key, dim in (("rowCount", "ROWS"), ("columnCount", "COLUMNS")):
        old = sheet.row_count if dim == "ROWS" else sheet.col_count
        if grid[key] < old:
            delete_dimension(ss, sheet, dim, grid[key], old)
        sheet.grid[key] = grid[key]
    index = new.pop("index", sheet.properties.get("index"))
    sheet.properties = new
    ss.sheets.remove(sheet)
    ss.sheets.insert(min(int(index or 0), len(ss.sheets)), sheet)
    ss.reindex()
    return {}


def update_spreadsheet_properties(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                                  ) -> dict[str, Any]:
    if not req.get("fields"):
        raise _bad(i, "updateSpreadsheetProperties", "At least one field must be updated, but "
                                                     "none were specified in 'fields'.")
    apply_mask(ss.properties, req.get("properties") or {}, req["fields"])
    return {}


def set_data_validation(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                        ) -> dict[str, Any]:
    gr = req.get("range") or {}
    sheet = _sheet(ss, gr.get("sheetId"), i, "setDataValidation")
    r0, r1, c0, c1 = _grid_bounds(sheet, gr, i, "setDataValidation")
    rule = req.get("rule")
    if rule is not None and not (rule.get("condition") or {}).get("type"):
        raise _bad(i, "setDataValidation", "Invalid ConditionType: CONDITION_TYPE_UNSPECIFIED")
    shared = copy.deepcopy(rule)  # one copy for the whole range: cells never mutate a rule in place
    for r in range(r0, r1):
        for c in range(c0, c1):
            if rule is None:
                if (r, c) in sheet.cells:
                    sheet.cells[(r, c)].pop("dataValidation", None)
            else:
                sheet.cell(r, c)["dataValidation"] = shared
    return {}


def add_protected_range(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                        ) -> dict[str, Any]:
    pr = copy.deepcopy(req.get("protectedRange") or {})
    gr = pr.get("range") or {}
    sheet = _sheet(ss, gr.get("sheetId"), i, "addProtectedRange")
    _grid_bounds(sheet, gr, i, "addProtectedRange")
    asked = pr.get("editors") or {}
    if pr.get("warningOnly") and any(asked.get(k) for k in ("users", "groups")):
        raise _bad(i, "addProtectedRange", "Cannot set editors on a warning-only protected "
                                           "range.")
    order = ("protectedRangeId", "range", "namedRangeId", "description", "warningOnly",
             "requestingUserCanEdit", "unprotectedRanges", "editors")
    pr.update(protectedRangeId=m.ids.int31(), range={**gr, "sheetId": sheet.id},
              requestingUserCanEdit=True, editors=copy.deepcopy(asked))
    pr = {k: pr[k] for k in order if pr.get(k) is not None}
    reply = out_json.protected_range_out(pr)
    # Google's reply echoes the editors asked for; spreadsheets.get then lists the owner too
    # (gspread's recorded traffic)
    owner = m.drive.files[ss.id].owner
    pr["editors"]["users"] = [owner] + [u for u in asked.get("users") or [] if u != owner]
    sheet.protected_ranges.append(pr)
    return {"addProtectedRange": {"protectedRange": reply}}


def delete_protected_range(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                           ) -> dict[str, Any]:
    pid = int(req.get("protectedRangeId", 0))
    for sheet in ss.sheets:
        for pr in sheet.protected_ranges:
            if pr["protectedRangeId"] == pid:
                sheet.protected_ranges.remove(pr)
                return {}
    raise _bad(i, "deleteProtectedRange", f"No protected range with id: {pid}")


def create_developer_metadata(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                              ) -> dict[str, Any]:
    meta = copy.deepcopy(req.get("developerMetadata") or {})
    kind = "createDeveloperMetadata"
    if not meta.get("metadataKey"):
        raise _bad(i, kind, "Developer metadata must have a key.")
    if not meta.get("visibility"):
        raise _bad(i, kind, "Developer metadata visibility must be specified.")
    loc = meta.get("location") or {}
    if loc.get("spreadsheet"):
        meta["location"] = {"locationType": "SPREADSHEET", "spreadsheet": True}
    elif "sheetId" in loc:
        _sheet(ss, loc["sheetId"], i, kind)
        meta["location"] = {"locationType": "SHEET", "sheetId": int(loc["sheetId"])}
    elif "dimensionRange" in loc:
        dr = dict(loc["dimensionRange"])
        sheet = _sheet(ss, dr.get("sheetId"), i, kind)
        dimension = dr.get("dimension")
        if dimension not in ("ROWS", "COLUMNS"):
            raise _bad(i, kind, "Dimension must be specified.")
        limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
        start, end = int(dr.get("startIndex", 0)), int(dr.get("endIndex", limit))
        if not 0 <= start < end <= limit:
            raise _bad(i, kind, "Invalid dimension range.")
        meta["location"] = {"locationType": "ROW" if dimension == "ROWS" else "COLUMN",
                            "dimensionRange": {"sheetId": sheet.id, "dimension": dimension,
                                               "startIndex": start, "endIndex": end}}
    else:
        raise _bad(i, kind, "Developer metadata must have a location.")
    if "metadataId" in meta:
        meta["metadataId"] = int(meta["metadataId"])
        if any(x["metadataId"] == meta["metadataId"] for x in ss.developer_metadata):
            raise _bad(i, kind, f"Developer metadata with ID {meta['metadataId']} already "
                                "exists.")
    else:
        meta["metadataId"] = m.ids.int31()
    ss.developer_metadata.append(meta)
    return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(meta)}}


def delete_developer_metadata(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                              ) -> dict[str, Any]:
    flt = req.get("dataFilter") or {}
    gone = [md for md in ss.developer_metadata if m.metadata_matches(ss, md, flt)]
    ss.developer_metadata = [md for md in ss.developer_metadata if md not in gone]
    reply: dict[str, Any] = {}
    if gone:
        reply["deletedDeveloperMetadata"] = copy.deepcopy(gone)
    return {"deleteDeveloperMetadata": reply}


def update_developer_metadata(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                              ) -> dict[str, Any]:
    mask = req.get("fields")
    if not mask:
        raise _bad(i, "updateDeveloperMetadata", "At least one field must be updated.")
    changed = []
    for md in ss.developer_metadata:
        if any(m.metadata_matches(ss, md, f) for f in req.get("dataFilters") or []):
            apply_mask(md, req.get("developerMetadata") or {}, mask)
            changed.append(copy.deepcopy(md))
    return {"updateDeveloperMetadata": {"developerMetadata": changed} if changed else {}}


def _dimension_range(ss: Spreadsheet, dr: dict[str, Any], i: int, kind: str
                     ) -> tuple[Sheet, str, int, int]:
    sheet = _sheet(ss, dr.get("sheetId"), i, kind)
    dimension = dr.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise _bad(i, kind, "Dimension must be ROWS or COLUMNS.")
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    start, end = int(dr.get("startIndex", 0)), int(dr.get("endIndex", limit))
    if start < 0 or end <= start:
        raise _bad(i, kind, "Invalid dimension range: start index must be less than end index.")
    return sheet, dimension, start, end


def insert_dimension_request(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                             ) -> dict[str, Any]:
    sheet, dimension, start, end = _dimension_range(ss, req.get("range") or {}, i,
                                                    "insertDimension")
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    if start > limit:
        raise _bad(i, "insertDimension", f"range.startIndex [{start}] must be less than or "
                                         f"equal to the grid size [{limit}].")
    if start == 0 and req.get("inheritFromBefore"):
        raise _bad(i, "insertDimension", "Cannot inherit properties from before if inserting "
                                         "rows/columns at the start.")
    insert_dimension(ss, sheet, dimension, start, end)
    return {}


def delete_dimension_request(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                             ) -> dict[str, Any]:
    sheet, dimension, start, end = _dimension_range(ss, req.get("range") or {}, i,
                                                    "deleteDimension")
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    end = min(end, limit)
    if start >= limit:
        raise _bad(i, "deleteDimension", f"Range start index {start} is out of bounds.")
    if start == 0 and end >= limit:
        what = "rows" if dimension == "ROWS" else "columns"
        raise _bad(i, "deleteDimension", f"You can't delete all the {what} on the sheet.")
    delete_dimension(ss, sheet, dimension, start, end)
    return {}


def append_dimension(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                     ) -> dict[str, Any]:
    sheet = _sheet(ss, req.get("sheetId"), i, "appendDimension")
    length = int(req.get("length", 0))
    if length <= 0:
        raise _bad(i, "appendDimension", "length must be greater than zero.")
    if req.get("dimension") == "COLUMNS":
        sheet.grid["columnCount"] = sheet.col_count + length
    elif req.get("dimension") == "ROWS":
        sheet.grid["rowCount"] = sheet.row_count + length
    else:
        raise _bad(i, "appendDimension", "Dimension must be ROWS or COLUMNS.")
    return {}


def sort_range(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    gr = req.get("range") or {}
    sheet = _sheet(ss, gr.get("sheetId"), i, "sortRange")
    r0, r1, c0, c1 = _grid_bounds(sheet, gr, i, "sortRange")
    specs = req.get("sortSpecs") or [{"dimensionIndex": c0, "sortOrder": "ASCENDING"}]
    rows = list(range(r0, r1))
    for spec in reversed(specs):
        col = int(spec.get("dimensionIndex", 0))
        if not c0 <= col < c1:
            raise _bad(i, "sortRange", f"Sort column {index_to_col(col)} is outside the range.")
        descending = spec.get("sortOrder") == "DESCENDING"
        filled = [r for r in rows if not cells.cell_is_empty(sheet.cells.get((r, col)))]
        blanks = [r for r in rows if cells.cell_is_empty(sheet.cells.get((r, col)))]
        filled.sort(key=lambda r: cells.sort_key(sheet.cells.get((r, col))), reverse=descending)
        rows = filled + blanks  # blanks stay last in both orders
    new_cells = {k: v for k, v in sheet.cells.items()
                 if not (r0 <= k[0] < r1 and c0 <= k[1] < c1)}
    for new_r, old_r in zip(range(r0, r1), rows):
        for c in range(c0, c1):
            if (old_r, c) in sheet.cells:
                new_cells[(new_r, c)] = sheet.cells[(old_r, c)]
    sheet.cells = new_cells
    destination = {old_r: new_r for new_r, old_r in zip(range(r0, r1), rows)}
    for meta in ss.developer_metadata:
        dr = meta["location"].get("dimensionRange")
        if dr and dr.get("sheetId") == sheet.id and dr.get("dimension") == "ROWS" and \
                dr["endIndex"] - dr["startIndex"] == 1 and dr["startIndex"] in destination:
            dr["startIndex"] = destination[dr["startIndex"]]
            dr["endIndex"] = dr["startIndex"] + 1
    return {}


def _set_cell(sheet: Sheet, r: int, c: int, data: dict[str, Any], mask: str, locale: str
              ) -> None:
    cell = sheet.cell(r, c)
    incoming = copy.deepcopy(data)
    stored = {k: v for k, v in cell.items() if k != "effectiveValue"}
    apply_mask(stored, incoming, mask)
    user_value = stored.pop("userEnteredValue", None)
    cell.clear()
    cell.update(stored)
    if user_value:
        cells.set_value(cell, user_value)


def update_cells(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    mask = req.get("fields")
    if not mask:
        raise _bad(i, "updateCells", "At least one field must be specified in 'fields'.")
    if "start" in req:
        start = req["start"]
        sheet = _sheet(ss, start.get("sheetId"), i, "updateCells")
        r0, c0 = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        r1 = c1 = None
    else:
        gr = req.get("range") or {}
        sheet = _sheet(ss, gr.get("sheetId"), i, "updateCells")
        r0, r1, c0, c1 = _grid_bounds(sheet, gr, i, "updateCells")
    rows = req.get("rows") or []
    for dr, row in enumerate(rows):
        for dc, data in enumerate(row.get("values") or []):
            r, c = r0 + dr, c0 + dc
            if (r1 is not None and r >= r1) or (c1 is not None and c >= c1):
                continue
            if r >= sheet.row_count:
                raise _bad(i, "updateCells", f"GridCoordinate.rowIndex[{r}] is after last row "
                                             f"in grid[{sheet.row_count - 1}]")
            if c >= sheet.col_count:
                raise _bad(i, "updateCells", f"GridCoordinate.columnIndex[{c}] is after last "
                                             f"column in grid[{sheet.col_count - 1}]")
            _set_cell(sheet, r, c, data, mask, ss.locale)
    if r1 is not None and c1 is not None:  # a range clears what rows do not cover
        for r in range(r0, r1):
            for c in range(c0, c1):
                dr, dc = r - r0, c - c0
                covered = dr < len(rows) and dc < len(rows[dr].get("values") or [])
                if not covered and (r, c) in sheet.cells:
                    _set_cell(sheet, r, c, {}, mask, ss.locale)
    return {}


def repeat_cell(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    mask = req.get("fields")
    if not mask:
        raise _bad(i, "repeatCell", "At least one field must be specified in 'fields'.")
    gr = req.get("range") or {}
    sheet = _sheet(ss, gr.get("sheetId"), i, "repeatCell")
    r0, r1, c0, c1 = _grid_bounds(sheet, gr, i, "repeatCell")
    for r in range(r0, r1):
        for c in range(c0, c1):
            _set_cell(sheet, r, c, req.get("cell") or {}, mask, ss.locale)
    return {}


def auto_resize_dimensions(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                           ) -> dict[str, Any]:
    dims = req.get("dimensions") or {}
    _dimension_range(ss, {**dims, "endIndex": dims.get("endIndex", 10**6)}, i,
                     "autoResizeDimensions")
    return {}  # column widths are not modelled


def update_dimension_properties(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                                ) -> dict[str, Any]:
    if "range" in req:
        _dimension_range(ss, req["range"], i, "updateDimensionProperties")
    return {}  # pixel sizes / hidden dimensions are not modelled


def add_chart(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    chart = copy.deepcopy(req.get("chart") or {})
    if not chart.get("spec"):
        raise _bad(i, "addChart", "Chart spec must be specified.")
    position = chart.setdefault("position", {"newSheet": True})
    if position.get("newSheet"):
        reply = add_sheet(m, ss, {"properties": {"title": f"Chart{len(ss.sheets) + 1}"}}, i)
        sheet = ss.sheet_by_id(reply["addSheet"]["properties"]["sheetId"])
    else:
        sheet_id = position.get("sheetId", (position.get("overlayPosition", {})
                                            .get("anchorCell", {}).get("sheetId", 0)))
        sheet = _sheet(ss, sheet_id, i, "addChart")
    assert sheet is not None
    chart["chartId"] = int(chart.get("chartId") or m.ids.int31())
    sheet.charts.append(chart)
    return {"addChart": {"chart": copy.deepcopy(chart)}}


def set_basic_filter(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                     ) -> dict[str, Any]:
    flt = copy.deepcopy(req.get("filter") or {})
    gr = flt.get("range") or {}
    sheet = _sheet(ss, gr.get("sheetId"), i, "setBasicFilter")
    # Google answers the filter's range with every bound filled in (recorded traffic)
    r0, r1, c0, c1 = _grid_bounds(sheet, gr, i, "setBasicFilter")
    flt["range"] = {"sheetId": sheet.id, "startRowIndex": r0, "endRowIndex": r1,
                    "startColumnIndex": c0, "endColumnIndex": c1}
    sheet.basic_filter = flt
    return {}


def clear_basic_filter(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                       ) -> dict[str, Any]:
    _sheet(ss, req.get("sheetId"), i, "clearBasicFilter").basic_filter = None
    return {}


HANDLERS: dict[str, Callable[[SheetsModel, Spreadsheet, dict[str, Any], int], dict[str, Any]]] = {
    "addSheet": add_sheet, "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "setDataValidation": set_data_validation, "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "createDeveloperMetadata": create_developer_metadata,
    "deleteDeveloperMetadata": delete_developer_metadata,
    "updateDeveloperMetadata": update_developer_metadata,
    "insertDimension": insert_dimension_request, "deleteDimension": delete_dimension_request,
    "appendDimension": append_dimension, "sortRange": sort_range, "updateCells": update_cells,
    "repeatCell": repeat_cell, "autoResizeDimensions": auto_resize_dimensions,
    "updateDimensionProperties": update_dimension_properties, "addChart": add_chart,
    "setBasicFilter": set_basic_filter, "clearBasicFilter": clear_basic_filter,
    **sheets_merges.HANDLERS, **sheets_groups.HANDLERS, **sheets_format_requests.HANDLERS,
    **sheets_copy.HANDLERS,
}


def apply(m: SheetsModel, ss: Spreadsheet, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Apply the requests in order (the caller makes the whole batch atomic)."""
    replies = []
    for i, req in enumerate(requests):
        kinds = [k for k, v in req.items() if v is not None]
        if len(kinds) != 1:
            raise errors.InvalidArgument(f"Invalid requests[{i}]: No request set." if not kinds
                                         else f"Invalid requests[{i}]: oneof field 'kind' is "
                                              f"already set. Cannot set '{kinds[1]}'")
        handler = HANDLERS.get(kinds[0])
        if handler is None:
            raise errors.Unimplemented(f"fake_google does not implement the Sheets request "
                                       f"'{kinds[0]}' (requests[{i}]).")
        replies.append(handler(m, ss, req[kinds[0]] or {}, i))
    return replies
