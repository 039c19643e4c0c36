"""Benchmark of the charts: the monitoring report and the public page of a school, each in a fresh
Python process, so that matplotlib's import (and its font cache) is part of the time.

    .venv/bin/python benchmarks/report.py                # a table
    .venv/bin/python benchmarks/report.py --json         # a JSON list of {job, staff, charts, seconds, …}
    .venv/bin/python benchmarks/report.py --staff 150 600

For each size a local workspace is made as ``nastavnik init DIR --sample N`` makes it (`jobs.sample`,
synthetic staff), and a programme in full swing is added to it (`programme`, not measured): every
mentee with consent and a valid row paired with a mentor, the pairs started over the autumn, two
monitoring responses per pair (the mentee's and the mentor's), the roadmap's first events done,
the plans' progress on «Пары» as `monitor` writes it (every seventh pair «завершена», every fourth
of the others behind) and the mentees' self-assessment at the start and at the end (two
difficulties rated by every mentee, a third by three only: its bars are withheld).
Then, each in a new process: `jobs.report.report` (three charts — the questions, the plans, the
before/after —, PNGs at 300 dpi, in a .docx) and `jobs.publish.publish` (five charts, SVG inline). ``seconds`` is the process' wall time from
its start to the job's end — interpreter, imports, reading the workbook, drawing, writing;
``cpu_seconds`` the process' user + system CPU time (what the wall time would be on an idle
machine, near enough: the jobs run on one core). The target: under 5 s for a 150-staff school's
report.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jobs.config import render_local_config  # noqa: E402
from jobs.init import DEFAULT_SCHOOL, initial_rows  # noqa: E402
from jobs.sample import Sample, generate  # noqa: E402
from sheets_schema import ru, vocabulary  # noqa: E402
from sync.local import create_local_workspace  # noqa: E402

SIZES = (150,)
NOW = dt.datetime(2026, 11, 27, 3, 0)
QUESTIONS = ("comfort", "usefulness", "clarity", "expectations", "satisfaction", "continue_wish")
# the jobs measured, as run in the child process: (job, charts drawn, code)
JOBS = (
    ("report", 3, "from jobs.report import report; from jobs.init import DEFAULT_SCHOOL; "
                  "report(ws, DEFAULT_SCHOOL, now=NOW)"),
    ("publish", 5, "from jobs.publish import publish; publish(ws, DIR / 'site', now=NOW, school='МБОУ СОШ')"),
)
CHILD = """
import time; started = time.perf_counter()
import datetime as dt, sys; from pathlib import Path
sys.path.insert(0, {root!r})
from sync.local import LocalWorkspace
DIR, NOW = Path({directory!r}), dt.datetime.fromisoformat({now!r})
ws = LocalWorkspace(DIR)
{code}
print(time.perf_counter() - started)
"""


def programme(sample: Sample, today: dt.date, seed: int = 1) -> dict[str, list[dict[str, str]]]:
    """Pairs, monitoring answers and a roadmap under way for `sample`'s staff (rows by table key,
    as `initial_rows` gives them): each mentee that `validate` passes gets a mentor in turn."""
    rnd = random.Random(seed)
    rows = initial_rows(today, sample)
    bad = {(e.tab, e.row) for e in sample.errors}
    mentees = [m for i, m in enumerate(sample.mentees, start=2) if ("mentees", i) not in bad and m.get("pd_consent")]
    mentors = [m for i, m in enumerate(sample.mentors, start=2) if ("mentors", i) not in bad and m.get("pd_consent")]
    pairs, answers, assessments = [], [], []
    rated = vocabulary.DIFFICULTIES[:3]
    first = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    for i, mentee in enumerate(mentees[:len(mentors) * 2]):
        mentor = mentors[i % len(mentors)]
        start = first + dt.timedelta(days=rnd.randrange(max(1, (today - first).days)))
        pair_id = f"П-{i + 1}"
        pairs.append({"pair_id": pair_id, "mentor_email": mentor["email"], "mentor_name": mentor["full_name"],
                      "mentee_emails": mentee["email"], "mentee_names": mentee["full_name"],
                      "form": vocabulary.FORM_ONE_TO_ONE, "start": start.strftime("%d.%m.%Y"), "end": "",
                      "status": vocabulary.PAIR_STATUS_FINISHED if i % 7 == 6 else vocabulary.PAIR_STATUS_ORDERED,
                      "order": "", "programme": "", "plan_progress": "3 из 4 (75%)" if i % 4 else "1 из 4 (25%)",
                      "plan_behind": vocabulary.ANSWER_NO if i % 4 else vocabulary.ANSWER_YES})
        for stage, low in ((ru.EVALUATION["stage_start"], 2), (ru.EVALUATION["stage_end"], 5)):
            assessments.append({"submitted": f"{today:%d.%m.%Y} 09:00:00", "email": mentee["email"], "pair_id": pair_id,
                                "assessment_stage": stage,
                                **{ru.evaluation.self_key(d): str(rnd.randint(low, low + 4)) for d in rated[:2 if i >= 3 else 3]}})
        for role, who, partner in ((vocabulary.ROLE_MENTEE, mentee, mentor), (vocabulary.ROLE_MENTOR, mentor, mentee)):
            answers.append({"submitted": f"{today:%d.%m.%Y} 10:00:00", "role": role, "pair_id": pair_id,
                            "email": who["email"], "partner_email": partner["email"],
                            **{q: str(rnd.randint(5, 10)) for q in QUESTIONS}, "difficulties_closed": ""})
    rows["pairs"], rows["monitoring"], rows["self_assessment"] = pairs, answers, assessments
    for event in rows["roadmap"][:6]:
        event["status"] = vocabulary.ROADMAP_STATUS_DONE
    return rows


def measure(directory: Path, staff: int) -> list[dict]:
    """One workspace of `staff` people with a programme; each job timed in a process of its own."""
    rows = programme(generate(staff, 1, NOW.date()), NOW.date())
    create_local_workspace(directory, rows, render_local_config(DEFAULT_SCHOOL))
    out = []
    for job, charts, code in JOBS:
        script = CHILD.format(root=str(ROOT), directory=str(directory), now=NOW.isoformat(), code=code)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=directory)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        if done.returncode:
            raise RuntimeError(f"{job}: {done.stderr}")
        out.append({"job": job, "staff": staff, "pairs": len(rows["pairs"]), "charts": charts,
                    "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
                    "in_process": round(float(done.stdout.split()[-1]), 3)})
    return out


def table(results: list[dict]) -> str:
    lines = [f"{'job':<8} {'staff':>6} {'pairs':>6} {'charts':>6} {'seconds':>8} {'CPU, s':>7} {'after start, s':>15}",
             "-" * 64]
    for r in results:
        lines.append(f"{r['job']:<8} {r['staff']:>6} {r['pairs']:>6} {r['charts']:>6} {r['seconds']:>8.2f} "
                     f"{r['cpu_seconds']:>7.2f} {r['in_process']:>15.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, nargs="+", default=list(SIZES), help="staff (bank rows) to measure")
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    args = parser.parse_args(argv)
    results = []
    for staff in args.staff:
        with tempfile.TemporaryDirectory() as tmp:
            results += measure(Path(tmp) / "school", staff)
    print(json.dumps(results, ensure_ascii=False) if args.json else table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
