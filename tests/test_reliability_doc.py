"""RELIABILITY.md is exactly what `python -m tests.reliability.report` prints from the figures the
reliability tests assert (tests/reliability/figures/*.json)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.reliability.report import FIGURES, render

ROOT = Path(__file__).resolve().parent.parent


def test_reliability_md_is_generated_from_the_figures():
    printed = subprocess.run([sys.executable, "-m", "tests.reliability.report"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
    assert printed == render()
    assert (ROOT / "RELIABILITY.md").read_text(encoding="utf-8") == printed, (
        "RELIABILITY.md is out of date: python -m tests.reliability.report > RELIABILITY.md")


def test_every_figure_row_names_an_existing_test():
    for path in sorted(FIGURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for row in data.get("rows", []) if isinstance(data, dict) else data:
            file, _, name = row["test"].partition("::")
            name = name.split("[", 1)[0]  # a parametrised test: its function
            assert (ROOT / file).is_file(), (path.name, row["test"])
            assert not name or f"def {name}(" in (ROOT / file).read_text(encoding="utf-8"), (path.name, row["test"])


def test_the_promised_zeros_are_zero():
    zeros = ("misplaced", "overwritten", "leaked", "not RAW", "credentials found", "wrong value")
    for path in sorted(FIGURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for row in data.get("rows", []) if isinstance(data, dict) else data:
            if any(z in row["figure"] for z in zeros):
                assert row["value"] == 0, (path.name, row)
