"""`validate` on the fake Google Workspace: same verdicts as the local backend, 5 Sheets requests
whatever the size, bounded retries under faults, statuses on the right person after rows move."""
from __future__ import annotations

import logging

import pytest

from jobs.validate import validate
from sheets_schema import ru
from sheets_schema.grid import read_grid
from sheets_schema.tables import MENTEES, MENTORS
from tests.test_google_support import (NOW, bank_table, content, google_workspace, local_workspace,
                                       sample_rows, seeded_workspace, sheets_requests,
                                       statuses_in_sheet_order)

READ = ["sheets.spreadsheets.get", "sheets.spreadsheets.values.batchGet"]  # one read of the tabs


def test_validate_gives_the_same_statuses_and_messages_as_the_local_backend(fake_google, tmp_path):
    rows = sample_rows(100, seed=3)
    google = google_workspace(fake_google, tmp_path, rows)
    local = local_workspace(tmp_path, rows)

    on_google = validate(google, now=NOW)
    on_local = validate(local, now=NOW)

    assert on_google.lines() == on_local.lines()
    assert on_google.row_errors > 0  # the sample carries deliberate errors
    got, expected = statuses_in_sheet_order(google), statuses_in_sheet_order(local)
    assert got == expected
    assert all(status for bank in got.values() for _, status, _ in bank)
    assert {s for bank in got.values() for _, s, _ in bank} == {ru.STATUS_OK, ru.STATUS_ERROR, ru.STATUS_NO_CONSENT}


@pytest.mark.parametrize("count", [100, 2000])
def test_a_validate_run_makes_five_sheets_requests_whatever_the_size(fake_google, tmp_path, count):
    google = google_workspace(fake_google, tmp_path, sample_rows(count))
    fake_google.clear_requests()

    result = validate(google, now=NOW)

    log = sheets_requests(fake_google)
    # each read: the tabs' titles and merges, then the values; then the write
    assert [e["method_id"] for e in log] == READ + READ + ["sheets.spreadsheets.values.batchUpdate"]
    assert [e["query"].get("fields") for e in log if e["method_id"] == "sheets.spreadsheets.get"] == [
        ["sheets(properties(title),merges)"]] * 2
    assert [e for e in fake_google.requests() if e["api"] not in ("sheets", "oauth")] == []
    assert sum(s.total for s in result.summaries) == count
    # «Статус» and «Сообщение» of every row, an empty message of an OK row being already right
    assert result.commit.cells_written + result.commit.cells_unchanged >= 2 * count  # + the log row
    assert result.commit.cells_written > count


def test_a_second_run_writes_only_the_log_row(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(60))
    validate(google, now=NOW)
    fake_google.clear_requests()

    again = validate(google, now=NOW)

    assert all(s.changed == 0 for s in again.summaries)
    assert again.commit.rows_appended == 1
    assert len(sheets_requests(fake_google)) == 5


@pytest.mark.parametrize("statuses, seed", [([429, 503], 7), ([503], 11)])
def test_with_30_percent_faults_validate_completes_with_the_same_result(fake_google, tmp_path, caplog,
                                                                        statuses, seed):
    rows = sample_rows(120, seed=5)
    sleeps: list[float] = []
    google = seeded_workspace(fake_google, tmp_path, rows, sleeps=sleeps, max_retries=6)
    local = local_workspace(tmp_path, rows)
    fake_google.set_faults(rate=0.3, statuses=statuses, seed=seed)
    fake_google.clear_requests()

    with caplog.at_level(logging.WARNING, logger="nastavnik.google"):
        on_google = validate(google, now=NOW)
    log = sheets_requests(fake_google)
    on_local = validate(local, now=NOW)

    assert on_google.lines() == on_local.lines()
    fake_google.clear_faults()
    assert statuses_in_sheet_order(google) == statuses_in_sheet_order(local)
    faults = [e for e in log if e["fault"] == "error"]
    retries = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert 0 < len(faults) == len(retries) == len(sleeps)
    assert len(retries) <= 5 * 6  # five calls, at most max_retries each
    assert all(e["status"] in statuses for e in faults)
    assert [e["method_id"] for e in log if e["fault"] is None] == READ + READ + [
        "sheets.spreadsheets.values.batchUpdate"]
    assert all("попытка" in r.getMessage() and "повтор через" in r.getMessage() for r in retries)


def test_dropped_connections_are_retried(fake_google, tmp_path, caplog):
    rows = sample_rows(40, seed=2)
    sleeps: list[float] = []
    google = seeded_workspace(fake_google, tmp_path, rows, sleeps=sleeps)
    fake_google.set_faults(drop_rate=0.3, seed=4)
    fake_google.clear_requests()

    with caplog.at_level(logging.WARNING, logger="nastavnik.google"):
        result = validate(google, now=NOW)

    drops = [e for e in sheets_requests(fake_google) if e["fault"] == "drop"]
    assert drops and len(sleeps) == len(drops)
    assert "нет ответа" in caplog.records[0].getMessage()
    assert sum(s.total for s in result.summaries) == 40


def test_retry_after_of_the_fake_is_honoured(fake_google, tmp_path):
    sleeps: list[float] = []
    google = seeded_workspace(fake_google, tmp_path, sample_rows(20), sleeps=sleeps)
    fake_google.set_faults(rate=0.5, statuses=[429], seed=1, retry_after=2)

    validate(google, now=NOW)

    assert sleeps and all(s >= 2 for s in sleeps)


# --- rows moved by staff between the read and the write ------------------------------------------

def expected_by_person(result, table) -> dict[tuple[str, ...], tuple[str, str]]:
    """What validate decided for each person, keyed by the person's row content at read time."""
    check = result.checks[table.key]
    return {content(check.data, row): (v.status, v.message) for row, v in check.verdicts.items()}


def assert_each_status_on_its_person(workspace, result, table, new_people=()):
    expected = expected_by_person(result, table)
    now = bank_table(workspace, table)
    seen = 0
    for row in sorted(now.refs):
        person = content(now, row)
        got = (now.value(row, "status"), now.value(row, "message"))
        if person in new_people:
            assert got == ("", ""), f"row {row}: a person added during the run got a status"
            continue
        assert got == expected[person], f"row {row} ({now.value(row, 'email')}): wrong status"
        seen += 1
    return seen


def run_with_edit_before_write(workspace, edit):
    """Run validate; `edit(workspace)` is what staff do between the read and the write."""
    original = workspace.read_grids_for_write

    def edited_then_reread(titles):
        edit(workspace)
        return original(titles)

    workspace.read_grids_for_write = edited_then_reread
    try:
        return validate(workspace, now=NOW)
    finally:
        del workspace.read_grids_for_write


def sheet_id(workspace, title: str) -> int:
    return next(p["sheetId"] for p in workspace.sheet_properties() if p["title"] == title)


NEWCOMERS = [
    ["Новикова Дарья Павловна", "novikova.dp@school26.example", "учитель музыки", "музыка",
     "основное общее", "1"],
    ["Гусев Илья Романович", "gusev.ir@school26.example", "учитель истории", "история и обществознание",
     "среднее общее", "0"],
    ["Белова Вера Олеговна", "belova.vo@school26.example", "учитель химии", "химия", "основное общее", "3"],
]


def test_rows_inserted_above_between_read_and_write(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(50, seed=8))

    def insert_three_people_at_the_top(ws):
        sid = sheet_id(ws, MENTEES.title)
        ws.client.spreadsheets_batch_update(ws.spreadsheet_id, [{"insertDimension": {
            "range": {"sheetId": sid, "dimension": "ROWS", "startIndex": 1, "endIndex": 4},
            "inheritFromBefore": False}}])
        ws.client.values_batch_update(ws.spreadsheet_id, [
            {"range": f"'{MENTEES.title}'!A2:F4", "values": NEWCOMERS}])

    result = run_with_edit_before_write(google, insert_three_people_at_the_top)

    assert result.commit.rows_lost == []
    mentees = bank_table(google, MENTEES)
    new_people = {content(mentees, r) for r in (2, 3, 4)}
    assert [mentees.value(r, "email") for r in (2, 3, 4)] == [p[1] for p in NEWCOMERS]
    assert assert_each_status_on_its_person(google, result, MENTEES, new_people) == len(result.checks["mentees"].verdicts)
    assert assert_each_status_on_its_person(google, result, MENTORS) == len(result.checks["mentors"].verdicts)


def test_rows_deleted_between_read_and_write(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(50, seed=8))
    before = bank_table(google, MENTEES)
    deleted = {content(before, r) for r in (3, 4, 5, 6)}

    def delete_four_rows(ws):
        ws.client.spreadsheets_batch_update(ws.spreadsheet_id, [{"deleteDimension": {"range": {
            "sheetId": sheet_id(ws, MENTEES.title), "dimension": "ROWS", "startIndex": 2, "endIndex": 6}}}])

    result = run_with_edit_before_write(google, delete_four_rows)

    assert sorted(ref.row_at_read for ref in result.commit.rows_lost) == [3, 4, 5, 6]
    assert any("изменились во время проверки" in n for n in result.notes)
    mentees = bank_table(google, MENTEES)
    assert len(mentees.refs) == len(before.refs) - 4
    assert not deleted & {content(mentees, r) for r in mentees.refs}
    seen = assert_each_status_on_its_person(google, result, MENTEES)
    assert seen == len(result.checks["mentees"].verdicts) - 4


def test_tab_sorted_between_read_and_write(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(50, seed=8))
    before = [bank_table(google, MENTEES).value(r, "email") for r in sorted(bank_table(google, MENTEES).refs)]

    def sort_by_email_descending(ws):
        data = bank_table(ws, MENTEES)
        ws.client.spreadsheets_batch_update(ws.spreadsheet_id, [{"sortRange": {
            "range": {"sheetId": sheet_id(ws, MENTEES.title), "startRowIndex": 1, "endRowIndex": data.last_row,
                      "startColumnIndex": 0, "endColumnIndex": len(MENTEES.columns)},
            "sortSpecs": [{"dimensionIndex": data.positions["email"], "sortOrder": "DESCENDING"}]}}])

    result = run_with_edit_before_write(google, sort_by_email_descending)

    after = [bank_table(google, MENTEES).value(r, "email") for r in sorted(bank_table(google, MENTEES).refs)]
    assert after != before and sorted(after) == sorted(before)  # the tab really was reordered
    assert result.commit.rows_lost == []
    assert assert_each_status_on_its_person(google, result, MENTEES) == len(result.checks["mentees"].verdicts)


def test_a_missing_tab_is_reported_and_the_other_tabs_still_get_statuses(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(30))
    google.client.spreadsheets_batch_update(google.spreadsheet_id, [{"deleteSheet": {
        "sheetId": sheet_id(google, ru.TABS["log"])}}])
    google.forget_tabs()
    fake_google.clear_requests()

    result = validate(google, now=NOW)
    calls = [e["method_id"].split(".", 1)[1] for e in sheets_requests(fake_google)]

    assert [p.message for p in result.problems] == [ru.TEXT["missing_tab"].format(tab=ru.TABS["log"])]
    assert all(s for bank in statuses_in_sheet_order(google).values() for _, s, _ in bank)
    # the titles come with the merges: a missing tab costs no request more
    assert calls == ["spreadsheets.get", "spreadsheets.values.batchGet", "spreadsheets.get",
                     "spreadsheets.values.batchGet", "spreadsheets.values.batchUpdate"]


def test_a_tab_renamed_between_the_titles_and_the_values_is_read_again(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(30))
    mentors = sheet_id(google, MENTORS.title)
    get = google.client.spreadsheets_get

    def get_then_rename(*args, **kwargs):  # staff rename the tab just after its title was read
        # (to a title read as the same, «Наставники:», which the old A1 range does not name)
        answer = get(*args, **kwargs)
        if google.client.spreadsheets_get is get_then_rename:
            del google.client.spreadsheets_get
            google.client.spreadsheets_batch_update(google.spreadsheet_id, [{"updateSheetProperties": {
                "properties": {"sheetId": mentors, "title": "Наставники:"}, "fields": "title"}}])
        return answer

    google.client.spreadsheets_get = get_then_rename
    fake_google.clear_requests()

    grids = google.read_grids([MENTORS.title, MENTEES.title])

    calls = [(e["method_id"].split(".", 1)[1], e["status"]) for e in sheets_requests(fake_google)]
    assert calls == [("spreadsheets.get", 200), ("spreadsheets.batchUpdate", 200),
                     ("spreadsheets.values.batchGet", 400), ("spreadsheets.get", 200),
                     ("spreadsheets.values.batchGet", 200)]
    assert len(read_grid(MENTORS, grids[MENTORS.title]).refs) == len(bank_table(google, MENTORS).refs) > 0


def test_a_tab_renamed_in_another_case_is_still_found(fake_google, tmp_path):
    google = seeded_workspace(fake_google, tmp_path, sample_rows(30))
    google.client.spreadsheets_batch_update(google.spreadsheet_id, [{"updateSheetProperties": {
        "properties": {"sheetId": sheet_id(google, MENTORS.title), "title": "НАСТАВНИКИ"}, "fields": "title"}}])
    google.forget_tabs()

    result = validate(google, now=NOW)

    assert result.problems == []
    grid = google.read_grids(["НАСТАВНИКИ"])["НАСТАВНИКИ"]
    mentors = read_grid(MENTORS, grid)
    assert all(mentors.value(r, "status") for r in mentors.refs)
