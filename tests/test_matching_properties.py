"""Property tests of matching: every hard rule holds, and the total equals an independent optimum
(brute force over every assignment) on small random cohorts, in each mode and with groups."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from sheets_schema import ru
from jobs.config import MatchingSettings
from jobs.matching import propose_pairs
from jobs.matching.encode import encode
from jobs.matching.scoring import build_scorer, pts
from tests.test_matching_ties import documented_key

SUBJECTS = ["математика", "физика", "музыка"]
DIFFS = ru.DIFFICULTIES[:4]


def person(draw, i: int, mentor: bool) -> dict:
    row = {
        "email": f"{'t' if mentor else 'm'}{i}@s.example",
        "full_name": f"Фамилия{i} Имя Отчество",
        "subject": draw(st.sampled_from(SUBJECTS)),
        "levels": draw(st.lists(st.sampled_from(ru.LEVELS), min_size=1, max_size=2, unique=True)),
        "years": draw(st.integers(0, 30) if mentor else st.integers(0, 12)),
        "category": draw(st.sampled_from(["первая", "высшая", "без категории"])),
        "timetable": draw(st.lists(st.sampled_from(ru.DAYS[:3]), max_size=2, unique=True)),
    }
    if mentor:
        row.update(competences=draw(st.lists(st.sampled_from(DIFFS), min_size=1, max_size=3, unique=True)),
                   free=draw(st.integers(0, 3)), trained=draw(st.booleans()),
                   preferred_forms=draw(st.lists(st.sampled_from(ru.FORMS[:2]), max_size=2, unique=True)))
    else:
        row.update(difficulties=draw(st.lists(st.sampled_from(DIFFS), min_size=1, max_size=3, unique=True)),
                   preferred_form=draw(st.sampled_from([None, *ru.FORMS[:2]])),
                   preferred_mentor=None)
    return row


@st.composite
def cohorts(draw, max_mentees=6, max_mentors=4):
    n = draw(st.integers(0, max_mentees))
    m = draw(st.integers(0, max_mentors))
    mentees = [person(draw, i, False) for i in range(n)]
    mentors = [person(draw, j, True) for j in range(m)]
    for row in mentees:
        if mentors and draw(st.booleans()):
            row["preferred_mentor"] = draw(st.sampled_from([r["full_name"] for r in mentors]))
    forbidden = [(a["email"], b["email"], draw(st.sampled_from(["rejected", "ended"])))
                 for a in mentees for b in mentors if draw(st.integers(0, 5)) == 0]
    if mentees and mentors and draw(st.booleans()):  # someone in both banks: nobody mentors themself
        mentors[0]["email"] = mentees[0]["email"]
    columns = ["mentee_email", "mentor_email", "rule"]
    return (pd.DataFrame(mentees), pd.DataFrame(mentors), pd.DataFrame(forbidden, columns=columns))


def frames_or_empty(mentees, mentors):
    if mentees.empty:
        mentees = pd.DataFrame(columns=["email", "full_name", "subject", "levels", "years", "difficulties"])
    if mentors.empty:
        mentors = pd.DataFrame(columns=["email", "full_name", "subject", "levels", "years", "competences", "free"])
    return mentees, mentors


def brute_force(mentees, mentors, forbidden, settings, bonus: int = 0):
    """The best (count, total) or total over every assignment of mentees to allowed mentors, and
    the assignment the documented tie-break chooses among those (mentee → mentor e-mail)."""
    me, mo = encode(mentees, False), encode(mentors, True)
    ok = (mo.years >= settings.min_mentor_years) & (mo.free > 0)
    if settings.require_training:
        ok &= mo.trained
    scorer = build_scorer(me, mo, settings, forbidden)
    s = scorer.rows(np.arange(len(me))) if len(me) else np.zeros((0, len(mo)), np.int32)
    allowed = [[j for j in range(len(mo)) if ok[j] and s[i, j] >= pts(settings.min_score)] for i in range(len(me))]
    best = None
    best_rank = None
    for choice in itertools.product(*[[None, *a] for a in allowed]):
        used = np.bincount([j for j in choice if j is not None], minlength=len(mo))
        if (used > mo.free).any():
            continue
        total = sum(int(s[i, j]) for i, j in enumerate(choice) if j is not None)
        groups: dict[tuple[int, int], int] = {}
        for i, j in enumerate(choice):
            if j is not None:
                groups[(j, int(me.main[i]))] = groups.get((j, int(me.main[i])), 0) + 1
        total += bonus * sum(k - 1 for (j, _), k in groups.items() if mo.free[j] >= 2)
        key = (sum(j is not None for j in choice), total) if settings.mode == "count" else total
        best = key if best is None or key > best else best
        pairs = [(i, j) for i, j in enumerate(choice) if j is not None]
        # the documented tie-break (jobs.matching.tiebreak): the most pairs, then the least key sum
        rank = (key, len(pairs), -sum(documented_key(me.email[i], mo.email[j]) for i, j in pairs))
        if best_rank is None or rank > best_rank[0]:
            best_rank = (rank, {me.email[i]: mo.email[j] for i, j in pairs})
    return best, (best_rank[1] if best_rank else {})


def check_rules(out, mentees, mentors, forbidden, settings):
    frame = out.frame
    assert sorted(frame["mentee_email"]) == sorted(mentees["email"]) if len(mentees) else frame.empty
    proposed = frame[frame["status"] == "предложено"]
    assert set(frame["status"]) <= {"предложено", "нет пары"}
    by_email = mentors.set_index("email") if len(mentors) else None
    banned = {(a, b) for a, b, _ in forbidden.itertuples(index=False)}
    for r in proposed.itertuples():
        mo = by_email.loc[r.mentor_email]
        me = mentees.set_index("email").loc[r.mentee_email]
        assert r.mentee_email != r.mentor_email
        assert (r.mentee_email, r.mentor_email) not in banned
        assert mo["years"] >= settings.min_mentor_years
        assert mo["years"] - me["years"] >= settings.min_gap
        assert r.points >= pts(settings.min_score)
        assert r.reasons and r.alternatives
    for email, count in proposed["mentor_email"].value_counts().items():
        assert count <= by_email.loc[email, "free"]
    for r in frame[frame["status"] == "нет пары"].itertuples():
        assert r.reasons.endswith("подбор повторится при следующем запуске") and r.mentor_email == ""


def run(data, settings):
    mentees, mentors, forbidden = data
    mentees, mentors = frames_or_empty(mentees, mentors)
    out = propose_pairs(mentees, mentors, settings, forbidden)
    check_rules(out, mentees, mentors, forbidden, settings)
    best, choice = brute_force(mentees, mentors, forbidden, settings, pts(settings.group_bonus))
    got = out.total if settings.mode == "quality" else (out.proposed, out.total)
    assert got == best
    assert out.proved
    if out.proved:  # among tied optima, the documented one
        chosen = out.frame[out.frame["mentor_email"] != ""]
        assert dict(zip(chosen["mentee_email"], chosen["mentor_email"])) == choice


FAST = hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(cohorts())
def test_quality_mode_is_optimal_and_keeps_every_rule(data):
    run(data, MatchingSettings.default())


@FAST
@given(cohorts())
def test_count_mode_maximises_pairs_then_score(data):
    run(data, MatchingSettings.from_section({"mode": "count", "min_score": 0.0}))


@FAST
@given(cohorts(max_mentees=5, max_mentors=3))
def test_group_bonus_is_optimal(data):
    run(data, MatchingSettings.from_section({"group_bonus": 15.0}))


@pytest.mark.slow
@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(max_mentees=7, max_mentors=4))
def test_quality_mode_many_cohorts(data):
    run(data, MatchingSettings.from_section({"min_score": 40.0}))


def test_same_input_in_another_row_order_gives_the_same_pairs():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from matching import cohort

    mentees, mentors = cohort(300, seed=5)
    a = propose_pairs(mentees, mentors, MatchingSettings.default()).frame
    b = propose_pairs(mentees.sample(frac=1, random_state=1), mentors.sample(frac=1, random_state=2),
                      MatchingSettings.default()).frame
    pd.testing.assert_frame_equal(a, b)


def test_candidates_grow_until_the_duality_check_passes(monkeypatch):
    """A cohort where the best-K candidates alone are not enough: the total still equals networkx.
    (Without the mentors' own best mentees, which make the first candidates enough here.)"""
    import sys

    from jobs.matching import solver

    monkeypatch.setattr(solver, "COLUMN_BEST", 0)
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from matching import cohort, optimum_networkx

    mentees, mentors = cohort(150, seed=7)
    out = propose_pairs(mentees, mentors, MatchingSettings.default())
    scorer = build_scorer(out.mentees, out.mentors, MatchingSettings.default(), None)
    assert out.total == optimum_networkx(scorer, pts(MatchingSettings.default().min_score))
    assert out.rounds >= 2  # the first candidates were grown at least once
    assert out.proved
    # ...and the optimum was proved on a part of the pairs, not on all of them
    assert out.candidates < len(mentees) * len(mentors)


@pytest.mark.parametrize("mode", ["quality", "count"])
def test_the_kept_matrix_and_the_streaming_check_prove_the_same_optimum(monkeypatch, mode):
    """Up to `solver.KEPT_CELLS` pairs the scores are kept and checked whole (with each mentor's
    best mentees among the first candidates); above it they are streamed. Both prove the same
    optimum and the same proposals — in «count» mode too, where the weights carry a large
    constant per pair."""
    import dataclasses
    import sys
    from pathlib import Path

    from jobs.matching import solver

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from matching import cohort

    settings = dataclasses.replace(MatchingSettings.default(), mode=mode)
    mentees, mentors = cohort(300, seed=3)
    kept = propose_pairs(mentees, mentors, settings)
    monkeypatch.setattr(solver, "KEPT_CELLS", 0)
    streamed = propose_pairs(mentees, mentors, settings)
    assert kept.proved and streamed.proved
    assert kept.total == streamed.total
    assert kept.proposed == streamed.proposed
    pd.testing.assert_frame_equal(kept.frame, streamed.frame)  # the same pairs: the tie-break, not the path


@pytest.mark.parametrize("mode", ["quality", "count"])
def test_scores_above_the_int16_range_are_kept_as_int32(monkeypatch, mode):
    """Weights of hundreds of points make scores that do not fit int16: the kept matrix becomes
    int32 (rows already stored are carried over), and excluded pairs stay excluded."""
    import dataclasses
    import sys
    from pathlib import Path

    from jobs.matching import solver

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from matching import cohort

    settings = dataclasses.replace(MatchingSettings.default(), mode=mode, weight_subject=1000.0,
                                   weight_difficulties=1000.0, weight_level=1000.0, weight_experience=1000.0)
    mentees, mentors = cohort(300, seed=4)
    monkeypatch.setattr(solver, "CHUNK_CELLS", 5 * 120)  # five mentees a chunk: the type changes mid-way
    kept_types: list[np.dtype] = []
    original = solver.KeptScores.__init__

    def spy(self, table):
        kept_types.append(table.dtype)
        original(self, table)

    monkeypatch.setattr(solver.KeptScores, "__init__", spy)
    kept = propose_pairs(mentees, mentors, settings)
    assert kept_types == [np.dtype(np.int32)]
    monkeypatch.setattr(solver, "KEPT_CELLS", 0)
    streamed = propose_pairs(mentees, mentors, settings)
    assert kept.proved and kept.total == streamed.total and kept.proposed == streamed.proposed
    scorer = build_scorer(kept.mentees, kept.mentors, settings, None)
    proposed = kept.frame[kept.frame["mentor_email"] != ""]
    mentor_at = {e: j for j, e in enumerate(kept.mentors.email)}
    for i, e in zip(proposed.index, proposed["mentor_email"]):
        assert scorer.pair_rule(int(i), mentor_at[e]) is None  # no excluded pair was proposed


def test_scores_that_need_int32_above_half_the_kept_limit_are_streamed(monkeypatch):
    """The kept matrix's limit counts int16 cells: when a score does not fit int16 and the matrix
    would take more than the limit's memory as int32, the check streams the rows instead — the
    same proposals."""
    import dataclasses
    import sys
    from pathlib import Path

    from jobs.matching import solver

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from matching import cohort

    settings = dataclasses.replace(MatchingSettings.default(), weight_subject=1000.0, weight_difficulties=1000.0,
                                   weight_level=1000.0, weight_experience=1000.0)
    mentees, mentors = cohort(300, seed=4)
    kept = propose_pairs(mentees, mentors, settings)
    monkeypatch.setattr(solver, "KEPT_CELLS", 300 * 120 + 1)  # int16 would fit, int32 would not
    built: list[np.dtype] = []
    original = solver.KeptScores.__init__
    monkeypatch.setattr(solver.KeptScores, "__init__", lambda self, table: (built.append(table.dtype), original(self, table))[1])
    streamed = propose_pairs(mentees, mentors, settings)
    assert built == []  # never kept
    assert streamed.proved and streamed.total == kept.total
    pd.testing.assert_frame_equal(streamed.frame, kept.frame)
