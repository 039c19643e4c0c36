"""A programme's plan from «Каталог мероприятий»: the rows of its difficulties, with dates.

«Срок» in the catalog is a month of the programme — ``1``, ``2–3`` — turned into calendar
months from the programme's start (``декабрь 2026``, ``январь – февраль 2027``); a month past
the programme's end becomes its last month; «последний» is the last month; «весь срок» the whole
period; any other text is copied as it is.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Mapping, Sequence

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sheets_schema.templates import GENERAL
from jobs.terms import add_months

_MONTHS = re.compile(r"^(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?$")


def months_between(start: dt.date, end: dt.date) -> int:
    """How many calendar months the period touches (at least 1)."""
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


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
    first, last = add_months(start.replace(day=1), low - 1), add_months(start.replace(day=1), high - 1)
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


def plan_rows(difficulties: Sequence[str], catalog: Iterable[Mapping[str, str]],
              start: dt.date, end: dt.date) -> list[dict[str, str]]:
    """The plan of a programme: general rows and the rows of each difficulty, by month."""
    wanted = {normalise_header(d): i for i, d in enumerate(difficulties)}
    general = normalise_header(GENERAL)
    total = months_between(start, end)
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
        {"no": str(n), "event": str(row.get("event", "")).strip(),
         "due": due_text(row.get("due", ""), start, end),
         "form": str(row.get("activity_form", "")).strip(), "owner": str(row.get("owner", "")).strip(),
         "done": ""}
        for n, (_, _, _, row) in enumerate(chosen, start=1)
    ]
