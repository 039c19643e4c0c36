"""`nastavnik upgrade-workspace [--dry-run]`: the CLI over `jobs.upgrade` (also used by
``doctor --fix``)."""
from __future__ import annotations

import sys

import click

from jobs.cli.context import State, pass_state
from jobs.cli.steps import run_upgrade


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
