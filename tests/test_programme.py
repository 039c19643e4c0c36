"""The personalised programme (ППН) a methodologist accepts, read back from the generated .docx
(local backend) and the Google Doc on the fake: approval marks with dates by every signature,
participants with experience, category and education, form and frequency of meetings, the final
section, «И. О. Фамилия» signatures, singular wording for a pair and plural for a group, and the
plan's months from the programme's start to its end."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from jobs.config import SPEC
from jobs.documents.check import check_template
from jobs.documents.fill import PairInfo, Person
from jobs.documents.plan import due_text, months_between, plan_months, plan_rows, plural
from jobs.documents.programme_fill import programme_fill, signature_name
from jobs.documents.settings import DocumentSettings
from jobs.orders import orders
from jobs.upgrade import upgrade_workspace
from sheets_schema import ru
from sheets_schema.templates import PROGRAMME, TASKS, default_catalog_rows
from sheets_schema.templates.programme import PROGRAMME_2025
from sync.workspace import TemplateSource
from tests.test_orders import SCHOOL, documents, mentee, mentor, pair, rows_for, text_of
from tests.workspaces import NOW

DATE = "«____» ______________ 20___ г."
GROUP_EMAILS = "mentee0@school.example, mentee1@school.example, mentee2@school.example"


def run(backend, **settings):
    return orders(backend.workspace, SCHOOL, DocumentSettings(order_number="45-о", **settings), now=NOW)


def pair_rows(**pair_over: str) -> dict[str, list[dict[str, str]]]:
    rows = rows_for(1, mentors=[mentor(0, category="высшая", years="24",
                                       education="высшее, педагогический университет, 2002")])
    rows["mentees"] = [mentee(0, category="соответствие занимаемой должности", years="3"),
                       mentee(1, full_name="Белых Анна Сергеевна", years="1", category="без категории"),
                       mentee(2, full_name="Шевченко Ирина Олеговна", years="2")]
    rows["pairs"] = [pair(0, **pair_over)]
    return rows


def group_rows() -> dict[str, list[dict[str, str]]]:
    return pair_rows(pair_id="П-004", mentee_emails=GROUP_EMAILS, form="групповая",
                     mentee_names="Смирнова Мария Петровна, Белых Анна Сергеевна, Шевченко Ирина Олеговна")


def programme_text(backend) -> list[str]:
    made = documents(backend, "programme")
    assert len(made) == 1
    text = text_of(backend, made[0])
    assert not any("{{" in line or "{%" in line for line in text)
    return text


def after(text: list[str], heading: str, count: int) -> list[str]:
    i = text.index(heading)
    return text[i + 1: i + 1 + count]


def table(text: list[str], last_header: str, columns: int, rows: int) -> list[list[str]]:
    i = text.index(last_header) + 1
    return [text[i + columns * r: i + columns * (r + 1)] for r in range(rows)]


def singular_sentences(text: list[str]) -> list[str]:
    """The lines of more than two words that speak of one mentee («каждого наставляемого»,
    «каждым наставляемым» speak of each of many); a participant's role cell is one word."""
    each = re.compile(r"\bкажд(ого|ым|ому) наставляем\w+")
    singular = re.compile(r"\bнаставляем(ый|ого|ому|ом)\b|\bнаставляемым\s+(?!в\b)", re.IGNORECASE)
    return [line for line in text if len(line.split()) > 2 and singular.search(each.sub("", line))]


def test_pair_programme_has_every_section_a_methodologist_checks(backend):
    backend.make(pair_rows(pair_id="П-004"))

    run(backend)

    text = programme_text(backend)
    assert text[0] == "МБОУ СОШ № 26"  # the school's full name ([school] full_name; else its name)
    # approval marks, each signature with its date
    assert after(text, "РАССМОТРЕНО", 2) == [
        "на заседании методического совета", "(протокол от «____» ______________ 20___ г. № ____)"]
    assert after(text, "СОГЛАСОВАНО", 3) == ["Куратор наставничества", "____________________ А. С. Петрова", DATE]
    assert after(text, "УТВЕРЖДАЮ", 3) == ["Директор МБОУ СОШ № 26", "____________________ И. П. Иванова", DATE]
    assert text.index("РАССМОТРЕНО") < text.index("СОГЛАСОВАНО") < text.index("УТВЕРЖДАЮ") \
        < text.index("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА")
    assert "Наставническая пара П-004" in text and not any("группа" in line for line in text)
    # participants
    assert "Наставляемый: Смирнова Мария Петровна, учитель, математика" in text
    assert table(text, "Образование", 6, 2) == [
        ["наставник", "Смирнова Ольга Ивановна", "учитель, математика", "24", "высшая",
         "высшее, педагогический университет, 2002"],
        ["наставляемый", "Смирнова Мария Петровна", "учитель, математика", "3",
         "соответствие занимаемой должности", "—"],  # «Образование» left empty in the bank
    ]
    assert text[text.index("Образование") + 13] == "2. Форма и сроки"  # no third participant
    # form and frequency
    assert "Форма наставничества: традиционная (один на один)" in text
    assert "Периодичность встреч: не реже одного раза в две недели" in text
    # singular wording
    assert after(text, "4. Цель программы", 1)[0].startswith("Оказание помощи наставляемому в профессиональном")
    assert after(text, "7. Ожидаемые результаты", 1) == [
        "проведён открытый урок, получивший положительную оценку; проведено родительское собрание, "
        "выстроено взаимодействие с семьями; наставляемый уверенно выполняет профессиональные задачи, "
        "затруднения преодолены."]
    assert "Проведение наставляемым открытого урока" in text
    assert len(singular_sentences(text)) >= 4  # the goal, results, plan rows, self-analysis
    # the final section: headings with a line to write on
    assert after(text, "9. Итоги реализации программы", 4) == [
        "9.1. Отчёт наставника о реализации программы", "_" * 60, "9.2. Самоанализ наставляемого", "_" * 60]
    # signatures: «И. О. Фамилия» and a date by each
    assert table(text, "Дата", 4, 2) == [
        ["Наставник", "____________________", "О. И. Смирнова", DATE],
        ["Наставляемый", "____________________", "М. П. Смирнова", DATE],
    ]


def test_group_programme_speaks_in_the_plural_and_lists_each_mentee(backend):
    backend.make(group_rows())

    run(backend)

    text = programme_text(backend)
    assert "Наставническая группа П-004" in text and "Наставническая пара П-004" not in text
    assert "Наставляемые: 1) Смирнова Мария Петровна, учитель, математика; 2) Белых Анна Сергеевна, " \
        "учитель, математика; 3) Шевченко Ирина Олеговна, учитель, математика" in text
    assert [row[:4] for row in table(text, "Образование", 6, 4)] == [
        ["наставник", "Смирнова Ольга Ивановна", "учитель, математика", "24"],
        ["наставляемый", "Смирнова Мария Петровна", "учитель, математика", "3"],
        ["наставляемый", "Белых Анна Сергеевна", "учитель, математика", "1"],
        ["наставляемый", "Шевченко Ирина Олеговна", "учитель, математика", "2"],
    ]
    assert "Форма наставничества: групповая" in text
    assert after(text, "4. Цель программы", 1)[0].startswith("Оказание помощи наставляемым в профессиональном")
    assert after(text, "7. Ожидаемые результаты", 1)[0].endswith(
        "наставляемые уверенно выполняют профессиональные задачи, затруднения преодолены.")
    assert "каждым наставляемым проведён открытый урок, получивший положительную оценку" in \
        after(text, "7. Ожидаемые результаты", 1)[0]
    assert "Проведение наставляемыми открытого урока" in text
    assert "Самоанализ и отчёт наставляемых о реализации программы" in text
    assert "9.2. Самоанализ наставляемых" in text
    assert after(text, "8. Форма отчётности", 1) == ["отчёт наставляемых, открытый урок, самоанализ, портфолио"]
    # every sentence in the plural: the singular stays only in a participant's own role cell
    assert singular_sentences(text) == []
    assert [row for row in table(text, "Дата", 4, 4)] == [
        ["Наставник", "____________________", "О. И. Смирнова", DATE],
        ["Наставляемый", "____________________", "М. П. Смирнова", DATE],
        ["Наставляемый", "____________________", "А. С. Белых", DATE],
        ["Наставляемый", "____________________", "И. О. Шевченко", DATE],
    ]


def test_a_start_in_the_last_days_of_november_gives_december_as_month_one(backend):
    backend.make(pair_rows(start="29.11.2026", end="31.05.2027"))

    run(backend, order_date=dt.date(2026, 11, 29))

    text = programme_text(backend)
    plan = table(text, "Отметка о выполнении", 6, 8)
    assert plan[0][:3] == ["1", "Знакомство, беседа о профессиональных затруднениях и ожиданиях, согласование программы",
                           "декабрь 2026"]
    dues = [row[2] for row in plan]
    assert not any(month in due for due in dues for month in ("ноябрь", "июнь", "июль", "август"))
    assert dues[-1] == "май 2027"  # «последний»: the programme's last month, not past its end


# --- the fill, pure -------------------------------------------------------------------------
def person(i: int, name: str, **over: str) -> Person:
    fields = dict(position="учитель", subject="физика", years=str(i), category="первая", education="высшее")
    fields.update(over)
    return Person(f"p{i}@school.example", name, difficulties=("аттестация",), **fields)  # type: ignore[arg-type]


START, END = dt.date(2026, 12, 1), dt.date(2027, 5, 31)
MENTOR = person(20, "Кох Иван Петрович")
ALONE = PairInfo("П-001", 2, MENTOR, (person(1, "Дюма Анна Ивановна"),), "традиционная (один на один)", START, END)
GROUP = PairInfo("П-002", 3, MENTOR, (person(1, "Дюма Анна Ивановна"), person(2, "Белых Олег Ильич")),
                 "групповая", START, END)


def fill_of(pair: PairInfo, **kwargs: str):
    return programme_fill(pair, default_catalog_rows(), SCHOOL, DocumentSettings(), START, **kwargs)


def test_meetings_report_and_self_analysis_are_filled_when_given():
    fill = fill_of(ALONE, meetings="еженедельно, по средам", mentor_report="Программа выполнена.",
                   self_analysis="Освоила критериальное оценивание.")

    assert fill.values["meetings"] == "еженедельно, по средам"
    assert fill.values["mentor_report"] == "Программа выполнена."
    assert fill.values["self_analysis"] == "Освоила критериальное оценивание."
    assert fill_of(ALONE).values["meetings"] == ru.PROGRAMME_TEXTS["meetings"]


def test_participants_show_education_and_the_signatures_are_initials_before_the_surname():
    fill = fill_of(GROUP)

    assert fill.rows["participants"] == [
        {"role": "наставник", "name": "Кох Иван Петрович", "post": "учитель, физика", "years": "20",
         "category": "первая", "education": "высшее"},
        {"role": "наставляемый", "name": "Дюма Анна Ивановна", "post": "учитель, физика", "years": "1",
         "category": "первая", "education": "высшее"},
        {"role": "наставляемый", "name": "Белых Олег Ильич", "post": "учитель, физика", "years": "2",
         "category": "первая", "education": "высшее"},
    ]
    assert [s["name"] for s in fill.rows["signatures"]] == ["И. П. Кох", "А. И. Дюма", "О. И. Белых"]
    assert fill.values["mentee_signs"] == "А. И. Дюма, О. И. Белых"
    assert fill.values["head_sign"] == "И. П. Иванова" and fill.values["coordinator_sign"] == "А. С. Петрова"


@pytest.mark.parametrize("name, expected", [
    ("Иванова Ирина Петровна", "И. П. Иванова"),
    ("Иванова И. П.", "И. П. Иванова"),
    ("ФИО куратора", "ФИО куратора"),  # the placeholder of a new workspace is no person
    ("", ""),
])
def test_signature_name(name, expected):
    assert signature_name(name) == expected


def test_group_tasks_and_results_take_the_plural_form_of_each_difficulty():
    alone, group = fill_of(ALONE), fill_of(GROUP)

    assert alone.values["results"] == f"{TASKS['аттестация'][1]}; {ru.PROGRAMME_TEXTS['result_general_one']}."
    assert group.values["results"] == f"{TASKS['аттестация'][2]}; {ru.PROGRAMME_TEXTS['result_general_many']}."
    assert group.values["tasks"].endswith("закрепить полученные умения в практической деятельности каждого наставляемого.")
    assert group.values["pair_title"] == "Наставническая группа П-002"
    assert alone.values["pair_title"] == "Наставническая пара П-001"


def test_every_task_has_a_group_result_that_does_not_speak_of_one_mentee():
    for difficulty, (task, one, many) in TASKS.items():
        assert task and one and many, difficulty
        assert not re.search(r"\bнаставляем(ый|ого|ому)\b", many), difficulty


@pytest.mark.parametrize("text, expected", [
    ("Проведение наставляемым открытого урока", "Проведение наставляемыми открытого урока"),
    ("наставник, наставляемый", "наставник, наставляемые"),
    ("Самоанализ и отчёт наставляемого", "Самоанализ и отчёт наставляемых"),
    # a known limit: only these words change; a verb in a row the school wrote itself stays singular
    ("Наставляемый готовит урок", "Наставляемые готовит урок"),
    ("наставник", "наставник"),
])
def test_catalog_words_in_the_plural(text, expected):
    assert plural(text, ru.PROGRAMME_TEXTS["plural_words"]) == expected


# --- months ---------------------------------------------------------------------------------
MONTH_CASES = [
    # start, end, first month, last month
    ("29.11.2026", "31.05.2027", "01.12.2026", "01.05.2027"),  # 29.11: two days are no month of work
    ("21.11.2026", "31.05.2027", "01.12.2026", "01.05.2027"),  # 21–30.11: the last 10 days
    ("20.11.2026", "31.05.2027", "01.11.2026", "01.05.2027"),  # 11 days left: November counts
    ("22.12.2026", "31.05.2027", "01.01.2027", "01.05.2027"),  # 31-day month: its last 10 days
    ("19.02.2027", "31.05.2027", "01.03.2027", "01.05.2027"),  # February: from the 19th
    ("01.12.2026", "05.05.2027", "01.12.2026", "01.04.2027"),  # ends on the 5th: May is no month of work
    ("01.12.2026", "11.05.2027", "01.12.2026", "01.05.2027"),
    ("25.11.2026", "05.12.2026", "01.11.2026", "01.12.2026"),  # too short for the rule: as they are
]


@pytest.mark.parametrize("start, end, first, last", MONTH_CASES)
def test_plan_months(start, end, first, last):
    day = lambda s: dt.datetime.strptime(s, "%d.%m.%Y").date()  # noqa: E731
    assert plan_months(day(start), day(end)) == (day(first), day(last))


def test_the_plan_of_a_late_november_start_runs_from_december_to_the_end():
    start, end = dt.date(2026, 11, 29), dt.date(2027, 5, 31)

    assert months_between(start, end) == 6
    assert due_text("1", start, end) == "декабрь 2026"
    assert due_text("2–3", start, end) == "январь – февраль 2027"
    assert due_text("9", start, end) == "май 2027"  # past the end: the last month
    assert due_text("последний", start, end) == "май 2027"
    assert due_text("весь срок", start, end) == "29.11.2026 – 31.05.2027"
    plan = plan_rows(["аттестация"], default_catalog_rows(), start, end)
    assert [r["due"] for r in plan] == ["декабрь 2026", "29.11.2026 – 31.05.2027", "январь 2027",
                                        "февраль – март 2027", "май 2027", "май 2027"]


# --- templates ------------------------------------------------------------------------------
def source_of(spec, drop=()) -> TemplateSource:
    names = [n for n in spec.known if n not in drop and any(
        "{{" + n + "}}" in text for block in spec.blocks
        for text in ([block.text] if hasattr(block, "text") else block.cells))]
    rows = tuple((t.item, t.rows) for t in spec.tables)
    return TemplateSource(spec.key, "templates/п.docx", tuple(names), rows, ())


def test_a_template_without_the_final_section_or_the_new_fields_passes_the_check():
    assert check_template(PROGRAMME, source_of(PROGRAMME)) == []
    new = {"mentor_report", "self_analysis", "self_analysis_title", "meetings", "pair_title", "head_sign",
           "coordinator_sign", "mentees_label", "person.role", "person.name", "sign.role", "sign.name"}
    assert check_template(PROGRAMME, source_of(PROGRAMME, drop=new)) == []
    assert check_template(PROGRAMME, source_of(PROGRAMME_2025)) == []  # the first default


def test_documents_meetings_is_a_known_setting():
    assert SPEC["documents"]["meetings"].default == ""  # type: ignore[union-attr]


def test_the_configured_frequency_of_meetings_reaches_the_programme(backend):
    backend.make(pair_rows(pair_id="П-004"))
    settings = DocumentSettings.from_section({"meetings": "  еженедельно,   по вторникам "})
    assert settings.meetings == "еженедельно, по вторникам"

    run(backend, meetings=settings.meetings)

    text = programme_text(backend)
    assert any("еженедельно, по вторникам" in line for line in text)
    assert not any("не реже одного раза в две недели" in line for line in text)


def test_upgrade_keeps_a_placed_first_default_and_orders_still_fill_it(backend):
    backend.make(group_rows())
    store = backend.workspace.documents({})
    store.place_templates([PROGRAMME_2025])

    upgraded = upgrade_workspace(backend.workspace, questionnaires=False, now=NOW)

    assert not any(PROGRAMME.name in line for line in upgraded.added)  # never replaced
    run(backend)
    text = programme_text(backend)
    assert "(наставническая пара / группа П-004)" in text  # the school's (old) template was used
    assert "РАССМОТРЕНО" not in text
    assert "Наставляемый (наставляемые): 1) Смирнова Мария Петровна, учитель, математика; " \
        "2) Белых Анна Сергеевна, учитель, математика; 3) Шевченко Ирина Олеговна, учитель, математика" in text
    assert "Наставник ____________________ Смирнова Ольга Ивановна" in text
    assert after(text, "2. Цель программы", 1)[0].startswith("Оказание помощи наставляемым")


def test_banks_made_before_the_education_column_still_give_a_programme(tmp_path, monkeypatch):
    import dataclasses

    import sync.local.create as local_create
    from sheets_schema.tables import ALL_TABLES
    from tests.backends import LocalBackend

    def without_education(table):
        return dataclasses.replace(table, columns=tuple(c for c in table.columns if c.key != "education"))

    older = tuple(without_education(t) if t.key in ("mentees", "mentors") else t for t in ALL_TABLES)
    backend = LocalBackend(tmp_path)
    with monkeypatch.context() as m:
        m.setattr(local_create, "ALL_TABLES", older)
        backend.make(pair_rows())
    assert "Образование" not in backend.grid("Наставники")[0]

    run(backend)

    assert table(programme_text(backend), "Образование", 6, 1) == [
        ["наставник", "Смирнова Ольга Ивановна", "учитель, математика", "24", "высшая", "—"]]


def test_a_programme_made_again_takes_the_mentees_final_self_analysis(backend):
    rows = pair_rows(pair_id="П-004")
    rows["self_assessment"] = [
        {"submitted": "10.10.2026 10:00:00", "email": "mentee0@school.example", "pair_id": "П-004",
         "assessment_stage": "начало", "self_analysis": "в начале — не для программы"},
        {"submitted": "20.05.2027 10:00:00", "email": "MENTEE0@school.example", "pair_id": "П-004",
         "assessment_stage": "окончание", "self_analysis": "Научилась строить урок от цели"},
    ]
    backend.make(rows)

    run(backend)

    text = programme_text(backend)
    assert "Научилась строить урок от цели" in text
    assert not any("в начале — не для программы" in line for line in text)
