"""File errors as a server admin meets them (issue 15): a workspace made by root and run as the
service user, a folder the systemd sandbox mounts read-only, a workbook nobody may open. Each is
exit 3 with the path, the user and the fix — never a traceback, never «повреждена».

The scenarios run the real CLI in a subprocess: as another user (``setpriv``, when this test runs
as root) or in a private mount namespace with a read-only bind mount (``unshare -m``).
"""
from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from sheets_schema import ru
from sync import file_errors, safe_files
from sync.file_errors import FileAccessError, describe, writable_checks
from sync.workspace import WorkspaceError

REPO = Path(__file__).resolve().parents[1]
NOBODY = 65534
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _nobody_name() -> str:
    import pwd

    try:
        return pwd.getpwuid(NOBODY).pw_name
    except KeyError:
        return str(NOBODY)


def _nogroup_name() -> str:
    import grp

    try:
        return grp.getgrgid(NOBODY).gr_name
    except KeyError:
        return str(NOBODY)


needs_setpriv = pytest.mark.skipif(
    not (IS_ROOT and shutil.which("setpriv")),
    reason="running as another user needs root and setpriv (util-linux)")


def _unshare_works() -> bool:
    if not (IS_ROOT and shutil.which("unshare")):
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


needs_unshare = pytest.mark.skipif(not _unshare_works(),
                                   reason="a read-only bind mount needs root and unshare -m (mount namespaces)")


def nastavnik(*args: str, prefix: list[str] = ()) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess (optionally under `prefix`: setpriv, unshare …)."""
    env = {**os.environ, "HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([*prefix, sys.executable, "-m", "jobs.cli", *args], cwd=REPO, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)


def as_nobody() -> list[str]:
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def read_only(folder: Path) -> list[str]:
    """Run the command with `folder` bind-mounted read-only onto itself, as the unit's
    ProtectSystem=strict does for everything but /var/lib/nastavnik."""
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(folder)]


@pytest.fixture
def open_tmp():
    """A folder every user can reach (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="nastavnik-access-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_workspace(folder: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", str(folder), "--sample", "12"])
    assert result.exit_code == 0, result.output
    return folder / "nastavnik.toml"


def root_owned_0755(folder: Path) -> None:
    """What `sudo nastavnik init` leaves for a service user: root's folder, readable by all."""
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 0, 0)
        path.chmod(0o755 if path.is_dir() else 0o644)


# --- the sentence: what, who, the fix ------------------------------------------------------------

CASES = [
    (errno.EACCES, "недостаточно прав", "sudo chown -R"),
    (errno.EPERM, "недостаточно прав", "sudo chown -R"),
    (errno.EROFS, "только для чтения", "/var/lib/nastavnik"),
    (errno.ENOSPC, "диск заполнен", "df -h"),
    (errno.ENOTDIR, "файл, а не папка", "уберите файл"),
    (errno.ENOENT, "папки нет", "sudo install -d"),
]


@pytest.mark.parametrize("code, what, fix", CASES)
def test_every_file_error_names_the_path_the_user_what_and_the_fix(code, what, fix, tmp_path):
    target = tmp_path / "ws" / ".nastavnik.lock"
    message = describe(OSError(code, os.strerror(code), str(target)))
    assert str(target) in message
    assert f"от имени пользователя {file_errors.current_user()}" in message
    assert what in message and fix in message


def test_the_chown_fix_names_the_user_its_group_and_the_folder(tmp_path):
    import grp

    message = describe(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "workspace.xlsx")))
    user, group = file_errors.current_user(), grp.getgrgid(os.getegid()).gr_name
    assert f"sudo chown -R {user}:{group} {tmp_path} && sudo chmod -R u+rwX {tmp_path}" in message


def test_a_file_access_error_is_a_workspace_error_and_still_an_os_error(tmp_path):
    blocker = tmp_path / "documents"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(FileAccessError) as caught:
        safe_files.private_dir(blocker / "sub")
    assert isinstance(caught.value, WorkspaceError) and isinstance(caught.value, OSError)
    assert caught.value.errno == errno.ENOTDIR
    assert str(blocker) in str(caught.value) and "файл, а не папка" in str(caught.value)


def test_writable_checks_create_and_remove_a_file_and_name_what_failed(tmp_path):
    good = tmp_path / "state"
    good.mkdir()
    not_a_folder = tmp_path / "backups"
    not_a_folder.write_text("x")
    checks = writable_checks({"Папка состояния": good, "Резервные копии": not_a_folder,
                              "Ещё раз": good, "Нет такой": tmp_path / "missing"})
    assert [c.ok for c in checks] == [True, False, False]  # the same folder is checked once
    assert checks[0].title == f"Папка состояния: в папку {good} можно записывать"
    assert list(good.iterdir()) == []  # the probe file is gone
    assert "файл, а не папка" in checks[1].detail and str(not_a_folder) in checks[1].detail
    assert checks[2].fix.startswith("создайте папку: sudo install -d ")
    assert checks[2].fix.endswith(str(tmp_path / "missing"))


# --- as the service user: a workspace root made ---------------------------------------------------

@needs_setpriv
def test_a_root_owned_workspace_run_as_another_user_is_exit_3_with_the_chown_fix(open_tmp):
    config = make_workspace(open_tmp / "ws")
    root_owned_0755(open_tmp / "ws")
    before = (open_tmp / "ws" / "workspace.xlsx").read_bytes()

    run = nastavnik("--config", str(config), "validate", prefix=as_nobody())

    assert run.returncode == 3, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lock = open_tmp / "ws" / ".nastavnik.lock"
    assert f"Не удалось открыть или записать {lock} от имени пользователя {_nobody_name()}" in run.stderr
    assert f"sudo chown -R {_nobody_name()}:{_nogroup_name()} {open_tmp / 'ws'}" in run.stderr
    assert (open_tmp / "ws" / "workspace.xlsx").read_bytes() == before


@needs_setpriv
def test_nightly_as_another_user_on_a_root_owned_workspace_is_exit_3_not_a_traceback(open_tmp):
    config = make_workspace(open_tmp / "ws")
    root_owned_0755(open_tmp / "ws")
    run = nastavnik("--config", str(config), "nightly", prefix=as_nobody())
    assert run.returncode == 3, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "недостаточно прав" in run.stdout + run.stderr


@needs_setpriv
def test_doctor_tells_no_permission_from_corrupt(open_tmp):
    config = make_workspace(open_tmp / "ws")
    root_owned_0755(open_tmp / "ws")
    (open_tmp / "ws" / "workspace.xlsx").chmod(0o600)  # root's alone: the service user cannot open it

    run = nastavnik("--config", str(config), "doctor", prefix=as_nobody())

    assert run.returncode == 3
    out = run.stdout
    workbook = open_tmp / "ws" / "workspace.xlsx"
    assert f"✘ {ru.DOCTOR['workbook_no_access'].format(path=workbook)}" in out
    assert f"{workbook}: недостаточно прав (пользователь {_nobody_name()})." in out
    assert f"Как исправить: дайте права пользователю {_nobody_name()}: sudo chown -R" in out
    assert "повреждён" not in out and ".bak" not in out and "восстановите" not in out
    # every folder the night writes is tried, as this user
    assert f"✘ Папка «{open_tmp / 'ws'}» есть и доступна для записи" in out
    assert "✘ Папка «documents» есть и доступна для записи" in out
    assert "Traceback" not in run.stderr


@needs_setpriv
def test_doctor_as_the_owner_passes_the_same_checks(open_tmp):
    config = make_workspace(open_tmp / "ws")
    for path in [open_tmp / "ws", *(open_tmp / "ws").rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    run = nastavnik("--config", str(config), "doctor", prefix=as_nobody())
    assert "✘" not in run.stdout, run.stdout
    assert f"✔ Папка «{open_tmp / 'ws'}» есть и доступна для записи" in run.stdout


@needs_setpriv
def test_a_lock_file_left_by_root_is_named_with_the_fix(open_tmp):
    config = make_workspace(open_tmp / "ws")
    for path in [open_tmp / "ws", *(open_tmp / "ws").rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    lock = open_tmp / "ws" / ".nastavnik.lock"
    lock.write_text("")
    os.chown(lock, 0, 0)
    lock.chmod(0o600)  # `sudo nastavnik validate` once, then the service user

    run = nastavnik("--config", str(config), "validate", prefix=as_nobody())
    assert run.returncode == 3
    assert f"{lock} от имени пользователя {_nobody_name()}: недостаточно прав" in run.stderr
    doctor = nastavnik("--config", str(config), "doctor", prefix=as_nobody())
    assert f"✘ {ru.DOCTOR['file_access'].format(title=ru.DOCTOR['where_lock'], path=lock)}" in doctor.stdout


# --- a read-only folder (the systemd sandbox) ------------------------------------------------------

@needs_unshare
def test_a_read_only_workspace_folder_is_exit_3_naming_the_state_folder(tmp_path):
    config = make_workspace(tmp_path / "ws")
    before = (tmp_path / "ws" / "workspace.xlsx").read_bytes()

    run = nastavnik("--config", str(config), "validate", prefix=read_only(tmp_path / "ws"))

    assert run.returncode == 3, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert "файловая система только для чтения" in run.stderr
    assert "разрешает запись только в /var/lib/nastavnik" in run.stderr
    assert str(tmp_path / "ws") in run.stderr
    assert (tmp_path / "ws" / "workspace.xlsx").read_bytes() == before

    doctor = nastavnik("--config", str(config), "doctor", prefix=read_only(tmp_path / "ws"))
    assert doctor.returncode == 3
    assert f"✘ Папка «{tmp_path / 'ws'}» есть и доступна для записи" in doctor.stdout
    assert "только для чтения" in doctor.stdout


# --- the Google token cache -------------------------------------------------------------------------

def test_a_refreshed_token_that_cannot_be_cached_warns_and_is_kept_in_memory(tmp_path, caplog):
    from google.oauth2 import credentials as user_credentials

    from sync.google.auth import save_refreshed

    blocker = tmp_path / "state"
    blocker.write_text("a file where the token's folder should be")
    creds = user_credentials.Credentials(token="fresh", refresh_token="r", client_id="c", client_secret="s",
                                         token_uri="https://oauth2.googleapis.com/token")
    with caplog.at_level(logging.WARNING, logger="nastavnik.google"):
        warning = save_refreshed(creds, blocker / "token.json")
    assert warning.startswith("Токен Google обновлён, но не сохранён:")
    assert f"Не удалось открыть или записать {blocker} " in warning and "файл, а не папка" in warning
    assert "уберите файл с этим именем или укажите в nastavnik.toml другой путь. Запуск продолжается" in warning
    assert [r.getMessage() for r in caplog.records] == [warning]
    assert creds.token == "fresh"


def test_the_token_cache_stays_owner_only_whatever_the_group_policy(tmp_path):
    import grp

    from google.oauth2 import credentials as user_credentials

    from sync.google.auth import save_token

    creds = user_credentials.Credentials(token="t", refresh_token="r", client_id="c", client_secret="s",
                                         token_uri="https://oauth2.googleapis.com/token")
    safe_files.use_group(grp.getgrgid(os.getegid()).gr_name)
    try:
        save_token(creds, tmp_path / "credentials" / "token.json")
    finally:
        safe_files.use_group("")
    assert (tmp_path / "credentials").stat().st_mode & 0o7777 == 0o700
    assert (tmp_path / "credentials" / "token.json").stat().st_mode & 0o7777 == 0o600
    assert json.loads((tmp_path / "credentials" / "token.json").read_text())["refresh_token"] == "r"


@needs_unshare
def test_nightly_on_google_with_a_read_only_token_folder_runs_and_doctor_names_the_folder(fake_google, tmp_path):
    from tests.test_deployment_support import invoke, oauth_settings, write_config

    token_dir = tmp_path / "credentials"
    token_dir.mkdir()
    settings = oauth_settings(fake_google, tmp_path)
    token = token_dir / "token.json"
    shutil.move(settings["token_cache"], token)
    settings["token_cache"] = str(token)
    config = write_config(tmp_path, settings)
    assert invoke(config, "init", "--google", "--sample", "10").exit_code == 0
    token_before = token.read_bytes()  # no access token cached: the run must refresh it

    run = nastavnik("--config", str(config), "nightly", prefix=read_only(token_dir))

    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert f"Токен Google обновлён, но не сохранён: Не удалось открыть или записать {token}" in run.stderr
    assert "файловая система только для чтения" in run.stderr
    assert token.read_bytes() == token_before

    doctor = nastavnik("--config", str(config), "doctor", prefix=read_only(token_dir))
    assert "✔ Вход в Google" in doctor.stdout  # the sign-in itself works …
    assert f"! Токен Google обновлён, но не сохранён: Не удалось открыть или записать {token}" in doctor.stdout


@needs_unshare
def test_the_token_cache_line_names_a_read_only_folder_and_the_fix(tmp_path):
    from sync.google.auth import CredentialSource
    from sync.google.health import token_cache_checks

    token_dir = tmp_path / "credentials"
    token_dir.mkdir()
    source = CredentialSource("oauth", None, token_dir / "token.json")
    script = ("import sys; from pathlib import Path; from sync.google.auth import CredentialSource; "
              "from sync.google.health import token_cache_checks; "
              "[c] = token_cache_checks(CredentialSource('oauth', None, Path(sys.argv[1]))); "
              "print(c.ok); print(c.title); print(c.detail); print(c.fix)")
    run = subprocess.run([*read_only(token_dir), sys.executable, "-c", script, str(token_dir / "token.json")],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    ok, title, detail, fix = run.stdout.splitlines()
    assert ok == "False"
    assert title == ru.DOCTOR["writable"].format(title=ru.DOCTOR["where_token"], path=token_dir)
    assert detail == f"{token_dir}: файловая система только для чтения (пользователь {file_errors.current_user()})."
    assert "разрешает запись только в /var/lib/nastavnik" in fix
    # the same line outside the sandbox passes; service accounts have no token cache
    assert [c.ok for c in token_cache_checks(source)] == [True]
    assert token_cache_checks(CredentialSource("service_account", tmp_path / "key.json")) == []


def test_auth_login_to_an_unwritable_place_is_exit_3_with_the_message(fake_google, tmp_path, monkeypatch):
    from tests.test_deployment_support import ConsentingBrowser, invoke_auth, oauth_settings, write_config
    import webbrowser

    blocker = tmp_path / "srv"
    blocker.write_text("a file where the token's folder should be")
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path, token_cache=str(blocker / "token.json")))
    browser = ConsentingBrowser(fake_google)
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    monkeypatch.setattr(webbrowser, "get", lambda *a, **k: browser)

    result = invoke_auth(config, "login")

    assert result.exit_code == 3, result.output
    assert f"Не удалось открыть или записать {blocker}" in result.output
    assert "файл, а не папка" in result.output
    assert isinstance(result.exception, SystemExit)  # a handled failure, not an escaped OSError


# --- the CLI's last resort ---------------------------------------------------------------------------

def test_an_os_error_nobody_caught_is_exit_3_with_the_message(tmp_path, monkeypatch, capsys):
    from jobs import cli as cli_module

    def broken(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "last-run.json"))

    monkeypatch.setattr(cli_module, "cli", broken)
    with pytest.raises(SystemExit) as stop:
        cli_module.main()
    assert stop.value.code == 3
    err = capsys.readouterr().err
    assert err.startswith(f"Ошибка: Не удалось открыть или записать {tmp_path / 'last-run.json'}")
    assert "sudo chown -R" in err


def test_state_checks_try_the_state_folder_and_its_backups(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    assert [(c.title, c.ok) for c in file_errors.state_checks(state)] == [
        (ru.DOCTOR["writable"].format(title=ru.DOCTOR["where_state"], path=state), True)]
    (state / "backups").write_text("not a folder")  # something in the way of the dated copies
    assert [c.ok for c in file_errors.state_checks(state)] == [True]  # a file named backups: no folder to check
    (state / "backups").unlink()
    (state / "backups").mkdir()
    checks = file_errors.state_checks(state)
    assert [c.title for c in checks] == [
        ru.DOCTOR["writable"].format(title=ru.DOCTOR["where_state"], path=state),
        ru.DOCTOR["writable"].format(title=ru.DOCTOR["where_backups"], path=state / "backups")]
    assert all(c.ok for c in checks) and sorted(p.name for p in state.iterdir()) == ["backups"]


@needs_setpriv
def test_state_checks_as_a_user_who_may_not_write_there(open_tmp):
    script = ("import sys; from sync.file_errors import state_checks; "
              "[print(c.ok, c.detail, c.fix, sep='|') for c in state_checks(sys.argv[1])]")
    run = subprocess.run([*as_nobody(), sys.executable, "-c", script, str(open_tmp)], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    ok, detail, fix = run.stdout.strip().split("|")
    assert ok == "False"
    assert detail == f"{open_tmp}: недостаточно прав (пользователь {_nobody_name()})."
    assert fix == (f"дайте права пользователю {_nobody_name()}: sudo chown -R {_nobody_name()}:{_nogroup_name()} "
                   f"{open_tmp} && sudo chmod -R u+rwX {open_tmp}")


# --- documents, templates, questionnaire exports -----------------------------------------------------

def test_documents_that_cannot_be_written_are_a_file_access_error_naming_the_folder(tmp_path):
    from sheets_schema.templates import TEMPLATES
    from sync.local import LocalWorkspace

    make_workspace(tmp_path / "ws")
    (tmp_path / "ws" / "templates").rename(tmp_path / "elsewhere")
    (tmp_path / "ws" / "templates").write_text("a file where the templates folder should be")
    store = LocalWorkspace(tmp_path / "ws").documents({})

    with pytest.raises(FileAccessError) as caught:
        store.place_templates(TEMPLATES)
    assert str(tmp_path / "ws" / "templates") in str(caught.value)
    assert "часть пути — файл, а не папка" in str(caught.value)


@needs_setpriv
def test_an_export_the_service_may_not_read_is_named_with_its_fix_and_the_rest_is_read(open_tmp):
    from sync.local.forms import read_exports

    make_workspace(open_tmp / "ws")
    forms = open_tmp / "ws" / "forms"
    secret = forms / "ответы наставников.csv"
    secret.write_text("Отметка времени,Адрес электронной почты\n", encoding="utf-8")
    secret.chmod(0o600)  # uploaded by root: the service user cannot read it
    forms.chmod(0o755)
    (open_tmp / "ws").chmod(0o755)
    script = ("import sys; from pathlib import Path; from sync.local.forms import read_exports; "
              "found, problems = read_exports(Path(sys.argv[1])); print('\\n'.join(problems))")
    run = subprocess.run([*as_nobody(), sys.executable, "-c", script, str(open_tmp / "ws")], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"Не удалось открыть или записать {secret} от имени пользователя {_nobody_name()}" in run.stdout
    assert f"sudo chown -R {_nobody_name()}:{_nogroup_name()} {forms}" in run.stdout
    # the same file read by its owner: no access problem (the test's permission is what failed)
    assert not any("Не удалось открыть" in p for p in read_exports(open_tmp / "ws")[1])
