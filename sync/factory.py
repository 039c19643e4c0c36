"""Opening the workspace a config points at. The only place that knows the backends by name."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from sync.workspace import Workspace


def open_workspace(backend: str, workspace_dir: Path, google: Mapping[str, Any]) -> Workspace:
    """The Workspace for `backend` ("local" or "google")."""
    if backend == "google":
        from sync.google import open_google_workspace

        return open_google_workspace(google)
    from sync.local import LocalWorkspace

    return LocalWorkspace(workspace_dir)
