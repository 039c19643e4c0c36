"""The term and the form of a mentoring pair, from the school year and the pair's size.

Used alike by the approval (`jobs.approval`: the «Пары» row), the orders and the programmes
(`jobs.orders`, `jobs.documents`), so a pair's dates and form are the same on every sheet and in
every document.

Term (issue 18): the programme starts on the order's date, or — before there is an order — on the
first working day after the approval; it ends on the earlier of ``start + programme_months`` (the
day before the same date `programme_months` later) and the end of the school year
(``[school] year_end``, default 31.05): a programme never runs into the summer holidays. A start
after the school year's end (June–August) belongs to the next school year.

Working days are Monday to Friday; public holidays are not known here (a secretary dates the
order), so the day after a holiday approval may be a holiday too — the order's date then wins.

Form: one mentee — the traditional one-to-one form; a group of at least ``group_min`` mentees —
the group form; any other form in the vocabulary is the coordinator's choice, written in «Пары»,
and is kept.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sheets_schema import vocabulary

DEFAULT_YEAR_END = "31.05"
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?\s*$")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month when it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_day_month(text: str) -> tuple[int, int] | None:
    """``"31.05"`` → (31, 5); None when `text` is not a real day of a month (29.02 is allowed)."""
    m = _DAY_MONTH.match(str(text or ""))
    if not m:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:
        return None
    return day, month


@dataclass(frozen=True)
class SchoolYear:
    """When the school year ends (day, month); the programmes end by then."""

    end_day: int = 31
    end_month: int = 5

    @classmethod
    def from_text(cls, text: str = DEFAULT_YEAR_END) -> "SchoolYear":
        parsed = parse_day_month(text)
        if parsed is None:
            raise ValueError(text)
        return cls(*parsed)

    def end_after(self, day: dt.date) -> dt.date:
        """The school year's last day on or after `day` (29.02 falls back to 28.02 in a common year)."""
        for year in (day.year, day.year + 1):
            last = calendar.monthrange(year, self.end_month)[1]
            end = dt.date(year, self.end_month, min(self.end_day, last))
            if end >= day:
                return end
        raise AssertionError("unreachable: the next year's end is always after `day`")


def next_working_day(day: dt.date) -> dt.date:
    """The first Monday–Friday strictly after `day`."""
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def programme_start(approved: dt.date, order_date: dt.date | None = None) -> dt.date:
    """The order's date when there is one, else the first working day after the approval."""
    return order_date if order_date is not None else next_working_day(approved)


def programme_end(start: dt.date, months: int, year: SchoolYear = SchoolYear()) -> dt.date:
    """The earlier of the term's last day and the school year's end. The term's last day is the
    day before the same date `months` later; when that month has no such date (a start on 30.11,
    three months), the term ends on the month's last day (as art. 192 of the Civil Code counts
    a term in months): 30.11 → 28.02, 01.12 → 28.02, 01.03 + 1 → 31.03."""
    same_day = add_months(start, months)
    last = same_day if same_day.day != start.day else same_day - dt.timedelta(days=1)
    return min(last, year.end_after(start))


def pair_form(mentees: int, chosen: str = "", group_min: int = 2) -> str:
    """The pair's form: the coordinator's `chosen` form (any value, the school's own list values
    too) unless it is one of the two that follow from the size; else group for `group_min`
    mentees or more, else one-to-one."""
    chosen = (chosen or "").strip()
    if chosen and chosen not in (vocabulary.FORM_ONE_TO_ONE, vocabulary.FORM_GROUP):
        return chosen
    return vocabulary.FORM_GROUP if mentees >= max(2, group_min) else vocabulary.FORM_ONE_TO_ONE


__all__ = ["DEFAULT_YEAR_END", "SchoolYear", "add_months", "next_working_day", "pair_form",
           "parse_day_month", "programme_end", "programme_start"]
