"""What a run leaves for whoever watches the server: ``last-run.json`` and «Журнал» rows that
waited for a workspace that could be written.

``last-run.json`` (in ``[files] state_dir``, `jobs.config.Config.state_dir`) is replaced
atomically (`sync.safe_files.write_text`) at the end of every run of a writing command —
nightly, validate, ingest, match, orders, report, publish — that ended fine, failed, was refused
(another run holds the lock, the workbook is open in Excel, the nightly's readiness check failed)
or crashed. A ``--dry-run`` writes nothing, this file included. It is what monitoring reads::

    {
      "schema": 1,
      "command": "nightly",                      # the command of this run
      "started": "2026-11-30T02:00:01+10:00",    # ISO 8601, the school's time zone, with offset
      "finished": "2026-11-30T02:03:12+10:00",
      "duration": 191.2,                         # seconds
      "exit_code": 0,                            # the process's exit code (see sync.errors)
      "outcome": "ok",                           # see OUTCOMES
      "steps": [                                 # nightly: every step run; others: one step
        {"step": "ingest", "outcome": "ok", "exit_code": 0,
         "started": "…", "finished": "…", "errors": []}
      ],
      "journal_pending": 0,                      # «Журнал» rows waiting in journal-pending.jsonl
      "version": "0.1.0", "host": "school-srv", "pid": 4242,
      "by_command": {                            # the last run of every writing command
        "nightly": {"finished": "…", "exit_code": 0, "outcome": "ok"},
        "match": {"finished": "…", "exit_code": 0, "outcome": "ok"}
      }
    }

Outcomes (`OUTCOMES`): ``ok``; ``structure`` (a tab or template could not be used, exit 1);
``config`` (exit 2); ``failed`` (the workspace or backend failed, exit 3); ``refused`` (the run
did not start its work: another run holds the workspace, the workbook is open in Excel, the
readiness check failed — exit 3 or the check's code); ``crashed`` (an unexpected error, exit 3);
``terminated`` (stopped by SIGTERM — ``timeout``, systemd — exit 3). A run killed outright
(SIGKILL) leaves the previous record: monitoring should also check that ``finished`` is recent.
Texts are scrubbed (`sync.personal_data.scrub`) as the CLI's output is: no e-mail, no name.

«Журнал» rows. Every job writes its own row in its own commit; a step that raises writes none,
so `Journal.write` writes the failed step's row (outcome and the error text) in a commit of its
own. When the workspace cannot be written at all — locked by another run or by Excel, no
permission, Google unreachable — the row waits in ``journal-pending.jsonl`` beside
``last-run.json`` (one JSON object a line: ``id``, ``postponed``, ``reason``, ``row``) and the
next run that holds the workspace appends the waiting rows first (`Journal.flush`), each with a
note that it was postponed and its id: a row whose id «Журнал» already shows is not written
again, and a row leaves the file only once «Журнал» shows it — never lost, never twice.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import errno
import fcntl
import json
import logging
import os
import platform
import secrets
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

from sheets_schema import ru
from sheets_schema.tables import LOG
from sync.errors import EXIT_CONFIG, EXIT_STRUCTURE, EXIT_WORKSPACE, ConfigFault, NastavnikError
from sync.personal_data import scrub
from sync.file_errors import file_access
from sync.safe_files import UnsafePath, private_dir, refuse_link, share_fd, write_text
from sync.workspace import ChangeSet, StructureError, Workspace, WorkspaceError, WorkspaceLocked
from jobs.config import ConfigError
from jobs.runlog import log_row

SCHEMA = 1
LAST_RUN = "last-run.json"
PENDING = "journal-pending.jsonl"
OUTCOMES = ("ok", "structure", "config", "failed", "refused", "crashed", "terminated")
WRITING_COMMANDS = ("nightly", "validate", "ingest", "match", "orders", "report", "publish", "restore",
                    "upgrade-workspace")
log = logging.getLogger("nastavnik.run")

# The step a line or a log record belongs to (a nightly step, or the command), for JSON logs.
current_step: contextvars.ContextVar[str] = contextvars.ContextVar("nastavnik_step", default="")


@contextlib.contextmanager
def step_context(step: str) -> Iterator[None]:
    """Lines printed and records logged inside the block belong to `step`."""
    token = current_step.set(step)
    try:
        yield
    finally:
        current_step.reset(token)


def now() -> dt.datetime:
    """Now, aware, in the process's local time (the school's: `jobs.config.use_school_time`)."""
    return dt.datetime.now().astimezone()


def iso(moment: dt.datetime | None) -> str:
    """ISO 8601 with the UTC offset (a naive moment is local time)."""
    if moment is None:
        return ""
    return moment.astimezone().isoformat(timespec="seconds")


def outcome_of(exit_code: int) -> str:
    """The outcome a plain exit code means (refused and crashed runs are told apart by the caller)."""
    return {0: "ok", EXIT_STRUCTURE: "structure", EXIT_CONFIG: "config"}.get(exit_code, "failed")


def exit_code_for(exc: BaseException) -> int:
    """The exit code of a job that raised `exc`: its class's (`sync.errors`), 3 for anything else
    (a file error, a bug)."""
    return exc.exit_code if isinstance(exc, NastavnikError) else EXIT_WORKSPACE


def outcome_for(exc: BaseException) -> str:
    """The «Журнал» / last-run.json outcome of a job that raised `exc`."""
    if isinstance(exc, WorkspaceLocked):
        return "refused"
    if isinstance(exc, StructureError):
        return "structure"
    if isinstance(exc, (ConfigError, ConfigFault)):  # exit 2: the config or the call as given
        return "config"
    return "failed"  # the workspace's failures and bugs


def errors_of(exc: BaseException) -> list[str]:
    """The reasons a «Журнал» row gives for `exc` (a structure problem: one per tab or column)."""
    if isinstance(exc, StructureError):
        return [p.message for p in exc.problems]
    return [str(exc) or type(exc).__name__]


def version() -> str:
    try:
        return metadata.version("nastavnik")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class StepRecord:
    step: str
    outcome: str
    exit_code: int
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"step": self.step, "outcome": self.outcome, "exit_code": self.exit_code,
                "started": iso(self.started), "finished": iso(self.finished),
                "errors": [scrub(e) for e in self.errors]}


@dataclass
class RunRecord:
    """One run of a command, as `last-run.json` and the JSON log's summary tell it."""

    command: str
    started: dt.datetime
    finished: dt.datetime | None = None
    exit_code: int = 0
    outcome: str = "ok"
    steps: list[StepRecord] = field(default_factory=list)
    journal_pending: int = 0

    @property
    def duration(self) -> float:
        end = self.finished or now()
        return round((end - self.started).total_seconds(), 3)

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA, "command": self.command, "started": iso(self.started),
            "finished": iso(self.finished), "duration": self.duration, "exit_code": self.exit_code,
            "outcome": self.outcome, "steps": [s.as_dict() for s in self.steps],
            "journal_pending": self.journal_pending, "version": version(), "host": platform.node(),
            "pid": os.getpid(),
        }


def write_last_run(state_dir: Path, record: RunRecord) -> Path:
    """Replace ``last-run.json`` in `state_dir` with `record` (the folder is made if missing);
    `by_command` keeps the last run of each other command. OSError / UnsafePath when the folder
    cannot be written."""
    path = refuse_link(Path(state_dir) / LAST_RUN)
    private_dir(path.parent)
    data = record.as_dict()
    by_command: dict[str, dict[str, Any]] = {}
    with contextlib.suppress(OSError, ValueError, AttributeError):
        previous = json.loads(path.read_text(encoding="utf-8"))
        by_command = {k: v for k, v in previous.get("by_command", {}).items() if k in WRITING_COMMANDS}
    by_command[record.command] = {k: data[k] for k in ("started", "finished", "exit_code", "outcome")}
    data["by_command"] = by_command
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return path


# --- «Журнал» rows waiting for a writable workspace --------------------------------------------
@dataclass(frozen=True)
class PendingRow:
    id: str
    postponed: str
    reason: str
    row: dict


@contextlib.contextmanager
def _pending_file(state_dir: Path) -> Iterator[int]:
    """The pending file, open and exclusively locked (flock); the descriptor is re-opened when the
    file was replaced or removed while we waited, so an append never goes to a dropped file."""
    path = refuse_link(Path(state_dir) / PENDING)
    private_dir(path.parent)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePath(path) from None
            with file_access(path):
                raise
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            current = os.stat(path, follow_symlinks=False).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(fd).st_ino:
            break
        os.close(fd)
    try:
        with file_access(path):
            share_fd(fd)  # the mode (and group) of the workspace's files: `sync.safe_files`
        yield fd
    finally:
        os.close(fd)


def _read_fd(fd: int) -> list[PendingRow]:
    chunks = []
    offset = 0
    while chunk := os.pread(fd, 65536, offset):
        chunks.append(chunk)
        offset += len(chunk)
    rows = []
    for line in b"".join(chunks).decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(line)
            rows.append(PendingRow(str(item["id"]), str(item.get("postponed", "")), str(item.get("reason", "")),
                                   {str(k): str(v) for k, v in dict(item["row"]).items()}))
        except (ValueError, KeyError, TypeError):
            continue  # a line cut by a crash of an older version: nothing to save in it
    return rows


def postpone(state_dir: Path, row: dict[str, str], reason: str) -> PendingRow:
    """Keep the «Журнал» `row` in the state folder until a run can write it (see the module)."""
    item = PendingRow(secrets.token_hex(6), iso(now()), scrub(reason),
                      {k: scrub(v) for k, v in row.items()})
    line = json.dumps(item.__dict__, ensure_ascii=False) + "\n"
    with _pending_file(state_dir) as fd, file_access(Path(state_dir) / PENDING):
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    return item


def pending(state_dir: Path | None) -> list[PendingRow]:
    """The rows waiting in `state_dir` (none when there is no file)."""
    if state_dir is None or not (Path(state_dir) / PENDING).exists():
        return []
    with _pending_file(state_dir) as fd:
        return _read_fd(fd)


def _forget(state_dir: Path, ids: set[str]) -> None:
    """Drop the rows `ids` from the pending file (removed when none is left)."""
    path = Path(state_dir) / PENDING
    with _pending_file(state_dir) as fd:
        left = [r for r in _read_fd(fd) if r.id not in ids]
        if left:
            write_text(path, "".join(json.dumps(r.__dict__, ensure_ascii=False) + "\n" for r in left))
        else:
            with file_access(path):
                path.unlink()


def marker(row_id: str) -> str:
    return ru.TEXT["journal_postponed_id"].format(id=row_id)


class Journal:
    """«Журнал» rows of one run on `workspace`: failures written in their own commit, and rows
    that cannot be written kept in `state_dir` for the next run (see the module docstring)."""

    def __init__(self, workspace: Workspace, state_dir: Path | None):
        self.workspace = workspace
        self.state_dir = state_dir
        self.notes: list[str] = []  # what could not be kept, for stderr

    def write(self, job: str, started: dt.datetime, finished: dt.datetime, outcome: str,
              errors: list[str], *, postpone_only: bool = False) -> None:
        """Write a failed (or refused) step's row; when the workspace cannot take it, postpone it."""
        row = log_row(job, _naive(started), _naive(finished), outcome, [scrub(e) for e in errors])
        if not postpone_only:
            try:
                changes = ChangeSet()
                changes.append(LOG, row)
                self.workspace.commit(changes)
                return
            except Exception as exc:  # noqa: BLE001 - whatever stops the row, it waits; the job's own error stays the one raised
                reason = str(exc) or type(exc).__name__
        else:
            reason = "\n".join(errors)
        self.postpone(row, reason)

    def postpone(self, row: dict[str, str], reason: str) -> None:
        if self.state_dir is None:
            return
        try:
            postpone(self.state_dir, row, reason)
        except (OSError, WorkspaceError) as exc:
            self.notes.append(ru.TEXT["journal_postpone_failed"].format(
                path=Path(self.state_dir) / PENDING, reason=exc))

    def flush(self) -> list[str]:
        """Append the rows waiting in the state folder to «Журнал» (inside the run lock, before
        the run's own work); Russian lines of what was done. Rows stay waiting when «Журнал»
        cannot be read or written now."""
        state_dir = self.state_dir
        waiting = pending(state_dir)
        if state_dir is None or not waiting:
            return []
        try:
            data = self.workspace.read([LOG])[LOG.key]
            if not data.ok:
                return []
            shown = "\n".join(str(record.get("details") or "") for record in data.records.values())
            changes = ChangeSet()
            written_at = _naive(now()).strftime("%d.%m.%Y %H:%M:%S")
            for item in waiting:
                if marker(item.id) in shown:
                    continue
                row = dict(item.row)
                reason = f" ({item.reason})" if item.reason and item.reason not in row.get("details", "") else ""
                note = ru.TEXT["journal_postponed_note"].format(written=written_at, reason=reason,
                                                                marker=marker(item.id))
                row["details"] = f"{row.get('details', '')}\n{note}".strip()
                changes.append(LOG, row)
            if changes:
                self.workspace.commit(changes)
        except Exception as exc:  # noqa: BLE001 - the rows wait for the next run; this run goes on
            log.warning(ru.TEXT["journal_flush_failed"].format(count=len(waiting), reason=exc))
            return []
        _forget(state_dir, {item.id for item in waiting})
        return [ru.TEXT["journal_flushed"].format(count=len(waiting))]


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
