"""Parsing one cell's text into a typed value, or a problem code with its details.

Pure functions, no I/O. Each returns ``(value, None)`` or ``(None, Problem)``; the wording of a
problem is chosen by `rules` from `ru.MESSAGES`.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from sheets_schema import ru


@dataclass(frozen=True)
class Problem:
    code: str  # key of ru.MESSAGES
    details: dict = field(default_factory=dict)


FORMULA_START = ("=", "+", "@")
_DATE_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$")
_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d+[.,]\d+$")
_EMAIL = re.compile(r"^[^@\s\"(),:;<>\[\]\\]+@[^@\s\"(),:;<>\[\]\\]+\.[^@\s\"(),:;<>\[\]\\.]{2,}$")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?$")


def clean(text: object) -> str:
    """Cell text with surrounding whitespace (including NBSP) removed and Unicode normalised."""
    s = unicodedata.normalize("NFC", str(text if text is not None else ""))
    return s.replace("\u00a0", " ").strip()


def normalise_choice(text: str) -> str:
    """A choice as compared: `clean`, ё/е, runs of spaces and case do not matter."""
    return _normalise_choice(text) if type(text) is str else _normalise_choice(clean(text))


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)  # pure; a bank repeats the same few hundred texts
def _normalise_choice(text: str) -> str:
    s = clean(text).replace("ё", "е").replace("Ё", "Е")
    return _SPACES.sub(" ", s).casefold()


@functools.lru_cache(maxsize=256)
def _choice_index(choices: tuple[str, ...]) -> dict[str, str]:
    """Normalised choice → the list's own spelling (the first of equal ones)."""
    index: dict[str, str] = {}
    for c in choices:
        index.setdefault(normalise_choice(c), c)
    return index


def looks_like_formula(text: str) -> bool:
    s = clean(text)
    return s.startswith(FORMULA_START) or (s.startswith("-") and len(s) > 1 and not _INT.match(s))


def parse_email(text: str) -> tuple[str | None, Problem | None]:
    s = clean(text)
    # Invisible format characters (zero-width space, soft hyphen) pasted from the web are
    # spaces the user cannot see; accepting them would break de-duplication and mailing.
    if not s.isascii() and any(unicodedata.category(ch) == "Cf" for ch in s):  # none is ASCII
        return None, Problem("email_invisible")
    if re.search(r"[,;]", s) and s.count("@") > 1:
        return None, Problem("email_several")
    if re.search(r"\s", s):
        return None, Problem("email_spaces")
    s = s.casefold()
    if not _EMAIL.match(s) or ".." in s or s.startswith(".") or "@." in s or ".@" in s:
        return None, Problem("bad_email")
    return s, None


def parse_int(text: str, low: int, high: int) -> tuple[int | None, Problem | None]:
    s = clean(text).replace(" ", "")
    if _INT.match(s):
        value = int(s)
    elif _DECIMAL.match(s):
        number = float(s.replace(",", "."))
        if number != int(number):
            return None, Problem("not_integer")
        value = int(number)
    else:
        return None, Problem("not_number")
    if not low <= value <= high:
        return None, Problem("out_of_range", {"low": low, "high": high})
    return value, None


def parse_date(text: str, today: dt.date, earliest_year: int = 2000) -> tuple[dt.date | None, Problem | None]:
    """dd.mm.yyyy, d.m.yy (20yy) or ISO yyyy-mm-dd; not in the future, not before `earliest_year`."""
    s = clean(text)
    m = _DATE_DMY.match(s)
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            year += 2000 if 2000 + year <= today.year else 1900
    else:
        m = _DATE_ISO.match(s)
        if not m:
            return None, Problem("not_date")
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None, Problem("no_such_date")
    if value > today:
        return None, Problem("date_in_future")
    if value.year < earliest_year:
        return None, Problem("date_too_old")
    return value, None


def _suggestion(value: str, choices: list[str]) -> str | None:
    alias = ru.ALIASES.get(normalise_choice(value).rstrip("."))
    if alias in choices:
        return alias
    normalised = {normalise_choice(c): c for c in choices}
    close = difflib.get_close_matches(normalise_choice(value), list(normalised), n=1, cutoff=0.6)
    if close:
        return normalised[close[0]]
    prefix = [c for n, c in normalised.items() if n.startswith(normalise_choice(value)[:4])]
    return prefix[0] if len(prefix) == 1 else None


def parse_choice(text: str, choices: list[str]) -> tuple[str | None, Problem | None]:
    found = _choice_index(tuple(choices)).get(normalise_choice(text))
    if found is not None:
        return found, None
    return None, Problem("not_in_list", {"suggestion": _suggestion(text, choices)})


def split_multi(text: str) -> list[str]:
    """Items of a multi-choice cell: Google Forms joins them with ", "; staff also use ";"."""
    return [p for p in (clean(x) for x in re.split(r"[,;\n]", clean(text))) if p]


def parse_multi(text: str, choices: list[str]) -> tuple[list[str] | None, list[tuple[str, Problem]]]:
    """All items parsed, or the list of (bad item, problem)."""
    values: list[str] = []
    bad: list[tuple[str, Problem]] = []
    for item in split_multi(text):
        value, problem = parse_choice(item, choices)
        if problem:
            bad.append((item, problem))
        elif value is not None and value not in values:  # no problem: parse_choice found a choice
            values.append(value)
    return (None if bad else values), bad


def parse_bool(text: str) -> tuple[bool | None, Problem | None]:
    norm = normalise_choice(text)
    if norm in ru.YES:
        return True, None
    if norm in ru.NO:
        return False, None
    return None, Problem("not_yes_no")


def check_name(text: str) -> tuple[str | None, Problem | None]:
    """A person's ФИО: at least two words of letters (hyphen and apostrophe allowed), one script."""
    s = re.sub(r"\s+", " ", clean(text))
    if looks_like_formula(s):
        return None, Problem("formula", {"first": s[0]})
    words = s.split(" ")
    if not all(_NAME_CHARS.match(w) for w in words):
        return None, Problem("name_digits")
    if _CYRILLIC.search(s) and _LATIN.search(s):
        latin = "".join(sorted(set(_LATIN.findall(s))))
        return None, Problem("mixed_script", {"letters": ", ".join(latin)})
    if len(words) < 2:
        return None, Problem("name_short")
    return s, None
