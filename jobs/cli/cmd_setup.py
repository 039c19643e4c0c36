"""`nastavnik init` and `nastavnik demo`: making a workspace (local or on Google) and showing
the night's run on a sample."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from sheets_schema import ru
from sync import safe_files
from sync.local import WORKBOOK, create_local_workspace, existing_workspace
from sync.local.workbook import SUBDIRS
from jobs import config as config_module
from jobs.config import School
from jobs.init import DEFAULT_SCHOOL, InitResult, init_workspace
from jobs.cli.context import State, pass_state, use_group
from jobs.cli.errors import EXIT_CONFIG, EXIT_WORKSPACE, Failure, guard
from jobs.cli.output import echo_lines
from jobs.cli.steps import run_nightly_steps

DEMO_SAMPLE = 150


@click.command()
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
@pass_state
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
        use_group(group)  # exit 2 with groupadd / usermod -aG before anything is made
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
    result = guard(lambda: init_workspace(
        lambda rows: create_local_workspace(path, rows, text), sample_size=sample_size, seed=seed
    ))
    if group:
        guard(lambda: _share_new_workspace(path, group))
    click.echo(ru.TEXT["init_done"].format(path=path, config=path / "nastavnik.toml"))
    if group:
        click.echo(ru.FILES["init_group_done"].format(group=group, config=path / "nastavnik.toml"))
    _print_init(result)


def _share_new_workspace(path: Path, group: str) -> None:
    """``init --group``: ``[files] group`` in the new config, and the group's modes on what init
    made (the folder itself, the workbook, the config, forms/, templates/, documents/)."""
    config_module.set_keys(path / "nastavnik.toml", "files", {"group": group})
    safe_files.share_tree([path, path / WORKBOOK, path / "nastavnik.toml", *(path / sub for sub in SUBDIRS)])


def _print_init(result: InitResult) -> None:
    """What init made besides the tabs: the sample, the questionnaires, the document templates."""
    if result.sample:
        s = result.sample
        click.echo(ru.TEXT["init_sample"].format(
            count=len(s.mentees) + len(s.mentors), mentors=len(s.mentors), mentees=len(s.mentees),
            errors=len(s.errors),
        ))
    echo_lines(result.questionnaires + result.templates)
    for error in (result.questionnaire_error, result.templates_error):
        if error:
            click.echo(f"Внимание: {error}", err=True)


def _init_google(state: State, sample_size: int, seed: int, group: str = "") -> None:
    from sync.google import GoogleWorkspace, configure, create_google_workspace  # only for --google

    cfg = state.config()
    if group:
        guard(lambda: config_module.set_keys(cfg.path, "files", {"group": group}))
    settings = cfg.section("google")
    result = guard(lambda: init_workspace(
        lambda rows: configure(create_google_workspace(settings, rows), settings),
        sample_size=sample_size, seed=seed,
    ))
    workspace = result.workspace
    assert isinstance(workspace, GoogleWorkspace)  # what the creator above made
    guard(lambda: config_module.set_keys(cfg.path, "google", {
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
    guard(lambda: config_module.set_version(cfg.path))  # what a later downgrade reads
    _print_init(result)  # run again too: each form's link, and what was repaired
    if result.questionnaire_error:  # the tabs are there, the forms are not: not done (exit 3)
        sys.exit(EXIT_WORKSPACE)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False), default="demo")
def demo(directory: str) -> None:
    """Демонстрация: создать пример рабочего пространства (если его нет) и выполнить nightly.

    Пример: nastavnik demo
    """
    path = Path(directory)
    if not (path.exists() and existing_workspace(path)):
        text = config_module.render_local_config(DEFAULT_SCHOOL)
        guard(lambda: init_workspace(
            lambda rows: create_local_workspace(path, rows, text), sample_size=DEMO_SAMPLE, seed=1
        ))
        click.echo(ru.TEXT["demo_created"].format(path=path.resolve()))
    state = State(str(path / "nastavnik.toml"))
    cfg = state.config()
    workspace = state.workspace(cfg)
    code = run_nightly_steps(state, workspace, cfg, strict=False)
    click.echo(ru.TEXT["demo_where"].format(workbook=(path / "workspace.xlsx").resolve()))
    sys.exit(code)


__all__ = ["demo", "init"]
