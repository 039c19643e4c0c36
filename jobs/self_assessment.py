"""The mentee's self-assessment before and after the programme (issue 19, item 4).

Two halves:

- `assessment_changes` — what `ingest` writes for the questionnaire «Самооценка наставляемого»:
  one row of «Самооценка» per mentee and stage (an answer given again at the same stage updates
  its row), the pair found on «Пары» by the mentee's e-mail, and the stage told by the answer's
  date within the pair's term (`stage_of`: the first half is «начало», the second «окончание»), so
  the mentee answers one and the same form twice and nothing has to be chosen;
- `before_after` — the change per difficulty from mentees who answered at both stages (only
  those), with the number of such mentees, for «Итоги мониторинга» (exact: inside the workspace,
  like the monitoring figures), and for the report, where each mean is released by
  `jobs.disclosure` (none from fewer than ``[privacy] min_answers`` mentees, and as a band).

Pure: tables in, rows out.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.grid import TableData
from sheets_schema.parsing import clean, normalise_choice, split_multi
from sheets_schema.questionnaires import SELF_ASSESSMENT_FORM, Response, cell_values, normalise_email
from sync.workspace import CellChange, SummarySheet
from jobs.completion import end_date
from jobs.runlog import TIME_FORMAT

STOPPED = normalise_choice(vocabulary.PAIR_STATUS_STOPPED)


def difficulty_columns() -> list[tuple[str, str]]:
    """(difficulty, column key) for every difficulty of the vocabulary."""
    return [(d, ru.evaluation.self_key(d)) for d in ru.DIFFICULTIES]


@dataclass(frozen=True)
class PairTerm:
    pair_id: str
    mentees: tuple[str, ...]  # normalised e-mails
    start: dt.date | None
    end: dt.date | None
    stopped: bool


def pair_terms(pairs: TableData) -> list[PairTerm]:
    out = []
    for _, rec in sorted(pairs.records.items()) if pairs.ok else ():
        pair_id = clean(rec.get("pair_id", ""))
        if pair_id:
            out.append(PairTerm(pair_id, tuple(normalise_email(e) for e in split_multi(rec.get("mentee_emails", ""))),
                                end_date(rec.get("start", "")), end_date(rec.get("end", "")),
                                normalise_choice(rec.get("status", "")) == STOPPED))
    return out


def pair_of(terms: Sequence[PairTerm], email: str, day: dt.date) -> PairTerm | None:
    """The mentee's pair: of several, one not stopped whose term holds `day`, else the latest."""
    mine = [t for t in terms if email in t.mentees]
    live = [t for t in mine if not t.stopped] or mine
    holding = [t for t in live if t.start and t.end and t.start <= day <= t.end]
    found = holding or live
    return max(found, key=lambda t: t.start or dt.date.min) if found else None


def stage_of(term: PairTerm | None, day: dt.date) -> str:
    """«начало» in the first half of the pair's term (or before it), «окончание» in the second
    half or after; without a term, «начало»."""
    e = ru.EVALUATION
    if term is None or term.start is None or term.end is None:
        return e["stage_start"]
    middle = term.start + (term.end - term.start) / 2
    return e["stage_end"] if day >= middle else e["stage_start"]


def assessment_changes(data: TableData, pairs: TableData, responses: Iterable[Response]
                       ) -> tuple[list[tuple[CellChange, Response]], list[dict[str, str]]]:
    """What `ingest` writes on «Самооценка» for new responses: cell updates of rows already
    there (with the response each is for) and rows to append (module docstring)."""
    terms = pair_terms(pairs)
    existing: dict[tuple[str, str], int] = {}
    for at, rec in sorted(data.records.items()):
        existing.setdefault((normalise_email(rec.get("email", "")), normalise_choice(rec.get("assessment_stage", ""))), at)
    updates: list[tuple[CellChange, Response]] = []
    pending: dict[tuple[str, str], dict[str, str]] = {}
    for response in responses:
        email = normalise_email(response.email)
        term = pair_of(terms, email, response.submitted.date())
        stage = stage_of(term, response.submitted.date())
        row = {**cell_values(SELF_ASSESSMENT_FORM, response), "submitted": response.submitted.strftime(TIME_FORMAT),
               "pair_id": term.pair_id if term else "", "assessment_stage": stage,
               "message": "" if term else ru.EVALUATION["pair_not_found"].format(email=response.email)}
        key = (email, normalise_choice(stage)) if email else ("#" + response.response_id, "")
        if key in existing:
            at = existing[key]
            for column, value in row.items():
                if column in data.positions and data.records[at].get(column, "") != value:
                    updates.append((CellChange(data.refs[at], column, value), response))
        elif key in pending:
            pending[key].clear()
            pending[key].update(row)
        else:
            pending[key] = row
    return updates, list(pending.values())


# --- before / after --------------------------------------------------------------------------
@dataclass(frozen=True)
class BeforeAfter:
    """One difficulty: each mentee's (before, after) scores, from mentees with both."""

    difficulty: str
    pairs: tuple[tuple[float, float], ...]

    @property
    def answers(self) -> int:
        return len(self.pairs)

    @property
    def before(self) -> float | None:
        return sum(b for b, _ in self.pairs) / len(self.pairs) if self.pairs else None

    @property
    def after(self) -> float | None:
        return sum(a for _, a in self.pairs) / len(self.pairs) if self.pairs else None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


def _score(text: object) -> float | None:
    s = clean(text)
    if not s.lstrip("-").isdigit():
        return None
    value = int(s)
    return float(value) if 1 <= value <= 10 else None


def before_after(frame: pd.DataFrame, consented: Iterable[str] | None = None) -> list[BeforeAfter]:
    """Per difficulty of the vocabulary, the scores of mentees who rated it at both stages (the
    latest row of each stage counts); `consented` (normalised e-mails), when given, limits it to
    them — an answer of a person without consent is counted nowhere."""
    e = ru.EVALUATION
    start, end = normalise_choice(e["stage_start"]), normalise_choice(e["stage_end"])
    allowed = set(consented) if consented is not None else None
    by_person: dict[str, dict[str, Mapping[str, str]]] = {}
    for rec in frame.to_dict("records") if not frame.empty else ():
        email = normalise_email(rec.get("email", ""))
        stage = normalise_choice(rec.get("assessment_stage", ""))
        if email and stage in (start, end) and (allowed is None or email in allowed):
            by_person.setdefault(email, {})[stage] = rec
    out = []
    for difficulty, column in difficulty_columns():
        scores = []
        for stages in by_person.values():
            if start in stages and end in stages:
                b, a = _score(stages[start].get(column, "")), _score(stages[end].get(column, ""))
                if b is not None and a is not None:
                    scores.append((b, a))
        out.append(BeforeAfter(difficulty, tuple(scores)))
    return out


def summary_rows(items: Sequence[BeforeAfter]) -> list[list]:
    """The block of «Итоги мониторинга»: heading, header and one row per difficulty rated."""
    e = ru.EVALUATION

    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    rows: list[list] = [[e["before_after_heading"]],
                        [e["col_difficulty"], e["col_before"], e["col_after"], e["col_change"], e["col_answers"]]]
    rows += [[i.difficulty, r(i.before), r(i.after), r(i.change), i.answers] for i in items if i.answers]
    return rows


def self_analysis_text(data: TableData, mentee_emails: Iterable[str]) -> str:
    """The self-analysis the pair's mentees gave at the end (their latest «окончание» rows), one
    paragraph per mentee in the order given — what `programme_fill(..., self_analysis=)` takes
    when a programme is made again; "" when none answered."""
    end = normalise_choice(ru.EVALUATION["stage_end"])
    latest: dict[str, str] = {}
    for _, rec in sorted(data.records.items()) if data.ok else ():
        text = clean(rec.get("self_analysis", ""))
        if text and normalise_choice(rec.get("assessment_stage", "")) == end:
            latest[normalise_email(rec.get("email", ""))] = text
    return "\n\n".join(latest[e] for e in (normalise_email(m) for m in mentee_emails) if e in latest)


def consented_before_after(data: TableData, checks: Mapping[str, object]) -> list[BeforeAfter]:
    """`before_after` of «Самооценка» as read, from mentees whose bank row passes with consent
    (`checks`: `jobs.validate.check_banks`); nothing when the tab is missing or unreadable."""
    from jobs.charts.builders import consented_mentees

    if not data.ok:
        return []
    return before_after(data.frame, consented_mentees(checks.get("mentees")))  # type: ignore[arg-type]


def with_summary(sheet: SummarySheet, items: Sequence[BeforeAfter]) -> SummarySheet:
    """«Итоги мониторинга» with the before/after block at its end (unchanged when no mentee
    answered at both stages)."""
    block = summary_rows(items)
    if len(block) < 3:
        return sheet
    at = len(sheet.rows) + 1
    return replace(sheet, rows=[*sheet.rows, [], *block], bold=sheet.bold | {at, at + 1})


__all__ = ["consented_before_after", "self_analysis_text", "with_summary", "BeforeAfter", "PairTerm", "assessment_changes", "before_after", "difficulty_columns", "pair_of",
           "stage_of", "summary_rows"]
