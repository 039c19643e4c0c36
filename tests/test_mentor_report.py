"""The mentor's final report (issue 19, item 4) on both backends: the questionnaire «Итоговый отчёт
наставника» is made with the others (and by `upgrade-workspace` in an older workspace); `ingest`
lands its answers in «Отчёты наставников» with the pair found by the mentor's e-mail and the
mentees named; `validate` names a report it cannot link (sheet, row, column, the fix) and keeps the
row; `orders` puts the latest report of a pair's mentor into section 9.1 of the programme."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jobs.ingest import ingest, prepare_questionnaires
from jobs.mentor_report import PairPeople, find_pair, mentor_report_text
from jobs.upgrade import upgrade_workspace
from jobs.validate import validate
from sheets_schema import ru
from sheets_schema.grid import read_grid
from sheets_schema.questionnaires import MENTOR_REPORT_FORM, QUESTIONNAIRES, IngestState
from sheets_schema.tables import ALL_TABLES, INGEST_STATE, LOG, MENTOR_REPORTS
from tests.test_ingest_local import write_csv
from tests.test_orders import documents, mentee, mentor, pair, rows_for, run, text_of
from tests.workspaces import NOW

TAB = MENTOR_REPORTS.title
MENTEES_HEADER = MENTOR_REPORTS.column("report_mentees").header
HEADERS = ["Отметка времени", "Адрес электронной почты"] + [q.title for q in MENTOR_REPORT_FORM.form_questions]
JUNE = dt.datetime(2027, 6, 1, 3, 0)
BLANK = "_" * 60
STRANGER = "stranger@school.example"


def school_rows() -> dict[str, list[dict[str, str]]]:
    """P000…P003 (mentorN ↔ menteeN) and P005: mentor0 again, with Соколова Мария Петровна."""
    rows = rows_for(4)
    rows["mentees"].append(mentee(5))
    rows["pairs"].append(pair(5, mentor_email="mentor0@school.example", mentor_name=mentor(0)["full_name"]))
    return rows


def answer(backend, request, batch: list[tuple[str, str, dict[str, str]]], name: str) -> None:
    """Mentors answer: (moment «ДД.ММ.ГГГГ ЧЧ:ММ», e-mail, {question key: text}) — an export file
    dropped into ``forms/`` locally, responses to the Google form on the fake."""
    if backend.name == "local":
        rows = [[f"{moment}:00", email] + [answers.get(q.key, "") for q in MENTOR_REPORT_FORM.form_questions]
                for moment, email, answers in batch]
        write_csv(backend.workspace.directory / "forms" / f"{name}.csv", HEADERS, rows)
        return
    fake = request.getfixturevalue("fake_google")
    state = IngestState.read(backend.workspace.read([INGEST_STATE])[INGEST_STATE.key])
    form_id = state.links[MENTOR_REPORT_FORM.key].form_id
    for moment, email, answers in batch:
        stamp = dt.datetime.strptime(moment, "%d.%m.%Y %H:%M").astimezone(dt.timezone.utc)  # the machine's zone
        fake.submit_form_response(form_id, {MENTOR_REPORT_FORM.question(k).title: v for k, v in answers.items()},
                                  respondent_email=email, timestamp=stamp.strftime("%Y-%m-%dT%H:%M:00Z"))


def tab(backend) -> list[dict[str, str]]:
    grid = backend.grid(TAB)
    return [dict(zip(grid[0], row + [""] * (len(grid[0]) - len(row)))) for row in grid[1:] if any(row)]


def programme_of(backend, pair_id: str) -> list[str]:
    made = [d for d in documents(backend, "programme") if d.pairs == (pair_id,)]
    assert len(made) == 1, pair_id
    return text_of(backend, made[0])


def section_91(text: list[str]) -> list[str]:
    return text[text.index("9.1. Отчёт наставника о реализации программы") + 1:
                next(i for i, line in enumerate(text) if line.startswith("9.2. "))]


def test_reports_are_ingested_linked_checked_and_fill_section_9_1(backend, request):
    backend.make(school_rows())
    prepare_questionnaires(backend.workspace)
    if backend.name == "local":
        doc = backend.workspace.directory / "forms" / "анкета-отчёт-наставника.md"
        assert doc.read_text(encoding="utf-8").startswith("# Итоговый отчёт наставника\n")
    else:
        state = IngestState.read(backend.workspace.read([INGEST_STATE])[INGEST_STATE.key])
        assert set(state.links[MENTOR_REPORT_FORM.key].question_ids) == {
            q.key for q in MENTOR_REPORT_FORM.form_questions}

    answer(backend, request, [
        ("20.05.2027 10:00", "mentor1@school.example", {"report_done": "Провели 12 встреч и два открытых урока",
                                                        "report_results": "Уверенно ведёт уроки"}),
        ("21.05.2027 10:00", "Mentor0@School.example", {"report_mentees": "Соколова М. П.",
                                                        "report_done": "Разобрали восемь уроков Соколовой"}),
        ("22.05.2027 10:00", "mentor0@school.example", {"report_done": "Отчёт без пары: у наставника их две"}),
        ("23.05.2027 10:00", STRANGER, {"report_done": "Отчёт человека не из пар"}),
    ], "first")
    first = ingest(backend.workspace, now=JUNE)
    assert first.exit_code == 0, first.lines()
    rows = tab(backend)
    assert [(r["E-mail"].casefold(), r["ID пары"]) for r in rows] == [
        ("mentor1@school.example", "P001"), ("mentor0@school.example", "P005"),
        ("mentor0@school.example", ""), (STRANGER, "")]
    assert rows[2]["Сообщение"] == ("«Наставляемые (ФИО или e-mail)»: не заполнено, а у наставника "
                                    "mentor0@school.example несколько пар (P000, P005). Впишите ФИО или e-mail "
                                    "наставляемого, о чьей паре отчёт; отчёт сохранён.")
    assert rows[3]["Сообщение"].startswith(f"«E-mail»: {STRANGER} не числится наставником ни одной пары на листе «Пары».")
    assert any(line.startswith(f"Отчёт наставника {STRANGER} (23.05.2027 10:00:00): «E-mail»:") for line in first.lines())

    # the same mentor answers again for the same pair: their row takes the newer report
    answer(backend, request, [("25.05.2027 09:00", "mentor1@school.example",
                               {"report_done": "Итог: 14 встреч и три открытых урока",
                                "report_recommendations": "Продолжить классное руководство"})], "second")
    assert ingest(backend.workspace, now=JUNE).exit_code == 0
    assert ingest(backend.workspace, now=JUNE).new == 0  # each response once
    rows = tab(backend)
    assert len(rows) == 4 and rows[0]["Что сделано"] == "Итог: 14 встреч и три открытых урока"
    assert rows[0]["Результаты наставляемого"] == ""  # the newer answer left it empty

    checked = validate(backend.workspace, now=JUNE)
    lines = checked.lines()
    assert f"Лист «{TAB}», строка 4, столбец «{MENTEES_HEADER}»: не заполнено, а у наставника " \
           "mentor0@school.example несколько пар (P000, P005). Впишите ФИО или e-mail наставляемого, о чьей " \
           "паре отчёт; отчёт сохранён." in lines
    assert any(line.startswith(f"Лист «{TAB}», строка 5, столбец «E-mail»: {STRANGER} не числится наставником")
               and "отчёт сохранён" in line for line in lines)
    assert f"«{TAB}»: отчётов 4, привязаны к парам 2, с замечаниями 2." in lines
    assert len(tab(backend)) == 4  # nothing lost

    # staff name the mentee of the unlinked report: the next validate links it and clears the message
    backend.set_cells(TAB, {(4, MENTEES_HEADER): "mentee0@school.example"})
    validate(backend.workspace, now=JUNE)
    fixed = tab(backend)[2]
    assert (fixed["ID пары"], fixed["Сообщение"], fixed["Что сделано"]) == (
        "P000", "", "Отчёт без пары: у наставника их две")
    rerun = validate(backend.workspace, now=JUNE).commit  # a rerun writes only its «Журнал» row
    assert (rerun.rows_appended, rerun.cells_written) == (1, len(LOG.columns))

    made = run(backend)
    assert made.exit_code == 0, made.lines()
    # one line per answered question (a line break in the .docx paragraph, a paragraph in the Google Doc)
    assert "\n".join(section_91(programme_of(backend, "P001"))) == (
        "Что сделано: Итог: 14 встреч и три открытых урока\nРекомендации: Продолжить классное руководство")
    assert "Что сделано: Разобрали восемь уроков Соколовой" in " ".join(section_91(programme_of(backend, "P005")))
    assert "Что сделано: Отчёт без пары: у наставника их две" in " ".join(section_91(programme_of(backend, "P000")))
    assert section_91(programme_of(backend, "P002")) == [BLANK]  # no report: the line to write on
    assert not any("не из пар" in line for line in programme_of(backend, "P003"))


def older(tables):
    return tuple(t for t in tables if t is not MENTOR_REPORTS)


def test_an_older_workspace_gets_the_tab_and_the_form_by_the_upgrade(backend, request, monkeypatch):
    import sync.google.create as google_create
    import sync.google.forms as google_forms
    import sync.local.create as local_create
    import sync.local.forms as local_forms

    with monkeypatch.context() as m:  # the workspace and forms as the version before the report made them
        m.setattr(local_create, "ALL_TABLES", older(ALL_TABLES))
        m.setattr(google_create, "ALL_TABLES", older(ALL_TABLES))
        for forms in (google_forms, local_forms):
            m.setattr(forms, "QUESTIONNAIRES", tuple(q for q in QUESTIONNAIRES if q is not MENTOR_REPORT_FORM))
        backend.make(school_rows())
        prepare_questionnaires(backend.workspace)
    assert backend.workspace.read_grids([TAB])[TAB] is None
    state = IngestState.read(backend.workspace.read([INGEST_STATE])[INGEST_STATE.key])
    assert MENTOR_REPORT_FORM.key not in state.links
    before = ingest(backend.workspace, now=NOW)  # the tab missing holds nothing else up
    assert before.exit_code == 0, before.lines()
    unready = [c for c in backend.workspace.questionnaire_checks(state.links) if not c.ok]
    assert [MENTOR_REPORT_FORM.title in c.title for c in unready] == [True]  # doctor's line, and the upgrade's cue
    doc = backend.workspace.directory / "forms" / "анкета-отчёт-наставника.md" if backend.name == "local" else None
    assert doc is None or not doc.exists()

    upgraded = upgrade_workspace(backend.workspace, now=NOW, templates=False)

    assert f"Добавлен лист «{TAB}» (заголовки)" in upgraded.added
    assert backend.grid(TAB)[0] == MENTOR_REPORTS.headers
    if backend.name == "google":
        state = IngestState.read(backend.workspace.read([INGEST_STATE])[INGEST_STATE.key])
        assert MENTOR_REPORT_FORM.key in state.links
        assert any("Итоговый отчёт наставника" in line for line in upgraded.added)
    else:  # the readable document a school builds its form from
        assert doc is not None and doc.read_text(encoding="utf-8").startswith("# Итоговый отчёт наставника\n")
        assert ru.INGEST["documents"].format(path=doc.parent) in upgraded.added
    assert backend.workspace.questionnaire_checks(state.links) == [] if backend.name == "local" else \
        all(c.ok for c in backend.workspace.questionnaire_checks(state.links))
    answer(backend, request, [("20.05.2027 10:00", "mentor2@school.example", {"report_done": "Всё по плану"})],
           "after-upgrade")
    assert ingest(backend.workspace, now=JUNE).exit_code == 0
    assert [(r["ID пары"], r["Что сделано"]) for r in tab(backend)] == [("P002", "Всё по плану")]
    again = upgrade_workspace(backend.workspace, now=NOW, templates=False)
    assert again.added == []


# --- finding the pair, pure --------------------------------------------------------------------
PEOPLE = [
    PairPeople("П-1", "petrova@school26.example", ("ivanova@school26.example",), ("Иванова Мария Петровна",), False),
    PairPeople("П-2", "petrova@school26.example", ("orlov@school26.example", "belova@school26.example"),
               ("Орлов Олег Ильич", "Белова Анна Сергеевна"), False),
    PairPeople("П-3", "sokolov@school26.example", ("smirnova@school26.example",), ("",), False),
    PairPeople("П-4", "kuzmin@school26.example", ("old@school26.example",), ("Старых Ирина Олеговна",), True),
    PairPeople("П-5", "kuzmin@school26.example", ("new@school26.example",), ("Новых Ирина Олеговна",), False),
]


@pytest.mark.parametrize("email, mentees, expected", [
    pytest.param("Sokolov@School26.example ", "", "П-3", id="one_pair_needs_no_mentee"),
    pytest.param("petrova@school26.example", "Иванову М. П.", "П-1", id="name_in_another_case"),
    pytest.param("petrova@school26.example", "belova@school26.example", "П-2", id="one_of_a_group_by_email"),
    pytest.param("petrova@school26.example", "Орлов О. И., Белова А. С.", "П-2", id="the_whole_group"),
    pytest.param("kuzmin@school26.example", "", "П-5", id="a_stopped_pair_does_not_make_two"),
    pytest.param("sokolov@school26.example", "smirnova@school26.example", "П-3", id="email_without_a_name"),
    pytest.param("petrova@school26.example", "", "", id="two_pairs_no_mentee"),
    pytest.param("petrova@school26.example", "Смирнова", "", id="mentee_of_another_mentor"),
    pytest.param("nobody@school26.example", "Иванова", "", id="not_a_mentor"),
    pytest.param("", "Иванова", "", id="no_email"),
])
def test_find_pair(email, mentees, expected):
    pair_id, problem = find_pair(PEOPLE, email, mentees)
    assert pair_id == expected
    assert bool(problem) == (not expected)


def test_an_unknown_mentee_is_told_with_the_mentors_own_mentees():
    _, problem = find_pair(PEOPLE, "petrova@school26.example", "Смирнова")
    assert problem == ("«Наставляемые (ФИО или e-mail)»: «Смирнова» — нет среди наставляемых пар наставника "
                       "petrova@school26.example (П-1: Иванова Мария Петровна; П-2: Орлов Олег Ильич, Белова Анна "
                       "Сергеевна). Впишите ФИО или e-mail наставляемого так, как на листе «Пары»; отчёт сохранён.")


def report_table(rows: list[dict[str, str]]):
    grid = [MENTOR_REPORTS.headers] + [[r.get(c.key, "") for c in MENTOR_REPORTS.columns] for r in rows]
    return read_grid(MENTOR_REPORTS, grid)


def test_the_text_is_the_latest_report_of_the_pairs_own_mentor():
    data = report_table([
        {"submitted": "25.05.2027 10:00:00", "email": "petrova@school26.example", "pair_id": "П-1",
         "report_done": "позднее", "report_overcome": "адаптация", "report_remaining": "ОГЭ"},
        {"submitted": "20.05.2027 10:00:00", "email": "petrova@school26.example", "pair_id": "П-1",
         "report_done": "раннее"},
        {"submitted": "30.05.2027 10:00:00", "email": "other@school26.example", "pair_id": "П-1",
         "report_done": "чужой наставник"},
        {"submitted": "31.05.2027 10:00:00", "email": "petrova@school26.example", "pair_id": "П-2",
         "report_done": "другая пара"},
    ])
    assert mentor_report_text(data, "П-1", "Petrova@school26.example") == (
        "Что сделано: позднее\nПреодолённые затруднения: адаптация\nОставшиеся затруднения: ОГЭ")
    assert mentor_report_text(data, "П-3", "petrova@school26.example") == ""
    assert mentor_report_text(data, "", "petrova@school26.example") == ""


def test_the_form_asks_nothing_beyond_the_pair_and_its_report():
    assert [q.key for q in MENTOR_REPORT_FORM.questions] == [
        "email", "report_mentees", "report_done", "report_results", "report_overcome", "report_remaining",
        "report_recommendations"]
    assert [q.key for q in MENTOR_REPORT_FORM.questions if q.required] == ["email", "report_done"]
    assert not any(q.kind == "consent" for q in MENTOR_REPORT_FORM.questions)
    assert dataclasses.replace(MENTOR_REPORTS).service  # written by the jobs only
    assert ru.QUESTIONNAIRES["mentor_report_title"] == "Итоговый отчёт наставника"


def test_a_programme_under_an_order_is_made_again_at_the_end_when_staff_clear_its_link(backend, request):
    """The mentor reports at the end, when the pair's programme has long been made under its order:
    staff clear «Программа (ППН)» and `orders` makes the programme's final version with section 9.1
    from the report, links it, and leaves the order's programme as it was; a rerun makes nothing
    twice; a pair whose link stays is not touched."""
    backend.make(rows_for(2))
    prepare_questionnaires(backend.workspace)
    assert run(backend).exit_code == 0  # the order and both programmes, reports not yet written
    first = {d.pairs: d for d in documents(backend, "programme")}
    assert section_91(text_of(backend, first[("P001",)])) == [BLANK]
    assert {r["ID пары"]: r["Статус"] for r in pairs_tab(backend)} == {
        "P000": "закреплена приказом", "P001": "закреплена приказом"}

    answer(backend, request, [("20.05.2027 10:00", "mentor1@school.example",
                               {"report_done": "Провели 12 встреч", "report_results": "Уверенно ведёт уроки"})], "end")
    assert ingest(backend.workspace, now=JUNE).exit_code == 0
    backend.set_cells("Пары", {(3, "Программа (ППН)"): ""})  # P001's row

    made = run(backend)

    assert made.exit_code == 0, made.lines()
    assert made.programmes_created == 1
    final = [d for d in documents(backend, "programme") if d.pairs == ("P001",) and d.key != first[("P001",)].key]
    assert len(final) == 1 and final[0].name.endswith("итоговая редакция")
    assert "\n".join(section_91(text_of(backend, final[0]))) == (
        "Что сделано: Провели 12 встреч\nРезультаты наставляемого: Уверенно ведёт уроки")
    assert section_91(text_of(backend, first[("P001",)])) == [BLANK]  # the order's programme as it was
    links = {r["ID пары"]: r["Программа (ППН)"] for r in pairs_tab(backend)}
    assert links["P001"] == final[0].link and links["P000"] == first[("P000",)].link
    assert {r["ID пары"]: r["Статус"] for r in pairs_tab(backend)}["P001"] == "закреплена приказом"

    assert run(backend).programmes_created == 0  # the link is there: nothing to do
    backend.set_cells("Пары", {(3, "Программа (ППН)"): ""})
    again = run(backend)  # cleared again, the same texts: the same final version found, not a third
    assert (again.programmes_created, again.programmes_found) == (0, 1)
    assert len(documents(backend, "programme")) == 3


def pairs_tab(backend) -> list[dict[str, str]]:
    grid = backend.grid("Пары")
    return [dict(zip(grid[0], row + [""] * (len(grid[0]) - len(row)))) for row in grid[1:] if any(row)]
