"""Texts of the end of a pair and of the mentee's self-assessment before/after (issue 19, item 4).

`HEADERS` and `TABS` are merged into `ru.HEADERS`/`ru.TABS` by `sheets_schema.ru.workspace`;
the self-assessment has one column per difficulty of the vocabulary, keyed `self_key(difficulty)`
and headed by the difficulty itself, so a difficulty added to the list adds a column.
"""
from __future__ import annotations

from sheets_schema.vocabulary import DIFFICULTIES

SELF_PREFIX = "self:"


def self_key(difficulty: str) -> str:
    """The column key of a difficulty's self-assessment score."""
    return SELF_PREFIX + difficulty


TABS = {"self_assessment": "Самооценка"}

HEADERS = {
    "end_reason": "Причина завершения",
    "assessment_stage": "Этап самооценки",  # not "stage": that key is the roadmap's «Этап»
    "self_analysis": "Самоанализ",
    **{self_key(d): d for d in DIFFICULTIES},
}

EVALUATION = {
    "stage_start": "начало",
    "stage_end": "окончание",
    "completion_finished": "Пара {pair}: срок («Окончание» {end}) истёк — статус «завершена».",
    "completion_summary": "Пар завершено по сроку: {finished}; замечаний: {problems}.",
    "completion_dry_run": "Пробный запуск: статусы пар не изменены.",
    "no_reason": ("Лист «Пары», строка {row}, столбец «Причина завершения»: пара {pair} прекращена "
                  "без причины — укажите причину досрочного завершения (например, «увольнение "
                  "наставника»)."),
    "bad_end": ("Лист «Пары», строка {row}, столбец «Окончание»: «{value}» — не дата; укажите дату "
                "окончания в виде ДД.ММ.ГГГГ, например 31.05.2027. Статус пары {pair} не изменён."),
    "pair_not_found": "пара не найдена: e-mail {email} не числится наставляемым ни одной пары",
    "before_after_heading": "Самооценка наставляемых: начало и окончание программы",
    "col_difficulty": "Затруднение",
    "col_before": "В начале",
    "col_after": "В конце",
    "col_change": "Изменение",
    "col_answers": "Наставляемых (оба ответа)",
    "hidden": "меньше {min} ответов — не показывается",
    "chart_title": "Самооценка по затруднениям: начало и окончание",
    "no_answers": "Ответов самооценки наставляемых в начале и в конце программы пока нет.",
}

# The questionnaire «Самооценка наставляемого» (merged into ru.QUESTIONNAIRES)
QUESTIONNAIRE = {
    "self_assessment_title": "Самооценка наставляемого",
    "self_assessment_description": (
        "Оцените, насколько уверенно вы справляетесь с каждым из затруднений, от 1 (совсем не "
        "справляюсь) до 10 (справляюсь полностью). Заполните анкету дважды: в начале программы "
        "наставничества и в конце. Оценивайте только те затруднения, которые к вам относятся."),
    "self_assessment_file": "анкета-самооценки",
    "self_analysis": "Самоанализ: что изменилось за время программы (заполните в конце)",
    **{self_key(d): d for d in DIFFICULTIES},
}
