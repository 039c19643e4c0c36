"""Benchmark of the municipal night (`nastavnik municipal nightly`): N schools of S staff, locally
and on the fake Google Workspace.

    .venv/bin/python benchmarks/municipal.py                 # 10 and 50 schools of 150 staff: a table
    .venv/bin/python benchmarks/municipal.py --json          # the same rows as a JSON list
    .venv/bin/python benchmarks/municipal.py --schools 3 --staff 40 --backend local   # a quick run

Rows ``{backend, schools, staff, parallel, requests, max_per_minute, compute_seconds,
quota_wait_seconds, seconds, failed}``. Every school is made as ``nastavnik init --sample S``
makes it (a local one once, then copied under its own name; a Google one by ``init --google``:
its spreadsheet and forms in a folder of its own), then ONE municipal run over all of them is
measured — `jobs.municipal.run.run_municipal` with the CLI's own per-school night
(`jobs.cli.cmd_municipal.run_school_nightly`: run lock, «Журнал», last-run.json).

Local schools run in ``--parallel`` processes (default 2, the cores of the machine it was written
on); ``requests`` is 0 for them.

Google schools run in turn through ONE Sheets limiter of ``--per-minute`` requests (default 55,
the municipal default under Google's 60 per minute per user). Fifty schools need ~30 minutes of
quota, so the limiter runs on a VIRTUAL clock: real monotonic time plus the waits it asked for,
which advance the clock instead of sleeping. So ``seconds`` = ``compute_seconds`` (the real wall
time of the run: client, fake server and the lease's real 2-second settle per school, on this
machine) + ``quota_wait_seconds`` (the waits the quota makes a real run sit through).
``requests`` is the Sheets requests the fake received; ``max_per_minute`` the most of them that
started within any 60 seconds of the virtual clock — at most ``--per-minute`` (the quota kept).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jobs.cli.cmd_municipal import run_school_nightly  # noqa: E402
from jobs.municipal.config import load_municipal  # noqa: E402
from jobs.municipal.run import run_municipal  # noqa: E402
from sync.factory import sheets_limiter  # noqa: E402
from tests.municipal_schools import google_school, local_school, municipal_file  # noqa: E402

SCHOOLS = (10, 50)
STAFF = 150


class VirtualClock:
    """Real monotonic time plus the waits asked for: a wait advances the clock, it does not sleep."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        self.offset += max(0.0, seconds)


def max_in_window(starts: list[float], window: float = 60.0) -> int:
    """The most `starts` within any `window` seconds."""
    best, first = 0, 0
    for i, moment in enumerate(starts):
        while starts[first] <= moment - window:
            first += 1
        best = max(best, i - first + 1)
    return best


def measure(backend: str, schools: int, staff: int, parallel: int, per_minute: int, tmp: Path) -> dict:
    root = tmp / f"{backend}-{schools}-{staff}"
    configs: dict[str, Path] = {}
    fake = None
    shared: dict | None = None
    if backend == "local":
        first = local_school(root, "school-1", staff)
        configs["school-1"] = first
        for n in range(2, schools + 1):
            configs[f"school-{n}"] = local_school(root, f"school-{n}", staff, template=first.parent)
    else:
        from tests.fake_google import FakeGoogle

        fake = FakeGoogle.start(port=0)
        for n in range(1, schools + 1):
            configs[f"school-{n}"] = google_school(fake, root, f"school-{n}", staff, shared_sign_in=n > 1)
        shared = {"auth": "oauth", "token_cache": str(root / "school-1" / "token.json"), "endpoint": fake.url,
                  "requests_per_minute": per_minute}
    try:
        cfg = load_municipal(municipal_file(root, configs, google=shared, parallel=parallel))
        clock = VirtualClock()
        limiter = sheets_limiter(per_minute, clock=clock, sleep=clock.sleep) if backend == "google" else None
        starts: list[float] = []
        if limiter is not None:
            acquire = limiter.acquire

            def recorded() -> float:
                waited = acquire()
                starts.append(limiter._starts[-1])  # the start the limiter itself counted
                return waited

            limiter.acquire = recorded  # type: ignore[method-assign]
        if fake is not None:
            fake.clear_requests()
        begun = time.perf_counter()
        result = run_municipal(cfg, run_school_nightly, limiter=limiter, parallel=parallel)
        compute = time.perf_counter() - begun
        requests = sum(1 for e in fake.requests() if e["api"] == "sheets") if fake is not None else 0
    finally:
        if fake is not None:
            fake.stop()
    waited = limiter.waited if limiter is not None else 0.0
    failed = [o.key for o in result.outcomes if o.exit_code]
    print(f"  {backend} {schools} × {staff}: {compute:.1f} s computed + {waited:.1f} s of quota waits; "
          f"failed: {failed or 'none'}", file=sys.stderr)
    return {"backend": backend, "schools": schools, "staff": staff, "parallel": parallel if backend == "local" else 1,
            "requests": requests, "max_per_minute": max_in_window(starts), "compute_seconds": round(compute, 1),
            "quota_wait_seconds": round(waited, 1), "seconds": round(compute + waited, 1), "failed": len(failed)}


def table(rows: list[dict]) -> str:
    lines = [f"{'backend':<8} {'schools':>7} {'staff':>6} {'parallel':>8} {'requests':>8} {'max/min':>7} "
             f"{'compute, s':>10} {'quota wait, s':>13} {'seconds':>8} {'failed':>6}", "-" * 92]
    for r in rows:
        lines.append(f"{r['backend']:<8} {r['schools']:>7} {r['staff']:>6} {r['parallel']:>8} {r['requests']:>8} "
                     f"{r['max_per_minute']:>7} {r['compute_seconds']:>10.1f} {r['quota_wait_seconds']:>13.1f} "
                     f"{r['seconds']:>8.1f} {r['failed']:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--schools", type=int, nargs="+", default=list(SCHOOLS), help="municipalities of N schools")
    parser.add_argument("--staff", type=int, default=STAFF, help="staff of every school (bank rows)")
    parser.add_argument("--backend", choices=("local", "google", "both"), default="both")
    parser.add_argument("--parallel", type=int, default=2, help="local schools at a time (processes)")
    parser.add_argument("--per-minute", type=int, default=55, help="the one Sheets limit of the run")
    parser.add_argument("--json", action="store_true", help="print a JSON list of objects")
    args = parser.parse_args(argv)
    backends = ("local", "google") if args.backend == "both" else (args.backend,)
    rows = []
    with tempfile.TemporaryDirectory(prefix="nastavnik-municipal-") as tmp:
        for backend in backends:
            for schools in args.schools:
                rows.append(measure(backend, schools, args.staff, args.parallel, args.per_minute, Path(tmp)))
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
