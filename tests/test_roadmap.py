"""`update_roadmap` on every backend: overdue items, events proven done by the data, staff edits."""
from __future__ import annotations

import pytest

from jobs.roadmap import event_code, update_roadmap
from jobs.roadmap_marks import Bank, RoadmapData, mark
from sheets_schema.roadmap import default_rows
from tests.test_monitor_data import programme_rows
from tests.workspaces import NOW, TODAY

TAB = "Дорожная карта"
KEY = 20  # rows are told apart by «№ этапа» and the start of «Мероприятие»


def statuses(backend, header: str = "Статус") -> dict[str, str]:
    grid = backend.grid(TAB)
    head = grid[0]
    s, e, st = head.index("№ этапа"), head.index("Мероприятие"), head.index(header)
    return {f"{r[s]}:{r[e]}"[:KEY]: (r[st] if st < len(r) else "") for r in grid[1:] if r[e]}


def evidence(backend) -> dict[str, str]:
    return statuses(backend, "Подтверждение (ссылка)")


def test_marks_overdue_and_what_the_data_proves(backend):
    ws = backend.make(programme_rows())

    result = update_roadmap(ws, now=NOW)

    got = statuses(backend)
    assert got == {k[:KEY]: v for k, v in {
        "1:Приказ «О реализации целевой мод": "просрочено",       # due 30.09.2026, no order made
        "1:Приказы о закреплении наставнич": "выполнено",         # both pairs have an order
        "1:Разработка персонализированных ": "в работе",          # П-2 has no programme: 1 of 2
        "2:Сбор информации о профессиональ": "выполнено",         # the survey: as its bank
        "2:Формирование банка наставляемых": "выполнено",         # 3 of 3 rows checked with consent
        "3:Анкетирование потенциальных нас": "выполнено",
        "3:Формирование банка наставников,": "выполнено",
        "4:Анализ банка наставников и выбо": "в работе",          # 2 of 3 mentees paired
        "4:Обучение наставников: методичес": "в работе",          # Петрова trained, Соколов not
        "5:Формирование наставнических пар": "в работе",          # 2 of 3 (66%) < 90%
        "5:Психолого-педагогическая поддер": "в работе",          # Кузнецова still without a pair
        "6:Мониторинг качества реализации ": "запланировано",     # three answers in November: the window opens 01.04.2027
        "6:Школьная конференция или семина": "запланировано",
        "6:Итоговый круглый стол: лучшие п": "запланировано",
        "7:Освещение мероприятий дорожной ": "запланировано",
    }.items()}
    assert evidence(backend)["5:Формирование наставнических пар"[:KEY]] == \
        "Автоотметка «в работе»: Пары: 2 из 3 наставляемых (66%)"
    assert evidence(backend)["6:Мониторинг качества реализации "[:KEY]] == ""  # the tool changed nothing there
    assert len(result.changes) == 11
    assert (result.total, result.done, result.in_progress, result.overdue) == (15, 5, 5, 1)
    assert "выполнено" in backend.column("Журнал", "Итог").values()
    assert any("дорожная карта" == v for v in backend.column("Журнал", "Задание").values())


def test_second_run_changes_nothing_and_done_is_never_taken_back(backend):
    rows = default_rows(TODAY)
    rows[0]["status"] = "выполнено"  # overdue date, but staff marked it done
    ws = backend.make(programme_rows(rows))
    update_roadmap(ws, now=NOW)
    first = statuses(backend)

    again = update_roadmap(ws, now=NOW)

    assert again.changes == []
    assert statuses(backend) == first
    assert first["1:Приказ «О реализации целевой мод"[:KEY]] == "выполнено"


def test_a_row_staff_edit_during_the_run_keeps_the_staff_value(backend):
    ws = backend.make(programme_rows())
    original = ws.read_grids_for_write

    def staff_types_then_write(titles):
        # between the job's read and its write, staff mark 2.1 «в работе» (row 5 of the tab)
        backend.set_cells(TAB, {(5, "Статус"): "в работе"})
        return original(titles)

    ws.read_grids_for_write = staff_types_then_write
    result = update_roadmap(ws, now=NOW)

    got = statuses(backend)
    assert got["2:Сбор информации о профессиональ"[:KEY]] == "в работе"
    assert got["1:Приказ «О реализации целевой мод"[:KEY]] == "просрочено"
    assert [c.row for c in result.changes if c.row == 5] == []
    assert any("изменены во время работы" in n for n in result.notes)


def test_dry_run_reports_and_writes_nothing(backend):
    ws = backend.make(programme_rows())
    before = {tab: backend.grid(tab) for tab in (TAB, "Журнал")}

    result = update_roadmap(ws, now=NOW, dry_run=True)

    assert len(result.changes) == 11
    assert {tab: backend.grid(tab) for tab in (TAB, "Журнал")} == before
    assert any("Пробный запуск" in line for line in result.lines())


CODE_CASES = [
    ({"code": "банк наставников", "stage_no": "9", "event": "своё мероприятие"}, "mentor_bank"),
    ({"code": "  Мониторинг ", "stage_no": "6", "event": ""}, "monitoring"),
    ({"code": "что-то своё", "stage_no": "5", "event": "Формирование наставнических пар/групп"}, None),
    ({"stage_no": "5", "event": "формирование  наставнических пар/групп"}, "pairs"),  # no code column
    ({"stage_no": "4", "event": "Формирование наставнических пар/групп"}, None),  # wrong stage
    ({"stage_no": "5", "event": "Формируем пары"}, None),  # reworded, no code: left alone
    ({"code": "", "stage_no": "1", "event": "Приказы о закреплении наставнических пар/групп с письменного согласия участников"}, "orders"),
    # the text an earlier version seeded is still the default event
    ({"stage_no": "1", "event": "Персонализированные программы наставничества для каждой пары/группы"}, "programmes"),
    ({"stage_no": "1", "event": "Разработка персонализированных программ наставничества для каждой пары/группы"}, "programmes"),
    ({"stage_no": "3", "event": "Анкетирование потенциальных наставников"}, "mentor_survey"),
    ({"code": "освещение на сайте", "stage_no": "7", "event": "своё"}, "publicity"),
]


def test_every_seeded_event_has_a_code_that_names_its_rule():
    rows = default_rows(TODAY)
    codes = [r["code"] for r in rows]
    assert all(codes) and len(set(codes)) == len(rows) == 15
    assert [event_code(r) for r in rows] == [event_code({**r, "code": ""}) for r in rows]
    data = RoadmapData(today=TODAY, mentees=Bank(0, frozenset()), mentors=Bank(0, frozenset()), pairs=[], proposed=0,
                       answers=[], publications=[], documents=frozenset())
    assert all(mark(event_code(r), data) is not None for r in rows)  # every code has a rule


@pytest.mark.parametrize("record, expected", CODE_CASES)
def test_event_code(record, expected):
    assert event_code(record) == expected


def test_an_overdue_mark_made_while_the_data_was_unread_gets_its_line_when_the_data_is_back(backend, monkeypatch):
    """A night whose data could not be read (a Drive listing failed) marks late events «просрочено»
    with no line in «Подтверждение»; the next night that reads the data writes the line the tool
    owes for its own status, though the status itself does not change."""
    import jobs.roadmap as roadmap_job

    ws = backend.make(programme_rows())
    real = roadmap_job.row_marks
    monkeypatch.setattr(roadmap_job, "row_marks", lambda roadmap, data, thresholds: {})
    update_roadmap(ws, now=NOW)
    late = "1:Приказ «О реализации целевой мод"[:KEY]
    assert statuses(backend)[late] == "просрочено"
    assert evidence(backend)[late] == ""

    monkeypatch.setattr(roadmap_job, "row_marks", real)
    update_roadmap(ws, now=NOW)

    assert statuses(backend)[late] == "просрочено"
    assert evidence(backend)[late].startswith("Автоотметка «просрочено»")
