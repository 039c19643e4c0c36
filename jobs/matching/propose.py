"""`propose_pairs`: typed banks in, one proposal row per mentee out (DataFrame in, DataFrame out)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from sheets_schema import ru, vocabulary
from jobs.matching import reasons, rules, solver
from jobs.matching.encode import People, encode
from jobs.matching.scoring import NEG, Scorer, build_scorer, pts

COLUMNS = ["mentee_email", "mentee_name", "mentor_email", "mentor_name", "group", "score", "points",
           "reasons", "alternatives", "status"]
ALTERNATIVES = 2


class ProposalRow(TypedDict):
    """One row of `MatchOutcome.frame` (the keys are `COLUMNS`)."""

    mentee_email: str
    mentee_name: str
    mentor_email: str  # "" for «нет пары»
    mentor_name: str
    group: str  # «Г-001» or ""
    score: str  # points as text («72,5»), "" for «нет пары»
    points: int  # score units
    reasons: str
    alternatives: str
    status: str


@dataclass
class MatchOutcome:
    """The proposals (one row per mentee, sorted by e-mail) and how good they are."""

    frame: pd.DataFrame  # COLUMNS; points = score units (int), score = its text («72,5»)
    total: int  # Σ points of the proposed pairs (plus group bonuses)
    proved: bool  # the total is the proved optimum
    candidates: int  # pairs the solver was given
    rounds: int  # flow solves until the duality check passed
    bound: int | None = None  # upper bound when a group search ran out of time
    mentees: People | None = None
    mentors: People | None = None
    assign: np.ndarray | None = None

    @property
    def proposed(self) -> int:
        return int((self.frame["status"] == vocabulary.PROPOSAL_STATUS_PROPOSED).sum())

    @property
    def unmatched(self) -> int:
        return int((self.frame["status"] == vocabulary.PROPOSAL_STATUS_NO_PAIR).sum())


class _Records:
    """Rows of a people frame as dicts, built only for the rows asked for (reasons name a few)."""

    def __init__(self, people: People):
        self.columns = {c: people.frame[c].tolist() for c in people.frame.columns}

    def __getitem__(self, i: int) -> dict[str, Any]:
        return {c: values[i] for c, values in self.columns.items()}


def propose_pairs(
    mentees: pd.DataFrame,
    mentors: pd.DataFrame,
    settings: rules.Settings,
    forbidden: pd.DataFrame | None = None,
    first_group: int = 1,
) -> MatchOutcome:
    """The optimal pairing of `mentees` with `mentors` under the hard rules, with reasons.

    `mentees` / `mentors` are typed bank rows (status OK) of the people to match; `mentors` has
    a ``free`` column (places left, see `rules.free_places`). `forbidden` lists
    (mentee_email, mentor_email, rule) pairs never to propose (see `rules.forbidden_pairs`).
    """
    me = encode(mentees, mentor=False)
    everyone = encode(mentors, mentor=True) if len(mentors) else None
    excluded = (rules.mentor_exclusions(everyone.years, everyone.trained, everyone.free, settings)
                if everyone is not None else np.zeros(0, dtype=object))
    allowed_frame = everyone.frame[excluded == ""] if everyone is not None else mentors.iloc[:0]
    mo = encode(allowed_frame, mentor=True) if everyone is not None else encode(mentors.assign(free=[]), mentor=True)
    scorer = build_scorer(me, mo, settings, forbidden)
    min_points = pts(settings.min_score)
    bonus = pts(settings.group_bonus)
    sol = solver.solve(scorer.rows, len(me), len(mo), mo.free, me.main, min_points, settings.mode,
                       bonus=bonus, time_limit=settings.group_time_limit)
    rows = _rows(scorer, sol, settings, excluded, min_points, first_group)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return MatchOutcome(frame, sol.total, sol.proved, len(sol.candidates), sol.rounds, sol.bound, me, mo, sol.assign)


def _rows(scorer: Scorer, sol: solver.Solution, settings: rules.Settings, excluded: np.ndarray, min_points: int,
          first_group: int) -> list[ProposalRow]:
    me, mo, cand = scorer.mentees, scorer.mentors, sol.candidates
    # candidates by mentee, best score first, ties by mentor e-mail (mentors are sorted by it)
    order = np.lexsort((cand.mentor, -cand.score, cand.mentee))
    c_mentee, c_mentor, c_score = cand.mentee[order], cand.mentor[order], cand.score[order]
    starts = np.searchsorted(c_mentee, np.arange(len(me) + 1))
    group_of: dict[int, tuple[str, int]] = {}
    for number, (key, members) in enumerate(sorted(sol.groups.items()), start=first_group):
        for i in members:
            group_of[i] = (reasons.T["group_id"].format(number=number), len(members))
    mentee_rows, mentor_rows = _Records(me), _Records(mo)
    unmatched = np.nonzero(sol.assign == solver.NONE)[0]
    why = _unmatched_reasons(scorer, unmatched, settings, excluded, min_points, starts)
    out: list[ProposalRow] = []
    for i in range(len(me)):
        lo, hi = starts[i], starts[i + 1]
        options = zip(c_score[lo:min(hi, lo + ALTERNATIVES + 1)].tolist(), c_mentor[lo:min(hi, lo + ALTERNATIVES + 1)].tolist())
        j = int(sol.assign[i])
        alternatives = [(mo.name[k], mo.email[k], s) for s, k in options if k != j][:ALTERNATIVES]
        others = reasons.alternatives_text(alternatives)
        if j == solver.NONE:
            out.append(ProposalRow(mentee_email=me.email[i], mentee_name=me.name[i], mentor_email="", mentor_name="",
                                   group="", score="", points=0, reasons=reasons.no_pair_text(why[i]),
                                   alternatives=others, status=vocabulary.PROPOSAL_STATUS_NO_PAIR))
        else:
            parts = scorer.breakdown(i, j)
            group, size = group_of.get(i, ("", 0))
            value = sum(parts.values())
            out.append(ProposalRow(mentee_email=me.email[i], mentee_name=me.name[i], mentor_email=mo.email[j],
                                   mentor_name=mo.name[j], group=group, score=reasons.points(value), points=value,
                                   reasons=reasons.pair_reasons(parts, mentee_rows[i], mentor_rows[j], size),
                                   alternatives=others, status=vocabulary.PROPOSAL_STATUS_PROPOSED))
    return out


def _unmatched_reasons(scorer: Scorer, unmatched: np.ndarray, settings: rules.Settings, excluded: np.ndarray,
                       min_points: int, starts: np.ndarray) -> dict[int, str]:
    me, mo = scorer.mentees, scorer.mentors
    if len(unmatched) == 0:
        return {}
    mentor_level: dict[str, int] = {}
    for rule in excluded.tolist():
        if rule:
            mentor_level[rule] = mentor_level.get(rule, 0) + 1
    places: dict[int, int] = {}
    for s, f in zip(mo.subject.tolist(), mo.free.tolist()):
        places[s] = places.get(s, 0) + f
    cohort: dict[int, int] = {}
    for s in me.subject.tolist():
        cohort[s] = cohort.get(s, 0) + 1
    out: dict[int, str] = {}
    scores = scorer.rows(unmatched) if len(mo) else np.zeros((len(unmatched), 0), np.int32)
    for r, i in enumerate(unmatched.tolist()):
        row = scores[r]
        allowed = int((row >= min_points).sum())
        if allowed:
            s = int(me.subject[i])
            if s >= 0 and cohort.get(s, 0) > places.get(s, 0):
                out[i] = reasons.shortfall_reason(ru.SUBJECTS[s], cohort[s], places.get(s, 0))
            else:
                out[i] = reasons.taken_reason(allowed)
            continue
        counts = dict(mentor_level)
        banned = row <= NEG // 2
        low = ~banned & (row < min_points)
        if low.any():
            counts[rules.MIN_SCORE] = int(low.sum())
        for j in np.nonzero(banned)[0].tolist():
            rule = scorer.pair_rule(i, j) or rules.MIN_SCORE
            counts[rule] = counts.get(rule, 0) + 1
        out[i] = reasons.excluded_reason(counts, settings)
    return out
