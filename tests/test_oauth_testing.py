"""OAuth apps left in «Testing» (issue 12, item 4): Google's refresh tokens for them die 7 days
after consent — and keep that expiry after the app is published. The fake issues such tokens;
nastavnik records when its token was issued, `auth status` and `doctor` warn, and `nightly`
with a dead token stops on doctor's sign-in line (exit code 3), not with a traceback."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import requests

from sheets_schema import ru
from sync.google import auth as google_auth
from sync.google import token_record
from sync.google.token_record import ISSUED_KEY, RefreshRecord, refresh_warning
from tests.fake_google import refresh_token_for
from tests.fake_google import auth as fake_auth
from tests.test_deployment_support import consent, invoke, invoke_auth, oauth_settings, write_config
from tests.test_google_support import COORDINATOR

UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def oauthlib_env(monkeypatch):
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")


def now() -> dt.datetime:
    return dt.datetime.now(UTC)


def refresh(fake, token):
    return requests.post(fake.token_uri, data={"grant_type": "refresh_token", "refresh_token": token,
                                               "client_id": "c", "client_secret": "s"}, timeout=10)


def with_refresh_token(tmp_path, token, issued=None):
    cache = tmp_path / "token.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["refresh_token"] = token
    if issued is not None:
        data[ISSUED_KEY] = issued.strftime("%Y-%m-%dT%H:%M:%SZ")
    cache.write_text(json.dumps(data), encoding="utf-8")


# --- the fake -------------------------------------------------------------------------------------

def test_a_testing_refresh_token_dies_seven_days_after_issue(fake_google):
    alive = refresh_token_for(COORDINATOR, testing=True, issued=now() - dt.timedelta(days=6, hours=23))
    dead = refresh_token_for(COORDINATOR, testing=True, issued=now() - dt.timedelta(days=7, minutes=1))

    assert refresh(fake_google, alive).status_code == 200
    answer = refresh(fake_google, dead)
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
    # Google says nothing about the expiry in its answers
    assert "refresh_token_expires_in" not in refresh(fake_google, alive).json()


def test_a_consent_while_the_app_is_in_testing_issues_a_seven_day_token(fake_google):
    fake_google.oauth_testing = True
    from tests.test_auth_fake_google import authorize, code_of, redeem

    token = redeem(fake_google, code_of(authorize(fake_google))).json()["refresh_token"]

    assert abs(fake_auth.testing_expiry(token) - (now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)
    fake_google.reset()
    assert fake_google.oauth_testing is False


# --- the record and the warnings --------------------------------------------------------------------

NOW = dt.datetime(2026, 11, 27, 10, 0)


@pytest.mark.parametrize("record, expected", [
    (RefreshRecord(issued=NOW - dt.timedelta(days=2)), ("refresh_maybe_testing", {"date": "02.12.2026 10:00"})),
    (RefreshRecord(issued=NOW - dt.timedelta(days=8)), None),  # still alive after 7 days: not Testing
    (RefreshRecord(issued=NOW, expires=NOW + dt.timedelta(days=3)),
     ("refresh_expiring", {"date": "30.11.2026 10:00", "days": 3})),
    (RefreshRecord(issued=NOW, expires=NOW + dt.timedelta(days=30)), None),
    (RefreshRecord(), None),
])
def test_refresh_warning(record, expected):
    text = refresh_warning(record, NOW)
    assert text == (ru.GOOGLE[expected[0]].format(**expected[1]) if expected else "")


def test_login_records_when_the_refresh_token_was_issued_and_a_refresh_keeps_it(fake_google, tmp_path):
    settings = oauth_settings(fake_google, tmp_path, token_cache=str(tmp_path / "token.json"))
    (tmp_path / "token.json").unlink()
    before = now().replace(tzinfo=None, microsecond=0)

    google_auth.login(settings, console=True, ask=lambda text: consent(
        fake_google, re.search(r"http\S+/o/oauth2/auth\?\S+", text)[0]))

    record = token_record.refresh_record(tmp_path / "token.json")
    assert before <= record.issued <= now().replace(tzinfo=None) and record.expires is None
    # google-auth still reads the file; a refresh rewrites it and keeps the record
    creds = google_auth.load_credentials(settings, interactive=False)
    creds.expiry = None
    creds.token = None
    google_auth.refresh(creds)
    assert token_record.refresh_record(tmp_path / "token.json") == record
    assert (tmp_path / "token.json").stat().st_mode & 0o777 == 0o600


def test_login_records_the_expiry_google_sends():
    class Session:
        token = {"access_token": "a", "refresh_token_expires_in": 604799}

    class Flow:
        oauth2session = Session()

    record = token_record.login_record(Flow(), NOW)
    assert record == RefreshRecord(NOW, NOW + dt.timedelta(seconds=604799))


def test_auth_status_and_doctor_show_the_issue_date_and_warn_about_testing(fake_google, tmp_path):
    issued = now() - dt.timedelta(days=5)
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))
    with_refresh_token(tmp_path, refresh_token_for(COORDINATOR, testing=True, issued=issued), issued)
    folder_config = invoke(config, "init", "--google")
    assert folder_config.exit_code == 0, folder_config.output

    status = invoke_auth(config, "status")
    doctor = invoke(config, "doctor")

    shown = issued.strftime("%d.%m.%Y %H:%M")
    dies = (issued + dt.timedelta(days=7)).strftime("%d.%m.%Y %H:%M")
    warning = ru.GOOGLE["refresh_maybe_testing"].format(date=dies)
    assert status.exit_code == 0, status.output
    assert ru.GOOGLE["status_refresh_issued"].format(date=shown) in status.output.splitlines()
    assert status.output.splitlines()[-1] == warning
    assert doctor.exit_code == 0, doctor.output
    lines = doctor.output.splitlines()
    at = lines.index("✔ " + ru.DOCTOR["google_refresh_token"].format(date=shown))
    assert lines[at + 1] == "   ! " + warning


def test_nightly_with_an_expired_testing_token_stops_on_the_sign_in_line(fake_google, tmp_path):
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))
    assert invoke(config, "init", "--google").exit_code == 0
    issued = now() - dt.timedelta(days=8)
    with_refresh_token(tmp_path, refresh_token_for(COORDINATOR, testing=True, issued=issued), issued)

    nightly = invoke(config, "nightly")
    doctor = invoke(config, "doctor")

    expired = ru.GOOGLE["refresh_expired"].format(reason="Token has been expired or revoked.")
    assert nightly.exit_code == 3, nightly.output
    assert nightly.exception is None or isinstance(nightly.exception, SystemExit)
    assert "Traceback" not in nightly.output
    assert nightly.output.startswith("Ошибка: " + ru.DOCTOR["nightly_stopped"].format(
        title=ru.DOCTOR["google_login"], detail=expired, fix=ru.DOCTOR["google_login_fix_oauth"]))
    assert doctor.exit_code == 3
    assert "   " + expired in doctor.output.splitlines()


def test_nightly_next_morning_when_the_cached_access_token_has_expired_too(fake_google, tmp_path):
    config = write_config(tmp_path, oauth_settings(fake_google, tmp_path))
    assert invoke(config, "init", "--google").exit_code == 0
    issued = now() - dt.timedelta(days=8)
    with_refresh_token(tmp_path, refresh_token_for(COORDINATOR, testing=True, issued=issued), issued)
    cache = tmp_path / "token.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["expiry"] = "2020-01-01T00:00:00Z"
    cache.write_text(json.dumps(data), encoding="utf-8")

    nightly = invoke(config, "nightly")

    assert nightly.exit_code == 3, nightly.output
    assert "Traceback" not in nightly.output
    assert ru.GOOGLE["refresh_expired"].format(reason="Token has been expired or revoked.") in nightly.output
