"""The one retry policy of every Google API call.

Truncated exponential backoff with full jitter: before retry *n* (1, 2, …) wait a random time
in ``[0, min(max_delay, base_delay · 2^(n-1))]``, and at least what the server asked for in
``Retry-After``. Retried: 429, every 5xx, 403 with a rate-limit reason, and calls that got no
answer (connection errors, timeouts). A call that makes something may pass ``landed``: after a
failure that does not say whether Google did the work (no answer, or a 5xx), and before the next
attempt, ``landed(error)`` looks for the work and, when it finds it, that is the call's result.
Which calls may be sent again after an ambiguous failure, and on what condition, is decided per
operation in `AFTER_NO_ANSWER` (the transport never sends a changing request twice by itself:
`sync.google.client.NoResendHttp`). A call sent with Google's ``writeControl.requiredRevisionId``
that is refused on a repeat (400: the revision moved on — the first attempt landed) is also looked
into with ``landed`` before it is reported. Bounded twice: by `max_retries` and by `max_seconds` of
total time; past either bound the call fails with a `RetriesExhausted` that tells staff, in
Russian, what to do. Every retry is logged at WARNING.
"""
from __future__ import annotations

import logging
import random as random_module
import time
from dataclasses import dataclass, field
from typing import Callable, Optional, TypeVar

from sheets_schema import ru
from sync.google.errors import GoogleApiError, TransportError
from sync.workspace import WorkspaceError

log = logging.getLogger("nastavnik.google")

T = TypeVar("T")

RATE_LIMIT_REASONS = frozenset({"userRateLimitExceeded", "rateLimitExceeded"})

#: What a repeat after an ambiguous failure does, per operation that changes something. Every
#: call of the project that makes a file passes ``landed`` (the client gives files made with
#: ``appProperties`` one by default); only ``spreadsheets.create`` — init without a folder — and
#: ``docs.documents.create``, which no job calls, are still repeated without a look.
SAME_AGAIN = "same again"  # the repeat sets the same values again (cells, trashed, settings)
LOOK_FIRST = "look first"  # it may have made a file: ``landed`` looks for it before a repeat
REVISION = "revision"  # sent with writeControl.requiredRevisionId: a repeat after it landed is refused
ABSENT_AFTER = "absent after"  # a delete: a repeat after it landed answers 404, which means "done"
AFTER_NO_ANSWER = {
    "spreadsheets.values.batchUpdate": SAME_AGAIN,  # RAW values into fixed cells
    "spreadsheets.batchUpdate": SAME_AGAIN,  # addSheet repeated is refused "already exists"; callers accept it
    "spreadsheets.create": LOOK_FIRST,
    "drive.files.create": LOOK_FIRST,  # a reserved id (a repeat answers 409) or an appProperties key
    "drive.files.copy": LOOK_FIRST,  # an appProperties key
    "drive.files.update": SAME_AGAIN,
    "drive.files.delete": ABSENT_AFTER,
    "drive.permissions.create": LOOK_FIRST,  # the file's permissions are listed before a repeat
    "drive.permissions.delete": ABSENT_AFTER,
    "drive.files.generateIds": SAME_AGAIN,  # changes nothing
    "docs.documents.batchUpdate": REVISION,
    "docs.documents.create": LOOK_FIRST,
    "forms.create": LOOK_FIRST,  # the form is looked for by its title among the caller's new forms
    "forms.batchUpdate": REVISION,
    "forms.setPublishSettings": SAME_AGAIN,
}


class RetriesExhausted(WorkspaceError):
    """A retryable failure that persisted past the policy's bounds."""

    def __init__(self, message: str, operation: str, attempts: int, last: Exception):
        super().__init__(message)
        self.operation = operation
        self.attempts = attempts
        self.last = last


def is_ambiguous(exc: BaseException) -> bool:
    """Whether the failure leaves open that Google did the work (no answer, or a 5xx)."""
    return isinstance(exc, TransportError) or (isinstance(exc, GoogleApiError) and 500 <= exc.code <= 599)


def is_revision_refusal(exc: BaseException) -> bool:
    """Google's refusal of a write sent with ``writeControl.requiredRevisionId`` whose revision
    moved on (Docs: 400 INVALID_ARGUMENT; Forms: 400 FAILED_PRECONDITION)."""
    return (isinstance(exc, GoogleApiError) and exc.code == 400
            and ("revision" in exc.message.lower() or exc.status == "FAILED_PRECONDITION"
                 or exc.reason == "failedPrecondition"))


def is_retryable(exc: BaseException) -> bool:
    """Whether trying the same call again may succeed."""
    if isinstance(exc, TransportError):
        return True
    if isinstance(exc, GoogleApiError):
        if exc.code == 429 or 500 <= exc.code <= 599:
            return True
        return exc.code == 403 and exc.reason in RATE_LIMIT_REASONS
    return False


@dataclass
class RetryPolicy:
    """Backoff parameters, and the clock, sleep and random source (injectable for tests)."""

    max_retries: int = 6
    max_seconds: float = 120.0
    base_delay: float = 1.0
    max_delay: float = 32.0
    random: Callable[[], float] = field(default=random_module.random, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def backoff(self, retry: int) -> float:
        """The jittered wait before retry number `retry` (1-based), without Retry-After."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (retry - 1))
        return self.random() * ceiling

    def wait_before(self, retry: int, exc: BaseException) -> float:
        wait = self.backoff(retry)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait

    def run(self, operation: str, call: Callable[[], T],
            landed: Optional[Callable[[Exception], Optional[T]]] = None) -> T:
        """Call `call()` until it succeeds, fails for good, or the bounds are reached; with
        `landed`, an ambiguous failure is looked into before the next attempt (module docstring)."""
        started = self.clock()
        attempt = 0
        unanswered = False  # an earlier attempt may have done the work
        while True:
            attempt += 1
            try:
                return call()
            except (GoogleApiError, TransportError) as exc:
                if unanswered and landed is not None and is_revision_refusal(exc):
                    found = landed(exc)  # refused because the earlier attempt landed?
                    if found is not None:
                        return found
                if unanswered and AFTER_NO_ANSWER.get(operation) == ABSENT_AFTER \
                        and isinstance(exc, GoogleApiError) and exc.code == 404:
                    return None  # type: ignore[return-value]  # the lost first attempt removed it
                if not is_retryable(exc):
                    raise
                unanswered = unanswered or is_ambiguous(exc)
                elapsed = self.clock() - started
                if attempt > self.max_retries:
                    raise self._give_up("gave_up_attempts", operation, attempt, elapsed, exc) from exc
                wait = self.wait_before(attempt, exc)
                if elapsed + wait > self.max_seconds:
                    raise self._give_up("gave_up_seconds", operation, attempt, elapsed, exc) from exc
                log.warning(ru.GOOGLE["retry"].format(
                    operation=operation, attempt=attempt, attempts=self.max_retries + 1,
                    error=_short(exc), wait=wait))
                self.sleep(wait)
                if landed is not None and is_ambiguous(exc):
                    found = landed(exc)
                    if found is not None:
                        return found

    def _give_up(self, key: str, operation: str, attempts: int, elapsed: float, exc: Exception) -> RetriesExhausted:
        message = ru.GOOGLE[key].format(
            operation=operation, attempts=attempts, seconds=elapsed, limit=self.max_seconds, error=_short(exc))
        log.error(message)
        return RetriesExhausted(message, operation, attempts, exc)


def _short(exc: BaseException) -> str:
    if isinstance(exc, GoogleApiError):
        return f"{exc.code} {exc.status or exc.reason}".strip()
    if isinstance(exc, TransportError):
        return ru.GOOGLE["no_answer"].format(cause=exc.cause.__class__.__name__)
    return exc.__class__.__name__
