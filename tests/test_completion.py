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
