"""Documents on the Google backend are made once even when Google did the work and the answer
never came (`sync/google/documents.py`): a lost answer of a copy or a create, and an answer slower
than the client's timeout, on the fake Google Workspace, against a fault-free run of the same
`orders`."""
from __future__ import annotations

import pytest

from tests.reliability.faults_support import google_state, job_rows, run_orders
from tests.test_google_support import new_folder, seeded_workspace


def workspace(fake, tmp_path, name: str, sleeps: list[float] | None = None, **overrides):
    directory = tmp_path / name
    directory.mkdir()
    ws = seeded_workspace(fake, directory, job_rows("orders"), sleeps=sleeps, **overrides)
    ws.folder_id = new_folder(ws.client, f"Наставничество ({name})")
    return ws


def calls(fake, method_id: str) -> list[dict]:
    return [e for e in fake.requests() if e["method_id"] == method_id]


def besides_the_log(differences: list[str]) -> list[str]:
    return [d for d in differences if not d.startswith("tab Журнал")]


def trashed_lines(state) -> int:
    return sum(str(cell).count("перемещена в корзину") for row in state.grids["Журнал"] for cell in row)


@pytest.fixture
def reference(fake_google, tmp_path):
    ws = workspace(fake_google, tmp_path, "reference")
    fake_google.clear_requests()
    run_orders(ws)
    state = google_state(ws, fake_google)
    assert state.documents and state.duplicates == 0
    return state, len(calls(fake_google, "drive.files.copy")), len(calls(fake_google, "drive.files.list"))


def test_a_copy_whose_answer_is_lost_is_found_by_its_key_not_made_again(fake_google, tmp_path, reference):
    expected, copies, lists = reference
    ws = workspace(fake_google, tmp_path, "lost")
    fake_google.clear_requests()
    fake_google.set_faults(lost_rate=1.0, methods=["drive.files.copy"])

    run_orders(ws)

    fake_google.clear_faults()
    state = google_state(ws, fake_google)
    assert besides_the_log(state.differences(expected)) == [] and state.duplicates == 0
    sent = calls(fake_google, "drive.files.copy")
    # the transport sends a changing request once (httplib2's own resend is off for it); the
    # policy looks by key (one files.list a copy) and finds the copy made: nothing to trash
    assert copies == len(expected.documents) and len(sent) == copies
    assert all(e["fault"] == "lost" for e in sent)
    assert len(calls(fake_google, "drive.files.list")) >= lists + copies
    assert trashed_lines(state) == 0


def test_lost_answers_of_folders_templates_and_copies_make_each_file_once(fake_google, tmp_path, reference):
    expected, copies, _ = reference
    ws = workspace(fake_google, tmp_path, "lost-everywhere")
    fake_google.clear_requests()
    fake_google.set_faults(lost_rate=1.0, methods=["drive.files.create", "drive.files.copy"])

    run_orders(ws)

    fake_google.clear_faults()
    state = google_state(ws, fake_google)
    assert besides_the_log(state.differences(expected)) == [] and state.duplicates == 0
    with fake_google.lock:
        files = [f for f in fake_google.state.drive.files.values() if not f.trashed]
    folders = [f for f in files if ws.folder_id in f.parents and f.app_properties.get("nastavnik") == "folder"]
    templates = [f for f in files if set(f.parents) & {f.id for f in folders}
                 and f.app_properties.get("nastavnik") == "template"]
    assert sorted(f.app_properties["nastavnik_folder"] for f in folders) == ["output", "templates"]
    kinds = [f.app_properties["nastavnik_kind"] for f in templates]
    assert sorted(kinds) == ["addendum", "order_pairs", "programme"]  # the templates orders uses, once each
    repeats = [e for e in calls(fake_google, "drive.files.create") if e["status"] == 409]
    assert len(repeats) == 2  # each folder's create sent again by the policy: 409, read by its id
    assert len(calls(fake_google, "drive.files.generateIds")) == 1


@pytest.mark.slow
def test_a_copy_answered_after_the_timeout_is_waited_for_and_found(fake_google, tmp_path, reference):
    expected, copies, _ = reference
    sleeps: list[float] = []
    ws = workspace(fake_google, tmp_path, "late", sleeps, timeout=1.0, max_retries=10)
    fake_google.clear_requests()
    fake_google.set_faults(delay_rate=1.0, delay_seconds=1.5, methods=["drive.files.copy"])

    run_orders(ws)

    fake_google.clear_faults()
    state = google_state(ws, fake_google)
    assert state.differences(expected) == [] and state.duplicates == 0
    assert len(calls(fake_google, "drive.files.copy")) == copies
    assert len(sleeps) == copies  # one retry wait per timed-out copy, then found by its key
