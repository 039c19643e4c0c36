"""Each way a school can run nastavnik on Google, end to end through the CLI against the fake:
`init --google`, `validate` and `doctor`'s verdicts (issue «Deployment»)."""
from __future__ import annotations

import tomllib

from sheets_schema import ru
from sheets_schema.tables import MENTEES
from tests.fake_google.models.drive import SPREADSHEET
from tests.test_deployment_support import (
    ROBOT,
    STRANGER,
    invoke,
    my_drive_folder,
    oauth_settings,
    seeded_spreadsheet,
    service_account_settings,
    shared_drive_folder,
    write_config,
)
from sync.personal_data import mask_email
from tests.test_google_support import COORDINATOR

SHOWN_COORDINATOR = mask_email(COORDINATOR)  # no e-mail of a person in any output: «k***@school26.example»

THREE_WAYS = ("общий диск", "[google] subject", 'auth = "oauth"')


def spreadsheets(fake):
    return [f for f in fake.state.drive.files.values() if f.mime_type == SPREADSHEET]


def saved_google(config):
    return tomllib.loads(config.read_text(encoding="utf-8"))["google"]


def init_validate_doctor(config):
    init = invoke(config, "init", "--google", "--sample", "30")
    assert init.exit_code == 0, init.output
    validate = invoke(config, "validate")
    assert validate.exit_code == 0, validate.output
    assert f"Лист «{MENTEES.title}»:" in validate.output
    doctor = invoke(config, "doctor")
    assert doctor.exit_code == 0, doctor.output
    assert doctor.output.strip().endswith(ru.DOCTOR["all_ok"])
    return doctor.output


def test_oauth_as_the_coordinator(fake_google, tmp_path):
    # the documented way under drive.file: folder_id left empty, init creates (and records) the folder
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))

    doctor = init_validate_doctor(config)

    [sheet] = spreadsheets(fake_google)
    folder = saved_google(config)["folder_id"]
    assert sheet.owner == COORDINATOR and sheet.parents == [folder]
    assert f"✔ Вход в Google: аккаунт Google {SHOWN_COORDINATOR}; токен действует до " in doctor
    assert "✔ Права доступа Google (scopes): выданы все 5" in doctor
    assert f"✔ Таблица «{sheet.name}» открывается и доступна для редактирования" in doctor
    assert f"✔ Папка Google Диска «{ru.GOOGLE['workspace_folder_name']}» доступна для записи" in doctor
    assert f"✔ Новые файлы (таблица, документы) будут принадлежать {SHOWN_COORDINATOR}" in doctor


def test_service_account_with_a_shared_drive(fake_google, tmp_path):
    folder = shared_drive_folder(fake_google, ROBOT)
    config = write_config(tmp_path, service_account_settings(fake_google, tmp_path, folder_id=folder))

    doctor = init_validate_doctor(config)

    [sheet] = spreadsheets(fake_google)
    assert sheet.owner is None and sheet.drive_id  # the shared drive owns it
    assert f"✔ Вход в Google: сервисный аккаунт {ROBOT};" in doctor
    assert "✔ Новые файлы будут принадлежать общему диску (папка «Наставничество» на общем диске)" in doctor
    # every call on a file passes supportsAllDrives (about.get and files.generateIds have no such parameter)
    file_calls = [e for e in fake_google.requests(api="drive")
                  if e["method_id"] not in ("drive.about.get", "drive.files.generateIds")]
    assert file_calls and all(e["query"].get("supportsAllDrives") == ["true"] for e in file_calls)


def test_service_account_acting_for_the_coordinator_by_delegation(fake_google, tmp_path):
    config = write_config(tmp_path, service_account_settings(fake_google, tmp_path, subject=COORDINATOR))

    doctor = init_validate_doctor(config)

    [sheet] = spreadsheets(fake_google)
    assert sheet.owner == COORDINATOR and sheet.parents == [saved_google(config)["folder_id"]]
    assert {e["identity"] for e in fake_google.requests() if e["api"] in ("drive", "sheets")} == {COORDINATOR}
    assert (f"✔ Вход в Google: сервисный аккаунт {ROBOT} от имени {SHOWN_COORDINATOR} "
            "(делегирование на уровне домена)") in doctor


def test_service_account_with_a_my_drive_folder_fails_doctor_with_three_ways_out(fake_google, tmp_path):
    folder = my_drive_folder(fake_google)
    fake_google.share(folder, ROBOT, "writer")
    sheet = seeded_spreadsheet(fake_google)
    fake_google.share(sheet, ROBOT, "writer")
    config = write_config(tmp_path, service_account_settings(fake_google, tmp_path, folder_id=folder,
                                                             spreadsheet_id=sheet))

    doctor = invoke(config, "doctor")

    assert doctor.exit_code == 3, doctor.output
    lines = doctor.output.splitlines()
    at = lines.index("✘ Новые файлы в папке «Наставничество 2026/27» может создать учётная запись nastavnik")
    assert lines[at + 1] == "   " + ru.GOOGLE["service_account_storage"].format(folder=folder)
    assert lines[at + 2] == ru.DOCTOR["fix"].format(fix=ru.DOCTOR["google_owner_fix"].format(who=ROBOT))
    assert all(way in lines[at + 2] for way in THREE_WAYS)
    assert "✔ Папка Google Диска «Наставничество 2026/27» доступна для записи" in doctor.output
    assert lines[-1] == ru.DOCTOR["failed"].format(count=1)


def test_service_account_with_a_my_drive_folder_init_creates_nothing(fake_google, tmp_path):
    folder = my_drive_folder(fake_google)
    fake_google.share(folder, ROBOT, "writer")
    config = write_config(tmp_path, service_account_settings(fake_google, tmp_path, folder_id=folder))

    init = invoke(config, "init", "--google")

    assert init.exit_code == 3
    assert init.output.strip() == "Ошибка: " + ru.GOOGLE["cannot_create"].format(
        detail=ru.GOOGLE["service_account_storage"].format(folder=folder),
        fix=ru.DOCTOR["google_owner_fix"].format(who=ROBOT))
    assert all(way in init.output for way in ("общем диске", "[google] subject", 'auth = "oauth"'))
    assert spreadsheets(fake_google) == []
    assert saved_google(config)["spreadsheet_id"] == ""
    assert not [e for e in fake_google.requests(api="sheets")]


def test_a_spreadsheet_not_shared_with_the_identity(fake_google, tmp_path):
    sheet = seeded_spreadsheet(fake_google)
    settings = oauth_settings(fake_google, tmp_path, spreadsheet_id=sheet)
    from tests.test_google_support import write_token_cache
    write_token_cache(tmp_path / "token.json", STRANGER)
    config = write_config(tmp_path, settings)

    doctor = invoke(config, "doctor")

    assert doctor.exit_code == 3
    url = f"https://docs.google.com/spreadsheets/d/{sheet}"
    lines = doctor.output.splitlines()
    at = lines.index(f"✘ Таблица {url} открывается и доступна для редактирования")
    assert lines[at:at + 3] == [
        f"✘ Таблица {url} открывается и доступна для редактирования",
        "   " + ru.DOCTOR["google_spreadsheet_not_shared"].format(who=mask_email(STRANGER)),
        ru.DOCTOR["fix"].format(fix=ru.DOCTOR["google_share_fix"].format(what=url, who=mask_email(STRANGER))),
    ]


def test_an_unknown_spreadsheet_id(fake_google, tmp_path):
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path, spreadsheet_id="1NoSuchSpreadsheet"))
    doctor = invoke(config, "doctor")
    assert doctor.exit_code == 3
    assert "   " + ru.DOCTOR["google_spreadsheet_unknown"].format(id="1NoSuchSpreadsheet") in doctor.output.splitlines()


def test_reader_access_is_not_enough(fake_google, tmp_path):
    from tests.test_google_support import write_token_cache

    coordinator_config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))
    assert invoke(coordinator_config, "init", "--google").exit_code == 0
    sheet = saved_google(coordinator_config)["spreadsheet_id"]
    folder = saved_google(coordinator_config)["folder_id"]
    fake_google.share(sheet, STRANGER, "reader")
    fake_google.share(folder, STRANGER, "reader")
    reader_dir = tmp_path / "reader"
    reader_dir.mkdir()
    config = write_config(reader_dir, oauth_settings(fake_google, reader_dir, spreadsheet_id=sheet, folder_id=folder))
    write_token_cache(reader_dir / "token.json", STRANGER)

    doctor = invoke(config, "doctor")
    validate = invoke(config, "validate")

    assert doctor.exit_code == 3, doctor.output
    url = f"https://docs.google.com/spreadsheets/d/{sheet}"
    lines = doctor.output.splitlines()
    at = lines.index(f"✘ Таблица «{ru.GOOGLE['spreadsheet_name']}» открывается и доступна для редактирования: {url}")
    assert lines[at + 1] == "   " + ru.DOCTOR["google_read_only"].format(who=mask_email(STRANGER))
    assert lines[at + 2] == ru.DOCTOR["fix"].format(fix=ru.DOCTOR["google_share_fix"].format(what=url, who=mask_email(STRANGER)))
    folder_url = f"https://drive.google.com/drive/folders/{folder}"
    assert f"✘ Папка Google Диска {folder_url} доступна для записи" in lines
    # and a write with read access is refused by Sheets with 403, explained
    assert validate.exit_code == 3
    assert "Нет доступа к таблице" in validate.output and "403 PERMISSION_DENIED" in validate.output


def test_a_key_file_other_users_can_read_draws_a_warning_not_a_failure(fake_google, tmp_path):
    folder = shared_drive_folder(fake_google, ROBOT)
    settings = service_account_settings(fake_google, tmp_path, folder_id=folder)
    config = write_config(tmp_path, settings)
    assert invoke(config, "init", "--google").exit_code == 0
    (tmp_path / "key.json").chmod(0o644)

    doctor = invoke(config, "doctor")

    assert doctor.exit_code == 0, doctor.output
    key = tmp_path / "key.json"
    lines = doctor.output.splitlines()
    assert lines[1].startswith("✔ Вход в Google")
    assert lines[2] == "   ! " + ru.GOOGLE["secret_exposed"].format(path=key)


def test_scopes_left_unticked_fail_doctor(fake_google, tmp_path):
    import json

    from sync.google.auth import SCOPES
    from tests.fake_google import refresh_token_for

    sheet = seeded_spreadsheet(fake_google)
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path, spreadsheet_id=sheet))
    cache = json.loads((tmp_path / "token.json").read_text(encoding="utf-8"))
    cache["refresh_token"] = refresh_token_for(COORDINATOR, [s for s in SCOPES if "documents" not in s])
    (tmp_path / "token.json").write_text(json.dumps(cache), encoding="utf-8")

    doctor = invoke(config, "doctor")

    assert doctor.exit_code == 3
    lines = doctor.output.splitlines()
    at = lines.index("✘ Права доступа Google (scopes)")
    assert lines[at + 1] == ("   Не выданы: https://www.googleapis.com/auth/documents "
                             "(заполнение приказов и программ по шаблонам).")
    assert lines[at + 2] == ru.DOCTOR["fix"].format(fix=ru.DOCTOR["google_scopes_fix_oauth"])


def test_doctor_costs_a_few_requests(fake_google, tmp_path):
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))
    assert invoke(config, "init", "--google").exit_code == 0
    from sync.factory import open_workspace
    from jobs.config import load

    cfg = load(config)
    workspace = open_workspace("google", cfg.workspace_dir, cfg.section("google"))
    fake_google.clear_requests()

    checks = workspace.health_checks()

    assert all(c.ok for c in checks), checks
    assert [e["method_id"] for e in fake_google.requests()] == [
        "oauth.token", "drive.about.get", "sheets.spreadsheets.get", "drive.files.get", "drive.files.get"]


def test_the_ownership_check_alone_for_create(fake_google, tmp_path):
    from sync.google.client import client_from_settings
    from sync.google.health import can_own_files_check

    my_drive = my_drive_folder(fake_google)
    fake_google.share(my_drive, ROBOT, "writer")
    shared = shared_drive_folder(fake_google, ROBOT)
    settings = service_account_settings(fake_google, tmp_path)
    client = client_from_settings(settings)

    refused = can_own_files_check(client, my_drive)
    allowed = can_own_files_check(client, shared)

    assert not refused.ok and refused.detail == ru.GOOGLE["service_account_storage"].format(folder=my_drive)
    assert allowed.ok
    assert spreadsheets(fake_google) == []
