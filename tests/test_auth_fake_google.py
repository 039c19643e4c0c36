"""The fake's identities as the deployment tests need them, reached through real clients:
the consent step and the authorization-code grant (PKCE), refresh tokens that remember the
scopes granted, and Drive ``about.get``."""
from __future__ import annotations

import base64
import hashlib

import pytest
import requests
from google.auth.transport.requests import Request
from googleapiclient.errors import HttpError

from tests.fake_google import refresh_token_for
from tests.fake_google.clients import api_service, service_account_credentials, user_credentials

USER = "koordinator@school26.example"
ROBOT = "robot@nastavnik-test.iam.gserviceaccount.com"
VERIFIER = "v" * 50
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).decode().rstrip("=")


def authorize(fake, **overrides):
    params = {"client_id": "c.apps.googleusercontent.com", "redirect_uri": "http://localhost:8976/",
              "response_type": "code", "scope": "https://www.googleapis.com/auth/spreadsheets", "state": "s1",
              "code_challenge": CHALLENGE, "code_challenge_method": "S256", "login_hint": USER}
    params.update(overrides)
    return requests.get(fake.url + "/o/oauth2/auth", params={k: v for k, v in params.items() if v is not None},
                        allow_redirects=False, timeout=10)


def redeem(fake, code, verifier=VERIFIER, redirect_uri="http://localhost:8976/"):
    return requests.post(fake.token_uri, data={"grant_type": "authorization_code", "code": code,
                                               "redirect_uri": redirect_uri, "client_id": "c.apps.googleusercontent.com",
                                               "code_verifier": verifier}, timeout=10)


def code_of(answer):
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["state"] == ["s1"]
    return query["code"][0]


def test_consent_redirects_to_the_loopback_and_the_code_gives_a_refresh_token(fake_google):
    answer = authorize(fake_google)
    assert answer.status_code == 302 and answer.headers["Location"].startswith("http://localhost:8976/?state=s1&code=")

    token = redeem(fake_google, code_of(answer)).json()

    assert token["access_token"] == fake_google.token_for(USER, ["https://www.googleapis.com/auth/spreadsheets"])
    assert token["refresh_token"] == refresh_token_for(USER, ["https://www.googleapis.com/auth/spreadsheets"])
    assert token["scope"] == "https://www.googleapis.com/auth/spreadsheets" and token["expires_in"] == 3599


@pytest.mark.parametrize("verifier, redirect, error", [
    ("w" * 50, "http://localhost:8976/", "invalid_grant"),
    (VERIFIER, "http://localhost:9999/", "redirect_uri_mismatch"),
])
def test_a_code_needs_its_verifier_and_redirect(fake_google, verifier, redirect, error):
    answer = redeem(fake_google, code_of(authorize(fake_google)), verifier, redirect)
    assert answer.status_code == 400 and answer.json()["error"] == error


@pytest.mark.parametrize("overrides, error", [
    ({"redirect_uri": "https://school26.example/callback"}, "redirect_uri_mismatch"),
    ({"response_type": "token"}, "unsupported_response_type"),
    ({"login_hint": None}, "account_required"),
    ({"login_hint": ROBOT}, "invalid_request"),
])
def test_the_consent_step_refuses_what_google_refuses(fake_google, overrides, error):
    answer = authorize(fake_google, **overrides)
    assert answer.status_code == 400 and answer.json()["error"] == error


def test_a_refresh_token_answers_the_scopes_it_was_granted(fake_google):
    from google.oauth2.credentials import Credentials

    granted = ["https://www.googleapis.com/auth/spreadsheets"]
    creds = Credentials(None, refresh_token=refresh_token_for(USER, granted), token_uri=fake_google.token_uri,
                        client_id="c", client_secret="s",
                        scopes=granted + ["https://www.googleapis.com/auth/documents"])
    creds.refresh(Request())
    assert creds.granted_scopes == granted and creds.token == fake_google.token_for(USER, granted)


def test_about_get_names_the_caller_and_a_service_account_has_no_storage(fake_google):
    user = api_service(fake_google.url, "drive", "v3", user_credentials(fake_google.url, USER))
    robot = api_service(fake_google.url, "drive", "v3", service_account_credentials(fake_google.url, ROBOT))

    me = user.about().get(fields="user(emailAddress,me),storageQuota(limit)").execute()
    it = robot.about().get(fields="user(emailAddress),storageQuota(limit)").execute()

    assert me == {"user": {"emailAddress": USER, "me": True}, "storageQuota": {"limit": "16106127360"}}
    assert it == {"user": {"emailAddress": ROBOT}, "storageQuota": {"limit": "0"}}


def test_about_get_requires_fields(fake_google):
    drive = api_service(fake_google.url, "drive", "v3", user_credentials(fake_google.url, USER))
    with pytest.raises(HttpError) as info:
        drive.about().get().execute()
    assert info.value.resp.status == 400
    assert info.value.reason == "The 'fields' parameter is required for this method."
