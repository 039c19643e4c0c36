"""Every run leaves a trace anyone can see: `last-run.json` in the state folder, and a «Журнал»
row per step — also for a step that raised, and for a run refused before it could write (the
row waits in the state folder and the next run writes it, exactly once)."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli import cli
from jobs.init import initial_rows
from jobs.nightly import NightlySettings, nightly
from jobs.run_record import LAST_RUN, PENDING, Journal, marker, pending, postpone
from jobs.runlog import log_row
from jobs.sample import generate
from tests.workspaces import NOW, TODAY

HOLD_LOCK = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from sync.local.runlock import file_run_lock\n"
    "with file_run_lock(Path(sys.argv[1]), 'nightly'):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


def init(path: Path, sample: str = "30") -> str:
    result = CliRunner().invoke(cli, ["init", str(path), "--sample", sample], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return str(path / "nastavnik.toml")


def run(config: str, *args: str):
    return CliRunner().invoke(cli, ["--config", config, *args])


def last_run(folder: Path) -> dict:
    return json.loads((folder / LAST_RUN).read_text(encoding="utf-8"))


def journal(folder: Path) -> list[tuple[str, str, str]]:
    """(«Задание», «Итог», «Подробности») of every «Журнал» row."""
    ws = load_workbook(folder / "workspace.xlsx")["Журнал"]
    headers = [c.value for c in ws[1]]
    job, outcome, details = (headers.index(h) for h in ("Задание", "Итог", "Подробности"))
    return [(r[job] or "", r[outcome] or "", r[details] or "") for r in ws.iter_rows(min_row=2, values_only=True)
            if any(r)]


def break_pairs_header(folder: Path) -> None:
    """Staff rename «ID пары» on «Пары»: the steps that need the tab fail with a structure error."""
    path = folder / "workspace.xlsx"
    wb = load_workbook(path)
    ws = wb["Пары"]
    for cell in ws[1]:
        if cell.value == "ID пары":
            cell.value = "Номер"
    wb.save(path)


class HeldLock:
    """The workspace's run lock held by another process, as a nightly in progress holds it."""

    def __init__(self, folder: Path):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[1])

    def __enter__(self):
        assert self.proc.stdout.readline().strip() == "held"
        return self

    def __exit__(self, *exc):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def test_an_ok_nightly_is_recorded_with_every_step(tmp_path):
    config = init(tmp_path)

    result = run(config, "nightly")

    assert result.exit_code == 0, result.output
    record = last_run(tmp_path)
    assert record["command"] == "nightly" and record["exit_code"] == 0 and record["outcome"] == "ok"
    steps = [s["step"] for s in record["steps"]]
    assert {"ingest", "validate", "match", "roadmap", "monitor"} <= set(steps)
    assert steps.index("ingest") < steps.index("validate") < steps.index("match") < steps.index("monitor")
    assert all(s["outcome"] == "ok" and s["exit_code"] == 0 and s["errors"] == [] for s in record["steps"])
    started, finished = (dt.datetime.fromisoformat(record[k]) for k in ("started", "finished"))
    assert started.tzinfo is not None and started <= finished
    assert record["pid"] > 0 and record["host"] and record["version"]
    assert record["by_command"]["nightly"]["exit_code"] == 0
    assert "@" not in (tmp_path / LAST_RUN).read_text(encoding="utf-8")  # no e-mail of the sample


def test_a_failed_step_is_recorded_with_its_reason_in_the_file_and_in_the_journal(tmp_path):
    config = init(tmp_path)
    break_pairs_header(tmp_path)

    result = run(config, "nightly")

    assert result.exit_code == 1, result.output
    record = last_run(tmp_path)
    assert record["exit_code"] == 1 and record["outcome"] == "structure"
    by_step = {s["step"]: s for s in record["steps"]}
    assert by_step["validate"]["outcome"] == "ok"
    assert by_step["match"]["outcome"] == "structure" and by_step["match"]["exit_code"] == 1
    assert any("«ID пары»" in e for e in by_step["match"]["errors"])
    rows = [r for r in journal(tmp_path) if r[0] == "подбор пар"]
    assert len(rows) == 1
    assert rows[0][1] == "ошибка структуры" and "нет обязательного столбца «ID пары»" in rows[0][2]


def test_a_step_that_raises_writes_its_row_on_every_backend(backend, tmp_path, monkeypatch):
    ws = backend.make(initial_rows(TODAY, generate(40, 2, TODAY)))

    def broken(*args, **kwargs):
        raise RuntimeError("диск отвалился посреди шага")

    monkeypatch.setattr("jobs.nightly.update_roadmap", broken)
    result = nightly(ws, NightlySettings(journal=Journal(ws, tmp_path / "state")), now=NOW)

    codes = {s.job: s.exit_code for s in result.steps}
    assert codes["roadmap"] == 3 and codes["validate"] == 0 and codes["monitor"] == 0
    jobs = backend.column("Журнал", "Задание")
    outcomes = backend.column("Журнал", "Итог")
    details = backend.column("Журнал", "Подробности")
    rows = [r for r, job in jobs.items() if job == "дорожная карта"]
    assert len(rows) == 1
    assert outcomes[rows[0]] == "сбой"
    assert "RuntimeError: диск отвалился посреди шага" in details[rows[0]]
    assert "итоги мониторинга" in jobs.values()  # the night went on
    assert not (tmp_path / "state" / PENDING).exists()  # written, not postponed


def test_a_run_refused_by_another_run_is_recorded_and_its_row_written_once_by_the_next_run(tmp_path):
    config = init(tmp_path)

    with HeldLock(tmp_path):
        refused = run(config, "match")

    assert refused.exit_code == 3
    record = last_run(tmp_path)
    assert record["command"] == "match" and record["outcome"] == "refused" and record["exit_code"] == 3
    assert record["steps"][0]["step"] == "match" and record["steps"][0]["outcome"] == "refused"
    assert "Уже идёт другой запуск (nightly, pid " in record["steps"][0]["errors"][0]
    assert record["journal_pending"] == 1
    waiting = pending(tmp_path)
    assert len(waiting) == 1 and waiting[0].row["job"] == "подбор пар"
    assert not any(r[0] == "подбор пар" for r in journal(tmp_path))

    first = run(config, "validate")
    second = run(config, "validate")

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "В «Журнал» записаны строки прошлых запусков, ждавшие записи: 1." in first.output
    rows = [r for r in journal(tmp_path) if r[0] == "подбор пар"]
    assert len(rows) == 1
    job, outcome, details = rows[0]
    assert outcome == "не выполнен: рабочее пространство занято или недоступно"
    assert "Уже идёт другой запуск (nightly, pid " in details
    assert "Строка записана позже" in details and marker(waiting[0].id) in details
    assert not (tmp_path / PENDING).exists()
    assert last_run(tmp_path)["journal_pending"] == 0


def test_a_nightly_refused_by_an_excel_lock_is_recorded_and_written_after(tmp_path):
    config = init(tmp_path)
    excel = tmp_path / "~$workspace.xlsx"
    excel.write_bytes(b"owner")
    before = (tmp_path / "workspace.xlsx").read_bytes()

    refused = run(config, "nightly")

    assert refused.exit_code == 3
    assert (tmp_path / "workspace.xlsx").read_bytes() == before
    record = last_run(tmp_path)
    assert record["outcome"] == "refused" and record["exit_code"] == 3
    assert [(s["step"], s["outcome"]) for s in record["steps"]] == [("doctor", "refused")]
    assert "~$workspace.xlsx" in record["steps"][0]["errors"][0]

    excel.unlink()
    assert run(config, "nightly").exit_code == 0
    assert run(config, "nightly").exit_code == 0

    rows = [r for r in journal(tmp_path) if r[0] == "проверка готовности"]
    assert len(rows) == 1 and "~$workspace.xlsx" in rows[0][2]
    assert last_run(tmp_path)["outcome"] == "ok"


def test_postponed_rows_are_written_exactly_once_on_every_backend(backend, tmp_path):
    ws = backend.make(initial_rows(TODAY, generate(20, 2, TODAY)))
    state = tmp_path / "state"
    row = log_row("publish", NOW, NOW, "refused", ["Google недоступен: 503"])
    item = postpone(state, row, "Google недоступен: 503")
    line = (state / PENDING).read_text(encoding="utf-8")

    assert Journal(ws, state).flush() == ["В «Журнал» записаны строки прошлых запусков, ждавшие записи: 1."]
    (state / PENDING).write_text(line, encoding="utf-8")  # as if the run died before it forgot the row
    Journal(ws, state).flush()

    details = [d for d in backend.column("Журнал", "Подробности").values() if marker(item.id) in d]
    assert len(details) == 1 and "Google недоступен: 503" in details[0]
    assert not (state / PENDING).exists()


def test_rows_postponed_by_two_processes_at_once_are_all_kept(tmp_path):
    code = ("import sys\nfrom pathlib import Path\nfrom jobs.run_record import postpone\n"
            "for i in range(25):\n    postpone(Path(sys.argv[1]), {'job': f'{sys.argv[2]}-{i}'}, 'занято')\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path), name], cwd=Path(__file__).parents[1])
             for name in ("a", "b")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]

    jobs = sorted(item.row["job"] for item in pending(tmp_path))
    assert jobs == sorted(f"{name}-{i}" for name in ("a", "b") for i in range(25))
    assert (tmp_path / PENDING).stat().st_mode & 0o077 == 0  # owner only without [files] group


def test_an_unexpected_error_is_exit_3_with_a_message_and_is_recorded(tmp_path, monkeypatch):
    config = init(tmp_path)

    def crash(*args, **kwargs):
        raise RuntimeError("непредвиденное")

    monkeypatch.setattr("jobs.nightly.preflight", crash)
    result = run(config, "nightly")

    assert result.exit_code == 3
    assert result.stderr.startswith("Ошибка: Непредвиденный сбой команды nightly: RuntimeError: непредвиденное.")
    record = last_run(tmp_path)
    assert record["outcome"] == "crashed" and record["exit_code"] == 3
    rows = [r for r in journal(tmp_path) if r[0] == "ночной запуск"]
    assert len(rows) == 1 and "непредвиденное" in rows[0][2]


def test_a_state_folder_that_cannot_be_written_is_said_and_exit_3(tmp_path):
    config = init(tmp_path)
    (tmp_path / "blocker").write_text("a file where the state folder should be", encoding="utf-8")
    with open(config, "a", encoding="utf-8") as f:
        f.write('\n[files]\nstate_dir = "blocker/state"\n')

    result = run(config, "validate")

    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert f"Итог запуска не записан в {tmp_path / 'blocker' / 'state' / LAST_RUN}" in result.stderr


def test_a_dry_run_leaves_no_record(tmp_path):
    config = init(tmp_path)

    result = run(config, "nightly", "--dry-run")

    assert result.exit_code == 0, result.output
    assert not (tmp_path / LAST_RUN).exists()


@pytest.mark.parametrize("command", [["validate"], ["publish"], ["report"]], ids=lambda c: c[0])
def test_every_writing_command_updates_its_entry(tmp_path, command):
    config = init(tmp_path, "10")

    result = run(config, *command)

    record = last_run(tmp_path)
    assert record["command"] == command[0] and record["exit_code"] == result.exit_code
    assert [s["step"] for s in record["steps"]] == [command[0]]
    assert record["by_command"][command[0]]["finished"] == record["finished"]
    assert os.stat(tmp_path / LAST_RUN).st_mode & 0o077 == 0


def test_report_and_publish_write_their_row_when_they_fail(tmp_path):
    config = init(tmp_path, "10")
    break_pairs_header(tmp_path)

    report = run(config, "report")
    publish = run(config, "publish", "--with-names")

    assert report.exit_code == 1 and publish.exit_code == 2
    rows = {job: (outcome, details) for job, outcome, details in journal(tmp_path)}
    assert rows["отчёт о мониторинге"][0] == "ошибка структуры"
    assert "нет обязательного столбца «ID пары»" in rows["отчёт о мониторинге"][1]
    assert rows["страница для сайта"][0] == "ошибка настроек" and "--with-names" in rows["страница для сайта"][1]
    assert last_run(tmp_path)["by_command"]["report"]["outcome"] == "structure"


def test_a_google_run_refused_by_the_lease_keeps_its_row_until_the_next_run(fake_google, tmp_path):
    import tomllib

    from sync.google import GoogleWorkspace
    from sync.google.lease import GoogleLease
    from tests.test_cli_google import google_config
    from tests.test_google_support import fast_client

    config, settings = google_config(fake_google, tmp_path)
    assert run(str(config), "init", "--google", "--sample", "20").exit_code == 0
    spreadsheet_id = tomllib.loads(config.read_text(encoding="utf-8"))["google"]["spreadsheet_id"]
    workspace = GoogleWorkspace(fast_client(settings), spreadsheet_id)
    night = GoogleLease(workspace, "nightly", settle=0)
    night.acquire()

    refused = run(str(config), "validate")
    night.release()

    assert refused.exit_code == 3
    assert last_run(tmp_path)["outcome"] == "refused" and len(pending(tmp_path)) == 1
    assert run(str(config), "validate").exit_code == 0
    assert run(str(config), "validate").exit_code == 0

    grid = workspace.read_grids(["Журнал"])["Журнал"]
    refused_rows = [row for row in grid[1:] if "Уже идёт другой запуск (nightly, " in " ".join(row)]
    assert len(refused_rows) == 1 and "Строка записана позже" in " ".join(refused_rows[0])
    assert pending(tmp_path) == []


BLOCKING_NIGHTLY = (
    "import sys\n"
    "import jobs.nightly\n"
    "def stuck(*args, **kwargs):\n"
    "    print('ready', file=sys.__stdout__, flush=True)\n"
    "    sys.stdin.read()  # a step that hangs (a lost connection, a slow server)\n"
    "jobs.nightly.update_roadmap = stuck\n"
    "from jobs.cli import main\n"
    "sys.argv = ['nastavnik', '--config', sys.argv[1], 'nightly']\n"
    "main()\n"
)


def test_a_run_stopped_by_sigterm_still_leaves_its_record_and_row(tmp_path):
    import signal

    config = init(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", BLOCKING_NIGHTLY, config], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).parents[1])
    assert proc.stdout.readline().strip() == "ready"

    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)

    assert proc.returncode == 3, err
    assert "Команда nightly прервана сигналом завершения (SIGTERM" in err and "Traceback" not in err
    record = last_run(tmp_path)
    assert record["outcome"] == "terminated" and record["exit_code"] == 3 and record["journal_pending"] == 1
    assert run(config, "validate").exit_code == 0
    rows = [r for r in journal(tmp_path) if r[0] == "ночной запуск"]
    assert len(rows) == 1 and rows[0][1] == "прерван сигналом завершения (timeout или остановка службы)"
