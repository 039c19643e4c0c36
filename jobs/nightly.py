"""`nightly`: the steps a cron run performs, in order; the exit code is the worst step's.

preflight (the doctor's cheap checks) → upgrade (what this version adds to a workspace an older
one made, `jobs.upgrade`) → ingest → validate → match (proposals only; approval stays with the
coordinator) → orders (when ``[documents] nightly`` is on) → roadmap → completion (pairs past
their end date, `jobs.completion`) and monitoring — these two in monitor's one read and one commit,
each with its own result and «Журнал» row (the plans of programmes made before «План мероприятий»
are added there too, `jobs.plan_backfill`). Each
step writes its own «Журнал» row and ends as a `StepResult`: a failing step is reported and the
next one still runs, so one broken tab never costs the night's other work. A step that raises
writes no row of its own: `run_step` writes its row (outcome and the reason) through the run's
`jobs.run_record.Journal`, which keeps it in the state folder when the workspace cannot take it;
a failed readiness check is a refused night and its row waits there too. With ``dry_run`` the
whole run goes through `sync.dryrun.DryRunWorkspace`: everything is read and decided, nothing is
written or created.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Mapping

from sheets_schema import ru
from sheets_schema.rules import Limits
from sync.dryrun import DryRunWorkspace
from sync.errors import EXIT_STRUCTURE, EXIT_WORKSPACE, NastavnikError
from sync.workspace import Workspace
from jobs.doctor import preflight
from jobs.ingest import ingest
from jobs.monitor import monitor
from jobs.plan_backfill import PlanTerms
from jobs.result import JobResult
from jobs.roadmap import update_roadmap
from jobs.training import DEFAULT_YEARS
from jobs.roadmap_marks import Thresholds
from jobs.upgrade import upgrade_workspace
from jobs.run_record import Journal, errors_of, exit_code_for, now as aware_now, step_context
from jobs.validate import validate

if TYPE_CHECKING:  # the documents and matching modules are imported only when their step runs
    from jobs.config import MatchingSettings, School
    from jobs.documents.settings import DocumentSettings

log = logging.getLogger("nastavnik.nightly")


@dataclass
class StepResult:
    job: str
    exit_code: int
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: dt.datetime | None = None  # aware, for last-run.json
    finished: dt.datetime | None = None
    refused: bool = False  # the readiness check stopped the night before any work


@dataclass
class NightlyResult:
    steps: list[StepResult] = field(default_factory=list)
    dry_run: bool = False
    would_change: dict[str, int] = field(default_factory=dict)  # tab → cells, under dry_run

    @property
    def exit_code(self) -> int:
        return max((s.exit_code for s in self.steps), default=0)

    @property
    def refused(self) -> bool:
        return any(s.refused for s in self.steps)


@dataclass
class NightlySettings:
    """What the steps need from the config (see `jobs.cli` for how it is built)."""

    limits: Limits = Limits()
    strict: bool = False
    school: School | None = None  # for the documents: needed whenever `documents` is set
    documents: DocumentSettings | None = None  # None: no orders at night
    matching: MatchingSettings | None = None  # None: no matching at night
    journal: Journal | None = None  # where a failed step's «Журнал» row goes; None: nowhere
    roadmap: Thresholds = Thresholds()  # what makes a roadmap event «выполнено» ([roadmap])
    document_store: Mapping[str, Any] | None = None  # where the documents are (the implementation order)
    plan_behind_percent: int = 30  # issue 19: a pair is behind its plan past this share ([roadmap])
    diary_weeks: int = 4  # issue 19: «Дневник встреч» flags a pair without a meeting this long ([roadmap])


def run_step(job: str, action: Callable[[], StepResult], journal: Journal | None = None) -> StepResult:
    """One step's outcome, never an exception: a broken step must not cost the others. A step
    that raised gets its «Журнал» row here (through `journal`), with the outcome and the reason."""
    started = aware_now()
    with step_context(job):
        try:
            result = action()
        except Exception as exc:  # noqa: BLE001 - reported in «Журнал»/stderr; the night goes on
            if isinstance(exc, NastavnikError):  # a known failure: its class's code, its reasons
                errors = errors_of(exc)
            else:  # a bug: the traceback goes to the log
                log.exception("шаг %s прерван", job)
                errors = [ru.TEXT["step_crashed"].format(error=f"{type(exc).__name__}: {exc}")]
            result = _failed(journal, job, started, exit_code_for(exc), errors)
    result.started, result.finished = started, result.finished or aware_now()
    return result


def _failed(journal: Journal | None, job: str, started: dt.datetime, code: int, errors: list[str]) -> StepResult:
    """The result of a step that raised, its row written (or kept for the next run)."""
    finished = aware_now()
    if journal is not None:
        journal.write(job, started, finished, "structure" if code == EXIT_STRUCTURE else "failed", errors)
    return StepResult(job, code, errors=errors, finished=finished)


def _generic(job: str, done: JobResult, errors: list[str]) -> StepResult:
    lines = [line for line in done.lines() if line not in errors]
    return StepResult(job, done.exit_code, lines=lines, errors=errors)


def _journal(settings: NightlySettings | None) -> Journal | None:
    return settings.journal if settings is not None else None


def ingest_step(workspace: Workspace, now: dt.datetime | None = None,
                settings: NightlySettings | None = None) -> StepResult:
    """`ingest` as a nightly step."""
    def action() -> StepResult:
        done = ingest(workspace, now=now)
        return _generic("ingest", done, [p.message for p in done.structure] + done.problems)

    return run_step("ingest", action, _journal(settings))


def _training_years(settings: NightlySettings) -> int:
    """How long a mentor's training counts ([matching] training_valid_years)."""
    return settings.matching.training_valid_years if settings.matching is not None else DEFAULT_YEARS


def validate_step(workspace: Workspace, settings: NightlySettings, now: dt.datetime | None) -> StepResult:
    def action() -> StepResult:
        checked = validate(workspace, limits=settings.limits, now=now, training_years=_training_years(settings))
        return StepResult(
            "validate", checked.with_strict(settings.strict).exit_code,
            lines=[s.line() for s in checked.summaries] + checked.notes,
            errors=[p.message for p in checked.problems],
        )

    return run_step("validate", action, _journal(settings))


def match_step(workspace: Workspace, settings: NightlySettings, now: dt.datetime | None, dry_run: bool) -> StepResult:
    def action() -> StepResult:
        from jobs.match import match

        if settings.matching is None:  # `nightly` runs this step only with [matching] settings
            raise ValueError("match_step: no matching settings")
        done = match(workspace, settings.matching, now=now or dt.datetime.now(), dry_run=dry_run,
                     limits=settings.limits)
        return _generic("match", done, [])

    return run_step("match", action, _journal(settings))


def orders_step(workspace: Workspace, settings: NightlySettings, now: dt.datetime | None, dry_run: bool) -> StepResult:
    def action() -> StepResult:
        from jobs.orders import orders

        if settings.documents is None:  # `nightly` runs this step only with night-time orders on
            raise ValueError("orders_step: no document settings")
        if settings.school is None:  # the documents name the school (the CLI always passes cfg.school)
            raise ValueError("orders_step: no school")
        done = orders(workspace, settings.school, settings.documents, dry_run=dry_run,
                      limits=settings.limits, now=now, matching=settings.matching)
        return StepResult("orders", done.exit_code, lines=done.lines())

    return run_step("orders", action, _journal(settings))


def roadmap_step(workspace: Workspace, settings: NightlySettings, now: dt.datetime | None, dry_run: bool) -> StepResult:
    def action() -> StepResult:
        done = update_roadmap(workspace, now=now, dry_run=dry_run, limits=settings.limits,
                              documents=settings.document_store, thresholds=settings.roadmap,
                              training_years=_training_years(settings))
        return _generic("roadmap", done, [p.message for p in done.problems])

    return run_step("roadmap", action, _journal(settings))


def _plan_terms(settings: NightlySettings) -> PlanTerms:
    """A pair's term where «Пары» gives no end, as `orders` takes it ([matching], [school])."""
    if settings.matching is not None:
        return PlanTerms(settings.matching.programme_months, settings.matching.school_year)
    return PlanTerms(year=settings.school.school_year) if settings.school is not None else PlanTerms()


def monitor_step(workspace: Workspace, settings: NightlySettings, now: dt.datetime | None, dry_run: bool,
                 completion: list[StepResult] | None = None) -> StepResult:
    """Monitoring; with `completion` (a list), the pairs past their end are completed in the same
    read and commit (issue 19) and that step's own result is put in the list."""
    completed: list[Any] = []

    def action() -> StepResult:
        done = monitor(workspace, now=now, dry_run=dry_run, limits=settings.limits,
                       plan_behind_percent=settings.plan_behind_percent, diary_weeks=settings.diary_weeks,
                       complete=completion is not None, plan_terms=_plan_terms(settings))
        completed.append(done.completion)
        return _generic("monitor", done, [p.message for p in done.problems])

    step = run_step("monitor", action, _journal(settings))
    if completion is not None:
        ended = completed[0] if completed else None
        if ended is None:  # monitoring failed before it decided: its error is the reason
            why = ru.TEXT["completion_not_run"].format(step=ru.JOBS["monitor"])
            completion.append(StepResult("completion", step.exit_code, errors=[why], started=step.started,
                                         finished=step.finished))
        else:
            completion.append(replace(_generic("completion", ended, [p.message for p in ended.structure]),
                                      started=step.started, finished=step.finished))
    return step


def nightly(
    workspace: Workspace,
    settings: NightlySettings | None = None,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> NightlyResult:
    """Run the nightly steps (see the module docstring). `progress` (issue 21) is told each step
    before it runs: its name, its number, how many steps there are."""
    settings = settings or NightlySettings()
    planned = ["upgrade", "ingest", "validate", *(["match"] if settings.matching is not None else []),
               *(["orders"] if settings.documents is not None else []), "roadmap", "monitor"]

    def tell(job: str) -> None:
        if progress is not None:
            progress(ru.JOBS.get(job, job), planned.index(job) + 1, len(planned))
    result = NightlyResult(dry_run=dry_run)
    started = aware_now()
    with step_context("doctor"):
        failed = preflight(workspace)
    if failed:
        message = ru.DOCTOR["nightly_stopped"].format(
            title=failed.title, detail=failed.detail or "—", fix=failed.fix or "—"
        )
        finished = aware_now()
        if settings.journal is not None and not dry_run:
            # the workspace is locked, unreachable or not writable: the row waits for the next run
            settings.journal.write("doctor", started, finished, "refused", [message],
                                   postpone_only=failed.exit_code == EXIT_WORKSPACE)
        result.steps.append(StepResult("doctor", failed.exit_code, errors=[message], started=started,
                                       finished=finished, refused=True))
        return result
    target = DryRunWorkspace(workspace) if dry_run else workspace
    if dry_run:
        settings = replace(settings, journal=None)
    # first, what this version adds to a workspace an older one made (dry run: reported only)
    tell("upgrade")
    result.steps.append(run_step("upgrade", lambda: _generic("upgrade", upgrade_workspace(
        workspace, dry_run=dry_run, now=now, templates=settings.documents is not None, questionnaires=False,
        documents=settings.documents.store_settings() if settings.documents is not None else None), []),
        _journal(settings)))
    tell("ingest")
    result.steps.append(ingest_step(target, now, settings))
    tell("validate")
    result.steps.append(validate_step(target, settings, now))
    if settings.matching is not None:
        tell("match")
        result.steps.append(match_step(target, settings, now, dry_run))
    if settings.documents is not None:
        tell("orders")
        result.steps.append(orders_step(target, settings, now, dry_run))
    tell("roadmap")
    result.steps.append(roadmap_step(target, settings, now, dry_run))
    tell("monitor")
    completion: list[StepResult] = []  # issue 19: done in monitor's read and commit
    monitoring = monitor_step(target, settings, now, dry_run, completion)
    result.steps += [*completion, monitoring]
    if isinstance(target, DryRunWorkspace):
        result.would_change = target.changed_cells_by_tab()
    return result
