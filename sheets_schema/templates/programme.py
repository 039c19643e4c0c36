"""The default personalised mentoring programme (ППН) of a pair or group.

What a methodologist looks for (the Ministry's recommendations on the target model, АЗ-1128/08,
and schools' Положения): the approval marks with a date by every signature («РАССМОТРЕНО» by the
methodological council, «СОГЛАСОВАНО» by the coordinator, «УТВЕРЖДАЮ» by the head), the
participants with their position, subject, experience, category and education, the form and
frequency of meetings, goal, tasks, plan, expected results, and a final section for the mentor's
report and the mentee's self-analysis.

Placeholders of the first default (``{{mentees}}``, ``{{mentee_names}}``, ``{{coordinator}}``…)
stay known and filled, so a school's template made from it keeps working; the new ones are
optional, so it passes the check without them.
"""
from __future__ import annotations

from sheets_schema.templates.base import P, RowTable, TemplateSpec

_DATE = "«____» ______________ 20___ г."

# The plan table of every programme kind (`programmes --refresh` finds it by these headers).
PLAN_TABLE = RowTable(
    headers=("№", "Мероприятие", "Срок", "Форма проведения", "Ответственный", "Отметка о выполнении"),
    cells=("{{item.no}}", "{{item.event}}", "{{item.due}}", "{{item.form}}", "{{item.owner}}", ""),
    rows="plan", item="item",
)

PROGRAMME = TemplateSpec(
    key="programme",
    name="Шаблон — персонализированная программа наставничества",
    document="Программа наставничества",
    blocks=(
        P("{{school_full}}", align="center"),
        P(""),
        P("РАССМОТРЕНО", bold=True),
        P("на заседании методического совета"),
        P("(протокол от «____» ______________ 20___ г. № ____)"),
        P(""),
        P("СОГЛАСОВАНО", bold=True),
        P("Куратор наставничества"),
        P("____________________ {{coordinator_sign}}"),
        P(_DATE),
        P(""),
        P("УТВЕРЖДАЮ", bold=True, align="right"),
        P("{{head_position}} {{school}}", align="right"),
        P("____________________ {{head_sign}}", align="right"),
        P(_DATE, align="right"),
        P(""),
        P("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", bold=True, align="center", size=14),
        P("{{pair_title}}", align="center"),
        P("на {{school_year}} учебный год", align="center"),
        P("1. Участники программы", bold=True),
        P("Наставник: {{mentor}}, {{mentor_position}}"),
        P("{{mentees_label}}: {{mentees}}"),
        RowTable(
            headers=("Роль", "Фамилия, имя, отчество", "Должность, предмет", "Педагогический стаж, лет",
                     "Квалификационная категория / СЗД", "Образование"),
            cells=("{{person.role}}", "{{person.name}}", "{{person.post}}", "{{person.years}}",
                   "{{person.category}}", "{{person.education}}"),
            rows="participants", item="person",
        ),
        P("2. Форма и сроки", bold=True),
        P("Форма наставничества: {{form}}"),
        P("Срок реализации программы: {{term}}"),
        P("Периодичность встреч: {{meetings}}"),
        P("3. Выявленные профессиональные затруднения", bold=True),
        P("{{difficulties}}", align="justify"),
        P("4. Цель программы", bold=True),
        P("{{goal}}", align="justify"),
        P("5. Задачи", bold=True),
        P("{{tasks}}", align="justify"),
        P("6. План мероприятий", bold=True),
        PLAN_TABLE,
        P("7. Ожидаемые результаты", bold=True),
        P("{{results}}", align="justify"),
        P("8. Форма отчётности", bold=True),
        P("{{reporting}}", align="justify"),
        P("9. Итоги реализации программы", bold=True),
        P("9.1. Отчёт наставника о реализации программы", bold=True),
        P("{{mentor_report}}", align="justify"),
        P("9.2. {{self_analysis_title}}", bold=True),
        P("{{self_analysis}}", align="justify"),
        P(""),
        P("С программой ознакомлены:"),
        RowTable(
            headers=("Участник", "Подпись", "И. О. Фамилия", "Дата"),
            cells=("{{sign.role}}", "____________________", "{{sign.name}}", _DATE),
            rows="signatures", item="sign",
        ),
    ),
    required=frozenset({"mentor", "mentees", "term", "item.event"}),
    # the first default's placeholders (a school's template made from it keeps working) and the
    # ones a school may leave out
    optional=frozenset({
        "start", "end", "mentee_positions", "mentee_names", "coordinator", "head", "item.done", "school_year",
        "pair_id", "mentor_sign", "mentee_signs",
    }),
)


# The defaults placed before, kept to recognise a template the school never edited and to test
# that a template made from them still passes the check and fills (`upgrade-workspace` never
# replaces a template that exists).
PROGRAMME_2025 = TemplateSpec(
    key="programme",
    name=PROGRAMME.name,
    document=PROGRAMME.document,
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
        PLAN_TABLE,
        P("5. Ожидаемые результаты", bold=True),
        P("{{results}}", align="justify"),
        P("6. Форма отчётности", bold=True),
        P("{{reporting}}", align="justify"),
        P(""),
        P("Наставник ____________________ {{mentor}}"),
        P("Наставляемый ____________________ {{mentee_names}}"),
        P("Куратор ____________________ {{coordinator}}"),
    ),
    required=PROGRAMME.required,
    optional=PROGRAMME.optional,
)
PREVIOUS_PROGRAMMES: tuple[TemplateSpec, ...] = (PROGRAMME_2025,)
