"""`doctor`: is everything a nightly run needs in place? A checklist in Russian with fixes.

The config is checked by the caller (it is needed to open the workspace at all); this job runs
the backend's own checks (`Workspace.health_checks`: reachable, writable, not locked…) and then
reads every tab to check its structure. `nightly` runs the cheap part (`preflight`) first and
stops with the doctor's message instead of failing half-way.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sheets_schema import ru
from sheets_schema.tables import ALL_TABLES
from sync.workspace import Check, Workspace, WorkspaceError

EXIT_STRUCTURE = 1


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    @property
    def exit_code(self) -> int:
        return max((c.exit_code for c in self.failed), default=0)

    def lines(self) -> list[str]:
        d = ru.DOCTOR
        out = []
        for c in self.checks:
            out.append(f"{d['ok_mark'] if c.ok else d['fail_mark']} {c.title}")
            if c.warning:
                out.append(f"   {d['warn_mark']} {c.warning}")
            if not c.ok:
                if c.detail:
                    out.append(f"   {c.detail}")
                if c.fix:
                    out.append(d["fix"].format(fix=c.fix))
        out.append(d["failed"].format(count=len(self.failed)) if self.failed else d["all_ok"])
        return out


def structure_checks(workspace: Workspace) -> list[Check]:
    """One line per tab: present, with every required column (read in one go)."""
    tables = workspace.read(list(ALL_TABLES))
    checks = []
    for table in ALL_TABLES:
        data = tables[table.key]
        checks.append(Check(
            ru.DOCTOR["tab"].format(tab=table.title),
            data.ok,
            detail="\n   ".join(p.message for p in data.problems),
            fix="" if data.ok else ru.DOCTOR["tab_fix"],
            exit_code=EXIT_STRUCTURE,
        ))
    return checks


def doctor(workspace: Workspace, config_line: Check) -> DoctorReport:
    """The full checklist: config (given), backend checks, then every tab's structure."""
    report = DoctorReport([config_line])
    report.checks.extend(_health_checks(workspace))
    if report.failed:
        return report
    try:
        report.checks.extend(structure_checks(workspace))
    except WorkspaceError as exc:
        report.checks.append(Check(ru.DOCTOR["workbook"].format(path=workspace.location), False, str(exc)))
    return report


def _health_checks(workspace: Workspace) -> list[Check]:
    """The backend's checks; a backend that cannot even start them (no sign-in) is one failed line."""
    try:
        return workspace.health_checks()
    except WorkspaceError as exc:
        return [Check(ru.DOCTOR["open_workspace"], False, str(exc))]


def preflight(workspace: Workspace) -> Check | None:
    """The first failed cheap check, or None when the night run may start."""
    return next((c for c in _health_checks(workspace) if not c.ok), None)
