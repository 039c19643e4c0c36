"""The mentee's self-assessment (issue 19, item 4): the questionnaire on both backends lands in
«Самооценка» with the pair and the stage; before/after per difficulty only from mentees with both."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook

from jobs.ingest import ingest, prepare_questionnaires
from jobs.self_assessment import before_after, summary_rows
from sheets_schema import ru
from sheets_schema.questionnaires import SELF_ASSESSMENT_FORM, IngestState
from sheets_schema.tables import INGEST_STATE, SELF_ASSESSMENT
from tests.test_ingest_local import write_csv
from tests.workspaces import local_workspace

LESSON, PARENTS, EXAMS = "современный урок", "работа с родителями", "подготовка к ОГЭ/ЕГЭ и олимпиадам"
PAIRS = [{"pair_id": "П-1", "mentor_email": "petrova@school26.example", "mentee_emails": "ivanova@school26.example",
          "start": "01.10.2026", "end": "31.05.2027", "status": "закреплена приказом"},
         {"pair_id": "П-2", "mentor_email": "sokolov@school26.example",
          "mentee_emails": "smirnov@school26.example, orlova@school26.example",
          "start": "01.10.2026", "end": "31.05.2027", "status": "утверждена"}]
HEADERS = (["Отметка времени", "Адрес электронной почты"] + [q.title for q in SELF_ASSESSMENT_FORM.form_questions])
JUNE = dt.datetime(2027, 6, 1, 3, 0)


def answer_row(stamp: str, email: str, scores: dict[str, str], analysis: str = "") -> list[str]:
    by_title = {**scores, ru.QUESTIONNAIRES["self_analysis"]: analysis}
    return [stamp, email] + [by_title.get(q.title, "") for q in SELF_ASSESSMENT_FORM.form_questions]


def tab_rows(path) -> list[dict[str, str]]:
    ws = load_workbook(path)[SELF_ASSESSMENT.title]
    headers = [c.value for c in ws[1]]
    return [{h: ("" if v is None else str(v)) for h, v in zip(headers, row)}
            for row in ws.iter_rows(min_row=2, values_only=True) if any(row)]


def test_a_local_export_lands_in_the_tab_with_pair_and_stage_and_a_resubmission_updates_its_row(tmp_path):
    workspace = local_workspace(tmp_path / "w", rows={"pairs": PAIRS})
    forms = workspace.directory / "forms"
    write_csv(forms / "s1.csv", HEADERS, [
        answer_row("05.10.2026 10:00:00", "ivanova@school26.example", {LESSON: "3", PARENTS: "4"}),
        answer_row("06.10.2026 10:00:00", "smirnov@school26.example", {LESSON: "5"}),
        answer_row("07.10.2026 10:00:00", "nobody@school26.example", {LESSON: "5"}),
    ])
    ingest(workspace, now=dt.datetime(2026, 10, 8, 3, 0))
    write_csv(forms / "s2.csv", HEADERS, [
        answer_row("20.05.2027 10:00:00", "ivanova@school26.example", {LESSON: "6", PARENTS: "8"}, "научилась"),
        answer_row("21.05.2027 10:00:00", "ivanova@school26.example", {LESSON: "7", PARENTS: "8"}, "научилась!"),
    ])
    again = ingest(workspace, now=JUNE)
    assert again.exit_code == 0, again.lines()
    rows = tab_rows(workspace.path)
    got = [(r["E-mail"], r["ID пары"], r["Этап самооценки"], r[LESSON], r[PARENTS], r["Самоанализ"]) for r in rows]
    assert got == [("ivanova@school26.example", "П-1", "начало", "3", "4", ""),
                   ("smirnov@school26.example", "П-2", "начало", "5", "", ""),
                   ("nobody@school26.example", "", "начало", "5", "", ""),
                   ("ivanova@school26.example", "П-1", "окончание", "7", "8", "научилась!")]
    assert rows[2]["Сообщение"] == ("пара не найдена: e-mail nobody@school26.example не числится наставляемым "
                                    "ни одной пары")
    assert ingest(workspace, now=JUNE).new == 0  # each response once
    assert len(tab_rows(workspace.path)) == 4


def test_the_google_form_is_created_and_its_answers_land_in_the_tab(fake_google, tmp_path):
    from tests.test_google_support import seeded_workspace

    workspace = seeded_workspace(fake_google, tmp_path, {"pairs": PAIRS})
    prepare_questionnaires(workspace)
    link = IngestState.read(workspace.read([INGEST_STATE])[INGEST_STATE.key]).links["self_assessment"]
    assert set(link.question_ids) == {q.key for q in SELF_ASSESSMENT_FORM.form_questions}
    fake_google.submit_form_response(link.form_id, {LESSON: "4", EXAMS: "2"}, respondent_email="orlova@school26.example",
                                     timestamp="2026-10-05T09:00:00Z")
    fake_google.submit_form_response(link.form_id, {LESSON: "9", EXAMS: "6", ru.QUESTIONNAIRES["self_analysis"]: "уверенней"},
                                     respondent_email="orlova@school26.example", timestamp="2027-05-20T09:00:00Z")
    done = ingest(workspace, now=JUNE)
    assert done.exit_code == 0, done.lines()
    frame = workspace.read([SELF_ASSESSMENT])[SELF_ASSESSMENT.key].frame
    got = frame[["email", "pair_id", "assessment_stage", ru.evaluation.self_key(LESSON), ru.evaluation.self_key(EXAMS),
                 "self_analysis"]].values.tolist()
    assert got == [["orlova@school26.example", "П-2", "начало", "4", "2", ""],
                   ["orlova@school26.example", "П-2", "окончание", "9", "6", "уверенней"]]
    changes = {i.difficulty: (i.before, i.after, i.answers) for i in before_after(frame) if i.answers}
    assert changes == {LESSON: (4.0, 9.0, 1), EXAMS: (2.0, 6.0, 1)}


def frame_of(rows: list[tuple[str, str, dict[str, str]]]) -> pd.DataFrame:
    return pd.DataFrame([{"email": e, "assessment_stage": s, **{ru.evaluation.self_key(d): v for d, v in scores.items()}}
                         for e, s, scores in rows])


@pytest.mark.parametrize("case, rows, expected", [
    ("only_with_both", [("a@x.example", "начало", {LESSON: "2"}), ("a@x.example", "окончание", {LESSON: "6"}),
                        ("b@x.example", "начало", {LESSON: "9"})], {LESSON: (2.0, 6.0, 1)}),
    ("difficulty_rated_once_is_not_counted", [("a@x.example", "начало", {LESSON: "2", PARENTS: "3"}),
                                              ("a@x.example", "окончание", {LESSON: "4"})], {LESSON: (2.0, 4.0, 1)}),
    ("out_of_scale_ignored", [("a@x.example", "начало", {LESSON: "0"}), ("a@x.example", "окончание", {LESSON: "5"}),
                              ("b@x.example", "начало", {LESSON: "4"}), ("b@x.example", "окончание", {LESSON: "8"})],
     {LESSON: (4.0, 8.0, 1)}),
    ("two_mentees_averaged", [("a@x.example", "начало", {LESSON: "2"}), ("a@x.example", "окончание", {LESSON: "6"}),
                              ("B@x.example", "начало", {LESSON: "4"}), ("b@x.example", "окончание", {LESSON: "9"})],
     {LESSON: (3.0, 7.5, 2)}),
])
def test_before_after_counts_only_mentees_with_both(case, rows, expected):
    got = {i.difficulty: (i.before, i.after, i.answers) for i in before_after(frame_of(rows)) if i.answers}
    assert got == expected


def test_before_after_leaves_out_people_without_consent_and_the_summary_block():
    rows = [("a@x.example", "начало", {LESSON: "2"}), ("a@x.example", "окончание", {LESSON: "6"}),
            ("b@x.example", "начало", {LESSON: "4"}), ("b@x.example", "окончание", {LESSON: "9"})]
    items = before_after(frame_of(rows), consented={"a@x.example"})
    assert [(i.difficulty, i.before, i.after, i.change, i.answers) for i in items if i.answers] == [(LESSON, 2.0, 6.0, 4.0, 1)]
    assert summary_rows(items) == [["Самооценка наставляемых: начало и окончание программы"],
                                   ["Затруднение", "В начале", "В конце", "Изменение", "Наставляемых (оба ответа)"],
                                   [LESSON, 2.0, 6.0, 4.0, 1]]


def self_rows() -> list[dict[str, str]]:
    """Иванова (П-1, consent in the bank) at both stages; a stranger not in the bank at both."""
    lesson, parents = ru.evaluation.self_key(LESSON), ru.evaluation.self_key(PARENTS)
    return [
        {"submitted": "05.10.2026 10:00:00", "email": "ivanova.mp@school26.example", "pair_id": "П-1",
         "assessment_stage": "начало", lesson: "3", parents: "5"},
        {"submitted": "20.05.2027 10:00:00", "email": "ivanova.mp@school26.example", "pair_id": "П-1",
         "assessment_stage": "окончание", lesson: "8", parents: "6", "self_analysis": "научилась"},
        {"submitted": "05.10.2026 10:00:00", "email": "stranger@school26.example", "assessment_stage": "начало", lesson: "1"},
        {"submitted": "20.05.2027 10:00:00", "email": "stranger@school26.example", "assessment_stage": "окончание", lesson: "10"},
    ]


def test_monitor_writes_the_before_after_block_from_consented_mentees(backend):
    from jobs.monitor import monitor
    from tests.test_monitor_data import programme_rows
    from tests.workspaces import NOW

    rows = programme_rows()
    rows["self_assessment"] = self_rows()
    backend.make(rows)
    done = monitor(backend.workspace, now=NOW)
    assert done.written
    grid = backend.grid(ru.MONITOR["tab"])
    at = [r[0] if r else "" for r in grid].index("Самооценка наставляемых: начало и окончание программы")
    block = [[c for c in row[:5]] for row in grid[at + 1:at + 4]]
    assert block[0] == ["Затруднение", "В начале", "В конце", "Изменение", "Наставляемых (оба ответа)"]
    assert [str(v) for v in block[1]] in (["современный урок", "3", "8", "5", "1"],
                                          ["современный урок", "3.0", "8.0", "5.0", "1"])
    assert block[2][0] == PARENTS
    assert len([r for r in grid[at + 1:] if r and r[0]]) == 3  # the stranger counted nowhere


def test_the_report_shows_the_change_per_difficulty_under_the_privacy_threshold(backend):
    from tests.test_monitor_data import programme_rows
    from tests.test_report import SCHOOL, pictures, reports, text_of
    from tests.workspaces import NOW
    from jobs import disclosure
    from jobs.report import report

    rows = programme_rows()
    rows["self_assessment"] = self_rows()
    backend.make(rows)
    shown = report(backend.workspace, SCHOOL, now=NOW, min_answers=1)  # Иванова alone is enough at 1
    lines = text_of(backend, reports(backend)[0])
    heading = lines.index("4.1. Самооценка наставляемых в начале и в конце программы (средняя по шкале 1–10)")
    table = [line for line in lines[heading + 1:] if line][:8]
    assert table == ["Затруднение", "В начале", "В конце", "Наставляемых (оба ответа)", LESSON, "3–5", "7–9", "1"]
    assert [r["name"] for r in shown.fill.rows["before_after"]] == [LESSON, PARENTS]  # not the stranger's only
    assert len(pictures(backend, reports(backend)[0])) == 3  # the averages, the plans (issue 22), the before/after
    hidden = report(backend.workspace, SCHOOL, now=NOW.replace(day=28), min_answers=5)
    few = disclosure.text(None)
    assert hidden.fill.rows["before_after"][0] == {"name": LESSON, "before": few, "after": few, "answers": "1"}


def test_the_self_analysis_a_programme_takes_is_the_mentees_last_at_the_end(tmp_path):
    from jobs.self_assessment import self_analysis_text

    rows = [{"email": "a@x.example", "assessment_stage": "начало", "self_analysis": "в начале — не берётся"},
            {"email": "a@x.example", "assessment_stage": "окончание", "self_analysis": "первый вариант"},
            {"email": "A@x.example", "assessment_stage": "окончание", "self_analysis": "научилась планировать уроки"},
            {"email": "b@x.example", "assessment_stage": "окончание", "self_analysis": "работаю с родителями"},
            {"email": "c@x.example", "assessment_stage": "окончание", "self_analysis": "чужая пара"}]
    workspace = local_workspace(tmp_path / "w", rows={"self_assessment": rows})
    data = workspace.read([SELF_ASSESSMENT])[SELF_ASSESSMENT.key]
    assert self_analysis_text(data, ["b@x.example", "a@x.example"]) == \
        "работаю с родителями\n\nнаучилась планировать уроки"
    assert self_analysis_text(data, ["nobody@x.example"]) == ""
