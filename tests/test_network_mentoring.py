"""Network mentoring across the schools of a municipality (issue 20, item 4): a mentee whom their
school could not pair for lack of a mathematics mentor is proposed a willing mentor of another
school; the proposal is in both schools' «Предложения», both coordinators approve, and the pair is
on both schools' «Пары». School A (the mentee's) runs on every backend; the others are local."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jobs.config import MatchingSettings, render_local_config
from jobs.init import DEFAULT_SCHOOL
from jobs.match import match
from jobs.matching import propose_pairs
from jobs.sample import FATHERS, MALE, SURNAMES
from sheets_schema import tables as TABLES
from jobs.municipal.network import NetworkSchool, network_cohort, network_match
from sync.local import create_local_workspace
from sync.workspace import Workspace
from tests.backends import Backend

NOW = dt.datetime(2026, 11, 27, 10, 0)
LATER = dt.datetime(2026, 11, 28, 10, 0)
S = MatchingSettings.default()
PROPOSALS, PAIRS = "Предложения", "Пары"
HEADER_KEYS = {c.header: c.key for c in TABLES.MENTEES.columns}


def mentee(name: str, email: str, subject: str = "математика", years: str = "1", **more: str) -> dict[str, str]:
    return {"full_name": name, "email": email, "position": f"учитель ({subject})", "subject": subject,
            "levels": "основное общее", "years": years, "difficulties": "современный урок",
            "pd_consent": "01.09.2026", **more}


def mentor(name: str, email: str, subject: str = "математика", *, ready: str = "да", capacity: str = "1",
           **more: str) -> dict[str, str]:
    row = {"full_name": name, "email": email, "position": f"учитель ({subject})", "subject": subject,
           "levels": "основное общее", "years": "20", "competences": "современный урок", "capacity": capacity,
           "trained": "да", "pd_consent": "01.09.2026", "duty_consent": "01.09.2026",
           "network_ready": ready, **more}
    return row


# School A: a Russian-language mentor with one place, taken by her own mentee; the mathematics
# mentee Иванова is left «нет пары» (no mentor of her subject).
IVANOVA = "ivanova@sosh1.example"
A_ROWS = {
    "mentees": [mentee("Иванова Мария Петровна", IVANOVA),
                mentee("Белова Анна Игоревна", "belova@sosh1.example", subject="русский язык и литература")],
    "mentors": [mentor("Громова Елена Львовна", "gromova@sosh1.example", subject="русский язык и литература",
                       competences="работа с родителями")],
}
PETROVA = "petrova@sosh2.example"
ORLOVA = "orlova@sosh2.example"
ZAITSEV = "zaitsev@sosh2.example"


def local(tmp_path: Path, name: str, rows: dict) -> Workspace:
    return create_local_workspace(tmp_path / name, rows, render_local_config(DEFAULT_SCHOOL))


def rows_of(ws: Workspace, tab: str, *headers: str) -> list[tuple[str, ...]]:
    grid = ws.read_grids([tab])[tab]
    assert grid is not None
    at = [grid[0].index(h) for h in headers]
    return [tuple(r[i] if i < len(r) else "" for i in at) for r in grid[1:] if any(str(c).strip() for c in r)]


def network(ws: Workspace) -> list[tuple[str, ...]]:
    """The network rows of «Предложения»: mentee, mentor, status, both schools, the other's decision."""
    rows = rows_of(ws, PROPOSALS, "Наставляемый (e-mail)", "Наставник (e-mail)", "Статус", "Школа наставника",
                   "Школа наставляемого", "Согласование другой школы")
    return [r for r in rows if r[3] or r[4]]


def proposed_across(tmp_path: Path) -> tuple[Workspace, Workspace, list[NetworkSchool]]:
    """Local schools A (Иванова, no mathematics mentor) and B (Петрова, one place), each matched,
    then the network match at NOW: Иванова is proposed Петрова in both schools."""
    a = local(tmp_path, "a", A_ROWS)
    b = local(tmp_path, "b", {"mentees": [], "mentors": [mentor("Петрова Галина Викторовна", PETROVA)]})
    for ws in (a, b):
        match(ws, S, NOW)
    entries = [NetworkSchool("a", "МБОУ СОШ № 1", a, S), NetworkSchool("b", "МБОУ СОШ № 2", b, S)]
    network_match(entries, NOW)
    return a, b, entries


def set_status(ws: Workspace, tab: str, mentee_email: str, status: str, backend: Backend | None = None) -> None:
    """A coordinator types a status into the network row of `mentee_email` (as staff would)."""
    grid = ws.read_grids([tab])[tab]
    assert grid is not None
    col, school = grid[0].index("Наставляемый (e-mail)"), grid[0].index("Школа наставника")
    row = next(i for i, r in enumerate(grid[1:], start=2) if r[col] == mentee_email and r[school])
    if backend is not None:
        backend.set_cells(tab, {(row, "Статус"): status})
        return
    from openpyxl import load_workbook

    path = ws.path  # type: ignore[attr-defined]
    wb = load_workbook(path)
    sheet = wb[tab]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=headers.index("Статус") + 1).value = status
    wb.save(path)


@pytest.fixture
def schools(backend, tmp_path):
    """A (backend) lacks a mathematics mentor; B has Петрова, willing; C has only an unwilling
    mentor and one without the consent to the duties. Every school's own match has run."""
    a = backend.make(A_ROWS)
    b = local(tmp_path, "b", {"mentees": [], "mentors": [
        mentor("Петрова Галина Викторовна", PETROVA, capacity="2"),
    ]})
    c = local(tmp_path, "c", {"mentees": [], "mentors": [
        mentor("Орлова Ирина Павловна", ORLOVA, ready="нет", capacity="3"),
        mentor("Зайцев Олег Ильич", ZAITSEV, duty_consent=""),
    ]})
    for ws in (a, b, c):
        match(ws, S, NOW)
    entries = [NetworkSchool("a", "МБОУ СОШ № 1", a, S), NetworkSchool("b", "МБОУ СОШ № 2", b, S),
               NetworkSchool("c", "МБОУ СОШ № 3", c, S)]
    return backend, entries


def test_the_mentee_without_a_mathematics_mentor_is_proposed_to_both_schools(schools):
    backend, entries = schools
    a, b, c = (e.workspace for e in entries)
    assert (IVANOVA, "нет пары") in rows_of(a, PROPOSALS, "Наставляемый (e-mail)", "Статус")

    result = network_match(entries, NOW)

    waiting_a = "ждёт решения куратора «МБОУ СОШ № 2»"
    waiting_b = "ждёт решения куратора «МБОУ СОШ № 1»"
    assert network(a) == [(IVANOVA, PETROVA, "предложено", "МБОУ СОШ № 2", "МБОУ СОШ № 1", waiting_a)]
    assert network(b) == [(IVANOVA, PETROVA, "предложено", "МБОУ СОШ № 2", "МБОУ СОШ № 1", waiting_b)]
    assert network(c) == []
    # the school's own «нет пары» row stays; the reasons say where the mentor is from
    assert (IVANOVA, "нет пары") in rows_of(a, PROPOSALS, "Наставляемый (e-mail)", "Статус")
    reasons_b = [r[1] for r in rows_of(b, PROPOSALS, "Наставляемый (e-mail)", "Обоснование")]
    assert reasons_b == ["сетевая форма: в школе нет свободного наставника по предмету «математика»; "
                         "наставник — из «МБОУ СОШ № 2», согласен на сетевое наставничество"]
    assert (result.cohort, result.mentors) == (1, 1)  # Орлова unwilling, Зайцев without consent
    assert result.proposed == {("МБОУ СОШ № 2", "МБОУ СОШ № 1"): 1}
    assert "Предложено из «МБОУ СОШ № 2» в «МБОУ СОШ № 1»: 1." in result.lines()


def test_a_rerun_changes_nothing_and_the_schools_own_match_leaves_network_rows_alone(schools):
    backend, entries = schools
    a, b = entries[0].workspace, entries[1].workspace
    network_match(entries, NOW)
    before = (network(a), network(b), rows_of(a, PROPOSALS, "Обновлено"))

    again = network_match(entries, LATER)
    for ws in (a, b):
        match(ws, S, LATER)

    assert (network(a), network(b), rows_of(a, PROPOSALS, "Обновлено")) == before
    assert (again.new, again.changed, again.unchanged) == (0, 0, 1)
    assert len(network(a)) == 1  # never duplicated


def test_an_unwilling_or_non_consenting_mentor_is_never_proposed(backend, tmp_path):
    a = backend.make(A_ROWS)
    c = local(tmp_path, "c", {"mentees": [], "mentors": [
        mentor("Орлова Ирина Павловна", ORLOVA, ready="нет", capacity="3"),
        mentor("Зайцев Олег Ильич", ZAITSEV, duty_consent=""),
        mentor("Носов Пётр Ильич", "nosov@sosh3.example", ready=""),
    ]})
    for ws in (a, c):
        match(ws, S, NOW)

    result = network_match([NetworkSchool("a", "МБОУ СОШ № 1", a, S), NetworkSchool("c", "МБОУ СОШ № 3", c, S)], NOW)

    assert network(a) == [] and network(c) == []
    assert (result.cohort, result.mentors) == (1, 0)
    assert result.unmatched == {"МБОУ СОШ № 1": 1}


def test_both_coordinators_approve_and_the_pair_is_on_both_schools_pairs(schools):
    backend, entries = schools
    a, b = entries[0].workspace, entries[1].workspace
    network_match(entries, NOW)
    set_status(a, PROPOSALS, IVANOVA, "утверждено", backend)

    first = network_match(entries, LATER)  # one side approved: waiting, no pair yet
    assert network(b)[0][2:] == ("предложено", "МБОУ СОШ № 2", "МБОУ СОШ № 1", "утверждено в «МБОУ СОШ № 1»")
    assert rows_of(a, PAIRS, "ID пары") == [] and rows_of(b, PAIRS, "ID пары") == []
    assert first.waiting == 1

    set_status(b, PROPOSALS, IVANOVA, "утверждено")
    network_match(entries, LATER)
    network_match(entries, LATER)  # a rerun adds nothing

    columns = ("ID пары", "Наставник (e-mail)", "Наставляемые (e-mail)", "Статус", "Другая школа (сетевая форма)")
    assert rows_of(a, PAIRS, *columns) == [("П-001", PETROVA, IVANOVA, "утверждена", "МБОУ СОШ № 2")]
    assert rows_of(b, PAIRS, *columns) == [("П-001", PETROVA, IVANOVA, "утверждена", "МБОУ СОШ № 1")]
    # each school's own match: the pair holds Иванова and one of Петрова's places
    for ws in (a, b):
        match(ws, S, LATER)
    assert rows_of(a, PAIRS, "ID пары") == [("П-001",)]
    assert IVANOVA not in [r[0] for r in rows_of(a, PROPOSALS, "Наставляемый (e-mail)", "Статус") if r[1] == "нет пары"]


def test_one_rejection_closes_both_rows_and_the_mentor_is_not_proposed_again(schools):
    backend, entries = schools
    a, b = entries[0].workspace, entries[1].workspace
    network_match(entries, NOW)
    set_status(b, PROPOSALS, IVANOVA, "отклонено")

    result = network_match(entries, LATER)
    network_match(entries, LATER)

    assert network(a) == [(IVANOVA, PETROVA, "отклонено", "МБОУ СОШ № 2", "МБОУ СОШ № 1", "отклонено в «МБОУ СОШ № 2»")]
    assert network(b) == [(IVANOVA, PETROVA, "отклонено", "МБОУ СОШ № 2", "МБОУ СОШ № 1", "закрыто и в «МБОУ СОШ № 1»")]
    assert rows_of(a, PAIRS, "ID пары") == [] and rows_of(b, PAIRS, "ID пары") == []
    assert result.closed == 1 and result.proposed == {}


SUBJECTS = ("математика", "русский язык и литература", "английский язык", "музыка")


def random_school(tmp_path: Path, key: str, rng) -> Workspace:
    """Mentees and mentors of a few subjects; some mentors willing, some schools without a subject."""
    lacking = rng.choice(SUBJECTS)
    def name() -> str:
        return f"{rng.choice(SURNAMES)} {rng.choice(MALE)} {rng.choice(FATHERS)}ич"

    mentees = [mentee(name(), f"mentee{i}@{key}.example",
                      subject=rng.choice(SUBJECTS)) for i in range(rng.randint(4, 7))]
    mentors = [mentor(name(), f"mentor{i}@{key}.example",
                      subject=rng.choice([s for s in SUBJECTS if s != lacking]), capacity=str(rng.randint(1, 2)),
                      ready=rng.choice(["да", "да", "нет"]), years=str(rng.randint(6, 30)))
               for i in range(rng.randint(1, 3))]
    mentors.append(mentor(name(), "shared@both.example", subject=rng.choice(SUBJECTS)))
    ws = local(tmp_path, key, {"mentees": mentees, "mentors": mentors})
    match(ws, S, NOW)
    return ws


@pytest.mark.parametrize("seed", [1, 7])
def test_one_optimisation_over_all_schools(tmp_path, seed):
    import random

    rng = random.Random(seed)
    entries = [NetworkSchool(k, f"Школа {k}", random_school(tmp_path, k, rng), S) for k in ("a", "b", "c")]
    cohort = network_cohort(entries, NOW)  # read only: what the run will solve
    single = propose_pairs(cohort.mentees, cohort.mentors, cohort.settings, cohort.forbidden)

    result = network_match(entries, NOW)

    assert result.outcome is not None and result.outcome.total == single.total
    assert len(cohort.mentees) > 0 and single.proposed > 0 and sum(result.proposed.values()) == single.proposed
    proposed = result.outcome.frame[result.outcome.frame["status"] == "предложено"]
    free = dict(zip(cohort.mentors["email"], cohort.mentors["free"]))
    assert (proposed["mentor_email"].value_counts() <= proposed["mentor_email"].value_counts().index.map(free)).all()
    # the same e-mail in two schools is two people; no pair within one school
    assert all(a.split(":")[0] != b.split(":")[0] for a, b in zip(proposed["mentee_email"], proposed["mentor_email"]))
    # every proposal is in both schools' «Предложения»
    by_name = {e.name: e.workspace for e in entries}
    for (mentor_school, mentee_school), n in result.proposed.items():
        for ws in (by_name[mentor_school], by_name[mentee_school]):
            assert sum(1 for r in network(ws) if (r[3], r[4]) == (mentor_school, mentee_school)) == n


def test_each_school_orders_its_own_staff_for_a_network_pair(schools):
    from jobs.config import School
    from jobs.documents.settings import DocumentSettings
    from jobs.orders import orders

    backend, entries = schools
    a, b = entries[0].workspace, entries[1].workspace
    network_match(entries, NOW)
    set_status(a, PROPOSALS, IVANOVA, "утверждено", backend)
    set_status(b, PROPOSALS, IVANOVA, "утверждено")
    network_match(entries, LATER)

    made = {}
    for ws, name in ((a, "МБОУ СОШ № 1"), (b, "МБОУ СОШ № 2")):
        school = School(name=name, head="Иванова Ирина Петровна", coordinator="Петрова Анна Сергеевна")
        made[name] = orders(ws, school, DocumentSettings(order_number="45-о"), now=LATER)

    a_result, b_result = made["МБОУ СОШ № 1"], made["МБОУ СОШ № 2"]
    # the other school's person is not held back for want of a bank row: that school holds their consents
    assert a_result.held == [] and b_result.held == []
    assert a_result.assigned == ["П-001"] and b_result.assigned == ["П-001"]
    kinds = {name: sorted(d.kind for d in r.created) for name, r in made.items()}
    # the labour-contract addendum only where the mentor works
    assert kinds["МБОУ СОШ № 1"].count("addendum") == 0
    assert kinds["МБОУ СОШ № 2"].count("addendum") == 1
    # the order names the other school's side as such, and asks only its own staff to sign
    from sync.local.documents import docx_texts

    assert b_result.order is not None
    text = docx_texts(b.directory / b_result.order.id)  # type: ignore[attr-defined]
    ivanova = [t for t in text if "Иванова Мария Петровна" in t]
    assert ivanova and all("Иванова Мария Петровна, МБОУ СОШ № 1, сетевая форма наставничества" in t for t in ivanova)
    assert any("Петрова Галина Викторовна" in t and "сетевая" not in t for t in text)


def test_a_workspace_without_the_network_columns_is_skipped_until_upgraded(tmp_path):
    """Made by an older version: a network row there would look like the school's own proposal
    (its match would rewrite it), so the school takes no part and is told to upgrade."""
    from openpyxl import load_workbook

    from jobs.upgrade import upgrade_workspace

    a = local(tmp_path, "a", A_ROWS)
    b = local(tmp_path, "b", {"mentees": [], "mentors": [mentor("Петрова Галина Викторовна", PETROVA)]})
    wb = load_workbook(a.path)  # type: ignore[attr-defined]
    for tab, header in ((PROPOSALS, "Школа наставника"), (PROPOSALS, "Школа наставляемого"),
                        (PROPOSALS, "Согласование другой школы"), (PAIRS, "Другая школа (сетевая форма)")):
        sheet = wb[tab]
        next(c for c in sheet[1] if c.value == header).value = None
    wb.save(a.path)  # type: ignore[attr-defined]
    for ws in (a, b):
        match(ws, S, NOW)
    entries = [NetworkSchool("a", "МБОУ СОШ № 1", a, S), NetworkSchool("b", "МБОУ СОШ № 2", b, S)]

    result = network_match(entries, NOW)

    assert result.schools == 1 and result.proposed == {}
    assert any(n.startswith("Школа «МБОУ СОШ № 1» пропущена: в рабочем пространстве нет столбцов «Школа наставника»")
               and "upgrade-workspace" in n for n in result.notes)
    upgrade_workspace(a)
    assert network_match(entries, NOW).proposed == {("МБОУ СОШ № 2", "МБОУ СОШ № 1"): 1}
    assert network(a)[0][:3] == (IVANOVA, PETROVA, "предложено")


def test_a_row_missing_in_the_other_school_is_written_again_with_the_decision(tmp_path):
    """A run cut between the two schools' commits (or a row deleted there): the next run writes
    the counterpart again, so the other coordinator is still asked."""
    from openpyxl import load_workbook

    a, b, entries = proposed_across(tmp_path)
    wb = load_workbook(b.path)  # type: ignore[attr-defined]
    wb[PROPOSALS].delete_rows(2)
    wb.save(b.path)  # type: ignore[attr-defined]
    set_status(a, PROPOSALS, IVANOVA, "утверждено")

    network_match(entries, LATER)
    network_match(entries, LATER)

    assert network(b) == [(IVANOVA, PETROVA, "предложено", "МБОУ СОШ № 2", "МБОУ СОШ № 1", "утверждено в «МБОУ СОШ № 1»")]
    assert network(a)[0][2:] == ("утверждено", "МБОУ СОШ № 2", "МБОУ СОШ № 1", "ждёт решения куратора «МБОУ СОШ № 2»")


def test_municipal_match_command_dry_run_then_writes(tmp_path):
    from tests.municipal_schools import invoke, municipal_file, rename_school

    a = local(tmp_path, "sosh-1", A_ROWS)
    b = local(tmp_path, "sosh-2", {"mentees": [], "mentors": [mentor("Петрова Галина Викторовна", PETROVA)]})
    for ws, key in ((a, "sosh-1"), (b, "sosh-2")):
        rename_school(tmp_path / key / "nastavnik.toml", f"МБОУ СОШ «{key}»")
        match(ws, S, NOW)
    municipal = municipal_file(tmp_path, {k: tmp_path / k / "nastavnik.toml" for k in ("sosh-1", "sosh-2")})

    dry = invoke("municipal", "match", "--config", str(municipal), "--dry-run")

    assert dry.exit_code == 0, dry.output
    assert "Предложено из «МБОУ СОШ «sosh-2»» в «МБОУ СОШ «sosh-1»»: 1." in dry.output
    assert "Пробный запуск: ничего не записано." in dry.output
    assert network(a) == [] and network(b) == []

    run = invoke("municipal", "match", "--config", str(municipal))

    assert run.exit_code == 0, run.output
    assert network(a)[0][:5] == (IVANOVA, PETROVA, "предложено", "МБОУ СОШ «sosh-2»", "МБОУ СОШ «sosh-1»")
    assert len(network(b)) == 1
    for ws in (a, b):  # each school's «Журнал» has the run's row; the dry run left none
        assert [r[0] for r in rows_of(ws, "Журнал", "Задание")].count("сетевое наставничество") == 1


def test_a_network_proposal_approved_by_the_mentor_school_holds_the_place_in_its_own_match(tmp_path):
    """The mentor's school approved, the mentee's has not yet: its own match does not give the
    mentor's one place to a new colleague of its own, and the mentee's school does not look for a
    local mentor for the mentee it approved."""
    from openpyxl import load_workbook

    a, b, entries = proposed_across(tmp_path)
    set_status(b, PROPOSALS, IVANOVA, "утверждено")
    wb = load_workbook(b.path)  # type: ignore[attr-defined]
    sheet = wb["Наставляемые"]
    headers = [c.value for c in sheet[1]]
    new = mentee("Лебедева Ольга Ивановна", "lebedeva@sosh2.example")
    sheet.append([new.get(ru_key, "") for ru_key in (HEADER_KEYS.get(h, "") for h in headers)])
    wb.save(b.path)  # type: ignore[attr-defined]

    match(b, S, LATER)

    own = rows_of(b, PROPOSALS, "Наставляемый (e-mail)", "Наставник (e-mail)", "Статус", "Школа наставника")
    assert ("lebedeva@sosh2.example", "", "нет пары", "") in own
    assert (IVANOVA, PETROVA, "утверждено", "МБОУ СОШ № 2") in own  # the network row as the coordinator left it


def add_bank_row(ws: Workspace, tab: str, row: dict[str, str]) -> None:
    """Staff type one more row into a bank of a local workbook."""
    from openpyxl import load_workbook

    wb = load_workbook(ws.path)  # type: ignore[attr-defined]
    sheet = wb[tab]
    keys = {c.header: c.key for c in (TABLES.MENTEES if tab == "Наставляемые" else TABLES.MENTORS).columns}
    sheet.append([row.get(keys.get(str(c.value), ""), "") for c in sheet[1]])
    wb.save(ws.path)  # type: ignore[attr-defined]


def test_an_open_network_proposal_holds_the_mentor_place_in_the_mentors_school(tmp_path):
    """Nobody has decided yet and the mentor's school gets a new mathematics colleague: its own
    match does not offer Петрова's one place to her too, so approving everything open can never
    give a mentor more mentees than places. A rejection frees the place."""
    a, b, entries = proposed_across(tmp_path)
    assert [r[:3] for r in network(b)] == [(IVANOVA, PETROVA, "предложено")]
    add_bank_row(b, "Наставляемые", mentee("Лебедева Ольга Ивановна", "lebedeva@sosh2.example"))

    match(b, S, LATER)

    own = rows_of(b, PROPOSALS, "Наставляемый (e-mail)", "Наставник (e-mail)", "Статус", "Школа наставника")
    assert ("lebedeva@sosh2.example", "", "нет пары", "") in own  # Петрова's place is held
    assert (IVANOVA, PETROVA, "предложено", "МБОУ СОШ № 2") in own

    set_status(b, PROPOSALS, IVANOVA, "отклонено")
    network_match(entries, LATER)
    match(b, S, LATER + dt.timedelta(days=1))
    own = rows_of(b, PROPOSALS, "Наставляемый (e-mail)", "Наставник (e-mail)", "Статус", "Школа наставника")
    assert ("lebedeva@sosh2.example", PETROVA, "предложено", "") in own  # released to her own colleague


def test_a_mentee_with_an_open_network_proposal_gets_her_own_schools_mentor_when_one_is_free(tmp_path):
    """The mentee's school hires a mathematics mentor while the network proposal is open: its own
    match proposes him (her «нет пары» row becomes his proposal), and the municipal match then
    withdraws the network proposal it no longer needs — from the network row, not from her own
    school's row with the same e-mail and status (a write once landed on that twin)."""
    a, b, entries = proposed_across(tmp_path)
    add_bank_row(a, "Наставники", mentor("Соколов Павел Андреевич", "sokolov@sosh1.example"))

    match(a, S, LATER)
    result = network_match(entries, LATER)

    own = rows_of(a, PROPOSALS, "Наставляемый (e-mail)", "Наставник (e-mail)", "Статус", "Школа наставника")
    assert (IVANOVA, "sokolov@sosh1.example", "предложено", "") in own  # her own school's proposal kept
    assert network(a) == network(b) == []  # the network proposal withdrawn in both schools
    assert result.dropped == 1


def test_a_schools_journal_row_holds_only_what_that_school_takes_part_in():
    """Every school's «Журнал» gets the run's row, but another school's unmatched mentees, pairs
    and notes (which can name its staff) never go into it."""
    from jobs.municipal.network import NetworkResult

    result = NetworkResult(started=NOW, finished=NOW, schools=3, cohort=4, mentors=2,
                           proposed={("Школа Б", "Школа А"): 1, ("Школа Б", "Школа В"): 2},
                           unmatched={"Школа В": 1}, made=["«Школа А»: П-001", "«Школа В»: П-007"],
                           notes=["«Школа В»: kozlova.la@school3.example — нет согласия", "Школа «Школа А» пропущена: нет доступа"])

    mine = "\n".join(result.lines("Школа А"))
    everything = "\n".join(result.lines())

    assert "Предложено из «Школа Б» в «Школа А»: 1." in mine and "П-001" in mine and "пропущена" in mine
    assert "Школа В" not in mine and "kozlova" not in mine and "П-007" not in mine
    assert "Школа В" in everything and "kozlova" in everything and "П-007" in everything


def test_a_network_pair_is_counted_once_in_the_municipal_totals(tmp_path):
    """Both schools approve: the pair is on both schools' «Пары» (and each school's own figures
    count it), but the municipality's total counts it once — and still both times when the
    mentee's school is not among the schools summed."""
    from jobs.municipal.aggregate import school_figures, unreadable
    from jobs.municipal.report import people_rows, progress_rows

    a, b, entries = proposed_across(tmp_path)
    set_status(a, PROPOSALS, IVANOVA, "утверждено")
    set_status(b, PROPOSALS, IVANOVA, "утверждено")
    network_match(entries, LATER)

    fa = school_figures(a, "a", "МБОУ СОШ № 1", LATER.date())
    fb = school_figures(b, "b", "МБОУ СОШ № 2", LATER.date())
    assert (fa.pairs_active, fb.pairs_active) == (1, 1)  # each school's own row counts the pair
    assert fa.shared == () and [(p.partner, p.pairs) for p in fb.shared] == [("мбоу сош № 1", 1)]

    total = people_rows([fa, fb], min_answers=1)[-1]
    assert total["pairs"] == "1"
    alone = people_rows([unreadable("a", "МБОУ СОШ № 1", "нет доступа"), fb], min_answers=1)[-1]
    assert alone["pairs"] == "1"
    assert progress_rows([fa, fb], min_answers=1)[-1]["plan_pairs"] == str(fa.plan_pairs + fb.plan_pairs
                                                                            - sum(p.plan[0] for p in fb.shared))


def test_the_totals_take_a_shared_pairs_plan_once_and_only_when_both_schools_are_summed():
    from jobs.municipal.aggregate import SchoolFigures, SharedPairs
    from jobs.municipal.report import people_rows, progress_rows

    fa = SchoolFigures(key="a", name="МБОУ СОШ № 1", min_answers=1, pairs_active=3, plan_pairs=3, plan_on_track=2,
                       plan_behind=1)
    fb = SchoolFigures(key="b", name="МБОУ  СОШ № 2", min_answers=1, pairs_active=2, plan_pairs=2, plan_on_track=1,
                       plan_done=1, shared=(SharedPairs("мбоу сош № 1", 1, (1, 1, 0, 0)),))
    total = progress_rows([fa, fb], min_answers=1)[-1]
    assert (total["plan_pairs"], total["on_track"], total["behind"], total["done"]) == ("4", "2", "1", "1")
    assert people_rows([fa, fb], min_answers=1)[-1]["pairs"] == "4"
    # the mentor's school below the threshold is not in the shown sums: nothing to take away there
    total = progress_rows([fa, fb], min_answers=3)[-1]
    assert (total["plan_pairs"], total["on_track"], total["behind"]) == ("4", "2", "1")


def _open_network_and_a_new_local_mentor(tmp_path):
    """Иванова has an open network proposal (Петрова, school B) and then her own school's new
    mathematics mentor Соколов proposed by its match: two open proposals for one mentee."""
    a, b, entries = proposed_across(tmp_path)
    add_bank_row(a, "Наставники", mentor("Соколов Павел Андреевич", "sokolov@sosh1.example"))
    match(a, S, LATER)
    return a, b, entries


def set_local_status(ws: Workspace, mentee_email: str, mentor_email: str, status: str) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(ws.path)  # type: ignore[attr-defined]
    sheet = wb[PROPOSALS]
    headers = [c.value for c in sheet[1]]
    at = {h: headers.index(h) + 1 for h in ("Наставляемый (e-mail)", "Наставник (e-mail)", "Статус", "Школа наставника")}
    for row in range(2, sheet.max_row + 1):
        if (sheet.cell(row, at["Наставляемый (e-mail)"]).value == mentee_email
                and sheet.cell(row, at["Наставник (e-mail)"]).value == mentor_email
                and not sheet.cell(row, at["Школа наставника"]).value):
            sheet.cell(row, at["Статус"]).value = status
    wb.save(ws.path)  # type: ignore[attr-defined]


def test_a_mentee_approved_locally_and_across_schools_gets_one_pair_and_a_note(tmp_path):
    """Her school's coordinator approves both proposals and the mentor's school the network one:
    her own school's pair is made (its match runs first), the network pair is made in neither
    school, and the municipal run says why and what to do."""
    a, b, entries = _open_network_and_a_new_local_mentor(tmp_path)
    set_local_status(a, IVANOVA, "sokolov@sosh1.example", "утверждено")
    set_status(a, PROPOSALS, IVANOVA, "утверждено")
    set_status(b, PROPOSALS, IVANOVA, "утверждено")

    match(a, S, LATER + dt.timedelta(days=1))
    result = network_match(entries, LATER + dt.timedelta(days=1))

    assert rows_of(a, PAIRS, "Наставник (e-mail)", "Наставляемые (e-mail)") == [("sokolov@sosh1.example", IVANOVA)]
    assert rows_of(b, PAIRS, "ID пары") == []
    note = next(n for n in result.lines() if "Сетевая пара" in n)
    assert IVANOVA in note and "уже в паре П-" in note and "sokolov@sosh1.example" in note


def test_a_local_approval_after_a_network_pair_is_not_a_second_pair(tmp_path):
    a, b, entries = _open_network_and_a_new_local_mentor(tmp_path)
    set_status(a, PROPOSALS, IVANOVA, "утверждено")
    set_status(b, PROPOSALS, IVANOVA, "утверждено")
    network_match(entries, LATER)  # the network pair is made in both schools
    set_local_status(a, IVANOVA, "sokolov@sosh1.example", "утверждено")

    outcome = match(a, S, LATER + dt.timedelta(days=1))

    assert [r for r in rows_of(a, PAIRS, "Наставник (e-mail)", "Наставляемые (e-mail)") if r[1] == IVANOVA] == [
        (PETROVA, IVANOVA)]
    assert any("уже в паре П-" in n and IVANOVA in n for n in outcome.approval.notes), outcome.approval.notes
