"""`nastavnik municipal …`: the commands over a municipality's schools (issue 20), a Click group
registered in `jobs.cli`.

- ``municipal nightly`` — every school's night as its own ``nastavnik nightly`` runs it
  (`run_school_nightly`: its run lock, its «Журнал», its last-run.json), through
  `jobs.municipal.run.run_municipal`; then the network step (`jobs.municipal.network`) when this
  version has it;
- the municipal report and network matching add their commands to `municipal` below (see
  «Other commands of the group»), each taking `municipal_config_option`.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from sheets_schema import ru
from sync.errors import EXIT_WORKSPACE, NastavnikError
from sync.personal_data import scrub
from jobs import config as config_module
from jobs.municipal.config import MunicipalConfig, MunicipalConfigError, SchoolEntry, load_municipal
from jobs.municipal.run import MunicipalResult, SchoolOutcome, run_municipal, summary_lines
from jobs.municipal.schools import open_school
from jobs.run_record import RunRecord, StepRecord, now, outcome_of, pending, postpone, write_last_run
from jobs.runlog import log_row
from jobs.cli.context import State, state_of, use_group
from jobs.cli.errors import failure_of, guard
from jobs.cli.steps import run_nightly_steps

if TYPE_CHECKING:
    from sync.factory import RateLimiter

M = ru.MUNICIPAL
ENV_VAR = "NASTAVNIK_MUNICIPAL_CONFIG"
DEFAULT_PATH = "municipal.toml"


def municipal_config_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--config``: the municipal file (or NASTAVNIK_MUNICIPAL_CONFIG), for every command of the group."""
    return click.option(
        "--config", "municipal_path", envvar=ENV_VAR, default=DEFAULT_PATH, show_default=True,
        type=click.Path(dir_okay=False, readable=False),
        help="Файл муниципальных настроек (или переменная окружения NASTAVNIK_MUNICIPAL_CONFIG); "
             "образец — municipal.example.toml.")(command)


def load_municipal_config(path: str | Path) -> MunicipalConfig:
    """The municipal config (exit 2 with the fix when it is wrong, 3 when it cannot be opened)."""
    try:
        return load_municipal(path)
    except (MunicipalConfigError, OSError) as exc:
        raise failure_of(exc) from exc


@click.group("municipal")
def municipal() -> None:
    """Муниципалитет: все школы из municipal.toml — ночной запуск, сводный отчёт, сетевое наставничество.

    У каждой школы свой nastavnik.toml и своё рабочее пространство; municipal.toml перечисляет
    школы и задаёт общий вход в Google (образец — municipal.example.toml).
    """


@municipal.command("nightly")
@municipal_config_option
@click.option("--no-network", is_flag=True, help="Не запускать после школ сетевое наставничество.")
@click.pass_context
def nightly(ctx: click.Context, municipal_path: str, no_network: bool) -> None:
    """Ночной запуск всех школ муниципалитета: у каждой — как её собственный nastavnik nightly.

    Школы с локальным рабочим пространством идут одновременно ([municipality] parallel), школы
    в Google — по очереди, с одним ограничением запросов в минуту на всех ([google]
    requests_per_minute). Сбой одной школы — её строка в «Журнале» муниципалитета
    (municipal-journal.csv в [municipality] state_dir), остальные школы обрабатываются. У каждой
    школы остаются её «Журнал» и last-run.json. Код выхода — худший из школ.

    Пример: nastavnik municipal nightly --config /var/lib/nastavnik/municipal.toml
    """
    cfg = load_municipal_config(municipal_path)
    for school in cfg.schools:
        for warning in school.config.warnings:
            click.echo(f"Внимание: {school.key}: {warning}", err=True)
    limiter = None
    if any(s.backend == "google" for s in cfg.schools):  # one Sheets quota for every Google school
        from sync.factory import sheets_limiter

        limiter = sheets_limiter(cfg.requests_per_minute)
    result = run_municipal(cfg, run_school_nightly, limiter=limiter, on_done=echo_school,
                           on_stop=lambda stopped: record_municipal_run(cfg, stopped, EXIT_WORKSPACE, "terminated"))
    for line in summary_lines(result):
        click.echo(line)
    if result.journal_error:
        click.echo(f"Ошибка: {result.journal_error}", err=True)
    code = max(result.exit_code, EXIT_WORKSPACE if result.journal_error else 0)
    if not no_network:
        code = max(code, run_network(cfg, limiter))
    record_municipal_run(cfg, result, code)
    state_of(ctx).steps = school_steps(result)  # the JSON log's summary: a step a school
    sys.exit(code)


def echo_school(outcome: SchoolOutcome) -> None:
    """A school's lines as one block under its name (schools running at once do not mix)."""
    click.echo(M["school_header"].format(name=outcome.name, key=outcome.key))
    for stream, line in outcome.lines:
        click.echo(line, err=stream == "err")
    if outcome.exit_code and outcome.reason and not any(outcome.reason in line for _, line in outcome.lines):
        click.echo(f"Ошибка: {outcome.reason}", err=True)


def run_school_nightly(entry: SchoolEntry, limiter: "RateLimiter | None") -> SchoolOutcome:
    """One school's night as ``nastavnik --config <its config> nightly`` runs it — its time zone and
    file group, its run lock, «Журнал» rows and last-run.json — with its printed lines kept in the
    outcome. Every failure is its outcome; nothing is raised. A module-level function: local
    schools run it in processes of their own."""
    cfg = entry.config
    out, err = io.StringIO(), io.StringIO()
    calls = limiter.calls if limiter is not None else 0
    state = State(entry.config_path)
    state.cfg = cfg
    started = now()
    reason = ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            config_module.use_school_time(str(cfg.section("school").get("timezone", "")), cfg.path)
            started = now()  # in the school's time
            use_group(cfg.group)
            workspace = guard(lambda: open_school(entry, limiter))
            code = run_nightly_steps(state, workspace, cfg, strict=False)
            outcome = "refused" if state.refused and code else outcome_of(code)
            reason = "; ".join(e for s in state.steps for e in s.errors)
        except click.ClickException as exc:  # a Failure: the lock was not ours, no access…
            code = exc.exit_code
            outcome = "refused" if state.refused else outcome_of(code)
            reason = exc.format_message()
        except Exception as exc:  # noqa: BLE001 - a bug in one school's night: its row, the others go on
            code, outcome = EXIT_WORKSPACE, "crashed"
            reason = M["school_crashed"].format(error=f"{type(exc).__name__}: {exc}")
        except BaseException:  # SIGTERM or Ctrl-C: recorded as its own nightly would be, then the stop goes on
            finished = now()
            reason = ru.TEXT["run_terminated"].format(command="nightly")
            with contextlib.suppress(OSError):  # the workspace may be mid-write: the row waits for the next run
                postpone(cfg.state_dir, log_row("nightly", started, finished, "terminated", [reason]), reason)
            _record_school(state, cfg, started, finished, EXIT_WORKSPACE, "terminated", reason)
            raise
        finished = now()
        code = _record_school(state, cfg, started, finished, code, outcome, reason)
        for note in state.journal_notes():
            click.echo(f"Внимание: {note}", err=True)
    requests = (limiter.calls - calls) if limiter is not None else 0
    lines = [("out", line) for line in out.getvalue().splitlines()] + \
            [("err", line) for line in err.getvalue().splitlines()]
    return SchoolOutcome(entry.key, entry.name, cfg.backend, started, finished, code, outcome, scrub(reason),
                         requests, lines, entry.number)


def _record_school(state: State, cfg: config_module.Config, started: dt.datetime, finished: dt.datetime,
                   code: int, outcome: str, reason: str) -> int:
    """The school's last-run.json, as `jobs.cli.run.finish` writes it after its own nightly; the
    exit code (3 when a run that was fine could not leave it)."""
    record = RunRecord("nightly", started, finished=finished, exit_code=code, outcome=outcome)
    record.steps = list(state.steps) or [StepRecord("nightly", outcome, code, started, finished,
                                                    [reason] if reason else [])]
    try:
        record.journal_pending = len(pending(cfg.state_dir))
        write_last_run(cfg.state_dir, record)
    except OSError as exc:
        path = cfg.state_dir / "last-run.json"
        click.echo(f"Ошибка: {ru.TEXT['last_run_failed'].format(path=path, reason=failure_of(exc).format_message())}",
                   err=True)
        return code or EXIT_WORKSPACE
    return code


def run_network(cfg: MunicipalConfig, limiter: "RateLimiter | None") -> int:
    """The network step after the schools (`jobs.municipal.network`), when this version has it,
    over the schools whose config could be read (its Google requests through the run's limiter);
    its exit code (0 when skipped)."""
    try:
        from jobs.municipal import network
    except ImportError:
        click.echo(M["network_missing"])
        return 0
    from dataclasses import replace

    from jobs.config import MatchingSettings

    schools = []
    for entry in cfg.schools:
        try:
            workspace = open_school(entry, limiter)
        except (NastavnikError, OSError) as exc:  # its night already said why; the others go on
            click.echo(f"Внимание: {entry.key}: {failure_of(exc).format_message()}", err=True)
            continue
        settings = replace(MatchingSettings.from_section(entry.config.section("matching")),
                           school_year=entry.config.school.school_year)
        schools.append(network.NetworkSchool(key=entry.key, name=entry.name, workspace=workspace,
                                             settings=settings, limits=entry.config.limits))
    try:
        result = network.network_match(schools, dt.datetime.now(), settings=network.network_settings(cfg))
    except (NastavnikError, OSError) as exc:  # the schools' nights are done and recorded
        failure = failure_of(exc)
        click.echo(f"Ошибка: {failure.format_message()}", err=True)
        return failure.exit_code
    for line in result.lines():
        click.echo(line)
    return int(result.exit_code)


def school_steps(result: MunicipalResult) -> list[StepRecord]:
    """A step a school: its key, outcome, exit code, times and reason."""
    return [StepRecord(o.key, o.outcome, o.exit_code, o.started, o.finished, [o.reason] if o.reason else [])
            for o in result.outcomes]


def record_municipal_run(cfg: MunicipalConfig, result: MunicipalResult, code: int, outcome: str = "") -> None:
    """last-run.json of the municipal run in [municipality] state_dir: a step a school."""
    record = RunRecord("municipal nightly", result.started, finished=result.finished, exit_code=code,
                       outcome=outcome or outcome_of(code))
    record.steps = school_steps(result)
    try:
        write_last_run(cfg.state_dir, record)
    except OSError as exc:
        path = cfg.state_dir / "last-run.json"
        click.echo(f"Ошибка: {ru.TEXT['last_run_failed'].format(path=path, reason=failure_of(exc).format_message())}",
                   err=True)


# --- Other commands of the group ------------------------------------------------------------------
# `municipal report` (jobs/municipal/report.py) and `municipal match` (jobs/municipal/network.py) are
# added here as ``@municipal.command("report")`` / ``@municipal.command("match")`` with
# ``@municipal_config_option`` and `load_municipal_config`.


@municipal.command("report")
@municipal_config_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Папка для документа (documents/, шаблон — в templates/) и страницы для сайта (site/); "
                   "по умолчанию — [municipality] state_dir.")
def report(municipal_path: str, out_dir: str | None) -> None:
    """Сводный отчёт муниципалитета: показатели всех школ рядом и итоги.

    Для каждой школы — наставники и наставляемые с согласием, пары, доли наставляемых в паре и с
    программой, молодые педагоги в наставничестве, выполнение планов, средние оценки анкеты
    мониторинга; доля и оценка по группе меньше [privacy] min_answers не приводятся. Делает
    документ .docx (documents/) с таблицами и диаграммами и страницу для сайта (site/index.html и
    index.md). Из таблиц школ читаются только обобщённые показатели: ни ФИО, ни e-mail, ни
    текстов участников; в таблицах школ ничего не меняется. Школа, данные которой не прочитаны, —
    её строка с причиной; код выхода — худший из таких школ.

    Пример: nastavnik municipal report --config /var/lib/nastavnik/municipal.toml --out ./отчёт
    """
    from jobs.municipal.report import report_municipality

    cfg = load_municipal_config(municipal_path)
    result = guard(lambda: report_municipality(cfg, Path(out_dir) if out_dir else None))
    for line in result.lines():
        click.echo(line)
    sys.exit(result.exit_code)


@municipal.command("match")
@municipal_config_option
@click.option("--dry-run", is_flag=True, help="Показать, что изменится, ничего не записывая.")
def network_match_command(municipal_path: str, dry_run: bool) -> None:
    """Сетевое наставничество: подобрать наставляемым без пары наставников из других школ.

    Берутся наставляемые со статусом «нет пары» на листе «Предложения» своей школы, когда в ней
    нет свободного наставника по их предмету, и наставники всех школ с «да» в столбце «Готов к
    сетевому наставничеству», согласиями и свободными местами; подбор — один на весь
    муниципалитет. Каждое предложение записывается на лист «Предложения» обеих школ; пара
    появляется на листе «Пары» обеих школ, когда оба куратора поставили «утверждено»; «отклонено»
    в одной школе закрывает предложение в обеих. Приказ каждая школа издаёт на своих сотрудников.

    Пример: nastavnik municipal match --config /var/lib/nastavnik/municipal.toml --dry-run
    """
    from jobs.municipal import network  # OR-Tools and scipy load only for a command that matches

    cfg = load_municipal_config(municipal_path)
    limiter = None
    if any(s.backend == "google" for s in cfg.schools):  # one Sheets quota for every Google school
        from sync.factory import sheets_limiter

        limiter = sheets_limiter(cfg.requests_per_minute)
    schools, notes = network.network_schools(cfg, limiter)
    for note in notes:
        click.echo(f"Внимание: {note}", err=True)
    result = guard(lambda: network.network_match(schools, dt.datetime.now(), dry_run=dry_run,
                                                 settings=network.network_settings(cfg)))
    for line in result.lines():
        click.echo(line)
    if not dry_run:
        click.echo(ru.NETWORK["done"])
    sys.exit(result.exit_code)


__all__ = ["load_municipal_config", "municipal", "municipal_config_option", "run_school_nightly"]
