"""Mentor training («Обучение наставников», stage 4 of the roadmap): rows checked, hours totalled,
training older than ``[matching] training_valid_years`` flagged. Pure: tabs as read in, verdicts
and cell changes out (`jobs.validate` reads the tab in the same batch as the banks and writes
what this module decides in its one commit).

A row names its mentor in «Наставник (ФИО или e-mail)» as people write — «Кузнецова Ольга
Ивановна», «Кузнецову О. И.», «kuznetsova@school.example» — recognised against «Наставники» like
the mentee's preferred mentor (`jobs.matching.preferred.resolve_all`). A row is «Ошибка» (and
counts for nothing) when its mentor is unknown, ambiguous or several, when «Курс / мероприятие»
is empty, when a date is not a date (or the end is before the start), or when «Часов» is not a
whole number from 1 to `MAX_HOURS`; the message names the column, the value and the fix.

What a mentor's rows give (rows with status OK, ended by today):

- **hours** — the sum of «Часов», written to «Обучение, часов» of their row on «Наставники»;
- **valid** — the latest training ended on or after the day `training_valid_years` years ago;
- **stale** — they have ended training, all of it older: a note in their «Сообщение» on
  «Наставники» (the row's status stays) and they do not count as trained, even with «да» in
  «Прошёл(ла) обучение для наставников» — the tab, when it holds the mentor, decides.

«Trained» for matching and the roadmap (`trained_emails`) is: a valid training on the tab, or
«да» in the bank's column for a mentor the tab does not show as stale.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from sheets_schema import parsing, ru
from sheets_schema.grid import TableData
from sheets_schema.rules import BankCheck, RowVerdict, quote
from sheets_schema.tables import MENTORS, TRAINING
from sync.workspace import CellChange
from jobs.matching.preferred import Resolution, resolve_all
from jobs.terms import add_months

MAX_HOURS = 2000
FAR_FUTURE = dt.date(9999, 12, 31)  # an end date may lie ahead: parsed without that check
DAY = "%d.%m.%Y"
DEFAULT_YEARS = 3


@dataclass(frozen=True)
class Record:
    """One row of «Обучение наставников» that passed the checks."""

    row: int
    email: str  # the mentor's e-mail as in «Наставники», folded
    end: dt.date
    hours: int


@dataclass
class TrainingCheck:
    """What the tab says: verdicts per row, and per mentor (folded e-mail) hours and validity."""

    data: TableData | None  # None: the tab could not be read
    verdicts: dict[int, RowVerdict] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)
    hours: dict[str, int] = field(default_factory=dict)
    latest: dict[str, dt.date] = field(default_factory=dict)  # the latest end of an ended training
    valid: frozenset[str] = frozenset()
    stale: frozenset[str] = frozenset()
    years: int = DEFAULT_YEARS
    cutoff: dt.date | None = None

    @property
    def errors(self) -> int:
        return sum(1 for v in self.verdicts.values() if v.status == ru.STATUS_ERROR)

    def summary(self) -> str:
        rows = [str(r) for r, v in sorted(self.verdicts.items()) if v.status == ru.STATUS_ERROR]
        line = ru.TRAINING["summary"].format(tab=TRAINING.title, total=len(self.verdicts), error=self.errors,
                                             trained=len(self.valid), stale=len(self.stale))
        return line + (ru.TRAINING["summary_rows"].format(rows=", ".join(rows)) if rows else "")


def cutoff(today: dt.date, years: int) -> dt.date:
    """The earliest end of a training that still counts on `today`."""
    return add_months(today, -12 * years)


def mentor_bank(mentors: TableData) -> list[tuple[str, str]]:
    """(full name, e-mail) of every named row of «Наставники», whatever its status."""
    return [(str(r.get("full_name", "")).strip(), str(r.get("email", "")).strip())
            for _, r in sorted(mentors.records.items()) if str(r.get("full_name", "")).strip()]


def _column(key: str) -> str:
    return TRAINING.column(key).header


def _who(text: str, resolution: Resolution, bank: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """The mentor's folded e-mail, or the problem's message."""
    column = _column("trainee")
    kind, indices, candidates = resolution.kind, resolution.indices, resolution.candidates
    if kind == "empty":
        return None, ru.TRAINING["empty"].format(column=column, fix=ru.TRAINING["fix_trainee"])
    if kind == "found" and len(indices) == 1:
        email = bank[indices[0]][1].casefold()
        if email:
            return email, None
    if kind == "found" or (kind != "ambiguous" and len(indices) > 1):
        return None, ru.TRAINING["several"].format(column=column, value=quote(text))
    names = ", ".join(bank[i][0] for i in candidates)
    if kind == "ambiguous":
        return None, ru.TRAINING["ambiguous"].format(column=column, value=quote(text), candidates=names)
    key = "unknown" if names else "unknown_far"
    return None, ru.TRAINING[key].format(column=column, value=quote(text), tab=MENTORS.title, nearest=names)


def _date(key: str, text: str) -> tuple[dt.date | None, str | None]:
    value, problem = parsing.parse_date(text, FAR_FUTURE)
    if problem is None:
        return value, None
    code = "date_too_old" if problem.code == "date_too_old" else "not_date"
    return None, ru.TRAINING[code].format(column=_column(key), value=quote(text))


def _hours(text: str) -> tuple[int, str | None]:
    if not text:
        return 0, None
    value, problem = parsing.parse_int(text, 1, MAX_HOURS)
    if problem is not None or value is None:
        return 0, ru.TRAINING["bad_hours"].format(column=_column("hours"), value=quote(text), high=MAX_HOURS)
    return value, None


def check_training(data: TableData | None, mentors: TableData, today: dt.date,
                   years: int = DEFAULT_YEARS) -> TrainingCheck:
    """Check every row of «Обучение наставников» against «Наставники» (see the module docstring).
    A tab that could not be read (`data` None or with problems) gives no verdicts and no training."""
    if data is None or not data.ok:
        return TrainingCheck(data=None, years=years, cutoff=cutoff(today, years))
    bank = mentor_bank(mentors)
    rows = sorted(data.records)
    texts = [parsing.clean(data.records[r].get("trainee", "")) for r in rows]
    resolutions = resolve_all(texts, bank) if bank else []
    check = TrainingCheck(data=data, years=years, cutoff=cutoff(today, years))
    for i, row in enumerate(rows):
        raw = data.records[row]
        text = texts[i]
        problems: list[str] = []
        notes: list[str] = []
        email: str | None
        problem: str | None
        if not bank or not text:
            email, problem = None, (ru.TRAINING["empty"].format(column=_column("trainee"), fix=ru.TRAINING["fix_trainee"])
                                    if not text else ru.TRAINING["unknown_far"].format(
                                        column=_column("trainee"), value=quote(text), tab=MENTORS.title, nearest=""))
        else:
            email, problem = _who(text, resolutions[i], bank)
        if problem:
            problems.append(problem)
        if not parsing.clean(raw.get("course", "")):
            problems.append(ru.TRAINING["empty"].format(column=_column("course"), fix=ru.TRAINING["fix_course"]))
        start_text, end_text = parsing.clean(raw.get("training_start", "")), parsing.clean(raw.get("training_end", ""))
        start, end = None, None
        if start_text:
            start, problem = _date("training_start", start_text)
            problems += [problem] if problem else []
        if not end_text:
            problems.append(ru.TRAINING["empty"].format(column=_column("training_end"), fix=ru.TRAINING["fix_end"]))
        else:
            end, problem = _date("training_end", end_text)
            problems += [problem] if problem else []
        if start and end and end < start:
            problems.append(ru.TRAINING["end_before_start"].format(
                column=_column("training_end"), value=quote(end_text), start=start.strftime(DAY)))
        hours, problem = _hours(parsing.clean(raw.get("hours", "")))
        problems += [problem] if problem else []
        if problems or email is None or end is None:  # no problem: both were read
            check.verdicts[row] = RowVerdict(row, ru.STATUS_ERROR, "\n".join(problems), problems)
            continue
        if end > today:
            notes.append(ru.TRAINING["date_ahead"].format(column=_column("training_end"), value=quote(end_text)))
        else:
            check.records.append(Record(row, email, end, hours))
        check.verdicts[row] = RowVerdict(row, ru.STATUS_OK, "\n".join(notes))
    for record in check.records:
        check.hours[record.email] = check.hours.get(record.email, 0) + record.hours
        if record.email not in check.latest or record.end > check.latest[record.email]:
            check.latest[record.email] = record.end
    limit = check.cutoff or today
    check.valid = frozenset(e for e, end in check.latest.items() if end >= limit)
    check.stale = frozenset(e for e, end in check.latest.items() if end < limit)
    return check


def trained_emails(bank_trained: Iterable[str], check: TrainingCheck) -> frozenset[str]:
    """Mentors (folded e-mails) who count as trained: a valid training on the tab, or «да» in the
    bank's column unless the tab shows their training as stale."""
    return frozenset((set(bank_trained) - check.stale) | check.valid)


def note_stale(mentors: BankCheck, check: TrainingCheck) -> None:
    """Add to the «Сообщение» of every mentor whose training is stale the note saying so (the
    row's status stays)."""
    if not check.stale:
        return
    for row, verdict in mentors.verdicts.items():
        email = str(mentors.data.records.get(row, {}).get("email", "")).strip().casefold()
        if email in check.stale:
            note = ru.TRAINING["stale"].format(end=check.latest[email].strftime(DAY), years=check.years,
                                               tab=TRAINING.title)
            verdict.message = "\n".join(m for m in (verdict.message, note) if m)


def hours_changes(mentors: TableData, check: TrainingCheck) -> list[CellChange]:
    """«Обучение, часов» of every mentor row: the total of their rows (empty when none); nothing
    when the tab or the column is missing (the upgrade adds them)."""
    if check.data is None or "training_hours" not in mentors.positions:
        return []
    out = []
    for row, raw in sorted(mentors.records.items()):
        email = str(raw.get("email", "")).strip().casefold()
        value = str(check.hours[email]) if email in check.hours else ""
        if row in mentors.refs:
            out.append(CellChange(mentors.refs[row], "training_hours", value))
    return out


def training_check_of(tables: Mapping[str, TableData], today: dt.date, years: int = DEFAULT_YEARS) -> TrainingCheck:
    """`check_training` of the tabs as read (the training tab may be absent from `tables`)."""
    return check_training(tables.get(TRAINING.key), tables[MENTORS.key], today, years)


__all__ = ["MAX_HOURS", "Record", "TrainingCheck", "check_training", "cutoff", "hours_changes", "mentor_bank",
           "note_stale", "trained_emails", "training_check_of"]
