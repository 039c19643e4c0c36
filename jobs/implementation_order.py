"""`implementation_order`: the order «О реализации целевой модели наставничества» once per school
year, with the Положение о наставничестве (appendix 1, its own document, made from the settings)
and the roadmap (appendix 2) — made with the templates and the run's end of `jobs.orders`.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from sheets_schema import ru
from sheets_schema.rules import Limits
from sheets_schema.tables import LOG, ROADMAP
from sheets_schema.templates import ORDER_IMPLEMENTATION, REGULATION
from sync.workspace import ChangeSet, DocumentStore, Workspace
from jobs.config import MatchingSettings, School
from jobs.documents.fill import implementation_key, regulation_key, school_year
from jobs.documents.order_fill import RegulationFacts, implementation_fill, regulation_fill
from jobs.documents.settings import DocumentSettings
from jobs.documents.texts import ru_text
from jobs.orders import OrdersResult, config_notes, finish_run, prepare_templates


def implementation_order(
    workspace: Workspace,
    school: School,
    settings: DocumentSettings = DocumentSettings(),
    *,
    dry_run: bool = False,
    limits: Limits = Limits(),
    matching: MatchingSettings | None = None,
    now: dt.datetime | None = None,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    store: DocumentStore | None = None,
) -> OrdersResult:
    """The order «О реализации целевой модели наставничества» of this school year, made once,
    with its appendix 1 — the Положение о наставничестве (`REGULATION`) — as its own document,
    made first and once (keyed ``regulation:<year>``). A workspace whose order was made by an
    earlier version gets the Положение on the next run. The Положение states `limits`
    (capacities) and `matching` (minimum experience, gap, group size) as the tool applies them."""
    started = now or clock()
    today = started.date()
    result = OrdersResult(started=started, finished=started, dry_run=dry_run)
    tables = workspace.read([ROADMAP, LOG])
    roadmap = list(tables[ROADMAP.key].records.values()) if tables[ROADMAP.key].ok else []
    store = store or workspace.documents(settings.store_settings())
    prepare_templates(store, (REGULATION, ORDER_IMPLEMENTATION), dry_run, result.notes)
    key = implementation_key(today)
    year = school_year(today)
    existing = store.existing()
    found = existing.get(key)
    found_regulation = existing.get(regulation_key(today))
    if dry_run:
        if found is not None:
            result.notes.append(ru_text(ru.DOCUMENTS, "implementation_found").format(year=year, link=found.link))
            if found_regulation is None:
                result.notes.append(ru_text(ru.DOCUMENTS, "dry_regulation"))
        else:
            result.notes.append(ru_text(ru.DOCUMENTS, "dry_implementation").format(year=year))
        result.notes.append(ru_text(ru.DOCUMENTS, "dry_run"))
        return result
    result.notes += config_notes(school, settings)
    if found_regulation is None:
        m = matching or MatchingSettings.default()
        facts = RegulationFacts(min_mentor_years=m.min_mentor_years, min_gap=m.min_gap,
                                capacity_min=limits.capacity_min, capacity_max=limits.capacity_max,
                                group_min_size=m.group_min_size, programme_months=settings.programme_months)
        result.regulation = store.create(
            REGULATION, f"{REGULATION.document} {year.replace('/', '-')}",
            regulation_fill(school, settings, today, facts, year=school.school_year), regulation_key(today))
        result.created.append(result.regulation)
        result.notes.append(ru_text(ru.DOCUMENTS, "regulation_created").format(link=result.regulation.link))
    else:
        result.regulation = found_regulation
        result.notes.append(ru_text(ru.DOCUMENTS, "regulation_found").format(link=found_regulation.link))
    if found is not None:
        result.order = found
        result.notes.append(ru_text(ru.DOCUMENTS, "implementation_found").format(year=year, link=found.link))
    else:
        doc = store.create(ORDER_IMPLEMENTATION, f"{ORDER_IMPLEMENTATION.document} {year.replace('/', '-')}",
                           implementation_fill(school, settings, today, roadmap, year=school.school_year), key)
        result.order = doc
        result.created.append(doc)
        result.notes.append(ru_text(ru.DOCUMENTS, "implementation_created").format(link=doc.link))
    result.notes += store.lines
    return finish_run(workspace, result, tables, ChangeSet(), clock, now)


__all__ = ["implementation_order"]
