"""The meetings diary «Дневник встреч»: each row checked, meetings counted per pair (pure; no I/O).

A school keeps the diary or not — there is no switch: the tab is in every workspace (`init`,
`upgrade-workspace`), and while it holds no row nothing is counted and no pair is flagged. Once
it holds a row, `monitor` (every night):

- checks every row and writes the verdict into its «Сообщение» (only the cells that differ, so a
  rerun writes nothing): «ID пары» empty or not on «Пары», «Дата встречи» empty, not a date, in
  the future, or outside the pair's term («Начало»…«Окончание» when filled), «Формат встречи»
  not in its list. A row with a problem is not counted; nothing staff typed is changed;
- counts the meetings of each pair and its last meeting, and flags a running pair (status
  «утверждена»/«закреплена приказом») with no meeting in the last ``weeks`` weeks — counted from
  its last meeting, or from its «Начало» when it has none yet (a pair that started less than
  ``weeks`` ago is not flagged) — in a block of «Итоги мониторинга».

The figures go only to «Итоги мониторинга» (pair ids, no names): the minutes are the pair's.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import TableData
from sheets_schema.tables import DIARY, PAIRS
from sync.workspace import CellChange, ChangeSet

FAR_FUTURE = dt.date(9999, 12, 31)  # parse without the «not in the future» check, then say it ourselves
DEFAULT_WEEKS = 4


@dataclass(frozen=True)
class PairMeetings:
    pair_id: str
    status: str
    meetings: int
    last: dt.date | None
    stale: bool  # running, and no meeting in the last `weeks` weeks


@dataclass
class DiaryCheck:
    """The verdict on every diary row and the meetings per pair."""

    in_use: bool = False  # the tab holds at least one row
    messages: dict[int, str] = field(default_factory=dict)  # sheet row → «Сообщение» text («OK» or a problem)
    errors: dict[int, str] = field(default_factory=dict)  # sheet row → the problem (rows not counted)
    pairs: list[PairMeetings] = field(default_factory=list)  # every pair of «Пары», in its order
    weeks: int = DEFAULT_WEEKS

    @property
    def meetings(self) -> int:
        return sum(p.meetings for p in self.pairs)

    @property
    def stale(self) -> list[PairMeetings]:
        return [p for p in self.pairs if p.stale]

    def lines(self) -> list[str]:
        """The summary line and one line per row with a problem (sheet, row, column, fix)."""
        if not self.in_use:
            return []
        d = ru.DIARY
        out = [d["row_line"].format(tab=DIARY.title, row=row, message=text) for row, text in self.errors.items()]
        out.append(d["summary"].format(meetings=self.meetings, pairs=sum(1 for p in self.pairs if p.meetings),
                                       weeks=self.weeks, stale=len(self.stale), errors=len(self.errors)))
        return out


def _date(text: str) -> dt.date | None:
    value, _ = parsing.parse_date(text, FAR_FUTURE) if text.strip() else (None, None)
    return value


def _ddmmyyyy(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _row_problem(record: dict[str, str], terms: dict[str, tuple[dt.date | None, dt.date | None]],
                 today: dt.date) -> tuple[str | None, str, dt.date | None]:
    """(problem text or None, the pair id as in «Пары», the meeting date) of one diary row."""
    d, h = ru.DIARY, ru.HEADERS
    raw_pair = record.get("pair_id", "").strip()
    pairs_tab = PAIRS.title
    if not raw_pair:
        return d["no_pair"].format(column=h["pair_id"], pairs=pairs_tab), "", None
    pair_id = next((p for p in terms if p.casefold() == raw_pair.casefold()), None)
    if pair_id is None:
        return d["unknown_pair"].format(column=h["pair_id"], value=raw_pair, pairs=pairs_tab), "", None
    text = record.get("meeting_date", "").strip()
    column = h["meeting_date"]
    if not text:
        return d["no_date"].format(column=column), pair_id, None
    when = _date(text)
    if when is None:
        return d["bad_date"].format(column=column, value=text), pair_id, None
    if when > today:
        return d["future_date"].format(column=column, value=_ddmmyyyy(when)), pair_id, None
    start, end = terms[pair_id]
    if start is not None and when < start:
        return d["before_start"].format(column=column, value=_ddmmyyyy(when), start=_ddmmyyyy(start)), pair_id, None
    if end is not None and when > end:
        return d["after_end"].format(column=column, value=_ddmmyyyy(when), end=_ddmmyyyy(end)), pair_id, None
    form = record.get("meeting_format", "").strip()
    if form:
        _, problem = parsing.parse_choice(form, ru.LISTS["meeting_formats"])
        if problem is not None:
            return d["bad_format"].format(column=h["meeting_format"], value=form,
                                          choices=", ".join(ru.LISTS["meeting_formats"])), pair_id, None
    return None, pair_id, when


def check_diary(diary: TableData, pairs: TableData, today: dt.date, weeks: int = DEFAULT_WEEKS) -> DiaryCheck:
    """Check every row of «Дневник встреч» against «Пары» and count the meetings per pair."""
    result = DiaryCheck(weeks=weeks)
    terms: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    statuses: dict[str, str] = {}
    for record in pairs.records.values():
        pair_id = record.get("pair_id", "").strip()
        if pair_id and pair_id not in terms:
            terms[pair_id] = (_date(record.get("start", "")), _date(record.get("end", "")))
            statuses[pair_id] = record.get("status", "").strip()
    counts: dict[str, int] = {p: 0 for p in terms}
    last: dict[str, dt.date] = {}
    for row, record in diary.records.items():
        if not any(str(v).strip() for k, v in record.items() if k != "message"):
            continue
        result.in_use = True
        problem, pair_id, when = _row_problem(record, terms, today)
        if problem is not None or when is None:
            result.messages[row] = result.errors[row] = problem or ""
            continue
        result.messages[row] = ru.DIARY["ok"]
        counts[pair_id] += 1
        last[pair_id] = max(last.get(pair_id, when), when)
    limit = today - dt.timedelta(weeks=weeks)
    for pair_id in terms:
        status, _ = parsing.parse_choice(statuses[pair_id], ru.PAIR_STATUSES) if statuses[pair_id] else (None, None)
        since = last.get(pair_id) or terms[pair_id][0]
        running = status in vocabulary.LIVE_PAIR_STATUSES
        stale = result.in_use and running and since is not None and since <= limit
        result.pairs.append(PairMeetings(pair_id, status or statuses[pair_id], counts[pair_id], last.get(pair_id),
                                         stale))
    return result


def message_changes(diary: TableData, check: DiaryCheck, changes: ChangeSet) -> None:
    """Add to `changes` the «Сообщение» cells of the diary that differ from the verdicts (and clear
    the message of a row emptied since); a tab without that column gets none."""
    if "message" not in diary.positions:
        return
    for row, text in check.messages.items():
        if diary.value(row, "message") != text and row in diary.refs:
            changes.updates.append(CellChange(diary.refs[row], "message", text))
    for row, stale in diary.stale.items():
        if stale.get("message") and row in diary.refs:
            changes.updates.append(CellChange(diary.refs[row], "message", ""))


def summary_rows(check: DiaryCheck) -> list[list]:
    """The block of «Итоги мониторинга»: a heading, the column titles, one row per pair (id,
    meetings, last meeting, flag); none when the school keeps no diary."""
    if not check.in_use:
        return []
    d = ru.DIARY
    rows: list[list] = [[d["heading"].format(weeks=check.weeks)],
                        [d["col_pair"], d["col_meetings"], d["col_last"], d["col_flag"]]]
    for p in check.pairs:
        flag = "" if not p.stale else d["flag_stale" if p.meetings else "flag_never"].format(weeks=check.weeks)
        rows.append([p.pair_id, p.meetings, _ddmmyyyy(p.last) if p.last else "", flag])
    return rows


__all__ = ["DEFAULT_WEEKS", "DiaryCheck", "PairMeetings", "check_diary", "message_changes", "summary_rows"]
