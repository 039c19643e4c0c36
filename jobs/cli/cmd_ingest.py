"""`nastavnik ingest`: the Click command over `jobs.ingest.ingest`.

Registered in `jobs.cli`; the run's `jobs.cli.context.State` reads the config and runs the job
under the run lock.
"""
from __future__ import annotations

import sys

import click

from sheets_schema import ru
from jobs.cli.context import State, pass_state
from jobs.cli.progress import terminal_progress


@click.command()
@pass_state
def ingest(state: State) -> None:
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
    from jobs.ingest import ingest as run_ingest

    cfg = state.config()
    workspace = state.workspace(cfg)
    progress = terminal_progress()  # issue 21: a line per questionnaire on a terminal only
    result = state.one_run(workspace, "ingest", lambda: run_ingest(workspace, progress=progress))
    errors = [p.message for p in result.structure] + result.problems
    for error in errors:
        click.echo(f"Ошибка: {error}", err=True)
    for line in result.lines():
        if line not in errors:
            click.echo(line)
    code = result.exit_code
    if code == 0:
        click.echo(ru.INGEST["done"])
    sys.exit(code)
