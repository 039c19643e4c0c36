"""Fidelity of the fake Google to real Google: gspread's recorded real traffic replayed on it.

    .venv/bin/python benchmarks/fidelity.py           # a table (agreement in percent)
    .venv/bin/python benchmarks/fidelity.py --json    # a JSON list of objects (agreement 0–1)

Replays `tests/contract/fixtures/gspread_cassettes.json` (the subset of gspread's vcrpy cassettes
of real Sheets v4 and Drive v3 calls that exercises every kind of call in them: 33 test runs,
314 calls — see its README) call by call on a fresh fake per run, and counts, per API, the calls
whose answer agrees with Google's recorded one:

* status_agree — the same HTTP status;
* shape_agree  — the same set of JSON key paths (array indices generalised);
* values_agree — status, shape and every non-volatile value the same (ids through the mapping of
  recorded to fake ids; timestamps, etags, URLs with ids excepted).

In the JSON rows `{api, interactions, status_agree, shape_agree, values_agree}` agreements are
fractions between 0 and 1; the table prints them as percentages. The differences behind them are
listed, with reasons, in tests/fake_google/README.md ("Differences from the recorded traffic").
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.on_fake import emit  # noqa: E402
from tests.contract.replay import replay, score  # noqa: E402


def table(results: list[dict]) -> str:
    lines = [f"{'API':<8} {'calls':>6}  {'status %':>8}  {'shape %':>8}  {'values %':>8}", "-" * 46]
    for r in results:
        lines.append(f"{r['api']:<8} {r['interactions']:>6,}  {100 * r['status_agree']:>8.2f}  "
                     f"{100 * r['shape_agree']:>8.2f}  {100 * r['values_agree']:>8.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of objects (agreements as fractions 0–1)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    outcomes = replay()
    print(f"  {len(outcomes)} recorded calls replayed in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    emit(score(outcomes), args.json, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
