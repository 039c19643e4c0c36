"""From a tab's raw grid of cell texts to a table the jobs can use, and back to cell positions.

Both backends hand this module the same thing — a list of rows of strings, header first, as the
sheet shows them — so every rule about finding columns, skipping blank rows and locating a row
again at write time lives here once.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from sheets_schema import ru
from sheets_schema.tables import SERVICE, Column, Table

HEADER_ROW = 1  # sheet row number of the header; data starts on the next row


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
    return column.required or column.owner == SERVICE


def find_columns(table: Table, header: list[str]) -> tuple[dict[str, int], list[StructureProblem]]:
    """Map schema column keys to positions by header text; report missing and duplicated ones."""
    by_text: dict[str, list[int]] = {}
    for i, text in enumerate(header):
        norm = normalise_header(text)
        if norm:
            by_text.setdefault(norm, []).append(i)
    positions: dict[str, int] = {}
    problems: list[StructureProblem] = []
    for col in table.columns:
        found = by_text.get(normalise_header(col.header), [])
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
                    table.title, ru.TEXT["missing_column"].format(tab=table.title, column=col.header)
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


def read_grid(table: Table, grid: list[list[str]]) -> TableData:
    """Parse a tab's grid (row 1 = header) into a TableData.

    Rows whose staff/form cells are all blank are skipped (blank rows between data are normal).
    """
    header = [str(c) for c in grid[0]] if grid else []
    positions, problems = find_columns(table, header)
    present = [c for c in table.columns if c.key in positions]
    content_cols = [c for c in present if c.owner != SERVICE] or present
    records: dict[int, dict[str, str]] = {}
    refs: dict[int, RowRef] = {}
    stale: dict[int, dict[str, str]] = {}
    service_cols = [c for c in present if c.owner == SERVICE and c not in content_cols]
    last_row = HEADER_ROW
    for offset, cells in enumerate(grid[1:]):
        row_no = HEADER_ROW + 1 + offset
        values = {c.key: _cell(cells, positions[c.key]) for c in present}
        if any(str(v).strip() for v in cells):
            last_row = row_no
        content = [values[c.key] for c in content_cols]
        if not any(v.strip() for v in content):
            leftovers = [values[c.key] for c in service_cols]
            if any(v.strip() for v in leftovers):
                stale[row_no] = {c.key: values[c.key] for c in service_cols}
                refs[row_no] = RowRef(table.key, None, "stale:" + fingerprint(leftovers), row_no)
            continue
        records[row_no] = values
        key = key_value(table, values.get(table.key_column, "")) if table.key_column else None
        refs[row_no] = RowRef(table.key, key, fingerprint(content), row_no)
    frame = pd.DataFrame.from_dict(records, orient="index", columns=[c.key for c in present], dtype=object)
    frame.index.name = "row"
    return TableData(
        table=table,
        positions=positions,
        width=len(header),
        frame=frame,
        refs=refs,
        problems=problems,
        last_row=last_row,
        stale=stale,
    )


def _cell(cells: list[str], index: int) -> str:
    return str(cells[index]) if index < len(cells) and cells[index] is not None else ""


def locate(refs: list[RowRef], now: TableData) -> dict[RowRef, int | None]:
    """Where each row read earlier is now, by content; None when it was deleted or edited.

    A row is matched on its key too (a tab whose key lies in a service column, such as «ID пары»
    of «Пары», has rows whose staff cells are the same). Identical rows (same key and
    fingerprint) are matched in sheet order, so each ref gets its own row.
    """
    by_fp: dict[tuple[str | None, str], list[int]] = {}
    for row, ref in sorted(now.refs.items()):
        by_fp.setdefault((ref.key, ref.fingerprint), []).append(row)
    taken: dict[tuple[str | None, str], int] = {}
    result: dict[RowRef, int | None] = {}
    for ref in sorted(refs, key=lambda r: r.row_at_read):
        ident = (ref.key, ref.fingerprint)
        rows = by_fp.get(ident, [])
        i = taken.get(ident, 0)
        result[ref] = rows[i] if i < len(rows) else None
        taken[ident] = i + 1
    return result
