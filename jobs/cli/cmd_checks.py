"""`nastavnik validate`, `nastavnik nightly` and `nastavnik doctor`: checking the banks, the
night's run of every step, and whether everything the night needs is in place."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from sheets_schema import ru
from sync.factory import open_workspace
from sync.file_errors import state_checks
from sync.workspace import Check, WorkspaceError
from jobs import config as config_module
from jobs.config import Config, ConfigError
from jobs.doctor import doctor as run_doctor
from jobs.documents.settings import DocumentSettings
from jobs.orders import config_notes
from jobs.validate import validate as run_validate
from jobs.cli.steps import document_store_settings, matching_settings, run_nightly_steps, run_upgrade
from jobs.cli.context import State, pass_state
from jobs.cli.errors import EXIT_OK, Failure, guard
from jobs.cli.output import echo_lines

log = logging.getLogger("nastavnik.cli")


@click.command()
@click.option("--strict", is_flag=True, help="Код выхода 1, если в строках есть ошибки.")
@pass_state
def validate(state: State, strict: bool) -> None:
    """Проверить банки наставников и наставляемых, записать «Статус» и «Сообщение».

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml validate
    """
    cfg = state.config()
    workspace = state.workspace(cfg)
    years = guard(lambda: matching_settings(cfg)).training_valid_years
    result = state.one_run(workspace, "validate", lambda: run_validate(workspace, limits=cfg.limits,
                                                                        training_years=years))
    for problem in result.problems:
        click.echo(f"Ошибка: {problem.message}", err=True)
    echo_lines([s.line() for s in result.summaries] + result.notes)
    code = result.with_strict(strict).exit_code
    if code == EXIT_OK:
        click.echo(ru.TEXT["validate_done"])
    sys.exit(code)


@click.command()
@click.option("--strict", is_flag=True, help="Код выхода 1, если в строках есть ошибки.")
@click.option("--dry-run", is_flag=True, help="Всё прочитать и решить, но ничего не записывать и не создавать.")
@pass_state
def nightly(state: State, strict: bool, dry_run: bool) -> None:
    """Ночной запуск для cron: все шаги по порядку, итог каждого — строка «Журнала».

    Быстрая проверка готовности, приём анкет, проверка банков, подбор пар для тех, кто без пары
    (только предложения), приказы для утверждённых пар (если [documents] nightly = true),
    дорожная карта, итоги мониторинга. Сбой одного шага не мешает остальным; код выхода —
    худший из шагов.

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml nightly

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml --log-format json nightly

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml nightly --dry-run
    """
    cfg = state.config()
    workspace = state.workspace(cfg)
    sys.exit(run_nightly_steps(state, workspace, cfg, strict, dry_run))


@click.command()
@click.option("--fix", is_flag=True,
              help="Сначала добавить то, что нужно этой версии (как upgrade-workspace), затем проверить.")
@pass_state
def doctor(state: State, fix: bool) -> None:
    """Проверить всё, что нужно ночному запуску, и показать, как исправить найденное.

    Проверяет настройки, доступность рабочего пространства (книга не повреждена и не открыта,
    папки доступны для записи), структуру каждого листа и есть ли в рабочем пространстве всё,
    что добавила эта версия nastavnik (если нет — nastavnik upgrade-workspace или doctor --fix).
    Код выхода 0 — всё готово.

    Пример: nastavnik --config ./школа/nastavnik.toml doctor

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml doctor --fix
    """
    config_title = ru.DOCTOR["config"].format(path=state.config_path)
    try:
        cfg = config_module.load(state.config_path)
    except ConfigError as exc:
        echo_lines([f"{ru.DOCTOR['fail_mark']} {config_title}", f"   {exc}",
                      ru.DOCTOR["fix"].format(fix=ru.DOCTOR["config_fix"])])
        sys.exit(exc.exit_code)
    try:
        workspace = open_workspace(cfg.backend, cfg.workspace_dir, cfg.section("google"),
                                   backups=state.backup_policy(cfg))
    except WorkspaceError as exc:  # e.g. no saved Google sign-in, a missing key file
        echo_lines([f"{ru.DOCTOR['ok_mark']} {config_title}",
                      f"{ru.DOCTOR['fail_mark']} {ru.DOCTOR['open_workspace']}", f"   {exc}",
                      ru.DOCTOR["failed"].format(count=1)])
        sys.exit(exc.exit_code)
    documents = guard(lambda: document_store_settings(cfg))
    if fix:
        state.cfg = cfg  # the upgrade's «Журнал» rows may wait in the state folder
        try:
            run_upgrade(state, cfg, workspace)
        except Failure as exc:  # e.g. another run holds the workspace: the checks still say what is wrong
            exc.show()
    warning = ru.DOCTOR["config_warnings"].format(warnings="; ".join(cfg.warnings)) if cfg.warnings else ""
    report = run_doctor(workspace, Check(config_title, True, warning=warning), documents,
                        paths=[*_night_paths(cfg), *document_checks(cfg)])
    echo_lines(report.lines())
    sys.exit(report.exit_code)


def document_checks(cfg: Config) -> list[Check]:
    """doctor's line for what in the config makes the documents weaker (a head or coordinator
    that is no name, a payment with no size), as a warning; none when all is well. doctor read
    [documents] before (`document_store_settings`: a bad value exits there, naming the key)."""
    notes = config_notes(cfg.school, guard(lambda: DocumentSettings.from_section(cfg.section("documents"),
                                                                                config_path=cfg.path)))
    return [Check(ru.DOCTOR["documents_config"], True, warning="; ".join(notes))] if notes else []


def _night_paths(cfg: Config) -> list[Check]:
    """doctor's lines for what the night writes outside the workspace: the state folder
    (last-run.json, backups/, postponed «Журнал» rows) and, signed in with OAuth, the token
    cache's folder (each refresh replaces the file through a temporary file there)."""
    checks = state_checks(cfg.state_dir)
    google = cfg.section("google")
    if cfg.backend == "google" and google.get("auth") == "oauth" and google.get("token_cache"):
        from sync.google.auth import CredentialSource  # the Google clients: only for a Google workspace
        from sync.google.health import token_cache_checks

        checks += token_cache_checks(CredentialSource("oauth", token_cache=Path(google["token_cache"])))
    return checks


__all__ = ["doctor", "nightly", "validate"]
