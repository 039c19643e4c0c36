"""The default orders: the assignment of pairs and the implementation of the target model.

Both cite 273-ФЗ «Об образовании в Российской Федерации» and art. 351.8 ТК РФ; the assignment
order cites the school's Положение by its own title (``[documents] regulation_title``) and the
order that approved it (``regulation``), and, as grounds, only the written consents to mentoring
(the personal-data consents are no ground: the order says they were given). Signatures are
«И. О. Фамилия»; appendices are listed by name. Placeholders of older default templates
(``{{head}}``, ``{{coordinator}}``, ``{{regulation}}``…) stay known, so a template a school
placed with an earlier version still passes the check.
"""
from __future__ import annotations

from sheets_schema.templates.base import P, RowTable, TemplateSpec

# --- shared by the orders -------------------------------------------------------------------
HEADER = (
    P("{{school_full}}", bold=True, align="center"),
    P("ПРИКАЗ", bold=True, align="center", size=14),
    P("от {{order_date}}                                                  № {{order_number}}"),
    P("{{place}}", align="center"),
)
SIGNATURE = P("{{head_position}}                    ____________________ {{head_initials}}")
LAW_273 = "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
ART_351_8 = "статьёй 351.8 Трудового кодекса Российской Федерации"
# what every order knows besides its blocks: the values of `jobs.documents.fill.common_values`
COMMON = frozenset({
    "school", "school_full", "place", "head", "head_initials", "head_position", "coordinator",
    "coordinator_initials", "coordinator_gent", "coordinator_datv", "coordinator_accs", "order_number",
    "order_date", "school_year", "control", "payment", "regulation", "regulation_title",
})

ORDER_PAIRS = TemplateSpec(
    key="order_pairs",
    name="Шаблон — приказ о закреплении наставнических пар (групп)",
    document="Приказ о закреплении наставнических пар",
    blocks=(
        *HEADER,
        P("О закреплении наставнических пар (групп)", bold=True),
        P(f"В соответствии с {LAW_273}, {ART_351_8}, {{{{regulation_ground}}}}, на основании "
          "письменных согласий педагогических работников на осуществление наставнической "
          "деятельности", align="justify"),
        P("ПРИКАЗЫВАЮ:", bold=True),
        P("1. Закрепить следующие наставнические пары (группы):", align="justify"),
        RowTable(
            headers=("№", "Наставник (ФИО, должность)", "Наставляемый (ФИО, должность)",
                     "Форма наставничества", "Срок (с – по)"),
            cells=("{{pair.no}}", "{{pair.mentor}}, {{pair.mentor_position}}", "{{pair.mentees}}",
                   "{{pair.form}}", "{{pair.term}}"),
            rows="pairs", item="pair",
        ),
        P("Всего наставнических пар (групп): {{pairs_count}} {{participants_pd}}.", align="justify"),
        P("2. Заключить с наставниками, указанными в пункте 1, дополнительные соглашения к трудовым "
          "договорам о выполнении наставнической деятельности с указанием её содержания, срока, "
          "формы и оплаты (статья 351.8 Трудового кодекса Российской Федерации; проекты — "
          "приложение 2).", align="justify"),
        P("3. Наставникам совместно с наставляемыми в течение двух недель со дня издания "
          "приказа доработать персонализированные программы наставничества (приложение 1) и "
          "представить их на утверждение.", align="justify"),
        P("4. Назначить ответственным за организацию работы наставнических пар (групп), "
          "методическое сопровождение и мониторинг реализации программ наставничества куратора "
          "{{coordinator_accs}}.", align="justify"),
        P("5. {{payment}}", align="justify"),
        P("6. Куратору {{coordinator_datv}} ознакомить участников наставнической деятельности с "
          "настоящим приказом под подпись.", align="justify"),
        P("7. {{control}}", align="justify"),
        P("Приложения:"),
        RowTable(
            headers=("№", "Приложение"),
            cells=("{{appendix.no}}", "{{appendix.name}}"),
            rows="appendices", item="appendix",
        ),
        P(""),
        SIGNATURE,
        P(""),
        P("С приказом ознакомлены:"),
        RowTable(
            headers=("ФИО", "Роль", "Подпись", "Дата"),
            cells=("{{person.name}}", "{{person.role}}", "", ""),
            rows="people", item="person",
        ),
    ),
    required=frozenset({"pair.mentor", "pair.mentees", "pair.form", "pair.term"}),
    optional=COMMON | frozenset({
        "pair.mentor_name", "pair.mentee_names", "pair.mentee_positions", "pair.pair_id", "pair.start",
        "pair.end", "pairs_count", "participants_pd", "regulation_ground", "payment_size", "payment_source",
        "addenda_count",
    }),
)

ORDER_IMPLEMENTATION = TemplateSpec(
    key="order_implementation",
    name="Шаблон — приказ о реализации целевой модели наставничества",
    document="Приказ о реализации целевой модели наставничества",
    blocks=(
        *HEADER,
        P("О реализации целевой модели наставничества педагогических работников", bold=True),
        P(f"В соответствии с {LAW_273}, {ART_351_8}, методическими рекомендациями по разработке и "
          "внедрению системы (целевой модели) наставничества педагогических работников в "
          "образовательных организациях (письмо Министерства просвещения Российской Федерации от "
          "21.12.2021 № АЗ-1128/08), в целях профессионального развития педагогических работников",
          align="justify"),
        P("ПРИКАЗЫВАЮ:", bold=True),
        P("1. Внедрить в {{school}} целевую модель наставничества педагогических работников в "
          "{{school_year}} учебном году.", align="justify"),
        P("2. Утвердить {{regulation_title}} (приложение 1).", align="justify"),
        P("3. Утвердить дорожную карту (план мероприятий) по реализации целевой модели "
          "наставничества педагогических работников (приложение 2).", align="justify"),
        P("4. Назначить куратором реализации персонализированных программ наставничества "
          "{{coordinator_accs}}.", align="justify"),
        P("5. Куратору {{coordinator_datv}}: сформировать банк наставников и банк наставляемых с "
          "письменного согласия участников; организовать закрепление наставнических пар (групп) "
          "приказом, заключение дополнительных соглашений к трудовым договорам наставников и "
          "разработку персонализированных программ наставничества; обеспечить информационное "
          "сопровождение на сайте школы.", align="justify"),
        P("6. Провести мониторинг реализации программ наставничества в следующие сроки:", align="justify"),
        RowTable(
            headers=("№", "Мониторинг", "Срок"),
            cells=("{{stage.no}}", "{{stage.name}}", "{{stage.date}}"),
            rows="monitoring", item="stage",
        ),
        P("7. {{control}}", align="justify"),
        P("Приложения:"),
        P("1. {{regulation_title}}."),
        P("2. Дорожная карта (план мероприятий) по реализации целевой модели наставничества "
          "педагогических работников."),
        P(""),
        SIGNATURE,
        P(""),
        P("С приказом ознакомлен(а): ____________________ {{coordinator_initials}}"),
        P(""),
        P("Приложение 2 к приказу от {{order_date}} № {{order_number}}", align="right"),
        P("Дорожная карта (план мероприятий) по реализации целевой модели наставничества "
          "педагогических работников", bold=True, align="center"),
        RowTable(
            headers=("Этап", "Мероприятие", "Срок", "Ответственный"),
            cells=("{{event.stage}}", "{{event.name}}", "{{event.due}}", "{{event.owner}}"),
            rows="roadmap", item="event",
        ),
        P("{{roadmap_note}}", align="justify"),
    ),
    # nothing required: a school's own text may leave out the monitoring or the roadmap table
    optional=COMMON | frozenset({"event.stage_no", "event.stage_name", "roadmap_note"}),
)


# A placed template of these kinds made by an earlier version has none of these placeholders (they
# came with issue 18's wording: grounds, appendices, addenda): `orders` then says the template is
# an old one and how to get the new default — it never replaces a template a school may have edited.
CURRENT_MARKERS: dict[str, frozenset[str]] = {
    ORDER_PAIRS.key: frozenset({"regulation_ground", "appendix.name"}),
    ORDER_IMPLEMENTATION.key: frozenset({"regulation_title", "roadmap_note", "coordinator_accs"}),
}
