"""Russian names (jobs.names): declension by case and gender, gender, initials, recognition forms.

The table is real-world surnames (all combinations with first names and patronymics are
invented). Expected forms follow the rules of Russian grammar as reference books give them
(Розенталь, «Справочник по правописанию и стилистике», § склонение фамилий): -ов/-ев/-ин and
adjectival surnames decline in both genders; a woman's surname ending in a consonant does not
(Кох, Цой, Ким, Лебедь); -ко/-енко, -их/-ых and foreign surnames on a vowel other than -а do
not decline at all; surnames on -а/-я decline alike for both; a double surname declines in
both parts. Where grammar allows two forms (Соловея/Соловья, Орёла/Орла) the table holds the
one the rules give, which is one of the two.
"""
from __future__ import annotations

import pytest

from jobs.names import CASES, PersonName, decline, gender_of, initials_surname, name_forms, parse, surname_initials

ORDER = ("gent", "datv", "accs", "ablt")


def same(word: str) -> list[str]:
    return [word] * len(ORDER)


def ov(stem: str) -> tuple[list[str], list[str]]:
    """The -ов/-ев/-ин paradigm written out: (masculine forms, feminine forms)."""
    return [stem + "а", stem + "у", stem + "а", stem + "ым"], [stem + "ой", stem + "ой", stem + "у", stem + "ой"]


def adj(stem: str, soft: bool = False) -> tuple[list[str], list[str]]:
    """Adjectival surnames (-ский, -ой, -ый…): (masculine, feminine) forms."""
    i = "и" if soft else "ы"
    return [stem + "ого", stem + "ому", stem + "ого", stem + i + "м"], [stem + "ой", stem + "ой", stem + "ую", stem + "ой"]


# (masculine nominative, its gent/datv/accs/ablt, feminine nominative, its forms)
SURNAMES: list[tuple[str, list[str], str, list[str]]] = [
    ("Иванов", ov("Иванов")[0], "Иванова", ov("Иванов")[1]),
    ("Яковлев", ov("Яковлев")[0], "Яковлева", ov("Яковлев")[1]),
    ("Морозов", ov("Морозов")[0], "Морозова", ov("Морозов")[1]),  # also a common word («морозов»)
    ("Зайцев", ov("Зайцев")[0], "Зайцева", ov("Зайцев")[1]),
    ("Пушкин", ov("Пушкин")[0], "Пушкина", ov("Пушкин")[1]),
    ("Синицын", ov("Синицын")[0], "Синицына", ov("Синицын")[1]),
    ("Кузнецов", ov("Кузнецов")[0], "Кузнецова", ov("Кузнецов")[1]),
    ("Лебедев", ov("Лебедев")[0], "Лебедева", ov("Лебедев")[1]),
    ("Соколов", ov("Соколов")[0], "Соколова", ov("Соколов")[1]),
    ("Васильев", ov("Васильев")[0], "Васильева", ov("Васильев")[1]),
    ("Нагиев", ov("Нагиев")[0], "Нагиева", ov("Нагиев")[1]),
    ("Ёлкин", ov("Ёлкин")[0], "Ёлкина", ov("Ёлкин")[1]),
    ("Крюков", ov("Крюков")[0], "Крюкова", ov("Крюков")[1]),
    ("Достоевский", adj("Достоевск", soft=True)[0], "Достоевская", adj("Достоевск")[1]),
    ("Зеленский", adj("Зеленск", soft=True)[0], "Зеленская", adj("Зеленск")[1]),
    ("Трубецкой", adj("Трубецк", soft=True)[0], "Трубецкая", adj("Трубецк")[1]),
    ("Горький", adj("Горьк", soft=True)[0], "Горькая", adj("Горьк")[1]),
    ("Толстой", adj("Толст")[0], "Толстая", adj("Толст")[1]),
    ("Белый", adj("Бел")[0], "Белая", adj("Бел")[1]),  # also a common word («белая»)
    ("Петров-Водкин", ["Петрова-Водкина", "Петрову-Водкину", "Петрова-Водкина", "Петровым-Водкиным"],
     "Петрова-Водкина", ["Петровой-Водкиной", "Петровой-Водкиной", "Петрову-Водкину", "Петровой-Водкиной"]),
    # -ко / -енко: indeclinable for both
    ("Шевченко", same("Шевченко"), "Шевченко", same("Шевченко")),
    ("Руденко", same("Руденко"), "Руденко", same("Руденко")),
    ("Бондаренко", same("Бондаренко"), "Бондаренко", same("Бондаренко")),
    ("Мирошниченко", same("Мирошниченко"), "Мирошниченко", same("Мирошниченко")),
    ("Бойко", same("Бойко"), "Бойко", same("Бойко")),
    ("Галушко", same("Галушко"), "Галушко", same("Галушко")),
    # -их / -ых: indeclinable for both
    ("Белых", same("Белых"), "Белых", same("Белых")),
    ("Долгих", same("Долгих"), "Долгих", same("Долгих")),
    ("Седых", same("Седых"), "Седых", same("Седых")),
    ("Черных", same("Черных"), "Черных", same("Черных")),
    # foreign and old surnames on -о, -е, -и, stressed -а: indeclinable
    ("Гюго", same("Гюго"), "Гюго", same("Гюго")),
    ("Дюма", same("Дюма"), "Дюма", same("Дюма")),
    ("Шапиро", same("Шапиро"), "Шапиро", same("Шапиро")),
    ("Руссо", same("Руссо"), "Руссо", same("Руссо")),
    ("Хитрово", same("Хитрово"), "Хитрово", same("Хитрово")),
    ("Ли", same("Ли"), "Ли", same("Ли")),
    # a consonant ending: a man's declines, a woman's does not
    ("Кох", ["Коха", "Коху", "Коха", "Кохом"], "Кох", same("Кох")),
    ("Цой", ["Цоя", "Цою", "Цоя", "Цоем"], "Цой", same("Цой")),
    ("Ким", ["Кима", "Киму", "Кима", "Кимом"], "Ким", same("Ким")),
    ("Бах", ["Баха", "Баху", "Баха", "Бахом"], "Бах", same("Бах")),
    ("Жук", ["Жука", "Жуку", "Жука", "Жуком"], "Жук", same("Жук")),
    ("Ковальчук", ["Ковальчука", "Ковальчуку", "Ковальчука", "Ковальчуком"], "Ковальчук", same("Ковальчук")),
    ("Мельник", ["Мельника", "Мельнику", "Мельника", "Мельником"], "Мельник", same("Мельник")),
    ("Греф", ["Грефа", "Грефу", "Грефа", "Грефом"], "Греф", same("Греф")),
    ("Грин", ["Грина", "Грину", "Грина", "Грином"], "Грин", same("Грин")),
    ("Сокол", ["Сокола", "Соколу", "Сокола", "Соколом"], "Сокол", same("Сокол")),
    ("Гоголь", ["Гоголя", "Гоголю", "Гоголя", "Гоголем"], "Гоголь", same("Гоголь")),
    ("Лебедь", ["Лебедя", "Лебедю", "Лебедя", "Лебедем"], "Лебедь", same("Лебедь")),  # a common word
    ("Гусь", ["Гуся", "Гусю", "Гуся", "Гусем"], "Гусь", same("Гусь")),
    ("Соловей", ["Соловея", "Соловею", "Соловея", "Соловеем"], "Соловей", same("Соловей")),  # a common word
    ("Орёл", ["Орёла", "Орёлу", "Орёла", "Орёлом"], "Орёл", same("Орёл")),  # a common word
    # -а / -я: the same forms for both
    ("Окуджава", ["Окуджавы", "Окуджаве", "Окуджаву", "Окуджавой"], "Окуджава",
     ["Окуджавы", "Окуджаве", "Окуджаву", "Окуджавой"]),
    ("Чайка", ["Чайки", "Чайке", "Чайку", "Чайкой"], "Чайка", ["Чайки", "Чайке", "Чайку", "Чайкой"]),
    ("Сорока", ["Сороки", "Сороке", "Сороку", "Сорокой"], "Сорока", ["Сороки", "Сороке", "Сороку", "Сорокой"]),
    ("Кривошея", ["Кривошеи", "Кривошее", "Кривошею", "Кривошеей"], "Кривошея",
     ["Кривошеи", "Кривошее", "Кривошею", "Кривошеей"]),
]

CASES_BY_GENDER = [
    pytest.param(nom, gender, case, expected, id=f"{nom}-{gender}-{case}")
    for masc, masc_forms, femn, femn_forms in SURNAMES
    for nom, gender, forms in ((masc, "m", masc_forms), (femn, "f", femn_forms))
    for case, expected in zip(ORDER, forms)
]


def test_the_table_is_large_enough():
    assert len(SURNAMES) >= 40
    assert len(CASES_BY_GENDER) == len(SURNAMES) * 2 * 4


@pytest.mark.parametrize("surname, gender, case, expected", CASES_BY_GENDER)
def test_surname_declines_by_gender_and_case(surname, gender, case, expected):
    assert decline(surname, case, gender) == expected


# The gender read from the whole name, not given: the same table through full names.
MAN, WOMAN = ("Иван", "Петрович"), ("Анна", "Ивановна")
MAN_FORMS = {"gent": "Ивана Петровича", "datv": "Ивану Петровичу", "accs": "Ивана Петровича", "ablt": "Иваном Петровичем"}
WOMAN_FORMS = {"gent": "Анны Ивановны", "datv": "Анне Ивановне", "accs": "Анну Ивановну", "ablt": "Анной Ивановной"}


@pytest.mark.parametrize("masc, masc_forms, femn, femn_forms", SURNAMES, ids=[s[0] for s in SURNAMES])
def test_full_names_decline_with_the_gender_of_the_name(masc, masc_forms, femn, femn_forms):
    for case, m, f in zip(ORDER, masc_forms, femn_forms):
        assert decline(f"{masc} {' '.join(MAN)}", case) == f"{m} {MAN_FORMS[case]}"
        assert decline(f"{femn} {' '.join(WOMAN)}", case) == f"{f} {WOMAN_FORMS[case]}"


@pytest.mark.parametrize("name, case, expected", [
    ("Яковлева Елена Павловна", "gent", "Яковлевой Елены Павловны"),  # the example
    ("Яковлева Елена Павловна", "loct", "Яковлевой Елене Павловне"),
    ("Яковлева Елена Павловна", "nomn", "Яковлева Елена Павловна"),
    ("Яковлева Е. П.", "gent", "Яковлевой Е. П."),
    ("Яковлева Е.П.", "datv", "Яковлевой Е. П."),
    ("Е. П. Яковлева", "ablt", "Е. П. Яковлевой"),
    ("Яковлева", "gent", "Яковлевой"),
    ("Яковлев", "datv", "Яковлеву"),
    ("Степанов Дмитрий Борисович", "accs", "Степанова Дмитрия Борисовича"),
    ("Орлова Любовь Ильинична", "ablt", "Орловой Любовью Ильиничной"),
    ("Фомин Илья Кузьмич", "datv", "Фомину Илье Кузьмичу"),
    ("Соловьёва Наталья Львовна", "gent", "Соловьёвой Натальи Львовны"),
    ("Лебедь Ольга Ивановна", "datv", "Лебедь Ольге Ивановне"),
    ("Кох Анна Ивановна", "gent", "Кох Анны Ивановны"),
    ("Кох Пётр Ильич", "gent", "Коха Петра Ильича"),
    ("Цой Вера Андреевна", "accs", "Цой Веру Андреевну"),
    ("Алиев Рашид Гусейн оглы", "gent", "Алиева Рашида Гусейн оглы"),
    ("Петрова-Водкина Мария Олеговна", "gent", "Петровой-Водкиной Марии Олеговны"),
    ("ЯКОВЛЕВА ЕЛЕНА ПАВЛОВНА", "gent", "ЯКОВЛЕВОЙ ЕЛЕНЫ ПАВЛОВНЫ"),
    ("  Яковлева   Елена  Павловна ", "datv", "Яковлевой Елене Павловне"),
    ("Елена Павловна Яковлева", "gent", "Елены Павловны Яковлевой"),
    ("Ким Е. П.", "gent", "Ким Е. П."),  # gender unknown: the surname as written
    ("Ким Е. П.", "datv", "Ким Е. П."),
])
def test_decline_full_names(name, case, expected):
    assert decline(name, case) == expected


def test_decline_with_a_given_gender_overrides_the_name():
    assert decline("Ким Е. П.", "gent", "m") == "Кима Е. П."
    assert decline("Ким Е. П.", "gent", "f") == "Ким Е. П."


def test_decline_refuses_an_unknown_case():
    with pytest.raises(ValueError, match="unknown case 'genitive'"):
        decline("Яковлева Елена Павловна", "genitive")  # type: ignore[arg-type]


@pytest.mark.parametrize("name, expected", [
    ("Яковлева Елена Павловна", "f"),
    ("Яковлев Павел Сергеевич", "m"),
    ("Ким Саша Петровна", "f"),  # the patronymic decides
    ("Ким Саша Петрович", "m"),
    ("Ким Вера", "f"),  # the first name decides
    ("Кох Илья", "m"),
    ("Белых Никита", "m"),
    ("Белых Любовь", "f"),
    ("Морозова В. В.", "f"),  # the surname decides
    ("Достоевский Ф. М.", "m"),
    ("Алиев Рашид Гусейн оглы", "m"),
    ("Алиева Лейла Гусейн кызы", "f"),
    ("Белых И. О.", None),
    ("Ким Саша", None),
    ("", None),
])
def test_gender_of(name, expected):
    assert gender_of(name) == expected


@pytest.mark.parametrize("name, signature, listed", [
    ("Яковлева Елена Павловна", "Е. П. Яковлева", "Яковлева Е. П."),
    ("Яковлева Е.П.", "Е. П. Яковлева", "Яковлева Е. П."),
    ("Е. П. Яковлева", "Е. П. Яковлева", "Яковлева Е. П."),
    ("Петрова-Водкина Мария Олеговна", "М. О. Петрова-Водкина", "Петрова-Водкина М. О."),
    ("Алиев Рашид Гусейн оглы", "Р. Г. Алиев", "Алиев Р. Г."),
    ("Сидорова Анна", "А. Сидорова", "Сидорова А."),
    ("Елена Павловна Яковлева", "Е. П. Яковлева", "Яковлева Е. П."),
    ("Сидорова", "Сидорова", "Сидорова"),
    ("Ёлкина ёлена ивановна", "Ё. И. Ёлкина", "Ёлкина Ё. И."),
])
def test_initials(name, signature, listed):
    assert initials_surname(name) == signature
    assert surname_initials(name) == listed


def test_parse_reads_the_three_written_forms_alike():
    assert parse("Яковлева Елена Павловна") == parse("Яковлева Елена Павловна ")
    assert (parse("Яковлева Е. П.").surname, parse("Яковлева Е. П.").initials()) == ("Яковлева", "Е. П.")
    assert (parse("Е.П. Яковлева").surname, parse("Е.П. Яковлева").initials()) == ("Яковлева", "Е. П.")
    assert parse("Е. П. Яковлева").given_first and not parse("Яковлева Е. П.").given_first
    assert parse("Елена Павловна Яковлева") == PersonName("Яковлева", "Елена", "Павловна", given_first=True)
    assert parse("Яковлева Елена Павловна") == PersonName("Яковлева", "Елена", "Павловна")
    assert parse("Кузьмич Иван Петрович").surname == "Кузьмич"  # a surname that looks like a patronymic


def test_name_forms_hold_every_case_folded():
    forms = name_forms("Васильева Вера Васильевна")
    assert {"васильева", "васильевой", "васильеву"} <= forms.surname
    assert forms.first == {"вера", "веры", "вере", "веру", "верой"}
    assert {"васильевна", "васильевны", "васильевне", "васильевну", "васильевной"} <= forms.patronymic
    assert forms.initials == "вв"
    assert "соловьевой" in name_forms("Соловьёва Наталья Львовна").surname  # ё folded
    assert len(CASES) == 6
