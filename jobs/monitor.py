"""`monitor`: the monitoring figures of the programme on their own tab «Итоги мониторинга».

Why a tab of its own and not a block beside the responses on «Мониторинг»: `ingest` appends
responses below the last filled row of «Мониторинг», so a block of figures next to them would
push new responses down and interleave with them; and a summary is rewritten whole every
night, while responses are located row by row. «Итоги мониторинга» belongs to this job alone
(created on first run, after «Мониторинг»; on Google protected with a warning) and is replaced
whole each time (`Workspace.write_summary`):

1. averages per question of the monitoring questionnaire (1–10) — the block the chart plots
   (a native column chart on Google, an Excel chart in the workbook locally);
2. the indicators (`jobs.indicators`): mentees with a pair and with a programme, unmatched,
   young teachers in mentoring, active pairs, programmes completed, responses, satisfaction,
   difficulties overcome, roadmap items done and overdue — value, base and share;
3. per pair: status, responses, satisfaction, mean of all answers (pair ids only, no names);
4. the difficulties marked overcome, by difficulty.
5. (issue 19) the meetings per pair from «Дневник встреч» and the pairs with no meeting for
   ``diary_weeks`` weeks (`jobs.diary`) — only when the diary holds a row; the diary's rows get
   their verdict in «Сообщение» in the same commit as the «Журнал» row. An unreadable diary tab
   is said in the summary and stops nothing else.
6. (issue 19) the plans ticked off (`jobs.plan_progress`): «План мероприятий» is read in the same
   read, each pair's «Выполнение плана»/«Отставание от плана» on «Пары» and each plan row's
   «Сообщение» go in the same commit as the «Журнал» row, and the figures (pairs on track, behind,
   plan complete) in a block of this tab. An unreadable plan tab is said and stops nothing else.
   With ``plan_terms`` (the night), the programmes made before the tab existed get their plan
   rows first (`jobs.plan_backfill`), appended in the same commit and counted at once, with their
   own «Журнал» row.
7. (issue 19) with ``complete`` (the night), the pairs past their «Окончание» become «завершена»
   (`jobs.completion`) in the same read and commit, with that step's own «Журнал» row; the
   figures count them as finished already. So the night's completion costs no request of its own.

Inside the workspace the figures are exact, from any number of answers: no threshold and no
bands (those of `jobs.disclosure` are for what leaves the workspace — the report and the public
page). This tab sits in the same workbook as «Мониторинг», whose rows anyone who can open it
reads answer by answer, so hiding a small average here would protect nobody and would take the
coordinator's working figures away. What does hold here too: answers of people without consent
(bank row not OK) are counted nowhere (`jobs.indicators`).

Nothing is written from a tab that could not be read as it should (a missing tab or column of
the banks, «Пары», «Предложения», «Мониторинг» or «Дорожная карта»): the problems are reported
instead. The run is logged in «Журнал». ``dry_run`` computes and writes nothing.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable
from dataclasses import dataclass, field

from sheets_schema import ru
from sheets_schema.grid import StructureProblem
from sheets_schema.rules import Limits
from sheets_schema.tables import BANKS, CATALOG, LOG, MONITORING, PAIRS, PROPOSALS, ROADMAP, SELF_ASSESSMENT
from sync.workspace import ChangeSet, SummaryChart, SummarySheet, Workspace
from jobs.indicators import QUESTIONS, Indicators, compute, number, question_title
from jobs import self_assessment  # issue 19: the before/after block
from jobs.result import NO_COUNTS, Counts
from jobs.runlog import TIME_FORMAT, log_row
from jobs.validate import check_banks
from jobs import completion as pair_completion
from jobs import plan_progress
from jobs.plan_backfill import Backfill, PlanTerms, backfill
from sheets_schema.tables import PLAN
from jobs import diary as meetings_diary
from jobs.diary import DEFAULT_WEEKS, DiaryCheck
from sheets_schema.tables import DIARY

from sync.errors import EXIT_OK, EXIT_STRUCTURE
QUESTIONS_AT = 5  # 0-based row of the first question's average: the chart's data block
WIDTHS = (58, 16, 12, 22, 24)


@dataclass
class MonitorResult:
    started: dt.datetime
    finished: dt.datetime
    dry_run: bool = False
    indicators: Indicators = field(default_factory=Indicators)
    sheet: SummarySheet | None = None
    written: bool = False
    problems: list[StructureProblem] = field(default_factory=list)
    plan: plan_progress.PlanOutcome = field(default_factory=plan_progress.PlanOutcome)  # issue 19
    diary: DiaryCheck = field(default_factory=DiaryCheck)  # issue 19: the meetings per pair
    diary_notes: list[str] = field(default_factory=list)  # why the diary was not counted
    backfill: Backfill = field(default_factory=Backfill)  # issue 19: plan rows of older programmes
    completion: pair_completion.CompletionResult | None = None  # issue 19: with ``complete``

    @property
    def outcome(self) -> str:
        return "structure" if self.problems else "ok"

    @property
    def exit_code(self) -> int:
        return EXIT_STRUCTURE if self.problems else EXIT_OK

    def counts(self) -> Counts:
        return NO_COUNTS

    def lines(self) -> list[str]:
        m = ru.MONITOR
        out = [p.message for p in self.problems]
        if not self.problems:
            ind = self.indicators
            out.append(m["summary"].format(responses=ind.responses, pairs=ind.pairs_active,
                                           satisfaction=number(ind.satisfaction), tab=m["tab"]))
            out += self.diary_notes + self.diary.lines()
            out += self.backfill.lines() + self.plan.lines()
        if self.dry_run:
            out.append(m["dry_run"].format(tab=m["tab"]))
        return out


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None or value != value else round(value, digits)


def _share(part: int, whole: int) -> float | None:
    return _round(Indicators.share(part, whole), 1)


def summary_sheet(ind: Indicators, now: dt.datetime, diary: DiaryCheck | None = None,
                  plan: plan_progress.PlanOutcome | None = None) -> SummarySheet:
    """The «Итоги мониторинга» tab for these indicators (pure; see the module docstring)."""
    m = ru.MONITOR
    rows: list[list] = [[m["title"]], [m["updated"].format(when=now.strftime(TIME_FORMAT))], [],
                        [m["questions_heading"]], [m["col_question"], m["col_average"], m["col_responses"]]]
    bold = {0, 3, 4}
    for q in QUESTIONS:
        mean, count = ind.per_question.get(q, (None, 0))
        rows.append([question_title(q), _round(mean), count])
    rows += [[], [m["indicators_heading"]]]
    bold |= {len(rows) - 1, len(rows)}
    rows.append([m["col_indicator"], m["col_value"], m["col_of"], m["col_share"]])
    rows += [
        [m["mentees"], ind.mentees],
        [m["with_pair"], ind.with_pair, ind.mentees, _share(ind.with_pair, ind.mentees)],
        [m["with_programme"], ind.with_programme, ind.mentees, _share(ind.with_programme, ind.mentees)],
        [m["unmatched"], ind.unmatched, ind.mentees, _share(ind.unmatched, ind.mentees)],
        [m["no_pair_proposals"], ind.no_pair_proposals],
        [m["young_in_mentoring"], ind.young_in_mentoring, ind.young, _share(ind.young_in_mentoring, ind.young)],
        [m["pairs_active"], ind.pairs_active],
        [m["programmes_completed"], ind.programmes_completed],
        [m["responses"], ind.responses],
        [m["satisfaction"], _round(ind.satisfaction)],
        [m["difficulties_closed"], ind.difficulties_closed, ind.difficulties_declared,
         _share(ind.difficulties_closed, ind.difficulties_declared)],
        [m["plan_done"], ind.plan_done, ind.plan_total, _share(ind.plan_done, ind.plan_total)],
        [m["plan_overdue"], ind.plan_overdue, ind.plan_total, _share(ind.plan_overdue, ind.plan_total)],
    ]
    rows += [[], [m["pairs_heading"]]]
    bold |= {len(rows) - 1, len(rows)}
    rows.append([m["col_pair"], m["col_pair_status"], m["col_responses"], m["col_satisfaction"], m["col_all_questions"]])
    for pair in ind.per_pair.itertuples(index=False):
        rows.append([pair.pair_id, pair.status, int(pair.responses), _round(pair.satisfaction), _round(pair.all_questions)])
    rows += [[], [m["difficulties_heading"]]]
    bold |= {len(rows) - 1, len(rows)}
    rows.append([m["col_difficulty"], m["col_closed"]])
    rows += [[difficulty, count] for difficulty, count in ind.closed_by_difficulty.items()]
    meetings = meetings_diary.summary_rows(diary) if diary is not None else []
    if meetings:  # issue 19: the meetings diary, when the school keeps one
        rows.append([])
        bold |= {len(rows), len(rows) + 1}
        rows += meetings
    if plan is not None and plan.progress:  # issue 19: the plans ticked off
        rows.append([])
        bold |= {len(rows), len(rows) + 1}
        rows += plan.summary_rows()
    chart = SummaryChart(title=m["chart_title"], series=m["chart_series"], first_row=QUESTIONS_AT,
                         rows=len(QUESTIONS), label_col=0, value_col=1, anchor_row=3, anchor_col=6)
    return SummarySheet(title=m["tab"], rows=rows, bold=frozenset(bold), widths=WIDTHS, chart=chart,
                        after=MONITORING.title, note=m["protected"])


def monitor(
    workspace: Workspace,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    limits: Limits = Limits(),
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    diary_weeks: int = DEFAULT_WEEKS,
    plan_behind_percent: int = plan_progress.DEFAULT_BEHIND_PERCENT,
    complete: bool = False,
    plan_terms: PlanTerms | None = None,
) -> MonitorResult:
    """Compute the indicators and write «Итоги мониторинга» with its chart (module docstring).

    One read; then the summary tab (`Workspace.write_summary`) and one commit of the «Журнал» row.
    `complete`: end the pairs past their term in the same read and commit (`jobs.completion`);
    `plan_terms`: give the programmes without plan rows theirs (`jobs.plan_backfill`).
    """
    started = now or clock()
    extra = [CATALOG] if plan_terms is not None else []
    tables = workspace.read([*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP, LOG, DIARY, PLAN, SELF_ASSESSMENT, *extra])
    result = MonitorResult(started=started, finished=started, dry_run=dry_run)
    for t in (*BANKS, PAIRS, PROPOSALS, MONITORING, ROADMAP):
        result.problems.extend(tables[t.key].problems)
    pairs_frame = tables[PAIRS.key].frame
    ended: set[int] = set()
    if complete:
        result.completion = pair_completion.decide(tables[PAIRS.key], started, dry_run)
        pairs_frame = pair_completion.with_statuses(tables[PAIRS.key], result.completion)
        ended = pair_completion.ended_rows(result.completion)
    checks = check_banks({t.key: tables[t.key] for t in BANKS}, started.date(), limits)
    result.indicators = compute(checks, pairs_frame, tables[PROPOSALS.key].frame,
                                tables[MONITORING.key].frame, tables[ROADMAP.key].frame)
    diary_ok = tables[DIARY.key].ok and tables[PAIRS.key].ok
    if diary_ok:
        result.diary = meetings_diary.check_diary(tables[DIARY.key], tables[PAIRS.key], started.date(), diary_weeks)
    else:
        result.diary_notes = [ru.DIARY["missing_tab"].format(tab=DIARY.title, reason=p.message)
                              for p in tables[DIARY.key].problems]
    if plan_terms is not None:
        result.backfill = backfill(tables[PLAN.key], tables[PAIRS.key], checks, tables[CATALOG.key], plan_terms,
                                   ended)
    result.plan = plan_progress.evaluate(tables[PLAN.key], tables[PAIRS.key], started.date(), plan_behind_percent,
                                         added=result.backfill.rows)
    result.sheet = summary_sheet(result.indicators, started, result.diary, plan=result.plan)
    result.finished = clock() if now is None else now
    if result.completion is not None:
        result.completion.finished = result.finished
    # issue 19: the mentees' self-assessment, start and end (jobs.self_assessment), at the tab's end
    result.sheet = self_assessment.with_summary(result.sheet, self_assessment.consented_before_after(
        tables[SELF_ASSESSMENT.key], checks))
    if dry_run:
        return result
    if not result.problems:
        workspace.write_summary(result.sheet)
        result.written = True
    changes = ChangeSet()
    if diary_ok:
        meetings_diary.message_changes(tables[DIARY.key], result.diary, changes)
    changes.updates += result.plan.changes  # issue 19: progress on «Пары», messages of the plan rows
    for plan_row in result.backfill.rows:  # issue 19: the plans of programmes made before the tab
        changes.append(PLAN, plan_row)
    if result.completion is not None:  # issue 19: the pairs past their term
        changes.updates += result.completion.changes
    if tables[LOG.key].ok:
        rows = [pair_completion.journal_row(result.completion) if result.completion is not None else None,
                result.backfill.journal_row(started, result.finished),
                log_row("monitor", started, result.finished, result.outcome, result.lines(), result.counts())]
        for row in rows:
            if row is not None:
                changes.append(LOG, row)
    if changes:
        report = workspace.commit(changes)
        if result.completion is not None:
            pair_completion.settle(result.completion, report)
    return result


__all__ = ["MonitorResult", "monitor", "summary_sheet"]
