"""The CLI's output boundary: everything written to stdout and stderr goes through `scrub`.

Summaries, «Ошибка:» lines, Click's usage errors, prompts and a traceback Python prints at exit
all pass through one filter (`sync.personal_data.scrub`), so cron mail and a redirected log file
carry no e-mail and no name — row numbers and pair ids instead. Lines are scrubbed whole (a
write is held until its newline or a flush), so a name is never split across two writes.

The log handlers write to the stream underneath (`raw`): they scrub themselves unless
``--log-personal-data`` asked to keep personal data in the log (`jobs.cli.logs`).

With ``--log-format json`` a `JsonLines` stream sits under each scrubbing wrapper: every complete
line that is not already a JSON object becomes one (`entry`: time with the school's UTC offset,
level, step, command, message, and the outcome and exit code where the caller set them with
`line_fields`), so cron mail and a log collector get one JSON object a line, whatever printed
it — a summary, an «Ошибка:» line, Click's usage error, a warning or a traceback.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import sys
import traceback
from types import TracebackType
from typing import Any, Callable, Iterable, Iterator, TextIO, TypedDict

import click

from jobs.run_record import current_step
from sync.personal_data import forget_people, scrub

# outcome, exit_code, level… of the lines printed inside `line_fields`
_fields: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar("nastavnik_line_fields", default={})


class _OutputState(TypedDict):
    json: bool  # --log-format json
    command: str  # the running command
    errors: list[str]  # the «Ошибка:» lines of this run (the stderr ScrubbedStream collects them)


_state: _OutputState = {"json": False, "command": "", "errors": []}

ERROR_PREFIXES = ("Ошибка", "Error", "Usage:", "Try '", "Traceback", "Aborted")
WARNING_PREFIXES = ("Внимание", "Warning")
ERROR_MARK = "Ошибка:"


class _LineStream:
    """What both wrapping streams share: text kept until its line is complete, the rest of the
    stream's interface from `raw`. A subclass writes complete text in `write` and the unfinished
    tail in `_write_tail` (called by `flush`)."""

    raw: Any
    _pending: str

    def write(self, text: str) -> int:
        raise NotImplementedError

    def _write_tail(self, text: str) -> None:
        raise NotImplementedError

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, ""
            self._write_tail(pending)
        self.raw.flush()

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, fileno, buffer…
        return getattr(self.raw, name)


class ScrubbedStream(_LineStream):
    """A text stream that writes through to `raw` with every line passed through `clean`."""

    def __init__(self, raw: TextIO, clean: Callable[[str], str] = scrub):
        self.raw: TextIO | JsonLines = raw  # JsonLines under --log-format json
        self._clean = clean
        self._pending = ""
        self.error_lines: list[str] | None = None  # stderr: the «Ошибка:» lines of this run, collected

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            lines, _, self._pending = self._pending.rpartition("\n")
            cleaned = self._clean(lines + "\n")
            if self.error_lines is not None:
                self.error_lines.extend(line[len(ERROR_MARK):].strip() for line in cleaned.splitlines()
                                   if line.startswith(ERROR_MARK))
            self.raw.write(cleaned)
        return len(text)

    def _write_tail(self, text: str) -> None:
        self.raw.write(self._clean(text))


class JsonLines(_LineStream):
    """A text stream that writes every complete line to `raw` as one JSON object (a line that
    already is one passes as it is); blank lines carry nothing and are dropped."""

    def __init__(self, raw: TextIO, stream: str):
        self.raw = raw
        self.stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        while "\n" in self._pending:
            line, _, self._pending = self._pending.partition("\n")
            self._emit(line)
        return len(text)

    def _write_tail(self, text: str) -> None:
        self._emit(text)

    def _emit(self, line: str) -> None:
        if not line.strip():
            return
        if line.lstrip().startswith("{"):
            try:
                if isinstance(json.loads(line), dict):
                    self.raw.write(line.strip() + "\n")
                    return
            except ValueError:
                pass
        self.raw.write(json.dumps(entry(line.rstrip(), stream=self.stream), ensure_ascii=False) + "\n")


def json_mode() -> bool:
    """Whether this run writes JSON lines (``--log-format json``)."""
    return _state["json"]


def printed_errors() -> list[str]:
    """The «Ошибка:» lines this run printed on stderr (scrubbed, without the mark)."""
    return list(_state["errors"])


def set_command(command: str) -> None:
    """The command of this run: the `command` field, and the step of lines outside any step."""
    _state["command"] = command


def local_time(moment: dt.datetime | None = None) -> str:
    """ISO 8601 with the UTC offset of the process's time zone (the school's, once the config is
    read: `jobs.config.use_school_time`)."""
    return (moment or dt.datetime.now()).astimezone().isoformat(timespec="seconds")


def level_of(message: str, stream: str = "stdout") -> str:
    """The level a printed line means: «Ошибка:» and Click's usage errors are errors."""
    text = message.lstrip()
    if stream == "stderr" and text.startswith(ERROR_PREFIXES) or text.startswith("Ошибка"):
        return "error"
    if text.startswith(WARNING_PREFIXES):
        return "warning"
    return "info"


def entry(message: str, *, stream: str = "stdout", level: str | None = None, **extra: Any) -> dict[str, Any]:
    """One JSON log object for `message` (see the module docstring)."""
    fields = dict(_fields.get())
    item = {
        "time": local_time(),
        "level": level or fields.pop("level", None) or level_of(message, stream),
        "step": current_step.get() or _state["command"],
        "command": _state["command"],
        "stream": stream,
    }
    fields.pop("level", None)
    item.update(fields)
    item.update(extra)
    item["message"] = message
    return item


@contextlib.contextmanager
def line_fields(**fields: Any) -> Iterator[None]:
    """Lines printed inside the block carry `fields` (``outcome``, ``exit_code``, ``level``)."""
    token = _fields.set({**_fields.get(), **fields})
    try:
        yield
    finally:
        _fields.reset(token)


def write_record(item: dict[str, Any], err: bool = True) -> None:
    """Write one ready JSON object (e.g. the run's summary) as a line of stderr (or stdout)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(json.dumps(item, ensure_ascii=False) + "\n")
    stream.flush()


def _json_excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """An exception nobody caught, as one JSON object with its traceback as a field."""
    text = scrub("".join(traceback.format_exception(kind, value, tb)))
    item = entry(scrub(f"{kind.__name__}: {value}"), stream="stderr", level="error", exception=text)
    stream = raw(sys.stderr)
    stream.write(json.dumps(item, ensure_ascii=False) + "\n")
    stream.flush()


def raw(stream: TextIO) -> TextIO | JsonLines:
    """The stream under a `ScrubbedStream` (the stream itself otherwise)."""
    return stream.raw if isinstance(stream, ScrubbedStream) else stream


def protect_output(as_json: bool = False) -> None:
    """Scrub this process's stdout and stderr from now on — and with `as_json`, write every line
    as a JSON object (`JsonLines`); a command starts, so the people of a workspace read before
    (an earlier command in the same process) are forgotten."""
    forget_people()
    _state["json"] = as_json
    scrubbed: dict[str, ScrubbedStream] = {}
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, ScrubbedStream):
            stream = ScrubbedStream(stream)
            setattr(sys, name, stream)
        scrubbed[name] = stream
        if as_json and not isinstance(stream.raw, JsonLines):
            stream.raw = JsonLines(stream.raw, name)
        elif not as_json and isinstance(stream.raw, JsonLines):  # text again, in the same process
            stream.raw = stream.raw.raw
    scrubbed["stderr"].error_lines = _state["errors"] = []
    if as_json:
        sys.excepthook = _json_excepthook


def echo_lines(lines: list[str]) -> None:
    """Print each line on stdout (through the scrubbing stream, like every line)."""
    for line in lines:
        click.echo(line)
