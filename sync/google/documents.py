"""Documents on the Google backend: Docs templates in a Drive folder, documents copied from them.

Request economy (see `benchmarks/documents.py`): a run lists nastavnik's folders (one
``files.list``), its templates (one ``files.list``) and its documents (one ``files.list`` per
1,000) and reads each template it uses once (``documents.get``); then each document costs three
requests — Drive ``files.copy`` of the template into the output folder, carrying the idempotency
key in ``appProperties``; ``documents.get`` of the copy (its structure, and its revision); and
ONE ``documents.batchUpdate`` that fills it: for each repeated table row (the row holding
``{{item.…}}``), from the end of the document backwards, N empty rows are inserted below it,
their cells filled with ``insertText`` from the last cell of the last row back, and the template
row deleted; then ``replaceAllText`` sets every ``{{name}}``.

Templates are placed by `place_templates` with Drive ``files.create`` (an empty Doc in the
templates folder, marked in ``appProperties``), a ``documents.get`` of it, and ONE
``documents.batchUpdate`` that writes the blocks of `sheets_schema.templates` with their styles,
computing Google's indices client-side.

A document a crashed run copied but did not fill is found by its key and filled then.

Exactly once (issue 16). The transport never sends a changing request twice by itself
(`sync.google.client.NoResendHttp`); after a failure with no answer the retry policy decides:

- a file is never made twice. Where Drive takes an id chosen in advance — a folder, an uploaded
  picture — the store reserves ids with ``files.generateIds`` (one request, only in a run that
  creates such a file) and sends one with the request: the repeat answers 409, which means
  "made", and the file is read by that id. Drive refuses generated ids for Docs Editors types
  (403 ``generatedIdNotSupported``, copy and create alike), so a copied document or a placed
  template is looked for by its ``appProperties`` key before the copy is sent again (one
  ``files.list``, only then; after a timeout the lost request is first given as long again as
  the client waited, for it may still be under way at Google);
- a fill is never applied twice: the batchUpdate carries ``writeControl.requiredRevisionId``
  (the copy's revision), so a repeat of a fill that landed is refused by Google (400) instead
  of inserting every row again; then the document is read to see that the fill is there;
- when a key still has two documents (what lands even later), the next run keeps the filled
  one — the one a run finished and linked from «Пары» — and trashes the other (`existing`),
  never the other way round.

Pictures (`Fill.images`, the report's chart): Docs' ``insertInlineImage`` takes only a public
URI — Google fetches the image once, at insertion, and keeps its own copy. So for each picture
the store uploads the PNG into the output folder (Drive multipart ``files.create``), shares it
with anyone who has the link (``permissions.create`` reader), and the same ONE batchUpdate
deletes the ``{{chart}}`` placeholder and inserts the image there (in the same from-the-end
order as the repeated rows); then the link sharing is revoked (``permissions.delete``) and the
PNG deleted (``files.delete``) — or, where deleting is not allowed (a Content manager of a
shared drive may trash, not delete: 403 ``insufficientFilePermissions``), moved to the trash
(``files.update``); 4 more requests per picture. What cannot be undone is said in the run's
lines with the file to remove by hand. When sharing by link is forbidden in the domain, or
Google cannot fetch the image, the document is still made, with the picture's `Image.alt` text
in its place and a line saying why.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sheets_schema.templates import (
    ANY_TAG, PLACEHOLDER, Fill, Image, Paragraph, TemplateSpec, placeholders, shown, substitute,
)
from sync.google.credentials import sees_only_own_files
from sync.google.errors import GoogleApiError
from sync.google.retry import RetriesExhausted, is_revision_refusal
from sync.safe_files import private_dir, write_bytes
from sync.workspace import DocumentStore, StoredDocument, TemplateSource, WorkspaceError

DOCUMENT_MIME = "application/vnd.google-apps.document"
FOLDER_MIME = "application/vnd.google-apps.folder"
MARK = "nastavnik"  # appProperties: nastavnik=folder|template|document
KIND, KEY, FOLDER_ROLE = "nastavnik_kind", "nastavnik_key", "nastavnik_folder"
PAIRS_PREFIX = "Пары (ID): "
FONT = {"weightedFontFamily": {"fontFamily": "Times New Roman"}}
ALIGN = {"left": "START", "center": "CENTER", "right": "END", "justify": "JUSTIFIED"}
LIST_FIELDS = "nextPageToken,files(id,name,description,appProperties,webViewLink,createdTime)"


def units(text: str) -> int:
    """Length of a text in Google's indices (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _text_style(start: int, end: int, bold: bool, size: int) -> dict[str, Any]:
    return {"updateTextStyle": {
        "range": {"startIndex": start, "endIndex": end},
        "textStyle": {"bold": bold, "fontSize": {"magnitude": size, "unit": "PT"}, **FONT},
        "fields": "bold,fontSize,weightedFontFamily"}}


def template_requests(spec: TemplateSpec) -> list[dict[str, Any]]:
    """The batchUpdate that writes `spec`'s blocks into an empty document."""
    reqs: list[dict[str, Any]] = []
    pos = 1  # the index of the document's last (empty) paragraph, where the next block goes
    for block in spec.blocks:
        if isinstance(block, Paragraph):
            body = block.text + "\n"
            n = units(body)
            reqs.append({"insertText": {"location": {"index": pos}, "text": body}})
            reqs.append({"updateParagraphStyle": {
                "range": {"startIndex": pos, "endIndex": pos + n},
                "paragraphStyle": {"alignment": ALIGN[block.align]}, "fields": "alignment"}})
            reqs.append(_text_style(pos, pos + n, block.bold, block.size))
            pos += n
            continue
        columns = len(block.headers)
        reqs.append({"insertTable": {"rows": 2, "columns": columns, "location": {"index": pos}}})
        start = pos + 1  # a newline goes before the table
        added = 0
        for r, texts in reversed(list(enumerate((block.headers, block.cells)))):
            for m in reversed(range(columns)):
                text = texts[m]
                if not text:
                    continue
                index = start + 1 + r * (1 + 2 * columns) + 2 + 2 * m
                reqs.append({"insertText": {"location": {"index": index}, "text": text}})
                reqs.append(_text_style(index, index + units(text), r == 0, 11))
                added += units(text)
        pos = start + 2 + 2 * (1 + 2 * columns) + added
    return reqs


# --- reading a document -----------------------------------------------------------------------
def _paragraph_text(element: dict[str, Any]) -> str:
    return "".join(e.get("textRun", {}).get("content", "") for e in element["paragraph"].get("elements", []))


def _content_text(content: list[dict[str, Any]]) -> str:
    out = []
    for element in content:
        if "paragraph" in element:
            out.append(_paragraph_text(element))
        elif "table" in element:
            for row in element["table"].get("tableRows", []):
                for cell in row.get("tableCells", []):
                    out.append(_content_text(cell.get("content", [])))
    return "".join(out)


def _body(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc.get("body", {}).get("content", [])


def _item_of(name: str) -> str | None:
    return name.split(".", 1)[0] if "." in name else None


def repeated_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Each table row of the body holding ``{{item.…}}`` placeholders: table start, row index,
    row end, the texts of its cells and the items it names."""
    found = []
    for element in _body(doc):
        if "table" not in element:
            continue
        for r, row in enumerate(element["table"].get("tableRows", [])):
            cells = [_content_text(c.get("content", [])) for c in row.get("tableCells", [])]
            items = sorted({i for text in cells for n in placeholders(text) if (i := _item_of(n))})
            if items:
                found.append({"table": element["startIndex"], "row": r, "end": row["endIndex"],
                              "start": row["startIndex"],
                              "cells": [t[:-1] if t.endswith("\n") else t for t in cells], "items": items})
    return found


def _text_indices(content: list[dict[str, Any]]) -> tuple[str, list[int]]:
    """The text of the body's runs (table cells included) and each character's Google index."""
    text: list[str] = []
    indices: list[int] = []
    for element in content:
        if "paragraph" in element:
            for run in element["paragraph"].get("elements", []):
                if "textRun" not in run:
                    continue
                index = run.get("startIndex", 0)
                for ch in run["textRun"].get("content", ""):
                    text.append(ch)
                    indices.append(index)
                    index += units(ch)
        elif "table" in element:
            for row in element["table"].get("tableRows", []):
                for cell in row.get("tableCells", []):
                    more, at = _text_indices(cell.get("content", []))
                    text.append(more)
                    indices += at
    return "".join(text), indices


def image_spots(doc: dict[str, Any], names) -> list[tuple[str, int, int]]:
    """(name, start, end) of each ``{{name}}`` of `names` in the document, as Google indices."""
    text, indices = _text_indices(_body(doc))
    spots = []
    for m in PLACEHOLDER.finditer(text):
        name = m.group(1).strip()
        if name in names:
            last = m.end() - 1
            spots.append((name, indices[m.start()], indices[last] + units(text[last])))
    return spots


def _image_requests(start: int, end: int, uri: str, image: Image) -> list[dict[str, Any]]:
    width = image.width_cm / 2.54 * 72
    return [{"deleteContentRange": {"range": {"startIndex": start, "endIndex": end}}},
            {"insertInlineImage": {"location": {"index": start}, "uri": uri, "objectSize": {
                "width": {"magnitude": round(width, 1), "unit": "PT"},
                "height": {"magnitude": round(width * image.height_px / image.width_px, 1), "unit": "PT"}}}}]


def fill_requests(doc: dict[str, Any], spec: TemplateSpec, fill: Fill,
                  image_uris: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The ONE batchUpdate that fills a copy whose structure is `doc` (see the module docstring);
    `image_uris` are the public addresses of the pictures of ``fill.images`` (a picture without
    one gets its ``alt`` text instead)."""
    lists = spec.lists
    uris = {name: uri for name, uri in (image_uris or {}).items() if name in fill.images}
    reqs: list[dict[str, Any]] = []
    edits: list[tuple[int, Any]] = [(f["start"], f) for f in repeated_rows(doc)]
    edits += [(start, (name, start, end)) for name, start, end in image_spots(doc, set(uris))]
    for _, found in sorted(edits, key=lambda e: -e[0]):
        if isinstance(found, tuple):
            name, start, end = found
            reqs += _image_requests(start, end, uris[name], fill.images[name])
            continue
        item = found["items"][0]
        data = fill.rows.get(lists.get(item, ""), [])
        location = {"tableStartLocation": {"index": found["table"]}, "rowIndex": found["row"], "columnIndex": 0}
        columns = len(found["cells"])
        blank = {n.split(".", 1)[1]: "" for n in spec.known if n.startswith(item + ".")}
        reqs += [{"insertTableRow": {"tableCellLocation": location, "insertBelow": True}} for _ in data]
        for j in reversed(range(len(data))):
            row_start = found["end"] + j * (1 + 2 * columns)
            for m in reversed(range(columns)):
                values = {**blank, **data[j]}
                text = substitute(found["cells"][m], values, prefix=item + ".")
                if text:
                    reqs.append({"insertText": {"location": {"index": row_start + 2 + 2 * m}, "text": text}})
        reqs.append({"deleteTableRow": {"tableCellLocation": location}})
    text = _content_text(_body(doc))
    spellings = {m.group(0): m.group(1).strip() for m in PLACEHOLDER.finditer(text)}
    for spelling, name in sorted(spellings.items()):
        if _item_of(name) or name in uris:
            continue
        value = fill.images[name].alt if name in fill.images else fill.values.get(name, "")
        reqs.append({"replaceAllText": {"containsText": {"text": spelling, "matchCase": True},
                                        "replaceText": value}})
    return reqs


def _cell(text: object) -> str:
    return " ".join(str(text or "").split())


def _fitted(rows: Sequence[Sequence[str]], columns: int) -> list[list[str]]:
    return [([_cell(t) for t in row] + [""] * columns)[:columns] for row in rows]


def table_texts(table: dict[str, Any]) -> list[list[str]]:
    """The text of each cell of a table element, row by row (spaces collapsed)."""
    return [[_cell(_content_text(c.get("content", []))) for c in row.get("tableCells", [])]
            for row in table["table"].get("tableRows", [])]


def table_with_header(doc: dict[str, Any], headers: Sequence[str]) -> dict[str, Any] | None:
    """The body's first table whose first row reads `headers` (compared as headers are)."""
    wanted = [normalise_header(h) for h in headers]
    for element in _body(doc):
        if "table" in element and element["table"].get("tableRows"):
            first = [normalise_header(t) for t in table_texts(element)[0]]
            if first[:len(wanted)] == wanted:
                return element
    return None


def table_rows_requests(table: dict[str, Any], rows: Sequence[Sequence[str]]) -> list[dict[str, Any]]:
    """The requests that make the rows below the header of `table` read `rows`: empty rows
    inserted below the header, the old rows deleted after them, then each cell's text inserted
    from the last cell back (so no index moves under a later request)."""
    start = table["startIndex"]
    header = table["table"]["tableRows"][0]
    columns = len(header.get("tableCells", []))
    old = len(table["table"]["tableRows"]) - 1

    def at(row: int) -> dict[str, Any]:
        return {"tableCellLocation": {"tableStartLocation": {"index": start}, "rowIndex": row, "columnIndex": 0}}

    reqs: list[dict[str, Any]] = [{"insertTableRow": {**at(0), "insertBelow": True}} for _ in rows]
    reqs += [{"deleteTableRow": at(len(rows) + 1)} for _ in range(old)]
    for j in reversed(range(len(rows))):
        row_start = header["endIndex"] + j * (1 + 2 * columns)
        for m in reversed(range(columns)):
            if rows[j][m]:
                reqs.append({"insertText": {"location": {"index": row_start + 2 + 2 * m}, "text": rows[j][m]}})
    return reqs


class GoogleDocumentStore(DocumentStore):
    """Templates and documents of a `GoogleWorkspace` on Drive (see the module docstring)."""

    def __init__(self, workspace, settings: Mapping[str, Any]):
        self.workspace = workspace
        self.client = workspace.client
        self.parent = workspace.folder_id
        self.settings = dict(settings)
        self.lines: list[str] = []
        self._folders: dict[str, str] | None = None
        self._seen_configured: set[str] = set()  # configured folders checked under drive.file
        self._template_files: dict[str, str] | None = None  # spec key → file id
        self._template_docs: dict[str, dict[str, Any]] = {}  # spec key → documents.get answer
        self._ids: list[str] = []  # reserved by files.generateIds, not used yet

    # --- requests that must not make a file twice ---------------------------------------------
    def _reserved_id(self) -> str:
        if not self._ids:
            self._ids = self.client.files_generate_ids(10)
        return self._ids.pop()

    def _create_once(self, body: dict[str, Any], fields: str, upload: tuple[bytes, str] | None = None) -> dict[str, Any]:
        """files.create (or a multipart upload) with a reserved id: a 409 on a retry is the
        first attempt's file, read by that id."""
        file_id = self._reserved_id()
        try:
            if upload:
                return self.client.files_upload(body, upload[0], upload[1], fields=fields, id=file_id)
            return self.client.files_create(body, fields=fields, id=file_id)
        except GoogleApiError as exc:
            if exc.code != 409:
                raise
            return self.client.files_get(file_id, fields=fields)

    def _landed(self, folder: str, prop: str, value: str, fields: str):
        """A `RetryPolicy.run` ``landed`` callback: the file of ``folder`` marked ``prop=value``."""
        quoted = value.replace("\\", "\\\\").replace("'", "\\'")
        q = (f"'{folder}' in parents and trashed = false "
             f"and appProperties has {{ key='{prop}' and value='{quoted}' }}")

        def look(exc: Exception) -> dict[str, Any] | None:
            files = self.client.files_list(q, fields=f"files({fields},name,createdTime)", page_size=100).get("files", [])
            files.sort(key=lambda f: f.get("createdTime", ""))
            for extra in files[1:]:  # httplib2 itself sends a request again on a dropped connection
                self.client.files_update(extra["id"], {"trashed": True})
                self.lines.append(ru.DOCUMENTS["duplicate_trashed"].format(name=extra.get("name", "")))
            return {k: v for k, v in files[0].items() if k in fields.split(",")} if files else None
        return look

    # --- folders ------------------------------------------------------------------------------
    def _folder(self, role: str, create: bool) -> str:
        key = "templates_folder_id" if role == "templates" else "output_folder_id"
        configured = self.settings.get(key, "")
        if configured:
            if role not in self._seen_configured:
                self._check_configured(configured, key, role)
                self._seen_configured.add(role)
            return configured
        if self._folders is None:
            parent = self.parent or "root"
            q = (f"'{parent}' in parents and mimeType = '{FOLDER_MIME}' and trashed = false "
                 f"and appProperties has {{ key='{MARK}' and value='folder' }}")
            with self.workspace.google_errors():
                files = self.client.files_list(q, fields="files(id,appProperties,createdTime)", page_size=100).get("files", [])
            self._folders = {}
            for f in sorted(files, key=lambda f: f.get("createdTime", "")):
                self._folders.setdefault(f.get("appProperties", {}).get(FOLDER_ROLE, ""), f["id"])
        if role not in self._folders and create:
            name = ru.DOCUMENTS["folder_templates" if role == "templates" else "folder_documents"]
            body = {"name": name, "mimeType": FOLDER_MIME, "appProperties": {MARK: "folder", FOLDER_ROLE: role},
                    **({"parents": [self.parent]} if self.parent else {})}
            with self.workspace.google_errors():
                self._folders[role] = self._create_once(body, "id")["id"]
        return self._folders.get(role, "")

    def _check_configured(self, folder_id: str, key: str, role: str) -> None:
        """Under drive.file a folder made by hand is invisible (Drive 404, and listing it finds
        nothing): say so before templates are looked for in vain or files are created there."""
        if not sees_only_own_files(self.client.credentials):
            return
        try:
            self.client.files_get(folder_id, fields="id")
        except GoogleApiError as exc:
            if exc.code != 404:
                raise
            name = ru.DOCUMENTS["folder_templates" if role == "templates" else "folder_documents"]
            raise WorkspaceError(ru.GOOGLE["configured_folder_invisible"].format(
                folder=folder_id, key=key, name=name)) from exc

    # --- templates ----------------------------------------------------------------------------
    def _templates(self) -> dict[str, str]:
        if self._template_files is None:
            self._template_files = {}
            folder = self._folder("templates", create=False)
            if folder:
                q = (f"'{folder}' in parents and mimeType = '{DOCUMENT_MIME}' and trashed = false "
                     f"and appProperties has {{ key='{MARK}' and value='template' }}")
                with self.workspace.google_errors():
                    files = self.client.files_list(q, fields="files(id,appProperties,createdTime)", page_size=100).get("files", [])
                for f in sorted(files, key=lambda f: f.get("createdTime", "")):
                    self._template_files.setdefault(f.get("appProperties", {}).get(KIND, ""), f["id"])
        return self._template_files

    def place_templates(self, specs: Sequence[TemplateSpec]) -> list[str]:
        lines = []
        files = self._templates()
        for spec in specs:
            file_id = files.get(spec.key)
            cached = self._template_docs.get(spec.key)
            if file_id and (cached is None or _content_text(_body(cached)).strip()):
                continue  # there, and not left empty by an interrupted placement
            with self.workspace.google_errors():
                if not file_id:
                    folder = self._folder("templates", create=True)
                    body = {"name": spec.name, "mimeType": DOCUMENT_MIME, "parents": [folder],
                            "appProperties": {MARK: "template", KIND: spec.key}}
                    file_id = self.client.files_create(body, fields="id", landed=self._landed(
                        folder, KIND, spec.key, "id"))["id"]
                    files[spec.key] = file_id
                empty = self.client.documents_get(file_id)
                if not _content_text(_body(empty)).strip():  # a lost answer may have written it
                    self.client.documents_batch_update(
                        file_id, template_requests(spec), required_revision=empty.get("revisionId", ""),
                        landed=self._written(file_id, lambda doc: bool(_content_text(_body(doc)).strip())))
            self._template_docs.pop(spec.key, None)
            lines.append(ru.DOCUMENTS["template_placed"].format(name=spec.name, where=_doc_link(file_id)))
        return lines

    def read_templates(self, specs: Sequence[TemplateSpec]) -> dict[str, TemplateSource | None]:
        files = self._templates()
        out: dict[str, TemplateSource | None] = {}
        for spec in specs:
            file_id = files.get(spec.key)
            if not file_id:
                out[spec.key] = None
                continue
            with self.workspace.google_errors():
                doc = self.client.documents_get(file_id)
            self._template_docs[spec.key] = doc
            if not _content_text(_body(doc)).strip():
                out[spec.key] = None  # an empty Doc: placing was interrupted; place it again
                continue
            out[spec.key] = self._source(spec, doc, _doc_link(file_id))
        return out

    def _source(self, spec: TemplateSpec, doc: dict[str, Any], where: str) -> TemplateSource:
        text = _content_text(_body(doc))
        rows: list[tuple[str, str]] = []
        problems: list[str] = []
        seen: dict[str, int] = {}
        for found in repeated_rows(doc):
            for item in found["items"]:
                seen[item] = seen.get(item, 0) + 1
                rows.append((item, spec.lists.get(item, item + "s")))
        for item, count in seen.items():
            if count > 1:
                problems.append(ru.DOCUMENTS["template_two_rows"].format(template=spec.name, where=where, item=item))
        stray = []
        for line in text.split("\n"):
            # replaceAllText runs nothing, but a {%…%} tag would stay in every document as typed
            problems += [ru.DOCUMENTS["template_tag_google"].format(template=spec.name, where=where, tag=shown(tag))
                         for tag in ANY_TAG.findall(line)]
            rest = PLACEHOLDER.sub(" ", ANY_TAG.sub(" ", line))
            if "{{" in rest or "}}" in rest:
                stray.append(" ".join(rest.split())[:60])
        return TemplateSource(spec.key, where, tuple(placeholders(text)), tuple(dict.fromkeys(rows)),
                              tuple(stray), tuple(problems), row_hint="google")

    # --- documents ----------------------------------------------------------------------------
    def existing(self) -> dict[str, StoredDocument]:
        folder = self._folder("output", create=False)
        if not folder:
            return {}
        q = f"'{folder}' in parents and trashed = false"  # documents, and pictures a run left
        listed: list[dict[str, Any]] = []
        token = None
        with self.workspace.google_errors():
            while True:
                page = self.client.files_list(q, fields=LIST_FIELDS, page_token=token, page_size=1000)
                listed += page.get("files", [])
                token = page.get("nextPageToken")
                if not token:
                    break
        files = [f for f in listed if (f.get("appProperties") or {}).get(MARK) == "document"]
        for f in listed:
            if (f.get("appProperties") or {}).get(MARK) == "image":
                self._sweep_picture(f)
        found: dict[str, StoredDocument] = {}
        by_key: dict[str, list[dict[str, Any]]] = {}
        for f in sorted(files, key=lambda f: f.get("createdTime", "")):
            key = f.get("appProperties", {}).get(KEY, "")
            if key:
                by_key.setdefault(key, []).append(f)
        for key, copies in by_key.items():
            f, *extra = self._keep(copies) if len(copies) > 1 else copies
            for other in extra:
                with self.workspace.google_errors():
                    self.client.files_update(other["id"], {"trashed": True})
                self.lines.append(ru.DOCUMENTS["duplicate_trashed"].format(name=other.get("name", "")))
            props = f.get("appProperties", {})
            found[key] = StoredDocument(key=key, kind=props.get(KIND, ""), name=f.get("name", ""),
                                        link=f.get("webViewLink") or _doc_link(f["id"]),
                                        pairs=_pairs_of(f.get("description") or ""), id=f["id"],
                                        created=f.get("createdTime", ""))
        return found

    def _keep(self, copies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Copies of one key, the one to keep first: a filled one (the one a run finished and
        linked from the sheet) before one still showing ``{{…}}`` (a copy whose answer was lost),
        the older first among equals. Read only when a key has more than one document."""
        def unfilled(f: dict[str, Any]) -> bool:
            with self.workspace.google_errors():
                return bool(placeholders(_content_text(_body(self.client.documents_get(f["id"])))))
        marks = {f["id"]: unfilled(f) for f in copies}
        return sorted(copies, key=lambda f: marks[f["id"]])  # stable: the older first among equals

    def create(self, spec: TemplateSpec, name: str, fill: Fill, key: str,
               pairs: Sequence[str] = (), found: StoredDocument | None = None) -> StoredDocument:
        if found is not None:
            with self.workspace.google_errors():
                doc = self.client.documents_get(found.id)
            if set(placeholders(_content_text(_body(doc)))) & spec.known:  # copied, never filled
                self._fill(found.id, found.name, doc, spec, fill, found.link)
            return found
        template_id = self._templates()[spec.key]
        folder = self._folder("output", create=True)
        body = {"name": name, "parents": [folder],
                "appProperties": {MARK: "document", KIND: spec.key, KEY: key}}
        if pairs:
            body["description"] = PAIRS_PREFIX + ", ".join(pairs)
        with self.workspace.google_errors():
            copy = self.client.files_copy(template_id, body, fields="id,webViewLink",
                                          landed=self._landed(folder, KEY, key, "id,webViewLink"))
        link = copy.get("webViewLink") or _doc_link(copy["id"])
        with self._about(name, link):
            structure = self.client.documents_get(copy["id"])  # its revision, for the fill's writeControl
        self._fill(copy["id"], name, structure, spec, fill, link)
        doc = StoredDocument(key=key, kind=spec.key, name=name, link=link, pairs=tuple(pairs), id=copy["id"])
        if self.settings.get("pdf"):
            self._pdf(doc)
        return doc

    @contextlib.contextmanager
    def _about(self, name: str, link: str) -> Iterator[None]:
        """A failure of a call on the document `name`: said with its name and link."""
        try:
            yield
        except GoogleApiError as exc:
            raise WorkspaceError(ru.DOCUMENTS["document_failed"].format(
                name=name, link=link, reason=_sentence(f"{exc.operation}: {_reason(exc)}"))) from exc
        except RetriesExhausted as exc:
            raise RetriesExhausted(ru.DOCUMENTS["document_failed"].format(name=name, link=link, reason=_sentence(str(exc))),
                                   exc.operation, exc.attempts, exc.last) from exc

    def _written(self, doc_id: str, done) -> Any:
        """A ``landed`` for a ``documents.batchUpdate``: the document read again, and an empty
        answer (the write is there) when ``done(document)``, else None (send it again)."""
        def look(exc: Exception) -> dict[str, Any] | None:
            return {} if done(self.client.documents_get(doc_id)) else None
        return look

    def _fill(self, doc_id: str, name: str, structure: dict[str, Any], spec: TemplateSpec, fill: Fill,
              link: str = "") -> None:
        """ONE batchUpdate filling the copy `doc_id` (`structure`: its ``documents.get``), sent
        with its revision so that it is applied once; its pictures shared for the moment it takes
        (module docstring)."""
        link = link or _doc_link(doc_id)

        def filled(doc: dict[str, Any]) -> bool:
            return not set(placeholders(_content_text(_body(doc)))) & (spec.known | set(fill.images))

        shared: dict[str, tuple[str, str]] = {}  # placeholder → (picture's file id, permission id)
        uris: dict[str, str] = {}
        # a picture whose placeholder the template lacks (one placed by an earlier version) is
        # neither uploaded nor shared: nothing would take it
        present = set(placeholders(_content_text(_body(structure))))
        with self._about(name, link):
            try:
                for placeholder, image in fill.images.items():
                    if placeholder not in present:
                        continue
                    try:
                        uris[placeholder] = self._share_image(name, placeholder, image, shared)
                    except GoogleApiError as exc:
                        self.lines.append(ru.DOCUMENTS["image_failed"].format(name=name, reason=_reason(exc)))
                try:
                    self._send_fill(doc_id, structure, spec, fill, uris, filled)
                except GoogleApiError as exc:
                    if not uris or exc.code != 400 or is_revision_refusal(exc):  # not about fetching a picture
                        raise
                    self.lines.append(ru.DOCUMENTS["image_failed"].format(name=name, reason=_reason(exc)))
                    self._send_fill(doc_id, structure, spec, fill, {}, filled)
            finally:
                for file_id, permission_id in shared.values():
                    self._unshare(name, file_id, permission_id)

    def _send_fill(self, doc_id: str, structure: dict[str, Any], spec: TemplateSpec, fill: Fill,
                   uris: Mapping[str, str], filled) -> None:
        """The fill, at the revision of `structure`; refused because the document changed
        meanwhile (staff typing into a fresh copy) — once more on the document as it is now."""
        for attempt in range(2):
            try:
                self.client.documents_batch_update(
                    doc_id, fill_requests(structure, spec, fill, uris),
                    required_revision=structure.get("revisionId", ""), landed=self._written(doc_id, filled))
                return
            except GoogleApiError as exc:
                if attempt or not is_revision_refusal(exc):
                    raise
                structure = self.client.documents_get(doc_id)
                if filled(structure):
                    return

    def refresh_table(self, doc: StoredDocument, headers: Sequence[str],
                      rows: Sequence[Sequence[str]]) -> bool | None:
        """Issue 19 (`DocumentStore.refresh_table`): ONE batchUpdate on the table's rows only —
        the new rows inserted below the header, the old ones deleted, the texts inserted —
        sent at the revision read, so a repeat that landed is refused rather than applied twice
        (and a document staff changed meanwhile is read again once)."""
        with self._about(doc.name, doc.link):
            structure = self.client.documents_get(doc.id)
            for attempt in range(2):
                table = table_with_header(structure, headers)
                if table is None:
                    return None
                wanted = _fitted(rows, len(table["table"]["tableRows"][0].get("tableCells", [])))
                if table_texts(table)[1:] == wanted:
                    return False

                def done(now: dict[str, Any]) -> bool:
                    found = table_with_header(now, headers)
                    return found is not None and table_texts(found)[1:] == wanted

                try:
                    self.client.documents_batch_update(
                        doc.id, table_rows_requests(table, wanted),
                        required_revision=structure.get("revisionId", ""), landed=self._written(doc.id, done))
                    return True
                except GoogleApiError as exc:
                    if attempt or not is_revision_refusal(exc):
                        raise
                    structure = self.client.documents_get(doc.id)
        return True  # pragma: no cover - the loop returns or raises

    def _share_image(self, name: str, placeholder: str, image: Image, shared: dict[str, tuple[str, str]]) -> str:
        """Upload a picture and share it by link; its public address (raises `GoogleApiError`)."""
        body = {"name": f"{name} — {placeholder}.png", "mimeType": "image/png",
                "parents": [self._folder("output", create=True)], "appProperties": {MARK: "image"}}
        uploaded = self._create_once(body, "id,webContentLink", upload=(image.png, "image/png"))
        shared[placeholder] = (uploaded["id"], "")  # removed by `_fill` even when sharing fails
        anyone = {"type": "anyone", "role": "reader"}
        permission = self.client.permissions_create(uploaded["id"], anyone)
        shared[placeholder] = (uploaded["id"], permission.get("id", ""))
        return uploaded.get("webContentLink") or f"https://drive.google.com/uc?id={uploaded['id']}&export=download"

    def _sweep_picture(self, f: dict[str, Any]) -> None:
        """A picture an earlier run left (its upload landed after the run had moved on): its link
        sharing revoked and the file removed, as `_unshare` does after a fill."""
        name = f.get("name", "")
        try:
            shared = [p["id"] for p in self.client.permissions_list(f["id"]) if p.get("type") == "anyone"]
        except (GoogleApiError, RetriesExhausted) as exc:
            self.lines.append(ru.DOCUMENTS["image_not_removed"].format(
                name=name, where=f"https://drive.google.com/file/d/{f['id']}/view", reason=exc))
            return
        for permission_id in shared[:-1]:
            self._unshare(name, f["id"], permission_id, remove=False)
        self._unshare(name, f["id"], shared[-1] if shared else "")
        self.lines.append(ru.DOCUMENTS["image_swept"].format(name=name))

    def _unshare(self, name: str, file_id: str, permission_id: str, remove: bool = True) -> None:
        """The picture's link sharing revoked first, then the picture deleted — or trashed where
        deleting is not allowed (a Content manager of a shared drive may trash, not delete).
        What cannot be done is said, with the file to remove by hand."""
        where = f"https://drive.google.com/file/d/{file_id}/view"
        try:
            if permission_id:
                self.client.permissions_delete(file_id, permission_id)
        except (GoogleApiError, RetriesExhausted) as exc:
            self.lines.append(ru.DOCUMENTS["image_still_shared"].format(name=name, where=where, reason=exc))
        if not remove:
            return
        try:
            self.client.files_delete(file_id)
            return
        except GoogleApiError as exc:
            if exc.code != 403:
                self.lines.append(ru.DOCUMENTS["image_not_removed"].format(name=name, where=where, reason=_reason(exc)))
                return
        except RetriesExhausted as exc:
            self.lines.append(ru.DOCUMENTS["image_not_removed"].format(name=name, where=where, reason=exc))
            return
        try:
            self.client.files_update(file_id, {"trashed": True})
        except (GoogleApiError, RetriesExhausted) as exc:
            self.lines.append(ru.DOCUMENTS["image_not_removed"].format(name=name, where=where, reason=exc))

    def _pdf(self, doc: StoredDocument) -> None:
        folder = Path(self.settings.get("pdf_dir") or "pdf")
        try:
            with self.workspace.google_errors():
                data = self.client.files_export(doc.id, "application/pdf")
            private_dir(folder)
            write_bytes(folder / (re.sub(r'[\\/:*?"<>|]+', "-", doc.name) + ".pdf"), data)
        except (OSError, GoogleApiError) as exc:
            self.lines.append(ru.DOCUMENTS["pdf_failed"].format(name=doc.name, reason=exc))


def _reason(exc: GoogleApiError) -> str:
    return f"Google ответил {exc.code} {exc.status or exc.reason}: {exc.message}".rstrip(": ")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _doc_link(file_id: str) -> str:
    return f"https://docs.google.com/document/d/{file_id}/edit"


def _pairs_of(description: str) -> tuple[str, ...]:
    for line in description.splitlines():
        if line.startswith(PAIRS_PREFIX):
            return tuple(p.strip() for p in line[len(PAIRS_PREFIX):].split(",") if p.strip())
    return ()


def open_store(workspace, settings: Mapping[str, Any]) -> GoogleDocumentStore:
    """The document store of a `GoogleWorkspace` (found by `sync.workspace.backend_module`)."""
    return GoogleDocumentStore(workspace, settings)
