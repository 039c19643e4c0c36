"""Issue 19 — the plan ticked off: the texts of «План мероприятий», the plan's progress on «Пары»
and in «Итоги мониторинга», and of `nastavnik programmes --refresh` (jobs/plan_progress.py,
jobs/plan_refresh.py)."""

PLAN_TEXTS = {
    # «Пары»: «Выполнение плана»
    "progress": "{done} из {due} ({percent}%)",
    "progress_none_due": "0 из 0: сроки мероприятий ещё не наступили",
    # bad input on «План мероприятий» (one «Сообщение» per row; the row's marks are kept)
    "bad_mark": (
        "Лист «{tab}», строка {row}, столбец «{column}»: отметка «{value}» не из списка — выберите "
        "«{choices}». Пока отметка не исправлена, мероприятие не считается выполненным."
    ),
    "bad_mark_date": (
        "Лист «{tab}», строка {row}, столбец «{column}»: «{value}» — не дата. Напишите дату отметки "
        "в виде ДД.ММ.ГГГГ."
    ),
    "future_mark_date": (
        "Лист «{tab}», строка {row}, столбец «{column}»: дата отметки {value} ещё не наступила. "
        "Исправьте дату; пока она в будущем, мероприятие не считается выполненным."
    ),
    "bad_due": (
        "Лист «{tab}», строка {row}, столбец «{column}»: «{value}» — не дата. Напишите срок в виде "
        "ДД.ММ.ГГГГ; пока срок не дата, мероприятие в подсчёт выполнения не входит."
    ),
    "unknown_pair": (
        "Лист «{tab}», строка {row}, столбец «{column}»: пары «{value}» нет на листе «{pairs}». "
        "Исправьте ID пары или удалите строку; пока строка в подсчёт не входит."
    ),
    "no_pair": (
        "Лист «{tab}», строка {row}, столбец «{column}»: не указан ID пары. Впишите ID пары с листа "
        "«{pairs}» или удалите строку."
    ),
    # the summary line of the step and of `monitor`
    "summary": "План мероприятий: пар с планом {pairs}, по плану {on_track}, отстают {behind}, план выполнен {complete}.",
    "messages": "План мероприятий: строк с ошибками {count} — см. столбец «Сообщение».",
    "tab_unreadable": "План мероприятий не прочитан ({reason}): выполнение планов не подсчитано.",
    # «Итоги мониторинга»
    "heading": "Выполнение планов мероприятий",
    "col_figure": "Показатель",
    "col_pairs": "Пар",
    "with_plan": "Пар с планом мероприятий",
    "on_track": "Идут по плану",
    "behind": "Отстают от плана (невыполнено больше {percent}% мероприятий со сроком)",
    "complete": "План выполнен полностью",
    "rows_due": "Мероприятий со сроком до сегодняшнего дня",
    "rows_done": "Из них выполнено",
    # `orders`: rows appended to «План мероприятий»
    "rows_added": "«План мероприятий»: добавлено строк {rows} (пар: {pairs}).",
    # `nastavnik programmes --refresh`
    "refresh_done": "Программа {pair}: таблица плана обновлена из листа «{tab}» ({rows} строк){changed}.",
    "refresh_unchanged": " — без изменений",
    "refresh_changed": "",
    "refresh_no_document": "Пара {pair}: на листе «Пары» нет ссылки на программу — сначала выполните «nastavnik orders».",
    "refresh_no_table": (
        "Программа {pair} ({link}): в документе не найдена таблица плана (заголовок «{header}»). "
        "Верните таблицу с этой строкой заголовков — остальной текст документа не меняется."
    ),
    "refresh_missing": "Программа {pair}: документ {link} не найден среди документов.",
    "refresh_unknown_pair": "Пары {pair} нет на листе «Пары» — проверьте ID.",
    "refresh_summary": "Программ обновлено: {refreshed}, без изменений: {unchanged}, не обновлено: {failed}.",
}
