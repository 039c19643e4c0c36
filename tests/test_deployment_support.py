"""Helpers for the deployment tests (this module holds no tests): a school's config for each
``[google] auth`` mode, made at test time against the fake — service-account keys are generated
(`tests.fake_google.clients`), never read from the repository — and a browser that consents.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests
from click.testing import CliRunner

from jobs.cli import cli
from jobs.cli.cmd_auth import auth
from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from tests.fake_google import FakeGoogle
from tests.fake_google.clients import service_account_info
from tests.test_google_support import COORDINATOR, FOLDER_MIME, google_settings

ROBOT = "robot@nastavnik-school26.iam.gserviceaccount.com"
STRANGER = "zavuch@school26.example"
CLIENT_ID = "nastavnik-test.apps.googleusercontent.com"


def write_key(path: Path, fake: FakeGoogle, email: str = ROBOT, mode: int = 0o600) -> Path:
    """A service-account JSON key, as Google Cloud Console hands it out (fresh RSA key)."""
    path.write_text(json.dumps(service_account_info("https://oauth2.googleapis.com", email)), encoding="utf-8")
    path.chmod(mode)
    return path


def write_client_secrets(path: Path) -> Path:
    """The JSON of an OAuth client of type "Desktop app" (no secret worth keeping in it)."""
    path.write_text(json.dumps({"installed": {
        "client_id": CLIENT_ID, "project_id": "nastavnik-test", "client_secret": "not-a-secret",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
        "redirect_uris": ["http://localhost"]}}), encoding="utf-8")
    return path


def write_config(tmp_path: Path, settings: dict[str, Any]) -> Path:
    """nastavnik.toml with ``backend = "google"`` and this ``[google]`` section."""
    lines = [render_local_config(DEFAULT_SCHOOL).replace('backend = "local"', 'backend = "google"'), "[google]"]
    for key, value in settings.items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}" if isinstance(value, str) else f"{key} = {value}")
    path = tmp_path / "nastavnik.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def my_drive_folder(fake: FakeGoogle, owner: str = COORDINATOR, name: str = "Наставничество 2026/27") -> str:
    """A folder in `owner`'s My Drive."""
    with fake.lock:
        return fake.state.drive.create(owner, {"name": name, "mimeType": FOLDER_MIME}).id


def shared_drive_folder(fake: FakeGoogle, member: str, role: str = "fileOrganizer") -> str:
    """A folder on a new shared drive of the coordinator, `member` added with `role`."""
    with fake.lock:
        drive = fake.state.drive.drives_create(COORDINATOR, "school26-drive", {"name": "Школа 26"})
        folder = fake.state.drive.create(COORDINATOR, {"name": "Наставничество", "mimeType": FOLDER_MIME,
                                                       "parents": [drive.id]}, supports_all_drives=True)
    fake.share(drive.id, member, role)
    return folder.id


def seeded_spreadsheet(fake: FakeGoogle, owner: str = COORDINATOR) -> str:
    """An (empty) spreadsheet owned by `owner`."""
    with fake.lock:
        return fake.state.sheets.seed(owner, "Наставничество — банки и журнал", {"Лист1": [[""]]}).id


def oauth_settings(fake: FakeGoogle, tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    settings = google_settings(fake, tmp_path, credentials=str(write_client_secrets(tmp_path / "client.json")))
    settings.update(overrides)
    return settings


def service_account_settings(fake: FakeGoogle, tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    settings = google_settings(fake, tmp_path, auth="service_account",
                               credentials=str(write_key(tmp_path / "key.json", fake)), token_cache="")
    settings.update(overrides)
    return settings


def invoke(config: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(config), *args])


def invoke_auth(config: Path, *args: str, input: str | None = None):
    """`nastavnik auth ...` (the group is invoked with the context `jobs.cli` gives it)."""
    from jobs.cli import State

    return CliRunner().invoke(auth, list(args), obj=State(str(config)), input=input)


def consent(fake: FakeGoogle, auth_url: str, email: str = COORDINATOR) -> str:
    """What a person does in the browser: sign in as `email`, allow; the address Google redirects to."""
    answer = requests.get(auth_url + "&" + urlencode({"login_hint": email}), allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


class ConsentingBrowser:
    """Stands for ``webbrowser.get()``: opening the URL signs in, consents and follows the
    redirect to nastavnik's loopback page, from another thread (as a real browser would)."""

    def __init__(self, fake: FakeGoogle, email: str = COORDINATOR):
        self.fake, self.email = fake, email
        self.opened: list[str] = []
        self.pages: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)

        def browse() -> None:
            back = consent(self.fake, url, self.email)
            self.pages.append(requests.get(back, timeout=10).text)

        threading.Thread(target=browse, daemon=True).start()
        return True
