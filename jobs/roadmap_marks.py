"""What the data says about each event of «Дорожная карта»: a `Mark` per code, by a threshold.

Every default event has a code («Код (автоотметка)», ``ru.ROADMAP_TEXTS["codes"]``), and each code
one rule. A rule gives «запланировано» (no work yet), «в работе» (work started, below the
threshold) or «выполнено» (the threshold is met), with the figure that decided it — the
figure goes into «Подтверждение» («Пары: 34 из 37 наставляемых (91%)»; percentages rounded down). `jobs.roadmap`
turns a mark into a status (past «Срок» and not done: «просрочено») and writes it only where the
status is the tool's own (see there).

=====================  ===============================  ==============================================
code                   «в работе» when                  «выполнено» when
=====================  ===============================  ==============================================
приказ о реализации    —                                the order «О реализации целевой модели
                                                        наставничества» of this school year exists
                                                        among the documents (`orders --implementation`)
приказы о парах        a pair (not «прекращена») is     ≥ 90 % of those pairs are «закреплена
                       fixed by an order                приказом» or have «Приказ» filled
программы              a pair has a programme link      ≥ 90 % of those pairs have one
анкета наставляемых    the mentee bank has a row        the mentee bank is done (the survey is done
                                                        when the bank built from it is)
банк наставляемых      the mentee bank has a row        ≥ 90 % of its rows pass validation with consent
                                                        (`jobs.validate.check_banks`, checked afresh)
анкета наставников     the mentor bank has a row        the mentor bank is done
банк наставников       the mentor bank has a row        ≥ 90 % of its rows pass validation with consent
выбор наставников      matching has proposed a mentor   the pairs are done (mentors are chosen when
                       or a pair exists                 the mentees have them)
обучение наставников   a mentor is trained (a valid     ≥ 90 % of the mentors of the pairs (before
                       training on «Обучение            there are pairs: of the checked mentors) are
                       наставников», or «да» in the     trained (`jobs.training.trained_emails`: a
                       bank's column unless the tab     stale training does not count)
                       shows it stale)
пары                   a checked mentee is in a pair    ≥ 90 % of the checked mentees (OK, with
                                                        consent) are in a pair that is not
                                                        «прекращена»
поддержка без пары     pairs exist and a checked        every checked mentee is in a pair
                       mentee is still without one
мониторинг             a monitoring answer came in      ≥ 70 % of the pairs (not «прекращена»)
                       within the window                answered within the window, and at least 2
                                                        answers: one answer never completes it.
                                                        The window opens 2 months before the
                                                        event's «Срок» (no «Срок»: 1 September);
                                                        before that it is «запланировано»
конференция            «Подтверждение» holds a date     «Подтверждение» holds staff text (a link, a
круглый стол           held still ahead                 protocol number): these are marked by staff;
                                                        the date held, «N участников» and a link to
                                                        the materials are said in the figure
освещение на сайте     `publish` ran this school year   `publish` ran (outcome «выполнено» in
                                                        «Журнал») in ≥ 5 different months of the
                                                        school year (the days of «Журнал»)
=====================  ===============================  ==============================================

A later event done implies its source is not «запланировано» (`DEPENDS`): the source is then
raised to «в работе» with the reason — so the mentor survey is never behind the mentor bank
built from it. Thresholds are the fields of `Thresholds` (defaults above), set by the ``[roadmap]``
keys of the config (`Thresholds.from_section`).

A source that cannot be read (a tab with problems, documents that could not be listed) gives no
mark (None): the event is then only checked for being overdue.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import TableData
from sheets_schema.roadmap import academic_year_start
from sheets_schema.rules import BankCheck
from jobs.documents.fill import implementation_key, school_year
from jobs.documents.texts import ru_text
from jobs.matching.rules import split_emails, status_of
from jobs.runlog import TIME_FORMAT
from jobs.terms import add_months
from jobs.training import TrainingCheck, trained_emails

PLANNED, IN_PROGRESS, DONE = (vocabulary.ROADMAP_STATUS_PLANNED, vocabulary.ROADMAP_STATUS_IN_PROGRESS,
                              vocabulary.ROADMAP_STATUS_DONE)
FAR_FUTURE = dt.date(9999, 12, 31)  # a roadmap or answer date may lie ahead: parse without that check

# Codes staff mark by «Подтверждение» (there is no data of theirs in the workspace).
MANUAL = frozenset({"conference", "round_table"})

# (later, source): the later event done means its source has at least started.
DEPENDS: tuple[tuple[str, str], ...] = (
    ("mentee_bank", "mentee_survey"), ("mentor_bank", "mentor_survey"),
    ("pairs", "mentee_bank"), ("pairs", "mentor_bank"), ("pairs", "mentor_selection"),
    ("orders", "pairs"), ("programmes", "pairs"), ("support", "pairs"), ("monitoring", "pairs"),
    ("training", "mentor_bank"),
)


@dataclass(frozen=True)
class Thresholds:
    """The shares (in whole percent, compared exactly) and counts that make an event «выполнено»
    (see the module docstring); the ``[roadmap]`` keys of the config."""

    banks_percent: int = 90  # of a bank's rows checked with consent
    pairs_percent: int = 90  # of the checked mentees in a pair
    orders_percent: int = 90  # of the pairs fixed by an order
    programmes_percent: int = 90  # of the pairs with a programme
    training_percent: int = 90  # of the mentors trained
    monitoring_percent: int = 70  # of the pairs that answered the monitoring
    monitoring_min_answers: int = 2  # one answer never completes the monitoring
    monitoring_window_months: int = 2  # the window opens this long before the event's «Срок»
    publish_months: int = 5  # months of the school year with a public page update

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> "Thresholds":
        """From a checked ``[roadmap]`` section (a missing key keeps its default)."""
        return cls(**{k: int(v) for k, v in section.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Mark:
    """What the data says of one event: the state (a roadmap status, never «просрочено») and the
    figure that decided it (Russian, for «Подтверждение» and the summary)."""

    state: str
    figure: str


@dataclass(frozen=True)
class Bank:
    rows: int  # rows with anything in them
    ok: frozenset[str]  # e-mails of the rows that pass validation with consent
    trained: frozenset[str] = frozenset()  # of those, the mentors marked trained


@dataclass(frozen=True)
class Pair:
    pair_id: str
    mentor: str
    mentees: tuple[str, ...]
    ordered: bool
    programme: bool


@dataclass(frozen=True)
class Answer:
    day: dt.date | None
    pair_id: str
    email: str


@dataclass
class RoadmapData:
    """The data every rule reads; None where the source could not be read."""

    today: dt.date
    mentees: Bank | None = None
    mentors: Bank | None = None
    pairs: list[Pair] | None = None  # not «прекращена»
    proposed: int | None = None  # rows of «Предложения» with a mentor
    answers: list[Answer] | None = None
    publications: list[dt.date] | None = None  # days `publish` ran with outcome «выполнено»
    documents: frozenset[str] | None = None  # keys of the documents nastavnik made
    document_names: dict[str, str] = field(default_factory=dict)
    # «Обучение наставников» checked (`jobs.training`); None: the tab is not read, the bank's
    # column alone says who is trained
    training: TrainingCheck | None = None


# --- reading the data ---------------------------------------------------------------------------
def bank_of(check: BankCheck | None, mentors: bool = False) -> Bank | None:
    if check is None:
        return None
    typed = check.typed
    ok_rows = [row for row, v in check.verdicts.items() if v.status == ru.STATUS_OK]
    ok: set[str] = set()
    trained: set[str] = set()
    for row in ok_rows:
        email = str(check.data.records.get(row, {}).get("email", "")).strip().casefold()
        if not email:
            continue
        ok.add(email)
        if mentors and "trained" in typed.columns and row in typed.index and _yes(typed.at[row, "trained"]):
            trained.add(email)
    return Bank(rows=len(check.verdicts), ok=frozenset(ok), trained=frozenset(trained))


def _yes(value: object) -> bool:
    """A typed «да/нет» cell: True only for a real yes (NA — an invalid or empty cell — is no)."""
    try:
        return bool(value is not None and not pd.isna(value) and value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def pairs_of(data: TableData) -> list[Pair] | None:
    """The pairs and groups of «Пары» that are not «прекращена» (None: the tab has problems)."""
    if not data.ok:
        return None
    out = []
    for r in data.records.values():
        if not r.get("pair_id", "").strip():
            continue
        status = status_of(r.get("status", ""), ru.PAIR_STATUSES)
        if status == vocabulary.PAIR_STATUS_STOPPED:
            continue
        out.append(Pair(r["pair_id"].strip(), r.get("mentor_email", "").strip().casefold(),
                        tuple(split_emails(r.get("mentee_emails", ""))),
                        status == vocabulary.PAIR_STATUS_ORDERED or bool(r.get("order", "").strip()),
                        bool(r.get("programme", "").strip())))
    return out


def answers_of(data: TableData) -> list[Answer] | None:
    if not data.ok:
        return None
    out = []
    for r in data.records.values():
        submitted, email = r.get("submitted", "").strip(), r.get("email", "").strip().casefold()
        if not submitted and not email:
            continue
        day, _ = parsing.parse_date(submitted.split()[0], FAR_FUTURE) if submitted else (None, None)
        out.append(Answer(day, r.get("pair_id", "").strip(), email))
    return out


def proposed_of(data: TableData) -> int | None:
    if not data.ok:
        return None
    return sum(1 for r in data.records.values() if r.get("mentor_email", "").strip())


def publications_of(data: TableData) -> list[dt.date] | None:
    """Days `publish` ran with the outcome «выполнено», from «Журнал»."""
    if not data.ok:
        return None
    job, ok = ru.JOBS["publish"], ru.TEXT["outcome_ok"]
    out = []
    for r in data.records.values():
        if r.get("job", "").strip() != job or r.get("outcome", "").strip() != ok:
            continue
        try:
            out.append(dt.datetime.strptime(r.get("started", "").strip(), TIME_FORMAT).date())
        except ValueError:
            continue
    return out


# --- the rules ------------------------------------------------------------------------------------
def _t(key: str) -> str:
    return ru_text(ru.ROADMAP_TEXTS, key)


def figure(kind: str, done: int, total: int, **extra: object) -> str:
    """The figure of rule `kind`: «Пары: 34 из 37 наставляемых (92%)»; the percentage is rounded
    down, so a share below a threshold never reads as the threshold. No total: «none_{kind}»."""
    if not total:
        return _t(f"none_{kind}").format(**extra)
    return _t(f"figure_{kind}").format(done=done, total=total, percent=done * 100 // total, **extra)


def _by_share(kind: str, done: int, total: int, percent: int, **extra: object) -> Mark:
    """«выполнено» at `percent` % of `total`, «в работе» from one, else «запланировано»."""
    text = figure(kind, done, total, **extra)
    if total and done * 100 >= percent * total:
        return Mark(DONE, text)
    return Mark(IN_PROGRESS if done else PLANNED, text)


def _bank(bank: Bank | None, kind: str, limits: Thresholds) -> Mark | None:
    if bank is None:
        return None
    mark = _by_share(kind, len(bank.ok), bank.rows, limits.banks_percent)
    return Mark(IN_PROGRESS, mark.figure) if mark.state == PLANNED and bank.rows else mark


def _paired(data: RoadmapData) -> tuple[int, int] | None:
    if data.mentees is None or data.pairs is None:
        return None
    in_pairs = {m for p in data.pairs for m in p.mentees}
    return len(data.mentees.ok & in_pairs), len(data.mentees.ok)


def _pairs(data: RoadmapData, limits: Thresholds) -> Mark | None:
    counts = _paired(data)
    return None if counts is None else _by_share("pairs", *counts, limits.pairs_percent)


def _selection(data: RoadmapData, limits: Thresholds) -> Mark | None:
    counts = _paired(data)
    if counts is None or data.proposed is None:
        return None
    mark = _by_share("selection", *counts, limits.pairs_percent, proposed=data.proposed)
    if mark.state == PLANNED and data.proposed:
        return Mark(IN_PROGRESS, mark.figure)
    return mark


def _support(data: RoadmapData) -> Mark | None:
    counts = _paired(data)
    if counts is None:
        return None
    paired, total = counts
    mark = _by_share("support", paired, total, 100, left=total - paired)
    return mark


def _documents_of_pairs(data: RoadmapData, kind: str, percent: int) -> Mark | None:
    if data.pairs is None:
        return None
    done = sum(1 for p in data.pairs if (p.ordered if kind == "orders" else p.programme))
    return _by_share(kind, done, len(data.pairs), percent)


def _training(data: RoadmapData, limits: Thresholds) -> Mark | None:
    if data.mentors is None or data.pairs is None:
        return None
    working = {p.mentor for p in data.pairs if p.mentor} or set(data.mentors.ok)
    trained = (data.mentors.trained if data.training is None
               else trained_emails(data.mentors.trained, data.training))
    return _by_share("training", len(working & trained), len(working), limits.training_percent)


def monitoring_opens(due: dt.date | None, today: dt.date, limits: Thresholds = Thresholds()) -> dt.date:
    """The first day an answer counts for the monitoring event due on `due`."""
    if due is None:
        return academic_year_start(today)
    return add_months(due, -limits.monitoring_window_months) + dt.timedelta(days=1)


def _monitoring(data: RoadmapData, due: dt.date | None, limits: Thresholds) -> Mark | None:
    if data.pairs is None or data.answers is None:
        return None
    opens = monitoring_opens(due, data.today, limits)
    day = opens.strftime("%d.%m.%Y")
    if data.today < opens:
        return Mark(PLANNED, _t("monitoring_not_open").format(opens=day))
    by_id = {p.pair_id.casefold(): p.pair_id for p in data.pairs}
    by_email = {e: p.pair_id for p in data.pairs for e in (p.mentor, *p.mentees) if e}
    counted = [a for a in data.answers if a.day is not None and opens <= a.day <= data.today]
    answered = {by_id.get(a.pair_id.casefold()) or by_email.get(a.email) for a in counted} - {None}
    mark = _by_share("monitoring", len(answered), len(data.pairs), limits.monitoring_percent, opens=day, answers=len(counted))
    if mark.state == DONE and len(counted) < limits.monitoring_min_answers:
        return Mark(IN_PROGRESS, mark.figure)
    if mark.state == PLANNED and counted:
        return Mark(IN_PROGRESS, mark.figure)
    return mark


def _implementation(data: RoadmapData) -> Mark | None:
    if data.documents is None:
        return None
    key, year = implementation_key(data.today), school_year(data.today)
    if key in data.documents:
        return Mark(DONE, _t("implementation_found").format(year=year, name=data.document_names.get(key, "")))
    return Mark(PLANNED, _t("implementation_missing").format(year=year))


def _publicity(data: RoadmapData, limits: Thresholds) -> Mark | None:
    if data.publications is None:
        return None
    start = academic_year_start(data.today)
    days = sorted(d for d in data.publications if start <= d <= data.today)
    if not days:
        return Mark(PLANNED, _t("publicity_none"))
    months = len({(d.year, d.month) for d in days})
    text = _t("publicity_figure").format(months=months, needed=limits.publish_months,
                                         last=days[-1].strftime("%d.%m.%Y"))
    return Mark(DONE if months >= limits.publish_months else IN_PROGRESS, text)


_HELD = re.compile(r"(?<!\d)(\d{1,2}\.\d{1,2}\.\d{4})(?!\d)")
_PARTICIPANTS = re.compile(r"(?i)(?<!\d)(\d{1,4})\s*участник|участник\w*\s*[:—–-]?\s*(\d{1,4})(?!\d)")
_LINK = re.compile(r"(?i)https?://\S+")


def _manual(staff_text: str, today: dt.date | None = None) -> Mark:
    """A conference or round table, marked by what staff wrote in «Подтверждение» (issue 19: the
    date held «ДД.ММ.ГГГГ», «N участников», a link to the materials — any text still marks it
    done; a date still ahead keeps it «в работе»)."""
    if not staff_text.strip():
        return Mark(PLANNED, _t("manual_missing"))
    s6 = ru.STAGE6
    dates = [d for d in (parsing.parse_date(m, FAR_FUTURE)[0] for m in _HELD.findall(staff_text)) if d is not None]
    if dates and today is not None and min(dates) > today:
        return Mark(IN_PROGRESS, s6["scheduled"].format(date=min(dates).strftime("%d.%m.%Y")))
    details = []
    if dates:
        details.append(s6["held"].format(date=min(dates).strftime("%d.%m.%Y")))
    count = _PARTICIPANTS.search(staff_text)
    if count:
        details.append(s6["participants"].format(count=count.group(1) or count.group(2)))
    if details and _LINK.search(staff_text):
        details.append(s6["materials"])
    return Mark(DONE, s6["done_details"].format(details=", ".join(details)) if details else _t("manual_done"))


def mark(code: str | None, data: RoadmapData, due: dt.date | None = None, staff_text: str = "",
         limits: Thresholds = Thresholds()) -> Mark | None:
    """The mark of an event with code key `code` (None: no code, or its data could not be read).

    `due` is the event's «Срок» (the monitoring window hangs on it); `staff_text` is what staff
    wrote in its «Подтверждение» (the tool's own line left out)."""
    if code is None:
        return None
    if code in MANUAL:
        return _manual(staff_text, data.today)
    if code in ("mentee_bank", "mentee_survey"):
        return _bank(data.mentees, code, limits)
    if code in ("mentor_bank", "mentor_survey"):
        return _bank(data.mentors, code, limits)
    if code == "pairs":
        return _pairs(data, limits)
    if code == "mentor_selection":
        return _selection(data, limits)
    if code == "support":
        return _support(data)
    if code == "orders":
        return _documents_of_pairs(data, code, limits.orders_percent)
    if code == "programmes":
        return _documents_of_pairs(data, code, limits.programmes_percent)
    if code == "training":
        return _training(data, limits)
    if code == "monitoring":
        return _monitoring(data, due, limits)
    if code == "implementation_order":
        return _implementation(data)
    if code == "publicity":
        return _publicity(data, limits)
    return None


def consistent(marks: Mapping[int, tuple[str | None, Mark | None]]) -> dict[int, Mark | None]:
    """The marks by row (row → (code, mark)) with every source of a done event at least «в работе»
    (`DEPENDS`); the source's figure says which later event started it."""
    done = {code for code, m in marks.values() if m is not None and m.state == DONE}
    out: dict[int, Mark | None] = {}
    for row, (code, m) in marks.items():
        later = [a for a, source in DEPENDS if source == code and a in done]
        if m is not None and m.state == PLANNED and later:
            started = _t("source_started").format(later=ru.ROADMAP_TEXTS["codes"][later[0]], status=DONE)
            m = Mark(IN_PROGRESS, f"{m.figure}; {started}")
        out[row] = m
    return out


__all__ = ["DEPENDS", "MANUAL", "Answer", "Bank", "Mark", "Pair", "RoadmapData", "Thresholds", "answers_of",
           "bank_of", "consistent", "mark", "monitoring_opens", "pairs_of", "proposed_of", "publications_of",
           "figure"]
