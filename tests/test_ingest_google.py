"""`ingest` on the Google backend against the fake: forms created once, responses by question id,
each response once, requests set by paging."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from jobs.ingest import ingest, prepare_questionnaires
from sheets_schema import ru
from sheets_schema.questionnaires import MENTEE_FORM, MONITORING_FORM, IngestState
from sheets_schema.tables import INGEST_STATE, LOG, MENTEES, MONITORING
from sync.workspace import CellWrite
from tests.test_google_support import bank_table, seeded_workspace

NOW = dt.datetime(2026, 11, 27, 3, 0)
TABS = [MENTEES.title, MONITORING.title, INGEST_STATE.title, LOG.title]


def mentee_answers(i: int, **override) -> dict[str, object]:
    answers = {"full_name": f"Иванова Мария {i}", "position": "учитель", "subject": "математика",
               "levels": ["основное общее"], "years": "2", "difficulties": ["современный урок", "своё затруднение"],
               "timetable": ["пн", "чт"], "pd_consent": "да"}
    answers.update(override)
    return {MENTEE_FORM.question(k).title: v for k, v in answers.items()}


@pytest.fixture
def workspace(fake_google, tmp_path):
    ws = seeded_workspace(fake_google, tmp_path, {})
    prepare_questionnaires(ws)
    fake_google.clear_requests()
    return ws


def links(workspace):
    return IngestState.read(workspace.read([INGEST_STATE])[INGEST_STATE.key]).links


def forms_calls(fake) -> Counter:
    return Counter(e["method_id"] for e in fake.requests() if e["api"] == "forms")


def row_of(workspace, email):
    data = bank_table(workspace, MENTEES)
    return next(rec for rec in data.records.values() if rec["email"] == email)


def test_forms_are_created_once_with_the_schema_and_reused(fake_google, tmp_path):
    ws = seeded_workspace(fake_google, tmp_path, {})
    fake_google.clear_requests()
    created = prepare_questionnaires(ws)
    assert forms_calls(fake_google) == {"forms.forms.create": 5, "forms.forms.batchUpdate": 5,
                                        "forms.forms.setPublishSettings": 5}  # issue 19: 5 questionnaires
    assert [line.split(":")[0] for line in created.lines[::2]] == [
        "Анкета «Анкета наставляемого» создана", "Анкета «Анкета наставника» создана",
        "Анкета «Мониторинг программы наставничества» создана", "Анкета «Самооценка наставляемого» создана",
        "Анкета «Итоговый отчёт наставника» создана"]
    assert created.lines[1].startswith("   опубликована и принимает ответы; отвечать могут все, у кого есть ссылка")
    recorded = links(ws)
    mentee = recorded["mentee"]
    assert set(mentee.question_ids) == {q.key for q in MENTEE_FORM.form_questions}

    form = ws.client.forms_get(mentee.form_id)
    assert form["info"]["title"] == "Анкета наставляемого"
    assert form["publishSettings"] == {"publishState": {"isPublished": True, "isAcceptingResponses": True}}
    assert created.lines[0].endswith(form["responderUri"])
    if ws.folder_id:  # kept beside the spreadsheet, not in the creator's «Мой диск» root
        assert ws.client.files_get(mentee.form_id, fields="parents")["parents"] == [ws.folder_id]
    assert form["settings"] == {"emailCollectionType": "RESPONDER_INPUT"}
    items = {i["questionItem"]["question"]["questionId"]: i for i in form["items"]}
    difficulties = items[mentee.question_ids["difficulties"]]["questionItem"]["question"]["choiceQuestion"]
    assert [o.get("value") for o in difficulties["options"]] == ru.DIFFICULTIES + [None]
    assert items[mentee.question_ids["pd_consent"]]["title"] == "Согласие на обработку персональных данных"

    fake_google.clear_requests()
    again = prepare_questionnaires(ws)
    assert forms_calls(fake_google) == {"forms.forms.get": 5}  # nothing to repair: no Forms writes
    assert again.links == {} and links(ws) == recorded
    assert again.lines[0].startswith("Анкета «Анкета наставляемого» уже есть: https://docs.google.com/forms/")


def test_500_responses_then_three_runs_change_nothing(fake_google, workspace):
    form_id = links(workspace)["mentee"].form_id
    for i in range(500):
        fake_google.submit_form_response(form_id, mentee_answers(i), respondent_email=f"t{i}@school26.example",
                                         timestamp=f"2026-11-{1 + i % 25:02d}T{i % 24:02d}:{i % 60:02d}:00Z")
    first = ingest(workspace, now=NOW)
    assert (first.new, first.appended, first.problems) == (500, {MENTEES.title: 500}, [])
    row = row_of(workspace, "t0@school26.example")
    assert row["difficulties"] == "современный урок" and row["other_difficulty"] == "своё затруднение"
    assert row["timetable"] == "пн, чт"
    before = workspace.read_grids(TABS)

    for _ in range(3):
        fake_google.clear_requests()
        again = ingest(workspace, now=NOW)
        assert (again.new, again.commit.cells_written) == (0, 0)
        # a forms.get and one page of responses per questionnaire, one read of the sheet
        assert forms_calls(fake_google) == {"forms.forms.get": 5, "forms.forms.responses.list": 5}
        assert [e["method_id"] for e in fake_google.requests() if e["api"] == "sheets"] == [
            "sheets.spreadsheets.get", "sheets.spreadsheets.values.batchGet"]  # titles and merges, values
    assert workspace.read_grids(TABS) == before


def test_an_edited_response_updates_the_row_and_staff_edits_survive(fake_google, workspace):
    form_id = links(workspace)["mentee"].form_id
    made = fake_google.submit_form_response(form_id, mentee_answers(1), respondent_email="ivanova@school26.example",
                                            timestamp="2026-11-02T09:00:00Z")
    ingest(workspace, now=NOW)
    data = bank_table(workspace, MENTEES)
    row = next(r for r, rec in data.records.items() if rec["email"] == "ivanova@school26.example")
    workspace.write_cells([CellWrite(MENTEES.title, row, data.positions["notes"], "переведена из школы № 3"),
                           CellWrite(MENTEES.title, row, data.positions["subject"], "информатика")])

    fake_google.submit_form_response(form_id, mentee_answers(1, years="3", subject="физика", pd_consent="нет"),
                                     timestamp="2026-11-05T15:00:00Z", response_id=made["responseId"])
    result = ingest(workspace, now=NOW)

    rec = row_of(workspace, "ivanova@school26.example")
    assert rec["years"] == "3"
    assert rec["notes"] == "переведена из школы № 3"
    assert rec["subject"] == "информатика"
    assert rec["pd_consent"] == ""
    assert result.new == 1 and len(bank_table(workspace, MENTEES).records) == 1
    assert [c.split(":")[0] for c in result.conflicts] == ["Лист «Наставляемые», ivanova@school26.example"]
    assert "«Предмет» изменён сотрудником («информатика»)" in result.conflicts[0]
    assert result.withdrawals and "согласия" in result.withdrawals[0]
    log = workspace.read_grids([LOG.title])[LOG.title]
    assert result.conflicts[0] in log[-1][LOG.headers.index("Подробности")]


def test_questions_are_matched_by_id_and_schema_drift_is_reported(fake_google, workspace):
    link = links(workspace)["mentee"]
    form = workspace.client.forms_get(link.form_id)
    index = {i["questionItem"]["question"]["questionId"]: n for n, i in enumerate(form["items"])}
    workspace.client.forms_batch_update(link.form_id, [
        {"updateItem": {"location": {"index": index[link.question_ids["full_name"]]}, "updateMask": "title",
                        "item": {"title": "Ваши фамилия, имя и отчество полностью"}}},
        {"deleteItem": {"location": {"index": index[link.question_ids["preferred_mentor"]]}}},
        {"createItem": {"location": {"index": 0}, "item": {"title": "Любимый цвет", "questionItem": {
            "question": {"textQuestion": {}}}}}},
    ])
    answers = mentee_answers(2)
    answers["Ваши фамилия, имя и отчество полностью"] = answers.pop(MENTEE_FORM.question("full_name").title)
    fake_google.submit_form_response(link.form_id, {**answers, "Любимый цвет": "синий"},
                                     respondent_email="petrova@school26.example", timestamp="2026-11-03T10:00:00Z")
    result = ingest(workspace, now=NOW)

    assert row_of(workspace, "petrova@school26.example")["full_name"] == "Иванова Мария 2"
    assert result.problems == [
        ru.INGEST["missing_question"].format(form="Анкета наставляемого", form_id=link.form_id,
                                             question=MENTEE_FORM.question("preferred_mentor").title,
                                             column="Желаемый наставник"),
        ru.INGEST["unknown_question"].format(form="Анкета наставляемого", form_id=link.form_id,
                                             question="Любимый цвет"),
    ]
    assert result.exit_code == 1


def test_monitoring_goes_to_its_tab(fake_google, workspace):
    form_id = links(workspace)["monitoring"].form_id
    answers = {MONITORING_FORM.question(k).title: v for k, v in {
        "role": "наставник", "partner_email": "ivanova@school26.example", "comfort": "9", "usefulness": "8",
        "clarity": "7", "expectations": "8", "satisfaction": "9", "continue_wish": "10",
        "difficulties_closed": ["современный урок", "аттестация"]}.items()}
    fake_google.submit_form_response(form_id, answers, respondent_email="petrov@school26.example",
                                     timestamp="2026-11-20T07:15:00Z")
    result = ingest(workspace, now=NOW)
    assert result.monitoring == 1
    grid = workspace.read_grids([MONITORING.title])[MONITORING.title]
    row = dict(zip(grid[0], grid[1]))
    assert row["Роль"] == "наставник" and row["Комфорт общения (1–10)"] == "9"
    assert row["Преодолённые затруднения"] == "современный урок, аттестация"
    assert row["ID пары"] == "" and row["Сообщение"].startswith("Пара не найдена")


def test_requests_are_set_by_paging_not_by_responses(fake_google, workspace):
    link = links(workspace)["monitoring"]
    for i in range(5001):
        fake_google.submit_form_response(link.form_id, {"Ваша роль в программе": "наставляемый"},
                                         respondent_email=f"m{i}@school26.example",
                                         timestamp=f"2026-11-{1 + i % 20:02d}T08:00:{i % 60:02d}Z")
    fake_google.clear_requests()
    batch = workspace.read_responses(MONITORING_FORM, None, link)
    assert len(batch.responses) == 5001
    assert forms_calls(fake_google) == {"forms.forms.get": 1, "forms.forms.responses.list": 2}
    pages = [e["query"] for e in fake_google.requests() if e["method_id"] == "forms.forms.responses.list"]
    assert pages[0]["pageSize"] == ["5000"] and "pageToken" in pages[1]

    fake_google.clear_requests()
    later = workspace.read_responses(MONITORING_FORM, batch.watermark, link)
    assert forms_calls(fake_google)["forms.forms.responses.list"] == 1
    assert {r.submitted.date() for r in later.responses} == {dt.date(2026, 11, 20)}
    query = [e["query"] for e in fake_google.requests() if e["method_id"] == "forms.forms.responses.list"][0]
    assert query["filter"] == ["timestamp >= 2026-11-20T07:55:59Z"]  # the watermark less 5 minutes


def test_control_characters_in_a_google_answer_are_cleaned_and_noted(fake_google, workspace):
    form_id = links(workspace)["mentee"].form_id
    fake_google.submit_form_response(
        form_id, mentee_answers(1, full_name="Иванова\x1b[31m Мария", difficulties=["современный урок", "мне трудно\nс классом\x00"]),
        respondent_email="ivanova@school26.example", timestamp="2026-11-02T09:00:00Z")

    result = ingest(workspace, now=NOW)

    where = "Форма «Анкета наставляемого», ответ ivanova@school26.example"
    assert result.notes == [
        f"{where}, вопрос «Фамилия, имя, отчество»: из ответа удалены невидимые управляющие символы (U+001B) — "
        "таблица не может их хранить; остальной текст ответа принят.",
        f"{where}, вопрос «Какие профессиональные затруднения вы испытываете?»: из ответа удалены невидимые "
        "управляющие символы (U+0000) — таблица не может их хранить; остальной текст ответа принят."]
    row = row_of(workspace, "ivanova@school26.example")
    assert row["full_name"] == "Иванова Мария"
    assert row["other_difficulty"] == "мне трудно\nс классом"  # the line break of «другое» kept
    log = workspace.read_grids([LOG.title])[LOG.title]
    assert result.notes[0] in log[-1][LOG.headers.index("Подробности")]


def test_a_google_question_title_with_a_control_character_is_reported_escaped(fake_google, workspace):
    link = links(workspace)["mentee"]
    workspace.client.forms_batch_update(link.form_id, [
        {"createItem": {"location": {"index": 0}, "item": {"title": "Цвет\x1b[2J", "questionItem": {
            "question": {"textQuestion": {}}}}}}])
    fake_google.submit_form_response(link.form_id, {**mentee_answers(3), "Цвет\x1b[2J": "синий"},
                                     respondent_email="petrova@school26.example", timestamp="2026-11-03T10:00:00Z")

    result = ingest(workspace, now=NOW)

    assert result.problems == [
        f"Форма «Анкета наставляемого» ({link.form_id}): вопрос «Цвет[U+001B][2J» не входит в анкету nastavnik — "
        "его ответы не приняты. Удалите вопрос из формы или перенесите ответы вручную."]
    log = workspace.read_grids([LOG.title])[LOG.title]
    assert result.problems[0] in log[-1][LOG.headers.index("Подробности")]
