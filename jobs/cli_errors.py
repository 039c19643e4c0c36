"""The CLI's exit codes and its one failure type, shared by every command module.

0 done (row-level data problems are reported in the sheet, not as a failure); 1 a tab or a
template could not be processed because of its structure, or row problems under ``--strict``;
2 configuration or usage error; 3 workspace or backend failure (unreachable, locked, corrupt).

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

import click

from sync.personal_data import scrub

EXIT_OK, EXIT_STRUCTURE, EXIT_CONFIG, EXIT_WORKSPACE = 0, 1, 2, 3


class Failure(click.ClickException):
    """A failure with its documented exit code and a Russian message on stderr."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        click.echo(f"Ошибка: {scrub(self.format_message())}", err=True)  # no name, whatever stream
