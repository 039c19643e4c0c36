"""Backups and `nastavnik restore` (issue 15, item 6): one dated copy of the workbook at the start
of every run that writes, kept ``[files] backup_days`` days, and a restore that can be undone."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from jobs.cli import cli
from sheets_schema import ru
from sync.local.backups import (
    Backup, BackupPolicy, BadChoice, backup_at_start, check_backup, choose, list_backups, prune, take_backup,
)
from tests.workspaces import cells

ROOT = Path(__file__).resolve().parent.parent
RESTORE_JOB = ru.JOBS["restore"]


# --- helpers ---------------------------------------------------------------------------------------
@pytest.fixture
def school(tmp_path) -> Path:
    """A local workspace made by `init` with a small sample (its config in the same folder)."""
    directory = tmp_path / "school"
    result = CliRunner().invoke(cli, ["init", str(directory), "--sample", "30"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return directory


def nastavnik(directory: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(directory / "nastavnik.toml"), *args])


def copies(directory: Path) -> list[Path]:
    """The dated copies in `directory`/backups, newest first."""
    policy = BackupPolicy.in_state_dir(directory)
    return [b.path for b in list_backups(directory / "workspace.xlsx", policy, include_old=False)]


def set_files_key(directory: Path, line: str) -> None:
    config = directory / "nastavnik.toml"
    text = config.read_text(encoding="utf-8")
    assert "[files]" not in text
    config.write_text(text + f"\n[files]\n{line}\n", encoding="utf-8")


def journal_jobs(workbook: Path) -> list[str]:
    log = cells(workbook)["Журнал"]
    return [value for (row, column), value in sorted(log.items()) if column == 3 and row > 1]


def without_journal(workbook: Path) -> dict:
    return {tab: grid for tab, grid in cells(workbook).items() if tab != "Журнал"}


def clock(*moment: int):
    return lambda: dt.datetime(*moment)


# --- one copy per run ------------------------------------------------------------------------------
def test_a_nightly_of_several_steps_makes_exactly_one_backup_equal_to_the_workbook_before_it(school):
    before = (school / "workspace.xlsx").read_bytes()

    result = nastavnik(school, "nightly")

    assert result.exit_code == 0, result.output
    assert len(journal_jobs(school / "workspace.xlsx")) >= 4  # several steps wrote
    assert [p.read_bytes() for p in copies(school)] == [before]
    assert (school / "workspace.xlsx").read_bytes() != before
    assert not (school / "workspace.xlsx.bak").exists()


def test_two_runs_make_two_backups_each_the_workbook_before_its_run(school):
    before = (school / "workspace.xlsx").read_bytes()
    assert nastavnik(school, "validate").exit_code == 0
    between = (school / "workspace.xlsx").read_bytes()
    assert nastavnik(school, "nightly").exit_code == 0

    assert [p.read_bytes() for p in copies(school)] == [between, before]
    assert all(p.name.startswith("workspace-") and p.suffix == ".xlsx" for p in copies(school))


def test_a_dry_run_takes_no_backup(school):
    assert nastavnik(school, "nightly", "--dry-run").exit_code == 0
    assert copies(school) == []


def test_backup_days_0_takes_none(school):
    set_files_key(school, "backup_days = 0")
    assert nastavnik(school, "validate").exit_code == 0
    assert copies(school) == [] and not (school / "backups").exists()


def test_backups_go_to_the_state_folder_the_config_names(school):
    set_files_key(school, 'state_dir = "state"')
    before = (school / "workspace.xlsx").read_bytes()

    assert nastavnik(school, "validate").exit_code == 0

    saved = list((school / "state" / "backups").iterdir())
    assert [p.read_bytes() for p in saved] == [before]
    assert not (school / "backups").exists()


def test_a_backup_that_cannot_be_written_stops_the_run_before_it_writes(school):
    (school / "backups").write_text("a file where the backups folder goes", encoding="utf-8")
    before = (school / "workspace.xlsx").read_bytes()

    result = nastavnik(school, "validate")

    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert f"Запуск остановлен до записи: не удалось сделать резервную копию книги {school / 'workspace.xlsx'}" \
        in result.stderr
    assert (school / "workspace.xlsx").read_bytes() == before


def test_an_old_bak_is_left_alone(school):
    old = school / "workspace.xlsx.bak"
    old.write_bytes(b"the copy of an older version")

    assert nastavnik(school, "validate").exit_code == 0

    assert old.read_bytes() == b"the copy of an older version"
    assert len(copies(school)) == 1


# --- names and retention, with a fixed clock -------------------------------------------------------
def test_two_copies_in_the_same_second_get_distinct_names(tmp_path):
    workbook = tmp_path / "workspace.xlsx"
    policy = BackupPolicy(tmp_path / "backups", clock=clock(2026, 11, 30, 2, 0, 1))
    workbook.write_bytes(b"first")
    first = take_backup(workbook, policy)
    workbook.write_bytes(b"second")
    second = take_backup(workbook, policy)

    assert (first.name, second.name) == ("workspace-2026-11-30_020001.xlsx", "workspace-2026-11-30_020001-2.xlsx")
    assert [b.path.read_bytes() for b in list_backups(workbook, policy)] == [b"second", b"first"]
    assert [b.stamp for b in list_backups(workbook, policy)] == ["2026-11-30_020001-2", "2026-11-30_020001"]


def test_retention_deletes_copies_older_than_backup_days_by_their_stamp(tmp_path):
    workbook = tmp_path / "workspace.xlsx"
    workbook.write_bytes(b"tonight")
    folder = tmp_path / "backups"
    folder.mkdir()
    names = {
        "workspace-2026-11-01_020000.xlsx": False,  # 29 days old: goes
        "workspace-2026-11-15_015959.xlsx": False,  # 15 days and a second: goes
        "workspace-2026-11-16_020001.xlsx": True,   # just under 14 days: stays
        "workspace-2026-11-29_020000.xlsx": True,
        "notes.txt": True,                          # not a copy: never touched
        "other-2026-01-01_000000.xlsx": True,       # another workbook's name
    }
    for name in names:
        (folder / name).write_bytes(b"old")
    (folder / ".workspace-2026-11-29_020000.xlsx.4242-0a1b2c3d.tmp").write_bytes(b"half")  # a crash's leftover
    (tmp_path / "workspace.xlsx.bak").write_bytes(b"older version")
    policy = BackupPolicy(folder, days=14, clock=clock(2026, 11, 30, 2, 0, 0))

    copy = backup_at_start(workbook, policy)

    assert copy == folder / "workspace-2026-11-30_020000.xlsx" and copy.read_bytes() == b"tonight"
    assert sorted(p.name for p in folder.iterdir()) == sorted([copy.name, *(n for n, kept in names.items() if kept)])
    assert (tmp_path / "workspace.xlsx.bak").read_bytes() == b"older version"


def test_retention_always_keeps_the_newest_copy(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in ("workspace-2026-05-20_020000.xlsx", "workspace-2026-05-25_020000.xlsx"):
        (folder / name).write_bytes(b"before the summer")
    policy = BackupPolicy(folder, days=14, clock=clock(2026, 9, 1, 2, 0, 0))

    removed = prune(tmp_path / "workspace.xlsx", policy)

    assert [p.name for p in removed] == ["workspace-2026-05-20_020000.xlsx"]
    assert [p.name for p in folder.iterdir()] == ["workspace-2026-05-25_020000.xlsx"]


CHOICES = [
    ("2026-11-30", "workspace-2026-11-30_020000-2.xlsx"),  # a day: its newest copy
    ("30.11.2026", "workspace-2026-11-30_020000-2.xlsx"),
    ("2026-11-29", "workspace-2026-11-29_020000.xlsx"),
    ("2026-11-30_020000", "workspace-2026-11-30_020000.xlsx"),  # a stamp: exactly that copy
    ("workspace-2026-11-29_020000.xlsx", "workspace-2026-11-29_020000.xlsx"),  # a file name from the list
    ("workspace.xlsx.bak", "workspace.xlsx.bak"),
    ("2026-11-28", None),
    ("2026-11-30_030000", None),
]


@pytest.mark.parametrize("argument, expected", CHOICES)
def test_choose_a_copy_by_day_stamp_or_name(tmp_path, argument, expected):
    found = [Backup(tmp_path / n, dt.datetime(2026, 11, d, 2, 0), 1) for n, d in (
        ("workspace-2026-11-30_020000-2.xlsx", 30), ("workspace-2026-11-30_020000.xlsx", 30),
        ("workspace-2026-11-29_020000.xlsx", 29))]
    found.append(Backup(tmp_path / "workspace.xlsx.bak", dt.datetime(2026, 10, 1, 9, 0), 1, old=True))

    chosen = choose(found, argument)

    assert (chosen.path.name if chosen else None) == expected


@pytest.mark.parametrize("argument", ["вчера", "2026-13-01", "31.02.2026"])
def test_what_is_no_date_nor_copy_is_a_bad_choice(argument):
    with pytest.raises(BadChoice):
        choose([], argument)


# --- restore ---------------------------------------------------------------------------------------
def test_restore_lists_the_copies_newest_first_with_what_restores_each(school):
    assert nastavnik(school, "validate").exit_code == 0
    assert nastavnik(school, "validate").exit_code == 0
    broken = school / "backups" / "workspace-2020-01-01_000000.xlsx"
    broken.write_bytes(b"not a zip")
    old = school / "workspace.xlsx.bak"
    old.write_bytes((school / "workspace.xlsx").read_bytes())
    os.utime(old, (dt.datetime(2025, 5, 20, 9, 0).timestamp(),) * 2)  # what an older version left

    result = nastavnik(school, "restore")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Резервные копии книги {school / 'workspace.xlsx'} (папка {school / 'backups'};")
    listed = lines[1:-1]
    assert len(listed) == 4
    prefix = f"nastavnik --config {school / 'nastavnik.toml'} restore"
    new, old = copies(school)[0], copies(school)[1]
    assert listed[0].endswith(f"открывается  →  {prefix} {new.stem.removeprefix('workspace-')}")
    assert listed[1].endswith(f"открывается  →  {prefix} {old.stem.removeprefix('workspace-')}")
    assert listed[2].startswith("  20.05.2025 09:00:00")
    assert "открывается; старая копия workspace.xlsx.bak" in listed[2] and listed[2].endswith(f"{prefix} workspace.xlsx.bak")
    assert "01.01.2020 00:00:00" in listed[3] and "НЕ открывается: не открывается как книга Excel" in listed[3]
    assert lines[-1].startswith(f"Восстановить: {prefix} ДАТА")


def test_restore_without_copies_says_when_they_are_made(school):
    result = nastavnik(school, "restore")
    assert result.exit_code == 0
    assert result.output.startswith(f"Резервных копий книги {school / 'workspace.xlsx'} нет")


def test_restore_round_trip_and_the_replaced_workbook_is_itself_backed_up(school):
    first = (school / "workspace.xlsx").read_bytes()
    assert nastavnik(school, "nightly").exit_code == 0  # its copy: the workbook as init left it
    (chosen,) = copies(school)
    expected = without_journal(chosen)
    journal_before = journal_jobs(chosen)
    replaced = (school / "workspace.xlsx").read_bytes()
    stamp = chosen.stem.removeprefix("workspace-")

    result = nastavnik(school, "restore", stamp)

    assert result.exit_code == 0, result.output
    assert chosen.read_bytes() == first
    assert without_journal(school / "workspace.xlsx") == expected  # every tab as the copy has it
    assert journal_jobs(school / "workspace.xlsx") == [*journal_before, RESTORE_JOB]
    saved = copies(school)[0]
    assert saved != chosen and saved.read_bytes() == replaced  # the restore can be undone
    lines = result.output.splitlines()
    assert lines[0] == (f"Книга {school / 'workspace.xlsx'} восстановлена из копии {chosen} "
                        f"({dt.datetime.strptime(stamp[:17], '%Y-%m-%d_%H%M%S').strftime('%d.%m.%Y %H:%M:%S')}).")
    assert lines[1].endswith(f"restore {saved.stem.removeprefix('workspace-')}")

    undo = nastavnik(school, "restore", saved.stem.removeprefix("workspace-"))  # and undone

    assert undo.exit_code == 0, undo.output
    assert without_journal(school / "workspace.xlsx") == without_journal(saved)


def test_restore_latest_with_backup_days_0_still_keeps_the_replaced_workbook(school):
    assert nastavnik(school, "validate").exit_code == 0
    set_files_key(school, "backup_days = 0")
    replaced = (school / "workspace.xlsx").read_bytes()

    result = nastavnik(school, "restore", "--latest")

    assert result.exit_code == 0, result.output
    assert [p.read_bytes() for p in copies(school)][0] == replaced
    assert len(copies(school)) == 2


def test_restore_of_a_date_without_a_copy_exits_2_listing_the_copies(school):
    assert nastavnik(school, "validate").exit_code == 0
    before = (school / "workspace.xlsx").read_bytes()

    result = nastavnik(school, "restore", "2001-02-03")

    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()
    assert message[0] == "Ошибка: Копии «2001-02-03» нет. Есть такие копии:"
    assert message[1].endswith(copies(school)[0].stem.removeprefix("workspace-"))
    assert (school / "workspace.xlsx").read_bytes() == before and len(copies(school)) == 1


def test_restore_refuses_a_corrupt_copy_and_changes_nothing(school):
    assert nastavnik(school, "validate").exit_code == 0
    broken = school / "backups" / "workspace-2026-01-05_020000.xlsx"
    broken.write_bytes(b"PK\x03\x04 cut off")
    before = (school / "workspace.xlsx").read_bytes()

    result = nastavnik(school, "restore", "2026-01-05")

    assert result.exit_code == 3
    assert result.stderr.strip() == (
        f"Ошибка: Копия {broken} не восстановлена: она не открывается как книга Excel (.xlsx): BadZipFile. "
        f"Книга {school / 'workspace.xlsx'} не изменена. Выберите другую копию из списка nastavnik restore.")
    assert (school / "workspace.xlsx").read_bytes() == before and len(copies(school)) == 2


def test_a_workbook_without_the_workspace_tabs_is_not_a_copy_to_restore(tmp_path):
    wb = Workbook()
    wb.active.title = "Лист1"
    path = tmp_path / "book.xlsx"
    wb.save(path)

    reason = check_backup(path.read_bytes())

    assert reason.startswith("в книге нет листов «Наставляемые», «Наставники»")


def test_restore_is_refused_while_another_process_holds_the_run_lock(school):
    assert nastavnik(school, "validate").exit_code == 0
    before = (school / "workspace.xlsx").read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom sync.local.runlock import file_run_lock\n"
         "with file_run_lock(sys.argv[1], 'nightly'):\n    print('held', flush=True)\n    sys.stdin.read()",
         str(school)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = nastavnik(school, "restore", "--latest")
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)

    assert result.exit_code == 3
    assert result.stderr.startswith(f"Ошибка: Уже идёт другой запуск (nightly, pid {holder.pid}")
    assert (school / "workspace.xlsx").read_bytes() == before and len(copies(school)) == 1


def test_restore_is_refused_while_the_workbook_is_open_in_excel(school):
    assert nastavnik(school, "validate").exit_code == 0
    (school / "~$workspace.xlsx").write_text("Excel", encoding="utf-8")
    before = (school / "workspace.xlsx").read_bytes()

    result = nastavnik(school, "restore", "--latest")

    assert result.exit_code == 3
    assert "открыт в Excel или LibreOffice" in result.stderr
    assert (school / "workspace.xlsx").read_bytes() == before and len(copies(school)) == 1


def test_restore_on_google_says_where_the_version_history_is(tmp_path):
    school_config = CliRunner().invoke(cli, ["init", str(tmp_path / "s")]).exit_code
    assert school_config == 0
    config = tmp_path / "s" / "nastavnik.toml"
    text = config.read_text(encoding="utf-8").replace('backend = "local"', 'backend = "google"')
    config.write_text(text + '\n[google]\nspreadsheet_id = "1AbCdEf"\n', encoding="utf-8")

    result = CliRunner().invoke(cli, ["--config", str(config), "restore", "--latest"])

    assert result.exit_code == 2
    assert "https://docs.google.com/spreadsheets/d/1AbCdEf" in result.stderr
    assert "Файл → История версий" in result.stderr


# --- the corrupt workbook's fix -------------------------------------------------------------------
def test_doctor_on_a_corrupt_workbook_names_nastavnik_restore(school):
    (school / "workspace.xlsx").write_bytes(b"not a workbook any more")

    result = nastavnik(school, "doctor")

    assert result.exit_code != 0
    assert ru.DOCTOR["fix"].format(fix=ru.DOCTOR["workbook_fix"]) in result.output.splitlines()
    assert "nastavnik restore" in ru.DOCTOR["workbook_fix"] and ".bak" not in result.output


def test_a_corrupt_workbook_message_names_nastavnik_restore(school):
    (school / "workspace.xlsx").write_bytes(b"not a workbook any more")

    result = nastavnik(school, "validate")

    assert result.exit_code == 3
    assert "nastavnik restore --latest" in result.stderr and ".bak" not in result.stderr
    assert zipfile.is_zipfile(copies(school)[0]) is False  # the run kept even the broken file as it was
