"""`nastavnik municipal nightly` (issue 20): every school's night as its own nightly would run
it, local schools in processes and Google schools (on the fake) through one Sheets limiter; a
broken school is its row in the municipal «Журнал» and the others are updated."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from jobs.config import Config, load
from jobs.municipal.config import load_municipal
from jobs.municipal.run import read_journal, run_municipal
from jobs.municipal.schools import open_school
from sheets_schema import ru, vocabulary
from sync.factory import open_workspace, sheets_limiter
from tests.municipal_schools import google_school, invoke, local_school, municipal_file

TABS = [*ru.TABS.values(), ru.MONITOR["tab"]]
LOG_TAB = ru.TABS["log"]
STAFF = 24
TIME = re.compile(r"\b\d{2}:\d{2}(:\d{2})?\b")


def grids(config: Path | Config) -> dict[str, list[list[str]] | None]:
    """Every tab the product knows, as its grid (None: the workspace has no such tab)."""
    cfg = config if isinstance(config, Config) else load(config)
    workspace = open_workspace(cfg.backend, cfg.workspace_dir, cfg.section("google"))
    found = workspace.read_grids(TABS)
    log = found.get(LOG_TAB)
    if log:  # «Журнал»: when is this run's, not the school's; what ran and how it ended must match
        found[LOG_TAB] = [row[2:4] for row in log]
    # «Обновлено: 30.11.2026 10:15:30» — the time of day is the run's
    return {tab: None if grid is None else [[TIME.sub("ЧЧ:ММ", cell) for cell in row] for row in grid]
            for tab, grid in found.items()}


def same_as_its_own_nightly(school: Config, twin: Path, before: dict, twin_before: dict) -> None:
    after, twin_after = grids(school), grids(twin)
    compared = [tab for tab in TABS if before[tab] == twin_before[tab]]  # a twin's form ids differ
    assert {ru.TABS["mentees"], ru.TABS["proposals"], ru.TABS["roadmap"], LOG_TAB} <= set(compared)
    for tab in compared:
        assert after[tab] == twin_after[tab], f"{school.path.parent.name}: «{tab}» differs from its own nightly's"
    assert after != before  # the night did write
    assert [row for row in after[LOG_TAB][1:]] and after[LOG_TAB][-1][0]


def last_run(config: Path) -> dict:
    return json.loads((config.parent / "last-run.json").read_text(encoding="utf-8"))


def test_a_mixed_municipality_ends_every_school_as_its_own_nightly_would(fake_google, tmp_path):
    root, twins = tmp_path / "schools", tmp_path / "twins"
    first = local_school(root, "sosh-1", STAFF)
    configs = {"sosh-1": first,
               "sosh-2": local_school(root, "sosh-2", STAFF, template=first.parent),
               "sosh-3": local_school(root, "sosh-3", STAFF, template=first.parent),
               "gym-1": google_school(fake_google, root, "gym-1", STAFF),
               "gym-2": google_school(fake_google, root, "gym-2", STAFF, shared_sign_in=True)}
    twin = {key: local_school(twins, key, STAFF, template=first.parent) for key in ("sosh-1", "sosh-2", "sosh-3")}
    twin |= {key: google_school(fake_google, twins, key, STAFF) for key in ("gym-1", "gym-2")}
    for key in ("sosh-2", "sosh-3"):  # same name as the school it stands for
        (twins / key / "nastavnik.toml").write_text((root / key / "nastavnik.toml").read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    shared = {"auth": "oauth", "token_cache": str(root / "gym-1" / "token.json"), "endpoint": fake_google.url,
              "requests_per_minute": 300}
    municipal = municipal_file(tmp_path, configs, google=shared)
    loaded = {s.key: s.config for s in load_municipal(municipal).schools}  # gym-2 signs in as the municipality
    before = {key: grids(cfg) for key, cfg in loaded.items()}
    twin_before = {key: grids(path) for key, path in twin.items()}

    run = invoke("municipal", "nightly", "--config", str(municipal), "--no-network")
    for path in twin.values():
        own = invoke("--config", str(path), "nightly")
        assert own.exit_code == 0, own.output

    assert run.exit_code == 0, run.output
    for key, path in configs.items():
        same_as_its_own_nightly(loaded[key], twin[key], before[key], twin_before[key])
        record = last_run(path)
        assert (record["command"], record["outcome"], record["exit_code"]) == ("nightly", "ok", 0)
        assert [s["step"] for s in record["steps"]] == [s["step"] for s in last_run(twin[key])["steps"]]
    rows = read_journal(tmp_path / "state")
    assert [(r["Код школы"], r["Итог"], r["Код выхода"]) for r in rows] == [
        (key, "выполнено", "0") for key in configs]
    google_requests = [int(r["Запросов к Sheets"]) for r in rows]
    assert google_requests[:3] == [0, 0, 0] and all(n > 0 for n in google_requests[3:])
    assert rows[0]["Школа"] == "МБОУ СОШ «sosh-1»"
    assert "=== МБОУ СОШ «gym-2» (gym-2) ===" in run.output
    assert "Ночной запуск муниципалитета «Управление образования г. Энска»: школ 5, выполнено 5, с ошибками 0." \
        in run.output
    record = json.loads((tmp_path / "state" / "last-run.json").read_text(encoding="utf-8"))
    assert [s["step"] for s in record["steps"]] == list(configs) and record["exit_code"] == 0


def test_a_broken_school_is_its_row_and_the_others_are_updated(tmp_path):
    root = tmp_path / "schools"
    first = local_school(root, "sosh-1", STAFF)
    broken = local_school(root, "sosh-2", STAFF, template=first.parent)
    third = local_school(root, "sosh-4", STAFF, template=first.parent)
    (broken.parent / "workspace.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    configs = {"sosh-1": first, "sosh-2": broken, "sosh-3": root / "sosh-3" / "nastavnik.toml", "sosh-4": third}
    municipal = municipal_file(tmp_path, configs, parallel=2)
    status_before = grids(first)[ru.TABS["mentees"]]

    run = invoke("municipal", "nightly", "--config", str(municipal), "--no-network")

    assert run.exit_code == 3, run.output  # the worst school's: the corrupt workbook
    rows = {r["Код школы"]: r for r in read_journal(tmp_path / "state")}
    assert [(k, r["Итог"], r["Код выхода"]) for k, r in rows.items()] == [
        ("sosh-1", "выполнено", "0"), ("sosh-2", rows["sosh-2"]["Итог"], "3"),
        ("sosh-3", "ошибка настроек", "2"), ("sosh-4", "выполнено", "0")]
    assert rows["sosh-2"]["Итог"] != "выполнено"
    assert "workspace.xlsx" in rows["sosh-2"]["Причина"]
    assert rows["sosh-3"]["Причина"].startswith(
        "municipal.toml: [[school]] «sosh-3»: не найден файл настроек школы")
    for good in (first, third):  # the others ran their night: statuses written, their own record left
        assert grids(good)[ru.TABS["mentees"]] != status_before
        assert last_run(good)["outcome"] == "ok"
    assert last_run(broken)["exit_code"] == 3
    assert (broken.parent / "workspace.xlsx").read_bytes() == b"PK\x03\x04 not a workbook"  # left as it was
    assert "не найден файл настроек школы" in run.output


def test_google_schools_share_one_limiter_and_every_request_passes_it(fake_google, tmp_path):
    from jobs.cli.cmd_municipal import run_school_nightly

    root = tmp_path / "schools"
    configs = {key: google_school(fake_google, root, key, STAFF) for key in ("gym-1", "gym-2")}
    cfg = load_municipal(municipal_file(tmp_path, configs))
    clock = {"now": 0.0, "waits": []}

    def sleep(seconds: float) -> None:  # virtual time: a quota wait costs no real time
        clock["waits"].append(seconds)
        clock["now"] += seconds

    limiter = sheets_limiter(20, clock=lambda: clock["now"], sleep=sleep)
    fake_google.clear_requests()

    result = run_municipal(cfg, run_school_nightly, limiter=limiter)

    sheets = sum(1 for e in fake_google.requests() if e["api"] == "sheets")
    per_school = [o.requests for o in result.outcomes]
    assert [o.exit_code for o in result.outcomes] == [0, 0], [o.reason for o in result.outcomes]
    assert all(n > 20 for n in per_school)  # each school alone needs more than a minute's quota …
    assert limiter.calls == sum(per_school) == sheets == result.requests  # … and every request went through one limiter
    minutes = (limiter.calls - 1) // 20
    assert len(clock["waits"]) >= minutes and clock["now"] >= minutes * 60 - 1e-6
    assert result.waited == round(limiter.waited, 1) > 0


def test_open_school_sends_a_google_schools_requests_through_the_given_limiter(fake_google, tmp_path):
    config = google_school(fake_google, tmp_path, "gym-1", 10)
    cfg = load_municipal(municipal_file(tmp_path, {"gym-1": config}))
    limiter = sheets_limiter(300)
    fake_google.clear_requests()

    open_school(cfg.schools[0], limiter).read_grids([ru.TABS["mentees"]])

    assert limiter.calls == sum(1 for e in fake_google.requests() if e["api"] == "sheets") > 0


def test_a_wrong_municipal_file_is_exit_2_with_the_fix(tmp_path):
    path = tmp_path / "municipal.toml"
    path.write_text('[municipality]\nname = "Энск"\n', encoding="utf-8")

    run = invoke("municipal", "nightly", "--config", str(path))

    assert run.exit_code == 2
    assert "Ошибка: municipal.toml: не указано ни одной школы — добавьте для каждой школы раздел [[school]]" \
        in run.output


def type_into_bank(config: Path, tab: str, values: dict[str, str | list[str]]) -> None:
    """Staff type `values` (header → text, or texts taken in turn row by row) into every row of a
    local school's bank."""
    from openpyxl import load_workbook

    book = config.parent / "workspace.xlsx"
    wb = load_workbook(book)
    ws = wb[ru.TABS[tab]]
    column = {str(c.value).strip(): c.column for c in ws[1] if c.value}
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=column["E-mail"]).value]
    for n, row in enumerate(rows):
        for header, text in values.items():
            ws.cell(row=row, column=column[header], value=text if isinstance(text, str) else text[n % len(text)])
    wb.save(book)


def bank_column(config: Path, tab: str, header: str) -> list[str]:
    grid = grids(config)[ru.TABS[tab]] or [[]]
    at = grid[0].index(header)
    return [r[at] for r in grid[1:] if len(r) > at and r[at]]


def network_rows(config: Path) -> list[dict[str, str]]:
    """The rows of a school's «Предложения» that name another school."""
    grid = grids(config)[ru.TABS["proposals"]] or [[]]
    head = grid[0]
    rows = [dict(zip(head, r + [""] * (len(head) - len(r)))) for r in grid[1:]]
    return [r for r in rows if r.get("Школа наставника") or r.get("Школа наставляемого")]


@pytest.mark.slow
def test_ten_sample_schools_local_and_on_the_fake_all_end_updated(fake_google, tmp_path):
    """The issue's case: 10 sample schools, mixed local (in processes) and fake Google (one limiter);
    one school has no mentor of its mentees' subjects, the others' mentors agreed to network
    mentoring — its mentees get proposals from other schools, in both schools' «Предложения»."""
    root = tmp_path / "schools"
    first = local_school(root, "sosh-1", STAFF)
    configs = {"sosh-1": first}
    configs |= {f"sosh-{n}": local_school(root, f"sosh-{n}", STAFF, template=first.parent) for n in range(2, 8)}
    configs |= {f"gym-{n}": google_school(fake_google, root, f"gym-{n}", STAFF, shared_sign_in=n > 1)
                for n in range(1, 4)}
    taught = sorted(set(bank_column(configs["sosh-2"], "mentees", "Предмет")))
    other = next(s for s in vocabulary.SUBJECTS if s not in taught)
    type_into_bank(configs["sosh-2"], "mentors", {"Предмет": other})  # no mentor of its mentees' subjects
    for n in range(3, 8):  # schools whose mentors teach them, agreed to network mentoring, with places
        type_into_bank(configs[f"sosh-{n}"], "mentors", {"Готов к сетевому наставничеству": "да",
                                                         "Максимум наставляемых": "3", "Предмет": taught})
    shared = {"auth": "oauth", "token_cache": str(root / "gym-1" / "token.json"), "endpoint": fake_google.url,
              "requests_per_minute": 300}  # the fake: the shared limit itself is tested above
    municipal = municipal_file(tmp_path, configs, google=shared, parallel=2)
    loaded = {s.key: s.config for s in load_municipal(municipal).schools}
    before = {key: grids(cfg)[LOG_TAB] for key, cfg in loaded.items()}

    run = invoke("municipal", "nightly", "--config", str(municipal))

    assert run.exit_code == 0, run.output
    rows = read_journal(tmp_path / "state")
    assert [(r["Код школы"], r["Код выхода"]) for r in rows] == [(key, "0") for key in configs]
    for key, path in configs.items():
        log = grids(loaded[key])[LOG_TAB]
        assert len(log) > len(before[key]) and last_run(path)["outcome"] == "ok", key
    lacking = network_rows(configs["sosh-2"])
    assert lacking, run.output  # the school without mentors of its subjects got proposals from others
    others = {f"МБОУ СОШ «sosh-{n}»": configs[f"sosh-{n}"] for n in range(3, 8)}
    for row in lacking:
        assert row["Школа наставляемого"] == "МБОУ СОШ «sosh-2»" and row["Школа наставника"] in others
        mirror = [r for r in network_rows(others[row["Школа наставника"]])
                  if (r["Наставляемый (e-mail)"], r["Наставник (e-mail)"]) == (row["Наставляемый (e-mail)"], row["Наставник (e-mail)"])]
        assert len(mirror) == 1 and mirror[0]["Школа наставляемого"] == "МБОУ СОШ «sosh-2»"
    assert not [r for n in range(3, 8) for r in network_rows(configs[f"sosh-{n}"])
                if r["Школа наставляемого"] == f"МБОУ СОШ «sosh-{n}»"]  # their own mentors were enough

    # the municipal report and page of the same ten schools
    out = tmp_path / "report"
    report = invoke("municipal", "report", "--config", str(municipal), "--out", str(out))
    assert report.exit_code == 0, report.output
    assert report.output.splitlines()[0] == "Сводный отчёт: школ 10, данные получены от 10, не получены от 0."
    assert len(list((out / "documents").glob("*.docx"))) == 1
    page = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert all(f"МБОУ СОШ «{key}»" in page for key in configs)


def test_the_journal_keeps_the_rows_of_earlier_runs(tmp_path):
    root = tmp_path / "schools"
    configs = {"sosh-1": local_school(root, "sosh-1", 10)}
    municipal = municipal_file(tmp_path, configs, parallel=1)

    for _ in range(2):
        assert invoke("municipal", "nightly", "--config", str(municipal), "--no-network").exit_code == 0

    text = (tmp_path / "state" / "municipal-journal.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeffШкола;Код школы;Начало;Окончание;Итог;Код выхода;Причина;Запросов к Sheets\r\n")
    assert [r["Код школы"] for r in read_journal(tmp_path / "state")] == ["sosh-1", "sosh-1"]
    shutil.rmtree(root)  # a school gone since: its row says so, the journal keeps the others
    assert invoke("municipal", "nightly", "--config", str(municipal), "--no-network").exit_code == 2
    assert [r["Код выхода"] for r in read_journal(tmp_path / "state")] == ["0", "0", "2"]


def test_with_json_logs_every_line_is_json_and_the_summary_has_a_step_a_school(tmp_path):
    import subprocess
    import sys

    root = tmp_path / "schools"
    configs = {"sosh-1": local_school(root, "sosh-1", 10), "sosh-2": root / "sosh-2" / "nastavnik.toml"}
    municipal = municipal_file(tmp_path, configs, parallel=1)

    proc = subprocess.run([sys.executable, "-c", "from jobs.cli import main; main()", "--log-format", "json",
                           "municipal", "nightly", "--config", str(municipal), "--no-network"],
                          cwd=Path(__file__).parents[1], capture_output=True, text=True, timeout=300)

    assert proc.returncode == 2, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    err = [json.loads(line) for line in proc.stderr.splitlines()]
    assert all(isinstance(item, dict) and item["message"] for item in out + err)
    assert any(item["message"] == "=== МБОУ СОШ «sosh-1» (sosh-1) ===" for item in out)
    summary = err[-1]
    assert summary["event"] == "summary" and summary["exit_code"] == 2
    assert [(s["step"], s["outcome"], s["exit_code"]) for s in summary["steps"]] == [
        ("sosh-1", "ok", 0), ("sosh-2", "config", 2)]


def test_a_stop_on_the_way_leaves_every_schools_row_and_the_running_schools_own_record(tmp_path, monkeypatch):
    """SIGTERM (a `timeout` on the cron line, systemd stopping the unit) arrives during the second
    school's night: the first keeps «выполнено», the second and third get «прерван…» rows (exit 3)
    in the municipal journal, the second's own last-run.json says «terminated» and its «Журнал»
    row waits for its next run, and the municipal last-run.json is left too."""
    from jobs.cli import cmd_municipal
    from jobs.cli.run import Terminated

    root = tmp_path / "schools"
    first = local_school(root, "sosh-1", 10)
    configs = {key: local_school(root, key, 10, template=first.parent) if key != "sosh-1" else first
               for key in ("sosh-1", "sosh-2", "sosh-3")}
    municipal = municipal_file(tmp_path, configs, parallel=1)
    original = cmd_municipal.run_nightly_steps

    def steps(state, workspace, cfg, **kw):
        if cfg.path == configs["sosh-2"]:
            raise Terminated()
        return original(state, workspace, cfg, **kw)

    monkeypatch.setattr(cmd_municipal, "run_nightly_steps", steps)
    run = invoke("municipal", "nightly", "--config", str(municipal), "--no-network")

    assert run.exit_code == 3, run.output
    rows = {r["Код школы"]: r for r in read_journal(tmp_path / "state")}
    assert [(k, r["Итог"], r["Код выхода"]) for k, r in rows.items()] == [
        ("sosh-1", "выполнено", "0"),
        ("sosh-2", "прерван сигналом завершения (timeout или остановка службы)", "3"),
        ("sosh-3", "прерван сигналом завершения (timeout или остановка службы)", "3")]
    assert "не начатую ночь сделает следующий запуск" in rows["sosh-3"]["Причина"]
    assert last_run(configs["sosh-1"])["outcome"] == "ok"
    own = last_run(configs["sosh-2"])
    assert (own["outcome"], own["exit_code"], own["journal_pending"]) == ("terminated", 3, 1)
    assert not (configs["sosh-3"].parent / "last-run.json").exists()  # it never started
    whole = json.loads((tmp_path / "state" / "last-run.json").read_text(encoding="utf-8"))
    assert (whole["outcome"], whole["exit_code"], len(whole["steps"])) == ("terminated", 3, 3)
