"""Exactly once on Google (issue 16): a changing request is never sent twice by the transport;
after a lost answer, a dropped connection or an answer past the timeout the retry policy looks
before it repeats, a fill is sent at the document's revision, the copy a run finished is the one
kept; the report's picture is unshared before it is removed; every writing command takes the
lease, and two `orders` at once on two processes make one order in one folder; the fault matrix
(sampled here, whole in benchmarks/exactly_once.py) leaves nothing doubled, orphaned or unfilled.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from sheets_schema import ru
from sheets_schema.tables import PAIRS
from sheets_schema.templates import ORDER_PAIRS
from sync.google.errors import GoogleApiError, TransportError
from sync.google.lease import GoogleLease
from sync.google.retry import (
    ABSENT_AFTER, AFTER_NO_ANSWER, LOOK_FIRST, REVISION, RetriesExhausted, RetryPolicy,
)
from sync.workspace import WorkspaceError
from tests.fake_google.clients import api_service, user_credentials
from tests.reliability import exactly_once_support as eo
from tests.reliability.faults_support import google_state, job_rows, run_orders
from tests.test_google_support import COORDINATOR, fast_client, google_settings, new_folder, seeded_workspace

ROOT = Path(__file__).resolve().parents[1]
DOC = "application/vnd.google-apps.document"


def calls(fake, method_id: str) -> list[dict]:
    return [e for e in fake.requests() if e["method_id"] == method_id]


def orders_workspace(fake, tmp_path, name: str = "ws", **overrides):
    directory = tmp_path / name
    directory.mkdir()
    ws = seeded_workspace(fake, directory, job_rows("orders"), **overrides)
    ws.folder_id = new_folder(ws.client, f"Наставничество ({name})")
    return ws


# --- 1. the transport sends a changing request once ------------------------------------------
def test_a_copy_whose_answer_is_lost_is_sent_once_by_the_transport(fake_google, tmp_path):
    settings = google_settings(fake_google, tmp_path, max_retries=0)
    client = fast_client(settings)
    template = client.files_create({"name": "Шаблон", "mimeType": DOC})["id"]
    fake_google.set_faults(plan=[{"method": "drive.files.copy", "call": 1, "fault": "lost"}])

    with pytest.raises(RetriesExhausted) as raised:
        client.files_copy(template, {"name": "Копия"})

    assert isinstance(raised.value.last, TransportError)
    assert [e["fault"] for e in calls(fake_google, "drive.files.copy")] == ["lost"]
    copies = [f for f in fake_google.state.drive.files.values() if f.name == "Копия"]
    assert len(copies) == 1  # Google made it once; nothing sent it again


def test_httplib2_alone_sends_a_post_again_after_a_lost_answer(fake_google, tmp_path):
    # why NoResendHttp exists: httplib2's "stale connection" retry ignores httplib2.RETRIES
    template = fast_client(google_settings(fake_google, tmp_path)).files_create({"name": "Шаблон", "mimeType": DOC})["id"]
    drive = api_service(fake_google.url, "drive", "v3", user_credentials(fake_google.url, COORDINATOR))
    fake_google.set_faults(plan=[{"method": "drive.files.copy", "call": 1, "fault": "lost"}])

    drive.files().copy(fileId=template, body={"name": "Копия"}).execute(num_retries=0)

    assert [e["fault"] for e in calls(fake_google, "drive.files.copy")] == ["lost", None]
    assert len([f for f in fake_google.state.drive.files.values() if f.name == "Копия"]) == 2


def test_every_changing_operation_of_the_client_says_what_a_lost_answer_means():
    source = (ROOT / "sync" / "google" / "client.py").read_text(encoding="utf-8")
    operations = set(re.findall(r'"((?:drive|docs|forms|spreadsheets)\.[A-Za-z.]+)"', source))
    reading = {op for op in operations if re.search(r"\.(get|list|batchGet|export)$", op)}
    changing = operations - reading - {"drive.about.get"}
    assert changing and changing <= set(AFTER_NO_ANSWER), changing - set(AFTER_NO_ANSWER)
    assert AFTER_NO_ANSWER["drive.files.copy"] == LOOK_FIRST
    assert AFTER_NO_ANSWER["docs.documents.batchUpdate"] == AFTER_NO_ANSWER["forms.batchUpdate"] == REVISION
    assert AFTER_NO_ANSWER["drive.files.delete"] == AFTER_NO_ANSWER["drive.permissions.delete"] == ABSENT_AFTER


# --- 2. the policy: a refusal after a lost attempt is looked into -----------------------------
def _policy() -> RetryPolicy:
    return RetryPolicy(random=lambda: 0.0, sleep=lambda s: None, clock=lambda: 0.0)


def _script(*outcomes):
    it = iter(outcomes)

    def call():
        outcome = next(it)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome
    return call


LOST = TransportError("docs.documents.batchUpdate", ConnectionResetError("reset"))
REFUSED = GoogleApiError("docs.documents.batchUpdate", 400, "INVALID_ARGUMENT", "failedPrecondition",
                         "The required revision ID does not match the latest revision.")
GONE = GoogleApiError("drive.files.delete", 404, "NOT_FOUND", "notFound", "File not found: x.")

REFUSAL_CASES = [  # (name, what the attempts meet, the fill found when looked for, result, looks)
    ("lost: looked for before a repeat, found", (LOST,), True, {}, 1),
    ("lost, not there; the repeat refused: looked again, found", (LOST, REFUSED), [False, True], {}, 2),
    ("lost, not there; the repeat refused, still not there: the refusal stands", (LOST, REFUSED), False, REFUSED, 2),
    ("refused at the first attempt (someone moved it on): no look, the refusal stands", (REFUSED,), True, REFUSED, 0),
]


@pytest.mark.parametrize("name, outcomes, found, expected, looks", REFUSAL_CASES, ids=[c[0] for c in REFUSAL_CASES])
def test_a_revision_refusal_after_a_lost_attempt_is_looked_into(name, outcomes, found, expected, looks):
    answers = list(found) if isinstance(found, list) else [found] * 3
    looked: list[Exception] = []

    def landed(exc):
        looked.append(exc)
        return {} if answers[len(looked) - 1] else None

    def run():
        return _policy().run("docs.documents.batchUpdate", _script(*outcomes), landed)

    if isinstance(expected, Exception):
        with pytest.raises(GoogleApiError) as raised:
            run()
        assert raised.value is expected
    else:
        assert run() == expected
    assert len(looked) == looks


def test_a_delete_whose_answer_was_lost_is_done_when_the_repeat_finds_nothing():
    assert _policy().run("drive.files.delete", _script(LOST, GONE)) is None
    with pytest.raises(GoogleApiError):  # without a lost attempt a 404 is a 404
        _policy().run("drive.files.delete", _script(GONE))


# --- 3. documents: a fill once; of two copies the filled one is kept ---------------------------
def test_a_fill_whose_answer_is_lost_is_read_back_not_sent_again(fake_google, tmp_path):
    ws = orders_workspace(fake_google, tmp_path, "lost")
    fake_google.clear_requests()
    # calls 1-2 write the two templates; call 3 is the first document's fill
    fake_google.set_faults(plan=[{"method": "docs.documents.batchUpdate", "call": 3, "fault": "lost"}])

    result = run_orders(ws)

    fake_google.clear_faults()
    log = [e for e in fake_google.requests() if e["api"] == "docs"]
    lost = next(i for i, e in enumerate(log) if e["fault"] == "lost")
    assert log[lost + 1]["method_id"] == "docs.documents.get"  # read back: the fill is there
    assert log[lost + 1]["path"] == log[lost]["path"].removesuffix(":batchUpdate")
    assert [e for e in log if e["path"] == log[lost]["path"]] == [log[lost]]  # never sent again
    assert result.exit_code == 0 and google_state(ws, fake_google).duplicates == 0


def test_a_fill_landing_after_its_repeat_is_refused_by_google_not_applied_twice(fake_google, tmp_path):
    reference = orders_workspace(fake_google, tmp_path, "reference")
    run_orders(reference)
    expected = google_state(reference, fake_google)
    ws = orders_workspace(fake_google, tmp_path, "slow", timeout=1.0)
    fake_google.clear_requests()
    # held 2.5 s: the client gives up at 1 s, waits 1 s more, reads the copy unfilled and sends the
    # fill again; the first request arrives after that, at a revision that has moved on
    fake_google.set_faults(plan=[{"method": "docs.documents.batchUpdate", "call": 3, "fault": "slow"}],
                           slow_seconds=2.5)

    result = run_orders(ws)

    time.sleep(1.0)
    fake_google.clear_faults()
    slow = next(e for e in fake_google.requests() if e["fault"] == "slow")
    same = [(e["fault"], e["status"]) for e in fake_google.requests() if e["path"] == slow["path"]]
    assert sorted(same, key=str) == sorted([("slow", 400), (None, 200)], key=str)
    state = google_state(ws, fake_google)
    assert result.exit_code == 0
    assert [d for d in state.differences(expected) if not d.startswith("tab Журнал")] == []
    assert state.duplicates == 0


def test_of_two_copies_of_a_key_the_filled_linked_one_is_kept_and_the_orphan_trashed(fake_google, tmp_path):
    ws = orders_workspace(fake_google, tmp_path)
    run_orders(ws)
    with fake_google.lock:
        linked = next(f for f in fake_google.state.drive.files.values()
                      if f.app_properties.get("nastavnik_key", "").startswith("programme:"))
        template = next(f for f in fake_google.state.drive.files.values()
                        if f.app_properties.get("nastavnik_kind") == linked.app_properties["nastavnik_kind"]
                        and f.app_properties.get("nastavnik") == "template")
    # what a copy whose answer was lost leaves: the same key, never filled, made BEFORE the linked one
    orphan = ws.client.files_copy(template.id, {"name": linked.name, "parents": linked.parents,
                                                "appProperties": dict(linked.app_properties)})["id"]
    with fake_google.lock:
        fake_google.state.drive.files[orphan].created_time = "2000-01-01T00:00:00.000Z"

    store = ws.documents({})
    found = store.existing()

    key = linked.app_properties["nastavnik_key"]
    assert found[key].id == linked.id
    assert fake_google.state.drive.files[orphan].trashed and not fake_google.state.drive.files[linked.id].trashed
    assert store.lines == [ru.DOCUMENTS["duplicate_trashed"].format(name=linked.name)]
    links = [cell for row in ws.read_grids([PAIRS.title])[PAIRS.title] for cell in row if linked.id in cell]
    assert links  # «Пары» still links a document that is not in the trash


def test_a_failed_fill_names_the_document_not_the_spreadsheet(fake_google, tmp_path):
    from sheets_schema.templates import TEMPLATES

    ws = orders_workspace(fake_google, tmp_path, max_retries=0)
    ws.documents({}).place_templates(TEMPLATES)
    fake_google.set_faults(rate=1.0, statuses=[503], methods=["docs.documents.batchUpdate"])

    with pytest.raises(WorkspaceError) as raised:
        run_orders(ws)

    fake_google.clear_faults()
    message = str(raised.value)
    assert re.match(r"Документ «Программа наставничества [^»]+» \(https://docs\.google\.com/document/d/[\w-]+/edit"
                    r"[^)]*\) не доделан: Google не выполнил запрос docs\.documents\.batchUpdate", message), message
    assert "запустите ту же команду ещё раз" in message and "таблиц" not in message.lower()
    rerun = run_orders(ws)  # the copy is found by its key and filled; no second copy
    assert rerun.exit_code == 0 and google_state(ws, fake_google).duplicates == 0


# --- 4. the report's picture in a shared drive -------------------------------------------------
def test_the_chart_in_a_shared_drive_is_unshared_then_trashed_when_delete_is_refused(fake_google, tmp_path):
    from jobs.report import report
    from tests.test_monitor_data import programme_rows
    from tests.test_report import NOW, SCHOOL

    with fake_google.lock:
        drive = fake_google.state.drive.drives_create("direktor@school26.example", "drive-26", {"name": "Школа 26"})
        folder = fake_google.state.drive.create("direktor@school26.example", {
            "name": "Наставничество", "mimeType": "application/vnd.google-apps.folder", "parents": [drive.id]},
            supports_all_drives=True)
    fake_google.share(drive.id, COORDINATOR, "fileOrganizer")  # «Менеджер контента»: may trash, not delete
    fake_google.grant_app(folder.id, COORDINATOR)  # chosen in the app (drive.file reaches it)
    ws = seeded_workspace(fake_google, tmp_path, programme_rows())
    ws.folder_id = folder.id
    fake_google.clear_requests()

    result = report(ws, SCHOOL, now=NOW)

    log = [(e["method_id"], e["status"]) for e in fake_google.requests() if e["api"] in ("drive", "docs")]
    pictures = [f for f in fake_google.state.drive.files.values() if f.mime_type == "image/png"]
    assert len(pictures) >= 2  # the questions chart and the plans chart (issue 22)
    fill = max(i for i, call in enumerate(log) if call == ("docs.documents.batchUpdate", 200))  # the report's fill
    # every picture is uploaded and shared just before the fill that inserts them, and after it each
    # is unshared, refused deletion (a Content manager) and moved to the trash instead
    assert log[fill - 2 * len(pictures):fill] == [("drive.files.create", 200), ("drive.permissions.create", 200)] * len(pictures)
    assert log[fill + 1:fill + 1 + 3 * len(pictures)] == [
        ("drive.permissions.delete", 204), ("drive.files.delete", 403), ("drive.files.update", 200)] * len(pictures)
    for picture in pictures:
        assert picture.trashed and picture.drive_id == drive.id
        assert [p for p in picture.permissions if p.get("type") == "anyone"] == []  # nobody reaches it by link
    assert not [line for line in result.lines() if "картинк" in line]


# --- 5. questionnaires: forms.create refused is named with the way out -------------------------
def test_a_refused_forms_create_is_named_with_the_ways_out(fake_google, tmp_path, monkeypatch):
    from jobs.ingest import prepare_questionnaires
    from tests.fake_google.clients import service_account_credentials
    from sync.google import GoogleWorkspace
    from sync.google.client import GoogleClient
    import sync.google.forms as forms

    robot = "robot@nastavnik-test.iam.gserviceaccount.com"
    with fake_google.lock:
        sheet = fake_google.state.sheets.seed(COORDINATOR, "Наставничество", {"Лист1": [[""]]})
    fake_google.share(sheet.id, robot, "writer")
    client = GoogleClient(service_account_credentials(fake_google.url), endpoint=fake_google.url,
                          policy=RetryPolicy(max_retries=0, sleep=lambda s: None))
    ws = GoogleWorkspace(client, sheet.id)
    monkeypatch.setattr(forms, "owns_no_storage", lambda credentials: False)  # as if it were delegated

    with pytest.raises(WorkspaceError) as raised:
        prepare_questionnaires(ws)

    message = str(raised.value)
    assert "forms.create ответил 403" in message and "Анкета наставляемого" in message
    assert all(way in message for way in ("общем диске", "[google] subject", 'auth = "oauth"'))
    assert "Нет доступа к таблице" not in message


# --- 6. one run at a time ----------------------------------------------------------------------
def google_cli_config(fake, tmp_path, rows) -> Path:
    from tests.test_cli_google import google_config

    ws = seeded_workspace(fake, tmp_path, rows)
    config, _ = google_config(fake, tmp_path, spreadsheet_id=ws.spreadsheet_id)
    return config


WRITING = [["validate"], ["ingest"], ["match"], ["orders"], ["report"], ["nightly"], ["publish"]]


@pytest.mark.parametrize("command", WRITING, ids=lambda c: c[0])
def test_every_writing_command_is_refused_while_another_run_holds_the_lease(fake_google, tmp_path, command):
    import tomllib

    from sync.google import GoogleWorkspace

    config = google_cli_config(fake_google, tmp_path, job_rows("orders"))
    spreadsheet_id = tomllib.loads(config.read_text(encoding="utf-8"))["google"]["spreadsheet_id"]
    other = GoogleLease(GoogleWorkspace(fast_client(google_settings(fake_google, tmp_path)), spreadsheet_id),
                        "nightly", settle=0)
    other.acquire()  # the cron server's run
    fake_google.clear_requests()
    if command == ["publish"]:
        command = ["publish", "--out", str(tmp_path / "site")]

    result = CliRunner().invoke(cli, ["--config", str(config), *command])

    assert result.exit_code == 3, result.output
    assert other.holder in result.output
    writes = [e["method_id"] for e in fake_google.requests() if e["method"] != "GET" and e["api"] != "oauth"]
    assert writes == []  # nothing written beside the run that holds it
    assert not (tmp_path / "site").exists()


def test_two_orders_at_once_on_two_processes_make_one_order_in_one_folder(fake_google, tmp_path):
    config = google_cli_config(fake_google, tmp_path, job_rows("orders"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "from jobs.cli import main; main()", "--config", str(config), "orders"]

    runs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120)[0] for p in runs]

    codes = sorted(p.returncode for p in runs)
    assert codes == [0, 3], outputs
    refused = outputs[[p.returncode for p in runs].index(3)]
    assert "orders" in refused  # who holds it: the other run
    with fake_google.lock:
        files = [f for f in fake_google.state.drive.files.values() if not f.trashed]
    folders = [f for f in files if f.app_properties.get("nastavnik_folder") == "output"]
    order_docs = [f for f in files if f.app_properties.get("nastavnik_kind") == ORDER_PAIRS.key
                  and f.app_properties.get("nastavnik") == "document"]
    documents = [f.name for f in files if f.name == ru.DOCUMENTS["folder_documents"]]
    assert len(folders) == 1 and len(documents) == 1
    assert len(order_docs) == 1


# --- 7. the fault matrix -----------------------------------------------------------------------
SAMPLE = [  # (scenario, method, fault, call): every fault at a first and a later call, every API
    ("orders", "drive.files.copy", "lost", 1),
    ("orders", "drive.files.copy", "drop", 4),
    ("orders", "docs.documents.batchUpdate", "lost", 6),
    ("orders", "docs.documents.batchUpdate", "slow", 3),
    ("orders", "drive.files.create", "slow", 1),
    ("orders", "sheets.spreadsheets.values.batchUpdate", "slow", 1),  # the lease's write: never landing after the release
    ("report", "drive.permissions.create", "lost", 2),
    ("report", "drive.files.delete", "drop", 1),
    ("questionnaires", "forms.forms.create", "slow", 3),
    ("questionnaires", "forms.forms.batchUpdate", "lost", 1),
]


@pytest.mark.parametrize("scenario, method, fault, call", SAMPLE, ids=lambda v: str(v))
def test_one_fault_then_the_next_run_leaves_nothing_doubled_orphaned_or_unfilled(
        fake_google, tmp_path, scenario, method, fault, call):
    case = eo.Case(scenario, method, fault, "first" if call == 1 else "later", call)

    outcome = eo.run_case(fake_google, tmp_path, case)

    assert [e["method_id"] for e in fake_google.requests() if e["fault"]] == [method]  # the one planned fault
    assert outcome.error == ""
    assert (outcome.duplicates, outcome.orphans, outcome.trashed_links, outcome.unfilled,
            outcome.differences) == (0, 0, 0, 0, 0), outcome.details


def test_the_measure_counts_a_doubled_document_an_orphan_and_a_link_to_the_trash(fake_google, tmp_path):
    expected, labels = eo.reference(fake_google, tmp_path, "orders")
    fake_google.reset()
    (tmp_path / "broken").mkdir()
    ws = eo.SCENARIOS["orders"].prepare(fake_google, tmp_path / "broken")
    eo.SCENARIOS["orders"].run(ws)
    with fake_google.lock:
        files = list(fake_google.state.drive.files.values())
    programme = next(f for f in files if f.app_properties.get("nastavnik_key", "").startswith("programme:"))
    order = next(f for f in files if f.app_properties.get("nastavnik_kind") == ORDER_PAIRS.key
                 and f.app_properties.get("nastavnik") == "document")
    template = next(f for f in files if f.app_properties.get("nastavnik") == "template"
                    and f.app_properties.get("nastavnik_kind") == programme.app_properties["nastavnik_kind"])
    ws.client.files_copy(template.id, {"name": "x", "parents": programme.parents,
                                       "appProperties": dict(programme.app_properties)})  # doubled, unfilled
    ws.client.files_copy(template.id, {"name": "y", "parents": programme.parents, "appProperties": {
        **programme.app_properties, "nastavnik_key": "programme:NOBODY"}})  # an orphan, unfilled
    ws.client.files_update(order.id, {"trashed": True})  # «Пары» links it

    outcome = eo.Outcome(eo.Case("orders", "-", "-", "-", 0))
    eo.measure(ws, fake_google, expected, labels, outcome)

    assert (outcome.duplicates, outcome.orphans, outcome.unfilled) == (1, 1, 2), outcome.details
    in_pairs = [d for d in outcome.details if d == f"link to a trashed file in «{PAIRS.title}»"]
    assert len(in_pairs) == len(job_rows("orders")["pairs"]) and outcome.trashed_links >= len(in_pairs)
    assert outcome.differences >= 2 and not outcome.clean


def test_the_recorded_matrix_covers_every_changing_method_and_is_all_zero_but_runs(fake_google, tmp_path):
    data = eo.recorded()
    rows = data["matrix"]
    methods = set()
    for name, scenario in eo.SCENARIOS.items():
        fake_google.reset()
        sub = tmp_path / name
        sub.mkdir()
        methods |= set(scenario.methods(fake_google, sub))

    assert {(r["method"], r["fault"]) for r in rows} == {(m, f) for m in methods for f in eo.FAULTS}
    assert all(r["runs"] >= 1 for r in rows)
    assert [r for r in rows if any(r[c] for c in ("duplicates", "orphans", "trashed_links", "unfilled",
                                                   "differences"))] == []
    assert sum(r["runs"] for r in rows) == len(eo.matrix(fake_google, tmp_path / "matrix"))


def test_init_names_the_refused_forms_create_and_nightly_sends_there_not_round_in_circles(
        fake_google, tmp_path, monkeypatch):
    import sync.google.forms as forms
    from tests.test_deployment_support import ROBOT, invoke, service_account_settings, shared_drive_folder, write_config

    folder = shared_drive_folder(fake_google, ROBOT)
    config = write_config(tmp_path, service_account_settings(fake_google, tmp_path, folder_id=folder))
    monkeypatch.setattr(forms, "owns_no_storage", lambda credentials: False)  # so forms.create is tried

    init = invoke(config, "init", "--google")
    nightly = invoke(config, "nightly")

    assert "forms.create ответил 403" in init.output and ROBOT in init.output
    assert all(way in init.output for way in ("общем диске", "[google] subject", 'auth = "oauth"'))
    assert "Нет доступа к таблице" not in init.output
    expected = ru.FORMS_PUBLISH["not_created"].format(form="Анкета наставляемого")
    assert expected in nightly.output and "forms.create" in expected  # the way to the cause, not a loop


def test_a_marked_file_whose_create_answer_is_lost_is_found_not_made_again(fake_google, tmp_path):
    # what create.py's spreadsheet and folder rely on: a file made with appProperties is looked for
    client = fast_client(google_settings(fake_google, tmp_path))
    folder = new_folder(client, "Папка")
    body = {"name": "Наставничество", "mimeType": "application/vnd.google-apps.spreadsheet",
            "parents": [folder], "appProperties": {"nastavnik": "workspace"}}
    fake_google.set_faults(plan=[{"method": "drive.files.create", "call": 1, "fault": "lost"}])

    made = client.files_create(body, fields="id")

    fake_google.clear_faults()
    with fake_google.lock:
        same = [f.id for f in fake_google.state.drive.files.values() if f.name == "Наставничество"]
    assert same == [made["id"]]
    assert [e["method_id"] for e in fake_google.requests() if e["method_id"] != "oauth.token"][-2:] == [
        "drive.files.create", "drive.files.list"]  # looked for, not sent again


def test_a_picture_an_interrupted_run_left_is_unshared_and_removed_by_the_next_run(fake_google, tmp_path):
    ws = orders_workspace(fake_google, tmp_path)
    run_orders(ws)
    store = ws.documents({})
    folder = store._folder("output", create=False)
    left = ws.client.files_upload({"name": "Отчёт — chart.png", "mimeType": "image/png", "parents": [folder],
                                   "appProperties": {"nastavnik": "image"}}, b"\x89PNG\r\n\x1a\n", "image/png")
    ws.client.permissions_create(left["id"], {"type": "anyone", "role": "reader"})
    fake_google.clear_requests()

    found = store.existing()

    assert found and left["id"] not in fake_google.state.drive.files  # deleted, not merely unlisted
    methods = [e["method_id"] for e in fake_google.requests() if e["api"] == "drive"]
    assert methods == ["drive.files.list", "drive.permissions.list", "drive.permissions.delete", "drive.files.delete"]
    assert store.lines == [ru.DOCUMENTS["image_swept"].format(name="Отчёт — chart.png")]
