"""Upgrading a workspace made by an older version (`nastavnik upgrade-workspace`)."""

UPGRADE = {
    "tab_added": "Добавлен лист «{tab}» (заголовки и {rows} строк по умолчанию)",
    "tab_added_empty": "Добавлен лист «{tab}» (заголовки)",
    "column_added": "Лист «{tab}»: добавлен столбец «{column}» (столбец {letter}, после последнего заполненного)",
    "list_values_added": "Список «{list}» (лист «{tab}»): добавлены значения {values}",
    "dropdowns_grown": "Выпадающие списки «{list}» охватывают новые значения",
    "header_not_found": (
        "Лист «{tab}» не обновлён: не найдена строка заголовков (см. nastavnik doctor); "
        "верните заголовки и запустите nastavnik upgrade-workspace снова"
    ),
    "done": "Рабочее пространство обновлено до версии {version}: {count} изменений, данные сотрудников не тронуты.",
    "nothing": "Рабочее пространство уже соответствует версии {version}: обновлять нечего.",
    "dry_run": "Пробный запуск (--dry-run): ничего не изменено. Команда nastavnik upgrade-workspace сделает:",
    "dry_run_nothing": "Пробный запуск (--dry-run): обновлять нечего.",
    "config_version": "Файл настроек {path}: записана версия nastavnik {version}",
    "needed_title": "Листы, столбцы, списки и шаблоны версии nastavnik {version}",
    "needed_detail": (
        "не хватает: {what}. Добавит nastavnik upgrade-workspace (или doctor --fix; ночной запуск "
        "добавляет это сам в начале), данные сотрудников не меняются"
    ),
    "needed_fix": "nastavnik upgrade-workspace (добавит недостающее, не меняя данных сотрудников; --dry-run — только показать)",
    "needed_more": "и ещё {count}",
    "templates_title": "шаблон «{name}»",
    "template_missing": "Шаблон «{name}»: будет положен шаблон по умолчанию",
    "tab_added_would": "Будет добавлен лист «{tab}» (заголовки и {rows} строк по умолчанию)",
    "tab_added_empty_would": "Будет добавлен лист «{tab}» (заголовки)",
    "column_added_would": "Лист «{tab}»: будет добавлен столбец «{column}» (столбец {letter}, после последнего заполненного)",
    "list_values_added_would": "Список «{list}» (лист «{tab}»): будут добавлены значения {values}",
    "column_missing": "Лист «{tab}»: нет столбца «{column}» — его добавила новая версия nastavnik; добавит nastavnik upgrade-workspace (после последнего заполненного столбца, ничего не сдвигая).",
    "questionnaire_missing": "Не готово: {check} — анкеты будут созданы или исправлены (в Google — как это делает nastavnik init --google, в папке forms/ — описания анкет)",
    "config_version_failed": (
        "не удалось записать версию nastavnik в файл настроек {path} ({reason}); рабочее "
        "пространство обновлено, настройки работают и без этой записи"
    ),
    # Issue 15 — upgrades: the doctor no longer says "copy the tab from a new workspace"
    "tab_missing": (
        "Нет листа «{tab}». Его добавит nastavnik upgrade-workspace — с заголовками и строками по "
        "умолчанию, не меняя других листов (копировать лист вручную не нужно)."
    ),
}
