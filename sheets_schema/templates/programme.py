"""The default personalised mentoring programme (ППН) of a pair or group."""
from __future__ import annotations

from sheets_schema.templates.base import P, RowTable, TemplateSpec


PROGRAMME = TemplateSpec(
    key="programme",
    name="Шаблон — персонализированная программа наставничества",
    document="Программа наставничества",
    blocks=(
        P("УТВЕРЖДАЮ", bold=True, align="right"),
        P("{{head_position}} {{school}}", align="right"),
        P("____________________ {{head}}", align="right"),
        P("«____» ______________ 20___ г.", align="right"),
        P(""),
        P("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", bold=True, align="center", size=14),
        P("(наставническая пара / группа {{pair_id}})", align="center"),
        P("Наставник: {{mentor}}, {{mentor_position}}"),
        P("Наставляемый (наставляемые): {{mentees}}"),
        P("Форма наставничества: {{form}}"),
        P("Срок реализации программы: {{term}}"),
        P("1. Выявленные профессиональные затруднения", bold=True),
        P("{{difficulties}}", align="justify"),
        P("2. Цель программы", bold=True),
        P("{{goal}}", align="justify"),
        P("3. Задачи", bold=True),
        P("{{tasks}}", align="justify"),
        P("4. План мероприятий", bold=True),
        RowTable(
            headers=("№", "Мероприятие", "Срок", "Форма проведения", "Ответственный",
                     "Отметка о выполнении"),
            cells=("{{item.no}}", "{{item.event}}", "{{item.due}}", "{{item.form}}",
                   "{{item.owner}}", ""),
            rows="plan", item="item",
        ),
        P("5. Ожидаемые результаты", bold=True),
        P("{{results}}", align="justify"),
        P("6. Форма отчётности", bold=True),
        P("{{reporting}}", align="justify"),
        P(""),
        P("Наставник ____________________ {{mentor}}"),
        P("Наставляемый ____________________ {{mentee_names}}"),
        P("Куратор ____________________ {{coordinator}}"),
    ),
    required=frozenset({"mentor", "mentees", "term", "item.event"}),
    optional=frozenset({"start", "end", "mentee_positions", "item.done", "school_year"}),
)
