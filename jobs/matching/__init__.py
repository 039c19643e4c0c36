"""Matching: the best pairing of mentees with mentors for the whole cohort.

Pure modules, DataFrame in, DataFrame out (no I/O):

- `encode`   — people of both banks as small integer codes and bit masks;
- `rules`    — the hard rules: who may mentor whom, free places, rejected and ended pairs;
- `scoring`  — the score of every pair, vectorised, and the same score broken into parts;
- `solver`   — the global optimum under capacities (OR-Tools min-cost flow; CP-SAT for groups)
               with a proof of optimality by LP duality;
- `reasons`  — the Russian reasons, alternatives and the reason a mentee has no pair;
- `propose`  — all of the above in one call: `propose_pairs`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobs.matching.propose import MatchOutcome, propose_pairs

__all__ = ["MatchOutcome", "propose_pairs"]


def __getattr__(name: str) -> Any:
    """`propose_pairs` and `MatchOutcome` are imported on first use: the solver pulls in OR-Tools
    and scipy (about half a second), which a command that only reads the banks — `validate`
    resolves preferred mentors through `jobs.matching.preferred` — should not pay."""
    if name in __all__:
        from jobs.matching import propose

        return getattr(propose, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
