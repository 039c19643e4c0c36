"""The municipal night: every school's nightly, isolated, and one record of them all.

`run_municipal` runs `run_school` — one school's night as its own ``nastavnik nightly`` would
run it (its run lock, «Журнал», last-run.json; the CLI gives it, `jobs.cli.cmd_municipal`) — for
every school of a `MunicipalConfig`:

- local schools in parallel, up to ``[municipality] parallel`` at a time, each in a process of
  its own: reading and writing a workbook (openpyxl, pandas) is CPU work the GIL would serialise
  in threads, and a process is also the hardest wall between schools (a school's time zone and
  file-sharing group are process-wide settings). The processes are forked where the system can
  (`START_METHOD`): a forked worker starts with everything imported, a spawned one imports the
  whole program again — measured with benchmarks/municipal.py, 50 local schools of 150 staff on
  2 busy cores: 39 s one after another in this process, 55 s in 2 spawned processes, 29 s in 2
  forked ones;
- Google schools one after another in this process, through ONE Sheets limiter: every school
  signs in as the same user (the municipal ``[google]``), so their requests share that user's
  per-minute quota; they run while the local schools' processes work.

Isolation: `run_school` turns every failure of its school into its `SchoolOutcome`; a process
that dies is its school's crashed row; a school whose own config could not be read
(`BrokenSchool`) gets its row without running. The exit code is the worst school's.

After the schools: the municipal «Журнал» (`JOURNAL`, a CSV file in ``[municipality]
state_dir`` that Excel and LibreOffice open — UTF-8 with a byte-order mark, «;» between fields;
one row a school a run, appended, the file replaced whole so it is never half-written) and the
summary lines (`summary_lines`).
"""
from __future__ import annotations

import concurrent.futures
import csv
import datetime as dt
import io
import multiprocessing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sheets_schema import ru
from sync.errors import EXIT_WORKSPACE
from sync.personal_data import scrub
from sync.safe_files import private_dir, refuse_link, write_text
from jobs.municipal.config import BrokenSchool, MunicipalConfig, SchoolEntry
from jobs.run_record import iso, now

if TYPE_CHECKING:
    from sync.factory import RateLimiter

M = ru.MUNICIPAL
JOURNAL = "municipal-journal.csv"
#: How the local schools' processes start (see the module docstring): forked where possible, as
#: they start before any Google school opens a connection in this process.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
BOM = "\ufeff"


@dataclass
class SchoolOutcome:
    """How one school's night ended, as the municipal «Журнал» and summary tell it."""

    key: str
    name: str
    backend: str
    started: dt.datetime
    finished: dt.datetime
    exit_code: int
    outcome: str  # jobs.run_record.OUTCOMES
    reason: str = ""  # what went wrong, scrubbed ("" when all is well)
    requests: int = 0  # Sheets requests this school's night made (0 for a local school)
    lines: list[tuple[str, str]] = field(default_factory=list)  # ("out" | "err", line) it printed
    number: int = 0

    @property
    def seconds(self) -> float:
        return round((self.finished - self.started).total_seconds(), 3)


RunSchool = Callable[[SchoolEntry, "RateLimiter | None"], SchoolOutcome]


@dataclass
class MunicipalResult:
    name: str
    outcomes: list[SchoolOutcome]
    started: dt.datetime
    finished: dt.datetime
    requests: int = 0  # Sheets requests of all Google schools
    waited: float = 0.0  # seconds the shared limiter made them wait
    per_minute: int = 0
    journal: Path | None = None
    journal_error: str = ""

    @property
    def exit_code(self) -> int:
        return max((o.exit_code for o in self.outcomes), default=0)

    @property
    def seconds(self) -> float:
        return round((self.finished - self.started).total_seconds(), 3)


def broken_outcome(school: BrokenSchool) -> SchoolOutcome:
    """The row of a school whose config could not be read: it did not run."""
    moment = now()
    return SchoolOutcome(school.key, school.name, "", moment, moment, school.exit_code,
                         "config" if school.exit_code == 2 else "failed", scrub(school.reason), number=school.number)


def crashed_outcome(school: SchoolEntry, started: dt.datetime, error: BaseException) -> SchoolOutcome:
    """The row of a school whose run ended without an outcome (its process died, a bug)."""
    reason = M["school_crashed"].format(error=f"{type(error).__name__}: {error}")
    return SchoolOutcome(school.key, school.name, school.backend, started, now(), EXIT_WORKSPACE, "crashed",
                         scrub(reason), number=school.number)


def run_municipal(cfg: MunicipalConfig, run_school: RunSchool, *, limiter: "RateLimiter | None" = None,
                  on_done: Callable[[SchoolOutcome], None] | None = None,
                  parallel: int | None = None,
                  on_stop: Callable[[MunicipalResult], None] | None = None) -> MunicipalResult:
    """Every school's night (see the module docstring); `on_done` sees each school's outcome as
    it ends (the CLI prints the school's lines). `limiter`: the Sheets limiter of the Google
    schools (by default one of ``[google] requests_per_minute`` of the municipal file).
    `run_school` must be a module-level function when local schools run in processes.

    Stopped on the way (SIGTERM — `timeout` on the cron line, systemd stopping the unit — or
    Ctrl-C): the schools that ended keep their rows, every other school gets a row «прерван…»
    (exit 3), the journal is written, `on_stop` sees that result (the CLI leaves last-run.json),
    and the stop goes on up. A school running at that moment keeps its own record: its run takes
    the signal as its own nightly would."""
    started = now()
    outcomes = [broken_outcome(b) for b in cfg.broken]
    for outcome in outcomes:
        if on_done:
            on_done(outcome)
    local = [s for s in cfg.schools if s.backend != "google"]
    google = [s for s in cfg.schools if s.backend == "google"]
    if google and limiter is None:
        from sync.factory import sheets_limiter

        limiter = sheets_limiter(cfg.requests_per_minute)
    workers = min(parallel or cfg.parallel, len(local))
    pool = None
    futures: dict[concurrent.futures.Future[SchoolOutcome], SchoolEntry] = {}
    if workers > 1:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers,
                                                      mp_context=multiprocessing.get_context(START_METHOD))
        futures = {pool.submit(run_school, school, None): school for school in local}
        local = []
    try:
        for school in [*local, *google]:  # in this process, while the pool works
            outcome = _guarded(run_school, school, limiter if school.backend == "google" else None)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
        for future in concurrent.futures.as_completed(futures):
            school = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - its process died: its row, the others go on
                outcome = crashed_outcome(school, started, exc)
            outcome.number = school.number
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    except BaseException:
        stopped = _stopped(cfg, outcomes, started, limiter)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        if on_stop:
            on_stop(stopped)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return _ended(cfg, outcomes, started, now(), limiter)


def _ended(cfg: MunicipalConfig, outcomes: list[SchoolOutcome], started: dt.datetime, finished: dt.datetime,
           limiter: "RateLimiter | None") -> MunicipalResult:
    """The run's result, its outcomes in the file's order, with its rows appended to the journal."""
    outcomes.sort(key=lambda o: o.number)
    result = MunicipalResult(cfg.name, outcomes, started, finished, per_minute=cfg.requests_per_minute)
    if limiter is not None:
        result.requests, result.waited = sum(o.requests for o in outcomes), round(limiter.waited, 1)
    try:
        result.journal = append_journal(cfg.state_dir, outcomes)
    except OSError as exc:
        result.journal_error = M["journal_failed"].format(path=cfg.state_dir / JOURNAL, reason=exc)
    return result


def _stopped(cfg: MunicipalConfig, outcomes: list[SchoolOutcome], started: dt.datetime,
             limiter: "RateLimiter | None") -> MunicipalResult:
    """The result of a run stopped on the way, its journal written (see `run_municipal`)."""
    done = {o.number for o in outcomes}
    moment = now()
    outcomes = [*outcomes, *(SchoolOutcome(s.key, s.name, s.backend, started, moment, EXIT_WORKSPACE, "terminated",
                                           M["school_terminated"], number=s.number)
                             for s in cfg.schools if s.number not in done)]
    return _ended(cfg, outcomes, started, moment, limiter)


def _guarded(run_school: RunSchool, school: SchoolEntry, limiter: "RateLimiter | None") -> SchoolOutcome:
    started = now()
    try:
        outcome = run_school(school, limiter)
    except Exception as exc:  # noqa: BLE001 - run_school catches its school's failures; a bug is a row too
        outcome = crashed_outcome(school, started, exc)
    outcome.number = school.number
    return outcome


def journal_rows(outcomes: list[SchoolOutcome]) -> list[list[str]]:
    """The municipal «Журнал» rows of one run (`ru.MUNICIPAL_JOURNAL_HEADERS`)."""
    return [[o.name, o.key, iso(o.started), iso(o.finished), ru.TEXT.get(f"outcome_{o.outcome}", o.outcome),
             str(o.exit_code), o.reason, str(o.requests)] for o in outcomes]


def append_journal(state_dir: Path, outcomes: list[SchoolOutcome]) -> Path:
    """Append the run's rows to ``municipal-journal.csv`` in `state_dir` (made with its header
    when missing), replacing the file whole."""
    path = refuse_link(Path(state_dir) / JOURNAL)
    private_dir(path.parent)
    try:
        old = path.read_bytes().decode("utf-8-sig")  # as written: "\r\n" between rows
    except FileNotFoundError:
        old = ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if not old.strip():
        writer.writerow(ru.MUNICIPAL_JOURNAL_HEADERS)
    elif not old.endswith("\n"):
        buffer.write("\r\n")
    writer.writerows(journal_rows(outcomes))
    write_text(path, BOM + old + buffer.getvalue())
    return path


def read_journal(state_dir: Path) -> list[dict[str, str]]:
    """The municipal «Журнал» as rows keyed by header (for tests and `municipal report`)."""
    path = Path(state_dir) / JOURNAL
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def summary_lines(result: MunicipalResult) -> list[str]:
    """The table printed after the night: a line a school and the totals."""
    failed = sum(1 for o in result.outcomes if o.exit_code)
    lines = [M["summary_title"].format(name=result.name, count=len(result.outcomes), ok=len(result.outcomes) - failed,
                                       failed=failed)]
    width = max([len(h) for h in ru.MUNICIPAL_SUMMARY_HEADERS[:1]] + [len(o.name) for o in result.outcomes])
    school, outcome, code, seconds, requests, reason = ru.MUNICIPAL_SUMMARY_HEADERS
    lines.append(f"{school:<{width}}  {outcome:<22}  {code:>3}  {seconds:>7}  {requests:>8}  {reason}")
    for o in result.outcomes:
        text = ru.TEXT.get(f"outcome_{o.outcome}", o.outcome)
        text = text if len(text) <= 22 else text[:21] + "…"
        lines.append(f"{o.name:<{width}}  {text:<22}  {o.exit_code:>3}  {o.seconds:>7.1f}  {o.requests:>8}  {o.reason}")
    lines.append(M["summary_total"].format(requests=result.requests, per_minute=result.per_minute,
                                           waited=result.waited, journal=result.journal or "—"))
    return lines


__all__ = ["JOURNAL", "MunicipalResult", "RunSchool", "SchoolOutcome", "append_journal", "broken_outcome",
           "crashed_outcome", "journal_rows", "read_journal", "run_municipal", "summary_lines"]
