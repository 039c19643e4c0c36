"""`nastavnik programmes --refresh [--pair П-004]`: each programme's plan table made to read as
«План мероприятий» says now.

For every pair of «Пары» (or the one given) whose programme nastavnik made (the document of key
``programme:<pair>``), the rows below the header «№ | Мероприятие | Срок | Форма проведения |
Ответственный | Отметка о выполнении» of the document's plan table are rewritten from the pair's
rows of the tab, in the tab's order: №, event, «Срок», form, responsible, and the mark with its
date («выполнено 20.12.2026»). Only that table's rows change (`DocumentStore.refresh_table`): the
text staff typed elsewhere in the document is never touched; a table that already reads so is
not written (a rerun changes nothing). A pair with no row on the tab keeps its table as it is;
a document without the plan table (staff removed its header) is reported and left alone.

Exit codes: 0 done; 1 a tab that cannot be read, or a programme without its plan table; 2 a
``--pair`` that is no pair of «Пары».
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from sheets_schema import parsing, ru
from sheets_schema.tables import LOG, PAIRS, PLAN
from sheets_schema.templates import PROGRAMME
from sync.errors import EXIT_CONFIG, EXIT_OK, EXIT_STRUCTURE
from sync.workspace import ChangeSet, DocumentStore, StructureError, Workspace
from jobs.documents.fill import programme_key
from jobs.documents.texts import ru_text
from jobs.result import NO_COUNTS, Counts
from jobs.runlog import log_row


def plan_headers() -> tuple[str, ...]:
    """The header row of the programme's plan table (the default template's)."""
    for table in PROGRAMME.tables:
        if table.rows == "plan":
            return table.headers
    raise KeyError("plan")  # pragma: no cover - the default template always has its plan


def _t(key: str) -> str:
    return ru_text(ru.PLAN_TEXTS, key)


def document_rows(plan_records: list[Mapping[str, str]]) -> list[list[str]]:
    """A pair's rows of «План мероприятий» as the cells of the document's plan table."""
    out = []
    for r in plan_records:
        mark = parsing.clean(r.get("plan_mark", ""))
        day = parsing.clean(r.get("plan_mark_date", ""))
        marked = _t("mark_text").format(mark=mark, day=day).strip() if mark else ""
        out.append([parsing.clean(r.get(k, "")) for k in ("plan_no", "event", "due", "activity_form", "owner")]
                   + [marked])
    return out


@dataclass
class RefreshResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    refreshed: list[str] = field(default_factory=list)  # pair IDs
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line per programme, in order
    unknown_pair: bool = False

    @property
    def exit_code(self) -> int:
        if self.unknown_pair:
            return EXIT_CONFIG
        return EXIT_STRUCTURE if self.failed else EXIT_OK

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        out = self.notes + [_t("refresh_summary").format(refreshed=len(self.refreshed), unchanged=len(self.unchanged),
                                                          failed=len(self.failed))]
        if self.dry_run:
            out.append(_t("refresh_dry_run"))
        return out


def refresh_programmes(
    workspace: Workspace,
    store_settings: Mapping[str, Any],
    *,
    pair: str | None = None,
    dry_run: bool = False,
    now: dt.datetime | None = None,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    store: DocumentStore | None = None,
) -> RefreshResult:
    """Refresh the plan table of each programme (or of `pair`'s) from «План мероприятий»; one read,
    one write per document that differs, one commit of the «Журнал» row (module docstring)."""
    started = now or clock()
    result = RefreshResult(started=started, finished=started, dry_run=dry_run)
    tables = workspace.read([PAIRS, PLAN, LOG])
    problems = [p for t in (PAIRS, PLAN) for p in tables[t.key].problems]
    if problems:
        raise StructureError(problems)
    pairs: dict[str, str] = {}  # casefolded ID → ID
    links: dict[str, str] = {}  # ID → «Программа (ППН)»
    for record in tables[PAIRS.key].records.values():
        pid = parsing.clean(record.get("pair_id", ""))
        if pid and pid.casefold() not in pairs:
            pairs[pid.casefold()] = pid
            links[pid] = parsing.clean(record.get("programme", ""))
    if pair is not None:
        wanted = pairs.get(parsing.clean(pair).casefold())
        if wanted is None:
            result.unknown_pair = True
            result.notes.append(_t("refresh_unknown_pair").format(pair=pair))
            return result
        chosen = [wanted]
    else:
        chosen = list(pairs.values())
    rows: dict[str, list[Mapping[str, str]]] = {}
    for _, record in sorted(tables[PLAN.key].records.items()):
        of = pairs.get(parsing.clean(record.get("pair_id", "")).casefold())
        if of:
            rows.setdefault(of, []).append(record)
    store = store or workspace.documents(store_settings)
    existing = store.existing()
    headers = plan_headers()
    for pid in chosen:
        doc = existing.get(programme_key(pid))
        if doc is None:
            if links[pid] or pair is not None:
                line = "refresh_missing" if links[pid] else "refresh_no_document"
                result.notes.append(_t(line).format(pair=pid, link=links[pid]))
            continue
        if not rows.get(pid):
            result.notes.append(_t("refresh_no_rows").format(pair=pid, tab=PLAN.title))
            continue
        cells = document_rows(rows[pid])
        changed = None if dry_run else store.refresh_table(doc, headers, cells)
        if changed is None and not dry_run:
            result.failed.append(pid)
            result.notes.append(_t("refresh_no_table").format(pair=pid, link=doc.link, header=" | ".join(headers)))
        elif changed is False:
            result.unchanged.append(pid)
            result.notes.append(_t("refresh_unchanged").format(pair=pid, tab=PLAN.title))
        else:
            result.refreshed.append(pid)
            result.notes.append(_t("refresh_done").format(pair=pid, tab=PLAN.title, rows=len(cells)))
    result.finished = clock() if now is None else now
    if not dry_run and tables[LOG.key].ok:
        changes = ChangeSet()
        outcome = "structure" if result.failed else "ok"
        changes.append(LOG, log_row("programmes", started, result.finished, outcome, result.lines(), result.counts()))
        workspace.commit(changes)
    return result


__all__ = ["RefreshResult", "document_rows", "plan_headers", "refresh_programmes"]
