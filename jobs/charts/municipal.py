"""The municipal report's charts, as data (`jobs.charts.model`) — pure: one bar per school.

The thresholds of the school's own charts (`jobs.charts.builders`) hold per school: a share of
mentees is shown only when the school has at least ``min_answers`` mentees, the pairs by plan
progress only from as many pairs with a plan; a school below that, or one whose data could not be
read (``None``), keeps its place with no bar («—»), and the chart's note says why.

The inputs are plain counts per school (`SchoolShare`, `SchoolPlan`), so that this module knows
nothing of how `jobs.municipal` gathers them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sheets_schema.ru.municipal_report import MUNICIPAL_CHARTS
from sheets_schema.ru.report import CHARTS
from jobs.charts.model import STACKED, Bar, Chart
from jobs.disclosure import MIN_ANSWERS

NO_BAR = CHARTS["few_answers_bar"]
PLAN_SERIES = (CHARTS["plan_on_track"], CHARTS["plan_behind"], CHARTS["plan_done"])


@dataclass(frozen=True)
class SchoolShare:
    """A school's mentees with consent (None — not read) and of them those in a pair."""

    name: str
    mentees: int | None
    with_pair: int = 0
    min_answers: int = MIN_ANSWERS


@dataclass(frozen=True)
class SchoolPlan:
    """A school's pairs with a plan (None — not read), by progress."""

    name: str
    pairs: int | None
    on_track: int = 0
    behind: int = 0
    done: int = 0
    min_answers: int = MIN_ANSWERS


def pair_shares(schools: Sequence[SchoolShare], min_answers: int = MIN_ANSWERS) -> Chart:
    """The share of each school's mentees (with consent) in a pair or group."""
    c = MUNICIPAL_CHARTS
    bars = []
    for s in schools:
        if s.mentees is None or s.mentees < max(min_answers, s.min_answers):
            bars.append(Bar(s.name, text=NO_BAR, count=s.mentees))
            continue
        share = 100.0 * s.with_pair / s.mentees
        bars.append(Bar(s.name, (share,), CHARTS["percent"].format(value=round(share)), s.mentees))
    return Chart("municipal-pairs", c["pairs_title"], c["pairs_axis"], tuple(bars), scale=(0, 100),
                 category=c["pairs_category"], count_label=c["pairs_count_label"], count_text=c["pairs_under"],
                 note=c["pairs_note"].format(min_answers=min_answers), percent=True)


def plan_progress(schools: Sequence[SchoolPlan], min_answers: int = MIN_ANSWERS) -> Chart:
    """Each school's pairs with a plan, stacked: on track, behind, plan done."""
    c = MUNICIPAL_CHARTS
    bars = []
    for s in schools:
        if s.pairs is None or s.pairs < max(min_answers, s.min_answers):
            bars.append(Bar(s.name, text=NO_BAR, count=s.pairs))
            continue
        parts = (float(s.on_track), float(s.behind), float(s.done))
        bars.append(Bar(s.name, parts, str(s.pairs), s.pairs, texts=tuple(str(int(p)) if p else "" for p in parts)))
    return Chart("municipal-plan", c["plan_title"], c["plan_axis"], tuple(bars), series=PLAN_SERIES,
                 layout=STACKED, category=c["plan_category"], count_label=c["plan_count_label"],
                 count_text=c["plan_under"], note=c["plan_note"].format(min_answers=min_answers))


__all__ = ["PLAN_SERIES", "SchoolPlan", "SchoolShare", "pair_shares", "plan_progress"]
