"""Benchmark of `orders` on the Google backend: requests per document on the fake.

    .venv/bin/python benchmarks/documents.py             # a table
    .venv/bin/python benchmarks/documents.py --json      # a JSON list of objects
    .venv/bin/python benchmarks/documents.py --pairs 10 100

For each size, a spreadsheet with that many approved pairs (every consent given) is made in a
Drive folder of the fake Google Workspace (`tests.fake_google.FakeGoogle`, loopback) and the
default templates are placed (neither measured); then one `orders` run is measured: the
requests the fake received per API (its request log) and the wall time, client and fake
together. It makes one order, one programme per pair and one labour-contract addendum per mentor
(every pair here has its own mentor), so documents = 2 × pairs + 1. The target is a constant
number of requests per document (files.copy, documents.batchUpdate, the link written back in the
one «Пары» batch) plus a constant per run.
Objects of ``--json``: ``pairs``, ``documents``, ``api``, ``requests``, ``seconds``, one per
API, and one with ``api`` = ``all``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jobs.documents.settings import DocumentSettings  # noqa: E402
from jobs.init import DEFAULT_SCHOOL, initial_rows  # noqa: E402
from jobs.orders import orders  # noqa: E402
from sheets_schema.templates import TEMPLATES  # noqa: E402
from sync.google import create_google_workspace, open_google_workspace  # noqa: E402
from sync.google.client import client_from_settings  # noqa: E402
from benchmarks.on_fake import emit, run_sizes  # noqa: E402
from tests.fake_google import FakeGoogle, refresh_token_for  # noqa: E402
from tests.test_orders import NOW, mentee, mentor, pair  # noqa: E402

SIZES = (10, 100)
APIS = ("sheets", "drive", "docs", "oauth")


def settings_for(fake: FakeGoogle, directory: Path) -> dict:
    token = directory / "token.json"
    token.write_text(json.dumps({
        "client_id": "nastavnik-benchmark", "client_secret": "secret",
        "refresh_token": refresh_token_for("koordinator@school26.example"),
        "token_uri": "https://oauth2.googleapis.com/token"}), encoding="utf-8")
    return {"auth": "oauth", "credentials": "", "token_cache": str(token), "subject": "",
            "spreadsheet_id": "", "folder_id": "", "endpoint": fake.url, "timeout": 60.0,
            "max_retries": 6, "max_retry_seconds": 120.0, "requests_per_minute": 300}


def rows(n: int) -> dict:
    content = initial_rows(NOW.date(), None)
    names = [f"{a}{b}" for a in ("Сми", "Куз", "Поп", "Вас", "Пет", "Сок", "Мих", "Нов", "Фёд", "Мор")
             for b in ("рнова", "нецова", "ова", "ильева", "рова", "олова", "айлова", "икова", "орова", "озова")]
    content["mentors"] = [mentor(0, full_name=f"{names[i]} Ольга Ивановна", email=f"mentor{i}@school.example")
                          for i in range(n)]
    content["mentees"] = [mentee(0, full_name=f"{names[i]} Мария Петровна", email=f"mentee{i}@school.example")
                          for i in range(n)]
    content["pairs"] = [pair(0, pair_id=f"P{i:03d}", mentor_email=f"mentor{i}@school.example",
                             mentee_emails=f"mentee{i}@school.example", mentor_name=f"{names[i]} Ольга Ивановна",
                             mentee_names=f"{names[i]} Мария Петровна") for i in range(n)]
    return content


def measure(fake: FakeGoogle, directory: Path, n: int) -> list[dict]:
    settings = settings_for(fake, directory)
    setup = client_from_settings(settings)
    settings["folder_id"] = setup.files_create({"name": f"Бенчмарк {n}",
                                                "mimeType": "application/vnd.google-apps.folder"})["id"]
    workspace = create_google_workspace(settings, rows(n), client=setup)
    workspace.documents({}).place_templates(TEMPLATES)
    settings["spreadsheet_id"] = workspace.spreadsheet_id
    fake.clear_requests()
    started = time.perf_counter()
    result = orders(open_google_workspace(settings), DEFAULT_SCHOOL, DocumentSettings(), now=NOW)
    seconds = round(time.perf_counter() - started, 3)
    documents = len(result.created)
    assert documents == 2 * n + 1 and len(result.assigned) == n, result.lines
    counts = Counter(e["api"] for e in fake.requests())
    out = [{"pairs": n, "documents": documents, "api": api, "requests": counts.get(api, 0), "seconds": seconds}
           for api in APIS]
    out += [{"pairs": n, "documents": documents, "api": api, "requests": c, "seconds": seconds}
            for api, c in sorted(counts.items()) if api not in APIS]
    out.append({"pairs": n, "documents": documents, "api": "all", "requests": sum(counts.values()),
                "seconds": seconds})
    return out


def table(results: list[dict]) -> str:
    lines = [f"{'pairs':>6} {'documents':>9}  {'API':<7} {'requests':>8} {'per document':>13} {'orders, s':>10}",
             "-" * 60]
    for r in results:
        lines.append(f"{r['pairs']:>6} {r['documents']:>9}  {r['api']:<7} {r['requests']:>8} "
                     f"{r['requests'] / r['documents']:>13.2f} {r['seconds']:>10.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=list(SIZES), help="approved pairs to measure")
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    args = parser.parse_args(argv)
    results = run_sizes(args.pairs, measure)
    emit(results, args.json, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
