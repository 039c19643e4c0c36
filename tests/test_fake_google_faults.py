"""Fault injection, the request log and the control endpoints of the fake."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import requests
from googleapiclient.errors import HttpError

from tests.fake_google import token_for
from tests.fake_google.clients import api_service, gspread_client, user_credentials

TEACHER = "metodist@school.example"


@pytest.fixture
def workbook(fake_google):
    return fake_google.state.sheets.seed(TEACHER, "Журнал", {"Лист1": [["до"]]})


def _session() -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token_for(TEACHER)
    return session


def test_rate_one_answers_503_everywhere_and_changes_nothing(fake_google, workbook):
    answer = requests.post(f"{fake_google.url}/__fake__/faults",
                           json={"rate": 1.0, "statuses": [503], "seed": 1}, timeout=5)
    assert answer.json()["rate"] == 1.0
    sheets = api_service(fake_google.url, "sheets", "v4",
                         user_credentials(fake_google.url, TEACHER)).spreadsheets()
    with pytest.raises(HttpError) as caught:
        sheets.values().update(spreadsheetId=workbook.id, range="A1", valueInputOption="RAW",
                               body={"values": [["после"]]}).execute()
    error = json.loads(caught.value.content)["error"]
    assert (caught.value.resp.status, error["status"]) == (503, "UNAVAILABLE")
    with pytest.raises(HttpError):
        sheets.get(spreadsheetId=workbook.id).execute()
    assert workbook.sheets[0].cells[(0, 0)]["userEnteredValue"] == {"stringValue": "до"}
    assert {e["status"] for e in fake_google.requests(api="sheets")} == {503}
    assert all(e["fault"] == "error" for e in fake_google.requests(api="sheets"))
    assert fake_google.requests(api="oauth")[0]["status"] == 200  # /token is never faulted

    fake_google.clear_faults()
    sheets.values().update(spreadsheetId=workbook.id, range="A1", valueInputOption="RAW",
                           body={"values": [["после"]]}).execute()
    assert workbook.sheets[0].cells[(0, 0)]["userEnteredValue"] == {"stringValue": "после"}


def test_429_carries_retry_after_and_google_envelope(fake_google, workbook):
    fake_google.set_faults(rate=1.0, statuses=[429], retry_after=2)
    answer = _session().get(f"{fake_google.url}/v4/spreadsheets/{workbook.id}", timeout=5)
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "2"
    assert answer.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    assert answer.json()["error"]["code"] == 429


def test_seeded_rate_is_reproducible(fake_google, workbook):
    url = f"{fake_google.url}/v4/spreadsheets/{workbook.id}/values/A1"

    def run() -> list[int]:
        fake_google.set_faults(rate=0.3, statuses=[500, 503], seed=7)
        session = _session()
        return [session.get(url, timeout=5).status_code for _ in range(30)]

    first, second = run(), run()
    assert first == second
    assert 0 < sum(s != 200 for s in first) < 30


def test_dropped_connection_raises_connection_error(fake_google, workbook):
    fake_google.set_faults(drop_rate=1.0)
    with pytest.raises(requests.exceptions.ConnectionError):
        _session().get(f"{fake_google.url}/v4/spreadsheets/{workbook.id}", timeout=5)
    gc = gspread_client(fake_google.url, user_credentials(fake_google.url, TEACHER))
    with pytest.raises(requests.exceptions.ConnectionError):
        gc.open_by_key(workbook.id)
    assert fake_google.requests(api="sheets")[0]["fault"] == "drop"


def test_delay_slows_the_answer(fake_google, workbook):
    fake_google.set_faults(delay_seconds=0.3, delay_rate=1.0)
    started = time.monotonic()
    answer = _session().get(f"{fake_google.url}/v4/spreadsheets/{workbook.id}", timeout=5)
    assert answer.status_code == 200 and time.monotonic() - started >= 0.3
    with pytest.raises(requests.exceptions.ReadTimeout):
        _session().get(f"{fake_google.url}/v4/spreadsheets/{workbook.id}", timeout=0.1)


def test_request_log_share_and_reset_endpoints(fake_google, workbook):
    other = "zavuch@school.example"
    gc = gspread_client(fake_google.url, user_credentials(fake_google.url, other))
    with pytest.raises(PermissionError):  # gspread's translation of Sheets' 403
        gc.open_by_key(workbook.id)
    requests.post(f"{fake_google.url}/__fake__/share", json={
        "fileId": workbook.id, "email": other, "role": "reader"}, timeout=5)
    assert gc.open_by_key(workbook.id).sheet1.acell("A1").value == "до"

    log = requests.get(f"{fake_google.url}/__fake__/requests", timeout=5).json()
    sheets_calls = [e for e in log if e["api"] == "sheets"]
    assert [e["status"] for e in sheets_calls][:2] == [403, 200]
    assert sheets_calls[0]["path"] == f"/v4/spreadsheets/{workbook.id}"
    assert sheets_calls[0]["identity"] == other
    assert sheets_calls[0]["query"] == {"includeGridData": ["false"]}
    assert sheets_calls[0]["method_id"] == "sheets.spreadsheets.get"

    requests.post(f"{fake_google.url}/__fake__/reset", timeout=5)
    assert fake_google.requests() == []
    assert workbook.id not in fake_google.state.sheets.spreadsheets


def test_module_runs_standalone():
    proc = subprocess.Popen([sys.executable, "-m", "tests.fake_google", "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert requests.get(url + "/__fake__/health", timeout=5).json() == {"ok": True}
    finally:
        proc.terminate()
        proc.wait(timeout=5)
