"""Fixtures shared by the tests of the fake's Sheets model: a teacher's gspread client (`gc`) and
the googleapiclient ``spreadsheets()`` resource (`api`), both on the fake. Import them into a test
module to use them (``from tests.fake_google.sheets_fixtures import TEACHER, api, gc``)."""
from __future__ import annotations

import pytest

from tests.fake_google import FakeGoogle
from tests.fake_google.clients import api_service, gspread_client, user_credentials

TEACHER = "metodist@school.example"


@pytest.fixture
def gc(fake_google: FakeGoogle):
    return gspread_client(fake_google.url, user_credentials(fake_google.url, TEACHER))


@pytest.fixture
def api(fake_google: FakeGoogle):
    return api_service(fake_google.url, "sheets", "v4",
                       user_credentials(fake_google.url, TEACHER)).spreadsheets()
