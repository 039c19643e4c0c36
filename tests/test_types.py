"""Types as a contract (issue 17): mypy over sheets_schema, sync and jobs finds nothing.

The packages, the Python version and the third-party modules let through untyped are in
pyproject.toml's [tool.mypy]; this test runs mypy with that config, as a developer would. Its
incremental cache (.mypy_cache) keeps a rerun to a few seconds.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
