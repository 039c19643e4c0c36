"""`nightly`: the steps a cron run performs, in order; the exit code is the worst step's.

preflight (the doctor's cheap checks) → ingest → validate → match (proposals only; approval stays
with the coordinator) → orders (when ``[documents] nightly`` is on) → roadmap → monitoring. Each
step writes its own «Журнал» row and ends as a `StepResult`: a failing step is reported and the
next one still runs, so one broken tab never costs the night's other work. With ``dry_run`` the
whole run goes through `sync.dryrun.DryRunWorkspace`: everything is read and decided, nothing is
written or created.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from sheets_schema import ru
from sheets_schema.rules import Limits
from sync.dryrun import DryRunWorkspace
from sync.workspace import StructureError, Workspace, WorkspaceError
from jobs.doctor import preflight
from jobs.ingest import ingest
from jobs.monitor import monitor
from jobs.roadmap import update_roadmap
from jobs.validate import validate

EXIT_STRUCTURE, EXIT_WORKSPACE = 1, 3
log = logging.getLogger("nastavnik.nightly")


@dataclass
class StepResult:
    job: str
    exit_code: int
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class NightlyResult:
    steps: list[StepResult] = field(default_factory=list)
    dry_run: bool = False
    would_change: dict[str, int] = field(default_factory=dict)  # tab → cells, under dry_run

    @property
    def exit_code(self) -> int:
        return max((s.exit_code for s in self.steps), default=0)


@dataclass
class NightlySettings:
    """What the steps need from the config (see `jobs.cli` for how it is built)."""

    limits: Limits = Limits()
    strict: bool = False
    school: Any = None  # jobs.config.School, for the documents
    documents: Any = None  # jobs.documents.settings.DocumentSettings; None: no orders at night
    matching: Any = None  # jobs.matching settings; None: no matching at night


def run_step(job: str, action: Callable[[], StepResult]) -> StepResult:
    """One step's outcome, never an exception: a broken step must not cost the others."""
    try:
        return action()
    except StructureError as exc:
        return StepResult(job, EXIT_STRUCTURE, errors=[p.message for p in exc.problems])
    except WorkspaceError as exc:
        return StepResult(job, EXIT_WORKSPACE, errors=[str(exc)])
    except Exception as exc:  # noqa: BLE001 - reported in «Журнал»/stderr; the night goes on
        log.exception("шаг %s прерван", job)
        return StepResult(job, EXIT_WORKSPACE, errors=[ru.TEXT["step_crashed"].format(error=f"{type(exc).__name__}: {exc}")])


def _generic(job: str, done, errors: list[str]) -> StepResult:
    lines = [line for line in done.lines() if line not in errors]
    code = getattr(done, "exit_code", 0)
    code = code() if callable(code) else code
    return StepResult(job, code, lines=lines, errors=errors)


def ingest_step(workspace: Workspace, now: dt.datetime | None = None) -> StepResult:
    """`ingest` as a nightly step."""
    def action():
        done = ingest(workspace, now=now)
        return _generic("ingest", done, [p.message for p in done.structure] + done.problems)

    return run_step("ingest", action)


def validate_step(workspace: Workspace, settings: NightlySettings, now) -> StepResult:
    def action():
        checked = validate(workspace, limits=settings.limits, now=now)
        return StepResult(
            "validate", checked.exit_code(settings.strict),
            lines=[s.line() for s in checked.summaries] + checked.notes,
            errors=[p.message for p in checked.problems],
        )

    return run_step("validate", action)


def match_step(workspace: Workspace, settings: NightlySettings, now, dry_run: bool) -> StepResult:
    def action():
        from jobs.match import match

        done = match(workspace, settings.matching, now=now or dt.datetime.now(), dry_run=dry_run,
                     limits=settings.limits)
        errors = [p.message for p in getattr(done, "problems", [])]
        return _generic("match", done, errors)

    return run_step("match", action)


def orders_step(workspace: Workspace, settings: NightlySettings, now, dry_run: bool) -> StepResult:
    def action():
        from jobs.orders import orders

        done = orders(workspace, settings.school, settings.documents, dry_run=dry_run,
                      limits=settings.limits, now=now)
        return StepResult("orders", done.exit_code, lines=list(done.lines))

    return run_step("orders", action)


def roadmap_step(workspace: Workspace, settings: NightlySettings, now, dry_run: bool) -> StepResult:
    def action():
        done = update_roadmap(workspace, now=now, dry_run=dry_run, limits=settings.limits)
        return _generic("roadmap", done, [p.message for p in done.problems])

    return run_step("roadmap", action)


def monitor_step(workspace: Workspace, settings: NightlySettings, now, dry_run: bool) -> StepResult:
    def action():
        done = monitor(workspace, now=now, dry_run=dry_run, limits=settings.limits)
        return _generic("monitor", done, [p.message for p in done.problems])

    return run_step("monitor", action)


def nightly(
    workspace: Workspace,
    settings: NightlySettings | None = None,
    now: dt.datetime | None = None,
    dry_run: bool = False,
) -> NightlyResult:
    """Run the nightly steps (see the module docstring)."""
    settings = settings or NightlySettings()
    result = NightlyResult(dry_run=dry_run)
    failed = preflight(workspace)
    if failed:
        message = ru.DOCTOR["nightly_stopped"].format(
            title=failed.title, detail=failed.detail or "—", fix=failed.fix or "—"
        )
        result.steps.append(StepResult("doctor", failed.exit_code, errors=[message]))
        return result
    target = DryRunWorkspace(workspace) if dry_run else workspace
    result.steps.append(ingest_step(target, now))
    result.steps.append(validate_step(target, settings, now))
    if settings.matching is not None:
        result.steps.append(match_step(target, settings, now, dry_run))
    if settings.documents is not None:
        result.steps.append(orders_step(target, settings, now, dry_run))
    result.steps.append(roadmap_step(target, settings, now, dry_run))
    result.steps.append(monitor_step(target, settings, now, dry_run))
    if isinstance(target, DryRunWorkspace):
        result.would_change = target.changed_cells_by_tab()
    return result
