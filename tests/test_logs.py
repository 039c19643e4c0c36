"""Logs: personal data masked by default, JSON lines on request."""
from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from jobs.cli.logs import mask_personal_data, setup_logging

CASES = [
    ("письмо для ivanova.mp@school26.example не доставлено", "письмо для i***@school26.example не доставлено"),
    ("наставник Смирнова Ольга Ивановна закреплена", "наставник С*** О. И. закреплена"),
    ("Римская-Корсакова Анна Петровна", "Р*** А. П."),
    ("Лист «Наставники»: строк 80; OK 67", "Лист «Наставники»: строк 80; OK 67"),
    ("Сергей Иванович пришёл", "Сергей Иванович пришёл"),
]


@pytest.fixture(autouse=True)
def text_logging_after():
    """The tests set JSON logging up in this process: back to the CLI's default afterwards."""
    yield
    setup_logging("text")


@pytest.mark.parametrize("text, masked", CASES)
def test_mask_personal_data(text, masked):
    assert mask_personal_data(text) == masked


def test_json_lines_are_masked(capsys):
    setup_logging("json")
    logging.getLogger("nastavnik.test").warning("повтор для %s", "petrov.av@school26.example")
    line = capsys.readouterr().err.strip()
    entry = json.loads(line)
    assert entry["message"] == "повтор для p***@school26.example"
    assert entry["level"] == "warning" and entry["logger"] == "nastavnik.test"


def test_personal_data_can_be_allowed(capsys):
    setup_logging("text", personal_data=True)
    logging.getLogger("nastavnik.test").warning("Смирнова Ольга Ивановна")
    assert "Смирнова Ольга Ивановна" in capsys.readouterr().err


def test_nightly_logs_json_lines_to_stderr(tmp_path):
    from click.testing import CliRunner

    from jobs.cli import cli

    runner = CliRunner()
    runner.invoke(cli, ["init", str(tmp_path), "--sample", "10"], catch_exceptions=False)
    result = runner.invoke(cli, ["--log-format", "json", "--config", str(tmp_path / "nastavnik.toml"), "nightly"])
    assert result.exit_code == 0
    entries = [json.loads(line) for line in result.stderr.splitlines()]  # every line is JSON
    steps = {e["step"]: e for e in entries if e.get("logger") == "nastavnik.cli"}
    assert steps["validate"]["message"] == "Шаг «проверка банков»: выполнено."
    assert all(e["level"] == "info" and e["outcome"] == "ok" and e["exit_code"] == 0 for e in steps.values())


def test_json_time_carries_the_utc_offset(capsys):
    setup_logging("json")
    logging.getLogger("nastavnik.test").warning("проверка времени")
    entry = json.loads(capsys.readouterr().err.strip())
    moment = dt.datetime.fromisoformat(entry["time"])
    assert moment.utcoffset() == dt.datetime.now().astimezone().utcoffset()


def test_json_record_carries_step_outcome_and_exit_code(capsys):
    from jobs.run_record import step_context

    setup_logging("json")
    with step_context("match"):
        logging.getLogger("nastavnik.test").error("шаг не выполнен", extra={"outcome": "structure", "exit_code": 1})
    entry = json.loads(capsys.readouterr().err.strip())
    assert (entry["level"], entry["step"], entry["outcome"], entry["exit_code"]) == ("error", "match", "structure", 1)
