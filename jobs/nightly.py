"""`nightly`: the steps a cron run performs, in order; the exit code is the worst step's."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sheets_schema.rules import Limits
from sync.workspace import Workspace
from sheets_schema import ru
from jobs.doctor import preflight
from jobs.validate import validate


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
    """Run the nightly steps. For now: the doctor's cheap checks, then validate the banks."""
    result = NightlyResult()
    failed = preflight(workspace)
    if failed:
        message = ru.DOCTOR["nightly_stopped"].format(
            title=failed.title, detail=failed.detail or "—", fix=failed.fix or "—"
        )
        result.steps.append(StepResult("doctor", failed.exit_code, errors=[message]))
        return result
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
