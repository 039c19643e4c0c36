"""The fake's Forms publishing as Google has it since forms created through the API after
30 June 2026: unpublished by default, ``forms.setPublishSettings``, responders by Drive
permissions of the «published» view, and the legacy forms made before — through
googleapiclient; answers submitted through the control API."""
from __future__ import annotations

import json

import pytest
import requests
from googleapiclient.errors import HttpError

from tests.fake_google.clients import api_service, service_account_credentials, user_credentials
from tests.fake_google.models.forms import SubmissionRefused

OWNER = "metodist@school.example"
COLLEAGUE = "uchitel@school.example"
OUTSIDER = "teacher@freemail.example"
ROBOT = "robot@nastavnik-test.iam.gserviceaccount.com"
OPEN = {"isPublished": True, "isAcceptingResponses": True}
CLOSED = {"isPublished": True, "isAcceptingResponses": False}


def services(fake, email=OWNER):
    creds = user_credentials(fake.url, email)
    return (api_service(fake.url, "forms", "v1", creds).forms(),
            api_service(fake.url, "drive", "v3", creds))


def google_error(call):
    with pytest.raises(HttpError) as caught:
        call.execute()
    return caught.value.resp.status, json.loads(caught.value.content)["error"]


def new_form(forms, title="Анкета наставляемого"):
    form = forms.create(body={"info": {"title": title}}).execute()
    forms.batchUpdate(formId=form["formId"], body={"requests": [{"createItem": {
        "location": {"index": 0},
        "item": {"title": "ФИО", "questionItem": {"question": {"textQuestion": {}}}}}}]}).execute()
    return form["formId"]


def publish(forms, form_id, state=OPEN, mask="publishState"):
    return forms.setPublishSettings(formId=form_id, body={
        "publishSettings": {"publishState": state}, "updateMask": mask}).execute()


def grant(drive, form_id, **who):
    return drive.permissions().create(fileId=form_id, body={
        "role": "reader", "view": "published", **who}).execute()


def refusal(fake, form_id, email):
    with pytest.raises(SubmissionRefused) as caught:
        fake.submit_form_response(form_id, {"ФИО": "Иванова"}, respondent_email=email)
    return caught.value.reason


def test_a_new_form_is_unpublished_and_takes_no_answers(fake_google):
    forms, _ = services(fake_google)
    form_id = new_form(forms)
    got = forms.get(formId=form_id).execute()
    assert got["publishSettings"] == {"publishState": {}}  # both flags false: omitted, as Google does
    assert got["responderUri"].endswith("/viewform")
    assert refusal(fake_google, form_id, OWNER) == "formNotPublished"
    # the control endpoint answers the same refusal in Google's envelope
    answer = requests.post(f"{fake_google.url}/__fake__/forms/{form_id}/responses",
                           json={"answers": {"ФИО": "Иванова"}}, timeout=5)
    assert answer.status_code == 403
    assert answer.json()["error"]["errors"][0]["reason"] == "formNotPublished"


def test_set_publish_settings_answers_the_new_state_and_get_shows_it(fake_google):
    forms, drive = services(fake_google)
    form_id = new_form(forms)
    assert publish(forms, form_id) == {"formId": form_id, "publishSettings": {"publishState": OPEN}}
    assert forms.get(formId=form_id).execute()["publishSettings"] == {"publishState": OPEN}
    # published, but nobody is a responder yet: only the owner and editors may answer
    assert refusal(fake_google, form_id, COLLEAGUE) == "responderNotAllowed"
    assert refusal(fake_google, form_id, None) == "signInRequired"
    made = fake_google.submit_form_response(form_id, {"ФИО": "Иванова"}, respondent_email=OWNER)
    assert made["responseId"]

    assert publish(forms, form_id, CLOSED, mask="*")["publishSettings"] == {
        "publishState": {"isPublished": True}}
    grant(drive, form_id, type="anyone")
    assert refusal(fake_google, form_id, COLLEAGUE) == "formNotAcceptingResponses"
    publish(forms, form_id, {"isPublished": False, "isAcceptingResponses": False})
    assert refusal(fake_google, form_id, None) == "formNotPublished"


@pytest.mark.parametrize("body, message", [
    ({"publishSettings": {"publishState": {"isPublished": False, "isAcceptingResponses": True}}},
     "a form that is not published cannot accept responses"),
    ({"publishSettings": {"publishState": {"isPublished": True}}},
     "both is_published and is_accepting_responses must be set"),
    ({"publishSettings": {"publishState": OPEN}, "updateMask": "info"}, "unknown field 'info'"),
    ({"updateMask": "publishState"}, "publish_settings is required"),
], ids=["accepting_unpublished", "one_flag", "bad_mask", "no_settings"])
def test_set_publish_settings_refuses_what_google_refuses(fake_google, body, message):
    forms, _ = services(fake_google)
    form_id = new_form(forms)
    status, error = google_error(forms.setPublishSettings(formId=form_id, body=body))
    assert (status, error["status"]) == (400, "INVALID_ARGUMENT")
    assert message in error["message"]
    assert forms.get(formId=form_id).execute()["publishSettings"] == {"publishState": {}}


def test_only_editors_may_publish(fake_google):
    forms, _ = services(fake_google)
    form_id = new_form(forms)
    fake_google.share(form_id, COLLEAGUE, "reader")
    colleague_forms, _ = services(fake_google, COLLEAGUE)
    status, error = google_error(colleague_forms.setPublishSettings(
        formId=form_id, body={"publishSettings": {"publishState": OPEN}}))
    assert (status, error["status"]) == (403, "PERMISSION_DENIED")


def test_a_legacy_form_has_no_publish_settings_and_takes_answers(fake_google):
    fake_google.state.forms.legacy_publishing = True  # forms made before 30 June 2026
    forms, _ = services(fake_google)
    form_id = new_form(forms)
    got = forms.get(formId=form_id).execute()
    assert "publishSettings" not in got
    status, error = google_error(forms.setPublishSettings(
        formId=form_id, body={"publishSettings": {"publishState": OPEN}}))
    assert (status, error["status"]) == (400, "FAILED_PRECONDITION")
    assert "legacy form" in error["message"]
    assert fake_google.submit_form_response(form_id, {"ФИО": "Иванова"})["responseId"]


def test_responders_by_domain_user_and_group(fake_google):
    forms, drive = services(fake_google)
    form_id = new_form(forms)
    publish(forms, form_id)

    perm = grant(drive, form_id, type="domain", domain="school.example")
    assert perm["type"] == "domain"
    fake_google.submit_form_response(form_id, {"ФИО": "Петрова"}, respondent_email=COLLEAGUE)
    assert refusal(fake_google, form_id, OUTSIDER) == "responderNotAllowed"
    assert refusal(fake_google, form_id, None) == "signInRequired"

    grant(drive, form_id, type="user", emailAddress=OUTSIDER)
    fake_google.submit_form_response(form_id, {"ФИО": "Сидорова"}, respondent_email=OUTSIDER)

    fake_google.state.drive.groups["pedagogi@lyceum.example"] = {"member@lyceum.example"}
    assert refusal(fake_google, form_id, "member@lyceum.example") == "responderNotAllowed"
    grant(drive, form_id, type="group", emailAddress="pedagogi@lyceum.example")
    fake_google.submit_form_response(form_id, {"ФИО": "Кузнецова"}, respondent_email="member@lyceum.example")
    assert refusal(fake_google, form_id, "other@lyceum.example") == "responderNotAllowed"


def test_published_view_permissions_are_responders_not_readers(fake_google):
    forms, drive = services(fake_google)
    form_id = new_form(forms)
    publish(forms, form_id)
    grant(drive, form_id, type="anyone")
    fake_google.submit_form_response(form_id, {"ФИО": "Иванова"}, respondent_email=OUTSIDER)

    _, outsider_drive = services(fake_google, OUTSIDER)
    status, _ = google_error(outsider_drive.files().get(fileId=form_id))
    assert status == 404  # a responder cannot open the form's file
    plain = drive.permissions().list(fileId=form_id, fields="permissions(id,type,role,view)").execute()
    assert [p["type"] for p in plain["permissions"]] == ["user"]  # the owner only
    with_view = drive.permissions().list(fileId=form_id, fields="permissions(id,type,role,view)",
                                         includePermissionsForView="published").execute()
    assert {"type": "anyone", "role": "reader", "view": "published"} in [
        {k: p[k] for k in ("type", "role", "view") if k in p} for p in with_view["permissions"]]


@pytest.mark.parametrize("body, location", [
    ({"type": "anyone", "role": "writer", "view": "published"}, "permission.role"),
    ({"type": "anyone", "role": "reader", "view": "metadata"}, "permission.view"),
    ({"type": "domain", "role": "reader", "view": "published"}, "permission.domain"),
], ids=["writer", "other_view", "domain_without_domain"])
def test_published_view_permission_errors(fake_google, body, location):
    forms, drive = services(fake_google)
    form_id = new_form(forms)
    status, error = google_error(drive.permissions().create(fileId=form_id, body=body))
    assert status == 400 and error["errors"][0]["location"] == location


def test_the_published_view_is_only_for_forms(fake_google):
    _, drive = services(fake_google)
    doc = drive.files().create(body={"name": "Приказ", "mimeType": "application/vnd.google-apps.document"}).execute()
    status, error = google_error(drive.permissions().create(fileId=doc["id"], body={
        "type": "anyone", "role": "reader", "view": "published"}))
    assert status == 400 and error["errors"][0]["location"] == "permission.view"


def test_a_service_account_makes_its_form_through_drive_in_a_shared_drive(fake_google):
    creds = service_account_credentials(fake_google.url, ROBOT)
    forms = api_service(fake_google.url, "forms", "v1", creds).forms()
    drive = api_service(fake_google.url, "drive", "v3", creds)
    status, error = google_error(forms.create(body={"info": {"title": "Анкета"}}))
    assert (status, error["status"]) == (403, "PERMISSION_DENIED")  # it has no storage to own a form

    form_mime = "application/vnd.google-apps.form"
    status, error = google_error(drive.files().create(body={"name": "Анкета", "mimeType": form_mime}))
    assert status == 403 and error["errors"][0]["reason"] == "storageQuotaExceeded"

    with fake_google.lock:
        shared = fake_google.state.drive.drives_create(OWNER, "req-1", {"name": "Школа"})
    fake_google.share(shared.id, ROBOT, "writer")
    made = drive.files().create(body={"name": "Анкета наставляемого", "mimeType": form_mime,
                                      "parents": [shared.id]}, supportsAllDrives=True).execute()
    got = forms.get(formId=made["id"]).execute()
    assert got["info"] == {"title": "Анкета наставляемого", "documentTitle": "Анкета наставляемого"}
    assert got["publishSettings"] == {"publishState": {}} and "items" not in got
    forms.batchUpdate(formId=made["id"], body={"requests": [{"createItem": {
        "location": {"index": 0},
        "item": {"title": "ФИО", "questionItem": {"question": {"textQuestion": {}}}}}}]}).execute()
    publish(forms, made["id"])
    drive.permissions().create(fileId=made["id"], supportsAllDrives=True, body={
        "type": "anyone", "role": "reader", "view": "published"}).execute()
    assert fake_google.submit_form_response(made["id"], {"ФИО": "Иванова"},
                                            respondent_email=OUTSIDER)["responseId"]


def test_a_copy_of_a_published_form_starts_unpublished(fake_google):
    forms, drive = services(fake_google)
    form_id = new_form(forms)
    publish(forms, form_id)
    copy = drive.files().copy(fileId=form_id, body={"name": "Анкета наставляемого (копия)"}).execute()
    got = forms.get(formId=copy["id"]).execute()
    assert got["publishSettings"] == {"publishState": {}}
    assert [i["title"] for i in got["items"]] == ["ФИО"]
    assert refusal(fake_google, copy["id"], OWNER) == "formNotPublished"
