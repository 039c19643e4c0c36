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

# --- Choice lists and statuses: the vocabulary, kept in sheets_schema/vocabulary.py ----------
from sheets_schema.vocabulary import (  # noqa: E402,F401  (re-exported: ru.FORMS, ru.LISTS…)
    ALIASES, CATEGORIES, DAYS, DIFFICULTIES, FORMS, LEVELS, LISTS, NO, PAIR_STATUSES, PROPOSAL_STATUSES,
    ROADMAP_STATUSES, ROLES, STATUS_ERROR, STATUS_NO_CONSENT, STATUS_OK, SUBJECTS, YES, YES_NO,
)
from sheets_schema import vocabulary as _v  # noqa: E402

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
    "demo_where": "Откройте {workbook}: статусы проверки — в столбцах «Статус» и «Сообщение» листов «Наставляемые» и «Наставники»; предложенные пары с обоснованием — на листе «Предложения» (утвердите пару, выбрав «утверждено», и запустите nastavnik match); дорожная карта — «Дорожная карта»; журнал запусков — «Журнал».",
    "init_done": "Рабочее пространство создано: {path}\nНастройки: {config}\nДальше: nastavnik --config {config} validate",
    "init_needs_dir": "Укажите папку для нового рабочего пространства: nastavnik init ПАПКА (или nastavnik --config ФАЙЛ init --google для таблицы Google).",
    "init_google_created": "Таблица Google создана: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_google_found": "Таблица Google уже есть, добавлены недостающие листы {tabs}: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_google_found_complete": "Таблица Google уже есть, все листы на месте: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
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
    "timezone": "{path}: «school.timezone» = {value!r} — неизвестный часовой пояс; укажите, например, «Europe/Moscow», «Asia/Yekaterinburg» или «Asia/Vladivostok»",
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
    "cannot_create": "{detail} Как исправить: {fix}. Ничего не создано.",
    "login_needed": "Нет сохранённого входа в Google (файл {path}). Войдите один раз: nastavnik auth login (на сервере без браузера: nastavnik auth login --console); токен сохранится в этот файл.",
    "adc_missing": "Не найдены учётные данные Google по умолчанию: {reason}. Выполните «gcloud auth application-default login» или задайте переменную GOOGLE_APPLICATION_CREDENTIALS, либо выберите другой способ входа ([google] auth).",
    "service_account_storage": "Сервисный аккаунт не может создавать файлы в «Моём диске». Укажите в [google] folder_id папку на общем диске, к которому у сервисного аккаунта есть доступ «Менеджер контента» (сейчас: {folder}), либо настройте делегирование ([google] subject) или вход через аккаунт Google (auth = \"oauth\").",
    "folder_not_found": "Папка Google Диска {folder} не найдена или недоступна (Google: {message}). Проверьте [google] folder_id и откройте доступ к папке для учётной записи nastavnik.",
    # --- auth login / status / logout (issue «Deployment») ---
    "client_secrets_bad": "Файл {path} — не OAuth-клиент типа «Приложение для компьютера» ({reason}). В Google Cloud Console → API и сервисы → Учётные данные создайте «Идентификатор клиента OAuth» типа «Приложение для компьютера», скачайте JSON и укажите путь к нему в [google] credentials.",
    "client_secrets_is_key": "Файл {path} — ключ сервисного аккаунта, а не OAuth-клиент. Для работы от имени сервисного аккаунта укажите [google] auth = \"service_account\" (вход в браузере не нужен); для входа через аккаунт Google укажите в [google] credentials JSON OAuth-клиента типа «Приложение для компьютера».",
    "login_not_oauth": "Вход в браузере нужен только при [google] auth = \"oauth\"; сейчас auth = \"{auth}\", учётные данные берутся из ключа или из окружения. Проверить их: nastavnik auth status.",
    "login_browser": "Если браузер не открылся сам, откройте эту ссылку, войдите в аккаунт Google и разрешите доступ:\n{url}",
    "login_success_page": "Вход выполнен. Закройте эту вкладку и вернитесь в терминал.",
    "login_console": "Откройте эту ссылку в браузере на любом компьютере, войдите в аккаунт Google и разрешите доступ (отметьте все пункты):\n\n{url}\n\nПотом браузер перейдёт на адрес, начинающийся с {redirect}, и покажет ошибку «Не удаётся получить доступ к сайту» — так и должно быть. Скопируйте этот адрес целиком из адресной строки и вставьте сюда.",
    "login_paste": "Адрес из браузера (или только код)",
    "login_nothing_pasted": "ничего не вставлено",
    "login_failed": "Вход не выполнен: {reason}. Запустите nastavnik auth login ещё раз (каждая ссылка действует для одного входа).",
    "login_timeout": "Браузер не вернулся за {seconds} с. Запустите nastavnik auth login ещё раз, а на компьютере без браузера — nastavnik auth login --console.",
    "login_done": "Вход выполнен: {email}. Токен сохранён в {path} (читать файл может только его владелец); ночной запуск будет продлевать доступ сам, без браузера.",
    "delegation_refused": "Google не разрешил сервисному аккаунту действовать от имени {subject}: делегирование на уровне домена не настроено. Администратор Google Workspace должен в консоли администратора (Безопасность → Доступ к данным и управление ими → Управление API → Делегирование на уровне домена) добавить клиент с ID {client_id} и права: {scopes}.",
    "who_user": "аккаунт Google {email}",
    "who_service_account": "сервисный аккаунт {email}",
    "who_delegated": "сервисный аккаунт {email} от имени {subject} (делегирование на уровне домена)",
    "who_adc": "учётные данные по умолчанию (ADC): {email}",
    "status_mode_oauth": "Способ входа: аккаунт Google (auth = \"oauth\"), токен в файле {token}",
    "status_mode_service_account": "Способ входа: сервисный аккаунт (auth = \"service_account\"), ключ {key}",
    "status_mode_adc": "Способ входа: учётные данные Google по умолчанию (auth = \"adc\")",
    "status_identity": "Учётная запись (по ответу Google): {who}",
    "status_expiry": "Токен доступа действует до {time} UTC (ещё {minutes} мин); {renew}",
    "status_renew_oauth": "потом он продлевается сам по сохранённому refresh token",
    "status_renew_key": "потом новый выдаётся по ключу",
    "status_scopes": "Права (scopes), которые нужны nastavnik:",
    "status_scope_ok": "  ✔ {scope} — {reason}",
    "status_scope_missing": "  ✘ {scope} — {reason}: НЕ ВЫДАНО",
    "scopes_missing": "Выданы не все права (не хватает: {count}). Запустите nastavnik auth login ещё раз и на странице согласия Google отметьте все пункты.",
    "secret_exposed": "Внимание: файл {path} могут читать другие пользователи компьютера. Выполните: chmod 600 {path}",
    "logout_done": "Сохранённый вход удалён: {path}. Войти снова: nastavnik auth login. Отозвать доступ nastavnik к аккаунту совсем: https://myaccount.google.com/permissions",
    "logout_nothing": "Сохранённого входа нет ({path}) — удалять нечего.",
    "logout_not_oauth": "При [google] auth = \"{auth}\" токен в файл не сохраняется — удалять нечего. Отозвать доступ сервисного аккаунта: удалите его ключ в Google Cloud Console (IAM → Сервисные аккаунты → Ключи).",
}

# --- `nastavnik doctor`: the checklist -------------------------------------------------------
DOCTOR = {
    "ok_mark": "✔",
    "fail_mark": "✘",
    "warn_mark": "!",
    "fix": "   Как исправить: {fix}",
    "config": "Настройки: {path}",
    "open_workspace": "Рабочее пространство открывается (вход в Google, файлы ключей)",
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
    # --- Google backend (sync/google/health.py) ---
    "google_login": "Вход в Google",
    "google_login_ok": "Вход в Google: {who}; токен действует до {time} UTC и продлевается сам",
    "google_login_fix_oauth": "войдите заново: nastavnik auth login (на компьютере без браузера: nastavnik auth login --console); проверить вход: nastavnik auth status",
    "google_login_fix_key": "проверьте файл ключа ([google] credentials) и, при делегировании, [google] subject; проверить вход: nastavnik auth status",
    "google_scopes": "Права доступа Google (scopes)",
    "google_scopes_ok": "Права доступа Google (scopes): выданы все {count}",
    "google_scopes_missing": "Не выданы: {missing}.",
    "google_scopes_fix_oauth": "войдите заново: nastavnik auth login — и на странице согласия Google отметьте все пункты",
    "google_scopes_fix_key": "для делегирования администратор Google Workspace должен разрешить эти права клиенту сервисного аккаунта (консоль администратора → Безопасность → Управление API → Делегирование на уровне домена)",
    "google_spreadsheet": "Таблица {url} открывается и доступна для редактирования",
    "google_spreadsheet_ok": "Таблица «{name}» открывается и доступна для редактирования: {url}",
    "google_spreadsheet_unverified": "Таблица «{name}» открывается: {url} (право на редактирование проверится при первой записи)",
    "google_spreadsheet_unknown": "Таблицы с ID {id} нет (Google: 404 NOT_FOUND).",
    "google_spreadsheet_unknown_fix": "проверьте [google] spreadsheet_id (ID — часть адреса таблицы между /d/ и /edit) или создайте таблицу: nastavnik init --google",
    "google_spreadsheet_not_shared": "Таблица есть, но не открыта для {who} (Google: 403 PERMISSION_DENIED).",
    "google_read_only": "У {who} доступ только на чтение, а nastavnik записывает в неё статусы и создаёт файлы: нужен доступ «Редактор».",
    "google_share_fix": "откройте {what}, нажмите «Настройки доступа» и добавьте {who} с ролью «Редактор»",
    "google_trashed": "«{name}» лежит в корзине Google Диска.",
    "google_trashed_fix": "восстановите её из корзины Google Диска",
    "google_retry_fix": "проверьте подключение к интернету и повторите: nastavnik doctor",
    "google_folder": "Папка Google Диска {url} доступна для записи",
    "google_folder_ok": "Папка Google Диска «{name}» доступна для записи: {url}",
    "google_folder_unknown": "Папки с ID {id} нет или она не открыта для {who} (Google Диск: 404 notFound).",
    "google_not_a_folder": "«{name}» ({id}) — не папка.",
    "google_folder_id_fix": "укажите в [google] folder_id ID папки (часть её адреса после /folders/)",
    "google_owner": "Новые файлы в папке «{where}» может создать учётная запись nastavnik",
    "google_owner_user": "Новые файлы (таблица, документы) будут принадлежать {email}",
    "google_owner_shared_drive": "Новые файлы будут принадлежать общему диску (папка «{name}» на общем диске)",
    "google_my_drive": "Мой диск",
    "google_owner_fix": "выберите один из трёх способов: 1) общий диск — создайте общий диск, добавьте {who} участником с ролью «Менеджер контента» и укажите в [google] folder_id папку на нём; 2) делегирование на уровне домена (Google Workspace) — укажите в [google] subject адрес куратора, от имени которого сервисный аккаунт будет создавать файлы; 3) вход через аккаунт куратора — [google] auth = \"oauth\" и nastavnik auth login",
}
JOBS["doctor"] = "проверка готовности"

# --- `nastavnik match`: proposals, reasons, approval -----------------------------------------
MATCHING = {
    # proposal statuses and pair statuses used by the job (values of the dropdowns: the vocabulary)
    "proposed": _v.PROPOSAL_STATUS_PROPOSED,
    "approved": _v.PROPOSAL_STATUS_APPROVED,
    "rejected": _v.PROPOSAL_STATUS_REJECTED,
    "no_pair": _v.PROPOSAL_STATUS_NO_PAIR,
    "pair_approved": _v.PAIR_STATUS_APPROVED,
    "pair_ordered": _v.PAIR_STATUS_ORDERED,
    "pair_finished": _v.PAIR_STATUS_FINISHED,
    "pair_stopped": _v.PAIR_STATUS_STOPPED,
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
    "mentor_rule_full": "у наставника нет свободных мест",
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

# --- Questionnaires (sheets_schema/questionnaires.py) and `nastavnik ingest` ------------------
TABS["ingest"] = "Анкеты (служебный)"
HEADERS.update({
    # the hidden service tab of `ingest`
    "record": "Запись",
    "questionnaire": "Анкета",
    "record_key": "Ключ",
    "record_value": "Значение",
    # monitoring: whom the respondent names as the other side of the pair
    "partner_email": "E-mail второго участника пары",
})
JOBS["ingest"] = "приём анкет"

# Titles, descriptions and question texts of the three questionnaires. The e-mail question is
# Google's own «Адрес электронной почты» field on a Google form (the form collects addresses).
QUESTIONNAIRES = {
    "mentee_title": "Анкета наставляемого",
    "mentee_description": (
        "Анкета для педагогов, которым нужна поддержка наставника: молодых специалистов, "
        "новых сотрудников, коллег, осваивающих новое. Ответы попадут в банк наставляемых школы "
        "и помогут подобрать наставника."
    ),
    "mentor_title": "Анкета наставника",
    "mentor_description": (
        "Анкета для педагогов, готовых стать наставниками. Ответы попадут в банк наставников "
        "школы и помогут подобрать пары."
    ),
    "monitoring_title": "Мониторинг программы наставничества",
    "monitoring_description": (
        "Анкета по итогам программы наставничества. Её заполняют и наставник, и наставляемый. "
        "Оцените каждое утверждение от 1 (совсем нет) до 10 (полностью)."
    ),
    # questions (by bank column key)
    "email": "Адрес электронной почты",
    "full_name": "Фамилия, имя, отчество",
    "position": "Должность",
    "subject": "Предмет (методическое объединение)",
    "levels": "Уровень образования, на котором вы работаете",
    "years": "Педагогический стаж, полных лет",
    "category": "Квалификационная категория",
    "young": "Вам меньше 35 лет?",
    "difficulties": "Какие профессиональные затруднения вы испытываете?",
    "competences": "В каких вопросах вы можете помочь коллегам?",
    "preferred_form": "Какая форма наставничества вам подходит?",
    "preferred_forms": "Какие формы наставничества вам подходят?",
    "preferred_mentor": "Кого из коллег вы хотели бы видеть своим наставником?",
    "preferred_mentor_help": "ФИО коллеги; можно оставить пустым.",
    "timetable": "В какие дни вам удобно встречаться?",
    "capacity": "Сколько наставляемых вы готовы вести одновременно?",
    "capacity_help": "Число, например 2.",
    "motivation": "Почему вы хотите стать наставником?",
    "past_mentoring": "Был ли у вас опыт наставничества? Расскажите кратко.",
    "pd_consent": "Согласие на обработку персональных данных",
    "pd_consent_help": (
        "Я даю согласие школе (оператору) на обработку моих персональных данных: ФИО, адрес "
        "электронной почты, должность, предмет, стаж, квалификационная категория и ответы этой "
        "анкеты — для организации наставничества (сбор, запись, хранение, уточнение, "
        "использование, удаление) на срок участия в программе. Согласие можно отозвать, "
        "ответив «нет» в анкете или письменным заявлением (152-ФЗ «О персональных данных»)."
    ),
    "duty_consent": "Согласие на наставническую деятельность",
    "duty_consent_help": (
        "Я согласен(на) выполнять обязанности наставника: содержание, срок, форма и оплата "
        "наставничества закрепляются дополнительным соглашением к трудовому договору "
        "(ст. 351.8 ТК РФ)."
    ),
    "role": "Ваша роль в программе",
    "partner_email": "Адрес электронной почты вашего наставника (наставнику — наставляемого)",
    "comfort": "Насколько комфортным было общение в паре?",
    "usefulness": "Насколько полезными были встречи?",
    "clarity": "Насколько ясными были ожидания и задачи?",
    "expectations": "Насколько результат совпал с ожиданиями?",
    "satisfaction": "Общая удовлетворённость программой",
    "continue_wish": "Насколько вы хотите продолжить наставничество?",
    "difficulties_closed": "Какие затруднения удалось преодолеть?",
    "scale_low": "совсем нет",
    "scale_high": "полностью",
    "other": "другое",
    # file names of the local documents (forms/<name>.md)
    "mentee_file": "анкета-наставляемого",
    "mentor_file": "анкета-наставника",
    "monitoring_file": "анкета-мониторинга",
}

# Header texts of the metadata columns of questionnaire exports (not questions).
EXPORT_HEADERS = {
    "timestamp": ["Отметка времени", "Timestamp", "Время создания", "Время отправки", "Дата и время",
                  "Дата ответа", "Created", "Date"],
    "email": ["Адрес электронной почты", "Email Address", "Email", "Электронная почта", "E-mail",
              "Почта", "Адрес эл. почты"],
    "id": ["ID", "ID ответа", "Response ID"],
    "ignored": ["Баллы", "Score", "Всего баллов", "Total score", "Пользователь", "Время изменения",
                "Updated", "IP", "Источник", "Статус"],
}

# What `ingest` and the questionnaire documents say.
INGEST = {
    "unmapped_header": (
        "Файл «{file}» (анкета «{form}»): столбец «{header}» не соответствует ни одному вопросу "
        "анкеты (ближе всего — «{nearest}»). Назовите столбец так же, как вопрос (список вопросов "
        "— в файле forms/{doc}.md), или удалите столбец; остальные столбцы файла приняты, ответы "
        "этого столбца будут приняты, когда столбец назовут как вопрос."
    ),
    "unknown_export": (
        "Файл «{file}»: по заголовкам столбцов не удалось понять, ответы какой анкеты в нём "
        "(заголовки: {headers}). Скачайте ответы из формы заново или назовите столбцы как вопросы "
        "анкеты (forms/*.md); файл пропущен."
    ),
    "no_timestamp": (
        "Файл «{file}»: нет столбца «Отметка времени» (или «Timestamp», «Время создания»). "
        "Скачайте ответы из формы заново; файл пропущен."
    ),
    "bad_timestamp": (
        "Файл «{file}», строка {row}: «{value}» — не дата и время ответа (ожидается "
        "ДД.ММ.ГГГГ Ч:ММ:СС); строка пропущена, исправьте её в файле."
    ),
    "unreadable": (
        "Не удалось прочитать файл «{file}»: {reason}. Скачайте ответы из формы заново (CSV в UTF-8 "
        "или XLSX) и замените им этот файл; ответы из других файлов приняты как обычно."
    ),
    "unknown_question": (
        "Форма «{form}» ({form_id}): вопрос «{question}» не входит в анкету nastavnik — его "
        "ответы не приняты. Удалите вопрос из формы или перенесите ответы вручную."
    ),
    "missing_question": (
        "Форма «{form}» ({form_id}): нет вопроса «{question}» (столбец «{column}») — ответы на "
        "него не приходят. Восстановите вопрос в форме или удалите форму и создайте анкеты "
        "заново: nastavnik init --google."
    ),
    "form_missing": (
        "Форма «{form}» ({form_id}) не найдена или недоступна в Google ({reason}). Создайте анкеты "
        "заново: nastavnik init --google."
    ),
    "not_created": "Анкета «{form}»: форма Google ещё не создана — создайте анкеты: nastavnik init --google.",
    "conflict": (
        "Лист «{tab}», {email}: столбец «{column}» изменён сотрудником («{current}»), а в анкете "
        "от {date} указано «{answer}» — оставлено значение сотрудника; если верен ответ анкеты, "
        "исправьте ячейку вручную."
    ),
    "withdrawn_form": (
        "Лист «{tab}», {email}: в анкете от {date} нет согласия на обработку персональных данных "
        "— дата согласия очищена, человек исключается из подбора пар и приказов."
    ),
    "withdrawn_staff": (
        "Лист «{tab}», {email}: дата согласия на обработку персональных данных очищена "
        "сотрудником — согласие считается отозванным, человек исключается из подбора пар и приказов."
    ),
    "pair_not_found": "Пара не найдена: нет пары, где {email} — {role}{partner}. Впишите ID пары вручную.",
    "pair_partner": " с участником {partner}",
    "pair_ambiguous": "Подходит несколько пар ({ids}): впишите верный ID пары вручную.",
    "summary": (
        "Анкеты: новых ответов {new}; добавлено людей {appended}; обновлено ячеек {updated}; "
        "конфликтов {conflicts}; отзывов согласия {withdrawals}; ответов мониторинга {monitoring}."
    ),
    "rows_changed": (
        "Лист «{tab}»: {count} строк(и) изменились во время приёма анкет; ответы этих людей будут "
        "приняты при следующем запуске."
    ),
    "created": "Анкета «{form}» создана: {url}",
    "reused": "Анкета «{form}» уже есть: {url}",
    "documents": "Описания анкет для любого конструктора форм записаны в папку {path}",
    "create_failed": "Анкеты не созданы: {reason}",
    "done": "Приём анкет завершён.",
    # the readable document of a questionnaire (local backend)
    "doc_intro": (
        "Соберите эту анкету в любом конструкторе форм (Google Формы, Яндекс Формы) с вопросами "
        "ниже — **названия вопросов должны совпадать дословно**. Выгрузку ответов (CSV из Google "
        "Форм или XLSX из Яндекс Форм) положите в папку `forms/` рабочего пространства: "
        "`nastavnik ingest` перенесёт ответы на лист «{tab}». Повторная выгрузка ничего не "
        "задвоит."
    ),
    "doc_question": "Вопрос",
    "doc_answer": "Ответ",
    "doc_column": "Столбец листа «{tab}»",
    "doc_required": "обязательный",
    "doc_optional": "необязательный",
    "doc_kinds": {
        "text": "короткий ответ",
        "paragraph": "развёрнутый ответ",
        "email": "адрес электронной почты",
        "radio": "один вариант",
        "dropdown": "один вариант из раскрывающегося списка",
        "checkbox": "несколько вариантов",
        "scale": "шкала от {low} до {high}",
    },
    "doc_other": "и вариант «{other}» со своим ответом (попадёт в столбец «{column}»)",
    "doc_consent": "«да» — в столбец записывается дата ответа; «нет» — дата очищается (согласие отозвано)",
    "doc_pair": "по адресам участников ответ связывается с парой на листе «Пары» (столбец «ID пары»)",
}

TEXT["run_in_progress"] = (
    "Уже идёт другой запуск ({holder}). Дождитесь его окончания; если процесса уже нет, "
    "блокировка снимется сама (файл {path})."
)

# --- Documents: templates, orders, personalised programmes (`nastavnik orders`) --------------
TABS["catalog"] = "Каталог мероприятий"
HEADERS.update({
    "difficulty": "Затруднение",
    "activity_form": "Форма проведения",
})
JOBS["orders"] = "приказы и программы"

DOCUMENTS = {
    # fill texts
    "blank_number": "________",
    "blank_date": "«____» ______________ 20___ г.",
    "regulation": ", утверждённым приказом {regulation}",
    "pairs_count": "{count}",
    "role_mentor": "наставник",
    "role_mentee": "наставляемый",
    "role_coordinator": "куратор",
    "goal": (
        "Оказание помощи наставляемому в профессиональном становлении и адаптации, "
        "преодолении выявленных профессиональных затруднений, развитии профессиональных "
        "компетенций."
    ),
    "no_difficulties": "затруднения уточняются на первой встрече наставника и наставляемого",
    "task_general": "закрепить полученные умения в практической деятельности",
    "result_general": "наставляемый уверенно выполняет профессиональные задачи, затруднения преодолены",
    "due_whole": "в течение срока программы",
    "due_last": "последний",
    "due_whole_words": ("весь срок", "в течение программы", "в течение срока программы", "весь период"),
    "monitoring_mid": "Промежуточный мониторинг (анкетирование наставников и наставляемых)",
    "monitoring_final": "Итоговый мониторинг и оценка результатов программ наставничества",
    "form_group": "групповая",
    "form_single": "традиционная (один на один)",
    "months": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
               "октябрь", "ноябрь", "декабрь"),
    "position_subject": "{position}, {subject}",
    # pairs held back
    "held_back": "Пара {pair} (строка {row} листа «Пары») не включена в приказ: {reasons}.",
    "no_pd_consent": "нет согласия на обработку персональных данных {role} {name} (лист «{tab}», столбец «{column}»)",
    "no_duty_consent": "нет письменного согласия наставника {name} на наставническую деятельность (лист «{tab}», столбец «{column}»)",
    "bad_consent": "дата согласия {role} {name} указана с ошибкой (лист «{tab}», столбец «{column}»: «{value}»)",
    "not_in_bank": "{role_cap} {email} не найден(а) на листе «{tab}»",
    "no_mentee": "не указаны наставляемые (столбец «{column}»)",
    "role_gen_mentor": "наставника",
    "role_gen_mentee": "наставляемого",
    "bad_pair_date": "Пара {pair} (строка {row} листа «Пары»): «{column}» — «{value}» не дата ДД.ММ.ГГГГ; взят срок по умолчанию.",
    # templates
    "template_unknown": "Шаблон «{template}» ({where}): неизвестное поле {{{{{name}}}}}{hint}. Исправьте поле в шаблоне; допустимые поля: {allowed}.",
    "template_hint": " — возможно, {{{{{suggestion}}}}}",
    "template_missing": "Шаблон «{template}» ({where}): нет обязательного поля {{{{{name}}}}}. Верните его в шаблон (можно взять из шаблона по умолчанию: удалите шаблон, и он будет создан заново).",
    "template_bad_name": "Шаблон «{template}» ({where}): «{text}» — не поле; поле пишется латиницей в двойных фигурных скобках, например {{{{school}}}}.",
    "template_unclosed": "Шаблон «{template}» ({where}): незакрытые фигурные скобки рядом с «{text}»; поле пишется как {{{{имя}}}}.",
    "template_no_row": "Шаблон «{template}» ({where}): поле {{{{{name}}}}} должно стоять в повторяемой строке таблицы ({how}).",
    "template_row_docx": "строка между «{{%tr for {item} in {rows} %}}» и «{{%tr endfor %}}»",
    "template_row_google": "одна строка таблицы, в которой стоят поля {{{{{item}.…}}}}",
    "template_two_rows": "Шаблон «{template}» ({where}): поля {{{{{item}.…}}}} стоят в нескольких строках таблиц; оставьте их в одной строке.",
    "template_syntax": "Шаблон «{template}» ({where}): ошибка в разметке шаблона: {reason}.",
    "template_unreadable": "Шаблон «{template}» ({where}) не открывается: {reason}. Восстановите файл или удалите его — шаблон по умолчанию будет создан заново.",
    "templates_stop": "Документы не созданы: исправьте шаблоны и запустите команду снова.",
    "template_placed": "Создан шаблон по умолчанию «{name}»: {where}",
    "template_will_place": "Шаблона «{name}» нет — будет создан шаблон по умолчанию.",
    # run summary
    "summary_pairs": "Пар со статусом «утверждена» без приказа: {candidates}; в приказ: {ready}; не включены: {held}.",
    "order_created": "Приказ о закреплении пар ({count}): {link}",
    "order_found": "Приказ уже создан ранее ({count} пар), ссылки дописаны: {link}",
    "programmes": "Программ наставничества: создано {created}, найдено созданных ранее {found}.",
    "nothing_to_do": "Новых утверждённых пар нет — документы не создавались.",
    "dry_run": "Пробный запуск (--dry-run): документы не созданы, таблица не изменена.",
    "dry_order": "Будет создан приказ о закреплении {count} пар и программы для них.",
    "implementation_created": "Приказ о реализации целевой модели наставничества: {link}",
    "implementation_found": "Приказ о реализации целевой модели наставничества на {year} учебный год уже создан: {link}",
    "dry_implementation": "Будет создан приказ о реализации целевой модели наставничества на {year} учебный год.",
    "rows_lost": "{count} строк(и) листа «Пары» изменились во время работы; ссылки на документы будут дописаны при следующем запуске.",
    "pdf_missing": "PDF не созданы: не найдена программа LibreOffice (soffice). Установите LibreOffice или отключите [documents] pdf.",
    "pdf_failed": "PDF для «{name}» не создан: {reason}",
    "duplicate_trashed": "Найдена копия документа «{name}» (повтор после сбоя связи) — перемещена в корзину.",
    "bad_monitoring_date": "{path}: [documents] monitoring_dates — «{value}» не дата ДД.ММ.ГГГГ.",
    "bad_order_date": "{path}: [documents] order_date — «{value}» не дата ДД.ММ.ГГГГ.",
    "folder_templates": "Шаблоны nastavnik",
    "folder_documents": "Документы nastavnik",
    "templates_failed": "Шаблоны документов не созданы: {reason}. Они будут созданы при следующем запуске nastavnik orders.",
    "cli_done": "Готово.",
}

# --- Roadmap, monitoring summary, public page, Google lease (nightly, stages 6–7) ----------
HEADERS["code"] = "Код (автоотметка)"
JOBS.update({"roadmap": "дорожная карта", "monitor": "итоги мониторинга", "publish": "страница для сайта"})

ROADMAP_TEXTS = {
    # values of «Код (автоотметка)»: an event with one of these codes is marked done from the data
    "codes": {
        "orders": "приказы о парах",
        "programmes": "программы",
        "mentee_bank": "банк наставляемых",
        "mentor_bank": "банк наставников",
        "pairs": "пары",
        "monitoring": "мониторинг",
    },
    "reason_overdue": "срок {due} прошёл",
    "reason_mentee_bank": "в банке наставляемых проверенных строк с согласием: {count}",
    "reason_mentor_bank": "в банке наставников проверенных строк с согласием: {count}",
    "reason_pairs": "на листе «Пары» пар и групп: {count}",
    "reason_orders": "закреплено приказом пар: {count}",
    "reason_programmes": "программа есть у всех действующих пар ({count})",
    "reason_monitoring": "ответов на анкету мониторинга: {count}",
    "change": "Дорожная карта, этап {stage_no}: «{event}» — {old} → {new} ({reason}).",
    "blank_status": "без статуса",
    "summary": "Дорожная карта: мероприятий {total}; выполнено {done}; просрочено {overdue}; изменено статусов {changed}.",
    "dry_run": "Пробный запуск (--dry-run): дорожная карта не изменена.",
    "bad_due": "Лист «Дорожная карта», строка {row}: «Срок» — «{value}» не дата ДД.ММ.ГГГГ; просрочка не проверена, исправьте дату.",
    "rows_changed": "Лист «Дорожная карта»: {count} строк(и) изменены во время работы; их статус будет проверен при следующем запуске.",
}

MONITOR = {
    "tab": "Итоги мониторинга",
    "title": "Итоги мониторинга программ наставничества",
    "updated": "Обновлено: {when}. Лист заполняет nastavnik каждую ночь — правки на нём будут перезаписаны.",
    "questions_heading": "Средние оценки по вопросам анкеты мониторинга (шкала 1–10)",
    "col_question": "Вопрос",
    "col_average": "Средняя оценка",
    "col_responses": "Ответов",
    "indicators_heading": "Показатели",
    "col_indicator": "Показатель",
    "col_value": "Значение",
    "col_of": "Из",
    "col_share": "Доля, %",
    "mentees": "Наставляемых в банке (строки проверены, есть согласие)",
    "with_pair": "Наставляемых в паре или группе",
    "with_programme": "Наставляемых с персонализированной программой (ППН)",
    "unmatched": "Наставляемых без пары",
    "no_pair_proposals": "Предложений со статусом «нет пары»",
    "young_in_mentoring": "Молодых педагогов (до 35 лет) в наставничестве",
    "pairs_active": "Действующих пар и групп",
    "programmes_completed": "Программ наставничества завершено",
    "responses": "Ответов на анкету мониторинга",
    "satisfaction": "Средняя общая удовлетворённость (1–10)",
    "difficulties_closed": "Закрыто затруднений из заявленных наставляемыми в парах",
    "plan_done": "Мероприятий дорожной карты выполнено",
    "plan_overdue": "Мероприятий дорожной карты просрочено",
    "pairs_heading": "По парам и группам",
    "col_pair": "ID пары",
    "col_pair_status": "Статус пары",
    "col_satisfaction": "Удовлетворённость",
    "col_all_questions": "Средняя по всем вопросам",
    "difficulties_heading": "Затруднения, отмеченные в анкетах как закрытые",
    "col_difficulty": "Затруднение",
    "col_closed": "Отмечено закрытым",
    "chart_title": "Средние оценки по вопросам мониторинга",
    "chart_series": "Средняя оценка",
    "summary": "Итоги мониторинга: ответов {responses}; действующих пар {pairs}; средняя удовлетворённость {satisfaction}; записаны на лист «{tab}».",
    "dry_run": "Пробный запуск (--dry-run): лист «{tab}» не изменён.",
    "protected": "Лист заполняет nastavnik (итоги мониторинга); правки перезаписываются при каждом запуске.",
}

PUBLISH = {
    "page_title": "Наставничество педагогов — {school}",
    "h1": "Система наставничества педагогических работников",
    "as_of": "Сведения на {date}",
    "figures_heading": "Показатели",
    "col_indicator": "Показатель",
    "col_value": "Значение",
    "roadmap_heading": "Дорожная карта: выполнение по этапам",
    "col_stage": "Этап",
    "col_events": "Мероприятий",
    "col_done": "Выполнено",
    "col_in_progress": "В работе",
    "col_planned": "Запланировано",
    "col_overdue": "Просрочено",
    "upcoming_heading": "Ближайшие мероприятия (по {until})",
    "col_date": "Срок",
    "col_event": "Мероприятие",
    "col_status": "Статус",
    "no_upcoming": "В ближайшие {days} дней мероприятий дорожной карты не запланировано.",
    "privacy": "Страница содержит только обобщённые сведения, без персональных данных участников (152-ФЗ).",
    "generated": "Страница подготовлена автоматически программой nastavnik.",
    "of": "{value} из {total}",
    "written": "Страница для сайта записана: {html} и {md}",
    "names_unsupported": (
        "Публикация ФИО участников требует их отдельного согласия на распространение "
        "персональных данных (152-ФЗ, ст. 10.1), а в банках нет столбца для такого согласия — "
        "страница публикует только обобщённые сведения. Запустите команду без --with-names."
    ),
    "out_unwritable": "Не удалось записать страницу в папку {path}: {reason}. Проверьте права на папку.",
}

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

TEXT.update({
    "step_crashed": "шаг прерван внутренней ошибкой ({error}); остальные шаги выполнены, подробности — в журнале запуска",
    "dry_run_header": "Пробный запуск (--dry-run): ничего не записано и не создано.",
    "dry_run_cells": "Лист «{tab}»: изменилось бы ячеек: {count}.",
    "dry_run_nothing": "Изменений не было бы.",
})

REPORT = {
    "period": "{year} учебный год",
    "of": "{value} из {total} ({share})",
    "chart_caption": "Средняя оценка по вопросам анкеты мониторинга (шкала 1–10); номера столбцов — номера вопросов в таблице раздела 2.",
    "chart_alt": "[Диаграмма средних оценок по вопросам анкеты мониторинга — см. таблицу выше]",
    "created": "Отчёт о мониторинге на {date} создан: {link}",
    "found": "Отчёт о мониторинге на {date} уже есть: {link} — повторно не создаётся (следующий — завтра или после удаления этого).",
    "dry_create": "Пробный запуск (--dry-run): был бы создан отчёт о мониторинге на {date}; ничего не создано.",
    "dry_found": "Пробный запуск (--dry-run): отчёт о мониторинге на {date} уже есть: {link}; ничего не создано.",
}
JOBS["report"] = "отчёт о мониторинге"
DOCUMENTS["image_failed"] = (
    "Диаграмма не вставлена в документ «{name}»: {reason}. Вместо неё в документе строка-пояснение; "
    "цифры — в таблице рядом. Если в домене Google запрещён доступ «всем, у кого есть ссылка», "
    "диаграмму можно вставить вручную из листа «Итоги мониторинга»."
)

# who, in messages about a person without consent to personal-data processing (never the name)
DOCUMENTS["unnamed_person"] = "в строке {row}"

# --- who may answer the questionnaires: publishing the Google forms (sync/google/forms_publish.py,
# forms_health.py; [google] responders) ---------------------------------------------------------
FORMS_PUBLISH = {
    "who_anyone": "все, у кого есть ссылка (вход в Google не нужен)",
    "who_domain": "все с адресом @{domain} (вход в аккаунт Google домена)",
    "who_groups": "участники групп Google {groups}",
    "published": "   опубликована и принимает ответы; отвечать могут {who} — разошлите им ссылку выше",
    "republished": "Анкета «{form}» была снята с публикации — опубликована снова, приём ответов открыт: {url}",
    "reopened": "Анкета «{form}» не принимала ответы — приём ответов открыт снова: {url}",
    "responders_restored": "Анкета «{form}»: доступ для ответа восстановлен — отвечать могут {who}",
    "legacy": (
        "Анкета «{form}» создана до новых правил Google (у неё нет настроек публикации): "
        "nastavnik не может её опубликовать — проверьте в Google Формах, что она принимает ответы."
    ),
    "grant_refused": (
        "Google не разрешил открыть анкету «{form}» для ответа ({who}): {code} {message}. "
        "Если администратор Google Workspace запретил доступ к файлам вне домена, укажите в "
        "[google] responders = \"domain\" (или \"groups\") либо попросите администратора разрешить "
        "доступ по ссылке, затем повторите nastavnik init --google."
    ),
    "no_shared_drive": (
        "Сервисный аккаунт не может владеть анкетой вне общего диска: укажите в [google] folder_id "
        "папку на общем диске, где у него роль «Менеджер контента» (сейчас: {folder})."
    ),
    # ingest: a form that takes no answers is a problem for «Журнал», not «0 new answers»
    "ingest_not_published": (
        "Форма «{form}» ({form_id}) снята с публикации — учителя не могут её заполнить. "
        "Опубликуйте её снова: nastavnik init --google (или «Опубликовать» в Google Формах)."
    ),
    "ingest_closed": (
        "Форма «{form}» ({form_id}) не принимает ответы — учителя видят «Форма больше не "
        "принимает ответы». Откройте приём: nastavnik init --google (или в Google Формах на "
        "вкладке «Ответы» включите «Принимать ответы»)."
    ),
    # doctor: one line per questionnaire
    "doctor_ok": "Анкета «{form}» опубликована и принимает ответы; отвечать могут {who}: {url}",
    "doctor_legacy": "Анкета «{form}» есть: {url}",
    "doctor_legacy_warning": (
        "форма создана до новых правил Google (нет настроек публикации): проверьте в Google "
        "Формах, что она принимает ответы и кто может отвечать."
    ),
    "doctor_title": "Анкета «{form}» опубликована, принимает ответы и доступна для ответа",
    "doctor_not_created": "Форма Google ещё не создана.",
    "doctor_not_created_fix": "создайте анкеты: nastavnik init --google",
    "doctor_missing": "Форма {form_id} не найдена или недоступна ({code} {status} — {message}).",
    "doctor_missing_fix": (
        "nastavnik init --google создаст анкету заново (принятые ответы останутся в таблице); если "
        "форма есть, откройте её с ролью «Редактор» для учётной записи nastavnik (её называет "
        "nastavnik auth status)"
    ),
    "doctor_not_published": "Форма не опубликована — учителя видят, что форма недоступна.",
    "doctor_closed": "Форма не принимает ответы — учителя видят «Форма больше не принимает ответы».",
    "doctor_no_responders": "Отвечать должны {who}, но такого доступа у формы нет: {missing}.",
    "doctor_fix": (
        "запустите nastavnik init --google — анкета будет опубликована, приём ответов открыт и "
        "доступ для ответа выдан ([google] responders); или вручную в Google Формах: {manual}"
    ),
    "manual_publish": "кнопка «Опубликовать»",
    "manual_accept": "вкладка «Ответы» → «Принимать ответы»",
    "manual_responders": "«Опубликовано» → «Управление респондентами» → {who}",
    "doctor_retry": "Google не ответил: {reason}.",
    "not_open": "Анкеты созданы, но не все открыты для ответа: {reason}",
    "responders_narrowed": (
        "Анкета «{form}»: снят доступ «все, у кого есть ссылка» — по [google] responders отвечать "
        "могут только {who}"
    ),
    "doctor_too_open": (
        "Форма открыта для всех, у кого есть ссылка, а по [google] responders отвечать должны "
        "только {who}."
    ),
}

CONFIG.update({
    "responders_domain": (
        "{path}: «google.responders» = \"domain\", но домен школы неизвестен — укажите "
        "google.responders_domain (например «school26.example») или school.coordinator_email "
        "с адресом в домене школы"
    ),
    "responders_consumer": (
        "{path}: «google.responders_domain» = {value!r} — это адреса бесплатных аккаунтов Google, а "
        "не домен школы; для учителей с такими адресами укажите google.responders = \"anyone\""
    ),
    "responders_groups": (
        "{path}: «google.responders» = \"groups\", но в google.responder_groups нет ни одного "
        "адреса группы — укажите адреса групп Google в кавычках через запятую: responder_groups = [\"адрес группы\", …]"
    ),
    "responders_group_email": (
        "{path}: «google.responder_groups»: {value!r} — не адрес группы Google (ожидается "
        "адрес группы: её имя, знак @ и домен школы)"
    ),
})

# --- issue 12: the folder the app can see (drive.file), OAuth apps in «Testing» ---------------
GOOGLE.update({
    "workspace_folder_name": "Наставничество (nastavnik)",
    "folder_invisible": "Папка Google Диска {folder} не видна программе nastavnik (Google Диск: 404 notFound): с правом drive.file программа видит только папки и файлы, которые создала сама, а папку, созданную вручную, — нет, даже если она открыта для этой учётной записи. Это не ошибка в ID папки.",
    "folder_invisible_fix": "очистите [google] folder_id (folder_id = \"\") и выполните nastavnik init --google — программа сама создаст папку «{name}» в «Моём диске» и запишет её ID в файл настроек (таблица из [google] spreadsheet_id останется прежней); созданную папку потом можно переименовать, переместить и открыть коллегам в Google Диске — доступ у программы сохранится",
    "refresh_expired": "Вход в Google истёк или отозван (Google: invalid_grant — {reason}). Если приложение OAuth в Google Cloud в статусе «Тестирование» (Testing), Google выдаёт ему вход только на 7 дней. Опубликуйте приложение (Google Cloud Console → Google Auth Platform → Аудитория → «Опубликовать приложение», статус In production), затем войдите заново: nastavnik auth login — вход, выданный до публикации, всё равно истечёт через 7 дней.",
    "status_refresh_issued": "Вход (refresh token) выдан {date} UTC командой nastavnik auth login",
    "status_refresh_expires": "Вход (refresh token) действует до {date} UTC (по ответу Google)",
    "refresh_expiring": "Внимание: вход (refresh token) перестанет действовать {date} UTC (через {days} дн.). Опубликуйте приложение OAuth (Google Cloud Console → Google Auth Platform → Аудитория → «Опубликовать приложение», статус In production), затем войдите заново: nastavnik auth login — вход, выданный до публикации, истечёт в тот же срок.",
    "refresh_maybe_testing": "Внимание: если приложение OAuth в Google Cloud ещё в статусе «Тестирование» (Testing), этот вход перестанет действовать {date} UTC (Google выдаёт таким приложениям вход на 7 дней) и ночной запуск остановится. Опубликуйте приложение (Google Cloud Console → Google Auth Platform → Аудитория → «Опубликовать приложение», статус In production), затем войдите заново: nastavnik auth login — вход, выданный до публикации, истечёт через 7 дней всё равно. Если приложение уже опубликовано и вход выполнен после этого, ничего делать не нужно.",
})
DOCTOR.update({
    "google_refresh_token": "Вход в Google (refresh token) выдан {date} UTC",
})
GOOGLE.update({
    "configured_folder_invisible": "Папка Google Диска {folder} ([documents] {key}) не видна программе nastavnik (Google Диск: 404 notFound): с правом drive.file программа видит только папки и файлы, которые создала сама, а папку, созданную вручную, — нет. Как исправить: очистите [documents] {key} ({key} = \"\") — программа сама создаст папку «{name}» в папке [google] folder_id; шаблоны, которые программа создала, потом можно править в Google Документах.",
})
TEXT.update({
    "init_google_folder": "Папка Google Диска «{name}» (программа создала её сама или нашла созданную ранее): {url}\nЕё ID записан в {config} ([google] folder_id). Папку можно переименовать, переместить и открыть коллегам — доступ у программы останется.",
})

# --- issue 13: reading what staff make of a tab (title rows, comment rows, formulas) ---------
TEXT.update({
    "header_found_below": "Лист «{tab}»: строка заголовков найдена в строке {row}; {above}.",
    "header_above_one": "строка 1 над ней не читается",
    "header_above_many": "строки 1–{last} над ней не читаются",
    "header_rows_one": "в строке 1",
    "header_rows_many": "в строках 1–{last}",
    "header_not_found": "Лист «{tab}»: не найдена строка заголовков ({rows} нет ни одного из столбцов {missing}). Верните строку заголовков (порядок столбцов не важен; образец — лист нового рабочего пространства: nastavnik init).",
    "missing_column_in_row": "Лист «{tab}»: нет обязательного столбца «{column}». Верните заголовок «{column}» в строку {row} листа, к остальным заголовкам (порядок столбцов не важен).",
    "header_not_found_nearest": "Лист «{tab}»: не найдена строка заголовков ({rows}); ближе всего строка {row}, но в ней нет столбцов {missing}. Верните эти заголовки в строку {row} (порядок столбцов не важен).",
})
MESSAGES.update({
    "uncomputed_formula": "{column}: формула без вычисленного значения — откройте и сохраните файл в Excel/LibreOffice",
})

# --- issue 13: the workbook's writer (cell patches, crash leftovers) ------------------------------
TEXT.update({
    "temp_removed": "Удалён временный файл прерванной записи книги: {name} (папка {dir}); книга не пострадала.",
})

# --- issue 13: questionnaire exports as staff really produce them ---------------------------------
INGEST.update({
    "unreadable_reasons": {
        "not_xlsx": "это не книга XLSX — файл обрезан при скачивании, повреждён или защищён паролем",
        "broken_xlsx": "книга XLSX повреждена ({error})",
        "binary": "это не текст CSV (в файле двоичные данные)",
        "encoding": "кодировка не распознана (ожидается UTF-8 или Windows-1251)",
        "csv": "ошибка формата CSV ({error})",
        "os": "файл не открывается ({error}) — возможно, он открыт в другой программе или нет прав на чтение",
    },
    "unsupported_export": (
        "Файл «{file}»: формат {suffix} не читается. Откройте файл и сохраните ответы как CSV (UTF-8) "
        "или XLSX; файл пропущен."
    ),
    "empty_export": (
        "Файл «{file}» пуст — в нём нет ни заголовков, ни ответов. Скачайте ответы из формы заново "
        "(CSV или XLSX) и замените им этот файл; файл пропущен."
    ),
    "one_column": (
        "Файл «{file}»: столбцы не разделены запятой, точкой с запятой или табуляцией (строка "
        "заголовков: «{header}»). Скачайте ответы из формы заново как CSV; файл пропущен."
    ),
    "duplicate_header": (
        "Файл «{file}» (анкета «{form}»): столбцы «{first}» и «{header}» соответствуют одному вопросу "
        "«{question}» — принят столбец «{first}», ответы столбца «{header}» не приняты. Удалите или "
        "переименуйте лишний столбец."
    ),
    "header_taken": "Файл «{file}»: столбец «{header}» принят как вопрос «{question}» (анкета «{form}»).",
    "where_file": "Файл «{file}», строка {row}",
    "where_form": "Форма «{form}», ответ {who}",
    "control_chars": (
        "{where}, вопрос «{question}»: из ответа удалены невидимые управляющие символы ({chars}) — "
        "таблица не может их хранить; остальной текст ответа принят."
    ),
    "line_break_char": "{code} заменён переводом строки",
})
TEXT.update({
    "workbook_changed_meanwhile": "Файл {path} изменили (сохранили в Excel или другой программе), пока задание готовило запись: ничего не записано, чтобы «Статус» и другие ячейки не попали в чужие строки. Запустите команду снова.",
})
TEXT.update({
    "unsafe_symlink": "{path} — символическая ссылка: nastavnik не пишет по ссылкам, чтобы запись не попала в чужой файл. Удалите ссылку (на её месте программа создаст обычный файл) и запустите команду снова.",
    "person_row": "строка {row} листа «{tab}»",
    "person_pair": "участник пары {pair}",
    "person_masked": "[ФИО скрыто]",
    "person_response_row": "автор ответа в строке {row} выгрузки анкеты",
    "person_response": "автор ответа анкеты",
    "email_masked": "[e-mail скрыт]",
})


# --- figures that do not give away a person (jobs.disclosure) ---------------------------------
CONFIG.update({
    "min_answers": (
        "{path}: «privacy.min_answers» = {value} — средняя оценка из меньше чем {floor} ответов "
        "выдаёт ответ конкретного человека; укажите число не меньше {floor} (по умолчанию 5)"
    ),
})

DISCLOSURE = {
    "few_answers": "мало ответов",
    "report_note": (
        "Средние оценки приводятся интервалами шкалы 1–10 («7–9» — от 7 до 9) и только по группам "
        "не менее чем из {min_answers} ответов участников, давших согласие на обработку персональных "
        "данных; по паре или вопросу с меньшим числом ответов оценка не приводится («мало ответов»)."
    ),
}

# A tab's sheet part that is not well-formed XML (sync.local.workbook), and the 152-ФЗ warning of
# doctor on the Google backend (jobs.doctor).
TEXT["workbook_sheet_broken"] = (
    "Книга {path}: лист «{tab}» повреждён — его XML ({part}) не читается: {reason}. Восстановите "
    "книгу из резервной копии {backup} (скопируйте её на место книги) или откройте и пересохраните "
    "книгу в Excel или LibreOffice."
)
DOCTOR["pd_place"] = "Где хранятся персональные данные: Google (серверы за пределами России)"
DOCTOR["pd_localisation"] = (
    "Персональные данные сотрудников хранятся в Google (за пределами России). По ч. 5 ст. 18 "
    "152-ФЗ запись, систематизация, накопление и хранение ПДн граждан РФ ведутся в базах данных на "
    "территории России; передача в Google — трансграничная (ст. 12): нужны решение оператора "
    "(школы) и уведомление Роскомнадзора. Подробнее — раздел README «152-ФЗ». Это не юридическая "
    "консультация."
)

# --- the public page: which roadmap events are published (jobs/publish.py, issue 14) --------
HEADERS["public"] = "Публиковать"
PUBLISH.update({
    "withheld": (
        "Не опубликовано мероприятий дорожной карты: {count} (строки {rows} листа «{tab}») — в "
        "тексте ФИО или адрес e-mail участника либо пометка «не публиковать». Уберите их из текста "
        "мероприятия, и оно попадёт на страницу при следующей публикации."
    ),
    "not_public": (
        "Не отмечены для публикации мероприятий: {count} (строки {rows} листа «{tab}»). Чтобы "
        "мероприятие попало на страницу, выберите «да» в столбце «{column}»."
    ),
    "no_public_column": (
        "В листе «{tab}» нет столбца «{column}»: на страницу попадают только мероприятия, "
        "внесённые nastavnik при создании таблицы; добавленные или изменённые вами ({count}, "
        "строки {rows}) не публикуются. Добавьте столбец «{column}» со значениями «да»/«нет»."
    ),
    "hidden_stage": "Этап {no}",
})
# Words that mark an event as internal: such an event is never published (compared after folding
# case and ё→е, at the start of a word).
PRIVATE_MARKERS = ("не публиковать", "не для публикации", "не для сайта", "служебн", "конфиденциальн",
                   "жалоб", "дсп", "для внутреннего")

# --- what a local template may hold, and its rendering budget (sync/local/template_sandbox.py) --
DOCUMENTS.update({
    "template_tag_refused": (
        "Шаблон «{template}» ({where}): тег «{tag}» не разрешён — в шаблоне можно использовать только "
        "поля {{{{…}}}}, повтор строки таблицы {{%tr for … %}} и условия {{% if поле %}}; удалите тег "
        "или замените его полем."
    ),
    "template_tag_nested": (
        "Шаблон «{template}» ({where}): тег «{tag}» стоит внутри другого повтора строки — повторы "
        "строк таблицы не вкладываются друг в друга; оставьте один повтор."
    ),
    "template_tag_google": (
        "Шаблон «{template}» ({where}): тег «{tag}» в Google Документе не работает — поля {{{{…}}}} "
        "заменяются сами, а строка таблицы с полями {{{{pair.…}}}} повторяется для каждой пары сама; "
        "удалите тег."
    ),
    "template_render_slow": (
        "Документ «{name}» не создан: шаблон «{template}» ({where}) заполнялся дольше {seconds} с, "
        "заполнение остановлено. Проверьте повторы строк в шаблоне (или удалите шаблон — будет "
        "создан шаблон по умолчанию) и запустите команду снова."
    ),
    "template_render_big": (
        "Документ «{name}» не создан: по шаблону «{template}» ({where}) получается больше {mb} МБ "
        "разметки, заполнение остановлено. Проверьте повторы строк в шаблоне (или удалите шаблон — "
        "будет создан шаблон по умолчанию) и запустите команду снова."
    ),
})

# Issue 15 — upgrades: configs of a newer version, upgrade-workspace, doctor
CONFIG.update({
    "did_you_mean": "; возможно, имелся в виду «{key}»",
    "unknown_key_newer": (
        "{path}: ключ «{key}» неизвестен этой версии nastavnik ({running}; настройки от версии "
        "{version}) — пропущен"
    ),
    "unknown_section_newer": (
        "{path}: раздел «{key}» неизвестен этой версии nastavnik ({running}; настройки от версии "
        "{version}) — пропущен"
    ),
})

# Issue 15 — file errors, permissions, the token cache, shared group access (sync/file_errors.py,
# sync/safe_files.py, sync/google/auth.py, jobs/cli.py init --group)
FILES = {
    "message": "Не удалось открыть или записать {path} от имени пользователя {user}: {what}. Как исправить: {fix}",
    "detail": "{path}: {what} (пользователь {user}).",
    "no_permission": "недостаточно прав",
    "read_only": "файловая система только для чтения",
    "disk_full": "диск заполнен",
    "not_a_folder": "часть пути — файл, а не папка",
    "is_a_folder": "это папка, а не файл",
    "missing": "папки нет",
    "fix_chown": "дайте права пользователю {user}: sudo chown -R {user}:{group} {folder} && sudo chmod -R u+rwX {folder}",
    "fix_read_only": (
        "служба nastavnik (systemd) разрешает запись только в {state}: перенесите файл туда и укажите "
        "новый путь в {state}/nastavnik.toml (или добавьте папку в ReadWritePaths= юнита)"
    ),
    "fix_disk_full": "освободите место на диске (сколько свободно: df -h {folder}) и запустите команду снова",
    "fix_not_a_folder": "уберите файл с этим именем или укажите в nastavnik.toml другой путь",
    "fix_is_a_folder": "укажите в nastavnik.toml путь к файлу, а не к папке",
    "fix_missing": "создайте папку: sudo install -d -o {user} -g {group} -m 0700 {folder}",
    "fix_other": "проверьте путь, права и свободное место и запустите команду снова",
    "group_unknown": (
        "Группы «{group}» ([files] group) нет на этом компьютере. Как исправить: создайте её и добавьте "
        "в неё пользователей, которым нужен доступ к файлам: sudo groupadd {group} && sudo usermod -aG {group} {user}"
    ),
    "group_not_member": (
        "Пользователь {user} не входит в группу «{group}» ([files] group) и не может открыть ей файлы. "
        "Как исправить: sudo usermod -aG {group} {user}, затем войдите в систему заново "
        "(или перезапустите службу: sudo systemctl restart nastavnik.service)"
    ),
    "token_not_saved": (
        "Токен Google обновлён, но не сохранён: {reason}. Запуск продолжается с новым токеном в памяти; "
        "пока файл нельзя записать, каждый запуск будет обновлять токен заново."
    ),
}
DOCTOR.update({
    "writable": "{title}: в папку {path} можно записывать",
    "file_access": "{title}: файл {path} доступен для чтения и записи",
    "workbook_no_access": "Книга {path} доступна для чтения и записи",
    "where_workspace": "Рабочее пространство",
    "where_lock": "Файл блокировки запуска",
    "where_documents": "Документы",
    "where_forms": "Выгрузки анкет",
    "where_templates": "Шаблоны",
    "where_token": "Кэш токена Google",
    "where_state": "Папка состояния ([files] state_dir)",
    "where_backups": "Резервные копии",
})

# Issue 15 — failures visible from outside: last-run.json, postponed «Журнал» rows, JSON logs
# (jobs/run_record.py, jobs/cli_run.py)
TEXT.update({
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
})

# Issue 16 — exactly once on Google: documents, forms and pictures named when a step fails
DOCUMENTS.update({
    "document_failed": (
        "Документ «{name}» ({link}) не доделан: {reason} Сделанное сохранено; запустите ту же "
        "команду ещё раз — nastavnik найдёт документ по ключу и заполнит его, второй копии не будет."
    ),
    "image_still_shared": (
        "Документ «{name}»: доступ по ссылке к картинке {where} не отозван ({reason}) — откройте "
        "файл и в «Настройках доступа» выберите «Доступ ограничен», затем удалите его."
    ),
    "image_not_removed": (
        "Документ «{name}»: картинка {where} (доступ по ссылке уже отозван) не удалена ({reason}) — "
        "удалите её вручную."
    ),
})
FORMS_PUBLISH.update({
    "form_failed": "Анкета «{form}» не создана или не доделана: {reason}",
    "forms_create_refused": (
        "Google не дал создать анкету «{form}»: forms.create ответил {code} {status} ({message}). "
        "Сервисный аккаунт {who} не владеет файлами «Моего диска», а forms.create создаёт форму "
        "именно там. Выход: укажите в [google] folder_id папку на общем диске, где у аккаунта роль "
        "«Менеджер контента» (nastavnik создаст анкеты прямо в ней), или включите делегирование на "
        "уровне домена и укажите [google] subject (адрес сотрудника), или войдите как сотрудник "
        "(auth = \"oauth\"); затем снова nastavnik init --google."
    ),
    # a form not yet made: what `nightly`/`ingest` say — init either makes it or says why Google refused
    "not_created": (
        "Анкета «{form}»: форма Google ещё не создана. Запустите nastavnik init --google — он создаст "
        "анкеты, а если Google откажет, назовёт отказавший вызов (forms.create) и что изменить в настройках."
    ),
    "forms_create_refused_user": (
        "Google не дал создать анкету «{form}»: forms.create ответил {code} {status} ({message}). "
        "Проверьте, что у учётной записи nastavnik включены Google Формы (Admin console → "
        "Приложения → Google Workspace → Формы) и выдано право «Формы» (scope forms.body) при "
        "входе; затем снова nastavnik init --google."
    ),
})

# Issue 15 — upgrades: upgrade-workspace (jobs/upgrade.py, sheets_schema/upgrade.py), doctor
JOBS["upgrade"] = "обновление рабочего пространства"
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
    "questionnaire_missing": "Не готово: {check} — анкеты будут созданы или исправлены, как это делает nastavnik init --google",
    "config_version_failed": (
        "не удалось записать версию nastavnik в файл настроек {path} ({reason}); рабочее "
        "пространство обновлено, настройки работают и без этой записи"
    ),
}
DOCTOR.update({
    "config_warnings": "Настройки прочитаны с предупреждениями: {warnings}",
})

# Issue 15 — backups and `nastavnik restore` (sync/local/backups.py, jobs/cli_restore.py)
JOBS["restore"] = "восстановление книги из копии"
TEXT.update({
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
})
DOCTOR["workbook_fix"] = (
    "восстановите книгу из резервной копии: nastavnik restore покажет копии, nastavnik restore "
    "--latest вернёт последнюю (или создайте рабочее пространство заново: nastavnik init ПАПКА)"
)

# Issue 15 — upgrades: the doctor no longer says "copy the tab from a new workspace"
UPGRADE["tab_missing"] = (
    "Нет листа «{tab}». Его добавит nastavnik upgrade-workspace — с заголовками и строками по "
    "умолчанию, не меняя других листов (копировать лист вручную не нужно)."
)
DOCTOR["tab_fix"] = (
    "верните лист или заголовки, названные выше (переименованному — прежнее название; удалённое — "
    "из резервной копии); то, что добавила новая версия, добавит nastavnik upgrade-workspace"
)

# Issue 15 — init --group (jobs/cli.py)
FILES.update({
    "init_group_done": (
        "Доступ открыт группе «{group}»: папки 2770, файлы 0660 (ключи и токены — только владельцу, 0600); "
        "в {config} записано [files] group = \"{group}\"."
    ),
    "fix_join_group": (
        "папка открыта группе «{group}»: добавьте пользователя в группу — sudo usermod -aG {group} {user}, "
        "затем войдите в систему заново"
    ),
})

# Issue 15 — a run stopped by SIGTERM (timeout, systemd) still leaves its record (jobs/cli_run.py)
TEXT.update({
    "outcome_terminated": "прерван сигналом завершения (timeout или остановка службы)",
    "run_terminated": (
        "Команда {command} прервана сигналом завершения (SIGTERM: истёк timeout или служба "
        "остановлена). Уже записанное сохранено целиком; следующий запуск продолжит работу. Если "
        "запуск не успевает, увеличьте timeout в строке cron или TimeoutStartSec= в юните."
    ),
})

# Issue 16 — a picture an interrupted run left behind
DOCUMENTS.update({
    "image_swept": "Картинка «{name}», оставшаяся от прерванного запуска, закрыта для доступа по ссылке и удалена.",
})
