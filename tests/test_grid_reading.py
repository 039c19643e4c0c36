"""`sheets_schema.grid` on tabs as staff leave them: a title row above the header, cells merged
down rows, comment rows, formulas without a computed value — tables of cases, no backend."""
from __future__ import annotations

import pytest

from sheets_schema.grid import (HEADER_SEARCH_ROWS, Merge, SheetGrid, UncomputedFormula, fill_merges,
                                find_header, is_comment, locate, read_grid)
from sheets_schema.tables import LISTS_TABLE, MENTEES

HEADER = list(MENTEES.headers)
WIDTH = len(HEADER)
STATUS, MESSAGE = HEADER.index("Статус"), HEADER.index("Сообщение")
SUBJECT, YEARS = HEADER.index("Предмет"), HEADER.index("Педагогический стаж, лет")
TITLE = ["Банк наставляемых МБОУ СОШ №5 на 2026/27 уч. год"] + [""] * (WIDTH - 1)
BLANK = [""] * WIDTH
NEEDED = ["ФИО", "E-mail", "Должность", "Предмет", "Уровень образования", "Педагогический стаж, лет",
          "Профессиональные затруднения", "Статус", "Сообщение"]


def person(name: str, email: str, **cells: str) -> list[str]:
    values = {"ФИО": name, "E-mail": email, "Должность": "учитель", "Предмет": "математика",
              "Уровень образования": "основное общее", "Педагогический стаж, лет": "3",
              "Профессиональные затруднения": "аттестация", **cells}
    return [values.get(h, "") for h in HEADER]


ANNA = person("Орлова Анна Игоревна", "orlova@school.ru")
OLEG = person("Гусев Олег Павлович", "gusev@school.ru")
VERA = person("Белова Вера Ильинична", "belova@school.ru")


def without(header: list[str], *names: str) -> list[str]:
    return ["" if h in names else h for h in header]


# --- where the header is ------------------------------------------------------------------
HEADER_CASES = {
    "header_in_row_1": ([HEADER, ANNA], 1, 1, ()),
    "title_row_above": ([TITLE, HEADER, ANNA], 2, 2, ()),
    "title_and_blank_rows_above": ([TITLE, BLANK, BLANK, HEADER, ANNA], 4, 4, ()),
    "header_in_row_10_is_found": ([TITLE] + [BLANK] * 8 + [HEADER, ANNA], 10, 10, ()),
    "header_in_row_11_is_not": ([TITLE] + [BLANK] * 9 + [HEADER, ANNA], None, 1, tuple(NEEDED)),
    "one_column_renamed_is_still_the_header": ([without(HEADER, "ФИО") , ANNA], 1, 1, ("ФИО",)),
    "title_above_a_header_missing_one_column": ([TITLE, without(HEADER, "ФИО"), ANNA], 2, 2, ("ФИО",)),
    "a_row_with_half_the_columns_is_no_header": (
        [TITLE, without(HEADER, "ФИО", "E-mail", "Должность", "Предмет", "Статус"), ANNA],
        None, 2, ("ФИО", "E-mail", "Должность", "Предмет", "Статус")),
    "empty_tab": ([[""]], None, 1, tuple(NEEDED)),
    "data_only_no_header": ([ANNA, OLEG], None, 1, tuple(NEEDED)),
}


@pytest.mark.parametrize("name", list(HEADER_CASES))
def test_find_header(name):
    grid, row, nearest, missing = HEADER_CASES[name]
    found = find_header(MENTEES, grid)
    assert (found.row, found.nearest, found.missing) == (row, nearest, missing)
    assert found.searched == min(HEADER_SEARCH_ROWS, len(grid))


def test_a_title_row_is_skipped_and_rows_keep_their_sheet_numbers():
    data = read_grid(MENTEES, [TITLE, HEADER, ANNA, BLANK, OLEG])

    assert data.problems == [] and data.header_row == 2
    assert list(data.frame.index) == [3, 5]
    assert data.value(3, "full_name") == "Орлова Анна Игоревна"
    assert data.positions["status"] == STATUS
    assert data.last_row == 5
    assert data.notes == ["Лист «Наставляемые»: строка заголовков найдена в строке 2; строка 1 над ней не читается."]


def test_a_header_lower_down_is_said_with_the_rows_above_it():
    data = read_grid(MENTEES, [TITLE, BLANK, BLANK, HEADER])
    assert data.notes == ["Лист «Наставляемые»: строка заголовков найдена в строке 4; строки 1–3 над ней не читаются."]
    assert data.last_row == 4  # rows are appended under the header


def test_a_header_in_row_1_gives_no_note():
    assert read_grid(MENTEES, [HEADER, ANNA]).notes == []


NOT_FOUND_CASES = {
    "nothing_like_a_header": (
        [TITLE] + [BLANK] * 11,
        "Лист «Наставляемые»: не найдена строка заголовков (в строках 1–10 нет ни одного из столбцов «ФИО», "
        "«E-mail», «Должность», «Предмет», «Уровень образования», «Педагогический стаж, лет», «Профессиональные "
        "затруднения», «Статус», «Сообщение»). Верните строку заголовков (порядок столбцов не важен; образец — лист "
        "нового рабочего пространства: nastavnik init)."),
    "one_row_tab": (
        [TITLE],
        "Лист «Наставляемые»: не найдена строка заголовков (в строке 1 нет ни одного из столбцов «ФИО», «E-mail», "
        "«Должность», «Предмет», «Уровень образования», «Педагогический стаж, лет», «Профессиональные затруднения», "
        "«Статус», «Сообщение»). Верните строку заголовков (порядок столбцов не важен; образец — лист нового "
        "рабочего пространства: nastavnik init)."),
    "nearest_row_named": (
        [TITLE, without(HEADER, "ФИО", "E-mail", "Должность", "Предмет", "Статус"), ANNA],
        "Лист «Наставляемые»: не найдена строка заголовков (в строках 1–3); ближе всего строка 2, но в ней нет "
        "столбцов «ФИО», «E-mail», «Должность», «Предмет», «Статус». Верните эти заголовки в строку 2 (порядок "
        "столбцов не важен)."),
}


@pytest.mark.parametrize("name", list(NOT_FOUND_CASES))
def test_no_header_is_one_line(name):
    grid, message = NOT_FOUND_CASES[name]
    data = read_grid(MENTEES, grid)
    assert [p.message for p in data.problems] == [message]
    assert data.frame.empty and data.refs == {}


def test_a_renamed_column_under_a_title_row_is_named_with_the_header_s_row():
    data = read_grid(MENTEES, [TITLE, without(HEADER, "ФИО"), ANNA])
    assert [p.message for p in data.problems] == [
        "Лист «Наставляемые»: нет обязательного столбца «ФИО». Верните заголовок «ФИО» в строку 2 листа, к остальным "
        "заголовкам (порядок столбцов не важен)."]
    assert data.notes == ["Лист «Наставляемые»: строка заголовков найдена в строке 2; строка 1 над ней не читается."]


# --- comment rows ---------------------------------------------------------------------------
COMMENT_CASES = {
    "dashes": (["--- ниже: наставники из филиала…", "", ""], True),
    "two_dashes": (["-- филиал", "", ""], True),
    "hash": (["", "# временно", ""], True),
    "slashes": (["", "", "// проверить"], True),
    "leading_spaces": (["   # отступ", "", ""], True),
    "a_lone_dash_is_a_value": (["-", "", ""], False),
    "one_dash_text": (["- ниже филиал", "", ""], False),
    "marker_but_two_cells": (["# Орлова", "orlova@school.ru", ""], False),
    "no_marker": (["Орлова Анна", "", ""], False),
    "blank_row": (["", "", ""], False),
    "marker_not_at_start": (["см. # ниже", "", ""], False),
}


@pytest.mark.parametrize("name", list(COMMENT_CASES))
def test_is_comment(name):
    cells, expected = COMMENT_CASES[name]
    assert is_comment(cells) is expected


def test_a_comment_row_with_an_old_status_is_still_a_comment():
    cells = ["--- ниже: филиал", "", "Ошибка", "ФИО: не заполнено"]
    assert is_comment(cells, skip={2, 3})
    assert not is_comment(cells)


def test_comment_rows_are_skipped_not_validated_nor_located():
    comment = ["--- ниже: наставники из филиала…"] + [""] * (WIDTH - 1)
    old = list(comment)
    old[STATUS], old[MESSAGE] = "Ошибка", "ФИО: не заполнено; это обязательное поле"
    data = read_grid(MENTEES, [HEADER, ANNA, comment, OLEG, old, VERA])

    assert list(data.frame.index) == [2, 4, 6]
    assert data.comments == [3, 5]
    assert 3 not in data.refs and 5 not in data.refs and data.stale == {}
    assert data.last_row == 6


def test_a_tab_the_jobs_write_whole_has_no_comment_rows():
    header = list(LISTS_TABLE.headers)
    row = ["# один пункт"] + [""] * (len(header) - 1)
    data = read_grid(LISTS_TABLE, [header, row])
    assert data.comments == [] and list(data.frame.index) == [2]


# --- merged cells -------------------------------------------------------------------------
def merged(rows, *merges) -> SheetGrid:
    return SheetGrid([list(r) for r in rows], merges)


def subject_down(first: int, last: int, col: int = SUBJECT) -> Merge:
    return Merge(first, last, col, col)


def test_a_subject_merged_down_three_rows_is_every_row_s_subject():
    rows = [HEADER, person("Орлова Анна Игоревна", "orlova@school.ru", **{"Предмет": "физика"}),
            person("Гусев Олег Павлович", "gusev@school.ru", **{"Предмет": ""}),
            person("Белова Вера Ильинична", "belova@school.ru", **{"Предмет": ""}), OLEG]
    data = read_grid(MENTEES, merged(rows, subject_down(2, 4)))
    assert {r: data.value(r, "subject") for r in (2, 3, 4, 5)} == {2: "физика", 3: "физика", 4: "физика", 5: "математика"}


FILL_CASES = {
    # merge, columns filled, header row → the column's cells of rows 2..5
    "down_in_a_content_column": (Merge(2, 4, 0, 0), {0}, 1, ["a", "a", "a", "d"]),
    "service_column_is_not_filled": (Merge(2, 4, 0, 0), set(), 1, ["a", "", "", "d"]),
    "merge_from_the_header_is_not_filled": (Merge(1, 3, 0, 0), {0}, 1, ["a", "", "", "d"]),
    "merge_across_columns_fills_only_its_first_column": (Merge(2, 3, 0, 1), {0, 1}, 1, ["a", "a", "", "d"]),
    "one_cell_merge_changes_nothing": (Merge(3, 3, 0, 0), {0}, 1, ["a", "", "", "d"]),
    "an_empty_anchor_fills_empty": (Merge(3, 5, 0, 0), {0}, 1, ["a", "", "", ""]),
}


@pytest.mark.parametrize("name", list(FILL_CASES))
def test_fill_merges(name):
    merge, columns, header, expected = FILL_CASES[name]
    rows = {2: ["a", "x"], 3: ["", ""], 4: ["", ""], 5: ["d", "y"]}
    fill_merges(rows, (merge,), columns, header)
    assert [rows[r][0] for r in (2, 3, 4, 5)] == expected


def test_a_merged_status_is_read_row_by_row():
    first = list(ANNA)
    first[STATUS] = "OK"
    data = read_grid(MENTEES, merged([HEADER, first, OLEG], Merge(2, 3, STATUS, STATUS)))
    assert (data.value(2, "status"), data.value(3, "status")) == ("OK", "")


def test_merged_rows_are_found_again_by_content():
    rows = [HEADER, ANNA, person("Гусев Олег Павлович", "gusev@school.ru", **{"Предмет": ""})]
    read = read_grid(MENTEES, merged(rows, subject_down(2, 3)))
    now = read_grid(MENTEES, merged([TITLE] + rows, subject_down(3, 4)))  # a title row inserted since
    assert locate(list(read.refs.values()), now) == {read.refs[2]: 3, read.refs[3]: 4}


# --- formulas without a computed value ------------------------------------------------------
def test_a_formula_without_value_is_marked_on_its_row():
    row = list(ANNA)
    row[YEARS] = UncomputedFormula("=2026-1998")
    data = read_grid(MENTEES, [HEADER, row, OLEG])
    assert data.uncomputed == {2: frozenset({"years"})}
    assert data.value(2, "years") == "=2026-1998" and type(data.value(2, "years")) is str


def test_the_same_text_typed_as_a_value_is_not_marked():
    row = list(ANNA)
    row[YEARS] = "=2026-1998"
    assert read_grid(MENTEES, [HEADER, row]).uncomputed == {}


def test_a_merged_formula_without_value_marks_every_row_of_the_merge():
    first, second = list(ANNA), list(OLEG)
    first[YEARS], second[YEARS] = UncomputedFormula("=2026-1998"), ""
    data = read_grid(MENTEES, merged([HEADER, first, second], Merge(2, 3, YEARS, YEARS)))
    assert data.uncomputed == {2: frozenset({"years"}), 3: frozenset({"years"})}
