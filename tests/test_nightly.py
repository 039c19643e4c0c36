"""`nightly` as cron runs it: every step in order, each with its outcome; --dry-run writes nothing."""
from __future__ import annotations


from click.testing import CliRunner

from jobs.cli import cli
from jobs.init import initial_rows
from jobs.nightly import NightlySettings, nightly
from jobs.config import MatchingSettings
from jobs.sample import generate
from tests.workspaces import NOW, TODAY

WRITES = ("batchUpdate", "values.update", "values.append", "values.clear", "files.create", "files.copy",
          "files.update", "files.delete", "forms.create")


def settings():
    return NightlySettings(matching=MatchingSettings.from_section({}))


def test_every_step_runs_in_order_and_a_broken_tab_costs_only_its_step(backend):
    ws = backend.make(initial_rows(TODAY, generate(60, 3, TODAY)))
    backend.set_cells("Пары", {(1, "ID пары"): "Номер"})  # «Пары» unreadable: match and roadmap fail

    result = nightly(ws, settings(), now=NOW)

    assert [s.job for s in result.steps] == ["upgrade", "ingest", "validate", "match", "roadmap", "completion", "monitor"]
    codes = {s.job: s.exit_code for s in result.steps}
    assert codes["validate"] == 0 and codes["match"] == 1
    assert result.exit_code == 1
    assert "OK" in backend.column("Наставляемые", "Статус").values()
    jobs = list(backend.column("Журнал", "Задание").values())
    assert "проверка банков" in jobs


def test_dry_run_changes_no_byte_of_the_sample_workspace(tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["init", str(tmp_path), "--sample", "150"], catch_exceptions=False)
    before = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    result = runner.invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "nightly", "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "Пробный запуск (--dry-run): ничего не записано и не создано." in result.output
    assert "Лист «Наставляемые»: изменилось бы ячеек:" in result.output
    after = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_dry_run_on_google_sends_no_write(fake_google, tmp_path):
    from tests.backends import GoogleBackend
    from tests.test_google_support import fast_client, google_settings

    s = google_settings(fake_google, tmp_path)
    backend = GoogleBackend(s, fast_client(s))
    ws = backend.make(initial_rows(TODAY, generate(40, 2, TODAY)))
    fake_google.clear_requests()

    result = nightly(ws, settings(), now=NOW, dry_run=True)

    assert result.would_change
    sent = [e["method_id"] for e in fake_google.requests() if e["api"] != "oauth"]
    assert sent and not [m for m in sent if m.endswith(WRITES)]
