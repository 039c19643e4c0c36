"""Helpers of the reliability tests (this module holds no tests): the scenarios each job runs,
the state a run leaves (every tab's grid, every document by key), and the figures file.

A *scenario* is what a school has before a job runs (bank rows; questionnaire responses for
`ingest`; approved pairs for `orders`) and the call of the job. The same scenario runs
fault-free and under faults, or killed and rerun, and the two `State`s are compared whole.
"""
from __future__ import annotations

import csv
import re
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobs.config import MatchingSettings
from jobs.documents.settings import DocumentSettings
from jobs.ingest import ingest
from jobs.match import match
from jobs.nightly import NightlySettings, nightly
from jobs.orders import orders
from jobs.validate import validate
from sheets_schema.questionnaires import MENTEE_FORM, MONITORING_FORM, IngestState, link_rows
from sheets_schema.tables import INGEST_STATE, LOG
from sync.workspace import ChangeSet, Workspace

FIGURES = Path(__file__).parent / "figures"
JOURNAL_TIMES = ("Начало", "Окончание")  # «Журнал» columns that hold the run's clock
_ID = re.compile(r"[A-Za-z0-9_-]{25,}")  # a Drive, Docs or Forms id


# --- the scenarios ----------------------------------------------------------------------------
def mentee_answers(i: int) -> dict[str, object]:
    """A mentee questionnaire answer (question key → value; lists for checkboxes)."""
    return {"full_name": f"Соколова Анна {chr(1040 + i)}", "position": "учитель", "subject": "математика",
            "levels": ["основное общее"], "years": str(1 + i % 4),
            "difficulties": ["современный урок", "работа с родителями"], "timetable": ["пн", "чт"],
            "pd_consent": "да"}


def monitoring_answers(i: int) -> dict[str, object]:
    return {"role": "наставляемый", "partner_email": f"mentor{i}@school.example", "comfort": "4",
            "usefulness": "5", "clarity": "3", "expectations": "4", "satisfaction": "5", "continue_wish": "4"}


@dataclass(frozen=True)
class Submitted:
    """One questionnaire response of the ingest scenario."""

    form: Any  # a Questionnaire
    email: str
    answers: dict[str, object]
    timestamp: str  # RFC 3339


def ingest_responses(new: int = 6, edits: int = 2, monitoring: int = 3) -> list[Submitted]:
    """New mentees, later answers of two of them (their rows updated), and monitoring answers."""
    out = [Submitted(MENTEE_FORM, f"new{i}@school26.example", mentee_answers(i), f"2026-11-{10 + i:02d}T09:00:00Z")
           for i in range(new)]
    out += [Submitted(MENTEE_FORM, f"new{i}@school26.example", {**mentee_answers(i), "years": "7"},
                      f"2026-11-{20 + i:02d}T10:30:00Z") for i in range(edits)]
    out += [Submitted(MONITORING_FORM, f"new{i}@school26.example", monitoring_answers(i),
                      f"2026-11-{22 + i:02d}T12:00:00Z") for i in range(monitoring)]
    return out


def submit_to_fake(fake, workspace, responses: list[Submitted]) -> None:
    """The responses submitted to the workspace's Google forms, as respondents would."""
    links = IngestState.read(workspace.read([INGEST_STATE])[INGEST_STATE.key]).links
    for r in responses:
        answers = {r.form.question(k).title: v for k, v in r.answers.items()}
        fake.submit_form_response(links[r.form.key].form_id, answers, respondent_email=r.email,
                                  timestamp=r.timestamp)


def write_exports(directory: Path, responses: list[Submitted]) -> None:
    """The responses as the CSV exports staff drop into ``forms/`` (one file per questionnaire)."""
    for form in {r.form.key: r.form for r in responses}.values():
        with (directory / "forms" / f"{form.key}.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["Отметка времени", "Адрес электронной почты"] + [q.title for q in form.form_questions])
            for r in (r for r in responses if r.form is form):
                stamp = r.timestamp.replace("T", " ").removesuffix("Z")
                values = [", ".join(v) if isinstance(v, list) else str(v)
                          for v in (r.answers.get(q.key, "") for q in form.form_questions)]
                writer.writerow([stamp, r.email] + values)


def copy_form_links(source: Workspace, target: Workspace) -> None:
    """Record `source`'s forms in `target`'s service tab: both then read the same responses."""
    links = IngestState.read(source.read([INGEST_STATE])[INGEST_STATE.key]).links
    changes = ChangeSet()
    for key, link in links.items():
        for row in link_rows(key, link):
            changes.append(INGEST_STATE, row)
    target.commit(changes)


def orders_rows(n: int = 3) -> dict[str, list[dict[str, str]]]:
    from tests.test_orders import rows_for

    return rows_for(n)


def run_orders(workspace: Workspace):
    from tests.test_orders import SCHOOL
    from tests.workspaces import NOW

    return orders(workspace, SCHOOL, DocumentSettings(order_number="45-о"), now=NOW)


def run_job(job: str, workspace: Workspace):
    """One run of `job` as the scenarios have it (the clock fixed at 27.11.2026 10:00)."""
    from tests.test_google_support import NOW

    if job == "ingest":
        return ingest(workspace, now=NOW)
    if job == "validate":
        return validate(workspace, now=NOW)
    if job == "match":
        return match(workspace, MatchingSettings.default(), NOW)
    if job == "orders":
        return run_orders(workspace)
    if job == "nightly":
        return nightly(workspace, NightlySettings(matching=MatchingSettings.default()), now=NOW)
    raise ValueError(job)


def job_rows(job: str) -> dict[str, list[dict[str, str]]]:
    from tests.test_google_support import sample_rows

    return orders_rows() if job == "orders" else sample_rows(40, seed=2)


# --- the state a run leaves ---------------------------------------------------------------------
@dataclass
class State:
    """Every tab's grid (ids of documents and forms replaced by their keys, «Журнал» clock
    columns blanked) and every document's text by key; `duplicates` counts extra copies."""

    grids: dict[str, list[list[str]]]
    documents: dict[str, tuple[str, ...]]
    duplicates: int = 0
    extra: dict[str, int] = field(default_factory=dict)  # key → extra copies, for the message

    def differences(self, other: "State") -> list[str]:
        """What differs, tab by tab and document by document (empty: identical)."""
        out = []
        for title in sorted(set(self.grids) | set(other.grids)):
            mine, theirs = self.grids.get(title), other.grids.get(title)
            if mine != theirs:
                out.append(f"tab {title}: {_first_difference(mine, theirs)}")
        for key in sorted(set(self.documents) | set(other.documents)):
            if self.documents.get(key) != other.documents.get(key):
                out.append(f"document {key}")
        return out


def _first_difference(a, b) -> str:
    if a is None or b is None:
        return f"present {a is not None} vs {b is not None}"
    for r in range(max(len(a), len(b))):
        ra = a[r] if r < len(a) else None
        rb = b[r] if r < len(b) else None
        if ra != rb:
            return f"row {r + 1}: {ra} != {rb}"
    return "?"


def _trim(grid: list[list[str]]) -> list[list[str]]:
    rows = [list(r) for r in grid]
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v), default=0) for r in rows), default=0)
    return [(r + [""] * width)[:width] for r in rows]


def normalise(grids: dict[str, list[list[str]] | None], labels: dict[str, str],
              cells: dict[str, str] | None = None) -> dict[str, list[list[str]]]:
    """Grids with the clock of «Журнал» blanked and ids replaced by stable labels."""
    cells = cells or {}
    out = {}
    for title, grid in grids.items():
        if grid is None:
            continue
        rows = _trim(grid)
        blank = {i for i, h in enumerate(rows[0]) if h in JOURNAL_TIMES} if title == LOG.title and rows else set()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if r and c in blank:
                    row[c] = ""
                    continue
                if value in cells:
                    row[c] = cells[value]
                    continue
                row[c] = _ID.sub(lambda m: labels.get(m.group(0), m.group(0)), value)
        out[title] = rows
    return out


def _form_labels(workspace: Workspace) -> tuple[dict[str, str], dict[str, str]]:
    data = workspace.read([INGEST_STATE])[INGEST_STATE.key]
    if not data.ok:
        return {}, {}
    links = IngestState.read(data).links
    labels = {link.form_id: f"<form {key}>" for key, link in links.items() if link.form_id}
    cells = {qid: f"<question {key}.{q}>" for key, link in links.items() for q, qid in link.question_ids.items()}
    return labels, cells


def google_state(workspace, fake) -> State:
    """The state of a Google workspace: all its tabs, and the documents under its folder."""
    from tests.fake_google.models.docs import document_text

    titles = [p["title"] for p in workspace.sheet_properties()]
    grids = workspace.read_grids(titles)
    with fake.lock:
        files = fake.state.drive.files
        folders = {f.id for f in files.values() if workspace.folder_id in f.parents}
        docs = [f for f in files.values() if not f.trashed and f.app_properties.get("nastavnik") == "document"
                and set(f.parents) & folders]
        docs.sort(key=lambda f: f.created_time)
        texts = {f.id: document_text(fake.state.docs.documents[f.id].as_json()) for f in docs}
        names = {f.id: f"<file {f.app_properties.get('nastavnik_kind') or f.name}>" for f in files.values()}
        responses = {r.id: f"<response {r.email} {r.submitted.isoformat()}>"
                     for form in fake.state.forms.forms.values() for r in form.responses.values()}
        names.update({form.responder_id: f"<responder {form.info.get('title')}>"
                      for form in fake.state.forms.forms.values() if form.responder_id})
    labels, cells = _form_labels(workspace)
    labels = {**names, **labels}
    cells = {**responses, **cells}
    by_key: dict[str, list[str]] = {}
    for f in docs:
        by_key.setdefault(f.app_properties.get("nastavnik_key", ""), []).append(f.id)
    documents = {}
    for key, ids in by_key.items():
        for i in ids:
            labels[i] = f"<doc {key}>"
        documents[key] = tuple(texts[ids[0]].split("\n"))
    extra = {k: len(v) - 1 for k, v in by_key.items() if len(v) > 1}
    return State(normalise(grids, labels, cells), documents, sum(extra.values()), extra)


def local_state(workspace) -> State:
    """The state of a local workspace: all sheets of the workbook, and the documents with records;
    a .docx in documents/ that no record names counts as a duplicate (a copy made twice)."""
    from openpyxl import load_workbook
    from sync.local.documents import docx_texts

    titles = load_workbook(workspace.path, read_only=True).sheetnames
    grids = workspace.read_grids(titles)
    store = workspace.documents({})
    existing = store.existing()
    documents = {key: tuple(docx_texts(workspace.directory / d.id)) for key, d in existing.items()}
    recorded = {d.id for d in existing.values()}
    stray = [p for p in sorted((workspace.directory / "documents").glob("*.docx"))
             if p.relative_to(workspace.directory).as_posix() not in recorded]
    return State(normalise(grids, {}), documents, len(stray), {p.name: 1 for p in stray})


def duplicated_rows(state: State) -> int:
    """Rows that repeat a person or a response: bank rows by e-mail, «Мониторинг» rows by
    (e-mail, partner), service-tab records by (record, form, key)."""
    count = 0
    keys = {"Наставляемые": ("E-mail",), "Наставники": ("E-mail",),
            "Мониторинг": ("E-mail", "E-mail второго участника пары"), INGEST_STATE.title: None}
    for title, columns in keys.items():
        grid = state.grids.get(title)
        if not grid:
            continue
        header = grid[0]
        if columns is None:
            positions = list(range(3))
        else:
            positions = [header.index(c) for c in columns if c in header]
        seen = set()
        for row in grid[1:]:
            key = tuple(row[p].strip().casefold() for p in positions)
            if not any(key):
                continue
            count += key in seen
            seen.add(key)
    return count


# --- the figures file -------------------------------------------------------------------------
def figures(name: str) -> dict[tuple[str, str], Any]:
    """(test, figure) → value of ``figures/<name>.json``."""
    rows = json.loads((FIGURES / name).read_text(encoding="utf-8"))
    return {(r["test"], r["figure"]): r["value"] for r in rows}


def check_figures(name: str, test: str, measured: dict[str, Any]) -> None:
    """Assert that what `test` measured is what ``figures/<name>`` says; with the environment
    variable NASTAVNIK_RECORD_FIGURES set, write the measured values instead."""
    import os

    path = FIGURES / name
    if os.environ.get("NASTAVNIK_RECORD_FIGURES"):
        rows = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        promise = measured.pop("promise")
        rows = [r for r in rows if r["test"] != test]
        rows += [{"promise": promise, "test": test, "figure": k, "value": v} for k, v in measured.items()]
        rows.sort(key=lambda r: (r["test"], r["figure"]))
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    measured = {k: v for k, v in measured.items() if k != "promise"}
    recorded = {fig: value for (t, fig), value in figures(name).items() if t == test}
    assert recorded == measured, f"{name} is out of date for {test}: recorded {recorded}, measured {measured}"
