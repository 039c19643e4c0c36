"""The fake's Docs v1 through googleapiclient: Google's index arithmetic."""
from __future__ import annotations

import json

import pytest
from googleapiclient.errors import HttpError

from tests.fake_google.clients import api_service, user_credentials
from tests.fake_google.models.docs import document_text

TEACHER = "metodist@school.example"


@pytest.fixture
def documents(fake_google):
    return api_service(fake_google.url, "docs", "v1",
                       user_credentials(fake_google.url, TEACHER)).documents()


def _update(documents, doc_id, *requests):
    return documents.batchUpdate(documentId=doc_id, body={"requests": list(requests)}).execute()


def test_new_document_structure_and_insert_text(documents):
    doc = documents.create(body={"title": "Приказ"}).execute()
    assert doc["title"] == "Приказ"
    assert doc["body"]["content"][0] == {"endIndex": 1, "sectionBreak": doc["body"]["content"][0]
                                         ["sectionBreak"]}
    assert doc["body"]["content"][1]["startIndex"] == 1
    assert doc["body"]["content"][1]["endIndex"] == 2

    _update(documents, doc["documentId"],
            {"insertText": {"location": {"index": 1}, "text": "Приказ №{{номер}}\nО наставничестве"}},
            {"insertText": {"endOfSegmentLocation": {}, "text": "\nПодпись"}})
    got = documents.get(documentId=doc["documentId"]).execute()
    paragraphs = [(e["startIndex"], e["endIndex"],
                   e["paragraph"]["elements"][0]["textRun"]["content"])
                  for e in got["body"]["content"][1:]]
    assert paragraphs == [(1, 19, "Приказ №{{номер}}\n"), (19, 36, "О наставничестве\n"),
                          (36, 44, "Подпись\n")]


def test_replace_all_text_counts_and_respects_case(fake_google, documents):
    seeded = fake_google.state.docs.seed(TEACHER, "Шаблон", "{{ФИО}} и {{фио}}\n{{ФИО}}")
    replies = _update(documents, seeded.id,
                      {"replaceAllText": {"containsText": {"text": "{{ФИО}}", "matchCase": True},
                                          "replaceText": "Иванова А. А."}},
                      {"replaceAllText": {"containsText": {"text": "{{нет}}"},
                                          "replaceText": "x"}},
                      {"replaceAllText": {"containsText": {"text": "{{ФИО}}"},
                                          "replaceText": "Петров"}})["replies"]
    assert replies == [{"replaceAllText": {"occurrencesChanged": 2}}, {"replaceAllText": {}},
                       {"replaceAllText": {"occurrencesChanged": 1}}]
    got = documents.get(documentId=seeded.id).execute()
    assert document_text(got) == "Иванова А. А. и Петров\nИванова А. А.\n"


def test_table_indices_match_google_and_fill_from_the_end(documents):
    doc_id = documents.create(body={"title": "Пары"}).execute()["documentId"]
    _update(documents, doc_id, {"insertTable": {"location": {"index": 1}, "rows": 1,
                                                "columns": 2}})
    got = documents.get(documentId=doc_id).execute()
    table = got["body"]["content"][2]
    assert (table["startIndex"], table["endIndex"]) == (2, 9)
    first_cell = table["table"]["tableRows"][0]["tableCells"][0]
    assert first_cell["content"][0]["startIndex"] == 5
    assert got["body"]["content"][3]["startIndex"] == 9  # the paragraph after the table

    _update(documents, doc_id, {"insertTableRow": {"tableCellLocation": {
        "tableStartLocation": {"index": 2}, "rowIndex": 0, "columnIndex": 0},
        "insertBelow": True}})
    got = documents.get(documentId=doc_id).execute()
    table = got["body"]["content"][2]["table"]
    assert table["rows"] == 2 and table["columns"] == 2
    cells = [c["content"][0]["startIndex"] for r in table["tableRows"] for c in r["tableCells"]]
    assert cells == [5, 7, 10, 12]

    values = ["Наставник", "Наставляемый", "Иванова", "Петров"]
    requests = [{"insertText": {"location": {"index": i}, "text": v}}
                for i, v in sorted(zip(cells, values), reverse=True)]
    _update(documents, doc_id, *requests)
    got = documents.get(documentId=doc_id).execute()
    rows = [[document_text({"body": {"content": c["content"]}}) for c in r["tableCells"]]
            for r in got["body"]["content"][2]["table"]["tableRows"]]
    assert rows == [["Наставник\n", "Наставляемый\n"], ["Иванова\n", "Петров\n"]]

    _update(documents, doc_id, {"deleteTableRow": {"tableCellLocation": {
        "tableStartLocation": {"index": 2}, "rowIndex": 0}}})
    got = documents.get(documentId=doc_id).execute()
    assert document_text(got) == "\nИванова\nПетров\n\n"


def test_invalid_indices_are_rejected_like_google(documents):
    doc_id = documents.create(body={"title": "Пусто"}).execute()["documentId"]
    _update(documents, doc_id, {"insertText": {"location": {"index": 1}, "text": "Текст"}},
            {"insertTable": {"endOfSegmentLocation": {}, "rows": 1, "columns": 1}})
    cases = [
        ({"insertText": {"location": {"index": 50}, "text": "x"}},
         "Invalid requests[0].insertText: Index 50 must be less than the end index of the "
         "referenced segment, 13."),
        ({"insertText": {"location": {"index": 7}, "text": "x"}},
         "Invalid requests[0].insertText: The insertion index must be inside the bounds of an "
         "existing paragraph. You can still create new paragraphs by inserting newlines."),
        ({"deleteContentRange": {"range": {"startIndex": 1, "endIndex": 13}}},
         "Invalid requests[0].deleteContentRange: The range cannot include the newline "
         "character at the end of the segment."),
        ({"deleteContentRange": {"range": {"startIndex": 8, "endIndex": 11}}},
         "Invalid requests[0].deleteContentRange: Invalid deletion range. Cannot delete the "
         "requested range."),
    ]
    for request, message in cases:
        with pytest.raises(HttpError) as caught:
            _update(documents, doc_id, request)
        error = json.loads(caught.value.content)["error"]
        assert (caught.value.resp.status, error["message"]) == (400, message)
    assert document_text(documents.get(documentId=doc_id).execute()) == "Текст\n\n\n"


def test_delete_range_page_break_styles_and_export(fake_google, documents):
    seeded = fake_google.state.docs.seed(TEACHER, "Отчёт", "Первая строка\nВторая строка")
    _update(documents, seeded.id,
            {"deleteContentRange": {"range": {"startIndex": 7, "endIndex": 21}}},
            {"updateTextStyle": {"range": {"startIndex": 1, "endIndex": 3},
                                 "textStyle": {"bold": True}, "fields": "bold"}},
            {"updateParagraphStyle": {"range": {"startIndex": 1, "endIndex": 3},
                                      "paragraphStyle": {"alignment": "CENTER"},
                                      "fields": "alignment"}},
            {"insertPageBreak": {"location": {"index": 1}}})
    got = documents.get(documentId=seeded.id).execute()
    first = got["body"]["content"][1]["paragraph"]["elements"]
    assert "pageBreak" in first[0]
    assert document_text(got) == "\nПервая строка\n"

    drive = api_service(fake_google.url, "drive", "v3", user_credentials(fake_google.url,
                                                                         TEACHER)).files()
    text = drive.export(fileId=seeded.id, mimeType="text/plain").execute()
    assert text.decode("utf-8") == "\nПервая строка\n"
    pdf = drive.export(fileId=seeded.id, mimeType="application/pdf").execute()
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert "Первая строка".encode("utf-16-be").hex().upper().encode() in pdf


def test_drive_copy_of_a_template_then_merge(fake_google, documents):
    template = fake_google.state.docs.seed(TEACHER, "Шаблон приказа",
                                           "Приказ о закреплении {{наставник}}")
    drive = api_service(fake_google.url, "drive", "v3", user_credentials(fake_google.url,
                                                                         TEACHER)).files()
    copy = drive.copy(fileId=template.id, body={"name": "Приказ №7"}).execute()
    _update(documents, copy["id"], {"replaceAllText": {
        "containsText": {"text": "{{наставник}}", "matchCase": True},
        "replaceText": "Ивановой А. А."}})
    assert document_text(documents.get(documentId=copy["id"]).execute()) == \
        "Приказ о закреплении Ивановой А. А.\n"
    assert document_text(documents.get(documentId=template.id).execute()) == \
        "Приказ о закреплении {{наставник}}\n"
    with_tabs = documents.get(documentId=copy["id"], includeTabsContent=True).execute()
    assert "body" not in with_tabs
    assert document_text(with_tabs) == "Приказ о закреплении Ивановой А. А.\n"
