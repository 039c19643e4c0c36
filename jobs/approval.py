"""Approval: the «утверждено» rows of «Предложения» become «Пары» rows.

Every «утверждено» row that is not yet on «Пары» becomes a «Пары» row (one row per pair, or per
group: same mentor and same «Группа»), with an id П-001…, the form, start = today, planned end =
start + ``programme_months``, status «утверждена». A proposal already on «Пары» is never added
twice. `jobs.match` runs it first, in the same commit as the proposals.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sheets_schema import vocabulary
from sheets_schema.parsing import clean
from jobs.config import MatchingSettings
from jobs.terms import add_months
from jobs.matching.reasons import T

DATE = "%d.%m.%Y"


@dataclass
class Approval:
    """Rows to append to «Пары» and the approved proposals that could not be transferred."""

    rows: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [r["pair_id"] for r in self.rows]


# --- approval -----------------------------------------------------------------------------------
def _pair_form(mentee: dict[str, Any], mentor: dict[str, Any], group: bool) -> str:
    if group:
        return vocabulary.FORM_GROUP
    offered = mentor.get("preferred_forms") or []
    wish = mentee.get("preferred_form")
    if wish and (wish in offered or not offered):
        return wish
    return offered[0] if offered else vocabulary.FORM_ONE_TO_ONE


def next_number(values: Iterable[object], pattern: str) -> int:
    numbers = [int(m.group(1)) for v in values if (m := re.search(pattern, str(v or "")))]
    return max(numbers, default=0) + 1


def approve(proposals: pd.DataFrame, pairs: pd.DataFrame, mentees: pd.DataFrame, mentors: pd.DataFrame,
            settings: MatchingSettings, today: dt.date) -> Approval:
    """New «Пары» rows for the «утверждено» proposals not yet on «Пары» (idempotent).

    `proposals` from `proposal_rows`, `pairs` from `rules.pair_rows`; `mentees` / `mentors`
    are the typed OK rows of the banks (a person no longer OK is not paired; a note says so).
    """
    result = Approval()
    known = {(r.mentor_email, m) for r in pairs.itertuples() for m in r.mentees}
    people = {e: row for e, row in zip(mentees["email"], mentees.to_dict("records"))}
    staff = {e: row for e, row in zip(mentors["email"], mentors.to_dict("records"))}
    batches: dict[tuple[str, str], list[Any]] = {}  # rows of proposals.itertuples()
    for r in proposals.itertuples():
        if r.status != vocabulary.PROPOSAL_STATUS_APPROVED or not r.mentor_email or not r.mentee_email:
            continue
        if (r.mentor_email, r.mentee_email) in known:
            continue
        why = None
        if r.mentee_email not in people:
            why = T["not_ok_mentee"].format(email=r.mentee_email)
        elif r.mentor_email not in staff:
            why = T["not_ok_mentor"].format(email=r.mentor_email)
        if why:
            result.notes.append(T["summary_not_transferred"].format(mentee=r.mentee_email, mentor=r.mentor_email, why=why))
            continue
        group = clean(r.group)
        key = (r.mentor_email, group) if group else (r.mentor_email, f"\x00{r.mentee_email}")
        batch = batches.setdefault(key, [])
        if r.mentee_email not in [b.mentee_email for b in batch]:
            batch.append(r)
    number = next_number(pairs["pair_id"], r"(\d+)")
    start = today
    end = add_months(start, settings.programme_months)
    for (mentor_email, group), batch in sorted(batches.items()):
        mentor = staff[mentor_email]
        members = sorted(batch, key=lambda b: b.mentee_email)
        is_group = not group.startswith("\x00")
        result.rows.append({
            "pair_id": T["pair_id"].format(number=number),
            "mentor_email": mentor_email,
            "mentor_name": str(mentor.get("full_name") or ""),
            "mentee_emails": ", ".join(b.mentee_email for b in members),
            "mentee_names": ", ".join(str(people[b.mentee_email].get("full_name") or "") for b in members),
            "form": _pair_form(people[members[0].mentee_email], mentor, is_group and len(members) > 1),
            "start": start.strftime(DATE),
            "end": end.strftime(DATE),
            "status": vocabulary.PAIR_STATUS_APPROVED,
        })
        number += 1
    return result


__all__ = ["Approval", "approve", "next_number"]
