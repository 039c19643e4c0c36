"""Typed reads of the Russian text tables of `sheets_schema.ru`.

Some tables mix texts with word lists or sub-tables (``ru.DOCUMENTS["months"]``,
``ru.CONFIG["types"]``, ``ru.INGEST``…), so a type checker sees their values as
``Sequence[str]`` or ``Collection[str]``, not ``str``. `ru_text` and `ru_texts` read one entry and
check that it is what the caller formats or indexes: a text, or a table of texts.
"""
from __future__ import annotations

from typing import Mapping


def ru_text(table: Mapping[str, object], key: str) -> str:
    """``table[key]``, a text (a word list or a sub-table there is a bug: TypeError)."""
    value = table[key]
    if not isinstance(value, str):
        raise TypeError(f"text {key!r} is a {type(value).__name__}, not a str")
    return value


def ru_texts(table: Mapping[str, object], key: str) -> Mapping[str, str]:
    """``table[key]``, a sub-table of texts (``ru.CONFIG["types"]``)."""
    value = table[key]
    if not isinstance(value, Mapping):
        raise TypeError(f"text table {key!r} is a {type(value).__name__}, not a mapping")
    return value
