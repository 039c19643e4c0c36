"""Renamed headers and question titles (issue 18, item 8): a workspace, a form export or a Google
form made with the EARLIER wording keeps working — its headers and titles are read as the current
ones (`ru.OLD_HEADERS`, `ru.OLD_QUESTIONS`) — while a new workspace and new forms get the new
wording. The earlier workspace is simulated as tests/test_upgrade.py does it: the previous
version's texts written into a fresh workspace.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli import cli
from jobs.config import MatchingSettings, render_local_config
from jobs.doctor import doctor
from jobs.ingest import ingest, prepare_questionnaires
from jobs.nightly import NightlySettings, nightly
from jobs.sample import generate
from jobs.upgrade import upgrade_workspace
from jobs.init import DEFAULT_SCHOOL, init_workspace, initial_rows
from sheets_schema import ru
from sheets_schema.grid import find_columns, read_grid
from sheets_schema.questionnaires import MENTEE_FORM, MONITORING_FORM, SCALE, IngestState
from sheets_schema.tables import INGEST_STATE, MENTEES, MENTORS, MONITORING
from sheets_schema.upgrade import plan_upgrade
from sync.local import create_local_workspace
from sync.workspace import Check
from tests.test_google_support import bank_table, google_workspace, seeded_workspace
from tests.test_ingest_local import by_email, mentee_answers, write_csv
from tests.workspaces import NOW, TODAY, local_workspace

# What the previous version called them (copied here on purpose: the test must fail if an alias
# is dropped from ru.OLD_HEADERS / ru.OLD_QUESTIONS).
OLD_HEADERS = {
    "category": "Квалификационная категория",
    "trained": "Обучение наставников пройдено",
    "difficulties_closed": "Закрытые затруднения",
}
OLD_TITLES = {
    "category": "Квалификационная категория",
    "partner_email": "Адрес электронной почты вашего наставника (наставнику — наставляемого)",
    "satisfaction": "Общая удовлетворённость программой",
}
OLD_MONITOR = {"difficulties_closed": "Закрыто затруднений из заявленных наставляемыми в парах"}
NEW_HEADERS = {
    "category": "Квалификационная категория / СЗД",
    "trained": "Прошёл(ла) обучение для наставников",
    "difficulties_closed": "Преодолённые затруднения",
}
NEW_TITLES = {
    "category": "Квалификационная категория / СЗД",
    "partner_email": ("Адрес электронной почты второго участника пары (наставляемому — наставника, "
                      "наставнику — наставляемого)"),
    "satisfaction": "Насколько вы в целом удовлетворены программой?",
}
MATCHING = NightlySettings(matching=MatchingSettings.from_section({}))


def old_wording(m: pytest.MonkeyPatch) -> None:
    """Make the texts the previous version's (inside a monkeypatch context)."""
    for key, text in OLD_HEADERS.items():
        m.setitem(ru.HEADERS, key, text)
    for key, text in OLD_TITLES.items():
        m.setitem(ru.QUESTIONNAIRES, key, text)


def sample_rows() -> dict[str, list[dict[str, str]]]:
    """A sample with one approved pair and a monitoring answer naming difficulties overcome."""
    sample = generate(30, 3, TODAY)
    rows = initial_rows(TODAY, sample)
    mentee = next(r for r in sample.mentees if r.get("difficulties") and "@" in r.get("email", ""))
    mentor = sample.mentors[0]
    declared = [d.strip() for d in mentee["difficulties"].split(",") if d.strip() in ru.DIFFICULTIES]
    rows["pairs"] = [{"pair_id": "П-001", "mentor_email": mentor["email"], "mentee_emails": mentee["email"],
                      "status": "утверждена", "start": "01.09.2026"}]
    rows["monitoring"] = [{"submitted": "20.11.2026 10:00:00", "role": "наставляемый", "pair_id": "П-001",
                           "email": mentee["email"], "partner_email": mentor["email"], "comfort": "9",
                           "usefulness": "8", "clarity": "7", "expectations": "8", "satisfaction": "9",
                           "continue_wish": "10", "difficulties_closed": declared[0]}]
    return rows


def header_row(path, tab: str) -> list[str]:
    return [c.value for c in load_workbook(path)[tab][1] if c.value is not None]


def tab_values(path, tab: str, skip: frozenset[str] = frozenset()) -> list[list]:
    """A tab's rows (header excluded) as values, without the columns headed by `skip`."""
    ws = load_workbook(path)[tab]
    head = [c.value for c in ws[1]]
    keep = [i for i, h in enumerate(head) if h not in skip]
    return [[row[i] for i in keep] for row in ws.iter_rows(min_row=2, values_only=True)]


# --- the wording itself -------------------------------------------------------------------------
def test_new_workspaces_and_forms_get_the_new_wording(tmp_path):
    target = tmp_path / "w"
    workspace = init_workspace(lambda rows: create_local_workspace(target, rows, render_local_config(DEFAULT_SCHOOL)),
                               today=TODAY).workspace
    assert {k: ru.HEADERS[k] for k in NEW_HEADERS} == NEW_HEADERS
    assert {k: ru.QUESTIONNAIRES[k] for k in NEW_TITLES} == NEW_TITLES
    assert NEW_HEADERS["category"] in header_row(workspace.path, MENTEES.title)
    assert {NEW_HEADERS["category"], NEW_HEADERS["trained"]} <= set(header_row(workspace.path, MENTORS.title))
    assert NEW_HEADERS["difficulties_closed"] in header_row(workspace.path, MONITORING.title)
    assert not set(OLD_HEADERS.values()) & set(header_row(workspace.path, MENTORS.title))
    doc = (workspace.directory / "forms" / "анкета-мониторинга.md").read_text(encoding="utf-8")
    assert NEW_TITLES["partner_email"] in doc and NEW_TITLES["satisfaction"] in doc
    assert "Ответьте на каждый вопрос по шкале от 1 до 10, где 1 — совсем нет, 10 — полностью." in doc
    assert "вашего наставника" not in doc and "Оцените каждое утверждение" not in doc


def test_the_monitoring_instruction_names_the_scale_its_questions_have():
    scales = {(q.low, q.high) for q in MONITORING_FORM.questions if q.kind == SCALE}
    assert len(scales) == 1
    ((low, high),) = scales
    q = ru.QUESTIONNAIRES
    assert (f"Ответьте на каждый вопрос по шкале от {low} до {high}, где {low} — {q['scale_low']}, "
            f"{high} — {q['scale_high']}.") in MONITORING_FORM.description


def test_monitoring_summary_speaks_of_difficulties_overcome():
    m = ru.MONITOR
    assert m["difficulties_closed"] == "Преодолено затруднений из заявленных наставляемыми в парах"
    assert m["difficulties_heading"] == "Затруднения, отмеченные в анкетах как преодолённые"
    assert m["col_closed"] == "Отмечено преодолённым"
    assert "закрыт" not in " ".join(str(v) for v in m.values()).casefold()


# --- reading: the old header is the column, the new one wins when both are there ----------------
@pytest.mark.parametrize("header, found", [
    (["E-mail", "ФИО", OLD_HEADERS["category"]], 2),
    (["E-mail", "ФИО", NEW_HEADERS["category"]], 2),
    (["E-mail", OLD_HEADERS["category"], "ФИО", "квалификационная  КАТЕГОРИЯ / сзд:"], 3),  # current wins
    (["E-mail", "ФИО", "Категория"], None),
], ids=["old_header", "new_header", "both_new_wins", "neither"])
def test_a_column_is_found_by_its_old_header_too(header, found):
    positions, problems = find_columns(MENTEES, header)
    assert positions.get("category") == found
    assert not [p for p in problems if "атегори" in p.message]


def test_a_service_tab_with_an_old_header_is_read_and_the_upgrade_adds_no_second_column():
    head = [ru.HEADERS[c.key] if c.key != "difficulties_closed" else OLD_HEADERS["difficulties_closed"]
            for c in MONITORING.columns]
    row = ["" for _ in head]
    row[head.index(OLD_HEADERS["difficulties_closed"])] = "аттестация"
    row[head.index(ru.HEADERS["email"])] = "a@school26.example"
    data = read_grid(MONITORING, [head, row])
    assert data.ok, [p.message for p in data.problems]
    assert data.value(2, "difficulties_closed") == "аттестация"
    plan = plan_upgrade({MONITORING.title: [head, row]}, TODAY)
    assert [c.column.key for c in plan.columns] == []


def test_without_the_alias_the_old_header_would_be_a_missing_column(monkeypatch):
    """The alias is what reads the old tab (this test fails if `read_grid` ignored it)."""
    head = [ru.HEADERS[c.key] if c.key != "difficulties_closed" else OLD_HEADERS["difficulties_closed"]
            for c in MONITORING.columns]
    monkeypatch.setitem(ru.OLD_HEADERS, "difficulties_closed", ())
    data = read_grid(MONITORING, [head])
    assert [p.message for p in data.problems] == [
        ru.TEXT["missing_column"].format(tab=MONITORING.title, column=NEW_HEADERS["difficulties_closed"])]
    assert [c.column.key for c in plan_upgrade({MONITORING.title: [head]}, TODAY).columns] == ["difficulties_closed"]


# --- a workspace made by the previous version, local ----------------------------------------------
def test_an_old_workspace_runs_the_night_as_a_new_one_does(tmp_path, monkeypatch):
    with monkeypatch.context() as m:
        old_wording(m)
        old = local_workspace(tmp_path / "old", rows=sample_rows())
    new = local_workspace(tmp_path / "new", rows=sample_rows())
    assert OLD_HEADERS["trained"] in header_row(old.path, MENTORS.title)
    assert OLD_HEADERS["difficulties_closed"] in header_row(old.path, MONITORING.title)

    upgraded = upgrade_workspace(old, today=TODAY, now=NOW)  # adds the templates, as to a new one
    assert upgraded.exit_code == 0 and upgraded.skipped == []
    assert [line for line in upgraded.added if "столбец" in line] == []  # no second column
    assert header_row(old.path, MENTORS.title) == [OLD_HEADERS.get(c.key, c.header) for c in MENTORS.columns]
    assert doctor(old, Check("настройки", True)).failed == []

    results = {w: nightly(ws, MATCHING, now=NOW) for w, ws in (("old", old), ("new", new))}
    for result in results.values():
        assert result.exit_code == 0, [(s.job, s.errors) for s in result.steps]
        assert [s.job for s in result.steps] == ["upgrade", "ingest", "validate", "match", "roadmap", "completion",
                                                 "monitor"]
    # the old headers were read, not skipped: category and training weigh in the proposals, the
    # difficulties overcome in the monitoring figures — exactly as in the new workspace
    stamp = frozenset({ru.HEADERS["updated"]})
    old_proposals, new_proposals = (tab_values(w.path, ru.TABS["proposals"], stamp) for w in (old, new))
    assert old_proposals == new_proposals and len(new_proposals) > 5
    for tab in (MENTEES.title, MENTORS.title):
        assert tab_values(old.path, tab) == tab_values(new.path, tab)
    old_summary, new_summary = (tab_values(w.path, ru.MONITOR["tab"]) for w in (old, new))
    assert old_summary[1:] == new_summary[1:]  # row 2 is «Обновлено: …»
    overcome = next(r for r in new_summary if r[0] == ru.MONITOR["difficulties_closed"])
    assert overcome[1] == 1 and overcome[2] >= 1
    assert not any(r[0] == OLD_MONITOR["difficulties_closed"] for r in new_summary)


def test_the_cli_night_of_an_old_workspace_exits_0(tmp_path, monkeypatch):
    with monkeypatch.context() as m:
        old_wording(m)
        old = local_workspace(tmp_path / "old", rows=sample_rows())
    result = CliRunner().invoke(cli, ["--config", str(old.directory / "nastavnik.toml"), "nightly"])
    assert result.exit_code == 0, result.output
    assert header_row(old.path, MONITORING.title).count(NEW_HEADERS["difficulties_closed"]) == 0


# --- exports made from forms with the old titles, local -------------------------------------------
def test_an_export_with_the_old_titles_still_ingests(tmp_path):
    pairs = [{"pair_id": "П-001", "mentor_email": "petrov@school26.example",
              "mentee_emails": "ivanova@school26.example", "status": "утверждена"}]
    workspace = local_workspace(tmp_path / "w", rows={"pairs": pairs})
    forms = workspace.directory / "forms"
    answers = mentee_answers(0, category="первая")
    titles = [OLD_TITLES.get(q.key, q.title) for q in MENTEE_FORM.form_questions]
    assert OLD_TITLES["category"] in titles
    write_csv(forms / "наставляемые.csv", ["Отметка времени", "Адрес электронной почты", *titles],
              [["02.11.2026 9:00:00", "ivanova@school26.example", *(answers[q.key] for q in MENTEE_FORM.form_questions)]])
    monitoring = {"role": "наставляемый", "partner_email": "petrov@school26.example", "comfort": "9",
                  "usefulness": "8", "clarity": "7", "expectations": "6", "satisfaction": "4", "continue_wish": "10",
                  "difficulties_closed": "современный урок, аттестация"}
    m_titles = [OLD_TITLES.get(q.key, q.title) for q in MONITORING_FORM.form_questions]
    m_titles[[q.key for q in MONITORING_FORM.form_questions].index("difficulties_closed")] = \
        OLD_HEADERS["difficulties_closed"]  # a column named like the old sheet header
    write_csv(forms / "мониторинг.csv", ["Отметка времени", "Адрес электронной почты", *m_titles],
              [["20.11.2026 10:00:00", "ivanova@school26.example",
                *(monitoring[q.key] for q in MONITORING_FORM.form_questions)]])

    result = ingest(workspace, now=NOW)

    assert result.problems == [] and result.monitoring == 1
    assert by_email(workspace.path)["ivanova@school26.example"][NEW_HEADERS["category"]] == "первая"
    ws = load_workbook(workspace.path)[MONITORING.title]
    row = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]]))
    assert row[ru.HEADERS["pair_id"]] == "П-001"  # found by the partner's address
    assert row[ru.HEADERS["partner_email"]] == "petrov@school26.example"
    assert row[ru.HEADERS["satisfaction"]] in (4, "4")
    assert row[NEW_HEADERS["difficulties_closed"]] == "современный урок, аттестация"
    notes = " ".join(result.lines())
    assert "принят как вопрос" not in notes  # taken exactly, not as a near match


# --- on (fake) Google --------------------------------------------------------------------------------
def test_forms_made_with_the_old_titles_still_ingest_on_google(fake_google, tmp_path, monkeypatch):
    rows = {"pairs": [{"pair_id": "П-001", "mentor_email": "petrov@school26.example",
                       "mentee_emails": "ivanova@school26.example", "status": "утверждена"}]}
    workspace = seeded_workspace(fake_google, tmp_path, rows)
    with monkeypatch.context() as m:
        old_wording(m)
        prepare_questionnaires(workspace)  # `init --google` of the previous version
    links = IngestState.read(workspace.read([INGEST_STATE])[INGEST_STATE.key]).links
    form = workspace.client.forms_get(links["monitoring"].form_id)
    assert OLD_TITLES["partner_email"] in [i.get("title") for i in form["items"]]

    mentee = {OLD_TITLES.get(k, MENTEE_FORM.question(k).title): v for k, v in {
        "full_name": "Иванова Мария", "position": "учитель", "subject": "математика", "levels": ["основное общее"],
        "years": "2", "category": "первая", "difficulties": ["современный урок"], "pd_consent": "да"}.items()}
    fake_google.submit_form_response(links["mentee"].form_id, mentee, respondent_email="ivanova@school26.example",
                                     timestamp="2026-11-02T09:00:00Z")
    answers = {OLD_TITLES.get(k, MONITORING_FORM.question(k).title): v for k, v in {
        "role": "наставляемый", "partner_email": "petrov@school26.example", "comfort": "9", "usefulness": "8",
        "clarity": "7", "expectations": "8", "satisfaction": "4", "continue_wish": "10",
        "difficulties_closed": ["современный урок"]}.items()}
    fake_google.submit_form_response(links["monitoring"].form_id, answers, respondent_email="ivanova@school26.example",
                                     timestamp="2026-11-20T07:15:00Z")

    result = ingest(workspace, now=NOW)  # this version: new titles, the forms still have the old ones

    assert result.problems == [] and result.monitoring == 1
    person = next(r for r in bank_table(workspace, MENTEES).records.values() if r["email"] == "ivanova@school26.example")
    assert person["category"] == "первая"
    grid = workspace.read_grids([MONITORING.title])[MONITORING.title]
    row = dict(zip(grid[0], grid[1]))
    assert (row["ID пары"], row[ru.HEADERS["satisfaction"]]) == ("П-001", "4")
    assert row[NEW_HEADERS["difficulties_closed"]] == "современный урок"


def test_an_old_spreadsheet_on_google_passes_doctor_and_the_night(fake_google, tmp_path, monkeypatch):
    with monkeypatch.context() as m:
        old_wording(m)
        workspace = google_workspace(fake_google, tmp_path, sample_rows())
    grids = workspace.read_grids([MENTORS.title, MONITORING.title])
    assert OLD_HEADERS["trained"] in grids[MENTORS.title][0]
    assert OLD_HEADERS["difficulties_closed"] in grids[MONITORING.title][0]
    upgraded = upgrade_workspace(workspace, today=TODAY, now=NOW)
    assert upgraded.exit_code == 0 and [line for line in upgraded.added if "столбец" in line] == []
    assert doctor(workspace, Check("настройки", True)).failed == []
    result = nightly(workspace, MATCHING, now=NOW)
    assert result.exit_code == 0, [(s.job, s.errors) for s in result.steps]
    mentors = bank_table(workspace, MENTORS)
    assert mentors.ok and {"category", "trained"} <= set(mentors.positions)
    assert any(r.get("trained") for r in mentors.records.values())
    after = workspace.read_grids([MONITORING.title])[MONITORING.title][0]
    assert NEW_HEADERS["difficulties_closed"] not in after  # not added beside the old one

