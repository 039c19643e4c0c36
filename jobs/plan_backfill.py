"""Plan rows for the programmes made before «План мероприятий» existed (issue 19, item 2).

Since issue 19 `orders` appends a programme's plan to «План мероприятий» when it makes the
programme (`jobs.plan_progress.plan_appends`). A workspace upgraded from an earlier version has
programmes and an empty plan tab: the night gives each such pair the rows `orders` would have
written (`backfill`), in monitor's one read and one commit (`jobs.monitor`), so it costs no
request of its own, and then counts its progress like any other pair's.

**Which pairs.** A row of «Пары» with an ID, a link in «Программа (ППН)», a live status
(«утверждена», «закреплена приказом» — after tonight's completion, `jobs.completion`) and no row
of its ID on «План мероприятий». A pair that has any plan row gets none (so a second night adds
nothing, and rows staff ticked, moved or deleted in part are never topped up); a pair that ended
(«завершена», «прекращена») gets none either: its programme ran without the tab, and rows added
afterwards would only count it as behind a plan no one was asked to tick.

**The rows** are those of `jobs.documents.plan.plan_rows` — the catalog of the workspace
(«Каталог мероприятий», or the default one where it has none, as `orders` takes it), the
difficulties of the pair's mentees in the mentee bank as it is now (checked by
`jobs.validate.check_banks`, the list order kept, the «другое» text last), the pair's months from
its «Начало» and «Окончание» (which `orders` wrote when it made the programme; an «Окончание»
missing or not after the start is the term `jobs.terms.programme_end` gives, as `orders` does) —
through `jobs.plan_progress.tab_rows`, so «Срок» is a date. A pair without a start date gets no
rows and a message (sheet, row, column, how to fix); the next night tries again. Nothing is
added while the mentee bank, «Пары» or the plan tab cannot be read as they should: the rows are
written once and must not miss a difficulty.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import TableData
from sheets_schema.rules import BankCheck
from sheets_schema.tables import MENTEES, PAIRS, PLAN
from sheets_schema.templates import default_catalog_rows
from jobs.completion import end_date
from jobs.documents.fill import split_emails
from jobs.documents.plan import plan_rows
from jobs.documents.settings import parse_day
from jobs.documents.texts import ru_text
from jobs.plan_progress import planned_pairs, tab_rows
from jobs.result import Counts
from jobs.runlog import log_row
from jobs.terms import SchoolYear, programme_end

LIVE = frozenset(parsing.normalise_choice(s) for s in vocabulary.LIVE_PAIR_STATUSES)


@dataclass(frozen=True)
class PlanTerms:
    """What gives a pair's term when «Пары» has no «Окончание» (``[matching] programme_months``,
    ``[school] year_end``) — the settings `orders` uses."""

    months: int = 9
    year: SchoolYear = SchoolYear()


@dataclass
class Backfill:
    """The rows added tonight and the pairs that could not get theirs."""

    rows: list[dict[str, str]] = field(default_factory=list)  # to append to «План мероприятий»
    pairs: list[str] = field(default_factory=list)  # IDs of the pairs the rows are for
    notes: list[str] = field(default_factory=list)  # a pair left without rows: why, how to fix

    def lines(self) -> list[str]:
        out = []
        if self.rows:
            out.append(ru_text(ru.PLAN_TEXTS, "backfill_added").format(rows=len(self.rows), pairs=len(self.pairs)))
        return out + self.notes

    def counts(self) -> Counts:
        """«Журнал»: pairs found without a plan, those given one, those left with a message."""
        return Counts(total=len(self.pairs) + len(self.notes), ok=len(self.pairs), error=len(self.notes))

    def journal_row(self, started: dt.datetime, finished: dt.datetime) -> dict[str, str] | None:
        """Its own «Журнал» row on a night it added or has something to say; else None."""
        if not self.lines():
            return None
        return log_row("plan_backfill", started, finished, "ok", self.lines(), self.counts())


def mentee_difficulties(mentees: BankCheck | None) -> dict[str, list[str]]:
    """E-mail (casefolded) → the mentee's difficulties as `orders` puts them in a programme: the
    checked list of «Затруднения» in its order, then «Другое затруднение»; the first row of an
    address counts."""
    if mentees is None:
        return {}
    out: dict[str, list[str]] = {}
    for row, raw in mentees.data.records.items():
        email = parsing.clean(raw.get("email", "")).casefold()
        if not email or email in out:
            continue
        typed = mentees.typed.loc[row] if row in mentees.typed.index else {}
        listed = typed.get("difficulties")
        found = [str(d) for d in listed] if isinstance(listed, list) else [
            d.strip() for d in parsing.clean(raw.get("difficulties", "")).split(",") if d.strip()]
        out[email] = [*found, parsing.clean(raw.get("other_difficulty", ""))]
    return out


def _day(text: str) -> dt.date | None:
    """A date of «Пары» as `orders` reads it (ДД.ММ.ГГГГ…), or as a backend gives a date cell."""
    return (parse_day(text) or end_date(text)) if text else None


def _difficulties(emails: Sequence[str], known: Mapping[str, list[str]]) -> list[str]:
    seen: list[str] = []
    for email in emails:
        for d in known.get(email, []):
            if d and d not in seen:
                seen.append(d)
    return seen


def backfill(plan: TableData, pairs: TableData, checks: Mapping[str, BankCheck], catalog: TableData,
             terms: PlanTerms = PlanTerms(), ended: frozenset[int] | set[int] = frozenset()) -> Backfill:
    """The plan rows of the pairs with a programme and no row on «План мероприятий» (module
    docstring), pure. `ended`: rows of «Пары» whose pair tonight's completion ends."""
    result = Backfill()
    if not plan.ok or not pairs.ok or MENTEES.key not in checks:
        return result  # `plan_progress.evaluate` or the bank's problems say why; rows are written once
    have = planned_pairs(plan)
    items = list(catalog.records.values()) if catalog.ok else default_catalog_rows()
    known = mentee_difficulties(checks.get(MENTEES.key))
    seen: set[str] = set()
    for row, raw in sorted(pairs.records.items()):
        pid = parsing.clean(raw.get("pair_id", ""))
        if not pid or pid.casefold() in seen:
            continue
        seen.add(pid.casefold())
        live = parsing.normalise_choice(raw.get("status", "")) in LIVE and row not in ended
        if not live or not parsing.clean(raw.get("programme", "")) or pid.casefold() in have:
            continue
        start_text = parsing.clean(raw.get("start", ""))
        start = _day(start_text)
        if start is None:
            result.notes.append(ru_text(ru.PLAN_TEXTS, "backfill_no_start").format(
                tab=PAIRS.title, row=row, column=ru.HEADERS["start"], pair=pid, value=start_text, plan=PLAN.title))
            continue
        end = _day(parsing.clean(raw.get("end", "")))
        if end is None or end <= start:
            end = programme_end(start, terms.months, terms.year)
        end = min(end, terms.year.end_after(start))
        emails = split_emails(raw.get("mentee_emails", ""))
        plan_of = plan_rows(_difficulties(emails, known), items, start, end, group=len(emails) > 1)
        rows = tab_rows(pid, plan_of, end)
        if rows:
            result.rows += rows
            result.pairs.append(pid)
    return result


__all__ = ["Backfill", "PlanTerms", "backfill", "mentee_difficulties"]
