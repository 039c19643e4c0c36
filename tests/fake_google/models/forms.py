"""Forms v1: forms (items with Google-style 8-hex ids), revisions, and responses.

``responses.list`` filters on ``lastSubmittedTime`` (``timestamp > T`` / ``timestamp >= T``),
returns responses oldest first, pages of up to 5000, and a page token only works with the
filter it was issued for. Editing a response keeps its ``responseId`` and ``createTime`` and
moves ``lastSubmittedTime``. ``respondentEmail`` is returned only when the form collects
e-mails (settings.emailCollectionType VERIFIED or RESPONDER_INPUT), as with Google. Reading
responses needs edit access to the form (respondents and viewers cannot).
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
    published: bool = True

    def revision_id(self) -> str:
        return f"{self.revision:08x}"

    def collects_email(self) -> bool:
        return self.settings.get("emailCollectionType") in ("VERIFIED", "RESPONDER_INPUT")

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "formId": self.id, "info": copy.deepcopy(self.info),
            "settings": copy.deepcopy(self.settings), "revisionId": self.revision_id(),
            "responderUri": f"https://docs.google.com/forms/d/e/{self.responder_id}/viewform",
            "publishSettings": {"publishState": {"isPublished": self.published,
                                                 "isAcceptingResponses": self.published}}}
        if self.items:
            out["items"] = copy.deepcopy(self.items)
        return out

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
        drive.content_hooks[FORM] = {"create": self._create_for_file, "copy": self._copy,
                                     "delete": lambda form_id: self.forms.pop(form_id, None)}

    def _create_for_file(self, f: File) -> None:
        self.forms[f.id] = Form(id=f.id, info={"title": f.name, "documentTitle": f.name},
                                responder_id=self.ids.token(56, "1FAIpQL"))

    def _copy(self, src_id: str, f: File) -> None:
        clone = copy.deepcopy(self.forms[src_id])
        clone.id, clone.responses, clone.revision = f.id, {}, 1
        clone.info["documentTitle"] = f.name
        clone.responder_id = self.ids.token(56, "1FAIpQL")
        self.forms[f.id] = clone

    def create(self, email: str, body: dict[str, Any], unpublished: bool = False) -> Form:
        """forms.create: only info.title and info.documentTitle may be set."""
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
                    responder_id=self.ids.token(56, "1FAIpQL"), published=not unpublished)
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

    # ---- responses --------------------------------------------------------------------
    def submit(self, form_id: str, answers: dict[str, Any], respondent_email: str | None = None,
               timestamp: str | None = None, response_id: str | None = None) -> dict[str, Any]:
        """Submit, or edit (``response_id``), a response; answers by questionId or title."""
        form = self.forms.get(form_id)
        if form is None:
            raise errors.NotFound()
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


__all__ = ["FormsModel", "Form", "WRITER"]
