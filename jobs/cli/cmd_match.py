"""`nastavnik match`: the Click command over `jobs.match.match` (registered in `jobs.cli`)."""
from __future__ import annotations

import datetime as dt
import sys

import click

from sheets_schema import ru
from jobs.cli.context import State, pass_state
from jobs.cli.progress import terminal_progress
from jobs.cli.steps import matching_settings


@click.command("match")
@click.option("--dry-run", is_flag=True, help="Показать, что изменится, ничего не записывая.")
@pass_state
def match(state: State, dry_run: bool) -> None:
    """Подобрать пары наставник — наставляемый и записать лист «Предложения».

    Сначала утверждённые куратором предложения («утверждено») переносятся на лист «Пары»;
    затем для остальных наставляемых со статусом OK подбирается распределение с наибольшим
    суммарным баллом ([matching] в файле настроек). Отклонённые пары больше не предлагаются.

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml match --dry-run
    """
    from jobs.match import match as run_match  # OR-Tools and scipy load only for a command that matches

    cfg = state.config()
    settings = matching_settings(cfg)
    workspace = state.workspace(cfg)
    progress = terminal_progress()  # issue 21: a line per part on a terminal only
    result = state.one_run(workspace, "match", lambda: run_match(
        workspace, settings, dt.datetime.now(), dry_run=dry_run, limits=cfg.limits, progress=progress),
        dry_run=dry_run)
    for line in result.lines():
        click.echo(line)
    if not dry_run:
        click.echo(ru.MATCHING["done"])
    sys.exit(0)
