"""The embedded default backend: a workspace directory with an .xlsx workbook.

Layout of a local workspace::

    nastavnik.toml    settings
    workspace.xlsx    the tabs (banks, proposals, pairs, roadmap, monitoring, log)
    forms/            questionnaire exports dropped here (CSV from Google Forms, XLSX from Yandex)
    templates/        document templates (.docx)
    documents/        generated orders and programmes

Writes are atomic: the new workbook is saved to a temporary file beside the old one, the old
one is kept as ``workspace.xlsx.bak``, then the new one replaces it. A workbook open in Excel or
LibreOffice (their lock file is present) is never touched.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.exceptions import InvalidFileException

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sync.workspace import CellWrite, Check, Workspace, WorkspaceError, WorkspaceLocked

WORKBOOK = "workspace.xlsx"
SUBDIRS = ("forms", "templates", "documents")


def lock_files(path: Path) -> list[Path]:
    """Lock files Excel (``~$name``) and LibreOffice (``.~lock.name#``) keep beside an open file."""
    return [path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")]


def cell_text(value: object) -> str:
    """A cell's value as the sheet shows it (dates as dd.mm.yyyy, whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
        self._loaded: tuple[tuple[int, int], Workbook] | None = None  # (file stamp, workbook) of the last read

    # --- checks -------------------------------------------------------------------------------
    def check_unlocked(self) -> None:
        for lock in lock_files(self.path):
            if lock.exists():
                raise WorkspaceLocked(ru.TEXT["locked"].format(path=self.path, lock=lock.name))

    def _load(self) -> Workbook:
        self.check_unlocked()
        if not self.path.exists():
            raise WorkspaceError(
                ru.TEXT["workbook_missing"].format(path=self.path, dir=self.directory)
            )
        try:
            return load_workbook(self.path)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
            raise WorkspaceError(
                ru.TEXT["workbook_corrupt"].format(
                    path=self.path, reason=exc.__class__.__name__, backup=self.backup_path.name
                )
            ) from exc

    def _stamp(self) -> tuple[int, int]:
        st = self.path.stat()
        return st.st_mtime_ns, st.st_size

    def _load_fresh(self) -> Workbook:
        """The workbook as it is on disk now; the one already loaded is reused if the file is unchanged."""
        self.check_unlocked()
        if self._loaded and self.path.exists() and self._loaded[0] == self._stamp():
            return self._loaded[1]
        wb = self._load()
        self._loaded = (self._stamp(), wb)
        return wb

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def run_lock(self, job: str):
        """Context manager: one run at a time on this workspace (see `sync.local.runlock`)."""
        from sync.local.runlock import file_run_lock

        return file_run_lock(self.directory, job)

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
        return _grids(self._load_fresh(), titles)

    def read_grids_for_write(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        self._pending = self._load_fresh()
        return _grids(self._pending, titles)

    def write_cells(self, writes: Sequence[CellWrite]) -> None:
        wb = self._pending or self._load_fresh()
        self._pending = None
        self._loaded = None
        sheets = _sheets_by_title(wb)
        for w in writes:
            sheet = sheets[normalise_header(w.tab)]
            cell = sheet.cell(row=w.row, column=w.col + 1)
            if isinstance(cell, MergedCell):  # staff merged cells the job writes: each row gets its own
                _unmerge_around(sheet, w.row, w.col + 1)
                cell = sheet.cell(row=w.row, column=w.col + 1)
            set_text(cell, w.value)
        self.save(wb)

    def discard_write(self) -> None:
        self._pending = None
        self._loaded = None

    def save(self, wb: Workbook) -> None:
        """Save atomically, keeping the previous version as ``.bak``; refuse if locked."""
        self.check_unlocked()
        fd, tmp = tempfile.mkstemp(prefix=".nastavnik-", suffix=".xlsx", dir=self.directory)
        os.close(fd)
        try:
            wb.save(tmp)
            if self.path.exists():
                shutil.copymode(self.path, tmp)  # keep who may read the workbook
                shutil.copy2(self.path, self.backup_path)
            os.replace(tmp, self.path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise WorkspaceError(ru.TEXT["workbook_unwritable"].format(path=self.path, reason=exc)) from exc


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _unmerge_around(sheet, row: int, column: int) -> None:
    """Unmerge the merged range holding a cell (its first cell keeps the value)."""
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            sheet.unmerge_cells(merged.coord)


def _sheets_by_title(wb: Workbook) -> dict:
    return {normalise_header(ws.title): ws for ws in wb.worksheets}


def _grids(wb: Workbook, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
    sheets = _sheets_by_title(wb)
    result: dict[str, list[list[str]] | None] = {}
    for title in titles:
        ws = sheets.get(normalise_header(title))
        if ws is None:
            result[title] = None
            continue
        result[title] = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    return result
