"""The plan ticked off: each programme's plan as rows of «План мероприятий», and per pair how much
of it is done.

**The rows.** When `orders` makes a pair's programme it appends the programme's plan (the rows of
`jobs.documents.plan.plan_rows`, the same the document shows) to «План мероприятий» in the commit
that writes the «Пары» links (`plan_appends`). A pair that already has a row there gets none:
a rerun, or a programme made again, never duplicates the plan, and the marks staff put are never
touched. «Срок» is a date: the last day of the plan's month («январь – февраль 2027» → 28.02.2027),
the programme's end for «весь срок» and for any text that names no month.

A programme made before the tab existed gets its rows from the night (`jobs.plan_backfill`).

**The progress** (`evaluate`, run by `monitor` every night in its one read and its one commit):
per pair, *due* are the rows whose «Срок» is today or earlier, and any row marked «выполнено»
ahead of its «Срок» (so *done* never exceeds *due*); *done* are those marked «выполнено».
«Выполнение плана» on «Пары» reads «5 из 8 (62%)» (the percentage rounded down, as the roadmap's
figures); «Отставание от плана» is «да» when more than ``[roadmap] plan_behind_percent`` percent
(default 30) of the due rows are not done: (due − done) × 100 > percent × due. «перенесено» and
«не выполнено» count as not done. A pair without plan rows gets both cells blank.

**Bad rows** get a «Сообщение» (the sheet, the row, the column, what is wrong, how to fix it),
cleared once fixed: a mark outside the list («сделано»), a «Дата отметки» that is no date or lies
ahead, a «Срок» that is no date, an ID of no pair on «Пары». Such a row is not counted as done (an
unknown pair's row not at all); nothing staff typed is changed.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import TableData
from sheets_schema.tables import PAIRS, PLAN
from sync.workspace import CellChange
from jobs.documents.texts import ru_text

DONE = vocabulary.PLAN_MARK_DONE
DEFAULT_BEHIND_PERCENT = 30
FAR_FUTURE = dt.date(9999, 12, 31)  # a «Срок» lies ahead: parse it without the future check
_YEAR = re.compile(r"(\d{4})\s*$")
_DAY = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")


def _t(key: str) -> str:
    return ru_text(ru.PLAN_TEXTS, key)


# --- the rows a programme adds ---------------------------------------------------------------------
def due_date(text: str, end: dt.date) -> dt.date:
    """The date of a plan row's «Срок» as the programme states it (`jobs.documents.plan.due_text`):
    the last day of the last month named («январь – февраль 2027» → 28.02.2027), the last date
    named («01.09.2026 – 31.05.2027»), else the programme's end. Never after the end."""
    clean = " ".join(str(text or "").split())
    days = _DAY.findall(clean)
    if days:
        parsed, _ = parsing.parse_date(days[-1], FAR_FUTURE)
        if parsed is not None:
            return min(parsed, end)
    year = _YEAR.search(clean)
    if year:
        months = [m.casefold() for m in ru.DOCUMENTS["months"]]
        words = [w.casefold() for w in re.findall(r"[^\W\d_]+", clean)]
        named = [months.index(w) + 1 for w in words if w in months]
        if named:
            y, m = int(year[1]), named[-1]
            return min(dt.date(y, m, calendar.monthrange(y, m)[1]), end)
    return end


def tab_rows(pair_id: str, plan: Sequence[Mapping[str, str]], end: dt.date) -> list[dict[str, str]]:
    """The rows of «План мероприятий» for one programme's plan (`plan_rows`), «Срок» as a date."""
    return [{"pair_id": pair_id, "plan_no": str(row.get("no", "")), "event": str(row.get("event", "")),
             "due": f"{due_date(str(row.get('due', '')), end):%d.%m.%Y}",
             "activity_form": str(row.get("form", "")), "owner": str(row.get("owner", ""))}
            for row in plan]


def planned_pairs(plan: TableData) -> set[str]:
    """The IDs (casefolded) of the pairs that already have a row on «План мероприятий»."""
    return {parsing.clean(r.get("pair_id", "")).casefold() for r in plan.records.values()} - {""}


def plan_appends(plan: TableData, programmes: Mapping[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """Of `programmes` (pair ID → its tab rows), those of the pairs with no row on the tab yet."""
    have = planned_pairs(plan)
    return {pid: rows for pid, rows in programmes.items() if pid.casefold() not in have and rows}


# --- the progress ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PairProgress:
    pair_id: str
    due: int  # rows due by today, or done ahead of time
    done: int
    total: int  # every counted row of the plan
    complete_rows: int  # rows marked «выполнено», whatever their «Срок»

    def behind(self, percent: int) -> bool:
        return is_behind(self.due, self.done, percent)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.complete_rows == self.total

    def text(self) -> str:
        if not self.due:
            return _t("progress_none_due")
        return _t("progress").format(done=self.done, due=self.due, percent=self.done * 100 // self.due)


def is_behind(due: int, done: int, percent: int) -> bool:
    """More than `percent` % of the due rows are not done (compared exactly, in integers)."""
    return due > 0 and (due - done) * 100 > percent * due


@dataclass(frozen=True)
class RowVerdict:
    row: int
    pair_id: str  # as on «Пары» ('' when unknown)
    due: dt.date | None
    done: bool
    message: str


def check_row(row: int, record: Mapping[str, str], pairs: Mapping[str, str], today: dt.date) -> RowVerdict:
    """One row of «План мероприятий»: its pair, «Срок», whether it is done, and its message."""
    tab, headers = PLAN.title, ru.HEADERS
    messages: list[str] = []
    raw_pair = parsing.clean(record.get("pair_id", ""))
    pair_id = pairs.get(raw_pair.casefold(), "")
    if not raw_pair:
        messages.append(_t("no_pair").format(tab=tab, row=row, column=headers["pair_id"], pairs=PAIRS.title))
    elif not pair_id:
        messages.append(_t("unknown_pair").format(tab=tab, row=row, column=headers["pair_id"], value=raw_pair,
                                                  pairs=PAIRS.title))
    due: dt.date | None = None
    due_text = parsing.clean(record.get("due", ""))
    if due_text:
        due, problem = parsing.parse_date(due_text, FAR_FUTURE)
        if problem is not None:
            messages.append(_t("bad_due").format(tab=tab, row=row, column=headers["due"], value=due_text))
    mark_text = parsing.clean(record.get("plan_mark", ""))
    mark: str | None = None
    if mark_text:
        mark, _ = parsing.parse_choice(mark_text, vocabulary.PLAN_MARKS)
        if mark is None:
            messages.append(_t("bad_mark").format(tab=tab, row=row, column=headers["plan_mark"], value=mark_text,
                                                  choices="», «".join(vocabulary.PLAN_MARKS)))
    done = mark == DONE
    day_text = parsing.clean(record.get("plan_mark_date", ""))
    if day_text:
        day, problem = parsing.parse_date(day_text, FAR_FUTURE)
        if problem is not None or day is None:
            messages.append(_t("bad_mark_date").format(tab=tab, row=row, column=headers["plan_mark_date"],
                                                       value=day_text))
        elif day > today:
            messages.append(_t("future_mark_date").format(tab=tab, row=row, column=headers["plan_mark_date"],
                                                          value=f"{day:%d.%m.%Y}"))
            done = False
    return RowVerdict(row, pair_id, due, done, "\n".join(messages))


def progress_of(verdicts: Iterable[RowVerdict], today: dt.date) -> dict[str, PairProgress]:
    """Pair ID → its progress, from the checked rows (rows of unknown pairs left out)."""
    counts: dict[str, list[int]] = {}
    for v in verdicts:
        if not v.pair_id:
            continue
        c = counts.setdefault(v.pair_id, [0, 0, 0, 0])  # due, done, total, complete rows
        c[2] += 1
        c[3] += v.done
        if v.done or (v.due is not None and v.due <= today):
            c[0] += 1
            c[1] += v.done
    return {pid: PairProgress(pid, *c) for pid, c in counts.items()}


@dataclass
class PlanOutcome:
    """What `evaluate` found and what it writes (cells of «План мероприятий» and «Пары»)."""

    progress: dict[str, PairProgress] = field(default_factory=dict)
    changes: list[CellChange] = field(default_factory=list)
    messages: int = 0  # rows with a message
    behind_percent: int = DEFAULT_BEHIND_PERCENT
    active: frozenset[str] = frozenset()  # pairs not «прекращена»
    unreadable: str = ""  # the tab could not be read: why (nothing computed, nothing written)

    def counted(self) -> list[PairProgress]:
        return [p for pid, p in sorted(self.progress.items()) if pid in self.active]

    def figures(self) -> tuple[int, int, int, int]:
        """(pairs with a plan, on track, behind, plan complete) — pairs not «прекращена»."""
        pairs = self.counted()
        behind = sum(1 for p in pairs if p.behind(self.behind_percent))
        complete = sum(1 for p in pairs if p.complete)
        return len(pairs), len(pairs) - behind - complete, behind, complete

    def lines(self) -> list[str]:
        if self.unreadable:
            return [_t("tab_unreadable").format(reason=self.unreadable)]
        total, on_track, behind, complete = self.figures()
        out = [_t("summary").format(pairs=total, on_track=on_track, behind=behind, complete=complete)]
        if self.messages:
            out.append(_t("messages").format(count=self.messages))
        return out

    def summary_rows(self) -> list[list[str | int | None]]:
        """The block of «Итоги мониторинга»: heading, header, figures."""
        total, on_track, behind, complete = self.figures()
        pairs = self.counted()
        return [[_t("heading")], [_t("col_figure"), _t("col_pairs")],
                [_t("with_plan"), total], [_t("on_track"), on_track],
                [_t("behind").format(percent=self.behind_percent), behind], [_t("complete"), complete],
                [_t("rows_due"), sum(p.due for p in pairs)], [_t("rows_done"), sum(p.done for p in pairs)]]


def evaluate(plan: TableData, pairs: TableData, today: dt.date,
             behind_percent: int = DEFAULT_BEHIND_PERCENT, added: Sequence[Mapping[str, str]] = ()) -> PlanOutcome:
    """The progress of every pair and the cells to write: «Сообщение» of each plan row (set or
    cleared) and «Выполнение плана»/«Отставание от плана» of each pair — only cells that differ.
    `added`: rows the same commit appends below the tab's last row (`jobs.plan_backfill`), counted
    as if they were there already."""
    outcome = PlanOutcome(behind_percent=behind_percent)
    if not plan.ok or not pairs.ok:
        outcome.unreadable = "; ".join(p.message for p in (*plan.problems, *pairs.problems))
        return outcome
    known: dict[str, str] = {}
    active: set[str] = set()
    for record in pairs.records.values():
        pid = parsing.clean(record.get("pair_id", ""))
        if not pid:
            continue
        known.setdefault(pid.casefold(), pid)
        status, _ = parsing.parse_choice(record.get("status", ""), ru.PAIR_STATUSES)
        if status != vocabulary.PAIR_STATUS_STOPPED:
            active.add(pid)
    outcome.active = frozenset(active)
    verdicts = [check_row(row, record, known, today) for row, record in sorted(plan.records.items())]
    has_message = "message" in plan.positions
    for v in verdicts:
        outcome.messages += bool(v.message)
        if has_message and parsing.clean(plan.records[v.row].get("message", "")) != v.message:
            outcome.changes.append(CellChange(plan.refs[v.row], "message", v.message))
    appended = [check_row(plan.last_row + i, record, known, today) for i, record in enumerate(added, start=1)]
    outcome.messages += sum(bool(v.message) for v in appended)  # none for rows made from «Пары»
    outcome.progress = progress_of([*verdicts, *appended], today)
    for row, record in sorted(pairs.records.items()):
        pid = parsing.clean(record.get("pair_id", ""))
        found = outcome.progress.get(pid) if pid else None
        values = {"plan_progress": found.text() if found else "",
                  "plan_behind": (vocabulary.ANSWER_YES if found.behind(behind_percent) else vocabulary.ANSWER_NO)
                  if found else ""}
        for key, value in values.items():
            if key in pairs.positions and parsing.clean(record.get(key, "")) != value:
                outcome.changes.append(CellChange(pairs.refs[row], key, value))
    return outcome


__all__ = [
    "PairProgress", "PlanOutcome", "RowVerdict", "check_row", "due_date", "evaluate", "is_behind",
    "plan_appends", "planned_pairs", "progress_of", "tab_rows",
]
