"""One way for job-level tests to build a workspace and act as staff, whatever the backend.

`backend` (a fixture in tests/conftest.py) is parametrised over:

- ``local``  — a workspace folder in tmp_path (the embedded default);
- ``google`` — a spreadsheet on the project's fake Google Workspace, reached over real HTTP;
- ``live``   — a spreadsheet on real Google, only when NASTAVNIK_LIVE_CREDENTIALS (a service
  account key file) and NASTAVNIK_LIVE_FOLDER (a shared-drive folder id it may write to) are set.

Staff edits go through the same public paths a person's edit would take: openpyxl on the
workbook, or a RAW values.batchUpdate through the Google client.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Sequence

from openpyxl import load_workbook

from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from sheets_schema.grid import column_letter, normalise_header
from sync.local import create_local_workspace
from sync.workspace import Workspace

LIVE_ENV = ("NASTAVNIK_LIVE_CREDENTIALS", "NASTAVNIK_LIVE_FOLDER")


class Backend:
    name = ""

    def make(self, rows: Mapping[str, Sequence[Mapping[str, str]]]) -> Workspace:
        raise NotImplementedError

    def set_cells(self, tab: str, cells: dict[tuple[int, str], str]) -> None:
        """Staff type values: {(sheet row, header text): value}; header row is row 1."""
        raise NotImplementedError

    # --- reading, the same for every backend ---------------------------------------------------
    def grid(self, tab: str) -> list[list[str]]:
        grid = self.workspace.read_grids([tab])[tab]
        assert grid is not None, f"no tab {tab}"
        return grid

    def column(self, tab: str, header: str) -> dict[int, str]:
        """Sheet row → text of the column titled `header` (rows 2…, as far as the tab has data)."""
        grid = self.grid(tab)
        col = [normalise_header(h) for h in grid[0]].index(normalise_header(header))
        return {r: (row[col] if col < len(row) else "") for r, row in enumerate(grid[1:], start=2)}

    def bank_cells_outside_service(self) -> dict[str, list[list[str]]]:
        out = {}
        for tab in ("Наставляемые", "Наставники"):
            grid = self.grid(tab)
            service = {i for i, h in enumerate(grid[0]) if h in ("Статус", "Сообщение")}
            out[tab] = [[v for i, v in enumerate(row) if i not in service] for row in grid]
        return out

    def header_position(self, tab: str, header: str) -> int:
        return [normalise_header(h) for h in self.grid(tab)[0]].index(normalise_header(header))


class LocalBackend(Backend):
    name = "local"

    def __init__(self, tmp_path: Path):
        self.directory = tmp_path / "workspace"

    def make(self, rows):
        self.workspace = create_local_workspace(self.directory, rows, render_local_config(DEFAULT_SCHOOL))
        return self.workspace

    def set_cells(self, tab, cells):
        path = self.workspace.path
        wb = load_workbook(path)
        sheet = wb[tab]
        headers = [normalise_header(c.value) for c in sheet[1]]
        for (row, header), value in cells.items():
            sheet.cell(row=row, column=headers.index(normalise_header(header)) + 1).value = value or None
        wb.save(path)


class GoogleBackend(Backend):
    name = "google"

    def __init__(self, settings: dict[str, Any], client):
        self.settings = settings
        self.client = client

    def make(self, rows):
        from sync.google import create_google_workspace

        folder = self.client.files_create({
            "name": "nastavnik-test", "mimeType": "application/vnd.google-apps.folder",
            **({"parents": [self.settings["folder_id"]]} if self.settings.get("folder_id") else {}),
        })["id"]
        settings = dict(self.settings, folder_id=folder)
        self.workspace = create_google_workspace(settings, rows, client=self.client)
        return self.workspace

    def set_cells(self, tab, cells):
        headers = [normalise_header(h) for h in self.grid(tab)[0]]
        data = []
        for (row, header), value in cells.items():
            letter = column_letter(headers.index(normalise_header(header)))
            quoted = "'" + tab.replace("'", "''") + "'"
            data.append({"range": f"{quoted}!{letter}{row}", "majorDimension": "ROWS", "values": [[value]]})
        self.client.values_batch_update(self.workspace.spreadsheet_id, data, value_input_option="RAW")


def live_settings() -> dict[str, Any] | None:
    """[google] settings for real Google from the environment, or None to skip live tests."""
    if not all(os.environ.get(v) for v in LIVE_ENV):
        return None
    from jobs.config import SPEC

    settings = {key: spec.default for key, spec in SPEC["google"].items()}
    settings.update(auth="service_account", credentials=os.environ["NASTAVNIK_LIVE_CREDENTIALS"],
                    folder_id=os.environ["NASTAVNIK_LIVE_FOLDER"])
    return settings
