"""The simulated school year of issue 19 ("Done when"), on the sample, on both backends.

The clock moves through one year of a school that starts with `jobs.sample`'s staff: matching
proposes pairs in November and the coordinator approves every proposal; the night makes the
orders and the programmes (each programme's plan lands on «План мероприятий»); the mentees
answer the self-assessment at the start; by April staff tick 60 % of the plan rows that are due
and mentors record meetings in «Дневник встреч»; the mentees answer again near the end; the
night after the end dates turns every pair «завершена»; then the report shows the change per
difficulty and the public page passes the privacy checks of tests/test_publish.py.
"""
from __future__ import annotations

import csv
import datetime as dt
import re

import pytest

from jobs.completion import end_date
from jobs.config import MatchingSettings
from jobs.documents.settings import DocumentSettings
from jobs.ingest import prepare_questionnaires
from jobs.init import initial_rows
from jobs.nightly import NightlySettings, nightly
from jobs.publish import publish
from jobs.report import report
from jobs.sample import generate
from sheets_schema import ru
from sheets_schema.questionnaires import SELF_ASSESSMENT_FORM, IngestState
from sheets_schema.tables import ALL_TABLES, INGEST_STATE
from tests.backends import LocalBackend
from tests.rendered import Elements, markdown_it_html
from tests.test_orders import SCHOOL
from tests.workspaces import NOW, TODAY

LESSON, PARENTS = "современный урок", "работа с родителями"
PLAN_TAB, DIARY_TAB = ru.TABS.get("plan", ""), ru.TABS.get("diary", "")
HEADERS = ["Отметка времени", "Адрес электронной почты"] + [q.title for q in SELF_ASSESSMENT_FORM.form_questions]


def night(backend, when: dt.datetime):
    settings = NightlySettings(school=SCHOOL, documents=DocumentSettings(order_number="45-о"),
                               matching=MatchingSettings.default())
    result = nightly(backend.workspace, settings, now=when)
    assert result.exit_code == 0, [(s.job, s.errors) for s in result.steps if s.exit_code]
    return result


def answers(backend, name: str, when: dt.datetime, mentees: list[str], score) -> None:
    """The mentees answer the self-assessment: on Google, in the form; locally, a Google Forms
    export dropped into forms/."""
    def by_title(i: int) -> dict[str, str]:
        return {LESSON: str(score(i)), PARENTS: str(min(10, score(i) + 1)),
                ru.QUESTIONNAIRES["self_analysis"]: "уроки стали увереннее" if score(i) > 5 else ""}

    if backend.name == "google":
        state = IngestState.read(backend.workspace.read([INGEST_STATE])[INGEST_STATE.key])
        form_id = state.links[SELF_ASSESSMENT_FORM.key].form_id
        for i, email in enumerate(mentees):
            backend.fake.submit_form_response(form_id, {k: v for k, v in by_title(i).items() if v},
                                              respondent_email=email, timestamp=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        return
    with (backend.directory / "forms" / name).open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        for i, email in enumerate(mentees):
            writer.writerow([when.strftime("%d.%m.%Y %H:%M:%S"), email] +
                            [by_title(i).get(q.title, "") for q in SELF_ASSESSMENT_FORM.form_questions])


def pairs_by_id(backend) -> dict[str, dict[str, str]]:
    grid = backend.grid("Пары")
    header = grid[0]
    return {row[0]: dict(zip(header, row)) for row in grid[1:] if row and row[0]}


@pytest.fixture(params=["local", "google"])
def school(request, tmp_path):
    if request.param == "local":
        backend = LocalBackend(tmp_path)
    else:
        from tests.backends import GoogleBackend
        from tests.test_google_support import fast_client, google_settings

        fake = request.getfixturevalue("fake_google")
        settings = google_settings(fake, tmp_path)
        backend = GoogleBackend(settings, fast_client(settings))
        backend.fake = fake
    sample = generate(60, 7, TODAY)
    backend.make(initial_rows(TODAY, sample))
    if request.param == "google":
        prepare_questionnaires(backend.workspace)  # the forms, as `init --google` makes them
    return backend, sample


def test_a_school_year_from_the_proposals_to_the_report_and_the_page(school, tmp_path):
    backend, sample = school
    has_tab = {t.title for t in ALL_TABLES}

    # November: matching proposes, the coordinator approves every proposal
    night(backend, NOW)
    statuses = backend.column("Предложения", "Статус")
    proposed = {r: v for r, v in statuses.items() if v == "предложено"}
    assert len(proposed) >= 5
    backend.set_cells("Предложения", {(r, "Статус"): "утверждено" for r in proposed})

    # the next night: pairs, the order and the programmes (and, with them, each plan)
    night(backend, NOW + dt.timedelta(days=1))
    pairs = pairs_by_id(backend)
    assert pairs and {p["Статус"] for p in pairs.values()} == {"закреплена приказом"}
    mentees = sorted({e.strip() for p in pairs.values() for e in p["Наставляемые (e-mail)"].split(",") if e.strip()})
    starts = [end_date(p["Начало"]) for p in pairs.values()]
    ends = [end_date(p["Окончание"]) for p in pairs.values()]
    assert all(starts) and all(ends)
    first_start, last_end = min(d for d in starts if d), max(d for d in ends if d)

    # the start: every mentee rates the difficulties
    start_day = dt.datetime.combine(first_start, dt.time(10)) + dt.timedelta(days=3)
    answers(backend, "start.csv", start_day, mentees, lambda i: 2 + i % 3)
    night(backend, start_day + dt.timedelta(hours=18))

    # April: staff tick 60 % of the plan rows that are due; mentors record meetings
    april = dt.datetime(2027, 4, 30, 3, 0)
    ticked = due = 0
    if PLAN_TAB in has_tab:
        ids, dues = backend.column(PLAN_TAB, "ID пары"), backend.column(PLAN_TAB, "Срок")
        due_rows = [r for r in ids if ids[r] and end_date(dues[r]) and end_date(dues[r]) <= april.date()]
        marks = {r: "выполнено" for r in due_rows[: len(due_rows) * 60 // 100]}
        backend.set_cells(PLAN_TAB, {(r, "Отметка"): v for r, v in marks.items()})
        ticked, due = len(marks), len(due_rows)
        assert due >= len(pairs)
    if DIARY_TAB in has_tab:
        formats = ru.LISTS["meeting_formats"]
        cells = {}
        for n, pair_id in enumerate(sorted(pairs)):
            cells[(n + 2, "ID пары")] = pair_id
            cells[(n + 2, "Дата встречи")] = "15.04.2027"
            cells[(n + 2, "Тема встречи")] = "разбор открытого урока"
            cells[(n + 2, "Формат встречи")] = formats[0]
        backend.set_cells(DIARY_TAB, cells)
    night(backend, april)
    pairs = pairs_by_id(backend)
    if PLAN_TAB in has_tab:
        done = sum(int(re.match(r"(\d+) из", p["Выполнение плана"])[1]) for p in pairs.values())
        of = sum(int(re.match(r"\d+ из (\d+)", p["Выполнение плана"])[1]) for p in pairs.values())
        assert (done, of) == (ticked, due)
    if DIARY_TAB in has_tab:
        messages = [m for m in backend.column(DIARY_TAB, "Сообщение").values() if m]
        assert messages == [ru.STATUS_OK] * len(pairs)  # every meeting recorded is a pair's, in its term

    # the end: the mentees answer again in the last weeks, then the end dates pass
    end_answers = dt.datetime.combine(last_end, dt.time(10)) - dt.timedelta(days=10)
    answers(backend, "end.csv", end_answers, mentees, lambda i: 6 + i % 4)
    after_end = dt.datetime.combine(last_end, dt.time(3)) + dt.timedelta(days=1)
    result = night(backend, after_end)
    completion = next(s for s in result.steps if s.job == "completion")
    assert completion.exit_code == 0
    assert {p["Статус"] for p in pairs_by_id(backend).values()} == {"завершена"}
    assert night(backend, after_end + dt.timedelta(days=1)).exit_code == 0  # nothing more to end
    assert {p["Статус"] for p in pairs_by_id(backend).values()} == {"завершена"}

    # the report: the change per difficulty from every mentee with both answers
    made = report(backend.workspace, SCHOOL, now=after_end + dt.timedelta(hours=6))
    rows = {r["name"]: r for r in made.fill.rows["before_after"]}
    assert rows[LESSON]["answers"] == str(len(mentees)) and len(mentees) >= 5
    low = lambda band: int(band.split("–")[0])  # noqa: E731
    assert low(rows[LESSON]["after"]) > low(rows[LESSON]["before"])
    assert low(rows[PARENTS]["after"]) > low(rows[PARENTS]["before"])

    # the public page: no name or address of anyone in the banks or the pairs
    page = publish(backend.workspace, tmp_path / "site", now=after_end + dt.timedelta(hours=7),
                   school="МБОУ СОШ № 26")
    html = Elements(page.html_path.read_text(encoding="utf-8")).text
    md = Elements(markdown_it_html(page.md_path.read_text(encoding="utf-8"))).text
    people = [*sample.mentees, *sample.mentors]
    for text in (html, md):
        assert "@" not in text and "docs.google.com" not in text
        for person in people:
            assert person["full_name"].casefold() not in text.casefold()
            assert person["email"].casefold() not in text.casefold()
            surname = person["full_name"].split()[0]
            assert re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", text, re.IGNORECASE) is None, surname
    # issue 22: the page shows the change per difficulty and every pair done, as charts with their data
    assert "Данные диаграммы: Самооценка по затруднениям до и после наставничества" in html
    assert f"{LESSON} {rows[LESSON]['before']} {rows[LESSON]['after']} " in html
    assert f"завершены {len(pairs)}" in html and "по плану 0 отстают 0" in html
