"""Questionnaires teachers can actually answer, end to end through the CLI against the fake (which
creates forms unpublished, as Google does since 30 June 2026): `init --google` publishes the
three forms for ``[google] responders`` under each way of signing in, prints their links and
repairs them when run again; `doctor` has a line per questionnaire; `nightly` ingests an answer
and reports a closed form in «Журнал»."""
from __future__ import annotations

import pytest

from jobs.config import ConfigError, load
from sheets_schema import ru
from sheets_schema.questionnaires import QUESTIONNAIRES, IngestState
from sheets_schema.tables import INGEST_STATE, LOG, MENTEES
from sync.google import GoogleWorkspace
from tests.fake_google.models.drive import FORM
from tests.fake_google.models.forms import SubmissionRefused
from tests.test_deployment_support import (
    ROBOT,
    invoke,
    oauth_settings,
    service_account_settings,
    shared_drive_folder,
    write_config,
)
from tests.test_google_support import COORDINATOR, bank_table, fast_client
from tests.test_ingest_google import mentee_answers

OUTSIDER = "uchitel.ivanova@freemail.example"  # a teacher with a private address
INSIDER = "uchitel.petrova@school26.example"
OPEN = {"isPublished": True, "isAcceptingResponses": True}
LINK_LINE = "   опубликована и принимает ответы; отвечать могут "


def config_for(fake, tmp_path, way, **overrides):
    """nastavnik.toml for one way of signing in: a person's way starts with no folder (init
    makes the workspace folder, which the drive.file scope then reaches); a service account's
    folder is on a shared drive where it is a member."""
    if way == "oauth":
        settings = oauth_settings(fake, tmp_path)
    elif way == "service_account":
        settings = service_account_settings(fake, tmp_path, folder_id=shared_drive_folder(fake, ROBOT))
    else:  # a service account acting for the coordinator (domain-wide delegation)
        settings = service_account_settings(fake, tmp_path, subject=COORDINATOR)
    settings.update(overrides)
    return write_config(tmp_path, settings)


def workspace_of(config):
    settings = load(config).section("google")
    return GoogleWorkspace(fast_client(settings), settings["spreadsheet_id"], settings["folder_id"])


def recorded_links(config):
    ws = workspace_of(config)
    return IngestState.read(ws.read([INGEST_STATE])[INGEST_STATE.key]).links


def form_state(fake, form_id):
    return fake.state.forms.forms[form_id]


def responders(fake, form_id):
    return [{k: p[k] for k in ("type", "domain", "view") if k in p}
            for p in fake.state.drive.files[form_id].permissions if p.get("view")]


def init(config):
    result = invoke(config, "init", "--google")
    assert result.exit_code == 0, result.output
    assert "Внимание" not in result.output, result.output
    return result.output


@pytest.mark.parametrize("way", ["oauth", "service_account", "delegation"])
def test_a_fresh_init_publishes_three_forms_with_a_link_each(fake_google, tmp_path, way):
    config = config_for(fake_google, tmp_path, way)

    output = init(config)

    links = recorded_links(config)
    assert set(links) == {q.key for q in QUESTIONNAIRES}
    lines = output.splitlines()
    for q in QUESTIONNAIRES:
        form = form_state(fake_google, links[q.key].form_id)
        assert form.publish_state == OPEN
        assert responders(fake_google, form.id) == [{"type": "anyone", "view": "published"}]
        url = f"https://docs.google.com/forms/d/e/{form.responder_id}/viewform"
        at = lines.index(ru.INGEST["created"].format(form=q.title, url=url))
        assert lines[at + 1] == ru.FORMS_PUBLISH["published"].format(who=ru.FORMS_PUBLISH["who_anyone"])
        assert form.items, "the questions were added"
    files = [fake_google.state.drive.files[link.form_id] for link in links.values()]
    folder = load(config).section("google")["folder_id"]
    assert all(f.mime_type == FORM and f.parents == [folder] for f in files)
    created_by = {e["method_id"] for e in fake_google.requests() if e["method_id"] in
                  ("forms.forms.create", "drive.files.create") and e["status"] == 200}
    if way == "service_account":  # no storage of its own: the shared drive owns the forms
        assert all(f.owner is None and f.drive_id for f in files)
        assert "forms.forms.create" not in created_by
    else:
        assert all(f.owner == COORDINATOR for f in files)
        assert "forms.forms.create" in created_by

    doctor = invoke(config, "doctor")
    assert doctor.exit_code == 0, doctor.output
    for q in QUESTIONNAIRES:
        form = form_state(fake_google, links[q.key].form_id)
        assert "✔ " + ru.FORMS_PUBLISH["doctor_ok"].format(
            form=q.title, who=ru.FORMS_PUBLISH["who_anyone"],
            url=f"https://docs.google.com/forms/d/e/{form.responder_id}/viewform") in doctor.output


def test_a_teacher_outside_the_domain_answers_a_form_open_to_anyone_and_nightly_ingests_it(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth")
    init(config)
    mentee_form = recorded_links(config)["mentee"].form_id

    fake_google.submit_form_response(mentee_form, mentee_answers(1), respondent_email=OUTSIDER)
    night = invoke(config, "nightly")

    assert night.exit_code == 0, night.output
    rows = bank_table(workspace_of(config), MENTEES)
    assert [r["email"] for r in rows.records.values()] == [OUTSIDER]


def test_a_form_open_to_the_domain_refuses_a_teacher_outside_it(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth", responders="domain", responders_domain="school26.example")
    output = init(config)
    assert output.count(LINK_LINE + ru.FORMS_PUBLISH["who_domain"].format(domain="school26.example")) == 5  # issue 19: 5 forms
    mentee_form = recorded_links(config)["mentee"].form_id
    assert responders(fake_google, mentee_form) == [
        {"type": "domain", "domain": "school26.example", "view": "published"}]

    with pytest.raises(SubmissionRefused) as refused:
        fake_google.submit_form_response(mentee_form, mentee_answers(1), respondent_email=OUTSIDER)
    assert refused.value.reason == "responderNotAllowed"
    with pytest.raises(SubmissionRefused) as anonymous:
        fake_google.submit_form_response(mentee_form, mentee_answers(2))
    assert anonymous.value.reason == "signInRequired"
    fake_google.submit_form_response(mentee_form, mentee_answers(3), respondent_email=INSIDER)

    night = invoke(config, "nightly")
    assert night.exit_code == 0, night.output
    rows = bank_table(workspace_of(config), MENTEES)
    assert [r["email"] for r in rows.records.values()] == [INSIDER]


def test_groups_are_granted_one_permission_each(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth", responders="groups",
                        responder_groups=["pedagogi@school26.example", "molodye@school26.example"])
    init(config)
    form_id = recorded_links(config)["mentor"].form_id
    granted = [p for p in fake_google.state.drive.files[form_id].permissions if p.get("view")]
    assert [(p["type"], p["emailAddress"]) for p in granted] == [
        ("group", "pedagogi@school26.example"), ("group", "molodye@school26.example")]
    fake_google.state.drive.groups["molodye@school26.example"] = {OUTSIDER}
    fake_google.submit_form_response(form_id, {}, respondent_email=OUTSIDER)


def test_doctor_catches_an_unpublished_a_closed_and_an_unreachable_form_and_init_repairs_them(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth")
    init(config)
    links = recorded_links(config)
    mentee, mentor, monitoring = (form_state(fake_google, links[k].form_id) for k in ("mentee", "mentor", "monitoring"))
    # staff in Google Forms: unpublish one, stop accepting answers on another, remove «anyone» from the third
    mentee.publish_state = {"isPublished": False, "isAcceptingResponses": False}
    mentor.publish_state = {"isPublished": True, "isAcceptingResponses": False}
    fake_google.state.drive.files[monitoring.id].permissions = []

    doctor = invoke(config, "doctor")

    assert doctor.exit_code == 3, doctor.output
    lines = doctor.output.splitlines()
    t = ru.FORMS_PUBLISH
    for form, detail, manual in (
        (QUESTIONNAIRES[0], t["doctor_not_published"], t["manual_publish"]),
        (QUESTIONNAIRES[1], t["doctor_closed"], t["manual_accept"]),
        (QUESTIONNAIRES[2], t["doctor_no_responders"].format(who=t["who_anyone"], missing=t["who_anyone"]),
         t["manual_responders"].format(who=t["who_anyone"])),
    ):
        at = lines.index("✘ " + t["doctor_title"].format(form=form.title))
        assert lines[at + 1] == "   " + detail
        assert lines[at + 2] == ru.DOCTOR["fix"].format(fix=t["doctor_fix"].format(manual=manual))
    assert lines[-1] == ru.DOCTOR["failed"].format(count=3)

    again = init(config)

    url = lambda form: f"https://docs.google.com/forms/d/e/{form.responder_id}/viewform"  # noqa: E731
    assert t["republished"].format(form=QUESTIONNAIRES[0].title, url=url(mentee)) in again
    assert t["reopened"].format(form=QUESTIONNAIRES[1].title, url=url(mentor)) in again
    assert t["responders_restored"].format(form=QUESTIONNAIRES[2].title, who=t["who_anyone"]) in again
    assert recorded_links(config) == links  # the same forms, repaired — none made anew
    assert all(f.publish_state == OPEN for f in (mentee, mentor, monitoring))
    assert responders(fake_google, monitoring.id) == [{"type": "anyone", "view": "published"}]
    assert invoke(config, "doctor").exit_code == 0
    third = init(config)  # nothing left to repair
    assert "снова" not in third and "восстановлен" not in third


def test_nightly_reports_a_closed_form_in_the_log_instead_of_zero_answers(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth")
    init(config)
    links = recorded_links(config)
    mentor = form_state(fake_google, links["mentor"].form_id)
    mentor.publish_state = {"isPublished": True, "isAcceptingResponses": False}

    night = invoke(config, "nightly")

    problem = ru.FORMS_PUBLISH["ingest_closed"].format(form=QUESTIONNAIRES[1].title, form_id=mentor.id)
    assert problem in night.output
    ws = workspace_of(config)
    log = ws.read_grids([LOG.title])[LOG.title]
    assert any(problem in cell for row in log for cell in row), log


@pytest.mark.parametrize("keys, message", [
    ('responders = "everyone"', "«google.responders» = 'everyone' — допустимые значения: 'anyone', 'domain', 'groups'"),
    ('responders = "domain"', ru.CONFIG["responders_domain"].format(path="nastavnik.toml")),
    ('responders = "domain"\nresponders_domain = "gmail.com"',
     ru.CONFIG["responders_consumer"].format(path="nastavnik.toml", value="gmail.com")),
    ('responders = "groups"', ru.CONFIG["responders_groups"].format(path="nastavnik.toml")),
    ('responders = "groups"\nresponder_groups = ["pedagogi"]',
     ru.CONFIG["responders_group_email"].format(path="nastavnik.toml", value="pedagogi")),
], ids=["unknown", "no_domain", "consumer_domain", "no_groups", "not_an_email"])
def test_a_wrong_responders_setting_stops_with_exit_2_naming_the_key(fake_google, tmp_path, keys, message):
    config = config_for(fake_google, tmp_path, "oauth")
    config.write_text(config.read_text(encoding="utf-8") + keys + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(config)
    assert message in str(caught.value)
    result = invoke(config, "init", "--google")
    assert result.exit_code == 2 and message in result.output


def test_the_domain_defaults_to_the_coordinators(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth", responders="domain")
    text = config.read_text(encoding="utf-8").replace('coordinator_email = ""',
                                                      f'coordinator_email = "{COORDINATOR}"')
    config.write_text(text, encoding="utf-8")
    assert load(config).section("google")["responders_domain"] == "school26.example"
    assert config.read_text(encoding="utf-8") == text  # resolved when read, the file is not rewritten


def test_a_deleted_form_fails_doctor_with_its_fix_and_init_makes_it_again(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth")
    init(config)
    old = recorded_links(config)["monitoring"].form_id
    with fake_google.lock:  # someone deleted it for ever in Google Drive
        fake_google.state.drive._remove(fake_google.state.drive.files[old])

    doctor = invoke(config, "doctor")

    assert doctor.exit_code == 3, doctor.output
    lines = doctor.output.splitlines()
    at = lines.index("✘ " + ru.FORMS_PUBLISH["doctor_title"].format(form=QUESTIONNAIRES[2].title))
    assert lines[at + 1].startswith("   " + f"Форма {old} не найдена или недоступна (404 NOT_FOUND")
    assert lines[at + 2] == ru.DOCTOR["fix"].format(fix=ru.FORMS_PUBLISH["doctor_missing_fix"])
    init(config)
    new = recorded_links(config)["monitoring"].form_id
    assert new != old and form_state(fake_google, new).publish_state == OPEN
    assert invoke(config, "doctor").exit_code == 0


def test_legacy_forms_are_left_as_they_are_and_said_so(fake_google, tmp_path):
    fake_google.state.forms.legacy_publishing = True  # Google as it was before 30 June 2026
    config = config_for(fake_google, tmp_path, "oauth")

    output = init(config)

    legacy = [ru.FORMS_PUBLISH["legacy"].format(form=q.title) for q in QUESTIONNAIRES]
    assert all(line in output.splitlines() for line in legacy)
    assert not [e for e in fake_google.requests() if e["method_id"] == "forms.forms.setPublishSettings"]
    mentee_form = recorded_links(config)["mentee"].form_id
    fake_google.submit_form_response(mentee_form, mentee_answers(1), respondent_email=OUTSIDER)
    doctor = invoke(config, "doctor")
    assert doctor.exit_code == 0, doctor.output
    assert f"   ! {ru.FORMS_PUBLISH['doctor_legacy_warning']}" in doctor.output.splitlines()


def test_a_school_that_narrows_responders_to_its_domain_closes_the_link_to_anyone(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth")
    init(config)  # open to anyone with the link
    mentee_form = recorded_links(config)["mentee"].form_id
    config.write_text(config.read_text(encoding="utf-8") + 'responders = "domain"\n'
                      'responders_domain = "school26.example"\n', encoding="utf-8")
    t = ru.FORMS_PUBLISH
    domain = t["who_domain"].format(domain="school26.example")

    doctor = invoke(config, "doctor")
    assert doctor.exit_code == 3, doctor.output
    lines = doctor.output.splitlines()
    at = lines.index("✘ " + t["doctor_title"].format(form=QUESTIONNAIRES[0].title))
    assert lines[at + 1] == "   " + " ".join([t["doctor_no_responders"].format(who=domain, missing=domain),
                                              t["doctor_too_open"].format(who=domain)])

    again = init(config)

    assert t["responders_narrowed"].format(form=QUESTIONNAIRES[0].title, who=domain) in again
    assert responders(fake_google, mentee_form) == [
        {"type": "domain", "domain": "school26.example", "view": "published"}]
    with pytest.raises(SubmissionRefused):
        fake_google.submit_form_response(mentee_form, mentee_answers(1), respondent_email=OUTSIDER)
    assert invoke(config, "doctor").exit_code == 0


def test_a_refused_responder_grant_is_reported_and_the_next_init_finishes_it(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth")
    # e.g. a Workspace domain whose administrator forbids sharing files outside it
    fake_google.set_faults(rate=1.0, statuses=[403], methods=["drive.permissions.create"])

    first = invoke(config, "init", "--google")

    assert first.exit_code == 3, first.output  # the forms cannot take answers yet: not done
    warning = ru.FORMS_PUBLISH["grant_refused"].format(
        form=QUESTIONNAIRES[0].title, who=ru.FORMS_PUBLISH["who_anyone"], code=403,
        message="The caller does not have permission")
    assert "Внимание: " + ru.FORMS_PUBLISH["not_open"].format(reason=" ".join(
        warning.replace(QUESTIONNAIRES[0].title, q.title) for q in QUESTIONNAIRES)) in first.output
    links = recorded_links(config)
    assert set(links) == {q.key for q in QUESTIONNAIRES}  # recorded: the next run repairs, not duplicates
    assert all(form_state(fake_google, link.form_id).publish_state == OPEN for link in links.values())

    fake_google.clear_faults()
    again = init(config)

    assert recorded_links(config) == links
    for q in QUESTIONNAIRES:
        assert ru.FORMS_PUBLISH["responders_restored"].format(
            form=q.title, who=ru.FORMS_PUBLISH["who_anyone"]) in again
        assert responders(fake_google, links[q.key].form_id) == [{"type": "anyone", "view": "published"}]


def test_google_failing_to_publish_leaves_the_forms_recorded_for_the_next_init(fake_google, tmp_path):
    config = config_for(fake_google, tmp_path, "oauth", max_retries=0)  # no real back-off waits
    fake_google.set_faults(rate=1.0, statuses=[500], methods=["forms.forms.setPublishSettings"])

    first = invoke(config, "init", "--google")

    assert first.exit_code == 3, first.output  # not done: init again finishes it
    assert "Внимание: " + ru.FORMS_PUBLISH["not_open"].format(reason="") in first.output
    links = recorded_links(config)
    assert set(links) == {q.key for q in QUESTIONNAIRES}
    fake_google.clear_faults()
    again = init(config)
    assert recorded_links(config) == links
    for q in QUESTIONNAIRES:
        form = form_state(fake_google, links[q.key].form_id)
        assert form.publish_state == OPEN
        assert ru.FORMS_PUBLISH["republished"].format(
            form=q.title, url=f"https://docs.google.com/forms/d/e/{form.responder_id}/viewform") in again
