"""`nastavnik orders [--dry-run] [--implementation]`: the Click command over `jobs.orders`.

Registered in `jobs.cli` (``cli.add_command(orders)``); it reads the config path from the parent
group's context object (``ctx.obj.config_path``). Exit codes as in `jobs.cli`: 1 a template or a
tab cannot be used (nothing was created), 2 the config, 3 the workspace.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from jobs.cli_errors import EXIT_CONFIG, EXIT_STRUCTURE, EXIT_WORKSPACE, Failure
from jobs.cli_lock import one_run

from jobs import config as config_module
from jobs.config import ConfigError
from jobs.documents.check import TemplateError
from jobs.documents.settings import DocumentSettings, DocumentSettingsError
from jobs.orders import implementation_order, orders as run_orders
from sync.factory import open_workspace
from sync.workspace import StructureError, WorkspaceError



@click.command("orders")
@click.option("--dry-run", is_flag=True, help="Показать, что будет сделано, ничего не создавая и не меняя.")
@click.option("--implementation", is_flag=True,
              help="Создать приказ «О реализации целевой модели наставничества» на текущий учебный год.")
@click.pass_context
def orders(ctx: click.Context, dry_run: bool, implementation: bool) -> None:
    """Приказ о закреплении наставнических пар и программы наставничества.

    Берёт с листа «Пары» пары со статусом «утверждена» без приказа; пару, у участника которой
    нет согласия (наставника — на наставническую деятельность, любого — на обработку ПДн),
    оставляет с причиной; остальные включает в один приказ, для каждой создаёт персонализированную
    программу наставничества и записывает ссылки и статус «закреплена приказом». Повторный
    запуск ничего не создаёт дважды.

    Пример: nastavnik --config ./школа/nastavnik.toml orders --dry-run
    """
    path = Path(getattr(ctx.obj, "config_path", config_module.DEFAULT_PATH))
    try:
        cfg = config_module.load(path)
        settings = DocumentSettings.from_section(
            cfg.section("documents"), config_path=cfg.path,
            programme_months=int(cfg.section("matching").get("programme_months", 9)))
    except (ConfigError, DocumentSettingsError) as exc:
        raise Failure(str(exc), EXIT_CONFIG) from exc
    try:
        workspace = open_workspace(cfg.backend, cfg.workspace_dir, cfg.section("google"))
        if implementation:
            def job():
                return implementation_order(workspace, cfg.school, settings, dry_run=dry_run)
        else:
            def job():
                return run_orders(workspace, cfg.school, settings, dry_run=dry_run, limits=cfg.limits)
        result = one_run(workspace, "orders", job, wait=getattr(ctx.obj, "lock_wait", 0.0), dry_run=dry_run)
    except TemplateError as exc:
        raise Failure(str(exc), EXIT_STRUCTURE) from exc
    except StructureError as exc:
        raise Failure(str(exc), EXIT_STRUCTURE) from exc
    except WorkspaceError as exc:
        raise Failure(str(exc), EXIT_WORKSPACE) from exc
    for line in result.lines:
        click.echo(line)
    sys.exit(result.exit_code)
