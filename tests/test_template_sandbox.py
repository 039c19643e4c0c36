"""A local .docx template cannot run code: the tag check, the sandbox, the rendering budget.

Each attack is typed into the placed ППН template the way a person with write access to
``templates/`` would (a paragraph, a header, the file's title), then ``orders`` runs: the check
refuses it with a sentence naming the template and the tag, nothing is created and nothing the
payload asked for happened.
"""
from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from docx import Document
from docxtpl import DocxTemplate

from jobs.documents.check import TemplateError
from jobs.documents.settings import DocumentSettings
from jobs.orders import orders
from sheets_schema.templates import PROGRAMME, TEMPLATES, Fill
from sheets_schema.templates import shown
from sync.local.template_sandbox import RenderLimit, refused_tags, render
from tests.test_orders import SCHOOL, documents, rows_for, run, store_of, text_of
from tests.test_orders_cli import root, workspace
from tests.workspaces import NOW

WHERE = "templates/Шаблон — персонализированная программа наставничества.docx"
HEAD = f"Шаблон «{PROGRAMME.name}» ({WHERE}): "
ONLY = ("не разрешён — в шаблоне можно использовать только поля {{…}}, повтор строки таблицы "
        "{%tr for … %} и условия {% if поле %}; удалите тег или замените его полем.")
STOP = "Документы не созданы: исправьте шаблоны и запустите команду снова."


def refused(tag: str) -> str:
    return f"{HEAD}тег «{tag}» {ONLY}"


def local(tmp_path):
    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    backend.make(rows_for(2))
    store_of(backend).place_templates(TEMPLATES)
    return backend


def edit_programme(backend, *, paragraph: str = "", header: str = "", title: str = "") -> None:
    """Staff edit the placed ППН template in Word: a new paragraph, a header line, the title."""
    path = store_of(backend).template_path(PROGRAMME)
    doc = Document(str(path))
    if paragraph:
        doc.add_paragraph(paragraph)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    if title:
        doc.core_properties.title = title
    doc.save(str(path))


def made(directory) -> list:
    """Every file under documents/ (records included)."""
    return [p for p in (directory / "documents").rglob("*") if p.is_file()]


# (case, where the tag goes, the tag, the messages it gets)
def payloads(marker: str):
    return [
        ("cycler_globals_os_system",
         "paragraph", f"{{% if cycler.__init__.__globals__.os.system('touch {marker}') %}}{{% endif %}}",
         refused("{% if cycler.__init__.__globals__.os.sys… %}")),
        ("template_reference_context", "paragraph", "{{ self._TemplateReference__context }}",
         refused("{{ self._TemplateReference__context }}")),
        ("str_class_mro", "paragraph", "{{ ''.__class__.__mro__[1].__subclasses__() }}",
         refused("{{ ''.__class__.__mro__[1].__subclasses_… }}")),
        ("lipsum_globals", "paragraph", f"{{{{ lipsum.__globals__.os.popen('touch {marker}').read() }}}}",
         refused("{{ lipsum.__globals__.os.popen('touch /t… }}")),
        ("config_items", "paragraph", "{{ config.items() }}", refused("{{ config.items() }}")),
        ("request_environ", "paragraph", "{{ request.environ }}",
         f"{HEAD}неизвестное поле {{{{request.environ}}}}. Исправьте поле в шаблоне; допустимые поля: "),
        ("arithmetic", "paragraph", "{{ 7*7 }}", refused("{{ 7*7 }}")),
        ("filter", "paragraph", "{{ mentor|attr('__class__') }}", refused("{{ mentor|attr('__class__') }}")),
        ("huge_range", "paragraph", "{% for x in range(10**9) %}{% endfor %}",
         refused("{% for x in range(10**9) %}"), refused("{% endfor %}")),
        ("loop_in_a_paragraph", "paragraph", "{% for item in plan %}{{ item.event }}{% endfor %}",
         refused("{% for item in plan %}"), refused("{% endfor %}")),
        ("loop_over_a_field", "paragraph", "{%tr for c in mentor %}", refused("{%tr for c in mentor %}")),
        ("include", "paragraph", "{% include '/etc/passwd' %}", refused("{% include '/etc/passwd' %}")),
        ("import", "paragraph", "{% import 'os' as os %}", refused("{% import 'os' as os %}")),
        ("set", "paragraph", "{% set x = mentor %}", refused("{% set x = mentor %}")),
        ("macro", "paragraph", "{% macro m() %}{% endmacro %}", refused("{% macro m() %}"),
         refused("{% endmacro %}")),
        ("condition_with_a_call", "paragraph", "{% if mentor.upper() %}{% endif %}",
         refused("{% if mentor.upper() %}")),
        ("private_attribute", "paragraph", "{% if mentor.__len__ %}{% endif %}",
         refused("{% if mentor.__len__ %}")),
        ("control_characters", "title", "{{ x\ncycler\t }}", refused("{{ x\\ncycler\\t }}")),
        ("in_the_header", "header", "{{ cycler.__init__.__globals__ }}",
         refused("{{ cycler.__init__.__globals__ }}")),
        ("in_the_title", "title", f"{{{{ lipsum.__globals__.os.popen('touch {marker}') }}}}",
         refused("{{ lipsum.__globals__.os.popen('touch /t… }}")),
        ("nested_loops_in_the_header", "header",
         "{% for item in plan %}{% for item in plan %}x{% endfor %}{% endfor %}",
         f"{HEAD}тег «{{% for item in plan %}}» стоит внутри другого повтора строки — повторы строк таблицы "
         "не вкладываются друг в друга; оставьте один повтор."),
    ]


CASES = [case for case, *_ in payloads("")]


@pytest.mark.parametrize("case", CASES)
def test_an_attack_is_refused_at_the_check_and_nothing_runs_or_is_made(tmp_path, case):
    marker = tmp_path / "pwned.txt"
    _, where, tag, *messages = next(p for p in payloads(str(marker)) if p[0] == case)
    backend = local(tmp_path)
    edit_programme(backend, **{where: tag})

    with pytest.raises(TemplateError) as caught:
        run(backend)

    lines = str(caught.value).split("\n")
    if case == "request_environ":  # an unknown field: the placeholder check's own sentence
        assert lines[0].startswith(messages[0]) and lines[1:] == [STOP]
    else:
        assert lines == [*messages, STOP]
    assert not marker.exists()
    assert documents(backend) == []
    assert made(backend.workspace.directory) == []


def test_orders_through_the_cli_exits_1_and_creates_nothing(tmp_path):
    marker = tmp_path / "pwned.txt"
    ws, config = workspace(tmp_path)
    CliRunner().invoke(root, ["--config", config, "orders", "--dry-run"])  # places the templates
    path = ws.directory / "templates" / "Шаблон — персонализированная программа наставничества.docx"
    ws.documents({}).place_templates(TEMPLATES)
    doc = Document(str(path))
    doc.add_paragraph(f"{{% if cycler.__init__.__globals__.os.system('touch {marker}') %}}{{% endif %}}")
    doc.save(str(path))

    result = CliRunner().invoke(root, ["--config", config, "orders"])

    assert result.exit_code == 1
    assert result.output.strip().split("\n") == [
        "Ошибка: " + refused("{% if cycler.__init__.__globals__.os.sys… %}"), STOP]
    assert not marker.exists()
    assert made(ws.directory) == []


def test_a_template_swapped_after_the_check_is_checked_again_before_filling(tmp_path):
    marker = tmp_path / "pwned.txt"
    backend = local(tmp_path)
    store = store_of(backend)
    assert store.read_templates([PROGRAMME])[PROGRAMME.key].problems == ()
    edit_programme(backend, paragraph=f"{{{{ lipsum.__globals__.os.popen('touch {marker}').read() }}}}")

    with pytest.raises(TemplateError) as caught:
        store.create(PROGRAMME, "Программа P000", Fill(values={"mentor": "x"}), "programme:P000")

    assert str(caught.value).split("\n") == [refused("{{ lipsum.__globals__.os.popen('touch /t… }}"), STOP]
    assert not marker.exists()
    assert made(backend.workspace.directory) == []


def test_conditions_and_repeated_rows_still_fill(tmp_path):
    backend = local(tmp_path)
    edit_programme(backend, paragraph="Итог: {% if results %}есть{% else %}нет{% endif %}; "
                                      "{% if not tasks %}без задач{% elif goal %}с целью{% endif %}.")

    result = run(backend)

    programmes = documents(backend, "programme")
    assert result.exit_code == 0 and len(programmes) == 2
    text = text_of(backend, programmes[0])
    assert "Итог: есть; с целью." in text
    assert "Знакомство, беседа о профессиональных затруднениях и ожиданиях, согласование программы" in text
    assert not [line for line in text if "{{" in line or "{%" in line]


def test_a_condition_on_an_unknown_field_is_named(tmp_path):
    backend = local(tmp_path)
    edit_programme(backend, paragraph="{% if mentr %}да{% endif %}")

    with pytest.raises(TemplateError) as caught:
        run(backend)

    assert str(caught.value).split("\n")[0].startswith(
        f"{HEAD}неизвестное поле {{{{mentr}}}}. Исправьте поле в шаблоне; допустимые поля: {{{{coordinator}}}}, ")


def test_the_default_templates_pass_the_tag_check(tmp_path):
    store = store_of(local(tmp_path))
    for spec in TEMPLATES:
        template = DocxTemplate(str(store.template_path(spec)))
        assert refused_tags(spec, template, [], {"template": spec.name, "where": "w"}) == []


def fill_of_plan(rows: int) -> Fill:
    plan = [{"no": str(n), "event": "Мероприятие " * 20, "due": "1", "form": "беседа", "owner": "наставник"}
            for n in range(rows)]
    return Fill(values={"mentor": "Иванова", "mentees": "Петрова", "term": "1"}, rows={"plan": plan})


def test_a_document_that_would_fill_too_big_is_stopped_and_not_written(tmp_path):
    backend = local(tmp_path)
    store = backend.workspace.documents({"max_document_mb": 0.5})

    with pytest.raises(TemplateError) as caught:
        store.create(PROGRAMME, "Программа P000", fill_of_plan(2000), "programme:P000")

    assert str(caught.value) == (
        f"Документ «Программа P000» не создан: по шаблону «{PROGRAMME.name}» ({WHERE}) получается больше "
        "0.5 МБ разметки, заполнение остановлено. Проверьте повторы строк в шаблоне (или удалите шаблон — "
        "будет создан шаблон по умолчанию) и запустите команду снова.")
    assert store.existing() == {}
    assert made(backend.workspace.directory) == []
    assert store.create(PROGRAMME, "Программа P000", fill_of_plan(20), "programme:P000").name == "Программа P000"


def test_a_document_that_fills_too_long_is_stopped(tmp_path):
    backend = local(tmp_path)
    store = backend.workspace.documents({"render_seconds": 0})

    with pytest.raises(TemplateError) as caught:
        store.create(PROGRAMME, "Программа P000", fill_of_plan(1), "programme:P000")

    assert str(caught.value).startswith(
        f"Документ «Программа P000» не создан: шаблон «{PROGRAMME.name}» ({WHERE}) заполнялся дольше 0 с, ")
    assert store.existing() == {}


def test_the_budget_is_counted_at_every_piece_of_output(tmp_path):
    template = DocxTemplate(str(store_of(local(tmp_path)).template_path(PROGRAMME)))
    with pytest.raises(RenderLimit) as caught:
        render(template, fill_of_plan(5000).context(), max_mb=1)
    assert caught.value.what == "size"


def test_the_sandbox_has_no_globals_even_if_a_tag_got_through(tmp_path):
    from sync.local.template_sandbox import DocumentEnvironment

    env = DocumentEnvironment()
    assert env.from_string("[{{ cycler }}{{ range }}{{ lipsum }}{{ namespace }}]").render() == "[]"
    with pytest.raises(Exception) as caught:  # noqa: PT011 - Jinja's own error type is the point
        env.from_string("{{ ''.__class__.__mro__ }}").render()
    assert type(caught.value).__name__ in ("SecurityError", "UndefinedError")


@pytest.mark.parametrize("tag, expected", [
    ("{{ a }}", "{{ a }}"),
    ("{% if “x” %}", '{% if "x" %}'),
    ("{% if a\nb %}", "{% if a\\nb %}"),
    ("{{ " + "x" * 60 + " }}", "{{ " + "x" * 37 + "… }}"),
    ("{%<w:t>if</w:t> a &amp; b %}", "{%if a & b %}"),
])
def test_how_a_tag_is_quoted(tag, expected):
    assert shown(tag) == expected


def test_templates_and_their_folder_are_private_whatever_the_umask(tmp_path):
    from tests.backends import LocalBackend

    old = os.umask(0)
    try:
        backend = LocalBackend(tmp_path)
        backend.make(rows_for(1))
        folder = backend.workspace.directory / "templates"
        store_of(backend).place_templates(TEMPLATES)
        orders(backend.workspace, SCHOOL, DocumentSettings(), now=NOW)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    made = backend.workspace.directory / "documents"
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in made.glob("*.docx")} == {0o600}


def test_a_tag_is_refused_on_every_backend(backend, tmp_path):
    from tests.test_orders import misspell

    marker = tmp_path / "pwned.txt"
    backend.make(rows_for(2))
    misspell(backend, PROGRAMME, "{{goal}}",
             f"{{% if cycler.__init__.__globals__.os.system('touch {marker}') %}}{{{{goal}}}}{{% endif %}}")

    with pytest.raises(TemplateError) as caught:
        run(backend)

    lines = str(caught.value).split("\n")
    if backend.name == "local":
        assert lines == [refused("{% if cycler.__init__.__globals__.os.sys… %}"), STOP]
    else:
        doc_head = lines[0].split("): тег «")[0] + "): "
        assert doc_head.startswith(f"Шаблон «{PROGRAMME.name}» (https://docs.google.com/document/d/")
        tail = ("» в Google Документе не работает — поля {{…}} заменяются сами, а строка таблицы с "
                "полями {{pair.…}} повторяется для каждой пары сама; удалите тег.")
        assert lines == [doc_head + "тег «{% if cycler.__init__.__globals__.os.sys… %}" + tail,
                         doc_head + "тег «{% endif %}" + tail, STOP]
    assert not marker.exists()
    assert documents(backend) == []
