"""The fake against gspread's recorded real Sheets v4 / Drive v3 traffic.

One replay of the whole fixture (about 2,100 calls, a few seconds) feeds every test: the
agreement per API, and the README's list of known differences (each with its reason) — a new
difference and a row that no longer matches both fail, so the list cannot drift.
"""
from __future__ import annotations

import copy
import json
import re

import pytest

from tests.contract import replay as contract

THRESHOLD = 0.99


@pytest.fixture(scope="module")
def outcomes() -> list[contract.Outcome]:
    return contract.replay()


@pytest.fixture(scope="module")
def known() -> list[contract.KnownDifference]:
    return contract.known_differences()


def test_the_fixture_covers_both_apis_and_every_cassette(outcomes):
    cassettes = contract.load_fixture()
    assert len(cassettes) >= 120
    assert {o.api for o in outcomes} == {"sheets", "drive"}
    assert len(outcomes) == sum(len(c["interactions"]) for c in cassettes) > 2000


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


def _cassette(name: str) -> dict:
    return copy.deepcopy(next(c for c in contract.load_fixture() if c["name"] == name))


def test_a_wrong_answer_is_caught_as_a_difference():
    cassette = _cassette("WorksheetTest.test_append_row_with_empty_value")
    appended = next(c for c in cassette["interactions"] if c["response"] and "tableRange" in
                    (c["response"] or {}))
    appended["response"]["tableRange"] = "Sheet1!A1:C1"  # what the fake used to answer
    appended["response"]["updates"]["updatedRows"] = 2
    diffs = {(d.kind, d.where) for o in contract.replay([cassette]) for d in o.differences()}
    assert diffs == {("values", "tableRange"), ("values", "updates.updatedRows")}


def test_a_status_and_a_shape_difference_are_caught():
    cassette = _cassette("CellTest.test_a1_value")
    call = next(c for c in cassette["interactions"] if c["api"] == "drive" and c["method"] == "GET")
    call["status"] = 404
    call["response"]["trashed"] = False
    found = [o for o in contract.replay([cassette]) if o.differences()]
    assert [(o.method, o.recorded_status, o.fake_status) for o in found] == \
        [("drive.files.get", 404, 200)]
    assert found[0].shape_diff == ["-trashed"]


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
