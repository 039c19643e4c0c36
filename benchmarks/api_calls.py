"""Benchmark of the Google backend: requests per API and wall time of `validate` on the fake.

    .venv/bin/python benchmarks/api_calls.py             # a table
    .venv/bin/python benchmarks/api_calls.py --json      # a JSON list of objects
    .venv/bin/python benchmarks/api_calls.py --sizes 100 1000

For each size (bank rows: mentees and mentors together, from `jobs.sample`) it starts nothing
new: one fake Google Workspace (`tests.fake_google.FakeGoogle`) on loopback serves every size.
The spreadsheet is made by `create_google_workspace` in a Drive folder (not measured), then one
`validate` run is measured: the requests the fake received, per API (its request log), and the
wall time of the run, client and fake together on this machine. The coordinator's OAuth token
comes from a token cache, as in a real installation; the token refresh is counted as "oauth".
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jobs.init import initial_rows  # noqa: E402
from jobs.sample import generate  # noqa: E402
from jobs.validate import validate  # noqa: E402
from sync.google import create_google_workspace, open_google_workspace  # noqa: E402
from sync.google.client import client_from_settings  # noqa: E402
from benchmarks.on_fake import emit, run_sizes  # noqa: E402
from tests.fake_google import FakeGoogle, refresh_token_for  # noqa: E402

SIZES = (100, 1000, 10_000)
APIS = ("sheets", "drive", "oauth")
NOW = dt.datetime(2026, 11, 27, 10, 0)
COORDINATOR = "koordinator@school26.example"


def settings_for(fake: FakeGoogle, directory: Path) -> dict:
    token = directory / "token.json"
    token.write_text(json.dumps({
        "client_id": "nastavnik-benchmark", "client_secret": "secret",
        "refresh_token": refresh_token_for(COORDINATOR), "token_uri": "https://oauth2.googleapis.com/token",
    }), encoding="utf-8")
    return {"auth": "oauth", "credentials": "", "token_cache": str(token), "subject": "",
            "spreadsheet_id": "", "folder_id": "", "endpoint": fake.url, "timeout": 60.0,
            "max_retries": 6, "max_retry_seconds": 120.0, "requests_per_minute": 300}


def measure(fake: FakeGoogle, directory: Path, size: int) -> list[dict]:
    """Create a spreadsheet with `size` bank rows, then measure one validate run on it."""
    settings = settings_for(fake, directory)
    setup = client_from_settings(settings)
    settings["folder_id"] = setup.files_create({"name": f"Бенчмарк {size}",
                                                "mimeType": "application/vnd.google-apps.folder"})["id"]
    created_at = time.perf_counter()
    workspace = create_google_workspace(settings, initial_rows(NOW.date(), generate(size, 1, NOW.date())),
                                        client=setup)
    create_seconds = time.perf_counter() - created_at
    settings["spreadsheet_id"] = workspace.spreadsheet_id
    (directory / "token.json").unlink()  # the measured run refreshes its token like a cron run
    settings = settings_for(fake, directory) | {"spreadsheet_id": workspace.spreadsheet_id,
                                                "folder_id": settings["folder_id"]}
    fake.clear_requests()
    started = time.perf_counter()
    result = validate(open_google_workspace(settings), now=NOW)
    seconds = time.perf_counter() - started
    counts = Counter(e["api"] for e in fake.requests())
    total = sum(s.total for s in result.summaries)
    assert total == size, f"validate saw {total} rows, expected {size}"
    rows = [{"rows": size, "api": api, "requests": counts.get(api, 0), "seconds": round(seconds, 3)} for api in APIS]
    rows += [{"rows": size, "api": api, "requests": n, "seconds": round(seconds, 3)}
             for api, n in sorted(counts.items()) if api not in APIS]
    print(f"  {size:>6} rows: spreadsheet created in {create_seconds:.1f} s, validate {seconds:.2f} s, "
          f"{result.commit.cells_written} cells written", file=sys.stderr)
    return rows


def table(results: list[dict]) -> str:
    lines = [f"{'bank rows':>10}  {'API':<8} {'requests':>8}  {'validate, s':>11}", "-" * 43]
    for r in results:
        lines.append(f"{r['rows']:>10,}  {r['api']:<8} {r['requests']:>8}  {r['seconds']:>11.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="bank rows to measure")
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    args = parser.parse_args(argv)
    results = run_sizes(args.sizes, measure)
    emit(results, args.json, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
