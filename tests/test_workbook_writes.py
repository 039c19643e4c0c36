"""What the school put in its workbook survives nastavnik's writes (issue 13): a logo on a bank
tab, a dropdown saved as an x14 validation in the sheet's ``extLst``, a note with rich text, a
formula with its cached value. `validate` and then ten `nightly` runs keep them, the run's dated
backup keeps them, and a run that changes nothing but «Журнал» writes only «Журнал»'s sheet."""
from __future__ import annotations

import base64
import zipfile

from lxml import etree
from openpyxl import Workbook

from jobs.config import MatchingSettings
from jobs.nightly import NightlySettings, nightly
from jobs.validate import validate
from sync.local import LocalWorkspace
from sync.local.backups import BackupPolicy, list_backups
from sync.local.xlsx_package import XlsxPackage
from tests.workspaces import NOW, sample_workspace

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
X14_VALIDATION = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Списки!$A$2:$A$5</xm:f></x14:formula1>'
    "<xm:sqref>Z2:Z300</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)
DRAWING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{R}"><xdr:oneCellAnchor>'
    "<xdr:from><xdr:col>20</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
    '<xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Логотип школы"/><xdr:cNvPicPr/>'
    '</xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
    '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>'
    "</xdr:oneCellAnchor></xdr:wsDr>"
)
COMMENTS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="{M}"><authors><author>Завуч</author>'
    '</authors><commentList><comment ref="A1" authorId="0"><text><r><rPr><b/><color rgb="FFFF0000"/><sz val="9"/>'
    '</rPr><t>Важно:</t></r><r><rPr><sz val="9"/></rPr><t xml:space="preserve"> не удалять строку</t></r></text>'
    "</comment></commentList></comments>"
)
VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape type="#_x0000_t202" style="visibility:hidden">'
    "<x:ClientData ObjectType=\"Note\"><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>"
)
SCHOOL_TAB = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{M}" xmlns:r="{R}">'
    '<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Возраст</t></is></c></row>'
    '<row r="2"><c r="A2"><f>2026-1998</f><v>28</v></c></row></sheetData>'
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    '<legacyDrawing r:id="rId1"/></worksheet>'
)
KEPT = ("xl/media/image1.png", "xl/drawings/drawingLogo.xml", "xl/drawings/_rels/drawingLogo.xml.rels",
        "xl/comments/commentSchool.xml", "xl/drawings/vmlSchool.vml", "xl/worksheets/sheetSchool.xml",
        "xl/worksheets/_rels/sheetSchool.xml.rels")


def add_school_parts(path) -> str:
    """Give the workbook at `path` a logo and an x14 dropdown on «Наставники», and a tab «Школа»
    with a rich-text note and a formula with its cached value. Returns the «Наставники» part."""
    package = XlsxPackage(path.read_bytes())
    bank = next(s.part for s in package.sheets() if s.title == "Наставники")
    xml = package.read(bank).decode()
    xml = xml.replace("<worksheet ", f'<worksheet xmlns:r="{R}" ', 1) if 'xmlns:r=' not in xml else xml
    at = xml.index("<pageMargins")
    end = xml.index(">", at) + 1
    xml = xml[:end] + '<drawing r:id="rIdLogo"/>' + xml[end:]
    xml = xml.replace("</worksheet>", X14_VALIDATION + "</worksheet>")
    package.write(bank, xml.encode())
    rels = bank.rsplit("/", 1)[0] + "/_rels/" + bank.rsplit("/", 1)[1] + ".rels"
    package.write(rels, (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         f'<Relationship Id="rIdLogo" Type="{R}/drawing" Target="../drawings/drawingLogo.xml"/></Relationships>').encode())
    package.write("xl/drawings/drawingLogo.xml", DRAWING.encode())
    package.write("xl/drawings/_rels/drawingLogo.xml.rels", (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R}/image" Target="../media/image1.png"/></Relationships>').encode())
    package.write("xl/media/image1.png", PNG)
    package.write("xl/worksheets/sheetSchool.xml", SCHOOL_TAB.encode())
    package.write("xl/worksheets/_rels/sheetSchool.xml.rels", (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R}/vmlDrawing" Target="../drawings/vmlSchool.vml"/>'
        f'<Relationship Id="rId2" Type="{R}/comments" Target="../comments/commentSchool.xml"/></Relationships>').encode())
    package.write("xl/comments/commentSchool.xml", COMMENTS.encode())
    package.write("xl/drawings/vmlSchool.vml", VML.encode())
    workbook = package.read("xl/workbook.xml").decode()
    workbook = workbook.replace("</sheets>", f'<sheet xmlns:r="{R}" name="Школа" sheetId="99" r:id="rIdSchool"/></sheets>')
    package.write("xl/workbook.xml", workbook.encode())
    wrels = package.read("xl/_rels/workbook.xml.rels").decode().replace(
        "</Relationships>", f'<Relationship Id="rIdSchool" Type="{R}/worksheet" Target="worksheets/sheetSchool.xml"/></Relationships>')
    package.write("xl/_rels/workbook.xml.rels", wrels.encode())
    package.set_content_type_overrides({
        "xl/drawings/drawingLogo.xml": "application/vnd.openxmlformats-officedocument.drawing+xml",
        "xl/worksheets/sheetSchool.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        "xl/comments/commentSchool.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
    }, set())
    types = package.read("[Content_Types].xml").decode()
    types = types.replace("<Override", '<Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override', 1)
    package.write("[Content_Types].xml", types.encode())
    path.write_bytes(package.tobytes())
    return bank


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def part_of(xml: bytes, name: str) -> bytes:
    root = etree.fromstring(xml)
    found = root.find(f"{{{M}}}{name}")
    return etree.tostring(found, method="c14n") if found is not None else b""


def assert_school_parts_kept(path, original: dict[str, bytes], bank: str) -> None:
    now = members(path)
    for name in KEPT:
        assert now[name] == original[name], name
    assert part_of(now[bank], "extLst") == part_of(original[bank], "extLst") != b""
    assert part_of(now[bank], "drawing") == part_of(original[bank], "drawing") != b""
    assert zipfile.ZipFile(path).testzip() is None


def test_validate_then_ten_nightly_runs_keep_what_the_school_made(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=40, seed=7)
    bank = add_school_parts(ws.path)
    original = members(ws.path)

    validate(ws, now=NOW)
    assert members(ws.path)[bank] != original[bank]  # statuses written into the tab with the logo
    assert_school_parts_kept(ws.path, original, bank)
    for _ in range(10):
        run = LocalWorkspace(tmp_path)
        with run.run_lock("nightly"):
            nightly(run, NightlySettings(matching=MatchingSettings.from_section({})), now=NOW)
        assert_school_parts_kept(ws.path, original, bank)
        assert_school_parts_kept(backups(tmp_path)[0], original, bank)


def backups(directory) -> list:
    """The dated copies of the workbook in `directory`/backups, newest first."""
    return [b.path for b in list_backups(directory / "workspace.xlsx", BackupPolicy.in_state_dir(directory))]


def test_the_backup_is_the_workbook_before_the_run_not_before_its_last_step(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=40, seed=8)
    before = ws.path.read_bytes()
    run = LocalWorkspace(tmp_path)

    with run.run_lock("nightly"):
        result = nightly(run, NightlySettings(matching=MatchingSettings.from_section({})), now=NOW)

    assert sum(1 for s in result.steps) >= 4
    assert [p.read_bytes() for p in backups(tmp_path)] == [before]
    after_first = ws.path.read_bytes()
    with run.run_lock("nightly"):  # the next run keeps the workbook as the first one left it
        nightly(run, NightlySettings(matching=MatchingSettings.from_section({})), now=NOW)
    assert [p.read_bytes() for p in backups(tmp_path)] == [after_first, before]
    assert not run.backup_path.exists()  # no .bak any more


def test_a_run_that_changes_only_the_log_writes_only_the_log_sheet(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=40, seed=9)
    validate(ws, now=NOW)
    package = XlsxPackage(ws.path.read_bytes())
    log_part = next(s.part for s in package.sheets() if s.title == "Журнал")
    before = members(ws.path)

    validate(LocalWorkspace(tmp_path), now=NOW)  # statuses already written: only «Журнал» gets a row

    after = members(ws.path)
    assert list(after) == list(before)
    assert [n for n in after if after[n] != before[n]] == [log_part]


def test_a_new_workbook_made_by_openpyxl_is_still_written_whole(tmp_path):
    ws = LocalWorkspace(tmp_path)
    wb = Workbook()
    wb.active.title = "Журнал"
    ws.save(wb)
    assert members(ws.path)["xl/workbook.xml"]
    assert not ws.backup_path.exists() and not (tmp_path / "backups").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".nastavnik-")] == []


# --- crash leftovers ------------------------------------------------------------------------------
def _leftovers(directory, names, age_seconds=60):
    import os
    import time

    past = time.time() - age_seconds
    for name in names:
        path = directory / name
        path.write_bytes(b"PK half a workbook")
        os.utime(path, (past, past))


LEFTOVER_CASES = [
    (".nastavnik-tmp-4242-0a1b2c3d.xlsx.part", True),   # an interrupted save of this version
    (".nastavnik-tmp-4242-0a1b2c3d.bak.part", True),    # an interrupted .bak copy
    (".nastavnik-k3j_9x2a.xlsx", True),                  # tempfile name of earlier versions
    (".nastavnik-k3j_9x2a.docx", False),                 # the document store's own temporary file
    (".nastavnik-abc123.toml", False),                   # not a workbook's temporary file
    (".nastavnik.lock", False),
    ("workspace.xlsx.bak", False),
    ("копия workspace.xlsx", False),
]


def test_the_next_save_removes_only_nastavnik_s_own_leftovers(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=10, seed=3)
    _leftovers(tmp_path, [name for name, _ in LEFTOVER_CASES])

    validate(ws, now=NOW)

    left = {p.name for p in tmp_path.iterdir()}
    assert {name: name not in left for name, _ in LEFTOVER_CASES} == dict(LEFTOVER_CASES)


def test_a_save_in_progress_and_a_newer_file_are_never_removed(tmp_path):
    import fcntl
    import os

    ws, _ = sample_workspace(tmp_path, count=10, seed=3)
    busy, newer = ".nastavnik-tmp-1-00000001.xlsx.part", ".nastavnik-tmp-1-00000002.xlsx.part"
    _leftovers(tmp_path, [busy])
    _leftovers(tmp_path, [newer], age_seconds=-3600)  # written after this save began
    fd = os.open(tmp_path / busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # its writer is alive
    try:
        validate(ws, now=NOW)
    finally:
        os.close(fd)

    assert (tmp_path / busy).exists() and (tmp_path / newer).exists()


def test_leftovers_stay_while_another_run_holds_the_workspace(tmp_path):
    from sync.local.runlock import file_run_lock

    ws, _ = sample_workspace(tmp_path, count=10, seed=3)
    name = ".nastavnik-tmp-4242-0a1b2c3d.xlsx.part"
    _leftovers(tmp_path, [name])

    with file_run_lock(tmp_path, "nightly"):  # another run (here: another open of the lock file)
        validate(LocalWorkspace(tmp_path), now=NOW)
    assert (tmp_path / name).exists()

    validate(LocalWorkspace(tmp_path), now=NOW)
    assert not (tmp_path / name).exists()


# --- «Итоги мониторинга»: nastavnik's own tab, grafted ----------------------------------------------
def test_monitor_grafts_its_tab_and_a_rerun_changes_only_that_tab(tmp_path):
    from openpyxl import load_workbook

    from jobs.monitor import monitor

    ws, _ = sample_workspace(tmp_path, count=40, seed=7)
    bank = add_school_parts(ws.path)
    package = XlsxPackage(ws.path.read_bytes())
    workbook = package.read("xl/workbook.xml").decode().replace(
        "</sheets>", '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="6" '
        'hidden="1">\'Журнал\'!$A$1:$F$1</definedName></definedNames>', 1)
    assert "<definedNames>" not in package.read("xl/workbook.xml").decode()
    package.write("xl/workbook.xml", workbook.encode())
    ws.path.write_bytes(package.tobytes())
    original = members(ws.path)
    log_part = next(s.part for s in package.sheets() if s.title == "Журнал")

    monitor(ws, now=NOW)

    first = members(ws.path)
    changed = sorted(n for n in first if first.get(n) != original.get(n))
    tab = next(s.part for s in XlsxPackage(ws.path.read_bytes()).sheets() if s.title == "Итоги мониторинга")
    assert changed == sorted([
        "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/charts/chart1.xml", "xl/drawings/_rels/drawing1.xml.rels",
        "xl/drawings/drawing1.xml", "xl/styles.xml", "xl/workbook.xml", log_part, tab,
        tab.replace("worksheets/", "worksheets/_rels/") + ".rels",
    ])
    assert_school_parts_kept(ws.path, original, bank)
    wb = load_workbook(ws.path)
    assert wb.sheetnames.index("Итоги мониторинга") == wb.sheetnames.index("Мониторинг") + 1
    assert [c.title.tx.rich.p[0].r[0].t for c in wb["Итоги мониторинга"]._charts] == [
        "Средние оценки по вопросам мониторинга"]
    assert wb["Итоги мониторинга"]["A1"].font.b
    # the log's filter kept pointing at «Журнал», now one place further
    assert 'localSheetId="7"' in first["xl/workbook.xml"].decode()

    monitor(LocalWorkspace(tmp_path), now=NOW)

    second = members(ws.path)
    assert list(second) == list(first)
    assert sorted(n for n in second if second[n] != first[n]) == sorted([log_part, tab])


def test_run_lock_free_tests_the_lock_without_taking_it(tmp_path):
    from sync.local.runlock import LOCK_NAME, file_run_lock
    from sync.local.workbook_save import run_lock_free

    assert run_lock_free(tmp_path) and not (tmp_path / LOCK_NAME).exists()
    with file_run_lock(tmp_path, "nightly"):
        assert not run_lock_free(tmp_path)
        holder = (tmp_path / LOCK_NAME).read_text(encoding="utf-8")
    assert holder.startswith("nightly, pid ")
    assert run_lock_free(tmp_path)
    with file_run_lock(tmp_path, "validate"):  # the check left nothing held
        pass


def test_a_workbook_saved_by_staff_between_the_re_read_and_the_write_is_not_written(tmp_path):
    import pytest

    from sync.workspace import WorkspaceError

    class SavedMeanwhile(LocalWorkspace):
        def read_grids_for_write(self, titles):
            grids = super().read_grids_for_write(titles)
            package = XlsxPackage(self.path.read_bytes())  # Excel saves the file right now
            self.path.write_bytes(package.tobytes())
            import os
            os.utime(self.path, ns=(1, 1))
            return grids

    ws, _ = sample_workspace(tmp_path, count=10, seed=3)
    ws = SavedMeanwhile(tmp_path)
    with pytest.raises(WorkspaceError) as err:
        validate(ws, now=NOW)
    assert str(err.value) == (
        f"Файл {ws.path} изменили (сохранили в Excel или другой программе), пока задание готовило запись: "
        "ничего не записано, чтобы «Статус» и другие ячейки не попали в чужие строки. Запустите команду снова."
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".nastavnik-tmp")] == []
    unwritten = ws.path.read_bytes()
    validate(LocalWorkspace(tmp_path), now=NOW)  # the next run writes
    assert ws.path.read_bytes() != unwritten
