"""Questionnaires on the local backend: readable documents out, export files in (``forms/``).

`create_questionnaires` writes each questionnaire as a Markdown document
(``forms/анкета-наставляемого.md`` …): its questions, answer choices and the column each feeds,
so a school can build the form in any forms tool.

`read_responses` reads the exports staff drop into ``forms/``: the CSV Google Forms downloads
(first column «Отметка времени» or «Timestamp», then «Адрес электронной почты» and one column per
question; checkbox answers joined by ", "; Russian or English interface) and the XLSX export of
Yandex Forms. Which questionnaire a file holds is told by its headers; a header that is no
question of that questionnaire stops the file with an error naming the file and the header
(nothing of it is taken, the file stays). A response's id is the export's own «ID» when there is
one, else a hash of questionnaire + timestamp + e-mail, so the same rows dropped again, or
repeated in a newer export, are recognised.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path
from typing import Mapping

from openpyxl import load_workbook

from sheets_schema import ru
from sheets_schema.grid import normalise_header
from sheets_schema.parsing import clean
from sheets_schema.questionnaires import (
    CHECKBOX, CONSENT, DROPDOWN, EMAIL, PARAGRAPH, QUESTIONNAIRES, RADIO, SCALE, FormLink,
    Questionnaire, Response, ResponseBatch, normalise_email,
)
from sync.local.workbook import cell_text
from sync.workspace import QuestionnairesCreated

FOLDER = "forms"
EXPORT_SUFFIXES = (".csv", ".xlsx")

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
def _read_csv(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_xlsx(path: Path) -> list[list[object]]:
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        return [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def read_table(path: Path) -> list[list[object]]:
    """The rows of an export file, header first (raises OSError/ValueError when unreadable)."""
    rows = _read_csv(path) if path.suffix.lower() == ".csv" else _read_xlsx(path)
    return [r for r in rows if any(clean(v) for v in r if v is not None)]


def _meta(header: str) -> str | None:
    norm = normalise_header(header)
    for kind in ("timestamp", "id", "ignored"):
        if norm in {normalise_header(t) for t in ru.EXPORT_HEADERS[kind]}:
            return kind
    return None


def classify(headers: list[str]) -> tuple[Questionnaire | None, int]:
    """The questionnaire whose questions the headers name best (None on a tie or no match)."""
    scores = []
    for form in QUESTIONNAIRES:
        index = form.title_index()
        scores.append((sum(1 for h in headers if normalise_header(h) in index and index[normalise_header(h)] != "email"), form))
    scores.sort(key=lambda s: -s[0])
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None, 0
    return scores[0][1], scores[0][0]


def response_id(form: str, moment: dt.datetime, email: str) -> str:
    """The id of an export row without its own id: stable across re-downloads of the export."""
    text = "\x1f".join((form, moment.isoformat(), normalise_email(email)))
    return "local-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_export(path: Path, rows: list[list[object]]) -> tuple[Questionnaire | None, list[Response], list[str]]:
    """Responses of one export file and the problems found (Russian)."""
    if not rows:
        return None, [], []
    headers = [cell_text(h) for h in rows[0]]
    form, _ = classify(headers)
    if form is None:
        shown = ", ".join(f"«{h}»" for h in headers if clean(h))
        return None, [], [ru.INGEST["unknown_export"].format(file=path.name, headers=shown)]
    index = form.title_index()
    columns: dict[int, str] = {}
    meta: dict[str, int] = {}
    problems = []
    for i, header in enumerate(headers):
        if not clean(header):
            continue
        key = index.get(normalise_header(header))
        if key is not None:
            columns.setdefault(i, key)
        elif (kind := _meta(header)) is not None:
            meta.setdefault(kind, i)
        else:
            problems.append(ru.INGEST["unmapped_header"].format(
                file=path.name, form=form.title, header=header, doc=form.file_name))
    if "timestamp" not in meta:
        problems.append(ru.INGEST["no_timestamp"].format(file=path.name))
    if problems:
        return form, [], problems
    asked = frozenset(columns.values())
    responses = []
    for number, row in enumerate(rows[1:], start=2):
        def at(i: int) -> object:
            return row[i] if i < len(row) else None

        moment = parse_timestamp(at(meta["timestamp"]))
        if moment is None:
            problems.append(ru.INGEST["bad_timestamp"].format(
                file=path.name, row=number, value=cell_text(at(meta["timestamp"]))))
            continue
        answers: dict[str, tuple[str, ...]] = {}
        for i, key in columns.items():
            answers[key] = (cell_text(at(i)),)
        email = answers.pop("email", ("",))[0]
        own_id = cell_text(at(meta["id"])) if "id" in meta else ""
        rid = f"local-{form.key}-{own_id}" if own_id else response_id(form.key, moment, email)
        responses.append(Response(
            questionnaire=form.key, response_id=rid, version=moment.isoformat(), submitted=moment,
            email=email, answers=answers, asked=asked, source=path.name))
    return form, responses, problems


def export_files(directory: Path) -> list[Path]:
    folder = directory / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES
                  and not p.name.startswith(("~$", ".~lock", ".")))


def read_exports(directory: Path) -> tuple[dict[str, list[Response]], list[str]]:
    """Every export in ``forms/``: responses by questionnaire key, and problems."""
    found: dict[str, list[Response]] = {f.key: [] for f in QUESTIONNAIRES}
    problems: list[str] = []
    for path in export_files(directory):
        try:
            rows = read_table(path)
        except (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile) as exc:  # a cut .xlsx
            problems.append(ru.INGEST["unreadable"].format(file=path.name, reason=exc))
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
    folder.mkdir(parents=True, exist_ok=True)
    for form in QUESTIONNAIRES:
        (folder / f"{form.file_name}.md").write_text(document(form), encoding="utf-8")
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
