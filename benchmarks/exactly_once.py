"""Benchmark of exactly-once on Google: the whole fault matrix of issue 16 on the fake.

    .venv/bin/python benchmarks/exactly_once.py             # a table
    .venv/bin/python benchmarks/exactly_once.py --json      # a JSON list of objects
    .venv/bin/python benchmarks/exactly_once.py --record    # also write tests/reliability/figures/exactly_once.json

For every changing Google method the project calls — found from fault-free runs of `orders`
(under the run lock), two reports with their chart and the questionnaires' creation — and for
each fault (``lost``: Google did the work, the answer never came; ``drop``: the connection
closed before it; ``slow``: the answer later than the client's timeout, the work landing
after), at the method's first call and at a later one (its last call of the run), the scenario
runs on a fresh fake Google Workspace with that one fault, then the next normal run, and what
they left is compared with a fault-free run (`tests.reliability.exactly_once_support`).

One object per (method, fault): ``method``, ``fault``, ``runs`` (cases: scenarios × positions),
``duplicates``, ``orphans``, ``trashed_links``, ``unfilled``, ``differences`` — all zero but
``runs`` when every call is exactly once. Takes a few minutes (each slow answer costs seconds).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fake_google import FakeGoogle  # noqa: E402
from tests.reliability.exactly_once_support import FIGURES_FILE, matrix, record, row, run_case  # noqa: E402

COLUMNS = ("method", "fault", "runs", "duplicates", "orphans", "trashed_links", "unfilled", "differences")


def measure(directory: Path, verbose: bool = False) -> list[dict]:
    """Every case of the matrix, aggregated per (method, fault)."""
    fake = FakeGoogle.start(port=0)
    try:
        cases = matrix(fake, directory)
        grouped = defaultdict(list)
        for n, case in enumerate(cases, 1):
            outcome = run_case(fake, directory, case)
            if verbose or not outcome.clean:
                print(f"[{n}/{len(cases)}] {case.scenario} {case.method} {case.fault} {case.position}: "
                      f"{'ok' if outcome.clean else outcome.details or outcome.error}", file=sys.stderr)
            grouped[(case.method, case.fault)].append(outcome)
        return [row(outcomes) for _, outcomes in sorted(grouped.items())]
    finally:
        fake.stop()


def table(rows: list[dict]) -> str:
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in COLUMNS}
    lines = ["  ".join(c.ljust(widths[c]) for c in COLUMNS)]
    lines += ["  ".join(str(r[c]).ljust(widths[c]) for c in COLUMNS) for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    parser.add_argument("--record", action="store_true", help=f"write the rows to {FIGURES_FILE}")
    parser.add_argument("--verbose", action="store_true", help="a line per case on stderr")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nastavnik-exactly-once-") as tmp:
        rows = measure(Path(tmp), args.verbose)
    if args.record:
        record(rows)
    print(json.dumps(rows, ensure_ascii=False, indent=1) if args.json else table(rows))
    clean = all(not any(r[c] for c in COLUMNS[3:]) for r in rows)
    return 0 if clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
