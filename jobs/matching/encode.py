"""People of both banks as small integer codes and bit masks, sorted by e-mail.

The input is a bank's typed frame (`sheets_schema.rules.BankCheck.typed`, rows with status OK):
multi-choice cells are lists, numbers are ints. Sorting by e-mail makes the result independent
of the order of rows in the sheet, so the same people always get the same pairing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sheets_schema import vocabulary


@dataclass(frozen=True)
class Codes:
    """The codes of the choice lists, read from the vocabulary when a run encodes its banks.

    Built on every `encode` (never at import), so a value added to a list is coded like the others.
    Masks are int64: a multi-choice list may hold up to 63 values.
    """

    subject: dict[str, int]  # index, -1 unknown
    level_bit: dict[str, int]
    day_bit: dict[str, int]
    difficulty_bit: dict[str, int]
    form: dict[str, int]  # 1-based, 0 = not given
    category: dict[str, int]  # 1-based, 0 = not given


def codes() -> Codes:
    """The codes of the vocabulary as it is now."""
    for name, values in (("levels", vocabulary.LEVELS), ("days", vocabulary.DAYS),
                         ("difficulties", vocabulary.DIFFICULTIES), ("forms", vocabulary.FORMS)):
        if len(values) > 63:
            raise ValueError(f"the choice list {name} has {len(values)} values; matching codes at most 63")
    return Codes(
        subject={s: i for i, s in enumerate(vocabulary.SUBJECTS)},
        level_bit={s: 1 << i for i, s in enumerate(vocabulary.LEVELS)},
        day_bit={s: 1 << i for i, s in enumerate(vocabulary.DAYS)},
        difficulty_bit={s: 1 << i for i, s in enumerate(vocabulary.DIFFICULTIES)},
        form={s: i + 1 for i, s in enumerate(vocabulary.FORMS)},
        category={s: i + 1 for i, s in enumerate(vocabulary.CATEGORIES)},
    )


def _mask(values: object, bits: dict[str, int]) -> int:
    if not isinstance(values, (list, tuple)):
        return 0
    m = 0
    for v in values:
        m |= bits.get(v, 0)
    return m


def _column(frame: pd.DataFrame, key: str) -> list[Any]:
    """The cells of a typed column (any type a bank column holds), None where empty or missing."""
    if key in frame.columns:
        return [None if (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))) else v for v in frame[key]]
    return [None] * len(frame)


@dataclass
class People:
    """One side of the matching, as arrays aligned with `frame` (sorted by e-mail)."""

    frame: pd.DataFrame
    email: np.ndarray
    name: np.ndarray
    subject: np.ndarray  # int32 index into vocabulary.SUBJECTS, -1 unknown
    levels: np.ndarray  # int64 mask
    years: np.ndarray  # int32
    topics: np.ndarray  # int64 mask: a mentee's difficulties / a mentor's competences
    main: np.ndarray  # int32: a mentee's first difficulty (-1 none)
    form: np.ndarray  # mentee: int64 preferred form (0 none); mentor: int64 mask of forms
    timetable: np.ndarray  # int64 mask of days
    category: np.ndarray  # int32 (0 none)
    trained: np.ndarray  # bool
    free: np.ndarray  # int32 free places (mentors); 1 for mentees

    def __len__(self) -> int:
        return len(self.email)


def encode(frame: pd.DataFrame, mentor: bool) -> People:
    """Encode a typed bank frame; mentors need a ``free`` column (places left)."""
    frame = frame.copy()
    frame["email"] = [str(e).strip().casefold() for e in frame["email"]]
    frame = frame.sort_values("email", kind="stable").reset_index(drop=True)
    n = len(frame)
    c = codes()
    topics_key = "competences" if mentor else "difficulties"
    topics = _column(frame, topics_key)
    forms = _column(frame, "preferred_forms" if mentor else "preferred_form")
    if mentor:
        form = np.array([_mask(f, {k: 1 << (v - 1) for k, v in c.form.items()}) for f in forms], dtype=np.int64)
    else:
        form = np.array([c.form.get(f, 0) for f in forms], dtype=np.int64)
    years = np.array([int(y) if y is not None else 0 for y in _column(frame, "years")], dtype=np.int32)
    free = (
        np.array([int(x) if x is not None else 0 for x in _column(frame, "free")], dtype=np.int32)
        if mentor else np.ones(n, dtype=np.int32)
    )
    first = {s: i for i, s in enumerate(vocabulary.DIFFICULTIES)}
    return People(
        frame=frame,
        email=np.array(frame["email"].tolist(), dtype=object),
        name=np.array([str(x or "") for x in _column(frame, "full_name")], dtype=object),
        subject=np.array([c.subject.get(s, -1) for s in _column(frame, "subject")], dtype=np.int32),
        levels=np.array([_mask(v, c.level_bit) for v in _column(frame, "levels")], dtype=np.int64),
        years=years,
        topics=np.array([_mask(v, c.difficulty_bit) for v in topics], dtype=np.int64),
        main=np.array(
            [first.get(v[0], -1) if isinstance(v, (list, tuple)) and v else -1 for v in topics],
            dtype=np.int32,
        ),
        form=form,
        timetable=np.array([_mask(v, c.day_bit) for v in _column(frame, "timetable")], dtype=np.int64),
        category=np.array([c.category.get(x, 0) for x in _column(frame, "category")], dtype=np.int32),
        trained=np.array([bool(x) if x is not None else False for x in _column(frame, "trained")], dtype=bool),
        free=free,
    )
