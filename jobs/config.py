"""Reading and checking ``nastavnik.toml``.

Every key is declared once in `SPEC` with its type, default and meaning; an unknown key, a wrong
type or a missing required key is a `ConfigError` naming the key and what is expected
(exit code 2). ``config.example.toml`` documents the same keys for people.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheets_schema import ru
from sheets_schema.rules import Limits

DEFAULT_PATH = "nastavnik.toml"
ENV_VAR = "NASTAVNIK_CONFIG"


class ConfigError(Exception):
    """The configuration is missing or wrong (exit code 2)."""


@dataclass(frozen=True)
class Key:
    type: type
    default: Any = None
    required: bool = False
    help: str = ""
    choices: tuple = ()
    low: float | None = None
    high: float | None = None


SPEC: dict[str, Any] = {
    "backend": Key(str, "local", help="где хранится рабочее пространство", choices=("local", "google")),
    "school": {
        "name": Key(str, required=True, help="полное название школы, например «МБОУ СОШ № 26»"),
        "head": Key(str, required=True, help="ФИО руководителя (директора), подписывающего приказы"),
        "coordinator": Key(str, required=True, help="ФИО куратора программы наставничества"),
        "coordinator_email": Key(str, "", help="e-mail куратора"),
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
    },
    "matching": {},
    "documents": {},
}


@dataclass(frozen=True)
class School:
    name: str
    head: str
    coordinator: str
    coordinator_email: str = ""


@dataclass(frozen=True)
class Config:
    path: Path
    backend: str
    school: School
    workspace_dir: Path
    limits: Limits
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})


def _type_name(value: Any) -> str:
    for t, name in ((bool, "bool"), (int, "int"), (float, "float"), (str, "str"), (list, "list"), (dict, "dict"),
                    (dt.datetime, "datetime"), (dt.date, "date"), (dt.time, "time")):
        if isinstance(value, t):
            return ru.CONFIG["actual"][name]
    return type(value).__name__


def _check_value(path: Path, name: str, key: Key, value: Any) -> Any:
    ok = isinstance(value, key.type) and not (key.type is int and isinstance(value, bool))
    if key.type is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise ConfigError(
            ru.CONFIG["wrong_type"].format(
                path=path.name, key=name, expected=ru.CONFIG["types"][key.type.__name__],
                value=repr(value), actual=_type_name(value),
            )
        )
    if key.choices and value not in key.choices:
        raise ConfigError(
            ru.CONFIG["not_in_choices"].format(
                path=path.name, key=name, value=repr(value), allowed=", ".join(repr(c) for c in key.choices)
            )
        )
    if key.low is not None and not key.low <= value <= key.high:
        raise ConfigError(
            ru.CONFIG["range"].format(path=path.name, key=name, value=value, low=key.low, high=key.high)
        )
    return value


def check(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """Check raw TOML data against SPEC; return it with defaults filled in."""
    result: dict[str, Any] = {}
    sections = [k for k, v in SPEC.items() if isinstance(v, dict)]
    for name, value in raw.items():
        if name not in SPEC:
            if isinstance(value, dict):
                raise ConfigError(
                    ru.CONFIG["unknown_section"].format(path=path.name, key=name, allowed=", ".join(sections))
                )
            allowed = ", ".join(k for k, v in SPEC.items() if isinstance(v, Key))
            raise ConfigError(
                ru.CONFIG["unknown_key"].format(
                    path=path.name, key=name, where=ru.CONFIG["where_top"], allowed=allowed
                )
            )
    for name, spec in SPEC.items():
        if isinstance(spec, Key):
            if name in raw:
                result[name] = _check_value(path, name, spec, raw[name])
            elif spec.required:
                raise ConfigError(ru.CONFIG["missing"].format(path=path.name, key=name, help=spec.help))
            else:
                result[name] = spec.default
            continue
        section = raw.get(name, {})
        if not isinstance(section, dict):
            raise ConfigError(ru.CONFIG["not_section"].format(path=path.name, key=name, value=repr(section)))
        checked: dict[str, Any] = {}
        for key, value in section.items():
            if key not in spec:
                allowed = ", ".join(spec) or "—"
                raise ConfigError(
                    ru.CONFIG["unknown_key"].format(
                        path=path.name, key=f"{name}.{key}",
                        where=ru.CONFIG["where_section"].format(section=name), allowed=allowed,
                    )
                )
        for key, key_spec in spec.items():
            full = f"{name}.{key}"
            if key in section:
                checked[key] = _check_value(path, full, key_spec, section[key])
            elif key_spec.required:
                raise ConfigError(ru.CONFIG["missing"].format(path=path.name, key=full, help=key_spec.help))
            else:
                checked[key] = key_spec.default
        result[name] = checked
    v = result["validation"]
    if v["capacity_min"] > v["capacity_max"]:
        raise ConfigError(
            ru.CONFIG["order"].format(
                path=path.name, low_key="validation.capacity_min", low=v["capacity_min"],
                high_key="validation.capacity_max", high=v["capacity_max"],
            )
        )
    return result


def load(path: Path | str) -> Config:
    """Read and check a config file; relative paths in it are relative to the file."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(ru.CONFIG["not_found"].format(path=path))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(ru.CONFIG["syntax"].format(path=path.name, reason=exc)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(ru.CONFIG["unreadable"].format(path=path, reason=exc)) from exc
    data = check(raw, path)
    v = data["validation"]
    return Config(
        path=path,
        backend=data["backend"],
        school=School(**data["school"]),
        workspace_dir=(path.parent / data["local"]["workspace"]).resolve(),
        limits=Limits(years_max=v["years_max"], capacity_min=v["capacity_min"], capacity_max=v["capacity_max"]),
        sections={k: v for k, v in data.items() if isinstance(v, dict)},
    )


def render_local_config(school: School, workspace: str = ".") -> str:
    """The nastavnik.toml that `init` writes into a new local workspace."""
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (
        "# Настройки nastavnik. Все ключи с пояснениями: config.example.toml в репозитории.\n"
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
