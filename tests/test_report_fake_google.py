"""What the report needs of the fake Google, through the real clients: a Drive multipart upload,
and Docs insertInlineImage with Google's fetch rules (the image must be publicly readable)."""
from __future__ import annotations

import base64
import json

import pytest
from googleapiclient.errors import HttpError

from jobs.charts import render
from jobs.charts.model import Bar, Chart
from sync.google.errors import GoogleApiError
from tests.fake_google.models.docs import document_text
from tests.test_google_support import fast_client, google_settings

PNG = render.png(Chart("one", "Один столбец", "Баллы", (Bar("Вопрос", (8.0,), "8"),)), 7.2 * 2.54, 4 * 2.54, dpi=100)  # 720×400 px
# a data: URI stays under 2 kB: a white picture of 4×2 px (8-bit RGB)
TINY = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAADklEQVR42mP4jwQYkDkANvEX6T1/i7QAAAAASUVORK5CYII="
RETRIEVAL = ("Invalid requests[0].insertInlineImage: There was a problem retrieving the image. The provided "
             "image should be publicly accessible, within size limit, and in supported formats.")


@pytest.fixture
def client(fake_google, tmp_path):
    return fast_client(google_settings(fake_google, tmp_path))


def _doc(fake_google, client, text: str) -> str:
    me = client.about_get("user")["user"]["emailAddress"]
    return fake_google.state.docs.seed(me, "Отчёт", text).id


def _upload(client, data: bytes = PNG, mime: str = "image/png") -> dict:
    return client.files_upload({"name": "chart.png", "mimeType": mime}, data, mime,
                               fields="id,name,mimeType,size,webContentLink")


def _insert(client, doc_id: str, uri: str, index: int = 4, size: dict | None = None):
    request = {"location": {"index": index}, "uri": uri}
    if size:
        request["objectSize"] = size
    return client.documents_batch_update(doc_id, [{"insertInlineImage": request}])


def _error(exc: GoogleApiError) -> tuple[int, str]:
    return exc.code, exc.message


def test_a_multipart_upload_stores_the_content_and_gives_a_download_link(client):
    uploaded = _upload(client)

    assert uploaded["name"] == "chart.png" and uploaded["mimeType"] == "image/png"
    assert uploaded["size"] == str(len(PNG))
    assert uploaded["webContentLink"] == f"https://drive.google.com/uc?id={uploaded['id']}&export=download"
    request = client._service("drive").files().get_media(fileId=uploaded["id"])
    assert request.execute() == PNG


def test_an_image_not_shared_by_link_cannot_be_inserted(client, fake_google):
    doc_id = _doc(fake_google, client, "До {{chart}} после")
    uploaded = _upload(client)

    with pytest.raises(GoogleApiError) as caught:
        _insert(client, doc_id, uploaded["webContentLink"])

    assert _error(caught.value) == (400, RETRIEVAL)
    assert document_text(client.documents_get(doc_id)) == "До {{chart}} после\n"


def test_a_shared_image_takes_one_index_and_shows_as_an_inline_object(client, fake_google):
    doc_id = _doc(fake_google, client, "До {{chart}} после")
    uploaded = _upload(client)
    client.permissions_create(uploaded["id"], {"type": "anyone", "role": "reader"})

    reply = client.documents_batch_update(doc_id, [
        {"deleteContentRange": {"range": {"startIndex": 4, "endIndex": 13}}},
        {"insertInlineImage": {"location": {"index": 4}, "uri": uploaded["webContentLink"],
                               "objectSize": {"width": {"magnitude": 360, "unit": "PT"}}}},
    ])
    client.files_delete(uploaded["id"])  # Google keeps its copy: the document does not change

    object_id = reply["replies"][1]["insertInlineImage"]["objectId"]
    got = client.documents_get(doc_id)
    elements = got["body"]["content"][1]["paragraph"]["elements"]
    assert [(e["startIndex"], e["endIndex"], "inlineObjectElement" in e) for e in elements] == [
        (1, 4, False), (4, 5, True), (5, 12, False)]
    assert elements[1]["inlineObjectElement"]["inlineObjectId"] == object_id
    embedded = got["inlineObjects"][object_id]["inlineObjectProperties"]["embeddedObject"]
    assert embedded["size"]["width"]["magnitude"] == 360 and embedded["size"]["height"]["magnitude"] == 200
    assert embedded["imageProperties"]["sourceUri"] == uploaded["webContentLink"]
    assert document_text(got) == "До  после\n"


def test_both_dimensions_fit_inside_keeping_the_aspect_ratio(client, fake_google):
    doc_id = _doc(fake_google, client, "x")

    _insert(client, doc_id, TINY, index=1, size={"width": {"magnitude": 540, "unit": "PT"},
                                                 "height": {"magnitude": 150, "unit": "PT"}})

    got = client.documents_get(doc_id)
    [inline] = got["inlineObjects"].values()
    size = inline["inlineObjectProperties"]["embeddedObject"]["size"]
    assert (size["width"]["magnitude"], size["height"]["magnitude"]) == (300, 150)


@pytest.mark.parametrize("content", [b"not a picture", b"GIF89a"])
def test_content_that_is_no_image_is_refused(client, fake_google, content):
    doc_id = _doc(fake_google, client, "x")
    uploaded = _upload(client, content, "application/octet-stream")
    client.permissions_create(uploaded["id"], {"type": "anyone", "role": "reader"})

    with pytest.raises(GoogleApiError) as caught:
        _insert(client, doc_id, uploaded["webContentLink"], index=1)

    assert _error(caught.value) == (400, RETRIEVAL)


def test_an_image_cannot_go_between_a_table_and_its_paragraph(client, fake_google):
    doc_id = _doc(fake_google, client, "x")
    client.documents_batch_update(doc_id, [{"insertTable": {"rows": 1, "columns": 1, "location": {"index": 1}}}])

    with pytest.raises(GoogleApiError) as caught:
        _insert(client, doc_id, TINY, index=2)

    assert caught.value.code == 400 and "inside the bounds of an existing paragraph" in caught.value.message


def test_an_upload_that_is_not_multipart_is_refused(fake_google, client):
    import requests

    from tests.fake_google.auth import token_for

    r = requests.post(fake_google.url + "/upload/drive/v3/files", params={"uploadType": "resumable"},
                      data=b"x", headers={"Authorization": "Bearer " + token_for("a@school.example")}, timeout=10)

    assert r.status_code == 400
    assert json.loads(r.content)["error"]["message"].startswith("Invalid upload type: 'resumable'.")


def test_a_data_uri_over_two_kilobytes_is_refused(client, fake_google):
    doc_id = _doc(fake_google, client, "x")

    with pytest.raises(GoogleApiError) as caught:
        _insert(client, doc_id, "data:image/png;base64," + base64.b64encode(PNG).decode(), index=1)

    assert _error(caught.value) == (400, "Invalid requests[0].insertInlineImage: The URI is too long (more than 2 kB).")


def test_an_address_google_cannot_fetch_is_refused_to_the_docs_client_too(fake_google, client):
    from tests.fake_google.clients import api_service, user_credentials

    email = client.about_get("user")["user"]["emailAddress"]
    docs = api_service(fake_google.url, "docs", "v1", user_credentials(fake_google.url, email)).documents()
    doc_id = _doc(fake_google, client, "x")

    with pytest.raises(HttpError) as caught:
        docs.batchUpdate(documentId=doc_id, body={"requests": [
            {"insertInlineImage": {"location": {"index": 1}, "uri": "ftp://school.example/chart.png"}}]}).execute()

    assert caught.value.resp.status == 400
    assert json.loads(caught.value.content)["error"]["message"] == RETRIEVAL
