"""Stage 6 of «Дорожная карта» (issue 19): a conference or round table records in «Подтверждение»
the date held, the participants and the materials; `roadmap` marks it from them, on every backend."""
from __future__ import annotations

import pytest

from jobs.roadmap import update_roadmap
from jobs.roadmap_marks import IN_PROGRESS, DONE, PLANNED, RoadmapData, mark
from sheets_schema.roadmap import default_rows
from tests.test_monitor_data import programme_rows
from tests.test_roadmap_marks import EVIDENCE, ROW, cell
from tests.workspaces import NOW, TODAY


def test_the_round_table_is_marked_from_its_date_participants_and_materials(backend):
    rows = default_rows(TODAY)
    rows[ROW["round_table"] - 2]["evidence"] = "Проведён 20.11.2026, 24 участника, https://school26.example/kopilka"
    rows[ROW["conference"] - 2]["evidence"] = "Семинар назначен на 15.03.2027"
    ws = backend.make(programme_rows(rows))

    update_roadmap(ws, now=NOW)
    update_roadmap(ws, now=NOW)  # a rerun changes nothing

    assert cell(backend, "round_table") == "выполнено"
    assert cell(backend, "round_table", EVIDENCE) == (
        "Проведён 20.11.2026, 24 участника, https://school26.example/kopilka\n"
        "Автоотметка «выполнено»: подтверждение внесено (проведено 20.11.2026, участников 24, материалы по ссылке)")
    assert cell(backend, "conference") == "в работе"
    assert cell(backend, "conference", EVIDENCE) == (
        "Семинар назначен на 15.03.2027\n"
        "Автоотметка «в работе»: назначено на 15.03.2027: «выполнено» — когда дата пройдёт")


@pytest.mark.parametrize("text, status, figure", [
    ("", PLANNED, "отмечается по «Подтверждению»: впишите ссылку или номер протокола"),
    ("протокол № 4", DONE, "подтверждение внесено"),
    ("https://school26.example/news", DONE, "подтверждение внесено"),
    ("27.11.2026; участников: 31", DONE, "подтверждение внесено (проведено 27.11.2026, участников 31)"),
    ("28.11.2026 https://x.example/m", IN_PROGRESS, "назначено на 28.11.2026: «выполнено» — когда дата пройдёт"),
    ("31.02.2026, 12 участников", DONE, "подтверждение внесено (участников 12)"),  # no such date: not a date
])
def test_manual_marks_by_what_staff_wrote(text, status, figure):
    got = mark("round_table", RoadmapData(today=TODAY), staff_text=text)

    assert got is not None and (got.state, got.figure) == (status, figure)
