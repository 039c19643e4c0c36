"""Benchmark of network mentoring (issue 20): `jobs.municipal.network.network_match` over N local
schools of S staff, the first run and a rerun that changes nothing.

    .venv/bin/python benchmarks/network.py                 # a table, 10 and 50 schools of 150
    .venv/bin/python benchmarks/network.py --json          # a JSON list of {schools, staff, run, …}
    .venv/bin/python benchmarks/network.py --schools 5 --staff 150

Each school is made as ``nastavnik init DIR --sample S`` makes it (`tests.municipal_schools`,
synthetic staff; the first school made once, the others copies), then — not measured — half of
its mentors say «да» in «Готов к сетевому наставничеству» (seeded), its mentors of one subject
(mathematics, Russian, English, primary classes in turn) are made music teachers so that the
school lacks that subject, and its own `match` runs. ``seconds`` is the wall time of the run
(reading every school's six tabs, one matching, writing both schools' «Предложения» and every
school's «Журнал»), ``cpu_seconds`` its process CPU time; ``cohort`` the mentees without a pair in
their school who took part, ``mentors`` the willing mentors with places left, ``proposed`` the
network proposals.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from jobs.config import MatchingSettings  # noqa: E402
from jobs.match import match  # noqa: E402
from jobs.municipal.network import NetworkSchool, network_match  # noqa: E402
from sheets_schema import ru  # noqa: E402
from sync.factory import open_workspace  # noqa: E402
from tests.municipal_schools import local_school  # noqa: E402

NOW = dt.datetime(2026, 11, 27, 3, 0)
LACKING = ("математика", "русский язык и литература", "английский язык", "начальные классы")


def make_schools(root: Path, count: int, staff: int) -> list[NetworkSchool]:
    settings = MatchingSettings.default()
    rng = random.Random(1)
    entries: list[NetworkSchool] = []
    template = None
    for i in range(count):
        config = local_school(root, f"s{i}", staff, template=template)
        template = template or config.parent
        path = config.parent / "workspace.xlsx"
        wb = load_workbook(path)
        sheet = wb[ru.TABS["mentors"]]
        headers = [c.value for c in sheet[1]]
        ready = headers.index(ru.HEADERS["network_ready"]) + 1
        subject = headers.index(ru.HEADERS["subject"]) + 1
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, ready).value = "да" if rng.random() < 0.5 else "нет"
            if sheet.cell(row, subject).value == LACKING[i % len(LACKING)]:
                sheet.cell(row, subject).value = "музыка"
        wb.save(path)
        workspace = open_workspace("local", config.parent, {})
        match(workspace, settings, NOW)
        entries.append(NetworkSchool(f"s{i}", f"Школа {i + 1}", workspace, settings))
    return entries


def measure(count: int, staff: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        entries = make_schools(Path(tmp), count, staff)
        for run in ("first", "rerun"):
            wall, cpu = time.perf_counter(), time.process_time()
            result = network_match(entries, NOW)
            rows.append({"schools": count, "staff": staff, "run": run, "cohort": result.cohort,
                         "mentors": result.mentors, "proposed": sum(result.proposed.values()),
                         "new": result.new, "seconds": round(time.perf_counter() - wall, 2),
                         "cpu_seconds": round(time.process_time() - cpu, 2)})
    return rows


def table(rows: list[dict[str, object]]) -> str:
    keys = list(rows[0]) if rows else []
    widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in keys}
    lines = ["  ".join(k.rjust(widths[k]) for k in keys)]
    lines += ["  ".join(str(r[k]).rjust(widths[k]) for k in keys) for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--staff", type=int, default=150)
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    args = parser.parse_args(argv)
    rows = [r for count in args.schools for r in measure(count, args.staff)]
    print(json.dumps(rows, ensure_ascii=False) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
