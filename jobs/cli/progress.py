"""Progress of long work on a terminal (issue 21): `nightly`, `ingest`, `match` and `orders` say
on stderr what they are doing — «3 из 7: проверка банков…», a programme n of N — while a person
watches. Under cron (stderr no terminal) and with ``--log-format json`` nothing extra is printed:
the output a script or a log reads stays exactly as it was.

The jobs stay free of click: they take an optional ``progress`` callable — (what is being done
now, its number from 1, how many there are) — and call it before each unit of work; this module
makes the one that prints, or gives None.
"""
from __future__ import annotations

import sys
from typing import Callable

import click

from sheets_schema import ru
from jobs.cli.output import json_mode, raw

Progress = Callable[[str, int, int], None]


def stderr_is_tty() -> bool:
    """Whether a person can see stderr (the stream under the scrubbing one is a terminal)."""
    try:
        return bool(raw(sys.stderr).isatty())
    except (AttributeError, ValueError):  # a closed or unusual stream: no terminal
        return False


def show(what: str, done: int, total: int) -> None:
    """One progress line on stderr (through the scrubbing stream, like every line)."""
    click.echo(ru.TEXT["progress_line"].format(what=what, done=done, total=total), err=True)


def terminal_progress() -> Progress | None:
    """The progress callback for this run: `show` on a terminal in text mode, else None."""
    if json_mode() or not stderr_is_tty():
        return None
    return show


__all__ = ["Progress", "show", "stderr_is_tty", "terminal_progress"]
