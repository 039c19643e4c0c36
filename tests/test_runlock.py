"""One run at a time: a second nightly exits at once; a killed run blocks nobody."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from jobs.cli import cli
from sync.local.runlock import file_run_lock

NASTAVNIK = [sys.executable, "-c", "from jobs.cli import main; main()"]


def init(path, sample="20"):
    result = CliRunner().invoke(cli, ["init", str(path), "--sample", sample], catch_exceptions=False)
    assert result.exit_code == 0


def test_second_run_exits_at_once_while_the_lock_is_held(tmp_path):
    init(tmp_path)
    before = (tmp_path / "workspace.xlsx").read_bytes()
    with file_run_lock(tmp_path, "nightly"):
        result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "nightly"])
    assert result.exit_code == 3
    assert "Уже идёт другой запуск (nightly, pid " in result.stderr
    assert (tmp_path / "workspace.xlsx").read_bytes() == before


def test_two_nightly_runs_started_together(tmp_path):
    init(tmp_path, sample="1000")
    cfg = str(tmp_path / "nastavnik.toml")
    procs = [subprocess.Popen(NASTAVNIK + ["--config", cfg, "nightly"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=os.getcwd()) for _ in range(2)]
    outcomes = sorted((p.wait(timeout=300), p.stderr.read()) for p in procs)
    assert [code for code, _ in outcomes] == [0, 3]
    assert "Уже идёт другой запуск" in outcomes[1][1]


def test_a_killed_run_does_not_block_the_next(tmp_path):
    init(tmp_path, sample="1000")
    cfg = str(tmp_path / "nastavnik.toml")
    proc = subprocess.Popen(NASTAVNIK + ["--config", cfg, "nightly"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=os.getcwd())
    deadline = time.time() + 60
    lock = tmp_path / ".nastavnik.lock"
    while time.time() < deadline and not (lock.exists() and lock.read_bytes()):
        time.sleep(0.05)
    assert lock.read_bytes().startswith(b"nightly, pid ")
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    result = CliRunner().invoke(cli, ["--config", cfg, "nightly"])

    assert result.exit_code == 0, result.output
