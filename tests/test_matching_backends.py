"""`match` at the job level on every backend — the same tests, the same expected cells.

The `backend` fixture (tests/conftest.py) runs each test on a local workspace, on the fake
Google Workspace over real HTTP, and on real Google when live credentials are given. Staff edits
(approve, reject, withdraw a consent) go through `backend.set_cells`, as a person's edit would.
"""
from __future__ import annotations

from jobs.config import MatchingSettings
from jobs.match import match
from tests.builders import MENTEES, MENTORS, NOW

S = MatchingSettings.default()
IVANOVA, SMIRNOV, KUZNETSOVA = (m["email"] for m in MENTEES)
PETROVA, SOKOLOV = (m["email"] for m in MENTORS)
OFFERS, PAIRS = "Предложения", "Пары"
MENTEE, MENTOR, STATUS = "Наставляемый (e-mail)", "Наставник (e-mail)", "Статус"


def offers(backend) -> list[dict[str, str]]:
    """Rows of «Предложения» as {header: text}, without empty rows."""
    grid = backend.grid(OFFERS)
    head = grid[0]
    out = []
    for row in grid[1:]:
        if any(v != "" for v in row):
            out.append({h: (row[i] if i < len(row) else "") for i, h in enumerate(head)})
    return out


def by_mentee(backend) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in offers(backend):
        out.setdefault(r[MENTEE], []).append(r)
    return out


def row_of(backend, tab: str, header: str, value: str, status: str = "") -> int:
    """The sheet row of `tab` whose `header` is `value` (and whose status is `status`, if given)."""
    statuses = backend.column(tab, STATUS) if status else {}
    for r, text in backend.column(tab, header).items():
        if text == value and (not status or statuses[r] == status):
            return r
    raise AssertionError(f"no row of {tab} with {header} = {value}")


def pair_rows(backend) -> list[dict[str, str]]:
    grid = backend.grid(PAIRS)
    return [{h: (row[i] if i < len(row) else "") for i, h in enumerate(grid[0])}
            for row in grid[1:] if any(v != "" for v in row)]


def test_proposals_are_written_with_reasons_and_alternatives(backend):
    ws = backend.make({"mentees": MENTEES, "mentors": MENTORS})

    result = match(ws, S, NOW)

    got = by_mentee(backend)
    assert sorted(got) == sorted([IVANOVA, SMIRNOV, KUZNETSOVA])
    ivanova = got[IVANOVA][0]
    assert (ivanova[MENTOR], ivanova["ФИО наставника"], ivanova[STATUS], ivanova["Баллы"]) == (
        PETROVA, "Петрова Галина Викторовна", "предложено", "138,0")
    assert ivanova["Обоснование"] == (
        "совпадает предмет: математика; компетенции наставника соответствуют затруднениям: современный урок, работа с родителями; "
        "уровень образования: основное общее, среднее общее; стаж наставника 27 лет; категория: высшая; "
        "форма: традиционная (один на один); общие дни: пн; прошёл(ла) обучение для наставников"
    )
    assert ivanova["Другие варианты"].startswith("Соколов")  # the next-best mentor is named
    assert SOKOLOV in ivanova["Другие варианты"]
    assert got[SMIRNOV][0][MENTOR] == SOKOLOV
    kuz = got[KUZNETSOVA][0]
    assert (kuz[STATUS], kuz[MENTOR]) == ("нет пары", "")
    assert kuz["Обоснование"] == (
        "все наставники исключены правилом: другой предмет, а затруднений, не связанных с предметом, наставник "
        "не закрывает; нужна психолого-педагогическая поддержка; подбор повторится при следующем запуске"
    )
    assert sorted(result.changes.new) == sorted([IVANOVA, SMIRNOV, KUZNETSOVA])
    assert result.outcome.proved
    assert list(backend.column("Журнал", "Задание").values())[-1] == "подбор пар"


def test_approve_reject_rerun_loop(backend):
    ws = backend.make({"mentees": MENTEES, "mentors": MENTORS})
    match(ws, S, NOW)
    backend.set_cells(OFFERS, {
        (row_of(backend, OFFERS, MENTEE, IVANOVA), STATUS): "утверждено",
        (row_of(backend, OFFERS, MENTEE, SMIRNOV), STATUS): "отклонено",
    })

    second = match(ws, S, NOW)

    pairs = pair_rows(backend)
    assert [(p["ID пары"], p[MENTOR], p["Наставляемые (e-mail)"], p["Форма наставничества"], p["Начало"],
             p["Окончание"], p[STATUS]) for p in pairs] == [
        # the term (issue 18, jobs.terms): from the next working day after the approval (Friday 27.11 →
        # Monday 30.11) to the school year's end (31.05), earlier than 9 months on
        ("П-001", PETROVA, IVANOVA, "традиционная (один на один)", "30.11.2026", "31.05.2027", "утверждена")]
    assert second.approval.ids == ["П-001"]
    got = by_mentee(backend)
    assert [r[STATUS] for r in got[IVANOVA]] == ["утверждено"]  # the approved row is kept, not re-proposed
    smirnov = {r[STATUS]: r for r in got[SMIRNOV]}
    assert smirnov["отклонено"][MENTOR] == SOKOLOV  # the rejected row stays
    assert smirnov["предложено"][MENTOR] == PETROVA  # only the rest is proposed for; Petrova has a place left
    assert SMIRNOV in second.changes.new and IVANOVA not in second.changes.new + second.changes.changed

    tabs = (OFFERS, PAIRS, "Наставляемые", "Наставники")
    before = {tab: backend.grid(tab) for tab in tabs}
    third = match(ws, S, NOW)

    assert {tab: backend.grid(tab) for tab in tabs} == before  # nothing changed, nothing rewritten
    assert len(pair_rows(backend)) == 1  # approval is idempotent
    assert third.approval.rows == []
    assert (third.changes.new, third.changes.changed, third.changes.dropped) == ([], [], [])
    proposed = [r[MENTOR] for r in by_mentee(backend)[SMIRNOV] if r[STATUS] == "предложено"]
    assert proposed == [PETROVA]  # the rejected pair never comes back


def test_withdrawn_consent_removes_the_open_proposal(backend):
    ws = backend.make({"mentees": MENTEES, "mentors": MENTORS})
    match(ws, S, NOW)
    backend.set_cells("Наставляемые", {
        (row_of(backend, "Наставляемые", "E-mail", SMIRNOV), "Согласие на обработку ПДн (дата)"): "",
    })

    result = match(ws, S, NOW)

    assert SMIRNOV not in by_mentee(backend)
    assert result.changes.dropped == [SMIRNOV]
    assert len(offers(backend)) == 2


def test_dry_run_writes_nothing(backend):
    ws = backend.make({"mentees": MENTEES, "mentors": MENTORS})
    tabs = ("Наставляемые", "Наставники", OFFERS, PAIRS, "Журнал")
    before = {tab: backend.grid(tab) for tab in tabs}

    result = match(ws, S, NOW, dry_run=True)

    assert {tab: backend.grid(tab) for tab in tabs} == before
    assert result.lines()[-1] == "Пробный запуск (--dry-run): ничего не записано."
    assert len(result.changes.new) == 3
