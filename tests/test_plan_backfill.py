"""Plans for programmes made before «План мероприятий» existed (issue 19): the night gives each such
pair the rows `orders` would have written, once, in monitor's read and commit; progress is counted
at once; rows staff have are never duplicated or touched. Job level, on every backend."""
from __future__ import annotations

import datetime as dt

from jobs.monitor import monitor
from jobs.nightly import NightlySettings, nightly
from jobs.plan_backfill import PlanTerms
from sheets_schema.templates import default_catalog_rows
from tests.test_monitor_data import PAIRS, programme_rows
from tests.test_orders import rows_for, run

TAB = "План мероприятий"
MARCH = dt.datetime(2027, 3, 10, 3, 0)
STAFF_COLUMNS = ("ID пары", "№", "Мероприятие", "Срок", "Форма проведения", "Ответственный")


def plan_rows(backend) -> list[tuple[str, ...]]:
    """The rows of the plan tab as staff see them (the columns `orders` writes), blank rows left out."""
    grid = backend.grid(TAB)
    cols = {h: i for i, h in enumerate(grid[0])}
    rows = [tuple(row[cols[h]] if cols[h] < len(row) else "" for h in STAFF_COLUMNS) for row in grid[1:]]
    return [r for r in rows if any(r)]


def clear_plan(backend, keep: int = 0) -> None:
    """An older workspace: the plan tab's rows emptied, all but the first `keep`."""
    grid = backend.grid(TAB)
    headers = [h for h in grid[0] if h]
    backend.set_cells(TAB, {(row, h): "" for row in range(2 + keep, len(grid) + 1) for h in headers})


def by_pair(backend, header: str) -> dict[str, str]:
    ids = backend.column("Пары", "ID пары")
    values = backend.column("Пары", header)
    return {ids[r]: values[r] for r in ids if ids[r]}


def journal(backend, job: str) -> list[dict[str, str]]:
    grid = backend.grid("Журнал")
    return [dict(zip(grid[0], row)) for row in grid[1:] if len(row) > 2 and row[2] == job]


def due_by(rows: list[tuple[str, ...]], pair_id: str, today: dt.date) -> int:
    return sum(1 for r in rows if r[0] == pair_id and dt.datetime.strptime(r[3], "%d.%m.%Y").date() <= today)


def test_programmes_without_plan_rows_get_those_orders_wrote_once_and_are_counted(backend):
    backend.make(rows_for(2))
    run(backend)  # two programmes, their plans on the tab
    written = plan_rows(backend)
    assert {r[0] for r in written} == {"P000", "P001"} and len(written) > 6
    clear_plan(backend)
    assert plan_rows(backend) == []

    result = nightly(backend.workspace, NightlySettings(), now=MARCH)

    codes = {s.job: s.exit_code for s in result.steps}  # (ingest on the fake: no forms were made)
    assert (codes["completion"], codes["monitor"]) == (0, 0), [(s.job, s.errors) for s in result.steps]
    assert plan_rows(backend) == written  # the same rows, months and activities as orders wrote
    due = {pid: due_by(written, pid, MARCH.date()) for pid in ("P000", "P001")}
    assert all(due.values())
    assert by_pair(backend, "Выполнение плана") == {pid: f"0 из {n} (0%)" for pid, n in due.items()}
    assert by_pair(backend, "Отставание от плана") == {"P000": "да", "P001": "да"}
    monitoring = next(s for s in result.steps if s.job == "monitor")
    assert (f"«План мероприятий»: добавлены планы программ, составленных до появления листа, — строк "
            f"{len(written)} (пар: 2). Отмечайте выполнение в столбце «Отметка».") in monitoring.lines
    logged = journal(backend, "планы прежних программ")
    assert len(logged) == 1
    assert (logged[0]["Строк проверено"], logged[0]["OK"], logged[0]["Ошибка"]) == ("2", "2", "0")

    # staff tick a row; the next night adds nothing and counts the tick
    backend.set_cells(TAB, {(2, "Отметка"): "выполнено"})
    again = nightly(backend.workspace, NightlySettings(), now=MARCH + dt.timedelta(days=1))

    assert {s.job: s.exit_code for s in again.steps}["monitor"] == 0
    assert plan_rows(backend) == written
    assert backend.column(TAB, "Отметка")[2] == "выполнено"
    assert by_pair(backend, "Выполнение плана")[written[0][0]].startswith("1 из ")
    assert len(journal(backend, "планы прежних программ")) == 1
    assert not [line for s in again.steps for line in s.lines if "добавлены планы программ" in line]


def test_a_pair_with_any_plan_row_gets_none_and_its_ticked_row_stays(backend):
    backend.make(rows_for(2))
    run(backend)
    written = plan_rows(backend)
    first = written[0]
    backend.set_cells(TAB, {(2, "Отметка"): "выполнено", (2, "Дата отметки"): "01.12.2026"})
    clear_plan(backend, keep=1)  # one row of the first pair left, ticked by staff

    monitor(backend.workspace, now=MARCH, plan_terms=PlanTerms())

    other = "P001" if first[0] == "P000" else "P000"
    assert plan_rows(backend) == [first] + [r for r in written if r[0] == other]
    assert backend.column(TAB, "Отметка")[2] == "выполнено"
    assert backend.column(TAB, "Дата отметки")[2] == "01.12.2026"
    assert by_pair(backend, "Выполнение плана")[first[0]] == "1 из 1 (100%)"


STOPPED = {**PAIRS[0], "pair_id": "П-3", "status": "прекращена", "end_reason": "увольнение"}
NO_START = {**PAIRS[0], "pair_id": "П-4", "start": ""}
NO_PROGRAMME = {**PAIRS[0], "pair_id": "П-5", "status": "утверждена", "programme": ""}
NO_END = {**PAIRS[0], "pair_id": "П-6", "end": ""}


def with_catalog() -> dict[str, list[dict[str, str]]]:
    rows = programme_rows()
    rows["catalog"] = default_catalog_rows()
    return rows


def test_only_live_pairs_with_a_programme_and_a_start_get_rows_and_a_missing_start_is_said(backend):
    rows = with_catalog()
    rows["pairs"] = [dict(p) for p in PAIRS] + [STOPPED, NO_START, NO_PROGRAMME, NO_END]
    backend.make(rows)

    done = monitor(backend.workspace, now=MARCH, plan_terms=PlanTerms())

    added = plan_rows(backend)
    assert {r[0] for r in added} == {"П-1", "П-6"}  # П-2 finished, П-3 stopped, П-4 no start, П-5 no programme
    one = [r[1:] for r in added if r[0] == "П-1"]
    assert one == [r[1:] for r in added if r[0] == "П-6"]  # no «Окончание»: the term orders gives, to 31.05
    assert max(dt.datetime.strptime(r[3], "%d.%m.%Y").date() for r in added) == dt.date(2027, 5, 31)
    message = ("Лист «Пары», строка 5, столбец «Начало»: у пары П-4 есть программа, но «» — не дата начала, "
               "поэтому её план не добавлен на лист «План мероприятий». Впишите дату начала программы в виде "
               "ДД.ММ.ГГГГ — план добавится при следующем ночном запуске.")
    assert message in done.lines()
    logged = journal(backend, "планы прежних программ")
    assert (logged[0]["Строк проверено"], logged[0]["OK"], logged[0]["Ошибка"]) == ("3", "2", "1")
    assert message in logged[0]["Подробности"]


def test_a_dry_run_decides_the_rows_and_writes_none(backend):
    backend.make(with_catalog())

    done = monitor(backend.workspace, now=MARCH, dry_run=True, plan_terms=PlanTerms())

    assert done.backfill.pairs == ["П-1"] and done.backfill.rows
    assert plan_rows(backend) == []
    assert "П-1" in done.plan.progress  # counted as if written

