"""The indicators a school reports on its mentoring programme — pure: DataFrames in, figures out.

Inputs are what the jobs already have: the banks' checks (`jobs.validate.check_banks`, typed
values and each row's verdict) and the raw frames of «Пары», «Предложения», «Мониторинг» and
«Дорожная карта» (`TableData.frame`, cell texts). Definitions:

- **mentees** — rows of the mentee bank that pass validation with consent (status OK): the people
  the programme may process;
- **in a pair** — such a mentee is among «Наставляемые (e-mail)» of a pair or group that is not
  «прекращена» (a finished pair counts: the mentee went through the programme); **with a
  programme** — that pair also has its «Программа (ППН)» filled; **unmatched** — the others;
- **young teachers in mentoring** — OK rows of either bank flagged «до 35 лет», and of them those
  who are a mentor or a mentee of such a pair (the share is of all young teachers in the banks);
- **responses** — rows of «Мониторинг» whose «E-mail» is a person with an OK row of either bank
  (consent given, row valid): an answer of anyone else — «Нет согласия», a row with errors, an
  address the banks do not know — is counted nowhere, here nor in any figure made from these;
- **satisfaction** — the 1–10 answers of those responses (a cell that is not a whole number 1–10 is
  left out): per question, «Общая удовлетворённость» overall, and per pair (its responses'
  satisfaction, and the mean of all its answers); every pair on «Пары» that is not «прекращена»
  is listed, with no figures until it answers;
- **difficulties closed** — per mentee of a pair, the union of the difficulties marked closed in
  their own responses and in their mentor's (by «Партнёр»); counted against the difficulties the
  mentee declared in the bank (OK rows only), and per difficulty;
- **programmes completed** — pairs with status «завершена»; **plan** — roadmap items by status.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from sheets_schema import parsing, ru, vocabulary
from sheets_schema.grid import normalise_header
from sheets_schema.rules import BankCheck
from sheets_schema.tables import MONITORING

QUESTIONS = ("comfort", "usefulness", "clarity", "expectations", "satisfaction", "continue_wish")
STOPPED, FINISHED = vocabulary.PAIR_STATUS_STOPPED, vocabulary.PAIR_STATUS_FINISHED
LIVE = vocabulary.LIVE_PAIR_STATUSES
ROLE_MENTOR, ROLE_MENTEE = vocabulary.ROLE_MENTOR, vocabulary.ROLE_MENTEE
_SPLIT = re.compile(r"[,;\s]+")


@dataclass
class Indicators:
    mentees: int = 0
    with_pair: int = 0
    with_programme: int = 0
    unmatched: int = 0
    no_pair_proposals: int = 0
    young: int = 0
    young_in_mentoring: int = 0
    pairs_active: int = 0  # «утверждена» or «закреплена приказом»
    programmes_completed: int = 0
    responses: int = 0
    satisfaction: float | None = None
    per_question: dict[str, tuple[float | None, int]] = field(default_factory=dict)  # key → (mean, answers)
    per_pair: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["pair_id", "status", "responses", "satisfaction", "all_questions"]))
    # the counted responses' 1–10 answers in the order of «Мониторинг» (NaN: no answer), with
    # their «ID пары» — what `jobs.disclosure` releases figures from
    scores: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[*QUESTIONS, "pair_id"]))
    difficulties_declared: int = 0
    difficulties_closed: int = 0  # of those declared
    closed_by_difficulty: dict[str, int] = field(default_factory=dict)
    plan_total: int = 0
    plan_done: int = 0
    plan_overdue: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        """Percent, or None when there is nothing to divide by."""
        return None if not whole else 100.0 * part / whole


def _norm(text: object) -> str:
    return normalise_header(text)


def emails_in(text: object) -> list[str]:
    """E-mails of a «Наставляемые (e-mail)» cell: separated by commas, semicolons or spaces."""
    return [e.casefold() for e in _SPLIT.split(str(text or "").strip()) if "@" in e]


def _col(frame: pd.DataFrame, key: str) -> pd.Series:
    if key in frame.columns:
        return frame[key].fillna("").astype(str)
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


def score(text: object) -> float | None:
    """A 1–10 answer, or None when the cell is blank or not a whole number in range."""
    s = str(text or "").strip()
    if not s:
        return None
    value, problem = parsing.parse_int(s, 1, 10)
    return None if problem or value is None else float(value)


def _ok_rows(check: BankCheck | None) -> pd.DataFrame:
    if check is None:
        return pd.DataFrame(columns=["email", "young", "difficulties"])
    typed = check.typed
    ok = typed[(typed["status"] == ru.STATUS_OK) & typed["email"].notna()]
    return ok


def _flagged(rows: pd.DataFrame, column: str) -> set[str]:
    if column not in rows.columns:
        return set()
    return set(rows.loc[rows[column].fillna(False).astype(bool), "email"])


def compute(checks: dict[str, BankCheck], pairs: pd.DataFrame, proposals: pd.DataFrame, monitoring: pd.DataFrame,
            roadmap: pd.DataFrame | None = None) -> Indicators:
    """All indicators (see the module docstring)."""
    ind = Indicators()
    mentees = _ok_rows(checks.get("mentees"))
    mentors = _ok_rows(checks.get("mentors"))
    mentee_emails = set(mentees["email"])
    ind.mentees = len(mentee_emails)

    status = _col(pairs, "status").map(_norm)
    has_id = _col(pairs, "pair_id").str.strip() != ""
    kept = pairs[has_id & (status != _norm(STOPPED))]
    kept_status = status[kept.index]
    ind.pairs_active = int(kept_status.isin([_norm(s) for s in LIVE]).sum())
    ind.programmes_completed = int((kept_status == _norm(FINISHED)).sum())
    in_pair: set[str] = set()
    with_programme: set[str] = set()
    mentors_in_pairs: set[str] = set()
    mentee_pair: dict[str, str] = {}
    for _, row in kept.iterrows():
        people = emails_in(row.get("mentee_emails", ""))
        in_pair.update(people)
        mentee_pair.update({e: row["pair_id"] for e in people})
        if str(row.get("programme", "") or "").strip():
            with_programme.update(people)
        mentors_in_pairs.update(emails_in(row.get("mentor_email", "")))
    ind.with_pair = len(mentee_emails & in_pair)
    ind.with_programme = len(mentee_emails & with_programme)
    ind.unmatched = ind.mentees - ind.with_pair
    ind.no_pair_proposals = int((_col(proposals, "status").map(_norm) == _norm(vocabulary.PROPOSAL_STATUS_NO_PAIR)).sum())

    young = _flagged(mentees, "young") | _flagged(mentors, "young")
    ind.young = len(young)
    ind.young_in_mentoring = len(young & (in_pair | mentors_in_pairs))

    consented = set(mentees["email"]) | set(mentors["email"])
    answered = monitoring[(_col(monitoring, "submitted").str.strip() != "") | (_col(monitoring, "email").str.strip() != "")]
    answered = answered[_col(answered, "email").map(lambda e: bool(set(emails_in(e)) & consented))]
    ind.responses = len(answered)
    scores = pd.DataFrame({q: _col(answered, q).map(score) for q in QUESTIONS}, index=answered.index, dtype=float)
    ind.scores = scores.assign(pair_id=_col(answered, "pair_id").str.strip())
    for q in QUESTIONS:
        values = scores[q].dropna()
        ind.per_question[q] = (float(values.mean()) if len(values) else None, int(len(values)))
    ind.satisfaction = ind.per_question["satisfaction"][0]
    ind.per_pair = _per_pair(kept, answered, scores)

    declared = _declared(checks.get("mentees"), set(mentee_pair) & mentee_emails)
    closed = _closed(answered)
    ind.difficulties_declared = sum(len(d) for d in declared.values())
    ind.difficulties_closed = sum(len(closed.get(e, set()) & d) for e, d in declared.items())
    counter: Counter[str] = Counter()
    for email, items in closed.items():
        if email in mentee_pair and email in mentee_emails:
            counter.update(items)
    order = {d: i for i, d in enumerate(ru.LISTS["difficulties"])}
    ind.closed_by_difficulty = dict(sorted(counter.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99), kv[0])))

    if roadmap is not None and len(roadmap):
        events = roadmap[_col(roadmap, "event").str.strip() != ""]
        plan = _col(events, "status").map(_norm)
        ind.plan_total = len(events)
        ind.plan_done = int((plan == _norm(vocabulary.ROADMAP_STATUS_DONE)).sum())
        ind.plan_overdue = int((plan == _norm(vocabulary.ROADMAP_STATUS_OVERDUE)).sum())
    return ind


def _per_pair(kept: pd.DataFrame, answered: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    pair_of = _col(answered, "pair_id").str.strip()
    rows = []
    ids = list(dict.fromkeys(list(_col(kept, "pair_id").str.strip()) + [p for p in pair_of if p]))
    status = dict(zip(_col(kept, "pair_id").str.strip(), _col(kept, "status")))
    for pair_id in ids:
        mine = scores[pair_of == pair_id]
        sat = mine["satisfaction"].dropna()
        every = pd.Series(mine.to_numpy().ravel()).dropna()
        rows.append({
            "pair_id": pair_id,
            "status": status.get(pair_id, ""),
            "responses": int(len(mine)),
            "satisfaction": float(sat.mean()) if len(sat) else None,
            "all_questions": float(every.mean()) if len(every) else None,
        })
    return pd.DataFrame(rows, columns=["pair_id", "status", "responses", "satisfaction", "all_questions"])


def _declared(check: BankCheck | None, paired: set[str]) -> dict[str, set[str]]:
    if check is None:
        return {}
    typed = check.typed
    out: dict[str, set[str]] = {}
    for email, items in zip(typed["email"], typed["difficulties"] if "difficulties" in typed else []):
        if isinstance(email, str) and email in paired and isinstance(items, list):
            out[email] = set(items)
    return out


def _closed(answered: pd.DataFrame) -> dict[str, set[str]]:
    """Mentee e-mail → difficulties marked closed by the mentee or by their mentor."""
    choices = MONITORING.column("difficulties_closed").choice_list
    out: dict[str, set[str]] = {}
    roles = _col(answered, "role").map(_norm)
    for idx, text in _col(answered, "difficulties_closed").items():
        items, _ = parsing.parse_multi(text, choices)
        if not items:
            continue
        email = _col(answered, "email")[idx] if roles[idx] == _norm(ROLE_MENTEE) else \
            _col(answered, "partner_email")[idx] if roles[idx] == _norm(ROLE_MENTOR) else ""
        for e in emails_in(email):
            out.setdefault(e, set()).update(items)
    return out


def question_title(key: str) -> str:
    """The question as staff know it: the «Мониторинг» header without its «(1–10)»."""
    return re.sub(r"\s*\(1–10\)\s*$", "", ru.HEADERS[key])


def number(value: float | None, digits: int = 1) -> str:
    """A figure in Russian notation (decimal comma); «—» when there is none."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{value:.{digits}f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def percent(part: int, whole: int) -> str:
    """«75 %», or «—» when the whole is zero."""
    share = Indicators.share(part, whole)
    return "—" if share is None else f"{number(share, 0)} %"


__all__ = ["Indicators", "QUESTIONS", "compute", "emails_in", "number", "percent", "question_title", "score"]
