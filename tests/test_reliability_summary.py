"""The summary at the top of RELIABILITY.md (`tests.reliability.report.summary`): one row per
promise, what broke it added up, how much was tried, how many tests, a link to its section."""
from __future__ import annotations

import json

from tests.reliability.report import FIGURES, promises, render, summary


def _write(folder, name, rows):
    (folder / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def row(promise, test, figure, value):
    return {"promise": promise, "test": test, "figure": figure, "value": value}


def test_a_promise_row_adds_up_its_tests_broken_counts_and_what_was_tried(tmp_path):
    _write(tmp_path, "crashes", [
        row("Убит — доделано", "t.py::a[1]", "killed at step 1 of 2: read", 1),
        row("Убит — доделано", "t.py::a[1]", "duplicated rows", 0),
        row("Убит — доделано", "t.py::a[2]", "killed at step 2 of 2: save", 1),
        row("Убит — доделано", "t.py::a[2]", "duplicated rows", 2),
        row("Убит — доделано", "t.py::a[2]", "temporary files left", 1),  # describes the run: not a failure
    ])
    _write(tmp_path, "security", [row("Атаки отбиты", "s.py::b", "attacks", 7),
                                  row("Атаки отбиты", "s.py::b", "not blocked", "—")])

    lines = summary(tmp_path)

    table = [line for line in lines if line.startswith("| ") and "Promise" not in line]
    assert table == [
        "| Убит — доделано | **2** (duplicated rows) | 2 kill points | 2 | [crashes](#crashes) |",
        "| Атаки отбиты | **0** (not blocked) | 7 attacks | 1 | [security](#security) |",
    ]


def test_every_promise_of_the_figures_is_summed_up_and_links_to_a_section_of_the_document():
    document = render()
    found = promises(FIGURES)

    assert len(found) == len({(p.section, p.text) for p in found}) >= 10
    top = document.split("\n## ", 2)[1]
    assert top.startswith("Сводка / Summary")
    for p in found:
        assert f"[{p.section}](#{p.section})" in top and f"\n## {p.section}\n" in document
        assert sum(p.bad.values()) == 0, p.text  # every promise recorded holds
    assert document.index("## Сводка") < document.index("## faults")
