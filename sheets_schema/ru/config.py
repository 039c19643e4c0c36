"""Errors and warnings about the configuration file (nastavnik.toml)."""

from typing import Any

# --- Configuration errors (nastavnik.toml) ----------------------------------------------------
CONFIG: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
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
    "year_end": "{path}: «school.year_end» = {value!r} — ожидается день и месяц ДД.ММ, например \"31.05\"",
    "types": {"str": "строкой в кавычках", "int": "целым числом", "float": "числом", "bool": "true или false", "list": "списком [...]"},
    "actual": {"str": "строка", "int": "целое число", "float": "число", "bool": "логическое значение", "list": "список", "dict": "раздел", "datetime": "дата и время", "date": "дата", "time": "время"},
    "where_section": " раздела [{section}]",
    "where_top": " верхнего уровня",
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
    # --- figures that do not give away a person (jobs.disclosure) ---------------------------------
    "min_answers": (
        "{path}: «privacy.min_answers» = {value} — средняя оценка из меньше чем {floor} ответов "
        "выдаёт ответ конкретного человека; укажите число не меньше {floor} (по умолчанию 5)"
    ),
    # Issue 15 — upgrades: configs of a newer version, upgrade-workspace, doctor
    "did_you_mean": "; возможно, имелся в виду «{key}»",
    "unknown_key_newer": (
        "{path}: ключ «{key}» неизвестен этой версии nastavnik ({running}; настройки от версии "
        "{version}) — пропущен"
    ),
    "unknown_section_newer": (
        "{path}: раздел «{key}» неизвестен этой версии nastavnik ({running}; настройки от версии "
        "{version}) — пропущен"
    ),
}
