"""The Google run lock: a lease in a hidden service tab, on the fake Google over real HTTP."""
from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from sheets_schema import ru
from sync.google import GoogleWorkspace, create_google_workspace
from sync.google.lease import GoogleLease, LeaseRow, google_run_lock
from sync.workspace import WorkspaceLocked
from tests.test_google_support import fast_client, google_settings

TAB = ru.LEASE["tab"]
T0 = dt.datetime(2026, 11, 27, 0, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def spreadsheet(fake_google, tmp_path):
    """(settings, spreadsheet id) of a new workspace on the fake."""
    settings = google_settings(fake_google, tmp_path)
    ws = create_google_workspace(settings, {}, client=fast_client(settings))
    return settings, ws.spreadsheet_id


def run_workspace(spreadsheet) -> GoogleWorkspace:
    """What a separate `nastavnik` process has: its own client on the same spreadsheet."""
    settings, spreadsheet_id = spreadsheet
    return GoogleWorkspace(fast_client(settings), spreadsheet_id)


def lease_row(ws: GoogleWorkspace) -> LeaseRow:
    return GoogleLease(ws, "test", settle=0).read()


def test_two_runs_started_together_one_wins(spreadsheet):
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}
    done = threading.Event()

    def run(name: str) -> None:
        ws = run_workspace(spreadsheet)
        barrier.wait()
        try:
            with google_run_lock(ws, "nightly", settle=0.5):
                outcomes[name] = "ran"
                done.wait(5)  # hold the lease until the other run has given up
        except WorkspaceLocked as exc:
            outcomes[name] = str(exc)
            done.set()

    threads = [threading.Thread(target=run, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(15)

    assert sorted(v == "ran" for v in outcomes.values()) == [False, True]
    refused = next(v for v in outcomes.values() if v != "ran")
    assert refused.startswith("Уже идёт другой запуск (nightly, ")
    assert lease_row(run_workspace(spreadsheet)) == LeaseRow()  # released by the winner


def test_a_second_run_exits_at_once_while_the_lease_is_live(spreadsheet):
    first = GoogleLease(run_workspace(spreadsheet), "nightly", settle=0)
    first.acquire()
    second = run_workspace(spreadsheet)

    started = time.monotonic()
    with pytest.raises(WorkspaceLocked) as refused:
        with google_run_lock(second, "validate", settle=5):
            pytest.fail("the second run must not start")
    assert time.monotonic() - started < 2  # no settling wait when the lease is visibly held
    assert first.holder in str(refused.value) and TAB in str(refused.value)
    assert lease_row(second).holder == first.holder


def test_a_crashed_run_blocks_until_its_lease_expires(spreadsheet):
    crashed = GoogleLease(run_workspace(spreadsheet), "nightly", settle=0, clock=lambda: T0)
    crashed.acquire()  # …and never releases: the process was killed
    ws = run_workspace(spreadsheet)

    with pytest.raises(WorkspaceLocked):
        GoogleLease(ws, "nightly", settle=0, clock=lambda: T0 + dt.timedelta(minutes=119)).acquire()
    later = GoogleLease(ws, "nightly", settle=0, clock=lambda: T0 + dt.timedelta(minutes=121))
    later.acquire()

    row = lease_row(ws)
    assert row.holder == later.holder
    assert (row.started, row.expires) == ("2026-11-27T02:01:00Z", "2026-11-27T04:01:00Z")
    crashed.held = True
    crashed.release()  # the crashed run's late cleanup must not free the new holder's lease
    assert lease_row(ws).holder == later.holder


def test_the_lease_tab_is_hidden_and_added_once(spreadsheet, fake_google):
    ws = run_workspace(spreadsheet)
    with google_run_lock(ws, "nightly", settle=0):
        pass
    with google_run_lock(ws, "nightly", settle=0):
        pass

    tabs = [s["properties"] for s in ws.client.spreadsheets_get(ws.spreadsheet_id, fields="sheets.properties")["sheets"]]
    lease_tabs = [p for p in tabs if p["title"] == TAB]
    assert len(lease_tabs) == 1 and lease_tabs[0].get("hidden") is True
    grid = ws.read_grids([TAB])[TAB]
    assert grid[0] == ["Кто держит", "Начало", "Действует до"]


def test_renew_pushes_the_expiry_and_a_lost_lease_is_reported(spreadsheet):
    now = [T0]
    ws = run_workspace(spreadsheet)
    lease = GoogleLease(ws, "nightly", settle=0, minutes=30, clock=lambda: now[0])
    lease.acquire()
    now[0] = T0 + dt.timedelta(minutes=20)
    lease.renew()
    assert lease_row(ws).expires == "2026-11-27T00:50:00Z"

    other = GoogleLease(run_workspace(spreadsheet), "nightly", settle=0, clock=lambda: T0 + dt.timedelta(hours=2))
    other.acquire()
    with pytest.raises(WorkspaceLocked):
        lease.renew()


def test_the_workspace_run_lock_is_the_lease(spreadsheet):
    ws = run_workspace(spreadsheet)
    ws.lease_settle_seconds = 0
    with ws.run_lock("nightly"):
        assert lease_row(ws).holder.startswith("nightly, ")
    assert lease_row(ws) == LeaseRow()
