"""Characters a questionnaire answer may not carry into a sheet, and how messages show them.

An export or a form answer can hold characters no one typed on purpose: NUL from a broken
download, ESC (``\\x1b``) from a terminal paste, Word's manual line break (``\\x0b``), a lone
surrogate from a broken JSON escape. They are invisible, an .xlsx cannot hold them (XML 1.0
forbids them: openpyxl raises `IllegalCharacterError` at save, Excel calls the file corrupt) and,
printed raw, ESC sequences and C1 controls (``\\x9b`` is an 8-bit CSI) drive the terminal.

What `clean_answer` does, and why:

- **kept**: ``\\n`` — line breaks inside a free-text answer are the respondent's paragraphs;
- **changed silently** (same meaning, nothing to report): ``\\r\\n`` and a lone ``\\r`` become
  ``\\n`` (Windows/old-Mac line ends; Excel stores ``\\r`` as ``_x000D_``); ``\\t`` becomes a
  space (a tab pasted from a table is invisible in a cell and breaks comparing names);
- **replaced by a line break, reported**: ``\\x0b`` and ``\\x0c`` (Word's manual line break and
  page break, pasted with the text);
- **removed, reported**: a terminal escape sequence whole (ESC, its parameters and final
  letter: «\\x1b[31mкрасный\\x1b[0m» → «красный»), the rest of C0 (``\\x00``–``\\x08``, ``\\x0e``–``\\x1f``), DEL
  ``\\x7f``, C1 (``\\x80``–``\\x9f``), lone surrogates (``\\ud800``–``\\udfff``) and the
  non-characters ``\\ufffe``/``\\uffff`` — everything XML 1.0 forbids, plus the controls it
  merely discourages but terminals obey.

`shown` is for messages: each such character (and ``\\r``) written as «[U+001B]», so a note about
a character never carries the character itself to «Журнал» or the terminal.

Pure: no I/O.
"""
from __future__ import annotations

import re

_REMOVED = "\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_LINE_BREAKS = "\x0b\x0c"
LINE_BREAK_CHARS = frozenset(_LINE_BREAKS)  # reported, and replaced by "\n" rather than removed
_REPORTED = re.compile(f"[{_REMOVED}{_LINE_BREAKS}]")
# A whole terminal escape sequence pasted with the text (colours: ESC [31m … ESC [0m) goes with
# its ESC, so no «[31m» is left in the cell: CSI (ESC [ or 8-bit U+009B, parameters, final
# letter), OSC (ESC ] … BEL or ESC \\) and two-character escapes (ESC and @–Z, \\, ]–_).
_SEQUENCES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\^_]")
_UNSAFE_TO_SHOW = re.compile(f"[{_REMOVED}{_LINE_BREAKS}\r]")


def code_point(char: str) -> str:
    """«U+001B»: how a message names a character."""
    return f"U+{ord(char):04X}"


def clean_answer(text: str) -> tuple[str, list[str]]:
    """The answer without the characters above, and those reported (each once, in order)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    found = list(dict.fromkeys(_REPORTED.findall(text)))
    if not found:
        return text, []
    for char in _LINE_BREAKS:
        text = text.replace(char, "\n")
    return _REPORTED.sub("", _SEQUENCES.sub("", text)), found


def shown(text: object) -> str:
    """`text` safe to print and to write in a message: control characters as «[U+001B]»."""
    return _UNSAFE_TO_SHOW.sub(lambda m: f"[{code_point(m.group())}]", "" if text is None else str(text))


__all__ = ["LINE_BREAK_CHARS", "clean_answer", "code_point", "shown"]
