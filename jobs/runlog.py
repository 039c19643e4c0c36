"""Rows of «Журнал»: one row per job run (start, end, job, outcome, counts, details)."""
from __future__ import annotations

import datetime as dt

from jobs.result import NO_COUNTS, Counts
from sheets_schema import ru

TIME_FORMAT = "%d.%m.%Y %H:%M:%S"


def log_row(
    job: str,
    started: dt.datetime,
    finished: dt.datetime,
    outcome: str,
    details: list[str],
    counts: Counts = NO_COUNTS,
) -> dict[str, str]:
    """A «Журнал» row; `job` and `outcome` are keys of ru.JOBS and ru.TEXT (outcome_*)."""
    def n(value: int | None) -> str:
        return "" if value is None else str(value)

    return {
        "started": started.strftime(TIME_FORMAT),
        "finished": finished.strftime(TIME_FORMAT),
        "job": ru.JOBS.get(job, job),
        "outcome": ru.TEXT[f"outcome_{outcome}"],
        "rows_total": n(counts.total),
        "rows_ok": n(counts.ok),
        "rows_error": n(counts.error),
        "rows_no_consent": n(counts.no_consent),
        "details": "\n".join(details),
    }
