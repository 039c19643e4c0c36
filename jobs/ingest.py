"""`ingest`: questionnaire responses into the banks and «Мониторинг», each response once.

One run: read the banks, «Пары», «Мониторинг», the hidden service tab and «Журнал" (one read);
ask the backend for each questionnaire's responses since its watermark; skip those already
processed (same response id and version); then ONE commit of everything:

- banks, by normalised e-mail — a new person is appended; a known person's questionnaire-owned
  columns take the values of their latest response. Staff-owned columns are never written. A
  questionnaire-owned cell staff changed since ingest last wrote it (its hash in the service tab
  differs) keeps the staff's value and the conflict is reported in «Журнал» (the run's details
  line): never resolved silently. A row typed by staff that ingest never wrote counts as staff's.
- consent: «да» sets the consent date to the response's date (an existing date is kept); «нет»
  clears it — a withdrawal, recorded in «Журнал», and it wins over a staff-entered date. Staff
  clearing a date ingest had written is recorded in «Журнал» too. The empty date makes `validate`
  give the row «Нет согласия», which every later job excludes.
- monitoring responses are appended to «Мониторинг», linked to the pair on «Пары» by the
  respondent's and the partner's e-mails; an edited response updates its row.
- the service tab records each processed response (id → version), the new watermark and, per
  person, hashes of the values written.
- «Журнал» gets one row per run that found something (responses, problems, withdrawals); a run
  with nothing new writes nothing at all.

Answers are stored as given (`validate` marks what fails a rule), as text (RAW) — less the
control characters no sheet can hold (`control_chars.clean_answer`: removed from every new
response, whatever the backend, each removal noted in «Журнал» with the file and row or the form
and respondent, and the question; the note shows the character as «U+001B», never raw). A source
problem (an export header that is no question, a file that cannot be read, a question missing
from a Google form) is reported and the rest goes on; nothing stored is removed. The same
response in several exports counts once: the latest copy, a complete one before one from a file
with a column not taken.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Callable

from sheets_schema import ru, vocabulary
from sheets_schema.control_chars import LINE_BREAK_CHARS, clean_answer, code_point, shown
from sheets_schema.grid import RowRef, StructureProblem, TableData
from sheets_schema.parsing import clean, normalise_choice, parse_bool, split_multi
from sheets_schema.questionnaires import (
    CONSENT, MONITORING_FORM, PERSON_RECORD, QUESTIONNAIRES, RESPONSE_RECORD, UNKNOWN_HASH,
    WATERMARK_RECORD, IngestState, Questionnaire, Response, cell_values, encode_hashes, link_rows,
    normalise_email, state_row, value_hash,
)
from sheets_schema.tables import BANKS, INGEST_STATE, LOG, MONITORING, PAIRS, SELF_ASSESSMENT
from sheets_schema.tables import MENTEES, MENTOR_REPORTS
from sync.workspace import (
    CellChange, ChangeSet, CommitReport, QuestionnairesCreated, QuestionnairesNotOpen, Workspace,
)
from jobs.documents.texts import ru_text
from jobs.result import NO_COUNTS, Counts
from jobs.runlog import TIME_FORMAT, log_row

from sync.errors import EXIT_OK, EXIT_STRUCTURE
DATE_FORMAT = "%d.%m.%Y"
CONSENT_COLUMN = "pd_consent"
LAST_APPLIED = "@"  # in a person's hashes: when the response last applied was submitted
STOPPED_PAIR = vocabulary.PAIR_STATUS_STOPPED


@dataclass
class IngestResult:
    started: dt.datetime
    finished: dt.datetime
    new: int = 0  # responses not processed before
    appended: dict[str, int] = field(default_factory=dict)  # tab title → people added
    updated: int = 0  # cells of known people changed
    monitoring: int = 0
    conflicts: list[str] = field(default_factory=list)
    withdrawals: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # of the sources: files, forms
    structure: list[StructureProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    commit: CommitReport = field(default_factory=CommitReport)

    @property
    def outcome(self) -> str:
        if self.structure or self.problems:
            return "structure"
        return "rows" if self.conflicts else "ok"

    @property
    def exit_code(self) -> int:
        return EXIT_STRUCTURE if self.structure or self.problems else EXIT_OK

    def summary(self) -> str:
        return ru_text(ru.INGEST, "summary").format(
            new=self.new, appended=sum(self.appended.values()), updated=self.updated,
            conflicts=len(self.conflicts), withdrawals=len(self.withdrawals), monitoring=self.monitoring)

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        return ([p.message for p in self.structure] + self.problems + [self.summary()]
                + self.withdrawals + self.conflicts + self.notes)


def prepare_questionnaires(workspace: Workspace) -> QuestionnairesCreated:
    """Create the questionnaires (Google forms, or local documents) and record new form links.

    Run again, it re-uses the forms recorded in the service tab.
    """
    state_data = workspace.read([INGEST_STATE])[INGEST_STATE.key]
    state = IngestState.read(state_data) if state_data.ok else IngestState()
    created = workspace.create_questionnaires(dict(state.links))
    changes = ChangeSet()
    for key, link in created.links.items():
        for row in link_rows(key, link):
            ident = (row["record"], key, row["record_key"])
            if ident in state.refs:
                changes.updates.append(CellChange(state.refs[ident], "record_value", row["record_value"]))
            else:
                changes.append(INGEST_STATE, row)
    workspace.commit(changes)
    if created.problems:
        raise QuestionnairesNotOpen(ru.FORMS_PUBLISH["not_open"].format(reason=" ".join(dict.fromkeys(created.problems))))
    return created


@dataclass
class _Run:
    """What one run accumulates before its single commit."""

    state: IngestState
    now: dt.datetime
    result: IngestResult
    changes: ChangeSet = field(default_factory=ChangeSet)
    # (form, response id) whose writes went to a row (ref), to undo their record if that row is lost
    by_ref: dict[RowRef, list[tuple[str, str]]] = field(default_factory=dict)

    # service-tab rows appended by this run, by (record, form, key)
    appended: dict[tuple[str, str, str], dict[str, str]] = field(default_factory=dict)
    # a person's record (ident, value) as read, by the row this run updates: restored if that row is lost
    persons_before: dict[RowRef, tuple[tuple[str, str, str], str]] = field(default_factory=dict)

    def record_state(self, kind: str, form: str, key: str, value: str) -> None:
        """Set a record of the service tab: update its row in place, or append one."""
        ident = (kind, form, key)
        ref = self.state.refs.get(ident)
        if ident in self.appended:
            self.appended[ident]["record_value"] = value
        elif ref is None:
            self.appended[ident] = state_row(kind, form, key, value)
            self.changes.append(INGEST_STATE, self.appended[ident])
        elif self.state.values.get(ident) != value:
            self.changes.updates.append(CellChange(ref, "record_value", value))
        self.state.values[ident] = value


def ingest(workspace: Workspace, now: dt.datetime | None = None,
           clock: Callable[[], dt.datetime] = dt.datetime.now,
           progress: Callable[[str, int, int], None] | None = None) -> IngestResult:
    """Run the ingest job (see the module docstring) and return what it did."""
    started = now or clock()
    result = IngestResult(started=started, finished=started)
    tables = workspace.read([*BANKS, MONITORING, PAIRS, INGEST_STATE, LOG, SELF_ASSESSMENT, MENTOR_REPORTS])
    state_data = tables[INGEST_STATE.key]
    if not state_data.ok:
        result.structure += state_data.problems
        _finish(workspace, result, tables, ChangeSet(), now, clock)
        return result
    run = _Run(IngestState.read(state_data), started, result=result)
    for number, form in enumerate(QUESTIONNAIRES, start=1):
        if progress is not None:  # issue 21: a terminal sees each questionnaire (jobs.cli.progress)
            progress(form.title, number, len(QUESTIONNAIRES))
        data = tables[form.table.key]
        if form.table in (SELF_ASSESSMENT, MENTOR_REPORTS) and not data.width:  # a workspace older than the tab
            continue  # (issue 19): its answers wait for `upgrade-workspace`, nothing else is held up
        if not data.ok:
            result.structure += [p for p in data.problems if p not in result.structure]
            continue
        batch = workspace.read_responses(form, run.state.watermarks.get(form.key), run.state.links.get(form.key))
        # a backend's problem may quote what staff typed (a Google question's title): shown safe
        result.problems += [p for p in map(shown, batch.problems) if p not in result.problems]
        latest: dict[str, Response] = {}
        for response in batch.responses:  # the same response in several exports: the latest copy
            known = latest.get(response.response_id)
            if known is None or _order(response) > _order(known):
                latest[response.response_id] = response
        fresh = sorted((r for r in latest.values() if not run.state.processed(r)),
                       key=lambda r: (r.submitted, r.response_id))
        responses = [_clean_answers(run, form, r) for r in fresh]
        result.new += len(responses)
        if form is MONITORING_FORM:
            _apply_monitoring(run, data, tables[PAIRS.key], responses)
        elif form.table is SELF_ASSESSMENT:  # issue 19: «Самооценка» (jobs.self_assessment)
            _apply_self_assessment(run, data, tables[PAIRS.key], responses)
        elif form.table is MENTOR_REPORTS:  # issue 19: «Отчёты наставников» (jobs.mentor_report)
            _apply_mentor_reports(run, data, tables, responses)
        else:
            _apply_bank(run, form, data, responses)
        for response in responses:
            run.record_state(RESPONSE_RECORD, form.key, response.response_id, response.version)
        if batch.watermark and batch.watermark != run.state.watermarks.get(form.key):
            run.record_state(WATERMARK_RECORD, form.key, "", batch.watermark)
    _staff_withdrawals(run, tables)
    _finish(workspace, result, tables, run.changes, now, clock)
    _undo_lost(workspace, run)
    return result


def _order(response: Response) -> tuple[dt.datetime, bool, str]:
    """Which copy of a response counts: the latest; at the same time, one whose source had every
    column taken (`Response.complete`)."""
    return response.submitted, response.complete, response.version


def _note(run: _Run, text: str) -> None:
    if text not in run.result.notes:
        run.result.notes.append(text)


def _clean_answers(run: _Run, form: Questionnaire, response: Response) -> Response:
    """The response without control characters (see `control_chars`), each removal noted in
    «Журнал» with where it was — for both backends — and the source's own notes."""
    for note in response.notes:
        _note(run, note)
    where = (ru_text(ru.INGEST, "where_file").format(file=shown(response.source), row=response.row) if response.row
             else ru_text(ru.INGEST, "where_form").format(form=form.title, who=shown(response.email) or response.response_id))
    titles = {q.key: q.title for q in form.questions}
    answers: dict[str, tuple[str, ...]] = {}
    for key, values in response.answers.items():
        cleaned = [clean_answer(v) for v in values]
        answers[key] = tuple(text for text, _ in cleaned)
        found = list(dict.fromkeys(c for _, chars in cleaned for c in chars))
        if found:
            _note(run, ru_text(ru.INGEST, "control_chars").format(
                where=where, question=titles.get(key, key), chars=_described(found)))
    email, found = clean_answer(response.email)
    if found:
        _note(run, ru_text(ru.INGEST, "control_chars").format(
            where=where, question=titles.get("email", "email"), chars=_described(found)))
    if answers == dict(response.answers) and email == response.email:
        return response
    return replace(response, answers=answers, email=email)


def _described(chars: list[str]) -> str:
    return ", ".join(ru_text(ru.INGEST, "line_break_char").format(code=code_point(c)) if c in LINE_BREAK_CHARS
                     else code_point(c) for c in chars)


def _finish(workspace: Workspace, result: IngestResult, tables: dict[str, TableData], changes: ChangeSet,
            now: dt.datetime | None, clock: Callable[[], dt.datetime]) -> None:
    """Log the run in «Журнал» — unless it found nothing at all (a quiet night writes nothing) —
    and commit."""
    result.finished = clock() if now is None else now
    quiet = not (changes or result.new or result.problems or result.structure or result.withdrawals)
    if quiet:
        return
    if tables[LOG.key].ok:
        changes.append(LOG, log_row("ingest", result.started, result.finished, result.outcome, result.lines(), result.counts()))
    else:
        result.structure += tables[LOG.key].problems
    result.commit = workspace.commit(changes)


# --- banks -----------------------------------------------------------------------------------
def _consent_date(response: Response) -> str:
    return response.submitted.strftime(DATE_FORMAT)


def _apply_bank(run: _Run, form: Questionnaire, data: TableData, responses: list[Response]) -> None:
    table = data.table
    index: dict[str, int] = {}
    for at in sorted(data.records):
        key = normalise_email(data.records[at].get("email", ""))
        if key:
            index.setdefault(key, at)
    latest: dict[str, Response] = {}
    for r in responses:  # in order of submission: the latest response of a person wins
        key = normalise_email(r.email) or f"#{r.response_id}"
        latest[key] = r
    consents = {q.column for q in form.questions if q.kind == CONSENT}
    for key, response in latest.items():
        base = run.state.persons.get((table.key, key))
        if base and base.get(LAST_APPLIED, "") > response.submitted.isoformat():
            continue  # an older response than the one applied (an old export dropped late)
        values = cell_values(form, response)
        for column in consents & set(values):
            values[column] = "yes" if parse_bool(values[column])[0] else ""
        if key in index:
            hashes = _update_person(run, form, data, index[key], response, values, base)
            ident = (PERSON_RECORD, table.key, key)
            run.persons_before.setdefault(data.refs[index[key]], (ident, run.state.values.get(ident, "")))
        else:
            row = {c: (_consent_date(response) if v == "yes" else "") if c in consents else v
                   for c, v in values.items()}
            run.changes.append(table, row)
            run.result.appended[table.title] = run.result.appended.get(table.title, 0) + 1
            hashes = {c: value_hash(v) for c, v in row.items()}
        if not key.startswith("#"):
            hashes[LAST_APPLIED] = response.submitted.isoformat()
            run.record_state(PERSON_RECORD, table.key, key, encode_hashes(hashes))


def _update_person(run: _Run, form: Questionnaire, data: TableData, row: int, response: Response,
                   values: dict[str, str], base: dict[str, str] | None) -> dict[str, str]:
    """Cell changes of a known person's row; returns the hashes of what the row now holds."""
    table = data.table
    ref = data.refs[row]
    current = data.records[row]
    hashes = dict(base or {})
    hashes.pop(LAST_APPLIED, None)
    for column, answer in values.items():
        if column not in data.positions:
            continue
        old = current.get(column, "")
        withdrawal = False
        if table.column(column).kind == "date" and column in {q.column for q in form.questions if q.kind == CONSENT}:
            new = (old if clean(old) else _consent_date(response)) if answer == "yes" else ""
            withdrawal = column == CONSENT_COLUMN and not new and bool(clean(old))
        else:
            new = answer
        if clean(new) == clean(old):
            hashes[column] = value_hash(old)
            continue
        previous = base.get(column) if base else None
        by_staff = bool(clean(old)) if previous is None else previous != value_hash(old)
        if by_staff and not withdrawal:
            run.result.conflicts.append(ru_text(ru.INGEST, "conflict").format(
                tab=table.title, email=response.email, column=ru.HEADERS[column], current=old,
                answer=new, date=response.submitted.strftime(TIME_FORMAT)))
            hashes[column] = previous if previous is not None else UNKNOWN_HASH
            continue
        if withdrawal:
            run.result.withdrawals.append(ru_text(ru.INGEST, "withdrawn_form").format(
                tab=table.title, email=response.email, date=response.submitted.strftime(TIME_FORMAT)))
        run.changes.updates.append(CellChange(ref, column, new))
        run.by_ref.setdefault(ref, []).append((form.key, response.response_id))
        run.result.updated += 1
        hashes[column] = value_hash(new)
    return hashes


def _staff_withdrawals(run: _Run, tables: dict[str, TableData]) -> None:
    """Consent dates ingest wrote that staff has since cleared: record the withdrawal once."""
    for table in BANKS:
        data = tables[table.key]
        if not data.ok or CONSENT_COLUMN not in data.positions:
            continue
        for row, rec in sorted(data.records.items()):
            key = normalise_email(rec.get("email", ""))
            ident = (PERSON_RECORD, table.key, key)
            hashes = run.state.persons.get((table.key, key))
            if not key or hashes is None or clean(rec.get(CONSENT_COLUMN, "")):
                continue
            if run.state.values.get(ident) != encode_hashes(hashes):
                continue  # rewritten by this run's response
            if hashes.get(CONSENT_COLUMN) not in ("", None):
                run.result.withdrawals.append(ru_text(ru.INGEST, "withdrawn_staff").format(tab=table.title, email=rec.get("email", "")))
                hashes = {**hashes, CONSENT_COLUMN: ""}
                run.record_state(PERSON_RECORD, table.key, key, encode_hashes(hashes))


# --- monitoring --------------------------------------------------------------------------------
def _pairs(data: TableData) -> list[tuple[str, str, list[str], str]]:
    out: list[tuple[str, str, list[str], str]] = []
    if not data.ok:
        return out
    for row, rec in sorted(data.records.items()):
        pair_id = clean(rec.get("pair_id", ""))
        if pair_id:
            out.append((pair_id, normalise_email(rec.get("mentor_email", "")),
                        [normalise_email(e) for e in split_multi(rec.get("mentee_emails", ""))],
                        normalise_choice(rec.get("status", ""))))
    return out


def link_pair(pairs: list[tuple[str, str, list[str], str]], email: str, partner: str, role: str) -> tuple[str, str]:
    """(pair id, message): the pair of a monitoring respondent, or why none was chosen."""
    roles = vocabulary.ROLES
    role_norm = normalise_choice(role)
    found = []
    for pair_id, mentor, mentees, status in pairs:
        as_mentor = email == mentor and (not partner or partner in mentees)
        as_mentee = email in mentees and (not partner or partner == mentor)
        if role_norm == normalise_choice(vocabulary.ROLE_MENTOR):
            as_mentee = False
        elif role_norm == normalise_choice(vocabulary.ROLE_MENTEE):
            as_mentor = False
        if as_mentor or as_mentee:
            found.append((pair_id, status))
    if len(found) > 1:
        active = [f for f in found if f[1] != STOPPED_PAIR]
        found = active or found
    if len(found) == 1:
        return found[0][0], ""
    if not found:
        with_partner = ru_text(ru.INGEST, "pair_partner").format(partner=partner) if partner else ""
        return "", ru_text(ru.INGEST, "pair_not_found").format(email=email, role=role or "/".join(roles), partner=with_partner)
    return "", ru_text(ru.INGEST, "pair_ambiguous").format(ids=", ".join(f[0] for f in found))


def _apply_monitoring(run: _Run, data: TableData, pairs_data: TableData, responses: list[Response]) -> None:
    pairs = _pairs(pairs_data)
    existing: dict[tuple[str, str], int] = {}
    for at, rec in sorted(data.records.items()):
        key = (normalise_email(rec.get("email", "")),
               clean(rec.get("pair_id", "")) or normalise_email(rec.get("partner_email", "")))
        existing.setdefault(key, at)
    pending: dict[tuple[str, str], dict[str, str]] = {}
    for response in responses:
        values = cell_values(MONITORING_FORM, response)
        email, partner = normalise_email(response.email), normalise_email(values.get("partner_email", ""))
        pair_id, message = link_pair(pairs, email, partner, values.get("role", ""))
        row = {**values, "submitted": response.submitted.strftime(TIME_FORMAT), "pair_id": pair_id,
               "message": message}
        key = (email, pair_id or partner)
        if not email:
            key = ("#" + response.response_id, "")
        if key in existing:
            at = existing[key]
            ref = data.refs[at]
            for column, value in row.items():
                if column in data.positions and data.records[at].get(column, "") != value:
                    run.changes.updates.append(CellChange(ref, column, value))
                    run.by_ref.setdefault(ref, []).append((MONITORING_FORM.key, response.response_id))
        elif key in pending:
            pending[key].clear()
            pending[key].update(row)
        else:
            pending[key] = row
            run.changes.append(MONITORING, row)
        run.result.monitoring += 1


# --- the mentee's self-assessment (issue 19) ---------------------------------------------------
def _apply_self_assessment(run: _Run, data: TableData, pairs_data: TableData, responses: list[Response]) -> None:
    from jobs.self_assessment import assessment_changes

    updates, appends = assessment_changes(data, pairs_data, responses)
    for change, response in updates:
        run.changes.updates.append(change)
        run.by_ref.setdefault(change.ref, []).append((response.questionnaire, response.response_id))
    for row in appends:
        run.changes.append(SELF_ASSESSMENT, row)


# --- the mentor's final report (issue 19) -----------------------------------------------------
def _apply_mentor_reports(run: _Run, data: TableData, tables: dict[str, TableData], responses: list[Response]) -> None:
    from jobs.mentor_report import report_changes

    updates, appends, lines = report_changes(data, tables[PAIRS.key], tables[MENTEES.key], responses)
    for change, response in updates:
        run.changes.updates.append(change)
        run.by_ref.setdefault(change.ref, []).append((response.questionnaire, response.response_id))
    for row in appends:
        run.changes.append(MENTOR_REPORTS, row)
    for line in lines:
        _note(run, line)


# --- rows edited during the run --------------------------------------------------------------
def _undo_lost(workspace: Workspace, run: _Run) -> None:
    """Rows edited between read and write got none of their changes: forget that their
    responses were processed, so the next run applies them (a second, small commit)."""
    lost = [ref for ref in run.result.commit.rows_lost if ref in run.by_ref]
    if not lost:
        return
    for key in sorted({ref.table for ref in lost}):
        count = sum(1 for ref in lost if ref.table == key)
        run.result.notes.append(ru_text(ru.INGEST, "rows_changed").format(tab=ru.TABS[key], count=count))
    data = workspace.read([INGEST_STATE])[INGEST_STATE.key]
    if not data.ok:
        return
    fresh = IngestState.read(data)
    changes = ChangeSet()
    forms = set()
    for ref in lost:
        for form, response_id in run.by_ref[ref]:
            ident = (RESPONSE_RECORD, form, response_id)
            if ident in fresh.refs:
                changes.updates.append(CellChange(fresh.refs[ident], "record_value", ""))
                forms.add(form)
    for ref in lost:  # the hashes of values never written would pass the cells off as staff's
        if ref in run.persons_before:
            ident, value = run.persons_before[ref]
            if ident in fresh.refs:
                changes.updates.append(CellChange(fresh.refs[ident], "record_value", value))
    for form in forms:  # read everything again next time; processed ids keep it exactly-once
        ident = (WATERMARK_RECORD, form, "")
        if ident in fresh.refs:
            changes.updates.append(CellChange(fresh.refs[ident], "record_value", ""))
    workspace.commit(changes)


__all__ = ["IngestResult", "ingest", "link_pair", "prepare_questionnaires"]
