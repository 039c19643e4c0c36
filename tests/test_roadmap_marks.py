"""Roadmap marks by thresholds: what starts an event, what completes it, and whose status it is.

Job-level tests run `update_roadmap` on a real workspace (every backend) holding the small
programme of tests/test_monitor_data.py; the thresholds themselves are checked on the rules
(`jobs.roadmap_marks.mark`) with figures either side of them.
"""
from __future__ import annotations

import datetime as dt

import pytest

from jobs.config import School
from jobs.implementation_order import implementation_order
from jobs.roadmap import update_roadmap
from jobs.roadmap_marks import DEPENDS, Answer, Bank, Mark, Pair, RoadmapData, Thresholds, consistent, mark
from sheets_schema.roadmap import default_rows
from sheets_schema.tables import PAIRS as PAIRS_TABLE
from tests.test_monitor_data import MONITORING, PAIRS, programme_rows
from tests.workspaces import NOW, TODAY

TAB = "Дорожная карта"
EVIDENCE = "Подтверждение (ссылка)"
SCHOOL = School(name="МБОУ СОШ № 26", head="Иванова Ирина Петровна", coordinator="Петрова Анна Сергеевна")
MAY = dt.datetime(2027, 5, 10, 3, 0)  # the monitoring window (from 01.04.2027) is open
ROW = {  # sheet rows of the seeded events
    "implementation_order": 2, "orders": 3, "programmes": 4, "mentee_survey": 5, "mentee_bank": 6,
    "mentor_survey": 7, "mentor_bank": 8, "mentor_selection": 9, "training": 10, "pairs": 11, "support": 12,
    "monitoring": 13, "conference": 14, "round_table": 15, "publicity": 16,
}
KUZNETSOVA_PAIR = {
    "pair_id": "П-3", "mentor_email": "petrova.gv@school26.example", "mentor_name": "Петрова Галина Викторовна",
    "mentee_emails": "kuznetsova.os@school26.example", "mentee_names": "Кузнецова Ольга Сергеевна",
    "form": "традиционная (один на один)", "start": "30.11.2026", "end": "31.05.2027", "status": "утверждена"}


def cell(backend, code: str, header: str = "Статус") -> str:
    grid = backend.grid(TAB)
    row = grid[ROW[code] - 1]
    col = grid[0].index(header)
    return row[col] if col < len(row) else ""


def add_kuznetsova_pair(backend) -> None:
    """Staff type pair П-3 into row 4 of «Пары»."""
    backend.set_cells("Пары", {(4, c.header): KUZNETSOVA_PAIR[c.key] for c in PAIRS_TABLE.columns
                               if c.key in KUZNETSOVA_PAIR})


def answer(pair_id: str, email: str, role: str, submitted: str) -> dict[str, str]:
    return {"submitted": submitted, "role": role, "pair_id": pair_id, "email": email, "comfort": "8",
            "usefulness": "8", "clarity": "8", "expectations": "8", "satisfaction": "8", "continue_wish": "8"}


# --- monitoring: one answer never completes it ----------------------------------------------------
def test_one_answer_does_not_complete_the_monitoring(backend):
    rows = programme_rows()
    rows["pairs"] = [PAIRS[0]]  # one pair, П-1
    rows["monitoring"] = [*MONITORING[:2],  # both sides of П-1 answered in November: before the window
                          answer("П-1", "ivanova.mp@school26.example", "наставляемый", "12.04.2027 10:00:00")]
    ws = backend.make(rows)

    update_roadmap(ws, now=MAY)

    assert cell(backend, "monitoring") == "в работе"  # 1 of 1 pair, but one answer
    assert cell(backend, "monitoring", EVIDENCE) == (
        "Автоотметка «в работе»: Мониторинг с 01.04.2027: ответили 1 из 1 пар (100%), ответов 1")


def test_monitoring_is_done_when_most_pairs_answered_in_the_window(backend):
    rows = programme_rows()
    rows["monitoring"] = [*MONITORING,
                          answer("П-1", "ivanova.mp@school26.example", "наставляемый", "12.04.2027 10:00:00"),
                          answer("", "smirnov.ai@school26.example", "наставляемый", "20.04.2027 10:00:00")]
    ws = backend.make(rows)

    update_roadmap(ws, now=MAY)

    # П-2's answer has no pair id: found by the e-mail; both pairs answered (2 answers)
    assert cell(backend, "monitoring") == "выполнено"
    assert cell(backend, "monitoring", EVIDENCE).endswith("ответили 2 из 2 пар (100%), ответов 2")


def test_monitoring_before_its_window_is_planned_whatever_the_answers(backend):
    ws = backend.make(programme_rows())  # three answers on 20–21.11.2026, the event is due 31.05.2027

    result = update_roadmap(ws, now=NOW)

    assert cell(backend, "monitoring") == "запланировано"
    assert result.marks[ROW["monitoring"]] == Mark("запланировано", "Мониторинг: анкеты учитываются с 01.04.2027")


# --- pairs: 89 % against 91 % ---------------------------------------------------------------------
def _paired(count: int, of: int = 100) -> RoadmapData:
    emails = [f"t{i}@school26.example" for i in range(of)]
    pairs = [Pair(f"П-{i}", "m@school26.example", (e,), False, False) for i, e in enumerate(emails[:count])]
    return RoadmapData(today=TODAY, mentees=Bank(of, frozenset(emails)), pairs=pairs)


@pytest.mark.parametrize("paired, state, figure", [
    (0, "запланировано", "Пары: 0 из 100 наставляемых (0%)"),
    (1, "в работе", "Пары: 1 из 100 наставляемых (1%)"),
    (89, "в работе", "Пары: 89 из 100 наставляемых (89%)"),
    (90, "выполнено", "Пары: 90 из 100 наставляемых (90%)"),
    (91, "выполнено", "Пары: 91 из 100 наставляемых (91%)"),
])
def test_pairs_are_done_from_90_percent_of_checked_mentees(paired, state, figure):
    assert mark("pairs", _paired(paired)) == Mark(state, figure)


def test_a_share_just_below_the_threshold_is_never_rounded_up():
    assert mark("pairs", _paired(268, 298)) == Mark("в работе", "Пары: 268 из 298 наставляемых (89%)")  # 89.9 %


@pytest.mark.parametrize("pairs, answers, state", [
    (1, [("П-0", "t0")], "в работе"),  # one answer never completes it
    (1, [("П-0", "t0"), ("П-0", "m")], "выполнено"),
    (10, [(f"П-{i}", f"t{i}") for i in range(6)], "в работе"),  # 60 %
    (10, [(f"П-{i}", f"t{i}") for i in range(7)], "выполнено"),  # 70 %
    (10, [("П-0", "t0")] * 9, "в работе"),  # many answers of one pair are one pair
])
def test_monitoring_threshold(pairs, answers, state):
    data = _paired(pairs, pairs)
    data.today = dt.date(2027, 5, 10)
    data.answers = [Answer(dt.date(2027, 4, 20), p, f"{e}@school26.example") for p, e in answers]
    assert mark("monitoring", data, due=dt.date(2027, 5, 31)).state == state


# --- whose status it is ---------------------------------------------------------------------------
def test_a_status_staff_set_is_never_changed(backend):
    ws = backend.make(programme_rows())
    update_roadmap(ws, now=NOW)
    assert cell(backend, "pairs") == "в работе"
    backend.set_cells(TAB, {(ROW["pairs"], "Статус"): "запланировано",  # staff disagree with the tool
                            (ROW["training"], "Статус"): "выполнено"})
    add_kuznetsova_pair(backend)
    later = dt.datetime(2027, 1, 10, 3, 0)  # the pairs are due 30.11.2026: overdue if the tool owned them

    result = update_roadmap(ws, now=later)

    assert cell(backend, "pairs") == "запланировано"  # 3 of 3 paired now, yet the staff value stays
    assert cell(backend, "training") == "выполнено"  # 1 of 2 trained: staff know better
    assert cell(backend, "pairs", EVIDENCE) == "Автоотметка «в работе»: Пары: 2 из 3 наставляемых (66%)"
    assert {c.row for c in result.changes}.isdisjoint({ROW["pairs"], ROW["training"]})
    assert cell(backend, "support") == "выполнено"  # the tool's own row follows the data


def test_a_done_the_tool_set_goes_back_when_the_data_drops(backend):
    rows = programme_rows()
    ws = backend.make({**rows, "pairs": [*rows["pairs"], KUZNETSOVA_PAIR]})
    update_roadmap(ws, now=NOW)
    assert cell(backend, "pairs") == "выполнено"
    assert cell(backend, "pairs", EVIDENCE) == "Автоотметка «выполнено»: Пары: 3 из 3 наставляемых (100%)"
    backend.set_cells("Пары", {(4, "Статус"): "прекращена"})  # П-3 stopped

    result = update_roadmap(ws, now=NOW)

    assert cell(backend, "pairs") == "в работе"
    assert cell(backend, "pairs", EVIDENCE) == "Автоотметка «в работе»: Пары: 2 из 3 наставляемых (66%)"
    assert [(c.old, c.new) for c in result.changes if c.row == ROW["pairs"]] == [("выполнено", "в работе")]
    assert cell(backend, "support") == "в работе"


def test_overdue_only_when_past_due_and_not_done(backend):
    ws = backend.make(programme_rows())
    update_roadmap(ws, now=NOW)

    update_roadmap(ws, now=dt.datetime(2026, 12, 2, 3, 0))  # the events due 30.11.2026 are late now

    assert cell(backend, "orders") == "выполнено"  # done: never overdue
    assert cell(backend, "pairs") == "просрочено"  # the tool's «в работе», past due
    assert cell(backend, "pairs", EVIDENCE) == "Автоотметка «просрочено»: Пары: 2 из 3 наставляемых (66%)"
    assert cell(backend, "training") == "в работе"  # due 31.12.2026: on time


def test_staff_text_in_the_evidence_is_kept_above_the_tools_line(backend):
    rows = default_rows(TODAY)
    rows[ROW["pairs"] - 2]["evidence"] = "протокол МО № 3"
    rows[ROW["conference"] - 2]["evidence"] = "https://school26.example/news/seminar"
    ws = backend.make(programme_rows(rows))

    update_roadmap(ws, now=NOW)

    assert cell(backend, "pairs", EVIDENCE) == "протокол МО № 3\nАвтоотметка «в работе»: Пары: 2 из 3 наставляемых (66%)"
    assert cell(backend, "conference") == "выполнено"  # marked by staff's proof
    assert cell(backend, "conference", EVIDENCE) == (
        "https://school26.example/news/seminar\nАвтоотметка «выполнено»: подтверждение внесено")
    assert cell(backend, "round_table") == "запланировано"


# --- the implementation order, the public page ----------------------------------------------------
def test_the_implementation_order_event_is_done_once_the_order_is_made(backend):
    ws = backend.make(programme_rows())
    update_roadmap(ws, now=NOW)
    assert cell(backend, "implementation_order") == "просрочено"

    implementation_order(ws, SCHOOL, now=NOW)
    update_roadmap(ws, now=NOW)

    assert cell(backend, "implementation_order") == "выполнено"  # the overdue mark was the tool's: undone
    assert cell(backend, "implementation_order", EVIDENCE).startswith(
        "Автоотметка «выполнено»: Приказ о реализации целевой модели на 2026/2027 создан: ")


@pytest.mark.parametrize("months, status", [(0, "запланировано"), (4, "в работе"), (5, "выполнено")])
def test_publicity_follows_the_public_page_runs(backend, months, status):
    runs = [dt.datetime(2026, 9 + i, 15, 3, 0) if i < 4 else dt.datetime(2027, i - 3, 15, 3, 0) for i in range(months)]
    log = [{"started": d.strftime("%d.%m.%Y %H:%M:%S"), "finished": d.strftime("%d.%m.%Y %H:%M:%S"),
            "job": "страница для сайта", "outcome": "выполнено"} for d in runs]
    log.append({"started": "20.01.2027 03:00:00", "job": "страница для сайта", "outcome": "сбой"})  # not counted
    ws = backend.make({**programme_rows(), "log": log})

    update_roadmap(ws, now=dt.datetime(2027, 2, 10, 3, 0))

    assert cell(backend, "publicity") == status


# --- consistency and older workspaces --------------------------------------------------------------
def test_a_later_event_done_starts_its_source():
    emails = frozenset({"a@school26.example", "b@school26.example"})
    data = RoadmapData(today=TODAY, mentees=Bank(2, emails), mentors=Bank(0, frozenset()),  # no mentor rows
                       pairs=[Pair("П-1", "m@school26.example", tuple(emails), True, True)], proposed=0,
                       answers=[])
    codes = [code for pair in DEPENDS for code in pair]
    marks = consistent({i: (code, mark(code, data)) for i, code in enumerate(codes)})
    by_code = {code: marks[i] for i, code in enumerate(codes)}

    assert by_code["pairs"].state == "выполнено"
    assert by_code["mentor_bank"] == Mark("в работе", "Банк наставников: анкет пока нет; начато: пары — «выполнено»")
    for later, source in DEPENDS:
        if by_code[later].state == "выполнено":
            assert by_code[source].state != "запланировано", (later, source)


def test_a_workspace_of_the_previous_version_gets_the_codes(backend):
    rows = default_rows(TODAY)
    old_codes = {"приказы о парах", "программы", "банк наставляемых", "банк наставников", "пары", "мониторинг"}
    for r in rows:
        if r["code"] not in old_codes:
            r["code"] = ""  # the earlier version coded six events
    rows[ROW["programmes"] - 2]["event"] = "Персонализированные программы наставничества для каждой пары/группы"
    ws = backend.make(programme_rows(rows))

    result = update_roadmap(ws, now=NOW)

    codes = backend.column(TAB, "Код (автоотметка)")
    assert [codes[ROW[k]] for k in ("implementation_order", "programmes", "mentee_survey", "publicity")] == [
        "приказ о реализации", "программы", "анкета наставляемых", "освещение на сайте"]
    assert all(codes[r] for r in ROW.values())
    assert len(result.codes_filled) == 9
    assert cell(backend, "programmes") == "в работе"  # the old text is still the programmes event
    assert update_roadmap(ws, now=NOW).codes_filled == []


def test_a_done_an_earlier_version_set_on_one_answer_is_taken_back_by_its_journal(backend):
    rows = default_rows(TODAY)
    rows[ROW["monitoring"] - 2]["status"] = "выполнено"  # the earlier version: one answer on 29.11
    rows[ROW["conference"] - 2]["status"] = "выполнено"  # staff's: no journal line says the tool set it
    rows[ROW["mentee_survey"] - 2]["status"] = "в работе"  # staff's too
    old_run = {"started": "29.11.2026 03:00:00", "finished": "29.11.2026 03:00:01", "job": "дорожная карта",
               "outcome": "выполнено", "details": "\n".join([
                   "Дорожная карта: мероприятий 15; выполнено 6; просрочено 3; изменено статусов 1.",
                   "Дорожная карта, этап 6: «Мониторинг качества реализации программ (анкетирование)» — "
                   "запланировано → выполнено (ответов на анкету мониторинга: 1)."])}
    ws = backend.make({**programme_rows(rows), "log": [old_run]})

    update_roadmap(ws, now=dt.datetime(2026, 11, 30, 3, 0))

    assert cell(backend, "monitoring") == "запланировано"
    assert cell(backend, "monitoring", EVIDENCE) == "Автоотметка «запланировано»: Мониторинг: анкеты учитываются с 01.04.2027"
    assert cell(backend, "conference") == "выполнено"
    assert cell(backend, "mentee_survey") == "в работе"


# --- the thresholds are the [roadmap] keys --------------------------------------------------------
def test_thresholds_come_from_the_roadmap_section(tmp_path, backend):
    from jobs.config import load
    from tests.test_config import BASE, write

    cfg = load(write(tmp_path, BASE + "\n[roadmap]\npairs_percent = 60\nmonitoring_min_answers = 3\n"))
    thresholds = Thresholds.from_section(cfg.section("roadmap"))
    assert (thresholds.pairs_percent, thresholds.monitoring_min_answers, thresholds.banks_percent) == (60, 3, 90)
    ws = backend.make(programme_rows())

    update_roadmap(ws, now=NOW, thresholds=thresholds)

    assert cell(backend, "pairs") == "выполнено"  # 2 of 3 (66%) ≥ 60 %


@pytest.mark.parametrize("line", ["pairs_percent = 0", "monitoring_percent = 101", "monitoring_min_answers = 1",
                                  "publish_months = 13"])
def test_a_threshold_out_of_range_is_a_config_error(tmp_path, line):
    from jobs.config import ConfigError, load
    from tests.test_config import BASE, write

    with pytest.raises(ConfigError, match=line.split(" = ")[0]):
        load(write(tmp_path, BASE + f"\n[roadmap]\n{line}\n"))
