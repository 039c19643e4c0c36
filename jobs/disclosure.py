"""Figures that do not give away a person: what the report and the public page may show of the
1–10 answers of «Мониторинг» — pure.

Two rules, for every average that leaves the workspace (the report, the public page, the chart):

1. **Threshold.** No figure from fewer than ``min_answers`` responses (``[privacy] min_answers``,
   5 by default, never below `MIN_ANSWERS_FLOOR` = 3): «мало ответов» instead.
2. **Blocks and bands.** With ``b = min_answers`` and ``n`` responses, the figure is made from the
   first ``b·⌊n/b⌋`` responses in the order of «Мониторинг» (the order `ingest` appends them in),
   and it is published as a band of the 1–10 scale, not a number: «1–3», «3–5», «5–7», «7–9»
   (lower end included, upper excluded) and «9–10».

Why rounding alone is not enough: with averages ``a`` over ``n`` answers and ``a'`` over ``n+1``,
the new answer is ``x = (n+1)·a' − n·a``. Rounding to a step blurs that, but not at the moment an
average crosses a rounding boundary: «below 9» over ``n`` answers and «9 or more» over ``n+1``
leaves ``x = 10`` only, whatever the step (and likewise at the bottom of the scale). So the figure
must not move when one answer arrives.

Why this is safe — the differencing attack, for one answer ``x`` added between two publications
(the attacker knows both publications and both counts; `tests/test_figures_privacy.py` checks
every case by enumeration):

- If ``n+1`` is not a multiple of ``b``, the responses the figure is made from are the same
  before and after: both publications are identical, and every ``x`` in 1–10 is consistent.
- If ``x`` completes a block, the two publications are bands of the means over ``m·b`` and
  ``(m+1)·b`` responses: all they tell is that the sum ``Σ = x + R`` of the new block (``R``, the
  ``b−1`` other answers of the block, unknown) lies in some range. Any ``x'`` with ``Σ − x'``
  still a possible sum of ``b−1`` answers (``b−1 … 10·(b−1)``) gives the same two publications,
  so ``x`` is hidden among at least ``b`` values unless the block is all 1s or all 10s; and there
  the bands, two points wide over at least ``b`` answers, do not pin ``Σ`` to its extreme (the
  earlier blocks' sum can take up the difference). The enumeration over every earlier sum, every
  ``R`` and every ``x``, for ``b`` from 3 to 10 and ``n`` up to 60, finds at least ``b`` consistent
  values of ``x`` spread over at least ``b−1`` points: with the default 5, no answer can be told
  even to within ±1 point.

What this does not cover: several people who know their own answers pooling them (``b−1`` of a
block can compute the last one — no average is safe from that), and answers removed between
publications (a row deleted or a consent withdrawn shifts the blocks; what moves is then the
difference of two unknown answers, not one answer).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from sheets_schema import ru
from jobs.indicators import QUESTIONS, Indicators

if TYPE_CHECKING:
    import pandas as pd

MIN_ANSWERS = 5
MIN_ANSWERS_FLOOR = 3
EDGES = (3, 5, 7, 9)  # the bands' boundaries on the 1–10 scale
BANDS = ((1, 3), (3, 5), (5, 7), (7, 9), (9, 10))


@dataclass(frozen=True)
class Band:
    """A released average: the band it falls in, over `answers` responses."""

    low: int
    high: int
    answers: int

    @property
    def text(self) -> str:
        return f"{self.low}–{self.high}"


def band_index(total: int, count: int) -> int:
    """The index in `BANDS` of the mean ``total / count`` on the 1–10 scale (lower end included);
    in whole numbers, so that a mean right on an edge is never misplaced by rounding."""
    return sum(1 for edge in EDGES if total >= edge * count)


def released(rows: Iterable[Sequence[float]], min_answers: int = MIN_ANSWERS) -> Band | None:
    """The band of the mean of the first ``min_answers·⌊n/min_answers⌋`` of `rows`, or None.

    `rows` are the responses in the order of «Мониторинг», each the list of its answers that go
    into this figure (one for a question, several for «all questions»); a response with none is
    not counted. None when fewer than `min_answers` responses remain (module docstring).
    """
    answered = [row for row in rows if len(row)]
    used = len(answered) // min_answers * min_answers
    if used == 0:
        return None
    values = [int(v) for row in answered[:used] for v in row]
    low, high = BANDS[band_index(sum(values), len(values))]
    return Band(low, high, used)


def text(band: Band | None) -> str:
    """How a released figure is written: the band, or «мало ответов»."""
    return band.text if band is not None else ru.DISCLOSURE["few_answers"]


def question_band(ind: Indicators, question: str, min_answers: int = MIN_ANSWERS) -> Band | None:
    """The released average of one question of the monitoring questionnaire."""
    return released(question_rows(ind.scores, question), min_answers)


def pair_figures(ind: Indicators, min_answers: int = MIN_ANSWERS) -> list[PairFigures]:
    """Per pair of `Indicators.per_pair`: its counted responses and its released figures."""
    out = []
    pair_of = ind.scores["pair_id"] if "pair_id" in ind.scores else None
    for pair in ind.per_pair.itertuples(index=False):
        mine = ind.scores[pair_of == pair.pair_id] if pair_of is not None else ind.scores.iloc[0:0]
        out.append(PairFigures(str(pair.pair_id), str(pair.status or ""), int(pair.responses),
                               released(question_rows(mine, "satisfaction"), min_answers),
                               released(all_question_rows(mine, QUESTIONS), min_answers)))
    return out


@dataclass(frozen=True)
class PairFigures:
    pair_id: str
    status: str
    responses: int
    satisfaction: Band | None
    all_questions: Band | None


def question_rows(scores: pd.DataFrame, question: str) -> list[list[float]]:
    """The rows of `Indicators.scores` for one question: one answer per response that has it."""
    return [[v] for v in scores[question].dropna()] if question in scores else []


def all_question_rows(scores: pd.DataFrame, questions: Sequence[str]) -> list[list[float]]:
    """Every 1–10 answer of each response, for «the mean of all answers»."""
    present = [q for q in questions if q in scores]
    return [[v for v in row if v == v] for row in scores[present].itertuples(index=False)]


__all__ = ["BANDS", "Band", "EDGES", "MIN_ANSWERS", "MIN_ANSWERS_FLOOR", "PairFigures", "all_question_rows",
           "band_index", "pair_figures", "question_band", "question_rows", "released", "text"]
