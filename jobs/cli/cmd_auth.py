"""`nastavnik auth login|status|logout`: the Google sign-in of the coordinator (a Click group).

Registered in `jobs.cli`; it reads the config path from the parent group's context object
(``ctx.obj.config_path``). Exit codes as in `jobs.cli.errors`: 2 for the config
or usage, 3 when Google cannot be used with these credentials.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sheets_schema import ru
from jobs import config as config_module
from jobs.cli.errors import EXIT_CONFIG, EXIT_WORKSPACE, Failure, guard

if TYPE_CHECKING:  # sync.google is imported inside the commands: the Google client libraries take
    # about a second to import, which every other command (a local nightly, publish) would pay
    from sync.google.auth import AuthStatus


def _settings(ctx: click.Context) -> dict[str, Any]:
    path = Path(getattr(ctx.obj, "config_path", config_module.DEFAULT_PATH))
    return guard(lambda: config_module.load(path)).section("google")


def ask_pasted(prompt: str) -> str:
    """Read the address (or code) pasted back from the browser."""
    return click.prompt(prompt, prompt_suffix=": ", err=True)


@click.group()
def auth() -> None:
    """Вход в Google: войти (login), проверить (status), выйти (logout).

    Нужен при [google] auth = "oauth": куратор один раз входит в свой аккаунт Google, токен
    сохраняется в файл [google] token_cache, и ночной запуск работает без браузера.
    """


@auth.command()
@click.option("--console", is_flag=True,
              help="Не открывать браузер здесь: показать ссылку и принять вставленный адрес (для сервера без браузера).")
@click.pass_context
def login(ctx: click.Context, console: bool) -> None:
    """Войти в аккаунт Google и сохранить токен в [google] token_cache (доступен только владельцу).

    Пример: nastavnik --config ./школа/nastavnik.toml auth login

    Пример (сервер без браузера): nastavnik auth login --console
    """
    settings = _settings(ctx)
    if settings.get("auth", "oauth") != "oauth":
        raise Failure(ru.GOOGLE["login_not_oauth"].format(auth=settings.get("auth")), EXIT_CONFIG)
    from sync.google import auth as google_auth


    def signed_in() -> AuthStatus:
        google_auth.login(settings, console=console, ask=ask_pasted)
        return google_auth.auth_status(settings)

    status = guard(signed_in)
    click.echo(ru.GOOGLE["login_done"].format(email=status.identity, path=status.source.token_cache))
    from sync.google.token_record import refresh_warning

    reminder = refresh_warning(status.refresh)  # an app still in Testing: 7 days
    if reminder:
        click.echo(reminder, err=True)
    if status.missing:
        click.echo(ru.GOOGLE["scopes_missing"].format(count=len(status.missing)), err=True)
        sys.exit(EXIT_WORKSPACE)


@auth.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Показать, от чьего имени nastavnik работает в Google, какие права выданы и до какого времени действует токен.

    Код выхода 0 — вход работает и выданы все нужные права.

    Пример: nastavnik --config ./школа/nastavnik.toml auth status
    """
    settings = _settings(ctx)
    from sync.google import auth as google_auth

    result = guard(lambda: google_auth.auth_status(settings))
    for line in google_auth.status_lines(result):
        click.echo(line)
    sys.exit(EXIT_WORKSPACE if result.missing else 0)


@auth.command()
@click.pass_context
def logout(ctx: click.Context) -> None:
    """Удалить сохранённый токен ([google] token_cache). Если его нет — удалять нечего, это не ошибка.

    Пример: nastavnik --config ./школа/nastavnik.toml auth logout
    """
    settings = _settings(ctx)
    kind = settings.get("auth", "oauth")
    if kind != "oauth":
        click.echo(ru.GOOGLE["logout_not_oauth"].format(auth=kind))
        return
    from sync.google import auth as google_auth

    removed = guard(lambda: google_auth.logout(settings))  # exit 3: a token file that cannot be removed
    if removed is None:
        click.echo(ru.GOOGLE["logout_nothing"].format(path=settings.get("token_cache") or "[google] token_cache"))
        return
    click.echo(ru.GOOGLE["logout_done"].format(path=removed))
