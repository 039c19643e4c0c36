"""The charts of the public page (`jobs.publish` with `jobs.charts`), on a sample school with a
programme under way: five charts inline (issue 22 added the pairs by their plans and the mentees'
self-assessment before and after) with their titles, labels and counts as text, each with
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


def test_the_page_of_a_sample_school_shows_five_labelled_charts(sample_page):
    result, page, _ = sample_page
    shown = charts(page)

    assert list(shown) == ["chart-pairs-", "chart-questions-", "chart-plan-", "chart-before_after-", "chart-roadmap-"]
    pairs, questions, _, _, roadmap = shown.values()
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
    assert page.count("<figcaption>") == 5 and "<svg" not in md


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


# --- issue 22: the pairs by their plans, the self-assessment before and after -----------------
def test_the_plan_chart_counts_the_pairs_of_pairs_on_track_behind_and_done(sample_page):
    from jobs.charts.builders import plan_counts

    result, page, md = sample_page
    plan = charts(page)["chart-plan-"]
    # the sample: every seventh pair «завершена», every fourth of the others «да» in «Отставание от плана»
    pairs = programme(generate(60, 1, TODAY), TODAY)["pairs"]
    done = sum(p["status"] == "завершена" for p in pairs)
    behind = sum(p["status"] != "завершена" and p["plan_behind"] == "да" for p in pairs)
    on_track = len(pairs) - done - behind
    assert done and behind and on_track
    import pandas as pd

    counts = plan_counts(pd.DataFrame(pairs))
    assert (counts.on_track, counts.behind, counts.done, counts.without_plan) == (on_track, behind, done, 0)
    assert plan.startswith("Выполнение планов наставнических пар")
    assert all(w in plan for w in ("по плану", "отстают", "завершены", "Пар", str(on_track), str(behind), str(done)))
    text = Elements(page).text
    assert f"по плану {on_track}" in text and f"отстают {behind}" in text and f"завершены {done}" in text
    assert "«отстают» — «да» в столбце «Отставание от плана»" in text
    assert f"отстают {behind}" in Elements(markdown_it_html(md)).text


def test_the_before_after_chart_holds_the_bands_of_consented_mentees_and_no_bar_below_the_threshold(sample_page):
    result, page, md = sample_page
    chart = charts(page)["chart-before_after-"]

    assert chart.startswith("Самооценка по затруднениям до и после наставничества")
    assert all(w in chart for w in ("до", "после", "рабочие программы", "современный урок", "оценивание"))
    # two difficulties rated by every paired mentee (31, released from 30), the third by three only
    assert chart.count("ответов: 30") == 2 and "ответов: 3" not in chart.replace("ответов: 30", "")
    assert "—" in chart
    for text in (Elements(page).text, Elements(markdown_it_html(md)).text):
        assert "Данные диаграммы: Самооценка по затруднениям до и после наставничества" in text
        assert "оценивание образовательных результатов — — " in text + " "
        assert "Нет столбцов у затруднений, по которым меньше 5 ответов до или после" in text


def test_the_before_after_counts_no_mentee_without_consent(tmp_path):
    rows = programme(generate(60, 1, TODAY), TODAY)
    paired = {p["mentee_emails"] for p in rows["pairs"]}
    withdrawn = [m for m in rows["mentees"] if m["email"] in paired][:6]
    for mentee in withdrawn:
        mentee["pd_consent"] = ""

    page = publish(local_workspace(tmp_path / "school", rows), tmp_path / "site", now=NOW).html_path.read_text(
        encoding="utf-8")

    chart = charts(page)["chart-before_after-"]
    assert chart.count("ответов: 25") == 2 and "ответов: 30" not in chart  # 31 − 6 = 25 mentees with consent


def test_with_few_pairs_the_plan_chart_has_no_bar_and_no_one_rated_twice_has_no_section(backend, tmp_path):
    ws = backend.make(programme_rows())  # two pairs: П-2 «завершена», П-1 with no plan marks

    page = publish(ws, tmp_path, now=NOW).html_path.read_text(encoding="utf-8")

    plan = charts(page)["chart-plan-"]
    assert plan.count("—") == 3 and "по плану" in plan  # the one done pair is no bar either
    text = Elements(page).text
    assert "по плану — отстают — завершены —" in text  # the data table
    assert "Распределение не приводится: всего меньше 5 — по нему узнаётся пара." in text
    assert "Без отметок плана мероприятий пока пар: 1 — они не учтены." in text
    assert "chart-before_after-" not in charts(page) and "Самооценка наставляемых" not in text


def test_a_mentees_final_self_assessment_added_between_two_pages_cannot_be_told(tmp_path):
    rows = programme(generate(60, 1, TODAY), TODAY)
    last_end = max(i for i, r in enumerate(rows["self_assessment"]) if r["assessment_stage"] == "окончание")
    earlier = dict(rows, self_assessment=[r for i, r in enumerate(rows["self_assessment"]) if i != last_end])

    before = publish(local_workspace(tmp_path / "a", earlier), tmp_path / "site-a", now=NOW)
    after = publish(local_workspace(tmp_path / "b", rows), tmp_path / "site-b", now=NOW)

    # 30 mentees answered at both stages, then 31: the bands come from the first 30 both times
    assert before.html_path.read_text(encoding="utf-8") == after.html_path.read_text(encoding="utf-8")
    assert before.md_path.read_text(encoding="utf-8") == after.md_path.read_text(encoding="utf-8")
