"""The hard rules of matching: who may mentor whom, and how many places a mentor has left.

- only rows `validate` marks OK take part (both consents) — the caller passes those rows;
- nobody mentors themself;
- a mentor has «Максимум наставляемых» minus the mentees of their active pairs in «Пары»
  (утверждена / закреплена приказом) places;
- the mentor's years of service are at least ``min_mentor_years``, and at least ``min_gap``
  more than the mentee's; with ``require_training`` the mentor has done the training;
- a pair the coordinator rejected («отклонено» in «Предложения») or that ended («завершена» /
  «прекращена» in «Пары») is never proposed again;
- a pair of subjects that are neither the same nor related (``subject_groups``) is proposed
  only for the mentee's general difficulties: when the mentor covers none, never;
- a pair below ``min_score`` is never proposed.
"""
from __future__ import annotations

import re
from typing import Protocol

import numpy as np
import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.parsing import clean, normalise_choice

# Mentor-level rules, in the order a mentee's reason names them.
MENTOR_FULL = "full"
MENTOR_YEARS = "years"
MENTOR_TRAINING = "training"
# Pair-level rules.
SELF = "self"
REJECTED = "rejected"
ENDED = "ended"
GAP = "gap"
OTHER_SUBJECT = "other_subject"
MIN_SCORE = "min_score"



class Settings(Protocol):
    """The [matching] settings matching reads (`jobs.config.MatchingSettings` is one).

    A protocol, not the class: matching is pure and never imports `jobs.config` (which reads files).
    """

    @property
    def mode(self) -> str: ...
    @property
    def min_score(self) -> float: ...
    @property
    def weight_difficulties(self) -> float: ...
    @property
    def weight_subject(self) -> float: ...
    @property
    def weight_related_subject(self) -> float: ...
    @property
    def weight_level(self) -> float: ...
    @property
    def weight_experience(self) -> float: ...
    @property
    def weight_category(self) -> float: ...
    @property
    def weight_form(self) -> float: ...
    @property
    def weight_timetable(self) -> float: ...
    @property
    def weight_preferred_mentor(self) -> float: ...
    @property
    def weight_trained(self) -> float: ...
    @property
    def require_training(self) -> bool: ...
    @property
    def min_mentor_years(self) -> int: ...
    @property
    def min_gap(self) -> int: ...
    @property
    def best_gap_min(self) -> int: ...
    @property
    def best_gap_max(self) -> int: ...
    @property
    def subject_groups(self) -> tuple[tuple[str, ...], ...]: ...
    @property
    def group_bonus(self) -> float: ...
    @property
    def group_time_limit(self) -> float: ...


ACTIVE_PAIR = set(vocabulary.LIVE_PAIR_STATUSES)
ENDED_PAIR = set(vocabulary.ENDED_PAIR_STATUSES)


def status_of(text: object, choices: list[str]) -> str:
    """A status cell as one of `choices` (case, spaces, ё do not matter), or "" if not one."""
    norm = normalise_choice(str(text or ""))
    for c in choices:
        if normalise_choice(c) == norm:
            return c
    return ""


def split_emails(text: object) -> list[str]:
    """The e-mails of a «Наставляемые (e-mail)» cell: separated by commas, semicolons or lines."""
    return [e.casefold() for e in (clean(x) for x in re.split(r"[,;\s]+", str(text or ""))) if "@" in e]


def pair_rows(pairs: pd.DataFrame) -> pd.DataFrame:
    """Rows of «Пары» as read (cell texts) → pair_id, mentor_email, mentees (list), status."""
    rows = []
    for row, r in pairs.iterrows():
        rows.append({
            "row": row,
            "pair_id": clean(r.get("pair_id", "")),
            "mentor_email": clean(r.get("mentor_email", "")).casefold(),
            "mentees": split_emails(r.get("mentee_emails", "")),
            "status": status_of(r.get("status", ""), ru.PAIR_STATUSES),
        })
    return pd.DataFrame(rows, columns=["row", "pair_id", "mentor_email", "mentees", "status"])


def active_load(pairs: pd.DataFrame) -> dict[str, int]:
    """Mentor e-mail → number of mentees in their active pairs (a group counts each mentee)."""
    load: dict[str, int] = {}
    for r in pairs.itertuples():
        if r.status in ACTIVE_PAIR:
            load[r.mentor_email] = load.get(r.mentor_email, 0) + len(r.mentees)
    return load


def paired_mentees(pairs: pd.DataFrame) -> set[str]:
    """Mentees who are in an active pair: they are not matched again."""
    return {m for r in pairs.itertuples() if r.status in ACTIVE_PAIR for m in r.mentees}


def forbidden_pairs(proposals: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """(mentee_email, mentor_email, rule) of pairs never to be proposed again.

    ``proposals`` has columns mentee_email, mentor_email, status (normalised, see `status_of`).
    """
    rows = []
    for r in proposals.itertuples():
        if r.status == vocabulary.PROPOSAL_STATUS_REJECTED and r.mentor_email:
            rows.append((r.mentee_email, r.mentor_email, REJECTED))
    for r in pairs.itertuples():
        if r.status in ENDED_PAIR:
            rows.extend((m, r.mentor_email, ENDED) for m in r.mentees)
    return pd.DataFrame(rows, columns=["mentee_email", "mentor_email", "rule"]).drop_duplicates(
        ["mentee_email", "mentor_email"]
    )


def free_places(mentors: pd.DataFrame, load: dict[str, int]) -> pd.Series:
    """«Максимум наставляемых» minus active mentees, never below 0, by row of `mentors`."""
    capacity = pd.to_numeric(mentors["capacity"], errors="coerce").fillna(0).astype(int)
    used = mentors["email"].map(lambda e: load.get(str(e).casefold(), 0)).astype(int)
    return (capacity - used).clip(lower=0)


def mentor_exclusions(years: np.ndarray, trained: np.ndarray, free: np.ndarray, settings: Settings) -> np.ndarray:
    """Per mentor: "" if the mentor may be proposed at all, else the mentor-level rule."""
    out = np.full(len(years), "", dtype=object)
    out[years < settings.min_mentor_years] = MENTOR_YEARS
    if settings.require_training:
        out[(out == "") & ~trained] = MENTOR_TRAINING
    out[(out == "") & (free <= 0)] = MENTOR_FULL
    return out
