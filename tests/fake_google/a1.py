"""A1 notation: parse ``'Наставники'!A1:Z`` into grid bounds and print normalised ranges."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidArgument

_CELL_RE = re.compile(r"^([A-Za-z]{0,3})(\d*)$")
_PLAIN_TITLE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Bounds:
    """Zero-based, half-open grid bounds; None means unbounded on that side."""

    start_row: int | None = None
    end_row: int | None = None
    start_col: int | None = None
    end_col: int | None = None


@dataclass(frozen=True)
class A1Range:
    sheet_title: str | None  # None: the first sheet
    bounds: Bounds | None  # None: the whole sheet


def col_to_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def index_to_col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell(text: str) -> tuple[int | None, int | None] | None:
    m = _CELL_RE.match(text)
    if not m or not (m.group(1) or m.group(2)):
        return None
    col = col_to_index(m.group(1)) if m.group(1) else None
    row = int(m.group(2)) - 1 if m.group(2) else None
    if row is not None and row < 0:
        return None
    return row, col


def parse_bounds(text: str) -> Bounds | None:
    """``A1:B2``, ``A:B``, ``2:3``, ``A5:B``, ``B3`` → Bounds; None if not a cell range."""
    parts = text.split(":")
    if len(parts) > 2:
        return None
    first = _cell(parts[0])
    if first is None:
        return None
    if len(parts) == 1:
        row, col = first
        if row is None or col is None:
            return None
        return Bounds(row, row + 1, col, col + 1)
    second = _cell(parts[1])
    if second is None:
        return None
    (r1, c1), (r2, c2) = first, second
    if (c1 is None) != (c2 is None) and r1 is None:
        return None
    start_row, end_row = r1, (r2 + 1 if r2 is not None else None)
    start_col, end_col = c1, (c2 + 1 if c2 is not None else None)
    if start_row is not None and end_row is not None and start_row >= end_row:
        start_row, end_row = end_row - 1, start_row + 1
    if start_col is not None and end_col is not None and start_col >= end_col:
        start_col, end_col = end_col - 1, start_col + 1
    if r1 is None and r2 is not None:  # "A:B5" is not valid
        return None
    if start_row is not None and c1 is None and c2 is None:
        return Bounds(start_row, end_row, None, None)
    if start_row is None and end_row is None:
        return Bounds(None, None, start_col, end_col)
    return Bounds(start_row or 0, end_row, start_col or 0, end_col)


def parse_a1(text: str, sheet_titles: list[str]) -> A1Range:
    """Parse a range as Google does; raise 400 ``Unable to parse range`` when it cannot."""
    text = text.strip()
    if text.startswith("'"):
        i, title = 1, ""
        while True:
            j = text.find("'", i)
            if j < 0:
                raise InvalidArgument(f"Unable to parse range: {text}")
            if text[j + 1:j + 2] == "'":
                title += text[i:j] + "'"
                i = j + 2
                continue
            title += text[i:j]
            rest = text[j + 1:]
            break
        if not rest:
            return A1Range(title, None)
        if not rest.startswith("!"):
            raise InvalidArgument(f"Unable to parse range: {text}")
        bounds = parse_bounds(rest[1:])
        if bounds is None:
            raise InvalidArgument(f"Unable to parse range: {text}")
        return A1Range(title, bounds)
    if "!" in text:
        title, _, rest = text.rpartition("!")
        bounds = parse_bounds(rest)
        if bounds is None:
            raise InvalidArgument(f"Unable to parse range: {text}")
        return A1Range(title, bounds)
    if text in sheet_titles:
        return A1Range(text, None)
    bounds = parse_bounds(text)
    if bounds is None:
        raise InvalidArgument(f"Unable to parse range: {text}")
    return A1Range(None, bounds)


def quote_title(title: str) -> str:
    """A sheet title as it appears in ranges Google returns."""
    if _PLAIN_TITLE_RE.match(title) and parse_bounds(title) is None:
        return title
    return "'" + title.replace("'", "''") + "'"


def format_range(title: str, start_row: int, end_row: int, start_col: int, end_col: int) -> str:
    """``'Title'!A1:Z1000`` (a single cell prints as ``'Title'!A1``)."""
    first = f"{index_to_col(start_col)}{start_row + 1}"
    last = f"{index_to_col(end_col - 1)}{end_row}"
    cells = first if (end_row - start_row == 1 and end_col - start_col == 1) else f"{first}:{last}"
    return f"{quote_title(title)}!{cells}"
