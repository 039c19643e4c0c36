"""«Обучение наставников» (issue 19, stage 4) at the job level on every backend: `validate` checks
the rows, totals the hours into «Наставники», flags a stale training; `match` reads «trained» from
the tab (bonus and `require_training`); the roadmap's training event counts valid training only."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jobs.config import MatchingSettings
from jobs.init import initial_rows
from jobs.match import match
from jobs.roadmap_marks import DONE, IN_PROGRESS, Bank, Pair, RoadmapData, Thresholds, mark
from jobs.training import check_training, cutoff, trained_emails
from jobs.validate import validate
from sheets_schema import ru
from sheets_schema.grid import read_grid
from sheets_schema.tables import MENTORS, TRAINING
from tests.test_orders import mentee, mentor, pair
from tests.workspaces import NOW, TODAY

TAB, BANK = TRAINING.title, MENTORS.title
HOURS = ru.HEADERS["training_hours"]
REASON_TRAINED = ru.MATCHING["reason_trained"]


def course(who: str, end: str = "20.05.2026", **over: str) -> dict[str, str]:
    row = {"trainee": who, "course": "Наставничество в образовательной организации", "provider": "ИРО",
           "training_start": "", "training_end": end, "hours": "36", "document_no": "У-123",
           "file_link": "https://drive.example/u123"}
    row.update(over)
    return row


def workspace_rows(training: list[dict[str, str]], mentors: list[dict[str, str]] | None = None,
                   mentees: list[dict[str, str]] | None = None) -> dict[str, list[dict[str, str]]]:
    rows = initial_rows(TODAY, None)
    rows.update(mentors=mentors if mentors is not None else [mentor(0), mentor(1), mentor(2)],
                mentees=mentees if mentees is not None else [], training=training)
    return rows


def by_row(backend, tab: str, header: str) -> dict[int, str]:
    return backend.column(tab, header)


def test_rows_are_checked_hours_totalled_and_a_stale_training_flagged(backend):
    backend.make(workspace_rows([
        course("Смирнова Ольга Ивановна", training_start="10.05.2026"),          # 2: OK, 36 h
        course("Смирновой О. И.", end="15.10.2026", hours="18"),                # 3: OK, case and initials
        course("mentor1@school.example", end="30.06.2022", hours="72"),         # 4: OK but stale
        course("Сидоров Пётр"),                                                   # 5: nobody
        course("Попова Ольга Ивановна", end="31.02.2026"),                        # 6: no such date
        course("Попова Ольга Ивановна", hours="тридцать"),                        # 7: hours
        course("Попова Ольга Ивановна", training_start="01.06.2026"),             # 8: end before start
        course("Попова Ольга Ивановна", course=""),                               # 9: no course
    ]))

    result = validate(backend.workspace, now=NOW)

    status = by_row(backend, TAB, "Статус")
    message = by_row(backend, TAB, "Сообщение")
    assert [status[r] for r in range(2, 10)] == ["OK", "OK", "OK"] + ["Ошибка"] * 5
    assert message[2] == message[3] == message[4] == ""
    assert message[5].startswith('Наставник (ФИО или e-mail): "Сидоров Пётр" — нет на листе «Наставники»')
    assert message[6] == ('Дата окончания: "31.02.2026" — не дата; укажите дату в виде ДД.ММ.ГГГГ, '
                          'например 30.11.2025')
    assert message[7] == ('Часов: "тридцать" — не целое число часов от 1 до 2000; укажите число часов по '
                          'документу, например 36')
    assert message[8] == 'Дата окончания: "20.05.2026" — раньше даты начала (01.06.2026); проверьте даты'
    assert message[9] == "Курс / мероприятие: не заполнено; впишите название курса или мероприятия"

    hours = by_row(backend, BANK, HOURS)
    assert (hours[2], hours[3], hours[4]) == ("54", "72", "")  # Попова: only rows with errors
    bank_message = by_row(backend, BANK, "Сообщение")
    assert bank_message[3] == ("Обучение наставников: последнее окончено 30.06.2022 — больше 3 лет назад, "
                               "не засчитывается; внесите новое обучение на лист «Обучение наставников»")
    assert by_row(backend, BANK, "Статус")[3] == "OK"  # a note, not an error
    assert bank_message[2] == bank_message[4] == ""
    assert ("«Обучение наставников»: строк 8, с ошибками 5; обучены (действующее обучение) 1 наставников, "
            "устарело у 1 (строки с ошибками: 5, 6, 7, 8, 9 — причина в столбце «Сообщение»)") in result.lines()
    assert result.exit_code == 0

    before = backend.grid(TAB), backend.grid(BANK)
    again = validate(backend.workspace, now=NOW)  # nothing changes on a rerun
    assert (backend.grid(TAB), backend.grid(BANK)) == before
    assert again.summaries[1].changed == 0


def test_a_newer_training_makes_a_mentor_valid_again(backend):
    backend.make(workspace_rows([course("Кузнецова Ольга Ивановна", end="30.06.2022"),
                                 course("Кузнецова О. И.", end="01.11.2026", hours="24")]))

    validate(backend.workspace, now=NOW)

    assert by_row(backend, BANK, "Сообщение")[3] == ""
    assert by_row(backend, BANK, HOURS)[3] == "60"


def test_a_workspace_without_the_tab_is_validated_as_before_with_a_note(tmp_path):
    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    backend.make(workspace_rows([]))
    from openpyxl import load_workbook

    path = backend.workspace.path
    wb = load_workbook(path)
    del wb[TAB]
    wb.save(path)

    result = validate(backend.workspace, now=NOW)

    assert result.exit_code == 0
    assert ("Лист «Обучение наставников» не найден — обучение засчитывается только по столбцу «Прошёл(ла) "
            "обучение для наставников» листа «Наставники»; выполните nastavnik upgrade-workspace") in result.lines()


# --- matching -------------------------------------------------------------------------------------
def _proposal(backend) -> tuple[str, str]:
    grid = backend.grid("Предложения")
    header = grid[0]
    row = grid[1]
    return row[header.index("Наставник (e-mail)")], row[header.index("Обоснование")]


@pytest.mark.parametrize("end, trained", [("01.11.2026", True), ("30.06.2022", False)])
def test_matching_counts_a_valid_training_from_the_tab_and_not_a_stale_one(backend, end, trained):
    backend.make(workspace_rows([course("Смирнова Ольга Ивановна", end=end)], mentors=[mentor(0)],
                                mentees=[mentee(5)]))

    match(backend.workspace, MatchingSettings.default(), now=NOW)

    email, reasons = _proposal(backend)
    assert email == "mentor0@school.example"
    assert (REASON_TRAINED in reasons) is trained


def test_require_training_proposes_only_the_mentor_trained_on_the_tab(backend):
    backend.make(workspace_rows(
        [course("Смирнова Ольга Ивановна", end="30.06.2022"), course("Кузнецова Ольга Ивановна", end="01.11.2026")],
        mentors=[mentor(0, trained="да"), mentor(1)], mentees=[mentee(5)]))
    settings = dataclasses.replace(MatchingSettings.default(), require_training=True)

    match(backend.workspace, settings, now=NOW)

    # Смирнова's «да» is overridden by her stale training; Кузнецова is trained by the tab alone
    assert _proposal(backend)[0] == "mentor1@school.example"


# --- pure rules -----------------------------------------------------------------------------------
def _check(rows: list[dict[str, str]], years: int = 3, bank: list[dict[str, str]] | None = None):
    grids = {}
    for table, data in ((TRAINING, rows), (MENTORS, bank or [mentor(0), mentor(1)])):
        grids[table.key] = [table.headers] + [[r.get(c.key, "") for c in table.columns] for r in data]
    return check_training(read_grid(TRAINING, grids["training"]), read_grid(MENTORS, grids["mentors"]), TODAY, years)


@pytest.mark.parametrize("end, valid", [
    ("27.11.2023", True),    # exactly `years` ago: still counts
    ("26.11.2023", False),
    ("01.12.2026", False),   # not ended yet: neither valid nor stale
])
def test_validity_is_measured_from_the_end_date(end, valid):
    check = _check([course("mentor0@school.example", end=end)])
    assert ("mentor0@school.example" in check.valid) is valid
    assert cutoff(TODAY, 3) == dt.date(2023, 11, 27)


def test_a_training_not_yet_ended_is_ok_with_a_note_and_not_counted():
    check = _check([course("mentor0@school.example", end="01.12.2026", training_start="20.11.2026")])
    verdict = check.verdicts[2]
    assert verdict.status == "OK" and "дата ещё не наступила" in verdict.message
    assert check.hours == {} and not check.stale


def test_trained_is_the_tab_or_the_bank_unless_stale():
    check = _check([course("mentor0@school.example", end="30.06.2022")], years=3)
    assert trained_emails({"mentor0@school.example", "other@school.example"}, check) == {"other@school.example"}
    longer = _check([course("mentor0@school.example", end="30.06.2022")], years=5)
    assert trained_emails(set(), longer) == {"mentor0@school.example"}


def test_roadmap_training_event_counts_the_pairs_mentors_with_valid_training():
    check = _check([course("mentor0@school.example", end="01.11.2026"),
                    course("mentor1@school.example", end="30.06.2022")])
    mentors = Bank(rows=2, ok=frozenset({"mentor0@school.example", "mentor1@school.example"}),
                   trained=frozenset({"mentor1@school.example"}))
    pairs = [Pair("P000", "mentor0@school.example", ("a@school.example",), True, True),
             Pair("P001", "mentor1@school.example", ("b@school.example",), True, True)]
    data = RoadmapData(today=TODAY, mentors=mentors, pairs=pairs, training=check)

    half = mark("training", data, None, "", Thresholds())
    assert half is not None and half.state == IN_PROGRESS and half.figure == "Обучение: 1 из 2 наставников (50%)"
    without_tab = mark("training", dataclasses.replace(data, training=None), None, "",
                       Thresholds(training_percent=50))
    assert without_tab is not None and without_tab.state == DONE  # the bank's «да» alone, as before


def test_an_older_workspace_gets_the_tab_and_the_columns_from_the_upgrade(tmp_path):
    from openpyxl import load_workbook

    from jobs.upgrade import upgrade_workspace
    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    backend.make(workspace_rows([]))
    path = backend.workspace.path
    wb = load_workbook(path)  # as a version before issue 19 made it
    del wb[TAB]
    for title, header in ((BANK, HOURS), ("Пары", ru.HEADERS["certificate"])):
        ws = wb[title]
        col = [c.value for c in ws[1]].index(header) + 1
        ws.delete_cols(col)
    wb.save(path)

    upgraded = upgrade_workspace(backend.workspace, now=NOW, templates=False, questionnaires=False)

    lines = upgraded.lines()
    assert any("Обучение наставников" in line for line in lines), lines
    assert backend.grid(TAB)[0][:len(TRAINING.headers)] == TRAINING.headers
    assert HOURS in backend.grid(BANK)[0] and ru.HEADERS["certificate"] in backend.grid("Пары")[0]
    backend.set_cells(TAB, {(2, TRAINING.column("trainee").header): "Попова Ольга Ивановна",
                            (2, TRAINING.column("course").header): "Школа наставника",
                            (2, TRAINING.column("training_end").header): "01.10.2026",
                            (2, TRAINING.column("hours").header): "16"})
    validate(backend.workspace, now=NOW)
    assert by_row(backend, BANK, HOURS)[4] == "16"


SAME_SURNAME = [mentor(0), mentor(1), mentor(2, full_name="Смирнова Анна Петровна")]


@pytest.mark.parametrize("who, message", [
    ("Смирнова", 'Наставник (ФИО или e-mail): "Смирнова" — подходят несколько наставников: Смирнова Анна '
                 'Петровна, Смирнова Ольга Ивановна. Пока не исправлено, обучение не засчитывается; допишите имя '
                 'и отчество или впишите e-mail'),
    ("Смирнова О. И., Кузнецова О. И.", 'Наставник (ФИО или e-mail): "Смирнова О. И., Кузнецова О. И." — в одной '
                                        'строке несколько наставников; внесите обучение каждого наставника '
                                        'отдельной строкой'),
    ("", "Наставник (ФИО или e-mail): не заполнено; впишите ФИО наставника (как на листе «Наставники») или его e-mail"),
    ("Смирновой Анне Петровне", ""),
])
def test_who_the_row_names(who, message):
    check = _check([course(who)], bank=SAME_SURNAME)
    assert check.verdicts[2].message == message
    assert (check.verdicts[2].status == "OK") is (message == "")


@pytest.mark.parametrize("end, status", [("01.11.2026", DONE), ("30.06.2022", None)])
def test_the_nightly_roadmap_marks_training_done_from_the_tab_alone(backend, end, status):
    """The whole roadmap job (not the rule alone): the pair's mentor is trained only on the tab."""
    from jobs.roadmap import update_roadmap

    rows = workspace_rows([course("Смирнова Ольга Ивановна", end=end)], mentors=[mentor(0)], mentees=[mentee(0)])
    rows["pairs"] = [pair(0)]
    backend.make(rows)

    update_roadmap(backend.workspace, now=NOW)

    grid = backend.grid("Дорожная карта")
    header = grid[0]
    code = ru.ROADMAP_TEXTS["codes"]["training"]
    [event] = [r for r in grid[1:] if r[header.index(ru.HEADERS["code"])] == code]
    marked = event[header.index(ru.HEADERS["status"])]
    if status is None:  # a stale training counts for nothing: the event is not done
        assert marked != DONE
    else:
        assert marked == status
