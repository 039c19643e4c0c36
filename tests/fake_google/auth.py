"""Tokens and identities of the fake.

An access token is ``fake.<urlsafe-base64 of the e-mail>`` (every scope) or
``fake.<b64 e-mail>.<b64 of the granted scopes>``; a refresh token
``fake-refresh.<urlsafe-base64 of the e-mail>`` (optionally followed by ``.<urlsafe-base64 of
the granted scopes>``, and by ``~<b64 JSON>`` for a token of an OAuth app in Testing: its issue
time — it dies 7 days later): any test can make one with :func:`token_for` /
:func:`refresh_token_for` without calling the token endpoint. ``POST /token`` accepts the grants google-auth and
google-auth-oauthlib use: the JWT bearer grant of a service-account key (identity = ``sub`` if
present, i.e. domain-wide delegation, else ``iss``; the signature is not checked), the
refresh-token grant (answers the scopes the refresh token was granted, when it records them),
and the authorization-code grant of the installed-app flow (PKCE checked).

``GET /o/oauth2/auth`` is the consent screen of the installed-app flow without a screen: the
account is chosen with ``login_hint`` (a browser would ask), every requested scope is granted,
and the answer is Google's 302 to the loopback ``redirect_uri`` with ``code``, ``state`` and
``scope``. Codes are stateless (the e-mail, scopes, redirect URI and PKCE challenge, encoded):
the fake does not enforce that a code is used once.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from typing import Any, Iterable
from urllib.parse import urlencode, urlsplit

from .clock import now

ACCESS_PREFIX = "fake."
REFRESH_PREFIX = "fake-refresh."
CODE_PREFIX = "fake-code."
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
#: Refresh tokens of an OAuth app whose publishing status is "Testing" die 7 days after consent.
TESTING_LIFETIME = dt.timedelta(days=7)
EXPIRED = "Token has been expired or revoked."


def _b64encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _b64decode(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def token_for(email: str, scopes: Iterable[str] | None = None) -> str:
    """An access token the fake accepts as ``email``: with every scope, or only ``scopes``."""
    token = ACCESS_PREFIX + _b64encode(email.strip().lower())
    return token if scopes is None else token + "." + _b64encode(" ".join(scopes))


def refresh_token_for(email: str, scopes: list[str] | tuple[str, ...] | None = None, *,
                      testing: bool = False, issued: dt.datetime | None = None) -> str:
    """A refresh token the fake's ``/token`` endpoint exchanges for ``email``'s access token.

    With ``scopes``, the token records what the user granted, and a refresh answers those scopes
    (whatever is asked) — as Google does after a consent where some boxes were left unticked.
    With ``testing``, it is the token of an OAuth app in "Testing": issued at ``issued`` (default
    now), refused with ``invalid_grant`` "Token has been expired or revoked." 7 days later — and
    publishing the app afterwards does not lengthen it."""
    token = REFRESH_PREFIX + _b64encode(email.strip().lower())
    if scopes is not None:
        token += "." + _b64encode(" ".join(scopes))
    if testing:
        moment = (issued or now()).astimezone(dt.timezone.utc)
        token += "~" + _b64encode(json.dumps({"testing": True, "issued": moment.isoformat()}))
    return token


def _decode_identity(token: str, prefix: str) -> str | None:
    if not token.startswith(prefix):
        return None
    try:
        email = _b64decode(token[len(prefix):]).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return email if "@" in email else None


def testing_expiry(token: str) -> dt.datetime | None:
    """When a Testing-mode refresh token dies (None: not a Testing token)."""
    _, tilde, meta = token.partition("~")
    if not tilde:
        return None
    try:
        info = json.loads(_b64decode(meta))
        return dt.datetime.fromisoformat(info["issued"]) + TESTING_LIFETIME
    except (ValueError, KeyError, TypeError):
        return None


def _refresh_grant(token: str) -> tuple[str | None, str | None]:
    """(e-mail, granted scopes or None) of a refresh token the fake issued."""
    if not token.startswith(REFRESH_PREFIX):
        return None, None
    token = token.partition("~")[0]
    email_part, dot, scope_part = token[len(REFRESH_PREFIX):].partition(".")
    email = _decode_identity(REFRESH_PREFIX + email_part, REFRESH_PREFIX)
    if email is None or not dot:
        return email, None
    try:
        return email, _b64decode(scope_part).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None, None


def identity_from_access_token(token: str) -> str | None:
    """The e-mail an access token stands for, or None when the fake did not issue it."""
    if not token.startswith(ACCESS_PREFIX):
        return None
    return _decode_identity(ACCESS_PREFIX + token[len(ACCESS_PREFIX):].partition(".")[0],
                            ACCESS_PREFIX)


def scopes_from_access_token(token: str) -> frozenset[str] | None:
    """The scopes an access token was granted (None: every scope, a plain ``token_for``)."""
    parts = token[len(ACCESS_PREFIX):].split(".") if token.startswith(ACCESS_PREFIX) else []
    if len(parts) < 2:
        return None
    try:
        return frozenset(_b64decode(parts[1]).decode("utf-8").split())
    except (ValueError, UnicodeDecodeError):
        return frozenset()


def is_service_account(email: str) -> bool:
    return email.endswith(".iam.gserviceaccount.com")


class OAuthError(Exception):
    """An OAuth 2 error answer (RFC 6749 shape, not Google's API envelope)."""

    def __init__(self, error: str, description: str):
        super().__init__(description)
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


def exchange(form: dict[str, str], *, testing: bool = False) -> tuple[str, dict[str, Any]]:
    """Answer a ``POST /token`` form: returns (identity, token response).

    ``testing``: the OAuth app is in "Testing", so a consent issues a refresh token that dies
    7 days later (Google sends no field saying so)."""
    grant = form.get("grant_type", "")
    scope = form.get("scope", "")
    if grant == JWT_BEARER:
        assertion = form.get("assertion", "")
        parts = assertion.split(".")
        if len(parts) != 3:
            raise OAuthError("invalid_grant", "Invalid JWT: Token must be a short-lived token "
                             "(60 minutes) and in a reasonable timeframe.")
        try:
            claims = json.loads(_b64decode(parts[1]))
        except ValueError:
            raise OAuthError("invalid_grant", "Invalid JWT Signature.") from None
        identity = claims.get("sub") or claims.get("iss")
        scope = claims.get("scope", scope)
        if not identity or "@" not in identity:
            raise OAuthError("invalid_grant", "Invalid email or User ID")
    elif grant == "refresh_token":
        refresh = form.get("refresh_token", "")
        identity, granted = _refresh_grant(refresh)
        if identity is None:
            raise OAuthError("invalid_grant", "Bad Request")
        dies = testing_expiry(refresh)
        if dies is not None and now() >= dies:
            raise OAuthError("invalid_grant", EXPIRED)
        if granted is not None:
            scope = granted
    elif grant == "authorization_code":
        identity, scope = _redeem_code(form)
        answer = _token_answer(identity, scope)
        answer["refresh_token"] = refresh_token_for(identity, scope.split(), testing=testing)
        return identity, answer
    else:
        raise OAuthError("unsupported_grant_type", f"Invalid grant_type: {grant}")
    identity = identity.strip().lower()
    return identity, _token_answer(identity, scope)


def _token_answer(identity: str, scope: str) -> dict[str, Any]:
    """The access token carries the scopes granted (none asked for: every scope, leniently)."""
    scopes = scope.split() or None
    return {"access_token": token_for(identity, scopes), "expires_in": 3599,
            "token_type": "Bearer", "scope": scope}


class AuthorizeError(Exception):
    """The consent step refused the request (Google shows an error page: "Error 400: ...")."""

    def __init__(self, error: str, description: str):
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


def is_loopback(uri: str) -> bool:
    """A Desktop-app client may only redirect to http://127.0.0.1, localhost or [::1]."""
    parts = urlsplit(uri)
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS


def authorize(query: dict[str, str]) -> str:
    """Answer ``GET /o/oauth2/auth``: the URL the browser is redirected to (loopback)."""
    for name in ("client_id", "redirect_uri", "response_type", "scope"):
        if not query.get(name):
            raise AuthorizeError("invalid_request", f"Required parameter is missing: {name}")
    if query["response_type"] != "code":
        raise AuthorizeError("unsupported_response_type",
                             f"Invalid response_type: {query['response_type']}")
    redirect = query["redirect_uri"]
    if not is_loopback(redirect):
        raise AuthorizeError("redirect_uri_mismatch",
                             "You can't sign in to this app because it doesn't comply with "
                             "Google's OAuth 2.0 policy.")
    email = (query.get("login_hint") or "").strip().lower()
    if "@" not in email:
        raise AuthorizeError("account_required",
                             "fake_google: add login_hint=<e-mail> to choose the account")
    if is_service_account(email):
        raise AuthorizeError("invalid_request", "A service account cannot sign in to a browser.")
    method = query.get("code_challenge_method") or ("plain" if query.get("code_challenge") else "")
    grant = {"email": email, "scope": query["scope"], "redirect_uri": redirect,
             "client_id": query["client_id"], "challenge": query.get("code_challenge", ""),
             "method": method}
    code = CODE_PREFIX + _b64encode(json.dumps(grant, sort_keys=True))
    back = {"code": code, "scope": query["scope"]}
    if query.get("state"):
        back = {"state": query["state"], **back}
    return redirect + ("&" if "?" in redirect else "?") + urlencode(back)


def _redeem_code(form: dict[str, str]) -> tuple[str, str]:
    code = form.get("code", "")
    try:
        grant = json.loads(_b64decode(code[len(CODE_PREFIX):])) if code.startswith(CODE_PREFIX) else None
    except (ValueError, UnicodeDecodeError):
        grant = None
    if not isinstance(grant, dict):
        raise OAuthError("invalid_grant", "Malformed auth code.")
    if form.get("redirect_uri") != grant["redirect_uri"]:
        raise OAuthError("redirect_uri_mismatch", "Bad Request")
    if form.get("client_id") and form["client_id"] != grant["client_id"]:
        raise OAuthError("invalid_client", "The OAuth client was not found.")
    if grant["challenge"]:
        verifier = form.get("code_verifier", "")
        if grant["method"] == "S256":
            digest = hashlib.sha256(verifier.encode("ascii")).digest()
            computed = base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
        else:
            computed = verifier
        if not verifier or computed != grant["challenge"]:
            raise OAuthError("invalid_grant", "Invalid code verifier.")
    return grant["email"], grant["scope"]
