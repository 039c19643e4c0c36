"""The default «Дорожная карта»: the school's 7 stages with their events (Russian content).

Taken from the school's roadmap (Appendix 2 to the order «О реализации целевой модели
наставничества»). Due dates are offsets in months from the start of the academic year
(1 September); `init` turns them into dates. The school edits the tab freely afterwards.

Every event carries a code («Код (автоотметка)»): the rule by which `jobs.roadmap` marks it from
the data (`jobs.roadmap_marks`). Events are worded as the school's roadmap words them
(«Разработка персонализированных программ наставничества…», stage 5 of the source); a text an
earlier version seeded (`OLD_EVENTS`) is still recognised as the same default event, so a
workspace made before keeps its rows and its marks.
"""
from __future__ import annotations

import datetime as dt

from sheets_schema import ru, vocabulary

# (stage number, stage, [(event, owner, due month, code key)]): the code key names the rule by
# which `jobs.roadmap` marks the event from the data (ru.ROADMAP_TEXTS["codes"] holds its Russian
# code; `jobs.roadmap_marks` documents every rule and threshold).
STAGES = [
    ("1", "Подготовка условий для реализации системы наставничества", [
        ("Приказ «О реализации целевой модели наставничества» с Положением и дорожной картой", "руководитель", 0,
         "implementation_order"),
        ("Приказы о закреплении наставнических пар/групп с письменного согласия участников", "куратор", 2, "orders"),
        ("Разработка персонализированных программ наставничества для каждой пары/группы", "куратор", 2,
         "programmes"),
    ]),
    ("2", "Формирование банка наставляемых", [
        ("Сбор информации о профессиональных запросах педагогов (анкета наставляемого)", "куратор", 1,
         "mentee_survey"),
        ("Формирование банка наставляемых, согласия на обработку персональных данных", "куратор", 1, "mentee_bank"),
    ]),
    ("3", "Формирование банка наставников", [
        ("Анкетирование потенциальных наставников", "куратор", 1, "mentor_survey"),
        ("Формирование банка наставников, согласия на обработку персональных данных", "куратор", 1, "mentor_bank"),
    ]),
    ("4", "Отбор и обучение", [
        ("Анализ банка наставников и выбор наставников для программ", "куратор", 2, "mentor_selection"),
        ("Обучение наставников: методические материалы, консультации, обмен опытом", "куратор", 3, "training"),
    ]),
    ("5", "Организация и осуществление работы наставнических пар/групп", [
        ("Формирование наставнических пар/групп", "куратор", 2, "pairs"),
        ("Психолого-педагогическая поддержка наставляемых без пары, продолжение поиска наставника", "педагог-психолог", 4,
         "support"),
    ]),
    ("6", "Завершение персонализированных программ наставничества", [
        ("Мониторинг качества реализации программ (анкетирование)", "куратор", 8, "monitoring"),
        ("Школьная конференция или семинар по итогам наставничества", "куратор", 8, "conference"),
        ("Итоговый круглый стол: лучшие практики, пополнение методической копилки", "куратор", 9, "round_table"),
    ]),
    ("7", "Информационная поддержка системы наставничества", [
        ("Освещение мероприятий дорожной карты на сайте школы и в социальных сетях", "ответственный за сайт", 9,
         "publicity"),
    ]),
]

# Texts earlier versions seeded for an event (code key → (stage number, old text)): a workspace
# made before keeps its rows, which are still recognised as the default event.
OLD_EVENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "programmes": (("1", "Персонализированные программы наставничества для каждой пары/группы"),),
}


def academic_year_start(today: dt.date) -> dt.date:
    """1 September of the academic year that `today` belongs to."""
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def _month_end(start: dt.date, months: int) -> dt.date:
    year, month = divmod(start.month - 1 + months, 12)
    first_next = dt.date(start.year + year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def default_rows(today: dt.date) -> list[dict[str, str]]:
    """Rows of «Дорожная карта» for a new workspace; each event is due at the end of its month."""
    start = academic_year_start(today)
    rows = []
    for number, stage, events in STAGES:
        for event, owner, months, code in events:
            rows.append({
                "stage_no": number,
                "stage": stage,
                "event": event,
                "owner": owner,
                "due": _month_end(start, months).strftime("%d.%m.%Y"),
                "status": vocabulary.ROADMAP_STATUS_PLANNED,
                "evidence": "",
                "code": _code_text(code),
                "public": vocabulary.ANSWER_YES,
            })
    return rows


# Every default event by its code key: (stage number, text as seeded now).
DERIVED_EVENTS: dict[str, tuple[str, str]] = {
    code: (number, event) for number, _, events in STAGES for event, _, _, code in events
}


def _code_text(key: str) -> str:
    return str(ru.ROADMAP_TEXTS["codes"][key])


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().replace("ё", "е").split())


# (stage number, folded text) → code key, for the current texts and the old ones.
_DEFAULT_KEYS: dict[tuple[str, str], str] = {
    **{(number, _fold(event)): key for key, olds in OLD_EVENTS.items() for number, event in olds},
    **{(number, _fold(event)): key for key, (number, event) in DERIVED_EVENTS.items()},
}
DEFAULT_EVENTS = frozenset(_DEFAULT_KEYS)


def default_event_code(stage_no: str, event: str) -> str | None:
    """The code key of a default event recognised by its stage number and text (as seeded now or
    by an earlier version; ignoring case, spaces and ё/е), or None for an event staff reworded or
    added."""
    return _DEFAULT_KEYS.get((str(stage_no).strip(), _fold(event)))


def is_default_event(stage_no: str, event: str) -> bool:
    """Whether (stage number, event text) is one of the events `default_rows` seeds now or an
    earlier version seeded — compared ignoring case, spaces and ё/е; an event staff reworded or
    added is not."""
    return default_event_code(stage_no, event) is not None
