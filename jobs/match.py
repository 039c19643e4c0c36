"""`match`: approve what the coordinator approved, then propose the best pairs for the rest.

One run, one commit:

1. **Approval** (`jobs.approval.approve`): every «утверждено» row of «Предложения» not yet on
   «Пары» becomes a «Пары» row; a proposal already on «Пары» is never added twice.
2. **Proposals** (`jobs.matching.propose_pairs`) for the mentees with status OK who have no
   active pair and no approved proposal, with the mentors with status OK and free places.
3. **Writing «Предложения»**: «утверждено» and «отклонено» rows are never touched; each mentee's
   open row («предложено» / «нет пары») is updated in place; open rows of people who no longer
   need one (consent withdrawn, pair approved) are cleared or reused; the rest are appended.

The result says what changed since the last run (new, changed, dropped, unchanged).
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.grid import StructureProblem, TableData
from sheets_schema.parsing import clean
from sheets_schema.rules import BankCheck, Limits
from sheets_schema.tables import LOG, MENTEES, MENTORS, PAIRS, PROPOSALS, TRAINING
from sync.errors import EXIT_OK
from sync.workspace import CellChange, ChangeSet, CommitReport, StructureError, Workspace
from jobs.config import MatchingSettings
from jobs.approval import Approval, approve, local_rows, network_holds, next_number
from jobs.matching import MatchOutcome, propose_pairs
from jobs.matching import rules
from jobs.matching.reasons import T, points
from jobs.result import Counts
from jobs.runlog import log_row
from jobs.training import TrainingCheck, check_training, trained_emails
from jobs.validate import check_banks

log = logging.getLogger("nastavnik.match")

DATE = "%d.%m.%Y"
STAMP = "%d.%m.%Y %H:%M"
PROPOSAL_VALUES = ("mentee_email", "mentee_name", "mentor_email", "mentor_name", "group", "score", "reasons",
                   "alternatives")
CLOSED = {vocabulary.PROPOSAL_STATUS_APPROVED, vocabulary.PROPOSAL_STATUS_REJECTED}


@dataclass
class Changes:
    """Mentee e-mails whose open proposal is new, changed (mentor or status), dropped, unchanged."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@dataclass
class MatchResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    outcome: MatchOutcome | None = None
    approval: Approval = field(default_factory=Approval)
    changes: Changes = field(default_factory=Changes)
    cohort: int = 0
    group_time_limit: float = 0.0
    commit: CommitReport = field(default_factory=CommitReport)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: a tab that cannot be read raises `StructureError` (exit 1) before a result exists;
        mentees left without a pair are reported, not a failure."""
        return EXIT_OK

    def counts(self) -> Counts:
        return Counts(total=self.cohort, ok=None if self.outcome is None else self.outcome.proposed)

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.approval.rows:
            out.append(T["summary_approved"].format(count=len(self.approval.rows), ids=", ".join(self.approval.ids)))
        out.extend(self.approval.notes)
        if self.outcome is not None:
            o = self.outcome
            out.append(T["summary"].format(cohort=self.cohort, proposed=o.proposed, unmatched=o.unmatched,
                                           total=points(o.total)))
            if o.proved and o.frame["group"].astype(bool).any():
                out.append(T["summary_group_optimal"])
            elif o.proved:
                out.append(T["summary_optimal"])
            else:
                out.append(T["summary_group_limit"].format(seconds=f"{self.group_time_limit:g}", total=points(o.total),
                                                           bound=points(o.bound or 0)))
        c = self.changes
        out.append(T["summary_changes"].format(new=len(c.new), changed=len(c.changed), dropped=len(c.dropped),
                                               unchanged=len(c.unchanged)))
        out.extend(self.notes)
        if self.dry_run:
            out.append(T["dry_run"])
        return out


# --- reading «Предложения» ----------------------------------------------------------------------
def proposal_rows(data: TableData) -> pd.DataFrame:
    """Rows of «Предложения» as read, with normalised e-mails and status ("" if not a status)."""
    frame = data.frame.copy()
    for key in [c.key for c in PROPOSALS.columns]:
        if key not in frame.columns:
            frame[key] = ""
    frame["mentee_email"] = [clean(x).casefold() for x in frame["mentee_email"]]
    frame["mentor_email"] = [clean(x).casefold() for x in frame["mentor_email"]]
    frame["status"] = [rules.status_of(x, ru.PROPOSAL_STATUSES) for x in frame["status"]]
    return frame


# --- the job ------------------------------------------------------------------------------------
def _ok(check: BankCheck) -> pd.DataFrame:
    typed = check.typed
    return typed[typed["status"] == ru.STATUS_OK].copy()


def _not_ok(check: BankCheck) -> pd.DataFrame:
    """Rows of a bank that take no part (status «Ошибка», «Нет согласия»…), with their status."""
    typed = check.typed
    def given(column: str) -> pd.Series:  # a cell with an error is NA in the typed frame
        return typed[column].map(lambda e: isinstance(e, str) and bool(e.strip())).astype(bool)

    rows = typed[(typed["status"] != ru.STATUS_OK) & (given("email") | given("full_name"))].copy()
    rows["email"] = [e if isinstance(e, str) else "" for e in rows["email"]]
    return rows


def _trained(mentors: pd.DataFrame, training: TrainingCheck) -> list[bool]:
    """«Trained» per mentor row: «да» in the bank's column or a valid training on «Обучение
    наставников», a stale one there overriding the «да» (`jobs.training.trained_emails`)."""
    emails = [e.casefold() if isinstance(e, str) else "" for e in mentors["email"]]
    said = [_yes(t) for t in mentors["trained"]] if "trained" in mentors.columns else [False] * len(emails)
    trained = trained_emails({e for e, yes in zip(emails, said) if yes}, training)
    return [e in trained for e in emails]


def _yes(value: object) -> bool:
    """A typed «да/нет» cell: True only for a real yes (NA — an invalid or empty cell — is no)."""
    try:
        return bool(value is not None and not pd.isna(value) and value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _log_proof(outcome: MatchOutcome) -> None:
    """The proof of optimality goes to the log; the coordinator reads a plain sentence."""
    if not outcome.proved:
        return
    if outcome.frame["group"].astype(bool).any():
        log.info(T["log_group_optimal"])
    else:
        log.info(T["log_optimal"].format(candidates=outcome.candidates, rounds=outcome.rounds))


def _structure(tables: dict[str, TableData]) -> list[StructureProblem]:
    return [p for t in (MENTEES, MENTORS, PROPOSALS, PAIRS) for p in tables[t.key].problems]


def match(workspace: Workspace, settings: MatchingSettings, now: dt.datetime, dry_run: bool = False,
          limits: Limits = Limits(), progress: Callable[[str, int, int], None] | None = None) -> MatchResult:
    """Approve, propose and write «Предложения» (and «Пары», «Журнал») in one commit. `progress`
    is told each of the three parts before it starts (issue 21, `jobs.cli.progress`)."""
    def tell(part: str, number: int) -> None:
        if progress is not None:
            progress(ru.TEXT[part], number, 3)

    tell("progress_match_read", 1)
    tables = workspace.read([MENTEES, MENTORS, PROPOSALS, PAIRS, LOG, TRAINING])
    problems = _structure(tables)
    if problems:
        raise StructureError(problems)
    today = now.date()
    result = MatchResult(started=now, finished=now, dry_run=dry_run, group_time_limit=settings.group_time_limit)
    checks = check_banks({t.key: tables[t.key] for t in (MENTEES, MENTORS)}, today, limits)
    mentees, mentors = _ok(checks["mentees"]), _ok(checks["mentors"])
    mentors["trained"] = _trained(mentors, check_training(tables[TRAINING.key], tables[MENTORS.key], today,
                                                          settings.training_valid_years))
    every = proposal_rows(tables[PROPOSALS.key])
    proposals = local_rows(every)  # network rows: jobs.municipal.network
    pairs = rules.pair_rows(tables[PAIRS.key].frame)

    result.approval = approve(proposals, pairs, mentees, mentors, settings, today)
    new_pairs = pd.DataFrame([
        {"row": None, "pair_id": r["pair_id"], "mentor_email": r["mentor_email"],
         "mentees": rules.split_emails(r["mentee_emails"]), "status": r["status"]}
        for r in result.approval.rows
    ], columns=pairs.columns)
    pairs_now = pd.concat([pairs, new_pairs], ignore_index=True) if len(new_pairs) else pairs
    load = rules.active_load(pairs_now)
    held, waiting = network_holds(every, pairs_now)  # a network proposal approved here (issue 20)
    load = {e: load.get(e, 0) + held.get(e, 0) for e in {*load, *held}}
    pinned = rules.paired_mentees(pairs_now) | set(proposals.loc[proposals["status"] == vocabulary.PROPOSAL_STATUS_APPROVED, "mentee_email"])
    pinned |= waiting
    cohort = mentees[~mentees["email"].isin(pinned)]
    mentors["free"] = rules.free_places(mentors, load).to_numpy()
    forbidden = rules.forbidden_pairs(proposals, pairs_now)
    closed_groups = proposals.loc[proposals["status"].isin(CLOSED), "group"]
    tell("progress_match_solve", 2)
    outcome = propose_pairs(cohort, mentors, settings, forbidden, next_number(closed_groups, r"(\d+)"),
                            unavailable=_not_ok(checks["mentors"]))
    _log_proof(outcome)
    result.outcome, result.cohort = outcome, len(cohort)

    tell("progress_match_write", 3)
    changes = ChangeSet()
    for row in result.approval.rows:
        changes.append(PAIRS, row)
    _write_proposals(changes, tables[PROPOSALS.key], proposals, outcome, now, result.changes)
    result.finished = now
    if tables[LOG.key].ok:
        changes.append(LOG, log_row("match", result.started, result.finished, "ok", result.lines(),
                                    result.counts()))
    if not dry_run:
        result.commit = workspace.commit(changes)
        lost = len(result.commit.rows_lost)
        if lost:
            result.notes.append(ru.TEXT["row_changed"].format(tab=PROPOSALS.title, count=lost))
    return result


def _write_proposals(changes: ChangeSet, data: TableData, proposals: pd.DataFrame, outcome: MatchOutcome,
                     now: dt.datetime, summary: Changes) -> None:
    open_rows: dict[str, list[int]] = {}
    for row, r in proposals.iterrows():
        if r["status"] not in CLOSED:
            open_rows.setdefault(r["mentee_email"], []).append(row)
    stamp = now.strftime(STAMP)
    wanted = {r["mentee_email"]: r for r in outcome.frame.to_dict("records")}
    columns = [c.key for c in PROPOSALS.columns if c.key in data.positions]
    free_rows: list[int] = []
    for email, rows in sorted(open_rows.items()):
        if email not in wanted:
            summary.dropped.append(email)
            free_rows.extend(rows)
        else:
            free_rows.extend(rows[1:])
    free_rows.sort()
    appended: list[dict[str, str]] = []
    for email, new in wanted.items():
        values = {k: str(new[k]) for k in PROPOSAL_VALUES}
        values["status"] = new["status"]
        kept = open_rows.get(email)
        if kept:
            row = kept[0]
            old = data.records[row]
            before = (proposals.at[row, "status"], proposals.at[row, "mentor_email"])
            (summary.unchanged if before == (new["status"], new["mentor_email"]) else summary.changed).append(email)
            differs = any(old.get(k, "") != v for k, v in values.items() if k in data.positions)
            if differs:
                values["updated"] = stamp
            _set(changes, data, row, values, columns)
            continue
        summary.new.append(email)
        values.update(coordinator_comment="", updated=stamp)
        if free_rows:
            _set(changes, data, free_rows.pop(0), values, columns)
        else:
            appended.append(values)
    for row in free_rows:
        _set(changes, data, row, {}, columns, clear=True)
    for values in appended:
        changes.append(PROPOSALS, values)


def _set(changes: ChangeSet, data: TableData, row: int, values: dict[str, str], columns: list[str],
         clear: bool = False) -> None:
    ref = data.refs[row]
    for key in columns:
        if clear:
            changes.updates.append(CellChange(ref, key, ""))
        elif key in values:
            changes.updates.append(CellChange(ref, key, values[key]))


__all__ = ["match", "MatchResult", "Changes", "proposal_rows"]
