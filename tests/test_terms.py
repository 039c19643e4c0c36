"""A pair's term and form (`jobs.terms`): from the order's date or the working day after the
approval, to the earlier of the programme's months and the school year's end; the form from the
pair's size unless the coordinator chose another."""
from __future__ import annotations

import datetime as dt

import pytest

from jobs.terms import SchoolYear, next_working_day, pair_form, parse_day_month, programme_end, programme_start
from sheets_schema import vocabulary

D = dt.date


@pytest.mark.parametrize("approved, start", [
    (D(2026, 11, 29), D(2026, 11, 30)),  # a Sunday → Monday
    (D(2026, 11, 27), D(2026, 11, 30)),  # a Friday → Monday
    (D(2026, 11, 30), D(2026, 12, 1)),   # a Monday → Tuesday
])
def test_before_an_order_a_programme_starts_on_the_next_working_day(approved, start):
    assert programme_start(approved) == start == next_working_day(approved)
    assert start.weekday() < 5


def test_the_orders_date_is_the_start():
    assert programme_start(D(2026, 11, 29), order_date=D(2026, 12, 3)) == D(2026, 12, 3)


@pytest.mark.parametrize("start, months, end", [
    (D(2026, 9, 1), 9, D(2027, 5, 31)),    # nine months end with the school year
    (D(2026, 11, 30), 9, D(2027, 5, 31)),  # not 29.08: the summer holidays are no programme time
    (D(2026, 9, 15), 6, D(2027, 3, 14)),   # a shorter programme ends before the year does
    (D(2027, 6, 15), 9, D(2028, 3, 14)),   # started in June: the next school year
    (D(2027, 5, 31), 9, D(2027, 5, 31)),   # started on the last day
    (D(2026, 11, 30), 3, D(2027, 2, 28)),  # no 30.02: the month's last day, not 27.02
    (D(2026, 12, 1), 3, D(2027, 2, 28)),
    (D(2027, 3, 1), 1, D(2027, 3, 31)),
    (D(2027, 1, 31), 1, D(2027, 2, 28)),
    (D(2027, 11, 30), 3, D(2028, 2, 29)),  # a leap year
])
def test_a_programme_ends_by_the_school_years_end(start, months, end):
    assert programme_end(start, months) == end
    assert programme_end(start, months) >= start


def test_a_configured_year_end():
    year = SchoolYear.from_text("30.06")
    assert programme_end(D(2026, 11, 30), 9, year) == D(2027, 6, 30)
    assert SchoolYear.from_text("29.02").end_after(D(2026, 11, 1)) == D(2027, 2, 28)


@pytest.mark.parametrize("text", ["31.02", "5", "31-05", "", "00.05", "31.13"])
def test_a_year_end_that_is_no_day_is_rejected(text):
    assert parse_day_month(text) is None
    with pytest.raises(ValueError):
        SchoolYear.from_text(text)


@pytest.mark.parametrize("mentees, chosen, group_min, form", [
    (1, "", 2, vocabulary.FORM_ONE_TO_ONE),
    (1, vocabulary.FORM_GROUP, 2, vocabulary.FORM_ONE_TO_ONE),  # one mentee is never a group
    (2, "", 2, vocabulary.FORM_GROUP),
    (2, vocabulary.FORM_ONE_TO_ONE, 2, vocabulary.FORM_GROUP),
    (2, "", 3, vocabulary.FORM_ONE_TO_ONE),  # below the configured group size
    (1, "реверсивная", 2, "реверсивная"),  # the coordinator's choice is kept
    (3, "сетевая (своё значение школы)", 2, "сетевая (своё значение школы)"),
])
def test_the_form_follows_the_size_unless_the_coordinator_chose_another(mentees, chosen, group_min, form):
    assert pair_form(mentees, chosen, group_min) == form


def test_a_config_with_a_wrong_year_end_names_the_key(tmp_path):
    from jobs import config as config_module

    path = tmp_path / "nastavnik.toml"
    path.write_text('[school]\nname = "Школа"\nhead = "Иванова И. И."\ncoordinator = "Петрова А. С."\n'
                    'year_end = "31.02"\n', encoding="utf-8")
    with pytest.raises(config_module.ConfigError) as caught:
        config_module.load(path)
    assert "school.year_end" in str(caught.value) and "31.02" in str(caught.value)
    path.write_text(path.read_text(encoding="utf-8").replace("31.02", "30.06"), encoding="utf-8")
    assert config_module.load(path).school.school_year == SchoolYear(30, 6)
