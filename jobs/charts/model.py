"""What a chart shows, as data — bars, their labels, the counts under them, the values on them —
apart from how it is drawn (`jobs.charts.render`), so that the builders are tested as data and the
same chart is drawn as a PNG for the documents and as an SVG for the public page.

A `Chart` is a row of bars (`Bar`) along one axis. Each bar has one value per series (`Chart.series`):
one series is a plain bar chart; several are stacked (`STACKED`: parts of one whole, e.g. roadmap
events by status) or side by side (`GROUPED`: e.g. before and after). A bar that may not be shown
(too few answers: `jobs.disclosure`) has no values, a dash for its text, and the chart's `note`
says why — the reader sees that the bar is missing on purpose.
"""
from __future__ import annotations

from dataclasses import dataclass

SINGLE, STACKED, GROUPED = "single", "stacked", "grouped"


@dataclass(frozen=True)
class Bar:
    """One category of a chart."""

    label: str  # the category: a question, a stage, a month (wrapped to fit when drawn)
    values: tuple[float, ...] = ()  # one per series; () — no bar (the chart's note says why)
    text: str = ""  # printed on a single bar: «7–9», «12», «67 %»; «—» for no bar
    count: int | None = None  # printed under the label through `Chart.count_text`: «ответов: 12»
    lows: tuple[float | None, ...] = ()  # per series: a released band's lower end — solid up to it, hatched above
    texts: tuple[str, ...] = ()  # grouped or stacked: the text of each series' part («» — none)

    @property
    def shown(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True)
class Chart:
    """A bar chart: its title, axis, series and bars (see the module docstring)."""

    key: str  # a stable name: the file and element id («questions», «roadmap»…)
    title: str
    value_label: str  # the value axis
    bars: tuple[Bar, ...]
    series: tuple[str, ...] = ("",)  # the legend (one unnamed series: no legend)
    layout: str = SINGLE
    scale: tuple[float, float] | None = None  # fixed value axis (1–10 answers, 0–100 %); None: from the data
    category: str = ""  # what the bars are (the table's first column): «Вопрос», «Этап»
    count_label: str = ""  # what the counts are (the table's last column): «Ответов»
    count_text: str = "{count}"  # a count as printed under its bar: «ответов: {count}»
    note: str = ""  # printed under the chart: why bars are missing, what the data are
    percent: bool = False  # values are percents: «67 %» on the bars, 0–100 axis

    @property
    def shown(self) -> list[Bar]:
        return [b for b in self.bars if b.shown]

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The chart as a table (its text alternative): a header and one row per bar."""
        head = [self.category, *(self.series if self.layout != SINGLE else (self.value_label,))]
        rows = []
        for bar in self.bars:
            if self.layout == SINGLE:
                cells = [bar.text]
            else:
                cells = list(bar.texts) if bar.shown and bar.texts else [bar.text] * len(self.series)
            rows.append([bar.label, *cells])
        if self.count_label:
            head.append(self.count_label)
            for row, bar in zip(rows, self.bars):
                row.append("" if bar.count is None else str(bar.count))
        return head, rows

    def count_under(self, bar: Bar) -> str:
        """The count as printed under the bar's label, or «»."""
        return "" if bar.count is None else self.count_text.format(count=bar.count)


__all__ = ["Bar", "Chart", "GROUPED", "SINGLE", "STACKED"]
