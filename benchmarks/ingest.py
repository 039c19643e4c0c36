"""Benchmark of `ingest` on the Google backend: requests per API and wall time on the fake.

    .venv/bin/python benchmarks/ingest.py                 # a table
    .venv/bin/python benchmarks/ingest.py --json          # a JSON list of objects
    .venv/bin/python benchmarks/ingest.py --responses 500 5000 10000

For each count, on one fake Google Workspace (`tests.fake_google.FakeGoogle`) on loopback: a
spreadsheet is made by `create_google_workspace` and the three forms by
`prepare_questionnaires` (not measured); that many responses to the mentee questionnaire
(distinct teachers) are submitted through the fake's control API; then one `ingest` run is
measured — the requests the fake received, per API (its request log), and the wall time of the
run, client and fake together on this machine — and a second, idle run after it. Forms requests
are one ``forms.get`` and one ``responses.list`` page (5,000 responses) per questionnaire.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.api_calls import NOW, settings_for  # noqa: E402
from jobs.ingest import ingest, prepare_questionnaires  # noqa: E402
from jobs.init import initial_rows  # noqa: E402
from sheets_schema.questionnaires import MENTEE_FORM, IngestState  # noqa: E402
from sheets_schema.tables import INGEST_STATE  # noqa: E402
from sync.google import create_google_workspace, open_google_workspace  # noqa: E402
from sync.google.client import client_from_settings  # noqa: E402
from benchmarks.on_fake import emit, run_sizes  # noqa: E402
from tests.fake_google import FakeGoogle  # noqa: E402

COUNTS = (5000,)
APIS = ("forms", "sheets", "drive", "oauth")


def answers(i: int) -> dict[str, object]:
    by_key = {"full_name": f"Учитель Номер {i}", "position": "учитель", "subject": "математика",
              "levels": ["основное общее"], "years": str(i % 4), "category": "без категории", "young": "да",
              "difficulties": ["современный урок", "работа с родителями"],
              "preferred_form": "традиционная (один на один)", "timetable": ["пн", "ср"], "pd_consent": "да"}
    return {MENTEE_FORM.question(k).title: v for k, v in by_key.items()}


def measure(fake: FakeGoogle, directory: Path, count: int) -> list[dict]:
    """Set up a workspace with forms and `count` responses, then measure ingest runs on it."""
    settings = settings_for(fake, directory)
    setup = client_from_settings(settings)
    settings["folder_id"] = setup.files_create({"name": f"Бенчмарк анкет {count}",
                                                "mimeType": "application/vnd.google-apps.folder"})["id"]
    workspace = create_google_workspace(settings, initial_rows(NOW.date(), None), client=setup)
    prepare_questionnaires(workspace)
    form_id = IngestState.read(workspace.read([INGEST_STATE])[INGEST_STATE.key]).links["mentee"].form_id
    for i in range(count):
        fake.submit_form_response(form_id, answers(i), respondent_email=f"teacher{i}@school26.example",
                                  timestamp=f"2026-11-{1 + i % 26:02d}T{i % 24:02d}:{i % 60:02d}:{i % 59:02d}Z")
    settings |= {"spreadsheet_id": workspace.spreadsheet_id}
    rows: list[dict] = []
    for run in ("first", "idle"):
        fake.clear_requests()
        started = time.perf_counter()
        result = ingest(open_google_workspace(settings), now=NOW)
        seconds = time.perf_counter() - started
        expected = count if run == "first" else 0
        assert result.new == expected, f"ingest took {result.new} responses, expected {expected}"
        counts = Counter(e["api"] for e in fake.requests())
        label = count if run == "first" else f"{count} (idle rerun)"
        rows += [{"responses": label, "api": api, "requests": counts.get(api, 0), "seconds": round(seconds, 3)}
                 for api in APIS]
        rows += [{"responses": label, "api": api, "requests": n, "seconds": round(seconds, 3)}
                 for api, n in sorted(counts.items()) if api not in APIS]
        print(f"  {count:>6} responses, {run} run: {seconds:.2f} s, {result.commit.cells_written} cells written",
              file=sys.stderr)
    return rows


def table(results: list[dict]) -> str:
    lines = [f"{'responses':>20}  {'API':<8} {'requests':>8}  {'ingest, s':>9}", "-" * 51]
    for r in results:
        shown = f"{r['responses']:,}" if isinstance(r["responses"], int) else r["responses"]
        lines.append(f"{shown:>20}  {r['api']:<8} {r['requests']:>8}  {r['seconds']:>9.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, nargs="+", default=list(COUNTS), help="responses to ingest")
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    args = parser.parse_args(argv)
    results = run_sizes(args.responses, measure)
    emit(results, args.json, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
