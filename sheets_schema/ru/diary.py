"""The meetings diary «Дневник встреч» (`jobs.diary`) and the «Методическая копилка» (`jobs.kopilka`)."""

# A diary row's problem: the text written into its «Сообщение» cell (column, value, what is
# wrong, how to fix it); the output line puts «лист, строка» before it (`row_line`).
DIARY = {
    "ok": "OK",
    "no_pair": "«{column}»: не указан ID пары. Впишите ID пары так, как он записан на листе «{pairs}».",
    "unknown_pair": "«{column}»: пары «{value}» нет на листе «{pairs}». Впишите ID пары так, как он записан "
                    "на листе «{pairs}».",
    "no_date": "«{column}»: не указана дата встречи. Впишите дату в виде ДД.ММ.ГГГГ, например 15.10.2026.",
    "bad_date": "«{column}»: «{value}» — не дата. Впишите дату в виде ДД.ММ.ГГГГ, например 15.10.2026.",
    "future_date": "«{column}»: дата {value} ещё не наступила. Записывайте встречу, когда она прошла.",
    "before_start": "«{column}»: встреча {value} раньше начала пары ({start}). Проверьте дату встречи и ID пары.",
    "after_end": "«{column}»: встреча {value} позже окончания пары ({end}). Проверьте дату встречи и ID пары.",
    "bad_format": "«{column}»: «{value}» нет в списке. Выберите из списка: {choices}.",
    "row_line": "Лист «{tab}», строка {row}: {message}",
    "missing_tab": "Лист «{tab}» не прочитан — встречи пар не посчитаны ({reason}). Добавьте лист командой "
                   "nastavnik upgrade-workspace или верните заголовки.",
    "summary": "Дневник встреч: записано встреч {meetings} у {pairs} пар; пар без встреч {weeks} нед. и дольше: "
               "{stale}; строк с ошибкой: {errors}.",
    # the block of «Итоги мониторинга»
    "heading": "Встречи пар по дневнику встреч (без встреч {weeks} нед. и дольше — отметка)",
    "col_pair": "ID пары",
    "col_meetings": "Встреч",
    "col_last": "Последняя встреча",
    "col_flag": "Отметка",
    "flag_stale": "нет встреч {weeks} нед. и дольше",
    "flag_never": "встреч не записано",
}

# The «Методическая копилка» on the public page and in the report.
KOPILKA = {
    "heading": "Методическая копилка: лучшие практики наставничества",
    "col_title": "Практика",
    "col_authors": "Авторы",
    "col_stage": "Этап / мероприятие",
    "col_materials": "Материалы",
    "materials_link": "материалы",
    "no_link": "—",
    "no_authors": "—",
    "none": "Практики в копилку пока не добавлены.",
    "withheld": "Практик не опубликовано: {count} (лист «{tab}», строки {rows}): название называет человека "
                "без согласия на публикацию ФИО или помечено «не публиковать». Перепишите название без ФИО.",
    "names_hidden": "Практик без ФИО авторов: {count} (лист «{tab}», строки {rows}): нет «да» в «{column}» "
                    "или у автора нет строки в банке с согласием на обработку ПДн.",
    "link_dropped": "Ссылок на материалы не опубликовано: {count} (лист «{tab}», строки {rows}): ссылка не "
                    "начинается с http:// или https:// или называет человека.",
}

# Tabs and headers (merged into `ru.TABS`/`ru.HEADERS` by `sheets_schema.ru.workspace`).
TABS = {
    "diary": "Дневник встреч",
    "practices": "Методическая копилка",
}
HEADERS = {
    "meeting_date": "Дата встречи",
    "meeting_topic": "Тема встречи",
    "meeting_format": "Формат встречи",
    "meeting_minutes": "Протокол / заметки",
    "recorded_by": "Кто записал",
    "practice": "Практика (название)",
    "practice_authors": "Авторы (ФИО или e-mail)",
    "practice_stage": "Этап / мероприятие",
    "practice_materials": "Материалы (ссылка)",
    "practice_name_consent": "Согласие на публикацию ФИО (ст. 10.1 152-ФЗ)",
    "practice_date": "Дата",
}
LIST_TITLES = {"meeting_formats": "Форматы встреч"}

# Stage 6 of «Дорожная карта»: what «Подтверждение» of a conference or round table records
# (`jobs.roadmap_marks`: the date held, the participants, the materials).
STAGE6 = {
    "held": "проведено {date}",
    "participants": "участников {count}",
    "materials": "материалы по ссылке",
    "done_details": "подтверждение внесено ({details})",
    "scheduled": "назначено на {date}: «выполнено» — когда дата пройдёт",
}
