"""Benchmark of the local workbook's write path: the cell patch against today's openpyxl re-save.

    .venv/bin/python benchmarks/workbook.py                 # a table
    .venv/bin/python benchmarks/workbook.py --json          # a JSON list of rows
    .venv/bin/python benchmarks/workbook.py --rows 150 1500

For each size a local workspace is made the way `nastavnik init DIR --sample N` makes it (N
invented staff, about 40% mentors: the bank rows of both tabs ≈ N), with a fixed date. Then,
each on its own copy of that workbook:

* ``seconds_validate`` — one `jobs.validate.validate` (read, check, write «Статус»/«Сообщение»
  of every row and a «Журнал» row), wall time;
* ``seconds_nightly`` — one `jobs.nightly.nightly` as cron runs it (every step, matching on,
  orders off as in the default config), wall time;
* ``bytes_changed`` — the bytes of the zip members that differ after that validate: the new size
  of every member whose bytes changed (or that was added), plus the old size of any removed;
  ``members_changed`` — how many members that is, of ``members``;
* ``seconds_validate_write`` — the part of that validate spent in the workspace's
  ``write_cells`` (the cell patch, the atomic replace and the .bak);
* the old write path on the same workbook, with the very cells that validate wrote:
  ``seconds_openpyxl_load`` (``load_workbook``, which the old path also did to read) and
  ``seconds_openpyxl_save`` (set the cells, ``save`` the whole workbook — what each write of a
  run used to cost: validate once, nightly about five times); ``bytes_changed_openpyxl`` — the
  measure above for that file. openpyxl reproduces its own members byte for byte, so on this
  openpyxl-made sample it differs little; on a workbook Excel or LibreOffice saved it rewrites
  every member and drops what it does not model (tests/test_workbook_corpus.py).

Wall times are of one run on this machine (2 shared cores when measured for the README); the
15,000 size takes a few minutes, most of it making the workspace and matching in nightly.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import load_workbook  # noqa: E402

from benchmarks.on_fake import emit  # noqa: E402
from jobs.config import MatchingSettings, render_local_config  # noqa: E402
from jobs.init import DEFAULT_SCHOOL, init_workspace  # noqa: E402
from jobs.nightly import NightlySettings, nightly  # noqa: E402
from jobs.validate import validate  # noqa: E402
from sync.local import LocalWorkspace, create_local_workspace  # noqa: E402
from tests.workbook_corpus.package import member_diff, read_package  # noqa: E402

SIZES = (150, 1500, 15000)
NOW = dt.datetime(2026, 11, 27, 3, 0)
WORKBOOK = "workspace.xlsx"


def make(directory: Path, rows: int) -> Path:
    """A workspace as `nastavnik init --sample rows` makes it (not measured)."""
    init_workspace(lambda content: create_local_workspace(directory, content, render_local_config(DEFAULT_SCHOOL)),
                   sample_size=rows, seed=1, today=NOW.date())
    return directory


def copy(source: Path, target: Path) -> LocalWorkspace:
    shutil.copytree(source, target)
    return LocalWorkspace(target)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(directory: Path, rows: int) -> dict:
    """One row of the table for a workbook of `rows` staff."""
    source = make(directory / f"init-{rows}", rows)
    before = read_package(source / WORKBOOK)

    workspace = copy(source, directory / f"validate-{rows}")
    writes, write_seconds = record_writes(workspace)
    seconds_validate = timed(lambda: validate(workspace, now=NOW))
    after = read_package(workspace.path)
    diff = member_diff(before, after)

    workspace = copy(source, directory / f"nightly-{rows}")
    settings = NightlySettings(matching=MatchingSettings.from_section({}))
    seconds_nightly = timed(lambda: nightly(workspace, settings, now=NOW))

    resaved = directory / f"openpyxl-{rows}.xlsx"
    loaded = []
    seconds_openpyxl_load = timed(lambda: loaded.append(load_workbook(source / WORKBOOK)))
    seconds_openpyxl = timed(lambda: openpyxl_write(loaded[0], writes, resaved))
    diff_openpyxl = member_diff(before, read_package(resaved))
    row = {
        "rows": rows,
        "seconds_validate": round(seconds_validate, 3),
        "seconds_nightly": round(seconds_nightly, 3),
        "bytes_changed": diff.bytes_changed(before, after),
        "members_changed": len(diff.changed | diff.added | diff.removed),
        "members": len(before),
        "seconds_validate_write": round(sum(write_seconds), 3),
        "seconds_openpyxl_load": round(seconds_openpyxl_load, 3),
        "seconds_openpyxl_save": round(seconds_openpyxl, 3),
        "bytes_changed_openpyxl": diff_openpyxl.bytes_changed(before, read_package(resaved)),
    }
    print(f"  {rows:>6} rows: validate {seconds_validate:.2f} s, nightly {seconds_nightly:.2f} s, "
          f"its writes {sum(write_seconds):.2f} s; openpyxl load {seconds_openpyxl_load:.2f} s, "
          f"same cells + save {seconds_openpyxl:.2f} s", file=sys.stderr)
    return row


def record_writes(workspace: LocalWorkspace) -> tuple[list, list[float]]:
    """Wrap the workspace's `write_cells`: every cell it is given, and the seconds each call takes."""
    writes, seconds = [], []
    write_cells = workspace.write_cells

    def recorded(batch):
        writes.extend(batch)
        started = time.perf_counter()
        try:
            return write_cells(batch)
        finally:
            seconds.append(time.perf_counter() - started)

    workspace.write_cells = recorded
    return writes, seconds


def openpyxl_write(wb, writes, target: Path) -> None:
    """The old write path: the same cells set on the loaded workbook, then the whole file saved."""
    sheets = {ws.title: ws for ws in wb.worksheets}
    for w in writes:
        cell = sheets[w.tab].cell(row=w.row, column=w.col + 1)
        cell.value = w.value if w.value != "" else None
        if isinstance(w.value, str) and w.value.startswith("="):
            cell.data_type = "s"
    wb.save(target)


def table(results: list[dict]) -> str:
    head = (f"{'rows':>7}  {'validate, s':>11}  {'its write, s':>12}  {'nightly, s':>10}  {'bytes changed':>13}"
            f"  {'members':>8}  │ {'openpyxl load, s':>16}  {'set + save, s':>13}  {'bytes changed':>13}")
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r['rows']:>7,}  {r['seconds_validate']:>11.2f}  {r['seconds_validate_write']:>12.2f}"
            f"  {r['seconds_nightly']:>10.2f}  {r['bytes_changed']:>13,}  {r['members_changed']:>3}/{r['members']:<4}"
            f"  │ {r['seconds_openpyxl_load']:>16.2f}  {r['seconds_openpyxl_save']:>13.2f}"
            f"  {r['bytes_changed_openpyxl']:>13,}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=list(SIZES),
                        help="staff in the sample workbook (≈ bank rows); default 150 1500 15000")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of {rows, seconds_validate, seconds_nightly, bytes_changed, "
                             "members_changed, members, seconds_validate_write, seconds_openpyxl_load, "
                             "seconds_openpyxl_save, bytes_changed_openpyxl}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        results = [measure(Path(tmp), rows) for rows in args.rows]
    emit(results, args.json, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
