"""`nastavnik upgrade-workspace [--dry-run]`: the CLI over `jobs.upgrade` (also used by
``doctor --fix``)."""
from __future__ import annotations

import sys
from typing import Any

import click

from sheets_schema import ru
from sync.workspace import Workspace, WorkspaceError
from jobs import config as config_module
from jobs.config import Config
from jobs.cli.context import State, pass_state
from jobs.cli.errors import guard
from jobs.documents.settings import DocumentSettings
from jobs.upgrade import UpgradeResult, upgrade_workspace


def document_store_settings(cfg: Config) -> dict[str, Any]:
    """The document store's settings from ``[documents]`` (the Google templates folder)."""
    return guard(lambda: DocumentSettings.from_section(cfg.section("documents"), config_path=cfg.path)
                 .store_settings())


def run_upgrade(state: State, cfg: Config, workspace: Workspace, *, dry_run: bool = False) -> UpgradeResult:
    """Upgrade under the run lock, print what was done, and record the version in the config
    (not under ``dry_run``); a config the service cannot write is said, not fatal."""
    documents = document_store_settings(cfg)
    result = state.one_run(workspace, "upgrade", lambda: upgrade_workspace(
        workspace, documents=documents, dry_run=dry_run), dry_run=dry_run)
    for line in result.lines():
        click.echo(line)
    if not dry_run:
        try:
            if config_module.set_version(cfg.path, result.version):
                click.echo(ru.UPGRADE["config_version"].format(path=cfg.path, version=result.version))
        except (OSError, WorkspaceError, config_module.ConfigError) as exc:  # e.g. a config root owns
            click.echo(f"Внимание: {ru.UPGRADE['config_version_failed'].format(path=cfg.path, reason=exc)}",
                       err=True)
    return result


@click.command("upgrade-workspace")
@click.option("--dry-run", is_flag=True, help="Только показать, что будет добавлено; ничего не менять.")
@pass_state
def upgrade(state: State, dry_run: bool) -> None:
    """Добавить в рабочее пространство то, что нужно этой версии nastavnik.

    Недостающие листы (например, «Каталог мероприятий»), столбцы (новым заголовком после
    последнего заполненного столбца — существующие не сдвигаются), значения выпадающих
    списков (свои значения школы в «Списках» остаются) и шаблоны документов (изменённый
    школой шаблон не заменяется). Ни одна заполненная ячейка не меняется. Что сделано —
    строка «Журнала» и вывод команды; повторный запуск скажет, что обновлять нечего. В файл
    настроек записывается nastavnik_version. Не выполняется, пока идёт другой запуск (код 3).
    То же делает nightly в начале каждого запуска и doctor --fix.

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml upgrade-workspace --dry-run
    """
    cfg = state.config()
    workspace = state.workspace(cfg)
    result = run_upgrade(state, cfg, workspace, dry_run=dry_run)
    sys.exit(result.exit_code)
