"""The charts as the service user draws them under deploy/nastavnik.service's sandbox (the
harness of tests/test_server_sandbox.py: a read-only file system but the state and log folders, a
private temp folder): matplotlib's font cache cannot go into a HOME the unit does not make
writable, and neither `report` nor `publish` warns or fails for it. Needs root; skipped otherwise."""
from __future__ import annotations

import subprocess

from tests.test_server_sandbox import (  # noqa: F401  (fixtures)
    NASTAVNIK, VENV_BIN, Sandbox, _assert_no_traceback, _local_workspace, _output, sandbox, sandbox_refused,
)


def run_with_home(box: Sandbox, *args: str) -> subprocess.CompletedProcess:
    """`nastavnik ARGS` as the service user, its HOME a folder the sandbox leaves read-only."""
    env = {"PATH": f"{VENV_BIN}:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(box.outside),
           "TMPDIR": str(box.base / "tmp"), "NASTAVNIK_CONFIG": str(box.state / "nastavnik.toml")}
    script = box.script([str(NASTAVNIK), *args], [box.state, box.logs], env)
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300)


def test_report_and_page_draw_their_charts_with_a_read_only_home(sandbox):
    _local_workspace(sandbox)

    made = run_with_home(sandbox, "report")
    page = run_with_home(sandbox, "publish", "--out", str(sandbox.state / "site"))

    for result in (made, page):
        assert result.returncode == 0, _output(result)
        _assert_no_traceback(result)
        assert "Matplotlib" not in _output(result) and "writable" not in _output(result), _output(result)
    assert list((sandbox.state / "documents").glob("*.docx"))
    # the pairs, the questions, (issue 22) the pairs by their plans, the roadmap; nobody rated twice
    assert (sandbox.state / "site" / "index.html").read_text(encoding="utf-8").count("<svg ") == 4
    assert list(sandbox.outside.iterdir()) == []  # nothing written into the HOME
    assert list((sandbox.base / "tmp").iterdir()) == []  # the private config folder removed at exit
