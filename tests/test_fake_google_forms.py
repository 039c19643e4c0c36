"""The fake's Forms v1 through googleapiclient; responses submitted via the control API."""
from __future__ import annotations

import json
import re

import pytest
import requests
from googleapiclient.errors import HttpError

from tests.fake_google.clients import api_service, user_credentials

TEACHER = "metodist@school.example"
HEX8 = re.compile(r"^[0-9a-f]{8}$")


@pytest.fixture
def forms(fake_google):
    return api_service(fake_google.url, "forms", "v1",
                       user_credentials(fake_google.url, TEACHER)).forms()


@pytest.fixture
def drive(fake_google):
    return api_service(fake_google.url, "drive", "v3", user_credentials(fake_google.url, TEACHER))


PUBLISH = {"publishSettings": {"publishState": {"isPublished": True, "isAcceptingResponses": True}},
           "updateMask": "publishState"}


@pytest.fixture
def questionnaire(forms, drive):
    """A form «Анкета наставника» with a text question and a checkbox question, published to
    anyone with the link."""
    form = forms.create(body={"info": {"title": "Анкета наставника"}}).execute()
    answer = forms.batchUpdate(formId=form["formId"], body={
        "includeFormInResponse": True,
        "requests": [
            {"updateSettings": {"settings": {"emailCollectionType": "VERIFIED"},
                                "updateMask": "emailCollectionType"}},
            {"createItem": {"location": {"index": 0}, "item": {
                "title": "ФИО", "questionItem": {"question": {
                    "required": True, "textQuestion": {"paragraph": False}}}}}},
            {"createItem": {"location": {"index": 1}, "item": {
                "title": "Предметы", "questionItem": {"question": {"choiceQuestion": {
                    "type": "CHECKBOX", "options": [{"value": "математика"},
                                                    {"value": "физика"}]}}}}}},
        ]}).execute()
    forms.setPublishSettings(formId=form["formId"], body=PUBLISH).execute()
    drive.permissions().create(fileId=form["formId"], body={
        "type": "anyone", "role": "reader", "view": "published"}).execute()
    return answer


def test_create_allows_only_title(forms):
    with pytest.raises(HttpError) as caught:
        forms.create(body={"info": {"title": "x"}, "items": [{"title": "q"}]}).execute()
    error = json.loads(caught.value.content)["error"]
    assert (caught.value.resp.status, error["status"]) == (400, "INVALID_ARGUMENT")
    assert error["message"].startswith("Only info.title and info.document_title can be set")


def test_batch_update_assigns_google_style_ids(forms, questionnaire):
    replies = questionnaire["replies"]
    assert replies[0] == {}
    created = replies[1]["createItem"]
    assert HEX8.match(created["itemId"]) and HEX8.match(created["questionId"][0])
    form = questionnaire["form"]
    assert [i["title"] for i in form["items"]] == ["ФИО", "Предметы"]
    assert form["items"][0]["questionItem"]["question"]["questionId"] == \
        created["questionId"][0]
    assert form["settings"] == {"emailCollectionType": "VERIFIED"}

    form_id = form["formId"]
    forms.batchUpdate(formId=form_id, body={"requests": [
        {"moveItem": {"originalLocation": {"index": 1}, "newLocation": {"index": 0}}},
        {"updateItem": {"location": {"index": 1}, "updateMask": "title",
                        "item": {"title": "Фамилия Имя Отчество"}}},
        {"updateFormInfo": {"info": {"description": "Заполните до 1 декабря"},
                            "updateMask": "description"}},
    ]}).execute()
    got = forms.get(formId=form_id).execute()
    assert [i["title"] for i in got["items"]] == ["Предметы", "Фамилия Имя Отчество"]
    assert got["items"][1]["itemId"] == created["itemId"]
    assert got["info"] == {"title": "Анкета наставника", "documentTitle": "Анкета наставника",
                           "description": "Заполните до 1 декабря"}
    forms.batchUpdate(formId=form_id, body={"requests": [
        {"deleteItem": {"location": {"index": 0}}}]}).execute()
    assert len(forms.get(formId=form_id).execute()["items"]) == 1


def test_responses_filter_and_paging(fake_google, forms, questionnaire):
    form_id = questionnaire["form"]["formId"]
    for day in range(1, 13):
        fake_google.submit_form_response(
            form_id, {"ФИО": f"Учитель {day}", "Предметы": ["математика", "физика"]},
            respondent_email=f"t{day}@school.example", timestamp=f"2025-09-{day:02d}T08:00:00Z")

    pages, seen, token = 0, [], None
    while True:
        page = forms.responses().list(formId=form_id, pageSize=5, pageToken=token).execute()
        pages += 1
        seen += page["responses"]
        token = page.get("nextPageToken")
        if not token:
            break
    assert pages == 3 and len(seen) == 12
    assert len({r["responseId"] for r in seen}) == 12
    first = seen[0]
    qid = questionnaire["replies"][1]["createItem"]["questionId"][0]
    assert first["answers"][qid]["textAnswers"]["answers"] == [{"value": "Учитель 1"}]
    assert first["respondentEmail"] == "t1@school.example"
    assert first["createTime"] == first["lastSubmittedTime"] == "2025-09-01T08:00:00Z"

    later = forms.responses().list(formId=form_id,
                                   filter="timestamp > 2025-09-10T08:00:00Z").execute()
    assert [r["lastSubmittedTime"][:10] for r in later["responses"]] == ["2025-09-11",
                                                                         "2025-09-12"]
    inclusive = forms.responses().list(formId=form_id,
                                       filter="timestamp >= 2025-09-10T08:00:00Z").execute()
    assert len(inclusive["responses"]) == 3

    filtered = forms.responses().list(formId=form_id, pageSize=1,
                                      filter="timestamp >= 2025-09-10T08:00:00Z").execute()
    with pytest.raises(HttpError) as caught:
        forms.responses().list(formId=form_id, pageToken=filtered["nextPageToken"]).execute()
    assert caught.value.resp.status == 400
    with pytest.raises(HttpError) as caught:
        forms.responses().list(formId=form_id, filter="timestamp > yesterday").execute()
    assert caught.value.resp.status == 400


def test_editing_a_response_moves_last_submitted_time(fake_google, forms, questionnaire):
    form_id = questionnaire["form"]["formId"]
    url = f"{fake_google.url}/__fake__/forms/{form_id}/responses"
    made = requests.post(url, json={"answers": {"ФИО": "Иванова"},
                                    "timestamp": "2025-10-01T09:00:00Z"}, timeout=5).json()
    edited = requests.post(url, json={"answers": {"ФИО": "Иванова-Петрова"},
                                      "responseId": made["responseId"],
                                      "timestamp": "2025-10-03T12:30:00.250Z"}, timeout=5).json()
    assert edited["responseId"] == made["responseId"]
    got = forms.responses().get(formId=form_id, responseId=made["responseId"]).execute()
    assert got["createTime"] == "2025-10-01T09:00:00Z"
    assert got["lastSubmittedTime"] == "2025-10-03T12:30:00.250Z"
    assert list(got["answers"].values())[0]["textAnswers"]["answers"] == [
        {"value": "Иванова-Петрова"}]
    since = forms.responses().list(formId=form_id,
                                   filter="timestamp >= 2025-10-02T00:00:00Z").execute()
    assert [r["responseId"] for r in since["responses"]] == [made["responseId"]]
    assert forms.responses().list(formId=form_id, filter="timestamp > 2030-01-01T00:00:00Z"
                                  ).execute() == {}
