"""Derive the contract fixture from gspread's recorded real traffic — the small subset the
suite needs, not the record (run by hand).

    .venv/bin/python -m tests.contract.extract_cassettes /work/.mirror/burnash+gspread/repo

reads ``tests/cassettes/*.json`` (vcrpy cassettes of real Sheets v4 / Drive v3 calls) from a
bare clone of burnash/gspread (MIT) and writes ``tests/contract/fixtures/gspread_cassettes.json``:
per kept run of a cassette, the interactions in order as method, api, path, query, request
body, status, content type and response body — no headers, no tokens. Google's file ids become
``file1``, ``file2``… (per cassette, in order of appearance), e-mail addresses become synthetic
ones, volatile values (etags, revision ids, page tokens, timestamps) become ``"<volatile>"``.
Files a cassette uses without making them are listed in ``preexisting`` (id, owner, name) so the
replay can seed them: one named first by a request belongs to someone else (the private
spreadsheet), one named first by ``files.list`` was already in the recording account.

Which cassettes are kept — the small subset the suite needs, not the record. vcrpy appends to a
cassette the calls of each re-recording that the earlier ones lack, so most cassettes hold the
same gspread test two or three times over; :func:`runs` splits them into their runs (each makes,
uses and deletes its own spreadsheet) where the runs cannot see each other. Over all runs of all
cassettes a deterministic greedy set cover then picks runs until every *kind* of call in the
whole record is replayed at least once. The kinds of a run (:func:`kinds`):

* ``call <api> <method> <status>`` — every (API, method, HTTP status); the method is the
  discovery method id from Google's discovery documents (a path no method describes stands for
  itself, ids generalised to ``{id}``);
* ``param <method> <name>`` — every query parameter a method was called with;
* ``request <kind>`` — every batchUpdate request kind (``mergeCells``, ``addNamedRange``…);
* ``option <method> <name>=<value>`` — every values-call variant: ``valueInputOption``,
  ``majorDimension``, ``valueRenderOption``, ``dateTimeRenderOption`` (and ``insertDataOption``,
  ``includeValuesInResponse``, ``responseValueRenderOption``, ``responseDateTimeRenderOption``)
  in the query, the body or ``body.data[]``;
* ``error <method> <status> <error.status>: <message>`` — every error class, the message with
  quoted values and numbers masked;
* ``shape <method> <status> <path>`` — every JSON key path of Google's answers (array indices
  generalised, as the replay compares shapes), so that each field Google was seen to answer
  (``frozenRowCount``, ``columnGroups``, ``warningOnly``…) is still compared.

The greedy rule: repeatedly keep the run that adds the most kinds not yet covered — ties to the
smaller one (bytes as written), then to the first in the record's order — until every kind is
covered; then drop, largest first, each kept run whose kinds the others cover. Everything else
only repeats covered kinds: the same few methods in other orders and with other cell values.
The fixture records the outcome under ``selection`` (every kind of the full record; cassettes,
runs and calls kept out of how many), and the contract test recomputes the kinds of the kept runs
and fails unless they cover them all. Per call nothing is trimmed: objects repeated verbatim in
several answers (a new spreadsheet's theme and default format) are stored once under ``shared``,
and fields at their default (no query, no body, a JSON answer) are left out.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from tests.contract.replay import CALL_DEFAULTS, shape
from tests.fake_google import discovery

OUT = Path(__file__).parent / "fixtures" / "gspread_cassettes.json"
HOSTS = {"sheets.googleapis.com": "sheets", "www.googleapis.com": "drive"}
# Drive v2 (gspread's CSV import) is not modelled by the fake
SKIP_PATH = re.compile(r"^/upload/drive/v2/")
# a cassette whose later calls depend on a skipped one (the CSV import renames the first sheet)
SKIP_CASSETTES = {"ClientTest.test_import_csv"}
VOLATILE_KEYS = {"etag", "revisionId", "nextPageToken", "createdTime", "modifiedTime",
                 "modifiedByMeTime", "viewedByMeTime"}
FILE_ID = re.compile(r"(?<![A-Za-z0-9_-])1[A-Za-z0-9_-]{32,60}(?![A-Za-z0-9_-])")
SYNTHETIC_ID = re.compile(r"\bfile\d+\b")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
RECORDER = "recorder@gspread-replay.iam.gserviceaccount.com"
# the values-call variants that are kinds of their own (query, body or body.data[])
VALUE_OPTIONS = ("valueInputOption", "majorDimension", "valueRenderOption",
                 "dateTimeRenderOption", "insertDataOption", "includeValuesInResponse",
                 "responseValueRenderOption", "responseDateTimeRenderOption")
RULE = ("greedy set cover of the kinds of call in the whole record (call, param, request, "
        "option, error, shape: see tests/contract/extract_cassettes.py) by cassette runs, the "
        "smaller first among equal gains, redundant ones dropped")
SOURCE = ("github.com/burnash/gspread tests/cassettes at {commit} (MIT licence), derived by "
          "tests/contract/extract_cassettes.py")


def git_show(git_dir: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], check=True,
                          capture_output=True, text=True).stdout


def cassette_paths(git_dir: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", "HEAD",
                          "tests/cassettes"], check=True, capture_output=True, text=True).stdout
    return sorted(p for p in out.split() if p.endswith(".json"))


class Rewriter:
    """Per-cassette synthetic names for Google's file ids and e-mail addresses."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.emails: dict[str, str] = {}

    def text(self, value: str) -> str:
        value = FILE_ID.sub(lambda m: self.ids.setdefault(m.group(0), f"file{len(self.ids) + 1}"),
                            value)
        return EMAIL.sub(self._email, value)

    def _email(self, m: re.Match[str]) -> str:
        address = m.group(0)
        if address.endswith(".iam.gserviceaccount.com"):  # the recording account
            return RECORDER
        return self.emails.setdefault(address, f"person{len(self.emails) + 1}@gspread.example")

    def json(self, value, key: str | None = None):
        if isinstance(value, dict):
            return {k: self.json(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.json(v, key) for v in value]
        if isinstance(value, str):
            return "<volatile>" if key in VOLATILE_KEYS else self.text(value)
        return value


def body_of(raw: str | None, rewriter: Rewriter):
    if raw is None or raw == "":
        return None
    try:
        return rewriter.json(json.loads(raw))
    except ValueError:
        return {"text": rewriter.text(raw)}


def header(headers: dict, name: str) -> str:
    for key, values in headers.items():
        if key.lower() == name:
            return values[0] if isinstance(values, list) else values
    return ""


def interaction(raw: dict, rewriter: Rewriter) -> dict | None:
    request, response = raw["request"], raw["response"]
    url = urlsplit(request["uri"])
    if SKIP_PATH.match(url.path):
        return None
    named_before = set(rewriter.ids.values())  # synthetic names given so far
    out = {"api": HOSTS[url.netloc], "method": request["method"],
           "path": rewriter.text(url.path),
           "query": [[k, rewriter.text(v)] for k, v in parse_qsl(url.query, keep_blank_values=True)],
           "body": body_of(request["body"] if isinstance(request["body"], (str, type(None)))
                           else request["body"].get("string"), rewriter)}
    new_in_request = [name for name in rewriter.ids.values() if name not in named_before]
    content_type = header(response["headers"], "content-type").split(";")[0]
    text = response["body"].get("string", "")
    if content_type == "application/json":
        answer = body_of(text, rewriter)
    elif text and content_type.startswith("text/"):
        answer = {"text": rewriter.text(text)}
    else:  # a binary download (PDF) is compared by status and content type only
        answer = {"binary": True} if text else None
    out.update(status=response["status"]["code"], content_type=content_type, response=answer)
    # a file named first by a request was made outside the test (and not shared: the private
    # spreadsheet); one named first by files.list was already in the recording account
    out["_preexisting"] = [{"id": name, "owner": "someone else"} for name in new_in_request]
    if out["path"] == "/drive/v3/files" and out["method"] == "GET" and isinstance(answer, dict):
        out["_preexisting"] += [{"id": f["id"], "owner": "recorder", "name": f.get("name", "")}
                                for f in answer.get("files", [])
                                if f.get("id") and f["id"] not in named_before]
    return out


def _is_create(call: dict) -> bool:
    return call["method"] == "POST" and call["path"] == "/drive/v3/files"


def runs(calls: list[dict]) -> list[list[dict]]:
    """A cassette's calls split into its runs. vcrpy appends to a cassette the calls of each
    re-recording that the earlier ones lack, so most cassettes hold the same gspread test run
    two or three times, each making, using and deleting its own spreadsheet; a run starts at a
    ``files.create`` that follows a ``files.delete``. Runs are split only when they cannot see
    each other on a fresh fake: no file id in two runs, and no ``files.list`` in the cassette
    (it would list an earlier run's files); otherwise the cassette stays one run."""
    parts: list[list[dict]] = [[]]
    deleted = False
    for call in calls:
        if _is_create(call) and deleted:
            parts.append([])
            deleted = False
        deleted = deleted or (call["method"] == "DELETE" and call["path"].startswith("/drive/"))
        parts[-1].append(call)
    named = [set(SYNTHETIC_ID.findall(json.dumps(part))) for part in parts]
    shared_ids = any(a & b for i, a in enumerate(named) for b in named[i + 1:])
    lists = any(c["method"] == "GET" and c["path"] == "/drive/v3/files" for c in calls)
    return [calls] if shared_ids or lists else parts


def extract(git_dir: str) -> list[dict]:
    """Every run of every cassette, in order: ``{name, [run: [k, of]], preexisting,
    interactions}``."""
    units = []
    for path in cassette_paths(git_dir):
        if Path(path).stem in SKIP_CASSETTES:
            continue
        data = json.loads(git_show(git_dir, path))
        rewriter = Rewriter()
        calls = [c for c in (interaction(raw, rewriter) for raw in data["interactions"]) if c]
        parts = runs(calls)
        for number, part in enumerate(parts, 1):
            unit: dict = {"name": Path(path).stem}
            if len(parts) > 1:
                unit["run"] = [number, len(parts)]
            unit["preexisting"] = [known for call in part for known in call.pop("_preexisting")]
            unit["interactions"] = part
            units.append(unit)
    return units


# ---- which cassettes are kept ---------------------------------------------------------------
@lru_cache(maxsize=None)
def _method_patterns(api: str) -> list[tuple[int, str, re.Pattern[str], str]]:
    """(literal length, HTTP method, path regex, method id) of every method of ``api``."""
    document = discovery.document(api)
    root = "/" + document.get("servicePath", "")
    patterns = []
    for method_id, method in discovery.methods(api).items():
        template = root + method["path"]
        parts = re.split(r"(\{\+?\w+\})", template)
        regex = "".join((".+" if part.startswith("{+") else "[^/]+") if part.startswith("{")
                        else re.escape(part) for part in parts)
        literal = sum(len(part) for part in parts if not part.startswith("{"))
        patterns.append((literal, method["httpMethod"], re.compile(f"^{regex}$"), method_id))
    return sorted(patterns, key=lambda p: (-p[0], p[3]))


def method_name(api: str, http_method: str, path: str) -> str:
    """The discovery method id of a recorded call, else ``GET /drive/v3/files/{id}/…``."""
    for _, verb, pattern, method_id in _method_patterns(api):
        if verb == http_method and pattern.match(path):
            return method_id
    return f"{http_method} {SYNTHETIC_ID.sub('{id}', path)}"


def _options(where: dict) -> list[tuple[str, str]]:
    """The values options of a request body (or one of its ``data[]``), as JSON (``null``)."""
    return [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in where.items()
            if k in VALUE_OPTIONS and not isinstance(v, (dict, list))]


def kinds(cassette: dict) -> set[str]:
    """The kinds of call a cassette exercises (see the module docstring)."""
    found: set[str] = set()
    for call in cassette["interactions"]:
        method = method_name(call["api"], call["method"], call["path"])
        found.add(f"call {call['api']} {method} {call['status']}")
        found.update(f"param {method} {name}" for name, _ in call["query"])
        body = call["body"] if isinstance(call["body"], dict) else {}
        variants = [(k, v) for k, v in call["query"] if k in VALUE_OPTIONS] + _options(body)
        for item in body.get("data", []) if isinstance(body.get("data"), list) else []:
            variants += _options(item) if isinstance(item, dict) else []
        found.update(f"option {method} {k}={v}" for k, v in variants)
        if method.endswith(".spreadsheets.batchUpdate"):
            found.update(f"request {kind}" for request in body.get("requests", [])
                         for kind in request)
        if call["status"] >= 400:
            error = (call["response"] or {}).get("error", {}) \
                if isinstance(call["response"], dict) else {}
            message = re.sub(r'"[^"]*"', '"…"', str(error.get("message", "")))
            message = re.sub(r"\d+", "N", message)
            found.add(f"error {method} {call['status']} {error.get('status', '')}: {message}")
        found.update(f"shape {method} {call['status']} {path}"
                     for path in shape(call["content_type"], call["response"]))
    return found


def written(call: dict) -> str:
    """One call as the fixture holds it: fields at their default (no query, no body, a JSON
    answer) left out; :func:`tests.contract.replay.load_fixture` puts them back."""
    kept = {k: v for k, v in call.items() if k not in CALL_DEFAULTS or v != CALL_DEFAULTS[k]}
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def written_size(cassette: dict) -> int:
    """Bytes of the cassette's interactions as :func:`dump` writes them."""
    return sum(len(written(c)) + 2 for c in cassette["interactions"])


def label(unit: dict) -> str:
    """``WorksheetTest.test_sort`` or, for one run of several, ``WorksheetTest.test_sort#2``."""
    return unit["name"] + (f"#{unit['run'][0]}" if "run" in unit else "")


def select(units: list[dict]) -> tuple[list[dict], list[str]]:
    """(the kept runs in the record's order, every kind of call in the whole record)."""
    have = [kinds(u) for u in units]
    size = [written_size(u) for u in units]
    universe: set[str] = set().union(*have)
    kept: list[int] = []
    covered: set[str] = set()
    while covered != universe:  # the most new kinds; then the smaller; then the first
        best = min(range(len(units)), key=lambda i: (-len(have[i] - covered), size[i], i))
        kept.append(best)
        covered |= have[best]
    for i in sorted(kept, key=lambda i: (-size[i], i)):  # drop what the others cover
        if set().union(*(have[j] for j in kept if j != i)) >= universe:
            kept.remove(i)
    return [units[i] for i in sorted(kept)], sorted(universe)


def share_repeats(cassettes: list[dict], min_count: int = 3, min_chars: int = 200) -> dict:
    """Objects repeated verbatim in the answers of several cassettes (a new spreadsheet's theme
    and default format) are stored once under ``shared`` and replaced by ``{"$shared": name}``."""
    seen_in: dict[str, set[str]] = {}

    def count(value, cassette: str) -> None:
        if isinstance(value, dict):
            text = json.dumps(value, sort_keys=True)
            if len(text) >= min_chars:
                seen_in.setdefault(text, set()).add(cassette)
            for item in value.values():
                count(item, cassette)
        elif isinstance(value, list):
            for item in value:
                count(item, cassette)

    for cassette in cassettes:
        for call in cassette["interactions"]:
            count(call["response"], cassette["name"])
    counts = {text: len(names) for text, names in seen_in.items()}
    names: dict[str, str] = {}

    def replace(value):
        if isinstance(value, dict):
            text = json.dumps(value, sort_keys=True)
            if counts.get(text, 0) >= min_count:
                return {"$shared": names.setdefault(text, f"s{len(names) + 1}")}
            return {k: replace(v) for k, v in value.items()}
        if isinstance(value, list):
            return [replace(v) for v in value]
        return value

    for cassette in cassettes:
        for call in cassette["interactions"]:
            call["response"] = replace(call["response"])
    return {name: json.loads(text) for text, name in names.items()}


def dump(cassettes: list[dict], shared: dict, source: str, selection: dict) -> str:
    """One interaction per line: small diffs, readable, a fraction of the cassettes' size."""
    lines = ["{", '"source": ' + json.dumps(source) + ",",
             '"selection": ' + json.dumps({k: v for k, v in selection.items() if k != "kinds"},
                                          ensure_ascii=False)[:-1] + ', "kinds": [',
             ",\n".join(json.dumps(k, ensure_ascii=False) for k in selection["kinds"]) + "]},",
             '"shared": ' + json.dumps(shared, ensure_ascii=False, separators=(",", ":")) + ",",
             '"cassettes": [']
    for i, cassette in enumerate(cassettes):
        head = json.dumps({k: v for k, v in cassette.items() if k != "interactions"},
                          ensure_ascii=False)[:-1]
        lines.append(f'{head}, "interactions": [')
        calls = [written(c) for c in cassette["interactions"]]
        lines.append(",\n".join(calls))
        lines.append("]}" + ("," if i < len(cassettes) - 1 else ""))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", help="a bare clone of github.com/burnash/gspread")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    record = extract(args.git_dir)
    kept, universe = select(record)
    covered = set().union(*(kinds(u) for u in kept)) & set(universe)
    selection = {
        "rule": RULE,
        "cassettes": [len({u["name"] for u in kept}), len({u["name"] for u in record})],
        "runs": [len(kept), len(record)],
        "interactions": [sum(len(u["interactions"]) for u in kept),
                         sum(len(u["interactions"]) for u in record)],
        "kinds": universe}
    shared = share_repeats(kept)
    commit = subprocess.run(["git", "--git-dir", args.git_dir, "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    args.out.write_text(dump(kept, shared, SOURCE.format(commit=commit), selection),
                        encoding="utf-8")
    print("kept {0[0]} of {0[1]} cassettes ({1[0]} of {1[1]} runs, {2[0]} of {2[1]} calls) → "
          "{3} ({4:,} bytes)".format(selection["cassettes"], selection["runs"],
                                      selection["interactions"], args.out, args.out.stat().st_size))
    print(f"kinds covered: {len(covered)} of {len(universe)} "
          f"({100 * len(covered) / len(universe):.0f} %)")
    for family in ("call", "param", "request", "option", "error", "shape"):
        mine = [k for k in universe if k.split(" ", 1)[0] == family]
        print(f"  {family:<8} {sum(k in covered for k in mine):>3} of {len(mine)}")
    for unit in kept:
        print(f"  {label(unit):<62} {len(unit['interactions']):>3} calls")

if __name__ == "__main__":
    main()
