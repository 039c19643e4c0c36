"""The mentee's preferred mentor («Желаемый наставник»): free text resolved against the mentor bank.

Pure (no I/O; never imports `sync`). A mentee answers «Кого из коллег вы хотели бы видеть своим
наставником?» as people write: «Васильева Вера Васильевна», «Васильеву Веру Васильевну» (the
natural answer to «Кого…?»), «Васильевой», «Васильева В. В.», «В.В. Васильева», «Вера
Васильева», «Вера Васильевна», «vasilieva@school.ru», in any letter case, with ё or е, extra
spaces and punctuation, even «хочу к Васильевой».

How a text is read (`resolve`):

1. An e-mail in it names the mentor with that e-mail.
2. Otherwise its words are compared with every form (all six cases; `jobs.names.name_forms`)
   of each mentor's surname, first name and patronymic, and its capital letters standing alone
   or with a dot with the mentor's initials. A mentor is named when the text holds a form of
   their surname, or of both their first name and patronymic, and nothing in it contradicts
   them: no first name or patronymic (of another mentor, or one the dictionary knows:
   «Васильева Вероника» is not Вера Васильева) that is not theirs, no initials that are not
   theirs. Other words («хочу к», «учитель физики») are ignored.
3. Of the mentors named, those matched by most parts win («Васильева Вера» is Вера, not
   Анна Васильева); two left → the text is ambiguous, and the message lists them.
4. An answer in several pieces (split at «,», «;», «/», «и», «или», a line break) may name
   several colleagues: every one recognised gets the preference, and a piece naming nobody gets
   a message — unless it only repeats parts of the names recognised («Васильева, Вера») or is
   plainly no name (no capital letter, nothing near: «учитель физики»). When no piece names
   anyone, the whole text is read as one.
5. A text naming nobody gets a message with the nearest bank names (rapidfuzz).

Answers that name nobody on purpose («нет», «любой», «не важно»; `ru.validation.PREFERRED_NONE`)
are no preference and no message.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from sheets_schema import ru
from sheets_schema.ru.validation import PREFERRED_NONE
from sheets_schema.rules import quote
from jobs.matching.encode import People
from jobs.names import is_given_name, name_forms, parse

Kind = Literal["empty", "found", "ambiguous", "unknown"]

NEAREST = 3  # bank names offered for an unrecognised answer
NEAR_SCORE = 60.0  # rapidfuzz score (0–100) below which a bank name is not offered as near

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*\.?")
_PIECES = re.compile(r"[,;/\n]+|\s+(?:и|или|либо)\s+")


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


@dataclass(frozen=True)
class Resolution:
    """What a «Желаемый наставник» answer names.

    ``indices``: the mentors recognised (positions in the mentor list; sorted; empty when none,
    several when the answer names several colleagues). ``candidates``: for an ambiguous answer
    the mentors it may mean, for an unrecognised one the nearest bank names. ``message``: the
    Russian note for the row's «Сообщение», None when every part of the answer was recognised.
    """

    kind: Kind
    indices: tuple[int, ...] = ()
    candidates: tuple[int, ...] = ()
    message: str | None = None


@dataclass(frozen=True)
class _Word:
    text: str  # folded, without the dot
    initial: bool  # a capital letter alone or a letter with a dot: an initial


@dataclass
class MentorIndex:
    """The mentors' names and e-mails, indexed by every folded form of each name part."""

    names: list[str]
    emails: list[str]
    surname: dict[str, set[int]] = field(default_factory=dict)
    first: dict[str, set[int]] = field(default_factory=dict)
    patronymic: dict[str, set[int]] = field(default_factory=dict)
    initials: list[str] = field(default_factory=list)
    email_at: dict[str, list[int]] = field(default_factory=dict)
    folded: list[str] = field(default_factory=list)  # full names, folded: for the nearest names
    surnames: list[str] = field(default_factory=list)  # surnames, folded

    @classmethod
    def of(cls, mentors: Sequence[tuple[str, str]]) -> MentorIndex:
        """The index of ``mentors`` — (full name, e-mail) pairs, in the order indices refer to.
        The same mentors give the same index, built once: a night's validate, match and roadmap
        each look preferred mentors up in the same bank (read it, never change it)."""
        return _index_of(tuple((str(n or "").strip(), str(e or "").strip()) for n, e in mentors))

    @classmethod
    def build(cls, mentors: Sequence[tuple[str, str]]) -> MentorIndex:
        """The index made anew from (full name, e-mail) pairs already stripped (`of` keeps it)."""
        index = cls([n for n, _ in mentors], [_fold(e) for _, e in mentors])
        for j, (name, email) in enumerate(zip(index.names, index.emails)):
            forms = name_forms(name)
            for table, words in ((index.surname, forms.surname), (index.first, forms.first),
                                 (index.patronymic, forms.patronymic)):
                for w in words:
                    table.setdefault(w, set()).add(j)
            index.initials.append(forms.initials)
            index.folded.append(_fold(" ".join(name.split())))
            index.surnames.append(_fold(parse(name).surname))
            if email:
                index.email_at.setdefault(email, []).append(j)
        return index

    def label(self, j: int, with_email: bool = False) -> str:
        """How a mentor is named in a message: «Васильева Вера Васильевна» (and the e-mail)."""
        return f"{self.names[j]} ({self.emails[j]})" if with_email and self.emails[j] else self.names[j]


@functools.lru_cache(maxsize=4)
def _index_of(mentors: tuple[tuple[str, str], ...]) -> MentorIndex:
    return MentorIndex.build(mentors)


def _words(text: str) -> list[_Word]:
    out = []
    for m in _WORD.finditer(text):
        raw = m.group(0)
        bare = raw.rstrip(".")
        initial = len(bare) == 1 and (raw.endswith(".") or bare.isupper())
        if len(bare) == 1 and not initial:
            continue  # «к», «в», «с»: prepositions
        out.append(_Word(_fold(bare), initial))
    return out


def _named(words: list[_Word], index: MentorIndex) -> tuple[set[int], list[int]]:
    """The mentors a piece of text names (best-matched ones) and every mentor it could name."""
    given = [w.text for w in words if not w.initial]
    letters = "".join(w.text for w in words if w.initial)
    hits: dict[int, set[str]] = {}
    for w in given:
        for part, table in (("s", index.surname), ("f", index.first), ("p", index.patronymic)):
            for j in table.get(w, ()):
                hits.setdefault(j, set()).add(part)
    all_given = {w for w in given if w in index.first or w in index.patronymic or is_given_name(w)}
    scores: dict[int, int] = {}
    for j, parts in hits.items():
        if "s" not in parts and not {"f", "p"} <= parts:
            continue
        if letters and not index.initials[j].startswith(letters):
            continue
        own = {w for w in all_given if any(j in t.get(w, ()) for t in (index.first, index.patronymic, index.surname))}
        if all_given - own:
            continue  # a first name or patronymic that is someone else's
        scores[j] = len(parts) + len(letters)
    if not scores:
        return set(), []
    best = max(scores.values())
    return {j for j, s in scores.items() if s == best}, sorted(scores)


def _nearest(text: str, index: MentorIndex) -> tuple[int, ...]:
    if not index.names:
        return ()
    words = [w.text for w in _words(text)]
    folded = " ".join(words) or _fold(text)
    score = process.cdist([folded], index.folded, scorer=fuzz.token_sort_ratio)[0]
    if words:  # a word of the text against each surname: «Васильва» ~ «Васильева»
        score = np.maximum(score, process.cdist(words, index.surnames, scorer=fuzz.ratio).max(axis=0))
    if "@" in text:
        score = np.maximum(score, process.cdist([_fold(text)], index.emails, scorer=fuzz.ratio)[0])
    near = sorted((-float(v), index.names[j], j) for j, v in enumerate(score) if v >= NEAR_SCORE)
    return tuple(j for _, _, j in near[:NEAREST])


def _is_none(text: str) -> bool:
    return _fold(text).strip(" .!,;:()\"'«»") in PREFERRED_NONE


def _piece(text: str, index: MentorIndex, nearest: bool = True) -> tuple[Kind, tuple[int, ...], tuple[int, ...]]:
    """(kind, mentors named, candidates) of one piece of an answer; the nearest names of an
    unknown one only when `nearest` (a message needs them, the scorer does not)."""
    emails = [_fold(e) for e in _EMAIL.findall(text)]
    if emails:
        found = sorted({j for e in emails for j in index.email_at.get(e, [])})
        if found and len(found) == len(set(emails)):
            return "found", tuple(found), ()
        return "unknown", tuple(found), _nearest(text, index) if nearest else ()
    best, _ = _named(_words(text), index)
    if len(best) == 1:
        return "found", tuple(best), ()
    if best:
        return "ambiguous", (), tuple(sorted(best, key=lambda j: (index.names[j], j)))
    return "unknown", (), _nearest(text, index) if nearest else ()


def resolve(text: str, index: MentorIndex, nearest: bool = True) -> Resolution:
    """What one answer names (module docstring: how it is read). Without `nearest`, an unknown
    answer's message names no near bank names (the mentors named are the same either way)."""
    text = str(text or "").strip()
    if not text or _is_none(text):
        return Resolution("empty")
    pieces = [p.strip() for p in _PIECES.split(text) if p.strip() and not _is_none(p)]
    if len(pieces) > 1:
        results = [(p, *_piece(p, index, nearest)) for p in pieces]
        named = tuple(sorted({j for _, k, f, _ in results if k == "found" for j in f}))
        if named:
            problems = [(p, k, c) for p, k, _, c in results
                        if k != "found" and not _is_filler(p, k, c) and not _repeats(p, named, index)]
            if not problems:
                return Resolution("found", named)
            piece, problem, near = problems[0]
            return Resolution(problem, named, near, _message(piece, problem, near, index))
    kind, found, candidates = _piece(text, index, nearest)
    if kind == "found":
        return Resolution("found", found)
    return Resolution(kind, found, candidates, _message(text, kind, candidates, index))


def _repeats(piece: str, named: tuple[int, ...], index: MentorIndex) -> bool:
    """Whether every word of ``piece`` is part of the names already recognised («Васильева, Вера»)."""
    words = [w.text for w in _words(piece) if not w.initial]
    tables = (index.surname, index.first, index.patronymic)
    return bool(words) and all(any(set(named) & t.get(w, set()) for t in tables) for w in words)


def _is_filler(piece: str, kind: Kind, candidates: tuple[int, ...]) -> bool:
    """A piece beside a recognised name that names nobody and looks like no name («учитель физики»)."""
    return kind == "unknown" and not candidates and not any(ch.isupper() for ch in piece)


def _message(text: str, kind: Kind, candidates: tuple[int, ...], index: MentorIndex) -> str:
    column, tab = ru.HEADERS["preferred_mentor"], ru.TABS["mentors"]
    value = quote(text)
    if kind == "ambiguous":
        labels = [index.names[j] for j in candidates]
        same = {n for n in labels if labels.count(n) > 1}
        listed = ", ".join(index.label(j, index.names[j] in same) for j in candidates)
        return ru.MESSAGES["preferred_ambiguous"].format(column=column, value=value, candidates=listed)
    if not candidates:
        return ru.MESSAGES["preferred_unknown_far"].format(column=column, value=value, tab=tab)
    nearest = ", ".join(index.label(j) for j in candidates)
    return ru.MESSAGES["preferred_unknown"].format(column=column, value=value, tab=tab, nearest=nearest)


def resolve_all(texts: Sequence[object], mentors: Sequence[tuple[str, str]], nearest: bool = True) -> list[Resolution]:
    """One `Resolution` per answer in ``texts``, against ``mentors`` — (full name, e-mail) pairs.

    >>> mentors = [("Васильева Вера Васильевна", "vv@school.example"), ("Жуков Иван Петрович", "ip@school.example")]
    >>> [r.indices for r in resolve_all(["Васильеву Веру Васильевну", "В. В. Васильева", "ip@school.example", ""], mentors)]
    [(0,), (0,), (1,), ()]
    """
    index = MentorIndex.of(mentors)
    return [resolve(str(t) if t is not None else "", index, nearest) for t in texts]


def preferred_mentors(mentees: People, mentors: People) -> dict[int, np.ndarray]:
    """Mentee index → the indices of the mentors their «Желаемый наставник» names (int64, sorted),
    only for mentees whose answer names someone: what `Scorer.preferred` holds."""
    frame = mentees.frame
    texts = [t if isinstance(t, str) else "" for t in frame["preferred_mentor"]] if "preferred_mentor" in frame else []
    if not any(t.strip() for t in texts) or not len(mentors):
        return {}
    resolutions = resolve_all(texts, [(str(n), str(e)) for n, e in zip(mentors.name, mentors.email)], nearest=False)
    return {i: np.array(r.indices, dtype=np.int64) for i, r in enumerate(resolutions) if r.indices}


__all__ = ["MentorIndex", "Resolution", "preferred_mentors", "resolve", "resolve_all"]
