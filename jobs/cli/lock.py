"""One run at a time for every command that writes: the one place the CLI takes the run lock.

Every writing command (validate, ingest, match, orders, report, publish, nightly, restore,
upgrade-workspace) runs its job through `jobs.cli.context.State.one_run`, which calls `one_run`;
a dry run reads only and takes nothing. The lock is the backend's
(`Workspace.run_lock`: a file lock locally, a lease in a hidden tab on Google). A second run
either waits up to ``--lock-wait`` seconds for the first to finish or, past that, stops with
`WorkspaceLocked` (exit 3) naming the run that holds the workspace — it never writes beside it.
`nightly` takes the lock once for all its steps; the steps are jobs, not commands, so they never
take it again.

On Google each attempt costs Sheets requests (taking the lease: a read, a write, a confirming
read after the settle wait; releasing it: a read and a write; a refused attempt: one read), so
waiting polls at the backend's ``Workspace.lock_poll_seconds`` (Google: every few seconds,
locally five times a second).
"""
from __future__ import annotations

import contextlib
import time
from typing import Callable, Iterator, TypeVar

from sync.workspace import Workspace, WorkspaceLocked

T = TypeVar("T")
ENV_WAIT = "NASTAVNIK_LOCK_WAIT"


@contextlib.contextmanager
def run_lock(workspace: Workspace, job: str, *, wait: float = 0.0,
             sleep: Callable[[float], None] = time.sleep,
             clock: Callable[[], float] = time.monotonic) -> Iterator[None]:
    """Hold the workspace's run lock for the block; wait up to `wait` seconds for a run that holds
    it, then raise `WorkspaceLocked` with its holder. A backend without a lock runs unlocked
    (`Workspace.run_lock` is then a no-op)."""
    poll = float(workspace.lock_poll_seconds)
    deadline = clock() + max(0.0, wait)
    with contextlib.ExitStack() as held:
        while True:
            try:
                held.enter_context(workspace.run_lock(job))
                break
            except WorkspaceLocked:
                left = deadline - clock()
                if left <= 0:
                    raise
                sleep(min(poll, left))
        yield


def one_run(workspace: Workspace, job: str, action: Callable[[], T], *, wait: float = 0.0,
            dry_run: bool = False) -> T:
    """Run a writing command's job under the run lock (a dry run reads only: no lock)."""
    if dry_run:
        return action()
    with run_lock(workspace, job, wait=wait):
        return action()


__all__ = ["ENV_WAIT", "one_run", "run_lock"]
