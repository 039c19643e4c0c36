"""Sheets v4 routes: ``/v4/spreadsheets...`` as gspread and googleapiclient send them."""
from __future__ import annotations

import re
from typing import Any

from .. import errors
from ..models import sheets_create, sheets_requests
from . import Call, Reply, route


def _model(call: Call):
    return call.state.sheets


def _value_input(call: Call, where: Any = None) -> str:
    option = where if where is not None else call.query.get("valueInputOption")
    if not option or option == "INPUT_VALUE_OPTION_UNSPECIFIED":
        raise errors.InvalidArgument("'valueInputOption' is required but not specified")
    return option


def create(call: Call) -> Reply:
    m = _model(call)
    ss = sheets_create.create_spreadsheet(m, call.identity, call.body or {})
    return Reply(m.spreadsheet_json(ss))


def get(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity)
    # "includeGridData is ignored if a field mask was set": the mask says whether data comes
    fields = call.query.get("fields")
    grid = bool(re.search(r"\bdata\b", fields)) if fields else call.flag("includeGridData")
    return Reply(m.spreadsheet_json(ss, call.query.get("ranges"), grid))


def batch_update(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity, write=True)
    body = call.body or {}
    with m.atomic(ss):
        replies = sheets_requests.apply(m, ss, body.get("requests") or [])
    out: dict[str, Any] = {"spreadsheetId": ss.id, "replies": replies}
    if body.get("includeSpreadsheetInResponse"):
        out["updatedSpreadsheet"] = m.spreadsheet_json(
            ss, body.get("responseRanges"), bool(body.get("responseIncludeGridData")))
    return Reply(out)


def _read_options(call: Call, source: dict[str, Any] | None = None) -> dict[str, str]:
    q = source if source is not None else call.query
    return {"major": q.get("majorDimension") or "ROWS",
            "render": q.get("valueRenderOption") or "FORMATTED_VALUE",
            "date_render": q.get("dateTimeRenderOption") or "SERIAL_NUMBER"}


def values_get(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity)
    return Reply(m.read(ss, m.resolve(ss, call.path["range"]), **_read_options(call)))


def values_batch_get(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity)
    ranges = call.query.get("ranges") or []
    targets = [m.resolve(ss, r) for r in ranges]
    out: dict[str, Any] = {"spreadsheetId": ss.id}
    if targets:
        out["valueRanges"] = [m.read(ss, t, **_read_options(call)) for t in targets]
    return Reply(out)


def _updated_data(call: Call, ss, result: dict[str, Any], include: Any, source=None) -> None:
    if include and "updatedRange" in result:
        m = _model(call)
        q = source if source is not None else call.query
        opts = {"major": "ROWS", "render": q.get("responseValueRenderOption") or
                "FORMATTED_VALUE", "date_render": q.get("responseDateTimeRenderOption") or
                "SERIAL_NUMBER"}
        result["updatedData"] = m.read(ss, m.resolve(ss, result["updatedRange"]), **opts)


def values_update(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity, write=True)
    body = call.body or {}
    option = _value_input(call)
    target = m.resolve(ss, call.path["range"])
    other = m.resolve(ss, body["range"]) if body.get("range") else target
    if other.sheet is not target.sheet or other.clipped() != target.clipped():
        raise errors.InvalidArgument(
            f"Requested entity range [{call.path['range']}] does not match the range in the "
            f"request body [{body['range']}].")
    with m.atomic_values(ss) as undo:
        result = m.write(ss, target, body.get("values") or [], body.get("majorDimension")
                         or "ROWS", option, undo=undo)
    _updated_data(call, ss, result, call.query.get("includeValuesInResponse"))
    return Reply(result)


def values_append(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity, write=True)
    body = call.body or {}
    option = _value_input(call)
    with m.atomic(ss):
        result = m.append(ss, m.resolve(ss, call.path["range"]), body.get("values") or [],
                          body.get("majorDimension") or "ROWS", option,
                          call.query.get("insertDataOption") or "OVERWRITE")
    _updated_data(call, ss, result["updates"], call.query.get("includeValuesInResponse"))
    return Reply(result)


def values_clear(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity, write=True)
    with m.atomic_values(ss) as undo:
        cleared = m.clear(ss, m.resolve(ss, call.path["range"]), undo)
    return Reply({"spreadsheetId": ss.id, "clearedRange": cleared})


def values_batch_update(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity, write=True)
    body = call.body or {}
    option = _value_input(call, body.get("valueInputOption") or "")
    responses = []
    touched: set[tuple[int, int, int]] = set()  # (sheetId, row, column) given a value
    with m.atomic_values(ss) as undo:
        for item in body.get("data") or []:
            target = m.resolve(ss, item.get("range") or "")
            responses.append(m.write(ss, target, item.get("values") or [],
                                     item.get("majorDimension") or "ROWS", option,
                                     touched=touched, undo=undo))
    for result in responses:
        _updated_data(call, ss, result, body.get("includeValuesInResponse"), body)
    out: dict[str, Any] = {"spreadsheetId": ss.id}
    if responses:
        if touched:  # distinct rows and columns, as Google counts them (two A:D rows: 4 columns)
            out.update(totalUpdatedRows=len({(s, r) for s, r, _ in touched}),
                       totalUpdatedColumns=len({(s, c) for s, _, c in touched}),
                       totalUpdatedCells=len(touched),
                       totalUpdatedSheets=len({s for s, _, _ in touched}))
        out["responses"] = responses
    return Reply(out)


def values_batch_clear(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity, write=True)
    ranges = (call.body or {}).get("ranges") or []
    with m.atomic_values(ss) as undo:
        cleared = [m.clear(ss, m.resolve(ss, r), undo) for r in ranges]
    out: dict[str, Any] = {"spreadsheetId": ss.id}
    if cleared:
        out["clearedRanges"] = cleared
    return Reply(out)


def metadata_search(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity)
    found = m.search_metadata(ss, (call.body or {}).get("dataFilters") or [])
    return Reply({"matchedDeveloperMetadata": found} if found else {})


def metadata_get(call: Call) -> Reply:
    m = _model(call)
    ss = m.open(call.path["spreadsheetId"], call.identity)
    wanted = int(call.path["metadataId"])
    for meta in ss.developer_metadata:
        if meta["metadataId"] == wanted:
            return Reply(meta)
    raise errors.NotFound(f"No developer metadata with ID: {wanted}")


BASE = "/v4/spreadsheets"
ROUTES = [
    route("POST", BASE, "sheets.spreadsheets.create", create),
    route("GET", BASE + "/{spreadsheetId}", "sheets.spreadsheets.get", get),
    route("POST", BASE + "/{spreadsheetId}:batchUpdate", "sheets.spreadsheets.batchUpdate",
          batch_update),
    route("GET", BASE + "/{spreadsheetId}/values:batchGet", "sheets.spreadsheets.values.batchGet",
          values_batch_get),
    route("POST", BASE + "/{spreadsheetId}/values:batchUpdate",
          "sheets.spreadsheets.values.batchUpdate", values_batch_update),
    route("POST", BASE + "/{spreadsheetId}/values:batchClear",
          "sheets.spreadsheets.values.batchClear", values_batch_clear),
    route("GET", BASE + "/{spreadsheetId}/values/{range}", "sheets.spreadsheets.values.get",
          values_get),
    route("PUT", BASE + "/{spreadsheetId}/values/{range}", "sheets.spreadsheets.values.update",
          values_update),
    route("POST", BASE + "/{spreadsheetId}/values/{range}:append",
          "sheets.spreadsheets.values.append", values_append),
    route("POST", BASE + "/{spreadsheetId}/values/{range}:clear",
          "sheets.spreadsheets.values.clear", values_clear),
    route("POST", BASE + "/{spreadsheetId}/developerMetadata:search",
          "sheets.spreadsheets.developerMetadata.search", metadata_search),
    route("GET", BASE + "/{spreadsheetId}/developerMetadata/{metadataId}",
          "sheets.spreadsheets.developerMetadata.get", metadata_get),
]
