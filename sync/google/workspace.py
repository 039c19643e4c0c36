"""The Google backend of `sync.workspace.Workspace`: the banks as one Google spreadsheet.

Request economy (a `validate` run makes 5 Sheets requests whatever the number of rows):

- `read_grids` is TWO requests whatever the number of tabs: ONE ``spreadsheets.get``
  (``fields=sheets(properties(title),merges)``: every tab's title and merged ranges),
  then ONE ``values.batchGet`` of every asked tab that exists (FORMATTED_VALUE: cell texts as
  the sheet shows them; ragged rows padded). The merges are needed because ``values.batchGet``
  gives a merge's value in its first cell only; handed over in a `SheetGrid`, they let grid
  parsing give «Предмет» merged down a subject's teachers to every row, as on the local
  backend. The titles come free with them: a missing tab is known before the values are read,
  and a tab whose title differs in case or ё/е is still found. Only when Google answers 400
  "Unable to parse range" (a tab renamed or deleted between the two requests) is the pair made
  once more.
- `read_grids_for_write` re-reads the same way just before writing (rows may have been
  inserted, deleted or sorted since, and merges grown or shrunk with them;
  `Workspace.commit` finds each row again by content, so both reads fill merges alike).
- `write_cells` is ONE ``values.batchUpdate`` with ``valueInputOption=RAW`` (a form answer
  ``=IMPORTXML(...)`` stays text), cells next to each other in a row sent as one range.
"""
from __future__ import annotations

from contextlib import contextmanager
from itertools import groupby
from typing import Any, Iterator, Sequence

from sheets_schema import ru
from sheets_schema.grid import Merge, SheetGrid, column_letter, normalise_header
from sync.google.client import GoogleClient
from sync.google.errors import GoogleApiError, explain
from sync.google.forms_publish import Responders
from sync.workspace import CellWrite, Workspace, WorkspaceError

SHEETS_FIELDS = "sheets.properties"
LAYOUT_FIELDS = "sheets(properties(title),merges)"  # what a read needs besides values
GROW_ROWS = 1000  # spare rows added when a write runs past the end of a tab


def quote_title(title: str) -> str:
    """A sheet title as written in A1 notation: in single quotes, quotes inside doubled."""
    return "'" + title.replace("'", "''") + "'"


def tab_range(title: str) -> str:
    """The A1 range that reads a whole tab (columns A to ZZ)."""
    return f"{quote_title(title)}!A1:ZZ"


def pad(rows: list[list[Any]]) -> list[list[str]]:
    """Rows as Google returns them (trailing empty cells dropped) → a rectangle of strings."""
    width = max((len(r) for r in rows), default=0)
    return [[_text(v) for v in r] + [""] * (width - len(r)) for r in rows]


def merges_of(sheet: dict[str, Any]) -> list[Merge]:
    """A tab's ``merges`` as `spreadsheets.get` gives them → `Merge`s.

    A ``GridRange`` is 0-based and half open (start inclusive, end exclusive), and Google omits
    an index that is 0; a `Merge` has 1-based inclusive rows and 0-based inclusive columns. A
    merge is always bounded; one without an end index (unbounded) is left out.
    """
    merges = []
    for gr in sheet.get("merges", []):
        if "endRowIndex" not in gr or "endColumnIndex" not in gr:
            continue
        merges.append(Merge(int(gr.get("startRowIndex", 0)) + 1, int(gr["endRowIndex"]),
                            int(gr.get("startColumnIndex", 0)), int(gr["endColumnIndex"]) - 1))
    return merges


def grid_with_merges(rows: list[list[Any]], merges: list[Merge]) -> SheetGrid:
    """Padded rows carrying the tab's merges, extended to the merges' last row and column, as
    the local reader sees a workbook (a merge covers its cells even where only its first cell
    has a value; ``values.batchGet`` drops the empty rows and cells at the end)."""
    grid = pad(rows)
    height = max([len(grid)] + [m.last_row for m in merges])
    width = max([len(grid[0]) if grid else 0] + [m.last_col + 1 for m in merges])
    grid = [r + [""] * (width - len(r)) for r in grid] + [[""] * width for _ in range(height - len(grid))]
    return SheetGrid(grid, merges)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value if isinstance(value, str) else str(value)


def is_missing_range(exc: GoogleApiError) -> bool:
    """Google's answer to a range naming a tab that does not exist."""
    return exc.code == 400 and "unable to parse range" in exc.message.lower()


def is_beyond_grid(exc: GoogleApiError) -> bool:
    """Google's answer to a write past the last row or column of a tab."""
    return exc.code == 400 and "exceeds grid limits" in exc.message.lower()


def write_ranges(writes: Sequence[CellWrite], actual_title=lambda t: t) -> list[dict[str, Any]]:
    """`CellWrite`s → ``ValueRange``s, in sheet order: runs of adjacent cells in one row merged into
    one range, and the runs of the same columns in consecutive rows into one block (`validate`
    writes «Статус» and «Сообщение» of every row: 10,000 rows are one range, not 10,000 — the
    request's size and Google's time to apply it grow with the number of ranges)."""
    Run = tuple[str, int, int, list[str]]  # (tab, first column, row, values)
    runs: list[Run] = []
    cells = sorted({(w.tab, w.row, w.col): w.value for w in writes}.items())
    for (tab, row), group in groupby(cells, key=lambda item: item[0][:2]):
        run: list[tuple[int, str]] = []
        for (_, _, col), value in group:
            if run and col != run[-1][0] + 1:
                runs.append((tab, run[0][0], row, [v for _, v in run]))
                run = []
            run.append((col, value))
        runs.append((tab, run[0][0], row, [v for _, v in run]))
    blocks: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: (r[0], r[1], len(r[3]), r[2])):  # a block grows while rows follow
        last = blocks[-1][-1] if blocks else None
        if last is not None and (r[0], r[1], len(r[3]), r[2]) == (last[0], last[1], len(last[3]), last[2] + 1):
            blocks[-1].append(r)
        else:
            blocks.append([r])
    blocks.sort(key=lambda b: (b[0][0], b[0][2], b[0][1]))  # tab, top row, first column
    return [_value_range(actual_title(b[0][0]), b) for b in blocks]


def _value_range(title: str, block: list[tuple[str, int, int, list[str]]]) -> dict[str, Any]:
    """One ``ValueRange``: the same columns of consecutive rows."""
    _, col, top, values = block[0]
    bottom = block[-1][2]
    first, last = column_letter(col), column_letter(col + len(values) - 1)
    a1 = f"{first}{top}" if (first, top) == (last, bottom) else f"{first}{top}:{last}{bottom}"
    return {"range": f"{quote_title(title)}!{a1}", "majorDimension": "ROWS", "values": [r[3] for r in block]}


class GoogleWorkspace(Workspace):
    """A school's workspace in one Google spreadsheet (see the module docstring)."""

    def __init__(self, client: GoogleClient, spreadsheet_id: str, folder_id: str = "", *, created: bool = False):
        if not spreadsheet_id:
            raise WorkspaceError(ru.GOOGLE["no_spreadsheet"])
        self.client = client
        self.spreadsheet_id = spreadsheet_id
        self.folder_id = folder_id
        self.created = created  # True when `create_google_workspace` made a new spreadsheet
        self.added_tabs: list[str] = []  # tabs `create_google_workspace` added to an existing one
        self.location = f"https://docs.google.com/spreadsheets/d/{spreadsheet_id}"
        self._tabs: dict[str, str] | None = None  # normalised title → actual title, once fetched

    # --- Workspace ----------------------------------------------------------------------------
    def read_grids(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        with self.google_errors():
            return self._read(list(titles))

    def write_cells(self, writes: Sequence[CellWrite]) -> None:
        if not writes:
            return
        with self.google_errors():
            try:
                self.client.values_batch_update(self.spreadsheet_id, write_ranges(writes, self._actual_title),
                                                value_input_option="RAW")
            except GoogleApiError as exc:
                if not is_beyond_grid(exc):
                    raise
                # Rare (a tab filled to its last row): grow the tabs, then write again.
                self._grow_for(writes)
                self.client.values_batch_update(self.spreadsheet_id, write_ranges(writes, self._actual_title),
                                                value_input_option="RAW")

    def _grow_for(self, writes: Sequence[CellWrite]) -> None:
        props = {normalise_header(p.get("title", "")): p for p in self.sheet_properties()}
        requests = []
        for tab in sorted({w.tab for w in writes}):
            p = props.get(normalise_header(tab))
            if p is None:
                continue
            grid = p.get("gridProperties", {})
            rows = max(w.row for w in writes if w.tab == tab) - int(grid.get("rowCount", 0))
            cols = max(w.col + 1 for w in writes if w.tab == tab) - int(grid.get("columnCount", 0))
            for dimension, missing in (("ROWS", rows + GROW_ROWS if rows > 0 else 0), ("COLUMNS", cols)):
                if missing > 0:
                    requests.append({"appendDimension": {
                        "sheetId": p["sheetId"], "dimension": dimension, "length": missing}})
        if requests:
            self.client.spreadsheets_batch_update(self.spreadsheet_id, requests)

    #: Who may answer the questionnaires (``[google] responders``; set from the settings by
    #: `sync.google.configure`): the forms are published for them.
    responders: Responders = Responders()

    #: The run lock (`Workspace.run_lock`) is a lease (`sync.google.lease`, found beside this
    #: class, as are the doctor's checks: `sync.google.health`, `sync.google.forms_health`):
    #: how long a run's lease lasts if it is never released (a crash), and how long a run waits
    #: before confirming it holds it.
    lease_minutes: float = 120.0
    lease_settle_seconds: float = 1.0  # `sync.google.lease.DEFAULT_SETTLE`, argued in its docstring
    #: How often a run waiting for the lease (``--lock-wait``) looks again: each look is a read.
    lock_poll_seconds: float = 5.0

    # --- tabs ---------------------------------------------------------------------------------
    def sheet_properties(self) -> list[dict[str, Any]]:
        """``properties`` of every tab (one ``spreadsheets.get``); refreshes the title cache."""
        with self.google_errors():
            meta = self.client.spreadsheets_get(self.spreadsheet_id, fields=SHEETS_FIELDS)
        props = [s.get("properties", {}) for s in meta.get("sheets", [])]
        self._tabs = {normalise_header(p.get("title", "")): p.get("title", "") for p in props}
        return props

    def forget_tabs(self) -> None:
        """Drop the cached list of tabs (after tabs were added or renamed)."""
        self._tabs = None

    def _actual_title(self, title: str) -> str:
        if self._tabs is None:
            return title
        return self._tabs.get(normalise_header(title), title)

    def tab_layout(self) -> dict[str, list[Merge]]:
        """Every tab's actual title → its merged ranges (one ``spreadsheets.get``); refreshes
        the title cache."""
        meta = self.client.spreadsheets_get(self.spreadsheet_id, fields=LAYOUT_FIELDS)
        sheets = meta.get("sheets", [])
        titles = [s.get("properties", {}).get("title", "") for s in sheets]
        self._tabs = {normalise_header(t): t for t in titles}
        return {t: merges_of(s) for t, s in zip(titles, sheets)}

    def _read(self, titles: list[str]) -> dict[str, list[list[str]] | None]:
        for attempt in range(2):
            merges = self.tab_layout()
            actual = {t: self._actual_title(t) for t in titles}
            present = [t for t in titles if actual[t] in merges]
            if not present:
                return {t: None for t in titles}
            try:
                answer = self.client.values_batch_get(self.spreadsheet_id, [tab_range(actual[t]) for t in present])
            except GoogleApiError as exc:
                if attempt == 0 and is_missing_range(exc):
                    continue  # a tab renamed or deleted since the layout was read: read both again
                raise
            ranges = answer.get("valueRanges", [])
            grids: dict[str, list[list[str]] | None] = {t: None for t in titles}
            for title, value_range in zip(present, ranges):
                grids[title] = grid_with_merges(value_range.get("values", []), merges[actual[title]])
            return grids
        raise AssertionError("unreachable")  # pragma: no cover

    # --- errors -------------------------------------------------------------------------------
    @contextmanager
    def google_errors(self) -> Iterator[None]:
        """Turn an error answer of Google into a `WorkspaceError` telling staff what to do."""
        try:
            yield
        except GoogleApiError as exc:
            raise WorkspaceError(explain(exc, self.location)) from exc

