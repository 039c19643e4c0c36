"""Issue 20: the default municipal report — every school's indicators side by side, with totals
(`jobs.municipal.report`). Placed in the municipality's ``state_dir`` (``templates/``), not in a
school's workspace; the methodologist may edit it like a school's templates."""
from __future__ import annotations

from sheets_schema.templates.base import P, RowTable, TemplateSpec

MUNICIPAL = TemplateSpec(
    key="municipal_report",
    name="Шаблон — сводный отчёт о наставничестве по школам муниципалитета",
    document="Сводный отчёт о наставничестве педагогов",
    blocks=(
        P("{{municipality}}", bold=True, align="center"),
        P("СВОДНЫЙ ОТЧЁТ", bold=True, align="center", size=14),
        P("о реализации системы наставничества педагогических работников в образовательных "
          "организациях", bold=True, align="center"),
        P("Период: {{period}}. Сведения на {{report_date}}. {{schools_read}}", align="center"),
        P("{{privacy_note}}", align="justify"),
        P("1. Участники и пары", bold=True),
        RowTable(headers=("Школа", "Наставников", "Наставляемых", "Действующих пар и групп", "Наставляемых в паре",
                          "Наставляемых с ППН", "Молодых педагогов (до 35 лет) в наставничестве"),
                 cells=("{{school.name}}", "{{school.mentors}}", "{{school.mentees}}", "{{school.pairs}}",
                        "{{school.with_pair}}", "{{school.with_programme}}", "{{school.young}}"),
                 rows="schools", item="school"),
        P("{{pairs_chart}}", align="center"),
        P("Рисунок 1. {{pairs_caption}}", align="center", size=11),
        P("2. Выполнение планов мероприятий и оценки участников", bold=True),
        RowTable(headers=("Школа", "Пар с планом", "По плану", "Отстают", "План выполнен", "Ответов на анкету",
                          "Удовлетворённость (1–10)"),
                 cells=("{{progress.name}}", "{{progress.plan_pairs}}", "{{progress.on_track}}",
                        "{{progress.behind}}", "{{progress.done}}", "{{progress.responses}}",
                        "{{progress.satisfaction}}"),
                 rows="progress", item="progress"),
        P("{{plan_chart}}", align="center"),
        P("Рисунок 2. {{plan_caption}}", align="center", size=11),
        P("3. Средние оценки по вопросам анкеты мониторинга (шкала 1–10)", bold=True),
        RowTable(headers=("Школа", "1", "2", "3", "4", "5", "6"),
                 cells=("{{answers.name}}", "{{answers.q1}}", "{{answers.q2}}", "{{answers.q3}}", "{{answers.q4}}",
                        "{{answers.q5}}", "{{answers.q6}}"),
                 rows="answers", item="answers"),
        P("{{questions_legend}}", align="justify", size=11),
        P("4. Школы, данные которых не получены", bold=True),
        RowTable(headers=("Школа", "Причина"), cells=("{{failed.name}}", "{{failed.reason}}"),
                 rows="failed", item="failed"),
        P("5. Выводы и предложения", bold=True),
        P("____________________________________________________________________________"),
        P(""),
        P("Методист ____________________"),
    ),
    required=frozenset({"school.name"}),
    optional=frozenset({"place"}),
)
