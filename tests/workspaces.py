"""Building real workspaces for tests, and reading them back cell by cell."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL, initial_rows
from jobs.sample import Sample, generate
from sync.local import LocalWorkspace, create_local_workspace

NOW = dt.datetime(2026, 11, 27, 3, 0, 0)
TODAY = NOW.date()


def local_workspace(directory: Path, rows: dict | None = None, sample: Sample | None = None) -> LocalWorkspace:
    """A new local workspace in `directory` with the roadmap and the given rows or sample."""
    content = initial_rows(TODAY, sample)
    content.update(rows or {})
    return create_local_workspace(directory, content, render_local_config(DEFAULT_SCHOOL))


def sample_workspace(directory: Path, count: int = 200, seed: int = 1) -> tuple[LocalWorkspace, Sample]:
    sample = generate(count, seed, TODAY)
    return local_workspace(directory, sample=sample), sample


def cells(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    """Every non-empty cell value of a workbook, by tab title and (row, column)."""
    wb = load_workbook(path)
    return {
        ws.title: {
            (c.row, c.column): c.value
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        }
        for ws in wb.worksheets
    }


def column_values(path: Path, tab: str, header: str) -> dict[int, str]:
    """Row number → value of the column titled `header` on `tab` (rows 2…)."""
    ws = load_workbook(path)[tab]
    headers = [c.value for c in ws[1]]
    col = headers.index(header) + 1
    return {r: (ws.cell(row=r, column=col).value or "") for r in range(2, ws.max_row + 1)}
