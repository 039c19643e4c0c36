"""Tab titles, column headers, the titles of the «Списки» columns and the names of the jobs in «Журнал»."""

from typing import Any

from sheets_schema.ru import evaluation as _evaluation
from sheets_schema.ru import training as _training

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
    # the hidden service tab of `nastavnik ingest`
    "ingest": "Анкеты (служебный)",
    # the catalogue of events of the personalised programmes (`nastavnik orders`)
    "catalog": "Каталог мероприятий",
    # issue 19: the plans of the programmes, row by row, ticked by staff (jobs/plan_progress.py)
    "plan": "План мероприятий",
}

# --- Column headers (one header per column key, shared by every tab that has the column) ------
HEADERS: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
    # people
    "full_name": "ФИО",
    "email": "E-mail",
    "position": "Должность",
    "subject": "Предмет",
    "levels": "Уровень образования",
    "years": "Педагогический стаж, лет",
    "category": "Квалификационная категория / СЗД",  # СЗД: соответствие занимаемой должности
    "young": "Возраст до 35 лет",
    "education": "Образование",
    "difficulties": "Профессиональные затруднения",
    "other_difficulty": "Другое затруднение",
    "competences": "Компетенции",
    "preferred_form": "Предпочитаемая форма наставничества",
    "preferred_forms": "Формы наставничества",
    "preferred_mentor": "Желаемый наставник",
    "timetable": "Удобные дни для встреч",
    "capacity": "Максимум наставляемых",
    "trained": "Прошёл(ла) обучение для наставников",
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
    "difficulties_closed": "Преодолённые затруднения",
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
    # the hidden service tab of `ingest`
    "record": "Запись",
    "questionnaire": "Анкета",
    "record_key": "Ключ",
    "record_value": "Значение",
    # monitoring: whom the respondent names as the other side of the pair
    "partner_email": "E-mail второго участника пары",
    "difficulty": "Затруднение",
    "activity_form": "Форма проведения",
    # roadmap: the code of an event the roadmap job marks done from the data
    "code": "Код (автоотметка)",
    # roadmap: which events the public page shows (jobs/publish.py)
    "public": "Публиковать",
    # issue 19: «План мероприятий» and the plan's progress on «Пары» (jobs/plan_progress.py)
    "plan_no": "№",
    "plan_result": "Результат",
    "plan_mark": "Отметка",
    "plan_mark_date": "Дата отметки",
    "plan_comment": "Комментарий",
    "plan_progress": "Выполнение плана",
    "plan_behind": "Отставание от плана",
}

# Headers earlier versions gave a column (column key → old headers). A tab is read by them as by
# the current header (`sheets_schema.grid.header_texts`), so a workspace made before a rename keeps
# working; only a new workspace (and a column `upgrade-workspace` adds) gets the current header.
# `upgrade-workspace` never rewrites a header cell (it only adds), so an old header stays as staff
# see it until they retype it.
OLD_HEADERS: dict[str, tuple[str, ...]] = {
    "category": ("Квалификационная категория",),
    "trained": ("Обучение наставников пройдено",),
    "difficulties_closed": ("Закрытые затруднения",),
}

JOBS = {
    "validate": "проверка банков",
    "nightly": "ночной запуск",
    "doctor": "проверка готовности",
    "match": "подбор пар",
    "ingest": "приём анкет",
    "orders": "приказы и программы",
    "roadmap": "дорожная карта", "monitor": "итоги мониторинга", "publish": "страница для сайта",
    "report": "отчёт о мониторинге",
    # Issue 15 — upgrades: upgrade-workspace (jobs/upgrade.py, sheets_schema/upgrade.py), doctor
    "upgrade": "обновление рабочего пространства",
    # Issue 15 — backups and `nastavnik restore` (sync/local/backups.py, jobs/cli/cmd_restore.py)
    "restore": "восстановление книги из копии",
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
    "plan_marks": "Отметки плана",  # issue 19
}
HEADERS.update({f"list_{key}": title for key, title in LIST_TITLES.items()})


def _add(table: dict[str, Any], more: dict[str, Any]) -> None:
    """Add a feature's headers or tab titles; a key already taken is a bug (it would rename
    another tab's column in every workspace), so it fails at import."""
    taken = sorted(set(table) & set(more))
    if taken:
        raise KeyError(f"header/tab keys defined twice: {taken}")
    table.update(more)


# Issue 19 (completion, self-assessment): «Причина завершения», the tab «Самооценка»
_add(HEADERS, _evaluation.HEADERS)
_add(TABS, _evaluation.TABS)
JOBS["completion"] = "завершение пар"
JOBS["plan_backfill"] = "планы прежних программ"  # issue 19: jobs/plan_backfill.py

# Issue 19 — mentor training and certificates (sheets_schema/ru/training.py)
TABS["training"] = _training.TAB
JOBS["certificates"] = "благодарности наставникам"
_add(HEADERS, _training.HEADERS)

# Issue 19 — the meetings diary and the «Методическая копилка» (sheets_schema/ru/diary.py)
from sheets_schema.ru import diary as _diary  # noqa: E402
_add(TABS, _diary.TABS)
_add(HEADERS, _diary.HEADERS)
LIST_TITLES.update(_diary.LIST_TITLES)
HEADERS.update({f"list_{key}": title for key, title in _diary.LIST_TITLES.items()})

# Issue 19 — the plan ticked off: `nastavnik programmes --refresh` (jobs/plan_refresh.py)
JOBS["programmes"] = "обновление планов в программах"

# Issue 19 — the mentor's final report: the tab «Отчёты наставников» (sheets_schema/ru/mentor_report.py)
from sheets_schema.ru import mentor_report as _mentor_report  # noqa: E402
_add(TABS, _mentor_report.TABS)
_add(HEADERS, _mentor_report.HEADERS)

# Issue 20 — network mentoring across schools (sheets_schema/ru/network.py, jobs/municipal/network.py)
from sheets_schema.ru import network as _network  # noqa: E402
_add(HEADERS, _network.HEADERS)
JOBS["network"] = "сетевое наставничество"
