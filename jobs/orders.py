"""`orders`: approved pairs into ONE order «О закреплении наставнических пар (групп)», a
personalised programme for each pair, a labour-contract addendum for each of the order's mentors
(art. 351.8 ТК РФ), links and status «закреплена приказом» back to «Пары».

Input: rows of «Пары» with status «утверждена» and an empty «Приказ». A pair is held back, with
a Russian reason, while a consent is missing: the mentor's written consent to the duties and
the personal-data consents of the mentor and every mentee (read from the banks, checked by
`jobs.validate.check_banks`). Templates are checked before anything is made. A pair's dates and
form come from «Пары», else from `jobs.terms` (the order's date or the next working day, the
school year's end; the form from the pair's size).

Idempotent and crash-safe: every document carries a key (``programme:<pair>``,
``addendum:<hash of the order's key and the mentor>``, ``order:<hash of its pairs>``) and an
order records its pairs. Programmes and addenda are made first, the order last, then ONE commit
writes the links. A run after a crash finds what was made: a pair already listed by an order on
Drive or in ``documents/`` goes with that order — a pair is never in two orders — and a
programme or addendum of its key is re-used.

The order «О реализации целевой модели наставничества» is `jobs.implementation_order`'s.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import RowRef, TableData, normalise_header
from sheets_schema.rules import Limits
from sheets_schema.tables import CATALOG, LOG, MENTEES, MENTORS, PAIRS
from sheets_schema.templates import (
    ADDENDUM, CURRENT_MARKERS, ORDER_PAIRS, PROGRAMME, TemplateSpec, default_catalog_rows,
)
from sync.errors import EXIT_OK
from sync.workspace import (
    CellChange, ChangeSet, CommitReport, DocumentStore, StoredDocument, StructureError, Workspace,
)
from jobs.config import MatchingSettings, School
from jobs.documents.check import TemplateError, check_template
from jobs.documents.fill import (
    PairInfo, Person, addendum_key, final_programme_key, ids_summary, order_key, programme_key,
    short_name, split_emails,
)
from jobs.documents.order_fill import (
    addendum_fill, order_pairs_fill,
)
from jobs.documents.people import declined, is_person_name, listed
from jobs.documents.programme_fill import programme_fill
from jobs.terms import SchoolYear, pair_form, programme_end, programme_start
from jobs.documents.settings import DocumentSettings, parse_day
from jobs.documents.texts import ru_text
from jobs.result import Counts
from jobs.self_assessment import self_analysis_text
from jobs.runlog import log_row
from jobs.validate import check_banks
from jobs.plan_progress import plan_appends, tab_rows
from sheets_schema.tables import PLAN, SELF_ASSESSMENT
from sheets_schema.tables import MENTOR_REPORTS
from jobs.mentor_report import mentor_report_text

APPROVED = vocabulary.PAIR_STATUS_APPROVED
ASSIGNED = vocabulary.PAIR_STATUS_ORDERED
FINISHED = vocabulary.PAIR_STATUS_FINISHED


@dataclass
class HeldBack:
    pair_id: str
    row: int
    reasons: list[str]

    def line(self) -> str:
        return ru_text(ru.DOCUMENTS, "held_back").format(pair=self.pair_id, row=self.row, reasons="; ".join(self.reasons))


@dataclass
class OrdersResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    candidates: int = 0
    held: list[HeldBack] = field(default_factory=list)
    assigned: list[str] = field(default_factory=list)  # pair ids written as «закреплена приказом»
    order: StoredDocument | None = None
    regulation: StoredDocument | None = None  # the Положение (implementation order's appendix 1)
    recovered_orders: list[StoredDocument] = field(default_factory=list)
    programmes_created: int = 0
    programmes_found: int = 0
    created: list[StoredDocument] = field(default_factory=list)  # every document made this run
    notes: list[str] = field(default_factory=list)  # the summary, in order; read through lines()
    commit: CommitReport = field(default_factory=CommitReport)

    @property
    def exit_code(self) -> int:
        """0 by README's exit-code table: pairs held back (no consent…) are reported in the sheet
        and the output, and nothing to do is not a failure; a template that stops the documents
        raises `TemplateError` (exit 1) before a result exists."""
        return EXIT_OK

    def counts(self) -> Counts:
        return Counts(total=self.candidates, ok=len(self.assigned), no_consent=len(self.held))

    def lines(self) -> list[str]:
        """The Russian summary lines, in the order they happened."""
        return list(self.notes)



# --- reading the tables -----------------------------------------------------------------------
@dataclass(frozen=True)
class BankEntry:
    person: Person
    tab: str
    raw: dict[str, str]
    consents: dict[str, object]  # column key → parsed date or None (a pandas value: checked with isinstance)
    row: int = 0  # sheet row in the bank

    @property
    def who(self) -> str:
        """How a held-back reason names the person: without a consent to the processing of personal
        data (152-ФЗ) by the bank row only — the reason goes to «Журнал», the output and cron mail."""
        return self.person.name if isinstance(self.consents.get("pd_consent"), dt.date) else ru_text(ru.DOCUMENTS, "unnamed_person").format(row=self.row)


def _bank_index(tables: dict[str, TableData], today: dt.date, limits: Limits) -> dict[str, BankEntry]:
    checks = check_banks({t.key: tables[t.key] for t in (MENTEES, MENTORS)}, today, limits)
    index: dict[str, BankEntry] = {}
    for table in (MENTORS, MENTEES):
        check = checks.get(table.key)
        if check is None:
            continue
        for row, raw in check.data.records.items():
            email = parsing.clean(raw.get("email", "")).casefold()
            if not email or email in index:
                continue
            typed = check.typed.loc[row] if row in check.typed.index else {}
            difficulties = typed.get("difficulties") if table is MENTEES else None
            person = Person(
                email=email, name=parsing.clean(raw.get("full_name", "")),
                position=parsing.clean(raw.get("position", "")), subject=parsing.clean(raw.get("subject", "")),
                difficulties=tuple(difficulties) if isinstance(difficulties, list) else tuple(
                    d.strip() for d in parsing.clean(raw.get("difficulties", "")).split(",") if d.strip()),
                other=parsing.clean(raw.get("other_difficulty", "")),
                years=parsing.clean(raw.get("years", "")), category=parsing.clean(raw.get("category", "")),
                education=parsing.clean(raw.get("education", "")),
            )
            consents = {key: typed.get(key) for key in ("pd_consent", "duty_consent") if table.has(key)}
            index[email] = BankEntry(person, table.title, raw, consents, row)
    return index


def _consent_reasons(entry: BankEntry, mentor: bool) -> list[str]:
    d = ru.DOCUMENTS
    reasons = []
    role = ru_text(d, "role_gen_mentor") if mentor else ru_text(d, "role_gen_mentee")
    for key in ("duty_consent", "pd_consent") if mentor else ("pd_consent",):
        value = entry.consents.get(key)
        if isinstance(value, dt.date):
            continue
        raw = parsing.clean(entry.raw.get(key, ""))
        column = ru.HEADERS[key]
        if raw:
            reasons.append(ru_text(d, "bad_consent").format(role=role, name=declined(entry.who, "gent"), tab=entry.tab,
                                                   column=column, value=raw))
        elif key == "duty_consent":
            reasons.append(ru_text(d, "no_duty_consent").format(name=declined(entry.who, "gent"), tab=entry.tab,
                                                                column=column))
        else:
            reasons.append(ru_text(d, "no_pd_consent").format(role=role, name=declined(entry.who, "gent"),
                                                              tab=entry.tab, column=column))
    return reasons


@dataclass(frozen=True)
class Terms:
    """What decides a pair's dates and form when «Пары» leaves them empty (`jobs.terms`)."""

    today: dt.date
    order_date: dt.date | None = None
    months: int = 9
    year: SchoolYear = SchoolYear()
    group_min: int = 2


def _pair_info(row: int, raw: dict[str, str], people: dict[str, BankEntry], terms: Terms,
               notes: list[str]) -> tuple[PairInfo, list[str]]:
    """The pair of one «Пары» row and the reasons it cannot go into an order yet.

    Dates: those of «Пары» when given (the approval wrote them), else the programme starts on the
    order's date (``[documents] order_date``) or the next working day and ends by
    `jobs.terms.programme_end`; in both cases a start before the order's date becomes the order's
    date (the approval's start was provisional) and an end after the school year's end becomes
    that end (no programme runs into the holidays). Form: `jobs.terms.pair_form` — the
    coordinator's form kept unless it contradicts the size (one mentee is never «групповая»).
    `orders` writes the dates and form the documents state back into «Пары»."""
    d = ru.DOCUMENTS
    pair_id = parsing.clean(raw.get("pair_id", ""))
    reasons: list[str] = []
    mentor_email = parsing.clean(raw.get("mentor_email", "")).casefold()
    mentor_entry = people.get(mentor_email)
    # issue 20: a network pair's other side works at «Другая школа (сетевая форма)», which holds
    # their consents and orders them; this school's documents name them from «Пары»
    network = bool(parsing.clean(raw.get("partner_school", "")))
    if mentor_entry is None or mentor_entry.tab != MENTORS.title:
        if not network:
            reasons.append(ru_text(d, "not_in_bank").format(role_cap="Наставник", email=mentor_email, tab=MENTORS.title))
        mentor = Person(mentor_email, parsing.clean(raw.get("mentor_name", "")) or mentor_email)
    else:
        mentor = mentor_entry.person
        reasons += _consent_reasons(mentor_entry, mentor=True)
    names = [n.strip() for n in parsing.clean(raw.get("mentee_names", "")).split(",")]
    mentees = []
    emails = split_emails(raw.get("mentee_emails", ""))
    if not emails:
        reasons.append(ru_text(d, "no_mentee").format(column=ru.HEADERS["mentee_emails"]))
    for i, email in enumerate(emails):
        entry = people.get(email)
        if entry is None or entry.tab != MENTEES.title:
            if not network:
                reasons.append(ru_text(d, "not_in_bank").format(role_cap="Наставляемый", email=email, tab=MENTEES.title))
            mentees.append(Person(email, names[i] if i < len(names) and names[i] else email))
        else:
            mentees.append(entry.person)
            reasons += _consent_reasons(entry, mentor=False)
    dates = {}
    for key in ("start", "end"):
        text = parsing.clean(raw.get(key, ""))
        dates[key] = parse_day(text) if text else None
        if text and dates[key] is None:
            notes.append(ru_text(d, "bad_pair_date").format(pair=pair_id, row=row, column=ru.HEADERS[key], value=text))
    start = dates["start"] or programme_start(terms.today, terms.order_date)
    if terms.order_date is not None and start < terms.order_date:
        start = terms.order_date  # the approval's start was provisional: no programme before its order
    end = dates["end"] if dates["end"] and dates["end"] > start else programme_end(start, terms.months, terms.year)
    end = min(end, terms.year.end_after(start))
    form = pair_form(len(mentees), parsing.clean(raw.get("form", "")), terms.group_min)
    foreign = tuple(p.email for p in (mentor, *mentees) if network and p.email not in people)
    return PairInfo(pair_id, row, mentor, tuple(mentees), form, start, end,
                    parsing.clean(raw.get("partner_school", "")), foreign), reasons


# --- templates --------------------------------------------------------------------------------
def prepare_templates(store: DocumentStore, specs: Sequence[TemplateSpec], dry_run: bool,
                      lines: list[str]) -> None:
    """Place missing default templates (unless a dry run), then check every template; raise
    `TemplateError` naming each problem before anything is made."""
    sources = store.read_templates(specs)
    missing = [s for s in specs if sources.get(s.key) is None]
    if missing:
        if dry_run:
            lines += [ru_text(ru.DOCUMENTS, "template_will_place").format(name=s.name) for s in missing]
        else:
            lines += store.place_templates(missing)
            sources.update(store.read_templates(missing))
    problems = [p for s in specs if (source := sources.get(s.key)) is not None for p in check_template(s, source)]
    if problems:
        raise TemplateError(problems + [ru_text(ru.DOCUMENTS, "templates_stop")])
    for spec in specs:
        source = sources.get(spec.key)
        markers = CURRENT_MARKERS.get(spec.key)
        if source is not None and markers and not markers & set(source.placeholders):
            own = f"template_outdated_{spec.key}"  # what the kind's newer wording adds, else the orders'
            what = own if own in ru.DOCUMENTS else "template_outdated"
            lines.append(ru_text(ru.DOCUMENTS, what).format(name=spec.name, where=source.where))


def _programme_name(pair: PairInfo) -> str:
    return f"{PROGRAMME.document} {pair.pair_id} ({', '.join(short_name(m.name) for m in pair.mentees)})"


def _order_name(pair_ids: Sequence[str]) -> str:
    return f"{ORDER_PAIRS.document} ({ids_summary(pair_ids)})"


# --- the job ----------------------------------------------------------------------------------
def orders(
    workspace: Workspace,
    school: School,
    settings: DocumentSettings = DocumentSettings(),
    *,
    dry_run: bool = False,
    limits: Limits = Limits(),
    matching: MatchingSettings | None = None,
    now: dt.datetime | None = None,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    store: DocumentStore | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> OrdersResult:
    """Run `orders` (see the module docstring) and return what it found, made and wrote.
    `matching` gives the group's minimum size (``[matching] group_min_size``; default 2);
    `progress` is told each programme before it is made (issue 21, `jobs.cli.progress`)."""
    started = now or clock()
    today = started.date()
    result = OrdersResult(started=started, finished=started, dry_run=dry_run)
    tables = workspace.read([PAIRS, MENTEES, MENTORS, CATALOG, LOG, PLAN, SELF_ASSESSMENT, MENTOR_REPORTS])
    problems = [p for t in (PAIRS, MENTEES, MENTORS) for p in tables[t.key].problems]
    if problems:
        raise StructureError(problems)
    pairs_data = tables[PAIRS.key]
    people = _bank_index(tables, today, limits)
    catalog = list(tables[CATALOG.key].records.values()) if tables[CATALOG.key].ok else default_catalog_rows()

    terms = Terms(today, settings.order_date, settings.programme_months, school.school_year,
                  (matching or MatchingSettings.default()).group_min_size)
    infos: dict[str, tuple[PairInfo, list[str], int]] = {}
    candidates: list[str] = []
    finals: list[str] = []  # pairs with an order whose «Программа (ППН)» is empty
    notes: list[str] = []
    for row, raw in sorted(pairs_data.records.items()):
        pair_id = parsing.clean(raw.get("pair_id", ""))
        if not pair_id or pair_id in infos:
            continue
        info, reasons = _pair_info(row, raw, people, terms, notes)
        infos[pair_id] = (info, reasons, row)
        status = normalise_header(raw.get("status", ""))
        if status == normalise_header(APPROVED) and not parsing.clean(raw.get("order", "")):
            candidates.append(pair_id)
        elif (status in (normalise_header(ASSIGNED), normalise_header(FINISHED))
              and parsing.clean(raw.get("order", "")) and not parsing.clean(raw.get("programme", ""))):
            finals.append(pair_id)  # staff cleared the link: the programme made again, with the end's texts
    result.candidates = len(candidates)
    if not candidates and not finals:
        result.notes.append(ru_text(ru.DOCUMENTS, "nothing_to_do"))
        return finish_run(workspace, result, tables, ChangeSet(), clock, now)

    store = store or workspace.documents(settings.store_settings())
    prepare_templates(store, (PROGRAMME, ADDENDUM, ORDER_PAIRS), dry_run, result.notes)
    result.notes += config_notes(school, settings)
    existing = store.existing()
    in_order: dict[str, StoredDocument] = {}
    for doc in existing.values():
        if doc.kind == ORDER_PAIRS.key:
            for pid in doc.pairs:
                in_order.setdefault(pid, doc)
    recovered = [pid for pid in candidates if pid in in_order]
    fresh = []
    for pid in candidates:
        if pid in in_order:
            continue
        info, reasons, row = infos[pid]
        if reasons:
            result.held.append(HeldBack(pid, row, reasons))
        else:
            fresh.append(pid)
    result.notes += notes
    result.notes.append(ru_text(ru.DOCUMENTS, "summary_pairs").format(
        candidates=len(candidates), ready=len(fresh) + len(recovered), held=len(result.held)))
    result.notes += [h.line() for h in result.held]
    ready_finals = [pid for pid in finals if not infos[pid][1]]
    if len(ready_finals) < len(finals):
        result.notes += [HeldBack(pid, infos[pid][2], infos[pid][1]).line() for pid in finals if infos[pid][1]]
    if ready_finals:
        result.notes.append(ru_text(ru.DOCUMENTS, "final_programmes").format(count=len(ready_finals)))
    if dry_run:
        if fresh:
            result.notes.append(ru_text(ru.DOCUMENTS, "dry_order").format(count=len(fresh)))
        result.notes.append(ru_text(ru.DOCUMENTS, "dry_run"))
        result.finished = clock() if now is None else now
        return result

    programmes: dict[str, StoredDocument] = {}
    plans: dict[str, list[dict[str, str]]] = {}  # pair → its rows of «План мероприятий» (issue 19)
    for number, pid in enumerate(recovered + fresh, start=1):
        if progress is not None:
            progress(ru.TEXT["progress_programme"].format(pair=pid), number, len(recovered) + len(fresh))
        info = infos[pid][0]
        key = programme_key(pid)
        found = existing.get(key)
        # a programme made after the mentees answered at the end takes their self-analysis
        analysis = self_analysis_text(tables[SELF_ASSESSMENT.key], [m.email for m in info.mentees])
        # …and its mentor's final report, section 9.1 (issue 19: jobs.mentor_report)
        report = mentor_report_text(tables[MENTOR_REPORTS.key], pid, info.mentor.email)
        fill = programme_fill(info, catalog, school, settings, today, meetings=settings.meetings,
                              self_analysis=analysis, mentor_report=report)
        doc = store.create(PROGRAMME, _programme_name(info), fill, key, pairs=(pid,), found=found)
        programmes[pid] = doc
        plans[pid] = tab_rows(pid, fill.rows.get("plan", []), info.end)
        if found is None:
            result.programmes_created += 1
            result.created.append(doc)
        else:
            result.programmes_found += 1
    finals_made = {pid: _final_programme(store, existing, infos[pid][0], tables, catalog, school, settings, today,
                                         result) for pid in ready_finals}
    orders_of: dict[str, StoredDocument] = {}
    addenda = _Addenda(store, existing, school, settings, today, result)
    addenda.staff = {e for e, entry in people.items() if entry.tab == MENTORS.title}
    for doc in {in_order[pid].key: in_order[pid] for pid in recovered}.values():
        listed = [infos[p][0] for p in doc.pairs if p in infos]
        addenda.make(doc.key, listed)
        doc = store.create(ORDER_PAIRS, doc.name, order_pairs_fill(listed, school, settings, today), doc.key,
                           pairs=doc.pairs, found=doc)
        result.recovered_orders.append(doc)
        for pid in doc.pairs:
            orders_of[pid] = doc
        result.notes.append(ru_text(ru.DOCUMENTS, "order_found").format(count=len(doc.pairs), link=doc.link))
    if fresh:
        key = order_key(fresh)
        addenda.make(key, [infos[p][0] for p in fresh])
        found = existing.get(key)
        doc = store.create(ORDER_PAIRS, _order_name(fresh),
                           order_pairs_fill([infos[p][0] for p in fresh], school, settings, today),
                           key, pairs=fresh, found=found)
        result.order = doc
        if found is None:
            result.created.append(doc)
        for pid in fresh:
            orders_of[pid] = doc
        result.notes.append(ru_text(ru.DOCUMENTS, "order_created").format(count=len(fresh), link=doc.link))
    result.notes.append(ru_text(ru.DOCUMENTS, "programmes").format(created=result.programmes_created,
                                                          found=result.programmes_found))
    result.notes.append(ru_text(ru.DOCUMENTS, "addendum_created").format(created=addenda.created, found=addenda.found))
    changes = ChangeSet()
    aligned = 0
    for pid in recovered + fresh:
        info, _, row = infos[pid]
        ref = pairs_data.refs[row]
        changes.updates += [CellChange(ref, "order", orders_of[pid].link),
                            CellChange(ref, "programme", programmes[pid].link),
                            CellChange(ref, "status", ASSIGNED)]
        terms_changed = _terms_changes(ref, pairs_data.records[row], info)
        changes.updates += terms_changed
        aligned += bool(terms_changed)
        result.assigned.append(pid)
    for pid, doc in finals_made.items():
        changes.updates.append(CellChange(pairs_data.refs[infos[pid][2]], "programme", doc.link))
    if aligned:
        result.notes.append(ru_text(ru.DOCUMENTS, "pairs_aligned").format(count=aligned))
    result.notes += _plan_rows(tables[PLAN.key], plans, changes)
    result.notes += store.lines
    return finish_run(workspace, result, tables, changes, clock, now)


def _final_programme(store: DocumentStore, existing: Mapping[str, StoredDocument], info: PairInfo,
                     tables: Mapping[str, TableData], catalog: list[dict[str, str]], school: School,
                     settings: DocumentSettings, today: dt.date, result: OrdersResult) -> StoredDocument:
    """The programme of a pair with an order, made again at the end: the same plan and people, and
    the texts only the end has — the mentees' self-analysis and the mentor's final report (issue 19).
    Its key holds those texts, so a rerun finds it and a newer answer makes a new one; the programme
    of the order stays as it was."""
    analysis = self_analysis_text(tables[SELF_ASSESSMENT.key], [m.email for m in info.mentees])
    report = mentor_report_text(tables[MENTOR_REPORTS.key], info.pair_id, info.mentor.email)
    fill = programme_fill(info, catalog, school, settings, today, meetings=settings.meetings,
                          self_analysis=analysis, mentor_report=report)
    key = final_programme_key(info.pair_id, analysis, report)
    found = existing.get(key)
    name = ru_text(ru.DOCUMENTS, "final_programme_name").format(name=_programme_name(info))
    doc = store.create(PROGRAMME, name, fill, key, pairs=(info.pair_id,), found=found)
    if found is None:
        result.programmes_created += 1
        result.created.append(doc)
    else:
        result.programmes_found += 1
    return doc


def _plan_rows(plan: TableData, plans: Mapping[str, list[dict[str, str]]], changes: ChangeSet) -> list[str]:
    """Issue 19: the plans of the programmes into «План мероприятий», in the commit of the links —
    only for pairs with no row there yet (a rerun or a programme made again adds none)."""
    if not plan.ok:
        return [ru_text(ru.PLAN_TEXTS, "tab_unreadable").format(reason="; ".join(p.message for p in plan.problems))]
    added = plan_appends(plan, plans)
    for rows in added.values():
        for row in rows:
            changes.append(PLAN, row)
    if not added:
        return []
    return [ru_text(ru.PLAN_TEXTS, "rows_added").format(rows=sum(map(len, added.values())), pairs=len(added))]


def _terms_changes(ref: RowRef, raw: Mapping[str, str], info: PairInfo) -> list[CellChange]:
    """The «Пары» cells of start, end and form that differ from what the documents state."""
    changes = []
    for key, day in (("start", info.start), ("end", info.end)):
        if parse_day(parsing.clean(raw.get(key, ""))) != day:
            changes.append(CellChange(ref, key, f"{day:%d.%m.%Y}"))
    if normalise_header(raw.get("form", "")) != normalise_header(info.form):
        changes.append(CellChange(ref, "form", info.form))
    return changes


class _Addenda:
    """The labour-contract addenda of an order, one per mentor, each made once (its key: the
    order's key and the mentor's e-mail); made before the order, like the programmes."""

    def __init__(self, store: DocumentStore, existing: Mapping[str, StoredDocument], school: School,
                 settings: DocumentSettings, today: dt.date, result: OrdersResult):
        self.store, self.existing, self.school, self.settings, self.today = store, existing, school, settings, today
        self.result = result
        self.created = self.found = 0
        self.staff: set[str] | None = None  # this school's mentors (None: every pair's mentor)

    def make(self, order: str, pairs: Sequence[PairInfo]) -> None:
        by_mentor: dict[str, list[PairInfo]] = {}
        for pair in pairs:
            if self.staff is None or pair.mentor.email in self.staff:  # issue 20: not another school's mentor
                by_mentor.setdefault(pair.mentor.email, []).append(pair)
        for email, own in by_mentor.items():
            key = addendum_key(order, email)
            found = self.existing.get(key)
            mentor = own[0].mentor
            doc = self.store.create(ADDENDUM, f"{ADDENDUM.document} {listed(mentor.name)}",
                                    addendum_fill(mentor, own, self.school, self.settings, self.today), key,
                                    pairs=tuple(p.pair_id for p in own), found=found)
            if found is None:
                self.created += 1
                self.result.created.append(doc)
            else:
                self.found += 1


def config_notes(school: School, settings: DocumentSettings) -> list[str]:
    """What in the config makes the documents weaker: a head or coordinator that is no name (the
    «ФИО куратора» a new config holds — printed as written, never declined), a free-text payment
    clause (the addenda then name no size)."""
    d = ru.DOCUMENTS
    notes = [ru_text(d, "not_a_name").format(key=key, value=value)
             for key, value in (("head", school.head), ("coordinator", school.coordinator))
             if not is_person_name(value)]
    if settings.payment_terms.kind == "clause":
        notes.append(ru_text(d, "payment_clause_note"))
    return notes


def finish_run(workspace: Workspace, result: OrdersResult, tables: Mapping[str, TableData], changes: ChangeSet,
               clock: Callable[[], dt.datetime], now: dt.datetime | None) -> OrdersResult:
    """The run's end: its finishing time, and (not in a dry run) its «Журнал» row with `changes`
    in ONE commit."""
    result.finished = clock() if now is None else now
    if result.dry_run:
        return result
    if tables[LOG.key].ok:
        changes.append(LOG, log_row("orders", result.started, result.finished, "ok", result.notes,
                                    result.counts()))
    result.commit = workspace.commit(changes)
    lost = {ref.key for ref in result.commit.rows_lost if ref.table == PAIRS.key}
    if lost:
        result.notes.append(ru_text(ru.DOCUMENTS, "rows_lost").format(count=len(lost)))
    return result


__all__ = ["orders", "OrdersResult", "HeldBack", "TemplateError", "config_notes", "finish_run", "prepare_templates"]
