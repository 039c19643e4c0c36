"""`init`: a new workspace with every tab, the roadmap, and optionally synthetic sample staff."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from sheets_schema import ru
from sheets_schema.roadmap import default_rows
from sheets_schema.templates import TEMPLATES, default_catalog_rows
from sync.workspace import QuestionnairesNotOpen, Workspace, WorkspaceError
from jobs.config import School
from jobs.documents.texts import ru_text
from jobs.ingest import prepare_questionnaires
from jobs.sample import Sample, generate

# A backend's way of creating a workspace: rows by table key → the new Workspace.
Creator = Callable[[Mapping[str, Sequence[Mapping[str, str]]]], Workspace]

DEFAULT_SCHOOL = School(
    name="МБОУ СОШ № 26",
    head="ФИО директора",
    coordinator="ФИО куратора",
)


@dataclass
class InitResult:
    workspace: Workspace
    sample: Sample | None
    questionnaires: list[str] = field(default_factory=list)  # what was created, in Russian
    questionnaire_error: str = ""  # the forms could not be created (the workspace was)
    templates: list[str] = field(default_factory=list)  # document templates placed, in Russian
    templates_error: str = ""  # they could not be placed (`orders` places them later)


def initial_rows(today: dt.date, sample: Sample | None) -> dict[str, list[dict[str, str]]]:
    """The rows a new workspace starts with: the roadmap, and the sample banks if asked."""
    rows: dict[str, list[dict[str, str]]] = {"roadmap": default_rows(today), "catalog": default_catalog_rows()}
    if sample:
        rows["mentees"] = sample.mentees
        rows["mentors"] = sample.mentors
    return rows


def init_workspace(
    create: Creator,
    sample_size: int = 0,
    seed: int = 1,
    today: dt.date | None = None,
    questionnaires: bool = True,
    templates: bool = True,
) -> InitResult:
    """Create a workspace through `create`; with `sample_size` > 0 fill it with synthetic staff.

    Then the questionnaires are made available (`jobs.ingest.prepare_questionnaires`: Google
    forms, or documents in ``forms/``); if that fails the workspace stays and the reason is in
    `InitResult.questionnaire_error` — running init again retries it.
    """
    today = today or dt.date.today()
    sample = generate(sample_size, seed, today) if sample_size > 0 else None
    workspace = create(initial_rows(today, sample))
    result = InitResult(workspace=workspace, sample=sample)
    if questionnaires:
        try:
            result.questionnaires = prepare_questionnaires(workspace).lines
        except QuestionnairesNotOpen as exc:  # made and recorded; a run again finishes them
            result.questionnaire_error = str(exc)
        except WorkspaceError as exc:
            result.questionnaire_error = ru_text(ru.INGEST, "create_failed").format(reason=exc)
    if templates:  # the default document templates (templates/ or the Drive templates folder)
        try:
            result.templates = workspace.documents({}).place_templates(TEMPLATES)
        except WorkspaceError as exc:
            result.templates_error = ru_text(ru.DOCUMENTS, "templates_failed").format(reason=exc)
    return result
