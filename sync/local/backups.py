"""Dated backups of the school's workbook: one copy at the start of every run that writes.

Where. ``<state folder>/backups/workspace-YYYY-MM-DD_HHMMSS.xlsx`` — the workbook's name, then
the moment the run started in the school's time (the config sets the process's time zone);
``-2``, ``-3``… when two runs start in the same second. The folder comes from the config
(`BackupPolicy`, built by the CLI from ``[files] state_dir``); a `LocalWorkspace` opened without
one keeps them in ``backups/`` of the workspace folder, which is the state folder of the
documented layout (``[local] workspace = "."``).

When. Once, when a writing command takes the run lock (`LocalWorkspace.run_lock`) and the
workbook exists — so after a whole ``nightly`` the newest copy is the workbook as it was before
the night, not before its last step. A dry run takes no lock and no copy; ``backup_days = 0``
takes none.

How. The workbook is opened without following a link and copied into a fresh temporary file of
the backups folder (`sync.safe_files.replacing`: created exclusively, never through a link, with
the default file mode), flushed and renamed into place, so a copy is whole or absent. A copy
that cannot be written stops the run before it writes anything (`BackupFailed`, exit 3).

How long. After a successful copy, the copies whose stamp is more than ``backup_days`` days
before now are deleted — never the newest one, so a school back from the holidays still has the
workbook as it was before the first night. Only names of this pattern are touched: the single
``workspace.xlsx.bak`` of versions before this one is left where it is (`nastavnik restore`
lists it as an old copy), and so is anything else in the folder.

Restore. `list_backups` lists them newest first, `choose` picks one by a date, a stamp or a file
name, `check_backup` says whether one opens as a workbook with the tabs every version of a
workspace has; `jobs.cli.cmd_restore` puts one back under the run lock.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import io
import logging
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Callable, Sequence

from lxml import etree

from sheets_schema import ru
from sheets_schema.tables import LOG, MENTEES, MENTORS, MONITORING, PAIRS, PROPOSALS, ROADMAP
from sync.file_errors import describe
from sync.local.xlsx_read import BrokenSheet, read_tabs
from sync.safe_files import UnsafePath, private_dir, refuse_link, replacing
from sync.workspace import WorkspaceError

log = logging.getLogger("nastavnik.local")

FOLDER = "backups"
DEFAULT_DAYS = 14
STAMP_FORMAT = "%Y-%m-%d_%H%M%S"
SHOWN_FORMAT = "%d.%m.%Y %H:%M:%S"
_STAMP = r"\d{4}-\d\d-\d\d_\d{6}(?:-\d+)?"
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_DAY_RU = re.compile(r"^(\d\d)\.(\d\d)\.(\d{4})$")
_FULL_STAMP = re.compile(rf"^{_STAMP}$")
# The tabs every version of a workspace has had since the first release: a backup without one of
# them is not this school's workbook (later tabs, such as «Каталог мероприятий», may be missing).
REQUIRED_TABS = tuple(t.title for t in (MENTEES, MENTORS, PROPOSALS, PAIRS, ROADMAP, MONITORING, LOG))


class BackupFailed(WorkspaceError):
    """The run's copy of the workbook could not be written: the run stops before writing."""


@dataclasses.dataclass(frozen=True)
class BackupPolicy:
    """Where the dated copies go and for how many days they are kept (0: no copies).
    `keep_old`: take the copy but delete nothing (a restore keeps the copy it restores from).
    `clock`: the school's local time now."""

    folder: Path
    days: int = DEFAULT_DAYS
    keep_old: bool = False
    clock: Callable[[], dt.datetime] = dt.datetime.now

    @classmethod
    def in_state_dir(cls, state_dir: Path | str, days: int = DEFAULT_DAYS) -> "BackupPolicy":
        """The policy of the config: ``backups/`` of the state folder, kept `days` days."""
        return cls(Path(state_dir) / FOLDER, int(days))


@dataclasses.dataclass(frozen=True)
class Backup:
    """One copy of the workbook: a dated one, or (`old`) the single ``.bak`` of earlier versions."""

    path: Path
    taken: dt.datetime
    size: int
    old: bool = False

    @property
    def stamp(self) -> str:
        """What `nastavnik restore` takes to pick exactly this copy."""
        return self.path.name if self.old else stamp_of(self.path)


def stamp_of(path: Path) -> str:
    """The stamp of a dated copy's file name (``2026-11-30_041500``, ``2026-11-30_041500-2``)."""
    match = re.search(rf"{_STAMP}$", Path(path).stem)
    return match.group(0) if match else Path(path).stem


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}-(?P<stamp>{_STAMP})\.xlsx$")


def _leftover_pattern(stem: str) -> re.Pattern[str]:
    """Temporary files of copies a crash interrupted (`sync.safe_files.temp_path` names)."""
    return re.compile(rf"^\.{re.escape(stem)}-{_STAMP}\.xlsx\.\d+-[0-9a-f]+\.tmp$")


def _parse_stamp(stamp: str) -> tuple[dt.datetime, int]:
    moment, n = stamp, "1"
    if stamp.count("-") == 3:  # a second copy of the same second: ``…_041500-2``
        moment, _, n = stamp.rpartition("-")
    return dt.datetime.strptime(moment, STAMP_FORMAT), int(n)


def backup_at_start(workbook: Path, policy: BackupPolicy) -> Path | None:
    """The run's copy (module docstring): taken when the workbook exists and `policy.days` > 0,
    then the copies past their days are deleted. None when no copy was due. BackupFailed."""
    if policy.days <= 0 or not (workbook.exists() or workbook.is_symlink()):
        return None
    copy = take_backup(workbook, policy)
    if not policy.keep_old:
        prune(workbook, policy, keep=copy)
    return copy


def take_backup(workbook: Path, policy: BackupPolicy) -> Path:
    """Copy `workbook` to a new dated file of `policy.folder` now, atomically, without following
    a link (module docstring). Returns the copy's path. BackupFailed when it cannot be written
    (UnsafePath when the workbook or the copy's place is a link)."""
    now = policy.clock()
    folder = Path(policy.folder)
    try:
        private_dir(folder)
        target = _free_name(folder, workbook.stem, now)
        source = os.open(refuse_link(workbook), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(source, "rb") as inp, replacing(target) as out:
            shutil.copyfileobj(inp, out, 1 << 20)
    except UnsafePath:
        raise
    except OSError as exc:  # FileAccessError too: its sentence names the path, the user and the fix
        if exc.errno == errno.ELOOP:
            raise UnsafePath(workbook) from None
        raise BackupFailed(ru.TEXT["backup_failed"].format(
            path=workbook, folder=folder, reason=describe(exc, getattr(exc, "filename", None) or folder),
        )) from exc
    log.info(ru.TEXT["backup_taken"].format(path=workbook, backup=target))
    return target


def _free_name(folder: Path, stem: str, now: dt.datetime) -> Path:
    """``stem-YYYY-MM-DD_HHMMSS.xlsx``, or with ``-2``, ``-3``… when that second is taken."""
    base = f"{stem}-{now.strftime(STAMP_FORMAT)}"
    target, n = folder / f"{base}.xlsx", 1
    while target.exists() or target.is_symlink():
        n += 1
        target = folder / f"{base}-{n}.xlsx"
    return target


def prune(workbook: Path, policy: BackupPolicy, keep: Path | None = None) -> list[Path]:
    """Delete the dated copies of `workbook` older than `policy.days` days by their stamp, never
    the newest one nor `keep`; and temporary files of interrupted copies (only a run holding the
    run lock writes in the folder, so any such file is a crash's). Returns what was deleted."""
    if policy.days <= 0:
        return []
    limit = policy.clock() - dt.timedelta(days=policy.days)
    dated = list_backups(workbook, policy, include_old=False)
    removed = []
    for backup in dated[1:]:  # newest first: the newest always stays
        if backup.taken < limit and backup.path != keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
                log.info(ru.TEXT["backup_removed"].format(backup=backup.path, days=policy.days))
    leftover = _leftover_pattern(workbook.stem)
    with contextlib.suppress(OSError), os.scandir(policy.folder) as entries:
        for entry in entries:
            if leftover.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def list_backups(workbook: Path, policy: BackupPolicy, include_old: bool = True) -> list[Backup]:
    """The copies of `workbook`, newest first: the dated ones in `policy.folder` and (with
    `include_old`) the ``.bak`` earlier versions kept beside the workbook. Links are not listed."""
    found: list[tuple[tuple[dt.datetime, int], Backup]] = []
    pattern = _pattern(workbook.stem)
    try:
        with os.scandir(policy.folder) as found_entries:
            entries = list(found_entries)
    except OSError:
        entries = []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            key = _parse_stamp(match["stamp"])
            size = entry.stat(follow_symlinks=False).st_size
        except (OSError, ValueError):
            continue
        found.append((key, Backup(Path(entry.path), key[0], size)))
    old = workbook.with_name(workbook.name + ".bak")
    if include_old and old.is_file() and not old.is_symlink():
        st = old.stat()
        taken = dt.datetime.fromtimestamp(st.st_mtime).replace(microsecond=0)
        found.append(((taken, 0), Backup(old, taken, st.st_size, old=True)))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [backup for _, backup in found]


class BadChoice(ValueError):
    """What `nastavnik restore` was given is neither a date, a stamp nor a copy's file name."""


def choose(backups: Sequence[Backup], argument: str) -> Backup | None:
    """The copy `argument` names: a date (``YYYY-MM-DD`` or ``ДД.ММ.ГГГГ``: the newest copy of
    that day), a stamp as in the file names (``2026-11-30_041500``), or a copy's file name. None
    when no copy matches; BadChoice when `argument` is none of these forms."""
    text = argument.strip()
    for backup in backups:
        if text in (backup.path.name, str(backup.path)):
            return backup
    day = _day(text)
    if day is not None:
        return next((b for b in backups if b.taken.date() == day), None)
    if _FULL_STAMP.match(text):
        return next((b for b in backups if not b.old and b.stamp == text), None)
    raise BadChoice(text)


def _day(text: str) -> dt.date | None:
    for pattern, order in ((_DAY, (0, 1, 2)), (_DAY_RU, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            parts = match.groups()
            try:
                return dt.date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
            except ValueError:
                raise BadChoice(text) from None
    return None


def read_backup(backup: Backup) -> bytes:
    """The copy's bytes, read without following a link (OSError, UnsafePath)."""
    path = refuse_link(backup.path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as inp:
        return inp.read()


def check_backup(data: bytes) -> str:
    """"" when `data` opens as a workbook with every tab of `REQUIRED_TABS` readable; otherwise
    why not, in Russian, for the listing and the refusal."""
    try:
        grids = read_tabs(io.BytesIO(data), REQUIRED_TABS)
    except BrokenSheet as exc:
        return ru.TEXT["backup_sheet_broken"].format(tab=exc.title, part=exc.part, reason=exc.reason)
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, OSError, etree.LxmlError) as exc:
        return ru.TEXT["backup_not_workbook"].format(reason=exc.__class__.__name__)
    missing = [title for title in REQUIRED_TABS if grids.get(title) is None]
    if missing:
        return ru.TEXT["backup_tabs_missing"].format(tabs=", ".join(f"«{t}»" for t in missing))
    return ""


def size_text(size: int) -> str:
    """A file size as staff read it: «850 КБ», «1,2 МБ»."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} КБ"
    return f"{size / (1024 * 1024):.1f} МБ".replace(".", ",")


__all__ = ["Backup", "BackupFailed", "BackupPolicy", "BadChoice", "FOLDER", "REQUIRED_TABS", "backup_at_start",
           "check_backup", "choose", "list_backups", "prune", "read_backup", "size_text", "stamp_of",
           "take_backup"]
