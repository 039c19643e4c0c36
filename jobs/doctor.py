"""`doctor`: is everything a nightly run needs in place? A checklist in Russian with fixes.

The config is checked by the caller (it is needed to open the workspace at all); this job runs
the backend's own checks (`Workspace.health_checks`: reachable, writable, not locked…) and then
reads every tab to check its structure. `nightly` runs the cheap part (`preflight`) first and
stops with the doctor's message instead of failing half-way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from sheets_schema import ru
from sheets_schema.grid import TableData
from sheets_schema.questionnaires import IngestState
from sheets_schema.tables import ALL_TABLES, INGEST_STATE
from sheets_schema.upgrade import UpgradePlan, plan_upgrade
from sync.workspace import Check, Workspace, WorkspaceError
from jobs.upgrade import upgrade_check

from sync.errors import EXIT_STRUCTURE


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


def structure_checks(workspace: Workspace, tables: dict[str, TableData] | None = None,
                     plan: UpgradePlan | None = None) -> list[Check]:
    """One line per tab: present, with every required column (read in one go, unless given);
    how a tab was read (a header below a title row) comes as the line's warning. A tab the
    upgrade would complete (`plan`) is fixed by ``nastavnik upgrade-workspace``, not by hand."""
    tables = tables if tables is not None else workspace.read(list(ALL_TABLES))
    new_tabs = {n.table.key for n in plan.tabs} if plan else set()
    upgraded = new_tabs | ({c.table.key for c in plan.columns} if plan else set())
    checks = []
    for table in ALL_TABLES:
        data = tables[table.key]
        fix = "" if data.ok else ru.UPGRADE["needed_fix"] if table.key in upgraded else ru.DOCTOR["tab_fix"]
        messages = [p.message for p in data.problems]
        if table.key in new_tabs:  # not "copy it by hand": the upgrade adds it
            messages = [ru.UPGRADE["tab_missing"].format(tab=table.title)]
        for c in plan.columns if plan else []:  # nor "put the header back" for a column it adds
            if c.table.key == table.key:
                said = {ru.TEXT[k].format(tab=table.title, column=c.column.header, row=c.header_row)
                        for k in ("missing_column", "missing_column_in_row")}
                messages = [ru.UPGRADE["column_missing"].format(tab=table.title, column=c.column.header)
                            if m in said else m for m in messages]
        checks.append(Check(
            ru.DOCTOR["tab"].format(tab=table.title),
            data.ok,
            detail="\n   ".join(messages),
            fix=fix,
            exit_code=EXIT_STRUCTURE,
            warning=" ".join(data.notes),  # e.g. the header found below a title row
        ))
    return checks


def doctor(workspace: Workspace, config_line: Check, documents: Mapping[str, Any] | None = None,
           paths: Sequence[Check] = ()) -> DoctorReport:
    """The full checklist: config (given), backend checks, the folders only the CLI knows the
    night writes (`paths`: the state folder, the token cache's folder), every tab's structure,
    and whether the workspace has what this version adds (`jobs.upgrade.upgrade_check`;
    templates too when the document store's settings `documents` are given)."""
    report = DoctorReport([config_line])
    report.checks.extend(_health_checks(workspace))
    report.checks.extend(paths)
    if report.failed:
        return report
    try:
        tables = workspace.read(list(ALL_TABLES))
        plan = plan_upgrade(workspace.read_grids([t.title for t in ALL_TABLES]))
        report.checks.extend(structure_checks(workspace, tables, plan))
        report.checks.append(upgrade_check(workspace, documents, plan=plan))
        report.checks.extend(questionnaire_checks(workspace, tables))
    except WorkspaceError as exc:
        report.checks.append(Check(ru.DOCTOR["workbook"].format(path=workspace.location), False, str(exc)))
    return report


def questionnaire_checks(workspace: Workspace, tables: dict[str, TableData]) -> list[Check]:
    """The backend's line per questionnaire (Google: the form is published and reachable), for
    the forms recorded in the service tab. Not part of `preflight`: a closed form must not stop
    the night's other work (``ingest`` reports it in «Журнал»)."""
    data = tables.get(INGEST_STATE.key)
    links = dict(IngestState.read(data).links) if data is not None and data.ok else {}
    return workspace.questionnaire_checks(links)


def _health_checks(workspace: Workspace) -> list[Check]:
    """The backend's checks; a backend that cannot even start them (no sign-in) is one failed line."""
    try:
        return workspace.health_checks()
    except WorkspaceError as exc:
        return [Check(ru.DOCTOR["open_workspace"], False, str(exc))]


def preflight(workspace: Workspace) -> Check | None:
    """The first failed cheap check, or None when the night run may start."""
    return next((c for c in _health_checks(workspace) if not c.ok), None)
