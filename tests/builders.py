"""Builders for job-level tests: small valid banks, a local workspace, workbook snapshots.

The rows here are hand-written and valid on 27.11.2026 (see `NOW`); a test changes one thing
and checks that exactly that thing is reported.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Mapping, Sequence

from openpyxl import load_workbook

from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from sync.local import WORKBOOK, create_local_workspace

NOW = dt.datetime(2026, 11, 27, 10, 0)

MENTEES: tuple[dict[str, str], ...] = (
    {
        "full_name": "Иванова Мария Петровна",
        "email": "ivanova.mp@school26.example",
        "position": "учитель математики",
        "subject": "математика",
        "levels": "основное общее, среднее общее",
        "years": "2",
        "category": "без категории",
        "young": "да",
        "difficulties": "современный урок, работа с родителями",
        "preferred_form": "традиционная (один на один)",
        "timetable": "пн, ср",
        "pd_consent": "01.09.2026",
    },
    {
        "full_name": "Смирнов Алексей Игоревич",
        "email": "smirnov.ai@school26.example",
        "position": "учитель физики",
        "subject": "физика",
        "levels": "основное общее",
        "years": "0",
        "young": "да",
        "difficulties": "дисциплина и классное руководство",
        "pd_consent": "2026-09-02",
    },
    {
        "full_name": "Кузнецова Ольга Сергеевна",
        "email": "kuznetsova.os@school26.example",
        "position": "учитель начальных классов",
        "subject": "начальные классы",
        "levels": "начальное общее",
        "years": "4",
        "category": "первая",
        "young": "нет",
        "difficulties": "документация",
        "notes": "выход из декрета в сентябре",
        "pd_consent": "3.9.26",
    },
)

MENTORS: tuple[dict[str, str], ...] = (
    {
        "full_name": "Петрова Галина Викторовна",
        "email": "petrova.gv@school26.example",
        "position": "учитель математики",
        "subject": "математика",
        "levels": "основное общее, среднее общее",
        "years": "27",
        "category": "высшая",
        "young": "нет",
        "competences": "современный урок, подготовка к ОГЭ/ЕГЭ и олимпиадам, работа с родителями",
        "capacity": "2",
        "preferred_forms": "традиционная (один на один), групповая",
        "timetable": "пн, вт, чт",
        "motivation": "передать опыт молодым коллегам",
        "past_mentoring": "да, 2 года",
        "trained": "да",
        "pd_consent": "01.09.2026",
        "duty_consent": "05.09.2026",
    },
    {
        "full_name": "Соколов Николай Павлович",
        "email": "sokolov.np@school26.example",
        "position": "учитель физики",
        "subject": "физика",
        "levels": "основное общее",
        "years": "15",
        "category": "педагог-наставник",
        "competences": "дисциплина и классное руководство, ИКТ и цифровая образовательная среда",
        "capacity": "1",
        "trained": "нет",
        "pd_consent": "02.09.2026",
        "duty_consent": "02.09.2026",
    },
)


def edited(rows: Sequence[Mapping[str, str]], index: int, **changes: str) -> list[dict[str, str]]:
    """A copy of `rows` with the row at `index` changed."""
    result = [dict(r) for r in rows]
    result[index].update(changes)
    return result


def make_workspace(
    directory: Path,
    mentees: Sequence[Mapping[str, str]] = MENTEES,
    mentors: Sequence[Mapping[str, str]] = MENTORS,
    config_text: str | None = None,
) -> Path:
    """A real local workspace in `directory` holding the two banks."""
    text = config_text if config_text is not None else render_local_config(DEFAULT_SCHOOL)
    create_local_workspace(directory, {"mentees": mentees, "mentors": mentors}, text)
    return directory / WORKBOOK


Snapshot = dict[tuple[str, int, int], tuple[object, str]]


def snapshot(path: Path) -> Snapshot:
    """Every non-empty cell of every tab: (tab, row, column) → (value, data type)."""
    wb = load_workbook(path, read_only=True)
    cells: Snapshot = {}
    try:
        for ws in wb.worksheets:
            for r, row in enumerate(ws.iter_rows(), start=1):
                for c, cell in enumerate(row, start=1):
                    if cell.value is not None:
                        cells[(ws.title, r, c)] = (cell.value, cell.data_type)
    finally:
        wb.close()
    return cells


def header_columns(path: Path, tab: str) -> dict[str, int]:
    """1-based column of each header text on row 1 of `tab`, as written in the sheet."""
    ws = load_workbook(path)[tab]
    return {str(c.value): c.column for c in ws[1] if c.value is not None}
