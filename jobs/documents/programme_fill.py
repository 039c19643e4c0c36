"""The fill data of a personalised mentoring programme (ППН) of one pair or group."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping

from sheets_schema import ru
from sheets_schema.templates import TASKS, Fill
from jobs.documents.fill import PairInfo, SchoolNames, common_values, safe_fill
from jobs.documents.plan import plan_rows
from jobs.documents.settings import DocumentSettings
from jobs.documents.texts import ru_text


def programme_fill(pair: PairInfo, catalog: Iterable[Mapping[str, str]], school: SchoolNames,
                   settings: DocumentSettings, today: dt.date) -> Fill:
    """The personalised programme of one pair or group."""
    d = ru.DOCUMENTS
    values = common_values(school, settings, today)
    difficulties = pair.difficulties
    tasks = [TASKS[x][0] for x in difficulties if x in TASKS] + [ru_text(d, "task_general")]
    results = [TASKS[x][1] for x in difficulties if x in TASKS] + [ru_text(d, "result_general")]
    values.update({
        "pair_id": pair.pair_id,
        "mentor": pair.mentor.name, "mentor_position": pair.mentor.post,
        "mentees": "; ".join(m.described for m in pair.mentees),
        "mentee_names": ", ".join(m.name for m in pair.mentees),
        "mentee_positions": "; ".join(m.post for m in pair.mentees),
        "form": pair.form, "term": pair.term,
        "start": f"{pair.start:%d.%m.%Y}", "end": f"{pair.end:%d.%m.%Y}",
        "difficulties": "; ".join(difficulties) if difficulties else ru_text(d, "no_difficulties"),
        "goal": ru_text(d, "goal"),
        "tasks": "; ".join(f"{i}) {t}" for i, t in enumerate(tasks, start=1)) + ".",
        "results": "; ".join(results) + ".",
        "reporting": settings.reporting,
    })
    plan = plan_rows(difficulties, catalog, pair.start, pair.end)
    return safe_fill(Fill(values=values, rows={"plan": plan}))


__all__ = ["programme_fill"]
