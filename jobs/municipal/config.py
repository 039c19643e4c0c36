"""Reading and checking ``municipal.toml``: the schools of a municipality, each with its own
``nastavnik.toml``.

The file has ``[municipality]`` (name, place, state_dir, parallel), an optional ``[google]`` —
the sign-in shared by the schools whose own config has none (the keys of a school's ``[google]``
that are about signing in and sending requests, `SHARED_GOOGLE`; a spreadsheet or a folder is
always the school's) —, ``[privacy] min_answers`` of the municipal report, and one ``[[school]]``
table a school: ``key`` (a short code), ``config`` (its nastavnik.toml, relative to this file) and
an optional ``name``. ``municipal.example.toml`` documents it for people.

What is checked, with the same machinery and messages as a school's config (`jobs.config`):
unknown keys and sections (with the key they are probably a typo of), types and ranges; then the
schools: a missing key or config, a key given twice, two entries sharing a config file, a
workspace folder or a spreadsheet. These are `MunicipalConfigError` (exit 2): the file itself is
wrong. A school whose own config is missing or wrong is not: it is a `BrokenSchool`, its message
names this file, the entry and the fix, and the municipal night gives it a failed row while the
other schools run.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sheets_schema import ru
from jobs import config as school_config
from jobs.config import SPEC, Config, ConfigError, Key, _check_value, _did_you_mean
from jobs.disclosure import MIN_ANSWERS_FLOOR
from sync.errors import EXIT_CONFIG, EXIT_WORKSPACE

M = ru.MUNICIPAL

#: The keys of a school's ``[google]`` a municipality may give for all its schools at once.
SHARED_GOOGLE = ("auth", "credentials", "token_cache", "subject", "endpoint", "timeout", "max_retries",
                 "max_retry_seconds", "requests_per_minute", "lease_minutes")
#: Signing in is one piece: a school that sets any of these keeps its own and takes none of the
#: municipality's (a key file of one account with the subject of another would be neither).
AUTH_KEYS = ("auth", "credentials", "token_cache", "subject")



def _section_spec(name: str) -> dict[str, Key]:
    spec = SPEC[name]
    if not isinstance(spec, dict):  # SPEC declares it a section
        raise TypeError(f"SPEC[{name!r}] is not a section")
    return spec


_GOOGLE_SPEC = _section_spec("google")

MUNICIPAL_SPEC: dict[str, dict[str, Key]] = {
    "municipality": {
        "name": Key(str, required=True, help=M["name_help"]),
        "place": Key(str, "", help=M["place_help"]),
        "state_dir": Key(str, "", help=M["state_dir_help"]),
        "parallel": Key(int, 2, help=M["parallel_help"], low=1, high=32),
    },
    "google": {key: _GOOGLE_SPEC[key] for key in SHARED_GOOGLE},
    "privacy": {"min_answers": Key(int, 5, help=M["min_answers_help"])},
    # network mentoring's one matching over all schools (optional; the keys of a school's [matching])
    "matching": dict(SPEC["matching"]) if isinstance(SPEC["matching"], dict) else {},
}
SCHOOL_SPEC: dict[str, Key] = {
    "key": Key(str, required=True, help=M["school_key_help"]),
    "config": Key(str, required=True, help=M["school_config_help"]),
    "name": Key(str, "", help=M["school_name_help"]),
}
KEY_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class MunicipalConfigError(ConfigError):
    """``municipal.toml`` is missing or wrong (exit code 2)."""


@dataclass(frozen=True)
class SchoolEntry:
    """One school of the municipality whose config could be read."""

    key: str  # the short code from the file, unique, e.g. "sosh-1"
    name: str  # «МБОУ СОШ № 1» (default: the school config's [school] name)
    config_path: Path  # that school's own nastavnik.toml (resolved against the municipal file)
    config: Config  # loaded with jobs.config.load; [google] completed by the municipal one
    number: int = 0  # its place among the [[school]] tables, from 1

    @property
    def backend(self) -> str:
        return self.config.backend

    @property
    def where(self) -> str:
        """The workspace folder or the spreadsheet id: what no two schools may share."""
        if self.config.backend == "google":
            return str(self.config.section("google").get("spreadsheet_id", ""))
        return str(self.config.workspace_dir)


@dataclass(frozen=True)
class BrokenSchool:
    """A school listed in the file whose own config is missing or wrong: a failed row, not a stop."""

    key: str
    name: str
    config_path: Path
    reason: str  # names the municipal file, the [[school]] entry and the fix
    exit_code: int = EXIT_CONFIG  # 2; 3 when the file exists but may not be read
    number: int = 0


@dataclass(frozen=True)
class MunicipalConfig:
    path: Path
    name: str
    place: str
    state_dir: Path
    parallel: int
    min_answers: int  # [privacy] min_answers of the municipal report (>= 3)
    schools: tuple[SchoolEntry, ...]
    google: dict[str, Any] = field(default_factory=dict)  # the shared keys given, paths resolved
    broken: tuple[BrokenSchool, ...] = ()
    matching: dict[str, Any] | None = None  # [matching] of this file, checked; None: not given

    @property
    def requests_per_minute(self) -> int:
        """The one Sheets limit of the whole run (the municipal [google], else the default 55)."""
        default = _GOOGLE_SPEC["requests_per_minute"].default
        return int(self.google.get("requests_per_minute", default))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every school's key in file order, the broken ones too."""
        listed: list[SchoolEntry | BrokenSchool] = [*self.schools, *self.broken]
        return tuple(s.key for s in sorted(listed, key=lambda s: s.number))


def load_municipal(path: Path | str) -> MunicipalConfig:
    """Read and check a municipal config and every school's config (see the module docstring)."""
    path = Path(path)
    raw = _read(path)
    data = _check_sections(raw, path)
    matching = None
    if "matching" in raw:  # given: checked as a school's [matching] is, and the network's weights
        try:
            school_config.check_matching(path, data["matching"])
        except ConfigError as exc:
            raise MunicipalConfigError(str(exc)) from exc
        matching = data["matching"]
    shared = {k: v for k, v in data["google"].items() if k in raw.get("google", {})}
    for key in ("credentials", "token_cache"):
        if shared.get(key) and not Path(shared[key]).expanduser().is_absolute():
            shared[key] = str((path.parent / shared[key]).resolve())
    tables = raw.get("school", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise MunicipalConfigError(M["schools_not_tables"].format(path=path.name, value=repr(tables)))
    if not tables:
        raise MunicipalConfigError(M["no_schools"].format(path=path.name))
    listed = [_check_school(path, number, table) for number, table in enumerate(tables, start=1)]
    _no_duplicates(path, listed)
    schools: list[SchoolEntry] = []
    broken: list[BrokenSchool] = []
    for number, (key, config_text, name) in enumerate(listed, start=1):
        config_path = (path.parent / config_text).expanduser().resolve()
        loaded = _load_school(path, number, key, name, config_path, shared)
        if isinstance(loaded, SchoolEntry):
            schools.append(loaded)
        else:
            broken.append(loaded)
    _no_shared_workspace(path, schools)
    m = data["municipality"]
    state_dir = (path.parent / (m["state_dir"] or ".")).resolve()
    return MunicipalConfig(path=path, name=m["name"], place=m["place"], state_dir=state_dir,
                           parallel=m["parallel"], min_answers=data["privacy"]["min_answers"],
                           schools=tuple(schools), google=shared, broken=tuple(broken), matching=matching)


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MunicipalConfigError(M["not_found"].format(path=path)) from None
    except PermissionError:
        raise  # exit 3 with the path, the user and the fix (the CLI's file errors)
    except (OSError, UnicodeDecodeError) as exc:
        raise MunicipalConfigError(ru.CONFIG["unreadable"].format(path=path, reason=exc)) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MunicipalConfigError(ru.CONFIG["syntax"].format(path=path.name, reason=exc)) from exc


def _check_sections(raw: dict[str, Any], path: Path) -> dict[str, dict[str, Any]]:
    """The sections of MUNICIPAL_SPEC checked and completed with defaults (``[[school]]`` apart)."""
    known = [*MUNICIPAL_SPEC, "school"]
    for name, value in raw.items():
        if name in known:
            continue
        if isinstance(value, dict):
            raise MunicipalConfigError(ru.CONFIG["unknown_section"].format(
                path=path.name, key=name, allowed=", ".join(known)) + _did_you_mean(name, known))
        raise MunicipalConfigError(ru.CONFIG["unknown_key"].format(
            path=path.name, key=name, where=ru.CONFIG["where_top"], allowed=", ".join(known))
            + _did_you_mean(name, known))
    result: dict[str, dict[str, Any]] = {}
    for name, spec in MUNICIPAL_SPEC.items():
        section = raw.get(name, {})
        if not isinstance(section, dict):
            raise MunicipalConfigError(ru.CONFIG["not_section"].format(path=path.name, key=name,
                                                                       value=repr(section)))
        for key in section:
            if key in spec:
                continue
            if name == "google" and key in _GOOGLE_SPEC:
                raise MunicipalConfigError(M["google_per_school"].format(
                    path=path.name, key=key, allowed=", ".join(SHARED_GOOGLE)))
            raise MunicipalConfigError(ru.CONFIG["unknown_key"].format(
                path=path.name, key=f"{name}.{key}", where=ru.CONFIG["where_section"].format(section=name),
                allowed=", ".join(spec)) + _did_you_mean(key, spec, prefix=f"{name}."))
        checked: dict[str, Any] = {}
        for key, key_spec in spec.items():
            if key in section:
                checked[key] = _checked(path, f"{name}.{key}", key_spec, section[key])
            elif key_spec.required:
                raise MunicipalConfigError(ru.CONFIG["missing"].format(path=path.name, key=f"{name}.{key}",
                                                                       help=key_spec.help))
            else:
                checked[key] = key_spec.default
        result[name] = checked
    if result["privacy"]["min_answers"] < MIN_ANSWERS_FLOOR:
        raise MunicipalConfigError(ru.CONFIG["min_answers"].format(
            path=path.name, value=result["privacy"]["min_answers"], floor=MIN_ANSWERS_FLOOR))
    return result


def _checked(path: Path, name: str, spec: Key, value: Any) -> Any:
    try:
        return _check_value(path, name, spec, value)
    except ConfigError as exc:
        raise MunicipalConfigError(str(exc)) from None


def _check_school(path: Path, number: int, table: dict[str, Any]) -> tuple[str, str, str]:
    """(key, config, name) of one ``[[school]]`` table, checked."""
    entry = M["school_entry"].format(number=number)
    for key in table:
        if key not in SCHOOL_SPEC:
            raise MunicipalConfigError(M["school_unknown_key"].format(
                path=path.name, entry=entry, key=key, allowed=", ".join(SCHOOL_SPEC)) + _did_you_mean(key, SCHOOL_SPEC))
    values: dict[str, str] = {}
    for key, spec in SCHOOL_SPEC.items():
        if key not in table:
            if spec.required:
                raise MunicipalConfigError(M["school_missing"].format(path=path.name, entry=entry, key=key,
                                                                      help=spec.help))
            values[key] = spec.default
            continue
        if not isinstance(table[key], str):
            raise MunicipalConfigError(M["school_wrong_type"].format(path=path.name, entry=entry, key=key,
                                                                     value=repr(table[key])))
        values[key] = table[key].strip()
    if not KEY_FORMAT.match(values["key"]):
        raise MunicipalConfigError(M["school_key_format"].format(path=path.name, entry=entry, value=values["key"]))
    if not values["config"]:
        raise MunicipalConfigError(M["school_missing"].format(path=path.name, entry=entry, key="config",
                                                              help=SCHOOL_SPEC["config"].help))
    return values["key"], values["config"], values["name"]


def _entry(key: str) -> str:
    return M["school_entry_key"].format(key=key)


def _no_duplicates(path: Path, listed: list[tuple[str, str, str]]) -> None:
    keys: dict[str, int] = {}
    configs: dict[Path, str] = {}
    for number, (key, config_text, _) in enumerate(listed, start=1):
        if key in keys:
            raise MunicipalConfigError(M["duplicate_key"].format(
                path=path.name, key=key, first=M["school_entry"].format(number=keys[key]),
                second=M["school_entry"].format(number=number)))
        keys[key] = number
        resolved = (path.parent / config_text).expanduser().resolve()
        if resolved in configs:
            raise MunicipalConfigError(M["duplicate_config"].format(
                path=path.name, first=_entry(configs[resolved]), second=_entry(key), config=config_text))
        configs[resolved] = key


def _no_shared_workspace(path: Path, schools: list[SchoolEntry]) -> None:
    seen: dict[tuple[str, str], SchoolEntry] = {}
    for school in schools:
        where = (school.backend, school.where)
        if not school.where:
            continue  # a Google school without a spreadsheet: its own run says so
        if where in seen:
            text = "duplicate_spreadsheet" if school.backend == "google" else "duplicate_workspace"
            raise MunicipalConfigError(M[text].format(path=path.name, first=_entry(seen[where].key),
                                                      second=_entry(school.key), where=school.where))
        seen[where] = school


def _load_school(path: Path, number: int, key: str, name: str, config_path: Path,
                 shared: dict[str, Any]) -> SchoolEntry | BrokenSchool:
    entry = _entry(key)
    try:
        config = school_config.load(config_path)
        own = tomllib.loads(config_path.read_text(encoding="utf-8")).get("google", {})
    except ConfigError as exc:
        if not config_path.exists():
            reason = M["school_config_missing"].format(path=path.name, entry=entry, config=config_path)
        else:
            reason = M["school_config_bad"].format(path=path.name, entry=entry, reason=exc)
        return BrokenSchool(key, name or key, config_path, reason, EXIT_CONFIG, number)
    except OSError as exc:  # e.g. a config this user may not read
        reason = M["school_config_unreadable"].format(path=path.name, entry=entry, config=config_path,
                                                      reason=exc.strerror or exc)
        return BrokenSchool(key, name or key, config_path, reason, EXIT_WORKSPACE, number)
    config = with_shared_google(config, own if isinstance(own, dict) else {}, shared)
    return SchoolEntry(key=key, name=name or config.school.name, config_path=config_path, config=config,
                       number=number)


def with_shared_google(config: Config, own: dict[str, Any], shared: dict[str, Any]) -> Config:
    """`config` with the municipality's ``[google]`` keys the school did not set itself (`own`:
    the keys its file gives). Signing in (`AUTH_KEYS`) is taken whole or not at all."""
    if not shared:
        return config
    google = dict(config.section("google"))
    takes_auth = not any(k in own for k in AUTH_KEYS)
    for key, value in shared.items():
        if key in own or (key in AUTH_KEYS and not takes_auth):
            continue
        google[key] = value
    return replace(config, sections={**config.sections, "google": google})


__all__ = ["AUTH_KEYS", "BrokenSchool", "MUNICIPAL_SPEC", "MunicipalConfig", "MunicipalConfigError",
           "SHARED_GOOGLE", "SchoolEntry", "load_municipal", "with_shared_google"]
