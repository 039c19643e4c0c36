"""``doctor``'s questionnaire lines on the Google backend: one per questionnaire.

Each recorded form is checked with one ``forms.get`` (it exists; ``publishSettings.publishState``
says published and accepting responses) and one Drive ``permissions.list`` with the published
view (the ``[google] responders`` reach it) — six requests for the three questionnaires, paid by
``doctor`` only: ``nightly``'s preflight does not run them (a closed form must not stop the night's
other work; ``ingest`` reports it in «Журнал»). Every failure carries its fix: ``nastavnik init
--google`` repairs the form, or what to click in Google Forms.
"""
from __future__ import annotations

from typing import Mapping

from sheets_schema import ru
from sheets_schema.questionnaires import QUESTIONNAIRES, FormLink, Questionnaire
from sync.google.errors import GoogleApiError, TransportError
from sync.google.forms_publish import PublishState, Responders, responders_of
from sync.google.retry import RetriesExhausted
from sync.workspace import Check


def questionnaire_checks(workspace, links: Mapping[str, FormLink]) -> list[Check]:
    """The lines of every questionnaire, in the schema's order."""
    return [form_check(workspace.client, form, links.get(form.key), workspace.responders)
            for form in QUESTIONNAIRES]


def form_check(client, form: Questionnaire, link: FormLink | None, responders: Responders) -> Check:
    """Exists, published, accepting responses, reachable by `responders`."""
    t = ru.FORMS_PUBLISH
    title = t["doctor_title"].format(form=form.title)
    if link is None:
        return Check(title, False, t["doctor_not_created"], t["doctor_not_created_fix"])
    try:
        got = client.forms_get(link.form_id)
        state = PublishState.of(got)
        url = got.get("responderUri", link.url)
        if state.legacy:
            return Check(t["doctor_legacy"].format(form=form.title, url=url), True,
                         warning=t["doctor_legacy_warning"])
        existing = responders_of(client, link.form_id)
        missing, extra = responders.missing(existing), responders.too_open(existing)
    except GoogleApiError as exc:
        if exc.code not in (403, 404):
            return Check(title, False, t["doctor_retry"].format(reason=f"{exc.code} {exc.message}"),
                         ru.DOCTOR["google_retry_fix"])
        return Check(title, False, t["doctor_missing"].format(
            form_id=link.form_id, code=exc.code, status=exc.status or exc.reason, message=exc.message),
            t["doctor_missing_fix"])
    except (TransportError, RetriesExhausted) as exc:
        return Check(title, False, t["doctor_retry"].format(reason=exc), ru.DOCTOR["google_retry_fix"])
    problems, manual = [], []
    if not state.published:
        problems.append(t["doctor_not_published"])
        manual.append(t["manual_publish"])
    elif not state.accepting:
        problems.append(t["doctor_closed"])
        manual.append(t["manual_accept"])
    if missing:
        problems.append(t["doctor_no_responders"].format(who=responders.describe(), missing=responders.describe(missing)))
        manual.append(t["manual_responders"].format(who=responders.describe(missing)))
    if extra:
        problems.append(t["doctor_too_open"].format(who=responders.describe()))
        manual.append(t["manual_responders"].format(who=responders.describe()))
    if not problems:
        return Check(t["doctor_ok"].format(form=form.title, who=responders.describe(), url=url), True)
    return Check(title, False, " ".join(problems), t["doctor_fix"].format(manual="; ".join(manual)))
