"""The `nastavnik` command: exit codes, messages, and every command documented."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli import cli

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, env=None):
    return runner.invoke(cli, list(args), env=env or {}, catch_exceptions=False)


def _commands(group, path=()):
    import click

    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            assert command.help and len(command.help) > 20, f"{name} has no help text"
            yield from _commands(command, path + (name,))
        else:
            yield path + (name,), command


def test_every_command_has_help_text(runner):
    for path, command in _commands(cli):
        name = " ".join(path)
        assert command.help and len(command.help) > 20, f"{name} has no help text"
        assert "Пример:" in command.help, f"{name} help has no example"
        result = run(runner, *path, "--help")
        assert result.exit_code == 0


def test_init_then_validate_with_config_option(runner, tmp_path):
    target = tmp_path / "w"
    result = run(runner, "init", str(target), "--sample", "200", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert "Добавлено условных сотрудников: 200 (наставников 80, наставляемых 120)" in result.output
    assert (target / "workspace.xlsx").exists()
    assert {p.name for p in target.iterdir()} >= {"forms", "templates", "documents", "nastavnik.toml"}

    result = run(runner, "--config", str(target / "nastavnik.toml"), "validate")

    assert result.exit_code == 0, result.output
    assert "Лист «Наставляемые»: строк 120;" in result.output
    assert result.output.strip().endswith("Статусы записаны в столбцы «Статус» и «Сообщение».")


def test_config_from_environment_variable(runner, tmp_path):
    run(runner, "init", str(tmp_path / "w"), "--sample", "10")
    result = run(runner, "validate", env={"NASTAVNIK_CONFIG": str(tmp_path / "w" / "nastavnik.toml")})
    assert result.exit_code == 0, result.output


def test_init_refuses_to_overwrite(runner, tmp_path):
    run(runner, "init", str(tmp_path), "--sample", "10")
    before = (tmp_path / "workspace.xlsx").read_bytes()

    result = run(runner, "init", str(tmp_path))

    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Ошибка: В папке {tmp_path} уже есть рабочее пространство (workspace.xlsx). "
        "Выберите пустую папку: nastavnik init не перезаписывает данные."
    )
    assert (tmp_path / "workspace.xlsx").read_bytes() == before


def test_missing_config_is_exit_2(runner, tmp_path):
    result = run(runner, "--config", str(tmp_path / "none.toml"), "validate")
    assert result.exit_code == 2
    assert result.output.startswith(f"Ошибка: Не найден файл настроек {tmp_path / 'none.toml'}.")


def test_lock_file_is_exit_3_and_bytes_unchanged(runner, tmp_path):
    run(runner, "init", str(tmp_path), "--sample", "20")
    (tmp_path / ".~lock.workspace.xlsx#").write_text("x")
    before = (tmp_path / "workspace.xlsx").read_bytes()

    result = run(runner, "--config", str(tmp_path / "nastavnik.toml"), "validate")

    assert result.exit_code == 3
    assert "открыт в Excel или LibreOffice" in result.output
    assert (tmp_path / "workspace.xlsx").read_bytes() == before


def test_renamed_header_is_exit_1_with_problem_on_stderr(tmp_path):
    runner = CliRunner()
    run(runner, "init", str(tmp_path), "--sample", "20")
    wb = load_workbook(tmp_path / "workspace.xlsx")
    wb["Наставляемые"]["F1"] = "Стаж"
    wb.save(tmp_path / "workspace.xlsx")

    result = runner.invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "validate"])

    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Ошибка: Лист «Наставляемые»: нет обязательного столбца «Педагогический стаж, лет». Верните "
        "заголовок «Педагогический стаж, лет» в первую строку листа (порядок столбцов не важен)."
    )
    log = load_workbook(tmp_path / "workspace.xlsx")["Журнал"]
    assert log["D2"].value == "ошибка структуры"


def test_strict_flag(runner, tmp_path):
    run(runner, "init", str(tmp_path), "--sample", "50")
    cfg = str(tmp_path / "nastavnik.toml")
    assert run(runner, "--config", cfg, "validate").exit_code == 0
    assert run(runner, "--config", cfg, "validate", "--strict").exit_code == 1


def test_nightly_runs_validate(runner, tmp_path):
    run(runner, "init", str(tmp_path), "--sample", "30")
    result = run(runner, "--config", str(tmp_path / "nastavnik.toml"), "nightly")
    assert result.exit_code == 0, result.output
    assert "Шаг «проверка банков»: выполнено." in result.output


def test_demo_creates_workspace_once_and_runs_nightly(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        first = run(runner, "demo")
        assert first.exit_code == 0, first.output
        assert "Создано демонстрационное рабочее пространство" in first.output
        assert "Шаг «проверка банков»: выполнено." in first.output
        assert "workspace.xlsx" in first.output
        second = run(runner, "demo")
        assert second.exit_code == 0
        assert "Создано" not in second.output
        log = load_workbook(os.path.join("demo", "workspace.xlsx"))["Журнал"]
        jobs = [row[2] for row in log.iter_rows(min_row=2, values_only=True)]
        assert jobs.count("проверка банков") == 2


def test_usage_error_is_exit_2(runner):
    assert run(runner, "no-such-command").exit_code == 2


def test_cli_reference_in_docs_is_current():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    # a fresh interpreter: Click caches each command's help option after its first use
    fresh = subprocess.run([sys.executable, "-m", "jobs.cli.reference"], cwd=root, capture_output=True,
                           text=True, check=True).stdout
    assert (root / "docs" / "cli.md").read_text(encoding="utf-8") == fresh, (
        "docs/cli.md is stale: run python -m jobs.cli.reference > docs/cli.md"
    )
