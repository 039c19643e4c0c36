"""The embedded default backend: a workspace directory with an .xlsx workbook.

Layout of a local workspace::

    nastavnik.toml    settings
    workspace.xlsx    the tabs (banks, proposals, pairs, roadmap, monitoring, log)
    forms/            questionnaire exports dropped here (CSV from Google Forms, XLSX from Yandex)
    templates/        document templates (.docx)
    documents/        generated orders and programmes

Writes change only the cells a job writes: they are patched into the sheet's XML inside the
file and every other part of it is copied byte for byte (`sync.local.workbook_save`). Writes are
atomic: the new workbook is written to a temporary file beside the old one, then replaces it;
the first write of a run keeps the workbook as it was before the run as ``workspace.xlsx.bak``.
A workbook open in Excel or LibreOffice (their lock file is present) is never touched.
"""
from __future__ import annotations

import contextlib
import os
import zipfile
from pathlib import Path
from typing import Sequence

from lxml import etree
from openpyxl import Workbook

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sync.local.xlsx_read import BrokenSheet, cell_text, read_tabs  # cell_text: re-exported
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

    def __init__(self, directory: Path | str, workbook: str = WORKBOOK):
        self.directory = Path(directory)
        self.path = self.directory / workbook
        self.location = str(self.path)
        self._pending = None  # workbook loaded for a write
        # (file stamp, grids by normalised title) of the last read: the re-read just before a
        # write reuses them when the file has not changed since (a write or a save resets it)
        self._loaded: tuple[tuple[int, ...], dict[str, list[list[str]] | None]] | None = None
        self._in_run = False  # the run lock is held (`run_lock`)
        self._backup_taken = False  # this run's first write has made the .bak

    # --- checks -------------------------------------------------------------------------------
    def check_unlocked(self) -> None:
        for lock in lock_files(self.path):
            if lock.exists():
                raise WorkspaceLocked(ru.TEXT["locked"].format(path=self.path, lock=lock.name))

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    @contextlib.contextmanager
    def run_lock(self, job: str):
        """Context manager: one run at a time on this workspace (see `sync.local.runlock`). The
        run's first write keeps the workbook as it was as ``.bak``."""
        from sync.local.runlock import file_run_lock

        with file_run_lock(self.directory, job):
            self._in_run, self._backup_taken = True, False
            try:
                yield
            finally:
                self._in_run, self._backup_taken = False, False

    def health_checks(self) -> list[Check]:
        """Workbook present and a real .xlsx, not open in Excel/LibreOffice, folders writable."""
        d = ru.DOCTOR
        checks = []
        locks = [lock for lock in lock_files(self.path) if lock.exists()]
        checks.append(Check(
            d["unlocked"], not locks,
            detail=ru.TEXT["locked"].format(path=self.path, lock=locks[0].name) if locks else "",
            fix=d["unlocked_fix"].format(lock=locks[0]) if locks else "",
        ))
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
            folder = self.directory / name
            ok = folder.is_dir() and os.access(folder, os.W_OK)
            checks.append(Check(
                d["folder"].format(name=name or self.directory), ok,
                fix="" if ok else d["folder_fix"].format(path=folder),
            ))
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
        stamp = self._stamp()
        if self._loaded and self._loaded[0] == stamp and all(normalise_header(t) in self._loaded[1] for t in titles):
            return {t: self._loaded[1][normalise_header(t)] for t in titles}
        try:
            grids = read_tabs(self.path, titles)
        except (zipfile.BadZipFile, KeyError, ValueError, IndexError, OSError, etree.LxmlError) as exc:
            raise self._corrupt(exc) from exc
        self._loaded = (stamp, {normalise_header(t): g for t, g in grids.items()})
        return grids

    def _stamp(self) -> tuple[int, ...]:
        """What changes whenever the file does: replaced (inode), rewritten (times, size)."""
        st = self.path.stat()
        return st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size

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
        try:
            return XlsxPackage(self.path.read_bytes())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise self._corrupt(exc) from exc

    def _corrupt(self, exc: Exception) -> WorkspaceError:
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
        """Replace the workbook with what `write(file)` writes, atomically; refuse if locked. The
        first write of a run copies the workbook as it was to ``.bak`` (`sync.local.workbook_save`)."""
        self.check_unlocked()
        existed = self.path.exists()
        try:
            replace_file(self.path, write, None if self._backup_taken else self.backup_path, self._remove_leftovers)
        except OSError as exc:
            raise WorkspaceError(ru.TEXT["workbook_unwritable"].format(path=self.path, reason=exc)) from exc
        self._backup_taken = self._backup_taken or existed
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


def _sheets_by_title(wb: Workbook) -> dict:
    return {normalise_header(ws.title): ws for ws in wb.worksheets}
