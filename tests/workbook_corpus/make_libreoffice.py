"""Make the LibreOffice workbooks of the corpus (run by hand; CI uses the committed files).

    apt-get install -y --no-install-recommends libreoffice-calc-nogui python3-uno
    .venv/bin/python -m tests.workbook_corpus.make_libreoffice [DIR]   # default: this folder

The venv side builds the common start (`build.base_workspace`: `init --sample 40 --seed 5`, one
nightly, statuses cleared) and hands the workbook to the system Python, which has LibreOffice's
``uno`` module: it starts ``soffice --headless``, opens the workbook in Calc, makes the edits a
person would make through the API Calc's own UI uses, and stores it with Calc's "Calc MS Excel
2007 XML" filter — so the files are LibreOffice's own writer output (shared strings, its styles,
theme and docProps, cached formula values), not ours:

* ``libreoffice_resaved.xlsx`` — the header in row 1; a note on «Предмет» of row 3, conditional
  formatting on «Статус» of «Наставники», an autofilter, rows 5–6 hidden, a named range,
  landscape page setup, a column «Лет в школе» with ``=2026-1998``, the school's logo and a
  chart on «Наставники».
* ``libreoffice_staff_layout.xlsx`` — a title row merged across above the header of
  «Наставники», ``=2026-1998`` in «Педагогический стаж, лет» of its row 4, a comment row
  «--- ниже: наставники из филиала…» as row 9, and «Предмет» of «Наставляемые» rows 2–4 merged
  (the two lower cells emptied first, as Calc's «empty the hidden cells» does).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "Банк наставников МБОУ СОШ №5 на 2026/27 уч. год"
COMMENT_ROW = "--- ниже: наставники из филиала (ул. Садовая, 12) ---"


def main(out_dir: Path = HERE) -> None:
    from tests.workbook_corpus.build import base_workspace, logo_png

    with tempfile.TemporaryDirectory() as tmp:
        base = base_workspace(Path(tmp) / "w")
        logo = Path(tmp) / "logo.png"
        logo.write_bytes(logo_png())
        for kind in ("resaved", "staff_layout"):
            out = out_dir / f"libreoffice_{kind}.xlsx"
            subprocess.run(["/usr/bin/python3", __file__, "--uno", kind, str(base), str(out), str(logo)],
                           check=True)
            print(out, out.stat().st_size)


# --- the system-Python side, with LibreOffice's uno ---------------------------------------------
def uno_main(kind: str, source: str, target: str, logo: str) -> None:
    import uno

    profile = tempfile.mkdtemp(prefix="lo-profile-")
    office = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        f"-env:UserInstallation=file://{profile}",
        "--accept=socket,host=127.0.0.1,port=2083;urp;StarOffice.ComponentContext"])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2083;urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 — office still starting
                time.sleep(0.5)
        _CTX["ctx"] = ctx
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (_pv("Hidden", True),))
        (edit_resaved if kind == "resaved" else edit_staff_layout)(doc, uno, logo)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       (_pv("FilterName", "Calc MS Excel 2007 XML"), _pv("Overwrite", True)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 — the bridge goes away as the office exits
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


def headers(sheet, row: int = 0) -> dict[str, int]:
    """Header text → 0-based column, from `row` of a Calc sheet."""
    out = {}
    for col in range(60):
        text = sheet.getCellByPosition(col, row).getString()
        if text:
            out[text] = col
    return out


def last_row(sheet) -> int:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow


def edit_resaved(doc, uno, logo: str) -> None:
    from com.sun.star.awt import Point, Size, Rectangle
    from com.sun.star.table import CellAddress, CellRangeAddress
    sheets = doc.Sheets
    mentees, mentors = sheets.getByName("Наставляемые"), sheets.getByName("Наставники")
    index_mentees, index_mentors = 0, 1
    h = headers(mentees)
    address = CellAddress(index_mentees, h["Предмет"], 2)
    mentees.Annotations.insertNew(address, "Завуч: уточнить предмет у методиста до 01.12")
    width, last = len(h), last_row(mentees)
    years = width
    mentees.getCellByPosition(years, 0).setString("Лет в школе")
    for r in range(1, 6):
        mentees.getCellByPosition(years, r).setFormula("=2026-1998")
    for r in (4, 5):
        mentees.Rows.getByIndex(r).IsVisible = False
    area = CellRangeAddress(index_mentees, 0, 0, years, last)
    doc.DatabaseRanges.addNewByName("Фильтр_наставляемых", area)
    doc.DatabaseRanges.getByName("Фильтр_наставляемых").AutoFilter = True

    hm = headers(mentors)
    status = hm["Статус"]
    rng = mentors.getCellRangeByPosition(status, 1, status, 499)
    cf = rng.ConditionalFormat
    cf.addNew((_pv("Operator", uno.Enum("com.sun.star.sheet.ConditionOperator", "EQUAL")),
               _pv("Formula1", '"Ошибка"'), _pv("StyleName", "Bad")))
    rng.ConditionalFormat = cf
    last_m = last_row(mentors)
    doc.NamedRanges.addNewByName("Банк_наставников", f"$'Наставники'.$A$1:${_letter(len(hm) - 1)}${last_m + 1}",
                                 CellAddress(index_mentors, 0, 0), 0)
    for sheet in (mentees, mentors):
        style = doc.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
        if not style.IsLandscape:
            w, hgt = style.Width, style.Height
            style.IsLandscape = True
            style.Width, style.Height = hgt, w
    graphic = doc.createInstance("com.sun.star.drawing.GraphicObjectShape")
    mentors.DrawPage.add(graphic)
    ctx = _CTX["ctx"]
    gp = ctx.ServiceManager.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", ctx)
    graphic.Graphic = gp.queryGraphic((_pv("URL", uno.systemPathToFileUrl(logo)),))
    graphic.Name = "Логотип школы"
    x = mentors.getCellByPosition(len(hm) + 1, 0).Position
    graphic.Position = Point(x.X, x.Y)
    graphic.Size = Size(2400, 1200)
    years_col = hm["Педагогический стаж, лет"]
    names_col = hm["ФИО"]
    ranges = (CellRangeAddress(index_mentors, names_col, 0, names_col, 10),
              CellRangeAddress(index_mentors, years_col, 0, years_col, 10))
    pos = mentors.getCellByPosition(len(hm) + 1, 5).Position
    mentors.Charts.addNewByName("Стаж_наставников", Rectangle(pos.X, pos.Y, 12000, 7000), ranges, True, True)


_CTX = {}  # the office's component context, once connected


def _pv(name, value):
    """A com.sun.star.beans.PropertyValue (the arguments of most UNO calls)."""
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def edit_staff_layout(doc, uno, logo: str) -> None:
    sheets = doc.Sheets
    mentors, mentees = sheets.getByName("Наставники"), sheets.getByName("Наставляемые")
    width = len(headers(mentors))
    mentors.Rows.insertByIndex(0, 1)
    mentors.getCellByPosition(0, 0).setString(TITLE)
    mentors.getCellRangeByPosition(0, 0, width - 1, 0).merge(True)
    years = headers(mentors, 1)["Педагогический стаж, лет"]
    mentors.getCellByPosition(years, 3).setFormula("=2026-1998")
    mentors.Rows.insertByIndex(8, 1)
    mentors.getCellByPosition(0, 8).setString(COMMENT_ROW)
    subject = headers(mentees)["Предмет"]
    mentees.getCellByPosition(subject, 1).setString("математика")
    for r in (2, 3):
        mentees.getCellByPosition(subject, r).setString("")
    mentees.getCellRangeByPosition(subject, 1, subject, 3).merge(True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--uno":
        main_args = sys.argv[2:]
        import uno as _uno  # noqa: F401
        uno_main(*main_args)
    else:
        sys.path.insert(0, str(HERE.parents[1]))
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
