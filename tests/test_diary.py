"""The meetings diary «Дневник встреч» through `monitor`, on every backend: each row's verdict in
«Сообщение», the meetings per pair and the pairs without a meeting in «Итоги мониторинга»."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from jobs.diary import check_diary
from jobs.monitor import monitor
from sheets_schema.grid import read_grid
from sheets_schema.tables import DIARY, PAIRS
from tests.test_monitor_data import PAIRS as PAIR_ROWS, programme_rows
from tests.workspaces import NOW, TODAY

TAB = "Дневник встреч"
SUMMARY = "Итоги мониторинга"

# NOW is 27.11.2026: П-1 runs since 01.10.2026, П-2 ran 01.09–20.11.2026 and is «завершена».
DIARY_ROWS = [
    {"pair_id": "П-1", "meeting_date": "05.10.2026", "meeting_topic": "Планирование", "meeting_format": "очно"},  # 2
    {"pair_id": "П-1", "meeting_date": "20.10.2026", "meeting_topic": "Разбор урока",
     "meeting_format": "посещение урока"},  # 3
    {"pair_id": "П-9", "meeting_date": "21.10.2026", "meeting_topic": "?"},  # 4: no such pair
    {"pair_id": "П-2", "meeting_date": "25.11.2026", "meeting_topic": "Итоги"},  # 5: after the pair's end
    {"pair_id": "П-1", "meeting_date": "01.12.2026", "meeting_topic": "Заранее"},  # 6: in the future
    {"pair_id": "П-1", "meeting_date": "вчера", "meeting_topic": "Без даты"},  # 7: not a date
    {"pair_id": "П-2", "meeting_date": "10.09.2026", "meeting_format": "прогулка"},  # 8: not in the list
    {"pair_id": "п-2", "meeting_date": "15.09.2026", "meeting_format": "Очно"},  # 9: OK, any case
    {"pair_id": "", "meeting_date": "16.09.2026", "meeting_topic": "Кто это?"},  # 10: no pair
    {"pair_id": "П-1", "meeting_date": "20.09.2026", "meeting_topic": "До начала"},  # 11: before the start
]


def rows_with_diary(diary=DIARY_ROWS):
    rows = programme_rows()
    rows["diary"] = [dict(r) for r in diary]
    return rows


def summary_block(backend) -> dict[str, list[str]]:
    """The rows of the diary block of «Итоги мониторинга»: pair id → [meetings, last, flag]."""
    grid = backend.grid(SUMMARY)
    at = next(i for i, row in enumerate(grid) if row and row[0].startswith("Встречи пар"))
    return {row[0]: (row[1:4] + ["", "", ""])[:3] for row in grid[at + 2:] if row and row[0]}


def test_rows_checked_meetings_counted_and_a_silent_pair_flagged(backend):
    ws = backend.make(rows_with_diary())

    result = monitor(ws, now=NOW)

    assert result.exit_code == 0 and result.written
    messages = backend.column(TAB, "Сообщение")
    assert messages[2] == messages[3] == messages[9] == "OK"
    assert messages[4] == "«ID пары»: пары «П-9» нет на листе «Пары». Впишите ID пары так, как он записан на листе «Пары»."
    assert messages[5] == ("«Дата встречи»: встреча 25.11.2026 позже окончания пары (20.11.2026). "
                           "Проверьте дату встречи и ID пары.")
    assert messages[6] == "«Дата встречи»: дата 01.12.2026 ещё не наступила. Записывайте встречу, когда она прошла."
    assert messages[7] == ("«Дата встречи»: «вчера» — не дата. Впишите дату в виде ДД.ММ.ГГГГ, например "
                           "15.10.2026.")
    assert messages[8].startswith("«Формат встречи»: «прогулка» нет в списке. Выберите из списка: очно, дистанционно")
    assert messages[10].startswith("«ID пары»: не указан ID пары.")
    assert messages[11] == ("«Дата встречи»: встреча 20.09.2026 раньше начала пары (01.10.2026). "
                            "Проверьте дату встречи и ID пары.")
    # what staff typed is untouched
    assert backend.column(TAB, "Дата встречи")[7] == "вчера"
    assert backend.column(TAB, "ID пары")[9] == "п-2"

    block = summary_block(backend)
    # П-1: last meeting 20.10.2026, more than 4 weeks before 27.11.2026 → flagged; П-2 has ended
    assert block["П-1"] == ["2", "20.10.2026", "нет встреч 4 нед. и дольше"]
    assert block["П-2"] == ["1", "15.09.2026", ""]
    lines = result.lines()
    assert ("Дневник встреч: записано встреч 3 у 2 пар; пар без встреч 4 нед. и дольше: 1; строк с ошибкой: 7."
            in lines)
    assert any(line.startswith("Лист «Дневник встреч», строка 4: «ID пары»: пары «П-9»") for line in lines)
    flat = " ".join(" ".join(r) for r in backend.grid(SUMMARY))
    assert "Разбор урока" not in flat and "@" not in flat


def test_a_rerun_writes_the_same_and_a_fixed_row_becomes_ok(backend):
    ws = backend.make(rows_with_diary())
    monitor(ws, now=NOW)
    first = backend.grid(TAB)

    monitor(ws, now=NOW)
    assert backend.grid(TAB) == first

    backend.set_cells(TAB, {(4, "ID пары"): "П-1", (7, "Дата встречи"): "10.11.2026"})
    monitor(ws, now=NOW)

    messages = backend.column(TAB, "Сообщение")
    assert messages[4] == messages[7] == "OK"
    block = summary_block(backend)
    assert block["П-1"] == ["4", "10.11.2026", ""]  # 17 days ago: not flagged


def test_weeks_are_configurable_and_a_pair_without_meetings_is_flagged(backend):
    ws = backend.make(rows_with_diary(DIARY_ROWS[:2]))

    monitor(ws, now=NOW, diary_weeks=8)

    assert summary_block(backend)["П-1"] == ["2", "20.10.2026", ""]


def test_no_diary_rows_no_block_and_no_flags(backend):
    ws = backend.make(programme_rows())

    result = monitor(ws, now=NOW)

    assert result.written
    assert not any(row and row[0].startswith("Встречи пар") for row in backend.grid(SUMMARY))
    assert not any(line.startswith("Дневник встреч") for line in result.lines())


def test_a_workspace_without_the_diary_tab_still_gets_its_figures(tmp_path):
    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    ws = backend.make(programme_rows())
    wb = load_workbook(ws.path)
    del wb[TAB]
    wb.save(ws.path)

    result = monitor(ws, now=NOW)

    assert result.written and result.exit_code == 0
    assert any(line.startswith("Лист «Дневник встреч» не прочитан") and "upgrade-workspace" in line
               for line in result.lines())


def _data(table, rows):
    return read_grid(table, [table.headers] + [[r.get(c.key, "") for c in table.columns] for r in rows])


def test_a_pair_that_never_met_is_flagged_once_its_start_is_weeks_behind():
    pairs = [dict(PAIR_ROWS[0]), dict(PAIR_ROWS[0], pair_id="П-3", start="20.11.2026")]
    diary = [{"pair_id": "П-3", "meeting_date": "21.11.2026"}]

    check = check_diary(_data(DIARY, diary), _data(PAIRS, pairs), TODAY)

    by_id = {p.pair_id: p for p in check.pairs}
    assert by_id["П-1"].stale and by_id["П-1"].meetings == 0  # started 01.10, never met
    assert not by_id["П-3"].stale and by_id["П-3"].last == dt.date(2026, 11, 21)
    later = check_diary(_data(DIARY, diary), _data(PAIRS, pairs), TODAY + dt.timedelta(weeks=4))
    assert {p.pair_id for p in later.stale} == {"П-1", "П-3"}


def test_the_weeks_come_from_the_config(tmp_path):
    from jobs.cli.steps import nightly_settings
    from jobs.config import load
    from jobs.nightly import monitor_step

    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    ws = backend.make(rows_with_diary(DIARY_ROWS[:2]))
    config = ws.path.parent / "nastavnik.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[roadmap]\ndiary_weeks = 8\n", encoding="utf-8")

    settings = nightly_settings(load(config), strict=False)
    step = monitor_step(ws, settings, NOW, dry_run=False)

    assert settings.diary_weeks == 8 and step.exit_code == 0
    assert summary_block(backend)["П-1"] == ["2", "20.10.2026", ""]
