"""The tabs of a workspace and their columns, declared once.

A column is found in a sheet by its header text (see `headers.normalise_header`), never by
position. Each column says who owns it:

- ``staff``   — typed by school staff; no job ever rewrites it;
- ``form``    — filled from a questionnaire by `ingest`, editable by staff;
- ``service`` — written by the jobs only («Статус», «Сообщение», proposals, the log).
"""
from __future__ import annotations

from dataclasses import dataclass

from sheets_schema import ru

# Column kinds: how a cell's text is parsed and checked.
TEXT = "text"
EMAIL = "email"
NAME = "name"
INT = "int"
DATE = "date"
CHOICE = "choice"
MULTI = "multichoice"
BOOL = "bool"

STAFF = "staff"
FORM = "form"
SERVICE = "service"


@dataclass(frozen=True)
class Column:
    key: str
    kind: str = TEXT
    required: bool = False
    owner: str = STAFF
    choices: str | None = None  # key of ru.LISTS for choice / multichoice columns
    low: int | None = None  # plausible range of an int column (config may override)
    high: int | None = None
    width: int = 18  # display width in characters, used when a workspace is created
    # A service column a job fills only where the tab has it: a tab without it is still read (a
    # workspace an older version made; `upgrade-workspace` adds it) instead of a missing column.
    optional: bool = False

    @property
    def header(self) -> str:
        return ru.HEADERS[self.key]

    @property
    def choice_list(self) -> list[str]:
        return ru.LISTS[self.choices] if self.choices else []


@dataclass(frozen=True)
class Table:
    key: str
    columns: tuple[Column, ...]
    key_column: str | None = None  # column whose normalised value identifies a row
    hidden: bool = False
    service: bool = False  # the whole tab is written by the jobs
    description: str = ""

    @property
    def title(self) -> str:
        return ru.TABS[self.key]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"table {self.key!r} has no column {key!r}")

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)

    @property
    def service_columns(self) -> list[Column]:
        return [c for c in self.columns if c.owner == SERVICE]


def _person_columns(*, mentor: bool) -> list[Column]:
    cols = [
        Column("full_name", NAME, required=True, owner=FORM, width=32),
        Column("email", EMAIL, required=True, owner=FORM, width=28),
        Column("position", TEXT, required=True, owner=FORM, width=22),
        Column("subject", CHOICE, required=True, owner=FORM, choices="subjects", width=26),
        Column("levels", MULTI, required=True, owner=FORM, choices="levels", width=24),
        Column("years", INT, required=True, owner=FORM, low=0, high=60, width=12),
        Column("category", CHOICE, owner=FORM, choices="categories", width=22),
        Column("young", BOOL, owner=FORM, choices="yes_no", width=10),
        Column("education", TEXT, owner=STAFF, width=28),  # for the programme's participants (ППН)
    ]
    if mentor:
        cols += [
            Column("competences", MULTI, required=True, owner=FORM, choices="difficulties", width=40),
            Column("capacity", INT, required=True, owner=FORM, low=1, high=5, width=12),
            Column("preferred_forms", MULTI, owner=FORM, choices="forms", width=28),
            Column("timetable", MULTI, owner=FORM, choices="days", width=16),
            Column("motivation", TEXT, owner=FORM, width=30),
            Column("past_mentoring", TEXT, owner=FORM, width=24),
            Column("trained", BOOL, owner=STAFF, choices="yes_no", width=12),
            Column("pd_consent", DATE, owner=FORM, width=16),
            Column("duty_consent", DATE, owner=FORM, width=16),
        ]
    else:
        cols += [
            Column("difficulties", MULTI, required=True, owner=FORM, choices="difficulties", width=40),
            Column("other_difficulty", TEXT, owner=FORM, width=24),
            Column("preferred_form", CHOICE, owner=FORM, choices="forms", width=26),
            Column("preferred_mentor", TEXT, owner=FORM, width=26),
            Column("timetable", MULTI, owner=FORM, choices="days", width=16),
            Column("pd_consent", DATE, owner=FORM, width=16),
        ]
    cols += [
        Column("notes", TEXT, owner=STAFF, width=24),
        Column("status", TEXT, owner=SERVICE, width=14),
        Column("message", TEXT, owner=SERVICE, width=60),
    ]
    return cols


MENTEES = Table(
    "mentees",
    tuple(_person_columns(mentor=False)),
    key_column="email",
    description="банк наставляемых",
)
MENTORS = Table(
    "mentors",
    # issue 19: «Обучение, часов» — the mentor's total hours on «Обучение наставников» (validate)
    (*_person_columns(mentor=True), Column("training_hours", TEXT, owner=SERVICE, width=12, optional=True),
     # issue 20: «Готов к сетевому наставничеству» — да: the municipal match may propose the mentor to
     # a mentee of another school (jobs/municipal/network.py); a bank without it has no such mentor
     Column("network_ready", BOOL, owner=STAFF, choices="yes_no", width=16, optional=True)),
    key_column="email",
    description="банк наставников",
)

PROPOSALS = Table(
    "proposals",
    (
        Column("mentee_email", EMAIL, required=True, owner=SERVICE, width=28),
        Column("mentee_name", TEXT, owner=SERVICE, width=30),
        Column("mentor_email", EMAIL, owner=SERVICE, width=28),
        Column("mentor_name", TEXT, owner=SERVICE, width=30),
        Column("group", TEXT, owner=SERVICE, width=12),
        Column("score", TEXT, owner=SERVICE, width=8),
        Column("reasons", TEXT, owner=SERVICE, width=60),
        Column("alternatives", TEXT, owner=SERVICE, width=40),
        Column("status", CHOICE, required=True, owner=STAFF, choices="proposal_statuses", width=14),
        Column("coordinator_comment", TEXT, owner=STAFF, width=30),
        Column("updated", TEXT, owner=SERVICE, width=16),
        # issue 20: a network proposal (сетевая форма, jobs/municipal/network.py) names both schools
        # and what the other school's coordinator decided; empty on the school's own proposals
        Column("mentor_school", TEXT, owner=SERVICE, width=24, optional=True),
        Column("mentee_school", TEXT, owner=SERVICE, width=24, optional=True),
        Column("partner_approval", TEXT, owner=SERVICE, width=30, optional=True),
    ),
    key_column="mentee_email",
    description="предложения пар",
)

PAIRS = Table(
    "pairs",
    (
        Column("pair_id", TEXT, required=True, owner=SERVICE, width=10),
        Column("mentor_email", EMAIL, required=True, owner=SERVICE, width=28),
        Column("mentor_name", TEXT, owner=SERVICE, width=30),
        Column("mentee_emails", TEXT, required=True, owner=SERVICE, width=40),
        Column("mentee_names", TEXT, owner=SERVICE, width=40),
        Column("form", CHOICE, owner=STAFF, choices="forms", width=24),
        Column("start", DATE, owner=STAFF, width=12),
        Column("end", DATE, owner=STAFF, width=12),
        Column("status", CHOICE, required=True, owner=STAFF, choices="pair_statuses", width=20),
        Column("order", TEXT, owner=SERVICE, width=30),
        Column("programme", TEXT, owner=SERVICE, width=30),
        # Issue 19: the link to the mentor's «Благодарность» (`orders --certificates`)
        Column("certificate", TEXT, owner=SERVICE, width=30, optional=True),
        # Issue 19: why a pair ended early («прекращена»/«завершена» before «Окончание»)
        Column("end_reason", TEXT, owner=STAFF, width=30),
        # Issue 19: the plan ticked off — «5 из 8 (62%)» and «да»/«нет» (jobs/plan_progress.py)
        # (optional: a «Пары» made before issue 19 is read and written without them until
        # upgrade-workspace adds them, as the night does first)
        Column("plan_progress", TEXT, owner=SERVICE, width=18, optional=True),
        Column("plan_behind", TEXT, owner=SERVICE, width=12, optional=True),
        # issue 20: the other school of a network pair (its mentor or its mentee works there)
        Column("partner_school", TEXT, owner=SERVICE, width=24, optional=True),
    ),
    key_column="pair_id",
    description="утверждённые пары и группы",
)

ROADMAP = Table(
    "roadmap",
    (
        Column("stage_no", TEXT, required=True, owner=STAFF, width=8),
        Column("stage", TEXT, required=True, owner=STAFF, width=34),
        Column("event", TEXT, required=True, owner=STAFF, width=60),
        Column("owner", TEXT, owner=STAFF, width=22),
        Column("due", DATE, owner=STAFF, width=12),
        Column("status", CHOICE, owner=STAFF, choices="roadmap_statuses", width=16),
        Column("evidence", TEXT, owner=STAFF, width=30),
        # Optional: events with a code from ru.ROADMAP_TEXTS["codes"] are marked done from the
        # data by `jobs.roadmap` (a workspace without the column is matched by default text).
        Column("code", TEXT, owner=STAFF, width=20),
        # Optional: «да» — the event may go on the school's public page (`jobs.publish`); empty or
        # «нет» — it may not. A workspace without the column publishes only the tool's own events.
        Column("public", BOOL, owner=STAFF, choices="yes_no", width=12),
    ),
    description="дорожная карта",
)

MONITORING = Table(
    "monitoring",
    (
        Column("submitted", TEXT, owner=SERVICE, width=18),
        Column("role", CHOICE, owner=SERVICE, choices="roles", width=14),
        Column("pair_id", TEXT, owner=SERVICE, width=10),
        Column("email", EMAIL, owner=SERVICE, width=28),
        Column("partner_email", EMAIL, owner=SERVICE, width=28),
        Column("comfort", INT, owner=SERVICE, low=1, high=10, width=10),
        Column("usefulness", INT, owner=SERVICE, low=1, high=10, width=10),
        Column("clarity", INT, owner=SERVICE, low=1, high=10, width=10),
        Column("expectations", INT, owner=SERVICE, low=1, high=10, width=10),
        Column("satisfaction", INT, owner=SERVICE, low=1, high=10, width=10),
        Column("continue_wish", INT, owner=SERVICE, low=1, high=10, width=10),
        Column("difficulties_closed", MULTI, owner=SERVICE, choices="difficulties", width=40),
        Column("message", TEXT, owner=SERVICE, width=50),
    ),
    service=True,
    description="мониторинг качества",
)

LOG = Table(
    "log",
    (
        Column("started", TEXT, owner=SERVICE, width=20),
        Column("finished", TEXT, owner=SERVICE, width=20),
        Column("job", TEXT, owner=SERVICE, width=20),
        Column("outcome", TEXT, owner=SERVICE, width=22),
        Column("rows_total", TEXT, owner=SERVICE, width=10),
        Column("rows_ok", TEXT, owner=SERVICE, width=8),
        Column("rows_error", TEXT, owner=SERVICE, width=8),
        Column("rows_no_consent", TEXT, owner=SERVICE, width=10),
        Column("details", TEXT, owner=SERVICE, width=80),
    ),
    service=True,
    description="журнал запусков",
)

LISTS_TABLE = Table(
    "lists",
    tuple(Column(f"list_{name}", TEXT, owner=SERVICE, width=36) for name in ru.LISTS),
    hidden=True,
    service=True,
    description="списки значений для выпадающих списков",
)

# What `ingest` remembers between runs (see `sheets_schema.questionnaires.IngestState`): one row
# per record — the form of a questionnaire, its questions' ids, the watermark, each processed
# response, and per person what ingest last wrote (to tell staff edits from its own).
INGEST_STATE = Table(
    "ingest",
    (
        Column("record", TEXT, owner=SERVICE, width=12),
        Column("questionnaire", TEXT, owner=SERVICE, width=14),
        Column("record_key", TEXT, owner=SERVICE, width=40),
        Column("record_value", TEXT, owner=SERVICE, width=80),
    ),
    hidden=True,
    service=True,
    description="состояние приёма анкет",
)

# What a personalised programme's plan is made of, by difficulty; `init` fills it with
# `sheets_schema.templates.CATALOG_ROWS`, the school edits it. «Срок» is a month of the programme.
CATALOG = Table(
    "catalog",
    (
        Column("difficulty", TEXT, required=True, owner=STAFF, width=34),
        Column("event", TEXT, required=True, owner=STAFF, width=60),
        Column("due", TEXT, owner=STAFF, width=12),
        Column("activity_form", TEXT, owner=STAFF, width=22),
        Column("owner", TEXT, owner=STAFF, width=22),
    ),
    description="каталог мероприятий программ наставничества",
)

# Issue 19: the mentee's self-assessment at the start and at the end of the programme, one score
# (1–10, like the monitoring scales) per difficulty of the vocabulary — a new difficulty is a new
# column; written by `ingest` from the questionnaire «Самооценка наставляемого».
SELF_ASSESSMENT = Table(
    "self_assessment",
    (
        Column("submitted", TEXT, owner=SERVICE, width=18),
        Column("email", EMAIL, owner=SERVICE, width=28),
        Column("pair_id", TEXT, owner=SERVICE, width=10),
        Column("assessment_stage", TEXT, owner=SERVICE, width=14),
        *(Column(ru.evaluation.self_key(d), INT, owner=SERVICE, low=1, high=10, width=14)
          for d in ru.DIFFICULTIES),
        Column("self_analysis", TEXT, owner=SERVICE, width=50),
        Column("message", TEXT, owner=SERVICE, width=50),
    ),
    service=True,
    description="самооценка наставляемых",
)

# Issue 19: the mentor's final report, written by `ingest` from the questionnaire «Итоговый отчёт
# наставника»: the pair found on «Пары» by the mentor's e-mail and the mentees named
# (`jobs.mentor_report`); `validate` re-checks «ID пары»/«Сообщение»; `orders` takes the latest
# report of a pair's mentor into section 9.1 of the programme when it makes one.
MENTOR_REPORTS = Table(
    "mentor_reports",
    (
        Column("submitted", TEXT, owner=SERVICE, width=18),
        Column("email", EMAIL, owner=SERVICE, width=28),
        Column("report_mentees", TEXT, owner=SERVICE, width=32),
        Column("pair_id", TEXT, owner=SERVICE, width=10),
        Column("report_done", TEXT, owner=SERVICE, width=50),
        Column("report_results", TEXT, owner=SERVICE, width=50),
        Column("report_overcome", TEXT, owner=SERVICE, width=40),
        Column("report_remaining", TEXT, owner=SERVICE, width=40),
        Column("report_recommendations", TEXT, owner=SERVICE, width=40),
        Column("message", TEXT, owner=SERVICE, width=50),
    ),
    service=True,
    description="итоговые отчёты наставников",
)

# Issue 19: the mentors' training (stage 4 of the roadmap), typed by staff; `validate` checks the
# rows, totals the hours into «Наставники» and flags training older than
# ``[matching] training_valid_years`` (`jobs.training`). «Наставник» is a name or an e-mail,
# recognised like «Желаемый наставник».
TRAINING = Table(
    "training",
    (
        Column("trainee", TEXT, required=True, owner=STAFF, width=32),
        Column("course", TEXT, required=True, owner=STAFF, width=40),
        Column("provider", TEXT, owner=STAFF, width=28),
        Column("training_start", TEXT, owner=STAFF, width=14),
        Column("training_end", TEXT, required=True, owner=STAFF, width=14),
        Column("hours", TEXT, owner=STAFF, width=10),
        Column("document_no", TEXT, owner=STAFF, width=22),
        Column("file_link", TEXT, owner=STAFF, width=30),
        Column("status", TEXT, owner=SERVICE, width=14),
        Column("message", TEXT, owner=SERVICE, width=60),
    ),
    description="обучение наставников",
)

# Issue 19: each programme's plan, one row per event, appended by `orders` when the programme is
# made; staff tick «Отметка»; `monitor` (jobs/plan_progress.py) writes only «Сообщение».
PLAN = Table(
    "plan",
    (
        # written once by `orders`, never rewritten: staff's like the marks (and so part of the
        # fingerprint that finds a row again at write time)
        Column("pair_id", TEXT, required=True, owner=STAFF, width=10),
        Column("plan_no", TEXT, owner=STAFF, width=6),
        Column("event", TEXT, required=True, owner=STAFF, width=60),
        Column("due", DATE, owner=STAFF, width=12),
        Column("activity_form", TEXT, owner=STAFF, width=22),
        Column("owner", TEXT, owner=STAFF, width=22),
        Column("plan_result", TEXT, owner=STAFF, width=30),
        Column("plan_mark", CHOICE, owner=STAFF, choices="plan_marks", width=16),
        Column("plan_mark_date", DATE, owner=STAFF, width=14),
        Column("plan_comment", TEXT, owner=STAFF, width=30),
        Column("message", TEXT, owner=SERVICE, width=50),
    ),
    description="план мероприятий программ наставничества",
)

# Issue 19: the meetings diary — a mentor or the coordinator records a meeting of a pair; `monitor`
# checks each row («Сообщение») and counts the meetings per pair into «Итоги мониторинга».
DIARY = Table(
    "diary",
    (
        Column("pair_id", TEXT, required=True, owner=STAFF, width=10),
        Column("meeting_date", DATE, required=True, owner=STAFF, width=14),
        Column("meeting_topic", TEXT, owner=STAFF, width=40),
        Column("meeting_format", CHOICE, owner=STAFF, choices="meeting_formats", width=18),
        Column("meeting_minutes", TEXT, owner=STAFF, width=50),
        Column("recorded_by", TEXT, owner=STAFF, width=24),
        Column("message", TEXT, owner=SERVICE, width=50),
    ),
    description="дневник встреч наставнических пар",
)

# Issue 19: the «Методическая копилка» of best practices (stage 6); `publish` and `report` list
# them, with the authors' names only by «Согласие на публикацию ФИО» (`jobs.kopilka`).
PRACTICES = Table(
    "practices",
    (
        Column("practice", TEXT, required=True, owner=STAFF, width=50),
        Column("practice_authors", TEXT, owner=STAFF, width=36),
        Column("practice_stage", TEXT, owner=STAFF, width=28),
        Column("practice_materials", TEXT, owner=STAFF, width=36),
        Column("practice_name_consent", BOOL, owner=STAFF, choices="yes_no", width=16),
        Column("practice_date", DATE, owner=STAFF, width=12),
    ),
    description="методическая копилка",
)

# The order of tabs in a new workspace.
ALL_TABLES: tuple[Table, ...] = (
    MENTEES,
    MENTORS,
    PROPOSALS,
    PAIRS,
    ROADMAP,
    MONITORING,
    LOG,
    LISTS_TABLE,
    INGEST_STATE,
    CATALOG,
    TRAINING,
    DIARY,
    PRACTICES,
    SELF_ASSESSMENT,
    MENTOR_REPORTS,  # issue 19: the mentor's final report
    PLAN,
)
BANKS: tuple[Table, ...] = (MENTEES, MENTORS)


def table(key: str) -> Table:
    for t in ALL_TABLES:
        if t.key == key:
            return t
    raise KeyError(key)
