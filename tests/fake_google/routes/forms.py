"""Forms v1 routes: ``/v1/forms...``."""
from __future__ import annotations

from typing import Any

from .. import errors
from ..models.drive import WRITER
from . import Call, Reply, route


def create(call: Call) -> Reply:
    form = call.state.forms.create(call.identity, call.body or {})
    return Reply(form.as_json())


def get(call: Call) -> Reply:
    return Reply(call.state.forms.open(call.path["formId"], call.identity).as_json())


def batch_update(call: Call) -> Reply:
    forms = call.state.forms
    form = forms.open(call.path["formId"], call.identity, WRITER)
    body = call.body or {}
    control = body.get("writeControl") or {}
    if control.get("requiredRevisionId") and control["requiredRevisionId"] != form.revision_id():
        raise errors.FailedPrecondition("The required revision ID does not match the form's "
                                        "latest revision.")
    replies = forms.batch_update(form, body.get("requests") or [])
    out: dict[str, Any] = {"replies": replies,
                           "writeControl": {"requiredRevisionId": form.revision_id()}}
    if body.get("includeFormInResponse"):
        out["form"] = form.as_json()
    return Reply(out)


def set_publish_settings(call: Call) -> Reply:
    forms = call.state.forms
    form = forms.open(call.path["formId"], call.identity, WRITER)
    return Reply(forms.set_publish_settings(form, call.body or {}))


def responses_list(call: Call) -> Reply:
    forms = call.state.forms
    form = forms.open(call.path["formId"], call.identity, WRITER)
    return Reply(forms.list_responses(form, call.query.get("filter", ""),
                                      call.query.get("pageSize"), call.query.get("pageToken")))


def responses_get(call: Call) -> Reply:
    forms = call.state.forms
    form = forms.open(call.path["formId"], call.identity, WRITER)
    response = form.responses.get(call.path["responseId"])
    if response is None:
        raise errors.NotFound()
    return Reply(form.response_json(response))


ROUTES = [
    route("POST", "/v1/forms", "forms.forms.create", create),
    route("GET", "/v1/forms/{formId}", "forms.forms.get", get),
    route("POST", "/v1/forms/{formId}:batchUpdate", "forms.forms.batchUpdate", batch_update),
    route("POST", "/v1/forms/{formId}:setPublishSettings", "forms.forms.setPublishSettings",
          set_publish_settings),
    route("GET", "/v1/forms/{formId}/responses", "forms.forms.responses.list", responses_list),
    route("GET", "/v1/forms/{formId}/responses/{responseId}", "forms.forms.responses.get",
          responses_get),
]
