"""Personal data never leaves the workspace through the terminal, cron mail or a log.

`scrub(text)` is the one filter every line the tool prints or logs goes through (the CLI wraps
stdout, stderr and the log handlers with it). It masks:

- e-mail addresses, plain (``i***@school.example``) and obfuscated (``x @ y.ru``, ``x [at] y
  [dot] ru``, ``x собака y точка ru``: ``[e-mail скрыт]``), and the local part of every e-mail
  the workspace holds wherever it stands alone (``zhukova.li``);
- every person the workspace's tabs name, in any grammatical case, with or without initials, with
  е/ё folded — replaced by where the person is: «строка 12 листа «Наставники»», or the pair id;
- any other full name (Фамилия Имя Отчество) as ``И*** И. П.``.

The workspace's people are known because the read path (`sync.workspace`) hands every tab it
reads to `remember_table` and every questionnaire response to `remember_responses`: a process-wide registry, emptied by `forget_people` when a command
starts, so a line printed after a read is scrubbed of the names that read brought in. Word forms
come from the stem (the name without its case ending) rather than a dictionary: a word that
starts with a known stem and has at most three more letters is taken for the name — masking a
namesake too is the safe side of the mistake.
"""
from __future__ import annotations

import re
import threading
from typing import Any, Iterable

from sheets_schema import ru

_LOCAL = r"[A-Za-z0-9._%+\-]+"
_EMAIL = re.compile(r"([^\s@\"'<>(),;:«»\[\]]+)@([^\s@\"'<>(),;:«»\[\]]+\.[^\s@\"'<>(),;:«»\[\]]+)")
_AT = r"(?:\s*@\s*|\s*[\[(]\s*(?:at|собака)\s*[\])]\s*|\s+(?:at|собака)\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\[(]\s*(?:dot|точка)\s*[\])]\s*|\s+(?:dot|точка)\s+)"
_OBFUSCATED = re.compile(rf"{_LOCAL}{_AT}[A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)*{_DOT}[A-Za-z]{{2,}}\b", re.I)
_FULL_NAME = re.compile(
    r"\b([А-ЯЁ])[а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+([А-ЯЁ])[а-яё]+\s+([А-ЯЁ])[а-яё]+"
    r"(?:вна|вич|чна|ична|ьич|инична|кызы|оглы)\b")
_WORD = re.compile(r"[А-ЯЁа-яё]+")
_INITIALS = r"(?:\s*[А-ЯЁ]\.){1,2}"
_ENDINGS = sorted(["ая", "яя", "ий", "ый", "ой", "ей", "ия", "ья", "а", "я", "й", "ь", "о", "е", "ы", "и", "у", "ю"],
                  key=len, reverse=True)
_EXTRA = 3  # letters a case ending may add to a stem
NAME_KEYS = ("full_name", "preferred_mentor")
SERVICE_ACCOUNTS = ".gserviceaccount.com"  # no person's address


def fold(word: str) -> str:
    """Lower case with ё read as е, as a name is compared."""
    return word.lower().replace("ё", "е")


def stem(word: str) -> str:
    """The part of a name every case form starts with (Смирнова → смирнов, Ольга → ольг)."""
    word = fold(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


class People:
    """Names and e-mails of the workspace's people, each with where the person is."""

    def __init__(self) -> None:
        self._where: dict[str, str | None] = {}   # name key → where (None: a name, place unknown)
        self._bank: set[str] = set()              # keys a bank row has placed
        self._full: dict[tuple[str, str], str | None] = {}  # (surname key, first name key) → where
        self._locals: set[str] = set()            # e-mail local parts
        self._locals_re: re.Pattern | None = None
        self._lock = threading.Lock()

    def forget(self) -> None:
        with self._lock:
            self._where.clear()
            self._bank.clear()
            self._full.clear()
            self._locals.clear()
            self._locals_re = None

    def _place(self, table: dict, key, where: str | None, bank: bool) -> None:
        if key not in table:
            table[key] = where
        elif bank and table is self._where and key not in self._bank:
            table[key] = where  # a bank row says better where a person is than a pair's copy
        elif bank and table[key] != where:
            table[key] = None  # namesakes: the name is masked, the place not told
        if bank and table is self._where:
            self._bank.add(key)

    def remember(self, names: Iterable[str], emails: Iterable[str], where: str, first: bool = False) -> None:
        """Remember a person's names (Фамилия Имя Отчество; a text may hold several, split by
        commas) and e-mails; `first`: a bank row, whose place wins over a copy of the name."""
        with self._lock:
            for text in names:
                for name in re.split(r"[,;\n]", text or ""):
                    words = [w for w in _WORD.findall(name) if len(w) >= 2 and w[0].isupper()]
                    keys = [_key(w) for w in words]
                    for n, key in enumerate(keys):
                        self._place(self._where, key, where if n == 0 else None, first)
                    if len(keys) >= 2:
                        self._place(self._full, (keys[0], keys[1]), where, first)
            for email in emails:
                for found in _EMAIL.finditer(email or ""):
                    local = found[1].lower()
                    if len(local) >= 4 and local not in self._locals:
                        self._locals.add(local)
                        self._locals_re = None

    def key_of(self, word: str) -> str | None:
        """The registry key of `word` read as a name in any case, or None for a word that is none."""
        folded = fold(word)
        if len(folded) < 4:
            return folded if folded in self._where else None
        for cut in range(0, _EXTRA + 1):
            if len(folded) - cut < 3:
                break
            candidate = folded[: len(folded) - cut]
            if candidate in self._where and len(candidate) >= 3:
                return candidate
        return None

    def _run_where(self, keys: list[str]) -> str:
        for a, b in zip(keys, keys[1:]):
            where = self._full.get((a, b))
            if where:
                return where
        return next((self._where[k] for k in keys if self._where.get(k)), None) or ru.TEXT["person_masked"]

    def mask_names(self, text: str) -> str:
        if not self._where:
            return text
        spans = [(m.start(), m.end(), key) for m in _WORD.finditer(text)
                 if m.group()[0].isupper() and (key := self.key_of(m.group())) is not None]
        out, pos, i = [], 0, 0
        while i < len(spans):
            start, end, key = spans[i]
            keys = [key]
            before = re.search(_INITIALS + r"\s*$", text[pos:start])  # «Л. А. Козлова»
            if before:
                start = pos + before.start()
            while i + 1 < len(spans) and not text[end:spans[i + 1][0]].strip():
                i += 1  # «Борисовой Анны Алексеевны» is one person
                end = spans[i][1]
                keys.append(spans[i][2])
            after = re.match(_INITIALS, text[end:])
            if after:
                end += after.end()
            out += [text[pos:start], self._run_where(keys)]
            pos = end
            i += 1
        out.append(text[pos:])
        return "".join(out)

    def mask_locals(self, text: str) -> str:
        if not self._locals:
            return text
        if self._locals_re is None:
            alternatives = "|".join(re.escape(x) for x in sorted(self._locals, key=len, reverse=True))
            self._locals_re = re.compile(rf"(?<![A-Za-z0-9._%+\-])(?:{alternatives})(?![A-Za-z0-9_%+\-])", re.I)
        return self._locals_re.sub(ru.TEXT["email_masked"], text)


def _key(word: str) -> str:
    """How a name word is kept: short ones whole, longer ones by their stem."""
    return fold(word) if len(word) < 4 else stem(word)


PEOPLE = People()


def forget_people() -> None:
    """Empty the registry (a command starts: only its workspace's people count)."""
    PEOPLE.forget()


def remember_table(data: Any) -> None:
    """Remember the people a tab read from the workspace names (a `TableData`): bank rows by
    their row, pairs by their id, other tabs by their row."""
    columns = [k for k in data.positions if k in NAME_KEYS or "name" in k or "email" in k]
    if not columns or data.frame.empty:
        return
    bank = "full_name" in data.positions
    title = data.table.title
    for row, read in data.records.items():  # the tab's own records: read, never changed here
        pair = read.get("pair_id")
        record = {k: read.get(k) for k in columns}
        where = (ru.TEXT["person_pair"].format(pair=pair) if pair
                 else ru.TEXT["person_row"].format(row=row, tab=title))
        names = [str(v) for k, v in record.items() if "email" not in k and v]
        emails = [str(v) for k, v in record.items() if "email" in k and v]
        PEOPLE.remember(names, emails, where, first=bank)


def remember_responses(responses: Iterable[Any]) -> None:
    """Remember the people of questionnaire responses (`Response`): by their row in an export,
    or as a respondent; a bank row read later tells better where they are."""
    for response in responses:
        answers = getattr(response, "answers", {}) or {}
        names = [", ".join(v) for k, v in answers.items() if (k in NAME_KEYS or "name" in k) and v]
        emails = [" ".join(v) for k, v in answers.items() if "email" in k and v] + [response.email or ""]
        row = getattr(response, "row", None)
        where = ru.TEXT["person_response_row"].format(row=row) if row else ru.TEXT["person_response"]
        PEOPLE.remember(names, emails, where)


def mask_email(text: str) -> str:
    """E-mails, plain and obfuscated, masked; a service account's address (a robot's, which
    staff must see to share a folder with it) is kept."""
    text = _OBFUSCATED.sub(lambda m: m.group() if _EMAIL.fullmatch(m.group()) else ru.TEXT["email_masked"], text)
    return _EMAIL.sub(lambda m: m.group() if m[2].lower().endswith(SERVICE_ACCOUNTS) else f"{m[1][0]}***@{m[2]}", text)


def mask_full_names(text: str) -> str:
    """Any full name (Фамилия Имя Отчество) as initials: ``С*** О. И.``."""
    return _FULL_NAME.sub(lambda m: f"{m[1]}*** {m[2]}. {m[3]}.", text)


def scrub(text: str) -> str:
    """`text` with no e-mail and no name of a person (see the module docstring)."""
    if not text:
        return text
    text = mask_email(text)
    text = PEOPLE.mask_locals(text)
    text = PEOPLE.mask_names(text)
    return mask_full_names(text)
