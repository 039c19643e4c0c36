"""Benchmark of the whole nightly run on the fake Google Workspace: requests per API and wall time.

    .venv/bin/python benchmarks/nightly.py               # a table
    .venv/bin/python benchmarks/nightly.py --json        # a JSON list of {staff, api, requests, seconds,
                                                         #   cpu_seconds, fake_cpu_seconds}
    .venv/bin/python benchmarks/nightly.py --staff 150 5000 --no-lock --repeat 3

For each size (staff: mentees and mentors together, from `jobs.sample`) a workspace is made the
way `nastavnik init --google --sample N` makes it — the spreadsheet in a Drive folder and the
Google Forms (not measured). Then one run of `jobs.nightly.nightly` — whatever steps it has
today, called as is — is measured inside the run lock the CLI takes (the Google lease, whose
confirmation wait, the workspace's ``lease_settle_seconds``, is part of the wall time; it is
the workspace's first run, so the lease adds its tab; ``--no-lock`` leaves the lease out). Measured: the requests the fake received, per API (its request log; the token
refresh is "oauth"); the wall time of the run, client and fake together on this machine
(``seconds``); and the CPU seconds apart: ``fake_cpu_seconds`` is what the fake's server threads
spent serving (`FakeGoogle.cpu_seconds`, per-thread CPU time), ``cpu_seconds`` the rest of this
process's CPU time over the run — the project's own work (the clients included). With
``--repeat N`` each size is made and run N times on a fresh workspace and the fastest run (by
wall time) is reported: on a shared machine the minimum is the closest to a quiet one.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.api_calls import settings_for  # noqa: E402
from jobs.init import init_workspace  # noqa: E402
from jobs.config import MatchingSettings  # noqa: E402
from jobs.nightly import NightlySettings, nightly  # noqa: E402
from sync.google import create_google_workspace, open_google_workspace  # noqa: E402
from sync.google.client import client_from_settings  # noqa: E402
from benchmarks.on_fake import emit, run_sizes  # noqa: E402
from tests.fake_google import FakeGoogle  # noqa: E402

SIZES = (150, 5000)
APIS = ("sheets", "drive", "forms", "docs", "oauth")
NOW = dt.datetime(2026, 11, 27, 3, 0)


def measure(fake: FakeGoogle, directory: Path, staff: int, lock: bool = True) -> list[dict]:
    """Make a workspace with `staff` people (and its forms), then measure one nightly run on it."""
    settings = settings_for(fake, directory)
    setup = client_from_settings(settings)
    settings["folder_id"] = setup.files_create({"name": f"Бенчмарк {staff}",
                                                "mimeType": "application/vnd.google-apps.folder"})["id"]
    made = init_workspace(lambda rows: create_google_workspace(settings, rows, client=setup),
                          sample_size=staff, seed=1, today=NOW.date())
    spreadsheet_id = made.workspace.spreadsheet_id
    (directory / "token.json").unlink()  # the measured run refreshes its token like a cron run
    settings = settings_for(fake, directory) | {"spreadsheet_id": spreadsheet_id, "folder_id": settings["folder_id"]}
    fake.clear_requests()
    started, cpu_started = time.perf_counter(), time.process_time()
    workspace = open_google_workspace(settings)
    with workspace.run_lock("nightly") if lock else nullcontext():
        # as cron runs it: every step (orders stay off by default, as in the config)
        result = nightly(workspace, NightlySettings(matching=MatchingSettings.from_section({})), now=NOW)
    seconds = time.perf_counter() - started
    fake_cpu = fake.cpu_seconds()
    cpu = time.process_time() - cpu_started - fake_cpu
    counts = Counter(e["api"] for e in fake.requests())
    steps = ", ".join(f"{s.job} {s.exit_code}" for s in result.steps)
    print(f"  {staff:>6} staff: nightly {seconds:.2f} s, CPU {cpu:.2f} s project + {fake_cpu:.2f} s fake "
          f"(steps and exit codes: {steps})", file=sys.stderr)
    figures = {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "fake_cpu_seconds": round(fake_cpu, 3)}
    return [{"staff": staff, "api": api, "requests": n} | figures
            for api, n in [(api, counts.get(api, 0)) for api in APIS]
            + [(api, n) for api, n in sorted(counts.items()) if api not in APIS]]


def fastest(fake: FakeGoogle, directory: Path, staff: int, lock: bool = True, repeat: int = 1) -> list[dict]:
    """`measure` `repeat` times on a fresh fake and workspace; the rows of the fastest run."""
    runs = []
    for i in range(repeat):
        if i:
            fake.reset()
        runs.append(measure(fake, directory, staff, lock))
    return min(runs, key=lambda rows: rows[0]["seconds"])


def table(results: list[dict]) -> str:
    lines = [f"{'staff':>7}  {'API':<8} {'requests':>8}  {'nightly, s':>10}  {'CPU, s':>7}  {'fake CPU, s':>11}",
             "-" * 60]
    for r in results:
        lines.append(f"{r['staff']:>7,}  {r['api']:<8} {r['requests']:>8}  {r['seconds']:>10.2f}  "
                     f"{r['cpu_seconds']:>7.2f}  {r['fake_cpu_seconds']:>11.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, nargs="+", default=list(SIZES), help="staff (bank rows) to measure")
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    parser.add_argument("--no-lock", action="store_true", help="run without the Google lease")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is reported")
    args = parser.parse_args(argv)
    results = run_sizes(args.staff, lambda fake, tmp, staff: fastest(fake, tmp, staff, not args.no_lock,
                                                                      max(1, args.repeat)))
    emit(results, args.json, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
