"""From a tab's raw grid of cell texts to a table the jobs can use, and back to cell positions.

Both backends hand this module the same thing — a list of rows of strings, from the sheet's
row 1, as the sheet shows them — so every rule about finding the header and the columns, merged
cells, comment rows, skipping blank rows and locating a row again at write time lives here once.

What staff make of a tab, and how it is read:

- the header is the first row among the first `HEADER_SEARCH_ROWS` that holds every required
  column, else the one holding most of them if more than half (`find_header`); a title row
  above it is ignored, and said so once (`TableData.notes`); row numbers stay the sheet's own;
- a cell merged down several rows (a subject grouping its teachers) gives its value to every row
  of the merge, in staff- and form-owned columns; service columns are never filled, so a merged
  «Статус» reads as it will be written: row by row;
- a comment row — one filled cell (outside the service columns) starting with one of
  `COMMENT_MARKERS` — is skipped: not validated, never written (not in a tab the jobs write
  whole, such as «Списки», whose rows often have one cell);
- a formula the file holds no computed value for arrives as an `UncomputedFormula` and is
  reported on its row (`TableData.uncomputed`), never parsed as if it were a value;
- hidden and filtered-out rows are rows like any other.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import AbstractSet, Iterable

import pandas as pd

from sheets_schema import ru
from sheets_schema.tables import SERVICE, Column, Table

HEADER_ROW = 1  # sheet row number of the header in a tab made by nastavnik
HEADER_SEARCH_ROWS = 10  # the header is looked for in this many first rows of a tab
# A cell starting with one of these makes a comment row (when it is the row's only filled cell):
# «# …», «// …», «-- …» (and so «--- ниже: наставники из филиала…»). A lone «-» is not one.
COMMENT_MARKERS = ("#", "//", "--")


class UncomputedFormula(str):
    """The text of a formula cell the file holds no computed value for (written by a tool that
    does not calculate). A backend puts it in a grid instead of the value; being its own type,
    it cannot be confused with a cell whose real value looks the same (e.g. «=2026-1998» typed
    as text)."""


@dataclass(frozen=True)
class Merge:
    """A merged range of a tab: sheet rows (1-based, inclusive), columns (0-based, inclusive)."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int


class SheetGrid(list[list[str]]):
    """A tab's rows of cell texts (a plain list of lists, as compared and indexed everywhere)
    together with its merged ranges, which the texts alone do not show."""

    def __init__(self, rows: Iterable[list[str]] = (), merges: Iterable[Merge] = ()) -> None:
        super().__init__(rows)
        self.merges: tuple[Merge, ...] = tuple(merges)


def normalise_header(text: object) -> str:
    """Header text as compared: case, surrounding/double spaces, ё/е and NBSP do not matter."""
    s = unicodedata.normalize("NFC", str(text or ""))
    s = s.replace("\u00a0", " ").replace("ё", "е").replace("Ё", "Е")
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return s.rstrip(":").strip()


def column_letter(index: int) -> str:
    """0-based column index → A1 letters (0 → A, 26 → AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class StructureProblem:
    """A tab that cannot be processed as it stands (missing tab, missing or duplicated column)."""

    tab: str
    message: str


@dataclass(frozen=True)
class RowRef:
    """How a row read earlier is found again at write time.

    ``fingerprint`` covers every staff- and form-owned cell of the row: a row whose content
    changed since it was read is not written to (its status would be stale).
    """

    table: str
    key: str | None
    fingerprint: str
    row_at_read: int
    # Two rows may hold the same key and staff cells (a mentee's own proposal and a network one,
    # both «предложено»): the app's own cells then tell them apart, and `twin` is the row's place
    # among the rows equal in all three, so that a write never lands on its twin (`locate`).
    service: str = ""
    twin: int = 0


@dataclass
class TableData:
    """One tab as read: raw cell texts by column key, indexed by sheet row number."""

    table: Table
    positions: dict[str, int]  # column key → 0-based column index in the sheet
    width: int  # number of header cells
    frame: pd.DataFrame  # columns: keys of the schema columns present; index: sheet row number
    refs: dict[int, RowRef] = field(default_factory=dict)
    problems: list[StructureProblem] = field(default_factory=list)
    last_row: int = HEADER_ROW  # last sheet row that holds anything
    # Rows whose content was cleared but whose service cells still hold something (an old
    # status): row number → {service column key: text}. Jobs clear them.
    stale: dict[int, dict[str, str]] = field(default_factory=dict)
    header_row: int = HEADER_ROW  # sheet row the header was found in
    # Cells holding a formula without a computed value: row → keys of those columns.
    uncomputed: dict[int, frozenset[str]] = field(default_factory=dict)
    comments: list[int] = field(default_factory=list)  # comment rows, skipped
    notes: list[str] = field(default_factory=list)  # how the tab was read, said once per run

    @property
    def ok(self) -> bool:
        return not self.problems

    @cached_property
    def records(self) -> dict[int, dict[str, str]]:
        """Row number → {column key: cell text}; fast access for per-cell loops."""
        return self.frame.to_dict("index")

    def value(self, row: int, key: str) -> str:
        return (self.records.get(row) or self.stale.get(row) or {}).get(key, "")


def missing_tab(table: Table) -> TableData:
    """The TableData of a tab that does not exist."""
    return TableData(
        table=table,
        positions={},
        width=0,
        frame=pd.DataFrame(columns=[c.key for c in table.columns], dtype=object),
        problems=[StructureProblem(table.title, ru.TEXT["missing_tab"].format(tab=table.title))],
    )


def _needed(column: Column) -> bool:
    return column.required or (column.owner == SERVICE and not column.optional)


def header_texts(column: Column) -> tuple[str, ...]:
    """The headers a column is found by: its current one first, then those earlier versions gave
    it (`ru.OLD_HEADERS`), so a workspace made before a header was renamed is still read."""
    return (column.header, *ru.OLD_HEADERS.get(column.key, ()))


def _positions_of(column: Column, by_text: dict[str, list[int]]) -> list[int]:
    """Where `column`'s header is: under its current header, else under its first old one found."""
    for text in header_texts(column):
        found = by_text.get(normalise_header(text), [])
        if found:
            return found
    return []


def find_columns(table: Table, header: list[str], header_row: int = HEADER_ROW
                 ) -> tuple[dict[str, int], list[StructureProblem]]:
    """Map schema column keys to positions by header text; report missing and duplicated ones
    (a missing one is to be put back in `header_row`, the row the header was found in)."""
    by_text: dict[str, list[int]] = {}
    for i, text in enumerate(header):
        norm = normalise_header(text)
        if norm:
            by_text.setdefault(norm, []).append(i)
    positions: dict[str, int] = {}
    problems: list[StructureProblem] = []
    for col in table.columns:
        found = _positions_of(col, by_text)
        if len(found) > 1:
            letters = ", ".join(column_letter(i) for i in found)
            problems.append(
                StructureProblem(
                    table.title,
                    ru.TEXT["duplicate_header"].format(tab=table.title, column=col.header, letters=letters),
                )
            )
        elif found:
            positions[col.key] = found[0]
        elif _needed(col):
            problems.append(
                StructureProblem(
                    table.title,
                    ru.TEXT["missing_column"].format(tab=table.title, column=col.header) if header_row == HEADER_ROW
                    else ru.TEXT["missing_column_in_row"].format(tab=table.title, column=col.header, row=header_row),
                )
            )
    return positions, problems


def fingerprint(values: list[str]) -> str:
    return hashlib.sha1("\x1f".join(values).encode("utf-8")).hexdigest()[:16]


def key_value(table: Table, raw: str) -> str | None:
    """The normalised key of a row (e-mails are trimmed and lower-cased); None when blank."""
    s = str(raw or "").strip()
    if not s:
        return None
    return s.casefold() if table.key_column and table.column(table.key_column).kind == "email" else s


@dataclass(frozen=True)
class HeaderSearch:
    """Where a tab's header row is: ``row`` (None: not found), or the nearest row seen and what
    it lacks."""

    row: int | None
    nearest: int
    missing: tuple[str, ...]  # headers of needed columns the nearest row lacks
    searched: int  # how many first rows were looked at


def find_header(table: Table, grid: list[list[str]], depth: int = HEADER_SEARCH_ROWS) -> HeaderSearch:
    """The header row of a tab: the first of its first `depth` rows holding every needed column
    (required or service). Failing that, the row holding the most of them counts as the header
    when it holds more than half (a renamed column is then reported by `find_columns`, one line
    per column); otherwise there is no header, and the nearest row is given."""
    needed = [c for c in table.columns if _needed(c)]
    searched = max(1, min(depth, len(grid)))
    best, best_found = HEADER_ROW, -1
    missing = tuple(c.header for c in needed)
    for i, cells in enumerate(grid[:searched]):
        texts = {normalise_header(c) for c in cells}
        found = [c for c in needed if any(normalise_header(h) in texts for h in header_texts(c))]
        if len(found) == len(needed):
            return HeaderSearch(i + 1, i + 1, (), searched)
        if len(found) > best_found:
            best, best_found = i + 1, len(found)
            missing = tuple(c.header for c in needed if c not in found)
    row = best if 2 * best_found > len(needed) else None
    return HeaderSearch(row, best, missing, searched)


def _rows_searched(count: int) -> str:
    return ru.TEXT["header_rows_one"] if count == 1 else ru.TEXT["header_rows_many"].format(last=count)


def header_not_found(table: Table, search: HeaderSearch) -> StructureProblem:
    """One line for a tab whose header row is nowhere: rows searched, what was expected."""
    missing = ", ".join(f"«{h}»" for h in search.missing)
    key = "header_not_found" if len(search.missing) == len([c for c in table.columns if _needed(c)]) \
        else "header_not_found_nearest"
    return StructureProblem(table.title, ru.TEXT[key].format(
        tab=table.title, rows=_rows_searched(search.searched), row=search.nearest, missing=missing))


def header_note(table: Table, row: int) -> str:
    """The note for a header found below row 1: where, and that the rows above are ignored."""
    above = ru.TEXT["header_above_one"] if row == 2 else ru.TEXT["header_above_many"].format(last=row - 1)
    return ru.TEXT["header_found_below"].format(tab=table.title, row=row, above=above)


def is_comment(cells: list[str], skip: AbstractSet[int] = frozenset()) -> bool:
    """A comment row: exactly one filled cell (outside the columns in `skip`), starting with one
    of `COMMENT_MARKERS`."""
    first = None
    for i, v in enumerate(cells):
        if v is None or i in skip:
            continue
        text = str(v).strip()
        if text:
            if first is not None:  # a second filled cell: data (most rows stop here, early)
                return False
            first = text
    return first is not None and first.startswith(COMMENT_MARKERS)


def fill_merges(rows: dict[int, list], merges: tuple[Merge, ...], columns: set[int], below: int) -> None:
    """Give every row of a merge running down rows the merge's value, in `columns` only and for
    merges starting below row `below` (the header). `rows` maps sheet row → cells; changed in place."""
    for m in merges:
        if m.first_row <= below or m.first_col not in columns or m.first_row not in rows:
            continue
        anchor = rows[m.first_row]
        value = anchor[m.first_col] if m.first_col < len(anchor) else ""
        for r in range(m.first_row + 1, m.last_row + 1):
            if r not in rows:
                continue
            cells = rows[r] = list(rows[r])  # a copy: the backend's grid stays as it was read
            if m.first_col >= len(cells):
                cells.extend([""] * (m.first_col + 1 - len(cells)))
            cells[m.first_col] = value


def read_grid(table: Table, grid: list[list[str]]) -> TableData:
    """Parse a tab's grid (from the sheet's row 1; a `SheetGrid` also carries its merges) into a
    TableData. The header is found by `find_header`; rows keep the sheet's numbers.

    Rows whose staff/form cells are all blank are skipped (blank rows between data are normal),
    and so are comment rows (`is_comment`).
    """
    search = find_header(table, grid)
    if search.row is None:
        return TableData(table=table, positions={}, width=0,
                         frame=pd.DataFrame(columns=[c.key for c in table.columns], dtype=object),
                         problems=[header_not_found(table, search)], header_row=search.nearest,
                         last_row=len(grid))
    header_row = search.row
    header = [str(c) for c in grid[header_row - 1]]
    positions, problems = find_columns(table, header, header_row)
    present = [c for c in table.columns if c.key in positions]
    content_cols = [c for c in present if c.owner != SERVICE] or present
    service_cols = [c for c in present if c.owner == SERVICE and c not in content_cols]
    service_at = {positions[c.key] for c in service_cols}
    records: dict[int, dict[str, str]] = {}
    refs: dict[int, RowRef] = {}
    stale: dict[int, dict[str, str]] = {}
    uncomputed: dict[int, frozenset[str]] = {}
    comments: list[int] = []
    last_row = header_row
    rows: dict[int, list] = {}
    for row_no, cells in enumerate(grid[header_row:], start=header_row + 1):
        if any(str(v).strip() for v in cells if v is not None):
            last_row = row_no
        if not table.service and is_comment(cells, service_at):  # a tab jobs write whole has none
            comments.append(row_no)
        else:
            rows[row_no] = cells
    fill_merges(rows, getattr(grid, "merges", ()), {positions[c.key] for c in content_cols} - service_at, header_row)
    keys = [c.key for c in present]
    at = [positions[k] for k in keys]
    content_at = [keys.index(c.key) for c in content_cols]
    service_idx = [keys.index(c.key) for c in service_cols]
    key_at = keys.index(table.key_column) if table.key_column in positions else None
    seen: dict[tuple[str | None, str, str], int] = {}  # rows equal in key, staff and service cells so far
    for row_no, cells in rows.items():
        width = len(cells)
        raw = [cells[i] if i < width and cells[i] is not None else "" for i in at]
        texts = [v if type(v) is str else str(v) for v in raw]
        content = [texts[i] for i in content_at]
        if not any(v.strip() for v in content):
            leftovers = [texts[i] for i in service_idx]
            if any(v.strip() for v in leftovers):
                stale[row_no] = dict(zip([c.key for c in service_cols], leftovers))
                refs[row_no] = RowRef(table.key, None, "stale:" + fingerprint(leftovers), row_no)
            continue
        records[row_no] = dict(zip(keys, texts))
        if any(isinstance(v, UncomputedFormula) for v in raw):
            uncomputed[row_no] = frozenset(k for k, v in zip(keys, raw) if isinstance(v, UncomputedFormula))
        key = key_value(table, texts[key_at] if key_at is not None else "") if table.key_column else None
        ident = (key, fingerprint(content), fingerprint([texts[i] for i in service_idx]) if service_idx else "")
        twin = seen.get(ident, 0)
        seen[ident] = twin + 1
        refs[row_no] = RowRef(table.key, key, ident[1], row_no, ident[2], twin)
    frame = pd.DataFrame.from_dict(records, orient="index", columns=keys, dtype=object)
    frame.index.name = "row"
    data = TableData(
        table=table,
        positions=positions,
        width=len(header),
        frame=frame,
        refs=refs,
        problems=problems,
        last_row=last_row,
        stale=stale,
        header_row=header_row,
        uncomputed=uncomputed,
        comments=comments,
        notes=[header_note(table, header_row)] if header_row != HEADER_ROW else [],
    )
    data.__dict__["records"] = records  # what `TableData.records` would rebuild from the frame
    return data


def _cell(cells: list[str], index: int) -> str:
    return str(cells[index]) if index < len(cells) and cells[index] is not None else ""


def locate(refs: list[RowRef], now: TableData) -> dict[RowRef, int | None]:
    """Where each row read earlier is now, by content; None when it was deleted or edited.

    A row is matched on its key too (a tab whose key lies in a service column, such as «ID пары»
    of «Пары», has rows whose staff cells are the same). Rows with the same key and staff cells
    (a mentee's own proposal and a network one) are told apart by the app's own cells, and rows
    equal in those too by their order (`RowRef.twin`): a row inserted or deleted above them,
    or a write asked for only one of them, never sends a write to its twin. A ref whose app cells
    changed since (not by this run: it holds the lease) falls back to the first free row with its
    key and staff cells.
    """
    exact: dict[tuple[str | None, str, str], list[int]] = {}
    loose: dict[tuple[str | None, str], list[int]] = {}
    for row, ref in sorted(now.refs.items()):
        exact.setdefault((ref.key, ref.fingerprint, ref.service), []).append(row)
        loose.setdefault((ref.key, ref.fingerprint), []).append(row)
    used: set[int] = set()
    result: dict[RowRef, int | None] = {}
    ordered = sorted(refs, key=lambda r: r.row_at_read)
    for ref in ordered:  # first every ref whose row is found exactly
        rows = exact.get((ref.key, ref.fingerprint, ref.service), [])
        if ref.twin < len(rows) and rows[ref.twin] not in used:
            result[ref] = rows[ref.twin]
            used.add(rows[ref.twin])
    for ref in ordered:
        if ref not in result:
            free = next((r for r in loose.get((ref.key, ref.fingerprint), []) if r not in used), None)
            result[ref] = free
            if free is not None:
                used.add(free)
    return result
