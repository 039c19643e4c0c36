"""`nastavnik ingest`: the Click command over `jobs.ingest.ingest`.

Registered in `jobs.cli` with ``cli.add_command(ingest)``; it imports `jobs.cli` only when run,
so the two modules do not import each other at load time.
"""
from __future__ import annotations

import sys

import click

from sheets_schema import ru


@click.command()
@click.pass_obj
def ingest(state) -> None:
    """Принять ответы на анкеты: новые люди — в банки, мониторинг — на лист «Мониторинг».

    Google: ответы форм, созданных nastavnik init --google, с прошлого запуска. Локально:
    выгрузки ответов в папке forms/ (CSV из Google Форм, XLSX из Яндекс Форм); столбец,
    названный почти как вопрос, принимается с отметкой в «Журнале», невидимые управляющие
    символы удаляются из ответов. Каждый ответ принимается один раз; столбцы, которые
    заполняют сотрудники, не перезаписываются; конфликты и отзывы согласия записываются в
    «Журнал». Код выхода 1 — файл выгрузки не читается или его столбец (вопрос формы) не
    соответствует анкете (подробности в сообщении; ответы остальных файлов приняты).

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml ingest
    """
    from jobs.cli import _print_lines
    from jobs.ingest import ingest as run_ingest

    cfg = state.config()
    workspace = state.workspace(cfg)
    result = state.one_run(workspace, "ingest", lambda: run_ingest(workspace))
    errors = [p.message for p in result.structure] + result.problems
    for error in errors:
        click.echo(f"Ошибка: {error}", err=True)
    _print_lines([line for line in result.lines() if line not in errors])
    code = result.exit_code()
    if code == 0:
        click.echo(ru.INGEST["done"])
    sys.exit(code)
