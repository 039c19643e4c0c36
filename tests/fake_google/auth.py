"""Tokens and identities of the fake.

An access token is ``fake.<urlsafe-base64 of the e-mail>``, a refresh token
``fake-refresh.<urlsafe-base64 of the e-mail>``: any test can make one with :func:`token_for`
without calling the token endpoint. ``POST /token`` accepts the two grants google-auth uses:
the JWT bearer grant of a service-account key (identity = ``sub`` if present, i.e. domain-wide
delegation, else ``iss``; the signature is not checked) and the refresh-token grant.
"""
from __future__ import annotations

import base64
import json
from typing import Any

ACCESS_PREFIX = "fake."
REFRESH_PREFIX = "fake-refresh."
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def _b64encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _b64decode(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def token_for(email: str) -> str:
    """An access token the fake accepts as ``email``."""
    return ACCESS_PREFIX + _b64encode(email.strip().lower())


def refresh_token_for(email: str) -> str:
    """A refresh token the fake's ``/token`` endpoint exchanges for ``email``'s access token."""
    return REFRESH_PREFIX + _b64encode(email.strip().lower())


def _decode_identity(token: str, prefix: str) -> str | None:
    if not token.startswith(prefix):
        return None
    try:
        email = _b64decode(token[len(prefix):]).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return email if "@" in email else None


def identity_from_access_token(token: str) -> str | None:
    """The e-mail an access token stands for, or None when the fake did not issue it."""
    return _decode_identity(token, ACCESS_PREFIX)


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


def exchange(form: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """Answer a ``POST /token`` form: returns (identity, token response)."""
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
        identity = _decode_identity(form.get("refresh_token", ""), REFRESH_PREFIX)
        if identity is None:
            raise OAuthError("invalid_grant", "Bad Request")
    else:
        raise OAuthError("unsupported_grant_type", f"Invalid grant_type: {grant}")
    identity = identity.strip().lower()
    return identity, {"access_token": token_for(identity), "expires_in": 3599,
                      "token_type": "Bearer", "scope": scope}
