"""Helpers shared by the Google backend tests (this module holds no tests).

Every workspace here is made through `create_google_workspace` on the fake, reached only through
the ``endpoint`` setting, with the coordinator's OAuth token cached in a file — the same path a
school's installation takes, minus the browser.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Mapping, Sequence

from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL, initial_rows
from jobs.sample import generate
from sheets_schema.grid import TableData, read_grid
from sheets_schema.tables import BANKS, SERVICE, Table
from sync.google import GoogleClient, GoogleWorkspace, RetryPolicy, create_google_workspace
from sync.google.client import client_from_settings
from sync.google.limiter import RateLimiter
from sync.local import create_local_workspace
from sync.workspace import Workspace
from tests.fake_google import FakeGoogle, refresh_token_for

COORDINATOR = "koordinator@school26.example"
NOW = dt.datetime(2026, 11, 27, 10, 0)
TODAY = NOW.date()
FOLDER_MIME = "application/vnd.google-apps.folder"


def write_token_cache(path: Path, email: str = COORDINATOR) -> Path:
    """A cached installed-app token, as google-auth-oauthlib leaves it after the browser login."""
    path.write_text(json.dumps({
        "client_id": "nastavnik-test.apps.googleusercontent.com", "client_secret": "secret",
        "refresh_token": refresh_token_for(email), "token_uri": "https://oauth2.googleapis.com/token",
    }), encoding="utf-8")
    return path


def google_settings(fake: FakeGoogle, tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """A checked ``[google]`` section (every key of jobs.config.SPEC) pointing at the fake."""
    settings: dict[str, Any] = {
        "auth": "oauth", "credentials": "", "token_cache": str(write_token_cache(tmp_path / "token.json")),
        "subject": "", "spreadsheet_id": "", "folder_id": "", "endpoint": fake.url, "timeout": 10.0,
        "max_retries": 6, "max_retry_seconds": 60.0, "requests_per_minute": 300,
    }
    settings.update(overrides)
    return settings


def fast_client(settings: Mapping[str, Any], sleeps: list[float] | None = None, **policy: Any) -> GoogleClient:
    """A client whose retry waits are recorded instead of slept (the fake needs no pause)."""
    record = sleeps if sleeps is not None else []
    retry = RetryPolicy(max_retries=int(settings["max_retries"]), max_seconds=float(settings["max_retry_seconds"]),
                        sleep=record.append, **policy)
    return client_from_settings(settings, policy=retry,
                                sheets_limiter=RateLimiter(int(settings["requests_per_minute"])))


def new_folder(client: GoogleClient, name: str = "Наставничество 2026/27") -> str:
    return client.files_create({"name": name, "mimeType": FOLDER_MIME})["id"]


def sample_rows(count: int, seed: int = 1) -> dict[str, list[dict[str, str]]]:
    return initial_rows(TODAY, generate(count, seed, TODAY))


def google_workspace(fake: FakeGoogle, tmp_path: Path, rows: Mapping[str, Sequence[Mapping[str, str]]],
                     sleeps: list[float] | None = None, **overrides: Any) -> GoogleWorkspace:
    """A new spreadsheet in a new folder of the coordinator, filled with `rows`."""
    settings = google_settings(fake, tmp_path, **overrides)
    client = fast_client(settings, sleeps)
    settings["folder_id"] = new_folder(client)
    return create_google_workspace(settings, rows, client=client)


def local_workspace(tmp_path: Path, rows: Mapping[str, Sequence[Mapping[str, str]]]) -> Workspace:
    return create_local_workspace(tmp_path / "local", rows, render_local_config(DEFAULT_SCHOOL))


def bank_table(workspace: Workspace, table: Table) -> TableData:
    grid = workspace.read_grids([table.title])[table.title]
    assert grid is not None, f"tab {table.title} is missing"
    return read_grid(table, grid)


def content(data: TableData, row: int) -> tuple[str, ...]:
    """What identifies a person's row: every cell staff or forms own."""
    return tuple(data.value(row, c.key) for c in data.table.columns if c.owner != SERVICE and c.key in data.positions)


def statuses_in_sheet_order(workspace: Workspace) -> dict[str, list[tuple[str, str, str]]]:
    """(e-mail, «Статус», «Сообщение») of every row of both banks, top to bottom."""
    out = {}
    for table in BANKS:
        data = bank_table(workspace, table)
        out[table.key] = [(data.value(r, "email"), data.value(r, "status"), data.value(r, "message"))
                          for r in sorted(data.refs)]
    return out


def sheets_requests(fake: FakeGoogle) -> list[dict[str, Any]]:
    return [e for e in fake.requests() if e["api"] == "sheets"]


def seeded_workspace(fake: FakeGoogle, tmp_path: Path, rows: Mapping[str, Sequence[Mapping[str, str]]],
                     sleeps: list[float] | None = None, **overrides: Any) -> GoogleWorkspace:
    """A spreadsheet put straight into the fake's state (every tab, headers and rows, no
    dropdowns): much faster than `create_google_workspace`, for tests about reading and writing."""
    from sheets_schema.tables import ALL_TABLES, LISTS_TABLE
    from sheets_schema.dropdowns import lists_rows

    tabs = {}
    for table in ALL_TABLES:
        table_rows = lists_rows() if table is LISTS_TABLE else rows.get(table.key, [])
        tabs[table.title] = [table.headers] + [[str(r.get(c.key, "")) for c in table.columns] for r in table_rows]
    with fake.lock:
        spreadsheet = fake.state.sheets.seed(COORDINATOR, "Наставничество (тест)", tabs)
    settings = google_settings(fake, tmp_path, spreadsheet_id=spreadsheet.id, **overrides)
    return GoogleWorkspace(fast_client(settings, sleeps), spreadsheet.id)
