"""Symlink traps and file modes: nastavnik never writes through a link, and what it creates is
its owner's alone whatever the umask.

Each trap plants a symbolic link where a run writes — the workbook, its backups folder, the run lock, the
token cache and its temporary file, a PDF export, a published page — pointing at a «victim» file
outside the workspace. The command is refused (exit 3) with the message naming the path, and the
victim keeps its bytes and its mode.
"""
from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from sheets_schema import ru
from sync import safe_files
from sync.safe_files import UnsafePath

VICTIM_BYTES = b"someone else's file\n"


@pytest.fixture
def victim(tmp_path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM_BYTES)
    path.chmod(0o640)
    return path


def untouched(victim: Path) -> bool:
    return victim.read_bytes() == VICTIM_BYTES and stat.S_IMODE(victim.stat().st_mode) == 0o640


def refusal(path: Path) -> str:
    return "Ошибка: " + ru.TEXT["unsafe_symlink"].format(path=path)


@pytest.fixture
def workspace(tmp_path) -> Path:
    directory = tmp_path / "школа"
    result = CliRunner().invoke(cli, ["init", str(directory), "--sample", "12"])
    assert result.exit_code == 0, result.output
    return directory


def validate(directory: Path):
    return CliRunner().invoke(cli, ["--config", str(directory / "nastavnik.toml"), "validate"])


@pytest.mark.parametrize("name", ["backups", ".nastavnik.lock"])
def test_a_symlinked_backups_folder_or_lock_is_refused_and_its_target_untouched(workspace, victim, name):
    trap = workspace / name
    trap.unlink(missing_ok=True)
    trap.symlink_to(victim)
    before = (workspace / "workspace.xlsx").read_bytes()

    result = validate(workspace)

    assert result.exit_code == 3, result.output
    assert result.stderr.strip().splitlines()[-1] == refusal(trap)
    assert untouched(victim)
    assert (workspace / "workspace.xlsx").read_bytes() == before
    assert trap.is_symlink()


def test_a_backups_folder_linked_to_another_folder_gets_no_copy(workspace, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (workspace / "backups").symlink_to(elsewhere, target_is_directory=True)
    before = (workspace / "workspace.xlsx").read_bytes()

    result = validate(workspace)

    assert result.exit_code == 3, result.output
    assert result.stderr.strip().splitlines()[-1] == refusal(workspace / "backups")
    assert list(elsewhere.iterdir()) == []
    assert (workspace / "workspace.xlsx").read_bytes() == before


def test_a_symlinked_workbook_is_refused(workspace, tmp_path):
    elsewhere = tmp_path / "elsewhere.xlsx"
    (workspace / "workspace.xlsx").rename(elsewhere)
    (workspace / "workspace.xlsx").symlink_to(elsewhere)
    before = elsewhere.read_bytes()

    result = validate(workspace)

    assert result.exit_code == 3, result.output
    assert refusal(workspace / "workspace.xlsx") in result.stderr
    assert elsewhere.read_bytes() == before


def test_a_symlinked_published_page_is_refused(workspace, victim, tmp_path):
    site = tmp_path / "сайт"
    site.mkdir()
    (site / "index.html").symlink_to(victim)

    result = CliRunner().invoke(cli, ["--config", str(workspace / "nastavnik.toml"), "publish", "--out", str(site)])

    assert result.exit_code == 3, result.output
    assert result.stderr.strip().splitlines()[-1] == refusal(site / "index.html")
    assert untouched(victim)


def credentials():
    from google.oauth2.credentials import Credentials

    return Credentials(token="access-1", refresh_token="refresh-SECRET", client_id="id.apps.googleusercontent.com",
                       client_secret="s", token_uri="https://oauth2.googleapis.com/token")


def test_a_planted_token_temp_file_never_receives_the_token(tmp_path, victim):
    from sync.google.auth import save_token

    path = tmp_path / "auth" / "token.json"
    path.parent.mkdir()
    (path.parent / "token.json.tmp").symlink_to(victim)

    save_token(credentials(), path)

    assert untouched(victim)
    assert "refresh-SECRET" in path.read_text(encoding="utf-8")
    assert not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp") and not p.is_symlink()] == []


def test_a_symlinked_token_cache_is_refused(tmp_path, victim):
    from sync.google.auth import save_token

    path = tmp_path / "token.json"
    path.symlink_to(victim)

    with pytest.raises(UnsafePath) as refused:
        save_token(credentials(), path)

    assert str(refused.value) == ru.TEXT["unsafe_symlink"].format(path=path)
    assert untouched(victim)


def test_a_symlinked_pdf_export_is_refused(tmp_path, victim, monkeypatch):
    from sync.google.documents import GoogleDocumentStore
    from sync.workspace import StoredDocument

    monkeypatch.chdir(tmp_path)
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "Приказ 45-о.pdf").symlink_to(victim)
    store = SimpleNamespace(settings={"pdf_dir": "pdf"}, lines=[],
                            workspace=SimpleNamespace(google_errors=contextlib.nullcontext),
                            client=SimpleNamespace(files_export=lambda doc_id, mime: b"%PDF-1.4 order"))
    doc = StoredDocument(key="k", kind="order", name="Приказ 45-о", link="", pairs=(), id="doc1")

    with pytest.raises(UnsafePath):
        GoogleDocumentStore._pdf(store, doc)

    assert untouched(victim)
    (tmp_path / "pdf" / "Приказ 45-о.pdf").unlink()
    GoogleDocumentStore._pdf(store, doc)  # once the link is gone, the export is written, owner-only
    written = tmp_path / "pdf" / "Приказ 45-о.pdf"
    assert written.read_bytes() == b"%PDF-1.4 order" and stat.S_IMODE(written.stat().st_mode) == 0o600


def test_a_link_planted_between_the_write_and_the_rename_is_refused(tmp_path, victim):
    target = tmp_path / "document.docx"

    def plant(tmp: str) -> None:
        Path(tmp).write_bytes(b"new")
        target.symlink_to(victim)

    with pytest.raises(UnsafePath):
        safe_files.write_with(target, plant)

    assert untouched(victim)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["document.docx", "victim.txt"]  # no temp file left
    assert target.is_symlink()


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_init_under_umask_000_makes_owner_only_folders_and_files(tmp_path):
    directory = tmp_path / "школа"
    with umask(0):
        result = CliRunner().invoke(cli, ["init", str(directory), "--sample", "10"])
        validated = validate(directory)
    assert result.exit_code == 0 and validated.exit_code == 0, result.output + validated.output

    modes = {p.relative_to(directory).as_posix(): stat.S_IMODE(p.lstat().st_mode)
             for p in [directory, *directory.rglob("*")]}
    folders = {k: v for k, v in modes.items() if (directory / k).is_dir()}
    files = {k: v for k, v in modes.items() if not (directory / k).is_dir()}
    assert set(folders) >= {".", "forms", "templates", "documents"}
    assert {"nastavnik.toml", "workspace.xlsx", ".nastavnik.lock"} <= set(files)
    assert "backups" in folders and any(k.startswith("backups/workspace-") for k in files)  # validate's backup
    assert any(k.startswith("templates/") for k in files)
    assert set(folders.values()) == {0o700}, folders
    assert set(files.values()) == {0o600}, files


def test_safe_writes_ignore_the_umask_and_keep_an_explicit_mode(tmp_path):
    with umask(0):
        safe_files.private_dir(tmp_path / "a" / "b")
        safe_files.write_text(tmp_path / "a" / "b" / "c.txt", "x")
        safe_files.write_text(tmp_path / "page.html", "<p>", mode=0o644)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b" / "c.txt").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o644
