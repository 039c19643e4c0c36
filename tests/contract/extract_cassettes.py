"""Derive the contract fixture from gspread's recorded real traffic (run once, by hand).

    .venv/bin/python -m tests.contract.extract_cassettes /work/.mirror/burnash+gspread/repo

reads ``tests/cassettes/*.json`` (vcrpy cassettes of real Sheets v4 / Drive v3 calls) from a
bare clone of burnash/gspread (MIT) and writes ``tests/contract/fixtures/gspread_cassettes.json``:
per cassette, the interactions in order as method, api, path, query, request body, status,
content type and response body — no headers, no tokens. Google's file ids become ``file1``,
``file2``… (per cassette, in order of appearance), e-mail addresses become synthetic ones,
volatile values (etags, revision ids, page tokens, timestamps) become ``"<volatile>"``. Files a
cassette uses without making them are listed in ``preexisting`` (id, owner, name) so the replay
can seed them: one named first by a request belongs to someone else (the private spreadsheet),
one named first by ``files.list`` was already in the recording account.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

OUT = Path(__file__).parent / "fixtures" / "gspread_cassettes.json"
HOSTS = {"sheets.googleapis.com": "sheets", "www.googleapis.com": "drive"}
# Drive v2 (gspread's CSV import) is not modelled by the fake
SKIP_PATH = re.compile(r"^/upload/drive/v2/")
# a cassette whose later calls depend on a skipped one (the CSV import renames the first sheet)
SKIP_CASSETTES = {"ClientTest.test_import_csv"}
VOLATILE_KEYS = {"etag", "revisionId", "nextPageToken", "createdTime", "modifiedTime",
                 "modifiedByMeTime", "viewedByMeTime"}
FILE_ID = re.compile(r"(?<![A-Za-z0-9_-])1[A-Za-z0-9_-]{32,60}(?![A-Za-z0-9_-])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
RECORDER = "recorder@gspread-replay.iam.gserviceaccount.com"
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


def extract(git_dir: str) -> list[dict]:
    cassettes = []
    for path in cassette_paths(git_dir):
        if Path(path).stem in SKIP_CASSETTES:
            continue
        data = json.loads(git_show(git_dir, path))
        rewriter = Rewriter()
        calls, preexisting = [], []
        for raw in data["interactions"]:
            call = interaction(raw, rewriter)
            if call is None:
                continue
            preexisting += call.pop("_preexisting")
            calls.append(call)
        cassettes.append({"name": Path(path).stem, "preexisting": preexisting,
                          "interactions": calls})
    return cassettes


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


def dump(cassettes: list[dict], shared: dict, source: str) -> str:
    """One interaction per line: small diffs, readable, a fraction of the cassettes' size."""
    lines = ["{", '"source": ' + json.dumps(source) + ",",
             '"shared": ' + json.dumps(shared, ensure_ascii=False, separators=(",", ":")) + ",",
             '"cassettes": [']
    for i, cassette in enumerate(cassettes):
        head = json.dumps({k: v for k, v in cassette.items() if k != "interactions"},
                          ensure_ascii=False)[:-1]
        lines.append(f'{head}, "interactions": [')
        calls = [json.dumps(c, ensure_ascii=False, separators=(",", ":"))
                 for c in cassette["interactions"]]
        lines.append(",\n".join(calls))
        lines.append("]}" + ("," if i < len(cassettes) - 1 else ""))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", help="a bare clone of github.com/burnash/gspread")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    cassettes = extract(args.git_dir)
    shared = share_repeats(cassettes)
    commit = subprocess.run(["git", "--git-dir", args.git_dir, "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    args.out.write_text(dump(cassettes, shared, SOURCE.format(commit=commit)), encoding="utf-8")
    total = sum(len(c["interactions"]) for c in cassettes)
    print(f"{len(cassettes)} cassettes, {total} interactions → {args.out}")


if __name__ == "__main__":
    main()
