"""Pure tests of documents: catalog terms, plan rows, template checks, and the Docs requests."""
from __future__ import annotations

import datetime as dt

import pytest

from jobs.documents.check import check_template
from jobs.documents.fill import order_key, short_name, split_emails
from jobs.documents.plan import due_text, plan_rows
from sheets_schema.templates import ORDER_PAIRS, PROGRAMME, TEMPLATES, default_catalog_rows, safe_value
from sync.google.documents import fill_requests, template_requests
from sync.workspace import TemplateSource

START, END = dt.date(2026, 12, 1), dt.date(2027, 8, 31)

DUE_CASES = [
    ("1", "декабрь 2026"),
    ("2–3", "январь – февраль 2027"),
    ("1-2", "декабрь 2026 – январь 2027"),
    ("12", "август 2027"),  # past the end: the last month
    ("последний", "август 2027"),
    ("Весь срок", "01.12.2026 – 31.08.2027"),
    ("раз в месяц", "раз в месяц"),
    ("", ""),
]


@pytest.mark.parametrize("due, expected", DUE_CASES)
def test_catalog_term_as_a_programme_date(due, expected):
    assert due_text(due, START, END) == expected


def test_plan_takes_general_rows_and_the_rows_of_the_difficulties_by_month():
    plan = plan_rows(["аттестация"], default_catalog_rows(), START, END)

    assert [(r["no"], r["event"][:20], r["due"]) for r in plan] == [
        ("1", "Знакомство, беседа о", "декабрь 2026"),
        ("2", "Взаимопосещение урок", "01.12.2026 – 31.08.2027"),
        ("3", "Консультация о поряд", "январь 2027"),
        ("4", "Формирование портфол", "февраль – март 2027"),
        ("5", "Самоанализ и отчёт н", "август 2027"),
        ("6", "Итоговое анкетирован", "август 2027"),
    ]


def source(names, rows=(("item", "plan"),), stray=(), hint="docx"):
    return TemplateSource("programme", "templates/п.docx", tuple(names), tuple(rows), tuple(stray), row_hint=hint)


REQUIRED = ["mentor", "mentees", "term", "item.event"]
WHERE = "Шаблон «Шаблон — персонализированная программа наставничества» (templates/п.docx): "
CHECK_CASES = [
    ("all_known", REQUIRED + ["school", "item.no"], (("item", "plan"),), (), []),
    ("misspelt", ["mentr", "mentees", "term", "item.event"], (("item", "plan"),), (), [
        WHERE + "неизвестное поле {{mentr}} — возможно, {{mentor}}. Исправьте поле в шаблоне; допустимые поля: ",
        WHERE + "нет обязательного поля {{mentor}}. Верните его"]),
    ("cyrillic_name", REQUIRED + ["школа"], (("item", "plan"),), (), [
        WHERE + "«{{школа}}» — не поле; поле пишется латиницей"]),
    ("row_field_outside_the_row", REQUIRED, (), (), [
        WHERE + "поле {{item.event}} должно стоять в повторяемой строке таблицы (строка между "
                "«{%tr for item in plan %}» и «{%tr endfor %}»)"]),
    ("unknown_list", REQUIRED, (("item", "plan"), ("x", "things")), (), [WHERE + "неизвестное поле {{x in things}}"]),
    ("unclosed_braces", REQUIRED, (("item", "plan"),), ("Наставник: {{mentor",), [
        WHERE + "незакрытые фигурные скобки рядом с «Наставник: {{mentor»"]),
]


@pytest.mark.parametrize("case, names, rows, stray, expected", CHECK_CASES, ids=[c[0] for c in CHECK_CASES])
def test_template_check(case, names, rows, stray, expected):
    problems = check_template(PROGRAMME, source(names, rows, stray))

    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected):
        assert problem.startswith(start), problem


def test_every_default_template_passes_its_own_check_as_written():
    for spec in TEMPLATES:
        names = sorted(spec.known - spec.optional | spec.required)
        rows = tuple((t.item, t.rows) for t in spec.tables)
        assert check_template(spec, TemplateSource(spec.key, "x", tuple(names), rows)) == []


def test_values_can_never_become_placeholders_or_tags():
    assert safe_value("{{school}} {%tr for x in y %}") == "{ {school} } { %tr for x in y % }"


@pytest.mark.parametrize("text, expected", [
    ("a@x.ru, B@x.ru", ["a@x.ru", "b@x.ru"]), ("a@x.ru;b@x.ru\nc@x.ru", ["a@x.ru", "b@x.ru", "c@x.ru"]), ("", [])])
def test_mentee_emails_of_a_pair(text, expected):
    assert split_emails(text) == expected


def test_names_and_keys():
    assert short_name("Петрова Анна Сергеевна") == "Петрова А. С."
    assert order_key(["P2", "P1"]) == order_key(["P1", "P2"]) != order_key(["P1"])


def test_template_requests_write_each_table_cell_where_google_puts_it():
    reqs = template_requests(ORDER_PAIRS)
    tables = [r for r in reqs if "insertTable" in r]
    assert [t["insertTable"]["columns"] for t in tables] == [5, 2, 4]  # pairs, appendices, people
    first = reqs.index(tables[0])
    pos = tables[0]["insertTable"]["location"]["index"]
    cells = [r["insertText"] for r in reqs[first + 1:] if "insertText" in r][:10]
    # last cell of the template row first: table at pos+1, row 1 at pos+2+11, cell 4 at +2+2*4
    assert cells[0] == {"location": {"index": pos + 1 + 1 + 11 + 2 + 8}, "text": "{{pair.term}}"}
    assert cells[-1] == {"location": {"index": pos + 1 + 1 + 2}, "text": "№"}


def test_an_empty_list_removes_the_template_row():
    doc = {"body": {"content": [
        {"startIndex": 1, "endIndex": 2, "paragraph": {"elements": [{"textRun": {"content": "\n"}}]}},
        {"startIndex": 2, "endIndex": 12, "table": {"tableRows": [
            {"startIndex": 3, "endIndex": 7, "tableCells": [
                {"content": [{"paragraph": {"elements": [{"textRun": {"content": "№\n"}}]}}]}]},
            {"startIndex": 7, "endIndex": 11, "tableCells": [
                {"content": [{"paragraph": {"elements": [{"textRun": {"content": "{{item.no}}\n"}}]}}]}]}]}},
    ]}}
    from sheets_schema.templates import Fill

    reqs = fill_requests(doc, PROGRAMME, Fill(rows={"plan": []}))

    assert reqs == [{"deleteTableRow": {"tableCellLocation": {
        "tableStartLocation": {"index": 2}, "rowIndex": 1, "columnIndex": 0}}}]
