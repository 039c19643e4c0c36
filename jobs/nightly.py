"""`nightly`: the steps a cron run performs, in order; the exit code is the worst step's."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sheets_schema.rules import Limits
from sync.workspace import StructureError, Workspace, WorkspaceError
from sheets_schema import ru
from jobs.doctor import preflight
from jobs.ingest import ingest
from jobs.validate import validate

EXIT_STRUCTURE, EXIT_WORKSPACE = 1, 3


@dataclass
class StepResult:
    job: str
    exit_code: int
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class NightlyResult:
    steps: list[StepResult] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return max((s.exit_code for s in self.steps), default=0)


def nightly(
    workspace: Workspace,
    limits: Limits = Limits(),
    strict: bool = False,
    now: dt.datetime | None = None,
) -> NightlyResult:
    """Run the nightly steps: the doctor's cheap checks, ingest the questionnaires, validate.

    A failed ingest is reported as its step and does not stop validate.
    """
    result = NightlyResult()
    failed = preflight(workspace)
    if failed:
        message = ru.DOCTOR["nightly_stopped"].format(
            title=failed.title, detail=failed.detail or "—", fix=failed.fix or "—"
        )
        result.steps.append(StepResult("doctor", failed.exit_code, errors=[message]))
        return result
    result.steps.append(ingest_step(workspace, now))
    checked = validate(workspace, limits=limits, now=now)
    result.steps.append(
        StepResult(
            "validate",
            checked.exit_code(strict),
            lines=[s.line() for s in checked.summaries] + checked.notes,
            errors=[p.message for p in checked.problems],
        )
    )
    return result


def ingest_step(workspace: Workspace, now: dt.datetime | None = None) -> StepResult:
    """`ingest` as a nightly step: its outcome, never an exception."""
    try:
        done = ingest(workspace, now=now)
    except StructureError as exc:
        return StepResult("ingest", EXIT_STRUCTURE, errors=[p.message for p in exc.problems])
    except WorkspaceError as exc:
        return StepResult("ingest", EXIT_WORKSPACE, errors=[str(exc)])
    except Exception as exc:  # noqa: BLE001 - a bug in ingest must not cost the night's validate
        return StepResult("ingest", EXIT_WORKSPACE, errors=[f"{type(exc).__name__}: {exc}"])
    errors = [p.message for p in done.structure] + done.problems
    lines = [line for line in done.lines() if line not in errors]
    return StepResult("ingest", done.exit_code(), lines=lines, errors=errors)
