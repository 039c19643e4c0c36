"""Saving the school's workbook: cell patches, an atomic replace, crash leftovers.

Cell patches. A job's writes are applied to the sheet parts they touch (`sync.local.xlsx_patch`)
inside the package (`sync.local.xlsx_package`); every other zip member is copied as it was. The
workbook is never loaded and saved again by openpyxl, which would drop what it does not model
(pictures, x14 validations in ``extLst``, rich text in comments, cached formula values…). When a
formula cell is overwritten, its entry in ``xl/calcChain.xml`` goes too (Excel asks to repair a
file whose calculation chain names a cell without a formula).

Atomic replace. The new file is written to a temporary file beside the workbook, flushed to
disk, given the workbook's file mode, and renamed over it (`os.replace`): a reader sees the old
workbook or the new one, never half of one.

Temporary files are named ``.nastavnik-tmp-<pid>-<random>.xlsx.part``: hidden on Linux/macOS,
and not an ``.xlsx``, so nobody opens one in Excel for the workbook, and a run never leaves two
workbooks that could be confused. Its writer holds an exclusive `flock` on it until it is
renamed; the operating system drops the lock when the process dies (``kill -9``, power cut).

Crash leftovers. Every save, after making its own temporary file, removes the temporary files of
interrupted saves: only names of nastavnik's own pattern (and ``.nastavnik-XXXXXXXX.xlsx`` of
versions before this one), only files older than its own, only when no process holds their lock
(so a save in progress is never touched), and only while this process holds the workspace's run
lock or no other process holds it (`run_lock_free`: tested, not taken, so a command outside a
run never makes a starting ``nightly`` refuse). Each removal is logged.

Backups. A save makes none: the run's one dated copy is taken when the run lock is taken
(`sync.local.backups`), so it is the workbook as it was before the whole run. Versions before
this one copied the workbook to ``workspace.xlsx.bak`` at a run's first save; an interrupted
copy's temporary file (``….bak.part``) is still removed as a crash leftover.
"""
from __future__ import annotations

import logging
import os
import re
import secrets
import stat
from pathlib import Path
from typing import BinaryIO, Callable, Mapping, Sequence


from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sync.local.xlsx_package import DOC_REL, XlsxPackage, parse_xml, xml_bytes
from sync.local.xlsx_patch import SheetWrite, patch_sheet
from sync.safe_files import refuse_link

try:
    import fcntl
except ImportError:  # Windows: no flock; a leftover is then removed only by its age and name
    fcntl = None  # type: ignore[assignment]  # the module or None: the lock is skipped where it is None

log = logging.getLogger("nastavnik.local")

TEMP_PREFIX = ".nastavnik-tmp-"
TEMP_SUFFIX = ".part"
_OWN_TEMP = re.compile(r"^\.nastavnik-tmp-\d+-[0-9a-f]+\.(xlsx|bak)\.part$")
_OLD_TEMP = re.compile(r"^\.nastavnik-[a-z0-9_]{8}\.xlsx$")  # tempfile.mkstemp names of earlier versions
CALC_CHAIN = DOC_REL + "/calcChain"


class TabNotFound(KeyError):
    """A write names a tab the workbook does not have."""


def apply_writes(package: XlsxPackage, writes: Mapping[str, Sequence[SheetWrite]]) -> None:
    """Patch the sheets named by tab title (compared as headers are) with their writes."""
    sheets = {normalise_header(s.title): s for s in package.sheets()}
    for title, tab_writes in writes.items():
        sheet = sheets.get(normalise_header(title))
        if sheet is None or not package.has(sheet.part):
            raise TabNotFound(title)
        result = patch_sheet(package.read(sheet.part), tab_writes)
        package.write(sheet.part, result.xml)
        if result.formulas_removed:
            _drop_from_calc_chain(package, sheet.sheet_id, set(result.formulas_removed))


def _drop_from_calc_chain(package: XlsxPackage, sheet_id: str, refs: set[str]) -> None:
    workbook = package.workbook_part()
    chain = next((r.target for r in package.relationships(workbook) if r.type == CALC_CHAIN), None)
    if chain is None or not package.has(chain):
        return
    original = package.read(chain)
    tree = parse_xml(original)
    root = tree.getroot()
    current = None
    changed = False
    for entry in list(root):
        if not isinstance(entry.tag, str):
            continue
        own = entry.get("i")
        current = own or current or sheet_id
        if current == sheet_id and entry.get("r") in refs:
            following = entry.getnext()
            if own and following is not None and following.get("i") is None:
                following.set("i", own)
            root.remove(entry)
            changed = True
    if changed:
        package.write(chain, xml_bytes(tree, original))


# --- the atomic replace ---------------------------------------------------------------------------
def new_temp(directory: Path, kind: str = "xlsx") -> tuple[int, Path]:
    """A temporary file of nastavnik's own pattern, created and locked by this process."""
    while True:
        path = directory / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.{kind}{TEMP_SUFFIX}"
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except FileExistsError:
            continue
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        return fd, path


def replace_file(path: Path, write: Callable[[BinaryIO], None], clean: Callable[[Path], None]) -> None:
    """Write `path` anew through `write`, atomically; `clean(own temporary file)` removes crash
    leftovers (`remove_leftovers`) where no other run holds the workspace. OSError when the
    folder cannot be written (the workbook is then unchanged). UnsafePath when the workbook is a
    symbolic link."""
    refuse_link(path)
    fd, tmp = new_temp(path.parent)
    try:
        with os.fdopen(os.dup(fd), "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.fchmod(fd, stat.S_IMODE(os.stat(path, follow_symlinks=False).st_mode))  # keep who may read it
        clean(tmp)
        refuse_link(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def run_lock_free(directory: Path) -> bool:
    """True when no process holds the workspace's run lock. Tested with a shared lock dropped at
    once, never taken as a run would take it, so a run starting now is not refused for this
    check (but for the microseconds of the test itself)."""
    from sync.local.runlock import LOCK_NAME

    if fcntl is None:
        return True
    try:
        fd = os.open(directory / LOCK_NAME, os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_leftovers(directory: Path, older_than: Path) -> list[Path]:
    """Remove the temporary files interrupted saves left in `directory` (see the module
    docstring); the caller holds the run lock. Returns what was removed."""
    try:
        limit = older_than.stat().st_mtime_ns
    except OSError:
        return []
    removed = []
    for entry in os.scandir(directory):
        if entry.path == str(older_than) or not (_OWN_TEMP.match(entry.name) or _OLD_TEMP.match(entry.name)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime_ns >= limit:
                continue
            fd = os.open(entry.path, os.O_RDONLY)
        except OSError:
            continue
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # its writer is gone
            os.unlink(entry.path)
        except OSError:
            continue
        finally:
            os.close(fd)
        removed.append(Path(entry.path))
        log.info(ru.TEXT["temp_removed"].format(name=entry.name, dir=directory))
    return removed


__all__ = ["TabNotFound", "apply_writes", "new_temp", "remove_leftovers", "replace_file", "run_lock_free"]
