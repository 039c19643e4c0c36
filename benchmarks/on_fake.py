"""What the benchmarks on the fake Google share: one fresh fake per size, then a table or JSON."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from tests.fake_google import FakeGoogle


def run_sizes(sizes: Iterable[int], measure: Callable[[FakeGoogle, Path, int], list[dict]]) -> list[dict]:
    """`measure(fake, tmp_dir, size)` for each size on a reset fake; every row it returns."""
    fake = FakeGoogle.start(port=0)
    results: list[dict] = []
    try:
        with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
            for size in sizes:
                fake.reset()
                results += measure(fake, Path(tmp), size)
    finally:
        fake.stop()
    return results


def emit(results: list[dict], as_json: bool, table: Callable[[list[dict]], str]) -> None:
    """Print the rows as the table, or (``--json``) as a JSON list with the same keys."""
    print(json.dumps(results, ensure_ascii=False, indent=2) if as_json else table(results))
