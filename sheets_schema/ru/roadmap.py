"""The roadmap job: events marked done or overdue from the data."""

from typing import Any

ROADMAP_TEXTS: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
    # values of «Код (автоотметка)»: an event with one of these codes is marked done from the data
    "codes": {
        "orders": "приказы о парах",
        "programmes": "программы",
        "mentee_bank": "банк наставляемых",
        "mentor_bank": "банк наставников",
        "pairs": "пары",
        "monitoring": "мониторинг",
    },
    "reason_overdue": "срок {due} прошёл",
    "reason_mentee_bank": "в банке наставляемых проверенных строк с согласием: {count}",
    "reason_mentor_bank": "в банке наставников проверенных строк с согласием: {count}",
    "reason_pairs": "на листе «Пары» пар и групп: {count}",
    "reason_orders": "закреплено приказом пар: {count}",
    "reason_programmes": "программа есть у всех действующих пар ({count})",
    "reason_monitoring": "ответов на анкету мониторинга: {count}",
    "change": "Дорожная карта, этап {stage_no}: «{event}» — {old} → {new} ({reason}).",
    "blank_status": "без статуса",
    "summary": "Дорожная карта: мероприятий {total}; выполнено {done}; просрочено {overdue}; изменено статусов {changed}.",
    "dry_run": "Пробный запуск (--dry-run): дорожная карта не изменена.",
    "bad_due": "Лист «Дорожная карта», строка {row}: «Срок» — «{value}» не дата ДД.ММ.ГГГГ; просрочка не проверена, исправьте дату.",
    "rows_changed": "Лист «Дорожная карта»: {count} строк(и) изменены во время работы; их статус будет проверен при следующем запуске.",
}
