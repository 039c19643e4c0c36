"""What goes into each document: the fill data of an order or a programme, names and keys.

Pure: people and pairs as read from the tables in, `sheets_schema.templates.Fill` out. Every
value passes `safe_value`, so a name typed with braces can never become a placeholder.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Protocol, Sequence

from sheets_schema import ru
from sheets_schema.templates import TASKS, Fill, safe_value
from jobs.documents.plan import plan_rows
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


_SPLIT = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    position: str = ""
    subject: str = ""
    difficulties: tuple[str, ...] = ()
    other: str = ""

    @property
    def post(self) -> str:
        """Position and subject: «учитель, математика»."""
        return ", ".join(p for p in (self.position, self.subject) if p)

    @property
    def described(self) -> str:
        """Name, position and subject: «Петрова Анна Сергеевна, учитель, математика»."""
        return ", ".join(p for p in (self.name, self.position, self.subject) if p)


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


def default_form(mentees: int) -> str:
    return ru_text(ru.DOCUMENTS, "form_group") if mentees > 1 else ru_text(ru.DOCUMENTS, "form_single")


def school_year(today: dt.date) -> str:
    """«2026/2027» for any day from 1 September 2026 to 31 August 2027."""
    first = today.year if today.month >= 9 else today.year - 1
    return f"{first}/{first + 1}"


def monitoring_dates(settings: DocumentSettings, today: dt.date) -> list[tuple[str, dt.date]]:
    """(stage, date) of monitoring: from settings, else 25 December and 25 May of the school year."""
    if settings.monitoring_dates:
        dates = list(settings.monitoring_dates)
        names = [ru_text(ru.DOCUMENTS, "monitoring_mid")] * (len(dates) - 1) + [ru_text(ru.DOCUMENTS, "monitoring_final")]
        return list(zip(names, dates))
    first = today.year if today.month >= 9 else today.year - 1
    return [(ru_text(ru.DOCUMENTS, "monitoring_mid"), dt.date(first, 12, 25)),
            (ru_text(ru.DOCUMENTS, "monitoring_final"), dt.date(first + 1, 5, 25))]


# --- keys and names ---------------------------------------------------------------------------
def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def programme_key(pair_id: str) -> str:
    return "programme:" + _short(pair_id)


def order_key(pair_ids: Iterable[str]) -> str:
    joined = "\x1f".join(sorted(pair_ids))
    return "order:" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def implementation_key(today: dt.date) -> str:
    return "implementation:" + school_year(today).replace("/", "-")


def ids_summary(pair_ids: Sequence[str]) -> str:
    ids = sorted(pair_ids)
    if len(ids) <= 3:
        return ", ".join(ids)
    return f"{ids[0]} … {ids[-1]}, {len(ids)}"


# --- fill data --------------------------------------------------------------------------------
def _common(school: SchoolNames, settings: DocumentSettings, today: dt.date) -> dict[str, str]:
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
    }


def _safe(fill: Fill) -> Fill:
    return Fill(values={k: safe_value(v) for k, v in fill.values.items()},
                rows={k: [{f: safe_value(v) for f, v in row.items()} for row in rows]
                      for k, rows in fill.rows.items()})


def order_pairs_fill(pairs: Sequence[PairInfo], school: SchoolNames, settings: DocumentSettings, today: dt.date) -> Fill:
    """The order «О закреплении наставнических пар (групп)» for `pairs` (in this order)."""
    d = ru.DOCUMENTS
    values = _common(school, settings, today)
    values["pairs_count"] = ru_text(d, "pairs_count").format(count=len(pairs))
    rows = []
    people = [{"name": school.coordinator, "role": ru_text(d, "role_coordinator")}]
    seen = {school.coordinator}
    for n, pair in enumerate(pairs, start=1):
        rows.append({
            "no": str(n), "pair_id": pair.pair_id,
            "mentor": pair.mentor.name, "mentor_name": pair.mentor.name, "mentor_position": pair.mentor.post,
            "mentees": "; ".join(m.described for m in pair.mentees),
            "mentee_names": ", ".join(m.name for m in pair.mentees),
            "mentee_positions": "; ".join(m.post for m in pair.mentees),
            "form": pair.form, "term": pair.term,
            "start": f"{pair.start:%d.%m.%Y}", "end": f"{pair.end:%d.%m.%Y}",
        })
        for person, role in [(pair.mentor, ru_text(d, "role_mentor"))] + [(m, ru_text(d, "role_mentee")) for m in pair.mentees]:
            if person.name not in seen:
                seen.add(person.name)
                people.append({"name": person.name, "role": role})
    return _safe(Fill(values=values, rows={"pairs": rows, "people": people}))


def programme_fill(pair: PairInfo, catalog: Iterable[Mapping[str, str]], school: SchoolNames,
                   settings: DocumentSettings, today: dt.date) -> Fill:
    """The personalised programme of one pair or group."""
    d = ru.DOCUMENTS
    values = _common(school, settings, today)
    difficulties = pair.difficulties
    tasks = [TASKS[x][0] for x in difficulties if x in TASKS] + [ru_text(d, "task_general")]
    results = [TASKS[x][1] for x in difficulties if x in TASKS] + [ru_text(d, "result_general")]
    values.update({
        "pair_id": pair.pair_id,
        "mentor": pair.mentor.name, "mentor_position": pair.mentor.post,
        "mentees": "; ".join(m.described for m in pair.mentees),
        "mentee_names": ", ".join(m.name for m in pair.mentees),
        "mentee_positions": "; ".join(m.post for m in pair.mentees),
        "form": pair.form, "term": pair.term,
        "start": f"{pair.start:%d.%m.%Y}", "end": f"{pair.end:%d.%m.%Y}",
        "difficulties": "; ".join(difficulties) if difficulties else ru_text(d, "no_difficulties"),
        "goal": ru_text(d, "goal"),
        "tasks": "; ".join(f"{i}) {t}" for i, t in enumerate(tasks, start=1)) + ".",
        "results": "; ".join(results) + ".",
        "reporting": settings.reporting,
    })
    plan = plan_rows(difficulties, catalog, pair.start, pair.end)
    return _safe(Fill(values=values, rows={"plan": plan}))


def implementation_fill(school: SchoolNames, settings: DocumentSettings, today: dt.date,
                        roadmap: Iterable[Mapping[str, str]]) -> Fill:
    """The order «О реализации целевой модели наставничества» with the roadmap as appendix 2."""
    values = _common(school, settings, today)
    monitoring = [{"no": str(n), "name": name, "date": f"{day:%d.%m.%Y}"}
                  for n, (name, day) in enumerate(monitoring_dates(settings, today), start=1)]
    events = [{"stage": str(r.get("stage_no", "")), "name": str(r.get("event", "")),
               "due": str(r.get("due", "")), "owner": str(r.get("owner", ""))}
              for r in roadmap if str(r.get("event", "")).strip()]
    return _safe(Fill(values=values, rows={"monitoring": monitoring, "roadmap": events}))
