"""The school's own workbook survives every job: the corpus of real-world workbooks, job by job.

Each workbook of `tests/workbook_corpus` (made by LibreOffice, or built to the OOXML spec with
what Excel writes and openpyxl does not model) is run through the CLI — `validate`, `ingest`,
`match`, `orders`, `nightly` — and compared with itself before the run, member by member and
cell by cell (`tests.workbook_corpus.package`):

* every zip member other than the sheets the job means to change is byte-identical (shared
  strings may only grow: a string the file had keeps its index);
* in a changed sheet everything but the cells is canonically the same (merges, validations,
  extLst, drawing and comment links, page setup, hidden rows), and the cells that differ in
  value, formula or style are exactly the intended ones: «Статус»/«Сообщение» of the bank rows,
  the appended «Журнал» row, the appended person;
* the run's dated backup (``backups/workspace-<stamp>.xlsx``) is the workbook as it was before the run.

Then the reading side: merged «Предмет», a title row above the header, a formula with a cached
value and a comment row, each as staff leave them in Excel and in LibreOffice.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from jobs.cli import cli
from sync.local import LocalWorkspace
from sync.local.backups import BackupPolicy, list_backups
from sheets_schema.questionnaires import MENTEE_FORM
from sheets_schema.tables import INGEST_STATE, LOG, MENTEES, MENTORS, MONITORING, PAIRS, PLAN, PROPOSALS, ROADMAP
from tests.workbook_corpus.build import COMMENT_ROW, CORPUS, TITLE, base_workspace, make_workspace
from tests.workbook_corpus.package import (
    EMPTY, changed_cells, column_texts, header_letters, member_diff, parts_of, read_package,
    content_types, defined_names, drop_sheet, rels_of, row_attributes, set_cell_text, shared_strings,
    sheet_cells, sheet_frame, sheet_paths, split_ref, write_package, xml,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::UserWarning")

BANKS = (MENTEES.title, MENTORS.title)
SUMMARY = "Итоги мониторинга"
STATUS, MESSAGE = "Статус", "Сообщение"
STAFF_LAYOUT = ("excel_staff_layout", "libreoffice_staff_layout")
FEATURES = ("excel_features", "libreoffice_resaved")
COMMENT_MARKERS = ("---", "#")


def header_row(name: str, tab: str) -> int:
    """Where the header is in the corpus workbook: row 2 under the title row of the staff layouts."""
    return 2 if name in STAFF_LAYOUT and tab == MENTORS.title else 1


# --- the corpus, built once per session, copied per test ------------------------------------------
@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    base = root / "base"
    base_workspace(base)
    made = {}
    for name in CORPUS:
        make_workspace(name, root / name, base=base)
        made[name] = root / name
    return made


@pytest.fixture
def workspace_of(corpus, tmp_path):
    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(corpus[name], target)
        return target
    return copy


def run(directory: Path, *args: str):
    """`nastavnik --config DIR/nastavnik.toml ARGS…` as a user types it."""
    return CliRunner().invoke(cli, ["--config", str(directory / "nastavnik.toml"), *args], catch_exceptions=False)


def package(directory: Path) -> dict[str, bytes]:
    return read_package(directory / "workspace.xlsx")


# --- the comparisons -----------------------------------------------------------------------------
def assert_only_sheets_changed(before, after, tabs, owned=()) -> None:
    """Members other than the sheets of `tabs` (and the parts reachable from the `owned` tabs) are
    byte-identical; nothing added or removed; shared strings only grow; styles only grow, and
    only for a job that writes a tab whole (`owned`: the summary's bold and wrapped cells)."""
    paths = sheet_paths(before)
    assert sheet_paths(after) == paths
    allowed = {paths[t] for t in tabs if t in paths}  # a tab an older workbook lacks changes nothing
    for tab in owned:
        allowed |= parts_of(before, paths[tab]) | parts_of(after, paths[tab])
    diff = member_diff(before, after)
    if owned and "xl/styles.xml" in diff.changed:
        assert_styles_only_grow(before, after)
        allowed.add("xl/styles.xml")
    unexpected = sorted(diff.changed - allowed - {"xl/sharedStrings.xml"})
    assert unexpected == [], f"members changed that the job does not own: {unexpected}"
    assert sorted(diff.added - allowed) == [] and sorted(diff.removed - allowed) == []
    old_strings, new_strings = shared_strings(before), shared_strings(after)
    assert new_strings[:len(old_strings)] == old_strings
    for tab in tabs:
        if tab in owned or tab not in paths or paths[tab] not in diff.changed:
            continue
        assert sheet_frame(after, paths[tab]) == sheet_frame(before, paths[tab]), f"«{tab}»: more than cells changed"
        old_rows, new_rows = row_attributes(before, paths[tab]), row_attributes(after, paths[tab])
        assert {r: a for r, a in new_rows.items() if r in old_rows} == old_rows, f"«{tab}»: row attributes changed"


def assert_styles_only_grow(before, after) -> None:
    """Every list of styles.xml (fonts, fills, cellXfs, dxfs…) keeps its entries, new ones appended
    after them, so every style index in the file still means what it meant; nothing else changes."""
    old, new = xml(before["xl/styles.xml"]), xml(after["xl/styles.xml"])
    old_tags = [c.tag for c in old]
    assert [c.tag for c in new if c.tag in old_tags] == old_tags  # a list may be added (dxfs), none lost
    new_by_tag = {c.tag: c for c in new}
    for part in old:
        grown = new_by_tag[part.tag]
        old_items = [etree.tostring(c, method="c14n") for c in part]
        new_items = [etree.tostring(c, method="c14n") for c in grown]
        if len(part) or len(grown):
            assert new_items[:len(old_items)] == old_items, f"styles.xml <{etree.QName(part).localname}> reordered"
            assert {k: v for k, v in part.attrib.items() if k != "count"} == \
                {k: v for k, v in grown.attrib.items() if k != "count"}
        else:
            assert etree.tostring(part, method="c14n") == etree.tostring(grown, method="c14n")


def last_filled_row(members, tab: str) -> int:
    """The last row with a value (LibreOffice writes formatted empty cells far below the data)."""
    return max(split_ref(ref)[1] for ref, cell in sheet_cells(members, sheet_paths(members)[tab]).items()
               if cell.value or cell.formula)


def data_rows(members, tab: str, first: int) -> list[int]:
    """Rows below the header with content outside «Статус»/«Сообщение», comment rows left out."""
    letters = header_letters(members, tab, first - 1)
    service = {letters[STATUS], letters[MESSAGE]}
    rows: dict[int, list[str]] = {}
    for ref, cell in sheet_cells(members, sheet_paths(members)[tab]).items():
        col, row = split_ref(ref)
        if row >= first and col not in service and cell.value.strip():
            rows.setdefault(row, []).append(cell.value.strip())
    return sorted(r for r, values in rows.items()
                  if not (len(values) == 1 and values[0].startswith(COMMENT_MARKERS)))


def assert_statuses_are_the_changes(before, after, name: str) -> None:
    """On each bank the cells that changed are exactly «Статус» of every row and «Сообщение» where
    there is a message (both were empty before)."""
    for tab in BANKS:
        head = header_row(name, tab)
        letters = header_letters(after, tab, head)
        rows = data_rows(before, tab, head + 1)
        messages = column_texts(after, tab, MESSAGE, head)
        expected = {f"{letters[STATUS]}{r}" for r in rows} | {
            f"{letters[MESSAGE]}{r}" for r in rows if messages.get(r)}
        assert set(changed_cells(before, after, tab)) == expected, tab
        assert all(column_texts(after, tab, STATUS, head)[r] for r in rows)


def assert_rows_appended(before, after, tab: str, count: int | None = 1) -> list[int]:
    """The cells of `tab` that changed are all in new rows right below the last filled one."""
    last = last_filled_row(before, tab)
    changed = changed_cells(before, after, tab)
    rows = sorted({split_ref(ref)[1] for ref in changed})
    assert rows and rows[0] == last + 1 and rows == list(range(last + 1, last + 1 + len(rows))), (tab, rows, last)
    assert all(old_cell.value == "" and old_cell.formula is None for old_cell, _ in changed.values())
    if count is not None:
        assert len(rows) == count, (tab, rows)
    return rows


def newest_backup(directory: Path) -> Path:
    """The dated copy the last run took (`sync.local.backups`, newest first)."""
    return list_backups(directory / "workspace.xlsx", BackupPolicy.in_state_dir(directory))[0].path


def assert_backup_is(directory: Path, before_bytes: bytes) -> None:
    assert newest_backup(directory).read_bytes() == before_bytes


# --- the jobs ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", CORPUS)
def test_validate_writes_only_statuses_and_one_journal_row(workspace_of, name):
    directory = workspace_of(name)
    raw = (directory / "workspace.xlsx").read_bytes()
    before = package(directory)

    result = run(directory, "validate")

    assert result.exit_code == 0, result.output
    after = package(directory)
    assert_only_sheets_changed(before, after, (*BANKS, LOG.title))
    assert_statuses_are_the_changes(before, after, name)
    assert_rows_appended(before, after, LOG.title)
    assert_backup_is(directory, raw)

    again = run(directory, "validate")  # nothing left to write but the run's «Журнал» row

    assert again.exit_code == 0, again.output
    rerun = package(directory)
    assert member_diff(after, rerun).changed == {sheet_paths(after)[LOG.title]}
    assert_only_sheets_changed(after, rerun, (LOG.title,))
    assert_rows_appended(after, rerun, LOG.title)


def write_mentee_export(directory: Path) -> None:
    answers = {
        "full_name": "Соколова Анна Игоревна", "position": "учитель", "subject": "математика",
        "levels": "основное общее", "years": "1", "category": "без категории", "young": "да",
        "difficulties": "современный урок, работа с родителями", "preferred_form": "традиционная (один на один)",
        "preferred_mentor": "", "timetable": "пн, ср", "pd_consent": "да",
    }
    headers = ["Отметка времени", "Адрес электронной почты"] + [q.title for q in MENTEE_FORM.form_questions]
    row = ["25.11.2026 9:41:07", "sokolova.a@school5.example"] + [answers[q.key] for q in MENTEE_FORM.form_questions]
    with (directory / "forms" / "Анкета наставляемого (Ответы).csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerow(row)


@pytest.mark.parametrize("name", CORPUS)
def test_ingest_appends_the_person_and_changes_nothing_else(workspace_of, name):
    directory = workspace_of(name)
    # a corpus file made by an older version (e.g. «Дорожная карта» without the «Публиковать»
    # dropdown) is brought up to date first: nightly's upgrade step adds it once (test_upgrade)
    assert run(directory, "upgrade-workspace").exit_code == 0
    write_mentee_export(directory)
    raw = (directory / "workspace.xlsx").read_bytes()
    before = package(directory)

    result = run(directory, "ingest")

    assert result.exit_code == 0, result.output
    after = package(directory)
    assert_only_sheets_changed(before, after, (MENTEES.title, INGEST_STATE.title, LOG.title))
    [row] = assert_rows_appended(before, after, MENTEES.title)
    letters = header_letters(after, MENTEES.title)
    assert column_texts(after, MENTEES.title, "ФИО")[row] == "Соколова Анна Игоревна"
    assert sheet_cells(after, sheet_paths(after)[MENTEES.title])[f"{letters['E-mail']}{row}"].value \
        == "sokolova.a@school5.example"
    assert_rows_appended(before, after, LOG.title)
    assert_backup_is(directory, raw)


@pytest.mark.parametrize("name", CORPUS)
def test_match_writes_only_the_journal_then_the_approved_pair(workspace_of, name):
    directory = workspace_of(name)
    if name in FEATURES:  # last night ran this version (a committed workbook holds an older one's proposals)
        assert run(directory, "match").exit_code == 0
    raw = (directory / "workspace.xlsx").read_bytes()
    before = package(directory)

    result = run(directory, "match")

    assert result.exit_code == 0, result.output
    after = package(directory)
    if name in FEATURES:  # the same cohort as last night: the same proposals, only «Журнал» written
        assert member_diff(before, after).changed == {sheet_paths(before)[LOG.title]}
        assert_only_sheets_changed(before, after, (LOG.title,))
    else:  # staff's layout changed who is valid (the merged «Предмет»): proposals below the header move
        assert_only_sheets_changed(before, after, (PROPOSALS.title, LOG.title))
        assert all(split_ref(ref)[1] > 1 for ref in changed_cells(before, after, PROPOSALS.title))
    assert_rows_appended(before, after, LOG.title)
    assert_backup_is(directory, raw)

    mentee = approve_first_proposal(directory)
    before = package(directory)

    result = run(directory, "match")

    assert result.exit_code == 0, result.output
    after = package(directory)
    assert_only_sheets_changed(before, after, (PROPOSALS.title, PAIRS.title, LOG.title))
    assert changed_cells(before, after, PROPOSALS.title) == {}
    [row] = assert_rows_appended(before, after, PAIRS.title)
    assert column_texts(after, PAIRS.title, "Наставляемые (e-mail)")[row] == mentee
    assert column_texts(after, PAIRS.title, STATUS)[row] == "утверждена"
    assert_rows_appended(before, after, LOG.title)


def approve_first_proposal(directory: Path) -> str:
    """The coordinator picks «утверждено» in the first proposal's dropdown (one cell patched in place)."""
    members = package(directory)
    letters = header_letters(members, PROPOSALS.title)
    mentees = column_texts(members, PROPOSALS.title, "Наставляемый (e-mail)")
    mentors = column_texts(members, PROPOSALS.title, "Наставник (e-mail)")
    row = next(r for r, email in mentees.items() if email and mentors.get(r))
    set_cell_text(members, PROPOSALS.title, f"{letters[STATUS]}{row}", "утверждено")
    write_package(members, directory / "workspace.xlsx")
    return mentees[row]


@pytest.mark.parametrize("name", CORPUS)
def test_orders_write_only_the_pairs_links_and_the_journal(workspace_of, name):
    directory = workspace_of(name)
    approve_first_proposal(directory)
    assert run(directory, "match").exit_code == 0
    raw = (directory / "workspace.xlsx").read_bytes()
    before = package(directory)

    result = run(directory, "orders")

    assert result.exit_code == 0, result.output
    after = package(directory)
    # «План мероприятий» (issue 19) takes the programme's plan rows where the workbook has the tab
    assert_only_sheets_changed(before, after, (PAIRS.title, LOG.title, PLAN.title))
    letters = header_letters(after, PAIRS.title)
    assert set(changed_cells(before, after, PAIRS.title)) == {
        f"{letters[header]}2" for header in (STATUS, "Приказ", "Программа (ППН)")}
    assert column_texts(after, PAIRS.title, STATUS)[2] == "закреплена приказом"
    assert any((directory / "documents").rglob("*.docx"))
    assert_rows_appended(before, after, LOG.title)
    assert_backup_is(directory, raw)


NIGHTLY_TABS = (*BANKS, PROPOSALS.title, PAIRS.title, ROADMAP.title, MONITORING.title, SUMMARY,
                INGEST_STATE.title, LOG.title)


@pytest.mark.parametrize("name", CORPUS)
def test_nightly_writes_only_what_its_steps_own(workspace_of, name):
    directory = workspace_of(name)
    # a corpus file made by an older version (e.g. «Дорожная карта» without the «Публиковать»
    # dropdown) is brought up to date first: nightly's upgrade step adds it once (test_upgrade)
    assert run(directory, "upgrade-workspace").exit_code == 0
    write_mentee_export(directory)
    raw = (directory / "workspace.xlsx").read_bytes()
    before = package(directory)

    result = run(directory, "nightly")

    assert result.exit_code == 0, result.output
    after = package(directory)
    assert_only_sheets_changed(before, after, NIGHTLY_TABS, owned=(SUMMARY,))
    for tab in BANKS:  # the new person's row and the statuses, nothing else
        head = header_row(name, tab)
        letters = header_letters(after, tab, head)
        rows = set(data_rows(after, tab, head + 1))
        for ref in changed_cells(before, after, tab):
            col, row = split_ref(ref)
            assert row in rows, (tab, ref)
            assert col in (letters[STATUS], letters[MESSAGE]) or row > last_filled_row(before, tab), (tab, ref)
    last = last_filled_row(before, MENTEES.title)  # the person taken from the export, then checked
    [new] = {split_ref(ref)[1] for ref in changed_cells(before, after, MENTEES.title) if split_ref(ref)[1] > last}
    assert new == last + 1
    assert column_texts(after, MENTEES.title, "ФИО")[new] == "Соколова Анна Игоревна"
    assert column_texts(after, MENTEES.title, STATUS)[new] == "OK"
    assert_rows_appended(before, after, LOG.title, count=None)
    assert_backup_is(directory, raw)  # the workbook before the run, not before its last step


def test_first_nightly_adds_the_summary_tab_and_changes_nothing_else(workspace_of):
    """A workbook without «Итоги мониторинга» (the school made it before monitoring existed): the
    new tab's parts are added and linked; every name, relationship and part the file had stays."""
    directory = workspace_of("excel_features")
    members = package(directory)
    drop_sheet(members, SUMMARY)
    write_package(members, directory / "workspace.xlsx")
    before = package(directory)

    result = run(directory, "nightly")

    assert result.exit_code == 0, result.output
    after = package(directory)
    titles = list(sheet_paths(before))
    assert list(sheet_paths(after)) == titles[:titles.index(MONITORING.title) + 1] + [SUMMARY] + \
        titles[titles.index(MONITORING.title) + 1:]
    summary_parts = parts_of(after, sheet_paths(after)[SUMMARY])
    diff = member_diff(before, after)
    assert diff.removed == frozenset() and diff.added <= summary_parts
    assert any(n.startswith("xl/charts/") for n in diff.added)  # the summary's chart
    book = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "docProps/app.xml",
            "xl/styles.xml", "xl/sharedStrings.xml"}
    sheets = {sheet_paths(before)[t] for t in NIGHTLY_TABS if t != SUMMARY}
    assert sorted(diff.changed - book - sheets) == []
    assert defined_names(after) == defined_names(before)  # «Журнал»'s print titles follow it
    assert rels_of(before, "xl/workbook.xml") <= rels_of(after, "xl/workbook.xml")
    assert content_types(before) <= content_types(after)
    for tab in titles:
        old, new = sheet_paths(before)[tab], sheet_paths(after)[tab]
        assert old == new and rels_of(before, old) == rels_of(after, new), tab
    if "xl/styles.xml" in diff.changed:
        assert_styles_only_grow(before, after)
    kept = {n for n in before if n not in book and n not in sheets}
    assert all(before[n] == after[n] for n in kept)


def kept_members(members: dict[str, bytes]) -> dict[str, bytes]:
    """Every member no nightly step owns: everything but the sheets it writes and the summary's parts."""
    paths = sheet_paths(members)
    owned = {paths[t] for t in NIGHTLY_TABS} | parts_of(members, paths[SUMMARY]) | {
        "xl/sharedStrings.xml", "xl/styles.xml"}  # both may only grow, checked run by run
    return {n: data for n, data in members.items() if n not in owned}


@pytest.mark.slow
@pytest.mark.parametrize("name", FEATURES)
def test_pictures_charts_validations_notes_and_cached_values_survive_ten_nightly_runs(workspace_of, name):
    directory = workspace_of(name)
    assert run(directory, "upgrade-workspace").exit_code == 0  # an older corpus file: see above
    before = package(directory)
    kept = kept_members(before)
    assert any(n.startswith("xl/media/") for n in kept) and any(n.startswith("xl/charts/") for n in kept)
    assert any(n.startswith("xl/comments") for n in kept)

    styles = []
    for _ in range(10):
        previous = package(directory)
        assert run(directory, "nightly").exit_code == 0
        assert_only_sheets_changed(previous, package(directory), NIGHTLY_TABS, owned=(SUMMARY,))
        styles.append(package(directory)["xl/styles.xml"])
    assert len(set(styles[1:])) == 1  # the summary's styles are added once, not once a night

    for path in (directory / "workspace.xlsx", newest_backup(directory)):
        members = read_package(path)
        assert kept_members(members) == kept, path.name
        paths = sheet_paths(members)
        for tab in BANKS:  # the x14 validation, the drawing and the note's links, page setup
            assert sheet_frame(members, paths[tab]) == sheet_frame(before, paths[tab]), (path.name, tab)
        formulas = {ref: c for ref, c in sheet_cells(members, paths[MENTEES.title]).items() if c.formula}
        assert formulas and all(c.value == "28" and c.formula.startswith("2026-1998|") for c in formulas.values())
        assert formulas == {ref: c for ref, c in sheet_cells(before, paths[MENTEES.title]).items() if c.formula}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (optional)")
@pytest.mark.parametrize("name", FEATURES)
def test_libreoffice_opens_the_written_workbook_and_shows_the_statuses(workspace_of, tmp_path, name):
    """Where LibreOffice is installed: the patched file opens and shows what nastavnik wrote."""
    directory = workspace_of(name)
    assert run(directory, "nightly").exit_code == 0
    after = package(directory)
    out = tmp_path / "csv"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
                    str(directory / "workspace.xlsx")], check=True, capture_output=True, timeout=120)
    with (out / "workspace.csv").open(encoding="utf-8") as f:
        shown = list(csv.reader(f))  # the first tab, «Наставляемые», as Calc shows it
    status = shown[0].index(STATUS)
    written = column_texts(after, MENTEES.title, STATUS)
    assert [row[status] for row in shown[1:] if row and row[status]] == [v for v in written.values() if v]


# --- reading what staff make ---------------------------------------------------------------------
@pytest.fixture
def validated(workspace_of):
    def run_validate(name: str):
        directory = workspace_of(name)
        result = run(directory, "validate")
        assert result.exit_code == 0, result.output
        return result, package(directory)
    return run_validate


@pytest.mark.parametrize("name", STAFF_LAYOUT)
def test_merged_subject_gives_every_row_of_the_merge_its_value(validated, name):
    result, after = validated(name)
    statuses = column_texts(after, MENTEES.title, STATUS)
    messages = column_texts(after, MENTEES.title, MESSAGE)
    assert [statuses[r] for r in (2, 3, 4)] == ["OK", "OK", "OK"], [messages[r] for r in (2, 3, 4)]


@pytest.mark.parametrize("name", FEATURES)
def test_hidden_rows_under_a_filter_are_read_like_any_other(validated, name):
    result, after = validated(name)
    hidden = row_attributes(after, sheet_paths(after)[MENTEES.title])
    assert {r for r, a in hidden.items() if a.get("hidden") in ("1", "true")} == {5, 6}
    statuses = column_texts(after, MENTEES.title, STATUS)
    assert statuses[5] in ("OK", "Ошибка", "Нет согласия") and statuses[6] in ("OK", "Ошибка", "Нет согласия")


@pytest.mark.parametrize("name", STAFF_LAYOUT)
def test_title_row_above_the_header_is_reported_and_skipped(validated, name):
    result, after = validated(name)
    mentors = data_rows(after, MENTORS.title, 3)
    lines = result.output.splitlines()
    assert "Лист «Наставники»: строка заголовков найдена в строке 2; строка 1 над ней не читается." in lines
    assert any(line.startswith(f"Лист «Наставники»: строк {len(mentors)}; ") for line in lines), lines
    assert "нет обязательного столбца" not in result.output
    cells = sheet_cells(after, sheet_paths(after)[MENTORS.title])
    assert cells["A1"].value == TITLE and cells["A2"].value == "ФИО"
    statuses = column_texts(after, MENTORS.title, STATUS, 2)
    assert all(statuses[r] in ("OK", "Ошибка", "Нет согласия") for r in mentors)


@pytest.mark.parametrize("name", STAFF_LAYOUT)
def test_formula_is_read_as_its_cached_value(workspace_of, name):
    directory = workspace_of(name)
    grid = LocalWorkspace(directory).read_grids([MENTORS.title])[MENTORS.title]
    years = grid[1].index("Педагогический стаж, лет")
    assert grid[3][years] == "28"  # sheet row 4, as the backend hands it to every job
    assert run(directory, "validate").exit_code == 0
    after = package(directory)
    letters = header_letters(after, MENTORS.title, 2)
    cell = sheet_cells(after, sheet_paths(after)[MENTORS.title])[f"{letters['Педагогический стаж, лет']}4"]
    assert (cell.value, cell.formula.split("|")[0]) == ("28", "2026-1998")
    assert column_texts(after, MENTORS.title, STATUS, 2)[4] == "OK", column_texts(after, MENTORS.title, MESSAGE, 2)[4]


@pytest.mark.parametrize("name", STAFF_LAYOUT)
def test_comment_row_is_skipped_and_left_alone(validated, name):
    result, after = validated(name)
    cells = sheet_cells(after, sheet_paths(after)[MENTORS.title])
    letters = header_letters(after, MENTORS.title, 2)
    assert cells["A9"].value == COMMENT_ROW
    assert cells.get(f"{letters[STATUS]}9", EMPTY).value == ""
    assert cells.get(f"{letters[MESSAGE]}9", EMPTY).value == ""
    assert column_texts(after, MENTORS.title, STATUS, 2)[10] != ""


@pytest.mark.parametrize("name", STAFF_LAYOUT)
def test_formula_without_a_cached_value_is_named(workspace_of, name):
    """The same formula as a file saved by a program that does not calculate: no <v> to read."""
    directory = workspace_of(name)
    members = package(directory)
    sheet = sheet_paths(members)[MENTORS.title]
    root = xml(members[sheet])
    for c in root.iter("{%s}c" % root.nsmap[None]):
        f = c.find("{%s}f" % root.nsmap[None])
        v = c.find("{%s}v" % root.nsmap[None])
        if f is not None and v is not None:
            c.remove(v)
    members[sheet] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    write_package(members, directory / "workspace.xlsx")

    result = run(directory, "validate")

    assert result.exit_code == 0, result.output
    after = package(directory)
    assert column_texts(after, MENTORS.title, STATUS, 2)[4] == "Ошибка"
    assert ("Педагогический стаж, лет: формула без вычисленного значения — откройте и сохраните файл в "
            "Excel/LibreOffice") in column_texts(after, MENTORS.title, MESSAGE, 2)[4]


def test_the_spec_built_workbooks_are_the_same_bytes_every_build(corpus, tmp_path):
    for name in ("excel_features", "excel_staff_layout"):
        make_workspace(name, tmp_path / name, base=corpus[name].parent / "base")
        assert (tmp_path / name / "workspace.xlsx").read_bytes() == (corpus[name] / "workspace.xlsx").read_bytes()


def test_corpus_workbooks_hold_what_they_claim(corpus):
    """A guard on the corpus itself: each Excel/LibreOffice part is really in its workbook."""
    excel = package(corpus["excel_features"])
    libre = package(corpus["libreoffice_resaved"])
    assert b"x14:dataValidation" in excel[sheet_paths(excel)[MENTEES.title]]
    assert b'<b/><sz val="9"/><color rgb="FFFF0000"/>' in excel["xl/comments1.xml"]
    assert {"xl/media/image1.png", "xl/printerSettings/printerSettings1.bin"} <= excel.keys()
    assert "xl/sharedStrings.xml" in libre and "xl/tables/table1.xml" in libre and "xl/media/image1.png" in libre
    for members in (excel, libre):
        mentees = sheet_cells(members, sheet_paths(members)[MENTEES.title])
        assert any(c.formula and c.value == "28" for c in mentees.values())
        assert {r: a.get("hidden") for r, a in row_attributes(members, sheet_paths(members)[MENTEES.title]).items()
                if r in (5, 6)} in ({5: "1", 6: "1"}, {5: "true", 6: "true"})
