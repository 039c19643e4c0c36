"""What an exchange would cost: the exact loss of forcing a pair the optimum did not choose.

Why a mentee is not with a mentor who scores more for them: that mentor went to someone else,
and giving him to this mentee instead would lower the total. How much lower is exact, not
estimated: it is the cost of the cheapest cycle through the arc (mentee → mentor) in the
residual network of the optimal flow (`solver.solve_flow`). The optimal flow has no negative
cycle, so the difference between it and the best flow that uses the arc is that one cycle plus
cycles of cost ≥ 0, and the best forced flow is the optimum plus the cheapest such cycle.

The residual network, folded onto the mentors and the sink z (a mentee is one hop):

- a → b  through a mentee k of mentor a with an allowed pair (k, b): k moves, w_ka − w_kb;
- a → z  a free place of a stays free (0), or a mentee k of a goes without a pair (w_ka);
- z → b  a taken place of b moves (0), or a mentee k without a pair joins b (−w_kb).

Forcing (i, j*) for mentee i of mentor j costs −w_ij* + d(j* → j) + w_ij; for a mentee without
a pair −w_ij* + d(j* → z). Distances come from Dijkstra (scipy) on reduced costs c + p(tail) −
p(head) ≥ 0 with the potentials p of Bellman–Ford, one run per distinct mentor j*.

The pairs are all allowed pairs: the loss is exact. Above `EXACT_PAIRS` mentee × mentor pairs
(a school of 300 mentees and 120 mentors has 36,000) `propose` does not call this: scoring all
pairs and one Dijkstra per mentor would cost more than the matching itself, and over the
solver's candidates alone the loss would only be an upper bound.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from jobs.matching.solver import NONE

EXACT_PAIRS = 1_000_000
SOURCES_AT_ONCE = 256  # Dijkstra sources per call: a [256, mentors] matrix of distances


@dataclass(frozen=True)
class Exchange:
    """Forcing mentee `mentee` with mentor `mentor`: what the total loses and who moves."""

    mentee: int
    mentor: int
    loss: int  # weight units (score units, plus `big` per pair lost in «count» mode)
    taken_by: int  # the mentee of `mentor` who gives the place up (NONE: a free place)
    moves_to: int  # the mentor `taken_by` goes to (NONE: no pair)


@dataclass
class Pool:
    """Allowed pairs (mentee, mentor, weight) the exchanges are computed over."""

    mentee: np.ndarray
    mentor: np.ndarray
    weight: np.ndarray


def _bellman_ford(nodes: int, tails: np.ndarray, heads: np.ndarray, costs: np.ndarray) -> np.ndarray:
    """Potentials p with c + p(tail) − p(head) ≥ 0 on every arc (distances from a root joined
    to every node by an arc of cost 0). The optimal flow leaves no negative cycle."""
    dist = np.zeros(nodes, dtype=np.int64)
    for _ in range(nodes + 1):
        new = dist.copy()
        np.minimum.at(new, heads, dist[tails] + costs)
        if np.array_equal(new, dist):
            return dist
        dist = new
    raise RuntimeError("negative cycle: the assignment is not optimal over its pairs")


def exchanges(requests: list[tuple[int, int]], assign: np.ndarray, free: np.ndarray, pool: Pool) -> dict[tuple[int, int], Exchange]:
    """The exchange of each requested (mentee, mentor) pair; `assign` must be optimal over `pool`.

    `free` are the mentors' free places before the assignment.
    """
    if not requests:
        return {}
    m = len(free)
    z = m
    ei, ej, w = pool.mentee, pool.mentor, pool.weight.astype(np.int64)
    own = np.zeros(len(assign), dtype=np.int64)  # w of each mentee's own pair
    at = assign[ei]
    mine = at == ej
    own[ei[mine]] = w[mine]
    left = np.asarray(free, dtype=np.int64) - np.bincount(assign[assign != NONE], minlength=m)
    moved = (at != NONE) & ~mine  # k at mentor a moves to b
    unpaired = at == NONE  # k without a pair joins b
    taken = np.nonzero(assign != NONE)[0]
    full_flow = np.nonzero(np.bincount(assign[assign != NONE], minlength=m) > 0)[0]
    tails = np.concatenate([at[moved], assign[taken], np.nonzero(left > 0)[0], np.full(int(unpaired.sum()), z),
                            np.full(len(full_flow), z)])
    heads = np.concatenate([ej[moved], np.full(len(taken), z), np.full(int((left > 0).sum()), z), ej[unpaired],
                            full_flow])
    costs = np.concatenate([own[ei[moved]] - w[moved], own[taken], np.zeros(int((left > 0).sum()), np.int64),
                            -w[unpaired], np.zeros(len(full_flow), np.int64)])
    who = np.concatenate([ei[moved], taken, np.full(int((left > 0).sum()), NONE), ei[unpaired],
                          np.full(len(full_flow), NONE)])
    # the cheapest arc of each (tail, head) and the mentee it moves
    order = np.lexsort((who, costs, heads, tails))
    tails, heads, costs, who = tails[order], heads[order], costs[order], who[order]
    first = np.ones(len(tails), dtype=bool)
    first[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
    tails, heads, costs, who = tails[first], heads[first], costs[first], who[first]
    keep = tails != heads
    tails, heads, costs, who = tails[keep], heads[keep], costs[keep], who[keep]
    p = _bellman_ford(m + 1, tails, heads, costs)
    reduced = costs + p[tails] - p[heads]
    if len(reduced) and int(reduced.min()) < 0:
        raise RuntimeError("negative reduced cost: the potentials are wrong")
    # ×hops +1 on every arc: among paths of equal cost the one of fewest hops wins, and a reduced
    # cost of 0 is never a 0 in the sparse matrix; the quotient by hops is the cost again
    hops = m + 2
    graph = sp.csr_matrix(((reduced * hops + 1).astype(np.float64), (tails, heads)), shape=(m + 1, m + 1))
    arc_key = tails * (m + 1) + heads  # sorted: the arcs are sorted by (tail, head)
    by_source: dict[int, list[int]] = {}
    for i, j_star in requests:
        by_source.setdefault(j_star, []).append(i)
    sources = sorted(by_source)
    out: dict[tuple[int, int], Exchange] = {}
    wanted = set(requests)
    w_pair = {(a, b): c for a, b, c in zip(ei.tolist(), ej.tolist(), w.tolist()) if (a, b) in wanted}
    for start in range(0, len(sources), SOURCES_AT_ONCE):
        chunk = sources[start:start + SOURCES_AT_ONCE]
        dist, pred = dijkstra(graph, directed=True, indices=chunk, return_predecessors=True)
        for r, j_star in enumerate(chunk):
            for i in by_source[j_star]:
                if (i, j_star) not in w_pair:
                    continue  # not an allowed pair of the pool
                j = int(assign[i])
                target = z if j == NONE else j
                if not np.isfinite(dist[r, target]):
                    continue
                d = int(round(dist[r, target])) // hops + int(p[target]) - int(p[j_star])
                loss = -w_pair[(i, j_star)] + d + (0 if j == NONE else int(own[i]))
                # the first arc out of j*: whose place is given up, and where that mentee goes
                node = target
                while int(pred[r, node]) != j_star:
                    node = int(pred[r, node])
                at_arc = int(np.searchsorted(arc_key, j_star * (m + 1) + node))
                k = int(who[at_arc])
                out[(i, j_star)] = Exchange(i, j_star, loss, k, NONE if node == z else node)
    return out


__all__ = ["EXACT_PAIRS", "Exchange", "Pool", "exchanges"]
