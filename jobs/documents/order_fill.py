"""The fill data of the orders and of what goes with them: the assignment of pairs (groups), the
labour-contract addendum of each of its mentors, the implementation of the target model and its
appendix 1, the Положение.

Names are declined where the sentence needs a case («куратора Петрову Анну Сергеевну», «Куратору
Петровой Анне Сергеевне»), signatures read «И. О. Фамилия» (`jobs.documents.people`).

**The roadmap of an implementation order made mid-year** (appendix 2): an order approves a plan,
so a due date already past on the order's day (``[documents] order_date``, else the day it is
made) is never shown as a deadline. An event marked «выполнено» keeps its date with «(выполнено)»;
the implementation order's own event gets the order's date («(настоящий приказ)»); any other past
event is moved to the last day of the month after the order's month — never past the school
year's end — and says from which date and why («31.12.2026 (перенесено: срок 30.09.2026 прошёл
до издания приказа)»); a note under the table says the same. Default monitoring dates already
past are left out (a configured date is kept: the school chose it).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from sheets_schema import ru, vocabulary
from sheets_schema.grid import normalise_header
from sheets_schema.templates import Fill
from jobs.documents.fill import PairInfo, Person, SchoolNames, common_values, safe_fill
from jobs.documents.people import declined, gender, listed, or_blank, signed
from jobs.documents.settings import DocumentSettings, parse_day
from jobs.documents.texts import ru_text
from jobs.terms import SchoolYear, add_months

if TYPE_CHECKING:
    import pymorphy3


@lru_cache(maxsize=1)
def _morph() -> "pymorphy3.MorphAnalyzer":
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def head_in_case(phrase: str, case: str, *, lower: bool = False) -> str | None:
    """`phrase` with its first word (a noun, adjective or participle in the nominative) put in
    `case` («Положение о системе…» → «Положением о системе…», «Директор» → «директора»); None
    when the first word is no such word."""
    words = str(phrase or "").split()
    if not words or len(words[0]) < 3 or not words[0].isalpha():
        return None
    for parse in _morph().parse(words[0]):
        tag = parse.tag
        if tag.POS in ("NOUN", "ADJF", "PRTF") and tag.case == "nomn" and tag.number != "plur":
            form = parse.inflect({case})
            if form is None:
                continue
            word = form.word
            if not lower and words[0][:1].isupper():
                word = word[:1].upper() + word[1:]
            return " ".join([word, *words[1:]])
    return None


def counted(n: int, key: str) -> str:
    """«5 лет», «3 года», «1 год» — `key` names the three forms in ru.DOCUMENTS."""
    one, few, many = ru.DOCUMENTS[key]
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"


def _day(day: dt.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


def _order_day(settings: DocumentSettings, today: dt.date) -> dt.date:
    return settings.order_date or today


def monitoring_dates(settings: DocumentSettings, today: dt.date) -> list[tuple[str, dt.date]]:
    """(stage, date) of monitoring: from settings, else 25 December and 25 May of the school year
    (a default date already past on the order's day is left out; the final one always stays)."""
    mid, final = ru_text(ru.DOCUMENTS, "monitoring_mid"), ru_text(ru.DOCUMENTS, "monitoring_final")
    if settings.monitoring_dates:
        dates = list(settings.monitoring_dates)
        return list(zip([mid] * (len(dates) - 1) + [final], dates))
    first = today.year if today.month >= 9 else today.year - 1
    stages = [(mid, dt.date(first, 12, 25)), (final, dt.date(first + 1, 5, 25))]
    day = _order_day(settings, today)
    return [s for s in stages[:-1] if s[1] >= day] + stages[-1:]


def regulation_ground(school: SchoolNames, settings: DocumentSettings) -> str:
    """«Положением о системе наставничества педагогических работников МБОУ СОШ № 26, утверждённым
    приказом от 01.09.2025 № 45» (the title in the instrumental case)."""
    d = ru.DOCUMENTS
    title = head_in_case(settings.regulation_title, "ablt")
    if title is None:
        title = ru_text(d, "regulation_title_case_fallback").format(title=settings.regulation_title)
    details = ru_text(d, "regulation_details").format(regulation=settings.regulation) if settings.regulation else ""
    return ru_text(d, "regulation_ground").format(
        title=title, school=ru_text(d, "regulation_of_school").format(school=school.name), details=details)


def payment_terms(school: SchoolNames, settings: DocumentSettings) -> str:
    """«в размере 3000 руб. в месяц за счёт …», or «в размере и порядке, установленных локальным
    нормативным актом … об оплате труда работников» when no size is configured."""
    terms = settings.payment_terms
    if terms.sized:
        return ru_text(ru.DOCUMENTS, "payment_sized_terms").format(size=terms.size, source=terms.source)
    return ru_text(ru.DOCUMENTS, "payment_default_terms").format(school=school.name)


def _payment_values(school: SchoolNames, settings: DocumentSettings) -> dict[str, str]:
    terms = settings.payment_terms
    return {"payment_size": terms.size, "payment_source": terms.source,
            "payment_terms": payment_terms(school, settings)}


def _mentors(pairs: Sequence[PairInfo]) -> list[Person]:
    seen: dict[str, Person] = {}
    for pair in pairs:
        seen.setdefault(pair.mentor.email, pair.mentor)
    return list(seen.values())


def order_pairs_fill(pairs: Sequence[PairInfo], school: SchoolNames, settings: DocumentSettings, today: dt.date) -> Fill:
    """The order «О закреплении наставнических пар (групп)» for `pairs` (in this order)."""
    d = ru.DOCUMENTS
    values = common_values(school, settings, today)
    values.update(_payment_values(school, settings))
    foreign = {e for pair in pairs for e in pair.foreign}  # issue 20: another school's people
    mentors = [m for m in _mentors(pairs) if m.email not in foreign]
    values.update({
        "pairs_count": ru_text(d, "pairs_count").format(count=len(pairs)),
        "participants_pd": ru_text(d, "participants_pd"),
        "regulation_ground": regulation_ground(school, settings),
        "addenda_count": str(len(mentors)),
    })
    rows = []
    coordinator = or_blank(school.coordinator, ru_text(d, "name_blank"))
    people = [{"name": coordinator, "role": ru_text(d, "role_coordinator")}]
    seen = {coordinator}
    def post(person: Person, pair: PairInfo) -> str:  # the other school's person: where they work
        if person.email in pair.foreign:
            return ru.NETWORK["other_school_post"].format(school=pair.partner_school)
        return person.post

    for n, pair in enumerate(pairs, start=1):
        rows.append({
            "no": str(n), "pair_id": pair.pair_id,
            "mentor": pair.mentor.name, "mentor_name": pair.mentor.name, "mentor_position": post(pair.mentor, pair),
            "mentees": "; ".join(", ".join(p for p in (m.name, post(m, pair)) if p) for m in pair.mentees),
            "mentee_names": ", ".join(m.name for m in pair.mentees),
            "mentee_positions": "; ".join(m.post for m in pair.mentees),
            "form": pair.form, "term": pair.term,
            "start": f"{pair.start:%d.%m.%Y}", "end": f"{pair.end:%d.%m.%Y}",
        })
        for person, role in [(pair.mentor, ru_text(d, "role_mentor"))] + [(m, ru_text(d, "role_mentee")) for m in pair.mentees]:
            if person.name not in seen and person.email not in foreign:
                seen.add(person.name)
                people.append({"name": person.name, "role": role})
    appendices = [
        ru_text(d, "appendix_programmes").format(count=len(pairs), ids=", ".join(p.pair_id for p in pairs)),
        ru_text(d, "appendix_addenda").format(count=len(mentors), names=", ".join(listed(m.name) for m in mentors)),
    ]
    return safe_fill(Fill(values=values, rows={
        "pairs": rows, "people": people,
        "appendices": [{"no": str(n), "name": text} for n, text in enumerate(appendices, start=1)]}))


def addendum_fill(mentor: Person, pairs: Sequence[PairInfo], school: SchoolNames, settings: DocumentSettings,
                  today: dt.date) -> Fill:
    """The addendum to `mentor`'s labour contract for `pairs` (the mentor's pairs of one order)."""
    d = ru.DOCUMENTS
    values = common_values(school, settings, today)
    values.update(_payment_values(school, settings))
    mentees = [m for pair in pairs for m in pair.mentees]
    head_sex, mentor_sex = gender(school.head), gender(mentor.name)
    values.update({
        "head_position_gent": head_in_case(settings.head_position, "gent", lower=True) or settings.head_position,
        "head_gent": declined(or_blank(school.head, ru_text(d, "name_blank")), "gent"),
        "head_acting": ru_text(d, {"m": "acting_m", "f": "acting_f"}.get(head_sex, "acting_unknown")),
        "regulation_title_ablt": head_in_case(settings.regulation_title, "ablt")
        or ru_text(d, "regulation_title_case_fallback").format(title=settings.regulation_title),
        "mentor": mentor.name, "mentor_position": mentor.post,
        "mentor_named": ru_text(d, {"m": "named_m", "f": "named_f"}.get(mentor_sex, "named_unknown")),
        "mentor_initials": signed(mentor.name),
        "mentees_gent": ", ".join(
            ru_text(d, "mentee_with_post").format(name=declined(m.name, "gent"), post=m.post) if m.post
            else declined(m.name, "gent") for m in mentees),
        "mentee_names": ", ".join(m.name for m in mentees),
        "start": _day(min(p.start for p in pairs)), "end": _day(max(p.end for p in pairs)),
    })
    rows = [{"pair_id": p.pair_id, "mentees": "; ".join(m.described for m in p.mentees), "form": p.form,
             "term": p.term} for p in pairs]
    return safe_fill(Fill(values=values, rows={"pairs": rows}))


# --- the implementation order and its appendices ----------------------------------------------
@dataclass(frozen=True)
class RegulationFacts:
    """What the Положение states from the settings the tool works by ([matching], [validation])."""

    min_mentor_years: int = 5
    min_gap: int = 3
    capacity_min: int = 1
    capacity_max: int = 5
    group_min_size: int = 2
    programme_months: int = 9


def _this_order(record: Mapping[str, str]) -> bool:
    """The roadmap's event of the implementation order itself: by its code, or by its text."""
    code = ru.ROADMAP_TEXTS["codes"].get("implementation_order")
    if code and normalise_header(str(record.get("code", ""))) == normalise_header(code):
        return True
    event = normalise_header(str(record.get("event", "")))
    return event.startswith(normalise_header(ru_text(ru.DOCUMENTS, "this_order_event")))


def _roadmap_due(record: Mapping[str, str], order_day: dt.date, moved_to: dt.date) -> tuple[str, bool]:
    """The «Срок» an implementation order prints for one event, and whether it was moved."""
    d = ru.DOCUMENTS
    text = str(record.get("due", "")).strip()
    due = parse_day(text)
    if due is None or due >= order_day:
        return text, False
    if _this_order(record):
        return ru_text(d, "due_this_order").format(date=_day(order_day)), False
    if normalise_header(str(record.get("status", ""))) == normalise_header(vocabulary.ROADMAP_STATUS_DONE):
        return ru_text(d, "due_done_before").format(due=text), False
    return ru_text(d, "due_moved").format(new=_day(moved_to), old=text), True


def _month_end(day: dt.date) -> dt.date:
    return add_months(day.replace(day=1), 1) - dt.timedelta(days=1)


def implementation_fill(school: SchoolNames, settings: DocumentSettings, today: dt.date,
                        roadmap: Iterable[Mapping[str, str]], *, year: SchoolYear = SchoolYear()) -> Fill:
    """The order «О реализации целевой модели наставничества» with the roadmap as appendix 2
    (past due dates as the module docstring says)."""
    d = ru.DOCUMENTS
    values = common_values(school, settings, today)
    monitoring = [{"no": str(n), "name": name, "date": _day(day)}
                  for n, (name, day) in enumerate(monitoring_dates(settings, today), start=1)]
    order_day = _order_day(settings, today)
    moved_to = min(_month_end(add_months(order_day, 1)), year.end_after(order_day))
    events, moved = [], 0
    for r in roadmap:
        if not str(r.get("event", "")).strip():
            continue
        due, was_moved = _roadmap_due(r, order_day, moved_to)
        moved += was_moved
        no, name = str(r.get("stage_no", "")).strip(), str(r.get("stage", "")).strip()
        stage = ru_text(d, "stage_name").format(no=no, name=name) if no and name else no or name
        events.append({"stage": stage, "stage_no": no, "stage_name": name, "name": str(r.get("event", "")),
                       "due": due, "owner": str(r.get("owner", ""))})
    values["roadmap_note"] = ru_text(d, "roadmap_moved_note").format(new=_day(moved_to)) if moved else ""
    return safe_fill(Fill(values=values, rows={"monitoring": monitoring, "roadmap": events}))


def regulation_fill(school: SchoolNames, settings: DocumentSettings, today: dt.date, facts: RegulationFacts,
                    *, year: SchoolYear = SchoolYear()) -> Fill:
    """The Положение о наставничестве (appendix 1 of the implementation order) from the settings."""
    d = ru.DOCUMENTS
    values = common_values(school, settings, today)
    values.update(_payment_values(school, settings))
    low, high = facts.capacity_min, facts.capacity_max
    capacity = (ru_text(d, "capacity_exact").format(mentees=counted(high, "mentees_forms")) if low == high
                else ru_text(d, "capacity_range").format(low=low, mentees=counted(high, "mentees_forms")))
    dates = monitoring_dates(settings, today)
    values.update({
        "mentor_years": counted(facts.min_mentor_years, "years_gen_forms"),
        "experience_gap": counted(facts.min_gap, "years_forms"),
        "capacity": capacity, "capacity_min": str(low), "capacity_max": str(high),
        "forms": ", ".join(ru_text(d, "form_quoted").format(form=f) for f in vocabulary.FORMS),
        "group_min_size": str(facts.group_min_size),
        "programme_term": counted(facts.programme_months, "months_forms"),
        "year_end": f"{year.end_day} {ru.DOCUMENTS['months_gent'][year.end_month - 1]}",
        "monitoring": "; ".join(ru_text(d, "monitoring_item").format(name=name[:1].lower() + name[1:], date=_day(day))
                                for name, day in dates),
    })
    return safe_fill(Fill(values=values))


__all__ = ["RegulationFacts", "addendum_fill", "counted", "head_in_case", "implementation_fill", "monitoring_dates",
           "order_pairs_fill", "payment_terms", "regulation_fill", "regulation_ground"]
