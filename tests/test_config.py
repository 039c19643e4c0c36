"""Reading nastavnik.toml: every mistake names the key and what is expected."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from jobs.config import SPEC, ConfigError, Key, load, render_local_config
from jobs.init import DEFAULT_SCHOOL

ROOT = Path(__file__).resolve().parent.parent
BASE = """
backend = "local"
[school]
name = "МБОУ СОШ № 26"
head = "Иванова И. П."
coordinator = "Петрова А. С."
"""


def write(tmp_path, text):
    path = tmp_path / "nastavnik.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_config_gets_defaults(tmp_path):
    cfg = load(write(tmp_path, BASE))
    assert cfg.backend == "local"
    assert cfg.school.coordinator == "Петрова А. С."
    assert cfg.workspace_dir == tmp_path.resolve()
    assert (cfg.limits.years_max, cfg.limits.capacity_min, cfg.limits.capacity_max) == (60, 1, 5)
    assert cfg.section("google")["timeout"] == 30.0


CASES = [
    ("unknown_key_in_section", BASE.replace('head =', 'haed = "x"\nhead ='),
     "nastavnik.toml: неизвестный ключ «school.haed». Допустимые ключи раздела [school]: name, head, coordinator, coordinator_email, timezone, year_end, full_name, place; возможно, имелся в виду «school.head»"),
    ("unknown_section", BASE + "\n[mathcing]\nx = 1\n",
     "nastavnik.toml: неизвестный раздел «[mathcing]». Допустимые разделы: school, local, validation, google, matching, documents, files, privacy, roadmap; возможно, имелся в виду «matching»"),
    ("unknown_top_key", "backnd = 'local'\n" + BASE,
     "nastavnik.toml: неизвестный ключ «backnd». Допустимые ключи верхнего уровня: nastavnik_version, backend; возможно, имелся в виду «backend»"),
    ("wrong_type", BASE + "[validation]\nyears_max = \"шестьдесят\"\n",
     "nastavnik.toml: «validation.years_max» должен быть целым числом, а указано 'шестьдесят' (строка)"),
    ("bool_is_not_int", BASE + "[validation]\ncapacity_max = true\n",
     "nastavnik.toml: «validation.capacity_max» должен быть целым числом, а указано True (логическое значение)"),
    ("missing_required", BASE.replace('coordinator = "Петрова А. С."', ""),
     "nastavnik.toml: не задан обязательный ключ «school.coordinator» — ФИО куратора программы наставничества"),
    ("missing_section", 'backend = "local"\n',
     "nastavnik.toml: не задан обязательный ключ «school.name» — полное название школы, например «МБОУ СОШ № 26»"),
    ("bad_backend", BASE.replace('backend = "local"', 'backend = "excel"'),
     "nastavnik.toml: «backend» = 'excel' — допустимые значения: 'local', 'google'"),
    ("out_of_range", BASE + "[validation]\ncapacity_max = 500\n",
     "nastavnik.toml: «validation.capacity_max» = 500 — ожидается число от 1 до 50"),
    ("min_above_max", BASE + "[validation]\ncapacity_min = 4\ncapacity_max = 2\n",
     "nastavnik.toml: «validation.capacity_min» (4) больше, чем «validation.capacity_max» (2)"),
    ("section_as_value", "local = 3\n" + BASE,
     "nastavnik.toml: «local» должен быть разделом [local], а указано значение 3"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_config_errors_name_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, text))
    assert str(err.value) == message


def test_toml_syntax_error(tmp_path):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, BASE + "[school\n"))
    assert str(err.value).startswith("nastavnik.toml: ошибка синтаксиса TOML:")


def test_rendered_config_loads(tmp_path):
    cfg = load(write(tmp_path, render_local_config(DEFAULT_SCHOOL)))
    assert cfg.school == DEFAULT_SCHOOL


def _keys(spec, prefix=""):
    for name, value in spec.items():
        if isinstance(value, Key):
            yield prefix + name
        else:
            yield from _keys(value, prefix + name + ".")


def test_example_config_documents_every_key_and_loads(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")  # loading it sets the school's time zone: restored below
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    for key in _keys(SPEC):
        name = key.rsplit(".", 1)[-1]
        assert f"{name} =" in text, f"config.example.toml does not document {key}"
    for section in (k for k, v in SPEC.items() if isinstance(v, dict)):
        assert f"[{section}]" in text, f"config.example.toml has no [{section}] section"
    raw = tomllib.loads(text)
    assert raw["backend"] == "local"
    try:
        load(write(tmp_path, text))
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_set_keys_keeps_comments_and_adds_missing(tmp_path):
    from jobs.config import set_keys

    path = write(tmp_path, BASE + "\n[google]\n# ID таблицы\nspreadsheet_id = \"\"\n\n[validation]\nyears_max = 50\n")
    set_keys(path, "google", {"spreadsheet_id": "abc", "folder_id": "f1"})
    text = path.read_text(encoding="utf-8")
    assert '# ID таблицы\nspreadsheet_id = "abc"' in text
    assert '[google]\nfolder_id = "f1"' in text
    assert "years_max = 50" in text
    cfg = load(path)
    assert cfg.section("google")["spreadsheet_id"] == "abc"
    set_keys(path, "google", {"spreadsheet_id": "xyz"})
    assert load(path).section("google")["spreadsheet_id"] == "xyz"


def test_school_timezone_becomes_local_time(tmp_path, monkeypatch):
    import datetime as dt
    import os
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        load(write(tmp_path, BASE + 'timezone = "Asia/Vladivostok"\n'))
        assert os.environ["TZ"] == "Asia/Vladivostok"
        assert dt.datetime.now().astimezone().utcoffset() == dt.timedelta(hours=10)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_unknown_timezone_is_named(tmp_path):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, BASE + 'timezone = "Moscow"\n'))
    assert str(err.value) == ("nastavnik.toml: «school.timezone» = 'Moscow' — неизвестный часовой пояс; укажите, "
                              "например, «Europe/Moscow», «Asia/Yekaterinburg» или «Asia/Vladivostok»")
