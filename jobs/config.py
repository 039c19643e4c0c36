"""Reading and checking ``nastavnik.toml``.

Every key is declared once in `SPEC` with its type, default and meaning; an unknown key, a wrong
type or a missing required key is a `ConfigError` naming the key and what is expected
(exit code 2), with the known key it is probably a typo of. ``config.example.toml`` documents
the same keys for people.

Going back a version: ``init`` and ``upgrade-workspace`` write ``nastavnik_version``, the
version that created or last upgraded the file. When that version is newer than the running
one, a key or section this version does not know was added by the newer version: it is
reported (`Config.warnings`, «ключ … неизвестен этой версии … — пропущен») and ignored, not
fatal. That is safe by construction: every key this version knows either has a default or is
required (and then was there in every version), so ignoring a key this version never read
cannot leave out anything it needs; a known key with a value it cannot take (a new choice, a
wrong type) stays an error whatever the file's version.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from sync.errors import ConfigFault
from sheets_schema import ru, vocabulary
from sheets_schema.rules import Limits
from jobs.disclosure import MIN_ANSWERS_FLOOR
from jobs.terms import DEFAULT_YEAR_END, SchoolYear, parse_day_month
from jobs.documents.texts import ru_text, ru_texts
from sync import safe_files

DEFAULT_PATH = "nastavnik.toml"
ENV_VAR = "NASTAVNIK_CONFIG"


class ConfigError(ConfigFault):
    """The configuration is missing or wrong (exit code 2)."""


@dataclass(frozen=True)
class Key:
    type: type
    default: Any = None
    required: bool = False
    help: str = ""
    choices: tuple[object, ...] = ()
    low: float | None = None
    high: float | None = None


SPEC: dict[str, Key | dict[str, Key]] = {
    "nastavnik_version": Key(str, "", help="версия nastavnik, которая создала или последней обновила эти настройки (пишут init и upgrade-workspace; не меняйте вручную)"),
    "backend": Key(str, "local", help="где хранится рабочее пространство", choices=("local", "google")),
    "school": {
        "name": Key(str, required=True, help="полное название школы, например «МБОУ СОШ № 26»"),
        "head": Key(str, required=True, help="ФИО руководителя (директора), подписывающего приказы"),
        "coordinator": Key(str, required=True, help="ФИО куратора программы наставничества"),
        "coordinator_email": Key(str, "", help="e-mail куратора"),
        "timezone": Key(str, "", help="часовой пояс школы, например «Europe/Moscow»; пусто — часовой пояс компьютера"),
        "year_end": Key(str, "31.05", help="последний день учебного года ДД.ММ: программы наставничества заканчиваются не позже него"),
        "full_name": Key(str, "", help="полное наименование школы для заголовков приказов, Положения и дополнительных соглашений, например «Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 26»»; пусто — name"),
        "place": Key(str, "", help="место издания приказов и заключения соглашений, например «г. Энск»; пусто — не указывать"),
    },
    "local": {
        "workspace": Key(str, ".", help="папка рабочего пространства (относительно файла настроек)"),
    },
    "validation": {
        "years_max": Key(int, 60, help="наибольший правдоподобный стаж, лет", low=1, high=80),
        "capacity_min": Key(int, 1, help="наименьшее число наставляемых у наставника", low=1, high=50),
        "capacity_max": Key(int, 5, help="наибольшее число наставляемых у наставника", low=1, high=50),
    },
    "google": {
        "auth": Key(str, "oauth", help="способ входа", choices=("oauth", "service_account", "adc")),
        "credentials": Key(str, "", help="файл ключа сервисного аккаунта или OAuth-клиента"),
        "token_cache": Key(str, "", help="файл, где хранится OAuth-токен"),
        "subject": Key(str, "", help="от чьего имени действует сервисный аккаунт (делегирование)"),
        "spreadsheet_id": Key(str, "", help="ID таблицы с банками"),
        "folder_id": Key(str, "", help="ID папки Google Диска для таблицы и документов"),
        "endpoint": Key(str, "", help="адрес API (только для тестового сервера)"),
        "timeout": Key(float, 30.0, help="тайм-аут одного запроса, секунд", low=1, high=600),
        "max_retries": Key(int, 6, help="наибольшее число повторов запроса", low=0, high=20),
        "max_retry_seconds": Key(float, 120.0, help="наибольшее общее время повторов, секунд", low=1, high=3600),
        "requests_per_minute": Key(int, 55, help="предел запросов к Sheets API в минуту", low=1, high=300),
        "lease_minutes": Key(float, 120.0, help="сколько минут держится блокировка прерванного ночного запуска", low=5, high=1440),
        "responders": Key(str, "anyone", help="кто может отвечать на анкеты: «anyone» — все, у кого есть ссылка; «domain» — аккаунты домена школы; «groups» — участники групп responder_groups", choices=("anyone", "domain", "groups")),
        "responders_domain": Key(str, "", help="домен школы для responders = \"domain\"; пусто — домен из school.coordinator_email"),
        "responder_groups": Key(list, [], help="адреса групп Google для responders = \"groups\""),
    },
    "matching": {
        "mode": Key(str, "quality", help="цель подбора: «quality» — наибольший суммарный балл, «count» — больше всего пар, затем наибольший балл", choices=("quality", "count")),
        "min_score": Key(float, 20.0, help="наименьший балл пары, ниже которого пара не предлагается", low=0, high=1000),
        "weight_difficulties": Key(float, 40.0, help="баллы, если компетенции наставника закрывают все затруднения (пропорционально доле)", low=0, high=1000),
        "weight_subject": Key(float, 60.0, help="баллы за совпадение предмета; вес велик нарочно: наставник своего или смежного предмета со свободным местом предлагается раньше наставника другого предмета", low=0, high=1000),
        "weight_related_subject": Key(float, 45.0, help="баллы за смежный предмет (одна группа в subject_groups)", low=0, high=1000),
        "weight_level": Key(float, 10.0, help="баллы за общий уровень образования (пропорционально доле уровней наставляемого)", low=0, high=1000),
        "weight_experience": Key(float, 8.0, help="баллы, если разница в стаже в пределах best_gap_min–best_gap_max", low=0, high=1000),
        "weight_category": Key(float, 6.0, help="баллы за высшую категорию (педагог-методист, педагог-наставник); за первую — половина", low=0, high=1000),
        "weight_form": Key(float, 5.0, help="баллы, если наставник готов к форме, которую предпочитает наставляемый", low=0, high=1000),
        "weight_timetable": Key(float, 5.0, help="баллы за общий день для встреч", low=0, high=1000),
        "weight_preferred_mentor": Key(float, 60.0, help="баллы, если наставник — желаемый наставник наставляемого", low=0, high=1000),
        "weight_trained": Key(float, 4.0, help="баллы, если наставник прошёл обучение наставников", low=0, high=1000),
        "require_training": Key(bool, False, help="предлагать только наставников, прошедших обучение"),
        "training_valid_years": Key(int, 3, help="обучение на листе «Обучение наставников» засчитывается, если оно окончилось не раньше чем столько лет назад", low=1, high=50),
        "min_mentor_years": Key(int, 5, help="наименьший педагогический стаж наставника, лет", low=0, high=80),
        "min_gap": Key(int, 3, help="наставник опытнее наставляемого не меньше чем на столько лет", low=0, high=80),
        "best_gap_min": Key(int, 5, help="нижняя граница желательной разницы в стаже, лет", low=0, high=80),
        "best_gap_max": Key(int, 30, help="верхняя граница желательной разницы в стаже, лет", low=0, high=80),
        "subject_groups": Key(list, [list(g) for g in vocabulary.SUBJECT_GROUPS],
                              help="группы смежных предметов (методические объединения): список списков предметов; "
                                   "затруднения, связанные с предметом (рабочие программы, урок, оценивание, подготовка "
                                   "к ОГЭ/ЕГЭ), засчитываются только наставнику того же или смежного предмета"),
        "group_bonus": Key(float, 0.0, help="баллы за каждого второго и следующего наставляемого с тем же главным затруднением у одного наставника (групповое наставничество); 0 — не объединять", low=0, high=1000),
        "group_time_limit": Key(float, 30.0, help="сколько секунд искать лучший вариант с группами (group_bonus > 0)", low=1, high=3600),
        "programme_months": Key(int, 9, help="срок программы наставничества от её начала (даты приказа), месяцев; не дольше конца учебного года (school.year_end)", low=3, high=12),
        "group_min_size": Key(int, 2, help="со скольких наставляемых у одного наставника в одной группе форма — «групповая» (меньше — «традиционная (один на один)»)", low=2, high=50),
    },
    "documents": {
        "nightly": Key(bool, False, help="создавать приказ и программы для утверждённых пар при ночном запуске"),
        "order_number": Key(str, "", help="номер приказа о закреплении пар; пусто — оставить место для номера (впишет секретарь)"),
        "order_date": Key(str, "", help="дата приказа ДД.ММ.ГГГГ; пусто — оставить место для даты"),
        "regulation": Key(str, "", help="реквизиты приказа, которым утверждено Положение о наставничестве, например «от 01.09.2025 № 45»"),
        "payment": Key(str, "", help="размер доплаты за наставничество (ст. 351.8 ТК РФ): сумма «3000 руб. в месяц» или процент «15% должностного оклада»; пусто — по локальному акту об оплате труда; текст, начинающийся не с цифры, — пункт приказа целиком (как в прежних версиях)"),
        "payment_source": Key(str, "", help="источник доплаты, например «за счёт стимулирующей части фонда оплаты труда» (это значение по умолчанию)"),
        "regulation_title": Key(str, "", help="название Положения о наставничестве школы; пусто — «Положение о системе наставничества педагогических работников»"),
        "control": Key(str, "", help="пункт приказа о контроле исполнения; пусто — «Контроль … оставляю за собой»"),
        "head_position": Key(str, "Директор", help="должность подписывающего приказы"),
        "reporting": Key(str, "", help="форма отчётности в программе наставничества; пусто — отчёт, открытый урок, самоанализ, портфолио"),
        "meetings": Key(str, "", help="периодичность встреч в программе наставничества; пусто — «не реже одного раза в две недели»"),
        "monitoring_dates": Key(list, [], help="даты мониторинга в приказе о реализации целевой модели (ДД.ММ.ГГГГ); пусто — 25 декабря и 25 мая учебного года"),
        "pdf": Key(bool, False, help="создавать также PDF (локально — через LibreOffice, если он установлен; Google — экспорт в папку pdf_folder)"),
        "pdf_folder": Key(str, "pdf", help="куда сохранять PDF документов Google (относительно файла настроек)"),
        "templates_folder_id": Key(str, "", help="ID папки Google Диска с шаблонами; пусто — папка «Шаблоны nastavnik», созданная init"),
        "output_folder_id": Key(str, "", help="ID папки Google Диска для приказов и программ; пусто — папка «Документы nastavnik»"),
    },
    "files": {
        "state_dir": Key(str, "", help="папка состояния: last-run.json, резервные копии книги (backups/), строки «Журнала», которые не удалось записать; пусто — папка файла настроек (относительно файла настроек)"),
        "group": Key(str, "", help="группа Unix, которой открыты рабочее пространство и документы (папки 2770, файлы 0660; ключи и токены — всегда 0600); пусто — только владелец (0700/0600)"),
        "backup_days": Key(int, 14, help="сколько дней хранить датированные копии книги (одна копия в начале каждого запуска, который пишет); 0 — не делать копий", low=0, high=3650),
    },
    "privacy": {
        "min_answers": Key(int, 5, help="из скольких ответов анкеты мониторинга — не меньше — отчёт и страница для сайта показывают среднюю оценку (не меньше 3)"),
    },
    "roadmap": {  # the thresholds of the roadmap's marks (jobs/roadmap_marks.py)
        "banks_percent": Key(int, 90, help="банк (и анкетирование) «выполнено», когда столько процентов его строк проверены и с согласием", low=1, high=100),
        "pairs_percent": Key(int, 90, help="«Формирование пар» «выполнено», когда в парах столько процентов проверенных наставляемых", low=1, high=100),
        "orders_percent": Key(int, 90, help="«Приказы о закреплении пар» «выполнено», когда столько процентов пар закреплены приказом", low=1, high=100),
        "programmes_percent": Key(int, 90, help="«Разработка программ» «выполнено», когда у стольких процентов пар есть программа", low=1, high=100),
        "training_percent": Key(int, 90, help="«Обучение наставников» «выполнено», когда обучение прошли столько процентов наставников пар", low=1, high=100),
        "monitoring_percent": Key(int, 70, help="«Мониторинг» «выполнено», когда на анкету ответили столько процентов пар", low=1, high=100),
        "monitoring_min_answers": Key(int, 2, help="и ответов не меньше стольких (один ответ мониторинг не завершает)", low=2, high=1000),
        "monitoring_window_months": Key(int, 2, help="ответы на анкету мониторинга учитываются со дня за столько месяцев до его срока", low=1, high=12),
        "publish_months": Key(int, 5, help="«Освещение на сайте» «выполнено», когда страница для сайта обновлялась в стольких месяцах учебного года", low=1, high=12),
        # issue 19: the plan ticked off (jobs/plan_progress.py)
        "plan_behind_percent": Key(int, 30, help="пара отстаёт от плана мероприятий, когда не выполнено больше стольких процентов мероприятий, срок которых наступил", low=1, high=100),
        "diary_weeks": Key(int, 4, help="«Дневник встреч»: пара без встреч столько недель и дольше отмечается в «Итогах мониторинга» (пока в дневнике нет ни одной строки, не отмечается никто)", low=1, high=52),
    },
}


@dataclass(frozen=True)
class School:
    name: str
    head: str
    coordinator: str
    coordinator_email: str = ""
    year_end: str = DEFAULT_YEAR_END  # ДД.ММ, checked: `school_year` reads it
    full_name: str = ""  # the full name for document headers ("" — `name`)
    place: str = ""  # where orders are issued, «г. Энск» ("" — not printed)

    @property
    def school_year(self) -> SchoolYear:
        return SchoolYear.from_text(self.year_end)


@dataclass(frozen=True)
class Config:
    path: Path
    backend: str
    school: School
    workspace_dir: Path
    limits: Limits
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    # what was skipped, in Russian: keys of a newer version's config (see the module docstring)
    warnings: tuple[str, ...] = ()
    version: str = ""  # ``nastavnik_version`` of the file ("" — written before versions were)

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})

    @property
    def state_dir(self) -> Path:
        """Where the run's record (last-run.json), dated backups and Журнал rows waiting to be
        written live: ``[files] state_dir`` relative to the config file, or the config's folder."""
        folder = self.section("files").get("state_dir") or "."
        return (self.path.parent / folder).resolve()

    @property
    def group(self) -> str:
        """``[files] group``: the Unix group the workspace is shared with ("" — owner only)."""
        return str(self.section("files").get("group") or "")


def _type_name(value: Any) -> str:
    for t, name in ((bool, "bool"), (int, "int"), (float, "float"), (str, "str"), (list, "list"), (dict, "dict"),
                    (dt.datetime, "datetime"), (dt.date, "date"), (dt.time, "time")):
        if isinstance(value, t):
            return ru_texts(ru.CONFIG, "actual")[name]
    return type(value).__name__


def _check_value(path: Path, name: str, key: Key, value: Any) -> Any:
    ok = isinstance(value, key.type) and not (key.type is int and isinstance(value, bool))
    if key.type is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise ConfigError(
            ru_text(ru.CONFIG, "wrong_type").format(
                path=path.name, key=name, expected=ru_texts(ru.CONFIG, "types")[key.type.__name__],
                value=repr(value), actual=_type_name(value),
            )
        )
    if key.choices and value not in key.choices:
        raise ConfigError(
            ru_text(ru.CONFIG, "not_in_choices").format(
                path=path.name, key=name, value=repr(value), allowed=", ".join(repr(c) for c in key.choices)
            )
        )
    if key.low is not None and not key.low <= value <= key.high:
        raise ConfigError(
            ru_text(ru.CONFIG, "range").format(path=path.name, key=name, value=value, low=key.low, high=key.high)
        )
    return value


def running_version() -> str:
    """The version of the installed nastavnik package ("0" when it is not installed)."""
    from importlib import metadata

    try:
        return metadata.version("nastavnik")
    except metadata.PackageNotFoundError:
        return "0"


def version_key(text: str) -> tuple[int, ...] | None:
    """"0.2.10" → (0, 2, 10); None for a text that is no version (then it is never "newer")."""
    m = re.match(r"^\s*(\d+(?:\.\d+)*)", str(text or ""))
    if not m:
        return None
    parts = [int(p) for p in m[1].split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def is_newer(version: str, than: str) -> bool:
    """Whether `version` is a later release than `than` (either unparsable: no)."""
    a, b = version_key(version), version_key(than)
    return a is not None and b is not None and a > b


def _did_you_mean(name: str, known: Iterable[str], prefix: str = "") -> str:
    """« Возможно, имелся в виду «…».» for the known key closest to a mistyped one, or ""."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return ru_text(ru.CONFIG, "did_you_mean").format(key=prefix + close[0]) if close else ""


class _Unknown:
    """What to do with a key this version does not know: skip it with a warning when the file
    comes from a newer version, else stop with the error (a typo)."""

    def __init__(self, raw: dict[str, Any], path: Path, warnings: list[str] | None):
        self.path = path
        version = raw.get("nastavnik_version")
        self.version: str = version if isinstance(version, str) else ""
        self.running = running_version()
        self.newer = is_newer(self.version, self.running)
        self.warnings = warnings if warnings is not None else []

    def __call__(self, kind: str, key: str, error: str) -> None:
        if not self.newer:
            raise ConfigError(error)
        self.warnings.append(ru_text(ru.CONFIG, f"unknown_{kind}_newer").format(
            path=self.path.name, key=key, version=self.version, running=self.running))


def check(raw: dict[str, Any], path: Path, warnings: list[str] | None = None) -> dict[str, Any]:
    """Check raw TOML data against SPEC; return it with defaults filled in.

    Keys unknown to this version are skipped with a line added to `warnings` when the file's
    ``nastavnik_version`` is newer than this one, else they are a `ConfigError` (see the module
    docstring)."""
    result: dict[str, Any] = {}
    unknown = _Unknown(raw, path, warnings)
    sections = [k for k, v in SPEC.items() if isinstance(v, dict)]
    for name, value in raw.items():
        if name not in SPEC:
            if isinstance(value, dict):
                unknown("section", f"[{name}]", ru_text(ru.CONFIG, "unknown_section").format(
                    path=path.name, key=name, allowed=", ".join(sections)) + _did_you_mean(name, sections))
                continue
            top = [k for k, v in SPEC.items() if isinstance(v, Key)]
            unknown("key", name, ru_text(ru.CONFIG, "unknown_key").format(
                path=path.name, key=name, where=ru_text(ru.CONFIG, "where_top"), allowed=", ".join(top))
                + _did_you_mean(name, top))
    for name, spec in SPEC.items():
        if isinstance(spec, Key):
            if name in raw:
                result[name] = _check_value(path, name, spec, raw[name])
            elif spec.required:
                raise ConfigError(ru_text(ru.CONFIG, "missing").format(path=path.name, key=name, help=spec.help))
            else:
                result[name] = spec.default
            continue
        section = raw.get(name, {})
        if not isinstance(section, dict):
            raise ConfigError(ru_text(ru.CONFIG, "not_section").format(path=path.name, key=name, value=repr(section)))
        checked: dict[str, Any] = {}
        for key, value in section.items():
            if key not in spec:
                allowed = ", ".join(spec) or "—"
                unknown("key", f"{name}.{key}", ru_text(ru.CONFIG, "unknown_key").format(
                    path=path.name, key=f"{name}.{key}",
                    where=ru_text(ru.CONFIG, "where_section").format(section=name), allowed=allowed,
                ) + _did_you_mean(key, spec, prefix=f"{name}."))
        for key, key_spec in spec.items():
            full = f"{name}.{key}"
            if key in section:
                checked[key] = _check_value(path, full, key_spec, section[key])
            elif key_spec.required:
                raise ConfigError(ru_text(ru.CONFIG, "missing").format(path=path.name, key=full, help=key_spec.help))
            else:
                checked[key] = key_spec.default
        result[name] = checked
    v = result["validation"]
    if v["capacity_min"] > v["capacity_max"]:
        raise ConfigError(
            ru_text(ru.CONFIG, "order").format(
                path=path.name, low_key="validation.capacity_min", low=v["capacity_min"],
                high_key="validation.capacity_max", high=v["capacity_max"],
            )
        )
    check_matching(path, result["matching"])
    _check_year_end(path, result["school"]["year_end"])
    _check_payment(path, result["documents"])
    _check_min_answers(path, result["privacy"]["min_answers"])
    _check_responders(path, result["google"], result["school"]["coordinator_email"])
    return result


def _check_min_answers(path: Path, value: int) -> None:
    if value < MIN_ANSWERS_FLOOR:
        raise ConfigError(ru_text(ru.CONFIG, "min_answers").format(path=path.name, value=value, floor=MIN_ANSWERS_FLOOR))


CONSUMER_DOMAINS = ("gmail.com", "googlemail.com")


def _check_responders(path: Path, google: dict[str, Any], coordinator_email: str) -> None:
    """[google] responders: a domain must be known (given, or the coordinator's), groups given;
    the domain found is written back into ``responders_domain`` for the backend."""
    if google["responders"] == "domain":
        domain = (google["responders_domain"] or coordinator_email.rpartition("@")[2]).strip().lower()
        if not domain or "." not in domain:
            raise ConfigError(ru_text(ru.CONFIG, "responders_domain").format(path=path.name))
        if domain in CONSUMER_DOMAINS:
            raise ConfigError(ru_text(ru.CONFIG, "responders_consumer").format(path=path.name, value=domain))
        google["responders_domain"] = domain
    if google["responders"] == "groups":
        groups = google["responder_groups"]
        if not groups:
            raise ConfigError(ru_text(ru.CONFIG, "responders_groups").format(path=path.name))
        for group in groups:
            if not isinstance(group, str) or "@" not in group.strip(" @"):
                raise ConfigError(ru_text(ru.CONFIG, "responders_group_email").format(path=path.name, value=group))


def _check_payment(path: Path, documents: dict[str, Any]) -> None:
    """[documents] payment: a size («3000 руб. в месяц», «15% …») or an older config's clause."""
    from jobs.documents.settings import DocumentSettingsError, parse_payment

    try:
        parse_payment(documents["payment"], documents["payment_source"], path=path.name)
    except DocumentSettingsError as exc:
        raise ConfigError(str(exc)) from None


def _check_year_end(path: Path, value: str) -> None:
    if parse_day_month(value) is None:
        raise ConfigError(ru_text(ru.CONFIG, "year_end").format(path=path.name, value=value))


def check_matching(path: Path, m: dict[str, Any]) -> None:
    """What a [matching] section's keys cannot say alone (the keys themselves are checked by
    their `Key`): the preferred gap's order and the subject groups' subjects."""
    if m["best_gap_min"] > m["best_gap_max"]:
        raise ConfigError(
            ru_text(ru.CONFIG, "order").format(
                path=path.name, low_key="matching.best_gap_min", low=m["best_gap_min"],
                high_key="matching.best_gap_max", high=m["best_gap_max"],
            )
        )
    _check_subject_groups(path, m["subject_groups"])


def _check_subject_groups(path: Path, groups: list[object]) -> None:
    from sheets_schema.ru import MATCHING, SUBJECTS

    for group in groups:
        if not isinstance(group, list) or not all(isinstance(s, str) for s in group):
            raise ConfigError(ru_text(MATCHING, "config_groups_shape").format(path=path.name, value=repr(group)))
        for subject in group:
            if subject not in SUBJECTS:
                raise ConfigError(
                    ru_text(MATCHING, "config_groups_subject").format(
                        path=path.name, value=subject, allowed=", ".join(SUBJECTS)
                    )
                )


@dataclass(frozen=True)
class MatchingSettings:
    """The [matching] section, typed: weights in points, hard rules and the solver's goal."""

    mode: str = "quality"
    min_score: float = 20.0
    weight_difficulties: float = 40.0
    weight_subject: float = 60.0
    weight_related_subject: float = 45.0
    weight_level: float = 10.0
    weight_experience: float = 8.0
    weight_category: float = 6.0
    weight_form: float = 5.0
    weight_timetable: float = 5.0
    weight_preferred_mentor: float = 60.0
    weight_trained: float = 4.0
    require_training: bool = False
    training_valid_years: int = 3
    min_mentor_years: int = 5
    min_gap: int = 3
    best_gap_min: int = 5
    best_gap_max: int = 30
    subject_groups: tuple[tuple[str, ...], ...] = vocabulary.SUBJECT_GROUPS
    group_bonus: float = 0.0
    group_time_limit: float = 30.0
    programme_months: int = 9
    group_min_size: int = 2
    # not a [matching] key: the [school] year_end, set by the caller (`dataclasses.replace`)
    school_year: SchoolYear = SchoolYear()

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> "MatchingSettings":
        """Settings from a checked [matching] section; missing keys take SPEC defaults."""
        keys = SPEC["matching"]
        if not isinstance(keys, dict):  # SPEC declares [matching] a section
            raise TypeError("SPEC['matching'] is not a section")
        values: dict[str, Any] = {k: spec.default for k, spec in keys.items()}
        values.update(section)
        values["subject_groups"] = tuple(tuple(g) for g in values["subject_groups"])
        return cls(**values)

    @classmethod
    def default(cls) -> "MatchingSettings":
        return cls.from_section({})


def load(path: Path | str) -> Config:
    """Read and check a config file; relative paths in it are relative to the file."""
    path = Path(path)
    try:
        path.stat()
    except FileNotFoundError:
        raise ConfigError(ru_text(ru.CONFIG, "not_found").format(path=path)) from None
    # PermissionError goes up: not a wrong setting but a file this user may not open — exit 3
    # with the path, the user and the chown line (`jobs.cli.context.State.config`).
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(ru_text(ru.CONFIG, "syntax").format(path=path.name, reason=exc)) from exc
    except PermissionError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(ru_text(ru.CONFIG, "unreadable").format(path=path, reason=exc)) from exc
    warnings: list[str] = []
    data = check(raw, path, warnings)
    use_school_time(data["school"]["timezone"], path)
    _relative_to_config(data, path)
    v = data["validation"]
    return Config(
        path=path,
        backend=data["backend"],
        school=School(**{k: v for k, v in data["school"].items() if k != "timezone"}),
        workspace_dir=(path.parent / data["local"]["workspace"]).resolve(),
        limits=Limits(years_max=v["years_max"], capacity_min=v["capacity_min"], capacity_max=v["capacity_max"]),
        sections={k: v for k, v in data.items() if isinstance(v, dict)},
        warnings=tuple(warnings),
        version=data["nastavnik_version"],
    )


#: File keys whose relative paths are relative to the config file, not to the folder the command
#: was started from (cron and systemd start it elsewhere).
FILE_KEYS = (("google", "credentials"), ("google", "token_cache"), ("documents", "pdf_folder"))


def _relative_to_config(data: dict[str, Any], path: Path) -> None:
    for section, key in FILE_KEYS:
        value = data[section].get(key) or ""
        if value and not Path(value).expanduser().is_absolute():
            data[section][key] = str((path.parent / value).resolve())


def use_school_time(timezone: str, path: Path) -> None:
    """Make the school's time zone this process's local time: «Журнал», dates of consents taken
    from questionnaires and due dates are then the school's, wherever the server runs."""
    if not timezone:
        return
    import os
    import time
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(ru_text(ru.CONFIG, "timezone").format(path=path.name, value=timezone)) from exc
    os.environ["TZ"] = timezone
    time.tzset()


def render_local_config(school: School, workspace: str = ".") -> str:
    """The nastavnik.toml that `init` writes into a new local workspace."""
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (
        "# Настройки nastavnik. Все ключи с пояснениями: config.example.toml в репозитории.\n"
        f"nastavnik_version = {q(running_version())}\n"
        'backend = "local"\n\n'
        "[school]\n"
        f"name = {q(school.name)}\n"
        f"head = {q(school.head)}\n"
        f"coordinator = {q(school.coordinator)}\n"
        f"coordinator_email = {q(school.coordinator_email)}\n\n"
        "[local]\n"
        f"workspace = {q(workspace)}\n\n"
        "[validation]\n"
        "years_max = 60\n"
        "capacity_min = 1\n"
        "capacity_max = 5\n"
    )


def set_keys(path: Path | str, section: str, values: dict[str, str]) -> None:
    """Set string keys of one section in a config file, keeping its comments and layout.

    A key present in the section is replaced in place; a missing key is added right after the
    section header; a missing section is appended. The result is checked before it is written.
    """
    import re

    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = re.compile(r"^\s*\[([^\]]+)\]\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if (m := header.match(line)) and m[1].strip() == section), None)
    if start is None:
        lines += ["", f"[{section}]"]
        start = len(lines) - 1
    end = next((i for i in range(start + 1, len(lines)) if header.match(lines[i])), len(lines))

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    for key, value in values.items():
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        found = next((i for i in range(start + 1, end) if pattern.match(lines[i])), None)
        if found is None:
            lines.insert(start + 1, f"{key} = {q(value)}")
            end += 1
        else:
            lines[found] = f"{key} = {q(value)}"
    text = "\n".join(lines) + "\n"
    check(tomllib.loads(text), path)
    safe_files.write_text(path, text)


def set_version(path: Path | str, version: str | None = None) -> bool:
    """Record in the config file the version that last upgraded it (``nastavnik_version``, a
    top-level key: replaced in place, or added above the first section), keeping the rest of the
    file as it is. Never lowers it: a file from a newer version keeps its number, so that version's
    keys stay "reported, not fatal" here. Returns whether the file changed."""
    path = Path(path)
    version = version or running_version()
    lines = path.read_text(encoding="utf-8").splitlines()
    section = re.compile(r"^\s*\[")
    first_section = next((i for i, line in enumerate(lines) if section.match(line)), len(lines))
    pattern = re.compile(r"^\s*nastavnik_version\s*=\s*(.*)$")
    found = next((i for i in range(first_section) if pattern.match(lines[i])), None)
    line = f'nastavnik_version = "{version}"'
    if found is not None:
        current = tomllib.loads(lines[found]).get("nastavnik_version", "")
        if current == version or is_newer(str(current), version):
            return False
        lines[found] = line
    else:
        at = next((i + 1 for i in range(first_section) if lines[i].lstrip().startswith("#")
                   and all(x.lstrip().startswith("#") for x in lines[:i + 1])), 0)
        lines.insert(at, line)
    text = "\n".join(lines) + "\n"
    check(tomllib.loads(text), path, [])
    safe_files.write_text(path, text)
    return True
