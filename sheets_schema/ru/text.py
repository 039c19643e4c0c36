"""Structure, workspace and run messages (stderr, «Журнал», CLI summaries) shared by several commands."""

# --- Structure, workspace and run messages (stderr, «Журнал», CLI summaries) ---------------
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
    "outcome_ok": "выполнено",
    "outcome_structure": "ошибка структуры",
    "outcome_failed": "сбой",
    "outcome_rows": "выполнено, есть ошибки в строках",
    "validate_summary": "Лист «{tab}»: строк {total}; OK {ok}; ошибок {error}; нет согласия {no_consent}; изменено ячеек {changed}.",
    "validate_done": "Проверка завершена. Статусы записаны в столбцы «Статус» и «Сообщение».",
    "demo_created": "Создано демонстрационное рабочее пространство: {path}",
    "demo_where": "Откройте {workbook}: статусы проверки — в столбцах «Статус» и «Сообщение» листов «Наставляемые» и «Наставники»; предложенные пары с обоснованием — на листе «Предложения» (утвердите пару, выбрав «утверждено», и запустите nastavnik match); дорожная карта — «Дорожная карта»; журнал запусков — «Журнал».",
    "init_done": "Рабочее пространство создано: {path}\nНастройки: {config}\nДальше: nastavnik --config {config} validate",
    "init_needs_dir": "Укажите папку для нового рабочего пространства: nastavnik init ПАПКА (или nastavnik --config ФАЙЛ init --google для таблицы Google).",
    "init_google_created": "Таблица Google создана: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_google_found": "Таблица Google уже есть, добавлены недостающие листы {tabs}: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_google_found_complete": "Таблица Google уже есть, все листы на месте: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_sample": "Добавлено условных сотрудников: {count} (наставников {mentors}, наставляемых {mentees}); намеренных ошибок в данных: {errors}.",
    "nightly_step": "Шаг «{job}»: {outcome}.",
    "run_in_progress": "Уже идёт другой запуск ({holder}). Дождитесь его окончания; если процесса уже нет, "
    "блокировка снимется сама (файл {path}).",
    "step_crashed": "шаг прерван внутренней ошибкой ({error}); остальные шаги выполнены, подробности — в журнале запуска",
    "dry_run_header": "Пробный запуск (--dry-run): ничего не записано и не создано.",
    "dry_run_cells": "Лист «{tab}»: изменилось бы ячеек: {count}.",
    "dry_run_nothing": "Изменений не было бы.",
    "init_google_folder": "Папка Google Диска «{name}» (программа создала её сама или нашла созданную ранее): {url}\nЕё ID записан в {config} ([google] folder_id). Папку можно переименовать, переместить и открыть коллегам — доступ у программы останется.",
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
    "person_row": "строка {row} листа «{tab}»",
    "person_pair": "участник пары {pair}",
    "person_masked": "[ФИО скрыто]",
    "person_response_row": "автор ответа в строке {row} выгрузки анкеты",
    "person_response": "автор ответа анкеты",
    "email_masked": "[e-mail скрыт]",
    # A tab's sheet part that is not well-formed XML (sync.local.workbook), and the 152-ФЗ warning of
    # doctor on the Google backend (jobs.doctor).
    # Issue 15 — failures visible from outside: last-run.json, postponed «Журнал» rows, JSON logs
    # (jobs/run_record.py, jobs/cli_run.py)
    "outcome_config": "ошибка настроек",
    "outcome_refused": "не выполнен: рабочее пространство занято или недоступно",
    "outcome_crashed": "непредвиденный сбой",
    "journal_postponed_id": "отложенная запись {id}",
    "journal_postponed_note": (
        "Строка записана позже, {written}: во время запуска «Журнал» нельзя было записать{reason}; "
        "{marker}."
    ),
    "journal_flushed": "В «Журнал» записаны строки прошлых запусков, ждавшие записи: {count}.",
    "journal_flush_failed": (
        "Строки «Журнала» прошлых запусков ({count}) пока не записаны: {reason}. Они сохранены в "
        "папке состояния и будут записаны при следующем запуске."
    ),
    "journal_postpone_failed": (
        "Строку «Журнала» не удалось ни записать, ни сохранить до следующего запуска в {path}: "
        "{reason}"
    ),
    "last_run_failed": (
        "Итог запуска не записан в {path}: {reason} Без этого файла мониторинг сервера не видит, "
        "как прошёл запуск; папку состояния задаёт [files] state_dir файла настроек."
    ),
    "run_crashed": (
        "Непредвиденный сбой команды {command}: {error}. Записанное раньше не изменено; команда, "
        "которая пишет, отметила сбой в last-run.json и «Журнале». Сообщите о сбое разработчикам, "
        "приложив журнал (stderr) с текстом ниже."
    ),
    "run_summary": "Команда {command}: {outcome}, код выхода {exit_code}, {duration} с.",
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
    # Issue 15 — a run stopped by SIGTERM (timeout, systemd) still leaves its record (jobs/cli_run.py)
    "outcome_terminated": "прерван сигналом завершения (timeout или остановка службы)",
    "run_terminated": (
        "Команда {command} прервана сигналом завершения (SIGTERM: истёк timeout или служба "
        "остановлена). Уже записанное сохранено целиком; следующий запуск продолжит работу. Если "
        "запуск не успевает, увеличьте timeout в строке cron или TimeoutStartSec= в юните."
    ),
}
