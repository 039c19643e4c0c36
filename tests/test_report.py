"""`report` on every backend: the monitoring report document read back as staff would open it —
the .docx (python-docx) locally, ``documents.get`` on the fake Google Docs API — its figures, its
chart picture, one report per day, and no personal data."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from jobs.config import School
from jobs.report import chart_image, report
from sheets_schema.roadmap import default_rows
from sync.workspace import StoredDocument
from tests.test_monitor_data import MONITORING, PAIRS, people, programme_rows
from tests.workspaces import NOW, TODAY

# The coordinator signs the report; she is none of the participants in the banks.
SCHOOL = School(name="МБОУ СОШ № 26", head="Директорова Дарья Дмитриевна", coordinator="Кураторова Анна Сергеевна")


def reports(backend) -> list[StoredDocument]:
    return [d for d in backend.workspace.documents({}).existing().values() if d.kind == "report"]


def text_of(backend, doc: StoredDocument) -> list[str]:
    """The paragraphs (and table cells, in order) of the document."""
    if backend.name == "local":
        from sync.local.documents import docx_texts

        return docx_texts(backend.workspace.directory / doc.id)
    from tests.fake_google.models.docs import document_text

    return document_text(backend.client.documents_get(doc.id)).split("\n")


def pictures(backend, doc: StoredDocument) -> list[tuple[float, float]]:
    """(width, height) in cm of every inline picture of the document."""
    if backend.name == "local":
        from docx import Document

        return [(round(s.width.cm, 1), round(s.height.cm, 1))
                for s in Document(str(backend.workspace.directory / doc.id)).inline_shapes]
    got = backend.client.documents_get(doc.id)
    in_body = [e["inlineObjectElement"]["inlineObjectId"] for block in got["body"]["content"] if "paragraph" in block
               for e in block["paragraph"]["elements"] if "inlineObjectElement" in e]
    sizes = []
    for object_id in in_body:
        size = got["inlineObjects"][object_id]["inlineObjectProperties"]["embeddedObject"]["size"]
        sizes.append((round(size["width"]["magnitude"] / 72 * 2.54, 1), round(size["height"]["magnitude"] / 72 * 2.54, 1)))
    return sizes


def after(lines: list[str], label: str, count: int = 1) -> list[str]:
    """The `count` cells that follow the cell `label`."""
    i = lines.index(label)
    return lines[i + 1:i + 1 + count]


def test_the_report_holds_the_figures_the_pairs_the_roadmap_and_the_chart(backend):
    backend.make(programme_rows())

    result = report(backend.workspace, SCHOOL, now=NOW, min_answers=3)  # the programme has 3 answers

    assert result.created and result.exit_code == 0
    [doc] = reports(backend)
    assert doc.key == "report:2026-11-27" and result.document.key == doc.key
    lines = [line.strip() for line in text_of(backend, doc)]
    assert "МБОУ СОШ № 26" in lines
    assert "Период: 2026/2027 учебный год. Сведения на 27.11.2026." in lines
    assert after(lines, "Наставляемых в паре или группе") == ["2 из 3 (67 %)"]
    assert after(lines, "Наставляемых с персонализированной программой (ППН)") == ["1 из 3 (33 %)"]
    assert after(lines, "Наставляемых без пары") == ["1 из 3 (33 %)"]
    assert after(lines, "Молодых педагогов (до 35 лет) в наставничестве") == ["2 из 2 (100 %)"]
    assert after(lines, "Средняя общая удовлетворённость (1–10)") == ["7–9"]  # 8, as its band
    assert after(lines, "Программ наставничества завершено") == ["1"]
    assert after(lines, "Преодолено затруднений из заявленных наставляемыми в парах") == ["2 из 3 (67 %)"]
    # the questions, numbered as the chart's bars, averages as bands (8,3 and 7,3)
    assert after(lines, "Комфорт общения", 2) == ["7–9", "3"] and lines[lines.index("Комфорт общения") - 1] == "1"
    assert after(lines, "Желание продолжить", 2) == ["7–9", "3"]
    # pairs by ID: status, responses; no figure from a pair's 2 or 1 answers
    assert after(lines, "П-1", 4) == ["закреплена приказом", "2", "мало ответов", "мало ответов"]
    assert after(lines, "П-2", 4) == ["завершена", "1", "мало ответов", "мало ответов"]
    assert any(line.startswith("Средние оценки приводятся интервалами") and "не менее чем из 3 ответов" in line
               for line in lines)
    assert after(lines, "современный урок") == ["1"]
    stage = next(line for line in lines if line.startswith("6. Завершение"))
    assert after(lines, stage, 5) == ["3", "0", "0", "3", "0"]
    assert "Куратор ____________________ Кураторова Анна Сергеевна" in lines
    assert not [line for line in lines if "{{" in line or "{%" in line]
    # issue 22: the questions' chart and the pairs by their plans (П-2 done, П-1 with no plan marks yet)
    assert pictures(backend, doc) == [(16.0, 10.0), (16.0, 10.0)]
    [plan] = [line for line in lines if line.startswith("Рисунок 2.")]
    assert plan.endswith("Без отметок плана мероприятий пока пар: 1 — они не учтены. Распределение не приводится: "
                         "всего меньше 3 — по нему узнаётся пара.")
    assert "отчёт о мониторинге" in backend.column("Журнал", "Задание").values()


def test_a_rerun_the_same_day_finds_the_report_and_the_next_day_makes_another(backend):
    backend.make(programme_rows())
    first = report(backend.workspace, SCHOOL, now=NOW)

    again = report(backend.workspace, SCHOOL, now=NOW.replace(hour=15))

    assert not again.created and again.document.key == first.document.key
    assert again.document.link == first.document.link
    assert again.lines()[-1].startswith("Отчёт о мониторинге на 27.11.2026 уже есть: ")
    assert len(reports(backend)) == 1

    tomorrow = report(backend.workspace, SCHOOL, now=NOW + dt.timedelta(days=1))

    assert tomorrow.created
    assert sorted(d.key for d in reports(backend)) == ["report:2026-11-27", "report:2026-11-28"]


def test_a_dry_run_makes_nothing(backend):
    backend.make(programme_rows())

    result = report(backend.workspace, SCHOOL, now=NOW, dry_run=True)

    assert result.document is None and not result.created
    assert result.lines()[-1] == "Пробный запуск (--dry-run): был бы создан отчёт о мониторинге на 27.11.2026; ничего не создано."
    assert reports(backend) == []


def _name_forms(full: str) -> list[str]:
    parts = full.split()
    initials = " ".join(p[0] + "." for p in parts[1:])
    return [full, f"{parts[0]} {initials}", f"{initials} {parts[0]}", parts[0]]


def test_the_report_holds_no_email_and_no_name_of_anyone_in_the_banks_or_pairs(backend):
    rows = programme_rows()
    # staff typed people into places the report shows: a stage title, a pair id, a status
    rows["roadmap"] = default_rows(TODAY)
    rows["roadmap"][0] = dict(rows["roadmap"][0], stage="Подготовка (отв. Петрова Г. В., petrova.gv@school26.example)")
    rows["pairs"] = [dict(PAIRS[0], pair_id="Петрова-Иванова"), dict(PAIRS[1])]
    rows["monitoring"] = [dict(r, pair_id="Петрова-Иванова") if r["pair_id"] == "П-1" else dict(r) for r in MONITORING]
    backend.make(rows)

    result = report(backend.workspace, SCHOOL, now=NOW)

    text = "\n".join(text_of(backend, result.document))
    names, emails = people()
    names += [p["mentor_name"] for p in PAIRS] + [p["mentee_names"] for p in PAIRS]
    assert "@" not in text
    for email in emails:
        assert email not in text
    for full in names:
        for form in _name_forms(full):
            assert not re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE), form
    # a text that names someone is left out whole, not half-scrubbed
    assert "отв." not in text and "Петрова-Иванова" not in text
    assert text.count("…") >= 2  # the stage title and the pair id that held two surnames


def test_the_chart_is_the_png_of_the_averages(backend):
    backend.make(programme_rows())
    result = report(backend.workspace, SCHOOL, now=NOW)

    image = result.fill.images["chart"]

    assert image.png.startswith(b"\x89PNG\r\n\x1a\n") and image == chart_image(result.indicators)
    if backend.name == "local":
        from docx import Document

        shape = Document(str(backend.workspace.directory / result.document.id)).inline_shapes[0]  # the first
        part = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert Document(str(backend.workspace.directory / result.document.id)).part.related_parts[part].blob == image.png


@pytest.fixture
def google_backend(fake_google, tmp_path):
    from tests.backends import GoogleBackend
    from tests.test_google_support import fast_client, google_settings

    settings = google_settings(fake_google, tmp_path)
    return GoogleBackend(settings, fast_client(settings))


def test_on_google_the_picture_is_shared_only_while_it_is_inserted(google_backend, fake_google):
    google_backend.make(programme_rows())
    fake_google.clear_requests()

    result = report(google_backend.workspace, SCHOOL, now=NOW)

    log = [r for r in fake_google.requests() if r["api"] in ("drive", "docs")]
    calls = [r["method_id"] for r in log]
    uploads = [i for i, r in enumerate(log) if r["path"].startswith("/upload/")]
    assert len(uploads) == 2  # the questions' chart and (issue 22) the pairs by their plans
    assert all(log[i]["query"]["uploadType"] == ["multipart"] and log[i]["status"] == 200 for i in uploads)
    first = uploads[0]
    assert calls[first:first + 4] == ["drive.files.create", "drive.permissions.create"] * 2
    assert calls[first + 4:first + 9] == ["docs.documents.batchUpdate"] + ["drive.permissions.delete",
                                                                          "drive.files.delete"] * 2
    images = [f for f in fake_google.state.drive.files.values() if f.mime_type == "image/png"]
    assert images == []  # deleted: Google keeps its own copy of an inserted image
    assert pictures(google_backend, result.document) == [(16.0, 10.0), (16.0, 10.0)]


def test_on_google_without_sharing_by_link_the_report_is_made_with_a_line_instead(google_backend, monkeypatch):
    from sync.google.errors import GoogleApiError

    google_backend.make(programme_rows())

    def refused(file_id, body, fields="id"):
        raise GoogleApiError("drive.permissions.create", 403, "PERMISSION_DENIED", "publishOutNotPermitted",
                             "The user does not have sufficient permissions for this file.")

    monkeypatch.setattr(google_backend.client, "permissions_create", refused)

    result = report(google_backend.workspace, SCHOOL, now=NOW)

    lines = text_of(google_backend, result.document)
    assert "[Диаграмма средних оценок по вопросам анкеты мониторинга — см. таблицу выше]" in lines
    assert "[Диаграмма выполнения планов наставнических пар — см. подпись ниже]" in lines
    assert pictures(google_backend, result.document) == []
    assert any(line.startswith("Диаграмма не вставлена в документ «Отчёт о мониторинге программ наставничества "
                               "на 27.11.2026»: Google ответил 403 PERMISSION_DENIED") for line in result.lines())


def test_a_report_template_of_an_earlier_version_is_used_named_as_old_and_sends_no_unused_picture(backend, request):
    """A report template placed before issue 22 has no {{plan_chart}}: the report is made from it
    with the questions' chart only, `report` says the template is an old one and how to get the new
    one, and on Google the plans' picture is never uploaded or shared for nothing."""
    import dataclasses

    from sheets_schema.templates import REPORT, Paragraph

    old = dataclasses.replace(REPORT, blocks=tuple(
        b for b in REPORT.blocks if not (isinstance(b, Paragraph) and "{{plan_chart}}" in b.text)))
    backend.make(programme_rows())
    backend.workspace.documents({}).place_templates([old])
    if backend.name == "google":
        fake = request.getfixturevalue("fake_google")
        fake.clear_requests()

    result = report(backend.workspace, SCHOOL, now=NOW)

    outdated = [line for line in result.lines() if "создан прежней версией" in line]
    assert len(outdated) == 1 and "нет диаграммы выполнения планов пар" in outdated[0]
    assert pictures(backend, result.document) == [(16.0, 10.0)]  # the questions' chart alone
    if backend.name == "google":
        assert len([r for r in fake.requests() if r["path"].startswith("/upload/")]) == 1
        assert len([r for r in fake.requests() if r["method_id"] == "drive.permissions.create"]) == 1


def test_the_default_report_template_is_not_named_as_old(backend):
    backend.make(programme_rows())

    result = report(backend.workspace, SCHOOL, now=NOW)

    assert not [line for line in result.lines() if "создан прежней версией" in line]
