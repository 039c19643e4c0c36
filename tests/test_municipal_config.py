"""`municipal.toml` (issue 20): the schools of a municipality, checked like a school's config —
every bad case is its own message naming the file, the [[school]] entry and the fix; a school
whose own config is missing or wrong is a broken school, not a stop."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from jobs.municipal.config import MunicipalConfigError, load_municipal

ROOT = Path(__file__).resolve().parents[1]


def school_config(tmp_path: Path, key: str, *, name: str = "", google: str = "", workspace: str = ".") -> Path:
    """A school's nastavnik.toml in tmp_path/schools/<key>/ (local, or Google with `google` lines)."""
    folder = tmp_path / "schools" / key
    folder.mkdir(parents=True, exist_ok=True)
    text = render_local_config(replace(DEFAULT_SCHOOL, name=name or f"МБОУ СОШ «{key}»"), workspace)
    if google:
        text = text.replace('backend = "local"', 'backend = "google"') + "\n[google]\n" + google + "\n"
    path = folder / "nastavnik.toml"
    path.write_text(text, encoding="utf-8")
    return path


def municipal(tmp_path: Path, body: str, schools: str = "") -> Path:
    path = tmp_path / "municipal.toml"
    path.write_text('[municipality]\nname = "Управление образования г. Энска"\n' + body + "\n" + schools,
                    encoding="utf-8")
    return path


def entry(key: str, extra: str = "") -> str:
    return f'[[school]]\nkey = "{key}"\nconfig = "schools/{key}/nastavnik.toml"\n{extra}\n'


def test_two_local_schools_and_a_google_one_load_with_defaults(tmp_path):
    school_config(tmp_path, "sosh-1", name="МБОУ СОШ № 1")
    school_config(tmp_path, "sosh-2")
    school_config(tmp_path, "gym-3", google='spreadsheet_id = "sheet-3"')
    path = municipal(tmp_path, '[google]\nauth = "service_account"\ncredentials = "key.json"\n'
                               'requests_per_minute = 50\n',
                     entry("sosh-1") + entry("sosh-2", 'name = "Школа два"') + entry("gym-3"))

    cfg = load_municipal(path)

    assert [s.key for s in cfg.schools] == ["sosh-1", "sosh-2", "gym-3"]
    assert [s.name for s in cfg.schools] == ["МБОУ СОШ № 1", "Школа два", "МБОУ СОШ «gym-3»"]
    assert cfg.schools[0].config_path == (tmp_path / "schools/sosh-1/nastavnik.toml").resolve()
    assert cfg.schools[0].config.workspace_dir == (tmp_path / "schools/sosh-1").resolve()
    assert (cfg.parallel, cfg.min_answers, cfg.state_dir, cfg.place) == (2, 5, tmp_path.resolve(), "")
    assert cfg.requests_per_minute == 50
    assert cfg.broken == ()
    google = cfg.schools[2].config.section("google")
    # the shared sign-in reaches the Google school that has none of its own; paths are the municipal file's
    assert (google["auth"], google["credentials"]) == ("service_account", str((tmp_path / "key.json").resolve()))
    assert google["spreadsheet_id"] == "sheet-3" and google["requests_per_minute"] == 50


def test_a_schools_own_sign_in_wins_whole(tmp_path):
    school_config(tmp_path, "gym-3", google='spreadsheet_id = "sheet-3"\nauth = "oauth"\ntoken_cache = "t.json"')
    path = municipal(tmp_path, '[google]\nauth = "service_account"\ncredentials = "key.json"\n'
                               'subject = "robot@enskedu.example"\ntimeout = 20\n', entry("gym-3"))

    google = load_municipal(path).schools[0].config.section("google")

    assert google["auth"] == "oauth" and google["token_cache"].endswith("schools/gym-3/t.json")
    assert google["credentials"] == "" and google["subject"] == ""  # not mixed with the municipality's account
    assert google["timeout"] == 20.0  # a key that is not about signing in still comes from the municipality


BAD = [
    ("", entry("sosh-1") + '[[school]]\nkey = "sosh-1"\nconfig = "schools/sosh-2/nastavnik.toml"\n',
     "municipal.toml: код школы «sosh-1» указан дважды ([[school]] № 1 и [[school]] № 2) — у каждой школы свой key"),
    ("", entry("sosh-1") + '[[school]]\nkey = "sosh-2"\nconfig = "schools/sosh-1/nastavnik.toml"\n',
     "municipal.toml: [[school]] «sosh-1» и [[school]] «sosh-2» указывают один файл настроек "
     "schools/sosh-1/nastavnik.toml — у каждой школы свой nastavnik.toml (и своё рабочее пространство)"),
    ("", entry("sosh-1", 'confg = "x"'),
     "municipal.toml: [[school]] № 1: неизвестный ключ «confg». Допустимые ключи раздела [[school]]: key, "
     "config, name; возможно, имелся в виду «config»"),
    ("", '[[school]]\nkey = "sosh-1"\n',
     "municipal.toml: [[school]] № 1: не задан обязательный ключ «config» — путь к nastavnik.toml школы "
     "(относительно municipal.toml)"),
    ("", '[[school]]\nkey = "СОШ 1"\nconfig = "a.toml"\n',
     "municipal.toml: [[school]] № 1: key = 'СОШ 1' — допустимы латинские буквы, цифры, «-» и «_»"),
    ("", '[[school]]\nkey = 1\nconfig = "a.toml"\n',
     "municipal.toml: [[school]] № 1: «key» должен быть строкой в кавычках, а указано 1"),
    ("", "", "municipal.toml: не указано ни одной школы — добавьте для каждой школы раздел [[school]]"),
    ("parallel = 0\n", entry("sosh-1"),
     "municipal.toml: «municipality.parallel» = 0 — ожидается число от 1 до 32"),
    ("paralel = 3\n", entry("sosh-1"),
     "municipal.toml: неизвестный ключ «municipality.paralel». Допустимые ключи раздела [municipality]: "
     "name, place, state_dir, parallel; возможно, имелся в виду «municipality.parallel»"),
    ("[googel]\nauth = \"adc\"\n", entry("sosh-1"),
     "municipal.toml: неизвестный раздел «[googel]». Допустимые разделы: municipality, google, privacy, matching, school; "
     "возможно, имелся в виду «google»"),
    ("[google]\nspreadsheet_id = \"x\"\n", entry("sosh-1"),
     "municipal.toml: «google.spreadsheet_id» у каждой школы свой — укажите его в nastavnik.toml школы"),
    ("[privacy]\nmin_answers = 2\n", entry("sosh-1"),
     "municipal.toml: «privacy.min_answers» = 2 — средняя оценка из меньше чем 3 ответов"),
    ("[matching]\nweight_subjct = 10.0\n", entry("sosh-1"),
     "municipal.toml: неизвестный ключ «matching.weight_subjct»"),
    ("[matching]\nbest_gap_min = 20\nbest_gap_max = 5\n", entry("sosh-1"),
     "municipal.toml: «matching.best_gap_min» (20) больше, чем «matching.best_gap_max» (5)"),
    ("[matching]\nsubject_groups = [[\"физика\", \"астрология\"]]\n", entry("sosh-1"),
     "municipal.toml: «matching.subject_groups» — предмета «астрология» нет в списке."),
]


@pytest.mark.parametrize("body, schools, message", BAD,
                         ids=["duplicate-key", "duplicate-config", "typo-in-school", "missing-config-key",
                              "key-format", "key-type", "no-schools", "parallel-range", "typo-key",
                              "typo-section", "spreadsheet-shared", "min-answers-floor", "matching-typo",
                              "matching-gap-order", "matching-unknown-subject"])
def test_a_wrong_municipal_file_is_exit_2_with_its_message(tmp_path, body, schools, message):
    for key in ("sosh-1", "sosh-2"):
        school_config(tmp_path, key)
    with pytest.raises(MunicipalConfigError) as caught:
        load_municipal(municipal(tmp_path, body, schools))
    assert str(caught.value).startswith(message), str(caught.value)
    assert caught.value.exit_code == 2


def test_two_schools_on_one_workspace_or_one_spreadsheet_are_refused(tmp_path):
    school_config(tmp_path, "sosh-1", workspace="../shared")
    school_config(tmp_path, "sosh-2", workspace="../shared")
    with pytest.raises(MunicipalConfigError) as caught:
        load_municipal(municipal(tmp_path, "", entry("sosh-1") + entry("sosh-2")))
    assert str(caught.value).startswith(
        f"municipal.toml: у [[school]] «sosh-1» и [[school]] «sosh-2» одно рабочее пространство "
        f"{(tmp_path / 'schools/shared').resolve()} — две школы не могут вести один банк")

    school_config(tmp_path, "gym-1", google='spreadsheet_id = "same"')
    school_config(tmp_path, "gym-2", google='spreadsheet_id = "same"')
    with pytest.raises(MunicipalConfigError) as caught:
        load_municipal(municipal(tmp_path, "", entry("gym-1") + entry("gym-2")))
    assert "у [[school]] «gym-1» и [[school]] «gym-2» одна таблица Google same" in str(caught.value)
    assert "[google] spreadsheet_id" in str(caught.value)


def test_a_school_whose_config_is_missing_or_wrong_is_broken_not_fatal(tmp_path):
    school_config(tmp_path, "sosh-1")
    bad = school_config(tmp_path, "sosh-2")
    bad.write_text(bad.read_text(encoding="utf-8").replace("[validation]", "[validaton]"), encoding="utf-8")
    path = municipal(tmp_path, "", entry("sosh-1") + entry("sosh-3", 'name = "Школа три"') + entry("sosh-2"))

    cfg = load_municipal(path)

    assert [s.key for s in cfg.schools] == ["sosh-1"]
    assert [(b.key, b.name, b.exit_code) for b in cfg.broken] == [("sosh-3", "Школа три", 2), ("sosh-2", "sosh-2", 2)]
    missing, wrong = cfg.broken
    assert missing.reason == (
        f"municipal.toml: [[school]] «sosh-3»: не найден файл настроек школы "
        f"{(tmp_path / 'schools/sosh-3/nastavnik.toml').resolve()} — проверьте путь в ключе config "
        f"(относительный путь считается от папки municipal.toml) или создайте рабочее пространство школы: "
        f"nastavnik --config {(tmp_path / 'schools/sosh-3/nastavnik.toml').resolve()} init ПАПКА")
    assert wrong.reason.startswith("municipal.toml: [[school]] «sosh-2»: настройки школы не прочитаны — "
                                   "nastavnik.toml: неизвестный раздел «[validaton]»")
    assert cfg.keys == ("sosh-1", "sosh-3", "sosh-2")


def test_a_missing_municipal_file_says_how_to_give_one(tmp_path):
    with pytest.raises(MunicipalConfigError) as caught:
        load_municipal(tmp_path / "nope.toml")
    assert str(caught.value).startswith(f"Не найден файл муниципальных настроек {tmp_path / 'nope.toml'}.")


def test_the_example_file_documents_a_loadable_municipality(tmp_path):
    text = (ROOT / "municipal.example.toml").read_text(encoding="utf-8")
    shutil.copy(ROOT / "municipal.example.toml", tmp_path / "municipal.toml")
    for key in ("sosh-1", "sosh-26"):
        school_config(tmp_path, key)
    (tmp_path / "municipal.toml").write_text(
        text.replace("/srv/gimnaziya-3/nastavnik.toml", "schools/gimnaziya-3/nastavnik.toml"), encoding="utf-8")
    school_config(tmp_path, "gimnaziya-3", google='spreadsheet_id = "gym"')

    cfg = load_municipal(tmp_path / "municipal.toml")

    assert [s.key for s in cfg.schools] == ["sosh-1", "sosh-26", "gimnaziya-3"] and not cfg.broken
    assert cfg.state_dir == (tmp_path / "state").resolve() and cfg.requests_per_minute == 55
    from jobs.municipal.config import MUNICIPAL_SPEC

    for section, keys in MUNICIPAL_SPEC.items():
        if section == "matching":  # a school's [matching]: its keys are documented in config.example.toml
            assert "\n# [matching]\n" in text and "config.example.toml" in text
            continue
        for key in keys:
            assert f"\n{key} = " in text or f"\n# {key}" in text, f"{section}.{key} is not documented"
    assert cfg.matching is None  # commented out in the example


def test_the_municipal_matching_section_gives_the_network_its_weights(tmp_path):
    from jobs.municipal.network import network_settings

    school_config(tmp_path, "sosh-1")
    cfg = load_municipal(municipal(tmp_path, "[matching]\nweight_subject = 10.0\nmode = \"count\"\n", entry("sosh-1")))
    settings = network_settings(cfg)
    assert settings is not None and (settings.weight_subject, settings.mode, settings.weight_level) == (10.0, "count", 10.0)
    assert network_settings(load_municipal(municipal(tmp_path, "", entry("sosh-1")))) is None
