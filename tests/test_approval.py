"""Approval onto «Пары» on every backend: the form from the pair's size (never the mentee's wish),
the term from the approval day and the school year, and the coordinator's own form kept."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jobs.config import MatchingSettings
from jobs.match import match
from jobs.terms import SchoolYear
from tests.builders import MENTEES, MENTORS, edited

SUNDAY = dt.datetime(2026, 11, 29, 10, 0)  # the approval day of the issue: a Sunday
S = MatchingSettings.default()
IVANOVA, SMIRNOV, KUZNETSOVA = (m["email"] for m in MENTEES)
PETROVA, SOKOLOV = (m["email"] for m in MENTORS)
PAIRS = "Пары"
COLUMNS = ("ID пары", "Наставник (e-mail)", "Наставляемые (e-mail)", "Форма наставничества", "Начало",
           "Окончание", "Статус")


def approved(mentee: str, mentor: str, group: str = "") -> dict[str, str]:
    return {"mentee_email": mentee, "mentor_email": mentor, "group": group, "status": "утверждено"}


def pairs(backend) -> list[tuple[str, ...]]:
    grid = backend.grid(PAIRS)
    at = [grid[0].index(c) for c in COLUMNS]
    return [tuple(row[i] if i < len(row) else "" for i in at) for row in grid[1:] if any(row)]


def test_one_mentee_is_one_to_one_whatever_the_wish_and_the_term_starts_on_the_next_working_day(backend):
    # Иванова wished for a group; the pair is still one mentor with one mentee
    mentees = edited(MENTEES, 0, preferred_form="групповая")
    ws = backend.make({"mentees": mentees, "mentors": MENTORS, "proposals": [approved(IVANOVA, PETROVA)]})

    result = match(ws, S, SUNDAY)

    assert pairs(backend) == [
        ("П-001", PETROVA, IVANOVA, "традиционная (один на один)", "30.11.2026", "31.05.2027", "утверждена")]
    assert result.approval.notes == []


def test_a_group_is_group_form_and_ends_by_the_configured_school_year(backend):
    mentees = edited(MENTEES, 1, difficulties="современный урок", subject="математика")
    rows = [approved(IVANOVA, PETROVA, "Г-001"), approved(SMIRNOV, PETROVA, "Г-001")]
    ws = backend.make({"mentees": mentees, "mentors": MENTORS, "proposals": rows})
    settings = dataclasses.replace(S, programme_months=9, school_year=SchoolYear.from_text("30.06"))

    match(ws, settings, SUNDAY)

    # 30.11.2026 + 9 months − 1 day = 29.08.2027, past the school year's end 30.06.2027
    assert pairs(backend) == [
        ("П-001", PETROVA, f"{IVANOVA}, {SMIRNOV}", "групповая", "30.11.2026", "30.06.2027", "утверждена")]


def test_a_short_programme_ends_before_the_school_year(backend):
    ws = backend.make({"mentees": MENTEES, "mentors": MENTORS, "proposals": [approved(IVANOVA, PETROVA)]})

    match(ws, dataclasses.replace(S, programme_months=3), dt.datetime(2026, 11, 30, 18, 0))  # a Monday

    assert pairs(backend)[0][4:6] == ("01.12.2026", "28.02.2027")  # three calendar months


def test_a_group_below_the_minimum_becomes_one_to_one_pairs_with_a_note(backend):
    mentees = edited(MENTEES, 1, difficulties="современный урок", subject="математика")
    rows = [approved(IVANOVA, PETROVA, "Г-001"), approved(SMIRNOV, PETROVA, "Г-001")]
    ws = backend.make({"mentees": mentees, "mentors": MENTORS, "proposals": rows})

    result = match(ws, dataclasses.replace(S, group_min_size=3), SUNDAY)

    assert pairs(backend) == [
        ("П-001", PETROVA, IVANOVA, "традиционная (один на один)", "30.11.2026", "31.05.2027", "утверждена"),
        ("П-002", PETROVA, SMIRNOV, "традиционная (один на один)", "30.11.2026", "31.05.2027", "утверждена")]
    assert result.approval.notes == [
        "Группа Г-001 наставника Петрова Галина Викторовна: утверждено наставляемых 2 — меньше, чем нужно "
        "для групповой формы ([matching] group_min_size = 3); каждый оформлен отдельной парой "
        "«традиционная (один на один)»."]
    assert result.approval.notes[0] in result.lines()


def test_the_coordinators_form_and_dates_in_pairs_are_kept_by_later_approvals(backend):
    ws = backend.make({"mentees": MENTEES, "mentors": MENTORS, "proposals": [approved(IVANOVA, PETROVA)]})
    match(ws, S, SUNDAY)
    backend.set_cells(PAIRS, {(2, "Форма наставничества"): "реверсивная", (2, "Начало"): "07.12.2026"})
    row = backend.grid("Предложения")[0]
    offers = backend.grid("Предложения")
    mentee_col, status_col = row.index("Наставляемый (e-mail)"), row.index("Статус")
    smirnov_row = next(r for r, line in enumerate(offers[1:], start=2) if line[mentee_col] == SMIRNOV)
    backend.set_cells("Предложения", {(smirnov_row, "Статус"): "утверждено"})
    assert offers[smirnov_row - 1][status_col] == "предложено"

    result = match(ws, S, dt.datetime(2026, 12, 2, 9, 0))  # a Wednesday

    assert result.approval.ids == ["П-002"]
    assert pairs(backend) == [
        ("П-001", PETROVA, IVANOVA, "реверсивная", "07.12.2026", "31.05.2027", "утверждена"),
        ("П-002", SOKOLOV, SMIRNOV, "традиционная (один на один)", "03.12.2026", "31.05.2027", "утверждена")]


@pytest.mark.parametrize("day, start", [
    (dt.date(2026, 11, 27), "30.11.2026"),  # Friday → Monday
    (dt.date(2026, 11, 28), "30.11.2026"),  # Saturday → Monday
    (dt.date(2026, 11, 30), "01.12.2026"),  # Monday → Tuesday
    (dt.date(2027, 5, 31), "01.06.2027"),   # after the year's end: the next school year's term
])
def test_start_is_the_first_working_day_after_the_approval(day, start):
    import pandas as pd

    from jobs.approval import approve
    from jobs.matching import rules

    proposals = pd.DataFrame([approved(IVANOVA, PETROVA)])
    people = pd.DataFrame([{"email": IVANOVA, "full_name": "Иванова Мария Петровна"}])
    staff = pd.DataFrame([{"email": PETROVA, "full_name": "Петрова Галина Викторовна"}])
    pairs_now = rules.pair_rows(pd.DataFrame(columns=["pair_id", "mentor_email", "mentee_emails", "status"]))

    row = approve(proposals, pairs_now, people, staff, S, day).rows[0]

    assert row["start"] == start
    assert row["end"] == ("31.05.2027" if day.year == 2026 else "29.02.2028")
