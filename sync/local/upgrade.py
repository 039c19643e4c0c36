"""`upgrade-workspace` on the local workbook: an `UpgradePlan` grafted into the school's file.

Like every local write, the file is changed part by part and saved once, atomically
(`LocalWorkspace.replace_workbook`; the run's first write keeps the old file as ``.bak``), and
refused when the workbook changed since the plan was read. What changes:

- new header cells and list values: patched into their cells (`workbook_save.apply_writes`), as
  a job writes a status;
- a new tab: a sheet part made the way `sync.local.summary` adds «Итоги мониторинга» (header in
  bold, starting rows, widths), then hidden when the schema hides it, its header row frozen, and
  its dropdowns added;
- dropdowns: a ``<dataValidation>`` per new choice column; an existing one whose list range ends
  above a grown «Списки» column (``formula1``, or Excel's ``x14`` form) gets the new end row.

Every other part of the file is copied byte for byte.
"""
from __future__ import annotations

from typing import Sequence

from lxml import etree

from sheets_schema import ru
from sheets_schema.grid import column_letter, normalise_header
from sheets_schema.tables import BOOL, CHOICE, MULTI, Column
from sheets_schema.upgrade import UpgradePlan, dropdown_rows, grown_formula
from sync.local.summary import graft_summary
from sync.local.workbook import LocalWorkspace
from sync.local.workbook_save import TabNotFound, apply_writes
from sync.local.xlsx_package import PackageError, XlsxPackage, parse_xml, xml_bytes
from sync.local.xlsx_patch import SheetWrite
from sync.workspace import SummarySheet, WorkspaceError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# CT_Worksheet: the elements that may come after <dataValidations>, in order
AFTER_VALIDATIONS = ("hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks",
                     "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
                     "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                     "webPublishItems", "tableParts", "extLst")


def apply_upgrade(workspace: LocalWorkspace, plan: UpgradePlan) -> None:
    """Write `plan` into the workbook in one save (see the module docstring)."""
    read_at = workspace._loaded[0] if workspace._loaded else None  # the stamp of the plan's read
    package = workspace.open_package()
    if read_at is not None and workspace._stamp() != read_at:
        raise WorkspaceError(ru.TEXT["workbook_changed_meanwhile"].format(path=workspace.path))
    try:
        _graft(package, plan)
    except (TabNotFound, PackageError, KeyError, ValueError, etree.LxmlError) as exc:
        raise workspace._corrupt(exc) from exc
    try:
        workspace.replace_workbook(package.write_to)
    finally:
        workspace.discard_write()


def _graft(package: XlsxPackage, plan: UpgradePlan) -> None:
    writes: dict[str, list[SheetWrite]] = {}
    for c in plan.columns:
        writes.setdefault(c.tab, []).append(SheetWrite(c.header_row, c.col + 1, c.column.header))
    for v in plan.lists:
        if v.new_column:
            writes.setdefault(v.tab, []).append(SheetWrite(1, v.col + 1, ru.HEADERS[f"list_{v.key}"]))
        writes[v.tab] = writes.get(v.tab, []) + [
            SheetWrite(v.first_row + i, v.col + 1, value) for i, value in enumerate(v.values)]
    if writes:
        apply_writes(package, writes)
    for new in plan.tabs:
        table = new.table
        rows = [table.headers] + [[str(r.get(c.key, "") or "") for c in table.columns] for r in new.rows]
        graft_summary(package, SummarySheet(
            title=table.title, rows=rows, bold=frozenset({0}), widths=tuple(c.width for c in table.columns),
            after=new.after or ""))
        part = _part(package, table.title)
        dropdowns = [(i, c, plan.list_ranges.get(c.choices, "") if c.choices else "") for i, c in enumerate(table.columns)
                     if _has_dropdown(c) and not table.service]
        _edit_sheet(package, part, freeze=True, add=[
            (column_letter(i), 2, dropdown_rows(1, len(new.rows) + 1)[1], c, rng) for i, c, rng in dropdowns if rng])
        if table.hidden:
            _hide(package, table.title)
    added: dict[str, list] = {}
    for c in plan.columns:
        if c.dropdown:
            first, last = dropdown_rows(c.header_row, c.rows)
            added.setdefault(c.tab, []).append((column_letter(c.col), first, last, c.column, c.dropdown))
    new_titles = {normalise_header(n.table.title) for n in plan.tabs}
    for sheet in package.sheets():
        if normalise_header(sheet.title) in new_titles or not package.has(sheet.part):
            continue
        extra = added.get(sheet.title) or next(
            (v for k, v in added.items() if normalise_header(k) == normalise_header(sheet.title)), [])
        if extra or plan.growth:
            _edit_sheet(package, sheet.part, add=extra, plan=plan)


def _has_dropdown(column: Column) -> bool:
    return column.kind in (CHOICE, BOOL, MULTI) and bool(column.choices)


def _part(package: XlsxPackage, title: str) -> str:
    return next(s.part for s in package.sheets() if normalise_header(s.title) == normalise_header(title))


def _q(name: str) -> str:
    return f"{{{MAIN}}}{name}"


def _edit_sheet(package: XlsxPackage, part: str, *, add: Sequence[tuple] = (), plan: UpgradePlan | None = None,
                freeze: bool = False) -> None:
    """Add dropdowns (letter, first row, last row, column, range) to a sheet part, stretch the
    ones a grown list needs, freeze its header row; the part is written only when it changed."""
    original = package.read(part)
    tree = parse_xml(original)
    root = tree.getroot()
    changed = False
    if plan is not None and plan.growth:
        for element in root.iter():
            if not isinstance(element.tag, str) or etree.QName(element).localname not in ("formula1", "f"):
                continue
            if not any(isinstance(a.tag, str) and etree.QName(a).localname == "dataValidation"
                       for a in element.iterancestors()):
                continue
            grown = grown_formula(element.text or "", plan.lists_tab, plan.growth)
            if grown is not None:
                element.text = grown
                changed = True
    if add:
        validations = root.find(_q("dataValidations"))
        if validations is None:
            validations = etree.Element(_q("dataValidations"))
            anchor = next((root.find(_q(name)) for name in AFTER_VALIDATIONS if root.find(_q(name)) is not None), None)
            if anchor is not None:
                anchor.addprevious(validations)
            else:
                root.append(validations)
        for letter, first, last, column, rng in add:
            validations.append(_validation(letter, first, last, column, rng))
        validations.set("count", str(len(validations)))
        changed = True
    if freeze:
        view = root.find(f"{_q('sheetViews')}/{_q('sheetView')}")
        if view is not None and view.find(_q("pane")) is None:
            pane = etree.Element(_q("pane"), ySplit="1", topLeftCell="A2", activePane="bottomLeft", state="frozen")
            view.insert(0, pane)
            changed = True
    if changed:
        package.write(part, xml_bytes(tree, original))


def _validation(letter: str, first: int, last: int, column: Column, rng: str) -> etree._Element:
    """A list dropdown as `sync.local.create` makes it: a single choice warns on other text, a
    multi-choice column shows how to type several values."""
    single = column.kind != MULTI
    attrs = {"type": "list", "errorStyle": "warning", "allowBlank": "1",
             "showInputMessage": "0" if single else "1", "showErrorMessage": "1" if single else "0",
             "errorTitle": column.header[:32], "error": ru.FIXES["choice"][:225],
             "promptTitle": column.header[:32], "prompt": ru.FIXES["multichoice"][:255],
             "sqref": f"{letter}{first}:{letter}{last}"}
    element = etree.Element(_q("dataValidation"), **attrs)
    formula = etree.SubElement(element, _q("formula1"))
    formula.text = rng
    return element


def _hide(package: XlsxPackage, title: str) -> None:
    workbook = package.workbook_part()
    original = package.read(workbook)
    tree = parse_xml(original)
    root = tree.getroot()
    ns = etree.QName(root).namespace
    for sheet in root.iter(f"{{{ns}}}sheet"):
        if normalise_header(sheet.get("name", "")) == normalise_header(title):
            sheet.set("state", "hidden")
    package.write(workbook, xml_bytes(tree, original))
