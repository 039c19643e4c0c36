"""`validate` on the local backend: what only a workbook on disk has (lock files, atomic saves,
corruption), and rows moved by staff. The backend-neutral job tests are in test_contract_validate.py."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from jobs.validate import validate
from sync.local import LocalWorkspace
from sync.workspace import WorkspaceError, WorkspaceLocked
from tests.workspaces import NOW, column_values, local_workspace, sample_workspace

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
    assert "nastavnik restore" in str(err.value)


def test_write_is_atomic_and_the_run_keeps_a_backup(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=20, seed=5)
    before = ws.path.read_bytes()

    with ws.run_lock("validate"):
        validate(ws, now=NOW)

    assert [p.read_bytes() for p in (tmp_path / "backups").iterdir()] == [before]
    assert ws.path.read_bytes() != before
    assert not ws.backup_path.exists()  # no per-save .bak any more
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