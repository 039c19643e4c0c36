"""The cell-patch writer (`sync.local.xlsx_patch`, `sync.local.xlsx_package`): only the written
cells' XML changes, and every other member of the package keeps its bytes."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook

from sync.local.workbook_save import apply_writes
from sync.local.xlsx_package import XlsxPackage
from sync.local.xlsx_patch import SheetWrite, patch_sheet, xml_text

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"

# a sheet as Excel leaves it: shared strings, styles, a formula, a formatted row, a styled
# column, merged cells, a shared formula, an x14 extension
SHEET = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{M}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:D8"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="5" max="5" width="12" style="7" customWidth="1"/></cols><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3" t="s"><v>1</v></c><c r="C1"><v>5</v></c></row><row r="2" spans="1:3"><c r="A2" t="s"><v>2</v></c><c r="C2" s="2"><f>1+1</f><v>2</v></c></row><row r="4" s="5" customFormat="1"><c r="A4" s="5" t="s"><v>3</v></c></row><row r="5"><c r="D5"><f t="shared" ref="D5:D7" si="0">C5*2</f><v>0</v></c></row><row r="6"><c r="A6" s="4" t="s"><v>4</v></c><c r="D6"><f t="shared" si="0"/><v>0</v></c></row><row r="7"><c r="D7"><f t="shared" si="0"/><v>0</v></c></row><row r="8"><c r="A8" s="4"/></row></sheetData><mergeCells count="2"><mergeCell ref="A6:A8"/><mergeCell ref="F1:G1"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><extLst><ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" xmlns:x14="{X14}"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Списки!$A$2:$A$5</xm:f></x14:formula1><xm:sqref>B2:B100</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>""".encode()


def patched(*writes: tuple[str, str]):
    """The sheet after `writes` ((ref, value)…), as an lxml root, and the patch result."""
    from sync.local.xlsx_patch import split_ref

    result = patch_sheet(SHEET, [SheetWrite(*split_ref(ref), value) for ref, value in writes])
    return etree.fromstring(result.xml), result


def cell(root, ref: str) -> str | None:
    found = root.find(f".//{{{M}}}c[@r='{ref}']")
    if found is None:
        return None
    text = etree.tostring(found, encoding="unicode")
    return text.replace(f' xmlns="{M}"', "").replace(' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', "").replace(' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"', "").replace(' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"', "")


def refs_of_row(root, row: int) -> list[str]:
    found = root.find(f".//{{{M}}}row[@r='{row}']")
    return [c.get("r") for c in found.iterchildren(f"{{{M}}}c")]


def inline(ref: str, text: str, style: str | None = None) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


CELL_CASES = [
    # name, writes, ref, expected <c>
    ("existing_shared_string_cell", [("A2", "Ошибка")], "A2", inline("A2", "Ошибка")),
    ("styled_cell_keeps_style", [("B1", "Статус")], "B1", inline("B1", "Статус", "3")),
    ("number_cell_becomes_text", [("C1", "OK")], "C1", inline("C1", "OK")),
    ("new_cell_in_existing_row", [("B2", "новое")], "B2", inline("B2", "новое")),
    ("new_row_at_the_end", [("C12", "строка")], "C12", inline("C12", "строка")),
    ("new_row_between_rows", [("B3", "между")], "B3", inline("B3", "между")),
    ("formula_cell_overwritten_loses_f", [("C2", "текст")], "C2", inline("C2", "текст", "2")),
    ("equals_sign_stays_text", [("A2", "=1+2")], "A2", inline("A2", "=1+2")),
    ("equals_sign_in_new_cell", [("B9", "=HYPERLINK(\"x\")")], "B9", inline("B9", "=HYPERLINK(&quot;x&quot;)")
     .replace("&quot;", '"')),
    ("empty_value_keeps_styled_cell", [("B1", "")], "B1", '<c r="B1" s="3"/>'),
    ("empty_value_removes_unstyled_cell", [("A2", "")], "A2", None),
    ("empty_value_on_missing_cell_adds_nothing", [("B2", "")], "B2", None),
    ("control_characters_stripped", [("A2", "a\x00b\x1bc\x0bd\ufffee\ud800f")], "A2", inline("A2", "abcdef")),
    ("newline_and_tab_kept", [("A2", "a\nb\tc")], "A2", inline("A2", "a\nb\tc")),
    ("new_cell_in_formatted_row_takes_row_style", [("B4", "x")], "B4", inline("B4", "x", "5")),
    ("new_cell_in_styled_column_takes_column_style", [("E2", "x")], "E2", inline("E2", "x", "7")),
    ("last_write_of_a_cell_wins", [("A2", "first"), ("A2", "second")], "A2", inline("A2", "second")),
    ("leading_and_trailing_spaces_kept", [("A2", "  a  ")], "A2", inline("A2", "  a  ")),
    ("text_cut_at_excel_s_limit", [("A2", "я" * 40000)], "A2", inline("A2", "я" * 32767)),
]


@pytest.mark.parametrize("writes, ref, expected", [c[1:] for c in CELL_CASES], ids=[c[0] for c in CELL_CASES])
def test_cell_after_patch(writes, ref, expected):
    root, _ = patched(*writes)
    assert cell(root, ref) == expected


def test_new_cells_and_rows_are_in_order():
    root, _ = patched(("B2", "b"), ("B3", "x"), ("C12", "y"), ("B9", "z"))
    assert refs_of_row(root, 2) == ["A2", "B2", "C2"]
    rows = [r.get("r") for r in root.iter(f"{{{M}}}row")]
    assert rows == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "12"]


def test_row_spans_grow_with_a_new_cell():
    root, _ = patched(("E2", "x"))
    assert root.find(f".//{{{M}}}row[@r='2']").get("spans") == "1:5"


@pytest.mark.parametrize("writes, dimension", [
    ([("B2", "x")], "A1:D8"),
    ([("C12", "x")], "A1:D12"),
    ([("H3", "x")], "A1:H8"),
    ([("A20", "")], "A1:D8"),  # an empty value does not grow the used range
], ids=["inside", "new_row", "new_column", "empty_value"])
def test_dimension(writes, dimension):
    root, _ = patched(*writes)
    assert root.find(f"{{{M}}}dimension").get("ref") == dimension


def test_merged_service_cell_is_unmerged_and_the_anchor_keeps_its_value():
    root, result = patched(("A7", "OK"))
    assert result.unmerged == ["A6:A8"]
    merges = root.find(f"{{{M}}}mergeCells")
    assert [m.get("ref") for m in merges] == ["F1:G1"] and merges.get("count") == "1"
    assert cell(root, "A6") == '<c r="A6" s="4" t="s"><v>4</v></c>'
    assert cell(root, "A7") == inline("A7", "OK")


def test_writing_a_merged_range_s_first_cell_keeps_the_merge():
    root, result = patched(("F1", "x"))
    assert result.unmerged == []
    assert [m.get("ref") for m in root.find(f"{{{M}}}mergeCells")] == ["A6:A8", "F1:G1"]


def test_last_merge_removed_removes_merge_cells():
    root, _ = patched(("A8", "x"), ("G1", "y"))
    assert root.find(f"{{{M}}}mergeCells") is None


def test_overwritten_shared_formula_master_gives_the_others_their_own_formula():
    root, result = patched(("D5", "x"))
    assert result.formulas_removed == ["D5"]
    assert cell(root, "D6") == '<c r="D6"><f>C6*2</f><v>0</v></c>'
    assert cell(root, "D7") == '<c r="D7"><f>C7*2</f><v>0</v></c>'


def test_the_rest_of_the_sheet_is_kept():
    root, _ = patched(("A2", "x"), ("C12", "y"), ("A7", "z"))
    before = etree.fromstring(SHEET)
    for name in ("sheetViews", "sheetFormatPr", "cols", "pageMargins", "extLst"):
        assert etree.tostring(root.find(f"{{{M}}}{name}")) == etree.tostring(before.find(f"{{{M}}}{name}")), name
    assert root.nsmap == before.nsmap


def test_declaration_is_the_original_one():
    _, result = patched(("A2", "x"))
    assert result.xml.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ')


@pytest.mark.parametrize("value, expected", [
    ("plain", "plain"), ("\x00\x01\x08", ""), ("a\x0bb\x0cc", "abc"), ("\x0e\x1f", ""),
    ("tab\tnl\ncr\r", "tab\tnl\ncr\r"), ("\ufffe\uffff", ""), ("lone\udc80", "lone"), ("ё😀", "ё😀"),
], ids=["plain", "low_controls", "vt_ff", "high_controls", "whitespace_kept", "nonchars", "lone_surrogate",
        "astral_kept"])
def test_xml_text(value, expected):
    assert xml_text(value) == expected


# --- the package ------------------------------------------------------------------------------
def school_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Наставники"
    ws.append(["ФИО", "Статус"])
    ws.append(["Иванова", "старый"])
    wb.create_sheet("Журнал").append(["Дата", "Задание"])
    buffer = io.BytesIO()
    wb.save(buffer)
    # add a shared-strings part, a calcChain and a formula the way Excel keeps them
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</row></sheetData>", b'<c r="C2"><f>1+1</f><v>2</v></c></row></sheetData>')
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            z.writestr(info, data)
        z.writestr("xl/calcChain.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="{M}"><c r="C2" i="1"/><c r="A5"/><c r="B1" i="2"/></calcChain>')
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{M}" count="1" uniqueCount="1"><si><t>x</t></si></sst>')
    return out.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


def raw_entries(data: bytes) -> dict[str, tuple]:
    z = zipfile.ZipFile(io.BytesIO(data))
    out = {}
    for info in z.infolist():
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        raw = data[info.header_offset:start + info.compress_size]
        out[info.filename] = (info.date_time, info.compress_type, info.CRC, raw)
    return out


def test_unchanged_package_is_written_byte_for_byte():
    data = school_workbook()
    assert XlsxPackage(data).tobytes() == data


def test_every_other_member_keeps_its_raw_bytes_name_order_and_date():
    data = school_workbook()
    package = XlsxPackage(data)
    apply_writes(package, {"наставники": [SheetWrite(2, 2, "OK"), SheetWrite(2, 3, "перезаписана")]})
    new = package.tobytes()

    assert zipfile.ZipFile(io.BytesIO(new)).testzip() is None
    before, after = raw_entries(data), raw_entries(new)
    assert list(after) == list(before)
    changed = sorted(n for n in after if after[n] != before[n])
    assert changed == ["xl/calcChain.xml", "xl/worksheets/sheet1.xml"]
    assert after["xl/worksheets/sheet1.xml"][:2] == before["xl/worksheets/sheet1.xml"][:2]  # date, method
    assert members(new)["xl/sharedStrings.xml"] == members(data)["xl/sharedStrings.xml"]
    # the overwritten formula cell leaves the calculation chain; the next entry keeps its sheet
    assert members(new)["xl/calcChain.xml"].endswith(b'<calcChain xmlns="' + M.encode() + b'"><c r="A5" i="1"/><c r="B1" i="2"/></calcChain>')


def test_openpyxl_reads_inline_strings_back_as_the_same_text():
    package = XlsxPackage(school_workbook())
    apply_writes(package, {"Наставники": [SheetWrite(2, 2, "=СУММ(A1)"), SheetWrite(3, 1, " Петров\nИ. ")]})
    ws = load_workbook(io.BytesIO(package.tobytes()))["Наставники"]
    assert ws["B2"].value == "=СУММ(A1)" and ws["B2"].data_type == "s"
    assert ws["A3"].value == " Петров\nИ. "
    assert ws["A2"].value == "Иванова"


def test_only_the_tab_written_changes():
    data = school_workbook()
    package = XlsxPackage(data)
    apply_writes(package, {"Журнал": [SheetWrite(2, 1, "27.11.2026")]})
    before, after = members(data), members(package.tobytes())
    assert sorted(n for n in after if after[n] != before[n]) == ["xl/worksheets/sheet2.xml"]


def test_members_with_data_descriptors_and_stored_members_are_copied_raw():
    """Zips written by streaming tools (general-purpose flag bit 3) and stored members."""
    class Unseekable(io.RawIOBase):
        def __init__(self):
            self.buffer = bytearray()

        def writable(self):
            return True

        def write(self, b):
            self.buffer += b
            return len(b)

    stream = Unseekable()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", "<a>" + "x" * 1000 + "</a>")
        z.writestr("b.xml", "<b/>")
        z.writestr("c.bin", b"\x00" * 10, compress_type=zipfile.ZIP_STORED)
    data = bytes(stream.buffer)
    assert all(i.flag_bits & 0x08 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())

    package = XlsxPackage(data)
    assert package.tobytes() == data
    package.write("b.xml", b"<b>new</b>")
    new = package.tobytes()

    z = zipfile.ZipFile(io.BytesIO(new))
    assert z.testzip() is None and z.read("b.xml") == b"<b>new</b>"
    before, after = raw_entries(data), raw_entries(new)
    assert [n for n in after if after[n] != before[n]] == ["b.xml"]
    assert [i.compress_type for i in z.infolist()] == [8, 8, 0]


def test_an_archive_whose_directory_cannot_be_walked_is_written_member_by_member():
    """zip64 (or an unusual layout): every member's content, name, order and date still kept."""
    data = school_workbook()
    package = XlsxPackage(data)
    package._raw = None  # as for a zip64 archive
    apply_writes(package, {"Журнал": [SheetWrite(2, 1, "27.11.2026")]})
    new = package.tobytes()
    before, after = members(data), members(new)
    assert list(after) == list(before)
    assert sorted(n for n in after if after[n] != before[n]) == ["xl/worksheets/sheet2.xml"]
    dates = lambda d: [i.date_time for i in zipfile.ZipFile(io.BytesIO(d)).infolist()]  # noqa: E731
    assert dates(new) == dates(data)


def test_a_sheet_written_with_a_namespace_prefix_keeps_it():
    """Open XML SDK writes ``<x:worksheet xmlns:x="…main">``: new cells and rows use the prefix."""
    xml = (f'<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="{M}"><x:sheetData>'
           '<x:row r="1"><x:c r="A1" t="str"><x:v>ФИО</x:v></x:c></x:row></x:sheetData></x:worksheet>').encode()
    result = patch_sheet(xml, [SheetWrite(1, 2, "Статус"), SheetWrite(3, 1, "Иванова")])
    assert result.xml == (
        f'<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="{M}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="str"><x:v>ФИО</x:v></x:c><x:c r="B1" t="inlineStr"><x:is>'
        '<x:t xml:space="preserve">Статус</x:t></x:is></x:c></x:row><x:row r="3"><x:c r="A3" t="inlineStr"><x:is>'
        '<x:t xml:space="preserve">Иванова</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>').encode()


def test_rows_and_cells_without_references_get_them_before_a_write():
    """A producer may leave out ``r`` (rows and cells then follow one another)."""
    xml = (f'<worksheet xmlns="{M}"><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
           '<row><c><v>2</v></c></row></sheetData></worksheet>').encode()
    root = etree.fromstring(patch_sheet(xml, [SheetWrite(2, 2, "x")]).xml)
    assert [(r.get("r"), [c.get("r") for c in r]) for r in root.iter(f"{{{M}}}row")] == [
        ("1", [None, None]), ("2", ["A2", "B2"])]
    assert cell(root, "B2") == inline("B2", "x")
