"""The municipality (issue 20): the municipal configuration (``municipal.toml``), the municipal
night over every school (`nastavnik municipal nightly`), its «Журнал» and its summary."""

MUNICIPAL: dict[str, str] = {
    # --- the municipal configuration (jobs/municipal/config.py) -----------------------------------
    "not_found": (
        "Не найден файл муниципальных настроек {path}. Укажите его: nastavnik municipal nightly "
        "--config ПУТЬ; образец с пояснениями — municipal.example.toml в репозитории"
    ),
    "no_schools": (
        "{path}: не указано ни одной школы — добавьте для каждой школы раздел [[school]] с ключами "
        "key (краткий код, например \"sosh-1\") и config (путь к nastavnik.toml школы)"
    ),
    "schools_not_tables": (
        "{path}: «school» должен быть списком разделов [[school]] (по одному на школу), а указано "
        "{value}"
    ),
    "school_entry": "[[school]] № {number}",
    "school_entry_key": "[[school]] «{key}»",
    "school_missing": "{path}: {entry}: не задан обязательный ключ «{key}» — {help}",
    "school_unknown_key": (
        "{path}: {entry}: неизвестный ключ «{key}». Допустимые ключи раздела [[school]]: {allowed}"
    ),
    "school_wrong_type": "{path}: {entry}: «{key}» должен быть строкой в кавычках, а указано {value}",
    "school_key_format": (
        "{path}: {entry}: key = {value!r} — допустимы латинские буквы, цифры, «-» и «_» (не длиннее "
        "40 знаков), например \"sosh-1\": по этому коду школа названа в «Журнале» муниципалитета"
    ),
    "duplicate_key": (
        "{path}: код школы «{key}» указан дважды ({first} и {second}) — у каждой школы свой key"
    ),
    "duplicate_config": (
        "{path}: {first} и {second} указывают один файл настроек {config} — у каждой школы свой "
        "nastavnik.toml (и своё рабочее пространство)"
    ),
    "duplicate_workspace": (
        "{path}: у {first} и {second} одно рабочее пространство {where} — две школы не могут "
        "вести один банк; укажите в nastavnik.toml каждой школы её собственную папку ([local] workspace)"
    ),
    "duplicate_spreadsheet": (
        "{path}: у {first} и {second} одна таблица Google {where} — две школы не могут вести один "
        "банк; укажите в nastavnik.toml каждой школы ID её собственной таблицы ([google] spreadsheet_id)"
    ),
    "google_per_school": (
        "{path}: «google.{key}» у каждой школы свой — укажите его в nastavnik.toml школы, а не в "
        "общем разделе [google] (там только вход в Google: {allowed})"
    ),
    "school_config_missing": (
        "{path}: {entry}: не найден файл настроек школы {config} — проверьте путь в ключе config "
        "(относительный путь считается от папки {path}) или создайте рабочее пространство школы: "
        "nastavnik --config {config} init ПАПКА"
    ),
    "school_config_bad": "{path}: {entry}: настройки школы не прочитаны — {reason}",
    "school_config_unreadable": (
        "{path}: {entry}: файл настроек школы {config} нельзя открыть ({reason}) — дайте пользователю, "
        "от имени которого идёт запуск, право читать его"
    ),
    "parallel_help": (
        "сколько школ с локальным рабочим пространством обрабатывать одновременно (отдельными "
        "процессами); школы в Google — всегда по очереди, с одним ограничением запросов на всех"
    ),
    "name_help": "название муниципалитета (методического центра), например «Управление образования г. Энска»",
    "place_help": "место, например «г. Энск»; пусто — не указывать",
    "state_dir_help": (
        "папка состояния муниципального запуска: его «Журнал» (municipal-journal.csv) и "
        "last-run.json; пусто — папка файла настроек (относительно файла настроек)"
    ),
    "min_answers_help": (
        "из скольких ответов анкеты мониторинга — не меньше — муниципальный отчёт показывает "
        "среднюю оценку школы (не меньше 3)"
    ),
    "school_key_help": "краткий код школы, например \"sosh-1\"",
    "school_config_help": "путь к nastavnik.toml школы (относительно municipal.toml)",
    "school_name_help": "название школы в отчётах; пусто — [school] name её настроек",
    # --- the municipal night (jobs/municipal/run.py, jobs/cli/cmd_municipal.py) -------------------
    "school_header": "=== {name} ({key}) ===",
    "summary_title": "Ночной запуск муниципалитета «{name}»: школ {count}, выполнено {ok}, с ошибками {failed}.",
    "summary_total": (
        "Всего запросов к Sheets: {requests}; ожидание из-за ограничения {per_minute} запросов в "
        "минуту: {waited} с. «Журнал» муниципалитета: {journal}"
    ),
    "journal_failed": (
        "«Журнал» муниципалитета не записан в {path}: {reason} — проверьте [municipality] state_dir "
        "и права на эту папку"
    ),
    "network_missing": "Сетевое наставничество: шаг ещё не подключён в этой версии — пропущен.",
    "network_done": "Сетевое наставничество: {outcome}.",
    "school_crashed": "непредвиденный сбой ({error}); остальные школы обработаны",
    "school_terminated": "муниципальный запуск прерван сигналом завершения (timeout или остановка службы) "
                         "раньше, чем стал известен итог этой школы; её собственный итог — в её «Журнале» "
                         "и last-run.json, а не начатую ночь сделает следующий запуск",
}

#: The municipal «Журнал» (municipal-journal.csv in [municipality] state_dir): a row a school a run.
MUNICIPAL_JOURNAL_HEADERS = (
    "Школа", "Код школы", "Начало", "Окончание", "Итог", "Код выхода", "Причина", "Запросов к Sheets",
)
#: The summary table on stdout after the municipal night.
MUNICIPAL_SUMMARY_HEADERS = ("Школа", "Итог", "Код", "Секунд", "Запросов", "Причина")
