"""Finding the people of the banks in a free text — for the public page and the report, which
must not carry a name or an e-mail address.

A text is judged whole: `PersonalNames.finds(text)` says whether it names anyone or holds an
e-mail address, and the caller withholds such a text instead of cutting the name out (a
half-scrubbed «Служебная проверка по жалобе на …» still says too much).

What counts as a name, for every person of the banks and of «Пары»:

- the surname in any case and number («Борисовой», «Фёдоровым», «на Жукову», «Козловы») —
  alone, with initials («Алексеевой М. В.») or with the whole name;
- the first name followed by the patronymic in any case («Марина Владимировна», «Анны
  Алексеевны»); a first name alone is not (the whole school may have an «Анна»);
- every form is compared after folding case and ё→е («Федоров О. О.»).

The forms are generated once per run by the morphological analyser pymorphy3 (OpenCorpora
dictionary): every form of the person's surname, first name and patronymic lexeme in their
gender (from the patronymic, else the first name) and every plural form. A surname the
dictionary does not know as one is inflected by the Russian surname paradigms (-ов/-ев/-ин,
-ский/-цкий, -ой/-ый/-ий, -ая, a consonant ending for a man); an indeclinable one (-ко, -их,
-ых, -аго, foreign) is matched as written.

A surname that is also a common word («Морозов», «Белая», «Розов» → «розовым») is still a hit when
written with a capital letter; written in lower case it is a hit only when the dictionary does not
know the word as anything but a name — so «зимних морозов» or «розовым цветом» stay publishable,
while «жуковой» does not.

E-mail addresses are found in obfuscated spellings too: spaces around «@», «[at]», «(at)»,
«собака», «[dot]», «точка»; and the local part of any bank e-mail («zhukova.li») is a hit
wherever it stands, whatever its separators.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first needed: the dictionaries take time to load
    import pymorphy3

NAME_TAGS = {"Surn", "Name", "Patr"}
MIN_LOCAL_PART = 4  # shorter local parts of e-mails («li», «ivan») are too common to look for

_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")
_AT = re.compile(r"\s*(?:@|＠|[\[({<]\s*(?:at|собака|эт)\s*[\])}>]|\s(?:at|собака)\s)\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*(?:[\[({<]\s*(?:dot|точка)\s*[\])}>]|\s(?:dot|точка)\s)\s*", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\s*\.\s*[\w-]+)+")


def fold(text: str) -> str:
    """Lower case with ё read as е: how names are compared."""
    return text.casefold().replace("ё", "е")


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _gender(first: str, patronymic: str, surname: str) -> str | None:
    p = fold(patronymic)
    if p.endswith(("вна", "чна", "ична", "кызы")):
        return "femn"
    if p.endswith(("вич", "ич", "оглы")):
        return "masc"
    for parse in _morph().parse(first) if first else []:
        if "Name" in parse.tag.grammemes and parse.tag.gender in ("masc", "femn"):
            return parse.tag.gender
    s = fold(surname)
    if s.endswith(("ова", "ева", "ина", "ына", "ская", "цкая", "ая")):
        return "femn"
    if s.endswith(("ов", "ев", "ин", "ын", "ский", "цкий", "ой", "ый", "ий")):
        return "masc"
    return None


def _lexeme_forms(word: str, tag: str, gender: str | None) -> set[str] | None:
    """Every form of `word`'s lexeme tagged `tag` (Surn, Name or Patr) in `gender` and in the
    plural; None when the dictionary does not know the word as such a name."""
    morph = _morph()
    if not morph.word_is_known(word.casefold()):
        return None  # a guess by analogy is slow (~10 ms) and no better than the paradigms
    parses = [p for p in morph.parse(word) if tag in p.tag.grammemes and p.tag.case == "nomn"]
    if gender:
        parses = [p for p in parses if p.tag.gender in (gender, None) or "ms-f" in p.tag.grammemes] or parses
    if not parses:
        return None
    forms = {fold(word)}
    for form in parses[0].lexeme:
        if gender is None or form.tag.number == "plur" or form.tag.gender in (gender, None):
            forms.add(fold(form.word))
    return forms


# Russian surname paradigms (ending of the nominative → endings of the other forms), for
# surnames the dictionary does not know as surnames; the longest matching ending wins.
_SURNAME_PARADIGMS = {
    "masc": [
        (("ский", "цкий"), 2, ["ий", "ого", "ому", "им", "ом", "ие", "их", "ими"]),
        (("ой",), 2, ["ой", "ого", "ому", "ым", "ом", "ые", "ых", "ыми"]),
        (("ый",), 2, ["ый", "ого", "ому", "ым", "ом", "ые", "ых", "ыми"]),
        (("ий",), 2, ["ий", "его", "ему", "им", "ем", "ие", "их", "ими"]),
        (("ов", "ев", "ин", "ын"), 0, ["", "а", "у", "ым", "е", "ы", "ых", "ыми"]),
        (("ко", "их", "ых", "аго", "яго", "о", "е", "и", "у", "ю"), 0, [""]),
        (("а",), 1, ["а", "ы", "е", "у", "ой", "ою"]),
        (("я",), 1, ["я", "и", "е", "ю", "ей", "ею"]),
        (("й", "ь"), 1, ["й", "ь", "я", "ю", "ем", "е"]),
        (("",), 0, ["", "а", "у", "ом", "ем", "е", "ы", "и", "ов", "ам", "ами", "ах"]),
    ],
    "femn": [
        (("ская", "цкая"), 2, ["ая", "ой", "ую", "ою", "ие", "их", "ими"]),
        (("ая",), 2, ["ая", "ой", "ую", "ою", "ые", "ых", "ыми"]),
        (("яя",), 2, ["яя", "ей", "юю", "ею", "ие", "их", "ими"]),
        (("ова", "ева", "ина", "ына"), 1, ["а", "ой", "у", "ою", "ы", "ых", "ым", "ыми"]),
        (("а",), 1, ["а", "ы", "и", "е", "у", "ой", "ою", "ей"]),
        (("я",), 1, ["я", "и", "е", "ю", "ей", "ею"]),
        (("",), 0, [""]),
    ],
}


def _paradigm_forms(surname: str, gender: str | None) -> set[str]:
    word = fold(surname)
    forms = {word}
    for g in ([gender] if gender else ["masc", "femn"]):
        for endings, cut, suffixes in _SURNAME_PARADIGMS[g]:
            if word.endswith(endings) and len(word) > max(len(e) for e in endings):
                stem = word[: len(word) - cut] if cut else word
                forms |= {stem + s for s in suffixes}
                break
    return forms


@lru_cache(maxsize=None)
def surname_forms(surname: str, gender: str | None) -> frozenset[str]:
    """Every case and number of a surname, folded (dictionary first, paradigms second)."""
    forms = _lexeme_forms(surname, "Surn", gender)
    if forms is None:
        forms = _paradigm_forms(surname, gender)
    else:
        forms |= _paradigm_forms(surname, gender) if fold(surname).endswith(("ов", "ова", "ев", "ева", "ин", "ина")) else set()
    return frozenset(forms)


@lru_cache(maxsize=None)
def given_forms(word: str, tag: str, gender: str | None) -> frozenset[str]:
    """Every case of a first name (tag Name) or a patronymic (tag Patr), folded."""
    forms = _lexeme_forms(word, tag, gender)
    if forms is None:
        w = fold(word)
        forms = {w}
        if w.endswith(("вна", "чна")):
            forms |= {w[:-1] + s for s in ("ы", "е", "у", "ой", "ою")}
        elif w.endswith("ич"):
            forms |= {w + s for s in ("а", "у", "ем", "е")}
        elif w.endswith(("а", "я")):
            forms |= {w[:-1] + s for s in ("ы", "и", "е", "у", "ю", "ой", "ей", "ою", "ею")}
        elif w.endswith(("й", "ь")):
            forms |= {w[:-1] + s for s in ("я", "ю", "ем", "е")}
        else:
            forms |= {w + s for s in ("а", "у", "ом", "е")}
    return frozenset(forms)


@dataclass
class PersonalNames:
    """The forms of every known person's name and e-mail, precomputed once per run."""

    surnames: set[str] = field(default_factory=set)
    first_names: set[str] = field(default_factory=set)
    patronymics: set[str] = field(default_factory=set)
    local_parts: set[str] = field(default_factory=set)
    _common: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, full_names: list[str], emails: Iterable[str] = ()) -> "PersonalNames":
        """The index of `full_names` («Фамилия Имя Отчество») and `emails`."""
        names = cls()
        for full in full_names:
            parts = _WORD.findall(str(full or "").replace("-", " "))
            if not parts:
                continue
            surname, first, patronymic = (parts + ["", ""])[:3]
            gender = _gender(first, patronymic, surname)
            if len(surname) >= 2:
                names.surnames |= surname_forms(surname, gender)
            if first and patronymic:
                names.first_names |= given_forms(first, "Name", gender)
                names.patronymics |= given_forms(patronymic, "Patr", gender)
        for email in emails:
            local = _squash(str(email or "").split("@")[0])
            if len(local) >= MIN_LOCAL_PART:
                names.local_parts.add(local)
        return names

    def _is_common_word(self, word: str) -> bool:
        """Whether a lower-case word is known to the dictionary as something other than a name."""
        if word not in self._common:
            self._common[word] = any(p.is_known and not (NAME_TAGS & p.tag.grammemes) for p in _morph().parse(word))
        return self._common[word]

    def finds(self, text: str) -> bool:
        """Whether `text` names a known person or holds an e-mail address (module docstring)."""
        text = str(text or "")
        if has_email(text):
            return True
        if self.local_parts:
            squashed = _squash(text)
            if any(local in squashed for local in self.local_parts):
                return True
        words = _WORD.findall(text)
        folded = [fold(w) for w in words]
        for i, (word, key) in enumerate(zip(words, folded)):
            if key in self.surnames and len(key) >= 2:
                if not word.islower() or not self._is_common_word(key):
                    return True
            if key in self.first_names and i + 1 < len(folded) and folded[i + 1] in self.patronymics:
                return True
        return False


def has_email(text: str) -> bool:
    """Whether `text` holds an e-mail address, also written «name [at] host [dot] ru» or with spaces."""
    plain = _DOT.sub(".", _AT.sub("@", str(text or "")))
    return bool(_EMAIL.search(plain))


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-zа-я]", "", fold(text))


__all__ = ["PersonalNames", "fold", "given_forms", "has_email", "surname_forms"]
