"""The «Методическая копилка»: which practices may leave the workspace, and with which names
(pure; for `jobs.publish` — the school's public page — and `jobs.report` — the round table).

A row of «Методическая копилка» (practice, authors, stage/event, materials link, «Согласие на
публикацию ФИО», date) is shown as:

- **the authors' names** only when the row says «да» in «Согласие на публикацию ФИО» (the consent
  to dissemination, 152-ФЗ art. 10.1) AND every author is found in a bank (by e-mail, by full
  name, or as «Фамилия И. О.»/«И. О. Фамилия» of exactly one person) on a row that passes
  validation with the consent to processing (`STATUS_OK`). The names shown are those of the
  banks («Фамилия Имя Отчество»), never the text typed. Otherwise no name at all («—»), and the
  row is counted in the notes;
- **the title and the stage** whole, when they name nobody else and say nothing marked
  private — checked by the page's own rule (`jobs.publish.publishable`, given by the caller),
  against everyone of the banks and «Пары» except the authors whose names may be shown. A
  title that names someone without that consent is **withheld whole** (the row is not shown),
  like a roadmap event;
- **the materials link** only when it is an absolute ``http``/``https`` address with a host and
  no spaces or control characters, and names nobody (a link may carry a person's e-mail or
  surname); else no link.

What a caller renders is escaped by the caller (`jobs.publish`: HTML-escaped, `md_text`; the
report: `safe_value`). The notes say how many rows, by sheet row number, never their texts.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping
from urllib.parse import urlsplit

from sheets_schema import parsing, ru
from sheets_schema.grid import TableData
from sheets_schema.rules import BankCheck
from sheets_schema.tables import PRACTICES
from jobs.personal_names import PersonalNames, fold

MayPublish = Callable[[str, PersonalNames], bool]
FAR_FUTURE = dt.date(9999, 12, 31)  # a date of the копилка may lie ahead (a planned round table)

_SPLIT = re.compile(r"[,;\n]+")
_WORDS = re.compile(r"[А-Яа-яЁёA-Za-z]+")


@dataclass(frozen=True)
class Practice:
    row: int
    title: str
    authors: str  # the authors' names as in the banks, "" when they may not be shown
    stage: str
    link: str  # an http(s) address, "" when none may be shown
    date: str


@dataclass
class PracticeSelection:
    practices: list[Practice] = field(default_factory=list)
    withheld: list[int] = field(default_factory=list)  # title or stage names someone: not shown
    names_hidden: list[int] = field(default_factory=list)  # authors given, no consent to show them
    links_dropped: list[int] = field(default_factory=list)  # a link that is no http(s) or names someone

    def notes(self) -> list[str]:
        k, tab = ru.KOPILKA, PRACTICES.title
        rows = lambda numbers: ", ".join(map(str, numbers))  # noqa: E731
        out = []
        if self.withheld:
            out.append(k["withheld"].format(count=len(self.withheld), rows=rows(self.withheld), tab=tab))
        if self.names_hidden:
            out.append(k["names_hidden"].format(count=len(self.names_hidden), rows=rows(self.names_hidden), tab=tab,
                                                column=PRACTICES.column("practice_name_consent").header))
        if self.links_dropped:
            out.append(k["link_dropped"].format(count=len(self.links_dropped), rows=rows(self.links_dropped), tab=tab))
        return out


@dataclass(frozen=True)
class _Person:
    name: str
    email: str
    consented: bool


def _people(banks: Mapping[str, TableData], checks: Mapping[str, BankCheck]) -> list[_Person]:
    out = []
    for key, data in banks.items():
        check = checks.get(key)
        for row, record in data.records.items():
            name = " ".join(record.get("full_name", "").split())
            if not name:
                continue
            verdict = check.verdicts.get(row) if check is not None else None
            out.append(_Person(name, record.get("email", "").strip(), verdict is not None and verdict.status == ru.STATUS_OK))
    return out


def _initials_forms(name: str) -> set[str]:
    """«фамилия и о» and «и о фамилия» of «Фамилия Имя Отчество», folded, letters only."""
    words = [fold(w) for w in _WORDS.findall(name)]
    if len(words) < 2:
        return set()
    initials = [w[0] for w in words[1:3]]
    return {" ".join([words[0], *initials]), " ".join([*initials, words[0]])}


def find_author(text: str, people: list[_Person]) -> _Person | None:
    """The one person of the banks `text` names (e-mail, full name, surname with initials), or None."""
    text = text.strip()
    if "@" in text:
        hits = [p for p in people if p.email and p.email.casefold() == text.casefold()]
    else:
        words = " ".join(fold(w) for w in _WORDS.findall(text))
        hits = [p for p in people if " ".join(fold(w) for w in _WORDS.findall(p.name)) == words]
        if not hits:
            hits = [p for p in people if words in _initials_forms(p.name)]
    unique = {(p.name, p.email.casefold()) for p in hits}
    if len(unique) != 1:
        return None
    consented = [p for p in hits if p.consented]  # in both banks: one row with consent is enough
    return consented[0] if consented else hits[0]


def http_link(text: str) -> str:
    """`text` when it is an absolute http(s) address with a host (no spaces, no control
    characters, no quotes or angle brackets), else ""."""
    value = text.strip()
    if not value or any(ch.isspace() or not ch.isprintable() or ch in "\"'<>`\\" for ch in value):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return ""
    return value


def _index(banks: Mapping[str, TableData], pairs: TableData, exclude: frozenset[tuple[str, str]]) -> PersonalNames:
    """Every name and e-mail of the banks and «Пары», except the people in `exclude` (folded name, e-mail)."""
    excluded_names = {n for n, _ in exclude}
    excluded_emails = {e for _, e in exclude if e}
    names: list[str] = []
    emails: list[str] = []

    def add(name: str, email: str = "") -> None:
        if name.strip() and fold(" ".join(name.split())) not in excluded_names:
            names.append(name)
        if email.strip() and email.strip().casefold() not in excluded_emails:
            emails.append(email)

    for data in banks.values():
        for record in data.records.values():
            add(record.get("full_name", ""), record.get("email", ""))
    for record in pairs.records.values():
        add(record.get("mentor_name", ""), record.get("mentor_email", ""))
        for name in re.split(r"[,;\n]", record.get("mentee_names", "")):
            add(name)
        for email in re.split(r"[,;\s]+", record.get("mentee_emails", "")):
            add("", email)
    return PersonalNames.of(names, emails)


def select_practices(practices: TableData, banks: Mapping[str, TableData], checks: Mapping[str, BankCheck],
                     pairs: TableData, may_publish: MayPublish) -> PracticeSelection:
    """The practices that may be shown and how (module docstring), in the order of the tab."""
    people = _people(banks, checks)
    indexes: dict[frozenset[tuple[str, str]], PersonalNames] = {}
    selection = PracticeSelection()
    for row, record in practices.records.items():
        title = " ".join(record.get("practice", "").split())
        if not title:
            continue
        typed = [a for a in (x.strip() for x in _SPLIT.split(record.get("practice_authors", ""))) if a]
        consent_text = record.get("practice_name_consent", "")
        consent, _ = parsing.parse_bool(consent_text) if consent_text.strip() else (False, None)
        found = [find_author(a, people) for a in typed]
        named = bool(typed) and bool(consent) and all(p is not None and p.consented for p in found)
        authors = [p for p in found if p is not None] if named else []
        exclude = frozenset((fold(p.name), p.email.casefold()) for p in authors)
        if exclude not in indexes:
            indexes[exclude] = _index(banks, pairs, exclude)
        names = indexes[exclude]
        stage = " ".join(record.get("practice_stage", "").split())
        if not may_publish(title, names) or (stage and not may_publish(stage, names)):
            selection.withheld.append(row)
            continue
        if typed and not named:
            selection.names_hidden.append(row)
        raw_link = record.get("practice_materials", "").strip()
        link = http_link(raw_link)
        if link and not may_publish(link, names):
            link = ""
        if raw_link and not link:
            selection.links_dropped.append(row)
        date = record.get("practice_date", "").strip()
        when, _ = parsing.parse_date(date, FAR_FUTURE) if date else (None, None)
        selection.practices.append(Practice(row, title, ", ".join(dict.fromkeys(p.name for p in authors)), stage, link,
                                            when.strftime("%d.%m.%Y") if when else ""))
    return selection


__all__ = ["MayPublish", "Practice", "PracticeSelection", "find_author", "http_link", "select_practices"]
