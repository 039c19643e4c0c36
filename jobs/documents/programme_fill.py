"""The fill data of a personalised mentoring programme (ППН) of one pair or group.

A group (more than one mentee) is spoken of in the plural in every sentence — the title
(«Наставническая группа …»), the goal, tasks, results, the plan taken from the catalog — and each
mentee is listed; a pair in the singular. Signatures are «И. О. Фамилия» (`jobs.names`). The
final section (the mentor's report, the mentees' self-analysis) is a line to write on until
their texts are given.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping

from sheets_schema import ru
from sheets_schema.templates import TASKS, Fill
from jobs.documents.fill import PairInfo, Person, SchoolNames, common_values, safe_fill, school_year
from jobs.documents.plan import plan_rows, plural
from jobs.documents.settings import DocumentSettings
from jobs.documents.texts import ru_text
from jobs.names import initials_surname


def signature_name(full_name: str) -> str:
    """«Иванова Ирина Петровна» → «И. П. Иванова»; a text that is no name of a person (a
    placeholder such as «ФИО куратора», an e-mail) is kept as written."""
    words = str(full_name or "").split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words[:2]) or "@" in full_name:
        return str(full_name or "").strip()
    return initials_surname(full_name)


def _number(group: bool) -> str:
    return "many" if group else "one"


def _participant(person: Person, role: str) -> dict[str, str]:
    unknown = ru_text(ru.PROGRAMME_TEXTS, "unknown")
    return {"role": role, "name": person.name, "post": person.post or unknown,
            "years": person.years or unknown, "category": person.category or unknown,
            "education": person.education or unknown}


def programme_fill(pair: PairInfo, catalog: Iterable[Mapping[str, str]], school: SchoolNames,
                   settings: DocumentSettings, today: dt.date, *, meetings: str = "",
                   mentor_report: str = "", self_analysis: str = "") -> Fill:
    """The personalised programme of one pair or group. `meetings` is how often the pair meets
    (``[documents] meetings``; empty — the default); `mentor_report` and `self_analysis` fill the
    final section when they are known (empty — a line to write on)."""
    t = ru.PROGRAMME_TEXTS
    group = len(pair.mentees) > 1
    n = _number(group)
    values = common_values(school, settings, today)
    values.setdefault("school_full", school.name)  # the school's full name where the config gives one
    difficulties = pair.difficulties
    tasks = [TASKS[x][0] for x in difficulties if x in TASKS] + [ru_text(t, f"task_general_{n}")]
    results = [TASKS[x][2 if group else 1] for x in difficulties if x in TASKS] + [ru_text(t, f"result_general_{n}")]
    if group:
        mentees = "; ".join(ru_text(t, "mentee_item").format(no=i, described=m.described)
                            for i, m in enumerate(pair.mentees, start=1))
    else:
        mentees = "; ".join(m.described for m in pair.mentees)
    blank = ru_text(t, "write_here")
    values.update({
        "pair_id": pair.pair_id,
        "pair_title": ru_text(t, f"title_{n}").format(pair_id=pair.pair_id),
        "mentor": pair.mentor.name, "mentor_position": pair.mentor.post,
        "mentees_label": ru_text(t, f"mentees_label_{n}"),
        "mentees": mentees,
        "mentee_names": ", ".join(m.name for m in pair.mentees),
        "mentee_positions": "; ".join(m.post for m in pair.mentees),
        "mentor_sign": signature_name(pair.mentor.name),
        "mentee_signs": ", ".join(signature_name(m.name) for m in pair.mentees),
        "head_sign": signature_name(school.head),
        "coordinator_sign": signature_name(school.coordinator),
        "form": pair.form, "term": pair.term,
        "meetings": meetings.strip() or ru_text(t, "meetings"),
        "start": f"{pair.start:%d.%m.%Y}", "end": f"{pair.end:%d.%m.%Y}",
        "difficulties": "; ".join(difficulties) if difficulties else ru_text(t, f"no_difficulties_{n}"),
        "goal": ru_text(t, f"goal_{n}"),
        "tasks": "; ".join(f"{i}) {task}" for i, task in enumerate(tasks, start=1)) + ".",
        "results": "; ".join(results) + ".",
        "reporting": plural(settings.reporting, t["plural_words"]) if group else settings.reporting,
        "school_year": school_year(pair.start),
        "mentor_report": mentor_report.strip() or blank,
        "self_analysis_title": ru_text(t, f"self_analysis_{n}"),
        "self_analysis": self_analysis.strip() or blank,
    })
    participants = [_participant(pair.mentor, ru_text(t, "role_mentor"))]
    participants += [_participant(m, ru_text(t, "role_mentee")) for m in pair.mentees]
    signatures = [{"role": ru_text(t, "sign_role_mentor"), "name": signature_name(pair.mentor.name)}]
    signatures += [{"role": ru_text(t, "sign_role_mentee"), "name": signature_name(m.name)} for m in pair.mentees]
    plan = plan_rows(difficulties, catalog, pair.start, pair.end, group=group)
    return safe_fill(Fill(values=values, rows={"plan": plan, "participants": participants,
                                               "signatures": signatures}))


__all__ = ["programme_fill", "signature_name"]
