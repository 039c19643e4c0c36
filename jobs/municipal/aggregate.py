"""One school's aggregates for the municipal report — what may leave the school's workspace.

`school_figures` reads a school's workspace once (nothing is written) and keeps only counts and
released bands, made by the code the school's own report and page use: `jobs.publish.school_indicators`
(banks, pairs, shares, young teachers, responses), `jobs.plan_progress.evaluate` (pairs on track,
behind, done) and `jobs.disclosure` (every average of answers a band, none from fewer than
``min_answers`` responses). No name, e-mail or text a person typed is kept: a `SchoolFigures` holds
numbers, the bands' fixed texts and the school's name from the municipal configuration.

Definitions are the school report's (`jobs.indicators`): mentees and mentors are the banks' rows
that pass validation with consent; young teachers are such rows flagged «до 35 лет», in mentoring
when they are a mentor or a mentee of a pair that is not «прекращена». The privacy threshold is
the larger of the municipality's and the school's own ``[privacy] min_answers``.

A school whose configuration or workspace cannot be read becomes `unreadable(...)`: its row says
why (e-mails masked), and the other schools go on (`gather`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.parsing import clean
from sheets_schema.rules import Limits
from sheets_schema.tables import BANKS, MONITORING, PAIRS, PLAN, PROPOSALS, ROADMAP
from sync.errors import EXIT_OK, EXIT_WORKSPACE, NastavnikError
from sync.factory import sheets_limiter
from sync.personal_data import mask_email
from sync.workspace import StructureError, Workspace
from jobs import disclosure
from jobs.disclosure import MIN_ANSWERS, Band
from jobs.indicators import QUESTIONS
from jobs.municipal.config import BrokenSchool, MunicipalConfig, SchoolEntry
from jobs.municipal.schools import open_school as open_entry
from jobs.plan_progress import DEFAULT_BEHIND_PERCENT, PlanOutcome, evaluate
from jobs.publish import school_indicators


@dataclass(frozen=True)
class QuestionFigure:
    """One question of the monitoring questionnaire at one school: its released band (None —
    fewer than the threshold) and the number of answers. `pooled` is the sum and count of the
    answers the band is made from — only ever used to release the municipality's band
    (`pooled_band`), never shown."""

    key: str
    band: Band | None
    answers: int
    pooled: tuple[int, int] = field(default=(0, 0), repr=False)


@dataclass(frozen=True)
class SharedPairs:
    """A school's network pairs with one partner school, counted in the mentor's school: the
    same pairs are on the partner's «Пары» too (and their plans, made by both schools' orders),
    so the municipality's totals take them once (`report`). Counts only."""

    partner: str  # the partner school's name as «Пары» gives it (trimmed, case-folded, ё → е)
    pairs: int  # live pairs («утверждена», «закреплена приказом»)
    plan: tuple[int, int, int, int] = (0, 0, 0, 0)  # with a plan, on track, behind, complete


def same_school(name: object) -> str:
    """A school's name as `SharedPairs.partner` holds it."""
    return " ".join(clean(name).casefold().replace("ё", "е").split())


@dataclass(frozen=True)
class SchoolFigures:
    """What the municipal report knows of one school (module docstring)."""

    key: str
    name: str
    min_answers: int = MIN_ANSWERS
    reason: str = ""  # why the school could not be read ("" — it was)
    exit_code: int = EXIT_OK  # the exit code of that failure (`sync.errors`)
    mentors: int = 0
    mentees: int = 0
    pairs_active: int = 0
    programmes_completed: int = 0
    with_pair: int = 0
    with_programme: int = 0
    young: int = 0
    young_in_mentoring: int = 0
    plan_read: bool = True  # «План мероприятий» could be read
    plan_pairs: int = 0  # pairs (not «прекращена») with a plan
    plan_on_track: int = 0
    plan_behind: int = 0
    plan_done: int = 0
    responses: int = 0
    questions: tuple[QuestionFigure, ...] = ()
    shared: tuple[SharedPairs, ...] = ()  # network pairs whose mentor is this school's

    @property
    def readable(self) -> bool:
        return not self.reason

    def question(self, key: str) -> QuestionFigure | None:
        return next((q for q in self.questions if q.key == key), None)


def pooled_band(figures: Iterable[QuestionFigure], min_answers: int = MIN_ANSWERS) -> Band | None:
    """The band of the mean over the answers each school released for one question: every school
    adds whole blocks of its own threshold only (`jobs.disclosure`), so the municipality's figure
    moves only when a school's figure may move, and never from fewer than `min_answers` answers."""
    total = count = answers = 0
    for q in figures:
        if q.band is None:
            continue
        total, count, answers = total + q.pooled[0], count + q.pooled[1], answers + q.band.answers
    if count < min_answers or not count:
        return None
    low, high = disclosure.BANDS[disclosure.band_index(total, count)]
    return Band(low, high, answers)


def _question(scores, key: str, min_answers: int, answers: int) -> QuestionFigure:
    rows = disclosure.question_rows(scores, key)
    band = disclosure.released(rows, min_answers)
    used = band.answers if band else 0
    values = [int(v) for row in rows[:used] for v in row]
    return QuestionFigure(key, band, answers, (sum(values), len(values)))


def school_figures(workspace: Workspace, key: str, name: str, today: dt.date, *, limits: Limits = Limits(),
                   min_answers: int = MIN_ANSWERS, behind_percent: int = DEFAULT_BEHIND_PERCENT) -> SchoolFigures:
    """The aggregates of one school (module docstring), read in one read; nothing is written.

    Raises `StructureError` when a tab the figures come from cannot be read as it should (a
    school without «План мероприятий» — made before issue 19 — is read, its plan figures left out).
    """
    tables = workspace.read([*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP, PLAN])
    problems = [p for t in (*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP) for p in tables[t.key].problems]
    if problems:
        raise StructureError(problems)
    _, checks, ind = school_indicators(tables, today, limits)
    mentors = checks.get("mentors")
    mentor_count = 0
    if mentors is not None:
        typed = mentors.typed
        mentor_count = len(set(typed.loc[(typed["status"] == ru.STATUS_OK) & typed["email"].notna(), "email"]))
    plan = evaluate(tables[PLAN.key], tables[PAIRS.key], today, behind_percent)
    with_plan, on_track, behind, done = plan.figures()
    own_mentors = set() if mentors is None else {
        str(e).casefold() for e in mentors.typed.loc[mentors.typed["status"] == ru.STATUS_OK, "email"].dropna()}
    return SchoolFigures(
        key=key, name=name, min_answers=min_answers, mentors=mentor_count, mentees=ind.mentees,
        pairs_active=ind.pairs_active, programmes_completed=ind.programmes_completed, with_pair=ind.with_pair,
        with_programme=ind.with_programme, young=ind.young, young_in_mentoring=ind.young_in_mentoring,
        plan_read=not plan.unreadable, plan_pairs=with_plan, plan_on_track=on_track, plan_behind=behind,
        plan_done=done, responses=ind.responses,
        questions=tuple(_question(ind.scores, q, min_answers, ind.per_question.get(q, (None, 0))[1])
                        for q in QUESTIONS),
        shared=_shared(tables[PAIRS.key].frame, own_mentors, plan),
    )


def _shared(pairs: pd.DataFrame, own_mentors: set[str], plan: PlanOutcome) -> tuple[SharedPairs, ...]:
    """The live network pairs whose mentor is in this school's bank, by partner school."""
    if "partner_school" not in pairs.columns or not len(pairs):
        return ()
    live = {same_school(s) for s in vocabulary.LIVE_PAIR_STATUSES}
    by_partner: dict[str, tuple[set[str], set[str]]] = {}  # partner → (live pairs, every pair)
    for pair_id, mentor, status, partner in zip(pairs.get("pair_id", ""), pairs.get("mentor_email", ""),
                                                pairs.get("status", ""), pairs["partner_school"]):
        if clean(partner) and clean(mentor).casefold() in own_mentors:
            running, every = by_partner.setdefault(same_school(partner), (set(), set()))
            every.add(clean(pair_id))
            if same_school(status) in live:
                running.add(clean(pair_id))
    out = []
    for partner, (running, every) in sorted(by_partner.items()):
        # the plan's figures count the pairs not «прекращена» (`PlanOutcome.active`), as the school's do
        figures = (0, 0, 0, 0) if plan.unreadable else \
            dataclasses.replace(plan, active=frozenset(plan.active & every)).figures()
        out.append(SharedPairs(partner, len(running), figures))
    return tuple(out)


def failure_reason(exc: BaseException) -> str:
    """Why a school could not be read, as its row says it: the project's own message (they name
    the file, tab or setting and the fix), an unexpected error by its kind; e-mails masked."""
    if isinstance(exc, (NastavnikError, OSError)):
        text = str(exc).strip() or type(exc).__name__
    else:
        text = ru.MUNICIPAL_REPORT["unexpected"].format(kind=type(exc).__name__)
    return mask_email(" ".join(text.split()))


def failure_code(exc: BaseException) -> int:
    """The exit code a failure of a school stands for (`sync.errors`: 1 structure, 2 config, 3 workspace)."""
    return exc.exit_code if isinstance(exc, NastavnikError) else EXIT_WORKSPACE


def unreadable(key: str, name: str, reason: str, min_answers: int = MIN_ANSWERS,
               exit_code: int = EXIT_WORKSPACE) -> SchoolFigures:
    """The row of a school that could not be read: its name and the reason, no figures."""
    return SchoolFigures(key=key, name=name, min_answers=min_answers, reason=reason or "?", exit_code=exit_code)


def gather(schools: Iterable[SchoolEntry], open_school: Callable[[SchoolEntry], Workspace], today: dt.date,
           min_answers: int = MIN_ANSWERS) -> list[SchoolFigures]:
    """Every school's figures in the order given; a school that cannot be opened or read is its
    `unreadable` row, and the others go on. A school's threshold is the larger of `min_answers`
    and its own ``[privacy] min_answers``."""
    out = []
    for school in schools:
        threshold = min_answers
        try:
            cfg = school.config
            threshold = max(min_answers, int(cfg.section("privacy").get("min_answers", min_answers)))
            workspace = open_school(school)
            out.append(school_figures(workspace, school.key, school.name, today, limits=cfg.limits,
                                      min_answers=threshold,
                                      behind_percent=int(cfg.section("roadmap").get("plan_behind_percent",
                                                                                    DEFAULT_BEHIND_PERCENT))))
        except Exception as exc:  # noqa: BLE001 — one school's failure is its row, not everyone's
            out.append(unreadable(school.key, school.name, failure_reason(exc), threshold, failure_code(exc)))
    return out


def gather_municipality(municipal: MunicipalConfig, today: dt.date,
                        open_school: Callable[[SchoolEntry], Workspace] | None = None) -> list[SchoolFigures]:
    """Every school of `municipal` in the order of its file: a school whose own config could not
    be loaded is its row with the config's reason; the Google schools share one Sheets limiter
    (``requests_per_minute`` of the municipal ``[google]``), as in the municipal night."""
    if open_school is None:
        limiter = (sheets_limiter(municipal.requests_per_minute)
                   if any(s.backend == "google" for s in municipal.schools) else None)
        open_school = lambda entry: open_entry(entry, limiter)  # noqa: E731
    listed: list[SchoolEntry | BrokenSchool] = sorted([*municipal.schools, *municipal.broken], key=lambda s: s.number)
    out: list[SchoolFigures] = []
    for school in listed:
        if isinstance(school, BrokenSchool):
            out.append(unreadable(school.key, school.name or school.key, mask_email(" ".join(school.reason.split())),
                                  municipal.min_answers, school.exit_code))
        else:
            out += gather([school], open_school, today, municipal.min_answers)
    return out


__all__ = ["QuestionFigure", "SchoolFigures", "failure_code", "failure_reason", "gather",
           "gather_municipality", "pooled_band", "school_figures", "unreadable"]
