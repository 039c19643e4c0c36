"""Shared fixtures: the fake Google Workspace server, and `backend` — every job-level contract
test runs on the local workspace, on the fake Google Workspace, and (when credentials are given)
on real Google."""
from __future__ import annotations

import pytest

from tests.backends import GoogleBackend, LocalBackend, live_settings

pytest_plugins = ["tests.fake_google.pytest_plugin"]


@pytest.fixture(params=["local", "google", pytest.param("live", marks=pytest.mark.live)])
def backend(request, tmp_path):
    if request.param == "local":
        return LocalBackend(tmp_path)
    if request.param == "google":
        from tests.test_google_support import fast_client, google_settings

        settings = google_settings(request.getfixturevalue("fake_google"), tmp_path)
        return GoogleBackend(settings, fast_client(settings))
    settings = live_settings()
    if settings is None:
        pytest.skip("live: set NASTAVNIK_LIVE_CREDENTIALS and NASTAVNIK_LIVE_FOLDER to run against real Google")
    from sync.google.client import client_from_settings

    return GoogleBackend(settings, client_from_settings(settings))


@pytest.fixture(autouse=True)
def _cli_output_reset():
    """A test that ran the CLI in this process (`--log-format json`, a command name) leaves its
    process-wide output state: the next test's own small Click group, which does not set it up
    again, would print JSON lines. Production runs one command per process; tests run many."""
    yield
    import logging
    import sys

    from jobs.cli import output

    logger = logging.getLogger("nastavnik")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)
    logger.propagate = True
    logging.captureWarnings(False)
    output._state["json"] = False
    output.set_command("")
    for name in ("stdout", "stderr"):  # the streams a CliRunner left wrapped, if any, back to text
        stream = getattr(sys, name)
        if isinstance(stream, output.ScrubbedStream) and isinstance(stream.raw, output.JsonLines):
            stream.raw = stream.raw.raw
    sys.excepthook = sys.__excepthook__
