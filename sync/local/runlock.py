"""One run at a time on a local workspace: an exclusive lock on a file in the workspace folder.

The operating system releases the lock when the process ends, however it ends (a crash, SIGKILL
from cron), so a killed run never blocks the next one. The file keeps who holds it, for the
message the second run prints.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from pathlib import Path
from typing import Iterator

from sheets_schema import ru
from sync.workspace import WorkspaceLocked

LOCK_NAME = ".nastavnik.lock"


@contextlib.contextmanager
def file_run_lock(directory: Path, job: str) -> Iterator[None]:
    """Hold the workspace's run lock for the duration of the block, or raise WorkspaceLocked."""
    path = Path(directory) / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "?"
            raise WorkspaceLocked(ru.TEXT["run_in_progress"].format(holder=holder, path=path)) from None
        started = dt.datetime.now().strftime("%d.%m.%Y %H:%M:%S")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{job}, pid {os.getpid()}, начат {started}".encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
