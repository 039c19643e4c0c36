"""The charts a coordinator shows, built as data (`jobs.charts.model`) — pure.

Every chart obeys the privacy rules of the public page (`jobs.disclosure`, ``[privacy]
min_answers``): an average of answers is released as its band and only from ``min_answers``
answers, else its bar is missing and the chart's note says why; a share or a distribution of
people or pairs is shown only when its whole is at least ``min_answers`` (a share of three mentees
tells who is missing). Roadmap events are the school's own plan, not data about a person: counted
as they are.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import AbstractSet, Iterable, Mapping, Protocol, Sequence

import pandas as pd

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import normalise_header
from sheets_schema.ru.report import CHARTS, MONTHS
from sheets_schema.rules import BankCheck
from jobs import disclosure
from jobs.charts.model import GROUPED, STACKED, Bar, Chart
from jobs.disclosure import MIN_ANSWERS, Band
from jobs.indicators import QUESTIONS, Indicators, emails_in, question_title

FAR_FUTURE = dt.date(9999, 12, 31)
#: the stacked parts of a stage, bottom to top: what is behind us first
ROADMAP_SERIES = (vocabulary.ROADMAP_STATUS_DONE, vocabulary.ROADMAP_STATUS_IN_PROGRESS,
                  vocabulary.ROADMAP_STATUS_OVERDUE, vocabulary.ROADMAP_STATUS_PLANNED)
NO_BAR = CHARTS["few_answers_bar"]


def _percent(value: float) -> str:
    return CHARTS["percent"].format(value=round(value))


# --- averages of answers ----------------------------------------------------------------------
def band_bar(label: str, band: Band | None, count: int | None) -> Bar:
    """One released average as a bar: up to the band's upper end, the band itself hatched."""
    if band is None:
        return Bar(label, text=NO_BAR, count=count)
    return Bar(label, (float(band.high),), band.text, count, lows=(float(band.low),))


def question_averages(ind: Indicators, min_answers: int = MIN_ANSWERS) -> Chart:
    """The band of the average of each question of the monitoring questionnaire, in the
    questionnaire's order, with the number of answers under each bar."""
    bars = tuple(band_bar(question_title(q), disclosure.question_band(ind, q, min_answers),
                          ind.per_question.get(q, (None, 0))[1]) for q in QUESTIONS)
    notes = [CHARTS["band_note"]]
    if any(not b.shown for b in bars):
        notes.append(CHARTS["few_note"].format(min_answers=min_answers))
    return Chart("questions", CHARTS["questions_title"], CHARTS["questions_axis"], bars, scale=(0, 10),
                 category=CHARTS["questions_category"], count_label=CHARTS["answers_label"],
                 count_text=CHARTS["answers_under"], note=" ".join(notes))


def before_after(items: Sequence[tuple[str, Iterable[Sequence[float]], Iterable[Sequence[float]]]],
                 min_answers: int = MIN_ANSWERS, title: str = CHARTS["before_after_title"]) -> Chart:
    """Before and after, side by side, for any series of 1–10 answers: `items` are (label, the
    answers before, the answers after), each answers list as `jobs.disclosure.released` takes it
    (one row per response). A pair of bars is shown only when both are released."""
    bars = []
    for label, before, after in items:
        b, a = disclosure.released(before, min_answers), disclosure.released(after, min_answers)
        if b is None or a is None:
            bars.append(Bar(label, text=NO_BAR, texts=(NO_BAR, NO_BAR)))
            continue
        bars.append(Bar(label, (float(b.high), float(a.high)), count=min(b.answers, a.answers),
                        lows=(float(b.low), float(a.low)), texts=(b.text, a.text)))
    note = CHARTS["band_top_note"]
    if any(not b.shown for b in bars):
        note += " " + CHARTS["before_after_few_note"].format(min_answers=min_answers)
    return Chart("before_after", title, CHARTS["before_after_axis"], tuple(bars),
                 series=(CHARTS["before"], CHARTS["after"]), layout=GROUPED, scale=(0, 10),
                 category=CHARTS["before_after_category"], count_label=CHARTS["answers_label"],
                 count_text=CHARTS["answers_under"], note=note)


# --- counts -----------------------------------------------------------------------------------
def distribution(counts: Sequence[tuple[str, int]], min_answers: int = MIN_ANSWERS, *, key: str = "distribution",
                 title: str = CHARTS["plan_title"], value_label: str = CHARTS["plan_axis"],
                 category: str = CHARTS["plan_category"]) -> Chart:
    """How many fall in each category (pairs on track, behind, done…), for any counts; none is
    shown when all of them together are fewer than `min_answers`."""
    total = sum(n for _, n in counts)
    if total < min_answers:
        bars = tuple(Bar(label, text=NO_BAR) for label, _ in counts)
        note = CHARTS["distribution_few_note"].format(min_answers=min_answers)
    else:
        bars = tuple(Bar(label, (float(n),), str(n)) for label, n in counts)
        note = ""
    return Chart(key, title, value_label, bars, category=category, note=note)


def plan_progress(on_track: int, behind: int, done: int, min_answers: int = MIN_ANSWERS) -> Chart:
    """The pairs by the progress of their plans (issue 19 feeds the counts)."""
    c = CHARTS
    return distribution([(c["plan_on_track"], on_track), (c["plan_behind"], behind), (c["plan_done"], done)],
                        min_answers, key="plan")


@dataclass(frozen=True)
class PlanCounts:
    """The pairs of «Пары» by the progress of their plans (`plan_counts`)."""

    on_track: int = 0
    behind: int = 0
    done: int = 0
    without_plan: int = 0  # not «завершена» and no plan figure on «Пары» yet: in no bar

    @property
    def counted(self) -> int:
        return self.on_track + self.behind + self.done


def plan_counts(pairs: pd.DataFrame) -> PlanCounts:
    """The pairs and groups of «Пары» (an ID, not «прекращена») by their plans, as `monitor`
    wrote them (`jobs.plan_progress`): «завершена» — done; else «да» in «Отставание от плана» —
    behind, «нет» — on track; a pair with neither (no plan rows yet, or a «Пары» made before the
    columns existed) is counted apart, in no bar."""
    stopped, finished = (normalise_header(s) for s in (vocabulary.PAIR_STATUS_STOPPED, vocabulary.PAIR_STATUS_FINISHED))
    on_track = behind = done = without = 0
    for _, row in pairs.iterrows():
        status = normalise_header(row.get("status", "") or "")
        if not str(row.get("pair_id", "") or "").strip() or status == stopped:
            continue
        if status == finished:
            done += 1
            continue
        flag, _ = parsing.parse_bool(str(row.get("plan_behind", "") or ""))
        if flag is None:
            without += 1
        elif flag:
            behind += 1
        else:
            on_track += 1
    return PlanCounts(on_track, behind, done, without)


def pairs_by_plan(pairs: pd.DataFrame, min_answers: int = MIN_ANSWERS) -> Chart:
    """`plan_progress` of the pairs of «Пары» (`plan_counts`), its note saying what each bar
    counts and how many pairs have no plan figure yet; no bar from fewer than `min_answers`
    pairs in all (`distribution`)."""
    counts = plan_counts(pairs)
    chart = plan_progress(counts.on_track, counts.behind, counts.done, min_answers)
    notes = [CHARTS["plan_note"].format(tab=ru.TABS["pairs"], column=ru.HEADERS["plan_behind"],
                                        finished=vocabulary.PAIR_STATUS_FINISHED)]
    if counts.without_plan:
        notes.append(CHARTS["plan_without_note"].format(count=counts.without_plan))
    if chart.note:
        notes.append(chart.note)
    return replace(chart, note=" ".join(notes))


class RatedTwice(Protocol):
    """One difficulty rated by mentees at the start and at the end (`jobs.self_assessment.BeforeAfter`)."""

    @property
    def difficulty(self) -> str: ...

    @property
    def pairs(self) -> tuple[tuple[float, float], ...]: ...


def self_assessment_change(items: Sequence[RatedTwice], min_answers: int = MIN_ANSWERS) -> Chart:
    """`before_after` of the difficulties rated at both stages (issue 19: the report and the public
    page), each mentee's before and after as one answer each; a difficulty nobody rated twice has
    no place on it."""
    return before_after([(i.difficulty, [[b] for b, _ in i.pairs], [[a] for _, a in i.pairs])
                         for i in items if i.pairs], min_answers)


def roadmap_stages(stages: Sequence[tuple[str, Mapping[str, int]]]) -> Chart:
    """The roadmap's events per stage, stacked by status (done, in progress, overdue, planned);
    `stages` are (stage title, status → events) in the order of the tab."""
    bars = []
    for title, counts in stages:
        parts = tuple(float(counts.get(s, 0)) for s in ROADMAP_SERIES)
        total = int(sum(parts))
        bars.append(Bar(title, parts if total else (), str(total), total,
                        texts=tuple(str(int(p)) if p else "" for p in parts)))
    return Chart("roadmap", CHARTS["roadmap_title"], CHARTS["roadmap_axis"], tuple(bars),
                 series=ROADMAP_SERIES, layout=STACKED, category=CHARTS["roadmap_category"],
                 count_label=CHARTS["roadmap_count_label"], count_text=CHARTS["roadmap_under"],
                 note=CHARTS["roadmap_note"])


# --- the share of mentees with a pair over the school year ------------------------------------
@dataclass(frozen=True)
class PairStart:
    """A pair or group of «Пары»: when it started (None: no date) and its mentees' e-mails."""

    start: dt.date | None
    mentees: frozenset[str]


def year_start(today: dt.date) -> dt.date:
    """1 September of the school year `today` is in."""
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def months_so_far(today: dt.date) -> list[dt.date]:
    """The last day of each month of the school year up to `today` (`today` for its own month)."""
    out, day = [], year_start(today)
    while day <= today:
        last = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        out.append(min(last, today))
        day = last + dt.timedelta(days=1)
    return out


def pair_share(mentees: AbstractSet[str], pairs: Sequence[PairStart], today: dt.date,
               min_answers: int = MIN_ANSWERS) -> Chart:
    """The share of `mentees` (the bank's, today) in a pair or group at the end of each month of
    the school year so far: a pair counts from its start, one without a start date from the
    current month. Not shown at all when there are fewer than `min_answers` mentees."""
    c = CHARTS
    first = year_start(today)
    title = c["pairs_title"].format(year=f"{first.year}/{first.year + 1}")
    bars = []
    for end in months_so_far(today):
        label = MONTHS[end.month - 1]
        if len(mentees) < min_answers:
            bars.append(Bar(label, text=NO_BAR))
            continue
        paired = set().union(*(p.mentees for p in pairs if (p.start or today) <= end)) & mentees
        share = 100.0 * len(paired) / len(mentees)
        bars.append(Bar(label, (share,), _percent(share), len(paired)))
    note = (c["pairs_note"].format(mentees=len(mentees)) if len(mentees) >= min_answers
            else c["pairs_few_note"].format(min_answers=min_answers))
    return Chart("pairs", title, c["pairs_axis"], tuple(bars), scale=(0, 100), category=c["pairs_category"],
                 count_label=c["pairs_count_label"], count_text=c["pairs_under"], note=note, percent=True)


def consented_mentees(check: BankCheck | None) -> set[str]:
    """The e-mails of the mentee bank's rows that pass validation with consent (as `jobs.indicators`
    counts mentees)."""
    if check is None:
        return set()
    typed = check.typed
    ok = typed[(typed["status"] == ru.STATUS_OK) & typed["email"].notna()]
    return {str(e).casefold() for e in ok["email"]}


def pair_starts(pairs: pd.DataFrame) -> list[PairStart]:
    """The pairs and groups of «Пары» that count as pairs (an ID, not «прекращена»)."""
    stopped = normalise_header(vocabulary.PAIR_STATUS_STOPPED)
    out = []
    for _, row in pairs.iterrows():
        if not str(row.get("pair_id", "") or "").strip() or normalise_header(row.get("status", "")) == stopped:
            continue
        start, _ = parsing.parse_date(str(row.get("start", "") or ""), FAR_FUTURE)
        out.append(PairStart(start, frozenset(emails_in(row.get("mentee_emails", "")))))
    return out


__all__ = ["PairStart", "PlanCounts", "ROADMAP_SERIES", "RatedTwice", "before_after", "band_bar", "consented_mentees", "distribution",
           "months_so_far", "pair_share", "pair_starts", "pairs_by_plan", "plan_counts", "plan_progress",
           "question_averages", "roadmap_stages", "self_assessment_change", "year_start"]
