"""A programme's plan from «Каталог мероприятий»: the rows of its difficulties, with dates.

«Срок» in the catalog is a month of the programme — ``1``, ``2–3`` — turned into calendar
months of the programme (``декабрь 2026``, ``январь – февраль 2027``); a month past the
programme's last month becomes its last month; «последний» is the last month; «весь срок» the
whole period; any other text is copied as it is. The plan never runs past the programme's end.

The programme's months are calendar months. Month 1 is the calendar month of the start, unless
the start falls in the month's last `EDGE_DAYS` days (29.11: two days of November are no month
of work) — then month 1 is the next calendar month. Likewise the last month is the calendar
month of the end, unless the end falls in the month's first `EDGE_DAYS` days — then it is the
month before. A programme too short for that (start and end in one or two neighbouring months)
keeps the calendar months of its start and end.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Iterable, Mapping, Sequence

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sheets_schema.templates import GENERAL
from jobs.terms import add_months

_MONTHS = re.compile(r"^(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?$")
_WORD = re.compile(r"\w+")
EDGE_DAYS = 10  # a start in a month's last 10 days (an end in its first 10) is no month of work


def plan_months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The first days of the programme's first and last months (see the module docstring)."""
    first, last = start.replace(day=1), end.replace(day=1)
    if start.day > calendar.monthrange(start.year, start.month)[1] - EDGE_DAYS:
        first = add_months(first, 1)
    if end.day <= EDGE_DAYS:
        last = add_months(last, -1)
    if first > last:
        return start.replace(day=1), max(start.replace(day=1), end.replace(day=1))
    return first, last


def months_between(start: dt.date, end: dt.date) -> int:
    """How many months of work the programme has (at least 1; see `plan_months`)."""
    first, last = plan_months(start, end)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def month_name(day: dt.date, with_year: bool = True) -> str:
    name = ru.DOCUMENTS["months"][day.month - 1]
    return f"{name} {day.year}" if with_year else name


def due_text(due: str, start: dt.date, end: dt.date) -> str:
    """A catalog «Срок» as a programme's date (see the module docstring)."""
    text = " ".join(str(due or "").split())
    total = months_between(start, end)
    m = _MONTHS.match(text)
    low = high = None
    if m:
        low = int(m[1])
        high = int(m[2]) if m[2] else low
    elif normalise_header(text) == normalise_header(ru.DOCUMENTS["due_last"]):
        low = high = total
    elif normalise_header(text) in {normalise_header(w) for w in ru.DOCUMENTS["due_whole_words"]}:
        return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"
    if low is None or high is None:
        return text
    low, high = sorted((max(1, min(low, total)), max(1, min(high, total))))
    month_one = plan_months(start, end)[0]
    first, last = add_months(month_one, low - 1), add_months(month_one, high - 1)
    if first == last:
        return month_name(first)
    if first.year == last.year:
        return f"{month_name(first, False)} – {month_name(last)}"
    return f"{month_name(first)} – {month_name(last)}"


def _order(due: str, total: int) -> int:
    m = _MONTHS.match(" ".join(str(due or "").split()))
    if m:
        return min(int(m[1]), total)
    if normalise_header(due) == normalise_header(ru.DOCUMENTS["due_last"]):
        return total + 1
    return 1  # the whole period or free text: with the first month's rows


def plural(text: str, words: Mapping[str, str]) -> str:
    """`text` with each word of `words` (the mentee in the singular) in its plural form; a word
    starting with a capital keeps it."""
    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        new = words.get(word.casefold())
        if new is None:
            return word
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return _WORD.sub(repl, text)


def plan_rows(difficulties: Sequence[str], catalog: Iterable[Mapping[str, str]],
              start: dt.date, end: dt.date, *, group: bool = False) -> list[dict[str, str]]:
    """The plan of a programme: general rows and the rows of each difficulty, by month. In a
    group's plan (`group`) the catalog's «наставляемый» in every form becomes plural."""
    wanted = {normalise_header(d): i for i, d in enumerate(difficulties)}
    general = normalise_header(GENERAL)
    total = months_between(start, end)
    words: Mapping[str, str] = ru.PROGRAMME_TEXTS["plural_words"] if group else {}
    chosen = []
    for position, row in enumerate(catalog):
        key = normalise_header(row.get("difficulty", ""))
        if not str(row.get("event", "")).strip():
            continue
        if key == general:
            rank = -1
        elif key in wanted:
            rank = wanted[key]
        else:
            continue
        chosen.append((_order(row.get("due", ""), total), rank, position, row))
    chosen.sort(key=lambda c: c[:3])
    return [
        {"no": str(n), "event": plural(str(row.get("event", "")).strip(), words),
         "due": due_text(row.get("due", ""), start, end),
         "form": plural(str(row.get("activity_form", "")).strip(), words),
         "owner": plural(str(row.get("owner", "")).strip(), words),
         "done": ""}
        for n, (_, _, _, row) in enumerate(chosen, start=1)
    ]
