"""What nastavnik records about the coordinator's refresh token, and what it warns about.

Google's token answers do not say that an OAuth app is in "Testing", whose refresh tokens die
7 days after consent and keep that expiry after the app is published. So the token cache
records when the refresh token was issued (at ``auth login``) and, when Google's answer carried
``refresh_token_expires_in`` (time-limited access), until when it lives — as extra keys that
google-auth's ``from_authorized_user_file`` ignores. ``auth status``, ``auth login`` and
``doctor`` turn the record into a warning (`refresh_warning`).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from sheets_schema import ru

#: Extra keys of the token cache (google-auth's ``from_authorized_user_file`` ignores them): when
#: the refresh token was issued (at ``auth login``) and, when Google said so, until when it lives.
ISSUED_KEY = "nastavnik_refresh_token_issued"
EXPIRES_KEY = "nastavnik_refresh_token_expires"
#: A refresh token of an OAuth app in "Testing" lives 7 days — and keeps that expiry after the
#: app is published (Google, «Using OAuth 2.0», refresh token expiration).
TESTING_LIFETIME = dt.timedelta(days=7)


@dataclass(frozen=True)
class RefreshRecord:
    """What the token cache says about its refresh token (UTC, naive; None: not known)."""

    issued: dt.datetime | None = None
    expires: dt.datetime | None = None


def _utc_naive(text: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def refresh_record(path: Path | None) -> RefreshRecord:
    """The issue (and expiry) time recorded in the token cache at ``path``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return RefreshRecord()
    if not isinstance(data, dict):
        return RefreshRecord()
    return RefreshRecord(_utc_naive(data[ISSUED_KEY]) if data.get(ISSUED_KEY) else None,
                         _utc_naive(data[EXPIRES_KEY]) if data.get(EXPIRES_KEY) else None)


def with_record(data: dict[str, Any], path: Path, record: "RefreshRecord | None") -> dict[str, Any]:
    """The token JSON to write: with ``record`` (at login), else with the record of the file at
    ``path`` as long as its refresh token is the same one (a refresh rewrites the file)."""
    if record is None:
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        if isinstance(old, dict) and old.get("refresh_token") == data.get("refresh_token"):
            data.update({k: old[k] for k in (ISSUED_KEY, EXPIRES_KEY) if old.get(k)})
        return data
    for key, moment in ((ISSUED_KEY, record.issued), (EXPIRES_KEY, record.expires)):
        if moment is not None:
            data[key] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return data


def login_record(flow: Any, now: dt.datetime | None = None) -> RefreshRecord:
    """Issued now; expiring when Google's token answer carries ``refresh_token_expires_in`` (it
    does for time-limited access; for an app in Testing Google sends no such field)."""
    issued = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    answer = getattr(getattr(flow, "oauth2session", None), "token", None) or {}
    seconds = answer.get("refresh_token_expires_in") if isinstance(answer, Mapping) else None
    try:
        expires = issued + dt.timedelta(seconds=int(seconds)) if seconds else None
    except (TypeError, ValueError):
        expires = None
    return RefreshRecord(issued, expires)


def refresh_warning(record: RefreshRecord, now: dt.datetime | None = None) -> str:
    """A Russian warning when the sign-in will (or, for an app in Testing, may) die within
    7 days; "" otherwise. Whether the app is in Testing cannot be asked of Google: a token
    younger than 7 days with no known expiry gets the conditional warning."""
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    g = ru.GOOGLE
    if record.expires is not None:
        left = record.expires - now
        if left <= TESTING_LIFETIME:
            return g["refresh_expiring"].format(date=record.expires.strftime("%d.%m.%Y %H:%M"),
                                                days=max(0, left.days))
        return ""
    if record.issued is not None and now - record.issued < TESTING_LIFETIME:
        return g["refresh_maybe_testing"].format(
            date=(record.issued + TESTING_LIFETIME).strftime("%d.%m.%Y %H:%M"))
    return ""
