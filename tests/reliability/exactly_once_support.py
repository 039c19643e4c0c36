"""The exactly-once fault matrix (issue 16), shared by tests/test_exactly_once.py and
benchmarks/exactly_once.py (this module holds no tests).

A *case* is one changing Google method the project calls, one fault — the answer lost after
Google did the work (``lost``), the connection dropped before it (``drop``), the answer slower than
the client's timeout while the work lands later (``slow``) — and one position: the method's
first call of the run, or a later one (its last call in a fault-free run). The case runs its
scenario on a fresh fake Google Workspace with that one fault planned (`Faults.plan`), then the
next normal run, and counts what a school would find wrong, against a fault-free run:

- ``duplicates`` — a document, template, folder, form or picture made twice (two files with one
  key), a permission granted twice;
- ``orphans`` — a file nastavnik made that nothing records or links (a form left in «Мой диск»,
  a picture left in the folder, a document with a key the fault-free run does not have);
- ``trashed_links`` — a link in any tab to a file in the trash;
- ``unfilled`` — a document still showing ``{{…}}``, or a questionnaire with a question twice;
- ``differences`` — tabs (besides «Журнал») and documents that differ from the fault-free run,
  and a run that failed (one fault must be absorbed by the retry policy, not reach the school).
"""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from tests.reliability.faults_support import google_state, job_rows, run_orders

FAULTS = ("lost", "drop", "slow")
POSITIONS = ("first", "later")
SLOW_SECONDS = 3.0  # the fake holds a "slow" request this long; the client gives up after TIMEOUT
TIMEOUT = 2.0
_ID = re.compile(r"[A-Za-z0-9_-]{25,}")


@dataclass
class Scenario:
    """What a school runs, and the changing methods it calls (found from a fault-free run)."""

    name: str
    prepare: Callable[[Any, Path], Any]  # (fake, directory) → the workspace, before the run
    run: Callable[[Any], Any]  # the run, on the workspace

    def methods(self, fake, directory: Path) -> Counter:
        """Each changing method of a fault-free run → how many times it is called."""
        ws = self.prepare(fake, directory)
        fake.clear_requests()
        self.run(ws)
        return Counter(e["method_id"] for e in fake.requests() if e["method"] != "GET" and e["api"] != "oauth"
                       and e["method_id"] not in NOT_CHANGING)


NOT_CHANGING = frozenset({"drive.files.generateIds"})


def _orders_workspace(fake, directory: Path):
    from tests.test_google_support import new_folder, seeded_workspace

    ws = seeded_workspace(fake, directory, job_rows("orders"), timeout=TIMEOUT, max_retries=6)
    ws.folder_id = new_folder(ws.client, "Наставничество (exactly once)")
    ws.lease_settle_seconds = 0.0  # one process: no rival to wait for
    return ws


def _orders_run(ws):
    from jobs.cli.lock import one_run

    return one_run(ws, "orders", lambda: run_orders(ws))


def _report_workspace(fake, directory: Path):
    from tests.test_google_support import new_folder, seeded_workspace
    from tests.test_monitor_data import programme_rows

    ws = seeded_workspace(fake, directory, programme_rows(), timeout=TIMEOUT, max_retries=6)
    ws.folder_id = new_folder(ws.client, "Наставничество (exactly once)")
    return ws


def _report_run(ws):
    """Two reports, a week apart: each changing call of a report is made a first and a later time."""
    import datetime as dt

    from jobs.report import report
    from tests.test_report import NOW, SCHOOL

    report(ws, SCHOOL, now=NOW)
    return report(ws, SCHOOL, now=NOW + dt.timedelta(days=7))


def _forms_workspace(fake, directory: Path):
    from tests.test_google_support import new_folder, seeded_workspace

    ws = seeded_workspace(fake, directory, {}, timeout=TIMEOUT, max_retries=6)
    ws.folder_id = new_folder(ws.client, "Наставничество (exactly once)")
    return ws


def _forms_run(ws):
    from jobs.ingest import prepare_questionnaires

    return prepare_questionnaires(ws)


SCENARIOS = {
    "orders": Scenario("orders", _orders_workspace, _orders_run),
    "report": Scenario("report", _report_workspace, _report_run),
    "questionnaires": Scenario("questionnaires", _forms_workspace, _forms_run),
}


@dataclass(frozen=True)
class Case:
    scenario: str
    method: str
    fault: str
    position: str
    call: int  # the call of `method` the fault hits (1-based)


@dataclass
class Outcome:
    """What one case left (the columns of the benchmark's rows)."""

    case: Case
    duplicates: int = 0
    orphans: int = 0
    trashed_links: int = 0
    unfilled: int = 0
    differences: int = 0
    error: str = ""  # a run that failed (exit 3): its message
    details: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.duplicates or self.orphans or self.trashed_links or self.unfilled
                    or self.differences or self.error)


def matrix(fake, directory: Path, scenarios=SCENARIOS) -> list[Case]:
    """Every case: each changing method of each scenario × fault × position."""
    cases = []
    for name, scenario in scenarios.items():
        fake.reset()
        sub = directory / f"methods-{name}"
        sub.mkdir(parents=True, exist_ok=True)
        for method, count in sorted(scenario.methods(fake, sub).items()):
            for fault in FAULTS:
                for position in POSITIONS:
                    cases.append(Case(name, method, fault, position, 1 if position == "first" else max(2, count)
                                      if count > 1 else 0))
    return [c for c in cases if c.call]


_REFERENCES: dict[str, Any] = {}


def reference(fake, directory: Path, name: str):
    """The state a fault-free run of the scenario leaves, then the next normal run (cached)."""
    if name not in _REFERENCES:
        fake.reset()
        sub = directory / f"reference-{name}"
        sub.mkdir(parents=True, exist_ok=True)
        scenario = SCENARIOS[name]
        ws = scenario.prepare(fake, sub)
        scenario.run(ws)
        scenario.run(ws)
        _REFERENCES[name] = (google_state(ws, fake), _labels(ws, fake))
    return _REFERENCES[name]


def run_case(fake, directory: Path, case: Case) -> Outcome:
    """The case's scenario with its one fault, then the next normal run; what they left."""
    from sync.workspace import WorkspaceError

    expected, expected_labels = reference(fake, directory, case.scenario)
    fake.reset()
    sub = directory / f"{case.scenario}-{case.method}-{case.fault}-{case.position}"
    sub.mkdir(parents=True, exist_ok=True)
    scenario = SCENARIOS[case.scenario]
    ws = scenario.prepare(fake, sub)
    outcome = Outcome(case)
    fake.set_faults(plan=[{"method": case.method, "call": case.call, "fault": case.fault}],
                    slow_seconds=SLOW_SECONDS)
    try:
        scenario.run(ws)
    except WorkspaceError as exc:
        outcome.error = str(exc)
    finally:
        fake.clear_faults()
    time.sleep(SLOW_SECONDS)  # a request the client gave up on lands before the next run
    try:
        scenario.run(ws)
    except WorkspaceError as exc:
        outcome.error = (outcome.error + " / " if outcome.error else "") + f"the next run: {exc}"
    measure(reader(ws), fake, expected, expected_labels, outcome)
    return outcome


def reader(ws):
    """The workspace as a patient reader sees it: the same spreadsheet and folder, read with a
    generous timeout (the scenario's client gives up after `TIMEOUT`, short for the slow faults)."""
    from sync.google import GoogleWorkspace
    from sync.google.client import GoogleClient

    client = GoogleClient(ws.client.credentials, endpoint=ws.client.endpoint, timeout=60.0)
    return GoogleWorkspace(client, ws.spreadsheet_id, ws.folder_id)


def _labels(ws, fake) -> Counter:
    """What the workspace's files are, by kind: (mark, kind or role, key) → count (non-trashed)."""
    with fake.lock:
        files = [f for f in fake.state.drive.files.values() if not f.trashed and not f.is_root]
        return Counter(_label(f) for f in files if _label(f))


def _label(f) -> tuple[str, str, str] | None:
    props = f.app_properties
    if props.get("nastavnik"):
        return (props["nastavnik"], props.get("nastavnik_kind") or props.get("nastavnik_folder", ""),
                props.get("nastavnik_key", "") if props["nastavnik"] != "image" else f.name)
    if f.mime_type == "application/vnd.google-apps.form":
        return ("form", f.name, "")
    if f.mime_type.startswith("image/"):
        return ("image", f.name, "")
    return None


def measure(ws, fake, expected, expected_labels: Counter, outcome: Outcome) -> None:
    """Fill `outcome`'s counts from the state the runs left (see the module docstring)."""
    from tests.fake_google.models.docs import document_text

    labels = _labels(ws, fake)
    grids = ws.read_grids([p["title"] for p in ws.sheet_properties()])  # before taking the fake's lock
    for label, count in labels.items():
        wanted = expected_labels.get(label, 0)
        if wanted and count > wanted:
            outcome.duplicates += count - wanted
            outcome.details.append(f"twice: {label}")
        elif not wanted:
            outcome.orphans += count
            outcome.details.append(f"orphan: {label}")
    with fake.lock:
        drive = fake.state.drive
        for f in drive.files.values():
            if f.trashed or f.is_root:
                continue
            seen = Counter((p.get("type"), p.get("role"), p.get("view", ""), p.get("domain", ""), p.get("emailAddress", ""))
                           for p in _permissions(f))
            extra = sum(n - 1 for n in seen.values() if n > 1)
            if extra:
                outcome.duplicates += extra
                outcome.details.append(f"permission twice on {f.name}")
            if f.mime_type == "application/vnd.google-apps.document" and f.app_properties.get("nastavnik") == "document":
                if "{{" in document_text(fake.state.docs.documents[f.id].as_json()):
                    outcome.unfilled += 1
                    outcome.details.append(f"unfilled: {f.name}")
        for form in fake.state.forms.forms.values():
            if form.id in drive.files and not drive.files[form.id].trashed:
                titles = Counter(i.get("title") for i in form.items)
                if any(n > 1 for n in titles.values()):
                    outcome.unfilled += 1
                    outcome.details.append(f"questions twice: {form.info.get('title')}")
        for title, grid in grids.items():
            for row in grid or []:
                for cell in row:
                    for file_id in _ID.findall(str(cell)):
                        if file_id == ws.spreadsheet_id:
                            continue
                        f = drive.files.get(file_id)
                        if f is not None and f.trashed:
                            outcome.trashed_links += 1
                            outcome.details.append(f"link to a trashed file in «{title}»")
    state = google_state(ws, fake)
    differences = [d for d in state.differences(expected) if not d.startswith("tab Журнал")]
    outcome.differences = len(differences)
    outcome.details += differences


def _permissions(f) -> list[dict[str, Any]]:
    return list(f.permissions)


def row(outcomes: list[Outcome]) -> dict[str, Any]:
    """One benchmark row over the outcomes of a (method, fault)."""
    first = outcomes[0].case
    return {"method": first.method, "fault": first.fault, "runs": len(outcomes),
            "duplicates": sum(o.duplicates for o in outcomes), "orphans": sum(o.orphans for o in outcomes),
            "trashed_links": sum(o.trashed_links for o in outcomes), "unfilled": sum(o.unfilled for o in outcomes),
            "differences": sum(o.differences + bool(o.error) for o in outcomes)}  # a failed run differs too


# --- the figures file -------------------------------------------------------------------------
FIGURES_FILE = Path(__file__).parent / "figures" / "exactly_once.json"
PROMISE = ("Каждый изменяющий вызов Google — ровно один раз: потерянный ответ, обрыв связи, ответ позже "
           "таймаута (первый и поздний вызов), затем обычный запуск — без дублей, сирот, ссылок в корзину, "
           "незаполненных документов, итог как без сбоев")
TEST = ("tests/test_exactly_once.py::"
        "test_the_recorded_matrix_covers_every_changing_method_and_is_all_zero_but_runs")


def record(rows: list[dict[str, Any]]) -> None:
    """Write the benchmark's rows as the figures of RELIABILITY.md's exactly-once section."""
    import json

    data = {"promise": PROMISE, "test": TEST, "measured_by": "benchmarks/exactly_once.py --record",
            "faults": {"lost": "ответ потерян после выполнения", "drop": "связь оборвана до ответа",
                       "slow": f"ответ позже таймаута клиента ({TIMEOUT:g} с; запрос выполнен через {SLOW_SECONDS:g} с)"},
            "matrix": rows}
    FIGURES_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def recorded() -> dict[str, Any]:
    import json

    return json.loads(FIGURES_FILE.read_text(encoding="utf-8"))
