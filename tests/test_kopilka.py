"""The «Методическая копилка» on the public page, on every backend: authors' names only with the
row's consent to publish and every author's bank consent; a title naming someone else withheld
whole; a materials link only when http(s); every value inert in both files."""
from __future__ import annotations

import pytest

from jobs.kopilka import http_link
from jobs.publish import publish
from tests.rendered import RENDERERS, Elements
from tests.test_monitor_data import programme_rows
from tests.workspaces import NOW

PETROVA, SOKOLOV = "Петрова Галина Викторовна", "Соколов Николай Павлович"
XSS_TITLE = '<script>alert(1)</script> Урок-[клик](javascript:alert(1)) "><svg onload=alert(1)>'

PRACTICES = [
    {"practice": "Урок-исследование в 5 классе", "practice_authors": "petrova.gv@school26.example",
     "practice_stage": "круглый стол", "practice_materials": "https://disk.example/kopilka/1",
     "practice_name_consent": "да", "practice_date": "20.11.2026"},  # 2: names and link
    {"practice": "Взаимопосещение уроков", "practice_authors": "Петрова Г. В.",
     "practice_name_consent": "нет", "practice_materials": "javascript:alert(1)"},  # 3: no consent, no link
    {"practice": "Наставничество в цифровой среде", "practice_authors": f"{PETROVA}; Соколов Н. П.",
     "practice_name_consent": "да"},  # 4: Соколов has no bank consent → no names at all
    {"practice": "Опыт Ивановой М. П. в первый год", "practice_authors": PETROVA,
     "practice_name_consent": "да"},  # 5: names a mentee without consent → withheld
    {"practice": "Методика Петровой Г. В.", "practice_authors": PETROVA,
     "practice_name_consent": "да"},  # 6: names only its consenting author → shown
    {"practice": XSS_TITLE, "practice_stage": "<img src=x onerror=alert(1)>",
     "practice_materials": 'https://x.example/a"onmouseover="alert(1)'},  # 7: inert, link dropped
    {"practice": "Портфолио наставляемого", "practice_materials": "https://disk.example/ivanova.mp/portfolio"},  # 8
    {"practice": "Служебная записка, не публиковать", "practice_authors": PETROVA},  # 9: marked private
]


def rows():
    data = programme_rows()
    for person in data["mentors"]:
        if person["full_name"] == SOKOLOV:
            person["pd_consent"] = ""  # no consent to processing: never named
    data["practices"] = [dict(r) for r in PRACTICES]
    return data


def test_practices_on_the_page_with_names_only_by_consent(backend, tmp_path):
    ws = backend.make(rows())

    result = publish(ws, tmp_path, now=NOW)

    page_html = result.html_path.read_text(encoding="utf-8")
    page = Elements(page_html)
    text = page.text
    assert "Методическая копилка: лучшие практики наставничества" in text
    assert f"Урок-исследование в 5 классе {PETROVA} круглый стол материалы" in text
    assert "Взаимопосещение уроков — —" in text  # no consent: no name, the javascript: link dropped
    assert "Наставничество в цифровой среде — —" in text
    assert f"Методика Петровой Г. В. {PETROVA}" in text
    assert "Ивановой" not in text and "Опыт" not in text
    assert "Соколов" not in text and "Петрова Г. В." not in text
    assert "Служебная записка" not in text
    assert "Портфолио наставляемого — —" in text  # a link carrying a bank e-mail's local part is dropped
    assert "ivanova.mp" not in page_html and "@" not in text
    links = [attrs for tag, attrs in page.tags if tag == "a"]
    assert links == [{"href": "https://disk.example/kopilka/1", "rel": "nofollow noopener noreferrer"}]
    practices = result.practices
    assert practices is not None
    assert practices.withheld == [5, 9] and practices.names_hidden == [3, 4]
    assert practices.links_dropped == [3, 7, 8]
    notes = " ".join(result.lines())
    assert "Практик не опубликовано: 2 (лист «Методическая копилка», строки 5, 9)" in notes
    assert "Практик без ФИО авторов: 2 (лист «Методическая копилка», строки 3, 4)" in notes
    assert "Урок" not in notes  # the notes give rows, never texts

    md = result.md_path.read_text(encoding="utf-8")
    for name, render in RENDERERS.items():
        view = Elements(render(md))
        assert all(not attrs for _, attrs in view.tags), name  # no link, no handler in index.md
        assert PETROVA in view.text and "https://disk.example/kopilka/1" in view.text
        assert "Ивановой" not in view.text and "Соколов" not in view.text

    again = publish(ws, tmp_path, now=NOW)
    assert again.html_path.read_text(encoding="utf-8") == page_html


def test_markup_in_a_practice_is_shown_as_typed_and_runs_nowhere(backend, tmp_path):
    ws = backend.make(rows())

    result = publish(ws, tmp_path, now=NOW)

    page = Elements(result.html_path.read_text(encoding="utf-8"))
    assert " ".join(XSS_TITLE.split()) in page.text and "<img src=x onerror=alert(1)>" in page.text
    assert not [t for t, _ in page.tags if t in ("script", "img", "iframe")]
    assert not [k for _, attrs in page.tags for k in attrs if k.startswith("on")]
    assert not [v for _, attrs in page.tags for v in attrs.values() if "javascript" in (v or "").lower()]
    md = result.md_path.read_text(encoding="utf-8")
    for name, render in RENDERERS.items():
        view = Elements(render(md))
        assert {t for t, _ in view.tags} <= {"h1", "h2", "p", "em", "table", "thead", "tbody", "tr", "th", "td"}, name
        assert " ".join(XSS_TITLE.split()) in view.text, name


def test_no_practices_no_section(backend, tmp_path):
    ws = backend.make(programme_rows())

    result = publish(ws, tmp_path, now=NOW)

    assert "Методическая копилка" not in result.html_path.read_text(encoding="utf-8")
    assert result.practices is not None and result.practices.practices == []


@pytest.mark.parametrize("text, link", [
    ("https://disk.example/a/b?c=1#d", "https://disk.example/a/b?c=1#d"),
    ("  http://school.example/kopilka  ", "http://school.example/kopilka"),
    ("HTTPS://School.example/x", "HTTPS://School.example/x"),
    ("javascript:alert(1)", ""),
    ("JaVaScRiPt:alert(1)", ""),
    ("data:text/html,<script>alert(1)</script>", ""),
    ("//evil.example/x", ""),
    ("ftp://files.example/x", ""),
    ("https://", ""),
    ("https://user:pass@evil.example/", ""),
    ('https://x.example/"onmouseover=alert(1)', ""),
    ("https://x.example/<script>", ""),
    ("https://x.example/a b", ""),
    ("https://x.example/\u202e", ""),
    ("disk.example/kopilka", ""),
    ("", ""),
])
def test_only_an_http_address_is_a_link(text, link):
    assert http_link(text) == link


def test_the_round_table_report_lists_the_practices_by_the_same_rules(backend):
    from jobs.report import report
    from tests.test_report import SCHOOL, after, reports, text_of

    backend.make(rows())

    result = report(backend.workspace, SCHOOL, now=NOW)

    [doc] = reports(backend)
    lines = [line.strip() for line in text_of(backend, doc)]
    assert "5.1. Методическая копилка: лучшие практики наставничества" in lines
    assert after(lines, "Урок-исследование в 5 классе", 3) == [PETROVA, "круглый стол", "https://disk.example/kopilka/1"]
    assert after(lines, "Взаимопосещение уроков", 3) == ["—", "", "—"]
    assert after(lines, "Наставничество в цифровой среде", 1) == ["—"]
    assert after(lines, "Методика Петровой Г. В.", 1) == [PETROVA]
    assert " ".join(XSS_TITLE.split()) in lines  # as typed, a value of the document
    flat = "\n".join(lines)
    assert "Ивановой" not in flat and "Соколов" not in flat and "Служебная записка" not in flat
    assert "ivanova.mp" not in flat
    assert not [line for line in lines if "{{" in line or "{%" in line]
    assert any("Практик не опубликовано: 2 (лист «Методическая копилка», строки 5, 9)" in n for n in result.lines())


def test_a_workspace_without_the_tab_still_gets_its_page(tmp_path):
    from openpyxl import load_workbook

    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path / "w")
    ws = backend.make(programme_rows())
    wb = load_workbook(ws.path)
    del wb["Методическая копилка"]
    wb.save(ws.path)

    result = publish(ws, tmp_path / "out", now=NOW)

    assert result.practices is None
    assert "Методическая копилка" not in result.html_path.read_text(encoding="utf-8")
    assert any("Методическая копилка" in line for line in result.lines())  # the missing tab is said
