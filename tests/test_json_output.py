"""``--log-format json``: every line the process writes, on stdout and on stderr, is one JSON
object with time (the school's UTC offset), level, step, message — errors at level error — and
the run ends with a summary record."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import warnings
import zoneinfo
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from jobs.cli.output import level_of
from jobs.cli.run import wants_json
from tests.test_run_record import break_pairs_header, init

NASTAVNIK = [sys.executable, "-c", "from jobs.cli import main; main()"]
ROOT = Path(__file__).parents[1]
FIELDS = {"time", "level", "step", "message"}


def records(text: str) -> list[dict]:
    """Every line of `text` as JSON (fails on the first line that is not one object)."""
    out = []
    for line in text.splitlines():
        item = json.loads(line)
        assert isinstance(item, dict), line
        assert FIELDS <= item.keys(), line
        out.append(item)
    return out


def run_json(config: str, *args: str):
    result = CliRunner().invoke(cli, ["--log-format", "json", "--config", config, *args])
    return result, records(result.stdout), records(result.stderr)


def set_timezone(config: str, zone: str) -> None:
    path = Path(config)
    path.write_text(path.read_text(encoding="utf-8").replace("[school]\n", f'[school]\ntimezone = "{zone}"\n', 1),
                    encoding="utf-8")


def test_every_line_of_a_passing_nightly_is_json_in_the_schools_time_zone(tmp_path):
    config = init(tmp_path)
    set_timezone(config, "Asia/Vladivostok")

    proc = subprocess.run([*NASTAVNIK, "--log-format", "json", "--config", config, "nightly"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)

    assert proc.returncode == 0, proc.stderr
    out, err = records(proc.stdout), records(proc.stderr)
    assert out and err
    offset = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Vladivostok")).strftime("%z")
    for item in out + err:
        moment = dt.datetime.fromisoformat(item["time"])
        assert moment.strftime("%z") == offset  # +1000, whatever the server's own zone
        assert item["level"] in ("info", "warning")
    assert {item["step"] for item in out} >= {"ingest", "validate", "match", "roadmap", "monitor"}
    summary = err[-1]
    assert summary["event"] == "summary" and summary["command"] == "nightly"
    assert summary["exit_code"] == 0 and summary["outcome"] == "ok" and summary["duration"] >= 0
    assert [s["step"] for s in summary["steps"]][-1] == "monitor"
    steps = [e for e in err if e.get("logger") == "nastavnik.cli"]
    assert {e["step"]: e["outcome"] for e in steps}["validate"] == "ok"
    assert all(e["exit_code"] == 0 for e in steps)


def test_every_line_of_a_failing_nightly_is_json_and_the_failed_step_is_an_error(tmp_path):
    config = init(tmp_path)
    break_pairs_header(tmp_path)

    result, out, err = run_json(config, "nightly")

    assert result.exit_code == 1
    errors = [e for e in err if e["level"] == "error"]
    match_errors = [e for e in errors if e["step"] == "match"]
    assert any("нет обязательного столбца «ID пары»" in e["message"] for e in match_errors)
    step_line = next(e for e in err if e.get("logger") == "nastavnik.cli" and e["step"] == "match")
    assert step_line["level"] == "error" and step_line["outcome"] == "structure" and step_line["exit_code"] == 1
    validate_line = next(e for e in err if e.get("logger") == "nastavnik.cli" and e["step"] == "validate")
    assert validate_line["level"] == "info" and validate_line["outcome"] == "ok"
    summary = err[-1]
    assert summary["event"] == "summary" and summary["level"] == "error"
    assert summary["exit_code"] == 1 and summary["outcome"] == "structure"
    assert {"step": "match", "outcome": "structure", "exit_code": 1} in summary["steps"]


def test_a_step_that_raises_is_logged_as_an_error_with_its_traceback(tmp_path, monkeypatch):
    config = init(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("сбой внутри шага")

    monkeypatch.setattr("jobs.nightly.update_roadmap", broken)
    result, out, err = run_json(config, "nightly")

    assert result.exit_code == 3
    logged = next(e for e in err if "exception" in e)
    assert logged["level"] == "error" and logged["step"] == "roadmap"
    assert "Traceback" in logged["exception"] and "RuntimeError: сбой внутри шага" in logged["exception"]
    assert err[-1]["event"] == "summary" and err[-1]["exit_code"] == 3


def test_a_refused_run_is_json_with_its_outcome(tmp_path):
    config = init(tmp_path)
    (tmp_path / "~$workspace.xlsx").write_bytes(b"owner")

    result, out, err = run_json(config, "validate")

    assert result.exit_code == 3
    error = next(e for e in err if e["level"] == "error" and e["message"].startswith("Ошибка:"))
    assert "~$workspace.xlsx" in error["message"] and error["exit_code"] == 3 and error["step"] == "validate"
    assert err[-1]["event"] == "summary" and err[-1]["outcome"] == "refused"


def test_a_crash_is_one_json_error_with_the_traceback_as_a_field(tmp_path, monkeypatch):
    config = init(tmp_path)

    def crash(*args, **kwargs):
        raise KeyError("никогда")

    monkeypatch.setattr("jobs.nightly.preflight", crash)
    result, out, err = run_json(config, "nightly")

    assert result.exit_code == 3
    assert not any(line.startswith("Traceback") for line in result.stderr.splitlines())
    traced = [e for e in err if "exception" in e]
    assert len(traced) == 1 and traced[0]["level"] == "error" and "KeyError" in traced[0]["exception"]
    assert err[-1]["outcome"] == "crashed"


def test_usage_errors_are_json_too(tmp_path):
    config = init(tmp_path)

    for args in (["--log-format", "json", "--config", config, "nightly", "--no-such-option"],
                 ["--log-format", "json", "--no-such-option", "nightly"],
                 ["--log-format=json", "no-such-command"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        err = records(result.stderr)
        assert err and records(result.stdout) == []
        assert any(e["level"] == "error" and ("--no-such-option" in e["message"] or "no-such-command" in e["message"])
                   for e in err)


def test_warnings_are_json_records_at_level_warning(tmp_path, monkeypatch):
    config = init(tmp_path)
    from jobs import nightly as nightly_module

    real = nightly_module.monitor

    def warns(*args, **kwargs):
        warnings.warn("устаревший формат", UserWarning)
        return real(*args, **kwargs)

    monkeypatch.setattr("jobs.nightly.monitor", warns)
    result, out, err = run_json(config, "nightly")

    assert result.exit_code == 0
    warned = [e for e in err if "устаревший формат" in e["message"]]
    assert warned and warned[0]["level"] == "warning" and warned[0]["step"] == "monitor"


def test_text_mode_is_unchanged_for_people(tmp_path):
    config = init(tmp_path)

    result = CliRunner().invoke(cli, ["--config", config, "nightly"])

    assert result.exit_code == 0
    assert "Шаг «проверка банков»: выполнено." in result.stdout
    assert not any(line.startswith("{") for line in result.output.splitlines())


WANTS_JSON = [
    (["--log-format", "json", "nightly"], True),
    (["--log-format=json", "nightly"], True),
    (["--config", "x.toml", "--log-format", "json", "validate"], True),
    (["--log-format", "text", "nightly"], False),
    (["nightly"], False),
    (["--log-format"], False),
]


@pytest.mark.parametrize("args, expected", WANTS_JSON)
def test_json_is_switched_on_before_click_parses(args, expected):
    assert wants_json(args) is expected


LEVELS = [
    ("Ошибка: Лист «Пары»: нет столбца", "stderr", "error"),
    ("Ошибка: в выводе", "stdout", "error"),
    ("Error: No such option '--bogus'.", "stderr", "error"),
    ("Usage: nastavnik nightly [OPTIONS]", "stderr", "error"),
    ("Try 'nastavnik --help' for help.", "stderr", "error"),
    ("Внимание: пример предупреждения", "stderr", "warning"),
    ("Лист «Наставники»: строк 12; OK 9", "stdout", "info"),
    ("Usage: в тексте итога", "stdout", "info"),
]


@pytest.mark.parametrize("line, stream, level", LEVELS)
def test_level_of_a_printed_line(line, stream, level):
    assert level_of(line, stream) == level
