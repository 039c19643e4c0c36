"""Writing files without following links, with modes that do not depend on the umask.

Whoever can write a folder nastavnik writes in could plant a symbolic link where the next run
writes — a ``.bak``, a token's temporary file — and have the run write (or chmod) the file the
link points at. Every write therefore:

- refuses a final path that is a symbolic link (`UnsafePath`, a `WorkspaceError`: exit 3, with
  the path in the message);
- creates new files with ``O_CREAT | O_EXCL | O_NOFOLLOW``, never opening what is already there;
- replaces a file by renaming a fresh temporary file of the same folder over it;
- sets the mode with ``fchmod`` on the open file, and on folders it creates, so ``umask 000``
  gives nothing away;
- turns an `OSError` into a `FileAccessError` (`sync.file_errors`: exit 3, the path, the user and
  the fix), still an `OSError` for callers that treat one as a soft failure.

Modes. A caller that passes no mode writes a file of the workspace (the workbook, documents,
exports, the lock, last-run.json, backups): owner only (0600, folders 0700) — or, when the
process-wide group policy is on (`use_group`, from ``[files] group``), 0660 and folders 2770
(setgid, so what staff create there stays in the group), each given to that group. Secrets pass
``SECRET_MODE`` (credentials, the token cache, keys: 0600 whatever the policy) and published
pages ``PUBLIC_MODE`` (0644): an explicit mode is never given to the group.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from sheets_schema import ru
from sync.file_errors import FileAccessError, access_error, current_user, file_access
from sync.workspace import WorkspaceError

FILE_MODE = 0o600  # owner only: a workspace file without a group policy
DIR_MODE = 0o700
SECRET_MODE = 0o600  # credentials, the token cache, keys: whatever the group policy
PUBLIC_MODE = 0o644  # a published page: the web server reads it
SHARED_FILE_MODE = 0o660
SHARED_DIR_MODE = 0o2770  # setgid: files created inside keep the group
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class UnsafePath(WorkspaceError):
    """A path nastavnik would write is a symbolic link: nothing is written there."""

    def __init__(self, path: Path | str):
        super().__init__(ru.TEXT["unsafe_symlink"].format(path=path))
        self.path = Path(path)


class GroupProblem(ValueError):
    """``[files] group`` cannot be used by this user: unknown, or the user is not a member
    (exit code 2, a configuration problem). The message says which and how to fix it."""


_group: int | None = None  # gid of `use_group`, None: owner only


def group_problem(name: str) -> str:
    """"" when this process may give files to the Unix group `name`, else the Russian reason
    with the fix (`groupadd`, `usermod -aG`)."""
    import grp

    user = current_user()
    try:
        gid = grp.getgrnam(name).gr_gid
    except KeyError:
        return ru.FILES["group_unknown"].format(group=name, user=user)
    if os.geteuid() == 0 or gid == os.getegid() or gid in os.getgroups():
        return ""
    return ru.FILES["group_not_member"].format(group=name, user=user)


def use_group(name: str) -> None:
    """Share what nastavnik creates from now on with the Unix group `name` (files 0660, folders
    2770, given to the group); "" turns the policy off (owner only). GroupProblem when the group
    is unknown or this user is not in it."""
    global _group
    if not name:
        _group = None
        return
    problem = group_problem(name)
    if problem:
        raise GroupProblem(problem)
    import grp

    _group = grp.getgrnam(name).gr_gid


def file_mode() -> int:
    """The mode of a new workspace file under the current policy (0660 shared, else 0600)."""
    return SHARED_FILE_MODE if _group is not None else FILE_MODE


def dir_mode() -> int:
    """The mode of a new folder under the current policy (2770 shared, else 0700)."""
    return SHARED_DIR_MODE if _group is not None else DIR_MODE


def share_fd(fd: int, mode: int | None = None) -> None:
    """Give the open file its mode: `mode`, or the policy's mode and group when None."""
    if mode is None and _group is not None:
        os.fchown(fd, -1, _group)  # before the mode: a chown may clear set-id bits
    os.fchmod(fd, file_mode() if mode is None else mode)


def share_path(path: Path | str, mode: int | None = None, folder: bool = False) -> None:
    """`share_fd` for a path (a folder when `folder`): policy mode and group when `mode` is None."""
    if mode is None and _group is not None:
        os.chown(path, -1, _group, follow_symlinks=False)
    os.chmod(path, (dir_mode() if folder else file_mode()) if mode is None else mode)


def refuse_link(path: Path | str) -> Path:
    """`path`, or UnsafePath when it is a symbolic link (even a dangling one)."""
    path = Path(path)
    if path.is_symlink():
        raise UnsafePath(path)
    return path


def private_dir(path: Path | str, mode: int | None = None) -> Path:
    """Make the folder `path` (and missing parents) with `mode` (None: the policy's, `dir_mode`,
    and group); a folder that already exists keeps its mode. UnsafePath when `path` is a symbolic
    link; FileAccessError when it cannot be made."""
    path = refuse_link(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists() or folder.is_symlink():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with file_access(folder):
            try:
                os.mkdir(folder, 0o700)
            except FileExistsError:
                refuse_link(folder)
                continue
            share_path(folder, mode, folder=True)  # mkdir's mode is cut by the umask; ours is not
    if not path.is_dir():
        with file_access(path):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    return path


def create_new(path: Path | str, mode: int | None = None) -> int:
    """A descriptor of the new file `path`, opened for writing with `mode` (None: the policy's
    mode and group) whatever the umask; FileExistsError when something (a file, a link) is
    already there."""
    fd = os.open(path, _NEW, 0o600)
    try:
        share_fd(fd, mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def temp_path(directory: Path, name: str) -> Path:
    """An unused hidden temporary name for `name` in `directory`."""
    return directory / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _new_temp(path: Path, mode: int | None) -> tuple[int, Path]:
    while True:
        tmp = temp_path(path.parent, path.name)
        try:
            return create_new(tmp, mode), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise access_error(exc, path) from exc


def _rename_over(tmp: Path, path: Path) -> None:
    refuse_link(path)  # planted while we wrote: a path someone links is not ours to overwrite
    os.replace(tmp, path)


@contextlib.contextmanager
def replacing(path: Path | str, mode: int | None = None) -> Iterator[BinaryIO]:
    """Write `path` anew: a binary file to write into, renamed over `path` when the block ends
    without an exception (and removed when it raises). The folder must exist. `mode` None: the
    policy's (see the module docstring)."""
    path = refuse_link(path)
    fd, tmp = _new_temp(path, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            with file_access(path):
                out.flush()
                os.fsync(out.fileno())
        with file_access(path):
            _rename_over(tmp, path)
    except BaseException as exc:
        _drop_temp(tmp, path, exc)
        raise


def _drop_temp(tmp: Path | str, path: Path | str, exc: BaseException) -> None:
    """After a failed replace: remove the temporary file; an OSError becomes the
    `FileAccessError` naming `path` (anything else propagates as it was)."""
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    if isinstance(exc, OSError) and not isinstance(exc, FileAccessError):
        raise access_error(exc, path) from exc


def write_bytes(path: Path | str, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` atomically (see `replacing`)."""
    with replacing(path, mode) as out:
        out.write(data)


def write_text(path: Path | str, text: str, mode: int | None = None) -> None:
    """Replace `path` with `text` in UTF-8 atomically (see `replacing`)."""
    write_bytes(path, text.encode("utf-8"), mode)


def write_with(path: Path | str, write: Callable[[str], None], mode: int | None = None) -> None:
    """Replace `path` with what `write(temporary path)` saves (for libraries that save by name):
    the temporary file is created first, link-safe, with `mode` (None: the policy's), and renamed
    over `path`."""
    path = refuse_link(path)
    fd, tmp = _new_temp(path, mode)
    os.close(fd)
    try:
        write(str(tmp))
        if not stat.S_ISREG(os.lstat(tmp).st_mode):  # replaced by something else meanwhile
            raise UnsafePath(tmp)
        share_path(tmp, mode)
        _rename_over(tmp, path)
    except BaseException as exc:
        _drop_temp(tmp, path, exc)
        raise


def share_tree(paths: Iterable[Path | str]) -> None:
    """Give `paths` — and, for folders, everything under them — the policy's group and modes
    (files 0660, folders 2770; `use_group` first). Links are skipped, never followed; secrets
    never live in these paths (``init --group`` passes what it made)."""
    for top in paths:
        top = Path(top)
        if top.is_symlink() or not top.exists():
            continue
        with file_access(top):
            if not top.is_dir():
                share_path(top)
                continue
            share_path(top, folder=True)
            for root, dirs, files in os.walk(top):
                for name in dirs:
                    if not os.path.islink(os.path.join(root, name)):
                        share_path(os.path.join(root, name), folder=True)
                for name in files:
                    if not os.path.islink(os.path.join(root, name)):
                        share_path(os.path.join(root, name))
