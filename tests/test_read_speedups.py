"""What the speed-ups of issue 21 must not change: a read table says what its frame says, the
backend's grid is never edited, a text checked once gives every row its own verdict, and the
fake counts the CPU it spends serving."""
from __future__ import annotations

import datetime as dt
import json
import urllib.request

from sheets_schema import ru
from sheets_schema.grid import Merge, SheetGrid, UncomputedFormula, read_grid
from sheets_schema.parsing import normalise_choice, parse_choice
from sheets_schema.rules import check_bank
from sheets_schema.tables import MENTEES
from tests.fake_google import FakeGoogle

HEADER = list(MENTEES.headers)
TODAY = dt.date(2026, 11, 27)


def person(name: str, email: str, **cells: str) -> list[str]:
    values = {"ФИО": name, "E-mail": email, "Должность": "учитель", "Предмет": "математика",
              "Уровень образования": "основное общее, среднее общее", "Педагогический стаж, лет": "3",
              "Профессиональные затруднения": "аттестация", "Согласие на обработку ПДн (дата)": "01.09.2026",
              **cells}
    return [values.get(h, "") for h in HEADER]


def test_records_are_the_frame_and_the_grid_is_left_as_read():
    subject = HEADER.index("Предмет")
    rows = [HEADER, person("Орлова Анна Игоревна", "orlova@school26.example"),
            person("Гусев Олег Павлович", "gusev@school26.example", Предмет=""),
            [""] * len(HEADER), ["# филиал"] + [""] * (len(HEADER) - 1),
            person("Белова Вера Ильинична", "belova@school26.example", ФИО=UncomputedFormula("=A1"))]
    grid = SheetGrid([list(r) for r in rows], [Merge(2, 3, subject, subject)])
    data = read_grid(MENTEES, grid)

    assert data.records == data.frame.to_dict("index")
    assert sorted(data.records) == [2, 3, 6] and data.comments == [5]
    assert data.records[3]["subject"] == "математика"  # the merge fills row 3…
    assert grid[2][subject] == "" and list(grid) == rows  # …of the table, not of the backend's grid
    assert data.uncomputed == {6: frozenset({"full_name"})}


def test_a_text_checked_once_gives_each_row_its_own_verdict_and_values():
    rows = [HEADER, person("Орлова Анна Игоревна", "orlova@school26.example"),
            person("Гусев Олег Павлович", "gusev@school26.example"),
            person("Белова Вера Ильинична", "belova@school26.example", Предмет="матиматика")]
    check = check_bank(read_grid(MENTEES, rows), TODAY)

    levels = check.typed["levels"]
    assert levels[2] == levels[3] == ["основное общее", "среднее общее"]
    assert levels[2] is not levels[3]  # a row's list is its own: changing one changes no other
    assert [check.verdicts[r].status for r in (2, 3, 4)] == [ru.STATUS_OK, ru.STATUS_OK, ru.STATUS_ERROR]
    assert check.verdicts[4].message == ('Предмет: "матиматика" — нет в списке; выберите значение из '
                                         "выпадающего списка; возможно, «математика»")


def test_a_choice_is_found_whatever_its_spelling_and_the_list_keeps_its_own():
    choices = ["Ёлочная игрушка", "математика"]
    assert parse_choice("  ЕЛОЧНАЯ\u00a0 игрушка ", choices) == ("Ёлочная игрушка", None)
    assert parse_choice("Математика", choices) == ("математика", None)
    assert parse_choice("физика", choices)[1].code == "not_in_list"
    assert normalise_choice(None) == "" and normalise_choice(" Ё ") == "е"  # type: ignore[arg-type]


def test_the_fake_counts_the_cpu_it_spends_serving():
    with FakeGoogle.start(port=0) as fake:
        assert fake.cpu_seconds() == 0.0
        for _ in range(20):
            with urllib.request.urlopen(fake.url + "/__fake__/health") as answer:
                assert json.load(answer) == {"ok": True}
        served = fake.cpu_seconds()
        assert served > 0.0
        fake.clear_requests()
        assert fake.cpu_seconds() == 0.0


def _values(sheets, spreadsheet_id: str, a1: str) -> list[list[str]]:
    return sheets.spreadsheets().values().get(spreadsheetId=spreadsheet_id, range=a1).execute().get("values", [])


def test_a_values_request_that_fails_midway_changes_no_cell(fake_google):
    """values.batchUpdate and batchClear are all-or-nothing (the fake notes each cell before
    changing it and puts it back on an error): a bad second range leaves the first unwritten."""
    from googleapiclient.errors import HttpError

    from tests.fake_google.clients import api_service, user_credentials

    teacher = "metodist@school26.example"
    book = fake_google.state.sheets.seed(teacher, "Наставничество", {
        "Наставники": [["ФИО", "Статус"], ["Иванова Анна Петровна", "OK"]]})
    sheets = api_service(fake_google.url, "sheets", "v4", user_credentials(fake_google.url, teacher))
    before = _values(sheets, book.id, "'Наставники'!A1:Z")

    bad_value = [{"range": "'Наставники'!B2:C3", "values": [["Ошибка", "новое"], ["", "ещё"]]},
                 {"range": "'Наставники'!A5", "values": [[{"struct": 1}]]}]
    past_the_grid = [{"range": "'Наставники'!A2", "values": [["Петров Пётр Петрович"]]},
                     {"range": "'Наставники'!A2000", "values": [["x"]]}]
    for data in (bad_value, past_the_grid):
        try:
            sheets.spreadsheets().values().batchUpdate(spreadsheetId=book.id, body={
                "valueInputOption": "RAW", "data": data}).execute()
        except HttpError as exc:
            assert exc.resp.status == 400
        else:
            raise AssertionError("the fake took a request Google refuses")
        assert _values(sheets, book.id, "'Наставники'!A1:Z") == before

    sheets.spreadsheets().values().batchUpdate(spreadsheetId=book.id, body={
        "valueInputOption": "RAW", "data": bad_value[:1]}).execute()
    assert _values(sheets, book.id, "'Наставники'!A1:Z") == [
        ["ФИО", "Статус"], ["Иванова Анна Петровна", "Ошибка", "новое"], ["", "", "ещё"]]


def test_a_bank_checked_again_gets_the_same_verdicts_and_its_own_copy():
    rows = [HEADER, person("Орлова Анна Игоревна", "orlova@school26.example"),
            person("Гусев Олег Павлович", "gusev@school26.example", Предмет="матиматика")]
    first = check_bank(read_grid(MENTEES, rows), TODAY)
    first.verdicts[2].message = "дописано задачей"  # validate adds to messages (preferred mentors)
    again_data = read_grid(MENTEES, rows)
    again = check_bank(again_data, TODAY)

    assert again.data is again_data  # the rows as read now: their refs are what a commit uses
    assert again.verdicts[2].message == "" and again.verdicts[3].status == ru.STATUS_ERROR
    assert again.typed.equals(first.typed) and again.typed is not first.typed

    edited = [HEADER, rows[1], person("Гусев Олег Павлович", "gusev@school26.example")]
    assert check_bank(read_grid(MENTEES, edited), TODAY).verdicts[3].status == ru.STATUS_OK
    tomorrow = [HEADER, person("Орлова Анна Игоревна", "orlova@school26.example",
                               **{"Согласие на обработку ПДн (дата)": "28.11.2026"})]
    assert check_bank(read_grid(MENTEES, tomorrow), TODAY).verdicts[2].status == ru.STATUS_ERROR
    assert check_bank(read_grid(MENTEES, tomorrow), TODAY + dt.timedelta(days=1)).verdicts[2].status == ru.STATUS_OK
