"""Types as a contract (issue 17): mypy over sheets_schema, sync and jobs finds nothing.

The packages, the Python version and the third-party modules let through untyped are in
pyproject.toml's [tool.mypy]; this test runs mypy with that config, as a developer would. Its
incremental cache (.mypy_cache) keeps a rerun to a few seconds.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# The texts of sheets_schema.ru mix strings with tuples and dicts in one dict (ru.DOCUMENTS,
# ru.INGEST, ru.ROADMAP_TEXTS…), so mypy types a text as Sequence[str] / Collection[str] and each
# `.format` on it in sync is an error until those dicts are typed in sheets_schema/ru.
@pytest.mark.xfail(strict=False, reason="issue 17: the mixed-value text dicts of sheets_schema.ru are not typed yet")
def test_mypy_finds_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
