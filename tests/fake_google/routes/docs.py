"""Docs v1 routes: ``/v1/documents...``."""
from __future__ import annotations

import copy
from typing import Any

from .. import errors
from ..models.docs import DocsModel, Document
from . import Call, Reply, route


def create(call: Call) -> Reply:
    doc = call.state.docs.create(call.identity, (call.body or {}).get("title") or "")
    return Reply(doc.as_json())


def get(call: Call) -> Reply:
    doc = call.state.docs.open(call.path["documentId"], call.identity)
    return Reply(doc.as_json(call.flag("includeTabsContent")))


def _index(doc: Document, req: dict[str, Any], where: str) -> int:
    if req.get("endOfSegmentLocation") is not None:
        loc = req["endOfSegmentLocation"]
        if loc.get("segmentId"):
            raise errors.Unimplemented("fake_google: headers/footers/footnotes are not modelled")
        return doc.end_index - 1
    loc = req.get("location")
    if not loc:
        raise errors.InvalidArgument(f"Invalid {where}: location or endOfSegmentLocation must be "
                                     "set.")
    if loc.get("segmentId"):
        raise errors.Unimplemented("fake_google: headers/footers/footnotes are not modelled")
    return int(loc.get("index", 0))


def _cell_location(req: dict[str, Any]) -> tuple[int, int]:
    loc = req.get("tableCellLocation") or {}
    return int((loc.get("tableStartLocation") or {}).get("index", 0)), int(loc.get("rowIndex", 0))


def _apply(docs: DocsModel, doc: Document, i: int, req: dict[str, Any]) -> dict[str, Any]:
    kinds = [k for k, v in req.items() if v is not None]
    if len(kinds) != 1:
        raise errors.InvalidArgument(f"Invalid requests[{i}]: exactly one request kind must be "
                                     "set.")
    kind, body = kinds[0], req[kinds[0]]
    where = f"requests[{i}].{kind}"
    if kind == "insertText":
        doc.insert_text(_index(doc, body, where), body.get("text", ""), where)
    elif kind == "replaceAllText":
        contains = body.get("containsText") or {}
        n = doc.replace_all(contains.get("text", ""), body.get("replaceText", ""),
                            bool(contains.get("matchCase")))
        return {"replaceAllText": {"occurrencesChanged": n} if n else {}}
    elif kind == "deleteContentRange":
        rng = body.get("range") or {}
        if rng.get("segmentId"):
            raise errors.Unimplemented("fake_google: headers/footers/footnotes are not modelled")
        doc.delete_range(int(rng.get("startIndex", 0)), int(rng.get("endIndex", 0)), where)
    elif kind == "insertTable":
        doc.insert_table(_index(doc, body, where), int(body.get("rows", 0)),
                         int(body.get("columns", 0)), where)
    elif kind == "insertTableRow":
        start, row = _cell_location(body)
        doc.insert_table_row(start, row, bool(body.get("insertBelow")), where)
    elif kind == "deleteTableRow":
        start, row = _cell_location(body)
        doc.delete_table_row(start, row, where)
    elif kind == "insertInlineImage":
        object_id = docs.insert_image(doc, _index(doc, body, where), body.get("uri") or "",
                                      body.get("objectSize"), where)
        return {"insertInlineImage": {"objectId": object_id}}
    elif kind == "insertPageBreak":
        doc.insert_page_break(_index(doc, body, where), where)
    elif kind in ("updateTextStyle", "updateParagraphStyle"):
        if not body.get("fields"):
            raise errors.InvalidArgument(f"Invalid {where}: At least one field must be listed in "
                                         "'fields'. (Use '*' to indicate all fields.)")
        doc.check_range(body.get("range") or {}, where)  # styles are accepted, not stored
    else:
        raise errors.Unimplemented(f"fake_google does not implement the Docs request '{kind}' "
                                   f"(requests[{i}]).")
    return {}


def batch_update(call: Call) -> Reply:
    docs = call.state.docs
    doc = docs.open(call.path["documentId"], call.identity, write=True)
    body = call.body or {}
    control = body.get("writeControl") or {}
    if control.get("requiredRevisionId") and control["requiredRevisionId"] != doc.revision_id():
        raise errors.InvalidArgument("The required revision ID does not match the latest "
                                     "revision.", reason="failedPrecondition")
    saved, objects = copy.deepcopy(doc.units), dict(doc.objects)
    try:
        replies = [_apply(docs, doc, i, req) for i, req in enumerate(body.get("requests") or [])]
    except BaseException:
        doc.units, doc.objects = saved, objects
        raise
    docs.touched(doc)
    return Reply({"documentId": doc.id, "replies": replies,
                  "writeControl": {"requiredRevisionId": doc.revision_id()}})


ROUTES = [
    route("POST", "/v1/documents", "docs.documents.create", create),
    route("GET", "/v1/documents/{documentId}", "docs.documents.get", get),
    route("POST", "/v1/documents/{documentId}:batchUpdate", "docs.documents.batchUpdate",
          batch_update),
]
