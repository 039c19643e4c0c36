"""`validate` at the job level on real local workspaces."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jobs.validate import validate
from sheets_schema.rules import Limits
from sync.local import LocalWorkspace
from sync.workspace import WorkspaceError, WorkspaceLocked
from tests.workspaces import NOW, cells, column_values, local_workspace, sample_workspace

SERVICE_HEADERS = {"Статус", "Сообщение"}


def bank_cells_outside_service(path: Path) -> dict:
    """All cells of both banks except the «Статус»/«Сообщение» columns."""
    wb = load_workbook(path)
    result = {}
    for tab in ("Наставляемые", "Наставники"):
        ws = wb[tab]
        service = {c.column for c in ws[1] if c.value in SERVICE_HEADERS}
        result[tab] = {
            (c.row, c.column): c.value for row in ws.iter_rows() for c in row
            if c.column not in service and c.value is not None
        }
    return result


def test_sample_marks_exactly_the_deliberate_errors(tmp_path):
    ws, sample = sample_workspace(tmp_path, count=200, seed=1)
    before = bank_cells_outside_service(ws.path)

    result = validate(ws, now=NOW)

    assert result.exit_code() == 0
    expected = {("mentees", e.row) for e in sample.errors if e.tab == "mentees"} | {
        ("mentors", e.row) for e in sample.errors if e.tab == "mentors"
    }
    marked = set()
    for key, tab in (("mentees", "Наставляемые"), ("mentors", "Наставники")):
        for row, status in column_values(ws.path, tab, "Статус").items():
            if status == "Ошибка":
                marked.add((key, row))
    assert marked == expected
    assert len(expected) >= 8
    # every kind of deliberate error is distinct and explained in «Сообщение»
    for key, tab in (("mentees", "Наставляемые"), ("mentors", "Наставники")):
        messages = column_values(ws.path, tab, "Сообщение")
        for _, row in [m for m in marked if m[0] == key]:
            assert messages[row], f"{tab} row {row} has no message"
    assert bank_cells_outside_service(ws.path) == before


def test_second_run_changes_no_cell_of_the_banks(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=120, seed=7)
    validate(ws, now=NOW)
    first = cells(ws.path)

    result = validate(ws, now=NOW)

    second = cells(ws.path)
    for tab in ("Наставляемые", "Наставники"):
        assert second[tab] == first[tab]
    assert all(s.changed == 0 for s in result.summaries)
    assert result.commit.cells_written == 9  # only the new «Журнал» row
    log = column_values(ws.path, "Журнал", "Задание")
    assert list(log.values()) == ["проверка банков", "проверка банков"]


def test_no_consent_rows_are_marked_with_the_missing_consent(tmp_path):
    ws = local_workspace(tmp_path, rows={
        "mentees": [
            {"full_name": "Петрова Анна Сергеевна", "email": "petrova@school.example", "position": "учитель",
             "subject": "математика", "levels": "основное общее", "years": "1",
             "difficulties": "современный урок"},
        ],
        "mentors": [
            {"full_name": "Смирнова Ольга Ивановна", "email": "smirnova@school.example", "position": "учитель",
             "subject": "математика", "levels": "основное общее, среднее общее", "years": "22",
             "competences": "современный урок, оценивание образовательных результатов", "capacity": "2",
             "pd_consent": "01.09.2026"},
        ],
    })

    validate(ws, now=NOW)

    assert column_values(ws.path, "Наставляемые", "Статус") == {2: "Нет согласия"}
    assert column_values(ws.path, "Наставляемые", "Сообщение") == {
        2: "Нет согласия на обработку персональных данных: внесите дату согласия в столбец "
           "«Согласие на обработку ПДн (дата)»"
    }
    assert column_values(ws.path, "Наставники", "Статус") == {2: "Нет согласия"}
    assert column_values(ws.path, "Наставники", "Сообщение")[2].startswith(
        "Нет письменного согласия на наставническую деятельность"
    )


def test_status_is_cleared_when_the_row_is_fixed(tmp_path):
    ws = local_workspace(tmp_path, rows={"mentees": [
        {"full_name": "Петрова Анна Сергеевна", "email": "petrova@school.example", "position": "учитель",
         "subject": "математика", "levels": "основное общее", "years": "двадцать",
         "difficulties": "современный урок", "pd_consent": "01.09.2026"},
    ]})
    validate(ws, now=NOW)
    assert column_values(ws.path, "Наставляемые", "Сообщение")[2] == (
        'Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20'
    )
    wb = load_workbook(ws.path)
    wb["Наставляемые"]["F2"] = "20"
    wb.save(ws.path)

    validate(ws, now=NOW)

    assert column_values(ws.path, "Наставляемые", "Статус") == {2: "OK"}
    assert column_values(ws.path, "Наставляемые", "Сообщение") == {2: ""}


def test_renamed_required_header_stops_that_tab_only(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=30, seed=2)
    wb = load_workbook(ws.path)
    wb["Наставники"]["B1"] = "Почта"
    wb.save(ws.path)

    result = validate(ws, now=NOW)

    assert result.exit_code() == 1
    assert [p.message for p in result.problems] == [
        "Лист «Наставники»: нет обязательного столбца «E-mail». Верните заголовок «E-mail» в первую строку "
        "листа (порядок столбцов не важен)."
    ]
    assert set(column_values(ws.path, "Наставники", "Статус").values()) == {""}
    assert "OK" in column_values(ws.path, "Наставляемые", "Статус").values()
    log = load_workbook(ws.path)["Журнал"]
    assert log["D2"].value == "ошибка структуры"
    assert "нет обязательного столбца «E-mail»" in log["I2"].value


def test_strict_turns_row_errors_into_exit_code_1(tmp_path):
    ws, sample = sample_workspace(tmp_path, count=40, seed=3)
    result = validate(ws, now=NOW)
    assert sample.errors
    assert result.exit_code() == 0
    assert result.exit_code(strict=True) == 1


def test_config_limits_change_the_plausible_capacity(tmp_path):
    row = {"full_name": "Смирнова Ольга Ивановна", "email": "smirnova@school.example", "position": "учитель",
           "subject": "математика", "levels": "основное общее", "years": "22",
           "competences": "современный урок", "capacity": "4", "pd_consent": "01.09.2026",
           "duty_consent": "02.09.2026"}
    ws = local_workspace(tmp_path, rows={"mentors": [row]})

    validate(ws, now=NOW, limits=Limits(capacity_max=3))

    assert column_values(ws.path, "Наставники", "Сообщение")[2] == (
        'Максимум наставляемых: "4" — вне допустимого диапазона 1–3; укажите число от 1 до 3, например 2'
    )


@pytest.mark.parametrize("lock_name", ["~$workspace.xlsx", ".~lock.workspace.xlsx#"])
def test_open_workbook_is_never_touched(tmp_path, lock_name):
    ws, _ = sample_workspace(tmp_path, count=20, seed=4)
    (tmp_path / lock_name).write_text("locked by Excel")
    before = ws.path.read_bytes()

    with pytest.raises(WorkspaceLocked) as err:
        validate(ws, now=NOW)

    assert str(err.value) == (
        f"Файл {ws.path} открыт в Excel или LibreOffice (найден файл блокировки {lock_name}). "
        "Закройте файл и запустите команду снова; файл не изменён."
    )
    assert ws.path.read_bytes() == before


def test_corrupt_workbook_is_a_workspace_error(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=10, seed=4)
    data = ws.path.read_bytes()
    ws.path.write_bytes(data[: len(data) // 2])

    with pytest.raises(WorkspaceError) as err:
        validate(ws, now=NOW)

    assert "повреждён или не является книгой Excel" in str(err.value)
    assert "workspace.xlsx.bak" in str(err.value)


def test_write_is_atomic_and_keeps_a_backup(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=20, seed=5)
    before = ws.path.read_bytes()

    validate(ws, now=NOW)

    assert ws.backup_path.read_bytes() == before
    assert ws.path.read_bytes() != before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".nastavnik-")]
    assert leftovers == []


class EditsBeforeWrite(LocalWorkspace):
    """A workspace where staff edit the workbook between the job's read and its write."""

    def __init__(self, directory, edit):
        super().__init__(directory)
        self.edit = edit

    def read_grids_for_write(self, titles):
        wb = load_workbook(self.path)
        self.edit(wb["Наставляемые"])
        wb.save(self.path)
        return super().read_grids_for_write(titles)


def _statuses_by_email(path):
    ws = load_workbook(path)["Наставляемые"]
    headers = [c.value for c in ws[1]]
    e, s = headers.index("E-mail"), headers.index("Статус")
    return {
        (row[e].value or "").strip().lower(): row[s].value
        for row in ws.iter_rows(min_row=2) if row[e].value
    }


def _reference_statuses(tmp_path, seed):
    ref, _ = sample_workspace(tmp_path / "ref", count=60, seed=seed)
    validate(ref, now=NOW)
    return _statuses_by_email(ref.path)


@pytest.mark.parametrize("edit_name", ["insert_rows_above", "delete_row", "sort_by_name"])
def test_statuses_land_on_their_person_when_rows_move(tmp_path, edit_name):
    expected = _reference_statuses(tmp_path, seed=11)
    deleted = {}

    def insert_rows_above(sheet):
        sheet.insert_rows(2, amount=3)

    def delete_row(sheet):
        deleted["email"] = (sheet["B5"].value or "").strip().lower()
        sheet.delete_rows(5)

    def sort_by_name(sheet):
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        rows = [r for r in rows if any(v is not None for v in r)]
        rows.sort(key=lambda r: str(r[0] or ""), reverse=True)
        for i, values in enumerate(rows, start=2):
            for j, v in enumerate(values, start=1):
                sheet.cell(row=i, column=j).value = v

    edit = {"insert_rows_above": insert_rows_above, "delete_row": delete_row, "sort_by_name": sort_by_name}
    (tmp_path / "w").mkdir()
    base, _ = sample_workspace(tmp_path / "w", count=60, seed=11)
    ws = EditsBeforeWrite(base.directory, edit[edit_name])

    validate(ws, now=NOW)

    got = _statuses_by_email(ws.path)
    expected.pop(deleted.get("email"), None)
    assert got == expected


def test_row_edited_between_read_and_write_is_left_for_next_run(tmp_path):
    ws = local_workspace(tmp_path, rows={"mentees": [
        {"full_name": "Петрова Анна Сергеевна", "email": "petrova@school.example", "position": "учитель",
         "subject": "математика", "levels": "основное общее", "years": "двадцать",
         "difficulties": "современный урок", "pd_consent": "01.09.2026"},
    ]})

    def fix_years(sheet):
        sheet["F2"] = "2"

    result = validate(EditsBeforeWrite(ws.directory, fix_years), now=NOW)

    assert column_values(ws.path, "Наставляемые", "Статус") == {2: ""}
    assert result.notes == [
        "Лист «Наставляемые»: 1 строк(и) изменились во время проверки; их статус будет записан при следующем запуске."
    ]
    validate(ws, now=NOW)
    assert column_values(ws.path, "Наставляемые", "Статус") == {2: "OK"}


def test_status_of_a_cleared_row_is_cleared(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=20, seed=6)
    validate(ws, now=NOW)
    wb = load_workbook(ws.path)
    sheet = wb["Наставляемые"]
    headers = [c.value for c in sheet[1]]
    for col in range(1, headers.index("Статус") + 1):
        sheet.cell(row=3, column=col).value = None
    wb.save(ws.path)
    assert column_values(ws.path, "Наставляемые", "Статус")[3] != ""

    validate(ws, now=NOW)

    assert column_values(ws.path, "Наставляемые", "Статус")[3] == ""
    assert column_values(ws.path, "Наставляемые", "Сообщение")[3] == ""
    assert column_values(ws.path, "Наставляемые", "Статус")[2] != ""
