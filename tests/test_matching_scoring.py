"""Scoring and reasons of matching: tables of cases with the exact Russian text."""
from __future__ import annotations

import pandas as pd
import pytest

from jobs.config import MatchingSettings
from jobs.matching import propose_pairs
from jobs.matching.encode import encode
from jobs.matching.reasons import plural, points, shortfall_reason
from jobs.matching.scoring import build_scorer

S = MatchingSettings.default()


def mentee(**kw):
    row = {"email": "m@s.example", "full_name": "Иванова Мария Петровна", "subject": "математика",
           "levels": ["основное общее"], "years": 1, "category": "без категории",
           "difficulties": ["работа с родителями"], "preferred_form": None, "preferred_mentor": None,
           "timetable": []}
    row.update(kw)
    return row


def mentor(**kw):
    row = {"email": "t@s.example", "full_name": "Петрова Галина Викторовна", "subject": "математика",
           "levels": ["основное общее"], "years": 22, "category": "соответствие занимаемой должности",
           "competences": ["работа с родителями"], "capacity": 2, "free": 2, "preferred_forms": [],
           "timetable": [], "trained": False}
    row.update(kw)
    return row


def score(me: dict, mo: dict, settings=S) -> dict[str, int]:
    scorer = build_scorer(encode(pd.DataFrame([me]), False), encode(pd.DataFrame([mo]), True), settings, None)
    parts = scorer.breakdown(0, 0)
    row = int(scorer.rows([0])[0, 0])
    assert row == sum(parts.values()), "the matrix and the breakdown must agree"
    return parts


# (mentee changes, mentor changes, part, expected points ×10)
CASES = [
    ({}, {}, "subject", 600),
    ({"subject": "физика"}, {}, "subject", 450),  # same group: физика, математика, информатика
    ({"subject": "музыка"}, {}, "subject", 0),
    # a subject-bound difficulty counts for the same or a related subject only
    ({"difficulties": ["подготовка к ОГЭ/ЕГЭ и олимпиадам", "работа с родителями"]},
     {"competences": ["подготовка к ОГЭ/ЕГЭ и олимпиадам", "работа с родителями"]}, "difficulties", 400),
    ({"subject": "физика", "difficulties": ["подготовка к ОГЭ/ЕГЭ и олимпиадам", "работа с родителями"]},
     {"competences": ["подготовка к ОГЭ/ЕГЭ и олимпиадам", "работа с родителями"]}, "difficulties", 400),
    ({"subject": "английский язык", "difficulties": ["подготовка к ОГЭ/ЕГЭ и олимпиадам", "работа с родителями"]},
     {"competences": ["подготовка к ОГЭ/ЕГЭ и олимпиадам", "работа с родителями"]}, "difficulties", 200),
    ({"subject": "английский язык", "difficulties": ["современный урок", "рабочие программы и ФГОС/ФОП",
                                                     "оценивание образовательных результатов", "аттестация"]},
     {"competences": ["современный урок", "рабочие программы и ФГОС/ФОП", "оценивание образовательных результатов",
                      "аттестация"]}, "difficulties", 100),
    ({"difficulties": ["работа с родителями", "аттестация"]}, {}, "difficulties", 200),
    ({"difficulties": ["работа с родителями", "аттестация", "документация"]}, {}, "difficulties", 133),
    ({"levels": ["основное общее", "среднее общее"]}, {}, "levels", 50),
    ({}, {"years": 22}, "experience", 80),
    ({}, {"years": 4 + 1}, "experience", 0),  # gap 4 < best_gap_min 5
    ({}, {"years": 40}, "experience", 0),  # gap 39 > best_gap_max 30
    ({}, {"category": "высшая"}, "category", 60),
    ({}, {"category": "первая"}, "category", 30),
    ({"preferred_form": "виртуальная"}, {"preferred_forms": ["виртуальная"]}, "form", 50),
    ({"preferred_form": "виртуальная"}, {"preferred_forms": ["групповая"]}, "form", 0),
    ({"timetable": ["пн", "ср"]}, {"timetable": ["ср"]}, "timetable", 50),
    ({"timetable": ["пн"]}, {"timetable": ["вт"]}, "timetable", 0),
    ({"preferred_mentor": "Петрова Галина Викторовна"}, {}, "preferred", 600),
    ({"preferred_mentor": "петрова г.в."}, {}, "preferred", 600),
    ({"preferred_mentor": "T@S.example"}, {}, "preferred", 600),
    ({"preferred_mentor": "Петровой Галине Викторовне"}, {}, "preferred", 600),  # any case
    ({"preferred_mentor": "Г. В. Петрова"}, {}, "preferred", 600),
    ({"preferred_mentor": "Галина Петрова"}, {}, "preferred", 600),
    ({"preferred_mentor": "Петрову"}, {}, "preferred", 600),  # a surname alone, unique in the bank
    ({"preferred_mentor": "Сидорова Анна"}, {}, "preferred", 0),
    ({}, {"trained": True}, "trained", 40),
]


@pytest.mark.parametrize("mentee_changes, mentor_changes, part, expected", CASES)
def test_score_parts(mentee_changes, mentor_changes, part, expected):
    assert score(mentee(**mentee_changes), mentor(**mentor_changes))[part] == expected


def test_min_gap_excludes_the_pair():
    scorer = build_scorer(encode(pd.DataFrame([mentee(years=20)]), False),
                          encode(pd.DataFrame([mentor(years=22)]), True), S, None)
    assert scorer.rows([0])[0, 0] < 0
    assert scorer.pair_rule(0, 0) == "gap"


@pytest.mark.parametrize("n, expected", [(1, "год"), (2, "года"), (5, "лет"), (11, "лет"), (21, "год"),
                                         (22, "года"), (14, "лет"), (112, "лет")])
def test_plural_years(n, expected):
    assert plural(n, ("год", "года", "лет")) == expected


@pytest.mark.parametrize("value, text", [(725, "72,5"), (40, "4,0"), (0, "0,0")])
def test_points(value, text):
    assert points(value) == text


def test_shortfall_text():
    assert shortfall_reason("физика", 3, 1) == "нет свободных наставников по предмету «физика»: 3 наставляемых, 1 место"
    assert shortfall_reason("химия", 1, 0) == "нет свободных наставников по предмету «химия»: 1 наставляемый, 0 мест"


def test_reasons_name_every_part_in_russian():
    me = mentee(difficulties=["работа с родителями", "оценивание образовательных результатов", "аттестация"],
                levels=["основное общее", "среднее общее"], timetable=["пн", "ср"],
                preferred_form="традиционная (один на один)")
    mo = mentor(competences=["оценивание образовательных результатов", "работа с родителями"],
                levels=["основное общее", "среднее общее"], category="высшая", timetable=["ср", "пт"],
                preferred_forms=["традиционная (один на один)"], trained=True)
    out = propose_pairs(pd.DataFrame([me]), pd.DataFrame([mo]), S).frame.iloc[0]
    assert out["reasons"] == (
        "совпадает предмет: математика; компетенции наставника соответствуют затруднениям: работа с родителями, "
        "оценивание образовательных результатов; нет в компетенциях наставника: аттестация; "
        "уровень образования: основное общее, среднее общее; "
        "стаж наставника 22 года; категория: высшая; форма: традиционная (один на один); общие дни: ср; "
        "прошёл(ла) обучение для наставников"
    )
    assert out["score"] == "124,7"  # 60 + 26.7 + 10 + 8 + 6 + 5 + 5 + 4 (+ 0 preferred)
    assert out["status"] == "предложено"
    assert out["alternatives"] == "других подходящих наставников со свободными местами нет"


def test_related_subject_and_alternatives_text():
    mentors = pd.DataFrame([
        mentor(email="a@s.example", full_name="Антонова Анна Ивановна", subject="физика"),
        mentor(email="b@s.example", full_name="Белова Вера Ивановна", subject="информатика", category="высшая"),
        mentor(email="c@s.example", full_name="Смирнова Ольга Ивановна", subject="музыка"),
    ])
    out = propose_pairs(pd.DataFrame([mentee()]), mentors, S).frame.iloc[0]
    assert out["mentor_email"] == "b@s.example"
    assert out["reasons"].startswith("смежный предмет: информатика; компетенции наставника соответствуют затруднениям: "
                                     "работа с родителями")
    assert out["alternatives"] == "Антонова Анна Ивановна (a@s.example) — 103,0; Смирнова Ольга Ивановна (c@s.example) — 58,0"


UNMATCHED = [
    # (mentee changes, mentor changes, forbidden rule or None, expected reason start)
    ({"years": 21}, {}, None, "все наставники исключены правилом: наставник опытнее менее чем на 3 года"),
    ({}, {"years": 4}, None, "все наставники исключены правилом: стаж наставника меньше 5 лет"),
    ({}, {"free": 0}, None, "все наставники исключены правилом: у наставника нет свободных мест"),
    ({}, {}, "rejected", "все наставники исключены правилом: пара отклонена куратором"),
    ({}, {}, "ended", "все наставники исключены правилом: пара уже была и завершена или прекращена"),
    ({"subject": "музыка", "difficulties": ["аттестация", "работа с родителями", "документация", "профессиональное выгорание"],
      "levels": ["начальное общее"]},
     {"category": "без категории"}, None, "все наставники исключены правилом: меньше 20,0 баллов"),
    ({"subject": "музыка", "difficulties": ["подготовка к ОГЭ/ЕГЭ и олимпиадам"]},
     {"competences": ["подготовка к ОГЭ/ЕГЭ и олимпиадам", "аттестация"]}, None,
     "все наставники исключены правилом: другой предмет, а затруднений, не связанных с предметом, наставник не закрывает"),
]


@pytest.mark.parametrize("mentee_changes, mentor_changes, rule, expected", UNMATCHED)
def test_unmatched_reason_names_the_rule(mentee_changes, mentor_changes, rule, expected):
    forbidden = pd.DataFrame([("m@s.example", "t@s.example", rule)], columns=["mentee_email", "mentor_email", "rule"]) if rule else None
    out = propose_pairs(pd.DataFrame([mentee(**mentee_changes)]), pd.DataFrame([mentor(**mentor_changes)]), S,
                        forbidden).frame.iloc[0]
    assert out["status"] == "нет пары"
    assert out["reasons"] == expected + "; нужна психолого-педагогическая поддержка; подбор повторится при следующем запуске"


def test_capacity_shortfall_by_subject():
    mentees = pd.DataFrame([mentee(email=f"m{i}@s.example", subject="физика") for i in range(3)])
    mentors = pd.DataFrame([mentor(subject="физика", capacity=1, free=1)])
    frame = propose_pairs(mentees, mentors, S).frame
    assert (frame["status"] == "нет пары").sum() == 2
    assert set(frame.loc[frame["status"] == "нет пары", "reasons"].str.split(";").str[0]) == {
        "нет свободных наставников по предмету «физика»: 3 наставляемых, 1 место"
    }


def test_training_required_is_a_hard_rule():
    settings = MatchingSettings.from_section({"require_training": True})
    out = propose_pairs(pd.DataFrame([mentee()]), pd.DataFrame([mentor(trained=False)]), settings).frame.iloc[0]
    assert out["reasons"].startswith("все наставники исключены правилом: наставник не прошёл обучение для наставников")


def test_nobody_mentors_themself():
    out = propose_pairs(pd.DataFrame([mentee(email="same@s.example")]),
                        pd.DataFrame([mentor(email="same@s.example")]), S).frame.iloc[0]
    assert out["reasons"].startswith("все наставники исключены правилом: нельзя быть наставником самому себе")
