"""`roadmap`: keep «Дорожная карта» true every night — overdue items, and what the data proves done.

Two rules, applied to every event row in ONE commit:

- **done from the data** — an event the data proves done becomes ``выполнено``:

  ============================  =======================================================
  event (code)                  proven when
  ============================  =======================================================
  банк наставляемых             the mentee bank has a row that passes validation with consent
  банк наставников              the mentor bank has such a row
  пары                          «Пары» has a pair or group that is not «прекращена»
  приказы о парах               a pair is «закреплена приказом» (or has its order filled)
  программы                     every pair that is not «прекращена» has a programme link
  мониторинг                    «Мониторинг» holds at least one response
  ============================  =======================================================

  An event is recognised by its «Код (автоотметка)» cell (the Russian codes in
  ``ru.ROADMAP_TEXTS["codes"]``; `init` fills them in, and staff may put a code on an event of
  their own). Where the column is absent (a workspace made before it existed) or the cell is
  blank, the default event is recognised by its stage number together with its default text
  (compared ignoring case, spaces and ё/е) — so an event staff reworded without a code is left
  alone rather than guessed at.
- **overdue** — an event whose «Срок» has passed (the due day itself is still on time) and
  whose status is not ``выполнено`` becomes ``просрочено``.

A status is never taken back from ``выполнено``, and nothing else on the tab is written. The
banks are checked afresh (`jobs.validate.check_banks`), not trusted from their «Статус» cells.
Every column of the roadmap belongs to staff, so each row is found again by its whole content at
write time: a row staff edited since the read (a new status, a moved date) is skipped and looked
at again the next night. ``dry_run`` computes the same changes and writes nothing.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable
from dataclasses import dataclass, field

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import StructureProblem, TableData, normalise_header
from sheets_schema.roadmap import DERIVED_EVENTS
from sheets_schema.rules import BankCheck, Limits
from sheets_schema.tables import BANKS, LOG, MONITORING, PAIRS, ROADMAP
from sync.workspace import CellChange, ChangeSet, CommitReport, Workspace
from jobs.documents.texts import ru_text, ru_texts
from jobs.result import NO_COUNTS, Counts
from jobs.runlog import log_row
from jobs.validate import check_banks

from sync.errors import EXIT_OK, EXIT_STRUCTURE
DONE, OVERDUE = vocabulary.ROADMAP_STATUS_DONE, vocabulary.ROADMAP_STATUS_OVERDUE
STOPPED, ORDERED = vocabulary.PAIR_STATUS_STOPPED, vocabulary.PAIR_STATUS_ORDERED
FAR_FUTURE = dt.date(9999, 12, 31)  # a roadmap date may lie ahead: parse without that check


@dataclass(frozen=True)
class RoadmapChange:
    """One status the job sets (or, on a dry run, would set)."""

    row: int
    stage_no: str
    event: str
    old: str
    new: str
    reason: str

    def line(self) -> str:
        t = ru.ROADMAP_TEXTS
        return ru_text(t, "change").format(stage_no=self.stage_no, event=self.event, old=self.old or ru_text(t, "blank_status"),
                                  new=self.new, reason=self.reason)


@dataclass
class RoadmapResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    changes: list[RoadmapChange] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # code key → why it is proven done
    total: int = 0
    done: int = 0  # after this run
    overdue: int = 0
    problems: list[StructureProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    commit: CommitReport = field(default_factory=CommitReport)

    @property
    def outcome(self) -> str:
        return "structure" if self.problems else "ok"

    @property
    def exit_code(self) -> int:
        return EXIT_STRUCTURE if self.problems else EXIT_OK

    def summary(self) -> str:
        return ru_text(ru.ROADMAP_TEXTS, "summary").format(total=self.total, done=self.done, overdue=self.overdue,
                                                  changed=len(self.changes))

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        out = [p.message for p in self.problems] + [self.summary()] + [c.line() for c in self.changes]
        out += self.notes
        if self.dry_run:
            out.append(ru_text(ru.ROADMAP_TEXTS, "dry_run"))
        return out


def _norm(text: object) -> str:
    return normalise_header(text)


def proven_done(checks: dict[str, BankCheck], pairs: TableData, monitoring: TableData) -> dict[str, str]:
    """Code key → the reason (Russian) for every derivable event the data proves done.

    `checks` are the banks' `BankCheck`s (a bank missing from it could not be read: nothing is
    concluded about it); `pairs` and `monitoring` as read (a tab with problems proves nothing).
    """
    t = ru.ROADMAP_TEXTS
    facts: dict[str, str] = {}
    for key, code in (("mentees", "mentee_bank"), ("mentors", "mentor_bank")):
        if key in checks:
            ok = checks[key].count(ru.STATUS_OK)
            if ok:
                facts[code] = ru_text(t, f"reason_{code}").format(count=ok)
    if pairs.ok:
        records = [r for r in pairs.records.values() if r.get("pair_id", "").strip()]
        live = [r for r in records if _norm(r.get("status")) != _norm(STOPPED)]
        if live:
            facts["pairs"] = ru_text(t, "reason_pairs").format(count=len(live))
        ordered = [r for r in live if _norm(r.get("status")) == _norm(ORDERED) or r.get("order", "").strip()]
        if ordered:
            facts["orders"] = ru_text(t, "reason_orders").format(count=len(ordered))
        if live and all(r.get("programme", "").strip() for r in live):
            facts["programmes"] = ru_text(t, "reason_programmes").format(count=len(live))
    if monitoring.ok:
        answered = [r for r in monitoring.records.values() if r.get("submitted", "").strip() or r.get("email", "").strip()]
        if answered:
            facts["monitoring"] = ru_text(t, "reason_monitoring").format(count=len(answered))
    return facts


def event_code(record: dict[str, str]) -> str | None:
    """The code key of a roadmap row: from «Код (автоотметка)», else stage number + default text."""
    codes = {_norm(text): key for key, text in ru_texts(ru.ROADMAP_TEXTS, "codes").items()}
    code = _norm(record.get("code", ""))
    if code:
        return codes.get(code)
    here = (record.get("stage_no", "").strip(), _norm(record.get("event", "")))
    for key, (stage_no, event) in DERIVED_EVENTS.items():
        if here == (stage_no, _norm(event)):
            return key
    return None


def _status(text: str) -> str:
    value, _ = parsing.parse_choice(text, ru.ROADMAP_STATUSES) if text.strip() else (None, None)
    return value or text.strip()


def plan_changes(roadmap: TableData, facts: dict[str, str], today: dt.date) -> tuple[list[RoadmapChange], list[str]]:
    """The status changes of every row (pure), and notes on dates that could not be read."""
    changes: list[RoadmapChange] = []
    notes: list[str] = []
    for row, record in sorted(roadmap.records.items()):
        old = record.get("status", "")
        status = _status(old)
        if status == DONE:
            continue
        code = event_code(record)
        if code in facts:
            changes.append(RoadmapChange(row, record.get("stage_no", ""), record.get("event", ""), old, DONE, facts[code]))
            continue
        due_text = record.get("due", "").strip()
        if not due_text:
            continue
        due, problem = parsing.parse_date(due_text, FAR_FUTURE)
        if problem or due is None:
            notes.append(ru_text(ru.ROADMAP_TEXTS, "bad_due").format(row=row, value=due_text))
            continue
        if due < today and status != OVERDUE:
            reason = ru_text(ru.ROADMAP_TEXTS, "reason_overdue").format(due=due.strftime("%d.%m.%Y"))
            changes.append(RoadmapChange(row, record.get("stage_no", ""), record.get("event", ""), old, OVERDUE, reason))
    return changes, notes


def update_roadmap(
    workspace: Workspace,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    limits: Limits = Limits(),
    clock: Callable[[], dt.datetime] = dt.datetime.now,
) -> RoadmapResult:
    """Mark overdue events and the events the data proves done (see the module docstring).

    One read and ONE commit (the statuses and a «Журнал» row); nothing is written on a dry run.
    """
    started = now or clock()
    today = started.date()
    tables = workspace.read([*BANKS, PAIRS, MONITORING, ROADMAP, LOG])
    result = RoadmapResult(started=started, finished=started, dry_run=dry_run)
    roadmap = tables[ROADMAP.key]
    result.problems.extend(roadmap.problems)
    checks = check_banks({t.key: tables[t.key] for t in BANKS}, today, limits)
    result.facts = proven_done(checks, tables[PAIRS.key], tables[MONITORING.key])
    if roadmap.ok:
        result.changes, result.notes = plan_changes(roadmap, result.facts, today)
    new_status = {c.row: c.new for c in result.changes}
    statuses = [new_status.get(row, _status(r.get("status", ""))) for row, r in roadmap.records.items()]
    result.total, result.done, result.overdue = len(statuses), statuses.count(DONE), statuses.count(OVERDUE)
    result.finished = clock() if now is None else now
    if dry_run:
        return result
    changes = ChangeSet()
    changes.updates.extend(CellChange(roadmap.refs[c.row], "status", c.new) for c in result.changes)
    if tables[LOG.key].ok:
        changes.append(LOG, log_row("roadmap", started, result.finished, result.outcome, result.lines(), result.counts()))
    result.commit = workspace.commit(changes)
    lost = {ref.row_at_read for ref in result.commit.rows_lost if ref.table == ROADMAP.key}
    if lost:
        result.changes = [c for c in result.changes if c.row not in lost]
        result.notes.append(ru_text(ru.ROADMAP_TEXTS, "rows_changed").format(count=len(lost)))
    return result


__all__ = ["RoadmapChange", "RoadmapResult", "event_code", "plan_changes", "proven_done", "update_roadmap"]
