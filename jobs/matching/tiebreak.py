"""Which of several equally good pairings is proposed: a rule of the people, not of the solver.

Scores are whole numbers of tenths of a point, so two pairings often reach the same best total.
The solver proves the best total; which of the tied pairings it stops at would follow its
internals (which candidates it looked at first, the order of arcs in the flow). So the rule is
fixed here, after the optimum is proved, and depends only on the e-mails of the people:

1. the best total (in «count» mode: the most pairs, then the best total) — the proved optimum;
2. among the pairings with that total, the one with the most pairs;
3. among those, the one whose pairs have the least sum of pair keys.

The key of a pair: ``a`` and ``b`` are the first 8 bytes (big-endian) of the SHA-256 of the
mentee's and the mentor's e-mail (trimmed, case-folded, UTF-8); the key is the splitmix64
finaliser of ``a XOR b``, shifted right to ``KEY_BITS`` bits (fewer for cohorts of hundreds of
thousands, so that the flow's costs fit in 64 bits). It is a fixed pseudo-random order of the
pairs: no one is favoured by name or by row, and the same people always get the same pairing,
whatever the candidates, the row order of the sheets or the solver. Two pairings tie on all
three only when their key sums are equal (about one chance in 2^31 per alternative), and then
the flow's order decides.

How. LP duality describes every optimal pairing at once: with the proved prices (u, v) of the
mentees and the mentors' places, a pairing is optimal exactly when it uses only tight pairs
(u_i + v_j = w_ij), matches every mentee with u_i > 0 and fills every mentor with v_j > 0
(complementary slackness). `best_of_optima` solves one more min-cost flow over the tight pairs
only, with those mentees and mentors required, for rules 2 and 3.
"""
from __future__ import annotations

import hashlib

import numpy as np
from ortools.graph.python import min_cost_flow

KEY_BITS = 31
NONE = -1
_MASK = np.uint64(2**64 - 1)


def person_keys(emails: list[str] | np.ndarray) -> np.ndarray:
    """The first 8 bytes of the SHA-256 of each e-mail (trimmed, case-folded), as uint64."""
    out = np.empty(len(emails), dtype=np.uint64)
    for k, e in enumerate(emails):
        digest = hashlib.sha256(str(e).strip().casefold().encode("utf-8")).digest()
        out[k] = int.from_bytes(digest[:8], "big")
    return out


def pair_keys(a: np.ndarray, b: np.ndarray, bits: int = KEY_BITS) -> np.ndarray:
    """The key of each pair (mentee key `a[k]`, mentor key `b[k]`): splitmix64(a ⊕ b) >> (64 − bits)."""
    z = np.bitwise_xor(a.astype(np.uint64), b.astype(np.uint64))
    with np.errstate(over="ignore"):
        z = z ^ (z >> np.uint64(30))
        z = (z * np.uint64(0xBF58476D1CE4E5B9)) & _MASK
        z = z ^ (z >> np.uint64(27))
        z = (z * np.uint64(0x94D049BB133111EB)) & _MASK
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(64 - bits)).astype(np.int64)


def key_bits(n: int, m: int, free: np.ndarray) -> int:
    """`KEY_BITS`, or fewer when (pairs + 1)·2^bits·(nodes + 1) would not fit in 62 bits
    (OR-Tools scales every cost by the number of nodes + 1): a function of the cohort's size only."""
    pairs = most_pairs(n, free)
    return max(1, min(KEY_BITS, 62 - (pairs + 2).bit_length() - (n + m + 3).bit_length()))


def most_pairs(n: int, free: np.ndarray) -> int:
    return min(n, int(np.asarray(free, dtype=np.int64).sum()))


def pair_values(mentee_key: np.ndarray, mentor_key: np.ndarray, n: int, m: int, free: np.ndarray) -> np.ndarray:
    """What each pair adds to rules 2 and 3 together, as one number to maximise: M − key, M
    larger than any sum of keys (one pair more always wins)."""
    bits = key_bits(n, m, free)
    return ((most_pairs(n, free) + 1) << bits) - pair_keys(mentee_key, mentor_key, bits)


def best_of_optima(n: int, m: int, free: np.ndarray, ei: np.ndarray, ej: np.ndarray, must_mentee: np.ndarray,
                   must_mentor: np.ndarray, mentee_key: np.ndarray, mentor_key: np.ndarray) -> np.ndarray:
    """Of the pairings over the tight pairs (`ei`, `ej`) that match every mentee in
    `must_mentee` and fill every mentor in `must_mentor` — the optimal ones —, the one with the
    most pairs, then the least sum of pair keys. Returns the mentor of each mentee (or NONE).

    Flow: each required mentee supplies 1; the other mentees get theirs from S; a required
    mentor takes exactly its places; the others pass theirs to T, which also takes whatever S
    does not send (a mentee left without a pair). A pair costs key − M, M larger than any sum of
    keys: one pair more always wins.
    """
    assign = np.full(n, NONE, dtype=np.int64)
    free = np.asarray(free, dtype=np.int64)
    value = pair_values(mentee_key[ei], mentor_key[ej], n, m, free)
    source, sink = n + m, n + m + 1
    optional = np.nonzero(~must_mentee)[0]
    open_mentors = np.nonzero(~must_mentor)[0]
    tails = np.concatenate([np.full(len(optional), source), ei, n + open_mentors, [source]])
    heads = np.concatenate([optional, n + ej, np.full(len(open_mentors), sink), [sink]])
    caps = np.concatenate([np.ones(len(optional)), np.ones(len(ei)), free[open_mentors], [len(optional)]])
    costs = np.concatenate([np.zeros(len(optional)), -value, np.zeros(len(open_mentors)), [0]])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails.astype(np.int64), heads.astype(np.int64),
                                              caps.astype(np.int64), costs.astype(np.int64))
    required_places = int(free[must_mentor].sum())
    nodes = np.concatenate([np.nonzero(must_mentee)[0], n + np.nonzero(must_mentor)[0], [source, sink]])
    supply = np.concatenate([np.ones(int(must_mentee.sum())), -free[must_mentor],
                             [len(optional), -(n - required_places)]])
    flow.set_nodes_supplies(nodes.astype(np.int64), supply.astype(np.int64))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"tie-break flow: {status} (the proved pairing should satisfy it)")
    used = flow.flows(np.arange(len(optional), len(optional) + len(ei))) > 0
    assign[ei[used]] = ej[used]
    return assign
