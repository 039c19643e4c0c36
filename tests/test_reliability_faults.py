"""Faults of Google, proven harmless: `ingest`, `validate`, `match`, `orders` and `nightly` on the
fake Google Workspace with 10%, 30% and 50% of requests answered 429/500/503, with answers slower
than the client's timeout, and with dropped connections. Each run ends in the state of the
fault-free run (every tab, every document), with no document made twice, and every retry within
the policy's bound; where the policy gives up, the run stops with exit code 3 and a Russian
message, and the next run completes the work.

Every figure measured here is recorded in tests/reliability/figures/faults.json and asserted
against it (seeded faults make the numbers stable).
"""
from __future__ import annotations

import logging
import re
import time

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from jobs.ingest import prepare_questionnaires
from sync.workspace import WorkspaceError
from tests.fake_google.server import Faults
from tests.reliability.faults_support import (
    check_figures, copy_form_links, google_state, ingest_responses, job_rows, run_job, submit_to_fake,
)
from tests.test_google_support import new_folder, seeded_workspace

JOBS = ("ingest", "validate", "match", "orders", "nightly")
RATES = (0.1, 0.3, 0.5)
STATUSES = [429, 500, 503]
MAX_RETRIES = 10  # the policy's bound per call in these runs
DELAY_RATE = 0.1  # answers held 1.5 s by the fake, past the client's timeout of 1 s (the least [google] timeout)
SEEDS = {"ingest": 101, "validate": 102, "match": 103, "orders": 104, "nightly": 105}
ATTEMPT = re.compile(r"попытка (\d+) из (\d+)")
PROMISE = "Сбои Google (429/500/503, таймауты, обрывы): итог как без сбоев, без дублей, повторы в пределах политики"


class Scenario:
    """One job's scenario on the fake: the fault-free reference and workspaces to run under faults."""

    def __init__(self, fake, tmp_path, job: str):
        self.fake, self.tmp_path, self.job = fake, tmp_path, job
        self.first = None

    def workspace(self, name: str, sleeps: list[float] | None = None, **overrides):
        directory = self.tmp_path / name
        directory.mkdir()
        ws = seeded_workspace(self.fake, directory, job_rows(self.job), sleeps=sleeps, **overrides)
        ws.folder_id = new_folder(ws.client, f"Наставничество ({name})")
        if self.job in ("ingest", "nightly"):
            if self.first is None:
                prepare_questionnaires(ws)
                submit_to_fake(self.fake, ws, ingest_responses())
            else:
                copy_form_links(self.first, ws)  # the same forms, so the same responses
        if self.first is None:
            self.first = ws
        return ws

    def reference(self):
        """The state a fault-free run leaves (ids are labelled, so it is computed once per job)."""
        if self.job not in _REFERENCE:
            ws = self.workspace("reference")
            self.fake.clear_requests()
            result = run_job(self.job, ws)
            calls = len([e for e in self.fake.requests() if e["api"] != "oauth"])
            assert exit_code(result) == 0
            _REFERENCE[self.job] = (google_state(ws, self.fake), calls)
        state, self.calls = _REFERENCE[self.job]
        return state


_REFERENCE: dict = {}


def faulty_seed(base: int, first: int = 3, **faults) -> int:
    """The first seed from `base` whose faults hit at least one of the `first` requests (a run of
    a three-request job must meet a fault for the test to prove anything)."""
    for seed in range(base, base + 1000):
        decide = Faults(seed=seed, **faults).decide
        if any(kind or delay for kind, _, delay in (decide() for _ in range(first))):
            return seed
    raise AssertionError("no seed")  # pragma: no cover


def seed_giving_up_at(call: int, base: int, rate: float = 0.5) -> int:
    """The first seed from `base` with which a policy of ONE retry gives up on exactly the
    `call`-th call of a run (each attempt of a call takes one decision of the fake)."""
    for seed in range(base, base + 100000):
        decide = Faults(rate=rate, seed=seed).decide
        for n in range(1, call + 1):
            if decide()[0] and decide()[0]:
                break
        else:
            continue
        if n == call:
            return seed
    raise AssertionError("no seed")  # pragma: no cover


def exit_code(result) -> int:
    return result.exit_code


def retry_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == "nastavnik.google"]


def assert_bounded(lines: list[str], sleeps: list[float], max_retries: int) -> None:
    """Every retry logged and waited once, and no call retried more than the policy allows."""
    attempts = [ATTEMPT.search(line) for line in lines]
    assert all(attempts) and len(lines) == len(sleeps)
    assert all(int(m[1]) <= max_retries and int(m[2]) == max_retries + 1 for m in attempts)
    assert all(0 <= s <= 32 for s in sleeps)  # [google] max_delay, Retry-After of the fake: 1 s


def run_under(fake, scenario: Scenario, caplog, faults: dict, sleeps: list[float], settle: float = 0.0, **overrides):
    ws = scenario.workspace("faulty", sleeps, **overrides)
    fake.clear_requests()
    fake.set_faults(**faults)
    try:
        with caplog.at_level(logging.WARNING, logger="nastavnik.google"):
            result = run_job(scenario.job, ws)
    finally:
        log = [e for e in fake.requests() if e["api"] != "oauth"]
        fake.clear_faults()
    time.sleep(settle)  # answers the client gave up waiting for still land: let them
    return ws, result, log


@pytest.mark.parametrize("rate", RATES, ids=lambda r: f"{int(r * 100)}pct")
@pytest.mark.parametrize("job", JOBS)
def test_error_answers_leave_the_state_of_a_fault_free_run(fake_google, tmp_path, caplog, job, rate):
    scenario = Scenario(fake_google, tmp_path, job)
    expected = scenario.reference()
    sleeps: list[float] = []
    seed = faulty_seed(SEEDS[job] + int(rate * 100), rate=rate)

    ws, result, log = run_under(fake_google, scenario, caplog, dict(rate=rate, statuses=STATUSES, seed=seed),
                                sleeps, max_retries=MAX_RETRIES)

    state = google_state(ws, fake_google)
    assert exit_code(result) == 0
    assert state.differences(expected) == []
    assert state.duplicates == 0, state.extra
    faults = [e for e in log if e["fault"] == "error"]
    lines = retry_lines(caplog)
    assert len(lines) == len(faults) > 0
    assert {e["status"] for e in faults} <= set(STATUSES)
    assert_bounded(lines, sleeps, MAX_RETRIES)
    check_figures("faults.json", f"tests/test_reliability_faults.py::test_error_answers_leave_the_state_of_a_fault_free_run[{job}-{int(rate * 100)}pct]", {
        "promise": PROMISE, "seed": seed, "requests": len(log), "faults injected": len(faults),
        "retries": len(lines), "differences": len(state.differences(expected)), "duplicated documents": state.duplicates,
    })


@pytest.mark.slow
@pytest.mark.parametrize("job", JOBS)
def test_answers_slower_than_the_timeout_are_retried_and_change_nothing_twice(fake_google, tmp_path, caplog, job):
    scenario = Scenario(fake_google, tmp_path, job)
    expected = scenario.reference()
    sleeps: list[float] = []
    seed = faulty_seed(SEEDS[job] + 200, delay_rate=DELAY_RATE)

    ws, result, log = run_under(fake_google, scenario, caplog,
                                dict(delay_rate=DELAY_RATE, delay_seconds=1.5, seed=seed), sleeps, settle=1.0,
                                timeout=1.0, max_retries=MAX_RETRIES)

    state = google_state(ws, fake_google)
    assert exit_code(result) == 0
    assert state.differences(expected) == []
    assert state.duplicates == 0, state.extra
    lines = retry_lines(caplog)
    timeouts = [line for line in lines if "нет ответа" in line]
    assert len(timeouts) == len(lines) > 0
    assert_bounded(lines, sleeps, MAX_RETRIES)
    check_figures("faults.json", f"tests/test_reliability_faults.py::test_answers_slower_than_the_timeout_are_retried_and_change_nothing_twice[{job}]", {
        "promise": PROMISE, "seed": seed, "delayed answers rate": DELAY_RATE, "client timeout, s": 1.0,
        "answers delayed, s": 1.5, "differences": len(state.differences(expected)), "duplicated documents": state.duplicates,
    })


@pytest.mark.parametrize("job", JOBS)
def test_dropped_connections_are_retried_to_the_same_state(fake_google, tmp_path, caplog, job):
    scenario = Scenario(fake_google, tmp_path, job)
    expected = scenario.reference()
    sleeps: list[float] = []
    seed = faulty_seed(SEEDS[job] + 300, drop_rate=0.3)

    ws, result, log = run_under(fake_google, scenario, caplog, dict(drop_rate=0.3, seed=seed), sleeps,
                                max_retries=MAX_RETRIES)

    state = google_state(ws, fake_google)
    assert exit_code(result) == 0
    assert state.differences(expected) == []
    assert state.duplicates == 0, state.extra
    drops = [e for e in log if e["fault"] == "drop"]
    lines = retry_lines(caplog)
    # httplib2 (Drive, Docs, Forms) reconnects once by itself; the rest is the policy's, logged
    assert 0 < len(drops) and len(lines) <= len(drops) and all("нет ответа" in line for line in lines)
    assert_bounded(lines, sleeps, MAX_RETRIES)
    check_figures("faults.json", f"tests/test_reliability_faults.py::test_dropped_connections_are_retried_to_the_same_state[{job}]", {
        "promise": PROMISE, "seed": seed, "requests": len(log), "connections dropped": len(drops),
        "retries": len(lines), "reconnected by httplib2": len(drops) - len(lines), "differences": len(state.differences(expected)), "duplicated documents": state.duplicates,
    })


GIVE_UP = "Google не выполнил запрос"


@pytest.mark.parametrize("job", JOBS)
def test_past_the_bound_the_run_stops_with_exit_3_and_the_next_run_completes(fake_google, tmp_path, caplog, job):
    scenario = Scenario(fake_google, tmp_path, job)
    expected = scenario.reference()
    calls = scenario.calls
    stop_at = calls if job == "validate" else calls // 2  # validate: its one write; others: midway
    seed = seed_giving_up_at(stop_at, SEEDS[job] + 400)
    sleeps: list[float] = []
    ws = scenario.workspace("faulty", sleeps, max_retries=1)
    fake_google.set_faults(rate=0.5, statuses=STATUSES, seed=seed)
    try:
        with caplog.at_level(logging.WARNING, logger="nastavnik.google"):
            if job == "nightly":
                stopped = run_job(job, ws)
                assert stopped.exit_code == 3
                messages = [e for s in stopped.steps if s.exit_code == 3 for e in s.errors]
            else:
                with pytest.raises(WorkspaceError) as raised:
                    run_job(job, ws)
                messages = [str(raised.value)]
    finally:
        fake_google.clear_faults()
    assert messages and all(GIVE_UP in m for m in messages), messages
    assert all("Повторите запуск позже" in m for m in messages)
    assert_bounded(retry_lines(caplog), sleeps, 1)

    rerun = run_job(job, ws)

    state = google_state(ws, fake_google)
    assert exit_code(rerun) == 0
    # «Журнал» holds the stopped run's rows too; every other tab and document is the reference's
    differences = [d for d in state.differences(expected) if not d.startswith("tab Журнал")]
    assert differences == []
    assert state.duplicates == 0, state.extra
    check_figures("faults.json", f"tests/test_reliability_faults.py::test_past_the_bound_the_run_stops_with_exit_3_and_the_next_run_completes[{job}]", {
        "promise": "Сбои Google сверх предела повторов: код 3, понятное сообщение, следующий запуск доделывает работу",
        "seed": seed, "max_retries": 1, "calls of a clean run": calls, "stopped at call": stop_at,
        "runs stopped with exit 3": 1, "differences after the rerun": len(differences),
        "duplicated documents": state.duplicates,
    })


def test_the_cli_gives_up_with_exit_3_and_a_russian_message_then_the_next_run_completes(fake_google, tmp_path):
    from tests.test_cli_google import google_config

    config, _ = google_config(fake_google, tmp_path, max_retries=1, max_retry_seconds=1.0)
    assert CliRunner().invoke(cli, ["--config", str(config), "init", "--google", "--sample", "40"]).exit_code == 0
    fake_google.set_faults(rate=1.0, statuses=[503], seed=7)

    stopped = CliRunner().invoke(cli, ["--config", str(config), "validate"])

    fake_google.clear_faults()
    assert stopped.exit_code == 3
    assert "Google не выполнил запрос" in stopped.output and "Повторите запуск позже" in stopped.output
    done = CliRunner().invoke(cli, ["--config", str(config), "validate"])
    assert done.exit_code == 0, done.output
    assert "Лист «Наставляемые»: строк 24;" in done.output
