"""batchUpdate: row and column groups (``addDimensionGroup``, ``deleteDimensionGroup``,
``updateDimensionGroup``), shown in ``sheets[].rowGroups`` / ``columnGroups``.

Google documents groups as depths: adding a group over a range deepens every row of it by
one, deleting one makes them one shallower, and the groups are then the runs of rows at each
depth ([C:D] + [B:E] → [B:E] depth 1 and [C:D] depth 2; deleting [D:E] from that → [B:D]
depth 1 and [C:C] depth 2). The fake keeps exactly that: a depth per index. Replies list all
groups of the dimension (``deleteDimensionGroup`` answers ``{}`` when none is left, as in
gspread's recorded traffic), and the first group of a sheet sets
``gridProperties.rowGroupControlAfter`` (``columnGroupControlAfter``) to true, as recorded.
"""
from __future__ import annotations

from typing import Any

from ..fields import apply_mask
from . import sheets_json as out_json
from .sheets import Sheet, SheetsModel, Spreadsheet
from .sheets_ranges import bad, sheet_of

MAX_DEPTH = 8


def _dimension_range(ss: Spreadsheet, dr: dict[str, Any], i: int, kind: str
                     ) -> tuple[Sheet, str, int, int]:
    sheet = sheet_of(ss, dr.get("sheetId"), i, kind)
    dimension = dr.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise bad(i, kind, "range.dimension must be ROWS or COLUMNS.")
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    start, end = int(dr.get("startIndex", 0)), int(dr.get("endIndex", limit))
    if not 0 <= start < end:
        raise bad(i, kind, "Invalid dimension range: start index must be less than end index.")
    if end > limit:
        raise bad(i, kind, f"range.endIndex [{end}] must be less than or equal to the grid "
                           f"size [{limit}].")
    return sheet, dimension, start, end


def groups_of(sheet: Sheet, dimension: str) -> list[dict[str, Any]]:
    return out_json.dimension_groups(sheet.group_depths(dimension), sheet.collapsed_groups,
                                     sheet.id, dimension)


def add_dimension_group(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                        ) -> dict[str, Any]:
    kind = "addDimensionGroup"
    sheet, dimension, start, end = _dimension_range(ss, req.get("range") or {}, i, kind)
    depths = sheet.group_depths(dimension)
    if any(depths.get(x, 0) >= MAX_DEPTH for x in range(start, end)):
        raise bad(i, kind, f"Groups cannot be nested more than {MAX_DEPTH} levels deep.")
    if not depths:
        flag = "rowGroupControlAfter" if dimension == "ROWS" else "columnGroupControlAfter"
        sheet.grid.setdefault(flag, True)
    for x in range(start, end):
        depths[x] = depths.get(x, 0) + 1
    return {"addDimensionGroup": {"dimensionGroups": groups_of(sheet, dimension)}}


def delete_dimension_group(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                           ) -> dict[str, Any]:
    kind = "deleteDimensionGroup"
    sheet, dimension, start, end = _dimension_range(ss, req.get("range") or {}, i, kind)
    depths = sheet.group_depths(dimension)
    if any(depths.get(x, 0) == 0 for x in range(start, end)):
        raise bad(i, kind, "The specified range is not grouped.")
    for x in range(start, end):
        depths[x] -= 1
        if not depths[x]:
            del depths[x]
    live = {(g["range"]["dimension"], g["depth"], g["range"]["startIndex"],
             g["range"]["endIndex"]) for g in groups_of(sheet, dimension)}
    sheet.collapsed_groups = {key for key in sheet.collapsed_groups
                              if key[0] != dimension or key in live}
    groups = groups_of(sheet, dimension)
    return {"deleteDimensionGroup": {"dimensionGroups": groups} if groups else {}}


def update_dimension_group(m: SheetsModel, ss: Spreadsheet, req: dict[str, Any], i: int
                           ) -> dict[str, Any]:
    kind = "updateDimensionGroup"
    if not req.get("fields"):
        raise bad(i, kind, "At least one field must be updated, but none were specified in "
                           "'fields'.")
    asked = req.get("dimensionGroup") or {}
    sheet, dimension, start, end = _dimension_range(ss, asked.get("range") or {}, i, kind)
    depth = int(asked.get("depth", 0))
    key = (dimension, depth, start, end)
    group = next((g for g in groups_of(sheet, dimension)
                  if (dimension, g["depth"], g["range"]["startIndex"], g["range"]["endIndex"])
                  == key), None)
    if group is None:
        raise bad(i, kind, f"No group of depth {depth} over the specified range.")
    apply_mask(group, asked, req["fields"])
    if group.get("collapsed"):
        sheet.collapsed_groups.add(key)
    else:
        sheet.collapsed_groups.discard(key)
    return {}


HANDLERS = {"addDimensionGroup": add_dimension_group,
            "deleteDimensionGroup": delete_dimension_group,
            "updateDimensionGroup": update_dimension_group}
