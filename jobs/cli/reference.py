"""Generate the CLI reference (docs/cli.md) from the commands' own --help texts.

Usage: ``python -m jobs.cli.reference > docs/cli.md``. A test fails when docs/cli.md differs
from what this prints, so the reference cannot drift from the code. This module sits above the
group it walks: it imports `jobs.cli`, which never imports it.
"""
from __future__ import annotations

from typing import Iterator

import click

from jobs.cli import cli


def _help(command: click.Command, path: list[str]) -> str:
    ctx = click.Context(
        command, info_name=" ".join(path), terminal_width=100, max_content_width=100,
        help_option_names=["-h", "--help"],
    )
    return command.get_help(ctx)


def _walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _walk(command.commands[name], path + [name])


def reference() -> str:
    """The whole reference as Markdown."""
    parts = [
        "# nastavnik — справочник команд",
        "",
        "Создан из `--help` каждой команды: `python -m jobs.cli.reference > docs/cli.md`.",
        "",
    ]
    for path, command in _walk(cli, ["nastavnik"]):
        parts += [f"## `{' '.join(path)}`", "", "```text", _help(command, path).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
