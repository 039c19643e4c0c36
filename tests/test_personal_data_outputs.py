"""Personal data stays in the workspace: nothing the CLI prints or logs names a person.

A full `nightly` on a workspace with row errors, held-back pairs (no consent), a corrupt export
named after a person and a step that crashes with a name and an e-mail in its exception is run
with plain and JSON logs; stdout and stderr are scanned for every e-mail and every name of both
banks. The scrubber itself is checked on a table of the forms a name takes in a Russian text.
"""
from __future__ import annotations

import json
import logging
import re

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli import cli
from jobs.cli.output import ScrubbedStream
from sheets_schema.tables import MENTEES, MENTORS
from sync.personal_data import PEOPLE, forget_people, scrub
from sync.workspace import WorkspaceError
from tests.test_orders import mentee
from tests.test_reliability_privacy import NO_CONSENT, WITH_CONSENT_UNPAIRED, consent_workspace

ROW_ERROR = mentee(24, full_name="Ершова Ульяна Игоревна", email="ershova(at)school", years="сорок")
CRASH = "RuntimeError: нет данных для Ершовой Ульяны <ershova.u@school.example> и Голубеву Л. И."


@pytest.fixture
def people():
    forget_people()
    PEOPLE.remember(["Борисова Анна Алексеевна"], ["borisova.aa@school26.example"],
                    "строка 5 листа «Наставники»", first=True)
    PEOPLE.remember(["Козлова Лидия Андреевна"], ["zhukova.li@school26.example"],
                    "строка 7 листа «Наставники»", first=True)
    PEOPLE.remember(["Козлова Мария Петровна"], [], "строка 3 листа «Наставляемые»", first=True)
    PEOPLE.remember(["Фёдоров Олег Олегович"], [], "строка 9 листа «Наставляемые»", first=True)
    PEOPLE.remember(["Фёдоров Олег Олегович, Борисова Анна Алексеевна"], [], "участник пары П-001")
    yield
    forget_people()


SCRUB_CASES = [
    ("Открытый урок Борисовой Анны Алексеевны", "Открытый урок строка 5 листа «Наставники»"),
    ("для Козловой Л. А. и Фёдоровым", "для [ФИО скрыто] и строка 9 листа «Наставляемые»"),
    ("Федоров О. О. (е вместо ё)", "строка 9 листа «Наставляемые» (е вместо ё)"),
    ("Л. А. Борисову", "строка 5 листа «Наставники»"),
    ("Козловой Марии", "строка 3 листа «Наставляемые»"),
    ("письмо borisova.aa@school26.example", "письмо b***@school26.example"),
    ("ZHUKOVA.LI @ school26.example", "[e-mail скрыт]"),
    ("zhukova.li [at] school26 [dot] example", "[e-mail скрыт]"),
    ("пишите zhukova.li", "пишите [e-mail скрыт]"),
    ("Смирнова Ольга Ивановна (не из банков)", "С*** О. И. (не из банков)"),
    ("Лист «Наставники»: строк 80; OK 67", "Лист «Наставники»: строк 80; OK 67"),
]


@pytest.mark.parametrize("text, scrubbed", SCRUB_CASES)
def test_scrub_masks_every_form_of_a_bank_name(people, text, scrubbed):
    assert scrub(text) == scrubbed


def test_a_name_split_across_writes_is_scrubbed_whole(people, capsys):
    stream = ScrubbedStream(__import__("io").StringIO())
    stream.write("Ошибка: Борис")
    stream.write("овой Анны нет\nдалее")
    stream.flush()
    assert stream.raw.getvalue() == "Ошибка: строка 5 листа «Наставники» нет\nдалее"


def bank_people() -> list[tuple[str, str]]:
    from tests.test_orders import rows_for

    rows = rows_for(2)
    everyone = [*rows["mentors"], *rows["mentees"], *NO_CONSENT, WITH_CONSENT_UNPAIRED, ROW_ERROR]
    return [(p["full_name"], p["email"]) for p in everyone] + [("Ершова Ульяна Игоревна", "ershova.u@school.example")]


def leaks(text: str) -> list[str]:
    """Every bank e-mail, e-mail local part, full name, surname (any case: its stem) and
    «Имя Отчество» found in `text`."""
    found = []
    for full_name, email in bank_people():
        surname, name, patronymic = full_name.split()
        forms = [email, email.split("@")[0].split("(")[0], full_name, surname, surname[:-1], f"{name} {patronymic}"]
        found += [f for f in forms if re.search(rf"(?<![\w.]){re.escape(f)}", text, re.IGNORECASE)]
    return found


def crashing_monitor(workspace, **kwargs):
    workspace.read([MENTORS, MENTEES])  # a real step reads the banks before it fails
    raise RuntimeError(CRASH.removeprefix("RuntimeError: "))


def workspace_with_errors(directory):
    """The consent workspace (held-back pairs, orders at night) with a row error in
    «Наставляемые» and a corrupt export named after a person in forms/."""
    config = consent_workspace(directory)
    workbook = config.parent / "workspace.xlsx"
    wb = load_workbook(workbook)
    sheet = wb["Наставляемые"]
    header = [c.value for c in sheet[1]]
    sheet.append([{"ФИО": ROW_ERROR["full_name"], "E-mail": ROW_ERROR["email"], "Стаж": "сорок"}.get(h) for h in header])
    wb.save(workbook)
    (config.parent / "forms" / "Анкета Щербаковой Нины Львовны.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    return config


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_nightly_with_errors_crash_and_held_pairs_prints_no_name(tmp_path, monkeypatch, log_format):
    config = workspace_with_errors(tmp_path / "школа")
    workbook = config.parent / "workspace.xlsx"
    monkeypatch.setattr("jobs.nightly.monitor", crashing_monitor)

    result = CliRunner().invoke(cli, ["--config", str(config), "--log-format", log_format, "nightly"])

    out, err = result.stdout, result.stderr
    assert result.exit_code == 3, out + err  # the crashed step
    # the run did what it was asked: steps reported, the held pair said by its id, the crash reported
    assert "Шаг «проверка банков»: выполнено." in out
    assert "P009" in out + err
    assert "RuntimeError: нет данных для строка" in err
    assert "[e-mail скрыт]" in err or "e***@school.example" in err
    assert leaks(out) == [] and leaks(err) == []
    if log_format == "json":
        entries = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
        crashed = [e for e in entries if "exception" in e]
        assert crashed and "Traceback" in crashed[0]["exception"]
        assert leaks(json.dumps(entries, ensure_ascii=False)) == []
    # «Журнал» inside the workspace may keep its texts: the scrubber touches output only
    assert "Ершов" in "\n".join(str(c.value) for row in load_workbook(workbook)["Наставляемые"].iter_rows()
                                for c in row if c.value)


def test_the_error_line_of_a_failing_command_names_the_row_not_the_person(tmp_path, monkeypatch):
    config = consent_workspace(tmp_path / "школа")

    def failing_validate(workspace, **kwargs):
        workspace.read([MENTORS, MENTEES])
        raise WorkspaceError("Нет доступа к анкете Щербаковой Н. Л. (shcherbakova@school.example)")

    monkeypatch.setattr("jobs.cli.cmd_checks.run_validate", failing_validate)
    result = CliRunner().invoke(cli, ["--config", str(config), "validate"])

    assert result.exit_code == 3
    line = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"Ошибка: Нет доступа к анкете строка \d+ листа «Наставляемые» \(s\*\*\*@school\.example\)", line), line
    assert leaks(result.output) == []


def test_log_personal_data_keeps_names_in_log_lines_only(tmp_path, monkeypatch):
    config = workspace_with_errors(tmp_path / "школа")
    monkeypatch.setattr("jobs.nightly.monitor", crashing_monitor)

    result = CliRunner().invoke(cli, ["--config", str(config), "--log-format", "json", "--log-personal-data",
                                      "nightly"])

    logged = [line for line in result.stderr.splitlines() if line.startswith("{")]
    printed = [line for line in result.stderr.splitlines() if not line.startswith("{")]
    assert any("ershova.u@school.example" in line for line in logged)  # the flag keeps its meaning
    assert leaks(result.stdout) == [] and leaks("\n".join(printed)) == []


def test_a_log_record_with_a_traceback_is_scrubbed(people, capsys):
    from jobs.cli.logs import setup_logging

    setup_logging("json")
    try:
        raise KeyError("Борисовой Анны, borisova.aa@school26.example")
    except KeyError:
        logging.getLogger("nastavnik.test").exception("сбой для Козловой Марии")
    entry = json.loads(capsys.readouterr().err.strip())
    assert entry["message"] == "сбой для строка 3 листа «Наставляемые»"
    assert "KeyError: 'строка 5 листа «Наставники», b***@school26.example'" in entry["exception"]
