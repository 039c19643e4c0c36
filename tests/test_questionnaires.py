"""The questionnaires as declared: columns they feed, one source of choices, and the pure parts of
reading exports and building forms (tables of cases)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jobs.ingest import link_pair
from sheets_schema import ru
from sheets_schema.questionnaires import (
    CHECKBOX, CONSENT, EMAIL, MENTEE_FORM, MENTOR_FORM, MONITORING_FORM, QUESTIONNAIRES, Response,
    cell_values, decode_hashes, encode_hashes,
)
from sheets_schema.tables import FORM
from sync.google.forms import form_requests, question_item
from sync.local.forms import classify, document, parse_export, parse_timestamp, response_id


@pytest.mark.parametrize("form", QUESTIONNAIRES, ids=lambda f: f.key)
def test_every_question_feeds_a_column_of_its_table(form):
    for question in form.questions:
        column = form.table.column(question.column)
        if form.is_bank:
            assert column.owner == FORM, question.key
        if question.choices:
            assert question.options == ru.LISTS[question.choices]
            assert column.choices == question.choices, "a form and its sheet offer the same list"


def test_the_three_questionnaires_ask_what_the_model_asks():
    assert [q.key for q in MENTEE_FORM.questions][-5:] == [
        "difficulties", "preferred_form", "preferred_mentor", "timetable", "pd_consent"]
    assert MENTEE_FORM.question("difficulties").other_column == "other_difficulty"
    assert {"competences", "capacity", "preferred_forms", "motivation", "past_mentoring",
            "pd_consent", "duty_consent"} <= {q.key for q in MENTOR_FORM.questions}
    assert MENTOR_FORM.question("competences").options == ru.DIFFICULTIES
    scales = [q.key for q in MONITORING_FORM.questions if q.kind == "scale"]
    assert scales == ["comfort", "usefulness", "clarity", "expectations", "satisfaction", "continue_wish"]
    assert MONITORING_FORM.question("role").options == ru.ROLES


def response(form, answers, email="ivanova@school26.example", asked=None):
    return Response(form.key, "r1", "v1", dt.datetime(2026, 11, 2, 9, 30), email,
                    {k: tuple(v) for k, v in answers.items()},
                    frozenset(asked if asked is not None else {"email", *answers}))


CELL_CASES = [
    # Google: checkbox answers one by one, «другое» text among them
    ({"difficulties": ["современный урок", "выгорание на уроках"]},
     {"difficulties": "современный урок", "other_difficulty": "выгорание на уроках"}),
    # CSV: joined by ", "; list items matched whatever their case
    ({"difficulties": ["Современный урок, аттестация"]},
     {"difficulties": "современный урок, аттестация", "other_difficulty": ""}),
    ({"levels": ["основное общее", "среднее общее"]}, {"levels": "основное общее, среднее общее"}),
    ({"years": ["двадцать"]}, {"years": "двадцать"}),
    ({"full_name": ["=IMPORTXML(\"http://x\", \"//a\")"]}, {"full_name": "=IMPORTXML(\"http://x\", \"//a\")"}),
    ({"preferred_mentor": []}, {"preferred_mentor": ""}),
]


@pytest.mark.parametrize("answers, expected", CELL_CASES)
def test_cell_values_keep_answers_as_given(answers, expected):
    got = cell_values(MENTEE_FORM, response(MENTEE_FORM, answers))
    assert {k: got[k] for k in expected} == expected
    assert got["email"] == "ivanova@school26.example"


def test_a_question_the_export_lacks_leaves_its_column_alone():
    got = cell_values(MENTEE_FORM, response(MENTEE_FORM, {"years": ["3"]}, asked={"years"}))
    assert got == {"years": "3"}


TIMESTAMPS = [
    ("01.09.2026 8:05:00", dt.datetime(2026, 9, 1, 8, 5)),
    ("1.9.2026 18:05", dt.datetime(2026, 9, 1, 18, 5)),
    ("9/1/2026 8:05:00", dt.datetime(2026, 9, 1, 8, 5)),
    ("2026/09/01 8:05:00 PM GMT+3", dt.datetime(2026, 9, 1, 20, 5)),
    ("2026-09-01 08:05:00", dt.datetime(2026, 9, 1, 8, 5)),
    ("2026-09-01T08:05:00Z", dt.datetime(2026, 9, 1, 8, 5)),
    (dt.datetime(2026, 9, 1, 8, 5, 0, 500), dt.datetime(2026, 9, 1, 8, 5)),
    ("31.02.2026 8:00:00", None),
    ("вчера", None),
]


@pytest.mark.parametrize("text, expected", TIMESTAMPS)
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == expected


HEADER_CASES = [
    ("russian_google_csv", ["Отметка времени", "Адрес электронной почты", "Фамилия, имя, отчество",
                            "Какие профессиональные затруднения вы испытываете?"], "mentee"),
    ("english_google_csv", ["Timestamp", "Email Address", "Фамилия, имя, отчество",
                            "В каких вопросах вы можете помочь коллегам?"], "mentor"),
    ("sheet_headers", ["Отметка времени", "E-mail", "ФИО", "Компетенции", "Максимум наставляемых"], "mentor"),
    ("monitoring", ["Время создания", "Ваша роль в программе", "Общая удовлетворённость программой"], "monitoring"),
    ("profile_only_is_ambiguous", ["Отметка времени", "Фамилия, имя, отчество", "Должность"], None),
    ("nothing_known", ["Отметка времени", "Любимый цвет"], None),
]


@pytest.mark.parametrize("case, headers, expected", HEADER_CASES, ids=[c[0] for c in HEADER_CASES])
def test_classify_export_by_headers(case, headers, expected):
    form, _ = classify(headers)
    assert (form.key if form else None) == expected


def test_unmapped_header_names_the_file_the_header_and_the_nearest_question():
    rows = [["Отметка времени", "Фамилия, имя, отчество", "Какие профессиональные затруднения вы испытываете?",
             "Стаж работы"], ["01.09.2026 8:00:00", "Иванова Мария", "аттестация", "3"]]
    form, responses, problems = parse_export(Path("ответы.csv"), rows)
    assert form is MENTEE_FORM
    assert problems == [
        "Файл «ответы.csv» (анкета «Анкета наставляемого»): столбец «Стаж работы» не соответствует ни "
        "одному вопросу анкеты (ближе всего — «Педагогический стаж, полных лет»). Назовите столбец так же, "
        "как вопрос (список вопросов — в файле forms/анкета-наставляемого.md), или удалите столбец; "
        "остальные столбцы файла приняты, ответы этого столбца будут приняты, когда столбец назовут как вопрос."]
    # the other columns are taken; the response is marked incomplete, so a fixed file brings it again
    (response,) = responses
    assert response.answers == {"full_name": ("Иванова Мария",), "difficulties": ("аттестация",)}
    assert (response.complete, response.version, response.row) == (False, "2026-09-01T08:00:00~partial", 2)
    rows[0][3] = "Педагогический стаж, полных лет"
    (fixed,) = parse_export(Path("ответы.csv"), rows)[1]
    assert (fixed.complete, fixed.version, fixed.response_id) == (True, "2026-09-01T08:00:00", response.response_id)


def test_export_row_ids_are_stable_and_distinct():
    moment = dt.datetime(2026, 9, 1, 8, 0)
    assert response_id("mentee", moment, " Ivanova@School.example ") == response_id("mentee", moment, "ivanova@school.example")
    assert response_id("mentee", moment, "a@x.ru") != response_id("mentor", moment, "a@x.ru")
    assert response_id("mentee", moment, "a@x.ru") != response_id("mentee", moment.replace(second=1), "a@x.ru")


def test_document_lists_questions_choices_and_columns():
    text = document(MENTEE_FORM)
    assert text.startswith("# Анкета наставляемого\n")
    assert "## 9. Какие профессиональные затруднения вы испытываете?" in text
    assert "  - подготовка к ОГЭ/ЕГЭ и олимпиадам" in text
    assert "(попадёт в столбец «Другое затруднение»)" in text
    assert "- Столбец листа «Наставляемые»: «Согласие на обработку ПДн (дата)»" in text


def test_google_items_follow_the_schema():
    difficulties = question_item(MENTEE_FORM.question("difficulties"))
    choice = difficulties["questionItem"]["question"]["choiceQuestion"]
    assert choice["type"] == "CHECKBOX"
    assert [o["value"] for o in choice["options"][:-1]] == ru.DIFFICULTIES
    assert choice["options"][-1] == {"isOther": True}
    consent = question_item(MENTEE_FORM.question("pd_consent"))
    assert consent["questionItem"]["question"]["required"] is True
    assert consent["description"].startswith("Я даю согласие школе")
    scale = question_item(MONITORING_FORM.question("comfort"))["questionItem"]["question"]["scaleQuestion"]
    assert (scale["low"], scale["high"]) == (1, 10)
    requests = form_requests(MENTOR_FORM, MENTOR_FORM.form_questions)
    assert requests[1] == {"updateSettings": {"settings": {"emailCollectionType": "RESPONDER_INPUT"},
                                              "updateMask": "emailCollectionType"}}
    assert [r["createItem"]["location"]["index"] for r in requests[2:]] == list(range(len(MENTOR_FORM.questions) - 1))
    assert all(q.kind != EMAIL for q in MENTOR_FORM.form_questions)


PAIRS = [
    ("П-001", "mentor@x.ru", ["a@x.ru"], "утверждена"),
    ("П-002", "mentor@x.ru", ["b@x.ru", "c@x.ru"], "закреплена приказом"),
    ("П-003", "old@x.ru", ["a@x.ru"], "прекращена"),
]
PAIR_CASES = [
    ("a@x.ru", "mentor@x.ru", "наставляемый", "П-001"),
    ("mentor@x.ru", "c@x.ru", "наставник", "П-002"),
    ("a@x.ru", "", "наставляемый", "П-001"),  # the stopped pair gives way to the active one
    ("b@x.ru", "", "", "П-002"),
    ("mentor@x.ru", "", "наставник", ""),  # two pairs: ambiguous
    ("z@x.ru", "mentor@x.ru", "наставляемый", ""),
    ("a@x.ru", "mentor@x.ru", "наставник", ""),  # wrong role
]


@pytest.mark.parametrize("email, partner, role, expected", PAIR_CASES)
def test_link_pair(email, partner, role, expected):
    pair_id, message = link_pair(PAIRS, email, partner, role)
    assert pair_id == expected
    assert bool(message) == (not expected)


def test_person_hashes_round_trip():
    hashes = {"email": "0a1b2c3d", "notes": "", "@": "2026-09-01T08:00:00"}
    assert decode_hashes(encode_hashes(hashes)) == hashes


def test_consent_questions_are_yes_no():
    for form in (MENTEE_FORM, MENTOR_FORM):
        for q in form.questions:
            if q.kind == CONSENT:
                assert q.options == ru.YES_NO and q.required
    assert MENTEE_FORM.question("levels").kind == CHECKBOX
