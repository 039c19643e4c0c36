"""The score of a pair, in tenths of a point: a sum of parts, each weighted in [matching].

Every part is a function of small codes (see `encode`), so the vectorised scoring reads it
from a few small tables built by the very functions `breakdown` uses: the score of a pair in
the matrix and the sum of its parts in the reasons are the same number by construction.

Parts (weights from `MatchingSettings`):
- difficulties — share of the mentee's difficulties the mentor's competences cover; a
                 subject-bound difficulty (`vocabulary.SUBJECT_BOUND_DIFFICULTIES`) counts only
                 when the subjects *fit* (the same, or related: one group of ``subject_groups``);
- subject      — same subject, or a related one (same group of ``subject_groups``);
- levels       — share of the mentee's school levels the mentor works at;
- experience   — the gap in years of service within ``best_gap_min``–``best_gap_max``;
- category     — высшая, педагог-методист, педагог-наставник full weight, первая half;
- form         — the mentor offers the mentee's preferred form;
- timetable    — at least one common day;
- preferred    — the mentor is the mentee's preferred mentor (any spelling or case of the name, or
                 the e-mail: `jobs.matching.preferred`);
- trained      — the mentor has done the mentors' training.

Hard rule of subjects: a pair whose subjects do not fit is allowed only when the mentor covers
at least one of the mentee's general difficulties (`rules.OTHER_SUBJECT` otherwise).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sheets_schema import vocabulary
from jobs.matching import rules
from jobs.matching.encode import People
from jobs.matching.preferred import preferred_mentors
from jobs.matching.rules import Settings

if TYPE_CHECKING:
    import pandas as pd

SCALE = 10  # score units per point: scores are integers, so the optimum is exact
NEG = -(2**30)  # the score of a pair a hard rule excludes


def popcount(masks: np.ndarray) -> np.ndarray:
    """The number of set bits of each int64 mask (as many values as a list holds, no table)."""
    masks = np.asarray(masks, dtype=np.int64)
    if hasattr(np, "bitwise_count"):  # numpy 2
        return np.bitwise_count(masks).astype(np.int64)
    return sum(((masks >> k) & 1 for k in range(63)), np.zeros(masks.shape, dtype=np.int64))


def _pair_table(mentee_masks: np.ndarray, mentor_masks: np.ndarray,
                part: Callable[[int, int], int]) -> tuple[np.ndarray, np.ndarray]:
    """[distinct mentee mask, mentor] of ``part(mentee mask, mentor mask)`` and each mentee's row.

    ``part`` is the very function `Scorer.breakdown` calls, so the table and the reasons agree.
    """
    rows, row_of = np.unique(np.asarray(mentee_masks, dtype=np.int64), return_inverse=True)
    cols, col_of = np.unique(np.asarray(mentor_masks, dtype=np.int64), return_inverse=True)
    table = np.array([[part(int(a), int(b)) for b in cols] for a in rows], dtype=np.int32).reshape(len(rows), len(cols))
    return table[:, col_of], row_of.reshape(-1)


def pts(weight: float, fraction: float = 1.0) -> int:
    """Weight × fraction in score units, rounded half up."""
    return int(math.floor(weight * SCALE * fraction + 0.5))


def general_mask() -> int:
    """The bits of the general difficulties (every value not declared subject-bound)."""
    return sum(1 << i for i, d in enumerate(vocabulary.DIFFICULTIES) if d not in vocabulary.SUBJECT_BOUND_DIFFICULTIES)


def related_matrix(groups: Iterable[Iterable[str]]) -> np.ndarray:
    """Boolean [subject, subject]: the two subjects share a group (and are different)."""
    subject = {s: i for i, s in enumerate(vocabulary.SUBJECTS)}
    r = np.zeros((len(subject), len(subject)), dtype=bool)
    for group in groups:
        idx = [subject[s] for s in group if s in subject]
        for a in idx:
            for b in idx:
                r[a, b] = a != b
    return r


# --- the parts, on codes --------------------------------------------------------------------
def subject_part(s_mentee: int, s_mentor: int, related: np.ndarray, w: Settings) -> int:
    if s_mentee < 0 or s_mentor < 0:
        return 0
    if s_mentee == s_mentor:
        return pts(w.weight_subject)
    return pts(w.weight_related_subject) if related[s_mentee, s_mentor] else 0


def levels_part(l_mentee: int, l_mentor: int, w: Settings) -> int:
    have = l_mentee.bit_count()
    return pts(w.weight_level, (l_mentee & l_mentor).bit_count() / have) if have else 0


def subjects_fit(s_mentee: int, s_mentor: int, related: np.ndarray) -> bool:
    """The same subject or related ones (both known)."""
    return s_mentee >= 0 and s_mentor >= 0 and (s_mentee == s_mentor or bool(related[s_mentee, s_mentor]))


def covered(d_mentee: int, c_mentor: int, fit: bool) -> int:
    """The mask of the mentee's difficulties the mentor covers: only general ones when the
    subjects do not fit."""
    return d_mentee & c_mentor & (-1 if fit else general_mask())


def coverage_part(d_mentee: int, c_mentor: int, w: Settings, fit: bool = True) -> int:
    have = d_mentee.bit_count()
    hit = covered(d_mentee, c_mentor, fit).bit_count()
    return int(math.floor(w.weight_difficulties * SCALE * hit / have + 0.5)) if have else 0


def experience_part(y_mentee: int, y_mentor: int, w: Settings) -> int | None:
    """None when the gap breaks the hard rule ``min_gap``."""
    gap = y_mentor - y_mentee
    if gap < w.min_gap:
        return None
    return pts(w.weight_experience) if w.best_gap_min <= gap <= w.best_gap_max else 0


def category_part(category: int, w: Settings) -> int:
    name = vocabulary.CATEGORIES[category - 1] if 0 < category <= len(vocabulary.CATEGORIES) else ""
    if name in vocabulary.FULL_WEIGHT_CATEGORIES:
        return pts(w.weight_category)
    return pts(w.weight_category, 0.5) if name in vocabulary.HALF_WEIGHT_CATEGORIES else 0


def form_part(f_mentee: int, forms_mentor: int, w: Settings) -> int:
    return pts(w.weight_form) if f_mentee > 0 and forms_mentor >> (f_mentee - 1) & 1 else 0


def timetable_part(t_mentee: int, t_mentor: int, w: Settings) -> int:
    return pts(w.weight_timetable) if t_mentee & t_mentor else 0


def trained_part(trained: bool, w: Settings) -> int:
    return pts(w.weight_trained) if trained else 0


@dataclass
class Scorer:
    """Scores of mentees (rows) against mentors (columns); hard-rule exclusions are `NEG`."""

    mentees: People
    mentors: People
    settings: Settings
    forbidden: dict[int, dict[int, str]]  # mentee index → {mentor index: rule}

    def __post_init__(self) -> None:
        w, me, mo = self.settings, self.mentees, self.mentors
        self.related = related_matrix(w.subject_groups)
        m = len(mo)
        subjects = len(vocabulary.SUBJECTS)
        # [mentee subject (last row: unknown), mentor]: the subjects fit
        known = mo.subject >= 0
        self.fit = np.zeros((subjects + 1, m), dtype=bool)
        for s in range(subjects):
            self.fit[s] = known & ((mo.subject == s) | self.related[s, np.maximum(mo.subject, 0)])
        mentor_only = np.array(
            [category_part(int(c), w) + trained_part(bool(t), w) for c, t in zip(mo.category, mo.trained)],
            dtype=np.int32,
        )
        # [subject × distinct levels mask] rows: subject + levels + the mentor-only parts
        subj = np.array([[subject_part(s if s < subjects else -1, int(t), self.related, w) for t in mo.subject]
                          for s in range(subjects + 1)],
                        dtype=np.int32).reshape(subjects + 1, m)
        lev, lev_row = _pair_table(me.levels, mo.levels, lambda a, b: levels_part(a, b, w))
        self.sl = (subj[:, None, :] + lev[None, :, :] + mentor_only).reshape(subj.shape[0] * lev.shape[0], m)
        # [form × distinct timetable mask] rows
        offers, offer_of = np.unique(mo.form.astype(np.int64), return_inverse=True)
        form = np.array([[form_part(f, int(b), w) for b in offers] for f in range(len(vocabulary.FORMS) + 1)],
                        dtype=np.int32).reshape(len(vocabulary.FORMS) + 1, len(offers))[:, offer_of.reshape(-1)]
        day, day_row = _pair_table(me.timetable, mo.timetable, lambda a, b: timetable_part(a, b, w))
        self.ft = (form[:, None, :] + day[None, :, :]).reshape(form.shape[0] * day.shape[0], m)
        # [mentee years] rows: experience part, NEG below the minimum gap
        top = int(me.years.max()) + 1 if len(me) else 1
        exp = np.zeros((top, m), dtype=np.int32)
        for y in range(top):
            gap = mo.years - y
            exp[y] = np.where(gap < w.min_gap, NEG,
                              np.where((gap >= w.best_gap_min) & (gap <= w.best_gap_max), pts(w.weight_experience), 0))
        self.exp = exp
        # [distinct difficulty masks of mentees] rows: coverage when the subjects fit, and when
        # they do not (general difficulties only; NEG when none of them is covered)
        masks, mask_row = np.unique(me.topics.astype(np.int64), return_inverse=True)
        self.mask_row = mask_row.reshape(-1)
        have = np.maximum(popcount(masks)[:, None], 1)
        both = masks[:, None] & mo.topics.astype(np.int64)[None, :]
        general = popcount(both & np.int64(general_mask()))
        cov = np.floor(w.weight_difficulties * SCALE * popcount(both) / have + 0.5).astype(np.int32)
        self.cov_other = np.where(general > 0, np.floor(w.weight_difficulties * SCALE * general / have + 0.5),
                                  NEG).astype(np.int32)
        # what a fitting subject adds (fits in int32: at most −NEG + the weight); added only on
        # the columns of the mentors whose subject fits, a small part of the matrix
        self.cov_fit = (cov.astype(np.int64) - self.cov_other).astype(np.int32)
        self.fit_columns = [np.nonzero(row)[0] for row in self.fit]
        subj_code = np.where(me.subject < 0, subjects, me.subject).astype(np.int64)
        self.k_subject = subj_code
        self.k_sl = subj_code * lev.shape[0] + lev_row.astype(np.int64)
        self.k_ft = me.form.astype(np.int64) * day.shape[0] + day_row.astype(np.int64)
        self.preferred = self._preferred()
        self.preferred_pts = pts(w.weight_preferred_mentor)

    def _preferred(self) -> dict[int, np.ndarray]:
        """Each mentee's preferred mentors, however the answer names them (`preferred`)."""
        return preferred_mentors(self.mentees, self.mentors)

    def rows(self, idx: np.ndarray) -> np.ndarray:
        """int32 [len(idx), mentors]: the score of every pair, `NEG` where a hard rule excludes it."""
        idx = np.asarray(idx, dtype=np.int64)
        out = self.sl[self.k_sl[idx]]
        out += self.ft[self.k_ft[idx]]
        out += self.exp[self.mentees.years[idx]]
        rows = self.mask_row[idx]
        out += self.cov_other[rows]
        subject = self.k_subject[idx]
        for s in (np.unique(subject) if len(idx) > 1 else subject).tolist():
            cols = self.fit_columns[s]
            if len(cols):
                at = np.nonzero(subject == s)[0]
                out[np.ix_(at, cols)] += self.cov_fit[np.ix_(rows[at], cols)]
        for r, i in enumerate(idx.tolist()):
            pref = self.preferred.get(i)
            if pref is not None:
                out[r, pref] += self.preferred_pts
            banned = self.forbidden.get(i)
            if banned:
                out[r, np.fromiter(banned, dtype=np.int64)] = NEG
        return out

    def breakdown(self, i: int, j: int) -> dict[str, int]:
        """The parts of the score of mentee i with mentor j (sum = `rows` value when allowed)."""
        w, me, mo = self.settings, self.mentees, self.mentors
        pref = self.preferred.get(i)
        fit = self.fits(i, j)
        return {
            "preferred": self.preferred_pts if pref is not None and j in pref else 0,
            "subject": subject_part(int(me.subject[i]), int(mo.subject[j]), self.related, w),
            "difficulties": coverage_part(int(me.topics[i]), int(mo.topics[j]), w, fit),
            "levels": levels_part(int(me.levels[i]), int(mo.levels[j]), w),
            "experience": experience_part(int(me.years[i]), int(mo.years[j]), w) or 0,
            "category": category_part(int(mo.category[j]), w),
            "form": form_part(int(me.form[i]), int(mo.form[j]), w),
            "timetable": timetable_part(int(me.timetable[i]), int(mo.timetable[j]), w),
            "trained": trained_part(bool(mo.trained[j]), w),
        }

    def fits(self, i: int, j: int) -> bool:
        """The subjects of mentee i and mentor j are the same or related."""
        return subjects_fit(int(self.mentees.subject[i]), int(self.mentors.subject[j]), self.related)

    def pair_rule(self, i: int, j: int) -> str | None:
        """The hard rule that excludes the pair (before ``min_score``), or None."""
        if self.mentees.email[i] == self.mentors.email[j]:
            return rules.SELF
        banned = self.forbidden.get(i, {})
        if j in banned:
            return banned[j]
        if experience_part(int(self.mentees.years[i]), int(self.mentors.years[j]), self.settings) is None:
            return rules.GAP
        if not self.fits(i, j) and not covered(int(self.mentees.topics[i]), int(self.mentors.topics[j]), False):
            return rules.OTHER_SUBJECT
        return None


def build_scorer(mentees: People, mentors: People, settings: Settings,
                 forbidden_frame: pd.DataFrame | None) -> Scorer:
    """A Scorer with self-pairs and the forbidden (rejected, ended) pairs excluded."""
    mentee_at = {e: i for i, e in enumerate(mentees.email)}
    mentor_at = {e: j for j, e in enumerate(mentors.email)}
    forbidden: dict[int, dict[int, str]] = {}
    for e, j in mentor_at.items():
        if e in mentee_at:
            forbidden.setdefault(mentee_at[e], {})[j] = rules.SELF
    if forbidden_frame is not None:
        for r in forbidden_frame.itertuples():
            mi, mj = mentee_at.get(str(r.mentee_email).casefold()), mentor_at.get(str(r.mentor_email).casefold())
            if mi is not None and mj is not None:
                forbidden.setdefault(mi, {}).setdefault(mj, r.rule)
    return Scorer(mentees, mentors, settings, forbidden)
