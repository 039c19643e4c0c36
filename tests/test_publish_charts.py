"""The charts of the public page (`jobs.publish` with `jobs.charts`), on a sample school with a
programme under way: three charts inline with their titles, labels and counts as text, each with
a caption and its data as a table (in index.md the table alone); the thresholds and the scrubbing
of the page hold in the charts too."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from benchmarks.report import programme
from jobs.publish import publish
from jobs.sample import generate
from sheets_schema.roadmap import default_rows
from tests.rendered import Elements, markdown_it_html
from tests.test_monitor_data import programme_rows
from tests.workspaces import NOW, TODAY, local_workspace

SVG = "{http://www.w3.org/2000/svg}"


def charts(page: str) -> dict[str, str]:
    """Each inline chart's texts (its title first), by the chart's id prefix."""
    out = {}
    for svg in re.findall(r"<svg .*?</svg>", page, re.DOTALL):
        root = ET.fromstring(svg)
        key = root.get("aria-labelledby").removesuffix("title")
        out[key] = " ".join(t.text or "" for t in root.iter() if t.tag in (f"{SVG}title", f"{SVG}text"))
    return out


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    directory = tmp_path_factory.mktemp("sample")
    ws = local_workspace(directory / "school", programme(generate(60, 1, TODAY), TODAY))
    result = publish(ws, directory / "site", now=NOW, school="МБОУ СОШ № 26")
    return result, result.html_path.read_text(encoding="utf-8"), result.md_path.read_text(encoding="utf-8")


def test_the_page_of_a_sample_school_shows_three_labelled_charts(sample_page):
    result, page, _ = sample_page
    shown = charts(page)

    assert list(shown) == ["chart-pairs-", "chart-questions-", "chart-roadmap-"]
    pairs, questions, roadmap = shown.values()
    assert pairs.startswith("Доля наставляемых в паре или группе, 2026/2027 учебный год")
    assert all(m in pairs for m in ("сентябрь", "октябрь", "ноябрь", "% наставляемых", "в паре:"))
    with_pair = result.indicators.with_pair
    assert f"в паре: {with_pair}" in pairs and "100 %" in pairs  # every mentee with consent is paired by now
    answers = result.indicators.per_question["comfort"][1]
    assert questions.startswith("Средняя оценка по вопросам анкеты мониторинга")
    assert "Комфорт общения" in questions and f"ответов: {answers}" in questions and "7–9" in questions
    assert roadmap.startswith("Дорожная карта: мероприятия по этапам")
    assert all(w in roadmap for w in ("выполнено", "в работе", "просрочено", "запланировано", "Подготовка"))


def test_each_chart_has_a_caption_and_its_data_as_a_table_in_both_files(sample_page):
    result, page, md = sample_page
    html_text = Elements(page).text
    md_text = Elements(markdown_it_html(md)).text

    for text in (html_text, md_text):
        assert "Данные диаграммы: Доля наставляемых в паре или группе, 2026/2027 учебный год" in text
        assert "Данные диаграммы: Средняя оценка по вопросам анкеты мониторинга" in text
        assert "Комфорт общения 7–9" in text
    assert "Данные диаграммы — в таблице ниже." in html_text  # the roadmap's table is the page's own
    assert page.count("<figcaption>") == 3 and "<svg" not in md


def test_the_charts_obey_the_threshold_and_say_why_a_bar_is_missing(backend, tmp_path):
    ws = backend.make(programme_rows())  # three mentees, three answers

    page = publish(ws, tmp_path, now=NOW).html_path.read_text(encoding="utf-8")

    text = Elements(page).text
    assert "Доля не приводится: наставляемых меньше 5 — по такой доле узнаётся человек." in text
    assert "Нет столбца у вопросов, на которые ответили меньше 5 участников" in text
    questions = charts(page)["chart-questions-"]
    assert "7–9" not in questions and "ответов: 3" in questions and "—" in questions


def test_a_stage_title_that_names_someone_is_neutral_in_the_chart_as_in_the_table(backend, tmp_path):
    roadmap = default_rows(TODAY)
    for row in roadmap:
        if row["stage_no"] == "1":
            row["stage"] = "Подготовка (отв. Петрова Г. В.)"

    page = publish(backend.make(programme_rows(roadmap)), tmp_path, now=NOW).html_path.read_text(encoding="utf-8")

    stages = charts(page)["chart-roadmap-"]
    assert "Петрова" not in page and "Этап 1" in stages
