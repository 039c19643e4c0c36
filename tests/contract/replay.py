"""Replay recorded real Google traffic against the fake and measure where it agrees.

The fixture (``fixtures/gspread_cassettes.json``, the subset of gspread's vcrpy cassettes that
``extract_cassettes.py`` keeps) holds, per kept run of a cassette, the calls a gspread test made
against real Sheets v4 / Drive v3 and what Google answered. :func:`replay` sends each call, in
order, to a fresh fake and compares the answers:

* **status** — the HTTP status code;
* **shape** — the set of JSON key paths of the body, array indices generalised (``sheets[].
  properties.title``); a non-JSON body is its content type;
* **values** — every leaf value at its exact path, except volatile ones (timestamps, etags,
  revision ids, page tokens, addresses that embed an id). Ids are mapped: the first answer that
  names a recorded id (``file1``, a ``sheetId``…) binds it to the fake's id; later requests are
  rewritten with the fake's ids and later answers compared through the mapping.

Each disagreement is a :class:`Difference` (kind, method, where, cassette); the documented ones
are the table "Differences from the recorded traffic" in ``tests/fake_google/README.md``, read by
:func:`known_differences`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import requests

from tests.fake_google import FakeGoogle, token_for
from tests.fake_google.server import ROUTES

FIXTURE = Path(__file__).parent / "fixtures" / "gspread_cassettes.json"
README = Path(__file__).parents[1] / "fake_google" / "README.md"
README_SECTION = "## Differences from the recorded traffic"
RECORDER = "recorder@gspread-replay.iam.gserviceaccount.com"  # the recording account
OUTSIDER = "owner@elsewhere.example"   # owns what a cassette opens but did not create
VOLATILE_KEYS = {"etag", "revisionId", "nextPageToken", "createdTime", "modifiedTime",
                 "modifiedByMeTime", "viewedByMeTime", "spreadsheetUrl", "webViewLink",
                 "webContentLink", "thumbnailLink", "iconLink", "selfLink"}
# keys whose values are ids the fake chooses itself; one namespace per kind of id
ID_NAMESPACE = {"id": "file", "spreadsheetId": "file", "sheetId": "sheet",
                "protectedRangeId": "protectedRange", "namedRangeId": "namedRange",
                "metadataId": "metadata", "bandedRangeId": "bandedRange",
                "filterViewId": "filterView", "chartId": "chart"}
RECORDED_FILE_ID = re.compile(r"\bfile\d+\b")
# a call's fields the fixture leaves out at these values
CALL_DEFAULTS: dict[str, Any] = {"query": [], "body": None, "content_type": "application/json"}


@dataclass(frozen=True)
class Difference:
    """One way an answer of the fake differs from Google's recorded answer.

    ``kind`` is status, shape or values; ``where`` is ``200→501`` for a status, ``+path`` (only
    the fake has it) or ``-path`` (only Google has it) for a shape, the generalised path for a
    value."""

    kind: str
    method: str
    where: str
    cassette: str


@dataclass
class Outcome:
    """One replayed interaction: what Google said, what the fake said, how they differ."""

    cassette: str
    index: int
    api: str
    method: str
    recorded_status: int
    fake_status: int
    shape_diff: list[str] = field(default_factory=list)
    value_diff: list[str] = field(default_factory=list)
    recorded: Any = field(default=None, repr=False)  # the two answers, to show a difference
    answered: Any = field(default=None, repr=False)

    @property
    def status_agrees(self) -> bool:
        return self.recorded_status == self.fake_status

    @property
    def shape_agrees(self) -> bool:
        return not self.shape_diff

    @property
    def values_agree(self) -> bool:
        return self.status_agrees and not self.shape_diff and not self.value_diff

    def differences(self) -> list[Difference]:
        found = []
        if not self.status_agrees:
            found.append(Difference("status", self.method,
                                    f"{self.recorded_status}→{self.fake_status}", self.cassette))
        found += [Difference("shape", self.method, d, self.cassette) for d in self.shape_diff]
        found += [Difference("values", self.method, d, self.cassette) for d in self.value_diff]
        return found


# ---- the fixture ---------------------------------------------------------------------------
def load_fixture(path: Path = FIXTURE) -> list[dict[str, Any]]:
    """The cassettes (runs of them), with the objects stored once under ``shared`` expanded in
    place and the fields left out at their default (:data:`CALL_DEFAULTS`) put back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    shared = data["shared"]

    def expand(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"$shared"}:
                return expand(shared[value["$shared"]])
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            return [expand(v) for v in value]
        return value

    for cassette in data["cassettes"]:
        for index, call in enumerate(cassette["interactions"]):
            call = cassette["interactions"][index] = {**CALL_DEFAULTS, **call}
            call["response"] = expand(call["response"])
    return data["cassettes"]


# ---- comparing bodies ----------------------------------------------------------------------
def generalise(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf by its exact path (``sheets[0].properties.title``); empty objects and arrays
    count as leaves so that ``{}`` and ``[]`` have a shape."""
    out: dict[str, Any] = {}
    if isinstance(value, dict) and value:
        for key, item in value.items():
            out.update(leaves(item, f"{path}.{key}" if path else key))
    elif isinstance(value, list) and value:
        for i, item in enumerate(value):
            out.update(leaves(item, f"{path}[{i}]"))
    else:
        out[path] = value
    return out


def last_key(path: str) -> str:
    return re.sub(r"\[\d+\]$", "", path).rpartition(".")[2]


def shape(content_type: str, body: Any) -> set[str]:
    if body is None:
        return set()
    if content_type == "application/json":
        return {generalise(p) for p in leaves(body)}
    return {f"<{content_type}>"}


class IdMap:
    """Recorded ids → the fake's ids, one namespace per kind of id."""

    def __init__(self) -> None:
        self.names: dict[str, dict[Any, Any]] = {}

    def bind(self, key: str, recorded: Any, fake: Any) -> None:
        space = self.names.setdefault(ID_NAMESPACE[key], {})
        space.setdefault(recorded, fake)

    def get(self, key: str, recorded: Any) -> Any:
        return self.names.get(ID_NAMESPACE[key], {}).get(recorded, recorded)

    def learn(self, recorded: Any, fake: Any) -> None:
        """Walk both answers side by side and bind the ids found at the same places."""
        if isinstance(recorded, dict) and isinstance(fake, dict):
            for key, item in recorded.items():
                if key not in fake:
                    continue
                if key in ID_NAMESPACE and not isinstance(item, (dict, list)):
                    self.bind(key, item, fake[key])
                else:
                    self.learn(item, fake[key])
        elif isinstance(recorded, list) and isinstance(fake, list):
            for a, b in zip(recorded, fake):
                self.learn(a, b)

    def text(self, value: str) -> str:
        files = self.names.get("file", {})
        return RECORDED_FILE_ID.sub(lambda m: str(files.get(m.group(0), m.group(0))), value)

    def request(self, value: Any, key: str | None = None) -> Any:
        """A recorded request body with the fake's ids."""
        if isinstance(value, dict):
            return {k: self.request(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.request(v, key) for v in value]
        if key in ID_NAMESPACE and value is not None:
            return self.get(key, value)
        if isinstance(value, str):
            return self.text(value)
        return value


def compare(content_type: str, recorded: Any, fake_type: str, fake: Any,
            ids: IdMap) -> tuple[list[str], list[str]]:
    """(shape differences, value differences) of one answer, after binding its ids."""
    ids.learn(recorded, fake)
    want, got = shape(content_type, recorded), shape(fake_type, fake)
    shape_diff = sorted(f"-{p}" for p in want - got) + sorted(f"+{p}" for p in got - want)
    if content_type != "application/json" or fake_type != "application/json":
        same = (recorded or {}).get("text") == (fake or {}).get("text") if not shape_diff else True
        return shape_diff, [] if same else ["<text>"]
    google, ours = leaves(recorded), leaves(fake)
    common = want & got
    value_diff: set[str] = set()
    for path in set(google) | set(ours):
        general = generalise(path)
        key = last_key(path)
        if general not in common or key in VOLATILE_KEYS or google.get(path) == "<volatile>":
            continue  # a shape difference already, or a value that changes by itself
        expected = google.get(path)
        if key in ID_NAMESPACE and path in google:
            expected = ids.get(key, expected)
        if path not in google or path not in ours or expected != ours[path]:
            value_diff.add(general)
    return shape_diff, sorted(value_diff)


# ---- replaying -----------------------------------------------------------------------------
def method_of(http_method: str, path: str) -> str:
    """The discovery method id the fake routes the call to, else ``GET /drive/v3/files/{id}/…``."""
    for candidate in ROUTES:
        if candidate.http_method == http_method and candidate.pattern.match(path):
            return candidate.method_id
    return f"{http_method} {RECORDED_FILE_ID.sub('{id}', path)}"


def _answer(response: requests.Response) -> tuple[str, Any]:
    content_type = (response.headers.get("Content-Type") or "").split(";")[0]
    if not response.content:
        return content_type, None
    if content_type == "application/json":
        return content_type, response.json()
    if content_type.startswith("text/"):
        return content_type, {"text": response.text}
    return content_type, {"binary": True}


def replay_cassette(fake: FakeGoogle, cassette: dict[str, Any],
                    session: requests.Session) -> list[Outcome]:
    """Replay one cassette on a reset fake; one :class:`Outcome` per interaction."""
    fake.reset()
    # the recording account was a service account of 2023, when they still had Drive storage
    fake.state.drive.allow_service_account_storage = True
    ids = IdMap()
    for known in reversed(cassette["preexisting"]):  # files.list shows the newest first
        owner = RECORDER if known["owner"] == "recorder" else OUTSIDER
        made = fake.state.sheets.seed(owner, known.get("name") or "Made by someone else",
                                      {"Sheet1": []}, locale="en_US")
        ids.bind("id", known["id"], made.id)
    headers = {"Authorization": f"Bearer {token_for(RECORDER)}"}
    outcomes = []
    for index, call in enumerate(cassette["interactions"]):
        path = ids.text(call["path"])
        query = [(k, ids.text(v)) for k, v in call["query"]]
        body = call["body"]
        data = None
        if body is not None:
            data = json.dumps(ids.request(body)).encode() if "text" not in body or len(body) > 1 \
                else body["text"].encode()
        response = session.request(call["method"], fake.url + path, params=query, data=data,
                                   headers=headers | ({"Content-Type": "application/json"}
                                                      if data else {}), timeout=30)
        fake_type, fake_body = _answer(response)
        shape_diff, value_diff = compare(call["content_type"], call["response"], fake_type,
                                         fake_body, ids)
        outcomes.append(Outcome(cassette["name"], index, call["api"],
                                method_of(call["method"], call["path"]), call["status"],
                                response.status_code, shape_diff, value_diff,
                                call["response"], fake_body))
    return outcomes


def replay(cassettes: Iterable[dict[str, Any]] | None = None) -> list[Outcome]:
    """Every interaction of every cassette (default: the whole fixture) against one fake."""
    fake = FakeGoogle.start(port=0)
    try:
        with requests.Session() as session:
            return [o for c in (load_fixture() if cassettes is None else cassettes)
                    for o in replay_cassette(fake, c, session)]
    finally:
        fake.stop()


def score(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    """One row per api: interactions and the fractions (0–1) that agree."""
    rows = []
    for api in sorted({o.api for o in outcomes}, key=["sheets", "drive"].index):
        mine = [o for o in outcomes if o.api == api]
        n = len(mine)
        rows.append({"api": api, "interactions": n,
                     "status_agree": round(sum(o.status_agrees for o in mine) / n, 4),
                     "shape_agree": round(sum(o.shape_agrees for o in mine) / n, 4),
                     "values_agree": round(sum(o.values_agree for o in mine) / n, 4)})
    return rows


# ---- the documented differences ------------------------------------------------------------
def glob(pattern: str, text: str) -> bool:
    """``*`` matches anything; every other character, ``[]`` included, is itself."""
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), text) is not None


@dataclass(frozen=True)
class KnownDifference:
    """A row of the README table; ``method``, ``where`` and the comma-separated ``cassettes``
    are patterns where ``*`` matches anything."""

    kind: str
    method: str
    where: str
    cassettes: str
    reason: str

    def covers(self, diff: Difference) -> bool:
        return diff.kind == self.kind and glob(self.method, diff.method) and \
            glob(self.where, diff.where) and \
            any(glob(c.strip(), diff.cassette) for c in self.cassettes.split(","))


def known_differences(readme: Path = README) -> list[KnownDifference]:
    """The rows of the README's table "Differences from the recorded traffic"."""
    text = readme.read_text(encoding="utf-8")
    if README_SECTION not in text:
        return []
    section = text.split(README_SECTION, 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("kind", "") or set(cells[0]) <= {"-", ":"}:
            continue
        kind, method, where, cassettes = (c.replace("`", "").strip() for c in cells[:4])
        rows.append(KnownDifference(kind, method, where, cassettes, cells[4]))
    return rows


def unexplained(outcomes: list[Outcome], known: list[KnownDifference]) -> list[Difference]:
    """Differences no README row covers (each once)."""
    found = {d for o in outcomes for d in o.differences()}
    return sorted((d for d in found if not any(k.covers(d) for k in known)),
                  key=lambda d: (d.cassette, d.kind, d.method, d.where))


def stale(outcomes: list[Outcome], known: list[KnownDifference]) -> list[KnownDifference]:
    """README rows that no longer cover any difference: the fake was fixed, the row must go."""
    found = {d for o in outcomes for d in o.differences()}
    return [k for k in known if not any(k.covers(d) for d in found)]
