"""The Russian texts of matching: reasons of a pair, alternatives, why a mentee has no pair.

All wording comes from `ru.MATCHING`; this module only chooses and fills the templates.
"""
from __future__ import annotations

from typing import Any

from sheets_schema import ru
from jobs.matching import rules
from jobs.matching.rules import Settings
from jobs.matching.scoring import SCALE

# `ru.MATCHING` holds templates (str) and units (three forms, tuple) in one dict; split by kind
# so that each is typed: T["reason_subject"] is a str, UNITS["years_units"] a 3-tuple.
T: dict[str, str] = {k: v for k, v in ru.MATCHING.items() if isinstance(v, str)}
UNITS: dict[str, tuple[str, str, str]] = {
    k: (v[0], v[1], v[2]) for k, v in ru.MATCHING.items() if isinstance(v, tuple) and len(v) == 3
}


def plural(n: int, units: tuple[str, str, str]) -> str:
    """The Russian form of a unit after the number n: 1 год, 2 года, 5 лет, 21 год, 11 лет."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return units[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return units[1]
    return units[2]


def points(value: int) -> str:
    """Score units as points with one decimal and a decimal comma: 725 → «72,5»."""
    sign = "-" if value < 0 else ""
    value = abs(int(value))
    return f"{sign}{value // SCALE},{value % SCALE}"


def _items(values: object) -> list[str]:
    return list(values) if isinstance(values, (list, tuple)) else []


def pair_reasons(parts: dict[str, int], mentee: dict[str, Any], mentor: dict[str, Any],
                 group_size: int = 0) -> str:
    """«совпадает предмет: математика; закрывает затруднения: …; стаж наставника 22 года».

    `mentee` and `mentor` are typed bank rows (dicts); only parts with points are named.
    """
    out: list[str] = []
    if parts.get("preferred"):
        out.append(T["reason_preferred"])
    if parts.get("subject"):
        if mentee.get("subject") == mentor.get("subject"):
            out.append(T["reason_subject"].format(subject=mentee.get("subject")))
        else:
            out.append(T["reason_related"].format(mentor_subject=mentor.get("subject")))
    if parts.get("difficulties"):
        competences = set(_items(mentor.get("competences")))
        covered = [d for d in _items(mentee.get("difficulties")) if d in competences]
        out.append(T["reason_difficulties"].format(items=", ".join(covered)))
    if parts.get("levels"):
        theirs = set(_items(mentor.get("levels")))
        common = [lv for lv in ru.LEVELS if lv in theirs and lv in _items(mentee.get("levels"))]
        out.append(T["reason_levels"].format(items=", ".join(common)))
    if parts.get("experience"):
        years = int(mentor.get("years") or 0)
        out.append(T["reason_experience"].format(years=years, unit=plural(years, UNITS["years_units"])))
    if parts.get("category"):
        out.append(T["reason_category"].format(category=mentor.get("category")))
    if parts.get("form"):
        out.append(T["reason_form"].format(form=mentee.get("preferred_form")))
    if parts.get("timetable"):
        theirs = set(_items(mentor.get("timetable")))
        days = [d for d in ru.DAYS if d in theirs and d in _items(mentee.get("timetable"))]
        out.append(T["reason_timetable"].format(days=", ".join(days)))
    if parts.get("trained"):
        out.append(T["reason_trained"])
    if group_size >= 2:
        main = _items(mentee.get("difficulties"))[0]
        out.append(T["reason_group"].format(
            difficulty=main, count=group_size, unit=plural(group_size, UNITS["mentee_units"])
        ))
    return T["reason_separator"].join(out)


def alternatives_text(options: list[tuple[str, str, int]]) -> str:
    """Up to two next-best mentors: [(name, e-mail, score units)]."""
    if not options:
        return T["no_alternatives"]
    return T["alternatives_separator"].join(
        T["alternative"].format(name=name, email=email, score=points(score)) for name, email, score in options
    )


def rule_text(rule: str, settings: Settings) -> str:
    """The Russian name of a hard rule, with the numbers from the settings."""
    if rule == rules.MENTOR_FULL:
        return T["mentor_rule_full"]
    if rule == rules.MENTOR_YEARS:
        y = settings.min_mentor_years
        return T["mentor_rule_years"].format(years=y, unit=plural(y, UNITS["years_units"]))
    if rule == rules.MENTOR_TRAINING:
        return T["mentor_rule_training"]
    if rule == rules.GAP:
        g = settings.min_gap
        return T["rule_gap"].format(gap=g, unit=plural(g, UNITS["years_units"]))
    if rule == rules.MIN_SCORE:
        return T["rule_min_score"].format(points=points(round(settings.min_score * SCALE)))
    return T[f"rule_{rule}"]


RULE_ORDER = (rules.MENTOR_FULL, rules.MENTOR_YEARS, rules.MENTOR_TRAINING, rules.SELF, rules.REJECTED,
              rules.ENDED, rules.GAP, rules.MIN_SCORE)


def excluded_reason(counts: dict[str, int], settings: Settings) -> str:
    """Why no mentor is allowed: the one rule that excluded every mentor, or each rule's count."""
    present = [r for r in RULE_ORDER if counts.get(r)]
    if not present:
        return T["unmatched_no_mentors"]
    if len(present) == 1:
        return T["unmatched_rule"].format(rule=rule_text(present[0], settings))
    return T["unmatched_rules"].format(rules="; ".join(
        T["rule_count"].format(rule=rule_text(r, settings), count=counts[r]) for r in present
    ))


def shortfall_reason(subject: str, mentees: int, places: int) -> str:
    """«нет свободных наставников по предмету «физика»: 3 наставляемых, 1 место»."""
    return T["unmatched_shortfall"].format(
        subject=subject, mentees=mentees, mentees_unit=plural(mentees, UNITS["mentee_units"]),
        places=places, places_unit=plural(places, UNITS["place_units"]),
    )


def taken_reason(allowed: int) -> str:
    return T["unmatched_taken"].format(count=allowed)


def no_pair_text(reason: str) -> str:
    """The «Обоснование» of a «нет пары» row: the reason and what happens next."""
    return f"{reason}{T['reason_separator']}{T['unmatched_support']}"
