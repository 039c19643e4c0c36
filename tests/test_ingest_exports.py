"""`ingest` of the exports staff really produce (issue 13, item 3): one bad file never blocks the
others, control characters are cleaned at intake and reported safely, headers that nearly match a
question are taken, line breaks inside free text are kept."""
from __future__ import annotations

import csv
import datetime as dt
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from jobs.cli import State
from jobs.cli.cmd_ingest import ingest as ingest_command
from jobs.ingest import ingest
from jobs.nightly import nightly
from sheets_schema.questionnaires import MENTEE_FORM, MENTOR_FORM
from tests.test_ingest_local import (
    MENTEE_HEADERS_RU, by_email, journal, mentee_answers, mentee_row, write_csv,
)
from tests.workspaces import NOW, local_workspace

GOOD = "good.csv"
GOOD_EMAIL = "good@school26.example"
TAKEN_AS = "Файл «{file}»: столбец «{header}» принят как вопрос «{question}» (анкета «{form}»)."
REREAD = ("Скачайте ответы из формы заново (CSV в UTF-8 или XLSX) и замените им этот файл; ответы из других "
          "файлов приняты как обычно.")


@pytest.fixture
def workspace(tmp_path):
    return local_workspace(tmp_path / "w")


def run_cli(workspace):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    return runner.invoke(ingest_command, [], obj=State(str(workspace.directory / "nastavnik.toml")))


def good_csv(forms: Path) -> None:
    write_csv(forms / GOOD, MENTEE_HEADERS_RU, [mentee_row("02.11.2026 9:00:00", GOOD_EMAIL, mentee_answers(1))])


# --- one bad file never blocks the others ------------------------------------------------------------
def cut_xlsx(path: Path) -> None:
    wb = Workbook()
    wb.active.append(MENTEE_HEADERS_RU)
    wb.active.append(mentee_row("02.11.2026 9:00:00", "cut@school26.example", mentee_answers(2)))
    wb.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a download cut half-way


def cut_member_xlsx(path: Path) -> None:
    """A zip whose directory is intact but whose sheet is not XML any more."""
    wb = Workbook()
    wb.active.append(MENTEE_HEADERS_RU)
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"][:200]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def binary_csv(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 8)


def empty_csv(path: Path) -> None:
    path.write_bytes(b"")


def pipe_csv(path: Path) -> None:
    path.write_text("|".join(MENTEE_HEADERS_RU) + "\n02.11.2026 9:00:00|x@school26.example\n", encoding="utf-8")


def old_excel(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


# name → (file name, how it is made, the exact problem)
BAD_FILES = {
    "cut_xlsx": ("ответы.xlsx", cut_xlsx,
                 "Не удалось прочитать файл «ответы.xlsx»: это не книга XLSX — файл обрезан при скачивании, "
                 "повреждён или защищён паролем. " + REREAD),
    "xlsx_with_a_broken_sheet": ("ответы.xlsx", cut_member_xlsx,
                                 "Не удалось прочитать файл «ответы.xlsx»: книга XLSX повреждена (ParseError). " + REREAD),
    "binary_saved_as_csv": ("ответы.csv", binary_csv,
                            "Не удалось прочитать файл «ответы.csv»: это не текст CSV (в файле двоичные данные). " + REREAD),
    "empty_csv": ("ответы.csv", empty_csv,
                  "Файл «ответы.csv» пуст — в нём нет ни заголовков, ни ответов. Скачайте ответы из формы заново "
                  "(CSV или XLSX) и замените им этот файл; файл пропущен."),
    "unknown_delimiter": ("ответы.csv", pipe_csv,
                          "Файл «ответы.csv»: столбцы не разделены запятой, точкой с запятой или табуляцией "
                          "(строка заголовков: «Отметка времени|Адрес электронной почты|Фамилия, имя, отчество|"
                          "Должность|Предме…»). Скачайте ответы из формы заново как CSV; файл пропущен."),
    "old_excel_format": ("ответы.xls", old_excel,
                         "Файл «ответы.xls»: формат .xls не читается. Откройте файл и сохраните ответы как CSV "
                         "(UTF-8) или XLSX; файл пропущен."),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_reported_and_the_good_one_taken(workspace, name):
    file, make, problem = BAD_FILES[name]
    forms = workspace.directory / "forms"
    make(forms / file)
    good_csv(forms)

    result = ingest(workspace, now=NOW)

    assert result.problems == [problem]
    assert result.exit_code == 1  # bad input, as a header that names no question
    assert set(by_email(workspace.path)) == {GOOD_EMAIL}
    assert problem in journal(workspace.path)[-1]


def test_a_cut_xlsx_through_the_cli_and_nightly_no_traceback(workspace):
    forms = workspace.directory / "forms"
    cut_xlsx(forms / "ответы.xlsx")
    good_csv(forms)

    out = run_cli(workspace)

    assert out.exit_code == 1 and isinstance(out.exception, (SystemExit, type(None)))
    assert "Traceback" not in out.stdout + out.stderr
    assert out.stderr == "Ошибка: " + BAD_FILES["cut_xlsx"][2] + "\n"
    assert "Анкеты: новых ответов 1; добавлено людей 1;" in out.stdout
    assert set(by_email(workspace.path)) == {GOOD_EMAIL}

    result = nightly(workspace, now=NOW)  # the file stays: reported again, nothing else stops
    assert [(s.job, s.exit_code) for s in result.steps][1:3] == [("ingest", 1), ("validate", 0)]


def test_excel_unicode_text_and_an_xlsx_saved_as_csv_are_read(workspace):
    forms = workspace.directory / "forms"
    text = "\t".join(MENTEE_HEADERS_RU) + "\r\n" + "\t".join(
        mentee_row("02.11.2026 9:00:00", "utf16@school26.example", mentee_answers(1))) + "\r\n"
    (forms / "unicode.txt.csv").write_bytes(text.encode("utf-16"))  # Excel's «Текст Юникод»: UTF-16, tabs
    wb = Workbook()
    wb.active.append(MENTEE_HEADERS_RU)
    wb.active.append(mentee_row("02.11.2026 9:05:00", "zip@school26.example", mentee_answers(2)))
    wb.save(forms / "yandex.csv")  # an XLSX named .csv

    result = ingest(workspace, now=NOW)

    assert result.problems == []
    assert set(by_email(workspace.path)) == {"utf16@school26.example", "zip@school26.example"}


def test_a_semicolon_export_whose_titles_hold_commas(workspace):
    """«Фамилия, имя, отчество» has two commas: the separator is the one that gives known headers."""
    forms = workspace.directory / "forms"
    with (forms / "a.csv").open("w", newline="", encoding="cp1251") as f:  # Excel's «CSV (разделители — точка с запятой)»
        writer = csv.writer(f, delimiter=";")
        writer.writerow(MENTEE_HEADERS_RU)
        writer.writerow(mentee_row("02.11.2026 9:00:00", "semi@school26.example", mentee_answers(0, full_name="Орлова Вера")))

    result = ingest(workspace, now=NOW)

    assert result.problems == []
    assert by_email(workspace.path)["semi@school26.example"]["ФИО"] == "Орлова Вера"


# --- control characters ----------------------------------------------------------------------------
CONTROL_NOTE = ("Файл «{file}», строка {row}, вопрос «{question}»: из ответа удалены невидимые управляющие "
                "символы ({chars}) — таблица не может их хранить; остальной текст ответа принят.")


def test_control_characters_are_cleaned_noted_and_never_echoed(workspace):
    forms = workspace.directory / "forms"
    answers = mentee_answers(0, full_name="Иванова\x1b[31m Мария\x1b[0m", position="учи\x00тель",
                             preferred_mentor="Петров П.П.\x0bили Сидорова", years="2\x7f")
    write_csv(forms / "a.csv", MENTEE_HEADERS_RU, [
        mentee_row("02.11.2026 9:00:00", "ctrl@school26.example", mentee_answers(1)),
        mentee_row("02.11.2026 9:05:00", "ivanova@school26.example", answers)])

    out = run_cli(workspace)

    notes = [
        CONTROL_NOTE.format(file="a.csv", row=3, question="Фамилия, имя, отчество", chars="U+001B"),
        CONTROL_NOTE.format(file="a.csv", row=3, question="Должность", chars="U+0000"),
        CONTROL_NOTE.format(file="a.csv", row=3, question="Педагогический стаж, полных лет", chars="U+007F"),
        CONTROL_NOTE.format(file="a.csv", row=3, question="Кого из коллег вы хотели бы видеть своим наставником?",
                            chars="U+000B заменён переводом строки"),
    ]
    assert out.exit_code == 0, out.stderr
    assert out.stdout.splitlines()[1:5] == notes
    assert not any(c in out.stdout + out.stderr for c in "\x1b\x00\x0b\x7f")
    row = by_email(workspace.path)["ivanova@school26.example"]
    assert row["ФИО"] == "Иванова Мария"  # the colour codes went with their ESC
    assert row["Должность"] == "учитель"
    assert row["Желаемый наставник"] == "Петров П.П.\nили Сидорова"
    assert row["Педагогический стаж, лет"] == "2"
    assert all(n in journal(workspace.path)[-1] for n in notes)

    again = ingest(workspace, now=NOW)  # noted once: the responses are processed
    assert again.notes == [] and again.new == 0


def test_nightly_with_an_escape_in_an_answer_exits_0_and_saves(workspace):
    write_csv(workspace.directory / "forms" / "a.csv", MENTEE_HEADERS_RU, [
        mentee_row("02.11.2026 9:00:00", "ivanova@school26.example", mentee_answers(0, full_name="Иванова\x1b Мария"))])

    result = nightly(workspace, now=NOW)

    assert max(s.exit_code for s in result.steps) == 0
    assert load_workbook(workspace.path)["Наставляемые"]["A2"].value == "Иванова Мария"


def test_excel_escaped_control_characters_in_a_yandex_xlsx(workspace):
    headers = ["ID", "Время создания", "E-mail"] + [q.title for q in MENTOR_FORM.form_questions]
    answers = {"full_name": "Петров Пётр", "position": "учитель", "subject": "физика", "levels": "среднее общее",
               "years": "25", "category": "высшая", "young": "нет", "competences": "аттестация", "capacity": "2",
               "preferred_forms": "групповая", "timetable": "вт",
               "motivation": "Хочу помочь_x000D_\nмолодым_x001B_", "past_mentoring": "", "pd_consent": "да",
               "duty_consent": "да"}
    wb = Workbook()
    wb.active.append(headers)
    wb.active.append([17, dt.datetime(2026, 11, 20, 10, 15), "petrov@school26.example",
                      *[answers[q.key] for q in MENTOR_FORM.form_questions]])
    wb.save(workspace.directory / "forms" / "yandex.xlsx")

    result = ingest(workspace, now=NOW)

    assert result.notes == [CONTROL_NOTE.format(file="yandex.xlsx", row=2, question="Почему вы хотите стать наставником?",
                                                chars="U+001B")]
    assert by_email(workspace.path, "Наставники")["petrov@school26.example"]["Мотивация"] == "Хочу помочь\nмолодым"


def test_control_characters_in_headers_and_timestamps_are_shown_escaped(workspace):
    write_csv(workspace.directory / "forms" / "a.csv", MENTEE_HEADERS_RU + ["Цвет\x1b[2J"],
              [mentee_row("02.11.2026\x1b 9:00", "a@school26.example", mentee_answers(0)) + ["синий"]])

    result = ingest(workspace, now=NOW)

    assert result.problems == [
        "Файл «a.csv» (анкета «Анкета наставляемого»): столбец «Цвет[U+001B][2J» не соответствует ни одному "
        "вопросу анкеты (ближе всего — «Предмет (методическое объединение)»). Назовите столбец так же, как вопрос "
        "(список вопросов — в файле forms/анкета-наставляемого.md), или удалите столбец; остальные столбцы "
        "файла приняты, ответы этого столбца будут приняты, когда столбец назовут как вопрос.",
        "Файл «a.csv», строка 2: «02.11.2026[U+001B] 9:00» — не дата и время ответа (ожидается "
        "ДД.ММ.ГГГГ Ч:ММ:СС); строка пропущена, исправьте её в файле."]
    assert "\x1b" not in journal(workspace.path)[-1]


# --- headers that nearly match a question -------------------------------------------------------------
def edited_headers(**titles: str) -> list[str]:
    return ["Отметка времени", "Адрес электронной почты"] + [titles.get(q.key, q.title) for q in MENTEE_FORM.form_questions]


def test_edited_titles_are_taken_and_noted_once(workspace):
    headers = edited_headers(young="Вам меньше 35 лет? (необязательно)", years="Педагогический стаж, полных лт")
    write_csv(workspace.directory / "forms" / "a.csv", headers,
              [mentee_row("02.11.2026 9:00:00", f"t{i}@school26.example", mentee_answers(i)) for i in range(3)])

    result = ingest(workspace, now=NOW)

    assert result.problems == [] and result.exit_code == 0 and result.new == 3
    assert result.notes == [
        TAKEN_AS.format(file="a.csv", header="Педагогический стаж, полных лт", question="Педагогический стаж, полных лет",
                        form="Анкета наставляемого"),
        TAKEN_AS.format(file="a.csv", header="Вам меньше 35 лет? (необязательно)", question="Вам меньше 35 лет?",
                        form="Анкета наставляемого")]
    rows = by_email(workspace.path)
    assert rows["t0@school26.example"]["Возраст до 35 лет"] == "да"
    assert rows["t2@school26.example"]["Педагогический стаж, лет"] == "2"
    assert all(n in journal(workspace.path)[-1] for n in result.notes)
    assert ingest(workspace, now=NOW).notes == []  # once: with the responses it brought


def test_an_unknown_column_fixed_later_brings_its_answers_once(workspace):
    forms = workspace.directory / "forms"
    headers = edited_headers(preferred_mentor="Наставник мечты")
    rows = [mentee_row("02.11.2026 9:00:00", "a@school26.example", mentee_answers(0, preferred_mentor="Петров П.П."))]
    write_csv(forms / "a.csv", headers, rows)
    first = ingest(workspace, now=NOW)
    assert [p.split(" (ближе")[0] for p in first.problems] == [
        "Файл «a.csv» (анкета «Анкета наставляемого»): столбец «Наставник мечты» не соответствует ни одному вопросу анкеты"]
    assert "(ближе всего — «Кого из коллег вы хотели бы видеть своим наставником?»)" in first.problems[0]
    assert by_email(workspace.path)["a@school26.example"]["ФИО"] == "Иванова Мария Петровна"
    assert by_email(workspace.path)["a@school26.example"]["Желаемый наставник"] == ""

    # staff download the export again with the right title; the old file stays in the folder
    write_csv(forms / "b.csv", MENTEE_HEADERS_RU, rows)
    second = ingest(workspace, now=NOW)
    assert second.new == 1 and second.updated == 1
    assert by_email(workspace.path)["a@school26.example"]["Желаемый наставник"] == "Петров П.П."
    tabs = ["Наставляемые", "Анкеты (служебный)"]
    before = workspace.read_grids(tabs)
    third = ingest(workspace, now=NOW)  # the complete copy wins, for good: nothing but «Журнал» written
    assert (third.new, third.updated) == (0, 0) and workspace.read_grids(tabs) == before
    assert third.problems == first.problems  # a.csv is still in the folder


def test_two_columns_for_one_question_never_both_silently(workspace):
    headers = edited_headers() + ["Должнсть"]  # an exact «Должность» and a near one
    write_csv(workspace.directory / "forms" / "a.csv", headers,
              [mentee_row("02.11.2026 9:00:00", "a@school26.example", mentee_answers(0)) + ["директор"]])

    result = ingest(workspace, now=NOW)

    assert result.problems == [
        "Файл «a.csv» (анкета «Анкета наставляемого»): столбцы «Должность» и «Должнсть» соответствуют одному "
        "вопросу «Должность» — принят столбец «Должность», ответы столбца «Должнсть» не приняты. Удалите или "
        "переименуйте лишний столбец."]
    assert by_email(workspace.path)["a@school26.example"]["Должность"] == "учитель"  # the exact one


# --- line breaks inside free text ---------------------------------------------------------------------
def test_line_breaks_in_other_and_in_a_paragraph_are_kept(workspace):
    forms = workspace.directory / "forms"
    write_csv(forms / "a.csv", MENTEE_HEADERS_RU, [mentee_row("02.11.2026 9:00:00", "a@school26.example", mentee_answers(
        0, difficulties="современный урок, работа с родителями, не знаю, с чего начать\r\nурок в 5 классе"))])
    headers = ["Отметка времени", "Адрес электронной почты"] + [q.title for q in MENTOR_FORM.form_questions]
    answers = {"full_name": "Петров Пётр", "position": "учитель", "subject": "физика", "levels": "среднее общее",
               "years": "25", "category": "высшая", "young": "нет", "competences": "аттестация\nсовременный урок",
               "capacity": "2", "preferred_forms": "групповая", "timetable": "вт",
               "motivation": "Хочу помочь.\n\nВо-первых, молодым;\nво-вторых, себе.", "past_mentoring": "",
               "pd_consent": "да", "duty_consent": "да"}
    write_csv(forms / "m.csv", headers, [["03.11.2026 9:00:00", "petrov@school26.example",
                                          *[answers[q.key] for q in MENTOR_FORM.form_questions]]])

    result = ingest(workspace, now=NOW)

    assert result.problems == [] and result.notes == []
    mentee = by_email(workspace.path)["a@school26.example"]
    assert mentee["Профессиональные затруднения"] == "современный урок, работа с родителями"
    assert mentee["Другое затруднение"] == "не знаю, с чего начать\nурок в 5 классе"
    mentor = by_email(workspace.path, "Наставники")["petrov@school26.example"]
    assert mentor["Мотивация"] == "Хочу помочь.\n\nВо-первых, молодым;\nво-вторых, себе."
    assert mentor["Компетенции"] == "аттестация\nсовременный урок"  # a checkbox without «другое»: as given


def test_no_content_of_an_export_crashes_the_reader(tmp_path):
    """1,200 files of random text, random bytes and damaged real XLSX (bytes flipped, cut): each is
    read or refused with a Russian reason — never an exception out of `read_table`/`parse_export`."""
    import random

    from sync.local.forms import UnreadableExport, parse_export, read_table

    rnd = random.Random(13)
    alphabet = ',;\t\n\r"\x00\x1b\x0b абв' + "".join(MENTEE_HEADERS_RU[:4])
    wb = Workbook()
    wb.active.append(MENTEE_HEADERS_RU)
    wb.active.append(mentee_row("02.11.2026 9:00:00", "a@school26.example", mentee_answers(0)))
    wb.save(tmp_path / "base.xlsx")
    base = (tmp_path / "base.xlsx").read_bytes()
    refused = 0
    for i in range(1200):
        kind = rnd.random()
        if kind < 0.4:
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 300)))
            data = text.encode(rnd.choice(["utf-8", "cp1251", "utf-16"]), errors="ignore")
        elif kind < 0.6:
            data = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 300)))
        else:
            damaged = bytearray(base)
            for _ in range(rnd.randint(1, 5)):
                damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
            data = bytes(damaged[:rnd.randint(10, len(damaged))]) if rnd.random() < 0.3 else bytes(damaged)
        path = tmp_path / f"f{i}.{rnd.choice(['csv', 'xlsx'])}"
        path.write_bytes(data)
        try:
            rows = read_table(path)
        except UnreadableExport as exc:
            refused += 1
            assert str(exc) and not any(c in str(exc) for c in "\x00\x1b")
            continue
        _, _, problems = parse_export(path, rows)
        assert not any(c in p for p in problems for c in "\x00\x1b\x0b")
    assert 300 < refused < 1000  # both paths exercised
