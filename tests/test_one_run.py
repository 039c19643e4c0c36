"""One run at a time for every writing command: a second run waits (``--lock-wait``) or is refused
with who holds the workspace, and nothing of it is written — on both backends."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import tomllib

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from jobs.run_record import LAST_RUN, PENDING, pending
from sheets_schema import ru
from sync.google import GoogleWorkspace
from sync.google.lease import GoogleLease, LeaseRow
from sync.local.runlock import LOCK_NAME, file_run_lock
from tests.test_cli_google import google_config
from tests.test_google_support import fast_client
from tests.workspaces import cells

NASTAVNIK = [sys.executable, "-c", "from jobs.cli import main; main()"]
WRITING = [["validate"], ["ingest"], ["match"], ["orders"], ["report"], ["publish"], ["nightly"]]


def init(path, sample="30"):
    result = CliRunner().invoke(cli, ["init", str(path), "--sample", sample], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def journal_jobs(workbook) -> list[str]:
    log = cells(workbook)["Журнал"]
    return [value for (row, column), value in sorted(log.items()) if column == 3 and row > 1]


@pytest.mark.parametrize("command", WRITING, ids=lambda c: c[0])
def test_every_writing_command_is_refused_while_a_run_holds_the_workspace(tmp_path, command):
    init(tmp_path)
    before = workspace_files(tmp_path)
    with file_run_lock(tmp_path, "nightly"):
        result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), *command])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("Ошибка: Уже идёт другой запуск (nightly, pid ")
    assert workspace_files(tmp_path) == before  # nothing half-written: no workbook change, no backup, no document, no page


def workspace_files(directory) -> dict[str, bytes]:
    """Every file of the workspace but the run's own records (the lock, last-run.json and the
    «Журнал» row a refused run leaves waiting in the state folder)."""
    records = {LOCK_NAME, LAST_RUN, PENDING}
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in directory.rglob("*")
            if p.is_file() and p.name not in records}


def test_a_dry_run_reads_only_and_is_not_refused(tmp_path):
    init(tmp_path)
    with file_run_lock(tmp_path, "nightly"):
        result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "match", "--dry-run"])
    assert result.exit_code == 0, result.output


def test_a_second_run_waits_for_the_first_with_lock_wait(tmp_path):
    init(tmp_path)
    released = threading.Event()

    def hold() -> None:
        with file_run_lock(tmp_path, "nightly"):
            time.sleep(1.5)
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "--lock-wait", "30", "match"])
    holder.join()
    assert result.exit_code == 0, result.output
    assert released.is_set() and time.monotonic() - started >= 1.0  # it waited, then ran
    assert journal_jobs(tmp_path / "workspace.xlsx") == [ru.JOBS["match"]]


def test_lock_wait_past_its_end_is_refused_with_the_holder(tmp_path):
    init(tmp_path)
    with file_run_lock(tmp_path, "nightly"):
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "match"],
                                    env={"NASTAVNIK_LOCK_WAIT": "1"})
        waited = time.monotonic() - started
    assert result.exit_code == 3
    assert "Уже идёт другой запуск (nightly, pid " in result.stderr
    assert 1.0 <= waited < 10
    assert journal_jobs(tmp_path / "workspace.xlsx") == []


def _start_nightly(tmp_path) -> subprocess.Popen:
    proc = subprocess.Popen(NASTAVNIK + ["--config", str(tmp_path / "nastavnik.toml"), "nightly"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=os.getcwd())
    lock = tmp_path / LOCK_NAME
    deadline = time.time() + 60
    while time.time() < deadline and not (lock.exists() and lock.read_bytes()):
        time.sleep(0.02)
    assert lock.read_bytes().startswith(b"nightly, pid ")
    return proc


def journal_outcomes(workbook) -> list[tuple[str, str]]:
    log = cells(workbook)["Журнал"]
    rows = sorted({row for row, _ in log if row > 1})
    return [(log.get((row, 3)), log.get((row, 4))) for row in rows]


@pytest.mark.parametrize("wait", ["0", "300"], ids=["refused", "waits"])
def test_match_during_a_real_nightly_is_refused_or_waits_and_nothing_is_lost(tmp_path, wait):
    init(tmp_path, sample="1000")
    nightly = _start_nightly(tmp_path)
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "--lock-wait", wait, "match"])
    assert nightly.wait(timeout=300) == 0, nightly.stderr.read()
    rows = journal_outcomes(tmp_path / "workspace.xlsx")
    refused = ru.TEXT["outcome_refused"]
    night = [job for job, outcome in rows if outcome != refused]
    if wait == "0":
        assert result.exit_code == 3
        assert "Уже идёт другой запуск (nightly, pid " in result.stderr
        # The refused run leaves its own «отказ» row: the night writes it when it was postponed
        # before the night's journal flush, otherwise it waits for the next run — never lost.
        written = [job for job, outcome in rows if outcome == refused]
        waiting = [r.row["job"] for r in pending(tmp_path)]
        assert written + waiting == [ru.JOBS["match"]]
        assert night.count(ru.JOBS["match"]) == 1  # the night's own matching step only
    else:
        assert result.exit_code == 0, result.output
        assert night.count(ru.JOBS["match"]) == 2 and night[-1] == ru.JOBS["match"]  # ran after the night
    assert night[:2] == [ru.JOBS["validate"], ru.JOBS["match"]]  # the night's own rows are all there


def test_google_match_while_a_lease_is_held_is_refused_and_writes_nothing(fake_google, tmp_path):
    config, settings = google_config(fake_google, tmp_path)
    assert CliRunner().invoke(cli, ["--config", str(config), "init", "--google", "--sample", "30"]).exit_code == 0
    spreadsheet_id = tomllib.loads(config.read_text(encoding="utf-8"))["google"]["spreadsheet_id"]
    night = GoogleLease(GoogleWorkspace(fast_client(settings), spreadsheet_id), "nightly", settle=0)
    night.acquire()
    fake_google.clear_requests()

    refused = CliRunner().invoke(cli, ["--config", str(config), "match"])

    assert refused.exit_code == 3, refused.output
    assert refused.stderr.startswith("Ошибка: Уже идёт другой запуск (nightly, ")
    assert "(лист «Блокировка (служебный)»)" in refused.stderr
    writes = [e["method_id"] for e in fake_google.requests()
              if e["api"] == "sheets" and e["method_id"] != "sheets.spreadsheets.values.batchGet"
              and "get" not in e["method_id"].rsplit(".", 1)[-1].lower()]
    assert writes == []  # refused after one read of the lease: nothing written
    night.release()
    done = CliRunner().invoke(cli, ["--config", str(config), "match"])
    assert done.exit_code == 0, done.output
    assert GoogleLease(GoogleWorkspace(fast_client(settings), spreadsheet_id), "t", settle=0).read() == LeaseRow()
