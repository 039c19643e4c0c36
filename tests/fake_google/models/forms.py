"""Forms v1: forms (items with Google-style 8-hex ids), revisions, and responses.

``responses.list`` filters on ``lastSubmittedTime`` (``timestamp > T`` / ``timestamp >= T``),
returns responses oldest first, pages of up to 5000, and a page token only works with the
filter it was issued for. Editing a response keeps its ``responseId`` and ``createTime`` and
moves ``lastSubmittedTime``. ``respondentEmail`` is returned only when the form collects
e-mails (settings.emailCollectionType VERIFIED or RESPONDER_INPUT), as with Google. Reading
responses needs edit access to the form (respondents and viewers cannot).

Publishing, as Google has it since forms created through the API after 30 June 2026: a new form
(``forms.create``, or Drive ``files.create``/``files.copy`` of the form type) is UNPUBLISHED and
accepts no answers until ``forms.setPublishSettings`` publishes it; ``forms.get`` shows
``publishSettings.publishState``. Who may answer a published form is set by Drive permissions of
the «published» view (``permissions.create`` with ``view: "published"``, role reader; type
anyone, domain, group or user); the form's owner and editors may always answer. A legacy form
(``FormsModel.legacy_publishing = True`` when it was made) has no ``publishSettings``, answers
``setPublishSettings`` with an error, and takes answers from anyone, as every form did before.
"""
from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..auth import is_service_account
from ..clock import Ids, now, parse_rfc3339
from ..fields import apply_mask
from .drive import FORM, READER, WRITER, DriveModel, File

MAX_PAGE = 5000
_FILTER_RE = re.compile(r"^\s*timestamp\s*(>=|>)\s*(\S+)\s*$")
QUESTION_KINDS = ("choiceQuestion", "dateQuestion", "fileUploadQuestion", "ratingQuestion",
                  "rowQuestion", "scaleQuestion", "textQuestion", "timeQuestion")
ITEM_KINDS = ("questionItem", "questionGroupItem", "pageBreakItem", "textItem", "imageItem",
              "videoItem")


def timestamp_json(moment: dt.datetime) -> str:
    """A protobuf Timestamp as Google prints it: 0, 3 or 6 fractional digits."""
    base = moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    micro = moment.microsecond
    if not micro:
        return base + "Z"
    if micro % 1000 == 0:
        return f"{base}.{micro // 1000:03d}Z"
    return f"{base}.{micro:06d}Z"


class SubmissionRefused(errors.GoogleError):
    """A respondent could not submit: ``reason`` says why (what the responder page would show).

    formNotPublished, formNotAcceptingResponses, signInRequired (only signed-in people may
    answer and the respondent is anonymous), responderNotAllowed (signed in, not a responder)."""

    code, status, reason = 403, "PERMISSION_DENIED", "responderNotAllowed"


NOT_PUBLISHED = "formNotPublished"
NOT_ACCEPTING = "formNotAcceptingResponses"
SIGN_IN_REQUIRED = "signInRequired"
NOT_ALLOWED = "responderNotAllowed"


@dataclass
class Response:
    id: str
    created: dt.datetime
    submitted: dt.datetime
    email: str | None
    answers: dict[str, list[str]]


@dataclass
class Form:
    id: str
    info: dict[str, Any]
    settings: dict[str, Any] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)
    revision: int = 1
    responder_id: str = ""
    responses: dict[str, Response] = field(default_factory=dict)
    # {"isPublished": bool, "isAcceptingResponses": bool}; None: a legacy form (no publishSettings)
    publish_state: dict[str, bool] | None = None

    @property
    def legacy(self) -> bool:
        return self.publish_state is None

    @property
    def published(self) -> bool:
        return self.legacy or bool(self.publish_state.get("isPublished"))  # type: ignore[union-attr]

    @property
    def accepting(self) -> bool:
        return self.legacy or bool(self.publish_state.get("isAcceptingResponses"))  # type: ignore[union-attr]

    def revision_id(self) -> str:
        return f"{self.revision:08x}"

    def collects_email(self) -> bool:
        return self.settings.get("emailCollectionType") in ("VERIFIED", "RESPONDER_INPUT")

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "formId": self.id, "info": copy.deepcopy(self.info),
            "settings": copy.deepcopy(self.settings), "revisionId": self.revision_id(),
            "responderUri": f"https://docs.google.com/forms/d/e/{self.responder_id}/viewform"}
        if self.publish_state is not None:
            out["publishSettings"] = self.publish_settings_json()
        if self.items:
            out["items"] = copy.deepcopy(self.items)
        return out

    def publish_settings_json(self) -> dict[str, Any]:
        """Google omits a boolean at its default: an unpublished form shows ``publishState: {}``."""
        state = {k: True for k, v in (self.publish_state or {}).items() if v}
        return {"publishState": state}

    def questions(self) -> list[tuple[str, str]]:
        """(questionId, title) of every question, grid rows included."""
        found = []
        for item in self.items:
            if "questionItem" in item:
                found.append((item["questionItem"]["question"]["questionId"],
                              item.get("title", "")))
            for q in (item.get("questionGroupItem") or {}).get("questions", []):
                found.append((q["questionId"], (q.get("rowQuestion") or {}).get("title", "")))
        return found

    def response_json(self, r: Response) -> dict[str, Any]:
        out: dict[str, Any] = {"formId": self.id, "responseId": r.id,
                               "createTime": timestamp_json(r.created),
                               "lastSubmittedTime": timestamp_json(r.submitted)}
        if r.email and self.collects_email():
            out["respondentEmail"] = r.email
        if r.answers:
            out["answers"] = {qid: {"questionId": qid, "textAnswers": {
                "answers": [{"value": v} for v in values]}} for qid, values in r.answers.items()}
        return out


class FormsModel:
    """All forms of the fake."""

    def __init__(self, drive: DriveModel, ids: Ids):
        self.drive = drive
        self.ids = ids
        self.forms: dict[str, Form] = {}
        # True: forms made from now on are legacy forms, as every form created through the API
        # before 30 June 2026 (published, no publishSettings, answers from anyone).
        self.legacy_publishing = False
        drive.content_hooks[FORM] = {"create": self._create_for_file, "copy": self._copy,
                                     "delete": lambda form_id: self.forms.pop(form_id, None)}

    def _new_publish_state(self) -> dict[str, bool] | None:
        if self.legacy_publishing:
            return None
        return {"isPublished": False, "isAcceptingResponses": False}

    def _create_for_file(self, f: File) -> None:
        """Drive files.create of the form type: an empty, unpublished form (the only way a
        service account makes one: in a shared-drive folder, where it needs no storage)."""
        self.forms[f.id] = Form(id=f.id, info={"title": f.name, "documentTitle": f.name},
                                responder_id=self.ids.token(56, "1FAIpQL"),
                                publish_state=self._new_publish_state())

    def _copy(self, src_id: str, f: File) -> None:
        clone = copy.deepcopy(self.forms[src_id])
        clone.id, clone.responses, clone.revision = f.id, {}, 1
        clone.info["documentTitle"] = f.name
        clone.responder_id = self.ids.token(56, "1FAIpQL")
        clone.publish_state = self._new_publish_state()
        self.forms[f.id] = clone

    def create(self, email: str, body: dict[str, Any]) -> Form:
        """forms.create: only info.title and info.documentTitle may be set; the form is the
        creator's (no parent), so a service account, which has no storage, is refused."""
        info = dict(body.get("info") or {})
        extra = [k for k in body if k != "info" and body[k] is not None] + \
            [f"info.{k}" for k in info if k not in ("title", "documentTitle")]
        if extra:
            raise errors.InvalidArgument(
                "Only info.title and info.document_title can be set when creating a form. To "
                "add items and change settings, use batchUpdate.")
        if is_service_account(email) and not self.drive.allow_service_account_storage:
            raise errors.PermissionDenied()
        title = info.get("title") or ""
        document_title = info.get("documentTitle") or title or "Untitled form"
        f = self.drive.create(email, {"name": document_title, "mimeType": FORM},
                              check_storage=False, with_content=False)
        form = Form(id=f.id, info={"title": title, "documentTitle": document_title},
                    responder_id=self.ids.token(56, "1FAIpQL"),
                    publish_state=self._new_publish_state())
        if not title:
            form.info.pop("title")
        self.forms[f.id] = form
        return form

    def open(self, form_id: str, email: str, rank: int = READER) -> Form:
        self.drive.require_app(form_id, email, rank, FORM)
        return self.forms[form_id]

    # ---- batchUpdate ------------------------------------------------------------------
    def batch_update(self, form: Form, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        saved = copy.deepcopy(form.__dict__)
        try:
            replies = [self._apply(form, i, req) for i, req in enumerate(requests)]
        except BaseException:
            form.__dict__.update(saved)
            raise
        if requests:
            form.revision += 1
            f = self.drive.files.get(form.id)
            if f is not None:
                f.touch()
        return replies

    def _apply(self, form: Form, i: int, req: dict[str, Any]) -> dict[str, Any]:
        kinds = [k for k, v in req.items() if v is not None]
        if len(kinds) != 1:
            raise errors.InvalidArgument(f"Invalid requests[{i}]: exactly one kind must be set.")
        kind, body = kinds[0], req[kinds[0]]
        where = f"requests[{i}].{kind}"
        if kind == "createItem":
            item = copy.deepcopy(body.get("item") or {})
            index = self._index(form, body.get("location"), where, inserting=True)
            question_ids = self._assign_ids(form, item, where)
            form.items.insert(index, item)
            reply: dict[str, Any] = {"itemId": item["itemId"]}
            if question_ids:
                reply["questionId"] = question_ids
            return {"createItem": reply}
        if kind == "updateItem":
            index = self._index(form, body.get("location"), where)
            mask = self._mask(body, where)
            current = form.items[index]
            updated = copy.deepcopy(current)
            apply_mask(updated, body.get("item") or {}, mask)
            old_ids = {qid for qid, _ in Form(form.id, {}, items=[current]).questions()}
            self._assign_ids(form, updated, where, keep=old_ids, item_id=current["itemId"])
            form.items[index] = updated
            return {}
        if kind == "deleteItem":
            del form.items[self._index(form, body.get("location"), where)]
            return {}
        if kind == "moveItem":
            item = form.items.pop(self._index(form, body.get("originalLocation"), where))
            form.items.insert(self._index(form, body.get("newLocation"), where, inserting=True),
                              item)
            return {}
        if kind == "updateFormInfo":
            info = body.get("info") or {}
            apply_mask(form.info, info, self._mask(body, where))
            return {}
        if kind == "updateSettings":
            apply_mask(form.settings, body.get("settings") or {}, self._mask(body, where))
            return {}
        raise errors.Unimplemented(f"fake_google does not implement the Forms request '{kind}'")

    @staticmethod
    def _mask(body: dict[str, Any], where: str) -> str:
        mask = body.get("updateMask") or ""
        if not mask.strip():
            raise errors.InvalidArgument(f"Invalid {where}: update_mask is required and cannot "
                                         "be empty.")
        return mask

    @staticmethod
    def _index(form: Form, location: dict[str, Any] | None, where: str,
               inserting: bool = False) -> int:
        if not location or "index" not in location:
            raise errors.InvalidArgument(f"Invalid {where}: location.index is required.")
        index = int(location["index"])
        limit = len(form.items) + (1 if inserting else 0)
        if not 0 <= index < limit:
            raise errors.InvalidArgument(f"Invalid {where}: location.index {index} is out of "
                                         f"bounds; the form has {len(form.items)} items.")
        return index

    def _assign_ids(self, form: Form, item: dict[str, Any], where: str,
                    keep: set[str] | None = None, item_id: str | None = None) -> list[str]:
        kinds = [k for k in ITEM_KINDS if item.get(k) is not None]
        if len(kinds) != 1:
            raise errors.InvalidArgument(f"Invalid {where}: item must have exactly one kind "
                                         f"({', '.join(ITEM_KINDS)}).")
        used = {it.get("itemId") for it in form.items} | {q for q, _ in form.questions()}
        keep = keep or set()
        if item_id is not None:
            item["itemId"] = item_id
        elif not item.get("itemId") or item["itemId"] in used:
            item["itemId"] = self._fresh(used)
        questions = []
        if "questionItem" in item:
            questions.append(item["questionItem"].setdefault("question", {}))
        if "questionGroupItem" in item:
            questions += item["questionGroupItem"].get("questions") or []
        ids = []
        for q in questions:
            if not any(q.get(k) is not None for k in QUESTION_KINDS):
                raise errors.InvalidArgument(f"Invalid {where}: question must have a kind.")
            choice = q.get("choiceQuestion")
            if choice is not None and (not choice.get("options") or not choice.get("type")):
                raise errors.InvalidArgument(f"Invalid {where}: choiceQuestion needs a type and "
                                             "at least one option.")
            qid = q.get("questionId")
            if not qid or (qid in used and qid not in keep):
                q["questionId"] = qid = self._fresh(used)
            used.add(qid)
            ids.append(qid)
        return ids

    def _fresh(self, used: set[Any]) -> str:
        while True:
            candidate = self.ids.hex8()
            if candidate not in used:
                used.add(candidate)
                return candidate

    # ---- publishing -------------------------------------------------------------------
    def set_publish_settings(self, form: Form, body: dict[str, Any]) -> dict[str, Any]:
        """forms.setPublishSettings: both flags of publishState must be given; accepting
        responses needs the form published; a legacy form has no publish settings to set."""
        settings = body.get("publishSettings")
        if settings is None:
            raise errors.InvalidArgument("Invalid publish_settings: publish_settings is required.")
        mask = [m.strip() for m in (body.get("updateMask") or "*").split(",") if m.strip()]
        unknown = [m for m in mask if m not in ("*", "publishState", "publish_state")]
        if unknown:
            raise errors.InvalidArgument(f"Invalid update_mask: unknown field '{unknown[0]}' in "
                                         "publish_settings.")
        if form.legacy:
            raise errors.FailedPrecondition(
                "This form does not support publish settings: it is a legacy form (forms.get "
                "returns no publishSettings). Publish it in the Google Forms editor.")
        state = settings.get("publishState")
        if state is None:
            raise errors.InvalidArgument("Invalid publish_settings.publish_state: publish_state is "
                                         "required when update_mask includes it.")
        missing = [k for k in ("isPublished", "isAcceptingResponses") if state.get(k) is None]
        if missing:
            raise errors.InvalidArgument("Invalid publish_settings.publish_state: both is_published "
                                         "and is_accepting_responses must be set.")
        if state["isAcceptingResponses"] and not state["isPublished"]:
            raise errors.InvalidArgument("Invalid publish_settings.publish_state: a form that is not "
                                         "published cannot accept responses.")
        form.publish_state = {"isPublished": bool(state["isPublished"]),
                              "isAcceptingResponses": bool(state["isAcceptingResponses"])}
        return {"formId": form.id, "publishSettings": form.publish_settings_json()}

    def check_respondent(self, form: Form, email: str | None) -> None:
        """Raise `SubmissionRefused` unless `email` (None: not signed in) may answer now."""
        if form.legacy:
            return
        title = form.info.get("title") or form.info.get("documentTitle", "")
        if not form.published:
            raise SubmissionRefused(f"The form «{title}» is not published.", reason=NOT_PUBLISHED)
        if not form.accepting:
            raise SubmissionRefused(f"The form «{title}» is no longer accepting responses.",
                                    reason=NOT_ACCEPTING)
        f = self.drive.files.get(form.id)
        views = [p for p in (f.permissions if f else []) if p.get("view") == "published"]
        if any(p.get("type") == "anyone" for p in views):
            return
        if not email:
            raise SubmissionRefused(f"You need to sign in to answer the form «{title}».",
                                    reason=SIGN_IN_REQUIRED)
        email = email.lower()
        if f is not None and self.drive.role(f, email) >= WRITER:
            return  # the owner and editors may always answer
        domain = email.rpartition("@")[2]
        for p in views:
            kind, address = p.get("type"), (p.get("emailAddress") or "").lower()
            if (kind == "domain" and (p.get("domain") or "").lower() == domain) or \
                    (kind == "user" and address == email) or \
                    (kind == "group" and (address == email or self.drive.in_group(email, address))):
                return
        raise SubmissionRefused(f"{email} is not allowed to answer the form «{title}»: ask its "
                                "owner for access.", reason=NOT_ALLOWED)

    # ---- responses --------------------------------------------------------------------
    def submit(self, form_id: str, answers: dict[str, Any], respondent_email: str | None = None,
               timestamp: str | None = None, response_id: str | None = None) -> dict[str, Any]:
        """Submit, or edit (``response_id``), a response as `respondent_email` (None: a
        respondent not signed in); answers by questionId or title. Refused
        (`SubmissionRefused`) when the form is unpublished or closed, or the respondent is not
        one of its responders (see the module docstring)."""
        form = self.forms.get(form_id)
        if form is None:
            raise errors.NotFound()
        self.check_respondent(form, respondent_email)
        by_title = {title: qid for qid, title in form.questions()}
        ids = {qid for qid, _ in form.questions()}
        normalised: dict[str, list[str]] = {}
        for key, value in answers.items():
            qid = key if key in ids else by_title.get(key)
            if qid is None:
                raise errors.InvalidArgument(f"Form {form_id} has no question {key!r}")
            values = value if isinstance(value, list) else [value]
            normalised[qid] = [str(v) for v in values]
        moment = parse_rfc3339(timestamp) if timestamp else now()
        if response_id:
            existing = form.responses.get(response_id)
            if existing is None:
                raise errors.NotFound()
            existing.answers = normalised
            existing.submitted = moment
            if respondent_email:
                existing.email = respondent_email
            return form.response_json(existing)
        r = Response(id=self.ids.token(36, "ACYDBN"), created=moment, submitted=moment,
                     email=respondent_email, answers=normalised)
        form.responses[r.id] = r
        return form.response_json(r)

    def list_responses(self, form: Form, flt: str, page_size: int | None,
                       page_token: str | None) -> dict[str, Any]:
        chosen = sorted(form.responses.values(), key=lambda r: (r.submitted, r.created, r.id))
        flt = flt or ""
        if flt.strip():
            m = _FILTER_RE.match(flt)
            try:
                moment = parse_rfc3339(m.group(2)) if m else None
            except ValueError:
                moment = None
            if m is None or moment is None:
                raise errors.InvalidArgument(f"Invalid filter: {flt}")
            strict = m.group(1) == ">"
            chosen = [r for r in chosen if (r.submitted > moment if strict else
                                            r.submitted >= moment)]
        size = MAX_PAGE if not page_size or page_size <= 0 else min(page_size, MAX_PAGE)
        start = 0
        if page_token:
            try:
                token = json.loads(base64.urlsafe_b64decode(page_token.encode()))
                start = int(token["offset"])
                if token["filter"] != flt or token["form"] != form.id:
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                raise errors.InvalidArgument("Invalid page token: it was issued for another "
                                             "filter or form.") from None
        page = chosen[start:start + size]
        out: dict[str, Any] = {}
        if page:
            out["responses"] = [form.response_json(r) for r in page]
        if start + size < len(chosen):
            out["nextPageToken"] = base64.urlsafe_b64encode(json.dumps(
                {"offset": start + size, "filter": flt, "form": form.id}).encode()).decode()
        return out


__all__ = ["FormsModel", "Form", "SubmissionRefused", "WRITER"]
