"""The checks of `nastavnik doctor` and the nightly preflight."""

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
    "unlocked": "Книга не открыта в Excel или LibreOffice",
    "unlocked_fix": "закройте файл в Excel/LibreOffice; если он закрыт, удалите оставшийся файл блокировки {lock}",
    "folder": "Папка «{name}» есть и доступна для записи",
    "folder_fix": "создайте папку {path} и дайте пользователю, от имени которого работает cron, права на запись",
    "tab": "Лист «{tab}»: все обязательные столбцы на месте",
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
    "google_refresh_token": "Вход в Google (refresh token) выдан {date} UTC",
    "pd_place": "Где хранятся персональные данные: Google (серверы за пределами России)",
    "pd_localisation": (
        "Персональные данные сотрудников хранятся в Google (за пределами России). По ч. 5 ст. 18 "
        "152-ФЗ запись, систематизация, накопление и хранение ПДн граждан РФ ведутся в базах данных на "
        "территории России; передача в Google — трансграничная (ст. 12): нужны решение оператора "
        "(школы) и уведомление Роскомнадзора. Подробнее — раздел README «152-ФЗ». Это не юридическая "
        "консультация."
    ),
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
    "config_warnings": "Настройки прочитаны с предупреждениями: {warnings}",
    "documents_config": "Настройки документов: ФИО руководителя и куратора, размер доплаты наставникам",
    "workbook_fix": (
        "восстановите книгу из резервной копии: nastavnik restore покажет копии, nastavnik restore "
        "--latest вернёт последнюю (или создайте рабочее пространство заново: nastavnik init ПАПКА)"
    ),
    "tab_fix": (
        "верните лист или заголовки, названные выше (переименованному — прежнее название; удалённое — "
        "из резервной копии); то, что добавила новая версия, добавит nastavnik upgrade-workspace"
    ),
}
