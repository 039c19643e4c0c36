"""A small programme in full swing, shared by the roadmap, monitor and publish tests (no tests here).

Three mentees, two mentors (tests/builders.py, valid on 27.11.2026); pair П-1 is fixed by an
order and has a programme, pair П-2 has finished; Кузнецова is left without a pair. Three
monitoring responses: both sides of П-1, the mentee of П-2.
"""
from __future__ import annotations

from sheets_schema.roadmap import default_rows
from tests.builders import MENTEES, MENTORS
from tests.workspaces import TODAY

PAIRS = [
    {"pair_id": "П-1", "mentor_email": "petrova.gv@school26.example", "mentor_name": "Петрова Галина Викторовна",
     "mentee_emails": "ivanova.mp@school26.example", "mentee_names": "Иванова Мария Петровна",
     "form": "традиционная (один на один)", "start": "01.10.2026", "end": "31.05.2027",
     "status": "закреплена приказом", "order": "Приказ № 12 от 01.10.2026",
     "programme": "documents/ППН П-1.docx"},
    {"pair_id": "П-2", "mentor_email": "sokolov.np@school26.example", "mentor_name": "Соколов Николай Павлович",
     "mentee_emails": "smirnov.ai@school26.example", "mentee_names": "Смирнов Алексей Игоревич",
     "form": "традиционная (один на один)", "start": "01.09.2026", "end": "20.11.2026",
     "status": "завершена", "order": "Приказ № 9 от 01.09.2026", "programme": ""},
]

PROPOSALS = [
    {"mentee_email": "kuznetsova.os@school26.example", "mentee_name": "Кузнецова Ольга Сергеевна",
     "status": "нет пары", "reasons": "нет наставника по документации"},
]

MONITORING = [
    {"submitted": "20.11.2026 10:00:00", "role": "наставляемый", "pair_id": "П-1",
     "email": "ivanova.mp@school26.example", "partner_email": "petrova.gv@school26.example",
     "comfort": "9", "usefulness": "8", "clarity": "7", "expectations": "8", "satisfaction": "9",
     "continue_wish": "10", "difficulties_closed": "современный урок"},
    {"submitted": "20.11.2026 11:00:00", "role": "наставник", "pair_id": "П-1",
     "email": "petrova.gv@school26.example", "partner_email": "ivanova.mp@school26.example",
     "comfort": "10", "usefulness": "9", "clarity": "9", "expectations": "8", "satisfaction": "10",
     "continue_wish": "9", "difficulties_closed": "современный урок, работа с родителями"},
    {"submitted": "21.11.2026 09:30:00", "role": "наставляемый", "pair_id": "П-2",
     "email": "smirnov.ai@school26.example", "partner_email": "sokolov.np@school26.example",
     "comfort": "6", "usefulness": "5", "clarity": "6", "expectations": "4", "satisfaction": "5",
     "continue_wish": "3", "difficulties_closed": ""},
]


def programme_rows(roadmap=None) -> dict[str, list[dict[str, str]]]:
    """Rows by table key for `Backend.make`: banks, pairs, proposals, monitoring, the roadmap."""
    return {
        "mentees": [dict(r) for r in MENTEES],
        "mentors": [dict(r) for r in MENTORS],
        "pairs": [dict(r) for r in PAIRS],
        "proposals": [dict(r) for r in PROPOSALS],
        "monitoring": [dict(r) for r in MONITORING],
        "roadmap": roadmap if roadmap is not None else default_rows(TODAY),
    }


def people() -> tuple[list[str], list[str]]:
    """Every full name and e-mail in the banks and pairs (what a public page must not show)."""
    names = [r["full_name"] for r in (*MENTEES, *MENTORS)]
    emails = [r["email"] for r in (*MENTEES, *MENTORS)]
    return names, emails
