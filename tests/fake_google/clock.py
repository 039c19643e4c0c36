"""Time and ids of the fake (RFC 3339 timestamps like Google's, seeded ids)."""
from __future__ import annotations

import datetime as dt
import random
import string
import threading

_ALNUM = string.ascii_letters + string.digits
_ID_CHARS = _ALNUM + "-_"


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def rfc3339(moment: dt.datetime) -> str:
    """``2026-11-27T10:00:00.123Z`` (Drive) — millisecond precision, UTC."""
    moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def rfc3339_micro(moment: dt.datetime) -> str:
    """``2026-11-27T10:00:00.123456Z`` (Forms)."""
    moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_rfc3339(text: str) -> dt.datetime:
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("timestamp without offset")
    return moment.astimezone(dt.timezone.utc)


class Ids:
    """Deterministic ids (seeded) so that failures are reproducible."""

    def __init__(self, seed: int = 0):
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def file_id(self) -> str:
        with self._lock:
            return "1" + "".join(self._random.choice(_ID_CHARS) for _ in range(32)) + \
                self._random.choice(_ALNUM)

    def hex8(self) -> str:
        with self._lock:
            return f"{self._random.getrandbits(32):08x}"

    def int31(self) -> int:
        with self._lock:
            return self._random.randint(1, 2**31 - 1)

    def token(self, length: int = 40, prefix: str = "") -> str:
        with self._lock:
            return prefix + "".join(self._random.choice(_ID_CHARS) for _ in range(length))
