"""Build the spec-made workbooks of the corpus: what Excel writes that openpyxl does not model.

Each workbook starts as a real workspace — `nastavnik init --sample` made by `jobs.init` with a
fixed date, one `nightly` already run on it (so «Итоги мониторинга», «Предложения» and «Журнал»
exist as a school that uses the tool has them) — and then the XML parts Excel 2010+ would write
are added with zipfile + lxml, to the OOXML spec (ECMA-376, and MS-XLSX for the x14 extensions):

* ``excel_features`` — every extra part on the two bank tabs, the header still in row 1: the
  school's logo (a PNG in ``xl/media`` with a drawing and its relationships) and a column chart
  in the same drawing on «Наставники»; an ``x14:dataValidation`` in «Наставляемые»'s ``extLst``
  whose list is on «Списки»; a note (``xl/comments1.xml`` + legacy VML) whose text is partly bold
  red; conditional formatting (a ``dxf`` in styles.xml); an autofilter with its hidden
  ``_xlnm._FilterDatabase``; hidden rows; defined names (a named range, a print area, print
  titles local to «Журнал», a tab after the one nightly may add); printer
  settings (``pageSetup`` with a ``printerSettings1.bin`` part); cached formula values
  (``<f>2026-1998</f><v>28</v>``) in a column the school added.
* ``excel_staff_layout`` — what staff do to the layout: a title row merged across above the
  header of «Наставники», a comment row «--- ниже: наставники из филиала…», «Предмет» merged
  down three rows of «Наставляемые», and «Педагогический стаж, лет» given as the formula
  ``=2026-1998`` with its cached value 28.

In both, «Статус» and «Сообщение» of the banks are empty, as in a bank staff typed themselves:
`validate` has something to write on every row.

Built at test time rather than committed: the banks follow `sheets_schema` as it evolves (a new
column does not leave stale fixtures behind), and every added part is readable here. The same
inputs give the same bytes (fixed dates, fixed zip timestamps). `python -m
tests.workbook_corpus.build DIR` writes them into DIR to look at.
"""
from __future__ import annotations

import datetime as dt
import shutil
import struct
import sys
import zlib
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook

from sheets_schema.grid import column_letter

from tests.workbook_corpus.package import (
    MAIN, PKG_REL, REL, q, read_package, rels_path, sheet_cells, sheet_paths,
    split_ref, write_package, xml,
)

NOW = dt.datetime(2026, 11, 27, 3, 0, 0)
STAFF, SEED = 40, 5
MENTEES, MENTORS = "Наставляемые", "Наставники"
SERVICE_HEADERS = ("Статус", "Сообщение")
HERE = Path(__file__).resolve().parent
COMMITTED = {  # made by LibreOffice (make_libreoffice.py), stored as files
    "libreoffice_resaved": HERE / "libreoffice_resaved.xlsx",
    "libreoffice_staff_layout": HERE / "libreoffice_staff_layout.xlsx",
}
TITLE = "Банк наставников МБОУ СОШ №5 на 2026/27 уч. год"
COMMENT_ROW = "--- ниже: наставники из филиала (ул. Садовая, 12) ---"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
DRAW = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

# CT_Worksheet: the order of a sheet's children (ECMA-376 Part 1, 18.3.1.99)
SHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks",
    "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
    "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst",
]


# --- the common start ---------------------------------------------------------------------------
def base_workspace(directory: Path, staff: int = STAFF, seed: int = SEED) -> Path:
    """A workspace as `nastavnik init --sample` makes it, one nightly run later, statuses cleared."""
    from jobs.config import MatchingSettings, render_local_config
    from jobs.init import DEFAULT_SCHOOL, init_workspace
    from jobs.nightly import NightlySettings, nightly
    from sync.local import create_local_workspace

    directory = Path(directory)
    made = init_workspace(
        lambda rows: create_local_workspace(directory, rows, render_local_config(DEFAULT_SCHOOL)),
        sample_size=staff, seed=seed, today=NOW.date())
    nightly(made.workspace, NightlySettings(matching=MatchingSettings.from_section({})), now=NOW)
    path = directory / "workspace.xlsx"
    wb = load_workbook(path)
    for tab in (MENTEES, MENTORS):
        ws = wb[tab]
        columns = [c.column for c in ws[1] if c.value in SERVICE_HEADERS]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.column in columns:
                    cell.value = None
    wb.save(path)
    return path


def make_workspace(name: str, directory: Path, base: Path | None = None) -> Path:
    """A workspace folder in `directory` whose workbook is the corpus workbook `name`.

    `base`: a folder `base_workspace` already made, copied instead of making it again.
    """
    if base is not None:
        shutil.copytree(base, directory)
        path = Path(directory) / "workspace.xlsx"
    else:
        path = base_workspace(directory)
    if name in COMMITTED:
        shutil.copyfile(COMMITTED[name], path)
    else:
        BUILDERS[name](path)
    return path


# --- package editing ----------------------------------------------------------------------------
def _tostring(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _place(root: etree._Element, element: etree._Element) -> etree._Element:
    """Insert `element` among the sheet's children where CT_Worksheet wants it."""
    rank = SHEET_ORDER.index(etree.QName(element).localname)
    for i, child in enumerate(root):
        if SHEET_ORDER.index(etree.QName(child).localname) > rank:
            root.insert(i, element)
            return element
    root.append(element)
    return element


def _el(tag: str, nsmap_uri: str = MAIN, **attrs) -> etree._Element:
    element = etree.Element(f"{{{nsmap_uri}}}{tag}")
    for k, v in attrs.items():
        element.set(k, str(v))
    return element


def _add_rel(members: dict[str, bytes], source: str, kind: str, target: str) -> str:
    """Add a relationship of `source` (creating its .rels) and return its new id."""
    path = rels_path(source)
    if path in members:
        root = xml(members[path])
    else:
        root = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
    used = {r.get("Id") for r in root}
    n = 1
    while f"rId{n}" in used:
        n += 1
    etree.SubElement(root, f"{{{PKG_REL}}}Relationship", Id=f"rId{n}", Type=RT + kind, Target=target)
    members[path] = _tostring(root)
    return f"rId{n}"


def _content_type(members: dict[str, bytes], *, part: str | None = None, extension: str | None = None,
                  content_type: str) -> None:
    root = xml(members["[Content_Types].xml"])
    if extension:
        if any(d.get("Extension") == extension for d in root.iter(f"{{{TYPES}}}Default")):
            return
        root.insert(0, etree.Element(f"{{{TYPES}}}Default", Extension=extension, ContentType=content_type))
    else:
        etree.SubElement(root, f"{{{TYPES}}}Override", PartName="/" + part, ContentType=content_type)
    members["[Content_Types].xml"] = _tostring(root)


def _free(members: dict[str, bytes], pattern: str) -> str:
    n = 1
    while pattern.format(n) in members:
        n += 1
    return pattern.format(n)


def _columns(members: dict[str, bytes], tab: str, header_row: int = 1) -> dict[str, str]:
    cells = sheet_cells(members, sheet_paths(members)[tab])
    return {cell.value: split_ref(ref)[0] for ref, cell in cells.items()
            if split_ref(ref)[1] == header_row and cell.value}


def _last_row(members: dict[str, bytes], tab: str) -> int:
    return max(split_ref(ref)[1] for ref in sheet_cells(members, sheet_paths(members)[tab]))


def _fix_core(members: dict[str, bytes]) -> None:
    """docProps/core.xml as Excel writes it, with fixed dates (the same build, the same bytes)."""
    members["docProps/core.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:creator>Завуч</dc:creator><cp:lastModifiedBy>Завуч</cp:lastModifiedBy>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-09-01T08:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-26T16:42:00Z</dcterms:modified>'
        '</cp:coreProperties>').encode("utf-8")


def logo_png(width: int = 48, height: int = 24) -> bytes:
    """A small school logo: a blue field with a white book shape (a valid PNG, no library)."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            page = 8 <= x < width - 8 and 5 <= y < height - 5 and x != width // 2
            row += bytes((255, 255, 255) if page else (31, 78, 121))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


PRINTER_SETTINGS = b"".join(struct.pack("<H", ord(ch)) for ch in "Школьный принтер".ljust(32, "\0")) + \
    bytes(range(64)) * 3  # a DEVMODE-like blob: only its bytes matter here


# --- excel_features -----------------------------------------------------------------------------
def build_excel_features(path: Path) -> None:
    """Add the Excel-only parts listed in the module docstring to the workbook at `path`."""
    members = read_package(path)
    sheets = sheet_paths(members)
    mentees, mentors = sheets[MENTEES], sheets[MENTORS]
    titles = list(sheets)
    _x14_validation_and_formulas(members, mentees)
    _comment(members, mentees)
    _autofilter_hidden_rows(members, mentees, titles.index(MENTEES))
    _conditional_format(members, mentors)
    _drawing_with_logo_and_chart(members, mentors)
    for sheet in (mentees, mentors):
        _page_setup(members, sheet)
    last = _last_row(members, MENTORS)
    _defined_names(members, [
        ("Банк_наставников", None, False, f"'{MENTORS}'!$A$1:${_columns(members, MENTORS)['Сообщение']}${last}"),
        ("_xlnm.Print_Area", titles.index(MENTORS), False,
         f"'{MENTORS}'!$A$1:${_columns(members, MENTORS)['Сообщение']}${last}"),
        ("_xlnm.Print_Titles", titles.index("Журнал"), False, "'Журнал'!$1:$1"),
    ])
    _fix_core(members)
    write_package(members, path)


def _x14_validation_and_formulas(members: dict[str, bytes], sheet: str) -> None:
    """Two columns the school added: «МО» with an x14 list on «Списки», «Лет в школе» as formulas."""
    root = xml(members[sheet])
    data = root.find(q("m:sheetData"))
    rows = list(data.iter(q("m:row")))
    width = max(len(r) for r in rows[:1])
    mo, years = column_letter(width), column_letter(width + 1)
    header_style = rows[0][0].get("s", "0")
    for letter, text in ((mo, "МО"), (years, "Лет в школе")):
        c = etree.SubElement(rows[0], q("m:c"), r=f"{letter}1", s=header_style, t="inlineStr")
        etree.SubElement(etree.SubElement(c, q("m:is")), q("m:t")).text = text
    for row in rows[1:6]:
        r = row.get("r")
        c = etree.SubElement(row, q("m:c"), r=f"{mo}{r}", t="inlineStr")
        etree.SubElement(etree.SubElement(c, q("m:is")), q("m:t")).text = "МО естественных наук"
        c = etree.SubElement(row, q("m:c"), r=f"{years}{r}")
        etree.SubElement(c, q("m:f")).text = "2026-1998"
        etree.SubElement(c, q("m:v")).text = "28"
    ext_list = root.find(q("m:extLst"))
    if ext_list is None:
        ext_list = _place(root, _el("extLst"))
    ext = etree.SubElement(ext_list, q("m:ext"), nsmap={"x14": X14},
                           uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}")
    validations = etree.SubElement(ext, f"{{{X14}}}dataValidations", count="1", nsmap={"xm": XM})
    dv = etree.SubElement(validations, f"{{{X14}}}dataValidation", type="list", allowBlank="1",
                          showInputMessage="1", showErrorMessage="1")
    etree.SubElement(etree.SubElement(dv, f"{{{X14}}}formula1"), f"{{{XM}}}f").text = "'Списки'!$A$2:$A$6"
    etree.SubElement(dv, f"{{{XM}}}sqref").text = f"{mo}2:{mo}500"
    members[sheet] = _tostring(root)


def _comment(members: dict[str, bytes], sheet: str) -> None:
    """A note on «Предмет» of row 3, partly bold red, with the legacy VML shape Excel keeps beside it."""
    subject = _columns(members, MENTEES)["Предмет"]
    ref = f"{subject}3"
    comments = _free(members, "xl/comments{}.xml")
    vml = _free(members, "xl/drawings/vmlDrawing{}.vml")
    members[comments] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<comments xmlns="{MAIN}"><authors><author>Завуч</author></authors><commentList>'
        f'<comment ref="{ref}" authorId="0"><text>'
        '<r><rPr><b/><sz val="9"/><color rgb="FFFF0000"/><rFont val="Tahoma"/><family val="2"/></rPr>'
        '<t>Завуч:</t></r>'
        '<r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>'
        '<t xml:space="preserve"> уточнить предмет у методиста до 01.12</t></r>'
        '</text></comment></commentList></comments>').encode("utf-8")
    column = ord(subject[-1]) - 65 if len(subject) == 1 else 0
    members[vml] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n'
        ' <o:shapelayout v:ext="edit">\r\n  <o:idmap v:ext="edit" data="1"/>\r\n </o:shapelayout>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">\r\n'
        '  <v:stroke joinstyle="miter"/>\r\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\r\n'
        ' </v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style=\'position:absolute;'
        'margin-left:400pt;margin-top:20pt;width:160pt;height:60pt;z-index:1;visibility:hidden\' '
        'fillcolor="#ffffe1" o:insetmode="auto">\r\n  <v:fill color2="#ffffe1"/>\r\n'
        '  <v:shadow on="t" color="black" obscured="t"/>\r\n  <v:path o:connecttype="none"/>\r\n'
        '  <v:textbox style=\'mso-direction-alt:auto\'>\r\n   <div style=\'text-align:left\'></div>\r\n'
        '  </v:textbox>\r\n  <x:ClientData ObjectType="Note">\r\n   <x:MoveWithCells/>\r\n'
        '   <x:SizeWithCells/>\r\n   <x:Anchor>\r\n    9, 15, 1, 10, 11, 15, 5, 4</x:Anchor>\r\n'
        f'   <x:AutoFill>False</x:AutoFill>\r\n   <x:Row>2</x:Row>\r\n   <x:Column>{column}</x:Column>\r\n'
        '  </x:ClientData>\r\n </v:shape></xml>').encode("utf-8")
    _content_type(members, extension="vml", content_type="application/vnd.openxmlformats-officedocument.vmlDrawing")
    _content_type(members, part=comments,
                  content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml")
    rid_vml = _add_rel(members, sheet, "vmlDrawing", "../drawings/" + vml.rsplit("/", 1)[1])
    _add_rel(members, sheet, "comments", "../" + comments.rsplit("/", 1)[1])
    root = xml(members[sheet])
    _place(root, _el("legacyDrawing")).set(f"{{{REL}}}id", rid_vml)
    members[sheet] = _tostring(root)


def _autofilter_hidden_rows(members: dict[str, bytes], sheet: str, index: int) -> None:
    """An autofilter over the whole bank (and the hidden name Excel keeps for it); rows 5–6 hidden."""
    columns = _columns(members, MENTEES)
    last_col = max(columns.values(), key=lambda s: (len(s), s))
    ref = f"A1:{last_col}{_last_row(members, MENTEES)}"
    root = xml(members[sheet])
    _place(root, _el("autoFilter", ref=ref))
    for row in root.find(q("m:sheetData")):
        if row.get("r") in ("5", "6"):
            row.set("hidden", "1")
    members[sheet] = _tostring(root)
    _defined_names(members, [("_xlnm._FilterDatabase", index, True, f"'{MENTEES}'!${ref.replace(':', ':$')}"
                               .replace("$A1", "$A$1").replace(f"${last_col}", f"${last_col}$"))])


def _conditional_format(members: dict[str, bytes], sheet: str) -> None:
    """«Статус» = "Ошибка" in red (a dxf added to styles.xml, as Excel adds it)."""
    styles = xml(members["xl/styles.xml"])
    dxfs = styles.find(q("m:dxfs"))
    if dxfs is None:
        dxfs = _el("dxfs", count="0")
        anchor = styles.find(q("m:cellStyles"))
        anchor.addnext(dxfs)
    dxf = etree.fromstring(
        f'<dxf xmlns="{MAIN}"><font><b/><color rgb="FF9C0006"/></font>'
        '<fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>')
    dxfs.append(dxf)
    dxfs.set("count", str(len(dxfs)))
    members["xl/styles.xml"] = _tostring(styles)
    status = _columns(members, MENTORS)["Статус"]
    root = xml(members[sheet])
    cf = _place(root, _el("conditionalFormatting", sqref=f"{status}2:{status}500"))
    rule = etree.SubElement(cf, q("m:cfRule"), type="cellIs", dxfId=str(len(dxfs) - 1), priority="1",
                            operator="equal")
    etree.SubElement(rule, q("m:formula")).text = '"Ошибка"'
    members[sheet] = _tostring(root)


def _drawing_with_logo_and_chart(members: dict[str, bytes], sheet: str) -> None:
    """The school's logo and a chart of the mentors' experience, in one drawing on the sheet."""
    media = _free(members, "xl/media/image{}.png")
    members[media] = logo_png()
    drawing = _free(members, "xl/drawings/drawing{}.xml")
    chart = _free(members, "xl/charts/chart{}.xml")
    columns = _columns(members, MENTORS)
    last = min(_last_row(members, MENTORS), 11)
    names, years = columns["ФИО"], columns["Педагогический стаж, лет"]
    cells = sheet_cells(members, sheet)
    points = [(cells.get(f"{names}{r}"), cells.get(f"{years}{r}")) for r in range(2, last + 1)]
    cache_names = "".join(f'<c:pt idx="{i}"><c:v>{n.value if n else ""}</c:v></c:pt>' for i, (n, _) in enumerate(points))
    cache_years = "".join(f'<c:pt idx="{i}"><c:v>{y.value}</c:v></c:pt>' for i, (_, y) in enumerate(points)
                          if y and y.value.replace(".", "").isdigit())
    members[chart] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{REL}"><c:roundedCorners val="0"/>'
        '<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Стаж наставников</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>Стаж, лет</c:v></c:tx>'
        f"<c:cat><c:strRef><c:f>'{MENTORS}'!${names}$2:${names}${last}</c:f><c:strCache>"
        f'<c:ptCount val="{len(points)}"/>{cache_names}</c:strCache></c:strRef></c:cat>'
        f"<c:val><c:numRef><c:f>'{MENTORS}'!${years}$2:${years}${last}</c:f><c:numCache>"
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{len(points)}"/>{cache_years}</c:numCache></c:numRef></c:val>'
        '</c:ser><c:gapWidth val="150"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>'
        '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/></c:catAx>'
        '<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/><c:crossAx val="500000001"/>'
        '<c:crosses val="autoZero"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
    ).encode("utf-8")
    rid_image = _add_rel(members, drawing, "image", "../media/" + media.rsplit("/", 1)[1])
    rid_chart = _add_rel(members, drawing, "chart", "../charts/" + chart.rsplit("/", 1)[1])
    col = len(columns) + 1
    members[drawing] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{DRAW}" xmlns:a="{A}">'
        f'<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff>'
        '<xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
        f'<xdr:to><xdr:col>{col + 2}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
        '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Логотип школы" descr="Логотип МБОУ СОШ №5"/>'
        '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
        f'<xdr:blipFill><a:blip xmlns:r="{REL}" r:embed="{rid_image}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>'
        f'<xdr:twoCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row>'
        f'<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{col + 8}</xdr:col><xdr:colOff>0</xdr:colOff>'
        '<xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="Диаграмма 1"/>'
        '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{C}"><c:chart xmlns:c="{C}" xmlns:r="{REL}" r:id="{rid_chart}"/>'
        '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>'
    ).encode("utf-8")
    _content_type(members, extension="png", content_type="image/png")
    _content_type(members, part=drawing, content_type="application/vnd.openxmlformats-officedocument.drawing+xml")
    _content_type(members, part=chart,
                  content_type="application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
    rid = _add_rel(members, sheet, "drawing", "../drawings/" + drawing.rsplit("/", 1)[1])
    root = xml(members[sheet])
    _place(root, _el("drawing")).set(f"{{{REL}}}id", rid)
    members[sheet] = _tostring(root)


def _page_setup(members: dict[str, bytes], sheet: str) -> None:
    """Landscape A4, fit to one page wide, with the printer's own settings part."""
    part = "xl/printerSettings/printerSettings1.bin"
    if part not in members:
        members[part] = PRINTER_SETTINGS
        _content_type(members, extension="bin",
                      content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings")
    rid = _add_rel(members, sheet, "printerSettings", "../printerSettings/printerSettings1.bin")
    root = xml(members[sheet])
    setup = _place(root, _el("pageSetup", paperSize="9", orientation="landscape", fitToWidth="1",
                             fitToHeight="0"))
    setup.set(f"{{{REL}}}id", rid)
    members[sheet] = _tostring(root)


def _defined_names(members: dict[str, bytes], names: list[tuple[str, int | None, bool, str]]) -> None:
    book = xml(members["xl/workbook.xml"])
    defined = book.find(q("m:definedNames"))
    if defined is None:
        defined = _el("definedNames")
        book.find(q("m:sheets")).addnext(defined)
    for name, local, hidden, ref in names:
        element = etree.SubElement(defined, q("m:definedName"), name=name)
        if local is not None:
            element.set("localSheetId", str(local))
        if hidden:
            element.set("hidden", "1")
        element.text = ref
    members["xl/workbook.xml"] = _tostring(book)


# --- excel_staff_layout -------------------------------------------------------------------------
def build_excel_staff_layout(path: Path) -> None:
    """Title row, comment row, merged «Предмет», a formula with its cached value (module docstring)."""
    wb = load_workbook(path)
    mentors = wb[MENTORS]
    width = mentors.max_column
    mentors.insert_rows(1)
    mentors.cell(row=1, column=1, value=TITLE)
    mentors.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    mentors.freeze_panes = "A3"
    headers = {c.value: c.column for c in mentors[2]}
    years = headers["Педагогический стаж, лет"]
    formula_row = 4
    mentors.cell(row=formula_row, column=years, value="=2026-1998")
    mentors.insert_rows(9)
    mentors.cell(row=9, column=1, value=COMMENT_ROW)
    mentees = wb[MENTEES]
    subject = {c.value: c.column for c in mentees[1]}["Предмет"]
    for r in (2, 3, 4):
        mentees.cell(row=r, column=subject, value="математика")
    mentees.merge_cells(start_row=2, start_column=subject, end_row=4, end_column=subject)
    wb.save(path)
    members = read_package(path)
    sheet = sheet_paths(members)[MENTORS]
    root = xml(members[sheet])
    ref = f"{column_letter(years - 1)}{formula_row}"
    for c in root.iter(q("m:c")):
        if c.get("r") == ref:  # what Excel stores after calculating
            v = c.find(q("m:v"))
            (v if v is not None else etree.SubElement(c, q("m:v"))).text = "28"
    members[sheet] = _tostring(root)
    _fix_core(members)
    write_package(members, path)


BUILDERS = {
    "excel_features": build_excel_features,
    "excel_staff_layout": build_excel_staff_layout,
}
CORPUS = tuple(BUILDERS) + tuple(COMMITTED)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-built")
    for corpus_name in BUILDERS:
        target = out / corpus_name
        make_workspace(corpus_name, target)
        print(target / "workspace.xlsx")
