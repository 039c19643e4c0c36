"""Every job's result keeps the one contract of `jobs.result.JobResult`: ``exit_code`` a property
(decided when the job ran), ``lines()`` a method."""
from __future__ import annotations

import pytest

from jobs.ingest import IngestResult
from jobs.match import MatchResult
from jobs.monitor import MonitorResult
from jobs.orders import OrdersResult
from jobs.publish import PublishResult
from jobs.report import ReportResult
from jobs.roadmap import RoadmapResult
from jobs.upgrade import UpgradeResult
from jobs.validate import ValidateResult

RESULTS = [IngestResult, MatchResult, MonitorResult, OrdersResult, PublishResult, ReportResult,
           RoadmapResult, UpgradeResult, ValidateResult]


@pytest.mark.parametrize("result", RESULTS, ids=lambda c: c.__name__)
def test_exit_code_is_a_property_and_lines_a_method(result):
    assert isinstance(result.__dict__.get("exit_code"), property)
    assert callable(result.__dict__.get("lines"))
    assert "lines" not in getattr(result, "__dataclass_fields__", {})
    assert callable(result.__dict__.get("counts"))  # the «Журнал» row's counts come from the result


def test_the_journal_row_of_validate_takes_its_counts_from_the_result():
    import datetime as dt

    from jobs.runlog import log_row
    from jobs.validate import BankSummary

    now = dt.datetime(2026, 11, 27, 7, 0)
    result = ValidateResult(started=now, finished=now, summaries=[
        BankSummary("Наставники", total=3, ok=2, error=1), BankSummary("Наставляемые", total=5, ok=3, error=1, no_consent=1)])
    row = log_row("validate", now, now, result.outcome, result.lines(), result.counts())
    assert (row["rows_total"], row["rows_ok"], row["rows_error"], row["rows_no_consent"]) == ("8", "5", "2", "1")
    assert log_row("roadmap", now, now, "ok", [])["rows_total"] == ""  # a job that counts no rows leaves them empty


def test_validate_is_strict_only_when_told():
    import datetime as dt

    from jobs.validate import BankSummary

    now = dt.datetime(2026, 11, 27, 7, 0)
    result = ValidateResult(started=now, finished=now, summaries=[BankSummary("Наставники", total=3, ok=2, error=1)])

    assert (result.exit_code, result.with_strict(True).exit_code, result.with_strict(False).exit_code) == (0, 1, 0)
