"""The report's chart on a sample school with a programme under way: the picture in the .docx is
the PNG `jobs.charts` draws — print resolution, RGBA, the questions' bars — and the caption under
it says what the bars are and why one is missing."""
from __future__ import annotations

import struct

from benchmarks.report import programme
from jobs.charts import render
from jobs.charts.builders import question_averages
from jobs.report import report
from jobs.sample import generate
from sync.local.documents import docx_texts
from tests.test_charts import pixels
from tests.test_monitor_data import programme_rows
from tests.test_report import SCHOOL
from tests.workspaces import NOW, TODAY, local_workspace


def docx_picture(path) -> bytes:
    from docx import Document

    document = Document(str(path))
    shape = document.inline_shapes[0]  # the questions' chart comes first
    part = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    return document.part.related_parts[part].blob


def test_the_sample_schools_report_holds_the_chart_at_print_resolution_with_its_caption(tmp_path):
    ws = local_workspace(tmp_path / "school", programme(generate(60, 1, TODAY), TODAY))

    result = report(ws, SCHOOL, now=NOW)

    png = docx_picture(ws.directory / result.document.id)
    assert png == result.fill.images["chart"].png
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert (width, height, depth, colour) == (*render.pixel_size(), 8, 6)
    dark = (pixels(png)[:, :, :3].max(axis=2) < 0.5).mean()
    assert dark > 0.05  # six bars drawn
    chart = question_averages(result.indicators)
    assert all(b.shown for b in chart.bars)
    lines = [line.strip() for line in docx_texts(ws.directory / result.document.id)]
    [caption] = [line for line in lines if line.startswith("Рисунок 1.")]
    assert caption == ("Рисунок 1. Средняя оценка по вопросам анкеты мониторинга (шкала 1–10); под каждым вопросом "
                       "— число ответов. Средняя оценка показана интервалом: сплошная часть столбца — до нижней "
                       "границы интервала, штриховка — сам интервал (подпись над столбцом).")


def test_with_too_few_answers_the_chart_has_no_bars_and_the_caption_says_why(tmp_path):
    ws = local_workspace(tmp_path / "school", programme_rows())  # three answers a question

    result = report(ws, SCHOOL, now=NOW)  # [privacy] min_answers = 5

    assert not question_averages(result.indicators).shown
    caption = result.fill.values["chart_caption"]
    assert caption.endswith("Нет столбца у вопросов, на которые ответили меньше 5 участников: по ним средняя "
                            "оценка не приводится («—»).")
    png = docx_picture(ws.directory / result.document.id)
    image = pixels(png)
    # no bar: what is dark is text and axes only, far less than a chart with bars
    assert (image[:, :, :3].max(axis=2) < 0.5).mean() < 0.03


def test_the_sample_schools_report_holds_the_plans_and_the_before_after_as_two_more_pictures(tmp_path):
    import zipfile

    ws = local_workspace(tmp_path / "school", programme(generate(60, 1, TODAY), TODAY))

    result = report(ws, SCHOOL, now=NOW)

    path = ws.directory / result.document.id
    with zipfile.ZipFile(path) as package:
        media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
        blobs = {package.read(n) for n in media}
    assert len(media) == 3  # the questions, (issue 22) the pairs by their plans, the before/after
    assert blobs == {result.fill.images[k].png for k in ("chart", "plan_chart", "before_after_chart")}
    for key in ("plan_chart", "before_after_chart"):
        image = pixels(result.fill.images[key].png)
        assert image.shape[:2] == render.pixel_size()[::-1]
        assert (image[:, :, :3].max(axis=2) < 0.5).mean() > 0.03  # bars drawn, not a blank frame
    lines = [line.strip() for line in docx_texts(path)]
    [plan] = [line for line in lines if line.startswith("Рисунок 2.")]
    assert plan.startswith("Рисунок 2. Наставнические пары и группы по выполнению планов мероприятий")
    assert "3.1. Выполнение планов мероприятий пар и групп" in lines
    [before_after] = [line for line in lines if line.startswith("Рисунок 3.")]
    assert "Нет столбцов у затруднений, по которым меньше 5 ответов до или после" in before_after
