"""The global optimum of the total score under the mentors' free places, with a proof.

Model. Mentees i, mentors j with free places c_j, candidate pairs (i, j) with integer weight
w_ij (the score; in ``count`` mode the score plus a constant M larger than any total score, so
one more pair always wins — a lexicographic objective in one number). Maximise Σ w·x with
Σ_j x_ij ≤ 1, Σ_i x_ij ≤ c_j, x ∈ {0, 1}: a bipartite b-matching, solved exactly over the
candidates as a sparse assignment (scipy's LAPJVsp: a column per free place and a "no pair"
column per mentee) or, when mentors have many places, as an OR-Tools min-cost flow.

Proof. Scoring every pair is cheap; handing 40 million pairs to a solver is not. The solution
over the candidates is *proved* optimal over all pairs by LP duality: the constraint matrix is
totally unimodular, so (u, v) ≥ 0 with u_i + v_j ≥ w_ij on every allowed pair and
Σu + Σc·v = Σw·x certifies the optimum. Mentor prices v come from shortest paths over the
solution (a system of difference constraints, Bellman–Ford), u_i = max(0, max_j w_ij − v_j).
Which optimum is proposed when several tie is decided afterwards by `tiebreak`, from the prices:
so the candidates below are a matter of speed only, never of the result.

Up to `KEPT_CELLS` pairs (10,000 × 4,000 is 40 million: 80 MB as int16) the score matrix is
computed once and kept (`KeptScores`):
- the first candidates are each mentee's `K_BEST` and each mentor's `COLUMN_BEST` best pairs
  (the mentees a contested mentor's price is decided between, which the mentees' own best pairs
  miss), found in one pass by counting the cells near each row's and column's best;
- the check is exact and whole: every pair is compared with u_i + v_j in one pass;
- when it fails, the next candidates are the pairs within `NEAR_SLACK` of tight under the
  current prices, with each mentee's `ADD_PER_ROUND` most violating pairs — at the optimum about
  100,000 of the 40 million pairs, so the next solve is small; the same assignment is first
  tried with new prices over them (Bellman–Ford, at most `PRICE_ROUNDS` rounds), and the
  problem is solved again only when no such prices are found. On the benchmark's cohorts of
  10,000 this takes 1 to 3 solves.

Above `KEPT_CELLS` rows are streamed: each mentee keeps its K best pairs, and ``threshold``
remembers the best score it left out. A mentee whose left-out pairs might violate the check
(threshold > u_i + min v) has its full row scored; violating pairs are added and the problem
solved again, until no pair violates.

Groups. With ``group_bonus`` g > 0, every second and further mentee of a mentor with the same
main difficulty adds g: g·(n_jd − y_jd), y_jd ∈ {0, 1}, y_jd ≥ x_ij. That is no longer a flow;
CP-SAT solves the integer programme exactly (one worker, so the answer is deterministic), from
the flow's solution as a hint. For up to `ALL_PAIRS_LIMIT` allowed pairs every allowed pair is
given to CP-SAT; above it, the candidates certified for the relaxation "g on every pair".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from jobs.matching import tiebreak
from jobs.matching.scoring import NEG

K_BEST = 12  # candidates per mentee before the optimality check
PRICE_ROUNDS = 50  # Bellman–Ford rounds tried before the flow is solved again instead
COLUMN_BEST = 32  # each mentor's best mentees added to the candidates when the matrix is kept
WINDOW = 200  # ... searched within this many score units (20 points) of a mentee's or mentor's best
SLOTS_PER_PAIR = 4  # up to this many places per candidate pair on average, the flow is solved as an assignment
NEAR_SLACK = 20  # after the first flow, the candidates are the pairs within 2 points of tight
UNION_AFTER = 3  # from this round on the candidates only grow (so the rounds end)
ADD_PER_ROUND = 8  # pairs with the best reduced score a violating mentee adds per round
CHUNK_CELLS = 2_000_000  # pairs scored at once (int32: 8 MB)
ALL_PAIRS_LIMIT = 200_000
KEPT_CELLS = 128_000_000  # up to this many pairs the score matrix is computed once and kept (int16: 256 MB;
# 17,000 × 6,800 mentees × mentors: 6.3 CPU s and 690 MB peak RSS kept, 16.8 s streamed)
NONE = -1

# `rows(idx)`: the int32 score matrix [len(idx), mentors] of those mentees (`scoring.Scorer.rows`)
RowScores = Callable[[np.ndarray], np.ndarray]


@dataclass
class Candidates:
    mentee: np.ndarray  # int64
    mentor: np.ndarray  # int64
    score: np.ndarray  # int64
    threshold: np.ndarray  # int64 per mentee: best allowed score left out, NEG if none

    def __len__(self) -> int:
        return len(self.mentee)


@dataclass
class Solution:
    assign: np.ndarray  # int64 per mentee: mentor index or NONE
    total: int  # Σ score of the chosen pairs
    candidates: Candidates
    proved: bool = True  # optimality proved (duality, or CP-SAT status OPTIMAL)
    rounds: int = 1  # flow solves until the duality check passed
    bound: int | None = None  # CP-SAT's upper bound when not proved
    groups: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # (mentor, difficulty) → mentees
    rows: RowScores | None = None  # the scores the solver read (the kept matrix when there is one)
    shortlist: Candidates | None = None  # each mentee's first candidates: its best pairs and `threshold`


def kept_scores(rows: RowScores, n: int, m: int, min_points: int) -> RowScores:
    """`rows` over a score matrix computed once (pairs below `min_points` already `NEG`), when it
    has at most `KEPT_CELLS` pairs (half as many when a score does not fit int16); `rows` itself
    above that.

    The certificate re-reads the rows of the mentees it suspects every round; scoring them
    again cost more than the flow. The matrix is int16 when every score fits (NEG stored as the
    int16 minimum and given back as NEG), else int32.
    """
    if n * m > KEPT_CELLS or n == 0 or m == 0:
        return rows
    step = max(1, CHUNK_CELLS // m)
    table = np.empty((n, m), dtype=np.int16)  # int32 as soon as a score does not fit
    for start in range(0, n, step):
        part = rows(np.arange(start, min(n, start + step)))
        if table.dtype == np.int16 and int(part.max(initial=0)) >= 2**15:
            if n * m > KEPT_CELLS // 2:  # int32 would take twice the memory the limit allows
                return rows
            old = table[:start]
            table = table.astype(np.int32)
            table[:start][old == np.iinfo(np.int16).min] = np.iinfo(np.int32).min
        part[part < min_points] = np.iinfo(table.dtype).min  # the type's minimum stands for NEG
        table[start : start + len(part)] = part
    return KeptScores(table)


class KeptScores:
    """The score matrix kept in memory (`kept_scores`); called like `RowScores`."""

    def __init__(self, table: np.ndarray):
        self.table = table
        self.low = int(np.iinfo(table.dtype).min)  # stands for NEG

    def __call__(self, idx: np.ndarray) -> np.ndarray:
        out = self.table[np.asarray(idx, dtype=np.int64)].astype(np.int32)
        out[out == self.low] = NEG
        return out

    def first_candidates(self, k: int, column_k: int) -> Candidates:
        """The first candidates, from the kept matrix in one pass: each mentee's `k` best pairs
        and each mentor's `column_k` best mentees — the mentees a contested mentor's price is
        decided between, which the mentees' own best pairs often miss. Ties with the last one
        taken are taken too.

        No sort: a best is "within the least distance d of the row's (column's) best score that
        holds k of them", d < `WINDOW`, found by counting the cells at each distance (a partition
        of this tie-heavy int16 matrix costs five times more). A mentee with fewer than `k` pairs
        within the window gets its `k` best by a partition of its row; a mentor, only those.

        ``threshold`` bounds the best score left out of each mentee's pairs."""
        n, m = self.table.shape
        low = self.low
        window = WINDOW
        step = max(1, CHUNK_CELLS // max(m, 1))
        row_top = self.table.max(axis=1).astype(np.int32)
        col_top = self.table.max(axis=0).astype(np.int32)
        # the least score within the window, in the matrix's type (above its minimum: not excluded)
        lowest = np.iinfo(self.table.dtype).min + 1
        row_from = np.maximum(row_top - window + 1, lowest).astype(self.table.dtype)
        col_from = np.maximum(col_top - window + 1, lowest).astype(self.table.dtype)
        got_i, got_j = [], []
        for start in range(0, n, step):
            block = self.table[start : start + step]
            r, c = np.nonzero((block >= row_from[start : start + step, None]) | (block >= col_from[None, :]))
            got_i.append(r + start); got_j.append(c)
        ri, cj = np.concatenate(got_i).astype(np.int64), np.concatenate(got_j).astype(np.int64)
        score = self.table[ri, cj].astype(np.int32)
        rgap, cgap = row_top[ri] - score, col_top[cj] - score

        def reach(owner: np.ndarray, gap: np.ndarray, size: int, want: int) -> tuple[np.ndarray, np.ndarray]:
            """The least distance holding `want` cells per owner (window − 1 at most), and whether it does."""
            near = gap < window
            count = np.bincount(owner[near] * window + gap[near], minlength=size * window).reshape(size, window)
            total = count.cumsum(axis=1)
            return np.minimum((total < want).sum(axis=1), window - 1), total[:, -1] >= want

        row_reach, row_full = reach(ri, rgap, n, k)
        keep = rgap <= row_reach[ri]
        if column_k > 0 and n > column_k:
            col_reach, _ = reach(cj, cgap, m, column_k)
            keep |= cgap <= col_reach[cj]
        threshold = np.where(row_full, row_top.astype(np.int64) - row_reach - 1, NEG)
        short = np.nonzero(~row_full & (row_top > low))[0]  # fewer than k pairs near the best: a partition
        shorts = np.zeros(n, dtype=bool)
        shorts[short] = True
        mixed = keep & shorts[ri]  # the short mentees' cells the window took (mentors' best)
        keep &= ~shorts[ri]
        ei, ej = [ri[mixed]], [cj[mixed]]
        for start in range(0, len(short), step):
            idx = short[start : start + step]
            rows = self.table[idx]
            if m > k:
                part = np.argpartition(rows, m - k - 1, axis=1)[:, m - k - 1 :]  # the (k+1)-th best, then the best k
                best = np.take_along_axis(rows, part, axis=1)
                threshold[idx] = np.where(best[:, 0] > low, best[:, 0], NEG)
                r, c = np.nonzero(best[:, 1:] > low)
                ei.append(idx[r]); ej.append(part[:, 1:][r, c].astype(np.int64))
            else:
                r, c = np.nonzero(rows > low)
                ei.append(idx[r]); ej.append(c.astype(np.int64))
        # the short mentees' pairs once each, then every pair by mentee and mentor
        key = np.concatenate([ri[keep] * m + cj[keep], np.unique(np.concatenate(ei) * m + np.concatenate(ej))])
        if len(short):
            key.sort()
        mentee, mentor = key // m, key % m
        return Candidates(mentee, mentor, self.table[mentee, mentor].astype(np.int64), threshold)

    def _blocks(self, u: np.ndarray, v: np.ndarray, extra: int):
        """(first row, block of the matrix, u_i + v_j − `extra` of its cells, excluded cells) per
        block, in the narrowest integer type that holds u_i + v_j − extra exactly."""
        a, b = u.astype(np.int64), v.astype(np.int64) - extra
        hi = int(a.max(initial=0)) + int(b.max(initial=0))
        lo = int(a.min(initial=0)) + int(b.min(initial=0))
        for dtype in (self.table.dtype, np.int32, np.int64):
            info = np.iinfo(dtype)
            if info.min < lo and hi < info.max and info.bits >= self.table.dtype.itemsize * 8:
                break
        a, b = a.astype(dtype), b.astype(dtype)
        step = max(1, CHUNK_CELLS // max(self.table.shape[1], 1))
        for start in range(0, len(self.table), step):
            block = self.table[start : start + step]
            # a bound at or below the stand-in of NEG: the excluded cells must be told apart
            excluded = block == self.low if lo <= self.low else None
            yield start, block, a[start : start + step, None] + b[None, :], excluded

    def violating(self, u: np.ndarray, v: np.ndarray, extra: int) -> np.ndarray:
        """The mentees with a pair of weight (score + `extra`) above u_i + v_j: dual infeasible.

        Candidate pairs never are (u is their maximum), so the whole matrix is compared."""
        out = []
        for start, block, bound, excluded in self._blocks(u, v, extra):
            over = block > bound
            if excluded is not None:
                over &= ~excluded
            out.append(np.nonzero(over.any(axis=1))[0] + start)
        return np.concatenate(out) if out else np.zeros(0, np.int64)

    def tight(self, u: np.ndarray, v: np.ndarray, extra: int) -> tuple[np.ndarray, np.ndarray]:
        """Every allowed pair with score + `extra` = u_i + v_j: (mentees, mentors)."""
        return self.near(u, v, extra, 0, exact=True)

    def near(self, u: np.ndarray, v: np.ndarray, extra: int, slack: int,
             exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Every allowed pair with score + `extra` ≥ u_i + v_j − `slack` (= with `exact`): (mentees, mentors)."""
        ti, tj = [], []
        for start, block, bound, excluded in self._blocks(u, v, extra + slack):
            on = block == bound if exact else block >= bound
            if excluded is not None:
                on &= ~excluded
            r, c = np.nonzero(on)
            ti.append(r + start); tj.append(c)
        if not ti:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(ti).astype(np.int64), np.concatenate(tj).astype(np.int64)


def best_candidates(rows: RowScores, n: int, m: int, min_points: int, k: int = K_BEST, all_pairs: bool = False) -> Candidates:
    """Each mentee's best `k` allowed pairs (all allowed pairs with `all_pairs`), by score.

    `rows(idx)` returns the score matrix of those mentees (`scoring.Scorer.rows`).
    """
    mentees, mentors, scores = [], [], []
    threshold = np.full(n, NEG, dtype=np.int64)
    step = max(1, CHUNK_CELLS // max(m, 1))
    for start in range(0, n, step):
        idx = np.arange(start, min(n, start + step))
        s = rows(idx)
        s[s < min_points] = NEG
        if all_pairs or m <= k:
            r, c = np.nonzero(s > NEG)
        else:
            part = np.argpartition(-s, k, axis=1)[:, : k + 1]
            top = np.take_along_axis(s, part, axis=1)
            threshold[idx] = top[:, k]
            keep = top[:, :k] > NEG
            r = np.nonzero(keep)[0]
            c = part[:, :k][keep]
        mentees.append(idx[r])
        mentors.append(c.astype(np.int64))
        scores.append(s[r, c].astype(np.int64))
    cand = Candidates(
        np.concatenate(mentees) if mentees else np.zeros(0, np.int64),
        np.concatenate(mentors) if mentors else np.zeros(0, np.int64),
        np.concatenate(scores) if scores else np.zeros(0, np.int64),
        threshold,
    )
    return _sorted(cand)


def _sorted(c: Candidates) -> Candidates:
    order = np.lexsort((c.mentor, c.mentee))
    return Candidates(c.mentee[order], c.mentor[order], c.score[order], c.threshold)


def solve_flow(n: int, m: int, free: np.ndarray, ei: np.ndarray, ej: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Max Σw over a b-matching. Returns the mentor of each mentee.

    As an assignment (scipy's LAPJVsp) when the mentors' places expand the pairs at most
    `SLOTS_PER_PAIR` times — about twice as fast as the flow at 10,000 mentees —, else as an
    OR-Tools min-cost flow. Both are exact; which optimum they return among tied ones does not
    matter (`tiebreak` chooses after the proof)."""
    assign = np.full(n, NONE, dtype=np.int64)
    if len(ei) == 0:
        return assign
    free = np.asarray(free, dtype=np.int64)
    reps = free[ej]
    if int(reps.sum()) <= SLOTS_PER_PAIR * len(ei) and int(w.max(initial=0)) < 2**50:
        return _solve_assignment(n, free, ei, ej, w, reps)
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = n + m, n + m + 1
    # a mentee left without a pair is flow the source sends straight to the sink
    tails = np.concatenate([np.full(n, source), ei, n + np.arange(m), [source]])
    heads = np.concatenate([np.arange(n), n + ej, np.full(m, sink), [sink]])
    caps = np.concatenate([np.ones(n), np.ones(len(ei)), free, [n]]).astype(np.int64)
    costs = np.concatenate([np.zeros(n), -w, np.zeros(m), [0]]).astype(np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([n, -n]))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow: {status}")
    used = flow.flows(np.arange(n, n + len(ei))) > 0
    assign[ei[used]] = ej[used]
    return assign


def _solve_assignment(n: int, free: np.ndarray, ei: np.ndarray, ej: np.ndarray, w: np.ndarray,
                      reps: np.ndarray) -> np.ndarray:
    """`solve_flow` as a rectangular assignment: a column per free place of each mentor and one
    "no pair" column per mentee; a pair costs top − w, no pair costs top (top > every w), so the
    least total cost is the greatest Σw. Costs are whole numbers below 2^51: exact in floats."""
    from scipy import sparse
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    slots = np.concatenate([[0], np.cumsum(free)])
    rows = np.repeat(ei, reps)
    cols = np.repeat(slots[ej], reps) + (np.arange(len(rows)) - np.repeat(np.cumsum(reps) - reps, reps))
    places = int(slots[-1])
    top = int(w.max(initial=0)) + 1
    cost = np.concatenate([top - np.repeat(w, reps), np.full(n, top)]).astype(np.float64)
    graph = sparse.csr_matrix((cost, (np.concatenate([rows, np.arange(n)]), np.concatenate([cols, places + np.arange(n)]))),
                              shape=(n, places + n))
    if graph.nnz != len(cost):  # a repeated pair would have its costs added up
        raise RuntimeError("a candidate pair is repeated")
    _, col = min_weight_full_bipartite_matching(graph)
    mentor_of = np.repeat(np.arange(len(free)), free)
    return np.where(col < places, mentor_of[np.minimum(col, max(places - 1, 0))], NONE).astype(np.int64)


class NotOptimal(RuntimeError):
    """The assignment is not (shown to be) optimal over the pairs: the flow must be solved again."""


def mentor_prices(n: int, m: int, free: np.ndarray, ei: np.ndarray, ej: np.ndarray, w: np.ndarray,
                  assign: np.ndarray, limit: int | None = None) -> np.ndarray:
    """Dual prices v ≥ 0 of the mentors' places that, with u_i = max(0, max_j w_ij − v_j),
    satisfy complementary slackness with `assign` (Bellman–Ford on difference constraints)."""
    z = m
    matched = assign[ei]
    w_own = np.zeros(n, dtype=np.int64)
    own = matched == ej
    w_own[ei[own]] = w[own]
    other = (matched != NONE) & ~own
    free_left = free - np.bincount(assign[assign != NONE], minlength=m)
    taken = np.nonzero(assign != NONE)[0]
    tails = np.concatenate([ej[other], np.full(len(taken), z), ej[matched == NONE],
                            np.full(int((free_left > 0).sum()), z), np.arange(m)])
    heads = np.concatenate([matched[other], assign[taken], np.full(int((matched == NONE).sum()), z),
                            np.nonzero(free_left > 0)[0], np.full(m, z)])
    weights = np.concatenate([w_own[ei[other]] - w[other], w_own[taken], -w[matched == NONE],
                              np.zeros(int((free_left > 0).sum()), np.int64), np.zeros(m, np.int64)])
    inf = np.int64(2**62)
    dist = np.full(m + 1, inf, dtype=np.int64)
    dist[z] = 0
    active = np.zeros(m + 1, dtype=bool)
    active[z] = True
    order = np.argsort(heads, kind="stable")  # by head: the relaxation is a segmented minimum
    tails, heads, weights = tails[order], heads[order], weights[order]
    for _ in range(m + 2 if limit is None else min(m + 2, limit)):
        sel = active[tails]
        if not sel.any():
            break
        t, h, c = tails[sel], heads[sel], weights[sel]
        cand = dist[t] + c
        first = np.flatnonzero(np.concatenate([[True], h[1:] != h[:-1]]))
        new = dist.copy()
        at = h[first]
        new[at] = np.minimum(new[at], np.minimum.reduceat(cand, first))
        active = new < dist
        dist = new
    else:
        raise NotOptimal("negative cycle: the flow solution is not optimal" if limit is None else
                         f"no prices within {limit} rounds of Bellman–Ford")
    return dist[:m]


@dataclass
class Certified:
    """An assignment proved optimal over all allowed pairs, with its proof."""

    assign: np.ndarray
    candidates: Candidates
    rounds: int
    u: np.ndarray  # int64 per mentee: its dual price
    v: np.ndarray  # int64 per mentor: the price of its places (u_i + v_j ≥ w_ij on every allowed pair)
    unsure: np.ndarray | None  # streamed check: mentees whose left-out pairs may be tight (None: kept matrix)


def certify(rows: RowScores, n: int, m: int, free: np.ndarray, cand: Candidates, min_points: int, big: int,
            bonus: int = 0) -> Certified:
    """Solve over the candidates and grow them until LP duality proves the optimum over all
    allowed pairs. Weights are score + `big` + `bonus`.

    For each mentee, ``gap[i]`` bounds w_ij − v_ref_j over its left-out pairs, where v_ref are
    the mentor prices of the round ``ref[i]`` (round 0: all prices 0, so the bound is the best
    left-out weight). With new prices v, w_ij − v_j ≤ gap[i] + max_j (v_ref_j − v_j); when that
    is ≤ u_i no left-out pair of the mentee can violate dual feasibility, without scoring it.
    Only the other mentees ("suspects") are scored again in full.
    """
    extra = big + bonus
    gap = np.where(cand.threshold > NEG, cand.threshold + extra, NEG)
    ref = np.zeros(n, dtype=np.int64)
    prices = [np.zeros(m, dtype=np.int64)]
    rounds = 0
    step = max(1, CHUNK_CELLS // max(m, 1))
    # int32 halves the memory traffic of the full-row scans when every weight fits in it
    top = int(max(cand.score.max(initial=0), cand.threshold.max(initial=0)))
    work = np.int32 if 2 * (top + extra) < 2**30 else np.int64
    while True:
        rounds += 1
        w = cand.score + extra
        assign = solve_flow(n, m, free, cand.mentee, cand.mentor, w)
        v = mentor_prices(n, m, free, cand.mentee, cand.mentor, w, assign)
        u = np.zeros(n, dtype=np.int64)
        np.maximum.at(u, cand.mentee, w - v[cand.mentor])
        if isinstance(rows, KeptScores):
            repriced = False
            while True:
                bad = rows.violating(u, v, extra)
                if len(bad) == 0:
                    return Certified(assign, cand, rounds, u, v, None)  # every pair passes the dual check
                # from UNION_AFTER on (or once this assignment was re-priced) the candidates only
                # grow, by at least one violating pair each time (never a candidate): the loop ends
                cand = _near(rows, u, v, extra, assign, cand if rounds >= UNION_AFTER or repriced else None)
                w = cand.score + extra
                try:  # the same assignment may still be optimal over the new pairs: new prices suffice
                    v = mentor_prices(n, m, free, cand.mentee, cand.mentor, w, assign, limit=PRICE_ROUNDS)
                except NotOptimal:
                    break
                repriced = True
                u = np.zeros(n, dtype=np.int64)
                np.maximum.at(u, cand.mentee, w - v[cand.mentor])
            continue
        drift = np.array([int((p - v).max()) if m else 0 for p in prices], dtype=np.int64)
        suspect = np.nonzero((gap > NEG) & (gap + drift[ref] > u))[0]
        maybe_tight = (gap > NEG) & (gap + drift[ref] >= u)  # a left-out pair may reach u_i: tight
        if len(suspect) == 0:
            return Certified(assign, cand, rounds, u, v, maybe_tight)
        prices.append(v)
        add_i, add_j, add_s = [], [], []
        violated = False
        row_of = np.full(n, -1, dtype=np.int64)
        for start in range(0, len(suspect), step):
            idx = suspect[start : start + step]
            s: np.ndarray = rows(idx).astype(work, copy=False)  # int32 or int64 (`work`)
            s[s < min_points] = NEG
            gain, r, c = _best_left_out(s, idx, cand, row_of, v, extra, ADD_PER_ROUND)
            violated = violated or bool((gain > u[idx][:, None]).any())
            add_i.append(idx[r]); add_j.append(c); add_s.append(s[r, c])
            gain[r, c] = NEG
            gap[idx] = gain.max(axis=1)
            ref[idx] = len(prices) - 1
        if not violated:  # every left-out pair passes the dual check
            return Certified(assign, cand, rounds, u, v, maybe_tight)
        cand = _sorted(Candidates(
            np.concatenate([cand.mentee, *add_i]), np.concatenate([cand.mentor, *add_j]),
            np.concatenate([cand.score, *add_s]), cand.threshold,
        ))


def _best_left_out(s: np.ndarray, idx: np.ndarray, cand: Candidates, row_of: np.ndarray, v: np.ndarray,
                   extra: int, take: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of the mentees `idx` (`s`: their score rows, NEG where not allowed), the pairs not yet
    candidates: (their reduced weights — score + `extra` − the mentor's price, NEG for the
    candidates —, and the rows and columns of each row's `take` best). `row_of` is all −1 and is
    left so; `s` gets NEG at the candidates."""
    m = s.shape[1]
    take = min(take, m)
    row_of[idx] = np.arange(len(idx))
    known = row_of[cand.mentee] >= 0
    s[row_of[cand.mentee[known]], cand.mentor[known]] = NEG  # already candidates
    row_of[idx] = -1
    gain = np.where(s > NEG, s + (extra - v[None, :]).astype(s.dtype), NEG)
    part = np.argpartition(-gain, take - 1, axis=1)[:, :take] if take < m else np.tile(np.arange(m), (len(idx), 1))
    r = np.repeat(np.arange(len(idx)), take)
    c = part.ravel()
    keep = gain[r, c] > NEG
    return gain, r[keep], c[keep]


def _near(rows: KeptScores, u: np.ndarray, v: np.ndarray, extra: int, assign: np.ndarray,
          previous: Candidates | None) -> Candidates:
    """The next candidates from the kept matrix: every pair within `NEAR_SLACK` of tight under
    the prices (u, v) — the violating ones included —, the pairs of `assign`, and `previous`."""
    n, m = rows.table.shape
    ni, nj = rows.near(u, v, extra, NEAR_SLACK)
    gain = rows.table[ni, nj].astype(np.int64) + extra - u[ni] - v[nj]  # > 0: the pair violates
    over = np.nonzero(gain > 0)[0]
    if len(over) and ADD_PER_ROUND:  # of the violating pairs, each mentee's best few
        order = over[np.lexsort((-gain[over], ni[over]))]
        first = np.searchsorted(ni[order], ni[order], side="left")
        drop = order[np.arange(len(order)) - first >= ADD_PER_ROUND]
        keep = np.ones(len(ni), dtype=bool)
        keep[drop] = False
        ni, nj = ni[keep], nj[keep]
    on = np.nonzero(assign != NONE)[0]
    parts_i, parts_j = [ni, on], [nj, assign[on]]
    if previous is not None:
        parts_i.append(previous.mentee); parts_j.append(previous.mentor)
    key = np.unique(np.concatenate(parts_i) * m + np.concatenate(parts_j))
    ei, ej = key // m, key % m
    return Candidates(ei, ej, rows.table[ei, ej].astype(np.int64), np.full(n, NEG, np.int64))


def with_tight(rows: RowScores, m: int, cert: Certified, extra: int, min_points: int) -> tuple[Candidates, np.ndarray]:
    """The candidates plus every allowed pair with score + `extra` = u_i + v_j — the pairs an
    optimal pairing may use (`tiebreak`) —, and the mask of those tight pairs in the result.

    The kept matrix is compared whole; streamed, the candidates and the full rows of the mentees
    whose left-out pairs may be tight (`Certified.unsure`). A tight pair's score is u_i + v_j − extra."""
    cand, u, v = cert.candidates, cert.u, cert.v
    if isinstance(rows, KeptScores):
        ti, tj = rows.tight(u, v, extra)
    else:
        on = cand.score + extra - v[cand.mentor] == u[cand.mentee]
        ti_parts, tj_parts = [cand.mentee[on]], [cand.mentor[on]]
        unsure = np.nonzero(cert.unsure)[0] if cert.unsure is not None else np.zeros(0, np.int64)
        step = max(1, CHUNK_CELLS // max(m, 1))
        for start in range(0, len(unsure), step):
            idx = unsure[start : start + step]
            s = rows(idx).astype(np.int64)
            r, c = np.nonzero((s >= min_points) & (s + extra - v[None, :] == u[idx][:, None]))
            ti_parts.append(idx[r]); tj_parts.append(c.astype(np.int64))
        ti, tj = np.concatenate(ti_parts), np.concatenate(tj_parts)
    ts = u[ti] + v[tj] - extra
    key = np.concatenate([cand.mentee * m + cand.mentor, ti * m + tj])
    _, first = np.unique(key, return_index=True)
    merged = _sorted(Candidates(np.concatenate([cand.mentee, ti])[first], np.concatenate([cand.mentor, tj])[first],
                                np.concatenate([cand.score, ts])[first], cand.threshold))
    tight = merged.score + extra - v[merged.mentor] == u[merged.mentee]
    return merged, tight


def break_ties(n: int, m: int, free: np.ndarray, rows: RowScores, cert: Certified, extra: int, min_points: int,
               keys: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, Candidates]:
    """The proved optimum chosen among all optimal pairings by `tiebreak`'s rule (most pairs,
    then the least sum of pair keys); the candidates grown by the tight pairs."""
    cand, on = with_tight(rows, m, cert, extra, min_points)
    assign, u, v = cert.assign, cert.u, cert.v
    load = np.bincount(assign[assign != NONE], minlength=m)
    if (u[assign == NONE] > 0).any() or (load[v > 0] < free[v > 0]).any():
        raise RuntimeError("the prices do not prove the pairing: complementary slackness fails")
    chosen = tiebreak.best_of_optima(n, m, free, cand.mentee[on], cand.mentor[on], u > 0, v > 0, *keys)
    w = cand.score + extra
    if int(w[chosen[cand.mentee] == cand.mentor].sum()) != int(w[assign[cand.mentee] == cand.mentor].sum()):
        raise RuntimeError("the tie-break changed the optimal total")
    return chosen, cand


def solve_groups(n: int, m: int, free: np.ndarray, cand: Candidates, main: np.ndarray, big: int,
                 bonus: int, hint: np.ndarray, time_limit: float,
                 keys: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, bool, int]:
    """CP-SAT over the candidates with the group bonus. Returns (assign, proved, upper bound).

    With `keys`, a proved optimum is then chosen among the tied ones by `tiebreak`'s rule (a
    second search with the optimum fixed, with `time_limit` as a deterministic work budget; if it
    does not finish, the first optimum stays)."""
    model = cp_model.CpModel()
    ei, ej = cand.mentee, cand.mentor
    w = (cand.score + big).tolist()
    x = [model.new_bool_var(f"x{e}") for e in range(len(ei))]
    by_mentee: dict[int, list[cp_model.IntVar]] = {}
    by_mentor: dict[int, list[cp_model.IntVar]] = {}
    by_group: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    for e, (i, j) in enumerate(zip(ei.tolist(), ej.tolist())):
        by_mentee.setdefault(i, []).append(x[e])
        by_mentor.setdefault(j, []).append(x[e])
        if free[j] >= 2 and main[i] >= 0:
            by_group.setdefault((j, int(main[i])), []).append(x[e])
    for xs in by_mentee.values():
        model.add_at_most_one(xs)
    for j, xs in by_mentor.items():
        model.add(sum(xs) <= int(free[j]))
    objective = [wi * xe for wi, xe in zip(w, x)]
    for key, xs in by_group.items():
        if len(xs) < 2:
            continue
        y = model.new_bool_var(f"y{key}")
        for xe in xs:
            model.add_implication(xe, y)
        objective.append(bonus * (sum(xs) - y))
    model.maximize(sum(objective))
    for e, (i, j) in enumerate(zip(ei.tolist(), ej.tolist())):
        model.add_hint(x[e], int(hint[i] == j))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return hint, False, 0
    chosen = [solver.boolean_value(xe) for xe in x]
    bound = int(round(solver.best_objective_bound))
    if status == cp_model.OPTIMAL and keys is not None:
        # the tie-break (`tiebreak`): the same optimum, then the most pairs and the least key sum
        best = int(round(solver.objective_value))
        model.add(sum(objective) == best)
        value = tiebreak.pair_values(keys[0][ei], keys[1][ej], n, len(free), free).tolist()
        model.maximize(sum(c * xe for c, xe in zip(value, x)))
        model.clear_hints()
        for xe, on in zip(x, chosen):
            model.add_hint(xe, int(on))
        # a deterministic work budget (CP-SAT's deterministic time, about seconds: `time_limit`),
        # so whether the tie-break completes does not depend on the machine's speed or load; the
        # wall clock only guards against a budget that runs far slower than estimated
        solver.parameters.max_deterministic_time = time_limit
        solver.parameters.max_time_in_seconds = 3 * time_limit
        if solver.solve(model) == cp_model.OPTIMAL:
            chosen = [solver.boolean_value(xe) for xe in x]
    assign = np.full(n, NONE, dtype=np.int64)
    for e in range(len(ei)):
        if chosen[e]:
            assign[ei[e]] = ej[e]
    return assign, status == cp_model.OPTIMAL, bound


def groups_of(assign: np.ndarray, main: np.ndarray) -> dict[tuple[int, int], list[int]]:
    """(mentor, main difficulty) → mentees, for two or more mentees sharing both."""
    found: dict[tuple[int, int], list[int]] = {}
    for i in np.nonzero(assign != NONE)[0].tolist():
        if main[i] >= 0:
            found.setdefault((int(assign[i]), int(main[i])), []).append(i)
    return {k: v for k, v in sorted(found.items()) if len(v) >= 2}


def solve(rows: RowScores, n: int, m: int, free: np.ndarray, main: np.ndarray, min_points: int, mode: str,
          bonus: int = 0, time_limit: float = 30.0, max_score: int | None = None,
          keys: tuple[np.ndarray, np.ndarray] | None = None) -> Solution:
    """The optimal pairing. `rows` scores mentees (see `best_candidates`). With `keys` (each
    mentee's and mentor's `tiebreak.person_keys`), the one `tiebreak` chooses among tied optima."""
    free = np.asarray(free, dtype=np.int64)
    if n == 0 or m == 0:
        nothing = np.zeros(0, np.int64)
        empty = Candidates(nothing, nothing.copy(), nothing.copy(), np.full(n, NEG, np.int64))
        return Solution(np.full(n, NONE, np.int64), 0, empty)
    rows = kept_scores(rows, n, m, min_points)
    if isinstance(rows, KeptScores):
        cand = rows.first_candidates(K_BEST, COLUMN_BEST)
    else:
        cand = best_candidates(rows, n, m, min_points)
    first = cand
    top = int(max(cand.score.max(initial=0), cand.threshold.max(initial=0))) if max_score is None else max_score
    big = (n * (top + bonus) + 1) if mode == "count" else 0
    cert = certify(rows, n, m, free, cand, min_points, big)
    assign, cand, rounds = cert.assign, cert.candidates, cert.rounds
    if keys is not None and bonus == 0:
        assign, cand = break_ties(n, m, free, rows, cert, big, min_points, keys)
    solution = Solution(assign, int(cand.score[assign[cand.mentee] == cand.mentor].sum()), cand, True, rounds,
                        rows=rows, shortlist=first)
    if bonus > 0:
        if n * m <= ALL_PAIRS_LIMIT:
            pool = best_candidates(rows, n, m, min_points, all_pairs=True)
        else:
            pool = certify(rows, n, m, free, cand, min_points, big, bonus).candidates
        assign, proved, bound = solve_groups(n, m, free, pool, main, big, bonus, assign, time_limit, keys)
        groups = groups_of(assign, main)
        total = int(pool.score[assign[pool.mentee] == pool.mentor].sum())
        total += bonus * sum(len(v) - 1 for v in groups.values())
        solution = Solution(assign, total, cand if len(cand) >= len(pool) else pool, proved, rounds,
                            None if proved else bound - big * int((assign != NONE).sum()), groups, rows, first)
    return solution
