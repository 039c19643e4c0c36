"""Real Google clients pointed at the fake (for tests of the fake and of the project).

* :class:`RedirectAdapter` — a ``requests`` transport adapter that sends
  ``https://sheets.googleapis.com`` and ``https://www.googleapis.com`` to the fake;
* :func:`gspread_client` — a gspread 6 ``Client`` over such a session;
* :func:`api_service` — ``googleapiclient.discovery.build`` with the endpoint each API needs;
* :func:`service_account_info` — a service-account key (fresh RSA key, never on disk) whose
  ``token_uri`` is the fake's ``/token``.
"""
from __future__ import annotations

import functools
from typing import Any

import requests
from requests.adapters import HTTPAdapter

GOOGLE_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com")


class RedirectAdapter(HTTPAdapter):
    """Rewrites Google API hosts to ``base_url`` before sending."""

    def __init__(self, base_url: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any):
        for host in GOOGLE_HOSTS:
            if request.url and request.url.startswith(host):
                request.url = self.base_url + request.url[len(host):]
                break
        return super().send(request, *args, **kwargs)


def redirected_session(base_url: str, credentials: Any) -> requests.Session:
    """An ``AuthorizedSession`` whose Google traffic goes to the fake."""
    from google.auth.transport.requests import AuthorizedSession

    session = AuthorizedSession(credentials)
    adapter = RedirectAdapter(base_url)
    for prefix in GOOGLE_HOSTS:
        session.mount(prefix, adapter)
    session.mount(base_url, HTTPAdapter())
    return session


def gspread_client(base_url: str, credentials: Any):
    import gspread

    return gspread.Client(credentials, session=redirected_session(base_url, credentials))


def api_endpoint(base_url: str, name: str) -> str:
    """The ``client_options["api_endpoint"]`` for an API: Drive needs its service path."""
    base = base_url.rstrip("/")
    return base + "/drive/v3/" if name == "drive" else base


def api_service(base_url: str, name: str, version: str, credentials: Any):
    from googleapiclient.discovery import build

    return build(name, version, credentials=credentials, static_discovery=True,
                 cache_discovery=False,
                 client_options={"api_endpoint": api_endpoint(base_url, name)})


@functools.lru_cache(maxsize=1)
def _private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def service_account_info(base_url: str,
                         email: str = "robot@nastavnik-test.iam.gserviceaccount.com"
                         ) -> dict[str, str]:
    """A service-account JSON key (as a dict) whose token_uri is the fake."""
    info = {"type": "service_account", "project_id": email.split("@")[1].split(".")[0],
            "private_key_id": "fake-key-1",
            "client_email": email, "client_id": "100000000000000000001",
            "token_uri": base_url.rstrip("/") + "/token"}
    info["private_key"] = _private_key_pem()  # generated in memory for this test run only
    return info


def service_account_credentials(base_url: str,
                                email: str = "robot@nastavnik-test.iam.gserviceaccount.com",
                                subject: str | None = None, scopes: list[str] | None = None):
    from google.oauth2 import service_account

    creds = service_account.Credentials.from_service_account_info(
        service_account_info(base_url, email),
        scopes=scopes or ["https://www.googleapis.com/auth/drive",
                          "https://www.googleapis.com/auth/spreadsheets"])
    return creds.with_subject(subject) if subject else creds


def user_credentials(base_url: str, email: str):
    """OAuth user credentials that refresh against the fake's /token."""
    from google.oauth2.credentials import Credentials

    from .auth import refresh_token_for

    return Credentials(token=None, refresh_token=refresh_token_for(email),
                       token_uri=base_url.rstrip("/") + "/token", client_id="fake-client",
                       client_secret="fake-secret")
