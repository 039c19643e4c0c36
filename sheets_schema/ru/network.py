"""Network mentoring across the schools of a municipality (сетевая форма наставничества, issue 20):
the headers of its columns and the texts of `nastavnik municipal match` (jobs/municipal/network.py)."""

HEADERS = {
    # «Наставники»: the mentor agrees to mentor a teacher of another school of the municipality
    "network_ready": "Готов к сетевому наставничеству",
    # «Предложения»: a network proposal names both schools and the other coordinator's decision
    "mentor_school": "Школа наставника",
    "mentee_school": "Школа наставляемого",
    "partner_approval": "Согласование другой школы",
    # «Пары»: the other school of a network pair
    "partner_school": "Другая школа (сетевая форма)",
}

NETWORK = {
    # «Обоснование» of a network proposal (before the matching's own reasons)
    "reason_network": (
        "сетевая форма: в школе нет свободного наставника по предмету «{subject}»; наставник — "
        "из «{mentor_school}», согласен на сетевое наставничество"
    ),
    # «Согласование другой школы»: what the other school's coordinator decided
    "partner_waiting": "ждёт решения куратора «{school}»",
    "partner_approved": "утверждено в «{school}»",
    "partner_rejected": "отклонено в «{school}»",
    "partner_closed": "закрыто и в «{school}»",
    # the summary of `nastavnik municipal match`
    "summary_cohort": (
        "Сетевой подбор: наставляемых без пары в своей школе — {mentees}, наставников, готовых к "
        "сетевому наставничеству и со свободными местами — {mentors} (школ: {schools})."
    ),
    "summary_pair": "Предложено из «{mentor_school}» в «{mentee_school}»: {count}.",
    "summary_none": "Новых сетевых предложений нет.",
    "summary_unmatched": "Остались без наставника: {count} ({names}).",
    "summary_made": "Сетевые пары внесены на лист «Пары» обеих школ: {count} ({names}).",
    "summary_closed": "Отклонено одной из школ и закрыто в обеих: {count}.",
    "summary_waiting": "Ждут решения второй школы: {count}.",
    "summary_changes": "Предложения: новых {new}, изменённых {changed}, снятых {dropped}, без изменений {unchanged}.",
    "summary_school_skipped": "Школа «{school}» пропущена: {reason}",
    "needs_upgrade": (
        "в рабочем пространстве нет столбцов {columns} — обновите его командой nastavnik "
        "upgrade-workspace (ночной запуск делает это сам), и школа войдёт в сетевой подбор"
    ),
    "summary_school_not_written": "Школа «{school}»: предложения не записаны ({reason}); повторится при следующем запуске.",
    "summary_not_transferred": "Сетевая пара {mentee} — {mentor} не внесена в «{school}»: {why}",
    # the order of a school names the other school's side of a network pair so (for a position)
    "other_school_post": "{school}, сетевая форма наставничества",
    "dry_run": "Пробный запуск: ничего не записано.",
    "done": "Готово. Кураторы обеих школ утверждают сетевое предложение на листе «Предложения» (статус «утверждено»).",
}
