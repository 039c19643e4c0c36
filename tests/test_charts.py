"""The charts (`jobs.charts`): the builders tested as data — bars, labels, counts, what is left out
under the privacy threshold — and the pictures read back: the PNG's size, mode and the grey of a
bar where the data say it is; the SVG parsed and its Russian texts found."""
from __future__ import annotations

import datetime as dt
import io
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jobs.charts import builders, render
from jobs.charts.builders import PairStart, before_after, distribution, months_so_far, pair_share, plan_progress
from jobs.charts.model import GROUPED, STACKED, Bar, Chart
from tests.test_indicators import figures
from tests.test_monitor_data import MONITORING

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def responses(n: int, **answers: str) -> list[dict[str, str]]:
    """`n` copies of the three programme responses (9 answers a question when n = 3)."""
    return [dict(r, **answers) for r in MONITORING] * n


# --- the builders, as data ----------------------------------------------------------------------
def test_averages_per_question_are_bands_named_by_the_question_with_the_answers_under_them():
    ind = figures(monitoring=responses(2))  # 6 answers a question

    chart = builders.question_averages(ind, min_answers=5)

    assert [b.label for b in chart.bars] == ["Комфорт общения", "Полезность встреч", "Ясность ожиданий",
                                             "Ожидания и результат", "Общая удовлетворённость", "Желание продолжить"]
    assert [b.count for b in chart.bars] == [6] * 6
    # comfort 9, 10, 6 twice over — the first 5 of 6 answers released: 44/5 = 8.8, band 7–9
    assert chart.bars[0].text == "7–9" and chart.bars[0].values == (9.0,) and chart.bars[0].lows == (7.0,)
    assert chart.scale == (0, 10) and chart.count_under(chart.bars[0]) == "ответов: 6"
    assert "меньше" not in chart.note  # every bar is there


def test_a_question_with_fewer_answers_than_the_threshold_has_no_bar_and_the_note_says_why():
    few = [dict(r, continue_wish="") for r in responses(2)]
    few[0]["continue_wish"] = "10"  # one answer to «Желание продолжить»

    chart = builders.question_averages(figures(monitoring=few), min_answers=5)

    last = chart.bars[-1]
    assert (last.label, last.values, last.text, last.count) == ("Желание продолжить", (), "—", 1)
    assert all(b.shown for b in chart.bars[:-1])
    assert "меньше 5 участников" in chart.note
    head, rows = chart.table()
    assert head == ["Вопрос анкеты", "Средняя оценка (шкала 1–10)", "Ответов"]
    assert rows[-1] == ["Желание продолжить", "—", "1"]


def test_the_roadmap_is_stacked_by_status_done_first():
    chart = builders.roadmap_stages([
        ("1. Подготовка", {"выполнено": 3, "в работе": 1}),
        ("2. Формирование базы", {"просрочено": 2, "запланировано": 1, "в работе": 0}),
        ("3. Пустой этап", {}),
    ])

    assert chart.layout == STACKED and chart.series == ("выполнено", "в работе", "просрочено", "запланировано")
    assert [(b.label, b.values, b.text, b.count) for b in chart.bars] == [
        ("1. Подготовка", (3.0, 1.0, 0.0, 0.0), "4", 4),
        ("2. Формирование базы", (0.0, 0.0, 2.0, 1.0), "3", 3),
        ("3. Пустой этап", (), "0", 0),
    ]
    assert chart.bars[0].texts == ("3", "1", "", "")
    assert chart.table()[1][1] == ["2. Формирование базы", "", "", "2", "1", "3"]


@pytest.mark.parametrize("today, months", [
    (dt.date(2026, 9, 1), [dt.date(2026, 9, 1)]),
    (dt.date(2026, 11, 27), [dt.date(2026, 9, 30), dt.date(2026, 10, 31), dt.date(2026, 11, 27)]),
    (dt.date(2027, 2, 28), [dt.date(2026, 9, 30), dt.date(2026, 10, 31), dt.date(2026, 11, 30),
                            dt.date(2026, 12, 31), dt.date(2027, 1, 31), dt.date(2027, 2, 28)]),
    (dt.date(2027, 8, 31), None),  # the school year's last day: twelve months
])
def test_the_months_of_the_school_year_so_far(today, months):
    got = months_so_far(today)
    if months is None:
        assert len(got) == 12 and got[0] == dt.date(2026, 9, 30) and got[-1] == today
    else:
        assert got == months


MENTEES = {f"m{i}@school.example" for i in range(10)}


def pair(start: dt.date | None, *people: int) -> PairStart:
    return PairStart(start, frozenset(f"m{i}@school.example" for i in people))


def test_the_share_with_a_pair_grows_from_each_pairs_start():
    pairs = [pair(dt.date(2026, 5, 20), 0),  # started last school year: counted from September
             pair(dt.date(2026, 9, 15), 1, 2),
             pair(dt.date(2026, 10, 31), 3),  # the last day of October counts in October
             pair(None, 4),  # no start date: counted in the current month only
             pair(dt.date(2026, 12, 1), 5),  # starts later: not yet
             PairStart(dt.date(2026, 9, 2), frozenset({"stranger@school.example"}))]  # not in the bank

    chart = pair_share(MENTEES, pairs, dt.date(2026, 11, 27), min_answers=5)

    assert [(b.label, b.text, b.count) for b in chart.bars] == [
        ("сентябрь", "30 %", 3), ("октябрь", "40 %", 4), ("ноябрь", "50 %", 5)]
    assert chart.bars[0].values == (30.0,) and chart.scale == (0, 100) and chart.percent
    assert chart.title == "Доля наставляемых в паре или группе, 2026/2027 учебный год"
    assert "(10, с согласием" in chart.note


def test_no_share_is_shown_of_fewer_mentees_than_the_threshold():
    chart = pair_share({"a@x.example", "b@x.example"}, [pair(dt.date(2026, 9, 15), 0)], dt.date(2026, 10, 5), 3)

    assert [(b.label, b.shown, b.text) for b in chart.bars] == [("сентябрь", False, "—"), ("октябрь", False, "—")]
    assert chart.note == "Доля не приводится: наставляемых меньше 3 — по такой доле узнаётся человек."


def test_pair_starts_read_from_pairs_leave_out_stopped_pairs_and_read_both_date_spellings():
    import pandas as pd

    frame = pd.DataFrame([
        {"pair_id": "П-1", "mentee_emails": "A@x.example, b@x.example", "start": "01.10.2026", "status": "утверждена"},
        {"pair_id": "П-2", "mentee_emails": "c@x.example", "start": "2026-09-15", "status": "завершена"},
        {"pair_id": "П-3", "mentee_emails": "d@x.example", "start": "", "status": "прекращена"},
        {"pair_id": "", "mentee_emails": "e@x.example", "start": "01.10.2026", "status": "утверждена"},
        {"pair_id": "П-4", "mentee_emails": "f@x.example", "start": "не помню", "status": "утверждена"},
    ])

    assert builders.pair_starts(frame) == [
        PairStart(dt.date(2026, 10, 1), frozenset({"a@x.example", "b@x.example"})),
        PairStart(dt.date(2026, 9, 15), frozenset({"c@x.example"})),
        PairStart(None, frozenset({"f@x.example"})),
    ]


def test_before_and_after_take_any_series_and_show_a_pair_only_when_both_are_released():
    chart = before_after([("современный урок", [[4]] * 5, [[8]] * 6),
                          ("работа с родителями", [[3]] * 5, [[9]] * 4),  # 4 answers after: not released
                          ("оценивание", [[2], [3], [4], [5], [6]], [[10]] * 5)], min_answers=5)

    assert chart.layout == GROUPED and chart.series == ("до", "после")
    assert [(b.label, b.values, b.texts, b.count) for b in chart.bars] == [
        ("современный урок", (5.0, 9.0), ("3–5", "7–9"), 5),
        ("работа с родителями", (), ("—", "—"), None),
        ("оценивание", (5.0, 10.0), ("3–5", "9–10"), 5),
    ]
    assert "меньше 5 ответов до или после" in chart.note


@pytest.mark.parametrize("counts, shown", [((4, 2, 1), True), ((2, 1, 1), False), ((0, 0, 5), True)])
def test_plan_progress_is_a_distribution_shown_from_the_threshold(counts, shown):
    chart = plan_progress(*counts, min_answers=5)

    assert [b.label for b in chart.bars] == ["по плану", "отстают", "завершены"]
    assert all(b.shown == shown for b in chart.bars)
    assert [b.text for b in chart.bars] == ([str(n) for n in counts] if shown else ["—"] * 3)
    assert (chart.note == "") == shown


def test_a_distribution_takes_any_categories():
    chart = distribution([("A", 3), ("B", 7)], 5, key="any", title="Любое", value_label="Штук", category="Что")

    assert (chart.key, chart.title, chart.table()) == ("any", "Любое", (["Что", "Штук"], [["A", "3"], ["B", "7"]]))


# --- the pictures, read back -------------------------------------------------------------------
def png_header(data: bytes) -> tuple[int, int, int, int]:
    """(width, height, bit depth, colour type) from the PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">IIBB", data[16:26])


def pixels(data: bytes):
    from matplotlib.image import imread

    return imread(io.BytesIO(data), format="png")  # rows top-down, RGBA 0–1


SIMPLE = Chart("t", "Проверка", "Баллы", (Bar("Первый", (8.0,), "8", 12), Bar("Второй", text="—", count=2),
                                          Bar("Третий", (4.0,), "4", 7)), scale=(0, 10), count_text="ответов: {count}")


def test_the_png_is_print_resolution_rgba_within_google_docs_limits_and_not_blank():
    data = render.png(SIMPLE)

    width, height, depth, colour = png_header(data)
    assert (width, height) == render.pixel_size() == (1889, 1181)  # 16 × 10 cm at 300 dpi
    assert (depth, colour) == (8, 6)  # 8-bit RGBA
    assert width * height <= 25_000_000 and len(data) < 50 * 2 ** 20  # insertInlineImage's limits
    image = pixels(data)
    assert image.shape == (1181, 1889, 4)
    dark = (image[:, :, :3].max(axis=2) < 0.5).mean()
    assert 0.03 < dark < 0.5  # bars and text, on white
    assert render.png(SIMPLE) == data  # the same chart, the same bytes


def _at(fig, image, x: float, y: float) -> tuple[float, ...]:
    """The colour of the PNG's pixel at data point (x, y) of the figure's axes."""
    [ax] = fig.axes
    px, py = ax.transData.transform((x, y))
    return tuple(round(float(c), 2) for c in image[image.shape[0] - 1 - int(py), int(px), :3])


def test_each_bar_is_drawn_to_its_value_and_a_missing_bar_leaves_white():
    with render.settings():
        fig = render.figure(SIMPLE, dpi=100)
        image = pixels(render.png_of(fig))
    grey = (0.35, 0.35, 0.35)  # BAR_FILL #595959
    assert _at(fig, image, 0, 7.5) == grey and _at(fig, image, 0, 8.3) == (1.0, 1.0, 1.0)
    assert _at(fig, image, 2, 3.5) == grey and _at(fig, image, 2, 5.0) == (1.0, 1.0, 1.0)
    assert _at(fig, image, 1, 3.0) == (1.0, 1.0, 1.0)  # «Второй»: no bar


def test_a_band_is_solid_to_its_low_end_and_lighter_above():
    chart = Chart("b", "Полосы", "Баллы", (Bar("Вопрос", (9.0,), "7–9", 5, lows=(7.0,)),), scale=(0, 10))
    with render.settings():
        fig = render.figure(chart, dpi=100)
        image = pixels(render.png_of(fig))
    below = {_at(fig, image, x / 10, y / 4) for x in range(-2, 3) for y in range(1, 27)}
    above = [_at(fig, image, x / 10, 7.2 + y / 10) for x in range(-2, 3) for y in range(16)]
    assert below == {(0.35, 0.35, 0.35)}  # solid up to 7
    assert sum(c == (0.85, 0.85, 0.85) for c in above) > len(above) / 2  # light grey #d9d9d9…
    assert any(max(c) < 0.35 for c in above)  # …crossed by the hatching


def test_the_svg_holds_the_russian_texts_as_text():
    chart = builders.roadmap_stages([("1. Подготовка условий", {"выполнено": 2, "запланировано": 1}),
                                     ("2. Формирование базы наставников", {"в работе": 1})])

    root = ET.fromstring(render.svg(chart))

    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for words in ("Дорожная карта: мероприятия по этапам", "Мероприятий", "выполнено", "в работе", "просрочено",
                  "запланировано", "всего: 3", "всего: 1", "Подготовка", "Формирование", "наставников"):
        assert words in texts, words
    assert root.find(f"{SVG}metadata") is None or "Date" not in ET.tostring(root, encoding="unicode")


def test_matplotlib_writes_nothing_into_a_home_it_cannot_write(tmp_path):
    home = tmp_path / "home"
    home.write_text("")  # a file where a folder should be: nobody, root included, can create ~/.config in it
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MPL", "XDG_"))}
    env.update(HOME=str(home), TMPDIR=str(temp))
    code = ("from jobs.charts import render; from tests.test_charts import SIMPLE; import sys;"
            "sys.stdout.write(str(len(render.svg(SIMPLE)) + len(render.png(SIMPLE))))")  # the SVG first

    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 10_000
    assert "writable" not in done.stderr and "Matplotlib" not in done.stderr  # no warning on every run
    assert list(temp.iterdir()) == []  # its private config folder removed at exit


# --- the SVG inline in the public page ---------------------------------------------------------
def test_a_label_that_holds_markup_is_text_in_the_inline_svg():
    from html.parser import HTMLParser

    from jobs.charts.inline_svg import ATTRIBUTES, ELEMENTS, inline_svg

    payload = '"><script>alert(1)</script><svg onload=alert(1)>'
    chart = builders.roadmap_stages([(f"Этап {payload}", {"выполнено": 1})])

    svg = inline_svg(render.svg(chart), "chart-roadmap-", chart.title)

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

        def handle_data(self, data):
            self.text.append(data)

    parsed = Tags()
    parsed.feed(svg)
    assert {t for t, _ in parsed.tags} <= {e.lower() for e in ELEMENTS} and "script" not in {t for t, _ in parsed.tags}
    assert {a for _, attrs in parsed.tags for a in attrs} <= {a.lower() for a in ATTRIBUTES}
    assert [t for t, _ in parsed.tags].count("svg") == 1
    assert "Этап" in "".join(parsed.text) and "<script>alert(1)</script>" in "".join(parsed.text)
    ids = [a["id"] for _, a in parsed.tags if "id" in a]
    assert ids and all(i.startswith("chart-roadmap-") for i in ids) and len(ids) == len(set(ids))
    root = ET.fromstring(svg)  # well-formed XML as well
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == chart.title


def test_whatever_an_svg_holds_only_the_allowed_elements_attributes_and_local_references_come_out():
    from jobs.charts.inline_svg import inline_svg

    hostile = """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"
      xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
      <script>alert(2)</script><style>body{display:none}</style>
      <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
      <a xlink:href="javascript:alert(3)"><text>ссылка</text></a>
      <g id="g1" style="fill: url(http://evil.example/x); stroke: #000000; behavior: url(x.htc)" onclick="alert(4)">
        <path d="M 0 0 L 1 1 z" style="fill: url(#h1)" transform="translate(1 2) expression(alert(5))"/>
        <use xlink:href="http://evil.example/sprite.svg#a" x="1" y="2"/>
        <use xlink:href="#m1" x="1" y="2"/>
        <text x="1" y="2" style="font-family: 'DejaVu Sans'; font-size: 8px">Подпись &lt;b&gt;</text>
      </g></svg>"""

    out = inline_svg(hostile, "p-", "Заголовок")

    for bad in ("script", "style", "foreignObject", "alert", "evil", "javascript", "onload", "onclick",
                "behavior", "expression", "<a", "div"):
        assert bad not in out, bad
    assert '<g id="p-g1" stroke="#000000">' in out
    assert '<path d="M 0 0 L 1 1 z" fill="url(#p-h1)"></path>' in out
    assert '<use x="1" y="2"></use>' in out and '<use xlink:href="#p-m1" x="1" y="2"></use>' in out
    assert "Подпись &lt;b&gt;" in out and "font-family=\"&#x27;DejaVu Sans&#x27;, Verdana, Arial, sans-serif\"" in out
    assert "ссылка" not in out  # the content of a dropped element goes with it


@pytest.mark.parametrize("chart", [
    before_after([("современный урок", [[4]] * 5, [[8]] * 5), ("оценивание", [[4]] * 2, [[8]] * 2)], 5),
    plan_progress(4, 2, 1, 5),
    plan_progress(1, 1, 0, 5),  # nothing shown
    builders.roadmap_stages([("1. Подготовка", {"выполнено": 1, "в работе": 1, "просрочено": 1, "запланировано": 1})]),
], ids=["before-after", "plan", "plan-hidden", "roadmap-every-status"])
def test_every_layout_draws_and_every_reference_of_its_inline_svg_resolves(chart):
    import re

    from jobs.charts.inline_svg import inline_svg

    image = pixels(render.png(chart, dpi=100))
    assert image.shape[2] == 4 and (image[:, :, :3].max(axis=2) < 0.5).mean() > 0.003  # at least the texts
    svg = inline_svg(render.svg(chart), "c-", chart.title)
    ids = set(re.findall(r' id="([^"]+)"', svg))
    references = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'xlink:href="#([^"]+)"', svg))
    assert references and references <= ids
    texts = " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
    for bar in chart.bars:
        assert bar.label.split()[0] in texts
