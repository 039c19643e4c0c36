"""The Russian texts of matching: reasons of a pair, alternatives, why a mentee has no pair.

All wording comes from `ru.MATCHING`; this module only chooses and fills the templates.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sheets_schema import ru, vocabulary
from jobs import names
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
                 group_size: int = 0, fit: bool = True) -> str:
    """«совпадает предмет: математика; компетенции наставника соответствуют затруднениям: …;
    нет в компетенциях наставника: …; стаж наставника 22 года».

    `mentee` and `mentor` are typed bank rows (dicts); `fit`: the subjects are the same or
    related. Parts with points are named, and so are the mismatches a coordinator checks: another
    subject, difficulties not covered (or not counted, being bound to another subject), school
    levels the mentor does not work at, no common day.
    """
    out: list[str] = []
    if parts.get("preferred"):
        out.append(T["reason_preferred"])
    if parts.get("subject"):
        if mentee.get("subject") == mentor.get("subject"):
            out.append(T["reason_subject"].format(subject=mentee.get("subject")))
        else:
            out.append(T["reason_related"].format(mentor_subject=mentor.get("subject")))
    elif not fit:
        out.append(T["reason_other_subject"].format(mentor_subject=mentor.get("subject") or "—",
                                                    mentee_subject=mentee.get("subject") or "—"))
    competences = set(_items(mentor.get("competences")))
    wanted = _items(mentee.get("difficulties"))
    bound = vocabulary.SUBJECT_BOUND_DIFFICULTIES
    counted = [d for d in wanted if d in competences and (fit or d not in bound)]
    not_counted = [d for d in wanted if d in competences and not fit and d in bound]
    missing = [d for d in wanted if d not in competences]
    if counted:
        out.append(T["reason_difficulties"].format(items=", ".join(counted)))
    if not_counted:
        out.append(T["reason_not_counted"].format(items=", ".join(not_counted)))
    if missing:
        out.append(T["reason_not_covered"].format(items=", ".join(missing)))
    theirs = set(_items(mentor.get("levels")))
    if parts.get("levels"):
        common = [lv for lv in ru.LEVELS if lv in theirs and lv in _items(mentee.get("levels"))]
        out.append(T["reason_levels"].format(items=", ".join(common)))
    absent = [lv for lv in ru.LEVELS if lv in _items(mentee.get("levels")) and lv not in theirs]
    if absent:
        out.append(T["reason_levels_missing"].format(items=", ".join(absent)))
    if parts.get("experience"):
        years = int(mentor.get("years") or 0)
        out.append(T["reason_experience"].format(years=years, unit=plural(years, UNITS["years_units"])))
    if parts.get("category"):
        out.append(T["reason_category"].format(category=mentor.get("category")))
    if parts.get("form"):
        out.append(T["reason_form"].format(form=mentee.get("preferred_form")))
    mentee_days, mentor_days = _items(mentee.get("timetable")), _items(mentor.get("timetable"))
    days = [d for d in ru.DAYS if d in mentor_days and d in mentee_days]
    if parts.get("timetable"):
        out.append(T["reason_timetable"].format(days=", ".join(days)))
    elif mentee_days and mentor_days and not days:
        out.append(T["reason_no_common_days"].format(
            mentee_days=", ".join(d for d in ru.DAYS if d in mentee_days),
            mentor_days=", ".join(d for d in ru.DAYS if d in mentor_days),
        ))
    if parts.get("trained"):
        out.append(T["reason_trained"])
    if group_size >= 2:
        main = _items(mentee.get("difficulties"))[0]
        out.append(T["reason_group"].format(
            difficulty=main, count=group_size, unit=plural(group_size, UNITS["mentee_units"])
        ))
    return T["reason_separator"].join(out)


def alternatives_text(options: list[tuple[str, str, int, str]], full_mentors: int = 0, preferred: str = "") -> str:
    """Up to two next-best mentors: [(name, e-mail, score units, why not proposed or "")].

    With none, says so truthfully: how many mentors have no free place left, and the
    preferred mentor's situation (`preferred`, a `preferred_*` text) when there is one.
    """
    if not options:
        text = (T["no_alternatives_full"].format(count=full_mentors, unit=plural(full_mentors, UNITS["mentor_units"]))
                if full_mentors else T["no_alternatives"])
        return T["reason_separator"].join([text, preferred]) if preferred else text
    return T["alternatives_separator"].join(
        T["alternative_explained" if why else "alternative"].format(name=name, email=email, score=points(score), why=why)
        for name, email, score, why in options
    )


@lru_cache(maxsize=4096)
def short(full_name: str) -> str:
    """«Иванова Анна Андреевна» → «Иванова А. А.» (as written when it is not a full name)."""
    return names.surname_initials(full_name) or str(full_name or "")


@lru_cache(maxsize=4096)
def taken_text(mentor_name: str, mentee_name: str) -> str:
    """«Степанов Д. Б. предложен Ивановой А. А.» (the mentor's gender; the mentee in the dative)."""
    gender = names.gender_of(mentor_name)
    proposed = T["proposed_m"] if gender == "m" else T["proposed_f"] if gender == "f" else T["proposed_x"]
    return T["taken"].format(mentor=short(mentor_name), proposed=proposed, mentee=names.decline(short(mentee_name), "datv"))


@lru_cache(maxsize=4096)
def _whom(mentee_name: str) -> str:
    """«неё» / «него», or the name in the genitive when the gender is not known."""
    gender = names.gender_of(mentee_name)
    return T["her"] if gender == "f" else T["him"] if gender == "m" else names.decline(short(mentee_name), "gent")


def exchange_text(mentor_name: str, mentee_name: str, why: str, subject: str = "", score: int = 0,
                  other_name: str = "", other_score: int = 0, loss: int | None = None,
                  fewer_pairs: bool = False, uncounted: str = "groups") -> str:
    """Who got the mentor and why the exchange is worse, e.g. «Степанов Д. Б. предложен Ивановой
    А. А.: для неё это единственный подходящий наставник по предмету «физика»; обмен уменьшил
    бы сумму на 9 баллов».

    `why`: "only", "only_subject", "preferred", "moves" (to `other_name`, or no pair when it is
    ""), or "" (no reason named); `loss` in score units, None when not computed — `uncounted`
    says why: "groups" (a search with groups) or "large" (more pairs than an exact count takes).
    """
    whom = _whom(mentee_name)
    parts: list[str] = []
    if why == "only":
        parts.append(T["why_only"].format(whom=whom))
    elif why == "only_subject":
        parts.append(T["why_only_subject"].format(whom=whom, subject=subject))
    elif why == "preferred":
        parts.append(T["why_preferred"].format(whom=whom))
    elif why == "moves" and other_name:
        parts.append(T["why_moves"].format(mentee=short(mentee_name), other=short(other_name),
                                           other_score=points(other_score), score=points(score)))
    elif why == "moves":
        parts.append(T["why_alone"].format(mentee=short(mentee_name), score=points(score)))
    if loss is None:
        from jobs.matching.explain import EXACT_PAIRS  # scipy: imported where a loss is written, not by `approval`

        parts.append(T[f"loss_{uncounted}"].format(limit=f"{EXACT_PAIRS:,}".replace(",", "\u00a0")))
    elif fewer_pairs:
        parts.append(T["loss_pairs"])
    elif loss <= 0:
        parts.append(T["loss_none"])
    else:
        parts.append(T["loss"].format(points=_amount(loss), unit=_unit(loss)))
    return taken_text(mentor_name, mentee_name) + T["taken_separator"] + T["why_separator"].join(parts)


def _amount(value: int) -> str:
    return points(value) if value % SCALE else str(value // SCALE)


def _unit(value: int) -> str:
    units = UNITS["point_units"]
    return units[1] if value % SCALE else plural(value // SCALE, units)


def preferred_text(kind: str, name: str, taken: str = "", rule: str = "", status: str = "", score: int = 0,
                   proposed: int = 0) -> str:
    """Why the preferred mentor `name` is not proposed. `kind`: "full" (`taken` says by whom),
    "full_before", "excluded" (`rule`), "not_ok" (`status`), "lower" (`score` < `proposed`)."""
    return T[f"preferred_{kind}"].format(name=short(name), taken=taken, rule=rule, status=status,
                                         score=points(score), proposed=points(proposed))


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
              rules.ENDED, rules.GAP, rules.OTHER_SUBJECT, rules.MIN_SCORE)


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
