"""`nastavnik programmes --refresh` (issue 19): the programme's plan table re-filled from «План
мероприятий», read back from the .docx and from the Google Doc on the fake; text staff typed
elsewhere in the document stays; a rerun writes nothing."""
from __future__ import annotations

import datetime as dt

from jobs.plan_refresh import refresh_programmes
from tests.test_orders import documents, rows_for, run, text_of

TAB = "План мероприятий"
LATER = dt.datetime(2027, 1, 15, 3, 0)
NOTE = "Заметка куратора: встречи по вторникам"
HEADER_LAST = "Отметка о выполнении"


def add_staff_text(backend, doc) -> None:
    """Staff type a paragraph at the top of the document."""
    if backend.name == "local":
        from docx import Document as open_docx

        path = backend.workspace.directory / doc.id
        document = open_docx(str(path))
        document.paragraphs[0].insert_paragraph_before(NOTE)
        document.save(str(path))
    else:
        backend.client.documents_batch_update(doc.id, [{"insertText": {"location": {"index": 1}, "text": NOTE + "\n"}}])


def plan_table(text: list[str], rows: int) -> list[list[str]]:
    i = text.index(HEADER_LAST) + 1
    return [text[i + 6 * r: i + 6 * (r + 1)] for r in range(rows)]


def refresh(backend, **kwargs):
    return refresh_programmes(backend.workspace, {}, now=LATER, **kwargs)


def test_the_plan_table_is_refilled_from_the_tab_and_nothing_else_changes(backend):
    backend.make(rows_for(1))
    run(backend)
    programme = documents(backend, "programme")[0]
    add_staff_text(backend, programme)
    tab_rows = [r for r, v in backend.column(TAB, "ID пары").items() if v == "P000"]
    events = backend.column(TAB, "Мероприятие")
    dues = backend.column(TAB, "Срок")
    backend.set_cells(TAB, {(2, "Отметка"): "выполнено", (2, "Дата отметки"): "20.12.2026",
                            (3, "Срок"): "20.01.2027", (3, "Отметка"): "перенесено"})

    done = refresh(backend)

    assert done.refreshed == ["P000"] and done.exit_code == 0
    text = text_of(backend, programme)
    assert NOTE in text  # staff's text outside the table is kept
    table = plan_table(text, len(tab_rows))
    assert table[0][0] == "1" and table[0][1] == events[2] and table[0][2] == dues[2]
    assert table[0][5] == "выполнено 20.12.2026"
    assert table[1][2] == "20.01.2027" and table[1][5] == "перенесено"
    assert [row[1] for row in table] == [events[r] for r in tab_rows]
    after_table = text[text.index(HEADER_LAST) + 1 + 6 * len(tab_rows)]
    assert after_table == "7. Ожидаемые результаты"  # no row left over from before

    again = refresh(backend)

    assert again.refreshed == [] and again.unchanged == ["P000"]
    assert text_of(backend, programme) == text


def test_one_pair_and_an_unknown_pair(backend):
    backend.make(rows_for(2))
    run(backend)

    one = refresh(backend, pair="p001")

    assert one.refreshed == ["P001"]
    unknown = refresh(backend, pair="П-404")
    assert unknown.exit_code == 2
    assert unknown.lines()[0] == "Пары П-404 нет на листе «Пары» — проверьте ID."


def test_a_document_without_the_plan_table_is_reported_and_left_alone(backend):
    backend.make(rows_for(1))
    run(backend)
    programme = documents(backend, "programme")[0]
    if backend.name == "local":
        from docx import Document as open_docx

        path = backend.workspace.directory / programme.id
        document = open_docx(str(path))
        for table in document.tables:
            if table.rows[0].cells[-1].text == HEADER_LAST:
                table.rows[0].cells[-1].text = "Отметка"
        document.save(str(path))
    else:  # staff retype the header cell «Отметка о выполнении» as «Отметка»
        start = _index_of(backend.client.documents_get(programme.id), HEADER_LAST)
        backend.client.documents_batch_update(programme.id, [
            {"deleteContentRange": {"range": {"startIndex": start, "endIndex": start + len(HEADER_LAST)}}},
            {"insertText": {"location": {"index": start}, "text": "Отметка"}}])
    before = text_of(backend, programme)

    done = refresh(backend)

    assert done.failed == ["P000"] and done.exit_code == 1
    assert "не найдена таблица плана" in done.lines()[0]
    assert text_of(backend, programme) == before


def _paragraphs(doc):
    for element in doc["body"]["content"]:
        if "paragraph" in element:
            yield element["paragraph"]["elements"]
        for row in element.get("table", {}).get("tableRows", []):
            for cell in row["tableCells"]:
                for inner in cell["content"]:
                    if "paragraph" in inner:
                        yield inner["paragraph"]["elements"]


def _index_of(doc, needle: str) -> int:
    for elements in _paragraphs(doc):
        for element in elements:
            content = element.get("textRun", {}).get("content", "")
            if needle in content:
                return element["startIndex"] + content.index(needle)
    raise AssertionError(needle)
