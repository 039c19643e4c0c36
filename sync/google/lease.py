"""One run at a time on a Google spreadsheet: a lease with an expiry in a hidden service tab.

Google Sheets has no lock and no compare-and-set, and the machines running nastavnik share
nothing but the spreadsheet. So a run takes a *lease*: row 2 of the hidden tab
«Блокировка (служебный)» holds who has it, since when, and until when (UTC, ISO 8601).

Taking it (`GoogleLease.acquire`) is read → write → wait → re-read:

1. read the row (ONE ``values.batchGet``);
2. a live lease of somebody else → `WorkspaceLocked` at once, with who holds it and when it ends;
   an empty row or an expired lease → ours to take;
3. write our row (ONE ``values.batchUpdate``, RAW) with a holder id unique to this run — or, when
   the tab is missing (a workspace's first run), add the hidden tab with our row already in it
   (ONE ``spreadsheets.batchUpdate``: addSheet and updateCells apply together); if another run
   added it a moment before, its row is read and steps 2–3 go on from there;
4. wait `settle` seconds, then read again: if the row is still ours, we hold the lease; if
   another run wrote after us, it holds it and we stop with `WorkspaceLocked`.

Why this is safe, and why the wait is `DEFAULT_SETTLE` = 1 s
-------------------------------------------------------------
The one property of Sheets relied on is read-after-write consistency within one spreadsheet:
a ``values.batchUpdate`` that has been applied is seen by every read served after it, from any
client (a spreadsheet is one document with one edit history, not eventually consistent replicas).
Writes to the row replace it whole, so the row always holds the last write applied.

What a competing run B can observe, against our run A (times as Google applies and serves):
B's first read was served at ``r_B``, its write applied at ``t_B``; ours applied at ``t_A``.
B saw the row free, so ``r_B < t_A`` (a read after ``t_A`` shows A's live lease and B stops at
step 2; a run that made the tab wrote its row in the same instant, so nobody read that row free
before it was there: its ``t - r`` is 0). A's confirming read is served after ``t_A + settle`` (the wait starts only when Google
has answered A's write, which is after ``t_A``). If ``t_B - r_B <= settle``, then
``t_B < t_A + settle``: A's confirmation shows B's row (or a later one), and A stops; B, the last
writer, finds its own id and holds the lease. Two runs both holding it therefore needs a run
whose read→write gap exceeded `settle` — and every run measures its own gap, from sending the
read to receiving the write's answer (an upper bound of ``t - r``), on its monotonic clock. A run
whose gap exceeded `settle` does not trust its confirmation: it clears the row if it is still its
own and stops with `WorkspaceLocked` (``ru.LEASE["slow"]``: run again). So two runs never both
go ahead, whatever the network does; `settle` only decides how often a slow write makes a run
give up. (Its row is cleared rather than left to expire: left, every slow write would block all
runs for `minutes`. The price: if the slow write had replaced the row of a run that had already
confirmed, that run goes on without its row, and a third run started before it ends is not
stopped — it takes two runs started within `settle` of each other, a slow write, and a third.)

That gap is two round trips (the read's answer, the write) plus Google applying one 2×3 range:
well under a second on a school's connection (tenths of a second on the fake), so 1 s is the
shortest wait that does not turn an ordinary slow answer into a refused run; a write retried
after a timeout or a 429 takes longer and is refused, which is exactly the case that could have
let a second run in. The wait happens once per run, on the `acquire` path only; a run that finds
a live lease leaves at once. ``settle=0`` means no rival is possible (tests, one process): no
wait and no gap check.

A lease write that gets no answer is not simply sent again: after a timeout the policy first
waits as long again, then reads the row — if the write is there, it is not repeated. A write
sent twice could land the second time after the run released the lease, and hold the spreadsheet
for a run that has ended (`sync.google.client.GoogleClient.settled`).

The lease is released at the end of the run (the row cleared, only if it is still ours), and can
be renewed by a long run. A run that crashed or was killed releases nothing: its lease simply
expires after `minutes` (120 by default), and the next run takes it over — nobody is blocked for
long, and nobody needs to clean up by hand.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from sheets_schema import ru
from sync.google.errors import GoogleApiError
from sync.google.workspace import GoogleWorkspace, is_missing_range, quote_title
from sync.workspace import WorkspaceLocked

DEFAULT_MINUTES = 120.0
DEFAULT_SETTLE = 1.0  # seconds: see the module docstring


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _local(text: str) -> str:
    moment = _parse(text)
    return moment.astimezone().strftime("%d.%m.%Y %H:%M") if moment else (text or "?")


@dataclass(frozen=True)
class LeaseRow:
    holder: str = ""
    started: str = ""
    expires: str = ""

    def live(self, now: dt.datetime) -> bool:
        """Held by somebody until a moment still ahead (a row that cannot be read is not live)."""
        until = _parse(self.expires)
        return bool(self.holder.strip()) and until is not None and until > now


class GoogleLease:
    """The lease of one run (see the module docstring)."""

    def __init__(self, workspace: GoogleWorkspace, job: str, *, minutes: float = DEFAULT_MINUTES,
                 settle: float = DEFAULT_SETTLE, clock: Callable[[], dt.datetime] = utc_now,
                 sleep: Callable[[float], None] = time.sleep):
        self.workspace = workspace
        self.minutes = minutes
        self.settle = settle
        self.clock = clock
        self.sleep = sleep
        self.holder = f"{job}, {socket.gethostname()}, pid {os.getpid()}, {uuid.uuid4().hex[:8]}"
        self.title = ru.LEASE["tab"]
        self.held = False

    @property
    def _range(self) -> str:
        return f"{quote_title(self.title)}!A1:C2"

    # --- the calls ----------------------------------------------------------------------------
    def read(self) -> LeaseRow:
        """The lease row as it is now (the tab is added, hidden, when missing)."""
        row = self._fetch()
        if row is None:  # no tab: it is added with an empty row, unless another run just added it
            return LeaseRow() if self._add_tab(LeaseRow()) else (self._fetch() or LeaseRow())
        return row

    def _fetch(self) -> LeaseRow | None:
        """The lease row, or None when the tab is missing (ONE ``values.batchGet``)."""
        ws = self.workspace
        with ws.google_errors():
            try:
                answer = ws.client.values_batch_get(ws.spreadsheet_id, [self._range])
            except GoogleApiError as exc:
                if not is_missing_range(exc):
                    raise
                return None
        rows = (answer.get("valueRanges") or [{}])[0].get("values", [])
        cells = [str(v) for v in rows[1]] if len(rows) > 1 else []
        cells += [""] * (3 - len(cells))
        return LeaseRow(*cells[:3])

    def _add_tab(self, row: LeaseRow) -> bool:
        """Add the hidden tab holding `row`, in ONE ``spreadsheets.batchUpdate`` (the tab and its
        row appear together: nobody can see the tab without the row). False when another run
        added it a moment ago."""
        ws = self.workspace
        sheet_id = uuid.uuid4().int % (2**31 - 1) + 1
        props = {"sheetId": sheet_id, "title": self.title, "hidden": True,
                 "gridProperties": {"rowCount": 10, "columnCount": 3}}
        cells = [[{"userEnteredValue": {"stringValue": v}} for v in values]
                 for values in (self._header(), [row.holder, row.started, row.expires])]
        requests: list[dict[str, Any]] = [{"addSheet": {"properties": props}}, {"addProtectedRange": {"protectedRange": {
            "range": {"sheetId": sheet_id}, "description": ru.LEASE["protected"], "warningOnly": True}}},
            {"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                             "rows": [{"values": v} for v in cells], "fields": "userEnteredValue"}}]
        with ws.google_errors():  # a refusal (a reader's 403) is the workspace's error, named
            try:
                ws.client.spreadsheets_batch_update(ws.spreadsheet_id, requests)
            except GoogleApiError as exc:
                if exc.code == 400 and "already exists" in exc.message:
                    return False  # another run added it a moment ago
                raise
        ws.forget_tabs()
        return True

    @staticmethod
    def _header() -> list[str]:
        return [ru.LEASE["holder"], ru.LEASE["started"], ru.LEASE["expires"]]

    def _write(self, row: LeaseRow) -> None:
        ws = self.workspace
        data = [{"range": self._range, "majorDimension": "ROWS",
                 "values": [self._header(), [row.holder, row.started, row.expires]]}]
        with ws.google_errors():
            ws.client.values_batch_update(ws.spreadsheet_id, data, value_input_option="RAW",
                                          landed=lambda exc: {} if self.read() == row else None)

    def _refuse(self, row: LeaseRow) -> WorkspaceLocked:
        return WorkspaceLocked(ru.LEASE["held"].format(
            holder=row.holder or "?", started=_local(row.started), expires=_local(row.expires), tab=self.title))

    # --- the lease ----------------------------------------------------------------------------
    def acquire(self) -> None:
        """Take the lease or raise `WorkspaceLocked` (read → write → wait → re-read)."""
        now = self.clock()
        ours = self._row(now)
        asked = time.monotonic()
        current = self._fetch()
        if current is None:  # no tab yet: it is made with our row in it, which is our write
            if self._add_tab(ours):
                current = ours
            else:  # another run made it a moment ago: what has it written?
                asked = time.monotonic()
                current = self._fetch() or LeaseRow()
        if current != ours:
            if current.live(now) and current.holder != self.holder:
                raise self._refuse(current)
            self._write(ours)
            gap = time.monotonic() - asked
            if self.settle > 0 and gap > self.settle:
                self._give_up()
                raise WorkspaceLocked(ru.LEASE["slow"].format(tab=self.title, gap=_seconds(gap),
                                                              settle=_seconds(self.settle)))
        if self.settle > 0:
            self.sleep(self.settle)
        confirmed = self.read()
        if confirmed.holder != self.holder:
            raise self._refuse(confirmed)
        self.held = True

    def renew(self) -> None:
        """Push the expiry `minutes` ahead again; `WorkspaceLocked` if the lease is no longer ours."""
        current = self.read()
        if current.holder != self.holder:
            self.held = False
            raise self._refuse(current)
        self._write(LeaseRow(self.holder, current.started, _stamp(self.clock() + dt.timedelta(minutes=self.minutes))))

    def _give_up(self) -> None:
        """Clear our row after a write too slow to trust (it may have replaced another run's)."""
        if self.read().holder == self.holder:
            self._write(LeaseRow())

    def release(self) -> None:
        """Clear the row if it is still ours (an expired lease another run took over stays theirs)."""
        if not self.held:
            return
        self.held = False
        if self.read().holder == self.holder:
            self._write(LeaseRow())

    def _row(self, now: dt.datetime) -> LeaseRow:
        return LeaseRow(self.holder, _stamp(now), _stamp(now + dt.timedelta(minutes=self.minutes)))


@contextlib.contextmanager
def google_run_lock(workspace: GoogleWorkspace, job: str, *, minutes: float = DEFAULT_MINUTES,
                    settle: float = DEFAULT_SETTLE, clock: Callable[[], dt.datetime] = utc_now,
                    sleep: Callable[[float], None] = time.sleep) -> Iterator[GoogleLease]:
    """Hold the spreadsheet's lease for the block (released at the end, even on an exception)."""
    lease = GoogleLease(workspace, job, minutes=minutes, settle=settle, clock=clock, sleep=sleep)
    lease.acquire()
    try:
        yield lease
    finally:
        lease.release()


def run_lock(workspace: GoogleWorkspace, job: str) -> contextlib.AbstractContextManager[GoogleLease]:
    """`Workspace.run_lock` of a Google workspace: its lease, for its ``lease_minutes`` and
    ``lease_settle_seconds``; a second run raises `WorkspaceLocked` at once."""
    return google_run_lock(workspace, job, minutes=workspace.lease_minutes, settle=workspace.lease_settle_seconds)


__all__ = ["GoogleLease", "LeaseRow", "google_run_lock", "run_lock"]
