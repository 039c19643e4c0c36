"""Russian personal names: gender, declension by case, initials, and the forms to recognise them.

Pure (no I/O). Names are written as in the banks: «Фамилия Имя Отчество», or with initials
(«Фамилия И. О.», «Фамилия И.О.», «И. О. Фамилия»), or «Имя Отчество Фамилия»; a surname alone
works too.

**Why pytrovich.** Declension uses pytrovich, the Python port of the petrovich rules — a rule
set made for exactly this (Russian surnames, first names and patronymics by gender and case),
kept up to date with petrovich-rules and measured by its authors at >99% on 270k inflections.
pymorphy3 (already used by `jobs.personal_names`) is a general morphological analyser: it
knows surnames only as far as the OpenCorpora dictionary does, reads «Белых» or «Морозов» as
ordinary words first and guesses unknown surnames by analogy with common nouns; petrovich's
rules cover the surname classes by their endings and gender, including the indeclinable
ones: -ко/-енко (Шевченко, Руденко), -их/-ых (Белых, Долгих), foreign -о/-е/-и/-у (Гюго,
Шапиро, Ли), a woman's surname ending in a consonant (Кох, Цой, Ким: unchanged; a man's:
Коха, Цоя, Кима), and double surnames declined in both parts (Петрова-Водкина →
Петровой-Водкиной). Known limits of the rules: a fleeting vowel is sometimes dropped where a
surname keeps it (Кузнец → «Кузнца» instead of «Кузнеца»); such a surname is best avoided in
the tests' expectations, not patched here with hand-written endings.

**Gender** comes from the patronymic (-вна/-чна/кызы, -ич/оглы), else the first name (the
petrovich gender rules, then pymorphy3's dictionary of names; «Саша», «Женя» are both), else the surname's ending (-ова, -ая, -ина…
a woman; -ов, -ий, -ин… a man). When it stays unknown (a consonant-ending surname with
initials only: «Ким Е. П.»), the surname is left as written — a woman's surname of that kind
does not decline, and a wrong «Кима» for a woman is worse than an undeclined man's surname.

Cases are named by pymorphy3's tags: "nomn" (именительный), "gent" (родительный), "datv"
(дательный), "accs" (винительный), "ablt" (творительный), "loct" (предложный).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # loaded when first needed: the rules take a moment to read
    import pymorphy3
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

Gender = Literal["m", "f"]
CaseTag = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]
CASES: tuple[CaseTag, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_LETTERS = "А-Яа-яЁёA-Za-z"
_INITIAL = re.compile(rf"^([{_LETTERS}])\.?$")
_PLAIN = re.compile(rf"^[{_LETTERS}\s.'’-]*$")  # a name; anything else (a formula, digits) is left alone
_GLUED_INITIALS = re.compile(rf"^(?:[{_LETTERS}]\.){{2,3}}$")  # «Е.П.»
_TURKIC_PATRONYMIC = ("оглы", "кызы", "улы", "уулу")
_FEMALE_SURNAME = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая", "яя")
_MALE_SURNAME = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ый", "ий")


@dataclass(frozen=True)
class PersonName:
    """A name split into its parts; ``first``/``patronymic`` may be initials («Е.») or empty."""

    surname: str
    first: str = ""
    patronymic: str = ""
    given_first: bool = False  # written «И. О. Фамилия» or «Имя Отчество Фамилия»

    @property
    def has_initials(self) -> bool:
        return _is_initial(self.first) or _is_initial(self.patronymic)

    def initials(self) -> str:
        """«Е. П.» — the initials of the first name and patronymic (empty parts left out)."""
        out = []
        for part in (self.first, self.patronymic):
            if part:
                out.append(_initial(part))
        return " ".join(out)


def _is_initial(word: str) -> bool:
    return bool(_INITIAL.match(word))


def _initial(word: str) -> str:
    if word.casefold() in _TURKIC_PATRONYMIC:
        return ""
    return word[0].upper() + "."


def _tokens(text: str) -> list[str]:
    words: list[str] = []
    for word in str(text or "").replace(",", " ").split():
        if _GLUED_INITIALS.match(word):
            words.extend(p + "." for p in word.split(".") if p)
        elif "." in word.rstrip(".") and not _INITIAL.match(word):  # «Е.Яковлева»
            head, _, tail = word.partition(".")
            words.extend([head + ".", tail] if tail else [word])
        else:
            words.append(word)
    return words


def parse(full_name: str) -> PersonName:
    """Split «Фамилия Имя Отчество», «Фамилия И. О.», «Фамилия И.О.», «И. О. Фамилия» or
    «Имя Отчество Фамилия» (told by the patronymic in the middle).

    A text with anything but letters, spaces, dots, hyphens and apostrophes (a formula, digits)
    is no name: it is kept whole as the surname, so nothing declines or shortens it.

    >>> parse("Яковлева Е.П.")
    PersonName(surname='Яковлева', first='Е.', patronymic='П.', given_first=False)
    """
    if not _PLAIN.match(str(full_name or "")):
        return PersonName(" ".join(str(full_name or "").split()))
    words = _tokens(full_name)
    if not words:
        return PersonName("")
    lead = 0
    while lead < len(words) - 1 and lead < 2 and _is_initial(words[lead]):
        lead += 1
    if lead:  # «Е. П. Яковлева»
        given = [_dotted(w) for w in words[:lead]] + [""]
        return PersonName(" ".join(words[lead:]), given[0], given[1] if lead > 1 else "", given_first=True)
    if len(words) == 3 and _is_patronymic(words[1]) and not _is_patronymic(words[2]):  # «Елена Павловна Яковлева»
        return PersonName(words[2], words[0], words[1], given_first=True)
    rest = [(_dotted(w) if _is_initial(w) else w) for w in words[1:]]
    first = rest[0] if rest else ""
    patronymic = " ".join(rest[1:])
    return PersonName(words[0], first, patronymic)


def _is_patronymic(word: str) -> bool:
    return _fold(word).endswith(("вна", "чна", "вич", "ич")) and len(word) > 4


def _dotted(word: str) -> str:
    return word[0].upper() + "."


@lru_cache(maxsize=1)
def _maker() -> PetrovichDeclinationMaker:
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


@lru_cache(maxsize=1)
def _detector() -> PetrovichGenderDetector:
    from pytrovich.detector import PetrovichGenderDetector

    return PetrovichGenderDetector()


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _gender_of(name: PersonName) -> Gender | None:
    p = _fold(name.patronymic)
    if p and not _is_initial(name.patronymic):
        if p.endswith(("вна", "чна", "кызы")):
            return "f"
        if p.endswith(("вич", "ич", "оглы", "улы", "уулу")):
            return "m"
    if name.first and not _is_initial(name.first):
        from pytrovich.enums import Gender as PG

        detected = _detector().detect(firstname=name.first.capitalize())
        if detected == PG.FEMALE:
            return "f"
        if detected == PG.MALE:
            return "m"
        genders = {p.tag.gender for p in _morph().parse(_fold(name.first)) if "Name" in p.tag.grammemes}
        if genders in ({"femn"}, {"masc"}):  # a name the petrovich rules lack, one gender only
            return "f" if genders == {"femn"} else "m"
    s = _fold(name.surname.split("-")[-1])
    if s.endswith(_FEMALE_SURNAME):
        return "f"
    if s.endswith(_MALE_SURNAME):
        return "m"
    return None


def gender_of(full_name: str) -> Gender | None:
    """"m", "f" or None: from the patronymic, else the first name, else the surname's ending.

    >>> gender_of("Яковлева Елена Павловна"), gender_of("Ким Саша"), gender_of("Белых И. О.")
    ('f', None, None)
    """
    return _gender_of(parse(full_name))


def _like(original: str, word: str) -> str:
    """``word`` written in the letter case of ``original`` (ВСЕ ПРОПИСНЫЕ, строчные, Как Обычно)."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original.islower():
        return word.lower()
    return word


def _title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _inflect(word: str, part: str, gender: Gender | None, case: CaseTag) -> str:
    if not word or case == "nomn" or _is_initial(word):
        return word
    from pytrovich.enums import Case, Gender as PG, NamePart

    cases = {"gent": Case.GENITIVE, "datv": Case.DATIVE, "accs": Case.ACCUSATIVE,
             "ablt": Case.INSTRUMENTAL, "loct": Case.PREPOSITIONAL}
    parts = {"surname": NamePart.LASTNAME, "first": NamePart.FIRSTNAME, "patronymic": NamePart.MIDDLENAME}
    pg = {"m": PG.MALE, "f": PG.FEMALE, None: PG.ANDROGYNOUS}[gender]
    return _like(word, _maker().make(parts[part], pg, cases[case], _title(word)))


def _inflect_patronymic(patronymic: str, gender: Gender | None, case: CaseTag) -> str:
    words = patronymic.split()
    if len(words) > 1 and _fold(words[-1]) in _TURKIC_PATRONYMIC:
        return patronymic  # «Гусейн оглы» does not decline
    return " ".join(_inflect(w, "patronymic", gender, case) for w in words)


def decline(full_name: str, case: CaseTag, gender: Gender | None = None) -> str:
    """The name in ``case`` ("gent", "datv", "accs", "ablt", "loct"; "nomn" as written), in the
    form it was given; ``gender`` overrides the one read from the name.

    >>> decline("Яковлева Елена Павловна", "gent")
    'Яковлевой Елены Павловны'
    >>> decline("Яковлева Е. П.", "datv"), decline("Е. П. Яковлева", "ablt")
    ('Яковлевой Е. П.', 'Е. П. Яковлевой')
    >>> decline("Кох Анна Ивановна", "gent"), decline("Кох Иван Петрович", "gent")
    ('Кох Анны Ивановны', 'Коха Ивана Петровича')
    """
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; one of {', '.join(CASES)}")
    name = parse(full_name)
    if not name.surname or not _PLAIN.match(name.surname):
        return " ".join(str(full_name or "").split())
    gender = gender or _gender_of(name)
    if gender is None:  # unknown: the surname as written (module docstring); given names still decline
        surname = name.surname
    else:
        surname = _inflect(name.surname, "surname", gender, case)
    first = _inflect(name.first, "first", gender, case)
    patronymic = _inflect_patronymic(name.patronymic, gender, case)
    given = " ".join(p for p in (first, patronymic) if p)
    if name.given_first:
        return f"{given} {surname}".strip()
    return f"{surname} {given}".strip()


def initials_surname(full_name: str) -> str:
    """«Е. П. Яковлева» — how a name stands under a signature.

    >>> initials_surname("Яковлева Елена Павловна")
    'Е. П. Яковлева'
    """
    name = parse(full_name)
    return f"{name.initials()} {name.surname}".strip()


def surname_initials(full_name: str) -> str:
    """«Яковлева Е. П.» — how a name stands in lists and reasons.

    >>> surname_initials("Е. П. Яковлева")
    'Яковлева Е. П.'
    """
    name = parse(full_name)
    return f"{name.surname} {name.initials()}".strip()


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=8192)
def is_given_name(word: str) -> bool:
    """Whether the dictionary (pymorphy3, OpenCorpora) knows ``word`` in some case as a first name
    or a patronymic — «Вероника», «Веру», «Петрович»; not «хочу», «учитель», «Васильевой».

    >>> is_given_name("Веру"), is_given_name("Васильевну"), is_given_name("учителя")
    (True, True, False)
    """
    return any({"Name", "Patr"} & p.tag.grammemes for p in _morph().parse(_fold(word)))


@dataclass(frozen=True)
class NameForms:
    """Every case of each part of a name, folded (lower case, ё as е), for recognising it in text."""

    surname: frozenset[str]
    first: frozenset[str]
    patronymic: frozenset[str]
    initials: str  # folded first letters of the first name and patronymic: "еп"


@lru_cache(maxsize=4096)
def name_forms(full_name: str) -> NameForms:
    """The forms of «Фамилия Имя Отчество» in all six cases (for both genders when unknown).

    >>> sorted(name_forms("Васильева Вера Васильевна").first)
    ['вера', 'вере', 'верой', 'веру', 'веры']
    """
    name = parse(full_name)
    gender = _gender_of(name)
    genders: tuple[Gender, ...] = (gender,) if gender else ("m", "f")

    def forms(word: str, part: str) -> frozenset[str]:
        if not word or _is_initial(word) or not _PLAIN.match(word):
            return frozenset()
        out = {_fold(word)}
        for g in genders:
            for case in CASES:
                if part == "patronymic":
                    out.add(_fold(_inflect_patronymic(word, g, case)))
                else:
                    out.add(_fold(_inflect(word, part, g, case)))
        return frozenset(out)

    initials = "".join(_fold(p)[0] for p in (name.first, name.patronymic) if p)
    return NameForms(forms(name.surname, "surname"), forms(name.first, "first"),
                     forms(name.patronymic, "patronymic"), initials)


__all__ = [
    "CASES", "CaseTag", "Gender", "NameForms", "PersonName", "decline", "gender_of", "initials_surname",
    "is_given_name", "name_forms", "parse", "surname_initials",
]
