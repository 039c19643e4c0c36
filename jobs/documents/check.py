"""Checking a template before any document is made from it.

Every placeholder of the template must be one its kind knows (a misspelt ``{{shool}}`` is named,
with the nearest known one), every required placeholder must be there, and each ``{{item.…}}``
must stand in the repeated row of its list. Errors are Russian sentences naming the template,
where it is, and the placeholder.
"""
from __future__ import annotations

import difflib
from typing import Iterable

from sheets_schema import ru
from sheets_schema.templates import NAME, TemplateSpec
from sync.workspace import TemplateError as TemplateError  # re-exported: raised by backends too
from sync.workspace import TemplateSource
from jobs.documents.texts import ru_text


def _braced(names: Iterable[str]) -> str:
    return ", ".join("{{" + n + "}}" for n in sorted(names))


def check_template(spec: TemplateSpec, source: TemplateSource) -> list[str]:
    """The problems of one template (empty when it can be used)."""
    d = ru.DOCUMENTS
    where = dict(template=spec.name, where=source.where)
    if source.problems:
        return list(source.problems)
    known = spec.known
    problems: list[str] = []
    found: set[str] = set()
    for name in dict.fromkeys(source.placeholders):
        if not NAME.match(name):
            problems.append(ru_text(d, "template_bad_name").format(text="{{" + name + "}}", **where))
        elif name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            hint = ru_text(d, "template_hint").format(suggestion=close[0]) if close else ""
            problems.append(ru_text(d, "template_unknown").format(name=name, hint=hint, allowed=_braced(known), **where))
        else:
            found.add(name)
    for text in dict.fromkeys(source.stray):
        problems.append(ru_text(d, "template_unclosed").format(text=text, **where))
    for name in sorted(spec.required - found):
        problems.append(ru_text(d, "template_missing").format(name=name, **where))
    rows = dict(source.rows)
    lists = spec.lists
    for item, rows_name in source.rows:
        if item not in lists or lists[item] != rows_name:
            problems.append(ru_text(d, "template_unknown").format(
                name=f"{item} in {rows_name}", hint="", allowed=_braced(known), **where))
    for name in sorted(n for n in found if "." in n):
        item = name.split(".", 1)[0]
        if rows.get(item) != lists.get(item):
            how = (ru_text(d, "template_row_google") if source.row_hint == "google" else ru_text(d, "template_row_docx")).format(
                item=item, rows=lists.get(item, item + "s"))
            problems.append(ru_text(d, "template_no_row").format(name=name, how=how, **where))
    return problems
