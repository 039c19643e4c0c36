"""The architecture as a contract: import-linter checks the layers declared in pyproject.toml
(`[tool.importlinter]`) — sheets_schema → sync → jobs → the CLI, jobs reach a backend only
through sync.factory, no import loops — and a planted upward import or loop makes it fail."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("sheets_schema", "sync", "jobs")
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))

CONTRACTS = {c["id"]: c["name"] for c in
             tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
             ["tool"]["importlinter"]["contracts"]}

# Contracts written for the target state of issue 17 that the tree does not keep yet. Strict:
# the day the tree keeps one, its test fails until the entry here is removed.
NOT_YET: dict[str, str] = {}  # contract id -> what breaks it and which item removes that

# Every import (importer, imported) that lies on a loop, module by module — it also sees what
# acyclic_siblings cannot: a package's __init__ and one of its own modules importing each other.
LOOP_EDGES = """
import sys, grimp
graph = grimp.build_graph(*sys.argv[1:], cache_dir=None)
for module in sorted(graph.modules):
    for imported in sorted(graph.find_modules_directly_imported_by(module)):
        if graph.chain_exists(importer=imported, imported=module):
            print(module, "->", imported)
"""


def lint_imports(root: Path, *contracts: str) -> subprocess.CompletedProcess:
    """Runs lint-imports on the packages under `root` (imported from there, not from the
    installed copy), limited to `contracts` when given."""
    args = [LINT_IMPORTS, "--no-cache", "--no-logo"]
    for contract in contracts:
        args += ["--contract", contract]
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=120)


def loop_edges(root: Path) -> list[str]:
    """The imports on a loop among the packages under `root`, as "a -> b" lines."""
    run = subprocess.run([sys.executable, "-c", LOOP_EDGES, *PACKAGES], cwd=root,
                         env=dict(os.environ, PYTHONPATH=str(root)), capture_output=True,
                         text=True, timeout=120, check=True)
    return run.stdout.splitlines()


def test_every_contract_is_checked_here():
    assert set(NOT_YET) <= set(CONTRACTS)
    assert {"layers", "cli-on-top", "backends-behind-factory", "matching-pure",
            "no-loops", "commands-independent"} <= set(CONTRACTS)


@pytest.mark.parametrize("contract", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[c])) if c in NOT_YET
    else c
    for c in CONTRACTS])
def test_contract_is_kept(contract):
    run = lint_imports(ROOT, contract)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{CONTRACTS[contract]} KEPT" in " ".join(run.stdout.split())


def test_no_module_imports_itself_through_a_loop():
    assert loop_edges(ROOT) == []


def test_a_planted_loop_through_a_package_init_is_found(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "sheets_schema" / "loop_child.py").write_text(
        "from sheets_schema import PLANTED\n", encoding="utf-8")
    init = tmp_path / "sheets_schema" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8")
                    + "\nPLANTED = 1\n\n\ndef planted():\n    from sheets_schema import loop_child\n",
                    encoding="utf-8")
    edges = loop_edges(tmp_path)
    assert "sheets_schema -> sheets_schema.loop_child" in edges
    assert "sheets_schema.loop_child -> sheets_schema" in edges


# (module, planted line, contract it breaks, what the report names)
PLANTED = [
    ("sheets_schema/grid.py", "import jobs.validate", "layers",
     "sheets_schema.grid -> jobs.validate"),
    ("sync/dryrun.py", "import jobs.cli", "layers", "sync.dryrun -> jobs.cli"),
    ("jobs/validate.py", "import sync.google.client", "backends-behind-factory",
     "jobs.validate -> sync.google.client"),
    ("jobs/runlog.py", "import jobs.cli", "cli-on-top", "jobs.runlog -> jobs.cli"),
    ("jobs/matching/rules.py", "import sync.workspace", "matching-pure",
     "jobs.matching.rules -> sync.workspace"),
    # a command reaching into another command instead of jobs.cli.steps
    ("jobs/cli/cmd_setup.py", "import jobs.cli.cmd_checks", "commands-independent",
     "jobs.cli.cmd_setup -> jobs.cli.cmd_checks"),
    # header_match imports grid: grid importing header_match back is a loop.
    ("sheets_schema/grid.py", "import sheets_schema.header_match", "no-loops",
     "No cycles are allowed in sheets_schema"),
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> str:
    """lint-imports' report over a copy of the packages with every import of PLANTED added."""
    root = tmp_path_factory.mktemp("planted")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for module, line, _, _ in PLANTED:
        path = root / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # planted\n",
                        encoding="utf-8")
    run = lint_imports(root, *sorted({contract for _, _, contract, _ in PLANTED}))
    assert run.returncode != 0, run.stdout + run.stderr
    return " ".join(run.stdout.split())


@pytest.mark.parametrize("module, line, contract, named", PLANTED,
                         ids=[f"{c}:{m}" for m, _, c, _ in PLANTED])
def test_contract_catches_a_planted_import(planted, module, line, contract, named):
    assert f"{CONTRACTS[contract]} BROKEN" in planted
    assert named in planted
