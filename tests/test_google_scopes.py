"""Scopes as Google enforces them, on the fake and in nastavnik (issue 12, items 2 and 5):
every call checked against its method's scopes; under ``drive.file`` only the app's own files
(or those a user opened with it) are reachable — a folder made by hand answers 404 — and the
documented way (``init --google`` with ``folder_id`` left empty creates the folder) works."""
from __future__ import annotations

import tomllib

import pytest
from googleapiclient.errors import HttpError

from sheets_schema import ru
from sync.google.auth import DRIVE, DRIVE_FILE, SCOPES
from tests.fake_google import token_for
from tests.fake_google.clients import api_service, service_account_credentials
from tests.fake_google.models.drive import FOLDER, SPREADSHEET
from tests.test_deployment_support import (
    ROBOT,
    invoke,
    my_drive_folder,
    seeded_spreadsheet,
    oauth_settings,
    service_account_settings,
    shared_drive_folder,
    write_config,
)
from tests.test_google_support import COORDINATOR

AUTH = "https://www.googleapis.com/auth/"


def drive_as(fake, email, scopes):
    from google.oauth2.credentials import Credentials

    return api_service(fake.url, "drive", "v3", Credentials(token=token_for(email, scopes)))


def sheets_as(fake, email, scopes):
    from google.oauth2.credentials import Credentials

    return api_service(fake.url, "sheets", "v4", Credentials(token=token_for(email, scopes)))


def error_of(exc: HttpError) -> dict:
    import json

    return json.loads(exc.content.decode("utf-8"))["error"]


# --- the fake: scopes per method ---------------------------------------------------------------

def test_a_token_without_any_scope_of_the_method_gets_googles_403(fake_google):
    drive = drive_as(fake_google, COORDINATOR, [AUTH + "spreadsheets"])
    with pytest.raises(HttpError) as caught:
        drive.files().create(body={"name": "Папка", "mimeType": FOLDER}).execute()
    assert caught.value.resp.status == 403
    assert error_of(caught.value) == {
        "code": 403, "message": "Request had insufficient authentication scopes.",
        "errors": [{"message": "Insufficient Permission", "domain": "global", "reason": "insufficientPermissions"}],
        "status": "PERMISSION_DENIED",
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                     "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "domain": "googleapis.com",
                     "metadata": {"method": "google.apps.drive.v3.DriveFiles.Create",
                                  "service": "drive.googleapis.com"}}]}
    assert fake_google.state.drive.files == {} or all(f.is_root for f in fake_google.state.drive.files.values())


def test_sheets_answers_insufficient_scopes_without_a_drive_errors_list(fake_google):
    with fake_google.lock:
        sheet = fake_google.state.sheets.seed(COORDINATOR, "Банки", {"Лист1": [["a"]]})
    sheets = sheets_as(fake_google, COORDINATOR, [AUTH + "documents"])
    with pytest.raises(HttpError) as caught:
        sheets.spreadsheets().get(spreadsheetId=sheet.id).execute()
    error = error_of(caught.value)
    assert (caught.value.resp.status, error["status"]) == (403, "PERMISSION_DENIED")
    assert "errors" not in error and error["details"][0]["reason"] == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
    assert error["details"][0]["metadata"]["service"] == "sheets.googleapis.com"


def test_one_listed_scope_suffices_and_a_plain_token_has_every_scope(fake_google):
    readonly = drive_as(fake_google, COORDINATOR, [AUTH + "drive.readonly"])
    assert readonly.about().get(fields="user(emailAddress)").execute()["user"]["emailAddress"] == COORDINATOR
    with pytest.raises(HttpError) as caught:  # drive.readonly is not among files.create's scopes
        readonly.files().create(body={"name": "x", "mimeType": FOLDER}).execute()
    assert caught.value.resp.status == 403
    everything = drive_as(fake_google, COORDINATOR, None)
    assert everything.files().create(body={"name": "x", "mimeType": FOLDER}).execute()["id"]


def test_the_jwt_grant_takes_the_scope_claim(fake_google):
    from google.auth.transport.requests import Request

    robot = service_account_credentials(fake_google.url, ROBOT, scopes=[AUTH + "spreadsheets"])
    robot.refresh(Request())
    drive = api_service(fake_google.url, "drive", "v3", robot)
    with pytest.raises(HttpError) as caught:
        drive.about().get(fields="user").execute()
    assert caught.value.resp.status == 403


# --- the fake: drive.file --------------------------------------------------------------------------

def test_drive_file_sees_only_the_apps_files_even_when_shared(fake_google):
    hand_made = my_drive_folder(fake_google)  # made in the Drive UI: not the app's
    drive = drive_as(fake_google, COORDINATOR, [DRIVE_FILE])
    own = drive.files().create(body={"name": "Своя", "mimeType": FOLDER}, fields="id").execute()["id"]

    with pytest.raises(HttpError) as caught:
        drive.files().get(fileId=hand_made).execute()
    assert caught.value.resp.status == 404
    assert error_of(caught.value)["message"] == f"File not found: {hand_made}."
    assert error_of(caught.value)["errors"][0]["reason"] == "notFound"
    listed = drive.files().list(q=f"mimeType = '{FOLDER}'", fields="files(id)").execute()["files"]
    assert [f["id"] for f in listed] == [own]
    with pytest.raises(HttpError) as caught:  # nor can it be a parent
        drive.files().create(body={"name": "Таблица", "mimeType": SPREADSHEET, "parents": [hand_made]}).execute()
    assert caught.value.resp.status == 404

    # the broad scope sees it; so does the app once the user opened the folder with it
    assert drive_as(fake_google, COORDINATOR, [DRIVE]).files().get(fileId=hand_made).execute()["id"] == hand_made
    fake_google.grant_app(hand_made, COORDINATOR)
    assert drive.files().get(fileId=hand_made).execute()["id"] == hand_made


def test_a_file_the_app_created_stays_reachable_for_a_colleague_it_is_shared_with(fake_google):
    drive = drive_as(fake_google, COORDINATOR, [DRIVE_FILE])
    folder = drive.files().create(body={"name": "Наставничество", "mimeType": FOLDER}, fields="id").execute()["id"]
    fake_google.share(folder, "zavuch@school26.example", "writer")
    colleague = drive_as(fake_google, "zavuch@school26.example", [DRIVE_FILE])
    assert colleague.files().get(fileId=folder, fields="id").execute() == {"id": folder}


def test_the_spreadsheets_scope_reaches_every_spreadsheet_drive_file_only_the_apps(fake_google):
    with fake_google.lock:
        sheet = fake_google.state.sheets.seed(COORDINATOR, "Сделана вручную", {"Лист1": [["a"]]})
    wide = sheets_as(fake_google, COORDINATOR, [AUTH + "spreadsheets", DRIVE_FILE])
    assert wide.spreadsheets().get(spreadsheetId=sheet.id).execute()["spreadsheetId"] == sheet.id
    narrow = sheets_as(fake_google, COORDINATOR, [DRIVE_FILE])
    with pytest.raises(HttpError) as caught:
        narrow.spreadsheets().get(spreadsheetId=sheet.id).execute()
    assert caught.value.resp.status == 404
    # and Drive, under drive.file, does not show the hand-made spreadsheet whatever Sheets allows
    with pytest.raises(HttpError) as caught:
        drive_as(fake_google, COORDINATOR, [AUTH + "spreadsheets", DRIVE_FILE]).files().get(fileId=sheet.id).execute()
    assert caught.value.resp.status == 404


# --- nastavnik: the folder -----------------------------------------------------------------------

def saved_google(config):
    return tomllib.loads(config.read_text(encoding="utf-8"))["google"]


def test_a_hand_made_folder_under_drive_file_gets_googles_404_and_the_documented_way_works(fake_google, tmp_path):
    hand_made = my_drive_folder(fake_google)
    fake_google.share(hand_made, COORDINATOR, "writer")  # shared or owned: drive.file does not care
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path, folder_id=hand_made))

    init = invoke(config, "init", "--google")
    assert saved_google(config)["spreadsheet_id"] == ""  # nothing created, nothing recorded
    # an installation with a spreadsheet (made by hand: Sheets reaches it through `spreadsheets`)
    sheet_by_hand = seeded_spreadsheet(fake_google)
    existing = tmp_path / "existing"
    existing.mkdir()
    doctor = invoke(write_config(existing, oauth_settings(fake_google, existing, folder_id=hand_made,
                                                          spreadsheet_id=sheet_by_hand)), "doctor")

    detail = ru.GOOGLE["folder_invisible"].format(folder=hand_made)
    fix = ru.GOOGLE["folder_invisible_fix"].format(name=ru.GOOGLE["workspace_folder_name"])
    assert init.exit_code == 3, init.output
    assert init.output.strip() == "Ошибка: " + ru.GOOGLE["cannot_create"].format(detail=detail, fix=fix)
    lines = doctor.output.splitlines()
    assert doctor.exit_code == 3, doctor.output
    at = lines.index(f"✘ Папка Google Диска https://drive.google.com/drive/folders/{hand_made} доступна для записи")
    assert lines[at + 1:at + 3] == ["   " + detail, ru.DOCTOR["fix"].format(fix=fix)]
    assert [e["status"] for e in fake_google.requests() if e["method_id"] == "drive.files.get"
            and e["path"].endswith(hand_made)] == [404, 404]

    # the fix, as the message says: clear folder_id and run init again
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path, folder_id=""))
    first = invoke(config, "init", "--google", "--sample", "20")
    assert first.exit_code == 0, first.output
    folder_id = saved_google(config)["folder_id"]
    folder = fake_google.state.drive.files[folder_id]
    assert (folder.name, folder.mime_type, folder.owner) == (ru.GOOGLE["workspace_folder_name"], FOLDER, COORDINATOR)
    assert folder.parents == [fake_google.state.drive.roots[COORDINATOR]]
    sheet = fake_google.state.drive.files[saved_google(config)["spreadsheet_id"]]
    assert sheet.parents == [folder_id]
    assert ru.TEXT["init_google_folder"].format(
        name=ru.GOOGLE["workspace_folder_name"], config=config,
        url=f"https://drive.google.com/drive/folders/{folder_id}") in first.output

    # the coordinator renames and moves it in the Drive UI: the app keeps access
    school = my_drive_folder(fake_google, name="Школа 26")
    with fake_google.lock:
        folder.name, folder.parents = "Наставничество 2026/27", [school]
    second = invoke(config, "init", "--google")
    assert second.exit_code == 0, second.output
    assert "([google] folder_id)" not in second.output  # the folder was configured: nothing to say
    assert saved_google(config)["folder_id"] == folder_id
    assert [f for f in fake_google.state.drive.files.values()
            if f.app_properties.get("nastavnik") == "workspace_folder"] == [folder]

    nightly = invoke(config, "nightly")
    assert nightly.exit_code in (0, 1), nightly.output
    doctor = invoke(config, "doctor")
    assert "✔ Папка Google Диска «Наставничество 2026/27» доступна для записи" in doctor.output


def test_init_finds_the_folder_it_made_when_the_config_was_not_written(fake_google, tmp_path):
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))
    assert invoke(config, "init", "--google").exit_code == 0
    made = saved_google(config)["folder_id"]
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))  # folder_id lost again

    assert invoke(config, "init", "--google").exit_code == 0

    assert saved_google(config)["folder_id"] == made
    assert len([f for f in fake_google.state.drive.files.values()
                if f.app_properties.get("nastavnik") == "workspace_folder"]) == 1
    assert len([f for f in fake_google.state.drive.files.values() if f.mime_type == SPREADSHEET]) == 1


def test_a_service_account_without_subject_asks_for_drive_and_sees_the_hand_made_shared_folder(fake_google, tmp_path):
    folder = shared_drive_folder(fake_google, ROBOT)  # made by a person on the shared drive
    config = write_config(tmp_path, service_account_settings(fake_google, tmp_path, folder_id=folder))

    init = invoke(config, "init", "--google")
    status = invoke(config, "auth", "status")

    assert init.exit_code == 0, init.output
    assert saved_google(config)["folder_id"] == folder
    assert f"  ✔ {DRIVE} — " in status.output and DRIVE_FILE not in status.output
    delegated = service_account_settings(fake_google, tmp_path, subject=COORDINATOR)
    from sync.google.auth import load_credentials
    assert tuple(load_credentials(delegated).scopes) == SCOPES


def test_a_hand_made_templates_folder_under_drive_file_is_named_before_templates_are_looked_for(fake_google, tmp_path):
    from sheets_schema.templates import ORDER_PAIRS
    from sync.workspace import WorkspaceError
    from tests.test_google_support import google_workspace

    workspace = google_workspace(fake_google, tmp_path, {})
    hand_made = my_drive_folder(fake_google, name="Шаблоны приказов")
    store = workspace.documents({"templates_folder_id": hand_made})

    with pytest.raises(WorkspaceError) as caught:
        store.read_templates([ORDER_PAIRS])

    assert str(caught.value) == ru.GOOGLE["configured_folder_invisible"].format(
        folder=hand_made, key="templates_folder_id", name=ru.DOCUMENTS["folder_templates"])
    fake_google.grant_app(hand_made, COORDINATOR)  # opened with the app: then it is reachable
    assert workspace.documents({"templates_folder_id": hand_made}).read_templates([ORDER_PAIRS]) == {
        ORDER_PAIRS.key: None}
