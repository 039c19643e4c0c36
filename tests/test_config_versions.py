"""Going back a version: a config written by a newer nastavnik still loads where that is safe.

The newer version's keys are reported and skipped; in a config of this version or older an
unknown key stays an error (a typo), with the known key it probably meant.
"""
from __future__ import annotations

import tomllib

import pytest

from jobs import config as config_module
from jobs.config import ConfigError, is_newer, load, render_local_config, running_version, set_version
from jobs.init import DEFAULT_SCHOOL

from tests.test_config import BASE, write


@pytest.fixture
def running(monkeypatch):
    """This nastavnik is version 0.3.0 (whatever the installed package says)."""
    monkeypatch.setattr(config_module, "running_version", lambda: "0.3.0")
    return "0.3.0"


def test_newer_configs_unknown_key_and_section_are_reported_and_skipped(tmp_path, running):
    text = 'nastavnik_version = "0.4.1"\n' + BASE + 'retention_days = 30\n' + \
        '[files]\nbackup_days = 7\ncompress_backups = true\n[telemetry]\nendpoint = "https://x.example"\n'
    cfg = load(write(tmp_path, text))
    assert cfg.warnings == (
        "nastavnik.toml: раздел «[telemetry]» неизвестен этой версии nastavnik (0.3.0; настройки "
        "от версии 0.4.1) — пропущен",
        "nastavnik.toml: ключ «school.retention_days» неизвестен этой версии nastavnik (0.3.0; "
        "настройки от версии 0.4.1) — пропущен",
        "nastavnik.toml: ключ «files.compress_backups» неизвестен этой версии nastavnik (0.3.0; "
        "настройки от версии 0.4.1) — пропущен",
    )
    assert cfg.section("files")["backup_days"] == 7  # the keys it knows still count
    assert "compress_backups" not in cfg.section("files")
    assert "telemetry" not in cfg.sections
    assert cfg.version == "0.4.1"


@pytest.mark.parametrize("version", ["0.3.0", "0.2.9", "", "не версия"])
def test_unknown_key_in_a_config_of_this_version_or_older_is_a_typo(tmp_path, running, version):
    head = f'nastavnik_version = "{version}"\n' if version else ""
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, head + BASE + "[files]\nbackup_dayz = 7\n"))
    assert str(err.value) == (
        "nastavnik.toml: неизвестный ключ «files.backup_dayz». Допустимые ключи раздела [files]: "
        "state_dir, group, backup_days; возможно, имелся в виду «files.backup_days»")


def test_a_newer_config_with_a_known_key_it_cannot_take_is_still_an_error(tmp_path, running):
    text = 'nastavnik_version = "9.0"\n' + BASE.replace('backend = "local"', 'backend = "s3"')
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, text))
    assert str(err.value) == "nastavnik.toml: «backend» = 's3' — допустимые значения: 'local', 'google'"


def test_no_suggestion_when_nothing_is_close(tmp_path, running):
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path, BASE + "[validation]\nzzz = 1\n"))
    assert "возможно" not in str(err.value)
    assert "«validation.zzz»" in str(err.value)


@pytest.mark.parametrize("version, than, newer", [
    ("0.2.0", "0.1.0", True), ("0.10", "0.9.3", True), ("1.0.0", "1", False), ("0.1.0", "0.1.0", False),
    ("0.1.0", "0.2", False), ("abc", "0.1", False), ("0.2", "abc", False), ("0.2.0rc1", "0.1.9", True),
])
def test_versions_compare_as_numbers(version, than, newer):
    assert is_newer(version, than) is newer


def test_init_writes_the_running_version_into_a_new_config(tmp_path):
    text = render_local_config(DEFAULT_SCHOOL)
    assert tomllib.loads(text)["nastavnik_version"] == running_version()
    assert load(write(tmp_path, text)).warnings == ()


def test_set_version_adds_the_key_above_the_sections_and_keeps_the_rest(tmp_path, running):
    path = write(tmp_path, "# мои настройки\n" + BASE + "# конец\n")
    assert set_version(path) is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# мои настройки\nnastavnik_version = "0.3.0"\n')
    assert text.endswith('coordinator = "Петрова А. С."\n# конец\n')
    assert set_version(path) is False  # already there
    assert path.read_text(encoding="utf-8") == text


def test_set_version_raises_an_older_number_and_never_lowers_a_newer_one(tmp_path, running):
    path = write(tmp_path, 'nastavnik_version = "0.2.0"\n' + BASE)
    assert set_version(path) is True
    assert tomllib.loads(path.read_text(encoding="utf-8"))["nastavnik_version"] == "0.3.0"
    newer = write(tmp_path, 'nastavnik_version = "0.5.0"\n' + BASE)
    assert set_version(newer) is False
    assert tomllib.loads(newer.read_text(encoding="utf-8"))["nastavnik_version"] == "0.5.0"
