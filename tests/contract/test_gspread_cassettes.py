"""The fake against gspread's recorded real Sheets v4 / Drive v3 traffic.

One replay of the whole fixture (about 300 calls of 33 gspread test runs, under a second)
feeds every test: the agreement per API, and the README's list of known differences (each with
its reason) — a new difference and a row that no longer matches both fail, so the list cannot
drift. The fixture is the small subset of gspread's record that exercises every kind of call in
it (extract_cassettes.py); a test recomputes those kinds, so a thinner fixture fails here.
"""
from __future__ import annotations

import copy
import json
import re

import pytest

from tests.contract import extract_cassettes as extract
from tests.contract import replay as contract

THRESHOLD = 0.99


@pytest.fixture(scope="module")
def outcomes() -> list[contract.Outcome]:
    return contract.replay()


@pytest.fixture(scope="module")
def known() -> list[contract.KnownDifference]:
    return contract.known_differences()


def _selection() -> dict:
    return json.loads(contract.FIXTURE.read_text(encoding="utf-8"))["selection"]


def test_the_kept_runs_cover_every_kind_of_call_in_the_record(outcomes):
    selection, cassettes = _selection(), contract.load_fixture()
    recorded = set(selection["kinds"])
    assert {kind.split(" ", 1)[0] for kind in recorded} == \
        {"call", "param", "request", "option", "error", "shape"}
    missing = recorded - set().union(*(extract.kinds(c) for c in cassettes))
    assert not missing, f"kinds of gspread's record that no kept run exercises: {sorted(missing)}"
    assert {o.api for o in outcomes} == {"sheets", "drive"}
    assert len(cassettes) == selection["runs"][0]
    assert len({c["name"] for c in cassettes}) == selection["cassettes"][0]
    assert len(outcomes) == sum(len(c["interactions"]) for c in cassettes) == \
        selection["interactions"][0]


def test_the_fixture_is_a_small_subset_of_the_record():
    """The project keeps the subset of another repository's files it needs, not the files."""
    kept, of = _selection()["cassettes"]
    assert kept <= 0.3 * of
    assert contract.FIXTURE.stat().st_size < 200_000


def test_the_kinds_of_a_run():
    run = {"interactions": [
        {"api": "sheets", "method": "POST", "path": "/v4/spreadsheets/file1:batchUpdate",
         "query": [], "body": {"requests": [{"mergeCells": {"mergeType": "MERGE_ALL"}}]},
         "status": 400, "content_type": "application/json",
         "response": {"error": {"code": 400, "status": "INVALID_ARGUMENT",
                                "message": 'Invalid requests[0].mergeCells: "A1" 12'}}},
        {"api": "sheets", "method": "GET", "path": "/v4/spreadsheets/file1/values/%27S%27%21A1",
         "query": [["valueRenderOption", "FORMULA"]], "body": None, "status": 200,
         "content_type": "application/json", "response": {"range": "S!A1", "values": [["1"]]}},
        {"api": "drive", "method": "GET", "path": "/drive/v3/files/file1/export",
         "query": [["mimeType", "text/csv"]], "body": None, "status": 200,
         "content_type": "text/csv", "response": {"text": "1"}}]}
    assert extract.kinds(run) == {
        "call sheets sheets.spreadsheets.batchUpdate 400",
        "request mergeCells",
        'error sheets.spreadsheets.batchUpdate 400 INVALID_ARGUMENT: '
        'Invalid requests[N].mergeCells: "…" N',
        "shape sheets.spreadsheets.batchUpdate 400 error.code",
        "shape sheets.spreadsheets.batchUpdate 400 error.status",
        "shape sheets.spreadsheets.batchUpdate 400 error.message",
        "call sheets sheets.spreadsheets.values.get 200",
        "param sheets.spreadsheets.values.get valueRenderOption",
        "option sheets.spreadsheets.values.get valueRenderOption=FORMULA",
        "shape sheets.spreadsheets.values.get 200 range",
        "shape sheets.spreadsheets.values.get 200 values[][]",
        "call drive drive.files.export 200",
        "param drive.files.export mimeType",
        "shape drive.files.export 200 <text/csv>"}


def _call(path: str) -> dict:
    return {"method": "DELETE" if path.startswith("DELETE ") else "POST",
            "path": path.removeprefix("DELETE ")}


def test_a_recording_is_split_into_runs_only_where_they_cannot_see_each_other():
    create, delete = _call("/drive/v3/files"), _call("DELETE /drive/v3/files/file1")
    again = [create, dict(_call("/v4/spreadsheets/file2:batchUpdate")),
             _call("DELETE /drive/v3/files/file2")]
    assert extract.runs([create, delete] + again) == [[create, delete], again]
    reuse = [create, _call("/v4/spreadsheets/file1:batchUpdate")]  # the earlier run's file
    assert extract.runs([create, delete] + reuse) == [[create, delete] + reuse]
    listing = {"method": "GET", "path": "/drive/v3/files"}
    assert extract.runs([create, delete, create, listing]) == [[create, delete, create, listing]]


@pytest.mark.parametrize("measure", ["status_agree", "shape_agree"])
def test_status_and_shape_agree_with_google_on_99_percent_of_calls(outcomes, measure):
    for row in contract.score(outcomes):
        assert row[measure] >= THRESHOLD, row


def test_every_difference_from_google_is_documented(outcomes, known):
    missing = contract.unexplained(outcomes, known)
    shown = []
    for diff in missing[:20]:
        example = next(o for o in outcomes if diff in o.differences())
        shown.append(f"| {diff.kind} | `{diff.method}` | `{diff.where}` | `{diff.cassette}` | ? |\n"
                     f"    call {example.index}: Google {json.dumps(example.recorded)[:300]}\n"
                     f"    fake   {json.dumps(example.answered)[:300]}")
    assert not missing, ("differences not in tests/fake_google/README.md "
                         f"({contract.README_SECTION}):\n" + "\n".join(shown))


def test_no_documented_difference_is_stale(outcomes, known):
    assert known, "the README's table of differences is missing"
    stale = contract.stale(outcomes, known)
    assert not stale, f"fixed, delete these README rows: {stale}"


def test_every_documented_difference_says_why(known):
    for row in known:
        assert row.kind in ("status", "shape", "values"), row
        assert len(row.reason) > 20, row


def _differences(cassette: dict) -> set[tuple]:
    return {(o.index, d.kind, d.method, d.where) for o in contract.replay([cassette])
            for d in o.differences()}


def _changed(picks, change) -> tuple[int, set[tuple], set[tuple]]:
    """The first kept run with a call ``picks`` chooses: that call's index, and the run's
    differences as recorded and after ``change`` altered Google's recorded answer to the call."""
    run = next(c for c in contract.load_fixture() if any(map(picks, c["interactions"])))
    index = next(i for i, call in enumerate(run["interactions"]) if picks(call))
    altered = copy.deepcopy(run)
    change(altered["interactions"][index])
    return index, _differences(run), _differences(altered)


def test_a_wrong_answer_is_caught_as_a_difference():
    def appended(call: dict) -> bool:
        return "tableRange" in (call["response"] or {})

    def wrong(call: dict) -> None:
        call["response"]["tableRange"] = "Sheet1!A1:ZZ999"
        call["response"]["updates"]["updatedRows"] += 1

    index, before, after = _changed(appended, wrong)
    method = "sheets.spreadsheets.values.append"
    assert after - before == {(index, "values", method, "tableRange"),
                              (index, "values", method, "updates.updatedRows")}
    assert before <= after


def test_a_status_and_a_shape_difference_are_caught():
    def file_read(call: dict) -> bool:
        return call["method"] == "GET" and call["status"] == 200 and \
            re.fullmatch(r"/drive/v3/files/file\d+", call["path"]) is not None

    def gone(call: dict) -> None:
        call["status"] = 404
        call["response"]["trashed"] = False

    index, before, after = _changed(file_read, gone)
    assert after - before == {(index, "status", "drive.files.get", "404→200"),
                              (index, "shape", "drive.files.get", "-trashed")}
    assert before <= after


@pytest.mark.parametrize("recorded, fake, shape, values", [
    ({"a": 1}, {"a": 1}, [], []),
    ({"a": 1}, {"a": 2}, [], ["a"]),
    ({"a": {"b": [1, 2]}}, {"a": {"b": [1]}}, [], ["a.b[]"]),
    ({"a": 1}, {"a": 1, "b": False}, ["+b"], []),
    ({"x": [], "y": 1}, {"y": 1}, ["-x"], []),
    ({"etag": "<volatile>", "modifiedTime": "<volatile>"}, {"etag": "e", "modifiedTime": "t"}, [], []),
    ({"spreadsheetUrl": "https://docs.google.com/spreadsheets/d/file1/edit"},
     {"spreadsheetUrl": "http://x/abc"}, [], []),
])
def test_compare_tells_shape_from_values(recorded, fake, shape, values):
    assert contract.compare("application/json", recorded, "application/json", fake,
                            contract.IdMap()) == (shape, values)


def test_ids_are_mapped_from_the_first_answer_that_names_them():
    ids = contract.IdMap()
    contract.compare("application/json", {"spreadsheetId": "file1", "replies": [
        {"addSheet": {"properties": {"sheetId": 1234}}}]}, "application/json",
        {"spreadsheetId": "1AbC", "replies": [{"addSheet": {"properties": {"sheetId": 77}}}]}, ids)
    assert ids.text("/v4/spreadsheets/file1:batchUpdate") == "/v4/spreadsheets/1AbC:batchUpdate"
    assert ids.request({"deleteSheet": {"sheetId": 1234}}) == {"deleteSheet": {"sheetId": 77}}
    # a later answer naming a different id at the same place is a value difference
    assert contract.compare("application/json", {"spreadsheetId": "file1"}, "application/json",
                            {"spreadsheetId": "1XyZ"}, ids) == ([], ["spreadsheetId"])


def test_the_fixture_holds_no_real_ids_or_addresses():
    text = contract.FIXTURE.read_text(encoding="utf-8")
    assert not re.findall(r"(?<![\w-])1[\w-]{32,60}(?![\w-])", text)  # Google file ids
    addresses = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
    assert addresses <= {contract.RECORDER}
