"""Opening a school's workspace in a municipal run: as its own ``nastavnik`` would (its backend,
its ``[google]`` completed by the municipality's, its backups in its state folder), except that
Google schools share one Sheets limiter — every school's requests count against the one user's
per-minute quota (`sync.factory.sheets_limiter`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sync.factory import backup_policy, open_workspace
from sync.workspace import Workspace
from jobs.municipal.config import SchoolEntry

if TYPE_CHECKING:
    from sync.factory import RateLimiter


def open_school(entry: SchoolEntry, limiter: "RateLimiter | None" = None) -> Workspace:
    """The school's workspace; a Google one sends its Sheets requests through `limiter` (by
    default a limiter of its own). No request is sent and no file opened until it is read."""
    cfg = entry.config
    days = int(cfg.section("files").get("backup_days", 14))  # checked: always given (jobs.config.SPEC)
    return open_workspace(cfg.backend, cfg.workspace_dir, cfg.section("google"),
                          backups=backup_policy(cfg.state_dir, days), sheets_limiter=limiter)


__all__ = ["open_school"]
