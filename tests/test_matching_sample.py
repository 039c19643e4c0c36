"""Done-when of matching, on the sample workspace a new user gets: the proposed pairing is the
optimum (checked by networkx over every allowed pair), every proposal has reasons and
alternatives, every mentee left without a pair has a reason."""
from __future__ import annotations

import sys
from pathlib import Path

from jobs.config import MatchingSettings
from jobs.match import match
from jobs.matching.scoring import build_scorer, pts
from tests.workspaces import NOW, column_values, sample_workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from matching import optimum_networkx  # noqa: E402  (the benchmark's independent optimum)


def test_match_on_the_sample_workspace_is_optimal_and_explained(tmp_path):
    ws, _ = sample_workspace(tmp_path, count=150, seed=1)
    settings = MatchingSettings.default()

    result = match(ws, settings, now=NOW)

    out = result.outcome
    assert out.proved and out.proposed > 50
    scorer = build_scorer(out.mentees, out.mentors, settings, None)
    assert out.total == optimum_networkx(scorer, pts(settings.min_score))

    statuses = column_values(ws.path, "Предложения", "Статус")
    reasons = column_values(ws.path, "Предложения", "Обоснование")
    alternatives = column_values(ws.path, "Предложения", "Другие варианты")
    proposed = [r for r, s in statuses.items() if s == "предложено"]
    unmatched = [r for r, s in statuses.items() if s == "нет пары"]
    assert len(proposed) == out.proposed and len(unmatched) == out.unmatched
    assert all(reasons[r] for r in proposed + unmatched)
    assert sum(1 for r in proposed if alternatives[r]) >= 0.9 * len(proposed)
