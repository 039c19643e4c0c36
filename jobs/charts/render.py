"""Drawing a `Chart` with matplotlib: a PNG at print resolution for the report (.docx and Google
Docs) and an SVG for the public page.

Why matplotlib: it draws Cyrillic text (it ships the DejaVu fonts, so no system font is needed on
a server), wraps nothing by itself but lays out wrapped labels (constrained layout), and writes
PNG and SVG from one drawing. Only its object API is used — `matplotlib.figure.Figure` with the
Agg canvas, never `pyplot` — so no global figure, backend or GUI is involved; the few settings
a drawing needs (font, SVG text as text, hatch width) apply inside `settings()` only.

matplotlib writes a font cache into its config folder (``MPLCONFIGDIR``, else
``~/.config/matplotlib``). Under the systemd sandbox (ProtectHome, a read-only system) that folder
cannot be written, and matplotlib would warn on every run; so when ``MPLCONFIGDIR`` is unset and
the default folder is not writable, a private temporary folder is used (removed at exit) and the
cache is rebuilt there — a fraction of a second with the bundled fonts.

The picture, black-and-white friendly: greys and hatching, never colour alone; values on the bars,
the number of answers under each label, a released band (`jobs.disclosure`) solid up to its lower
end and hatched across the band. Google Docs takes an inserted picture of at most 25 megapixels
and 50 MB (``InsertInlineImageRequest.uri``); the report's 16 × 10 cm at 300 dpi is 1889 × 1181 px,
about 2.2 megapixels and well under 1 MB.
"""
from __future__ import annotations

import atexit
import contextlib
import io
import os
import shutil
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from jobs.charts.model import GROUPED, STACKED, Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_CM, HEIGHT_CM = 16.0, 10.0
PRINT_DPI = 300
FONT = "DejaVu Sans"
# fill and hatch per series, told apart in black-and-white print by the hatching
SERIES_STYLE = (("#404040", ""), ("#bfbfbf", "///"), ("#ffffff", "xx"), ("#ffffff", ".."))
BAR_FILL, BAND_FILL, BAND_HATCH = "#595959", "#d9d9d9", "///"
EDGE, TEXT, GRID = "#000000", "#1a1a1a", "#cccccc"
DARK = {"#404040", "#595959"}  # fills that take white text


def writable_config_dir() -> None:
    """Point ``MPLCONFIGDIR`` at a private temporary folder when it is unset and matplotlib's
    default folder cannot be written (the module docstring); removed when the process ends."""
    if os.environ.get("MPLCONFIGDIR"):
        return
    home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    default = Path(home) / "matplotlib"
    try:
        default.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=default):
            return
    except OSError:
        pass
    folder = tempfile.mkdtemp(prefix="nastavnik-matplotlib-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ["MPLCONFIGDIR"] = folder


@contextlib.contextmanager
def settings() -> Iterator[None]:
    """The drawing settings (font, SVG texts as text), in force inside the block only."""
    writable_config_dir()
    import matplotlib

    with matplotlib.rc_context({"font.family": FONT, "font.size": 8, "svg.fonttype": "none",
                                "svg.hashsalt": "nastavnik", "hatch.linewidth": 0.6,
                                "axes.edgecolor": TEXT, "text.color": TEXT}):
        yield


def _wrap(text: str, width: int, lines: int = 3) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder="…", break_long_words=False)) or text


def figure(chart: Chart, width_cm: float = WIDTH_CM, height_cm: float = HEIGHT_CM, dpi: int = PRINT_DPI) -> Figure:
    """A matplotlib figure of `chart` (on the Agg canvas); call inside `settings()`."""
    writable_config_dir()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi, layout="constrained", facecolor="white")
    FigureCanvasAgg(fig)
    draw(fig.add_subplot(), chart, width_cm)
    return fig


def png_of(fig: Figure) -> bytes:
    """The PNG of a figure at its own resolution, without the matplotlib version in it (the same
    figure gives the same bytes)."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=fig.dpi, metadata={"Software": None})
    return out.getvalue()


def draw(ax: Axes, chart: Chart, width_cm: float = WIDTH_CM) -> None:
    """Draw `chart` on `ax` (see the module docstring)."""
    n = max(len(chart.bars), 1)
    size = 7.5 if n <= 6 else 6.5
    chars = max(8, int(width_cm / n * 4.6 * 7.5 / size))  # ~5 characters of 7.5 pt per cm of a bar's slot
    ax.set_title(_wrap(chart.title, int(width_cm * 4.5), 2), fontsize=10, fontweight="bold", loc="center")
    ax.set_ylabel(_wrap(chart.value_label, 40, 2))
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.grid(True, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_xticks(range(len(chart.bars)))
    ax.set_xticklabels([_wrap(b.label, chars) + ("\n" + chart.count_under(b) if chart.count_under(b) else "")
                        for b in chart.bars])
    ax.tick_params(axis="x", length=0, labelsize=size)
    from matplotlib.ticker import MaxNLocator

    if chart.scale:  # ticks within the scale only: the room above it is for labels and the legend
        ax.set_yticks([t for t in MaxNLocator(6).tick_values(*chart.scale) if chart.scale[0] <= t <= chart.scale[1]])
    else:  # counts: whole numbers on the axis
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = _top(chart)
    ax.set_ylim(chart.scale[0] if chart.scale else 0, top)
    ax.set_xlim(-0.6, len(chart.bars) - 0.4)
    if chart.layout == STACKED:
        _stacked(ax, chart, top)
    elif chart.layout == GROUPED:
        _grouped(ax, chart, top)
    else:
        _single(ax, chart, top)
    if chart.layout in (STACKED, GROUPED):
        ax.legend(loc="upper left", ncols=len(chart.series), frameon=False, fontsize=8, handlelength=2.2)


def _top(chart: Chart) -> float:
    """The value axis' upper end: the fixed scale, or the tallest bar with room for its label
    (and the legend) above it."""
    if chart.scale:
        return chart.scale[1] * (1.12 if chart.layout != STACKED else 1.0) + (1.0 if chart.layout == GROUPED else 0)
    tallest = max((sum(b.values) if chart.layout == STACKED else max(b.values) for b in chart.shown), default=1.0)
    return max(tallest, 1.0) * (1.3 if chart.layout in (STACKED, GROUPED) else 1.15)


def _label(ax: Axes, x: float, y: float, text: str, inside: bool = False, fill: str = "") -> None:
    if not text:
        return
    colour = "white" if inside and fill in DARK else TEXT
    ax.text(x, y, text, ha="center", va="center" if inside else "bottom", fontsize=8,
            fontweight="bold" if not inside else "normal", color=colour,
            bbox=None if not inside or fill in DARK else {"facecolor": "white", "edgecolor": "none", "pad": 0.6})


def _single(ax: Axes, chart: Chart, top: float) -> None:
    pad = top * 0.01
    for x, bar in enumerate(chart.bars):
        if not bar.shown:
            _label(ax, x, pad, bar.text)
            continue
        value = bar.values[0]
        low = bar.lows[0] if bar.lows else None
        if low is not None:
            ax.bar(x, low, 0.6, color=BAR_FILL, edgecolor=EDGE, linewidth=0.6)
            ax.bar(x, value - low, 0.6, bottom=low, color=BAND_FILL, edgecolor=EDGE, hatch=BAND_HATCH, linewidth=0.6)
        else:
            ax.bar(x, value, 0.6, color=BAR_FILL, edgecolor=EDGE, linewidth=0.6)
        _label(ax, x, value + pad, bar.text)


def _grouped(ax: Axes, chart: Chart, top: float) -> None:
    k = len(chart.series)
    width = 0.8 / k
    for i, name in enumerate(chart.series):
        fill, hatch = SERIES_STYLE[i % len(SERIES_STYLE)]
        xs = [x - 0.4 + width * (i + 0.5) for x, b in enumerate(chart.bars) if b.shown]
        values = [b.values[i] for b in chart.bars if b.shown]
        ax.bar(xs, values, width, color=fill, hatch=hatch, edgecolor=EDGE, linewidth=0.6, label=name)
    for x, bar in enumerate(chart.bars):
        if not bar.shown:
            _label(ax, x, top * 0.01, bar.text)
            continue
        for i, value in enumerate(bar.values):
            text = bar.texts[i] if i < len(bar.texts) else ""
            _label(ax, x - 0.4 + width * (i + 0.5), value + top * 0.01, text)


def _stacked(ax: Axes, chart: Chart, top: float) -> None:
    bottoms = [0.0] * len(chart.bars)
    for i, name in enumerate(chart.series):
        fill, hatch = SERIES_STYLE[i % len(SERIES_STYLE)]
        heights = [b.values[i] if b.shown else 0.0 for b in chart.bars]
        ax.bar(range(len(chart.bars)), heights, 0.6, bottom=bottoms, color=fill, hatch=hatch, edgecolor=EDGE,
               linewidth=0.6, label=name)
        for x, bar in enumerate(chart.bars):
            text = bar.texts[i] if bar.shown and i < len(bar.texts) else ""
            if heights[x] >= top * 0.05:  # a part too thin for its number: the table has it
                _label(ax, x, bottoms[x] + heights[x] / 2, text, inside=True, fill=fill)
            bottoms[x] += heights[x]
    for x, bar in enumerate(chart.bars):
        _label(ax, x, bottoms[x] + top * 0.01, bar.text)


def png(chart: Chart, width_cm: float = WIDTH_CM, height_cm: float = HEIGHT_CM, dpi: int = PRINT_DPI) -> bytes:
    """The chart as a PNG of ``width_cm × height_cm`` at `dpi` (8-bit RGBA; same data, same bytes)."""
    with settings():
        return png_of(figure(chart, width_cm, height_cm, dpi))


def svg(chart: Chart, width_cm: float = WIDTH_CM, height_cm: float = HEIGHT_CM) -> str:
    """The chart as an SVG document, its texts as ``<text>`` (not outlines), no date in it."""
    with settings():  # before matplotlib's first import: its config folder is chosen then
        from matplotlib.backends.backend_svg import FigureCanvasSVG

        fig = figure(chart, width_cm, height_cm, 72)
        out = io.StringIO()
        FigureCanvasSVG(fig)
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def pixel_size(width_cm: float = WIDTH_CM, height_cm: float = HEIGHT_CM, dpi: int = PRINT_DPI) -> tuple[int, int]:
    """The PNG's size in pixels (what `png` makes with these arguments: matplotlib truncates)."""
    return int(width_cm / 2.54 * dpi), int(height_cm / 2.54 * dpi)


__all__ = ["HEIGHT_CM", "PRINT_DPI", "WIDTH_CM", "draw", "figure", "pixel_size", "png", "png_of", "settings", "svg",
           "writable_config_dir"]
