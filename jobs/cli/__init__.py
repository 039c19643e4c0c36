"""The `nastavnik` command: a thin Click layer over the jobs.

The package, from the bottom up; each module imports only the ones above it in this list, and
none imports this one back (only `jobs.cli.reference`, which writes docs/cli.md from the group,
and ``python -m jobs.cli`` sit on top of it):

- `jobs.cli.errors` — `Failure` and the one place an exception becomes its exit code (`guard`:
  the code is on the exception's class, `sync.errors`) and its «Журнал» outcome;
- `jobs.cli.output`, `jobs.cli.logs` — every line on stdout and stderr scrubbed of personal data,
  text or JSON;
- `jobs.cli.lock`, `jobs.cli.run` — the run lock; how a run ends (`RecordedGroup`: the exit code,
  ``last-run.json``, SIGTERM);
- `jobs.cli.context` — `State` and `pass_state`: the config, the workspace, and `State.one_run`,
  the one way a writing command takes the run lock;
- `jobs.cli.cmd_*` — one module per group of commands: upgrade (upgrade-workspace), checks
  (validate, nightly, doctor — ``doctor --fix`` runs the upgrade), setup (init, demo — demo runs
  the night's steps), ingest, match, orders, publish (publish, report), auth, restore.

Exit codes: 0 done (row-level data problems are reported in the sheet, not as a failure);
1 a tab could not be processed because of its structure, or row problems under ``--strict``;
2 configuration or usage error; 3 workspace or backend failure (unreachable, locked, corrupt) —
systemd names them SUCCESS, FAILURE, INVALIDARGUMENT, NOTIMPLEMENTED (see `sync.errors`).
Every run of a writing command leaves `last-run.json` and its «Журнал» rows (`jobs.cli.run`,
`jobs.run_record`); ``--log-format json`` makes every output line a JSON object (`jobs.cli.output`).
"""
from __future__ import annotations

import sys

import click

from jobs import config as config_module
from jobs.cli.cmd_auth import auth
from jobs.cli.cmd_checks import doctor, nightly, validate
from jobs.cli.cmd_ingest import ingest
from jobs.cli.cmd_match import match
from jobs.cli.cmd_municipal import municipal
from jobs.cli.cmd_orders import orders
from jobs.cli.cmd_programmes import programmes
from jobs.cli.cmd_publish import publish, report
from jobs.cli.cmd_restore import restore
from jobs.cli.cmd_setup import demo, init
from jobs.cli.cmd_upgrade import upgrade
from jobs.cli.context import State
from jobs.cli.errors import failure_of
from jobs.cli.lock import ENV_WAIT
from jobs.cli.logs import setup_logging
from jobs.cli.output import protect_output, set_command
from jobs.cli.run import RecordedGroup


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
    protect_output(as_json=log_format == "json")  # stdout, stderr: no e-mail, no name (jobs.cli.output)
    set_command(ctx.invoked_subcommand or "")
    setup_logging(log_format, personal_data=log_personal_data)
    ctx.obj = State(config_path, lock_wait)


for command in (init, validate, nightly, doctor, demo, auth, ingest, match, orders, publish, report, restore,
                upgrade):
    cli.add_command(command)
cli.add_command(programmes)  # issue 19: the plan ticked off (`programmes --refresh`)
cli.add_command(municipal)  # issue 20: every school of a municipality (`municipal nightly`)


def main() -> None:
    """Console-script entry point. An `OSError` that escaped every command (a file error before
    any job ran) is exit 3 with the path, the user and the fix — never a traceback."""
    try:
        cli(prog_name="nastavnik")
    except OSError as exc:
        failure = failure_of(exc)
        failure.show()
        sys.exit(failure.exit_code)


__all__ = ["State", "cli", "main"]
