"""`validate` at the job level — the same tests, the same expected results, on every backend.

The `backend` fixture (tests/conftest.py) runs each test on a local workspace, on the fake Google
Workspace over real HTTP, and on real Google when live credentials are given.
"""
from __future__ import annotations

from jobs.init import initial_rows
from jobs.validate import validate
from sheets_schema.rules import Limits
from tests.workspaces import NOW, TODAY
from jobs.sample import generate

MENTEES, MENTORS = "Наставляемые", "Наставники"

ANNA = {"full_name": "Петрова Анна Сергеевна", "email": "petrova@school.example", "position": "учитель",
        "subject": "математика", "levels": "основное общее", "years": "1",
        "difficulties": "современный урок"}
OLGA = {"full_name": "Смирнова Ольга Ивановна", "email": "smirnova@school.example", "position": "учитель",
        "subject": "математика", "levels": "основное общее, среднее общее", "years": "22",
        "competences": "современный урок, оценивание образовательных результатов", "capacity": "2",
        "pd_consent": "01.09.2026", "duty_consent": "02.09.2026"}


def make_sample(backend, count, seed):
    sample = generate(count, seed, TODAY)
    return backend.make(initial_rows(TODAY, sample)), sample


def test_sample_marks_exactly_the_deliberate_errors(backend):
    ws, sample = make_sample(backend, 200, 1)
    before = backend.bank_cells_outside_service()

    result = validate(ws, now=NOW)

    assert result.exit_code == 0
    expected = {(e.tab, e.row) for e in sample.errors}
    marked = {
        (key, row)
        for key, tab in (("mentees", MENTEES), ("mentors", MENTORS))
        for row, status in backend.column(tab, "Статус").items() if status == "Ошибка"
    }
    assert marked == expected
    assert len(expected) >= 8
    for key, tab in (("mentees", MENTEES), ("mentors", MENTORS)):
        messages = backend.column(tab, "Сообщение")
        assert all(messages[row] for k, row in marked if k == key)
    assert backend.bank_cells_outside_service() == before


def test_second_run_changes_no_cell_of_the_banks(backend):
    ws, _ = make_sample(backend, 120, 7)
    validate(ws, now=NOW)
    first = {tab: backend.grid(tab) for tab in (MENTEES, MENTORS)}

    result = validate(ws, now=NOW)

    assert {tab: backend.grid(tab) for tab in (MENTEES, MENTORS)} == first
    assert all(s.changed == 0 for s in result.summaries)
    assert result.commit.cells_written == 9  # only the new «Журнал» row
    assert list(backend.column("Журнал", "Задание").values()) == ["проверка банков", "проверка банков"]


def test_no_consent_rows_are_marked_with_the_missing_consent(backend):
    olga_without_duty = dict(OLGA, duty_consent="")
    ws = backend.make({"mentees": [ANNA], "mentors": [olga_without_duty]})

    validate(ws, now=NOW)

    assert backend.column(MENTEES, "Статус") == {2: "Нет согласия"}
    assert backend.column(MENTEES, "Сообщение") == {
        2: "Нет согласия на обработку персональных данных: внесите дату согласия в столбец "
           "«Согласие на обработку ПДн (дата)»"
    }
    assert backend.column(MENTORS, "Статус") == {2: "Нет согласия"}
    assert backend.column(MENTORS, "Сообщение") == {
        2: "Нет письменного согласия на наставническую деятельность: внесите дату согласия в столбец "
           "«Письменное согласие на наставничество (дата)»"
    }


def test_status_is_cleared_when_the_row_is_fixed(backend):
    ws = backend.make({"mentees": [dict(ANNA, years="двадцать", pd_consent="01.09.2026")]})
    validate(ws, now=NOW)
    assert backend.column(MENTEES, "Сообщение")[2] == (
        'Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20'
    )
    backend.set_cells(MENTEES, {(2, "Педагогический стаж, лет"): "20"})

    validate(ws, now=NOW)

    assert backend.column(MENTEES, "Статус") == {2: "OK"}
    assert backend.column(MENTEES, "Сообщение") == {2: ""}


def test_formula_typed_into_a_cell_stays_text(backend):
    formula = '=IMPORTXML("http://example.invalid/x";"//a")'
    ws = backend.make({"mentees": [dict(ANNA, full_name=formula, pd_consent="01.09.2026")]})

    validate(ws, now=NOW)

    assert backend.column(MENTEES, "ФИО") == {2: formula}
    assert backend.column(MENTEES, "Сообщение")[2] == (
        'ФИО: "=IMPORTXML("http://example.invalid/x";"//a")" — похоже на формулу; '
        "введите значение текстом, без знака «=» в начале"
    )


def test_renamed_required_header_stops_that_tab_only(backend):
    ws, _ = make_sample(backend, 30, 2)
    backend.set_cells(MENTORS, {(1, "E-mail"): "Почта"})

    result = validate(ws, now=NOW)

    assert result.exit_code == 1
    assert [p.message for p in result.problems] == [
        "Лист «Наставники»: нет обязательного столбца «E-mail». Верните заголовок «E-mail» в первую строку "
        "листа (порядок столбцов не важен)."
    ]
    assert set(backend.column(MENTORS, "Статус").values()) <= {""}
    assert "OK" in backend.column(MENTEES, "Статус").values()
    assert backend.column("Журнал", "Итог") == {2: "ошибка структуры"}
    assert "нет обязательного столбца «E-mail»" in backend.column("Журнал", "Подробности")[2]


def test_strict_turns_row_errors_into_exit_code_1(backend):
    ws, sample = make_sample(backend, 40, 3)
    result = validate(ws, now=NOW)
    assert sample.errors
    assert (result.exit_code, result.with_strict(True).exit_code) == (0, 1)


def test_config_limits_change_the_plausible_capacity(backend):
    ws = backend.make({"mentors": [dict(OLGA, capacity="4")]})

    validate(ws, now=NOW, limits=Limits(capacity_max=3))

    assert backend.column(MENTORS, "Сообщение")[2] == (
        'Максимум наставляемых: "4" — вне допустимого диапазона 1–3; укажите число от 1 до 3, например 2'
    )


def test_status_of_a_cleared_row_is_cleared(backend):
    ws = backend.make({"mentees": [dict(ANNA, pd_consent="01.09.2026"),
                                   dict(ANNA, email="anna2@school.example", years="x", pd_consent="01.09.2026")]})
    validate(ws, now=NOW)
    assert backend.column(MENTEES, "Статус") == {2: "OK", 3: "Ошибка"}
    header = backend.grid(MENTEES)[0]
    backend.set_cells(MENTEES, {(3, h): "" for h in header if h not in ("Статус", "Сообщение")})

    validate(ws, now=NOW)

    statuses = backend.column(MENTEES, "Статус")
    assert statuses[2] == "OK" and statuses.get(3, "") == ""
    assert backend.column(MENTEES, "Сообщение").get(3, "") == ""
