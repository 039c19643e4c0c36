"""`upgrade-workspace`: bring a workspace made by an older version up to what this one needs.

One read of every tab; `sheets_schema.upgrade.plan_upgrade` lists the additions (missing tabs,
columns, choice-list values); the backend's ``upgrade`` module writes them in one go
(`sync.local.upgrade`, `sync.google.upgrade`); then the document templates that are missing are
placed (`DocumentStore.place_templates`, which never replaces one that exists, so a template
staff edited stays), and questionnaires the backend reports not ready (Google: a form the first
layout never made) are made as ``init --google`` makes them. Nothing that holds a value is
changed. What was done is one «Журнал» row
(job «обновление рабочего пространства», a line per addition) and the same lines on screen; a
run with nothing to do writes no row. With ``dry_run`` everything is read and decided, nothing
written.

Run by the command itself (under the run lock, `jobs.cli.lock.one_run`), by ``doctor --fix``
before the checks, and by ``nightly`` as its first step after the readiness check.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from sheets_schema import ru
from sheets_schema.questionnaires import IngestState
from sheets_schema.tables import ALL_TABLES, INGEST_STATE, LOG
from sheets_schema.templates import TEMPLATES, TemplateSpec
from sheets_schema.upgrade import UpgradePlan, plan_upgrade
from sync.workspace import ChangeSet, Check, QuestionnairesNotOpen, Workspace, WorkspaceError, backend_module
from jobs.config import running_version
from jobs.documents.texts import ru_text
from jobs.ingest import prepare_questionnaires
from jobs.result import NO_COUNTS, Counts
from jobs.runlog import log_row

from sync.errors import EXIT_STRUCTURE, EXIT_WORKSPACE


@dataclass
class UpgradeResult:
    """What the upgrade added (or, under ``dry_run``, would add), in Russian."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # tabs it could not upgrade, and why
    failed: list[str] = field(default_factory=list)  # what the backend refused (forms), and why
    dry_run: bool = False
    version: str = ""
    started: dt.datetime | None = None
    finished: dt.datetime | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_WORKSPACE if self.failed else EXIT_STRUCTURE if self.skipped else 0

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        u = ru.UPGRADE
        if self.dry_run:
            head = [u["dry_run"]] if self.added else [u["dry_run_nothing"]]
            return head + [f"  {line}" for line in self.added] + self.skipped
        if not self.added:
            return [u["nothing"].format(version=self.version)] + self.skipped + self.failed
        return self.added + self.skipped + self.failed + [
            u["done"].format(version=self.version, count=len(self.added))]


def missing_templates(workspace: Workspace, documents: Mapping[str, Any]) -> list[TemplateSpec]:
    """The specs of the document templates the workspace has none of."""
    found = workspace.documents(documents).read_templates(TEMPLATES)
    return [spec for spec in TEMPLATES if found.get(spec.key) is None]


def upgrade_workspace(
    workspace: Workspace,
    *,
    documents: Mapping[str, Any] | None = None,
    templates: bool = True,
    questionnaires: bool = True,
    dry_run: bool = False,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    version: str = "",
) -> UpgradeResult:
    """Add what the workspace lacks (see the module docstring). `documents` are the document
    store's settings (`DocumentSettings.store_settings`: the templates folder on Google);
    ``templates=False`` leaves templates to `orders`, which places missing ones itself;
    ``questionnaires=False`` leaves the backend's forms (Google Forms not yet made, or not open
    for answers) to ``init --google`` — the night does not create forms on its own."""
    started = now or dt.datetime.now()
    result = UpgradeResult(dry_run=dry_run, version=version or running_version(), started=started)
    plan = plan_upgrade(workspace.read_grids([t.title for t in ALL_TABLES]), today or started.date())
    result.skipped = list(plan.skipped)
    specs = missing_templates(workspace, documents or {}) if templates else []
    forms = unready_questionnaires(workspace) if questionnaires else []
    if dry_run:
        result.added = plan.lines(would=True) + [ru.UPGRADE["template_missing"].format(name=s.name) for s in specs]
        result.added += [ru.UPGRADE["questionnaire_missing"].format(check=c.title) for c in forms]
        result.finished = now or dt.datetime.now()
        return result
    if plan:
        backend_module(workspace, "upgrade").apply_upgrade(workspace, plan)
        result.added += plan.lines()
    if specs:
        result.added += workspace.documents(documents or {}).place_templates(specs)
    if forms:
        result.added += _prepare_questionnaires(workspace, result)
    result.finished = finished = now or dt.datetime.now()
    if result.added:
        _record(workspace, result, started, finished)
    return result


def unready_questionnaires(workspace: Workspace) -> list[Check]:
    """The backend's failed questionnaire lines (Google: a form not made yet, or closed) for the
    forms the service tab records; none where the backend hosts no forms."""
    data = workspace.read([INGEST_STATE])[INGEST_STATE.key]
    links = dict(IngestState.read(data).links) if data.ok else {}
    return [c for c in workspace.questionnaire_checks(links) if not c.ok]


def _prepare_questionnaires(workspace: Workspace, result: UpgradeResult) -> list[str]:
    """Make the missing forms as ``init --google`` does; a refusal is said, the rest stays done."""
    try:
        return prepare_questionnaires(workspace).lines
    except QuestionnairesNotOpen as exc:
        result.failed.append(str(exc))
    except WorkspaceError as exc:
        result.failed.append(ru_text(ru.INGEST, "create_failed").format(reason=exc))
    return []


def _record(workspace: Workspace, result: UpgradeResult, started: dt.datetime, finished: dt.datetime) -> None:
    """The run's «Журнал» row: one line per addition."""
    changes = ChangeSet()
    changes.append(LOG, log_row("upgrade", started, finished, "ok" if not result.failed else "failed",
                                 result.added + result.skipped + result.failed, result.counts()))
    workspace.commit(changes)


def needed(plan: UpgradePlan, templates: list[TemplateSpec] | None = None) -> list[str]:
    """Short Russian names of what the workspace lacks (for the doctor's line)."""
    u = ru.UPGRADE
    what = [f"лист «{n.table.title}»" for n in plan.tabs]
    what += [f"столбец «{c.column.header}» на листе «{c.tab}»" for c in plan.columns]
    what += [f"значения списка «{ru.LIST_TITLES.get(v.key, v.key)}»" for v in plan.lists]
    what += [u["templates_title"].format(name=s.name) for s in templates or []]
    return what


def upgrade_check(workspace: Workspace, documents: Mapping[str, Any] | None = None,
                  plan: UpgradePlan | None = None) -> Check:
    """The doctor's line: does the workspace have everything this version adds?

    Never a failure of its own: what the jobs cannot do without (a missing tab, a missing needed
    column) already fails its tab's line, whose fix is then ``nastavnik upgrade-workspace``; the
    rest (an optional column, list values, templates) the night adds itself at its start. So
    the line passes and carries what is missing as its warning, with the command.
    """
    u = ru.UPGRADE
    if plan is None:
        plan = plan_upgrade(workspace.read_grids([t.title for t in ALL_TABLES]))
    specs = missing_templates(workspace, documents or {}) if documents is not None else []
    what = needed(plan, specs)
    title = u["needed_title"].format(version=running_version())
    if not what:
        return Check(title, True)
    shown = what[:6] + ([u["needed_more"].format(count=len(what) - 6)] if len(what) > 6 else [])
    return Check(title, True, warning=u["needed_detail"].format(what="; ".join(shown)))
