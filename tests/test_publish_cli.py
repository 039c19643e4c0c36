"""`nastavnik publish` through Click: files written, exit codes, the refusal of --with-names."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from jobs.cli import State, cli
from jobs.cli.cmd_publish import publish

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def invoke(config, *args):
    return CliRunner().invoke(publish, list(args), obj=State(str(config)), catch_exceptions=False)


@pytest.fixture
def config(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "w"), "--sample", "30"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path / "w" / "nastavnik.toml"


def test_publish_writes_the_page_beside_the_workspace(config):
    result = invoke(config)

    assert result.exit_code == 0, result.output
    site = config.parent / "site"
    assert result.output.strip() == f"Страница для сайта записана: {site / 'index.html'} и {site / 'index.md'}"
    assert "МБОУ СОШ № 26" in (site / "index.html").read_text(encoding="utf-8")


def test_publish_to_a_folder_of_choice(config, tmp_path):
    result = invoke(config, "--out", str(tmp_path / "сайт"), "--days", "366")
    assert result.exit_code == 0, result.output
    assert "Освещение мероприятий" in (tmp_path / "сайт" / "index.md").read_text(encoding="utf-8")


def test_with_names_is_refused_with_the_reason(config):
    result = invoke(config, "--with-names")
    assert result.exit_code == 2
    assert result.output.startswith("Ошибка: Публикация ФИО участников требует их отдельного согласия")
    assert not (config.parent / "site").exists()


def test_withheld_events_are_counted_by_row_and_never_named(config):
    from openpyxl import load_workbook

    from sync.local import WORKBOOK

    path = config.parent / WORKBOOK
    wb = load_workbook(path)
    surname, first, patronymic = next(r[0].value for r in wb["Наставники"].iter_rows(min_row=2) if r[0].value).split()
    sheet = wb["Дорожная карта"]
    headers = [c.value for c in sheet[1]]
    row = sheet.max_row + 1
    values = {"№ этапа": "7", "Этап": "Информационная поддержка системы наставничества",
              "Мероприятие": f"Открытый урок: {surname} {first[0]}. {patronymic[0]}.", "Срок": "15.12.2026", "Публиковать": "да"}
    for header, value in values.items():
        sheet.cell(row=row, column=headers.index(header) + 1).value = value
    wb.save(path)

    result = invoke(config)

    assert result.exit_code == 0, result.output
    assert (f"Не опубликовано мероприятий дорожной карты: 1 (строки {row} листа «Дорожная карта») — в тексте "
            "ФИО или адрес e-mail участника либо пометка «не публиковать».") in result.output
    assert surname not in result.output
    assert "Открытый урок" not in (config.parent / "site" / "index.html").read_text(encoding="utf-8")
