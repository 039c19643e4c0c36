"""spreadsheets.create with a decorated body: besides each sheet's ``properties`` and cell
values, Google's Spreadsheet resource carries merges, conditional formats, banding,
protected ranges, a basic filter, row/column groups, cell formats, notes and validation per
sheet, and named ranges at the top. The fake applies them as the batchUpdate requests that
make the same state (so the same rules hold), on the sheet they are listed under. A
decoration Google would refuse refuses the whole create (no file is left behind), its error
naming the body's field (``sheets[0].merges[1]``) instead of a request.
"""
from __future__ import annotations

import copy
import re
from typing import Any

from .. import errors
from . import sheets_requests
from .sheets import SheetsModel, Spreadsheet

_REQUEST_PREFIX = re.compile(r"^Invalid requests\[(\d+)\]\.\w+: ")


def create_spreadsheet(m: SheetsModel, email: str, body: dict[str, Any]) -> Spreadsheet:
    """spreadsheets.create: the new spreadsheet with everything its body describes."""
    ss = m.create(email, body)
    labelled = _decorations(ss, body)
    if not labelled:
        return ss
    try:
        with m.atomic(ss):
            sheets_requests.apply(m, ss, [request for _, request in labelled])
    except errors.InvalidArgument as error:
        m.drive.delete(email, ss.id, supports_all_drives=True)
        found = _REQUEST_PREFIX.match(error.message)
        if not found:
            raise
        label = labelled[int(found.group(1))][0]
        raise errors.InvalidArgument(f"Invalid {label}: {error.message[found.end():]}") \
            from None
    return ss


def _with_sheet(gr: dict[str, Any] | None, sheet_id: int) -> dict[str, Any]:
    return {**copy.deepcopy(gr or {}), "sheetId": sheet_id}


def _decorations(ss: Spreadsheet, body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(label, request) pairs in the order they apply."""
    out: list[tuple[str, dict[str, Any]]] = []
    for i, sheet_body in enumerate(body.get("sheets") or []):
        sid = ss.sheets[i].id
        where = f"sheets[{i}]"
        for j, block in enumerate(sheet_body.get("data") or []):
            rows = [{"values": [{k: v for k, v in cell.items()
                                 if k in ("userEnteredFormat", "note", "dataValidation")}
                                for cell in row.get("values") or []]}
                    for row in block.get("rowData") or []]
            if any(cell for row in rows for cell in row["values"]):
                out.append((f"{where}.data[{j}]", {"updateCells": {
                    "start": {"sheetId": sid, "rowIndex": block.get("startRow", 0),
                              "columnIndex": block.get("startColumn", 0)},
                    "rows": rows, "fields": "userEnteredFormat,note,dataValidation"}}))
        for j, gr in enumerate(sheet_body.get("merges") or []):
            out.append((f"{where}.merges[{j}]", {"mergeCells": {
                "range": _with_sheet(gr, sid), "mergeType": "MERGE_ALL"}}))
        for j, rule in enumerate(sheet_body.get("conditionalFormats") or []):
            rule = {**copy.deepcopy(rule),
                    "ranges": [_with_sheet(gr, sid) for gr in rule.get("ranges") or []]}
            out.append((f"{where}.conditionalFormats[{j}]",
                         {"addConditionalFormatRule": {"rule": rule, "index": j}}))
        for j, banded in enumerate(sheet_body.get("bandedRanges") or []):
            banded = {**copy.deepcopy(banded), "range": _with_sheet(banded.get("range"), sid)}
            out.append((f"{where}.bandedRanges[{j}]", {"addBanding": {"bandedRange": banded}}))
        for j, protected in enumerate(sheet_body.get("protectedRanges") or []):
            protected = {k: copy.deepcopy(v) for k, v in protected.items()
                         if k not in ("protectedRangeId", "requestingUserCanEdit")}
            protected["range"] = _with_sheet(protected.get("range"), sid)
            out.append((f"{where}.protectedRanges[{j}]",
                         {"addProtectedRange": {"protectedRange": protected}}))
        if sheet_body.get("basicFilter"):
            flt = copy.deepcopy(sheet_body["basicFilter"])
            flt["range"] = _with_sheet(flt.get("range"), sid)
            out.append((f"{where}.basicFilter", {"setBasicFilter": {"filter": flt}}))
        for key in ("rowGroups", "columnGroups"):
            groups = sorted(sheet_body.get(key) or [], key=lambda g: g.get("depth", 1))
            for j, group in enumerate(groups):
                dr = _with_sheet(group.get("range"), sid)
                out.append((f"{where}.{key}[{j}]", {"addDimensionGroup": {"range": dr}}))
            for j, group in enumerate(groups):
                if group.get("collapsed"):
                    out.append((f"{where}.{key}[{j}]", {"updateDimensionGroup": {
                        "dimensionGroup": {**copy.deepcopy(group),
                                           "range": _with_sheet(group.get("range"), sid)},
                        "fields": "collapsed"}}))
    for j, named in enumerate(body.get("namedRanges") or []):
        named = copy.deepcopy(named)
        named["range"] = _with_sheet(named.get("range"),
                                     int((named.get("range") or {}).get("sheetId") or 0))
        out.append((f"namedRanges[{j}]", {"addNamedRange": {"namedRange": named}}))
    return out
