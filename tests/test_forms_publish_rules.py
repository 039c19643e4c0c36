"""The pure rules of publishing a questionnaire (`sync.google.forms_publish`): the publish state
read from ``forms.get``, and which responder permissions are missing or too wide."""
from __future__ import annotations

import pytest

from sync.google.forms_publish import PublishState, Responders

ANYONE = {"id": "anyoneWithLink", "type": "anyone", "role": "reader", "view": "published"}
DOMAIN = {"id": "1", "type": "domain", "role": "reader", "view": "published", "domain": "school26.example"}
GROUP = {"id": "2", "type": "group", "role": "reader", "view": "published", "emailAddress": "Pedagogi@school26.example"}
EDITOR = {"id": "3", "type": "user", "role": "writer", "emailAddress": "zavuch@school26.example"}
SHARED_TO_ANYONE = {"id": "anyoneWithLink", "type": "anyone", "role": "reader"}  # the file, not the form

STATE_CASES = [
    ("legacy_no_publish_settings", {}, (True, True, True)),
    ("new_unpublished_flags_omitted", {"publishSettings": {"publishState": {}}}, (False, False, False)),
    ("published_closed", {"publishSettings": {"publishState": {"isPublished": True}}}, (False, True, False)),
    ("open", {"publishSettings": {"publishState": {"isPublished": True, "isAcceptingResponses": True}}},
     (False, True, True)),
    ("explicit_false", {"publishSettings": {"publishState": {"isPublished": False, "isAcceptingResponses": False}}},
     (False, False, False)),
]


@pytest.mark.parametrize("form_json, expected", [c[1:] for c in STATE_CASES], ids=[c[0] for c in STATE_CASES])
def test_publish_state_of_forms_get(form_json, expected):
    state = PublishState.of(form_json)
    assert (state.legacy, state.published, state.accepting) == expected


SCHOOL = Responders("domain", "school26.example")
PEDAGOGI = Responders("groups", groups=("pedagogi@school26.example", "molodye@school26.example"))
RESPONDER_CASES = [
    ("anyone_missing", Responders(), [EDITOR, SHARED_TO_ANYONE], ["anyone"], []),
    ("anyone_present", Responders(), [ANYONE, EDITOR], [], []),
    ("domain_missing", SCHOOL, [EDITOR], ["domain"], []),
    ("domain_present", SCHOOL, [DOMAIN], [], []),
    ("domain_but_open_to_anyone", SCHOOL, [ANYONE], ["domain"], ["anyone"]),
    ("groups_one_missing_case_insensitive", PEDAGOGI, [GROUP], ["molodye@school26.example"], []),
    ("groups_and_anyone", PEDAGOGI, [GROUP, ANYONE], ["molodye@school26.example"], ["anyone"]),
]


@pytest.mark.parametrize("responders, existing, missing, too_open", [c[1:] for c in RESPONDER_CASES],
                         ids=[c[0] for c in RESPONDER_CASES])
def test_missing_and_too_open_responders(responders, existing, missing, too_open):
    assert [p.get("emailAddress") or p["type"] for p in responders.missing(existing)] == missing
    assert [p["type"] for p in responders.too_open(existing)] == too_open


def test_responders_from_settings_and_their_permissions():
    assert Responders.from_settings({}) == Responders("anyone")
    groups = Responders.from_settings({"responders": "groups", "responder_groups": [" Pedagogi@School26.example "]})
    assert groups.permissions() == [{"role": "reader", "view": "published", "type": "group",
                                     "emailAddress": "pedagogi@school26.example"}]
    assert SCHOOL.permissions() == [{"role": "reader", "view": "published", "type": "domain",
                                     "domain": "school26.example"}]
