"""Approval: the «утверждено» rows of «Предложения» become «Пары» rows.

Every «утверждено» row that is not yet on «Пары» becomes a «Пары» row (one row per pair, or per
group: same mentor and same «Группа»), with an id П-001…, status «утверждена», and:

- **form** from the pair's size (`jobs.terms.pair_form`), never from the mentee's wish: one
  mentee — «традиционная (один на один)»; a «Группа» of at least ``[matching] group_min_size``
  mentees — «групповая». A «Группа» batch smaller than that minimum (say 2 mentees of the group
  when the school counts a group from 3) is not a group: each of its mentees becomes a pair of
  their own, one-to-one, and the summary says why (`Approval.notes`) — one row «один на один»
  holding two mentees would say something false. Another form (реверсивная, виртуальная, …) is
  the coordinator's: typed into «Пары», where the approval never writes again (rows are only
  appended, an existing row is never rewritten), so it stays;
- **term** (`jobs.terms`): start = the first working day after the approval (there is no order
  yet; the order's date wins later, in the documents), end = the earlier of start +
  ``programme_months`` and the school year's end (`MatchingSettings.school_year`, from
  ``[school] year_end``).

A proposal already on «Пары» is never added twice. `jobs.match` runs it first, in the same commit
as the proposals.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sheets_schema import ru, vocabulary
from sheets_schema.parsing import clean
from jobs.config import MatchingSettings
from jobs.terms import SchoolYear, pair_form, programme_end, programme_start
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
def next_number(values: Iterable[object], pattern: str) -> int:
    numbers = [int(m.group(1)) for v in values if (m := re.search(pattern, str(v or "")))]
    return max(numbers, default=0) + 1


def approve(proposals: pd.DataFrame, pairs: pd.DataFrame, mentees: pd.DataFrame, mentors: pd.DataFrame,
            settings: MatchingSettings, today: dt.date, *, school_year: SchoolYear | None = None) -> Approval:
    """New «Пары» rows for the «утверждено» proposals not yet on «Пары» (idempotent).

    `proposals` from `proposal_rows`, `pairs` from `rules.pair_rows`; `mentees` / `mentors`
    are the typed OK rows of the banks (a person no longer OK is not paired; a note says so).
    `today` is the approval day; the term ends by `school_year` (default: the settings' one).
    """
    result = Approval()
    known = {(r.mentor_email, m) for r in pairs.itertuples() for m in r.mentees}
    busy = live_pairs_of(pairs)
    people = {e: row for e, row in zip(mentees["email"], mentees.to_dict("records"))}
    staff = {e: row for e, row in zip(mentors["email"], mentors.to_dict("records"))}
    batches: dict[tuple[str, str], list[Any]] = {}  # rows of proposals.itertuples()
    for r in proposals.itertuples():
        if r.status != vocabulary.PROPOSAL_STATUS_APPROVED or not r.mentor_email or not r.mentee_email:
            continue
        if (r.mentor_email, r.mentee_email) in known:
            continue
        why = None
        held = busy.get(r.mentee_email)
        if held is not None and held[1] != r.mentor_email:  # one pair a mentee (a network one too)
            why = T["mentee_busy"].format(email=r.mentee_email, pair=held[0], mentor=held[1])
        elif r.mentee_email not in people:
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
    start = programme_start(today)
    end = programme_end(start, settings.programme_months, school_year or settings.school_year)
    minimum = settings.group_min_size
    for (mentor_email, group), batch in sorted(batches.items()):
        mentor = staff[mentor_email]
        members = sorted(batch, key=lambda b: b.mentee_email)
        units = [members]
        if not group.startswith("\x00") and 1 < len(members) < max(2, minimum):
            units = [[m] for m in members]  # too few for a group: each mentee a pair of their own
            result.notes.append(ru.APPROVAL["group_too_small"].format(
                group=group, mentor=str(mentor.get("full_name") or mentor_email), count=len(members),
                minimum=minimum, form=vocabulary.FORM_ONE_TO_ONE))
        for unit in units:
            result.rows.append({
                "pair_id": T["pair_id"].format(number=number),
                "mentor_email": mentor_email,
                "mentor_name": str(mentor.get("full_name") or ""),
                "mentee_emails": ", ".join(b.mentee_email for b in unit),
                "mentee_names": ", ".join(str(people[b.mentee_email].get("full_name") or "") for b in unit),
                "form": pair_form(len(unit), group_min=minimum),
                "start": start.strftime(DATE),
                "end": end.strftime(DATE),
                "status": vocabulary.PAIR_STATUS_APPROVED,
            })
            number += 1
    return result


def live_pairs_of(pairs: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Mentee → (pair id, mentor) of their live pair («утверждена», «закреплена приказом») on
    «Пары» (`rules.pair_rows`): such a mentee is not paired with another mentor."""
    live = set(vocabulary.LIVE_PAIR_STATUSES)
    return {m: (r.pair_id, r.mentor_email) for r in pairs.itertuples() if r.status in live for m in r.mentees}


# --- network proposals (issue 20) --------------------------------------------------------------
NETWORK_COLUMNS = ("mentor_school", "mentee_school")


def network_mask(proposals: pd.DataFrame) -> pd.Series:
    """True for the rows of a network proposal: a school named in «Школа наставника» or «Школа
    наставляемого» (written by `jobs.municipal.network`)."""
    mask = pd.Series(False, index=proposals.index, dtype=bool)
    for key in NETWORK_COLUMNS:
        if key in proposals.columns:
            mask |= proposals[key].map(lambda v: bool(clean(v))).astype(bool)
    return mask


def local_rows(proposals: pd.DataFrame) -> pd.DataFrame:
    """The school's own proposals. A network proposal is the municipal match's, approved by both
    schools' coordinators: the school's `match` neither approves, rewrites nor clears its row."""
    return proposals[~network_mask(proposals)]


def network_holds(proposals: pd.DataFrame, pairs: pd.DataFrame) -> tuple[dict[str, int], set[str]]:
    """What a network proposal holds while the schools decide (rows not yet on «Пары»): the
    mentor's place, while it is open («предложено») or approved here («утверждено»), and the
    mentee, once approved here. The school's match gives neither to a colleague of its own, so
    approving everything open never gives a mentor more mentees than places; a mentee whose
    network proposal is still open keeps the school's «нет пары» row (the municipal match looks
    for mentors only for such mentees) and gets the school's own mentor as soon as one is free.
    The municipal match likewise counts the school's own open proposals (`jobs.municipal.network`)."""
    known = {(r.mentor_email, m) for r in pairs.itertuples() for m in r.mentees}
    network = proposals[network_mask(proposals)]
    live = network[network["status"].isin([vocabulary.PROPOSAL_STATUS_PROPOSED, vocabulary.PROPOSAL_STATUS_APPROVED])]
    places: dict[str, int] = {}
    for r in live.itertuples():
        if r.mentor_email and (r.mentor_email, r.mentee_email) not in known:
            places[r.mentor_email] = places.get(r.mentor_email, 0) + 1
    return places, set(network.loc[network["status"] == vocabulary.PROPOSAL_STATUS_APPROVED, "mentee_email"])


__all__ = ["Approval", "approve", "live_pairs_of", "local_rows", "network_holds", "network_mask", "next_number"]
