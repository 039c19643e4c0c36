"""How a run of the CLI ends, seen from outside: the exit code, ``last-run.json`` and, with
``--log-format json``, the summary record.

`RecordedGroup` is the class of the ``nastavnik`` group. It shows a command's failure itself
(inside the run, so the summary comes after it), turns an unexpected exception into exit 3 with
a Russian line and the traceback in the log (one JSON object with an ``exception`` field in JSON
mode), and at the end of every run of a writing command that read its config — fine, failed,
refused or crashed; not a ``--dry-run`` — writes `jobs.run_record.RunRecord` to the state folder.
When that folder cannot be written it says so on stderr, and a run that was otherwise fine exits
3. It switches JSON output on before Click parses the arguments, so a usage error of the group
itself is a JSON line too. SIGTERM (``timeout`` on the cron line, systemd stopping the unit)
stops the run where it is — every file nastavnik writes is replaced whole, so nothing is left
half-written — and the run still leaves its record (outcome ``terminated``, exit 3) and a
«Журнал» row kept for the next run; a second SIGTERM ends the process at once.

`RunState` is what a command tells the group about its run (the commands' context object,
`jobs.cli.context.State`, extends it): the config it read, the steps, whether it was refused or a
dry run.
"""
from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, Sequence

import click

from sheets_schema import ru
from sync.errors import EXIT_WORKSPACE, NastavnikError
from sync.workspace import Workspace, WorkspaceError
from jobs.cli.errors import failure_of, outcome_for
from jobs.cli.output import json_mode, line_fields, printed_errors, protect_output, set_command, write_record, entry
from jobs.run_record import (
    WRITING_COMMANDS, Journal, RunRecord, StepRecord, now, outcome_of, pending, postpone, write_last_run,
)
from jobs.runlog import log_row

if TYPE_CHECKING:
    from jobs.config import Config

log = logging.getLogger("nastavnik.cli")


class RunState:
    """What the running command tells `RecordedGroup` about its run."""

    def __init__(self) -> None:
        self.cfg: Config | None = None  # once read
        self.steps: list[StepRecord] = []  # nightly's steps; empty: the command is one step
        self.refused = False
        self.dry_run = False
        self._journals: dict[int, Journal] = {}

    def journal(self, workspace: Workspace) -> Journal:
        """The run's «Журнал» writer for `workspace` (rows kept in the config's state folder)."""
        key = id(workspace)
        if key not in self._journals:
            state_dir = self.cfg.state_dir if self.cfg is not None else None
            self._journals[key] = Journal(workspace, state_dir)
        return self._journals[key]

    def journal_notes(self) -> list[str]:
        return [note for journal in self._journals.values() for note in journal.notes]


def wants_json(args: list[str]) -> bool:
    """``--log-format json`` among the group's options (before the command's name)."""
    for i, arg in enumerate(args):
        if arg == "--log-format" and i + 1 < len(args):
            return args[i + 1] == "json"
        if arg.startswith("--log-format="):
            return arg.split("=", 1)[1] == "json"
    return False


class Terminated(BaseException):
    """SIGTERM arrived: the run stops where it is (a BaseException, so no job handles it)."""


def _quiet_stdout() -> None:
    """After the reader of stdout went away: send what is left to /dev/null (no second error)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _terminate(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
    raise Terminated()


class RecordedGroup(click.Group):
    """The ``nastavnik`` group: every run ends with its record (see the module docstring)."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        protect_output(as_json=wants_json(argv))
        set_command("")
        return super().main(args, prog_name, complete_var, standalone_mode, **extra)

    def invoke(self, ctx: click.Context) -> NoReturn:
        started = now()
        crashed = terminated = False
        main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
        try:
            super().invoke(ctx)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            code = exc.exit_code
            with line_fields(exit_code=code):
                exc.show()
        except Terminated:
            code, terminated = EXIT_WORKSPACE, True
            with line_fields(exit_code=code, outcome="terminated"):
                click.echo(f"Ошибка: {ru.TEXT['run_terminated'].format(command=ctx.invoked_subcommand or 'nastavnik')}",
                           err=True)
        except (click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `nastavnik restore | head`: the reader left; nothing to tell it
            code = EXIT_WORKSPACE
            _quiet_stdout()
        except (NastavnikError, OSError) as exc:  # no command turned it into a Failure: the same mapping
            failure = failure_of(exc)  # a file error: exit 3 with the path, the user and the fix
            code = failure.exit_code
            with line_fields(exit_code=code, outcome=outcome_for(exc)):
                failure.show()
        except Exception as exc:  # noqa: BLE001 - a bug: exit 3, a Russian line, the traceback logged
            code, crashed = EXIT_WORKSPACE, True
            message = ru.TEXT["run_crashed"].format(command=ctx.invoked_subcommand or "nastavnik",
                                                    error=f"{type(exc).__name__}: {exc}")
            with line_fields(exit_code=code, outcome="crashed"):
                click.echo(f"Ошибка: {message}", err=True)
            log.error("%s: %s", type(exc).__name__, exc, exc_info=exc, extra={"exit_code": code, "outcome": "crashed"})
        if main_thread:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if terminated else previous)
        code = finish(ctx, started, code, "crashed" if crashed else "terminated" if terminated else "")
        sys.exit(code)


def finish(ctx: click.Context, started: dt.datetime, code: int, ended: str = "") -> int:
    """Record the run (last-run.json, the JSON summary); the exit code, 3 when a run that was
    otherwise fine could not leave its record. `ended`: "crashed" or "terminated", if so."""
    command = ctx.invoked_subcommand or ""
    state = ctx.obj if isinstance(ctx.obj, RunState) else None
    finished = now()
    record = RunRecord(command, started, finished=finished, exit_code=code)
    refused = state is not None and state.refused
    record.outcome = ended or ("refused" if refused and code else outcome_of(code))
    record.steps = list(state.steps) if state is not None and state.steps else [
        StepRecord(command, record.outcome, code, started, record.finished, printed_errors())]
    if state is not None:
        for note in state.journal_notes():
            click.echo(f"Внимание: {note}", err=True)
    cfg = state.cfg if state is not None else None
    if command in WRITING_COMMANDS and state is not None and cfg is not None and not state.dry_run:
        try:
            if ended == "terminated":  # the workspace may be mid-write: the row waits for the next run
                reason = ru.TEXT["run_terminated"].format(command=command)
                postpone(cfg.state_dir, log_row(command, started, finished, "terminated", [reason]), reason)
            record.journal_pending = len(pending(cfg.state_dir))
            write_last_run(cfg.state_dir, record)
        except (OSError, WorkspaceError) as exc:
            reason = failure_of(exc).format_message()
            path = cfg.state_dir / "last-run.json"
            with line_fields(exit_code=code or EXIT_WORKSPACE):
                click.echo(f"Ошибка: {ru.TEXT['last_run_failed'].format(path=path, reason=reason)}", err=True)
            if code == 0:
                code = record.exit_code = EXIT_WORKSPACE
                record.outcome = "failed"
    if json_mode() and command:
        outcome_text = ru.TEXT.get(f"outcome_{record.outcome}", record.outcome)
        message = ru.TEXT["run_summary"].format(command=command, outcome=outcome_text, exit_code=code,
                                                duration=record.duration)
        item = entry(message, stream="stderr", level="info" if code == 0 else "error", event="summary",
                     outcome=record.outcome, exit_code=code, duration=record.duration,
                     steps=[{"step": s.step, "outcome": s.outcome, "exit_code": s.exit_code} for s in record.steps])
        item["step"] = command
        write_record(item)
    return code


__all__ = ["RecordedGroup", "RunState", "wants_json"]
