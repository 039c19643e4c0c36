"""Creating a new local workspace: the workbook with every tab, and the folders beside it."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sheets_schema import ru
from sheets_schema.dropdowns import VALIDATED_ROWS, list_range, lists_rows
from sheets_schema.grid import column_letter
from sheets_schema.tables import ALL_TABLES, BOOL, CHOICE, LISTS_TABLE, MULTI, SERVICE, Table
from sync.local.workbook import SUBDIRS, WORKBOOK, LocalWorkspace, set_text
from sync.safe_files import private_dir, write_text
from sync.workspace import WorkspaceError

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SERVICE_FILL = PatternFill("solid", fgColor="E7E6E6")


def existing_workspace(directory: Path) -> str | None:
    """What in `directory` would be overwritten by a new workspace, if anything."""
    for name in (WORKBOOK, "nastavnik.toml"):
        if (directory / name).exists():
            return name
    return None


def _add_tab(wb: Workbook, table: Table, rows: Sequence[Mapping[str, str]]) -> None:
    ws = wb.create_sheet(table.title)
    for i, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = SERVICE_FILL if column.owner == SERVICE and not table.service else HEADER_FILL
        ws.column_dimensions[column_letter(i - 1)].width = column.width
    for r, values in enumerate(rows, start=2):
        for i, column in enumerate(table.columns, start=1):
            value = values.get(column.key, "")
            if value != "":
                set_text(ws.cell(row=r, column=i), str(value))
    ws.freeze_panes = "A2"
    last = max(VALIDATED_ROWS, len(rows) + 1000)
    for i, column in enumerate(table.columns):
        if column.kind not in (CHOICE, BOOL, MULTI) or not column.choices or table.key == "lists":
            continue
        letter = column_letter(i)
        single = column.kind != MULTI
        dv = DataValidation(
            type="list",
            formula1=list_range(column.choices),
            allow_blank=True,
            showErrorMessage=single,
            errorStyle="warning",
            errorTitle=column.header,
            error=ru.FIXES["choice"],
            showInputMessage=not single,
            promptTitle=column.header,
            prompt=ru.FIXES["multichoice"][:255],
        )
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    if table.hidden:
        ws.sheet_state = "hidden"


def create_local_workspace(
    directory: Path | str,
    rows: Mapping[str, Sequence[Mapping[str, str]]],
    config_text: str,
) -> LocalWorkspace:
    """Create a workspace directory: the workbook with all tabs and `rows`, folders, config.

    Refuses (WorkspaceError) when the directory already holds a workspace.
    """
    directory = Path(directory)
    private_dir(directory)
    found = existing_workspace(directory)
    if found:
        raise WorkspaceError(ru.TEXT["workspace_exists"].format(path=directory, what=found))
    wb = Workbook()
    wb.remove(wb.active)
    for table in ALL_TABLES:
        table_rows = lists_rows() if table is LISTS_TABLE else rows.get(table.key, [])
        _add_tab(wb, table, table_rows)
    for sub in SUBDIRS:
        private_dir(directory / sub)
    workspace = LocalWorkspace(directory)
    workspace.save(wb)
    write_text(directory / "nastavnik.toml", config_text)
    return workspace
