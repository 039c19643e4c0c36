"""Questionnaires on the Google backend: three Google Forms, and their responses.

Creating (`create_questionnaires`), per questionnaire not yet recorded: ``forms.create`` with the
title only (the API allows nothing else there) and a move into the workspace folder — or, for a
service account acting as itself (it has no storage and cannot own a form: Google refuses
``forms.create``), Drive ``files.create`` of the form type in the folder on the shared drive —
then ONE ``forms.batchUpdate`` with the title, description, e-mail collection
(``RESPONDER_INPUT``: Google's own e-mail field, so every response carries ``respondentEmail``)
and one ``createItem`` per question; the replies give the question ids, which the caller records
in the service tab. Then the form is published for the ``[google] responders``
(`sync.google.forms_publish`: new forms are unpublished since 30 June 2026). A recorded form is
re-used (one ``forms.get`` checks it still exists; questions added to the schema since are
created in it) and repaired if staff unpublished or closed it or removed its responders.

Reading (`read_responses`): one ``forms.get`` (to report questions that no longer match the
schema, naming the form and the question), then ``responses.list`` with
``filter=timestamp >= watermark − 5 min`` and pages of 5,000 — so the number of requests is set
by paging, not by the number of responses. The margin catches a response committed late with an
earlier timestamp; the caller de-duplicates on ``responseId`` + ``lastSubmittedTime``. Answers
are mapped by question id, so rewording a question in the form breaks nothing. A form that is
unpublished or closed is a problem of the batch (it reaches «Журнал»): teachers cannot answer.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from sheets_schema import ru
from sheets_schema.questionnaires import (
    CHECKBOX, CONSENT, DROPDOWN, PARAGRAPH, QUESTIONNAIRES, RADIO, SCALE, FormLink, Question,
    Questionnaire, Response, ResponseBatch,
)
from sync.google.credentials import source_of
from sync.google.errors import GoogleApiError, TransportError, explain
from sync.google.forms_publish import PublishState, publish_new, repair
from sync.google.retry import RetriesExhausted
from sync.workspace import QuestionnairesCreated, WorkspaceError

PAGE_SIZE = 5000
MARGIN = dt.timedelta(minutes=5)
EMAIL_COLLECTION = "RESPONDER_INPUT"
FORM_MIME = "application/vnd.google-apps.form"
# The school's time zone for response dates (a consent date is the response's local date);
# None: the time zone of the machine nastavnik runs on.
TIMEZONE: dt.tzinfo | None = None


def question_item(q: Question) -> dict[str, Any]:
    """The Forms ``Item`` of a question."""
    question: dict[str, Any] = {"required": q.required}
    if q.kind in (RADIO, CONSENT, DROPDOWN, CHECKBOX):
        kind = {CHECKBOX: "CHECKBOX", DROPDOWN: "DROP_DOWN"}.get(q.kind, "RADIO")
        options: list[dict[str, Any]] = [{"value": v} for v in q.options]
        if q.other_column:
            options.append({"isOther": True})
        question["choiceQuestion"] = {"type": kind, "options": options}
    elif q.kind == SCALE:
        question["scaleQuestion"] = {"low": q.low, "high": q.high,
                                     "lowLabel": ru.QUESTIONNAIRES["scale_low"],
                                     "highLabel": ru.QUESTIONNAIRES["scale_high"]}
    else:
        question["textQuestion"] = {"paragraph": q.kind == PARAGRAPH}
    item: dict[str, Any] = {"title": q.title, "questionItem": {"question": question}}
    if q.help:
        item["description"] = q.help
    return item


def form_requests(form: Questionnaire, questions: tuple[Question, ...], start: int = 0,
                  new_form: bool = True) -> list[dict[str, Any]]:
    """The batchUpdate requests that fill a form: info and settings (a new form), then items."""
    requests: list[dict[str, Any]] = []
    if new_form:  # the title too: a form made by Drive files.create has only the file's name
        requests.append({"updateFormInfo": {"info": {"title": form.title, "description": form.description},
                                            "updateMask": "title,description"}})
        requests.append({"updateSettings": {"settings": {"emailCollectionType": EMAIL_COLLECTION},
                                            "updateMask": "emailCollectionType"}})
    for offset, q in enumerate(questions):
        requests.append({"createItem": {"item": question_item(q), "location": {"index": start + offset}}})
    return requests


def _question_ids(replies: list[dict[str, Any]], questions: tuple[Question, ...]) -> dict[str, str]:
    created = [r["createItem"] for r in replies if "createItem" in r]
    return {q.key: c["questionId"][0] for q, c in zip(questions, created)}


def _form_questions(form_json: Mapping[str, Any]) -> dict[str, str]:
    """questionId → title of every question of a form as Google returns it."""
    found = {}
    for item in form_json.get("items", []):
        question = (item.get("questionItem") or {}).get("question")
        if question and question.get("questionId"):
            found[question["questionId"]] = item.get("title", "")
    return found


def _move_to_folder(client, form_id: str, folder_id: str) -> None:
    """forms.create puts a form in the creator's «Мой диск» root: keep it beside the spreadsheet."""
    if not folder_id:
        return
    parents = client.files_get(form_id, fields="parents").get("parents", [])
    client.files_update(form_id, {}, add_parents=folder_id, remove_parents=",".join(parents))


def owns_no_storage(credentials) -> bool:
    """A service account acting as itself (no domain-wide delegation): Google lets it own no
    file, so it cannot ``forms.create`` — its forms are made by Drive in a shared drive."""
    source = source_of(credentials)
    subject = source.subject if source is not None else getattr(credentials, "_subject", None)
    return bool(getattr(credentials, "service_account_email", None)) and not subject


def _new_form(workspace, form: Questionnaire) -> tuple[str, str]:
    """An empty form in the workspace folder: its id and revision ("" when Drive made it)."""
    client = workspace.client
    if owns_no_storage(client.credentials):
        if not workspace.folder_id:
            raise WorkspaceError(ru.FORMS_PUBLISH["no_shared_drive"].format(folder="—"))
        try:
            body = {"name": form.title, "mimeType": FORM_MIME, "parents": [workspace.folder_id],
                    "appProperties": {"nastavnik": "form", "nastavnik_kind": form.key}}
            q = (f"'{workspace.folder_id}' in parents and trashed = false and "
                 f"appProperties has {{ key='nastavnik_kind' and value='{form.key}' }}")

            def landed(exc: Exception) -> dict[str, Any] | None:  # a create whose answer was lost
                files = client.files_list(q, fields="files(id,createdTime)").get("files", [])
                return min(files, key=lambda f: f.get("createdTime", "")) if files else None
            return client.files_create(body, landed=landed)["id"], ""
        except GoogleApiError as exc:
            if exc.reason != "storageQuotaExceeded":
                raise
            raise WorkspaceError(ru.FORMS_PUBLISH["no_shared_drive"].format(folder=workspace.folder_id)) from exc
    try:
        made = client.forms_create(form.title, landed=_form_landed(client, form.title))
    except GoogleApiError as exc:
        if exc.code != 403:
            raise
        who = getattr(client.credentials, "service_account_email", "") or ""
        raise WorkspaceError(ru.FORMS_PUBLISH["forms_create_refused" if who else "forms_create_refused_user"].format(
            form=form.title, code=exc.code, status=exc.status or exc.reason, message=exc.message, who=who)) from exc
    _move_to_folder(client, made["formId"], workspace.folder_id)
    return made["formId"], made.get("revisionId", "")


def _form_landed(client, title: str):
    """A ``landed`` for ``forms.create``, which marks nothing: an empty form of this title that
    the caller can see and nobody recorded — what a create whose answer was lost leaves."""
    quoted = title.replace("\\", "\\\\").replace("'", "\\'")
    q = f"mimeType = '{FORM_MIME}' and name = '{quoted}' and trashed = false"

    def look(exc: Exception) -> dict[str, Any] | None:
        files = client.files_list(q, fields="files(id,createdTime)").get("files", [])
        for f in sorted(files, key=lambda f: f.get("createdTime", ""), reverse=True):
            got = client.forms_get(f["id"])
            if not got.get("items"):
                return got
        return None
    return look


def _fill_form(client, form_id: str, form: Questionnaire, questions: tuple[Question, ...], *,
               start: int = 0, new_form: bool = True, revision: str = "") -> dict[str, Any]:
    """ONE ``forms.batchUpdate`` adding `questions`, sent at the form's revision so that a repeat
    after a lost answer is refused instead of adding every question twice; then the form is read
    and the questions found by title. The answer: ``{"form": …, "ids": question key → id}``."""
    revision = revision or client.forms_get(form_id).get("revisionId", "")
    titles = {q.title for q in questions}

    def landed(exc: Exception) -> dict[str, Any] | None:
        got = client.forms_get(form_id)
        present = set(_form_questions(got).values())
        return {"form": got, "replies": []} if titles <= present else None

    answer = client.forms_batch_update(form_id, form_requests(form, questions, start=start, new_form=new_form),
                                       include_form=True, required_revision=revision, landed=landed)
    made = answer.get("form") or client.forms_get(form_id)
    ids = _question_ids(answer.get("replies", []), questions)
    if len(ids) < len(questions):  # the answer was lost: the form tells which id each question got
        by_title = {title: qid for qid, title in _form_questions(made).items()}
        ids = {q.key: by_title[q.title] for q in questions if q.title in by_title}
    return {"form": made, "ids": ids}


def create_questionnaires(workspace, links: Mapping[str, FormLink]) -> QuestionnairesCreated:
    """Create the forms not in `links`; re-use (and complete) those that are; publish them all
    for the workspace's responders. A failure names the questionnaire it stopped at."""
    done = QuestionnairesCreated()
    for form in QUESTIONNAIRES:
        try:
            _one_questionnaire(workspace, form, links.get(form.key), done)
        except GoogleApiError as exc:
            raise WorkspaceError(ru.FORMS_PUBLISH["form_failed"].format(
                form=form.title, reason=_said(exc))) from exc
        except RetriesExhausted as exc:
            raise RetriesExhausted(ru.FORMS_PUBLISH["form_failed"].format(form=form.title, reason=exc),
                                   exc.operation, exc.attempts, exc.last) from exc
    return done


def _said(exc: GoogleApiError) -> str:
    return f"{exc.operation}: Google ответил {exc.code} {exc.status or exc.reason} — {exc.message}"


def _one_questionnaire(workspace, form: Questionnaire, link: FormLink | None, done: QuestionnairesCreated) -> None:
    client = workspace.client
    responders = workspace.responders
    if link is not None:
        try:
            got = client.forms_get(link.form_id)
        except GoogleApiError as exc:
            if exc.code not in (403, 404):
                raise
        else:
            url = got.get("responderUri", link.url)
            done.lines.append(ru.INGEST["reused"].format(form=form.title, url=url))
            present = _form_questions(got)
            missing = tuple(q for q in form.form_questions if link.question_ids.get(q.key) not in present)
            if missing:
                filled = _fill_form(client, link.form_id, form, missing, start=len(got.get("items", [])),
                                    new_form=False, revision=got.get("revisionId", ""))
                done.links[form.key] = FormLink(link.form_id, url, {**link.question_ids, **filled["ids"]})
            _publishing(done, lambda: repair(client, got, form.title, responders), url)
            return
    form_id, revision = _new_form(workspace, form)
    filled = _fill_form(client, form_id, form, form.form_questions, revision=revision)
    made = filled["form"]
    url = made.get("responderUri", "")
    done.links[form.key] = FormLink(form_id, url, filled["ids"])
    done.lines.append(ru.INGEST["created"].format(form=form.title, url=url))
    _publishing(done, lambda: publish_new(client, made, form.title, responders), url)


def _publishing(done: QuestionnairesCreated, step, url: str) -> None:
    """Run a publishing step; a refusal (or Google not answering) is reported after the links
    are recorded, so a run again repairs the same form instead of making another."""
    try:
        done.lines += step()
    except WorkspaceError as exc:
        done.problems.append(str(exc))
    except GoogleApiError as exc:
        done.problems.append(explain(exc, url))
    except (TransportError, RetriesExhausted) as exc:
        done.problems.append(str(exc))


def parse_time(text: str) -> dt.datetime:
    """An RFC 3339 timestamp of the Forms API (``2025-09-01T08:00:00.250Z``) → aware datetime."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def format_time(moment: dt.datetime) -> str:
    moment = moment.astimezone(dt.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{moment.microsecond:06d}Z" if moment.microsecond else "Z")


def local_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(TIMEZONE).replace(tzinfo=None)


def read_responses(workspace, questionnaire: Questionnaire, since: str | None,
                   link: FormLink | None) -> ResponseBatch:
    """Responses since the watermark `since` (RFC 3339; None: all), mapped by question id."""
    batch = ResponseBatch(watermark=since)
    if link is None:
        batch.problems.append(ru.FORMS_PUBLISH["not_created"].format(form=questionnaire.title))
        return batch
    client = workspace.client
    with workspace.google_errors():
        try:
            form_json = client.forms_get(link.form_id)
        except GoogleApiError as exc:
            if exc.code not in (403, 404):
                raise
            batch.problems.append(ru.INGEST["form_missing"].format(
                form=questionnaire.title, form_id=link.form_id, reason=f"{exc.code} {exc.message}"))
            return batch
        state = PublishState.of(form_json)
        if not state.published or not state.accepting:
            key = "ingest_not_published" if not state.published else "ingest_closed"
            batch.problems.append(ru.FORMS_PUBLISH[key].format(form=questionnaire.title, form_id=link.form_id))
        titles = _form_questions(form_json)
        by_id = {qid: key for key, qid in link.question_ids.items()}
        for q in questionnaire.form_questions:
            if link.question_ids.get(q.key) not in titles:
                batch.problems.append(ru.INGEST["missing_question"].format(
                    form=questionnaire.title, form_id=link.form_id, question=q.title, column=ru.HEADERS[q.column]))
        asked = frozenset({"email"} | {by_id[qid] for qid in titles if qid in by_id})
        flt = f"timestamp >= {format_time(parse_time(since) - MARGIN)}" if since else ""
        latest = parse_time(since) if since else None
        latest_text = since
        found: dict[str, Response] = {}
        unknown: set[str] = set()
        token = None
        while True:
            page = client.responses_list(link.form_id, flt, token, PAGE_SIZE)
            for item in page.get("responses", []):
                version = item.get("lastSubmittedTime") or item.get("createTime", "")
                moment = parse_time(version)
                answers = {}
                for qid, answer in (item.get("answers") or {}).items():
                    question = by_id.get(qid)
                    if question is None:
                        unknown.add(qid)
                        continue
                    answers[question] = tuple(a.get("value", "") for a in (answer.get("textAnswers") or {}).get("answers", []))
                response = Response(
                    questionnaire=questionnaire.key, response_id=item["responseId"], version=version,
                    submitted=local_time(moment), email=item.get("respondentEmail", ""), answers=answers,
                    asked=asked, source=link.form_id)
                known = found.get(response.response_id)
                if known is None or parse_time(known.version) <= moment:
                    found[response.response_id] = response
                if latest is None or moment > latest:
                    latest, latest_text = moment, version
            token = page.get("nextPageToken")
            if not token:
                break
    for qid in sorted(unknown):
        batch.problems.append(ru.INGEST["unknown_question"].format(
            form=questionnaire.title, form_id=link.form_id, question=titles.get(qid, qid)))
    batch.responses = list(found.values())
    batch.watermark = latest_text
    return batch
