"""The Google backend: the workspace as a Google spreadsheet on Drive (see `workspace`, `create`).

Its modules import one way, from the bottom up (a module imports only those before it; checked
by tests/test_google_layers.py):

- `errors` (Google's error envelope, `explain`), `limiter` (requests per minute), `retry` (the
  one retry policy), `token_record`, `forms_publish` (who answers the questionnaires),
  `credentials` (scopes, sign-in, the token cache);
- `client` (one method per REST call, built from the credentials);
- `workspace` (`GoogleWorkspace`, the `sync.workspace.Workspace` of a spreadsheet);
- beside it, found through the interface like `forms`, `documents` and `summary`, never
  imported by it: `lease` (`Workspace.run_lock`), `health` (`Workspace.health_checks`),
  `forms_health` (`Workspace.questionnaire_checks`);
- `create` (`create_google_workspace`), `upgrade`, and `auth` (``nastavnik auth status``: asks
  Drive who the credentials are, so it sits above the client).
"""
from __future__ import annotations

from typing import Any, Mapping

from sheets_schema import ru
from sync.google.client import GoogleClient, client_from_settings
from sync.google.create import create_google_workspace
from sync.google.credentials import SCOPES, SCOPE_REASONS
from sync.google.errors import GoogleApiError, TransportError
from sync.google.forms_publish import Responders
from sync.google.limiter import RateLimiter
from sync.google.retry import RetriesExhausted, RetryPolicy
from sync.google.workspace import GoogleWorkspace
from sync.workspace import WorkspaceError


def open_google_workspace(settings: Mapping[str, Any], *, client: GoogleClient | None = None,
                          sheets_limiter: RateLimiter | None = None) -> GoogleWorkspace:
    """The workspace of the checked ``[google]`` settings; no request is sent until it is read.
    `sheets_limiter`: a limit shared with other workspaces of the run (by default its own)."""
    spreadsheet_id = settings.get("spreadsheet_id", "") or ""
    if not spreadsheet_id:  # before any login prompt
        raise WorkspaceError(ru.GOOGLE["no_spreadsheet"])
    workspace = GoogleWorkspace(client or client_from_settings(settings, sheets_limiter=sheets_limiter), spreadsheet_id,
                                settings.get("folder_id", "") or "")
    return configure(workspace, settings)


def configure(workspace: GoogleWorkspace, settings: Mapping[str, Any]) -> GoogleWorkspace:
    """Apply the ``[google]`` settings that shape a workspace's behaviour (the run lock's lease,
    who may answer the questionnaires) to one opened or just created."""
    workspace.lease_minutes = float(settings.get("lease_minutes", workspace.lease_minutes))
    workspace.responders = Responders.from_settings(settings)
    return workspace


__all__ = [
    "GoogleApiError",
    "GoogleClient",
    "GoogleWorkspace",
    "RetriesExhausted",
    "RetryPolicy",
    "SCOPES",
    "SCOPE_REASONS",
    "TransportError",
    "client_from_settings",
    "configure",
    "create_google_workspace",
    "open_google_workspace",
]
