"""`nastavnik doctor` on a local workspace, and `nightly` stopping early on its cheap checks."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli import cli


@pytest.fixture
def workspace(tmp_path):
    CliRunner().invoke(cli, ["init", str(tmp_path), "--sample", "20"], catch_exceptions=False)
    return tmp_path


def doctor(path):
    return CliRunner().invoke(cli, ["--config", str(path / "nastavnik.toml"), "doctor"], catch_exceptions=False)


def test_healthy_workspace_passes_every_line(workspace):
    result = doctor(workspace)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[-1] == "Всё готово к ночному запуску."
    checks = [line for line in lines[:-1] if not line.startswith("   ! ")]
    assert all(line.startswith("✔") for line in checks)
    # init's placeholders for the head and the coordinator are named: the orders need real names
    at = lines.index("✔ Настройки документов: ФИО руководителя и куратора, размер доплаты наставникам")
    warning = lines[at + 1]
    assert "[school] head — «ФИО директора» не похоже на ФИО" in warning
    assert "[school] coordinator — «ФИО куратора» не похоже на ФИО" in warning
    assert "✔ Лист «Наставники»: все обязательные столбцы на месте" in lines


def test_lock_file_fails_with_the_fix(workspace):
    (workspace / "~$workspace.xlsx").write_text("x")
    result = doctor(workspace)
    assert result.exit_code == 3
    assert "✘ Книга не открыта в Excel или LibreOffice" in result.output
    assert f"Как исправить: закройте файл в Excel/LibreOffice; если он закрыт, удалите оставшийся файл блокировки {workspace / '~$workspace.xlsx'}" in result.output


def test_missing_folder_and_renamed_column(workspace):
    (workspace / "documents").rmdir()
    result = doctor(workspace)
    assert result.exit_code == 3
    assert "✘ Папка «documents» есть и доступна для записи" in result.output

    (workspace / "documents").mkdir()
    wb = load_workbook(workspace / "workspace.xlsx")
    wb["Пары"]["A1"] = "Номер"
    del wb["Журнал"]
    wb.save(workspace / "workspace.xlsx")
    result = doctor(workspace)
    assert result.exit_code == 1
    assert "✘ Лист «Пары»: все обязательные столбцы на месте" in result.output
    assert "Лист «Пары»: нет обязательного столбца «ID пары»." in result.output
    assert "Нет листа «Журнал»." in result.output
    assert result.output.strip().endswith("Найдено проблем: 2. Ночной запуск не выполнит свою работу, пока они не исправлены.")


def test_bad_config_is_the_first_failed_line(tmp_path):
    (tmp_path / "nastavnik.toml").write_text('backend = "excel"\n', encoding="utf-8")
    result = doctor(tmp_path)
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == f"✘ Настройки: {tmp_path / 'nastavnik.toml'}"
    assert "допустимые значения: 'local', 'google'" in result.output


def test_nightly_stops_before_work_when_preflight_fails(workspace):
    (workspace / ".~lock.workspace.xlsx#").write_text("x")
    before = (workspace / "workspace.xlsx").read_bytes()
    result = CliRunner().invoke(cli, ["--config", str(workspace / "nastavnik.toml"), "nightly"])
    assert result.exit_code == 3
    assert result.stderr.startswith(
        "Ошибка: Ночной запуск остановлен до начала работы. Не выполнено условие «Книга не открыта в Excel или LibreOffice»"
    )
    assert "Полная проверка: nastavnik doctor" in result.stderr
    assert (workspace / "workspace.xlsx").read_bytes() == before


def test_a_title_row_above_a_header_passes_with_a_warning_saying_where_the_header_is(workspace):
    wb = load_workbook(workspace / "workspace.xlsx")
    wb["Наставники"].insert_rows(1)
    wb["Наставники"]["A1"] = "Банк наставников МБОУ СОШ №5 на 2026/27 уч. год"
    wb.save(workspace / "workspace.xlsx")

    result = doctor(workspace)

    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    at = lines.index("✔ Лист «Наставники»: все обязательные столбцы на месте")
    assert lines[at + 1] == "   ! Лист «Наставники»: строка заголовков найдена в строке 2; строка 1 над ней не читается."
