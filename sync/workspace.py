"""The workspace interface every job uses, whatever the backend.

A job reads the tabs it needs in one call (`read`), decides, and hands back one `ChangeSet`
(`commit`). The backend re-reads the touched tabs just before writing and finds every row again
by its content (`sheets_schema.grid.locate`), so statuses land on the right person even when
staff inserted, deleted or sorted rows in between; a row edited in between is left for the next
run. Only cells whose value differs are written.
"""
from __future__ import annotations

import contextlib
import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from sync.errors import StructureFault, WorkspaceFault
from sheets_schema.grid import RowRef, StructureProblem, TableData, missing_tab, read_grid, locate
from sheets_schema.questionnaires import FormLink, Questionnaire, ResponseBatch
from sheets_schema.tables import Table, table as table_by_key
from sheets_schema.templates import Fill, TemplateSpec
from sync.personal_data import remember_responses, remember_table


class WorkspaceError(WorkspaceFault):
    """The workspace cannot be used: unreachable, locked, corrupt, not writable (exit code 3)."""


class QuestionnairesNotOpen(WorkspaceError):
    """The questionnaires exist (and are recorded) but could not all be opened for answers."""


class WorkspaceLocked(WorkspaceError):
    """Somebody has the workbook open for editing, or another run holds the workspace."""


class StructureError(StructureFault):
    """A tab's structure stops the work: a missing tab or column (exit code 1)."""

    def __init__(self, problems: Sequence[StructureProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


class TemplateError(StructureError):
    """Templates that cannot be used — an unknown or missing placeholder, a refused tag, a
    document that would fill too slowly or too big; nothing (more) is made (exit code 1).
    `messages` are the Russian sentences, one per problem."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__([StructureProblem(tab="", message=m) for m in self.messages])


@dataclass(frozen=True)
class Check:
    """One line of the doctor's checklist: what was checked, the verdict, and the fix."""

    title: str
    ok: bool
    detail: str = ""
    fix: str = ""
    exit_code: int = 3  # the exit code this failure means (2 config, 3 workspace, 1 structure)
    warning: str = ""  # a passed line may still carry advice (e.g. a key file others can read)


@dataclass(frozen=True)
class CellChange:
    """Set one cell of a row read earlier. ``column`` is a schema column key."""

    ref: RowRef
    column: str
    value: str


@dataclass
class ChangeSet:
    """Everything a job writes, applied in one write: cell updates and appended rows."""

    updates: list[CellChange] = field(default_factory=list)
    appends: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # table key → rows

    def append(self, table: Table, row: dict[str, str]) -> None:
        self.appends.setdefault(table.key, []).append(row)

    def __bool__(self) -> bool:
        return bool(self.updates) or any(self.appends.values())


@dataclass
class CommitReport:
    cells_written: int = 0
    cells_unchanged: int = 0
    rows_appended: int = 0
    rows_lost: list[RowRef] = field(default_factory=list)  # edited or deleted since the read


@dataclass(frozen=True)
class CellWrite:
    """A resolved write: tab title, 1-based sheet row, 0-based column, text."""

    tab: str
    row: int
    col: int
    value: str


class Workspace(ABC):
    """A school's workspace: the banks and service tabs (and later forms and documents)."""

    #: A short human description, e.g. the workbook path or the spreadsheet id.
    location: str = ""

    def read(self, tables: Sequence[Table]) -> dict[str, TableData]:
        """Read the given tabs in one go; a missing tab comes back with a structure problem."""
        grids = self.read_grids([t.title for t in tables])
        return {t.key: _table_data(t, grids.get(t.title)) for t in tables}

    def commit(self, changes: ChangeSet) -> CommitReport:
        """Write a job's changes: re-read the touched tabs, find each row again, write once."""
        report = CommitReport()
        if not changes:
            return report
        keys = {c.ref.table for c in changes.updates} | {k for k, rows in changes.appends.items() if rows}
        tables = [table_by_key(k) for k in keys]
        grids = self.read_grids_for_write([t.title for t in tables])
        now = {t.key: _table_data(t, grids.get(t.title)) for t in tables}
        problems = [p for t in tables for p in now[t.key].problems]
        if problems:
            raise StructureError(problems)
        writes: list[CellWrite] = []
        by_table: dict[str, list[CellChange]] = {}
        for change in changes.updates:
            by_table.setdefault(change.ref.table, []).append(change)
        for key, table_changes in by_table.items():
            data = now[key]
            found = locate(list({c.ref for c in table_changes}), data)
            lost = {ref for ref, row in found.items() if row is None}
            report.rows_lost.extend(sorted(lost, key=lambda r: r.row_at_read))
            for change in table_changes:
                row = found[change.ref]
                if row is None:
                    continue
                current = data.value(row, change.column)
                if current == change.value:
                    report.cells_unchanged += 1
                    continue
                writes.append(CellWrite(data.table.title, row, data.positions[change.column], change.value))
        for key, rows in changes.appends.items():
            data = now[key]
            for offset, values in enumerate(rows, start=1):
                for column, value in values.items():
                    if value != "" and column in data.positions:
                        writes.append(CellWrite(data.table.title, data.last_row + offset, data.positions[column], value))
            report.rows_appended += len(rows)
        report.cells_written = len(writes)
        if writes:
            self.write_cells(writes)
        else:
            self.discard_write()
        return report

    # --- what a backend implements ------------------------------------------------------------
    @abstractmethod
    def read_grids(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        """Cell texts of the named tabs from row 1 (None for a missing tab), in one request if
        possible. A backend that knows a tab's merged ranges returns a `grid.SheetGrid` carrying
        them, and puts a `grid.UncomputedFormula` where a formula has no computed value."""

    def read_grids_for_write(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        """Like `read_grids`, just before `write_cells`; a backend may take a write lock here."""
        return self.read_grids(titles)

    @abstractmethod
    def write_cells(self, writes: Sequence[CellWrite]) -> None:
        """Write all the cells in one request (values as text, never parsed as formulas)."""

    def discard_write(self) -> None:
        """Called instead of `write_cells` when a commit turned out to change nothing."""

    # --- questionnaires (forms and their responses) --------------------------------------------
    def create_questionnaires(self, links: Mapping[str, FormLink]) -> QuestionnairesCreated:
        """Make the questionnaires available to respondents; `links` are the forms recorded before.

        A backend that hosts forms creates those missing from `links` and returns their links
        (the caller records them); one that does not writes a readable description of each.
        """
        return backend_module(self, "forms").create_questionnaires(self, links)

    def read_responses(self, questionnaire: Questionnaire, since: str | None,
                       link: FormLink | None) -> ResponseBatch:
        """Responses of `questionnaire` submitted or edited since the watermark `since` (the
        backend's own text; None: all), with problems of the source in Russian. Responses
        already processed may come again: the caller de-duplicates by id and version."""
        batch = backend_module(self, "forms").read_responses(self, questionnaire, since, link)
        remember_responses(batch.responses)  # respondents not yet in a bank are masked too
        return batch

    # --- summary tabs (a tab a job owns whole, e.g. «Итоги мониторинга») -----------------------
    def write_summary(self, sheet: SummarySheet) -> None:
        """Replace the whole tab ``sheet.title`` (created if missing) with ``sheet``, chart included.

        For tabs no one else writes: cells are replaced, not located by content. Numbers stay
        numbers, so the chart can plot them. The backend's ``summary`` module beside its class
        does the work; a backend without one writes nothing.
        """
        try:
            module = backend_module(self, "summary")
        except NotImplementedError:
            return
        module.write_summary(self, sheet)

    # --- documents (templates, orders, programmes) ---------------------------------------------
    def documents(self, settings: Mapping[str, object]) -> "DocumentStore":
        """The document templates and generated documents of this workspace (`DocumentStore`);
        `settings` is the checked ``[documents]`` section plus ``pdf_dir`` (an absolute path)."""
        return backend_module(self, "documents").open_store(self, settings)

    def questionnaire_checks(self, links: Mapping[str, FormLink]) -> list[Check]:
        """Doctor's lines about the questionnaires `links` records: the backend's
        ``forms_health`` module beside its class (`sync.google.forms_health`); none where the
        backend hosts no forms."""
        try:
            module = backend_module(self, "forms_health")
        except NotImplementedError:
            return []
        return module.questionnaire_checks(self, links)

    def health_checks(self) -> list[Check]:
        """Cheap checks that the workspace can be used tonight (reachable, writable, not locked):
        the backend's ``health`` module beside its class (`sync.google.health`), or the
        backend's own override (`sync.local.LocalWorkspace`); none where it has neither."""
        try:
            module = backend_module(self, "health")
        except NotImplementedError:
            return []
        return module.health_checks(self)

    # --- one run at a time ------------------------------------------------------------------
    #: How often a run waiting for the run lock (``--lock-wait``) tries again, in seconds; a
    #: backend whose every try costs requests waits longer (Google: `sync.google.lease`).
    lock_poll_seconds: float = 0.2

    def run_lock(self, job: str) -> contextlib.AbstractContextManager[object]:
        """Context manager: one writing run at a time on this workspace; `WorkspaceLocked` at
        once (naming the holder) while another run holds it, released at the end of the block
        even on an exception. `job` names the run for the message the other run prints.

        The backend's ``lease`` module beside its class holds it (`sync.google.lease`: a lease in
        a hidden tab), or the backend overrides this method (`sync.local.LocalWorkspace`: a file
        lock, `sync.local.runlock`). A backend with neither has no lock: this is then a no-op
        and the block runs unlocked (`sync.dryrun.DryRunWorkspace`, which writes nothing)."""
        try:
            module = backend_module(self, "lease")
        except NotImplementedError:
            return contextlib.nullcontext()
        return module.run_lock(self, job)


@dataclass
class QuestionnairesCreated:
    """What `Workspace.create_questionnaires` did: links of the forms it created, and lines."""

    links: dict[str, FormLink] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    # what could not be done after the links were made (e.g. Google refused to publish a form):
    # the caller records the links first, then reports these
    problems: list[str] = field(default_factory=list)


# --- documents: what a backend keeps of templates and generated documents --------------------
@dataclass(frozen=True)
class StoredDocument:
    """A document nastavnik made, found again by its idempotency `key`."""

    key: str
    kind: str  # the template's key: order_pairs, order_implementation, programme
    name: str
    link: str  # what staff open: the Doc's address, or the path relative to the workspace
    pairs: tuple[str, ...] = ()  # the pairs an order assigns («ID пары»)
    id: str = ""  # the backend's own id (Drive file id, file path)
    created: str = ""


@dataclass(frozen=True)
class TemplateSource:
    """What a template holds, for `jobs.documents.check`: where it is and its placeholders.

    ``rows`` maps a repeated row's item name to its list (``{"pair": "pairs"}``): the
    ``{%tr for pair in pairs %}`` rows of a .docx, or the table row of a Doc holding ``{{pair.…}}``.
    ``problems`` are the backend's own findings (unreadable file, bad markup), in Russian.
    """

    template: str
    where: str
    placeholders: tuple[str, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()
    stray: tuple[str, ...] = ()  # text around "{{" or "}}" that is no placeholder
    problems: tuple[str, ...] = ()
    row_hint: str = "docx"  # how a repeated row is written in this backend: docx or google


class DocumentStore(ABC):
    """A backend's templates and generated documents. Each document carries an idempotency key
    (Drive appProperties, or a record beside the .docx), so a run after a crash finds what the
    crashed run made instead of making it again."""

    lines: list[str]  # what the store did that staff should know (PDF skipped, copies removed)

    @abstractmethod
    def place_templates(self, specs: Sequence[TemplateSpec]) -> list[str]:
        """Put the default template of each spec that has none yet; Russian lines of what was made."""

    @abstractmethod
    def read_templates(self, specs: Sequence[TemplateSpec]) -> dict[str, TemplateSource | None]:
        """The template of each spec as it is now (None: there is none)."""

    @abstractmethod
    def existing(self) -> dict[str, StoredDocument]:
        """Every document nastavnik made in this workspace, by key."""

    @abstractmethod
    def create(self, spec: TemplateSpec, name: str, fill: Fill, key: str,
               pairs: Sequence[str] = (), found: StoredDocument | None = None) -> StoredDocument:
        """Make a document from the template of `spec` (read by `read_templates` in this run).

        With `found` (the document of this key a crashed run made), complete it if it was left
        unfilled and return it; nothing is made twice.
        """

    def refresh_table(self, doc: StoredDocument, headers: Sequence[str],
                      rows: Sequence[Sequence[str]]) -> bool | None:
        """Issue 19: make the rows below the header of `doc`'s first table whose first row reads
        `headers` (compared as headers are) exactly `rows` — one list of cell texts per row;
        nothing else of the document is touched. True: rewritten; False: it already read so
        (nothing written); None: the document has no such table."""
        raise NotImplementedError(f"{type(self).__name__} cannot refresh a table")


def backend_module(workspace: Workspace, module: str):
    """The module `module` beside the backend's class: ``sync/local/forms.py``,
    ``sync/google/documents.py``… — found through the class (or a base class) of the workspace,
    so the interface needs no list of backends. NotImplementedError when the backend has none."""
    for cls in type(workspace).__mro__:
        package = cls.__module__.rpartition(".")[0]
        if not package.startswith("sync."):
            continue
        name = f"{package}.{module}"
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    raise NotImplementedError(f"{type(workspace).__name__} has no {module}")


@dataclass(frozen=True)
class SummaryChart:
    """A column chart of one block of a summary tab; rows and columns are 0-based cell indices."""

    title: str
    series: str
    first_row: int  # the first data row (the labels and values of the block)
    rows: int
    label_col: int
    value_col: int
    anchor_row: int  # where the chart's top-left corner sits
    anchor_col: int


@dataclass
class SummarySheet:
    """A whole tab written by a job (`Workspace.write_summary`): cell values row by row (text, or
    numbers that stay numbers; None is an empty cell), rows in bold, column widths in characters."""

    title: str
    rows: Sequence[Sequence[str | int | float | None]]
    bold: frozenset[int] = frozenset()
    widths: tuple[int, ...] = ()
    chart: SummaryChart | None = None
    after: str = ""  # a new tab is placed after this one
    note: str = ""  # why the tab is protected (shown by Google when someone edits it)


def _table_data(table: Table, grid: list[list[str]] | None) -> TableData:
    if grid is None:
        return missing_tab(table)
    data = read_grid(table, grid)
    remember_table(data)  # the people it names are masked in every output line from now on
    return data


__all__ = [
    "Check",
    "CellChange",
    "CellWrite",
    "ChangeSet",
    "CommitReport",
    "QuestionnairesCreated",
    "StructureError",
    "SummaryChart",
    "SummarySheet",
    "Workspace",
    "WorkspaceError",
    "WorkspaceLocked",
]
