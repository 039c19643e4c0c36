"""`validate`: check both banks, write «Статус»/«Сообщение» per row, log the run in «Журнал».

Only the two service columns of a bank are ever written; rows are found again by content at
write time (see `sync.workspace`). A bank whose structure is broken (missing tab, renamed or
duplicated required column) gets no row status at all: nothing is written from a misread table.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

import pandas as pd
from dataclasses import dataclass, field, replace

from sheets_schema import ru
from sheets_schema.grid import StructureProblem, TableData
from sheets_schema.rules import BankCheck, Limits, check_bank
from sheets_schema.tables import BANKS, LOG, MENTEES, MENTORS, TRAINING
from sheets_schema.tables import MENTOR_REPORTS, PAIRS
from sync.workspace import CellChange, ChangeSet, CommitReport, StructureError, Workspace
from jobs.matching.preferred import resolve_all
from jobs.result import Counts
from jobs.training import DEFAULT_YEARS, TrainingCheck, check_training, hours_changes, note_stale
from jobs.runlog import log_row
from jobs.mentor_report import check_reports

from sync.errors import EXIT_OK, EXIT_STRUCTURE


@dataclass
class BankSummary:
    tab: str
    total: int = 0
    ok: int = 0
    error: int = 0
    no_consent: int = 0
    changed: int = 0  # cells whose value this run sets

    def line(self) -> str:
        return ru.TEXT["validate_summary"].format(
            tab=self.tab, total=self.total, ok=self.ok, error=self.error,
            no_consent=self.no_consent, changed=self.changed,
        )


@dataclass
class ValidateResult:
    started: dt.datetime
    finished: dt.datetime
    checks: dict[str, BankCheck] = field(default_factory=dict)
    summaries: list[BankSummary] = field(default_factory=list)
    problems: list[StructureProblem] = field(default_factory=list)
    commit: CommitReport = field(default_factory=CommitReport)
    notes: list[str] = field(default_factory=list)
    strict: bool = False  # row problems fail the run (--strict): set with with_strict

    @property
    def row_errors(self) -> int:
        return sum(s.error for s in self.summaries)

    def with_strict(self, strict: bool) -> ValidateResult:
        """This result read with `strict` (``--strict``): row problems then exit 1."""
        return replace(self, strict=strict)

    @property
    def exit_code(self) -> int:
        if self.problems or (self.strict and self.row_errors):
            return EXIT_STRUCTURE
        return EXIT_OK

    @property
    def outcome(self) -> str:
        if self.problems:
            return "structure"
        return "rows" if self.row_errors else "ok"

    def counts(self) -> Counts:
        return Counts(total=sum(s.total for s in self.summaries), ok=sum(s.ok for s in self.summaries),
                      error=self.row_errors, no_consent=sum(s.no_consent for s in self.summaries))

    def lines(self) -> list[str]:
        return [p.message for p in self.problems] + [s.line() for s in self.summaries] + self.notes


def status_changes(check: BankCheck) -> tuple[list[CellChange], int]:
    """Cell changes that bring «Статус»/«Сообщение» of every row in line with its verdict."""
    data = check.data
    changes: list[CellChange] = []
    differing = 0
    for row, verdict in sorted(check.verdicts.items()):
        ref = data.refs[row]
        for column, value in (("status", verdict.status), ("message", verdict.message)):
            changes.append(CellChange(ref, column, value))
            if data.value(row, column) != value:
                differing += 1
    for row, leftovers in sorted(data.stale.items()):  # content cleared by staff: clear its status
        for column, value in leftovers.items():
            changes.append(CellChange(data.refs[row], column, ""))
            differing += bool(value)
    return changes, differing


def check_banks(banks: dict[str, TableData], today: dt.date, limits: Limits) -> dict[str, BankCheck]:
    """Check every readable bank against the others (a person may be in one bank only)."""
    readable = [banks[t.key] for t in BANKS if banks[t.key].ok]
    return {
        data.table.key: check_bank(data, today, limits, [o for o in readable if o is not data])
        for data in readable
    }


def note_preferred(checks: dict[str, BankCheck]) -> None:
    """Add to a mentee row's «Сообщение» what its «Желаемый наставник» names nobody or several
    of the mentor bank (with the nearest names or the candidates); the row's status stays.

    Every named row of «Наставники» counts, whatever its status: a mentor with an error is still
    in the bank, and matching names the cause when it cannot propose them.
    """
    mentees, mentors = checks.get(MENTEES.key), checks.get(MENTORS.key)
    if mentees is None or mentors is None:
        return
    rows = sorted(mentees.verdicts)
    texts = [mentees.data.records[row].get("preferred_mentor", "") for row in rows]
    if not any(str(t).strip() for t in texts):
        return
    bank = [(raw.get("full_name", ""), raw.get("email", "")) for _, raw in sorted(mentors.data.records.items())
            if str(raw.get("full_name", "")).strip()]
    for row, resolution in zip(rows, resolve_all(texts, bank)):
        if resolution.message:
            verdict = mentees.verdicts[row]
            verdict.message = "\n".join(m for m in (verdict.message, resolution.message) if m)


def validate(
    workspace: Workspace,
    limits: Limits = Limits(),
    now: dt.datetime | None = None,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    training_years: int = DEFAULT_YEARS,
) -> ValidateResult:
    """Run the validation job on a workspace and return what it found and wrote (with
    «Обучение наставников», read in the same batch: `jobs.training`)."""
    started = now or clock()
    today = started.date()
    tables = workspace.read([*BANKS, LOG, TRAINING, PAIRS, MENTOR_REPORTS])
    banks = {t.key: tables[t.key] for t in BANKS}
    result = ValidateResult(started=started, finished=started)
    for t in BANKS:
        result.problems.extend(banks[t.key].problems)
    result.notes.extend(note for t in (*BANKS, LOG) for note in tables[t.key].notes)
    if len([t for t in BANKS if banks[t.key].ok]) < len(BANKS) and any(banks[t.key].ok for t in BANKS):
        broken = next(t for t in BANKS if not banks[t.key].ok)
        result.notes.append(ru.TEXT["tab_skipped_cross_check"].format(tab=broken.title))
    result.checks = check_banks(banks, today, limits)
    note_preferred(result.checks)
    training = _training(tables, result, today, training_years)

    changes = ChangeSet()
    if training is not None:  # issue 19: the training tab's statuses, the mentors' hours
        changes.updates.extend(status_changes(BankCheck(training.data, training.verdicts, pd.DataFrame()))[0]
                               if training.data is not None else [])
        changes.updates.extend(hours_changes(banks[MENTORS.key], training))
    # issue 19: the mentors' final reports found again against «Пары» («ID пары», «Сообщение»)
    reports = check_reports(tables[MENTOR_REPORTS.key], tables[PAIRS.key], tables[MENTEES.key])
    changes.updates.extend(reports.changes)
    if reports.total:
        result.notes += [*reports.lines, reports.summary()]
    for key, check in result.checks.items():
        cell_changes, differing = status_changes(check)
        changes.updates.extend(cell_changes)
        result.summaries.append(
            BankSummary(
                tab=check.table.title,
                total=len(check.verdicts),
                ok=check.count(ru.STATUS_OK),
                error=check.count(ru.STATUS_ERROR),
                no_consent=check.count(ru.STATUS_NO_CONSENT),
                changed=differing,
            )
        )
    result.finished = clock() if now is None else now
    if tables[LOG.key].ok:
        changes.append(
            LOG,
            log_row(
                "validate", started, result.finished, result.outcome, result.lines(), result.counts(),
            ),
        )
    else:
        result.problems.extend(tables[LOG.key].problems)
    result.commit = workspace.commit(changes)
    lost = len(result.commit.rows_lost)
    if lost:
        tabs = sorted({ref.table for ref in result.commit.rows_lost})
        for key in tabs:
            count = sum(1 for ref in result.commit.rows_lost if ref.table == key)
            result.notes.append(ru.TEXT["row_changed"].format(tab=ru.TABS[key], count=count))
    return result


def _training(tables: dict[str, TableData], result: ValidateResult, today: dt.date, years: int) -> TrainingCheck | None:
    """«Обучение наставников» checked against the mentor bank; stale training noted on «Наставники»."""
    mentors = result.checks.get(MENTORS.key)
    if mentors is None:
        return None
    data = tables[TRAINING.key]
    if not data.ok:
        result.notes.append(ru.TRAINING["missing"].format(tab=TRAINING.title, column=MENTORS.column("trained").header)
                            if not data.positions else "\n".join(p.message for p in data.problems))
    training = check_training(data, mentors.data, today, years)
    note_stale(mentors, training)
    if training.verdicts:
        result.notes.append(training.summary())
    return training


__all__ = ["validate", "ValidateResult", "BankSummary", "StructureError", "status_changes"]
