"""The run lease that keeps two runs off one Google spreadsheet."""

LEASE = {
    "tab": "Блокировка (служебный)",
    "holder": "Кто держит",
    "started": "Начало",
    "expires": "Действует до",
    "held": (
        "Уже идёт другой запуск ({holder}, начат {started}). Дождитесь его окончания; если тот "
        "запуск прервался, блокировка снимется сама в {expires} (лист «{tab}»)."
    ),
    "protected": "Служебный лист nastavnik: кто сейчас выполняет ночной запуск. Не редактируйте.",
}
