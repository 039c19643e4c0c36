"""The `nastavnik` command: a thin Click layer over the jobs.

Exit codes: 0 done (row-level data problems are reported in the sheet, not as a failure);
1 a tab could not be processed because of its structure, or row problems under ``--strict``;
2 configuration or usage error; 3 workspace or backend failure (unreachable, locked, corrupt) —
systemd names them SUCCESS, FAILURE, INVALIDARGUMENT, NOTIMPLEMENTED (see `jobs.cli_errors`).
Every run of a writing command leaves `last-run.json` and its «Журнал» rows (`jobs.cli_run`,
`jobs.run_record`); ``--log-format json`` makes every output line a JSON object (`jobs.cli_output`).
"""
from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path

import click

from sheets_schema import ru
from sync import safe_files
from sync.factory import open_workspace
from sync.file_errors import describe as describe_file_error
from sync.local.backups import DEFAULT_DAYS, BackupPolicy
from sync.local import create_local_workspace, existing_workspace
from sync.workspace import Check, StructureError, Workspace, WorkspaceError, WorkspaceLocked
from jobs import config as config_module
from jobs.config import Config, ConfigError, School
from jobs.cli_errors import EXIT_CONFIG, EXIT_OK, EXIT_STRUCTURE, EXIT_WORKSPACE, Failure
from jobs.cli_lock import ENV_WAIT, one_run
from jobs.doctor import doctor as run_doctor
from jobs.cli_output import json_mode, line_fields, protect_output, set_command
from jobs.cli_run import RecordedGroup, RunState, errors_of, outcome_for
from jobs.run_record import StepRecord, now, outcome_of, step_context
from jobs.logs import setup_logging
from jobs.init import DEFAULT_SCHOOL, init_workspace
from jobs.nightly import NightlySettings, nightly as run_nightly
from jobs.validate import validate as run_validate

log = logging.getLogger("nastavnik.cli")
DEMO_SAMPLE = 150


class State(RunState):
    def __init__(self, config_path: str, lock_wait: float = 0.0):
        super().__init__()
        self.config_path = Path(config_path)
        self.lock_wait = lock_wait  # seconds a writing command waits for a run holding the lock

    def one_run(self, workspace: Workspace, job: str, action, *, dry_run: bool = False):
        """Run a writing command's job under the workspace's run lock (`jobs.cli_lock`), with
        domain exceptions turned into exit codes. Inside the lock the «Журнал» rows waiting in
        the state folder are written first; a job that raises gets its row with the reason, and
        a run refused before it could start (another run, Excel, no access) leaves its row in
        the state folder for the next run (`jobs.run_record.Journal`). A dry run takes nothing
        and writes nothing."""
        if dry_run:
            self.dry_run = True
            return _guard(lambda: one_run(workspace, job, action, dry_run=True))
        journal = self.journal(workspace)
        started, entered = now(), []

        def journaled():
            entered.append(True)
            _print_lines(journal.flush())
            begun = now()
            try:
                return action()
            except Exception as exc:
                locked = isinstance(exc, WorkspaceLocked)  # Excel holds the workbook: nothing can be written
                self.refused = self.refused or locked
                journal.write(job, begun, now(), outcome_for(exc), errors_of(exc), postpone_only=locked)
                raise

        try:
            return _guard(lambda: one_run(workspace, job, journaled, wait=self.lock_wait))
        except Exception as exc:
            if not entered:  # the run lock was not ours: the row waits for a run that gets it
                self.refused = True
                reason = exc.format_message() if isinstance(exc, Failure) else str(exc)
                journal.write(job, started, now(), "refused", [reason], postpone_only=True)
            raise

    def config(self) -> Config:
        try:
            self.cfg = config_module.load(self.config_path)
        except ConfigError as exc:
            raise Failure(str(exc), EXIT_CONFIG) from exc
        except OSError as exc:  # the config itself (or its folder) this user may not open
            raise Failure(describe_file_error(exc), EXIT_WORKSPACE) from exc
        _use_group(self.cfg.group)  # what this run creates is shared with [files] group
        for warning in self.cfg.warnings:  # e.g. keys a newer version wrote, skipped by this one
            click.echo(f"Внимание: {warning}", err=True)
        return self.cfg

    def workspace(self, cfg: Config) -> Workspace:
        """The config's workspace; a local one keeps its dated backups as the config says."""
        try:
            return open_workspace(cfg.backend, cfg.workspace_dir, cfg.section("google"),
                                  backups=self.backup_policy(cfg))
        except WorkspaceError as exc:
            raise Failure(str(exc), EXIT_WORKSPACE) from exc

    @staticmethod
    def backup_policy(cfg: Config) -> BackupPolicy:
        """``backups/`` of ``[files] state_dir``, kept ``[files] backup_days`` days."""
        return BackupPolicy.in_state_dir(cfg.state_dir, int(cfg.section("files").get("backup_days", DEFAULT_DAYS)))


def _guard(action):
    """Run a job, turning domain exceptions into exit codes."""
    try:
        return action()
    except StructureError as exc:
        raise Failure(str(exc), EXIT_STRUCTURE) from exc
    except WorkspaceError as exc:
        raise Failure(str(exc), EXIT_WORKSPACE) from exc
    except ConfigError as exc:
        raise Failure(str(exc), EXIT_CONFIG) from exc
    except OSError as exc:  # a file error no backend turned into a WorkspaceError: still exit 3
        raise Failure(describe_file_error(exc), EXIT_WORKSPACE) from exc


def _use_group(group: str) -> None:
    """Apply ``[files] group`` (`sync.safe_files.use_group`); exit 2 with the fix when the group
    is unknown or this user is not in it."""
    try:
        safe_files.use_group(group)
    except safe_files.GroupProblem as exc:
        raise Failure(str(exc), EXIT_CONFIG) from exc


@click.group(cls=RecordedGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    "config_path",
    envvar=config_module.ENV_VAR,
    default=config_module.DEFAULT_PATH,
    show_default=True,
    type=click.Path(dir_okay=False, readable=False),  # an unreadable file: exit 3 with the fix (State.config)
    help="Файл настроек (или переменная окружения NASTAVNIK_CONFIG).",
)
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Формат вывода: текст для человека или json — каждая строка stdout и stderr один "
                   "JSON-объект (time, level, step, outcome, exit_code, message; в конце — итог "
                   "event=summary) для cron и сборщиков логов.")
@click.option("--log-personal-data", is_flag=True,
              help="Не скрывать e-mail и ФИО в журнале (по умолчанию скрыты).")
@click.option("--lock-wait", type=click.FloatRange(0, 3600), default=0, show_default=True, envvar=ENV_WAIT,
              help="Сколько секунд ждать, пока закончится другой запуск, прежде чем выйти с кодом 3 "
                   "(или переменная окружения NASTAVNIK_LOCK_WAIT).")
@click.version_option(package_name="nastavnik")
@click.pass_context
def cli(ctx: click.Context, config_path: str, log_format: str, log_personal_data: bool, lock_wait: float) -> None:
    """nastavnik — наставничество педагогов: банки, проверка, подбор пар, приказы.

    \b
    Коды выхода (в скобках — как код показывает systemd):
      0 (SUCCESS)         — готово; ошибки в строках отмечены в таблице;
      1 (FAILURE)         — лист не обработан из-за структуры (нет листа или столбца)
                            или ошибки в строках при --strict;
      2 (INVALIDARGUMENT) — ошибка настроек или вызова;
      3 (NOTIMPLEMENTED)  — рабочее пространство недоступно, занято, нет прав
                            или оно повреждено (systemd так называет код 3).

    Итог каждого запуска команды, которая пишет, — в last-run.json папки состояния
    ([files] state_dir, на сервере /var/lib/nastavnik).
    """
    protect_output(as_json=log_format == "json")  # stdout, stderr: no e-mail, no name (jobs.cli_output)
    set_command(ctx.invoked_subcommand or "")
    setup_logging(log_format, personal_data=log_personal_data)
    ctx.obj = State(config_path, lock_wait)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False), required=False)
@click.option("--google", "on_google", is_flag=True,
              help="Создать (или найти) таблицу Google по разделу [google] файла настроек и записать её ID в настройки.")
@click.option("--sample", "sample_size", type=click.IntRange(0, 100_000), default=0,
              help="Добавить N условных сотрудников (около 40% — наставники) с намеренными ошибками.")
@click.option("--seed", type=int, default=1, show_default=True, help="Зерно генератора для --sample.")
@click.option("--school", default=DEFAULT_SCHOOL.name, show_default=True, help="Название школы.")
@click.option("--head", default=DEFAULT_SCHOOL.head, help="ФИО директора.")
@click.option("--coordinator", default=DEFAULT_SCHOOL.coordinator, help="ФИО куратора.")
@click.option("--group", default="", metavar="GROUP",
              help="Открыть рабочее пространство группе Unix GROUP (папки 2770, файлы 0660; ключи и токены — "
                   "только владельцу) и записать [files] group = \"GROUP\" в nastavnik.toml.")
@click.pass_obj
def init(state: State, directory: str | None, on_google: bool, sample_size: int, seed: int, school: str,
         head: str, coordinator: str, group: str) -> None:
    """Создать рабочее пространство: локальное в папке DIRECTORY или таблицу Google (--google).

    Локально: книга workspace.xlsx со всеми листами, папки и nastavnik.toml. С --google: таблица
    в папке [google] folder_id (повторный запуск находит уже созданную), её ID записывается в
    файл настроек. Если folder_id пуст, программа сама создаёт папку «Наставничество (nastavnik)»
    в «Моём диске» и записывает её ID (с правом drive.file программа видит только созданные ею
    папки; сервисному аккаунту без subject нужна папка на общем диске).

    Пример: nastavnik init ./школа --sample 200 --seed 1

    Пример: nastavnik --config ./школа/nastavnik.toml init --google

    Пример (сервер, общий доступ куратору): sudo -u nastavnik nastavnik init /var/lib/nastavnik --group nastavnik
    """
    if group:
        _use_group(group)  # exit 2 with groupadd / usermod -aG before anything is made
    if on_google:
        _init_google(state, sample_size, seed, group)
        return
    if not directory:
        raise Failure(ru.TEXT["init_needs_dir"], EXIT_CONFIG)
    path = Path(directory)
    found = existing_workspace(path) if path.exists() else None
    if found:
        raise Failure(ru.TEXT["workspace_exists"].format(path=path, what=found), EXIT_CONFIG)
    text = config_module.render_local_config(School(school, head, coordinator))
    result = _guard(lambda: init_workspace(
        lambda rows: create_local_workspace(path, rows, text), sample_size=sample_size, seed=seed
    ))
    if group:
        _guard(lambda: _share_new_workspace(path, group))
    click.echo(ru.TEXT["init_done"].format(path=path, config=path / "nastavnik.toml"))
    if group:
        click.echo(ru.FILES["init_group_done"].format(group=group, config=path / "nastavnik.toml"))
    _print_init(result)


def _share_new_workspace(path: Path, group: str) -> None:
    """``init --group``: ``[files] group`` in the new config, and the group's modes on what init
    made (the folder itself, the workbook, the config, forms/, templates/, documents/)."""
    from sync.local import WORKBOOK
    from sync.local.workbook import SUBDIRS

    config_module.set_keys(path / "nastavnik.toml", "files", {"group": group})
    safe_files.share_tree([path, path / WORKBOOK, path / "nastavnik.toml", *(path / sub for sub in SUBDIRS)])


def _print_init(result) -> None:
    """What init made besides the tabs: the sample, the questionnaires, the document templates."""
    if result.sample:
        s = result.sample
        click.echo(ru.TEXT["init_sample"].format(
            count=len(s.mentees) + len(s.mentors), mentors=len(s.mentors), mentees=len(s.mentees),
            errors=len(s.errors),
        ))
    _print_lines(result.questionnaires + result.templates)
    for error in (result.questionnaire_error, result.templates_error):
        if error:
            click.echo(f"Внимание: {error}", err=True)


def _init_google(state: State, sample_size: int, seed: int, group: str = "") -> None:
    from sync.google import configure, create_google_workspace

    cfg = state.config()
    if group:
        _guard(lambda: config_module.set_keys(cfg.path, "files", {"group": group}))
    settings = cfg.section("google")
    result = _guard(lambda: init_workspace(
        lambda rows: configure(create_google_workspace(settings, rows), settings),
        sample_size=sample_size, seed=seed,
    ))
    workspace = result.workspace
    _guard(lambda: config_module.set_keys(cfg.path, "google", {
        "spreadsheet_id": workspace.spreadsheet_id, "folder_id": workspace.folder_id,
    }))
    if workspace.folder_id and not settings.get("folder_id"):
        click.echo(ru.TEXT["init_google_folder"].format(
            name=ru.GOOGLE["workspace_folder_name"], config=cfg.path,
            url=f"https://drive.google.com/drive/folders/{workspace.folder_id}"))
    if workspace.created:
        message = "init_google_created"
    else:
        message = "init_google_found" if workspace.added_tabs else "init_google_found_complete"
    click.echo(ru.TEXT[message].format(
        url=f"https://docs.google.com/spreadsheets/d/{workspace.spreadsheet_id}", config=cfg.path,
        tabs=", ".join(f"«{t}»" for t in workspace.added_tabs),
    ))
    _guard(lambda: config_module.set_version(cfg.path))  # what a later downgrade reads
    _print_init(result)  # run again too: each form's link, and what was repaired
    if result.questionnaire_error:  # the tabs are there, the forms are not: not done (exit 3)
        sys.exit(EXIT_WORKSPACE)


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


@cli.command()
@click.option("--strict", is_flag=True, help="Код выхода 1, если в строках есть ошибки.")
@click.pass_obj
def validate(state: State, strict: bool) -> None:
    """Проверить банки наставников и наставляемых, записать «Статус» и «Сообщение».

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml validate
    """
    cfg = state.config()
    workspace = state.workspace(cfg)
    result = state.one_run(workspace, "validate", lambda: run_validate(workspace, limits=cfg.limits))
    for problem in result.problems:
        click.echo(f"Ошибка: {problem.message}", err=True)
    _print_lines([s.line() for s in result.summaries] + result.notes)
    code = result.exit_code(strict)
    if code == EXIT_OK:
        click.echo(ru.TEXT["validate_done"])
    sys.exit(code)


@cli.command()
@click.option("--strict", is_flag=True, help="Код выхода 1, если в строках есть ошибки.")
@click.option("--dry-run", is_flag=True, help="Всё прочитать и решить, но ничего не записывать и не создавать.")
@click.pass_obj
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
    sys.exit(_run_nightly(state, workspace, cfg, strict, dry_run))


def nightly_settings(cfg: Config, strict: bool) -> NightlySettings:
    """The steps' settings from the config (documents only when night-time orders are on)."""
    documents = None
    if cfg.section("documents").get("nightly"):
        from jobs.documents.settings import DocumentSettings, DocumentSettingsError

        try:
            documents = DocumentSettings.from_section(
                cfg.section("documents"), config_path=cfg.path,
                programme_months=int(cfg.section("matching").get("programme_months", 9)))
        except DocumentSettingsError as exc:
            raise Failure(str(exc), EXIT_CONFIG) from exc
    return NightlySettings(limits=cfg.limits, strict=strict, school=cfg.school, documents=documents,
                           matching=matching_settings(cfg))


def matching_settings(cfg: Config):
    """The typed [matching] settings."""
    from jobs.config import MatchingSettings

    return MatchingSettings.from_section(cfg.section("matching"))


def _run_nightly(state: State, workspace: Workspace, cfg: Config, strict: bool, dry_run: bool = False) -> int:
    settings = nightly_settings(cfg, strict)
    if not dry_run:
        settings = replace(settings, journal=state.journal(workspace))  # a failed step's «Журнал» row
    # one lock for all the steps (a dry run reads only: no lock, nothing written)
    result = state.one_run(workspace, "nightly", lambda: run_nightly(workspace, settings, dry_run=dry_run),
                           dry_run=dry_run)
    state.refused = state.refused or result.refused
    state.steps = [StepRecord(s.job, "refused" if s.refused else outcome_of(s.exit_code), s.exit_code,
                              s.started, s.finished, list(s.errors)) for s in result.steps]
    for step, record in zip(result.steps, state.steps):
        outcome = ru.TEXT["outcome_ok"] if step.exit_code == 0 else (
            ru.TEXT["outcome_structure"] if step.exit_code == EXIT_STRUCTURE else ru.TEXT["outcome_failed"]
        )
        line = ru.TEXT["nightly_step"].format(job=ru.JOBS.get(step.job, step.job), outcome=outcome)
        with step_context(step.job), line_fields(outcome=record.outcome, exit_code=step.exit_code):
            for error in step.errors:
                click.echo(f"Ошибка: {error}", err=True)
            _print_lines(step.lines)
            level = logging.ERROR if step.exit_code else logging.INFO  # a failed step is an error
            with line_fields(level=logging.getLevelName(level).lower()):
                click.echo(line)
            if json_mode():  # the log gets the step's record too (in a terminal it would repeat the line)
                log.log(level, line, extra={"outcome": record.outcome, "exit_code": step.exit_code})
            else:
                log.info(line)
    if result.dry_run:
        click.echo(ru.TEXT["dry_run_header"])
        _print_lines([ru.TEXT["dry_run_cells"].format(tab=tab, count=n) for tab, n in result.would_change.items()]
                     or [ru.TEXT["dry_run_nothing"]])
    return result.exit_code


@cli.command()
@click.option("--fix", is_flag=True,
              help="Сначала добавить то, что нужно этой версии (как upgrade-workspace), затем проверить.")
@click.pass_obj
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
        _print_lines([f"{ru.DOCTOR['fail_mark']} {config_title}", f"   {exc}",
                      ru.DOCTOR["fix"].format(fix=ru.DOCTOR["config_fix"])])
        sys.exit(EXIT_CONFIG)
    try:
        workspace = open_workspace(cfg.backend, cfg.workspace_dir, cfg.section("google"),
                                   backups=state.backup_policy(cfg))
    except WorkspaceError as exc:  # e.g. no saved Google sign-in, a missing key file
        _print_lines([f"{ru.DOCTOR['ok_mark']} {config_title}",
                      f"{ru.DOCTOR['fail_mark']} {ru.DOCTOR['open_workspace']}", f"   {exc}",
                      ru.DOCTOR["failed"].format(count=1)])
        sys.exit(EXIT_WORKSPACE)
    from jobs.cli_upgrade import document_store_settings, run_upgrade

    documents = _guard(lambda: document_store_settings(cfg))
    if fix:
        state.cfg = cfg  # the upgrade's «Журнал» rows may wait in the state folder
        try:
            run_upgrade(state, cfg, workspace)
        except Failure as exc:  # e.g. another run holds the workspace: the checks still say what is wrong
            exc.show()
    warning = ru.DOCTOR["config_warnings"].format(warnings="; ".join(cfg.warnings)) if cfg.warnings else ""
    report = run_doctor(workspace, Check(config_title, True, warning=warning), documents,
                        paths=_night_paths(cfg))
    _print_lines(report.lines())
    sys.exit(report.exit_code)


def _night_paths(cfg: Config) -> list[Check]:
    """doctor's lines for what the night writes outside the workspace: the state folder
    (last-run.json, backups/, postponed «Журнал» rows) and, signed in with OAuth, the token
    cache's folder (each refresh replaces the file through a temporary file there)."""
    from sync.file_errors import state_checks

    checks = state_checks(cfg.state_dir)
    google = cfg.section("google")
    if cfg.backend == "google" and google.get("auth") == "oauth" and google.get("token_cache"):
        from sync.google.auth import CredentialSource
        from sync.google.health import token_cache_checks

        checks += token_cache_checks(CredentialSource("oauth", token_cache=Path(google["token_cache"])))
    return checks


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False), default="demo")
def demo(directory: str) -> None:
    """Демонстрация: создать пример рабочего пространства (если его нет) и выполнить nightly.

    Пример: nastavnik demo
    """
    path = Path(directory)
    if not (path.exists() and existing_workspace(path)):
        text = config_module.render_local_config(DEFAULT_SCHOOL)
        _guard(lambda: init_workspace(
            lambda rows: create_local_workspace(path, rows, text), sample_size=DEMO_SAMPLE, seed=1
        ))
        click.echo(ru.TEXT["demo_created"].format(path=path.resolve()))
    state = State(str(path / "nastavnik.toml"))
    cfg = state.config()
    workspace = state.workspace(cfg)
    code = _run_nightly(state, workspace, cfg, strict=False)
    click.echo(ru.TEXT["demo_where"].format(workbook=(path / "workspace.xlsx").resolve()))
    sys.exit(code)


def _register() -> None:
    """Commands that live in their own modules (each a thin layer over its job)."""
    from jobs.cli_auth import auth
    from jobs.cli_ingest import ingest
    from jobs.cli_match import match
    from jobs.cli_nightly_extras import publish, report
    from jobs.cli_orders import orders
    from jobs.cli_restore import restore
    from jobs.cli_upgrade import upgrade

    for command in (auth, ingest, match, orders, publish, report, restore, upgrade):
        cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point. An `OSError` that escaped every command (a file error before
    any job ran) is exit 3 with the path, the user and the fix — never a traceback."""
    try:
        cli(prog_name="nastavnik")
    except OSError as exc:
        click.echo(f"Ошибка: {describe_file_error(exc)}", err=True)
        sys.exit(EXIT_WORKSPACE)


if __name__ == "__main__":
    main()
