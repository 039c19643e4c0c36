"""`nastavnik orders` through Click: output, exit codes, Russian errors."""
from __future__ import annotations

from types import SimpleNamespace

import click
from click.testing import CliRunner

from jobs.cli.cmd_orders import orders
from sheets_schema.templates import TEMPLATES
from jobs.config import render_local_config
from sync.local import create_local_workspace
from tests.test_orders import SCHOOL, rows_for


@click.group()
@click.option("--config", "config_path")
@click.pass_context
def root(ctx: click.Context, config_path: str) -> None:
    ctx.obj = SimpleNamespace(config_path=config_path)


root.add_command(orders)


def workspace(tmp_path, extra_config: str = ""):
    ws = create_local_workspace(tmp_path / "w", rows_for(2), render_local_config(SCHOOL) + extra_config)
    return ws, str(tmp_path / "w" / "nastavnik.toml")


def test_dry_run_then_run_then_nothing_to_do(tmp_path):
    ws, config = workspace(tmp_path)
    runner = CliRunner()

    dry = runner.invoke(root, ["--config", config, "orders", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert ("Будет создан приказ о закреплении 2 пар, программы для них и дополнительные соглашения с "
            "наставниками.") in dry.output
    assert not (ws.directory / "documents" / ".nastavnik").exists()

    done = runner.invoke(root, ["--config", config, "orders"])
    assert done.exit_code == 0, done.output
    assert "Приказ о закреплении пар (2): documents/Приказ о закреплении наставнических пар (P000, P001).docx" \
        in done.output
    assert "Программ наставничества: создано 2, найдено созданных ранее 0." in done.output

    again = runner.invoke(root, ["--config", config, "orders"])
    assert again.output.strip() == "Новых утверждённых пар нет — документы не создавались."


def test_implementation_order(tmp_path):
    _, config = workspace(tmp_path)

    result = CliRunner().invoke(root, ["--config", config, "orders", "--implementation"])

    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(
        "Приказ о реализации целевой модели наставничества: "
        "documents/Приказ о реализации целевой модели наставничества 2026-2027.docx")


def test_a_bad_template_stops_with_exit_code_1(tmp_path):
    from docx import Document

    ws, config = workspace(tmp_path)
    ws.documents({}).place_templates(TEMPLATES)
    path = next((ws.directory / "templates").glob("*приказ о закреплении*"))
    doc = Document(str(path))
    doc.add_paragraph("Подписано: {{heed}}")
    doc.save(str(path))

    result = CliRunner().invoke(root, ["--config", config, "orders"])

    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Ошибка: Шаблон «Шаблон — приказ о закреплении наставнических пар (групп)» (templates/Шаблон — приказ о "
        "закреплении наставнических пар (групп).docx): неизвестное поле {{heed}} — возможно, {{head}}.")
    assert "Документы не созданы: исправьте шаблоны и запустите команду снова." in result.stderr


def test_a_bad_date_in_the_config_is_exit_code_2(tmp_path):
    _, config = workspace(tmp_path, '\n[documents]\norder_date = "31.02.2026"\n')

    result = CliRunner().invoke(root, ["--config", config, "orders"])

    assert result.exit_code == 2
    assert result.stderr.strip() == "Ошибка: nastavnik.toml: [documents] order_date — «31.02.2026» не дата ДД.ММ.ГГГГ."


def test_a_payment_that_is_no_size_is_exit_code_2_naming_the_key(tmp_path):
    _, config = workspace(tmp_path, '\n[documents]\npayment = "3000 долларов"\n')

    result = CliRunner().invoke(root, ["--config", config, "orders"])

    assert result.exit_code == 2
    assert result.stderr.startswith("Ошибка: nastavnik.toml: [documents] payment — «3000 долларов» не размер доплаты.")


def test_implementation_makes_the_regulation_from_the_config(tmp_path):
    from sync.local.documents import docx_texts

    ws, config = workspace(tmp_path, '\n[matching]\nmin_mentor_years = 7\nmin_gap = 4\n'
                                     '[documents]\npayment = "20% должностного оклада"\n'
                                     'regulation_title = "Положение о наставничестве"\n')

    result = CliRunner().invoke(root, ["--config", config, "orders", "--implementation"])

    assert result.exit_code == 0, result.output
    assert ("Положение (приложение 1 к приказу о реализации целевой модели): "
            "documents/Положение о наставничестве 2026-2027.docx") in result.output
    text = " ".join(docx_texts(ws.directory / "documents" / "Положение о наставничестве 2026-2027.docx"))
    assert "стажем не менее 7 лет, опытнее наставляемого не менее чем на 4 года" in text
    assert "ведёт от 1 до 5 наставляемых" in text  # [validation] capacity_min, capacity_max
    assert "доплата в размере 20% должностного оклада" in text
