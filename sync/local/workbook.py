"""The embedded default backend: a workspace directory with an .xlsx workbook.

Layout of a local workspace::

    nastavnik.toml    settings
    workspace.xlsx    the tabs (banks, proposals, pairs, roadmap, monitoring, log)
    forms/            questionnaire exports dropped here (CSV from Google Forms, XLSX from Yandex)
    templates/        document templates (.docx)
    documents/        generated orders and programmes

Writes change only the cells a job writes: they are patched into the sheet's XML inside the
file and every other part of it is copied byte for byte (`sync.local.workbook_save`). Writes are
atomic: the new workbook is written to a temporary file beside the old one, then replaces it.
Every run that writes starts with a dated copy of the workbook in the state folder's
``backups/`` (`sync.local.backups`); `nastavnik restore` lists and puts one back.
A workbook open in Excel or LibreOffice (their lock file is present) is never touched.
"""
from __future__ import annotations

import contextlib
import zipfile
from pathlib import Path
from typing import Sequence

from lxml import etree
from openpyxl import Workbook

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sync.local.backups import BackupPolicy, backup_at_start, take_backup
from sync.local.xlsx_read import BrokenSheet, read_tabs
from sync.local.xlsx_read import cell_text as cell_text  # re-exported
from sync.local.workbook_save import TabNotFound, apply_writes, remove_leftovers, replace_file, run_lock_free
from sync.local.xlsx_package import PackageError, XlsxPackage
from sync.local.xlsx_patch import SheetWrite
from sync.workspace import CellWrite, Check, Workspace, WorkspaceError, WorkspaceLocked

WORKBOOK = "workspace.xlsx"
SUBDIRS = ("forms", "templates", "documents")


def lock_files(path: Path) -> list[Path]:
    """Lock files Excel (``~$name``) and LibreOffice (``.~lock.name#``) keep beside an open file."""
    return [path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")]


def set_text(cell, value: str) -> None:
    """Store text as text: a value starting with "=" must not become a formula."""
    cell.value = value if value != "" else None
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


class LocalWorkspace(Workspace):
    """A workspace directory on disk (see the module docstring)."""

    def __init__(self, directory: Path | str, workbook: str = WORKBOOK, backups: BackupPolicy | None = None):
        """`backups`: where the dated copies go and for how long (`sync.local.backups`); by
        default ``backups/`` of `directory`, kept 14 days."""
        self.directory = Path(directory)
        self.path = self.directory / workbook
        self.location = str(self.path)
        self._pending = None  # workbook loaded for a write
        # (file stamp, grids by normalised title) of the last read: the re-read just before a
        # write reuses them when the file has not changed since (a write or a save resets it)
        self._loaded: tuple[tuple[int, ...], dict[str, list[list[str]] | None]] | None = None
        self._in_run = False  # the run lock is held (`run_lock`)
        self.backups = backups or BackupPolicy.in_state_dir(self.directory)
        self.run_backup: Path | None = None  # the copy the run holding the lock started with

    # --- checks -------------------------------------------------------------------------------
    def check_unlocked(self) -> None:
        for lock in lock_files(self.path):
            if lock.exists():
                raise WorkspaceLocked(ru.TEXT["locked"].format(path=self.path, lock=lock.name))

    @property
    def backup_path(self) -> Path:
        """The single ``.bak`` copy versions before the dated backups kept beside the workbook:
        never written now; `nastavnik restore` lists it as an old copy."""
        return self.path.with_name(self.path.name + ".bak")

    @contextlib.contextmanager
    def run_lock(self, job: str):
        """Context manager: one run at a time on this workspace (see `sync.local.runlock`). Once
        the lock is held, the run's dated copy of the workbook is taken (`run_backup`), before
        anything is written; a copy that cannot be written stops the run (BackupFailed)."""
        from sync.local.runlock import file_run_lock

        with file_run_lock(self.directory, job):
            self._in_run = True
            try:
                self.run_backup = backup_at_start(self.path, self.backups)
                yield
            finally:
                self._in_run, self.run_backup = False, None

    def take_backup(self) -> Path:
        """A dated copy of the workbook now, whatever ``backup_days`` says, deleting none (the
        copy a restore makes of the workbook it replaces). BackupFailed, UnsafePath."""
        return take_backup(self.path, self.backups)

    def health_checks(self) -> list[Check]:
        """Workbook present and a real .xlsx, not open in Excel/LibreOffice; every folder and file
        the night writes (the workspace folder, the run lock, documents/, forms/, templates/)
        writable by this user — tried by creating and removing a file, as the run would. A
        workbook this user may not open is «нет доступа» with the chown fix, never «повреждена»."""
        from sync.file_errors import failed_check, file_check, unreadable, writable_check
        from sync.local.runlock import LOCK_NAME

        d = ru.DOCTOR
        checks = []
        locks = [lock for lock in lock_files(self.path) if lock.exists()]
        checks.append(Check(
            d["unlocked"], not locks,
            detail=ru.TEXT["locked"].format(path=self.path, lock=locks[0].name) if locks else "",
            fix=d["unlocked_fix"].format(lock=locks[0]) if locks else "",
        ))
        no_access = unreadable(self.path) if self.path.exists() else None
        if no_access is not None:
            checks.append(failed_check(d["workbook_no_access"].format(path=self.path), no_access, self.path))
        else:
            detail = ""
            if not self.path.exists():
                detail = ru.TEXT["workbook_missing"].format(path=self.path, dir=self.directory)
            elif not _is_xlsx(self.path):
                detail = ru.TEXT["workbook_corrupt"].format(
                    path=self.path, reason="BadZipFile", backup=self.backup_path.name
                )
            checks.append(Check(
                d["workbook"].format(path=self.path), not detail, detail=detail,
                fix=d["workbook_fix"].format(backup=self.backup_path) if detail else "",
            ))
        for name in ("", *SUBDIRS):
            checks.append(writable_check("", self.directory / name,
                                         line=d["folder"].format(name=name or self.directory)))
        lock = file_check(d["where_lock"], self.directory / LOCK_NAME)
        if lock is not None:
            checks.append(lock)
        return checks

    # --- Workspace ----------------------------------------------------------------------------
    def read_grids(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        self._loaded = None
        return self._read_tabs(titles)

    def read_grids_for_write(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        self._pending = None
        return self._read_tabs(titles)

    def _read_tabs(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        """The tabs' grids with their merges, formulas as computed values (`sync.local.xlsx_read`)."""
        self.check_unlocked()
        if not self.path.exists():
            raise WorkspaceError(ru.TEXT["workbook_missing"].format(path=self.path, dir=self.directory))
        self._refuse_no_access()
        stamp = self._stamp()
        if self._loaded and self._loaded[0] == stamp and all(normalise_header(t) in self._loaded[1] for t in titles):
            return {t: self._loaded[1][normalise_header(t)] for t in titles}
        try:
            # a copy typed as the Workspace protocol's grids (each still a SheetGrid, with its merges)
            grids: dict[str, list[list[str]] | None] = dict(read_tabs(self.path, titles))
        except (zipfile.BadZipFile, KeyError, ValueError, IndexError, OSError, etree.LxmlError) as exc:
            raise self._corrupt(exc) from exc
        self._loaded = (stamp, {normalise_header(t): g for t, g in grids.items()})
        return grids

    def _stamp(self) -> tuple[int, ...]:
        """What changes whenever the file does: replaced (inode), rewritten (times, size)."""
        from sync.file_errors import file_access

        with file_access(self.path):
            st = self.path.stat()
        return st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size

    def _refuse_no_access(self) -> None:
        """FileAccessError (the path, the user, the chown fix) when this user may not open the
        workbook: a permission problem is never reported as a corrupt workbook."""
        from sync.file_errors import access_error, unreadable

        error = unreadable(self.path)
        if error is not None:
            raise access_error(error, self.path)

    def write_cells(self, writes: Sequence[CellWrite]) -> None:
        """Patch the written cells into the workbook; nothing else in it changes. Refused when the
        file changed since the re-read the rows were found in (`Workspace.commit`)."""
        found_in = self._loaded[0] if self._loaded else None  # the stamp of that re-read
        self._pending = None
        self._loaded = None
        by_tab: dict[str, list[SheetWrite]] = {}
        for w in writes:
            by_tab.setdefault(w.tab, []).append(SheetWrite(w.row, w.col + 1, w.value))
        package = self.open_package()
        if found_in is not None and self._stamp() != found_in:
            raise WorkspaceError(ru.TEXT["workbook_changed_meanwhile"].format(path=self.path))
        try:
            apply_writes(package, by_tab)
        except (TabNotFound, PackageError, KeyError, ValueError, etree.LxmlError) as exc:
            raise self._corrupt(exc) from exc
        self.replace_workbook(package.write_to)

    def discard_write(self) -> None:
        self._pending = None
        self._loaded = None

    def open_package(self) -> XlsxPackage:
        """The workbook file as a package of parts, to change a few of them (refused if locked)."""
        self.check_unlocked()
        if not self.path.exists():
            raise WorkspaceError(ru.TEXT["workbook_missing"].format(path=self.path, dir=self.directory))
        self._refuse_no_access()
        try:
            return XlsxPackage(self.path.read_bytes())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise self._corrupt(exc) from exc

    def _corrupt(self, exc: Exception) -> WorkspaceError:
        """The error for a workbook that cannot be read: a file error (no permission, an I/O
        failure) as itself — `FileAccessError` — else a corrupt workbook with the restore fix."""
        if isinstance(exc, OSError):
            from sync.file_errors import access_error

            return access_error(exc, self.path)
        if isinstance(exc, BrokenSheet):  # a tab's XML: name the tab and the part, say what to do
            return WorkspaceError(ru.TEXT["workbook_sheet_broken"].format(
                path=self.path, tab=exc.title, part=exc.part, reason=exc.reason, backup=self.backup_path.name))
        reason = exc.__class__.__name__
        if isinstance(exc, etree.XMLSyntaxError):  # another part of the package: name it by lxml's reason
            reason = f"{reason}: {exc.msg}"
        return WorkspaceError(ru.TEXT["workbook_corrupt"].format(
            path=self.path, reason=reason, backup=self.backup_path.name))

    def save(self, wb: Workbook) -> None:
        """Save a workbook openpyxl made whole (a new workspace) atomically; refuse if locked."""
        self.replace_workbook(wb.save)

    def replace_workbook(self, write) -> None:
        """Replace the workbook with what `write(file)` writes, atomically; refuse if locked
        (`sync.local.workbook_save`). The run's backup was taken with the run lock, not here."""
        self.check_unlocked()
        try:
            replace_file(self.path, write, self._remove_leftovers)
        except OSError as exc:
            raise WorkspaceError(ru.TEXT["workbook_unwritable"].format(path=self.path, reason=exc)) from exc
        self._loaded = None

    def _remove_leftovers(self, own_temp: Path) -> None:
        """Temporary files of interrupted saves go, never while another run holds the workspace."""
        if self._in_run or run_lock_free(self.directory):
            remove_leftovers(self.directory, older_than=own_temp)


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
