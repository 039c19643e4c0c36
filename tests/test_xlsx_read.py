"""`sync.local.xlsx_read`: the cell texts openpyxl's reading gave, formulas as their computed
values, a formula without one marked, merges — on workbooks openpyxl writes and on sheet XML
written by hand the way Excel and LibreOffice write it."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from sheets_schema.grid import Merge, SheetGrid, UncomputedFormula
from sync.local.xlsx_read import cell_text, read_tabs


def openpyxl_grid(path, tab):
    """How the local backend read a tab before: openpyxl, every cell through `cell_text`."""
    ws = load_workbook(path)[tab]
    return [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]


VALUES = {
    "text": "Орлова Анна",
    "int": 28,
    "big_int": 12345678901,
    "float": 2.5,
    "whole_float": 3.0,
    "bool_true": True,
    "bool_false": False,
    "date": dt.date(2026, 9, 1),
    "datetime_midnight": dt.datetime(2026, 9, 1),
    "datetime": dt.datetime(2026, 9, 1, 8, 30, 5),
    "time": dt.time(8, 30),
    "text_like_formula": "'=2026-1998",
    "spaces_and_newline": "  учитель\nматематики ",
    "escape_like_text": "x_x000D_y",
}


def test_the_grid_is_what_openpyxl_read_for_every_kind_of_value(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Лист"
    for i, (name, value) in enumerate(VALUES.items(), start=1):
        ws.cell(row=i, column=1, value=name)
        ws.cell(row=i, column=3, value=value)
    ws.cell(row=3, column=5).number_format = "0.00"  # a styled empty cell widens the grid
    ws.cell(row=20, column=2, value="последняя")
    ws.cell(row=1, column=4).number_format = "dd.mm.yyyy"
    ws["D1"] = 46266  # a number shown as a date
    path = tmp_path / "kinds.xlsx"
    wb.save(path)

    grid = read_tabs(path, ["Лист"])["Лист"]

    assert grid == openpyxl_grid(path, "Лист")
    assert [row[2] for row in grid[:4]] == ["Орлова Анна", "28", "12345678901", "2.5"]
    assert grid[0][3] == "01.09.2026" and grid[7][2] == "01.09.2026" and grid[9][2] == "01.09.2026 08:30:05"
    assert len(grid) == 20 and len(grid[0]) == 5


def test_tabs_are_found_as_titles_compare_and_a_missing_one_is_none(tmp_path):
    wb = Workbook()
    wb.active.title = "Наставники"
    wb.active["A1"] = "ФИО"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert read_tabs(path, ["наставники ", "Пары"]) == {"наставники ": [["ФИО"]], "Пары": None}


def test_an_empty_tab_has_no_rows_as_before(tmp_path):
    wb = Workbook()
    wb.active.title = "Пусто"
    path = tmp_path / "e.xlsx"
    wb.save(path)
    assert read_tabs(path, ["Пусто"])["Пусто"] == openpyxl_grid(path, "Пусто") == []


# --- sheet XML as Excel and LibreOffice write it ---------------------------------------------
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def package(sheet_data: str, *, merges: str = "", shared: list[str] = (), date1904: bool = False,
            styles: str = "", book: str = "") -> bytes:
    """A minimal workbook with one tab «Лист» whose <sheetData> is `sheet_data` (its workbook
    part named `book` by the package's relationships, or xl/workbook.xml without any)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    name = book.rsplit("/", 1)[-1] if book else "workbook.xml"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        **({"_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                           f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="{book}"/></Relationships>'}
           if book else {}),
        f"xl/{name}": f'<workbook xmlns="{MAIN}" xmlns:r="{rel}">'
                      + ('<workbookPr date1904="1"/>' if date1904 else "")
                      + '<sheets><sheet name="Лист" sheetId="1" r:id="rId1"/></sheets></workbook>',
        f"xl/_rels/{name}.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="/xl/sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData>'
                                    + (f"<mergeCells>{merges}</mergeCells>" if merges else "") + "</worksheet>",
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">' + "".join(shared) + "</sst>",
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


DATE_STYLES = ('<numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/></numFmts>'
               '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>')

XML_CASES = {
    # name: (sheet data, keyword arguments of `package`, expected first row)
    "formula_with_cached_number": ('<row r="1"><c r="A1"><f>2026-1998</f><v>28</v></c></row>', {}, ["28"]),
    "shared_formula_with_cached_values": (
        '<row r="1"><c r="A1"><f t="shared" ref="A1:B1" si="0">2026-1998</f><v>28</v></c>'
        '<c r="B1"><f t="shared" si="0"/><v>28</v></c></row>', {}, ["28", "28"]),
    "formula_with_text_result": ('<row r="1"><c r="A1" t="str"><f>"ма"&amp;"тематика"</f><v>математика</v></c></row>',
                                 {}, ["математика"]),
    "formula_with_empty_text_result": ('<row r="1"><c r="A1" t="str"><f>""</f><v></v></c></row>', {}, [""]),
    "formula_with_error_result": ('<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>', {}, ["#DIV/0!"]),
    "formula_with_boolean_result": ('<row r="1"><c r="A1" t="b"><f>1=1</f><v>1</v></c></row>', {}, ["TRUE"]),
    "formula_with_date_result": ('<row r="1"><c r="A1" s="1"><f>DATE(2026,9,1)</f><v>46266</v></c></row>',
                                 {"styles": DATE_STYLES}, ["01.09.2026"]),
    "builtin_date_format": ('<row r="1"><c r="A1" s="2"><v>46266</v></c></row>', {"styles": DATE_STYLES}, ["01.09.2026"]),
    "date_1904": ('<row r="1"><c r="A1" s="1"><v>44804</v></c></row>', {"styles": DATE_STYLES, "date1904": True},
                  ["01.09.2026"]),
    "iso_date_cell": ('<row r="1"><c r="A1" t="d"><v>2026-09-01T00:00:00</v></c></row>', {}, ["01.09.2026"]),
    "shared_rich_text_and_phonetic": (
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {"shared": [
            "<si><r><t>Иванова </t></r><r><rPr><b/></rPr><t>Мария</t></r><rPh><t>ignored</t></rPh></si>"]},
        ["Иванова Мария"]),
    "inline_rich_text": ('<row r="1"><c r="A1" t="inlineStr"><is><r><t>учи</t></r><r><t>тель</t></r></is></c></row>',
                         {}, ["учитель"]),
    "cells_without_references": ('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>', {}, ["a", "2"]),
    "scientific_number": ('<row r="1"><c r="A1"><v>1.5E+3</v></c></row>', {}, ["1500"]),
    "workbook_part_named_by_the_package": ('<row r="1"><c r="A1"><v>7</v></c></row>', {"book": "xl/book.xml"}, ["7"]),
    "workbook_part_absolute_target": ('<row r="1"><c r="A1"><v>7</v></c></row>', {"book": "/xl/workbook.xml"}, ["7"]),
}


@pytest.mark.parametrize("name", list(XML_CASES))
def test_sheet_xml(name, tmp_path):
    data, options, expected = XML_CASES[name]
    path = tmp_path / "x.xlsx"
    path.write_bytes(package(data, **options))
    assert read_tabs(path, ["Лист"])["Лист"][0] == expected


UNCOMPUTED_CASES = {
    "no_value_element": '<c r="A1"><f>2026-1998</f></c>',
    "empty_value_as_openpyxl_writes_it": '<c r="A1"><f>2026-1998</f><v></v></c>',
    "empty_self_closing_value": '<c r="A1"><f>2026-1998</f><v/></c>',
}


@pytest.mark.parametrize("name", list(UNCOMPUTED_CASES))
def test_a_formula_without_a_computed_value_is_marked(name, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(package(f'<row r="1">{UNCOMPUTED_CASES[name]}<c r="B1" t="inlineStr"><is><t>=2026-1998</t></is></c></row>'))
    first, typed = read_tabs(path, ["Лист"])["Лист"][0]
    assert isinstance(first, UncomputedFormula) and first == "=2026-1998"
    assert not isinstance(typed, UncomputedFormula) and typed == "=2026-1998"  # the same text, typed: a value


def test_merges_come_with_the_grid_and_only_their_first_cell_has_a_value(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(package(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Банк 2026/27</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>stray</t></is></c></row>'
        '<row r="3"><c r="B3" t="inlineStr"><is><t>физика</t></is></c></row>',
        merges='<mergeCell ref="A1:C1"/><mergeCell ref="B3:B5"/>'))

    grid = read_tabs(path, ["Лист"])["Лист"]

    assert isinstance(grid, SheetGrid)
    assert grid.merges == (Merge(1, 1, 0, 2), Merge(3, 5, 1, 1))
    assert grid == [["Банк 2026/27", "", ""], ["", "", ""], ["", "физика", ""], ["", "", ""], ["", "", ""]]


def test_a_file_that_is_no_workbook_raises_badzipfile(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("ФИО;E-mail\n", encoding="utf-8")
    with pytest.raises(zipfile.BadZipFile):
        read_tabs(path, ["Лист"])
