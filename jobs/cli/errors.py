"""How a failure becomes an exit code: the one place the CLI maps exceptions.

A domain exception carries its exit code on its class (`sync.errors`: `StructureFault` 1,
`ConfigFault` 2, `WorkspaceFault` 3). `guard` turns one raised by a job into `Failure` — the
Click exception that prints «Ошибка: …» (scrubbed) and exits with that code — and a file error
no backend turned into a `WorkspaceError` into exit 3 with the path, the user and the fix.
`outcome_for` and `errors_of` say what the «Журнал» row and ``last-run.json`` record for it
(the jobs' own mapping, `jobs.run_record`, with a command's `Failure` added).

systemd (``systemctl status``, the journal, ``OnFailure=``) names exit codes after the LSB init
script conventions, not after their meaning here; scripts depend on the numbers, so they stay:

====  ==================  ===================================================================
code  systemd shows       nastavnik means
====  ==================  ===================================================================
0     SUCCESS             done
1     FAILURE             a tab's or a template's structure (or row problems under --strict)
2     INVALIDARGUMENT     configuration or usage
3     NOTIMPLEMENTED      the workspace or backend: unreachable, locked, no permission, corrupt
====  ==================  ===================================================================

The outcome of every run is in ``last-run.json`` (`jobs.run_record`), in words as well as the code.
"""
from __future__ import annotations

from typing import IO, Any, Callable, TypeVar

import click

from sync.errors import EXIT_CONFIG, EXIT_OK, EXIT_STRUCTURE, EXIT_WORKSPACE, NastavnikError
from sync.file_errors import describe as describe_file_error
from sync.personal_data import scrub
from jobs.run_record import errors_of, outcome_for as job_outcome_for

T = TypeVar("T")


class Failure(click.ClickException):
    """A failure with its documented exit code and a Russian message on stderr."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        # click declares exit_code a ClassVar (1); a Failure carries its own code on the instance,
        # which is where click's main reads it (`e.exit_code`) — so the instance attribute is meant
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Ошибка: {scrub(self.format_message())}", err=True)  # no name, whatever stream


def failure_of(exc: NastavnikError | OSError) -> Failure:
    """The `Failure` for a domain exception (its class's exit code) or a stray file error (3)."""
    if isinstance(exc, NastavnikError):
        return Failure(str(exc), exc.exit_code)
    return Failure(describe_file_error(exc), EXIT_WORKSPACE)


def guard(action: Callable[[], T]) -> T:
    """Run `action`, turning a domain exception or a file error into `Failure` (`failure_of`)."""
    try:
        return action()
    except (NastavnikError, OSError) as exc:
        raise failure_of(exc) from exc


def outcome_for(exc: BaseException) -> str:
    """The «Журнал» / last-run.json outcome of a command's job that raised `exc`: a `Failure`
    (already a command's verdict) is the config's, anything else as for every job
    (`jobs.run_record.outcome_for`, which `nightly`'s steps use too)."""
    return "config" if isinstance(exc, click.ClickException) else job_outcome_for(exc)


__all__ = ["EXIT_CONFIG", "EXIT_OK", "EXIT_STRUCTURE", "EXIT_WORKSPACE", "Failure", "errors_of", "failure_of",
           "guard", "outcome_for"]
