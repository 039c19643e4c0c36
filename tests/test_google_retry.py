"""The retry policy and the limiter, with an injected clock, sleep and random source."""
from __future__ import annotations

import logging

import pytest

from sync.google.errors import GoogleApiError, TransportError, parse_retry_after
from sync.google.limiter import RateLimiter
from sync.google.retry import RetriesExhausted, RetryPolicy, is_retryable
from sync.workspace import WorkspaceError


class FakeTime:
    """A clock that only moves when something sleeps."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def policy(t: FakeTime, random=lambda: 1.0, **kw) -> RetryPolicy:
    return RetryPolicy(random=random, sleep=t.sleep, clock=t.clock, **kw)


def failing(errors: list[Exception], result="ok"):
    calls = []

    def call():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return result

    call.calls = calls
    return call


def api(code: int, reason: str = "", retry_after: float | None = None) -> GoogleApiError:
    return GoogleApiError("spreadsheets.values.batchGet", code, "STATUS", reason, "message", retry_after)


RETRYABLE_CASES = [
    (api(429), True),
    (api(500), True),
    (api(503), True),
    (api(504), True),
    (api(403, "userRateLimitExceeded"), True),
    (api(403, "rateLimitExceeded"), True),
    (TransportError("op", ConnectionResetError("reset")), True),
    (TransportError("op", TimeoutError("timed out")), True),
    (api(403, "forbidden"), False),
    (api(403, "quotaExceeded"), False),
    (api(400, "badRequest"), False),
    (api(404, "notFound"), False),
    (api(401, "authError"), False),
]


@pytest.mark.parametrize("error, retryable", RETRYABLE_CASES)
def test_which_errors_are_retried(error, retryable):
    assert is_retryable(error) is retryable


def test_delays_grow_exponentially_and_are_capped():
    t = FakeTime()
    call = failing([api(503)] * 7)
    assert policy(t, max_retries=7, max_seconds=10_000, max_delay=16).run("op", call) == "ok"
    assert t.sleeps == [1, 2, 4, 8, 16, 16, 16]
    assert len(call.calls) == 8


@pytest.mark.parametrize("fraction", [0.0, 0.25, 0.999])
def test_full_jitter_stays_within_the_ceiling(fraction):
    t = FakeTime()
    policy(t, random=lambda: fraction, max_retries=5, max_seconds=10_000).run("op", failing([api(429)] * 5))
    assert t.sleeps == pytest.approx([fraction * c for c in (1, 2, 4, 8, 16)])


def test_jitter_uses_the_random_source_for_every_wait():
    t = FakeTime()
    draws = iter([0.5, 0.1, 0.9])
    policy(t, random=lambda: next(draws), max_retries=3).run("op", failing([api(500)] * 3))
    assert t.sleeps == pytest.approx([0.5, 0.2, 3.6])


def test_retry_after_is_honoured_when_longer_than_the_backoff():
    t = FakeTime()
    policy(t, random=lambda: 0.5).run("op", failing([api(429, retry_after=7), api(429, retry_after=0.1)]))
    assert t.sleeps == pytest.approx([7, 1.0])


def test_gives_up_after_max_retries_with_a_russian_workspace_error():
    t = FakeTime()
    call = failing([api(503)] * 10)
    with pytest.raises(RetriesExhausted) as info:
        policy(t, max_retries=3, max_seconds=10_000).run("spreadsheets.values.batchGet", call)
    assert isinstance(info.value, WorkspaceError)
    assert len(call.calls) == 4 and len(t.sleeps) == 3
    assert info.value.attempts == 4
    text = str(info.value)
    assert text.startswith("Google не выполнил запрос spreadsheets.values.batchGet: 4 попыток")
    assert "503" in text and "Повторите запуск позже" in text


def test_gives_up_when_the_next_wait_would_pass_max_seconds():
    t = FakeTime()
    call = failing([api(503)] * 10)
    with pytest.raises(RetriesExhausted) as info:
        policy(t, max_retries=10, max_seconds=10).run("spreadsheets.values.batchUpdate", call)
    # waits 1, 2, 4 (7 s); the next 8 s would end at 15 s > 10 s
    assert t.sleeps == [1, 2, 4]
    assert sum(t.sleeps) <= 10
    assert "за отведённые 10 с ([google] max_retry_seconds)" in str(info.value)


def test_a_retry_after_past_the_time_budget_gives_up_at_once():
    t = FakeTime()
    with pytest.raises(RetriesExhausted):
        policy(t, max_seconds=30).run("op", failing([api(429, retry_after=60)]))
    assert t.sleeps == []


def test_non_retryable_errors_pass_through_untouched():
    t = FakeTime()
    error = api(400, "badRequest")
    with pytest.raises(GoogleApiError) as info:
        policy(t).run("op", failing([error]))
    assert info.value is error and t.sleeps == []


def test_zero_retries_fails_on_the_first_retryable_error():
    t = FakeTime()
    with pytest.raises(RetriesExhausted):
        policy(t, max_retries=0).run("op", failing([api(503)]))
    assert t.sleeps == []


def test_every_retry_is_logged_with_call_attempt_and_wait(caplog):
    t = FakeTime()
    with caplog.at_level(logging.WARNING, logger="nastavnik.google"):
        policy(t, random=lambda: 0.5, max_retries=4).run(
            "spreadsheets.values.batchGet", failing([api(429), TransportError("x", ConnectionResetError())]))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "Google API, запрос spreadsheets.values.batchGet: попытка 1 из 5 не удалась (429 STATUS), повтор через 0.5 с",
        "Google API, запрос spreadsheets.values.batchGet: попытка 2 из 5 не удалась "
        "(нет ответа: ConnectionResetError), повтор через 1.0 с",
    ]


@pytest.mark.parametrize("header, seconds", [
    ("7", 7.0), ("0", 0.0), ("1.5", 1.5), ("", None), (None, None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
])
def test_parse_retry_after(header, seconds):
    import datetime as dt
    now = dt.datetime(2015, 10, 21, 7, 28, 0, tzinfo=dt.timezone.utc)
    assert parse_retry_after(header, now) == seconds


def test_error_envelope_is_parsed():
    body = b'{"error": {"code": 403, "message": "Quota exceeded", "status": "PERMISSION_DENIED", ' \
           b'"errors": [{"reason": "userRateLimitExceeded", "domain": "usageLimits"}]}}'
    exc = GoogleApiError.from_response("drive.files.list", 403, {"Retry-After": "3"}, body)
    assert (exc.code, exc.status, exc.reason, exc.message, exc.retry_after) == (
        403, "PERMISSION_DENIED", "userRateLimitExceeded", "Quota exceeded", 3.0)
    assert is_retryable(exc)


def test_a_body_that_is_not_an_envelope_keeps_its_text():
    exc = GoogleApiError.from_response("op", 502, {}, b"<html>Bad Gateway</html>")
    assert (exc.code, exc.status, exc.message) == (502, "", "<html>Bad Gateway</html>")


def test_limiter_lets_a_minute_of_calls_through_then_waits_for_the_window():
    t = FakeTime()
    limiter = RateLimiter(3, clock=t.clock, sleep=t.sleep)
    for _ in range(3):
        assert limiter.acquire() == 0
        t.now += 1
    # calls at 0, 1, 2; now 3: the 4th may start at 60
    assert limiter.acquire() == pytest.approx(57)
    assert t.now == pytest.approx(60)
    assert limiter.acquire() == pytest.approx(1)  # the call at 1 leaves the window at 61


def test_limiter_never_exceeds_its_rate_in_any_window():
    t = FakeTime()
    limiter = RateLimiter(10, clock=t.clock, sleep=t.sleep)
    starts = []
    for _ in range(45):
        limiter.acquire()
        starts.append(t.now)
        t.now += 0.5
    for s in starts:
        assert sum(1 for x in starts if s <= x < s + 60) <= 10
