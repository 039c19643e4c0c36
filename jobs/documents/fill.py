"""What every document shares: the people and pairs as read from the tables, the school's values
(`common_values`), names and the idempotency keys. The fill data of each document kind is in its
own module (`order_fill`, `programme_fill`).

Pure: people and pairs in, `sheets_schema.templates.Fill` out. Every value passes `safe_fill`, so
a name typed with braces can never become a placeholder.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

from sheets_schema import ru
from sheets_schema.templates import Fill, safe_value
from jobs.documents.people import declined, or_blank, signed
from jobs.documents.settings import DocumentSettings
from jobs.documents.texts import ru_text


class SchoolNames(Protocol):
    """What a document says about the school (`jobs.config.School`, which imports this package)."""

    @property
    def name(self) -> str: ...

    @property
    def head(self) -> str: ...

    @property
    def coordinator(self) -> str: ...

    @property
    def full_name(self) -> str: ...

    @property
    def place(self) -> str: ...


_SPLIT = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    position: str = ""
    subject: str = ""
    difficulties: tuple[str, ...] = ()
    other: str = ""
    # as the bank says, for the programme's «участники» section ("" when the bank has no column)
    years: str = ""
    category: str = ""
    education: str = ""

    @property
    def post(self) -> str:
        """Position and subject: «учитель, математика»; a position that already names the subject
        is not repeated («учитель биологии»; «учитель (биология)» → «учитель, биология»)."""
        return post_of(self.position, self.subject)

    @property
    def described(self) -> str:
        """Name, position and subject: «Петрова Анна Сергеевна, учитель, математика»."""
        return ", ".join(p for p in (self.name, self.post) if p)


_BRACKETED = re.compile(r"^([^()]*?)\s*\((.*)\)\s*$")  # «учитель (труд (технология))»: the outer brackets


def _stem(word: str) -> str:
    word = word.casefold().replace("ё", "е")
    return word[:-2] if len(word) > 5 else word[:-1] if len(word) > 3 else word


def _names_subject(text: str, subject: str) -> bool:
    """Whether `text` speaks of `subject` («учитель биологии», «биология»: yes): every
    significant word of the subject appears in it, in any case ending."""
    folded = text.casefold().replace("ё", "е")
    words = [w for w in re.split(r"[\s,()/-]+", subject) if len(w) > 2]
    return bool(words) and all(_stem(w) in folded for w in words)


def post_of(position: str, subject: str) -> str:
    """A position with its subject, the subject named once (see `Person.post`)."""
    position, subject = " ".join(str(position or "").split()), " ".join(str(subject or "").split())
    m = _BRACKETED.match(position)
    if m and m[1] and subject and _names_subject(m[2], subject):
        return f"{m[1]}, {m[2]}"
    if subject and position and _names_subject(position, subject):
        return position
    return ", ".join(p for p in (position, subject) if p)


@dataclass(frozen=True)
class PairInfo:
    """A pair or group of «Пары» with its people as the banks describe them."""

    pair_id: str
    row: int
    mentor: Person
    mentees: tuple[Person, ...]
    form: str
    start: dt.date
    end: dt.date
    # issue 20, a network pair: the other school and the e-mails of its people in the pair (that
    # school orders them; this school's order names them but neither asks them to sign nor makes
    # their addendum)
    partner_school: str = ""
    foreign: tuple[str, ...] = ()

    @property
    def term(self) -> str:
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"

    @property
    def difficulties(self) -> list[str]:
        seen: list[str] = []
        for person in self.mentees:
            for d in (*person.difficulties, person.other):
                if d and d not in seen:
                    seen.append(d)
        return seen


def split_emails(text: str) -> list[str]:
    """The addresses of a «Наставляемые (e-mail)» cell (commas, semicolons, spaces, new lines)."""
    return [e.strip().casefold() for e in _SPLIT.split(str(text or "")) if "@" in e]


def short_name(full: str) -> str:
    """«Петрова Анна Сергеевна» → «Петрова А. С.»."""
    parts = str(full or "").split()
    if len(parts) < 2:
        return " ".join(parts)
    return parts[0] + " " + " ".join(p[0] + "." for p in parts[1:3])


def school_year(today: dt.date) -> str:
    """«2026/2027» for any day from 1 September 2026 to 31 August 2027."""
    first = today.year if today.month >= 9 else today.year - 1
    return f"{first}/{first + 1}"


# --- keys and names ---------------------------------------------------------------------------
def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def programme_key(pair_id: str) -> str:
    return "programme:" + _short(pair_id)


def final_programme_key(pair_id: str, *texts: str) -> str:
    """The key of a programme made again at the end with these texts (the mentees' self-analysis,
    the mentor's report): the same texts find the same document, a newer answer makes a new one."""
    digest = hashlib.sha1("\x1f".join(texts).encode("utf-8")).hexdigest()[:12]
    return f"{programme_key(pair_id)}:final:{digest}"


def order_key(pair_ids: Iterable[str]) -> str:
    joined = "\x1f".join(sorted(pair_ids))
    return "order:" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def implementation_key(today: dt.date) -> str:
    return "implementation:" + school_year(today).replace("/", "-")


def regulation_key(today: dt.date) -> str:
    """The Положение made with the implementation order of the school year."""
    return "regulation:" + school_year(today).replace("/", "-")


def addendum_key(order: str, mentor_email: str) -> str:
    """A mentor's addendum for the pairs of one order (`order` is that order's key)."""
    joined = order + "\x1f" + mentor_email.casefold()
    return "addendum:" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def ids_summary(pair_ids: Sequence[str]) -> str:
    ids = sorted(pair_ids)
    if len(ids) <= 3:
        return ", ".join(ids)
    return f"{ids[0]} … {ids[-1]}, {len(ids)}"


# --- fill data --------------------------------------------------------------------------------
def common_values(school: SchoolNames, settings: DocumentSettings, today: dt.date) -> dict[str, str]:
    d = ru.DOCUMENTS
    return {
        "school": school.name,
        "head": school.head,
        "head_position": settings.head_position,
        "coordinator": school.coordinator,
        "order_number": settings.order_number or ru_text(d, "blank_number"),
        "order_date": f"{settings.order_date:%d.%m.%Y}" if settings.order_date else ru_text(d, "blank_date"),
        "school_year": school_year(today),
        "control": settings.control,
        "payment": settings.payment,
        "regulation": ru_text(d, "regulation").format(regulation=settings.regulation) if settings.regulation else "",
        **people_values(school, settings),
    }


def people_values(school: SchoolNames, settings: DocumentSettings) -> dict[str, str]:
    """The school's full name and place, the signer's «И. О. Фамилия» and the coordinator by case."""
    blank = ru_text(ru.DOCUMENTS, "name_blank")
    head, coordinator = or_blank(school.head, blank), or_blank(school.coordinator, blank)
    return {
        "school_full": school.full_name or school.name,
        "place": school.place,
        "regulation_title": settings.regulation_title,
        "head_initials": signed(head),
        "coordinator_initials": signed(coordinator),
        "coordinator_gent": declined(coordinator, "gent"),
        "coordinator_datv": declined(coordinator, "datv"),
        "coordinator_accs": declined(coordinator, "accs"),
    }


def safe_fill(fill: Fill) -> Fill:
    return Fill(values={k: safe_value(v) for k, v in fill.values.items()},
                rows={k: [{f: safe_value(v) for f, v in row.items()} for row in rows]
                      for k, rows in fill.rows.items()})
