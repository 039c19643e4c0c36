"""Writing files without following links, with modes that do not depend on the umask.

Whoever can write a folder nastavnik writes in could plant a symbolic link where the next run
writes — a ``.bak``, a token's temporary file — and have the run write (or chmod) the file the
link points at. Every write therefore:

- refuses a final path that is a symbolic link (`UnsafePath`, a `WorkspaceError`: exit 3, with
  the path in the message);
- creates new files with ``O_CREAT | O_EXCL | O_NOFOLLOW``, never opening what is already there;
- replaces a file by renaming a fresh temporary file of the same folder over it;
- sets the mode with ``fchmod`` on the open file (0600 unless the caller says otherwise), and
  folders it creates to 0700, so ``umask 000`` gives nothing away.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from sheets_schema import ru
from sync.workspace import WorkspaceError

FILE_MODE = 0o600
DIR_MODE = 0o700
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class UnsafePath(WorkspaceError):
    """A path nastavnik would write is a symbolic link: nothing is written there."""

    def __init__(self, path: Path | str):
        super().__init__(ru.TEXT["unsafe_symlink"].format(path=path))
        self.path = Path(path)


def refuse_link(path: Path | str) -> Path:
    """`path`, or UnsafePath when it is a symbolic link (even a dangling one)."""
    path = Path(path)
    if path.is_symlink():
        raise UnsafePath(path)
    return path


def private_dir(path: Path | str, mode: int = DIR_MODE) -> Path:
    """Make the folder `path` (and missing parents) with `mode`; a folder that already exists
    keeps its mode. UnsafePath when `path` is a symbolic link."""
    path = refuse_link(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists() or folder.is_symlink():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            os.mkdir(folder, mode)
        except FileExistsError:
            refuse_link(folder)
            continue
        os.chmod(folder, mode)  # mkdir's mode is cut by the umask; ours is not
    if not path.is_dir():
        raise NotADirectoryError(str(path))
    return path


def create_new(path: Path | str, mode: int = FILE_MODE) -> int:
    """A descriptor of the new file `path`, opened for writing with `mode` whatever the umask;
    FileExistsError when something (a file, a link) is already there."""
    fd = os.open(path, _NEW, mode)
    try:
        os.fchmod(fd, mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def temp_path(directory: Path, name: str) -> Path:
    """An unused hidden temporary name for `name` in `directory`."""
    return directory / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _new_temp(path: Path, mode: int) -> tuple[int, Path]:
    while True:
        tmp = temp_path(path.parent, path.name)
        try:
            return create_new(tmp, mode), tmp
        except FileExistsError:
            continue


def _rename_over(tmp: Path, path: Path) -> None:
    refuse_link(path)  # planted while we wrote: a path someone links is not ours to overwrite
    os.replace(tmp, path)


@contextlib.contextmanager
def replacing(path: Path | str, mode: int = FILE_MODE) -> Iterator[BinaryIO]:
    """Write `path` anew: a binary file to write into, renamed over `path` when the block ends
    without an exception (and removed when it raises). The folder must exist."""
    path = refuse_link(path)
    fd, tmp = _new_temp(path, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        _rename_over(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path | str, data: bytes, mode: int = FILE_MODE) -> None:
    """Replace `path` with `data` atomically (see `replacing`)."""
    with replacing(path, mode) as out:
        out.write(data)


def write_text(path: Path | str, text: str, mode: int = FILE_MODE) -> None:
    """Replace `path` with `text` in UTF-8 atomically (see `replacing`)."""
    write_bytes(path, text.encode("utf-8"), mode)


def write_with(path: Path | str, write: Callable[[str], None], mode: int = FILE_MODE) -> None:
    """Replace `path` with what `write(temporary path)` saves (for libraries that save by name):
    the temporary file is created first, link-safe, with `mode`, and renamed over `path`."""
    path = refuse_link(path)
    fd, tmp = _new_temp(path, mode)
    os.close(fd)
    try:
        write(str(tmp))
        if not stat.S_ISREG(os.lstat(tmp).st_mode):  # replaced by something else meanwhile
            raise UnsafePath(tmp)
        os.chmod(tmp, mode)
        _rename_over(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
