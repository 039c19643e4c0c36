"""batchUpdate: find and replace, duplicating a sheet, copy-paste and cut-paste.

* ``findReplace`` searches the cells of ``range``, ``sheetId`` or ``allSheets`` (exactly one)
  row by row: strings in their text, numbers and booleans in their formatted text (a number
  that stays a number after the replacement is stored as one), formulas only with
  ``includeFormulas`` (their text; other cells of formulas are skipped). ``searchByRegex``
  uses Java-style ``$1`` group references. The reply counts ``valuesChanged``,
  ``formulasChanged``, ``rowsChanged``, ``sheetsChanged`` and ``occurrencesChanged``; zeros
  are omitted, as Google omits them.
* ``duplicateSheet`` copies the sheet's properties, cells (values, formats, validation,
  notes), merges, conditional formats, banding (new ids), protected ranges (new ids), basic
  filter, charts (new ids) and dimension groups; named ranges and developer metadata stay
  with the source. Without ``newSheetName`` the copy is «Copy of <title>»; without
  ``insertSheetIndex`` it goes to index 0 (the proto default).
* ``copyPaste`` repeats the source over a destination that is a multiple of its size (and
  pastes it once, beyond the destination, when the destination is smaller); ``cutPaste``
  moves the source to a cell and clears it. Merges wholly inside the source come along with
  a normal or format paste (and replace merges the pasted block covers). Formula text is
  pasted as is (the fake has no cell references to shift).
"""
from __future__ import annotations

import copy
import re
from typing import Any

from . import sheets_cells as cells
from . import sheets_json as out_json
from .sheets import Sheet, SheetsModel, Spreadsheet
from .sheets_ranges import (bad, bounded_range, contains, grid_bounds, intersects, sheet_of,
                            span)

_FORMAT_KEYS = ("userEnteredFormat", "dataValidation")
_VALUE_KEYS = ("userEnteredValue", "effectiveValue")
_MERGING = ("PASTE_NORMAL", "PASTE_NO_BORDERS", "PASTE_FORMAT")  # paste types that carry merges


# ---- findReplace --------------------------------------------------------------------------
def _pattern(req: dict[str, Any], i: int) -> re.Pattern[str]:
    find = req.get("find")
    if not find:
        raise bad(i, "findReplace", "find must not be empty.")
    text = find if req.get("searchByRegex") else re.escape(find)
    if req.get("matchEntireCell"):
        text = f"^(?:{text})$"
    try:
        return re.compile(text, 0 if req.get("matchCase") else re.IGNORECASE)
    except re.error:
        raise bad(i, "findReplace", f"Invalid regular expression: {find}") from None


def _java_replacement(replacement: str, regex: bool) -> str:
    if not regex:
        return replacement.replace("\\", "\\\\")
    out, k = [], 0
    while k < len(replacement):
        ch = replacement[k]
        if ch == "\\" and k + 1 < len(replacement):
            out.append(re.escape(replacement[k + 1]) if replacement[k + 1] != "\\" else "\\\\")
            k += 2
        elif ch == "$" and k + 1 < len(replacement) and replacement[k + 1].isdigit():
            out.append(f"\\g<{replacement[k + 1]}>")
            k += 2
        else:
            out.append("\\\\" if ch == "\\" else ch)
            k += 1
    return "".join(out)


def find_replace(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                 ) -> dict[str, Any]:
    kind = "findReplace"
    scopes = [k for k in ("range", "sheetId", "allSheets") if req.get(k) is not None]
    if len(scopes) != 1 or (scopes == ["allSheets"] and not req["allSheets"]):
        raise bad(i, kind, "Exactly one of range, sheetId or allSheets must be set.")
    if "range" in scopes:
        sheet = sheet_of(ss, req["range"].get("sheetId"), i, kind)
        areas = [(sheet, grid_bounds(sheet, req["range"], i, kind))]
    elif "sheetId" in scopes:
        sheet = sheet_of(ss, req["sheetId"], i, kind)
        areas = [(sheet, (0, sheet.row_count, 0, sheet.col_count))]
    else:
        areas = [(s, (0, s.row_count, 0, s.col_count)) for s in ss.sheets]
    pattern = _pattern(req, i)
    replacement = _java_replacement(req.get("replacement") or "", bool(req.get("searchByRegex")))
    counts = {"valuesChanged": 0, "formulasChanged": 0, "rowsChanged": 0, "sheetsChanged": 0,
              "occurrencesChanged": 0}
    for sheet, (r0, r1, c0, c1) in areas:
        rows = set()
        for (r, c) in sorted(sheet.cells):
            cell = sheet.cells[(r, c)]
            if not (r0 <= r < r1 and c0 <= c < c1) or cells.cell_is_empty(cell):
                continue
            if _replace_in_cell(cell, pattern, replacement, bool(req.get("includeFormulas")),
                                ss.locale, counts):
                rows.add(r)
        counts["rowsChanged"] += len(rows)
        counts["sheetsChanged"] += bool(rows)
    return {kind: {k: v for k, v in counts.items() if v}}


def _replace_in_cell(cell: cells.Cell, pattern: re.Pattern[str], replacement: str,
                     include_formulas: bool, locale: str, counts: dict[str, int]) -> bool:
    value = cell["userEnteredValue"]
    if "formulaValue" in value:
        if not include_formulas:
            return False
        new, n = pattern.subn(replacement, value["formulaValue"])
        if not n or new == value["formulaValue"]:
            return False
        cells.set_value(cell, {"formulaValue": new} if new.startswith("=") and len(new) > 1
                        else cells.value_from_user_entered(new, locale)[0])
        counts["formulasChanged"] += 1
    else:
        text = value["stringValue"] if "stringValue" in value else cells.formatted(cell, locale)
        new, n = pattern.subn(replacement, text or "")
        if not n or new == text:
            return False
        if "stringValue" in value:
            cells.set_value(cell, {"stringValue": new} if new else None)
        else:
            typed, number_format = cells.value_from_user_entered(new, locale)
            cells.set_value(cell, typed, number_format)
        counts["valuesChanged"] += 1
    counts["occurrencesChanged"] += n
    return True


# ---- duplicateSheet -----------------------------------------------------------------------
def duplicate_sheet(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                    ) -> dict[str, Any]:
    kind = "duplicateSheet"
    source = sheet_of(ss, req.get("sourceSheetId"), i, kind)
    new_id = req.get("newSheetId")
    if new_id is not None:
        new_id = int(new_id)
        if new_id < 0 or ss.sheet_by_id(new_id):
            raise bad(i, kind, f"Sheet with id {new_id} already exists." if new_id >= 0
                      else "newSheetId must be non-negative.")
    else:
        new_id = m.ids.int31()
    title = req.get("newSheetName") or f"Copy of {source.title}"
    if ss.sheet_by_title(title):
        raise bad(i, kind, f'A sheet with the name "{title}" already exists. Please enter '
                           "another name.")
    clone: Sheet = copy.deepcopy(source)
    clone.properties.update(sheetId=new_id, title=title)
    for gr in _ranges_of(clone):
        gr["sheetId"] = new_id
    for banded in clone.banded_ranges:
        banded["bandedRangeId"] = m.ids.int31()
    for pr in clone.protected_ranges:
        pr["protectedRangeId"] = m.ids.int31()
    for chart in clone.charts:
        chart["chartId"] = m.ids.int31()
    index = int(req.get("insertSheetIndex") or 0)
    ss.sheets.insert(min(max(index, 0), len(ss.sheets)), clone)
    ss.reindex()
    return {kind: {"properties": out_json.sheet_properties_out(clone.properties)}}


def _ranges_of(sheet: Sheet) -> list[dict[str, Any]]:
    found = list(sheet.merges)
    found += [gr for rule in sheet.conditional_formats for gr in rule.get("ranges", [])]
    found += [b["range"] for b in sheet.banded_ranges]
    found += [p["range"] for p in sheet.protected_ranges if "range" in p]
    if sheet.basic_filter and sheet.basic_filter.get("range"):
        found.append(sheet.basic_filter["range"])
    return found


# ---- copyPaste / cutPaste -----------------------------------------------------------------
def _pasted(cell: cells.Cell | None, paste_type: str, locale: str) -> tuple[dict, tuple]:
    """The parts of a source cell a paste type carries, and the keys it overwrites."""
    cell = cell or {}
    if paste_type == "PASTE_VALUES":
        value = cell.get("effectiveValue")
        return ({"userEnteredValue": dict(value)} if value and "errorValue" not in value
                else {}), _VALUE_KEYS
    if paste_type == "PASTE_FORMULA":
        return {k: copy.deepcopy(cell[k]) for k in _VALUE_KEYS if k in cell}, _VALUE_KEYS
    if paste_type == "PASTE_FORMAT":
        return {k: copy.deepcopy(cell[k]) for k in _FORMAT_KEYS if k in cell}, _FORMAT_KEYS
    if paste_type == "PASTE_DATA_VALIDATION":
        return ({"dataValidation": copy.deepcopy(cell["dataValidation"])}
                if "dataValidation" in cell else {}), ("dataValidation",)
    if paste_type == "PASTE_CONDITIONAL_FORMATTING":
        return {}, ()
    data = copy.deepcopy(cell)
    if paste_type == "PASTE_NO_BORDERS":
        (data.get("userEnteredFormat") or {}).pop("borders", None)
    return data, tuple(set(data) | set(_VALUE_KEYS) | set(_FORMAT_KEYS) | {"note"})


def _paste_block(sheet: Sheet, r: int, c: int, block: list[list[cells.Cell | None]],
                 paste_type: str, locale: str) -> None:
    for dr, row in enumerate(block):
        for dc, source in enumerate(row):
            data, keys = _pasted(source, paste_type, locale)
            if not keys:
                continue
            target = sheet.cell(r + dr, c + dc)
            for key in keys:
                target.pop(key, None)
            user_value = data.pop("userEnteredValue", None)
            data.pop("effectiveValue", None)
            target.update(data)
            if user_value:
                cells.set_value(target, user_value)


def copy_paste(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    kind = "copyPaste"
    src = req.get("source") or {}
    src_sheet = sheet_of(ss, src.get("sheetId"), i, kind)
    r0, r1, c0, c1 = grid_bounds(src_sheet, src, i, kind)
    block = [[copy.deepcopy(src_sheet.cells.get((r, c))) for c in range(c0, c1)]
             for r in range(r0, r1)]
    if req.get("pasteOrientation") == "TRANSPOSE":
        block = [list(col) for col in zip(*block)]
    dst = req.get("destination") or {}
    dst_sheet = sheet_of(ss, dst.get("sheetId"), i, kind)
    d0, d1, e0, e1 = grid_bounds(dst_sheet, dst, i, kind)
    height, width = len(block), len(block[0]) if block else 0
    rows_rep = max((d1 - d0) // height, 1) if height else 1
    cols_rep = max((e1 - e0) // width, 1) if width else 1
    if d0 + height * rows_rep > dst_sheet.row_count or \
            e0 + width * cols_rep > dst_sheet.col_count:
        raise bad(i, kind, "The paste would go beyond the grid limits.")
    paste_type = req.get("pasteType") or "PASTE_NORMAL"
    merges = _merges_inside(src_sheet, (r0, r1, c0, c1))
    if req.get("pasteOrientation") == "TRANSPOSE":
        merges = [(c_a, c_b, r_a, r_b) for r_a, r_b, c_a, c_b in merges]
    for a in range(rows_rep):
        for b in range(cols_rep):
            _paste_block(dst_sheet, d0 + a * height, e0 + b * width, block, paste_type,
                         ss.locale)
            if paste_type in _MERGING:
                _paste_merges(dst_sheet, d0 + a * height, e0 + b * width, height, width, merges)
    return {}


def _merges_inside(sheet: Sheet, area: tuple[int, int, int, int]
                   ) -> list[tuple[int, int, int, int]]:
    """The merges wholly inside ``area``, relative to its top-left corner."""
    r0, _, c0, _ = area
    return [(a - r0, b - r0, c - c0, d - c0) for a, b, c, d in
            (span(gr, sheet) for gr in sheet.merges) if contains(area, (a, b, c, d))]


def _paste_merges(sheet: Sheet, r: int, c: int, height: int, width: int,
                  merges: list[tuple[int, int, int, int]]) -> None:
    """Merges come with a normal or format paste: those the pasted block covers go."""
    area = (r, r + height, c, c + width)
    sheet.merges = [gr for gr in sheet.merges if not intersects(area, span(gr, sheet))]
    sheet.merges += [bounded_range(sheet, r + a, r + b, c + cc, c + d)
                     for a, b, cc, d in merges]


def cut_paste(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    kind = "cutPaste"
    src = req.get("source") or {}
    src_sheet = sheet_of(ss, src.get("sheetId"), i, kind)
    r0, r1, c0, c1 = grid_bounds(src_sheet, src, i, kind)
    dst = req.get("destination") or {}
    dst_sheet = sheet_of(ss, dst.get("sheetId"), i, kind)
    d0, e0 = int(dst.get("rowIndex", 0)), int(dst.get("columnIndex", 0))
    if d0 + (r1 - r0) > dst_sheet.row_count or e0 + (c1 - c0) > dst_sheet.col_count:
        raise bad(i, kind, "The paste would go beyond the grid limits.")
    paste_type = req.get("pasteType") or "PASTE_NORMAL"
    merges = _merges_inside(src_sheet, (r0, r1, c0, c1))
    if paste_type in _MERGING:
        src_sheet.merges = [gr for gr in src_sheet.merges
                            if not contains((r0, r1, c0, c1), span(gr, src_sheet))]
    block = [[src_sheet.cells.pop((r, c), None) for c in range(c0, c1)] for r in range(r0, r1)]
    _paste_block(dst_sheet, d0, e0, block, paste_type, ss.locale)
    if paste_type in _MERGING:
        _paste_merges(dst_sheet, d0, e0, r1 - r0, c1 - c0, merges)
    return {}


HANDLERS = {"findReplace": find_replace, "duplicateSheet": duplicate_sheet,
            "copyPaste": copy_paste, "cutPaste": cut_paste}
