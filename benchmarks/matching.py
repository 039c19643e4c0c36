"""Benchmark of matching, side by side on the same cohort: the project's match step, the plain
top-64 + OR-Tools anchor and a greedy, with CPU seconds, peak RSS, the score and its ratio to
the anchor, on realistic random cohorts of 150, 1,000 and 10,000 mentees.

    .venv/bin/python benchmarks/matching.py            # a table (under a minute)
    .venv/bin/python benchmarks/matching.py --json     # the same rows as a JSON list
    .venv/bin/python benchmarks/matching.py --sizes 150 1000
    .venv/bin/python benchmarks/matching.py --prove    # also the independent optimum at 10,000 (~10 min)

A cohort: mentees and 40% as many mentors (capacity 1–3), drawn with the subject, level,
experience, difficulty and timetable frequencies of `jobs.sample` (vectorised here, so 14,000
people take milliseconds). The methods, each run in a fresh process of its own (so that its
peak RSS, `resource.getrusage`, is its own; `cpu_seconds` is the least of `--repeat` runs):

- ``project``: `propose_pairs` — scoring + the proved optimum + reasons, with the exact loss of
  every exchange a better-scoring alternative would need (`jobs.matching.explain`: up to
  `explain.EXACT_PAIRS` mentee × mentor pairs, so at 150 and 1,000 mentees);
- ``anchor``: what a competent engineer writes first — the project's vectorised scorer, each
  mentee's 64 best pairs, one OR-Tools `SimpleMinCostFlow`; no proof, no reasons;
- ``greedy``: the same scorer, pairs in descending score order, each taken while both sides are
  free (all pairs up to 1,000 mentees, each mentee's 64 best above).

``ratio_to_anchor`` is score / the anchor's score. The optimum is recomputed by a solver that
shares nothing with the one under test:
- networkx min-cost flow (network simplex) over ALL allowed pairs, at ≤ 1,000 mentees;
- at 10,000 mentees (40 million pairs), with ``--prove`` only: scipy's HiGHS LP solves the
  candidate pairs (its vertex solution is integral, the matrix being totally unimodular) and
  every one of the 40 million pairs is checked against its dual prices (u_i + v_j ≥ w_ij): a
  dual-feasible (u, v) with the same value as the pairing proves it is optimal over all pairs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sheets_schema import ru  # noqa: E402
from jobs.config import MatchingSettings  # noqa: E402
from jobs.matching import propose_pairs, rules  # noqa: E402
from jobs.matching.encode import encode  # noqa: E402
from jobs.matching.scoring import NEG, build_scorer, pts  # noqa: E402
from jobs.sample import SUBJECT_WEIGHTS  # noqa: E402

SIZES = (150, 1000, 10_000)


def _multi(rng, items, low, high, n):
    k = rng.integers(low, high + 1, n)
    order = np.argsort(rng.random((n, len(items))), axis=1)
    return [[items[x] for x in order[r, : k[r]]] for r in range(n)]


def cohort(mentees: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Typed bank frames (as `validate` leaves OK rows) of a random cohort."""
    rng = np.random.default_rng(seed)
    subjects = list(SUBJECT_WEIGHTS)
    p = np.array(list(SUBJECT_WEIGHTS.values()), dtype=float)
    p /= p.sum()

    def people(n: int, mentor: bool, tag: str) -> pd.DataFrame:
        subj = [subjects[i] for i in rng.choice(len(subjects), n, p=p)]
        levels = [["начальное общее"] if s == "начальные классы" else sorted(
            rng.choice(ru.LEVELS[1:], rng.integers(1, 3), replace=False).tolist(), key=ru.LEVELS.index)
            for s in subj]
        years = rng.integers(8, 39, n) if mentor else rng.choice([0, 1, 2, 3, 4, 6, 12, 20], n, p=np.array([5, 6, 5, 4, 2, 1, 1, 1]) / 25)
        frame = pd.DataFrame({
            "full_name": [f"Сотрудник {tag}{i} Тестович" for i in range(n)],
            "email": [f"{tag}{i:05d}@school.example" for i in range(n)],
            "subject": subj,
            "levels": levels,
            "years": years,
            "category": rng.choice(["первая", "высшая", "высшая", "педагог-наставник"] if mentor else
                                   ["без категории", "без категории", "соответствие занимаемой должности", "первая"], n),
            "timetable": [sorted(x, key=ru.DAYS.index) for x in _multi(rng, ru.DAYS[:5], 1, 3, n)],
        })
        if mentor:
            frame["competences"] = _multi(rng, ru.DIFFICULTIES, 2, 5, n)
            frame["capacity"] = rng.integers(1, 4, n)
            frame["free"] = frame["capacity"]
            frame["preferred_forms"] = _multi(rng, ru.FORMS[:3], 1, 2, n)
            frame["trained"] = rng.random(n) < 0.67
        else:
            frame["difficulties"] = _multi(rng, ru.DIFFICULTIES, 1, 3, n)
            frame["preferred_form"] = [f if f else None for f in rng.choice(ru.FORMS[:3] + [""], n)]
        return frame

    mentor_frame = people(max(1, round(mentees * 0.4)), True, "n")
    mentee_frame = people(mentees, False, "m")
    wish = rng.random(mentees) < 0.15
    mentee_frame["preferred_mentor"] = np.where(
        wish, mentor_frame["full_name"].to_numpy()[rng.integers(0, len(mentor_frame), mentees)], None)
    return mentee_frame, mentor_frame


def _scorer(mentees: pd.DataFrame, mentors: pd.DataFrame, settings: MatchingSettings):
    """The project's scorer over the mentors `propose_pairs` allows (the anchor and greedy use it)."""
    me, everyone = encode(mentees, mentor=False), encode(mentors, mentor=True)
    excluded = rules.mentor_exclusions(everyone.years, everyone.trained, everyone.free, settings)
    return build_scorer(me, encode(everyone.frame[excluded == ""], mentor=True), settings, None)


def project(mentees: pd.DataFrame, mentors: pd.DataFrame, settings: MatchingSettings) -> dict:
    """The measured step: `propose_pairs` (scoring, the proved optimum, reasons)."""
    outcome = propose_pairs(mentees, mentors, settings)
    return {"score": outcome.total, "matched": outcome.proposed, "candidates": outcome.candidates,
            "rounds": outcome.rounds, "proved": outcome.proved}


def anchor(mentees: pd.DataFrame, mentors: pd.DataFrame, settings: MatchingSettings, k: int = 64) -> dict:
    """The plain approach: each mentee's `k` best pairs, one OR-Tools min-cost flow, no proof."""
    from ortools.graph.python import min_cost_flow

    scorer = _scorer(mentees, mentors, settings)
    n, m = len(scorer.mentees), len(scorer.mentors)
    ei, ej, w = _top_pairs(scorer, pts(settings.min_score), k)
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = n + m, n + m + 1
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(n, source), ei, np.arange(n), n + np.arange(m)]),
        np.concatenate([np.arange(n), n + ej, np.full(n, sink), np.full(m, sink)]),
        np.concatenate([np.ones(n), np.ones(len(ei)), np.ones(n), scorer.mentors.free]).astype(np.int64),
        np.concatenate([np.zeros(n), -w, np.zeros(n + m)]).astype(np.int64))
    flow.set_nodes_supplies(np.array([source, sink]), np.array([n, -n]))
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("anchor: min-cost flow failed")
    used = flow.flows(np.arange(n, n + len(ei))) > 0
    return {"score": int(w[used].sum()), "matched": int(used.sum()), "candidates": len(ei)}


def greedy_method(mentees: pd.DataFrame, mentors: pd.DataFrame, settings: MatchingSettings) -> dict:
    scorer = _scorer(mentees, mentors, settings)
    score, matched = greedy(scorer, pts(settings.min_score))
    return {"score": score, "matched": matched}


METHODS = {"project": project, "anchor": anchor, "greedy": greedy_method}


def measure_one(method: str, size: int, repeat: int, seed: int = 1) -> dict:
    """One method on the cohort of `size`, in this process: the least CPU seconds of `repeat`
    runs (wall seconds of that run), and the process's peak RSS (`resource.getrusage`: it sees
    the C++ memory of OR-Tools, which tracemalloc misses)."""
    import resource

    settings = MatchingSettings.default()
    mentees, mentors = cohort(size, seed)
    METHODS[method](mentees.head(5), mentors.head(5), settings)  # imports and first-call costs
    best: tuple[float, float, dict] | None = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = METHODS[method](mentees, mentors, settings)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        if best is None or cpu < best[0]:
            best = (cpu, seconds, result)
    assert best is not None
    cpu, seconds, result = best
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"method": method, "mentees": size, "seed": seed, "mentors": len(mentors), "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3), "rss_mb": round(rss, 1), **result}


def _in_child(method: str, size: int, repeat: int, seed: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", method, "--sizes", str(size), "--repeat", str(repeat),
                          "--seeds", str(seed)],
                         check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout))


def _all_pairs(scorer, min_points):
    n = len(scorer.mentees)
    s = scorer.rows(np.arange(n)).astype(np.int64)
    s[s < min_points] = NEG
    i, j = np.nonzero(s > NEG)
    return i, j, s[i, j]


def optimum_networkx(scorer, min_points: int) -> int:
    """Max Σ score over ALL allowed pairs, by networkx's network simplex."""
    import networkx as nx

    n, m = len(scorer.mentees), len(scorer.mentors)
    i, j, s = _all_pairs(scorer, min_points)
    g = nx.DiGraph()
    g.add_node("s", demand=-n)
    g.add_node("t", demand=n)
    for a in range(n):
        g.add_edge("s", ("e", a), capacity=1, weight=0)
        g.add_edge(("e", a), "t", capacity=1, weight=0)
    for b in range(m):
        g.add_edge(("o", b), "t", capacity=int(scorer.mentors.free[b]), weight=0)
    for a, b, w in zip(i.tolist(), j.tolist(), s.tolist()):
        g.add_edge(("e", a), ("o", b), capacity=1, weight=-w)
    return -nx.min_cost_flow_cost(g)


def optimum_highs_with_proof(scorer, outcome, min_points: int) -> int:
    """The optimum over ALL allowed pairs by HiGHS (scipy) with its own column generation.

    HiGHS solves the LP over a pair set (its optimum equals the integral one: the matrix is totally
    unimodular); every allowed pair is then checked against HiGHS's dual prices, violating pairs
    are added and the LP solved again, until (u, v) is dual feasible for all 40 million pairs —
    which proves the LP value is the optimum. Shares no code with the solver under test except
    the scores: its starting pairs, its LP solver and its scan of all pairs are its own.
    """
    import scipy.sparse as sp
    from scipy.optimize import linprog

    n, m = len(scorer.mentees), len(scorer.mentors)
    ei, ej, es = _top_pairs(scorer, min_points, 16)
    free = scorer.mentors.free.astype(float)
    while True:
        e = len(ei)
        a = sp.vstack([
            sp.csr_matrix((np.ones(e), (ei, np.arange(e))), shape=(n, e)),
            sp.csr_matrix((np.ones(e), (ej, np.arange(e))), shape=(m, e)),
        ]).tocsr()
        res = linprog(-es.astype(float), A_ub=a, b_ub=np.concatenate([np.ones(n), free]), bounds=(0, None),
                      method="highs-ds")
        u = np.maximum(-res.ineqlin.marginals[:n], 0)
        v = np.maximum(-res.ineqlin.marginals[n:], 0)
        add_i, add_j, add_s = [], [], []
        for start in range(0, n, 500):
            idx = np.arange(start, min(n, start + 500))
            s = scorer.rows(idx).astype(float)
            s[s < min_points] = -np.inf
            gain = s - u[idx, None] - v[None, :]
            r, c = np.nonzero(gain > 1e-6)
            add_i.append(idx[r]); add_j.append(c); add_s.append(s[r, c].astype(np.int64))
        if not sum(len(x) for x in add_i):
            # (u, v) is feasible for the dual of the LP over ALL pairs; equal objectives prove it
            dual = float(u.sum() + free @ v)
            if abs(dual + res.fun) > 1e-6 * max(1.0, abs(res.fun)):
                raise RuntimeError(f"no proof: dual {dual} != primal {-res.fun}")
            return int(round(-res.fun))
        ei, ej, es = (np.concatenate([ei, *add_i]), np.concatenate([ej, *add_j]), np.concatenate([es, *add_s]))


def greedy(scorer, min_points: int) -> tuple[int, int]:
    """Baseline: pairs in descending score order, each taken if both sides are still free.
    Returns (total score, pairs)."""
    i, j, s = _all_pairs(scorer, min_points) if len(scorer.mentees) <= 1000 else _top_pairs(scorer, min_points)
    order = np.lexsort((j, i, -s))
    free = scorer.mentors.free.astype(np.int64).copy()
    done = np.zeros(len(scorer.mentees), dtype=bool)
    total = 0
    for a, b, w in zip(i[order].tolist(), j[order].tolist(), s[order].tolist()):
        if not done[a] and free[b] > 0:
            done[a] = True
            free[b] -= 1
            total += w
    return total, int(done.sum())


def _top_pairs(scorer, min_points, k=64):
    """Each mentee's `k` best allowed pairs (this script's own selection, not the solver's)."""
    n, m = len(scorer.mentees), len(scorer.mentors)
    out_i, out_j, out_s = [], [], []
    for start in range(0, n, 500):
        idx = np.arange(start, min(n, start + 500))
        s = scorer.rows(idx).astype(np.int64)
        s[s < min_points] = NEG
        top = np.argpartition(-s, min(k, m - 1), axis=1)[:, :k] if k < m else np.tile(np.arange(m), (len(idx), 1))
        r = np.repeat(np.arange(len(idx)), top.shape[1])
        c = top.ravel()
        keep = s[r, c] > NEG
        out_i.append(idx[r[keep]]); out_j.append(c[keep]); out_s.append(s[r[keep], c[keep]])
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def optimum(size: int, prove: bool, seed: int = 1) -> int | None:
    """The optimum by the independent solvers (networkx ≤ 1,000; HiGHS + the 40-million-pair
    check at 10,000 with `prove`), None when not computed."""
    if size > 1000 and not prove:
        return None
    settings = MatchingSettings.default()
    mentees, mentors = cohort(size, seed)
    scorer = _scorer(mentees, mentors, settings)
    min_points = pts(settings.min_score)
    return optimum_networkx(scorer, min_points) if size <= 1000 else optimum_highs_with_proof(scorer, None, min_points)


def run(size: int, repeat: int, prove: bool, seed: int = 1) -> list[dict]:
    """The three rows of one size and cohort, each measured in a fresh process."""
    rows = [_in_child(method, size, repeat, seed) for method in METHODS]
    best = optimum(size, prove, seed)
    anchor_score = next(r["score"] for r in rows if r["method"] == "anchor")
    for r in rows:
        r["ratio_to_anchor"] = round(r["score"] / anchor_score, 5) if anchor_score else None
        r["optimum"] = best / 10 if best is not None else None
        r["equals_optimum"] = (r["score"] == best) if best is not None else None
        r["score"] = r["score"] / 10
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3, help="runs per method; the least CPU time counts")
    parser.add_argument("--prove", action="store_true",
                        help="also compute the independent optimum at 10,000 (HiGHS + a check of all pairs, ~10 min)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1],
                        help="cohorts to draw (each size is measured on each); 1 is the README's")
    parser.add_argument("--one", choices=sorted(METHODS), help=argparse.SUPPRESS)  # a child: one method, one size
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.sizes[0], args.repeat, args.seeds[0])))
        return
    results = [row for size in args.sizes for seed in args.seeds for row in run(size, args.repeat, args.prove, seed)]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    print(f"{'mentees':>8} {'seed':>4} {'mentors':>8} {'method':>8} {'seconds':>8} {'CPU s':>7} {'RSS MB':>7} {'score':>11} "
          f"{'/anchor':>8} {'optimum':>11} {'matched':>8}")
    for r in results:
        best = f"{r['optimum']:>11.1f}" if r["optimum"] is not None else f"{'—':>11}"
        print(f"{r['mentees']:>8} {r['seed']:>4} {r['mentors']:>8} {r['method']:>8} {r['seconds']:>8.3f} {r['cpu_seconds']:>7.3f} "
              f"{r['rss_mb']:>7.1f} {r['score']:>11.1f} {r['ratio_to_anchor']:>8.5f} {best} {r['matched']:>8}")


if __name__ == "__main__":
    main()
