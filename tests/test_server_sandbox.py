"""Issue 15's «Done when»: `nastavnik nightly` run as the service user would run it under
deploy/nastavnik.service — a non-root uid, the whole file system read-only except the state folder
(standing for /var/lib/nastavnik) and the log folder (/var/log/nastavnik), a private temp folder —
passes on a local workspace and on Google (the fake), and every permission failure is exit code 3
with the path in the message, never a traceback.

The sandbox is built with `unshare -m` (a private mount namespace): the folders the unit makes
writable are bind-mounted onto themselves, then `/` is remounted read-only, then `setpriv` drops
to the uid. Needs root (to make the namespace) and util-linux; skipped with the reason otherwise.
The console script is the one of the running interpreter's venv (`sys.executable`), so a fresh
clone elsewhere tests its own install. A folder on the way to the venv or the interpreter that the
uid may not enter (a venv on a pyenv python in /root) is shown to it through a tmpfs in the
namespace — the real folder is not changed.
"""
from __future__ import annotations

import configparser
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sync.local import WORKBOOK

UID = GID = 65534  # nobody: a user with no rights anywhere, as the service user nastavnik
PROJECT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
NASTAVNIK = VENV_BIN / "nastavnik"


def _unit_arguments() -> list[str]:
    """What deploy/nastavnik.service runs after the program's name (``--log-format json nightly``)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read_string((PROJECT / "deploy" / "nastavnik.service").read_text(encoding="utf-8"))
    return parser["Service"]["ExecStart"].split()[1:]


UNIT_NIGHTLY = _unit_arguments()


def _blocked_ancestors(paths: list[Path]) -> dict[Path, set[str]]:
    """For each path, the first folder on the way from / that others may not enter (no o+x),
    with the name of the entry under it that leads to the path."""
    blocked: dict[Path, set[str]] = {}
    for path in paths:
        parts = path.resolve().parts
        for i in range(1, len(parts)):
            folder = Path(*parts[:i])
            if not os.stat(folder).st_mode & stat.S_IXOTH:
                blocked.setdefault(folder, set()).add(parts[i])
                break
    return blocked


@dataclass
class Sandbox:
    """A temp folder standing for the server: ``state`` (/var/lib/nastavnik) and ``logs``
    (/var/log/nastavnik) owned by the uid; ``outside`` a folder of the uid the unit does not make
    writable."""

    base: Path
    state: Path = field(init=False)
    logs: Path = field(init=False)
    outside: Path = field(init=False)

    def __post_init__(self) -> None:
        self.state, self.logs, self.outside = self.base / "state", self.base / "logs", self.base / "outside"
        for folder in (self.state, self.logs, self.outside, self.base / "tmp", self.base / "stash"):
            folder.mkdir()
        for folder in (self.state, self.logs, self.outside):
            os.chown(folder, UID, GID)
            folder.chmod(0o2770)
        (self.base / "tmp").chmod(0o1777)

    def script(self, command: list[str], writable: list[Path], env: dict[str, str]) -> str:
        """The shell script run by `unshare -m`: the sandbox of the unit, then the command as the uid."""
        q = shlex.quote
        lines = ["set -e", "mount --make-rprivate /"]
        needed = [Path(sys.executable), Path(sys.prefix), Path(sys.base_prefix), PROJECT, self.base]
        for n, (folder, names) in enumerate(sorted(_blocked_ancestors(needed).items())):
            for m, name in enumerate(sorted(names)):
                stash = self.base / "stash" / f"{n}-{m}"
                lines += [f"mkdir -p {q(str(stash))}", f"mount --bind {q(str(folder / name))} {q(str(stash))}"]
            lines.append(f"mount -t tmpfs -o mode=0755 tmpfs {q(str(folder))}")
            for m, name in enumerate(sorted(names)):
                stash = self.base / "stash" / f"{n}-{m}"
                target = folder / name
                make = "mkdir" if target.is_dir() else "touch"
                lines += [f"{make} {q(str(target))}", f"mount --bind {q(str(stash))} {q(str(target))}"]
        for path in [*writable, self.base / "tmp"]:
            lines.append(f"mount --bind {q(str(path))} {q(str(path))}")
        lines += ["mount -o remount,bind,ro /", f"cd {q(str(self.state))}"]
        variables = " ".join(f"{k}={q(v)}" for k, v in env.items())
        lines.append(f"exec setpriv --reuid={UID} --regid={GID} --clear-groups env -i {variables} "
                     + " ".join(q(c) for c in command))
        return "\n".join(lines) + "\n"

    def run(self, *args: str, writable: list[Path] | None = None, config: Path | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
        """`nastavnik ARGS` as the uid, with only `writable` (default: state and logs) writable."""
        env = {"PATH": f"{VENV_BIN}:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(self.state),
               "TMPDIR": str(self.base / "tmp"),
               "NASTAVNIK_CONFIG": str(config or self.state / "nastavnik.toml")}
        script = self.script([str(NASTAVNIK), *args],
                             [self.state, self.logs] if writable is None else writable, env)
        return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                              timeout=timeout)

    def chown_state(self) -> None:
        for path in [self.state, *self.state.rglob("*")]:
            os.chown(path, UID, GID, follow_symlinks=False)


def _sandbox_refused() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root: unshare -m and setpriv make the service user's sandbox"
    for tool in ("unshare", "setpriv", "mount"):
        if shutil.which(tool) is None:
            return f"{tool} (util-linux) is not installed"
    if not NASTAVNIK.exists():
        return f"no console script {NASTAVNIK}: pip install -e . into this venv"
    return None


def _new_sandbox() -> Sandbox:
    base = Path(tempfile.mkdtemp(prefix="nastavnik-server-"))
    base.chmod(0o755)
    return Sandbox(base)


@pytest.fixture(scope="module")
def sandbox_refused() -> str | None:
    """Why the sandbox cannot run here (None: it can): probed once, with `nastavnik --version`."""
    reason = _sandbox_refused()
    if reason:
        return reason
    box = _new_sandbox()
    try:
        probe = box.run("--version", timeout=60)
    finally:
        shutil.rmtree(box.base, ignore_errors=True)
    if probe.returncode != 0:
        return (f"the sandbox is refused here or uid {UID} cannot run {NASTAVNIK}: "
                f"{(probe.stderr or probe.stdout).strip()[-300:]}")
    return None


@pytest.fixture
def sandbox(sandbox_refused):
    if sandbox_refused:
        pytest.skip(sandbox_refused)
    box = _new_sandbox()
    try:
        yield box
    finally:
        shutil.rmtree(box.base, ignore_errors=True)


def _output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def _assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in _output(result), _output(result)


def _last_run(state: Path) -> dict | None:
    path = state / "last-run.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _local_workspace(box: Sandbox) -> None:
    """`sudo -u nastavnik nastavnik init /var/lib/nastavnik --sample 30`, in the sandbox."""
    made = box.run("init", str(box.state), "--sample", "30")
    assert made.returncode == 0, _output(made)
    _assert_no_traceback(made)
    assert (box.state / WORKBOOK).exists() and (box.state / "nastavnik.toml").exists()


def _assert_night_passed(box: Sandbox, result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, _output(result)
    _assert_no_traceback(result)
    # --log-format json, as the unit runs it: every line on both streams is a JSON object
    lines = _json_lines(result.stdout) + _json_lines(result.stderr)
    assert lines and all(isinstance(line, dict) for line in lines)
    record = _last_run(box.state)  # what monitoring reads, written by the service user
    assert record is not None, "no last-run.json in the state folder"
    assert (record["command"], record["exit_code"], record["outcome"]) == ("nightly", 0, "ok"), record
    assert [s["step"] for s in record["steps"]] and all(s["exit_code"] == 0 for s in record["steps"]), record
    assert (box.state / "last-run.json").stat().st_uid == UID


def test_local_nightly_as_the_service_user_under_the_unit_sandbox(sandbox):
    _local_workspace(sandbox)
    before = (sandbox.state / WORKBOOK).read_bytes()

    night = sandbox.run(*UNIT_NIGHTLY)

    _assert_night_passed(sandbox, night)
    assert (sandbox.state / WORKBOOK).read_bytes() != before  # statuses written
    assert (sandbox.state / WORKBOOK).stat().st_uid == UID
    [backup] = (sandbox.state / "backups").glob("workspace-*.xlsx")  # the copy taken at the start
    assert backup.read_bytes() == before


def test_the_cron_line_as_the_service_user_logs_to_the_log_folder(sandbox):
    """The command of deploy/nastavnik.cron (paths moved into the sandbox), run by sh as the uid:
    the run's output goes to the log file, nothing is printed on success (no mail)."""
    _local_workspace(sandbox)
    line = next(s for s in (PROJECT / "deploy" / "nastavnik.cron").read_text(encoding="utf-8").splitlines()
                if s[:1].isdigit())
    command = line.split(None, 6)[6]
    command = (command.replace("/opt/nastavnik/.venv/bin", str(VENV_BIN))
               .replace("/var/lib/nastavnik", str(sandbox.state)).replace("/var/log/nastavnik", str(sandbox.logs)))
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(sandbox.state),
           "TMPDIR": str(sandbox.base / "tmp"), "NASTAVNIK_CONFIG": str(sandbox.state / "nastavnik.toml")}
    script = sandbox.script(["sh", "-c", command], [sandbox.state, sandbox.logs], env)

    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300)

    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", _output(result)
    log = (sandbox.logs / "nightly.log").read_text(encoding="utf-8")
    assert _json_lines(log) and "Traceback" not in log
    assert (sandbox.logs / "nightly.log").stat().st_uid == UID


def test_google_nightly_with_the_token_cache_in_the_state_folder(sandbox, fake_google):
    from tests.test_deployment_support import write_config
    from tests.test_google_support import google_settings

    token = sandbox.state / "token.json"
    write_config(sandbox.state, google_settings(fake_google, sandbox.state, token_cache=str(token)))
    sandbox.chown_state()
    made = sandbox.run("init", "--google", "--sample", "30")
    assert made.returncode == 0, _output(made)
    issued = json.loads(token.read_text(encoding="utf-8"))

    night = sandbox.run(*UNIT_NIGHTLY)

    _assert_night_passed(sandbox, night)
    saved = json.loads(token.read_text(encoding="utf-8"))
    assert saved["refresh_token"] == issued["refresh_token"] and saved.get("token")  # the cache was written


def _assert_refused(result: subprocess.CompletedProcess, path: Path) -> None:
    assert result.returncode == 3, _output(result)
    _assert_no_traceback(result)
    assert str(path) in _output(result), _output(result)


def test_a_state_folder_owned_by_root_is_exit_3_naming_it(sandbox):
    _local_workspace(sandbox)
    os.chown(sandbox.state, 0, 0)  # `mkdir /var/lib/nastavnik` by root, never chowned
    sandbox.state.chmod(0o755)

    night = sandbox.run("nightly")

    _assert_refused(night, sandbox.state)


def test_a_read_only_workspace_is_exit_3_naming_it(sandbox):
    _local_workspace(sandbox)
    before = (sandbox.state / WORKBOOK).read_bytes()

    night = sandbox.run("nightly", writable=[sandbox.logs])  # the unit without StateDirectory=

    _assert_refused(night, sandbox.state)
    assert (sandbox.state / WORKBOOK).read_bytes() == before


def _token_outside(sandbox: Sandbox, fake_google) -> Path:
    """A Google workspace whose token cache sits outside the folders the unit makes writable."""
    from tests.test_deployment_support import write_config
    from tests.test_google_support import google_settings

    token = sandbox.outside / "token.json"
    write_config(sandbox.state, google_settings(fake_google, sandbox.outside, token_cache=str(token)))
    os.chown(token, UID, GID)
    sandbox.chown_state()
    made = sandbox.run("init", "--google", "--sample", "30", writable=[sandbox.state, sandbox.logs, sandbox.outside])
    assert made.returncode == 0, _output(made)
    return token


def test_a_token_cache_outside_the_writable_folders_is_a_warning_naming_it_and_the_night_goes_on(sandbox, fake_google):
    """The issue's first finding: the README put the token in /srv/nastavnik, the unit made it
    read-only, and every night ended in a traceback. Now the night goes on with the refreshed token
    in memory and says where to move the file."""
    token = _token_outside(sandbox, fake_google)
    cached = token.read_bytes()

    night = sandbox.run(*UNIT_NIGHTLY)

    _assert_night_passed(sandbox, night)
    warnings = [line for line in _json_lines(night.stderr) if line["level"] == "warning"]
    assert any(str(token) in w["message"] and "/var/lib/nastavnik" in w["message"] for w in warnings), night.stderr
    assert token.read_bytes() == cached


def test_doctor_fails_a_token_cache_outside_the_writable_folders_with_exit_3(sandbox, fake_google):
    token = _token_outside(sandbox, fake_google)

    doctor = sandbox.run("doctor")

    _assert_refused(doctor, token.parent)


def test_a_workspace_made_by_root_is_exit_3_with_the_chown_line(sandbox):
    """`sudo nastavnik init /var/lib/nastavnik` (root, not `-u nastavnik`): every file root's 0600."""
    made = subprocess.run([str(NASTAVNIK), "init", str(sandbox.state), "--sample", "5"], capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, _output(made)
    sandbox.state.chmod(0o755)
    os.chown(sandbox.state, 0, 0)

    night = sandbox.run("nightly")

    _assert_refused(night, sandbox.state)
    assert "chown" in _output(night)
