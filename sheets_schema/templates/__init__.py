"""The default document templates, their placeholders, and the default «Каталог мероприятий».

Pure data. A template is a list of blocks (paragraphs and tables) with placeholders ``{{name}}``;
a table whose second row holds ``{{item.field}}`` placeholders is repeated once per row of a
list (``pairs``, ``plan``…). Each backend turns the same blocks into its own format: a .docx for
docxtpl (the repeated row between ``{%tr for item in list %}`` and ``{%tr endfor %}`` rows), or a
Google Doc (the repeated row as is). The school edits the placed templates freely; before any
document is made, `jobs.documents.check` compares a template's placeholders with `TemplateSpec`.
"""
from __future__ import annotations

from sheets_schema.templates.base import (
    ANY_TAG, NAME, PLACEHOLDER, ROW_END, ROW_LOOP, Block, Fill, Image, P, Paragraph, RowTable, TemplateSpec,
    placeholders, safe_value, shown, substitute,
)
from sheets_schema.templates.addendum import ADDENDUM
from sheets_schema.templates.certificate import CERTIFICATE
from sheets_schema.templates.catalog import CATALOG_ROWS, GENERAL, TASKS, default_catalog_rows
from sheets_schema.templates.orders import CURRENT_MARKERS as ORDER_MARKERS, HEADER, ORDER_IMPLEMENTATION, ORDER_PAIRS, SIGNATURE
from sheets_schema.templates.programme import PROGRAMME
from sheets_schema.templates.regulation import REGULATION
from sheets_schema.templates.report import CURRENT_MARKERS as REPORT_MARKERS, REPORT

# Every document kind, in the order `init` places their templates.
TEMPLATES: tuple[TemplateSpec, ...] = (ORDER_PAIRS, ORDER_IMPLEMENTATION, PROGRAMME, REPORT, REGULATION, ADDENDUM,
                                      CERTIFICATE)

# The placeholders a kind's template has had since its last wording change: a placed template
# with none of them was made by an earlier version (`jobs.orders.prepare_templates` says so).
CURRENT_MARKERS: dict[str, frozenset[str]] = {**ORDER_MARKERS, **REPORT_MARKERS}


def template(key: str) -> TemplateSpec:
    for spec in TEMPLATES:
        if spec.key == key:
            return spec
    raise KeyError(key)


__all__ = [
    "ADDENDUM", "CERTIFICATE", "REGULATION",
    "ANY_TAG", "Block", "CATALOG_ROWS", "CURRENT_MARKERS", "Fill", "GENERAL", "HEADER", "Image", "NAME", "ORDER_IMPLEMENTATION",
    "ORDER_PAIRS", "P", "PLACEHOLDER", "PROGRAMME", "Paragraph", "REPORT", "ROW_END", "ROW_LOOP", "RowTable",
    "SIGNATURE", "TASKS", "TEMPLATES", "TemplateSpec", "default_catalog_rows", "placeholders", "safe_value",
    "shown", "substitute", "template",
]
