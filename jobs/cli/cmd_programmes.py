"""`nastavnik programmes --refresh [--pair П-004] [--dry-run]`: the Click command over
`jobs.plan_refresh` (issue 19: the plan ticked off).

Registered in `jobs.cli`; the run lock, exit codes and «Журнал» rows as for every writing command
(`jobs.cli.context.State.one_run`). Exit codes: 0 done; 1 a tab or a programme's plan table cannot
be used; 2 the config, or a ``--pair`` that is no pair; 3 the workspace.
"""
from __future__ import annotations

import sys

import click

from jobs.cli.context import State, pass_state
from jobs.cli.errors import guard
from jobs.documents.settings import DocumentSettings
from jobs.plan_refresh import RefreshResult, refresh_programmes


@click.command("programmes")
@click.option("--refresh", is_flag=True, required=True,
              help="Переписать таблицу плана мероприятий в каждой программе (ППН) по листу «План мероприятий».")
@click.option("--pair", "pair_id", default=None, metavar="ID",
              help="Только программа этой пары (ID с листа «Пары», например П-004).")
@click.option("--dry-run", is_flag=True, help="Показать, какие программы будут обновлены, ничего не меняя.")
@pass_state
def programmes(state: State, refresh: bool, pair_id: str | None, dry_run: bool) -> None:
    """Таблицы плана в программах наставничества — по листу «План мероприятий».

    В каждой программе, созданной «nastavnik orders», строки таблицы «№ | Мероприятие | Срок |
    Форма проведения | Ответственный | Отметка о выполнении» заменяются строками пары с листа
    «План мероприятий» (отметка — с датой). Меняется только эта таблица: текст, который
    сотрудники написали в документе вне её, не трогается. Повторный запуск ничего не меняет.

    Пример: nastavnik programmes --refresh --pair П-004
    """
    cfg = state.config()
    settings = guard(lambda: DocumentSettings.from_section(
        cfg.section("documents"), config_path=cfg.path,
        programme_months=int(cfg.section("matching").get("programme_months", 9))))
    workspace = state.workspace(cfg)

    def job() -> RefreshResult:
        return refresh_programmes(workspace, settings.store_settings(), pair=pair_id, dry_run=dry_run)

    result = state.one_run(workspace, "programmes", job, dry_run=dry_run)
    for line in result.lines():
        click.echo(line)
    sys.exit(result.exit_code)
