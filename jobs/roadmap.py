"""`roadmap`: keep «Дорожная карта» true every night — what the data shows started or done, and
what is overdue.

Each event row is recognised by its «Код (автоотметка)» (``ru.ROADMAP_TEXTS["codes"]``; `init`
fills them in for every default event, and this job fills a blank code cell of a default event a
workspace made by an earlier version holds — recognised by its stage number and text, the old
texts too, `sheets_schema.roadmap.default_event_code`). Staff may put a code on an event of their
own; an event staff reworded without a code is left alone rather than guessed at.

The code's rule (`jobs.roadmap_marks`: the table of codes and thresholds) gives a mark —
«запланировано», «в работе» or «выполнено» with its figure; the status written is the mark, or
«просрочено» when «Срок» has passed (the due day itself is still on time) and the mark is not
«выполнено». A row without a code (or whose data could not be read) is only checked for being
overdue.

**Whose status it is.** The job writes a status only where it is the tool's own: blank,
«запланировано» or «просрочено» (the seeded and the overdue values), or the very status the tool
recorded in the row's «Подтверждение» when it last wrote one — the line «Автоотметка «в работе»:
Пары: 12 из 37 наставляемых (32%)» at the end of the cell (staff text above it is kept); without
that line (an earlier version wrote none), the status the job last wrote for the event as its
«Журнал» rows tell («Дорожная карта, этап 6: «…» — запланировано → выполнено (…)»). A status a
person set differs from that record and is never changed, nor its «Подтверждение». So marks are
reversible while staff have not edited the status: a «выполнено» the tool set — an earlier
version on one monitoring answer too — goes back to «в работе» when the data is below the
threshold.

The banks are checked afresh (`jobs.validate.check_banks`), not trusted from their «Статус» cells.
Every column of the roadmap belongs to staff, so each row is found again by its whole content at
write time: a row staff edited since the read is skipped and looked at again the next night.
``dry_run`` computes the same changes and writes nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import StructureProblem, TableData, normalise_header
from sheets_schema.roadmap import default_event_code
from sheets_schema.rules import Limits
from sheets_schema.tables import BANKS, LOG, MENTEES, MENTORS, MONITORING, PAIRS, PROPOSALS, ROADMAP, TRAINING
from sync.errors import EXIT_OK, EXIT_STRUCTURE, NastavnikError
from sync.workspace import CellChange, ChangeSet, CommitReport, Workspace
from jobs.documents.texts import ru_text, ru_texts
from jobs.result import NO_COUNTS, Counts
from jobs.roadmap_marks import (
    FAR_FUTURE, Mark, RoadmapData, Thresholds, answers_of, bank_of, consistent, mark, pairs_of, proposed_of,
    publications_of,
)
from jobs.runlog import log_row
from jobs.training import DEFAULT_YEARS, training_check_of
from jobs.validate import check_banks

PLANNED, IN_PROGRESS = vocabulary.ROADMAP_STATUS_PLANNED, vocabulary.ROADMAP_STATUS_IN_PROGRESS
DONE, OVERDUE = vocabulary.ROADMAP_STATUS_DONE, vocabulary.ROADMAP_STATUS_OVERDUE
TOOL_DEFAULTS = ("", PLANNED, OVERDUE)  # statuses that are the tool's without a record


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
    changes: list[RoadmapChange] = field(default_factory=list)  # statuses
    writes: list[CellChange] = field(default_factory=list)  # every cell: statuses, «Подтверждение», codes
    codes_filled: list[str] = field(default_factory=list)  # lines: a code written into a blank cell
    marks: dict[int, Mark | None] = field(default_factory=dict)  # row → what the data says
    total: int = 0
    done: int = 0  # after this run
    in_progress: int = 0
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
                                                           in_progress=self.in_progress, changed=len(self.changes))

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        out = [p.message for p in self.problems] + [self.summary()] + [c.line() for c in self.changes]
        out += self.codes_filled + self.notes
        if self.dry_run:
            out.append(ru_text(ru.ROADMAP_TEXTS, "dry_run"))
        return out


def _norm(text: object) -> str:
    return normalise_header(text)


def event_code(record: dict[str, str]) -> str | None:
    """The code key of a roadmap row: from «Код (автоотметка)», else stage number + default text
    (as seeded now or by an earlier version)."""
    codes = {_norm(text): key for key, text in ru_texts(ru.ROADMAP_TEXTS, "codes").items()}
    code = _norm(record.get("code", ""))
    if code:
        return codes.get(code)
    return default_event_code(record.get("stage_no", ""), record.get("event", ""))


def _status(text: str) -> str:
    value, _ = parsing.parse_choice(text, ru.ROADMAP_STATUSES) if text.strip() else (None, None)
    return value or text.strip()


# --- the tool's line in «Подтверждение» -----------------------------------------------------------
def _auto_pattern() -> re.Pattern[str]:
    template = ru_text(ru.ROADMAP_TEXTS, "auto_line")
    head, rest = template.split("{status}")
    middle, tail = rest.split("{figure}")
    return re.compile(re.escape(head) + r"(?P<status>.+?)" + re.escape(middle) + r"(?P<figure>.*)" + re.escape(tail) + "$")


AUTO = _auto_pattern()


def auto_line(status: str, figure: str) -> str:
    return ru_text(ru.ROADMAP_TEXTS, "auto_line").format(status=status, figure=figure)


def split_evidence(text: str) -> tuple[str, str | None]:
    """«Подтверждение» as (staff text, the status the tool recorded or None): the tool's line is
    the cell's last line when it matches `auto_line`."""
    lines = str(text or "").rstrip().split("\n")
    found = AUTO.match(lines[-1].strip()) if lines else None
    if not found:
        return str(text or "").strip(), None
    return "\n".join(lines[:-1]).strip(), _status(found["status"])


def _change_pattern() -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", ru_text(ru.ROADMAP_TEXTS, "change"))
    pattern = ""
    for i, part in enumerate(parts):
        pattern += re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
    return re.compile(pattern + "$")


CHANGE = _change_pattern()


def journal_statuses(log: TableData) -> dict[tuple[str, str], str]:
    """(stage number, event) → the status the roadmap job last wrote, from its «Журнал» rows (the
    record of the statuses an earlier version set without a line in «Подтверждение»)."""
    last: dict[tuple[str, str], str] = {}
    if not log.ok:
        return last
    job = ru.JOBS["roadmap"]
    for _, record in sorted(log.records.items()):
        if record.get("job", "").strip() != job:
            continue
        for line in str(record.get("details", "")).split("\n"):
            found = CHANGE.match(line.strip())
            if found:
                last[(found["stage_no"].strip(), _norm(found["event"]))] = _status(found["new"])
    return last


def tool_owns(status: str, recorded: str | None) -> bool:
    """Whether the job may change this status (see the module docstring)."""
    return status == recorded if recorded is not None else status in TOOL_DEFAULTS


# --- planning ---------------------------------------------------------------------------------------
def _due(record: dict[str, str], row: int, notes: list[str]) -> dt.date | None:
    text = record.get("due", "").strip()
    if not text:
        return None
    due, problem = parsing.parse_date(text, FAR_FUTURE)
    if problem or due is None:
        notes.append(ru_text(ru.ROADMAP_TEXTS, "bad_due").format(row=row, value=text))
        return None
    return due


def row_marks(roadmap: TableData, data: RoadmapData, thresholds: Thresholds = Thresholds()) -> dict[int, Mark | None]:
    """Row → the mark of its event (None: no code, or no data), consistent across rows."""
    raw: dict[int, tuple[str | None, Mark | None]] = {}
    for row, record in sorted(roadmap.records.items()):
        code = event_code(record)
        staff, _ = split_evidence(record.get("evidence", ""))
        due, _problem = parsing.parse_date(record.get("due", "").strip(), FAR_FUTURE) if record.get("due", "").strip() \
            else (None, None)
        raw[row] = (code, mark(code, data, due, staff, thresholds))
    return consistent(raw)


def plan_changes(roadmap: TableData, marks: Mapping[int, Mark | None], today: dt.date,
                 journal: Mapping[tuple[str, str], str] | None = None,
                 ) -> tuple[list[RoadmapChange], list[CellChange], list[str], list[str]]:
    """(status changes, every cell to write, lines of codes filled in, notes) — pure. `journal`:
    the statuses the job wrote before, by (stage number, event) (`journal_statuses`)."""
    changes: list[RoadmapChange] = []
    writes: list[CellChange] = []
    filled: list[str] = []
    notes: list[str] = []
    has_evidence, has_code = "evidence" in roadmap.positions, "code" in roadmap.positions
    codes = ru_texts(ru.ROADMAP_TEXTS, "codes")
    for row, record in sorted(roadmap.records.items()):
        ref = roadmap.refs[row]
        stage_no, event = record.get("stage_no", ""), record.get("event", "")
        default = default_event_code(stage_no, event)
        if has_code and default and not record.get("code", "").strip():
            writes.append(CellChange(ref, "code", codes[default]))
            filled.append(ru_text(ru.ROADMAP_TEXTS, "code_filled").format(stage_no=stage_no, event=event, code=codes[default]))
        old = record.get("status", "")
        status = _status(old)
        evidence = record.get("evidence", "")
        staff, recorded = split_evidence(evidence) if has_evidence else ("", None)
        written = recorded if recorded is not None else (journal or {}).get((stage_no.strip(), _norm(event)))
        due = _due(record, row, notes)
        if not tool_owns(status, written):
            continue
        m = marks.get(row)
        late = due is not None and due < today
        overdue_reason = ru_text(ru.ROADMAP_TEXTS, "reason_overdue").format(due=due.strftime("%d.%m.%Y")) if due else ""
        if m is None:  # no rule, or its data unread: only overdue
            if late and status not in (DONE, OVERDUE):
                changes.append(RoadmapChange(row, stage_no, event, old, OVERDUE, overdue_reason))
                writes.append(CellChange(ref, "status", OVERDUE))
            continue
        new = DONE if m.state == DONE else OVERDUE if late else m.state
        reason = f"{overdue_reason}; {m.figure}" if new == OVERDUE else m.figure
        if new != status:
            changes.append(RoadmapChange(row, stage_no, event, old, new, reason))
            writes.append(CellChange(ref, "status", new))
        line = auto_line(new, m.figure)
        if has_evidence and (new != status or written is not None):  # keep the record and the figure true
            text = f"{staff}\n{line}" if staff else line
            if text != evidence:
                writes.append(CellChange(ref, "evidence", text))
    return changes, writes, filled, notes


# --- the job ----------------------------------------------------------------------------------------
def _documents(workspace: Workspace, settings: Mapping[str, Any] | None, notes: list[str]
               ) -> tuple[frozenset[str] | None, dict[str, str]]:
    """The keys (and names) of the documents nastavnik made; None when they cannot be listed."""
    try:
        found = workspace.documents(settings or {}).existing()
    except (NastavnikError, OSError, NotImplementedError) as exc:
        notes.append(ru_text(ru.ROADMAP_TEXTS, "documents_unread").format(reason=exc))
        return None, {}
    return frozenset(found), {key: doc.name for key, doc in found.items()}


def gather(tables: Mapping[str, TableData], today: dt.date, limits: Limits = Limits(),
           documents: frozenset[str] | None = None, names: Mapping[str, str] | None = None,
           training_years: int = DEFAULT_YEARS) -> RoadmapData:
    """What every rule reads, from the tabs as read (a tab with problems gives None; a workspace
    without «Обучение наставников» gives no training data: the bank's column decides)."""
    checks = check_banks({t.key: tables[t.key] for t in BANKS}, today, limits)
    return RoadmapData(
        today=today,
        mentees=bank_of(checks.get(MENTEES.key)),
        mentors=bank_of(checks.get(MENTORS.key), mentors=True),
        pairs=pairs_of(tables[PAIRS.key]),
        proposed=proposed_of(tables[PROPOSALS.key]),
        answers=answers_of(tables[MONITORING.key]),
        publications=publications_of(tables[LOG.key]),
        documents=documents,
        document_names=dict(names or {}),
        training=training_check_of(tables, today, training_years) if TRAINING.key in tables else None,
    )


def update_roadmap(
    workspace: Workspace,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    limits: Limits = Limits(),
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    *,
    documents: Mapping[str, Any] | None = None,
    thresholds: Thresholds = Thresholds(),
    training_years: int = DEFAULT_YEARS,
) -> RoadmapResult:
    """Mark the events from the data and the overdue ones (see the module docstring).

    `documents` are the document store's settings (`DocumentSettings.store_settings`; None — the
    defaults), read to find the implementation order. One read and ONE commit (the cells and a
    «Журнал» row); nothing is written on a dry run.
    """
    started = now or clock()
    today = started.date()
    tables = workspace.read([*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP, LOG, TRAINING])
    result = RoadmapResult(started=started, finished=started, dry_run=dry_run)
    roadmap = tables[ROADMAP.key]
    result.problems.extend(roadmap.problems)
    if roadmap.ok:
        keys, names = _documents(workspace, documents, result.notes)
        data = gather(tables, today, limits, keys, names, training_years)
        result.marks = row_marks(roadmap, data, thresholds)
        result.changes, result.writes, result.codes_filled, notes = plan_changes(
            roadmap, result.marks, today, journal_statuses(tables[LOG.key]))
        result.notes = notes + result.notes
    new_status = {c.row: c.new for c in result.changes}
    statuses = [new_status.get(row, _status(r.get("status", ""))) for row, r in roadmap.records.items()]
    result.total, result.done = len(statuses), statuses.count(DONE)
    result.in_progress, result.overdue = statuses.count(IN_PROGRESS), statuses.count(OVERDUE)
    result.finished = clock() if now is None else now
    if dry_run:
        return result
    changes = ChangeSet()
    changes.updates.extend(result.writes)
    if tables[LOG.key].ok:
        changes.append(LOG, log_row("roadmap", started, result.finished, result.outcome, result.lines(), result.counts()))
    result.commit = workspace.commit(changes)
    lost = {ref.row_at_read for ref in result.commit.rows_lost if ref.table == ROADMAP.key}
    if lost:
        result.changes = [c for c in result.changes if c.row not in lost]
        result.notes.append(ru_text(ru.ROADMAP_TEXTS, "rows_changed").format(count=len(lost)))
    return result


__all__ = ["RoadmapChange", "RoadmapResult", "auto_line", "event_code", "gather", "journal_statuses", "plan_changes",
           "row_marks", "split_evidence", "tool_owns", "update_roadmap"]
