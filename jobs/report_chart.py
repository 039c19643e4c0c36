"""The chart of the monitoring report: average per question as a PNG bar chart — pure, stdlib only.

Why drawn here and not by a plotting library: the chart is six bars on a 0–10 scale, and both
document formats take a PNG (python-docx cannot place SVG; Google Docs' insertInlineImage takes
PNG, JPEG or GIF only). No font is available without a dependency, so the picture carries only
digits — the scale, each bar's number and its value — from a 5×7 bitmap font; the questions are
named by those numbers in the report's table next to the chart. A bar of a band (the report shows
averages as bands, `jobs.disclosure`) is solid up to the band's lower end and lighter across the
band, labelled «7–9».
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Sequence

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 64, 700, 36, 340  # the plot area
SCALE_MAX = 10
Colour = tuple[int, int, int]  # red, green, blue 0–255

BACKGROUND: Colour = (255, 255, 255)
GRID: Colour = (217, 217, 217)
AXIS: Colour = (89, 89, 89)
BAR: Colour = (68, 114, 196)
BAND: Colour = (180, 199, 231)  # the part of a bar where the average lies somewhere within its band
TEXT: Colour = (38, 38, 38)

# 5×7 glyphs, a row per string: the digits, the decimal comma and the dash of "no answers".
GLYPHS = {
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    ",": (".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."),
    "–": (".....", ".....", ".....", ".###.", ".....", ".....", "....."),
    "—": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
}


@dataclass(frozen=True)
class Bar:
    label: str  # digits only: the question's number in the report
    value: float | None  # None: no answers (no bar, a dash); a band: its upper end
    text: str  # the value as printed above the bar («8,3», «7–9»)
    low: float | None = None  # a band (`jobs.disclosure`): its lower end; the band is drawn lighter


class Canvas:
    """An RGB picture in memory."""

    def __init__(self, width: int, height: int, colour: Colour = BACKGROUND):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(colour) * (width * height))

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
        """Fill [x0, x1) × [y0, y1), clipped to the picture."""
        x0, x1 = max(0, x0), min(self.width, x1)
        y0, y1 = max(0, y0), min(self.height, y1)
        if x0 >= x1:
            return
        line = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            start = (y * self.width + x0) * 3
            self.pixels[start:start + len(line)] = line

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return tuple(self.pixels[i:i + 3])  # type: ignore[return-value]

    def text(self, x: int, y: int, text: str, colour: Colour = TEXT, size: int = 2) -> None:
        """Draw `text` with its top-left corner at (x, y); unknown characters are skipped."""
        for ch in text:
            glyph = GLYPHS.get(ch)
            if glyph is not None:
                for r, row in enumerate(glyph):
                    for c, bit in enumerate(row):
                        if bit == "#":
                            self.rect(x + c * size, y + r * size, x + (c + 1) * size, y + (r + 1) * size, colour)
            x += 6 * size

    def png(self) -> bytes:
        """The picture as a PNG file (8-bit RGB, no filtering)."""
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[y * stride:(y + 1) * stride]) for y in range(self.height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def text_width(text: str, size: int = 2) -> int:
    return 6 * size * len(text) - size if text else 0


def y_of(value: float) -> int:
    """The picture row of a value on the 0–10 scale."""
    value = max(0.0, min(float(SCALE_MAX), value))
    return round(BOTTOM - (BOTTOM - TOP) * value / SCALE_MAX)


def bar_span(i: int, count: int) -> tuple[int, int]:
    """The columns [x0, x1) of bar `i` of `count`."""
    slot = (RIGHT - LEFT) / max(count, 1)
    width = round(slot * 0.6)
    x0 = round(LEFT + slot * i + (slot - width) / 2)
    return x0, x0 + width


def draw(bars: Sequence[Bar]) -> Canvas:
    """The bar chart on a 0–10 scale (see the module docstring)."""
    canvas = Canvas(WIDTH, HEIGHT)
    for tick in range(0, SCALE_MAX + 1, 2):
        y = y_of(tick)
        canvas.rect(LEFT, y, RIGHT, y + 1, GRID if tick else AXIS)
        label = str(tick)
        canvas.text(LEFT - 10 - text_width(label), y - 7, label)
    canvas.rect(LEFT - 1, TOP, LEFT, BOTTOM + 1, AXIS)
    for i, bar in enumerate(bars):
        x0, x1 = bar_span(i, len(bars))
        middle = (x0 + x1) // 2
        if bar.value is not None:
            top = y_of(bar.value)
            low = y_of(bar.low) if bar.low is not None else top
            canvas.rect(x0, low, x1, BOTTOM, BAR)
            canvas.rect(x0, top, x1, low, BAND)
        else:
            top = BOTTOM
        canvas.text(middle - text_width(bar.text) // 2, top - 22, bar.text)
        canvas.text(middle - text_width(bar.label, 3) // 2, BOTTOM + 14, bar.label, size=3)
    return canvas


def chart_png(bars: Sequence[Bar]) -> bytes:
    """The PNG of `draw(bars)`."""
    return draw(bars).png()


__all__ = ["Bar", "Canvas", "HEIGHT", "WIDTH", "bar_span", "chart_png", "draw", "y_of"]
