"""The default labour-contract addendum about mentoring, one per mentor of an order.

Art. 351.8 ТК РФ and Роструд's letter of 02.10.2025 № ТЗ/7300-6-1: the content, term, form and
payment of mentoring go into the labour contract or an addendum to it. The addendum names the
mentor's mentees (a table of the mentor's pairs or groups in the order: form and term), the
overall term, the payment (``[documents] payment`` and ``payment_source``) and the early end of
the extra work (art. 60.2 part 4 ТК РФ). `orders` makes it with the order (same pairs, same
consents), keyed by the order and the mentor, so it is made once.
"""
from __future__ import annotations

from sheets_schema.templates.base import P, RowTable, TemplateSpec


ADDENDUM = TemplateSpec(
    key="addendum",
    name="Шаблон — дополнительное соглашение к трудовому договору наставника",
    document="Дополнительное соглашение (наставничество)",
    blocks=(
        P("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № ______", bold=True, align="center", size=14),
        P("к трудовому договору от «____» ______________ 20___ г. № ______", align="center"),
        P("о выполнении наставнической деятельности", align="center"),
        P(""),
        P("{{place}}                                                  {{order_date}}"),
        P(""),
        P("{{school_full}}, именуемое в дальнейшем «Работодатель», в лице {{head_position_gent}} "
          "{{head_gent}}, {{head_acting}} на основании Устава, с одной стороны, и {{mentor}}, "
          "{{mentor_position}}, {{mentor_named}} в дальнейшем «Работник», с другой стороны, заключили "
          "настоящее дополнительное соглашение о нижеследующем.", align="justify"),
        P("1. Работник с его письменного согласия наряду с работой, определённой трудовым договором, "
          "выполняет дополнительную работу по наставничеству (статья 351.8 Трудового кодекса "
          "Российской Федерации) в соответствии с приказом от {{order_date}} № {{order_number}} «О "
          "закреплении наставнических пар (групп)» и {{regulation_title_ablt}}.", align="justify"),
        P("2. Содержание наставничества: оказание помощи в профессиональном становлении и "
          "преодолении профессиональных затруднений {{mentees_gent}} по персонализированной программе "
          "наставничества; разработка программы совместно с наставляемым, выполнение её мероприятий, "
          "отчёт о её реализации.", align="justify"),
        P("3. Наставнические пары (группы), форма и срок наставничества:", align="justify"),
        RowTable(
            headers=("Пара (группа)", "Наставляемый (наставляемые)", "Форма наставничества", "Срок (с – по)"),
            cells=("{{pair.pair_id}}", "{{pair.mentees}}", "{{pair.form}}", "{{pair.term}}"),
            rows="pairs", item="pair",
        ),
        P("4. Срок выполнения дополнительной работы: с {{start}} по {{end}}.", align="justify"),
        P("5. За выполнение дополнительной работы Работнику устанавливается доплата {{payment_terms}}, "
          "выплачиваемая ежемесячно в сроки выплаты заработной платы за период наставничества.", align="justify"),
        P("6. Работник вправе досрочно отказаться от выполнения дополнительной работы, а Работодатель — "
          "досрочно отменить поручение о её выполнении, предупредив другую сторону в письменной форме не "
          "позднее чем за три рабочих дня (часть 4 статьи 60.2 Трудового кодекса Российской Федерации).",
          align="justify"),
        P("7. Настоящее соглашение вступает в силу с {{start}}, является неотъемлемой частью трудового "
          "договора и составлено в двух экземплярах, по одному для каждой из сторон. Остальные условия "
          "трудового договора не изменяются.", align="justify"),
        P(""),
        P("Работодатель: {{head_position}} ____________________ {{head_initials}}"),
        P("Работник: ____________________ {{mentor_initials}}"),
        P(""),
        P("Экземпляр соглашения получил(а): ____________________ {{mentor_initials}}   «____» ______________ 20___ г."),
    ),
    required=frozenset({"mentor", "payment_terms"}),  # the term may be the table or {{start}}–{{end}}
    optional=frozenset({
        "school", "school_full", "place", "head", "head_initials", "head_position", "head_position_gent",
        "head_gent", "head_acting", "coordinator", "coordinator_initials", "order_number", "order_date",
        "school_year", "regulation_title", "regulation_title_ablt", "mentor_position", "mentor_named",
        "mentor_initials", "mentees_gent", "mentee_names", "start", "end", "pair.form", "pair.pair_id",
        "pair.mentees", "pair.term",
        "payment_size", "payment_source",
    }),
)
