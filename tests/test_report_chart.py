"""The report's chart drawn by hand: PNG structure, bar heights on the 0–10 scale, no bar for no answers."""
from __future__ import annotations

import struct
import zlib

import pytest

from jobs.report_chart import BAR, BOTTOM, HEIGHT, TOP, WIDTH, Bar, bar_span, chart_png, draw, y_of


def decode(png: bytes) -> tuple[int, int, bytes]:
    """(width, height, RGB rows) of an unfiltered 8-bit RGB PNG, checking every chunk's CRC."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + data)
        chunks[kind] = data
        pos += 12 + length
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour) == (8, 2) and b"IEND" in chunks
    return width, height, zlib.decompress(chunks[b"IDAT"])


def bar_top(canvas, i: int, count: int) -> int | None:
    """The first row of the bar colour in the middle column of bar `i`, None when there is no bar."""
    x0, x1 = bar_span(i, count)
    middle = (x0 + x1) // 2
    for y in range(TOP - 1, BOTTOM + 1):
        if canvas.pixel(middle, y) == BAR:
            return y
    return None


def test_the_png_is_a_valid_rgb_picture_of_the_canvas():
    bars = [Bar("1", 8.0, "8")]
    width, height, raw = decode(chart_png(bars))
    canvas = draw(bars)
    assert (width, height) == (WIDTH, HEIGHT)
    assert raw == b"".join(b"\x00" + bytes(canvas.pixels[y * WIDTH * 3:(y + 1) * WIDTH * 3]) for y in range(HEIGHT))


@pytest.mark.parametrize("values, tops", [
    ([10.0, 5.0, 0.0], [TOP, (TOP + BOTTOM) // 2, None]),
    ([None, 2.5], [None, y_of(2.5)]),
    ([12.0, -1.0], [TOP, None]),  # out of the scale: clipped
])
def test_bars_rise_to_their_value_on_the_zero_to_ten_scale(values, tops):
    canvas = draw([Bar(str(i + 1), v, "") for i, v in enumerate(values)])
    assert [bar_top(canvas, i, len(values)) for i in range(len(values))] == tops
