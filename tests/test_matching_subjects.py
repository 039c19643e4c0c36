"""Issue 18, item 1: matching respects subjects.

A subject-bound difficulty (working programmes, the lesson, assessment, exam preparation) counts
only for a mentor of the same or a related subject; a pair of unrelated subjects is proposed only
on general difficulties and says so; the reasons name what does not match. On the sample a new
user gets (seeds 1–5, the sizes the sample tests use) no proposal joins unrelated subjects while
a mentor of the same or a related subject who could take that mentee still has a free place.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jobs.config import SPEC, MatchingSettings
from jobs.match import match
from jobs.matching import propose_pairs
from jobs.matching.scoring import build_scorer, pts
from sheets_schema import vocabulary
from tests.workspaces import NOW, column_values, sample_workspace

S = MatchingSettings.default()
EXAMS = vocabulary.DIFFICULTY_EXAMS
PARENTS = vocabulary.DIFFICULTY_PARENTS


def mentee(**kw):
    row = {"email": "m@s.example", "full_name": "Иванова Мария Петровна", "subject": "английский язык",
           "levels": ["основное общее"], "years": 1, "category": "без категории",
           "difficulties": [EXAMS, PARENTS], "preferred_form": None, "preferred_mentor": None, "timetable": []}
    row.update(kw)
    return row


def mentor(**kw):
    row = {"email": "t@s.example", "full_name": "Петрова Галина Викторовна", "subject": "изобразительное искусство",
           "levels": ["основное общее"], "years": 22, "category": "без категории", "competences": [EXAMS, PARENTS],
           "capacity": 1, "free": 1, "preferred_forms": [], "timetable": [], "trained": False}
    row.update(kw)
    return row


def test_the_vocabulary_declares_which_difficulties_are_bound_to_a_subject():
    assert {vocabulary.DIFFICULTY_PROGRAMMES, vocabulary.DIFFICULTY_LESSON, vocabulary.DIFFICULTY_ASSESSMENT,
            vocabulary.DIFFICULTY_EXAMS} <= vocabulary.SUBJECT_BOUND_DIFFICULTIES
    assert vocabulary.SUBJECT_BOUND_DIFFICULTIES <= set(vocabulary.DIFFICULTIES)
    assert {PARENTS, vocabulary.DIFFICULTY_BURNOUT, vocabulary.DIFFICULTY_ATTESTATION}.isdisjoint(
        vocabulary.SUBJECT_BOUND_DIFFICULTIES)
    assert all(s in vocabulary.SUBJECTS for group in vocabulary.SUBJECT_GROUPS for s in group)
    # the related groups are the default of [matching] subject_groups
    assert MatchingSettings.default().subject_groups == vocabulary.SUBJECT_GROUPS
    assert SPEC["matching"]["subject_groups"].default == [list(g) for g in vocabulary.SUBJECT_GROUPS]


def test_an_art_teacher_is_not_proposed_for_english_exam_preparation():
    """The issue's case: ИЗО mentoring English on «подготовка к ОГЭ/ЕГЭ» — only the general
    difficulty counts, and the reasons say plainly that the subject is another."""
    out = propose_pairs(pd.DataFrame([mentee()]), pd.DataFrame([mentor()]), S).frame.iloc[0]
    assert out["status"] == "предложено"
    assert out["reasons"].startswith(
        "другой предмет: изобразительное искусство (у наставляемого — английский язык); "
        "компетенции наставника соответствуют затруднениям: работа с родителями; "
        "не засчитаны (связаны с предметом, а предмет наставника другой): подготовка к ОГЭ/ЕГЭ и олимпиадам"
    )
    assert out["score"] == "38,0"  # 0 subject + 20 (1 of 2 difficulties) + 10 levels + 8 experience

    only_exams = propose_pairs(pd.DataFrame([mentee(difficulties=[EXAMS])]), pd.DataFrame([mentor()]), S).frame.iloc[0]
    assert only_exams["status"] == "нет пары"
    assert only_exams["reasons"].startswith(
        "все наставники исключены правилом: другой предмет, а затруднений, не связанных с предметом, "
        "наставник не закрывает")


def test_a_teacher_of_the_same_or_a_related_subject_covers_exam_preparation():
    same = propose_pairs(pd.DataFrame([mentee()]), pd.DataFrame([mentor(subject="английский язык")]), S).frame.iloc[0]
    assert same["reasons"].startswith("совпадает предмет: английский язык; компетенции наставника соответствуют "
                                      "затруднениям: подготовка к ОГЭ/ЕГЭ и олимпиадам, работа с родителями")
    assert same["score"] == "118,0"  # 60 + 40 + 10 + 8
    related = propose_pairs(pd.DataFrame([mentee()]), pd.DataFrame([mentor(subject="немецкий язык")]), S).frame.iloc[0]
    assert related["reasons"].startswith("смежный предмет: немецкий язык; компетенции наставника соответствуют "
                                         "затруднениям: подготовка к ОГЭ/ЕГЭ и олимпиадам, работа с родителями")
    assert related["score"] == "103,0"  # 45 + 40 + 10 + 8


def test_related_subjects_are_configurable():
    settings = MatchingSettings.from_section({"subject_groups": [["английский язык", "изобразительное искусство"]]})
    out = propose_pairs(pd.DataFrame([mentee()]), pd.DataFrame([mentor()]), settings).frame.iloc[0]
    assert out["reasons"].startswith("смежный предмет: изобразительное искусство; компетенции наставника "
                                     "соответствуют затруднениям: подготовка к ОГЭ/ЕГЭ и олимпиадам, работа с родителями")
    none = MatchingSettings.from_section({"subject_groups": []})
    out = propose_pairs(pd.DataFrame([mentee()]), pd.DataFrame([mentor(subject="немецкий язык")]), none).frame.iloc[0]
    assert out["reasons"].startswith("другой предмет: немецкий язык (у наставляемого — английский язык)")


def test_a_difficulty_added_to_the_list_and_not_declared_is_general(monkeypatch):
    added = "проектная деятельность"
    monkeypatch.setattr(vocabulary, "DIFFICULTIES", [*vocabulary.DIFFICULTIES, added])
    out = propose_pairs(pd.DataFrame([mentee(difficulties=[added])]),
                        pd.DataFrame([mentor(competences=[added])]), S).frame.iloc[0]
    assert out["status"] == "предложено"
    assert "компетенции наставника соответствуют затруднениям: проектная деятельность" in out["reasons"]


def test_reasons_name_the_level_and_the_days_that_do_not_match():
    out = propose_pairs(
        pd.DataFrame([mentee(subject="английский язык", levels=["основное общее", "среднее общее"], timetable=["пн"])]),
        pd.DataFrame([mentor(subject="английский язык", timetable=["ср", "пт"])]), S,
    ).frame.iloc[0]
    assert "уровень образования: основное общее; наставник не работает на уровне: среднее общее" in out["reasons"]
    assert "нет общего дня для встреч (у наставляемого: пн; у наставника: ср, пт)" in out["reasons"]


def _fits(settings: MatchingSettings, a: str, b: str) -> bool:
    """The same subject, or two subjects of one group of ``subject_groups`` (independent of the code)."""
    return bool(a) and bool(b) and (a == b or any(a in g and b in g for g in settings.subject_groups))


def cross_subject_with_room(outcome, settings: MatchingSettings) -> list[tuple[str, str, str]]:
    """The property, stated exactly. For every proposed pair (mentee i, mentor j) whose subjects
    neither match nor are related, where j is not i's preferred mentor: the mentors k of the
    same or a related subject as i who could take i — the pair (i, k) is allowed by every hard
    rule and scores at least ``min_score`` — and who still have a free place after all the
    proposals. Each such (i, j, k) is a violation; the list must be empty."""
    me, mo, assign = outcome.mentees, outcome.mentors, outcome.assign
    scorer = build_scorer(me, mo, settings, None)
    scores = scorer.rows(np.arange(len(me)))
    left = mo.free - np.bincount(assign[assign >= 0], minlength=len(mo))
    subject_of = lambda people, x: str(people.frame["subject"].iloc[x] or "")  # noqa: E731
    found = []
    for i, j in enumerate(assign.tolist()):
        if j < 0 or _fits(settings, subject_of(me, i), subject_of(mo, j)):
            continue
        if j in scorer.preferred.get(i, ()):
            continue  # the mentee asked for this mentor by name
        for k in range(len(mo)):
            if left[k] > 0 and scores[i, k] >= pts(settings.min_score) and _fits(settings, subject_of(me, i), subject_of(mo, k)):
                found.append((me.email[i], mo.email[j], mo.email[k]))
    return found


@pytest.mark.parametrize("count", [150, 200])
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_no_pair_of_unrelated_subjects_while_a_mentor_of_the_subject_has_room(tmp_path, seed, count):
    ws, _ = sample_workspace(tmp_path, count=count, seed=seed)
    result = match(ws, S, now=NOW)
    out = result.outcome
    assert out.proposed > 0.4 * count
    assert cross_subject_with_room(out, S) == []
    # each cross-subject proposal says so, and counts no subject-bound difficulty
    rows = out.frame.set_index("mentee_email")
    written = dict(zip(column_values(ws.path, "Предложения", "Наставляемый (e-mail)").values(),
                       column_values(ws.path, "Предложения", "Обоснование").values()))
    me, mo = out.mentees, out.mentors
    for i, j in enumerate(out.assign.tolist()):
        if j < 0:
            continue
        a, b = str(me.frame["subject"].iloc[i]), str(mo.frame["subject"].iloc[j])
        reasons = rows.at[me.email[i], "reasons"]
        assert written[me.email[i]] == reasons
        if _fits(S, a, b):
            continue
        assert f"другой предмет: {b} (у наставляемого — {a})" in reasons
        covered = [p for p in reasons.split("; ") if p.startswith("компетенции наставника соответствуют затруднениям: ")]
        assert covered, reasons
        assert not any(d in covered[0] for d in vocabulary.SUBJECT_BOUND_DIFFICULTIES), reasons
