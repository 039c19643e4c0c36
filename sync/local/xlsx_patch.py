"""Cell writes applied to one sheet's XML: only the written cells' `<c>` elements change.

Rules (issue 13, item 1):

- text is written as an inline string (``t="inlineStr"``, ``<is><t xml:space="preserve">``), so
  ``xl/sharedStrings.xml`` never changes; a value starting with "=" is text like any other (no
  ``<f>`` is ever written);
- an existing cell keeps its style (``s``) and its place; a formula cell that is overwritten
  loses its ``<f>`` (and cached value); when it was the first cell of a shared formula, the other
  cells of that formula get their own copy of it, translated to their position;
- a new cell is put in column order, in its row (made in row order when missing), with the
  style Excel would give a cell typed there: the row's (``<row s customFormat="1">``), else the
  column's (``<col style>``), else none;
- writing "" removes the value; a styled cell stays (without value), an unstyled one goes;
- a merged range with a written cell that is not its first one is unmerged (its `<mergeCell>`
  removed), so each row gets its own value — the first cell keeps what it holds;
- ``<dimension ref>`` grows to cover the written cells; everything else in the sheet
  (views, columns, conditional formats, validations, ``extLst``, drawings…) is left as parsed.

Characters XML 1.0 cannot hold are removed here whatever the caller did (`xml_text`): one bad
value must never stop a save. A text longer than Excel's 32,767 characters is cut there, as
openpyxl did, so Excel never has to repair the file.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from lxml import etree

from sync.local.xlsx_package import parse_xml, xml_bytes

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_CELL_TEXT = 32767  # Excel's limit on the characters of a cell (openpyxl cut texts there too)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 cannot store (control characters but tab/newline/CR,
    U+FFFE, U+FFFF, lone surrogates)."""
    return _ILLEGAL.sub("", value)


@functools.lru_cache(maxsize=4096)
def column_index(letters: str) -> int:
    """A1 letters → 1-based column number."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _column_of(ref: str) -> int:
    """The column number of a cell reference as Excel writes it (``"AB12"`` → 28), fast."""
    letters = ref.rstrip("0123456789")
    if letters.isalpha() and letters.isascii() and len(letters) <= 3 and len(letters) < len(ref):
        return column_index(letters)
    return split_ref(ref)[1]


def column_letters(number: int) -> str:
    """1-based column number → A1 letters."""
    letters = ""
    while number:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def split_ref(ref: str) -> tuple[int, int]:
    """``"B12"`` → (row 12, column 2)."""
    m = _REF.match(ref.strip())
    if not m:
        raise ValueError(ref)
    return int(m.group(2)), column_index(m.group(1))


def _range(ref: str) -> tuple[int, int, int, int]:
    """``"A1:C3"`` → (min_row, min_col, max_row, max_col)."""
    first, _, last = ref.partition(":")
    r1, c1 = split_ref(first)
    r2, c2 = split_ref(last or first)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


@dataclass(frozen=True)
class SheetWrite:
    """One cell to set: 1-based row, 1-based column, text ("" empties the cell)."""

    row: int
    col: int
    value: str


@dataclass
class PatchResult:
    xml: bytes
    formulas_removed: list[str] = field(default_factory=list)  # refs of cells that lost an <f>
    unmerged: list[str] = field(default_factory=list)  # merged ranges removed


def patch_sheet(xml: bytes, writes: Iterable[SheetWrite]) -> PatchResult:
    """The sheet XML `xml` with `writes` applied (the last write of a cell wins)."""
    tree = parse_xml(xml)
    sheet = _Sheet(tree.getroot())
    last: dict[tuple[int, int], str] = {}
    for w in writes:
        last[w.row, w.col] = xml_text(w.value)[:MAX_CELL_TEXT]
    unmerged = sheet.unmerge(last)
    removed = []
    for (row, col), value in sorted(last.items()):
        if sheet.set_value(row, col, value):
            removed.append(f"{column_letters(col)}{row}")
    sheet.grow_dimension([rc for rc, v in last.items() if v != ""])
    return PatchResult(xml_bytes(tree, xml), removed, unmerged)


class _Sheet:
    def __init__(self, root: etree._Element):
        self.root = root
        self.ns = etree.QName(root).namespace
        self.q = lambda name: f"{{{self.ns}}}{name}"
        data = root.find(self.q("sheetData"))
        if data is None:
            data = etree.Element(self.q("sheetData"))
            before = [root.find(self.q(n)) for n in ("cols", "sheetFormatPr", "sheetViews", "dimension", "sheetPr")]
            anchor = next((e for e in before if e is not None), None)
            if anchor is not None:
                anchor.addnext(data)
            else:
                root.insert(0, data)
        self.data = data
        self.rows: dict[int, etree._Element] = {}
        number = 0
        row_tag = self.q("row")
        for row in data.iterchildren(row_tag):
            r = row.get("r")
            number = int(r) if r else number + 1
            if not r:
                row.set("r", str(number))
            self.rows[number] = row
        self.numbers = sorted(self.rows)
        self.was_empty = not self.rows
        self._col_styles: list[tuple[int, int, str]] | None = None

    # --- merged ranges -------------------------------------------------------------------------
    def unmerge(self, cells: Iterable[tuple[int, int]]) -> list[str]:
        merges = self.root.find(self.q("mergeCells"))
        if merges is None:
            return []
        ranges = []
        for merge in merges.iterchildren(self.q("mergeCell")):
            try:
                ranges.append((_range(merge.get("ref", "")), merge))
            except ValueError:
                continue
        removed = []
        for row, col in cells:
            for (r1, c1, r2, c2), merge in ranges:
                if merge.getparent() is None:
                    continue
                if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                    removed.append(merge.get("ref"))
                    merges.remove(merge)
        if removed:
            left = len(merges.findall(self.q("mergeCell")))
            if left:
                merges.set("count", str(left))
            else:
                self.root.remove(merges)
        return removed

    # --- rows and cells ------------------------------------------------------------------------
    def row(self, number: int, create: bool) -> etree._Element | None:
        row = self.rows.get(number)
        if row is not None or not create:
            return row
        row = etree.Element(self.q("row"), r=str(number))
        at = bisect.bisect(self.numbers, number)
        if at < len(self.numbers):
            self.rows[self.numbers[at]].addprevious(row)
        else:
            self.data.append(row)
        self.numbers.insert(at, number)
        self.rows[number] = row
        return row

    def find_cell(self, number: int, row: etree._Element, col: int) -> tuple[etree._Element | None, etree._Element | None]:
        """The cell of column `col` in `row`, or None and the cell a new one goes before (None: at
        the end). Compares the references as written (fast); cells written without ``r`` get it."""
        ref = f"{column_letters(col)}{number}"
        children = row.findall(self.q("c"))
        for c in children:
            r = c.get("r")
            if r == ref:
                return c, None
            if r is None:
                self._materialise_refs(number, children)
                return self.find_cell(number, row, col)
        if not children or _column_of(children[-1].get("r")) < col:
            return None, None
        for c in children:
            if _column_of(c.get("r")) > col:
                return None, c
        return None, None

    @staticmethod
    def _materialise_refs(number: int, children: list[etree._Element]) -> None:
        col = 0
        for c in children:
            ref = c.get("r")
            if ref:
                col = _column_of(ref)
            else:
                col += 1
                c.set("r", f"{column_letters(col)}{number}")

    def new_cell_style(self, row: etree._Element, col: int) -> str | None:
        if row.get("customFormat") in ("1", "true") and row.get("s"):
            return row.get("s")
        if self._col_styles is None:
            self._col_styles = []
            cols = self.root.find(self.q("cols"))
            for c in cols.iterchildren(self.q("col")) if cols is not None else ():
                if c.get("style") not in (None, "0"):
                    self._col_styles.append((int(c.get("min", 0)), int(c.get("max", 0)), c.get("style")))
        for low, high, style in self._col_styles:
            if low <= col <= high:
                return style
        return None

    def set_value(self, number: int, col: int, value: str) -> bool:
        """Set one cell; True when it held a formula that is now gone."""
        row = self.row(number, create=value != "")
        if row is None:
            return False
        cell, following = self.find_cell(number, row, col)
        if cell is None:
            if value == "":
                return False
            cell = etree.Element(self.q("c"), r=f"{column_letters(col)}{number}")
            style = self.new_cell_style(row, col)
            if style is not None:
                cell.set("s", style)
            if following is not None:
                following.addprevious(cell)
            else:
                ext = row.find(self.q("extLst"))
                if ext is not None:
                    ext.addprevious(cell)
                else:
                    row.append(cell)
            self._extend_spans(row, col)
        had_formula = False
        for child in list(cell):
            name = etree.QName(child).localname
            if name == "f":
                had_formula = True
                self._release_shared(cell, child)
            if name in ("f", "v", "is"):
                cell.remove(child)
        for attr in ("t", "vm", "cm"):
            cell.attrib.pop(attr, None)
        if value == "":
            if cell.get("s") is None and len(cell) == 0:
                row.remove(cell)
            return had_formula
        cell.set("t", "inlineStr")
        inline = etree.Element(self.q("is"))
        text = etree.SubElement(inline, self.q("t"))
        text.set(XML_SPACE, "preserve")
        text.text = value
        cell.insert(0, inline)
        return had_formula

    def _extend_spans(self, row: etree._Element, col: int) -> None:
        spans = row.get("spans")
        if not spans:
            return
        low, sep, high = spans.partition(":")
        if " " in spans or not sep or not low.isdigit() or not high.isdigit():
            del row.attrib["spans"]
            return
        row.set("spans", f"{min(int(low), col)}:{max(int(high), col)}")

    def _release_shared(self, cell: etree._Element, formula: etree._Element) -> None:
        """The first cell of a shared formula is overwritten: give every other cell of it the
        formula of its own, as Excel shows it there."""
        if formula.get("t") != "shared" or not formula.get("ref") or not (formula.text or "").strip():
            return
        from openpyxl.formula.translate import Translator

        index = formula.get("si")
        origin = cell.get("r")
        source = "=" + formula.text
        for other in self.data.iter(self.q("f")):
            if other is formula or other.get("t") != "shared" or other.get("si") != index:
                continue
            target = other.getparent().get("r")
            try:
                other.text = Translator(source, origin=origin).translate_formula(target)[1:]
            except Exception:  # a formula the translator cannot read: keep the cached value only
                other.getparent().remove(other)
                continue
            for attr in ("t", "si", "ref"):
                other.attrib.pop(attr, None)

    # --- dimension -----------------------------------------------------------------------------
    def grow_dimension(self, written: Sequence[tuple[int, int]]) -> None:
        dimension = self.root.find(self.q("dimension"))
        if dimension is None or not written:
            return
        try:
            r1, c1, r2, c2 = _range(dimension.get("ref", "A1"))
        except ValueError:
            return
        empty = (r1, c1, r2, c2) == (1, 1, 1, 1) and self.was_empty
        rows = [r for r, _ in written]
        cols = [c for _, c in written]
        if empty:
            r1, c1, r2, c2 = min(rows), min(cols), max(rows), max(cols)
        else:
            r1, c1 = min(r1, *rows), min(c1, *cols)
            r2, c2 = max(r2, *rows), max(c2, *cols)
        ref = f"{column_letters(c1)}{r1}"
        if (r1, c1) != (r2, c2):
            ref += f":{column_letters(c2)}{r2}"
        if ref != dimension.get("ref"):
            dimension.set("ref", ref)
