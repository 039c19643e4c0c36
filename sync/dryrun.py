"""A workspace that reads for real and writes nothing: what `nightly --dry-run` runs on.

Every job runs unchanged against it; its writes are recorded instead of sent, so the run can
report what it would change. Reads go to the real workspace; nothing that creates, writes or
locks anything reaches it.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sync.workspace import Check, CellWrite, QuestionnairesCreated, SummarySheet, Workspace


class DryRunWorkspace(Workspace):
    """Wraps `inner`: reads pass through, writes are collected in `would_write`. It takes no run
    lock (`run_lock` is the interface's no-op): a dry run writes nothing, so it never waits for a
    run that does."""

    def __init__(self, inner: Workspace):
        self.inner = inner
        self.location = inner.location
        self.would_write: list[CellWrite] = []
        self.would_replace: list[str] = []  # summary tabs that would be rewritten

    def read_grids(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        return self.inner.read_grids(titles)

    def read_grids_for_write(self, titles: Sequence[str]) -> dict[str, list[list[str]] | None]:
        return self.inner.read_grids(titles)

    def write_cells(self, writes: Sequence[CellWrite]) -> None:
        self.would_write.extend(writes)

    def read_responses(self, questionnaire, since, link):
        return self.inner.read_responses(questionnaire, since, link)

    def create_questionnaires(self, links) -> QuestionnairesCreated:
        return QuestionnairesCreated(links=dict(links))

    def write_summary(self, sheet: SummarySheet) -> None:
        self.would_replace.append(sheet.title)

    def documents(self, settings: Mapping[str, Any]):
        return self.inner.documents(settings)  # jobs given a dry run create no document

    def health_checks(self) -> list[Check]:
        return self.inner.health_checks()

    def changed_cells_by_tab(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for write in self.would_write:
            counts[write.tab] = counts.get(write.tab, 0) + 1
        return counts
