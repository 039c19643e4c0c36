"""Opening the workspace a config points at. The only place that knows the backends by name."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from sync.workspace import Workspace

if TYPE_CHECKING:
    from sync.local.backups import BackupPolicy


def open_workspace(backend: str, workspace_dir: Path, google: Mapping[str, Any],
                   backups: "BackupPolicy | None" = None) -> Workspace:
    """The Workspace for `backend` ("local" or "google"). `backups`: where a local workspace
    keeps the dated copies of its workbook and for how long (`sync.local.backups`; by default
    ``backups/`` of the workspace folder, 14 days); Google keeps its own version history, so no
    file copy is made there."""
    # Each backend is imported only when it is the one configured: the Google client libraries
    # take about a second to import, which a local run should not pay.
    if backend == "google":
        from sync.google import open_google_workspace

        return open_google_workspace(google)
    from sync.local import LocalWorkspace

    return LocalWorkspace(workspace_dir, backups=backups)
