"""What a workspace made by an older version lacks, as a list of additions (pure; no I/O).

`plan_upgrade` compares the tabs as read (grids from row 1, as every backend gives them) with
what this version declares (`sheets_schema.tables`) and returns an `UpgradePlan` that only ever
ADDS, never changes a cell that holds something:

- a missing tab (e.g. «Каталог мероприятий», the hidden «Анкеты (служебный)») — with its header
  and the rows `init` starts it with, placed after the tab it follows in a new workspace;
- a missing column — a new header cell in the tab's header row, right after the last column
  anything is written in (existing columns never move; jobs find columns by header,
  `sheets_schema.grid.find_columns`), with its dropdown when it has a choice list. A column
  under a header an earlier version gave it (`ru.OLD_HEADERS`) is not missing: it is read by
  that header, and the header cell is left as it is (nothing that holds something is changed);
- a value a choice list lacks — written under the last filled cell of its column in the hidden
  «Списки» (a list missing there gets a new column); values staff added there stay, and
  dropdowns that cover a list column from row 2 (`ListGrowth`) are stretched to its new end,
  so staff's own values are offered too.

Which tabs and columns are added: those a later version introduced (`LATER_TABS`,
`LATER_COLUMNS`, against the first released layout), and any of a tab the jobs write whole. A
staff tab or column of the first layout that is missing was renamed or deleted by someone — the
upgrade cannot tell which, and an empty «ФИО» beside the renamed one would hide the data — so it
is left to the doctor's message (put the header back, or restore the tab).

Dropdowns of new tabs and columns refer to the lists where THIS workspace holds them
(`UpgradePlan.list_ranges`), which may differ from a new workspace's layout (`list_range`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from sheets_schema import ru
from sheets_schema.dropdowns import VALIDATED_ROWS, list_range, lists_rows
from sheets_schema.grid import HEADER_ROW, column_letter, find_header, header_texts, normalise_header
from sheets_schema.roadmap import default_rows as roadmap_rows
from sheets_schema.tables import ALL_TABLES, BOOL, CATALOG, CHOICE, LISTS_TABLE, MULTI, ROADMAP, Column, Table
from sheets_schema.templates import default_catalog_rows

Grid = list[list[str]]

# What versions after the first released layout (commit 71972fd) added — a column or tab added
# to `sheets_schema.tables` later is listed here too (tests/test_upgrade.py checks it).
LATER_TABS: frozenset[str] = frozenset({"ingest", "catalog", "self_assessment", "diary", "practices"})
LATER_COLUMNS: dict[str, frozenset[str]] = {
    "mentees": frozenset({"education"}),  # issue 18: the programme's participants
    "mentors": frozenset({"education"}),
    "roadmap": frozenset({"code", "public"}),
    "monitoring": frozenset({"partner_email", "message"}),
    "pairs": frozenset({"end_reason"}),  # issue 19: why a pair ended early
}
# Issue 19 (the plan ticked off): «План мероприятий» and the plan's progress on «Пары»
LATER_TABS = LATER_TABS | {"plan"}
LATER_COLUMNS["pairs"] = LATER_COLUMNS.get("pairs", frozenset()) | {"plan_progress", "plan_behind"}
# issue 19: mentor training (jobs/training.py) and the mentors' certificates (jobs/certificates.py)
LATER_TABS = LATER_TABS | {"training"}
LATER_COLUMNS["mentors"] = LATER_COLUMNS.get("mentors", frozenset()) | {"training_hours"}
LATER_COLUMNS["pairs"] = LATER_COLUMNS.get("pairs", frozenset()) | {"certificate"}
# issue 19: the mentor's final report (jobs/mentor_report.py)
LATER_TABS = LATER_TABS | {"mentor_reports"}
# issue 20: network mentoring across the schools of a municipality (jobs/municipal/network.py)
LATER_COLUMNS["mentors"] = LATER_COLUMNS["mentors"] | {"network_ready"}
LATER_COLUMNS["proposals"] = LATER_COLUMNS.get("proposals", frozenset()) | {
    "mentor_school", "mentee_school", "partner_approval"}
LATER_COLUMNS["pairs"] = LATER_COLUMNS["pairs"] | {"partner_school"}


def addable_tab(table: Table) -> bool:
    """A missing tab the upgrade creates: one a later version added, or one jobs write whole."""
    return table.key in LATER_TABS or table.service


def addable_column(table: Table, column: Column) -> bool:
    """A missing column the upgrade adds: one a later version added, or any of a jobs' tab."""
    return column.key in LATER_COLUMNS.get(table.key, frozenset()) or table.service


@dataclass(frozen=True)
class NewTab:
    """A tab to add whole: header and starting rows; placed after `after` (None: first)."""

    table: Table
    rows: tuple[Mapping[str, str], ...]
    after: str | None


@dataclass(frozen=True)
class NewColumn:
    """A header cell to add: tab (as titled in the workspace), sheet row, 0-based column."""

    table: Table
    column: Column
    tab: str
    header_row: int
    col: int
    dropdown: str = ""  # the A1 range of its choice list, "" when it has none
    rows: int = 0  # how many rows the tab holds now (its dropdown reaches past them)


@dataclass(frozen=True)
class ListValues:
    """Values a choice list lacks, written in «Списки» from sheet row `first_row` down (with the
    header in row 1 when the whole list column is new)."""

    key: str
    tab: str
    col: int
    first_row: int
    values: tuple[str, ...]
    new_column: bool = False


@dataclass(frozen=True)
class ListGrowth:
    """A list column of «Списки» that ends lower than before: dropdowns covering it from row 2
    to an earlier row now cover rows 2..`last_row`."""

    key: str
    letter: str
    last_row: int


@dataclass
class UpgradePlan:
    tabs: list[NewTab] = field(default_factory=list)
    columns: list[NewColumn] = field(default_factory=list)
    lists: list[ListValues] = field(default_factory=list)
    growth: list[ListGrowth] = field(default_factory=list)
    list_ranges: dict[str, str] = field(default_factory=dict)  # list key → its A1 range here
    lists_tab: str = ""  # the title of «Списки» as the workspace spells it
    skipped: list[str] = field(default_factory=list)  # tabs that could not be upgraded, why

    def __bool__(self) -> bool:
        return bool(self.tabs or self.columns or self.lists)

    def lines(self, would: bool = False) -> list[str]:
        """One Russian line per addition: done, or (`would`) to be done."""
        t = {k.removesuffix("_would"): v for k, v in ru.UPGRADE.items() if k.endswith("_would")} if would \
            else ru.UPGRADE
        out = [t["tab_added"].format(tab=n.table.title, rows=len(n.rows)) if n.rows else
               t["tab_added_empty"].format(tab=n.table.title) for n in self.tabs]
        out += [t["column_added"].format(tab=c.tab, column=c.column.header, letter=column_letter(c.col))
                for c in self.columns]
        out += [t["list_values_added"].format(
            list=ru.LIST_TITLES.get(v.key, v.key), tab=v.tab, values=", ".join(f"«{x}»" for x in v.values))
            for v in self.lists]
        return out


def starting_rows(table: Table, today: dt.date) -> list[dict[str, str]]:
    """The rows `init` puts on a new tab (the roadmap, the catalog, the lists; else none)."""
    if table is LISTS_TABLE:
        return lists_rows()
    if table is ROADMAP:
        return roadmap_rows(today)
    if table is CATALOG:
        return default_catalog_rows()
    return []


def used_width(grid: Grid) -> int:
    """How many columns a tab uses: up to its last cell holding anything, in any row."""
    width = 0
    for row in grid:
        for i in range(len(row) - 1, width - 1, -1):
            if str(row[i] if row[i] is not None else "").strip():
                width = i + 1
                break
    return width


def _last_filled(grid: Grid, col: int) -> int:
    """The sheet row of the last cell holding anything in column `col` (0 when none)."""
    for r in range(len(grid), 0, -1):
        row = grid[r - 1]
        if col < len(row) and str(row[col] if row[col] is not None else "").strip():
            return r
    return 0


def _range_at(tab: str, col: int, last_row: int) -> str:
    letter = column_letter(col)
    quoted = "'" + tab.replace("'", "''") + "'"
    return f"{quoted}!${letter}$2:${letter}${max(last_row, 2)}"


def plan_upgrade(grids: Mapping[str, Grid | None], today: dt.date | None = None) -> UpgradePlan:
    """The additions that bring the tabs `grids` (tab title → grid, None: missing; every tab of
    `ALL_TABLES` asked) up to this version (see the module docstring)."""
    today = today or dt.date.today()
    by_title = {normalise_header(t): g for t, g in grids.items()}
    titles = {normalise_header(t): t for t, g in grids.items() if g is not None}
    plan = UpgradePlan()
    _plan_lists(plan, by_title.get(normalise_header(LISTS_TABLE.title)),
                titles.get(normalise_header(LISTS_TABLE.title), LISTS_TABLE.title))
    previous: str | None = None
    for table in ALL_TABLES:
        key = normalise_header(table.title)
        grid = by_title.get(key)
        if grid is None:
            if addable_tab(table):
                plan.tabs.append(NewTab(table, tuple(starting_rows(table, today)), previous))
                previous = table.title
            continue
        previous = titles[key]
        if table is not LISTS_TABLE:
            _plan_columns(plan, table, titles[key], grid)
    return plan


def _plan_columns(plan: UpgradePlan, table: Table, tab: str, grid: Grid) -> None:
    search = find_header(table, grid)
    if search.row is None and any(any(str(c).strip() for c in row) for row in grid):
        plan.skipped.append(ru.UPGRADE["header_not_found"].format(tab=tab))
        return
    header_row = search.row or HEADER_ROW
    header = [normalise_header(c) for c in grid[header_row - 1]] if len(grid) >= header_row else []
    next_col = used_width(grid)
    for column in table.columns:
        if any(normalise_header(h) in header for h in header_texts(column)) or not addable_column(table, column):
            continue
        dropdown = ""
        if column.kind in (CHOICE, BOOL, MULTI) and column.choices:
            dropdown = plan.list_ranges.get(column.choices, "")
        plan.columns.append(NewColumn(table, column, tab, header_row, next_col, dropdown, rows=len(grid)))
        next_col += 1


def _plan_lists(plan: UpgradePlan, grid: Grid | None, tab: str) -> None:
    """Values and list columns «Списки» lacks; the range of every list as it will be."""
    plan.lists_tab = tab
    if grid is None:  # the whole tab is added as a new workspace has it
        plan.list_ranges = {key: list_range(key) for key in ru.LISTS}
        return
    header = [normalise_header(c) for c in grid[0]] if grid else []
    next_col = used_width(grid)
    for key, values in ru.LISTS.items():
        title = ru.HEADERS[f"list_{key}"]
        if normalise_header(title) in header:
            col = header.index(normalise_header(title))
            last = max(_last_filled(grid, col), 1)
            present = {normalise_header(row[col]) for row in grid[1:] if col < len(row) and row[col]}
            missing = tuple(v for v in values if normalise_header(v) not in present)
            if missing:
                plan.lists.append(ListValues(key, tab, col, last + 1, missing))
                plan.growth.append(ListGrowth(key, column_letter(col), last + len(missing)))
            plan.list_ranges[key] = _range_at(tab, col, last + len(missing))
        else:
            col, next_col = next_col, next_col + 1
            plan.lists.append(ListValues(key, tab, col, 2, tuple(values), new_column=True))
            plan.list_ranges[key] = _range_at(tab, col, len(values) + 1)


# A dropdown's list range: ='Списки'!$B$2:$B$20, Списки!B2:B20 (Excel's x14 form has no "=").
_FORMULA = re.compile(r"^(=?)('(?:[^']|'')+'|[^'!]+)!\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$")


def grown_formula(formula: str, lists_tab: str, growth: list[ListGrowth]) -> str | None:
    """The dropdown formula stretched to a grown list column, or None when it refers to no
    grown list (another tab, another column, not from row 2, or already long enough)."""
    m = _FORMULA.match(formula.strip())
    if not m:
        return None
    eq, tab, first, start, last, end = m.groups()
    if tab.startswith("'"):
        tab = tab[1:-1].replace("''", "'")
    if normalise_header(tab) != normalise_header(lists_tab) or first != last or int(start) != 2:
        return None
    grow = next((g for g in growth if g.letter == first), None)
    if grow is None or int(end) >= grow.last_row:
        return None
    quoted = "'" + tab.replace("'", "''") + "'"
    return f"{eq}{quoted}!${first}$2:${first}${grow.last_row}"


def dropdown_rows(header_row: int, rows: int = 0) -> tuple[int, int]:
    """Sheet rows (1-based, inclusive) a new column's dropdown covers: below the header, to
    `VALIDATED_ROWS` or 1000 rows past the tab's last, as a new workspace's."""
    return header_row + 1, max(VALIDATED_ROWS, rows + 1000 if rows else 0)
