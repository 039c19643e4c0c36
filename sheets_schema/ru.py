"""Everything a school employee reads, in Russian, in one place.

Tab titles, column headers, choice lists, statuses and message templates live here so the
product can be translated by replacing this one module. Code refers to these texts by their
English keys only.
"""

# --- Tabs -----------------------------------------------------------------------------------
TABS = {
    "mentees": "Наставляемые",
    "mentors": "Наставники",
    "proposals": "Предложения",
    "pairs": "Пары",
    "roadmap": "Дорожная карта",
    "monitoring": "Мониторинг",
    "log": "Журнал",
    "lists": "Списки",
}

# --- Column headers (one header per column key, shared by every tab that has the column) ------
HEADERS = {
    # people
    "full_name": "ФИО",
    "email": "E-mail",
    "position": "Должность",
    "subject": "Предмет",
    "levels": "Уровень образования",
    "years": "Педагогический стаж, лет",
    "category": "Квалификационная категория",
    "young": "Возраст до 35 лет",
    "difficulties": "Профессиональные затруднения",
    "other_difficulty": "Другое затруднение",
    "competences": "Компетенции",
    "preferred_form": "Предпочитаемая форма наставничества",
    "preferred_forms": "Формы наставничества",
    "preferred_mentor": "Желаемый наставник",
    "timetable": "Удобные дни для встреч",
    "capacity": "Максимум наставляемых",
    "trained": "Обучение наставников пройдено",
    "motivation": "Мотивация",
    "past_mentoring": "Опыт наставничества",
    "pd_consent": "Согласие на обработку ПДн (дата)",
    "duty_consent": "Письменное согласие на наставничество (дата)",
    "notes": "Примечание",
    "status": "Статус",
    "message": "Сообщение",
    # proposals and pairs
    "mentee_email": "Наставляемый (e-mail)",
    "mentee_name": "ФИО наставляемого",
    "mentor_email": "Наставник (e-mail)",
    "mentor_name": "ФИО наставника",
    "group": "Группа",
    "score": "Баллы",
    "reasons": "Обоснование",
    "alternatives": "Другие варианты",
    "coordinator_comment": "Комментарий куратора",
    "updated": "Обновлено",
    "pair_id": "ID пары",
    "mentee_emails": "Наставляемые (e-mail)",
    "mentee_names": "ФИО наставляемых",
    "form": "Форма наставничества",
    "start": "Начало",
    "end": "Окончание",
    "order": "Приказ",
    "programme": "Программа (ППН)",
    # roadmap
    "stage_no": "№ этапа",
    "stage": "Этап",
    "event": "Мероприятие",
    "owner": "Ответственный",
    "due": "Срок",
    "evidence": "Подтверждение (ссылка)",
    # monitoring
    "submitted": "Отметка времени",
    "role": "Роль",
    "comfort": "Комфорт общения (1–10)",
    "usefulness": "Полезность встреч (1–10)",
    "clarity": "Ясность ожиданий (1–10)",
    "expectations": "Ожидания и результат (1–10)",
    "satisfaction": "Общая удовлетворённость (1–10)",
    "continue_wish": "Желание продолжить (1–10)",
    "difficulties_closed": "Закрытые затруднения",
    # run log
    "started": "Начало",
    "finished": "Окончание",
    "job": "Задание",
    "outcome": "Итог",
    "rows_total": "Строк проверено",
    "rows_ok": "OK",
    "rows_error": "Ошибка",
    "rows_no_consent": "Нет согласия",
    "details": "Подробности",
    # lists tab
    "list_name": "Список",
}

# --- Choice lists: the ONE source for dropdowns, validation and questionnaires ---------------
# Items never contain a comma: Google Forms joins checkbox answers with ", ".
DIFFICULTIES = [
    "рабочие программы и ФГОС/ФОП",
    "современный урок",
    "оценивание образовательных результатов",
    "дисциплина и классное руководство",
    "работа с родителями",
    "обучающиеся с ОВЗ / инклюзия",
    "ИКТ и цифровая образовательная среда",
    "подготовка к ОГЭ/ЕГЭ и олимпиадам",
    "аттестация",
    "документация",
    "профессиональное выгорание",
]

SUBJECTS = [
    "начальные классы",
    "русский язык и литература",
    "математика",
    "информатика",
    "физика",
    "химия",
    "биология",
    "география",
    "история и обществознание",
    "английский язык",
    "немецкий язык",
    "физическая культура",
    "ОБЗР",
    "музыка",
    "изобразительное искусство",
    "труд (технология)",
    "педагог-психолог",
    "социальный педагог",
    "педагог дополнительного образования",
]

LEVELS = ["начальное общее", "основное общее", "среднее общее"]

CATEGORIES = [
    "без категории",
    "соответствие занимаемой должности",
    "первая",
    "высшая",
    "педагог-методист",
    "педагог-наставник",
]

FORMS = [
    "традиционная (один на один)",
    "групповая",
    "виртуальная",
    "реверсивная",
    "ситуационная",
    "скоростная (флэш)",
]

DAYS = ["пн", "вт", "ср", "чт", "пт", "сб"]

YES_NO = ["да", "нет"]
YES = {"да", "д", "yes", "y", "true", "истина", "1", "+", "✓", "✔"}
NO = {"нет", "н", "no", "n", "false", "ложь", "0", "-"}

ROLES = ["наставник", "наставляемый"]

PROPOSAL_STATUSES = ["предложено", "утверждено", "отклонено", "нет пары"]
PAIR_STATUSES = ["утверждена", "закреплена приказом", "завершена", "прекращена"]
ROADMAP_STATUSES = ["запланировано", "в работе", "выполнено", "просрочено"]

LISTS = {
    "difficulties": DIFFICULTIES,
    "subjects": SUBJECTS,
    "levels": LEVELS,
    "categories": CATEGORIES,
    "forms": FORMS,
    "days": DAYS,
    "yes_no": YES_NO,
    "roles": ROLES,
    "proposal_statuses": PROPOSAL_STATUSES,
    "pair_statuses": PAIR_STATUSES,
    "roadmap_statuses": ROADMAP_STATUSES,
}

# Common abbreviations staff type, used only to suggest the right list value in a message.
ALIASES = {
    "физра": "физическая культура",
    "физкультура": "физическая культура",
    "физ-ра": "физическая культура",
    "матем": "математика",
    "мат": "математика",
    "англ": "английский язык",
    "англ. яз": "английский язык",
    "нем": "немецкий язык",
    "рус": "русский язык и литература",
    "рус. яз": "русский язык и литература",
    "русский язык": "русский язык и литература",
    "литература": "русский язык и литература",
    "история": "история и обществознание",
    "обществознание": "история и обществознание",
    "изо": "изобразительное искусство",
    "технология": "труд (технология)",
    "труд": "труд (технология)",
    "обж": "ОБЗР",
    "нач. классы": "начальные классы",
    "начальная школа": "начальные классы",
    "психолог": "педагог-психолог",
}

# --- Row statuses written by `validate` -----------------------------------------------------
STATUS_OK = "OK"
STATUS_ERROR = "Ошибка"
STATUS_NO_CONSENT = "Нет согласия"
ROW_STATUSES = [STATUS_OK, STATUS_ERROR, STATUS_NO_CONSENT]

# --- Row-level messages: "<column>: "<value>" — <what is wrong>; <how to fix>" ---------------
MESSAGES = {
    "empty": "{column}: не заполнено; {fix}",
    "not_number": '{column}: "{value}" — не число; {fix}',
    "not_integer": '{column}: "{value}" — не целое число; {fix}',
    "out_of_range": '{column}: "{value}" — вне допустимого диапазона {low}–{high}; {fix}',
    "bad_email": '{column}: "{value}" — неверный адрес электронной почты; {fix}',
    "email_spaces": '{column}: "{value}" — пробел внутри адреса; уберите пробелы, например ivanova@school.ru',
    "email_invisible": '{column}: "{value}" — в адресе есть невидимый символ (бывает при копировании с сайта); сотрите адрес и наберите его заново',
    "email_several": '{column}: "{value}" — несколько адресов в одной ячейке; оставьте один адрес этого человека',
    "not_date": '{column}: "{value}" — не дата; укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2025',
    "no_such_date": '{column}: "{value}" — такой даты нет в календаре; проверьте день и месяц',
    "date_in_future": '{column}: "{value}" — дата ещё не наступила; укажите дату, когда согласие подписано',
    "date_too_old": '{column}: "{value}" — слишком ранняя дата; проверьте год',
    "not_in_list": '{column}: "{value}" — нет в списке; {fix}',
    "not_yes_no": '{column}: "{value}" — ожидается «да» или «нет»; выберите значение из списка',
    "formula": '{column}: "{value}" — похоже на формулу; введите значение текстом, без знака «{first}» в начале',
    "name_digits": '{column}: "{value}" — в ФИО есть цифры или знаки; укажите фамилию, имя и отчество буквами',
    "name_short": '{column}: "{value}" — нужно хотя бы фамилия и имя; например Иванова Мария Петровна',
    "mixed_script": '{column}: "{value}" — смешаны русские и латинские буквы (латинские: {letters}); перепечатайте ФИО русскими буквами',
    "too_long": "{column}: значение длиннее {limit} символов ({length}); сократите текст",
    "duplicate_in_bank": '{column}: "{value}" — повторяется в строках {rows}; у каждого человека должна быть одна строка, удалите или объедините повторы',
    "in_both_banks": '{column}: "{value}" — этот человек есть и на листе «{other_tab}» (строка {row}); оставьте его только на одном листе',
    "no_pd_consent": "Нет согласия на обработку персональных данных: внесите дату согласия в столбец «{column}»",
    "no_duty_consent": "Нет письменного согласия на наставническую деятельность: внесите дату согласия в столбец «{column}»",
    "suggest": "возможно, «{choice}»",
}

FIXES = {
    "years": "укажите число лет, например 20",
    "capacity": "укажите число от {low} до {high}, например {example}",
    "email": "укажите адрес вида ivanova@school.ru",
    "choice": "выберите значение из выпадающего списка",
    "multichoice": "выберите значение из выпадающего списка столбца (несколько значений — через запятую)",
    "required": "это обязательное поле",
}

# --- Structure, workspace and run messages (stderr, «Журнал», CLI summaries) ---------------
TEXT = {
    "missing_tab": "Нет листа «{tab}». Восстановите лист с этим названием (можно скопировать из нового рабочего пространства: nastavnik init).",
    "missing_column": "Лист «{tab}»: нет обязательного столбца «{column}». Верните заголовок «{column}» в первую строку листа (порядок столбцов не важен).",
    "duplicate_header": "Лист «{tab}»: столбец «{column}» встречается дважды (столбцы {letters}). Оставьте один столбец с этим заголовком.",
    "tab_skipped_cross_check": "Проверка повторов между листами пропущена: лист «{tab}» не прочитан.",
    "row_changed": "Лист «{tab}»: {count} строк(и) изменились во время проверки; их статус будет записан при следующем запуске.",
    "locked": "Файл {path} открыт в Excel или LibreOffice (найден файл блокировки {lock}). Закройте файл и запустите команду снова; файл не изменён.",
    "workbook_missing": "Нет файла рабочего пространства {path}. Создайте его командой: nastavnik init {dir}",
    "workbook_corrupt": "Файл {path} повреждён или не является книгой Excel (.xlsx): {reason}. Восстановите его из резервной копии {backup} или создайте заново командой nastavnik init.",
    "workbook_unwritable": "Не удалось записать {path}: {reason}. Проверьте права на папку и свободное место; файл не изменён.",
    "workspace_exists": "В папке {path} уже есть рабочее пространство ({what}). Выберите пустую папку: nastavnik init не перезаписывает данные.",
    "outcome_ok": "выполнено",
    "outcome_structure": "ошибка структуры",
    "outcome_failed": "сбой",
    "outcome_rows": "выполнено, есть ошибки в строках",
    "validate_summary": "Лист «{tab}»: строк {total}; OK {ok}; ошибок {error}; нет согласия {no_consent}; изменено ячеек {changed}.",
    "validate_done": "Проверка завершена. Статусы записаны в столбцы «Статус» и «Сообщение».",
    "demo_created": "Создано демонстрационное рабочее пространство: {path}",
    "demo_where": "Откройте {workbook}: статусы проверки — в столбцах «Статус» и «Сообщение» листов «Наставляемые» и «Наставники», журнал запусков — на листе «Журнал».",
    "init_done": "Рабочее пространство создано: {path}\nНастройки: {config}\nДальше: nastavnik --config {config} validate",
    "init_sample": "Добавлено условных сотрудников: {count} (наставников {mentors}, наставляемых {mentees}); намеренных ошибок в данных: {errors}.",
    "nightly_step": "Шаг «{job}»: {outcome}.",
}

JOBS = {
    "validate": "проверка банков",
    "nightly": "ночной запуск",
}

# Titles of the columns of the hidden «Списки» tab (one column per choice list).
LIST_TITLES = {
    "difficulties": "Затруднения и компетенции",
    "subjects": "Предметы",
    "levels": "Уровни образования",
    "categories": "Квалификационные категории",
    "forms": "Формы наставничества",
    "days": "Дни недели",
    "yes_no": "Да / нет",
    "roles": "Роли",
    "proposal_statuses": "Статусы предложений",
    "pair_statuses": "Статусы пар",
    "roadmap_statuses": "Статусы мероприятий",
}
HEADERS.update({f"list_{key}": title for key, title in LIST_TITLES.items()})

# --- Configuration errors (nastavnik.toml) ----------------------------------------------------
CONFIG = {
    "not_found": "Не найден файл настроек {path}. Укажите его: nastavnik --config ПУТЬ (или переменная NASTAVNIK_CONFIG), либо создайте рабочее пространство: nastavnik init ПАПКА",
    "unreadable": "Не удалось прочитать файл настроек {path}: {reason}",
    "syntax": "{path}: ошибка синтаксиса TOML: {reason}",
    "unknown_key": "{path}: неизвестный ключ «{key}». Допустимые ключи{where}: {allowed}",
    "unknown_section": "{path}: неизвестный раздел «[{key}]». Допустимые разделы: {allowed}",
    "not_section": "{path}: «{key}» должен быть разделом [{key}], а указано значение {value}",
    "wrong_type": "{path}: «{key}» должен быть {expected}, а указано {value} ({actual})",
    "not_in_choices": "{path}: «{key}» = {value} — допустимые значения: {allowed}",
    "missing": "{path}: не задан обязательный ключ «{key}» — {help}",
    "range": "{path}: «{key}» = {value} — ожидается число от {low} до {high}",
    "order": "{path}: «{low_key}» ({low}) больше, чем «{high_key}» ({high})",
    "types": {"str": "строкой в кавычках", "int": "целым числом", "float": "числом", "bool": "true или false", "list": "списком [...]"},
    "actual": {"str": "строка", "int": "целое число", "float": "число", "bool": "логическое значение", "list": "список", "dict": "раздел", "datetime": "дата и время", "date": "дата", "time": "время"},
    "where_section": " раздела [{section}]",
    "where_top": " верхнего уровня",
}

# --- Google backend (sync/google) -------------------------------------------------------------
GOOGLE = {
    "spreadsheet_name": "Наставничество — банки и журнал",
    "protected_tab": "Лист заполняет программа nastavnik: ручные правки будут перезаписаны",
    "protected_column": "Столбец «{column}» заполняет программа nastavnik: ручные правки будут перезаписаны",
    "retry": "Google API, запрос {operation}: попытка {attempt} из {attempts} не удалась ({error}), повтор через {wait:.1f} с",
    "no_answer": "нет ответа: {cause}",
    "gave_up_attempts": "Google не выполнил запрос {operation}: {attempts} попыток за {seconds:.0f} с, последняя ошибка — {error}. Повторите запуск позже; если ошибка повторяется, проверьте подключение к интернету и квоты проекта в Google Cloud Console, при необходимости увеличьте [google] max_retries или уменьшите requests_per_minute в файле настроек.",
    "gave_up_seconds": "Google не выполнил запрос {operation} за отведённые {limit:.0f} с ([google] max_retry_seconds): {attempts} попыток, последняя ошибка — {error}. Повторите запуск позже; если ошибка повторяется, проверьте подключение к интернету и квоты проекта в Google Cloud Console.",
    "limiter_wait": "Предел {limit} запросов к Sheets API в минуту ([google] requests_per_minute): пауза {wait:.1f} с",
    "permission": "Нет доступа к таблице {location} (Google: {code} {status} — {message}). Откройте доступ «Редактор» к таблице для учётной записи, от имени которой работает nastavnik, или проверьте [google] spreadsheet_id в файле настроек.",
    "not_found": "Таблица {location} не найдена (Google: {code} {status} — {message}). Проверьте [google] spreadsheet_id в файле настроек или создайте таблицу: nastavnik init --google.",
    "unauthenticated": "Google не принял учётные данные (Google: {code} {status} — {message}). Проверьте [google] auth и credentials в файле настроек; при входе через аккаунт Google удалите файл токена ([google] token_cache) и войдите заново.",
    "api_error": "Google API отклонил запрос {operation} к {location}: {code} {status} — {message}. Если ошибка повторяется, сообщите о ней разработчикам вместе с этим текстом.",
    "no_spreadsheet": "Не задана таблица: укажите [google] spreadsheet_id в файле настроек или создайте таблицу командой nastavnik init --google.",
    "setting_missing": "Для входа в Google способом «{auth}» нужен ключ [google] {key} в файле настроек.",
    "file_missing": "Не найден файл {path} (ключ [google] {key}). Укажите верный путь в файле настроек.",
    "credentials_bad": "Не удалось прочитать учётные данные из файла {path}: {reason}. Скачайте ключ сервисного аккаунта заново (Google Cloud Console → IAM → Сервисные аккаунты → Ключи, формат JSON).",
    "token_bad": "Файл токена {path} повреждён ({reason}). Удалите его и войдите в Google заново, запустив nastavnik в терминале.",
    "refresh_failed": "Google не продлил доступ: {reason}. Если вход выполнен через аккаунт Google, удалите файл токена {path} и войдите заново, запустив nastavnik в терминале; для сервисного аккаунта проверьте ключ и делегирование ([google] subject).",
    "token_unreachable": "Не удалось связаться с сервером входа Google: {reason}. Проверьте подключение к интернету и повторите запуск.",
    "login_needed": "Нет сохранённого входа в Google (файл {path}). Запустите nastavnik в терминале: откроется браузер для входа, токен сохранится в этот файл.",
    "adc_missing": "Не найдены учётные данные Google по умолчанию: {reason}. Выполните «gcloud auth application-default login» или задайте переменную GOOGLE_APPLICATION_CREDENTIALS, либо выберите другой способ входа ([google] auth).",
    "service_account_storage": "Сервисный аккаунт не может создавать файлы в «Моём диске». Укажите в [google] folder_id папку на общем диске, к которому у сервисного аккаунта есть доступ «Менеджер контента» (сейчас: {folder}), либо настройте делегирование ([google] subject) или вход через аккаунт Google (auth = \"oauth\").",
    "folder_not_found": "Папка Google Диска {folder} не найдена или недоступна (Google: {message}). Проверьте [google] folder_id и откройте доступ к папке для учётной записи nastavnik.",
}

# --- `nastavnik doctor`: the checklist -------------------------------------------------------
DOCTOR = {
    "ok_mark": "✔",
    "fail_mark": "✘",
    "fix": "   Как исправить: {fix}",
    "config": "Настройки: {path}",
    "config_fix": "исправьте ключ, названный в сообщении (все ключи описаны в config.example.toml)",
    "workbook": "Книга {path} открывается",
    "workbook_fix": "восстановите файл из {backup} или создайте рабочее пространство заново: nastavnik init ПАПКА",
    "unlocked": "Книга не открыта в Excel или LibreOffice",
    "unlocked_fix": "закройте файл в Excel/LibreOffice; если он закрыт, удалите оставшийся файл блокировки {lock}",
    "folder": "Папка «{name}» есть и доступна для записи",
    "folder_fix": "создайте папку {path} и дайте пользователю, от имени которого работает cron, права на запись",
    "tab": "Лист «{tab}»: все обязательные столбцы на месте",
    "tab_fix": "верните лист или заголовки, названные выше (их можно скопировать из нового рабочего пространства: nastavnik init)",
    "all_ok": "Всё готово к ночному запуску.",
    "failed": "Найдено проблем: {count}. Ночной запуск не выполнит свою работу, пока они не исправлены.",
    "nightly_stopped": "Ночной запуск остановлен до начала работы. Не выполнено условие «{title}»: {detail} Как исправить: {fix}. Полная проверка: nastavnik doctor",
}
JOBS["doctor"] = "проверка готовности"

# --- `nastavnik match`: proposals, reasons, approval -----------------------------------------
MATCHING = {
    # proposal statuses and pair statuses used by the job (values of the dropdowns)
    "proposed": "предложено",
    "approved": "утверждено",
    "rejected": "отклонено",
    "no_pair": "нет пары",
    "pair_approved": "утверждена",
    "pair_ordered": "закреплена приказом",
    "pair_finished": "завершена",
    "pair_stopped": "прекращена",
    "pair_id": "П-{number:03d}",
    "group_id": "Г-{number:03d}",
    # reasons of a proposed pair, joined with "; "
    "reason_preferred": "желаемый наставник",
    "reason_subject": "совпадает предмет: {subject}",
    "reason_related": "смежный предмет: {mentor_subject}",
    "reason_difficulties": "закрывает затруднения: {items}",
    "reason_levels": "уровень образования: {items}",
    "reason_experience": "стаж наставника {years} {unit}",
    "reason_category": "категория: {category}",
    "reason_form": "форма: {form}",
    "reason_timetable": "общие дни: {days}",
    "reason_trained": "обучение наставников пройдено",
    "reason_group": "группа по затруднению «{difficulty}»: {count} {unit}",
    "reason_separator": "; ",
    "alternative": "{name} ({email}) — {score}",
    "alternatives_separator": "; ",
    "no_alternatives": "других подходящих наставников нет",
    # why a mentee has no pair
    "unmatched_no_mentors": "нет наставников со свободными местами (все наставники заняты или не прошли проверку)",
    "unmatched_shortfall": "нет свободных наставников по предмету «{subject}»: {mentees} {mentees_unit}, {places} {places_unit}",
    "unmatched_taken": "все подходящие наставники ({count}) заняты наставляемыми, для которых они подходят лучше",
    "unmatched_rule": "все наставники исключены правилом: {rule}",
    "unmatched_rules": "все наставники исключены правилами: {rules}",
    "rule_count": "{rule} — {count}",
    "rule_self": "нельзя быть наставником самому себе",
    "rule_gap": "наставник опытнее менее чем на {gap} {unit}",
    "rule_rejected": "пара отклонена куратором",
    "rule_ended": "пара уже была и завершена или прекращена",
    "rule_min_score": "меньше {points} баллов",
    "mentor_rule_years": "стаж наставника меньше {years} {unit}",
    "mentor_rule_training": "наставник не прошёл обучение наставников",
    "unmatched_support": "нужна психолого-педагогическая поддержка; подбор повторится при следующем запуске",
    # units (1, 2–4, 5+)
    "years_units": ("год", "года", "лет"),
    "mentee_units": ("наставляемый", "наставляемых", "наставляемых"),
    "place_units": ("место", "места", "мест"),
    "points_unit": "б.",
    # run summary (CLI and «Журнал»)
    "summary": "Подбор пар: наставляемых без пары в начале {cohort}; предложено пар {proposed}; без пары {unmatched}; суммарный балл {total}.",
    "summary_optimal": "Распределение оптимально: суммарный балл наибольший из возможных (доказано двойственной оценкой, кандидатов проверено {candidates}).",
    "summary_group_optimal": "Распределение с группами оптимально (CP-SAT).",
    "summary_group_limit": "Лучшее распределение с группами не доказано за {seconds} с: найденный суммарный балл {total}, верхняя оценка {bound}. Увеличьте [matching] group_time_limit.",
    "summary_changes": "С прошлого запуска: новых предложений {new}; изменилось {changed}; снято {dropped}; без изменений {unchanged}.",
    "summary_approved": "Утверждено куратором и перенесено на лист «Пары»: {count} ({ids}).",
    "summary_not_transferred": "Утверждённое предложение {mentee} — {mentor} не перенесено на лист «Пары»: {why}.",
    "not_ok_mentee": "наставляемый {email} не имеет статуса OK на листе «Наставляемые»",
    "not_ok_mentor": "наставник {email} не имеет статуса OK на листе «Наставники»",
    "dry_run": "Пробный запуск (--dry-run): ничего не записано.",
    "done": "Предложения записаны на лист «Предложения». Выберите в столбце «Статус» «утверждено» или «отклонено» и запустите nastavnik match снова.",
    # config
    "config_groups_shape": "{path}: «matching.subject_groups» — каждая группа должна быть списком предметов в кавычках, а указано {value}",
    "config_groups_subject": "{path}: «matching.subject_groups» — предмета «{value}» нет в списке. Допустимые предметы: {allowed}",
}
JOBS["match"] = "подбор пар"
