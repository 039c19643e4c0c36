"""The fake's Drive v3 through googleapiclient (and gspread where the project uses it)."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from googleapiclient.errors import HttpError

from tests.fake_google import FakeGoogle
from tests.fake_google.clients import (api_service, gspread_client, service_account_credentials,
                                       user_credentials)

TEACHER = "metodist@school.example"
DIRECTOR = "director@school.example"
ROBOT = "robot@nastavnik-test.iam.gserviceaccount.com"
FOLDER = "application/vnd.google-apps.folder"
SHEET = "application/vnd.google-apps.spreadsheet"


def _drive(fake: FakeGoogle, creds) -> SimpleNamespace:
    service = api_service(fake.url, "drive", "v3", creds)
    return SimpleNamespace(files=service.files(), permissions=service.permissions(),
                           drives=service.drives())


@pytest.fixture
def teacher(fake_google):
    return _drive(fake_google, user_credentials(fake_google.url, TEACHER))


def _error(exc: HttpError) -> dict:
    return json.loads(exc.content)["error"]


def test_folders_files_and_queries(fake_google, teacher):
    folder = teacher.files.create(body={"name": "Наставничество", "mimeType": FOLDER},
                                  fields="id,name,mimeType,parents").execute()
    assert folder["mimeType"] == FOLDER and len(folder["parents"]) == 1
    made = [teacher.files.create(body={"name": name, "mimeType": SHEET,
                                       "parents": [folder["id"]],
                                       "appProperties": {"nastavnik": role}}).execute()
            for name, role in (("Банк наставников", "mentors"), ("Банк наставляемых", "mentees"),
                               ("Пары 2026", "pairs"))]
    assert set(made[0]) == {"kind", "id", "name", "mimeType"}  # Drive's default fields
    assert made[0]["id"] in fake_google.state.sheets.spreadsheets

    def names(q, **kw):
        answer = teacher.files.list(q=q, fields="files(id,name)", **kw).execute()
        return sorted(f["name"] for f in answer["files"])

    inside = f"'{folder['id']}' in parents and trashed = false"
    assert names(inside) == ["Банк наставляемых", "Банк наставников", "Пары 2026"]
    assert names(inside + " and name contains 'банк'") == ["Банк наставляемых",
                                                           "Банк наставников"]
    assert names("name = 'Пары 2026'") == ["Пары 2026"]
    assert names(f"mimeType = '{FOLDER}'") == ["Наставничество"]
    assert names("appProperties has { key='nastavnik' and value='pairs' }") == ["Пары 2026"]
    assert names("'root' in parents") == ["Наставничество"]

    teacher.files.update(fileId=made[2]["id"], body={"trashed": True,
                                                     "appProperties": {"nastavnik": None}}
                         ).execute()
    assert names(inside) == ["Банк наставляемых", "Банк наставников"]
    assert names("appProperties has { key='nastavnik' and value='pairs' }") == []

    with pytest.raises(HttpError) as caught:
        teacher.files.list(q="name === 'x'").execute()
    assert caught.value.resp.status == 400
    assert _error(caught.value)["errors"][0]["reason"] == "invalid"


def test_list_pages_with_page_token(fake_google, teacher):
    for i in range(7):
        teacher.files.create(body={"name": f"Отчёт {i}", "mimeType": SHEET}).execute()
    seen, token, pages = [], None, 0
    while True:
        answer = teacher.files.list(pageSize=3, pageToken=token, orderBy="name",
                                    fields="nextPageToken,files(name)").execute()
        seen += [f["name"] for f in answer["files"]]
        pages += 1
        token = answer.get("nextPageToken")
        if not token:
            break
    assert pages == 3
    assert seen == [f"Отчёт {i}" for i in range(7)]


def test_invisible_file_is_404_and_folder_share_is_inherited(fake_google, teacher):
    folder = teacher.files.create(body={"name": "Приказы", "mimeType": FOLDER}).execute()
    doc = teacher.files.create(body={"name": "Приказ №1", "parents": [folder["id"]],
                                     "mimeType": "application/vnd.google-apps.document"}
                               ).execute()
    director = _drive(fake_google, user_credentials(fake_google.url, DIRECTOR))
    with pytest.raises(HttpError) as caught:
        director.files.get(fileId=doc["id"]).execute()
    error = _error(caught.value)
    assert caught.value.resp.status == 404
    assert error["message"] == f"File not found: {doc['id']}."
    assert error["errors"][0]["reason"] == "notFound"

    perm = teacher.permissions.create(fileId=folder["id"], sendNotificationEmail=False,
                                      body={"type": "user", "role": "reader",
                                            "emailAddress": DIRECTOR}).execute()
    assert perm["role"] == "reader" and perm["type"] == "user"
    got = director.files.get(fileId=doc["id"], fields="id,name,owners(emailAddress)").execute()
    assert got == {"id": doc["id"], "name": "Приказ №1", "owners": [{"emailAddress": TEACHER}]}
    listed = teacher.permissions.list(fileId=folder["id"],
                                      fields="permissions(role,emailAddress)").execute()
    assert {(p["emailAddress"], p["role"]) for p in listed["permissions"]} == {
        (TEACHER, "owner"), (DIRECTOR, "reader")}

    with pytest.raises(HttpError) as caught:
        director.files.update(fileId=doc["id"], body={"name": "Подмена"}).execute()
    assert caught.value.resp.status == 403
    assert _error(caught.value)["errors"][0]["reason"] == "insufficientFilePermissions"
    with pytest.raises(HttpError) as caught:
        director.files.delete(fileId=doc["id"]).execute()
    assert caught.value.resp.status == 403
    teacher.files.delete(fileId=doc["id"]).execute()
    assert doc["id"] not in fake_google.state.docs.documents


def test_copy_of_a_spreadsheet_copies_its_content(fake_google, teacher):
    template = fake_google.state.sheets.seed(TEACHER, "Шаблон", {"Лист1": [["Шапка", 1]]})
    copy = teacher.files.copy(fileId=template.id, body={"name": "Рабочая копия"},
                              fields="id,name,mimeType").execute()
    assert copy["name"] == "Рабочая копия" and copy["mimeType"] == SHEET
    gc = gspread_client(fake_google.url, user_credentials(fake_google.url, TEACHER))
    assert gc.open_by_key(copy["id"]).sheet1.get_all_values() == [["Шапка", "1"]]
    gc.open_by_key(copy["id"]).sheet1.update([["Изменено"]], "A1")
    assert gc.open_by_key(template.id).sheet1.acell("A1").value == "Шапка"


def test_service_account_cannot_own_files_outside_shared_drives(fake_google, teacher):
    folder = teacher.files.create(body={"name": "Общая папка", "mimeType": FOLDER}).execute()
    teacher.permissions.create(fileId=folder["id"], body={
        "type": "user", "role": "writer", "emailAddress": ROBOT}).execute()
    robot = _drive(fake_google, service_account_credentials(fake_google.url, ROBOT))
    for parents in ([folder["id"]], None):
        with pytest.raises(HttpError) as caught:
            robot.files.create(body={"name": "Пары", "mimeType": SHEET, "parents": parents}
                               ).execute()
        error = _error(caught.value)
        assert caught.value.resp.status == 403
        assert error["errors"][0]["reason"] == "storageQuotaExceeded"
        assert error["errors"][0]["domain"] == "usageLimits"
        assert error["message"].startswith("Service Accounts do not have storage quota.")
    gc = gspread_client(fake_google.url, service_account_credentials(fake_google.url, ROBOT))
    import gspread
    with pytest.raises(gspread.exceptions.APIError) as api_error:
        gc.create("Пары", folder_id=folder["id"])
    assert api_error.value.response.status_code == 403


def test_shared_drive_needs_supports_all_drives(fake_google, teacher):
    shared = teacher.drives.create(requestId="req-1", body={"name": "Школа"}).execute()
    teacher.permissions.create(fileId=shared["id"], supportsAllDrives=True, body={
        "type": "user", "role": "writer", "emailAddress": ROBOT}).execute()
    robot = _drive(fake_google, service_account_credentials(fake_google.url, ROBOT))
    made = robot.files.create(body={"name": "Пары", "mimeType": SHEET,
                                    "parents": [shared["id"]]}, supportsAllDrives=True,
                              fields="id,driveId,parents").execute()
    assert made["driveId"] == shared["id"] and made["parents"] == [shared["id"]]

    with pytest.raises(HttpError) as caught:
        robot.files.get(fileId=made["id"]).execute()
    assert caught.value.resp.status == 404
    assert robot.files.get(fileId=made["id"], supportsAllDrives=True).execute()["name"] == "Пары"
    assert robot.files.list(q="name = 'Пары'").execute()["files"] == []
    listed = robot.files.list(q="name = 'Пары'", supportsAllDrives=True,
                              includeItemsFromAllDrives=True).execute()
    assert [f["id"] for f in listed["files"]] == [made["id"]]
    assert robot.drives.get(driveId=shared["id"]).execute()["name"] == "Школа"
    copy = robot.files.copy(fileId=made["id"], supportsAllDrives=True,
                            body={"name": "Пары (копия)"}, fields="driveId").execute()
    assert copy["driveId"] == shared["id"]


def test_parents_move_and_metadata_update(fake_google, teacher):
    a = teacher.files.create(body={"name": "A", "mimeType": FOLDER}).execute()
    b = teacher.files.create(body={"name": "B", "mimeType": FOLDER}).execute()
    f = teacher.files.create(body={"name": "Файл", "mimeType": SHEET, "parents": [a["id"]]}
                             ).execute()
    moved = teacher.files.update(fileId=f["id"], addParents=b["id"], removeParents=a["id"],
                                 body={"name": "Файл 2", "appProperties": {"k": "v"}},
                                 fields="name,parents,appProperties").execute()
    assert moved == {"name": "Файл 2", "parents": [b["id"]], "appProperties": {"k": "v"}}


def test_unknown_query_parameter_and_body_field_are_400(fake_google, teacher):
    with pytest.raises(HttpError) as caught:
        teacher.files.create(body={"name": "x", "colour": "red"}).execute()
    assert _error(caught.value)["message"] == (
        'Invalid JSON payload received. Unknown name "colour": Cannot find field.')


GENERATED_ID_CASES = [
    # (name, mime type, id: "generated" / "used" / "made up", expected code, reason, message)
    ("generated_folder", FOLDER, "generated", 200, None, None),
    ("generated_binary", "text/plain", "generated", 200, None, None),
    ("used_again", FOLDER, "used", 409, "fileIdInUse", "A file already exists with the provided ID."),
    ("made_up", FOLDER, "made up", 400, "fileIdNotUsable", "The provided file ID is not usable."),
    ("generated_spreadsheet", SHEET, "generated", 403, "generatedIdNotSupported",
     "Generated IDs are not supported for Docs Editors formats."),
]


@pytest.mark.parametrize("name, mime, which, code, reason, message", GENERATED_ID_CASES,
                         ids=[c[0] for c in GENERATED_ID_CASES])
def test_create_with_an_id_from_generate_ids(fake_google, teacher, name, mime, which, code, reason, message):
    answer = teacher.files.generateIds(count=3).execute()
    assert answer["kind"] == "drive#generatedIds" and answer["space"] == "drive"
    assert len(answer["ids"]) == len(set(answer["ids"])) == 3
    file_id = {"generated": answer["ids"][0], "used": answer["ids"][1],
               "made up": "1" + "x" * 32 + "A"}[which]
    if which == "used":
        teacher.files.create(body={"id": file_id, "name": "первый", "mimeType": mime}).execute()
    before = len(fake_google.state.drive.files)
    request = teacher.files.create(body={"id": file_id, "name": name, "mimeType": mime}, fields="id,name")
    if code == 200:
        assert request.execute() == {"id": file_id, "name": name}
        return
    with pytest.raises(HttpError) as raised:
        request.execute()
    error = _error(raised.value)
    assert (raised.value.resp.status, error["errors"][0]["reason"], error["message"]) == (code, reason, message)
    assert len(fake_google.state.drive.files) == before  # nothing made


def test_copy_with_a_used_id_is_409_and_a_document_takes_no_generated_id(fake_google, teacher):
    text = teacher.files.create(body={"name": "a.txt", "mimeType": "text/plain"}).execute()
    doc = fake_google.state.docs.seed(TEACHER, "Шаблон", "Приказ")
    first, second = teacher.files.generateIds(count=2).execute()["ids"]
    assert teacher.files.copy(fileId=text["id"], body={"id": first}).execute()["id"] == first
    with pytest.raises(HttpError) as again:
        teacher.files.copy(fileId=text["id"], body={"id": first}).execute()
    assert (again.value.resp.status, _error(again.value)["message"]) == (409, "A file already exists with the provided ID.")
    with pytest.raises(HttpError) as docs:
        teacher.files.copy(fileId=doc.id, body={"id": second}).execute()
    assert (docs.value.resp.status, _error(docs.value)["errors"][0]["reason"]) == (403, "generatedIdNotSupported")


def test_generate_ids_count_is_bounded_by_discovery(fake_google, teacher):
    assert len(teacher.files.generateIds(count=1000).execute()["ids"]) == 1000
    with pytest.raises(HttpError) as raised:
        teacher.files.generateIds(count=1001).execute()
    assert raised.value.resp.status == 400
