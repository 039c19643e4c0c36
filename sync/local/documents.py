"""Documents on the local backend: .docx templates in ``templates/``, documents in ``documents/``.

Templates are written by python-docx from `sheets_schema.templates` (never shipped as binary
files) and filled by docxtpl in the sandbox of `sync.local.template_sandbox`, which also decides
which tags a template may hold (checked when it is read and again before it is filled): a
repeated table row sits between a ``{%tr for pair in pairs %}`` row and a ``{%tr endfor %}``
row. A document is written to a temporary file and renamed into place, then its record —
``documents/.nastavnik/<key>.json`` with the key, kind, file and pairs — is written the same
way; a document counts as made only when both exist, so a run after a crash makes again (under
the same name) what had no record. PDF copies come from LibreOffice
(``soffice --headless --convert-to pdf``) when it is installed. A picture of `Fill.images`
(the report's chart) goes in as a docxtpl ``InlineImage`` in place of its placeholder.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Mapping, Sequence

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError  # a cut or non-.docx file
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate, InlineImage

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sheets_schema.templates import (
    ANY_TAG, PLACEHOLDER, ROW_LOOP, Fill, Paragraph, TemplateSpec, placeholders,
)
from sync.file_errors import access_error, file_access
from sync.safe_files import private_dir, refuse_link, share_path, write_with
from sync.local.template_sandbox import MAX_DOCUMENT_MB, RENDER_SECONDS, RenderLimit, refused_tags, render
from sync.workspace import DocumentStore, StoredDocument, TemplateError, TemplateSource

TEMPLATES = "templates"
DOCUMENTS = "documents"
RECORDS = ".nastavnik"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(name: str) -> str:
    """A document name as a file name (characters Windows refuses replaced)."""
    return _UNSAFE.sub("-", name).strip(" .")[:150]


def build_template(spec: TemplateSpec):
    """The default .docx template of `spec` (a python-docx Document)."""
    doc = new_docx()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    for block in spec.blocks:
        if isinstance(block, Paragraph):
            para = doc.add_paragraph()
            para.alignment = ALIGN[block.align]
            if block.text:
                run = para.add_run(block.text)  # one run: a docxtpl tag must not be split
                run.bold = block.bold
                run.font.size = Pt(block.size)
            continue
        columns = len(block.headers)
        table = doc.add_table(rows=4, cols=columns)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, header in enumerate(block.headers):
            cell = table.rows[0].cells[i]
            cell.paragraphs[0].add_run(header).bold = True
        table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {block.item} in {block.rows} %}}")
        for i, text in enumerate(block.cells):
            if text:
                table.rows[2].cells[i].paragraphs[0].add_run(text)
        table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    return doc


def docx_texts(path: Path) -> list[str]:
    """The text of every paragraph of a .docx, table cells included, in order."""
    from docx import Document as open_docx

    doc = open_docx(str(path))
    out: list[str] = []

    def walk(container) -> None:
        for item in container.iter_inner_content():
            if hasattr(item, "rows"):
                for row in item.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)
            else:
                out.append(item.text)

    walk(doc)
    return out


def _atomic_write(path: Path, write) -> None:
    """`write(temporary path)`, renamed over `path`: link-safe, with the workspace's file mode
    (owner only, or the group's under ``[files] group``: `sync.safe_files`); FileAccessError
    when the folder cannot be written."""
    private_dir(path.parent)
    write_with(path, write)


class LocalDocumentStore(DocumentStore):
    """Templates and documents in the workspace directory (see the module docstring)."""

    def __init__(self, workspace, settings: Mapping[str, Any]):
        self.directory = Path(workspace.directory)
        self.settings = dict(settings)
        self.lines: list[str] = []
        self._pdf_warned = False

    # --- templates ----------------------------------------------------------------------------
    def template_path(self, spec: TemplateSpec) -> Path:
        return self.directory / TEMPLATES / f"{file_name(spec.name)}.docx"

    def place_templates(self, specs: Sequence[TemplateSpec]) -> list[str]:
        lines = []
        for spec in specs:
            path = self.template_path(spec)
            if path.exists():
                continue
            _atomic_write(path, lambda tmp, spec=spec: build_template(spec).save(tmp))
            lines.append(ru.DOCUMENTS["template_placed"].format(name=spec.name, where=self._rel(path)))
        return lines

    def read_templates(self, specs: Sequence[TemplateSpec]) -> dict[str, TemplateSource | None]:
        return {spec.key: self._read_template(spec) for spec in specs}

    def _read_template(self, spec: TemplateSpec) -> TemplateSource | None:
        path = self.template_path(spec)
        if not path.exists():
            return None
        where = self._rel(path)
        try:
            texts = docx_texts(path)
        except OSError as exc:  # no permission, an I/O failure: a file error, not a bad template
            raise access_error(exc, path) from exc
        except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
            return TemplateSource(spec.key, where, problems=(ru.DOCUMENTS["template_unreadable"].format(
                template=spec.name, where=where, reason=exc.__class__.__name__),))
        names: list[str] = []
        rows: list[tuple[str, str]] = []
        stray: list[str] = []
        for text in texts:
            names += placeholders(text)
            rows += [(m.group(1), m.group(2)) for m in ROW_LOOP.finditer(text)]
            rest = ANY_TAG.sub(" ", PLACEHOLDER.sub(" ", text))
            if "{{" in rest or "}}" in rest:
                stray.append(" ".join(rest.split())[:60])
        try:
            # an unclosed «{{» is explained by the check below, not by Jinja's parser
            refused = refused_tags(spec, DocxTemplate(str(path)), texts, dict(template=spec.name, where=where),
                                   explain_syntax=not stray)
        except OSError as exc:
            raise access_error(exc, path) from exc
        except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
            return TemplateSource(spec.key, where, problems=(ru.DOCUMENTS["template_unreadable"].format(
                template=spec.name, where=where, reason=exc.__class__.__name__),))
        return TemplateSource(spec.key, where, tuple(names), tuple(rows), tuple(stray), tuple(refused),
                              row_hint="docx")

    # --- documents ----------------------------------------------------------------------------
    @property
    def records(self) -> Path:
        return self.directory / DOCUMENTS / RECORDS

    def _record_path(self, key: str) -> Path:
        return self.records / (hashlib.sha1(key.encode("utf-8")).hexdigest()[:20] + ".json")

    def existing(self) -> dict[str, StoredDocument]:
        found: dict[str, StoredDocument] = {}
        if not self.records.is_dir():
            return found
        for path in sorted(self.records.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            doc = StoredDocument(key=data["key"], kind=data["kind"], name=data["name"], link=data["link"],
                                 pairs=tuple(data.get("pairs", ())), id=data["file"],
                                 created=data.get("created", ""))
            if (self.directory / doc.id).exists():
                found[doc.key] = doc
        return found

    def create(self, spec: TemplateSpec, name: str, fill: Fill, key: str,
               pairs: Sequence[str] = (), found: StoredDocument | None = None) -> StoredDocument:
        if found is not None and (self.directory / found.id).exists():
            return found  # written whole or not at all: nothing to complete
        path = self._free_path(name, key)
        template = self._checked_template(spec)
        context = fill.context()
        for placeholder, image in fill.images.items():  # a picture in place of its placeholder
            context[placeholder] = InlineImage(template, io.BytesIO(image.png), width=Cm(image.width_cm))
        seconds = float(self.settings.get("render_seconds", RENDER_SECONDS))
        max_mb = float(self.settings.get("max_document_mb", MAX_DOCUMENT_MB))
        try:
            render(template, context, seconds=seconds, max_mb=max_mb)
        except RenderLimit as exc:
            which = "template_render_slow" if exc.what == "time" else "template_render_big"
            raise TemplateError([ru.DOCUMENTS[which].format(
                name=name, template=spec.name, where=self._rel(self.template_path(spec)),
                seconds=f"{seconds:g}", mb=f"{max_mb:g}")]) from None
        _atomic_write(path, lambda tmp: template.save(tmp))
        rel = self._rel(path)
        doc = StoredDocument(key=key, kind=spec.key, name=name, link=rel, pairs=tuple(pairs), id=rel,
                             created=dt.datetime.now().isoformat(timespec="seconds"))
        record = {"key": key, "kind": doc.kind, "name": name, "link": rel, "file": rel,
                  "pairs": list(pairs), "created": doc.created}
        _atomic_write(self._record_path(key), lambda tmp: Path(tmp).write_text(
            json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"))
        if self.settings.get("pdf"):
            self._pdf(path)
        return doc

    def _checked_template(self, spec: TemplateSpec) -> DocxTemplate:
        """The template of `spec` as loaded for filling, its tags checked again on that very copy:
        a file swapped since `read_templates` cannot bring in a refused tag."""
        path = self.template_path(spec)
        where = self._rel(path)
        with file_access(path):
            template = DocxTemplate(str(path))
        refused = refused_tags(spec, template, [], dict(template=spec.name, where=where))
        if refused:
            raise TemplateError(refused + [ru.DOCUMENTS["templates_stop"]])
        return template

    def _free_path(self, name: str, key: str) -> Path:
        """documents/<name>.docx, or <name> (2).docx when another document has that name."""
        taken = {d.id: d.key for d in self.existing().values()}
        base = file_name(name)
        for n in range(1, 1000):
            candidate = self.directory / DOCUMENTS / (f"{base}.docx" if n == 1 else f"{base} ({n}).docx")
            owner = taken.get(self._rel(candidate))
            if owner is None or owner == key:
                return candidate
        raise RuntimeError(name)  # pragma: no cover

    def _pdf(self, path: Path) -> None:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            if not self._pdf_warned:
                self.lines.append(ru.DOCUMENTS["pdf_missing"])
                self._pdf_warned = True
            return
        target = refuse_link(path.with_suffix(".pdf"))
        scratch = Path(tempfile.mkdtemp(prefix=".nastavnik-pdf-", dir=path.parent))  # 0700, ours alone
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(scratch), str(path)],
                           check=True, capture_output=True, timeout=180)
            made = scratch / target.name
            share_path(made)  # the workspace's file mode (and group, under [files] group)
            refuse_link(target)
            os.replace(made, target)  # a rename within the folder: never through a planted link
        except (OSError, subprocess.SubprocessError) as exc:
            self.lines.append(ru.DOCUMENTS["pdf_failed"].format(name=path.name, reason=exc))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.directory).as_posix()
        except ValueError:
            return str(path)

    def refresh_table(self, doc: StoredDocument, headers: Sequence[str],
                      rows: Sequence[Sequence[str]]) -> bool | None:
        """Issue 19 (`DocumentStore.refresh_table`): the .docx's table rows below the header,
        rewritten in place — each new row a copy of the first data row (its formatting kept), the
        document written atomically; paragraphs and other tables are left as they are."""
        from docx import Document as open_docx

        path = self.directory / doc.id
        document = open_docx(str(path))
        table = _table_with_header(document, headers)
        if table is None:
            return None
        wanted = [[_cell_text(text) for text in row] for row in rows]
        if _table_rows(table)[1:] == wanted:
            return False
        body = table.rows[1:]
        model = copy.deepcopy((body[0] if body else table.rows[0])._tr)
        for row in body:
            table._tbl.remove(row._tr)
        for values in wanted:
            tr = copy.deepcopy(model)
            table._tbl.append(tr)
            for cell, text in zip(table.rows[-1].cells, values):
                _set_cell_text(cell, text)
        _atomic_write(path, lambda tmp: document.save(tmp))
        return True


def _cell_text(text: object) -> str:
    return " ".join(str(text or "").split())


def _table_rows(table) -> list[list[str]]:
    return [[_cell_text(cell.text) for cell in row.cells] for row in table.rows]


def _table_with_header(document, headers: Sequence[str]):
    """The first table (top level) whose first row reads `headers`, or None."""
    wanted = [normalise_header(h) for h in headers]
    for table in document.tables:
        if table.rows and [normalise_header(c.text) for c in table.rows[0].cells][:len(wanted)] == wanted:
            return table
    return None


def _set_cell_text(cell, text: str) -> None:
    """The cell's text as one run of its first paragraph (the run's formatting kept); any other
    paragraph of the cell removed."""
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph = paragraphs[0]
    runs = paragraph.runs
    for extra in runs[1:]:
        extra._r.getparent().remove(extra._r)
    if runs:
        runs[0].text = text
    else:
        paragraph.add_run(text)


def open_store(workspace, settings: Mapping[str, Any]) -> LocalDocumentStore:
    """The document store of a `LocalWorkspace` (found by `sync.workspace.backend_module`)."""
    return LocalDocumentStore(workspace, settings)
