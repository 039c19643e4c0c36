"""`completion`: a pair whose term has run out is «завершена» (issue 19, item 4).

Every night (a step of `nightly`) each row of «Пары» whose status is live — «утверждена» or
«закреплена приказом» — and whose «Окончание» has passed (the end day itself is still the
pair's) gets the status «завершена». A status staff set is never touched: only those two live
statuses are changed, and the row is found again by its content at write time
(`Workspace.commit`), so a row staff edited since the read is left for the next night.

The coordinator ends a pair early by choosing «прекращена» (or «завершена») and writing why in
«Причина завершения»; a «прекращена» without a reason is reported (sheet, row, column, what to
do) — nothing is changed for it. An «Окончание» that is not a date is reported too and the
pair's status stays as it is. A night with nothing to end and nothing to say writes nothing (no
«Журнал» row either: one read is the step's whole cost). ``dry_run`` decides the same and writes
nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from sheets_schema import ru, vocabulary
from sheets_schema.grid import StructureProblem
from sheets_schema.parsing import clean, normalise_choice
from sheets_schema.tables import LOG, PAIRS
from sync.errors import EXIT_OK, EXIT_STRUCTURE
from sync.workspace import CellChange, ChangeSet, Workspace
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


def complete_pairs(workspace: Workspace, now: dt.datetime | None = None, dry_run: bool = False,
                   clock: Callable[[], dt.datetime] = dt.datetime.now) -> CompletionResult:
    """Set «завершена» on live pairs past their «Окончание»; report early ends without a reason."""
    started = now or clock()
    today = started.date()
    result = CompletionResult(started=started, finished=started, dry_run=dry_run)
    tables = workspace.read([PAIRS, LOG])
    pairs = tables[PAIRS.key]
    if not pairs.ok:
        result.structure += pairs.problems
    changes = ChangeSet()
    e = ru.EVALUATION
    for row, rec in sorted(pairs.records.items()) if pairs.ok else ():
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
            changes.updates.append(CellChange(pairs.refs[row], "status", FINISHED))
            result.ended.append((pair, f"{end:%d.%m.%Y}"))
    result.finished = clock() if now is None else now
    if dry_run:
        return result
    if tables[LOG.key].ok and (result.ended or result.notes or result.structure):  # a quiet night writes nothing
        changes.append(LOG, log_row("completion", started, result.finished, result.outcome,
                                    result.lines(), result.counts()))
    if changes:
        report = workspace.commit(changes)
        lost = {ref.row_at_read for ref in report.rows_lost}
        if lost:  # edited by staff since the read: looked at again the next night
            result.ended = [e for e, row in zip(result.ended, _rows(changes)) if row not in lost]
    return result


def _rows(changes: ChangeSet) -> list[int]:
    return [c.ref.row_at_read for c in changes.updates]


__all__ = ["CompletionResult", "complete_pairs", "end_date"]
