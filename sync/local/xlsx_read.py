"""Reading tabs of an .xlsx straight from the package XML: cell texts as the sheet shows them,
formulas as their computed values, and the merged ranges.

Why not openpyxl's ``load_workbook``: it gives either a formula's text (``data_only=False``) or
its cached value (``data_only=True``), never both, so a formula the file has no value for (the
file was written by a tool that does not calculate) cannot be told from an empty cell; and it
builds every tab and style in full. This reads only the asked tabs, row by row (lxml iterparse),
and renders each value exactly as the openpyxl reading did (`cell_text`): dates by the cell's
number format as dd.mm.yyyy, whole numbers without ".0", booleans as TRUE/FALSE.
"""
from __future__ import annotations

import datetime as dt
import os
import posixpath
import zipfile
from typing import IO, Sequence

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from sheets_schema.grid import Merge, SheetGrid, UncomputedFormula, normalise_header

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _C, _V, _F, _IS, _T, _R, _SI, _MERGE = (MAIN + t for t in ("row", "c", "v", "f", "is", "t", "r", "si", "mergeCell"))


def cell_text(value: object) -> str:
    """A cell's value as the sheet shows it (dates as dd.mm.yyyy, whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Package:
    """The parts of the workbook a read needs, each parsed at most once."""

    def __init__(self, archive: zipfile.ZipFile):
        self.zip = archive
        book = _workbook_part(archive)
        root = _xml(archive.read(book))
        pr = root.find(MAIN + "workbookPr")
        self.epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true") else WINDOWS_EPOCH
        targets: dict[str | None, str] = {}  # relationship id → part name
        self.parts: dict[str, str] = {}  # relationship kind → part name
        folder, name = posixpath.split(book)
        for rel in _xml(archive.read(posixpath.join(folder, "_rels", name + ".rels"))).iter(PKG_REL + "Relationship"):
            target = _part_name(folder, rel.get("Target", ""))
            targets[rel.get("Id")] = target
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            self.parts.setdefault(kind, target)
        self.sheets: dict[str, str] = {}  # normalised title → part name
        for sheet in root.iter(MAIN + "sheet"):
            part = targets.get(sheet.get(REL + "id"))
            if part:
                self.sheets.setdefault(normalise_header(sheet.get("name", "")), part)
        self._strings: list[str] | None = None
        self._styles: tuple[set[int], set[int]] | None = None

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            part = self.parts.get("sharedStrings")
            self._strings = _shared_strings(self.zip.open(part)) if part in self.zip.namelist() else []
        return self._strings

    @property
    def styles(self) -> tuple[set[int], set[int]]:
        """Indices of the cell styles showing dates, and those showing durations."""
        if self._styles is None:
            part = self.parts.get("styles")
            self._styles = _date_styles(self.zip.read(part)) if part in self.zip.namelist() else (set(), set())
        return self._styles


_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


def _xml(data: bytes):
    return etree.fromstring(data, _PARSER)


def _workbook_part(archive: zipfile.ZipFile) -> str:
    """The workbook part named by the package's relationships (xl/workbook.xml as Excel has it)."""
    try:
        rels = _xml(archive.read("_rels/.rels"))
    except KeyError:
        return "xl/workbook.xml"
    for rel in rels.iter(PKG_REL + "Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return _part_name("", rel.get("Target", ""))
    return "xl/workbook.xml"


def _part_name(folder: str, target: str) -> str:
    """A relationship target of a part in `folder` → the zip member name."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


class BrokenSheet(ValueError):
    """A tab's sheet part that is not well-formed XML (an undefined entity, a cut-off tag): which
    tab, which part, and the parser's reason (line and column). Entities are never expanded."""

    def __init__(self, title: str, part: str, reason: str):
        super().__init__(f"«{title}» ({part}): {reason}")
        self.title, self.part, self.reason = title, part, reason


def read_tabs(file: str | os.PathLike[str] | IO[bytes], titles: Sequence[str]) -> dict[str, SheetGrid | None]:
    """The grids of the named tabs (found as `normalise_header` compares titles); None for a
    tab the workbook does not have. Raises zipfile.BadZipFile, KeyError or lxml's XMLSyntaxError
    for a file that is not a readable workbook, `BrokenSheet` for a tab's part that is not XML."""
    with zipfile.ZipFile(file) as archive:
        package = _Package(archive)
        result: dict[str, SheetGrid | None] = {}
        for title in titles:
            part = package.sheets.get(normalise_header(title))
            if part is None:
                result[title] = None
                continue
            try:
                result[title] = _read_sheet(package, part)
            except etree.XMLSyntaxError as exc:
                raise BrokenSheet(title, part, exc.msg) from exc
        return result


def _plain_text(node) -> str:
    """The text of a string item (<si> or <is>): its own <t> and its rich-text runs' <t>;
    phonetic guides (<rPh>) are not shown in the cell."""
    parts = []
    for child in node:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            parts.extend(t.text or "" for t in child if t.tag == _T)
    return "".join(parts)


def _shared_strings(source: IO[bytes]) -> list[str]:
    strings = []
    for _, si in etree.iterparse(source, events=("end",), tag=_SI, resolve_entities=False,
                                    huge_tree=True):
        strings.append(_plain_text(si).replace("x005F_", ""))  # as openpyxl read them
        si.clear()
    return strings


def _date_styles(xml: bytes) -> tuple[set[int], set[int]]:
    root = _xml(xml)
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(MAIN + "numFmt")}
    dates, durations = set(), set()
    xfs = root.find(MAIN + "cellXfs")
    for idx, xf in enumerate(xfs.iterchildren(MAIN + "xf") if xfs is not None else ()):
        fmt_id = int(xf.get("numFmtId", 0))
        fmt = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id) or "General"
        if is_date_format(fmt):
            dates.add(idx)
        if is_timedelta_format(fmt):
            durations.add(idx)
    return dates, durations


def _number(text: str) -> int | float:
    return float(text) if ("." in text or "E" in text or "e" in text) else int(text)


def _value(package: _Package, c) -> object:
    """A cell element → the Python value openpyxl gave (data_only), or an `UncomputedFormula`."""
    kind = c.get("t", "n")
    text = formula = inline = None
    for child in c:
        tag = child.tag
        if tag == _V:
            text = child.text or None
        elif tag == _F:
            formula = child
        elif tag == _IS:
            inline = child
    if kind == "inlineStr":
        if inline is None:
            return None
        return _plain_text(inline)
    if text is None:
        if formula is not None and kind != "str":
            return UncomputedFormula("=" + (formula.text or ""))
        return None
    if kind == "n":
        value = _number(text)
        style = c.get("s")
        if style:
            dates, durations = package.styles
            if int(style) in dates:
                try:
                    return from_excel(value, package.epoch, timedelta=int(style) in durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"
        return value
    if kind == "s":
        return package.strings[int(text)]
    if kind == "b":
        return bool(int(text))
    if kind == "d":
        return from_ISO8601(text)
    return text  # "str" (a formula's text result), "e" (an error such as #DIV/0!)


_COLUMNS: dict[str, int] = {}


def _column(ref: str) -> int:
    """The 1-based column of a cell reference such as "AB12"."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        _COLUMNS[letters] = col
    return col


def _read_sheet(package: _Package, part: str) -> SheetGrid:
    cells: dict[tuple[int, int], object] = {}
    merges: list[Merge] = []
    max_row = max_col = 0
    row_no = 0
    with package.zip.open(part) as source:
        for _, el in etree.iterparse(source, events=("end",), tag=(_ROW, _MERGE),
                                        resolve_entities=False, huge_tree=True):
            if el.tag == _MERGE:
                min_c, min_r, max_c, max_r = range_boundaries(el.get("ref"))
                merges.append(Merge(min_r, max_r, min_c - 1, max_c - 1))
                continue
            r = el.get("r")
            row_no = int(r) if r else row_no + 1
            col_no = 0
            for c in el.iterchildren(_C):
                ref = c.get("r")
                col_no = _column(ref) if ref else col_no + 1
                value = _value(package, c)
                if value is not None:
                    cells[(row_no, col_no - 1)] = value
            if col_no:
                max_row = row_no
                max_col = max(max_col, col_no)
            el.clear()
    for m in merges:  # as openpyxl did: a merge covers its cells, only its first cell has a value
        max_row, max_col = max(max_row, m.last_row), max(max_col, m.last_col + 1)
        for r in range(m.first_row, m.last_row + 1):
            for col in range(m.first_col, m.last_col + 1):
                if (r, col) != (m.first_row, m.first_col):
                    cells.pop((r, col), None)
    rows = [[""] * max_col for _ in range(max_row)]  # no cells at all: no rows, as openpyxl read it
    for (r, col), value in cells.items():
        rows[r - 1][col] = value if isinstance(value, UncomputedFormula) else cell_text(value)
    return SheetGrid(rows, merges)
