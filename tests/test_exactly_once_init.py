"""`init --google` under lost answers (issue 16): the tabs it adds are added once.

`spreadsheets.batchUpdate` with ``addSheet`` is not safe to send twice: a repeat after the first
landed is refused «already exists». `init --google` (and a run again that adds missing tabs) reads
the tabs back after such a refusal and goes on when its tabs are there, instead of failing with a
message that sends staff round in circles.
"""
from __future__ import annotations

import pytest

from sheets_schema.tables import ALL_TABLES
from tests.test_forms_publishing_google import config_for, init, invoke, workspace_of


@pytest.mark.parametrize("fault", ["lost", "drop"])
def test_init_whose_tab_request_answer_is_lost_adds_every_tab_once(fake_google, tmp_path, fault):
    config = config_for(fake_google, tmp_path, "oauth")
    fake_google.set_faults(plan=[{"method": "sheets.spreadsheets.batchUpdate", "call": 1, "fault": fault}])

    result = invoke(config, "init", "--google")

    fake_google.clear_faults()
    assert result.exit_code == 0, result.output
    titles = [p["title"] for p in workspace_of(config).sheet_properties()]
    assert sorted(titles) == sorted(t.title for t in ALL_TABLES)  # each once, no «Лист1» left
    init(config)  # a run again: exit 0, nothing to warn about
    again = invoke(config, "doctor")
    assert again.exit_code == 0, again.output
