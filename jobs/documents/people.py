"""Names of people as documents print them: declined by case, «И. О. Фамилия» under a signature.

Declension is `jobs.names` (the petrovich rules). A text that is no person's name — the
placeholder «ФИО куратора» that ``init`` writes into a new config, an e-mail, a position — is
never declined into nonsense («куратора ФИО куратора»): `declined`, `signed` and `listed` keep
it as written, and the orders print a line to write the name on instead (`or_blank`);
`is_person_name` says which is which, and `orders` names such a config value in its summary.
"""
from __future__ import annotations

import re

from jobs.names import CaseTag, decline, gender_of, initials_surname, surname_initials

_WORD = re.compile(r"^[А-ЯЁA-Z][а-яёa-z'’-]*\.?$|^[А-ЯЁA-Z]\.(?:[А-ЯЁA-Z]\.)*$")


def is_person_name(text: str) -> bool:
    """«Петрова Анна Сергеевна», «Петрова А. С.», «А. С. Петрова»: yes; «ФИО куратора»,
    «kurator@school.example», «директор», a single word: no."""
    words = str(text or "").split()
    return 2 <= len(words) <= 4 and all(_WORD.match(w) for w in words)


def declined(name: str, case: CaseTag) -> str:
    """`name` in `case` (nominative as is); a text that is no name unchanged."""
    name = " ".join(str(name or "").split())
    return decline(name, case) if case != "nomn" and is_person_name(name) else name


def signed(name: str) -> str:
    """«Иванова Ирина Петровна» → «И. П. Иванова» (a text that is no name unchanged)."""
    name = " ".join(str(name or "").split())
    return initials_surname(name) if is_person_name(name) else name


def listed(name: str) -> str:
    """«Иванова Ирина Петровна» → «Иванова И. П.» (a text that is no name unchanged)."""
    name = " ".join(str(name or "").split())
    return surname_initials(name) if is_person_name(name) else name


def or_blank(name: str, blank: str) -> str:
    """`name` when it is a person's name, else `blank` (a line to write the name on)."""
    return name if is_person_name(name) else blank


def gender(name: str) -> str:
    """"m", "f" or "" (unknown, or no name)."""
    return (gender_of(name) or "") if is_person_name(name) else ""


__all__ = ["declined", "gender", "is_person_name", "listed", "or_blank", "signed"]
