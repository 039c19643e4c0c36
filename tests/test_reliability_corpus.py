"""Bad input corpus, part two: what tests/test_bad_inputs.py (its 58 bank cases, counted apart)
does not already cover — more bank rows, the workbook itself (merged cells, hidden rows, an empty
tab, a title row above the header, a truncated file), questionnaire exports (formula-like text,
emoji, 50,000-character answers, impossible dates, unmapped headers, a form with a deleted
question on Google), nastavnik.toml (wrong types, unknown keys, bad TOML) and document templates
(a missing or misspelt placeholder, a truncated .docx).

Each case asserts the exact Russian text staff will read, and that no cell changed beyond what
the job owns: «Статус»/«Сообщение» of the bank rows, the run's one row of «Журнал», and for an
export the rows it brings (nothing at all when a file is refused).
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from jobs.config import ConfigError, load as load_config, render_local_config
from jobs.ingest import ingest
from jobs.init import DEFAULT_SCHOOL
from jobs.validate import validate
from sheets_schema.questionnaires import MENTEE_FORM
from sheets_schema.tables import MENTEES as MENTEES_TABLE
from sync.local import LocalWorkspace
from sync.workspace import WorkspaceError
from tests.builders import MENTEES, NOW, make_workspace, snapshot
from tests.reliability.report import check_figures
from tests.test_bad_inputs import (
    BANK_TABS, MENTEE_TAB, MENTOR_TAB, OK, ROW_CASES as EARLIER_ROW_CASES, STRUCTURE_CASES as EARLIER_STRUCTURE,
    Case, assert_only_service_cells_and_log_changed, changed_cells, content_rows, mentee_case, mentor_case, run,
    statuses,
)

LONG_ANSWER = ("Очень подробный ответ. " * 2200)[:50_000]
assert len(LONG_ANSWER) == 50_000


# === 1. bank rows (validate) ======================================================================
def _merge(tab: str, cells: str):
    def edit(wb):
        wb[tab].merge_cells(cells)
    return edit


def _hide(tab: str, rows=(), columns=()):
    def edit(wb):
        for r in rows:
            wb[tab].row_dimensions[r].hidden = True
        for c in columns:
            wb[tab].column_dimensions[c].hidden = True
    return edit


def _set(tab: str, cell: str, value):
    def edit(wb):
        wb[tab][cell] = value
    return edit


# where the mentee bank's «Статус» and «Сообщение» are in a new workspace
_MENTEE_KEYS = [c.key for c in MENTEES_TABLE.columns]
STATUS, MESSAGE = (get_column_letter(_MENTEE_KEYS.index(key) + 1) for key in ("status", "message"))

ROW_CASES = {
    "email_trailing_dot": (Case(**mentee_case(0, email="ivanova.mp@school26.example.")),
        {(MENTEE_TAB, 2): ('Ошибка', 'E-mail: "ivanova.mp@school26.example." — неверный адрес электронной почты; укажите адрес вида ivanova@school.ru')}),
    "two_emails_in_one_cell": (Case(**mentee_case(0, email="ivanova.mp@school26.example, mp@mail.example")),
        {(MENTEE_TAB, 2): ('Ошибка', 'E-mail: "ivanova.mp@school26.example, mp@mail.example" — несколько адресов в одной ячейке; оставьте один адрес этого человека')}),
    "zero_width_space_in_email": (Case(**mentee_case(0, email="ivanova.mp\u200b@school26.example")),
        {(MENTEE_TAB, 2): ('Ошибка', 'E-mail: "ivanova.mp\u200b@school26.example" — в адресе есть невидимый символ (бывает при копировании с сайта); сотрите адрес и наберите его заново')}),
    "date_00_00_0000": (Case(**mentee_case(1, pd_consent="00.00.0000")),
        {(MENTEE_TAB, 3): ('Ошибка', 'Согласие на обработку ПДн (дата): "00.00.0000" — такой даты нет в календаре; проверьте день и месяц')}),
    "date_month_13_iso": (Case(**mentee_case(1, pd_consent="2026-13-01")),
        {(MENTEE_TAB, 3): ('Ошибка', 'Согласие на обработку ПДн (дата): "2026-13-01" — такой даты нет в календаре; проверьте день и месяц')}),
    "date_as_serial_number": (Case(**mentee_case(1, pd_consent="46000")),
        {(MENTEE_TAB, 3): ('Ошибка', 'Согласие на обработку ПДн (дата): "46000" — не дата; укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2025')}),
    "date_in_words_and_digits": (Case(**mentee_case(1, pd_consent="вчера")),
        {(MENTEE_TAB, 3): ('Ошибка', 'Согласие на обработку ПДн (дата): "вчера" — не дата; укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2025')}),
    "years_with_unit": (Case(**mentee_case(0, years="5 лет")),
        {(MENTEE_TAB, 2): ('Ошибка', 'Педагогический стаж, лет: "5 лет" — не число; укажите число лет, например 20')}),
    "capacity_two_point_zero_is_fine": (Case(**mentor_case(0, capacity="2.0")),
        {}),
    "name_all_latin_is_accepted": (Case(**mentee_case(0, full_name="Ivanova Maria Petrovna")),
        {}),
    "name_in_capitals_is_fine": (Case(**mentee_case(0, full_name="ИВАНОВА МАРИЯ ПЕТРОВНА")),
        {}),
    "latin_o_in_mentor_patronymic": (Case(**mentor_case(1, full_name="Соколов Николай Пaвлович")),
        {(MENTOR_TAB, 3): ('Ошибка', 'ФИО: "Соколов Николай Пaвлович" — смешаны русские и латинские буквы (латинские: a); перепечатайте ФИО русскими буквами')}),
    "tab_inside_name_is_fine": (Case(**mentee_case(0, full_name="Иванова\tМария Петровна")),
        {}),
    "unknown_level": (Case(**mentee_case(0, levels="высшее")),
        {(MENTEE_TAB, 2): ('Ошибка', 'Уровень образования: "высшее" — нет в списке; выберите значение из выпадающего списка столбца (несколько значений — через запятую)')}),
    "weekend_in_timetable": (Case(**mentee_case(0, timetable="пн, воскресенье")),
        {(MENTEE_TAB, 2): ('Ошибка', 'Удобные дни для встреч: "воскресенье" — нет в списке; выберите значение из выпадающего списка столбца (несколько значений — через запятую)')}),
    "unknown_category": (Case(**mentee_case(0, category="высшая+")),
        {(MENTEE_TAB, 2): ('Ошибка', 'Квалификационная категория / СЗД: "высшая+" — нет в списке; выберите значение из выпадающего списка; возможно, «высшая»')}),
    "trained_in_english_is_fine": (Case(**mentor_case(0, trained="yes")),
        {}),
    "minus_formula_in_consent": (Case(**mentee_case(1, pd_consent="-01.09.2026")),
        {(MENTEE_TAB, 3): ('Ошибка', 'Согласие на обработку ПДн (дата): "-01.09.2026" — похоже на формулу; введите значение текстом, без знака «-» в начале')}),
    "equals_formula_in_subject": (Case(**mentee_case(0, subject="=\"математика\"")),
        {(MENTEE_TAB, 2): ('Ошибка', 'Предмет: "="математика"" — похоже на формулу; введите значение текстом, без знака «=» в начале')}),
    "emoji_in_position_is_fine": (Case(**mentee_case(0, position="учитель математики 📐")),
        {}),
    "long_text_in_staff_notes": (Case(**mentee_case(2, notes=LONG_ANSWER)),
        {(MENTEE_TAB, 4): ('Ошибка', 'Примечание: значение длиннее 2000 символов (32767); сократите текст')}),
    # the workbook itself
    "merged_status_cells_each_row_gets_its_own": (Case(edits=(_merge(MENTEE_TAB, f"{STATUS}2:{STATUS}3"),
                                                              _merge(MENTEE_TAB, f"{MESSAGE}3:{MESSAGE}4"))),
        {}),
    "merged_name_cells_give_every_row_the_name": (Case(edits=(_merge(MENTEE_TAB, "A2:A3"),)),
        {}),
    "hidden_rows_and_column_still_checked": (
        Case(**mentee_case(1, years="двадцать"), edits=(_hide(MENTEE_TAB, rows=(3,), columns=("F",)),)),
        {(MENTEE_TAB, 3): ('Ошибка', 'Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20')}),
    "real_formula_cell": (Case(edits=(_set(MENTEE_TAB, "F2", "=1+1"),)),
        {(MENTEE_TAB, 2): ('Ошибка', 'Педагогический стаж, лет: формула без вычисленного значения — откройте и сохраните файл в Excel/LibreOffice')}),
    "number_cell_in_email_column": (Case(edits=(_set(MENTEE_TAB, "B2", 12345),)),
        {(MENTEE_TAB, 2): ('Ошибка', 'E-mail: "12345" — неверный адрес электронной почты; укажите адрес вида ivanova@school.ru')}),
    "date_cell_in_name_column": (Case(edits=(_set(MENTEE_TAB, "A2", dt.datetime(2026, 9, 1)),)),
        {(MENTEE_TAB, 2): ('Ошибка', 'ФИО: "01.09.2026" — в ФИО есть цифры или знаки; укажите фамилию, имя и отчество буквами')}),
}


@pytest.mark.parametrize("name", list(ROW_CASES))
def test_bank_and_workbook_case(tmp_path, name):
    case, expected = ROW_CASES[name]
    path, before, after, result = run(tmp_path, case)

    assert [p.message for p in result.problems] == []
    for tab in BANK_TABS:
        rows = content_rows(before, tab)
        want = {(tab, row): OK for row in rows}
        want.update({k: v for k, v in expected.items() if k[0] == tab})
        assert statuses(after, tab, rows) == want
    assert_only_service_cells_and_log_changed(before, after, BANK_TABS)


def test_merged_status_cells_are_unmerged_so_each_row_gets_its_own_status(tmp_path):
    path, before, after, result = run(tmp_path, ROW_CASES["merged_status_cells_each_row_gets_its_own"][0])

    sheet = load_workbook(path)[MENTEE_TAB]
    assert [str(r) for r in sheet.merged_cells.ranges] == [f"{MESSAGE}3:{MESSAGE}4"]  # «Сообщение»: nothing to write there
    column = _MENTEE_KEYS.index("status") + 1
    assert [sheet.cell(row=r, column=column).value for r in (2, 3, 4)] == ["OK", "OK", "OK"]


# === 2. the workbook as a whole (validate stops, nothing written) ================================
def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


WORKBOOK_CASES = {
    "truncated_xlsx": (_truncate, None),
    "zero_byte_xlsx": (lambda p: p.write_bytes(b""), None),
    "csv_saved_as_xlsx": (lambda p: p.write_text("ФИО;E-mail\nИванова;i@school.example\n", encoding="utf-8"), None),
}


@pytest.mark.parametrize("name", list(WORKBOOK_CASES))
def test_unreadable_workbook(tmp_path, name):
    spoil, _ = WORKBOOK_CASES[name]
    path = make_workspace(tmp_path)
    spoil(path)
    spoiled = path.read_bytes()

    with pytest.raises(WorkspaceError) as err:
        validate(LocalWorkspace(tmp_path), now=NOW)

    assert str(err.value) == WORKBOOK_MESSAGES[name].replace("{path}", str(path))
    assert path.read_bytes() == spoiled and not (tmp_path / "backups").exists()  # nothing written


STRUCTURE_CASES = {
    "empty_mentor_tab": (lambda wb: wb[MENTOR_TAB].delete_rows(1, wb[MENTOR_TAB].max_row), MENTOR_TAB),
    "header_below_row_10": (lambda wb: (wb[MENTEE_TAB].insert_rows(1, 10), wb[MENTEE_TAB].cell(1, 1, "Банк 2026/27")),
                            MENTEE_TAB),
    "merged_header_cells": (lambda wb: wb[MENTEE_TAB].merge_cells("A1:B1"), MENTEE_TAB),
    "duplicate_status_header": (lambda wb: wb[MENTOR_TAB].cell(1, 30, "Статус"), MENTOR_TAB),
}


@pytest.mark.parametrize("name", list(STRUCTURE_CASES))
def test_broken_tab_is_reported_and_not_written(tmp_path, name):
    edit, broken = STRUCTURE_CASES[name]
    path, before, after, result = run(tmp_path, Case(edits=(edit,)))

    assert [p.message for p in result.problems] == STRUCTURE_MESSAGES[name]
    assert result.exit_code == 1
    assert {k for k in changed_cells(before, after) if k[0] == broken} == set()
    (other,) = [t for t in BANK_TABS if t != broken]
    assert_only_service_cells_and_log_changed(before, after, [other])


# === 3. questionnaire exports (ingest, local) =====================================================
EXPORT_HEADERS = ["Отметка времени", "Адрес электронной почты"] + [q.title for q in MENTEE_FORM.form_questions]


def answers(**over: str) -> dict[str, str]:
    base = {"full_name": "Орлова Вера Андреевна", "position": "учитель", "subject": "математика",
            "levels": "основное общее", "years": "1", "category": "без категории", "young": "да",
            "difficulties": "современный урок", "preferred_form": "", "preferred_mentor": "",
            "timetable": "пн", "pd_consent": "да"}
    base.update(over)
    return base


def export_row(stamp: str, email: str, values: dict[str, str]) -> list[str]:
    return [stamp, email] + [values[q.key] for q in MENTEE_FORM.form_questions]


def csv_file(name: str, rows: list[list[str]], headers=EXPORT_HEADERS, encoding="utf-8", delimiter=","):
    def put(folder: Path) -> None:
        with (folder / name).open("w", newline="", encoding=encoding) as f:
            writer = csv.writer(f, delimiter=delimiter)
            writer.writerow(headers)
            writer.writerows(rows)
    return put


def truncated_xlsx_export(folder: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(EXPORT_HEADERS)
    wb.save(folder / "yandex.xlsx")
    _truncate(folder / "yandex.xlsx")


STAMP = "02.11.2026 9:41:07"
EMAIL = "orlova@school26.example"
# name → (export, problems, {header: value} expected in the new row of «Наставляемые» or None)
EXPORT_CASES = {
    "formula_equals_stays_text": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers(position='=HYPERLINK("http://evil.example";"x")'))]),
        [], {"Должность": '=HYPERLINK("http://evil.example";"x")'}),
    "formula_plus_stays_text": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers(preferred_mentor="+7 (900) 000-00-00"))]),
        [], {"Желаемый наставник": "+7 (900) 000-00-00"}),
    "formula_minus_stays_text": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers(preferred_mentor="-2+3"))]),
        [], {"Желаемый наставник": "-2+3"}),
    "formula_at_stays_text": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers(position="@учитель"))]),
        [], {"Должность": "@учитель"}),
    "emoji_answer_kept": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers(full_name="Орлова Вера 🌸 Андреевна"))]),
        [], {"ФИО": "Орлова Вера 🌸 Андреевна"}),
    "mixed_script_name_kept": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers(full_name="Opлова Вера Андреевна"))]),
        [], {"ФИО": "Opлова Вера Андреевна"}),
    "cp1251_semicolon_export": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers())], encoding="cp1251", delimiter=";"),
        [], {"ФИО": "Орлова Вера Андреевна", "Согласие на обработку ПДн (дата)": "02.11.2026"}),
    "impossible_timestamp_row_skipped": (
        csv_file("a.csv", [export_row("31.02.2026 10:00:00", EMAIL, answers())]), None, None),
    "empty_timestamp_row_skipped": (
        csv_file("a.csv", [export_row("", EMAIL, answers())]), None, None),
    "unmapped_header": (  # reported; the file's other columns are taken
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers()) + ["синий"]], headers=EXPORT_HEADERS + ["Любимый цвет"]),
        None, {"ФИО": "Орлова Вера Андреевна"}),
    "export_of_no_questionnaire": (
        csv_file("a.csv", [["1", "2"]], headers=["Город", "Улица"]), None, None),
    "no_timestamp_column": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers())[1:]], headers=EXPORT_HEADERS[1:]), None, None),
    "truncated_xlsx_export": (truncated_xlsx_export, None, None),
    "answer_of_50000_characters": (
        csv_file("a.csv", [export_row(STAMP, EMAIL, answers(preferred_mentor=LONG_ANSWER))]),
        [], {"Желаемый наставник": LONG_ANSWER[:32767]}),
}


@pytest.mark.parametrize("name", list(EXPORT_CASES))
def test_questionnaire_export(tmp_path, name):
    put, problems, stored = EXPORT_CASES[name]
    path = make_workspace(tmp_path)
    put(tmp_path / "forms")
    before = snapshot(path)

    result = ingest(LocalWorkspace(tmp_path), now=NOW)
    after = snapshot(path)

    assert result.problems == (problems if problems is not None else EXPORT_MESSAGES[name])
    changed = changed_cells(before, after)
    log_row = {k[1] for k in changed if k[0] == "Журнал"}
    assert len(log_row) == 1
    if stored is None:  # refused: only the run's row of «Журнал»
        assert {k[0] for k in changed} == {"Журнал"}
        assert result.new == 0
        return
    assert {k[0] for k in changed} == {"Журнал", "Наставляемые", "Анкеты (служебный)"}
    new_row = {k[1] for k in changed if k[0] == "Наставляемые"}
    assert new_row == {5}  # appended under the three rows, nothing above touched
    header = {v: c for (t, r, c), (v, _) in after.items() if t == "Наставляемые" and r == 1}
    for column, value in stored.items():
        assert after[("Наставляемые", 5, header[column])] == (value, "s")


def test_form_with_a_deleted_question_on_google(fake_google, tmp_path):
    from jobs.ingest import prepare_questionnaires
    from sheets_schema.questionnaires import IngestState
    from sheets_schema.tables import INGEST_STATE
    from tests.test_google_support import seeded_workspace

    ws = seeded_workspace(fake_google, tmp_path, {"mentees": list(MENTEES)})
    prepare_questionnaires(ws)
    link = IngestState.read(ws.read([INGEST_STATE])[INGEST_STATE.key]).links["mentee"]
    form = ws.client.forms_get(link.form_id)
    index = {i["questionItem"]["question"]["questionId"]: n for n, i in enumerate(form["items"])}
    ws.client.forms_batch_update(link.form_id, [
        {"deleteItem": {"location": {"index": index[link.question_ids["timetable"]]}}}])
    tabs = ["Наставляемые", "Наставники", "Мониторинг", "Анкеты (служебный)"]
    before = ws.read_grids(tabs)

    result = ingest(ws, now=NOW)

    assert result.problems == [
        f"Форма «Анкета наставляемого» ({link.form_id}): нет вопроса «{MENTEE_FORM.question('timetable').title}» "
        "(столбец «Удобные дни для встреч») — ответы на него не приходят. Восстановите вопрос в форме или "
        "удалите форму и создайте анкеты заново: nastavnik init --google."]
    assert result.exit_code == 1
    assert ws.read_grids(tabs) == before  # nothing but the run's row of «Журнал»


# === 4. nastavnik.toml ===========================================================================
BASE_CONFIG = render_local_config(DEFAULT_SCHOOL)
CONFIG_CASES = {
    "timeout_as_text": BASE_CONFIG + '\n[google]\ntimeout = "30"\n',
    "nightly_as_text": BASE_CONFIG + '\n[documents]\nnightly = "да"\n',
    "monitoring_dates_not_a_list": BASE_CONFIG + '\n[documents]\nmonitoring_dates = "25.12.2026"\n',
    "subject_groups_flat_list": BASE_CONFIG + '\n[matching]\nsubject_groups = ["математика", "физика"]\n',
    "subject_groups_unknown_subject": BASE_CONFIG + '\n[matching]\nsubject_groups = [["математика", "астрология"]]\n',
    "school_name_a_number": BASE_CONFIG.replace(f'name = "{DEFAULT_SCHOOL.name}"', "name = 26"),
    "years_max_a_float": BASE_CONFIG.replace("years_max = 60", "years_max = 60.5"),
    "unknown_key_in_local": BASE_CONFIG.replace('workspace = "."', 'workspce = "."'),
    "unknown_key_in_validation": BASE_CONFIG.replace("years_max = 60", "years_min = 0"),
    "min_score_out_of_range": BASE_CONFIG + "\n[matching]\nmin_score = -5\n",
    "mode_not_allowed": BASE_CONFIG + '\n[matching]\nmode = "best"\n',
    "toml_unclosed_string": BASE_CONFIG + '\n[documents]\norder_number = "45\n',
    "toml_duplicate_key": BASE_CONFIG + "\n[validation]\nyears_max = 50\n",
    "toml_not_utf8": None,
}


@pytest.mark.parametrize("name", list(CONFIG_CASES))
def test_bad_config_stops_before_the_workspace_is_touched(tmp_path, name):
    from jobs.cli import cli

    path = make_workspace(tmp_path)
    config = tmp_path / "nastavnik.toml"
    text = CONFIG_CASES[name]
    if text is None:
        config.write_bytes(BASE_CONFIG.encode("cp1251"))  # saved by Notepad in the Windows encoding
    else:
        config.write_text(text, encoding="utf-8")
    before = path.read_bytes()

    with pytest.raises(ConfigError) as err:
        load_config(config)
    result = CliRunner().invoke(cli, ["--config", str(config), "validate"])

    message = CONFIG_MESSAGES[name].replace("{path}", str(config))
    assert str(err.value) == message
    assert result.exit_code == 2
    assert message in result.output
    assert path.read_bytes() == before


# === 5. document templates =======================================================================
def _edit_docx(path: Path, old: str, new: str) -> None:
    from docx import Document

    doc = Document(str(path))
    found = False
    for para in doc.paragraphs:
        for r in para.runs:
            if old in r.text:
                r.text, found = r.text.replace(old, new), True
    assert found, old
    doc.save(str(path))


TEMPLATE_CASES = {
    "missing_placeholder": ("programme", "{{mentor}}", ""),
    "misspelt_placeholder": ("order_pairs", "{{school_full}}", "{{shcool_full}}"),
    "cyrillic_placeholder": ("programme", "{{mentor}}", "{{наставник}}"),
    "unclosed_braces": ("order_pairs", "{{head_initials}}", "{{head_initials"),
    "truncated_docx": ("programme", None, None),
}


@pytest.mark.parametrize("name", list(TEMPLATE_CASES))
def test_bad_template_stops_orders_before_any_document(tmp_path, name):
    from jobs.documents.check import TemplateError
    from jobs.documents.settings import DocumentSettings
    from jobs.orders import orders
    from sheets_schema.templates import TEMPLATES
    from tests.backends import LocalBackend
    from tests.test_orders import SCHOOL, rows_for

    backend = LocalBackend(tmp_path)
    backend.make(rows_for(2))
    store = backend.workspace.documents({})
    store.place_templates(TEMPLATES)
    key, old, new = TEMPLATE_CASES[name]
    spec = next(s for s in TEMPLATES if s.key == key)
    template = store.template_path(spec)
    if old is None:
        _truncate(template)
    else:
        _edit_docx(template, old, new)
    before = snapshot(backend.workspace.path)

    with pytest.raises(TemplateError) as err:
        orders(backend.workspace, SCHOOL, DocumentSettings(order_number="45-о"), now=NOW)

    where = template.relative_to(tmp_path / "workspace")
    assert str(err.value).split("\n") == [m.replace("{where}", str(where)) for m in TEMPLATE_MESSAGES[name]]
    assert snapshot(backend.workspace.path) == before
    assert store.existing() == {}


# === the texts staff read (literal: a changed text must be a deliberate change here) ==========
WORKBOOK_MESSAGES = {
    'truncated_xlsx': 'Файл {path} повреждён или не является книгой Excel (.xlsx): BadZipFile. Восстановите его из резервной копии: nastavnik restore покажет копии, nastavnik restore --latest вернёт последнюю; или создайте рабочее пространство заново командой nastavnik init.',
    'zero_byte_xlsx': 'Файл {path} повреждён или не является книгой Excel (.xlsx): BadZipFile. Восстановите его из резервной копии: nastavnik restore покажет копии, nastavnik restore --latest вернёт последнюю; или создайте рабочее пространство заново командой nastavnik init.',
    'csv_saved_as_xlsx': 'Файл {path} повреждён или не является книгой Excel (.xlsx): BadZipFile. Восстановите его из резервной копии: nastavnik restore покажет копии, nastavnik restore --latest вернёт последнюю; или создайте рабочее пространство заново командой nastavnik init.',
}
STRUCTURE_MESSAGES = {
    'empty_mentor_tab': ['Лист «Наставники»: не найдена строка заголовков (в строке 1 нет ни одного из столбцов «ФИО», «E-mail», «Должность», «Предмет», «Уровень образования», «Педагогический стаж, лет», «Компетенции», «Максимум наставляемых», «Статус», «Сообщение»). Верните строку заголовков (порядок столбцов не важен; образец — лист нового рабочего пространства: nastavnik init).'],
    'header_below_row_10': ['Лист «Наставляемые»: не найдена строка заголовков (в строках 1–10 нет ни одного из столбцов «ФИО», «E-mail», «Должность», «Предмет», «Уровень образования», «Педагогический стаж, лет», «Профессиональные затруднения», «Статус», «Сообщение»). Верните строку заголовков (порядок столбцов не важен; образец — лист нового рабочего пространства: nastavnik init).'],
    'merged_header_cells': ['Лист «Наставляемые»: нет обязательного столбца «E-mail». Верните заголовок «E-mail» в первую строку листа (порядок столбцов не важен).'],
    'duplicate_status_header': ['Лист «Наставники»: столбец «Статус» встречается дважды (столбцы T, AD). Оставьте один столбец с этим заголовком.'],
}
EXPORT_MESSAGES = {
    'impossible_timestamp_row_skipped': ['Файл «a.csv», строка 2: «31.02.2026 10:00:00» — не дата и время ответа (ожидается ДД.ММ.ГГГГ Ч:ММ:СС); строка пропущена, исправьте её в файле.'],
    'empty_timestamp_row_skipped': ['Файл «a.csv», строка 2: «» — не дата и время ответа (ожидается ДД.ММ.ГГГГ Ч:ММ:СС); строка пропущена, исправьте её в файле.'],
    'unmapped_header': ['Файл «a.csv» (анкета «Анкета наставляемого»): столбец «Любимый цвет» не соответствует ни одному вопросу анкеты (ближе всего — «Кого из коллег вы хотели бы видеть своим наставником?»). Назовите столбец так же, как вопрос (список вопросов — в файле forms/анкета-наставляемого.md), или удалите столбец; остальные столбцы файла приняты, ответы этого столбца будут приняты, когда столбец назовут как вопрос.'],
    'export_of_no_questionnaire': ['Файл «a.csv»: по заголовкам столбцов не удалось понять, ответы какой анкеты в нём (заголовки: «Город», «Улица»). Скачайте ответы из формы заново или назовите столбцы как вопросы анкеты (forms/*.md); файл пропущен.'],
    'no_timestamp_column': ['Файл «a.csv»: нет столбца «Отметка времени» (или «Timestamp», «Время создания»). Скачайте ответы из формы заново; файл пропущен.'],
    'truncated_xlsx_export': ['Не удалось прочитать файл «yandex.xlsx»: это не книга XLSX — файл обрезан при скачивании, повреждён или защищён паролем. Скачайте ответы из формы заново (CSV в UTF-8 или XLSX) и замените им этот файл; ответы из других файлов приняты как обычно.'],
}
CONFIG_MESSAGES = {
    'timeout_as_text': "nastavnik.toml: «google.timeout» должен быть числом, а указано '30' (строка)",
    'nightly_as_text': "nastavnik.toml: «documents.nightly» должен быть true или false, а указано 'да' (строка)",
    'monitoring_dates_not_a_list': "nastavnik.toml: «documents.monitoring_dates» должен быть списком [...], а указано '25.12.2026' (строка)",
    'subject_groups_flat_list': "nastavnik.toml: «matching.subject_groups» — каждая группа должна быть списком предметов в кавычках, а указано 'математика'",
    'subject_groups_unknown_subject': 'nastavnik.toml: «matching.subject_groups» — предмета «астрология» нет в списке. Допустимые предметы: начальные классы, русский язык и литература, математика, информатика, физика, химия, биология, география, история и обществознание, английский язык, немецкий язык, физическая культура, ОБЗР, музыка, изобразительное искусство, труд (технология), педагог-психолог, социальный педагог, педагог дополнительного образования',
    'school_name_a_number': 'nastavnik.toml: «school.name» должен быть строкой в кавычках, а указано 26 (целое число)',
    'years_max_a_float': 'nastavnik.toml: «validation.years_max» должен быть целым числом, а указано 60.5 (число)',
    'unknown_key_in_local': 'nastavnik.toml: неизвестный ключ «local.workspce». Допустимые ключи раздела [local]: workspace; возможно, имелся в виду «local.workspace»',
    'unknown_key_in_validation': 'nastavnik.toml: неизвестный ключ «validation.years_min». Допустимые ключи раздела [validation]: years_max, capacity_min, capacity_max; возможно, имелся в виду «validation.years_max»',
    'min_score_out_of_range': 'nastavnik.toml: «matching.min_score» = -5.0 — ожидается число от 0 до 1000',
    'mode_not_allowed': "nastavnik.toml: «matching.mode» = 'best' — допустимые значения: 'quality', 'count'",
    'toml_unclosed_string': "nastavnik.toml: ошибка синтаксиса TOML: Illegal character '\\n' (at line 20, column 19)",
    'toml_duplicate_key': "nastavnik.toml: ошибка синтаксиса TOML: Cannot declare ('validation',) twice (at line 19, column 12)",
    'toml_not_utf8': "Не удалось прочитать файл настроек {path}: 'utf-8' codec can't decode byte 0xcd in position 2: invalid continuation byte",
}
TEMPLATE_MESSAGES = {
    'missing_placeholder': ['Шаблон «Шаблон — персонализированная программа наставничества» ({where}): нет обязательного поля {{mentor}}. Верните его в шаблон (можно взять из шаблона по умолчанию: удалите шаблон, и он будет создан заново).', 'Документы не созданы: исправьте шаблоны и запустите команду снова.'],
    'misspelt_placeholder': ['Шаблон «Шаблон — приказ о закреплении наставнических пар (групп)» ({where}): неизвестное поле {{shcool_full}} — возможно, {{school_full}}. Исправьте поле в шаблоне; допустимые поля: {{addenda_count}}, {{appendix.name}}, {{appendix.no}}, {{control}}, {{coordinator}}, {{coordinator_accs}}, {{coordinator_datv}}, {{coordinator_gent}}, {{coordinator_initials}}, {{head}}, {{head_initials}}, {{head_position}}, {{order_date}}, {{order_number}}, {{pair.end}}, {{pair.form}}, {{pair.mentee_names}}, {{pair.mentee_positions}}, {{pair.mentees}}, {{pair.mentor}}, {{pair.mentor_name}}, {{pair.mentor_position}}, {{pair.no}}, {{pair.pair_id}}, {{pair.start}}, {{pair.term}}, {{pairs_count}}, {{participants_pd}}, {{payment}}, {{payment_size}}, {{payment_source}}, {{person.name}}, {{person.role}}, {{place}}, {{regulation}}, {{regulation_ground}}, {{regulation_title}}, {{school}}, {{school_full}}, {{school_year}}.', 'Документы не созданы: исправьте шаблоны и запустите команду снова.'],
    'cyrillic_placeholder': ['Шаблон «Шаблон — персонализированная программа наставничества» ({where}): «{{наставник}}» — не поле; поле пишется латиницей в двойных фигурных скобках, например {{school}}.', 'Шаблон «Шаблон — персонализированная программа наставничества» ({where}): нет обязательного поля {{mentor}}. Верните его в шаблон (можно взять из шаблона по умолчанию: удалите шаблон, и он будет создан заново).', 'Документы не созданы: исправьте шаблоны и запустите команду снова.'],
    'unclosed_braces': ['Шаблон «Шаблон — приказ о закреплении наставнических пар (групп)» ({where}): незакрытые фигурные скобки рядом с «____________________ {{head_initials»; поле пишется как {{имя}}.', 'Документы не созданы: исправьте шаблоны и запустите команду снова.'],
    'truncated_docx': ['Шаблон «Шаблон — персонализированная программа наставничества» ({where}) не открывается: PackageNotFoundError. Восстановите файл или удалите его — шаблон по умолчанию будет создан заново.', 'Документы не созданы: исправьте шаблоны и запустите команду снова.'],
}


# === the size of the corpus ========================================================================
def corpus_counts() -> dict[str, int]:
    return {
        "bank rows and workbook cells": len(ROW_CASES),
        "whole workbook (unreadable, broken tab)": len(WORKBOOK_CASES) + len(STRUCTURE_CASES),
        "questionnaire exports (local) and forms (Google)": len(EXPORT_CASES) + 1,
        "nastavnik.toml": len(CONFIG_CASES),
        "document templates": len(TEMPLATE_CASES),
    }


def test_corpus_size_is_what_reliability_md_says():
    counts = corpus_counts()
    new = sum(counts.values())
    assert new >= 60
    earlier = len(EARLIER_ROW_CASES) + len(EARLIER_STRUCTURE)
    check_figures("corpus", "tests/test_reliability_corpus.py", (
        "bad input across banks, workbook, questionnaire exports, config and templates: each case's exact "
        "Russian message, no other cell changed"), {
        **{f"cases: {k}": v for k, v in counts.items()},
        "cases in this file": new,
        "earlier cases in tests/test_bad_inputs.py (banks)": earlier,
        "cases in all": new + earlier,
    })
