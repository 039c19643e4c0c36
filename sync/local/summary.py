"""`Workspace.write_summary` on the local workbook: nastavnik's own tab rewritten whole, with an
Excel chart, grafted into the school's file without re-saving the rest of it.

What changes in the file:

- the tab's sheet part, written anew (text as inline strings, numbers as numbers; the tab's
  ``sheetPr`` and ``sheetViews`` — tab colour, selection — are kept from the old part);
- its drawing and chart (made by openpyxl in a one-tab scratch workbook, renamed to unused part
  names); the old drawing, charts and whatever else only the old tab referred to are removed;
- ``[Content_Types].xml`` when part names come or go (a rerun reuses the freed names, so it
  normally stays as it was);
- the first time only: ``xl/workbook.xml`` (the new ``<sheet>`` after ``sheet.after``; the
  indices in ``definedName/@localSheetId`` and ``workbookView/@activeTab`` after it shift by one),
  ``xl/_rels/workbook.xml.rels`` (its relationship), and ``xl/styles.xml`` when it has no
  «bold, wrapped, top» and «wrapped, top» cell formats yet (a font and two ``cellXfs`` appended).

Every other member is copied byte for byte, as for any write (`sync.local.workbook_save`).
"""
from __future__ import annotations

import copy
import io
import re
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel

from sheets_schema.grid import column_letter, normalise_header
from sync.local.workbook import LocalWorkspace
from sync.local.xlsx_package import (
    DOC_REL, PKG_RELS, PackageError, XlsxPackage, parse_xml, rels_name, relative_target, xml_bytes,
)
from sync.local.xlsx_patch import MAX_CELL_TEXT, xml_text
from sync.workspace import SummaryChart, SummarySheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKSHEET = DOC_REL + "/worksheet"
DRAWING = DOC_REL + "/drawing"
STYLES = DOC_REL + "/styles"
TYPES = {
    "sheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_summary(workspace: LocalWorkspace, sheet: SummarySheet) -> None:
    """Replace (or create) the tab `sheet.title` with `sheet` and save the workbook once."""
    try:
        package = workspace.open_package()
        try:
            graft_summary(package, sheet)
        except (PackageError, KeyError, ValueError, etree.LxmlError) as exc:
            raise workspace._corrupt(exc) from exc
        workspace.replace_workbook(package.write_to)
    finally:
        workspace.discard_write()


def graft_summary(package: XlsxPackage, sheet: SummarySheet) -> None:
    """Put the tab `sheet` into `package` (see the module docstring for what changes)."""
    tabs = package.sheets()
    found = next((t for t in tabs if normalise_header(t.title) == normalise_header(sheet.title)), None)
    old_xml = package.read(found.part) if found is not None and package.has(found.part) else None
    removed: set[str] = set()
    if found is not None:
        removed = _owned_parts(package, found.part)
        for part in removed | {rels_name(found.part)}:
            package.remove(part)
        part = found.part
    else:
        part = _free_name(package, "xl/worksheets/sheet{}.xml")
    plain, bold = _styles(package)
    added = {} if found is not None else {part: TYPES["sheet"]}
    drawing_rel = None
    if sheet.chart is not None:
        drawing, chart_xml, drawing_xml, drawing_rels = _scratch_chart(sheet)
        drawing = _free_name(package, "xl/drawings/drawing{}.xml")
        chart = _free_name(package, "xl/charts/chart{}.xml")
        package.write(drawing, drawing_xml)
        package.write(chart, chart_xml)
        package.write(rels_name(drawing), _rels([("rId1", DOC_REL + "/chart", relative_target(drawing, chart))]))
        package.write(rels_name(part), _rels([("rId1", DRAWING, relative_target(part, drawing))]))
        added.update({drawing: TYPES["drawing"], chart: TYPES["chart"]})
        drawing_rel = "rId1"
    package.write(part, _sheet_xml(sheet, old_xml, plain, bold, drawing_rel))
    package.set_content_type_overrides(added, removed)
    if found is None:
        _add_tab(package, sheet, part, tabs)


# --- the tab's own parts ------------------------------------------------------------------------
def _sheet_xml(sheet: SummarySheet, old: bytes | None, plain: str | None, bold: str | None,
               drawing_rel: str | None) -> bytes:
    kept = {"sheetPr": "", "sheetViews": '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'}
    if old is not None:
        root = etree.fromstring(old)
        for name in kept:
            element = root.find(f"{{{MAIN}}}{name}")
            if element is not None:
                kept[name] = etree.tostring(element, encoding="unicode")
    rows, width = [], 0
    for r, values in enumerate(sheet.rows, start=1):
        style = bold if r - 1 in sheet.bold else plain
        s = f' s="{style}"' if style is not None else ""
        cells = []
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = f"{column_letter(c)}{r}"
            width = max(width, c + 1)
            if isinstance(value, str):
                cells.append(f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">'
                             f"{escape(xml_text(value)[:MAX_CELL_TEXT])}</t></is></c>")
            else:
                cells.append(f'<c r="{ref}"{s}><v>{_number(value)}</v></c>')
        if cells:
            rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    last = f"{column_letter(max(width, 1) - 1)}{max(len(sheet.rows), 1)}"
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(sheet.widths))
    text = (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{DOC_REL}">{kept["sheetPr"]}<dimension ref="A1:{last}"/>'
        f'{kept["sheetViews"]}<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + f'<sheetData>{"".join(rows)}</sheetData>'
        + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        + (f'<drawing r:id="{drawing_rel}"/>' if drawing_rel else "")
        + "</worksheet>"
    )
    return DECLARATION + text.encode("utf-8")


def _number(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(int(value))


def _scratch_chart(sheet: SummarySheet) -> tuple[str, bytes, bytes, bytes]:
    """The chart of `sheet` as openpyxl writes it in a one-tab workbook: (its drawing's part name
    there, chart XML, drawing XML, drawing relationships)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.title
    spec = sheet.chart
    if spec is None:
        raise ValueError(f"{sheet.title}: no chart")  # called only for a sheet with one
    ws.add_chart(_chart(ws, spec), f"{column_letter(spec.anchor_col)}{spec.anchor_row + 1}")
    buffer = io.BytesIO()
    wb.save(buffer)
    scratch = XlsxPackage(buffer.getvalue())
    part = scratch.sheets()[0].part
    drawing = next(r.target for r in scratch.relationships(part) if r.type == DRAWING)
    chart = next(r.target for r in scratch.relationships(drawing) if r.type == DOC_REL + "/chart")
    return drawing, scratch.read(chart), scratch.read(drawing), scratch.read(rels_name(drawing))


def _chart(ws, spec: SummaryChart) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = spec.title
    chart.legend = None
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 10
    chart.y_axis.title = spec.series
    chart.width, chart.height = 18, 9
    first, last = spec.first_row + 1, spec.first_row + spec.rows
    data = Reference(ws, min_col=spec.value_col + 1, min_row=first, max_row=last)
    labels = Reference(ws, min_col=spec.label_col + 1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=False)
    chart.set_categories(labels)
    chart.series[0].tx = SeriesLabel(v=spec.series)
    return chart


def _rels(relationships: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<Relationship Id={quoteattr(i)} Type={quoteattr(t)} Target={quoteattr(target)}/>"
                   for i, t, target in relationships)
    return DECLARATION + f'<Relationships xmlns="{PKG_RELS}">{body}</Relationships>'.encode("utf-8")


def _free_name(package: XlsxPackage, pattern: str) -> str:
    n = 1
    while package.has(pattern.format(n)):
        n += 1
    return pattern.format(n)


def _owned_parts(package: XlsxPackage, part: str) -> set[str]:
    """Parts reachable from `part`'s relationships that no part outside them refers to."""
    reachable: set[str] = set()
    todo = [part]
    while todo:
        for rel in package.relationships(todo.pop()):
            if not rel.external and package.has(rel.target) and rel.target.lower() not in reachable:
                reachable.add(rel.target.lower())
                todo.append(rel.target)
    if not reachable:
        return set()
    inside = {part.lower()} | reachable
    shared = set()
    for name in package.names():
        if not name.endswith(".rels"):
            continue
        source = _rels_source(name)
        if source is None or source.lower() in inside:
            continue
        for rel in package.relationships(source):
            if rel.target.lower() in reachable:
                shared.add(rel.target.lower())
    return {owned for p in reachable - shared if (owned := package.name(p)) is not None}  # each is there


def _rels_source(rels: str) -> str | None:
    m = re.match(r"^(.*?)_rels/([^/]+)\.rels$", rels)
    if not m:
        return None
    return m.group(1) + m.group(2) if m.group(2) else ""


# --- styles: «wrapped, top» and «bold, wrapped, top» --------------------------------------------
def _styles(package: XlsxPackage) -> tuple[str | None, str | None]:
    """The cellXfs indices of the two formats the tab uses, added to xl/styles.xml if missing."""
    workbook = package.workbook_part()
    part = next((r.target for r in package.relationships(workbook) if r.type == STYLES), None)
    if part is None or not package.has(part):
        return None, None
    original = package.read(part)
    tree = parse_xml(original)
    root = tree.getroot()
    q = lambda name: f"{{{MAIN}}}{name}"  # noqa: E731
    fonts, xfs = root.find(q("fonts")), root.find(q("cellXfs"))
    if fonts is None or xfs is None or len(fonts) == 0:
        return None, None
    base = fonts[0]
    changed = False
    bold_font = next((i for i, f in enumerate(fonts) if _is_bold_of(f, base)), None)
    if bold_font is None:
        font = copy.deepcopy(base)
        font.insert(0, etree.Element(q("b")))
        fonts.append(font)
        fonts.set("count", str(len(fonts)))
        bold_font = len(fonts) - 1
        changed = True
    found = []
    for font_id in (0, bold_font):
        index = next((i for i, xf in enumerate(xfs) if _is_wrapped(xf, font_id)), None)
        if index is None:
            xf = etree.SubElement(xfs, q("xf"), numFmtId="0", fontId=str(font_id), fillId="0", borderId="0",
                                  xfId="0", applyFont="1", applyAlignment="1")
            etree.SubElement(xf, q("alignment"), vertical="top", wrapText="1")
            xfs.set("count", str(len(xfs)))
            index = len(xfs) - 1
            changed = True
        found.append(str(index))
    if changed:
        package.write(part, xml_bytes(tree, original))
    return found[0], found[1]


def _children(font) -> dict[str, dict[str, str]]:
    return {etree.QName(c).localname: dict(c.attrib) for c in font if isinstance(c.tag, str)}


def _is_bold_of(font, base) -> bool:
    children = _children(font)
    bold = children.pop("b", None)
    return bold is not None and bold.get("val", "1") not in ("0", "false") and children == _children(base)


def _is_wrapped(xf, font_id: int) -> bool:
    if xf.get("fontId", "0") != str(font_id) or xf.get("numFmtId", "0") != "0":
        return False
    if xf.get("fillId", "0") != "0" or xf.get("borderId", "0") != "0" or xf.get("xfId", "0") != "0":
        return False
    children = [c for c in xf if isinstance(c.tag, str)]
    if len(children) != 1 or etree.QName(children[0]).localname != "alignment":
        return False
    return dict(children[0].attrib) in ({"vertical": "top", "wrapText": "1"}, {"vertical": "top", "wrapText": "true"})


# --- a new tab in xl/workbook.xml ---------------------------------------------------------------
def _add_tab(package: XlsxPackage, sheet: SummarySheet, part: str, tabs) -> None:
    workbook = package.workbook_part()
    rels_part = rels_name(workbook)
    rels_original = package.read(rels_part)
    rels_tree = parse_xml(rels_original)
    used = {r.get("Id") for r in rels_tree.getroot()}
    n = 1
    while f"rId{n}" in used:
        n += 1
    rel_id = f"rId{n}"
    etree.SubElement(rels_tree.getroot(), f"{{{PKG_RELS}}}Relationship", Id=rel_id, Type=WORKSHEET,
                     Target=relative_target(workbook, part))
    package.write(rels_part, xml_bytes(rels_tree, rels_original))

    original = package.read(workbook)
    tree = parse_xml(original)
    root = tree.getroot()
    ns = etree.QName(root).namespace
    sheets = root.find(f"{{{ns}}}sheets")
    elements = list(sheets.iterchildren(f"{{{ns}}}sheet"))
    ids = [int(e.get("sheetId")) for e in elements if (e.get("sheetId") or "").isdigit()]
    after = next((i for i, e in enumerate(elements)
                  if normalise_header(e.get("name")) == normalise_header(sheet.after)), None)
    index = after + 1 if after is not None else len(elements)
    element = etree.Element(f"{{{ns}}}sheet")
    element.set("name", sheet.title)
    element.set("sheetId", str(max(ids, default=0) + 1))
    element.set(f"{{{DOC_REL}}}id", rel_id)
    if index < len(elements):
        elements[index].addprevious(element)
    else:
        sheets.append(element)
    for name in root.iter(f"{{{ns}}}definedName"):
        local = name.get("localSheetId")
        if local is not None and local.isdigit() and int(local) >= index:
            name.set("localSheetId", str(int(local) + 1))
    for view in root.iter(f"{{{ns}}}workbookView"):
        for attr in ("activeTab", "firstSheet"):
            value = view.get(attr)
            if value is not None and value.isdigit() and int(value) >= index and (attr == "activeTab" or int(value) > 0):
                view.set(attr, str(int(value) + 1))
    package.write(workbook, xml_bytes(tree, original))
