"""The one contract every job's result keeps, so the CLI and `nightly` read any of them alike.

A result states its exit code by README's exit-code table (0 done — problems of rows are in the
sheet; 1 a tab's or a template's structure, or row problems under ``--strict``; 3 the workspace)
as a property, decided when the job ran, its Russian summary lines as a method, and the counts
of its «Журнал» row as a method (`Counts`; `NO_COUNTS` for a job that counts no rows).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Counts:
    """The row counts a job gives «Журнал» (rows checked, OK, with errors, without consent);
    None where the job counts no rows of that kind."""
    total: int | None = None
    ok: int | None = None
    error: int | None = None
    no_consent: int | None = None


NO_COUNTS = Counts()


class JobResult(Protocol):
    """What a job returns: its exit code, its Russian summary lines in the order they happened, and
    the counts of its «Журнал» row."""

    @property
    def exit_code(self) -> int: ...

    def lines(self) -> list[str]: ...

    def counts(self) -> Counts: ...


__all__ = ["JobResult", "Counts", "NO_COUNTS"]
