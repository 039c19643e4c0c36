"""`publish`: the page for the school's website — aggregate figures, the roadmap, upcoming events.

Reads the workspace (either backend; nothing is written to it) and writes two local files,
``index.html`` (standalone: inline CSS, no scripts, Russian, tables with captions and header
scopes) and ``index.md`` (the same content for a site engine that takes Markdown).

No personal data: publishing a name needs the person's separate consent to dissemination
(152-ФЗ art. 10.1), which the banks do not record — so the page carries aggregates only, and
``with_names`` is refused with the reason. What the page says is built from counts, the
roadmap's stage titles, event texts, dates and statuses (never «Ответственный» or the evidence
links, which may name a person or point to a private document). As a safety net every text that
goes on the page passes `scrub`: any e-mail address, and the full name, surname-with-initials
or surname of anyone in the banks, is replaced by «…» — so a name staff typed into an event is
not published either. The average satisfaction is released by `jobs.disclosure` (none from fewer
than ``[privacy] min_answers`` answers, and as a band, so that two pages a day apart do not give
away the answer that came between them); the difficulties closed need as many responses.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from sheets_schema import parsing, ru
from sheets_schema.grid import normalise_header
from sheets_schema.rules import Limits
from sheets_schema.tables import BANKS, MONITORING, PAIRS, PROPOSALS, ROADMAP
from sync import safe_files
from sync.workspace import Workspace, WorkspaceError
from jobs import disclosure
from jobs.disclosure import MIN_ANSWERS
from jobs.indicators import Indicators, compute, percent
from jobs.validate import check_banks

UPCOMING_DAYS = 60
FAR_FUTURE = dt.date(9999, 12, 31)
STATUSES = ("выполнено", "в работе", "запланировано", "просрочено")
_EMAIL = re.compile(r"[^\s<>()\[\],;:\"'«»]+@[^\s<>()\[\],;:\"'«»]+\.[^\s<>()\[\],;:\"'«»]+")
HIDDEN = "…"


class PublishError(Exception):
    """The page cannot be made as asked (exit code 2): e.g. names without a consent to publish."""


@dataclass(frozen=True)
class Event:
    due: dt.date
    stage_no: str
    event: str
    status: str


@dataclass
class StageProgress:
    stage_no: str
    stage: str
    counts: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STATUSES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class PublishResult:
    html_path: Path
    md_path: Path
    indicators: Indicators
    stages: list[StageProgress]
    upcoming: list[Event]
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return self.notes + [ru.PUBLISH["written"].format(html=self.html_path, md=self.md_path)]


# --- what may be published --------------------------------------------------------------------
def personal_patterns(banks: dict) -> list[re.Pattern]:
    """Patterns of every person's name in the banks: full name, «Фамилия И. О.», «И. О. Фамилия», surname."""
    patterns: list[re.Pattern] = []
    seen: set[str] = set()
    for data in banks.values():
        for record in data.records.values():
            parts = str(record.get("full_name", "")).split()
            if not parts:
                continue
            surname = parts[0]
            if surname.casefold() in seen or len(surname) < 2:
                continue
            seen.add(surname.casefold())
            initials = r"\s*".join(re.escape(p[0]) + r"\.?" for p in parts[1:3])
            word = re.escape(surname)
            forms = [r"\s+".join(re.escape(p) for p in parts), f"{word}\\s*{initials}" if initials else word,
                     f"{initials}\\s*{word}" if initials else word, word]
            patterns.append(re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?!\w)", re.IGNORECASE))
    return patterns


def scrub(text: str, patterns: list[re.Pattern]) -> str:
    """`text` with every e-mail address and every known person's name replaced by «…»."""
    text = _EMAIL.sub(HIDDEN, str(text))
    for pattern in patterns:
        text = pattern.sub(HIDDEN, text)
    return text


# --- the content ------------------------------------------------------------------------------
def _status(text: str) -> str:
    value, _ = parsing.parse_choice(text, ru.ROADMAP_STATUSES) if text.strip() else (None, None)
    return value or "запланировано"


def roadmap_progress(roadmap_records: dict, today: dt.date, days: int = UPCOMING_DAYS) -> tuple[list[StageProgress], list[Event]]:
    """Events by status per stage (in the order of the tab), and the events due in `days` days."""
    stages: dict[str, StageProgress] = {}
    upcoming: list[Event] = []
    until = today + dt.timedelta(days=days)
    for record in roadmap_records.values():
        if not record.get("event", "").strip():
            continue
        number_ = record.get("stage_no", "").strip()
        key = number_ or normalise_header(record.get("stage", ""))
        progress = stages.setdefault(key, StageProgress(number_, record.get("stage", "").strip()))
        status = _status(record.get("status", ""))
        progress.counts[status] = progress.counts.get(status, 0) + 1
        due, problem = parsing.parse_date(record.get("due", ""), FAR_FUTURE)
        if not problem and today <= due <= until and status != "выполнено":
            upcoming.append(Event(due, number_, record.get("event", "").strip(), status))
    upcoming.sort(key=lambda e: (e.due, e.stage_no, e.event))
    return list(stages.values()), upcoming


def figure_rows(ind: Indicators, min_answers: int = MIN_ANSWERS) -> list[tuple[str, str]]:
    """(indicator, value) pairs for the page: counts and shares, satisfaction as its band."""
    m, p = ru.MONITOR, ru.PUBLISH
    of = lambda part, whole: f"{p['of'].format(value=part, total=whole)} ({percent(part, whole)})"  # noqa: E731
    enough = ind.responses >= min_answers
    rows = [
        (m["mentees"], str(ind.mentees)),
        (m["with_pair"], of(ind.with_pair, ind.mentees)),
        (m["with_programme"], of(ind.with_programme, ind.mentees)),
        (m["young_in_mentoring"], of(ind.young_in_mentoring, ind.young)),
        (m["pairs_active"], str(ind.pairs_active)),
        (m["programmes_completed"], str(ind.programmes_completed)),
        (m["responses"], str(ind.responses)),
        (m["satisfaction"], disclosure.text(disclosure.question_band(ind, "satisfaction", min_answers))),
        (m["difficulties_closed"], of(ind.difficulties_closed, ind.difficulties_declared) if enough
         else disclosure.text(None)),
        (m["plan_done"], of(ind.plan_done, ind.plan_total)),
    ]
    return rows


# --- rendering --------------------------------------------------------------------------------
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}
p.meta{color:#4a4a4a;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #b3b3b3;padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:#e8eef7}
td.num{text-align:right;white-space:nowrap}
footer{margin-top:2rem;color:#4a4a4a;font-size:.9rem}
""".strip()


def _table_html(caption: str, head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    e = html.escape
    out = [f"<table>\n<caption>{e(caption)}</caption>\n<thead><tr>"]
    out += [f'<th scope="col">{e(h)}</th>' for h in head]
    out.append("</tr></thead>\n<tbody>")
    for row in rows:
        cells = [f'<th scope="row">{e(row[0])}</th>']
        cells += [f'<td class="num">{e(v)}</td>' if i in numeric else f"<td>{e(v)}</td>"
                  for i, v in enumerate(row[1:], start=1)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody>\n</table>")
    return "\n".join(out)


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    def cell(v: str) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass
class Page:
    """The page's content, already scrubbed: what both renderings show."""

    title: str
    as_of: str
    figures: list[list[str]]
    stages: list[list[str]]
    upcoming_heading: str
    upcoming: list[list[str]]
    no_upcoming: str


def build_page(school: str, today: dt.date, ind: Indicators, stages: list[StageProgress], upcoming: list[Event],
               patterns: list[re.Pattern], days: int = UPCOMING_DAYS, min_answers: int = MIN_ANSWERS) -> Page:
    p = ru.PUBLISH
    s = lambda text: scrub(text, patterns)  # noqa: E731
    stage_rows = [[s(f"{st.stage_no}. {st.stage}" if st.stage_no else st.stage), str(st.total),
                   str(st.counts.get("выполнено", 0)), str(st.counts.get("в работе", 0)),
                   str(st.counts.get("запланировано", 0)), str(st.counts.get("просрочено", 0))] for st in stages]
    return Page(
        title=s(p["page_title"].format(school=school)) if school else p["h1"],
        as_of=p["as_of"].format(date=today.strftime("%d.%m.%Y")),
        figures=[[s(label), s(value)] for label, value in figure_rows(ind, min_answers)],
        stages=stage_rows,
        upcoming_heading=p["upcoming_heading"].format(until=(today + dt.timedelta(days=days)).strftime("%d.%m.%Y")),
        upcoming=[[e.due.strftime("%d.%m.%Y"), s(e.event), e.status] for e in upcoming],
        no_upcoming=p["no_upcoming"].format(days=days),
    )


def render_html(page: Page) -> str:
    p, e = ru.PUBLISH, html.escape
    stage_head = [p["col_stage"], p["col_events"], p["col_done"], p["col_in_progress"], p["col_planned"], p["col_overdue"]]
    upcoming = (_table_html(page.upcoming_heading, [p["col_date"], p["col_event"], p["col_status"]],
                            [[r[0], r[1], r[2]] for r in page.upcoming])
                if page.upcoming else f"<p>{e(page.no_upcoming)}</p>")
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(page.title)}</title>
<style>
{CSS}
</style>
</head>
<body>
<main>
<h1>{e(p["h1"])}</h1>
<p class="meta">{e(page.title)}. {e(page.as_of)}.</p>
<section aria-labelledby="figures">
<h2 id="figures">{e(p["figures_heading"])}</h2>
{_table_html(p["figures_heading"], [p["col_indicator"], p["col_value"]], page.figures, numeric={1})}
</section>
<section aria-labelledby="roadmap">
<h2 id="roadmap">{e(p["roadmap_heading"])}</h2>
{_table_html(p["roadmap_heading"], stage_head, page.stages, numeric={1, 2, 3, 4, 5})}
</section>
<section aria-labelledby="upcoming">
<h2 id="upcoming">{e(page.upcoming_heading)}</h2>
{upcoming}
</section>
<footer>
<p>{e(p["privacy"])} {e(p["generated"])}</p>
</footer>
</main>
</body>
</html>
"""


def render_markdown(page: Page) -> str:
    p = ru.PUBLISH
    stage_head = [p["col_stage"], p["col_events"], p["col_done"], p["col_in_progress"], p["col_planned"], p["col_overdue"]]
    upcoming = (_md_table([p["col_date"], p["col_event"], p["col_status"]], page.upcoming)
                if page.upcoming else page.no_upcoming)
    return "\n\n".join([
        f"# {p['h1']}",
        f"{page.title}. {page.as_of}.",
        f"## {p['figures_heading']}",
        _md_table([p["col_indicator"], p["col_value"]], page.figures),
        f"## {p['roadmap_heading']}",
        _md_table(stage_head, page.stages),
        f"## {page.upcoming_heading}",
        upcoming,
        f"*{p['privacy']} {p['generated']}*",
    ]) + "\n"


def _write(path: Path, text: str) -> None:
    safe_files.write_text(path, text, mode=0o644)  # a public page: the web server reads it



def publish(
    workspace: Workspace,
    out_dir: Path | str,
    now: dt.datetime | None = None,
    with_names: bool = False,
    school: str = "",
    days: int = UPCOMING_DAYS,
    limits: Limits = Limits(),
    min_answers: int = MIN_ANSWERS,
) -> PublishResult:
    """Write ``index.html`` and ``index.md`` into `out_dir` (see the module docstring)."""
    if with_names:
        raise PublishError(ru.PUBLISH["names_unsupported"])
    now = now or dt.datetime.now()
    today = now.date()
    tables = workspace.read([*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP])
    banks = {t.key: tables[t.key] for t in BANKS}
    checks = check_banks(banks, today, limits)
    ind = compute(checks, tables[PAIRS.key].frame, tables[PROPOSALS.key].frame, tables[MONITORING.key].frame,
                  tables[ROADMAP.key].frame)
    stages, upcoming = roadmap_progress(tables[ROADMAP.key].records, today, days)
    patterns = personal_patterns({**banks, PAIRS.key: _pair_people(tables[PAIRS.key])})
    page = build_page(school, today, ind, stages, upcoming, patterns, days, min_answers)
    out = Path(out_dir)
    html_path, md_path = out / "index.html", out / "index.md"
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write(html_path, render_html(page))
        _write(md_path, render_markdown(page))
    except OSError as exc:
        raise WorkspaceError(ru.PUBLISH["out_unwritable"].format(path=out, reason=exc)) from exc
    notes = [p.message for t in (*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP) for p in tables[t.key].problems]
    return PublishResult(html_path, md_path, ind, stages, upcoming, notes)


class _Names:
    """Names from «Пары» (mentor and mentee names) shaped like a bank for `personal_patterns`."""

    def __init__(self, names: list[str]):
        self.records = {i: {"full_name": n} for i, n in enumerate(names)}


def _pair_people(pairs) -> _Names:
    names: list[str] = []
    for record in pairs.records.values():
        names.append(record.get("mentor_name", ""))
        names += [n.strip() for n in re.split(r"[,;\n]", record.get("mentee_names", "")) if n.strip()]
    return _Names([n for n in names if n.strip()])


__all__ = ["PublishError", "PublishResult", "personal_patterns", "publish", "render_html", "render_markdown", "scrub"]
