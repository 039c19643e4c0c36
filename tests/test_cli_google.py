"""The CLI on the Google backend, end to end against the fake: init --google, validate, doctor."""
from __future__ import annotations

import tomllib

from click.testing import CliRunner

from jobs.cli import cli
from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from sheets_schema.tables import LOG, MENTEES
from tests.test_google_support import fast_client, google_settings, new_folder


def google_config(fake, tmp_path, **overrides):
    settings = google_settings(fake, tmp_path, **overrides)
    settings["folder_id"] = new_folder(fast_client(settings))
    lines = [render_local_config(DEFAULT_SCHOOL).replace('backend = "local"', 'backend = "google"'), "[google]"]
    for key, value in settings.items():
        lines.append(f"{key} = {value!r}".replace("'", '"') if isinstance(value, str) else f"{key} = {value}")
    path = tmp_path / "nastavnik.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, settings


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_init_google_creates_once_records_the_id_and_validate_runs(fake_google, tmp_path):
    config, settings = google_config(fake_google, tmp_path)

    first = invoke("--config", str(config), "init", "--google", "--sample", "40")

    assert first.exit_code == 0, first.output
    assert first.output.startswith("Таблица Google создана: https://docs.google.com/spreadsheets/d/")
    saved = tomllib.loads(config.read_text(encoding="utf-8"))["google"]
    assert saved["spreadsheet_id"] and saved["folder_id"] == settings["folder_id"]

    in_folder = fast_client(settings).files_list(
        f"'{settings['folder_id']}' in parents and mimeType = 'application/vnd.google-apps.form' and trashed = false")
    from sheets_schema.questionnaires import QUESTIONNAIRES

    assert len(in_folder["files"]) == len(QUESTIONNAIRES) == 5  # the questionnaires sit beside the spreadsheet

    again = invoke("--config", str(config), "init", "--google")
    assert again.exit_code == 0, again.output
    assert again.output.startswith("Таблица Google уже есть, все листы на месте: https://docs.google.com/spreadsheets/d/")
    assert tomllib.loads(config.read_text(encoding="utf-8"))["google"]["spreadsheet_id"] == saved["spreadsheet_id"]

    checked = invoke("--config", str(config), "validate")
    assert checked.exit_code == 0, checked.output
    assert f"Лист «{MENTEES.title}»: строк 24;" in checked.output

    doctor = invoke("--config", str(config), "doctor")
    assert doctor.exit_code == 0, doctor.output
    assert doctor.output.strip().endswith("Всё готово к ночному запуску.")


def test_google_backend_without_spreadsheet_id_says_what_to_run(fake_google, tmp_path):
    config, _ = google_config(fake_google, tmp_path)
    result = CliRunner().invoke(cli, ["--config", str(config), "validate"])
    assert result.exit_code == 3
    assert "init --google" in result.output


def test_doctor_lists_a_missing_google_sign_in_as_a_failed_line(fake_google, tmp_path):
    from jobs.config import set_keys

    config, _ = google_config(fake_google, tmp_path, spreadsheet_id="x")
    set_keys(config, "google", {"token_cache": str(tmp_path / "none.json")})
    result = CliRunner().invoke(cli, ["--config", str(config), "doctor"])
    assert result.exit_code == 3
    lines = result.output.splitlines()
    assert lines[1] == "✘ Рабочее пространство открывается (вход в Google, файлы ключей)"
    assert "nastavnik auth login" in lines[2]


def test_init_google_run_again_names_the_tabs_it_added(fake_google, tmp_path):
    config, settings = google_config(fake_google, tmp_path)
    assert invoke("--config", str(config), "init", "--google").exit_code == 0
    spreadsheet_id = tomllib.loads(config.read_text(encoding="utf-8"))["google"]["spreadsheet_id"]
    client = fast_client(settings)
    tabs = client.spreadsheets_get(spreadsheet_id, fields="sheets.properties")["sheets"]
    log_id = next(t["properties"]["sheetId"] for t in tabs if t["properties"]["title"] == LOG.title)
    client.spreadsheets_batch_update(spreadsheet_id, [{"deleteSheet": {"sheetId": log_id}}])

    again = invoke("--config", str(config), "init", "--google")

    assert again.exit_code == 0, again.output
    assert again.output.startswith(
        f"Таблица Google уже есть, добавлены недостающие листы «{LOG.title}»: https://docs.google.com/spreadsheets/d/")
