"""What a secretary signs (issue 18): the order's grounds, wording and appendices, the pairs' terms
and form, the labour-contract addendum of each mentor, the implementation order made mid-year and
its appendix 1, the Положение — read back from the .docx (local) and the Google Doc (the fake)."""
from __future__ import annotations


import pytest

from jobs.config import MatchingSettings, School
from jobs.documents.settings import DocumentSettings
from jobs.init import initial_rows
from jobs.implementation_order import implementation_order
from jobs.orders import orders
from jobs.upgrade import upgrade_workspace
from sheets_schema.rules import Limits
from sheets_schema.templates import ADDENDUM, REGULATION, TEMPLATES
from tests.test_orders import CrashAfter, documents, mentee, mentor, pair, rows_for, store_of, text_of
from tests.workspaces import NOW, TODAY

SCHOOL = School(name="МБОУ СОШ № 26", head="Иванова Ирина Петровна", coordinator="Петрова Анна Сергеевна",
                full_name="Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                          "общеобразовательная школа № 26»", place="г. Энск")
SETTINGS = DocumentSettings.from_section({
    "order_number": "45-о", "order_date": "01.12.2026", "regulation": "от 01.09.2025 № 12",
    "regulation_title": "Положение о наставничестве педагогов", "payment": "3000 руб. в месяц",
    "payment_source": "за счёт стимулирующей части фонда оплаты труда"})
ROADMAP = "Дорожная карта"


def paragraph(text: list[str], start: str) -> str:
    """The one paragraph of `text` that starts with `start`."""
    found = [line for line in text if line.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def run(backend, settings: DocumentSettings = SETTINGS, school: School = SCHOOL, **kwargs):
    return orders(backend.workspace, school, settings, now=NOW, **kwargs)


def test_order_grounds_wording_positions_appendices_and_signature(backend):
    rows = rows_for(2, mentors=[mentor(0, position="учитель (биология)", subject="биология"),
                                mentor(1, position="учитель математики")])
    backend.make(rows)

    result = run(backend)

    assert not any("создан прежней версией" in line for line in result.lines())  # the default is current
    text = text_of(backend, documents(backend, "order_pairs")[0])
    assert text[:4] == [SCHOOL.full_name, "ПРИКАЗ",
                        "от 01.12.2026                                                  № 45-о", "г. Энск"]
    grounds = paragraph(text, "В соответствии с")
    assert grounds == (
        "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
        "Федерации», статьёй 351.8 Трудового кодекса Российской Федерации, Положением о наставничестве "
        "педагогов МБОУ СОШ № 26, утверждённым приказом от 01.09.2025 № 12, на основании письменных "
        "согласий педагогических работников на осуществление наставнической деятельности")
    assert "персональных данных" not in grounds
    assert "1. Закрепить следующие наставнические пары (группы):" in text
    header = text.index("Срок (с – по)")
    # the position names the subject once, however the bank wrote it
    assert text[header + 2] == "Смирнова Ольга Ивановна, учитель, биология"
    assert text[header + 7] == "Кузнецова Ольга Ивановна, учитель математики"
    assert text[header + 3] == "Смирнова Мария Петровна, учитель, математика"
    assert ("Всего наставнических пар (групп): 2 (участниками дано согласие на обработку персональных "
            "данных).") in text
    assert paragraph(text, "2. ").startswith(
        "2. Заключить с наставниками, указанными в пункте 1, дополнительные соглашения к трудовым договорам")
    assert paragraph(text, "4. ").endswith("куратора Петрову Анну Сергеевну.")
    assert paragraph(text, "5. ") == (
        "5. Установить наставникам, указанным в пункте 1, доплату за наставническую деятельность в размере "
        "3000 руб. в месяц за счёт стимулирующей части фонда оплаты труда на срок реализации "
        "персонализированной программы наставничества (статья 351.8 Трудового кодекса Российской Федерации).")
    assert paragraph(text, "6. ").startswith("6. Куратору Петровой Анне Сергеевне ознакомить")
    assert not any("проекты прилагаются" in line for line in text)
    appendices = text.index("Приложение")
    assert text[appendices + 1: appendices + 5] == [
        "1", "Персонализированные программы наставничества (2): P000, P001",
        "2", "Проекты дополнительных соглашений к трудовым договорам наставников (2): Смирнова О. И., "
             "Кузнецова О. И."]
    assert "Директор                    ____________________ И. П. Иванова" in text
    people = text.index("Роль")
    assert "Участие" not in text
    assert text[people + 3: people + 5] == ["Петрова Анна Сергеевна", "куратор"]


def test_terms_follow_the_order_date_and_the_school_year_and_the_form_the_pair_size(backend):
    rows = initial_rows(TODAY, None)
    rows.update(
        mentors=[mentor(0, capacity="3"), mentor(1)],
        mentees=[mentee(i) for i in range(4)],
        pairs=[pair(0, start="", end="", form="", mentee_emails="mentee0@school.example, mentee2@school.example",
                    mentee_names="Смирнова Мария Петровна, Попова Мария Петровна"),
               # one mentee: never «групповая», whatever the row says; «Пары» dates are kept
               pair(1, form="групповая", start="", end=""),
               pair(3, mentor_email="mentor1@school.example", form="реверсивная", start="15.01.2027",
                    end="15.04.2027")])
    backend.make(rows)

    run(backend, settings=DocumentSettings.from_section({"order_date": "01.12.2026"}))

    text = text_of(backend, documents(backend, "order_pairs")[0])
    header = text.index("Срок (с – по)")
    rows_seen = [text[header + 1 + 5 * k: header + 6 + 5 * k] for k in range(3)]
    assert [r[3:] for r in rows_seen] == [
        ["групповая", "01.12.2026 – 31.05.2027"],  # 9 months would end 30.08 — in the holidays
        ["традиционная (один на один)", "01.12.2026 – 31.05.2027"],
        ["реверсивная", "15.01.2027 – 15.04.2027"]]


def test_a_start_before_the_order_and_an_end_in_the_holidays_are_corrected_in_pairs_too(backend):
    # as an earlier version approved it: on a Sunday, to 29.08; a group row with one mentee left
    backend.make({**rows_for(2), "pairs": [pair(0, start="22.11.2026", end="29.08.2027", form="групповая"),
                                           pair(1, start="15.01.2027", end="15.04.2027")]})

    result = run(backend)

    text = text_of(backend, documents(backend, "order_pairs")[0])
    header = text.index("Срок (с – по)")
    assert text[header + 4: header + 6] == ["традиционная (один на один)", "01.12.2026 – 31.05.2027"]
    assert text[header + 10] == "15.01.2027 – 15.04.2027"  # the coordinator's later dates are kept
    assert backend.column("Пары", "Начало") == {2: "01.12.2026", 3: "15.01.2027"}
    assert backend.column("Пары", "Окончание") == {2: "31.05.2027", 3: "15.04.2027"}
    assert backend.column("Пары", "Форма наставничества")[2] == "традиционная (один на один)"
    assert ("Лист «Пары»: у 1 пар(ы) сроки и форма приведены в соответствие с приказом (начало — не раньше "
            "даты приказа, окончание — не позже конца учебного года, форма — по числу наставляемых).") \
        in result.lines()


def test_without_an_order_date_a_programme_starts_the_next_working_day(backend):
    backend.make({**rows_for(1), "pairs": [pair(0, start="", end="")]})

    run(backend, settings=DocumentSettings())  # 27.11.2026 is a Friday

    text = text_of(backend, documents(backend, "order_pairs")[0])
    assert text[text.index("Срок (с – по)") + 5] == "30.11.2026 – 31.05.2027"


def test_one_addendum_per_mentor_with_content_term_form_payment_made_once(backend):
    rows = initial_rows(TODAY, None)
    rows.update(mentors=[mentor(0, capacity="3"), mentor(1)], mentees=[mentee(i) for i in range(3)],
                pairs=[pair(0, start="01.12.2026", end="31.05.2027"),
                       pair(2, mentor_email="mentor0@school.example", start="01.12.2026", end="30.04.2027"),
                       pair(1)])
    backend.make(rows)

    first = run(backend)

    addenda = {d.pairs: d for d in documents(backend, "addendum")}
    assert set(addenda) == {("P000", "P002"), ("P001",)}
    text = text_of(backend, addenda[("P000", "P002")])
    assert "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № ______" in text
    assert "г. Энск                                                  01.12.2026" in text
    assert paragraph(text, SCHOOL.full_name) == (
        f"{SCHOOL.full_name}, именуемое в дальнейшем «Работодатель», в лице директора Ивановой Ирины "
        "Петровны, действующей на основании Устава, с одной стороны, и Смирнова Ольга Ивановна, учитель, "
        "математика, именуемая в дальнейшем «Работник», с другой стороны, заключили настоящее "
        "дополнительное соглашение о нижеследующем.")
    assert "статья 351.8 Трудового кодекса Российской Федерации" in paragraph(text, "1. ")
    assert "приказом от 01.12.2026 № 45-о" in paragraph(text, "1. ")
    assert "Положением о наставничестве педагогов" in paragraph(text, "1. ")
    assert "Смирновой Марии Петровны (учитель, математика), Поповой Марии Петровны (учитель, математика)" \
        in paragraph(text, "2. ")
    table = text.index("Срок (с – по)")
    assert text[table + 1: table + 9] == [
        "P000", "Смирнова Мария Петровна, учитель, математика", "традиционная (один на один)",
        "01.12.2026 – 31.05.2027",
        "P002", "Попова Мария Петровна, учитель, математика", "традиционная (один на один)",
        "01.12.2026 – 30.04.2027"]
    assert "4. Срок выполнения дополнительной работы: с 01.12.2026 по 31.05.2027." in text
    assert paragraph(text, "5. ").startswith(
        "5. За выполнение дополнительной работы Работнику устанавливается доплата в размере 3000 руб. в "
        "месяц за счёт стимулирующей части фонда оплаты труда")
    assert "часть 4 статьи 60.2" in paragraph(text, "6. ")
    assert "Работник: ____________________ О. И. Смирнова" in text
    assert not any("{{" in line for line in text)
    assert any("Дополнительные соглашения к трудовым договорам наставников: создано 2" in line
               for line in first.lines())

    backend.set_cells("Пары", {(2, "Статус"): "утверждена", (2, "Приказ"): ""})  # the coordinator clears it
    again = run(backend)

    assert [d.kind for d in again.created] == []
    assert len(documents(backend, "addendum")) == 2


def test_killed_after_the_addenda_a_rerun_reuses_them_and_makes_the_order(backend):
    backend.make(rows_for(2))
    with pytest.raises(KeyboardInterrupt):
        run(backend, store=CrashAfter(store_of(backend), 4))  # 2 programmes, 2 addenda, no order
    assert len(documents(backend, "addendum")) == 2 and documents(backend, "order_pairs") == []

    result = run(backend)

    assert [d.kind for d in result.created] == ["order_pairs"]
    assert len(documents(backend, "addendum")) == 2
    assert any("создано 0, найдено созданных ранее 2" in line for line in result.lines())


def test_a_pair_held_back_gets_no_addendum(backend):
    backend.make(rows_for(2, mentors=[mentor(0), mentor(1, duty_consent="")]))

    run(backend)

    assert [d.pairs for d in documents(backend, "addendum")] == [("P000",)]


def test_an_older_config_payment_clause_stays_the_order_item_and_the_addendum_names_the_act(backend):
    backend.make(rows_for(1))
    clause = "Установить наставникам доплату согласно Положению об оплате труда."
    settings = DocumentSettings.from_section({"payment": clause})

    result = run(backend, settings=settings)

    order = text_of(backend, documents(backend, "order_pairs")[0])
    assert f"5. {clause}" in order
    addendum = text_of(backend, documents(backend, "addendum")[0])
    assert paragraph(addendum, "5. ").startswith(
        "5. За выполнение дополнительной работы Работнику устанавливается доплата в размере и порядке, "
        "установленных локальным нормативным актом МБОУ СОШ № 26 об оплате труда работников")
    assert any(line.startswith("[documents] payment — свободный текст пункта приказа") for line in result.lines())


def test_a_placeholder_instead_of_the_coordinator_is_never_declined_and_is_named(backend):
    backend.make(rows_for(1))
    school = School(name="МБОУ СОШ № 26", head="ФИО директора", coordinator="ФИО куратора")

    result = run(backend, school=school)

    text = text_of(backend, documents(backend, "order_pairs")[0])
    assert not any("ФИО куратора" in line or "ФИО директора" in line for line in text)
    assert paragraph(text, "4. ").endswith("куратора ______________________.")
    assert "Директор                    ____________________ ______________________" in text
    assert ("[school] coordinator — «ФИО куратора» не похоже на ФИО; в документах на его месте — пустая "
            "строка для подписи. Впишите в файл настроек фамилию, имя и отчество полностью") in result.lines()


def test_implementation_order_made_in_november_moves_past_deadlines_and_names_stages(backend):
    backend.make(initial_rows(TODAY, None))
    backend.set_cells(ROADMAP, {(5, "Статус"): "выполнено"})  # stage 2's questionnaire, due 31.10.2026
    settings = DocumentSettings.from_section({"order_date": "27.11.2026", "order_number": "40-о"})

    result = implementation_order(backend.workspace, SCHOOL, settings, now=NOW)

    text = text_of(backend, result.order)
    assert "Федеральным законом от 29.12.2012 № 273-ФЗ" in paragraph(text, "В соответствии с")
    assert "2. Утвердить Положение о системе наставничества педагогических работников (приложение 1)." in text
    assert "6. Провести мониторинг реализации программ наставничества в следующие сроки:" in text
    assert paragraph(text, "5. Куратору").startswith("5. Куратору Петровой Анне Сергеевне:")
    assert "С приказом ознакомлен(а): ____________________ А. С. Петрова" in text
    assert "1. Положение о системе наставничества педагогических работников." in text
    table = text.index("Ответственный")
    rows = [text[table + 1 + 4 * k: table + 5 + 4 * k] for k in range(4)]
    assert rows[0] == ["1. Подготовка условий для реализации системы наставничества",
                       "Приказ «О реализации целевой модели наставничества» с Положением и дорожной картой",
                       "27.11.2026 (настоящий приказ)", "руководитель"]
    assert rows[1][2] == "31.12.2026 (перенесено: срок 30.11.2026 прошёл до издания приказа)" or \
        rows[1][2] == "30.11.2026"  # due on the order's month end: not past on 27.11
    assert rows[3][0] == "2. Формирование банка наставляемых"
    assert rows[3][2] == "31.10.2026 (выполнено)"
    dues = [text[table + 3 + 4 * k] for k in range(13)]
    assert "30.09.2026" not in dues and "31.10.2026" not in dues
    assert "31.12.2026 (перенесено: срок 31.10.2026 прошёл до издания приказа)" in dues
    assert ("Сроки мероприятий, прошедшие до издания приказа и не выполненные, перенесены на 31.12.2026 "
            "(в пределах учебного года); выполненные отмечены.") in text


def test_the_regulation_is_appendix_one_made_once_from_the_settings(backend):
    backend.make(initial_rows(TODAY, None))
    settings = DocumentSettings.from_section({"order_date": "01.09.2026", "order_number": "1-о",
                                              "payment": "15% должностного оклада"}, programme_months=8)
    matching = MatchingSettings.from_section({"min_mentor_years": 4, "min_gap": 2, "group_min_size": 3})

    first = implementation_order(backend.workspace, SCHOOL, settings, limits=Limits(capacity_min=1, capacity_max=3),
                                 matching=matching, now=NOW)
    again = implementation_order(backend.workspace, SCHOOL, settings, now=NOW)

    assert [d.kind for d in first.created] == ["regulation", "order_implementation"]
    assert again.created == [] and len(documents(backend, "regulation")) == 1
    text = text_of(backend, first.regulation)
    assert text[:4] == ["Приложение 1 к приказу от 01.09.2026 № 1-о", "УТВЕРЖДЕНО", "приказом МБОУ СОШ № 26",
                        "от 01.09.2026 № 1-о"]
    assert "Положение о системе наставничества педагогических работников" in text
    headings = [line for line in text if line[:2] in {f"{n}." for n in range(1, 10)} and len(line) < 60]
    assert headings == ["1. Общие положения", "2. Цели и задачи наставничества", "3. Участники наставничества",
                        "4. Права и обязанности участников", "5. Формирование наставнических пар (групп)",
                        "6. Персонализированная программа наставничества", "7. Оплата наставнической деятельности",
                        "8. Мониторинг и оценка результатов", "9. Заключительные положения"]
    assert "273-ФЗ" in paragraph(text, "1.2.") and "статьёй 351.8" in paragraph(text, "1.2.")
    assert "стажем не менее 4 лет, опытнее наставляемого не менее чем на 2 года" in paragraph(text, "3.3.")
    assert paragraph(text, "3.3.").endswith("Наставник одновременно ведёт от 1 до 3 наставляемых.")
    assert paragraph(text, "5.3.") == (
        "5.3. Формы наставничества: «традиционная (один на один)», «групповая», «виртуальная», «реверсивная», "
        "«ситуационная», «скоростная (флэш)». Группа образуется при закреплении за одним наставником не "
        "менее 3 наставляемых.")
    assert "до 8 месяцев со дня издания приказа о закреплении, но не позднее 31 мая" in paragraph(text, "6.2.")
    assert paragraph(text, "7.2.") == (
        "7.2. Наставнику устанавливается доплата в размере 15% должностного оклада за счёт стимулирующей "
        "части фонда оплаты труда на срок реализации персонализированной программы наставничества.")
    assert "до 25.12.2026" in paragraph(text, "8.1.") and "до 25.05.2027" in paragraph(text, "8.1.")
    assert not any("{{" in line for line in text)


def test_a_crash_between_the_regulation_and_the_order_is_finished_by_a_rerun(backend):
    backend.make(initial_rows(TODAY, None))
    with pytest.raises(KeyboardInterrupt):
        implementation_order(backend.workspace, SCHOOL, SETTINGS, now=NOW, store=CrashAfter(store_of(backend), 1))
    assert len(documents(backend, "regulation")) == 1 and documents(backend, "order_implementation") == []

    result = implementation_order(backend.workspace, SCHOOL, SETTINGS, now=NOW)

    assert [d.kind for d in result.created] == ["order_implementation"]
    assert any(line.startswith("Положение (приложение 1 к приказу о реализации целевой модели) уже создано")
               for line in result.lines())
    text = text_of(backend, result.order)
    assert "2. Утвердить Положение о наставничестве педагогов (приложение 1)." in text


def test_a_workspace_made_before_gets_the_regulation_and_addendum_templates_by_upgrade(backend):
    backend.make(initial_rows(TODAY, None))
    store = store_of(backend)
    old = [s for s in TEMPLATES if s not in (REGULATION, ADDENDUM)]
    store.place_templates(old)

    result = upgrade_workspace(backend.workspace, today=TODAY, now=NOW)

    placed = store_of(backend).read_templates(TEMPLATES)
    assert [s.key for s in TEMPLATES if placed.get(s.key) is None] == []
    assert [s.name for s in TEMPLATES if any(s.name in line for line in result.added)] == \
        [REGULATION.name, ADDENDUM.name]


def test_an_addendum_template_without_the_payment_is_refused_before_any_document(backend):
    from jobs.documents.check import TemplateError
    from tests.test_orders import misspell

    backend.make(rows_for(1))
    misspell(backend, ADDENDUM, "{{payment_terms}}", "по договорённости")

    with pytest.raises(TemplateError) as caught:
        run(backend)

    assert "Шаблон «Шаблон — дополнительное соглашение к трудовому договору наставника» (" in str(caught.value)
    assert "нет обязательного поля {{payment_terms}}" in str(caught.value)
    assert documents(backend) == []


def test_an_order_template_of_an_earlier_version_is_used_and_named_as_old(backend):
    import dataclasses

    from sheets_schema.templates import ORDER_PAIRS, Paragraph, placeholders
    from sheets_schema.templates import CURRENT_MARKERS

    def holds(block) -> set[str]:
        texts = [block.text] if isinstance(block, Paragraph) else list(block.cells)
        return {n for t in texts for n in placeholders(t)}

    markers = CURRENT_MARKERS[ORDER_PAIRS.key]
    old = dataclasses.replace(ORDER_PAIRS, blocks=tuple(b for b in ORDER_PAIRS.blocks if not holds(b) & markers))
    backend.make(rows_for(1))
    store_of(backend).place_templates([old])

    result = run(backend)

    assert len(documents(backend, "order_pairs")) == 1
    outdated = [line for line in result.lines() if "создан прежней версией" in line]
    assert len(outdated) == 1 and outdated[0].startswith(
        "Шаблон «Шаблон — приказ о закреплении наставнических пар (групп)» (")
    fresh = run(backend)  # nothing new to do: no template read, no line
    assert not any("создан прежней версией" in line for line in fresh.lines())


def test_an_implementation_order_made_before_the_regulation_existed_gets_it_on_the_next_run(backend):
    backend.make(initial_rows(TODAY, None))
    # the order alone, as an earlier version made it
    from jobs.documents.fill import implementation_key
    from jobs.documents.order_fill import implementation_fill
    from sheets_schema.templates import ORDER_IMPLEMENTATION

    store = store_of(backend)
    store.place_templates([ORDER_IMPLEMENTATION])
    store.create(ORDER_IMPLEMENTATION, "Приказ о реализации целевой модели наставничества 2026-2027",
                 implementation_fill(SCHOOL, SETTINGS, TODAY, []), implementation_key(TODAY))

    dry = implementation_order(backend.workspace, SCHOOL, SETTINGS, now=NOW, dry_run=True)
    assert "Будет создано Положение о наставничестве (приложение 1 к приказу о реализации целевой модели)." \
        in dry.lines()
    result = implementation_order(backend.workspace, SCHOOL, SETTINGS, now=NOW)

    assert [d.kind for d in result.created] == ["regulation"]
    assert len(documents(backend, "order_implementation")) == 1
