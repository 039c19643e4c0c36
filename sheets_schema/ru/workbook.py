"""The workbook and its tabs as read and written: missing tabs and columns, header rows staff moved, locks, damaged or changed files."""

TEXT = {
    "missing_tab": "Нет листа «{tab}». Восстановите лист с этим названием (можно скопировать из нового рабочего пространства: nastavnik init).",
    "missing_column": "Лист «{tab}»: нет обязательного столбца «{column}». Верните заголовок «{column}» в первую строку листа (порядок столбцов не важен).",
    "duplicate_header": "Лист «{tab}»: столбец «{column}» встречается дважды (столбцы {letters}). Оставьте один столбец с этим заголовком.",
    "tab_skipped_cross_check": "Проверка повторов между листами пропущена: лист «{tab}» не прочитан.",
    "row_changed": "Лист «{tab}»: {count} строк(и) изменились во время проверки; их статус будет записан при следующем запуске.",
    "locked": "Файл {path} открыт в Excel или LibreOffice (найден файл блокировки {lock}). Закройте файл и запустите команду снова; файл не изменён.",
    "workbook_missing": "Нет файла рабочего пространства {path}. Создайте его командой: nastavnik init {dir}",
    "workbook_unwritable": "Не удалось записать {path}: {reason}. Проверьте права на папку и свободное место; файл не изменён.",
    "workspace_exists": "В папке {path} уже есть рабочее пространство ({what}). Выберите пустую папку: nastavnik init не перезаписывает данные.",
    # --- issue 13: reading what staff make of a tab (title rows, comment rows, formulas) ---------
    "header_found_below": "Лист «{tab}»: строка заголовков найдена в строке {row}; {above}.",
    "header_above_one": "строка 1 над ней не читается",
    "header_above_many": "строки 1–{last} над ней не читаются",
    "header_rows_one": "в строке 1",
    "header_rows_many": "в строках 1–{last}",
    "header_not_found": "Лист «{tab}»: не найдена строка заголовков ({rows} нет ни одного из столбцов {missing}). Верните строку заголовков (порядок столбцов не важен; образец — лист нового рабочего пространства: nastavnik init).",
    "missing_column_in_row": "Лист «{tab}»: нет обязательного столбца «{column}». Верните заголовок «{column}» в строку {row} листа, к остальным заголовкам (порядок столбцов не важен).",
    "header_not_found_nearest": "Лист «{tab}»: не найдена строка заголовков ({rows}); ближе всего строка {row}, но в ней нет столбцов {missing}. Верните эти заголовки в строку {row} (порядок столбцов не важен).",
    # --- issue 13: the workbook's writer (cell patches, crash leftovers) ------------------------------
    "temp_removed": "Удалён временный файл прерванной записи книги: {name} (папка {dir}); книга не пострадала.",
    "workbook_changed_meanwhile": "Файл {path} изменили (сохранили в Excel или другой программе), пока задание готовило запись: ничего не записано, чтобы «Статус» и другие ячейки не попали в чужие строки. Запустите команду снова.",
    "unsafe_symlink": "{path} — символическая ссылка: nastavnik не пишет по ссылкам, чтобы запись не попала в чужой файл. Удалите ссылку (на её месте программа создаст обычный файл) и запустите команду снова.",
    "workbook_corrupt": (
        "Файл {path} повреждён или не является книгой Excel (.xlsx): {reason}. Восстановите его из "
        "резервной копии: nastavnik restore покажет копии, nastavnik restore --latest вернёт последнюю; "
        "или создайте рабочее пространство заново командой nastavnik init."
    ),
    "workbook_sheet_broken": (
        "Книга {path}: лист «{tab}» повреждён — его XML ({part}) не читается: {reason}. Восстановите "
        "книгу из резервной копии (nastavnik restore покажет копии, nastavnik restore ДАТА вернёт "
        "копию этого дня) или откройте и пересохраните книгу в Excel или LibreOffice."
    ),
}
