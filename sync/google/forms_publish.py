"""Who may answer the questionnaires: publishing a Google form and granting its responders.

Google creates every form made through the API after 30 June 2026 UNPUBLISHED: it accepts no
answers until ``forms.setPublishSettings`` sets ``publishState {isPublished, isAcceptingResponses}``
(Google Forms API guide «Publish and manage responders»). Who may answer a published form is a
Drive permission of the «published» view on the form (``permissions.create`` with ``view:
"published"``, role ``reader``; type ``anyone``, ``domain`` or ``group``), listed only with
``permissions.list(includePermissionsForView="published")``. A legacy form (made before; no
``publishSettings`` in ``forms.get``) cannot be published through the API: it is left as it is.

`Responders` is the ``[google] responders`` setting; `publish_new` publishes a form just made
(no listing needed); `repair` brings a recorded form back to published, accepting and reachable,
and no wider than the school chose (a «anyone with the link» responder is removed when the
school chose its domain or groups), and says what it changed. The state of a form (`PublishState`) is read from ``forms.get``,
which Google answers with false flags omitted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from sheets_schema import ru
from sync.google.errors import GoogleApiError
from sync.workspace import WorkspaceError

ANYONE, DOMAIN, GROUPS = "anyone", "domain", "groups"
PUBLISHED_VIEW = "published"
RESPONDER_ROLE = "reader"


@dataclass(frozen=True)
class Responders:
    """``[google] responders``: anyone with the link (default), the school's domain, or groups."""

    kind: str = ANYONE
    domain: str = ""
    groups: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "Responders":
        """From the checked ``[google]`` section (`jobs.config` resolved the domain)."""
        kind = settings.get("responders") or ANYONE
        return cls(kind, str(settings.get("responders_domain") or "").lower(),
                   tuple(str(g).strip().lower() for g in settings.get("responder_groups") or ()))

    def permissions(self) -> list[dict[str, str]]:
        """The Drive permissions (bodies of ``permissions.create``) that make them responders."""
        base = {"role": RESPONDER_ROLE, "view": PUBLISHED_VIEW}
        if self.kind == DOMAIN:
            return [{**base, "type": "domain", "domain": self.domain}]
        if self.kind == GROUPS:
            return [{**base, "type": "group", "emailAddress": g} for g in self.groups]
        return [{**base, "type": "anyone"}]

    def missing(self, existing: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
        """The wanted permissions not among `existing` (``permissions.list`` with the published
        view)."""
        have = {(p.get("type"), str(p.get("domain") or p.get("emailAddress") or "").lower())
                for p in existing if p.get("view") == PUBLISHED_VIEW}
        return [p for p in self.permissions()
                if (p["type"], p.get("domain") or p.get("emailAddress") or "") not in have]

    def too_open(self, existing: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """«Anyone with the link» among `existing` when the school chose its domain or groups:
        the form would take answers from outside. (Other responders staff added — a colleague,
        another group — are theirs to keep.)"""
        if self.kind == ANYONE:
            return []
        return [p for p in existing if p.get("view") == PUBLISHED_VIEW and p.get("type") == "anyone"]

    def describe(self, permissions: Sequence[Mapping[str, str]] | None = None) -> str:
        """Who they are, in Russian (of `permissions` when given: e.g. the missing ones)."""
        t = ru.FORMS_PUBLISH
        chosen = self.permissions() if permissions is None else permissions
        kinds = {p["type"] for p in chosen}
        if "anyone" in kinds:
            return t["who_anyone"]
        if "domain" in kinds:
            return t["who_domain"].format(domain=self.domain)
        return t["who_groups"].format(groups=", ".join(p["emailAddress"] for p in chosen))


@dataclass(frozen=True)
class PublishState:
    """A form's publish state as ``forms.get`` shows it."""

    legacy: bool
    published: bool
    accepting: bool

    @classmethod
    def of(cls, form_json: Mapping[str, Any]) -> "PublishState":
        settings = form_json.get("publishSettings")
        if settings is None:
            return cls(legacy=True, published=True, accepting=True)
        state = settings.get("publishState") or {}
        return cls(False, bool(state.get("isPublished", False)), bool(state.get("isAcceptingResponses", False)))

    @property
    def open(self) -> bool:
        return self.published and self.accepting


def responders_of(client, form_id: str) -> list[dict[str, Any]]:
    """The form's permissions including its responders (one ``permissions.list`` page or more)."""
    return client.permissions_list(form_id, include_view=PUBLISHED_VIEW)


def grant(client, form_id: str, title: str, responders: Responders,
          permissions: Sequence[Mapping[str, str]]) -> None:
    """Create the responder permissions; a refusal (e.g. a domain that forbids sharing outside
    it) is explained with what to set instead."""
    for permission in permissions:
        try:
            client.permissions_create(form_id, permission)
        except GoogleApiError as exc:
            if exc.code not in (400, 403):
                raise
            raise WorkspaceError(ru.FORMS_PUBLISH["grant_refused"].format(
                form=title, who=responders.describe([permission]), code=exc.code,
                message=exc.message)) from exc


def publish_new(client, form_json: Mapping[str, Any], title: str, responders: Responders) -> list[str]:
    """A form just created (`form_json` as ``batchUpdate`` returned it): publish it, accepting
    answers, and grant its responders. A legacy form (Google before the change) is already
    published and has nothing to set."""
    form_id = form_json["formId"]
    if PublishState.of(form_json).legacy:
        return [ru.FORMS_PUBLISH["legacy"].format(form=title)]
    client.forms_set_publish_settings(form_id, True, True)
    grant(client, form_id, title, responders, responders.permissions())
    return [ru.FORMS_PUBLISH["published"].format(who=responders.describe())]


def repair(client, form_json: Mapping[str, Any], title: str, responders: Responders) -> list[str]:
    """A recorded form: publish it again, reopen it, restore its responders — whichever staff
    undid — and say so (nothing to say when it was fine). A legacy form is only reported."""
    t = ru.FORMS_PUBLISH
    form_id = form_json["formId"]
    url = form_json.get("responderUri", "")
    state = PublishState.of(form_json)
    if state.legacy:
        return [t["legacy"].format(form=title)]
    lines = []
    if not state.open:
        client.forms_set_publish_settings(form_id, True, True)
        lines.append(t["republished" if not state.published else "reopened"].format(form=title, url=url))
    existing = responders_of(client, form_id)
    extra = responders.too_open(existing)
    for permission in extra:
        client.permissions_delete(form_id, permission["id"])
    if extra:
        lines.append(t["responders_narrowed"].format(form=title, who=responders.describe()))
    missing = responders.missing(existing)
    if missing:
        grant(client, form_id, title, responders, missing)
        lines.append(t["responders_restored"].format(form=title, who=responders.describe(missing)))
    return lines
