"""Security and personal data (152-ФЗ): scopes, secrets, RAW writes, masked logs, and a scan of
every output for people who gave no consent to the processing of their personal data.

The scan builds a workspace where some people lack the consent — one of them in an approved pair,
one who would otherwise be proposed, a mentor who would otherwise be chosen — runs the nightly
command with orders on and the public page, and reads back everything the service produced:
«Предложения», «Итоги мониторинга», «Журнал», every order and programme, the public page (HTML
and Markdown) and what the commands printed and logged. None of those people may appear in any
of it; the public page holds no e-mail address and no name at all. Figures are asserted against
tests/reliability/figures/privacy.json.
"""
from __future__ import annotations

import json
import logging
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jobs.cli import cli
from jobs.config import render_local_config
from jobs.init import DEFAULT_SCHOOL
from sheets_schema import ru
from sync.google.auth import SCOPE_REASONS, SCOPES, AuthStatus, CredentialSource, exposed_secrets, status_lines
from sync.local import create_local_workspace
from tests.reliability.report import check_figures
from tests.test_orders import mentee, mentor, pair, rows_for
from tests.workspaces import NOW

ROOT = Path(__file__).resolve().parent.parent
PROMISE_SCAN = ("no person without consent to personal-data processing in any output (proposals, orders, "
                "programmes, monitoring summary, «Журнал», public page, command output and logs); the public "
                "page holds no e-mail and no name")
PROMISE_GOOGLE = ("on Google every value is written RAW, and no credential (key file path, private key, "
                  "refresh or access token) appears in any log record, at DEBUG")

# People without consent to the processing of personal data (unique surnames, so a hit is theirs)
NO_CONSENT = [
    mentee(20, full_name="Щербакова Нина Львовна", email="shcherbakova@school.example", pd_consent=""),
    mentee(21, full_name="Тихонова Зоя Петровна", email="tikhonova@school.example", pd_consent=""),
    mentor(22, full_name="Голубев Лев Ильич", email="golubev@school.example", pd_consent="",
           subject="математика", capacity="3"),
]
WITH_CONSENT_UNPAIRED = mentee(23, full_name="Ракитина Алла Борисовна", email="rakitina@school.example")


def consent_workspace(directory: Path) -> Path:
    rows = rows_for(2)
    rows["mentors"] = [*rows["mentors"], NO_CONSENT[2]]
    rows["mentees"] = [*rows["mentees"], NO_CONSENT[0], NO_CONSENT[1], WITH_CONSENT_UNPAIRED]
    rows["pairs"] = [*rows["pairs"], pair(9, mentor_email="mentor1@school.example",
                                          mentee_emails="shcherbakova@school.example",
                                          mentee_names="Щербакова Нина Львовна")]
    rows["monitoring"] = [
        {"submitted": "20.11.2026 10:00:00", "role": "наставляемый", "pair_id": "P000",
         "email": "mentee0@school.example", "partner_email": "mentor0@school.example", "comfort": "9",
         "usefulness": "8", "clarity": "9", "expectations": "8", "satisfaction": "9", "continue_wish": "10"},
        {"submitted": "21.11.2026 10:00:00", "role": "наставляемый", "pair_id": "P009",
         "email": "shcherbakova@school.example", "partner_email": "mentor1@school.example", "comfort": "7",
         "usefulness": "7", "clarity": "7", "expectations": "7", "satisfaction": "7", "continue_wish": "7"},
    ]
    config = render_local_config(DEFAULT_SCHOOL) + '\n[documents]\nnightly = true\norder_number = "45-о"\n'
    create_local_workspace(directory, rows, config)
    return directory / "nastavnik.toml"


def person_patterns(full_name: str, email: str) -> list[re.Pattern]:
    """How a person may show up: the e-mail, the full name, «Фамилия И. О.», «И. О. Фамилия», the surname."""
    surname, name, patronymic = full_name.split()
    initials = rf"{name[0]}\.\s*{patronymic[0]}\."
    forms = [re.escape(email), re.escape(full_name), rf"{surname}\s+{initials}", rf"{initials}\s*{surname}",
             re.escape(surname), re.escape(surname[:-1])]  # the stem catches other cases (Щербаковой)
    return [re.compile(rf"(?<!\w){f}", re.IGNORECASE) for f in forms]


def tab_texts(path: Path, tab: str) -> str:
    wb = load_workbook(path, read_only=True)
    try:
        return "\n".join(str(v) for row in wb[tab].iter_rows(values_only=True) for v in row if v is not None)
    finally:
        wb.close()


def test_every_output_is_free_of_people_without_consent(tmp_path):
    from sync.local.documents import docx_texts

    config = consent_workspace(tmp_path / "школа")
    runner = CliRunner()
    night = runner.invoke(cli, ["--config", str(config), "--log-format", "json", "nightly"])
    site = tmp_path / "site"
    page = runner.invoke(cli, ["--config", str(config), "publish", "--out", str(site)])
    assert page.exit_code == 0, page.output
    workbook = config.parent / "workspace.xlsx"

    outputs = {
        "«Предложения»": tab_texts(workbook, "Предложения"),
        "«Итоги мониторинга»": tab_texts(workbook, "Итоги мониторинга"),
        "«Журнал»": tab_texts(workbook, "Журнал"),
        "nightly: output and log": night.output,
        "publish: output": page.output,
        "public page (HTML)": (site / "index.html").read_text(encoding="utf-8"),
        "public page (Markdown)": (site / "index.md").read_text(encoding="utf-8"),
    }
    documents = sorted((config.parent / "documents").glob("*.docx"))
    for doc in documents:
        outputs[doc.name] = "\n".join(docx_texts(doc))
    kinds = {"order": sum("Приказ" in d.name for d in documents), "programme": sum("рограмма" in d.name for d in documents)}

    # the outputs are real: the run made its order and programmes, and proposed the consenting mentee
    assert kinds == {"order": 1, "programme": 2}, [d.name for d in documents]
    assert "rakitina@school.example" in outputs["«Предложения»"]
    assert "mentor0@school.example" in outputs["«Предложения»"] or "Смирнова Ольга Ивановна" in "\n".join(
        outputs[d.name] for d in documents)
    assert "Наставляемых в паре или группе" in outputs["public page (HTML)"]

    leaks = [(who["full_name"], where) for who in NO_CONSENT for where, text in outputs.items()
             if any(p.search(text) for p in person_patterns(who["full_name"], who["email"]))]
    assert leaks == []

    # the public page: no e-mail and no name of anyone in the banks
    everyone = [*rows_for(2)["mentors"], *rows_for(2)["mentees"], *NO_CONSENT, WITH_CONSENT_UNPAIRED]
    public = [k for k in outputs if k.startswith("public page")]
    for where in public:
        assert "@" not in outputs[where]
        named = [p["full_name"] for p in everyone
                 if any(pt.search(outputs[where]) for pt in person_patterns(p["full_name"], p["email"])[:4])]
        assert named == [], where

    check_figures("privacy", "tests/test_reliability_privacy.py::test_every_output_is_free_of_people_without_consent",
                  PROMISE_SCAN, {
                      "outputs scanned": len(outputs),
                      "people without consent checked": len(NO_CONSENT),
                      "people checked on the public page": len(everyone),
                      "people without consent found (leaked)": len(leaks),
                  })


# --- Google: scopes, RAW, secrets never logged -------------------------------------------------------
def readme_scopes() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### The scopes and why", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `(https://www\.googleapis\.com/auth/[^`]+)` \| ([^|]+) \|", section, re.MULTILINE)


def test_scopes_are_minimal_and_the_readme_table_is_the_code():
    from sync.google.auth import DRIVE, DRIVE_FILE, scope_reasons, scopes_for

    table = readme_scopes()
    # the people's scopes, then the one a service account without subject asks for instead
    assert [scope for scope, _ in table] == list(SCOPES) + [DRIVE]
    reasons = {**SCOPE_REASONS, **scope_reasons("service_account")}
    for scope, why in table:
        assert why.strip().startswith(reasons[scope])
    assert scopes_for("service_account") == tuple(s if s != DRIVE_FILE else DRIVE for s in SCOPES)
    assert scopes_for("service_account", "koordinator@school26.example") == scopes_for("oauth") == \
        scopes_for("adc") == SCOPES
    # a person never the whole Drive, never write access to answers
    assert "https://www.googleapis.com/auth/drive" not in SCOPES
    assert "https://www.googleapis.com/auth/forms.responses" not in SCOPES
    assert all(s.startswith("https://www.googleapis.com/auth/") for s in SCOPES)


@pytest.mark.parametrize("mode, warned", [(0o600, False), (0o640, True), (0o644, True)])
def test_a_key_file_others_can_read_draws_a_warning(tmp_path, mode, warned):
    key = tmp_path / "key.json"
    key.write_text('{"type": "service_account"}', encoding="utf-8")
    key.chmod(mode)
    source = CredentialSource("service_account", key)

    lines = status_lines(AuthStatus(source, "robot@p.iam.gserviceaccount.com", granted=SCOPES,
                                    exposed_files=exposed_secrets(source)))

    assert (ru.GOOGLE["secret_exposed"].format(path=key) in lines) == warned
    assert oct(stat.S_IMODE(key.stat().st_mode)) == oct(mode)  # a warning, the file is left alone


def test_google_writes_raw_and_never_logs_a_credential(fake_google, tmp_path, caplog, monkeypatch):
    from jobs.config import MatchingSettings, School
    from jobs.documents.settings import DocumentSettings
    from jobs.ingest import prepare_questionnaires
    from jobs.nightly import NightlySettings, nightly
    from tests.fake_google import token_for
    from tests.test_google_support import seeded_workspace

    monkeypatch.setattr(logging.getLogger("nastavnik"), "propagate", True)
    caplog.set_level(logging.DEBUG)  # every logger: nastavnik, google-auth, urllib3, googleapiclient
    ws = seeded_workspace(fake_google, tmp_path, rows_for(3))
    sent: list[tuple[str, str, object, object]] = []  # what went on the wire to Sheets: method, url, query, body
    session = ws.client._sheets
    plain = session.request

    def recording(method, url, *args, **kwargs):
        sent.append((method.upper(), url, kwargs.get("params"), kwargs.get("json")))
        return plain(method, url, *args, **kwargs)

    monkeypatch.setattr(session, "request", recording)
    prepare_questionnaires(ws)
    settings = NightlySettings(school=School("МБОУ СОШ № 26", "Иванова Ирина Петровна", "Петрова Анна Сергеевна"),
                               documents=DocumentSettings(order_number="45-о"), matching=MatchingSettings.default())
    result = nightly(ws, settings, now=NOW)
    assert [s.job for s in result.steps][:5] == ["upgrade", "ingest", "validate", "match", "orders"]

    kinds = ("sheets.spreadsheets.values.update", "sheets.spreadsheets.values.batchUpdate",
             "sheets.spreadsheets.values.append")
    logged = [e for e in fake_google.requests(api="sheets") if e["method_id"] in kinds and e["fault"] is None]
    writes = [(url, query, body) for method, url, query, body in sent
              if method in ("POST", "PUT") and ("/values" in url and not url.endswith(":batchGet"))]
    assert len(writes) == len(logged) > 0  # every value write the fake saw, read on the wire

    def option(query, body) -> str:
        if isinstance(body, dict) and "valueInputOption" in body:
            return body["valueInputOption"]
        return dict(query or {}).get("valueInputOption", "")

    not_raw = [url for url, query, body in writes if option(query, body) != "RAW"]
    formulas = [url for method, url, query, body in sent if "formulaValue" in json.dumps(body or {})]

    cached = json.loads((tmp_path / "token.json").read_text(encoding="utf-8"))
    secrets = [cached["refresh_token"], cached["client_secret"], str(tmp_path / "token.json"), "token.json"]
    access = [e for e in fake_google.requests() if e["api"] == "oauth"]
    assert access, "the run refreshed its token"
    secrets.append(token_for("koordinator@school26.example"))
    secrets.append(cached["token"])  # the access token the run used (it carries the granted scopes)
    records = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    found = [s for s in secrets for text in records if s in text]
    assert records, "DEBUG logging captured the run"
    assert not_raw == [] and formulas == [] and found == []
    check_figures("privacy", "tests/test_reliability_privacy.py::test_google_writes_raw_and_never_logs_a_credential",
                  PROMISE_GOOGLE, {
                      "value writes checked on the wire": len(writes),
                      "writes not RAW": len(not_raw),
                      "log records checked (DEBUG)": len(records) > 0,
                      "credentials found in logs": len(found),
                  })
