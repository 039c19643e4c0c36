"""`propose_pairs`: typed banks in, one proposal row per mentee out (DataFrame in, DataFrame out)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from sheets_schema import ru, vocabulary
from jobs.matching import explain, reasons, rules, solver, tiebreak
from jobs.matching.encode import People, encode
from jobs.matching.preferred import preferred_mentors
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
    unavailable: pd.DataFrame | None = None,
) -> MatchOutcome:
    """The optimal pairing of `mentees` with `mentors` under the hard rules, with reasons.

    `mentees` / `mentors` are typed bank rows (status OK) of the people to match; `mentors` has
    a ``free`` column (places left, see `rules.free_places`). `forbidden` lists
    (mentee_email, mentor_email, rule) pairs never to propose (see `rules.forbidden_pairs`).
    `unavailable`: the other rows of the mentors' bank (with their ``status``), only to say why
    a mentee's preferred mentor is not proposed.
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
                       bonus=bonus, time_limit=settings.group_time_limit,
                       keys=(tiebreak.person_keys(me.email), tiebreak.person_keys(mo.email)))
    others = encode(unavailable, mentor=True) if unavailable is not None and len(unavailable) else None
    rows = _rows(scorer, sol, settings, excluded, min_points, first_group, everyone, others)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return MatchOutcome(frame, sol.total, sol.proved, len(sol.candidates), sol.rounds, sol.bound, me, mo, sol.assign)


def _preferred_in(mentees: People, mentors: People | None) -> dict[int, np.ndarray]:
    """Each mentee's preferred mentors among `mentors`, recognised exactly as the scorer does."""
    if mentors is None or not len(mentors):
        return {}
    return preferred_mentors(mentees, mentors)


def _pool(scorer: Scorer, settings: rules.Settings, min_points: int) -> tuple[explain.Pool, int]:
    """All allowed pairs with the solver's weights, and the largest loss that keeps the number
    of pairs (in «count» mode one pair more outweighs any score)."""
    n = len(scorer.mentees)
    full = scorer.rows(np.arange(n)).astype(np.int64)
    ei, ej = np.nonzero(full >= min_points)
    score = full[ei, ej]
    within = n * max(int(score.max(initial=0)), 0)
    big = 2 * within + 1 if settings.mode == "count" else 0  # one pair more outweighs any score
    return explain.Pool(ei.astype(np.int64), ej.astype(np.int64), score + big), within


class _Explainer:
    """The texts of why a better-scoring mentor, or the preferred one, went to someone else."""

    def __init__(self, scorer: Scorer, sol: solver.Solution, settings: rules.Settings, min_points: int,
                 requests: list[tuple[int, int]]):
        self.scorer, self.sol = scorer, sol
        n = len(scorer.mentees)
        self.groups = pts(settings.group_bonus) > 0
        self.large = n * len(scorer.mentors) > explain.EXACT_PAIRS
        self.found: dict[tuple[int, int], explain.Exchange] = {}
        self.allowed = self.fitting = np.zeros(n, dtype=np.int64)
        self.within, self.big = 0, 0
        self.weight: dict[tuple[int, int], int] = {}
        self.first_mentee: dict[int, int] = {}  # mentor → the first of its mentees (by e-mail)
        for i, j in enumerate(sol.assign.tolist()):
            if j != solver.NONE:
                self.first_mentee.setdefault(j, i)
        if self.groups or self.large or not requests:
            return
        pool, self.within = _pool(scorer, settings, min_points)
        self.big = 2 * self.within + 1 if settings.mode == "count" else 0
        self.found = explain.exchanges(requests, sol.assign, scorer.mentors.free, pool)
        self.allowed = np.bincount(pool.mentee, minlength=n)
        fits = scorer.fit[scorer.k_subject[pool.mentee], pool.mentor]
        self.fitting = np.bincount(pool.mentee[fits], minlength=n)
        needed = {(ex.taken_by, j) for ex in self.found.values() for j in (ex.mentor, ex.moves_to)}
        self.weight = {(a, b): c - self.big for a, b, c in zip(pool.mentee.tolist(), pool.mentor.tolist(),
                                                               pool.weight.tolist()) if (a, b) in needed}

    def text(self, i: int, j_star: int) -> str:
        """«Степанов Д. Б. предложен Ивановой А. А.: …; обмен уменьшил бы сумму на 9 баллов», or ""."""
        me, mo = self.scorer.mentees, self.scorer.mentors
        if self.groups or self.large:
            k = self.first_mentee.get(j_star)
            if k is None:
                return ""
            return reasons.exchange_text(mo.name[j_star], me.name[k], "", loss=None,
                                         uncounted="groups" if self.groups else "large")
        ex = self.found.get((i, j_star))
        if ex is None or ex.taken_by == solver.NONE:
            return ""
        k = ex.taken_by
        if self.allowed[k] == 1:
            why = "only"
        elif self.scorer.fits(k, j_star) and self.fitting[k] == 1:
            why = "only_subject"
        elif j_star in self.scorer.preferred.get(k, ()):
            why = "preferred"
        else:
            why = "moves"
        subject = int(me.subject[k])
        return reasons.exchange_text(
            mo.name[j_star], me.name[k], why, subject=ru.SUBJECTS[subject] if subject >= 0 else "",
            score=self.weight[(k, j_star)], other_name=mo.name[ex.moves_to] if ex.moves_to != solver.NONE else "",
            other_score=self.weight.get((k, ex.moves_to), 0), loss=ex.loss, fewer_pairs=ex.loss > self.within,
        )


def _rows(scorer: Scorer, sol: solver.Solution, settings: rules.Settings, excluded: np.ndarray, min_points: int,
          first_group: int, everyone: People | None = None, others: People | None = None) -> list[ProposalRow]:
    me, mo, cand = scorer.mentees, scorer.mentors, sol.candidates
    # each mentee's best pairs, best score first, ties by mentor e-mail (mentors are sorted by it)
    short = sol.shortlist if sol.shortlist is not None else cand
    order = np.lexsort((short.mentor, -short.score, short.mentee))
    c_mentor, c_score = short.mentor[order], short.score[order]
    starts = np.searchsorted(short.mentee[order], np.arange(len(me) + 1))
    group_of: dict[int, tuple[str, int]] = {}
    for number, (key, members) in enumerate(sorted(sol.groups.items()), start=first_group):
        for i in members:
            group_of[i] = (reasons.T["group_id"].format(number=number), len(members))
    mentee_rows, mentor_rows = _Records(me), _Records(mo)
    unmatched = np.nonzero(sol.assign == solver.NONE)[0]
    why = _unmatched_reasons(scorer, unmatched, settings, excluded, min_points, sol.rows)
    left = mo.free.astype(np.int64) - np.bincount(sol.assign[sol.assign != solver.NONE], minlength=len(mo))
    full_before = int((excluded == rules.MENTOR_FULL).sum())
    own = np.zeros(len(me), dtype=np.int64)  # the score of each mentee's proposed pair (a candidate)
    mine = sol.assign[cand.mentee] == cand.mentor
    own[cand.mentee[mine]] = cand.score[mine]
    shown: list[list[tuple[int, int]]] = []
    requests: list[tuple[int, int]] = []
    full_rows = _full_row_options(sol.rows or scorer.rows, short.threshold, c_score, starts, min_points)
    # each mentee's first ALTERNATIVES + 1 listed pairs, as Python lists (one conversion, not 10,000)
    head = np.minimum(np.diff(starts), ALTERNATIVES + 1)
    at = np.repeat(starts[:-1], head) + (np.arange(int(head.sum())) - np.repeat(np.cumsum(head) - head, head))
    listed_mentor, listed_score = c_mentor[at].tolist(), c_score[at].tolist()
    bounds = np.concatenate([[0], np.cumsum(head)]).tolist()
    assigned, own_score = sol.assign.tolist(), own.tolist()
    for i in range(len(me)):
        j = assigned[i]
        listed = full_rows.get(i) or zip(listed_mentor[bounds[i] : bounds[i + 1]], listed_score[bounds[i] : bounds[i + 1]])
        options = [(k, s) for k, s in listed if k != j]
        shown.append(options[:ALTERNATIVES])
        requests.extend((i, k) for k, s in options[:ALTERNATIVES] if j == solver.NONE or s > own_score[i])
    preferred = _Preferred(scorer, sol, settings, excluded, min_points, left, everyone, others)
    requests.extend(preferred.requests())
    explainer = _Explainer(scorer, sol, settings, min_points, sorted(set(requests)))
    out: list[ProposalRow] = []
    mentee_email, mentee_name = me.email.tolist(), me.name.tolist()
    mentor_email, mentor_name = mo.email.tolist(), mo.name.tolist()
    for i in range(len(me)):
        j = assigned[i]
        better = [(mentor_name[k], mentor_email[k], s, explainer.text(i, k) if j == solver.NONE or s > own_score[i] else "")
                  for k, s in shown[i]]
        note = preferred.text(i, explainer)
        others_text = reasons.alternatives_text(better, full_before, note)
        if j == solver.NONE:
            text = reasons.no_pair_text(why[i])
            if note:
                text = reasons.T["reason_separator"].join([note, text])
            out.append(ProposalRow(mentee_email=mentee_email[i], mentee_name=mentee_name[i], mentor_email="", mentor_name="",
                                   group="", score="", points=0, reasons=text,
                                   alternatives=others_text, status=vocabulary.PROPOSAL_STATUS_NO_PAIR))
        else:
            parts = scorer.breakdown(i, j)
            group, size = group_of.get(i, ("", 0))
            value = sum(parts.values())
            text = reasons.pair_reasons(parts, mentee_rows[i], mentor_rows[j], size, scorer.fits(i, j))
            if note:
                text = reasons.T["reason_separator"].join([text, note])
            out.append(ProposalRow(mentee_email=mentee_email[i], mentee_name=mentee_name[i], mentor_email=mentor_email[j],
                                   mentor_name=mentor_name[j], group=group, score=reasons.points(value), points=value,
                                   reasons=text, alternatives=others_text, status=vocabulary.PROPOSAL_STATUS_PROPOSED))
    return out


def _full_row_options(rows_of: solver.RowScores, threshold: np.ndarray, c_score: np.ndarray, starts: np.ndarray,
                      min_points: int) -> dict[int, list[tuple[int, int]]]:
    """The best `ALTERNATIVES` + 1 allowed mentors of each mentee (score, then the mentor's
    e-mail) whose candidates may not hold them: a pair the solver never looked at scores as much
    as the last of them (`threshold`: the best score left out of the first candidates). Scored
    from the full row, so «Другие варианты» never depend on which candidates the solver took."""
    n = len(starts) - 1
    count = np.diff(starts)
    last = np.full(n, NEG, dtype=np.int64)  # the score of the (ALTERNATIVES + 1)-th candidate
    has = count > ALTERNATIVES
    last[has] = c_score[starts[:-1][has] + ALTERNATIVES]
    unsure = np.nonzero((threshold > NEG) & (threshold >= last))[0]
    out: dict[int, list[tuple[int, int]]] = {}
    take = ALTERNATIVES + 1
    for start in range(0, len(unsure), 512):
        idx = unsure[start : start + 512]
        rows = rows_of(idx).astype(np.int64)
        m = rows.shape[1]
        # score descending, then the mentor's index (mentors are sorted by e-mail), as one number
        order = np.where(rows >= min_points, -rows * (m + 1) + np.arange(m)[None, :], np.iinfo(np.int64).max)
        best = np.argpartition(order, take - 1, axis=1)[:, :take] if m > take else np.tile(np.arange(m), (len(idx), 1))
        best = np.take_along_axis(best, np.argsort(np.take_along_axis(order, best, axis=1), axis=1), axis=1)
        for r, i in enumerate(idx.tolist()):
            out[i] = [(int(k), int(rows[r, k])) for k in best[r].tolist() if rows[r, k] >= min_points]
    return out


class _Preferred:
    """Why a mentee's preferred mentor is not proposed: full (to whom), excluded (which rule or
    which status), or a lower score."""

    def __init__(self, scorer: Scorer, sol: solver.Solution, settings: rules.Settings, excluded: np.ndarray,
                 min_points: int, left: np.ndarray, everyone: People | None, others: People | None):
        self.scorer, self.sol, self.settings, self.excluded = scorer, sol, settings, excluded
        self.min_points, self.left = min_points, left
        self.everyone, self.others = everyone, others
        # with no mentor excluded, «everyone» is the scorer's mentors in the same order: its answer
        self.in_everyone = (scorer.preferred if everyone is not None and len(everyone) == len(scorer.mentors)
                            else _preferred_in(scorer.mentees, everyone))
        self.in_others = _preferred_in(scorer.mentees, others)

    def _missed(self, i: int) -> int | None:
        """The preferred mentor (among the allowed mentors) mentee i wanted and did not get."""
        pref = self.scorer.preferred.get(i)
        if pref is None or not len(pref) or int(self.sol.assign[i]) in pref.tolist():
            return None
        return int(pref[0])

    def requests(self) -> list[tuple[int, int]]:
        out = []
        for i in range(len(self.scorer.mentees)):
            jp = self._missed(i)
            if jp is not None and self.left[jp] <= 0 and self._allowed(i, jp):
                out.append((i, jp))
        return out

    def _value(self, i: int, j: int) -> int:
        """The score of one pair, `NEG` when a hard rule excludes it (as `Scorer.rows`)."""
        if self.scorer.pair_rule(i, j):
            return NEG
        return sum(self.scorer.breakdown(i, j).values())

    def _allowed(self, i: int, j: int) -> bool:
        return self._value(i, j) >= self.min_points

    def text(self, i: int, explainer: _Explainer) -> str:
        sc, mo = self.scorer, self.scorer.mentors
        jp = self._missed(i)
        if jp is not None:
            value = self._value(i, jp)
            rule = sc.pair_rule(i, jp) or (rules.MIN_SCORE if value < self.min_points else None)
            if rule:
                return reasons.preferred_text("excluded", mo.name[jp], rule=reasons.rule_text(rule, self.settings))
            if self.left[jp] <= 0:
                taken = explainer.text(i, jp)
                if not taken:
                    names = [sc.mentees.name[k] for k in np.nonzero(self.sol.assign == jp)[0].tolist()]
                    taken = ", ".join(reasons.taken_text(mo.name[jp], n) for n in names[:1])
                return reasons.preferred_text("full", mo.name[jp], taken=taken)
            j = int(self.sol.assign[i])
            proposed = sum(sc.breakdown(i, j).values()) if j != solver.NONE else 0
            return reasons.preferred_text("lower", mo.name[jp], score=value, proposed=proposed)
        if i in sc.preferred:
            return ""  # the preferred mentor is proposed
        pref = self.in_everyone.get(i)
        if pref is not None and self.everyone is not None and len(pref):
            k = int(pref[0])
            rule = str(self.excluded[k])
            if rule == rules.MENTOR_FULL:
                return reasons.preferred_text("full_before", self.everyone.name[k])
            if rule:
                return reasons.preferred_text("excluded", self.everyone.name[k], rule=reasons.rule_text(rule, self.settings))
        pref = self.in_others.get(i)
        if pref is not None and self.others is not None and len(pref):
            k = int(pref[0])
            status = self.others.frame["status"].iloc[k] if "status" in self.others.frame.columns else ""
            return reasons.preferred_text("not_ok", self.others.name[k], status=str(status or ""))
        return ""


def _unmatched_reasons(scorer: Scorer, unmatched: np.ndarray, settings: rules.Settings, excluded: np.ndarray,
                       min_points: int, kept: solver.RowScores | None = None) -> dict[int, str]:
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
    # how many pairs each has, from the solver's scores; every pair's rule only where none is allowed
    allowed_of = (((kept or scorer.rows)(unmatched) >= min_points).sum(axis=1) if len(mo)
                  else np.zeros(len(unmatched), np.int64))
    none = unmatched[allowed_of == 0]
    scores = dict(zip(none.tolist(), scorer.rows(none) if len(mo) and len(none) else np.zeros((len(none), len(mo)), np.int32)))
    for r, i in enumerate(unmatched.tolist()):
        allowed = int(allowed_of[r])
        if allowed:
            s = int(me.subject[i])
            if s >= 0 and cohort.get(s, 0) > places.get(s, 0):
                out[i] = reasons.shortfall_reason(ru.SUBJECTS[s], cohort[s], places.get(s, 0))
            else:
                out[i] = reasons.taken_reason(allowed)
            continue
        counts = dict(mentor_level)
        row = scores[i]
        banned = row <= NEG // 2
        low = ~banned & (row < min_points)
        if low.any():
            counts[rules.MIN_SCORE] = int(low.sum())
        for j in np.nonzero(banned)[0].tolist():
            rule = scorer.pair_rule(i, j) or rules.MIN_SCORE
            counts[rule] = counts.get(rule, 0) + 1
        out[i] = reasons.excluded_reason(counts, settings)
    return out
