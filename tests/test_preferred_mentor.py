"""The preferred mentor («Желаемый наставник»): every spelling a mentee may write is recognised,
and what names nobody or several people is reported in the row's «Сообщение» by `validate`.

Unit tables run `jobs.matching.preferred.resolve_all` directly; the job-level test builds a
sample workspace, writes each spelling into a mentee row, runs `validate` and reads the cells.
All people are invented.
"""
from __future__ import annotations

import pytest

from jobs.matching.preferred import resolve_all
from jobs.sample import generate
from jobs.validate import validate
from tests.test_contract_validate import ANNA as MENTEE_ROW, OLGA as MENTOR_ROW
from tests.workspaces import NOW, TODAY, column_values, local_workspace

VERA = ("Васильева Вера Васильевна", "vasilyeva.vera@school26.example")
ANNA = ("Гончарова Анна Петровна", "goncharova.ap@school26.example")
OLGA = ("Гончарова Ольга Ивановна", "goncharova.oi@school26.example")
NATALYA = ("Соловьёва Наталья Львовна", "solovyeva.nl@school26.example")
IVAN = ("Жуков Иван Петрович", "zhukov.ip@school26.example")
PETR = ("Васильев Пётр Ильич", "vasilyev.pi@school26.example")
BANK = [VERA, ANNA, OLGA, NATALYA, IVAN]

# What a mentee may write for Вера Васильевна Васильева (the only Васильева in BANK).
VERA_SPELLINGS = [
    "Васильева Вера Васильевна",  # as in the bank
    "Васильева Вера",  # surname + first name
    "Вера Васильева",  # first name + surname
    "Васильева",  # a surname unique in the bank
    "Васильеву Веру Васильевну",  # the accusative: the answer to «Кого…?»
    "Васильевой Вере Васильевне",  # the dative
    "Васильевой",  # a case of the surname alone
    "Васильева В. В.",  # surname with initials
    "Васильева В.В.",
    "В. В. Васильева",  # initials first
    "В.В. Васильева",
    "Васильева В.",
    "Вера Васильевна",  # as colleagues address her
    "васильева вера",  # letter case
    "ВАСИЛЬЕВА ВЕРА ВАСИЛЬЕВНА",
    "  Васильева   Вера,  Васильевна. ",  # spaces and punctuation
    "Васильева, Вера",
    "хочу к Васильевой",  # words around the name
    "vasilyeva.vera@school26.example",  # e-mail
    "Vasilyeva.Vera@School26.example",
]


@pytest.mark.parametrize("text", VERA_SPELLINGS)
def test_every_spelling_names_the_mentor(text):
    [resolution] = resolve_all([text], BANK)
    assert (resolution.kind, resolution.indices, resolution.message) == ("found", (0,), None)


@pytest.mark.parametrize("text", [
    "Соловьёва Наталья Львовна", "Соловьева Наталья Львовна", "соловьевой", "Соловьёву Н. Л.", "Н. Л. Соловьева",
])
def test_yo_and_ye_are_the_same_letter(text):
    assert resolve_all([text], BANK)[0].indices == (3,)


@pytest.mark.parametrize("text", ["", "   ", "нет", "Нет.", "не знаю", "любой", "—", None])
def test_no_preference_is_no_message(text):
    [resolution] = resolve_all([text], BANK)
    assert (resolution.kind, resolution.indices, resolution.message) == ("empty", (), None)


def test_a_surname_two_mentors_share_is_ambiguous_with_both_named():
    [resolution] = resolve_all(["Гончарова"], BANK)
    assert (resolution.kind, resolution.indices, resolution.candidates) == ("ambiguous", (), (1, 2))
    assert resolution.message == (
        'Желаемый наставник: "Гончарова" — подходят несколько наставников: Гончарова Анна Петровна, '
        "Гончарова Ольга Ивановна. Пока не исправлено, пожелание не учитывается при подборе; допишите имя и "
        "отчество или впишите e-mail нужного наставника"
    )


@pytest.mark.parametrize("text, expected", [
    ("Гончарова Анна", (1,)),  # the first name tells them apart
    ("Гончарову Ольгу", (2,)),
    ("Гончарова О. И.", (2,)),
    ("А. П. Гончарова", (1,)),
    ("goncharova.oi@school26.example", (2,)),
])
def test_more_than_the_surname_tells_namesakes_apart(text, expected):
    assert resolve_all([text], BANK)[0].indices == expected


def test_same_full_names_are_told_apart_by_e_mail_in_the_message():
    twins = [ANNA, (ANNA[0], "goncharova.ap2@school26.example")]
    [resolution] = resolve_all(["Гончарова Анна Петровна"], twins)
    assert resolution.kind == "ambiguous"
    assert ("Гончарова Анна Петровна (goncharova.ap@school26.example), "
            "Гончарова Анна Петровна (goncharova.ap2@school26.example)") in resolution.message


def test_a_mans_genitive_and_a_womans_nominative_are_both_read():
    # «Васильева» is Вера in the nominative or Пётр in the accusative («Кого? Васильева»)
    [alone, with_name, man] = resolve_all(["Васильева", "Васильева Вера", "Васильева Петра"], [VERA, PETR])
    assert (alone.kind, alone.candidates) == ("ambiguous", (1, 0))
    assert with_name.indices == (0,)
    assert man.indices == (1,)


@pytest.mark.parametrize("text, nearest", [
    ("Васильева Вероника", "Васильева Вера Васильевна"),  # a first name that is not hers
    ("Васильва Вера", "Васильева Вера Васильевна"),  # a typo
    ("Жуков А. П.", "Жуков Иван Петрович"),  # initials that are not his
    ("zhukov.ip@school26.exampl", "Жуков Иван Петрович"),  # an e-mail not in the bank
])
def test_an_unknown_name_is_reported_with_the_nearest_bank_names(text, nearest):
    [resolution] = resolve_all([text], BANK)
    assert (resolution.kind, resolution.indices) == ("unknown", ())
    assert BANK[resolution.candidates[0]][0] == nearest
    assert resolution.message.startswith(
        f'Желаемый наставник: "{text}" — нет на листе «Наставники»; похожие: {nearest}'
    )
    assert resolution.message.endswith(
        "Пока не исправлено, пожелание не учитывается при подборе; впишите ФИО (можно в любом падеже), "
        "фамилию с инициалами или e-mail наставника"
    )


def test_a_name_like_nobody_in_the_bank_says_so():
    [resolution] = resolve_all(["Сидоренко Маргарита"], BANK)
    assert (resolution.kind, resolution.candidates) == ("unknown", ())
    assert resolution.message == (
        'Желаемый наставник: "Сидоренко Маргарита" — нет на листе «Наставники», похожих имён тоже нет. '
        "Пока не исправлено, пожелание не учитывается при подборе; впишите ФИО (можно в любом падеже), "
        "фамилию с инициалами или e-mail наставника"
    )


def test_an_answer_naming_several_colleagues_prefers_each():
    [both, one_unknown, with_words] = resolve_all(
        ["Жуков или Соловьёва", "Жуков и Сидоренко", "Васильева Вера, учитель математики"], BANK
    )
    assert (both.kind, both.indices, both.message) == ("found", (3, 4), None)
    assert (one_unknown.kind, one_unknown.indices) == ("unknown", (4,))
    assert one_unknown.message.startswith('Желаемый наставник: "Сидоренко" — нет на листе «Наставники»')
    assert (with_words.kind, with_words.indices, with_words.message) == ("found", (0,), None)


def test_indices_follow_the_order_of_the_given_mentors():
    reordered = [IVAN, NATALYA, VERA]
    assert [r.indices for r in resolve_all(["Васильеву", "Жукова", "Соловьёва"], reordered)] == [(2,), (0,), (1,)]


# --- validate writes the note into the mentee's «Сообщение» ---------------------------------

SPELLINGS_IN_SHEET = [(text, "") for text in VERA_SPELLINGS] + [
    ("Гончарова", "Желаемый наставник: \"Гончарова\" — подходят несколько наставников: Гончарова Анна Петровна, "
                  "Гончарова Ольга Ивановна. Пока не исправлено, пожелание не учитывается при подборе; допишите "
                  "имя и отчество или впишите e-mail нужного наставника"),
    ("Сидоренко Маргарита", "Желаемый наставник: \"Сидоренко Маргарита\" — нет на листе «Наставники», похожих имён "
                            "тоже нет. Пока не исправлено, пожелание не учитывается при подборе; впишите ФИО (можно "
                            "в любом падеже), фамилию с инициалами или e-mail наставника"),
    ("нет", ""),
]


def _ok_rows(sample) -> list[int]:
    bad = {e.row for e in sample.errors if e.tab == "mentees"}
    return [i for i, row in enumerate(sample.mentees) if i + 2 not in bad and row.get("pd_consent")]


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    """A sample workspace whose mentor bank holds BANK and whose OK mentees write each spelling."""
    sample = generate(120, 3, TODAY)
    bad_mentors = {e.row for e in sample.errors if e.tab == "mentors"}
    free = [i for i in range(len(sample.mentors)) if i + 2 not in bad_mentors]
    for i, (name, email) in zip(free, BANK):
        sample.mentors[i].update(full_name=name, email=email)
    for i in free[len(BANK):]:  # no namesakes of BANK among the other mentors
        surname = sample.mentors[i]["full_name"].split()[0]
        if surname.startswith(("Васильев", "Гончаров", "Соловьёв", "Жуков")):
            sample.mentors[i]["full_name"] = sample.mentors[i]["full_name"].replace(surname, "Ефимова", 1)
    rows = _ok_rows(sample)
    assert len(rows) >= len(SPELLINGS_IN_SHEET)
    for row in sample.mentees:
        row["preferred_mentor"] = ""
    placed = {}
    for i, (text, _) in zip(rows, SPELLINGS_IN_SHEET):
        sample.mentees[i]["preferred_mentor"] = text
        placed[text] = i + 2
    directory = tmp_path_factory.mktemp("preferred")
    ws = local_workspace(directory, sample=sample)
    result = validate(ws, now=NOW)
    return {
        "placed": placed,
        "status": column_values(ws.path, "Наставляемые", "Статус"),
        "message": column_values(ws.path, "Наставляемые", "Сообщение"),
        "result": result,
    }


@pytest.mark.parametrize("text, message", SPELLINGS_IN_SHEET, ids=[t for t, _ in SPELLINGS_IN_SHEET])
def test_validate_notes_an_unrecognised_preferred_mentor_and_keeps_the_row_ok(validated, text, message):
    row = validated["placed"][text]
    assert validated["status"][row] == "OK"
    assert validated["message"][row] == message


def test_validate_counts_rows_with_a_note_as_ok(validated):
    noted = [r for r, m in validated["message"].items() if m.startswith("Желаемый наставник")]
    assert len(noted) == 2
    assert all(validated["status"][r] == "OK" for r in noted)
    mentees = next(s for s in validated["result"].summaries if s.tab == "Наставляемые")
    assert mentees.ok == sum(1 for s in validated["status"].values() if s == "OK")


# --- what the scorer reads: mentee index → preferred mentor indices, on encoded banks ---------

def test_preferred_mentors_on_encoded_banks():
    import pandas as pd

    from jobs.matching.encode import encode
    from jobs.matching.preferred import preferred_mentors

    mentees = encode(pd.DataFrame([
        {"email": "c@s.example", "full_name": "Ильина Анна", "preferred_mentor": "Васильеву Веру Васильевну"},
        {"email": "a@s.example", "full_name": "Павлова Ольга", "preferred_mentor": None},
        {"email": "b@s.example", "full_name": "Орлова Нина", "preferred_mentor": "Жуков или Соловьёва"},
        {"email": "d@s.example", "full_name": "Фомина Ия", "preferred_mentor": "Гончарова"},
    ]), mentor=False)
    mentors = encode(pd.DataFrame([{"email": e, "full_name": n} for n, e in BANK]), mentor=True)
    # both banks are sorted by e-mail: mentees a, b, c, d; mentors goncharova.ap, goncharova.oi,
    # solovyeva, vasilyeva, zhukov
    got = {i: v.tolist() for i, v in preferred_mentors(mentees, mentors).items()}
    assert got == {1: [2, 4], 2: [3]}


def test_validate_writes_the_note_on_every_backend(backend):
    """The same cells on the local workbook and on (fake) Google: a found mentor, an ambiguous
    surname and an unknown name — and a row with an error keeps its error first."""
    mentors = [dict(MENTOR_ROW, full_name=name, email=email) for name, email in (VERA, ANNA, OLGA)]
    mentees = [
        dict(MENTEE_ROW, email=f"m{k}@school.example", pd_consent="01.09.2026", preferred_mentor=text, **extra)
        for k, (text, extra) in enumerate([
            ("Васильеву Веру Васильевну", {}),
            ("Гончарова", {}),
            ("Васильва Вера", {}),
            ("Сидоренко Маргарита", {"years": "двадцать"}),
        ])
    ]
    ws = backend.make({"mentees": mentees, "mentors": mentors})

    validate(ws, now=NOW)

    status = backend.column("Наставляемые", "Статус")
    message = backend.column("Наставляемые", "Сообщение")
    assert [status[r] for r in (2, 3, 4, 5)] == ["OK", "OK", "OK", "Ошибка"]
    assert message[2] == ""
    assert message[3].startswith('Желаемый наставник: "Гончарова" — подходят несколько наставников: '
                                 "Гончарова Анна Петровна, Гончарова Ольга Ивановна.")
    assert message[4].startswith('Желаемый наставник: "Васильва Вера" — нет на листе «Наставники»; '
                                 "похожие: Васильева Вера Васильевна.")
    assert message[5].split("\n") == [
        'Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20',
        'Желаемый наставник: "Сидоренко Маргарита" — нет на листе «Наставники», похожих имён тоже нет. '
        "Пока не исправлено, пожелание не учитывается при подборе; впишите ФИО (можно в любом падеже), "
        "фамилию с инициалами или e-mail наставника",
    ]



@pytest.mark.parametrize("text", ['=IMPORTXML("http://x";"//a")', "+7 (900) 000-00-00", "-2+3", "🙂", "В. В.", "@", "а" * 2000])
def test_answers_that_are_no_name_are_reported_and_quoted_short(text):
    [resolution] = resolve_all([text], BANK)
    assert (resolution.kind, resolution.indices) == ("unknown", ())
    shown = text if len(text) <= 60 else text[:59] + "…"
    assert resolution.message.startswith(f'Желаемый наставник: "{shown}" — нет на листе «Наставники»')
