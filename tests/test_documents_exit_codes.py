"""Exit codes of `orders` and `report` through the CLI, by README's exit-code table: 0 when the
job did what it could (pairs held back are reported, nothing to do is not a failure), 1 when a
template stopped the documents."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from jobs.cli import cli
from sheets_schema.tables import MENTORS, PROPOSALS
from sheets_schema.templates import TEMPLATES
from sync.local import LocalWorkspace
from tests.workbook_corpus.package import column_texts, header_letters, read_package, set_cell_text, write_package

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::UserWarning")

STATUS = "Статус"
DUTY_CONSENT = "Письменное согласие на наставничество (дата)"
STOP = "Документы не созданы: исправьте шаблоны и запустите команду снова."


def run(directory: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(directory / "nastavnik.toml"), *args])


@pytest.fixture
def sample(tmp_path) -> Path:
    directory = tmp_path / "w"
    made = CliRunner().invoke(cli, ["init", str(directory), "--sample", "60"], catch_exceptions=False)
    assert made.exit_code == 0, made.output
    return directory


def approve_all_proposals(directory: Path) -> list[str]:
    """Propose, then the coordinator picks «утверждено» in every proposal; `match` moves them to
    «Пары». Returns the mentors' e-mails, in the proposals' order."""
    assert run(directory, "match").exit_code == 0
    members = read_package(directory / "workspace.xlsx")
    letters = header_letters(members, PROPOSALS.title)
    mentees = column_texts(members, PROPOSALS.title, "Наставляемый (e-mail)")
    mentors = column_texts(members, PROPOSALS.title, "Наставник (e-mail)")
    approved = [r for r, email in mentees.items() if email and mentors.get(r)]
    for row in approved:
        set_cell_text(members, PROPOSALS.title, f"{letters[STATUS]}{row}", "утверждено")
    write_package(members, directory / "workspace.xlsx")
    moved = run(directory, "match")
    assert moved.exit_code == 0, moved.output
    return [mentors[r] for r in approved]


def withdraw_duty_consent(directory: Path, email: str) -> None:
    """The mentor's written consent to mentoring is cleared in the bank."""
    members = read_package(directory / "workspace.xlsx")
    letters = header_letters(members, MENTORS.title)
    emails = column_texts(members, MENTORS.title, "E-mail")
    row = next(r for r, e in emails.items() if e.casefold() == email.casefold())
    set_cell_text(members, MENTORS.title, f"{letters[DUTY_CONSENT]}{row}", "")
    write_package(members, directory / "workspace.xlsx")


def misspell_template(directory: Path, name_part: str) -> None:
    LocalWorkspace(directory).documents({}).place_templates(TEMPLATES)
    path = next((directory / "templates").glob(f"*{name_part}*"))
    doc = Document(str(path))
    doc.add_paragraph("Подписано: {{heed}}")
    doc.save(str(path))


def test_orders_with_nothing_to_do_exit_0(sample):
    result = run(sample, "orders")

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Новых утверждённых пар нет — документы не создавались."


def test_orders_holding_back_a_pair_without_consent_exit_0(sample):
    mentors = approve_all_proposals(sample)
    withdraw_duty_consent(sample, mentors[0])
    held = sum(1 for m in mentors if m.casefold() == mentors[0].casefold())

    result = run(sample, "orders")

    assert result.exit_code == 0, result.output
    assert f"Пар со статусом «утверждена» без приказа: {len(mentors)}; в приказ: {len(mentors) - held}; " \
           f"не включены: {held}." in result.output
    assert "согласи" in result.output  # the reason is printed (and written to the sheet)


def test_orders_stopped_by_a_template_exit_1(sample):
    approve_all_proposals(sample)
    misspell_template(sample, "приказ о закреплении")

    result = run(sample, "orders")

    assert result.exit_code == 1, result.output
    assert "неизвестное поле {{heed}} — возможно, {{head}}" in result.stderr
    assert STOP in result.stderr
    assert not list((sample / "documents").glob("Приказ*"))


def test_report_made_exit_0_and_stopped_by_a_template_exit_1(sample):
    made = run(sample, "report")
    assert made.exit_code == 0, made.output
    assert made.output.strip().splitlines()[-1].startswith("Отчёт о мониторинге на ")

    misspell_template(sample, "отчёт о мониторинге")
    broken = run(sample, "report")

    assert broken.exit_code == 1, broken.output
    assert "{{heed}}" in broken.stderr
    assert STOP in broken.stderr
