"""pytest fixtures: ``fake_google_server`` (one fake per session) and ``fake_google`` (the
same fake, reset before each test: no files, no request log, no faults)."""
from __future__ import annotations

from typing import Iterator

import pytest

from .server import FakeGoogle


@pytest.fixture(scope="session")
def fake_google_server() -> Iterator[FakeGoogle]:
    fake = FakeGoogle.start(port=0)
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def fake_google(fake_google_server: FakeGoogle) -> Iterator[FakeGoogle]:
    fake_google_server.reset()
    yield fake_google_server
    fake_google_server.clear_faults()
