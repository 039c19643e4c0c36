"""Questionnaires on the local backend: readable documents out, export files in (``forms/``).

`create_questionnaires` writes each questionnaire as a Markdown document
(``forms/анкета-наставляемого.md`` …): its questions, answer choices and the column each feeds,
so a school can build the form in any forms tool.

`read_responses` reads the exports staff drop into ``forms/``: the CSV Google Forms downloads
(first column «Отметка времени» or «Timestamp», then «Адрес электронной почты» and one column per
question; checkbox answers joined by ", "; Russian or English interface) and the XLSX export of
Yandex Forms. Which questionnaire a file holds is told by its headers, matched to questions by
`sheets_schema.header_match` (exactly, after removing notes and punctuation, or by measured
similarity — a header taken that way is noted once with the responses it brings); a header that
is no question is an error naming the file, the header and the nearest question, and the file's
other columns are still taken. A response's id is the export's own «ID» when there is one, else a
hash of questionnaire + timestamp + e-mail, so the same rows dropped again, or repeated in a newer
export, are recognised.

One bad file never stops the others: a file that cannot be read (cut or password-protected XLSX,
binary or undecodable CSV, no column separator, empty, an .xls/.ods) is one problem naming the
file, the reason in Russian and what to do. Every text taken from a file into a message goes
through `control_chars.shown`, so a control character never reaches «Журнал» or the terminal raw;
the answers themselves are cleaned by `ingest` (for both backends).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import errno
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from openpyxl import load_workbook

from sheets_schema import ru
from sheets_schema.control_chars import shown
from sheets_schema.header_match import (
    DUPLICATE, EXACT, META, NEAR, NORMALISED, UNKNOWN, match_headers, normalise_title,
)
from sheets_schema.parsing import clean
from sheets_schema.questionnaires import (
    CHECKBOX, CONSENT, DROPDOWN, EMAIL, PARAGRAPH, QUESTIONNAIRES, RADIO, SCALE, FormLink,
    Questionnaire, Response, ResponseBatch, normalise_email,
)
from sync.local.workbook import cell_text
from sync.file_errors import describe, file_access
from sync.safe_files import private_dir, write_text
from sync.workspace import QuestionnairesCreated

FOLDER = "forms"
EXPORT_SUFFIXES = (".csv", ".xlsx")
UNSUPPORTED_SUFFIXES = (".xls", ".ods", ".numbers", ".xlsm")  # reported: staff meant them as exports
PARTIAL = "~partial"  # the version suffix of a response from a file with a column not taken

_PATTERNS = [
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"), "mdy"),
    (re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                r"\s*([AaPp][Mm])?)?(?:\s*(?:Z|GMT[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}))?$"), "ymd"),
]


def parse_timestamp(value: object) -> dt.datetime | None:
    """An export's timestamp: a datetime cell, dd.mm.yyyy H:MM:SS, m/d/yyyy H:MM:SS or ISO."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = clean(value)
    for pattern, order in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        a, b, c = int(m[1]), int(m[2]), int(m[3])
        year, month, day = {"dmy": (c, b, a), "mdy": (c, a, b), "ymd": (a, b, c)}[order]
        hour, minute, second = int(m[4] or 0), int(m[5] or 0), int(m[6] or 0)
        meridiem = (m[7] or "").lower() if m.re.groups >= 7 else ""
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        try:
            return dt.datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
    return None


# --- reading export files ----------------------------------------------------------------------
class UnreadableExport(Exception):
    """An export file that cannot be read; the message is the Russian reason."""


_XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DELIMITERS = ",;\t"
_BINARY_BYTES = bytes([*range(0, 9), *range(14, 32)])  # control bytes no text file has many of


def _unescape_xlsx(value: object) -> object:
    """Excel stores characters XML cannot hold as «_x001B_» («_x000D_» for CR): back to the
    character, which `ingest` then removes (or keeps, for a line break) and reports."""
    if isinstance(value, str) and "_x" in value:
        return _XLSX_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
    return value


@lru_cache(maxsize=1)
def _known_headers() -> frozenset[str]:
    known = {normalise_title(t) for form in QUESTIONNAIRES for q in form.questions for t in q.titles()}
    return frozenset(known | {normalise_title(t) for ts in ru.EXPORT_HEADERS.values() for t in ts})


def _decode_csv(raw: bytes) -> str:
    reasons = ru.INGEST["unreadable_reasons"]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's «Unicode text»: UTF-16 with a BOM
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableExport(reasons["encoding"]) from None
    head = raw[:4096]
    if sum(head.count(b) for b in _BINARY_BYTES) > len(head) // 20:  # a stray one is cleaned by ingest
        raise UnreadableExport(reasons["binary"])
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableExport(reasons["encoding"])


def _read_csv(raw: bytes) -> list[list[object]]:
    text = _decode_csv(raw)
    first = re.split(r"\r\n|\r|\n", text.lstrip("\r\n"), maxsplit=1)[0]
    known = _known_headers()

    def fit(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            cells = []
        return sum(normalise_title(c) in known for c in cells), first.count(delimiter)

    delimiter = max(_DELIMITERS, key=fit) if first else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise UnreadableExport(ru.INGEST["unreadable_reasons"]["csv"].format(error=shown(exc))) from None


def _error_name(exc: Exception) -> str:
    """«ParseError», «KeyError», «zlib.error»: what broke, for the message (and a bug report)."""
    kind = type(exc)
    return f"{kind.__module__}.{kind.__name__}" if kind.__name__ == "error" else kind.__name__


def _read_xlsx(path: Path) -> list[list[object]]:
    reasons = ru.INGEST["unreadable_reasons"]
    with path.open("rb") as f:  # a file object: openpyxl then reads an XLSX whatever its name ends in
        try:
            wb = load_workbook(f, read_only=True, data_only=True)
        except (zipfile.BadZipFile, zipfile.LargeZipFile):
            raise UnreadableExport(reasons["not_xlsx"]) from None
        except Exception as exc:  # noqa: BLE001 — a foreign file: any parser error is "broken", not a crash
            raise UnreadableExport(reasons["broken_xlsx"].format(error=_error_name(exc))) from None
        try:
            if not wb.worksheets:
                return []
            ws = wb.worksheets[0]
            return [[_unescape_xlsx(v) for v in row] for row in ws.iter_rows(values_only=True)]
        except Exception as exc:  # noqa: BLE001 — a cut member surfaces only while its rows are read
            raise UnreadableExport(reasons["broken_xlsx"].format(error=_error_name(exc))) from None
        finally:
            wb.close()


def read_table(path: Path) -> list[list[object]]:
    """The rows of an export file, header first, blank rows left out.

    Raises `UnreadableExport` with the Russian reason. What the file is, is told by its content
    (an XLSX saved as .csv, or a CSV saved as .xlsx, is read for what it is).
    """
    try:
        with path.open("rb") as f:
            head = f.read(4)
        rows = _read_xlsx(path) if head.startswith(b"PK") else _read_csv(path.read_bytes())
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):  # whose file, and the chown that lets us read it
            raise UnreadableExport(describe(exc, path)) from None
        raise UnreadableExport(ru.INGEST["unreadable_reasons"]["os"].format(
            error=shown(exc.strerror or type(exc).__name__))) from None
    return [r for r in rows if any(clean(v) for v in r if v is not None)]


def _match(form: Questionnaire, headers: list[str]):
    return match_headers(headers, {q.key: q.titles() for q in form.questions},
                         {k: v for k, v in ru.EXPORT_HEADERS.items() if k != "email"})


def classify(headers: list[str]) -> tuple[Questionnaire | None, int]:
    """The questionnaire whose questions the headers name best (None on a tie or no match)."""
    scores = []
    for form in QUESTIONNAIRES:
        taken = (EXACT, NORMALISED, NEAR)
        scores.append((sum(1 for m in _match(form, headers) if m.how in taken and m.key != "email"), form))
    scores.sort(key=lambda s: -s[0])
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None, 0
    return scores[0][1], scores[0][0]


def response_id(form: str, moment: dt.datetime, email: str) -> str:
    """The id of an export row without its own id: stable across re-downloads of the export."""
    text = "\x1f".join((form, moment.isoformat(), normalise_email(email)))
    return "local-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _titles_run_together(headers: list[str]) -> bool:
    """Headers in which two or more question titles stand inside one cell: a CSV whose columns
    are separated by something else than a comma, semicolon or tab (a pipe, spaces)."""
    text = " " + " ".join(normalise_title(h) for h in headers) + " "
    found = {t for t in _known_headers() if len(t.split()) >= 2 and f" {t} " in text}
    return len(found) >= 2 and not any(normalise_title(h) in found for h in headers)


def parse_export(path: Path, rows: list[list[object]]) -> tuple[Questionnaire | None, list[Response], list[str]]:
    """Responses of one export file and the problems found (Russian)."""
    file = shown(path.name)
    if not rows:
        return None, [], [ru.INGEST["empty_export"].format(file=file)]
    headers = [cell_text(h) for h in rows[0]]
    form, _ = classify(headers)
    if form is None:
        filled = [h for h in headers if clean(h)]
        if _titles_run_together(filled):
            line = shown(",".join(headers))
            return None, [], [ru.INGEST["one_column"].format(
                file=file, header=line if len(line) <= 80 else line[:79] + "…")]
        return None, [], [ru.INGEST["unknown_export"].format(
            file=file, headers=", ".join(f"«{shown(h)}»" for h in filled))]
    columns: dict[int, str] = {}
    meta: dict[str, int] = {}
    problems, notes = [], []
    for m in _match(form, headers):
        header = shown(m.header)
        if m.how in (EXACT, NORMALISED, NEAR):
            columns[m.column] = m.key
            if m.how != EXACT:
                notes.append(ru.INGEST["header_taken"].format(
                    file=file, header=header, question=form.question(m.key).title, form=form.title))
        elif m.how == META:
            meta.setdefault(m.key, m.column)
        elif m.how == DUPLICATE:
            problems.append(ru.INGEST["duplicate_header"].format(
                file=file, form=form.title, first=shown(headers[m.taken_by]), header=header,
                question=form.question(m.key).title))
        elif m.how == UNKNOWN:
            nearest = form.question(m.key).title if m.key else ""
            problems.append(ru.INGEST["unmapped_header"].format(
                file=file, form=form.title, header=header, nearest=nearest, doc=form.file_name))
    if "timestamp" not in meta:
        return form, [], [ru.INGEST["no_timestamp"].format(file=file)]
    complete = not problems
    asked = frozenset(columns.values())
    responses = []
    for number, row in enumerate(rows[1:], start=2):
        def at(i: int) -> object:
            return row[i] if i < len(row) else None

        moment = parse_timestamp(at(meta["timestamp"]))
        if moment is None:
            problems.append(ru.INGEST["bad_timestamp"].format(
                file=file, row=number, value=shown(cell_text(at(meta["timestamp"])))))
            continue
        answers: dict[str, tuple[str, ...]] = {}
        for i, key in columns.items():
            answers[key] = (cell_text(at(i)),)
        email = answers.pop("email", ("",))[0]
        own_id = cell_text(at(meta["id"])) if "id" in meta else ""
        rid = f"local-{form.key}-{own_id}" if own_id else response_id(form.key, moment, email)
        responses.append(Response(
            questionnaire=form.key, response_id=rid,
            version=moment.isoformat() + ("" if complete else PARTIAL), submitted=moment,
            email=email, answers=answers, asked=asked, source=path.name, row=number,
            complete=complete, notes=tuple(notes)))
    return form, responses, problems


def export_files(directory: Path) -> list[Path]:
    """The files of ``forms/`` that are exports, or meant to be (see `UNSUPPORTED_SUFFIXES`)."""
    folder = directory / FOLDER
    if not folder.is_dir():
        return []
    with file_access(folder):  # a folder this user may not list: exit 3 with the fix
        return sorted(p for p in folder.iterdir()
                      if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES + UNSUPPORTED_SUFFIXES
                      and not p.name.startswith(("~$", ".~lock", ".")))


def read_exports(directory: Path) -> tuple[dict[str, list[Response]], list[str]]:
    """Every export in ``forms/``: responses by questionnaire key, and problems."""
    found: dict[str, list[Response]] = {f.key: [] for f in QUESTIONNAIRES}
    problems: list[str] = []
    for path in export_files(directory):
        if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
            problems.append(ru.INGEST["unsupported_export"].format(file=shown(path.name), suffix=path.suffix))
            continue
        try:
            rows = read_table(path)
        except UnreadableExport as exc:
            problems.append(ru.INGEST["unreadable"].format(file=shown(path.name), reason=exc))
            continue
        form, responses, file_problems = parse_export(path, rows)
        problems += file_problems
        if form is not None:
            found[form.key] += responses
    return found, problems


# --- the backend's questionnaire side ----------------------------------------------------------
def read_responses(workspace, questionnaire: Questionnaire, since: str | None,
                   link: FormLink | None) -> ResponseBatch:
    """The responses of `questionnaire` in the exports of ``forms/`` (all of them: exports carry
    no server-side filter; the caller skips those already processed). Problems of files that
    belong to no questionnaire are reported with every questionnaire (the caller de-duplicates)."""
    cache_key = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in export_files(workspace.directory))
    cached = getattr(workspace, "_exports_cache", None)
    if cached is None or cached[0] != cache_key:
        cached = (cache_key, read_exports(workspace.directory))
        workspace._exports_cache = cached
    found, problems = cached[1]
    responses = list(found[questionnaire.key])
    mark = max((r.version for r in responses), default=None)
    return ResponseBatch(responses=responses, problems=list(problems), watermark=mark)


def create_questionnaires(workspace, links: Mapping[str, FormLink]) -> QuestionnairesCreated:
    """Write ``forms/<questionnaire>.md`` for each questionnaire (rewritten every time)."""
    folder = workspace.directory / FOLDER
    private_dir(folder)
    for form in QUESTIONNAIRES:
        write_text(folder / f"{form.file_name}.md", document(form))
    return QuestionnairesCreated(lines=[ru.INGEST["documents"].format(path=folder)])


def document(form: Questionnaire) -> str:
    """A questionnaire as Markdown: questions, answer kinds, choices, the column each feeds."""
    t = ru.INGEST
    lines = [f"# {form.title}", "", form.description, "", t["doc_intro"].format(tab=form.table.title), ""]
    for number, q in enumerate(form.questions, start=1):
        kind = {CONSENT: "radio", PARAGRAPH: "paragraph", EMAIL: "email", RADIO: "radio",
                DROPDOWN: "dropdown", CHECKBOX: "checkbox", SCALE: "scale"}.get(q.kind, "text")
        answer = t["doc_kinds"][kind].format(low=q.low, high=q.high)
        need = t["doc_required"] if q.required else t["doc_optional"]
        lines.append(f"## {number}. {q.title}")
        lines.append("")
        if q.help:
            lines += [f"> {q.help}", ""]
        lines.append(f"- {t['doc_answer']}: {answer}, {need}")
        if q.kind == SCALE:
            lines.append(f"- 1 — {ru.QUESTIONNAIRES['scale_low']}, 10 — {ru.QUESTIONNAIRES['scale_high']}")
        for option in q.options:
            lines.append(f"  - {option}")
        if q.other_column:
            lines.append("  - " + t["doc_other"].format(other=ru.QUESTIONNAIRES["other"],
                                                        column=ru.HEADERS[q.other_column]))
        lines.append(f"- {t['doc_column'].format(tab=form.table.title)}: «{ru.HEADERS[q.column]}»")
        if q.kind == CONSENT:
            lines.append(f"- {t['doc_consent']}")
        if q.key == "partner_email":
            lines.append(f"- {t['doc_pair']}")
        lines.append("")
    return "\n".join(lines)
