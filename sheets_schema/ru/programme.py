"""The personalised mentoring programme (ППН) of a pair or group: the texts its fill data uses.

Every text that speaks of the mentee has a form for one mentee (``…_one``) and for a group
(``…_many``): a group programme says «наставляемые», «наставляемым» in every sentence.
"""

from typing import Any

PROGRAMME_TEXTS: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
    "title_one": "Наставническая пара {pair_id}",
    "title_many": "Наставническая группа {pair_id}",
    "mentees_label_one": "Наставляемый",
    "mentees_label_many": "Наставляемые",
    "mentee_item": "{no}) {described}",
    "role_mentor": "наставник",
    "role_mentee": "наставляемый",
    "role_coordinator": "куратор",
    "sign_role_mentor": "Наставник",
    "sign_role_mentee": "Наставляемый",
    "sign_role_coordinator": "Куратор",
    "unknown": "—",
    "years": "{years}",
    "meetings": "не реже одного раза в две недели",
    "goal_one": (
        "Оказание помощи наставляемому в профессиональном становлении и адаптации, "
        "преодолении выявленных профессиональных затруднений, развитии профессиональных "
        "компетенций."
    ),
    "goal_many": (
        "Оказание помощи наставляемым в профессиональном становлении и адаптации, "
        "преодолении выявленных профессиональных затруднений, развитии профессиональных "
        "компетенций каждого из них."
    ),
    "no_difficulties_one": "затруднения уточняются на первой встрече наставника и наставляемого",
    "no_difficulties_many": "затруднения уточняются на первой встрече наставника и наставляемых",
    "task_general_one": "закрепить полученные умения в практической деятельности",
    "task_general_many": "закрепить полученные умения в практической деятельности каждого наставляемого",
    "result_general_one": "наставляемый уверенно выполняет профессиональные задачи, затруднения преодолены",
    "result_general_many": "наставляемые уверенно выполняют профессиональные задачи, затруднения преодолены",
    # the final section: left to write by hand until the report and self-analysis are collected
    "write_here": "_" * 60,
    "self_analysis_one": "Самоанализ наставляемого",
    "self_analysis_many": "Самоанализ наставляемых",
    # catalog rows (the school's own words) in a group programme: the mentee in the plural
    "plural_words": {
        "наставляемый": "наставляемые",
        "наставляемого": "наставляемых",
        "наставляемому": "наставляемым",
        "наставляемым": "наставляемыми",  # «проведение наставляемым урока» (творительный)
        "наставляемом": "наставляемых",
    },
}
