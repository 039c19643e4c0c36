"""`nastavnik auth login|status|logout` against the fake: the installed-app flow driven through
the fake's consent step (``/o/oauth2/auth``) and token endpoint, as a person in a browser would."""
from __future__ import annotations

import json
import re
import webbrowser

import click
import pytest

from sheets_schema import ru
from sync.google import auth as google_auth
from sync.google.auth import CONSOLE_REDIRECT, SCOPES
from sync.google.token_record import TESTING_LIFETIME, refresh_record
from sync.workspace import WorkspaceError
from tests.fake_google import refresh_token_for
from tests.test_deployment_support import (
    ROBOT,
    ConsentingBrowser,
    consent,
    invoke_auth,
    oauth_settings,
    service_account_settings,
    write_config,
)
from tests.test_google_support import COORDINATOR


@pytest.fixture(autouse=True)
def oauthlib_env(monkeypatch):
    # The fake's token endpoint is plain http on loopback; Google's is https.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")


@pytest.fixture
def no_browser(monkeypatch):
    def none():
        raise webbrowser.Error("could not locate runnable browser")
    monkeypatch.setattr(webbrowser, "get", none)


def logged_out(fake_google, tmp_path):
    settings = oauth_settings(fake_google, tmp_path, token_cache=str(tmp_path / "secrets" / "token.json"))
    return write_config(tmp_path, settings), settings


def test_login_opens_the_browser_and_caches_the_token_for_its_owner_only(fake_google, tmp_path, monkeypatch):
    config, settings = logged_out(fake_google, tmp_path)
    browser = ConsentingBrowser(fake_google)
    monkeypatch.setattr(webbrowser, "get", lambda *a: browser)

    result = invoke_auth(config, "login")

    assert result.exit_code == 0, result.output
    token = tmp_path / "secrets" / "token.json"
    issued = refresh_record(token).issued  # recorded at login: an app in Testing dies 7 days later
    reminder = ru.GOOGLE["refresh_maybe_testing"].format(date=(issued + TESTING_LIFETIME).strftime("%d.%m.%Y %H:%M"))
    assert result.output.strip().splitlines()[-2:] == [
        ru.GOOGLE["login_done"].format(email=COORDINATOR, path=token), reminder]
    assert token.stat().st_mode & 0o777 == 0o600
    cached = json.loads(token.read_text(encoding="utf-8"))
    assert cached["refresh_token"] and cached["client_id"] == "nastavnik-test.apps.googleusercontent.com"
    assert browser.opened[0].startswith(fake_google.url + "/o/oauth2/auth?")
    assert "code_challenge_method=S256" in browser.opened[0] and "access_type=offline" in browser.opened[0]
    assert browser.pages == [ru.GOOGLE["login_success_page"]]
    grants = [e for e in fake_google.requests() if e["api"] == "oauth"]
    assert [e["method_id"] for e in grants][:2] == ["oauth.authorize", "oauth.token"]


def test_login_without_a_browser_reads_the_pasted_address(fake_google, tmp_path, monkeypatch, no_browser):
    config, settings = logged_out(fake_google, tmp_path)
    prompts = []

    def person(text, **kwargs):  # reads the URL on the screen, signs in elsewhere, pastes back
        prompts.append(text)
        return consent(fake_google, re.search(r"http\S+/o/oauth2/auth\?\S+", text)[0])
    monkeypatch.setattr(click, "prompt", person)

    result = invoke_auth(config, "login")

    assert result.exit_code == 0, result.output
    assert CONSOLE_REDIRECT in prompts[0] and prompts[0].endswith(ru.GOOGLE["login_paste"])
    assert (tmp_path / "secrets" / "token.json").stat().st_mode & 0o777 == 0o600
    assert f"Вход выполнен: {COORDINATOR}." in result.output


def test_console_flag_skips_the_browser_and_a_bare_code_is_accepted(fake_google, tmp_path, monkeypatch):
    config, settings = logged_out(fake_google, tmp_path)
    monkeypatch.setattr(webbrowser, "get", lambda *a: pytest.fail("no browser with --console"))

    def person(text, **kwargs):
        back = consent(fake_google, re.search(r"http\S+/o/oauth2/auth\?\S+", text)[0])
        return re.search(r"code=([^&]+)", back)[1]
    monkeypatch.setattr(click, "prompt", person)

    result = invoke_auth(config, "login", "--console")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "secrets" / "token.json").exists()


def test_a_garbled_paste_fails_and_caches_nothing(fake_google, tmp_path, no_browser):
    config, settings = logged_out(fake_google, tmp_path)

    result = invoke_auth(config, "login", input=CONSOLE_REDIRECT + "?state=wrong&code=fake-code.xyz\n")

    assert result.exit_code == 3
    assert "Ошибка: Вход не выполнен:" in result.output
    assert not (tmp_path / "secrets" / "token.json").exists()


def test_login_function_console_path_with_the_real_flow(fake_google, tmp_path):
    settings = oauth_settings(fake_google, tmp_path, token_cache=str(tmp_path / "token.json"))
    (tmp_path / "token.json").unlink()
    creds = google_auth.login(settings, console=True, ask=lambda text: consent(
        fake_google, re.search(r"http\S+/o/oauth2/auth\?\S+", text)[0]))
    assert creds.valid and creds.refresh_token
    assert sorted(creds.granted_scopes) == sorted(SCOPES)
    assert (tmp_path / "token.json").stat().st_mode & 0o777 == 0o600


def test_a_service_account_key_given_as_the_oauth_client_is_named(fake_google, tmp_path):
    key_settings = service_account_settings(fake_google, tmp_path)
    settings = oauth_settings(fake_google, tmp_path, credentials=key_settings["credentials"])
    with pytest.raises(WorkspaceError) as info:
        google_auth.login(settings, console=True, ask=lambda text: "")
    assert str(info.value) == ru.GOOGLE["client_secrets_is_key"].format(path=tmp_path / "key.json")


def test_login_with_a_service_account_is_a_usage_error(fake_google, tmp_path):
    config = write_config(tmp_path, service_account_settings(fake_google, tmp_path))
    result = invoke_auth(config, "login")
    assert result.exit_code == 2
    assert result.output.strip() == "Ошибка: " + ru.GOOGLE["login_not_oauth"].format(auth="service_account")


# --- status -------------------------------------------------------------------------------------

def test_status_shows_the_user_the_scopes_and_the_expiry(fake_google, tmp_path):
    settings = oauth_settings(fake_google, tmp_path)
    config = write_config(tmp_path, settings)

    result = invoke_auth(config, "status")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ru.GOOGLE["status_mode_oauth"].format(token=tmp_path / "token.json")
    assert lines[1] == f"Учётная запись (по ответу Google): аккаунт Google {COORDINATOR}"
    assert re.fullmatch(r"Токен доступа действует до \d\d\.\d\d\.\d{4} \d\d:\d\d UTC \(ещё 5[89] мин\); "
                        r"потом он продлевается сам по сохранённому refresh token", lines[2])
    assert lines[4:9] == [f"  ✔ {s} — {r}" for s, r in google_auth.SCOPE_REASONS.items()]
    about = [e for e in fake_google.requests() if e["method_id"] == "drive.about.get"]
    assert about[0]["identity"] == COORDINATOR and about[0]["query"]["fields"] == ["user"]


def test_status_names_scopes_left_unticked_at_consent(fake_google, tmp_path):
    settings = oauth_settings(fake_google, tmp_path)
    granted = [s for s in SCOPES if "forms" not in s]
    cache = json.loads((tmp_path / "token.json").read_text(encoding="utf-8"))
    cache["refresh_token"] = refresh_token_for(COORDINATOR, granted)
    (tmp_path / "token.json").write_text(json.dumps(cache), encoding="utf-8")
    config = write_config(tmp_path, settings)

    result = invoke_auth(config, "status")

    assert result.exit_code == 3
    assert "  ✘ https://www.googleapis.com/auth/forms.body — создание анкет: НЕ ВЫДАНО" in result.output
    assert result.output.strip().endswith(ru.GOOGLE["scopes_missing"].format(count=2))


@pytest.mark.parametrize("subject", ["", COORDINATOR])
def test_status_of_a_service_account_shows_the_account_and_the_subject(fake_google, tmp_path, subject):
    settings = service_account_settings(fake_google, tmp_path, subject=subject)
    config = write_config(tmp_path, settings)

    result = invoke_auth(config, "status")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ru.GOOGLE["status_mode_service_account"].format(key=tmp_path / "key.json")
    who = (f"сервисный аккаунт {ROBOT} от имени {COORDINATOR} (делегирование на уровне домена)" if subject
           else f"сервисный аккаунт {ROBOT}")
    assert lines[1] == f"Учётная запись (по ответу Google): {who}"
    assert lines[2].endswith("потом новый выдаётся по ключу")


def test_status_warns_about_a_key_other_users_can_read(fake_google, tmp_path):
    settings = service_account_settings(fake_google, tmp_path)
    (tmp_path / "key.json").chmod(0o644)
    result = invoke_auth(write_config(tmp_path, settings), "status")
    assert result.exit_code == 0, result.output
    assert ru.GOOGLE["secret_exposed"].format(path=tmp_path / "key.json") in result.output


def test_status_without_a_login_says_how_to_log_in(fake_google, tmp_path):
    config, settings = logged_out(fake_google, tmp_path)
    result = invoke_auth(config, "status")
    assert result.exit_code == 3
    assert result.output.strip() == "Ошибка: " + ru.GOOGLE["login_needed"].format(path=tmp_path / "secrets" / "token.json")


# --- logout -------------------------------------------------------------------------------------

def test_logout_removes_the_token_and_a_second_logout_has_nothing_to_do(fake_google, tmp_path):
    settings = oauth_settings(fake_google, tmp_path)
    config = write_config(tmp_path, settings)

    first = invoke_auth(config, "logout")
    second = invoke_auth(config, "logout")

    assert first.exit_code == 0 and second.exit_code == 0
    assert first.output.strip() == ru.GOOGLE["logout_done"].format(path=tmp_path / "token.json")
    assert not (tmp_path / "token.json").exists()
    assert second.output.strip() == ru.GOOGLE["logout_nothing"].format(path=tmp_path / "token.json")


def test_logout_with_a_service_account_has_nothing_to_remove(fake_google, tmp_path):
    settings = service_account_settings(fake_google, tmp_path)
    result = invoke_auth(write_config(tmp_path, settings), "logout")
    assert result.exit_code == 0
    assert result.output.strip() == ru.GOOGLE["logout_not_oauth"].format(auth="service_account")
    assert (tmp_path / "key.json").exists()


def test_every_auth_command_has_help_text():
    from jobs.cli.cmd_auth import auth

    assert auth.help
    for name, command in auth.commands.items():
        assert command.help, name
