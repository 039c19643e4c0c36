"""A client-side limit on requests per minute, so a run stays under the per-user quota.

Sheets allows 60 requests per minute per user (read and write quotas counted apart, refilled
every minute). The limiter keeps the start times of the calls of the last 60 seconds and makes
a call wait when `per_minute` of them already fall in that window — a sliding window, stricter
than Google's fixed minute, so it never overshoots whatever minute boundary Google uses.
"""
from __future__ import annotations

import collections
import logging
import threading
import time
from typing import Callable

from sheets_schema import ru

log = logging.getLogger("nastavnik.google")


class RateLimiter:
    """At most `per_minute` calls of `acquire` in any `window` seconds."""

    def __init__(self, per_minute: int, *, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._starts: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()
        self.waited = 0.0  # total seconds spent waiting, for reports
        self.calls = 0  # calls let through, for reports (one limiter may serve many workspaces)

    def acquire(self) -> float:
        """Wait until one more call is allowed, record it, and return how long it waited."""
        with self._lock:
            waited = 0.0
            while True:
                now = self._clock()
                while self._starts and self._starts[0] <= now - self.window:
                    self._starts.popleft()
                if len(self._starts) < self.per_minute:
                    self._starts.append(now)
                    self.waited += waited
                    self.calls += 1
                    return waited
                wait = self._starts[0] + self.window - now
                log.info(ru.GOOGLE["limiter_wait"].format(limit=self.per_minute, wait=wait))
                self._sleep(wait)
                waited += wait
