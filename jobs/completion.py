"""`completion`: a pair whose term has run out is «завершена» (issue 19, item 4).

Every night (a step of `nightly`) each row of «Пары» whose status is live — «утверждена» or
«закреплена приказом» — and whose «Окончание» has passed (the end day itself is still the
pair's) gets the status «завершена». A status staff set is never touched: only those two live
statuses are changed, and the row is found again by its content at write time
(`Workspace.commit`), so a row staff edited since the read is left for the next night.

The coordinator ends a pair early by choosing «прекращена» (or «завершена») and writing why in
«Причина завершения»; a «прекращена» without a reason is reported (sheet, row, column, what to
do) — nothing is changed for it. An «Окончание» that is not a date is reported too and the
pair's status stays as it is. A night with nothing to end and nothing to say writes no «Журнал»
row. ``dry_run`` decides the same and writes nothing.

At night this runs inside `jobs.monitor` (issue 19): `decide` is pure, and monitor's one read of
«Пары» and its one commit carry the statuses and this step's own «Журнал» row (`journal_row`), so
the step costs no request of its own; `complete_pairs` is the same on its own read and commit.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.grid import StructureProblem, TableData
from sheets_schema.parsing import clean, normalise_choice
from sheets_schema.tables import LOG, PAIRS
from sync.errors import EXIT_OK, EXIT_STRUCTURE
from sync.workspace import CellChange, ChangeSet, CommitReport, Workspace
from jobs.result import Counts
from jobs.runlog import log_row

LIVE = frozenset(normalise_choice(s) for s in (vocabulary.PAIR_STATUS_APPROVED, vocabulary.PAIR_STATUS_ORDERED))
FINISHED = vocabulary.PAIR_STATUS_FINISHED
STOPPED = normalise_choice(vocabulary.PAIR_STATUS_STOPPED)
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def end_date(text: str) -> dt.date | None:
    """«Окончание» as a date (ДД.ММ.ГГГГ or ISO, as the backends give it); None if it is none.

    Not `parsing.parse_date`: an end date lies in the future by nature."""
    s = clean(text)
    m = _DMY.match(s)
    parts = (int(m[3]), int(m[2]), int(m[1])) if m else None
    if parts is None:
        iso = _ISO.match(s)
        parts = (int(iso[1]), int(iso[2]), int(iso[3])) if iso else None
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


@dataclass
class CompletionResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    ended: list[tuple[str, str]] = field(default_factory=list)  # (pair id, its end) set to «завершена»
    notes: list[str] = field(default_factory=list)  # what staff should fix (row messages)
    structure: list[StructureProblem] = field(default_factory=list)
    changes: list[CellChange] = field(default_factory=list)  # «Статус» of each ended pair, as `ended`

    @property
    def exit_code(self) -> int:
        return EXIT_STRUCTURE if self.structure else EXIT_OK

    @property
    def outcome(self) -> str:
        return "structure" if self.structure else "ok"

    def counts(self) -> Counts:
        return Counts(total=len(self.ended) + len(self.notes), ok=len(self.ended), error=len(self.notes))

    def lines(self) -> list[str]:
        e = ru.EVALUATION
        out = [p.message for p in self.structure]
        out += [e["completion_finished"].format(pair=p, end=end) for p, end in self.ended]
        out += self.notes
        out.append(e["completion_summary"].format(finished=len(self.ended), problems=len(self.notes)))
        if self.dry_run:
            out.append(e["completion_dry_run"])
        return out


def decide(pairs: TableData, started: dt.datetime, dry_run: bool = False) -> CompletionResult:
    """What the night does to «Пары» as read (pure): the live pairs past their «Окончание» and
    their «Статус» cells (`CompletionResult.changes`), the rows staff should fix (`notes`)."""
    today = started.date()
    result = CompletionResult(started=started, finished=started, dry_run=dry_run)
    if not pairs.ok:
        result.structure += pairs.problems
        return result
    e = ru.EVALUATION
    for row, rec in sorted(pairs.records.items()):
        pair = clean(rec.get("pair_id", "")) or f"#{row}"
        status = normalise_choice(rec.get("status", ""))
        reason = clean(rec.get("end_reason", ""))
        if status == STOPPED and not reason and "end_reason" in pairs.positions:
            result.notes.append(e["no_reason"].format(row=row, pair=pair))
            continue
        if status not in LIVE or not clean(rec.get("end", "")):
            continue
        end = end_date(rec.get("end", ""))
        if end is None:
            result.notes.append(e["bad_end"].format(row=row, value=clean(rec.get("end", "")), pair=pair))
            continue
        if end < today:
            result.changes.append(CellChange(pairs.refs[row], "status", FINISHED))
            result.ended.append((pair, f"{end:%d.%m.%Y}"))
    return result


def ended_rows(result: CompletionResult) -> set[int]:
    """The sheet rows (as read) of the pairs `result` ends."""
    return {c.ref.row_at_read for c in result.changes}


def with_statuses(pairs: TableData, result: CompletionResult) -> pd.DataFrame:
    """«Пары» as read with the ended pairs' «Статус» already «завершена» — what the other figures
    of the night count (`jobs.monitor`), as they would after this step's own commit."""
    rows = ended_rows(result)
    if not rows or "status" not in pairs.frame.columns:
        return pairs.frame
    frame = pairs.frame.copy()
    frame.loc[sorted(rows), "status"] = FINISHED
    return frame


def journal_row(result: CompletionResult) -> dict[str, str] | None:
    """The step's «Журнал» row; None on a quiet night (nothing ended, nothing to say)."""
    if not (result.ended or result.notes or result.structure):
        return None
    return log_row("completion", result.started, result.finished, result.outcome, result.lines(), result.counts())


def settle(result: CompletionResult, report: CommitReport) -> None:
    """After the commit: a pair whose row staff edited since the read was not ended (the next
    night looks at it again) and leaves `ended`."""
    lost = {ref.row_at_read for ref in report.rows_lost if ref.table == PAIRS.key}
    if lost:
        kept = [(e, c) for e, c in zip(result.ended, result.changes) if c.ref.row_at_read not in lost]
        result.ended, result.changes = [e for e, _ in kept], [c for _, c in kept]


def complete_pairs(workspace: Workspace, now: dt.datetime | None = None, dry_run: bool = False,
                   clock: Callable[[], dt.datetime] = dt.datetime.now) -> CompletionResult:
    """Set «завершена» on live pairs past their «Окончание»; report early ends without a reason.
    Its own read and commit (the night does the same inside `jobs.monitor`)."""
    started = now or clock()
    tables = workspace.read([PAIRS, LOG])
    result = decide(tables[PAIRS.key], started, dry_run)
    result.finished = clock() if now is None else now
    if dry_run:
        return result
    changes = ChangeSet()
    changes.updates += result.changes
    row = journal_row(result)
    if tables[LOG.key].ok and row is not None:
        changes.append(LOG, row)
    if changes:
        settle(result, workspace.commit(changes))
    return result


__all__ = ["CompletionResult", "complete_pairs", "decide", "end_date", "ended_rows", "journal_row", "settle",
           "with_statuses"]
