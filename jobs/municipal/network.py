"""Network mentoring (сетевая форма наставничества, issue 20): a mentee whom their own school could
not pair for lack of a mentor of their subject is proposed a willing mentor of another school of the
municipality; both coordinators approve, each school orders its own staff.

One run over every school (`network_match`):

1. **Read** each school's banks, «Предложения», «Пары» and «Обучение наставников» (a school whose
   tabs cannot be read, or whose run lock is held, is skipped with a note; the others go on).
2. **Links**: a network proposal is a pair of rows — one in the mentee's school, one in the
   mentor's — both naming «Школа наставника» and «Школа наставляемого». One «отклонено» closes
   both (the other row is set to «отклонено»); both «утверждено» make the pair in both schools'
   «Пары» (`jobs.approval.approve`: the term and form as the school's own approval gives them,
   «Другая школа (сетевая форма)» naming the other school); one «утверждено» holds the mentor's
   place and the mentee while the other school decides («Согласование другой школы» says what
   each side decided). A decided link is never re-optimised; a row whose counterpart is missing
   (deleted, or a run cut between the schools' commits) is written again in the other school.
3. **The cohort**: a school's mentees with status OK, no active pair, no approved proposal, an open
   row «нет пары» on their school's «Предложения» and a subject shortfall — no mentor of their
   school with their subject who passes the school's mentor rules has a free place left after the
   school's own proposals. **The mentors**: status OK (both consents given: `jobs.validate`), «да»
   in «Готов к сетевому наставничеству», passing their own school's mentor rules (years, training
   with the school's ``training_valid_years``) and with places left after their active pairs, their
   school's open proposals and the network links already decided.
4. **One optimisation** (`jobs.matching.propose_pairs`) over all schools: ids are «key:e-mail» so
   the same e-mail in two schools stays two people; pairs within one school are excluded (its own
   match found none), and so are network pairs a coordinator rejected or that ended. The settings are
   ``settings`` (default: the first school's), with each mentor's years and training already
   checked by the mentor's school and no groups across schools.
5. **Writing**: each proposal goes to BOTH schools' «Предложения» (open network rows updated in
   place, rows no longer proposed cleared, decided rows never touched). Only what the other school
   needs crosses over: the counterpart's name, e-mail and subject (the mentor's school sees the
   mentee's; the matching's detailed reasons stay in the mentee's school).

Idempotent: a rerun with nothing changed writes nothing (only cells that differ are written).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.grid import TableData
from sheets_schema.parsing import clean
from sheets_schema.rules import Limits
from sheets_schema.tables import LOG, MENTEES, MENTORS, PAIRS, PROPOSALS, TRAINING, Table
from sync.errors import EXIT_OK, NastavnikError
from sync.workspace import CellChange, ChangeSet, Workspace, WorkspaceError
from jobs.approval import approve, live_pairs_of, network_mask
from jobs.config import MatchingSettings
from jobs.match import proposal_rows
from jobs.matching import MatchOutcome, propose_pairs, rules
from jobs.result import Counts
from jobs.runlog import log_row
from jobs.training import check_training, trained_emails
from jobs.validate import check_banks

if TYPE_CHECKING:
    from sync.factory import RateLimiter
    from jobs.municipal.config import MunicipalConfig

log = logging.getLogger("nastavnik.network")

T = ru.NETWORK
MATCHING_TEXT = ru.MATCHING
STAMP = "%d.%m.%Y %H:%M"
PROPOSED = vocabulary.PROPOSAL_STATUS_PROPOSED
APPROVED = vocabulary.PROPOSAL_STATUS_APPROVED
REJECTED = vocabulary.PROPOSAL_STATUS_REJECTED
NO_PAIR = vocabulary.PROPOSAL_STATUS_NO_PAIR
SAME_SCHOOL = "same_school"  # the pair rule of this run: a mentee and a mentor of one school
NETWORK_PROPOSAL_COLUMNS = ("mentor_school", "mentee_school", "partner_approval")
MENTEE, MENTOR = "mentee", "mentor"  # the side of a school in a network proposal
# the cells of a network row the run writes (status and the coordinator's comment are staff's)
WRITTEN = ("mentee_email", "mentee_name", "mentor_email", "mentor_name", "group", "score", "reasons",
           "alternatives", "mentor_school", "mentee_school", "partner_approval")


@dataclass(frozen=True)
class NetworkSchool:
    """One school of the municipality as the network run sees it."""

    key: str  # the short id of the municipal config («sosh-1»)
    name: str  # how «Школа наставника» / «Школа наставляемого» name it
    workspace: Workspace
    settings: MatchingSettings = MatchingSettings()
    limits: Limits = Limits()


@dataclass
class NetworkResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    schools: int = 0
    cohort: int = 0  # mentees without a pair in their school who took part
    mentors: int = 0  # willing mentors with free places who took part
    outcome: MatchOutcome | None = None
    # (mentor school, mentee school) → proposals; mentee school → mentees still without a mentor
    proposed: dict[tuple[str, str], int] = field(default_factory=dict)
    unmatched: dict[str, int] = field(default_factory=dict)
    made: list[str] = field(default_factory=list)  # «school: pair id» of the pairs written
    closed: int = 0
    waiting: int = 0
    new: int = 0
    changed: int = 0
    dropped: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: a school skipped is a note (its own nightly reports its workspace); no mentor found
        for a mentee is a result, not a failure."""
        return EXIT_OK

    def counts(self) -> Counts:
        return Counts(total=self.cohort, ok=sum(self.proposed.values()))

    def lines(self, school: str | None = None) -> list[str]:
        """The summary; with `school` (its name), what one school's «Журнал» row may hold: the
        proposals and pairs that school takes part in and the notes about it — the other schools'
        unmatched mentees, pairs and notes (which may name their staff) stay out of it."""
        def mine(*names: str) -> bool:
            return school is None or school in names

        def about(text: str) -> bool:
            return school is None or f"«{school}»" in text

        proposed = {k: n for k, n in self.proposed.items() if mine(*k)}
        unmatched = {s: n for s, n in self.unmatched.items() if mine(s)}
        made = [m for m in self.made if m.startswith(f"«{school}»")] if school is not None else self.made
        out = [T["summary_cohort"].format(mentees=self.cohort, mentors=self.mentors, schools=self.schools)]
        for (mentor_school, mentee_school), n in sorted(proposed.items()):
            out.append(T["summary_pair"].format(mentor_school=mentor_school, mentee_school=mentee_school, count=n))
        if not proposed:
            out.append(T["summary_none"])
        if unmatched:
            out.append(T["summary_unmatched"].format(
                count=sum(unmatched.values()),
                names=", ".join(f"«{s}» — {n}" for s, n in sorted(unmatched.items()))))
        if made:
            out.append(T["summary_made"].format(count=len(made), names=", ".join(made)))
        if self.closed:
            out.append(T["summary_closed"].format(count=self.closed))
        if self.waiting:
            out.append(T["summary_waiting"].format(count=self.waiting))
        out.append(T["summary_changes"].format(new=self.new, changed=self.changed, dropped=self.dropped,
                                               unchanged=self.unchanged))
        out.extend(n for n in self.notes if about(n))
        if self.dry_run:
            out.append(T["dry_run"])
        return out


# --- one school, as read ------------------------------------------------------------------------
@dataclass
class _School:
    entry: NetworkSchool
    tables: dict[str, TableData]
    mentees: pd.DataFrame  # typed OK rows
    mentors: pd.DataFrame  # typed OK rows, with «trained»
    proposals: pd.DataFrame  # `proposal_rows`, every row
    pairs: pd.DataFrame  # `rules.pair_rows`
    changes: ChangeSet = field(default_factory=ChangeSet)
    new_pairs: list[dict[str, str]] = field(default_factory=list)

    @property
    def norm(self) -> str:
        return _norm(self.entry.name)


def _norm(text: object) -> str:
    return clean(text).casefold().replace("ё", "е")


def _yes(value: object) -> bool:
    try:
        return bool(value is not None and not pd.isna(value) and value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _read(entry: NetworkSchool, today: dt.date) -> _School:
    tables = entry.workspace.read([MENTEES, MENTORS, PROPOSALS, PAIRS, LOG, TRAINING])
    problems = [p for t in (MENTEES, MENTORS, PROPOSALS, PAIRS) for p in tables[t.key].problems]
    if problems:
        raise _Skip("; ".join(p.message for p in problems))
    missing = [table.column(key).header for table, keys in ((PROPOSALS, NETWORK_PROPOSAL_COLUMNS), (PAIRS, ("partner_school",)))
               for key in keys if key not in tables[table.key].positions]
    if missing:  # a network row there would look like the school's own: its match would rewrite it
        raise _Skip(T["needs_upgrade"].format(columns=", ".join(f"«{h}»" for h in missing)))
    checks = check_banks({t.key: tables[t.key] for t in (MENTEES, MENTORS)}, today, entry.limits)
    mentees, mentors = _ok(checks["mentees"].typed, MENTEES), _ok(checks["mentors"].typed, MENTORS)
    emails = [e.casefold() if isinstance(e, str) else "" for e in mentors["email"]]
    said = [_yes(t) for t in mentors["trained"]] if "trained" in mentors.columns else [False] * len(emails)
    training = check_training(tables[TRAINING.key], tables[MENTORS.key], today, entry.settings.training_valid_years)
    trained = trained_emails({e for e, yes in zip(emails, said) if yes}, training)
    mentors["email"] = emails
    mentors["trained"] = [e in trained for e in emails]
    mentees["email"] = [e.casefold() if isinstance(e, str) else "" for e in mentees["email"]]
    proposals = proposal_rows(tables[PROPOSALS.key])
    return _School(entry, tables, mentees, mentors, proposals, rules.pair_rows(tables[PAIRS.key].frame))


def _ok(typed: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The typed rows with status OK, every column of the bank present (an empty bank has none)."""
    for column in [*(c.key for c in table.columns), "status"]:
        if column not in typed.columns:
            typed = typed.assign(**{column: pd.Series(dtype=object)})
    return typed[typed["status"] == ru.STATUS_OK].copy()


class _Skip(Exception):
    """A school that takes no part in this run (its tabs cannot be read, its lock is held)."""


# --- network links ------------------------------------------------------------------------------
@dataclass
class _Link:
    """One network proposal: its row in the mentee's school and in the mentor's (None: missing)."""

    mentee_school: _School
    mentor_school: _School
    mentee_email: str
    mentor_email: str
    rows: dict[str, int | None] = field(default_factory=lambda: {MENTEE: None, MENTOR: None})

    def status(self, side: str) -> str | None:
        row = self.rows[side]
        if row is None:
            return None
        school = self.mentee_school if side == MENTEE else self.mentor_school
        return str(school.proposals.at[row, "status"])

    @property
    def rejected(self) -> bool:
        return REJECTED in (self.status(MENTEE), self.status(MENTOR))

    @property
    def approved_by(self) -> list[str]:
        return [s for s in (MENTEE, MENTOR) if self.status(s) == APPROVED]

    @property
    def decided(self) -> bool:
        return self.rejected or bool(self.approved_by)


def _links(schools: dict[str, _School]) -> tuple[dict[tuple[str, str, str, str], _Link], list[tuple[_School, int]]]:
    """Every network row, joined with its counterpart; rows naming a school not in this run are
    left alone (returned apart, so that nothing clears them)."""
    links: dict[tuple[str, str, str, str], _Link] = {}
    foreign: list[tuple[_School, int]] = []
    for school in schools.values():
        frame = school.proposals
        for row in frame.index[network_mask(frame)]:
            r = frame.loc[row]
            mentee_norm, mentor_norm = _norm(r["mentee_school"]), _norm(r["mentor_school"])
            side = MENTEE if mentee_norm == school.norm else MENTOR if mentor_norm == school.norm else None
            other = schools.get(mentor_norm if side == MENTEE else mentee_norm)
            if side is None or other is None or other is school or not r["mentee_email"] or not r["mentor_email"]:
                foreign.append((school, row))
                continue
            key = (mentee_norm, r["mentee_email"], mentor_norm, r["mentor_email"])
            link = links.get(key)
            if link is None:
                a, b = (school, other) if side == MENTEE else (other, school)
                link = links[key] = _Link(a, b, r["mentee_email"], r["mentor_email"])
            if link.rows[side] is None or school.proposals.at[row, "status"] in (APPROVED, REJECTED):
                link.rows[side] = row
    return links, foreign


# --- the cohort ---------------------------------------------------------------------------------
def _mentor_rule_ok(mentors: pd.DataFrame, settings: MatchingSettings) -> pd.Series:
    years = pd.to_numeric(mentors["years"], errors="coerce").fillna(-1)
    ok = years >= settings.min_mentor_years
    if settings.require_training:
        ok &= mentors["trained"].astype(bool)
    return ok


def _local_load(school: _School) -> dict[str, int]:
    """Mentor → places taken: active pairs (with those this run adds) and the school's open proposals."""
    pairs = school.pairs
    if school.new_pairs:
        added = pd.DataFrame([{"row": None, "pair_id": p["pair_id"], "mentor_email": p["mentor_email"],
                               "mentees": rules.split_emails(p["mentee_emails"]), "status": p["status"]}
                              for p in school.new_pairs], columns=pairs.columns)
        pairs = pd.concat([pairs, added], ignore_index=True)
    load = rules.active_load(pairs)
    known = {(r.mentor_email, m) for r in pairs.itertuples() for m in r.mentees}
    local = school.proposals[~network_mask(school.proposals)]
    for r in local.itertuples():
        if r.mentor_email and (r.status == PROPOSED or (r.status == APPROVED and (r.mentor_email, r.mentee_email) not in known)):
            load[r.mentor_email] = load.get(r.mentor_email, 0) + 1
    return load


@dataclass
class Cohort:
    """The one matching problem of the municipality: ids «key:e-mail» on both sides."""

    mentees: pd.DataFrame
    mentors: pd.DataFrame
    forbidden: pd.DataFrame
    settings: MatchingSettings


def _cohort(schools: dict[str, _School], links: dict[tuple[str, str, str, str], _Link],
            settings: MatchingSettings) -> Cohort:
    held_mentees: set[tuple[str, str]] = set()
    held_places: dict[tuple[str, str], int] = {}
    for link in links.values():
        if link.decided and not link.rejected:
            held_mentees.add((link.mentee_school.norm, link.mentee_email))
            if len(link.approved_by) < 2:  # both: the pair is on «Пары» and counted there
                k = (link.mentor_school.norm, link.mentor_email)
                held_places[k] = held_places.get(k, 0) + 1
    mentee_parts: list[pd.DataFrame] = []
    mentor_parts: list[pd.DataFrame] = []
    same_school: list[tuple[str, str, str]] = []
    for school in schools.values():
        key, s = school.entry.key, school.entry.settings
        load = _local_load(school)
        mentors = school.mentors.copy()
        mentors["free"] = rules.free_places(mentors, load).to_numpy()
        allowed = _mentor_rule_ok(mentors, s) if len(mentors) else pd.Series(False, index=mentors.index, dtype=bool)
        open_subjects = set(mentors.loc[allowed & (mentors["free"] > 0), "subject"].dropna())
        # mentees: an open «нет пары» row of their own school, no pair, a subject shortfall
        local = school.proposals[~network_mask(school.proposals)]
        no_pair = set(local.loc[local["status"] == NO_PAIR, "mentee_email"])
        approved = set(local.loc[local["status"] == APPROVED, "mentee_email"])
        paired = rules.paired_mentees(school.pairs) | {m for p in school.new_pairs
                                                       for m in rules.split_emails(p["mentee_emails"])}
        mentees = school.mentees
        take = [e in no_pair and e not in approved and e not in paired and (school.norm, e) not in held_mentees
                and subj not in open_subjects for e, subj in zip(mentees["email"], mentees["subject"])]
        mentees = mentees[pd.Series(take, index=mentees.index, dtype=bool)].copy()
        mentees["real_email"], mentees["school"] = mentees["email"], key
        mentees["email"] = [f"{key}:{e}" for e in mentees["email"]]
        if "preferred_mentor" in mentees.columns:  # a wish names a colleague of one's own school
            mentees["preferred_mentor"] = None
        # mentors: willing, their school's rules, places left
        ready = mentors["network_ready"].map(_yes).astype(bool) if "network_ready" in mentors.columns \
            else pd.Series(False, index=mentors.index)
        mentors["free"] = [f - held_places.get((school.norm, e), 0) for f, e in zip(mentors["free"], mentors["email"])]
        mentors = mentors[ready & allowed & (mentors["free"] > 0)].copy()
        mentors["real_email"], mentors["school"] = mentors["email"], key
        mentors["email"] = [f"{key}:{e}" for e in mentors["email"]]
        mentee_parts.append(mentees)
        mentor_parts.append(mentors)
        same_school.extend((m, t, SAME_SCHOOL) for m in mentees["email"] for t in mentors["email"])
    forbidden = same_school + _forbidden_links(schools, links)
    combined = dataclasses.replace(settings, require_training=False, min_mentor_years=0, group_bonus=0.0)
    return Cohort(_concat(mentee_parts), _concat(mentor_parts),
                  pd.DataFrame(forbidden, columns=["mentee_email", "mentor_email", "rule"]), combined)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [p for p in parts if len(p)]
    if frames:
        return pd.concat(frames, ignore_index=True)
    return parts[0].iloc[:0].copy() if parts else pd.DataFrame()


def _forbidden_links(schools: dict[str, _School], links: dict[tuple[str, str, str, str], _Link]) -> list[tuple[str, str, str]]:
    """Network pairs never proposed again: rejected by a coordinator, or a network pair that ended."""
    out = [(f"{link.mentee_school.entry.key}:{link.mentee_email}", f"{link.mentor_school.entry.key}:{link.mentor_email}",
            rules.REJECTED) for link in links.values() if link.rejected]
    for school in schools.values():
        frame = school.tables[PAIRS.key].frame
        if "partner_school" not in frame.columns:
            continue
        for row, r in school.pairs.iterrows():
            other = schools.get(_norm(frame.at[r["row"], "partner_school"]))
            if other is None or r["status"] not in rules.ENDED_PAIR:
                continue
            ours = set(school.mentees["email"])
            for m in r["mentees"]:
                if m in ours:  # the mentee is ours, the mentor the other school's
                    out.append((f"{school.entry.key}:{m}", f"{other.entry.key}:{r['mentor_email']}", rules.ENDED))
                else:
                    out.append((f"{other.entry.key}:{m}", f"{school.entry.key}:{r['mentor_email']}", rules.ENDED))
    return out


def network_cohort(schools: Sequence[NetworkSchool], now: dt.datetime,
                   settings: MatchingSettings | None = None) -> Cohort:
    """The municipality's one matching problem as `network_match` builds it (read only)."""
    read = {}
    for entry in schools:
        school = _read(entry, now.date())
        read[school.norm] = school
    links, _ = _links(read)
    _approve_links(read, links, now.date())
    return _cohort(read, links, settings or schools[0].settings)


# --- approval by both coordinators --------------------------------------------------------------
def _approve_links(schools: dict[str, _School], links: dict[tuple[str, str, str, str], _Link],
                   today: dt.date, notes: list[str] | None = None) -> None:
    """The «Пары» rows of the links both schools approved, into `_School.new_pairs` of both —
    not for a mentee who already has a live pair with another mentor in her school (approved
    there on the same day, say): a note says which, and nothing is written in either school."""
    both = []
    for link in links.values():
        if len(link.approved_by) < 2 or link.rejected:
            continue
        held = live_pairs_of(link.mentee_school.pairs).get(link.mentee_email)
        if held is not None and held[1] != link.mentor_email:
            if notes is not None:
                notes.append(T["summary_not_transferred"].format(
                    mentee=link.mentee_email, mentor=link.mentor_email, school=link.mentee_school.entry.name,
                    why=MATCHING_TEXT["mentee_busy"].format(email=link.mentee_email, pair=held[0], mentor=held[1])))
            continue
        both.append(link)
    for school in schools.values():
        mine = [link for link in both if school in (link.mentee_school, link.mentor_school)]
        if not mine:
            continue
        frame = pd.DataFrame([{"mentee_email": link.mentee_email, "mentor_email": link.mentor_email, "group": "",
                               "status": APPROVED} for link in mine])
        mentees = _concat([link.mentee_school.mentees for link in mine])
        mentors = _concat([link.mentor_school.mentors for link in mine])
        approval = approve(frame, school.pairs, mentees, mentors, school.entry.settings, today)
        partner = {(link.mentor_email, link.mentee_email):
                   (link.mentor_school if school is link.mentee_school else link.mentee_school).entry.name
                   for link in mine}
        for row in approval.rows:
            row["partner_school"] = partner[(row["mentor_email"], row["mentee_emails"])]
            school.new_pairs.append(row)
        if notes is not None:
            notes.extend(f"«{school.entry.name}»: {n}" for n in approval.notes)


# --- the job ------------------------------------------------------------------------------------
def network_match(schools: Sequence[NetworkSchool], now: dt.datetime, dry_run: bool = False,
                  settings: MatchingSettings | None = None) -> NetworkResult:
    """Propose mentors across schools, carry the coordinators' decisions between the two schools
    of each network proposal, and write every school's «Предложения», «Пары» and «Журнал» (see the
    module docstring). Each school is written under its own run lock, one commit per school."""
    result = NetworkResult(started=now, finished=now, dry_run=dry_run)
    with contextlib.ExitStack() as locks:
        read: dict[str, _School] = {}
        for entry in schools:
            try:
                if not dry_run:
                    locks.enter_context(entry.workspace.run_lock("network"))
                school = _read(entry, now.date())
            except (_Skip, WorkspaceError) as exc:
                result.notes.append(T["summary_school_skipped"].format(school=entry.name, reason=exc))
                continue
            read[school.norm] = school
        result.schools = len(read)
        if not read:
            return result
        links, _ = _links(read)
        _approve_links(read, links, now.date(), result.notes)
        cohort = _cohort(read, links, settings or next(iter(read.values())).entry.settings)
        result.cohort, result.mentors = len(cohort.mentees), len(cohort.mentors)
        outcome = propose_pairs(cohort.mentees, cohort.mentors, cohort.settings, cohort.forbidden)
        result.outcome = outcome
        by_key = {s.entry.key: s for s in read.values()}
        wanted = _wanted(outcome, cohort, by_key, result)
        for link in links.values():
            _carry_decision(link, result)
        stamp = now.strftime(STAMP)
        for school in read.values():
            _write_open(school, links, wanted, stamp, result)
            for row in school.new_pairs:
                school.changes.append(PAIRS, row)
                result.made.append(f"«{school.entry.name}»: {row['pair_id']}")
        result.finished = now
        for school in read.values():
            if school.tables[LOG.key].ok:
                school.changes.append(LOG, log_row("network", result.started, result.finished, "ok",
                                                   result.lines(school.entry.name), result.counts()))
            if not dry_run:
                try:
                    report = school.entry.workspace.commit(school.changes)
                except WorkspaceError as exc:  # this school's rows wait for the next run; the others go on
                    result.notes.append(T["summary_school_not_written"].format(school=school.entry.name, reason=exc))
                    continue
                if report.rows_lost:
                    result.notes.append(ru.TEXT["row_changed"].format(tab=PROPOSALS.title, count=len(report.rows_lost)))
    return result


def network_settings(config: "MunicipalConfig") -> MatchingSettings | None:
    """The weights of the one network matching: the municipal file's [matching] when it has one
    (a school's own [matching] says how that school matches its own staff, not how to weigh two
    schools' people against each other), else None — `network_match` then takes the first school's."""
    return None if config.matching is None else MatchingSettings.from_section(config.matching)


def network_schools(config: "MunicipalConfig", limiter: "RateLimiter | None" = None
                    ) -> tuple[list[NetworkSchool], list[str]]:
    """The schools of a municipal config as the network run takes them (each with its own
    [matching] settings and school year, Google ones through `limiter`), and a Russian note for
    each school that could not be opened (it takes no part; the others go on)."""
    from jobs.municipal.schools import open_school

    schools, notes = [], []
    for entry in config.schools:
        try:
            workspace = open_school(entry, limiter)
        except (NastavnikError, OSError) as exc:
            notes.append(T["summary_school_skipped"].format(school=entry.name, reason=exc))
            continue
        settings = dataclasses.replace(MatchingSettings.from_section(entry.config.section("matching")),
                                       school_year=entry.config.school.school_year)
        schools.append(NetworkSchool(entry.key, entry.name, workspace, settings, entry.config.limits))
    return schools, notes


@dataclass(frozen=True)
class _Wanted:
    mentee_school: _School
    mentor_school: _School
    mentee_email: str
    mentor_email: str
    values: dict[str, str]  # the cells both rows share


def _wanted(outcome: MatchOutcome, cohort: Cohort, schools: dict[str, _School], result: NetworkResult) -> list[_Wanted]:
    mentees = {r["email"]: r for r in cohort.mentees.to_dict("records")}
    mentors = {r["email"]: r for r in cohort.mentors.to_dict("records")}
    out = []
    for r in outcome.frame.to_dict("records"):
        mentee = mentees[r["mentee_email"]]
        a = schools[str(mentee["school"])]
        if r["status"] != PROPOSED:
            result.unmatched[a.entry.name] = result.unmatched.get(a.entry.name, 0) + 1
            continue
        mentor = mentors[r["mentor_email"]]
        b = schools[str(mentor["school"])]
        subject = str(mentee.get("subject") or "")
        values = {
            "mentee_email": str(mentee["real_email"]), "mentee_name": str(r["mentee_name"]),
            "mentor_email": str(mentor["real_email"]), "mentor_name": str(r["mentor_name"]),
            "group": "", "score": str(r["score"]), "alternatives": "",
            "reasons": T["reason_network"].format(subject=subject, mentor_school=b.entry.name),
            "mentor_school": b.entry.name, "mentee_school": a.entry.name,
        }
        out.append(_Wanted(a, b, values["mentee_email"], values["mentor_email"], values))
        pair = (b.entry.name, a.entry.name)
        result.proposed[pair] = result.proposed.get(pair, 0) + 1
        # the matching's own reasons (the mentor's fit) stay in the mentee's school
        out[-1].values["detail"] = str(r["reasons"])
    return out


def _partner_text(status: str | None, other: _School) -> str:
    if status == APPROVED:
        return T["partner_approved"].format(school=other.entry.name)
    if status == REJECTED:
        return T["partner_rejected"].format(school=other.entry.name)
    return T["partner_waiting"].format(school=other.entry.name)


def _carry_decision(link: _Link, result: NetworkResult) -> None:
    """A decided link: close both rows on a rejection, tell each side what the other decided, and
    write a missing counterpart row again."""
    if not link.decided:
        return
    if link.rejected:
        if link.status(MENTEE) in (REJECTED, None) and link.status(MENTOR) in (REJECTED, None):
            return  # closed in both schools already: never touched again
        result.closed += 1
    elif len(link.approved_by) < 2:
        result.waiting += 1
    for side, school, other in ((MENTEE, link.mentee_school, link.mentor_school),
                                (MENTOR, link.mentor_school, link.mentee_school)):
        other_side = MENTOR if side == MENTEE else MENTEE
        values = {"partner_approval": _partner_text(link.status(other_side), other)}
        if link.rejected and link.status(side) == REJECTED:  # this school rejected: closed there too
            values["partner_approval"] = T["partner_closed"].format(school=other.entry.name)
        row = link.rows[side]
        if row is None and link.rejected:
            continue  # nothing to ask the other school any more
        if row is None:
            source = link.rows[other_side]
            if source is None:  # a link always has a row; nothing to copy from otherwise
                continue
            raw = other.tables[PROPOSALS.key].records[source]
            values.update({k: str(raw.get(k, "")) for k in WRITTEN if k not in values})
            if side == MENTOR:
                values["reasons"] = T["reason_network"].format(
                    subject=_subject(link.mentee_school, link.mentee_email), mentor_school=school.entry.name)
            values.update(status=REJECTED if link.rejected else PROPOSED, coordinator_comment="", updated="")
            school.changes.append(PROPOSALS, values)
            continue
        if link.rejected and link.status(side) != REJECTED:
            values["status"] = REJECTED
        _set(school, row, values)


def _subject(school: _School, email: str) -> str:
    rows = school.mentees.loc[school.mentees["email"] == email, "subject"]
    return str(rows.iloc[0]) if len(rows) and isinstance(rows.iloc[0], str) else ""


def _set(school: _School, row: int, values: dict[str, str]) -> bool:
    """Write the cells that differ; True when any does."""
    data = school.tables[PROPOSALS.key]
    old = data.records[row]
    differs = False
    for key, value in values.items():
        if key in data.positions and str(old.get(key, "")) != value:
            school.changes.updates.append(CellChange(data.refs[row], key, value))
            differs = True
    return differs


def _write_open(school: _School, links: dict[tuple[str, str, str, str], _Link], wanted: list[_Wanted],
                stamp: str, result: NetworkResult) -> None:
    """This school's open network rows updated in place from `wanted`, the rest cleared, new ones
    appended (as `jobs.match` writes the school's own)."""
    open_rows: dict[tuple[str, str], list[int]] = {}  # (side, mentee school norm + e-mail) → rows
    for link in links.values():
        if link.decided:
            continue
        for side, owner in ((MENTEE, link.mentee_school), (MENTOR, link.mentor_school)):
            row = link.rows[side]
            if owner is school and row is not None:
                open_rows.setdefault((side, f"{link.mentee_school.norm}\x00{link.mentee_email}"), []).append(row)
    mine: dict[tuple[str, str], tuple[_Wanted, str]] = {}
    for w in wanted:
        who = f"{w.mentee_school.norm}\x00{w.mentee_email}"
        if w.mentee_school is school:
            mine[(MENTEE, who)] = (w, MENTEE)
        if w.mentor_school is school:
            mine[(MENTOR, who)] = (w, MENTOR)
    free_rows: list[int] = []
    for k, rows in sorted(open_rows.items()):
        if k not in mine:
            free_rows.extend(rows)
            result.dropped += k[0] == MENTEE
        else:
            free_rows.extend(rows[1:])
    free_rows.sort()
    for k, (w, side) in sorted(mine.items(), key=lambda item: item[0]):
        other = w.mentor_school if side == MENTEE else w.mentee_school
        values = {key: v for key, v in w.values.items() if key != "detail"}
        if side == MENTEE and w.values.get("detail"):
            values["reasons"] = "; ".join([values["reasons"], w.values["detail"]])
        values["partner_approval"] = _partner_text(PROPOSED, other)
        values["status"] = PROPOSED
        kept = open_rows.get(k)
        if kept:
            row = kept[0]
            before = (school.proposals.at[row, "status"], school.proposals.at[row, "mentor_email"])
            if side == MENTEE:
                if before == (PROPOSED, w.mentor_email):
                    result.unchanged += 1
                else:
                    result.changed += 1
            if _set(school, row, values):
                _set(school, row, {"updated": stamp})
            continue
        result.new += side == MENTEE
        values.update(coordinator_comment="", updated=stamp)
        if free_rows:
            _set(school, free_rows.pop(0), values)
        else:
            school.changes.append(PROPOSALS, values)
    data = school.tables[PROPOSALS.key]
    columns = [c.key for c in PROPOSALS.columns if c.key in data.positions]
    for row in free_rows:
        for key in columns:
            school.changes.updates.append(CellChange(data.refs[row], key, ""))


__all__ = ["Cohort", "NetworkResult", "NetworkSchool", "network_cohort", "network_match", "network_schools"]
