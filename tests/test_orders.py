"""`orders` at the job level on every backend: the order, the programmes, consents, crashes.

Documents are read back the way staff would open them: the .docx text (python-docx) on the
local backend, ``documents.get`` on the fake Google Docs API — table cells included.
"""
from __future__ import annotations

import datetime as dt
from typing import Sequence

import pytest

from jobs.config import School
from jobs.documents.check import TemplateError
from jobs.documents.settings import DocumentSettings
from jobs.init import initial_rows
from jobs.implementation_order import implementation_order
from jobs.orders import orders
from sheets_schema.templates import TEMPLATES, TemplateSpec
from sync.workspace import DocumentStore, StoredDocument
from tests.workspaces import NOW, TODAY

SCHOOL = School(name="МБОУ СОШ № 26", head="Иванова Ирина Петровна", coordinator="Петрова Анна Сергеевна")
PAIRS, MENTORS, MENTEES = "Пары", "Наставники", "Наставляемые"
SURNAMES = [
    "Смирнова", "Кузнецова", "Попова", "Васильева", "Петрова", "Соколова", "Михайлова", "Новикова",
    "Фёдорова", "Морозова", "Волкова", "Алексеева", "Лебедева", "Семёнова", "Егорова", "Павлова",
    "Козлова", "Степанова", "Николаева", "Орлова", "Андреева", "Макарова", "Никитина", "Захарова",
    "Зайцева", "Соловьёва", "Борисова", "Яковлева", "Григорьева", "Романова", "Воробьёва", "Сергеева",
]


def mentor(i: int, **over: str) -> dict[str, str]:
    row = {"full_name": f"{SURNAMES[i]} Ольга Ивановна", "email": f"mentor{i}@school.example",
           "position": "учитель", "subject": "математика", "levels": "основное общее", "years": "20",
           "competences": "современный урок", "capacity": "2", "pd_consent": "01.09.2026",
           "duty_consent": "02.09.2026"}
    row.update(over)
    return row


def mentee(i: int, **over: str) -> dict[str, str]:
    row = {"full_name": f"{SURNAMES[i]} Мария Петровна", "email": f"mentee{i}@school.example",
           "position": "учитель", "subject": "математика", "levels": "основное общее", "years": "1",
           "difficulties": "современный урок, работа с родителями", "pd_consent": "01.09.2026"}
    row.update(over)
    return row


def pair(i: int, **over: str) -> dict[str, str]:
    row = {"pair_id": f"P{i:03d}", "mentor_email": f"mentor{i}@school.example",
           "mentor_name": f"{SURNAMES[i]} Ольга Ивановна", "mentee_emails": f"mentee{i}@school.example",
           "mentee_names": f"{SURNAMES[i]} Мария Петровна", "form": "традиционная (один на один)",
           "start": "01.12.2026", "end": "31.08.2027", "status": "утверждена"}
    row.update(over)
    return row


def rows_for(n: int, mentors: Sequence[dict] | None = None) -> dict[str, list[dict[str, str]]]:
    rows = initial_rows(TODAY, None)
    rows.update(mentors=list(mentors) if mentors is not None else [mentor(i) for i in range(n)],
                mentees=[mentee(i) for i in range(n)], pairs=[pair(i) for i in range(n)])
    return rows


def store_of(backend) -> DocumentStore:
    return backend.workspace.documents({})


def documents(backend, kind: str | None = None) -> list[StoredDocument]:
    return [d for d in store_of(backend).existing().values() if kind is None or d.kind == kind]


def text_of(backend, doc: StoredDocument) -> list[str]:
    """The paragraphs (and table cells, in order) of a generated document."""
    if backend.name == "local":
        from sync.local.documents import docx_texts

        return docx_texts(backend.workspace.directory / doc.id)
    from tests.fake_google.models.docs import document_text

    return document_text(backend.client.documents_get(doc.id)).split("\n")


def run(backend, **kwargs):
    return orders(backend.workspace, SCHOOL, DocumentSettings(order_number="45-о"), now=NOW, **kwargs)


class CrashAfter(DocumentStore):
    """A store that fails like a killed process after `n` documents were made."""

    def __init__(self, inner: DocumentStore, n: int):
        self.inner, self.n, self.lines = inner, n, inner.lines

    def place_templates(self, specs):
        return self.inner.place_templates(specs)

    def read_templates(self, specs):
        return self.inner.read_templates(specs)

    def existing(self):
        return self.inner.existing()

    def create(self, spec, name, fill, key, pairs=(), found=None):
        if self.n == 0:
            raise KeyboardInterrupt("killed")
        self.n -= 1
        return self.inner.create(spec, name, fill, key, pairs, found)


def test_thirty_pairs_give_one_order_of_thirty_rows_and_thirty_programmes(backend):
    backend.make(rows_for(30))

    result = run(backend)

    assert result.held == [] and len(result.assigned) == 30
    assert result.programmes_created == 30
    orders_made = documents(backend, "order_pairs")
    assert len(orders_made) == 1 and len(documents(backend, "programme")) == 30
    order = orders_made[0]
    assert order.pairs == tuple(f"P{i:03d}" for i in range(30))
    text = text_of(backend, order)
    assert "О закреплении наставнических пар (групп)" in text
    assert "от «____» ______________ 20___ г.                                                  № 45-о" in text
    header = text.index("Срок (с – по)")
    assert text[header + 1: header + 6] == [
        "1", "Смирнова Ольга Ивановна, учитель, математика", "Смирнова Мария Петровна, учитель, математика",
        "традиционная (один на один)", "01.12.2026 – 31.05.2027"]  # «Пары» said 31.08: the holidays
    numbers = [text[header + 1 + 5 * k] for k in range(30)]
    assert numbers == [str(k) for k in range(1, 31)]
    assert text[header + 1 + 5 * 29 + 1] == "Романова Ольга Ивановна, учитель, математика"
    assert text[header + 1 + 5 * 30] == \
        "Всего наставнических пар (групп): 30 (участниками дано согласие на обработку персональных данных)."
    assert "3. Наставникам совместно с наставляемыми в течение двух недель со дня издания приказа доработать " \
        "персонализированные программы наставничества (приложение 1) и представить их на утверждение." in text
    assert not any("{{" in line for line in text)
    assert len(documents(backend, "addendum")) == 30
    assert backend.column(PAIRS, "Статус") == {r: "закреплена приказом" for r in range(2, 32)}
    assert set(backend.column(PAIRS, "Приказ").values()) == {order.link}
    assert len(set(backend.column(PAIRS, "Программа (ППН)").values())) == 30

    again = run(backend)

    assert again.created == [] and again.assigned == [] and again.candidates == 0
    assert len(documents(backend)) == 61


def test_programme_has_the_pair_its_difficulties_and_a_plan_from_the_catalog(backend):
    """What `orders` puts into a programme; its sections and wording: tests/test_programme.py."""
    backend.make(rows_for(1))

    run(backend)

    programme = documents(backend, "programme")[0]
    assert programme.pairs == ("P000",)
    text = text_of(backend, programme)
    assert "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in text
    assert any("Смирнова Ольга Ивановна" in line for line in text)
    assert any("современный урок; работа с родителями" in line for line in text)
    assert "Посещение уроков наставника: структура и приёмы современного урока" in text
    assert "Подготовка и проведение родительского собрания" in text
    assert "Анализ демоверсий, кодификаторов и спецификаций ОГЭ/ЕГЭ" not in text  # not her difficulty
    assert not any("{{" in line for line in text)


def test_a_pair_without_consent_is_held_back_and_goes_into_a_new_order_once_it_is_given(backend):
    backend.make(rows_for(3, mentors=[mentor(0), mentor(1, duty_consent=""), mentor(2)]))

    first = run(backend)

    assert [h.pair_id for h in first.held] == ["P001"]
    assert first.held[0].line() == (
        "Пара P001 (строка 3 листа «Пары») не включена в приказ: нет письменного согласия наставника "
        "Кузнецовой Ольги Ивановны на наставническую деятельность (лист «Наставники», столбец "
        "«Письменное согласие на наставничество (дата)»).")
    assert first.held[0].line() in first.lines()
    assert documents(backend, "order_pairs")[0].pairs == ("P000", "P002")
    assert backend.column(PAIRS, "Статус") == {2: "закреплена приказом", 3: "утверждена", 4: "закреплена приказом"}

    backend.set_cells(MENTORS, {(3, "Письменное согласие на наставничество (дата)"): "20.11.2026"})
    second = run(backend)

    assert second.held == [] and second.assigned == ["P001"]
    by_pairs = {d.pairs: d for d in documents(backend, "order_pairs")}
    assert set(by_pairs) == {("P000", "P002"), ("P001",)}
    links = backend.column(PAIRS, "Приказ")
    assert links[3] == by_pairs[("P001",)].link != links[2]
    assert len(documents(backend, "programme")) == 3


def test_mentee_without_personal_data_consent_is_named_by_bank_row_only(backend):
    rows = rows_for(1)
    rows["mentees"][0]["pd_consent"] = ""
    backend.make(rows)

    result = run(backend)

    # no consent to processing: the reason (in «Журнал», the output, cron mail) does not carry the name
    assert result.held[0].reasons == [
        "нет согласия на обработку персональных данных наставляемого в строке 2 (лист "
        "«Наставляемые», столбец «Согласие на обработку ПДн (дата)»)"]
    assert documents(backend, "order_pairs") == []


def test_killed_after_the_tenth_programme_a_rerun_ends_with_thirty_programmes_and_one_order(backend):
    backend.make(rows_for(30))
    crashing = CrashAfter(store_of(backend), 10)

    with pytest.raises(KeyboardInterrupt):
        run(backend, store=crashing)
    assert len(documents(backend, "programme")) == 10
    assert set(backend.column(PAIRS, "Статус").values()) == {"утверждена"}

    result = run(backend)

    assert result.programmes_found == 10 and result.programmes_created == 20
    assert len(documents(backend, "programme")) == 30
    assert len(documents(backend, "order_pairs")) == 1
    assert set(backend.column(PAIRS, "Статус").values()) == {"закреплена приказом"}


def test_killed_after_the_order_before_the_links_the_rerun_writes_that_order(backend, monkeypatch):
    backend.make(rows_for(3))

    def killed(changes):
        raise KeyboardInterrupt("killed")

    with monkeypatch.context() as patch:
        patch.setattr(backend.workspace, "commit", killed)  # 3 programmes and the order made, no links
        with pytest.raises(KeyboardInterrupt):
            run(backend)
    assert len(documents(backend)) == 7  # 3 programmes, 3 addenda, the order
    assert set(backend.column(PAIRS, "Приказ").values()) == {""}
    backend.set_cells(MENTORS, {(3, "Письменное согласие на наставничество (дата)"): ""})  # P001 now lacks it

    result = run(backend)

    assert result.created == [] and result.held == []
    assert len(result.recovered_orders) == 1 and sorted(result.assigned) == ["P000", "P001", "P002"]
    assert len(documents(backend, "order_pairs")) == 1
    assert set(backend.column(PAIRS, "Приказ").values()) == {result.recovered_orders[0].link}


def misspell(backend, spec: TemplateSpec, old: str, new: str) -> None:
    """Staff edit a placed template: `old` becomes `new`."""
    store = store_of(backend)
    store.place_templates(TEMPLATES)
    if backend.name == "local":
        from docx import Document

        path = store.template_path(spec)
        doc = Document(str(path))
        for para in doc.paragraphs:
            for r in para.runs:
                r.text = r.text.replace(old, new)
        doc.save(str(path))
        return
    files = store._templates()
    backend.client.documents_batch_update(files[spec.key], [{"replaceAllText": {
        "containsText": {"text": old, "matchCase": True}, "replaceText": new}}])


def test_a_template_with_a_misspelt_placeholder_is_rejected_before_any_document(backend):
    from sheets_schema.templates import PROGRAMME

    backend.make(rows_for(2))
    misspell(backend, PROGRAMME, "{{mentor}}", "{{mentr}}")

    with pytest.raises(TemplateError) as caught:
        run(backend)

    message = str(caught.value)
    assert "Шаблон «Шаблон — персонализированная программа наставничества» (" in message
    assert "неизвестное поле {{mentr}} — возможно, {{mentor}}" in message
    assert "нет обязательного поля {{mentor}}" in message
    assert documents(backend) == []
    assert set(backend.column(PAIRS, "Статус").values()) == {"утверждена"}


def test_dry_run_creates_nothing_and_changes_nothing(backend):
    backend.make(rows_for(2))
    before = backend.grid(PAIRS)

    result = run(backend, dry_run=True)

    assert ("Будет создан приказ о закреплении 2 пар, программы для них и дополнительные соглашения с "
            "наставниками.") in result.lines()
    assert documents(backend) == []
    assert backend.grid(PAIRS) == before


def test_implementation_order_is_made_once_per_school_year(backend):
    backend.make(initial_rows(TODAY, None))
    settings = DocumentSettings(monitoring_dates=(dt.date(2026, 12, 20), dt.date(2027, 5, 20)))

    first = implementation_order(backend.workspace, SCHOOL, settings, now=NOW)
    again = implementation_order(backend.workspace, SCHOOL, settings, now=NOW)

    assert [d.kind for d in first.created] == ["regulation", "order_implementation"] and again.created == []
    text = text_of(backend, first.order)
    assert "1. Внедрить в МБОУ СОШ № 26 целевую модель наставничества педагогических работников в 2026/2027 " \
           "учебном году." in text
    assert "4. Назначить куратором реализации персонализированных программ наставничества Петрову Анну " \
           "Сергеевну." in text
    mon = text.index("Срок")
    assert text[mon + 1: mon + 7] == [
        "1", "Промежуточный мониторинг (анкетирование наставников и наставляемых)", "20.12.2026",
        "2", "Итоговый мониторинг и оценка результатов программ наставничества", "20.05.2027"]
    assert any("Приказ «О реализации целевой модели наставничества» с Положением" in line for line in text)


def test_local_pdf_through_libreoffice_when_installed_and_a_line_when_not(tmp_path, monkeypatch):
    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    backend.make(rows_for(1))
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    result = orders(backend.workspace, SCHOOL, DocumentSettings(pdf=True), now=NOW)
    assert result.lines()[-1] == ("PDF не созданы: не найдена программа LibreOffice (soffice). Установите "
                                "LibreOffice или отключите [documents] pdf.")

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"  # records its arguments and writes the PDF the way soffice does
    soffice.write_text('#!/bin/sh\nfor a; do last="$a"; done\nout="$5"\nname=$(basename "$last" .docx)\n'
                       f'echo "$@" > "{tmp_path}/args.txt"\nprintf "%%PDF-1.4" > "$out/$name.pdf"\n')
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    implementation_order(backend.workspace, SCHOOL, DocumentSettings(pdf=True), now=NOW)
    folder = backend.workspace.directory / "documents"
    assert (folder / "Приказ о реализации целевой модели наставничества 2026-2027.pdf").read_bytes() == b"%PDF-1.4"
    args = (tmp_path / "args.txt").read_text()  # converted in a private scratch folder beside, then renamed in
    assert args.startswith(f"--headless --convert-to pdf --outdir {folder}/.nastavnik-pdf-")
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".nastavnik-pdf-")) == []
