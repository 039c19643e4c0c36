"""`nastavnik municipal report`: every school's indicators side by side, with totals — a document
for the methodological centre and a page for the municipal site.

The figures are `jobs.municipal.aggregate.SchoolFigures`: counts and released bands only, so no
name, e-mail or text a person typed can reach the document or the page. On top of the schools'
own thresholds (`jobs.disclosure`, `jobs.charts.builders`) the report withholds:

- a **share** of people (mentees in a pair, with a programme; young teachers in mentoring) when
  its base is below the threshold — «менее N чел.»; a pairs' distribution likewise («менее N пар»);
- an **average** of answers below the threshold — «менее N ответов» (a band otherwise);
- in the **totals**, a share adds up only the schools whose share is shown (a total over a
  withheld school would give its figure away by subtraction); the municipality's average of a
  question is the band of the mean over the answers each school released (`pooled_band`).

A school that could not be read keeps its row («нет данных»); the document names the reason, the
public page only that its data were not received (a reason may name a server path).

The document is made from `sheets_schema.templates.municipal.MUNICIPAL` by the project's local
document store in the output folder (``templates/`` and ``documents/`` there — a .docx; the
template is placed on the first run and checked before use like a school's); one a day: its key is
``municipal-report:<date>``, so a rerun the same day finds it. The page is ``site/index.html`` and
``site/index.md``, built with `jobs.publish`'s own escaping, tables and inline charts.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from sheets_schema import ru
from sheets_schema.templates import Fill, Image, safe_value
from sheets_schema.templates.municipal import MUNICIPAL
from sync import safe_files
from sync.errors import EXIT_OK
from sync.factory import open_workspace
from sync.workspace import DocumentStore, StoredDocument, Workspace, WorkspaceError
from jobs.charts import render
from jobs.charts.model import Chart
from jobs.charts import municipal as municipal_charts
from jobs.charts.inline_svg import inline_svg
from jobs.charts.municipal import CROWDED, SchoolPlan, SchoolShare, pair_shares, plan_progress
from jobs.disclosure import MIN_ANSWERS, Band
from jobs.documents.fill import school_year
from jobs.indicators import QUESTIONS, percent, question_title
from jobs.municipal.aggregate import SchoolFigures, SharedPairs, gather_municipality, pooled_band, same_school
from jobs.municipal.config import MunicipalConfig, SchoolEntry
from jobs.orders import prepare_templates
from jobs.publish import (  # the page's own machinery: one shell and head, one escaping, one table, one chart's data
    chart_table_html, chart_table_md, md_table, md_text, page_html, table_html,
)
from jobs.result import NO_COUNTS, Counts

R = ru.MUNICIPAL_REPORT
SITE_DIR = "site"
CHART_WIDTH_CM, CHART_HEIGHT_CM = 16.0, 11.0


@dataclass
class MunicipalReportResult:
    """What `municipal_report` made: the schools' figures, the document and the page."""

    today: dt.date
    schools: list[SchoolFigures]
    document: StoredDocument | None = None
    created: bool = False
    html_path: Path | None = None
    md_path: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[SchoolFigures]:
        return [s for s in self.schools if not s.readable]

    @property
    def exit_code(self) -> int:
        """The worst failed school's (a school not read is 2 or 3); 0 when every school was read.
        The document and the page are made either way."""
        return max((s.exit_code for s in self.failed), default=EXIT_OK)

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        read = len(self.schools) - len(self.failed)
        out = [R["summary"].format(total=len(self.schools), read=read, failed=len(self.failed))]
        out += [R["school_failed"].format(school=s.name, reason=s.reason) for s in self.failed]
        return out + self.notes


# --- the figures as texts (pure) --------------------------------------------------------------
def share_text(part: int, whole: int, threshold: int) -> str:
    """«12 из 15 (80 %)», or «менее N чел.» when the base is below the threshold."""
    if whole < threshold:
        return R["few_people"].format(min_answers=threshold)
    return R["of"].format(value=part, total=whole, share=percent(part, whole))


def band_text(band: Band | None, threshold: int) -> str:
    return band.text if band is not None else R["few_answers"].format(min_answers=threshold)


def _threshold(school: SchoolFigures, min_answers: int) -> int:
    return max(min_answers, school.min_answers)


def school_label(school: SchoolFigures, schools: Sequence[SchoolFigures]) -> str:
    """The school as the tables name it: with its key when the charts name it so (over
    `jobs.charts.municipal.CROWDED` schools)."""
    return f"{school.name} ({school.key})" if len(schools) > CROWDED and school.key else school.name


def _readable(schools: Sequence[SchoolFigures]) -> list[SchoolFigures]:
    return [s for s in schools if s.readable]


def _shown_total(schools: Sequence[SchoolFigures], part: str, whole: str, min_answers: int) -> str:
    """A share over the schools whose own share is shown (module docstring)."""
    shown = [s for s in _readable(schools) if getattr(s, whole) >= _threshold(s, min_answers)]
    return share_text(sum(getattr(s, part) for s in shown), sum(getattr(s, whole) for s in shown), min_answers)


def _twice(counted: Sequence[SchoolFigures]) -> list[SharedPairs]:
    """The network pairs a sum over `counted` would take twice: a mentor school's shared pairs
    whose partner school is summed too."""
    names = {same_school(s.name) for s in counted}
    return [p for s in counted for p in s.shared if p.partner in names]


def people_rows(schools: Sequence[SchoolFigures], min_answers: int = MIN_ANSWERS) -> list[dict[str, str]]:
    """Table 1: the banks, pairs and shares of each school, then the totals."""
    rows = []
    for s in schools:
        if not s.readable:
            rows.append({"name": school_label(s, schools), **{k: R["no_data"] for k in (
                "mentors", "mentees", "pairs", "with_pair", "with_programme", "young")}})
            continue
        t = _threshold(s, min_answers)
        rows.append({"name": school_label(s, schools), "mentors": str(s.mentors), "mentees": str(s.mentees), "pairs": str(s.pairs_active),
                     "with_pair": share_text(s.with_pair, s.mentees, t),
                     "with_programme": share_text(s.with_programme, s.mentees, t),
                     "young": share_text(s.young_in_mentoring, s.young, t)})
    read = _readable(schools)
    rows.append({"name": R["total"], "mentors": str(sum(s.mentors for s in read)),
                 "mentees": str(sum(s.mentees for s in read)),
                 "pairs": str(sum(s.pairs_active for s in read) - sum(p.pairs for p in _twice(read))),
                 "with_pair": _shown_total(schools, "with_pair", "mentees", min_answers),
                 "with_programme": _shown_total(schools, "with_programme", "mentees", min_answers),
                 "young": _shown_total(schools, "young_in_mentoring", "young", min_answers)})
    return rows


def _plan_cells(pairs: int, on_track: int, behind: int, done: int, threshold: int) -> dict[str, str]:
    if pairs < threshold:
        few = R["few_pairs"].format(min_answers=threshold)
        return {"plan_pairs": str(pairs), "on_track": few, "behind": few, "done": few}
    return {"plan_pairs": str(pairs), "on_track": str(on_track), "behind": str(behind), "done": str(done)}


def progress_rows(schools: Sequence[SchoolFigures], min_answers: int = MIN_ANSWERS) -> list[dict[str, str]]:
    """Table 2: pairs by the progress of their plans, the responses and the satisfaction band."""
    rows = []
    for s in schools:
        if not s.readable:
            rows.append({"name": school_label(s, schools), **{k: R["no_data"] for k in (
                "plan_pairs", "on_track", "behind", "done", "responses", "satisfaction")}})
            continue
        t = _threshold(s, min_answers)
        plan = (_plan_cells(s.plan_pairs, s.plan_on_track, s.plan_behind, s.plan_done, t) if s.plan_read
                else dict.fromkeys(("plan_pairs", "on_track", "behind", "done"), R["plan_unreadable"]))
        q = s.question("satisfaction")
        rows.append({"name": school_label(s, schools), **plan, "responses": str(s.responses),
                     "satisfaction": band_text(q.band if q else None, t)})
    read = _readable(schools)
    shown = [s for s in read if s.plan_read and s.plan_pairs >= _threshold(s, min_answers)]
    twice = [p.plan for p in _twice(shown)]  # a network pair's plan is on both schools' tabs: once
    total = _plan_cells(*(sum(s.plan_pairs for s in shown) - sum(t[0] for t in twice),
                          sum(s.plan_on_track for s in shown) - sum(t[1] for t in twice),
                          sum(s.plan_behind for s in shown) - sum(t[2] for t in twice),
                          sum(s.plan_done for s in shown) - sum(t[3] for t in twice)), min_answers)
    planned = [s for s in read if s.plan_read]
    total["plan_pairs"] = str(sum(s.plan_pairs for s in planned) - sum(p.plan[0] for p in _twice(planned)))
    rows.append({"name": R["total"], **total, "responses": str(sum(s.responses for s in read)),
                 "satisfaction": band_text(total_band(schools, "satisfaction", min_answers), min_answers)})
    return rows


def total_band(schools: Sequence[SchoolFigures], question: str, min_answers: int = MIN_ANSWERS) -> Band | None:
    """The municipality's band for one question (`pooled_band` over the schools read)."""
    return pooled_band([q for s in _readable(schools) if (q := s.question(question)) is not None], min_answers)


def answer_rows(schools: Sequence[SchoolFigures], min_answers: int = MIN_ANSWERS) -> list[dict[str, str]]:
    """Table 3: the band of each question per school (columns q1…q6 in the questionnaire's order)."""
    rows = []
    for s in schools:
        t = _threshold(s, min_answers)
        row = {"name": school_label(s, schools)}
        for no, key in enumerate(QUESTIONS, start=1):
            q = s.question(key)
            row[f"q{no}"] = band_text(q.band if q else None, t) if s.readable else R["no_data"]
        rows.append(row)
    rows.append({"name": R["total"], **{f"q{no}": band_text(total_band(schools, key, min_answers), min_answers)
                                        for no, key in enumerate(QUESTIONS, start=1)}})
    return rows


def questions_legend() -> str:
    return R["questions_legend"].format(
        legend="; ".join(f"{no} — {question_title(q)}" for no, q in enumerate(QUESTIONS, start=1)))


def charts(schools: Sequence[SchoolFigures], min_answers: int = MIN_ANSWERS) -> tuple[Chart, Chart]:
    """The share of mentees with a pair per school, and the pairs by plan progress per school."""
    shares = [SchoolShare(s.name, s.mentees if s.readable else None, s.with_pair, s.min_answers, s.key)
              for s in schools]
    plans = [SchoolPlan(s.name, s.plan_pairs if s.readable and s.plan_read else None, s.plan_on_track,
                        s.plan_behind, s.plan_done, s.min_answers, s.key) for s in schools]
    return pair_shares(shares, min_answers), plan_progress(plans, min_answers)


# --- the document -----------------------------------------------------------------------------
def report_key(today: dt.date) -> str:
    return f"municipal-report:{today.isoformat()}"


def _image(chart: Chart) -> Image:
    width, height = render.pixel_size(CHART_WIDTH_CM, CHART_HEIGHT_CM)
    return Image(png=municipal_charts.png(chart, CHART_WIDTH_CM, CHART_HEIGHT_CM), width_px=width, height_px=height,
                 width_cm=CHART_WIDTH_CM, alt=R["chart_alt"])


def report_fill(municipality: str, schools: Sequence[SchoolFigures], today: dt.date,
                min_answers: int = MIN_ANSWERS, place: str = "") -> Fill:
    """The fill of the municipal template: every value through `safe_value`."""
    def clean(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{k: safe_value(v) for k, v in row.items()} for row in rows]

    pairs_chart, plan_chart = charts(schools, min_answers)
    read = len(_readable(schools))
    return Fill(
        values={"municipality": safe_value(municipality), "place": safe_value(place),
                "period": ru.REPORT["period"].format(year=school_year(today)),
                "report_date": today.strftime("%d.%m.%Y"),
                "schools_read": R["schools"].format(total=len(schools), read=read),
                "privacy_note": R["privacy_note"].format(min_answers=min_answers),
                "pairs_caption": f"{pairs_chart.title}. {pairs_chart.note}",
                "plan_caption": f"{plan_chart.title}. {plan_chart.note}",
                "questions_legend": questions_legend()},
        rows={"schools": clean(people_rows(schools, min_answers)),
              "progress": clean(progress_rows(schools, min_answers)),
              "answers": clean(answer_rows(schools, min_answers)),
              "failed": clean([{"name": school_label(s, schools), "reason": s.reason} for s in schools
                               if not s.readable])},
        images={"pairs_chart": _image(pairs_chart), "plan_chart": _image(plan_chart)},
    )


def document_store(folder: Path) -> DocumentStore:
    """The project's local document store in `folder` (``templates/``, ``documents/``): the
    municipal report is a .docx whatever the schools' backends."""
    return open_workspace("local", folder, {}).documents({"pdf": False})


# --- the page ---------------------------------------------------------------------------------
def _figure_html(chart: Chart) -> str:
    """A chart inline (`jobs.charts.inline_svg`: only a bar chart's elements, every label
    escaped) with its caption and its data as a table, as `jobs.publish` shows a chart."""
    e = html.escape
    caption = f"<figcaption>{e(chart.note)}</figcaption>\n" if chart.note else ""
    picture = inline_svg(municipal_charts.svg(chart), f"chart-{chart.key}-", chart.title)
    return f'<figure class="chart">\n{picture}\n{caption}</figure>\n{chart_table_html(chart)}'


def _heads() -> tuple[list[str], list[str], list[str]]:
    people = [R["col_school"], R["col_mentors"], R["col_mentees"], R["col_pairs"], R["col_with_pair"],
              R["col_with_programme"], R["col_young"]]
    progress = [R["col_school"], R["col_plan_pairs"], R["col_on_track"], R["col_behind"], R["col_plan_done"],
                R["col_responses"], R["col_satisfaction"]]
    answers = [R["col_school"], *(str(no) for no in range(1, len(QUESTIONS) + 1))]
    return people, progress, answers


def _page_tables(schools: Sequence[SchoolFigures], min_answers: int) -> list[tuple[str, list[str], list[list[str]]]]:
    people, progress, answers = _heads()
    return [(R["heading_people"], people, [list(r.values()) for r in people_rows(schools, min_answers)]),
            (R["heading_plan"], progress, [list(r.values()) for r in progress_rows(schools, min_answers)]),
            (R["heading_questions"], answers, [list(r.values()) for r in answer_rows(schools, min_answers)])]


def render_html(municipality: str, schools: Sequence[SchoolFigures], today: dt.date,
                min_answers: int = MIN_ANSWERS) -> str:
    """The page (`jobs.publish`'s rules: every value escaped, charts inline through
    `jobs.charts.inline_svg`, no script; a Content-Security-Policy that allows nothing but the
    page's own style)."""
    e = html.escape
    title = f"{R['title']} — {municipality}" if municipality else R["title"]
    sections = []
    for no, (heading, head, rows) in enumerate(_page_tables(schools, min_answers), start=1):
        sections.append(f'<section aria-labelledby="t{no}">\n<h2 id="t{no}">{e(heading)}</h2>\n'
                        f"{table_html(heading, head, rows, numeric=set(range(1, len(head))))}\n</section>")
    sections[-1] = sections[-1].replace("</section>", f"<p>{e(questions_legend())}</p>\n</section>")
    figures = "\n".join(_figure_html(c) for c in charts(schools, min_answers))
    failed = [[school_label(s, schools), R["page_unreadable"]] for s in schools if not s.readable]
    failed_html = (f'<section aria-labelledby="failed">\n<h2 id="failed">{e(R["heading_unreadable"])}</h2>\n'
                   f'{table_html(R["heading_unreadable"], [R["col_school"], R["col_reason"]], failed)}\n</section>\n'
                   if failed else "")
    body = "\n".join(sections)
    return page_html(title, f"""<h1>{e(R["title"])}</h1>
<p class="meta">{e(municipality)}. {e(R["as_of"].format(date=today.strftime("%d.%m.%Y")))}. {e(R["schools"].format(
        total=len(schools), read=len(_readable(schools))))}</p>
<p>{e(R["privacy_note"].format(min_answers=min_answers))}</p>
{body}
<section aria-labelledby="charts">
<h2 id="charts">{e(R["heading_charts"])}</h2>
{figures}
</section>
{failed_html}<footer>
<p>{e(R["page_privacy"])} {e(R["page_generated"])}</p>
</footer>
""")


def render_markdown(municipality: str, schools: Sequence[SchoolFigures], today: dt.date,
                    min_answers: int = MIN_ANSWERS) -> str:
    """The page as Markdown: every text through `jobs.publish.md_text`, so no value becomes markup."""
    m = md_text
    parts = [f"# {m(R['title'])}",
             f"{m(municipality)}. {m(R['as_of'].format(date=today.strftime('%d.%m.%Y')))}. "
             f"{m(R['schools'].format(total=len(schools), read=len(_readable(schools))))}",
             m(R["privacy_note"].format(min_answers=min_answers))]
    for heading, head, rows in _page_tables(schools, min_answers):
        parts += [f"## {m(heading)}", md_table(head, rows)]
    parts.append(m(questions_legend()))
    parts.append(f"## {m(R['heading_charts'])}")
    for chart in charts(schools, min_answers):
        parts += chart_table_md(chart)
    failed = [[school_label(s, schools), R["page_unreadable"]] for s in schools if not s.readable]
    if failed:
        parts += [f"## {m(R['heading_unreadable'])}", md_table([R["col_school"], R["col_reason"]], failed)]
    parts.append(f"*{m(R['page_privacy'])} {m(R['page_generated'])}*")
    return "\n\n".join(parts) + "\n"


# --- the job ----------------------------------------------------------------------------------
def municipal_report(municipality: str, schools: Sequence[SchoolFigures], out_dir: Path | str,
                     today: dt.date, *, min_answers: int = MIN_ANSWERS, place: str = "",
                     store: DocumentStore | None = None) -> MunicipalReportResult:
    """Write the document (``documents/`` of `out_dir`, or `store`) and the page (``site/`` of
    `out_dir`) of `schools` (module docstring). Raises `jobs.documents.check.TemplateError`
    when the municipal template cannot be used, `WorkspaceError` when the page cannot be written."""
    out = Path(out_dir)
    result = MunicipalReportResult(today=today, schools=list(schools))
    site = out / SITE_DIR
    html_path, md_path = site / "index.html", site / "index.md"
    try:
        site.mkdir(parents=True, exist_ok=True)
        safe_files.write_text(html_path, render_html(municipality, schools, today, min_answers), mode=0o644)
        safe_files.write_text(md_path, render_markdown(municipality, schools, today, min_answers), mode=0o644)
    except OSError as exc:
        raise WorkspaceError(R["out_unwritable"].format(path=site, reason=exc)) from exc
    result.html_path, result.md_path = html_path, md_path

    store = store or document_store(out)
    prepare_templates(store, (MUNICIPAL,), False, result.notes)
    key = report_key(today)
    found = store.existing().get(key)
    if found is not None:
        result.document = found
        result.notes.append(R["found"].format(date=today.strftime("%d.%m.%Y"), link=found.link))
    else:
        fill = report_fill(municipality, schools, today, min_answers, place)
        name = f"{MUNICIPAL.document} на {today:%d.%m.%Y}"
        result.document, result.created = store.create(MUNICIPAL, name, fill, key), True
        result.notes.append(R["created"].format(link=result.document.link))
    result.notes += store.lines
    result.notes.append(R["page_written"].format(html=html_path, md=md_path))
    return result


def report_municipality(municipal: MunicipalConfig, out_dir: Path | str | None = None, today: dt.date | None = None,
                        open_school: Callable[[SchoolEntry], Workspace] | None = None) -> MunicipalReportResult:
    """Gather every school of `municipal` (`gather_municipality`: a school not read is its row)
    and write the report into `out_dir` (by default the municipality's ``state_dir``)."""
    today = today or dt.date.today()
    schools = gather_municipality(municipal, today, open_school)
    return municipal_report(municipal.name, schools, Path(out_dir) if out_dir else municipal.state_dir, today,
                            min_answers=municipal.min_answers, place=municipal.place)


__all__ = ["MunicipalReportResult", "answer_rows", "charts", "document_store", "municipal_report", "people_rows",
           "progress_rows", "render_html", "render_markdown", "report_fill", "report_key", "report_municipality", "share_text",
           "total_band"]
