"""The default report on the monitoring of the mentoring programmes."""
from __future__ import annotations

from sheets_schema.templates.base import P, RowTable, TemplateSpec


REPORT = TemplateSpec(
    key="report",
    name="Шаблон — отчёт о мониторинге реализации программ наставничества",
    document="Отчёт о мониторинге программ наставничества",
    blocks=(
        P("{{school}}", bold=True, align="center"),
        P("ОТЧЁТ", bold=True, align="center", size=14),
        P("о результатах мониторинга реализации программ наставничества педагогических "
          "работников", bold=True, align="center"),
        P("Период: {{period}}. Сведения на {{report_date}}.", align="center"),
        P("Материалы к круглому столу по обмену лучшими практиками наставничества. Пары и группы "
          "названы по ID, без ФИО и адресов.", align="justify"),
        P("{{privacy_note}}", align="justify"),
        P("1. Показатели", bold=True),
        RowTable(headers=("Показатель", "Значение"), cells=("{{figure.name}}", "{{figure.value}}"),
                 rows="figures", item="figure"),
        P("2. Удовлетворённость участников (средняя оценка по шкале 1–10)", bold=True),
        RowTable(headers=("№", "Вопрос анкеты мониторинга", "Средняя оценка", "Ответов"),
                 cells=("{{question.no}}", "{{question.name}}", "{{question.average}}", "{{question.answers}}"),
                 rows="questions", item="question"),
        P("{{chart}}", align="center"),
        P("Рисунок 1. {{chart_caption}}", align="center", size=11),
        P("3. Наставнические пары и группы", bold=True),
        RowTable(headers=("ID пары", "Статус", "Анкет", "Удовлетворённость", "Средняя по всем вопросам"),
                 cells=("{{pair.pair_id}}", "{{pair.status}}", "{{pair.responses}}", "{{pair.satisfaction}}",
                        "{{pair.all_questions}}"),
                 rows="pairs", item="pair"),
        # issue 22: the pairs by the progress of their plans (jobs.charts.builders.pairs_by_plan)
        P("3.1. Выполнение планов мероприятий пар и групп", bold=True),
        P("{{plan_chart}}", align="center"),
        P("Рисунок 2. {{plan_caption}}", align="center", size=11),
        P("4. Профессиональные затруднения, отмеченные как преодолённые", bold=True),
        RowTable(headers=("Затруднение", "Наставляемых"), cells=("{{difficulty.name}}", "{{difficulty.count}}"),
                 rows="difficulties", item="difficulty"),
        # issue 19: the mentees' self-assessment at the start and at the end (jobs.self_assessment)
        P("4.1. Самооценка наставляемых в начале и в конце программы (средняя по шкале 1–10)", bold=True),
        RowTable(headers=("Затруднение", "В начале", "В конце", "Наставляемых (оба ответа)"),
                 cells=("{{change.name}}", "{{change.before}}", "{{change.after}}", "{{change.answers}}"),
                 rows="before_after", item="change"),
        P("{{before_after_chart}}", align="center"),
        P("Рисунок 3. {{before_after_caption}}", align="center", size=11),
        P("5. Дорожная карта: выполнение по этапам", bold=True),
        RowTable(headers=("Этап", "Мероприятий", "Выполнено", "В работе", "Запланировано", "Просрочено"),
                 cells=("{{stage.name}}", "{{stage.events}}", "{{stage.done}}", "{{stage.in_progress}}",
                        "{{stage.planned}}", "{{stage.overdue}}"),
                 rows="stages", item="stage"),
        # issue 19: the «Методическая копилка» for the round table (jobs.kopilka, the page's name rules)
        P("5.1. Методическая копилка: лучшие практики наставничества", bold=True),
        RowTable(headers=("Практика", "Авторы", "Этап / мероприятие", "Материалы"),
                 cells=("{{practice.title}}", "{{practice.authors}}", "{{practice.stage}}", "{{practice.materials}}"),
                 rows="practices", item="practice"),
        P("6. Выводы и предложения", bold=True),
        P("____________________________________________________________________________"),
        P(""),
        P("Куратор ____________________ {{coordinator}}"),
    ),
    required=frozenset({"figure.name", "figure.value"}),
    optional=frozenset({"head", "school_year", "privacy_note"}),
)


# A report template placed before issue 22 has no picture of the pairs by plan progress: `report`
# then says the template is an old one (as `orders` does for its own, `CURRENT_MARKERS` of
# `sheets_schema.templates.orders`) and makes the report without that picture.
CURRENT_MARKERS: dict[str, frozenset[str]] = {REPORT.key: frozenset({"plan_chart"})}
