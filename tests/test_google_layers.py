"""The Google backend's modules in one declared order, and the parts of the `Workspace`
interface (run lock, doctor's checks) that a backend provides beside its class.

`ORDER` is sync/google from the bottom up: a module imports only modules before it, at the top of
the file — an import hidden inside a function still counts, so a loop cannot come back that way.
"""
from __future__ import annotations

import ast
import contextlib
from pathlib import Path

import pytest

import sync.google.forms_health
import sync.google.health
import sync.google.lease
from sheets_schema.questionnaires import FormLink
from sync.dryrun import DryRunWorkspace
from sync.google import GoogleWorkspace
from sync.workspace import Workspace, backend_module

GOOGLE = Path(__file__).resolve().parent.parent / "sync" / "google"

ORDER = [
    "errors",         # Google's error envelope, `explain`
    "limiter",        # requests per minute
    "token_record",   # when the refresh token was issued
    "retry",          # the one retry policy
    "forms_publish",  # who answers the questionnaires
    "credentials",    # scopes, sign-in, the token cache
    "client",         # one method per REST call
    "workspace",      # GoogleWorkspace
    "lease",          # Workspace.run_lock
    "health",         # Workspace.health_checks
    "forms_health",   # Workspace.questionnaire_checks
    "forms",
    "documents",
    "summary",
    "create",         # create_google_workspace (checks ownership first: health)
    "upgrade",
    "auth",           # `auth status`: asks Drive, so above the client
    "__init__",       # the package: open_google_workspace, configure
]

# Imports a function may make: a dependency only one command needs (oauthlib: `auth login`).
LAZY_ALLOWED = {"google_auth_oauthlib.flow", "oauthlib.oauth2.rfc6749.errors"}


def google_imports(tree: ast.Module) -> set[str]:
    """The sync.google modules a file imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sync.google"):
            parts = node.module.split(".")
            if len(parts) > 2:
                found.add(parts[2])
            else:  # from sync.google import x
                found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[2] for a in node.names if a.name.startswith("sync.google."))
    return found


def imports_in_functions(tree: ast.Module) -> set[str]:
    names = set()
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom):
                    names.add(node.module or "")
                elif isinstance(node, ast.Import):
                    names.update(a.name for a in node.names)
    return names


def test_every_module_of_sync_google_is_in_the_order():
    assert sorted(ORDER) == sorted(p.stem for p in GOOGLE.glob("*.py"))


@pytest.mark.parametrize("module", ORDER)
def test_a_module_imports_only_the_modules_below_it(module):
    tree = ast.parse((GOOGLE / f"{module}.py").read_text(encoding="utf-8"))
    below = set(ORDER[: ORDER.index(module)])
    assert google_imports(tree) - below == set()


@pytest.mark.parametrize("module", ORDER)
def test_no_import_is_hidden_in_a_function(module):
    tree = ast.parse((GOOGLE / f"{module}.py").read_text(encoding="utf-8"))
    assert imports_in_functions(tree) - LAZY_ALLOWED == set()


def test_the_order_check_sees_an_upward_import_inside_a_function():
    planted = ast.parse("def status():\n    from sync.google.auth import auth_status\n")
    assert google_imports(planted) == {"auth"}
    assert imports_in_functions(planted) == {"sync.google.auth"}


# --- the interface -------------------------------------------------------------------------------

class Bare(Workspace):
    """A backend with no module beside its class: no lock, no checks."""

    def read_grids(self, titles):
        return {t: None for t in titles}

    def write_cells(self, writes):
        raise AssertionError("nothing is written")


def test_a_backend_without_a_lock_runs_the_block_unlocked():
    ws = Bare()
    with ws.run_lock("nightly") as held, ws.run_lock("validate"):  # a no-op: a second one too
        assert held is None
    assert ws.health_checks() == []
    assert ws.questionnaire_checks({"mentor_start": FormLink("f1", "https://forms")}) == []


def test_a_dry_run_takes_no_lock_of_the_workspace_it_reads():
    class Locked(Bare):
        def run_lock(self, job):
            raise AssertionError("a dry run must not take the run lock")

    dry = DryRunWorkspace(Locked())
    with dry.run_lock("nightly") as held:
        assert held is None


def test_the_google_backend_finds_its_lock_and_checks_beside_its_class():
    ws = GoogleWorkspace(client=None, spreadsheet_id="sheet-1")  # type: ignore[arg-type]  # no request made
    assert backend_module(ws, "lease") is sync.google.lease
    assert backend_module(ws, "health") is sync.google.health
    assert backend_module(ws, "forms_health") is sync.google.forms_health
    lock = ws.run_lock("nightly")  # not entered: nothing is sent
    assert isinstance(lock, contextlib.AbstractContextManager)
    assert ws.lock_poll_seconds == 5.0 and Bare().lock_poll_seconds == 0.2
