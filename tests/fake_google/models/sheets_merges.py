"""batchUpdate: merged cells and named ranges.

Merges, as gspread's recorded real traffic shows them: ``MERGE_ROWS`` over a 2×2 range makes
two 1×2 merges and ``MERGE_COLUMNS`` two 2×1 merges, each kept in ``sheets[].merges`` as a
GridRange; a merge whose range covers existing merges replaces them, a merge that only
partly overlaps one is refused (400), and so is a merge across the edge of frozen rows or
columns (as the Sheets editor refuses it; the wording is the fake's). Only the top-left value of a merge is kept: the values
of the other cells are cleared (their formats stay). The replies are empty.

Named ranges live in ``namedRanges`` at the top of ``spreadsheets.get``; ``addNamedRange``
answers the range with its generated ``namedRangeId`` (a string of digits); an A1 range may
be a name (``values.get`` of ``NamedRange`` or ``'Sheet1'!NamedRange``).
"""
from __future__ import annotations

import copy
import re
from typing import Any

from ..a1 import parse_bounds
from ..fields import apply_mask
from . import sheets_cells as cells
from . import sheets_json as out_json
from .sheets import SheetsModel, Spreadsheet
from .sheets_ranges import (bad, bounded_range, contains, grid_bounds, intersects, sheet_of,
                            span, stored_range)

PARTIAL_MERGE = "You must select all cells in a merged range to merge or unmerge them."
_NAME_RE = re.compile(r"^[A-Za-z_\u0400-\u04FF][A-Za-z0-9_\u0400-\u04FF]*$")


def merge_cells(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    kind = "mergeCells"
    gr = req.get("range") or {}
    sheet = sheet_of(ss, gr.get("sheetId"), i, kind)
    r0, r1, c0, c1 = grid_bounds(sheet, gr, i, kind)
    for key, lo, hi, what in (("frozenRowCount", r0, r1, "rows"),
                              ("frozenColumnCount", c0, c1, "columns")):
        if lo < sheet.grid.get(key, 0) < hi:
            raise bad(i, kind, f"You can't merge frozen and non-frozen {what}.")
    merge_type = req.get("mergeType") or "MERGE_ALL"
    if merge_type == "MERGE_ROWS":
        pieces = [(r, r + 1, c0, c1) for r in range(r0, r1)]
    elif merge_type == "MERGE_COLUMNS":
        pieces = [(r0, r1, c, c + 1) for c in range(c0, c1)]
    else:
        pieces = [(r0, r1, c0, c1)]
    pieces = [p for p in pieces if (p[1] - p[0]) * (p[3] - p[2]) > 1]
    whole = (r0, r1, c0, c1)
    kept = []
    for merge in sheet.merges:
        old = span(merge, sheet)
        if contains(whole, old):
            continue  # replaced by the new merge(s)
        if intersects(whole, old):
            raise bad(i, kind, PARTIAL_MERGE)
        kept.append(merge)
    for a, b, c, d in pieces:
        for (r, col), cell in sheet.cells.items():
            if a <= r < b and c <= col < d and (r, col) != (a, c):
                cells.set_value(cell, None)
        kept.append(bounded_range(sheet, a, b, c, d))
    sheet.merges = kept
    return {}


def unmerge_cells(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                  ) -> dict[str, Any]:
    kind = "unmergeCells"
    gr = req.get("range") or {}
    sheet = sheet_of(ss, gr.get("sheetId"), i, kind)
    whole = grid_bounds(sheet, gr, i, kind)
    kept = []
    for merge in sheet.merges:
        old = span(merge, sheet)
        if contains(whole, old):
            continue
        if intersects(whole, old):
            raise bad(i, kind, PARTIAL_MERGE)
        kept.append(merge)
    sheet.merges = kept
    return {}


# ---- named ranges -------------------------------------------------------------------------
def _check_name(ss: Spreadsheet, name: Any, i: int, kind: str, own_id: str | None = None
                ) -> str:
    text = str(name or "")
    if not text:
        raise bad(i, kind, "Named range name must not be empty.")
    if not _NAME_RE.match(text) or parse_bounds(text) is not None or \
            text.lower() in ("true", "false") or len(text) > 250:
        raise bad(i, kind, f"Invalid name: {text}")
    for other in ss.named_ranges:
        if other["name"].lower() == text.lower() and other["namedRangeId"] != own_id:
            raise bad(i, kind, f"A named range with the name '{text}' already exists.")
    return text


def _named_grid(ss: Spreadsheet, gr: dict[str, Any], i: int, kind: str) -> dict[str, Any]:
    sheet = sheet_of(ss, gr.get("sheetId"), i, kind)
    grid_bounds(sheet, gr, i, kind)
    return stored_range(sheet, gr)


def add_named_range(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                    ) -> dict[str, Any]:
    kind = "addNamedRange"
    asked = req.get("namedRange") or {}
    range_id = str(asked.get("namedRangeId") or m.ids.int31())
    if any(nr["namedRangeId"] == range_id for nr in ss.named_ranges):
        raise bad(i, kind, f"A named range with the id '{range_id}' already exists.")
    named = {"namedRangeId": range_id, "name": _check_name(ss, asked.get("name"), i, kind),
             "range": _named_grid(ss, asked.get("range") or {}, i, kind)}
    ss.named_ranges.append(named)
    return {"addNamedRange": {"namedRange": out_json.named_range_out(named)}}


def _find_named(ss: Spreadsheet, range_id: Any, i: int, kind: str) -> dict[str, Any]:
    for named in ss.named_ranges:
        if named["namedRangeId"] == str(range_id):
            return named
    raise bad(i, kind, f"No named range with id {range_id}.")


def update_named_range(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                       ) -> dict[str, Any]:
    kind = "updateNamedRange"
    asked = req.get("namedRange") or {}
    if not req.get("fields"):
        raise bad(i, kind, "At least one field must be updated, but none were specified in "
                           "'fields'.")
    named = _find_named(ss, asked.get("namedRangeId"), i, kind)
    new = copy.deepcopy(named)
    apply_mask(new, asked, req["fields"])
    new["namedRangeId"] = named["namedRangeId"]
    new["name"] = _check_name(ss, new.get("name"), i, kind, own_id=named["namedRangeId"])
    new["range"] = _named_grid(ss, new.get("range") or {}, i, kind)
    named.clear()
    named.update(new)
    return {}


def delete_named_range(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                       ) -> dict[str, Any]:
    named = _find_named(ss, req.get("namedRangeId"), i, "deleteNamedRange")
    ss.named_ranges.remove(named)
    return {}


HANDLERS = {"mergeCells": merge_cells, "unmergeCells": unmerge_cells,
            "addNamedRange": add_named_range, "updateNamedRange": update_named_range,
            "deleteNamedRange": delete_named_range}
