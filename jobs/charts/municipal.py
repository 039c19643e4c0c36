"""The municipal report's charts, as data (`jobs.charts.model`) — pure: one bar per school.

The thresholds of the school's own charts (`jobs.charts.builders`) hold per school: a share of
mentees is shown only when the school has at least ``min_answers`` mentees, the pairs by plan
progress only from as many pairs with a plan; a school below that, or one whose data could not be
read (``None``), keeps its place with no bar («—»), and the chart's note says why.

The inputs are plain counts per school (`SchoolShare`, `SchoolPlan`), so that this module knows
nothing of how `jobs.municipal` gathers them.

A municipality has 10 to 50 schools, more than `jobs.charts.render` lays out side by side with
their names under the bars. Over `CROWDED` schools the builders name each bar by the school's
short key (``[[school]] key``) and print no count under it (the chart's table has both), and
`png`/`svg` turn the labels and the values on the bars upright (90°) in a smaller type.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from sheets_schema.ru.municipal_report import MUNICIPAL_CHARTS
from sheets_schema.ru.report import CHARTS
from jobs.charts import render
from jobs.charts.model import STACKED, Bar, Chart
from jobs.disclosure import MIN_ANSWERS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NO_BAR = CHARTS["few_answers_bar"]
PLAN_SERIES = (CHARTS["plan_on_track"], CHARTS["plan_behind"], CHARTS["plan_done"])
CROWDED = 12  # more schools than this: short labels, upright (module docstring)
CROWDED_POINTS = 6


@dataclass(frozen=True)
class SchoolShare:
    """A school's mentees with consent (None — not read) and of them those in a pair."""

    name: str
    mentees: int | None
    with_pair: int = 0
    min_answers: int = MIN_ANSWERS
    key: str = ""  # the short label of a crowded chart ("" — the name)


@dataclass(frozen=True)
class SchoolPlan:
    """A school's pairs with a plan (None — not read), by progress."""

    name: str
    pairs: int | None
    on_track: int = 0
    behind: int = 0
    done: int = 0
    min_answers: int = MIN_ANSWERS
    key: str = ""  # the short label of a crowded chart ("" — the name)


def _label(name: str, key: str, crowded: bool) -> str:
    return (key or name) if crowded else name


def pair_shares(schools: Sequence[SchoolShare], min_answers: int = MIN_ANSWERS) -> Chart:
    """The share of each school's mentees (with consent) in a pair or group."""
    c = MUNICIPAL_CHARTS
    crowded = len(schools) > CROWDED
    bars = []
    for s in schools:
        label = _label(s.name, s.key, crowded)
        if s.mentees is None or s.mentees < max(min_answers, s.min_answers):
            bars.append(Bar(label, text=NO_BAR, count=s.mentees))
            continue
        share = 100.0 * s.with_pair / s.mentees
        bars.append(Bar(label, (share,), CHARTS["percent"].format(value=round(share)), s.mentees))
    return Chart("municipal-pairs", c["pairs_title"], c["pairs_axis"], tuple(bars), scale=(0, 100),
                 category=c["pairs_category"], count_label=c["pairs_count_label"],
                 count_text="" if crowded else c["pairs_under"],
                 note=c["pairs_note"].format(min_answers=min_answers), percent=True)


def plan_progress(schools: Sequence[SchoolPlan], min_answers: int = MIN_ANSWERS) -> Chart:
    """Each school's pairs with a plan, stacked: on track, behind, plan done."""
    c = MUNICIPAL_CHARTS
    crowded = len(schools) > CROWDED
    bars = []
    for s in schools:
        label = _label(s.name, s.key, crowded)
        if s.pairs is None or s.pairs < max(min_answers, s.min_answers):
            bars.append(Bar(label, text=NO_BAR, count=s.pairs))
            continue
        parts = (float(s.on_track), float(s.behind), float(s.done))
        bars.append(Bar(label, parts, str(s.pairs), s.pairs, texts=tuple(str(int(p)) if p else "" for p in parts)))
    return Chart("municipal-plan", c["plan_title"], c["plan_axis"], tuple(bars), series=PLAN_SERIES,
                 layout=STACKED, category=c["plan_category"], count_label=c["plan_count_label"],
                 count_text="" if crowded else c["plan_under"], note=c["plan_note"].format(min_answers=min_answers))


# --- drawing: `jobs.charts.render`, upright labels when crowded ---------------------------------
def figure(chart: Chart, width_cm: float, height_cm: float, dpi: int) -> Figure:
    """`jobs.charts.render.figure`, its labels and values upright in a smaller type over
    `CROWDED` bars; call inside `render.settings()`."""
    fig = render.figure(chart, width_cm, height_cm, dpi)
    if len(chart.bars) > CROWDED:
        ax = fig.axes[0]
        ax.tick_params(axis="x", labelrotation=90, labelsize=CROWDED_POINTS)
        for text in ax.texts:
            text.set_rotation(90)
            text.set_fontsize(CROWDED_POINTS)
    return fig


def png(chart: Chart, width_cm: float = render.WIDTH_CM, height_cm: float = render.HEIGHT_CM,
        dpi: int = render.PRINT_DPI) -> bytes:
    """The chart as a PNG (`jobs.charts.render.png`, crowded charts upright)."""
    with render.settings():
        return render.png_of(figure(chart, width_cm, height_cm, dpi))


def svg(chart: Chart, width_cm: float = render.WIDTH_CM, height_cm: float = render.HEIGHT_CM) -> str:
    """The chart as an SVG document (`jobs.charts.render.svg`, crowded charts upright)."""
    import io

    with render.settings():
        from matplotlib.backends.backend_svg import FigureCanvasSVG

        fig = figure(chart, width_cm, height_cm, 72)
        out = io.StringIO()
        FigureCanvasSVG(fig)
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


__all__ = ["CROWDED", "PLAN_SERIES", "SchoolPlan", "SchoolShare", "figure", "pair_shares", "plan_progress", "png",
           "svg"]
