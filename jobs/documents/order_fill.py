"""The fill data of the orders: the assignment of pairs (groups) and the implementation of the target model."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping, Sequence

from sheets_schema import ru
from sheets_schema.templates import Fill
from jobs.documents.fill import PairInfo, SchoolNames, common_values, safe_fill
from jobs.documents.settings import DocumentSettings
from jobs.documents.texts import ru_text


def monitoring_dates(settings: DocumentSettings, today: dt.date) -> list[tuple[str, dt.date]]:
    """(stage, date) of monitoring: from settings, else 25 December and 25 May of the school year."""
    if settings.monitoring_dates:
        dates = list(settings.monitoring_dates)
        names = [ru_text(ru.DOCUMENTS, "monitoring_mid")] * (len(dates) - 1) + [ru_text(ru.DOCUMENTS, "monitoring_final")]
        return list(zip(names, dates))
    first = today.year if today.month >= 9 else today.year - 1
    return [(ru_text(ru.DOCUMENTS, "monitoring_mid"), dt.date(first, 12, 25)),
            (ru_text(ru.DOCUMENTS, "monitoring_final"), dt.date(first + 1, 5, 25))]


def order_pairs_fill(pairs: Sequence[PairInfo], school: SchoolNames, settings: DocumentSettings, today: dt.date) -> Fill:
    """The order «О закреплении наставнических пар (групп)» for `pairs` (in this order)."""
    d = ru.DOCUMENTS
    values = common_values(school, settings, today)
    values["pairs_count"] = ru_text(d, "pairs_count").format(count=len(pairs))
    rows = []
    people = [{"name": school.coordinator, "role": ru_text(d, "role_coordinator")}]
    seen = {school.coordinator}
    for n, pair in enumerate(pairs, start=1):
        rows.append({
            "no": str(n), "pair_id": pair.pair_id,
            "mentor": pair.mentor.name, "mentor_name": pair.mentor.name, "mentor_position": pair.mentor.post,
            "mentees": "; ".join(m.described for m in pair.mentees),
            "mentee_names": ", ".join(m.name for m in pair.mentees),
            "mentee_positions": "; ".join(m.post for m in pair.mentees),
            "form": pair.form, "term": pair.term,
            "start": f"{pair.start:%d.%m.%Y}", "end": f"{pair.end:%d.%m.%Y}",
        })
        for person, role in [(pair.mentor, ru_text(d, "role_mentor"))] + [(m, ru_text(d, "role_mentee")) for m in pair.mentees]:
            if person.name not in seen:
                seen.add(person.name)
                people.append({"name": person.name, "role": role})
    return safe_fill(Fill(values=values, rows={"pairs": rows, "people": people}))


def implementation_fill(school: SchoolNames, settings: DocumentSettings, today: dt.date,
                        roadmap: Iterable[Mapping[str, str]]) -> Fill:
    """The order «О реализации целевой модели наставничества» with the roadmap as appendix 2."""
    values = common_values(school, settings, today)
    monitoring = [{"no": str(n), "name": name, "date": f"{day:%d.%m.%Y}"}
                  for n, (name, day) in enumerate(monitoring_dates(settings, today), start=1)]
    events = [{"stage": str(r.get("stage_no", "")), "name": str(r.get("event", "")),
               "due": str(r.get("due", "")), "owner": str(r.get("owner", ""))}
              for r in roadmap if str(r.get("event", "")).strip()]
    return safe_fill(Fill(values=values, rows={"monitoring": monitoring, "roadmap": events}))


__all__ = ["implementation_fill", "monitoring_dates", "order_pairs_fill"]
