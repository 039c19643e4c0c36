"""The one contract every job's result keeps, so the CLI and `nightly` read any of them alike.

A result states its exit code by README's exit-code table (0 done — problems of rows are in the
sheet; 1 a tab's or a template's structure, or row problems under ``--strict``; 3 the workspace)
as a property, decided when the job ran, and its Russian summary lines as a method.
"""
from __future__ import annotations

from typing import Protocol


class JobResult(Protocol):
    """What a job returns: its exit code and its Russian summary lines, in the order they happened."""

    @property
    def exit_code(self) -> int: ...

    def lines(self) -> list[str]: ...


__all__ = ["JobResult"]
