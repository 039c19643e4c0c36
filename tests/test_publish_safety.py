"""The public page is safe by construction (issue 14, item 2): no value becomes markup or a link
in `index.html` or `index.md`; an event goes on the page only when marked public; a text that
names anyone of the banks — in any case, as initials, as first name + patronymic, with е for ё —
or holds an e-mail, however spelt, is withheld whole, and the coordinator is told which rows."""
from __future__ import annotations

import time

import pytest

from jobs.charts import inline_svg
from jobs.personal_names import PersonalNames, has_email
from jobs.publish import md_text, publish, publishable
from jobs.sample import generate
from sheets_schema import ru
from sheets_schema.roadmap import STAGES, default_rows
from tests.rendered import RENDERERS, Elements
from tests.test_monitor_data import programme_rows
from tests.workspaces import NOW, TODAY

# --- markup: every published field carries a payload -----------------------------------------
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[клик](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example/autolink>",
    "https://evil.example/bare www.evil.example",
    '<a href="javascript:alert(1)">ссылка</a>',
    '"><svg onload=alert(1)>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "**жирный** _курсив_ ~~зачёркнутый~~ `код`",
    "| столбец | ещё |",
    "# заголовок",
    "1. список",
    "- пункт",
    "> цитата",
    "=====",
    "[ссылка][1]\n\n[1]: javascript:alert(1)",
    "\\<script>alert(1)\\</script>",
]
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "section", "table",
             "caption", "thead", "tbody", "tr", "th", "td", "footer", "figure", "figcaption"}
PAGE_ATTRIBUTES = {"lang", "charset", "http-equiv", "name", "content", "aria-labelledby", "id", "scope", "class"}
# the charts inline: exactly what jobs.charts.inline_svg writes (HTML parsers lower-case the names)
PAGE_TAGS |= {e.lower() for e in inline_svg.ELEMENTS}
PAGE_ATTRIBUTES |= {a.lower() for a in inline_svg.ATTRIBUTES}
MARKDOWN_TAGS = {"h1", "h2", "p", "em", "table", "thead", "tbody", "tr", "th", "td"}


def payload_roadmap() -> list[dict[str, str]]:
    rows = []
    for i, payload in enumerate(PAYLOADS):
        rows.append({"stage_no": str(10 + i), "stage": f"Этап {payload}", "event": f"Событие {i}: {payload}",
                     "owner": f"Ответственный {payload}", "due": "10.12.2026", "status": "запланировано",
                     "evidence": payload, "code": payload, "public": "да"})
    rows.append({"stage_no": "<b>9</b>", "stage": "Этап", "event": "Событие с датой-ловушкой",
                 "due": "<script>alert(1)</script>", "status": "<img src=x onerror=alert(1)>", "public": "да"})
    return rows


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_every_payload_in_every_published_field_is_inert_in_both_files(backend, tmp_path):
    backend.make(programme_rows(payload_roadmap()))
    school = 'Школа <script>alert("x")</script> [x](javascript:alert(1)) ![i](https://evil.example/i.png)'

    result = publish(backend.workspace, tmp_path, now=NOW, school=school)

    page = Elements(result.html_path.read_text(encoding="utf-8"))
    assert page.names <= PAGE_TAGS, page.names - PAGE_TAGS
    assert {a for _, attrs in page.tags for a in attrs} <= PAGE_ATTRIBUTES
    # the page forbids every script and fetch: a browser refuses what an injected text might smuggle in
    assert [attrs["content"] for tag, attrs in page.tags if tag == "meta" and attrs.get("http-equiv")] == [
        "default-src 'none'; style-src 'unsafe-inline'"]
    # no reference leaves the page: links and paint servers point at the chart's own ids
    values = [v or "" for _, attrs in page.tags for v in attrs.values()]
    assert not [v for v in values if "url(" in v and not v.startswith("url(#chart-")]
    assert [v for _, attrs in page.tags for k, v in attrs.items() if k == "xlink:href"]
    assert all((v or "").startswith("#chart-") for _, attrs in page.tags for k, v in attrs.items() if k == "xlink:href")
    assert not [v for v in values if "javascript" in v.lower() or "<" in v]
    md = result.md_path.read_text(encoding="utf-8")
    shown = [page]
    for name, render in RENDERERS.items():
        rendered = Elements(render(md))
        assert rendered.names <= MARKDOWN_TAGS, (name, rendered.names - MARKDOWN_TAGS)
        assert all(not attrs for _, attrs in rendered.tags), name  # no href, src, on…, style
        shown.append(rendered)
    for view in shown:
        # what staff typed is shown as the characters they typed, not dropped and not run
        assert one_line(school) in view.text
        for i, payload in enumerate(PAYLOADS):
            assert one_line(f"Событие {i}: {payload}") in view.text, payload
            assert one_line(f"Этап {payload}") in view.text, payload
            assert f"Ответственный {payload}" not in view.text  # «Ответственный» is never published
        assert "Событие с датой-ловушкой" not in view.text  # no date: not an upcoming event


@pytest.mark.parametrize("value", PAYLOADS + ["1) список", "+ пункт", "Иванов-Петров 30.11.2026"])
def test_a_value_renders_as_its_own_text_and_nothing_else(value):
    for name, render in RENDERERS.items():
        rendered = Elements(render(md_text(value)))
        assert rendered.names <= {"p"}, (name, rendered.names)
        assert rendered.text == one_line(value), name


# --- names in every form --------------------------------------------------------------------
BANK = ["Борисова Анна Алексеевна", "Алексеева Марина Владимировна", "Козлова Людмила Андреевна",
        "Фёдоров Олег Олегович", "Жукова Лидия Игоревна", "Заболоцкая Вера Ильинична", "Шевчук Ирина Петровна",
        "Морозов Иван Сергеевич", "Белова Ольга Ивановна", "Волков Павел Ильич"]
EMAILS = ["zhukova.li@school26.example", "borisova.aa@school26.example"]

WITHHELD = [
    "Открытый урок Борисовой Анны Алексеевны для Алексеевой М. В.",
    "Козловой Л. А. и Фёдоровым",
    "Борисову А. А.",
    "Марина Владимировна",
    "Федоров О. О.",
    "ZHUKOVA.LI @ school26.example",
    "zhukova[at]school26.example",
    "zhukova (собака) school26 (точка) example",
    "zhukova.li at school26 dot example",
    "Напишите zhukova.li — она ответит",
    "Служебная проверка по жалобе родителей на Жукову (не публиковать)",
    "Консультация у Жуковой",
    "АЛЕКСЕЕВОЙ поручено",
    "Л.А.Козлова",
    "Анне Алексеевне вручить грамоту",
    "Олегу Олеговичу",
    "Заболоцкой В. И.",
    "Шевчук И. П.",
    "Морозову И. С.",
    "Беловой",
    "с Волковым П. И.",
    "семинар (не публиковать)",
    "пишите на info@school26.example",
]
INNOCENT = [
    "Открытый урок по теме «Розы»",
    "Анна и Мария готовят праздник",
    "Выставка «Зимних морозов» в фойе",
    "Сказка про волков и козлов",
    "Белая ладья: шахматный турнир",
    "Марина — причал для яхт",
    "Педагог-психолог: «Анна Каренина» в 9 классе",
]


@pytest.fixture(scope="module")
def bank() -> PersonalNames:
    return PersonalNames.of(BANK, EMAILS)


@pytest.mark.parametrize("text", WITHHELD)
def test_every_form_of_a_bank_name_is_withheld(bank, text):
    assert not publishable(text, bank)


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_texts_are_published(bank, text):
    assert publishable(text, bank)


def test_a_capitalised_surname_is_a_name_even_where_it_could_be_a_word(bank):
    assert not publishable("Морозов", bank) and publishable("морозов много", bank)
    assert not publishable("Волков", bank) and publishable("боимся волков", bank)
    assert not publishable("жуковой", bank)  # lower case, but no word of the language


@pytest.mark.parametrize("text, expected", [
    ("a.b@c.ru", True), ("A.B @ C.RU", True), ("a.b[at]c[dot]ru", True), ("a.b (at) c.ru", True),
    ("a.b собака c точка ru", True), ("@школа26 в соцсетях", False), ("встреча at 10", False),
])
def test_emails_in_obfuscated_spellings(text, expected):
    assert has_email(text) is expected


def test_no_event_or_stage_the_tool_seeds_is_withheld_among_5000_people():
    sample = generate(5000, seed=26, today=TODAY)
    people = sample.mentees + sample.mentors
    started = time.perf_counter()
    names = PersonalNames.of([p["full_name"] for p in people], [p["email"] for p in people])
    built = time.perf_counter() - started

    texts = [r["event"] for r in default_rows(TODAY)] + [f"{no}. {stage}" for no, stage, _ in STAGES]
    texts += [ru.PUBLISH[k] for k in ("h1", "privacy", "generated", "figures_heading", "roadmap_heading")]
    started = time.perf_counter()
    withheld = [t for t in texts if not publishable(t, names)]
    judged = time.perf_counter() - started

    assert withheld == []
    assert len(names.surnames) > 400  # every case of ~60 surnames in two genders, and the plural
    assert built < 20 and judged < 1, (built, judged)


# --- the job: what is published, what is withheld, and what the coordinator is told ---------
def roadmap_with_staff_events() -> list[dict[str, str]]:
    rows = default_rows(TODAY)  # sheet rows 2–16
    staff = [
        ("Открытый урок Ивановой М. П. для молодых педагогов", "да"),        # row 17: a name
        ("Наставник Марии Петровне: консультация", "да"),                     # row 18: first name + patronymic
        ("Служебная проверка по жалобе родителей на Смирнова", "да"),         # row 19: internal and a name
        ("Консультация: пишите kuznetsova.os [at] school26.example", "да"),  # row 20: an e-mail
        ("Семинар «Современный урок» (не публиковать)", "да"),                # row 21: marked internal
        ("Педсовет по итогам полугодия", ""),                                 # row 22: not marked public
        ("Встреча с родителями", "нет"),                                      # row 23: marked not public
        ("Открытый урок по теме «Розы»", "да"),                               # row 24: published
    ]
    for event, public in staff:
        rows.append({"stage_no": "7", "stage": "Информационная поддержка системы наставничества", "event": event,
                     "owner": "куратор", "due": "15.12.2026", "status": "запланировано", "public": public})
    return rows


def test_only_public_events_without_names_are_published_and_the_rest_are_counted_by_row(backend, tmp_path):
    backend.make(programme_rows(roadmap_with_staff_events()))

    result = publish(backend.workspace, tmp_path, now=NOW)

    assert result.roadmap.withheld == [17, 18, 19, 20, 21]
    assert result.roadmap.not_public == [22, 23]
    events = [e.event for e in result.upcoming]
    assert "Открытый урок по теме «Розы»" in events
    assert not any(e.startswith(("Открытый урок Ивановой", "Наставник", "Служебная", "Консультация", "Семинар",
                                 "Педсовет", "Встреча")) for e in events)
    stage7 = next(s for s in result.stages if s.stage_no == "7")
    assert stage7.total == 2  # the seeded event and the one published staff event
    withheld = ("Не опубликовано мероприятий дорожной карты: 5 (строки 17, 18, 19, 20, 21 листа "
                "«Дорожная карта») — в тексте ФИО или адрес e-mail участника либо пометка «не публиковать».")
    assert result.notes[0].startswith(withheld)
    assert result.notes[1].startswith("Не отмечены для публикации мероприятий: 2 (строки 22, 23 листа «Дорожная карта»)")
    for text in (result.html_path.read_text(encoding="utf-8"), "\n".join(result.notes)):
        assert "Иванов" not in text and "Смирнов" not in text and "kuznetsova" not in text and "Петровн" not in text
    jobs = backend.column("Журнал", ru.HEADERS["job"])
    details = backend.column("Журнал", ru.HEADERS["details"])
    [row] = [r for r, job in jobs.items() if job == ru.JOBS["publish"]]
    assert withheld in details[row] and "Иванов" not in details[row]


def test_every_event_the_tool_seeds_is_published(backend, tmp_path):
    backend.make(programme_rows())

    result = publish(backend.workspace, tmp_path, now=NOW, days=366)

    assert result.roadmap.withheld == [] and result.roadmap.not_public == [] and result.notes == []
    assert len(result.roadmap.public) == len(default_rows(TODAY)) == sum(s.total for s in result.stages)


def test_a_workspace_without_the_column_publishes_only_the_tools_own_events(backend, tmp_path):
    rows = default_rows(TODAY)
    rows[0] = dict(rows[0], event=rows[0]["event"].upper().replace("Ё", "Е"))  # the same event, retyped
    rows[1] = dict(rows[1], event="Приказы о парах — подготовить к 1 декабря")  # reworded by staff
    rows.append({"stage_no": "7", "stage": "Информационная поддержка системы наставничества",
                 "event": "Открытый урок по теме «Розы»", "due": "15.12.2026", "status": "запланировано"})
    backend.make(programme_rows(rows))
    backend.set_cells("Дорожная карта", {(1, "Публиковать"): "Примечание"})  # an older workbook

    result = publish(backend.workspace, tmp_path, now=NOW, days=366)

    assert result.roadmap.not_public == [3, 17] and result.roadmap.withheld == []
    assert 2 in result.roadmap.public and len(result.roadmap.public) == len(rows) - 2
    assert result.notes == [ru.PUBLISH["no_public_column"].format(
        tab="Дорожная карта", column="Публиковать", count=2, rows="3, 17")]
