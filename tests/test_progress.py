"""Progress on long work (issue 21): on a terminal `nightly`, `ingest`, `match` and `orders` say on
stderr what they are doing; under cron (no terminal) and with ``--log-format json`` nothing extra
is printed. The jobs take a plain callback (`jobs.cli.progress`)."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from tests.test_run_record import init

PROGRESS = re.compile(r"^\d+ из \d+: .+…$")


def progress_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if PROGRESS.match(line)]


@pytest.fixture
def terminal(monkeypatch):
    """stderr as a person's terminal."""
    monkeypatch.setattr("jobs.cli.progress.stderr_is_tty", lambda: True)


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return init(tmp_path_factory.mktemp("progress") / "school")


def test_under_cron_the_night_prints_no_progress(config):
    result = CliRunner().invoke(cli, ["--config", config, "nightly"])

    assert result.exit_code == 0, result.output
    assert progress_lines(result.stderr) == [] and progress_lines(result.stdout) == []


def test_on_a_terminal_the_night_tells_each_step_on_stderr(config, terminal):
    result = CliRunner().invoke(cli, ["--config", config, "nightly"])

    assert result.exit_code == 0, result.output
    assert progress_lines(result.stderr) == [  # (orders at night are off in a new config)
        "1 из 6: обновление рабочего пространства…", "2 из 6: приём анкет…", "3 из 6: проверка банков…",
        "4 из 6: подбор пар…", "5 из 6: дорожная карта…", "6 из 6: итоги мониторинга…"]
    assert progress_lines(result.stdout) == []
    assert "Шаг «проверка банков»: выполнено." in result.stdout  # the report itself as before


def test_json_logs_get_no_progress_even_on_a_terminal(config, terminal):
    result = CliRunner().invoke(cli, ["--log-format", "json", "--config", config, "nightly"])

    assert result.exit_code == 0, result.output
    assert "обновление рабочего пространства…" not in result.stderr + result.stdout


def test_ingest_and_match_tell_their_parts_on_a_terminal(config, terminal):
    from sheets_schema.questionnaires import QUESTIONNAIRES

    ingested = CliRunner().invoke(cli, ["--config", config, "ingest"])
    matched = CliRunner().invoke(cli, ["--config", config, "match", "--dry-run"])

    assert progress_lines(ingested.stderr) == [f"{i} из {len(QUESTIONNAIRES)}: {q.title}…"
                                               for i, q in enumerate(QUESTIONNAIRES, start=1)]
    assert progress_lines(matched.stderr) == ["1 из 3: чтение банков и пар…", "2 из 3: подбор пар…",
                                              "3 из 3: запись предложений…"]


def test_orders_tell_each_programme(tmp_path):
    from tests.backends import LocalBackend
    from tests.test_orders import rows_for, run

    backend = LocalBackend(tmp_path)
    backend.make(rows_for(3))
    told: list[tuple[str, int, int]] = []

    made = run(backend, progress=lambda what, done, total: told.append((what, done, total)))

    assert made.programmes_created == 3
    assert told == [(f"программа пары P00{i}", i + 1, 3) for i in range(3)]


def test_off_a_terminal_there_is_no_callback():
    from jobs.cli.progress import terminal_progress

    assert terminal_progress() is None  # pytest's stderr is captured: no terminal
