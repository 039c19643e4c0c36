"""Crashes, proven harmless: `ingest` and `orders` killed at every I/O step of a clean run — on
the local workspace (each read of the workbook, each read of the exports, each save, each file a
document store writes) and on the fake Google (each API call) — then run again: the workspace
ends identical to an uninterrupted run, with no row or document twice. And one real SIGKILL of a
subprocess in the middle of saving the workbook: the workbook is intact and the rerun completes.

The kill is `KilledAt`, a BaseException like the KeyboardInterrupt of a killed process: no job
may swallow it. Figures are asserted against tests/reliability/figures/crashes.json.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from openpyxl import load_workbook

import sync.local.documents as local_documents
from sheets_schema.tables import LOG
from sheets_schema.templates import ORDER_PAIRS, PROGRAMME
from sync.google import GoogleWorkspace
from sync.local import LocalWorkspace
from jobs.ingest import prepare_questionnaires
from tests.reliability.faults_support import (
    State, check_figures, duplicated_rows, google_state, ingest_responses, local_state, orders_rows,
    run_job, submit_to_fake, write_exports,
)
from tests.test_google_support import local_workspace, new_folder, sample_rows, seeded_workspace

# I/O steps of a clean run, found by counting them (test_a_clean_run_has_the_steps_counted)
STEPS = {("local", "ingest"): 8, ("local", "orders"): 14, ("google", "ingest"): 15, ("google", "orders"): 30}  # a document: copy, a read of the copy, the fill at its revision (issue 16); orders make an addendum per mentor (issue 18)
PROMISE = "Процесс убит на любом шаге ввода-вывода: повторный запуск даёт то же, что и непрерванный, без дублей"


class KilledAt(BaseException):
    """The process died at this I/O step (BaseException: `except Exception` must not catch it)."""


class Steps:
    """Counts the I/O steps of a run; raises `KilledAt` on step `kill_at`."""

    def __init__(self, kill_at: int | None = None):
        self.kill_at = kill_at
        self.names: list[str] = []

    def step(self, name: str) -> None:
        self.names.append(name)
        if len(self.names) == self.kill_at:
            raise KilledAt(f"{len(self.names)}: {name}")


def instrument(workspace, steps: Steps, monkeypatch) -> None:
    """Route every I/O primitive of `workspace` through `steps`."""
    def wrap(owner, name, label):
        inner = getattr(owner, name)

        def counted(*args, **kwargs):
            steps.step(label(*args) if callable(label) else label)
            return inner(*args, **kwargs)
        monkeypatch.setattr(owner, name, counted)

    if isinstance(workspace, LocalWorkspace):
        wrap(workspace, "read_grids", "read workbook")
        wrap(workspace, "read_grids_for_write", "read workbook for write")
        wrap(workspace, "write_cells", "save workbook")
        wrap(workspace, "read_responses", lambda form, *a: f"read exports {form.key}")
        wrap(local_documents, "_atomic_write", lambda path, *a: f"write {path.parent.name}/{path.suffix}")
    else:
        wrap(workspace.client.policy, "run", lambda operation, *a: operation)


# --- the scenarios --------------------------------------------------------------------------------
def make(backend: str, job: str, fake, directory):
    """A workspace ready for `job`: bank rows, and the exports/responses or the templates."""
    directory.mkdir(parents=True)
    rows = sample_rows(20, seed=2) if job == "ingest" else orders_rows(2)
    if backend == "local":
        ws = local_workspace(directory, rows)
        if job == "ingest":
            write_exports(ws.directory, ingest_responses())
    else:
        ws = seeded_workspace(fake, directory, rows)
        ws.folder_id = new_folder(ws.client)
        if job == "ingest":
            prepare_questionnaires(ws)
            submit_to_fake(fake, ws, ingest_responses())
    if job == "orders":
        ws.documents({}).place_templates((PROGRAMME, ORDER_PAIRS))  # as init does
    return ws


def reopen(ws):
    """The workspace as a new process opens it."""
    if isinstance(ws, LocalWorkspace):
        return LocalWorkspace(ws.directory)
    return GoogleWorkspace(ws.client, ws.spreadsheet_id, ws.folder_id)


def state_of(ws, fake) -> State:
    state = local_state(ws) if isinstance(ws, LocalWorkspace) else google_state(ws, fake)
    # «Подробности» of «Журнал» say what a run found already made («найдено созданных ранее»)
    grid = state.grids.get(LOG.title)
    if grid:
        details = grid[0].index("Подробности")
        for row in grid[1:]:
            row[details] = ""
    return state


_REFERENCE: dict[tuple[str, str], tuple[State, list[str]]] = {}


def reference(backend: str, job: str, fake, tmp_path, monkeypatch) -> tuple[State, list[str]]:
    """The state an uninterrupted run leaves, and its I/O steps (computed once per backend and job)."""
    if (backend, job) not in _REFERENCE:
        ws = make(backend, job, fake, tmp_path / "reference")
        steps = Steps()
        with monkeypatch.context() as patch:
            instrument(ws, steps, patch)
            run_job(job, ws)
        _REFERENCE[backend, job] = (state_of(ws, fake), steps.names)
    return _REFERENCE[backend, job]


CASES = [pytest.param(backend, job, step, id=f"{backend}-{job}-step{step}")
         for (backend, job), count in STEPS.items() for step in range(1, count + 1)]


@pytest.mark.parametrize("backend, job", list(STEPS), ids=[f"{b}-{j}" for b, j in STEPS])
def test_a_clean_run_has_the_steps_counted(request, tmp_path, monkeypatch, backend, job):
    fake = request.getfixturevalue("fake_google") if backend == "google" else None
    expected, names = reference(backend, job, fake, tmp_path, monkeypatch)
    assert len(names) == STEPS[backend, job], names
    assert expected.duplicates == 0 and duplicated_rows(expected) == 0
    check_figures("crashes.json", f"tests/test_reliability_crashes.py::test_a_clean_run_has_the_steps_counted[{backend}-{job}]", {
        "promise": PROMISE, "I/O steps of a clean run": len(names)})


@pytest.mark.parametrize("backend, job, step", CASES)
def test_killed_at_a_step_the_rerun_ends_as_an_uninterrupted_run(request, tmp_path, monkeypatch, backend, job, step):
    fake = request.getfixturevalue("fake_google") if backend == "google" else None
    expected, names = reference(backend, job, fake, tmp_path, monkeypatch)
    ws = make(backend, job, fake, tmp_path / "killed")
    steps = Steps(kill_at=step)

    with monkeypatch.context() as patch:
        instrument(ws, steps, patch)
        with pytest.raises(KilledAt):
            run_job(job, ws)
    assert steps.names == names[:step]  # killed where the clean run had this step
    rerun = run_job(job, reopen(ws))

    state = state_of(ws, fake)
    code = rerun.exit_code
    assert (code() if callable(code) else code) == 0
    assert state.differences(expected) == []
    assert state.duplicates == 0, state.extra
    assert duplicated_rows(state) == 0
    check_figures("crashes.json", f"tests/test_reliability_crashes.py::test_killed_at_a_step_the_rerun_ends_as_an_uninterrupted_run[{backend}-{job}-step{step}]", {
        "promise": PROMISE, f"killed at step {step} of {len(names)}: {names[step - 1]}": 1,
        "differences after the rerun": len(state.differences(expected)),
        "duplicated rows": duplicated_rows(state), "duplicated documents": state.duplicates,
    })


# --- a real SIGKILL ------------------------------------------------------------------------------
CHILD = textwrap.dedent("""
    import os, signal, sys
    from jobs.ingest import ingest
    from sync.local import LocalWorkspace
    from tests.test_google_support import NOW

    real_replace = os.replace

    def replace(src, dst):  # the new workbook is written; die before it takes the old one's place
        if str(dst).endswith("workspace.xlsx"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst)

    os.replace = replace  # the save (sync.local.workbook_save) renames through os.replace
    ingest(LocalWorkspace(sys.argv[1]), now=NOW)
""")


@pytest.mark.slow
def test_sigkill_while_saving_leaves_the_workbook_intact_and_the_rerun_completes(tmp_path, monkeypatch, caplog):
    expected, _ = reference("local", "ingest", None, tmp_path, monkeypatch)
    ws = make("local", "ingest", None, tmp_path / "killed")
    before = ws.path.read_bytes()

    child = subprocess.run([sys.executable, "-c", CHILD, str(ws.directory)], cwd=os.getcwd(),
                           capture_output=True, timeout=120)

    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert ws.path.read_bytes() == before  # the old workbook, whole
    load_workbook(ws.path)
    leftovers = list(ws.directory.glob(".nastavnik-*"))
    assert [p.suffix for p in leftovers] == [".part"]  # never a second .xlsx beside the workbook
    with caplog.at_level("INFO", logger="nastavnik.local"):
        rerun = run_job("ingest", LocalWorkspace(ws.directory))
    state = state_of(LocalWorkspace(ws.directory), None)
    assert rerun.exit_code == 0
    assert state.differences(expected) == []
    assert duplicated_rows(state) == 0
    left_after = list(ws.directory.glob(".nastavnik-*"))
    assert left_after == []
    assert [r.getMessage() for r in caplog.records if r.name == "nastavnik.local"] == [
        f"Удалён временный файл прерванной записи книги: {leftovers[0].name} (папка {ws.directory}); книга не пострадала."
    ]
    check_figures("crashes.json", "tests/test_reliability_crashes.py::test_sigkill_while_saving_leaves_the_workbook_intact_and_the_rerun_completes", {
        "promise": "SIGKILL во время сохранения книги: книга цела (атомарная запись), повторный запуск доделывает работу",
        "processes killed by SIGKILL": 1, "workbooks damaged": 0, "temporary files left": len(leftovers),
        "temporary files left after the rerun": len(left_after),
        "differences after the rerun": len(state.differences(expected)), "duplicated rows": duplicated_rows(state),
    })
