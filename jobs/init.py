"""`init`: a new workspace with every tab, the roadmap, and optionally synthetic sample staff."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from sheets_schema.roadmap import default_rows
from sync.workspace import Workspace
from jobs.config import School
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


def initial_rows(today: dt.date, sample: Sample | None) -> dict[str, list[dict[str, str]]]:
    """The rows a new workspace starts with: the roadmap, and the sample banks if asked."""
    rows: dict[str, list[dict[str, str]]] = {"roadmap": default_rows(today)}
    if sample:
        rows["mentees"] = sample.mentees
        rows["mentors"] = sample.mentors
    return rows


def init_workspace(
    create: Creator,
    sample_size: int = 0,
    seed: int = 1,
    today: dt.date | None = None,
) -> InitResult:
    """Create a workspace through `create`; with `sample_size` > 0 fill it with synthetic staff."""
    today = today or dt.date.today()
    sample = generate(sample_size, seed, today) if sample_size > 0 else None
    workspace = create(initial_rows(today, sample))
    return InitResult(workspace=workspace, sample=sample)
