"""The security section of RELIABILITY.md: the attacks of issue 14 (benchmarks/privacy.py), run per
category against the real code, and how many of them were blocked.

The figures are the outcome as measured — an attack that gets through shows as a blocked count
below the attack count, never as a skipped test — and each row names the tests that stage the
defence. Re-record with NASTAVNIK_RECORD_FIGURES=1 when a defence lands or an attack is added.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.reliability.report import check_figures

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("privacy_benchmark", ROOT / "benchmarks" / "privacy.py")
privacy = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(privacy)

PROMISES = {
    "templates": "a .docx template cannot run code, loop without end or reach attributes: `orders` refuses it "
                 "at the check, makes nothing (tests/test_template_sandbox.py)",
    "xss": "no payload in the school name, a stage or an event becomes markup or a link in index.html or "
           "index.md (tests/test_publish_safety.py)",
    "names": "no inflected, abbreviated, е-for-ё or e-mail form of a bank name reaches the public page "
             "(tests/test_publish_safety.py)",
    "differencing": "no published figure gives away one person's answer, between two publications "
                    "either (tests/test_figures_privacy.py)",
    "outputs": "no e-mail or name in stdout, stderr or logs of a failing nightly "
               "(tests/test_personal_data_outputs.py)",
    "symlinks": "a symlinked workbook, backups folder or lock file is refused with exit 3 and its target left as it was "
                "(tests/test_symlink_safety.py)",
    "concurrency": "a second writing command during nightly waits or is refused (exit 3, who holds the "
                   "workspace), the night's writes kept (tests/test_one_run.py)",
    "xml": "a sheet with an undefined entity or cut-off XML exits 3 naming the tab and `nastavnik restore`; XXE and "
           "billion-laughs entities are never expanded (tests/test_broken_sheet_xml.py)",
}


@pytest.mark.slow
@pytest.mark.parametrize("category", privacy.CATEGORIES)
def test_the_attacks_of_a_category_and_how_many_are_blocked(category):
    (row,) = privacy.run(category)
    assert row["attacks"] > 0
    check_figures("security", f"tests/test_reliability_security.py::test_the_attacks_of_a_category_and_how_many_are_blocked[{category}]",
                  PROMISES[category], {"attacks": row["attacks"], "blocked": row["blocked"],
                                       "not blocked": "; ".join(row["failed"]) or "—"})
