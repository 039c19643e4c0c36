"""The default «Дорожная карта»: the school's 7 stages with their events (Russian content).

Taken from the school's roadmap (Appendix 2 to the order «О реализации целевой модели
наставничества»). Due dates are offsets in months from the start of the academic year
(1 September); `init` turns them into dates. The school edits the tab freely afterwards.
"""
from __future__ import annotations

import datetime as dt

from sheets_schema import vocabulary

STAGES = [
    ("1", "Подготовка условий для реализации системы наставничества", [
        ("Приказ «О реализации целевой модели наставничества» с Положением и дорожной картой", "руководитель", 0),
        ("Приказы о закреплении наставнических пар/групп с письменного согласия участников", "куратор", 2),
        ("Персонализированные программы наставничества для каждой пары/группы", "куратор", 2),
    ]),
    ("2", "Формирование банка наставляемых", [
        ("Сбор информации о профессиональных запросах педагогов (анкета наставляемого)", "куратор", 1),
        ("Формирование банка наставляемых, согласия на обработку персональных данных", "куратор", 1),
    ]),
    ("3", "Формирование банка наставников", [
        ("Анкетирование потенциальных наставников", "куратор", 1),
        ("Формирование банка наставников, согласия на обработку персональных данных", "куратор", 1),
    ]),
    ("4", "Отбор и обучение", [
        ("Анализ банка наставников и выбор наставников для программ", "куратор", 2),
        ("Обучение наставников: методические материалы, консультации, обмен опытом", "куратор", 3),
    ]),
    ("5", "Организация и осуществление работы наставнических пар/групп", [
        ("Формирование наставнических пар/групп", "куратор", 2),
        ("Психолого-педагогическая поддержка наставляемых без пары, продолжение поиска наставника", "педагог-психолог", 4),
    ]),
    ("6", "Завершение персонализированных программ наставничества", [
        ("Мониторинг качества реализации программ (анкетирование)", "куратор", 8),
        ("Школьная конференция или семинар по итогам наставничества", "куратор", 8),
        ("Итоговый круглый стол: лучшие практики, пополнение методической копилки", "куратор", 9),
    ]),
    ("7", "Информационная поддержка системы наставничества", [
        ("Освещение мероприятий дорожной карты на сайте школы и в социальных сетях", "ответственный за сайт", 9),
    ]),
]


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
        for event, owner, months in events:
            rows.append({
                "stage_no": number,
                "stage": stage,
                "event": event,
                "owner": owner,
                "due": _month_end(start, months).strftime("%d.%m.%Y"),
                "status": vocabulary.ROADMAP_STATUS_PLANNED,
                "evidence": "",
                "code": DERIVED_CODES.get((number, event), ""),
                "public": vocabulary.ANSWER_YES,
            })
    return rows


# Default events that `jobs.roadmap` marks done from the data, by (stage number, event text):
# their «Код (автоотметка)» (a key of ru.ROADMAP_TEXTS["codes"], shown in Russian).
DERIVED_EVENTS = {
    "orders": ("1", STAGES[0][2][1][0]),
    "programmes": ("1", STAGES[0][2][2][0]),
    "mentee_bank": ("2", STAGES[1][2][1][0]),
    "mentor_bank": ("3", STAGES[2][2][1][0]),
    "pairs": ("5", STAGES[4][2][0][0]),
    "monitoring": ("6", STAGES[5][2][0][0]),
}


def _codes() -> dict[tuple[str, str], str]:
    from sheets_schema import ru

    return {event: ru.ROADMAP_TEXTS["codes"][key] for key, event in DERIVED_EVENTS.items()}


DERIVED_CODES = _codes()


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().replace("ё", "е").split())


DEFAULT_EVENTS = frozenset((number, _fold(event)) for number, _, events in STAGES for event, _, _ in events)


def is_default_event(stage_no: str, event: str) -> bool:
    """Whether (stage number, event text) is one of the events `default_rows` seeds — compared
    ignoring case, spaces and ё/е; an event staff reworded or added is not."""
    return (str(stage_no).strip(), _fold(event)) in DEFAULT_EVENTS
