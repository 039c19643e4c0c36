"""`publish` on every backend: the public page has the figures, the roadmap and the next events —
and no e-mail address or name of anyone in the banks."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from jobs.personal_names import PersonalNames
from jobs.publish import PublishError, publish, publishable
from sheets_schema.roadmap import default_rows
from tests.rendered import Elements, markdown_it_html
from tests.test_monitor_data import people, programme_rows
from tests.workspaces import NOW, TODAY

NAMED_EVENT = {"stage_no": "7", "stage": "Информационная поддержка системы наставничества",
               "event": "Открытый урок: Иванова М. П., наставник Петрова Г.В. (ivanova.mp@school26.example)",
               "owner": "Соколов Николай Павлович", "due": "10.12.2026", "status": "запланировано",
               "evidence": "https://docs.google.com/document/d/secret", "code": "", "public": "да"}


def roadmap_with_named_event():
    rows = default_rows(TODAY)
    rows[0]["status"] = "выполнено"
    rows[1]["status"] = "в работе"
    return rows + [NAMED_EVENT]


def assert_no_personal_data(text: str) -> None:
    names, emails = people()
    assert "@" not in text
    for email in emails:
        assert email.casefold() not in text.casefold()
    for name in names:
        assert name.casefold() not in text.casefold()
        assert re.search(rf"(?<!\w){re.escape(name.split()[0])}(?!\w)", text, re.IGNORECASE) is None, name
    assert "docs.google.com" not in text


def test_page_has_figures_roadmap_and_upcoming_events_and_no_personal_data(backend, tmp_path):
    ws = backend.make(programme_rows(roadmap_with_named_event()))

    result = publish(ws, tmp_path / "site", now=NOW, school="МБОУ СОШ № 26")

    page = Elements(result.html_path.read_text(encoding="utf-8")).text
    md = Elements(markdown_it_html(result.md_path.read_text(encoding="utf-8"))).text
    for text in (page, md):
        assert_no_personal_data(text)
        assert "Наставляемых в паре или группе 2 из 3 (67 %)" in text
        assert "Средняя общая удовлетворённость (1–10)" in text
        assert "Открытый урок" not in text  # the event that names people is withheld whole
        assert "МБОУ СОШ № 26" in text and "Сведения на 27.11.2026" in text
    assert [(e.due.isoformat(), e.stage_no) for e in result.upcoming] == [
        ("2026-11-30", "1"), ("2026-11-30", "1"), ("2026-11-30", "4"), ("2026-11-30", "5"), ("2026-12-31", "4")]
    assert result.roadmap.withheld == [17]
    first = result.stages[0]
    assert (first.stage_no, first.total, first.counts["выполнено"], first.counts["в работе"]) == ("1", 3, 1, 1)
    assert len(result.stages) == 7


def test_html_is_standalone_and_accessible(backend, tmp_path):
    ws = backend.make(programme_rows())
    page = publish(ws, tmp_path, now=NOW).html_path.read_text(encoding="utf-8")

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.attrs = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.attrs.append(dict(attrs))

    parsed = Tags()
    parsed.feed(page)
    assert parsed.tags[0] == "html" and parsed.attrs[0]["lang"] == "ru"
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    # the figures, the share of mentees with a pair (its data), the answers (their data), the
    # pairs by their plans (its data, issue 22), the roadmap and the upcoming events
    assert parsed.tags.count("table") == parsed.tags.count("caption") == 6
    # four charts inline (the pairs by their plans: issue 22; no before/after here: nobody rated twice),
    # each an image named by its title, with a caption
    svgs = [a for t, a in zip(parsed.tags, parsed.attrs) if t == "svg"]
    assert len(svgs) == 4 and all(a["role"] == "img" and a["aria-labelledby"].endswith("title") for a in svgs)
    assert parsed.tags.count("figure") == 4 and parsed.tags.count("title") == 1 + 4
    assert all(a.get("scope") in ("col", "row") for t, a in zip(parsed.tags, parsed.attrs) if t == "th")
    assert "<style>" in page and 'charset="utf-8"' in page


def test_names_need_a_consent_the_banks_do_not_record(backend, tmp_path):
    ws = backend.make(programme_rows())
    with pytest.raises(PublishError, match="ст. 10.1"):
        publish(ws, tmp_path / "site", now=NOW, with_names=True)
    assert not (tmp_path / "site").exists()


def test_few_answers_hide_the_average(backend, tmp_path):
    rows = programme_rows()
    rows["monitoring"] = rows["monitoring"][:2]
    ws = backend.make(rows)
    md = publish(ws, tmp_path, now=NOW).md_path.read_text(encoding="utf-8")
    assert "Средняя общая удовлетворённость (1–10) мало ответов" in Elements(markdown_it_html(md)).text


PUBLISHABLE_CASES = [
    ("Иванова Мария Петровна выступит", False),
    ("доклад М. П. Иванова", False),
    ("Иванова М.П.", False),
    ("ИВАНОВА", False),
    ("Ивановой", False),
    ("Мария Петровна", False),
    ("Ивановка — посёлок", True),
    ("пишите: a.b@c.ru", False),
    ("Мониторинг качества", True),
    ("Мария и её класс", True),
]


@pytest.mark.parametrize("text, expected", PUBLISHABLE_CASES)
def test_publishable(text, expected):
    assert publishable(text, PersonalNames.of(["Иванова Мария Петровна"])) is expected
