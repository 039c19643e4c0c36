"""`nastavnik publish` and `nastavnik report`: the Click commands over `jobs.publish.publish` and
`jobs.report.report`.

Registered in `jobs.cli`; the run's `jobs.cli.context.State` reads the config and runs the job
under the run lock. A `PublishError` (exit 2) or a `TemplateError` (exit 1) becomes its exit code
there (`jobs.cli.errors`).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from jobs.cli.context import State, pass_state
from jobs.cli.errors import guard
from jobs.documents.settings import DocumentSettings
from jobs.publish import UPCOMING_DAYS, publish as run_publish
from jobs.report import report as run_report

SITE_DIR = "site"


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Папка для index.html и index.md (по умолчанию: папка site рядом с рабочим "
                   "пространством; для Google — site в текущей папке).")
@click.option("--days", type=click.IntRange(1, 366), default=UPCOMING_DAYS, show_default=True,
              help="Сколько дней вперёд показывать мероприятия дорожной карты.")
@click.option("--with-names", is_flag=True,
              help="Показать ФИО участников — только с их отдельным согласием на распространение "
                   "персональных данных (пока не поддерживается: такого согласия нет в банках).")
@pass_state
def publish(state: State, out_dir: str | None, days: int, with_names: bool) -> None:
    """Страница для сайта школы: показатели, дорожная карта по этапам, ближайшие мероприятия.

    Пишет index.html (самостоятельная страница, без скриптов) и index.md. Только обобщённые
    сведения: ни адресов e-mail, ни ФИО. Таблица не изменяется.

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml publish --out ./сайт
    """
    cfg = state.config()
    if out_dir is None:
        out = cfg.workspace_dir / SITE_DIR if cfg.backend == "local" else Path(SITE_DIR)
    else:
        out = Path(out_dir)
    workspace = state.workspace(cfg)
    result = state.one_run(workspace, "publish", lambda: run_publish(
        workspace, out, with_names=with_names, school=cfg.school.name, days=days, limits=cfg.limits,
        min_answers=cfg.section("privacy")["min_answers"]))
    for note in result.notes:
        click.echo(f"Внимание: {note}", err=True)
    click.echo(result.lines()[-1])
    sys.exit(0)


@click.command("report")
@click.option("--dry-run", is_flag=True, help="Показать, будет ли создан отчёт, ничего не создавая.")
@pass_state
def report(state: State, dry_run: bool) -> None:
    """Отчёт о мониторинге программ наставничества — к круглому столу по обмену лучшими практиками.

    Создаёт документ (Google Документ или .docx в папке documents) по шаблону «Шаблон — отчёт о
    мониторинге…»: показатели, средние оценки по вопросам анкеты с диаграммой, пары и группы по
    ID, преодолённые затруднения, выполнение дорожной карты по этапам. Без ФИО и адресов e-mail.
    Один отчёт в день: повторный запуск в тот же день находит уже созданный.

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml report
    """
    cfg = state.config()
    settings = guard(lambda: DocumentSettings.from_section(cfg.section("documents"), config_path=cfg.path))
    workspace = state.workspace(cfg)
    result = state.one_run(workspace, "report", lambda: run_report(
        workspace, cfg.school, settings, dry_run=dry_run, limits=cfg.limits,
        min_answers=cfg.section("privacy")["min_answers"]), dry_run=dry_run)
    for line in result.lines():
        click.echo(line)
    sys.exit(result.exit_code)
