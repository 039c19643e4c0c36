"""A corpus of bad inputs, each run through `validate` on a real local workspace.

Every case changes one thing in otherwise valid banks (see `tests.builders`) and asserts what the
school's staff will read: the exact «Статус» and «Сообщение» of the affected rows, «OK» on every
other row, and that no cell outside «Статус»/«Сообщение» changed (the «Журнал» tab only gains
the one row of this run). Structure cases (a missing tab or column, a duplicated or renamed
header) assert the problem text, exit code 1 and that the broken tab was not written at all.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

import pytest
from openpyxl import Workbook, load_workbook

from jobs.config import load as load_config
from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from jobs.validate import validate
from sheets_schema.grid import normalise_header
from sync.local import LocalWorkspace
from tests.builders import MENTEES, MENTORS, NOW, edited, make_workspace, snapshot

MENTEE_TAB = "Наставляемые"
MENTOR_TAB = "Наставники"
LOG_TAB = "Журнал"
BANK_TABS = (MENTEE_TAB, MENTOR_TAB)
OK = ("OK", None)

WorkbookEdit = Callable[[Workbook], None]


@dataclass(frozen=True)
class Case:
    mentees: Sequence[Mapping[str, str]] = MENTEES
    mentors: Sequence[Mapping[str, str]] = MENTORS
    edits: tuple[WorkbookEdit, ...] = ()  # raw changes to the workbook before the run
    config_text: str | None = None


# --- raw workbook edits (cell types and headers a row dict cannot express) ------------------
def _column(ws, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return cell.column
    raise KeyError(header)


def set_cell(tab: str, row: int, header: str, value: object) -> WorkbookEdit:
    def edit(wb: Workbook) -> None:
        ws = wb[tab]
        ws.cell(row=row, column=_column(ws, header), value=value)

    return edit


def rename_header(tab: str, old: str, new: str) -> WorkbookEdit:
    def edit(wb: Workbook) -> None:
        ws = wb[tab]
        ws.cell(row=1, column=_column(ws, old), value=new)

    return edit


def delete_column(tab: str, header: str) -> WorkbookEdit:
    def edit(wb: Workbook) -> None:
        ws = wb[tab]
        ws.delete_cols(_column(ws, header))

    return edit


def delete_tab(tab: str) -> WorkbookEdit:
    def edit(wb: Workbook) -> None:
        del wb[tab]

    return edit


def add_column(tab: str, header: str, values: Mapping[int, str], before: str | None = None) -> WorkbookEdit:
    """A column the school added: at the end, or inserted before the column `before`."""
    def edit(wb: Workbook) -> None:
        ws = wb[tab]
        if before:
            col = _column(ws, before)
            ws.insert_cols(col)
        else:
            col = ws.max_column + 1
        ws.cell(row=1, column=col, value=header)
        for row, value in values.items():
            ws.cell(row=row, column=col, value=value)

    return edit


def reverse_columns(tab: str) -> WorkbookEdit:
    def edit(wb: Workbook) -> None:
        ws = wb[tab]
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        width = ws.max_column
        for r, values in enumerate(grid, start=1):
            for c, value in enumerate(reversed(values), start=1):
                ws.cell(row=r, column=c).value = value  # cell(value=None) would keep the old value
        assert ws.max_column == width

    return edit


# --- the run and what a user would look at --------------------------------------------------
def run(tmp_path: Path, case: Case):
    path = make_workspace(tmp_path, case.mentees, case.mentors, case.config_text)
    if case.edits:
        wb = load_workbook(path)
        for edit in case.edits:
            edit(wb)
        wb.save(path)
    before = snapshot(path)
    limits = load_config(tmp_path / "nastavnik.toml").limits
    result = validate(LocalWorkspace(tmp_path), limits=limits, now=NOW)
    return path, before, snapshot(path), result


def service_columns(cells, tab: str) -> set[int]:
    """Columns of «Статус» and «Сообщение» on `tab`, found by header text."""
    return {
        col
        for (t, row, col), (value, _) in cells.items()
        if t == tab and row == 1 and normalise_header(value) in ("статус", "сообщение")
    }


def content_rows(cells, tab: str) -> set[int]:
    """Data rows of `tab` with text in any cell other than «Статус»/«Сообщение»."""
    service = service_columns(cells, tab)
    return {
        row
        for (t, row, col), (value, _) in cells.items()
        if t == tab and row > 1 and col not in service and str(value).strip()
    }


def statuses(cells, tab: str, rows: set[int]) -> dict[tuple[str, int], tuple[object, object]]:
    """(«Статус», «Сообщение») of the given rows and of every row that has either set."""
    header = {value: col for (t, row, col), (value, _) in cells.items() if t == tab and row == 1}
    status_col = next(c for h, c in header.items() if normalise_header(h) == "статус")
    message_col = next(c for h, c in header.items() if normalise_header(h) == "сообщение")
    marked = {row for (t, row, col) in cells if t == tab and row > 1 and col in (status_col, message_col)}
    return {
        (tab, row): (
            cells.get((tab, row, status_col), (None,))[0],
            cells.get((tab, row, message_col), (None,))[0],
        )
        for row in rows | marked
    }


def changed_cells(before, after) -> set[tuple[str, int, int]]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def log_rows(cells) -> list[int]:
    return sorted({row for (t, row, _) in cells if t == LOG_TAB and row > 1})


def assert_only_service_cells_and_log_changed(before, after, written_tabs: Sequence[str]) -> None:
    allowed = set()
    for tab in written_tabs:
        service = service_columns(before, tab)
        allowed |= {(tab, row, col) for row in content_rows(before, tab) for col in service}
    new_log = [row for row in log_rows(after) if row not in log_rows(before)]
    assert len(new_log) == 1, new_log
    allowed |= {k for k in after if k[0] == LOG_TAB and k[1] == new_log[0]}
    assert changed_cells(before, after) - allowed == set()


# --- row-level cases ----------------------------------------------------------------------
def mentee_case(index: int, **changes: str) -> dict:
    return {"mentees": edited(MENTEES, index, **changes)}


def mentor_case(index: int, **changes: str) -> dict:
    return {"mentors": edited(MENTORS, index, **changes)}


LONG_TEXT = "опыт " * 9_999 + "опыт."  # 50,000 characters, Google Sheets' limit for one cell

ROW_CASES = [
    pytest.param(
        Case(mentees=[MENTEES[0], {}, {"full_name": "   ", "notes": " "}, MENTEES[1], {}, MENTEES[2]]),
        id="blank_rows_between",
    ),
    pytest.param(
        Case(**mentee_case(0, email="ivanova.mp @school26.example")),
        id="email_with_inner_space",
    ),
    pytest.param(
        Case(**mentee_case(0, email="  Ivanova.MP@School26.example ")),
        id="email_with_surrounding_spaces_is_fine",
    ),
    pytest.param(
        Case(**mentee_case(0, email="\u00a0ivanova.mp@school26.example\u00a0")),
        id="email_with_nbsp_around_is_fine",
    ),
    pytest.param(
        Case(**mentee_case(0, email="ivanova.mp@school26")),
        id="email_without_domain_zone",
    ),
    pytest.param(
        Case(**mentee_case(0, email="ivanova.mp@@school26.example")),
        id="email_with_two_at_signs",
    ),
    pytest.param(
        Case(**mentee_case(0, email="")),
        id="email_missing",
    ),
    pytest.param(
        Case(**mentee_case(0, email="ivanova@школа26.рф")),
        id="email_with_cyrillic_domain_is_fine",
    ),
    pytest.param(
        Case(**mentee_case(1, pd_consent="1 сентября 2025")),
        id="date_1_sentyabrya",
    ),
    pytest.param(
        Case(**mentee_case(1, pd_consent="01/09/2026")),
        id="date_with_slashes",
    ),
    pytest.param(
        Case(**mentee_case(1, pd_consent="01.09.2026 10:15:00")),
        id="consent_with_time_part_is_fine",
    ),
    pytest.param(
        Case(mentees=edited(MENTEES, 2, email="petrova.gv@school26.example")),
        id="duplicate_across_banks",
    ),
    pytest.param(
        Case(mentees=edited(MENTEES, 2, email=" IVANOVA.MP@school26.example")),
        id="duplicate_within_bank",
    ),
    pytest.param(
        Case(**mentee_case(0, full_name='=HYPERLINK("http://example.invalid";"Иванова")')),
        id="formula_in_name",
    ),
    pytest.param(
        Case(**mentee_case(0, email="+ivanova.mp@school26.example")),
        id="plus_formula_in_email",
    ),
    pytest.param(
        Case(**mentee_case(0, subject="@математика")),
        id="at_formula_in_subject",
    ),
    pytest.param(
        Case(**mentee_case(0, years="двадцать")),
        id="years_in_words",
    ),
    pytest.param(
        Case(**mentee_case(0, years="2,5")),
        id="years_decimal",
    ),
    pytest.param(
        Case(**mentee_case(0, years="-3")),
        id="years_negative",
    ),
    pytest.param(
        Case(**mentor_case(0, years="75")),
        id="years_over_60",
    ),
    pytest.param(
        Case(**mentor_case(0, capacity="0")),
        id="capacity_zero",
    ),
    pytest.param(
        Case(**mentor_case(0, capacity="два")),
        id="capacity_in_words",
    ),
    pytest.param(
        Case(
            **mentor_case(0, capacity="4"),
            config_text=render_local_config(DEFAULT_SCHOOL).replace("capacity_max = 5", "capacity_max = 3"),
        ),
        id="capacity_over_config_limit",
    ),
    pytest.param(
        Case(**mentee_case(1, pd_consent="31.02.2026")),
        id="impossible_date_31_02",
    ),
    pytest.param(
        Case(**mentee_case(1, pd_consent="29.02.2026")),
        id="impossible_date_29_02_non_leap",
    ),
    pytest.param(
        Case(**mentee_case(1, pd_consent="15.01.2027")),
        id="future_consent",
    ),
    pytest.param(
        Case(**mentee_case(1, pd_consent="01.09.1999")),
        id="consent_1999",
    ),
    pytest.param(
        Case(**mentee_case(0, subject="Матем.")),
        id="unknown_subject_with_suggestion",
    ),
    pytest.param(
        Case(**mentee_case(0, subject="  МАТЕМАТИКА ")),
        id="subject_in_capitals_is_fine",
    ),
    pytest.param(
        Case(**mentee_case(0, difficulties="современный урок, плохая дисциплина")),
        id="unknown_difficulty_in_multichoice",
    ),
    pytest.param(
        Case(**mentor_case(1, competences="работа с родителям; документация")),
        id="misspelt_competence_with_suggestion",
    ),
    pytest.param(
        Case(**mentor_case(1, competences="документация;\nаттестация\nДокументация")),
        id="multichoice_with_semicolons_and_newlines_is_fine",
    ),
    pytest.param(
        Case(**mentee_case(0, full_name="Ивaнова Мария Петровна")),  # Latin "a"
        id="mixed_script_name",
    ),
    pytest.param(
        Case(**mentee_case(0, full_name="Иванова Мария 2")),
        id="name_with_digits",
    ),
    pytest.param(
        Case(**mentee_case(0, full_name="Иванова")),
        id="single_word_name",
    ),
    pytest.param(
        Case(**mentee_case(0, full_name="Римская-Корсакова Дарья Андреевна")),
        id="hyphenated_surname_is_fine",
    ),
    pytest.param(
        Case(**mentee_case(0, full_name="Иванова Мария 🙂")),
        id="emoji_in_name",
    ),
    pytest.param(
        Case(**mentee_case(0, position="")),
        id="missing_required_position",
    ),
    pytest.param(
        Case(**mentee_case(0, pd_consent="")),
        id="no_pd_consent",
    ),
    pytest.param(
        Case(**mentor_case(1, duty_consent="")),
        id="mentor_without_duty_consent",
    ),
    pytest.param(
        Case(**mentor_case(1, pd_consent="", duty_consent="")),
        id="mentor_without_any_consent",
    ),
    pytest.param(
        Case(**mentee_case(0, young="может быть")),
        id="yes_no_garbage",
    ),
    pytest.param(
        Case(**mentor_case(0, motivation=LONG_TEXT)),
        id="very_long_text_cell",
    ),
    pytest.param(
        Case(**mentee_case(2, subject="физкультура", years="двадцать")),
        id="two_problems_in_one_row",
    ),
    pytest.param(
        Case(
            edits=(
                rename_header(MENTEE_TAB, "ФИО", "  фио  "),
                rename_header(MENTEE_TAB, "E-mail", "e-MAIL:"),
                rename_header(MENTOR_TAB, "Максимум наставляемых", "максимум\u00a0 НАСТАВЛЯЕМЫХ"),
            ),
        ),
        id="header_with_different_case_and_spaces",
    ),
    pytest.param(
        Case(**mentee_case(1, years="двадцать"), edits=(reverse_columns(MENTEE_TAB),)),
        id="columns_reordered",
    ),
    pytest.param(
        Case(
            edits=(
                add_column(MENTEE_TAB, "Кабинет", {2: "214", 3: "=A3", 4: "спортзал"}, before="Должность"),
                add_column(MENTOR_TAB, "Статус аттестации", {2: "Ошибка в приказе"}),
            ),
        ),
        id="extra_school_column_untouched",
    ),
    pytest.param(
        Case(edits=(set_cell(MENTEE_TAB, 2, "Согласие на обработку ПДн (дата)", dt.datetime(2026, 9, 1)),)),
        id="xlsx_date_cell",
    ),
    pytest.param(
        Case(edits=(set_cell(MENTEE_TAB, 2, "Согласие на обработку ПДн (дата)", dt.datetime(2027, 1, 15)),)),
        id="xlsx_date_cell_in_future",
    ),
    pytest.param(
        Case(edits=(set_cell(MENTOR_TAB, 3, "Педагогический стаж, лет", 15),)),
        id="numeric_cell_for_years",
    ),
    pytest.param(
        Case(edits=(set_cell(MENTOR_TAB, 3, "Педагогический стаж, лет", 12.5),)),
        id="float_cell_for_years",
    ),
    pytest.param(
        Case(edits=(set_cell(MENTEE_TAB, 2, "Возраст до 35 лет", True),)),
        id="xlsx_bool_cell_for_yes_no",
    ),
]

# The rows of each case that are not «OK», by case id: (tab, sheet row) → («Статус», «Сообщение»),
# literal texts as staff will read them.
EXPECTED: dict[str, dict[tuple[str, int], tuple[str, str | None]]] = {
    "blank_rows_between": {},
    "email_with_inner_space": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'E-mail: "ivanova.mp @school26.example" — пробел внутри адреса; '
            "уберите пробелы, например ivanova@school.ru",
        ),
    },
    "email_with_surrounding_spaces_is_fine": {},
    "email_with_nbsp_around_is_fine": {},
    "email_without_domain_zone": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'E-mail: "ivanova.mp@school26" — неверный адрес электронной почты; '
            "укажите адрес вида ivanova@school.ru",
        ),
    },
    "email_with_two_at_signs": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'E-mail: "ivanova.mp@@school26.example" — неверный адрес электронной почты; '
            "укажите адрес вида ivanova@school.ru",
        ),
    },
    "email_missing": {
        (MENTEE_TAB, 2): ("Ошибка", "E-mail: не заполнено; укажите адрес вида ivanova@school.ru"),
    },
    "email_with_cyrillic_domain_is_fine": {},
    "date_1_sentyabrya": {
        (MENTEE_TAB, 3): (
            "Ошибка",
            'Согласие на обработку ПДн (дата): "1 сентября 2025" — не дата; '
            "укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2025",
        ),
    },
    "date_with_slashes": {
        (MENTEE_TAB, 3): (
            "Ошибка",
            'Согласие на обработку ПДн (дата): "01/09/2026" — не дата; '
            "укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2025",
        ),
    },
    "consent_with_time_part_is_fine": {},
    "duplicate_across_banks": {
        (MENTEE_TAB, 4): (
            "Ошибка",
            'E-mail: "petrova.gv@school26.example" — этот человек есть и на листе «Наставники» '
            "(строка 2); оставьте его только на одном листе",
        ),
        (MENTOR_TAB, 2): (
            "Ошибка",
            'E-mail: "petrova.gv@school26.example" — этот человек есть и на листе «Наставляемые» '
            "(строка 4); оставьте его только на одном листе",
        ),
    },
    "duplicate_within_bank": {
        (MENTEE_TAB, row): (
            "Ошибка",
            'E-mail: "ivanova.mp@school26.example" — повторяется в строках 2, 4; '
            "у каждого человека должна быть одна строка, удалите или объедините повторы",
        )
        for row in (2, 4)
    },
    "formula_in_name": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'ФИО: "=HYPERLINK("http://example.invalid";"Иванова")" — похоже на формулу; '
            "введите значение текстом, без знака «=» в начале",
        ),
    },
    "plus_formula_in_email": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'E-mail: "+ivanova.mp@school26.example" — похоже на формулу; '
            "введите значение текстом, без знака «+» в начале",
        ),
    },
    "at_formula_in_subject": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Предмет: "@математика" — похоже на формулу; введите значение текстом, без знака «@» в начале',
        ),
    },
    "years_in_words": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20',
        ),
    },
    "years_decimal": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Педагогический стаж, лет: "2,5" — не целое число; укажите число лет, например 20',
        ),
    },
    "years_negative": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Педагогический стаж, лет: "-3" — вне допустимого диапазона 0–60; укажите число лет, например 20',
        ),
    },
    "years_over_60": {
        (MENTOR_TAB, 2): (
            "Ошибка",
            'Педагогический стаж, лет: "75" — вне допустимого диапазона 0–60; укажите число лет, например 20',
        ),
    },
    "capacity_zero": {
        (MENTOR_TAB, 2): (
            "Ошибка",
            'Максимум наставляемых: "0" — вне допустимого диапазона 1–5; укажите число от 1 до 5, например 2',
        ),
    },
    "capacity_in_words": {
        (MENTOR_TAB, 2): (
            "Ошибка",
            'Максимум наставляемых: "два" — не число; укажите число от 1 до 5, например 2',
        ),
    },
    "capacity_over_config_limit": {
        (MENTOR_TAB, 2): (
            "Ошибка",
            'Максимум наставляемых: "4" — вне допустимого диапазона 1–3; укажите число от 1 до 3, например 2',
        ),
    },
    "impossible_date_31_02": {
        (MENTEE_TAB, 3): (
            "Ошибка",
            'Согласие на обработку ПДн (дата): "31.02.2026" — такой даты нет в календаре; '
            "проверьте день и месяц",
        ),
    },
    "impossible_date_29_02_non_leap": {
        (MENTEE_TAB, 3): (
            "Ошибка",
            'Согласие на обработку ПДн (дата): "29.02.2026" — такой даты нет в календаре; '
            "проверьте день и месяц",
        ),
    },
    "future_consent": {
        (MENTEE_TAB, 3): (
            "Ошибка",
            'Согласие на обработку ПДн (дата): "15.01.2027" — дата ещё не наступила; '
            "укажите дату, когда согласие подписано",
        ),
    },
    "consent_1999": {
        (MENTEE_TAB, 3): (
            "Ошибка",
            'Согласие на обработку ПДн (дата): "01.09.1999" — слишком ранняя дата; проверьте год',
        ),
    },
    "unknown_subject_with_suggestion": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Предмет: "Матем." — нет в списке; выберите значение из выпадающего списка; '
            "возможно, «математика»",
        ),
    },
    "subject_in_capitals_is_fine": {},
    "unknown_difficulty_in_multichoice": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Профессиональные затруднения: "плохая дисциплина" — нет в списке; '
            "выберите значение из выпадающего списка столбца (несколько значений — через запятую)",
        ),
    },
    "misspelt_competence_with_suggestion": {
        (MENTOR_TAB, 3): (
            "Ошибка",
            'Компетенции: "работа с родителям" — нет в списке; '
            "выберите значение из выпадающего списка столбца (несколько значений — через запятую); "
            "возможно, «работа с родителями»",
        ),
    },
    "multichoice_with_semicolons_and_newlines_is_fine": {},
    "mixed_script_name": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'ФИО: "Ивaнова Мария Петровна" — смешаны русские и латинские буквы (латинские: a); '
            "перепечатайте ФИО русскими буквами",
        ),
    },
    "name_with_digits": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'ФИО: "Иванова Мария 2" — в ФИО есть цифры или знаки; укажите фамилию, имя и отчество буквами',
        ),
    },
    "single_word_name": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'ФИО: "Иванова" — укажите хотя бы фамилию и имя, например Иванова Мария Петровна',
        ),
    },
    "hyphenated_surname_is_fine": {},
    "emoji_in_name": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'ФИО: "Иванова Мария 🙂" — в ФИО есть цифры или знаки; укажите фамилию, имя и отчество буквами',
        ),
    },
    "missing_required_position": {
        (MENTEE_TAB, 2): ("Ошибка", "Должность: не заполнено; это обязательное поле"),
    },
    "no_pd_consent": {
        (MENTEE_TAB, 2): (
            "Нет согласия",
            "Нет согласия на обработку персональных данных: "
            "внесите дату согласия в столбец «Согласие на обработку ПДн (дата)»",
        ),
    },
    "mentor_without_duty_consent": {
        (MENTOR_TAB, 3): (
            "Нет согласия",
            "Нет письменного согласия на наставническую деятельность: "
            "внесите дату согласия в столбец «Письменное согласие на наставничество (дата)»",
        ),
    },
    "mentor_without_any_consent": {
        (MENTOR_TAB, 3): (
            "Нет согласия",
            "Нет согласия на обработку персональных данных: "
            "внесите дату согласия в столбец «Согласие на обработку ПДн (дата)»\n"
            "Нет письменного согласия на наставническую деятельность: "
            "внесите дату согласия в столбец «Письменное согласие на наставничество (дата)»",
        ),
    },
    "yes_no_garbage": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Возраст до 35 лет: "может быть" — ожидается «да» или «нет»; выберите значение из списка',
        ),
    },
    "very_long_text_cell": {
        # An .xlsx cell holds at most 32,767 characters: openpyxl stores only those.
        (MENTOR_TAB, 2): ("Ошибка", "Мотивация: значение длиннее 2000 символов (32767); сократите текст"),
    },
    "two_problems_in_one_row": {
        (MENTEE_TAB, 4): (
            "Ошибка",
            'Предмет: "физкультура" — нет в списке; выберите значение из выпадающего списка; '
            "возможно, «физическая культура»\n"
            'Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20',
        ),
    },
    "header_with_different_case_and_spaces": {},
    "columns_reordered": {
        (MENTEE_TAB, 3): (
            "Ошибка",
            'Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20',
        ),
    },
    "extra_school_column_untouched": {},
    "xlsx_date_cell": {},
    "xlsx_date_cell_in_future": {
        (MENTEE_TAB, 2): (
            "Ошибка",
            'Согласие на обработку ПДн (дата): "15.01.2027" — дата ещё не наступила; '
            "укажите дату, когда согласие подписано",
        ),
    },
    "numeric_cell_for_years": {},
    "float_cell_for_years": {
        (MENTOR_TAB, 3): (
            "Ошибка",
            'Педагогический стаж, лет: "12.5" — не целое число; укажите число лет, например 20',
        ),
    },
    "xlsx_bool_cell_for_yes_no": {},
}


@pytest.mark.parametrize("case", ROW_CASES)
def test_bad_row_input(tmp_path, case, request):
    case_id = request.node.callspec.id
    path, before, after, result = run(tmp_path, case)

    assert [p.message for p in result.problems] == []
    assert result.exit_code == 0
    for tab in BANK_TABS:
        rows = content_rows(before, tab)
        expected = {(tab, row): OK for row in rows}
        expected.update({k: v for k, v in EXPECTED[case_id].items() if k[0] == tab})
        assert statuses(after, tab, rows) == expected
    assert_only_service_cells_and_log_changed(before, after, BANK_TABS)


def test_every_row_case_has_an_expectation():
    ids = [p.id for p in ROW_CASES]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(EXPECTED)


def row_case(case_id: str) -> Case:
    return next(p.values[0] for p in ROW_CASES if p.id == case_id)


def test_blank_rows_between_get_no_status(tmp_path):
    case = row_case("blank_rows_between")
    path, before, after, result = run(tmp_path, case)

    assert before[(MENTEE_TAB, 4, 1)] == ("   ", "s")  # a row of spaces counts as blank
    assert sorted(content_rows(before, MENTEE_TAB)) == [2, 5, 7]
    assert statuses(after, MENTEE_TAB, set()) == {(MENTEE_TAB, r): OK for r in (2, 5, 7)}
    assert result.summaries[0].total == 3


def test_formula_in_name_stays_text(tmp_path):
    case = row_case("formula_in_name")
    path, before, after, result = run(tmp_path, case)

    value, data_type = after[(MENTEE_TAB, 2, 1)]
    assert value == '=HYPERLINK("http://example.invalid";"Иванова")'
    assert data_type == "s"


# --- structure cases ------------------------------------------------------------------------
@dataclass(frozen=True)
class StructureCase:
    edits: tuple[WorkbookEdit, ...]
    problem: str
    broken_tab: str


STRUCTURE_CASES = [
    pytest.param(
        StructureCase(
            (rename_header(MENTEE_TAB, "ФИО", "Фамилия, имя, отчество"),),
            "Лист «Наставляемые»: нет обязательного столбца «ФИО». "
            "Верните заголовок «ФИО» в первую строку листа (порядок столбцов не важен).",
            MENTEE_TAB,
        ),
        id="renamed_header",
    ),
    pytest.param(
        StructureCase(
            (delete_column(MENTOR_TAB, "Статус"),),
            "Лист «Наставники»: нет обязательного столбца «Статус». "
            "Верните заголовок «Статус» в первую строку листа (порядок столбцов не важен).",
            MENTOR_TAB,
        ),
        id="missing_status_column",
    ),
    pytest.param(
        StructureCase(
            (delete_column(MENTOR_TAB, "Максимум наставляемых"),),
            "Лист «Наставники»: нет обязательного столбца «Максимум наставляемых». "
            "Верните заголовок «Максимум наставляемых» в первую строку листа (порядок столбцов не важен).",
            MENTOR_TAB,
        ),
        id="missing_required_column",
    ),
    pytest.param(
        StructureCase(
            (delete_tab(MENTOR_TAB),),
            "Нет листа «Наставники». Восстановите лист с этим названием "
            "(можно скопировать из нового рабочего пространства: nastavnik init).",
            MENTOR_TAB,
        ),
        id="missing_tab",
    ),
    pytest.param(
        StructureCase(
            (add_column(MENTEE_TAB, "предмет ", {2: "физика"}),),
            "Лист «Наставляемые»: столбец «Предмет» встречается дважды (столбцы D, S). "
            "Оставьте один столбец с этим заголовком.",
            MENTEE_TAB,
        ),
        id="duplicate_header",
    ),
]


@pytest.mark.parametrize("case", STRUCTURE_CASES)
def test_bad_structure(tmp_path, case):
    path, before, after, result = run(tmp_path, Case(edits=case.edits))

    assert [p.message for p in result.problems] == [case.problem]
    assert result.exit_code == 1
    assert {k for k in changed_cells(before, after) if k[0] == case.broken_tab} == set()
    (other_tab,) = [t for t in BANK_TABS if t != case.broken_tab]
    rows = content_rows(before, other_tab)
    assert statuses(after, other_tab, rows) == {(other_tab, row): OK for row in rows}
    assert_only_service_cells_and_log_changed(before, after, [other_tab])
    (log_row,) = [r for r in log_rows(after) if r not in log_rows(before)]
    log = {
        after[(LOG_TAB, 1, col)][0]: value
        for (t, row, col), (value, _) in after.items()
        if t == LOG_TAB and row == log_row
    }
    assert log["Итог"] == "ошибка структуры"
    assert case.problem in log["Подробности"].split("\n")


def test_missing_log_tab_still_writes_statuses(tmp_path):
    path, before, after, result = run(tmp_path, Case(edits=(delete_tab(LOG_TAB),)))

    assert [p.message for p in result.problems] == [
        "Нет листа «Журнал». Восстановите лист с этим названием "
        "(можно скопировать из нового рабочего пространства: nastavnik init)."
    ]
    assert result.exit_code == 1
    for tab in BANK_TABS:
        rows = content_rows(before, tab)
        assert statuses(after, tab, rows) == {(tab, row): OK for row in rows}
    allowed = {
        (tab, row, col)
        for tab in BANK_TABS
        for row in content_rows(before, tab)
        for col in service_columns(before, tab)
    }
    assert changed_cells(before, after) - allowed == set()


def test_corpus_is_large_enough():
    assert len(ROW_CASES) + len(STRUCTURE_CASES) >= 35
