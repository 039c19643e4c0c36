"""The pure parts of the documents a secretary signs: payment, positions, names in documents,
numbers with their nouns, the roadmap of an implementation order made mid-year (issue 18)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jobs.config import ConfigError, School, load
from jobs.documents.fill import post_of
from jobs.documents.order_fill import counted, head_in_case, implementation_fill, regulation_ground
from jobs.documents.people import declined, is_person_name, signed
from jobs.documents.settings import DocumentSettings, DocumentSettingsError, parse_payment
from jobs.terms import SchoolYear

SCHOOL = School(name="МБОУ СОШ № 26", head="Иванова Ирина Петровна", coordinator="Петрова Анна Сергеевна")

PAYMENTS = [
    ("3000 руб. в месяц", "amount", "3000 руб. в месяц"),
    ("3 000 рублей ежемесячно", "amount", "3000 руб. ежемесячно"),
    ("2500,50 ₽", "amount", "2500,50 руб. в месяц"),
    ("15% должностного оклада", "percent", "15% должностного оклада"),
    ("10 процентов ставки", "percent", "10% ставки"),
    ("20 %", "percent", "20% должностного оклада (ставки заработной платы)"),
    ("", "default", ""),
    # an older config's whole clause (it may mention a percent: only a leading figure is a size)
    ("Установить доплату 15% оклада по Положению об оплате труда.", "clause", ""),
]


@pytest.mark.parametrize("value, kind, size", PAYMENTS)
def test_payment_is_an_amount_a_percentage_or_an_older_clause(value, kind, size):
    payment = parse_payment(value, "")
    assert (payment.kind, payment.size) == (kind, size)
    assert payment.source == "за счёт стимулирующей части фонда оплаты труда"


BAD_PAYMENTS = [
    ("3000", "«3000» не размер доплаты"),
    ("3000 долларов", "«3000 долларов» не размер доплаты"),
    ("150%", "«150%»: процент должен быть больше 0 и не больше 100"),
    ("0 руб.", "«0 руб.» не размер доплаты"),
]


@pytest.mark.parametrize("value, says", BAD_PAYMENTS)
def test_a_bad_payment_is_a_config_error_naming_the_key(tmp_path: Path, value, says):
    path = tmp_path / "nastavnik.toml"
    path.write_text('[school]\nname = "Ш"\nhead = "Иванова Ирина Петровна"\ncoordinator = "Петрова Анна '
                    f'Сергеевна"\n[documents]\npayment = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert str(caught.value).startswith(f"nastavnik.toml: [documents] payment — {says}")
    with pytest.raises(DocumentSettingsError):
        DocumentSettings.from_section({"payment": value})


def test_the_order_item_states_the_size_and_source_or_keeps_the_clause():
    sized = DocumentSettings.from_section({"payment": "15% должностного оклада", "payment_source": "за счёт ФОТ"})
    assert sized.payment == ("Установить наставникам, указанным в пункте 1, доплату за наставническую "
                             "деятельность в размере 15% должностного оклада за счёт ФОТ на срок реализации "
                             "персонализированной программы наставничества (статья 351.8 Трудового кодекса "
                             "Российской Федерации).")
    assert DocumentSettings.from_section({"payment": "Свой пункт."}).payment == "Свой пункт."
    assert "локальным нормативным актом об оплате труда" in DocumentSettings().payment


POSITIONS = [
    ("учитель (биология)", "биология", "учитель, биология"),
    ("учитель биологии", "биология", "учитель биологии"),
    ("учитель", "математика", "учитель, математика"),
    ("учитель русского языка и литературы", "русский язык и литература", "учитель русского языка и литературы"),
    ("учитель (физика)", "математика", "учитель (физика), математика"),  # another subject: both said
    ("педагог-психолог", "педагог-психолог", "педагог-психолог"),
    ("учитель (труд (технология))", "труд (технология)", "учитель, труд (технология)"),
    ("учитель начальных классов", "начальные классы", "учитель начальных классов"),
    ("", "химия", "химия"),
    ("учитель", "", "учитель"),
]


@pytest.mark.parametrize("position, subject, post", POSITIONS)
def test_a_position_names_its_subject_once(position, subject, post):
    assert post_of(position, subject) == post


NAMES = [
    ("Яковлева Елена Павловна", "gent", "Яковлевой Елены Павловны", "Е. П. Яковлева"),
    ("Петрова Анна Сергеевна", "accs", "Петрову Анну Сергеевну", "А. С. Петрова"),
    ("Петрова А. С.", "datv", "Петровой А. С.", "А. С. Петрова"),
    ("Шевченко Тарас Григорьевич", "gent", "Шевченко Тараса Григорьевича", "Т. Г. Шевченко"),
    ("ФИО куратора", "gent", "ФИО куратора", "ФИО куратора"),  # a placeholder is no name: as written
    ("kurator@school.example", "datv", "kurator@school.example", "kurator@school.example"),
]


@pytest.mark.parametrize("name, case, form, signature", NAMES)
def test_names_in_documents_declined_and_signed_placeholders_kept(name, case, form, signature):
    assert declined(name, case) == form
    assert signed(name) == signature
    assert is_person_name(name) == (name[0] != "ф" and "@" not in name and not name.startswith("ФИО"))


@pytest.mark.parametrize("n, key, text", [
    (1, "years_forms", "1 год"), (3, "years_forms", "3 года"), (5, "years_forms", "5 лет"),
    (11, "years_forms", "11 лет"), (21, "years_forms", "21 год"), (22, "years_gen_forms", "22 лет"),
    (1, "years_gen_forms", "1 года"), (9, "months_forms", "9 месяцев"), (2, "months_forms", "2 месяца"),
])
def test_numbers_agree_with_their_noun(n, key, text):
    assert counted(n, key) == text


def test_the_regulation_title_and_the_position_are_put_in_case():
    assert head_in_case("Положение о системе наставничества", "ablt") == "Положением о системе наставничества"
    assert head_in_case("Директор", "gent", lower=True) == "директора"
    assert head_in_case("О наставничестве", "ablt") is None
    odd = DocumentSettings(regulation_title="О наставничестве", regulation="от 01.09.2025 № 12")
    assert regulation_ground(SCHOOL, odd) == ("локальным нормативным актом «О наставничестве» МБОУ СОШ № 26, "
                                              "утверждённым приказом от 01.09.2025 № 12")


ROADMAP = [
    {"stage_no": "1", "stage": "Подготовка", "event": "Приказ «О реализации целевой модели наставничества» с "
     "Положением", "due": "30.09.2026", "status": "запланировано", "owner": "руководитель"},
    {"stage_no": "2", "stage": "Банк", "event": "Анкета", "due": "31.10.2026", "status": "выполнено", "owner": "куратор"},
    {"stage_no": "2", "stage": "Банк", "event": "Банк", "due": "31.10.2026", "status": "просрочено", "owner": "куратор"},
    {"stage_no": "6", "stage": "Итоги", "event": "Мониторинг", "due": "31.05.2027", "status": "", "owner": "куратор"},
]


@pytest.mark.parametrize("order_date, year_end, dues, note", [
    ("27.11.2026", "31.05", ["27.11.2026 (настоящий приказ)", "31.10.2026 (выполнено)",
                             "31.12.2026 (перенесено: срок 31.10.2026 прошёл до издания приказа)", "31.05.2027"],
     "31.12.2026"),
    # a late order: moved no later than the school year's end
    ("20.05.2027", "25.05", ["20.05.2027 (настоящий приказ)", "31.10.2026 (выполнено)",
                             "25.05.2027 (перенесено: срок 31.10.2026 прошёл до издания приказа)", "31.05.2027"],
     "25.05.2027"),
    # an order made in time changes nothing
    ("01.09.2026", "31.05", ["30.09.2026", "31.10.2026", "31.10.2026", "31.05.2027"], ""),
])
def test_an_implementation_order_made_mid_year_shows_no_past_deadline(order_date, year_end, dues, note):
    settings = DocumentSettings.from_section({"order_date": order_date})
    fill = implementation_fill(SCHOOL, settings, dt.date(2026, 11, 27), ROADMAP, year=SchoolYear.from_text(year_end))
    assert [e["due"] for e in fill.rows["roadmap"]] == dues
    assert [e["stage"] for e in fill.rows["roadmap"]][:2] == ["1. Подготовка", "2. Банк"]
    assert (note in fill.values["roadmap_note"]) if note else fill.values["roadmap_note"] == ""


def test_default_monitoring_dates_already_past_are_left_out():
    settings = DocumentSettings.from_section({"order_date": "15.01.2027"})
    fill = implementation_fill(SCHOOL, settings, dt.date(2027, 1, 15), [])
    assert [(m["no"], m["date"]) for m in fill.rows["monitoring"]] == [("1", "25.05.2027")]
