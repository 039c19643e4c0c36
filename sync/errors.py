"""The exit codes of nastavnik and the one exception hierarchy that carries them.

Every domain exception derives from one of the three kinds below, so its exit code is on its
class; the CLI maps an exception to its exit code and its «Журнал» outcome in one place
(`jobs.cli.errors`). The numbers are a contract with cron and systemd; they never change:

====  ==================  ===================================================================
code  systemd shows       nastavnik means
====  ==================  ===================================================================
0     SUCCESS             done (row problems are reported in the sheet, not as a failure)
1     FAILURE             a tab's or a template's structure (or row problems under --strict)
2     INVALIDARGUMENT     configuration or usage
3     NOTIMPLEMENTED      the workspace or backend: unreachable, locked, no permission, corrupt
====  ==================  ===================================================================

This module is the lowest layer's: it imports nothing of the project.
"""
from __future__ import annotations

EXIT_OK, EXIT_STRUCTURE, EXIT_CONFIG, EXIT_WORKSPACE = 0, 1, 2, 3


class NastavnikError(Exception):
    """A failure nastavnik expects and explains; `exit_code` says which kind (by default the
    workspace's, exit 3)."""

    exit_code: int = EXIT_WORKSPACE


class StructureFault(NastavnikError):
    """A tab's or a template's structure stops the work (exit code 1)."""

    exit_code = EXIT_STRUCTURE


class ConfigFault(NastavnikError):
    """The configuration or the call cannot be used as given (exit code 2)."""

    exit_code = EXIT_CONFIG


class WorkspaceFault(NastavnikError):
    """The workspace or the backend cannot be used (exit code 3)."""

    exit_code = EXIT_WORKSPACE


__all__ = ["EXIT_CONFIG", "EXIT_OK", "EXIT_STRUCTURE", "EXIT_WORKSPACE", "ConfigFault", "NastavnikError",
           "StructureFault", "WorkspaceFault"]
