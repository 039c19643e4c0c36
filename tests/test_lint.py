"""ruff over the whole tree, with the short rule set stated in pyproject.toml ([tool.ruff]):
syntax errors, pyflakes (undefined names, unused imports and variables, redefinitions) and
mutable default arguments. Zero findings."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUFF = str(Path(sys.executable).with_name("ruff"))
CHECKED = ("sheets_schema", "sync", "jobs", "tests", "benchmarks")


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([RUFF, "check", "--no-cache", "--output-format", "concise", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing():
    run = ruff(*CHECKED)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "All checks passed!" in run.stdout


def test_ruff_uses_the_stated_rules(tmp_path):
    """The project's rules are the ones applied: an undefined name and an unused import in a
    module under the project's configuration are reported, with their codes."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "planted.py").write_text(
        "import os\n\n\ndef f(x=[]):\n    return y\n", encoding="utf-8")
    run = ruff("jobs", cwd=tmp_path)
    assert run.returncode == 1
    found = {line.split(" ")[1] for line in run.stdout.splitlines() if line.startswith("jobs/")}
    assert found == {"F401", "F821", "B006"}
