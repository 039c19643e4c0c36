"""`nastavnik report` through Click: the document made, found on a rerun, a dry run, a broken template."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from jobs.cli import State, cli
from jobs.cli.cmd_publish import report

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def invoke(config, *args):
    return CliRunner().invoke(report, list(args), obj=State(str(config)), catch_exceptions=False)


@pytest.fixture
def config(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "w"), "--sample", "30"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path / "w" / "nastavnik.toml"


def _made(config) -> list[str]:
    return sorted(p.name for p in (config.parent / "documents").glob("Отчёт о мониторинге*.docx"))


def test_report_makes_the_document_once_a_day(config):
    first = invoke(config)

    assert first.exit_code == 0, first.output
    [name] = _made(config)
    assert first.output.strip().startswith("Отчёт о мониторинге на ")
    assert first.output.strip().endswith(f"создан: documents/{name}")

    again = invoke(config)

    assert again.exit_code == 0 and "уже есть: documents/" + name in again.output
    assert _made(config) == [name]


def test_dry_run_makes_nothing(config):
    result = invoke(config, "--dry-run")

    assert result.exit_code == 0
    assert "Пробный запуск (--dry-run): был бы создан отчёт о мониторинге" in result.output
    assert _made(config) == []


def test_a_misspelt_placeholder_in_the_template_stops_with_exit_1(config):
    from docx import Document

    path = config.parent / "templates" / "Шаблон — отчёт о мониторинге реализации программ наставничества.docx"
    doc = Document(str(path))
    doc.add_paragraph("{{shool}}")
    doc.save(str(path))

    result = invoke(config)

    assert result.exit_code == 1
    assert "{{shool}}" in result.output and "school" in result.output
    assert _made(config) == []


def test_every_command_has_help():
    assert report.help and "Пример: nastavnik" in report.help
