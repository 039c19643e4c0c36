"""batchUpdate: conditional formatting, alternating colours (banding) and borders.

* Conditional-format rules are an ordered list per sheet (``sheets[].conditionalFormats``):
  ``addConditionalFormatRule`` inserts at ``index`` (default 0, the proto default), the update
  replaces a rule or moves it (``newIndex``) and answers old and new rule and index, the delete
  answers the removed rule. The rule's sheet is that of its first range.
* Banded ranges (``sheets[].bandedRanges``) get a generated ``bandedRangeId``; a range already
  banded cannot be banded again.
* ``updateBorders`` writes ``userEnteredFormat.borders`` of the cells it touches (the fake has
  no ``effectiveFormat``): the outer borders on the edge cells, the inner ones on both cells
  they separate; a border with style ``NONE`` removes it, a side not given stays as it was.
"""
from __future__ import annotations

import copy
from typing import Any

from ..fields import apply_mask
from . import sheets_json as out_json
from .sheets import Sheet, SheetsModel, Spreadsheet
from .sheets_ranges import (bad, grid_bounds, intersects, sheet_of, span, stored_range)

_WIDTH = {"DOTTED": 1, "DASHED": 1, "SOLID": 1, "SOLID_MEDIUM": 2, "SOLID_THICK": 3,
          "DOUBLE": 3}


# ---- conditional formats ------------------------------------------------------------------
def _rule(ss: Spreadsheet, rule: dict[str, Any] | None, i: int, kind: str
          ) -> tuple[Sheet, dict[str, Any]]:
    rule = copy.deepcopy(rule or {})
    ranges = rule.get("ranges") or []
    if not ranges:
        raise bad(i, kind, "A conditional format rule must have at least one range.")
    if ("booleanRule" in rule) == ("gradientRule" in rule):
        raise bad(i, kind, "A conditional format rule must have exactly one of booleanRule "
                           "or gradientRule.")
    if "booleanRule" in rule and not (rule["booleanRule"].get("condition") or {}).get("type"):
        raise bad(i, kind, "Invalid ConditionType: CONDITION_TYPE_UNSPECIFIED")
    sheet = sheet_of(ss, ranges[0].get("sheetId"), i, kind)
    stored = []
    for gr in ranges:
        if int(gr.get("sheetId") or 0) != sheet.id:
            raise bad(i, kind, "All ranges of a conditional format rule must be on the same "
                               "sheet.")
        grid_bounds(sheet, gr, i, kind)
        stored.append(stored_range(sheet, gr))
    rule["ranges"] = stored
    return sheet, rule


def _rule_index(sheet: Sheet, index: Any, i: int, kind: str) -> int:
    n = int(index or 0)
    if not 0 <= n < len(sheet.conditional_formats):
        raise bad(i, kind, f"No conditional format on sheet {sheet.id} at index {n}")
    return n


def add_conditional_format_rule(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                                ) -> dict[str, Any]:
    sheet, rule = _rule(ss, req.get("rule"), i, "addConditionalFormatRule")
    index = int(req.get("index") or 0)
    sheet.conditional_formats.insert(min(max(index, 0), len(sheet.conditional_formats)), rule)
    return {}


def update_conditional_format_rule(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                                   ) -> dict[str, Any]:
    kind = "updateConditionalFormatRule"
    if "rule" in req:
        sheet, rule = _rule(ss, req["rule"], i, kind)
        index = _rule_index(sheet, req.get("index"), i, kind)
        old = sheet.conditional_formats[index]
        sheet.conditional_formats[index] = rule
        reply = {"newRule": out_json.conditional_rule_out(rule), "newIndex": index,
                 "oldRule": out_json.conditional_rule_out(old), "oldIndex": index}
    elif "newIndex" in req:
        sheet = sheet_of(ss, req.get("sheetId"), i, kind)
        index = _rule_index(sheet, req.get("index"), i, kind)
        new_index = _rule_index(sheet, req["newIndex"], i, kind)
        rule = sheet.conditional_formats.pop(index)
        sheet.conditional_formats.insert(new_index, rule)
        reply = {"newRule": out_json.conditional_rule_out(rule), "newIndex": new_index,
                 "oldIndex": index}
    else:
        raise bad(i, kind, "Either rule or newIndex must be set.")
    return {kind: {k: v for k, v in reply.items() if v != 0}}


def delete_conditional_format_rule(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                                   ) -> dict[str, Any]:
    kind = "deleteConditionalFormatRule"
    sheet = sheet_of(ss, req.get("sheetId"), i, kind)
    rule = sheet.conditional_formats.pop(_rule_index(sheet, req.get("index"), i, kind))
    return {kind: {"rule": out_json.conditional_rule_out(rule)}}


# ---- banding ------------------------------------------------------------------------------
def _banded(ss: Spreadsheet, banded: dict[str, Any], i: int, kind: str, own_id: int | None
            ) -> tuple[Sheet, dict[str, Any]]:
    gr = banded.get("range") or {}
    sheet = sheet_of(ss, gr.get("sheetId"), i, kind)
    grid_bounds(sheet, gr, i, kind)
    if not banded.get("rowProperties") and not banded.get("columnProperties"):
        raise bad(i, kind, "A banded range must have rowProperties or columnProperties.")
    banded["range"] = stored_range(sheet, gr)
    mine = span(banded["range"], sheet)
    for s in ss.sheets:
        for other in s.banded_ranges:
            if other["bandedRangeId"] != own_id and s is sheet and \
                    intersects(mine, span(other["range"], sheet)):
                raise bad(i, kind, "You cannot add alternating colors to a range that already "
                                   "has alternating colors.")
    return sheet, banded


def add_banding(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int) -> dict[str, Any]:
    kind = "addBanding"
    banded = copy.deepcopy(req.get("bandedRange") or {})
    if banded.get("bandedRangeId") is not None:
        banded["bandedRangeId"] = int(banded["bandedRangeId"])
        if any(b["bandedRangeId"] == banded["bandedRangeId"]
               for s in ss.sheets for b in s.banded_ranges):
            raise bad(i, kind, f"Banded range with id {banded['bandedRangeId']} already exists.")
    else:
        banded["bandedRangeId"] = m.ids.int31()
    sheet, banded = _banded(ss, banded, i, kind, None)
    banded = {"bandedRangeId": banded.pop("bandedRangeId"), **banded}
    sheet.banded_ranges.append(banded)
    return {kind: {"bandedRange": out_json.banded_range_out(banded)}}


def _find_banded(ss: Spreadsheet, banded_id: Any, i: int, kind: str
                 ) -> tuple[Sheet, dict[str, Any]]:
    for sheet in ss.sheets:
        for banded in sheet.banded_ranges:
            if banded["bandedRangeId"] == int(banded_id or 0):
                return sheet, banded
    raise bad(i, kind, f"No banded range with id: {int(banded_id or 0)}")


def update_banding(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                   ) -> dict[str, Any]:
    kind = "updateBanding"
    if not req.get("fields"):
        raise bad(i, kind, "At least one field must be updated, but none were specified in "
                           "'fields'.")
    asked = req.get("bandedRange") or {}
    sheet, banded = _find_banded(ss, asked.get("bandedRangeId"), i, kind)
    new = copy.deepcopy(banded)
    apply_mask(new, asked, req["fields"])
    new["bandedRangeId"] = banded["bandedRangeId"]
    new_sheet, new = _banded(ss, new, i, kind, banded["bandedRangeId"])
    sheet.banded_ranges.remove(banded)
    new_sheet.banded_ranges.append(new)
    return {}


def delete_banding(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                   ) -> dict[str, Any]:
    sheet, banded = _find_banded(ss, req.get("bandedRangeId"), i, "deleteBanding")
    sheet.banded_ranges.remove(banded)
    return {}


# ---- borders ------------------------------------------------------------------------------
def _border(asked: dict[str, Any]) -> dict[str, Any] | None:
    style = asked.get("style") or "SOLID"
    if style == "NONE":
        return None
    out = {"style": style, "width": int(asked.get("width") or _WIDTH.get(style, 1))}
    for key in ("color", "colorStyle"):
        if key in asked:
            out[key] = copy.deepcopy(asked[key])
    return out


def update_borders(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                   ) -> dict[str, Any]:
    kind = "updateBorders"
    gr = req.get("range") or {}
    sheet = sheet_of(ss, gr.get("sheetId"), i, kind)
    r0, r1, c0, c1 = grid_bounds(sheet, gr, i, kind)

    def put(r: int, c: int, side: str, asked: dict[str, Any]) -> None:
        border = _border(asked)
        if border is None:
            cell = sheet.cells.get((r, c))
            borders = ((cell or {}).get("userEnteredFormat") or {}).get("borders")
            if borders is not None:
                borders.pop(side, None)
                if not borders:
                    cell["userEnteredFormat"].pop("borders")
                if not cell["userEnteredFormat"]:
                    cell.pop("userEnteredFormat")
            return
        fmt = sheet.cell(r, c).setdefault("userEnteredFormat", {})
        fmt.setdefault("borders", {})[side] = border

    for r in range(r0, r1):
        for c in range(c0, c1):
            if "top" in req and r == r0:
                put(r, c, "top", req["top"])
            if "bottom" in req and r == r1 - 1:
                put(r, c, "bottom", req["bottom"])
            if "left" in req and c == c0:
                put(r, c, "left", req["left"])
            if "right" in req and c == c1 - 1:
                put(r, c, "right", req["right"])
            if "innerHorizontal" in req:
                if r > r0:
                    put(r, c, "top", req["innerHorizontal"])
                if r < r1 - 1:
                    put(r, c, "bottom", req["innerHorizontal"])
            if "innerVertical" in req:
                if c > c0:
                    put(r, c, "left", req["innerVertical"])
                if c < c1 - 1:
                    put(r, c, "right", req["innerVertical"])
    return {}


HANDLERS = {"addConditionalFormatRule": add_conditional_format_rule,
            "updateConditionalFormatRule": update_conditional_format_rule,
            "deleteConditionalFormatRule": delete_conditional_format_rule,
            "addBanding": add_banding, "updateBanding": update_banding,
            "deleteBanding": delete_banding, "updateBorders": update_borders}
