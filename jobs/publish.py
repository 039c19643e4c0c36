"""`publish`: the page for the school's website — aggregate figures, the roadmap, upcoming events.

Reads the workspace (either backend) and writes two local files, ``index.html`` (standalone:
inline CSS, no scripts, Russian, tables with captions and header scopes) and ``index.md`` (the
same content for a site engine that takes Markdown); the run is logged in «Журнал».

Safe by construction, whatever staff type:

- **No markup from a value.** Every text is escaped for its file: HTML-escaped in ``index.html``;
  in ``index.md`` every Markdown/HTML-significant character is written as a numeric character
  reference (`md_text`), which every Markdown engine shows as the character and none reads as
  markup — so «<script>», «![x](…)» or «[x](javascript:…)» in the school's name or an event text
  is shown, not run, and no link or picture is made from a value.
- **Only events marked public.** An event of «Дорожная карта» goes on the page (its text in the
  upcoming list, and its count in the progress by stage) only with «да» in «Публиковать»; `init`
  seeds the tool's own events with «да», and an event staff add is not public until they choose
  «да». A workbook made before the column existed publishes only the tool's own events (stage
  number and text as seeded, ignoring case, spaces and ё/е) — anything staff added or reworded
  stays off the page until the column is added.
- **No personal data.** Publishing a name needs the person's separate consent to dissemination
  (152-ФЗ art. 10.1), which the banks do not record — so the page carries aggregates only, and
  ``with_names`` is refused with the reason. Never «Ответственный» or the evidence links. A
  public event whose text names anyone of the banks or «Пары» — in any case, with initials, as
  first name + patronymic, е for ё (`jobs.personal_names`) — or holds an e-mail in any spelling,
  or says «не публиковать»/«служебная…»/«жалоба…», is **withheld whole** (never half-scrubbed);
  the number of such events and their sheet rows (never their texts) are in the result's notes,
  which the CLI prints, and in «Журнал». A school name or stage title that names someone is
  replaced by a neutral one.
- **Figures that do not give away a person.** The average satisfaction is released by
  `jobs.disclosure` (none from fewer than ``[privacy] min_answers`` answers, and as a band, so
  that two pages a day apart do not give away the answer that came between them); the
  difficulties closed need as many responses.
- **Charts inline, as safe as text.** The charts of `jobs.charts` (the share of mentees with a
  pair over the school year, the averages per question, the pairs by the progress of their plans
  — none from fewer than ``min_answers`` pairs in all —, the mentees' self-assessment before and
  after per difficulty — only mentees with consent, a difficulty's bars only from ``min_answers``
  mentees who answered at both stages, as bands; no section when nobody has —, the roadmap by
  stage) are drawn as SVG and
  put inline by `jobs.charts.inline_svg`, which writes out only the elements and attributes a bar
  chart needs, every label escaped; each chart has a title for screen readers, a caption saying
  why a bar is missing, and its data as a table (in ``index.md``, the table alone). The charts
  obey the same thresholds as the figures.
- **The «Методическая копилка» (issue 19).** Practices are listed by `jobs.kopilka.select_practices`:
  the title and stage by the same rule as an event (a title naming someone is withheld whole),
  the authors' names only with «да» in «Согласие на публикацию ФИО» and every author's bank row
  with consent, the materials as a link only when it is an ``http``/``https`` address (in
  ``index.html`` an ``<a>`` with ``rel="nofollow noopener noreferrer"``, the address escaped; in
  ``index.md`` the address as inert text, like every value). No practice: no section.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet, Mapping

from sync.errors import EXIT_OK, ConfigFault
from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import TableData, normalise_header
from sheets_schema.rules import BankCheck, Limits
from sheets_schema.roadmap import is_default_event
from sheets_schema.tables import BANKS, LOG, MONITORING, PAIRS, PRACTICES, PROPOSALS, ROADMAP, SELF_ASSESSMENT
from sync import safe_files
from sync.workspace import ChangeSet, Workspace, WorkspaceError
from jobs import disclosure
from jobs.charts import render
from jobs.charts.builders import (consented_mentees, pair_share, pair_starts, pairs_by_plan, question_averages,
                                  roadmap_stages, self_assessment_change)
from jobs.charts.inline_svg import inline_svg
from jobs.charts.model import Chart
from jobs.disclosure import MIN_ANSWERS
from jobs.indicators import Indicators, compute, percent
from jobs.kopilka import Practice, PracticeSelection, select_practices
from jobs.personal_names import PersonalNames, fold
from jobs.result import NO_COUNTS, Counts
from jobs.runlog import log_row
from jobs.self_assessment import consented_before_after
from jobs.validate import check_banks

UPCOMING_DAYS = 60
FAR_FUTURE = dt.date(9999, 12, 31)
DONE, IN_PROGRESS = vocabulary.ROADMAP_STATUS_DONE, vocabulary.ROADMAP_STATUS_IN_PROGRESS
PLANNED, OVERDUE = vocabulary.ROADMAP_STATUS_PLANNED, vocabulary.ROADMAP_STATUS_OVERDUE
STATUSES = (DONE, IN_PROGRESS, PLANNED, OVERDUE)  # the columns of the page's roadmap table
HIDDEN = "…"


class PublishError(ConfigFault):
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
    roadmap: RoadmapSelection | None = None
    practices: PracticeSelection | None = None  # issue 19: the «Методическая копилка»

    @property
    def exit_code(self) -> int:
        """0: what stops the page (config, workspace) raises before a result exists."""
        return EXIT_OK

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        return self.notes + [ru.PUBLISH["written"].format(html=self.html_path, md=self.md_path)]


# --- what may be published --------------------------------------------------------------------
def people_index(banks: Mapping[str, TableData], pairs: TableData) -> PersonalNames:
    """Every name and e-mail of the banks and of «Пары», with every case form of every name."""
    names: list[str] = []
    emails: list[str] = []
    for data in banks.values():
        for record in data.records.values():
            names.append(record.get("full_name", ""))
            emails.append(record.get("email", ""))
    for record in pairs.records.values():
        names.append(record.get("mentor_name", ""))
        names += re.split(r"[,;\n]", record.get("mentee_names", ""))
        emails.append(record.get("mentor_email", ""))
        emails += re.split(r"[,;\s]+", record.get("mentee_emails", ""))
    return PersonalNames.of([n for n in names if n.strip()], [e for e in emails if e.strip()])


_PRIVATE = re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, m.split())) for m in ru.PRIVATE_MARKERS) + ")",
                      re.IGNORECASE)


def marked_private(text: str) -> bool:
    """Whether a text says it is internal («не публиковать», «служебная…», «жалоба…»)."""
    return bool(_PRIVATE.search(fold(text)))


def publishable(text: str, names: PersonalNames) -> bool:
    """Whether a text may go on the page whole: no name or e-mail of anyone, no «не публиковать»."""
    return not marked_private(text) and not names.finds(text)


@dataclass
class RoadmapSelection:
    """The roadmap rows the page may show, and the numbers of the rows it may not."""

    public: dict[int, dict[str, str]] = field(default_factory=dict)
    withheld: list[int] = field(default_factory=list)  # marked public, but the text cannot be published
    not_public: list[int] = field(default_factory=list)  # not marked «да» in «Публиковать»
    has_column: bool = True

    def notes(self) -> list[str]:
        """What the coordinator is told: counts and row numbers, never the texts."""
        p, tab, column = ru.PUBLISH, ROADMAP.title, ROADMAP.column("public").header
        rows = lambda numbers: ", ".join(map(str, numbers))  # noqa: E731
        out = []
        if self.withheld:
            out.append(p["withheld"].format(count=len(self.withheld), rows=rows(self.withheld), tab=tab))
        if self.not_public:
            key = "not_public" if self.has_column else "no_public_column"
            out.append(p[key].format(count=len(self.not_public), rows=rows(self.not_public), tab=tab, column=column))
        return out


def is_public(record: dict[str, str]) -> bool:
    """Whether a roadmap row is marked public: «да» in «Публиковать»; without that column, only
    the events the tool seeded (stage number and text as `init` wrote them) are."""
    if "public" in record:
        value, _ = parsing.parse_bool(record["public"]) if record["public"].strip() else (False, None)
        return bool(value)
    return is_default_event(record.get("stage_no", ""), record.get("event", ""))


def select_public(roadmap_records: dict[int, dict[str, str]], names: PersonalNames) -> RoadmapSelection:
    """The events of «Дорожная карта» that may be published: marked public and whose text names
    nobody (a text with a name is withheld whole, not cut)."""
    selection = RoadmapSelection(has_column=all("public" in r for r in roadmap_records.values()))
    for row, record in roadmap_records.items():
        if not record.get("event", "").strip():
            continue
        if not is_public(record):
            selection.not_public.append(row)
        elif not publishable(record.get("event", ""), names):
            selection.withheld.append(row)
        else:
            selection.public[row] = record
    return selection


# --- the content ------------------------------------------------------------------------------
def _status(text: str) -> str:
    value, _ = parsing.parse_choice(text, ru.ROADMAP_STATUSES) if text.strip() else (None, None)
    return value or PLANNED


def roadmap_progress(roadmap_records: dict[int, dict[str, str]], today: dt.date, days: int = UPCOMING_DAYS) -> tuple[list[StageProgress], list[Event]]:
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
        due, _ = parsing.parse_date(record.get("due", ""), FAR_FUTURE)  # None: not a date
        if due is not None and today <= due <= until and status != DONE:
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
# The page loads nothing and runs nothing: its charts are inline SVG and its style inline, so a
# browser that honours this refuses any script or fetch an injected text might still smuggle in.
CSP_META = """<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"""

CSS = """
figure.chart{margin:1rem 0}figure.chart svg{display:block;max-width:48rem;height:auto}
figcaption{color:#4a4a4a;font-size:.9rem}
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


def table_html(caption: str, head: list[str], rows: list[list[str]], numeric: AbstractSet[int] = frozenset()) -> str:
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


# Characters that can make markup anywhere in a line (emphasis, code, links, images, raw HTML,
# entities, table cells, autolinks «http://», strikethrough, headings, escapes)…
_MD_ANYWHERE = frozenset("\\`*_{}[]()<>#|!~&:\"'")
# …and those that are markup only where a line starts (lists, block quotes, setext headings,
# thematic breaks, ordered lists «1.»).
_MD_LINE_START = re.compile(r"^([-+=]|\d+\.)")
_SPACES = re.compile(r"\s+")


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def md_text(value: object) -> str:
    """A value as inert Markdown text: one line, and every markup character written as a numeric
    character reference («<» → «&#60;», «[» → «&#91;»). A character reference is always plain text
    (CommonMark 6.2: it cannot stand for a structural symbol), and every Markdown engine passes
    it to HTML, where the browser shows the character — whereas the backslash escapes of
    CommonMark are not all known to Python-Markdown or kramdown. So «<script>», «![x](…)»,
    «[x](javascript:…)», «&lt;», «*» or «|» render as those characters, and «http://…» is not
    made a link by the engines that link bare addresses."""
    text = _SPACES.sub(" ", "".join(ch for ch in str(value) if ch.isprintable() or ch.isspace())).strip()
    text = "".join(_ref(ch) if ch in _MD_ANYWHERE else ch for ch in text)
    text = re.sub(r"(?i)\b(www)\.", r"\1&#46;", text)
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + _ref(m.group(1)[-1]), text, count=1)


def md_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(md_text(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md_text(v) for v in row) + " |" for row in rows]
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
    pairs_chart: Chart | None = None  # the share of mentees with a pair over the school year
    answers_chart: Chart | None = None  # the averages per question
    roadmap_chart: Chart | None = None  # the events per stage, by status (titles as in `stages`)
    practices: list[Practice] = field(default_factory=list)  # issue 19: already selected (`jobs.kopilka`)
    plan_chart: Chart | None = None  # issue 22: the pairs by the progress of their plans
    before_after_chart: Chart | None = None  # issue 19/22: self-assessment before/after (None: nobody rated twice)


def build_page(school: str, today: dt.date, ind: Indicators, stages: list[StageProgress], upcoming: list[Event],
               names: PersonalNames, days: int = UPCOMING_DAYS, min_answers: int = MIN_ANSWERS,
               pairs_chart: Chart | None = None, practices: list[Practice] | None = None,
               plan_chart: Chart | None = None, before_after_chart: Chart | None = None) -> Page:
    """What the page shows. Event texts come already selected (`select_public`); the school's
    name and each stage title are shown only when they name nobody, else a neutral text is (in
    the table and in the roadmap's chart alike)."""
    p = ru.PUBLISH
    stage_rows = []
    for st in stages:
        title = f"{st.stage_no}. {st.stage}" if st.stage_no else st.stage
        if not publishable(title, names):
            title = p["hidden_stage"].format(no=st.stage_no) if st.stage_no else HIDDEN
        stage_rows.append([title, str(st.total), str(st.counts.get(DONE, 0)), str(st.counts.get(IN_PROGRESS, 0)),
                           str(st.counts.get(PLANNED, 0)), str(st.counts.get(OVERDUE, 0))])
    title = p["page_title"].format(school=school) if school and publishable(school, names) else p["h1"]
    return Page(
        title=title,
        as_of=p["as_of"].format(date=today.strftime("%d.%m.%Y")),
        figures=[[label, value] for label, value in figure_rows(ind, min_answers)],
        stages=stage_rows,
        upcoming_heading=p["upcoming_heading"].format(until=(today + dt.timedelta(days=days)).strftime("%d.%m.%Y")),
        upcoming=[[e.due.strftime("%d.%m.%Y"), e.event, e.status] for e in upcoming],
        no_upcoming=p["no_upcoming"].format(days=days),
        pairs_chart=pairs_chart,
        answers_chart=question_averages(ind, min_answers),
        roadmap_chart=roadmap_stages([(row[0], st.counts) for row, st in zip(stage_rows, stages)]) if stages else None,
        practices=list(practices or []),
        plan_chart=plan_chart,
        before_after_chart=before_after_chart if before_after_chart is not None and before_after_chart.bars else None,
    )


def _figure_html(chart: Chart | None, data: str) -> str:
    """A chart inline (`jobs.charts.inline_svg`) with its caption, and `data`: its table, or a
    sentence pointing to the table that already shows its data."""
    if chart is None:
        return ""
    e = html.escape
    caption = f"<figcaption>{e(chart.note)}</figcaption>\n" if chart.note else ""
    picture = inline_svg(render.svg(chart), f"chart-{chart.key}-", chart.title)
    return f'<figure class="chart">\n{picture}\n{caption}</figure>\n{data}'


def chart_table_html(chart: Chart) -> str:
    head, rows = chart.table()
    return table_html(ru.PUBLISH["chart_data"].format(title=chart.title), head, rows, numeric=set(range(1, len(head))))


def chart_table_md(chart: Chart | None) -> list[str]:
    if chart is None:
        return []
    head, rows = chart.table()
    return [md_text(ru.PUBLISH["chart_data"].format(title=chart.title)), md_table(head, rows)] + (
        [md_text(chart.note)] if chart.note else [])


def _chart_section_html(anchor: str, heading: str, chart: Chart | None) -> str:
    """A section of its own for one chart, with its caption and data table; "" without a chart."""
    if chart is None:
        return ""
    e = html.escape
    return (f'<section aria-labelledby="{anchor}">\n<h2 id="{anchor}">{e(heading)}</h2>\n'
            f"{_figure_html(chart, chart_table_html(chart))}\n</section>\n")


def _chart_section_md(heading: str, chart: Chart | None) -> list[str]:
    return [f"## {md_text(heading)}", *chart_table_md(chart)] if chart is not None else []


def _practices_head() -> list[str]:
    k = ru.KOPILKA
    return [k["col_title"], k["col_authors"], k["col_stage"], k["col_materials"]]


def _practices_html(practices: list[Practice]) -> str:
    """The копилка as a table; the one link a value may make: an http(s) address, escaped."""
    if not practices:
        return ""
    k, e = ru.KOPILKA, html.escape
    out = [f'<section aria-labelledby="practices">\n<h2 id="practices">{e(k["heading"])}</h2>',
           f"<table>\n<caption>{e(k['heading'])}</caption>\n<thead><tr>"]
    out += [f'<th scope="col">{e(h)}</th>' for h in _practices_head()]
    out.append("</tr></thead>\n<tbody>")
    for p in practices:
        link = (f'<a href="{e(p.link, quote=True)}" rel="nofollow noopener noreferrer">{e(k["materials_link"])}</a>'
                if p.link else e(k["no_link"]))
        out.append(f'<tr><th scope="row">{e(p.title)}</th><td>{e(p.authors or k["no_authors"])}</td>'
                   f"<td>{e(p.stage)}</td><td>{link}</td></tr>")
    out.append("</tbody>\n</table>\n</section>\n")
    return "\n".join(out)


def _practices_md(practices: list[Practice]) -> list[str]:
    if not practices:
        return []
    k = ru.KOPILKA
    rows = [[p.title, p.authors or k["no_authors"], p.stage, p.link or k["no_link"]] for p in practices]
    return [f"## {md_text(k['heading'])}", md_table(_practices_head(), rows)]


def page_html(title: str, main: str) -> str:
    """A whole page around `main` (already escaped HTML): the head every public page shares —
    its Content-Security-Policy, its title escaped, the inline style."""
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
{CSP_META}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
{CSS}
</style>
</head>
<body>
<main>
{main}</main>
</body>
</html>
"""


def render_html(page: Page) -> str:
    p, e = ru.PUBLISH, html.escape
    stage_head = [p["col_stage"], p["col_events"], p["col_done"], p["col_in_progress"], p["col_planned"], p["col_overdue"]]
    upcoming = (table_html(page.upcoming_heading, [p["col_date"], p["col_event"], p["col_status"]],
                            [[r[0], r[1], r[2]] for r in page.upcoming])
                if page.upcoming else f"<p>{e(page.no_upcoming)}</p>")
    return page_html(page.title, f"""<h1>{e(p["h1"])}</h1>
<p class="meta">{e(page.title)}. {e(page.as_of)}.</p>
<section aria-labelledby="figures">
<h2 id="figures">{e(p["figures_heading"])}</h2>
{table_html(p["figures_heading"], [p["col_indicator"], p["col_value"]], page.figures, numeric={1})}
{_figure_html(page.pairs_chart, chart_table_html(page.pairs_chart) if page.pairs_chart else "")}
</section>
<section aria-labelledby="answers">
<h2 id="answers">{e(p["answers_heading"])}</h2>
{_figure_html(page.answers_chart, chart_table_html(page.answers_chart) if page.answers_chart else "")}
</section>
{_chart_section_html("plan", p["plan_heading"], page.plan_chart)}{_chart_section_html("before-after", p["before_after_heading"], page.before_after_chart)}<section aria-labelledby="roadmap">
<h2 id="roadmap">{e(p["roadmap_heading"])}</h2>
{_figure_html(page.roadmap_chart, f'<p>{e(p["roadmap_chart_data"])}</p>')}
{table_html(p["roadmap_heading"], stage_head, page.stages, numeric={1, 2, 3, 4, 5})}
</section>
<section aria-labelledby="upcoming">
<h2 id="upcoming">{e(page.upcoming_heading)}</h2>
{upcoming}
</section>
{_practices_html(page.practices)}<footer>
<p>{e(p["privacy"])} {e(p["generated"])}</p>
</footer>
""")


def render_markdown(page: Page) -> str:
    """The page as Markdown: every text through `md_text`, so no value becomes markup or a link."""
    p, m = ru.PUBLISH, md_text
    stage_head = [p["col_stage"], p["col_events"], p["col_done"], p["col_in_progress"], p["col_planned"], p["col_overdue"]]
    upcoming = (md_table([p["col_date"], p["col_event"], p["col_status"]], page.upcoming)
                if page.upcoming else m(page.no_upcoming))
    return "\n\n".join([
        f"# {m(p['h1'])}",
        f"{m(page.title)}. {m(page.as_of)}.",
        f"## {m(p['figures_heading'])}",
        md_table([p["col_indicator"], p["col_value"]], page.figures),
        *chart_table_md(page.pairs_chart),
        f"## {m(p['answers_heading'])}",
        *chart_table_md(page.answers_chart),
        *_chart_section_md(p["plan_heading"], page.plan_chart),
        *_chart_section_md(p["before_after_heading"], page.before_after_chart),
        f"## {m(p['roadmap_heading'])}",
        md_table(stage_head, page.stages),
        f"## {m(page.upcoming_heading)}",
        upcoming,
        *_practices_md(page.practices),
        f"*{m(p['privacy'])} {m(p['generated'])}*",
    ]) + "\n"


def _write(path: Path, text: str) -> None:
    safe_files.write_text(path, text, mode=0o644)  # a public page: the web server reads it



def school_indicators(tables: Mapping[str, TableData], today: dt.date, limits: Limits
                      ) -> tuple[dict[str, TableData], dict[str, BankCheck], Indicators]:
    """The banks as read, their checks and the school's indicators, from one read of the banks,
    «Пары», «Предложения», «Мониторинг» and «Дорожная карта» — what the public page, the report
    and the municipal aggregates count from."""
    banks = {t.key: tables[t.key] for t in BANKS}
    checks = check_banks(banks, today, limits)
    return banks, checks, compute(checks, tables[PAIRS.key].frame, tables[PROPOSALS.key].frame,
                                  tables[MONITORING.key].frame, tables[ROADMAP.key].frame)


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
    """Write ``index.html`` and ``index.md`` into `out_dir` (see the module docstring); the
    events left off the page are counted, by row, in the result's notes and in «Журнал»."""
    if with_names:
        raise PublishError(ru.PUBLISH["names_unsupported"])
    now = now or dt.datetime.now()
    today = now.date()
    tables = workspace.read([*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP, LOG, PRACTICES, SELF_ASSESSMENT])
    banks, checks, ind = school_indicators(tables, today, limits)
    practices = (select_practices(tables[PRACTICES.key], banks, checks, tables[PAIRS.key], publishable)
                 if tables[PRACTICES.key].ok and tables[PAIRS.key].ok and all(b.ok for b in banks.values()) else None)
    names = people_index(banks, tables[PAIRS.key])
    selection = select_public(tables[ROADMAP.key].records, names)
    stages, upcoming = roadmap_progress(selection.public, today, days)
    pairs_chart = pair_share(consented_mentees(checks.get("mentees")), pair_starts(tables[PAIRS.key].frame), today,
                             min_answers)
    # issue 22: the pairs by their plans; the self-assessment before/after of mentees with consent
    plan_chart = pairs_by_plan(tables[PAIRS.key].frame, min_answers) if tables[PAIRS.key].ok else None
    before_after = self_assessment_change(consented_before_after(tables[SELF_ASSESSMENT.key], checks), min_answers)
    page = build_page(school, today, ind, stages, upcoming, names, days, min_answers, pairs_chart,
                      practices.practices if practices else None, plan_chart, before_after)
    out = Path(out_dir)
    html_path, md_path = out / "index.html", out / "index.md"
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write(html_path, render_html(page))
        _write(md_path, render_markdown(page))
    except OSError as exc:
        raise WorkspaceError(ru.PUBLISH["out_unwritable"].format(path=out, reason=exc)) from exc
    notes = [p.message for t in (*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP, PRACTICES) for p in tables[t.key].problems]
    notes += practices.notes() if practices else []
    result = PublishResult(html_path, md_path, ind, stages, upcoming, notes + selection.notes(), selection, practices)
    if tables[LOG.key].ok:
        changes = ChangeSet()
        changes.append(LOG, log_row("publish", now, dt.datetime.now() if now is None else now, "ok", result.lines(), result.counts()))
        workspace.commit(changes)
    return result


__all__ = ["CSP_META", "page_html", "school_indicators", "CSS", "chart_table_html", "chart_table_md", "md_table", "table_html", "PublishError", "PublishResult", "RoadmapSelection", "md_text", "people_index", "publish", "publishable",
           "render_html", "render_markdown", "select_public"]
