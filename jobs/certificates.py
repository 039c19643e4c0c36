"""`orders --certificates`: a «Благодарность наставнику» for every mentor whose pair ended
«завершена», one per mentor and school year, the link written back to «Пары».

Which pairs: rows of «Пары» with status «завершена»; the school year is the one the pair's
«Окончание» falls in (no date: today's), so a run in September does not thank again for last
year. A mentor with several completed pairs of one year gets ONE document listing them.

Consent (152-ФЗ), as for `orders`: no document names a mentor whose row on «Наставники» has no
valid «Согласие на обработку ПДн (дата)»; such a mentor is held back with the reason, named by
their row only. A mentor not on «Наставники» is held back too.

Idempotent and crash-safe the way `orders` is: every document carries its key
``certificate:<hash of the school year and the mentor's e-mail>``; a rerun finds it
(`DocumentStore.existing`) and makes nothing twice, a document a crashed run left unfilled is
completed (`DocumentStore.create(..., found=...)`).

The link goes to «Благодарность» of «Пары» — beside «Приказ» and «Программа (ППН)», the other
documents of the pair — on every completed pair of that mentor and year: the coordinator sees
on the pair's own row that it has been thanked for. (The training tab lists courses, not pairs,
and a mentor may have no row there.)
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Callable

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.rules import Limits
from sheets_schema.tables import LOG, MENTEES, MENTORS, PAIRS
from sheets_schema.templates import CERTIFICATE, Fill
from sync.errors import EXIT_OK
from sync.workspace import CellChange, ChangeSet, CommitReport, DocumentStore, StoredDocument, StructureError, Workspace
from jobs.config import School
from jobs.documents.fill import common_values, school_year
from jobs.documents.people import declined, listed, signed
from jobs.documents.settings import DocumentSettings, parse_day
from jobs.documents.texts import ru_text
from jobs.matching.rules import status_of
from jobs.orders import prepare_templates
from jobs.result import Counts
from jobs.runlog import log_row
from jobs.validate import check_banks

FINISHED = vocabulary.PAIR_STATUS_FINISHED


def certificate_key(year: str, mentor_email: str) -> str:
    """The idempotency key of a mentor's «Благодарность» for a school year («2026/2027»)."""
    joined = year + "\x1f" + mentor_email.casefold()
    return "certificate:" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class CompletedPair:
    pair_id: str
    row: int
    form: str
    start: dt.date | None
    end: dt.date | None

    @property
    def term(self) -> str:
        start = f"{self.start:%d.%m.%Y}" if self.start else "—"
        end = f"{self.end:%d.%m.%Y}" if self.end else "—"
        return f"{start} – {end}"


@dataclass
class CertificatesResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    mentors: int = 0  # (mentor, school year) with a completed pair
    made: list[StoredDocument] = field(default_factory=list)
    existing: list[StoredDocument] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # reasons, one per mentor held back
    notes: list[str] = field(default_factory=list)
    commit: CommitReport = field(default_factory=CommitReport)

    @property
    def exit_code(self) -> int:
        """0: a mentor held back (no consent) is reported, not a failure (as `orders`)."""
        return EXIT_OK

    def counts(self) -> Counts:
        return Counts(total=self.mentors, ok=len(self.made) + len(self.existing), no_consent=len(self.held))

    def lines(self) -> list[str]:
        return list(self.notes)


@dataclass
class _Mentor:
    email: str
    year: str
    pairs: list[CompletedPair] = field(default_factory=list)


def _date(text: str) -> dt.date | None:
    text = parsing.clean(text)
    return parse_day(text) if text else None


def completed(records: dict[int, dict[str, str]], today: dt.date) -> list[_Mentor]:
    """The mentors of the «завершена» pairs, one entry per mentor and school year (of «Окончание»)."""
    by: dict[tuple[str, str], _Mentor] = {}
    for row, raw in sorted(records.items()):
        if status_of(raw.get("status", ""), ru.PAIR_STATUSES) != FINISHED:
            continue
        email = parsing.clean(raw.get("mentor_email", "")).casefold()
        pair_id = parsing.clean(raw.get("pair_id", ""))
        if not email or not pair_id:
            continue
        start, end = _date(raw.get("start", "")), _date(raw.get("end", ""))
        year = school_year(end or today)
        entry = by.setdefault((email, year), _Mentor(email, year))
        entry.pairs.append(CompletedPair(pair_id, row, parsing.clean(raw.get("form", "")), start, end))
    return list(by.values())


def certificate_fill(name: str, position: str, year: str, pairs: list[CompletedPair], school: School,
                     settings: DocumentSettings, today: dt.date) -> Fill:
    """What goes into a «Благодарность»: the mentor by case, the school year, the pairs."""
    values = common_values(school, settings, today)
    values.update(
        mentor=name, mentor_datv=declined(name, "datv"), mentor_initials=signed(name),
        mentor_position=position, school_year=year, date=f"{today:%d.%m.%Y}",
    )
    rows = [{"pair_id": p.pair_id, "form": p.form, "term": p.term} for p in pairs]
    return Fill(values=values, rows={"pairs": rows})


def certificates(
    workspace: Workspace,
    school: School,
    settings: DocumentSettings = DocumentSettings(),
    *,
    dry_run: bool = False,
    limits: Limits = Limits(),
    now: dt.datetime | None = None,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    store: DocumentStore | None = None,
) -> CertificatesResult:
    """Make the missing «Благодарность» documents and write their links (see the module docstring)."""
    started = now or clock()
    today = started.date()
    result = CertificatesResult(started=started, finished=started, dry_run=dry_run)
    tables = workspace.read([PAIRS, MENTEES, MENTORS, LOG])
    problems = [p for t in (PAIRS, MENTORS) for p in tables[t.key].problems]
    if problems:
        raise StructureError(problems)
    pairs = tables[PAIRS.key]
    wanted = completed(pairs.records, today)
    result.mentors = len(wanted)
    if not wanted:
        result.notes.append(ru.CERTIFICATES["none"])
        return _finish(workspace, result, ChangeSet(), tables[LOG.key].ok, clock, now)
    checks = check_banks({t.key: tables[t.key] for t in (MENTEES, MENTORS)}, today, limits)
    mentors = checks[MENTORS.key]
    bank: dict[str, tuple[int, dict[str, str], object]] = {}
    for row, raw in sorted(mentors.data.records.items()):
        email = parsing.clean(raw.get("email", "")).casefold()
        if email and email not in bank:
            consent = mentors.typed.at[row, "pd_consent"] if "pd_consent" in mentors.typed.columns else None
            bank[email] = (row, raw, consent)
    ready: list[tuple[_Mentor, str, str]] = []
    for entry in wanted:
        found = bank.get(entry.email)
        if found is None:
            result.held.append(ru.CERTIFICATES["not_in_bank"].format(email=entry.email, pair_id=entry.pairs[0].pair_id))
            continue
        row, raw, consent = found
        if not isinstance(consent, dt.date):
            result.held.append(ru.CERTIFICATES["no_consent"].format(row=row))
            continue
        ready.append((entry, parsing.clean(raw.get("full_name", "")), parsing.clean(raw.get("position", ""))))

    changes = ChangeSet()
    if ready:
        store = store or workspace.documents(settings.store_settings())
        prepare_templates(store, (CERTIFICATE,), dry_run, result.notes)
        existing = store.existing()
        for entry, name, position in ready:
            key = certificate_key(entry.year, entry.email)
            found_doc = existing.get(key)
            if dry_run:
                if found_doc is None:
                    result.notes.append(ru.CERTIFICATES["dry"].format(name=listed(name), year=entry.year))
                continue
            fill = certificate_fill(name, position, entry.year, entry.pairs, school, settings, today)
            doc = store.create(CERTIFICATE, f"{CERTIFICATE.document} {listed(name)} {entry.year.replace('/', '-')}",
                               fill, key, pairs=tuple(p.pair_id for p in entry.pairs), found=found_doc)
            if found_doc is None:
                result.made.append(doc)
                result.notes.append(ru.CERTIFICATES["made"].format(name=listed(name), year=entry.year, link=doc.link))
            else:
                result.existing.append(doc)
            if "certificate" in pairs.positions:
                for pair in entry.pairs:
                    if pairs.records[pair.row].get("certificate", "") != doc.link:
                        changes.updates.append(CellChange(pairs.refs[pair.row], "certificate", doc.link))
        if not dry_run and "certificate" not in pairs.positions:
            result.notes.append(ru.CERTIFICATES["no_column"].format(tab=PAIRS.title,
                                                                    column=PAIRS.column("certificate").header))
        result.notes += store.lines
    result.notes.insert(0, ru.CERTIFICATES["summary"].format(made=len(result.made), existing=len(result.existing),
                                                             held=len(result.held)))
    result.notes += result.held
    if dry_run:
        result.notes.append(ru_text(ru.DOCUMENTS, "dry_run"))
    return _finish(workspace, result, changes, tables[LOG.key].ok, clock, now)


def _finish(workspace: Workspace, result: CertificatesResult, changes: ChangeSet, log_ok: bool,
            clock: Callable[[], dt.datetime], now: dt.datetime | None) -> CertificatesResult:
    result.finished = clock() if now is None else now
    if result.dry_run:
        return result
    if log_ok:
        changes.append(LOG, log_row("certificates", result.started, result.finished, "ok", result.notes,
                                    result.counts()))
    result.commit = workspace.commit(changes)
    if result.commit.rows_lost:
        result.notes.append(ru.TEXT["row_changed"].format(tab=PAIRS.title, count=len(result.commit.rows_lost)))
    return result


__all__ = ["CertificatesResult", "certificate_fill", "certificate_key", "certificates", "completed"]
