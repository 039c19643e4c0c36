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
            # a wait well above this shared machine's read→write gap (the first run's read
            # also adds the tab): a gap above it would make a run give up, not both run
            with google_run_lock(ws, "nightly", settle=3.0):
                outcomes[name] = "ran"
                done.wait(5)  # hold the lease until the other run has given up
        except WorkspaceLocked as exc:
            outcomes[name] = str(exc)
            done.set()

    threads = [threading.Thread(target=run, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)

    assert sorted(v == "ran" for v in outcomes.values()) == [False, True], outcomes
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


def test_a_write_slower_than_the_wait_cannot_let_a_second_run_in(spreadsheet):
    """Run B reads the row free, then its write lands only after run A has taken the lease (A's
    wait is shorter than B's read→write gap): B must not go ahead too. Without B's check of its
    own gap, B would find its id on confirming and both runs would hold the lease."""
    assert lease_row(run_workspace(spreadsheet)) == LeaseRow()  # the tab is there, the row free
    a_holds = threading.Event()
    late = GoogleLease(run_workspace(spreadsheet), "validate", settle=0.3)
    first_write = late._write

    def slow_write(row: LeaseRow) -> None:
        if row.holder == late.holder and not a_holds.is_set():
            a_holds.wait(10)  # the write is on its way while A writes, waits and confirms
        first_write(row)

    late._write = slow_write  # type: ignore[method-assign]
    refused: list[WorkspaceLocked] = []

    def run_late() -> None:
        try:
            late.acquire()
        except WorkspaceLocked as exc:
            refused.append(exc)

    thread = threading.Thread(target=run_late)
    thread.start()
    time.sleep(0.3)  # B has read the row (free) and is writing
    early = GoogleLease(run_workspace(spreadsheet), "nightly", settle=0.3)
    early.acquire()
    a_holds.set()
    thread.join(15)

    assert early.held and not late.held
    assert len(refused) == 1 and str(refused[0]).startswith("Запуск не начат: запись блокировки на листе «")
    assert "дольше, чем ждёт проверка (0,3 с)" in str(refused[0])
    assert lease_row(run_workspace(spreadsheet)) == LeaseRow()  # B cleared the row it overwrote


def test_an_ordinary_acquire_waits_settle_once_and_holds(spreadsheet):
    waits: list[float] = []
    lease = GoogleLease(run_workspace(spreadsheet), "nightly", settle=1.0, sleep=waits.append)
    lease.acquire()
    assert lease.held and waits == [1.0]
    assert lease_row(run_workspace(spreadsheet)).holder == lease.holder


def test_the_first_run_makes_the_tab_with_its_row_in_one_request(spreadsheet, fake_google):
    ws = run_workspace(spreadsheet)
    fake_google.clear_requests()
    lease = GoogleLease(ws, "nightly", settle=0.2)
    lease.acquire()

    calls = [e["method_id"] for e in fake_google.requests("sheets")]
    assert calls == ["sheets.spreadsheets.values.batchGet",  # the row: no tab
                     "sheets.spreadsheets.batchUpdate",  # the tab, with our row in it
                     "sheets.spreadsheets.values.batchGet"]  # confirmed after the wait
    assert lease.held and lease_row(ws).holder == lease.holder
    grid = ws.read_grids([TAB])[TAB]
    assert grid[0] == ["Кто держит", "Начало", "Действует до"]

    rival = GoogleLease(run_workspace(spreadsheet), "validate", settle=0.2)
    with pytest.raises(WorkspaceLocked):
        rival.acquire()
