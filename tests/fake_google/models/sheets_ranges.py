"""Ranges inside batchUpdate requests: the sheet a request names, GridRange bounds, how a
stored range is shown, and how stored ranges follow rows or columns that are inserted or
deleted.

Moves follow Google's rule for merges and named ranges: rows inserted before a range move
it, rows inserted strictly inside it grow it, rows inserted right after it leave it; deleted
rows shrink it, and a range whose rows are all deleted disappears. The same rule is applied
to conditional-format ranges, banded ranges, protected ranges, the basic filter and
dimension groups.
"""
from __future__ import annotations

from typing import Any, Callable

from .. import errors
from ..a1 import index_to_col
from .sheets import Sheet, Spreadsheet


class RequestError(errors.InvalidArgument):
    pass


def bad(index: int, kind: str, message: str) -> RequestError:
    return RequestError(f"Invalid requests[{index}].{kind}: {message}")


def sheet_of(ss: Spreadsheet, sheet_id: Any, index: int, kind: str) -> Sheet:
    sheet = ss.sheet_by_id(int(sheet_id or 0))
    if sheet is None:
        raise bad(index, kind, f"No grid with id: {int(sheet_id or 0)}")
    return sheet


def grid_bounds(sheet: Sheet, gr: dict[str, Any], index: int, kind: str
                ) -> tuple[int, int, int, int]:
    """Half-open bounds of a GridRange, unbounded sides clipped to the grid."""
    r0 = int(gr.get("startRowIndex", 0))
    r1 = int(gr.get("endRowIndex", sheet.row_count))
    c0 = int(gr.get("startColumnIndex", 0))
    c1 = int(gr.get("endColumnIndex", sheet.col_count))
    if r0 < 0 or c0 < 0 or r1 < r0 or c1 < c0:
        raise bad(index, kind, "Invalid range: start index must be <= end index.")
    if r1 > sheet.row_count or c1 > sheet.col_count:
        raise bad(index, kind, f"Range ('{sheet.title}'!{index_to_col(c0)}{r0 + 1}:"
                               f"{index_to_col(max(c1 - 1, 0))}{r1}) exceeds grid limits. Max "
                               f"rows: {sheet.row_count}, max columns: {sheet.col_count}")
    return r0, r1, c0, c1


def stored_range(sheet: Sheet, gr: dict[str, Any]) -> dict[str, Any]:
    """A GridRange as the fake keeps it: integer indexes and the sheet's id."""
    out: dict[str, Any] = {"sheetId": sheet.id}
    for key in ("startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"):
        if gr.get(key) is not None:
            out[key] = int(gr[key])
    return out


def bounded_range(sheet: Sheet, r0: int, r1: int, c0: int, c1: int) -> dict[str, Any]:
    return {"sheetId": sheet.id, "startRowIndex": r0, "endRowIndex": r1,
            "startColumnIndex": c0, "endColumnIndex": c1}


def span(gr: dict[str, Any], sheet: Sheet) -> tuple[int, int, int, int]:
    return (gr.get("startRowIndex", 0), gr.get("endRowIndex", sheet.row_count),
            gr.get("startColumnIndex", 0), gr.get("endColumnIndex", sheet.col_count))


def intersects(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def contains(outer: tuple[int, int, int, int], inner: tuple[int, int, int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and outer[2] <= inner[2] \
        and inner[3] <= outer[3]


# ---- following inserted and deleted rows/columns ---------------------------------------
def index_mover(start: int, end: int, inserted: bool) -> Callable[[int, bool], int]:
    """How an index moves; ``is_end`` tells a range's end from its start."""
    n = end - start
    if inserted:
        def move(i: int, is_end: bool) -> int:
            return i + n if (i > start if is_end else i >= start) else i
    else:
        def move(i: int, is_end: bool) -> int:
            return i if i <= start else (start if i <= end else i - n)
    return move


def _move_grid(gr: dict[str, Any], dimension: str, move: Callable[[int, bool], int]) -> bool:
    """Move a GridRange in place; False when it lost all its rows (or columns)."""
    lo, hi = (("startRowIndex", "endRowIndex") if dimension == "ROWS"
              else ("startColumnIndex", "endColumnIndex"))
    if lo in gr:
        gr[lo] = move(gr[lo], False)
    if hi in gr:
        gr[hi] = move(gr[hi], True)
    return gr.get(hi, 1 << 30) > gr.get(lo, 0)


def follow_dimension_change(ss: Spreadsheet, sheet: Sheet, dimension: str, start: int,
                            end: int, inserted: bool) -> None:
    """Move every stored range of ``sheet`` after rows/columns [start, end) were inserted
    (``inserted``) or deleted."""
    move = index_mover(start, end, inserted)

    def moved(gr: dict[str, Any]) -> bool:
        return _move_grid(gr, dimension, move)

    sheet.merges = [m for m in sheet.merges if moved(m) and _cells(m) > 1]
    ss.named_ranges = [nr for nr in ss.named_ranges
                       if nr["range"].get("sheetId", 0) != sheet.id or moved(nr["range"])]
    rules = []
    for rule in sheet.conditional_formats:
        rule["ranges"] = [gr for gr in rule.get("ranges", []) if moved(gr)]
        if rule["ranges"]:
            rules.append(rule)
    sheet.conditional_formats = rules
    sheet.banded_ranges = [b for b in sheet.banded_ranges if moved(b["range"])]
    sheet.protected_ranges = [p for p in sheet.protected_ranges
                              if "range" not in p or moved(p["range"])]
    if sheet.basic_filter and sheet.basic_filter.get("range"):
        if not moved(sheet.basic_filter["range"]):
            sheet.basic_filter = None
    _follow_groups(sheet, dimension, start, end, inserted)


def _cells(gr: dict[str, Any]) -> int:
    rows = gr.get("endRowIndex", 2) - gr.get("startRowIndex", 0)
    cols = gr.get("endColumnIndex", 2) - gr.get("startColumnIndex", 0)
    return rows * cols


def _follow_groups(sheet: Sheet, dimension: str, start: int, end: int, inserted: bool) -> None:
    depths = sheet.group_depths(dimension)
    n = end - start
    if inserted:
        # new rows/columns belong to the groups that enclose both their neighbours
        inner = min(depths.get(start - 1, 0), depths.get(start, 0)) if start else 0
        moved = {(i + n if i >= start else i): d for i, d in depths.items()}
        for i in range(start, end):
            if inner:
                moved[i] = inner
    else:
        moved = {(i - n if i >= end else i): d for i, d in depths.items()
                 if not start <= i < end}
    depths.clear()
    depths.update(moved)
    move = index_mover(start, end, inserted)
    sheet.collapsed_groups = {
        (dim, depth, move(a, False), move(b, True)) if dim == dimension else (dim, depth, a, b)
        for dim, depth, a, b in sheet.collapsed_groups}
