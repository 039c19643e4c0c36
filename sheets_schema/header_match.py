"""Which question an export's column header names — exactly, nearly, or none.

Staff edit a form before sending it: «Вам меньше 35 лет? (необязательно)», a dropped letter, a
word added. A header is compared with every title a question may carry (`Question.titles`) in
three steps, the first that decides wins:

1. **exact** — equal after `grid.normalise_header` (case, spaces, ё/е, a trailing colon): taken
   silently, as before;
2. **normalised** — equal after `normalise_title`: parenthesised notes removed («(необязательно)»,
   «(optional)», «(можно несколько)»), a leading question number («3.», «3)») removed, every
   punctuation mark a space, Latin look-alike letters inside a Cyrillic word made Cyrillic,
   filler words («укажите», «ваш», «пожалуйста») dropped; taken and reported;
3. **near** — `similarity` (rapidfuzz's normalised Indel ratio of the normalised texts, 0–100)
   of at least `NEAR_THRESHOLD` to one question and more than `NEAR_MARGIN` above every other
   question: taken and reported. `benchmarks/header_matching.py` measures both numbers.

Exact and normalised matches are settled first, so a near match never takes a question a column
names exactly; two columns never feed one question silently — the later (or weaker) one is
refused and says which column took the question. A header matching nothing carries the nearest
question to suggest in the message (`_nearest`, by rapidfuzz's WRatio, which sees a shared word).
Meta columns (timestamp, id, ignored) match in steps 1–2 only.

Pure: no I/O.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping, Sequence

from rapidfuzz import fuzz

from sheets_schema.control_chars import clean_answer
from sheets_schema.grid import normalise_header

# Measured by benchmarks/header_matching.py (rapidfuzz `fuzz.ratio`, the normalised Indel
# similarity, over `normalise_title`): for every title and column header of the five
# questionnaires (the self-assessment and the mentor's final report of issue 19 included), the
# earlier titles and headers still read included (`ru.OLD_QUESTIONS`, `ru.OLD_HEADERS`), 1461
# realistic edits (12 kinds). The highest
# similarity of two DIFFERENT questions is 87.2 («формы наставничества» ~ «опыт наставничества»,
# both of the mentor form; next «адрес электронной почты» ~ the partner's e-mail question, 71.9); of
# a header staff add that is no question, 75.5 («Классное руководство» ~ the self-assessment's
# «дисциплина и классное руководство»). Single-letter edits score to their own question: dropped
# min 85.7 / median 97.7, doubled 88.9 / 97.8, swapped 75.0 / 95.5, changed 40.0 / 95.5 (the low
# ones are short titles: «ФИО», «Роль», «Предмет»). 88 is the first step above every
# other-question score: 1208 of 1461 edits taken as their own question (130/131 dropped, 131/131
# doubled, 113/131 swapped, 108/131 changed letters, every note/number/look-alike/«укажите»), 253
# refused and reported with the nearest title, 0 taken as
# another question, 0 extra headers taken. (WRatio takes more edits but also 5-12 extra headers: its partial match sees «ФИО» in
# «ФИО наставника».)
NEAR_THRESHOLD = 88.0
# A near match must also beat the second-best question by this much (no coin toss between two
# similar titles, e.g. an edit of «Формы наставничества» scores 87.2 to «Опыт наставничества»);
# 0, 4, 8 and 12 give the same outcome on the measured edits at 88.
NEAR_MARGIN = 8.0

EXACT, NORMALISED, NEAR, META, DUPLICATE, UNKNOWN, EMPTY = (
    "exact", "normalised", "near", "meta", "duplicate", "unknown", "empty")

_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NUMBERING = re.compile(r"^\s*\d{1,2}\s*[.)]\s*")
_NON_WORD = re.compile(r"[^\w]+|_")
_LATIN_TO_CYRILLIC = str.maketrans("aceopxykmthb", "асеорхукмтнв")
_CYRILLIC = re.compile(r"[а-я]")
# Words a form adds around a question without changing it: «Укажите вашу должность», «Ваш e-mail».
_FILLER = frozenset({"укажите", "введите", "напишите", "пожалуйста", "ваш", "ваша", "ваше", "ваши", "вашу"})


def _fold_lookalikes(word: str) -> str:
    """A word with Cyrillic letters and Latin look-alikes («пpедмет» with a Latin p) → Cyrillic."""
    if _CYRILLIC.search(word) and re.search(r"[a-z]", word):
        return word.translate(_LATIN_TO_CYRILLIC)
    return word


def normalise_title(text: object) -> str:
    """A header or title as compared in steps 2–3 (see the module docstring)."""
    s = normalise_header(clean_answer("" if text is None else str(text))[0])
    s = unicodedata.normalize("NFC", s)
    previous = None
    while previous != s:  # nested notes: «(… (…) …)»
        previous, s = s, _PARENS.sub(" ", s)
    s = _NUMBERING.sub("", s)
    s = _NON_WORD.sub(" ", s)
    return " ".join(w for w in (_fold_lookalikes(w) for w in s.split()) if w not in _FILLER)


def similarity(a: str, b: str) -> float:
    """0–100: how alike two normalised titles are (rapidfuzz normalised Indel similarity)."""
    return fuzz.ratio(a, b)


@dataclass(frozen=True)
class HeaderMatch:
    """What one column of an export is."""

    column: int
    header: str
    how: str  # EXACT, NORMALISED, NEAR, META, DUPLICATE, UNKNOWN, EMPTY
    key: str | None = None  # question key (EXACT/NORMALISED/NEAR), meta kind (META), or the
    # question the column wanted (DUPLICATE) / is nearest to (UNKNOWN)
    score: float = 0.0
    taken_by: int | None = None  # DUPLICATE: the column that has the question


def _scores(norm: str, titles: Mapping[str, list[str]]) -> list[tuple[float, str]]:
    """(best similarity, key) per key, best first."""
    out = [(max(similarity(norm, t) for t in ts), key) for key, ts in titles.items() if ts]
    return sorted(out, key=lambda s: (-s[0], s[1]))


def _nearest(norm: str, titles: Mapping[str, list[str]]) -> str:
    """The question to suggest for a header taken as none: by rapidfuzz's WRatio, which sees a
    shared word («Стаж работы» → «Педагогический стаж, полных лет»; plain similarity would say
    «Согласие на обработку…» for the letters they share). Only suggested, never taken: WRatio's
    partial matching would take headers that are no question (benchmarks/header_matching.py)."""
    return max(titles, key=lambda k: (max(fuzz.WRatio(norm, t) for t in titles[k]),
                                      max(similarity(norm, t) for t in titles[k])))


def match_headers(headers: Sequence[object], questions: Mapping[str, Sequence[str]],
                  meta: Mapping[str, Sequence[str]] = {}) -> list[HeaderMatch]:
    """Each header's match, in column order (see the module docstring).

    `questions`: question key → titles it may carry, in declaration order (the first question
    declaring a title owns it); `meta`: meta kind → headers.
    """
    exact: dict[str, str] = {}
    normal: dict[str, set[str]] = {}
    norm_titles: dict[str, list[str]] = {}
    for key, titles in questions.items():
        for t in titles:
            exact.setdefault(normalise_header(t), key)
            normal.setdefault(normalise_title(t), set()).add(key)
        norm_titles[key] = list(dict.fromkeys(normalise_title(t) for t in titles))
    meta_exact = {normalise_header(t): kind for kind, ts in meta.items() for t in ts}
    meta_normal = {normalise_title(t): kind for kind, ts in meta.items() for t in ts}

    found: dict[int, HeaderMatch] = {}
    owner: dict[str, int] = {}  # question key → the column that feeds it
    pending: list[int] = []
    texts = ["" if h is None else str(h) for h in headers]
    for i, header in enumerate(texts):  # steps 1–2, and meta columns
        if not header.strip():
            found[i] = HeaderMatch(i, header, EMPTY)
            continue
        norm = normalise_title(header)
        question, how = exact.get(normalise_header(header)), EXACT
        if question is None and len(normal.get(norm, ())) == 1:
            question, how = next(iter(normal[norm])), NORMALISED
        if question is not None:
            if question in owner:
                found[i] = HeaderMatch(i, header, DUPLICATE, question, 100.0, owner[question])
            else:
                owner[question] = i
                found[i] = HeaderMatch(i, header, how, question, 100.0)
            continue
        kind = meta_exact.get(normalise_header(header)) or meta_normal.get(norm)
        if kind is not None:
            found[i] = HeaderMatch(i, header, META, kind)
            continue
        pending.append(i)

    wanted: list[tuple[float, int, str]] = []
    for i in pending:  # step 3
        scores = _scores(normalise_title(texts[i]), norm_titles)
        if not scores:
            found[i] = HeaderMatch(i, texts[i], UNKNOWN)
            continue
        best, key = scores[0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        if best >= NEAR_THRESHOLD and best - second > NEAR_MARGIN:
            wanted.append((best, i, key))
        found[i] = HeaderMatch(i, texts[i], UNKNOWN, _nearest(normalise_title(texts[i]), norm_titles), best)
    for best, i, key in sorted(wanted, key=lambda w: (-w[0], w[1])):
        if key in owner:
            found[i] = HeaderMatch(i, texts[i], DUPLICATE, key, best, owner[key])
        else:
            owner[key] = i
            found[i] = HeaderMatch(i, texts[i], NEAR, key, best)
    return [found[i] for i in range(len(texts))]


__all__ = ["HeaderMatch", "NEAR_MARGIN", "NEAR_THRESHOLD", "match_headers", "normalise_title", "similarity"]
