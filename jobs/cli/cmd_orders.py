"""`nastavnik orders [--dry-run] [--implementation | --certificates]`: the Click command over `jobs.orders`.

Registered in `jobs.cli`; the run's `jobs.cli.context.State` reads the config, opens the
workspace and runs the job under the run lock, as for every writing command. Exit codes as in
`jobs.cli.errors`: 1 a template or a tab cannot be used (nothing was created), 2 the config,
3 the workspace.
"""
from __future__ import annotations

import sys

import click

from sheets_schema import ru

from jobs.cli.context import State, pass_state
from jobs.cli.progress import terminal_progress
from jobs.cli.errors import guard
from jobs.cli.steps import matching_settings
from jobs.documents.settings import DocumentSettings
from jobs.certificates import CertificatesResult, certificates as run_certificates
from jobs.implementation_order import implementation_order
from jobs.orders import OrdersResult, orders as run_orders


@click.command("orders")
@click.option("--dry-run", is_flag=True, help="Показать, что будет сделано, ничего не создавая и не меняя.")
@click.option("--implementation", is_flag=True,
              help="Создать приказ «О реализации целевой модели наставничества» на текущий учебный год "
                   "и Положение о наставничестве (приложение 1).")
@click.option("--certificates", is_flag=True,
              help="Оформить благодарности наставникам, чьи пары «завершена»: одну на наставника и учебный "
                   "год, ссылка — в столбец «Благодарность» листа «Пары»; без согласия на обработку ПДн — "
                   "не оформляется, с причиной.")
@pass_state
def orders(state: State, dry_run: bool, implementation: bool, certificates: bool) -> None:
    """Приказ о закреплении наставнических пар и программы наставничества.

    Берёт с листа «Пары» пары со статусом «утверждена» без приказа; пару, у участника которой
    нет согласия (наставника — на наставническую деятельность, любого — на обработку ПДн),
    оставляет с причиной; остальные включает в один приказ, для каждой создаёт персонализированную
    программу наставничества и каждому наставнику — дополнительное соглашение к трудовому
    договору (ст. 351.8 ТК РФ), записывает ссылки и статус «закреплена приказом». Повторный
    запуск ничего не создаёт дважды.

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml orders --dry-run
    """
    cfg = state.config()
    settings = guard(lambda: DocumentSettings.from_section(
        cfg.section("documents"), config_path=cfg.path,
        programme_months=int(cfg.section("matching").get("programme_months", 9))))
    matching = guard(lambda: matching_settings(cfg))
    workspace = state.workspace(cfg)
    if implementation and certificates:
        raise click.UsageError(ru.CERTIFICATES["flags_conflict"])
    if certificates:
        def thank() -> CertificatesResult:
            return run_certificates(workspace, cfg.school, settings, dry_run=dry_run, limits=cfg.limits)
        thanked = state.one_run(workspace, "certificates", thank, dry_run=dry_run)
        for line in thanked.lines():
            click.echo(line)
        sys.exit(thanked.exit_code)
    if implementation:
        def job() -> OrdersResult:
            return implementation_order(workspace, cfg.school, settings, dry_run=dry_run, limits=cfg.limits,
                                        matching=matching)
    else:
        def job() -> OrdersResult:
            return run_orders(workspace, cfg.school, settings, dry_run=dry_run, limits=cfg.limits, matching=matching,
                              progress=terminal_progress())  # issue 21: a line per programme on a terminal
    # the run lock, exit codes and «Журнал» rows of a failure as for every writing command (jobs.cli.context.State)
    result = state.one_run(workspace, "orders", job, dry_run=dry_run)
    for line in result.lines():
        click.echo(line)
    sys.exit(result.exit_code)
