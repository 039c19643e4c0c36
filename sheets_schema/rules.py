"""The rules of the mentor and mentee banks: every row gets a status and a message.

Pure: takes the tables as read (`grid.TableData`) and returns verdicts and a typed DataFrame.
"""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Sequence

import pandas as pd

from sheets_schema import parsing, ru
from sheets_schema.grid import TableData
from sheets_schema.parsing import Problem
from sheets_schema.tables import (
    BOOL,
    CHOICE,
    DATE,
    EMAIL,
    INT,
    MULTI,
    NAME,
    SERVICE,
    Column,
    Table,
)

MAX_TEXT = 2000  # characters in a free-text cell
MAX_NAME = 200
QUOTE_LIMIT = 60  # a bad value is quoted in a message up to this many characters


@dataclass(frozen=True)
class Limits:
    """Plausible ranges; the school's regulation may change them in config ([validation])."""

    years_max: int = 60
    capacity_min: int = 1
    capacity_max: int = 5

    def bounds(self, column: Column) -> tuple[int, int]:
        if column.key == "years":
            return 0, self.years_max
        if column.key == "capacity":
            return self.capacity_min, self.capacity_max
        return column.low or 0, column.high if column.high is not None else 10**9


@dataclass
class RowVerdict:
    row: int
    status: str
    message: str
    problems: list[str] = field(default_factory=list)


@dataclass
class BankCheck:
    data: TableData
    verdicts: dict[int, RowVerdict]
    typed: pd.DataFrame  # typed values of valid cells, index = sheet row; NA where invalid

    @property
    def table(self) -> Table:
        return self.data.table

    def count(self, status: str) -> int:
        return sum(1 for v in self.verdicts.values() if v.status == status)


def quote(value: str) -> str:
    s = " ".join(str(value).split())
    return s if len(s) <= QUOTE_LIMIT else s[: QUOTE_LIMIT - 1] + "…"


def _fix(column: Column, limits: Limits) -> str:
    if column.key == "years":
        return ru.FIXES["years"]
    if column.key == "capacity":
        low, high = limits.bounds(column)
        return ru.FIXES["capacity"].format(low=low, high=high, example=min(max(2, low), high))
    if column.kind == EMAIL:
        return ru.FIXES["email"]
    if column.kind == CHOICE or column.kind == BOOL:
        return ru.FIXES["choice"]
    if column.kind == MULTI:
        return ru.FIXES["multichoice"]
    if column.kind == INT:
        low, high = limits.bounds(column)
        return ru.FIXES["capacity"].format(low=low, high=high, example=min(max(2, low), high))
    return ru.FIXES["required"]


def message(column: Column, value: str, problem: Problem, limits: Limits) -> str:
    """The Russian sentence for one problem in one cell: where, what, how to fix."""
    details = dict(problem.details)
    fix = _fix(column, limits)
    if problem.code == "not_in_list" and details.get("suggestion"):
        fix = f"{fix}; " + ru.MESSAGES["suggest"].format(choice=details["suggestion"])
    return ru.MESSAGES[problem.code].format(
        column=column.header, value=quote(value), fix=fix, **details
    )


def check_cell(column: Column, raw: str, today: dt.date, limits: Limits) -> tuple[object, list[str]]:
    """Typed value of one cell (None when blank or invalid) and the messages of its problems."""
    text = parsing.clean(raw)
    if not text:
        if column.required:
            return None, [message(column, "", Problem("empty"), limits)]
        return None, []
    limit = MAX_NAME if column.kind == NAME else MAX_TEXT
    if len(text) > limit:
        return None, [ru.MESSAGES["too_long"].format(column=column.header, limit=limit, length=len(text))]
    kind = column.kind
    if kind in (EMAIL, CHOICE, DATE, BOOL) and parsing.looks_like_formula(text):
        return None, [message(column, text, Problem("formula", {"first": text[0]}), limits)]
    value: object  # the parsed value: its type is the column kind's
    problem: Problem | None
    if kind == NAME:
        value, problem = parsing.check_name(text)
    elif kind == EMAIL:
        value, problem = parsing.parse_email(text)
    elif kind == INT:
        low, high = limits.bounds(column)
        value, problem = parsing.parse_int(text, low, high)
    elif kind == DATE:
        value, problem = parsing.parse_date(text, today)
    elif kind == CHOICE:
        value, problem = parsing.parse_choice(text, column.choice_list)
    elif kind == BOOL:
        value, problem = parsing.parse_bool(text)
    elif kind == MULTI:
        value, bad = parsing.parse_multi(text, column.choice_list)
        msgs = [message(column, item, p, limits) for item, p in bad]
        if not msgs and column.required and not value:
            msgs = [message(column, "", Problem("empty"), limits)]
        return (value if not msgs else None), msgs
    else:
        value, problem = text, None
    if problem:
        return None, [message(column, text, problem, limits)]
    return value, []


def _key_problems(check: dict[int, list[str]], email_rows: dict[str, list[int]], table: Table, data: TableData, other: dict[str, tuple[str, int]]) -> None:
    column = table.column("email")
    for email, rows in email_rows.items():
        if len(rows) > 1:
            for row in rows:
                check[row].append(
                    ru.MESSAGES["duplicate_in_bank"].format(
                        column=column.header,
                        value=quote(email),
                        rows=", ".join(str(r) for r in rows),
                    )
                )
        if email in other:
            other_tab, other_row = other[email]
            for row in rows:
                check[row].append(
                    ru.MESSAGES["in_both_banks"].format(
                        column=column.header, value=quote(email), other_tab=other_tab, row=other_row
                    )
                )


#: The last few checks, by what decides them (`_content`): the steps of one night each check the
#: banks afresh (validate, match, the roadmap, monitoring) and, rows unchanged, get the same
#: verdicts — computed once, then copied.
_RECENT: OrderedDict[tuple, BankCheck] = OrderedDict()
_RECENT_SIZE = 4


def _content(data: TableData, today: dt.date, limits: Limits, other_banks: Sequence[TableData]) -> tuple:
    """Everything a bank's check depends on: its rows' contents (their fingerprints cover every
    staff- and form-owned cell), its columns, its formulas without values, and the e-mails of the
    other banks with their rows."""
    return (data.table.key, today, limits, tuple(data.positions),
            tuple((row, ref.fingerprint) for row, ref in data.refs.items() if row in data.records),
            tuple(sorted(data.uncomputed.items())),
            tuple((bank.table.title, tuple((row, ref.key) for row, ref in bank.refs.items())) for bank in other_banks))


def _copy(check: BankCheck, data: TableData) -> BankCheck:
    """A check of its own (callers add to verdicts' messages) for `data`, the rows as read now."""
    verdicts = {row: RowVerdict(v.row, v.status, v.message, list(v.problems)) for row, v in check.verdicts.items()}
    return BankCheck(data=data, verdicts=verdicts, typed=check.typed.copy())


def check_bank(
    data: TableData,
    today: dt.date,
    limits: Limits = Limits(),
    other_banks: Sequence[TableData] = (),
) -> BankCheck:
    """Check every row of a bank. ``other_banks`` are searched for the same e-mail."""
    key = _content(data, today, limits, other_banks)
    if key in _RECENT:
        _RECENT.move_to_end(key)
        return _copy(_RECENT[key], data)
    check = _check_bank(data, today, limits, other_banks)
    _RECENT[key] = _copy(check, data)
    while len(_RECENT) > _RECENT_SIZE:
        _RECENT.popitem(last=False)
    return check


def _check_bank(data: TableData, today: dt.date, limits: Limits, other_banks: Sequence[TableData]) -> BankCheck:
    table = data.table
    columns = [c for c in table.columns if c.owner != SERVICE and c.key in data.frame.columns]
    records = data.records
    rows = list(records)
    problems: dict[int, list[str]] = {row: [] for row in rows}
    typed: dict[str, list[object]] = {}  # column key → typed value per row, in `rows` order
    for column in columns:  # column by column, each message still lands in its row's column order
        key = column.key
        texts = [records[row][key] for row in rows]
        # A bank repeats its texts (subjects, levels, yes/no, dates): each distinct text of a
        # column is checked once — check_cell is pure — and its verdict reused on every row.
        seen = {text: check_cell(column, text, today, limits) for text in set(texts)}
        formulas = {row for row, keys in data.uncomputed.items() if key in keys}
        out: list[object] = []
        for row, text in zip(rows, texts):
            if row in formulas:  # no value to check: the file holds only the formula
                out.append(None)
                problems[row].append(ru.MESSAGES["uncomputed_formula"].format(column=column.header))
                continue
            value, msgs = seen[text]
            out.append(list(value) if isinstance(value, list) else value)  # rows own their lists
            if msgs:
                problems[row].extend(msgs)
        typed[key] = out
    email_rows: dict[str, list[int]] = {}
    for row, email in zip(rows, typed.get("email", ())):
        if isinstance(email, str) and email:  # parse_email gives a str or None
            email_rows.setdefault(email, []).append(row)
    other: dict[str, tuple[str, int]] = {}
    for bank in other_banks:
        for row, ref in sorted(bank.refs.items()):
            if ref.key and ref.key not in other:
                other[ref.key] = (bank.table.title, row)
    _key_problems(problems, email_rows, table, data, other)

    consents = [(key, ru.MESSAGES[code].format(column=ru.HEADERS[key]))
                for key, code in (("pd_consent", "no_pd_consent"), ("duty_consent", "no_duty_consent"))
                if table.has(key)]
    verdicts: dict[int, RowVerdict] = {}
    for row, msgs in problems.items():
        raw = records[row]
        missing = [text for key, text in consents if not parsing.clean(raw.get(key, ""))]
        if msgs:
            verdicts[row] = RowVerdict(row, ru.STATUS_ERROR, "\n".join(msgs + missing), msgs)
        elif missing:
            verdicts[row] = RowVerdict(row, ru.STATUS_NO_CONSENT, "\n".join(missing))
        else:
            verdicts[row] = RowVerdict(row, ru.STATUS_OK, "")
    frame = pd.DataFrame({c.key: typed[c.key] for c in columns}, index=pd.Index(rows, name="row", dtype="int64"),
                         columns=[c.key for c in columns], dtype=object)
    for column in columns:
        if column.kind == INT:
            frame[column.key] = frame[column.key].astype("Int64")
        elif column.kind == BOOL:
            frame[column.key] = frame[column.key].astype("boolean")
    frame["status"] = pd.Series({r: v.status for r, v in verdicts.items()}, dtype=object)
    return BankCheck(data=data, verdicts=verdicts, typed=frame)
