"""Backups of the workbook and `nastavnik restore`."""

TEXT = {
    "backup_failed": (
        "Запуск остановлен до записи: не удалось сделать резервную копию книги {path} в папке {folder}. "
        "{reason}"
    ),
    "backup_taken": "Резервная копия книги {path}: {backup}",
    "backup_removed": "Удалена резервная копия старше {days} дн.: {backup}",
    "backup_not_workbook": "не открывается как книга Excel (.xlsx): {reason}",
    "backup_sheet_broken": "лист «{tab}» повреждён — его XML ({part}) не читается: {reason}",
    "backup_tabs_missing": "в книге нет листов {tabs}",
    "restore_header": "Резервные копии книги {path} (папка {folder}; копия делается в начале каждого запуска, который пишет, и хранится {days} дн.), новые сверху:",
    "restore_header_off": "Резервные копии книги {path} (папка {folder}; новые копии не делаются: [files] backup_days = 0), новые сверху:",
    "restore_line": "  {when}  {size:>9}  {state}  →  {command}",
    "restore_opens": "открывается",
    "restore_broken": "НЕ открывается: {reason}",
    "restore_old": "старая копия {name}",
    "restore_how": (
        "Восстановить: {prefix} ДАТА (ГГГГ-ММ-ДД — последняя копия этого дня, или метка из списка) "
        "либо {prefix} --latest. Текущая книга перед этим сама сохраняется как новая копия."
    ),
    "restore_none": (
        "Резервных копий книги {path} нет (папка {folder}). Копия делается в начале каждого "
        "запуска, который пишет (nightly, validate, ingest…); сколько дней хранить — [files] backup_days."
    ),
    "restore_not_found": "Копии «{choice}» нет. Есть такие копии:\n{available}",
    "restore_nothing_to_choose": "Копии «{choice}» нет: резервных копий книги {path} нет вовсе (папка {folder}).",
    "restore_bad_choice": (
        "«{choice}» — не дата и не копия из списка. Укажите дату ГГГГ-ММ-ДД (например {example}), "
        "метку копии из списка nastavnik restore или --latest."
    ),
    "restore_both": "Укажите либо ДАТУ, либо --latest, не то и другое вместе.",
    "restore_refused_broken": (
        "Копия {backup} не восстановлена: она {reason}. Книга {path} не изменена. Выберите другую "
        "копию из списка nastavnik restore."
    ),
    "restore_google": (
        "На Google резервные копии nastavnik не делает: Google Таблицы сами хранят историю версий. "
        "Чтобы вернуть таблицу к прежнему состоянию, откройте её ({url}), выберите Файл → История "
        "версий → Смотреть историю версий, найдите нужную версию и нажмите «Восстановить эту версию»."
    ),
    "restore_done": "Книга {path} восстановлена из копии {backup} ({when}).",
    "restore_saved": "Книга до восстановления сохранена как копия {saved}; вернуть её: {prefix} {stamp}",
    "restore_journal": "Восстановлена из копии {backup} ({when}); книга до восстановления — копия {saved}.",
    "restore_journal_failed": "Внимание: строка «Журнала» о восстановлении не записана: {reason}",
}
