"""Issue 22: the pairs by the progress of their plans (`jobs.charts.builders.plan_counts`,
`pairs_by_plan`) and the self-assessment's change (`self_assessment_change`) as data — the bars,
their labels and values, and the threshold under which no bar is shown."""
from __future__ import annotations

import pandas as pd
import pytest

from jobs.charts.builders import pairs_by_plan, plan_counts, self_assessment_change
from jobs.self_assessment import BeforeAfter


def pairs(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """«Пары» as read: (ID, status, «Отставание от плана»)."""
    return pd.DataFrame([{"pair_id": pid, "status": status, "plan_behind": behind, "plan_progress": ""}
                         for pid, status, behind in rows])


ORDERED, FINISHED, STOPPED, APPROVED = "закреплена приказом", "завершена", "прекращена", "утверждена"

CASES = [
    # (status, «Отставание от плана») → the bar it falls in
    ((ORDERED, "нет"), "on_track"),
    ((ORDERED, "да"), "behind"),
    ((ORDERED, " ДА "), "behind"),
    ((APPROVED, "нет"), "on_track"),
    ((FINISHED, "да"), "done"),  # a pair that ended is done, however its plan went
    ((FINISHED, ""), "done"),
    ((" Завершена ", "нет"), "done"),
    ((ORDERED, ""), "without_plan"),
    ((ORDERED, "может быть"), "without_plan"),
    ((STOPPED, "да"), None),  # a stopped pair counts nowhere
]


@pytest.mark.parametrize("row, bar", CASES)
def test_a_pair_falls_in_one_bar_by_its_status_and_its_plan_flag(row, bar):
    counts = plan_counts(pairs(("П-1", *row)))

    got = {k: getattr(counts, k) for k in ("on_track", "behind", "done", "without_plan")}
    assert got == {k: int(k == bar) for k in got}


def test_rows_without_an_id_are_no_pairs_and_a_pairs_made_before_the_columns_has_no_plan():
    assert plan_counts(pairs(("", ORDERED, "да"), ("П-2", ORDERED, "нет"))).counted == 1
    old = pd.DataFrame([{"pair_id": "П-1", "status": ORDERED}, {"pair_id": "П-2", "status": FINISHED}])
    counts = plan_counts(old)
    assert (counts.on_track, counts.behind, counts.done, counts.without_plan) == (0, 0, 1, 1)
    assert plan_counts(pd.DataFrame()).counted == 0


def test_the_plan_chart_shows_three_bars_of_pairs_from_the_threshold():
    frame = pairs(*[(f"П-{i}", ORDERED, "да" if i < 2 else "нет") for i in range(6)], ("П-9", FINISHED, ""),
                  ("П-10", ORDERED, ""))

    chart = pairs_by_plan(frame, min_answers=5)

    assert [(b.label, b.values, b.text) for b in chart.bars] == [
        ("по плану", (4.0,), "4"), ("отстают", (2.0,), "2"), ("завершены", (1.0,), "1")]
    assert chart.key == "plan" and chart.title == "Выполнение планов наставнических пар" and chart.value_label == "Пар"
    assert chart.table() == (["Выполнение плана", "Пар"], [["по плану", "4"], ["отстают", "2"], ["завершены", "1"]])
    assert "«отстают» — «да» в столбце «Отставание от плана»" in chart.note
    assert chart.note.endswith("Без отметок плана мероприятий пока пар: 1 — они не учтены.")


def test_fewer_pairs_than_the_threshold_give_no_bar_and_the_note_says_why():
    frame = pairs(("П-1", ORDERED, "да"), ("П-2", ORDERED, "нет"), ("П-3", FINISHED, ""), ("П-4", ORDERED, "нет"))

    chart = pairs_by_plan(frame, min_answers=5)

    assert not chart.shown and [b.text for b in chart.bars] == ["—", "—", "—"]
    assert chart.note.endswith("Распределение не приводится: всего меньше 5 — по нему узнаётся пара.")
    assert pairs_by_plan(frame, min_answers=4).shown  # the same four pairs at a threshold of four


def test_the_self_assessment_change_is_a_before_after_of_the_difficulties_rated_twice():
    items = [BeforeAfter("современный урок", tuple((3.0, 8.0) for _ in range(6))),
             BeforeAfter("работа с родителями", ((2.0, 9.0),) * 3),
             BeforeAfter("дисциплина и классное руководство", ())]

    chart = self_assessment_change(items, min_answers=5)

    assert [b.label for b in chart.bars] == ["современный урок", "работа с родителями"]  # none rated twice: no place
    lesson, parents = chart.bars
    assert lesson.texts == ("3–5", "7–9") and lesson.count == 5 and lesson.values == (5.0, 9.0)  # 3 and 8, as bands
    assert not parents.shown and parents.texts == ("—", "—")
    assert chart.series == ("до", "после") and "меньше 5 ответов до или после" in chart.note
