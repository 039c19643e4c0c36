"""Logging for people and for cron: stderr, plain text or JSON lines, personal data masked.

Every log record — its message and its traceback alike — goes through
`sync.personal_data.scrub` unless personal data is explicitly allowed (``--log-personal-data``):
e-mail addresses become ``i***@school.example`` (obfuscated ones ``[e-mail скрыт]``), a person
of the workspace becomes where they are («строка 12 листа «Наставники»», a pair id) and any other
full Russian name (three capitalised Cyrillic words) ``И*** И. П.``-style initials.

JSON lines (``--log-format json``) have the fields of every JSON line the CLI writes
(`jobs.cli.output.entry`): ``time`` (ISO 8601 with the school's UTC offset), ``level``, ``step``
(the nightly step, or the command), ``command``, ``message``, plus ``logger``; ``outcome`` and
``exit_code`` when the record carries them (``extra=``), ``exception`` with the traceback. Python's
warnings are logged too (``py.warnings``), so they are JSON lines as well.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sys

from typing import TextIO

from jobs.cli.output import JsonLines, entry, raw
from sync.personal_data import mask_email, mask_full_names, scrub


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses and full names (Фамилия Имя Отчество) masked, whoever
    they are (`scrub` also masks the workspace's people in any form)."""
    return mask_full_names(mask_email(text))


class MaskingFilter(logging.Filter):
    """Scrub a record's message, traceback and stack before any formatter sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """A record as one JSON object (see the module docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        extra = {"logger": record.name}
        for name in ("step", "outcome", "exit_code"):
            if getattr(record, name, None) is not None:
                extra[name] = getattr(record, name)
        if record.exc_text:
            extra["exception"] = record.exc_text
        elif record.exc_info:
            extra["exception"] = self.formatException(record.exc_info)
        item = entry(record.getMessage(), stream="stderr", level=_LEVELS.get(record.levelno, "info"), **extra)
        item["time"] = dt.datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="seconds")
        return json.dumps(item, ensure_ascii=False)


_LEVELS = {logging.DEBUG: "debug", logging.INFO: "info", logging.WARNING: "warning", logging.ERROR: "error",
           logging.CRITICAL: "critical"}


class CurrentStderrHandler(logging.StreamHandler):
    """Writes to the stream under the process's stderr *as it is when a record comes*: a command
    run in-process (tests, `demo`) swaps the streams, and a handler must not keep a closed one."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO | JsonLines:
        return raw(sys.stderr)

    @stream.setter
    def stream(self, value: object) -> None:  # StreamHandler sets it; the current stderr is always used
        pass


def setup_logging(fmt: str = "text", personal_data: bool = False, level: int | None = None) -> None:
    """Send the `nastavnik` loggers to stderr in `fmt` ("text" or "json").

    In a terminal (text) only warnings are logged — the summaries are already on stdout; JSON
    lines for cron and log collectors carry every step's outcome (INFO) too. The handler writes
    under the CLI's scrubbed stderr (`jobs.cli.output`), so `personal_data` keeps its meaning.
    """
    if level is None:
        level = logging.INFO if fmt == "json" else logging.WARNING
    logger = logging.getLogger("nastavnik")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = CurrentStderrHandler()  # it scrubs itself, unless told not to
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    if not personal_data:
        handler.addFilter(MaskingFilter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    warnings_logger = logging.getLogger("py.warnings")  # Python's warnings: a record, not raw text
    for old in list(warnings_logger.handlers):
        warnings_logger.removeHandler(old)
    if fmt == "json":
        logging.captureWarnings(True)
        warnings_logger.addHandler(handler)
        warnings_logger.propagate = False
    else:
        logging.captureWarnings(False)
