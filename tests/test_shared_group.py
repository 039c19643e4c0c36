"""Shared access through ``[files] group`` (issue 15, item 5): the service and a coordinator's
account on the same server both reach the workspace; keys and tokens stay the owner's.

Runs as root: a group is made with ``groupadd`` for the test (and removed after); the "other
account" is a uid in that group (``setpriv --reuid --regid --groups``), no user needs to exist.
"""
from __future__ import annotations

import grp
import os
import secrets
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from sync import safe_files
from tests.test_file_access import nastavnik

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
pytestmark = pytest.mark.skipif(
    not (IS_ROOT and shutil.which("groupadd") and shutil.which("groupdel") and shutil.which("setpriv")),
    reason="making a group and running as another uid needs root, groupadd/groupdel and setpriv")

COORDINATOR_UID = 42424  # a coordinator's account: in the group
STRANGER_UID = 42425  # another account on the server: not in the group


@pytest.fixture
def group():
    name = "nst" + secrets.token_hex(4)
    subprocess.run(["groupadd", name], check=True)
    try:
        yield name, grp.getgrnam(name).gr_gid
    finally:
        subprocess.run(["groupdel", name], check=False)
        safe_files.use_group("")


@pytest.fixture
def open_tmp():
    folder = Path(tempfile.mkdtemp(prefix="nastavnik-group-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_uid(uid: int, *groups: int) -> list[str]:
    extra = [f"--groups={','.join(map(str, groups))}"] if groups else ["--clear-groups"]
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", *extra]


def modes(root: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under `root` (and root): relative path → (octal mode, gid)."""
    found = {}
    for path in [root, *root.rglob("*")]:
        st = path.lstat()
        found[str(path.relative_to(root))] = (oct(stat.S_IMODE(st.st_mode)), st.st_gid)
    return found


def test_init_with_a_group_shares_every_folder_and_file_it_makes(group, open_tmp):
    name, gid = group
    ws = open_tmp / "ws"
    result = CliRunner().invoke(cli, ["init", str(ws), "--group", name, "--sample", "12"])
    assert result.exit_code == 0, result.output
    assert f"Доступ открыт группе «{name}»" in result.output

    made = modes(ws)
    assert {"workspace.xlsx", "nastavnik.toml", "forms", "templates", "documents"} <= set(made)
    for path, (mode, owner_group) in made.items():
        expected = "0o2770" if (ws / path).is_dir() else "0o660"
        assert (mode, owner_group) == (expected, gid), path
    assert f'group = "{name}"' in (ws / "nastavnik.toml").read_text(encoding="utf-8")


def test_a_coordinator_in_the_group_reads_and_writes_what_the_service_made(group, open_tmp):
    name, gid = group
    ws = open_tmp / "ws"
    assert CliRunner().invoke(cli, ["init", str(ws), "--group", name, "--sample", "12"]).exit_code == 0
    config = str(ws / "nastavnik.toml")
    assert nastavnik("--config", config, "validate").returncode == 0  # the service (here root) runs first

    by_coordinator = nastavnik("--config", config, "validate", prefix=as_uid(COORDINATOR_UID, gid))

    assert by_coordinator.returncode == 0, by_coordinator.stdout + by_coordinator.stderr
    workbook = (ws / "workspace.xlsx").stat()
    assert workbook.st_uid == COORDINATOR_UID  # replaced by the coordinator's save …
    assert (oct(stat.S_IMODE(workbook.st_mode)), workbook.st_gid) == ("0o660", gid)  # … still the group's
    # and the service goes on after the coordinator: nothing became theirs alone
    again = nastavnik("--config", config, "nightly", prefix=as_uid(COORDINATOR_UID + 1, gid))
    assert again.returncode == 0, again.stdout + again.stderr
    for path, (mode, owner_group) in modes(ws).items():
        expected = "0o2770" if (ws / path).is_dir() else "0o660"
        assert (mode, owner_group) == (expected, gid), path


def test_an_account_outside_the_group_is_refused_with_the_fix(group, open_tmp):
    name, gid = group
    ws = open_tmp / "ws"
    assert CliRunner().invoke(cli, ["init", str(ws), "--group", name]).exit_code == 0

    stranger = nastavnik("--config", str(ws / "nastavnik.toml"), "validate", prefix=as_uid(STRANGER_UID))

    assert stranger.returncode == 3, stranger.stdout + stranger.stderr
    assert "Traceback" not in stranger.stderr
    assert stranger.stderr.startswith(
        f"Ошибка: Не удалось открыть или записать {ws / 'nastavnik.toml'} от имени пользователя {STRANGER_UID}: "
        f"недостаточно прав. Как исправить: папка открыта группе «{name}»: добавьте пользователя в группу — "
        f"sudo usermod -aG {name} {STRANGER_UID}")


def test_the_config_group_the_user_is_not_in_is_exit_2_with_usermod(group, open_tmp):
    name, gid = group
    ws = open_tmp / "ws"
    assert CliRunner().invoke(cli, ["init", str(ws), "--group", name]).exit_code == 0
    for path in [ws, *ws.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)  # only the group check stands in the way

    run = nastavnik("--config", str(ws / "nastavnik.toml"), "validate", prefix=as_uid(STRANGER_UID))

    assert run.returncode == 2, run.stdout + run.stderr
    assert f"Пользователь {STRANGER_UID} не входит в группу «{name}» ([files] group)" in run.stderr
    assert f"sudo usermod -aG {name} {STRANGER_UID}" in run.stderr


def test_init_with_an_unknown_group_is_exit_2_with_groupadd_and_makes_nothing(open_tmp):
    name = "nst" + secrets.token_hex(4)
    result = CliRunner().invoke(cli, ["init", str(open_tmp / "ws"), "--group", name])
    assert result.exit_code == 2
    assert f"Группы «{name}» ([files] group) нет на этом компьютере" in result.output
    assert f"sudo groupadd {name} && sudo usermod -aG {name} root" in result.output
    assert not (open_tmp / "ws").exists()


def test_init_with_a_group_the_user_is_not_in_is_exit_2_with_usermod(group, open_tmp):
    name, _gid = group
    run = nastavnik("init", str(open_tmp / "ws"), "--group", name, prefix=as_uid(STRANGER_UID))
    assert run.returncode == 2, run.stdout + run.stderr
    assert f"sudo usermod -aG {name} {STRANGER_UID}" in run.stderr
    assert not (open_tmp / "ws").exists()


def test_secrets_and_public_pages_keep_their_modes_under_the_group_policy(group, tmp_path):
    name, gid = group
    safe_files.use_group(name)
    safe_files.write_text(tmp_path / "documents.txt", "workspace file")
    safe_files.write_text(tmp_path / "token.json", "{}", safe_files.SECRET_MODE)
    safe_files.write_text(tmp_path / "index.html", "<p>", safe_files.PUBLIC_MODE)
    safe_files.private_dir(tmp_path / "credentials", safe_files.DIR_MODE)
    safe_files.private_dir(tmp_path / "documents")

    def seen(name):
        st = (tmp_path / name).stat()
        return oct(stat.S_IMODE(st.st_mode)), st.st_gid == gid

    assert seen("documents.txt") == ("0o660", True)
    assert seen("token.json") == ("0o600", False)
    assert seen("index.html") == ("0o644", False)
    assert seen("credentials") == ("0o700", False)
    assert seen("documents") == ("0o2770", True)
    safe_files.use_group("")
    safe_files.write_text(tmp_path / "after.txt", "owner only again")
    assert seen("after.txt") == ("0o600", False)
