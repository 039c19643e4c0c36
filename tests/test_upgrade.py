"""`upgrade-workspace`: a workspace made by the first released layout is brought up to this
version without changing a cell staff filled, on the local workbook and on (fake) Google.

The first released layout is the tab set of commit 71972fd («Foundation…», the first
`sheets_schema/tables.py`): eight tabs — no «Анкеты (служебный)», no «Каталог мероприятий»;
«Дорожная карта» without «Код (автоотметка)» and «Публиковать»; «Мониторинг» without
«E-mail партнёра» and «Сообщение». Its choice lists are the ones this version has; an older
list is made here by dropping a value (as a version that had fewer statuses would have it).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli import cli
from jobs.config import render_local_config, running_version
from jobs.doctor import doctor
from jobs.init import DEFAULT_SCHOOL, initial_rows
from jobs.nightly import nightly
from jobs.sample import generate
from jobs.upgrade import upgrade_check, upgrade_workspace
from sheets_schema import ru
from sheets_schema.tables import (
    ALL_TABLES, INGEST_STATE, LISTS_TABLE, LOG, MENTEES, MENTORS, MONITORING, PAIRS, PROPOSALS, ROADMAP, CATALOG,
)
from sheets_schema.templates import TEMPLATES
from sheets_schema.upgrade import ListGrowth, grown_formula, plan_upgrade
import sync.local.create as local_create
from sync.local import LocalWorkspace, create_local_workspace
from sync.local.xlsx_package import XlsxPackage
from sync.workspace import Check

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 3, 0, 0)

# The first released layout (71972fd:sheets_schema/tables.py): tab → the columns it had.
FIRST_ROADMAP = dataclasses.replace(ROADMAP, columns=tuple(c for c in ROADMAP.columns if c.key not in ("code", "public")))
FIRST_MONITORING = dataclasses.replace(
    MONITORING, columns=tuple(c for c in MONITORING.columns if c.key not in ("partner_email", "message")))
FIRST_MENTEES = dataclasses.replace(MENTEES, columns=tuple(c for c in MENTEES.columns if c.key != "education"))
FIRST_MENTORS = dataclasses.replace(MENTORS, columns=tuple(c for c in MENTORS.columns if c.key != "education"))
FIRST_LAYOUT = (FIRST_MENTEES, FIRST_MENTORS, PROPOSALS, PAIRS, FIRST_ROADMAP, FIRST_MONITORING, LOG, LISTS_TABLE)
OLDER_STATUSES = [s for s in ru.LISTS["roadmap_statuses"] if s != "просрочено"]  # a list one value shorter


def first_release_rows() -> dict[str, list[dict[str, str]]]:
    """Synthetic staff rows on every tab of the first layout."""
    sample = generate(12, 7, TODAY)
    rows = initial_rows(TODAY, sample)
    rows.pop("catalog")
    rows["roadmap"] = [{k: v for k, v in r.items() if k not in ("code", "public")} for r in rows["roadmap"]]
    rows["proposals"] = [{"mentee_email": sample.mentees[0]["email"], "mentor_email": sample.mentors[0]["email"],
                          "status": "утверждено", "coordinator_comment": "=СУММ(1;2) — текст, не формула"}]
    rows["pairs"] = [{"pair_id": "П-001", "mentor_email": sample.mentors[0]["email"],
                      "mentee_emails": sample.mentees[0]["email"], "status": "утверждена", "start": "01.09.2026"}]
    rows["monitoring"] = [{"submitted": "25.05.2026 10:00", "role": "наставляемый", "pair_id": "П-001",
                           "email": sample.mentees[0]["email"], "comfort": "9", "usefulness": "8"}]
    rows["log"] = [{"started": "01.09.2026 03:00:00", "finished": "01.09.2026 03:00:05", "job": "проверка",
                    "outcome": "выполнено", "details": "старая строка журнала"}]
    return rows


def make_first_release(directory: Path, monkeypatch) -> LocalWorkspace:
    """A local workspace as the first release made it, with older list values."""
    with monkeypatch.context() as m:
        m.setattr(local_create, "ALL_TABLES", FIRST_LAYOUT)
        m.setitem(ru.LISTS, "roadmap_statuses", OLDER_STATUSES)
        text = render_local_config(DEFAULT_SCHOOL).replace('nastavnik_version = ', '# nastavnik_version = ')
        return create_local_workspace(directory, first_release_rows(), text)


def all_cells(path: Path) -> dict[str, dict[tuple[int, int], tuple]]:
    """Every filled cell of the workbook: (value, type) by tab and (row, column)."""
    wb = load_workbook(path)
    return {ws.title: {(c.row, c.column): (c.value, c.data_type) for row in ws.iter_rows() for c in row
                       if c.value is not None} for ws in wb.worksheets}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def headers(path: Path, tab: str) -> list[str]:
    ws = load_workbook(path)[tab]
    return [c.value for c in ws[1]]


def validations(path: Path, tab: str) -> dict[str, str]:
    """sqref → formula1 of the tab's dropdowns."""
    ws = load_workbook(path)[tab]
    return {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}


# --- the first released layout, local -----------------------------------------------------------
def test_first_release_is_upgraded_without_changing_a_staff_cell(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    before, raw_before = all_cells(workspace.path), members(workspace.path)
    assert set(before) == {t.title for t in FIRST_LAYOUT}

    result = upgrade_workspace(workspace, today=TODAY, now=NOW)

    after = all_cells(workspace.path)
    for tab, tab_cells in before.items():  # every cell that held something holds it still
        assert {k: after[tab].get(k) for k in tab_cells} == tab_cells, tab
    # the tabs nothing was added to are byte for byte the same parts
    sheets = {s.title: s.part for s in XlsxPackage(workspace.path.read_bytes()).sheets()}
    raw_after = members(workspace.path)
    for tab in (PROPOSALS.title, PAIRS.title):
        assert raw_after[sheets[tab]] == raw_before[sheets[tab]], tab
    # what this version added
    assert [t.title for t in ALL_TABLES if t.title not in after] == []
    assert headers(workspace.path, ROADMAP.title)[-2:] == ["Код (автоотметка)", "Публиковать"]
    for first in (FIRST_MENTEES, FIRST_MENTORS):  # issue 18's optional «Образование», after the last column
        assert headers(workspace.path, first.title) == [*first.headers, "Образование"]
    assert headers(workspace.path, MONITORING.title)[-2:] == [MONITORING.column("partner_email").header,
                                                               MONITORING.column("message").header]
    assert headers(workspace.path, CATALOG.title) == CATALOG.headers
    wb = load_workbook(workspace.path)
    assert wb[INGEST_STATE.title].sheet_state == "hidden"
    assert wb[CATALOG.title].max_row == 1 + len(initial_rows(TODAY, None)["catalog"])
    lists = wb[LISTS_TABLE.title]
    status_col = LISTS_TABLE.headers.index(ru.HEADERS["list_roadmap_statuses"]) + 1
    assert [lists.cell(row=r, column=status_col).value for r in range(2, 7)] == ru.LISTS["roadmap_statuses"] + [None]
    # the old status dropdown now offers the added value; the new «Публиковать» has its own
    roadmap_dropdowns = validations(workspace.path, ROADMAP.title)
    assert roadmap_dropdowns["F2:F2000"] == "'Списки'!$K$2:$K$5"
    assert roadmap_dropdowns["I2:I2000"] == "'Списки'!$G$2:$G$3"
    for template in TEMPLATES:
        assert any(template.name in line for line in result.added), template.name
    assert result.exit_code == 0 and not result.skipped
    # one «Журнал» row, each addition a line
    log = [r for r in wb[LOG.title].iter_rows(min_row=2, values_only=True) if r[2] == ru.JOBS["upgrade"]]
    assert len(log) == 1
    assert log[0][8].split("\n") == result.added
    assert "Добавлен лист «Каталог мероприятий» (заголовки и" in log[0][8]
    assert "Список «Статусы мероприятий» (лист «Списки»): добавлены значения «просрочено»" in log[0][8]


def test_run_again_has_nothing_to_do_and_writes_nothing(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    upgrade_workspace(workspace, today=TODAY, now=NOW)
    raw = workspace.path.read_bytes()
    again = upgrade_workspace(workspace, today=TODAY, now=NOW)
    assert again.added == []
    assert again.lines() == [f"Рабочее пространство уже соответствует версии {again.version}: обновлять нечего."]
    assert workspace.path.read_bytes() == raw


def test_doctor_and_nightly_pass_after_the_upgrade(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    report = doctor(workspace, Check("настройки", True))
    assert report.exit_code == 1
    catalog = next(c for c in report.checks if c.title == ru.DOCTOR["tab"].format(tab=CATALOG.title))
    assert not catalog.ok and catalog.fix.startswith("nastavnik upgrade-workspace")
    monitoring = next(c for c in report.checks if c.title == ru.DOCTOR["tab"].format(tab=MONITORING.title))
    assert not monitoring.ok and monitoring.fix.startswith("nastavnik upgrade-workspace")  # «Сообщение»
    assert "Лист «Мониторинг»: нет столбца «Сообщение» — его добавила новая версия nastavnik; добавит " \
        "nastavnik upgrade-workspace" in monitoring.detail
    assert "Верните заголовок" not in monitoring.detail
    line = next(c for c in report.checks if c.title.startswith("Листы, столбцы, списки и шаблоны версии nastavnik"))
    assert line.ok
    assert line.warning.startswith("не хватает: лист «Анкеты (служебный)»; лист «Каталог мероприятий»; ")
    assert "Добавит nastavnik upgrade-workspace" in line.warning
    upgrade_workspace(workspace, today=TODAY, now=NOW)
    report = doctor(workspace, Check("настройки", True))
    assert report.failed == [], report.lines()
    result = nightly(workspace, now=NOW)
    assert [s.job for s in result.steps][0] == "upgrade"
    assert result.exit_code == 0, [(s.job, s.errors) for s in result.steps]


def test_nightly_upgrades_first_and_dry_run_only_reports(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    raw = workspace.path.read_bytes()
    dry = nightly(workspace, now=NOW, dry_run=True)
    assert dry.steps[0].job == "upgrade"
    assert dry.steps[0].lines[0] == ru.UPGRADE["dry_run"]
    assert "  Будет добавлен лист «Анкеты (служебный)» (заголовки)" in dry.steps[0].lines
    assert workspace.path.read_bytes() == raw
    done = nightly(workspace, now=NOW)
    assert done.steps[0].job == "upgrade" and done.steps[0].exit_code == 0
    assert "Добавлен лист «Анкеты (служебный)» (заголовки)" in done.steps[0].lines
    assert done.exit_code == 0, [(s.job, s.errors) for s in done.steps]


def test_staff_column_and_staff_list_value_are_kept(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    wb = load_workbook(workspace.path)  # staff edit the file in Excel: their own column and value
    roadmap = wb[ROADMAP.title]
    roadmap.cell(row=1, column=8, value="Комментарий завуча")
    roadmap.cell(row=3, column=8, value="перенести на март")
    lists = wb[LISTS_TABLE.title]
    status_col = LISTS_TABLE.headers.index(ru.HEADERS["list_roadmap_statuses"]) + 1
    lists.cell(row=5, column=status_col, value="отменено")  # below «выполнено»: their own status
    for dv in roadmap.data_validations.dataValidation:
        if dv.formula1 == "'Списки'!$K$2:$K$4":
            dv.formula1 = "'Списки'!$K$2:$K$5"  # …offered in the dropdown
    wb.save(workspace.path)
    before = all_cells(workspace.path)

    result = upgrade_workspace(workspace, today=TODAY, now=NOW, templates=False)

    after = all_cells(workspace.path)
    for tab, tab_cells in before.items():
        assert {k: after[tab].get(k) for k in tab_cells} == tab_cells, tab
    assert headers(workspace.path, ROADMAP.title)[7:] == ["Комментарий завуча", "Код (автоотметка)", "Публиковать"]
    wb = load_workbook(workspace.path)
    assert [wb[LISTS_TABLE.title].cell(row=r, column=status_col).value for r in range(2, 7)] == \
        ["запланировано", "в работе", "выполнено", "отменено", "просрочено"]
    assert validations(workspace.path, ROADMAP.title)["F2:F2000"] == "'Списки'!$K$2:$K$6"
    assert "Список «Статусы мероприятий» (лист «Списки»): добавлены значения «просрочено»" in result.added


def test_a_template_staff_edited_is_kept(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    store = workspace.documents({})
    store.place_templates(TEMPLATES[:1])
    edited = store.template_path(TEMPLATES[0])
    from docx import Document

    doc = Document(str(edited))
    doc.add_paragraph("Дополнение школы: согласовано с профсоюзом")
    doc.save(str(edited))
    mine = edited.read_bytes()
    result = upgrade_workspace(workspace, today=TODAY, now=NOW)
    assert edited.read_bytes() == mine
    assert not any(TEMPLATES[0].name in line for line in result.added)
    for spec in TEMPLATES[1:]:
        assert store.template_path(spec).exists()


def test_dry_run_changes_nothing_and_says_what_it_would_do(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    raw = workspace.path.read_bytes()
    result = upgrade_workspace(workspace, today=TODAY, now=NOW, dry_run=True)
    assert workspace.path.read_bytes() == raw
    assert not any((tmp_path / "w" / "templates").iterdir())
    assert result.lines()[0] == ru.UPGRADE["dry_run"]
    assert "  Лист «Мониторинг»: будет добавлен столбец «Сообщение» (столбец M, после последнего заполненного)" \
        in result.lines()


# --- the CLI -------------------------------------------------------------------------------------
def test_cli_upgrade_workspace_and_doctor_fix(tmp_path, monkeypatch):
    make_first_release(tmp_path / "w", monkeypatch)
    config = str(tmp_path / "w" / "nastavnik.toml")
    runner = CliRunner()
    doctor_before = runner.invoke(cli, ["--config", config, "doctor"])
    assert doctor_before.exit_code == 1
    assert "nastavnik upgrade-workspace" in doctor_before.output
    assert "скопировать" not in doctor_before.output
    dry = runner.invoke(cli, ["--config", config, "upgrade-workspace", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines()[0] == ru.UPGRADE["dry_run"]
    fixed = runner.invoke(cli, ["--config", config, "doctor", "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert "Добавлен лист «Каталог мероприятий»" in fixed.output
    assert fixed.output.rstrip().endswith(ru.DOCTOR["all_ok"])
    assert 'nastavnik_version = "' in (tmp_path / "w" / "nastavnik.toml").read_text(encoding="utf-8")
    again = runner.invoke(cli, ["--config", config, "upgrade-workspace"])
    assert again.exit_code == 0
    assert "обновлять нечего" in again.output


def test_cli_upgrade_refuses_while_another_run_holds_the_workspace(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    raw = workspace.path.read_bytes()
    with workspace.run_lock("nightly"):
        result = CliRunner().invoke(cli, ["--config", str(tmp_path / "w" / "nastavnik.toml"), "upgrade-workspace"])
    assert result.exit_code == 3
    assert workspace.path.read_bytes() == raw


# --- pure parts ----------------------------------------------------------------------------------
GROWTH = [ListGrowth("roadmap_statuses", "K", 6)]


@pytest.mark.parametrize("formula, grown", [
    ("'Списки'!$K$2:$K$4", "'Списки'!$K$2:$K$6"),
    ("='Списки'!$K$2:$K$5", "='Списки'!$K$2:$K$6"),
    ("Списки!K2:K4", "'Списки'!$K$2:$K$6"),  # Excel's x14 form
    ("'Списки'!$K$2:$K$9", None),  # staff made it longer already
    ("'Списки'!$B$2:$B$20", None),  # another list
    ("'Списки'!$K$3:$K$4", None),  # not the whole list
    ("'Другой'!$K$2:$K$4", None),
    ("да,нет", None),
])
def test_dropdown_formulas_grow_only_for_a_grown_list(formula, grown):
    assert grown_formula(formula, "Списки", GROWTH) == grown


def test_plan_of_a_complete_workspace_is_empty(tmp_path):
    workspace = create_local_workspace(tmp_path / "w", initial_rows(TODAY, None), render_local_config(DEFAULT_SCHOOL))
    plan = plan_upgrade(workspace.read_grids([t.title for t in ALL_TABLES]), TODAY)
    assert not plan and plan.lines() == []
    check = upgrade_check(workspace)
    assert check.ok and check.warning == ""


def test_new_column_goes_after_the_last_used_column_not_the_header(tmp_path, monkeypatch):
    grid = [[h for h in FIRST_ROADMAP.headers], ["1", "Этап", "Событие", "", "", "", "", "", "", "заметка без заголовка"]]
    grids = {t.title: None for t in ALL_TABLES}
    grids[ROADMAP.title] = grid
    plan = plan_upgrade(grids, TODAY)
    added = [(c.column.key, c.col) for c in plan.columns if c.tab == ROADMAP.title]
    assert added == [("code", 10), ("public", 11)]


def test_every_tab_and_column_added_since_the_first_release_is_one_the_upgrade_adds():
    from sheets_schema.upgrade import addable_column, addable_tab

    first = {t.key: {c.key for c in t.columns} for t in FIRST_LAYOUT}
    for table in ALL_TABLES:
        if table.key not in first:
            assert addable_tab(table), f"{table.key}: add it to LATER_TABS"
            continue
        for column in table.columns:
            if column.key not in first[table.key]:
                assert addable_column(table, column), f"{table.key}.{column.key}: add it to LATER_COLUMNS"


def test_a_staff_column_renamed_or_a_bank_deleted_is_not_recreated_empty():
    grids = {t.title: [list(t.headers)] for t in FIRST_LAYOUT}
    grids[MENTEES.title] = [["Ф.И.О." if h == "ФИО" else h for h in MENTEES.headers], ["Иванова Анна", "a@school.ru"]]
    grids.pop(MENTORS.title)
    grids[MENTORS.title] = None
    plan = plan_upgrade(grids, TODAY)
    assert [c for c in plan.columns if c.tab == MENTEES.title] == []
    assert MENTORS.title not in [n.table.title for n in plan.tabs]
    first = {t.key for t in FIRST_LAYOUT}  # every tab a later version added, in the new workspace's order
    assert [n.table.title for n in plan.tabs] == [t.title for t in ALL_TABLES if t.key not in first]
    assert plan.tabs[:2] == [n for n in plan.tabs if n.table in (INGEST_STATE, CATALOG)]


def test_doctor_shows_the_settings_a_newer_version_left(tmp_path, monkeypatch):
    make_first_release(tmp_path / "w", monkeypatch)
    config = tmp_path / "w" / "nastavnik.toml"
    config.write_text('nastavnik_version = "99.0"\n' + config.read_text(encoding="utf-8")
                      + "\n[files]\ncompress_backups = true\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "doctor", "--fix"])
    lines = result.output.splitlines()
    at = lines.index(f"✔ Настройки: {config}")
    assert lines[at + 1].strip() == ru.DOCTOR["warn_mark"] + (
        " Настройки прочитаны с предупреждениями: nastavnik.toml: ключ «files.compress_backups» "
        f"неизвестен этой версии nastavnik ({running_version()}; "
        "настройки от версии 99.0) — пропущен")
    assert result.exit_code == 0, result.output
    assert 'nastavnik_version = "99.0"' in config.read_text(encoding="utf-8")  # never lowered


# --- the first released layout, on (fake) Google -------------------------------------------------
def make_first_release_google(fake_google, tmp_path, monkeypatch):
    """A spreadsheet as the first release made it (the same staff rows, the older list)."""
    import sync.google.create as google_create
    from tests.test_google_support import google_workspace

    with monkeypatch.context() as m:
        m.setattr(google_create, "ALL_TABLES", FIRST_LAYOUT)
        m.setitem(ru.LISTS, "roadmap_statuses", OLDER_STATUSES)
        return google_workspace(fake_google, tmp_path, first_release_rows())


def google_dropdowns(workspace, tab: str, row: int = 2) -> dict[int, str]:
    """0-based column → the list formula of the tab's dropdown in `row`."""
    meta = workspace.client.spreadsheets_get(
        workspace.spreadsheet_id, fields="sheets(data(rowData(values(dataValidation))))",
        ranges=[f"'{tab}'!A{row}:ZZ{row}"])
    out = {}
    for block in meta["sheets"][0].get("data", []):
        for r in block.get("rowData", []):
            for col, cell in enumerate(r.get("values", [])):
                rule = cell.get("dataValidation")
                if rule:
                    out[col] = rule["condition"]["values"][0]["userEnteredValue"]
    return out


def filled(grids) -> dict[str, dict[tuple[int, int], str]]:
    return {t: {(r, c): v for r, row in enumerate(g, start=1) for c, v in enumerate(row) if str(v).strip()}
            for t, g in grids.items() if g is not None}


def test_first_release_on_google_is_upgraded_without_changing_a_staff_cell(fake_google, tmp_path, monkeypatch):
    workspace = make_first_release_google(fake_google, tmp_path, monkeypatch)
    titles = [t.title for t in ALL_TABLES]
    before = filled(workspace.read_grids(titles))
    assert set(before) == {t.title for t in FIRST_LAYOUT}
    assert google_dropdowns(workspace, ROADMAP.title)[5] == "='Списки'!$K$2:$K$4"

    result = upgrade_workspace(workspace, today=TODAY, now=NOW)

    after = filled(workspace.read_grids(titles))
    for tab, tab_cells in before.items():
        assert {k: after[tab].get(k) for k in tab_cells} == tab_cells, tab
    grids = workspace.read_grids(titles)
    assert grids[ROADMAP.title][0][7:9] == ["Код (автоотметка)", "Публиковать"]
    assert grids[MONITORING.title][0][11:13] == [MONITORING.column("partner_email").header,
                                                 MONITORING.column("message").header]
    assert grids[CATALOG.title][0][:5] == CATALOG.headers
    assert len([r for r in grids[CATALOG.title][1:] if any(r)]) == len(initial_rows(TODAY, None)["catalog"])
    hidden = {p["title"]: p.get("hidden", False) for p in workspace.sheet_properties()}
    assert hidden[INGEST_STATE.title] is True and hidden[CATALOG.title] is False
    status_col = LISTS_TABLE.headers.index(ru.HEADERS["list_roadmap_statuses"])
    assert [r[status_col] for r in grids[LISTS_TABLE.title][1:5]] == ru.LISTS["roadmap_statuses"]
    dropdowns = google_dropdowns(workspace, ROADMAP.title)
    assert dropdowns[5] == "='Списки'!$K$2:$K$5"  # the old status dropdown offers «просрочено»
    assert dropdowns[8] == "='Списки'!$G$2:$G$3"  # «Публиковать»: да / нет
    assert google_dropdowns(workspace, ROADMAP.title, row=1500)[5] == "='Списки'!$K$2:$K$5"
    for template in TEMPLATES:
        assert any(template.name in line for line in result.added), template.name
    log = [r for r in grids[LOG.title][1:] if r[2] == ru.JOBS["upgrade"]]
    assert len(log) == 1 and log[0][8].split("\n") == result.added

    again = upgrade_workspace(workspace, today=TODAY, now=NOW)
    assert again.added == [] and "обновлять нечего" in again.lines()[0]
    report = doctor(workspace, Check("настройки", True))
    assert report.failed == [], report.lines()
    night = nightly(workspace, now=NOW)
    assert night.steps[0].job == "upgrade" and night.steps[0].lines == again.lines()
    assert night.exit_code == 0, [(s.job, s.errors) for s in night.steps]


def test_google_staff_column_and_list_value_are_kept(fake_google, tmp_path, monkeypatch):
    workspace = make_first_release_google(fake_google, tmp_path, monkeypatch)
    client, sid = workspace.client, workspace.spreadsheet_id
    status_col = LISTS_TABLE.headers.index(ru.HEADERS["list_roadmap_statuses"])
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[status_col]
    roadmap_id = next(p["sheetId"] for p in workspace.sheet_properties() if p["title"] == ROADMAP.title)
    client.spreadsheets_batch_update(sid, [{"appendDimension": {"sheetId": roadmap_id, "dimension": "COLUMNS",
                                                                "length": 1}}])  # staff add a column
    client.values_batch_update(sid, [
        {"range": "'Дорожная карта'!H1", "values": [["Комментарий завуча"]]},
        {"range": "'Дорожная карта'!H3", "values": [["перенести на март"]]},
        {"range": f"'Списки'!{letter}5", "values": [["отменено"]]},
    ], value_input_option="RAW")
    before = filled(workspace.read_grids([t.title for t in FIRST_LAYOUT]))

    upgrade_workspace(workspace, today=TODAY, now=NOW, templates=False)

    grids = workspace.read_grids([t.title for t in FIRST_LAYOUT])
    after = filled(grids)
    for tab, tab_cells in before.items():
        assert {k: after[tab].get(k) for k in tab_cells} == tab_cells, tab
    assert grids[ROADMAP.title][0][7:10] == ["Комментарий завуча", "Код (автоотметка)", "Публиковать"]
    assert [r[status_col] for r in grids[LISTS_TABLE.title][1:6]] == \
        ["запланировано", "в работе", "выполнено", "отменено", "просрочено"]
    assert google_dropdowns(workspace, ROADMAP.title)[5] == f"='Списки'!${letter}$2:${letter}$6"


def test_a_new_header_goes_into_the_row_the_header_is_in_below_a_title_row():
    grids = {t.title: [list(t.headers)] for t in FIRST_LAYOUT}
    grids[ROADMAP.title] = [["Дорожная карта школы на 2026/27 учебный год"], list(FIRST_ROADMAP.headers),
                            ["1", "Этап", "Событие"]]
    plan = plan_upgrade(grids, TODAY)
    assert [(c.column.key, c.header_row, c.col) for c in plan.columns if c.tab == ROADMAP.title] == \
        [("code", 2, 7), ("public", 2, 8)]
    public = next(c for c in plan.columns if c.column.key == "public")
    assert public.dropdown == "'Списки'!$G$2:$G$3"


def test_doctor_fix_while_another_run_holds_the_workspace_still_checks(tmp_path, monkeypatch):
    workspace = make_first_release(tmp_path / "w", monkeypatch)
    raw = workspace.path.read_bytes()
    with workspace.run_lock("nightly"):
        result = CliRunner().invoke(cli, ["--config", str(tmp_path / "w" / "nastavnik.toml"), "doctor", "--fix"])
    assert workspace.path.read_bytes() == raw
    assert "Уже идёт другой запуск (nightly" in result.output
    assert f"✘ {ru.DOCTOR['tab'].format(tab=CATALOG.title)}" in result.output
    assert result.exit_code == 1


@pytest.mark.parametrize("header_row, rows, covered", [(1, 0, (2, 2000)), (1, 40, (2, 2000)), (2, 2500, (3, 3500))])
def test_a_new_dropdown_reaches_past_the_rows_a_tab_holds(header_row, rows, covered):
    from sheets_schema.upgrade import dropdown_rows

    assert dropdown_rows(header_row, rows) == covered


def test_a_config_the_service_may_not_write_is_a_warning_and_the_upgrade_stays(tmp_path, monkeypatch):
    import jobs.config as config_module

    workspace = make_first_release(tmp_path / "w", monkeypatch)
    config = tmp_path / "w" / "nastavnik.toml"

    def refused(path, version=None):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(config_module, "set_version", refused)
    result = CliRunner().invoke(cli, ["--config", str(config), "upgrade-workspace"])
    assert result.exit_code == 0, result.output
    assert f"Внимание: не удалось записать версию nastavnik в файл настроек {config}" in result.output
    assert CATALOG.title in load_workbook(workspace.path).sheetnames
