"""File errors a school's admin can act on: the path, the user the process runs as, what is
wrong and the command that fixes it.

Every place nastavnik touches the disk (the workspace folder, its lock, the workbook, documents,
questionnaire exports, the Google token cache, the config) turns an `OSError` into a
`FileAccessError`: a `WorkspaceError` (exit code 3), and still an `OSError`, so code that already
handled an `OSError` as a soft failure keeps doing so. `describe` is the one sentence shared by
those errors, by ``doctor``'s lines and by the CLI's last resort for an `OSError` nobody caught.

`writable_check` is a doctor line that proves a folder writable the only reliable way — creating
and removing a file there as the current user: ``os.access`` says yes to root on a read-only bind
mount and knows nothing of a systemd sandbox.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Iterator, Mapping

from sheets_schema import ru
from sync.workspace import Check, WorkspaceError

#: Where the documented systemd unit lets nastavnik write (StateDirectory=nastavnik).
STATE_DIR = "/var/lib/nastavnik"


class FileAccessError(WorkspaceError, OSError):
    """A file or folder nastavnik needs cannot be read or written (exit code 3). Carries the
    `OSError`'s errno and path; its text is `describe`'s sentence."""

    def __init__(self, message: str, path: Path | str | None = None, code: int | None = None):
        super().__init__(message)
        self.errno = code
        self.filename = str(path) if path is not None else None
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.args[0] if self.args else ""


def current_user() -> str:
    """The name of the user the process runs as (its uid when it has no name)."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        return str(getattr(os, "geteuid", lambda: "?")())


def _primary_group() -> str:
    try:
        import grp

        return grp.getgrgid(os.getegid()).gr_name
    except (ImportError, KeyError, AttributeError):
        return current_user()


def _folder_of(path: Path) -> Path:
    """The folder to fix: `path` itself when it is a folder (or meant as one), else its parent."""
    return path if os.path.isdir(path) else path.parent  # isdir: False, never an error


def _shared_group_of(folder: Path) -> str:
    """The group of a folder shared the ``[files] group`` way (setgid, group rwx) when this user
    is not in it, else ""."""
    try:
        import grp

        st = os.stat(folder)
        if not (st.st_mode & stat.S_ISGID and st.st_mode & stat.S_IRWXG == stat.S_IRWXG):
            return ""
        if st.st_gid == os.getegid() or st.st_gid in os.getgroups():
            return ""
        return grp.getgrgid(st.st_gid).gr_name
    except (ImportError, KeyError, OSError):
        return ""


def _parts(exc: OSError, where: Path, folder: Path | None = None) -> tuple[str, str]:
    """(what is wrong, the fix) of `exc` on `where` (a file, or the `folder` itself), in Russian."""
    user, group, folder = current_user(), _primary_group(), folder or _folder_of(where)
    t = ru.FILES
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        shared = _shared_group_of(folder)
        if shared:  # a folder shared with a group ([files] group) this user is not in
            return t["no_permission"], t["fix_join_group"].format(user=user, group=shared)
        return t["no_permission"], t["fix_chown"].format(user=user, group=group, folder=folder)
    if code == errno.EROFS:
        return t["read_only"], t["fix_read_only"].format(state=STATE_DIR)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return t["disk_full"], t["fix_disk_full"].format(folder=folder)
    if code == errno.ENOTDIR:
        return t["not_a_folder"], t["fix_not_a_folder"]
    if code == errno.EISDIR:
        return t["is_a_folder"], t["fix_is_a_folder"]
    if code == errno.ENOENT:
        return t["missing"], t["fix_missing"].format(user=user, group=group, folder=folder)
    return exc.strerror or exc.__class__.__name__, t["fix_other"]


def describe(exc: OSError, path: Path | str | None = None) -> str:
    """The Russian sentence for `exc` on `path` (or the path the error names): what is wrong,
    for which user, and the fix."""
    if isinstance(exc, FileAccessError):
        return str(exc)
    where = Path(path if path is not None else (exc.filename or "?"))
    what, fix = _parts(exc, where)
    return ru.FILES["message"].format(path=where, user=current_user(), what=what, fix=fix)


def failed_check(title: str, error: OSError, path: Path, folder: Path | None = None) -> Check:
    """A failed doctor line titled `title`: the detail (path, user, what is wrong) and the fix
    on its own line."""
    what, fix = _parts(error, path, folder)
    return Check(title, False, detail=ru.FILES["detail"].format(path=path, user=current_user(), what=what), fix=fix)


def access_error(exc: OSError, path: Path | str | None = None) -> FileAccessError:
    """`exc` as a `FileAccessError` with `describe`'s sentence."""
    if isinstance(exc, FileAccessError):
        return exc
    where = path if path is not None else exc.filename
    return FileAccessError(describe(exc, where), where, exc.errno)


@contextlib.contextmanager
def file_access(path: Path | str | None = None) -> Iterator[None]:
    """Inside the block, an `OSError` becomes a `FileAccessError` naming `path` (or the path the
    error carries)."""
    try:
        yield
    except FileAccessError:
        raise
    except OSError as exc:
        raise access_error(exc, exc.filename or path) from exc


def unreadable(path: Path) -> OSError | None:
    """The error reading `path` gives, when it cannot be opened for reading and writing by this
    user (a missing file is not this function's business: None)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None  # a symbolic link: refused elsewhere, with its own message
        return exc
    os.close(fd)
    return None


def probe_writable(folder: Path) -> OSError | None:
    """None when this user can create and remove a file in `folder`, else the error."""
    probe = Path(folder) / f".nastavnik-probe-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        return exc
    try:
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return exc
    return None


def writable_check(title: str, folder: Path | str, line: str = "") -> Check:
    """A doctor line (``line``, or «`title`: в папку … можно записывать»): `folder` exists, is a
    folder, and this user can create and remove a file in it. The failure carries the path, the
    user and the fix."""
    folder = Path(folder)
    line = line or ru.DOCTOR["writable"].format(title=title, path=folder)
    try:
        is_folder = stat.S_ISDIR(os.stat(folder).st_mode)
    except OSError as exc:  # missing, or a folder above it this user may not enter
        error: OSError | None = exc
    else:
        error = probe_writable(folder) if is_folder else NotADirectoryError(
            errno.ENOTDIR, "Not a directory", str(folder))
    return Check(line, True) if error is None else failed_check(line, error, folder, folder)


def writable_checks(paths: Mapping[str, Path | str]) -> list[Check]:
    """One `writable_check` per title → folder, in order (the same folder is checked once)."""
    seen: set[str] = set()
    checks = []
    for title, folder in paths.items():
        key = os.path.abspath(folder)
        if key in seen:
            continue
        seen.add(key)
        checks.append(writable_check(title, folder))
    return checks


def file_check(title: str, path: Path | str) -> Check | None:
    """A doctor line for a file the night rewrites in place or locks (e.g. the run lock): None
    when it is missing (it will be created) or this user can open it for reading and writing."""
    path = Path(path)
    error = unreadable(path)
    if error is None:
        return None
    return failed_check(ru.DOCTOR["file_access"].format(title=title, path=path), error, path)


def state_checks(state_dir: Path | str) -> list[Check]:
    """``doctor``'s lines for ``[files] state_dir``: the folder (and ``backups/`` when present)
    writable by this user — every run replaces ``last-run.json`` there through a temporary file
    and adds its dated copy to ``backups/``. For the CLI, which alone knows the state folder
    (`jobs.config.Config.state_dir`)."""
    state_dir = Path(state_dir)
    d = ru.DOCTOR
    folders = {d["where_state"]: state_dir}
    if os.path.isdir(state_dir / "backups"):
        folders[d["where_backups"]] = state_dir / "backups"
    return writable_checks(folders)
