"""`monitor` on every backend: «Итоги мониторинга» with the figures and a chart, replaced whole."""
from __future__ import annotations

from openpyxl import load_workbook

from jobs.monitor import monitor, summary_sheet
from jobs.validate import validate
from tests.test_monitor_data import MONITORING, programme_rows
from tests.workspaces import NOW

TAB = "Итоги мониторинга"


def figures(backend) -> dict[str, list[str]]:
    """First cell of each row → the row's other cells (numbers in any locale as 1.5)."""
    out = {}
    for row in backend.grid(TAB):
        if row and row[0]:
            out[row[0]] = [c.replace(",", ".") for c in row[1:5]]
    return out


def charts(backend) -> list[str]:
    if backend.name == "local":
        ws = load_workbook(backend.workspace.path)[TAB]
        return [c.title.tx.rich.p[0].r[0].t for c in ws._charts]
    meta = backend.client.spreadsheets_get(backend.workspace.spreadsheet_id, fields="sheets(properties(title),charts)")
    sheet = next(s for s in meta["sheets"] if s["properties"]["title"] == TAB)
    return [c["spec"]["title"] for c in sheet.get("charts", [])]


def test_figures_and_chart_on_a_tab_of_their_own(backend):
    ws = backend.make(programme_rows())
    responses_before = backend.grid("Мониторинг")

    result = monitor(ws, now=NOW)

    assert result.exit_code == 0 and result.written
    got = figures(backend)
    assert got["Комфорт общения"][:2] == ["8.33", "3"]
    assert got["Общая удовлетворённость"][:2] == ["8", "3"]
    assert got["Наставляемых в паре или группе"] == ["2", "3", "66.7", ""]
    assert got["Наставляемых с персонализированной программой (ППН)"] == ["1", "3", "33.3", ""]
    assert got["Наставляемых без пары"] == ["1", "3", "33.3", ""]
    assert got["Молодых педагогов (до 35 лет) в наставничестве"] == ["2", "2", "100", ""]
    assert got["Программ наставничества завершено"][0] == "1"
    assert got["Преодолено затруднений из заявленных наставляемыми в парах"] == ["2", "3", "66.7", ""]
    assert got["П-1"] == ["закреплена приказом", "2", "9.5", "8.83"]
    assert got["П-2"] == ["завершена", "1", "5", "4.83"]
    assert got["современный урок"][0] == "1"
    assert charts(backend) == ["Средние оценки по вопросам мониторинга"]
    assert backend.grid("Мониторинг") == responses_before
    assert "итоги мониторинга" in backend.column("Журнал", "Задание").values()
    flat = " ".join(" ".join(r) for r in backend.grid(TAB))
    assert "@" not in flat and "Иванова" not in flat


def test_a_second_run_replaces_the_tab_and_keeps_one_chart(backend):
    ws = backend.make(programme_rows())
    monitor(ws, now=NOW)
    # a pair answers no more: its responses are removed
    backend.set_cells("Мониторинг", {(4, "ID пары"): "", (4, "E-mail"): "", (4, "Отметка времени"): ""})

    monitor(ws, now=NOW)

    got = figures(backend)
    assert got["П-2"] == ["завершена", "0", "", ""]
    assert got["Общая удовлетворённость"][:2] == ["9.5", "2"]
    assert charts(backend) == ["Средние оценки по вопросам мониторинга"]
    assert len(backend.grid(TAB)) == len(summary_sheet(monitor(ws, now=NOW, dry_run=True).indicators, NOW).rows)


def test_the_chart_survives_other_jobs_writing_the_workbook(backend):
    ws = backend.make(programme_rows())
    monitor(ws, now=NOW)

    validate(ws, now=NOW)

    assert charts(backend) == ["Средние оценки по вопросам мониторинга"]


def test_dry_run_writes_nothing(backend):
    ws = backend.make(programme_rows())
    log_before = backend.grid("Журнал")

    result = monitor(ws, now=NOW, dry_run=True)

    assert result.indicators.responses == len(MONITORING)
    assert backend.workspace.read_grids([TAB])[TAB] is None
    assert backend.grid("Журнал") == log_before


def test_a_broken_tab_writes_no_figures(backend):
    ws = backend.make(programme_rows())
    backend.set_cells("Пары", {(1, "ID пары"): "Пара"})  # staff renamed a required header

    result = monitor(ws, now=NOW)

    assert result.exit_code == 1 and not result.written
    assert any("ID пары" in line for line in result.lines())
    assert backend.workspace.read_grids([TAB])[TAB] is None


def test_inside_the_workspace_figures_are_exact_but_an_answer_without_consent_is_not_counted(backend):
    """«Итоги мониторинга» is for staff who can read «Мониторинг» itself: exact figures, from
    any number of answers (no threshold, no bands — jobs.monitor) — but never from the answer of
    a person whose bank row is not OK (here Смирнов, «Нет согласия»)."""
    rows = programme_rows()
    smirnov = next(r for r in rows["mentees"] if r["email"] == "smirnov.ai@school26.example")
    smirnov["pd_consent"] = ""
    ws = backend.make(rows)

    result = monitor(ws, now=NOW)

    got = figures(backend)
    assert got["Общая удовлетворённость"][:2] == ["9.5", "2"]  # (9 + 10) / 2: Смирнов's 5 left out
    assert got["Ответов на анкету мониторинга"][0] == "2" and result.indicators.responses == 2
    assert got["П-1"] == ["закреплена приказом", "2", "9.5", "8.83"]  # a pair's 2 answers: shown, exact
    assert got["П-2"][:2] == ["завершена", "0"] and got["П-2"][2:] == ["", ""]
