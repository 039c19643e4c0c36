"""`jobs.indicators`: the figures a school reports, from small hand-made tables."""
from __future__ import annotations

import pytest

from jobs.indicators import compute, emails_in, number, percent, question_title, score
from jobs.validate import check_banks
from sheets_schema.grid import read_grid
from sheets_schema.rules import Limits
from sheets_schema.tables import MENTEES, MENTORS, MONITORING, PAIRS, PROPOSALS, ROADMAP
from tests.builders import edited
from tests.test_monitor_data import MONITORING as RESPONSES, PAIRS as PAIR_ROWS, PROPOSALS as PROPOSAL_ROWS, programme_rows
from tests.workspaces import TODAY


def data(table, rows):
    return read_grid(table, [table.headers] + [[r.get(c.key, "") for c in table.columns] for r in rows])


def figures(mentees=None, mentors=None, pairs=PAIR_ROWS, proposals=PROPOSAL_ROWS, monitoring=RESPONSES,
            roadmap=None):
    rows = programme_rows()
    banks = {"mentees": data(MENTEES, rows["mentees"] if mentees is None else mentees),
             "mentors": data(MENTORS, rows["mentors"] if mentors is None else mentors)}
    checks = check_banks(banks, TODAY, Limits())
    return compute(checks, data(PAIRS, pairs).frame, data(PROPOSALS, proposals).frame,
                   data(MONITORING, monitoring).frame,
                   None if roadmap is None else data(ROADMAP, roadmap).frame)


def test_the_programme_in_full_swing():
    ind = figures(roadmap=[{"stage_no": "1", "stage": "x", "event": "a", "status": "выполнено"},
                           {"stage_no": "1", "stage": "x", "event": "b", "status": "просрочено"},
                           {"stage_no": "2", "stage": "y", "event": "c", "status": ""}])
    assert (ind.mentees, ind.with_pair, ind.with_programme, ind.unmatched) == (3, 2, 1, 1)
    assert ind.no_pair_proposals == 1
    assert (ind.young, ind.young_in_mentoring) == (2, 2)  # Иванова and Смирнов; Кузнецова is not young
    assert (ind.pairs_active, ind.programmes_completed) == (1, 1)
    assert ind.responses == 3
    assert ind.satisfaction == pytest.approx(8.0)  # (9 + 10 + 5) / 3
    assert ind.per_question["comfort"] == (pytest.approx(25 / 3), 3)
    assert ind.per_question["continue_wish"] == (pytest.approx(22 / 3), 3)
    pairs = ind.per_pair.set_index("pair_id")
    assert pairs.loc["П-1", "responses"] == 2
    assert pairs.loc["П-1", "satisfaction"] == pytest.approx(9.5)
    assert pairs.loc["П-1", "all_questions"] == pytest.approx(106 / 12)
    assert pairs.loc["П-2", "satisfaction"] == pytest.approx(5.0)
    # Иванова declared «современный урок, работа с родителями»; both closed (one by her mentor);
    # Смирнов declared «дисциплина…», nothing closed.
    assert (ind.difficulties_declared, ind.difficulties_closed) == (3, 2)
    assert ind.closed_by_difficulty == {"современный урок": 1, "работа с родителями": 1}
    assert (ind.plan_total, ind.plan_done, ind.plan_overdue) == (3, 1, 1)


def test_nothing_yet():
    ind = figures(mentees=[], mentors=[], pairs=[], proposals=[], monitoring=[])
    assert (ind.mentees, ind.with_pair, ind.unmatched, ind.responses) == (0, 0, 0, 0)
    assert ind.satisfaction is None
    assert ind.per_question["clarity"] == (None, 0)
    assert ind.per_pair.empty
    assert percent(ind.with_pair, ind.mentees) == "—"


PAIR_CASES = [
    # (status of П-1, in a pair, with a programme, active, completed)
    ("прекращена", 1, 0, 0, 1),
    ("утверждена", 2, 1, 1, 1),
    ("Закреплена приказом ", 2, 1, 1, 1),
    ("завершена", 2, 1, 0, 2),
]


@pytest.mark.parametrize("status, in_pair, with_programme, active, completed", PAIR_CASES)
def test_pair_status_decides_who_counts(status, in_pair, with_programme, active, completed):
    ind = figures(pairs=edited(PAIR_ROWS, 0, status=status))
    assert (ind.with_pair, ind.with_programme, ind.pairs_active, ind.programmes_completed) == \
        (in_pair, with_programme, active, completed)


def test_a_group_counts_each_mentee_and_a_bad_bank_row_is_not_a_mentee():
    group = edited(PAIR_ROWS, 0, mentee_emails="ivanova.mp@school26.example; kuznetsova.os@school26.example")
    assert figures(pairs=group).with_pair == 3
    broken = edited(programme_rows()["mentees"], 2, pd_consent="")  # Кузнецова: no consent
    ind = figures(mentees=broken, pairs=group)
    assert (ind.mentees, ind.with_pair, ind.unmatched) == (2, 2, 0)


def test_answers_out_of_scale_are_left_out():
    bad = edited(RESPONSES, 2, satisfaction="11", comfort="семь")
    ind = figures(monitoring=bad)
    assert ind.per_question["satisfaction"] == (pytest.approx(9.5), 2)
    assert ind.per_question["comfort"] == (pytest.approx(9.5), 2)


@pytest.mark.parametrize("text, expected", [
    ("a@x.ru", ["a@x.ru"]),
    (" A@X.ru, b@y.ru;c@z.ru ", ["a@x.ru", "b@y.ru", "c@z.ru"]),
    ("Иванова", []),
    ("", []),
])
def test_emails_in(text, expected):
    assert emails_in(text) == expected


@pytest.mark.parametrize("text, expected", [("7", 7.0), (" 10 ", 10.0), ("0", None), ("11", None),
                                            ("7,5", None), ("", None), ("да", None)])
def test_score(text, expected):
    assert score(text) == expected


@pytest.mark.parametrize("value, digits, expected", [(7.25, 1, "7,2"), (8.0, 1, "8"), (None, 1, "—"),
                                                     (66.666, 0, "67"), (float("nan"), 1, "—")])
def test_number(value, digits, expected):
    assert number(value, digits) == expected


@pytest.mark.parametrize("part, whole, expected", [(1, 3, "33 %"), (2, 2, "100 %"), (0, 0, "—")])
def test_percent(part, whole, expected):
    assert percent(part, whole) == expected


def test_question_title():
    assert question_title("comfort") == "Комфорт общения"


def test_answers_of_people_without_consent_are_counted_nowhere():
    """Смирнов (mentee of П-2) without consent: his response, his declared difficulty and his
    pair's answers are gone from every figure, as if he had never answered."""
    i = next(k for k, r in enumerate(programme_rows()["mentees"]) if r["email"] == "smirnov.ai@school26.example")
    no_consent = edited(programme_rows()["mentees"], i, pd_consent="")
    ind = figures(mentees=no_consent)
    assert ind.responses == 2
    assert ind.per_question["satisfaction"] == (pytest.approx(9.5), 2)
    assert ind.difficulties_declared == 2  # Иванова's two; Смирнов's «дисциплина…» no longer
    assert ind.per_pair.set_index("pair_id").loc["П-2", "responses"] == 0
    assert list(ind.scores["pair_id"]) == ["П-1", "П-1"]
