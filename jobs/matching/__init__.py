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
from jobs.matching.propose import MatchOutcome, propose_pairs  # noqa: E402

__all__ = ["MatchOutcome", "propose_pairs"]
