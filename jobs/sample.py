"""Synthetic staff for a sample workspace: realistic, reproducible, with deliberate errors.

Every person here is invented: names are combined at random from common Russian name parts and
e-mails use the reserved ``.example`` domain. About 40% are mentors. A handful of rows carry a
deliberate data error of a known kind, and a few lack a consent, so a new user sees `validate`
at work; `Sample.errors` lists exactly which rows must come out as «Ошибка».
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sheets_schema import ru, vocabulary as v

FEMALE = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина",
          "Юлия", "Анастасия", "Дарья", "Марина", "Людмила", "Галина", "Валентина", "Ксения", "Алина",
          "Полина", "Виктория", "Софья", "Надежда", "Вера", "Любовь", "Оксана"]
MALE = ["Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Максим", "Владимир", "Игорь",
        "Николай", "Павел", "Михаил", "Евгений", "Артём", "Роман", "Олег", "Виктор", "Илья", "Кирилл"]
FATHERS = ["Александров", "Сергеев", "Андреев", "Дмитриев", "Алексеев", "Владимиров", "Николаев",
           "Павлов", "Михайлов", "Викторов", "Петров", "Иванов", "Юрьев", "Олегов", "Борисов", "Геннадьев"]
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
            "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
            "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
            "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
            "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
            "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
            "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев"]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
SUBJECT_WEIGHTS = {
    "начальные классы": 6, "русский язык и литература": 5, "математика": 5, "английский язык": 3,
    "история и обществознание": 2, "физика": 1.5, "химия": 1, "биология": 1.5, "география": 1,
    "информатика": 1.5, "физическая культура": 2, "музыка": 0.7, "изобразительное искусство": 0.7,
    "труд (технология)": 1, "ОБЗР": 0.5, "немецкий язык": 0.5, "педагог-психолог": 0.5,
    "социальный педагог": 0.3, "педагог дополнительного образования": 0.8,
}
POSITIONS = {
    "педагог-психолог": "педагог-психолог",
    "социальный педагог": "социальный педагог",
    "педагог дополнительного образования": "педагог дополнительного образования",
    "начальные классы": "учитель начальных классов",
}
DOMAIN = "school26.example"
SAMPLE_FORMS = (v.FORM_ONE_TO_ONE, v.FORM_GROUP, v.FORM_VIRTUAL)  # the forms the sample's staff choose

# Kinds of deliberate errors, cycled in this order.
ERROR_KINDS = [
    "years_in_words",
    "bad_email",
    "impossible_date",
    "capacity_too_big",
    "unknown_subject",
    "future_consent",
    "duplicate_email",
    "mixed_script_name",
    "formula_in_name",
    "years_out_of_range",
    "in_both_banks",
    "missing_name",
]


@dataclass(frozen=True)
class DeliberateError:
    tab: str  # table key: "mentees" or "mentors"
    row: int  # sheet row number (header is row 1)
    kind: str


@dataclass
class Sample:
    mentees: list[dict[str, str]] = field(default_factory=list)
    mentors: list[dict[str, str]] = field(default_factory=list)
    errors: list[DeliberateError] = field(default_factory=list)

    def rows(self, tab: str) -> list[dict[str, str]]:
        return self.mentees if tab == "mentees" else self.mentors


def _female(word: str) -> str:
    if word.endswith(("ов", "ев", "ёв", "ин")):
        return word + "а"
    return word


def _translit(word: str) -> str:
    return "".join(TRANSLIT.get(ch, ch) for ch in word.lower())


class _Generator:
    def __init__(self, seed: int, today: dt.date):
        self.rnd = random.Random(seed)
        self.today = today
        self.emails: set[str] = set()

    def date(self, low_days: int, high_days: int, fmt: str | None = None) -> str:
        day = self.today - dt.timedelta(days=self.rnd.randint(low_days, high_days))
        fmt = fmt or self.rnd.choices(["%d.%m.%Y", "%Y-%m-%d", "%-d.%-m.%y"], weights=[8, 1, 1])[0]
        return day.strftime(fmt)

    def person(self, mentor: bool) -> dict[str, str]:
        r = self.rnd
        female = r.random() < 0.8
        first = r.choice(FEMALE if female else MALE)
        father = r.choice(FATHERS)
        patronymic = father + ("на" if female else "ич")
        if father.endswith("ев") and not female:
            patronymic = father + "ич"
        surname = r.choice(SURNAMES)
        surname = _female(surname) if female else surname
        base = f"{_translit(surname)}.{_translit(first)[0]}{_translit(patronymic)[0]}"
        email, n = f"{base}@{DOMAIN}", 1
        while email in self.emails:
            n += 1
            email = f"{base}{n}@{DOMAIN}"
        self.emails.add(email)
        subject = r.choices(list(SUBJECT_WEIGHTS), weights=list(SUBJECT_WEIGHTS.values()))[0]
        position = POSITIONS.get(subject, f"учитель ({subject})" if subject not in POSITIONS else subject)
        if subject == "начальные классы":
            levels = [v.LEVEL_PRIMARY]
        else:
            levels = r.sample(["основное общее", "среднее общее"], k=r.randint(1, 2))
            levels.sort(key=ru.LEVELS.index)
        years = r.randint(8, 38) if mentor else r.choices([0, 1, 2, 3, 4, 6, 12, 20], weights=[5, 6, 5, 4, 2, 1, 1, 1])[0]
        young = v.ANSWER_YES if (not mentor and years <= 5 and r.random() < 0.85) or (mentor and r.random() < 0.1) else v.ANSWER_NO
        row = {
            "full_name": f"{surname} {first} {patronymic}",
            "email": email if r.random() > 0.05 else f"  {email.upper()} ",
            "position": position,
            "subject": subject,
            "levels": ", ".join(levels),
            "years": str(years),
            "category": r.choice([v.CATEGORY_FIRST, v.CATEGORY_HIGHEST, v.CATEGORY_HIGHEST, v.CATEGORY_MENTOR]) if mentor
            else r.choice([v.CATEGORY_NONE, v.CATEGORY_NONE, v.CATEGORY_COMPLIANCE, v.CATEGORY_FIRST]),
            "young": young,
            "timetable": ", ".join(sorted(r.sample(v.WEEKDAYS, k=r.randint(1, 3)), key=ru.DAYS.index)),
            "pd_consent": self.date(5, 200) if r.random() > 0.05 else "",
        }
        if mentor:
            row.update({
                "competences": ", ".join(r.sample(ru.DIFFICULTIES, k=r.randint(2, 5))),
                "capacity": str(r.choice([1, 2, 2, 3])),
                "preferred_forms": ", ".join(r.sample(SAMPLE_FORMS, k=r.randint(1, 2))),
                "motivation": r.choice(["передать опыт молодым коллегам", "профессиональный рост",
                                        "помочь школе", "хочу попробовать себя в роли наставника"]),
                "past_mentoring": r.choice(["да, 2 года", "нет", "да, более 5 лет", ""]),
                "trained": r.choice([v.ANSWER_YES, v.ANSWER_YES, v.ANSWER_NO]),
                "duty_consent": self.date(5, 150) if r.random() > 0.06 else "",
            })
        else:
            row.update({
                "difficulties": ", ".join(r.sample(ru.DIFFICULTIES, k=r.randint(1, 3))),
                "preferred_form": r.choice([*SAMPLE_FORMS, ""]),
            })
        return row


def _inject(sample: Sample, gen: _Generator, kind: str, used: set[tuple[str, int]]) -> None:
    r = gen.rnd
    tab = "mentors" if kind == "capacity_too_big" else r.choice(["mentees", "mentors"])
    rows = sample.rows(tab)
    free = [i for i in range(len(rows)) if (tab, i) not in used]
    if not free:
        return
    i = r.choice(free)
    row = rows[i]

    def mark(t: str, index: int) -> None:
        used.add((t, index))
        sample.errors.append(DeliberateError(t, index + 2, kind))

    if kind == "years_in_words":
        row["years"] = r.choice(["двадцать", "пять лет", "много"])
    elif kind == "bad_email":
        row["email"] = row["email"].strip().split("@")[0] + "@school26"
    elif kind == "impossible_date":
        row["pd_consent"] = r.choice(["31.02.2025", "30.02.2026", "32.01.2026"])
    elif kind == "capacity_too_big":
        row["capacity"] = r.choice(["9", "12", "0"])
    elif kind == "unknown_subject":
        row["subject"] = r.choice(["Матем.", "физра", "англ"])
    elif kind == "future_consent":
        row["pd_consent"] = (gen.today + dt.timedelta(days=r.randint(20, 90))).strftime("%d.%m.%Y")
    elif kind == "mixed_script_name":
        row["full_name"] = row["full_name"].replace("а", "a", 1).replace("о", "o", 1)
        if row["full_name"] == row["full_name"].replace("a", "").replace("o", ""):
            row["full_name"] = "Ивaнова Анна Петровна"
    elif kind == "formula_in_name":
        row["full_name"] = '=HYPERLINK("http://example.invalid";"' + row["full_name"].split()[0] + '")'
    elif kind == "years_out_of_range":
        row["years"] = r.choice(["75", "-3", "120"])
    elif kind == "missing_name":
        row["full_name"] = ""
    elif kind in ("duplicate_email", "in_both_banks"):
        other_tab = tab if kind == "duplicate_email" else ("mentees" if tab == "mentors" else "mentors")
        others = [j for j in range(len(sample.rows(other_tab)))
                  if (other_tab, j) not in used and (other_tab, j) != (tab, i)]
        if not others:
            return
        j = r.choice(others)
        row["email"] = sample.rows(other_tab)[j]["email"].strip().lower()
        mark(other_tab, j)
    mark(tab, i)


def generate(count: int, seed: int, today: dt.date) -> Sample:
    """`count` synthetic staff (≈40% mentors) with a handful of deliberate errors."""
    gen = _Generator(seed, today)
    sample = Sample()
    mentors = max(1, round(count * 0.4)) if count > 1 else 0
    for i in range(count):
        if i % 5 in (1, 3) and len(sample.mentors) < mentors:
            sample.mentors.append(gen.person(mentor=True))
        else:
            sample.mentees.append(gen.person(mentor=False))
    names = [m["full_name"] for m in sample.mentors]
    for row in sample.mentees:
        if names and gen.rnd.random() < 0.15:
            row["preferred_mentor"] = gen.rnd.choice(names)
    if count >= 5:
        used: set[tuple[str, int]] = set()
        errors = max(3, round(count * 0.04))
        for k in range(errors):
            _inject(sample, gen, ERROR_KINDS[k % len(ERROR_KINDS)], used)
    sample.errors.sort(key=lambda e: (e.tab, e.row))
    return sample
