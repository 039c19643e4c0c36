"""Opening the workspace a config points at. The only place that knows the backends by name."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from sync.workspace import Workspace

if TYPE_CHECKING:
    from sync.google.limiter import RateLimiter
    from sync.local.backups import BackupPolicy


def open_workspace(backend: str, workspace_dir: Path, google: Mapping[str, Any],
                   backups: "BackupPolicy | None" = None, *,
                   sheets_limiter: "RateLimiter | None" = None) -> Workspace:
    """The Workspace for `backend` ("local" or "google"). `backups`: where a local workspace
    keeps the dated copies of its workbook and for how long (`sync.local.backups`; by default
    ``backups/`` of the workspace folder, 14 days); Google keeps its own version history, so no
    file copy is made there. `sheets_limiter`: the Sheets requests-per-minute limit a Google
    workspace shares with others opened in the same run (`sheets_limiter`; by default its own,
    ``[google] requests_per_minute``)."""
    # Each backend is imported only when it is the one configured: the Google client libraries
    # take about a second to import, which a local run should not pay.
    if backend == "google":
        from sync.google import open_google_workspace

        return open_google_workspace(google, sheets_limiter=sheets_limiter)
    from sync.local import LocalWorkspace

    return LocalWorkspace(workspace_dir, backups=backups)


def sheets_limiter(per_minute: int, *, clock: Callable[[], float] | None = None,
                   sleep: Callable[[float], None] | None = None) -> "RateLimiter":
    """One Sheets limit of `per_minute` requests for several Google workspaces of one run (the
    municipal night: every school's requests count against one user's quota). `clock` and `sleep`
    replace the real ones (a benchmark's virtual time)."""
    from sync.google.limiter import RateLimiter

    timing: dict[str, Any] = {k: v for k, v in (("clock", clock), ("sleep", sleep)) if v is not None}
    return RateLimiter(per_minute, **timing)


def backup_policy(state_dir: Path, days: int) -> "BackupPolicy":
    """A local workspace's dated copies in ``backups/`` of `state_dir`, kept `days` days."""
    from sync.local.backups import BackupPolicy

    return BackupPolicy.in_state_dir(state_dir, days)
