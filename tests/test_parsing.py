"""Tables of cases for the pure parsing of cells (`sheets_schema.parsing`) and of a tab's grid
(`sheets_schema.grid`): what is accepted, what it becomes, and which problem a bad value gets."""
from __future__ import annotations

import datetime as dt

import pytest

from sheets_schema import ru
from sheets_schema.grid import locate, normalise_header, read_grid
from sheets_schema.parsing import (
    Problem,
    check_name,
    parse_bool,
    parse_choice,
    parse_date,
    parse_email,
    parse_int,
    parse_multi,
    split_multi,
)
from sheets_schema.tables import MENTEES

TODAY = dt.date(2026, 11, 27)


def outcome(result: tuple[object, Problem | None]) -> object:
    """The parsed value, or the problem code when the text was rejected."""
    value, problem = result
    return problem.code if problem else value


# --- e-mail ---------------------------------------------------------------------------------
EMAIL_CASES = [
    pytest.param("ivanova@school.ru", "ivanova@school.ru", id="plain"),
    pytest.param("  Ivanova.MP@School.RU ", "ivanova.mp@school.ru", id="surrounding_spaces_and_case"),
    pytest.param("\u00a0ivanova@school.ru\u00a0", "ivanova@school.ru", id="surrounding_nbsp"),
    pytest.param("ivanova+mentor@school.ru", "ivanova+mentor@school.ru", id="plus_in_local_part"),
    pytest.param("ivanova@школа26.рф", "ivanova@школа26.рф", id="cyrillic_domain"),
    pytest.param("ivanova @school.ru", "email_spaces", id="inner_space"),
    pytest.param("ivanova@\u00a0school.ru", "email_spaces", id="inner_nbsp"),
    pytest.param("ivanova\u200b@school.ru", "email_invisible", id="inner_zero_width_space"),
    pytest.param("iva\u00adnova@school.ru", "email_invisible", id="inner_soft_hyphen"),
    pytest.param("Иванова <ivanova@school.ru>", "email_spaces", id="name_and_address"),
    pytest.param("ivanova@school", "bad_email", id="no_domain_zone"),
    pytest.param("ivanova@school.r", "bad_email", id="one_letter_zone"),
    pytest.param("ivanova@@school.ru", "bad_email", id="two_at_signs"),
    pytest.param("ivanova.school.ru", "bad_email", id="no_at_sign"),
    pytest.param(".ivanova@school.ru", "bad_email", id="leading_dot"),
    pytest.param("ivanova.@school.ru", "bad_email", id="dot_before_at"),
    pytest.param("ivanova@.school.ru", "bad_email", id="dot_after_at"),
    pytest.param("ivanova@school..ru", "bad_email", id="double_dot"),
    pytest.param("ivanova@school.ru.", "bad_email", id="trailing_dot"),
    pytest.param("mailto:ivanova@school.ru", "bad_email", id="mailto_prefix"),
    pytest.param("ivanova@school.ru;petrov@school.ru", "email_several", id="two_addresses"),
    pytest.param("", "bad_email", id="empty"),
]


@pytest.mark.parametrize("text, expected", EMAIL_CASES)
def test_parse_email(text, expected):
    assert outcome(parse_email(text)) == expected


# --- whole numbers --------------------------------------------------------------------------
INT_CASES = [
    pytest.param("20", 20, id="plain"),
    pytest.param(" 20 ", 20, id="spaces"),
    pytest.param("\u00a020", 20, id="nbsp"),
    pytest.param("+5", 5, id="plus_sign"),
    pytest.param("0", 0, id="low_bound"),
    pytest.param("60", 60, id="high_bound"),
    pytest.param("20.0", 20, id="whole_float_dot"),
    pytest.param("20,0", 20, id="whole_float_comma"),
    pytest.param("2,5", "not_integer", id="decimal_comma"),
    pytest.param("2.5", "not_integer", id="decimal_dot"),
    pytest.param("двадцать", "not_number", id="in_words"),
    pytest.param("20 лет", "not_number", id="with_unit"),
    pytest.param("1e1", "not_number", id="exponent"),
    pytest.param("", "not_number", id="empty"),
    pytest.param("-3", "out_of_range", id="negative"),
    pytest.param("61", "out_of_range", id="above_high"),
    pytest.param("1 000", "out_of_range", id="thousands_separator_parsed_then_too_big"),
]


@pytest.mark.parametrize("text, expected", INT_CASES)
def test_parse_int(text, expected):
    assert outcome(parse_int(text, 0, 60)) == expected


def test_parse_int_out_of_range_names_the_bounds():
    assert parse_int("9", 1, 5) == (None, Problem("out_of_range", {"low": 1, "high": 5}))


# --- dates ----------------------------------------------------------------------------------
DATE_CASES = [
    pytest.param("01.09.2025", dt.date(2025, 9, 1), id="dd_mm_yyyy"),
    pytest.param("1.9.2025", dt.date(2025, 9, 1), id="d_m_yyyy"),
    pytest.param("1.9.25", dt.date(2025, 9, 1), id="d_m_yy_is_20yy"),
    pytest.param("01.09.25", dt.date(2025, 9, 1), id="dd_mm_yy"),
    pytest.param("2025-09-01", dt.date(2025, 9, 1), id="iso"),
    pytest.param("2025-9-1", dt.date(2025, 9, 1), id="iso_without_zeros"),
    pytest.param("2025-09-01T10:15:00", dt.date(2025, 9, 1), id="iso_with_time"),
    pytest.param("2025-09-01T10:15:00.250Z", dt.date(2025, 9, 1), id="iso_with_ms_and_z"),
    pytest.param("2025-09-01 10:15", dt.date(2025, 9, 1), id="iso_with_space_and_time"),
    pytest.param("01.09.2025 10:15:00", dt.date(2025, 9, 1), id="forms_timestamp"),
    pytest.param("01.09.2025 9:05", dt.date(2025, 9, 1), id="with_short_time"),
    pytest.param(" 01.09.2025 ", dt.date(2025, 9, 1), id="spaces"),
    pytest.param("29.02.2024", dt.date(2024, 2, 29), id="29_02_leap_year"),
    pytest.param("29.02.2025", "no_such_date", id="29_02_non_leap_year"),
    pytest.param("31.02.2026", "no_such_date", id="31_02"),
    pytest.param("31.04.2026", "no_such_date", id="31_04"),
    pytest.param("32.01.2026", "no_such_date", id="day_32"),
    pytest.param("01.13.2026", "no_such_date", id="month_13"),
    pytest.param("00.01.2026", "no_such_date", id="day_0"),
    pytest.param("27.11.2026", dt.date(2026, 11, 27), id="today"),
    pytest.param("28.11.2026", "date_in_future", id="tomorrow"),
    pytest.param("1.9.99", "date_too_old", id="yy_99_is_1999"),
    pytest.param("01.01.2000", dt.date(2000, 1, 1), id="earliest"),
    pytest.param("31.12.1999", "date_too_old", id="too_old"),
    pytest.param("1 сентября 2025", "not_date", id="month_in_words"),
    pytest.param("01/09/2025", "not_date", id="slashes"),
    pytest.param("2025.09.01", "not_date", id="year_first_with_dots"),
    pytest.param("01.09.025", "not_date", id="three_digit_year"),
    pytest.param("01.09.2025г.", "not_date", id="year_suffix"),
    pytest.param("вчера", "not_date", id="word"),
    pytest.param("", "not_date", id="empty"),
]


@pytest.mark.parametrize("text, expected", DATE_CASES)
def test_parse_date(text, expected):
    assert outcome(parse_date(text, TODAY)) == expected


# --- choices --------------------------------------------------------------------------------
CHOICE_CASES = [
    pytest.param("математика", ru.SUBJECTS, "математика", id="exact"),
    pytest.param("  МАТЕМАТИКА ", ru.SUBJECTS, "математика", id="case_and_spaces"),
    pytest.param(
        "Русский  язык и\u00a0литература", ru.SUBJECTS, "русский язык и литература", id="inner_spaces"
    ),
    pytest.param("обзр", ru.SUBJECTS, "ОБЗР", id="abbreviation_lower_case"),
    pytest.param("Высшая", ru.CATEGORIES, "высшая", id="category"),
    pytest.param("учеба", ["учёба", "работа"], "учёба", id="e_for_yo"),
    pytest.param("УЧЁБА", ["учеба", "работа"], "учеба", id="yo_for_e"),
]


@pytest.mark.parametrize("text, choices, expected", CHOICE_CASES)
def test_parse_choice(text, choices, expected):
    assert parse_choice(text, choices) == (expected, None)


SUGGESTION_CASES = [
    pytest.param("Матем.", ru.SUBJECTS, "математика", id="abbreviation"),
    pytest.param("англ", ru.SUBJECTS, "английский язык", id="unique_prefix"),
    pytest.param("труд", ru.SUBJECTS, "труд (технология)", id="first_word"),
    pytest.param("физкультура", ru.SUBJECTS, "физическая культура", id="colloquial"),
    pytest.param("Высш.", ru.CATEGORIES, "высшая", id="category_abbreviation"),
    pytest.param("работа с родителям", ru.DIFFICULTIES, "работа с родителями", id="typo"),
    pytest.param("пение", ru.SUBJECTS, None, id="nothing_close"),
]


@pytest.mark.parametrize("text, choices, suggestion", SUGGESTION_CASES)
def test_parse_choice_rejects_with_suggestion(text, choices, suggestion):
    assert parse_choice(text, choices) == (None, Problem("not_in_list", {"suggestion": suggestion}))


# --- multi-choice ---------------------------------------------------------------------------
SPLIT_CASES = [
    pytest.param("пн, ср, пт", ["пн", "ср", "пт"], id="google_forms_comma_space"),
    pytest.param("пн;ср", ["пн", "ср"], id="semicolon"),
    pytest.param("пн\nср", ["пн", "ср"], id="newline"),
    pytest.param("пн\r\nср", ["пн", "ср"], id="windows_newline"),
    pytest.param(" пн ; ср , ", ["пн", "ср"], id="spaces_and_trailing_separator"),
    pytest.param("пн,,ср", ["пн", "ср"], id="empty_item"),
    pytest.param("пн, пн", ["пн", "пн"], id="duplicates_kept_by_split"),
    pytest.param("", [], id="empty"),
]


@pytest.mark.parametrize("text, expected", SPLIT_CASES)
def test_split_multi(text, expected):
    assert split_multi(text) == expected


MULTI_CASES = [
    pytest.param("ПН, ср", (["пн", "ср"], []), id="case"),
    pytest.param("ср; пн\nср", (["ср", "пн"], []), id="duplicates_dropped_order_kept"),
    pytest.param("", ([], []), id="empty"),
    pytest.param(
        "пн, понедельник, среда",
        (None, [("понедельник", "not_in_list"), ("среда", "not_in_list")]),
        id="every_bad_item_reported",
    ),
]


@pytest.mark.parametrize("text, expected", MULTI_CASES)
def test_parse_multi(text, expected):
    values, bad = parse_multi(text, ru.DAYS)
    assert (values, [(item, p.code) for item, p in bad]) == expected


def test_google_forms_checkbox_answer_round_trips():
    answer = ", ".join(ru.DIFFICULTIES)  # how Google Forms exports every box ticked
    assert parse_multi(answer, ru.DIFFICULTIES) == (ru.DIFFICULTIES, [])


@pytest.mark.parametrize("name, items", list(ru.LISTS.items()), ids=list(ru.LISTS))
def test_no_list_item_contains_a_comma(name, items):
    assert [item for item in items if "," in item] == []


@pytest.mark.parametrize("name, items", list(ru.LISTS.items()), ids=list(ru.LISTS))
def test_every_list_item_is_found_by_its_own_text(name, items):
    assert [parse_choice(item, items) for item in items] == [(item, None) for item in items]


# --- yes / no -------------------------------------------------------------------------------
BOOL_CASES = [
    pytest.param("да", True, id="da"),
    pytest.param(" Да ", True, id="da_capital_spaces"),
    pytest.param("ДА", True, id="da_upper"),
    pytest.param("TRUE", True, id="xlsx_true"),
    pytest.param("1", True, id="one"),
    pytest.param("+", True, id="plus"),
    pytest.param("✓", True, id="tick"),
    pytest.param("нет", False, id="net"),
    pytest.param("Нет", False, id="net_capital"),
    pytest.param("FALSE", False, id="xlsx_false"),
    pytest.param("0", False, id="zero"),
    pytest.param("-", False, id="minus"),
    pytest.param("может быть", "not_yes_no", id="maybe"),
    pytest.param("да, конечно", "not_yes_no", id="yes_with_words"),
    pytest.param("2", "not_yes_no", id="two"),
    pytest.param("", "not_yes_no", id="empty"),
]


@pytest.mark.parametrize("text, expected", BOOL_CASES)
def test_parse_bool(text, expected):
    assert outcome(parse_bool(text)) == expected


# --- ФИО ------------------------------------------------------------------------------------
NAME_CASES = [
    pytest.param("Иванова Мария Петровна", "Иванова Мария Петровна", id="full"),
    pytest.param("  Иванова   Мария\u00a0Петровна ", "Иванова Мария Петровна", id="spaces_collapsed"),
    pytest.param("Иванова Мария", "Иванова Мария", id="no_patronymic"),
    pytest.param("Семёнова Алёна Фёдоровна", "Семёнова Алёна Фёдоровна", id="yo"),
    pytest.param(
        "Римский-Корсаков Николай Андреевич", "Римский-Корсаков Николай Андреевич", id="hyphenated_surname"
    ),
    pytest.param("Д'Артаньян Шарль", "Д'Артаньян Шарль", id="apostrophe"),
    pytest.param("О’Коннор Мэри", "О’Коннор Мэри", id="typographic_apostrophe"),
    pytest.param("Иванова М. П.", "Иванова М. П.", id="initials"),
    pytest.param("Оглы Рашид Мамед оглы", "Оглы Рашид Мамед оглы", id="four_words"),
    pytest.param("Smith John", "Smith John", id="latin_only_allowed"),
    pytest.param("Ivanova Мария", ("mixed_script", {"letters": "I, a, n, o, v"}), id="latin_word_next_to_cyrillic"),
    pytest.param("Иванов Андреи\u0306", "Иванов Андрей", id="decomposed_short_i_normalised"),
    pytest.param("Ивaнова Мария", ("mixed_script", {"letters": "a"}), id="latin_a_in_cyrillic_word"),
    pytest.param(
        "Иванова Мaрия Пeтровна", ("mixed_script", {"letters": "a, e"}), id="all_latin_letters_reported"
    ),
    pytest.param("Cмирнoв Олег", ("mixed_script", {"letters": "C, o"}), id="several_latin_letters"),
    pytest.param("Иванова Мария 2", ("name_digits", {}), id="digit_word"),
    pytest.param("Иванова2 Мария", ("name_digits", {}), id="digit_in_word"),
    pytest.param("Иванова_Мария Петровна", ("name_digits", {}), id="underscore"),
    pytest.param("Иванова Мария (декрет)", ("name_digits", {}), id="note_in_brackets"),
    pytest.param("Иванова- Мария", ("name_digits", {}), id="dangling_hyphen"),
    pytest.param("Иванова Мария 🙂", ("name_digits", {}), id="emoji"),
    pytest.param("Иванова", ("name_short", {}), id="one_word"),
    pytest.param("=Иванова Мария", ("formula", {"first": "="}), id="formula_equals"),
    pytest.param("+7 999 123-45-67", ("formula", {"first": "+"}), id="formula_plus"),
    pytest.param("@Иванова Мария", ("formula", {"first": "@"}), id="formula_at"),
    pytest.param("-Иванова Мария", ("formula", {"first": "-"}), id="formula_minus"),
]


@pytest.mark.parametrize("text, expected", NAME_CASES)
def test_check_name(text, expected):
    value, problem = check_name(text)
    assert (value if problem is None else (problem.code, problem.details)) == expected


# --- headers --------------------------------------------------------------------------------
HEADER_CASES = [
    pytest.param("ФИО", "фио", id="case"),
    pytest.param("  ФИО  ", "фио", id="surrounding_spaces"),
    pytest.param("ФИО:", "фио", id="trailing_colon"),
    pytest.param("Педагогический  стаж,\u00a0лет", "педагогический стаж, лет", id="inner_spaces_and_nbsp"),
    pytest.param("Возраст до\n35 лет", "возраст до 35 лет", id="line_break"),
    pytest.param("Общая удовлетворённость (1–10)", "общая удовлетворенность (1–10)", id="yo"),
    pytest.param("E-MAIL", "e-mail", id="latin"),
    pytest.param(None, "", id="empty_cell"),
]


@pytest.mark.parametrize("text, expected", HEADER_CASES)
def test_normalise_header(text, expected):
    assert normalise_header(text) == expected


# --- reading a grid -------------------------------------------------------------------------
def mentee_row(name: str, email: str, **extra: str) -> dict[str, str]:
    row = {
        "full_name": name,
        "email": email,
        "position": "учитель",
        "subject": "математика",
        "levels": "основное общее",
        "years": "3",
        "difficulties": "аттестация",
    }
    row.update(extra)
    return row


def grid_of(
    rows: list[dict[str, str]], header: list[str] | None = None, keys: list[str] | None = None
) -> list[list[str]]:
    """A mentee grid with the schema header (or `header`, cells taken by `keys`)."""
    keys = keys or [c.key for c in MENTEES.columns]
    header = header or MENTEES.headers
    return [list(header)] + [[r.get(k, "") for k in keys] for r in rows]


ANNA = mentee_row("Орлова Анна Игоревна", "orlova@school.ru")
OLEG = mentee_row("Гусев Олег Павлович", "gusev@school.ru")
VERA = mentee_row("Белова Вера Ильинична", "belova@school.ru")


def test_read_grid_skips_blank_rows():
    blank = {k: "" for k in ANNA}
    spaces = {"full_name": "  ", "notes": "\u00a0"}
    only_status = {"status": "Ошибка", "message": "ФИО: не заполнено; это обязательное поле"}
    data = read_grid(MENTEES, grid_of([ANNA, blank, spaces, only_status, OLEG]))

    assert list(data.frame.index) == [2, 6]
    assert list(data.frame["full_name"]) == ["Орлова Анна Игоревна", "Гусев Олег Павлович"]
    # the row left with only an old status is kept aside so the job can clear it
    assert data.stale == {5: only_status}
    assert sorted(data.refs) == [2, 5, 6]
    assert data.last_row == 6
    assert data.problems == []


def test_read_grid_finds_columns_by_header_in_any_order():
    keys = [c.key for c in reversed(MENTEES.columns)]
    header = [" " + MENTEES.column(k).header.upper() + " " for k in keys]
    data = read_grid(MENTEES, grid_of([ANNA, OLEG], header=header, keys=keys))

    assert data.problems == []
    assert data.positions["full_name"] == len(keys) - 1
    assert data.positions["message"] == 0
    assert data.frame.at[3, "email"] == "gusev@school.ru"
    assert data.frame.at[2, "years"] == "3"


def test_read_grid_keeps_extra_school_columns_out():
    keys = [c.key for c in MENTEES.columns] + ["room"]
    header = MENTEES.headers + ["Кабинет"]
    data = read_grid(MENTEES, grid_of([dict(ANNA, room="214")], header=header, keys=keys))

    assert data.problems == []
    assert "room" not in data.frame.columns
    assert "Кабинет" not in data.frame.columns
    assert set(data.positions) == {c.key for c in MENTEES.columns}
    assert data.width == len(MENTEES.columns) + 1


def test_read_grid_row_key_is_normalised_email():
    data = read_grid(MENTEES, grid_of([dict(ANNA, email="  Orlova@School.RU ")]))

    assert data.refs[2].key == "orlova@school.ru"


def test_read_grid_without_optional_column_has_no_problem():
    keys = [c.key for c in MENTEES.columns if c.key != "notes"]
    header = [MENTEES.column(k).header for k in keys]
    data = read_grid(MENTEES, grid_of([ANNA], header=header, keys=keys))

    assert data.problems == []
    assert "notes" not in data.frame.columns


def test_read_grid_missing_required_column_is_a_problem():
    keys = [c.key for c in MENTEES.columns if c.key != "subject"]
    header = [MENTEES.column(k).header for k in keys]
    data = read_grid(MENTEES, grid_of([ANNA], header=header, keys=keys))

    assert [p.message for p in data.problems] == [
        "Лист «Наставляемые»: нет обязательного столбца «Предмет». "
        "Верните заголовок «Предмет» в первую строку листа (порядок столбцов не важен)."
    ]
    assert not data.ok


def test_read_grid_missing_service_column_is_a_problem():
    keys = [c.key for c in MENTEES.columns if c.key != "message"]
    header = [MENTEES.column(k).header for k in keys]
    data = read_grid(MENTEES, grid_of([ANNA], header=header, keys=keys))

    assert [p.message for p in data.problems] == [
        "Лист «Наставляемые»: нет обязательного столбца «Сообщение». "
        "Верните заголовок «Сообщение» в первую строку листа (порядок столбцов не важен)."
    ]


def test_read_grid_duplicated_header_is_a_problem():
    keys = [c.key for c in MENTEES.columns] + ["email"]
    header = MENTEES.headers + ["e-mail "]
    data = read_grid(MENTEES, grid_of([ANNA], header=header, keys=keys))

    assert [p.message for p in data.problems] == [
        "Лист «Наставляемые»: столбец «E-mail» встречается дважды (столбцы B, S). "
        "Оставьте один столбец с этим заголовком."
    ]


def test_read_grid_of_empty_tab_reports_every_needed_column_in_one_line():
    data = read_grid(MENTEES, [])

    (problem,) = data.problems
    needed = [c.header for c in MENTEES.columns if c.required or c.owner == "service"]
    assert problem.message == ru.TEXT["header_not_found"].format(
        tab="Наставляемые", rows="в строке 1", missing=", ".join(f"«{h}»" for h in needed))
    assert data.frame.empty


# --- finding rows again at write time -------------------------------------------------------
def where(before: list[dict[str, str]], after: list[dict[str, str]]) -> dict[str, int | None]:
    """Sheet row of each row read from `before`, found again in `after`, by name."""
    read = read_grid(MENTEES, grid_of(before))
    now = read_grid(MENTEES, grid_of(after))
    found = locate(list(read.refs.values()), now)
    return {read.frame.at[ref.row_at_read, "full_name"]: row for ref, row in found.items()}


def test_locate_unchanged():
    assert where([ANNA, OLEG], [ANNA, OLEG]) == {ANNA["full_name"]: 2, OLEG["full_name"]: 3}


def test_locate_after_rows_inserted_above():
    assert where([ANNA, OLEG], [VERA, {}, ANNA, OLEG]) == {ANNA["full_name"]: 4, OLEG["full_name"]: 5}


def test_locate_after_row_deleted():
    assert where([ANNA, OLEG, VERA], [ANNA, VERA]) == {
        ANNA["full_name"]: 2,
        OLEG["full_name"]: None,
        VERA["full_name"]: 3,
    }


def test_locate_after_sort():
    assert where([ANNA, OLEG, VERA], [VERA, OLEG, ANNA]) == {
        ANNA["full_name"]: 4,
        OLEG["full_name"]: 3,
        VERA["full_name"]: 2,
    }


def test_locate_edited_row_is_lost():
    assert where([ANNA, OLEG], [ANNA, dict(OLEG, years="4")]) == {
        ANNA["full_name"]: 2,
        OLEG["full_name"]: None,
    }


def test_locate_ignores_changes_to_status_and_message():
    after = [dict(ANNA, status="Ошибка", message="старое сообщение"), OLEG]
    assert where([ANNA, OLEG], after) == {ANNA["full_name"]: 2, OLEG["full_name"]: 3}


def test_locate_identical_rows_each_get_their_own_row():
    read = read_grid(MENTEES, grid_of([ANNA, ANNA, OLEG]))
    now = read_grid(MENTEES, grid_of([VERA, ANNA, OLEG, ANNA]))

    found = locate(list(read.refs.values()), now)

    assert {ref.row_at_read: row for ref, row in found.items()} == {2: 3, 3: 5, 4: 4}


def test_locate_one_of_identical_rows_deleted():
    read = read_grid(MENTEES, grid_of([ANNA, ANNA]))
    now = read_grid(MENTEES, grid_of([ANNA]))

    found = locate(list(read.refs.values()), now)

    assert {ref.row_at_read: row for ref, row in found.items()} == {2: 2, 3: None}


def test_locate_twins_are_told_apart_by_the_apps_cells():
    """Two rows with the same key and staff cells but different app cells (a mentee's own
    proposal and a network one, both «предложено»): a write asked for the second only lands on
    the second — also after staff insert a row above — never on its twin."""
    own, other = dict(ANNA, status="OK"), dict(ANNA, status="Ошибка", message="другая строка")
    read = read_grid(MENTEES, grid_of([own, other]))
    second = [ref for ref in read.refs.values() if ref.row_at_read == 3]

    assert locate(second, read_grid(MENTEES, grid_of([own, other]))) == {second[0]: 3}
    assert locate(second, read_grid(MENTEES, grid_of([VERA, own, other]))) == {second[0]: 4}
    assert locate(second, read_grid(MENTEES, grid_of([other, own]))) == {second[0]: 2}  # sorted


def test_locate_one_of_identical_twins_asked_for_alone_keeps_its_place():
    read = read_grid(MENTEES, grid_of([ANNA, OLEG, ANNA]))
    last = [ref for ref in read.refs.values() if ref.row_at_read == 4]

    assert locate(last, read_grid(MENTEES, grid_of([VERA, ANNA, OLEG, ANNA]))) == {last[0]: 5}
