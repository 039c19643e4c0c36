"""The vocabulary is data: a value added to any choice list reaches the dropdowns, validation and
matching, and the whole nightly runs on the sample with people who chose the new values.

Code names the values it relies on by constant (`sheets_schema.vocabulary`); nothing is sized for
today's lists — a 12th difficulty once crashed matching with an IndexError.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobs.config import MatchingSettings
from jobs.nightly import NightlySettings, nightly
from jobs.sample import generate
from sheets_schema import questionnaires, ru, vocabulary
from tests.workspaces import NOW, TODAY, column_values, local_workspace

# One new value for every choice list (no commas: Google Forms joins checkbox answers with ", ").
NEW = {
    "difficulties": "проектная и исследовательская деятельность",
    "subjects": "астрономия",
    "levels": "дополнительное образование детей",
    "categories": "педагог-исследователь",
    "forms": "сетевая",
    "days": "вс",
    "yes_no": "не знаю",
    "roles": "куратор",
    "proposal_statuses": "на согласовании",
    "pair_statuses": "приостановлена",
    "roadmap_statuses": "отменено",
}


def test_every_value_code_relies_on_is_in_its_list():
    named = {
        "forms": ["FORM_ONE_TO_ONE", "FORM_GROUP"],
        "categories": ["CATEGORY_NONE", "CATEGORY_COMPLIANCE", "CATEGORY_FIRST", "CATEGORY_HIGHEST",
                       "CATEGORY_METHODIST", "CATEGORY_MENTOR"],
        "levels": ["LEVEL_PRIMARY"],
        "yes_no": ["ANSWER_YES", "ANSWER_NO"],
        "roles": ["ROLE_MENTOR", "ROLE_MENTEE"],
        "proposal_statuses": ["PROPOSAL_STATUS_PROPOSED", "PROPOSAL_STATUS_APPROVED", "PROPOSAL_STATUS_REJECTED",
                              "PROPOSAL_STATUS_NO_PAIR"],
        "pair_statuses": ["PAIR_STATUS_APPROVED", "PAIR_STATUS_ORDERED", "PAIR_STATUS_FINISHED",
                          "PAIR_STATUS_STOPPED"],
        "roadmap_statuses": ["ROADMAP_STATUS_PLANNED", "ROADMAP_STATUS_IN_PROGRESS", "ROADMAP_STATUS_DONE",
                             "ROADMAP_STATUS_OVERDUE"],
    }
    for key, names in named.items():
        for name in names:
            assert getattr(vocabulary, name) in vocabulary.LISTS[key], (key, name)
    assert set(vocabulary.LIVE_PAIR_STATUSES) | set(vocabulary.ENDED_PAIR_STATUSES) == set(vocabulary.PAIR_STATUSES)
    assert ru.LISTS is vocabulary.LISTS and ru.FORMS is vocabulary.FORMS  # `ru` re-exports the vocabulary
    for key, values in vocabulary.LISTS.items():
        assert len(set(values)) == len(values) and not any("," in v for v in values), key


def test_code_takes_no_choice_value_by_position():
    """No `FORMS[1]`, `PAIR_STATUSES[0]`, `DAYS[:5]`… in the product: a value code needs has a name."""
    root = Path(__file__).resolve().parents[1]
    lists = "|".join(name for name in dir(vocabulary) if name.isupper() and isinstance(getattr(vocabulary, name), list))
    at = r"\[(?:-?\d+|-?\d*:-?\d*)\]"  # an index or a slice by number
    pattern = re.compile(rf"\b(?:{lists}){at}|\bLISTS\[[^]]+\]{at}")
    found = [f"{path.relative_to(root)}:{n}" for folder in ("sheets_schema", "sync", "jobs")
             for path in sorted((root / folder).rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []


class _Extension:
    """Every choice list with one more value (at its end, as a school would add one)."""

    def __init__(self) -> None:
        self.on = False

    def __call__(self) -> dict[str, str]:
        for key, value in NEW.items():
            vocabulary.LISTS[key].append(value)
        questionnaires._normalised_options.cache_clear()  # the only thing derived from the lists once
        self.on = True
        return NEW

    def undo(self) -> None:
        if self.on:
            for key, value in NEW.items():
                vocabulary.LISTS[key].remove(value)
            questionnaires._normalised_options.cache_clear()
            self.on = False


@pytest.fixture
def extend():
    """Call it to add the values of `NEW`; they are taken out again after the test."""
    extension = _Extension()
    yield extension
    extension.undo()


def _clean(row: dict[str, str], **values: str) -> dict[str, str]:
    row = dict(row)
    row.update(values)
    row["email"] = row["email"].strip().casefold()
    row.pop("preferred_mentor", None)
    return row


@pytest.mark.parametrize("workspace_made", ["after", "before"])
def test_a_value_added_to_every_list_runs_the_whole_nightly_on_the_sample(tmp_path, extend, workspace_made):
    """``after``: a new workspace of the larger vocabulary; ``before``: a workspace made before the
    values were added, whose «Списки» the nightly's upgrade step completes."""
    new = NEW
    if workspace_made == "after":
        extend()
    sample = generate(150, 1, TODAY)
    broken = {(e.tab, e.row) for e in sample.errors}
    mentor_at = next(i for i, r in enumerate(sample.mentors)
                     if ("mentors", i + 2) not in broken and r["pd_consent"] and r["duty_consent"])
    mentee_at = [i for i, r in enumerate(sample.mentees) if ("mentees", i + 2) not in broken and r["pd_consent"]][:2]
    mentor = sample.mentors[mentor_at] = _clean(
        sample.mentors[mentor_at], subject=new["subjects"], levels=new["levels"], years="30",
        category=new["categories"], competences=f"{new['difficulties']}, {vocabulary.DIFFICULTIES[0]}",
        preferred_forms=new["forms"], timetable=new["days"], capacity="3", trained=vocabulary.ANSWER_YES)
    mentees = []
    for i in mentee_at:
        sample.mentees[i] = _clean(
            sample.mentees[i], subject=new["subjects"], levels=new["levels"], years="1",
            difficulties=new["difficulties"], preferred_form=new["forms"], timetable=new["days"])
        mentees.append(sample.mentees[i]["email"])
    ws = local_workspace(tmp_path, sample=sample)
    if workspace_made == "before":
        extend()
    assert len(vocabulary.DIFFICULTIES) == 12

    result = nightly(ws, NightlySettings(matching=MatchingSettings.default()), now=NOW)

    assert [s.job for s in result.steps] == ["upgrade", "ingest", "validate", "match", "roadmap", "completion", "monitor"]
    assert {s.job: s.exit_code for s in result.steps} == dict.fromkeys(
        ["upgrade", "ingest", "validate", "match", "roadmap", "completion", "monitor"], 0), [s.errors for s in result.steps]
    assert result.exit_code == 0
    # validation took the new values as list values
    mentee_status = dict(zip(column_values(ws.path, "Наставляемые", "E-mail").values(),
                             column_values(ws.path, "Наставляемые", "Статус").values()))
    mentor_status = dict(zip(column_values(ws.path, "Наставники", "E-mail").values(),
                             column_values(ws.path, "Наставники", "Статус").values()))
    assert [mentee_status[e] for e in mentees] == ["OK", "OK"]
    assert mentor_status[mentor["email"]] == "OK"
    # the «Списки» tab offers them in the dropdowns
    for key, value in new.items():
        assert value in column_values(ws.path, ru.TABS["lists"], ru.LIST_TITLES[key]).values(), key
    # matching scored them: both mentees get the one mentor who shares all the new values
    proposed = dict(zip(column_values(ws.path, "Предложения", "Наставляемый (e-mail)").values(),
                        zip(column_values(ws.path, "Предложения", "Наставник (e-mail)").values(),
                            column_values(ws.path, "Предложения", "Статус").values(),
                            column_values(ws.path, "Предложения", "Обоснование").values())))
    for email in mentees:
        mentor_email, status, reasons = proposed[email]
        assert (mentor_email, status) == (mentor["email"], vocabulary.PROPOSAL_STATUS_PROPOSED)
        assert f"компетенции наставника соответствуют затруднениям: {new['difficulties']}" in reasons
        assert f"совпадает предмет: {new['subjects']}" in reasons
        assert f"форма: {new['forms']}" in reasons and f"общие дни: {new['days']}" in reasons
        assert f"уровень образования: {new['levels']}" in reasons


def test_the_shared_texts_are_gathered_from_their_features_with_no_key_twice():
    from sheets_schema.ru import init, privacy, restore, run, workbook

    features = [workbook.TEXT, run.TEXT, init.TEXT, restore.TEXT, privacy.TEXT]
    assert sum(len(t) for t in features) == len(ru.TEXT)
    assert ru.TEXT["missing_tab"] == workbook.TEXT["missing_tab"]
    assert ru.TEXT["restore_done"] == restore.TEXT["restore_done"]
    assert not set(ru.MATCHING) & {"approved", "pair_approved"}  # statuses are vocabulary, not texts
