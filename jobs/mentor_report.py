"""The mentor's final report (issue 19, item 4): the questionnaire «Итоговый отчёт наставника» →
the tab «Отчёты наставников» → section 9.1 of the programme.

Three halves, all pure (tabs as read in, rows and cell changes out):

- `report_changes` — what `ingest` writes for new responses: one row per mentor and pair (an
  answer given again for the same pair, or the same response edited, updates that row); the pair
  is found by `find_pair`: on «Пары», the pairs whose «E-mail наставника» is the respondent's
  address; of several, the one whose mentees the answer names (by e-mail or by name, in any case
  and order, as «Желаемый наставник» is read: `jobs.matching.preferred`). A report whose pair is
  not found is still stored, with the reason in «Сообщение» and no «ID пары».
- `check_reports` — what `validate` writes: «ID пары» and «Сообщение» of every row found again
  against «Пары» as it is now (a pair added later links an earlier report), and the lines naming
  sheet, row, column, the value and the fix. Nothing else of a row is ever changed, and no row
  is removed.
- `mentor_report_text` — the text of section 9.1 for `orders`: the latest report on the pair from
  its mentor, one paragraph per answered question under its label; "" when there is none (the
  programme keeps its line to write on).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from sheets_schema import ru, vocabulary
from sheets_schema.grid import TableData
from sheets_schema.parsing import clean, normalise_choice, split_multi
from sheets_schema.questionnaires import MENTOR_REPORT_FORM, Response, cell_values, normalise_email
from sheets_schema.tables import MENTOR_REPORTS, PAIRS
from sync.workspace import CellChange
from jobs.matching.preferred import resolve_all
from jobs.runlog import TIME_FORMAT

STOPPED = normalise_choice(vocabulary.PAIR_STATUS_STOPPED)
PARTS = ("report_done", "report_results", "report_overcome", "report_remaining", "report_recommendations")


@dataclass(frozen=True)
class PairPeople:
    """A pair of «Пары» as the report needs it: its mentor and mentees (folded e-mails, names)."""

    pair_id: str
    mentor: str
    mentees: tuple[str, ...]
    names: tuple[str, ...]  # the mentees' names where known, aligned with `mentees` ("" unknown)
    stopped: bool


def pair_people(pairs: TableData, mentees: TableData | None = None) -> list[PairPeople]:
    """The pairs of «Пары» with their mentees' names: from «Наставляемые» by e-mail, else from
    the pair's «ФИО наставляемых» when it lists as many names as there are e-mails."""
    bank: dict[str, str] = {}
    if mentees is not None and mentees.ok:
        for _, rec in sorted(mentees.records.items()):
            email, name = normalise_email(rec.get("email", "")), clean(rec.get("full_name", ""))
            if email and name:
                bank.setdefault(email, name)
    out = []
    for _, rec in sorted(pairs.records.items()) if pairs.ok else ():
        pair_id = clean(rec.get("pair_id", ""))
        if not pair_id:
            continue
        emails = tuple(normalise_email(e) for e in split_multi(rec.get("mentee_emails", "")))
        listed = [clean(n) for n in str(rec.get("mentee_names", "") or "").split(",") if clean(n)]
        named = listed if len(listed) == len(emails) else [""] * len(emails)
        out.append(PairPeople(pair_id, normalise_email(rec.get("mentor_email", "")), emails,
                              tuple(bank.get(e, n) for e, n in zip(emails, named)),
                              normalise_choice(rec.get("status", "")) == STOPPED))
    return out


def _header(key: str) -> str:
    return MENTOR_REPORTS.column(key).header


def find_pair(pairs: Sequence[PairPeople], email: str, mentees_text: str) -> tuple[str, str]:
    """(pair id, "") of the report of `email` naming `mentees_text`, or ("", the problem: column,
    value, what is wrong and the fix — the text of the row's «Сообщение»)."""
    t = ru.MENTOR_REPORT
    who = normalise_email(email)
    mine = [p for p in pairs if who and p.mentor == who]
    if not mine:
        return "", t["not_mentor"].format(column=_header("email"), email=clean(email) or "—", pairs=PAIRS.title,
                                          mentor_column=PAIRS.column("mentor_email").header)
    text = clean(mentees_text)
    if not text:
        live = [p for p in mine if not p.stopped] or mine
        if len(live) == 1:
            return live[0].pair_id, ""
        return "", t["choose_pair"].format(column=_header("report_mentees"), email=clean(email),
                                           pairs=", ".join(p.pair_id for p in live))
    bank = list(dict.fromkeys((n, e) for p in mine for e, n in zip(p.mentees, p.names)))
    resolution = resolve_all([text], bank)[0]
    named = {bank[i][1] for i in resolution.indices}
    holding = [p for p in mine if named and named <= set(p.mentees)] or [p for p in mine if named & set(p.mentees)]
    if resolution.kind == "found" and holding:
        best = [p for p in holding if not p.stopped] or holding
        return best[-1].pair_id, ""
    if resolution.kind == "ambiguous":
        candidates = ", ".join(f"{bank[i][0]} ({bank[i][1]})" for i in resolution.candidates)
        return "", t["mentee_ambiguous"].format(column=_header("report_mentees"), value=text, candidates=candidates)
    listed = "; ".join(f"{p.pair_id}: " + ", ".join(n or e for e, n in zip(p.mentees, p.names)) for p in mine)
    return "", t["mentee_unknown"].format(column=_header("report_mentees"), value=text, email=clean(email),
                                          mentees=listed, pairs=PAIRS.title)


def _message(problem: str) -> str:
    return problem[:1].upper() + problem[1:] if problem else ""


def _key(email: str, pair_id: str, mentees_text: str) -> tuple[str, str]:
    return normalise_email(email), pair_id or "#" + normalise_choice(mentees_text)


def report_changes(data: TableData, pairs: TableData, mentees: TableData | None, responses: Iterable[Response]
                   ) -> tuple[list[tuple[CellChange, Response]], list[dict[str, str]], list[str]]:
    """What `ingest` writes on «Отчёты наставников» for new responses: cell updates of rows
    already there (with the response each is for), rows to append, and the lines for the run's
    «Журнал» row naming reports whose pair was not found (module docstring)."""
    people = pair_people(pairs, mentees)
    existing: dict[tuple[str, str], int] = {}
    for at, rec in sorted(data.records.items()):
        existing[_key(rec.get("email", ""), clean(rec.get("pair_id", "")), rec.get("report_mentees", ""))] = at
    updates: list[tuple[CellChange, Response]] = []
    pending: dict[tuple[str, str], dict[str, str]] = {}
    lines: list[str] = []
    for response in responses:
        values = cell_values(MENTOR_REPORT_FORM, response)
        pair_id, problem = find_pair(people, response.email, values.get("report_mentees", ""))
        submitted = response.submitted.strftime(TIME_FORMAT)
        row = {**values, "submitted": submitted, "pair_id": pair_id, "message": _message(problem)}
        if problem:
            lines.append(ru.MENTOR_REPORT["ingest_line"].format(email=clean(response.email) or "—",
                                                                submitted=submitted, message=problem))
        key = _key(response.email, pair_id, values.get("report_mentees", ""))
        if key in existing:
            at = existing[key]
            for column, value in row.items():
                if column in data.positions and data.records[at].get(column, "") != value:
                    updates.append((CellChange(data.refs[at], column, value), response))
        else:
            pending.setdefault(key, {}).clear()
            pending[key].update(row)
    return updates, list(pending.values()), lines


@dataclass
class ReportCheck:
    """What `validate` found on «Отчёты наставников»: cell changes and the lines to show."""

    changes: list[CellChange] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    total: int = 0
    linked: int = 0
    problems: int = 0

    def summary(self) -> str:
        return ru.MENTOR_REPORT["summary"].format(tab=MENTOR_REPORTS.title, total=self.total, linked=self.linked,
                                                  problems=self.problems)


def check_reports(data: TableData, pairs: TableData, mentees: TableData | None) -> ReportCheck:
    """Every report row found again against «Пары» as it is now: «ID пары» and «Сообщение» set
    where they differ, and a line per row with a problem (sheet, row, column, value, fix)."""
    check = ReportCheck()
    if not data.ok or not pairs.ok:
        return check
    people = pair_people(pairs, mentees)
    for at, rec in sorted(data.records.items()):
        email = clean(rec.get("email", ""))
        if not email and not any(clean(rec.get(k, "")) for k in PARTS):
            continue
        check.total += 1
        pair_id, problem = find_pair(people, email, rec.get("report_mentees", ""))
        check.linked += bool(pair_id)
        if problem:
            check.problems += 1
            check.lines.append(ru.MENTOR_REPORT["row_line"].format(tab=MENTOR_REPORTS.title, row=at, message=problem))
        for column, value in (("pair_id", pair_id), ("message", _message(problem))):
            if clean(rec.get(column, "")) != value:
                check.changes.append(CellChange(data.refs[at], column, value))
    return check


def _moment(text: object) -> dt.datetime:
    try:
        return dt.datetime.strptime(clean(text), TIME_FORMAT)
    except ValueError:
        return dt.datetime.min


def mentor_report_text(data: TableData, pair_id: str, mentor_email: str) -> str:
    """Section 9.1 of the pair's programme: its mentor's latest report on it (the latest
    «Отметка времени»; of equal ones, the later row), one paragraph per answered question under its
    label — what `programme_fill(..., mentor_report=)` takes; "" when there is none."""
    if not data.ok or not pair_id:
        return ""
    mentor = normalise_email(mentor_email)
    rows = [(_moment(rec.get("submitted", "")), at, rec) for at, rec in sorted(data.records.items())
            if clean(rec.get("pair_id", "")) == pair_id and normalise_email(rec.get("email", "")) == mentor
            and any(clean(rec.get(k, "")) for k in PARTS)]
    if not rows:
        return ""
    rec = max(rows, key=lambda r: (r[0], r[1]))[2]
    t = ru.MENTOR_REPORT
    return "\n".join(t["part"].format(label=t["part_" + key.removeprefix("report_")], text=clean(rec.get(key, "")))
                     for key in PARTS if clean(rec.get(key, "")))


__all__ = ["PARTS", "PairPeople", "ReportCheck", "check_reports", "find_pair", "mentor_report_text", "pair_people",
           "report_changes"]
