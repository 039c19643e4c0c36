"""An .xlsx package as its zip members, and the comparisons the corpus tests make.

`read_package` gives every member's bytes; `member_diff` says which members were added, removed
or changed; `sheet_cells` turns one sheet into {cell ref: Cell(value, formula, style)} with shared
and inline strings resolved to text, so a writer that stores a string inline where the file had a
shared string (or the reverse) changes nothing a person would see; `sheet_frame` is everything in
a sheet except its cells (merges, validations, extLst, drawing links, page setup…), canonicalised.
`set_cell_text` patches one cell in place — how the tests play a person typing into the file
without re-saving it through a library that would drop what it does not model.
"""
from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"m": MAIN, "r": REL, "p": PKG_REL}
ZIP_TIME = (2026, 11, 27, 3, 0, 0)


def q(tag: str) -> str:
    """`m:tag` → ``{main namespace}tag``."""
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def read_package(path: Path | str) -> dict[str, bytes]:
    """Every zip member of the package, by name, in the archive's order."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_package(members: dict[str, bytes], path: Path | str) -> None:
    """Write `members` as a zip (deflated, fixed timestamps: the same members give the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)
    Path(path).write_bytes(buffer.getvalue())


@dataclass(frozen=True)
class MemberDiff:
    added: frozenset[str]
    removed: frozenset[str]
    changed: frozenset[str]

    def bytes_changed(self, before: dict[str, bytes], after: dict[str, bytes]) -> int:
        """Size of the members that differ: the new size of changed and added ones, the old of removed."""
        return (sum(len(after[n]) for n in self.changed | self.added)
                + sum(len(before[n]) for n in self.removed))


def member_diff(before: dict[str, bytes], after: dict[str, bytes]) -> MemberDiff:
    """Which members were added, removed, or differ in a single byte."""
    return MemberDiff(
        added=frozenset(after.keys() - before.keys()),
        removed=frozenset(before.keys() - after.keys()),
        changed=frozenset(n for n in before.keys() & after.keys() if before[n] != after[n]),
    )


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(huge_tree=True, remove_blank_text=False))


def rels_path(member: str) -> str:
    folder, name = posixpath.split(member)
    return posixpath.join(folder, "_rels", name + ".rels")


def rel_targets(members: dict[str, bytes], member: str) -> dict[str, str]:
    """Relationship id → the member it points at (absolute path in the package), for `member`."""
    data = members.get(rels_path(member))
    if data is None:
        return {}
    folder = posixpath.dirname(member)
    out = {}
    for rel in xml(data).iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = path
    return out


def sheet_paths(members: dict[str, bytes]) -> dict[str, str]:
    """Tab title → the member holding that sheet's XML."""
    targets = rel_targets(members, "xl/workbook.xml")
    book = xml(members["xl/workbook.xml"])
    return {s.get("name"): targets[s.get(f"{{{REL}}}id")] for s in book.iter(q("m:sheet"))}


def parts_of(members: dict[str, bytes], member: str) -> set[str]:
    """`member` and every part reachable from it through relationships (its drawing, charts, media…)."""
    seen, todo = set(), [member]
    while todo:
        part = todo.pop()
        if part in seen or part not in members:
            continue
        seen.add(part)
        if rels_path(part) in members:
            seen.add(rels_path(part))
        todo.extend(rel_targets(members, part).values())
    return seen


def shared_strings(members: dict[str, bytes]) -> list[str]:
    return list(_strings(members.get("xl/sharedStrings.xml")))


@functools.lru_cache(maxsize=32)
def _strings(data: bytes | None) -> tuple[str, ...]:
    if data is None:
        return ()
    return tuple(_text(si) for si in xml(data).iter(q("m:si")))


def _text(element: etree._Element) -> str:
    """The text of an <si> or <is>: its <t>, or its runs' <t> joined (phonetic runs left out)."""
    return "".join(t.text or "" for t in element.iter(q("m:t"))
                   if t.getparent().tag != q("m:rPh"))


@dataclass(frozen=True)
class Cell:
    value: str
    formula: str | None
    style: str


EMPTY = Cell("", None, "0")


def sheet_cells(members: dict[str, bytes], member: str) -> dict[str, Cell]:
    """Every cell of a sheet that holds something: {ref: Cell}; strings resolved to their text."""
    return dict(_cells(members[member], members.get("xl/sharedStrings.xml")))


@functools.lru_cache(maxsize=64)  # keyed on the bytes: the same sheet is parsed once
def _cells(sheet: bytes, strings_xml: bytes | None) -> dict[str, Cell]:
    strings = _strings(strings_xml)
    cells = {}
    for c in xml(sheet).iter(q("m:c")):
        kind = c.get("t", "n")
        v = c.find(q("m:v"))
        f = c.find(q("m:f"))
        if kind == "inlineStr":
            inline = c.find(q("m:is"))
            value = _text(inline) if inline is not None else ""
        elif kind == "s" and v is not None:
            value = strings[int(v.text)]
        else:
            value = v.text if v is not None and v.text is not None else ""
        formula = None if f is None else (f.text or "") + "|" + "|".join(
            f"{k}={f.get(k)}" for k in sorted(f.attrib))
        cell = Cell(value, formula, c.get("s", "0"))
        if cell != EMPTY:
            cells[c.get("r")] = cell
    return cells


def changed_cells(before: dict[str, bytes], after: dict[str, bytes], tab: str) -> dict[str, tuple[Cell, Cell]]:
    """The cells of tab `tab` that differ in value, formula or style: {ref: (before, after)}."""
    old = sheet_cells(before, sheet_paths(before)[tab])
    new = sheet_cells(after, sheet_paths(after)[tab])
    return {ref: (old.get(ref, EMPTY), new.get(ref, EMPTY))
            for ref in old.keys() | new.keys() if old.get(ref, EMPTY) != new.get(ref, EMPTY)}


def sheet_frame(members: dict[str, bytes], member: str) -> bytes:
    """The sheet without its cells and its `dimension`: everything a cell writer must keep, canonical."""
    root = xml(members[member])
    for tag in ("m:sheetData", "m:dimension"):
        for element in root.findall(q(tag)):
            root.remove(element)
    return etree.tostring(root, method="c14n")


def row_attributes(members: dict[str, bytes], member: str) -> dict[int, dict[str, str]]:
    """Row number → the <row> attributes a person sets (hidden, height, outline, style), `spans` left out."""
    out = {}
    for row in xml(members[member]).iter(q("m:row")):
        attrs = {k: v for k, v in row.attrib.items() if k not in ("r", "spans")}
        if attrs:
            out[int(row.get("r"))] = attrs
    return out


REF = re.compile(r"([A-Z]+)([0-9]+)")


def split_ref(ref: str) -> tuple[str, int]:
    letters, digits = REF.fullmatch(ref).groups()
    return letters, int(digits)


def column_index(letters: str) -> int:
    """``A`` → 0."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def header_letters(members: dict[str, bytes], tab: str, header_row: int = 1) -> dict[str, str]:
    """Header text → column letters, from row `header_row` of tab `tab`."""
    out = {}
    for ref, cell in sheet_cells(members, sheet_paths(members)[tab]).items():
        letters, row = split_ref(ref)
        if row == header_row and cell.value:
            out[cell.value.strip()] = letters
    return out


def column_texts(members: dict[str, bytes], tab: str, header: str, header_row: int = 1) -> dict[int, str]:
    """Row number → text of the column titled `header` (rows below `header_row` holding anything)."""
    letters = header_letters(members, tab, header_row)[header]
    cells = sheet_cells(members, sheet_paths(members)[tab])
    rows = {split_ref(ref)[1] for ref in cells if split_ref(ref)[1] > header_row}
    return {r: cells.get(f"{letters}{r}", EMPTY).value for r in sorted(rows)}


def set_cell_text(members: dict[str, bytes], tab: str, ref: str, text: str) -> None:
    """Put `text` into cell `ref` of `tab` as an inline string, touching nothing else of the package."""
    member = sheet_paths(members)[tab]
    root = xml(members[member])
    letters, row_number = split_ref(ref)
    data = root.find(q("m:sheetData"))
    row = next((r for r in data.iter(q("m:row")) if int(r.get("r")) == row_number), None)
    if row is None:
        row = etree.SubElement(data, q("m:row"), r=str(row_number))
        rows = sorted(data, key=lambda r: int(r.get("r")))
        data[:] = rows
    cell = next((c for c in row if c.get("r") == ref), None)
    if cell is None:
        cell = etree.SubElement(row, q("m:c"), r=ref)
        row[:] = sorted(row, key=lambda c: column_index(split_ref(c.get("r"))[0]))
    style = cell.get("s")
    cell.clear()
    cell.set("r", ref)
    if style is not None:
        cell.set("s", style)
    cell.set("t", "inlineStr")
    t = etree.SubElement(etree.SubElement(cell, q("m:is")), q("m:t"))
    t.text = text
    members[member] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)



def defined_names(members: dict[str, bytes]) -> set[tuple[str, str | None, str]]:
    """The workbook's defined names as (name, title of the tab it is local to or None, formula)."""
    book = xml(members["xl/workbook.xml"])
    titles = [s.get("name") for s in book.iter(q("m:sheet"))]
    return {(d.get("name"), titles[int(d.get("localSheetId"))] if d.get("localSheetId") is not None else None,
             d.text or "") for d in book.iter(q("m:definedName"))}


def drop_sheet(members: dict[str, bytes], title: str) -> None:
    """Remove tab `title` with its own parts, as if it had never been made (names re-indexed)."""
    paths = sheet_paths(members)
    part = paths[title]
    gone = parts_of(members, part)
    book = xml(members["xl/workbook.xml"])
    sheets = list(book.iter(q("m:sheet")))
    index = [s.get("name") for s in sheets].index(title)
    rid = sheets[index].get(f"{{{REL}}}id")
    sheets[index].getparent().remove(sheets[index])
    for d in list(book.iter(q("m:definedName"))):
        local = d.get("localSheetId")
        if local is not None and int(local) == index:
            d.getparent().remove(d)
        elif local is not None and int(local) > index:
            d.set("localSheetId", str(int(local) - 1))
    members["xl/workbook.xml"] = etree.tostring(book, xml_declaration=True, encoding="UTF-8", standalone=True)
    rels = xml(members["xl/_rels/workbook.xml.rels"])
    for rel in list(rels):
        if rel.get("Id") == rid:
            rels.remove(rel)
    members["xl/_rels/workbook.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                                           standalone=True)
    types = xml(members["[Content_Types].xml"])
    for override in list(types):
        if override.get("PartName", "").lstrip("/") in gone:
            types.remove(override)
    members["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)
    for name in gone:
        del members[name]


def rels_of(members: dict[str, bytes], member: str) -> set[tuple[str, str, str]]:
    """(Id, Type, Target) of every relationship of `member`."""
    data = members.get(rels_path(member))
    return set() if data is None else {(r.get("Id"), r.get("Type"), r.get("Target")) for r in xml(data)}


def content_types(members: dict[str, bytes]) -> set[tuple[str, ...]]:
    return {tuple(sorted(e.attrib.items())) for e in xml(members["[Content_Types].xml"])}
