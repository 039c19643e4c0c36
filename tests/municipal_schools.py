"""Sample schools of a municipality for tests and `benchmarks/municipal.py`: local workspaces and
spreadsheets on the fake Google Workspace, each made the way ``nastavnik init --sample N`` makes it
(a local one once, then copied under another name — what init writes depends only on the sample),
and the ``municipal.toml`` that lists them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from jobs.cli import cli
from tests.test_google_support import fast_client, google_settings, new_folder

SIGN_IN = ("auth", "credentials", "token_cache", "subject", "endpoint")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value).lower() if isinstance(value, bool) else str(value)


def rename_school(config: Path, name: str) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'(?m)^name = ".*"$', f"name = {_toml(name)}", text, count=1), encoding="utf-8")


def local_school(root: Path, key: str, staff: int, *, seed: int = 1, template: Path | None = None) -> Path:
    """A local school in root/<key> with `staff` sample people; its nastavnik.toml. With
    `template` (a folder made by an earlier call with the same staff and seed) it is a copy."""
    folder = root / key
    if template is not None:
        shutil.copytree(template, folder, ignore=shutil.ignore_patterns("backups", "last-run.json", "*.lock"))
    else:
        made = invoke("init", str(folder), "--sample", str(staff), "--seed", str(seed))
        assert made.exit_code == 0, made.output
    config = folder / "nastavnik.toml"
    rename_school(config, f"МБОУ СОШ «{key}»")
    return config


def google_school(fake, root: Path, key: str, staff: int, *, seed: int = 1, shared_sign_in: bool = False,
                  requests_per_minute: int = 300) -> Path:
    """A Google school on the fake, made by ``nastavnik init --google --sample`` (spreadsheet and
    forms in a folder of its own); its nastavnik.toml in root/<key>. `shared_sign_in`: the file
    keeps no sign-in of its own afterwards (the municipal [google] gives it)."""
    folder = root / key
    folder.mkdir(parents=True)
    settings = google_settings(fake, folder, requests_per_minute=requests_per_minute)
    settings["folder_id"] = new_folder(fast_client(settings), f"Школа {key}")
    lines = ['backend = "google"', "", "[school]", f"name = {_toml('МБОУ СОШ «' + key + '»')}",
             'head = "ФИО директора"', 'coordinator = "ФИО куратора"', "", "[google]"]
    lines += [f"{k} = {_toml(v)}" for k, v in settings.items()]
    config = folder / "nastavnik.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    made = invoke("--config", str(config), "init", "--google", "--sample", str(staff), "--seed", str(seed))
    assert made.exit_code == 0, made.output
    if shared_sign_in:
        text = config.read_text(encoding="utf-8")
        config.write_text("".join(line for line in text.splitlines(keepends=True)
                                  if line.split("=")[0].strip() not in SIGN_IN), encoding="utf-8")
    return config


def municipal_file(root: Path, configs: dict[str, Path], *, google: dict[str, Any] | None = None,
                   parallel: int = 2, state_dir: str = "state") -> Path:
    """``municipal.toml`` in root listing `configs` (key → nastavnik.toml) in order."""
    lines = ["[municipality]", 'name = "Управление образования г. Энска"', 'place = "г. Энск"',
             f"state_dir = {_toml(state_dir)}", f"parallel = {parallel}", ""]
    if google:
        lines += ["[google]"] + [f"{k} = {_toml(v)}" for k, v in google.items()] + [""]
    for key, config in configs.items():
        lines += ["[[school]]", f"key = {_toml(key)}", f"config = {_toml(str(config))}", ""]
    path = root / "municipal.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
