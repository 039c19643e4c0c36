"""The CLI package's own rules: commands import only downwards, and every writing command —
whatever module it lives in — takes the run lock through `jobs.cli.context.State.one_run`."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from jobs.run_record import WRITING_COMMANDS
from sync.local.runlock import file_run_lock

PACKAGE = Path(__file__).resolve().parent.parent / "jobs" / "cli"
ON_TOP = {"__init__.py", "__main__.py", "reference.py"}  # the group, python -m, docs/cli.md

# The arguments that make each writing command write (restore: the newest copy).
ARGS = {"restore": ["restore", "--latest"]}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ON_TOP))
def test_no_module_of_the_package_imports_the_group(module):
    assert "jobs.cli" not in imported(PACKAGE / module)


@pytest.mark.parametrize("line", ["from jobs.cli import cli", "import jobs.cli"])
def test_an_import_of_the_group_is_found_even_inside_a_function(tmp_path, line):
    planted = tmp_path / "cmd_planted.py"
    planted.write_text(f"def later():\n    {line}\n", encoding="utf-8")
    assert "jobs.cli" in imported(planted)


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_every_writing_command_is_refused_while_a_run_holds_the_workspace(tmp_path, command):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path), "--sample", "10"]).exit_code == 0
    config = ["--config", str(tmp_path / "nastavnik.toml")]
    assert runner.invoke(cli, [*config, "validate"]).exit_code == 0  # a dated copy for restore
    with file_run_lock(tmp_path, "nightly"):
        result = runner.invoke(cli, [*config, *ARGS.get(command, [command])])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("Ошибка: Уже идёт другой запуск (nightly, pid "), result.stderr
