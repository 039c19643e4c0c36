"""The CLI's output boundary: everything written to stdout and stderr goes through `scrub`.

Summaries, «Ошибка:» lines, Click's usage errors, prompts and a traceback Python prints at exit
all pass through one filter (`sync.personal_data.scrub`), so cron mail and a redirected log file
carry no e-mail and no name — row numbers and pair ids instead. Lines are scrubbed whole (a
write is held until its newline or a flush), so a name is never split across two writes.

The log handlers write to the stream underneath (`raw`): they scrub themselves unless
``--log-personal-data`` asked to keep personal data in the log (`jobs.logs`).
"""
from __future__ import annotations

import sys
from typing import Callable, TextIO

from sync.personal_data import forget_people, scrub


class ScrubbedStream:
    """A text stream that writes through to `raw` with every line passed through `clean`."""

    def __init__(self, raw: TextIO, clean: Callable[[str], str] = scrub):
        self.raw = raw
        self._clean = clean
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            lines, _, self._pending = self._pending.rpartition("\n")
            self.raw.write(self._clean(lines + "\n"))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, ""
            self.raw.write(self._clean(pending))
        self.raw.flush()

    def __getattr__(self, name: str):  # encoding, isatty, fileno, buffer…
        return getattr(self.raw, name)


def raw(stream: TextIO) -> TextIO:
    """The stream under a `ScrubbedStream` (the stream itself otherwise)."""
    return stream.raw if isinstance(stream, ScrubbedStream) else stream


def protect_output() -> None:
    """Scrub this process's stdout and stderr from now on; a command starts, so the people of a
    workspace read before (an earlier command in the same process) are forgotten."""
    forget_people()
    if not isinstance(sys.stdout, ScrubbedStream):
        sys.stdout = ScrubbedStream(sys.stdout)
    if not isinstance(sys.stderr, ScrubbedStream):
        sys.stderr = ScrubbedStream(sys.stderr)
