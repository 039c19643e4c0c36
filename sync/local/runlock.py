"""One run at a time on a local workspace: an exclusive lock on a file in the workspace folder.

The operating system releases the lock when the process ends, however it ends (a crash, SIGKILL
from cron), so a killed run never blocks the next one. The file keeps who holds it, for the
message the second run prints.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
from pathlib import Path
from typing import Iterator

from sheets_schema import ru
from sync.file_errors import access_error, file_access
from sync.safe_files import UnsafePath, refuse_link, share_fd
from sync.workspace import WorkspaceLocked

LOCK_NAME = ".nastavnik.lock"


@contextlib.contextmanager
def file_run_lock(directory: Path, job: str) -> Iterator[None]:
    """Hold the workspace's run lock for the duration of the block, or raise WorkspaceLocked
    (another run holds it) or FileAccessError (the lock file cannot be made or opened: the path,
    the user and the fix). A new lock file gets the workspace's file mode and group."""
    path = refuse_link(Path(directory) / LOCK_NAME)
    fd = _open_lock(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "?"
            raise WorkspaceLocked(ru.TEXT["run_in_progress"].format(holder=holder, path=path)) from None
        started = dt.datetime.now().strftime("%d.%m.%Y %H:%M:%S")
        with file_access(path):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{job}, pid {os.getpid()}, начат {started}".encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_lock(path: Path) -> int:
    """The lock file open for reading and writing: created (with the policy's mode and group) or
    the one a run before left."""
    flags = os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        try:
            fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a link planted after the check
            raise UnsafePath(path) from None
        raise access_error(exc, path) from exc
    try:
        share_fd(fd)
    except OSError as exc:
        os.close(fd)
        raise access_error(exc, path) from exc
    return fd
