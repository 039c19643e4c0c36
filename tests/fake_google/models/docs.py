"""Docs v1: documents with Google's index arithmetic.

The body is kept as a flat list of index units, exactly one per UTF-16 code unit Google
counts: text characters (an astral character takes two units), and structural markers — table
start, row start, cell start, table end — page breaks and inline images, one unit each. Index 0 is the
section break. ``documents.get`` derives paragraphs (each ending in "\\n") and tables
(``tableRows[].tableCells[].content[]``) from this list, so indices read from a document are
the indices that requests act on, as with Google: e.g. a table inserted at index 1 of an empty
document puts its first cell's paragraph at index 5.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..auth import is_service_account
from ..clock import Ids
from . import docs_images
from .drive import DOCUMENT, READER, WRITER, DriveModel, File

TS, RS, CS, TE, PB = "<table>", "<row>", "<cell>", "</table>", "<pagebreak>"
LOW = ""  # the second UTF-16 unit of an astral character
MARKERS = {TS, RS, CS, TE}
IMAGE = "<image:"  # an inline image's unit: "<image:kix.…>", its properties in Document.objects


def is_image(unit: str) -> bool:
    return unit.startswith(IMAGE) and len(unit) > 1


class StructureError(Exception):
    pass


def to_units(text: str) -> list[str]:
    units: list[str] = []
    for ch in text:
        units.append(ch)
        if ord(ch) > 0xFFFF:
            units.append(LOW)
    return units


def _units_text(units: list[str]) -> str:
    return "".join(u for u in units if u not in MARKERS and u != PB and not is_image(u))


@dataclass
class Document:
    id: str
    title: str
    units: list[str] = field(default_factory=lambda: ["\n"])  # units[0] is index 1
    revision: int = 1
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # inline image id → properties

    @property
    def end_index(self) -> int:
        return len(self.units) + 1

    def revision_id(self) -> str:
        return f"fake-rev-{self.id[:8]}-{self.revision:06d}"

    # ---- structure --------------------------------------------------------------------
    def content(self, units: list[str] | None = None) -> list[dict[str, Any]]:
        units = self.units if units is None else units
        elements, pos = _parse_content(units, 0, set())
        if pos != len(units) or not elements or "paragraph" not in elements[-1]:
            raise StructureError("body must end with a paragraph")
        section = {"endIndex": 1, "sectionBreak": {"sectionStyle": {
            "columnSeparatorStyle": "NONE", "contentDirection": "LEFT_TO_RIGHT",
            "sectionType": "CONTINUOUS"}}}
        return [section] + elements

    def plain_text(self) -> str:
        return document_text({"body": {"content": self.content()}})

    def as_json(self, include_tabs: bool = False) -> dict[str, Any]:
        body = {"content": self.content()}
        style = {"pageSize": {"height": {"magnitude": 841.8897637795277, "unit": "PT"},
                              "width": {"magnitude": 595.2755905511812, "unit": "PT"}},
                 "marginTop": {"magnitude": 56.7, "unit": "PT"},
                 "marginBottom": {"magnitude": 56.7, "unit": "PT"},
                 "marginLeft": {"magnitude": 85.05, "unit": "PT"},
                 "marginRight": {"magnitude": 42.55, "unit": "PT"}}
        named = {"styles": [{"namedStyleType": "NORMAL_TEXT", "textStyle": {
            "fontSize": {"magnitude": 11, "unit": "PT"}}, "paragraphStyle": {
            "namedStyleType": "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT"}}]}
        out: dict[str, Any] = {"documentId": self.id, "title": self.title,
                               "revisionId": self.revision_id(),
                               "suggestionsViewMode": "SUGGESTIONS_INLINE"}
        inline = self.inline_objects()
        if include_tabs:
            tab = {"body": body, "documentStyle": style, "namedStyles": named}
            if inline:
                tab["inlineObjects"] = inline
            out["tabs"] = [{"tabProperties": {"tabId": "t.0", "title": "Tab 1", "index": 0},
                            "documentTab": tab}]
        else:
            out.update(body=body, documentStyle=style, namedStyles=named)
            if inline:
                out["inlineObjects"] = inline
        return out

    def inline_objects(self) -> dict[str, Any]:
        """``inlineObjects`` of the images still in the body."""
        out = {}
        for unit in self.units:
            if is_image(unit):
                object_id = unit[len(IMAGE):-1]
                props = self.objects[object_id]
                out[object_id] = {"objectId": object_id, "inlineObjectProperties": {"embeddedObject": {
                    "imageProperties": {"contentUri": props["contentUri"], "sourceUri": props["sourceUri"],
                                        "cropProperties": {}},
                    "size": {"width": {"magnitude": props["width"], "unit": "PT"},
                             "height": {"magnitude": props["height"], "unit": "PT"}},
                    "marginTop": {"magnitude": 9, "unit": "PT"},
                    "marginBottom": {"magnitude": 9, "unit": "PT"},
                    "marginLeft": {"magnitude": 9, "unit": "PT"},
                    "marginRight": {"magnitude": 9, "unit": "PT"},
                    "embeddedObjectBorder": {"propertyState": "NOT_RENDERED"}}}}
        return out

    # ---- edits ------------------------------------------------------------------------
    def _check_insert_index(self, index: int, where: str) -> None:
        if index < 1:
            raise errors.InvalidArgument(f"Invalid {where}: Index {index} must be greater than "
                                         "or equal to 1.")
        if index >= self.end_index:
            raise errors.InvalidArgument(f"Invalid {where}: Index {index} must be less than the "
                                         f"end index of the referenced segment, "
                                         f"{self.end_index}.")
        unit = self.units[index - 1]
        if unit in MARKERS or unit == LOW:
            raise errors.InvalidArgument(
                f"Invalid {where}: The insertion index must be inside the bounds of an existing "
                "paragraph. You can still create new paragraphs by inserting newlines.")

    def _commit(self, units: list[str], where: str, message: str) -> None:
        try:
            self.content(units)
        except StructureError:
            raise errors.InvalidArgument(f"Invalid {where}: {message}") from None
        self.units = units

    def insert_text(self, index: int, text: str, where: str) -> None:
        self._check_insert_index(index, where)
        if not text:
            raise errors.InvalidArgument(f"Invalid {where}: The text to insert must not be "
                                         "empty.")
        self.units[index - 1:index - 1] = to_units(text)

    def delete_range(self, start: int, end: int, where: str) -> None:
        if start < 1 or end <= start:
            raise errors.InvalidArgument(f"Invalid {where}: The range should not be empty.")
        if end > self.end_index - 1:
            raise errors.InvalidArgument(f"Invalid {where}: The range cannot include the newline "
                                         "character at the end of the segment.")
        if self.units[start - 1] == LOW or self.units[end - 1] == LOW:  # would split a pair
            raise errors.InvalidArgument(f"Invalid {where}: The range cannot split a surrogate "
                                         "pair.")
        units = self.units[:start - 1] + self.units[end - 1:]
        self._commit(units, where, "Invalid deletion range. Cannot delete the requested range.")

    def replace_all(self, needle: str, replacement: str, match_case: bool) -> int:
        if not needle:
            raise errors.InvalidArgument("Invalid requests: replaceAllText.containsText.text must "
                                         "not be empty.")
        haystack = "".join(_code(u) for u in self.units)
        pattern = re.compile(re.escape("".join(_code(u) for u in to_units(needle))),
                             0 if match_case else re.IGNORECASE)
        matches = list(pattern.finditer(haystack))
        for m in reversed(matches):
            self.units[m.start():m.end()] = to_units(replacement)
        return len(matches)

    def insert_table(self, index: int, rows: int, columns: int, where: str) -> None:
        if rows < 1 or columns < 1:
            raise errors.InvalidArgument(f"Invalid {where}: A table must have at least one row "
                                         "and one column.")
        self._check_insert_index(index, where)
        table = ["\n", TS]
        for _ in range(rows):
            table += [RS] + [CS, "\n"] * columns
        table.append(TE)
        self.units[index - 1:index - 1] = table

    def _rows(self, table_start: int, where: str) -> tuple[list[tuple[int, int, int]], int]:
        """[(row start pos, row end pos, cells)] of the table whose TS is at index, and TE pos."""
        pos = table_start - 1
        if not 0 <= pos < len(self.units) or self.units[pos] != TS:
            raise errors.InvalidArgument(f"Invalid {where}: The provided table start location "
                                         "is invalid.")
        rows, depth, i, current = [], 0, pos + 1, None
        while i < len(self.units):
            unit = self.units[i]
            if unit == TS:
                depth += 1
            elif unit == TE:
                if depth == 0:
                    if current:
                        rows.append((current[0], i, current[1]))
                    return rows, i
                depth -= 1
            elif depth == 0 and unit == RS:
                if current:
                    rows.append((current[0], i, current[1]))
                current = [i, 0]
            elif depth == 0 and unit == CS and current:
                current[1] += 1
            i += 1
        raise errors.InvalidArgument(f"Invalid {where}: The provided table start location is "
                                     "invalid.")

    def insert_table_row(self, table_start: int, row_index: int, below: bool, where: str) -> None:
        rows, _ = self._rows(table_start, where)
        if not 0 <= row_index < len(rows):
            raise errors.InvalidArgument(f"Invalid {where}: The row index {row_index} is out of "
                                         "bounds.")
        start, end, n_cells = rows[row_index]
        at = end if below else start
        self.units[at:at] = [RS] + [CS, "\n"] * n_cells

    def delete_table_row(self, table_start: int, row_index: int, where: str) -> None:
        rows, table_end = self._rows(table_start, where)
        if not 0 <= row_index < len(rows):
            raise errors.InvalidArgument(f"Invalid {where}: The row index {row_index} is out of "
                                         "bounds.")
        if len(rows) == 1:  # the last row takes the table with it
            del self.units[table_start - 1:table_end + 1]
            return
        start, end, _ = rows[row_index]
        del self.units[start:end]

    def insert_image(self, index: int, object_id: str, props: dict[str, Any], where: str) -> None:
        """An inline image (one unit) at `index`, inside a paragraph."""
        self._check_insert_index(index, where)
        self.objects[object_id] = props
        self.units[index - 1:index - 1] = [f"{IMAGE}{object_id}>"]

    def insert_page_break(self, index: int, where: str) -> None:
        self._check_insert_index(index, where)
        self.units[index - 1:index - 1] = [PB, "\n"]

    def check_range(self, rng: dict[str, Any], where: str) -> None:
        start, end = int(rng.get("startIndex", 0)), int(rng.get("endIndex", 0))
        if start < 0 or end <= start or end > self.end_index:
            raise errors.InvalidArgument(f"Invalid {where}: Index {end} must be less than or "
                                         f"equal to the end index of the referenced segment, "
                                         f"{self.end_index}.")


def _code(unit: str) -> str:
    if unit in MARKERS or unit == PB or is_image(unit):
        return "\x00"
    return "\x01" if unit == LOW else unit


def _parse_content(units: list[str], pos: int, stops: set[str]) -> tuple[list[dict], int]:
    elements = []
    while pos < len(units) and units[pos] not in stops:
        if units[pos] == TS:
            element, pos = _parse_table(units, pos)
        elif units[pos] in MARKERS:
            raise StructureError(f"unexpected {units[pos]} at {pos + 1}")
        else:
            element, pos = _parse_paragraph(units, pos)
        elements.append(element)
    return elements, pos


def _parse_paragraph(units: list[str], pos: int) -> tuple[dict[str, Any], int]:
    start = pos
    elements = []
    run_start = pos
    while True:
        if pos >= len(units) or units[pos] in MARKERS:
            raise StructureError(f"paragraph at {start + 1} does not end with a newline")
        unit = units[pos]
        if unit == PB or is_image(unit):
            if run_start < pos:
                elements.append(_run(units, run_start, pos))
            element = {"pageBreak": {"textStyle": {}}} if unit == PB else {
                "inlineObjectElement": {"inlineObjectId": unit[len(IMAGE):-1], "textStyle": {}}}
            elements.append({"startIndex": pos + 1, "endIndex": pos + 2, **element})
            run_start = pos + 1
        pos += 1
        if unit == "\n":
            break
    if run_start < pos:
        elements.append(_run(units, run_start, pos))
    return {"startIndex": start + 1, "endIndex": pos + 1, "paragraph": {
        "elements": elements,
        "paragraphStyle": {"namedStyleType": "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT"}}}, pos


def _run(units: list[str], start: int, end: int) -> dict[str, Any]:
    return {"startIndex": start + 1, "endIndex": end + 1,
            "textRun": {"content": _units_text(units[start:end]), "textStyle": {}}}


def _parse_table(units: list[str], pos: int) -> tuple[dict[str, Any], int]:
    start = pos
    pos += 1
    rows = []
    while pos < len(units) and units[pos] == RS:
        row_start = pos
        pos += 1
        cells = []
        while pos < len(units) and units[pos] == CS:
            cell_start = pos
            content, pos = _parse_content(units, pos + 1, {CS, RS, TE})
            if not content or "paragraph" not in content[-1]:
                raise StructureError("a cell must end with a paragraph")
            cells.append({"startIndex": cell_start + 1, "endIndex": pos + 1, "content": content,
                          "tableCellStyle": {"rowSpan": 1, "columnSpan": 1,
                                             "contentAlignment": "TOP"}})
        if not cells:
            raise StructureError("a row needs cells")
        rows.append({"startIndex": row_start + 1, "endIndex": pos + 1, "tableCells": cells,
                     "tableRowStyle": {"minRowHeight": {"unit": "PT"}}})
    if pos >= len(units) or units[pos] != TE or not rows:
        raise StructureError("table is not closed")
    pos += 1
    columns = max(len(r["tableCells"]) for r in rows)
    return {"startIndex": start + 1, "endIndex": pos + 1, "table": {
        "rows": len(rows), "columns": columns, "tableRows": rows,
        "tableStyle": {"tableColumnProperties": [{"widthType": "EVENLY_DISTRIBUTED"}] * columns}}
    }, pos


def document_text(doc_json: dict[str, Any]) -> str:
    """The plain text of a ``documents.get`` answer, table cells included (in order)."""
    body = doc_json.get("body") or (doc_json.get("tabs") or [{}])[0].get(
        "documentTab", {}).get("body", {})

    def walk(content: list[dict[str, Any]]) -> str:
        out = []
        for element in content:
            if "paragraph" in element:
                out += [e.get("textRun", {}).get("content", "")
                        for e in element["paragraph"]["elements"]]
            elif "table" in element:
                for row in element["table"]["tableRows"]:
                    for cell in row["tableCells"]:
                        out.append(walk(cell["content"]))
        return "".join(out)

    return walk(body.get("content", []))


class DocsModel:
    """All documents of the fake."""

    def __init__(self, drive: DriveModel, ids: Ids):
        self.drive = drive
        self.ids = ids
        self.documents: dict[str, Document] = {}
        drive.content_hooks[DOCUMENT] = {
            "create": lambda f: self.documents.__setitem__(f.id, Document(f.id, f.name)),
            "copy": self._copy, "delete": lambda doc_id: self.documents.pop(doc_id, None)}

    def _copy(self, src_id: str, f: File) -> None:
        clone = copy.deepcopy(self.documents[src_id])
        clone.id, clone.title, clone.revision = f.id, f.name, 1
        self.documents[f.id] = clone

    def create(self, email: str, title: str) -> Document:
        if is_service_account(email) and not self.drive.allow_service_account_storage:
            raise errors.PermissionDenied()
        f = self.drive.create(email, {"name": title or "Untitled document",
                                      "mimeType": DOCUMENT}, check_storage=False)
        return self.documents[f.id]

    def seed(self, owner: str, title: str, text: str = "") -> Document:
        """Test helper: a document of ``owner`` whose body is ``text`` (paragraphs by "\\n")."""
        f = self.drive.create(owner, {"name": title, "mimeType": DOCUMENT}, check_storage=False)
        doc = self.documents[f.id]
        body = text if text.endswith("\n") else text + "\n"
        doc.units = to_units(body)
        return doc

    def open(self, document_id: str, email: str, write: bool = False) -> Document:
        self.drive.require_app(document_id, email, WRITER if write else READER, DOCUMENT)
        return self.documents[document_id]

    def insert_image(self, doc: Document, index: int, uri: str, size: dict[str, Any] | None,
                     where: str) -> str:
        """insertInlineImage: fetch the image as Google would (`docs_images`), place it at `index`."""
        pixels = docs_images.fetch(uri, self.drive, where)
        width, height = docs_images.object_size(pixels, size)
        object_id = "kix." + self.ids.token(12)
        doc.insert_image(index, object_id, {
            "sourceUri": uri if not uri.startswith("data:") else "",
            "contentUri": f"https://lh7-rt.googleusercontent.com/docsz/fake-{object_id}",
            "width": round(width, 2), "height": round(height, 2)}, where)
        return object_id

    def touched(self, doc: Document) -> None:
        doc.revision += 1
        f = self.drive.files.get(doc.id)
        if f is not None:
            f.touch()
