"""Dropdowns: the hidden «Списки» tab holds every choice list; dropdowns reference its ranges.

Shared by both backends, so a Google spreadsheet and a local workbook offer the same choices.
"""
from __future__ import annotations

from sheets_schema import ru
from sheets_schema.grid import column_letter

VALIDATED_ROWS = 2000  # dropdowns cover at least this many rows of a tab


def list_range(list_key: str) -> str:
    """The A1 range of a choice list on the hidden «Списки» tab, e.g. 'Списки'!$B$2:$B$20."""
    index = list(ru.LISTS).index(list_key)
    letter = column_letter(index)
    return f"'{ru.TABS['lists']}'!${letter}$2:${letter}${len(ru.LISTS[list_key]) + 1}"


def lists_rows() -> list[dict[str, str]]:
    """The rows of the hidden «Списки» tab: one column per choice list."""
    longest = max(len(v) for v in ru.LISTS.values())
    return [
        {f"list_{key}": (values[i] if i < len(values) else "") for key, values in ru.LISTS.items()}
        for i in range(longest)
    ]
