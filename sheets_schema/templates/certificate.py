"""The default «Благодарность наставнику»: one per mentor and school year, for the pairs of the
mentor that ended «завершена» (`nastavnik orders --certificates`, `jobs.certificates`).

The mentor is named twice, by case (`jobs.names`): «награждается Кузнецова Ольга Ивановна» and
«выражает благодарность Кузнецовой Ольге Ивановне». Only the mentor is named: the mentees appear
as the pairs' numbers and terms.
"""
from __future__ import annotations

from sheets_schema.templates.base import P, RowTable, TemplateSpec


CERTIFICATE = TemplateSpec(
    key="certificate",
    name="Шаблон — благодарность наставнику",
    document="Благодарность наставнику",
    blocks=(
        P("{{school_full}}", bold=True, align="center"),
        P(""),
        P("БЛАГОДАРНОСТЬ", bold=True, align="center", size=22),
        P(""),
        P("награждается", align="center"),
        P("{{mentor}}", bold=True, align="center", size=16),
        P("{{mentor_position}}", align="center"),
        P(""),
        P("Администрация {{school}} выражает благодарность {{mentor_datv}} за успешную реализацию "
          "персонализированной программы наставничества в {{school_year}} учебном году, "
          "профессиональную поддержку коллег и личный вклад в развитие системы наставничества.",
          align="justify"),
        P("Завершённые наставнические пары (группы):"),
        RowTable(
            headers=("Пара (группа)", "Форма наставничества", "Срок (с – по)"),
            cells=("{{pair.pair_id}}", "{{pair.form}}", "{{pair.term}}"),
            rows="pairs", item="pair",
        ),
        P(""),
        P("{{head_position}} ____________________ {{head_initials}}"),
        P("{{place}} {{date}}"),
    ),
    required=frozenset({"mentor"}),
    optional=frozenset({
        "school", "school_full", "place", "head", "head_initials", "head_position",
        "coordinator", "coordinator_initials", "school_year", "date", "mentor_datv", "mentor_position",
        "mentor_initials", "pair.pair_id", "pair.form", "pair.term",
    }),
)
