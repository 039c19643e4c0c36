"""`report`: the monitoring report document (a Google Doc or a .docx) for the round table on best
practices — the figures of `jobs.indicators`, averages per question with a chart picture (drawn
by `jobs.charts`: the questions named under their bars, the number of answers, the bands on the
bars), the pairs by ID and (issue 22) a chart of the pairs by the progress of their plans (on
track, behind, done: `jobs.charts.builders.pairs_by_plan`, no bar from fewer than ``[privacy]
min_answers`` pairs in all), the difficulties closed and the roadmap by stage, and (issue 19) the
practices of «Методическая копилка» under the public page's rules (`jobs.kopilka`).

The document is made from the template «Шаблон — отчёт о мониторинге…» (`sheets_schema.templates
.REPORT`, placed by `init` or by the first run, checked before use like every template) through
the workspace's `DocumentStore`, so it works on both backends: on the local one a .docx in
``documents/``, on Google a Doc in nastavnik's documents folder.

No personal data: the report goes to colleagues at the round table. Pairs are named by their
«ID пары» only; every average of the monitoring answers — per question, overall, per pair, the
chart — is released by `jobs.disclosure` (none from fewer than ``[privacy] min_answers`` answers,
and as a band, so that two reports a day apart do not give away the answer that came between
them), and answers of people without consent are counted nowhere (`jobs.indicators`); what the
document says is built from counts, bands, the fixed lists (questions, difficulties, statuses)
and the roadmap's stage titles, and every text passes
`jobs.publish.publishable`: a text that holds an e-mail, a name of the banks or of «Пары» in any
case or as initials, or «не публиковать» is replaced whole by «…» (`jobs.personal_names`).

One report per day: its idempotency key is ``report:<date>``, so a rerun the same day finds that
day's report instead of making another (on Google, a copy a crashed run left unfilled is filled).
The run is logged in «Журнал». ``dry_run`` says what would be made and makes nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Sequence

import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.rules import Limits
from sheets_schema.tables import BANKS, LOG, MONITORING, PAIRS, PROPOSALS, ROADMAP, SELF_ASSESSMENT
from sheets_schema.templates import REPORT, Fill, Image, safe_value
from sheets_schema.tables import PRACTICES
from sync.errors import EXIT_OK
from sync.workspace import ChangeSet, DocumentStore, StoredDocument, StructureError, Workspace
from jobs.config import School
from jobs.documents.fill import school_year
from jobs.documents.settings import DocumentSettings
from jobs import disclosure
from jobs.disclosure import MIN_ANSWERS
from jobs.indicators import QUESTIONS, Indicators, percent, question_title
from jobs.orders import prepare_templates
from jobs.personal_names import PersonalNames
from jobs.publish import HIDDEN, StageProgress, people_index, publishable, roadmap_progress, school_indicators
from jobs.charts import render
from jobs.charts.model import Chart
from jobs.charts.builders import pairs_by_plan, question_averages, self_assessment_change
from jobs.self_assessment import BeforeAfter, consented_before_after
from jobs.result import NO_COUNTS, Counts
from jobs.runlog import log_row
from jobs.kopilka import Practice, select_practices

CHART = "chart"  # the placeholder the picture takes the place of
PLAN_CHART = "plan_chart"  # issue 22: the pairs by the progress of their plans
BEFORE_AFTER_CHART = "before_after_chart"  # issue 19: the self-assessment's picture, when answered
CHART_WIDTH_CM, CHART_HEIGHT_CM = render.WIDTH_CM, render.HEIGHT_CM


@dataclass
class ReportResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    key: str = ""
    document: StoredDocument | None = None
    created: bool = False  # made by this run (False: found, or a dry run)
    indicators: Indicators = field(default_factory=Indicators)
    fill: Fill = field(default_factory=Fill)
    notes: list[str] = field(default_factory=list)  # the summary, in order; read through lines()

    @property
    def exit_code(self) -> int:
        """0 by README's exit-code table: pairs held back (no consent…) are reported in the sheet
        and the output, and nothing to do is not a failure; a template that stops the documents
        raises `TemplateError` (exit 1) before a result exists."""
        return EXIT_OK

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        """The Russian summary lines, in the order they happened."""
        return list(self.notes)


def report_key(today: dt.date) -> str:
    """The idempotency key of the report of `today`: one report per day."""
    return f"report:{today.isoformat()}"


def report_name(today: dt.date) -> str:
    return f"{REPORT.document} на {today:%d.%m.%Y}"


# --- what goes into the document (pure) -------------------------------------------------------
def figure_rows(ind: Indicators, min_answers: int = MIN_ANSWERS) -> list[dict[str, str]]:
    """The indicators: (name, value) rows, counts with their base and share; satisfaction as its
    band and the difficulties closed only from `min_answers` responses (`jobs.disclosure`)."""
    m, r = ru.MONITOR, ru.REPORT
    enough = ind.responses >= min_answers

    def of(part: int, whole: int) -> str:
        return r["of"].format(value=part, total=whole, share=percent(part, whole))

    rows = [
        (m["mentees"], str(ind.mentees)),
        (m["with_pair"], of(ind.with_pair, ind.mentees)),
        (m["with_programme"], of(ind.with_programme, ind.mentees)),
        (m["unmatched"], of(ind.unmatched, ind.mentees)),
        (m["young_in_mentoring"], of(ind.young_in_mentoring, ind.young)),
        (m["pairs_active"], str(ind.pairs_active)),
        (m["programmes_completed"], str(ind.programmes_completed)),
        (m["responses"], str(ind.responses)),
        (m["satisfaction"], disclosure.text(disclosure.question_band(ind, "satisfaction", min_answers))),
        (m["difficulties_closed"], of(ind.difficulties_closed, ind.difficulties_declared) if enough
         else disclosure.text(None)),
        (m["plan_done"], of(ind.plan_done, ind.plan_total)),
        (m["plan_overdue"], of(ind.plan_overdue, ind.plan_total)),
    ]
    return [{"name": name, "value": value} for name, value in rows]


def question_rows(ind: Indicators, min_answers: int = MIN_ANSWERS) -> list[dict[str, str]]:
    """One row per question of the monitoring questionnaire, numbered as the chart's bars: the
    band of its average (`jobs.disclosure`) and the number of answers."""
    rows = []
    for no, q in enumerate(QUESTIONS, start=1):
        _, count = ind.per_question.get(q, (None, 0))
        band = disclosure.question_band(ind, q, min_answers)
        rows.append({"no": str(no), "name": question_title(q), "average": disclosure.text(band), "answers": str(count)})
    return rows


def chart_image(ind: Indicators, min_answers: int = MIN_ANSWERS) -> Image:
    """The chart of the bands of the averages per question (`jobs.charts.builders.question_averages`:
    the questions named under their bars with the number of answers, a question with too few
    answers without a bar), as a PNG at print resolution (`jobs.charts.render`)."""
    width, height = render.pixel_size(CHART_WIDTH_CM, CHART_HEIGHT_CM)
    return Image(png=render.png(question_averages(ind, min_answers), CHART_WIDTH_CM, CHART_HEIGHT_CM),
                 width_px=width, height_px=height, width_cm=CHART_WIDTH_CM, alt=ru.REPORT["chart_alt"])


def pair_rows(ind: Indicators, min_answers: int = MIN_ANSWERS) -> list[dict[str, str]]:
    """Pairs by ID: a pair's figures only from `min_answers` of its responses, as bands; below
    that «мало ответов» — a pair's one or two answers are a person's, not an aggregate."""
    return [{"pair_id": p.pair_id, "status": p.status, "responses": str(p.responses),
             "satisfaction": disclosure.text(p.satisfaction), "all_questions": disclosure.text(p.all_questions)}
            for p in disclosure.pair_figures(ind, min_answers)]


def before_after_rows(items: Sequence[BeforeAfter], min_answers: int = MIN_ANSWERS) -> list[dict[str, str]]:
    """Issue 19: per difficulty rated at both stages, the bands of the mean before and after
    (`jobs.disclosure`: none from fewer than `min_answers` mentees) and the number of mentees."""
    rows = []
    for item in items:
        if not item.answers:
            continue
        before = disclosure.released([[b] for b, _ in item.pairs], min_answers)
        after = disclosure.released([[a] for _, a in item.pairs], min_answers)
        rows.append({"name": item.difficulty, "before": disclosure.text(before), "after": disclosure.text(after),
                     "answers": str(item.answers)})
    return rows


def before_after_figure(items: Sequence[BeforeAfter], min_answers: int = MIN_ANSWERS) -> Chart:
    """The before/after chart (`jobs.charts.builders.self_assessment_change`) of the difficulties rated."""
    return self_assessment_change(items, min_answers)


def picture(chart: Chart, alt: str) -> Image:
    """A chart as a PNG at print resolution, `alt` in its place where a backend cannot put it."""
    width, height = render.pixel_size(CHART_WIDTH_CM, CHART_HEIGHT_CM)
    return Image(png=render.png(chart, CHART_WIDTH_CM, CHART_HEIGHT_CM), width_px=width, height_px=height,
                 width_cm=CHART_WIDTH_CM, alt=alt)


def before_after_image(chart: Chart) -> Image:
    """The before/after chart as a PNG at print resolution."""
    return picture(chart, ru.EVALUATION["chart_title"])


def practice_rows(practices: list[Practice]) -> list[dict[str, str]]:
    """Issue 19: the «Методическая копилка» for the round table, as selected by `jobs.kopilka` (the
    public page's rules: authors' names only by consent, a title naming anyone else withheld, a
    materials address only when http(s)); every value through `safe_value`."""
    k = ru.KOPILKA
    return [{"title": safe_value(p.title), "authors": safe_value(p.authors or k["no_authors"]),
             "stage": safe_value(p.stage), "materials": safe_value(p.link or k["no_link"])} for p in practices]


def stage_rows(stages: list[StageProgress]) -> list[dict[str, str]]:
    return [{"name": f"{s.stage_no}. {s.stage}" if s.stage_no else s.stage, "events": str(s.total),
             "done": str(s.counts.get(vocabulary.ROADMAP_STATUS_DONE, 0)),
             "in_progress": str(s.counts.get(vocabulary.ROADMAP_STATUS_IN_PROGRESS, 0)),
             "planned": str(s.counts.get(vocabulary.ROADMAP_STATUS_PLANNED, 0)),
             "overdue": str(s.counts.get(vocabulary.ROADMAP_STATUS_OVERDUE, 0))}
            for s in stages]


def report_fill(ind: Indicators, stages: list[StageProgress], school: School, today: dt.date,
                names: PersonalNames, min_answers: int = MIN_ANSWERS,
                before_after: Sequence[BeforeAfter] = (), plan: Chart | None = None) -> Fill:
    """The fill of the report template; a text naming anyone (`publishable`) becomes «…» whole;
    figures from answers released by `jobs.disclosure`; `plan` — the pairs by their plans
    (`jobs.charts.builders.pairs_by_plan`; None: of no pair), drawn even when too few pairs
    leave it without bars, as the questions' chart is, its caption saying why."""
    r = ru.REPORT

    def clean(text: object) -> str:
        return safe_value(str(text) if publishable(str(text), names) else HIDDEN)

    def rows(items: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{k: clean(v) for k, v in item.items()} for item in items]

    year = school_year(today)
    figure = before_after_figure(before_after, min_answers)  # issue 19
    plan = plan or pairs_by_plan(pd.DataFrame(), min_answers)  # issue 22
    values = {
        "school": clean(getattr(school, "name", "") or ""),
        "period": r["period"].format(year=year),
        "report_date": today.strftime("%d.%m.%Y"),
        "school_year": year,
        "chart_caption": f'{r["chart_caption"]} {question_averages(ind, min_answers).note}',
        "plan_caption": f'{r["plan_caption"]} {plan.note}',
        "privacy_note": ru.DISCLOSURE["report_note"].format(min_answers=min_answers),
        # the coordinator and the head sign the report: their names are the signature, not data
        # about a participant, so they are not scrubbed
        "coordinator": safe_value(getattr(school, "coordinator", "") or ""),
        "head": safe_value(getattr(school, "head", "") or ""),
        # issue 19: the self-assessment's chart caption (the difficulties are the fixed list)
        "before_after_caption": f'{ru.EVALUATION["chart_title"]}. {figure.note}' if figure.bars else "",
        BEFORE_AFTER_CHART: "" if figure.bars else ru.EVALUATION["no_answers"],  # text when no picture
    }
    difficulties = [{"name": d, "count": str(n)} for d, n in ind.closed_by_difficulty.items()
                    if ind.responses >= min_answers]
    return Fill(
        values=values,
        rows={"figures": rows(figure_rows(ind, min_answers)), "questions": rows(question_rows(ind, min_answers)),
              "pairs": rows(pair_rows(ind, min_answers)), "difficulties": rows(difficulties),
              "stages": rows(stage_rows(stages)),
              "before_after": rows(before_after_rows(before_after, min_answers))},
        images={CHART: chart_image(ind, min_answers), PLAN_CHART: picture(plan, r["plan_chart_alt"]),
                **({BEFORE_AFTER_CHART: before_after_image(figure)} if figure.bars else {})},
    )


# --- the job ----------------------------------------------------------------------------------
def report(
    workspace: Workspace,
    school: School,
    settings: DocumentSettings = DocumentSettings(),
    now: dt.datetime | None = None,
    *,
    dry_run: bool = False,
    limits: Limits = Limits(),
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    store: DocumentStore | None = None,
    min_answers: int = MIN_ANSWERS,
) -> ReportResult:
    """Make today's monitoring report, or find the one made earlier today (module docstring).

    Raises `StructureError` when a tab the figures come from cannot be read as it should, and
    `jobs.documents.check.TemplateError` when the report template cannot be used; nothing is
    made then.
    """
    started = now or clock()
    today = started.date()
    result = ReportResult(started=started, finished=started, dry_run=dry_run, key=report_key(today))
    tables = workspace.read([*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP, LOG, SELF_ASSESSMENT, PRACTICES])
    problems = [p for t in (*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP) for p in tables[t.key].problems]
    if problems:
        raise StructureError(problems)
    banks, checks, ind = school_indicators(tables, today, limits)
    stages, _ = roadmap_progress(tables[ROADMAP.key].records, today)
    names = people_index(banks, tables[PAIRS.key])
    result.indicators = ind
    result.fill = report_fill(ind, stages, school, today, names, min_answers,
                              before_after=consented_before_after(tables[SELF_ASSESSMENT.key], checks),
                              plan=pairs_by_plan(tables[PAIRS.key].frame, min_answers))
    # issue 19: the practices of «Методическая копилка» (an unreadable tab: said, and none listed)
    if tables[PRACTICES.key].ok:
        practices = select_practices(tables[PRACTICES.key], banks, checks, tables[PAIRS.key], publishable)
        result.fill.rows["practices"] = practice_rows(practices.practices)
        result.notes += practices.notes()
    else:
        result.fill.rows["practices"] = []
        result.notes += [p.message for p in tables[PRACTICES.key].problems]

    store = store or workspace.documents(settings.store_settings())
    prepare_templates(store, (REPORT,), dry_run, result.notes)
    found = store.existing().get(result.key)
    r = ru.REPORT
    if dry_run:
        result.document = found
        result.notes.append(r["dry_found" if found else "dry_create"].format(
            date=today.strftime("%d.%m.%Y"), link=found.link if found else ""))
        result.finished = clock() if now is None else now
        return result
    doc = store.create(REPORT, found.name if found else report_name(today), result.fill, result.key, found=found)
    result.document, result.created = doc, found is None
    result.notes.append(r["created" if found is None else "found"].format(
        date=today.strftime("%d.%m.%Y"), link=doc.link))
    result.notes += store.lines
    result.finished = clock() if now is None else now
    if tables[LOG.key].ok:
        changes = ChangeSet()
        changes.append(LOG, log_row("report", started, result.finished, "ok", result.notes, result.counts()))
        workspace.commit(changes)
    return result


__all__ = ["PLAN_CHART", "ReportResult", "chart_image", "picture", "figure_rows", "question_rows", "report", "report_fill", "report_key"]
