"""Completion (issue 19, item 4): live pairs past «Окончание» become «завершена», on every backend;
a status staff set is never touched; an early end without a reason is reported."""
from __future__ import annotations

import datetime as dt

from jobs.completion import complete_pairs, end_date
from tests.test_monitor_data import PAIRS, programme_rows

JUNE = dt.datetime(2027, 6, 1, 3, 0)  # П-1 ends 31.05.2027
ON_END_DAY = dt.datetime(2027, 5, 31, 3, 0)


def rows_with(*extra: dict[str, str]):
    rows = programme_rows()
    rows["pairs"] = [dict(p) for p in PAIRS] + [dict(r) for r in extra]
    return rows


STOPPED_NO_REASON = {**PAIRS[0], "pair_id": "П-3", "status": "прекращена", "end_reason": ""}
STOPPED_WITH_REASON = {**PAIRS[0], "pair_id": "П-4", "status": "прекращена", "end_reason": "увольнение наставника"}
APPROVED_LATER = {**PAIRS[0], "pair_id": "П-5", "status": "утверждена", "end": "31.05.2028"}
BAD_END = {**PAIRS[0], "pair_id": "П-6", "status": "утверждена", "end": "к концу года"}


def test_a_live_pair_past_its_end_is_finished_and_nothing_else_changes(backend):
    backend.make(rows_with(STOPPED_NO_REASON, STOPPED_WITH_REASON, APPROVED_LATER, BAD_END))
    done = complete_pairs(backend.workspace, now=JUNE)
    statuses = backend.column("Пары", "Статус")
    assert statuses == {2: "завершена", 3: "завершена", 4: "прекращена", 5: "прекращена",
                        6: "утверждена", 7: "утверждена"}
    assert [p for p, _ in done.ended] == ["П-1"]
    assert done.exit_code == 0
    text = "\n".join(done.lines())
    assert "Пара П-1: срок («Окончание» 31.05.2027) истёк — статус «завершена»." in text
    assert ("Лист «Пары», строка 4, столбец «Причина завершения»: пара П-3 прекращена без причины"
            in text)
    assert "П-4" not in text  # a reason given: nothing to say
    assert "Лист «Пары», строка 7, столбец «Окончание»: «к концу года» — не дата" in text
    assert "Пар завершено по сроку: 1; замечаний: 2." in text


def test_the_end_day_is_still_the_pairs_and_a_rerun_changes_nothing(backend):
    backend.make(rows_with())
    assert complete_pairs(backend.workspace, now=ON_END_DAY).ended == []
    assert backend.column("Пары", "Статус")[2] == "закреплена приказом"
    assert [p for p, _ in complete_pairs(backend.workspace, now=JUNE).ended] == ["П-1"]
    again = complete_pairs(backend.workspace, now=JUNE)
    assert again.ended == []
    assert backend.column("Пары", "Статус") == {2: "завершена", 3: "завершена"}


def test_a_dry_run_writes_nothing(backend):
    backend.make(rows_with())
    done = complete_pairs(backend.workspace, now=JUNE, dry_run=True)
    assert [p for p, _ in done.ended] == ["П-1"]
    assert backend.column("Пары", "Статус")[2] == "закреплена приказом"


def test_end_dates_as_the_backends_give_them():
    assert end_date("31.05.2027") == dt.date(2027, 5, 31)
    assert end_date("2027-05-31") == dt.date(2027, 5, 31)
    assert end_date("2027-05-31 00:00:00") == dt.date(2027, 5, 31)
    assert end_date("31.02.2027") is None
    assert end_date("май") is None


def test_a_quiet_night_writes_nothing_and_a_busy_one_logs_its_row(backend):
    backend.make(rows_with())
    before = backend.grid("Журнал")
    complete_pairs(backend.workspace, now=ON_END_DAY)
    assert backend.grid("Журнал") == before
    complete_pairs(backend.workspace, now=JUNE)
    details = [row for row in backend.grid("Журнал")[len(before):]]
    assert len(details) == 1 and "завершение пар" in details[0]
    assert any("Пара П-1: срок («Окончание» 31.05.2027) истёк" in cell for cell in details[0])


# --- at night: inside monitor's one read and one commit (no request of its own) ----------------
def summary_value(backend, title: str) -> str:
    return next(row[1] for row in backend.grid("Итоги мониторинга") if row and row[0] == title)


def test_monitor_completes_in_its_own_commit_with_the_completion_row_and_counts_it(backend):
    from jobs.monitor import monitor

    backend.make(rows_with(STOPPED_NO_REASON))
    before = len(backend.grid("Журнал"))

    done = monitor(backend.workspace, now=JUNE, complete=True)

    assert backend.column("Пары", "Статус") == {2: "завершена", 3: "завершена", 4: "прекращена"}
    assert done.completion is not None and [p for p, _ in done.completion.ended] == ["П-1"]
    assert done.indicators.programmes_completed == 2 and done.indicators.pairs_active == 0
    assert summary_value(backend, "Программ наставничества завершено") == "2"
    rows = backend.grid("Журнал")[before:]
    assert [row[2] for row in rows] == ["завершение пар", "итоги мониторинга"]
    assert "Пар завершено по сроку: 1; замечаний: 1." in rows[0][-1]
    assert (rows[0][4], rows[0][5], rows[0][6]) == ("2", "1", "1")  # the step's own counts, as before
    again = monitor(backend.workspace, now=JUNE, complete=True)
    assert again.completion is not None and again.completion.ended == []


def test_monitor_without_complete_leaves_the_statuses(backend):
    from jobs.monitor import monitor

    backend.make(rows_with())
    done = monitor(backend.workspace, now=JUNE)
    assert done.completion is None
    assert backend.column("Пары", "Статус")[2] == "закреплена приказом"


def test_the_nights_completion_costs_no_sheets_request(fake_google, tmp_path):
    from jobs.monitor import monitor
    from tests.backends import GoogleBackend
    from tests.test_google_support import fast_client, google_settings, sheets_requests

    counts = {}
    for complete in (False, True):
        s = google_settings(fake_google, tmp_path)
        backend = GoogleBackend(s, fast_client(s))
        backend.make(rows_with())
        fake_google.clear_requests()
        monitor(backend.workspace, now=JUNE, complete=complete)
        counts[complete] = len(sheets_requests(fake_google))
        assert backend.column("Пары", "Статус")[2] == ("завершена" if complete else "закреплена приказом")
    assert counts[True] == counts[False]
    fake_google.clear_requests()
    complete_pairs(backend.workspace, now=JUNE)  # on its own: a read (2 requests), nothing to write
    assert len(sheets_requests(fake_google)) == 2


def test_the_night_reports_completion_as_its_own_step_and_a_crash_of_monitoring_says_why(tmp_path, monkeypatch):
    from jobs.nightly import NightlySettings, nightly
    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    backend.make(rows_with())
    result = nightly(backend.workspace, NightlySettings(), now=JUNE)
    steps = {s.job: s for s in result.steps}
    assert [s.job for s in result.steps][-3:] == ["roadmap", "completion", "monitor"]
    assert steps["completion"].exit_code == 0
    assert "Пара П-1: срок («Окончание» 31.05.2027) истёк — статус «завершена»." in steps["completion"].lines
    assert backend.column("Пары", "Статус")[2] == "завершена"

    def crashing(*args, **kwargs):
        raise RuntimeError("сбой")

    monkeypatch.setattr("jobs.nightly.monitor", crashing)
    crashed = {s.job: s for s in nightly(backend.workspace, NightlySettings(), now=JUNE).steps}
    assert crashed["monitor"].exit_code == crashed["completion"].exit_code != 0
    assert crashed["completion"].errors == [
        "пары не проверены на окончание срока: шаг «итоги мониторинга», в котором это делается, прерван — "
        "см. его ошибку"]
