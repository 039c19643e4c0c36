"""Logging for people and for cron: stderr, plain text or JSON lines, personal data masked.

Every log line goes through `mask_personal_data` unless personal data is explicitly allowed:
e-mail addresses become ``i***@school.example`` and a full Russian name (three capitalised
Cyrillic words) becomes ``Иванова И. П.``-style initials with the surname cut to its first letter.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys

EMAIL = re.compile(r"([^\s@\"'<>(),;:«»]+)@([^\s@\"'<>(),;:«»]+\.[^\s@\"'<>(),;:«»]+)")
FULL_NAME = re.compile(r"\b([А-ЯЁ])[а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+([А-ЯЁ])[а-яё]+\s+([А-ЯЁ])[а-яё]+(?:вна|вич|чна|ична|ьич|инична|кызы|оглы)\b")


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses and full names (Фамилия Имя Отчество) masked."""
    text = EMAIL.sub(lambda m: f"{m[1][0]}***@{m[2]}", text)
    return FULL_NAME.sub(lambda m: f"{m[1]}*** {m[2]}. {m[3]}.", text)


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal_data(record.getMessage())
        record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created).isoformat(timespec="seconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(fmt: str = "text", personal_data: bool = False, level: int | None = None) -> None:
    """Send the `nastavnik` loggers to stderr in `fmt` ("text" or "json").

    In a terminal (text) only warnings are logged — the summaries are already on stdout; JSON
    lines for cron and log collectors carry every step's outcome (INFO) too.
    """
    if level is None:
        level = logging.INFO if fmt == "json" else logging.WARNING
    logger = logging.getLogger("nastavnik")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    if not personal_data:
        handler.addFilter(MaskingFilter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
