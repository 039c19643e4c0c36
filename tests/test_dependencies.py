"""Every third-party package the code imports is declared in pyproject.toml, with an upper bound at
the next major version; the product's imports among `dependencies`, the tests' and benchmarks'
among them or the `test` extra; and deploy/constraints.txt pins every one a server installs."""
from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("sheets_schema", "sync", "jobs")
DEVELOPMENT = ("tests", "benchmarks")
# this project's packages, and the benchmark scripts the tests import by name (sys.path)
OWN = {"sheets_schema", "sync", "jobs", "tests", "benchmarks"} | {p.stem for p in (ROOT / "benchmarks").glob("*.py")}
# run by LibreOffice's own Python (its `uno` and `com.sun.star`), never by ours
FOREIGN = {"tests/workbook_corpus/make_libreoffice.py"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def declared() -> tuple[dict[str, str], dict[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    main = {_name(r): r for r in project["dependencies"]}
    test = {_name(r): r for r in project["optional-dependencies"]["test"]}
    return main, test


def imported_modules(folders: tuple[str, ...]) -> dict[str, set[str]]:
    """Top-level module → the files importing it, outside the standard library and this project."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if str(path.relative_to(ROOT)) in FOREIGN:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in OWN and top != "__future__":
                        found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def distributions(module: str) -> set[str]:
    return {d.lower().replace("_", "-") for d in metadata.packages_distributions().get(module, [])}


@pytest.mark.parametrize("folders, allowed", [(PRODUCT, "main"), (DEVELOPMENT, "main+test")])
def test_every_third_party_import_is_declared(folders, allowed):
    main, test = declared()
    names = set(main) | (set(test) if allowed == "main+test" else set())
    undeclared = {module: sorted(files)[:3] for module, files in imported_modules(folders).items()
                  if not distributions(module) & names}
    assert undeclared == {}, f"declare these in pyproject.toml ({allowed}): {undeclared}"


def test_every_requirement_has_an_upper_bound_that_admits_what_is_installed():
    main, test = declared()
    for name, requirement in {**main, **test}.items():
        upper = re.search(r"<\s*([0-9][0-9.]*)", requirement)
        assert upper, f"{requirement}: no upper bound (add <next major)"
        installed = metadata.version(name)
        major = int(installed.split(".")[0])
        assert int(upper.group(1).split(".")[0]) > major, f"{requirement} refuses the installed {installed}"


def test_constraints_pin_every_runtime_requirement():
    pins = {}
    for line in (ROOT / "deploy" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    main, _ = declared()
    assert set(main) <= set(pins), f"not pinned: {sorted(set(main) - set(pins))}"
    assert "nastavnik" not in pins
