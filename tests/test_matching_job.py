"""`match` on local workspaces: a replaced mentor, ended and active pairs, groups, and the command's
output. The approve / reject / rerun loop, withdrawn consent and --dry-run run on every backend
in tests/test_matching_backends.py."""
from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli.cmd_match import match as match_command
from jobs.config import MatchingSettings
from jobs.terms import add_months
from jobs.match import match
from sync.local import LocalWorkspace
from tests.builders import MENTEES, MENTORS, NOW, edited, make_workspace, snapshot

S = MatchingSettings.default()
IVANOVA, SMIRNOV, _ = (m["email"] for m in MENTEES)
PETROVA, SOKOLOV = (m["email"] for m in MENTORS)


def rows(path: Path, tab: str) -> list[dict[str, str]]:
    ws = load_workbook(path)[tab]
    header = [c.value for c in ws[1]]
    out = []
    for r in ws.iter_rows(min_row=2, values_only=True):
        if any(v not in (None, "") for v in r):
            out.append({h: ("" if v is None else str(v)) for h, v in zip(header, r)})
    return out


def set_cell(path: Path, tab: str, match_header: str, match_value: str, header: str, value, status_not: str = "") -> None:
    """Set `header` on the row of `tab` whose `match_header` is `match_value` (as staff would)."""
    wb = load_workbook(path)
    ws = wb[tab]
    names = [c.value for c in ws[1]]
    key, col = names.index(match_header) + 1, names.index(header) + 1
    status = names.index("Статус") + 1 if "Статус" in names else None
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, key).value == match_value and (not status_not or ws.cell(r, status).value != status_not):
            ws.cell(r, col).value = value
            break
    else:
        raise AssertionError(f"no row with {match_header} = {match_value}")
    wb.save(path)


def by_mentee(path: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in rows(path, "Предложения"):
        out.setdefault(r["Наставляемый (e-mail)"], []).append(r)
    return out








def test_mentor_no_longer_ok_is_replaced_in_open_proposals(tmp_path):
    path = make_workspace(tmp_path)
    ws = LocalWorkspace(tmp_path)
    match(ws, S, NOW)
    set_cell(path, "Наставники", "E-mail", SOKOLOV, "Письменное согласие на наставничество (дата)", None)

    result = match(ws, S, NOW)

    assert by_mentee(path)[SMIRNOV][0]["Наставник (e-mail)"] == PETROVA
    assert result.changes.changed == [SMIRNOV]


def test_ended_pairs_are_never_proposed_again_and_active_pairs_use_places(tmp_path):
    path = make_workspace(tmp_path)
    ws = LocalWorkspace(tmp_path)
    wb = load_workbook(path)
    sheet = wb["Пары"]
    header = [c.value for c in sheet[1]]
    for values in (
        {"ID пары": "П-007", "Наставник (e-mail)": SOKOLOV, "Наставляемые (e-mail)": SMIRNOV, "Статус": "прекращена"},
        {"ID пары": "П-008", "Наставник (e-mail)": PETROVA, "Наставляемые (e-mail)": "other@school26.example, x@school26.example", "Статус": "закреплена приказом"},
    ):
        sheet.append([values.get(h) for h in header])
    wb.save(path)

    match(ws, S, NOW)

    got = by_mentee(path)
    assert got[SMIRNOV][0]["Статус"] == "нет пары"  # Sokolov ended with him; Petrova is full
    assert got[IVANOVA][0]["Наставник (e-mail)"] == SOKOLOV  # Petrova's two places are taken
    assert got[SMIRNOV][0]["Обоснование"].startswith(
        "все наставники исключены правилами: у наставника нет свободных мест — 1; "
        "пара уже была и завершена или прекращена — 1")




def test_group_id_and_group_pair(tmp_path):
    mentees = [dict(MENTEES[0]), edited(MENTEES, 0, email="second@school26.example", full_name="Орлова Анна Ивановна")[0]]
    path = make_workspace(tmp_path, mentees=mentees, mentors=MENTORS[:1])
    ws = LocalWorkspace(tmp_path)
    settings = MatchingSettings.from_section({"group_bonus": 10.0})
    match(ws, settings, NOW)
    got = by_mentee(path)
    assert {r[0]["Группа"] for r in got.values()} == {"Г-001"}
    assert got[IVANOVA][0]["Обоснование"].endswith("группа по затруднению «современный урок»: 2 наставляемых")
    for email in got:
        set_cell(path, "Предложения", "Наставляемый (e-mail)", email, "Статус", "утверждено")
    match(ws, settings, NOW)
    pairs = rows(path, "Пары")
    assert len(pairs) == 1
    assert pairs[0]["Наставляемые (e-mail)"] == f"{IVANOVA}, second@school26.example"
    assert pairs[0]["Форма наставничества"] == "групповая"


def test_add_months_clamps_to_the_month_end():
    import datetime as dt
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 27), 9) == dt.date(2027, 8, 27)


def _cli():
    from jobs.cli import cli as root

    return click.Group(name="nastavnik", params=root.params, callback=root.callback,
                       commands={**root.commands, "match": match_command})


def test_command_dry_run_prints_the_summary_and_exits_0(tmp_path):
    path = make_workspace(tmp_path)
    before = snapshot(path)
    result = CliRunner().invoke(_cli(), ["--config", str(tmp_path / "nastavnik.toml"), "match", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Подбор пар: наставляемых до подбора 3; предложено пар 2; без пары 1; суммарный балл" in result.output
    assert "Пробный запуск (--dry-run): ничего не записано." in result.output
    assert snapshot(path) == before


def test_command_missing_tab_exits_1(tmp_path):
    path = make_workspace(tmp_path)
    wb = load_workbook(path)
    del wb["Предложения"]
    wb.save(path)
    result = CliRunner().invoke(_cli(), ["--config", str(tmp_path / "nastavnik.toml"), "match"])
    assert result.exit_code == 1
    assert "Нет листа «Предложения»" in result.output
