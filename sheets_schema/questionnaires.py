"""The questionnaires (the banks', monitoring, the mentee's self-assessment), declared beside the tables they feed, and what `ingest` remembers.

Each `Question` feeds one column of its table (``column``); its choices are a key of `ru.LISTS`,
the same list the sheet's dropdown uses, so a form and a sheet can never offer different values.
Titles live in `ru.QUESTIONNAIRES`. On a Google form answers are matched by question id (recorded
when the form was created), in an export file by title — the question's title, or the header of
the column it feeds, or one of their earlier versions, compared like headers
(`grid.normalise_header`).

`IngestState` is the content of the hidden service tab «Анкеты (служебный)»: the forms and their
question ids, the watermark of each questionnaire, every processed response (id → version; an
edited response is a new version of the same id) and, per person, a short hash of each value
`ingest` last wrote — a cell whose hash differs was changed by staff since.

Pure: no I/O.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from sheets_schema import ru
from sheets_schema.grid import RowRef, TableData
from sheets_schema.parsing import clean, normalise_choice
from sheets_schema.tables import FORM, INGEST_STATE, MENTEES, MENTORS, MONITORING, SELF_ASSESSMENT, Table
from sheets_schema.tables import MENTOR_REPORTS

# Question kinds (how a question is asked; the column's kind says how its cell is checked).
TEXT = "text"
PARAGRAPH = "paragraph"
EMAIL = "email"  # the respondent's address: Google's own e-mail field on a Google form
RADIO = "radio"
DROPDOWN = "dropdown"
CHECKBOX = "checkbox"
SCALE = "scale"
CONSENT = "consent"  # «да»/«нет»; «да» sets the column (a date) to the response's date

SEPARATOR = ", "  # how Google Forms joins checkbox answers, and how multi-choice cells are written


@dataclass(frozen=True)
class Question:
    key: str  # key of ru.QUESTIONNAIRES for the title; also the column it feeds unless `column`
    kind: str
    required: bool = False
    choices: str | None = None  # key of ru.LISTS
    other_column: str | None = None  # a CHECKBOX with «другое»: answers outside the list go here
    low: int = 1
    high: int = 10
    feeds: str | None = None

    @property
    def column(self) -> str:
        return self.feeds or self.key

    @property
    def title(self) -> str:
        return ru.QUESTIONNAIRES[self.key]

    @property
    def help(self) -> str:
        return ru.QUESTIONNAIRES.get(self.key + "_help", "")

    @property
    def options(self) -> list[str]:
        if self.kind == CONSENT:
            return list(ru.LISTS["yes_no"])
        return list(ru.LISTS[self.choices]) if self.choices else []

    def titles(self) -> list[str]:
        """Texts an export column may carry for this question: its title, its column's header,
        and the titles and headers earlier versions gave them (`ru.OLD_QUESTIONS`,
        `ru.OLD_HEADERS`) — an export of a form made with an old title is still read."""
        found = [self.title, ru.HEADERS.get(self.column, ""), *ru.OLD_QUESTIONS.get(self.key, ()),
                 *ru.OLD_HEADERS.get(self.column, ())]
        if self.kind == EMAIL:
            found += ru.EXPORT_HEADERS["email"]
        return list(dict.fromkeys(t for t in found if t))


@dataclass(frozen=True)
class Questionnaire:
    key: str  # "mentee", "mentor", "monitoring"
    table: Table
    questions: tuple[Question, ...]

    @property
    def title(self) -> str:
        return ru.QUESTIONNAIRES[f"{self.key}_title"]

    @property
    def description(self) -> str:
        return ru.QUESTIONNAIRES[f"{self.key}_description"]

    @property
    def file_name(self) -> str:
        return ru.QUESTIONNAIRES[f"{self.key}_file"]

    @property
    def is_bank(self) -> bool:
        return self.table.key in (MENTEES.key, MENTORS.key)

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(key)

    @property
    def form_questions(self) -> tuple[Question, ...]:
        """The questions that are items of a Google form (the e-mail is the form's own field)."""
        return tuple(q for q in self.questions if q.kind != EMAIL)

    def columns(self) -> list[str]:
        """Every column this questionnaire writes."""
        out = []
        for q in self.questions:
            out.append(q.column)
            if q.other_column:
                out.append(q.other_column)
        return out


def _profile() -> list[Question]:
    return [
        Question("email", EMAIL, required=True),
        Question("full_name", TEXT, required=True),
        Question("position", TEXT, required=True),
        Question("subject", DROPDOWN, required=True, choices="subjects"),
        Question("levels", CHECKBOX, required=True, choices="levels"),
        Question("years", TEXT, required=True),
        Question("category", RADIO, choices="categories"),
        Question("young", RADIO, choices="yes_no"),
    ]


MENTEE_FORM = Questionnaire("mentee", MENTEES, tuple(_profile() + [
    Question("difficulties", CHECKBOX, required=True, choices="difficulties", other_column="other_difficulty"),
    Question("preferred_form", RADIO, choices="forms"),
    Question("preferred_mentor", TEXT),
    Question("timetable", CHECKBOX, choices="days"),
    Question("pd_consent", CONSENT, required=True),
]))

MENTOR_FORM = Questionnaire("mentor", MENTORS, tuple(_profile() + [
    Question("competences", CHECKBOX, required=True, choices="difficulties"),
    Question("capacity", TEXT, required=True),
    Question("preferred_forms", CHECKBOX, choices="forms"),
    Question("timetable", CHECKBOX, choices="days"),
    Question("motivation", PARAGRAPH),
    Question("past_mentoring", PARAGRAPH),
    Question("pd_consent", CONSENT, required=True),
    Question("duty_consent", CONSENT, required=True),
]))

MONITORING_FORM = Questionnaire("monitoring", MONITORING, (
    Question("email", EMAIL, required=True),
    Question("role", RADIO, required=True, choices="roles"),
    Question("partner_email", TEXT, required=True),
    *(Question(key, SCALE, required=True) for key in
      ("comfort", "usefulness", "clarity", "expectations", "satisfaction", "continue_wish")),
    Question("difficulties_closed", CHECKBOX, choices="difficulties"),
))

# Issue 19: the mentee's self-assessment, answered at the start and at the end of the programme —
# one 1–10 scale per difficulty of the vocabulary (a new difficulty is a new question), none
# required (a mentee rates the difficulties that are theirs), and the self-analysis in words
# (at the end; the programme document can take it). Which of the two times an answer is, `ingest`
# tells from its date within the pair's term (`jobs.self_assessment.stage_of`).
SELF_ASSESSMENT_FORM = Questionnaire("self_assessment", SELF_ASSESSMENT, (
    Question("email", EMAIL, required=True),
    *(Question(ru.evaluation.self_key(d), SCALE) for d in ru.DIFFICULTIES),
    Question("self_analysis", PARAGRAPH),
))

# Issue 19: the mentor's final report (section 9.1 of the programme): the mentor's e-mail (the
# form's own field), the mentee(s) by name or e-mail — needed only by a mentor of several pairs —
# and the report in words; no personal data beyond the pair's (`jobs.mentor_report`).
MENTOR_REPORT_FORM = Questionnaire("mentor_report", MENTOR_REPORTS, (
    Question("email", EMAIL, required=True),
    Question("report_mentees", TEXT),
    Question("report_done", PARAGRAPH, required=True),
    Question("report_results", PARAGRAPH),
    Question("report_overcome", PARAGRAPH),
    Question("report_remaining", PARAGRAPH),
    Question("report_recommendations", PARAGRAPH),
))

QUESTIONNAIRES: tuple[Questionnaire, ...] = (MENTEE_FORM, MENTOR_FORM, MONITORING_FORM, SELF_ASSESSMENT_FORM,
                                             MENTOR_REPORT_FORM)


def questionnaire(key: str) -> Questionnaire:
    for q in QUESTIONNAIRES:
        if q.key == key:
            return q
    raise KeyError(key)


def _check_schema() -> None:
    """Every question feeds a column of its table that questionnaires own (import-time check)."""
    for form in QUESTIONNAIRES:
        for column in form.columns():
            col = form.table.column(column)  # KeyError names a question without its column
            if form.is_bank and col.owner != FORM:
                raise ValueError(f"{form.key}: column {column!r} is not questionnaire-owned")


_check_schema()


# --- responses -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Response:
    """One response, whatever it came from, with answers by question key.

    ``version`` changes when the author edits the response (Google's ``lastSubmittedTime``; an
    export row's timestamp); ``asked`` are the questions the source had — a question missing
    from an export file leaves its column untouched, an unanswered one clears it. ``complete``
    is False when the source had a column it could not take (a header that names no question):
    its version differs from the complete one, so the response is taken again once the file is
    fixed, and a complete copy wins over it. ``notes`` are the source's remarks to report when the
    response is taken (a header taken as a question); ``row`` is its row in an export file.
    """

    questionnaire: str
    response_id: str
    version: str
    submitted: dt.datetime  # local time of the school, naive
    email: str
    answers: Mapping[str, tuple[str, ...]]
    asked: frozenset[str]
    source: str = ""  # a file name or a form id, for messages
    row: int = 0  # the row of an export file (1 is the header); 0: not from a file
    complete: bool = True
    notes: tuple[str, ...] = ()


@dataclass
class ResponseBatch:
    """What a backend read for one questionnaire: responses, problems (Russian), new watermark."""

    responses: list[Response] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    watermark: str | None = None


@dataclass(frozen=True)
class FormLink:
    """A questionnaire's Google form: its id, responder URL and the id of each question."""

    form_id: str
    url: str = ""
    question_ids: Mapping[str, str] = field(default_factory=dict)  # question key → questionId


def normalise_email(text: str) -> str:
    """How a person is recognised: the address trimmed and case-folded (NBSP and NFC too)."""
    return clean(text).casefold()


@lru_cache(maxsize=None)
def _normalised_options(choices: str | None) -> dict[str, str]:
    return {normalise_choice(c): c for c in (ru.LISTS[choices] if choices else [])}


_ITEM_SEPARATORS = re.compile(r"([,;\n])")


def split_checkbox(text: str, listed: Mapping[str, str]) -> list[str]:
    """The items of one export cell of a checkbox question with «другое».

    Google Forms joins the chosen options with ", " and puts the «другое» text among them as
    typed; staff also separate options with ";" or line breaks. Options of the list (`listed`:
    normalised → option) and «другое» split the text; what lies between two of them is ONE
    «другое» answer, kept as typed — its commas and line breaks included.
    """
    other = normalise_choice(ru.QUESTIONNAIRES["other"])
    parts = _ITEM_SEPARATORS.split(clean(text))
    items: list[str] = []
    run: str | None = None
    for i in range(0, len(parts), 2):
        piece = parts[i]
        norm = normalise_choice(piece)
        if norm in listed or norm == other:
            if run is not None and clean(run):
                items.append(clean(run))
            items.append(clean(piece))
            run = None
        elif run is None:
            run = piece if clean(piece) else None
        else:
            run += parts[i - 1] + piece
    if run is not None and clean(run):
        items.append(clean(run))
    return items


def cell_values(form: Questionnaire, response: Response) -> dict[str, str]:
    """The cells a response sets, by column key: raw answers as given, lists joined by ", ".

    Consent questions give «да»/«нет» as answered (the job turns them into dates); answers to a
    checkbox with «другое» that are not in its list go to the question's other column.
    """
    out: dict[str, str] = {}
    for q in form.questions:
        if q.key not in response.asked:
            continue
        if q.kind == EMAIL:
            out[q.column] = response.email
            continue
        values = [v for v in response.answers.get(q.key, ()) if clean(v)]
        if q.other_column:
            listed = _normalised_options(q.choices)
            items = split_checkbox(values[0], listed) if len(values) == 1 else [clean(v) for v in values]
            known = [listed[normalise_choice(i)] for i in items if normalise_choice(i) in listed]
            other = [i for i in items if normalise_choice(i) not in listed and
                     normalise_choice(i) != normalise_choice(ru.QUESTIONNAIRES["other"])]
            out[q.column] = SEPARATOR.join(known)
            out[q.other_column] = SEPARATOR.join(other)
        else:
            out[q.column] = SEPARATOR.join(values)
    return out


# --- the service tab ---------------------------------------------------------------------------
FORM_RECORD = "form"
QUESTION_RECORD = "question"
WATERMARK_RECORD = "watermark"
RESPONSE_RECORD = "response"
PERSON_RECORD = "person"
UNKNOWN_HASH = "*"  # a value ingest never wrote (typed by staff): always "changed by staff"


def value_hash(value: str) -> str:
    """A short hash of a cell's text; empty for an empty cell (so a cleared cell is seen)."""
    text = clean(value)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8] if text else ""


def encode_hashes(hashes: Mapping[str, str]) -> str:
    return ";".join(f"{k}={v}" for k, v in sorted(hashes.items()))


def decode_hashes(text: str) -> dict[str, str]:
    out = {}
    for part in str(text or "").split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            out[key.strip()] = value.strip()
    return out


@dataclass
class IngestState:
    """The service tab as read: records and where each is, to update it in place."""

    links: dict[str, FormLink] = field(default_factory=dict)
    watermarks: dict[str, str] = field(default_factory=dict)
    responses: dict[tuple[str, str], str] = field(default_factory=dict)  # (form, id) → version
    persons: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (table, email) → hashes
    refs: dict[tuple[str, str, str], RowRef] = field(default_factory=dict)  # (record, form, key) → row
    values: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @classmethod
    def read(cls, data: TableData) -> "IngestState":
        state = cls()
        forms: dict[str, tuple[str, str]] = {}
        questions: dict[str, dict[str, str]] = {}
        for row, rec in sorted(data.records.items()):
            kind, form, key, value = (clean(rec.get(k, "")) for k in
                                      ("record", "questionnaire", "record_key", "record_value"))
            ident = (kind, form, key)
            if ident in state.refs:  # a repeated record: the first one counts
                continue
            state.refs[ident] = data.refs[row]
            state.values[ident] = value
            if kind == FORM_RECORD:
                forms[form] = (key, value)
            elif kind == QUESTION_RECORD:
                questions.setdefault(form, {})[key] = value
            elif kind == WATERMARK_RECORD:
                state.watermarks[form] = value
            elif kind == RESPONSE_RECORD:
                state.responses[(form, key)] = value
            elif kind == PERSON_RECORD:
                state.persons[(form, key)] = decode_hashes(value)
        for form, (form_id, url) in forms.items():
            state.links[form] = FormLink(form_id, url, questions.get(form, {}))
        return state

    def processed(self, response: Response) -> bool:
        return self.responses.get((response.questionnaire, response.response_id)) == response.version


def state_row(kind: str, form: str, key: str, value: str) -> dict[str, str]:
    """A row of the service tab."""
    return {"record": kind, "questionnaire": form, "record_key": key, "record_value": value}


def link_rows(form: str, link: FormLink) -> list[dict[str, str]]:
    """The service-tab rows recording a questionnaire's form and its question ids."""
    rows = [state_row(FORM_RECORD, form, link.form_id, link.url)]
    rows += [state_row(QUESTION_RECORD, form, key, qid) for key, qid in link.question_ids.items()]
    return rows


def by_key(items: Iterable[Questionnaire]) -> dict[str, Questionnaire]:
    return {q.key: q for q in items}


__all__ = [
    "CHECKBOX", "CONSENT", "DROPDOWN", "EMAIL", "PARAGRAPH", "RADIO", "SCALE", "TEXT",
    "FormLink", "IngestState", "Question", "Questionnaire", "QUESTIONNAIRES", "Response",
    "ResponseBatch", "INGEST_STATE", "MENTEE_FORM", "MENTOR_FORM", "MONITORING_FORM", "SELF_ASSESSMENT_FORM",
    "MENTOR_REPORT_FORM",
    "cell_values", "link_rows", "normalise_email", "questionnaire", "state_row", "value_hash",
]
