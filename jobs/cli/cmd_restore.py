"""`nastavnik restore [ДАТА]`: list the dated backups of the workbook, or put one back.

Without an argument it lists the copies (`sync.local.backups`), newest first: when each was
taken, its size, whether it opens as a workbook, and the command that restores it. With a date
(the newest copy of that day), a stamp or a file name from the list, or ``--latest``, it puts
that copy back — there is no prompt (cron has no stdin): naming the copy is the confirmation.

A restore is a run that writes: it takes the run lock (`jobs.cli.context.State.one_run`;
refused, exit 3, while another run holds the workspace), and refuses a workbook open in Excel or
LibreOffice and a copy that does not open as a workbook with the tabs every workspace has (exit 3, nothing
changed). The workbook it replaces is first saved as a new dated copy — the restore can be
undone by restoring that copy — and deletes none (`BackupPolicy.keep_old`), so the copy restored
from stays listed even when it is older than ``backup_days``. Then the workbook is replaced
atomically and «Журнал» gets a row (job «восстановление книги из копии»).

On Google there are no file copies: Sheets keeps its own version history; exit 2 says where.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sys
from pathlib import Path

import click

from sheets_schema import ru
from sheets_schema.tables import LOG
from sync.file_errors import describe
from sync.local.backups import (
    SHOWN_FORMAT, Backup, BackupPolicy, BadChoice, check_backup, choose, list_backups, read_backup, size_text, stamp_of,
)
from sync.local import LocalWorkspace
from sync.workspace import ChangeSet, StructureError, WorkspaceError
from jobs.cli.errors import EXIT_CONFIG, EXIT_OK, EXIT_WORKSPACE, Failure, guard
from jobs.runlog import log_row
from jobs.cli.context import State, pass_state

log = logging.getLogger("nastavnik.cli")


@click.command("restore")
@click.argument("choice", metavar="[ДАТА]", required=False)
@click.option("--latest", is_flag=True, help="Восстановить самую новую копию.")
@pass_state
def restore(state: State, choice: str | None, latest: bool) -> None:
    """Показать резервные копии книги или восстановить книгу из одной из них.

    Без аргумента — список копий (новые сверху): дата и время, размер, открывается ли копия
    как книга, и команда, которая её восстанавливает. С ДАТОЙ (ГГГГ-ММ-ДД — последняя копия
    этого дня, или метка из списка, например 2026-11-30_020001) или с --latest — восстановить:
    текущая книга сначала сохраняется как новая копия (восстановление можно отменить), затем
    заменяется копией; в «Журнал» пишется строка. Не выполняется, пока идёт другой запуск
    или книга открыта в Excel (код 3). Копии делаются в начале каждого запуска, который пишет,
    в папку backups/ папки состояния ([files] state_dir) и хранятся [files] backup_days дней.
    На Google копий нет: у таблицы есть история версий (Файл → История версий).

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml restore

    Пример: nastavnik --config /var/lib/nastavnik/nastavnik.toml restore 2026-11-30
    """
    cfg = state.config()
    prefix = f"nastavnik --config {state.config_path} restore"
    if cfg.backend == "google":
        spreadsheet = str(cfg.section("google").get("spreadsheet_id") or "")
        url = f"https://docs.google.com/spreadsheets/d/{spreadsheet}" if spreadsheet else "Google Таблицы"
        raise Failure(ru.TEXT["restore_google"].format(url=url), EXIT_CONFIG)
    if choice and latest:
        raise Failure(ru.TEXT["restore_both"], EXIT_CONFIG)
    workspace = state.workspace(cfg)
    assert isinstance(workspace, LocalWorkspace)  # not Google (refused above): the local workbook
    policy = workspace.backups = dataclasses.replace(workspace.backups, keep_old=True)
    backups = list_backups(workspace.path, policy)
    if not choice and not latest:
        for line in _listing(workspace.path, policy, backups, prefix):
            click.echo(line)
        sys.exit(EXIT_OK)
    chosen = _chosen(workspace.path, policy, backups, choice, prefix)
    try:
        data = read_backup(chosen)
    except OSError as exc:
        raise Failure(describe(exc, chosen.path), EXIT_WORKSPACE) from exc
    except WorkspaceError as exc:  # a link put in the copy's place
        raise Failure(str(exc), EXIT_WORKSPACE) from exc
    reason = check_backup(data)
    if reason:
        raise Failure(ru.TEXT["restore_refused_broken"].format(
            backup=chosen.path, reason=reason, path=workspace.path), EXIT_WORKSPACE)
    guard(workspace.check_unlocked)  # before the run: a workbook open in Excel costs no copy
    lines = state.one_run(workspace, "restore", lambda: _restore(workspace, chosen, data, prefix))
    for line in lines:
        click.echo(line)
    sys.exit(EXIT_OK)


def _listing(workbook: Path, policy: BackupPolicy, backups: list[Backup], prefix: str) -> list[str]:
    """The copies, newest first, each with whether it opens and its command."""
    if not backups:
        return [ru.TEXT["restore_none"].format(path=workbook, folder=policy.folder)]
    header = "restore_header" if policy.days > 0 else "restore_header_off"
    lines = [ru.TEXT[header].format(path=workbook, folder=policy.folder, days=policy.days)]
    lines += _lines(backups, prefix)
    lines.append(ru.TEXT["restore_how"].format(prefix=prefix))
    return lines


def _lines(backups: list[Backup], prefix: str) -> list[str]:
    lines = []
    for backup in backups:
        try:
            reason = check_backup(read_backup(backup))
        except (OSError, WorkspaceError) as exc:
            reason = describe(exc, backup.path) if isinstance(exc, OSError) else str(exc)
        state = ru.TEXT["restore_broken"].format(reason=reason) if reason else ru.TEXT["restore_opens"]
        if backup.old:
            state = f"{state}; {ru.TEXT['restore_old'].format(name=backup.path.name)}"
        lines.append(ru.TEXT["restore_line"].format(
            when=backup.taken.strftime(SHOWN_FORMAT), size=size_text(backup.size), state=state,
            command=f"{prefix} {backup.stamp}"))
    return lines


def _chosen(workbook: Path, policy: BackupPolicy, backups: list[Backup], choice: str | None, prefix: str) -> Backup:
    """The copy asked for, or a Failure (exit 2) that lists the copies there are."""
    wanted = choice or "--latest"
    if not backups:
        raise Failure(ru.TEXT["restore_nothing_to_choose"].format(
            choice=wanted, path=workbook, folder=policy.folder), EXIT_CONFIG)
    if choice is None:
        return backups[0]
    try:
        found = choose(backups, choice)
    except BadChoice:
        raise Failure(ru.TEXT["restore_bad_choice"].format(
            choice=choice, example=backups[0].taken.strftime("%Y-%m-%d")), EXIT_CONFIG) from None
    if found is None:
        available = "\n".join(_lines(backups, prefix))
        raise Failure(ru.TEXT["restore_not_found"].format(choice=choice, available=available), EXIT_CONFIG)
    return found


def _restore(workspace: LocalWorkspace, backup: Backup, data: bytes, prefix: str) -> list[str]:
    """Inside the run lock: keep the current workbook as a copy, put `data` in its place, and
    write the «Журнал» row. The lines to print."""
    started = dt.datetime.now()
    saved = workspace.run_backup  # the run's own copy, taken with the lock
    if saved is None and workspace.path.exists():  # [files] backup_days = 0: a restore still keeps one
        saved = workspace.take_backup()
    workspace.replace_workbook(lambda out: out.write(data))
    when = backup.taken.strftime(SHOWN_FORMAT)
    lines = [ru.TEXT["restore_done"].format(path=workspace.path, backup=backup.path, when=when)]
    if saved is not None:
        lines.append(ru.TEXT["restore_saved"].format(saved=saved, prefix=prefix, stamp=stamp_of(saved)))
    log.info(" ".join(lines))
    details = ru.TEXT["restore_journal"].format(backup=backup.path.name, when=when,
                                                saved=saved.name if saved is not None else "—")
    try:
        journal = workspace.read([LOG])[LOG.key]
        if not journal.ok:
            raise StructureError(journal.problems)
        changes = ChangeSet()
        changes.append(LOG, log_row("restore", started, dt.datetime.now(), "ok", [details]))
        workspace.commit(changes)
    except (WorkspaceError, StructureError) as exc:
        lines.append(ru.TEXT["restore_journal_failed"].format(reason=exc))
    return lines


__all__ = ["restore"]
