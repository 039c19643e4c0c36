"""The plan ticked off (issue 19): `orders` puts each programme's plan on «План мероприятий» once;
`monitor` counts per pair the rows done of those due, flags pairs behind, writes «Пары» and
«Итоги мониторинга», and answers a bad mark with the row's «Сообщение».

Job-level tests run on every backend; the arithmetic is a table of cases."""
from __future__ import annotations

import datetime as dt

import pytest

from jobs.monitor import monitor
from jobs.plan_progress import PairProgress, due_date, is_behind
from sheets_schema.tables import PLAN
from tests.test_orders import pair, rows_for, run

TAB = "План мероприятий"
MARCH = dt.datetime(2027, 3, 10, 3, 0)


def plan_row(pair_id: str, no: int, due: str, mark: str = "", day: str = "") -> dict[str, str]:
    return {"pair_id": pair_id, "plan_no": str(no), "event": f"Мероприятие {no}", "due": due,
            "owner": "наставник", "plan_mark": mark, "plan_mark_date": day}


def seeded() -> dict[str, list[dict[str, str]]]:
    """Two running pairs and their plans as staff ticked them by 10.03.2027, with bad rows."""
    rows = rows_for(2)
    rows["pairs"] = [pair(0, pair_id="П-001", status="закреплена приказом"),
                     pair(1, pair_id="П-002", status="закреплена приказом")]
    rows["plan"] = [
        plan_row("П-001", 1, "31.12.2026", "выполнено", "20.12.2026"),  # row 2
        plan_row("П-001", 2, "31.01.2027", "Выполнено"),  # row 3: the list's value in any case
        plan_row("П-001", 3, "28.02.2027", "перенесено"),  # row 4: due, not done
        plan_row("П-001", 4, "31.01.2027", "выполнено", "01.04.2027"),  # row 5: marked ahead of the day
        plan_row("П-001", 5, "31.05.2027"),  # row 6: not due yet
        plan_row("П-002", 1, "31.12.2026", "выполнено"),  # row 7
        plan_row("П-002", 2, "31.01.2027", "выполнено"),  # row 8
        plan_row("П-002", 3, "28.02.2027", "сделано"),  # row 9: not a mark of the list
        plan_row("П-002", 4, "31.05.2027", "выполнено", "01.03.2027"),  # row 10: done early
        plan_row("П-999", 1, "31.12.2026", "выполнено"),  # row 11: no such pair
        plan_row("П-002", 5, "скоро"),  # row 12: «Срок» is no date
    ]
    return rows


def by_pair(backend, header: str) -> dict[str, str]:
    ids = backend.column("Пары", "ID пары")
    values = backend.column("Пары", header)
    return {ids[r]: values[r] for r in ids if ids[r]}


def summary_block(backend) -> dict[str, str]:
    grid = backend.grid("Итоги мониторинга")
    start = [row[0] if row else "" for row in grid].index("Выполнение планов мероприятий")
    out = {}
    for row in grid[start + 2:]:
        if not row or not row[0]:
            break
        out[row[0]] = row[1]
    return out


def test_progress_behind_and_bad_marks_on_the_pairs_and_the_summary(backend):
    backend.make(seeded())

    done = monitor(backend.workspace, now=MARCH)

    assert by_pair(backend, "Выполнение плана") == {"П-001": "2 из 4 (50%)", "П-002": "3 из 4 (75%)"}
    assert by_pair(backend, "Отставание от плана") == {"П-001": "да", "П-002": "нет"}
    messages = backend.column(TAB, "Сообщение")
    assert {r for r, text in messages.items() if text} == {5, 9, 11, 12}
    assert messages[5] == ("Лист «План мероприятий», строка 5, столбец «Дата отметки»: дата отметки 01.04.2027 "
                           "ещё не наступила. Исправьте дату; пока она в будущем, мероприятие не считается "
                           "выполненным.")
    assert messages[9].startswith("Лист «План мероприятий», строка 9, столбец «Отметка»: отметка «сделано» не из "
                                  "списка — выберите «выполнено», «перенесено», «не выполнено».")
    assert "пары «П-999» нет на листе «Пары»" in messages[11]
    assert "столбец «Срок»: «скоро» — не дата" in messages[12]
    assert summary_block(backend) == {
        "Пар с планом мероприятий": "2", "Идут по плану": "1",
        "Отстают от плана (невыполнено больше 30% мероприятий со сроком)": "1",
        "План выполнен полностью": "0", "Мероприятий со сроком до сегодняшнего дня": "8",
        "Из них выполнено": "5"}
    assert ("План мероприятий: пар с планом 2, по плану 1, отстают 1, план выполнен 0." in done.lines())
    # staff's marks are never touched
    assert backend.column(TAB, "Отметка")[9] == "сделано"


def test_a_fixed_mark_clears_its_message_and_a_rerun_writes_nothing(backend):
    backend.make(seeded())
    monitor(backend.workspace, now=MARCH)
    backend.set_cells(TAB, {(9, "Отметка"): "выполнено", (12, "Срок"): "31.05.2027"})

    monitor(backend.workspace, now=MARCH)

    assert by_pair(backend, "Выполнение плана")["П-002"] == "4 из 4 (100%)"
    assert {r for r, text in backend.column(TAB, "Сообщение").items() if text} == {5, 11}
    assert summary_block(backend)["План выполнен полностью"] == "0"  # row 12 of П-002 is not done
    again = monitor(backend.workspace, now=MARCH)
    assert again.plan.changes == []


def test_a_stricter_share_flags_more_pairs(backend):
    backend.make(seeded())

    monitor(backend.workspace, now=MARCH, plan_behind_percent=20)

    assert by_pair(backend, "Отставание от плана") == {"П-001": "да", "П-002": "да"}


def test_orders_put_each_programme_plan_on_the_tab_once(backend):
    backend.make(rows_for(2))

    run(backend)

    ids = backend.column(TAB, "ID пары")
    first = {r: v for r, v in ids.items() if v}
    assert sorted(set(first.values())) == ["P000", "P001"]
    assert backend.column(TAB, "№")[2] == "1"
    dues = [v for r, v in backend.column(TAB, "Срок").items() if ids[r] == "P000"]
    assert dues[0] == "31.12.2026"  # the first month of a programme starting 01.12.2026
    assert all(dt.datetime.strptime(d, "%d.%m.%Y").date() <= dt.date(2027, 8, 31) for d in dues)
    backend.set_cells(TAB, {(2, "Отметка"): "выполнено"})
    # the pair's order is taken back: the programme is found again, its plan is not added twice
    row = {v: r for r, v in backend.column("Пары", "ID пары").items()}["P000"]
    backend.set_cells("Пары", {(row, "Приказ"): "", (row, "Статус"): "утверждена"})

    again = run(backend)

    assert again.programmes_found == 1
    assert [v for v in backend.column(TAB, "ID пары").values() if v] == list(first.values())
    assert backend.column(TAB, "Отметка")[2] == "выполнено"


@pytest.mark.parametrize("due, done, percent, behind", [
    (8, 5, 30, True),  # 3 of 8 not done: 37.5 % > 30 %
    (10, 7, 30, False),  # exactly 30 % is not behind
    (10, 6, 30, True),
    (0, 0, 30, False),  # nothing due yet
    (3, 3, 30, False),
    (5, 4, 20, False),
    (5, 3, 20, True),
])
def test_behind_when_more_than_the_share_of_the_due_rows_is_not_done(due, done, percent, behind):
    assert is_behind(due, done, percent) is behind


@pytest.mark.parametrize("due, done, text", [
    (8, 5, "5 из 8 (62%)"),  # rounded down, as the roadmap's figures
    (3, 3, "3 из 3 (100%)"),
    (3, 0, "0 из 3 (0%)"),
    (0, 0, "0 из 0: сроки мероприятий ещё не наступили"),
])
def test_the_progress_text(due, done, text):
    assert PairProgress("П-1", due, done, total=9, complete_rows=done).text() == text


END = dt.date(2027, 5, 31)


@pytest.mark.parametrize("text, expected", [
    ("декабрь 2026", dt.date(2026, 12, 31)),
    ("январь – февраль 2027", dt.date(2027, 2, 28)),
    ("ноябрь 2026 – январь 2027", dt.date(2027, 1, 31)),
    ("01.12.2026 – 31.05.2027", dt.date(2027, 5, 31)),
    ("май 2027", dt.date(2027, 5, 31)),
    ("июнь 2027", END),  # never after the programme's end
    ("по мере необходимости", END),  # free text: the end
    ("", END),
])
def test_the_due_date_of_a_plan_row(text, expected):
    assert due_date(text, END) == expected


def test_the_tab_is_a_later_tab_the_upgrade_adds():
    from sheets_schema.upgrade import LATER_COLUMNS, LATER_TABS

    assert PLAN.key in LATER_TABS
    assert {"plan_progress", "plan_behind"} <= LATER_COLUMNS["pairs"]


def test_a_night_after_the_orders_counts_the_plan_staff_ticked(backend):
    """The nightly run with night-time orders: the plan lands on the tab, and months later the
    marks staff put on 60 % of the due rows read on «Пары»."""
    from jobs.documents.settings import DocumentSettings
    from jobs.nightly import NightlySettings, nightly
    from tests.test_orders import SCHOOL
    from tests.workspaces import NOW

    backend.make(rows_for(1))
    settings = NightlySettings(school=SCHOOL, documents=DocumentSettings(order_number="45-о"))
    first = nightly(backend.workspace, settings, now=NOW)
    steps = {s.job: s for s in first.steps}  # (on the fake, ingest says the forms were never made)
    assert steps["orders"].exit_code == 0 and steps["monitor"].exit_code == 0, [(s.job, s.errors) for s in first.steps]
    assert by_pair(backend, "Выполнение плана") == {"P000": "0 из 0: сроки мероприятий ещё не наступили"}
    april = dt.datetime(2027, 4, 30, 3, 0)
    ids, dues = backend.column(TAB, "ID пары"), backend.column(TAB, "Срок")
    due = [r for r in ids if ids[r] == "P000" and dt.datetime.strptime(dues[r], "%d.%m.%Y") <= april]
    ticked = due[: len(due) * 60 // 100]
    assert len(due) >= 5 and ticked
    backend.set_cells(TAB, {(r, "Отметка"): "выполнено" for r in ticked})

    nightly(backend.workspace, settings, now=april)

    percent = len(ticked) * 100 // len(due)
    assert by_pair(backend, "Выполнение плана") == {"P000": f"{len(ticked)} из {len(due)} ({percent}%)"}
    behind = (len(due) - len(ticked)) * 100 > 30 * len(due)
    assert by_pair(backend, "Отставание от плана") == {"P000": "да" if behind else "нет"}
    assert summary_block(backend)["Пар с планом мероприятий"] == "1"
